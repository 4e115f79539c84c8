/* fuzz_csv.c - the batch CSV reader on arbitrary bytes, at every boundary
 * of its buffers.
 *
 * The first SIZE_BYTES bytes choose small sizes for the reader (a read
 * block of 4..64 bytes, a first record buffer of 1..16, a record limit of
 * 16..4096 bytes, 0..8 line breaks in a quoted field), the delimiter and
 * the width a record should have (none, or 1..7 fields: a multi-line
 * record of another width is a stray quote); the rest is the CSV.  So a
 * few hundred bytes of input cross every size threshold of csv.c, which
 * at its real sizes (256 KiB, 4 KiB, 1 MiB, 1000 lines) no libFuzzer
 * input would reach.  The body is read three
 * times:
 *   A  with the small sizes;
 *   B  with the small sizes and the plain-record path off: it must give
 *      the same records as A, field for field, problems included;
 *   C  with the real sizes: while neither A nor C has hit a limit (a
 *      dropped field, a resync, a runaway quote, too many fields), C's
 *      records must equal A's.
 * And on each reading: every csv_next makes progress (the record number
 * goes up by one, the position in the input goes forward); a plain
 * record is its line as it stands; a resynced record is its first line
 * as it stands and the reader goes on from the next line, so the lines
 * after a stray quote come back; the fields of a record never hold more
 * than the record limit; nothing is read past the input and all of it is
 * read, and a record's fields hold no more bytes than it took from it. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SIZE_BYTES 6

/* One reading of the body: the reader, its FILE and where it is. */
struct reading {
	FILE *f;
	struct csv r;
	size_t pos;		/* the input's bytes consumed by the records so far */
	uint64_t number;	/* the last record's number */
	int rc;			/* the last csv_next */
};

static bool reading_open(struct reading *g, const uint8_t *body, size_t n,
			 const struct csv_sizes *sz, unsigned char delim,
			 size_t width, bool general_only)
{
	memset(g, 0, sizeof(*g));
	g->f = fmemopen((void *)body, n, "rb");
	if (!g->f)
		return false;
	if (csv_open_sized(&g->r, g->f, sz) != 0) {
		fclose(g->f);
		g->f = NULL;
		return false;
	}
	g->r.delim = delim;
	g->r.width = width;
	g->r.general_only = general_only;
	/* a byte order mark is skipped, and only at the start */
	if (n >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
		g->pos = 3;
	return true;
}

static void reading_close(struct reading *g)
{
	if (g->f) {
		csv_close(&g->r);
		fclose(g->f);
	}
}

/* Where the reader is in the input: the bytes taken from the FILE less
 * those still waiting in its buffer (a resync puts bytes back there). */
static size_t position(const struct reading *g)
{
	long t = ftell(g->f);
	if (t < 0)
		abort();
	size_t waiting = g->r.in_len - g->r.in_pos;
	if (waiting > (size_t)t)
		abort();
	return (size_t)t - waiting;
}

/* Whether the fields of the record, joined with the delimiter, are
 * exactly s[0 .. n).  A field over the record limit is dropped and reads
 * as empty: from the first one `dropped` names, an empty field may stand
 * for any text up to the next delimiter. */
static bool fields_are(const struct csv *r, const uint8_t *s, size_t n)
{
	size_t at = 0;
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len;
		const char *field = csv_field(r, i, &len);
		if (i) {
			if (at >= n || s[at] != r->delim)
				return false;
			at++;
		}
		if (r->dropped && i + 1 >= r->dropped && len == 0) {
			while (at < n && s[at] != r->delim)
				at++;
			continue;
		}
		if (r->dropped == i + 1 || len > n - at || memcmp(field, s + at, len) != 0)
			return false;
		at += len;
	}
	return at == n;
}

