/* pol/runtime.h - evaluating compiled pol policies.
 *
 * `polc compile` turns a policy set into `static const` tables and one
 * `const struct pol_policy` that points at them.  This library answers
 * questions against such a policy:
 *
 *   - is an office open for a provider on a date, or on a weekday of the
 *     week in force on a date,
 *   - which contact mode a case gets from a provider, and why,
 *   - whether an activity may run in an area on a date, and on what terms.
 *
 * The runtime never allocates, keeps no state and may be called from any
 * number of threads at once.  Every answer points into the policy's
 * constant tables; where a list of unknown length is wanted the caller
 * passes the buffer.  Functions that can fail return 0 on success and a
 * negative POL_E... code otherwise.
 */
#ifndef POL_RUNTIME_H
#define POL_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the table layout; a policy compiled for another layout is
 * refused by pol_check_abi(). */
#define POL_ABI_VERSION 5

/* Error codes. */
#define POL_EINVAL (-1)		/* an id out of range, a bad argument */
#define POL_EDATE (-2)		/* not a date of the Gregorian calendar */
#define POL_EVALUE (-3)		/* not a value of the attribute */

/* ---- Dates ------------------------------------------------------------
 * A date is a day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar.  Years POL_YEAR_MIN..POL_YEAR_MAX are accepted. */

#define POL_YEAR_MIN 1
#define POL_YEAR_MAX 9999
/* Room for "YYYY-MM-DD" and its NUL. */
#define POL_DATE_BUFSIZE 11
/* Stands for "no date": before every date (an 'initially' entry, a
 * schedule in force from no given date). */
#define POL_NO_DATE INT32_MIN
/* Stands for "no end": after every date. */
#define POL_NO_END INT32_MAX
/* The first and last dates accepted, 0001-01-01 and 9999-12-31. */
#define POL_DAY_FIRST (-719162)
#define POL_DAY_LAST 2932896

/* Weekdays: Monday is 0, Sunday is 6. */
enum pol_weekday {
	POL_MON, POL_TUE, POL_WED, POL_THU, POL_FRI, POL_SAT, POL_SUN
};

/* 0 and *days set if year-month-day is a real date, else POL_EDATE. */
int pol_date_from_ymd(int year, int month, int day, int32_t *days);
void pol_date_to_ymd(int32_t days, int *year, int *month, int *day);
/* Days in the month (0 for a month outside 1..12). */
int pol_days_in_month(int year, int month);
/* Parse exactly "YYYY-MM-DD" (len bytes, no NUL needed): 0 or POL_EDATE. */
int pol_date_parse(const char *s, size_t len, int32_t *days);
/* Write "YYYY-MM-DD". */
void pol_date_format(int32_t days, char out[POL_DATE_BUFSIZE]);
/* 0 (Monday) .. 6 (Sunday). */
int pol_weekday(int32_t days);
/* "Mon" .. "Sun"; NULL outside 0..6. */
const char *pol_weekday_name(int weekday);

/* ---- The tables -------------------------------------------------------
 * Filled in by generated code; read-only for everyone else.  Ids are
 * indices into the arrays of the policy, dense from 0. */

/* A quotation of the source and where the rule quoting it is. */
struct pol_cite {
	const char *text;	/* UTF-8, as in the source */
	const char *file;	/* .pol file */
	uint32_t line;
};

/* Where a rule, entry or schedule comes from: its cites and notes. */
struct pol_source {
	uint32_t first_cite, n_cites;	/* into pol_policy.cites */
	uint32_t first_note, n_notes;	/* into pol_policy.notes */
	const char *file;
	uint32_t line;
};

/* A declared name; title is its display text or NULL. */
struct pol_name {
	const char *name;
	const char *title;
};

enum pol_attr_kind { POL_FLAG, POL_LEVEL, POL_RANGE };

struct pol_attribute {
	const char *name;
	const char *title;
	uint8_t kind;		/* enum pol_attr_kind */
	uint8_t shift, width;	/* bit field in a pol_case */
	uint32_t size;		/* number of values (2 for a flag) */
	int32_t lo;		/* a range's lowest value */
	uint32_t first_value;	/* a level's value names, in pol_policy.values */
};

