/* check_tests.c - expect and assert statements: their names, cases,
 * moments and outcomes. */
#include "check_internal.h"

#include <string.h>

static const char *every_text(enum every_kind k)
{
	switch (k) {
	case EVERY_PROVIDER: return "every provider";
	case EVERY_OFFICE: return "every office";
	case EVERY_AREA: return "every area";
	case EVERY_ACTIVITY: return "every activity";
	case EVERY_DAY: return "every day";
	case EVERY_DATE: return "every date";
	case EVERY_CASE: return "every case";
	case EVERY_NONE: break;
	}
	return "";
}

/* A name of the given kinds, or "every X" where X is allowed. */
static void check_subject(struct checker *c, struct subject *s, unsigned kinds,
			  enum every_kind allowed, const char *what)
{
	if (s->every == EVERY_NONE) {
		s->decl = check_resolve(c, &s->name, kinds, what);
		return;
	}
	if (s->every != allowed)
		diag_error(c->diags, "wrong-kind", s->loc,
			   "'%s' cannot stand here; expected %s %s or '%s'",
			   every_text(s->every), strchr("aeiou", what[0]) ? "an" : "a",
			   what, every_text(allowed));
}

/* A moment: a date, a step, or (for offices, outside date ranges) a
 * weekday.  in_range: p bounds 'on every date from/to/before'. */
static void check_point(struct checker *c, struct point *p, bool weekday_ok,
			bool in_range)
{
	p->weekday = -1;
	if (p->is_date) {
		if (check_date(c, &p->date))
			p->days = p->date.days;
		return;
	}
	for (int i = 0; i < 7; i++)
		if (strcmp(p->name.text, check_weekday_names[i]) == 0) {
			/* Office questions reach here too, from a date range:
			 * the activity wording would not fit them. */
			if (in_range)
				diag_error(c->diags, "wrong-kind", p->loc,
					   "a date range runs between dates or steps; give "
					   "a date (YYYY-MM-DD) or a step, not a day of the week");
			else if (!weekday_ok)
				diag_error(c->diags, "wrong-kind", p->loc,
					   "activities are decided by date; give a date "
					   "(YYYY-MM-DD) or a step, not a day of the week");
			p->weekday = i;
			return;
		}
	struct decl *d = symtab_get(&c->set->names, p->name.text);
	if (weekday_ok && (!d || d->kind != DECL_STEP)) {
		if (d)
			diag_error(c->diags, "wrong-kind", p->loc,
				   "'%s' is %s; expected a day, a date or a step",
				   p->name.text, check_kind_phrase(d->kind));
		else
			check_weekday(c, &p->name);
		return;
	}
	p->step_decl = check_resolve(c, &p->name, KIND(DECL_STEP), "step");
	if (p->step_decl && p->step_decl->dates.n) {
		const struct date_lit *first = p->step_decl->dates.items[0];
		p->days = first->days;
	}
}

/* A point whose date is known: a valid date, or a step whose first date
 * is valid (a bad one is reported at the step, and its days are 0). */
static bool point_known(const struct point *p)
{
	if (p->is_date)
		return p->date.valid;
	if (!p->step_decl || !p->step_decl->dates.n)
		return false;
	return ((const struct date_lit *)p->step_decl->dates.items[0])->valid;
}

static void check_when(struct checker *c, struct when *w, bool office)
{
	switch (w->every) {
	case EVERY_NONE:
		check_point(c, &w->at, office, false);
		break;
	case EVERY_DAY:
		if (!office)
			diag_error(c->diags, "wrong-kind", w->loc,
				   "activities are decided by date; write 'on every date'");
		break;
	default:
		if (w->has_from)
			check_point(c, &w->from, false, true);
		if (w->has_to)
			check_point(c, &w->to, false, true);
		if (w->has_from && w->has_to && w->to.days < w->from.days + (w->to_exclusive ? 1 : 0) &&
		    point_known(&w->from) && point_known(&w->to))
			diag_error(c->diags, "empty-range", w->loc, "the date range is empty");
		break;
	}
}

