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
	/* what today is, when the user said (--today, SOURCE_DATE_EPOCH):
	 * POL_NO_DATE otherwise; set after compilation_init */
	int32_t today;
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
 * return, 2 for an unreadable file (or JSON or SARIF that could not be
 * written, said on stderr) and 1 for errors, with c freed. */
int compilation_open(struct compilation *c, const struct options *o,
		     struct model *m);

/* "polc: cannot write 'PATH': WHY" on stderr ("standard output" for
 * "-"); returns 2, the exit status for it. */
int command_write_failed(const char *path, const char *why);

struct writer;
/* The end of a command's output on standard output, written through out:
 * flushed, and if any of it was lost, "polc: cannot write standard
 * output: WHY" on stderr and 2; else rc. */
int command_stdout_done(struct writer *out, int rc);
/* The same report for an errno value (from diags_print); 2, or rc when
 * err is 0. */
int command_stdout_status(int err, int rc);

#endif
