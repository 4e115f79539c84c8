/* interp.c - the reference interpreter: semantics as written in
 * docs/language.md, evaluated directly on the tree. */
#include "interp.h"

#include <string.h>

void interp_init(struct interp *in, const struct policy_set *set,
		 const struct model *m)
{
	in->set = set;
	in->m = m;
}

static bool day_listed(const struct open_clause *o, int weekday)
{
	return (o->mask >> weekday) & 1u;
}

static void set_hours(struct interp_office *out, const struct hours *h)
{
	out->n_hours = h->present ? h->n : 0;
	for (unsigned k = 0; k < out->n_hours; k++) {
		out->open_minute[k] = h->open[k].hour * 60 + h->open[k].minute;
		out->close_minute[k] = h->close[k].hour * 60 + h->close[k].minute;
	}
}

/* The schedule of the provider for the office in force on a date, or,
 * for POL_NO_DATE, the one in force on every date; NULL when none. */
static const struct schedule *in_force(const struct interp *in, uint32_t provider,
				       uint32_t office, int32_t days)
{
	for (size_t i = 0; i < in->set->schedules.n; i++) {
		const struct schedule *s = in->set->schedules.items[i];
		if (!schedule_of(s, provider, office))
			continue;
		if (days == POL_NO_DATE ? s->first == INT32_MIN && s->last == INT32_MAX
					: s->first <= days && days <= s->last)
			return s;
	}
	return NULL;
}

/* The week of a schedule: the open line that lists the day, unless one
 * of its exceptions takes the day. */
static void weekday_of(const struct schedule *s, int weekday,
		       struct interp_office *out)
{
	for (size_t j = 0; j < s->opens.n; j++) {
		const struct open_clause *o = s->opens.items[j];
		if (!day_listed(o, weekday))
			continue;
		const struct hours *h = &o->hours;
		for (size_t k = 0; k < o->excepts.n; k++) {
			const struct except_clause *x = o->excepts.items[k];
			if ((x->mask >> weekday) & 1u) {
				if (!x->hours.present)
					return;		/* not open that day */
				h = &x->hours;
			}
		}
		out->open = true;
		set_hours(out, h);
		return;
	}
}

void interp_office(const struct interp *in, uint32_t provider, uint32_t office,
		   int weekday, int32_t days_in_force, struct interp_office *out)
{
	memset(out, 0, sizeof(*out));
	const struct schedule *s = in_force(in, provider, office, days_in_force);
	if (!s)
		return;
	out->covered = true;
	out->by = s;
	weekday_of(s, weekday, out);
}

void interp_office_on_date(const struct interp *in, uint32_t provider,
			   uint32_t office, int32_t days, struct interp_office *out)
{
	memset(out, 0, sizeof(*out));
	const struct schedule *s = in_force(in, provider, office, days);
	if (!s)
		return;
	out->covered = true;
	out->by = s;
	for (size_t i = 0; i < s->on_dates.n; i++) {
		const struct date_clause *dc = s->on_dates.items[i];
		if (dc->from.days <= days && days <= dc->until.days) {
			out->on_date = dc;
			out->open = dc->open;
			if (dc->open)
				set_hours(out, &dc->hours);
			return;
		}
	}
	weekday_of(s, pol_weekday(days), out);
}

static size_t attr_index(const struct interp *in, const struct decl *d)
{
	for (size_t i = 0; i < in->m->n_attrs; i++)
		if (in->m->attrs[i].decl == d)
			return i;
	return 0;
}

/* The attribute's value as the policy writes it: a level's index, a
 * range's number, a flag's 0 or 1. */
static int64_t value_of(const struct interp *in, const struct decl *attr,
			const uint32_t *values)
{
	uint32_t code = values[attr_index(in, attr)];
	return attr->kind == DECL_RANGE ? attr->lo + (int64_t)code : (int64_t)code;
}

static bool atom(const struct interp *in, const struct cond *c,
		 const uint32_t *values)
{
	int64_t v = value_of(in, c->attr_decl, values);
	int64_t w = c->value.resolved;
	switch (c->op) {
	case CMP_NONE: return v != 0;
	case CMP_EQ: return v == w;
	case CMP_NE: return v != w;
	case CMP_LT: return v < w;
	case CMP_LE: return v <= w;
	case CMP_GT: return v > w;
	case CMP_GE: return v >= w;
	}
	return false;
}

