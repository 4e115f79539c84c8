/* ast.h - the syntax tree of a policy set, as written.
 *
 * Nodes come from the compilation's arena.  The parser fills the syntactic
 * fields; the checker (check.c) fills the fields marked "resolved".  Lists
 * are struct vec of pointers.
 */
#ifndef POL_AST_H
#define POL_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "source.h"

struct decl;

/* An identifier as written. */
struct name {
	const char *text;	/* NUL-terminated; NULL when absent */
	struct pol_loc loc;
};

/* A string literal after escapes: UTF-8, no NUL bytes. */
struct text {
	const char *s;
	size_t len;
	struct pol_loc loc;
};

/* cite and note clauses. */
struct annots {
	struct vec cites;	/* struct text * */
	struct vec notes;	/* struct text * */
};

struct date_lit {
	int year, month, day;
	struct pol_loc loc;
	int32_t days;		/* resolved: days since 1970-01-01 */
	bool valid;		/* resolved */
};

struct time_lit {
	int hour, minute;
	struct pol_loc loc;
};

/* Opening hours of a day: one or more intervals, "09:00-12:30 and
 * 13:30-17:00", in order. */
#define HOURS_MAX 4

struct hours {
	bool present;
	unsigned n;		/* intervals given, at most HOURS_MAX */
	struct time_lit open[HOURS_MAX], close[HOURS_MAX];
	struct pol_loc loc;
};

/* When a plan, schedule or service is in force: "from DATE|STEP",
 * "until DATE" (the last day in force). */
struct validity {
	bool has_from, has_until;
	struct date_lit from;	/* has_from and from_step.text NULL */
	struct name from_step;	/* from a step's first date */
	struct date_lit until;
	struct pol_loc from_loc, until_loc;
	/* resolved: first and last day in force, INT32_MIN and INT32_MAX
	 * where open-ended; ok false when a date is bad */
	int32_t first, last;
	bool ok;
};

/* plan "TITLE" [from ...] [until DATE] [review by DATE]: when the
 * statements of its file are in force. */
struct plan {
	struct text *title;
	struct validity in_force;
	bool has_review;
	struct date_lit review;
	struct annots annots;
	struct pol_loc loc;
	/* resolved: the first and last day the plan speaks for.  Its own
	 * dates where it gives them; else from the first date its file names
	 * (a step, an entry, a schedule), with no end; else open (INT32_MIN,
	 * INT32_MAX): an undated plan holds as written.  Timelines are
	 * covered on these dates; schedules take only the written ones
	 * (in_force). */
	int32_t first, last;
	bool written;		/* false: made by the checker for a file */
	bool dated;		/* it or its file gives some date */
};

enum decl_kind {
	DECL_PROVIDER,
	DECL_NATION,
	DECL_REGION,
	DECL_OFFICE,
	DECL_FLAG,
	DECL_LEVEL,
	DECL_RANGE,
	DECL_MODE,
	DECL_CONDITION,
	DECL_ACTIVITY,
	DECL_STEP,
	DECL_KIND_COUNT
};

/* A named declaration. */
struct decl {
	enum decl_kind kind;
	struct name name;
	struct text *title;	/* display name or description, optional */
	struct pol_loc loc;	/* the whole declaration */
	struct annots annots;

	struct name parent;	/* region, office: "in NAME" */
	struct vec values;	/* level: struct name *, lowest first */
	int64_t lo, hi;		/* range: lo..hi */
	struct pol_loc range_loc;
	struct vec dates;	/* step: struct date_lit * */

	/* resolved */
	struct decl *parent_decl;
	uint32_t id;		/* dense, in declaration order within kind */
	int priority;		/* mode: 0 is the highest */
	bool used;
};

enum cond_kind { COND_ATOM, COND_NOT, COND_AND, COND_OR };

