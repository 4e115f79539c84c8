/* cmd_compile.c - polc compile: a policy set to C tables and a header. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "driver.h"
#include "emit_c.h"
#include "model.h"
#include "options.h"
#include "outputs.h"
#include "replace.h"
#include "source.h"

struct job {
	const struct model *m;
	const struct source_set *sources;
	struct emit_options eo;
};

static bool produce_source(struct writer *w, void *arg)
{
	struct job *j = arg;
	return emit_c_source(w, j->m, j->sources, &j->eo);
}

static bool produce_header(struct writer *w, void *arg)
{
	struct job *j = arg;
	return emit_c_header(w, j->m, j->sources, &j->eo);
}

static bool is_identifier(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Why name cannot stand between the quotes of #include "...", or NULL.
 * Nothing can be escaped there (a header name has no escapes), so what
 * could end it or change its meaning is refused: a quote or a backslash;
 * an apostrophe (undefined in a header name, C11 6.4.7); a control byte,
 * a newline above all, which would begin a line of C of the name's
 * choosing; bytes that are not UTF-8; and the Unicode bidirectional
 * controls, which can show a reader other code than the compiler sees
 * (gcc rejects them: -Wbidi-chars).  Other UTF-8 is fine. */
static const char *include_name_problem(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t n = strlen(name);
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\' || c == '\'')
			return c == '"' ? "a quote" : c == '\'' ? "an apostrophe" : "a backslash";
		if (c < 0x20 || c == 0x7F)
			return "a control character";
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len = source_utf8_len(p + i, n - i);
		if (!len)
			return "bytes that are not UTF-8";
		unsigned cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
		for (size_t k = 1; k < len; k++)
			cp = (cp << 6) | (p[i + k] & 0x3Fu);
		if (cp == 0x061C || cp == 0x200E || cp == 0x200F ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return "a bidirectional control character";
		i += len;
	}
	return NULL;
}

/* name for a message on one line: control bytes shown as '?'. */
static void print_name(const char *name)
{
	for (const char *q = name; *q; q++)
		fputc((unsigned char)*q < 0x20 || *q == 0x7F ? '?' : *q, stderr);
}

/* OUT.c -> OUT.h; anything else gets .h appended.  Malloc'd: the name
 * is needed before the compilation (and its arena) begins. */
static char *header_path(const char *out)
{
	size_t n = strlen(out);
	if (n > 2 && strcmp(out + n - 2, ".c") == 0)
		n -= 2;
	char *h = malloc(n + 3);
	if (!h)
		fatal_oom();
	memcpy(h, out, n);
	memcpy(h + n, ".h", 3);
	return h;
}

/* Compile the policy set of o to o->output and header (NULL: none). */
static int compile(const struct options *o, const char *header)
{
	struct compilation c;
	struct model m;
	int rc = compilation_open(&c, o, &m);
	if (rc)
		return rc;
	/* --strategy forces how contact decisions are tabulated (auto: by
	 * the size of the attribute space, see model_contact.c) */
	if (o->strategy && strcmp(o->strategy, "cubes") == 0) {
		m.strategy = POL_BY_CUBES;
	} else if (o->strategy && strcmp(o->strategy, "lookup") == 0 &&
		   m.strategy != POL_BY_LOOKUP) {
		fprintf(stderr, "polc: the attributes need %u bits; a lookup table "
			"takes at most %d\n", m.case_bits, MODEL_LOOKUP_MAX_BITS);
		compilation_free(&c);
		return 1;
	}
	struct job j = { &m, &c.sources, { 0 } };
	j.eo.symbol = o->symbol ? o->symbol : "pol_policy_data";
	j.eo.policy_name = o->name ? o->name : "policy";
	if (header) {
		const char *slash = strrchr(header, '/');
		j.eo.header_include = slash ? slash + 1 : header;
	}
	/* both or neither: see write_outputs_atomic */
	struct output outs[2] = {
		{ o->output, produce_source, &j },
		{ header, produce_header, &j },
	};
	const char *failed = o->output, *why = NULL;
	if (!write_outputs_atomic(outs, header ? 2 : 1, &failed, &why))
		rc = command_write_failed(failed, why);
	compilation_free(&c);
	return rc;
}

int cmd_compile(int argc, char **argv)
{
	struct options o;
	int rc = options_parse(argc, argv, OPT_TODAY | OPT_WERROR | OPT_OUTPUT | OPT_HEADER |
			       OPT_SYMBOL | OPT_NAME | OPT_STRATEGY, false, &o);
	if (rc)
		return rc;
	if (!o.output) {
		fputs("polc: compile needs -o FILE.c\n"
		      "Try 'polc --help' for more information.\n", stderr);
		return 2;
	}
	if (o.symbol && !is_identifier(o.symbol)) {
		fprintf(stderr, "polc: --symbol '%s' is not a C identifier\n", o.symbol);
		return 2;
	}
	char *derived = NULL;
	const char *header = o.header;
	if (!header && strcmp(o.output, "-") != 0)
		header = derived = header_path(o.output);
	const struct named_output names[] = {
		{ o.output, "-o" }, { header, o.header ? "--header" : "the header" },
	};
	rc = outputs_check(names, 2, o.files, o.nfiles);
	const char *base = header ? strrchr(header, '/') : NULL;
	base = base ? base + 1 : header;
	const char *problem = base ? include_name_problem(base) : NULL;
	if (!rc && problem) {
		/* the .c includes the header by this name */
		fputs("polc: the header's name '", stderr);
		print_name(base);
		fprintf(stderr, "' has %s, which cannot be written in a C #include%s\n",
			problem, o.header ? "" : "; name the header with --header");
		rc = 2;
	}
	if (!rc)
		rc = compile(&o, header);
	free(derived);
	return rc;
}
