/* batch.c - polcheck batch PROVIDER [FILE|-]: a caseload CSV in, the same
 * rows with the provider's decision appended out.
 *
 * The header row names the columns; a column named like an attribute is
 * read as that attribute, every other column is passed through.  Rows are
 * streamed: one record in memory at a time, the output buffered in large
 * blocks, the column-to-attribute map worked out once.  A bad row is
 * reported on stderr with its number (the header is row 1; every record
 * counts, empty lines included, so the numbers are a spreadsheet's row
 * numbers), written with an empty mode, and the rest goes on.
 *
 * Nothing is decided from a guess: a header that names no attribute, or
 * that already has the 'mode' column batch adds, stops the run.  The
 * delimiter is the one named, or the one of ',', ';', tab and '|' that
 * makes the most attribute columns of the header (',' on a tie).  The
 * output is held in memory up to BATCH_HOLD_MAX bytes, so that a run
 * that fails (a read error) leaves nothing on stdout; past that it
 * streams, and a failure ends it with a line that says it is incomplete.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "polcheck.h"
#include "suggest.h"

#define BATCH_HOLD_MAX (1024u * 1024u)

/* An attribute column: where it is, which attribute it holds, and what
 * the common spellings of its values mean, worked out once from the
 * header so that a row is decided without a search: "0"/"1" for a flag,
 * a level's names by length and bytes, a range's digits.  Anything else
 * goes the long way, through parse_value, which also words the error. */
struct attr_column {
	size_t column;
	uint32_t attribute;
	uint8_t kind, shift;	/* enum pol_attr_kind; bits in the case */
	uint32_t size;
	int32_t lo;
	const char *const *values;	/* a level's value names */
	uint8_t value_len[64];
};

struct batch {
	const struct pol_policy *p;
	uint32_t provider;
	bool json;
	struct out *o;
	const char *input;		/* for messages: the file, or "the input" */
	char delim;			/* the field separator, in and out */

	char *names;			/* the header's fields, end to end */
	uint32_t *name_ends;		/* as csv.ends */
	size_t n_columns;
	struct attr_column *attrs;
	size_t n_attrs;

	uint64_t rows_written;		/* JSON: whether a comma is due */
	bool failed;			/* some row was bad */
};

/* Column i's name. */
static const char *column_name(const struct batch *b, size_t i, size_t *len)
{
	size_t start = i ? b->name_ends[i - 1] : 0;
	*len = b->name_ends[i] - start;
	return b->names + start;
}

/* The attribute a header cell that is not one looks like ("Risk" for
 * "risk"), or NULL. */
static const char *near_attribute(const struct batch *b, const char *name,
				  size_t len)
{
	char word[130];
	if (len == 0 || len >= sizeof(word))
		return NULL;
	memcpy(word, name, len);
	word[len] = '\0';
	struct suggest sg;
	suggest_init(&sg, word);
	for (uint32_t i = 0; i < b->p->n_attributes; i++)
		suggest_offer(&sg, b->p->attributes[i].name);
	return sg.best;
}

/* Whether a header cell names an attribute (csv_count_fields' test). */
static bool names_attribute(const char *s, size_t n, void *arg)
{
	const struct pol_policy *p = arg;
	return n && !memchr(s, '\0', n) &&
	       pol_lookup(p, POL_KIND_ATTRIBUTE, s, n) >= 0;
}

/* The delimiter that makes the most attribute columns of the header. */
static char detect_delimiter(const struct batch *b, struct csv *r)
{
	static const char candidates[] = { ',', ';', '\t', '|' };
	size_t len, best_named = 0;
	char best = ',';
	const char *line = csv_peek_line(r, &len);
	for (size_t i = 0; line && i < sizeof(candidates); i++) {
		size_t named;
		csv_count_fields(line, len, (unsigned char)candidates[i],
				 names_attribute, (void *)b->p, &named);
		if (named > best_named) {
			best_named = named;
			best = candidates[i];
		}
	}
	return best;
}

/* The delimiter --delimiter names: one of , ; | or tab.  0, or -1 with m
 * set. */
