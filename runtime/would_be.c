/* would_be.c - the smallest changes to a case that would give it another
 * contact mode (pol_contact_would_be).
 *
 * Worked out from the rules' cubes, which the tables hold whatever the
 * contact strategy.  A provider decides mode M for the cases that are in a
 * cube of an M rule and in no cube of a rule of a higher mode, and, when
 * its 'otherwise' rule gives M, for the cases in no cube of any rule.
 *
 * A set S of attributes is tried on the region K_S of the cases that keep
 * every attribute of the case outside S and give every attribute of S a
 * valid code other than the case's.  A region is a bit pattern (mask,
 * value) in which every bit outside S's fields is fixed, plus those two
 * conditions on S's fields.  A cube is apart from a region, cuts it, or
 * covers it; a region that no cube cuts is decided at once, all of it or
 * none.  Otherwise it is split on one bit, the highest free bit of the
 * first attribute of S in attribute order, the 0 half first, so the first
 * case found is the smallest assignment in (attribute, code) order; an
 * attribute whose free bits no cutting cube fixes takes its lowest valid
 * code without splitting (the cubes cannot tell its codes apart).
 *
 * Sets are tried by size, then in attribute order, only on the attributes
 * the cubes that count constrain (changing another attribute changes
 * nothing), never past POL_WOULD_BE_MAX_ATTRS; a superset of a set
 * already found is not tried, nor a set that a first look at the cubes
 * rules out (struct hints).  No allocation, no state; the recursion is
 * one level per bit fixed, at most 64.
 */
#include "pol/runtime.h"

enum { NONE, SOME, ALL };	/* how much of a region gives the mode */
enum { APART, CUTS, COVERS };	/* a cube against a region */

/* The question: the provider's rules, the mode, the case, and the set S
 * being tried. */
struct ask {
	const struct pol_policy *p;
	const struct pol_rule *rules;	/* the provider's, n_rules of them */
	uint32_t n_rules;
	uint32_t mode;
	int by_default;		/* the provider's 'otherwise' gives the mode */
	pol_case c;
	uint32_t set[POL_WOULD_BE_MAX_ATTRS];	/* S, ascending */
	uint32_t n_set;
};

/* The cases matching (mask, value) whose attributes of S hold valid codes
 * other than the case's; every bit outside the fields of S is in mask. */
struct region {
	uint64_t mask, value;
};

/* All ones in the low width bits. */
static uint64_t low_bits(unsigned width)
{
	return width >= 64 ? ~0ull : (1ull << width) - 1;
}

/* The bits of an attribute's field in a case. */
static uint64_t field_of(const struct pol_attribute *a)
{
	return low_bits(a->width) << a->shift;
}

