/* strbuf.h - a growable byte string kept in an arena.
 *
 * For text built piece by piece before it is written: formatted policy
 * files, English sentences, page fragments.  Old storage is abandoned to
 * the arena when the buffer grows (at most doubling the space used), so
 * nothing is freed by hand.  The bytes are always followed by a NUL.
 */
#ifndef POL_STRBUF_H
#define POL_STRBUF_H

#include <stddef.h>

#include "arena.h"

struct strbuf {
	struct arena *arena;
	char *s;		/* NUL-terminated; never NULL after init */
	size_t len, cap;
};

/* An empty string. */
void strbuf_init(struct strbuf *b, struct arena *a);
/* Empty the string, keeping its storage. */
void strbuf_reset(struct strbuf *b);
/* Append n bytes (may contain NULs; the string still ends in one). */
void strbuf_add(struct strbuf *b, const char *s, size_t n);
/* Append a NUL-terminated string. */
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_putc(struct strbuf *b, char c);
/* Append printf output. */
void strbuf_printf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append n spaces. */
void strbuf_spaces(struct strbuf *b, size_t n);
/* A copy of the string in the arena, for keeping after a reset. */
char *strbuf_copy(const struct strbuf *b);

#endif
