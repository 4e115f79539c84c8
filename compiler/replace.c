/* replace.c - atomic replacement of output files (see replace.h). */
#define _XOPEN_SOURCE 700	/* realpath, strdup */
#include "replace.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "tmpfiles.h"

/* What a producer that gave up without a failed write is reported as
 * (it has said why itself, e.g. an internal error). */
static const char not_produced[] = "the output could not be produced";

/* One output on its way to its file. */
struct staged {
	const struct output *o;
	bool direct;		/* written in place: stdout, a device, a pipe */
	char *target;		/* the file replaced (a symbolic link followed) */
	char *tmp;		/* its new contents, complete, until renamed */
	char *backup;		/* a hard link to the file replaced, or NULL */
	bool existed;		/* target was there before */
	bool renamed;		/* tmp is now target */
};

/* The reason for a failure after produce() and the stream checks: the
 * writer's when a write failed, else the producer's own refusal. */
static const char *failure_reason(const struct writer *w)
{
	return w->failed ? writer_why(w) : not_produced;
}

/* path + suffix + "XXXXXX", for tmpfiles_mkstemp; malloc'd. */
static char *temp_name(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	char *t = malloc(n + k + 7);
	if (!t)
		fatal_oom();
	memcpy(t, path, n);
	memcpy(t + n, suffix, k);
	memcpy(t + n + k, "XXXXXX", 7);
	return t;
}

char *replace_target(const char *path, const char **why)
{
	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		char *resolved = realpath(path, NULL);
		if (!resolved)
			*why = strerror(errno);
		return resolved;
	}
	char *copy = strdup(path);
	if (!copy)
		fatal_oom();
	return copy;
}

/* Standard output, a device or a pipe: no temporary can stand in for
 * it, and renaming one over it would replace the device's name. */
static bool is_direct(const char *path)
{
	struct stat st;
	return strcmp(path, "-") == 0 || (stat(path, &st) == 0 && !S_ISREG(st.st_mode));
}

/* Write s->o in place. */
static bool write_direct(const struct staged *s, const char **why)
{
	bool out = strcmp(s->o->path, "-") == 0;
	FILE *f = out ? stdout : fopen(s->o->path, "w");
	if (!f) {
		*why = strerror(errno);
		return false;
	}
	struct writer w;
	writer_init(&w, f);
	bool made = s->o->produce(&w, s->o->arg);
	writer_flush(&w);
	errno = 0;
	if (!out && fclose(f) != 0)
		writer_fail(&w, errno);
	if (made && !w.failed)
		return true;
	*why = failure_reason(&w);
	return false;
}

/* Write s->o, complete and on disk, to a temporary beside its target,
 * with the permission bits the target is to have. */
static bool stage(struct staged *s, const char **why)
{
	s->target = replace_target(s->o->path, why);
	if (!s->target)
		return false;
	/* a file replaced keeps its permission bits, only those: a setuid,
	 * setgid or sticky bit means nothing on generated text, and could
	 * mean harm on a file someone else may run; a new file gets what
	 * fopen would give it */
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = 0666 & ~mask;
	struct stat st;
	s->existed = stat(s->target, &st) == 0;
	if (s->existed)
		mode = st.st_mode & 0777;

	s->tmp = temp_name(s->target, ".tmp.");
	int fd = tmpfiles_mkstemp(s->tmp);
	if (fd < 0) {
		*why = strerror(errno);
		free(s->tmp);
		s->tmp = NULL;
		return false;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		*why = strerror(errno);
		close(fd);
		return false;	/* the caller removes s->tmp */
	}
	struct writer w;
	writer_init(&w, f);
	bool made = s->o->produce(&w, s->o->arg);
	if (writer_flush(&w) && (fchmod(fd, mode) != 0 || fsync(fd) != 0))
		writer_fail(&w, errno);
	errno = 0;
	if (fclose(f) != 0)
		writer_fail(&w, errno);
	if (made && !w.failed)
		return true;
	*why = failure_reason(&w);
	return false;
}

/* A hard link to s->target under a registered name of our own, so that
 * the file can be put back.  None (s->backup stays NULL) when the file
 * system has no hard links or the name was taken meanwhile. */
static void make_backup(struct staged *s)
{
	char *b = temp_name(s->target, ".old.");
	int fd = tmpfiles_mkstemp(b);
	if (fd < 0) {
		free(b);
		return;
	}
	close(fd);
	if (unlink(b) == 0 && link(s->target, b) == 0) {
		s->backup = b;
		return;
	}
	tmpfiles_remove(b);
	free(b);
}

/* Put back what was at s->target before s->tmp was renamed over it. */
static void undo(struct staged *s)
{
	int rc;
	if (s->backup) {
		rc = tmpfiles_rename(s->backup, s->target);
		if (rc == 0) {
			free(s->backup);
			s->backup = NULL;
		}
	} else if (!s->existed) {
		rc = unlink(s->target);
	} else {
		rc = -1;
		errno = ENOTSUP;	/* no hard link could keep it */
	}
	if (rc != 0)
		fprintf(stderr, "polc: cannot restore '%s', it is the new one: %s\n",
			s->o->path, strerror(errno));
}

/* Rename every temporary over its file, or (a rename failing) none:
 * with the handled signals held, so no signal comes between two. */
static bool commit(struct staged *v, size_t n, const char **failed, const char **why)
{
	sigset_t old;
	tmpfiles_hold(&old);
	size_t nstaged = 0;
	for (size_t i = 0; i < n; i++)
		nstaged += v[i].tmp != NULL;
	if (nstaged > 1)
		for (size_t i = 0; i < n; i++)
			if (v[i].tmp && v[i].existed)
				make_backup(&v[i]);
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		if (!v[i].tmp)
			continue;
		if (tmpfiles_rename(v[i].tmp, v[i].target) == 0) {
			free(v[i].tmp);
			v[i].tmp = NULL;
			v[i].renamed = true;
		} else {
			*failed = v[i].o->path;
			*why = strerror(errno);
			ok = false;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!ok && v[i].renamed)
			undo(&v[i]);
		if (v[i].backup) {
			tmpfiles_remove(v[i].backup);
			free(v[i].backup);
			v[i].backup = NULL;
		}
	}
	tmpfiles_release(&old);
	return ok;
}

bool write_outputs_atomic(const struct output *outs, size_t n,
			  const char **failed, const char **why)
{
	struct staged *v = calloc(n ? n : 1, sizeof(*v));
	if (!v)
		fatal_oom();
	for (size_t i = 0; i < n; i++) {
		v[i].o = &outs[i];
		v[i].direct = is_direct(outs[i].path);
	}
	bool ok = true;
	/* the files that can wait, then those that cannot */
	for (size_t i = 0; i < n && ok; i++)
		if (!v[i].direct && !stage(&v[i], why)) {
			*failed = outs[i].path;
			ok = false;
		}
	for (size_t i = 0; i < n && ok; i++)
		if (v[i].direct && !write_direct(&v[i], why)) {
			*failed = outs[i].path;
			ok = false;
		}
	if (ok)
		ok = commit(v, n, failed, why);
	for (size_t i = 0; i < n; i++) {
		if (v[i].tmp)
			tmpfiles_remove(v[i].tmp);
		free(v[i].tmp);
		free(v[i].target);
	}
	free(v);
	return ok;
}

bool write_file_atomic(const char *path, writer_produce produce, void *arg,
		       const char **why)
{
	struct output o = { path, produce, arg };
	const char *failed;
	return write_outputs_atomic(&o, 1, &failed, why);
}
