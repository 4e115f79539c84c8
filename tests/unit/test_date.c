/* test_date.c - the runtime's dates (include/pol/runtime.h): leap years,
 * the 1970 epoch, weekdays, and parse/format round trips over every day
 * from 0001-01-01 to 9999-12-31. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pol/runtime.h"

static int32_t day_number(int y, int m, int d)
{
	int32_t days;
	assert_int_equal(pol_date_from_ymd(y, m, d, &days), 0);
	return days;
}

static void test_epoch(void **state)
{
	(void)state;
	assert_int_equal(day_number(1970, 1, 1), 0);
	assert_int_equal(day_number(1970, 1, 2), 1);
	assert_int_equal(day_number(1969, 12, 31), -1);
	assert_int_equal(day_number(1971, 1, 1), 365);
	assert_int_equal(day_number(2000, 1, 1), 10957);
	assert_int_equal(day_number(2021, 3, 8), 18694);
	assert_int_equal(day_number(1, 1, 1), -719162);
	assert_int_equal(day_number(9999, 12, 31), 2932896);
	int y, m, d;
	pol_date_to_ymd(0, &y, &m, &d);
	assert_int_equal(y, 1970);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	pol_date_to_ymd(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
}

static void test_leap_years(void **state)
{
	(void)state;
	/* every fourth year, not centuries, but every fourth century */
	assert_int_equal(pol_days_in_month(2020, 2), 29);
	assert_int_equal(pol_days_in_month(2021, 2), 28);
	assert_int_equal(pol_days_in_month(1900, 2), 28);
	assert_int_equal(pol_days_in_month(2000, 2), 29);
	assert_int_equal(pol_days_in_month(2100, 2), 28);
	assert_int_equal(pol_days_in_month(2400, 2), 29);
	assert_int_equal(pol_days_in_month(4, 2), 29);
	assert_int_equal(pol_days_in_month(1, 2), 28);
	assert_int_equal(pol_days_in_month(9996, 2), 29);
	const int lengths[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int m = 1; m <= 12; m++)
		assert_int_equal(pol_days_in_month(2021, m), lengths[m - 1]);
	assert_int_equal(pol_days_in_month(2021, 0), 0);
	assert_int_equal(pol_days_in_month(2021, 13), 0);
	/* a leap year is 366 days long, others 365 */
	assert_int_equal(day_number(2001, 1, 1) - day_number(2000, 1, 1), 366);
	assert_int_equal(day_number(1901, 1, 1) - day_number(1900, 1, 1), 365);
	assert_int_equal(day_number(2000, 3, 1) - day_number(2000, 2, 28), 2);
	assert_int_equal(day_number(2100, 3, 1) - day_number(2100, 2, 28), 1);
	int32_t days;
	assert_int_equal(pol_date_from_ymd(2100, 2, 29, &days), POL_EDATE);
	assert_int_equal(pol_date_from_ymd(2021, 2, 29, &days), POL_EDATE);
}

static void test_out_of_range(void **state)
{
	(void)state;
	int32_t days = 12345;
	assert_int_equal(pol_date_from_ymd(0, 12, 31, &days), POL_EDATE);
	assert_int_equal(pol_date_from_ymd(10000, 1, 1, &days), POL_EDATE);
	assert_int_equal(pol_date_from_ymd(-1, 1, 1, &days), POL_EDATE);
	assert_int_equal(pol_date_from_ymd(2021, 0, 1, &days), POL_EDATE);
	assert_int_equal(pol_date_from_ymd(2021, 13, 1, &days), POL_EDATE);
	assert_int_equal(pol_date_from_ymd(2021, 4, 31, &days), POL_EDATE);
	assert_int_equal(pol_date_from_ymd(2021, 4, 0, &days), POL_EDATE);
	assert_int_equal(days, 12345);	/* untouched on failure */
	/* outside the years the runtime handles, format writes 0000-00-00 */
	char buf[POL_DATE_BUFSIZE];
	pol_date_format(day_number(1, 1, 1) - 1, buf);
	assert_string_equal(buf, "0000-00-00");
	pol_date_format(day_number(9999, 12, 31) + 1, buf);
	assert_string_equal(buf, "0000-00-00");
}

