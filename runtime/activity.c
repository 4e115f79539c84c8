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
	out->entry = lo ? &e[lo - 1] : NULL;
	out->entry_id = lo ? (int32_t)(cell->first + lo - 1) : -1;
	out->next = lo < cell->count ? e[lo].days : POL_NO_DATE;
	return 0;
}
