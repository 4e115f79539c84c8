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
 * nothing), never past POL_WOULD_BE_MAX_ATTRS.  They are walked depth
 * first, attribute by attribute, and a beginning is not gone on with when
 * it holds a set already found or when a first look at the cubes rules
 * out every set that begins so (struct screen).  A set of flags alone
 * changes the case into one case, decided rule by rule.  No allocation,
 * no state; the recursion is one level per bit fixed, at most 64.
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
	if (m == low_bits(a->width))	/* one code */
		return v < a->size && v != c;
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

/* Whether the provider decides the single case x with the mode: the
 * first rule that matches, in priority order, else 'otherwise'. */
static int decides(const struct ask *q, pol_case x)
{
	for (uint32_t i = 0; i < q->n_rules; i++) {
		const struct pol_rule *r = &q->rules[i];
		if (r->is_default)
			continue;
		for (uint32_t j = 0; j < r->n_cubes; j++) {
			const struct pol_cube *k = &q->p->cubes[r->first_cube + j];
			if ((x & k->mask) == (k->value & k->mask))
				return r->mode == q->mode;
		}
	}
	return q->by_default;
}

/* Whether the region holds a case the provider decides with the mode; if
 * so *w is the smallest, comparing codes in attribute order.  Each level
 * of recursion fixes at least one more bit. */
