/* model.c - building the model: names and the case encoding; offices,
 * contact rules and timelines in model_office.c, model_contact.c and
 * model_timeline.c.
 * Contact rules are in model_contact.c, timelines in model_timeline.c. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

int32_t model_area_id(const struct model *m, const struct decl *area)
{
	if (!area)
		return -1;
	if (area->kind == DECL_NATION)
		return (int32_t)area->id;
	if (area->kind == DECL_REGION)
		return (int32_t)(m->set->decls[DECL_NATION].n + area->id);
	return -1;
}

static void build_areas(struct model *m)
{
	const struct vec *nations = &m->set->decls[DECL_NATION];
	const struct vec *regions = &m->set->decls[DECL_REGION];
	m->n_areas = nations->n + regions->n;
	m->areas = ARENA_ARRAY(m->arena, const struct decl *, m->n_areas + 1);
	m->area_parent = ARENA_ARRAY(m->arena, int32_t, m->n_areas + 1);
	for (size_t i = 0; i < nations->n; i++) {
		m->areas[i] = nations->items[i];
		m->area_parent[i] = -1;
	}
	for (size_t i = 0; i < regions->n; i++) {
		const struct decl *r = regions->items[i];
		m->areas[nations->n + i] = r;
		m->area_parent[nations->n + i] = model_area_id(m, r->parent_decl);
	}
}

static int by_position(const void *pa, const void *pb)
{
	const struct decl *a = *(const struct decl *const *)pa;
	const struct decl *b = *(const struct decl *const *)pb;
	if (a->loc.file != b->loc.file)
		return a->loc.file < b->loc.file ? -1 : 1;
	return a->loc.start < b->loc.start ? -1 : a->loc.start > b->loc.start;
}

static unsigned bits_for(uint32_t size)
{
	unsigned w = 0;
	while ((1u << w) < size)
		w++;
	return w ? w : 1;
}

/* Attributes in the order they are declared; a flag takes one bit, a
 * level or range as many as its values need. */
static bool build_attrs(struct model *m, struct diags *d)
{
	const struct policy_set *set = m->set;
	size_t n = set->decls[DECL_FLAG].n + set->decls[DECL_LEVEL].n +
		   set->decls[DECL_RANGE].n;
	const struct decl **all = ARENA_ARRAY(m->arena, const struct decl *, n + 1);
	size_t k = 0;
	for (int kind = DECL_FLAG; kind <= DECL_RANGE; kind++)
		for (size_t i = 0; i < set->decls[kind].n; i++)
			all[k++] = set->decls[kind].items[i];
	qsort(all, n, sizeof(*all), by_position);

	m->n_attrs = n;
	m->attrs = ARENA_ARRAY(m->arena, struct model_attr, n + 1);
	uint64_t *full = ARENA_ARRAY(m->arena, uint64_t, n + 1);
	unsigned shift = 0;
	for (size_t i = 0; i < n; i++) {
		struct model_attr *a = &m->attrs[i];
		a->decl = all[i];
		switch (all[i]->kind) {
		case DECL_FLAG:
			a->kind = POL_FLAG;
			a->size = 2;
			break;
		case DECL_LEVEL:
			a->kind = POL_LEVEL;
			a->size = (uint32_t)all[i]->values.n;
			break;
		default:
			a->kind = POL_RANGE;
			a->size = (uint32_t)(all[i]->hi - all[i]->lo + 1);
			a->lo = all[i]->lo;
			break;
		}
		a->width = (uint8_t)bits_for(a->size);
		a->shift = (uint8_t)shift;
		shift += a->width;
		full[i] = a->size == 64 ? ~0ull : (1ull << a->size) - 1;
	}
	m->case_bits = shift;
	m->space.n = n;
	m->space.full = full;
	if (shift > 64) {
		diag_error(d, "too-many-attributes", all[n - 1]->name.loc,
			   "the case attributes need %u bits; a case holds at most 64",
			   shift);
		return false;
	}
	return true;
}

size_t model_attr_index(const struct model *m, const struct decl *attr)
{
	for (size_t i = 0; i < m->n_attrs; i++)
		if (m->attrs[i].decl == attr)
			return i;
	return (size_t)-1;
}

bool model_build(struct arena *a, struct diags *d, const struct policy_set *set,
		 struct model *out)
{
	memset(out, 0, sizeof(*out));
	out->set = set;
	out->arena = a;
	unsigned before = d->errors;
	build_areas(out);
	bool ok = build_attrs(out, d);
	ok = model_build_offices(out, d) && ok;
	if (ok)
		ok = model_build_contact(out, d);
	ok = model_build_timelines(out, d) && ok;
	return ok && d->errors == before;
}
