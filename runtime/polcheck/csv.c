/* csv.c - streaming RFC 4180 records (see csv.h).
 *
 * The input is read in large blocks.  A plain record - a line within the
 * block with no quote and no stray CR, most of any caseload - is split in
 * place: its fields point into the input, found with memchr.  Any other
 * record goes byte by byte (the general path): unquoted and quoted runs
 * are copied a block at a time into the record buffer, which grows to the
 * largest record seen, at most rec_max bytes.  While it reads, the general
 * path also keeps the bytes it consumed, so that a record with a stray
 * quote can be given back to the input from its second line on.
 *
 * Fields are offsets into the record, never pointers, and `base` is set
 * when the record is complete: the record buffer may move while it grows.
 */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define ENDS_START 64u
#define RAW_START 4096u
#define QUOTE_RUNAWAY (-2)	/* a quoted field ran past its line limit */

int csv_open(struct csv *r, FILE *f)
{
	static const struct csv_sizes defaults = {
		CSV_IN_BUFSIZE, CSV_REC_START, CSV_RECORD_MAX, CSV_QUOTED_LINES_MAX
	};
	return csv_open_sized(r, f, &defaults);
}

int csv_open_sized(struct csv *r, FILE *f, const struct csv_sizes *sz)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
	r->delim = ',';
	/* room for a whole byte order mark in the first read */
	size_t in_cap = sz->in_cap < 4 ? 4 : sz->in_cap;
	size_t rec_start = sz->rec_start ? sz->rec_start : 1;
	r->in = malloc(in_cap);
	r->rec = malloc(rec_start);
	r->starts = malloc(ENDS_START * sizeof(*r->starts));
	r->ends = malloc(ENDS_START * sizeof(*r->ends));
	if (!r->in || !r->rec || !r->starts || !r->ends) {
		csv_close(r);
		return -1;
	}
	r->in_cap = r->in_block = in_cap;
	r->rec_cap = rec_start;
	r->rec_max = sz->rec_max < UINT32_MAX ? sz->rec_max : UINT32_MAX - 1;
	r->quoted_lines_max = sz->quoted_lines_max;
	r->ends_cap = ENDS_START;
	return 0;
}

void csv_close(struct csv *r)
{
	free(r->in);
	free(r->rec);
	free(r->starts);
	free(r->ends);
	free(r->raw);
	r->in = NULL;
	r->rec = NULL;
	r->starts = NULL;
	r->ends = NULL;
	r->raw = NULL;
}

/* Keep n bytes that the general path consumed, while there is room. */
static void keep_raw(struct csv *r, const unsigned char *s, size_t n)
{
	if (r->raw_lost || n == 0)
		return;
	size_t max = 2 * r->rec_max + 64;
	if (r->raw_len + n > max) {
		r->raw_lost = true;
		return;
	}
	if (r->raw_len + n > r->raw_cap) {
		size_t cap = r->raw_cap ? r->raw_cap : RAW_START;
		while (cap < r->raw_len + n)
			cap *= 2;
		unsigned char *bigger = realloc(r->raw, cap);
		if (!bigger) {
			r->raw_lost = true;
			return;
		}
		r->raw = bigger;
		r->raw_cap = cap;
	}
	memcpy(r->raw + r->raw_len, s, n);
	r->raw_len += n;
}

/* Read the next block; false at the end of input or on a read error. */
static bool refill(struct csv *r)
{
	if (r->at_end)
		return false;
	if (r->marking) {
		keep_raw(r, r->in + r->mark, r->in_len - r->mark);
		r->mark = 0;
	}
	errno = 0;
	size_t n = fread(r->in, 1, r->in_block, r->f);
	r->in_pos = 0;
	r->in_len = n;
	if (n == 0) {
		if (ferror(r->f))
			r->read_errno = errno ? errno : EIO;
		r->at_end = true;
		return false;
	}
	if (n < r->in_block && feof(r->f))
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

/* The field being read is too long to keep: its bytes are given up, the
 * rest of it will be skipped, and the record says which field it was. */
static void drop_field(struct csv *r, bool out_of_memory)
{
	r->rec_len = r->field_start;
	r->skipping = true;
	if (!r->dropped) {
		r->dropped = r->n_fields + 1;
		if (out_of_memory)
			snprintf(r->problem_text, sizeof(r->problem_text),
				 "field %zu: out of memory", r->dropped);
		else
			snprintf(r->problem_text, sizeof(r->problem_text),
				 "field %zu is longer than the %zu bytes a record "
				 "may hold", r->dropped, r->rec_max);
		problem(r, r->problem_text);
	}
}

/* Keep n more bytes of the field, growing the buffer up to the limit;
 * past it the field is dropped. */
static void append_slow(struct csv *r, const unsigned char *s, size_t n)
{
	if (r->skipping)
		return;
	if (r->rec_len + n > r->rec_max) {
		drop_field(r, false);
		return;
	}
	size_t cap = r->rec_cap;
	while (cap < r->rec_len + n)
		cap *= 2;
	if (cap > r->rec_max)
		cap = r->rec_max;
	char *bigger = realloc(r->rec, cap);
	if (!bigger) {
		drop_field(r, true);
		return;
	}
	r->rec = bigger;
	r->rec_cap = cap;
	memcpy(r->rec + r->rec_len, s, n);
	r->rec_len += n;
}

/* Keep n bytes of the field: a copy in the common case. */
static inline void append(struct csv *r, const unsigned char *s, size_t n)
{
	if (n <= r->rec_cap - r->rec_len && !r->skipping) {
		memcpy(r->rec + r->rec_len, s, n);
		r->rec_len += n;
	} else {
		append_slow(r, s, n);
	}
}

/* Keep one byte of the field. */
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
	r->skipping = false;
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
	if (body == 0 || body > r->rec_max || memchr(s, '"', body) ||
	    memchr(s, '\r', body))
		return false;
	r->base = s;
	r->plain_len = body;
	r->plain = true;
	uint32_t start = 0;
	for (;;) {
		const char *sep = memchr(s + start, r->delim, body - start);
		uint32_t end = sep ? (uint32_t)(sep - s) : (uint32_t)body;
		add_field(r, start, end);
		if (!sep)
			break;
		start = end + 1;
	}
	r->in_pos = (size_t)(nl - (const char *)r->in) + 1;
	r->number++;
	return true;
}

