/* testrun.c - expect and assert, evaluated with the reference interpreter.
 *
 * An expect asks one question.  An assert asks it for every binding of its
 * 'every' subjects, exhaustively: providers, offices, areas and
 * activities are few; weekdays are seven; dates are checked at the start
 * of the range and at every date on which an entry takes effect inside
 * it, since between those nothing changes; cases are enumerated.  Of the
 * failing bindings the smallest is reported: the earliest date, the first
 * names in declaration order, and the case with the fewest attributes
 * set, then the lowest values.
 */
#include "testrun.h"

#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "pol/runtime.h"
#include "strbuf.h"

/* A binding: one value per quantified position. */
struct binding {
	uint32_t provider, office, area, activity;
	int weekday;
	int32_t days;
	bool has_date;		/* office: asked on a date, not a weekday */
	const uint32_t *values;	/* case, per model attribute */
};

static const char *decl_name(const struct vec *v, uint32_t i)
{
	return ((const struct decl *)v->items[i])->name.text;
}

static size_t entry_index(const struct test_run *r, const struct entry *e)
{
	for (size_t i = 0; i < r->n_entries; i++)
		if (r->entry_list[i] == e)
			return i;
	return (size_t)-1;
}

static void cover_rule(struct test_run *r, const struct rule *rule)
{
	for (size_t i = 0; i < r->m->rules.n; i++)
		if (((struct model_rule *)r->m->rules.items[i])->ast == rule)
			r->cov.rules[i] = true;
}

/* ---- answering one binding ------------------------------------------- */

static char *case_text(struct test_run *r, const uint32_t *values)
{
	struct arena *a = &r->c->arena;
	char *out = arena_strdup(a, "");
	for (size_t k = 0; k < r->m->n_attrs; k++) {
		const struct model_attr *at = &r->m->attrs[k];
		if (values[k] == 0)
			continue;
		const char *sep = *out ? ", " : "";
		if (at->kind == POL_FLAG)
			out = arena_printf(a, "%s%s%s", out, sep, at->decl->name.text);
		else if (at->kind == POL_LEVEL)
			out = arena_printf(a, "%s%s%s = %s", out, sep, at->decl->name.text,
					   ((struct name *)at->decl->values.items[values[k]])->text);
		else
			out = arena_printf(a, "%s%s%s = %lld", out, sep, at->decl->name.text,
					   (long long)(at->lo + values[k]));
	}
	return *out ? out : arena_strdup(a, "nothing set");
}

/* Does the question hold for the binding?  Sets what was decided. */
static bool holds(struct test_run *r, const struct question *q,
		  const struct binding *b, char **decided)
{
	struct arena *a = &r->c->arena;
	const struct policy_set *set = &r->c->set;
	switch (q->kind) {
	case Q_OFFICE: {
		struct interp_office o;
		if (b->has_date)
			interp_office_on_date(&r->in, b->provider, b->office, b->days, &o);
		else
			interp_office(&r->in, b->provider, b->office, b->weekday,
				      POL_NO_DATE, &o);
		for (size_t i = 0; i < r->m->schedules.n; i++) {
			const struct model_schedule *s = r->m->schedules.items[i];
			if (s->provider != b->provider)
				continue;
			const struct vec *offices = &s->ast->office_decls;
			for (size_t j = 0; j < offices->n; j++)
				if (((struct decl *)offices->items[j])->id == b->office)
					r->cov.schedules[i] = true;
		}
		*decided = arena_strdup(a, !o.covered ? "not covered" :
					o.open ? "open" : "closed");
		if (!o.covered || q->not_covered)
			return !o.covered && q->not_covered;
		return o.open == q->open;
	}
	case Q_CONTACT: {
		struct interp_contact k;
		interp_contact(&r->in, a, b->provider, b->days, b->values, &k);
		for (size_t i = 0; i < k.matched.n; i++)
			cover_rule(r, k.matched.items[i]);
		if (k.rule)
			cover_rule(r, k.rule);
		*decided = arena_strdup(a, k.mode ? k.mode->name.text : "no decision");
		if (!k.mode)
			return q->op == OUT_IS_NOT;
		int got = k.mode->priority, want = q->mode_decl->priority;
		switch (q->op) {
		case OUT_IS: return got == want;
		case OUT_IS_NOT: return got != want;
		case OUT_AT_LEAST: return got <= want;
		case OUT_AT_MOST: return got >= want;
		}
		return false;
	}
	case Q_ACTIVITY: {
		struct interp_activity act;
		interp_activity(&r->in, b->activity, b->area, b->days, &act);
		if (act.entry) {
			size_t i = entry_index(r, act.entry);
			if (i != (size_t)-1)
				r->cov.entries[i] = true;
		}
		/* where the plan says nothing, it is neither permitted nor not */
		*decided = arena_strdup(a, !act.entry ? "not covered" :
					act.permitted ? "permitted" : "not permitted");
		if (!act.entry || q->not_covered)
			return !act.entry && q->not_covered;
		bool ok = act.permitted == q->permitted;
		for (size_t i = 0; ok && i < q->limits.n; i++) {
			const struct limit *l = q->limits.items[i];
			if (l->key_index >= 0 && act.limits[l->key_index] != l->value) {
				ok = false;
				*decided = arena_printf(a, "%s with %s %ld", *decided,
							l->key.text, (long)act.limits[l->key_index]);
			}
		}
		for (size_t i = 0; ok && i < q->condition_decls.n; i++) {
			const struct decl *want = q->condition_decls.items[i];
			bool found = false;
			for (size_t j = 0; act.conditions && j < act.conditions->n; j++)
				found |= act.conditions->items[j] == want;
			if (!found) {
				ok = false;
				*decided = arena_printf(a, "%s, not subject to %s", *decided,
							want->name.text);
			}
		}
		(void)set;
		return ok;
	}
	}
	return false;
}

