/* check_timeline.c - activity timelines: areas, entry dates and steps,
 * permission, limits and conditions. */
#include "check_internal.h"

#include <string.h>

#include "pol/runtime.h"

static void check_limits(struct checker *c, struct entry *e)
{
	struct limit *by_key[4] = { NULL, NULL, NULL, NULL };
	for (size_t i = 0; i < e->limits.n; i++) {
		struct limit *l = e->limits.items[i];
		l->key_index = check_limit_key(c, &l->key);
		if (l->value < 1 || l->value > CHECK_LIMIT_MAX)
			diag_error(c->diags, "bad-limit", l->loc,
				   "limit %lld is out of range (1 to %d)",
				   (long long)l->value, CHECK_LIMIT_MAX);
		if (l->key_index < 0)
			continue;
		if (by_key[l->key_index]) {
			struct diag *g = diag_error(c->diags, "duplicate-clause", l->loc,
						    "limit '%s' is given twice", l->key.text);
			diag_note(c->diags, g, by_key[l->key_index]->loc, "first given here");
			continue;
		}
		by_key[l->key_index] = l;
	}
	struct limit *max = by_key[0], *min = by_key[1];
	if (max && min && min->value > max->value) {
		struct diag *g = diag_error(c->diags, "bad-limit", min->loc,
					    "min_group %lld is above max_group %lld",
					    (long long)min->value, (long long)max->value);
		diag_note(c->diags, g, max->loc, "max_group given here");
	}
}

static void check_conditions(struct checker *c, struct entry *e)
{
	for (size_t i = 0; i < e->conditions.n; i++) {
		struct name *n = e->conditions.items[i];
		struct decl *d = check_resolve(c, n, KIND(DECL_CONDITION), "condition");
		if (!d)
			continue;
		for (size_t j = 0; j < e->condition_decls.n; j++)
			if (e->condition_decls.items[j] == d) {
				diag_error(c->diags, "duplicate-clause", n->loc,
					   "condition '%s' is given twice", n->text);
				d = NULL;
				break;
			}
		if (d)
			vec_push(c->arena, &e->condition_decls, d);
	}
}

/* The date an entry takes effect; false if it has none (reported). */
static bool entry_date(struct checker *c, struct entry *e)
{
	switch (e->head) {
	case ENTRY_INITIALLY:
		e->days = INT32_MIN;
		return true;
	case ENTRY_STEP:
		e->step_decl = check_resolve(c, &e->step, KIND(DECL_STEP), "step");
		if (!e->step_decl || !e->step_decl->dates.n)
			return false;
		{
			struct date_lit *first = e->step_decl->dates.items[0];
			e->days = first->days;
			return first->valid;
		}
	case ENTRY_DATE:
		if (e->step.text)
			e->step_decl = check_resolve(c, &e->step, KIND(DECL_STEP), "step");
		if (!check_date(c, &e->date))
			return false;
		e->days = e->date.days;
		if (e->step_decl && e->step_decl->dates.n) {
			struct date_lit *first = e->step_decl->dates.items[0];
			if (first->valid && e->days < first->days) {
				char d[POL_DATE_BUFSIZE];
				pol_date_format(first->days, d);
				struct diag *g = diag_error(c->diags, "before-step", e->date.loc,
							    "entry is dated before %s, which is "
							    "not before %s", e->step.text, d);
				diag_note(c->diags, g, e->step_decl->name.loc,
					  "%s is declared here", e->step.text);
			}
		}
		return true;
	}
	return false;
}

static void check_entry(struct checker *c, struct entry *e)
{
	if (e->permission == PERMIT_UNSET)
		diag_error(c->diags, "missing-permission", e->loc,
			   "entry does not say whether the activity is permitted: "
			   "add 'permitted', 'not permitted' or 'no change'");
	if (!e->status && e->permission != PERMIT_UNCHANGED)
		diag_error(c->diags, "missing-status", e->loc,
			   "entry has no 'status \"...\"' for officers to read");
	if (e->status && e->status->len == 0)
		diag_error(c->diags, "empty-text", e->status->loc, "empty status");
	if (e->permission == PERMIT_UNCHANGED && (e->limits.n || e->conditions.n))
		diag_error(c->diags, "no-change-limits", e->loc,
			   "a 'no change' entry keeps the limits and conditions of "
			   "the entry before it; give new ones with 'permitted'");
	if (e->permission == PERMIT_NO && e->limits.n)
		diag_warning(c->diags, "limits-unused",
			     ((struct limit *)e->limits.items[0])->loc,
			     "limits on an entry that is not permitted are never used");
	check_limits(c, e);
	check_conditions(c, e);
	check_cited(c, &e->annots, e->loc, "entry");
}

static void check_timeline(struct checker *c, struct timeline *t)
{
	t->activity_decl = check_resolve(c, &t->activity, KIND(DECL_ACTIVITY),
					 "activity");
	for (size_t i = 0; i < t->areas.n; i++) {
		struct name *n = t->areas.items[i];
		struct decl *d = check_resolve(c, n, KINDS_AREA, "nation or region");
		if (!d)
			continue;
		for (size_t j = 0; j < t->area_decls.n; j++)
			if (t->area_decls.items[j] == d) {
				diag_error(c->diags, "duplicate-name", n->loc,
					   "area '%s' is listed twice", n->text);
				d = NULL;
				break;
			}
		if (d)
			vec_push(c->arena, &t->area_decls, d);
	}
	if (t->entries.n == 0)
		diag_error(c->diags, "empty-timeline", t->loc,
			   "timeline has no entries; add 'initially' or 'not before ...'");
	struct entry *prev = NULL;
	for (size_t i = 0; i < t->entries.n; i++) {
		struct entry *e = t->entries.items[i];
		if (e->head == ENTRY_INITIALLY && i > 0) {
			struct diag *g = diag_error(c->diags, "date-order", e->loc,
						    "'initially' must be the first entry");
			diag_note(c->diags, g, ((struct entry *)t->entries.items[0])->loc,
				  "first entry here");
		}
		if (entry_date(c, e)) {
			if (prev && e->days <= prev->days && e->head != ENTRY_INITIALLY) {
				char d[POL_DATE_BUFSIZE], p[POL_DATE_BUFSIZE];
				pol_date_format(e->days, d);
				pol_date_format(prev->days, p);
				struct diag *g;
				if (e->days == prev->days)
					g = diag_error(c->diags, "date-order", e->loc,
						       "a second entry on %s; say it all in one entry", d);
				else
					g = diag_error(c->diags, "date-order", e->loc,
						       "entry on %s comes after an entry on %s; "
						       "list entries in date order", d, p);
				diag_note(c->diags, g, prev->loc, "the earlier-listed entry");
			}
			prev = e;
		}
		check_entry(c, e);
	}
}

void check_timelines(struct checker *c)
{
	for (size_t i = 0; i < c->set->timelines.n; i++)
		check_timeline(c, c->set->timelines.items[i]);
}
