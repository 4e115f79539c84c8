/* out.c - buffered output with a sticky error; JSON and CSV escapes. */
#include "out.h"

#include <errno.h>

#include "pol/runtime.h"

void out_init(struct out *o, FILE *f, char *buf, size_t cap)
{
	o->f = f;
	o->buf = buf;
	o->len = 0;
	o->cap = cap;
	o->failed = false;
	o->err = 0;
}

/* Write n bytes to the FILE; remember the first failure. */
static void put(struct out *o, const char *s, size_t n)
{
	if (o->failed || n == 0)
		return;
	errno = 0;
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
static void out_time(struct out *o, int minute)
{
	char buf[5];
	int h = minute / 60, m = minute % 60;
	buf[0] = (char)('0' + h / 10 % 10);
	buf[1] = (char)('0' + h % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + m / 10);
	buf[4] = (char)('0' + m % 10);
	out_write(o, buf, sizeof(buf));
}

void out_hours(struct out *o, int open_minute, int close_minute)
{
	out_time(o, open_minute);
	out_putc(o, '-');
	out_time(o, close_minute);
}

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0 if there is none. */
static size_t utf8_length(const unsigned char *s, size_t n)
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
		char esc[8] = { '\\', (char)c, 0 };
		size_t esc_len = 2;
		if (c == '\n')
			esc[1] = 'n';
		else if (c == '\t')
			esc[1] = 't';
		else if (c == '\r')
			esc[1] = 'r';
		else if (c >= 0x80)
			memcpy(esc, "\\ufffd", esc_len = 6);
		else if (c != '"' && c != '\\')
			esc_len = (size_t)snprintf(esc, sizeof(esc), "\\u%04x", c);
		out_write(o, esc, esc_len);
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
		out_write(o, "null", 4);
}

void out_json_key(struct out *o, const char *key, bool *first)
{
	if (!*first)
		out_putc(o, ',');
	*first = false;
	out_json_string(o, key);
	out_putc(o, ':');
}

void out_csv_field(struct out *o, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != ',' && s[i] != '"' && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i == n) {
		out_write(o, s, n);
		return;
	}
	out_putc(o, '"');
	size_t start = 0;
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
	out_write(o, ": ", 2);
	out_puts(o, value);
	out_putc(o, '\n');
}
