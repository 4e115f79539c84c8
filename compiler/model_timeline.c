/* model_timeline.c - per activity and area, the entries in force.
 *
 * An area sees the entries of every timeline of the activity written for
 * it or, for a region, for its nation.  On the same date the region's
 * entry wins.  'no change' entries take the terms of the entry before
 * them in the area's own list, which is why this is done per area.
 */
#include "model_internal.h"

#include <stdlib.h>
#include <string.h>

struct candidate {
	const struct entry *entry;
	const struct timeline *timeline;
	int32_t days;
	int32_t area;		/* area the timeline names */
	int specific;		/* 1: written for this area, 0: for its nation */
	size_t order;		/* position written, to keep sorts stable */
};

static int by_date(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;
	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	if (a->specific != b->specific)
		return a->specific < b->specific ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int32_t step_id(const struct entry *e)
{
	return e->step_decl ? (int32_t)e->step_decl->id : -1;
}

static struct model_entry *resolve(struct model *m, const struct candidate *c,
				   const struct model_entry *prev)
{
	const struct entry *e = c->entry;
	struct model_entry *me = ARENA_NEW(m->arena, struct model_entry);
	me->ast = e;
	me->timeline = c->timeline;
	me->days = c->days;
	me->step = step_id(e);
	me->area = c->area;
	me->continues = -1;
	me->unchanged = e->permission == PERMIT_UNCHANGED;
	if (me->unchanged && prev) {
		me->permitted = prev->permitted;
		me->status = e->status ? e->status : prev->status;
		memcpy(me->limits, prev->limits, sizeof(me->limits));
		me->conditions = prev->conditions;
		return me;
	}
	me->permitted = e->permission == PERMIT_YES;
	me->status = e->status;
	for (size_t i = 0; i < e->limits.n; i++) {
		const struct limit *l = e->limits.items[i];
		if (l->key_index >= 0)
			me->limits[l->key_index] = (int32_t)l->value;
	}
	if (e->condition_decls.n) {
		size_t n = e->condition_decls.n;
		me->conditions.items = ARENA_ARRAY(m->arena, void *, n);
		memcpy(me->conditions.items, e->condition_decls.items, n * sizeof(void *));
		me->conditions.n = me->conditions.cap = n;
	}
	return me;
}

/* The timelines of one activity, in the order written. */
struct timelines_of {
	const struct timeline **items;
	size_t n;
};

/* The dates the cell is covered: the span of the plans of the timelines
 * that name the area or its nation. */
static void cell_window(const struct model *m, const struct timelines_of *tls,
			int32_t area, struct model_timeline_cell *cell)
{
	const struct decl *want = m->areas[area];
	bool any = false;
	cell->covered_from = INT32_MAX;
	cell->covered_until = INT32_MIN;
	for (size_t t = 0; t < tls->n; t++) {
		const struct timeline *tl = tls->items[t];
		bool applies = false;
		for (size_t i = 0; i < tl->area_decls.n; i++) {
			const struct decl *d = tl->area_decls.items[i];
			applies |= d == want ||
				   (want->kind == DECL_REGION && want->parent_decl == d);
		}
		if (!applies || !tl->plan)
			continue;
		any = true;
		if (tl->plan->first < cell->covered_from)
			cell->covered_from = tl->plan->first;
		if (tl->plan->last > cell->covered_until)
			cell->covered_until = tl->plan->last;
	}
	if (!any) {
		cell->covered_from = INT32_MIN;
		cell->covered_until = INT32_MAX;
	}
}

/* Room for the candidates of one cell (every entry of its timelines at
 * most): scratch, used and dropped cell by cell. */
struct scratch {
	struct candidate *list;
	size_t cap;
};

static bool build_cell(struct model *m, struct diags *d, const struct decl *activity,
		       const struct timelines_of *tls, int32_t area,
		       struct model_timeline_cell *cell, bool *reported,
		       struct scratch *sc)
{
	int32_t nation = m->area_parent[area];
	size_t found = 0, order = 0;
	for (size_t t = 0; t < tls->n; t++) {
		const struct timeline *tl = tls->items[t];
		int specific = -1;
		int32_t named = -1;
		for (size_t i = 0; i < tl->area_decls.n; i++) {
			int32_t id = model_area_id(m, tl->area_decls.items[i]);
			if (id == area) {
				specific = 1;
				named = id;
			} else if (id == nation && specific < 0) {
				specific = 0;
				named = id;
			}
		}
		if (specific < 0)
			continue;
		if (found + tl->entries.n > sc->cap) {
			size_t cap = sc->cap ? sc->cap : 16;
			while (cap < found + tl->entries.n)
				cap *= 2;
			struct candidate *grown = realloc(sc->list, cap * sizeof(*grown));
			if (!grown)
				fatal_oom();
			sc->list = grown;
			sc->cap = cap;
		}
		for (size_t i = 0; i < tl->entries.n; i++, order++) {
			struct candidate *c = &sc->list[found++];
			c->entry = tl->entries.items[i];
			c->timeline = tl;
			c->days = c->entry->days;
			c->area = named;
			c->specific = specific;
			c->order = order;
		}
	}
	struct candidate *list = sc->list;
	if (found) {
		qsort(list, found, sizeof(*list), by_date);
		/* the cell's entries: at most one per candidate */
		cell->entries.items = ARENA_ARRAY(m->arena, void *, found);
		cell->entries.cap = found;
	}

	bool ok = true;
	struct model_entry *prev = NULL;
	for (size_t i = 0; i < found; i++) {
		const struct candidate *c = &list[i];
		/* same date: the region's entry replaces the nation's */
		if (i + 1 < found && list[i + 1].days == c->days) {
			const struct candidate *n = &list[i + 1];
			if (n->specific == c->specific && !reported[0]) {
				struct diag *g = diag_error(d, "ambiguous-entries", n->entry->loc,
							    "two entries for %s in %s take effect on "
							    "the same date", activity->name.text,
							    m->areas[area]->name.text);
				diag_note(d, g, c->entry->loc, "the other entry");
				reported[0] = true;
				ok = false;
			}
			continue;
		}
		if (c->entry->permission == PERMIT_UNCHANGED && !prev) {
			if (!reported[1]) {
				diag_error(d, "nothing-to-continue", c->entry->loc,
					   "'no change' for %s in %s, but no entry comes "
					   "before it there", activity->name.text,
					   m->areas[area]->name.text);
				reported[1] = true;
			}
			ok = false;
			continue;
		}
		struct model_entry *me = resolve(m, c, prev);
		if (me->unchanged)
			me->continues = (int32_t)(cell->entries.n - 1);
		vec_push(m->arena, &cell->entries, me);
		prev = me;
	}
	return ok;
}

/* Whether two texts read the same (both absent counts). */
static bool same_text(const struct text *a, const struct text *b)
{
	if (!a || !b)
		return a == b;
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* Whether v holds d. */
static bool has_item(const struct vec *v, const void *d)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i] == d)
			return true;
	return false;
}

