/* polcheck.h - the officer's checker: what its modules share.
 *
 * polcheck is a generic driver: the policy comes from tables compiled by
 * `polc compile --symbol pol_checker_policy` and linked in.  Each command
 * (office, contact, activity, batch, list) lives in a file of its own and
 * writes its answer through a struct out; errors are one line on stderr.
 * Nothing here keeps state between calls: the policy and the parsed
 * command line are passed to whoever needs them.
 */
#ifndef POLCHECK_H
#define POLCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pol/runtime.h"
#include "out.h"

#define POLCHECK_VERSION "0.1.0"

/* Answer the parsed command line against the policy, writing to o; the
 * exit status.  (main.c; the fuzz target of the checker calls it too.) */
struct args;
struct out;
/* The date a question about a weekday is answered as of: --date, else
 * today (--today, SOURCE_DATE_EPOCH, the clock); 0, or -1 reported. */
int polcheck_as_of(const struct args *a, int32_t *days);

/* Whether some contact table of the provider is dated: then an answer
 * depends on the date it is asked as of, and says it. */
bool contact_dated(const struct pol_policy *p, uint32_t provider);

int polcheck_run(const struct pol_policy *p, const struct args *a,
		 struct out *o);

/* Exit statuses of the contract. */
enum {
	EXIT_ANSWERED = 0,	/* answered (batch: every row decided) */
	EXIT_ROWS_FAILED = 1,	/* batch: some rows were bad */
	EXIT_BAD_INPUT = 2	/* bad usage, bad input, or output failed */
};

enum command {
	CMD_NONE, CMD_OFFICE, CMD_CONTACT, CMD_ACTIVITY, CMD_BATCH, CMD_LIST,
	CMD_CHANGES
};

/* The command line after parsing: options, the command, its operands. */
struct args {
	enum command command;
	bool json, explain, help, version;
	const char *delimiter;	/* batch: --delimiter, or NULL to detect */
	const char *area;	/* changes: --area, or NULL for every area */
	const char *provider;	/* changes: --provider, or NULL for every one */
	const char *date;	/* office, contact: --date, or NULL */
	const char *today;	/* --today, or NULL */
	char **operands;	/* the command's operands (the command excluded) */
	int n_operands;
};

/* ---- messages (report.c) ---------------------------------------------- */

/* A message about bad input, composed before it is printed. */
#define MSG_MAX 640
struct msg {
	char text[MSG_MAX];
};

/* Compose a message (truncated to fit; never fails). */
void msg_set(struct msg *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "polcheck: MESSAGE" and a newline on stderr: one line. */
void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* User text made safe to quote in a one-line message: control bytes,
 * backslashes and bytes that are not UTF-8 escaped as \xNN, cut short
 * with "..." when long. */
struct shown {
	char text[100];
};
const char *show(struct shown *s, const char *text, size_t len);

/* ---- names, days and dates (lookup.c) --------------------------------- */

/* The id of the name exactly as written, or -1 with m saying "unknown
 * KIND 'word'" and the nearest name of that kind when there is one. */
int32_t lookup_name(const struct pol_policy *p, enum pol_kind kind,
		    const char *word, struct msg *m);
/* 0..6 for "Mon".."Sun" exactly, else -1. */
int parse_day(const char *s);
/* 0 and *days for a real date written YYYY-MM-DD, else -1 and m. */
int parse_date(const char *s, int32_t *days, struct msg *m);
/* The word polcheck uses for a kind of name: "provider", "office"... */
const char *kind_word(enum pol_kind kind);

/* ---- case attributes (case.c) ----------------------------------------- */

/* The values an attribute takes, for messages: "low, medium, high",
 * "0..3", "true, false, yes, no, 1, 0". */
void describe_values(const struct pol_policy *p, uint32_t attribute,
		     char *buf, size_t cap);
/* The code of a value written for an attribute.  An empty value is false
 * for a flag and, when empty_is_lowest, the lowest value of a level or a
 * range; otherwise it is an error.  0, or -1 with m set. */
int parse_value(const struct pol_policy *p, uint32_t attribute,
		const char *s, size_t len, bool empty_is_lowest,
		uint32_t *code, struct msg *m);

/* ---- reasons (cite.c) ------------------------------------------------- */

/* The cites of one source as JSON objects {"mode"?, "cite", "source"}
 * inside an array; *first says whether a comma is due. */
void cite_json(struct out *o, const struct pol_policy *p,
	       const struct pol_source *src, const char *mode, bool *first);
/* The cites of one source for --explain: a quote line ("  [mode] " when
 * mode is given) and an indented file:line. */
void cite_plain(struct out *o, const struct pol_policy *p,
		const struct pol_source *src, const char *mode);

/* ---- a schedule's week as words (week.c) ------------------------------ */

/* Plain text, or the characters of a JSON string: the same words. */
void put_words(struct out *o, bool json, const char *s, size_t n);
/* A day's hours: "09:00-12:30 and 13:30-17:00"; nothing without hours. */
void hours_list_text(struct out *o, bool json, const struct pol_policy *p,
		     const struct pol_hours *h);
/* The open days with their hours, days of the same hours grouped and
 * runs of three or more as ranges: "Mon..Fri 09:00-17:00, Sat"; nothing
 * for a schedule open on no weekday. */
void week_text(struct out *o, bool json, const struct pol_policy *p,
	       const struct pol_schedule *s);

/* ---- the command line (args.c) and the commands ----------------------- */

/* Parse argv: options anywhere, "--" ends them, the first operand names
 * the command.  0, or EXIT_BAD_INPUT with m saying what was wrong (help
 * and version still set when asked for, so they can win). */
int args_parse(int argc, char **argv, struct args *a, struct msg *m);
/* The usage text of --help. */
void print_help(struct out *o);

/* Each command answers from p on o and returns an exit status; on
 * EXIT_BAD_INPUT it has reported one line and written nothing to o. */
int cmd_office(const struct pol_policy *p, const struct args *a,
	       struct out *o);
int cmd_contact(const struct pol_policy *p, const struct args *a,
		struct out *o);
int cmd_activity(const struct pol_policy *p, const struct args *a,
		 struct out *o);
int cmd_batch(const struct pol_policy *p, const struct args *a,
	      struct out *o);
int cmd_list(const struct pol_policy *p, const struct args *a,
	     struct out *o);
int cmd_changes(const struct pol_policy *p, const struct args *a,
		struct out *o);

/* ---- what an entry says (entry.c) -------------------------------------- */

/* The limit's name in answers: "max_group"... */
extern const char *const limit_names[POL_LIMIT_COUNT];
/* A condition's text for officers (its name when it has none). */
const char *condition_text(const struct pol_policy *p, uint32_t condition);
/* "limits":{...},"conditions":[...] of an entry (NULL: none), each key
 * preceded by a comma unless *first. */
void entry_terms_json(struct out *o, const struct pol_policy *p,
		      const struct pol_entry *e, bool *first);
/* The lines "limits: ..." (when it has any) and "condition: ..." of an
 * entry. */
void entry_terms_plain(struct out *o, const struct pol_policy *p,
		       const struct pol_entry *e);
/* A date as a JSON string, or null for POL_NO_DATE. */
void json_date(struct out *o, int32_t days);
/* The batch of cmd_batch on an open FILE (named `input` in messages):
 * the provider's decision for every row of the caseload f. */
int batch_stream(const struct pol_policy *p, uint32_t provider,
		 const struct args *a, FILE *f, const char *input,
		 struct out *o);

#endif