/* Nations and regions; parent is the nation of a region, -1 for a nation. */
struct pol_area {
	const char *name;
	const char *title;
	int32_t parent;
};

struct pol_office {
	const char *name;
	const char *title;
	uint32_t area;
};

/* Opening hours, in minutes since midnight (close up to 1440). */
struct pol_interval {
	int16_t open_minute, close_minute;
};

/* A day's hours: pol_policy.intervals[first .. first+count), in order;
 * count 0 when the plan gives no hours. */
struct pol_hours {
	uint32_t first;
	uint32_t count;
};

/* Dates on which a schedule keeps other hours, whatever the weekday:
 * 'closed on DATE', 'open from DATE until DATE 10:00-12:00'. */
struct pol_date_hours {
	int32_t first, last;	/* inclusive */
	uint8_t open;
	struct pol_hours hours;
};

/* Opening intervals in one answer, at most. */
#define POL_HOURS_MAX 4

/* One schedule or service as written, for one provider. */
struct pol_schedule {
	uint32_t provider;
	uint8_t is_service;
	uint8_t closed;		/* says 'closed' */
	uint8_t days;		/* bit d: open on weekday d (exceptions applied) */
	const char *title;	/* a service's name, else NULL */
	/* in force from first to last, inclusive, its plan's dates applied:
	 * POL_NO_DATE and POL_NO_END where open-ended (both: undated) */
	int32_t first, last;
	struct pol_hours week[7];	/* hours of each open weekday */
	uint32_t first_date, n_dates;	/* into pol_policy.date_hours */
	struct pol_source source;
};

/* Provider x office: the schedules and services that speak of it
 * (indices into pol_policy.cell_schedules): the schedules by the date
 * they come into force (they never overlap), then the services. */
struct pol_office_cell {
	uint32_t first, count;
};

/* A rule matches a case when any of its cubes does: (case & mask) == value. */
struct pol_cube {
	uint64_t mask, value;
};

struct pol_rule {
	uint32_t mode;
	uint8_t is_default;	/* 'otherwise' */
	uint32_t first_cube, n_cubes;
	const char *condition;	/* as written, canonical; NULL for 'otherwise' */
	/* its condition's clauses (split at its top-level 'or's):
	 * pol_policy.clauses[first_clause .. first_clause+n_clauses) */
	uint32_t first_clause, n_clauses;
	struct pol_source source;
};

/* A clause of a rule's condition, with the cubes of the cases it holds
 * for: an answer says which clause made the rule apply. */
struct pol_clause {
	const char *text;	/* "risk >= high" */
	uint32_t first_cube, n_cubes;	/* into pol_policy.cubes */
};

enum pol_contact_strategy {
	POL_BY_CUBES,		/* walk the rules' cubes, highest mode first */
	POL_BY_LOOKUP		/* one table entry per possible case */
};

/* One version of a provider's rules, highest-priority mode first (then
 * source order).  Table p (p < n_providers) is provider p's first version
 * by date, or an empty table when it has no rules; its later versions
 * follow the providers' tables, linked by `next`. */
struct pol_contact_table {
	uint32_t first_rule, n_rules;	/* into pol_policy.rules */
	int32_t default_rule;		/* index into pol_policy.rules, or -1 */
	/* POL_BY_LOOKUP: case -> index into lookup_matches */
	const uint16_t *lookup;
	uint32_t provider;
	int32_t first, last;	/* in force; POL_NO_DATE, POL_NO_END when open */
	int32_t next;		/* the provider's next table by date, or -1 */
};

/* A distinct set of matching rules, for the lookup strategy:
 * rules lookup_rules[first .. first+count), highest priority first. */
struct pol_match_set {
	uint32_t first, count;
	int32_t mode;		/* the decisive mode, -1 when undecided */
	int32_t rule;		/* the decisive rule, -1 when undecided */
};

enum pol_limit {
	POL_MAX_GROUP, POL_MIN_GROUP, POL_FACILITATORS, POL_SITES, POL_LIMIT_COUNT
};

