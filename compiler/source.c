/* source.c - loading policy files and mapping offsets to lines. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_push(struct source_set *set, struct source *s)
{
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 4;
		struct source **f = realloc(set->files, cap * sizeof(*f));
		if (!f)
			fatal_oom();
		set->files = f;
		set->cap = cap;
	}
	set->files[set->n++] = s;
}

void source_set_free(struct source_set *set)
{
	free(set->files);
	set->files = NULL;
	set->n = set->cap = 0;
}

static void index_lines(struct arena *a, struct source *s)
{
	size_t n = 1;
	for (const char *p = s->text; (p = memchr(p, '\n', (size_t)(s->text + s->len - p))); p++)
		n++;
	s->line_starts = ARENA_ARRAY(a, uint32_t, n);
	s->nlines = n;
	size_t i = 0;
	s->line_starts[i++] = 0;
	for (size_t off = 0; off < s->len; off++)
		if (s->text[off] == '\n')
			s->line_starts[i++] = (uint32_t)(off + 1);
}

static int add(struct arena *a, struct source_set *set, const char *name,
	       char *text, size_t len)
{
	struct source *s = ARENA_NEW(a, struct source);
	s->name = arena_strdup(a, name);
	s->text = text;
	s->len = len;
	index_lines(a, s);
	set_push(set, s);
	return 0;
}

int source_add_text(struct arena *a, struct source_set *set, const char *name,
		    const char *text, size_t len)
{
	if (len > SOURCE_MAX_BYTES)
		return -1;
	char *copy = arena_alloc(a, len + 2);
	memcpy(copy, text, len);
	return add(a, set, name, copy, len);
}

static const char too_large[] = "file too large (limit 512 MiB)";

/* What is left to read of f when it is a regular file: the size check can
 * then refuse a huge (or sparse) file before reading a byte of it.  -1
 * for pipes, terminals and devices, whose size is known only by reading. */
static long long regular_size(FILE *f)
{
	struct stat st;
	int fd = fileno(f);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	off_t at = lseek(fd, 0, SEEK_CUR);	/* "-" may be read from part way */
	long long left = (long long)st.st_size - (at > 0 ? (long long)at : 0);
	return left > 0 ? left : 0;
}

int source_load(struct arena *a, struct source_set *set, const char *path,
		const char **why)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		*why = arena_strdup(a, strerror(errno));
		return -1;
	}
	/* The buffer never grows past the limit, one byte more (to see that
	 * the limit is passed), and the two NULs: /dev/zero is refused after
	 * SOURCE_MAX_BYTES + 1 bytes, not when memory runs out. */
	const size_t most = SOURCE_MAX_BYTES + 3;
	size_t cap = 64 * 1024, len = 0;
	long long size = regular_size(f);
	if (size > (long long)SOURCE_MAX_BYTES) {
		*why = too_large;
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (size >= 0)
		cap = (size_t)size + 3;	/* read in one go, then see the end */
	char *buf = malloc(cap);
	if (!buf)
		fatal_oom();
	for (;;) {
		/* Keep room for the two NULs and at least one byte to read: with
		 * exactly two left, fread would be asked for nothing, return 0
		 * and end the file early (at 65534 bytes). */
		if (cap - len <= 2) {
			cap = cap > most / 2 ? most : cap * 2;
			char *nb = realloc(buf, cap);
			if (!nb)
				fatal_oom();
			buf = nb;
		}
		size_t got = fread(buf + len, 1, cap - len - 2, f);
		len += got;
		if (len > SOURCE_MAX_BYTES) {
			*why = too_large;
			goto fail;
		}
		if (got == 0) {
			if (ferror(f)) {
				*why = arena_strdup(a, strerror(errno ? errno : EIO));
				goto fail;
			}
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	char *text = arena_alloc(a, len + 2);
	memcpy(text, buf, len);
	free(buf);
	return add(a, set, path, text, len);
fail:
	free(buf);
	if (f != stdin)
		fclose(f);
	return -1;
}

size_t source_utf8_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t len;
	unsigned cp;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) { len = 2; cp = p[0] & 0x1F; }
	else if (p[0] >= 0xE0 && p[0] <= 0xEF) { len = 3; cp = p[0] & 0x0F; }
	else if (p[0] >= 0xF0 && p[0] <= 0xF4) { len = 4; cp = p[0] & 0x07; }
	else return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

/* Bytes of a UTF-8 byte-order mark opening the file: it is not shown and
 * takes no column. */
static size_t bom_len(const struct source *s)
{
	return s->len >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

size_t source_char_len(const struct source *s, size_t off)
{
	size_t n = source_utf8_len((const unsigned char *)s->text + off, s->len - off);
	return n ? n : 1;
}

void source_line_col(const struct source *s, uint32_t off, unsigned *line,
		     unsigned *col)
{
	size_t lo = 0, hi = s->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	unsigned c = 0;
	size_t i = s->line_starts[lo];
	if (lo == 0)
		i = bom_len(s);
	/* A column per character as source_char_len divides the line, so a
	 * stray byte of bad UTF-8 counts as one, as diag.c shows it. */
	while (i < off && i < s->len) {
		if (s->text[i] == '\t')
			c = (c / 8 + 1) * 8;
		else
			c++;
		i += source_char_len(s, i);
	}
	*col = c + 1;
}

const char *source_line_text(const struct source *s, unsigned line, size_t *len)
{
	if (line == 0 || line > s->nlines) {
		*len = 0;
		return "";
	}
	size_t start = line == 1 ? bom_len(s) : s->line_starts[line - 1];
	size_t end = line < s->nlines ? s->line_starts[line] : s->len;
	while (end > start && (s->text[end - 1] == '\n' || s->text[end - 1] == '\r'))
		end--;
	*len = end - start;
	return s->text + start;
}
