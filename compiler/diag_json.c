/* diag_json.c - diagnostics as JSON, and as SARIF 2.1.0 for CI systems
 * that annotate the lines of a change.
 *
 * Lines are 1-based.  JSON columns are the display columns of the text
 * form; SARIF columns count Unicode code points (the run says so with
 * columnKind), without tab expansion, as SARIF viewers expect.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "version.h"
#include "writer.h"

struct position {
	const char *file;
	unsigned line, col, end_line, end_col;	/* display columns */
	unsigned cp_col, cp_end_col;		/* code-point columns */
};

/* 1-based code-point column of a byte offset. */
static unsigned code_point_col(const struct source *s, unsigned line, uint32_t off)
{
	unsigned col = 1;
	for (uint32_t i = s->line_starts[line - 1]; i < off && i < s->len; i++)
		if (((unsigned char)s->text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static bool position_of(const struct diags *d, const struct diag *g,
			struct position *p)
{
	if (!g->has_loc || g->loc.file >= d->sources->n)
		return false;
	const struct source *s = d->sources->files[g->loc.file];
	p->file = s->name;
	source_line_col(s, g->loc.start, &p->line, &p->col);
	uint32_t end = g->loc.end > g->loc.start ? g->loc.end : g->loc.start;
	source_line_col(s, end, &p->end_line, &p->end_col);
	p->cp_col = code_point_col(s, p->line, g->loc.start);
	p->cp_end_col = code_point_col(s, p->end_line, end);
	return true;
}

static void string(struct writer *w, const char *s)
{
	emit_json_string(w, s, strlen(s));
}

static const char *severity(const struct diags *d, const struct diag *g)
{
	if (g->severity == DIAG_NOTE)
		return "note";
	if (g->severity == DIAG_WARNING && !d->werror)
		return "warning";
	return "error";
}

static void json_one(struct writer *w, const struct diags *d, const struct diag *g)
{
	struct position p;
	emit(w, "{\"severity\":");
	string(w, severity(d, g));
	emit(w, ",\"id\":");
	string(w, g->id);
	if (position_of(d, g, &p)) {
		emit(w, ",\"file\":");
		string(w, p.file);
		emit(w, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u",
		     p.line, p.col, p.end_line, p.end_col);
	}
	emit(w, ",\"message\":");
	string(w, g->message);
	if (g->severity != DIAG_NOTE) {
		emit(w, ",\"notes\":[");
		for (const struct diag *n = g->notes; n; n = n->next_note) {
			json_one(w, d, n);
			if (n->next_note)
				emit(w, ",");
		}
		emit(w, "]");
	}
	emit(w, "}");
}

static void json(struct writer *w, const struct diags *d, struct diag **v, size_t n)
{
	emit(w, "{\"diagnostics\":[");
	for (size_t i = 0; i < n; i++) {
		emit(w, "%s\n", i ? "," : "");
		json_one(w, d, v[i]);
	}
	emit(w, "%s],\"errors\":%u,\"warnings\":%u,\"truncated\":%s}\n", n ? "\n" : "",
	     d->errors, d->warnings, d->truncated ? "true" : "false");
}

/* A relative file name as a URI reference: unreserved bytes as they are,
 * every other byte percent-encoded. */
static void uri(struct writer *w, const char *path)
{
	char buf[4];
	size_t n = strlen(path);
	char *out = malloc(n * 3 + 1);
	if (!out)
		fatal_oom();
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c)) {
			out[k++] = (char)c;
		} else {
			snprintf(buf, sizeof(buf), "%%%02X", c);
			memcpy(out + k, buf, 3);
			k += 3;
		}
	}
	emit_json_string(w, out, k);
	free(out);
}

static void sarif_location(struct writer *w, const struct diags *d, const struct diag *g)
{
	struct position p;
	if (!position_of(d, g, &p))
		return;
	emit(w, "{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
	uri(w, p.file);
	emit(w, "},\"region\":{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,"
	     "\"endColumn\":%u}}", p.line, p.cp_col, p.end_line, p.cp_end_col);
	if (g->severity == DIAG_NOTE) {
		emit(w, ",\"message\":{\"text\":");
		string(w, g->message);
		emit(w, "}");
	}
	emit(w, "}");
}

static void sarif(struct writer *w, const struct diags *d, struct diag **v, size_t n,
		  const char *tool)
{
	emit(w, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	     "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":");
	string(w, tool);
	emit(w, ",\"version\":\"%s\",\"rules\":[", POL_VERSION);
	/* each id once, in order of first use */
	for (size_t i = 0, k = 0; i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(v[j]->id, v[i]->id) == 0;
		if (seen)
			continue;
		emit(w, "%s{\"id\":", k++ ? "," : "");
		string(w, v[i]->id);
		emit(w, "}");
	}
	emit(w, "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");
	for (size_t i = 0; i < n; i++) {
		const struct diag *g = v[i];
		emit(w, "%s\n{\"ruleId\":", i ? "," : "");
		string(w, g->id);
		emit(w, ",\"level\":");
		string(w, severity(d, g));
		emit(w, ",\"message\":{\"text\":");
		string(w, g->message);
		emit(w, "},\"locations\":[");
		sarif_location(w, d, g);
		emit(w, "]");
		if (g->notes) {
			emit(w, ",\"relatedLocations\":[");
			for (const struct diag *nt = g->notes; nt; nt = nt->next_note) {
				sarif_location(w, d, nt);
				if (nt->next_note)
					emit(w, ",");
			}
			emit(w, "]");
		}
		emit(w, "}");
	}
	emit(w, "%s]}]}\n", n ? "\n" : "");
}

int diags_print_structured(struct diags *d, FILE *f, struct diag **v, size_t n,
			   enum diag_format format, const char *tool)
{
	struct writer w;
	writer_init(&w, f);
	if (format == DIAG_SARIF)
		sarif(&w, d, v, n, tool);
	else
		json(&w, d, v, n);
	if (writer_flush(&w))
		return 0;
	return w.err ? w.err : EIO;
}
