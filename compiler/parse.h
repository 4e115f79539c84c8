/* parse.h - turning one source file into items of the syntax tree.
 *
 * The scanner (lexer.l) and the parser (parser.y) share this context as
 * the scanner's extra data; nothing of theirs is global.
 */
#ifndef POL_PARSE_H
#define POL_PARSE_H

#include <setjmp.h>
#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

/* Deepest nesting of parentheses accepted in a condition. */
#define PARSE_MAX_NESTING 64
/* Longest name accepted. */
#define PARSE_MAX_NAME 128

struct parse_ctx {
	struct arena *arena;
	struct diags *diags;
	struct ast *ast;
	const struct source *src;
	uint32_t file;
	uint32_t offset;		/* scanner position in src->text */
	int paren_depth;
	bool syntax_failed;		/* the parser reported an error */
	int last_token;			/* last token returned to the parser */
	const char *open_block;		/* keyword of a block without 'end' yet */
	struct pol_loc open_block_loc;
	/* the string literal being scanned */
	char *buf;
	size_t buf_len, buf_cap;
	struct pol_loc string_start;
	jmp_buf fatal;
	const char *fatal_msg;
};

/* Parse file number `file` of the set, appending its items to ast.
 * Returns false if the file had a syntax error (the items parsed around
 * it are still appended). */
bool parse_file(struct arena *a, struct diags *d, const struct source_set *set,
		uint32_t file, struct ast *ast);

/* Keyword lookup: the token number, or 0 if the word is not reserved. */
int keyword_token(const char *word, size_t len);
/* The reserved words, in order; n set to their number. */
const char *const *keyword_list(size_t *n);

#endif