static int parse_delimiter(const char *s, char *d, struct msg *m)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\t") == 0) {
		*d = '\t';
		return 0;
	}
	if (strlen(s) == 1 && strchr(",;|", s[0])) {
		*d = s[0];
		return 0;
	}
	struct shown w;
	msg_set(m, "batch: --delimiter '%s' is not one of ',', ';', '|' or tab",
		show(&w, s, strlen(s)));
	return -1;
}

/* "no attribute": the whole message, with the attributes the policy has
 * and the column that came nearest to one. */
static void no_attribute_column(const struct batch *b, const char *near,
				const char *col, size_t col_len)
{
	char names[MSG_MAX / 2];
	size_t n = 0;
	names[0] = '\0';
	for (uint32_t i = 0; i < b->p->n_attributes; i++) {
		const char *a = b->p->attributes[i].name;
		size_t len = strlen(a);
		if (n + len + 6 >= sizeof(names)) {
			memcpy(names + n, ", ...", 6);
			break;
		}
		snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "", a);
		n += len + (i ? 2 : 0);
	}
	struct shown w;
	if (near)
		report("%s: no column of the header is an attribute, so no row could "
		       "be decided; did you mean '%s' for column '%s'? (attributes: %s)",
		       b->input, near, show(&w, col, col_len), names);
	else
		report("%s: no column of the header is an attribute, so no row could "
		       "be decided (attributes: %s; delimiter '%s', see --delimiter)",
		       b->input, names, b->delim == '\t' ? "tab" :
		       b->delim == ';' ? ";" : b->delim == '|' ? "|" : ",");
}

/* Keep the header and map its columns to attributes.  0, or -1 with the
 * error reported. */
static int read_header(struct batch *b, const struct csv *r)
{
	struct shown w;
	if (r->problem) {
		report("%s: the header row: %s", b->input, r->problem);
		return -1;
	}
	b->n_columns = r->n_fields;
	size_t total = 0;
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len;
		csv_field(r, i, &len);
		total += len;
	}
	b->names = malloc(total + 1);
	b->name_ends = malloc((r->n_fields ? r->n_fields : 1) * sizeof(*b->name_ends));
	b->attrs = malloc(r->n_fields * sizeof(*b->attrs));
	if (!b->names || !b->name_ends || !b->attrs) {
		report("out of memory");
		return -1;
	}
	/* the names end to end, wherever the reader kept them */
	size_t at = 0;
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len;
		const char *name = csv_field(r, i, &len);
		memcpy(b->names + at, name, len);
		at += len;
		b->name_ends[i] = (uint32_t)at;
	}
	size_t n_near = 0, near_column = 0;
	const char *near = NULL;
	for (size_t i = 0; i < b->n_columns; i++) {
		size_t len;
		const char *name = column_name(b, i, &len);
		if (len == 4 && memcmp(name, "mode", 4) == 0) {
			report("%s: column %zu of the header is named 'mode', the column "
			       "batch adds; rename it", b->input, i + 1);
			return -1;
		}
		int32_t id = memchr(name, '\0', len) ? -1 :
			pol_lookup(b->p, POL_KIND_ATTRIBUTE, name, len);
		if (id < 0) {
			const char *best = near_attribute(b, name, len);
			if (best && !n_near++) {
				near = best;
				near_column = i;
			}
			continue;
		}
		for (size_t k = 0; k < b->n_attrs; k++) {
			if (b->attrs[k].attribute == (uint32_t)id) {
				report("%s: the header names attribute '%s' twice "
				       "(columns %zu and %zu)", b->input,
				       show(&w, name, len), b->attrs[k].column + 1, i + 1);
				return -1;
			}
		}
		struct attr_column *ac = &b->attrs[b->n_attrs++];
		const struct pol_attribute *pa = &b->p->attributes[id];
		ac->column = i;
		ac->attribute = (uint32_t)id;
		ac->kind = pa->kind;
		ac->shift = pa->shift;
		ac->size = pa->size;
		ac->lo = pa->lo;
		ac->values = pa->kind == POL_LEVEL ? b->p->values + pa->first_value : NULL;
		for (uint32_t v = 0; ac->values && v < pa->size && v < 64; v++) {
			size_t vl = strlen(ac->values[v]);
			ac->value_len[v] = (uint8_t)(vl < 255 ? vl : 255);
		}
	}
	size_t len;
	const char *name = column_name(b, near_column, &len);
	if (b->n_attrs == 0) {
		no_attribute_column(b, near, name, len);
		return -1;
	}
	/* the rest are passed through on purpose or by mistake: say which */
	for (size_t i = 0; near && i < b->n_columns; i++) {
		name = column_name(b, i, &len);
		const char *best = memchr(name, '\0', len) ||
			pol_lookup(b->p, POL_KIND_ATTRIBUTE, name, len) >= 0 ? NULL :
			near_attribute(b, name, len);
		struct shown w2;
		if (best)
			report("warning: column '%s' is not an attribute and is passed "
			       "through; did you mean '%s'?", show(&w2, name, len), best);
	}
	return 0;
}

