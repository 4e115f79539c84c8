/* tmpfiles.h - the temporary files and directories polc has made and not
 * yet renamed or removed, so that SIGHUP, SIGINT, SIGTERM or SIGPIPE do
 * not leave them behind.
 *
 * Every function here changes the registry with those signals held, so a
 * handler never sees half an entry and no temporary exists unregistered:
 * tmpfiles_mkstemp() registers the name before the file is made.  When a
 * signal comes, the handler forwards it to the child registered (build's
 * C compiler) and waits for it, removes the registered names newest
 * first, restores the signal's default action and raises it again, so
 * polc's exit status is the signal's.  A signal ignored when the first
 * temporary is made (nohup, a background job) stays ignored.
 */
#ifndef POL_TMPFILES_H
#define POL_TMPFILES_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* How many names can be registered at once (polc needs at most five). */
#define TMPFILES_MAX 16

/* mkstemp(), the file registered; the descriptor, or -1 with errno set
 * (EMFILE when the registry is full, ENAMETOOLONG for a long name). */
int tmpfiles_mkstemp(char *template);
/* mkdtemp(), the directory registered (removed with rmdir, so only once
 * the files registered in it after it are gone); NULL with errno set. */
char *tmpfiles_mkdtemp(char *template);
/* Register a name something else will make (the linker's output); false
 * with errno set if it cannot be.  Removing a name that is not there is
 * harmless. */
bool tmpfiles_add(const char *path);
/* Remove path (unlink, or rmdir for a directory registered) and forget
 * it.  0 or -1 with errno set, as unlink or rmdir. */
int tmpfiles_remove(const char *path);
/* rename(path, to) and, if that worked, forget path: it is no longer a
 * temporary.  0 or -1 with errno set, as rename. */
int tmpfiles_rename(const char *path, const char *to);

/* The process a signal is forwarded to, and waited for, before the
 * temporaries it may be writing are removed; 0 for none. */
void tmpfiles_set_child(pid_t pid);

/* Hold the signals the registry handles (install its handlers first), and
 * let them come again: for a few steps that must not be cut in two, such
 * as renaming a pair of files.  Holds nest; release with what hold gave. */
void tmpfiles_hold(sigset_t *old);
void tmpfiles_release(const sigset_t *old);

#endif
