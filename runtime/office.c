/* office.c - is an office open for a provider on a day. */
#include "pol/runtime.h"

/* The dates the runtime accepts, as day numbers: 0001-01-01 and
 * 9999-12-31.  Comparing day numbers is what converting to a year and
 * comparing it came to, without the divisions. */
#define DAY_FIRST (-719162)
#define DAY_LAST 2932896

int pol_office_on_day(const struct pol_policy *p, uint32_t provider,
		      uint32_t office, int weekday,
		      struct pol_office_answer *out)
{
	if (provider >= p->n_providers || office >= p->n_offices ||
	    weekday < 0 || weekday > 6)
		return POL_EINVAL;
	const struct pol_office_cell *cell =
		&p->office_cells[provider * p->n_offices + office];
	out->open = (cell->days >> weekday) & 1u;
	out->open_minute = out->close_minute = -1;
	out->first = cell->first;
	out->count = cell->count;
	out->covered = out->open;
	for (uint32_t i = 0; !out->covered && i < cell->count; i++)
		out->covered = !p->schedules[p->cell_schedules[cell->first + i]].is_service;
	if (!out->open)
		return 0;
	/* the hours of the schedule line that opens this day */
	for (uint32_t i = 0; i < cell->count; i++) {
		const struct pol_schedule *s =
			&p->schedules[p->cell_schedules[cell->first + i]];
		if (!s->is_service && ((s->days >> weekday) & 1u)) {
			out->open_minute = s->open_minute[weekday];
			out->close_minute = s->close_minute[weekday];
			break;
		}
	}
	return 0;
}

int pol_office_on_date(const struct pol_policy *p, uint32_t provider,
		       uint32_t office, int32_t days,
		       struct pol_office_answer *out)
{
	if (days < DAY_FIRST || days > DAY_LAST)
		return POL_EDATE;
	return pol_office_on_day(p, provider, office, pol_weekday(days), out);
}
