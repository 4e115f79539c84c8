/* run.c - from a parsed command line to the answer: the dispatch that
 * main() and the checker's fuzz target share. */
#include "polcheck.h"

int polcheck_run(const struct pol_policy *p, const struct args *a,
		 struct out *o)
{
	switch (a->command) {
	case CMD_OFFICE: return cmd_office(p, a, o);
	case CMD_CONTACT: return cmd_contact(p, a, o);
	case CMD_ACTIVITY: return cmd_activity(p, a, o);
	case CMD_BATCH: return cmd_batch(p, a, o);
	case CMD_LIST: return cmd_list(p, a, o);
	case CMD_CHANGES: return cmd_changes(p, a, o);
	case CMD_NONE: break;
	}
	return EXIT_BAD_INPUT;
}