/* The first line of output: the header and "mode", or the array's "[". */
static void write_header(struct batch *b)
{
	if (b->json) {
		out_lit(b->o, "[\n");
		return;
	}
	for (size_t i = 0; i < b->n_columns; i++) {
		size_t len;
		const char *name = column_name(b, i, &len);
		/* a first cell that begins with a byte order mark (a file with
		 * two) is quoted: unquoted at the start of the output, any
		 * reader would take it for the output's own mark and drop it */
		if (i == 0 && len >= 3 && memcmp(name, "\xEF\xBB\xBF", 3) == 0)
			out_csv_quoted(b->o, name, len);
		else
			out_csv_field(b->o, name, len, b->delim);
		out_putc(b->o, b->delim);
	}
	out_lit(b->o, "mode\n");
}

/* The code of a value in its common spelling, or false to go the long
 * way.  Empty is false for a flag and the lowest value otherwise, as in
 * parse_value. */
static inline bool fast_value(const struct attr_column *ac, const char *s,
			      size_t len, uint32_t *code)
{
	if (len == 0) {
		*code = 0;
		return true;
	}
	switch (ac->kind) {
	case POL_FLAG:
		if (len == 1 && (s[0] == '0' || s[0] == '1')) {
			*code = (uint32_t)(s[0] - '0');
			return true;
		}
		return false;
	case POL_LEVEL:
		for (uint32_t v = 0; v < ac->size && v < 64; v++)
			if (ac->value_len[v] == len && memcmp(ac->values[v], s, len) == 0) {
				*code = v;
				return true;
			}
		return false;
	case POL_RANGE: {
		if (len > 9)
			return false;
		int64_t n = 0;
		for (size_t i = 0; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return false;
			n = n * 10 + (s[i] - '0');
		}
		if (n < ac->lo || n - ac->lo >= (int64_t)ac->size)
			return false;
		*code = (uint32_t)(n - ac->lo);
		return true;
	}
	default:
		return false;
	}
}

/* Decide one row: 0 and *mode (NULL when no rule decides), or -1 and m
 * saying what is wrong with the row. */
static int decide(const struct batch *b, const struct csv *r,
		  const char **mode, struct msg *m)
{
	if (r->problem) {
		if (r->resynced)
			msg_set(m, "%s; the row is written as it stands, and the lines "
				"after it are read as rows of their own", r->problem);
		else
			msg_set(m, "%s", r->problem);
		return -1;
	}
	if (r->n_fields != b->n_columns) {
		msg_set(m, "%zu field%s, but the header has %zu", r->n_fields,
			r->n_fields == 1 ? "" : "s", b->n_columns);
		return -1;
	}
	pol_case c = 0;
	for (size_t i = 0; i < b->n_attrs; i++) {
		const struct attr_column *ac = &b->attrs[i];
		size_t len;
		const char *s = csv_field(r, ac->column, &len);
		uint32_t code;
		if (fast_value(ac, s, len, &code)) {
			c |= (pol_case)code << ac->shift;
			continue;
		}
		if (parse_value(b->p, ac->attribute, s, len, true, &code, m) != 0 ||
		    pol_case_set(b->p, &c, ac->attribute, code) != 0)
			return -1;
	}
	struct pol_contact_answer ans;
	if (b->provider >= b->p->n_contact_tables) {
		*mode = NULL;	/* no rules in force on the date: not covered */
		return 0;
	}
	if (pol_contact(b->p, b->provider, c, &ans) != 0) {
		msg_set(m, "the policy cannot decide this case");
		return -1;
	}
	*mode = ans.mode >= 0 ? b->p->modes[ans.mode].name : NULL;
	return 0;
}

