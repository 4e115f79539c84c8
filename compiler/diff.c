/* diff.c - comparing the decisions of two versions of a policy set.
 *
 * Offices: every provider, office and weekday, asked of the reference
 * interpreter on both sides.  Activities: every activity and area, on
 * every date on which either side has an entry take effect (between those
 * dates nothing changes), adjacent dates with the same change merged into
 * one range.  Contact: symbolically.  Each side's cases are split into
 * covers by the mode that decides them (model_decisions); both are moved
 * into one attribute space, the union of both sides' attributes and
 * values, and for every pair of different modes the cases decided by the
 * one before and the other after are printed as conditions, each widened
 * as far as it stays inside what changed, so that "tact" is printed rather
 * than a list of every case with tact set.
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "dayset.h"
#include "pol/runtime.h"

#define MAX_VALUES 64

/* An attribute of the union space and how each side's codes map into it. */
struct uattr {
	const char *name;
	enum pol_attr_kind kind;
	int side[2];			/* index in each side's model attrs, or -1 */
	uint32_t size;
	uint32_t map[2][MAX_VALUES];	/* side code -> union code */
	const char *values[MAX_VALUES];	/* levels: value names */
	int64_t lo;			/* ranges */
};

struct differ {
	struct diff_side *side[2];	/* 0 old, 1 new */
	struct arena *a;
	struct vec *out;
	int32_t *map[DECL_KIND_COUNT];	/* old id -> new id, or -1 */
	size_t n_attrs;
	struct uattr *attrs;
	struct cube_space space;
	struct cover valid;		/* cases both sides can have */
};

static const struct vec *decls(const struct diff_side *s, int kind)
{
	return &s->c->set.decls[kind];
}

static const struct decl *decl_at(const struct diff_side *s, int kind, size_t i)
{
	return decls(s, kind)->items[i];
}

static void add(struct differ *d, struct change *c)
{
	vec_push(d->a, d->out, c);
}

static struct change *new_change(struct differ *d, enum change_kind k)
{
	struct change *c = ARENA_NEW(d->a, struct change);
	c->kind = k;
	return c;
}

/* ---- names ----------------------------------------------------------- */

static const char *const kind_words[DECL_KIND_COUNT] = {
	[DECL_PROVIDER] = "provider", [DECL_NATION] = "nation",
	[DECL_REGION] = "region", [DECL_OFFICE] = "office", [DECL_FLAG] = "flag",
	[DECL_LEVEL] = "level", [DECL_RANGE] = "range", [DECL_MODE] = "mode",
	[DECL_CONDITION] = "condition", [DECL_ACTIVITY] = "activity",
	[DECL_STEP] = "step",
};

