/* fuzz_csv.c - the batch CSV reader on arbitrary bytes: every record and
 * field read back within bounds, the record count never going back, no
 * read past the input, whatever quotes, line ends or NULs it holds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;	/* fmemopen wants a buffer */
	FILE *f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	struct csv r;
	if (csv_open(&r, f) != 0) {
		fclose(f);
		return 0;
	}
	uint64_t last = 0;
	size_t bytes = 0;
	while (csv_next(&r) == 1) {
		if (r.number <= last)
			abort();
		last = r.number;
		for (size_t i = 0; i < r.n_fields + 1; i++) {
			size_t len;
			const char *field = csv_field(&r, i, &len);
			for (size_t k = 0; k < len; k++)
				bytes += (unsigned char)field[k] != 0xFF;
		}
	}
	/* the fields never hold more than the input did */
	if (bytes > size)
		abort();
	csv_close(&r);
	fclose(f);
	return 0;
}
