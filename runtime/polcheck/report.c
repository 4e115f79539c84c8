/* report.c - the one line on stderr that says what was wrong. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "polcheck.h"

void msg_set(struct msg *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->text, sizeof(m->text), fmt, ap);
	va_end(ap);
}

void report(const char *fmt, ...)
{
	/* composed first and written at once: one line, even when stderr
	 * is unbuffered and shared */
	char line[MSG_MAX + 128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line + 10, sizeof(line) - 11, fmt, ap);
	va_end(ap);
	memcpy(line, "polcheck: ", 10);
	size_t len = 10 + (n < 0 ? 0 : (size_t)n < sizeof(line) - 11 ?
			   (size_t)n : sizeof(line) - 12);
	line[len++] = '\n';
	fwrite(line, 1, len, stderr);
}

const char *show(struct shown *s, const char *text, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)text;
	const size_t room = sizeof(s->text) - 4;	/* "..." and NUL */
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = u[i];
		/* printable ASCII and whole UTF-8 characters stay as they are */
		size_t keep = c >= 0x20 && c < 0x7F && c != '\\' ? 1 :
			      c >= 0x80 ? utf8_length(u + i, len - i) : 0;
		if (n + (keep ? keep : 4) > room) {
			memcpy(s->text + n, "...", 3);
			n += 3;
			break;
		}
		if (keep) {
			memcpy(s->text + n, text + i, keep);
			n += keep;
			i += keep;
		} else {
			s->text[n++] = '\\';
			s->text[n++] = 'x';
			s->text[n++] = hex[c >> 4];
			s->text[n++] = hex[c & 15];
			i++;
		}
	}
	s->text[n] = '\0';
	return s->text;
}
