/* diff.h - what a change to a policy set does to its decisions.
 *
 * Two versions are compared by what they decide, not by how they are
 * written, so reformatting or reordering reports nothing.  Names are
 * matched by name, and a removed and an added name of one kind that
 * decide the same are reported as a rename.
 */
#ifndef POL_DIFF_H
#define POL_DIFF_H

#include "driver.h"
#include "interp.h"
#include "model.h"

struct diff_side {
	struct compilation *c;
	struct model *m;
	struct interp in;
};

enum change_kind { CHANGE_NAME, CHANGE_OFFICE, CHANGE_CONTACT, CHANGE_ACTIVITY };

struct change {
	enum change_kind kind;
	const char *subject;	/* "office Derby", "NPS at Derby", "CRC", ... */
	const char *where;	/* "Tue", "cases with tact", "2021-03-08 to ..." */
	const char *old_text, *new_text;
	/* for JSON */
	const char *what;	/* name: "removed" / "added" / "renamed" */
	const char *provider, *office, *activity, *area, *day;
	const char *from, *to;	/* activity dates; to NULL when open-ended */
};

/* Compare old with new; appends struct change * to out (in the arena of
 * the new side).  False if a comparison grew too large to finish. */
bool diff_policies(struct diff_side *old, struct diff_side *new,
		   struct vec *out);

#endif