/* Number of bits set. */
static unsigned ones(uint64_t x)
{
	unsigned n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

/* How many x < n, x < 2^width, have (x & m) == v (v within m and width):
 * x agrees with n above the first bit where n has 1 and x has 0, and is
 * free below it where m is. */
static uint64_t count_below(uint64_t m, uint64_t v, unsigned width, uint64_t n)
{
	uint64_t count = 0, inside = low_bits(width);
	for (int i = width < 63 ? (int)width : 63; i >= 0; i--) {
		uint64_t bit = 1ull << i;
		int fixed = (m & bit) != 0 || !(bit & inside);	/* x is 0 above width */
		int one = (v & bit) != 0;
		if (n & bit) {
			if (!fixed || !one)	/* x may have 0 here: all of those are below n */
				count += 1ull << ones(~m & inside & (bit - 1));
			if (fixed && !one)	/* x cannot have n's 1 here */
				return count;
		} else if (fixed && one) {
			return count;
		}
	}
	return count;
}

/* How many codes of attribute a, other than the case's code c, match the
 * pattern (m, v) of its field (shifted down). */
static uint64_t valid_codes(const struct pol_attribute *a, uint32_t c,
			    uint64_t m, uint64_t v)
{
	uint64_t n = count_below(m, v, a->width, a->size);
	return n - ((c & m) == v && c < a->size);
}

/* The attribute's code in the case. */
static uint32_t code_of(const struct pol_attribute *a, pol_case c)
{
	return (uint32_t)((c >> a->shift) & low_bits(a->width));
}

/* Whether a cube misses the region, cuts it or holds all of it. */
static int relate(const struct ask *q, const struct pol_cube *k,
		  const struct region *r)
{
	uint64_t km = k->mask, kv = k->value & k->mask;
	if ((r->value ^ kv) & km & r->mask)
		return APART;
	uint64_t open = km & ~r->mask;	/* fixed by the cube, free in the region */
	int rel = COVERS;
	for (uint32_t i = 0; open && i < q->n_set; i++) {
		const struct pol_attribute *a = &q->p->attributes[q->set[i]];
		uint64_t f = field_of(a);
		if (!(open & f))
			continue;
		uint32_t c = code_of(a, q->c);
		uint64_t rm = (r->mask & f) >> a->shift, rv = (r->value & f) >> a->shift;
		uint64_t both = valid_codes(a, c, rm | ((km & f) >> a->shift),
					    rv | ((kv & f) >> a->shift));
		if (both == 0)
			return APART;
		if (both != valid_codes(a, c, rm, rv))
			rel = CUTS;
	}
	return rel;
}

/* Does a rule count against the mode: every rule ('otherwise' aside) when
 * all is set, else those of a higher mode. */
static int against(const struct ask *q, const struct pol_rule *r, int all)
{
	return !r->is_default && (all || r->mode < q->mode);
}

/* How much of the region, all of it in the cubes counted for (pos says
 * whether all or some of it), is outside the cubes counted against; the
 * masks of those that cut it are added to *cut. */
static int outside(const struct ask *q, const struct region *reg, int all,
		   int pos, uint64_t *cut)
{
	int st = pos == COVERS ? ALL : SOME;
	for (uint32_t i = 0; i < q->n_rules; i++) {
		const struct pol_rule *r = &q->rules[i];
		if (!against(q, r, all))
			continue;
		for (uint32_t j = 0; j < r->n_cubes; j++) {
			const struct pol_cube *k = &q->p->cubes[r->first_cube + j];
			int rel = relate(q, k, reg);
			if (rel == COVERS)
				return NONE;
			if (rel == CUTS) {
				st = SOME;
				*cut |= k->mask;
			}
		}
	}
	return st;
}

/* How much of the region the provider decides with the mode: NONE, SOME
 * or ALL; for SOME, *cut holds the bits that the cubes cutting it fix. */
static int status(const struct ask *q, const struct region *reg, uint64_t *cut)
{
	for (uint32_t i = 0; i < q->n_set; i++) {
		const struct pol_attribute *a = &q->p->attributes[q->set[i]];
		uint64_t f = field_of(a);
		if (!valid_codes(a, code_of(a, q->c), (reg->mask & f) >> a->shift,
				 (reg->value & f) >> a->shift))
			return NONE;	/* the region is empty */
	}
	*cut = 0;
	/* the mode's own rules, against the higher modes' */
	int pos = APART;
	for (uint32_t i = 0; i < q->n_rules && pos != COVERS; i++) {
		const struct pol_rule *r = &q->rules[i];
		if (r->is_default || r->mode != q->mode)
			continue;
		for (uint32_t j = 0; j < r->n_cubes && pos != COVERS; j++) {
			const struct pol_cube *k = &q->p->cubes[r->first_cube + j];
			int rel = relate(q, k, reg);
			if (rel != APART)
				pos = rel;
			if (rel == CUTS)
				*cut |= k->mask;
		}
	}
	int st = pos == APART ? NONE : outside(q, reg, 0, pos, cut);
	/* 'otherwise': the cases no rule matches */
	if (st != ALL && q->by_default) {
		int other = outside(q, reg, 1, COVERS, cut);
		st = other == ALL ? ALL : st == SOME || other == SOME ? SOME : NONE;
	}
	return st;
}

/* The lowest code matching the pattern (m, v) that is valid and not the
 * case's code c; the caller knows there is one.  The lowest match is v,
 * the next v with the lowest free bit set. */
static uint64_t lowest_code(const struct pol_attribute *a, uint32_t c,
			    uint64_t m, uint64_t v)
{
	if (v != c)
		return v;
	uint64_t free_bits = ~m & low_bits(a->width);
	return v | (free_bits & (~free_bits + 1));
}

/* Fix attribute set[i] of the region to its lowest code. */
static void fix_lowest(const struct ask *q, struct region *r, uint32_t i)
{
	const struct pol_attribute *a = &q->p->attributes[q->set[i]];
	uint64_t f = field_of(a);
	uint64_t x = lowest_code(a, code_of(a, q->c), (r->mask & f) >> a->shift,
				 (r->value & f) >> a->shift);
	r->mask |= f;
	r->value = (r->value & ~f) | (x << a->shift);
}

/* Whether the region holds a case the provider decides with the mode; if
 * so *w is the smallest, comparing codes in attribute order.  Each level
 * of recursion fixes at least one more bit. */
static int witness(const struct ask *q, struct region r, pol_case *w)
{
	uint64_t cut;
	int st = status(q, &r, &cut);
	if (st == NONE)
		return 0;
	for (uint32_t i = 0; i < q->n_set; i++) {
		uint64_t free_bits = field_of(&q->p->attributes[q->set[i]]) & ~r.mask;
		if (!free_bits)
			continue;
		if (st == ALL || !(free_bits & cut)) {
			fix_lowest(q, &r, i);	/* no cube tells its codes apart */
			if (st == ALL)
				continue;
			return witness(q, r, w);
		}
		uint64_t bit = 1ull << 63;
		while (!(bit & free_bits))
			bit >>= 1;
		struct region lo = { r.mask | bit, r.value & ~bit };
		struct region hi = { r.mask | bit, r.value | bit };
		return witness(q, lo, w) || witness(q, hi, w);
	}
	if (st != ALL)
		return 0;	/* a single case is never cut: not reached */
	*w = r.value;
	return 1;
}

/* Whether the set set[0..n) includes every attribute of the change set. */
static int includes(const uint32_t *set, uint32_t n, const struct pol_change_set *s)
{
	for (uint32_t i = 0; i < s->n; i++) {
		uint32_t j = 0;
		while (j < n && set[j] != s->changes[i].attribute)
			j++;
		if (j == n)
			return 0;
	}
	return 1;
}

/* What a look at the cubes tells of the sets worth trying, as masks of
 * case bits.  Changing the fields sbits can give the mode only if
 *   - some cube of the mode's rules is reachable: its fields where the
 *     case differs from it (reach) are all among sbits, and sbits meets
 *     every cube of a higher mode that holds the case (higher); or
 *   - the 'otherwise' rule gives the mode and sbits meets every cube of
 *     every rule that holds the case (any).
 * A cube that holds the case and constrains none of sbits holds every
 * change of them.  Only the first HINTS masks of a list are kept: fewer
 * cubes that must be met still rule out only hopeless sets, but when
 * reach overflows it is not used. */
#define HINTS 64
struct hints {
	uint64_t reach[HINTS], higher[HINTS], any[HINTS];
	uint32_t n_reach, n_higher, n_any;
	int reach_overflow;
};

/* Add a mask to a list unless it is there already or the list is full;
 * 0 if it was full. */
static int hint(uint64_t *list, uint32_t *n, uint64_t mask)
{
	for (uint32_t i = 0; i < *n; i++)
		if (list[i] == mask)
			return 1;
	if (*n == HINTS)
		return 0;
	list[(*n)++] = mask;
	return 1;
}

/* The hints for the question's mode and case. */
static void gather(const struct ask *q, struct hints *h)
{
	h->n_reach = h->n_higher = h->n_any = 0;
	h->reach_overflow = 0;
	for (uint32_t i = 0; i < q->n_rules; i++) {
		const struct pol_rule *r = &q->rules[i];
		if (r->is_default)
			continue;
		for (uint32_t j = 0; j < r->n_cubes; j++) {
			const struct pol_cube *k = &q->p->cubes[r->first_cube + j];
			uint64_t off = (q->c ^ k->value) & k->mask;
			if (r->mode == q->mode && !hint(h->reach, &h->n_reach, off))
				h->reach_overflow = 1;
			if (off)
				continue;
			if (r->mode < q->mode)
				hint(h->higher, &h->n_higher, k->mask);
			hint(h->any, &h->n_any, k->mask);
		}
	}
}

/* Whether every mask of the list meets sbits. */
static int meets_all(const uint64_t *list, uint32_t n, uint64_t sbits)
{
	for (uint32_t i = 0; i < n; i++)
		if (!(list[i] & sbits))
			return 0;
	return 1;
}

/* Whether the hints show that changing only the fields sbits cannot give
 * the mode. */
static int hopeless(const struct ask *q, const struct hints *h, uint64_t sbits)
{
	if (q->by_default && meets_all(h->any, h->n_any, sbits))
		return 0;
	if (!meets_all(h->higher, h->n_higher, sbits))
		return 1;
	if (h->reach_overflow)
		return 0;
	for (uint32_t i = 0; i < h->n_reach; i++)
		if (!(h->reach[i] & ~sbits))
			return 0;
	return 1;
}

/* Try the set q->set: 1 and the change set written to *out if changing
 * just those attributes can give the mode. */
static int try_set(const struct ask *q, struct pol_change_set *out)
{
	struct region r = { ~0ull, q->c };
	for (uint32_t i = 0; i < q->n_set; i++) {
		const struct pol_attribute *a = &q->p->attributes[q->set[i]];
		uint64_t f = field_of(a);
		r.value &= ~f;
		if (a->size == 2)	/* a flag: its one other code, fixed at once */
			r.value |= (uint64_t)(1 - code_of(a, q->c)) << a->shift;
		else
			r.mask &= ~f;
	}
	pol_case w;
	if (!witness(q, r, &w))
		return 0;
	out->n = q->n_set;
	for (uint32_t i = 0; i < q->n_set; i++) {
		out->changes[i].attribute = q->set[i];
		out->changes[i].code = code_of(&q->p->attributes[q->set[i]], w);
	}
	return 1;
}

/* The attributes a change of which can matter: those with another value
 * that some cube counted for or against the mode constrains, ascending.
 * Their fields are disjoint and not empty, so there are at most 64. */
static uint32_t relevant(const struct ask *q, uint32_t out[64])
{
	uint64_t bits = 0;
	for (uint32_t i = 0; i < q->n_rules; i++) {
		const struct pol_rule *r = &q->rules[i];
		if (r->is_default || !(r->mode <= q->mode || q->by_default))
			continue;
		for (uint32_t j = 0; j < r->n_cubes; j++)
			bits |= q->p->cubes[r->first_cube + j].mask;
	}
	uint32_t n = 0;
	for (uint32_t a = 0; a < q->p->n_attributes && n < 64; a++) {
		const struct pol_attribute *at = &q->p->attributes[a];
		if (at->size >= 2 && (field_of(at) & bits))
			out[n++] = a;
	}
	return n;
}

int pol_contact_would_be(const struct pol_policy *p, uint32_t provider,
			 pol_case c, uint32_t mode, struct pol_change_set *sets,
			 size_t cap)
{
	struct pol_contact_answer ans;
	if (!p || (cap && !sets))
		return POL_EINVAL;
	int rc = pol_contact(p, provider, c, &ans);	/* checks provider and case */
	if (rc != 0)
		return rc;
	if (mode >= p->n_modes)
		return POL_EINVAL;
	const struct pol_contact_table *t = &p->contact[provider];
	struct ask q = {
		.p = p, .rules = p->rules + t->first_rule, .n_rules = t->n_rules,
		.mode = mode, .c = c,
		.by_default = t->default_rule >= 0 && p->rules[t->default_rule].mode == mode,
	};
	if (cap == 0)
		return 0;
	if (try_set(&q, &sets[0]))
		return 1;	/* the case has the mode: every other set is larger */
	struct hints h;
	gather(&q, &h);
	if (h.n_reach == 0 && !h.reach_overflow && !q.by_default)
		return 0;	/* no rule gives the mode */
	uint32_t rel[64];
	uint32_t n_rel = relevant(&q, rel);
	size_t found = 0;
	for (uint32_t k = 1; k <= POL_WOULD_BE_MAX_ATTRS && k <= n_rel; k++) {
		uint32_t idx[POL_WOULD_BE_MAX_ATTRS];
		for (uint32_t j = 0; j < k; j++)
			idx[j] = j;
		q.n_set = k;
		for (;;) {
			for (uint32_t j = 0; j < k; j++)
				q.set[j] = rel[idx[j]];
			int larger = 0;
			for (size_t f = 0; f < found && !larger; f++)
				larger = includes(q.set, k, &sets[f]);
			uint64_t sbits = 0;
			for (uint32_t j = 0; j < k; j++)
				sbits |= field_of(&p->attributes[q.set[j]]);
			if (!larger && !hopeless(&q, &h, sbits) && try_set(&q, &sets[found]) &&
			    ++found == cap)
				return (int)found;
			/* the next k of n_rel in lexicographic order */
			uint32_t j = k;
			while (j > 0 && idx[j - 1] == n_rel - k + j - 1)
				j--;
			if (j == 0)
				break;
			idx[j - 1]++;
			for (uint32_t i = j; i < k; i++)
				idx[i] = idx[i - 1] + 1;
		}
	}
	return (int)found;
}
