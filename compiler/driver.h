/* driver.h - one compilation: sources, diagnostics, tree, checked set.
 *
 * Every polc command loads files, parses and checks them the same way;
 * this is that shared path.  All memory is in the one arena.
 */
#ifndef POL_DRIVER_H
#define POL_DRIVER_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "check.h"
#include "diag.h"
#include "source.h"

struct compilation {
	struct arena arena;
	struct source_set sources;
	struct diags diags;
	struct ast ast;
	struct policy_set set;
};

void compilation_init(struct compilation *c);
void compilation_free(struct compilation *c);

/* Read the files; on an I/O error print "polc: cannot read ..." and
 * return false (the caller exits 2). */
bool compilation_load(struct compilation *c, int nfiles, char *const files[]);

/* Parse every file, then check the set if all parsed.  True when no error
 * was found.  Diagnostics are recorded, not printed. */
bool compilation_check(struct compilation *c);

struct model;
/* Check, build the model and analyse it (analyse.h): what every command
 * that needs the model does.  True when no error was found. */
bool compilation_model(struct compilation *c, struct model *m);

struct options;
/* What polc's commands that need a sound policy begin with: load the
 * files of o, check, model and analyse them, and print the diagnostics
 * (text on stderr; JSON and SARIF on stdout).  0 when the policy is
 * sound (warnings allowed, unless -Werror); else the exit status to
 * return, 2 for an unreadable file and 1 for errors, with c freed. */
int compilation_open(struct compilation *c, const struct options *o,
		     struct model *m);

#endif
