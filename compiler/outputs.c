/* outputs.c - refusing outputs that would overwrite an input or each
 * other (see outputs.h). */
#define _XOPEN_SOURCE 700	/* realpath, strdup */
#include "outputs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

/* What a name is, as far as clashes go. */
struct ident {
	bool exists;		/* stat() found it */
	bool regular;		/* ... and it is a regular file */
	dev_t dev;
	ino_t ino;
	char *resolved;		/* not existing: the absolute path it would
				 * have, or NULL if its directory cannot be
				 * resolved (then the name as given is used) */
};

/* The absolute name a file not yet made at path would have: its
 * directory resolved, then its last component; malloc'd, or NULL. */
static char *resolve_new(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir;
	if (!slash) {
		dir = strdup(".");
	} else if (slash == path) {
		dir = strdup("/");
	} else {
		dir = strndup(path, (size_t)(slash - path));
	}
	if (!dir)
		fatal_oom();
	char *rdir = realpath(dir, NULL);
	free(dir);
	if (!rdir)
		return NULL;
	size_t n = strlen(rdir), k = strlen(base);
	char *out = malloc(n + k + 2);
	if (!out)
		fatal_oom();
	memcpy(out, rdir, n);
	out[n] = '/';
	memcpy(out + n + 1, base, k + 1);
	free(rdir);
	return out;
}

/* Identify path; an input "-" is whatever standard input is.  Only an
 * output not yet made is resolved: inputs are compared when they exist. */
static void identify(const char *path, bool input, struct ident *id)
{
	struct stat st;
	memset(id, 0, sizeof(*id));
	int rc = input && strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st)
						 : stat(path, &st);
	if (rc == 0) {
		id->exists = true;
		id->regular = S_ISREG(st.st_mode);
		id->dev = st.st_dev;
		id->ino = st.st_ino;
	} else if (!input) {
		id->resolved = resolve_new(path);
	}
}

static bool same(const struct ident *a, const char *pa, const struct ident *b,
		 const char *pb)
{
	if (a->exists || b->exists)
		return a->exists && b->exists && a->regular && b->regular &&
		       a->dev == b->dev && a->ino == b->ino;
	if (a->resolved && b->resolved)
		return strcmp(a->resolved, b->resolved) == 0;
	return strcmp(pa, pb) == 0;
}

int outputs_check(const struct named_output *outs, size_t nouts,
		  char *const inputs[], int ninputs)
{
	struct ident *in = calloc((size_t)ninputs + 1, sizeof(*in));
	struct ident *out = calloc(nouts + 1, sizeof(*out));
	if (!in || !out)
		fatal_oom();
	for (int i = 0; i < ninputs; i++)
		identify(inputs[i], true, &in[i]);
	int rc = 0;
	for (size_t k = 0; k < nouts && !rc; k++) {
		const char *p = outs[k].path;
		if (!p || strcmp(p, "-") == 0)
			continue;
		identify(p, false, &out[k]);
		/* an input not there cannot be overwritten; reading it fails */
		for (int i = 0; i < ninputs && !rc; i++)
			if (in[i].exists && same(&out[k], p, &in[i], inputs[i])) {
				if (strcmp(inputs[i], "-") == 0)
					fprintf(stderr, "polc: %s '%s' would overwrite standard "
						"input\n", outs[k].what, p);
				else
					fprintf(stderr, "polc: %s '%s' would overwrite the "
						"input '%s'\n", outs[k].what, p, inputs[i]);
				rc = 2;
			}
		for (size_t j = 0; j < k && !rc; j++)
			if (outs[j].path && strcmp(outs[j].path, "-") != 0 &&
			    same(&out[k], p, &out[j], outs[j].path)) {
				fprintf(stderr, "polc: %s '%s' and %s '%s' are the same file\n",
					outs[k].what, p, outs[j].what, outs[j].path);
				rc = 2;
			}
	}
	for (int i = 0; i < ninputs; i++)
		free(in[i].resolved);
	for (size_t k = 0; k < nouts; k++)
		free(out[k].resolved);
	free(in);
	free(out);
	return rc;
}
