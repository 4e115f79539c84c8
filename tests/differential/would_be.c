/* would_be.c - pol_contact_would_be on the compiled tables against the
 * interpreter's brute force (compiler/interp_would_be.h).
 *
 * For each provider, every case (a fixed sample of WOULD_BE_SAMPLE when
 * there are more than WOULD_BE_EVERY) and every mode, not only the modes
 * above the decided one: the modes below it need several changes, past
 * POL_WOULD_BE_MAX_ATTRS for some cases, and exercise the 'otherwise'
 * rule.  Both sides are asked for the POL_WOULD_BE_MAX_SETS sets polcheck
 * shows; sets, their order and the codes must be the same, and asked for
 * one set, the runtime must give the first.  The runtime is reached only
 * through its header, names mapped by name.  Called by differential.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "would_be.h"

#include "interp_would_be.h"

_Static_assert(INTERP_WOULD_BE_MAX_ATTRS == POL_WOULD_BE_MAX_ATTRS,
	       "the oracle bounds sets as the runtime does");
_Static_assert(INTERP_WOULD_BE_MAX_SETS == POL_WOULD_BE_MAX_SETS,
	       "the oracle lists as many sets as polcheck shows");

/* Cases of a provider all asked about, at most; past it, a sample. */
#define WOULD_BE_EVERY ((size_t)1 << 16)
#define WOULD_BE_SAMPLE 2000

/* Ids of the runtime for the model's attributes and modes. */
struct wb_names {
	int32_t *attr, *mode;
};

static int32_t wb_id(const struct pol_policy *p, enum pol_kind k,
		       const struct decl *d)
{
	return pol_lookup(p, k, d->name.text, strlen(d->name.text));
}

/* "tact=1, risk=3" for a message. */
static void wb_describe(char *buf, size_t cap, const struct pol_change_set *s,
		     size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < cap; i++) {
		len += (size_t)snprintf(buf + len, cap - len, "%s{", i ? " " : "");
		for (uint32_t j = 0; j < s[i].n && len < cap; j++)
			len += (size_t)snprintf(buf + len, cap - len, "%s%u=%u", j ? "," : "",
						s[i].changes[j].attribute, s[i].changes[j].code);
		if (len < cap)
			len += (size_t)snprintf(buf + len, cap - len, "}");
	}
}

/* Whether two change sets are the same. */
static bool wb_same(const struct pol_change_set *a, const struct pol_change_set *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t j = 0; j < a->n; j++)
		if (a->changes[j].attribute != b->changes[j].attribute ||
		    a->changes[j].code != b->changes[j].code)
			return false;
	return true;
}

/* One case of one provider, every mode: the number of questions. */
static unsigned long wb_case(const struct pol_policy *p, struct interp_would_be *w,
			     const struct wb_names *ids, uint32_t pid, const char *provider,
			     const uint32_t *values, unsigned long *disagreements)
{
	const struct model *m = w->in->m;
	pol_case pc = 0;
	for (size_t k = 0; k < m->n_attrs; k++)
		pol_case_set(p, &pc, (uint32_t)ids->attr[k], values[k]);
	unsigned long asked = 0;
	for (size_t mode = 0; mode < w->n_modes; mode++) {
		struct interp_change_set want[POL_WOULD_BE_MAX_SETS];
		struct pol_change_set got[POL_WOULD_BE_MAX_SETS], expect[POL_WOULD_BE_MAX_SETS];
		size_t nw = interp_would_be(w, values, (uint32_t)mode, want, POL_WOULD_BE_MAX_SETS);
		int ng = pol_contact_would_be(p, pid, pc, (uint32_t)ids->mode[mode], got,
					      POL_WOULD_BE_MAX_SETS);
		for (size_t i = 0; i < nw; i++) {
			expect[i].n = (uint32_t)want[i].n;
			for (size_t j = 0; j < want[i].n; j++) {
				expect[i].changes[j].attribute = (uint32_t)ids->attr[want[i].attr[j]];
				expect[i].changes[j].code = want[i].code[j];
			}
		}
		bool same = ng >= 0 && (size_t)ng == nw;
		for (size_t i = 0; same && i < nw; i++)
			same = wb_same(&got[i], &expect[i]);
		struct pol_change_set one;
		if (same && nw > 1)
			same = pol_contact_would_be(p, pid, pc, (uint32_t)ids->mode[mode], &one, 1) == 1 &&
			       wb_same(&one, &got[0]);
		asked++;
		if (!same && (*disagreements)++ < 20) {
			char g[300], e[300];
			wb_describe(g, sizeof(g), got, ng > 0 ? (size_t)ng : 0);
			wb_describe(e, sizeof(e), expect, nw);
			printf("disagreement: would_be %s case 0x%llx mode %s: tables %d [%s], "
			       "interpreter %zu [%s]\n", provider, (unsigned long long)pc,
			       p->modes[ids->mode[mode]].name, ng, g, nw, e);
		}
	}
	return asked;
}

static uint64_t wb_random(uint64_t *s)
{
	/* xorshift64*: fixed seed, same sample every run */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

unsigned long differential_would_be(const struct pol_policy *p,
				    const struct policy_set *set,
				    const struct model *m,
				    const struct interp *in,
				    unsigned long *disagreements)
{
	struct arena a;
	arena_init(&a);
	const struct vec *modes = &set->decls[DECL_MODE];
	const struct vec *providers = &set->decls[DECL_PROVIDER];
	struct wb_names ids = {
		ARENA_ARRAY(&a, int32_t, m->n_attrs + 1),
		ARENA_ARRAY(&a, int32_t, modes->n + 1),
	};
	for (size_t k = 0; k < m->n_attrs; k++)
		ids.attr[k] = wb_id(p, POL_KIND_ATTRIBUTE, m->attrs[k].decl);
	for (size_t k = 0; k < modes->n; k++)
		ids.mode[k] = wb_id(p, POL_KIND_MODE, modes->items[k]);
	uint32_t *values = ARENA_ARRAY(&a, uint32_t, m->n_attrs + 1);
	unsigned long asked = 0;
	for (size_t prov = 0; prov < providers->n; prov++) {
		const struct decl *d = providers->items[prov];
		uint32_t pid = (uint32_t)wb_id(p, POL_KIND_PROVIDER, d);
		struct interp_would_be w;
		struct arena tables;
		arena_init(&tables);
		/* the provider's first version of its rules, on a date it holds */
		const struct pol_contact_table *t = &p->contact[pid];
		int32_t day = t->first == POL_NO_DATE && t->last == POL_NO_END ? POL_NO_DATE
			    : t->first != POL_NO_DATE ? t->first : t->last;
		if (!interp_would_be_init(&w, in, &tables, (uint32_t)prov, day)) {
			printf("differential: would_be %s: more than %zu cases, not compared\n",
			       d->name.text, INTERP_WOULD_BE_MAX_CASES);
			arena_free(&tables);
			continue;
		}
		size_t n = w.n_cases;
		bool every = n <= WOULD_BE_EVERY;
		uint64_t seed = 0x2545F4914F6CDD1Dull;
		size_t count = every ? n : WOULD_BE_SAMPLE;
		for (size_t i = 0; i < count; i++) {
			interp_would_be_case(&w, every ? i : (size_t)(wb_random(&seed) % n), values);
			asked += wb_case(p, &w, &ids, pid, d->name.text, values, disagreements);
		}
		printf("differential: would_be %s: %zu of %zu cases (%s) x %zu modes\n",
		       d->name.text, count, n, every ? "every case" : "a fixed sample",
		       w.n_modes);
		arena_free(&tables);
	}
	arena_free(&a);
	return asked;
}
