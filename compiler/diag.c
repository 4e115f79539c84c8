/* diag.c - recording diagnostics and printing them in GNU form. */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


void diags_init(struct diags *d, struct arena *a, const struct source_set *s)
{
	memset(d, 0, sizeof(*d));
	d->arena = a;
	d->sources = s;
	d->max_errors = 100;
}

bool diags_full(const struct diags *d)
{
	return d->errors >= d->max_errors;
}

unsigned diags_failures(const struct diags *d)
{
	return d->errors + (d->werror ? d->warnings : 0);
}

static char *vformat(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static char *vformat(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

static struct diag *record(struct diags *d, enum diag_severity sev,
			   const char *id, struct pol_loc loc, const char *fmt,
			   va_list ap)
	__attribute__((format(printf, 5, 0)));

static struct diag *record(struct diags *d, enum diag_severity sev,
			   const char *id, struct pol_loc loc, const char *fmt,
			   va_list ap)
{
	if (sev == DIAG_ERROR) {
		if (diags_full(d)) {
			d->truncated = true;
			return NULL;
		}
		d->errors++;
	} else {
		d->warnings++;
	}
	struct diag *g = ARENA_NEW(d->arena, struct diag);
	g->severity = sev;
	g->id = id;
	g->loc = loc;
	g->has_loc = true;
	g->message = vformat(d->arena, fmt, ap);
	g->seq = d->items.n;
	vec_push(d->arena, &d->items, g);
	return g;
}

struct diag *diag_error(struct diags *d, const char *id, struct pol_loc loc,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *g = record(d, DIAG_ERROR, id, loc, fmt, ap);
	va_end(ap);
	return g;
}

struct diag *diag_warning(struct diags *d, const char *id, struct pol_loc loc,
			  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *g = record(d, DIAG_WARNING, id, loc, fmt, ap);
	va_end(ap);
	return g;
}

void diag_note(struct diags *d, struct diag *parent, struct pol_loc loc,
	       const char *fmt, ...)
{
	if (!parent)
		return;
	struct diag *n = ARENA_NEW(d->arena, struct diag);
	n->severity = DIAG_NOTE;
	n->id = parent->id;
	n->loc = loc;
	n->has_loc = true;
	va_list ap;
	va_start(ap, fmt);
	n->message = vformat(d->arena, fmt, ap);
	va_end(ap);
	if (parent->notes_tail)
		parent->notes_tail->next_note = n;
	else
		parent->notes = n;
	parent->notes_tail = n;
}

static int by_position(const void *pa, const void *pb)
{
	const struct diag *a = *(struct diag *const *)pa;
	const struct diag *b = *(struct diag *const *)pb;
	if (a->loc.file != b->loc.file)
		return a->loc.file < b->loc.file ? -1 : 1;
	if (a->loc.start != b->loc.start)
		return a->loc.start < b->loc.start ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *severity_name(enum diag_severity s)
{
	switch (s) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	case DIAG_NOTE: return "note";
	}
	return "error";
}

/* The source line and a caret line under the span; tabs are copied so the
 * caret lines up whatever the reader's tab width.  The line is walked a
 * character at a time as source_line_col counts columns: a byte of bad
 * UTF-8 or a control byte (a NUL, an escape) would garble the terminal,
 * so each shows as one '?'. */
static void print_excerpt(FILE *f, const struct source *s, struct pol_loc loc)
{
	unsigned line, col;
	source_line_col(s, loc.start, &line, &col);
	size_t len;
	const char *text = source_line_text(s, line, &len);
	size_t line_start = (size_t)(text - s->text);
	/* the gutter as wide as the line number, five digits at least */
	int width = 5;
	for (unsigned l = line; l >= 100000; l /= 10)
		width++;
	fprintf(f, "%*u | ", width, line);
	for (size_t i = 0; i < len;) {
		size_t n = source_char_len(s, line_start + i);
		if (i + n > len)
			n = len - i;
		unsigned char c = (unsigned char)text[i];
		bool valid = source_utf8_len((const unsigned char *)text + i, len - i) == n;
		if (!valid || (c < 0x20 && c != '\t') || c == 0x7F)
			fputc('?', f);
		else
			fwrite(text + i, 1, n, f);
		i += n;
	}
	fprintf(f, "\n%*s | ", width, "");
	size_t at = loc.start > line_start ? loc.start - line_start : 0;
	if (at > len)
		at = len;
	size_t i = 0;
	while (i < at) {
		fputc(text[i] == '\t' ? '\t' : ' ', f);
		i += source_char_len(s, line_start + i);
	}
	fputc('^', f);
	size_t end = loc.end > loc.start ? loc.end - line_start : at + 1;
	if (end > len)
		end = len;
	if (i < len)
		i += source_char_len(s, line_start + i);
	while (i < end) {
		fputc('~', f);
		i += source_char_len(s, line_start + i);
	}
	fputc('\n', f);
}

static void print_one(struct diags *d, FILE *f, const struct diag *g,
		      const char *tool)
{
	const struct source *s = g->has_loc && g->loc.file < d->sources->n
		? d->sources->files[g->loc.file] : NULL;
	if (s) {
		unsigned line, col;
		source_line_col(s, g->loc.start, &line, &col);
		fprintf(f, "%s:%u:%u: ", s->name, line, col);
	} else {
		fprintf(f, "%s: ", tool);
	}
	bool as_error = g->severity == DIAG_WARNING && d->werror;
	fprintf(f, "%s: %s", severity_name(as_error ? DIAG_ERROR : g->severity),
		g->message);
	if (g->severity == DIAG_WARNING)
		fprintf(f, " [%s-W%s]", as_error ? "-Werror," : "", g->id);
	fputc('\n', f);
	if (s)
		print_excerpt(f, s, g->loc);
}

static void print_text(struct diags *d, FILE *f, struct diag **v, size_t n,
		       const char *tool)
{
	for (size_t i = 0; i < n; i++) {
		print_one(d, f, v[i], tool);
		for (const struct diag *nt = v[i]->notes; nt; nt = nt->next_note)
			print_one(d, f, nt, tool);
	}
	if (d->truncated)
		fprintf(f, "%s: too many errors, stopped after %u\n", tool,
			d->max_errors);
}

int diags_print(struct diags *d, FILE *f, enum diag_format format,
		const char *tool)
{
	size_t n = d->items.n;
	struct diag **v = (struct diag **)d->items.items;
	if (n)
		qsort(v, n, sizeof(*v), by_position);
	if (format != DIAG_TEXT)
		return diags_print_structured(d, f, v, n, format, tool);
	print_text(d, f, v, n, tool);
	/* text goes to stderr, where no one could be told of a failure */
	return fflush(f) == 0 && !ferror(f) ? 0 : EIO;
}
