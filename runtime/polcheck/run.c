/* run.c - from a parsed command line to the answer: the dispatch that
 * main() and the checker's fuzz target share. */
#include "polcheck.h"

/* --date and --today are dates, and --date is for the questions that
 * take a day; 0, or EXIT_BAD_INPUT reported.  Schedules and contact rules
 * carry no dates in this layout, so a valid --date gives the answer of
 * every date; it is checked so that a script's slip is not ignored. */
static int check_dates(const struct args *a)
{
	struct msg m;
	int32_t days;
	if (a->today && parse_date(a->today, &days, &m) != 0) {
		report("--today: %s", m.text);
		return EXIT_BAD_INPUT;
	}
	if (!a->date)
		return 0;
	if (a->command != CMD_OFFICE && a->command != CMD_CONTACT) {
		report("--date is for office and contact; %s takes its dates as operands",
		       a->command == CMD_ACTIVITY ? "activity" :
		       a->command == CMD_CHANGES ? "changes" :
		       a->command == CMD_BATCH ? "batch" : "list");
		return EXIT_BAD_INPUT;
	}
	if (parse_date(a->date, &days, &m) != 0) {
		report("--date: %s", m.text);
		return EXIT_BAD_INPUT;
	}
	return 0;
}

int polcheck_run(const struct pol_policy *p, const struct args *a,
		 struct out *o)
{
	if (check_dates(a) != 0)
		return EXIT_BAD_INPUT;
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
