/* main.c - polc, the pol compiler: command-line entry point. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "driver.h"
#include "version.h"
#include "writer.h"

static const char usage[] =
	"usage: polc COMMAND [OPTIONS] FILE...\n"
	"\n"
	"Commands:\n"
	"  check FILE...             parse and check a policy set; report every problem\n"
	"  compile FILE... -o OUT.c  write the policy as C tables (and OUT.h)\n"
	"  build FILE... -o CHECKER  compile and link a polcheck for the policy\n"
	"  test FILE...              run the policy's expect and assert statements\n"
	"  diff OLD... -- NEW...     the decisions that differ between two versions\n"
	"  fmt [--check | -w] FILE... print (--check: list, -w: rewrite) files in the\n"
	"                            canonical layout\n"
	"  doc FILE... -o OUT.html   the policy as a page to publish (OUT.md: Markdown)\n"
	"\n"
	"Options:\n"
	"  -Werror                   treat warnings as errors\n"
	"  --diagnostics-format=text|json|sarif\n"
	"                            check, test: how problems are reported (json and\n"
	"                            sarif go to standard output)\n"
	"  -o FILE                   compile: the C file to write ('-': stdout);\n"
	"                            doc: the page (.html or .md)\n"
	"  --header FILE             compile: the header (default: OUT with .h)\n"
	"  --symbol NAME             compile: the policy object's name (pol_policy_data)\n"
	"  --name TEXT               compile: the policy set's name, for messages;\n"
	"                            doc: the page's title\n"
	"  --strategy=auto|lookup|cubes\n"
	"                            compile: how contact decisions are tabulated\n"
	"  --coverage                test: list rules and entries no test exercises\n"
	"  --json                    diff: the changes as JSON\n"
	"  -h, --help                show this help and exit\n"
	"  -V, --version             show the version and exit\n"
	"\n"
	"Several files given together form one policy set.\n"
	"Exit status: 0 clean, 1 errors in the policy, 2 bad usage or I/O error.\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "check", cmd_check },
	{ "compile", cmd_compile },
	{ "test", cmd_test },
	{ "diff", cmd_diff },
	{ "fmt", cmd_fmt },
	{ "doc", cmd_doc },
	{ "build", cmd_build },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	struct writer out;
	writer_init(&out, stdout);
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		emit(&out, "%s", usage);
		return command_stdout_done(&out, 0);
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		emit(&out, "polc %s\n", POL_VERSION);
		return command_stdout_done(&out, 0);
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].run(argc - 2, argv + 2);
	fprintf(stderr, "polc: unknown command '%s'\n"
		"Try 'polc --help' for more information.\n", cmd);
	return 2;
}
