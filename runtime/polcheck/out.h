/* out.h - buffered output with a sticky error, and the escapes polcheck
 * needs: JSON strings (always valid UTF-8 JSON, whatever the bytes) and
 * RFC 4180 CSV fields.
 *
 * Everything goes into the caller's buffer and reaches the FILE only when
 * the buffer fills or out_flush is called, so a command that fails after
 * writing can still leave stdout untouched (out_discard).
 */
#ifndef POLCHECK_OUT_H
#define POLCHECK_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct out {
	FILE *f;
	char *buf;
	size_t len, cap;	/* bytes held, and room */
	bool failed;		/* a write failed; later writes do nothing */
	int err;		/* errno of the first failure, 0 if unknown */
	bool growable;		/* buf came from malloc and may be replaced */
	size_t hold_max;	/* grow buf up to this before draining */
	bool drained;		/* some bytes have reached the FILE */
};

void out_init(struct out *o, FILE *f, char *buf, size_t cap);
/* Keep up to max bytes in memory before any reaches the FILE, so that a
 * command that fails within them leaves no partial output (only where
 * buf is growable; o->buf may then change and is the caller's to free). */
void out_hold(struct out *o, size_t max);
/* Hand the buffered bytes to the FILE (slow path of out_write). */
void out_drain(struct out *o);
/* Write what is buffered and flush the FILE; false if any write failed. */
bool out_flush(struct out *o);
/* Forget what is buffered and not yet written. */
void out_discard(struct out *o);
/* Bytes too many for the buffer: drained, then written directly. */
void out_write_slow(struct out *o, const char *s, size_t n);

/* n bytes of s, as they are. */
static inline void out_write(struct out *o, const char *s, size_t n)
{
	if (n <= o->cap - o->len) {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
	} else {
		out_write_slow(o, s, n);
	}
}

/* A string literal, its length counted by the compiler. */
#define out_lit(o, s) out_write((o), "" s, sizeof(s) - 1)

static inline void out_putc(struct out *o, char c)
{
	if (o->len < o->cap)
		o->buf[o->len++] = c;
	else
		out_write_slow(o, &c, 1);
}

static inline void out_puts(struct out *o, const char *s)
{
	out_write(o, s, strlen(s));
}

/* A number in decimal. */
void out_uint(struct out *o, uint64_t v);
/* A date as YYYY-MM-DD. */
void out_date(struct out *o, int32_t days);
/* Opening hours, minutes after midnight 0..1440, as HH:MM-HH:MM. */
#define HOURS_BUFSIZE 12
void hours_text(char buf[HOURS_BUFSIZE], int open_minute, int close_minute);
void out_hours(struct out *o, int open_minute, int close_minute);

/* Length of the valid UTF-8 sequence of n > 0 bytes at s (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0 if there
 * is none (ASCII included: the caller handles it). */
size_t utf8_length(const unsigned char *s, size_t n);

/* The bytes of a JSON string, without its quotes: quotes, backslashes
 * and control bytes escaped; each byte that is not part of valid UTF-8
 * becomes U+FFFD, so the output is valid JSON for any input. */
void out_json_chars(struct out *o, const char *s, size_t n);
/* A whole JSON string, or null when s is NULL. */
void out_json_string(struct out *o, const char *s);
void out_json_bytes(struct out *o, const char *s, size_t n);
/* "key": with the comma before it unless *first. */
void out_json_key(struct out *o, const char *key, bool *first);

/* One CSV field: quoted (quotes doubled) only when it holds the
 * delimiter, a quote, a CR or a LF. */
void out_csv_field(struct out *o, const char *s, size_t n, char delim);
/* The same, always quoted. */
void out_csv_quoted(struct out *o, const char *s, size_t n);

/* "key: value" and a newline: the detail lines of plain answers. */
void out_line(struct out *o, const char *key, const char *value);

#endif
