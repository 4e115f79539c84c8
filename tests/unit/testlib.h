/* testlib.h - helpers shared by the front end's cmocka tests.
 *
 * Sources are in memory (source_add_text); a test compiles or parses one
 * and then asserts on the recorded diagnostics: their identifiers, lines,
 * columns and message text, or on the rendered GNU-style output.
 * Everything here is static: each test binary includes it once.
 */
#ifndef POL_TESTLIB_H
#define POL_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "driver.h"
#include "parse.h"

#define UNUSED_FN __attribute__((unused))

/* A compilation of one in-memory file, "t.pol", of len bytes. */
UNUSED_FN static struct compilation *tl_load_n(const char *text, size_t len)
{
	struct compilation *c = malloc(sizeof(*c));
	assert_non_null(c);
	compilation_init(c);
	assert_int_equal(source_add_text(&c->arena, &c->sources, "t.pol", text, len), 0);
	return c;
}

/* Parse and check a text; *ok (if given) is compilation_check's answer. */
UNUSED_FN static struct compilation *tl_compile_n(const char *text, size_t len,
						  bool *ok)
{
	struct compilation *c = tl_load_n(text, len);
	bool r = compilation_check(c);
	if (ok)
		*ok = r;
	return c;
}

UNUSED_FN static struct compilation *tl_compile(const char *text)
{
	return tl_compile_n(text, strlen(text), NULL);
}

/* Parse only (no checks): the tree as written. */
UNUSED_FN static struct compilation *tl_parse(const char *text, bool *ok)
{
	struct compilation *c = tl_load_n(text, strlen(text));
	bool r = parse_file(&c->arena, &c->diags, &c->sources, 0, &c->ast);
	if (ok)
		*ok = r;
	return c;
}

UNUSED_FN static void tl_free(struct compilation *c)
{
	compilation_free(c);
	free(c);
}

UNUSED_FN static struct diag *tl_diag_at(struct compilation *c, size_t i)
{
	assert_true(i < c->diags.items.n);
	return c->diags.items.items[i];
}

/* Number of diagnostics (errors and warnings) with identifier id. */
UNUSED_FN static size_t tl_count(struct compilation *c, const char *id)
{
	size_t n = 0;
	for (size_t i = 0; i < c->diags.items.n; i++)
		if (strcmp(tl_diag_at(c, i)->id, id) == 0)
			n++;
	return n;
}

UNUSED_FN static void tl_line_col(struct compilation *c, struct pol_loc loc,
				  unsigned *line, unsigned *col)
{
	assert_true(loc.file < c->sources.n);
	source_line_col(c->sources.files[loc.file], loc.start, line, col);
}

/* The diagnostic with this id at line:col whose message contains `text`;
 * fails the test (listing what there is) when there is none. */
UNUSED_FN static struct diag *tl_expect(struct compilation *c, const char *id,
					unsigned line, unsigned col,
					const char *text)
{
	for (size_t i = 0; i < c->diags.items.n; i++) {
		struct diag *g = tl_diag_at(c, i);
		unsigned l, k;
		tl_line_col(c, g->loc, &l, &k);
		if (strcmp(g->id, id) == 0 && l == line && k == col &&
		    strstr(g->message, text))
			return g;
	}
	for (size_t i = 0; i < c->diags.items.n; i++) {
		struct diag *g = tl_diag_at(c, i);
		unsigned l, k;
		tl_line_col(c, g->loc, &l, &k);
		print_message("  have %u:%u [%s] %s\n", l, k, g->id, g->message);
	}
	fail_msg("no diagnostic [%s] at %u:%u containing \"%s\"", id, line, col, text);
	return NULL;
}

/* The one note of g: its position and text. */
UNUSED_FN static void tl_expect_note(struct compilation *c, const struct diag *g,
				     unsigned line, unsigned col, const char *text)
{
	assert_non_null(g->notes);
	assert_null(g->notes->next_note);
	unsigned l, k;
	tl_line_col(c, g->notes->loc, &l, &k);
	assert_int_equal(l, line);
	assert_int_equal(k, col);
	assert_string_equal(g->notes->message, text);
	assert_int_equal(g->notes->severity, DIAG_NOTE);
}

/* Everything printed for the compilation, as polc prints it. */
UNUSED_FN static char *tl_render(struct compilation *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	diags_print(&c->diags, f, DIAG_TEXT, "polc");
	fclose(f);
	return buf;	/* the caller frees */
}

/* Asserts the compilation is clean: no errors, no warnings. */
UNUSED_FN static void tl_assert_clean(struct compilation *c)
{
	if (c->diags.items.n) {
		char *out = tl_render(c);
		fputs(out, stderr);
		free(out);
	}
	assert_int_equal(c->diags.errors, 0);
	assert_int_equal(c->diags.warnings, 0);
}

#endif
