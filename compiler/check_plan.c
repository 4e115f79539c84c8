/* check_plan.c - when things are in force: a file's plan (from, until,
 * review by) and the dates on the heads of schedules and services.
 *
 * Runs after the schedules and timelines are checked, since a plan that
 * gives no 'from' is in force from the first date its file names. */
#include "check_internal.h"

#include <string.h>

#include "pol/runtime.h"

/* Resolve "from DATE|STEP" and "until DATE" into first and last days in
 * force; reports bad dates and a start after the end.  `what` names the
 * thing in messages ("plan", "schedule"). */
void check_validity(struct checker *c, struct validity *v, const char *what)
{
	v->first = INT32_MIN;
	v->last = INT32_MAX;
	v->ok = true;
	if (v->has_from && v->from_step.text) {
		struct decl *s = check_resolve(c, &v->from_step, KIND(DECL_STEP), "step");
		struct date_lit *first = s && s->dates.n ? s->dates.items[0] : NULL;
		if (first && first->valid)
			v->first = first->days;
		else
			v->ok = false;
	} else if (v->has_from) {
		if (check_date(c, &v->from))
			v->first = v->from.days;
		else
			v->ok = false;
	}
	if (v->has_until) {
		if (check_date(c, &v->until))
			v->last = v->until.days;
		else
			v->ok = false;
	}
	if (v->ok && v->first > v->last) {
		char a[POL_DATE_BUFSIZE], b[POL_DATE_BUFSIZE];
		pol_date_format(v->first, a);
		pol_date_format(v->last, b);
		struct diag *g = diag_error(c->diags, "ends-before-start", v->until_loc,
					    "%s: 'until %s' is before 'from %s'", what, b, a);
		diag_note(c->diags, g, v->from_loc, "it starts here");
		v->ok = false;
	}
}

void check_collect_plan(struct checker *c, struct plan *p)
{
	vec_push(c->arena, &c->plans, p);
}

/* The plan a statement belongs to: the last 'plan' line of its file
 * before it, else the file's own (made by check_plans). */
static const struct plan *plan_of(const struct checker *c, struct pol_loc loc)
{
	const struct plan *best = NULL;
	for (size_t i = 0; i < c->plans.n; i++) {
		const struct plan *p = c->plans.items[i];
		if (p->loc.file == loc.file && p->loc.start <= loc.start &&
		    (!best || p->loc.start > best->loc.start))
			best = p;
	}
	return best ? best : c->set->file_plans[loc.file];
}

static void lower(int32_t *first, int32_t days)
{
	if (days != INT32_MIN && days < *first)
		*first = days;
}

/* The first date a plan's statements name: their steps' dates, their
 * timelines' entries, their schedules' dates.  INT32_MAX when none. */
static int32_t first_named(const struct checker *c, const struct plan *plan)
{
	int32_t first = INT32_MAX;
	const struct vec *steps = &c->set->decls[DECL_STEP];
	for (size_t i = 0; i < steps->n; i++) {
		const struct decl *d = steps->items[i];
		if (plan_of(c, d->loc) != plan)
			continue;
		for (size_t k = 0; k < d->dates.n; k++) {
			const struct date_lit *dt = d->dates.items[k];
			if (dt->valid)
				lower(&first, dt->days);
		}
	}
	for (size_t i = 0; i < c->set->timelines.n; i++) {
		const struct timeline *t = c->set->timelines.items[i];
		if (plan_of(c, t->loc) != plan)
			continue;
		for (size_t k = 0; k < t->entries.n; k++) {
			const struct entry *e = t->entries.items[k];
			if (e->head != ENTRY_INITIALLY)
				lower(&first, e->days);
		}
	}
	for (size_t i = 0; i < c->set->schedules.n; i++) {
		const struct schedule *s = c->set->schedules.items[i];
		if (plan_of(c, s->loc) != plan || !s->in_force.ok)
			continue;
		lower(&first, s->in_force.first);
		if (s->in_force.last != INT32_MAX)
			lower(&first, s->in_force.last);
		for (size_t k = 0; k < s->on_dates.n; k++) {
			const struct date_clause *dc = s->on_dates.items[k];
			if (dc->from.valid)
				lower(&first, dc->from.days);
		}
	}
	return first;
}

