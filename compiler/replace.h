/* replace.h - writing output files so that a reader never sees half of
 * one: to a temporary in the same directory, renamed over the file when
 * it is complete. */
#ifndef POL_REPLACE_H
#define POL_REPLACE_H

#include <stdbool.h>

#include "writer.h"

/* Writes the whole of one output through w; false if it could not (a
 * failed write leaves w failed, which says why). */
typedef bool (*writer_produce)(struct writer *w, void *arg);

/* Write what `produce` makes to path atomically: to a temporary file in
 * the same directory, renamed over path on success.  Paths that are not
 * regular files (a device, a pipe, "-" for stdout) are written directly;
 * through a symbolic link, its target is replaced; a replaced file keeps
 * its permissions.  On failure nothing is left behind, an existing file
 * is untouched, and *why (never NULL then) says what went wrong. */
bool write_file_atomic(const char *path, writer_produce produce, void *arg,
		       const char **why);

#endif
