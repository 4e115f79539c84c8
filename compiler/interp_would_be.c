/* interp_would_be.c - the smallest changes that would give a case a mode,
 * by brute force: see interp_would_be.h.
 *
 * Cases are numbered in mixed radix with the first attribute most
 * significant.  Asking about a case walks the sets of at most
 * INTERP_WOULD_BE_MAX_ATTRS attributes by size, then lexically, and for
 * each set the cases that differ from the case on exactly that set, in
 * increasing order of their codes attribute by attribute.  The first case
 * met that is decided with a mode gives that mode the set, unless the mode
 * has a smaller set inside it already or has its INTERP_WOULD_BE_MAX_SETS.
 * Every mode is answered in one walk.  A breadth-first search over the
 * cases, done once, says how many changes each case needs at least to
 * reach each mode, so the walk skips a mode for the sets too small for it.
 */
#include "interp_would_be.h"

#include <string.h>

/* The sets of at most INTERP_WOULD_BE_MAX_ATTRS of n attributes, as masks,
 * by size then lexicographically (by their lowest attribute first); how
 * many there are, written to out unless it is NULL. */
static size_t list_sets(size_t n, uint32_t *out)
{
	size_t count = 0;
	for (size_t k = 0; k <= INTERP_WOULD_BE_MAX_ATTRS && k <= n; k++) {
		size_t idx[INTERP_WOULD_BE_MAX_ATTRS + 1];
		for (size_t j = 0; j < k; j++)
			idx[j] = j;
		for (;;) {
			uint32_t mask = 0;
			for (size_t j = 0; j < k; j++)
				mask |= 1u << idx[j];
			if (out)
				out[count] = mask;
			count++;
			size_t j = k;
			while (j > 0 && idx[j - 1] == n - k + j - 1)
				j--;
			if (j == 0)
				break;
			idx[j - 1]++;
			for (size_t i = j; i < k; i++)
				idx[i] = idx[i - 1] + 1;
		}
	}
	return count;
}

/* For every case, how many attributes at least must change for it to be
 * decided with the mode: a breadth-first search from the cases decided
 * with it, one attribute changed per step, up to
 * INTERP_WOULD_BE_MAX_ATTRS; farther cases get UINT8_MAX. */
static void distances(const struct interp_would_be *w, int mode, uint8_t *near,
		      size_t *queue)
{
	const struct model *m = w->in->m;
	size_t head = 0, tail = 0;
	for (size_t j = 0; j < w->n_cases; j++) {
		near[j] = UINT8_MAX;
		if (w->decided[j] == mode) {
			near[j] = 0;
			queue[tail++] = j;
		}
	}
	while (head < tail) {
		size_t j = queue[head++];
		if (near[j] == INTERP_WOULD_BE_MAX_ATTRS)
			continue;
		for (size_t v = 0; v < w->n_vary; v++) {
			uint32_t size = m->attrs[w->vary[v]].size;
			uint32_t own = (uint32_t)(j / w->step[v] % size);
			size_t base = j - own * w->step[v];
			for (uint32_t x = 0; x < size; x++) {
				size_t k = base + x * w->step[v];
				if (near[k] == UINT8_MAX) {
					near[k] = (uint8_t)(near[j] + 1);
					queue[tail++] = k;
				}
			}
		}
	}
}