static void resolve_plan(struct checker *c, struct plan *p, int32_t today)
{
	if (p->written) {
		check_validity(c, &p->in_force, "the plan");
		check_annots(c, &p->annots);
		if (p->title && p->title->len == 0)
			diag_error(c->diags, "empty-text", p->title->loc, "empty plan title");
		if (p->has_review && check_date(c, &p->review) && today != POL_NO_DATE &&
		    p->review.days < today) {
			char due[POL_DATE_BUFSIZE], now[POL_DATE_BUFSIZE];
			pol_date_format(p->review.days, due);
			pol_date_format(today, now);
			diag_warning(c->diags, "review-overdue", p->review.loc,
				     "the plan was due for review on %s; today is %s",
				     due, now);
		}
	}
	p->first = p->in_force.ok ? p->in_force.first : INT32_MIN;
	p->last = p->in_force.ok ? p->in_force.last : INT32_MAX;
	int32_t named = first_named(c, p);
	p->dated = p->in_force.has_from || p->in_force.has_until || named != INT32_MAX;
	if (!p->in_force.has_from && named != INT32_MAX && named <= p->last)
		p->first = named;
}

/* A schedule's or contact block's own dates must lie inside its plan's
 * written dates; one that gives none takes the plan's written ones (none:
 * it is undated, in force on every date). */
static void fit_dates(struct checker *c, const struct plan *p,
		      const struct validity *v, const char *what,
		      int32_t *first, int32_t *last)
{
	*first = v->ok ? v->first : INT32_MIN;
	*last = v->ok ? v->last : INT32_MAX;
	if (!v->ok)
		return;
	char a[POL_DATE_BUFSIZE], b[POL_DATE_BUFSIZE];
	if (p->written && p->in_force.has_from && v->has_from && *first < p->first) {
		pol_date_format(*first, a);
		pol_date_format(p->first, b);
		bool plural = strcmp(what, "contact rules") == 0;
		struct diag *g = diag_error(c->diags, "outside-plan", v->from_loc,
					    "%s %s on %s, before %s plan is in force (from %s)",
					    what, plural ? "start" : "starts", a,
					    plural ? "their" : "its", b);
		diag_note(c->diags, g, p->in_force.from_loc, "the plan starts here");
	}
	if (p->written && p->in_force.has_until && v->has_until && *last > p->last) {
		pol_date_format(*last, a);
		pol_date_format(p->last, b);
		bool plural = strcmp(what, "contact rules") == 0;
		struct diag *g = diag_error(c->diags, "outside-plan", v->until_loc,
					    "%s %s until %s, after %s plan ends (until %s)",
					    what, plural ? "run" : "runs", a,
					    plural ? "their" : "its", b);
		diag_note(c->diags, g, p->in_force.until_loc, "the plan ends here");
	}
	/* only the dates the plan writes: a schedule is not dated by the
	 * dates its file's timelines happen to name */
	if (p->in_force.ok && *first < p->in_force.first)
		*first = p->in_force.first;
	if (p->in_force.ok && *last > p->in_force.last)
		*last = p->in_force.last;
}

