/* model_contact.c - contact rules: conditions to covers, rules in
 * priority order, and the evaluation strategy.
 *
 * Strategy.  A case is a handful of bits.  When the attribute space fits
 * MODEL_LOOKUP_MAX_BITS (65,536 cases per provider at most, 16 bits each:
 * 128 KiB), polc tabulates every case: a decision is one load, whatever
 * the rules look like.  The bundled policies need 13 bits.  Past that the
 * table would outgrow the caches and the compile, so the runtime tests
 * each rule's packed cubes, highest mode first, stopping at the first
 * match.
 */
#include "model_internal.h"
#include "pol/runtime.h"

#include <stdlib.h>
#include <string.h>

static uint64_t value_set(const struct model_attr *a, enum cmp_op op,
			  uint32_t code)
{
	uint64_t full = a->size == 64 ? ~0ull : (1ull << a->size) - 1;
	uint64_t at = 1ull << code;
	uint64_t below = at - 1;		/* codes < code */
	switch (op) {
	case CMP_EQ: return at;
	case CMP_NE: return full & ~at;
	case CMP_LT: return below;
	case CMP_LE: return below | at;
	case CMP_GT: return full & ~(below | at);
	case CMP_GE: return full & ~below;
	case CMP_NONE: break;
	}
	return 2;	/* a flag: set */
}

struct compiler {
	struct arena *arena;
	struct diags *diags;
	const struct model *m;
};

static bool compile(struct compiler *k, const struct cond *c, struct cover *out);

/* a and b and c ... (or the same with 'or') as one list, without
 * recursing down a long chain. */
static bool compile_chain(struct compiler *k, const struct cond *c,
			  struct cover *out)
{
	struct vec todo = { 0 }, operands = { 0 };
	vec_push(k->arena, &todo, (void *)c);
	while (todo.n) {
		const struct cond *x = todo.items[--todo.n];
		if (x->kind == c->kind) {
			vec_push(k->arena, &todo, (void *)x->right);
			vec_push(k->arena, &todo, (void *)x->left);
		} else {
			vec_push(k->arena, &operands, (void *)x);
		}
	}
	bool is_and = c->kind == COND_AND;
	struct cover acc;
	if (is_and)
		cover_true(k->arena, &k->m->space, &acc);
	else
		cover_init(&acc);
	for (size_t i = 0; i < operands.n; i++) {
		struct cover part;
		if (!compile(k, operands.items[i], &part))
			return false;
		bool fits = is_and ? cover_and(k->arena, &k->m->space, &acc, &acc, &part)
				   : cover_or(k->arena, &k->m->space, &acc, &acc, &part);
		if (!fits)
			return false;
	}
	*out = acc;
	return true;
}

static bool compile(struct compiler *k, const struct cond *c, struct cover *out)
{
	bool negate = false;
	while (c->kind == COND_NOT) {
		negate = !negate;
		c = c->left;
	}
	bool ok;
	if (c->kind == COND_ATOM) {
		size_t i = model_attr_index(k->m, c->attr_decl);
		const struct model_attr *a = &k->m->attrs[i];
		uint32_t code = 0;
		if (c->op != CMP_NONE)
			code = (uint32_t)(c->value.resolved - (a->kind == POL_RANGE ? a->lo : 0));
		ok = cover_atom(k->arena, &k->m->space, out, i, value_set(a, c->op, code));
	} else {
		ok = compile_chain(k, c, out);
	}
	if (ok && negate)
		ok = cover_not(k->arena, &k->m->space, out, out);
	return ok;
}

bool model_condition(struct arena *a, struct diags *d, const struct model *m,
		     const struct cond *c, struct cover *out)
{
	struct compiler k = { a, d, m };
	if (compile(&k, c, out))
		return true;
	diag_error(d, "too-complex", c->loc,
		   "condition is too complex to compile (over %d cubes); split it "
		   "into several rules", COVER_MAX_CUBES);
	return false;
}

/* ---- packing covers for the runtime ---------------------------------- */

/* Bit-cubes over one attribute's field covering exactly the codes in set,
 * using codes past the attribute's size as don't-cares. */
