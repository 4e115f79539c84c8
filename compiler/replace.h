/* replace.h - writing output files so that a reader never sees half of
 * one, nor half of a pair: each to a temporary in its own directory,
 * renamed over the file when every one is complete. */
#ifndef POL_REPLACE_H
#define POL_REPLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "writer.h"

/* Writes the whole of one output through w; false if it could not (a
 * failed write leaves w failed, which says why). */
typedef bool (*writer_produce)(struct writer *w, void *arg);

struct output {
	const char *path;		/* as given; "-" is standard output */
	writer_produce produce;
	void *arg;
};

/* Write every output, all of them or none.
 *
 * A regular file (or a name not yet taken) is written to a temporary in
 * the same directory, registered with tmpfiles.h so that a signal removes
 * it.  Through a symbolic link, the file it names is the one replaced.  A
 * file replaced keeps its permission bits (0777: never setuid, setgid or
 * sticky); a new one gets 0666 less the umask.  Standard output ("-") and
 * names that are not regular files (a device, a pipe) are written in
 * place, after every temporary is complete, since they cannot be undone.
 *
 * Only when everything has been written are the temporaries renamed over
 * their files, with the handled signals held.  If a rename fails after
 * others worked, those are undone: each file replaced is restored from a
 * hard link made to it beforehand, each file new is removed.  So after a
 * failure no output is new, unless the failure came too late for that: an
 * output written in place, a file on a file system without hard links,
 * or a restore that failed itself (said on stderr).
 *
 * On failure returns false, *failed is the path of the output that failed
 * and *why (never NULL) says what went wrong; no temporary is left. */
bool write_outputs_atomic(const struct output *outs, size_t n,
			  const char **failed, const char **why);

/* write_outputs_atomic() of one output. */
bool write_file_atomic(const char *path, writer_produce produce, void *arg,
		       const char **why);

/* The file a write to path replaces: the target of a symbolic link, else
 * path itself; malloc'd.  NULL with *why set if a link cannot be
 * followed. */
char *replace_target(const char *path, const char **why);

#endif
