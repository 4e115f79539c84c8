/* fuzz_batch.c - polcheck batch NPS on arbitrary caseloads, its output
 * read back and checked against the input and the runtime.
 *
 * The input is three bytes of choices and a body:
 *   byte 0  the header: one of HEADERS (attribute names and a 'ref'
 *           column, so that most inputs pass the header and reach the
 *           rows), or, for 7, none: the body is the whole caseload;
 *   byte 1  the delimiter (, ; tab |), whether it is named with
 *           --delimiter or detected, a byte order mark, CRLF after the
 *           header;
 *   byte 2  the output buffer (16..2048 bytes) and the bytes held before
 *           any reach the FILE (64..1984, or batch's own 1 MiB), so that
 *           short outputs cross out.c's boundaries;
 *   body    the rows, where 0xFE k stands for the byte before it repeated
 *           2^(k % 13) times (1..4096), up to EXPANDED_MAX bytes in all:
 *           a short input makes fields of more than 4 KiB, and a few
 *           hundred bytes records of more than the 256 KiB read block
 *           and the 1 MiB record limit that batch's reader has at its
 *           real sizes (the seeds in tests/fuzz/corpus/batch do).
 *
 * What must hold:
 *   - the exit status is 2 exactly when the header is one batch refuses
 *     (a problem, no attribute, a 'mode' column, an attribute twice), and
 *     otherwise 1 exactly when some row is bad;
 *   - the output, read back with the CSV reader, has the input's header
 *     and 'mode', then one row per record of the input (empty lines
 *     excluded), each of the header's width + 1;
 *   - the cells of each row equal the input's byte for byte, as the
 *     reader's general path (no plain-record shortcut) reads them, told
 *     the header's width as batch tells it: batch
 *     copies well-formed rows through as they came, and re-quotes the
 *     others;
 *   - the mode is what pol_contact decides for the case made from the
 *     attribute cells with pol_value_parse (an empty cell is the lowest
 *     value, as batch documents), and empty exactly when the row is bad
 *     (a problem, the wrong width, a value that does not parse) or no
 *     rule decides. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "polcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern const struct pol_policy pol_checker_policy;

#define CHOICE_BYTES 3
#define RUN_BYTE 0xFE
/* A run is at most 4 KiB, past CSV_REC_START and the output buffers;
 * runs one after another make a field past the read block and the
 * record limit of csv.h, and an output past batch's 1 MiB hold.  A
 * bigger run would make most inputs megabytes long and the fuzzer slow:
 * the large sizes are what a few inputs reach, not every one. */
#define RUN_SHIFT_MAX 12
#define EXPANDED_MAX (CSV_RECORD_MAX + 64u * 1024u)

/* Headers with their columns separated by '\1', which becomes the
 * delimiter. */
static const char *const headers[] = {
	"ref\1risk",
	"risk\1ref",
	"ref\1risk\1mappa",
	"ref\1no_phone\1risk\1mappa\1tact",
	"ref\1cppc\1high_profile\1domestic_abuse",
	"mappa\1ref\1note",
	"ref\1tact\1cppc\1high_profile\1no_phone\1prison_leaver_initial\1"
	"child_protection\1domestic_abuse\1cusp_of_escalation\1high_priority\1"
	"risk\1mappa",
};
#define N_HEADERS (sizeof(headers) / sizeof(headers[0]))

/* A growable byte string; abort when memory is short. */
struct bytes {
	char *s;
	size_t len, cap;
};

static void reserve(struct bytes *b, size_t n);

static void put(struct bytes *b, const void *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

/* Room for n more bytes. */
static void reserve(struct bytes *b, size_t n)
{
	if (b->len + n <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n)
		cap *= 2;
	char *bigger = realloc(b->s, cap);
	if (!bigger)
		abort();
	b->s = bigger;
	b->cap = cap;
}

/* The body with its runs expanded, up to EXPANDED_MAX bytes in all. */
static void expand(struct bytes *b, const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n && b->len < EXPANDED_MAX; i++) {
		if (s[i] != RUN_BYTE || i + 1 == n) {
			put(b, &s[i], 1);
			continue;
		}
		size_t count = (size_t)1 << (s[++i] % (RUN_SHIFT_MAX + 1));
		char c = b->len ? b->s[b->len - 1] : 'x';
		if (count > EXPANDED_MAX - b->len)
			count = EXPANDED_MAX - b->len;
		reserve(b, count);
		memset(b->s + b->len, c, count);
		b->len += count;
	}
}

/* The sizes of batch's reader (csv_open's), but a read block no bigger
 * than the input: the reads are the same (the whole input at once when
 * it is shorter than CSV_IN_BUFSIZE), without a 256 KiB buffer mapped
 * and unmapped for every short input. */
