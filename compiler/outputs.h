/* outputs.h - a command's output names, checked before anything is read
 * or written: none may be one of the inputs, or another output. */
#ifndef POL_OUTPUTS_H
#define POL_OUTPUTS_H

#include <stddef.h>

struct named_output {
	const char *path;	/* NULL (none) and "-" (standard output) pass */
	const char *what;	/* for messages: "-o", "--header", "the header" */
};

/* 0 when no output is an input or an earlier output; else prints one
 * line, "polc: -o 'a.pol' would overwrite the input 'a.pol'", and
 * returns 2.  Names are compared as the files they are, not as strings:
 * by device and inode when both exist (so ./a.pol, a hard link and a
 * symbolic link to a.pol are all a.pol; an input "-" is standard input's
 * file), and by the path resolved (directory through realpath, then the
 * name) when neither exists yet.  Only regular files and names not yet
 * taken can clash: writing to /dev/null twice destroys nothing. */
int outputs_check(const struct named_output *outs, size_t nouts,
		  char *const inputs[], int ninputs);

#endif
