/* check_schedule.c - schedules and services: providers, offices, days and
 * hours. */
#include "check_internal.h"

#include <string.h>

#include "pol/runtime.h"

/* A time of day: 00:00 to 24:00; 24:00 only closes. */
static bool check_time(struct checker *c, const struct time_lit *t, bool closing)
{
	if (t->hour > 24 || t->minute > 59 || (t->hour == 24 && t->minute > 0) ||
	    (t->hour == 24 && !closing)) {
		diag_error(c->diags, "bad-time", t->loc,
			   "%02d:%02d is not a time of day (00:00 to 24:00)",
			   t->hour, t->minute);
		return false;
	}
	return true;
}

/* A day or a day range, Mon = 0; false (reported) when a day is unknown
 * or the range runs backwards.  hint ends the message of the latter. */
static bool day_range(struct checker *c, const struct day_item *it, const char *hint,
		      int *from, int *to)
{
	*from = check_weekday(c, &it->from);
	*to = it->to.text ? check_weekday(c, &it->to) : *from;
	if (*from < 0 || *to < 0)
		return false;
	if (*to < *from) {
		diag_error(c->diags, "empty-range", it->loc,
			   "day range %s..%s is empty: weeks run Mon to Sun%s",
			   it->from.text, it->to.text, hint);
		return false;
	}
	return true;
}

/* Each interval opens before it closes, and each starts after the one
 * before it has closed: "09:00-12:30 and 13:30-17:00". */
static void check_hours(struct checker *c, const struct hours *h)
{
	int prev_close = -1;
	for (unsigned i = 0; h->present && i < h->n; i++) {
		const struct time_lit *o = &h->open[i], *k = &h->close[i];
		bool ok = check_time(c, o, false);
		ok = check_time(c, k, true) && ok;
		if (!ok) {
			prev_close = -1;
			continue;
		}
		int open = o->hour * 60 + o->minute;
		int close = k->hour * 60 + k->minute;
		struct pol_loc at = loc_span(o->loc, k->loc);
		if (close <= open)
			diag_error(c->diags, "bad-hours", at,
				   "closing time %02d:%02d is not after opening time %02d:%02d",
				   k->hour, k->minute, o->hour, o->minute);
		else if (prev_close >= 0 && open <= prev_close)
			diag_error(c->diags, "bad-hours", at,
				   "opening hours %02d:%02d-%02d:%02d start before the "
				   "hours before them have ended (%02d:%02d); give them "
				   "in order, apart", o->hour, o->minute, k->hour,
				   k->minute, prev_close / 60, prev_close % 60);
		prev_close = close;
	}
}

/* The days of an 'except' part: each must be among the days of its open
 * line, and given once. */
static void check_excepts(struct checker *c, struct open_clause *o)
{
	uint8_t taken = 0;
	for (size_t i = 0; i < o->excepts.n; i++) {
		struct except_clause *x = o->excepts.items[i];
		x->mask = 0;
		for (size_t k = 0; k < x->days.n; k++) {
			struct day_item *it = x->days.items[k];
			int from, to;
			if (!day_range(c, it, "", &from, &to))
				continue;
			for (int d = from; d <= to; d++) {
				if (!(o->mask & (1u << d))) {
					diag_error(c->diags, "except-not-open", it->loc,
						   "%s is not among the days of this 'open' line, "
						   "so it cannot be an exception to it",
						   check_weekday_names[d]);
				} else if (taken & (1u << d)) {
					diag_error(c->diags, "duplicate-day", it->loc,
						   "%s is excepted twice", check_weekday_names[d]);
				} else {
					taken |= (uint8_t)(1u << d);
					x->mask |= (uint8_t)(1u << d);
				}
			}
		}
		check_hours(c, &x->hours);
		if (x->hours.present && !o->hours.present)
			diag_error(c->diags, "except-hours", x->loc,
				   "an exception gives hours, but its 'open' line gives "
				   "none; give the line's hours too");
	}
}

/* open|closed on DATE, from DATE until DATE: valid dates in order, and no
 * date given twice in the schedule. */
