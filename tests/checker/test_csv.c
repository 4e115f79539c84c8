/* test_csv.c - the batch CSV reader at every boundary of its buffers.
 *
 * The reader has three sizes that a record can cross: the record buffer
 * it starts with (4 KiB), the block it reads at once (256 KiB) and the
 * bytes a record may keep (1 MiB).  Each is crossed here by one byte
 * either way, in quoted and plain fields, with LF, CRLF and bare CR line
 * ends, and each record is compared with what the test wrote.  Then every
 * input is read again with tiny buffers and must give the same records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"

/* A growable byte string. */
struct bytes {
	char *s;
	size_t len, cap;
};

static void put(struct bytes *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = realloc(b->s, cap);
		assert_non_null(b->s);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(struct bytes *b, const char *s)
{
	put(b, s, strlen(s));
}

static void repeat(struct bytes *b, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(b, &c, 1);
}

/* One record as the test expects it: its fields, NUL-separated. */
struct record {
	size_t n_fields;
	const char *fields[4];
	size_t lens[4];
};

/* Read all of input with the given sizes (NULL: the defaults) and check
 * it gives exactly the n records expected, none with a problem. */
static void expect_records(const struct bytes *input, const struct csv_sizes *sz,
			   const struct record *want, size_t n)
{
	FILE *f = fmemopen(input->s, input->len, "rb");
	assert_non_null(f);
	struct csv r;
	assert_int_equal(sz ? csv_open_sized(&r, f, sz) : csv_open(&r, f), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(csv_next(&r), 1);
		assert_null(r.problem);
		assert_false(r.empty);
		assert_int_equal(r.n_fields, want[i].n_fields);
		for (size_t k = 0; k < want[i].n_fields; k++) {
			size_t len;
			const char *field = csv_field(&r, k, &len);
			assert_int_equal(len, want[i].lens[k]);
			assert_memory_equal(field, want[i].fields[k], len);
		}
	}
	assert_int_equal(csv_next(&r), 0);
	csv_close(&r);
	fclose(f);
}

/* The same input with tiny buffers, so every boundary is crossed often;
 * the record limit stays the default one. */
static void expect_records_tiny(const struct bytes *input,
				const struct record *want, size_t n)
{
	static const size_t in_caps[] = { 4, 5, 7, 64, 4095, 4096, 4097 };
	for (size_t i = 0; i < sizeof(in_caps) / sizeof(in_caps[0]); i++) {
		struct csv_sizes sz = { in_caps[i], 1 + i, CSV_RECORD_MAX,
					CSV_QUOTED_LINES_MAX };
		expect_records(input, &sz, want, n);
	}
}

static const char *const line_ends[] = { "\n", "\r\n", "\r" };

/* "A1,<field>,high" then "A2,low,": the long field quoted or plain, of
 * every size around a boundary, with every line end. */
static void field_sizes_around(size_t boundary, bool tiny_too)
{
	for (size_t d = 0; d < 3; d++) {
		size_t size = boundary - 1 + d;
		char *field = malloc(size);
		assert_non_null(field);
		for (size_t i = 0; i < size; i++)
			field[i] = (char)('a' + i % 26);
		for (int quoted = 0; quoted < 2; quoted++) {
			for (size_t e = 0; e < 3; e++) {
				struct bytes in = { 0 };
				puts_(&in, "A1,");
				if (quoted)
					puts_(&in, "\"");
				put(&in, field, size);
				if (quoted)
					puts_(&in, "\"");
				puts_(&in, ",high");
				puts_(&in, line_ends[e]);
				puts_(&in, "A2,low,");
				puts_(&in, line_ends[e]);
				struct record want[2] = {
					{ 3, { "A1", field, "high" }, { 2, size, 4 } },
					{ 3, { "A2", "low", "" }, { 2, 3, 0 } },
				};
				expect_records(&in, NULL, want, 2);
				if (tiny_too)
					expect_records_tiny(&in, want, 2);
				free(in.s);
			}
		}
		free(field);
	}
}

static void test_record_buffer_boundary(void **state)
{
	(void)state;
	field_sizes_around(CSV_REC_START, true);
}

static void test_input_block_sized_fields(void **state)
{
	(void)state;
	field_sizes_around(CSV_IN_BUFSIZE, false);
}

/* A short record that starts at every offset around the end of the first
 * block, so that it straddles the read, quoted and plain. */
static void test_record_straddles_block(void **state)
{
	(void)state;
	for (size_t d = 0; d < 12; d++) {
		for (int quoted = 0; quoted < 2; quoted++) {
			for (size_t e = 0; e < 3; e++) {
				struct bytes in = { 0 };
				size_t pad = CSV_IN_BUFSIZE - 6 + d;	/* "P,<x...>" + end */
				size_t x = pad - 2 - strlen(line_ends[e]);
				puts_(&in, "P,");
				repeat(&in, 'x', x);
				puts_(&in, line_ends[e]);
				puts_(&in, quoted ? "\"A,1\",\"b\"\"c\"" : "A1,bc");
				puts_(&in, line_ends[e]);
				char *xs = malloc(x);
				assert_non_null(xs);
				memset(xs, 'x', x);
				struct record want[2] = {
					{ 2, { "P", xs }, { 1, x } },
					{ 2, { quoted ? "A,1" : "A1", quoted ? "b\"c" : "bc" },
					  { quoted ? 3 : 2, quoted ? 3 : 2 } },
				};
				expect_records(&in, NULL, want, 2);
				free(xs);
				free(in.s);
			}
		}
	}
}

/* A record of exactly the limit is kept; one byte more and the long
 * field is dropped, the others (the reference) still read. */
static void test_record_limit(void **state)
{
	(void)state;
	for (size_t d = 0; d < 3; d++) {
		size_t size = CSV_RECORD_MAX - 2 - 1 + d;	/* "A1" and the field */
		for (int quoted = 0; quoted < 2; quoted++) {
			struct bytes in = { 0 };
			puts_(&in, "A1,");
			if (quoted)
				puts_(&in, "\"");
			repeat(&in, 'z', size);
			puts_(&in, quoted ? "\"\nA2,low\n" : "\nA2,low\n");
			FILE *f = fmemopen(in.s, in.len, "rb");
			assert_non_null(f);
			struct csv r;
			assert_int_equal(csv_open(&r, f), 0);
			assert_int_equal(csv_next(&r), 1);
			assert_int_equal(r.n_fields, 2);
			size_t len;
			const char *ref = csv_field(&r, 0, &len);
			assert_int_equal(len, 2);
			assert_memory_equal(ref, "A1", 2);
			csv_field(&r, 1, &len);
			if (2 + size <= CSV_RECORD_MAX) {
				assert_null(r.problem);
				assert_int_equal(len, size);
				assert_int_equal(r.dropped, 0);
			} else {
				assert_non_null(r.problem);
				assert_non_null(strstr(r.problem, "field 2 is longer than"));
				assert_int_equal(len, 0);
				assert_int_equal(r.dropped, 2);
			}
			assert_int_equal(csv_next(&r), 1);
			assert_null(r.problem);
			ref = csv_field(&r, 0, &len);
			assert_int_equal(len, 2);
			assert_memory_equal(ref, "A2", 2);
			assert_int_equal(csv_next(&r), 0);
			csv_close(&r);
			fclose(f);
			free(in.s);
		}
	}
}

/* A stray quote costs its own row: the lines after it are read again. */
static void test_stray_quote_resyncs(void **state)
{
	(void)state;
	for (size_t e = 0; e < 3; e++) {
		struct bytes in = { 0 };
		puts_(&in, "A1,\"high");
		puts_(&in, line_ends[e]);
		for (int i = 2; i <= 300; i++) {
			char row[32];
			snprintf(row, sizeof(row), "A%d,low%s", i, line_ends[e]);
			puts_(&in, row);
		}
		for (size_t tiny = 0; tiny < 2; tiny++) {
			struct csv_sizes sz = { tiny ? 7 : CSV_IN_BUFSIZE, 3,
						CSV_RECORD_MAX, CSV_QUOTED_LINES_MAX };
			FILE *f = fmemopen(in.s, in.len, "rb");
			assert_non_null(f);
			struct csv r;
			assert_int_equal(csv_open_sized(&r, f, &sz), 0);
			assert_int_equal(csv_next(&r), 1);
			assert_true(r.resynced);
			assert_string_equal(r.problem, "a quoted field is not closed on this row");
			assert_int_equal(r.n_fields, 2);
			size_t len;
			const char *cell = csv_field(&r, 1, &len);
			assert_int_equal(len, 5);
			assert_memory_equal(cell, "\"high", 5);
			for (int i = 2; i <= 300; i++) {
				char want[16];
				snprintf(want, sizeof(want), "A%d", i);
				assert_int_equal(csv_next(&r), 1);
				assert_null(r.problem);
				assert_int_equal(r.number, (uint64_t)i);
				cell = csv_field(&r, 0, &len);
				assert_int_equal(len, strlen(want));
				assert_memory_equal(cell, want, len);
			}
			assert_int_equal(csv_next(&r), 0);
			csv_close(&r);
			fclose(f);
		}
		free(in.s);
	}
}

/* A quoted field over many lines that does close is one record, up to
 * the line limit; past it, it is a stray quote. */
static void test_quoted_line_limit(void **state)
{
	(void)state;
	for (size_t d = 0; d < 2; d++) {
		struct bytes in = { 0 };
		puts_(&in, "A1,\"");
		size_t lines = CSV_QUOTED_LINES_MAX + d;
		for (size_t i = 0; i < lines; i++)
			puts_(&in, "note\n");
		puts_(&in, "end\",high\nA2,low\n");
		FILE *f = fmemopen(in.s, in.len, "rb");
		assert_non_null(f);
		struct csv r;
		assert_int_equal(csv_open(&r, f), 0);
		assert_int_equal(csv_next(&r), 1);
		if (d == 0) {
			assert_null(r.problem);
			assert_int_equal(r.n_fields, 3);
			assert_int_equal(csv_next(&r), 1);	/* A2 */
			assert_null(r.problem);
		} else {
			assert_true(r.resynced);
			/* the note lines come back as rows of their own */
			size_t rows = 0;
			while (csv_next(&r) == 1)
				rows++;
			assert_int_equal(rows, lines + 1);	/* notes after the first, "end...", A2 */
		}
		csv_close(&r);
		fclose(f);
		free(in.s);
	}
}

/* A CRLF in a quoted field is one line break wherever a read ends: split
 * between two reads (the CR the last byte of one), or after a "" that
 * follows a CR, it is not counted twice or missed, so the limit holds at
 * every block size alike. */
static void test_quoted_crlf_counted_once(void **state)
{
	(void)state;
	/* two CRLFs, then a CR and an LF with "" between them, which are
	 * two breaks and not a CRLF: four, at the limit of 4 */
	static const char text[] = "A1,\"x\r\ny\r\nz\r\"\"\nw\",high\nA2,low\n";
	size_t n = sizeof(text) - 1;
	for (size_t cap = 4; cap <= n; cap++) {
		for (uint32_t limit = 3; limit <= 4; limit++) {
			FILE *f = fmemopen((void *)text, n, "rb");
			assert_non_null(f);
			const struct csv_sizes sz = { cap, 4, 256, limit };
			struct csv r;
			assert_int_equal(csv_open_sized(&r, f, &sz), 0);
			assert_int_equal(csv_next(&r), 1);
			if (limit == 4) {
				assert_null(r.problem);
				assert_int_equal(r.n_fields, 3);
				size_t len;
				const char *field = csv_field(&r, 1, &len);
				assert_int_equal(len, 11);
				assert_memory_equal(field, "x\r\ny\r\nz\r\"\nw", 11);
				assert_int_equal(csv_next(&r), 1);
				assert_int_equal(r.number, 2);
				assert_null(r.problem);
			} else {
				assert_non_null(r.problem);
				assert_true(r.resynced);
			}
			csv_close(&r);
			fclose(f);
		}
	}
}

/* A stray quote whose first line ends in a CRLF: at every block size,
 * the CR the last byte of a read included, the record is that line and
 * the next row is number 2, with no empty line left by the LF. */
static void test_resync_split_crlf(void **state)
{
	(void)state;
	static const char text[] = "a,\"b\r\nc,d\ne,f\n";
	size_t n = sizeof(text) - 1;
	for (size_t cap = 4; cap <= n; cap++) {
		FILE *f = fmemopen((void *)text, n, "rb");
		assert_non_null(f);
		const struct csv_sizes sz = { cap, 4, 256, 8 };
		struct csv r;
		assert_int_equal(csv_open_sized(&r, f, &sz), 0);
		r.width = 2;
		assert_int_equal(csv_next(&r), 1);
		assert_true(r.resynced);
		for (uint64_t number = 2; number <= 3; number++) {
			assert_int_equal(csv_next(&r), 1);
			assert_false(r.empty);
			assert_int_equal(r.number, number);
			assert_int_equal(r.n_fields, 2);
		}
		assert_int_equal(csv_next(&r), 0);
		csv_close(&r);
		fclose(f);
	}
}

/* A multi-line record that parses but has not the expected width is a
 * stray quote too. */
static void test_width_resyncs(void **state)
{
	(void)state;
	struct bytes in = { 0 };
	puts_(&in, "A1,\"x\nA2,y,z\"\nA3,b,c\n");
	FILE *f = fmemopen(in.s, in.len, "rb");
	assert_non_null(f);
	struct csv r;
	assert_int_equal(csv_open(&r, f), 0);
	r.width = 3;
	assert_int_equal(csv_next(&r), 1);
	assert_true(r.resynced);
	assert_int_equal(r.n_fields, 2);
	assert_int_equal(csv_next(&r), 1);
	assert_false(r.resynced);
	assert_int_equal(r.n_fields, 3);
	size_t len;
	const char *cell = csv_field(&r, 0, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(cell, "A2", 2);
	assert_int_equal(csv_next(&r), 1);
	cell = csv_field(&r, 0, &len);
	assert_memory_equal(cell, "A3", 2);
	assert_int_equal(csv_next(&r), 0);
	csv_close(&r);
	fclose(f);
	free(in.s);
}

static void test_delimiter_and_bom(void **state)
{
	(void)state;
	struct bytes in = { 0 };
	puts_(&in, "\xEF\xBB\xBFref;risk\r\nA1;\"a;b\"\r\n");
	FILE *f = fmemopen(in.s, in.len, "rb");
	assert_non_null(f);
	struct csv r;
	assert_int_equal(csv_open(&r, f), 0);
	size_t len;
	const char *line = csv_peek_line(&r, &len);
	assert_int_equal(len, 8);
	assert_memory_equal(line, "ref;risk", 8);
	r.delim = ';';
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(r.n_fields, 2);
	assert_int_equal(csv_next(&r), 1);
	const char *cell = csv_field(&r, 1, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(cell, "a;b", 3);
	assert_int_equal(csv_next(&r), 0);
	csv_close(&r);
	fclose(f);
	free(in.s);
}

static bool is_risk(const char *s, size_t n, void *arg)
{
	(void)arg;
	return n == 4 && memcmp(s, "risk", 4) == 0;
}

static void test_count_fields(void **state)
{
	(void)state;
	size_t named;
	assert_int_equal(csv_count_fields("ref;risk", 8, ';', is_risk, NULL, &named), 2);
	assert_int_equal(named, 1);
	assert_int_equal(csv_count_fields("ref;risk", 8, ',', is_risk, NULL, &named), 1);
	assert_int_equal(named, 0);
	assert_int_equal(csv_count_fields("\"risk\",\"a,b\",", 13, ',', is_risk, NULL,
					  &named), 3);
	assert_int_equal(named, 1);
	assert_int_equal(csv_count_fields("\"ris", 4, ',', is_risk, NULL, &named), 1);
	assert_int_equal(named, 0);
	assert_int_equal(csv_count_fields("", 0, ',', is_risk, NULL, &named), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_buffer_boundary),
		cmocka_unit_test(test_input_block_sized_fields),
		cmocka_unit_test(test_record_straddles_block),
		cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_stray_quote_resyncs),
		cmocka_unit_test(test_quoted_line_limit),
		cmocka_unit_test(test_quoted_crlf_counted_once),
		cmocka_unit_test(test_resync_split_crlf),
		cmocka_unit_test(test_width_resyncs),
		cmocka_unit_test(test_delimiter_and_bom),
		cmocka_unit_test(test_count_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
