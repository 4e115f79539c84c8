/* replace.c - atomic replacement of output files (see replace.h). */
#define _XOPEN_SOURCE 700	/* realpath */
#include "replace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a producer that gave up without a failed write is reported as
 * (it has said why itself, e.g. an internal error). */
static const char not_produced[] = "the output could not be produced";

/* The reason for a failure after produce() and the stream checks: the
 * writer's when a write failed, else the producer's own refusal. */
static const char *failure_reason(const struct writer *w)
{
	return w->failed ? writer_why(w) : not_produced;
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
		writer_flush(&w);
		errno = 0;
		if (f != stdout && fclose(f) != 0)
			writer_fail(&w, errno);
		if (!ok || w.failed)
			*why = failure_reason(&w);
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
	if (writer_flush(&w) && fsync(fd) != 0)
		writer_fail(&w, errno);
	errno = 0;
	if (fclose(f) != 0)
		writer_fail(&w, errno);
	if (ok && !w.failed && (chmod(tmp, mode) != 0 || rename(tmp, path) != 0))
		writer_fail(&w, errno);
	if (!ok || w.failed) {
		unlink(tmp);
		*why = failure_reason(&w);
	}
	free(tmp);
	free(resolved);
	return ok && !w.failed;
}
