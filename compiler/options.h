/* options.h - the command-line options shared by polc's commands. */
#ifndef POL_OPTIONS_H
#define POL_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

/* Which options a command accepts. */
enum {
	OPT_WERROR = 1 << 0,		/* -Werror */
	OPT_OUTPUT = 1 << 1,		/* -o FILE */
	OPT_HEADER = 1 << 2,		/* --header FILE */
	OPT_SYMBOL = 1 << 3,		/* --symbol NAME */
	OPT_NAME = 1 << 4,		/* --name TEXT */
	OPT_FORMAT = 1 << 5,		/* --diagnostics-format=text|json|sarif */
	OPT_COVERAGE = 1 << 6,		/* --coverage */
	OPT_JSON = 1 << 7,		/* --json */
	OPT_STRATEGY = 1 << 8,		/* --strategy=auto|lookup|cubes */
	OPT_TODAY = 1 << 9,		/* --today DATE, else SOURCE_DATE_EPOCH */
};

struct options {
	bool werror, coverage, json;
	const char *output, *header, *symbol, *name;
	enum diag_format format;
	const char *strategy;
	int32_t today;		/* day number, or POL_NO_DATE when not said */
	int nfiles;
	char **files;
	int nfiles2;		/* diff: files after "--" */
	char **files2;
};

/* Parse the arguments after the command.  `allowed` is a mask of OPT_*;
 * with `split` set, files after "--" go to files2.  Prints the problem
 * and returns 2 on bad usage, else 0. */
int options_parse(int argc, char **argv, unsigned allowed, bool split,
		  struct options *o);

#endif
