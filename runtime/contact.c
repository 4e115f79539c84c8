/* contact.c - which contact mode a provider gives a case.
 *
 * Two strategies, chosen per policy by polc (see model_contact.c): for a
 * small attribute space a lookup table indexed by the packed case, else
 * the rules' cubes, walked highest-priority mode first so that the first
 * match decides.
 */
#include <string.h>

#include "pol/runtime.h"

int pol_case_set(const struct pol_policy *p, pol_case *c, uint32_t attribute,
		 uint32_t code)
{
	if (attribute >= p->n_attributes)
		return POL_EINVAL;
	const struct pol_attribute *a = &p->attributes[attribute];
	if (code >= a->size)
		return POL_EVALUE;
	uint64_t field = ((1ull << a->width) - 1) << a->shift;	/* width <= 6 */
	*c = (*c & ~field) | ((uint64_t)code << a->shift);
	return 0;
}

uint32_t pol_case_get(const struct pol_policy *p, pol_case c, uint32_t attribute)
{
	if (attribute >= p->n_attributes)
		return 0;
	const struct pol_attribute *a = &p->attributes[attribute];
	return (uint32_t)((c >> a->shift) & ((1ull << a->width) - 1));
}

/* Values are written exactly, like every name: 'TRUE' is not 'true'. */
static int token_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

int pol_value_parse(const struct pol_policy *p, uint32_t attribute,
		    const char *s, size_t len, uint32_t *code)
{
	if (attribute >= p->n_attributes || (!s && len))
		return POL_EINVAL;
	const struct pol_attribute *a = &p->attributes[attribute];
	switch (a->kind) {
	case POL_FLAG:
		if (len == 0 || token_is(s, len, "false") || token_is(s, len, "no") ||
		    token_is(s, len, "0")) {
			*code = 0;
			return 0;
		}
		if (token_is(s, len, "true") || token_is(s, len, "yes") ||
		    token_is(s, len, "1")) {
			*code = 1;
			return 0;
		}
		return POL_EVALUE;
	case POL_LEVEL:
		for (uint32_t i = 0; i < a->size; i++) {
			const char *v = p->values[a->first_value + i];
			if (strlen(v) == len && memcmp(v, s, len) == 0) {
				*code = i;
				return 0;
			}
		}
		return POL_EVALUE;
	case POL_RANGE: {
		if (len == 0 || len > 10)
			return POL_EVALUE;
		int64_t v = 0;
		for (size_t i = 0; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return POL_EVALUE;
			v = v * 10 + (s[i] - '0');
		}
		if (v < a->lo || v - a->lo >= (int64_t)a->size)
			return POL_EVALUE;
		*code = (uint32_t)(v - a->lo);
		return 0;
	}
	default:
		return POL_EINVAL;
	}
}

static int rule_matches(const struct pol_policy *p, const struct pol_rule *r,
			pol_case c)
{
	for (uint32_t i = 0; i < r->n_cubes; i++) {
		const struct pol_cube *k = &p->cubes[r->first_cube + i];
		if ((c & k->mask) == k->value)
			return 1;
	}
	return 0;
}

static int case_valid(const struct pol_policy *p, pol_case c)
{
	if (p->case_bits < 64 && (c >> p->case_bits) != 0)
		return 0;
	/* a field can hold a code past its attribute's values only when the
	 * values do not fill it: a flag always does */
	const struct pol_attribute *a = p->attributes;
	for (uint32_t i = 0; i < p->n_attributes; i++)
		if (a[i].kind != POL_FLAG &&
		    ((c >> a[i].shift) & ((1ull << a[i].width) - 1)) >= a[i].size)
			return 0;
	return 1;
}

int pol_contact(const struct pol_policy *p, uint32_t provider, pol_case c,
		struct pol_contact_answer *out)
{
	if (provider >= p->n_contact_tables)
		return POL_EINVAL;
	const struct pol_contact_table *t = &p->contact[provider];
	if (p->contact_strategy == POL_BY_LOOKUP && t->lookup) {
		/* entry 0 marks codes that are no case (a level's unused code) */
		if ((p->case_bits < 64 && (c >> p->case_bits) != 0) || t->lookup[c] == 0)
			return POL_EVALUE;
		const struct pol_match_set *m = &p->lookup_matches[t->lookup[c]];
		out->mode = m->mode;
		out->rule = m->rule;
		return 0;
	}
	if (!case_valid(p, c))
		return POL_EVALUE;
	for (uint32_t i = 0; i < t->n_rules; i++) {
		const struct pol_rule *r = &p->rules[t->first_rule + i];
		if (!r->is_default && rule_matches(p, r, c)) {
			out->mode = (int32_t)r->mode;
			out->rule = (int32_t)(t->first_rule + i);
			return 0;
		}
	}
	out->rule = t->default_rule;
	out->mode = t->default_rule >= 0 ? (int32_t)p->rules[t->default_rule].mode : -1;
	return 0;
}

int pol_contact_matches(const struct pol_policy *p, uint32_t provider,
			pol_case c, uint32_t *rules, size_t cap)
{
	if (provider >= p->n_contact_tables || (cap && !rules))
		return POL_EINVAL;
	const struct pol_contact_table *t = &p->contact[provider];
	size_t n = 0;
	if (p->contact_strategy == POL_BY_LOOKUP && t->lookup) {
		if ((p->case_bits < 64 && (c >> p->case_bits) != 0) || t->lookup[c] == 0)
			return POL_EVALUE;
		const struct pol_match_set *m = &p->lookup_matches[t->lookup[c]];
		for (uint32_t i = 0; i < m->count; i++, n++)
			if (n < cap)
				rules[n] = p->lookup_rules[m->first + i];
		return (int)n;
	}
	if (!case_valid(p, c))
		return POL_EVALUE;
	for (uint32_t i = 0; i < t->n_rules; i++) {
		const struct pol_rule *r = &p->rules[t->first_rule + i];
		if (!r->is_default && rule_matches(p, r, c)) {
			if (n < cap)
				rules[n] = t->first_rule + i;
			n++;
		}
	}
	return (int)n;
}

bool pol_clause_holds(const struct pol_policy *p, uint32_t clause, pol_case c)
{
	if (clause >= p->n_clauses)
		return false;
	const struct pol_clause *k = &p->clauses[clause];
	for (uint32_t i = 0; i < k->n_cubes; i++) {
		const struct pol_cube *q = &p->cubes[k->first_cube + i];
		if ((c & q->mask) == q->value)
			return true;
	}
	return false;
}

int32_t pol_contact_table_on(const struct pol_policy *p, uint32_t provider,
			     int32_t days)
{
	if (provider >= p->n_providers)
		return -1;
	/* a table's next is always later in the array: the walk ends */
	for (int32_t t = (int32_t)provider; t >= 0 && (uint32_t)t < p->n_contact_tables;
	     t = p->contact[t].next) {
		const struct pol_contact_table *k = &p->contact[t];
		if (days == POL_NO_DATE ? k->first == POL_NO_DATE && k->last == POL_NO_END
					: k->first <= days && days <= k->last)
			return t;
		if (k->next >= 0 && k->next <= t)
			break;
	}
	return -1;
}