/* A timeline's dated entries must lie inside its plan's written dates. */
static void fit_entries(struct checker *c, const struct timeline *t)
{
	const struct plan *p = t->plan;
	if (!p->written || !p->in_force.ok)
		return;
	for (size_t i = 0; i < t->entries.n; i++) {
		const struct entry *e = t->entries.items[i];
		if (e->head == ENTRY_INITIALLY || e->days == INT32_MIN)
			continue;
		bool before = p->in_force.has_from && e->days < p->in_force.first;
		bool after = p->in_force.has_until && e->days > p->in_force.last;
		if (!before && !after)
			continue;
		char a[POL_DATE_BUFSIZE], b[POL_DATE_BUFSIZE];
		pol_date_format(e->days, a);
		pol_date_format(before ? p->in_force.first : p->in_force.last, b);
		struct diag *g = diag_error(c->diags, "outside-plan", e->loc,
					    before ? "entry takes effect on %s, before its plan is "
						     "in force (from %s)"
						   : "entry takes effect on %s, after its plan ends "
						     "(until %s)", a, b);
		diag_note(c->diags, g, before ? p->in_force.from_loc : p->in_force.until_loc,
			  before ? "the plan starts here" : "the plan ends here");
	}
}

/* A plan line with no statement before the next one in its file names
 * nothing: a slip (two plan lines for one plan). */
static void empty_plans(struct checker *c, const struct ast *ast)
{
	for (size_t i = 0; i < c->plans.n; i++) {
		const struct plan *p = c->plans.items[i];
		const struct plan *next = NULL;
		for (size_t k = 0; k < c->plans.n; k++) {
			const struct plan *q = c->plans.items[k];
			if (q->loc.file == p->loc.file && q->loc.start > p->loc.start &&
			    (!next || q->loc.start < next->loc.start))
				next = q;
		}
		if (!next)
			continue;
		bool any = false;
		for (size_t k = 0; k < ast->items.n && !any; k++) {
			const struct item *it = ast->items.items[k];
			any = it->kind != ITEM_PLAN && it->loc.file == p->loc.file &&
			      it->loc.start > p->loc.start && it->loc.start < next->loc.start;
		}
		if (!any) {
			struct diag *g = diag_error(c->diags, "empty-plan", p->loc,
						    "this plan has no statements: the next plan "
						    "starts before any");
			diag_note(c->diags, g, next->loc, "the next plan");
		}
	}
}

void check_plans(struct checker *c, const struct ast *ast, int32_t today)
{
	size_t n_files = 0;
	for (size_t i = 0; i < ast->items.n; i++) {
		const struct item *it = ast->items.items[i];
		if (it->loc.file + 1 > n_files)
			n_files = it->loc.file + 1;
	}
	c->set->n_files = n_files;
	c->set->file_plans = ARENA_ARRAY(c->arena, struct plan *, n_files + 1);
	for (size_t f = 0; f < n_files; f++) {
		/* for what comes before a file's first 'plan' line, if anything */
		struct plan *p = ARENA_NEW(c->arena, struct plan);
		p->loc.file = (uint32_t)f;
		p->in_force.ok = true;
		p->in_force.first = INT32_MIN;
		p->in_force.last = INT32_MAX;
		c->set->file_plans[f] = p;
	}
	empty_plans(c, ast);
	for (size_t f = 0; f < n_files; f++)
		resolve_plan(c, c->set->file_plans[f], today);
	for (size_t i = 0; i < c->plans.n; i++)
		resolve_plan(c, c->plans.items[i], today);
	for (size_t i = 0; i < c->set->schedules.n; i++) {
		struct schedule *s = c->set->schedules.items[i];
		s->plan = plan_of(c, s->loc);
		fit_dates(c, s->plan, &s->in_force, s->is_service ? "service" : "schedule",
			  &s->first, &s->last);
	}
	for (size_t i = 0; i < c->set->contacts.n; i++) {
		struct contact *k = c->set->contacts.items[i];
		k->plan = plan_of(c, k->loc);
		fit_dates(c, k->plan, &k->in_force, "contact rules", &k->first, &k->last);
	}
	for (size_t i = 0; i < c->set->timelines.n; i++) {
		struct timeline *t = c->set->timelines.items[i];
		t->plan = plan_of(c, t->loc);
		fit_entries(c, t);
	}
}