bool interp_cond(const struct interp *in, const struct cond *c,
		 const uint32_t *values)
{
	/* Left-leaning chains of one operator are walked in a loop, so a
	 * condition a thousand 'and's long does not recurse a thousand deep;
	 * 'and' and 'or' short-circuit. */
	bool negate = false;
	for (;;) {
		switch (c->kind) {
		case COND_ATOM:
			return atom(in, c, values) != negate;
		case COND_NOT:
			negate = !negate;
			c = c->left;
			continue;
		case COND_AND:
		case COND_OR: {
			bool stop_on = c->kind == COND_OR;	/* or: stop on true */
			const struct cond *x = c;
			while (x->kind == c->kind) {
				if (interp_cond(in, x->right, values) == stop_on)
					return stop_on != negate;
				x = x->left;
			}
			if (interp_cond(in, x, values) == stop_on)
				return stop_on != negate;
			return !stop_on != negate;
		}
		}
	}
}

const struct contact *interp_contact_block(const struct interp *in, uint32_t provider,
					   int32_t days)
{
	for (size_t i = 0; i < in->set->contacts.n; i++) {
		const struct contact *k = in->set->contacts.items[i];
		if (!k->provider_decl || k->provider_decl->id != provider)
			continue;
		if (days == POL_NO_DATE ? k->first == INT32_MIN && k->last == INT32_MAX
					: k->first <= days && days <= k->last)
			return k;
	}
	return NULL;
}

void interp_contact(const struct interp *in, struct arena *a, uint32_t provider,
		    int32_t days, const uint32_t *values, struct interp_contact *out)
{
	memset(out, 0, sizeof(*out));
	const struct contact *block = interp_contact_block(in, provider, days);
	out->block = block;
	if (!block)
		return;
	const struct rule *fallback = NULL;
	/* modes in priority order, and for each the matching rules as written */
	for (size_t m = 0; m < in->set->decls[DECL_MODE].n; m++) {
		for (size_t i = 0; i < block->rules.n; i++) {
			const struct rule *r = block->rules.items[i];
			if (!r->when) {
				fallback = r;
				continue;
			}
			if (r->mode_decl->id == m && interp_cond(in, r->when, values))
				vec_push(a, &out->matched, (void *)r);
		}
	}
	if (out->matched.n)
		out->rule = out->matched.items[0];
	else
		out->rule = fallback;
	out->mode = out->rule ? out->rule->mode_decl : NULL;
}

/* Does a timeline speak for the area: named itself (2), or through the
 * nation of a region (1), or not at all (0)? */
static int applies(const struct interp *in, const struct timeline *t, uint32_t area)
{
	const struct decl *want = in->m->areas[area];
	int best = 0;
	for (size_t i = 0; i < t->area_decls.n; i++) {
		const struct decl *d = t->area_decls.items[i];
		if (d == want)
			best = 2;
		else if (want->kind == DECL_REGION && want->parent_decl == d && best < 1)
			best = 1;
	}
	return best;
}

struct found {
	const struct entry *e;
	int32_t days;
	int weight;	/* 2 region's own, 1 inherited */
};

/* The latest entry for the area dated before days (on or before, when
 * inclusive); of two on one date, the region's own.  A nation's entry on
 * the date of a region's is replaced by it, so it is never "the entry
 * before" the region's either. */
static bool latest(const struct interp *in, uint32_t activity, uint32_t area,
		   int32_t days, bool inclusive, struct found *out)
{
	bool any = false;
	for (size_t t = 0; t < in->set->timelines.n; t++) {
		const struct timeline *tl = in->set->timelines.items[t];
		if (tl->activity_decl->id != activity)
			continue;
		int w = applies(in, tl, area);
		if (!w)
			continue;
		for (size_t i = 0; i < tl->entries.n; i++) {
			const struct entry *e = tl->entries.items[i];
			if (!(e->days < days || (inclusive && e->days == days)))
				continue;
			if (!any || e->days > out->days ||
			    (e->days == out->days && w > out->weight)) {
				out->e = e;
				out->days = e->days;
				out->weight = w;
				any = true;
			}
		}
	}
	return any;
}

/* The dates the plans of the timelines speaking for the area are in
 * force: from the earliest first to the latest last; open when none. */
static void window(const struct interp *in, uint32_t activity, uint32_t area,
		   int32_t *from, int32_t *until)
{
	bool any = false;
	*from = INT32_MAX;
	*until = INT32_MIN;
	for (size_t t = 0; t < in->set->timelines.n; t++) {
		const struct timeline *tl = in->set->timelines.items[t];
		if (tl->activity_decl->id != activity || !applies(in, tl, area))
			continue;
		any = true;
		*from = tl->plan->first < *from ? tl->plan->first : *from;
		*until = tl->plan->last > *until ? tl->plan->last : *until;
	}
	if (!any) {
		*from = INT32_MIN;
		*until = INT32_MAX;
	}
}

/* The first date after `after` on which an entry for the area takes
 * effect, or the plan starts or has ended; POL_NO_DATE when none. */