/* One timeline entry as it applies to one area, with 'no change' and the
 * nation-to-region inheritance already worked out. */
struct pol_entry {
	int32_t days;		/* in force from; POL_NO_DATE for 'initially' */
	uint8_t permitted;
	uint8_t unchanged;	/* written as 'no change' */
	const char *status;
	int32_t limits[POL_LIMIT_COUNT];	/* 0 when not set */
	uint32_t first_condition, n_conditions;	/* into condition_ids */
	int32_t step;		/* -1 when the entry names no step */
	int32_t area;		/* area whose timeline the entry is written in */
	struct pol_source source;
	/* for 'no change': the entry whose terms it keeps, else -1 */
	int32_t continues;
	/* Indices into pol_policy.entries, worked out by polc over the
	 * entry's cell, -1 when there is none.  What an officer sees of an
	 * entry is whether the activity is permitted, its status, limits and
	 * conditions; an entry that changes none of them ('no change', or a
	 * restatement) is no change. */
	int32_t decided_by;	/* the first entry of the run of entries that
				 * show the same as this one: the decision's */
	int32_t next_change;	/* the first later entry that shows otherwise */
	int32_t permitted_from;	/* the first later entry that is permitted */
};

/* Activity x area: its entries in date order, and the dates its plans
 * are in force (POL_NO_DATE, POL_NO_END when open): outside them the
 * cell is not covered, and an 'initially' entry holds from the first. */
struct pol_timeline_cell {
	uint32_t first, count;	/* into pol_policy.entries */
	int32_t covered_from, covered_until;
};

struct pol_step {
	const char *name;
	const char *title;
	int32_t days;		/* first date */
	uint32_t first_date, n_dates;	/* all dates, in pol_policy.step_dates */
	struct pol_source source;
};

struct pol_policy {
	uint32_t abi_version;	/* POL_ABI_VERSION */
	const char *name;	/* the policy set, e.g. "policies" */

	uint32_t n_providers, n_areas, n_offices, n_attributes, n_modes;
	uint32_t n_conditions, n_activities, n_steps;
	const struct pol_name *providers;
	const struct pol_area *areas;
	const struct pol_office *offices;
	const struct pol_attribute *attributes;
	const char *const *values;		/* level value names */
	const struct pol_name *modes;		/* highest priority first */
	const struct pol_name *conditions;
	const struct pol_name *activities;
	const struct pol_step *steps;
	const int32_t *step_dates;

	uint32_t n_cites, n_notes;
	const struct pol_cite *cites;
	const char *const *notes;
	/* the .pol files the policy was compiled from; every file name in
	 * a pol_cite or pol_source points at one of these */
	uint32_t n_files;
	const char *const *files;

	uint32_t n_schedules;
	const struct pol_schedule *schedules;
	const struct pol_office_cell *office_cells;	/* [provider][office] */
	const uint32_t *cell_schedules;
	uint32_t n_intervals, n_date_hours;
	const struct pol_interval *intervals;
	const struct pol_date_hours *date_hours;

	uint8_t case_bits;			/* bits used in a pol_case */
	uint8_t contact_strategy;		/* enum pol_contact_strategy */
	uint32_t n_contact_tables;
	const struct pol_contact_table *contact;	/* [table] */
	uint32_t n_rules;
	const struct pol_rule *rules;
	const struct pol_cube *cubes;
	uint32_t n_clauses;
	const struct pol_clause *clauses;
	const struct pol_match_set *lookup_matches;
	const uint32_t *lookup_rules;

	uint32_t n_entries;
	const struct pol_entry *entries;
	const struct pol_timeline_cell *timeline_cells;	/* [activity][area] */
	const uint32_t *condition_ids;
};

/* 0 if the policy was compiled for this runtime, else POL_EINVAL. */
int pol_check_abi(const struct pol_policy *p);

/* ---- Names ------------------------------------------------------------ */

enum pol_kind {
	POL_KIND_PROVIDER, POL_KIND_AREA, POL_KIND_OFFICE, POL_KIND_ATTRIBUTE,
	POL_KIND_MODE, POL_KIND_CONDITION, POL_KIND_ACTIVITY, POL_KIND_STEP,
	POL_KIND_COUNT
};

