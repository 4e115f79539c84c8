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
	int rc = options_parse(argc, argv, OPT_WERROR | OPT_OUTPUT | OPT_HEADER |
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
	if (!rc)
		rc = compile(&o, header);
	free(derived);
	return rc;
}
