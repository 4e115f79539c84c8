/* main.c - polcheck: answers officers' questions from the compiled policy.
 *
 * The policy is the table polc wrote with --symbol pol_checker_policy.
 * main parses the command line, runs one command into a buffered output,
 * and turns what happened into the exit status of the contract:
 * 0 answered, 1 batch rows failed, 2 bad usage, bad input or output that
 * could not be written.  On status 2 nothing buffered reaches stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polcheck.h"

extern const struct pol_policy pol_checker_policy;

/* Room for a whole plain or JSON answer; batch drains it as it fills. */
#define OUT_BUFSIZE (256u * 1024u)

/* Run the command the line names; an exit status. */

int main(int argc, char **argv)
{
	const struct pol_policy *p = &pol_checker_policy;
	if (pol_check_abi(p) != 0) {
		report("the policy tables were compiled for another runtime "
		       "(layout %u, want %u)", (unsigned)p->abi_version,
		       (unsigned)POL_ABI_VERSION);
		return EXIT_BAD_INPUT;
	}
	struct args a;
	struct msg m;
	int status = args_parse(argc, argv, &a, &m);
	if (status != 0 && !a.help && !a.version) {
		report("%s", m.text);
		return status;
	}
	char *buf = malloc(OUT_BUFSIZE);
	if (!buf) {
		report("out of memory");
		return EXIT_BAD_INPUT;
	}
	struct out o;
	out_init(&o, stdout, buf, OUT_BUFSIZE);
	o.growable = true;	/* batch may hold its output (out_hold) */
	if (a.help) {
		print_help(&o);
		status = EXIT_ANSWERED;
	} else if (a.version) {
		out_puts(&o, "polcheck " POLCHECK_VERSION " (policy '");
		out_puts(&o, p->name ? p->name : "");
		out_puts(&o, "')\n");
		status = EXIT_ANSWERED;
	} else {
		status = polcheck_run(p, &a, &o);
	}
	if (status == EXIT_BAD_INPUT && !o.failed) {
		out_discard(&o);	/* the command has said what was wrong */
	} else if (!out_flush(&o) || fclose(stdout) != 0) {
		report("cannot write the output: %s",
		       strerror(o.err ? o.err : errno ? errno : EIO));
		status = EXIT_BAD_INPUT;
	}
	free(o.buf);
	return status;
}
