/* source.h - policy source files and locations within them.
 *
 * A location is a byte span in one file; lines and columns are computed
 * only when a diagnostic is printed (the way jq's locfile does it).
 */
#ifndef POL_SOURCE_H
#define POL_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct pol_loc {
	uint32_t file;		/* index into the source set */
	uint32_t start, end;	/* byte offsets, end exclusive */
};

struct source {
	const char *name;	/* path as given by the user */
	char *text;		/* contents followed by two NUL bytes */
	size_t len;		/* length without the NULs */
	uint32_t *line_starts;	/* byte offset of each line's first byte */
	size_t nlines;
};

struct source_set {
	struct source **files;
	size_t n, cap;
};

/* Largest policy file accepted; offsets must fit in 32 bits. */
#define SOURCE_MAX_BYTES ((size_t)512 * 1024 * 1024)

/* Read a file ("-" is standard input) into the set.  On failure returns
 * -1 and sets *why to a message (static or arena string); nothing added.
 * A regular file larger than SOURCE_MAX_BYTES is refused before anything
 * is read; a pipe or device is read only until it has passed the limit,
 * so memory stays within the limit and a few bytes. */
int source_load(struct arena *a, struct source_set *set, const char *path,
		const char **why);
/* Add an in-memory text (for tests and the fuzzer). */
int source_add_text(struct arena *a, struct source_set *set, const char *name,
		    const char *text, size_t len);
void source_set_free(struct source_set *set);

/* Length of the well-formed UTF-8 sequence at p (n > 0 bytes there), or 0.
 * Overlong forms, surrogates and code points above U+10FFFF are refused. */
size_t source_utf8_len(const unsigned char *p, size_t n);
/* Bytes of the character at off (off < s->len): a UTF-8 sequence, or one
 * byte that is not valid UTF-8. */
size_t source_char_len(const struct source *s, size_t off);

/* 1-based line and display column (tabs to multiples of 8, one column per
 * UTF-8 code point or invalid byte; a byte-order mark opening the file
 * takes none) of a byte offset. */
void source_line_col(const struct source *s, uint32_t off, unsigned *line,
		     unsigned *col);
/* Line number `line`, without its line end (nor, for line 1, a
 * byte-order mark). */
const char *source_line_text(const struct source *s, unsigned line,
			     size_t *len);

#endif
