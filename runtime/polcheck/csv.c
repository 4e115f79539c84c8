/* csv.c - streaming RFC 4180 records (see csv.h).
 *
 * The input is read in large blocks.  A plain record - a line within the
 * block with no quote and no stray CR, most of any caseload - is split in
 * place: its fields point into the input, found with memchr.  Any other
 * record goes byte by byte: unquoted and quoted runs are copied a block at
 * a time into the record buffer, which grows to the largest record seen,
 * at most CSV_RECORD_MAX; a longer record is read to its end without being
 * kept.
 */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define IN_BUFSIZE (256u * 1024u)
#define REC_START 4096u
#define ENDS_START 64u

int csv_open(struct csv *r, FILE *f)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
	r->in = malloc(IN_BUFSIZE);
	r->rec = malloc(REC_START);
	r->starts = malloc(ENDS_START * sizeof(*r->starts));
	r->ends = malloc(ENDS_START * sizeof(*r->ends));
	if (!r->in || !r->rec || !r->starts || !r->ends) {
		csv_close(r);
		return -1;
	}
	r->in_cap = IN_BUFSIZE;
	r->rec_cap = REC_START;
	r->ends_cap = ENDS_START;
	return 0;
}

void csv_close(struct csv *r)
{
	free(r->in);
	free(r->rec);
	free(r->starts);
	free(r->ends);
	r->in = NULL;
	r->rec = NULL;
	r->starts = NULL;
	r->ends = NULL;
}

/* Read the next block; false at the end of input or on a read error. */
static bool refill(struct csv *r)
{
	if (r->at_end)
		return false;
	errno = 0;
	size_t n = fread(r->in, 1, r->in_cap, r->f);
	r->in_pos = 0;
	r->in_len = n;
	if (n == 0) {
		if (ferror(r->f))
			r->read_errno = errno ? errno : EIO;
		r->at_end = true;
		return false;
	}
	if (n < r->in_cap && feof(r->f))
		r->at_end = true;	/* do not wait on a terminal twice */
	return true;
}

/* The next input byte, or EOF at the end of input or on a read error. */
static inline int next_byte(struct csv *r)
{
	if (r->in_pos == r->in_len && !refill(r))
		return EOF;
	return r->in[r->in_pos++];
}

/* Say what is wrong with the record; the first problem stands. */
static void problem(struct csv *r, const char *why)
{
	if (!r->problem)
		r->problem = why;
}

/* Keep n more bytes of the record, growing the buffer up to the limit;
 * past it the record is marked truncated and its bytes dropped. */
static void append_slow(struct csv *r, const unsigned char *s, size_t n)
{
	if (r->truncated)
		return;
	if (r->rec_len + n > CSV_RECORD_MAX) {
		r->truncated = true;
		r->problem = "the record is longer than 1 MiB (1048576 bytes)";
		return;
	}
	size_t cap = r->rec_cap;
	while (cap < r->rec_len + n)
		cap *= 2;
	if (cap > CSV_RECORD_MAX)
		cap = CSV_RECORD_MAX;
	char *bigger = realloc(r->rec, cap);
	if (!bigger) {
		r->truncated = true;
		r->problem = "out of memory for the record";
		return;
	}
	r->rec = bigger;
	r->rec_cap = cap;
	memcpy(r->rec + r->rec_len, s, n);
	r->rec_len += n;
}

/* Keep n bytes of the record: a copy in the common case. */
static inline void append(struct csv *r, const unsigned char *s, size_t n)
{
	if (n <= r->rec_cap - r->rec_len) {
		memcpy(r->rec + r->rec_len, s, n);
		r->rec_len += n;
	} else {
		append_slow(r, s, n);
	}
}

/* Keep one byte of the record. */
static inline void append_byte(struct csv *r, int c)
{
	unsigned char b = (unsigned char)c;
	append(r, &b, 1);
}

/* A field from start to end; past CSV_FIELDS_MAX fields it is counted
 * and not kept. */
static inline void add_field(struct csv *r, uint32_t start, uint32_t end)
{
	if (r->n_fields >= r->ends_cap && r->ends_cap < CSV_FIELDS_MAX) {
		size_t cap = r->ends_cap * 2;
		uint32_t *s = realloc(r->starts, cap * sizeof(*r->starts));
		if (s)
			r->starts = s;
		uint32_t *e = s ? realloc(r->ends, cap * sizeof(*r->ends)) : NULL;
		if (e) {
			r->ends = e;
			r->ends_cap = cap;
		}
	}
	if (r->n_fields < r->ends_cap) {
		r->starts[r->n_fields] = start;
		r->ends[r->n_fields] = end;
	} else {
		problem(r, "the record has more than 65536 fields");
	}
	r->n_fields++;
}