/* ---- enumerating bindings ------------------------------------------- */

struct search {
	struct test_run *r;
	const struct question *q;
	bool failed;
	struct binding worst;		/* smallest failing binding so far */
	uint32_t *worst_values;
	unsigned worst_weight[2];	/* attributes set, sum of codes */
	char *decided;
	unsigned long checked;
	bool too_complex;		/* a property too big to decide */
};

static unsigned weight_set(const uint32_t *v, size_t n, unsigned *sum)
{
	unsigned set = 0;
	*sum = 0;
	for (size_t k = 0; k < n; k++) {
		set += v[k] != 0;
		*sum += v[k];
	}
	return set;
}

/* Record a failure if it is smaller than the one kept.  Bindings arrive in
 * order of names and dates, so only cases need comparing. */
static void failure(struct search *s, const struct binding *b, char *decided)
{
	size_t n = s->r->m->n_attrs;
	unsigned sum = 0, set = b->values ? weight_set(b->values, n, &sum) : 0;
	if (s->failed && s->q->kind == Q_CONTACT &&
	    (set > s->worst_weight[0] || (set == s->worst_weight[0] && sum >= s->worst_weight[1])))
		return;
	if (s->failed && s->q->kind != Q_CONTACT)
		return;
	s->failed = true;
	s->worst = *b;
	s->worst_weight[0] = set;
	s->worst_weight[1] = sum;
	if (b->values) {
		memcpy(s->worst_values, b->values, n * sizeof(uint32_t));
		s->worst.values = s->worst_values;
	}
	s->decided = decided;
}

static void try_binding(struct search *s, const struct binding *b)
{
	char *decided = NULL;
	s->checked++;
	if (!holds(s->r, s->q, b, &decided))
		failure(s, b, decided);
}