static bool same_text(const struct text *x, const struct text *y)
{
	return x && y && x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

/* Does an office open the same way on both sides, provider by provider? */
static bool same_openings(struct differ *d, const struct decl *o, const struct decl *n)
{
	for (size_t p = 0; p < decls(d->side[0], DECL_PROVIDER)->n; p++) {
		int32_t np = d->map[DECL_PROVIDER][p];
		if (np < 0)
			continue;
		for (int day = 0; day < 7; day++) {
			struct interp_office a, b;
			interp_office(&d->side[0]->in, (uint32_t)p, o->id, day, POL_NO_DATE, &a);
			interp_office(&d->side[1]->in, (uint32_t)np, n->id, day, POL_NO_DATE, &b);
			if (a.covered != b.covered || a.open != b.open || a.n_hours != b.n_hours ||
			    memcmp(a.open_minute, b.open_minute, sizeof(a.open_minute)) ||
			    memcmp(a.close_minute, b.close_minute, sizeof(a.close_minute)))
				return false;
		}
	}
	return true;
}

/* A removed and an added name are one renamed thing when they carry the
 * same display text, or for offices when they lie in the same place and
 * open the same way. */
static bool same_thing(struct differ *d, int kind, const struct decl *o,
		       const struct decl *n)
{
	if (same_text(o->title, n->title))
		return true;
	if (kind == DECL_OFFICE && o->parent_decl && n->parent_decl &&
	    strcmp(o->parent_decl->name.text, n->parent_decl->name.text) == 0)
		return same_openings(d, o, n);
	return false;
}

static void names(struct differ *d)
{
	for (int k = 0; k < DECL_KIND_COUNT; k++) {
		const struct vec *ov = decls(d->side[0], k), *nv = decls(d->side[1], k);
		(void)nv;
		d->map[k] = ARENA_ARRAY(d->a, int32_t, ov->n + 1);
		for (size_t i = 0; i < ov->n; i++) {
			d->map[k][i] = -1;
			const struct decl *o = ov->items[i];
			const struct decl *n = symtab_get(&d->side[1]->c->set.names, o->name.text);
			if (n && (int)n->kind == k)
				d->map[k][i] = (int32_t)n->id;
		}
	}
	/* renames, once the other names are matched (offices look at their
	 * providers' schedules) */
	for (int k = 0; k < DECL_KIND_COUNT; k++) {
		const struct vec *ov = decls(d->side[0], k), *nv = decls(d->side[1], k);
		bool *taken = ARENA_ARRAY(d->a, bool, nv->n + 1);
		for (size_t i = 0; i < ov->n; i++)
			if (d->map[k][i] >= 0)
				taken[d->map[k][i]] = true;
		for (size_t i = 0; i < ov->n; i++) {
			if (d->map[k][i] >= 0)
				continue;
			const struct decl *o = ov->items[i];
			int found = -1, count = 0;
			for (size_t j = 0; j < nv->n; j++)
				if (!taken[j] && same_thing(d, k, o, nv->items[j])) {
					found = (int)j;
					count++;
				}
			struct change *c = new_change(d, CHANGE_NAME);
			if (count == 1) {
				const struct decl *n = nv->items[found];
				d->map[k][i] = found;
				taken[found] = true;
				c->what = "renamed";
				c->subject = arena_printf(d->a, "%s %s", kind_words[k], o->name.text);
				c->old_text = o->name.text;
				c->new_text = n->name.text;
			} else {
				c->what = "removed";
				c->subject = arena_printf(d->a, "%s %s", kind_words[k], o->name.text);
				c->old_text = o->name.text;
			}
			add(d, c);
		}
		for (size_t j = 0; j < nv->n; j++) {
			if (taken[j])
				continue;
			struct change *c = new_change(d, CHANGE_NAME);
			c->what = "added";
			c->subject = arena_printf(d->a, "%s %s", kind_words[k],
						  ((const struct decl *)nv->items[j])->name.text);
			c->new_text = ((const struct decl *)nv->items[j])->name.text;
			add(d, c);
		}
	}
}

/* ---- offices --------------------------------------------------------- */

static const char *opening(struct differ *d, const struct interp_office *o)
{
	if (!o->covered)
		return "not covered";
	if (!o->open)
		return "closed";
	if (!o->n_hours)
		return "open";
	const char *t = "open";
	for (unsigned k = 0; k < o->n_hours; k++)
		t = arena_printf(d->a, "%s%s%02d:%02d-%02d:%02d", t, k ? " and " : " ",
				 o->open_minute[k] / 60, o->open_minute[k] % 60,
				 o->close_minute[k] / 60, o->close_minute[k] % 60);
	return t;
}

/* The dates where either side's schedules for the office start, end or
 * keep other hours: between two of them, both sides answer each weekday
 * the same way throughout. */
static void breaks(struct differ *d, int side, uint32_t provider, uint32_t office,
		   struct vec *out, struct vec *on_dates)
{
	const struct vec *ss = &d->side[side]->c->set.schedules;
	for (size_t i = 0; i < ss->n; i++) {
		const struct schedule *s = ss->items[i];
		if (!schedule_of(s, provider, office))
			continue;
		dayset_add(d->a, out, s->first);
		if (s->last != INT32_MAX)
			dayset_add(d->a, out, s->last + 1);
		for (size_t k = 0; k < s->on_dates.n; k++) {
			const struct date_clause *dc = s->on_dates.items[k];
			for (int32_t t = dc->from.days; t <= dc->until.days && t - dc->from.days < 366; t++)
				dayset_add(d->a, on_dates, t);
		}
	}
}

static void office_change(struct differ *d, int32_t np, int32_t no,
			  const char *where, const char *was, const char *is)
{
	struct change *c = new_change(d, CHANGE_OFFICE);
	c->provider = decl_at(d->side[1], DECL_PROVIDER, (size_t)np)->name.text;
	c->office = decl_at(d->side[1], DECL_OFFICE, (size_t)no)->name.text;
	c->day = where;
	c->subject = arena_printf(d->a, "%s at %s", c->provider, c->office);
	c->where = where;
	c->old_text = was;
	c->new_text = is;
	add(d, c);
}

/* Each weekday of each stretch of dates between breaks, then each date
 * a date line names: what differs is a change, with where it holds. */
static void office_cell(struct differ *d, size_t p, int32_t np, size_t o, int32_t no)
{
	struct vec at = { 0 }, on = { 0 };
	breaks(d, 0, (uint32_t)p, (uint32_t)o, &at, &on);
	breaks(d, 1, (uint32_t)np, (uint32_t)no, &at, &on);
	dayset_sort(&at);
	dayset_sort(&on);
	for (size_t k = 0; k <= at.n; k++) {
		/* stretch k: before the first break, or from break k-1 */
		int32_t from = k ? dayset_at(&at, k - 1) : POL_DAY_FIRST;
		for (int day = 0; day < 7; day++) {
			struct interp_office a, b;
			interp_office(&d->side[0]->in, (uint32_t)p, (uint32_t)o, day,
				      at.n ? from : POL_NO_DATE, &a);
			interp_office(&d->side[1]->in, (uint32_t)np, (uint32_t)no, day,
				      at.n ? from : POL_NO_DATE, &b);
			const char *was = opening(d, &a), *is = opening(d, &b);
			if (strcmp(was, is) == 0)
				continue;
			const char *where = pol_weekday_name(day);
			if (at.n) {
				char date[POL_DATE_BUFSIZE], end[POL_DATE_BUFSIZE];
				pol_date_format(k ? from : dayset_at(&at, 0), date);
				where = arena_printf(d->a, "%s %s %s", where,
						     k ? "from" : "before", date);
				if (k && k < at.n) {	/* a stretch with an end */
					pol_date_format(dayset_at(&at, k) - 1, end);
					where = arena_printf(d->a, "%s until %s", where, end);
				}
			}
			office_change(d, np, no, where, was, is);
		}
	}
	for (size_t k = 0; k < on.n; k++) {
		int32_t t = dayset_at(&on, k);
		struct interp_office a, b;
		interp_office_on_date(&d->side[0]->in, (uint32_t)p, (uint32_t)o, t, &a);
		interp_office_on_date(&d->side[1]->in, (uint32_t)np, (uint32_t)no, t, &b);
		const char *was = opening(d, &a), *is = opening(d, &b);
		if (strcmp(was, is) == 0)
			continue;
		char date[POL_DATE_BUFSIZE];
		pol_date_format(t, date);
		office_change(d, np, no, arena_printf(d->a, "on %s", date), was, is);
	}
}

static void offices(struct differ *d)
{
	for (size_t p = 0; p < decls(d->side[0], DECL_PROVIDER)->n; p++) {
		int32_t np = d->map[DECL_PROVIDER][p];
		if (np < 0)
			continue;
		for (size_t o = 0; o < decls(d->side[0], DECL_OFFICE)->n; o++) {
			int32_t no = d->map[DECL_OFFICE][o];
			if (no >= 0)
				office_cell(d, p, np, o, no);
		}
	}
}

/* ---- contact ---------------------------------------------------------- */

static struct uattr *uattr_find(struct differ *d, const char *name)
{
	for (size_t i = 0; i < d->n_attrs; i++)
		if (strcmp(d->attrs[i].name, name) == 0)
			return &d->attrs[i];
	return NULL;
}

static uint32_t value_code(struct uattr *u, const char *value)
{
	for (uint32_t v = 0; v < u->size; v++)
		if (strcmp(u->values[v], value) == 0)
			return v;
	u->values[u->size] = value;
	return u->size++;
}

/* The union of both sides' attributes and values, and how each side's
 * codes map into it.  False if a level grows past MAX_VALUES. */
static bool union_space(struct differ *d)
{
	size_t cap = d->side[0]->m->n_attrs + d->side[1]->m->n_attrs;
	d->attrs = ARENA_ARRAY(d->a, struct uattr, cap + 1);
	for (int s = 0; s < 2; s++) {
		const struct model *m = d->side[s]->m;
		for (size_t k = 0; k < m->n_attrs; k++) {
			const struct model_attr *ma = &m->attrs[k];
			struct uattr *u = uattr_find(d, ma->decl->name.text);
			if (u && u->kind != ma->kind)
				u = NULL;	/* a new type: compared as another attribute */
			if (!u) {
				u = &d->attrs[d->n_attrs++];
				u->name = ma->decl->name.text;
				u->kind = ma->kind;
				u->side[0] = u->side[1] = -1;
			}
			u->side[s] = (int)k;
			for (uint32_t v = 0; v < ma->size; v++) {
				const char *name;
				if (ma->kind == POL_LEVEL)
					name = ((struct name *)ma->decl->values.items[v])->text;
				else if (ma->kind == POL_RANGE)
					name = arena_printf(d->a, "%lld", (long long)(ma->lo + v));
				else
					name = v ? "set" : "unset";
				if (u->size == MAX_VALUES && !uattr_find(d, name))
					return false;
				u->map[s][v] = value_code(u, name);
			}
		}
	}
	uint64_t *full = ARENA_ARRAY(d->a, uint64_t, d->n_attrs + 1);
	for (size_t i = 0; i < d->n_attrs; i++)
		full[i] = d->attrs[i].size == 64 ? ~0ull : (1ull << d->attrs[i].size) - 1;
	d->space.n = d->n_attrs;
	d->space.full = full;
	/* cases valid on both sides: each side's own values where it has
	 * the attribute */
	uint64_t *cube = ARENA_ARRAY(d->a, uint64_t, d->n_attrs + 1);
	for (size_t i = 0; i < d->n_attrs; i++) {
		cube[i] = full[i];
		for (int s = 0; s < 2; s++) {
			if (d->attrs[i].side[s] < 0)
				continue;
			uint64_t mine = 0;
			const struct model_attr *ma = &d->side[s]->m->attrs[d->attrs[i].side[s]];
			for (uint32_t v = 0; v < ma->size; v++)
				mine |= 1ull << d->attrs[i].map[s][v];
			cube[i] &= mine;
		}
	}
	cover_init(&d->valid);
	struct cover one;
	cover_true(d->a, &d->space, &one);
	memcpy(one.sets, cube, d->n_attrs * sizeof(uint64_t));
	d->valid = one;
	return true;
}

/* A side's cover in the union space. */
static bool translate(struct differ *d, int s, const struct cover *in,
		      struct cover *out)
{
	const struct model *m = d->side[s]->m;
	cover_init(out);
	struct cover one;
	for (size_t i = 0; i < in->n; i++) {
		const uint64_t *cube = cover_cube(&m->space, in, i);
		cover_true(d->a, &d->space, &one);
		for (size_t u = 0; u < d->n_attrs; u++) {
			int k = d->attrs[u].side[s];
			if (k < 0)
				continue;
			uint64_t set = 0;
			for (uint32_t v = 0; v < m->attrs[k].size; v++)
				if ((cube[k] >> v) & 1u)
					set |= 1ull << d->attrs[u].map[s][v];
			one.sets[u] = set;
		}
		if (!cover_or(d->a, &d->space, out, out, &one))
			return false;
	}
	return true;
}

/* Is a cube inside allowed? */
static bool inside(struct differ *d, const struct cover *cube,
		   const struct cover *allowed, bool *ok)
{
	struct cover rest;
	if (!cover_minus(d->a, &d->space, &rest, cube, allowed)) {
		*ok = false;
		return false;
	}
	return rest.n == 0;
}

/* Widen each cube of region as far as it stays inside allowed, so that it
 * reads short.  An attribute whose set holds its default value (a flag
 * unset, a level at its lowest) is a "not": it may go altogether, or take
 * more values.  The others are what the change is about and stay exactly
 * as they are ("mappa == 2" would read falsely as "mappa != 0"). */
static bool widen(struct differ *d, const struct cover *region,
		  const struct cover *allowed, struct cover *out)
{
	const struct cube_space *sp = &d->space;
	cover_init(out);
	struct cover trial;
	bool ok = true;
	for (size_t i = 0; i < region->n; i++) {
		cover_true(d->a, sp, &trial);
		memcpy(trial.sets, cover_cube(sp, region, i), sp->n * sizeof(uint64_t));
		for (size_t k = 0; k < sp->n; k++) {
			bool negative = trial.sets[k] & 1u;
			if (!negative || trial.sets[k] == sp->full[k])
				continue;
			uint64_t keep = trial.sets[k];
			trial.sets[k] = sp->full[k];
			if (inside(d, &trial, allowed, &ok))
				continue;
			trial.sets[k] = keep;
			for (uint32_t v = 1; v < d->attrs[k].size; v++) {
				if ((trial.sets[k] >> v) & 1u)
					continue;
				trial.sets[k] |= 1ull << v;
				if (!inside(d, &trial, allowed, &ok))
					trial.sets[k] &= ~(1ull << v);
			}
		}
		if (!ok || !cover_or(d->a, sp, out, out, &trial))
			return false;
	}
	return true;
}

/* One attribute's set as a condition: "tact", "risk >= high", ... */
static const char *set_text(struct differ *d, size_t k, uint64_t set,
			    const uint64_t *valid)
{
	const struct uattr *u = &d->attrs[k];
	set &= valid[k];
	uint64_t all = valid[k];
	if (u->kind == POL_FLAG) {
		uint32_t on = 0;
		for (uint32_t v = 0; v < u->size; v++)
			if (strcmp(u->values[v], "set") == 0)
				on = v;
		return ((set >> on) & 1u) ? u->name : arena_printf(d->a, "not %s", u->name);
	}
	/* values in the order of the union; for ranges they are numbers */
	int n = __builtin_popcountll(set), total = __builtin_popcountll(all);
	int first = __builtin_ctzll(set), last = 63 - __builtin_clzll(set);
	uint64_t span = (last == 63 ? ~0ull : (2ull << last) - 1) & ~((1ull << first) - 1);
	bool contiguous = (span & all) == set;
	int all_first = __builtin_ctzll(all), all_last = 63 - __builtin_clzll(all);
	if (n == 1)
		return arena_printf(d->a, "%s == %s", u->name, u->values[first]);
	if (n == total - 1) {
		int missing = __builtin_ctzll(all & ~set);
		return arena_printf(d->a, "%s != %s", u->name, u->values[missing]);
	}
	if (contiguous && last == all_last)
		return arena_printf(d->a, "%s >= %s", u->name, u->values[first]);
	if (contiguous && first == all_first)
		return arena_printf(d->a, "%s <= %s", u->name, u->values[last]);
	if (contiguous)
		return arena_printf(d->a, "%s >= %s and %s <= %s", u->name, u->values[first],
				    u->name, u->values[last]);
	char *out = arena_strdup(d->a, "(");
	for (int v = 0; v < 64; v++)
		if ((set >> v) & 1u)
			out = arena_printf(d->a, "%s%s%s == %s", out, out[1] ? " or " : "",
					   u->name, u->values[v]);
	return arena_printf(d->a, "%s)", out);
}

static const char *cube_text(struct differ *d, const uint64_t *cube)
{
	const uint64_t *valid = d->valid.sets;
	char *out = NULL;
	for (size_t k = 0; k < d->n_attrs; k++) {
		if ((cube[k] & valid[k]) == valid[k])
			continue;
		const char *t = set_text(d, k, cube[k], valid);
		out = out ? arena_printf(d->a, "%s and %s", out, t) : arena_strdup(d->a, t);
	}
	return out ? arena_printf(d->a, "cases with %s", out) : "every case";
}

static const char *mode_name(const struct diff_side *s, size_t mode)
{
	if (mode >= decls(s, DECL_MODE)->n)
		return "no decision";
	return decl_at(s, DECL_MODE, mode)->name.text;
}

/* A side's cases by deciding mode (the last: undecided) with the rules
 * of the provider in force on day (POL_NO_DATE: its undated ones). */
static bool decisions_on(struct differ *d, int s, uint32_t provider, int32_t day,
			 struct cover *own, size_t n_modes)
{
	int32_t t = model_contact_on(d->side[s]->m, provider, day);
	if (t >= 0)
		return model_decisions(d->a, d->side[s]->m, (uint32_t)t, own, &own[n_modes]);
	for (size_t i = 0; i < n_modes; i++)
		cover_init(&own[i]);
	cover_true(d->a, &d->side[s]->m->space, &own[n_modes]);	/* not covered */
	return true;
}

/* The dates either side's rules for a provider start or end on. */
static void contact_breaks(struct differ *d, int s, uint32_t provider, struct vec *out)
{
	const struct model *m = d->side[s]->m;
	for (int32_t t = (int32_t)provider; t >= 0; t = m->contact[t].next) {
		dayset_add(d->a, out, m->contact[t].valid_from);
		if (m->contact[t].valid_until != INT32_MAX)
			dayset_add(d->a, out, m->contact[t].valid_until + 1);
	}
}

static bool contact_at(struct differ *d, size_t p, int32_t np, int32_t day,
		       const char *when)
{
	struct arena *a = d->a;
	const struct cube_space *sp = &d->space;
	uint32_t id[2] = { (uint32_t)p, (uint32_t)np };
	/* each side's cases by deciding mode; the last is undecided */
	struct cover *by[2];
	size_t n_modes[2];
	for (int s = 0; s < 2; s++) {
		n_modes[s] = decls(d->side[s], DECL_MODE)->n;
		struct cover *own = ARENA_ARRAY(a, struct cover, n_modes[s] + 1);
		if (!decisions_on(d, s, id[s], day, own, n_modes[s]))
			return false;
		by[s] = ARENA_ARRAY(a, struct cover, n_modes[s] + 1);
		for (size_t i = 0; i <= n_modes[s]; i++)
			if (!translate(d, s, &own[i], &by[s][i]))
				return false;
	}
	struct cover invalid, unchanged, same;
	if (!cover_not(a, sp, &invalid, &d->valid))
		return false;
	cover_init(&unchanged);
	for (size_t i = 0; i <= n_modes[0]; i++)
		for (size_t j = 0; j <= n_modes[1]; j++)
			if (strcmp(mode_name(d->side[0], i), mode_name(d->side[1], j)) == 0 &&
			    (!cover_and(a, sp, &same, &by[0][i], &by[1][j]) ||
			     !cover_or(a, sp, &unchanged, &unchanged, &same)))
				return false;
	for (size_t i = 0; i <= n_modes[0]; i++) {
		for (size_t j = 0; j <= n_modes[1]; j++) {
			const char *was = mode_name(d->side[0], i), *is = mode_name(d->side[1], j);
			if (strcmp(was, is) == 0)
				continue;
			struct cover region, allowed, shown;
			if (!cover_and(a, sp, &region, &by[0][i], &by[1][j]) ||
			    !cover_and(a, sp, &region, &region, &d->valid))
				return false;
			if (region.n == 0)
				continue;
			/* "cases with tact: remote -> face_to_face": the tact
			 * cases that changed went that way, the others did not
			 * change.  So unchanged cases, and cases no one can
			 * have, may widen the description. */
			if (!cover_or(a, sp, &allowed, &region, &unchanged) ||
			    !cover_or(a, sp, &allowed, &allowed, &invalid) ||
			    !widen(d, &region, &allowed, &shown))
				return false;
			for (size_t c = 0; c < shown.n; c++) {
				struct change *ch = new_change(d, CHANGE_CONTACT);
				ch->provider = decl_at(d->side[1], DECL_PROVIDER, (size_t)np)->name.text;
				ch->subject = ch->provider;
				ch->where = cube_text(d, cover_cube(sp, &shown, c));
				if (when)
					ch->where = arena_printf(a, "%s, %s", ch->where, when);
				ch->old_text = was;
				ch->new_text = is;
				add(d, ch);
			}
		}
	}
	return true;
}

/* Each provider's rules, compared on each stretch of dates between the
 * dates either side's versions start and end (once, when undated). */
static bool contact(struct differ *d)
{
	for (size_t p = 0; p < decls(d->side[0], DECL_PROVIDER)->n; p++) {
		int32_t np = d->map[DECL_PROVIDER][p];
		if (np < 0)
			continue;
		struct vec at = { 0 };
		contact_breaks(d, 0, (uint32_t)p, &at);
		contact_breaks(d, 1, (uint32_t)np, &at);
		dayset_sort(&at);
		if (!at.n) {
			if (!contact_at(d, p, np, POL_NO_DATE, NULL))
				return false;
			continue;
		}
		for (size_t k = 0; k <= at.n; k++) {
			int32_t from = k ? dayset_at(&at, k - 1) : POL_DAY_FIRST;
			char date[POL_DATE_BUFSIZE], end[POL_DATE_BUFSIZE];
			pol_date_format(k ? from : dayset_at(&at, 0), date);
			const char *when = arena_printf(d->a, "%s %s", k ? "from" : "before", date);
			if (k && k < at.n) {
				pol_date_format(dayset_at(&at, k) - 1, end);
				when = arena_printf(d->a, "%s until %s", when, end);
			}
			if (!contact_at(d, p, np, from, when))
				return false;
		}
	}
	return true;
}

/* ---- activities ------------------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The parts of an activity's state that officers read, one per field, so
 * a change can show just the fields that differ. */
enum { F_PERMITTED, F_STATUS, F_LIMITS, F_CONDITIONS, F_STEP, F_COUNT };

static void state_fields(struct differ *d, const struct interp_activity *x,
			 const char *f[F_COUNT])
{
	static const char *const keys[POL_LIMIT_COUNT] = {
		"max_group", "min_group", "facilitators", "sites"
	};
	if (!x->entry) {
		f[F_PERMITTED] = "not covered";
		f[F_STATUS] = f[F_LIMITS] = f[F_CONDITIONS] = f[F_STEP] = "";
		return;
	}
	f[F_PERMITTED] = x->permitted ? "permitted" : "not permitted";
	f[F_STATUS] = x->status ? arena_printf(d->a, "status \"%.*s\"", (int)x->status->len,
					       x->status->s) : "no status";
	char *limits = arena_strdup(d->a, "");
	for (int k = 0; k < POL_LIMIT_COUNT; k++)
		if (x->limits[k])
			limits = arena_printf(d->a, "%s%s%s %ld", limits, *limits ? ", " : "",
					      keys[k], (long)x->limits[k]);
	f[F_LIMITS] = *limits ? limits : "no limits";
	char *conds = arena_strdup(d->a, "");
	for (size_t i = 0; x->conditions && i < x->conditions->n; i++)
		conds = arena_printf(d->a, "%s%s%s", conds, *conds ? ", " : "subject to ",
				     ((const struct decl *)x->conditions->items[i])->name.text);
	f[F_CONDITIONS] = *conds ? conds : "no conditions";
	f[F_STEP] = x->step ? x->step->name.text : "no step";
}

/* The fields that differ, old and new; false when none does. */
static bool state_change(struct differ *d, const struct interp_activity *x,
			 const struct interp_activity *y, const char **was,
			 const char **is)
{
	const char *a[F_COUNT], *b[F_COUNT];
	state_fields(d, x, a);
	state_fields(d, y, b);
	char *w = NULL, *n = NULL;
	if ((x->entry == NULL) != (y->entry == NULL)) {
		/* coverage comes or goes: the covered side in full */
		const char **c = x->entry ? a : b;
		char *full = arena_strdup(d->a, c[0]);
		for (int f = 1; f < F_COUNT; f++)
			full = arena_printf(d->a, "%s; %s", full, c[f]);
		*was = x->entry ? full : "not covered";
		*is = y->entry ? full : "not covered";
		return true;
	}
	for (int f = 0; f < F_COUNT; f++) {
		if (strcmp(a[f], b[f]) == 0 || (!*a[f] && !*b[f]))
			continue;
		const char *left = *a[f] ? a[f] : "-", *right = *b[f] ? b[f] : "-";
		w = w ? arena_printf(d->a, "%s; %s", w, left) : arena_strdup(d->a, left);
		n = n ? arena_printf(d->a, "%s; %s", n, right) : arena_strdup(d->a, right);
	}
	*was = w;
	*is = n;
	return w != NULL;
}

static void entry_dates(const struct diff_side *s, uint32_t activity, uint32_t area,
			struct arena *a, struct vec *dates)
{
	const struct decl *want = s->m->areas[area];
	for (size_t t = 0; t < s->c->set.timelines.n; t++) {
		const struct timeline *tl = s->c->set.timelines.items[t];
		if (tl->activity_decl->id != activity)
			continue;
		bool applies = false;
		for (size_t i = 0; i < tl->area_decls.n; i++) {
			const struct decl *ar = tl->area_decls.items[i];
			applies |= ar == want || (want->kind == DECL_REGION && want->parent_decl == ar);
		}
		for (size_t i = 0; applies && i < tl->entries.n; i++) {
			const struct entry *e = tl->entries.items[i];
			if (e->days != POL_NO_DATE)
				vec_push(a, dates, (void *)(intptr_t)e->days);
		}
		/* where its plan starts and ends, coverage changes */
		if (applies && tl->plan->first != INT32_MIN)
			vec_push(a, dates, (void *)(intptr_t)tl->plan->first);
		if (applies && tl->plan->last != INT32_MAX)
			vec_push(a, dates, (void *)(intptr_t)(tl->plan->last + 1));
	}
}

static int32_t area_id(const struct diff_side *s, const char *name)
{
	for (size_t i = 0; i < s->m->n_areas; i++)
		if (strcmp(s->m->areas[i]->name.text, name) == 0)
			return (int32_t)i;
	return -1;
}

static void activities(struct differ *d)
{
	int32_t first_day, last_day;
	pol_date_from_ymd(POL_YEAR_MIN, 1, 1, &first_day);
	pol_date_from_ymd(POL_YEAR_MAX, 12, 31, &last_day);
	const struct diff_side *o = d->side[0], *n = d->side[1];
	for (size_t act = 0; act < decls(o, DECL_ACTIVITY)->n; act++) {
		int32_t nact = d->map[DECL_ACTIVITY][act];
		if (nact < 0)
			continue;
		for (size_t ar = 0; ar < o->m->n_areas; ar++) {
			const struct decl *oa = o->m->areas[ar];
			int32_t mapped = d->map[oa->kind][oa->id];
			if (mapped < 0)
				continue;
			int32_t nar = area_id(n, decl_at(n, oa->kind, (size_t)mapped)->name.text);
			if (nar < 0)
				continue;
			struct vec dates = { 0 };
			vec_push(d->a, &dates, (void *)(intptr_t)first_day);
			entry_dates(o, (uint32_t)act, (uint32_t)ar, d->a, &dates);
			entry_dates(n, (uint32_t)nact, (uint32_t)nar, d->a, &dates);
			/* in order, without repeats */
			for (size_t i = 1; i < dates.n; i++)
				for (size_t j = i; j > 0 && (intptr_t)dates.items[j - 1] >
							    (intptr_t)dates.items[j]; j--) {
					void *t = dates.items[j];
					dates.items[j] = dates.items[j - 1];
					dates.items[j - 1] = t;
				}
			struct change *open = NULL;	/* a range still growing */
			for (size_t i = 0; i < dates.n; i++) {
				int32_t day = (int32_t)(intptr_t)dates.items[i];
				if (i > 0 && day == (int32_t)(intptr_t)dates.items[i - 1])
					continue;
				struct interp_activity x, y;
				interp_activity(&o->in, (uint32_t)act, (uint32_t)ar, day, &x);
				interp_activity(&n->in, (uint32_t)nact, (uint32_t)nar, day, &y);
				const char *was, *is;
				bool changed = state_change(d, &x, &y, &was, &is);
				char date[POL_DATE_BUFSIZE];
				if (open) {
					pol_date_format(day - 1, date);
					open->to = arena_strdup(d->a, date);
				}
				if (!changed) {
					open = NULL;
					continue;
				}
				if (open && strcmp(open->old_text, was) == 0 &&
				    strcmp(open->new_text, is) == 0) {
					open->to = NULL;	/* the same change goes on */
					continue;
				}
				struct change *c = new_change(d, CHANGE_ACTIVITY);
				c->activity = decl_at(n, DECL_ACTIVITY, (size_t)nact)->name.text;
				c->area = n->m->areas[nar]->name.text;
				c->subject = arena_printf(d->a, "%s in %s", c->activity, c->area);
				pol_date_format(day, date);
				c->from = day == first_day ? NULL : arena_strdup(d->a, date);
				c->old_text = was;
				c->new_text = is;
				add(d, c);
				open = c;
			}
		}
	}
	/* one line for a change that several areas share */
	size_t keep = 0;
	for (size_t i = 0; i < d->out->n; i++) {
		struct change *c = d->out->items[i];
		bool merged = false;
		for (size_t j = 0; j < keep && c->kind == CHANGE_ACTIVITY; j++) {
			struct change *e = d->out->items[j];
			if (e->kind == CHANGE_ACTIVITY && strcmp(e->activity, c->activity) == 0 &&
			    same_str(e->from, c->from) && same_str(e->to, c->to) &&
			    strcmp(e->old_text, c->old_text) == 0 &&
			    strcmp(e->new_text, c->new_text) == 0) {
				e->area = arena_printf(d->a, "%s, %s", e->area, c->area);
				e->subject = arena_printf(d->a, "%s in %s", e->activity, e->area);
				merged = true;
				break;
			}
		}
		if (!merged)
			d->out->items[keep++] = c;
	}
	d->out->n = keep;
	for (size_t i = 0; i < d->out->n; i++) {
		struct change *c = d->out->items[i];
		if (c->kind != CHANGE_ACTIVITY)
			continue;
		if (c->from && c->to)
			c->where = arena_printf(d->a, "%s to %s", c->from, c->to);
		else if (c->from)
			c->where = arena_printf(d->a, "from %s", c->from);
		else if (c->to)
			c->where = arena_printf(d->a, "until %s", c->to);
		else
			c->where = "on every date";
	}
}

bool diff_policies(struct diff_side *old, struct diff_side *new, struct vec *out)
{
	struct differ d = { { old, new }, &new->c->arena, out, { 0 }, 0, NULL, { 0, NULL },
			    { NULL, 0, 0 } };
	names(&d);
	offices(&d);
	bool ok = union_space(&d) && contact(&d);
	activities(&d);
	return ok;
}
