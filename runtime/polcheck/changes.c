/* changes.c - polcheck changes FROM TO [--area AREA] [--provider PROVIDER]:
 * every decision that changes on a date from FROM to TO, in date order,
 * with what it was before, what it is after, and the quotes behind it.
 *
 * An activity changes on a date when its answer the day before shows an
 * officer something else (permitted, status, limits, conditions, or
 * whether the plan covers it): looked at on its entries' dates and where
 * its plans start and end, so a 'no change' entry is none.  Without
 * --area, each change is listed once, for the area whose timeline says
 * it; with --area, every change that area sees, its nation's included.
 * An office changes where a schedule of it starts or ends (when the week
 * differs) and where a date line starts ('closed on 2021-05-03'); --area
 * keeps the offices in the area, --provider those of one provider.
 * Contact rules change where a version of a provider's rules starts, or
 * ends with none after it (not with --area: rules are not by area).
 */
#include <stdlib.h>
#include <string.h>

#include "polcheck.h"

/* One change: of an activity in an area (entries before and after, -1
 * for none: not covered), or of a provider's office (the schedule in
 * force before and after, -1 for none; or a date line of the schedule). */
struct change {
	int32_t days;
	bool office;
	bool contact;			/* before, after: contact tables */
	uint32_t activity, area;	/* office: provider, office */
	int32_t before, after;		/* entries, or schedules */
	int32_t date_line;		/* office: a date line's index, or -1 */
};

static void office_change_json(struct out *o, const struct pol_policy *p,
			       const struct change *c);
static void change_head(struct out *o, const struct change *c, const char *kind,
			bool *f);
static void office_change_plain(struct out *o, const struct pol_policy *p,
				const struct change *c);
static void contact_change_json(struct out *o, const struct pol_policy *p,
				const struct change *c);
static void contact_change_plain(struct out *o, const struct pol_policy *p,
				 const struct change *c);

static int by_date(const void *pa, const void *pb)
{
	const struct change *a = pa, *b = pb;
	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	if (a->office != b->office)
		return a->office ? -1 : 1;
	if (a->contact != b->contact)
		return a->contact ? -1 : 1;
	if (a->activity != b->activity)
		return a->activity < b->activity ? -1 : 1;
	if (a->area != b->area)
		return a->area < b->area ? -1 : 1;
	return 0;
}

static bool same_conditions(const struct pol_policy *p, const struct pol_entry *a,
			    const struct pol_entry *b);


/* Whether two entries (NULL: not covered) show an officer the same. */
static bool same_state(const struct pol_policy *p, const struct pol_entry *a,
		       const struct pol_entry *b)
{
	if (!a || !b)
		return a == b;
	return a->permitted == b->permitted &&
	       (a->status == b->status ||
		(a->status && b->status && strcmp(a->status, b->status) == 0)) &&
	       memcmp(a->limits, b->limits, sizeof(a->limits)) == 0 &&
	       same_conditions(p, a, b);
}

/* The list being built: counted on the first pass (v NULL), filled on
 * the second. */
struct changes {
	struct change *v;
	size_t n;
};

static void add(struct changes *cs, struct change c)
{
	if (cs->v)
		cs->v[cs->n] = c;
	cs->n++;
}

/* The dates a timeline cell's answer can change on: its entries' dates
 * and the ends of its plans' dates. */
static void activity_cell(const struct pol_policy *p, uint32_t a, uint32_t r,
			  int32_t from, int32_t to, bool every_area,
			  struct changes *cs)
{
	const struct pol_timeline_cell *cell = &p->timeline_cells[a * p->n_areas + r];
	uint32_t n = cell->count + 2;
	for (uint32_t i = 0; i < n; i++) {
		int32_t d = i < cell->count ? p->entries[cell->first + i].days
			  : i == cell->count ? cell->covered_from
			  : cell->covered_until == POL_NO_END ? POL_NO_DATE
			  : cell->covered_until + 1;
		if (d == POL_NO_DATE || d < from || d > to || d <= POL_DAY_FIRST)
			continue;
		/* a date two entries share is looked at once */
		bool seen = false;
		for (uint32_t k = 0; k < i && !seen; k++) {
			int32_t e = k < cell->count ? p->entries[cell->first + k].days
				  : cell->covered_from;
			seen = e == d;
		}
		if (seen)
			continue;
		struct pol_activity_answer was, is;
		if (pol_activity(p, a, r, d - 1, &was) != 0 ||
		    pol_activity(p, a, r, d, &is) != 0 ||
		    same_state(p, was.entry, is.entry))
			continue;
		/* listed once, for the area whose timeline says it, unless
		 * an area was asked for */
		const struct pol_entry *by = is.entry ? is.entry : was.entry;
		if (!every_area && by->area != (int32_t)r)
			continue;
		add(cs, (struct change){ d, false, false, a, r, was.entry_id, is.entry_id, -1 });
	}
}

