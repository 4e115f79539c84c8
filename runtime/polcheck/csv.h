/* csv.h - an RFC 4180 reader that streams: one record at a time, in
 * memory bounded by the largest record allowed, whatever the file's size.
 *
 * Fields are separated by a delimiter (',' unless told otherwise) and may
 * be quoted; a quoted field may hold delimiters, doubled quotes and line
 * breaks.  Records end with LF, CRLF or a lone CR (old Mac exports), or at
 * the end of input without one.  A UTF-8 byte order mark before the first
 * record is skipped.  A record that breaks the format is still returned,
 * with `problem` saying what is wrong, so the caller can report it and go
 * on.
 *
 * Limits, each with what happens past it:
 *   - a record keeps at most rec_max bytes of fields (CSV_RECORD_MAX by
 *     default): a field that would pass it is read to its end and dropped
 *     (it reads as empty, `dropped` names it), the others are kept;
 *   - a record keeps at most CSV_FIELDS_MAX fields: more are counted, not
 *     kept (`problem` says so);
 *   - a quoted field may run over at most CSV_QUOTED_LINES_MAX line
 *     breaks.  A record that spans several lines and whose quoting is
 *     broken (a quote not closed by then or by the end of input, text
 *     after a closing quote), or whose fields are not the `width` the
 *     caller expects, is taken to be a stray quote: the record is its
 *     first line read as it stands (the quote a plain character), and the
 *     lines after it are read again as records of their own, so one stray
 *     quote costs one row, not the rest of the file (`resynced`).
 *
 * Nothing points into a buffer that can move: fields are offsets, and
 * `base` is set only once the record is complete.
 */
#ifndef POLCHECK_CSV_H
#define POLCHECK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CSV_RECORD_MAX (1u << 20)	/* bytes of one record's fields */
#define CSV_FIELDS_MAX 65536u		/* fields of one record */
#define CSV_QUOTED_LINES_MAX 1000u	/* line breaks in one quoted field */
#define CSV_IN_BUFSIZE (256u * 1024u)	/* bytes read from the file at once */
#define CSV_REC_START 4096u		/* first size of the record buffer */

/* The buffer sizes and limits of a reader; csv_open takes the defaults
 * above, the tests and fuzz targets small ones so that short inputs reach
 * every boundary. */
struct csv_sizes {
	size_t in_cap, rec_start, rec_max;
	uint32_t quoted_lines_max;
};

struct csv {
	FILE *f;
	unsigned char delim;		/* the field separator */
	unsigned char *in;		/* input buffer */
	size_t in_pos, in_len, in_cap, in_block;	/* in_block: bytes per read */
	bool started;			/* the byte order mark was looked for */
	bool at_end;			/* the input is exhausted */
	int read_errno;			/* after a read error, else 0 */

	char *rec;			/* the fields' bytes, unquoted, end to end */
	size_t rec_len, rec_cap, rec_max;
	const char *base;		/* rec, or the input for a plain record */
	uint32_t *starts;		/* field i is base[starts[i] .. ends[i]) */
	uint32_t *ends;
	uint32_t field_start;		/* of the field being read */
	size_t n_fields;		/* fields of the record, stored or not */
	size_t ends_cap;
	bool skipping;			/* the field being read is dropped */

	/* The bytes a record of the general path has consumed, kept so
	 * that a stray quote can be undone (bounded by 2 * rec_max). */
	unsigned char *raw;
	size_t raw_len, raw_cap, mark;	/* mark: the record's start in `in` */
	bool raw_lost;			/* too long to keep: no resync */
	bool marking;			/* the general path is keeping them */
	uint32_t breaks;		/* line breaks inside quoted fields */
	uint32_t quoted_lines_max;
	bool quote_broken;		/* the record's quoting is broken */

	/* plain: the record had no quote and no stray CR and came within
	 * one read of the input, and base[0 .. plain_len) is it as it was in
	 * the input, without its line end.  A writer can copy it through. */
	size_t plain_len;
	bool plain;

	bool general_only;		/* tests: never take the plain path */
	size_t width;			/* the fields a record should have, or 0 */

	uint64_t number;		/* records read, empty lines included */
	bool empty;			/* the record is an empty line */
	size_t dropped;			/* 1 + the first field dropped, or 0 */
	bool resynced;			/* the record is a line with a stray quote */
	const char *problem;		/* why the record is malformed, or NULL */
	char problem_text[112];		/* room for a problem with numbers */
};

/* Start reading f with ',' and the default sizes.  0, or -1 when memory
 * for the buffers is short. */
int csv_open(struct csv *r, FILE *f);
/* The same with other sizes (each at least 1; rec_max < 4 GiB). */
int csv_open_sized(struct csv *r, FILE *f, const struct csv_sizes *sz);
/* Free the buffers (f is the caller's to close). */
void csv_close(struct csv *r);
/* Read the next record: 1 read, 0 end of input, -1 read error (errno in
 * r->read_errno). */
int csv_next(struct csv *r);

/* The first line of the input, before the first record is read (the
 * byte order mark skipped): its bytes, valid until csv_next, and *len,
 * up to the first line break within the first read; NULL when the input
 * is empty or cannot be read. */
const char *csv_peek_line(struct csv *r, size_t *len);

/* Split len bytes of one line at delim, as the reader would read them
 * (quotes included); the number of fields, and the number of those
 * fields whose text equals some name for which is_name says true. */
size_t csv_count_fields(const char *line, size_t len, unsigned char delim,
			bool (*is_name)(const char *s, size_t n, void *arg),
			void *arg, size_t *named);

/* Field i of the record: its bytes and length; fields past those stored
 * (too many fields) and dropped fields read as empty. */
static inline const char *csv_field(const struct csv *r, size_t i, size_t *len)
{
	if (i >= r->n_fields || i >= r->ends_cap) {	/* not stored */
		*len = 0;
		return "";
	}
	*len = r->ends[i] - r->starts[i];
	return r->base + r->starts[i];
}

#endif