/* The rest of an unquoted field whose first byte is c: copied up to the
 * delimiter, CR or LF that ends it; returns that byte, or EOF. */
static int unquoted(struct csv *r, int c)
{
	const unsigned char d = r->delim;
	if (c == d || c == '\n' || c == '\r' || c == EOF)
		return c;
	append_byte(r, c);
	for (;;) {
		const unsigned char *s = r->in + r->in_pos, *e = r->in + r->in_len;
		const unsigned char *q = s;
		while (q < e && *q != d && *q != '\n' && *q != '\r')
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

/* Line breaks in s..e: LF, CRLF and a lone CR count one each; after_cr
 * says the byte before s was a CR, so that a CRLF split between two reads
 * counts one, as it does whole, and the limit does not hang on where a
 * read ends. */
static uint32_t line_breaks(const unsigned char *s, const unsigned char *e,
			    bool after_cr)
{
	uint32_t n = 0;
	for (const unsigned char *p = s; p < e; p++)
		if (*p == '\n' ? (p == s ? !after_cr : p[-1] != '\r') : *p == '\r')
			n++;
	return n;
}

/* The quoting of the record is broken. */
static void broken_quote(struct csv *r, const char *why)
{
	r->quote_broken = true;
	problem(r, why);
}

/* A quoted field, its opening quote read: copied to the closing quote,
 * "" read as one quote; returns the byte after the field, EOF, or
 * QUOTE_RUNAWAY when the field runs past its line limit. */
static int quoted(struct csv *r)
{
	bool after_cr = false;	/* the last byte of the last read was a CR */
	for (;;) {
		const unsigned char *s = r->in + r->in_pos, *e = r->in + r->in_len;
		const unsigned char *q = memchr(s, '"', (size_t)(e - s));
		const unsigned char *stop = q ? q : e;
		uint32_t n = line_breaks(s, stop, after_cr);
		after_cr = stop > s ? stop[-1] == '\r' : after_cr;
		r->breaks = r->breaks + n < r->breaks ? UINT32_MAX : r->breaks + n;
		append(r, s, (size_t)(stop - s));
		r->in_pos = (size_t)(stop - r->in);
		if (r->breaks > r->quoted_lines_max) {
			if (!r->problem) {
				snprintf(r->problem_text, sizeof(r->problem_text),
					 "a quoted field runs on over more than %u line "
					 "breaks: its closing quote is missing",
					 (unsigned)r->quoted_lines_max);
				broken_quote(r, r->problem_text);
			}
			r->quote_broken = true;
			return QUOTE_RUNAWAY;
		}
		if (!q) {
			if (!refill(r)) {
				broken_quote(r, "a quoted field is not closed "
					     "before the end of the input");
				return EOF;
			}
			continue;
		}
		r->in_pos++;
		int c = next_byte(r);
		if (c == '"') {
			append_byte(r, '"');
			after_cr = false;
			continue;
		}
		/* after the closing quote only a delimiter or the record's end */
		while (c != r->delim && c != '\n' && c != '\r' && c != EOF) {
			broken_quote(r, "text after the closing quote of a field");
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

/* The record's quoting is broken over several lines: a stray quote.  The
 * record becomes its first line, read as it stands, and the bytes after
 * that line go back to the input to be read again.  Nothing is done when
 * the bytes were too many to keep or memory is short. */
static void resync(struct csv *r)
{
	keep_raw(r, r->in + r->mark, r->in_pos - r->mark);
	r->mark = r->in_pos;
	if (r->raw_lost)
		return;
	size_t eol = 0;
	while (eol < r->raw_len && r->raw[eol] != '\n' && r->raw[eol] != '\r')
		eol++;
	if (eol == r->raw_len)
		return;
	size_t skip = eol + 1;
	if (r->raw[eol] == '\r' && skip < r->raw_len && r->raw[skip] == '\n')
		skip++;
	size_t rest = r->raw_len - skip, tail = r->in_len - r->in_pos;
	if (rest + tail > r->in_cap) {
		unsigned char *bigger = realloc(r->in, rest + tail);
		if (!bigger)
			return;
		r->in = bigger;
		r->in_cap = rest + tail;
	}
	memmove(r->in + rest, r->in + r->in_pos, tail);
	memcpy(r->in, r->raw + skip, rest);
	r->in_pos = 0;
	r->in_len = rest + tail;
	r->mark = 0;

	r->rec_len = 0;
	r->n_fields = 0;
	r->dropped = 0;
	r->skipping = false;
	size_t start = 0;
	for (size_t i = 0; i <= eol; i++) {
		if (i < eol && r->raw[i] != r->delim)
			continue;
		r->field_start = (uint32_t)r->rec_len;
		append(r, r->raw + start, i - start);
		end_field(r);
		start = i + 1;
	}
	r->breaks = 0;
	r->resynced = true;
	/* whatever the quote ran into, the cause is this row's quote */
	r->problem = "a quoted field is not closed on this row";
}

/* The first read, and the byte order mark skipped. */
static void start(struct csv *r)
{
	r->started = true;
	if (refill(r) && r->in_len >= 3 && memcmp(r->in, "\xEF\xBB\xBF", 3) == 0)
		r->in_pos = 3;
}

const char *csv_peek_line(struct csv *r, size_t *len)
{
	if (!r->started)
		start(r);
	if (r->in_pos >= r->in_len)
		return NULL;
	const unsigned char *s = r->in + r->in_pos, *e = r->in + r->in_len;
	const unsigned char *q = s;
	while (q < e && *q != '\n' && *q != '\r')
		q++;
	*len = (size_t)(q - s);
	return (const char *)s;
}

size_t csv_count_fields(const char *line, size_t len, unsigned char delim,
			bool (*is_name)(const char *s, size_t n, void *arg),
			void *arg, size_t *named)
{
	size_t n = 0, i = 0;
	*named = 0;
	for (;;) {
		const char *field = line + i;
		size_t field_len;
		if (i < len && line[i] == '"') {
			size_t j = i + 1;
			while (j < len && (line[j] != '"' ||
					   (j + 1 < len && line[j + 1] == '"')))
				j += line[j] == '"' ? 2 : 1;
			field = line + i + 1;
			field_len = (j < len ? j : len) - (i + 1);
			i = j < len ? j + 1 : len;
			while (i < len && (unsigned char)line[i] != delim)
				i++;
		} else {
			size_t start = i;
			while (i < len && (unsigned char)line[i] != delim)
				i++;
			field_len = i - start;
		}
		n++;
		if (is_name && is_name(field, field_len, arg))
			(*named)++;
		if (i >= len)
			return n;
		i++;
	}
}

int csv_next(struct csv *r)
{
	r->rec_len = 0;
	r->n_fields = 0;
	r->empty = false;
	r->dropped = 0;
	r->skipping = false;
	r->resynced = false;
	r->quote_broken = false;
	r->breaks = 0;
	r->plain = false;
	r->problem = NULL;
	if (!r->started)
		start(r);
	if (r->in_pos == r->in_len && !refill(r))
		return r->read_errno ? -1 : 0;
	if (!r->general_only && plain_record(r))
		return 1;
	/* a record with quotes or a stray CR: copied field by field; its raw
	 * form is not offered, as the writer re-quotes only where needed */
	r->marking = true;
	r->mark = r->in_pos;
	r->raw_len = 0;
	r->raw_lost = false;
	int c = next_byte(r);
	r->number++;
	if (c == '\n' || c == '\r') {
		if (c == '\r')
			skip_lf(r);
		r->empty = true;
	} else {
		for (;;) {
			r->field_start = (uint32_t)r->rec_len;
			c = c == '"' ? quoted(r) : unquoted(r, c);
			end_field(r);
			if (c != r->delim)
				break;
			c = next_byte(r);
		}
		if (c == '\r')
			skip_lf(r);
		if (r->breaks > 0 &&
		    (r->quote_broken || (r->width && r->n_fields != r->width)))
			resync(r);
	}
	r->marking = false;
	r->base = r->rec;
	return c == EOF && r->read_errno ? -1 : 1;
}