bool interp_would_be_init(struct interp_would_be *w, const struct interp *in,
			  struct arena *a, uint32_t provider, int32_t days)
{
	const struct model *m = in->m;
	memset(w, 0, sizeof(*w));
	w->in = in;
	w->n_modes = in->set->decls[DECL_MODE].n;
	w->vary = ARENA_ARRAY(a, uint32_t, m->n_attrs + 1);
	w->n_cases = 1;
	for (size_t k = 0; k < m->n_attrs; k++) {
		if (m->attrs[k].size < 2)
			continue;
		if (m->attrs[k].size > INTERP_WOULD_BE_MAX_CASES / w->n_cases ||
		    w->n_vary == 32)
			return false;
		w->vary[w->n_vary++] = (uint32_t)k;
		w->n_cases *= m->attrs[k].size;
	}
	size_t n = w->n_cases, nv = w->n_vary, nm = w->n_modes;
	if (nm > INT16_MAX)
		return false;
	w->step = ARENA_ARRAY(a, size_t, nv + 1);
	for (size_t k = nv, s = 1; k-- > 0; s *= m->attrs[w->vary[k]].size)
		w->step[k] = s;
	w->decided = ARENA_ARRAY(a, int16_t, n);
	w->n_order = list_sets(nv, NULL);
	w->order = ARENA_ARRAY(a, uint32_t, w->n_order);
	list_sets(nv, w->order);
	w->members = ARENA_ARRAY(a, uint8_t, w->n_order * INTERP_WOULD_BE_MAX_ATTRS + 1);
	w->sizes = ARENA_ARRAY(a, uint32_t, w->n_order * INTERP_WOULD_BE_MAX_ATTRS + 1);
	w->steps = ARENA_ARRAY(a, size_t, w->n_order * INTERP_WOULD_BE_MAX_ATTRS + 1);
	for (size_t o = 0; o < w->n_order; o++)
		for (size_t v = 0, t = 0; v < nv; v++)
			if (w->order[o] & (1u << v)) {
				size_t at = o * INTERP_WOULD_BE_MAX_ATTRS + t++;
				w->members[at] = (uint8_t)v;
				w->sizes[at] = m->attrs[w->vary[v]].size;
				w->steps[at] = w->step[v];
			}
	w->n_found = ARENA_ARRAY(a, size_t, nm + 1);
	w->found = ARENA_ARRAY(a, uint32_t, nm * INTERP_WOULD_BE_MAX_SETS + 1);
	w->witness = ARENA_ARRAY(a, size_t, nm * INTERP_WOULD_BE_MAX_SETS + 1);
	w->want = ARENA_ARRAY(a, bool, nm + 1);
	w->singles = ARENA_ARRAY(a, uint32_t, nm + 1);
	w->asked = n;
	uint32_t *values = ARENA_ARRAY(a, uint32_t, m->n_attrs + 1);
	struct arena scratch;
	arena_init(&scratch);
	for (size_t i = 0; i < n; i++) {
		interp_would_be_case(w, i, values);
		struct interp_contact d;
		interp_contact(in, &scratch, provider, days, values, &d);
		w->decided[i] = d.mode ? (int16_t)d.mode->id : -1;
		if (i % 4096 == 4095) {
			arena_free(&scratch);
			arena_init(&scratch);
		}
	}
	arena_free(&scratch);
	w->near = ARENA_ARRAY(a, uint8_t, nm * n + 1);
	size_t *queue = ARENA_ARRAY(a, size_t, n);
	for (size_t mode = 0; mode < nm; mode++)
		distances(w, (int)mode, &w->near[mode * n], queue);
	return true;
}

void interp_would_be_case(const struct interp_would_be *w, size_t i,
			  uint32_t *values)
{
	const struct model *m = w->in->m;
	memset(values, 0, m->n_attrs * sizeof(*values));
	for (size_t k = 0; k < w->n_vary; k++)
		values[w->vary[k]] = (uint32_t)(i / w->step[k] % m->attrs[w->vary[k]].size);
}

/* Which modes still take the set: not farther from the case than the
 * set is large, fewer than INTERP_WOULD_BE_MAX_SETS found and none inside
 * it; how many. */
static size_t wanting(struct interp_would_be *w, uint32_t set)
{
	size_t n = 0, size = 0;
	for (uint32_t rest = set; rest; rest &= rest - 1)
		size++;
	for (size_t mode = 0; mode < w->n_modes; mode++) {
		size_t f = w->n_found[mode];
		bool want = f < INTERP_WOULD_BE_MAX_SETS && !(set & w->singles[mode]) &&
			    size >= w->near[mode * w->n_cases + w->asked];
		for (size_t t = 0; t < f && want; t++) {
			uint32_t smaller = w->found[mode * INTERP_WOULD_BE_MAX_SETS + t];
			want = (smaller & set) != smaller;
		}
		w->want[mode] = want;
		n += want;
	}
	return n;
}

