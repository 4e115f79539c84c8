/* run.c - from a parsed command line to the answer: the dispatch that
 * main() and the checker's fuzz target share. */
#include "polcheck.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --date and --today are dates, and --date is for the questions that
 * take a day; 0, or EXIT_BAD_INPUT reported. */
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
	if (a->command != CMD_OFFICE && a->command != CMD_CONTACT &&
	    a->command != CMD_BATCH) {
		report("--date is for office, contact and batch; %s takes its dates as operands",
		       a->command == CMD_ACTIVITY ? "activity" :
		       a->command == CMD_CHANGES ? "changes" : "list");
		return EXIT_BAD_INPUT;
	}
	if (parse_date(a->date, &days, &m) != 0) {
		report("--date: %s", m.text);
		return EXIT_BAD_INPUT;
	}
	return 0;
}

/* Today from SOURCE_DATE_EPOCH, when it is set; 0, -1 when it is not a
 * count of seconds. */
static int epoch_today(int32_t *days)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e)
		return 1;
	size_t n = strlen(e);
	if (n == 0 || n > 12 || strspn(e, "0123456789") != n)
		return -1;
	*days = (int32_t)(strtoll(e, NULL, 10) / 86400);
	return 0;
}

int polcheck_as_of(const struct args *a, int32_t *days)
{
	struct msg m;
	if (a->date)
		return parse_date(a->date, days, &m);	/* checked already */
	if (a->today)
		return parse_date(a->today, days, &m);
	int rc = epoch_today(days);
	if (rc < 0) {
		report("SOURCE_DATE_EPOCH is not a number of seconds since 1970-01-01");
		return -1;
	}
	if (rc > 0) {
		time_t now = time(NULL);
		if (now == (time_t)-1) {
			report("cannot tell what today is; give --date or --today");
			return -1;
		}
		*days = (int32_t)(now / 86400);
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
