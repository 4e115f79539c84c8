/* interp_would_be.h - the oracle of pol_contact_would_be: the smallest
 * changes to a case that would give it a contact mode, found by brute
 * force over the cases with the reference interpreter's decisions.
 *
 * The definition is the runtime's (include/pol/runtime.h,
 * 'Counterfactuals'): for a case c and a mode M, the sets S of attributes
 * such that some case differing from c on exactly S is decided M, minimal
 * by inclusion, at most INTERP_WOULD_BE_MAX_ATTRS attributes each; by
 * size, then by their attribute ids lexicographically; for each, the
 * smallest such case (codes compared in attribute order).  Nothing here
 * looks at cubes: the interpreter decides every case once, then, for a
 * case asked about, every case that differs from it on at most
 * INTERP_WOULD_BE_MAX_ATTRS attributes is looked at (one that differs on
 * more cannot give a set the runtime lists).
 */
#ifndef POL_INTERP_WOULD_BE_H
#define POL_INTERP_WOULD_BE_H

#include "interp.h"

/* The runtime's bounds, POL_WOULD_BE_MAX_ATTRS and _MAX_SETS. */
#define INTERP_WOULD_BE_MAX_ATTRS 4
#define INTERP_WOULD_BE_MAX_SETS 8
/* Largest case space the oracle takes on (cases per provider). */
#define INTERP_WOULD_BE_MAX_CASES ((size_t)1 << 20)

/* One minimal set of changes: attributes ascending, model numbering. */
struct interp_change_set {
	size_t n;
	uint32_t attr[INTERP_WOULD_BE_MAX_ATTRS];
	uint32_t code[INTERP_WOULD_BE_MAX_ATTRS];
};

/* Every case of one provider and its decision; then the answers, for
 * every mode, for the case last asked about. */
struct interp_would_be {
	const struct interp *in;
	size_t n_modes;
	size_t n_vary;		/* attributes with two values or more */
	uint32_t *vary;		/* their ids, ascending */
	size_t *step;		/* [k]: what a code of vary[k] adds to an index */
	size_t n_cases;		/* the product of their sizes */
	int16_t *decided;	/* [case index]: mode id, or -1 when undecided */
	uint8_t *near;		/* [mode * n_cases + case]: changes it needs at
				 * least, UINT8_MAX for more than MAX_ATTRS */
	size_t n_order;		/* sets of at most MAX_ATTRS varying attributes, */
	uint32_t *order;	/* as bit masks over vary, by size then lexically */
	uint8_t *members;	/* [o * MAX_ATTRS + t]: the vary indices of order[o], */
	uint32_t *sizes;	/* their sizes */
	size_t *steps;		/* and steps */
	size_t asked;		/* the case the answers are for, or n_cases */
	size_t *n_found;	/* [mode]: sets found */
	uint32_t *found;	/* [mode * MAX_SETS + t]: a set, as a mask */
	size_t *witness;	/* [mode * MAX_SETS + t]: its smallest case */
	uint32_t *singles;	/* [mode]: the sets of one attribute found, or'ed */
	bool *want;		/* scratch, [mode] */
};

/* Decide every case of the provider with its rules in force on days
 * (POL_NO_DATE: its undated ones), tables in a.  False (w unusable) when
 * there are more than INTERP_WOULD_BE_MAX_CASES, or INT16_MAX modes. */
bool interp_would_be_init(struct interp_would_be *w, const struct interp *in,
			  struct arena *a, uint32_t provider, int32_t days);
/* The values (one code per attribute, model numbering) of the case with
 * index i < w->n_cases; attributes of one value get code 0. */
void interp_would_be_case(const struct interp_would_be *w, size_t i,
			  uint32_t *values);
/* The first cap (at most INTERP_WOULD_BE_MAX_SETS) minimal sets of changes
 * that give the case the mode, in the runtime's order; how many were
 * written.  A case decided with the mode gets one empty set. */
size_t interp_would_be(struct interp_would_be *w, const uint32_t *values,
		       uint32_t mode, struct interp_change_set *sets, size_t cap);

#endif
