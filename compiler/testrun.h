/* testrun.h - running the expect and assert statements of a policy set
 * against the reference interpreter. */
#ifndef POL_TESTRUN_H
#define POL_TESTRUN_H

#include <stdio.h>

#include "driver.h"
#include "interp.h"
#include "model.h"

/* What the tests touched, for --coverage. */
struct coverage {
	bool *rules;		/* [index in m->rules] */
	bool *entries;		/* per struct entry, by order of appearance */
	bool *schedules;	/* [index in m->schedules] */
};

struct test_result {
	const struct test *test;
	bool passed;
	char *counterexample;	/* assert: the smallest failing binding */
	char *expected, *decided;
};

struct test_run {
	struct compilation *c;
	struct model *m;
	struct interp in;
	struct coverage cov;
	struct vec results;	/* struct test_result * */
	size_t passed, failed;
	size_t n_entries;
	const struct entry **entry_list;	/* index -> entry */
};

/* Run every test of the set.  The model must have been built. */
void testrun_all(struct test_run *r, struct compilation *c, struct model *m);

/* The test's source text on one line, for messages. */
char *testrun_describe(struct test_run *r, const struct test *t);

#endif
