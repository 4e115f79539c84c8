/* analyse.c - warnings about what a policy means, not how it is written.
 *
 * Contact rules are compared as covers of cubes (cover.h), so the
 * questions "can this rule ever decide?" and "does any case go
 * undecided?" are answered symbolically: the cost grows with the number
 * of rules and cubes, not with the 2^n cases of n attributes.
 *
 *   shadowed-rule    every case the rule applies to is decided by rules
 *                    of higher-priority modes (named, with a case)
 *   never-true       the rule's condition holds for no case
 *   unused-default   'otherwise' is never reached
 *   undecided-cases  no rule and no 'otherwise' decides some cases
 *   office-never-open no provider opens the office on any day, and no
 *                    schedule says it is closed (which would be deliberate)
 *   step-order       steps declared out of date order or on one date
 *   partly-covered   an activity the plan covers in one nation is not
 *                    covered in another, or only from a later date
 *                    (unless a test says it is not covered there)
 *   unused           a declaration nothing refers to
 */
#include "analyse.h"

#include <string.h>

#include "pol/runtime.h"

struct analysis {
	struct arena *arena;
	struct diags *diags;
	const struct model *m;
	const struct source_set *sources;
};

/* "no_phone, risk = high" for the smallest case of the cover. */
static char *smallest_case(struct analysis *a, const struct cover *c)
{
	const struct cube_space *sp = &a->m->space;
	size_t best = 0;
	unsigned best_set = ~0u, best_sum = ~0u;
	for (size_t i = 0; i < c->n; i++) {
		const uint64_t *cube = cover_cube(sp, c, i);
		unsigned set = 0, sum = 0;
		for (size_t k = 0; k < sp->n; k++) {
			unsigned low = (unsigned)__builtin_ctzll(cube[k]);
			set += low != 0;
			sum += low;
		}
		if (set < best_set || (set == best_set && sum < best_sum)) {
			best = i;
			best_set = set;
			best_sum = sum;
		}
	}
	const uint64_t *cube = cover_cube(sp, c, best);
	char *out = arena_strdup(a->arena, "");
	for (size_t k = 0; k < sp->n; k++) {
		const struct model_attr *at = &a->m->attrs[k];
		unsigned v = (unsigned)__builtin_ctzll(cube[k]);
		if (v == 0)
			continue;
		const char *sep = *out ? ", " : "";
		if (at->kind == POL_FLAG)
			out = arena_printf(a->arena, "%s%s%s", out, sep, at->decl->name.text);
		else if (at->kind == POL_LEVEL)
			out = arena_printf(a->arena, "%s%s%s = %s", out, sep, at->decl->name.text,
					   ((struct name *)at->decl->values.items[v])->text);
		else
			out = arena_printf(a->arena, "%s%s%s = %lld", out, sep,
					   at->decl->name.text, (long long)(at->lo + v));
	}
	return *out ? out : arena_strdup(a->arena, "nothing set");
}

static bool meets(const struct cube_space *sp, const struct cover *x,
		  const struct cover *y)
{
	for (size_t i = 0; i < x->n; i++)
		for (size_t j = 0; j < y->n; j++) {
			const uint64_t *cx = cover_cube(sp, x, i), *cy = cover_cube(sp, y, j);
			size_t k = 0;
			while (k < sp->n && (cx[k] & cy[k]))
				k++;
			if (k == sp->n)
				return true;
		}
	return false;
}

