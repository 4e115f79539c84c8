/* activity.c - the timeline entry in force for an activity, area, date. */
#include "pol/runtime.h"

/* The dates the runtime accepts, as day numbers: 0001-01-01 and
 * 9999-12-31.  Comparing day numbers is what converting to a year and
 * comparing it came to, without the divisions. */
#define DAY_FIRST (-719162)
#define DAY_LAST 2932896

int pol_activity(const struct pol_policy *p, uint32_t activity, uint32_t area,
		 int32_t days, struct pol_activity_answer *out)
{
	if (activity >= p->n_activities || area >= p->n_areas)
		return POL_EINVAL;
	if (days < DAY_FIRST || days > DAY_LAST)	/* POL_NO_DATE too */
		return POL_EDATE;
	const struct pol_timeline_cell *cell =
		&p->timeline_cells[activity * p->n_areas + area];
	const struct pol_entry *e = p->entries + cell->first;
	/* the last entry dated on or before the day: binary search */
	uint32_t lo = 0, hi = cell->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (e[mid].days <= days)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct pol_entry *all = p->entries;
	if (lo == 0) {
		/* not covered: the cell's first entry comes next, and the
		 * first permitted one permits it */
		out->entry = out->decision = out->permitted_from = NULL;
		out->entry_id = -1;
		out->since = POL_NO_DATE;
		out->next = cell->count ? e[0].days : POL_NO_DATE;
		for (uint32_t i = 0; i < cell->count; i++)
			if (e[i].permitted) {
				out->permitted_from = &e[i];
				break;
			}
		return 0;
	}
	const struct pol_entry *in_force = &e[lo - 1];
	out->entry = in_force;
	out->entry_id = (int32_t)(cell->first + lo - 1);
	out->decision = &all[in_force->decided_by];
	out->since = out->decision->days;
	out->next = in_force->next_change >= 0 ? all[in_force->next_change].days :
		POL_NO_DATE;
	out->permitted_from = !in_force->permitted && in_force->permitted_from >= 0 ?
		&all[in_force->permitted_from] : NULL;
	return 0;
}
