/* office.c - is an office open for a provider on a date or a weekday. */
#include "pol/runtime.h"

bool pol_schedule_in_force(const struct pol_schedule *s, int32_t days)
{
	return s->first <= days && days <= s->last;
}

static void set_hours(const struct pol_policy *p, const struct pol_hours *h,
		      struct pol_office_answer *out)
{
	uint32_t n = h->count < POL_HOURS_MAX ? h->count : POL_HOURS_MAX;
	out->n_hours = n;
	for (uint32_t i = 0; i < n; i++) {
		out->open_minute[i] = p->intervals[h->first + i].open_minute;
		out->close_minute[i] = p->intervals[h->first + i].close_minute;
	}
}

/* The cell, and the schedule in force on days (POL_NO_DATE: an undated
 * one), or -1. */
static int find(const struct pol_policy *p, uint32_t provider, uint32_t office,
		int32_t days, struct pol_office_answer *out)
{
	if (provider >= p->n_providers || office >= p->n_offices)
		return POL_EINVAL;
	const struct pol_office_cell *cell =
		&p->office_cells[provider * p->n_offices + office];
	out->covered = out->open = false;
	out->n_hours = 0;
	out->schedule = out->date_hours = -1;
	out->first = cell->first;
	out->count = cell->count;
	for (uint32_t i = 0; i < cell->count; i++) {
		uint32_t id = p->cell_schedules[cell->first + i];
		const struct pol_schedule *s = &p->schedules[id];
		if (s->is_service)
			break;		/* the schedules come first */
		bool holds = days == POL_NO_DATE
			? s->first == POL_NO_DATE && s->last == POL_NO_END
			: pol_schedule_in_force(s, days);
		if (holds) {
			out->covered = true;
			out->schedule = (int32_t)id;
			break;
		}
	}
	return 0;
}

static void week(const struct pol_policy *p, int weekday,
		 struct pol_office_answer *out)
{
	const struct pol_schedule *s = &p->schedules[out->schedule];
	if ((s->days >> weekday) & 1u) {
		out->open = true;
		set_hours(p, &s->week[weekday], out);
	}
}

int pol_office_on_day(const struct pol_policy *p, uint32_t provider,
		      uint32_t office, int weekday, int32_t in_force,
		      struct pol_office_answer *out)
{
	if (weekday < 0 || weekday > 6)
		return POL_EINVAL;
	if (in_force != POL_NO_DATE && (in_force < POL_DAY_FIRST || in_force > POL_DAY_LAST))
		return POL_EDATE;
	int rc = find(p, provider, office, in_force, out);
	if (rc == 0 && out->covered)
		week(p, weekday, out);
	return rc;
}

int pol_office_on_date(const struct pol_policy *p, uint32_t provider,
		       uint32_t office, int32_t days,
		       struct pol_office_answer *out)
{
	if (days < POL_DAY_FIRST || days > POL_DAY_LAST)
		return POL_EDATE;
	int rc = find(p, provider, office, days, out);
	if (rc != 0 || !out->covered)
		return rc;
	const struct pol_schedule *s = &p->schedules[out->schedule];
	for (uint32_t i = 0; i < s->n_dates; i++) {
		const struct pol_date_hours *dh = &p->date_hours[s->first_date + i];
		if (dh->first <= days && days <= dh->last) {
			out->date_hours = (int32_t)(s->first_date + i);
			out->open = dh->open;
			if (dh->open)
				set_hours(p, &dh->hours, out);
			return 0;
		}
	}
	week(p, pol_weekday(days), out);
	return 0;
}
