/* fmt_scan.c - tokens with comments, for the formatter. */
#include "fmt_scan.h"

#include <string.h>

/* A byte of a name or number. */
static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* A byte the scanner skips between tokens. */
static int is_blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

/* Length of the token at p[0..n), n > 0, p[0] not blank. */
static size_t token_len(const char *p, size_t n, enum fmt_tok_kind *kind)
{
	unsigned char c = (unsigned char)p[0];
	size_t i = 1;
	if (c == '#') {
		*kind = FT_COMMENT;
		while (i < n && p[i] != '\n')
			i++;
		return i;
	}
	if (c == '"') {
		/* as the scanner reads it: a backslash takes the next byte */
		*kind = FT_TEXT;
		while (i < n && p[i] != '"')
			i += p[i] == '\\' && i + 1 < n ? 2 : 1;
		return i < n ? i + 1 : n;
	}
	if (is_word_byte(c)) {
		*kind = FT_WORD;
		while (i < n && is_word_byte((unsigned char)p[i]))
			i++;
		return i;
	}
	*kind = FT_PUNCT;
	if (n > 1 && ((c == '.' && p[1] == '.') ||
		      (strchr("=!<>", c) && p[1] == '=')))
		return 2;
	return 1;
}

void fmt_scan(struct arena *a, const struct source *src, struct fmt_toks *out)
{
	const char *text = src->text;
	size_t len = src->len, off = 0, cap = 64;
	memset(out, 0, sizeof(*out));
	out->v = ARENA_ARRAY(a, struct fmt_tok, cap);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		off = out->bom = 3;
	while (off < len) {
		if (is_blank_byte((unsigned char)text[off])) {
			off++;
			continue;
		}
		enum fmt_tok_kind kind;
		size_t n = token_len(text + off, len - off, &kind);
		if (out->n == cap) {
			struct fmt_tok *v = ARENA_ARRAY(a, struct fmt_tok, cap * 2);
			memcpy(v, out->v, cap * sizeof(*v));
			out->v = v;
			cap *= 2;
		}
		out->v[out->n].kind = kind;
		out->v[out->n].start = (uint32_t)off;
		out->v[out->n].end = (uint32_t)(off + n);
		out->n++;
		off += n;
	}
}

size_t fmt_tok_find(const struct fmt_toks *t, uint32_t off)
{
	size_t lo = 0, hi = t->n;	/* first token starting after off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;	/* (size_t)-1 when lo is 0 */
}

/* Index of the non-comment token before token i, or (size_t)-1. */
static size_t before(const struct fmt_toks *t, size_t i)
{
	while (i != (size_t)-1 && i > 0) {
		i--;
		if (t->v[i].kind != FT_COMMENT)
			return i;
	}
	return (size_t)-1;
}

uint32_t fmt_tok_before(const struct fmt_toks *t, uint32_t off)
{
	size_t i = before(t, fmt_tok_find(t, off));
	return i == (size_t)-1 ? off : t->v[i].start;
}

int fmt_tok_before_is(const struct fmt_toks *t, const struct source *src,
		      uint32_t off, const char *word)
{
	size_t i = before(t, fmt_tok_find(t, off));
	if (i == (size_t)-1)
		return 0;
	size_t n = strlen(word);
	return t->v[i].end - t->v[i].start == n &&
	       memcmp(src->text + t->v[i].start, word, n) == 0;
}
