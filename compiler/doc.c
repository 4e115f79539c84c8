/* doc.c - the facts both of polc doc's pages show. */
#include "doc.h"

#include "dayset.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void doc_office_stretches(const struct doc *d, size_t provider, struct vec *out)
{
	for (size_t i = 0; i < d->set->schedules.n; i++) {
		const struct schedule *s = d->set->schedules.items[i];
		if (s->is_service || s->provider_decl->id != provider)
			continue;
		dayset_add(d->arena, out, s->first);
		if (s->last != INT32_MAX)
			dayset_add(d->arena, out, s->last + 1);
	}
	dayset_sort(out);
}

const char *doc_in_force(struct arena *a, int32_t first, int32_t last)
{
	if (first == INT32_MIN && last == INT32_MAX)
		return NULL;
	if (first == INT32_MIN)
		return arena_printf(a, "Until %s", doc_date(a, last, false));
	if (last == INT32_MAX)
		return arena_printf(a, "From %s", doc_date(a, first, false));
	return arena_printf(a, "From %s until %s", doc_date(a, first, false),
			    doc_date(a, last, false));
}

const char *doc_open_hours(const struct doc *d, const struct interp_office *r)
{
	if (!r->open)
		return NULL;
	struct strbuf b;
	strbuf_init(&b, d->arena);
	strbuf_puts(&b, "");
	for (unsigned k = 0; k < r->n_hours; k++)
		strbuf_printf(&b, "%s%s", k ? " and " : "",
			      doc_hours(d->arena, r->open_minute[k], r->close_minute[k]));
	return b.s;
}

const struct vec *doc_entries(const struct doc *d, size_t activity, size_t area)
{
	return &d->m->timeline_cells[activity * d->m->n_areas + area].entries;
}

/* Is an entry of the cell written for this very area (not inherited)? */
static bool own_entries(const struct vec *entries, int32_t area)
{
	for (size_t i = 0; i < entries->n; i++) {
		const struct model_entry *e = entries->items[i];
		if (e->area == area)
			return true;
	}
	return false;
}

/* The same entries, as written, on the same dates? */
static bool same_entries(const struct vec *a, const struct vec *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct model_entry *x = a->items[i], *y = b->items[i];
		if (x->ast != y->ast || x->days != y->days)
			return false;
	}
	return true;
}

/* The group's areas in words: "England and Wales". */
static void name_group(const struct doc *d, struct doc_area_group *g)
{
	struct strbuf b;
	strbuf_init(&b, d->arena);
	for (size_t i = 0; i < g->areas.n; i++) {
		if (i)
			strbuf_puts(&b, i + 1 == g->areas.n ? " and " : ", ");
		strbuf_puts(&b, doc_display(d->arena,
					    d->m->areas[(uintptr_t)g->areas.items[i]]));
	}
	g->names = b.s;
}

void doc_area_groups(const struct doc *d, size_t activity, struct vec *out)
{
	size_t start = out->n;
	for (size_t area = 0; area < d->m->n_areas; area++) {
		const struct vec *entries = doc_entries(d, activity, area);
		if (!entries->n)
			continue;
		if (d->m->area_parent[area] >= 0 && !own_entries(entries, (int32_t)area))
			continue;
		struct doc_area_group *g = NULL;
		for (size_t i = start; i < out->n && !g; i++) {
			struct doc_area_group *h = out->items[i];
			if (same_entries(doc_entries(d, activity, h->first), entries))
				g = h;
		}
		if (!g) {
			g = ARENA_NEW(d->arena, struct doc_area_group);
			g->first = area;
			vec_push(d->arena, out, g);
		}
		vec_push(d->arena, &g->areas, (void *)(uintptr_t)area);
	}
	for (size_t i = start; i < out->n; i++)
		name_group(d, out->items[i]);
}

/* Stretch lo..hi to take in a date (not POL_NO_DATE). */
static void widen(int32_t *lo, int32_t *hi, int32_t days)
{
	if (days == POL_NO_DATE)
		return;
	if (days < *lo)
		*lo = days;
	if (days > *hi)
		*hi = days;
}

void doc_prepare(struct doc *d, struct compilation *c, struct model *m)
{
	d->arena = &c->arena;
	d->m = m;
	d->set = &c->set;
	d->sources = &c->sources;
	interp_init(&d->in, &c->set, m);
	d->tests = ARENA_NEW(&c->arena, struct test_run);
	testrun_all(d->tests, c, m);

	/* every dated entry and step date, with room before the first (for
	 * what held initially) and after the last (for what holds from it) */
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	const struct vec *steps = &c->set.decls[DECL_STEP];
	for (size_t i = 0; i < steps->n; i++) {
		const struct decl *s = steps->items[i];
		for (size_t j = 0; j < s->dates.n; j++)
			widen(&lo, &hi, ((const struct date_lit *)s->dates.items[j])->days);
	}
	size_t cells = c->set.decls[DECL_ACTIVITY].n * m->n_areas;
	for (size_t i = 0; i < cells; i++) {
		const struct vec *entries = &m->timeline_cells[i].entries;
		for (size_t j = 0; j < entries->n; j++)
			widen(&lo, &hi, ((const struct model_entry *)entries->items[j])->days);
	}
	if (lo > hi)
		lo = hi = 0;
	int32_t span = hi - lo;
	d->first_day = lo - (span / 10 > 14 ? span / 10 : 14);
	d->last_day = hi + (span / 6 > 28 ? span / 6 : 28);
}