/* One output row: the input's fields (as many as the header has; missing
 * ones empty) and the mode. */
static void write_csv_row(struct batch *b, const struct csv *r, const char *mode)
{
	/* a well-formed row goes out as it came in, the mode after it */
	if (mode && r->plain && r->n_fields == b->n_columns) {
		out_write(b->o, r->base, r->plain_len);
		out_putc(b->o, b->delim);
		out_puts(b->o, mode);
		out_putc(b->o, '\n');
		return;
	}
	for (size_t i = 0; i < b->n_columns; i++) {
		size_t len;
		const char *s = csv_field(r, i, &len);
		out_csv_field(b->o, s, len, b->delim);
		out_putc(b->o, b->delim);
	}
	if (mode)
		out_puts(b->o, mode);
	out_putc(b->o, '\n');
}

/* One element of the JSON array: {"row","mode","error"?,"columns"}. */
static void write_json_row(struct batch *b, const struct csv *r,
			   const char *mode, const char *error)
{
	struct out *o = b->o;
	if (b->rows_written)
		out_lit(o, ",\n");
	out_lit(o, "{\"row\":");
	out_uint(o, r->number);
	out_lit(o, ",\"mode\":");
	out_json_string(o, mode);
	if (error) {
		out_lit(o, ",\"error\":");
		out_json_string(o, error);
	}
	out_lit(o, ",\"columns\":{");
	size_t n = r->n_fields < b->n_columns ? r->n_fields : b->n_columns;
	for (size_t i = 0; i < n; i++) {
		size_t len, name_len;
		const char *name = column_name(b, i, &name_len);
		const char *s = csv_field(r, i, &len);
		if (i)
			out_putc(o, ',');
		out_json_bytes(o, name, name_len);
		out_putc(o, ':');
		out_json_bytes(o, s, len);
	}
	out_lit(o, "}}");
}

/* The input failed after some output reached stdout: end it with a mark
 * that says it is incomplete, a row of its own (CSV) or a last element
 * {"incomplete": true, "error"} (JSON), and flush it there. */
static void mark_incomplete(struct batch *b, const char *why)
{
	char text[MSG_MAX + 32];
	snprintf(text, sizeof(text), "polcheck: incomplete: %s", why);
	if (b->json) {
		if (b->rows_written)
			out_lit(b->o, ",\n");
		out_lit(b->o, "{\"incomplete\":true,\"error\":");
		out_json_string(b->o, text);
		out_lit(b->o, "}\n]\n");
	} else {
		out_csv_field(b->o, text, strlen(text), b->delim);
		out_putc(b->o, '\n');
	}
	out_flush(b->o);
}

/* Every row after the header; an exit status. */
static int run_rows(struct batch *b, struct csv *r)
{
	for (;;) {
		int rc = csv_next(r);
		if (rc == 0)
			break;
		if (rc < 0) {
			char why[MSG_MAX];
			snprintf(why, sizeof(why), "cannot read %s after row %llu: %s",
				 b->input, (unsigned long long)r->number,
				 strerror(r->read_errno));
			report("%s", why);
			if (b->o->drained)
				mark_incomplete(b, why);
			return EXIT_BAD_INPUT;
		}
		if (r->empty)
			continue;
		const char *mode = NULL;
		struct msg m;
		bool bad = decide(b, r, &mode, &m) != 0;
		if (bad) {
			report("row %llu: %s", (unsigned long long)r->number, m.text);
			b->failed = true;
			mode = NULL;
		}
		if (b->json)
			write_json_row(b, r, mode, bad ? m.text : NULL);
		else
			write_csv_row(b, r, mode);
		b->rows_written++;
		if (b->o->failed)
			return EXIT_BAD_INPUT;	/* main says why */
	}
	if (b->json)
		out_puts(b->o, b->rows_written ? "\n]\n" : "]\n");
	return b->failed ? EXIT_ROWS_FAILED : EXIT_ANSWERED;
}