/* Whether two schedules (-1: none) give the same week. */
static bool same_week(const struct pol_policy *p, int32_t x, int32_t y)
{
	if (x < 0 || y < 0)
		return x == y;
	const struct pol_schedule *a = &p->schedules[x], *b = &p->schedules[y];
	if (a->days != b->days)
		return false;
	for (int d = 0; d < 7; d++) {
		if (!((a->days >> d) & 1u))
			continue;
		if (a->week[d].count != b->week[d].count)
			return false;
		for (uint32_t k = 0; k < a->week[d].count; k++) {
			const struct pol_interval *u = &p->intervals[a->week[d].first + k];
			const struct pol_interval *v = &p->intervals[b->week[d].first + k];
			if (u->open_minute != v->open_minute || u->close_minute != v->close_minute)
				return false;
		}
	}
	return true;
}

/* A provider's office: where a schedule starts or ends, the week it
 * keeps; where a date line of it starts, what the line does to the day. */
static void office_cell(const struct pol_policy *p, uint32_t prov, uint32_t off,
			int32_t from, int32_t to, struct changes *cs)
{
	const struct pol_office_cell *cell = &p->office_cells[prov * p->n_offices + off];
	for (uint32_t i = 0; i < cell->count; i++) {
		int32_t id = (int32_t)p->cell_schedules[cell->first + i];
		const struct pol_schedule *s = &p->schedules[id];
		if (s->is_service)
			break;
		int32_t ends[2] = { s->first, s->last == POL_NO_END ? POL_NO_DATE : s->last + 1 };
		for (int k = 0; k < 2; k++) {
			int32_t d = ends[k];
			if (d == POL_NO_DATE || d < from || d > to || d <= POL_DAY_FIRST)
				continue;
			struct pol_office_answer was, is;
			if (pol_office_on_day(p, prov, off, 0, d - 1, &was) != 0 ||
			    pol_office_on_day(p, prov, off, 0, d, &is) != 0)
				continue;
			/* the next version's start is listed by that version */
			if (k == 1 && is.schedule >= 0)
				continue;
			if (same_week(p, was.schedule, is.schedule))
				continue;
			add(cs, (struct change){ d, true, false, prov, off, was.schedule, is.schedule, -1 });
		}
		for (uint32_t k = 0; k < s->n_dates; k++) {
			const struct pol_date_hours *dh = &p->date_hours[s->first_date + k];
			if (dh->first < from || dh->first > to)
				continue;
			struct pol_office_answer week, day;
			if (pol_office_on_day(p, prov, off, pol_weekday(dh->first), dh->first,
					      &week) != 0 ||
			    pol_office_on_date(p, prov, off, dh->first, &day) != 0 ||
			    day.schedule != id)
				continue;
			add(cs, (struct change){ dh->first, true, false, prov, off, id, id,
						 (int32_t)(s->first_date + k) });
		}
	}
}

/* A provider's contact rules: where a version starts, or one ends with
 * none after it. */
