/* main.c - polc, the pol compiler: command-line entry point. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "version.h"

static const char usage[] =
	"usage: polc COMMAND [OPTIONS] FILE...\n"
	"\n"
	"Commands:\n"
	"  check FILE...     parse and check a policy set; report every problem\n"
	"\n"
	"Options:\n"
	"  -Werror           treat warnings as errors\n"
	"  -h, --help        show this help and exit\n"
	"  -V, --version     show the version and exit\n"
	"\n"
	"Exit status: 0 clean, 1 errors in the policy, 2 bad usage or I/O error.\n";

struct options {
	bool werror;
	int nfiles;
	char **files;
};

/* Options and files after the command; exit status 2 on bad usage. */
static int parse_options(int argc, char **argv, struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->files = argv;
	bool files_only = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!files_only && a[0] == '-' && a[1] != '\0') {
			if (strcmp(a, "--") == 0)
				files_only = true;
			else if (strcmp(a, "-Werror") == 0)
				o->werror = true;
			else {
				fprintf(stderr, "polc: unknown option '%s'\n"
					"Try 'polc --help' for more information.\n", a);
				return 2;
			}
			continue;
		}
		o->files[o->nfiles++] = argv[i];
	}
	if (o->nfiles == 0) {
		fputs("polc: no policy files given\n"
		      "Try 'polc --help' for more information.\n", stderr);
		return 2;
	}
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	struct options o;
	int rc = parse_options(argc, argv, &o);
	if (rc)
		return rc;
	struct compilation c;
	compilation_init(&c);
	c.diags.werror = o.werror;
	if (!compilation_load(&c, o.nfiles, o.files)) {
		compilation_free(&c);
		return 2;
	}
	compilation_check(&c);
	diags_print(&c.diags, stderr, DIAG_TEXT, "polc");
	rc = diags_failures(&c.diags) ? 1 : 0;
	compilation_free(&c);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return ferror(stdout) ? 2 : 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("polc %s\n", POL_VERSION);
		return ferror(stdout) ? 2 : 0;
	}
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	fprintf(stderr, "polc: unknown command '%s'\n"
		"Try 'polc --help' for more information.\n", cmd);
	return 2;
}
