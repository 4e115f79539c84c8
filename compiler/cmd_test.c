/* cmd_test.c - polc test: run the expect and assert statements of a policy
 * set and say which fail, with the smallest counterexample; --coverage
 * lists the rules, entries and schedules no test reaches. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "driver.h"
#include "model.h"
#include "options.h"
#include "testrun.h"
#include "writer.h"

static void location(struct compilation *c, struct pol_loc loc, unsigned *line,
		     unsigned *col)
{
	source_line_col(c->sources.files[loc.file], loc.start, line, col);
}

static void print_failure(struct writer *w, struct test_run *r,
			  const struct test_result *res)
{
	unsigned line, col;
	location(r->c, res->test->loc, &line, &col);
	emit(w, "%s:%u:%u: FAIL: %s\n", r->c->sources.files[res->test->loc.file]->name,
	     line, col, testrun_describe(r, res->test));
	if (res->counterexample)
		emit(w, "  counterexample: %s\n", res->counterexample);
	emit(w, "  expected: %s\n  decided:  %s\n", res->expected, res->decided);
}

/* Failures as diagnostics, for --diagnostics-format=json|sarif. */
static void record_failure(struct test_run *r, const struct test_result *res)
{
	if (res->counterexample)
		diag_error(&r->c->diags, "test-failed", res->test->loc,
			   "%s: for %s, expected %s, decided %s",
			   res->test->is_assert ? "assert failed" : "expect failed",
			   res->counterexample, res->expected, res->decided);
	else
		diag_error(&r->c->diags, "test-failed", res->test->loc,
			   "%s: expected %s, decided %s",
			   res->test->is_assert ? "assert failed" : "expect failed",
			   res->expected, res->decided);
}

static void uncovered(struct writer *w, struct test_run *r, struct pol_loc loc,
		      const char *what, size_t *count)
{
	unsigned line, col;
	location(r->c, loc, &line, &col);
	emit(w, "%s:%u:%u: not covered: %s\n",
	     r->c->sources.files[loc.file]->name, line, col, what);
	(*count)++;
}

static size_t print_coverage(struct writer *w, struct test_run *r)
{
	size_t missing = 0, total = 0;
	for (size_t i = 0; i < r->m->rules.n; i++, total++) {
		const struct model_rule *mr = r->m->rules.items[i];
		if (!r->cov.rules[i])
			uncovered(w, r, mr->ast->loc,
				  mr->is_default ? "'otherwise'" : "rule", &missing);
	}
	for (size_t i = 0; i < r->n_entries; i++, total++)
		if (!r->cov.entries[i])
			uncovered(w, r, r->entry_list[i]->loc, "timeline entry", &missing);
	for (size_t i = 0; i < r->m->schedules.n; i++, total++) {
		const struct model_schedule *s = r->m->schedules.items[i];
		if (!r->cov.schedules[i] && !s->ast->is_service)
			uncovered(w, r, s->ast->loc, "schedule", &missing);
	}
	emit(w, "coverage: %zu of %zu rules, entries and schedules exercised\n",
	     total - missing, total);
	return missing;
}

int cmd_test(int argc, char **argv)
{
	struct options o;
	int rc = options_parse(argc, argv, OPT_TODAY | OPT_WERROR | OPT_FORMAT | OPT_COVERAGE,
			       false, &o);
	if (rc)
		return rc;
	struct compilation c;
	compilation_init(&c);
	c.diags.werror = o.werror;
	if (!compilation_load(&c, o.nfiles, o.files)) {
		compilation_free(&c);
		return 2;
	}
	struct model m;
	if (!compilation_model(&c, &m) || diags_failures(&c.diags)) {
		diags_print(&c.diags, stderr, o.format, "polc");
		compilation_free(&c);
		return 1;
	}
	struct test_run r;
	testrun_all(&r, &c, &m);
	struct writer out;
	writer_init(&out, stdout);
	for (size_t i = 0; i < r.results.n; i++) {
		const struct test_result *res = r.results.items[i];
		if (res->passed)
			continue;
		if (o.format == DIAG_TEXT)
			print_failure(&out, &r, res);
		else
			record_failure(&r, res);
	}
	size_t missing = 0;
	if (o.coverage)
		missing = print_coverage(&out, &r);
	rc = r.failed || (o.coverage && missing && o.werror) ? 1 : 0;
	if (o.format == DIAG_TEXT) {
		diags_print(&c.diags, stderr, o.format, "polc");
		emit(&out, "%zu passed, %zu failed\n", r.passed, r.failed);
	} else {
		writer_flush(&out);
		int err = diags_print(&c.diags, stdout, o.format, "polc");
		if (err && !out.failed)
			writer_fail(&out, err);
		fprintf(stderr, "%zu passed, %zu failed\n", r.passed, r.failed);
	}
	rc = command_stdout_done(&out, rc);
	compilation_free(&c);
	return rc;
}