static void contact_rules(struct analysis *a, uint32_t table)
{
	const struct model *m = a->m;
	const struct cube_space *sp = &m->space;
	const struct model_contact *mc = &m->contact[table];
	const char *pname = ((struct decl *)m->set->decls[DECL_PROVIDER].items[mc->provider])->name.text;
	struct cover higher, all, rest;	/* rules of modes above; every rule */
	cover_init(&higher);
	cover_init(&all);
	uint32_t mode_start = mc->first;	/* first rule of the current mode */
	for (uint32_t i = mc->first; i < mc->first + mc->count; i++) {
		const struct model_rule *r = m->rules.items[i];
		if (r->is_default)
			continue;
		/* on reaching a new mode, the rules of the modes above it */
		if (i > mode_start && ((struct model_rule *)m->rules.items[i - 1])->mode != r->mode) {
			for (uint32_t j = mode_start; j < i; j++)
				if (!cover_or(a->arena, sp, &higher, &higher,
					      &((struct model_rule *)m->rules.items[j])->cond))
					return;	/* too big: say nothing rather than guess */
			mode_start = i;
		}
		if (r->cond.n == 0) {
			diag_warning(a->diags, "never-true", r->ast->when->loc,
				     "this condition holds for no case, so the rule never applies");
		} else if (higher.n) {
			if (!cover_minus(a->arena, sp, &rest, &r->cond, &higher))
				return;
			if (rest.n == 0) {
				struct diag *g = diag_warning(a->diags, "shadowed-rule", r->ast->loc,
					"this rule can never decide: every case it applies to "
					"is decided by a rule of a higher mode, for example: %s",
					smallest_case(a, &r->cond));
				unsigned notes = 0;
				for (uint32_t j = mc->first; j < mode_start && notes < 3; j++) {
					const struct model_rule *h = m->rules.items[j];
					if (meets(sp, &h->cond, &r->cond)) {
						diag_note(a->diags, g, h->ast->loc, "covered by this %s rule",
							  ((struct decl *)m->set->decls[DECL_MODE]
								   .items[h->mode])->name.text);
						notes++;
					}
				}
			}
		}
		if (!cover_or(a->arena, sp, &all, &all, &r->cond))
			return;
	}
	struct cover none;
	if (!cover_not(a->arena, sp, &none, &all))
		return;
	if (mc->default_rule >= 0 && none.n == 0) {
		const struct model_rule *d = m->rules.items[mc->default_rule];
		diag_warning(a->diags, "unused-default", d->ast->loc,
			     "'otherwise' is never reached: the rules for %s decide every case",
			     pname);
	} else if (mc->default_rule < 0 && none.n && mc->count) {
		const struct model_rule *first = m->rules.items[mc->first];
		const struct contact *block = mc->ast;
		diag_warning(a->diags, "undecided-cases", block ? block->loc : first->ast->loc,
			     "no rule for %s decides some cases and there is no "
			     "'otherwise', for example: %s", pname, smallest_case(a, &none));
	}
}

static void offices(struct analysis *a)
{
	const struct model *m = a->m;
	const struct vec *offs = &m->set->decls[DECL_OFFICE];
	size_t np = m->set->decls[DECL_PROVIDER].n;
	for (size_t o = 0; o < offs->n; o++) {
		uint8_t days = 0;
		bool closed = false;
		for (size_t p = 0; p < np; p++) {
			const struct model_office_cell *cell = &m->office_cells[p * offs->n + o];
			days |= cell->days;
			closed |= cell->open_on_a_date;	/* open then: not never */
			for (size_t i = 0; i < cell->schedules.n; i++) {
				const struct model_schedule *s =
					m->schedules.items[(uintptr_t)cell->schedules.items[i]];
				closed |= s->ast->closed;
			}
		}
		const struct decl *d = offs->items[o];
		if (!days && !closed)
			diag_warning(a->diags, "office-never-open", d->name.loc,
				     "no provider opens office '%s' on any day", d->name.text);
	}
}

static void steps(struct analysis *a)
{
	const struct vec *steps = &a->m->set->decls[DECL_STEP];
	for (size_t i = 1; i < steps->n; i++) {
		const struct decl *s = steps->items[i], *p = steps->items[i - 1];
		const struct date_lit *d = s->dates.items[0], *e = p->dates.items[0];
		if (!d->valid || !e->valid || d->days > e->days)
			continue;
		struct diag *g = diag_warning(a->diags, "step-order", d->loc,
			"step '%s' is %s step '%s', which is declared before it",
			s->name.text, d->days == e->days ? "on the same date as" : "dated before",
			p->name.text);
		diag_note(a->diags, g, e->loc, "'%s' is dated here", p->name.text);
	}
}

/* The first date an activity's cell is covered: its plans' first date,
 * or its first entry's when later; INT32_MAX when never.  INT32_MIN
 * when covered from the start of time (an undated plan's 'initially'). */
static int32_t covered_from(const struct model_timeline_cell *cell)
{
	if (!cell->entries.n)
		return INT32_MAX;
	const struct model_entry *e = cell->entries.items[0];
	int32_t first = e->days == POL_NO_DATE ? INT32_MIN : e->days;
	return first > cell->covered_from ? first : cell->covered_from;
}