static void contact_cell(const struct pol_policy *p, uint32_t prov, int32_t from,
			 int32_t to, struct changes *cs)
{
	for (int32_t t = (int32_t)prov; t >= 0; t = p->contact[t].next) {
		const struct pol_contact_table *k = &p->contact[t];
		int32_t ends[2] = { k->first, k->last == POL_NO_END ? POL_NO_DATE : k->last + 1 };
		for (int e = 0; e < 2; e++) {
			int32_t d = ends[e];
			if (d == POL_NO_DATE || d < from || d > to || d <= POL_DAY_FIRST)
				continue;
			int32_t was = pol_contact_table_on(p, prov, d - 1);
			int32_t is = pol_contact_table_on(p, prov, d);
			if (was == is || (e == 1 && is >= 0))
				continue;
			struct change c = { d, false, true, prov, 0, was, is, -1 };
			add(cs, c);
		}
		if (k->next >= 0 && k->next <= t)
			break;
	}
}

/* Every change in [from, to], for one area and one provider when given
 * (-1 for all). */
static void collect(const struct pol_policy *p, int32_t from, int32_t to,
		    int32_t area, int32_t provider, struct changes *cs)
{
	cs->n = 0;
	for (uint32_t a = 0; a < p->n_activities; a++)
		for (uint32_t r = 0; r < p->n_areas; r++)
			if (area < 0 || r == (uint32_t)area)
				activity_cell(p, a, r, from, to, area >= 0, cs);
	for (uint32_t pr = 0; pr < p->n_providers; pr++)
		for (uint32_t o = 0; o < p->n_offices; o++)
			if ((provider < 0 || pr == (uint32_t)provider) &&
			    (area < 0 || p->offices[o].area == (uint32_t)area ||
			     p->areas[p->offices[o].area].parent == area))
				office_cell(p, pr, o, from, to, cs);
	if (area < 0)
		for (uint32_t pr = 0; pr < p->n_providers; pr++)
			if (provider < 0 || pr == (uint32_t)provider)
				contact_cell(p, pr, from, to, cs);
	if (cs->v && cs->n > 1)
		qsort(cs->v, cs->n, sizeof(*cs->v), by_date);
}

/* {"covered","permitted","status","limits","conditions"[,"step"]}. */
static void state_json(struct out *o, const struct pol_policy *p,
		       const struct pol_entry *e, bool with_step)
{
	bool first = true;
	out_putc(o, '{');
	out_json_key(o, "covered", &first);
	out_puts(o, e ? "true" : "false");
	out_json_key(o, "permitted", &first);
	out_puts(o, e && e->permitted ? "true" : "false");
	out_json_key(o, "status", &first);
	out_json_string(o, e ? e->status : NULL);
	entry_terms_json(o, p, e, &first);
	if (with_step) {
		out_json_key(o, "step", &first);
		out_json_string(o, e && e->step >= 0 ? p->steps[e->step].name : NULL);
	}
	out_putc(o, '}');
}

/* {"date", "kind", "subject": - the opening every change shares. */
static void change_head(struct out *o, const struct change *c, const char *kind,
			bool *f)
{
	out_putc(o, '{');
	out_json_key(o, "date", f);
	json_date(o, c->days);
	out_json_key(o, "kind", f);
	out_json_string(o, kind);
	out_json_key(o, "subject", f);
}

static void change_json(struct out *o, const struct pol_policy *p,
			const struct change *c, bool *first)
{
	if (!*first)
		out_putc(o, ',');
	*first = false;
	if (c->office) {
		office_change_json(o, p, c);
		return;
	}
	if (c->contact) {
		contact_change_json(o, p, c);
		return;
	}
	const struct pol_entry *e = c->after >= 0 ? &p->entries[c->after] : NULL;
	const struct pol_entry *was = c->before >= 0 ? &p->entries[c->before] : NULL;
	bool f = true;
	change_head(o, c, "activity", &f);
	out_lit(o, "{\"activity\":");
	out_json_string(o, p->activities[c->activity].name);
	out_lit(o, ",\"area\":");
	out_json_string(o, p->areas[c->area].name);
	out_putc(o, '}');
	out_json_key(o, "before", &f);
	state_json(o, p, was, false);
	out_json_key(o, "after", &f);
	state_json(o, p, e, true);
	out_json_key(o, "reasons", &f);
	out_putc(o, '[');
	bool fr = true;
	if (e)
		cite_json(o, p, &e->source, NULL, &fr);
	out_lit(o, "]}");
}

/* A schedule's week in words: "Mon, Wed, Fri 09:00-17:00", "closed",
 * or "not covered" for none. */