static void check_dates(struct checker *c, struct schedule *s)
{
	for (size_t i = 0; i < s->on_dates.n; i++) {
		struct date_clause *dc = s->on_dates.items[i];
		if (s->is_service) {
			diag_error(c->diags, "dated-service-hours", dc->loc,
				   "a service gives its days and hours for every week; a date "
				   "it keeps other hours belongs in a version of the service "
				   "('from DATE until DATE')");
			continue;
		}
		bool ok = check_date(c, &dc->from);
		if (dc->is_range)
			ok = check_date(c, &dc->until) && ok;
		else
			dc->until = dc->from;
		if (!ok)
			continue;
		check_hours(c, &dc->hours);
		if (dc->until.days < dc->from.days) {
			diag_error(c->diags, "ends-before-start", dc->until.loc,
				   "the dates run backwards: %04d-%02d-%02d is before "
				   "%04d-%02d-%02d", dc->until.year, dc->until.month,
				   dc->until.day, dc->from.year, dc->from.month,
				   dc->from.day);
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			const struct date_clause *e = s->on_dates.items[j];
			if (!e->from.valid || !e->until.valid || e->until.days < e->from.days)
				continue;
			if (e->from.days <= dc->until.days && dc->from.days <= e->until.days) {
				int32_t at = dc->from.days > e->from.days ? dc->from.days : e->from.days;
				char d[POL_DATE_BUFSIZE];
				pol_date_format(at, d);
				struct diag *g = diag_error(c->diags, "duplicate-date", dc->loc,
							    "%s is given twice", d);
				diag_note(c->diags, g, e->loc, "first given here");
				break;
			}
		}
	}
}

/* Days of one 'open' line as a mask; reports days given twice in the
 * schedule (seen holds the days of the lines before, and where). */
static void check_days(struct checker *c, struct open_clause *o,
		       struct pol_loc seen_at[7], uint8_t *seen)
{
	o->mask = 0;
	for (size_t i = 0; i < o->days.n; i++) {
		struct day_item *it = o->days.items[i];
		int from, to;
		if (!day_range(c, it, "; list the days instead", &from, &to))
			continue;
		for (int d = from; d <= to; d++) {
			if (*seen & (1u << d)) {
				struct diag *g = diag_error(c->diags, "duplicate-day", it->loc,
							    "%s is given twice",
							    check_weekday_names[d]);
				diag_note(c->diags, g, seen_at[d], "first given here");
				continue;
			}
			*seen |= (uint8_t)(1u << d);
			seen_at[d] = it->loc;
			o->mask |= (uint8_t)(1u << d);
		}
	}
}

static void check_one(struct checker *c, struct schedule *s)
{
	const char *what = s->is_service ? "service" : "schedule";
	s->provider_decl = check_resolve(c, &s->provider, KIND(DECL_PROVIDER),
					 "provider");
	for (size_t i = 0; i < s->offices.n; i++) {
		struct name *n = s->offices.items[i];
		for (size_t j = 0; j < i; j++) {
			struct name *m = s->offices.items[j];
			if (strcmp(n->text, m->text) == 0) {
				struct diag *g = diag_error(c->diags, "duplicate-name", n->loc,
							    "office '%s' is listed twice", n->text);
				diag_note(c->diags, g, m->loc, "first listed here");
				goto next;
			}
		}
		struct decl *d = check_resolve(c, n, KIND(DECL_OFFICE), "office");
		if (d)
			vec_push(c->arena, &s->office_decls, d);
	next:;
	}
	uint8_t seen = 0;
	struct pol_loc seen_at[7];
	memset(seen_at, 0, sizeof(seen_at));
	for (size_t i = 0; i < s->opens.n; i++) {
		struct open_clause *o = s->opens.items[i];
		check_days(c, o, seen_at, &seen);
		check_hours(c, &o->hours);
		check_excepts(c, o);
	}
	check_dates(c, s);
	check_validity(c, &s->in_force, what);
	if (s->closed && s->is_service) {
		diag_error(c->diags, "closed-service", s->closed_loc,
			   "a service cannot be 'closed'; give the days it is open, "
			   "or none");
	} else if (s->closed && s->opens.n) {
		struct open_clause *o = s->opens.items[0];
		struct diag *g = diag_error(c->diags, "open-and-closed", s->closed_loc,
					    "schedule says both 'closed' and 'open'");
		diag_note(c->diags, g, o->loc, "'open' is here");
	} else if (!s->closed && !s->opens.n && !s->is_service && !s->on_dates.n) {
		diag_error(c->diags, "no-opening", s->loc,
			   "schedule says neither 'open DAYS' nor 'closed'");
	}
	check_cited(c, &s->annots, s->loc, what);
}

void check_schedules(struct checker *c)
{
	for (size_t i = 0; i < c->set->schedules.n; i++)
		check_one(c, c->set->schedules.items[i]);
}
