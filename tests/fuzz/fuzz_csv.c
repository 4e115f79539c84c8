/* fuzz_csv.c - the batch CSV reader on arbitrary bytes: every record and
 * field read back within bounds, the record count never going back, no
 * read past the input, whatever quotes, line ends or NULs it holds.  The
 * input is read twice, the second time with the plain-record fast path
 * off: both readings must give the same records, field for field. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;	/* fmemopen wants a buffer */
	FILE *f = fmemopen((void *)data, size, "rb");
	FILE *g = fmemopen((void *)data, size, "rb");
	struct csv r, s;
	if (!f || !g || csv_open(&r, f) != 0) {
		if (f)
			fclose(f);
		if (g)
			fclose(g);
		return 0;
	}
	if (csv_open(&s, g) != 0) {
		csv_close(&r);
		fclose(f);
		fclose(g);
		return 0;
	}
	s.general_only = true;
	uint64_t last = 0;
	size_t bytes = 0;
	for (;;) {
		int a = csv_next(&r), b = csv_next(&s);
		if (a != b)
			abort();
		if (a != 1)
			break;
		if (r.number <= last || r.number != s.number || r.empty != s.empty ||
		    r.n_fields != s.n_fields || (r.problem == NULL) != (s.problem == NULL) ||
		    r.truncated != s.truncated)
			abort();
		last = r.number;
		for (size_t i = 0; i < r.n_fields + 1; i++) {
			size_t len, len2;
			const char *field = csv_field(&r, i, &len);
			const char *other = csv_field(&s, i, &len2);
			if (len != len2 || memcmp(field, other, len) != 0)
				abort();
			for (size_t k = 0; k < len; k++)
				bytes += (unsigned char)field[k] != 0xFF;
		}
	}
	/* the fields never hold more than the input did */
	if (bytes > size)
		abort();
	csv_close(&r);
	csv_close(&s);
	fclose(f);
	fclose(g);
	return 0;
}