static void week_words(struct out *o, bool json, const struct pol_policy *p,
		       int32_t schedule)
{
	if (schedule < 0) {
		put_words(o, json, "not covered", 11);
		return;
	}
	const struct pol_schedule *s = &p->schedules[schedule];
	if (!s->days)
		put_words(o, json, "closed", 6);
	else
		week_text(o, json, p, s);
}

/* The state of an office before or after a change: its week, or for a
 * date line the day (open, hours). */
static void office_state_json(struct out *o, const struct pol_policy *p,
			      int32_t schedule, const struct pol_office_answer *day)
{
	out_lit(o, "{\"covered\":");
	out_puts(o, schedule >= 0 ? "true" : "false");
	if (day) {
		out_lit(o, ",\"open\":");
		out_puts(o, day->open ? "true" : "false");
		if (day->open && day->n_hours) {
			out_lit(o, ",\"hours\":\"");
			for (uint32_t i = 0; i < day->n_hours; i++) {
				if (i)
					out_lit(o, " and ");
				out_hours(o, day->open_minute[i], day->close_minute[i]);
			}
			out_putc(o, '"');
		}
	} else {
		out_lit(o, ",\"week\":\"");
		week_words(o, true, p, schedule);
		out_putc(o, '"');
	}
	out_putc(o, '}');
}

/* The week answer and the date line's answer on a date line's first day. */
static void date_line_days(const struct pol_policy *p, const struct change *c,
			   struct pol_office_answer *week, struct pol_office_answer *day)
{
	pol_office_on_day(p, c->activity, c->area, pol_weekday(c->days), c->days, week);
	pol_office_on_date(p, c->activity, c->area, c->days, day);
}

static void office_change_json(struct out *o, const struct pol_policy *p,
			       const struct change *c)
{
	bool f = true;
	change_head(o, c, "office", &f);
	out_lit(o, "{\"provider\":");
	out_json_string(o, p->providers[c->activity].name);
	out_lit(o, ",\"office\":");
	out_json_string(o, p->offices[c->area].name);
	out_putc(o, '}');
	struct pol_office_answer week, day;
	if (c->date_line >= 0) {
		date_line_days(p, c, &week, &day);
		out_json_key(o, "before", &f);
		office_state_json(o, p, c->before, &week);
		out_json_key(o, "after", &f);
		office_state_json(o, p, c->after, &day);
		out_json_key(o, "until", &f);
		json_date(o, p->date_hours[c->date_line].last);
	} else {
		out_json_key(o, "before", &f);
		office_state_json(o, p, c->before, NULL);
		out_json_key(o, "after", &f);
		office_state_json(o, p, c->after, NULL);
		if (c->after >= 0) {
			out_json_key(o, "until", &f);
			json_date(o, p->schedules[c->after].last);
		}
	}
	out_json_key(o, "reasons", &f);
	out_putc(o, '[');
	bool fr = true;
	if (c->after >= 0)
		cite_json(o, p, &p->schedules[c->after].source, NULL, &fr);
	out_lit(o, "]}");
}

static void office_change_plain(struct out *o, const struct pol_policy *p,
				const struct change *c)
{
	out_date(o, c->days);
	out_lit(o, " office ");
	out_puts(o, p->providers[c->activity].name);
	out_putc(o, ' ');
	out_puts(o, p->offices[c->area].name);
	out_lit(o, ": ");
	if (c->date_line >= 0) {
		struct pol_office_answer week, day;
		date_line_days(p, c, &week, &day);
		const struct pol_date_hours *dh = &p->date_hours[c->date_line];
		out_puts(o, week.open ? "open" : "closed");
		out_lit(o, " -> ");
		out_puts(o, day.open ? "open" : "closed");
		for (uint32_t i = 0; i < day.n_hours; i++) {
			out_puts(o, i ? " and " : " ");
			out_hours(o, day.open_minute[i], day.close_minute[i]);
		}
		if (dh->last != dh->first) {
			out_lit(o, " until ");
			out_date(o, dh->last);
			out_putc(o, '\n');
		} else {
			out_lit(o, " (this date only)\n");
		}
	} else {
		week_words(o, false, p, c->before);
		out_lit(o, " -> ");
		week_words(o, false, p, c->after);
		out_putc(o, '\n');
	}
	if (c->after >= 0)
		cite_plain(o, p, &p->schedules[c->after].source, NULL);
}

