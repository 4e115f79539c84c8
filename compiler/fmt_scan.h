/* fmt_scan.h - the tokens of a policy file as the formatter sees them.
 *
 * The scanner proper (lexer.l) drops comments; the formatter needs them,
 * and the byte offsets of keywords the syntax tree does not record (the
 * 'cite' before a text, the '>' before a mode, 'subject to').  This is a
 * small pass of its own over a file that has already parsed: words,
 * texts (a '#' inside quotes is text), comments and punctuation, each a
 * byte span.  Its token boundaries need not match the real scanner's
 * except for texts and comments.
 */
#ifndef POL_FMT_SCAN_H
#define POL_FMT_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "source.h"

enum fmt_tok_kind { FT_WORD, FT_TEXT, FT_COMMENT, FT_PUNCT };

struct fmt_tok {
	enum fmt_tok_kind kind;
	uint32_t start, end;	/* byte offsets, end exclusive */
};

struct fmt_toks {
	struct fmt_tok *v;
	size_t n;
	uint32_t bom;		/* 3 when the file opens with a byte-order mark */
};

/* Every token of the file, in order. */
void fmt_scan(struct arena *a, const struct source *src, struct fmt_toks *out);

/* Index of the last token starting at or before off; (size_t)-1 if none. */
size_t fmt_tok_find(const struct fmt_toks *t, uint32_t off);

/* Start of the nearest token before the one starting at off that is not a
 * comment (off itself when there is none). */
uint32_t fmt_tok_before(const struct fmt_toks *t, uint32_t off);

/* Does the token before the one at off (comments skipped) spell word? */
int fmt_tok_before_is(const struct fmt_toks *t, const struct source *src,
		      uint32_t off, const char *word);

#endif