enum cmp_op { CMP_NONE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

/* A value on the right of a comparison or in a case setting. */
struct value {
	bool is_int;
	struct name name;	/* a level value */
	int64_t number;
	struct pol_loc loc;
	int32_t resolved;	/* level index or the number */
};

struct cond {
	enum cond_kind kind;
	struct pol_loc loc;
	bool parenthesized;
	struct name attr;	/* atom */
	enum cmp_op op;		/* atom; CMP_NONE for a bare flag */
	struct value value;	/* atom with op */
	struct cond *left, *right;	/* not: left; and, or: both */
	struct decl *attr_decl;	/* resolved */
};

struct day_item {
	struct name from, to;	/* to.text is NULL for a single day */
	struct pol_loc loc;
};

/* "except DAYS [HOURS]" after an open line: those days keep other hours,
 * or none (not open). */
struct except_clause {
	struct vec days;	/* struct day_item * */
	struct hours hours;
	struct pol_loc loc;
	uint8_t mask;		/* resolved */
};

struct open_clause {
	struct vec days;	/* struct day_item * */
	struct hours hours;
	struct vec excepts;	/* struct except_clause * */
	struct pol_loc loc;
	uint8_t mask;		/* resolved: bit d for weekday d, Mon = 0 */
};

/* "closed on DATE", "closed from DATE until DATE", "open on DATE [HOURS]",
 * "open from DATE until DATE [HOURS]": the office keeps other hours on
 * those dates, whatever the weekday. */
struct date_clause {
	bool open;
	bool is_range;
	struct date_lit from, until;	/* until == from for "on DATE" */
	struct hours hours;		/* open only */
	struct pol_loc loc;
};

/* schedule PROVIDER at OFFICE... / service "TITLE" for PROVIDER [at ...] */
struct schedule {
	bool is_service;
	struct text *title;	/* service only */
	struct name provider;
	struct vec offices;	/* struct name *; empty: every office */
	struct vec opens;	/* struct open_clause * */
	struct vec on_dates;	/* struct date_clause * */
	struct validity in_force;	/* as written on the head */
	bool closed;
	struct pol_loc closed_loc;
	struct annots annots;
	struct pol_loc loc;
	struct decl *provider_decl;	/* resolved */
	struct vec office_decls;	/* resolved, struct decl * */
	const struct plan *plan;	/* resolved: its file's plan, or NULL */
	int32_t first, last;		/* resolved: in force, with the plan's
					 * dates; INT32_MIN, INT32_MAX open */
};

/* MODE when COND / otherwise MODE */
struct rule {
	struct name mode;
	struct cond *when;	/* NULL for otherwise */
	struct annots annots;
	struct pol_loc loc;
	struct decl *mode_decl;	/* resolved */
};

struct contact {
	struct name provider;
	struct vec rules;	/* struct rule *, as written */
	struct validity in_force;	/* as written on the head */
	struct pol_loc loc;
	struct decl *provider_decl;	/* resolved */
	const struct plan *plan;	/* resolved: its file's plan */
	int32_t first, last;		/* resolved: in force, with the plan's
					 * written dates; INT32_MIN, INT32_MAX open */
};

struct limit {
	struct name key;	/* max_group, min_group, facilitators, sites */
	int64_t value;
	struct pol_loc loc;
	int key_index;		/* resolved */
};

enum entry_head { ENTRY_INITIALLY, ENTRY_DATE, ENTRY_STEP };

enum permission { PERMIT_UNSET, PERMIT_YES, PERMIT_NO, PERMIT_UNCHANGED };

struct entry {
	enum entry_head head;
	struct date_lit date;	/* ENTRY_DATE */
	struct name step;	/* ENTRY_STEP, or ENTRY_DATE "in STEP" */
	struct pol_loc loc;	/* the head */
	enum permission permission;
	struct pol_loc permission_loc;
	struct text *status;
	struct vec limits;	/* struct limit * */
	struct vec conditions;	/* struct name * */
	struct annots annots;
	/* resolved */
	int32_t days;		/* date in force from; INT32_MIN initially */
	struct decl *step_decl;
	struct vec condition_decls;	/* struct decl * */
};

struct timeline {
	struct name activity;
	struct vec areas;	/* struct name * */
	struct vec entries;	/* struct entry * */
	struct pol_loc loc;
	struct decl *activity_decl;	/* resolved */
	struct vec area_decls;		/* resolved, struct decl * */
	const struct plan *plan;	/* resolved: its file's plan, or NULL */
};

/* Tests.  A subject is a name or "every KIND". */
enum every_kind {
	EVERY_NONE,
	EVERY_PROVIDER,
	EVERY_OFFICE,
	EVERY_AREA,
	EVERY_ACTIVITY,
	EVERY_DAY,
	EVERY_DATE,
	EVERY_CASE
};

struct subject {
	enum every_kind every;
	struct name name;
	struct pol_loc loc;
	struct decl *decl;	/* resolved, for a name */
};

/* A moment named in a test: a date literal, or a name (a weekday or a
 * step, told apart by the checker). */
struct point {
	bool is_date;
	struct date_lit date;
	struct name name;
	struct pol_loc loc;
	/* resolved */
	int weekday;		/* 0..6 for a weekday, else -1 */
	int32_t days;		/* a date or a step's date */
	struct decl *step_decl;
};

/* on POINT / on every day / on every date [from P] [to P | before P] */
struct when {
	enum every_kind every;	/* EVERY_NONE, EVERY_DAY or EVERY_DATE */
	struct point at;	/* EVERY_NONE */
	bool has_from, has_to;
	bool to_exclusive;	/* "before P" rather than "to P" */
	struct point from, to;
	struct pol_loc loc;
};

struct setting {
	struct name attr;
	bool has_value;
	struct value value;
	struct pol_loc loc;
	struct decl *attr_decl;	/* resolved */
};

enum question_kind { Q_OFFICE, Q_CONTACT, Q_ACTIVITY };

enum outcome_op { OUT_IS, OUT_IS_NOT, OUT_AT_LEAST, OUT_AT_MOST };

struct question {
	enum question_kind kind;
	struct subject first;	/* provider (office, contact) or activity */
	struct subject second;	/* office (office) or area (activity) */
	struct when when;	/* office, activity */
	struct vec settings;	/* contact: struct setting * */
	bool dated;		/* contact: asked 'on' a date (when.at) */
	bool every_case;	/* contact: for every case */
	struct pol_loc case_loc;	/* contact: "with ..." or "for every case ..." */
	struct cond *where;	/* contact: for every case where COND */
	/* outcome */
	bool open;		/* office */
	enum outcome_op op;	/* contact */
	struct name mode;	/* contact */
	bool permitted;		/* activity */
	bool not_covered;	/* office, activity: the plan says nothing */
	struct vec limits;	/* activity: struct limit * */
	struct vec conditions;	/* activity: struct name * */
	struct pol_loc outcome_loc;
	/* resolved */
	struct decl *mode_decl;
	struct vec condition_decls;
};

struct test {
	bool is_assert;
	struct question q;
	struct annots annots;
	struct pol_loc loc;
};

enum item_kind {
	ITEM_DECL,
	ITEM_MODES,
	ITEM_SCHEDULE,
	ITEM_CONTACT,
	ITEM_TIMELINE,
	ITEM_TEST,
	ITEM_PLAN
};

struct item {
	enum item_kind kind;
	struct pol_loc loc;
	union {
		struct decl *decl;
		struct vec *modes;	/* struct decl * of kind DECL_MODE */
		struct schedule *schedule;
		struct contact *contact;
		struct timeline *timeline;
		struct test *test;
		struct plan *plan;
	} u;
};

/* Everything parsed from every file of a policy set. */
struct ast {
	struct vec items;	/* struct item *, file by file, in order */
};

/* Whether a checked schedule (not a service) is one of the provider's for
 * the office: a version of that office's week. */
bool schedule_of(const struct schedule *s, uint32_t provider, uint32_t office);

/* A location covering a through b (same file). */
struct pol_loc loc_span(struct pol_loc a, struct pol_loc b);

#endif
