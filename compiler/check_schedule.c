/* check_schedule.c - schedules and services: providers, offices, days and
 * hours. */
#include "check_internal.h"

#include <string.h>

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

static void check_hours(struct checker *c, const struct hours *h)
{
	if (!h->present)
		return;
	bool ok = check_time(c, &h->open, false);
	ok = check_time(c, &h->close, true) && ok;
	if (!ok)
		return;
	int open = h->open.hour * 60 + h->open.minute;
	int close = h->close.hour * 60 + h->close.minute;
	if (close <= open)
		diag_error(c->diags, "bad-hours", h->loc,
			   "closing time %02d:%02d is not after opening time %02d:%02d",
			   h->close.hour, h->close.minute, h->open.hour, h->open.minute);
}

/* Days of one 'open' line as a mask; reports days given twice in the
 * schedule (seen holds the days of the lines before, and where). */
static void check_days(struct checker *c, struct open_clause *o,
		       struct pol_loc seen_at[7], uint8_t *seen)
{
	o->mask = 0;
	for (size_t i = 0; i < o->days.n; i++) {
		struct day_item *it = o->days.items[i];
		int from = check_weekday(c, &it->from);
		int to = it->to.text ? check_weekday(c, &it->to) : from;
		if (from < 0 || to < 0)
			continue;
		if (to < from) {
			diag_error(c->diags, "empty-range", it->loc,
				   "day range %s..%s is empty: weeks run Mon to Sun; "
				   "list the days instead", it->from.text, it->to.text);
			continue;
		}
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
	}
	if (s->closed && s->is_service) {
		diag_error(c->diags, "closed-service", s->closed_loc,
			   "a service cannot be 'closed'; give the days it is open, "
			   "or none");
	} else if (s->closed && s->opens.n) {
		struct open_clause *o = s->opens.items[0];
		struct diag *g = diag_error(c->diags, "open-and-closed", s->closed_loc,
					    "schedule says both 'closed' and 'open'");
		diag_note(c->diags, g, o->loc, "'open' is here");
	} else if (!s->closed && !s->opens.n && !s->is_service) {
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