static size_t field_cubes(const struct model_attr *a, uint64_t set,
			  uint64_t masks[64], uint64_t values[64])
{
	uint64_t field = (1ull << a->width) - 1;
	uint64_t allowed = set;		/* codes the cube may take */
	for (uint64_t v = a->size; v <= field; v++)
		allowed |= 1ull << v;
	uint64_t todo = set;
	size_t n = 0;
	while (todo) {
		uint64_t v = (uint64_t)__builtin_ctzll(todo);
		uint64_t free_bits = 0;	/* bits of v left free */
		for (int b = a->width - 1; b >= 0; b--) {
			uint64_t trial = free_bits | (1ull << b);
			/* every code of the widened cube must be allowed */
			bool ok = true;
			for (uint64_t sub = trial;; sub = (sub - 1) & trial) {
				if (!((allowed >> ((v & ~trial) | sub)) & 1u)) {
					ok = false;
					break;
				}
				if (!sub)
					break;
			}
			if (ok)
				free_bits = trial;
		}
		masks[n] = field & ~free_bits;
		values[n] = v & ~free_bits;
		for (uint64_t sub = free_bits;; sub = (sub - 1) & free_bits) {
			todo &= ~(1ull << ((v & ~free_bits) | sub));
			if (!sub)
				break;
		}
		n++;
	}
	return n;
}

bool model_pack_cover(const struct model *m, const struct cover *c,
		      struct vec *out)
{
	uint64_t masks[64], values[64];
	for (size_t i = 0; i < c->n; i++) {
		const uint64_t *cube = cover_cube(&m->space, c, i);
		/* the product of each constrained attribute's bit-cubes */
		struct vec acc = { 0 };
		struct pol_cube *start = ARENA_NEW(m->arena, struct pol_cube);
		vec_push(m->arena, &acc, start);
		for (size_t k = 0; k < m->n_attrs; k++) {
			if (cube[k] == m->space.full[k])
				continue;
			const struct model_attr *a = &m->attrs[k];
			size_t nf = field_cubes(a, cube[k], masks, values);
			struct vec next = { 0 };
			for (size_t x = 0; x < acc.n; x++)
				for (size_t f = 0; f < nf; f++) {
					const struct pol_cube *old = acc.items[x];
					struct pol_cube *p = ARENA_NEW(m->arena, struct pol_cube);
					p->mask = old->mask | (masks[f] << a->shift);
					p->value = old->value | (values[f] << a->shift);
					vec_push(m->arena, &next, p);
				}
			acc = next;
			if (acc.n > COVER_MAX_CUBES)
				return false;
		}
		for (size_t x = 0; x < acc.n; x++)
			vec_push(m->arena, out, acc.items[x]);
	}
	return true;
}

void model_unpack_case(const struct model *m, pol_case c, uint32_t *values)
{
	for (size_t k = 0; k < m->n_attrs; k++)
		values[k] = (uint32_t)((c >> m->attrs[k].shift) &
				       ((1ull << m->attrs[k].width) - 1));
}

/* ---- rules ------------------------------------------------------------ */

static struct model_rule *add_rule(struct model *m, const struct rule *r,
				   uint32_t provider)
{
	struct model_rule *mr = ARENA_NEW(m->arena, struct model_rule);
	mr->ast = r;
	mr->provider = provider;
	mr->mode = r->mode_decl->id;
	mr->is_default = r->when == NULL;
	cover_init(&mr->cond);
	return mr;
}

/* Sort a provider's rules by mode priority, keeping the written order
 * among rules of one mode (insertion sort: blocks are short). */
static void sort_rules(struct model_rule **r, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct model_rule *x = r[i];
		size_t j = i;
		while (j > 0 && r[j - 1]->mode > x->mode) {
			r[j] = r[j - 1];
			j--;
		}
		r[j] = x;
	}
}

/* Match sets are found again by hash: a caseload of 2^16 cases per
 * provider meets the same few sets over and over, and a linear search of
 * the sets made so far was quadratic in them. */
struct match_index {
	uint32_t *slots;	/* 0: empty, else index in m->match_sets */
	size_t mask;
};

static uint64_t match_hash(const uint32_t *rules, uint32_t n, int32_t rule)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)(uint32_t)rule;
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ rules[i]) * 0x100000001B3ull;
	return h ^ (h >> 29) ^ n;
}

/* A match set is its rules and its decision: with no rule matching, two
 * providers differ by their 'otherwise'.  The slot of the set, which holds
 * 0 when the set is new. */
static uint32_t *find_match_set(const struct model *m, struct match_index *ix,
				const uint32_t *rules, uint32_t n, int32_t rule)
{
	for (size_t i = match_hash(rules, n, rule) & ix->mask;; i = (i + 1) & ix->mask) {
		if (!ix->slots[i])
			return &ix->slots[i];
		const struct model_match_set *s = m->match_sets.items[ix->slots[i]];
		if (s->n == n && s->rule == rule &&
		    (n == 0 || memcmp(s->rules, rules, n * sizeof(*rules)) == 0))
			return &ix->slots[i];
	}
}