/* Does a test say the activity is not covered in the area (on some
 * date, or on every date)?  Then the gap is meant. */
static bool said_not_covered(const struct analysis *a, const struct decl *act,
			     const struct decl *area)
{
	const struct vec *tests = &a->m->set->tests;
	for (size_t i = 0; i < tests->n; i++) {
		const struct question *q = &((const struct test *)tests->items[i])->q;
		if (q->kind == Q_ACTIVITY && q->not_covered &&
		    (q->first.every || q->first.decl == act) &&
		    (q->second.every || q->second.decl == area))
			return true;
	}
	return false;
}

static const char *day_text(struct analysis *a, int32_t days)
{
	char *d = arena_alloc(a->arena, POL_DATE_BUFSIZE);
	pol_date_format(days, d);
	return d;
}

/* Nations side by side: an activity covered in one and not in another,
 * or there only from a later date, is said - a plan that gives England
 * every step and Wales only some is more often a slip than a choice. */
static void coverage(struct analysis *a)
{
	const struct model *m = a->m;
	const struct vec *acts = &m->set->decls[DECL_ACTIVITY];
	for (size_t t = 0; t < acts->n; t++) {
		const struct decl *act = acts->items[t];
		size_t best = (size_t)-1;	/* the nation covered first */
		int32_t best_from = INT32_MAX;
		for (size_t n = 0; n < m->n_areas; n++) {
			if (m->area_parent[n] >= 0)
				continue;
			int32_t from = covered_from(&m->timeline_cells[t * m->n_areas + n]);
			if (from < best_from) {
				best = n;
				best_from = from;
			}
		}
		if (best == (size_t)-1)
			continue;	/* covered nowhere: the activity says so itself */
		const struct model_timeline_cell *bc = &m->timeline_cells[t * m->n_areas + best];
		const struct model_entry *by = bc->entries.items[0];
		for (size_t n = 0; n < m->n_areas; n++) {
			if (m->area_parent[n] >= 0 || n == best)
				continue;
			int32_t from = covered_from(&m->timeline_cells[t * m->n_areas + n]);
			if (from <= best_from || said_not_covered(a, act, m->areas[n]))
				continue;
			const char *name = act->name.text, *there = m->areas[best]->name.text;
			const char *here = m->areas[n]->name.text;
			struct diag *g;
			if (from == INT32_MAX)
				g = diag_warning(a->diags, "partly-covered", act->name.loc,
						 "activity '%s' is covered in %s but not in %s: "
						 "the plan says nothing of it there; if that is "
						 "meant, say so with 'assert %s in %s on every "
						 "date is not covered'", name, there, here, name, here);
			else
				g = diag_warning(a->diags, "partly-covered", act->name.loc,
						 "activity '%s' is covered in %s %s but in %s "
						 "only from %s: before that the plan says nothing "
						 "of it there", name, there,
						 best_from == INT32_MIN ? "on every date"
						 : arena_printf(a->arena, "from %s", day_text(a, best_from)),
						 here, day_text(a, from));
			diag_note(a->diags, g, by->timeline->loc, "%s's timeline", there);
		}
	}
}

static void unused(struct analysis *a)
{
	static const char *const what[DECL_KIND_COUNT] = {
		[DECL_PROVIDER] = "provider", [DECL_NATION] = "nation",
		[DECL_REGION] = "region", [DECL_OFFICE] = "office",
		[DECL_FLAG] = "flag", [DECL_LEVEL] = "level", [DECL_RANGE] = "range",
		[DECL_MODE] = "contact mode", [DECL_CONDITION] = "condition",
		[DECL_ACTIVITY] = "activity", [DECL_STEP] = "step",
	};
	for (int k = 0; k < DECL_KIND_COUNT; k++) {
		const struct vec *v = &a->m->set->decls[k];
		for (size_t i = 0; i < v->n; i++) {
			const struct decl *d = v->items[i];
			if (!d->used)
				diag_warning(a->diags, "unused", d->name.loc,
					     "%s '%s' is declared but never used", what[k],
					     d->name.text);
		}
	}
}

void analyse_policy(struct arena *arena, struct diags *d, const struct model *m)
{
	struct analysis a = { arena, d, m, NULL };
	for (uint32_t t = 0; t < m->n_contact; t++)
		contact_rules(&a, t);
	offices(&a);
	steps(&a);
	coverage(&a);
	unused(&a);
}
