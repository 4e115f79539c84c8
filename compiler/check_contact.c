/* check_contact.c - contact rules and the conditions they are made of. */
#include "check_internal.h"

#include <string.h>

static const char *op_text(enum cmp_op op)
{
	switch (op) {
	case CMP_EQ: return "==";
	case CMP_NE: return "!=";
	case CMP_LT: return "<";
	case CMP_LE: return "<=";
	case CMP_GT: return ">";
	case CMP_GE: return ">=";
	case CMP_NONE: break;
	}
	return "";
}

static void check_atom(struct checker *c, struct cond *a)
{
	struct decl *d = check_resolve(c, &a->attr, KINDS_ATTRIBUTE, "attribute");
	a->attr_decl = d;
	if (!d)
		return;
	if (a->op == CMP_NONE) {
		if (d->kind == DECL_LEVEL) {
			const struct name *top = d->values.items[d->values.n - 1];
			diag_error(c->diags, "type-mismatch", a->loc,
				   "'%s' is a level, not a flag; compare it, for "
				   "example %s >= %s", d->name.text, d->name.text, top->text);
		} else if (d->kind == DECL_RANGE) {
			diag_error(c->diags, "type-mismatch", a->loc,
				   "'%s' is a number, not a flag; compare it, for "
				   "example %s == %lld", d->name.text, d->name.text,
				   (long long)d->hi);
		}
		return;
	}
	if (d->kind == DECL_FLAG) {
		diag_error(c->diags, "type-mismatch", a->loc,
			   "'%s' is a flag and cannot be compared with '%s'; write "
			   "'%s' or 'not %s'", d->name.text, op_text(a->op),
			   d->name.text, d->name.text);
		return;
	}
	if (!check_value(c, d, &a->value))
		return;
	/* a comparison true or false for every case is a slip */
	int32_t v = a->value.resolved;
	int32_t lo = d->kind == DECL_LEVEL ? 0 : (int32_t)d->lo;
	int32_t hi = d->kind == DECL_LEVEL ? (int32_t)d->values.n - 1 : (int32_t)d->hi;
	bool always = (a->op == CMP_LE && v == hi) || (a->op == CMP_GE && v == lo);
	bool never = (a->op == CMP_LT && v == lo) || (a->op == CMP_GT && v == hi);
	if (always || never) {
		if (a->value.is_int)
			diag_warning(c->diags, "constant-comparison", a->loc,
				     "'%s %s %lld' is %s for every case", d->name.text,
				     op_text(a->op), (long long)a->value.number,
				     always ? "true" : "false");
		else
			diag_warning(c->diags, "constant-comparison", a->loc,
				     "'%s %s %s' is %s for every case", d->name.text,
				     op_text(a->op), a->value.name.text,
				     always ? "true" : "false");
	}
}

/* "a or b and c" reads two ways to a policy lead: ask for parentheses. */
static void check_grouping(struct checker *c, struct cond *cond)
{
	if (cond->kind != COND_OR)
		return;
	struct cond *sides[2] = { cond->left, cond->right };
	for (int i = 0; i < 2; i++)
		if (sides[i]->kind == COND_AND && !sides[i]->parenthesized)
			diag_warning(c->diags, "parentheses", sides[i]->loc,
				     "'and' inside 'or'; add parentheses to show "
				     "which is meant");
}

void check_condition(struct checker *c, struct cond *cond)
{
	/* Nesting is bounded by the scanner (PARSE_MAX_NESTING) for
	 * parentheses, but 'not not not ...' and long 'and' chains are not:
	 * walk chains iteratively on the left, recursing only on the right
	 * operands, which the grammar keeps shallow for left-associative
	 * operators. */
	while (cond) {
		switch (cond->kind) {
		case COND_ATOM:
			check_atom(c, cond);
			return;
		case COND_NOT:
			cond = cond->left;
			break;
		case COND_AND:
		case COND_OR:
			check_grouping(c, cond);
			check_condition(c, cond->right);
			cond = cond->left;
			break;
		}
	}
}

static void check_contact(struct checker *c, struct contact *k,
			  struct contact **by_provider)
{
	k->provider_decl = check_resolve(c, &k->provider, KIND(DECL_PROVIDER),
					 "provider");
	check_validity(c, &k->in_force, "contact rules");
	bool undated = !k->in_force.has_from && !k->in_force.has_until;
	/* two undated blocks: both in force always (dated ones are compared
	 * as versions, with the model) */
	if (k->provider_decl && undated) {
		struct contact **first = &by_provider[k->provider_decl->id];
		if (*first) {
			struct diag *g = diag_error(c->diags, "duplicate-contact", k->provider.loc,
						    "contact rules for '%s' are already given",
						    k->provider.text);
			diag_note(c->diags, g, (*first)->provider.loc, "first given here");
		} else {
			*first = k;
		}
	}
	struct rule *fallback = NULL;
	for (size_t i = 0; i < k->rules.n; i++) {
		struct rule *r = k->rules.items[i];
		/* Without a 'modes' statement (reported once, as missing-modes)
		 * every mode would be unknown: say nothing more about them. */
		if (c->have_modes)
			r->mode_decl = check_resolve(c, &r->mode, KIND(DECL_MODE),
						     "contact mode");
		if (!r->when) {
			if (fallback) {
				struct diag *g = diag_error(c->diags, "duplicate-default", r->loc,
							    "contact rules for '%s' already have "
							    "an 'otherwise'", k->provider.text);
				diag_note(c->diags, g, fallback->loc, "first 'otherwise' here");
			}
			fallback = r;
		} else {
			check_condition(c, r->when);
		}
		check_cited(c, &r->annots, r->loc, r->when ? "rule" : "'otherwise'");
	}
}

void check_contacts(struct checker *c)
{
	size_t np = c->set->decls[DECL_PROVIDER].n;
	struct contact **by_provider = ARENA_ARRAY(c->arena, struct contact *,
						   np ? np : 1);
	for (size_t i = 0; i < c->set->contacts.n; i++)
		check_contact(c, c->set->contacts.items[i], by_provider);
}