/* Whether two entries show an officer the same: permitted, status,
 * limits and conditions (as a set).  Dates, steps and cites are not the
 * decision. */
static bool same_terms(const struct model_entry *a, const struct model_entry *b)
{
	if (a->permitted != b->permitted || !same_text(a->status, b->status) ||
	    memcmp(a->limits, b->limits, sizeof(a->limits)) != 0 ||
	    a->conditions.n != b->conditions.n)
		return false;
	for (size_t i = 0; i < a->conditions.n; i++)
		if (!has_item(&b->conditions, a->conditions.items[i]))
			return false;
	return true;
}

/* decided_by, next_change and permitted_from of every entry of a cell. */
static void link_changes(struct model_timeline_cell *cell)
{
	struct model_entry **e = (struct model_entry **)cell->entries.items;
	size_t n = cell->entries.n;
	for (size_t i = 0; i < n; i++)
		e[i]->decided_by = i && same_terms(e[i], e[i - 1]) ?
			e[i - 1]->decided_by : (int32_t)i;
	int32_t permitted = -1;
	for (size_t i = n; i-- > 0;) {
		e[i]->next_change = i + 1 == n ? -1 :
			same_terms(e[i + 1], e[i]) ? e[i + 1]->next_change : (int32_t)(i + 1);
		e[i]->permitted_from = permitted;
		if (e[i]->permitted)
			permitted = (int32_t)i;
	}
}

bool model_build_timelines(struct model *m, struct diags *d)
{
	const struct vec *activities = &m->set->decls[DECL_ACTIVITY];
	m->timeline_cells = ARENA_ARRAY(m->arena, struct model_timeline_cell,
					activities->n * m->n_areas + 1);
	/* each activity's timelines, found once: looking through every
	 * timeline for every activity and area was quadratic */
	const struct vec *all = &m->set->timelines;
	struct timelines_of *of = ARENA_ARRAY(m->arena, struct timelines_of,
					      activities->n + 1);
	const struct timeline **slots = ARENA_ARRAY(m->arena, const struct timeline *,
						    all->n + 1);
	for (size_t t = 0; t < all->n; t++) {
		const struct timeline *tl = all->items[t];
		if (tl->activity_decl && tl->activity_decl->id < activities->n &&
		    activities->items[tl->activity_decl->id] == tl->activity_decl)
			of[tl->activity_decl->id].n++;
	}
	for (size_t a = 0, at = 0; a < activities->n; a++) {
		of[a].items = slots + at;
		at += of[a].n;
		of[a].n = 0;
	}
	for (size_t t = 0; t < all->n; t++) {
		const struct timeline *tl = all->items[t];
		if (tl->activity_decl && tl->activity_decl->id < activities->n &&
		    activities->items[tl->activity_decl->id] == tl->activity_decl)
			of[tl->activity_decl->id].items[of[tl->activity_decl->id].n++] = tl;
	}
	bool ok = true;
	struct scratch sc = { NULL, 0 };
	for (size_t a = 0; a < activities->n; a++) {
		bool reported[2] = { false, false };
		for (size_t area = 0; area < m->n_areas; area++) {
			struct model_timeline_cell *cell =
				&m->timeline_cells[a * m->n_areas + area];
			ok = build_cell(m, d, activities->items[a], &of[a], (int32_t)area,
					cell, reported, &sc) && ok;
			cell_window(m, &of[a], (int32_t)area, cell);
			link_changes(cell);
		}
	}
	free(sc.list);
	return ok;
}
