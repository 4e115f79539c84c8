/* model.h - the normalised policy model between the checked tree and the
 * back ends (C emitter, analysis, diff).
 *
 * Names get dense ids; cases get a packed encoding; conditions become
 * covers of cubes; office schedules become weekday masks per provider and
 * office; timelines become, per activity and area, the list of entries in
 * force with 'no change' and nation-to-region inheritance worked out.
 * Every rule-like thing keeps its citations and source position.
 *
 * The model is built from the checked set only; the reference interpreter
 * (interp.h) deliberately does not use it, so the two can check each other.
 */
#ifndef POL_MODEL_H
#define POL_MODEL_H

#include "check.h"
#include "cover.h"
#include "pol/runtime.h"

/* Where something was written, with its cites and notes. */
struct model_source {
	const struct annots *annots;
	struct pol_loc loc;
};

struct model_attr {
	const struct decl *decl;
	enum pol_attr_kind kind;
	uint32_t size;		/* number of values */
	int64_t lo;		/* range: value of code 0 */
	uint8_t shift, width;	/* bit field in a packed case */
};

struct model_schedule {
	const struct schedule *ast;
	uint32_t id;		/* index in model.schedules: source order */
	uint32_t provider;
	uint8_t days;		/* open weekdays, exceptions applied */
	const struct hours *week[7];	/* each open day's hours; NULL unknown */
	int32_t first, last;	/* in force; INT32_MIN, INT32_MAX open */
	uint8_t offices_all;	/* a service for every office */
};

/* Provider x office: its schedules by the date they start, then its
 * services as written. */
struct model_office_cell {
	uint8_t days;		/* weekdays open in some version */
	bool open_on_a_date;	/* some version opens on a given date */
	struct vec schedules;	/* uint32_t ids boxed as (void *)(uintptr_t) */
};

/* One clause of a rule's condition: the condition split at its
 * top-level 'or's ("risk >= high" of "risk >= high or high_priority"), so
 * an answer can say which part made the rule apply. */
struct model_clause {
	const struct cond *ast;
	struct cover cover;
};

struct model_rule {
	const struct rule *ast;
	uint32_t provider;
	uint32_t mode;		/* mode id: 0 is the highest priority */
	bool is_default;
	struct cover cond;	/* cases it applies to; empty for 'otherwise' */
	struct vec clauses;	/* struct model_clause *; none for 'otherwise' */
};

/* A contact table: one version of a provider's rules,
 * m->rules[first .. first+count), highest-priority mode first, then in
 * the order written; 'otherwise' last.  Table p (p < providers) is
 * provider p's first version by date, or an empty one when it has no
 * rules; its later versions come after the providers' tables. */
struct model_contact {
	uint32_t first, count;
	int32_t default_rule;	/* index in m->rules, or -1 */
	uint32_t provider;
	const struct contact *ast;	/* NULL: the provider has no rules */
	int32_t valid_from, valid_until;	/* INT32_MIN, INT32_MAX: open */
	int32_t next;		/* the provider's next table by date, or -1 */
};

/* For the lookup strategy: one distinct set of matching rules. */
struct model_match_set {
	uint32_t *rules;	/* indices in m->rules */
	uint32_t n;
	int32_t mode, rule;	/* decisive, or -1 */
};

struct model_entry {
	const struct entry *ast;	/* as written */
	const struct timeline *timeline;
	int32_t days;			/* POL_NO_DATE for 'initially' */
	bool permitted, unchanged;
	const struct text *status;
	int32_t limits[POL_LIMIT_COUNT];
	struct vec conditions;		/* struct decl * */
	int32_t step;			/* step id or -1 */
	int32_t area;			/* area of the timeline it is written in */
	int32_t continues;		/* index in the same cell, or -1 */
	/* in the same cell, -1 for none: see struct pol_entry */
	int32_t decided_by, next_change, permitted_from;
};

struct model_timeline_cell {
	struct vec entries;	/* struct model_entry *, by date */
	/* the dates the plans of the timelines that speak for the cell are
	 * in force: the earliest first, the latest last (INT32_MIN,
	 * INT32_MAX when open); outside them the cell is not covered */
	int32_t covered_from, covered_until;
};

struct model {
	const struct policy_set *set;
	struct arena *arena;
	/* areas: nations then regions, in declaration order */
	size_t n_areas;
	const struct decl **areas;
	int32_t *area_parent;		/* -1 for a nation */

	size_t n_attrs;
	struct model_attr *attrs;
	struct cube_space space;
	unsigned case_bits;

	struct vec schedules;		/* struct model_schedule * */
	struct model_office_cell *office_cells;	/* [provider * n_offices + office] */

	struct vec rules;		/* struct model_rule * */
	struct model_contact *contact;	/* [table], see struct model_contact */
	size_t n_contact;		/* tables: providers first */
	enum pol_contact_strategy strategy;
	/* POL_BY_LOOKUP: per provider, case -> index in match_sets; set 0 is
	 * the sentinel for codes that are not a case */
	uint16_t **lookup;
	struct vec match_sets;		/* struct model_match_set * */

	struct model_timeline_cell *timeline_cells;	/* [activity * n_areas + area] */
};

/* Largest attribute space compiled to a lookup table (cases per provider). */
#define MODEL_LOOKUP_MAX_BITS 16

/* Build the model of a checked set; reports errors the checker cannot see
 * (conflicting schedules, ambiguous timelines, limits of the encoding).
 * Returns false on error. */
bool model_build(struct arena *a, struct diags *d, const struct policy_set *set,
		 struct model *out);

/* The contact table of a provider in force on a date (POL_NO_DATE: the
 * table in force on every date, an undated one); -1 when none is. */
int32_t model_contact_on(const struct model *m, uint32_t provider, int32_t days);

/* Area id of a nation or region declaration. */
int32_t model_area_id(const struct model *m, const struct decl *area);

/* Packed (mask, value) cubes, over the case encoding, for a cover: what
 * the runtime tests.  Appends to out (struct pol_cube *). */
bool model_pack_cover(const struct model *m, const struct cover *c,
		      struct vec *out);

/* The values of a case, one code per attribute, from a packed case. */
void model_unpack_case(const struct model *m, pol_case c, uint32_t *values);

/* The cases a contact table decides with each mode: by_mode[mode] for every
 * mode id, and undecided for the cases no rule or 'otherwise' decides.
 * Built rule by rule in priority order.  False if a cover grew too big. */
bool model_decisions(struct arena *a, const struct model *m, uint32_t provider,
		     struct cover *by_mode, struct cover *undecided);

/* Compile a condition to a cover; false if it is too complex (reported). */
bool model_condition(struct arena *a, struct diags *d, const struct model *m,
		     const struct cond *c, struct cover *out);

#endif