static void check_settings(struct checker *c, struct question *q)
{
	for (size_t i = 0; i < q->settings.n; i++) {
		struct setting *s = q->settings.items[i];
		s->attr_decl = check_resolve(c, &s->attr, KINDS_ATTRIBUTE, "attribute");
		for (size_t j = 0; j < i && s->attr_decl; j++) {
			struct setting *t = q->settings.items[j];
			if (t->attr_decl == s->attr_decl) {
				struct diag *g = diag_error(c->diags, "duplicate-clause", s->loc,
							    "'%s' is set twice", s->attr.text);
				diag_note(c->diags, g, t->loc, "first set here");
				s->attr_decl = NULL;
			}
		}
		struct decl *d = s->attr_decl;
		if (!d)
			continue;
		if (d->kind == DECL_FLAG && s->has_value)
			diag_error(c->diags, "type-mismatch", s->value.loc,
				   "'%s' is a flag: name it to set it, leave it out "
				   "to leave it unset", d->name.text);
		else if (d->kind != DECL_FLAG && !s->has_value)
			diag_error(c->diags, "type-mismatch", s->loc,
				   "'%s' needs a value, for example %s = %s", d->name.text,
				   d->name.text, d->kind == DECL_LEVEL
				   ? ((struct name *)d->values.items[d->values.n - 1])->text
				   : "1");
		else if (d->kind != DECL_FLAG)
			check_value(c, d, &s->value);
	}
}

static void check_activity_outcome(struct checker *c, struct question *q)
{
	struct limit *seen[4] = { NULL, NULL, NULL, NULL };
	for (size_t i = 0; i < q->limits.n; i++) {
		struct limit *l = q->limits.items[i];
		l->key_index = check_limit_key(c, &l->key);
		/* as in a timeline entry: no entry can have another value, so
		 * the test could never pass */
		if (l->value < 1 || l->value > CHECK_LIMIT_MAX)
			diag_error(c->diags, "bad-limit", l->loc,
				   "limit %lld is out of range (1 to %d)",
				   (long long)l->value, CHECK_LIMIT_MAX);
		if (l->key_index >= 0 && seen[l->key_index]) {
			struct diag *g = diag_error(c->diags, "duplicate-clause", l->loc,
						    "limit '%s' is given twice", l->key.text);
			diag_note(c->diags, g, seen[l->key_index]->loc, "first given here");
		} else if (l->key_index >= 0) {
			seen[l->key_index] = l;
		}
	}
	for (size_t i = 0; i < q->conditions.n; i++) {
		struct decl *d = check_resolve(c, q->conditions.items[i],
					       KIND(DECL_CONDITION), "condition");
		if (d)
			vec_push(c->arena, &q->condition_decls, d);
	}
}

static struct pol_loc first_every(const struct question *q, bool *found)
{
	*found = true;
	if (q->first.every)
		return q->first.loc;
	if (q->kind != Q_CONTACT && q->second.every)
		return q->second.loc;
	if (q->kind != Q_CONTACT && q->when.every)
		return q->when.loc;
	if (q->kind == Q_CONTACT && q->every_case)
		return q->case_loc;	/* "for every case", not the provider */
	*found = false;
	return q->first.loc;
}

static void check_test(struct checker *c, struct test *t)
{
	struct question *q = &t->q;
	bool quantified;
	struct pol_loc at = first_every(q, &quantified);
	if (!t->is_assert && quantified)
		diag_error(c->diags, "expect-every", at,
			   "'expect' checks one decision; use 'assert' to check every one");
	if (t->is_assert && !quantified)
		diag_error(c->diags, "assert-without-every", t->loc,
			   "'assert' checks a property of every case, day or name; "
			   "use 'expect' for one decision");
	switch (q->kind) {
	case Q_OFFICE:
		check_subject(c, &q->first, KIND(DECL_PROVIDER), EVERY_PROVIDER, "provider");
		check_subject(c, &q->second, KIND(DECL_OFFICE), EVERY_OFFICE, "office");
		check_when(c, &q->when, true);
		break;
	case Q_CONTACT:
		check_subject(c, &q->first, KIND(DECL_PROVIDER), EVERY_PROVIDER, "provider");
		check_settings(c, q);
		if (q->where)
			check_condition(c, q->where);
		q->mode_decl = check_resolve(c, &q->mode, KIND(DECL_MODE), "contact mode");
		if (q->dated) {
			bool weekday = false;
			for (int i = 0; i < 7 && !q->when.at.is_date; i++)
				weekday |= strcmp(q->when.at.name.text, check_weekday_names[i]) == 0;
			if (weekday)
				diag_error(c->diags, "wrong-kind", q->when.at.loc,
					   "contact rules are in force by date; give a date "
					   "(YYYY-MM-DD) or a step, not a day of the week");
			else
				check_point(c, &q->when.at, false, false);
		}
		break;
	case Q_ACTIVITY:
		check_subject(c, &q->first, KIND(DECL_ACTIVITY), EVERY_ACTIVITY, "activity");
		check_subject(c, &q->second, KINDS_AREA, EVERY_AREA, "nation or region");
		check_when(c, &q->when, false);
		check_activity_outcome(c, q);
		break;
	}
	check_annots(c, &t->annots);
}

void check_tests(struct checker *c)
{
	for (size_t i = 0; i < c->set->tests.n; i++)
		check_test(c, c->set->tests.items[i]);
}
