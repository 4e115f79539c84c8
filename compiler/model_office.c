/* model_office.c - office schedules and services: each provider's office
 * as a list of versions by date, each with its week worked out (the
 * exceptions of an open line applied), and the checks between versions. */
#include "model_internal.h"

#include <stdlib.h>
#include <string.h>

/* The week of a schedule: for each weekday the hours of the open line
 * that lists it, or of the exception that takes it. */
static void week_of(struct model_schedule *ms, const struct schedule *s)
{
	for (size_t j = 0; j < s->opens.n; j++) {
		const struct open_clause *o = s->opens.items[j];
		for (int day = 0; day < 7; day++) {
			if (!(o->mask & (1u << day)))
				continue;
			const struct hours *h = &o->hours;
			bool open = true;
			for (size_t k = 0; k < o->excepts.n; k++) {
				const struct except_clause *x = o->excepts.items[k];
				if (x->mask & (1u << day)) {
					open = x->hours.present;
					h = &x->hours;
				}
			}
			if (!open)
				continue;
			ms->days |= (uint8_t)(1u << day);
			ms->week[day] = h->present ? h : NULL;
		}
	}
}

static const char *date_text(struct arena *a, int32_t days)
{
	char *d = arena_alloc(a, POL_DATE_BUFSIZE);
	pol_date_format(days, d);
	return d;
}

/* Order of versions: by first day in force, then as written. */
static int by_first(const void *pa, const void *pb)
{
	const struct model_schedule *a = *(const struct model_schedule *const *)pa;
	const struct model_schedule *b = *(const struct model_schedule *const *)pb;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return a->ast->loc.start < b->ast->loc.start ? -1 :
	       a->ast->loc.start > b->ast->loc.start;
}

/* Where a schedule starts and ends, for pointing at: its 'from' and
 * 'until' when written, else its head. */
static struct pol_loc start_at(const struct schedule *s)
{
	return s->in_force.has_from ? s->in_force.from_loc : s->loc;
}

static struct pol_loc end_at(const struct schedule *s)
{
	return s->in_force.has_until ? s->in_force.until_loc : s->loc;
}

/* The versions of one provider's office, sorted: an overlap is an error
 * that points at both, a gap a warning with its first date. */
static bool check_versions(struct model *m, struct diags *d,
			   struct model_schedule **v, size_t n,
			   const struct decl *office)
{
	bool ok = true;
	const struct model_schedule *reach = NULL;	/* the one ending last */
	for (size_t i = 0; i < n; i++) {
		const struct model_schedule *s = v[i];
		const char *prov = s->ast->provider.text, *off = office->name.text;
		if (reach && s->first <= reach->last) {
			struct diag *g;
			if (reach->first == INT32_MIN && reach->last == INT32_MAX &&
			    s->first == INT32_MIN && s->last == INT32_MAX)
				g = diag_error(d, "overlapping-schedules", s->ast->loc,
					       "a second schedule for %s at %s: both are in "
					       "force on every date; date them ('from DATE', "
					       "'until DATE') or join them", prov, off);
			else
				g = diag_error(d, "overlapping-schedules", start_at(s->ast),
					       "schedules for %s at %s overlap: both are in "
					       "force on %s", prov, off,
					       date_text(m->arena, s->first > reach->first
							 ? s->first : reach->first));
			diag_note(d, g, end_at(reach->ast), "the other schedule");
			if (reach->last == INT32_MAX && s->first != INT32_MIN)
				diag_note(d, g, reach->ast->loc,
					  "to end it the day before, give it 'until %s'",
					  date_text(m->arena, s->first - 1));
			ok = false;
		} else if (reach && reach->last != INT32_MAX && s->first > reach->last + 1) {
			struct diag *g = diag_warning(d, "schedule-gap", start_at(s->ast),
						      "no schedule for %s at %s is in force "
						      "from %s until %s", prov, off,
						      date_text(m->arena, reach->last + 1),
						      date_text(m->arena, s->first - 1));
			diag_note(d, g, end_at(reach->ast), "the schedule before ends here");
		}
		if (!reach || s->last > reach->last)
			reach = s;
	}
	return ok;
}

bool model_build_offices(struct model *m, struct diags *d)
{
	const struct policy_set *set = m->set;
	size_t np = set->decls[DECL_PROVIDER].n, no = set->decls[DECL_OFFICE].n;
	m->office_cells = ARENA_ARRAY(m->arena, struct model_office_cell, np * no + 1);
	struct vec *versions = ARENA_ARRAY(m->arena, struct vec, np * no + 1);
	for (size_t i = 0; i < set->schedules.n; i++) {
		const struct schedule *s = set->schedules.items[i];
		struct model_schedule *ms = ARENA_NEW(m->arena, struct model_schedule);
		ms->ast = s;
		ms->id = (uint32_t)m->schedules.n;
		ms->provider = s->provider_decl->id;
		ms->first = s->first;
		ms->last = s->last;
		week_of(ms, s);
		vec_push(m->arena, &m->schedules, ms);
		ms->offices_all = s->is_service && s->office_decls.n == 0;
		if (s->is_service)
			continue;
		for (size_t j = 0; j < s->office_decls.n; j++) {
			const struct decl *office = s->office_decls.items[j];
			vec_push(m->arena, &versions[ms->provider * no + office->id], ms);
		}
	}
	/* ids stay in source order; each cell lists its versions by date */
	bool ok = true;
	for (size_t p = 0; p < np; p++) {
		for (size_t o = 0; o < no; o++) {
			size_t c = p * no + o;
			struct vec *v = &versions[c];
			if (v->n > 1)
				qsort(v->items, v->n, sizeof(void *), by_first);
			ok = check_versions(m, d, (struct model_schedule **)v->items, v->n,
					    set->decls[DECL_OFFICE].items[o]) && ok;
			for (size_t k = 0; k < v->n; k++) {
				const struct model_schedule *ms = v->items[k];
				m->office_cells[c].days |= ms->days;
				for (size_t x = 0; x < ms->ast->on_dates.n; x++)
					if (((const struct date_clause *)ms->ast->on_dates.items[x])->open)
						m->office_cells[c].open_on_a_date = true;
			}
		}
	}
	/* each cell: its schedules by date, then its services as written */
	for (size_t c = 0; c < np * no; c++) {
		struct vec *v = &versions[c];
		for (size_t k = 0; k < v->n; k++) {
			const struct model_schedule *ms = v->items[k];
			vec_push(m->arena, &m->office_cells[c].schedules,
				 (void *)(uintptr_t)ms->id);
		}
	}
	for (size_t id = 0; id < m->schedules.n; id++) {
		const struct model_schedule *ms = m->schedules.items[id];
		if (!ms->ast->is_service)
			continue;
		size_t n_offices = ms->offices_all ? no : ms->ast->office_decls.n;
		for (size_t j = 0; j < n_offices; j++) {
			const struct decl *office = ms->offices_all
				? set->decls[DECL_OFFICE].items[j] : ms->ast->office_decls.items[j];
			vec_push(m->arena, &m->office_cells[ms->provider * no + office->id].schedules,
				 (void *)(uintptr_t)id);
		}
	}
	return ok;
}