/* Read the header, then the rows. */
static int run(struct batch *b, FILE *f, const char *delimiter)
{
	struct csv r;
	if (csv_open(&r, f) != 0) {
		report("out of memory");
		return EXIT_BAD_INPUT;
	}
	r.delim = (unsigned char)(delimiter ? b->delim : detect_delimiter(b, &r));
	b->delim = (char)r.delim;
	if (!b->o->hold_max)
		out_hold(b->o, BATCH_HOLD_MAX);	/* a caller's own limit stands */
	int rc;
	do
		rc = csv_next(&r);
	while (rc == 1 && r.empty);
	int status = EXIT_BAD_INPUT;
	if (rc < 0)
		report("cannot read %s: %s", b->input, strerror(r.read_errno));
	else if (rc == 0)
		report("%s has no header row", b->input);
	else if (read_header(b, &r) == 0) {
		r.width = b->n_columns;
		write_header(b);
		status = run_rows(b, &r);
	}
	csv_close(&r);
	return status;
}

int cmd_batch(const struct pol_policy *p, const struct args *a, struct out *o)
{
	struct msg m;
	if (a->n_operands < 1 || a->n_operands > 2) {
		struct shown w;
		if (a->n_operands < 1)
			report("batch: missing PROVIDER; usage: polcheck batch PROVIDER [FILE|-]");
		else
			report("batch: unexpected argument '%s'; usage: polcheck batch "
			       "PROVIDER [FILE|-]",
			       show(&w, a->operands[2], strlen(a->operands[2])));
		return EXIT_BAD_INPUT;
	}
	int32_t provider = lookup_name(p, POL_KIND_PROVIDER, a->operands[0], &m);
	if (provider < 0) {
		report("%s", m.text);
		return EXIT_BAD_INPUT;
	}
	const char *path = a->n_operands == 2 ? a->operands[1] : "-";
	bool use_stdin = strcmp(path, "-") == 0;
	char input[sizeof(((struct shown *)0)->text) + 2];
	struct shown w;
	if (use_stdin)
		snprintf(input, sizeof(input), "the input");
	else
		snprintf(input, sizeof(input), "'%s'", show(&w, path, strlen(path)));
	FILE *f = use_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		report("cannot read %s: %s", input, strerror(errno));
		return EXIT_BAD_INPUT;
	}
	/* the provider's rules in force as of --date or today, when dated */
	int32_t as_of = POL_NO_DATE, table = provider;
	if (contact_dated(p, (uint32_t)provider)) {
		if (polcheck_as_of(a, &as_of) != 0) {
			if (!use_stdin)
				fclose(f);
			return EXIT_BAD_INPUT;
		}
		table = pol_contact_table_on(p, (uint32_t)provider, as_of);
	}
	int status = batch_stream(p, table >= 0 ? (uint32_t)table : UINT32_MAX, a, f,
				  input, o);
	if (!use_stdin)
		fclose(f);
	return status;
}

int batch_stream(const struct pol_policy *p, uint32_t provider,
		 const struct args *a, FILE *f, const char *input, struct out *o)
{
	struct msg m;
	char delim = ',';
	if (a->delimiter && parse_delimiter(a->delimiter, &delim, &m) != 0) {
		report("%s", m.text);
		return EXIT_BAD_INPUT;
	}
	struct batch b = {
		.p = p, .provider = provider, .json = a->json, .o = o,
		.input = input, .delim = delim,
	};
	int status = run(&b, f, a->delimiter);
	free(b.names);
	free(b.name_ends);
	free(b.attrs);
	return status;
}
