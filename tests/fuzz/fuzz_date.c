/* fuzz_date.c - the runtime's date functions on arbitrary bytes: a date
 * that parses must print back the same, its weekday must be in range,
 * and every conversion must agree with its inverse. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pol/runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32_t days;
	if (pol_date_parse((const char *)data, size, &days) == 0) {
		char out[POL_DATE_BUFSIZE];
		pol_date_format(days, out);
		if (size != 10 || memcmp(out, data, 10) != 0)
			abort();
		int w = pol_weekday(days);
		if (w < 0 || w > 6)
			abort();
	}
	if (size >= 12) {
		/* any day number and any y/m/d: round trips hold where valid */
		int32_t any;
		memcpy(&any, data, sizeof(any));
		int y, m, d;
		pol_date_to_ymd(any, &y, &m, &d);
		int32_t back;
		if (y >= POL_YEAR_MIN && y <= POL_YEAR_MAX &&
		    (pol_date_from_ymd(y, m, d, &back) != 0 || back != any))
			abort();
		int yy, mm, dd;
		memcpy(&yy, data + 4, 4);
		memcpy(&mm, data + 8, 4);
		dd = (int)(data[size - 1] % 40);
		if (pol_date_from_ymd(yy, mm, dd, &back) == 0) {
			pol_date_to_ymd(back, &y, &m, &d);
			if (y != yy || m != mm || d != dd)
				abort();
		}
	}
	return 0;
}
