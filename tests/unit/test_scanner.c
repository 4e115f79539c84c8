/* test_scanner.c - the scanner (lexer.l): tokens, locations, keywords,
 * dates and times, text with escapes and folded lines, bad bytes. */
#include "testlib.h"

#include "parser.h"
#include "pol/runtime.h"

/* The reentrant scanner's own entry points (lexer.l, prefix pol_yy). */
struct yy_buffer_state;
int pol_yylex_init_extra(struct parse_ctx *extra, yyscan_t *scanner);
struct yy_buffer_state *pol_yy_scan_buffer(char *base, size_t size,
					   yyscan_t scanner);
void pol_yy_delete_buffer(struct yy_buffer_state *b, yyscan_t scanner);
int pol_yylex_destroy(yyscan_t scanner);

enum { MAX_TOKENS = 256 };

struct tok {
	int kind;
	struct pol_loc loc;
	POL_YYSTYPE val;
};

struct lexed {
	struct compilation *c;
	struct tok t[MAX_TOKENS];
	size_t n;		/* tokens before the end of file */
	int paren_depth;	/* the scanner's count at the end */
};

/* Scan a text of len bytes to the end, as parse_file drives the scanner. */
static struct lexed *lex_n(const char *text, size_t len)
{
	struct lexed *x = calloc(1, sizeof(*x));
	assert_non_null(x);
	x->c = tl_load_n(text, len);
	struct parse_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = &x->c->arena;
	ctx.diags = &x->c->diags;
	ctx.ast = &x->c->ast;
	ctx.src = x->c->sources.files[0];
	ctx.file = 0;
	yyscan_t sc;
	assert_int_equal(pol_yylex_init_extra(&ctx, &sc), 0);
	if (setjmp(ctx.fatal))
		fail_msg("scanner failed: %s", ctx.fatal_msg);
	struct yy_buffer_state *b = pol_yy_scan_buffer(ctx.src->text, ctx.src->len + 2, sc);
	assert_non_null(b);
	for (;;) {
		struct tok *t = &x->t[x->n];
		t->kind = pol_yylex(&t->val, &t->loc, sc);
		if (t->kind == T_YYEOF)
			break;
		x->n++;
		assert_true(x->n < MAX_TOKENS);
	}
	x->paren_depth = ctx.paren_depth;
	pol_yy_delete_buffer(b, sc);
	pol_yylex_destroy(sc);
	free(ctx.buf);
	return x;
}

static struct lexed *lex(const char *text)
{
	return lex_n(text, strlen(text));
}

static void lex_free(struct lexed *x)
{
	tl_free(x->c);
	free(x);
}

static void assert_kinds(const struct lexed *x, const int *kinds, size_t n)
{
	assert_int_equal(x->n, n);
	for (size_t i = 0; i < n; i++)
		if (x->t[i].kind != kinds[i])
			fail_msg("token %zu is %d, expected %d", i, x->t[i].kind, kinds[i]);
}

static void assert_span(const struct tok *t, uint32_t start, uint32_t end)
{
	assert_int_equal(t->loc.start, start);
	assert_int_equal(t->loc.end, end);
	assert_int_equal(t->loc.file, 0);
}

/* ---- tokens and their byte spans ------------------------------------ */

static void test_tokens(void **state)
{
	(void)state;
	struct lexed *x = lex("provider NPS \"National\" 12 2021-03-08 09:30\n"
			      ".. == = != <= >= < > - , ( )");
	const int kinds[] = {
		T_PROVIDER, T_IDENT, T_STRING, T_INT, T_DATE_LIT, T_TIME,
		T_DOTDOT, T_EQ, T_EQ, T_NE, T_LE, T_GE, T_LT, T_GT, T_DASH,
		T_COMMA, T_LPAREN, T_RPAREN
	};
	assert_kinds(x, kinds, sizeof(kinds) / sizeof(kinds[0]));
	assert_span(&x->t[0], 0, 8);
	assert_null(x->t[0].val.name.text);	/* keywords carry no text */
	assert_span(&x->t[1], 9, 12);
	assert_string_equal(x->t[1].val.name.text, "NPS");
	assert_span(&x->t[2], 13, 23);		/* the quotes belong to the text */
	assert_string_equal(x->t[2].val.text->s, "National");
	assert_int_equal(x->t[2].val.text->len, 8);
	assert_span(&x->t[3], 24, 26);
	assert_int_equal(x->t[3].val.num, 12);
	assert_span(&x->t[4], 27, 37);
	assert_span(&x->t[5], 38, 43);
	assert_span(&x->t[6], 44, 46);		/* next line */
	assert_span(&x->t[17], 71, 72);
	assert_int_equal(x->c->diags.errors, 0);
	lex_free(x);
}