static int witness(const struct ask *q, struct region r, pol_case *w)
{
	if (r.mask == ~0ull) {	/* a single case: is it one, and changed? */
		for (uint32_t i = 0; i < q->n_set; i++) {
			const struct pol_attribute *a = &q->p->attributes[q->set[i]];
			uint32_t x = code_of(a, r.value);
			if (x >= a->size || x == code_of(a, q->c))
				return 0;
		}
		*w = r.value;
		return decides(q, r.value);
	}
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

/* What a first look at the cubes tells of the sets worth trying.  Sets
 * are bit masks over the positions of the relevant attributes (bit t for
 * attr[t]).  A cube that holds the case and constrains none of the
 * attributes of a set holds every change of them: it blocks the set.
 * Changing the set S can give the mode only if
 *   - S holds the positions where the case differs from some cube of the
 *     mode's rules (a reach), and meets every cube of a higher mode that
 *     holds the case (the higher blocks); or
 *   - the 'otherwise' rule gives the mode and S meets every cube of every
 *     rule that holds the case (the blocks of any mode).
 * Only the first 64 blocks of each kind are kept: fewer blocks still rule
 * out only sets that cannot work.  When there are more than 64 reaches,
 * they are not used. */
#define REACHES 64
struct screen {
	uint32_t n;			/* relevant attributes */
	uint32_t attr[64];		/* their ids, ascending */
	uint64_t bits[64];		/* their fields */
	uint64_t higher[64], any[64];	/* [t]: the blocks attr[t] meets (bit j: block j) */
	uint64_t all_higher, all_any;	/* bits of every block kept */
	uint64_t later_higher[65], later_any[65];	/* [t]: those attr[t..] meet */
	uint64_t reach[REACHES];
	uint32_t n_reach;
	int reach_unknown;		/* more than REACHES: every set may reach */
};

/* The positions of the attributes whose fields meet the case bits mask. */
static uint64_t positions(const struct screen *sc, uint64_t mask)
{
	uint64_t pos = 0;
	for (uint32_t t = 0; t < sc->n; t++)
		if (sc->bits[t] & mask)
			pos |= 1ull << t;
	return pos;
}

/* Add a block (a set of positions) of one kind unless it is kept already
 * or 64 are. */
static void block(const struct screen *sc, uint64_t *meets, uint64_t *all,
		  uint64_t pos)
{
	uint64_t n = 0;
	for (uint64_t j = 0; j < 64 && (*all >> j & 1); j++, n++) {
		uint64_t same = 1;
		for (uint32_t t = 0; t < sc->n && same; t++)
			same = ((meets[t] >> j & 1) != 0) == ((pos >> t & 1) != 0);
		if (same)
			return;
	}
	if (n == 64)
		return;
	*all |= 1ull << n;
	for (uint32_t t = 0; t < sc->n; t++)
		if (pos >> t & 1)
			meets[t] |= 1ull << n;
}

/* Add a reach unless it is known, or out of reach (too many changes). */
static void reach(struct screen *sc, uint64_t pos)
{
	uint32_t t = 0;
	while (t < sc->n_reach && sc->reach[t] != pos)
		t++;
	if (ones(pos) > POL_WOULD_BE_MAX_ATTRS || t < sc->n_reach)
		return;
	if (sc->n_reach == REACHES)
		sc->reach_unknown = 1;
	else
		sc->reach[sc->n_reach++] = pos;
}

/* The attributes a change of which can matter: those with another value
 * that some cube counted for or against the mode constrains, ascending
 * (their fields are disjoint and not empty: at most 64); then the reaches
 * and blocks for the case. */
static void screen_init(const struct ask *q, struct screen *sc)
{
	uint64_t bits = 0;
	for (uint32_t i = 0; i < q->n_rules; i++) {
		const struct pol_rule *r = &q->rules[i];
		if (r->is_default || !(r->mode <= q->mode || q->by_default))
			continue;
		for (uint32_t j = 0; j < r->n_cubes; j++)
			bits |= q->p->cubes[r->first_cube + j].mask;
	}
	sc->n = 0;
	for (uint32_t a = 0; a < q->p->n_attributes && sc->n < 64; a++) {
		const struct pol_attribute *at = &q->p->attributes[a];
		if (at->size >= 2 && (field_of(at) & bits)) {
			sc->attr[sc->n] = a;
			sc->bits[sc->n] = field_of(at);
			sc->higher[sc->n] = sc->any[sc->n] = 0;
			sc->n++;
		}
	}
	sc->all_higher = sc->all_any = 0;
	sc->n_reach = 0;
	sc->reach_unknown = 0;
	for (uint32_t i = 0; i < q->n_rules; i++) {
		const struct pol_rule *r = &q->rules[i];
		if (r->is_default)
			continue;
		for (uint32_t j = 0; j < r->n_cubes; j++) {
			const struct pol_cube *k = &q->p->cubes[r->first_cube + j];
			uint64_t off = (q->c ^ k->value) & k->mask;
			if (r->mode == q->mode)
				reach(sc, positions(sc, off));
			if (off)
				continue;
			if (r->mode < q->mode)
				block(sc, sc->higher, &sc->all_higher, positions(sc, k->mask));
			if (q->by_default)
				block(sc, sc->any, &sc->all_any, positions(sc, k->mask));
		}
	}
	sc->later_higher[sc->n] = sc->later_any[sc->n] = 0;
	for (uint32_t t = sc->n; t-- > 0;) {
		sc->later_higher[t] = sc->later_higher[t + 1] | sc->higher[t];
		sc->later_any[t] = sc->later_any[t + 1] | sc->any[t];
	}
}

/* Whether the screen rules out every set of size k that begins with the
 * positions of prefix (the highest of them last) and goes on with
 * positions above it: prefix meets the higher blocks hit_higher and the
 * blocks of any mode hit_any; the others must be met by what comes after,
 * and a reach must lie in prefix but for at most the positions still to
 * come. */
static int hopeless(const struct ask *q, const struct screen *sc, uint64_t prefix,
		    uint32_t last, uint32_t more, uint64_t hit_higher, uint64_t hit_any)
{
	if (q->by_default && !(sc->all_any & ~hit_any & ~sc->later_any[last + 1]))
		return 0;
	if (sc->all_higher & ~hit_higher & ~sc->later_higher[last + 1])
		return 1;
	if (sc->reach_unknown)
		return 0;
	uint64_t upto = last >= 63 ? ~0ull : (2ull << last) - 1;
	for (uint32_t i = 0; i < sc->n_reach; i++) {
		uint64_t missing = sc->reach[i] & ~prefix;
		if (!(missing & upto) && ones(missing) <= more)
			return 0;
	}
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
	struct screen sc;
	screen_init(&q, &sc);
	if (sc.n_reach == 0 && !sc.reach_unknown && !q.by_default)
		return 0;	/* no cube of the mode within reach */
	uint64_t taken[64];	/* the first 64 sets found, as positions */
	size_t found = 0;
	for (uint32_t k = 1; k <= POL_WOULD_BE_MAX_ATTRS && k <= sc.n; k++) {
		/* depth first over positions idx[0] < ... < idx[k-1], in
		 * lexicographic order; for each depth j what idx[0..j] make:
		 * the set and the blocks it meets.  A prefix the screen rules
		 * out, or that holds a set found, is not gone into. */
		uint32_t idx[POL_WOULD_BE_MAX_ATTRS];
		uint64_t set[POL_WOULD_BE_MAX_ATTRS], hh[POL_WOULD_BE_MAX_ATTRS];
		uint64_t ha[POL_WOULD_BE_MAX_ATTRS];
		int j = 0;
		idx[0] = 0;
		q.n_set = k;
		while (j >= 0) {
			if (idx[j] > sc.n - k + (uint32_t)j) {	/* no room left: back */
				if (--j >= 0)
					idx[j]++;
				continue;
			}
			uint32_t at = idx[j];
			set[j] = (j ? set[j - 1] : 0) | 1ull << at;
			hh[j] = (j ? hh[j - 1] : 0) | sc.higher[at];
			ha[j] = (j ? ha[j - 1] : 0) | sc.any[at];
			int larger = 0;
			for (size_t f = 0; f < found && f < 64 && !larger; f++)
				larger = (taken[f] & set[j]) == taken[f];
			if (larger || hopeless(&q, &sc, set[j], at, k - 1 - (uint32_t)j,
					       hh[j], ha[j])) {
				idx[j]++;
				continue;
			}
			if ((uint32_t)j + 1 < k) {
				j++;
				idx[j] = at + 1;
				continue;
			}
			for (uint32_t i = 0; i < k; i++)
				q.set[i] = sc.attr[idx[i]];
			for (size_t f = 64; f < found && !larger; f++)
				larger = includes(q.set, k, &sets[f]);
			if (!larger && try_set(&q, &sets[found])) {
				if (found < 64)
					taken[found] = set[j];
				if (++found == cap)
					return (int)found;
			}
			idx[j]++;
		}
	}
	return (int)found;
}
