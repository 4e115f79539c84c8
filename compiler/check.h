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
	struct symtab names;
};

/* Returns true when no error was found (warnings allowed). */
bool check_policy(struct arena *a, struct diags *d, const struct ast *ast,
		  struct policy_set *out);

/* Weekday names as written in policies, Monday first. */
extern const char *const check_weekday_names[7];
/* The limit keys, in the runtime's order. */
extern const char *const check_limit_names[4];

#endif