/* A rule as the runtime tests it: packed cubes over the case encoding
 * (exact on the codes that are cases, which are the only ones asked). */
struct packed_rule {
	const struct pol_cube *cubes;
	size_t n;
	const struct cover *cond;	/* when packing would be too big */
};

static bool packed_has(const struct model *m, const struct packed_rule *r,
		       pol_case c, const uint32_t *values)
{
	if (r->cond)
		return cover_has(&m->space, r->cond, values);
	for (size_t i = 0; i < r->n; i++)
		if ((c & r->cubes[i].mask) == r->cubes[i].value)
			return true;
	return false;
}

/* The most rules all match sets together may list (lookup_rules): past
 * that the table is bigger than the rules it stands for.  Many rules
 * applying to every case (thousands per provider) get there long before
 * 65,536 sets do, and used to be found out only after the sets had
 * taken hundreds of megabytes. */
#define LOOKUP_MAX_RULES ((size_t)1 << 24)

static bool build_lookup(struct model *m, size_t np)
{
	struct model_match_set *sentinel = ARENA_NEW(m->arena, struct model_match_set);
	sentinel->mode = sentinel->rule = -1;
	vec_push(m->arena, &m->match_sets, sentinel);
	size_t ncases = (size_t)1 << m->case_bits;
	m->lookup = ARENA_ARRAY(m->arena, uint16_t *, np + 1);
	uint32_t *values = ARENA_ARRAY(m->arena, uint32_t, m->n_attrs + 1);
	uint32_t *hits = ARENA_ARRAY(m->arena, uint32_t, m->rules.n + 1);
	size_t stored = 0;	/* rules in the match sets so far */
	struct match_index ix;
	ix.mask = ((size_t)UINT16_MAX + 1) * 2 - 1;	/* at most half full */
	ix.slots = ARENA_ARRAY(m->arena, uint32_t, ix.mask + 1);
	struct packed_rule *packed = ARENA_ARRAY(m->arena, struct packed_rule, m->rules.n + 1);
	for (size_t r = 0; r < m->rules.n; r++) {
		const struct model_rule *mr = m->rules.items[r];
		struct vec cubes = { 0 };
		if (mr->is_default)
			continue;
		if (!model_pack_cover(m, &mr->cond, &cubes)) {
			packed[r].cond = &mr->cond;
			continue;
		}
		struct pol_cube *flat = ARENA_ARRAY(m->arena, struct pol_cube, cubes.n + 1);
		for (size_t i = 0; i < cubes.n; i++)
			flat[i] = *(const struct pol_cube *)cubes.items[i];
		packed[r].cubes = flat;
		packed[r].n = cubes.n;
	}
	/* the codes that are no case (a level's unused codes) */
	uint8_t *valid = ARENA_ARRAY(m->arena, uint8_t, ncases);
	for (size_t c = 0; c < ncases; c++) {
		model_unpack_case(m, (pol_case)c, values);
		bool ok = true;
		for (size_t k = 0; k < m->n_attrs && ok; k++)
			ok = values[k] < m->attrs[k].size;
		valid[c] = ok;
	}
	for (size_t p = 0; p < np; p++) {
		const struct model_contact *mc = &m->contact[p];
		uint16_t *table = ARENA_ARRAY(m->arena, uint16_t, ncases);
		m->lookup[p] = table;
		for (size_t c = 0; c < ncases; c++) {
			if (!valid[c]) {
				table[c] = 0;
				continue;
			}
			bool unpacked = false;
			uint32_t n = 0;
			for (uint32_t r = mc->first; r < mc->first + mc->count; r++) {
				const struct model_rule *mr = m->rules.items[r];
				if (mr->is_default)
					continue;
				if (packed[r].cond && !unpacked) {
					model_unpack_case(m, (pol_case)c, values);
					unpacked = true;
				}
				if (packed_has(m, &packed[r], (pol_case)c, values))
					hits[n++] = r;
			}
			int32_t rule = n ? (int32_t)hits[0] : mc->default_rule;
			uint32_t *slot = find_match_set(m, &ix, hits, n, rule);
			if (!*slot) {
				/* too many sets for 16-bit entries, or too many rules
				 * in them for a table worth having: walk the cubes */
				if (m->match_sets.n > UINT16_MAX ||
				    n > LOOKUP_MAX_RULES - stored)
					return false;
				stored += n;
				struct model_match_set *s = ARENA_NEW(m->arena, struct model_match_set);
				s->rules = ARENA_ARRAY(m->arena, uint32_t, n + 1);
				memcpy(s->rules, hits, n * sizeof(*hits));
				s->n = n;
				s->rule = rule;
				s->mode = s->rule >= 0
					? (int32_t)((struct model_rule *)m->rules.items[s->rule])->mode
					: -1;
				*slot = (uint32_t)m->match_sets.n;
				vec_push(m->arena, &m->match_sets, s);
			}
			table[c] = (uint16_t)*slot;
		}
	}
	return true;
}