/* The field in the record buffer ends here. */
static void end_field(struct csv *r)
{
	add_field(r, r->field_start, (uint32_t)r->rec_len);
}

/* A plain record at in_pos: a line end within the block, no quote and no
 * CR before it (a CR just before the LF is the line's end).  Splits it in
 * place and returns true, or returns false for the general path. */
static bool plain_record(struct csv *r)
{
	const char *s = (const char *)r->in + r->in_pos;
	const char *e = (const char *)r->in + r->in_len;
	const char *nl = memchr(s, '\n', (size_t)(e - s));
	if (!nl || nl == s)
		return false;
	size_t body = (size_t)(nl - s) - (nl[-1] == '\r');
	if (body == 0 || body > CSV_RECORD_MAX || memchr(s, '"', body) ||
	    memchr(s, '\r', body))
		return false;
	r->base = s;
	r->raw_len = body;
	r->raw_ok = true;
	uint32_t start = 0;
	for (;;) {
		const char *comma = memchr(s + start, ',', body - start);
		uint32_t end = comma ? (uint32_t)(comma - s) : (uint32_t)body;
		add_field(r, start, end);
		if (!comma)
			break;
		start = end + 1;
	}
	r->in_pos = (size_t)(nl - (const char *)r->in) + 1;
	r->number++;
	return true;
}

/* The rest of an unquoted field whose first byte is c: copied up to the
 * comma, CR or LF that ends it; returns that byte, or EOF. */
static int unquoted(struct csv *r, int c)
{
	if (c == ',' || c == '\n' || c == '\r' || c == EOF)
		return c;
	append_byte(r, c);
	for (;;) {
		const unsigned char *s = r->in + r->in_pos, *e = r->in + r->in_len;
		const unsigned char *q = s;
		while (q < e && *q != ',' && *q != '\n' && *q != '\r')
			q++;
		append(r, s, (size_t)(q - s));
		r->in_pos = (size_t)(q - r->in);
		if (q < e) {
			r->in_pos++;
			return *q;
		}
		if (!refill(r))
			return EOF;
	}
}

/* A quoted field, its opening quote read: copied to the closing quote,
 * "" read as one quote; returns the byte after the field, or EOF. */
static int quoted(struct csv *r)
{
	for (;;) {
		const unsigned char *s = r->in + r->in_pos, *e = r->in + r->in_len;
		const unsigned char *q = memchr(s, '"', (size_t)(e - s));
		if (!q) {
			append(r, s, (size_t)(e - s));
			r->in_pos = r->in_len;
			if (!refill(r)) {
				problem(r, "a quoted field is not closed");
				return EOF;
			}
			continue;
		}
		append(r, s, (size_t)(q - s));
		r->in_pos = (size_t)(q - r->in) + 1;
		int c = next_byte(r);
		if (c == '"') {
			append_byte(r, '"');
			continue;
		}
		/* after the closing quote only a comma or the record's end */
		while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
			problem(r, "text after the closing quote of a field");
			append_byte(r, c);
			c = next_byte(r);
		}
		return c;
	}
}

/* After a CR, a LF belongs to the same line end. */
static void skip_lf(struct csv *r)
{
	if ((r->in_pos < r->in_len || refill(r)) && r->in[r->in_pos] == '\n')
		r->in_pos++;
}

int csv_next(struct csv *r)
{
	r->rec_len = 0;
	r->n_fields = 0;
	r->empty = false;
	r->truncated = false;
	r->problem = NULL;
	if (!r->started) {
		r->started = true;
		if (refill(r) && r->in_len >= 3 && memcmp(r->in, "\xEF\xBB\xBF", 3) == 0)
			r->in_pos = 3;
	}
	if (r->in_pos == r->in_len && !refill(r))
		return r->read_errno ? -1 : 0;
	if (!r->general_only && plain_record(r))
		return 1;
	/* a record with quotes or a stray CR: copied field by field; its raw
	 * form is not offered, as the writer re-quotes only where needed */
	r->base = r->rec;
	r->raw_ok = false;
	int c = next_byte(r);
	r->number++;
	if (c == '\n' || c == '\r') {
		if (c == '\r')
			skip_lf(r);
		r->empty = true;
		return 1;
	}
	for (;;) {
		r->field_start = (uint32_t)r->rec_len;
		c = c == '"' ? quoted(r) : unquoted(r, c);
		end_field(r);
		if (c != ',')
			break;
		c = next_byte(r);
	}
	if (c == '\r')
		skip_lf(r);
	return c == EOF && r->read_errno ? -1 : 1;
}