/* Number of names of a kind, and the name with an id (NULL if none). */
uint32_t pol_count(const struct pol_policy *p, enum pol_kind kind);
const char *pol_name_of(const struct pol_policy *p, enum pol_kind kind,
			uint32_t id);
/* Display text of a name, or NULL. */
const char *pol_title_of(const struct pol_policy *p, enum pol_kind kind,
			 uint32_t id);
/* Id of an exactly matching name, or -1. */
int32_t pol_lookup(const struct pol_policy *p, enum pol_kind kind,
		   const char *name, size_t len);

/* ---- Offices ---------------------------------------------------------- */

/* A provider's office.  The plan covers the question when a schedule of
 * the provider for the office is in force (a service alone does not):
 * otherwise the answer is not covered, and open is false. */
struct pol_office_answer {
	bool covered;
	bool open;
	uint32_t n_hours;	/* 0 when no hours are known */
	int16_t open_minute[POL_HOURS_MAX], close_minute[POL_HOURS_MAX];
	int32_t schedule;	/* the schedule in force, or -1 */
	int32_t date_hours;	/* the date line that decided, or -1 */
	/* schedules and services of this provider and office, of every
	 * date: p->schedules[p->cell_schedules[first + i]] for i < count */
	uint32_t first, count;
};

/* On a weekday, from the week of the schedule in force on the date
 * in_force; POL_NO_DATE asks for a schedule in force on every date (an
 * undated one).  Date lines ('closed on ...') play no part. */
int pol_office_on_day(const struct pol_policy *p, uint32_t provider,
		      uint32_t office, int weekday, int32_t in_force,
		      struct pol_office_answer *out);
/* On a date: the schedule in force then, its date lines, then its week. */
int pol_office_on_date(const struct pol_policy *p, uint32_t provider,
		       uint32_t office, int32_t days,
		       struct pol_office_answer *out);
/* Whether a schedule or service is in force on a date. */
bool pol_schedule_in_force(const struct pol_schedule *s, int32_t days);

/* ---- Contact ----------------------------------------------------------
 * A case packs every attribute into one word: a flag is one bit, a level
 * its value's index, a range its value minus the range's lowest. */

typedef uint64_t pol_case;

/* Set an attribute of a case to a value code: 0/1 for a flag, the index
 * of a level's value, value - lo for a range. */
int pol_case_set(const struct pol_policy *p, pol_case *c, uint32_t attribute,
		 uint32_t code);
uint32_t pol_case_get(const struct pol_policy *p, pol_case c,
		      uint32_t attribute);
/* Parse a value as written for an attribute: a level's value name, a
 * number in a range, and for a flag true/false, yes/no, 1/0 or empty
 * (false).  Every value is matched exactly, case included ('TRUE' is
 * not a value).  0 and *code set, or POL_EVALUE. */
int pol_value_parse(const struct pol_policy *p, uint32_t attribute,
		    const char *s, size_t len, uint32_t *code);

/* The contact table of a provider in force on a date; POL_NO_DATE asks
 * for the table in force on every date (an undated one).  The table's
 * index (what pol_contact and the functions below take as `provider`),
 * or -1 when no rules of the provider are in force: not covered. */
int32_t pol_contact_table_on(const struct pol_policy *p, uint32_t provider,
			     int32_t days);

struct pol_contact_answer {
	int32_t mode;	/* the decisive mode, -1 when no rule decides */
	int32_t rule;	/* the rule that decides (maybe 'otherwise'), or -1 */
};

/* Whether a clause (an index into p->clauses) holds for a case. */
bool pol_clause_holds(const struct pol_policy *p, uint32_t clause, pol_case c);

/* The decision alone: the fast path.  `provider` is a contact table: a
 * provider's id gives its first version (pol_contact_table_on finds the
 * one in force on a date). */
int pol_contact(const struct pol_policy *p, uint32_t provider, pol_case c,
		struct pol_contact_answer *out);
