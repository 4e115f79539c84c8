/* writer.h - writing generated code: printf with a sticky error flag, and
 * escaping of every string that comes from a policy.
 */
#ifndef POL_WRITER_H
#define POL_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct writer {
	FILE *f;		/* NULL: a sink that discards everything */
	bool failed;		/* a write failed; later writes do nothing */
	int err;		/* the errno of that failure; 0 if none said */
};

void writer_init(struct writer *w, FILE *f);
void emit(struct writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The n bytes at s, as they are. */
void writer_write(struct writer *w, const void *s, size_t n);
/* Mark w failed, err (an errno value, or 0) saying why; the first
 * failure is the one kept.  For writers that test a stream themselves. */
void writer_fail(struct writer *w, int err);
/* Flush the stream; false (w failed, with the reason kept) if anything
 * written through w, or to its stream by anyone, was lost. */
bool writer_flush(struct writer *w);
/* Why w failed, for a message: strerror of the errno kept, or of EIO when
 * the stream gave none.  Never NULL. */
const char *writer_why(const struct writer *w);
/* A C string literal holding exactly the bytes s[0..len), or NULL when s
 * is NULL.  Quotes, backslashes, '?' (trigraphs), control and non-ASCII
 * bytes are escaped as octal; nothing in s can end the literal.  Strings
 * longer than a C compiler must accept in one literal are written as a
 * brace-enclosed character list by emit_c instead (see emit_c.c). */
void emit_c_string(struct writer *w, const char *s, size_t len);
/* Text for inside a C comment: names only.  "*" + "/" and "/" + "*"
 * become "*_" and "/_", so the text can neither close a comment nor open
 * one.  A backslash (which could splice lines), control bytes and every
 * byte from 0x80 up are written as \xNN, so the comment is plain ASCII:
 * no bidirectional control (U+202E) can reorder what a reader of the
 * generated file sees, and gcc's -Wbidi-chars has nothing to reject. */
void emit_comment_text(struct writer *w, const char *s);
/* The rule behind emit_comment_text, for writers of their own: what to
 * write for the text at p (not at its end), in out[0..*out_len); returns
 * how many bytes of p that stands for. */
#define COMMENT_STEP_MAX 4	/* the most written for one step */
size_t comment_text_step(const char *p, char out[COMMENT_STEP_MAX],
			 size_t *out_len);
/* A JSON string (RFC 8259): quotes, backslashes and control bytes
 * escaped; UTF-8 passes through. */
void emit_json_string(struct writer *w, const char *s, size_t len);

#endif