static struct csv_sizes as_batch_reads(size_t len)
{
	struct csv_sizes sz = {
		len < CSV_IN_BUFSIZE ? len : CSV_IN_BUFSIZE, CSV_REC_START,
		CSV_RECORD_MAX, CSV_QUOTED_LINES_MAX
	};
	return sz;
}

/* Whether a header cell names an attribute, as batch reads it. */
static bool names_attribute(const char *s, size_t n, void *arg)
{
	const struct pol_policy *p = arg;
	return n && !memchr(s, '\0', n) &&
	       pol_lookup(p, POL_KIND_ATTRIBUTE, s, n) >= 0;
}

/* The delimiter batch detects: of , ; tab |, the one that makes the
 * most attribute columns of the first line (',' on a tie), as its
 * documentation says. */
static unsigned char detected_delimiter(const char *in, size_t len)
{
	static const unsigned char candidates[] = { ',', ';', '\t', '|' };
	FILE *f = fmemopen((void *)in, len, "rb");
	struct csv r;
	unsigned char best = ',';
	const struct csv_sizes sz = as_batch_reads(len);
	if (!f || csv_open_sized(&r, f, &sz) != 0)
		abort();
	size_t line_len, best_named = 0;
	const char *line = csv_peek_line(&r, &line_len);
	for (size_t i = 0; line && i < sizeof(candidates); i++) {
		size_t named;
		csv_count_fields(line, line_len, candidates[i], names_attribute,
				 (void *)&pol_checker_policy, &named);
		if (named > best_named) {
			best_named = named;
			best = candidates[i];
		}
	}
	csv_close(&r);
	fclose(f);
	return best;
}

/* A reader over len bytes of s with the delimiter. */
struct reading {
	FILE *f;
	struct csv r;
};

static void reading_open(struct reading *g, const char *s, size_t len,
			 unsigned char delim, const struct csv_sizes *sz)
{
	g->f = fmemopen((void *)s, len, "rb");
	if (!g->f || csv_open_sized(&g->r, g->f, sz) != 0)
		abort();
	g->r.delim = delim;
}

static void reading_close(struct reading *g)
{
	csv_close(&g->r);
	fclose(g->f);
}

/* The next record that is not an empty line: 1, or 0 at the end. */
static int next_row(struct reading *g)
{
	int rc;
	do
		rc = csv_next(&g->r);
	while (rc == 1 && g->r.empty);
	if (rc < 0)
		abort();
	return rc;
}

/* The header as the oracle reads it: its width, and for each column the
 * attribute it names or -1.  Whether batch must take it. */
struct header {
	size_t width;
	int32_t *attr;
};

static bool read_header(const struct csv *r, struct header *h)
{
	h->width = r->n_fields;
	h->attr = malloc((r->n_fields + 1) * sizeof(*h->attr));
	if (!h->attr)
		abort();
	bool ok = r->problem == NULL, any = false;
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len;
		const char *s = csv_field(r, i, &len);
		h->attr[i] = names_attribute(s, len, (void *)&pol_checker_policy) ?
			pol_lookup(&pol_checker_policy, POL_KIND_ATTRIBUTE, s, len) : -1;
		if (len == 4 && memcmp(s, "mode", 4) == 0)
			ok = false;
		if (h->attr[i] >= 0) {
			any = true;
			for (size_t k = 0; k < i; k++)
				if (h->attr[k] == h->attr[i])
					ok = false;
		}
	}
	return ok && any;
}

/* The mode the runtime decides for the row, "" when none does; false
 * when the row is bad. */
static bool expected_mode(const struct csv *r, const struct header *h,
			  uint32_t provider, const char **mode)
{
	const struct pol_policy *p = &pol_checker_policy;
	*mode = "";
	if (r->problem || r->n_fields != h->width)
		return false;
	pol_case c = 0;
	for (size_t i = 0; i < h->width; i++) {
		if (h->attr[i] < 0)
			continue;
		size_t len;
		const char *s = csv_field(r, i, &len);
		uint32_t code = 0;
		if (len && (memchr(s, '\0', len) ||
			    pol_value_parse(p, (uint32_t)h->attr[i], s, len, &code) != 0))
			return false;
		if (pol_case_set(p, &c, (uint32_t)h->attr[i], code) != 0)
			abort();	/* a code pol_value_parse gave */
	}
	struct pol_contact_answer ans;
	if (pol_contact(p, provider, c, &ans) != 0)
		return false;
	if (ans.mode >= 0)
		*mode = p->modes[ans.mode].name;
	return true;
}

/* Whether field i of the record is s[0 .. n). */
static bool field_is(const struct csv *r, size_t i, const char *s, size_t n)
{
	size_t len;
	const char *field = csv_field(r, i, &len);
	return len == n && memcmp(field, s, n) == 0;
}

/* Batch's output, read back, against the input as `want` reads it (its
 * header read into h) and the runtime's decisions; abort on a difference. */