/* The next record, and the properties every record has. */
static int reading_next(struct reading *g, const uint8_t *body, size_t n)
{
	size_t before = g->pos;
	g->rc = csv_next(&g->r);
	const struct csv *r = &g->r;
	if (g->rc < 0)
		abort();	/* fmemopen cannot fail a read */
	size_t after = position(g);
	if (after > n)
		abort();	/* read past the input */
	if (g->rc == 0) {
		if (after != n || before != n)
			abort();	/* some input never became a record */
		return 0;
	}
	if (r->number != g->number + 1 || after <= before)
		abort();	/* no progress */
	g->number = r->number;
	g->pos = after;
	size_t total = 0;
	for (size_t i = 0; i < r->n_fields + 1; i++) {
		size_t len;
		csv_field(r, i, &len);
		total += len;
	}
	/* within the limit, and no more than the bytes the record took */
	if (total > r->rec_max || total > after - before)
		abort();
	if (r->empty && (r->n_fields != 0 || r->problem))
		abort();
	/* the line the record starts with, without its line end */
	size_t eol = before;
	while (eol < after && body[eol] != '\n' && body[eol] != '\r')
		eol++;
	if (r->plain && (r->plain_len != eol - before ||
			 memcmp(r->base, body + before, r->plain_len) != 0 ||
			 !fields_are(r, body + before, r->plain_len)))
		abort();
	if (r->resynced) {
		/* its first line as it stands, and nothing after that line */
		size_t next = eol + (eol < after);
		if (next < after && body[eol] == '\r' && body[next] == '\n')
			next++;
		if (next != after || !fields_are(r, body + before, eol - before))
			abort();
	}
	return 1;
}

/* Whether the record is past a limit of its reader. */
static bool at_limit(const struct csv *r)
{
	return r->dropped || r->resynced || (!r->plain && r->raw_lost) ||
	       (r->problem && (strstr(r->problem, "65536 fields") ||
			       strstr(r->problem, "runs on over more than")));
}

/* Whether two records are the same, field for field. */
static bool same_record(const struct csv *a, const struct csv *b, bool strict)
{
	if (a->number != b->number || a->empty != b->empty ||
	    a->n_fields != b->n_fields || (a->problem == NULL) != (b->problem == NULL))
		return false;
	if (strict && (a->dropped != b->dropped || a->resynced != b->resynced ||
		       (a->problem && strcmp(a->problem, b->problem) != 0)))
		return false;
	for (size_t i = 0; i < a->n_fields + 1; i++) {
		size_t len, len2;
		const char *field = csv_field(a, i, &len);
		const char *other = csv_field(b, i, &len2);
		if (len != len2 || memcmp(field, other, len) != 0)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char delims[] = { ',', ';', '\t', '|' };
	if (size < SIZE_BYTES)
		return 0;
	const struct csv_sizes small = {
		.in_cap = 4 + data[0] % 61,
		.rec_start = 1 + data[1] % 16,
		.rec_max = 16 + (((size_t)data[2] << 8) | data[3]) % 4081,
		.quoted_lines_max = data[4] % 9,
	};
	const struct csv_sizes large = {
		CSV_IN_BUFSIZE, CSV_REC_START, CSV_RECORD_MAX, CSV_QUOTED_LINES_MAX
	};
	unsigned char delim = delims[data[5] & 3];
	size_t width = (size_t)(data[5] >> 2) % 8;
	const uint8_t *body = data + SIZE_BYTES;
	size_t n = size - SIZE_BYTES;
	if (n == 0)
		return 0;	/* fmemopen wants a buffer */

	struct reading a, b, c;
	bool ok_a = reading_open(&a, body, n, &small, delim, width, false);
	bool ok_b = ok_a && reading_open(&b, body, n, &small, delim, width, true);
	bool ok_c = ok_b && reading_open(&c, body, n, &large, delim, width, false);
	if (!ok_c) {
		if (ok_b)
			reading_close(&b);
		if (ok_a)
			reading_close(&a);
		return 0;
	}
	bool c_agrees = true;	/* until a limit is hit in A or C */
	for (;;) {
		int ra = reading_next(&a, body, n), rb = reading_next(&b, body, n);
		if (ra != rb || a.pos != b.pos)
			abort();
		int rc = c_agrees ? reading_next(&c, body, n) : 0;
		if (ra != 1) {
			if (c_agrees && rc != 0)
				abort();
			break;
		}
		if (!same_record(&a.r, &b.r, true))
			abort();
		if (!c_agrees)
			continue;
		if (rc != 1)
			abort();	/* C ended early */
		if (at_limit(&a.r) || at_limit(&c.r))
			c_agrees = false;
		else if (!same_record(&a.r, &c.r, true) || a.pos != c.pos)
			abort();
	}
	/* C read to its end too, with the same checks */
	if (!c_agrees)
		while (reading_next(&c, body, n) == 1)
			;
	reading_close(&a);
	reading_close(&b);
	reading_close(&c);
	return 0;
}
