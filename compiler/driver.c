/* driver.c - the shared front half of every polc command. */
#include "driver.h"

#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "model.h"
#include "options.h"
#include "parse.h"
#include "pol/runtime.h"
#include "writer.h"

void compilation_init(struct compilation *c)
{
	memset(c, 0, sizeof(*c));
	c->today = POL_NO_DATE;
	arena_init(&c->arena);
	diags_init(&c->diags, &c->arena, &c->sources);
}

void compilation_free(struct compilation *c)
{
	source_set_free(&c->sources);
	arena_free(&c->arena);
}

bool compilation_load(struct compilation *c, int nfiles, char *const files[])
{
	for (int i = 0; i < nfiles; i++) {
		const char *why = NULL;
		if (source_load(&c->arena, &c->sources, files[i], &why) != 0) {
			fprintf(stderr, "polc: cannot read '%s': %s\n", files[i], why);
			return false;
		}
	}
	return true;
}

bool compilation_check(struct compilation *c)
{
	bool parsed = true;
	for (size_t i = 0; i < c->sources.n && !diags_full(&c->diags); i++)
		if (!parse_file(&c->arena, &c->diags, &c->sources, (uint32_t)i, &c->ast))
			parsed = false;
	/* Checking a tree with holes in it would only add noise. */
	if (!parsed || c->diags.errors)
		return false;
	return check_policy(&c->arena, &c->diags, &c->ast, c->today, &c->set);
}

bool compilation_model(struct compilation *c, struct model *m)
{
	if (!compilation_check(c) || !model_build(&c->arena, &c->diags, &c->set, m))
		return false;
	analyse_policy(&c->arena, &c->diags, m);
	return c->diags.errors == 0;
}

int compilation_open(struct compilation *c, const struct options *o,
		     struct model *m)
{
	compilation_init(c);
	c->diags.werror = o->werror;
	c->today = o->today;
	if (!compilation_load(c, o->nfiles, o->files)) {
		compilation_free(c);
		return 2;
	}
	bool ok = compilation_model(c, m);
	int err = diags_print(&c->diags, o->format == DIAG_TEXT ? stderr : stdout,
			      o->format, "polc");
	int rc = !ok || diags_failures(&c->diags) ? 1 : 0;
	if (o->format != DIAG_TEXT)
		rc = command_stdout_status(err, rc);
	if (rc)
		compilation_free(c);
	return rc;
}

int command_write_failed(const char *path, const char *why)
{
	if (strcmp(path, "-") == 0)
		fprintf(stderr, "polc: cannot write standard output: %s\n", why);
	else
		fprintf(stderr, "polc: cannot write '%s': %s\n", path, why);
	return 2;
}

int command_stdout_status(int err, int rc)
{
	return err ? command_write_failed("-", strerror(err)) : rc;
}

int command_stdout_done(struct writer *out, int rc)
{
	return writer_flush(out) ? rc : command_write_failed("-", writer_why(out));
}