/* A contact table's dates as {"covered", "from", "until"}. */
static void rules_state_json(struct out *o, const struct pol_policy *p, int32_t t)
{
	out_lit(o, "{\"covered\":");
	out_puts(o, t >= 0 ? "true" : "false");
	if (t >= 0) {
		out_lit(o, ",\"from\":");
		json_date(o, p->contact[t].first);
		out_lit(o, ",\"until\":");
		json_date(o, p->contact[t].last);
	}
	out_putc(o, '}');
}

/* The quotes of a contact table's rules. */
static void rules_reasons(struct out *o, bool json, const struct pol_policy *p, int32_t t)
{
	bool first = true;
	if (t < 0)
		return;
	const struct pol_contact_table *k = &p->contact[t];
	for (uint32_t i = 0; i < k->n_rules; i++) {
		const struct pol_rule *r = &p->rules[k->first_rule + i];
		if (json)
			cite_json(o, p, &r->source, p->modes[r->mode].name, &first);
		else
			cite_plain(o, p, &r->source, p->modes[r->mode].name);
	}
}

static void contact_change_json(struct out *o, const struct pol_policy *p,
				const struct change *c)
{
	bool f = true;
	change_head(o, c, "contact", &f);
	out_lit(o, "{\"provider\":");
	out_json_string(o, p->providers[c->activity].name);
	out_putc(o, '}');
	out_json_key(o, "before", &f);
	rules_state_json(o, p, c->before);
	out_json_key(o, "after", &f);
	rules_state_json(o, p, c->after);
	out_json_key(o, "reasons", &f);
	out_putc(o, '[');
	rules_reasons(o, true, p, c->after);
	out_lit(o, "]}");
}

/* "rules from 2021-04-12 until 2021-07-31", or "not covered". */
static void rules_words(struct out *o, const struct pol_policy *p, int32_t t)
{
	if (t < 0) {
		out_lit(o, "not covered");
		return;
	}
	out_lit(o, "rules");
	if (p->contact[t].first != POL_NO_DATE) {
		out_lit(o, " from ");
		out_date(o, p->contact[t].first);
	}
	if (p->contact[t].last != POL_NO_END) {
		out_lit(o, " until ");
		out_date(o, p->contact[t].last);
	}
}

static void contact_change_plain(struct out *o, const struct pol_policy *p,
				 const struct change *c)
{
	out_date(o, c->days);
	out_lit(o, " contact ");
	out_puts(o, p->providers[c->activity].name);
	out_lit(o, ": ");
	rules_words(o, p, c->before);
	out_lit(o, " -> ");
	rules_words(o, p, c->after);
	out_putc(o, '\n');
	rules_reasons(o, false, p, c->after);
}

/* "permitted" or "not permitted" or "not covered". */
static const char *word(const struct pol_entry *e)
{
	return !e ? "not covered" : e->permitted ? "permitted" : "not permitted";
}

/* Whether two entries have the same limits and conditions. */
static bool same_limits(const struct pol_entry *a, const struct pol_entry *b)
{
	return memcmp(a->limits, b->limits, sizeof(a->limits)) == 0;
}

static bool same_conditions(const struct pol_policy *p, const struct pol_entry *a,
			    const struct pol_entry *b)
{
	if (a->n_conditions != b->n_conditions)
		return false;
	for (uint32_t i = 0; i < a->n_conditions; i++)
		if (p->condition_ids[a->first_condition + i] !=
		    p->condition_ids[b->first_condition + i])
			return false;
	return true;
}