/* Every rule of the provider that matches the case, highest-priority mode
 * first: up to cap rule ids written to rules; returns how many match
 * (which may exceed cap), or a negative error.  'otherwise' is not
 * included: it matches only when nothing else does. */
int pol_contact_matches(const struct pol_policy *p, uint32_t provider,
			pol_case c, uint32_t *rules, size_t cap);

/* ---- Activities ------------------------------------------------------- */

/* An activity in an area on a date.  The plan covers the question when
 * an entry is in force: an area it names no entry for, a date outside
 * the dates its plan is in force, or a date before its first entry, is
 * not covered (entry NULL) - neither permitted nor not permitted. */
struct pol_activity_answer {
	const struct pol_entry *entry;	/* in force, or NULL if none is */
	int32_t entry_id;		/* index in p->entries, or -1 */
	/* the entry that made the decision in force: entry itself, or the
	 * first of the entries before it that show the same (a 'no change'
	 * continues the entry before it); NULL when none is in force.  Its
	 * date is `since` (for 'initially', the first date the plan is in
	 * force, POL_NO_DATE when it gives none), its step the answer's
	 * step. */
	const struct pol_entry *decision;
	int32_t since;
	/* date of the next entry that changes what an officer sees (an entry
	 * when none is in force yet), or POL_NO_DATE */
	int32_t next;
	/* when not permitted: the first later entry that permits it, or
	 * NULL, and the date it does: its own, or for an 'initially' entry
	 * the first date its plan is in force */
	const struct pol_entry *permitted_from;
	int32_t permitted_date;
};

int pol_activity(const struct pol_policy *p, uint32_t activity, uint32_t area,
		 int32_t days, struct pol_activity_answer *out);

/* ---- Counterfactuals --------------------------------------------------
 * What the smallest changes to a case would give it another mode.  A set
 * of changes is a set S of attributes and, for each, a value code other
 * than the case's: the case changed on exactly those attributes (the rest
 * kept) is decided with the mode.  A set is minimal when no smaller set
 * inside it (by inclusion) gives the mode.
 *
 * pol_contact_would_be writes up to cap minimal sets for one mode, by
 * size, then in attribute order (sets of the same size compared as their
 * attribute ids in ascending order, lexicographically); of the codes that
 * give the mode with one set, the smallest (codes compared in attribute
 * order).  Each set's changes are in attribute order.  A case the
 * provider already decides with the mode gets the one set of no change
 * (n == 0); a mode nothing gives, or only sets of more than
 * POL_WOULD_BE_MAX_ATTRS changes, gets none.  Sets of more changes are not
 * looked for: that bounds the work by the number of sets of one to four
 * of the attributes the rules constrain (679,120 for 64 flags), each
 * screened against the cubes in time linear in their number.
 *
 * Computed exactly from the rules' cubes (either contact strategy): the
 * cases decided with mode M are those in a cube of an M rule and in none
 * of a rule of a higher mode, and, when the provider's 'otherwise' rule
 * gives M, those in no rule's cube.  No allocation, no state; recursion
 * at most 65 deep (one level per bit of the changed attributes).
 *
 * Returns how many sets were written (0..cap; those after the first cap
 * are not computed), POL_EINVAL for a provider or mode out of range or
 * sets NULL with cap > 0, or POL_EVALUE for a case that is none (a code
 * past an attribute's values). */

/* Changes in one set, at most. */
#define POL_WOULD_BE_MAX_ATTRS 4
/* Sets that polcheck shows for one mode. */
#define POL_WOULD_BE_MAX_SETS 8

struct pol_change {
	uint32_t attribute;	/* attribute id */
	uint32_t code;		/* its new value code, see pol_case_set */
};

struct pol_change_set {
	uint32_t n;		/* number of changes, 0..POL_WOULD_BE_MAX_ATTRS */
	struct pol_change changes[POL_WOULD_BE_MAX_ATTRS];	/* by attribute */
};

int pol_contact_would_be(const struct pol_policy *p, uint32_t provider,
			 pol_case c, uint32_t mode, struct pol_change_set *sets,
			 size_t cap);

#ifdef __cplusplus
}
#endif

#endif