static void test_weekdays(void **state)
{
	(void)state;
	assert_int_equal(pol_weekday(0), POL_THU);		/* 1970-01-01 */
	assert_int_equal(pol_weekday(-1), POL_WED);
	assert_int_equal(pol_weekday(-7), POL_THU);
	assert_int_equal(pol_weekday(day_number(2021, 3, 8)), POL_MON);
	assert_int_equal(pol_weekday(day_number(2021, 3, 14)), POL_SUN);
	assert_int_equal(pol_weekday(day_number(2000, 1, 1)), POL_SAT);
	assert_int_equal(pol_weekday(day_number(1, 1, 1)), POL_MON);
	assert_int_equal(pol_weekday(day_number(9999, 12, 31)), POL_FRI);
	assert_int_equal(pol_weekday(day_number(1752, 9, 14)), POL_THU);
}

static void test_parse_and_format(void **state)
{
	(void)state;
	int32_t days;
	assert_int_equal(pol_date_parse("2021-03-08", 10, &days), 0);
	assert_int_equal(days, 18694);
	/* only the first len bytes are read: no NUL needed */
	assert_int_equal(pol_date_parse("2021-03-08T10:00", 10, &days), 0);
	assert_int_equal(days, 18694);
	char buf[POL_DATE_BUFSIZE];
	pol_date_format(18694, buf);
	assert_string_equal(buf, "2021-03-08");
	pol_date_format(day_number(1, 1, 1), buf);
	assert_string_equal(buf, "0001-01-01");
	pol_date_format(day_number(987, 6, 5), buf);
	assert_string_equal(buf, "0987-06-05");
	static const char *const bad[] = {
		"2021-02-29", "2021-13-01", "2021-00-10", "2021-04-31",
		"0000-01-01", "2021-3-08x", "2021/03/08", "2021-03-8 ",
		"20210308  ", "2021-0a-08", "+021-03-08", " 021-03-08",
		"2021-03-00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pol_date_parse(bad[i], 10, &days) != POL_EDATE)
			fail_msg("'%s' parsed", bad[i]);
	assert_int_equal(pol_date_parse("2021-03-08", 9, &days), POL_EDATE);
	assert_int_equal(pol_date_parse("2021-03-081", 11, &days), POL_EDATE);
	assert_int_equal(pol_date_parse(NULL, 10, &days), POL_EDATE);
	assert_int_equal(pol_date_parse("", 0, &days), POL_EDATE);
}

/* Every day of the calendar: the conversions agree with a day-by-day
 * count, and formatting then parsing gives the day back. */
static void test_every_day_round_trip(void **state)
{
	(void)state;
	int32_t first = day_number(1, 1, 1), last = day_number(9999, 12, 31);
	int y = 1, m = 1, d = 1, wd = POL_MON;
	char buf[POL_DATE_BUFSIZE], want[48];
	long count = 0;
	for (int32_t n = first; n <= last; n++, count++) {
		int yy, mm, dd;
		pol_date_to_ymd(n, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			fail_msg("day %d is %04d-%02d-%02d, expected %04d-%02d-%02d",
				 (int)n, yy, mm, dd, y, m, d);
		int32_t back;
		if (pol_date_from_ymd(y, m, d, &back) != 0 || back != n)
			fail_msg("%04d-%02d-%02d is not day %d", y, m, d, (int)n);
		if (pol_weekday(n) != wd)
			fail_msg("day %d is weekday %d, expected %d", (int)n, pol_weekday(n), wd);
		pol_date_format(n, buf);
		snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
		if (strcmp(buf, want) != 0)
			fail_msg("day %d formats as %s, expected %s", (int)n, buf, want);
		if (pol_date_parse(buf, 10, &back) != 0 || back != n)
			fail_msg("%s does not parse back to day %d", buf, (int)n);
		/* the next day, counted by hand */
		wd = (wd + 1) % 7;
		if (++d > pol_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(y, 10000);
	assert_int_equal(count, 3652059);	/* 9999 years of days */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_parse_and_format),
		cmocka_unit_test(test_every_day_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