static void change_plain(struct out *o, const struct pol_policy *p,
			 const struct change *c)
{
	if (c->office) {
		office_change_plain(o, p, c);
		return;
	}
	if (c->contact) {
		contact_change_plain(o, p, c);
		return;
	}
	const struct pol_entry *e = c->after >= 0 ? &p->entries[c->after] : NULL;
	const struct pol_entry *was = c->before >= 0 ? &p->entries[c->before] : NULL;
	out_date(o, c->days);
	out_lit(o, " activity ");
	out_puts(o, p->activities[c->activity].name);
	out_putc(o, ' ');
	out_puts(o, p->areas[c->area].name);
	out_lit(o, ": ");
	out_puts(o, word(was));
	out_lit(o, " -> ");
	out_puts(o, word(e));
	out_putc(o, '\n');
	if (!e)
		return;		/* the plan has ended: nothing to quote */
	if (e->step >= 0)
		out_line(o, "  step", p->steps[e->step].name);
	if (e->status && (!was || !was->status || strcmp(was->status, e->status) != 0)) {
		out_lit(o, "  status: ");
		out_puts(o, e->status);
		out_putc(o, '\n');
	}
	if (!was || !same_limits(was, e) || !same_conditions(p, was, e)) {
		out_lit(o, "  now: ");
		bool any = false;
		for (int i = 0; i < POL_LIMIT_COUNT; i++)
			if (e->limits[i]) {
				out_puts(o, any ? ", " : "");
				out_puts(o, limit_names[i]);
				out_putc(o, ' ');
				out_uint(o, (uint64_t)(uint32_t)e->limits[i]);
				any = true;
			}
		for (uint32_t i = 0; i < e->n_conditions; i++) {
			out_puts(o, any ? "; " : "");
			out_puts(o, condition_text(p, p->condition_ids[e->first_condition + i]));
			any = true;
		}
		out_puts(o, any ? "\n" : "no limits or conditions\n");
	}
	cite_plain(o, p, &e->source, NULL);
}

int cmd_changes(const struct pol_policy *p, const struct args *a, struct out *o)
{
	static const char usage[] =
		"usage: polcheck changes FROM TO [--area AREA] [--provider PROVIDER]";
	struct msg m;
	if (a->n_operands != 2) {
		struct shown w;
		if (a->n_operands < 2)
			report("changes: missing %s; %s", a->n_operands ? "TO" : "FROM", usage);
		else
			report("changes: unexpected argument '%s'; %s",
			       show(&w, a->operands[2], strlen(a->operands[2])), usage);
		return EXIT_BAD_INPUT;
	}
	int32_t from, to, area = -1;
	if (parse_date(a->operands[0], &from, &m) != 0 ||
	    parse_date(a->operands[1], &to, &m) != 0 ||
	    (a->area && (area = lookup_name(p, POL_KIND_AREA, a->area, &m)) < 0) ||
	    (a->provider && lookup_name(p, POL_KIND_PROVIDER, a->provider, &m) < 0)) {
		report("%s", m.text);
		return EXIT_BAD_INPUT;
	}
	if (to < from) {
		report("changes: TO (%s) is before FROM (%s)", a->operands[1], a->operands[0]);
		return EXIT_BAD_INPUT;
	}
	int32_t provider = a->provider ? lookup_name(p, POL_KIND_PROVIDER, a->provider, &m) : -1;
	struct changes cs = { NULL, 0 };
	collect(p, from, to, area, provider, &cs);	/* counts */
	struct change *list = malloc((cs.n ? cs.n : 1) * sizeof(*list));
	if (!list) {
		report("out of memory");
		return EXIT_BAD_INPUT;
	}
	cs.v = list;
	collect(p, from, to, area, provider, &cs);
	size_t n = cs.n;
	if (a->json) {
		out_lit(o, "{\"from\":");
		json_date(o, from);
		out_lit(o, ",\"to\":");
		json_date(o, to);
		out_lit(o, ",\"changes\":[");
		bool first = true;
		for (size_t i = 0; i < n; i++)
			change_json(o, p, &list[i], &first);
		out_lit(o, "]}\n");
	} else {
		out_uint(o, n);
		out_puts(o, n == 1 ? " change from " : " changes from ");
		out_date(o, from);
		out_lit(o, " to ");
		out_date(o, to);
		out_putc(o, '\n');
		for (size_t i = 0; i < n; i++)
			change_plain(o, p, &list[i]);
	}
	free(list);
	return EXIT_ANSWERED;
}
