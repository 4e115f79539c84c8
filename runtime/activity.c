/* activity.c - the timeline entry in force for an activity, area, date. */
#include "pol/runtime.h"

/* The number of entries of the cell dated on or before days. */
static uint32_t upto(const struct pol_entry *e, uint32_t count, int32_t days)
{
	uint32_t lo = 0, hi = count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (e[mid].days <= days)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Not covered: nothing in force, and what comes next from `from` on (the
 * date the cell is next covered, or its first entry after the date). */
static void not_covered(const struct pol_policy *p,
			const struct pol_timeline_cell *cell, int32_t days,
			struct pol_activity_answer *out)
{
	const struct pol_entry *e = p->entries + cell->first;
	out->entry = out->decision = out->permitted_from = NULL;
	out->entry_id = -1;
	out->since = POL_NO_DATE;
	out->next = POL_NO_DATE;
	out->permitted_date = POL_NO_DATE;
	if (days > cell->covered_until)
		return;			/* after the plan: nothing follows */
	int32_t at = days < cell->covered_from ? cell->covered_from : days;
	uint32_t n = upto(e, cell->count, at);
	if (n > 0) {
		/* the plan starts with an entry in force: it is next */
		out->next = at;
		const struct pol_entry *in = &e[n - 1];
		const struct pol_entry *pf = in->permitted ? in
			: in->permitted_from >= 0 ? &p->entries[in->permitted_from] : NULL;
		if (pf) {
			out->permitted_from = pf;
			out->permitted_date = pf == in ? at : pf->days;
		}
	} else {
		out->next = n < cell->count ? e[n].days : POL_NO_DATE;
		for (uint32_t i = n; i < cell->count; i++)
			if (e[i].permitted) {
				out->permitted_from = &e[i];
				out->permitted_date = e[i].days;
				break;
			}
	}
	if (out->next != POL_NO_DATE && out->next > cell->covered_until)
		out->next = POL_NO_DATE;
	if (out->permitted_from && out->permitted_date > cell->covered_until) {
		out->permitted_from = NULL;
		out->permitted_date = POL_NO_DATE;
	}
}

int pol_activity(const struct pol_policy *p, uint32_t activity, uint32_t area,
		 int32_t days, struct pol_activity_answer *out)
{
	if (activity >= p->n_activities || area >= p->n_areas)
		return POL_EINVAL;
	if (days < POL_DAY_FIRST || days > POL_DAY_LAST)	/* POL_NO_DATE too */
		return POL_EDATE;
	const struct pol_timeline_cell *cell =
		&p->timeline_cells[activity * p->n_areas + area];
	const struct pol_entry *e = p->entries + cell->first;
	uint32_t lo = upto(e, cell->count, days);
	if (lo == 0 || days < cell->covered_from || days > cell->covered_until) {
		not_covered(p, cell, days, out);
		return 0;
	}
	const struct pol_entry *all = p->entries;
	const struct pol_entry *in_force = &e[lo - 1];
	out->entry = in_force;
	out->entry_id = (int32_t)(cell->first + lo - 1);
	out->decision = &all[in_force->decided_by];
	/* an 'initially' decision holds from the start of the plan */
	out->since = out->decision->days == POL_NO_DATE ? cell->covered_from
							: out->decision->days;
	out->next = in_force->next_change >= 0 ? all[in_force->next_change].days :
		POL_NO_DATE;
	out->permitted_from = !in_force->permitted && in_force->permitted_from >= 0 ?
		&all[in_force->permitted_from] : NULL;
	out->permitted_date = out->permitted_from ? out->permitted_from->days : POL_NO_DATE;
	if (cell->covered_until != POL_NO_END) {
		/* the plan ends: after it, nothing is covered */
		if (out->next == POL_NO_DATE || out->next > cell->covered_until)
			out->next = cell->covered_until + 1;
		if (out->permitted_from && out->permitted_date > cell->covered_until) {
			out->permitted_from = NULL;
			out->permitted_date = POL_NO_DATE;
		}
	}
	return 0;
}
