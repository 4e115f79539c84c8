/* writer.c - sticky-error output and escaping.
 *
 * Only the C library is used here: polcheck links this file too.  Files
 * are replaced atomically by replace.c.
 */
#include "writer.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

void writer_init(struct writer *w, FILE *f)
{
	w->f = f;
	w->failed = false;
	w->err = 0;
}

void writer_fail(struct writer *w, int err)
{
	if (!w->failed)
		w->err = err;
	w->failed = true;
}

void emit(struct writer *w, const char *fmt, ...)
{
	if (w->failed || !w->f)
		return;
	va_list ap;
	va_start(ap, fmt);
	errno = 0;
	if (vfprintf(w->f, fmt, ap) < 0)
		writer_fail(w, errno);
	va_end(ap);
}

void writer_write(struct writer *w, const void *s, size_t n)
{
	if (w->failed || !w->f || !n)
		return;
	errno = 0;
	if (fwrite(s, 1, n, w->f) != n)
		writer_fail(w, errno);
}

static void put(struct writer *w, const char *s, size_t n)
{
	writer_write(w, s, n);
}

bool writer_flush(struct writer *w)
{
	if (!w->f)
		return !w->failed;
	errno = 0;
	if (fflush(w->f) != 0 || ferror(w->f))
		writer_fail(w, errno);
	return !w->failed;
}

const char *writer_why(const struct writer *w)
{
	return strerror(w->err ? w->err : EIO);
}

void emit_c_string(struct writer *w, const char *s, size_t len)
{
	if (!s) {
		put(w, "NULL", 4);
		return;
	}
	char buf[8];
	put(w, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf[0] = '\\';
			buf[1] = (char)c;
			put(w, buf, 2);
		} else if (c == '?') {
			put(w, "\\?", 2);	/* no trigraph can form */
		} else if (c >= 0x20 && c < 0x7F) {
			put(w, (const char *)&c, 1);
		} else {
			/* always three octal digits, so a digit after it
			 * cannot join the escape */
			snprintf(buf, sizeof(buf), "\\%03o", c);
			put(w, buf, 4);
		}
	}
	put(w, "\"", 1);
}

size_t comment_text_step(const char *p, char out[COMMENT_STEP_MAX],
			 size_t *out_len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c = (unsigned char)*p;
	if ((c == '*' && p[1] == '/') || (c == '/' && p[1] == '*')) {
		out[0] = (char)c;
		out[1] = '_';
		*out_len = 2;
		return 2;
	}
	if (c < 0x20 || c >= 0x7F || c == '\\') {
		/* "\x" and two digits: never a backslash before a line end */
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[c >> 4];
		out[3] = hex[c & 15];
		*out_len = 4;
		return 1;
	}
	out[0] = (char)c;
	*out_len = 1;
	return 1;
}

void emit_comment_text(struct writer *w, const char *s)
{
	for (const char *p = s; *p;) {
		char out[COMMENT_STEP_MAX];
		size_t len;
		p += comment_text_step(p, out, &len);
		put(w, out, len);
	}
}

void emit_json_string(struct writer *w, const char *s, size_t len)
{
	char buf[8];
	put(w, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf[0] = '\\';
			buf[1] = (char)c;
			put(w, buf, 2);
		} else if (c == '\n') {
			put(w, "\\n", 2);
		} else if (c == '\t') {
			put(w, "\\t", 2);
		} else if (c < 0x20 || c == 0x7F) {
			snprintf(buf, sizeof(buf), "\\u%04x", c);
			put(w, buf, 6);
		} else {
			put(w, (const char *)&c, 1);
		}
	}
	put(w, "\"", 1);
}
