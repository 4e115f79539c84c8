/* writer.c - sticky-error output, escaping, atomic replacement. */
#define _XOPEN_SOURCE 700	/* realpath */
#include "writer.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void writer_init(struct writer *w, FILE *f)
{
	w->f = f;
	w->failed = false;
}

void emit(struct writer *w, const char *fmt, ...)
{
	if (w->failed || !w->f)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vfprintf(w->f, fmt, ap) < 0)
		w->failed = true;
	va_end(ap);
}

static void put(struct writer *w, const char *s, size_t n)
{
	if (!w->failed && w->f && n && fwrite(s, 1, n, w->f) != n)
		w->failed = true;
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

size_t comment_text_step(const char *p, const char **out, size_t *out_len)
{
	unsigned char c = (unsigned char)*p;
	if ((c == '*' && p[1] == '/') || (c == '/' && p[1] == '*')) {
		*out = c == '*' ? "*_" : "/_";
		*out_len = 2;
		return 2;
	}
	/* a backslash could splice lines */
	*out = c < 0x20 || c == 0x7F || c == '\\' ? "?" : p;
	*out_len = 1;
	return 1;
}

void emit_comment_text(struct writer *w, const char *s)
{
	for (const char *p = s; *p;) {
		const char *out;
		size_t len;
		p += comment_text_step(p, &out, &len);
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

bool write_file_atomic(const char *path, writer_produce produce, void *arg,
		       const char **why)
{
	struct writer w;
	struct stat st;
	bool direct = strcmp(path, "-") == 0 ||
		      (stat(path, &st) == 0 && !S_ISREG(st.st_mode));
	if (direct) {
		FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
		if (!f) {
			*why = strerror(errno);
			return false;
		}
		writer_init(&w, f);
		bool ok = produce(&w, arg);
		errno = 0;
		if (fflush(f) != 0 || ferror(f))
			w.failed = true;
		int err = errno;
		if (f != stdout && fclose(f) != 0 && !w.failed) {
			w.failed = true;
			err = errno;
		}
		if (ok && w.failed)
			*why = strerror(err ? err : EIO);
		return ok && !w.failed;
	}

	/* through a symbolic link, the file it names is the one replaced */
	char *resolved = NULL;
	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		resolved = realpath(path, NULL);
		if (!resolved) {
			*why = strerror(errno);
			return false;
		}
		path = resolved;
	}
	/* a file replaced keeps its permissions; a new one gets the umask's */
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = 0666 & ~mask;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		mode = st.st_mode & 07777;

	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp) {
		*why = strerror(ENOMEM);
		free(resolved);
		return false;
	}
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp.XXXXXX", 12);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*why = strerror(errno);
		free(tmp);
		free(resolved);
		return false;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		*why = strerror(errno);
		close(fd);
		unlink(tmp);
		free(tmp);
		free(resolved);
		return false;
	}
	writer_init(&w, f);
	bool ok = produce(&w, arg);
	int err = 0;
	if (fflush(f) != 0 || ferror(f) || fsync(fd) != 0) {
		w.failed = true;
		err = errno;
	}
	if (fclose(f) != 0 && !w.failed) {
		w.failed = true;
		err = errno;
	}
	if (ok && !w.failed) {
		if (chmod(tmp, mode) != 0 || rename(tmp, path) != 0) {
			err = errno;
			w.failed = true;
		}
	}
	if (!ok || w.failed) {
		unlink(tmp);
		if (ok)
			*why = strerror(err ? err : EIO);
	}
	free(tmp);
	free(resolved);
	return ok && !w.failed;
}