/* The clauses of a condition: the operands of its top-level 'or's, in
 * the order written (parentheses around an 'or' do not hide it).  Walked
 * with an explicit stack: a chain of a thousand 'or's is a thousand
 * clauses, not a thousand frames. */
static bool split_clauses(struct model *m, struct diags *d, const struct cond *c,
			  struct model_rule *mr)
{
	struct vec stack = { 0 };
	vec_push(m->arena, &stack, (void *)c);
	while (stack.n) {
		const struct cond *k = stack.items[--stack.n];
		if (k->kind == COND_OR) {
			vec_push(m->arena, &stack, k->right);	/* left comes out first */
			vec_push(m->arena, &stack, k->left);
			continue;
		}
		struct model_clause *mc = ARENA_NEW(m->arena, struct model_clause);
		mc->ast = k;
		if (!model_condition(m->arena, d, m, k, &mc->cover))
			return false;
		vec_push(m->arena, &mr->clauses, mc);
	}
	return true;
}

/* Order of a provider's blocks: by first day in force, then as written. */
static int by_first(const void *pa, const void *pb)
{
	const struct contact *a = *(const struct contact *const *)pa;
	const struct contact *b = *(const struct contact *const *)pb;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return a->loc.start < b->loc.start ? -1 : a->loc.start > b->loc.start;
}

/* The rules of one block into table t. */
static bool fill_table(struct model *m, struct diags *d, size_t t,
		       const struct contact *block)
{
	struct model_contact *mc = &m->contact[t];
	mc->first = (uint32_t)m->rules.n;
	mc->default_rule = -1;
	if (!block)
		return true;
	bool ok = true;
	struct model_rule *fallback = NULL;
	for (size_t i = 0; i < block->rules.n; i++) {
		const struct rule *r = block->rules.items[i];
		struct model_rule *mr = add_rule(m, r, (uint32_t)t);
		if (mr->is_default) {
			fallback = mr;
			continue;
		}
		if (!model_condition(m->arena, d, m, r->when, &mr->cond) ||
		    !split_clauses(m, d, r->when, mr))
			ok = false;
		vec_push(m->arena, &m->rules, mr);
	}
	/* no rules yet at all (a block of only 'otherwise'): items is NULL,
	 * and NULL + 0 is undefined in C */
	if (m->rules.n > mc->first)
		sort_rules((struct model_rule **)m->rules.items + mc->first,
			   m->rules.n - mc->first);
	if (fallback) {
		mc->default_rule = (int32_t)m->rules.n;
		vec_push(m->arena, &m->rules, fallback);
	}
	mc->count = (uint32_t)(m->rules.n - mc->first);
	return ok;
}

static const char *day_text(struct arena *a, int32_t days)
{
	char *t = arena_alloc(a, POL_DATE_BUFSIZE);
	pol_date_format(days, t);
	return t;
}

/* A provider's blocks, sorted: an overlap is an error naming both, a gap
 * a warning with its first date. */
static bool check_blocks(struct model *m, struct diags *d, struct contact **v, size_t n)
{
	bool ok = true;
	const struct contact *reach = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct contact *k = v[i];
		const char *prov = k->provider.text;
		struct pol_loc at = k->in_force.has_from ? k->in_force.from_loc : k->loc;
		if (reach && k->first <= reach->last) {
			struct diag *g = diag_error(d, "overlapping-contact", at,
				"contact rules for %s overlap: two blocks are in force on %s",
				prov, day_text(m->arena, k->first > reach->first ? k->first
										: reach->first));
			diag_note(d, g, reach->in_force.has_until ? reach->in_force.until_loc
								  : reach->loc, "the other block");
			if (reach->last == INT32_MAX && k->first != INT32_MIN)
				diag_note(d, g, reach->loc, "to end it the day before, give it "
					  "'until %s'", day_text(m->arena, k->first - 1));
			ok = false;
		} else if (reach && reach->last != INT32_MAX && k->first > reach->last + 1) {
			struct diag *g = diag_warning(d, "contact-gap", at,
				"no contact rules for %s are in force from %s until %s", prov,
				day_text(m->arena, reach->last + 1), day_text(m->arena, k->first - 1));
			diag_note(d, g, reach->in_force.has_until ? reach->in_force.until_loc
								  : reach->loc,
				  "the block before ends here");
		}
		if (!reach || k->last > reach->last)
			reach = k;
	}
	return ok;
}

