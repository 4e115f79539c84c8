/* csv.h - an RFC 4180 reader that streams: one record at a time, in
 * memory bounded by the largest record allowed, whatever the file's size.
 *
 * Fields may be quoted; a quoted field may hold commas, doubled quotes and
 * line breaks.  Records end with LF, CRLF or a lone CR, or at the end of
 * input without one.  A UTF-8 byte order mark before the first record is
 * skipped.  A record that breaks the format is still returned, with
 * `problem` saying what is wrong, so the caller can report it and go on.
 */
#ifndef POLCHECK_CSV_H
#define POLCHECK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CSV_RECORD_MAX (1u << 20)	/* bytes of one record's fields */
#define CSV_FIELDS_MAX 65536u		/* fields of one record */

struct csv {
	FILE *f;
	unsigned char *in;		/* input buffer */
	size_t in_pos, in_len, in_cap;
	bool started;			/* the byte order mark was looked for */
	bool at_end;			/* the input is exhausted */
	int read_errno;			/* after a read error, else 0 */

	char *rec;			/* the fields' bytes, unquoted, end to end */
	size_t rec_len, rec_cap;
	const char *base;		/* rec, or the input for a plain record */
	uint32_t *starts;		/* field i is base[starts[i] .. ends[i]) */
	uint32_t *ends;
	uint32_t field_start;		/* of the field being read */
	size_t n_fields;		/* fields of the record, stored or not */
	size_t ends_cap;

	/* raw_ok: the record is plain (no quote, no stray CR, within one
	 * read of the input), and base[0 .. raw_len) is it as it was in the
	 * input, without its line end.  A writer can copy it through. */
	size_t raw_len;
	bool raw_ok;

	bool general_only;		/* tests: never take the plain path */

	uint64_t number;		/* records read, empty lines included */
	bool empty;			/* the record is an empty line */
	bool truncated;			/* longer than CSV_RECORD_MAX: not stored */
	const char *problem;		/* why the record is malformed, or NULL */
};

/* Start reading f.  0, or -1 when memory for the buffers is short. */
int csv_open(struct csv *r, FILE *f);
/* Free the buffers (f is the caller's to close). */
void csv_close(struct csv *r);
/* Read the next record: 1 read, 0 end of input, -1 read error (errno in
 * r->read_errno). */
int csv_next(struct csv *r);

/* Field i of the record: its bytes and length; fields past those stored
 * (a truncated record, too many fields) read as empty. */
static inline const char *csv_field(const struct csv *r, size_t i, size_t *len)
{
	if (i >= r->n_fields || i >= r->ends_cap || r->truncated) {	/* not stored */
		*len = 0;
		return "";
	}
	*len = r->ends[i] - r->starts[i];
	return r->base + r->starts[i];
}

#endif
