/* tmpfiles.c - the registry of temporaries, and the signal handler that
 * removes them (see tmpfiles.h).
 *
 * This is the one place in polc with state outside any function's
 * arguments, and it must be: a signal handler is called with the signal
 * number alone, so what it is to remove has to be where it can find it.
 * Hence a fixed array of fixed-size names, filled and emptied only with
 * the handled signals held, and read by the handler with nothing but
 * async-signal-safe calls (unlink, rmdir, kill, waitpid, sigaction,
 * sigprocmask, raise).  No malloc: a handler must not call it, and a
 * full registry is an error the caller reports, not a crash.
 */
#include "tmpfiles.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* The signals handled: those that end a run from the terminal, the
 * session or a supervisor, and a closed pipe on standard output, which
 * `polc compile -o - --header H` may meet while H's temporary exists. */
static const int handled[] = { SIGHUP, SIGINT, SIGTERM, SIGPIPE };
#define NHANDLED (sizeof(handled) / sizeof(handled[0]))

struct entry {
	volatile sig_atomic_t used;	/* set last when filled, cleared first */
	bool dir;			/* rmdir, not unlink */
	char path[PATH_MAX];
};

/* The registry (see the banner for why it is static). */
static struct entry entries[TMPFILES_MAX];
static volatile sig_atomic_t nentries;	/* entries[0..nentries) may be used */
static volatile pid_t child;		/* forwarded to, or 0 */
static bool installed;			/* handlers installed (once) */

static void on_signal(int sig)
{
	pid_t pid = child;
	if (pid > 0) {
		kill(pid, sig);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	for (int i = (int)nentries - 1; i >= 0; i--) {
		if (!entries[i].used)
			continue;
		if (entries[i].dir)
			rmdir(entries[i].path);
		else
			unlink(entries[i].path);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);	/* not reached: the default action ends polc */
}

static void handled_set(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < NHANDLED; i++)
		sigaddset(set, handled[i]);
}

/* Install the handler for each signal not ignored already.  While one
 * signal is handled the others are held, so the handler runs once. */
static void install(void)
{
	if (installed)
		return;
	installed = true;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	handled_set(&sa.sa_mask);
	for (size_t i = 0; i < NHANDLED; i++) {
		struct sigaction old;
		if (sigaction(handled[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(handled[i], &sa, NULL);
	}
}

void tmpfiles_hold(sigset_t *old)
{
	install();
	sigset_t set;
	handled_set(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

void tmpfiles_release(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* A free entry for path, filled but not yet marked used; NULL with errno
 * set.  Signals are held by the caller. */
static struct entry *take(const char *path)
{
	size_t n = strlen(path);
	if (n >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	int i = 0;
	while (i < (int)nentries && entries[i].used)
		i++;
	if (i == TMPFILES_MAX) {
		errno = EMFILE;
		return NULL;
	}
	memcpy(entries[i].path, path, n + 1);
	entries[i].dir = false;
	if (i == (int)nentries)
		nentries = i + 1;
	return &entries[i];
}

static struct entry *find(const char *path)
{
	for (int i = (int)nentries - 1; i >= 0; i--)
		if (entries[i].used && strcmp(entries[i].path, path) == 0)
			return &entries[i];
	return NULL;
}

/* Forget e; the last entries freed shrink the part the handler reads. */
static void forget(struct entry *e)
{
	e->used = 0;
	while (nentries > 0 && !entries[nentries - 1].used)
		nentries--;
}

int tmpfiles_mkstemp(char *template)
{
	sigset_t old;
	tmpfiles_hold(&old);
	int fd = -1;
	struct entry *e = take(template);
	if (e) {
		fd = mkstemp(template);
		if (fd >= 0) {
			/* the name mkstemp chose has the template's length */
			memcpy(e->path, template, strlen(template) + 1);
			e->used = 1;
		} else {
			forget(e);
		}
	}
	int err = errno;
	tmpfiles_release(&old);
	errno = err;
	return fd;
}

char *tmpfiles_mkdtemp(char *template)
{
	sigset_t old;
	tmpfiles_hold(&old);
	char *dir = NULL;
	struct entry *e = take(template);
	if (e) {
		dir = mkdtemp(template);
		if (dir) {
			memcpy(e->path, template, strlen(template) + 1);
			e->dir = true;
			e->used = 1;
		} else {
			forget(e);
		}
	}
	int err = errno;
	tmpfiles_release(&old);
	errno = err;
	return dir;
}

bool tmpfiles_add(const char *path)
{
	sigset_t old;
	tmpfiles_hold(&old);
	struct entry *e = take(path);
	if (e)
		e->used = 1;
	int err = errno;
	tmpfiles_release(&old);
	errno = err;
	return e != NULL;
}

int tmpfiles_remove(const char *path)
{
	sigset_t old;
	tmpfiles_hold(&old);
	struct entry *e = find(path);
	int rc = e && e->dir ? rmdir(path) : unlink(path);
	int err = errno;
	if (e)
		forget(e);
	tmpfiles_release(&old);
	errno = err;
	return rc;
}

int tmpfiles_rename(const char *path, const char *to)
{
	sigset_t old;
	tmpfiles_hold(&old);
	int rc = rename(path, to);
	int err = errno;
	struct entry *e = rc == 0 ? find(path) : NULL;
	if (e)
		forget(e);
	tmpfiles_release(&old);
	errno = err;
	return rc;
}

void tmpfiles_set_child(pid_t pid)
{
	sigset_t old;
	tmpfiles_hold(&old);
	child = pid;
	tmpfiles_release(&old);
}