/* Dates at which an activity's state can change, within [lo, hi]. */
static size_t change_points(struct test_run *r, uint32_t activity, int32_t lo,
			    int32_t hi, int32_t *out, size_t cap)
{
	size_t n = 0;
	out[n++] = lo;
	const struct vec *tls = &r->c->set.timelines;
	for (size_t t = 0; t < tls->n; t++) {
		const struct timeline *tl = tls->items[t];
		if (tl->activity_decl->id != activity)
			continue;
		for (size_t i = 0; i < tl->entries.n && n < cap; i++) {
			const struct entry *e = tl->entries.items[i];
			if (e->days > lo && e->days <= hi)
				out[n++] = e->days;
		}
	}
	/* in date order, so the first failure is the earliest */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
			int32_t t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static void add_week(int32_t from, int32_t lo, int32_t hi, int32_t *out,
		     size_t *n, size_t cap)
{
	for (int32_t d = from; d < from + 7 && d <= hi && *n < cap; d++)
		if (d >= lo)
			out[(*n)++] = d;
}

/* Dates enough to see every answer an office gives in [lo, hi]: a week
 * from lo and from each date a schedule of the provider for the office
 * starts, ends or keeps other hours (within a stretch between them the
 * answer depends on the weekday alone); in date order, without repeats. */
static size_t office_points(struct test_run *r, uint32_t provider, uint32_t office,
			    int32_t lo, int32_t hi, int32_t *out, size_t cap)
{
	size_t n = 0;
	add_week(lo, lo, hi, out, &n, cap);
	const struct vec *ss = &r->c->set.schedules;
	for (size_t i = 0; i < ss->n; i++) {
		const struct schedule *sc = ss->items[i];
		if (!schedule_of(sc, provider, office))
			continue;
		if (sc->first != INT32_MIN)
			add_week(sc->first, lo, hi, out, &n, cap);
		if (sc->last != INT32_MAX)
			add_week(sc->last + 1, lo, hi, out, &n, cap);
		for (size_t k = 0; k < sc->on_dates.n; k++) {
			const struct date_clause *dc = sc->on_dates.items[k];
			add_week(dc->from.days, lo, hi, out, &n, cap);
			add_week(dc->until.days + 1, lo, hi, out, &n, cap);
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
			int32_t t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

/* Cases too many to enumerate: find the failing ones symbolically.  The
 * cases a provider decides with each mode are covers, built rule by rule
 * in priority order; the cases where the question fails are the 'where'
 * cover meeting the covers of the modes that would fail it.  The smallest
 * case of that meeting is then checked with the interpreter. */
static bool contact_symbolic(struct search *s, struct binding *b)
{
	struct test_run *r = s->r;
	const struct question *q = s->q;
	struct arena *a = &r->c->arena;
	const struct cube_space *sp = &r->m->space;
	size_t n_modes = r->c->set.decls[DECL_MODE].n;
	struct cover *by_mode = ARENA_ARRAY(a, struct cover, n_modes + 1);
	struct cover undecided, bad, where;
	int32_t table = model_contact_on(r->m, b->provider, b->days);
	if (table < 0) {	/* no rules in force: nothing decides */
		for (size_t i = 0; i < n_modes; i++)
			cover_init(&by_mode[i]);
		cover_true(a, sp, &undecided);
	} else if (!model_decisions(a, r->m, (uint32_t)table, by_mode, &undecided)) {
		return false;
	}
	/* the modes that fail the question, and no decision unless 'is not' */
	cover_init(&bad);
	int want = q->mode_decl->priority;
	for (size_t i = 0; i < n_modes; i++) {
		int got = (int)i;
		bool ok = q->op == OUT_IS ? got == want : q->op == OUT_IS_NOT ? got != want
			: q->op == OUT_AT_LEAST ? got <= want : got >= want;
		if (!ok && !cover_or(a, sp, &bad, &bad, &by_mode[i]))
			return false;
	}
	if (q->op != OUT_IS_NOT && !cover_or(a, sp, &bad, &bad, &undecided))
		return false;
	if (q->where) {
		if (!model_condition(a, &r->c->diags, r->m,
				     q->where, &where))
			return false;
	} else {
		cover_true(a, sp, &where);
	}
	if (!cover_and(a, sp, &bad, &bad, &where))
		return false;
	/* the smallest case of each failing cube: its lowest values */
	uint32_t *values = ARENA_ARRAY(a, uint32_t, sp->n + 1);
	b->values = values;
	for (size_t i = 0; i < bad.n; i++) {
		const uint64_t *cube = cover_cube(sp, &bad, i);
		for (size_t k = 0; k < sp->n; k++)
			values[k] = (uint32_t)__builtin_ctzll(cube[k]);
		try_binding(s, b);
	}
	s->checked++;
	return true;
}

static void each_case(struct search *s, struct binding *b)
{
	struct test_run *r = s->r;
	const struct question *q = s->q;
	size_t n = r->m->n_attrs;
	uint32_t *values = ARENA_ARRAY(&r->c->arena, uint32_t, n + 1);
	b->values = values;
	if (!q->every_case) {
		for (size_t i = 0; i < q->settings.n; i++) {
			const struct setting *st = q->settings.items[i];
			for (size_t k = 0; k < n; k++)
				if (r->m->attrs[k].decl == st->attr_decl)
					values[k] = !st->has_value ? 1
						: st->attr_decl->kind == DECL_RANGE
						? (uint32_t)(st->value.resolved - st->attr_decl->lo)
						: (uint32_t)st->value.resolved;
		}
		try_binding(s, b);
		return;
	}
	double space = 1;
	for (size_t k = 0; k < n; k++)
		space *= r->m->attrs[k].size;
	if (space > (double)(1u << 22)) {
		if (!contact_symbolic(s, b))
			s->too_complex = true;
		return;
	}
	for (;;) {
		if (!q->where || interp_cond(&r->in, q->where, values))
			try_binding(s, b);
		size_t k = 0;
		while (k < n && ++values[k] == r->m->attrs[k].size)
			values[k++] = 0;
		if (k == n)
			break;
	}
}

static int32_t point_days(const struct point *p, bool *ok)
{
	*ok = p->is_date ? p->date.valid : p->step_decl != NULL;
	return p->days;
}

/* The dates of "on every date [from P] [to P | before P]", inclusive. */
static void date_range(const struct when *w, int32_t *lo, int32_t *hi, bool *ok)
{
	pol_date_from_ymd(POL_YEAR_MIN, 1, 1, lo);
	pol_date_from_ymd(POL_YEAR_MAX, 12, 31, hi);
	if (w->has_from)
		*lo = point_days(&w->from, ok);
	if (w->has_to) {
		*hi = point_days(&w->to, ok);
		if (w->to_exclusive)
			(*hi)--;
	}
}

static void each_when(struct search *s, struct binding *b)
{
	const struct question *q = s->q;
	const struct when *w = &q->when;
	if (q->kind == Q_OFFICE) {
		b->has_date = false;
		if (w->every == EVERY_NONE) {
			b->has_date = w->at.weekday < 0;
			b->days = w->at.days;
			b->weekday = w->at.weekday >= 0 ? w->at.weekday : pol_weekday(w->at.days);
			try_binding(s, b);
			return;
		}
		if (w->every == EVERY_DAY) {
			for (int d = 0; d < 7; d++) {
				b->weekday = d;
				try_binding(s, b);
			}
			return;
		}
		int32_t lo, hi;
		bool ok = true;
		date_range(w, &lo, &hi, &ok);
		if (!ok || hi < lo)
			return;
		int32_t points[4096];
		size_t n = office_points(s->r, b->provider, b->office, lo, hi, points, 4096);
		b->has_date = true;
		for (size_t i = 0; i < n; i++) {
			b->days = points[i];
			b->weekday = pol_weekday(b->days);
			try_binding(s, b);
		}
		return;
	}
	if (w->every == EVERY_NONE) {
		b->days = w->at.days;
		try_binding(s, b);
		return;
	}
	int32_t lo, hi;
	bool ok = true;
	date_range(w, &lo, &hi, &ok);
	if (!ok || hi < lo)
		return;
	int32_t points[4096];
	size_t n = change_points(s->r, b->activity, lo, hi, points, 4096);
	for (size_t i = 0; i < n; i++) {
		b->days = points[i];
		try_binding(s, b);
	}
}

static void each_second(struct search *s, struct binding *b)
{
	const struct question *q = s->q;
	struct test_run *r = s->r;
	if (q->kind == Q_CONTACT) {
		/* the rules in force on the date asked, or the undated ones */
		b->days = q->dated ? q->when.at.days : POL_NO_DATE;
		each_case(s, b);
		return;
	}
	if (q->kind == Q_OFFICE) {
		size_t no = r->c->set.decls[DECL_OFFICE].n;
		for (size_t o = 0; o < no; o++) {
			if (!q->second.every && o != q->second.decl->id)
				continue;
			b->office = (uint32_t)o;
			each_when(s, b);
		}
		return;
	}
	for (size_t a = 0; a < r->m->n_areas; a++) {
		if (!q->second.every && r->m->areas[a] != q->second.decl)
			continue;
		b->area = (uint32_t)a;
		each_when(s, b);
	}
}

static char *binding_text(struct test_run *r, const struct question *q,
			  const struct binding *b)
{
	struct arena *a = &r->c->arena;
	const struct policy_set *set = &r->c->set;
	char *out = arena_strdup(a, "");
	if (q->kind == Q_ACTIVITY) {
		if (q->first.every)
			out = arena_printf(a, "activity %s, ", decl_name(&set->decls[DECL_ACTIVITY],
									b->activity));
		if (q->second.every)
			out = arena_printf(a, "%sarea %s, ", out, r->m->areas[b->area]->name.text);
		if (q->when.every) {
			char d[POL_DATE_BUFSIZE];
			pol_date_format(b->days, d);
			out = arena_printf(a, "%sdate %s, ", out, d);
		}
	} else {
		if (q->first.every)
			out = arena_printf(a, "provider %s, ", decl_name(&set->decls[DECL_PROVIDER],
									b->provider));
		if (q->kind == Q_OFFICE && q->second.every)
			out = arena_printf(a, "%soffice %s, ", out,
					   decl_name(&set->decls[DECL_OFFICE], b->office));
		if (q->kind == Q_OFFICE && q->when.every == EVERY_DAY)
			out = arena_printf(a, "%sday %s, ", out, pol_weekday_name(b->weekday));
		if (q->kind == Q_OFFICE && q->when.every == EVERY_DATE) {
			char d[POL_DATE_BUFSIZE];
			pol_date_format(b->days, d);
			out = arena_printf(a, "%sdate %s (%s), ", out, d,
					   pol_weekday_name(b->weekday));
		}
		if (q->kind == Q_CONTACT && q->every_case)
			out = arena_printf(a, "%scase: %s, ", out, case_text(r, b->values));
	}
	size_t n = strlen(out);
	if (n >= 2)
		out[n - 2] = '\0';
	return out;
}

static char *expected_text(struct test_run *r, const struct question *q)
{
	struct arena *a = &r->c->arena;
	switch (q->kind) {
	case Q_OFFICE:
		return arena_strdup(a, q->not_covered ? "not covered" :
				    q->open ? "open" : "closed");
	case Q_CONTACT: {
		static const char *const ops[] = { "", "not ", "at least ", "at most " };
		return arena_printf(a, "%s%s", ops[q->op], q->mode.text);
	}
	case Q_ACTIVITY: {
		if (q->not_covered)
			return arena_strdup(a, "not covered");
		char *out = arena_strdup(a, q->permitted ? "permitted" : "not permitted");
		for (size_t i = 0; i < q->limits.n; i++) {
			const struct limit *l = q->limits.items[i];
			out = arena_printf(a, "%s%s %s %lld", out, i ? "," : " with",
					   l->key.text, (long long)l->value);
		}
		for (size_t i = 0; i < q->conditions.n; i++)
			out = arena_printf(a, "%s%s %s", out, i ? "," : " subject to",
					   ((struct name *)q->conditions.items[i])->text);
		return out;
	}
	}
	return arena_strdup(a, "");
}

static void run_test(struct test_run *r, const struct test *t)
{
	const struct question *q = &t->q;
	struct search s = { .r = r, .q = q };
	s.worst_values = ARENA_ARRAY(&r->c->arena, uint32_t, r->m->n_attrs + 1);
	struct binding b;
	memset(&b, 0, sizeof(b));
	const struct vec *firsts = q->kind == Q_ACTIVITY ? &r->c->set.decls[DECL_ACTIVITY]
							 : &r->c->set.decls[DECL_PROVIDER];
	for (size_t i = 0; i < firsts->n && !(s.failed && q->kind != Q_CONTACT); i++) {
		if (!q->first.every && firsts->items[i] != q->first.decl)
			continue;
		if (q->kind == Q_ACTIVITY)
			b.activity = (uint32_t)i;
		else
			b.provider = (uint32_t)i;
		each_second(&s, &b);
	}
	struct test_result *res = ARENA_NEW(&r->c->arena, struct test_result);
	res->test = t;
	res->passed = !s.failed && !s.too_complex;
	if (s.too_complex && !s.failed) {
		res->expected = expected_text(r, q);
		res->decided = arena_strdup(&r->c->arena,
					    "not decided: the property is too large to check");
		r->failed++;
	} else if (s.failed) {
		res->expected = expected_text(r, q);
		res->decided = s.decided;
		if (t->is_assert)
			res->counterexample = binding_text(r, q, &s.worst);
		r->failed++;
	} else {
		r->passed++;
	}
	vec_push(&r->c->arena, &r->results, res);
}

char *testrun_describe(struct test_run *r, const struct test *t)
{
	struct strbuf b;
	strbuf_init(&b, &r->c->arena);
	strbuf_puts(&b, t->is_assert ? "assert " : "expect ");
	fmt_question(&b, &t->q);
	return b.s;
}

void testrun_all(struct test_run *r, struct compilation *c, struct model *m)
{
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->m = m;
	interp_init(&r->in, &c->set, m);
	struct arena *a = &c->arena;
	r->cov.rules = ARENA_ARRAY(a, bool, m->rules.n + 1);
	r->cov.schedules = ARENA_ARRAY(a, bool, m->schedules.n + 1);
	for (size_t t = 0; t < c->set.timelines.n; t++)
		r->n_entries += ((struct timeline *)c->set.timelines.items[t])->entries.n;
	r->entry_list = ARENA_ARRAY(a, const struct entry *, r->n_entries + 1);
	r->cov.entries = ARENA_ARRAY(a, bool, r->n_entries + 1);
	size_t k = 0;
	for (size_t t = 0; t < c->set.timelines.n; t++) {
		const struct timeline *tl = c->set.timelines.items[t];
		for (size_t i = 0; i < tl->entries.n; i++)
			r->entry_list[k++] = tl->entries.items[i];
	}
	for (size_t i = 0; i < c->set.tests.n; i++)
		run_test(r, c->set.tests.items[i]);
}