static void test_names_and_keywords(void **state)
{
	(void)state;
	/* a keyword's prefix or extension, or another case, is a name */
	struct lexed *x = lex("providers provide Provider _x x_1 end ending");
	const int kinds[] = { T_IDENT, T_IDENT, T_IDENT, T_IDENT, T_IDENT, T_END, T_IDENT };
	assert_kinds(x, kinds, 7);
	assert_string_equal(x->t[0].val.name.text, "providers");
	assert_string_equal(x->t[3].val.name.text, "_x");
	assert_string_equal(x->t[6].val.name.text, "ending");
	lex_free(x);
}

static void test_comments_and_blanks(void **state)
{
	(void)state;
	struct lexed *x = lex("# a comment \"with text\" and 2021-13-45\n"
			      "\t\f\v nation # another\r\nEngland#end");
	const int kinds[] = { T_NATION, T_IDENT };
	assert_kinds(x, kinds, 2);
	unsigned line, col;
	tl_line_col(x->c, x->t[1].loc, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	assert_int_equal(x->c->diags.errors, 0);	/* nothing in comments is read */
	lex_free(x);
}

/* ---- lines and columns ---------------------------------------------- */

static void line_col_of(struct compilation *c, uint32_t off, unsigned line,
			unsigned col)
{
	unsigned l, k;
	source_line_col(c->sources.files[0], off, &l, &k);
	if (l != line || k != col)
		fail_msg("offset %u is %u:%u, expected %u:%u", off, l, k, line, col);
}

static void test_line_col_tabs_utf8(void **state)
{
	(void)state;
	/* line 2: "é" is two bytes, one column; "–" three bytes, one column;
	 * line 3: tabs stop at columns 9, 17 */
	const char *text = "abc\n\xC3\xA9x \xE2\x80\x93y\n\tz\tw\n a\tb";
	struct compilation *c = tl_load_n(text, strlen(text));
	line_col_of(c, 0, 1, 1);
	line_col_of(c, 2, 1, 3);
	line_col_of(c, 3, 1, 4);	/* the line end itself */
	line_col_of(c, 4, 2, 1);	/* é */
	line_col_of(c, 6, 2, 2);	/* x after é */
	line_col_of(c, 8, 2, 4);	/* – */
	line_col_of(c, 11, 2, 5);	/* y after – */
	line_col_of(c, 14, 3, 9);	/* z after a tab */
	line_col_of(c, 16, 3, 17);	/* w after the second tab */
	line_col_of(c, 20, 4, 3);	/* the tab after " a" */
	line_col_of(c, 21, 4, 9);	/* b, at the tab stop */
	assert_int_equal(c->sources.files[0]->nlines, 4);
	size_t len;
	const char *l2 = source_line_text(c->sources.files[0], 2, &len);
	assert_int_equal(len, 8);
	assert_memory_equal(l2, "\xC3\xA9x \xE2\x80\x93y", 8);
	source_line_text(c->sources.files[0], 5, &len);	/* past the end */
	assert_int_equal(len, 0);
	tl_free(c);
}

static void test_line_col_crlf_bom_bad_bytes(void **state)
{
	(void)state;
	/* a byte-order mark takes no column; CR LF ends lines; each byte
	 * that is not UTF-8 takes one column */
	const char *text = "\xEF\xBB\xBFnation A\r\nflag \x80\x80 b\r\n";
	struct compilation *c = tl_load_n(text, strlen(text));
	line_col_of(c, 3, 1, 1);	/* 'nation' after the mark */
	line_col_of(c, 10, 1, 8);	/* A */
	line_col_of(c, 13, 2, 1);
	line_col_of(c, 18, 2, 6);	/* first 0x80 */
	line_col_of(c, 19, 2, 7);	/* second 0x80 */
	line_col_of(c, 21, 2, 9);	/* b */
	size_t len;
	const char *l1 = source_line_text(c->sources.files[0], 1, &len);
	assert_int_equal(len, 8);	/* without the mark and the CR LF */
	assert_memory_equal(l1, "nation A", 8);
	source_line_text(c->sources.files[0], 2, &len);
	assert_int_equal(len, 9);
	assert_int_equal(c->sources.files[0]->nlines, 3);
	tl_free(c);
}

static void test_utf8_len(void **state)
{
	(void)state;
	const unsigned char ascii[] = "a";
	const unsigned char two[] = { 0xC3, 0xA9 };
	const unsigned char three[] = { 0xE2, 0x80, 0x9C };
	const unsigned char four[] = { 0xF0, 0x9F, 0x98, 0x80 };
	const unsigned char overlong[] = { 0xC0, 0x80 };
	const unsigned char overlong3[] = { 0xE0, 0x80, 0x80 };
	const unsigned char surrogate[] = { 0xED, 0xA0, 0x80 };
	const unsigned char too_big[] = { 0xF4, 0x90, 0x80, 0x80 };
	const unsigned char f5[] = { 0xF5, 0x80, 0x80, 0x80 };
	const unsigned char stray[] = { 0x80 };
	const unsigned char cut[] = { 0xE2, 0x80 };
	const unsigned char bad_follow[] = { 0xC3, 0x41 };
	assert_int_equal(source_utf8_len(ascii, 1), 1);
	assert_int_equal(source_utf8_len(two, 2), 2);
	assert_int_equal(source_utf8_len(three, 3), 3);
	assert_int_equal(source_utf8_len(four, 4), 4);
	assert_int_equal(source_utf8_len(overlong, 2), 0);
	assert_int_equal(source_utf8_len(overlong3, 3), 0);
	assert_int_equal(source_utf8_len(surrogate, 3), 0);
	assert_int_equal(source_utf8_len(too_big, 4), 0);
	assert_int_equal(source_utf8_len(f5, 4), 0);
	assert_int_equal(source_utf8_len(stray, 1), 0);
	assert_int_equal(source_utf8_len(cut, 2), 0);
	assert_int_equal(source_utf8_len(bad_follow, 2), 0);
}

/* ---- keywords ------------------------------------------------------- */

static void test_keywords_sorted_and_found(void **state)
{
	(void)state;
	size_t n;
	const char *const *w = keyword_list(&n);
	assert_int_equal(n, 57);
	for (size_t i = 1; i < n; i++)
		if (strcmp(w[i - 1], w[i]) >= 0)
			fail_msg("keywords.def is not sorted: '%s' before '%s'",
				 w[i - 1], w[i]);
	/* every keyword is found by the binary search, with its own token */
	for (size_t i = 0; i < n; i++) {
		int t = keyword_token(w[i], strlen(w[i]));
		if (t == 0)
			fail_msg("keyword '%s' not found", w[i]);
		for (size_t j = 0; j < i; j++)
			assert_int_not_equal(t, keyword_token(w[j], strlen(w[j])));
	}
	assert_int_equal(keyword_token("provider", 8), T_PROVIDER);
	assert_int_equal(keyword_token("with", 4), T_WITH);
	assert_int_equal(keyword_token("activity", 8), T_ACTIVITY);
	/* only the first len bytes count */
	assert_int_equal(keyword_token("endless", 3), T_END);
	assert_int_equal(keyword_token("provide", 7), 0);
	assert_int_equal(keyword_token("providers", 9), 0);
	assert_int_equal(keyword_token("Provider", 8), 0);
	assert_int_equal(keyword_token("a", 1), 0);
	assert_int_equal(keyword_token("zzz", 3), 0);
	assert_int_equal(keyword_token("", 0), 0);
}

/* docs/language.md lists the reserved words; it must match keywords.def. */
static void test_keywords_match_docs(void **state)
{
	(void)state;
	FILE *f = fopen("docs/language.md", "r");
	if (!f) {
		print_message("docs/language.md not found (run from the top)\n");
		skip();
	}
	static char doc[1 << 18];
	size_t len = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[len] = '\0';
	const char *p = strstr(doc, "**Keywords**");
	assert_non_null(p);
	p = strchr(p, '`');
	assert_non_null(p);
	const char *end = strchr(p + 1, '`');
	assert_non_null(end);
	size_t n;
	const char *const *w = keyword_list(&n);
	size_t i = 0;
	for (const char *q = p + 1; q < end;) {
		while (q < end && (*q == ' ' || *q == '\n'))
			q++;
		const char *s = q;
		while (q < end && *q != ' ' && *q != '\n')
			q++;
		if (q == s)
			break;
		assert_true(i < n);
		if (strlen(w[i]) != (size_t)(q - s) || strncmp(w[i], s, (size_t)(q - s)) != 0)
			fail_msg("docs list '%.*s' where keywords.def has '%s'",
				 (int)(q - s), s, w[i]);
		i++;
	}
	assert_int_equal(i, n);
}

/* ---- dates and times ------------------------------------------------ */

static void test_dates(void **state)
{
	(void)state;
	struct lexed *x = lex("2021-03-08 9999-12-31 0000-00-00 2021-02-30");
	assert_int_equal(x->n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(x->t[i].kind, T_DATE_LIT);
	assert_int_equal(x->t[0].val.date.year, 2021);
	assert_int_equal(x->t[0].val.date.month, 3);
	assert_int_equal(x->t[0].val.date.day, 8);
	assert_false(x->t[0].val.date.valid);	/* the checker validates */
	assert_int_equal(x->t[1].val.date.year, 9999);
	/* the scanner passes any digits on: the checker refuses them */
	assert_int_equal(x->t[2].val.date.year, 0);
	assert_int_equal(x->t[2].val.date.month, 0);
	assert_int_equal(x->t[3].val.date.day, 30);
	assert_int_equal(x->c->diags.errors, 0);
	lex_free(x);
}

static void test_bad_dates(void **state)
{
	(void)state;
	struct lexed *x = lex("2021-3-8\n8/3\n15.03.21\n8/3/2021 2021-03-081");
	assert_int_equal(x->n, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(x->t[i].kind, T_DATE_LIT);
		assert_int_equal(x->t[i].val.date.year, -1);	/* malformed */
	}
	assert_int_equal(tl_count(x->c, "bad-date"), 5);
	tl_expect(x->c, "bad-date", 1, 1, "malformed date '2021-3-8'; write dates as "
		  "YYYY-MM-DD, for example 2021-03-08");
	tl_expect(x->c, "bad-date", 2, 1, "ambiguous date '8/3'");
	tl_expect(x->c, "bad-date", 3, 1, "ambiguous date '15.03.21'");
	tl_expect(x->c, "bad-date", 4, 1, "ambiguous date '8/3/2021'");
	tl_expect(x->c, "bad-date", 4, 10, "malformed date '2021-03-081'");
	assert_int_equal(x->t[4].loc.end - x->t[4].loc.start, 11);
	lex_free(x);
}

static void test_times_and_numbers(void **state)
{
	(void)state;
	struct lexed *x = lex("09:00-17:30 9:05 24:00 0..3 007");
	const int kinds[] = { T_TIME, T_DASH, T_TIME, T_TIME, T_TIME, T_INT,
			      T_DOTDOT, T_INT, T_INT };
	assert_kinds(x, kinds, 9);
	assert_int_equal(x->t[0].val.time.hour, 9);
	assert_int_equal(x->t[0].val.time.minute, 0);
	assert_int_equal(x->t[2].val.time.hour, 17);
	assert_int_equal(x->t[2].val.time.minute, 30);
	assert_int_equal(x->t[3].val.time.hour, 9);
	assert_int_equal(x->t[3].val.time.minute, 5);
	assert_int_equal(x->t[4].val.time.hour, 24);
	assert_int_equal(x->t[5].val.num, 0);
	assert_int_equal(x->t[7].val.num, 3);
	assert_int_equal(x->t[8].val.num, 7);
	assert_int_equal(x->c->diags.errors, 0);
	lex_free(x);
}

static void test_number_too_large(void **state)
{
	(void)state;
	struct lexed *x = lex("range r 0..922337203685477579 x 99999999999999999999");
	assert_int_equal(x->n, 7);
	assert_int_equal(x->t[4].kind, T_INT);
	assert_int_equal(x->t[4].val.num, 922337203685477579);
	assert_int_equal(x->t[6].kind, T_INT);
	assert_int_equal(x->t[6].val.num, INT64_MAX);
	assert_int_equal(tl_count(x->c, "number-too-large"), 1);
	tl_expect(x->c, "number-too-large", 1, 33, "number '99999999999999999999' is too large");
	lex_free(x);
}

static void test_name_too_long(void **state)
{
	(void)state;
	char text[300];
	memset(text, 'n', 128);
	text[128] = ' ';
	memset(text + 129, 'm', 129);
	text[258] = '\0';
	struct lexed *x = lex(text);
	assert_int_equal(x->n, 2);
	assert_int_equal(strlen(x->t[0].val.name.text), 128);	/* at the limit */
	assert_int_equal(x->t[1].kind, T_IDENT);
	assert_int_equal(strlen(x->t[1].val.name.text), 128);	/* cut */
	assert_int_equal(tl_count(x->c, "name-too-long"), 1);
	tl_expect(x->c, "name-too-long", 1, 130, "name is 129 characters long; the limit is 128");
	lex_free(x);
}

/* ---- text ----------------------------------------------------------- */

static void test_text_escapes(void **state)
{
	(void)state;
	struct lexed *x = lex("\"a\\\"b\\\\c\\nd\\te\" \"\" \"caf\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9Cq\xE2\x80\x9D\"");
	assert_int_equal(x->n, 3);
	assert_int_equal(x->t[0].kind, T_STRING);
	assert_string_equal(x->t[0].val.text->s, "a\"b\\c\nd\te");
	assert_int_equal(x->t[0].val.text->len, 9);
	assert_int_equal(x->t[1].val.text->len, 0);
	assert_string_equal(x->t[1].val.text->s, "");
	/* UTF-8, curly quotes and dashes inside text are kept as written */
	assert_string_equal(x->t[2].val.text->s, "caf\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9Cq\xE2\x80\x9D");
	assert_int_equal(x->c->diags.errors, 0);
	lex_free(x);
}

static void test_text_folded_lines(void **state)
{
	(void)state;
	struct lexed *x = lex("cite \"Door step supervision is\n"
			      "      also undertaken\"\n"
			      "\"a  \r\n\t  b\" \"x\n\n\n   y\" \"keep  two\tspaces\"");
	assert_int_equal(x->n, 5);
	assert_string_equal(x->t[1].val.text->s, "Door step supervision is also undertaken");
	assert_string_equal(x->t[2].val.text->s, "a b");
	assert_string_equal(x->t[3].val.text->s, "x y");
	assert_string_equal(x->t[4].val.text->s, "keep  two\tspaces");
	/* the text's span runs over its lines */
	unsigned line, col;
	tl_line_col(x->c, x->t[1].loc, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 6);
	assert_int_equal(x->t[1].loc.end, 53);
	lex_free(x);
}

static void test_text_bad_escape(void **state)
{
	(void)state;
	struct lexed *x = lex("flag f \"one\\qtwo\"");
	assert_int_equal(x->n, 3);
	assert_string_equal(x->t[2].val.text->s, "onetwo");
	assert_int_equal(tl_count(x->c, "bad-escape"), 1);
	struct diag *g = tl_expect(x->c, "bad-escape", 1, 12,
				   "unknown escape '\\q' in text; only \\\", \\\\, \\n and \\t are known");
	assert_int_equal(g->loc.end - g->loc.start, 2);
	lex_free(x);
}

static void test_text_unterminated(void **state)
{
	(void)state;
	struct lexed *x = lex("nation E\ncite \"cut off\n  here");
	/* the text so far is handed on, then the end of the file */
	const int kinds[] = { T_NATION, T_IDENT, T_CITE, T_STRING };
	assert_kinds(x, kinds, 4);
	assert_string_equal(x->t[3].val.text->s, "cut off here");
	assert_int_equal(x->t[3].loc.end, 29);
	assert_int_equal(tl_count(x->c, "unterminated-text"), 1);
	tl_expect(x->c, "unterminated-text", 2, 6, "text has no closing quote");
	lex_free(x);

	/* a backslash as the very last byte */
	x = lex("\"abc\\");
	assert_int_equal(x->n, 1);
	assert_int_equal(x->t[0].kind, T_STRING);
	assert_int_equal(tl_count(x->c, "unterminated-text"), 1);
	lex_free(x);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	/* outside text: a Latin-1 byte, a stray continuation, an overlong
	 * form; inside text: reported at the first bad byte only */
	struct lexed *x = lex("a \xE9 b \x80\x81 c \xC0\x80 d \"ok \xC3\xA9 \xFF\xFE\"");
	assert_int_equal(x->n, 5);	/* a b c d and the text */
	assert_int_equal(x->t[4].kind, T_STRING);
	assert_int_equal(tl_count(x->c, "invalid-utf8"), 4);
	tl_expect(x->c, "invalid-utf8", 1, 3, "invalid UTF-8 byte 0xE9; save the file as UTF-8");
	tl_expect(x->c, "invalid-utf8", 1, 7, "invalid UTF-8 byte 0x80");
	tl_expect(x->c, "invalid-utf8", 1, 12, "invalid UTF-8 byte 0xC0");
	tl_expect(x->c, "invalid-utf8", 1, 23, "invalid UTF-8 byte 0xFF in text");
	lex_free(x);
}

static void test_bad_characters(void **state)
{
	(void)state;
	struct lexed *x = lex("a @ b \xC3\xA9 c \xE2\x80\x9C d \x1B e ; f \x7F");
	assert_int_equal(x->n, 6);
	assert_int_equal(tl_count(x->c, "bad-character"), 6);
	tl_expect(x->c, "bad-character", 1, 3, "unexpected character '@'");
	tl_expect(x->c, "bad-character", 1, 7, "unexpected character '\xC3\xA9' outside "
		  "quotes; names use only A-Z, a-z, 0-9 and _");
	tl_expect(x->c, "bad-character", 1, 11, "curly quote outside text");
	tl_expect(x->c, "bad-character", 1, 15, "unexpected control character 0x1B");
	tl_expect(x->c, "bad-character", 1, 19, "unexpected character ';'");
	tl_expect(x->c, "bad-character", 1, 23, "unexpected control character 0x7F");
	assert_int_equal(tl_count(x->c, "invalid-utf8"), 0);
	lex_free(x);
}

static void test_nul_bytes(void **state)
{
	(void)state;
	const char text[] = "a\0b \"x\0y\" c";
	struct lexed *x = lex_n(text, sizeof(text) - 1);
	const int kinds[] = { T_IDENT, T_IDENT, T_STRING, T_IDENT };
	assert_kinds(x, kinds, 4);
	assert_string_equal(x->t[1].val.name.text, "b");
	assert_int_equal(x->t[2].val.text->len, 2);	/* the NUL is dropped */
	assert_string_equal(x->t[2].val.text->s, "xy");
	assert_string_equal(x->t[3].val.name.text, "c");
	assert_int_equal(tl_count(x->c, "bad-character"), 2);
	tl_expect(x->c, "bad-character", 1, 2, "unexpected NUL byte");
	tl_expect(x->c, "bad-character", 1, 7, "NUL byte in text");
	lex_free(x);
}

static void test_byte_order_mark(void **state)
{
	(void)state;
	struct lexed *x = lex("\xEF\xBB\xBFnation England\n");
	const int kinds[] = { T_NATION, T_IDENT };
	assert_kinds(x, kinds, 2);
	assert_int_equal(x->c->diags.items.n, 0);	/* at the start it is fine */
	assert_span(&x->t[0], 3, 9);
	lex_free(x);
	x = lex("nation A\n\xEF\xBB\xBFnation B");
	assert_int_equal(x->n, 4);
	assert_int_equal(tl_count(x->c, "bad-character"), 1);
	tl_expect(x->c, "bad-character", 2, 1, "byte-order mark in the middle of the file");
	lex_free(x);
}

/* ---- parentheses ---------------------------------------------------- */

static void test_paren_depth(void **state)
{
	(void)state;
	char text[200];
	/* 64 deep is allowed */
	memset(text, '(', 64);
	memcpy(text + 64, "x", 1);
	memset(text + 65, ')', 64);
	text[129] = '\0';
	struct lexed *x = lex(text);
	assert_int_equal(x->n, 129);
	assert_int_equal(x->c->diags.errors, 0);
	assert_int_equal(x->paren_depth, 0);
	lex_free(x);
	/* the 65th: one error token, deeper ones dropped, the closing ones
	 * that match them dropped too */
	memset(text, '(', 66);
	memcpy(text + 66, "x", 1);
	memset(text + 67, ')', 66);
	text[133] = '\0';
	x = lex(text);
	assert_int_equal(x->n, 64 + 1 + 1 + 64);
	assert_int_equal(x->t[64].kind, T_POL_YYerror);
	assert_int_equal(x->t[65].kind, T_IDENT);
	assert_int_equal(x->t[66].kind, T_RPAREN);
	assert_int_equal(tl_count(x->c, "too-deep"), 1);
	tl_expect(x->c, "too-deep", 1, 65, "conditions nested too deeply (limit 64)");
	assert_int_equal(x->paren_depth, 0);
	lex_free(x);
}

static void test_paren_depth_resets(void **state)
{
	(void)state;
	/* a stray ')' does not go below zero, and each condition (after
	 * 'when' or 'where') starts afresh */
	struct lexed *x = lex(")))) when ((( where (");
	assert_int_equal(x->paren_depth, 1);
	lex_free(x);
	char text[300];
	size_t n = 0;
	n += (size_t)sprintf(text + n, "when ");
	memset(text + n, '(', 40);
	n += 40;
	n += (size_t)sprintf(text + n, " when ");
	memset(text + n, '(', 40);
	n += 40;
	text[n] = '\0';
	x = lex(text);
	assert_int_equal(tl_count(x->c, "too-deep"), 0);
	assert_int_equal(x->paren_depth, 40);
	lex_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_names_and_keywords),
		cmocka_unit_test(test_comments_and_blanks),
		cmocka_unit_test(test_line_col_tabs_utf8),
		cmocka_unit_test(test_line_col_crlf_bom_bad_bytes),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_keywords_sorted_and_found),
		cmocka_unit_test(test_keywords_match_docs),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_times_and_numbers),
		cmocka_unit_test(test_number_too_large),
		cmocka_unit_test(test_name_too_long),
		cmocka_unit_test(test_text_escapes),
		cmocka_unit_test(test_text_folded_lines),
		cmocka_unit_test(test_text_bad_escape),
		cmocka_unit_test(test_text_unterminated),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bad_characters),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_byte_order_mark),
		cmocka_unit_test(test_paren_depth),
		cmocka_unit_test(test_paren_depth_resets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
