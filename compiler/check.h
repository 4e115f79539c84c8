/* check.h - name resolution and type checking of a parsed policy set.
 *
 * A pass of its own after parsing: it resolves every name to its
 * declaration, checks types, domains, dates, hours and orderings, and
 * fills the "resolved" fields of the syntax tree.  What it builds is the
 * input of the model (model.h).
 */
#ifndef POL_CHECK_H
#define POL_CHECK_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"
#include "symtab.h"

/* The checked policy set: the syntax tree's parts sorted by kind. */
struct policy_set {
	struct vec decls[DECL_KIND_COUNT];	/* struct decl *, by id */
	struct vec schedules;			/* struct schedule * */
	struct vec contacts;			/* struct contact * */
	struct vec timelines;			/* struct timeline * */
	struct vec tests;			/* struct test * */
	/* for each file, by pol_loc.file, the plan the checker makes for the
	 * statements before its first 'plan' line (written false); a 'plan'
	 * line governs the statements after it, up to the next */
	struct plan **file_plans;
	size_t n_files;
	struct symtab names;
};

/* Returns true when no error was found (warnings allowed).  today is the
 * day number of today when the user said it (polc check --today,
 * SOURCE_DATE_EPOCH), for the review warning; POL_NO_DATE otherwise, so
 * that output stays the same from day to day. */
bool check_policy(struct arena *a, struct diags *d, const struct ast *ast,
		  int32_t today, struct policy_set *out);

/* Weekday names as written in policies, Monday first. */
extern const char *const check_weekday_names[7];
/* The limit keys, in the runtime's order. */
extern const char *const check_limit_names[4];

#endif