static int32_t next_entry_date(const struct interp *in, uint32_t activity,
			       uint32_t area, int32_t after)
{
	int32_t best = POL_NO_DATE, from, until;
	window(in, activity, area, &from, &until);
	if (from != INT32_MIN && from > after)
		best = from;
	if (until != INT32_MAX && until + 1 > after && (best == POL_NO_DATE || until + 1 < best))
		best = until + 1;
	for (size_t t = 0; t < in->set->timelines.n; t++) {
		const struct timeline *tl = in->set->timelines.items[t];
		if (tl->activity_decl->id != activity || !applies(in, tl, area))
			continue;
		for (size_t i = 0; i < tl->entries.n; i++) {
			const struct entry *e = tl->entries.items[i];
			if (e->days != POL_NO_DATE && e->days > after &&
			    (best == POL_NO_DATE || e->days < best))
				best = e->days;
		}
	}
	return best;
}

/* The state of one date alone: the entry in force and its terms. */
static void state_at(const struct interp *in, uint32_t activity, uint32_t area,
		     int32_t days, bool windowed, struct interp_activity *out)
{
	memset(out, 0, sizeof(*out));
	out->since = POL_NO_DATE;
	out->next = next_entry_date(in, activity, area, days);
	int32_t from, until;
	window(in, activity, area, &from, &until);
	if (windowed && (days < from || days > until))
		return;		/* outside its plans: not covered */
	struct found f;
	if (!latest(in, activity, area, days, true, &f))
		return;
	out->entry = f.e;
	out->since = f.e->days;
	out->step = f.e->step_decl;
	/* 'no change' keeps the terms of the entry before it, in this area */
	struct found terms = f;
	while (terms.e->permission == PERMIT_UNCHANGED) {
		if (!out->status && terms.e->status)
			out->status = terms.e->status;
		if (!latest(in, activity, area, terms.days, false, &terms))
			return;	/* the model reports this policy as wrong */
	}
	out->terms = terms.e;
	out->permitted = terms.e->permission == PERMIT_YES;
	if (!out->status)
		out->status = terms.e->status;
	for (size_t i = 0; i < terms.e->limits.n; i++) {
		const struct limit *l = terms.e->limits.items[i];
		out->limits[l->key_index] = (int32_t)l->value;
	}
	out->conditions = &terms.e->condition_decls;
}

/* Whether two texts read the same (both absent counts). */
static bool same_status(const struct text *a, const struct text *b)
{
	if (!a || !b)
		return a == b;
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* Whether v holds d. */
static bool holds(const struct vec *v, const void *d)
{
	for (size_t i = 0; v && i < v->n; i++)
		if (v->items[i] == d)
			return true;
	return false;
}

/* Whether two states show an officer the same: covered or not, and
 * permitted, status, limits and conditions. */
static bool same_state(const struct interp_activity *a, const struct interp_activity *b)
{
	if ((a->entry != NULL) != (b->entry != NULL))
		return false;
	if (!a->entry)
		return true;
	size_t na = a->conditions ? a->conditions->n : 0;
	size_t nb = b->conditions ? b->conditions->n : 0;
	if (a->permitted != b->permitted || !same_status(a->status, b->status) ||
	    memcmp(a->limits, b->limits, sizeof(a->limits)) != 0 || na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!holds(b->conditions, a->conditions->items[i]))
			return false;
	return true;
}

void interp_activity(const struct interp *in, uint32_t activity, uint32_t area,
		     int32_t days, struct interp_activity *out)
{
	state_at(in, activity, area, days, true, out);
	out->decided_since = out->since;
	out->decided_step = out->step;
	out->next_change = out->permitted_from = POL_NO_DATE;
	out->permitted_step = NULL;
	/* back over the days before: while the day before shows the same,
	 * as the entries say, before the plans' start too (a decision an
	 * 'initially' entry made is made by it, whatever its plan's dates) */
	struct interp_activity other;
	while (out->entry && out->decided_since != POL_NO_DATE) {
		state_at(in, activity, area, out->decided_since - 1, false, &other);
		if (!other.entry || !same_state(&other, out))
			break;
		out->decided_since = other.since;
		out->decided_step = other.step;
	}
	if (out->entry && out->decided_since == POL_NO_DATE) {
		/* 'initially': in force from the start of its plans */
		int32_t from, until;
		window(in, activity, area, &from, &until);
		out->decided_since = from;
	}
	/* on through the dates after */
	bool permitted = out->entry && out->permitted;
	for (int32_t d = next_entry_date(in, activity, area, days); d != POL_NO_DATE;
	     d = next_entry_date(in, activity, area, d)) {
		state_at(in, activity, area, d, true, &other);
		if (out->next_change == POL_NO_DATE && !same_state(&other, out))
			out->next_change = d;
		if (!permitted && out->permitted_from == POL_NO_DATE &&
		    other.entry && other.permitted) {
			out->permitted_from = d;
			out->permitted_step = other.step;
		}
		if (out->next_change != POL_NO_DATE &&
		    (permitted || out->permitted_from != POL_NO_DATE))
			break;
	}
}
