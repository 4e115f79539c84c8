/* cover.c - union, intersection, complement and difference of covers. */
#include "cover.h"

#include <string.h>

void cover_init(struct cover *c)
{
	memset(c, 0, sizeof(*c));
}

static bool push(struct arena *a, const struct cube_space *s, struct cover *c,
		 const uint64_t *cube)
{
	for (size_t i = 0; i < s->n; i++)
		if (!cube[i])
			return true;	/* empty cube: nothing to add */
	if (c->n == c->cap) {
		if (c->n >= COVER_MAX_CUBES)
			return false;
		size_t cap = c->cap ? c->cap * 2 : 4;
		uint64_t *sets = ARENA_ARRAY(a, uint64_t, cap * (s->n ? s->n : 1));
		if (c->n)
			memcpy(sets, c->sets, c->n * s->n * sizeof(uint64_t));
		c->sets = sets;
		c->cap = cap;
	}
	memcpy(c->sets + c->n * s->n, cube, s->n * sizeof(uint64_t));
	c->n++;
	return true;
}

static bool contains(const struct cube_space *s, const uint64_t *big,
		     const uint64_t *small)
{
	for (size_t i = 0; i < s->n; i++)
		if (small[i] & ~big[i])
			return false;
	return true;
}

/* Drop cubes contained in another (single-cube containment). */
static void absorb(const struct cube_space *s, struct cover *c)
{
	size_t keep = 0;
	for (size_t i = 0; i < c->n; i++) {
		const uint64_t *ci = c->sets + i * s->n;
		bool dropped = false;
		for (size_t j = 0; j < c->n && !dropped; j++) {
			if (i == j)
				continue;
			const uint64_t *cj = c->sets + j * s->n;
			/* of two equal cubes keep the first */
			if (contains(s, cj, ci) && (!contains(s, ci, cj) || j < i))
				dropped = true;
		}
		if (!dropped) {
			if (keep != i)
				memmove(c->sets + keep * s->n, ci, s->n * sizeof(uint64_t));
			keep++;
		}
	}
	c->n = keep;
}

void cover_true(struct arena *a, const struct cube_space *s, struct cover *out)
{
	cover_init(out);
	push(a, s, out, s->full);
}

bool cover_atom(struct arena *a, const struct cube_space *s, struct cover *out,
		size_t attr, uint64_t set)
{
	cover_init(out);
	uint64_t *cube = ARENA_ARRAY(a, uint64_t, s->n ? s->n : 1);
	memcpy(cube, s->full, s->n * sizeof(uint64_t));
	cube[attr] = set & s->full[attr];
	return push(a, s, out, cube);
}

bool cover_or(struct arena *a, const struct cube_space *s, struct cover *out,
	      const struct cover *x, const struct cover *y)
{
	struct cover r;
	cover_init(&r);
	for (size_t i = 0; i < x->n; i++)
		if (!push(a, s, &r, cover_cube(s, x, i)))
			return false;
	for (size_t i = 0; i < y->n; i++)
		if (!push(a, s, &r, cover_cube(s, y, i)))
			return false;
	absorb(s, &r);
	*out = r;
	return true;
}

bool cover_and(struct arena *a, const struct cube_space *s, struct cover *out,
	       const struct cover *x, const struct cover *y)
{
	struct cover r;
	cover_init(&r);
	uint64_t *cube = ARENA_ARRAY(a, uint64_t, s->n ? s->n : 1);
	for (size_t i = 0; i < x->n; i++) {
		const uint64_t *cx = cover_cube(s, x, i);
		for (size_t j = 0; j < y->n; j++) {
			const uint64_t *cy = cover_cube(s, y, j);
			for (size_t k = 0; k < s->n; k++)
				cube[k] = cx[k] & cy[k];
			if (!push(a, s, &r, cube))
				return false;
		}
	}
	absorb(s, &r);
	*out = r;
	return true;
}

/* The complement of one cube: for each constrained attribute, the cube of
 * cases whose value lies outside its set. */
static bool cube_not(struct arena *a, const struct cube_space *s,
		     struct cover *out, const uint64_t *c)
{
	cover_init(out);
	uint64_t *cube = ARENA_ARRAY(a, uint64_t, s->n ? s->n : 1);
	for (size_t i = 0; i < s->n; i++) {
		if (c[i] == s->full[i])
			continue;
		memcpy(cube, s->full, s->n * sizeof(uint64_t));
		cube[i] = s->full[i] & ~c[i];
		if (!push(a, s, out, cube))
			return false;
	}
	return true;
}

bool cover_not(struct arena *a, const struct cube_space *s, struct cover *out,
	       const struct cover *x)
{
	struct cover r;
	cover_true(a, s, &r);
	for (size_t i = 0; i < x->n && r.n; i++) {
		struct cover ci;
		if (!cube_not(a, s, &ci, cover_cube(s, x, i)) ||
		    !cover_and(a, s, &r, &r, &ci))
			return false;
	}
	*out = r;
	return true;
}

/* x minus y, one cube of y at a time (the sharp operation), giving
 * disjoint pieces of what is left. */
bool cover_minus(struct arena *a, const struct cube_space *s, struct cover *out,
		 const struct cover *x, const struct cover *y)
{
	struct cover left;
	cover_init(&left);
	for (size_t i = 0; i < x->n; i++)
		if (!push(a, s, &left, cover_cube(s, x, i)))
			return false;
	uint64_t *piece = ARENA_ARRAY(a, uint64_t, s->n ? s->n : 1);
	for (size_t j = 0; j < y->n && left.n; j++) {
		const uint64_t *cy = cover_cube(s, y, j);
		struct cover next;
		cover_init(&next);
		for (size_t i = 0; i < left.n; i++) {
			const uint64_t *cl = cover_cube(s, &left, i);
			bool meets = true;
			for (size_t k = 0; k < s->n && meets; k++)
				meets = (cl[k] & cy[k]) != 0;
			if (!meets) {
				if (!push(a, s, &next, cl))
					return false;
				continue;
			}
			memcpy(piece, cl, s->n * sizeof(uint64_t));
			for (size_t k = 0; k < s->n; k++) {
				uint64_t outside = cl[k] & ~cy[k];
				if (outside) {
					piece[k] = outside;
					if (!push(a, s, &next, piece))
						return false;
				}
				piece[k] = cl[k] & cy[k];
			}
		}
		left = next;
	}
	*out = left;
	return true;
}

bool cover_has(const struct cube_space *s, const struct cover *c,
	       const uint32_t *values)
{
	for (size_t i = 0; i < c->n; i++) {
		const uint64_t *cube = cover_cube(s, c, i);
		size_t k = 0;
		while (k < s->n && ((cube[k] >> values[k]) & 1u))
			k++;
		if (k == s->n)
			return true;
	}
	return false;
}
