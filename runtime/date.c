/* date.c - Gregorian dates as day numbers, for the runtime and polc.
 *
 * A date is the number of days since 1970-01-01 (negative before it), the
 * proleptic Gregorian calendar, years 1 to 9999.  The conversions are the
 * classic era-based ones: exact, branch-light, no tables, no state.
 */
#include <string.h>

#include "pol/runtime.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int pol_days_in_month(int year, int month)
{
	static const unsigned char days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && is_leap(year));
}

int pol_date_from_ymd(int year, int month, int day, int32_t *days)
{
	if (year < POL_YEAR_MIN || year > POL_YEAR_MAX || month < 1 || month > 12 ||
	    day < 1 || day > pol_days_in_month(year, month))
		return POL_EDATE;
	int y = year - (month <= 2);
	int era = y / 400;		/* y >= 0 here */
	int yoe = y - era * 400;
	int mp = (month + 9) % 12;	/* March = 0 */
	int doy = (153 * mp + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = (int32_t)(era * 146097 + doe - 719468);
	return 0;
}

void pol_date_to_ymd(int32_t days, int *year, int *month, int *day)
{
	/* 64-bit: any int32_t day number converts without overflow (years
	 * far outside 1..9999 come out, and callers check the range) */
	int64_t z = (int64_t)days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

const char *pol_weekday_name(int weekday)
{
	static const char names[7][4] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};
	return weekday >= 0 && weekday < 7 ? names[weekday] : NULL;
}

int pol_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int32_t w = (int32_t)(((int64_t)days + 3) % 7);
	return (int)(w < 0 ? w + 7 : w);
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int pol_date_parse(const char *s, size_t len, int32_t *days)
{
	int y, m, d;
	if (!s || len != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return POL_EDATE;
	return pol_date_from_ymd(y, m, d, days);
}

void pol_date_format(int32_t days, char out[POL_DATE_BUFSIZE])
{
	int y, m, d;
	pol_date_to_ymd(days, &y, &m, &d);
	if (y < POL_YEAR_MIN || y > POL_YEAR_MAX)
		y = m = d = 0;	/* not a date of ours: 0000-00-00 */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}