bool model_build_contact(struct model *m, struct diags *d)
{
	const struct policy_set *set = m->set;
	size_t np = set->decls[DECL_PROVIDER].n;
	struct vec *blocks = ARENA_ARRAY(m->arena, struct vec, np + 1);
	size_t n_tables = np;
	for (size_t i = 0; i < set->contacts.n; i++) {
		struct contact *k = set->contacts.items[i];
		if (!k->provider_decl)
			continue;
		struct vec *v = &blocks[k->provider_decl->id];
		if (v->n)
			n_tables++;
		vec_push(m->arena, v, k);
	}
	m->n_contact = n_tables;
	m->contact = ARENA_ARRAY(m->arena, struct model_contact, n_tables + 1);
	bool ok = true;
	size_t extra = np;
	for (size_t p = 0; p < np; p++) {
		struct vec *v = &blocks[p];
		if (v->n > 1)
			qsort(v->items, v->n, sizeof(void *), by_first);
		ok = check_blocks(m, d, (struct contact **)v->items, v->n) && ok;
		size_t prev = (size_t)-1;
		for (size_t i = 0; i < (v->n ? v->n : 1); i++) {
			size_t t = i == 0 ? p : extra++;
			const struct contact *k = v->n ? v->items[i] : NULL;
			struct model_contact *mc = &m->contact[t];
			mc->provider = (uint32_t)p;
			mc->ast = k;
			mc->valid_from = k ? k->first : INT32_MIN;
			mc->valid_until = k ? k->last : INT32_MAX;
			mc->next = -1;
			if (prev != (size_t)-1)
				m->contact[prev].next = (int32_t)t;
			prev = t;
		}
	}
	/* the rules, table by table, so each table's rules are contiguous */
	for (size_t t = 0; t < n_tables; t++)
		ok = fill_table(m, d, t, m->contact[t].ast) && ok;
	m->strategy = m->case_bits <= MODEL_LOOKUP_MAX_BITS ? POL_BY_LOOKUP : POL_BY_CUBES;
	if (ok && m->strategy == POL_BY_LOOKUP && !build_lookup(m, n_tables))
		m->strategy = POL_BY_CUBES;	/* too many distinct match sets */
	return ok;
}

int32_t model_contact_on(const struct model *m, uint32_t provider, int32_t days)
{
	for (int32_t t = (int32_t)provider; t >= 0; t = m->contact[t].next) {
		const struct model_contact *mc = &m->contact[t];
		if (days == POL_NO_DATE ? mc->valid_from == INT32_MIN && mc->valid_until == INT32_MAX
					: mc->valid_from <= days && days <= mc->valid_until)
			return t;
	}
	return -1;
}

bool model_decisions(struct arena *a, const struct model *m, uint32_t provider,
		     struct cover *by_mode, struct cover *undecided)
{
	const struct cube_space *sp = &m->space;
	const struct model_contact *mc = &m->contact[provider];
	size_t n_modes = m->set->decls[DECL_MODE].n;
	for (size_t i = 0; i < n_modes; i++)
		cover_init(&by_mode[i]);
	struct cover covered, part;
	cover_init(&covered);
	for (uint32_t i = mc->first; i < mc->first + mc->count; i++) {
		const struct model_rule *r = m->rules.items[i];
		if (r->is_default)
			continue;
		if (!cover_minus(a, sp, &part, &r->cond, &covered) ||
		    !cover_or(a, sp, &by_mode[r->mode], &by_mode[r->mode], &part) ||
		    !cover_or(a, sp, &covered, &covered, &r->cond))
			return false;
	}
	if (!cover_not(a, sp, &part, &covered))
		return false;
	cover_init(undecided);
	if (mc->default_rule < 0) {
		*undecided = part;
		return true;
	}
	uint32_t mode = ((const struct model_rule *)m->rules.items[mc->default_rule])->mode;
	return cover_or(a, sp, &by_mode[mode], &by_mode[mode], &part);
}
