/* interp.h - the reference interpreter.
 *
 * Answers the checker's three questions straight from the checked syntax
 * tree: conditions are evaluated node by node, schedules and timelines
 * are scanned as written.  It shares no code with the model or the
 * runtime, so it can serve as the oracle they are tested against, and it
 * is what `polc test` runs.  Ids follow the runtime's numbering: areas are
 * nations then regions, attributes in declaration order (see model.h).
 */
#ifndef POL_INTERP_H
#define POL_INTERP_H

#include "check.h"
#include "model.h"

struct interp {
	const struct policy_set *set;
	const struct model *m;	/* for the numbering of areas and attributes only */
};

struct interp_office {
	bool covered;			/* a schedule of the provider for the
					 * office is in force */
	bool open;
	unsigned n_hours;		/* 0 when not known */
	int open_minute[HOURS_MAX], close_minute[HOURS_MAX];
	const struct schedule *by;	/* the schedule in force */
	const struct date_clause *on_date;	/* the date line that decided */
};

struct interp_contact {
	const struct contact *block;	/* the rules in force, or NULL */
	const struct decl *mode;	/* decisive, or NULL */
	const struct rule *rule;	/* deciding rule (maybe 'otherwise') */
	struct vec matched;		/* const struct rule *, priority order */
};

struct interp_activity {
	const struct entry *entry;	/* in force, or NULL */
	int32_t since;			/* its date, POL_NO_DATE if 'initially' */
	int32_t next;			/* next entry's date, or POL_NO_DATE */
	bool permitted;
	const struct text *status;
	int32_t limits[POL_LIMIT_COUNT];
	const struct vec *conditions;	/* struct decl *, of the entry whose terms hold */
	const struct decl *step;
	const struct entry *terms;	/* the entry whose terms hold (for 'no change') */
	/* Over the dates: worked out from the states of other dates, not
	 * from the model's links, so that it checks them. */
	int32_t decided_since;		/* first date of the run of dates showing
					 * the same; for 'initially' the first date
					 * of its plans (POL_NO_DATE: none given) */
	const struct decl *decided_step;	/* the step in force on that date */
	int32_t next_change;		/* next date showing otherwise, or POL_NO_DATE */
	int32_t permitted_from;		/* not permitted: first later date that is */
	const struct decl *permitted_step;	/* the step in force then */
};

void interp_init(struct interp *in, const struct policy_set *set,
		 const struct model *m);
/* A weekday of the week in force on days_in_force (POL_NO_DATE: of the
 * schedule in force on every date, an undated one), or a date with its
 * date lines ('closed on ...').  Not covered where no schedule is. */
void interp_office(const struct interp *in, uint32_t provider, uint32_t office,
		   int weekday, int32_t days_in_force, struct interp_office *out);
void interp_office_on_date(const struct interp *in, uint32_t provider,
			   uint32_t office, int32_t days, struct interp_office *out);
/* values: one code per attribute (model numbering).  matched lives in a. */
/* The provider's contact block in force on a date (POL_NO_DATE: an
 * undated one), or NULL: then nothing decides, and the answer is not
 * covered. */
const struct contact *interp_contact_block(const struct interp *in, uint32_t provider,
					   int32_t days);
void interp_contact(const struct interp *in, struct arena *a, uint32_t provider,
		    int32_t days, const uint32_t *values, struct interp_contact *out);
bool interp_cond(const struct interp *in, const struct cond *c,
		 const uint32_t *values);
void interp_activity(const struct interp *in, uint32_t activity, uint32_t area,
		     int32_t days, struct interp_activity *out);

#endif