/* The next codes after x[0..n), the last counting fastest, each skipping
 * its own code; false after the last. */
static bool next_codes(uint32_t *x, const uint32_t *own, const uint32_t *size,
		       size_t n)
{
	for (size_t t = n; t-- > 0;) {
		if (++x[t] == own[t])
			x[t]++;
		if (x[t] < size[t])
			return true;
		x[t] = own[t] == 0 ? 1 : 0;
	}
	return false;
}

/* The answers for the case with index i, every mode. */
static void scan(struct interp_would_be *w, size_t i)
{
	const struct model *m = w->in->m;
	memset(w->n_found, 0, w->n_modes * sizeof(*w->n_found));
	memset(w->singles, 0, w->n_modes * sizeof(*w->singles));
	w->asked = i;
	uint32_t mine[32];	/* the case's codes, by vary */
	for (size_t v = 0; v < w->n_vary; v++)
		mine[v] = (uint32_t)(i / w->step[v] % m->attrs[w->vary[v]].size);
	for (size_t o = 0; o < w->n_order; o++) {
		uint32_t set = w->order[o];
		size_t wanted = wanting(w, set);
		if (wanted == 0)
			continue;
		/* the set's attributes: their own codes, their sizes, and a code
		 * other than their own for each, counted up last one fastest */
		size_t at = o * INTERP_WOULD_BE_MAX_ATTRS, n = 0;
		const size_t *step = &w->steps[at];
		const uint32_t *size = &w->sizes[at];
		uint32_t own[INTERP_WOULD_BE_MAX_ATTRS], x[INTERP_WOULD_BE_MAX_ATTRS];
		size_t base = i, j;
		for (uint32_t rest = set; rest; rest &= rest - 1, n++) {
			own[n] = mine[w->members[at + n]];
			x[n] = own[n] == 0 ? 1 : 0;
			base -= own[n] * step[n];
		}
		j = base;
		for (size_t t = 0; t < n; t++)
			j += x[t] * step[t];
		for (;;) {
			int mode = w->decided[j];
			if (mode >= 0 && w->want[mode]) {
				size_t f = (size_t)mode * INTERP_WOULD_BE_MAX_SETS + w->n_found[mode]++;
				w->found[f] = set;
				w->witness[f] = j;
				w->want[mode] = false;
				if ((set & (set - 1)) == 0)
					w->singles[mode] |= set;
				if (--wanted == 0)
					break;
			}
			if (!next_codes(x, own, size, n))
				break;
			j = base;
			for (size_t t = 0; t < n; t++)
				j += x[t] * step[t];
		}
	}
}

size_t interp_would_be(struct interp_would_be *w, const uint32_t *values,
		       uint32_t mode, struct interp_change_set *sets, size_t cap)
{
	const struct model *m = w->in->m;
	size_t i = 0;
	for (size_t k = 0; k < w->n_vary; k++)
		i += values[w->vary[k]] * w->step[k];
	if (i != w->asked)
		scan(w, i);
	if (mode >= w->n_modes)
		return 0;
	size_t n = w->n_found[mode] < cap ? w->n_found[mode] : cap;
	for (size_t t = 0; t < n; t++) {
		size_t f = mode * INTERP_WOULD_BE_MAX_SETS + t;
		struct interp_change_set *s = &sets[t];
		s->n = 0;
		for (size_t k = 0; k < w->n_vary; k++)
			if (w->found[f] & (1u << k)) {
				uint32_t a = w->vary[k];
				s->attr[s->n] = a;
				s->code[s->n++] =
					(uint32_t)(w->witness[f] / w->step[k] % m->attrs[a].size);
			}
	}
	return n;
}
