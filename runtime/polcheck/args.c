/* args.c - the command line: options anywhere, then a command and its
 * operands; and the usage text. */
#include <stddef.h>
#include <string.h>

#include "polcheck.h"
#include "suggest.h"

static const struct {
	const char *name;
	enum command command;
} commands[] = {
	{ "office", CMD_OFFICE },
	{ "contact", CMD_CONTACT },
	{ "activity", CMD_ACTIVITY },
	{ "batch", CMD_BATCH },
	{ "list", CMD_LIST },
	{ "changes", CMD_CHANGES },
};

static const char *const options[] = {
	"--json", "--explain", "--help", "--version", "--delimiter", "--area",
	"--provider", "--date", "--today"
};

/* Options that take a value, as --name VALUE or --name=VALUE. */
static const struct {
	const char *name;
	size_t offset;		/* of the const char * in struct args */
	const char *wants;	/* for "--name needs a value: ..." */
} valued[] = {
	{ "--delimiter", offsetof(struct args, delimiter), "',', ';', '|' or tab" },
	{ "--area", offsetof(struct args, area), "a nation or region" },
	{ "--provider", offsetof(struct args, provider), "a provider" },
	{ "--date", offsetof(struct args, date), "a date, YYYY-MM-DD" },
	{ "--today", offsetof(struct args, today), "a date, YYYY-MM-DD" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Set the flag an option names; false if it names none. */
static bool take_option(struct args *a, const char *s)
{
	if (strcmp(s, "--json") == 0)
		a->json = true;
	else if (strcmp(s, "--explain") == 0)
		a->explain = true;
	else if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0)
		a->help = true;
	else if (strcmp(s, "--version") == 0 || strcmp(s, "-V") == 0)
		a->version = true;
	else
		return false;
	return true;
}

/* An option with a value at argv[*i]: true when it is one (its value
 * set, or m and *bad on a missing value), false when it is not. */
static bool take_valued(struct args *a, int argc, char **argv, int *i,
			struct msg *m, bool *bad)
{
	const char *s = argv[*i];
	for (size_t k = 0; k < COUNT(valued); k++) {
		size_t n = strlen(valued[k].name);
		if (strncmp(s, valued[k].name, n) != 0 || (s[n] != '\0' && s[n] != '='))
			continue;
		const char **field = (const char **)((char *)a + valued[k].offset);
		if (s[n] == '=') {
			*field = s + n + 1;
		} else if (*i + 1 < argc) {
			*field = argv[++*i];
		} else if (!*bad) {
			msg_set(m, "%s needs a value: %s", valued[k].name, valued[k].wants);
			*bad = true;
		}
		return true;
	}
	return false;
}

/* "unknown option", with the nearest option when there is one. */
static void unknown_option(const char *s, struct msg *m)
{
	struct suggest sg;
	struct shown w;
	suggest_init(&sg, s);
	for (size_t i = 0; i < COUNT(options); i++)
		suggest_offer(&sg, options[i]);
	show(&w, s, strlen(s));
	if (sg.best)
		msg_set(m, "unknown option '%s'; did you mean '%s'?", w.text, sg.best);
	else
		msg_set(m, "unknown option '%s' (options: --json, --explain, --help, --version)",
			w.text);
}

/* The command a word names, or CMD_NONE with m set. */
static enum command find_command(const char *s, struct msg *m)
{
	struct suggest sg;
	struct shown w;
	suggest_init(&sg, s);
	for (size_t i = 0; i < COUNT(commands); i++) {
		if (strcmp(s, commands[i].name) == 0)
			return commands[i].command;
		suggest_offer(&sg, commands[i].name);
	}
	show(&w, s, strlen(s));
	if (sg.best)
		msg_set(m, "unknown command '%s'; did you mean '%s'?", w.text, sg.best);
	else
		msg_set(m, "unknown command '%s' (commands: office, contact, activity, "
			"changes, batch, list)", w.text);
	return CMD_NONE;
}

int args_parse(int argc, char **argv, struct args *a, struct msg *m)
{
	bool bad = false, options_end = false;
	int n = 0;	/* operands so far, moved to the front of argv + 1 */
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		char *s = argv[i];
		if (!options_end && s[0] == '-' && s[1] != '\0') {
			if (strcmp(s, "--") == 0) {
				options_end = true;
			} else if (take_valued(a, argc, argv, &i, m, &bad)) {
				;	/* taken, or bad */
			} else if (!take_option(a, s) && !bad) {
				unknown_option(s, m);
				bad = true;
			}
			continue;
		}
		argv[1 + n++] = s;
	}
	if (bad)
		return EXIT_BAD_INPUT;
	if (n == 0) {
		msg_set(m, "missing command (office, contact, activity, changes, batch, "
			"list); try 'polcheck --help'");
		return EXIT_BAD_INPUT;
	}
	a->command = find_command(argv[1], m);
	if (a->command == CMD_NONE)
		return EXIT_BAD_INPUT;
	a->operands = argv + 2;
	a->n_operands = n - 1;
	return 0;
}

void print_help(struct out *o)
{
	out_puts(o,
		"usage: polcheck COMMAND ARGUMENTS [OPTIONS]\n"
		"\n"
		"Commands:\n"
		"  office   PROVIDER OFFICE DAY|DATE\n"
		"           is the office open for the provider on that day or date\n"
		"  contact  PROVIDER [ATTR | ATTR=VALUE]...\n"
		"           how the provider sees a case: the contact mode\n"
		"  activity ACTIVITY NATION|REGION DATE\n"
		"           may the activity run in that area on that date, and how\n"
		"  batch    PROVIDER [FILE|-]\n"
		"           caseload CSV in (a header row names the attribute columns),\n"
		"           decisions CSV out (a 'mode' column added)\n"
		"  changes  FROM TO [--area AREA] [--provider PROVIDER]\n"
		"           every decision that changes on a date from FROM to TO\n"
		"  list     providers|offices|attributes|modes|activities|steps\n"
		"           the names the policy declares\n"
		"\n"
		"Options, anywhere on the line:\n"
		"  --json      answer as JSON (batch: one array of rows)\n"
		"  --explain   add the reasons: each quoted source and its file:line\n"
		"  --help      show this help and exit\n"
		"  --version   show the version and the policy, and exit\n"
		"  --date DATE   office: answer a day from the schedule in force on DATE;\n"
		"                contact, batch: from the contact rules in force on DATE\n"
		"  --today DATE  what today is, for a day asked without --date\n"
		"                (else SOURCE_DATE_EPOCH, else the clock)\n"
		"  --delimiter ',' | ';' | '|' | tab\n"
		"                batch: the field separator (by default the one of\n"
		"                ',', ';', tab, '|' that makes the most attribute columns)\n"
		"\n"
		"Names match exactly.  Days are Mon..Sun; dates are YYYY-MM-DD.\n"
		"A flag alone is set (tact); levels and ranges take a value\n"
		"(risk=high, mappa=3); what a case does not give is false or lowest.\n"
		"\n"
		"Where the plan says nothing the answer is 'not covered'.\n"
		"\n"
		"Exit status: 0 answered; 1 batch: some rows were bad;\n"
		"2 bad usage or bad input (one line on stderr says what).\n");
}
