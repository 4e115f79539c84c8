/* out.c - buffered output with a sticky error; JSON and CSV escapes. */
#include "out.h"

#include <errno.h>
#include <stdlib.h>

#include "pol/runtime.h"

void out_init(struct out *o, FILE *f, char *buf, size_t cap)
{
	o->f = f;
	o->buf = buf;
	o->len = 0;
	o->cap = cap;
	o->failed = false;
	o->err = 0;
	o->growable = false;
	o->hold_max = 0;
	o->drained = false;
}

void out_hold(struct out *o, size_t max)
{
	if (o->growable)
		o->hold_max = max;
}

/* Room for n more bytes in a held buffer, without draining. */
static bool grow(struct out *o, size_t n)
{
	if (o->len + n > o->hold_max)
		return false;
	size_t cap = o->cap ? o->cap : 4096;
	while (cap < o->len + n)
		cap = cap > o->hold_max / 2 ? o->hold_max : cap * 2;
	char *bigger = realloc(o->buf, cap);
	if (!bigger)
		return false;
	o->buf = bigger;
	o->cap = cap;
	return true;
}

/* Write n bytes to the FILE; remember the first failure. */
static void put(struct out *o, const char *s, size_t n)
{
	if (o->failed || n == 0)
		return;
	errno = 0;
	o->drained = true;
	if (fwrite(s, 1, n, o->f) != n) {
		o->failed = true;
		o->err = errno;
	}
}

void out_drain(struct out *o)
{
	put(o, o->buf, o->len);
	o->len = 0;
}

void out_write_slow(struct out *o, const char *s, size_t n)
{
	if (o->hold_max && grow(o, n)) {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
		return;
	}
	out_drain(o);
	if (n <= o->cap) {
		memcpy(o->buf, s, n);
		o->len = n;
	} else {
		put(o, s, n);
	}
}

bool out_flush(struct out *o)
{
	out_drain(o);
	if (!o->failed) {
		errno = 0;
		if (fflush(o->f) != 0 || ferror(o->f)) {
			o->failed = true;
			o->err = errno;
		}
	}
	return !o->failed;
}

void out_discard(struct out *o)
{
	o->len = 0;
}

void out_uint(struct out *o, uint64_t v)
{
	char buf[24];
	size_t i = sizeof(buf);
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_write(o, buf + i, sizeof(buf) - i);
}

void out_date(struct out *o, int32_t days)
{
	char buf[POL_DATE_BUFSIZE];
	pol_date_format(days, buf);
	out_write(o, buf, POL_DATE_BUFSIZE - 1);
}

/* HH:MM for a minute of the day 0..1440. */
static void time_text(char *buf, int minute)
{
	int h = minute / 60 % 100, m = minute % 60;
	buf[0] = (char)('0' + h / 10);
	buf[1] = (char)('0' + h % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + m / 10);
	buf[4] = (char)('0' + m % 10);
}

void hours_text(char buf[HOURS_BUFSIZE], int open_minute, int close_minute)
{
	time_text(buf, open_minute);
	buf[5] = '-';
	time_text(buf + 6, close_minute);
	buf[11] = '\0';
}

void out_hours(struct out *o, int open_minute, int close_minute)
{
	char buf[HOURS_BUFSIZE];
	hours_text(buf, open_minute, close_minute);
	out_write(o, buf, HOURS_BUFSIZE - 1);
}

size_t utf8_length(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF;	/* range of the second byte */
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

void out_json_chars(struct out *o, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, i = 0;
	while (i < n) {
		unsigned char c = u[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t k = utf8_length(u + i, n - i);
			if (k) {
				i += k;
				continue;
			}
		}
		out_write(o, s + start, i - start);
		if (c == '"' || c == '\\') {
			char esc[2] = { '\\', (char)c };
			out_write(o, esc, 2);
		} else if (c == '\n') {
			out_lit(o, "\\n");
		} else if (c == '\t') {
			out_lit(o, "\\t");
		} else if (c == '\r') {
			out_lit(o, "\\r");
		} else if (c >= 0x80) {
			out_lit(o, "\\ufffd");	/* not UTF-8 */
		} else {
			char esc[8];
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			out_write(o, esc, 6);
		}
		start = ++i;
	}
	out_write(o, s + start, n - start);
}

void out_json_bytes(struct out *o, const char *s, size_t n)
{
	out_putc(o, '"');
	out_json_chars(o, s, n);
	out_putc(o, '"');
}

void out_json_string(struct out *o, const char *s)
{
	if (s)
		out_json_bytes(o, s, strlen(s));
	else
		out_lit(o, "null");
}

void out_json_key(struct out *o, const char *key, bool *first)
{
	if (!*first)
		out_putc(o, ',');
	*first = false;
	out_json_string(o, key);
	out_putc(o, ':');
}

void out_csv_field(struct out *o, const char *s, size_t n, char delim)
{
	size_t i = 0;
	while (i < n && s[i] != delim && s[i] != '"' && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i == n) {
		out_write(o, s, n);
		return;
	}
	out_csv_quoted(o, s, n);
}

void out_csv_quoted(struct out *o, const char *s, size_t n)
{
	out_putc(o, '"');
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '"') {
			out_write(o, s + start, i + 1 - start);	/* the quote... */
			start = i;				/* ...and again */
		}
	}
	out_write(o, s + start, n - start);
	out_putc(o, '"');
}

void out_line(struct out *o, const char *key, const char *value)
{
	out_puts(o, key);
	out_lit(o, ": ");
	out_puts(o, value);
	out_putc(o, '\n');
}
