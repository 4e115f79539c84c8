/* doc_calendar.c - what changes when, for polc doc's calendar: every
 * date on which an activity's answer in an area, or a provider's office,
 * changes, worked out with the reference interpreter from the dates the
 * plan names (entries, the ends of plans, schedule versions and date
 * lines), so the page says what polcheck changes says. */
#include "doc.h"

#include "dayset.h"

#include <stdlib.h>
#include <string.h>

#include "pol/runtime.h"


static int by_date(const void *pa, const void *pb)
{
	const struct doc_change *a = *(const struct doc_change *const *)pa;
	const struct doc_change *b = *(const struct doc_change *const *)pb;
	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* What an officer reads of an activity's state. */
static const char *activity_words(const struct doc *d, const struct interp_activity *s)
{
	if (!s->entry)
		return "not covered";
	const char *w = s->permitted ? "permitted" : "not permitted";
	struct strbuf b;
	strbuf_init(&b, d->arena);
	strbuf_puts(&b, w);
	for (int i = 0; i < POL_LIMIT_COUNT; i++)
		if (s->limits[i])
			strbuf_printf(&b, ", %s %d", doc_words(d->arena, check_limit_names[i]),
				      (int)s->limits[i]);
	if (s->status)
		strbuf_printf(&b, ": %.*s", (int)s->status->len, s->status->s);
	return b.s;
}

/* A date a change may fall on: not the first date there is, which has
 * no day before to compare with. */
static void add_date(struct arena *a, struct vec *v, int32_t days)
{
	if (days > POL_DAY_FIRST)
		dayset_add(a, v, days);
}

static void add(const struct doc *d, struct vec *out, int32_t days, bool office,
		size_t row, const char *subject, const char *before, const char *after,
		const struct annots *annots, struct pol_loc loc)
{
	struct doc_change *c = ARENA_NEW(d->arena, struct doc_change);
	c->days = days;
	c->office = office;
	c->row = row;
	c->subject = subject;
	c->before = before;
	c->after = after;
	c->annots = annots;
	c->loc = loc;
	vec_push(d->arena, out, c);
}

/* Activities, area by area: nations, and regions with entries of their
 * own (the others say what their nation says). */
static void activities(const struct doc *d, struct vec *out, size_t *rows)
{
	const struct model *m = d->m;
	const struct vec *acts = &d->set->decls[DECL_ACTIVITY];
	for (size_t t = 0; t < acts->n; t++) {
		for (size_t area = 0; area < m->n_areas; area++) {
			const struct model_timeline_cell *cell =
				&m->timeline_cells[t * m->n_areas + area];
			bool own = m->area_parent[area] < 0;
			for (size_t i = 0; i < cell->entries.n && !own; i++)
				own = ((const struct model_entry *)cell->entries.items[i])->area ==
				      (int32_t)area;
			if (!cell->entries.n || !own)
				continue;
			struct vec at = { 0 };
			for (size_t i = 0; i < cell->entries.n; i++)
				add_date(d->arena, &at,
					 ((const struct model_entry *)cell->entries.items[i])->days);
			add_date(d->arena, &at, cell->covered_from);
			if (cell->covered_until != INT32_MAX)
				add_date(d->arena, &at, cell->covered_until + 1);
			const char *subject = arena_printf(d->arena, "%s in %s",
				doc_display(d->arena, acts->items[t]),
				doc_display(d->arena, m->areas[area]));
			bool any = false;
			for (size_t k = 0; k < at.n; k++) {
				int32_t day = dayset_at(&at, k);
				struct interp_activity was, is;
				interp_activity(&d->in, (uint32_t)t, (uint32_t)area, day - 1, &was);
				interp_activity(&d->in, (uint32_t)t, (uint32_t)area, day, &is);
				const char *b = activity_words(d, &was), *a = activity_words(d, &is);
				if (strcmp(a, b) == 0)
					continue;
				const struct entry *e = is.entry ? is.entry : NULL;
				add(d, out, day, false, *rows, subject, b, a,
				    e ? &e->annots : NULL, e ? e->loc : (struct pol_loc){ 0, 0, 0 });
				any = true;
			}
			if (any)
				(*rows)++;
		}
	}
}

/* A provider's office: what its schedule in force says, as one phrase. */
static const char *week_words(const struct doc *d, const struct interp_office *o)
{
	return o->covered ? doc_schedule_summary(d->arena, o->by) : "not covered";
}

static void offices(const struct doc *d, struct vec *out, size_t *rows)
{
	const struct vec *provs = &d->set->decls[DECL_PROVIDER];
	const struct vec *offs = &d->set->decls[DECL_OFFICE];
	for (size_t p = 0; p < provs->n; p++) {
		for (size_t o = 0; o < offs->n; o++) {
			struct vec at = { 0 }, lines = { 0 };
			for (size_t i = 0; i < d->set->schedules.n; i++) {
				const struct schedule *s = d->set->schedules.items[i];
				if (!schedule_of(s, (uint32_t)p, (uint32_t)o))
					continue;
				add_date(d->arena, &at, s->first);
				if (s->last != INT32_MAX)
					add_date(d->arena, &at, s->last + 1);
				for (size_t k = 0; k < s->on_dates.n; k++)
					vec_push(d->arena, &lines, s->on_dates.items[k]);
			}
			const char *subject = arena_printf(d->arena, "%s at %s",
				doc_display(d->arena, provs->items[p]),
				doc_display(d->arena, offs->items[o]));
			bool any = false;
			for (size_t k = 0; k < at.n; k++) {
				int32_t day = dayset_at(&at, k);
				struct interp_office was, is;
				interp_office(&d->in, (uint32_t)p, (uint32_t)o, 0, day - 1, &was);
				interp_office(&d->in, (uint32_t)p, (uint32_t)o, 0, day, &is);
				const char *b = week_words(d, &was), *a = week_words(d, &is);
				if (was.by == is.by || strcmp(a, b) == 0)
					continue;
				add(d, out, day, true, *rows, subject, b, a,
				    is.by ? &is.by->annots : NULL,
				    is.by ? is.by->loc : (struct pol_loc){ 0, 0, 0 });
				any = true;
			}
			for (size_t k = 0; k < lines.n; k++) {
				const struct date_clause *dc = lines.items[k];
				struct interp_office is;
				interp_office_on_date(&d->in, (uint32_t)p, (uint32_t)o,
						      dc->from.days, &is);
				if (is.on_date != dc)
					continue;	/* its schedule is not in force then */
				const char *a = dc->open ? "open" : "closed";
				if (dc->open && is.n_hours)
					a = arena_printf(d->arena, "open %s", doc_open_hours(d, &is));
				if (dc->is_range)
					a = arena_printf(d->arena, "%s until %s", a,
							 doc_date(d->arena, dc->until.days, false));
				add(d, out, dc->from.days, true, *rows, subject,
				    "as the week", a, &is.by->annots, dc->loc);
				any = true;
			}
			if (any)
				(*rows)++;
		}
	}
}

size_t doc_calendar(const struct doc *d, struct vec *out)
{
	size_t rows = 0;
	activities(d, out, &rows);
	offices(d, out, &rows);
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(void *), by_date);
	return rows;
}
