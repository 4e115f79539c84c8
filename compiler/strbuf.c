/* strbuf.c - growable strings in an arena. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void strbuf_init(struct strbuf *b, struct arena *a)
{
	b->arena = a;
	b->cap = 64;
	b->s = arena_alloc(a, b->cap);
	b->len = 0;
}

void strbuf_reset(struct strbuf *b)
{
	b->len = 0;
	b->s[0] = '\0';
}

/* Room for n more bytes and the NUL. */
static void reserve(struct strbuf *b, size_t n)
{
	if (n >= (size_t)-1 / 2 - b->len)
		fatal_oom();
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap * 2;
	while (cap < b->len + n + 1)
		cap *= 2;
	char *s = arena_alloc(b->arena, cap);
	memcpy(s, b->s, b->len + 1);
	b->s = s;
	b->cap = cap;
}

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	if (!n)
		return;
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void strbuf_putc(struct strbuf *b, char c)
{
	strbuf_add(b, &c, 1);
}

void strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal_oom();
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void strbuf_spaces(struct strbuf *b, size_t n)
{
	reserve(b, n);
	memset(b->s + b->len, ' ', n);
	b->len += n;
	b->s[b->len] = '\0';
}

char *strbuf_copy(const struct strbuf *b)
{
	return arena_strndup(b->arena, b->s, b->len);
}