static void check_output(struct reading *want, const struct header *h,
			 const char *text, size_t text_len, unsigned char delim,
			 uint32_t provider, int status)
{
	/* as batch does: a multi-line record not of the header's width is a
	 * stray quote too */
	want->r.width = h->width;
	/* the output, read back: no limit of its own may get in the way */
	const struct csv_sizes big = { 4096, 4096, 64u << 20, UINT32_MAX };
	struct reading got;
	if (text_len == 0)
		abort();	/* not even the header */
	reading_open(&got, text, text_len, delim, &big);
	if (next_row(&got) != 1 || got.r.problem || got.r.n_fields != h->width + 1 ||
	    !field_is(&got.r, h->width, "mode", 4))
		abort();
	for (size_t i = 0; i < h->width; i++) {
		size_t len;
		const char *s = csv_field(&want->r, i, &len);
		if (!field_is(&got.r, i, s, len))
			abort();
	}
	bool any_bad = false;
	while (next_row(want) == 1) {
		if (next_row(&got) != 1 || got.r.problem || got.r.n_fields != h->width + 1)
			abort();	/* a row missing, or not of the header's width */
		for (size_t i = 0; i < h->width; i++) {
			size_t len;
			const char *s = csv_field(&want->r, i, &len);
			if (!field_is(&got.r, i, s, len))
				abort();	/* a cell not passed through */
		}
		const char *mode;
		if (!expected_mode(&want->r, h, provider, &mode))
			any_bad = true;
		if (!field_is(&got.r, h->width, mode, strlen(mode)))
			abort();	/* not the runtime's decision */
	}
	if (next_row(&got) != 0)
		abort();	/* a row the input did not have */
	if (status != (any_bad ? EXIT_ROWS_FAILED : EXIT_ANSWERED))
		abort();
	reading_close(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const delim_names[] = { ",", ";", "tab", "|" };
	static const unsigned char delims[] = { ',', ';', '\t', '|' };
	if (size < CHOICE_BYTES)
		return 0;
	const struct pol_policy *p = &pol_checker_policy;
	int32_t provider = pol_lookup(p, POL_KIND_PROVIDER, "NPS", 3);
	if (provider < 0)
		abort();
	unsigned which = data[0] % (N_HEADERS + 1);
	unsigned d = data[1] & 3;
	bool named = data[1] & 4, bom = data[1] & 8, crlf = data[1] & 16;
	size_t out_cap = (size_t)16 << (data[2] & 7);
	size_t hold = (size_t)64 * (data[2] >> 3);	/* 0: batch's own */

	/* the caseload */
	struct bytes in = { 0 };
	if (bom)
		put(&in, "\xEF\xBB\xBF", 3);
	if (which < N_HEADERS) {
		for (const char *c = headers[which]; *c; c++)
			put(&in, *c == '\1' ? (const char *)&delims[d] : c, 1);
		put(&in, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
	}
	expand(&in, data + CHOICE_BYTES, size - CHOICE_BYTES);
	if (in.len == 0) {
		free(in.s);
		return 0;	/* fmemopen wants a buffer */
	}
	unsigned char delim = named ? delims[d] : detected_delimiter(in.s, in.len);
	if (which < N_HEADERS && delim != delims[d])
		abort();	/* the header's own delimiter is the one detected */

	/* batch, into memory */
	char *text = NULL;
	size_t text_len = 0;
	FILE *caseload = fmemopen(in.s, in.len, "rb");
	FILE *outf = open_memstream(&text, &text_len);
	char *buf = malloc(out_cap);
	if (!caseload || !outf || !buf)
		abort();
	struct out o;
	out_init(&o, outf, buf, out_cap);
	o.growable = true;
	if (hold)
		out_hold(&o, hold);
	struct args a = { .command = CMD_BATCH, .delimiter = named ? delim_names[d] : NULL };
	int status = batch_stream(p, (uint32_t)provider, &a, caseload, "the input", &o);
	if (status == EXIT_BAD_INPUT)
		out_discard(&o);	/* as main does */
	if (!out_flush(&o))
		abort();
	free(o.buf);
	fclose(outf);
	fclose(caseload);

	/* the input as the reader's general path has it */
	struct reading want;
	const struct csv_sizes sz = as_batch_reads(in.len);
	reading_open(&want, in.s, in.len, delim, &sz);
	want.r.general_only = true;
	struct header h = { 0, NULL };
	bool header_ok = next_row(&want) == 1 && read_header(&want.r, &h);
	/* refused exactly when the header is bad, and then nothing written;
	 * a header of the list is never bad */
	if (header_ok != (status != EXIT_BAD_INPUT) ||
	    (!header_ok && (text_len != 0 || which < N_HEADERS)))
		abort();
	if (header_ok)
		check_output(&want, &h, text, text_len, delim, (uint32_t)provider, status);
	reading_close(&want);
	free(h.attr);
	free(text);
	free(in.s);
	return 0;
}
