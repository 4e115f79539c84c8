/* cover.h - sets of cases as covers of multi-valued cubes.
 *
 * A case gives each attribute one value; a cube gives each attribute a
 * set of values (a bit set, at most 64 values) and stands for every case
 * whose values all lie in their sets.  A cover is a union of cubes.  This
 * is the cube calculus of two-level logic minimisers (espresso-MV), kept
 * small: conditions compile to covers, and the analysis asks of covers
 * whether they are empty or contain one another, symbolically, without
 * enumerating cases.
 */
#ifndef POL_COVER_H
#define POL_COVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct cube_space {
	size_t n;		/* attributes */
	const uint64_t *full;	/* per attribute: the set of all its values */
};

struct cover {
	uint64_t *sets;		/* n cubes of space->n sets each */
	size_t n, cap;
};

/* Covers bigger than this make an operation fail (return false). */
#define COVER_MAX_CUBES 20000

void cover_init(struct cover *c);
/* One cube: every attribute free but attr, which must lie in set. */
bool cover_atom(struct arena *a, const struct cube_space *s, struct cover *out,
		size_t attr, uint64_t set);
void cover_true(struct arena *a, const struct cube_space *s, struct cover *out);
bool cover_or(struct arena *a, const struct cube_space *s, struct cover *out,
	      const struct cover *x, const struct cover *y);
bool cover_and(struct arena *a, const struct cube_space *s, struct cover *out,
	       const struct cover *x, const struct cover *y);
bool cover_not(struct arena *a, const struct cube_space *s, struct cover *out,
	       const struct cover *x);
/* x minus y; empty when y covers x. */
bool cover_minus(struct arena *a, const struct cube_space *s, struct cover *out,
		 const struct cover *x, const struct cover *y);
static inline const uint64_t *cover_cube(const struct cube_space *s,
					 const struct cover *c, size_t i)
{
	return c->sets + i * s->n;
}
/* Does the cover contain the case (one value per attribute)? */
bool cover_has(const struct cube_space *s, const struct cover *c,
	       const uint32_t *values);

#endif
