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
};

void writer_init(struct writer *w, FILE *f);
void emit(struct writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A C string literal holding exactly the bytes s[0..len), or NULL when s
 * is NULL.  Quotes, backslashes, '?' (trigraphs), control and non-ASCII
 * bytes are escaped as octal; nothing in s can end the literal.  Strings
 * longer than a C compiler must accept in one literal are written as a
 * brace-enclosed character list by emit_c instead (see emit_c.c). */
void emit_c_string(struct writer *w, const char *s, size_t len);
/* Text for inside a C comment: names only, with "*" + "/" and control
 * bytes replaced, so a file name cannot close the comment. */
void emit_comment_text(struct writer *w, const char *s);
/* The rule behind emit_comment_text, for writers of their own: what to
 * write for the text at p (not at its end), in *out and *out_len; returns
 * how many bytes of p that stands for. */
size_t comment_text_step(const char *p, const char **out, size_t *out_len);
/* A JSON string (RFC 8259): quotes, backslashes and control bytes
 * escaped; UTF-8 passes through. */
void emit_json_string(struct writer *w, const char *s, size_t len);

/* Write `size` bytes produced by `produce` to path atomically: to a
 * temporary file in the same directory, renamed over path on success.
 * Paths that are not regular files (a device, a pipe, "-" for stdout) are
 * written directly; through a symbolic link, its target is replaced; a
 * replaced file keeps its permissions.  On failure nothing is left behind,
 * an existing file is untouched, and *why says what went wrong. */
typedef bool (*writer_produce)(struct writer *w, void *arg);
bool write_file_atomic(const char *path, writer_produce produce, void *arg,
		       const char **why);

#endif
