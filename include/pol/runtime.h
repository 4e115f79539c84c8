/* pol/runtime.h - evaluating compiled pol policies.
 *
 * The runtime never allocates, keeps no state and may be called from any
 * number of threads at once.
 */
#ifndef POL_RUNTIME_H
#define POL_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Dates ------------------------------------------------------------
 * A date is a day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar.  Years POL_YEAR_MIN..POL_YEAR_MAX are accepted. */

#define POL_YEAR_MIN 1
#define POL_YEAR_MAX 9999
/* Room for "YYYY-MM-DD" and its NUL. */
#define POL_DATE_BUFSIZE 11

/* Weekdays: Monday is 0, Sunday is 6. */
enum pol_weekday {
	POL_MON, POL_TUE, POL_WED, POL_THU, POL_FRI, POL_SAT, POL_SUN
};

/* 0 and *days set if year-month-day is a real date, else -1. */
int pol_date_from_ymd(int year, int month, int day, int32_t *days);
void pol_date_to_ymd(int32_t days, int *year, int *month, int *day);
/* Days in the month (0 for a month outside 1..12). */
int pol_days_in_month(int year, int month);
/* Parse exactly "YYYY-MM-DD" (len bytes, no NUL needed): 0 or -1. */
int pol_date_parse(const char *s, size_t len, int32_t *days);
/* Write "YYYY-MM-DD". */
void pol_date_format(int32_t days, char out[POL_DATE_BUFSIZE]);
/* 0 (Monday) .. 6 (Sunday). */
int pol_weekday(int32_t days);

#ifdef __cplusplus
}
#endif

#endif
