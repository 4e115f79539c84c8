/* check_internal.h - shared by the check_*.c files only. */
#ifndef POL_CHECK_INTERNAL_H
#define POL_CHECK_INTERNAL_H

#include "check.h"

struct checker {
	struct arena *arena;
	struct diags *diags;
	struct policy_set *set;
	struct decl *modes_first;	/* first mode of the 'modes' item */
	struct pol_loc modes_loc;
	bool have_modes;
	struct vec plans;		/* struct plan *, as written */
};

/* Largest limit value (max_group ...), in timelines and tests alike. */
#define CHECK_LIMIT_MAX 1000000

/* What a name is expected to be, as a set of decl kinds. */
#define KIND(k) (1u << (k))
#define KINDS_AREA (KIND(DECL_NATION) | KIND(DECL_REGION))
#define KINDS_ATTRIBUTE (KIND(DECL_FLAG) | KIND(DECL_LEVEL) | KIND(DECL_RANGE))

/* Resolve a name that must be of one of the kinds; reports unknown names
 * (with the nearest name of those kinds) and names of another kind.
 * `what` names the expectation in messages ("provider", "nation or
 * region").  Marks the declaration used.  NULL on error. */
struct decl *check_resolve(struct checker *c, const struct name *n,
			   unsigned kinds, const char *what);

/* "an office", "a level" ... */
const char *check_kind_phrase(enum decl_kind k);

/* Validate a date literal, filling days and valid; reports errors. */
bool check_date(struct checker *c, struct date_lit *d);
/* A weekday name: 0..6, or -1 after reporting. */
int check_weekday(struct checker *c, const struct name *n);
/* Index of a limit key, or -1 after reporting. */
int check_limit_key(struct checker *c, const struct name *n);
/* A value for an attribute (level value or number in range); sets
 * v->resolved.  Reports and returns false if it does not fit. */
bool check_value(struct checker *c, const struct decl *attr,
		 struct value *v);
/* Report a missing cite on a rule-like thing. */
void check_cited(struct checker *c, const struct annots *a,
		 struct pol_loc loc, const char *what);
/* Check every text of an annots list is non-empty. */
void check_annots(struct checker *c, const struct annots *a);

/* from DATE|STEP, until DATE: fills v->first, last and ok; reports. */
void check_validity(struct checker *c, struct validity *v, const char *what);
/* A 'plan' statement: it governs the statements after it in its file,
 * up to the next one. */
void check_collect_plan(struct checker *c, struct plan *p);
/* Every file's plan and its dates; fits schedules into their plans.
 * today is POL_NO_DATE unless the user said what today is. */
void check_plans(struct checker *c, const struct ast *ast, int32_t today);

void check_schedules(struct checker *c);
void check_contacts(struct checker *c);
void check_condition(struct checker *c, struct cond *cond);
void check_timelines(struct checker *c);
void check_tests(struct checker *c);

#endif
