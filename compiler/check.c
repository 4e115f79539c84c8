/* check.c - declarations, name resolution and the helpers shared by the
 * other check_*.c passes. */
#include "check_internal.h"

#include <stdio.h>
#include <string.h>

#include "pol/runtime.h"
#include "suggest.h"

const char *const check_weekday_names[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

const char *const check_limit_names[4] = {
	"max_group", "min_group", "facilitators", "sites"
};

const char *check_kind_phrase(enum decl_kind k)
{
	static const char *const phrases[DECL_KIND_COUNT] = {
		[DECL_PROVIDER] = "a provider",
		[DECL_NATION] = "a nation",
		[DECL_REGION] = "a region",
		[DECL_OFFICE] = "an office",
		[DECL_FLAG] = "a flag",
		[DECL_LEVEL] = "a level",
		[DECL_RANGE] = "a range",
		[DECL_MODE] = "a contact mode",
		[DECL_CONDITION] = "a condition",
		[DECL_ACTIVITY] = "an activity",
		[DECL_STEP] = "a step",
	};
	return phrases[k];
}

struct decl *check_resolve(struct checker *c, const struct name *n,
			   unsigned kinds, const char *what)
{
	if (!n->text)
		return NULL;
	struct decl *d = symtab_get(&c->set->names, n->text);
	if (d && (KIND(d->kind) & kinds)) {
		d->used = true;
		return d;
	}
	if (d) {
		struct diag *g = diag_error(c->diags, "wrong-kind", n->loc,
					    "'%s' is %s, not %s %s", n->text,
					    check_kind_phrase(d->kind),
					    strchr("aeiou", what[0]) ? "an" : "a", what);
		diag_note(c->diags, g, d->name.loc, "'%s' is declared here", n->text);
		return NULL;
	}
	struct suggest s;
	suggest_init(&s, n->text);
	for (int k = 0; k < DECL_KIND_COUNT; k++)
		if (KIND(k) & kinds)
			for (size_t i = 0; i < c->set->decls[k].n; i++)
				suggest_offer(&s, ((struct decl *)c->set->decls[k].items[i])->name.text);
	if (s.best)
		diag_error(c->diags, "unknown-name", n->loc,
			   "unknown %s '%s'; did you mean '%s'?", what, n->text, s.best);
	else
		diag_error(c->diags, "unknown-name", n->loc, "unknown %s '%s'",
			   what, n->text);
	return NULL;
}

bool check_date(struct checker *c, struct date_lit *d)
{
	d->valid = false;
	if (d->year < 0)
		return false;	/* malformed; the scanner has said so */
	if (d->year < POL_YEAR_MIN)
		diag_error(c->diags, "bad-date", d->loc,
			   "year %04d is out of range (%d to %d)", d->year,
			   POL_YEAR_MIN, POL_YEAR_MAX);
	else if (d->month < 1 || d->month > 12)
		diag_error(c->diags, "bad-date", d->loc,
			   "%04d-%02d-%02d is not a date: there is no month %d",
			   d->year, d->month, d->day, d->month);
	else if (d->day < 1 || d->day > pol_days_in_month(d->year, d->month)) {
		static const char *const months[12] = {
			"January", "February", "March", "April", "May", "June",
			"July", "August", "September", "October", "November",
			"December"
		};
		diag_error(c->diags, "bad-date", d->loc,
			   "%04d-%02d-%02d is not a date: %s %04d has %d days",
			   d->year, d->month, d->day, months[d->month - 1],
			   d->year, pol_days_in_month(d->year, d->month));
	} else if (pol_date_from_ymd(d->year, d->month, d->day, &d->days) == 0)
		d->valid = true;
	return d->valid;
}

int check_weekday(struct checker *c, const struct name *n)
{
	for (int i = 0; i < 7; i++)
		if (strcmp(n->text, check_weekday_names[i]) == 0)
			return i;
	/* Monday, monday, MON ... all point at Mon */
	for (int i = 0; i < 7; i++)
		if (strncmp(n->text, check_weekday_names[i], 3) == 0 ||
		    (strlen(n->text) >= 3 &&
		     (n->text[0] | 0x20) == (check_weekday_names[i][0] | 0x20) &&
		     (n->text[1] | 0x20) == check_weekday_names[i][1] &&
		     (n->text[2] | 0x20) == check_weekday_names[i][2])) {
			diag_error(c->diags, "unknown-day", n->loc,
				   "unknown day '%s'; did you mean '%s'? (days are "
				   "Mon, Tue, Wed, Thu, Fri, Sat, Sun)", n->text,
				   check_weekday_names[i]);
			return -1;
		}
	struct suggest s;
	suggest_init(&s, n->text);
	for (int i = 0; i < 7; i++)
		suggest_offer(&s, check_weekday_names[i]);
	if (s.best)
		diag_error(c->diags, "unknown-day", n->loc,
			   "unknown day '%s'; did you mean '%s'? (days are Mon, "
			   "Tue, Wed, Thu, Fri, Sat, Sun)", n->text, s.best);
	else
		diag_error(c->diags, "unknown-day", n->loc,
			   "unknown day '%s' (days are Mon, Tue, Wed, Thu, Fri, "
			   "Sat, Sun)", n->text);
	return -1;
}

int check_limit_key(struct checker *c, const struct name *n)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(n->text, check_limit_names[i]) == 0)
			return i;
	struct suggest s;
	suggest_init(&s, n->text);
	for (int i = 0; i < 4; i++)
		suggest_offer(&s, check_limit_names[i]);
	diag_error(c->diags, "unknown-limit", n->loc,
		   "unknown limit '%s'%s%s%s (limits are max_group, min_group, "
		   "facilitators, sites)", n->text, s.best ? "; did you mean '" : "",
		   s.best ? s.best : "", s.best ? "'?" : "");
	return -1;
}

/* "low, medium, high" for messages. */
static char *level_values(struct checker *c, const struct decl *attr)
{
	size_t len = 1;
	for (size_t i = 0; i < attr->values.n; i++)
		len += strlen(((struct name *)attr->values.items[i])->text) + 2;
	char *out = arena_alloc(c->arena, len);
	for (size_t i = 0; i < attr->values.n; i++) {
		if (i)
			strcat(out, ", ");
		strcat(out, ((struct name *)attr->values.items[i])->text);
	}
	return out;
}

bool check_value(struct checker *c, const struct decl *attr, struct value *v)
{
	if (attr->kind == DECL_LEVEL) {
		if (v->is_int) {
			diag_error(c->diags, "type-mismatch", v->loc,
				   "'%s' is a level; use one of its values: %s",
				   attr->name.text, level_values(c, attr));
			return false;
		}
		for (size_t i = 0; i < attr->values.n; i++)
			if (strcmp(((struct name *)attr->values.items[i])->text,
				   v->name.text) == 0) {
				v->resolved = (int32_t)i;
				return true;
			}
		struct suggest s;
		suggest_init(&s, v->name.text);
		for (size_t i = 0; i < attr->values.n; i++)
			suggest_offer(&s, ((struct name *)attr->values.items[i])->text);
		diag_error(c->diags, "bad-value", v->loc,
			   "'%s' is not a value of level '%s'%s%s%s (values: %s)",
			   v->name.text, attr->name.text,
			   s.best ? "; did you mean '" : "", s.best ? s.best : "",
			   s.best ? "'?" : "", level_values(c, attr));
		return false;
	}
	/* a range */
	if (!v->is_int) {
		diag_error(c->diags, "type-mismatch", v->loc,
			   "'%s' is a number from %lld to %lld; '%s' is not a number",
			   attr->name.text, (long long)attr->lo, (long long)attr->hi,
			   v->name.text);
		return false;
	}
	if (v->number < attr->lo || v->number > attr->hi) {
		diag_error(c->diags, "bad-value", v->loc,
			   "%lld is outside '%s', which runs from %lld to %lld",
			   (long long)v->number, attr->name.text, (long long)attr->lo,
			   (long long)attr->hi);
		return false;
	}
	v->resolved = (int32_t)v->number;
	return true;
}

void check_annots(struct checker *c, const struct annots *a)
{
	for (size_t i = 0; i < a->cites.n; i++) {
		const struct text *t = a->cites.items[i];
		if (t->len == 0)
			diag_error(c->diags, "empty-text", t->loc,
				   "empty 'cite'; quote the source text");
	}
	/* notes too, as check_internal.h promises: an empty one says nothing */
	for (size_t i = 0; i < a->notes.n; i++) {
		const struct text *t = a->notes.items[i];
		if (t->len == 0)
			diag_error(c->diags, "empty-text", t->loc,
				   "empty 'note'; explain or leave it out");
	}
}

void check_cited(struct checker *c, const struct annots *a, struct pol_loc loc,
		 const char *what)
{
	check_annots(c, a);
	if (a->cites.n == 0)
		diag_error(c->diags, "missing-cite", loc,
			   "%s has no 'cite'; quote the source text it encodes", what);
}

/* ---- declarations ---------------------------------------------------- */

static void declare(struct checker *c, struct decl *d)
{
	struct decl *first = symtab_put(&c->set->names, d);
	if (first) {
		struct diag *g = diag_error(c->diags, "duplicate-name", d->name.loc,
					    "'%s' is already declared, as %s",
					    d->name.text, check_kind_phrase(first->kind));
		diag_note(c->diags, g, first->name.loc, "first declared here");
		return;
	}
	d->id = (uint32_t)c->set->decls[d->kind].n;
	vec_push(c->arena, &c->set->decls[d->kind], d);
}

static void collect(struct checker *c, const struct ast *ast)
{
	for (size_t i = 0; i < ast->items.n; i++) {
		struct item *it = ast->items.items[i];
		switch (it->kind) {
		case ITEM_DECL:
			declare(c, it->u.decl);
			break;
		case ITEM_MODES:
			if (c->have_modes) {
				struct diag *g = diag_error(c->diags, "duplicate-modes", it->loc,
							    "contact modes are already declared");
				diag_note(c->diags, g, c->modes_loc, "declared here");
				break;
			}
			c->have_modes = true;
			c->modes_loc = it->loc;
			for (size_t j = 0; j < it->u.modes->n; j++) {
				struct decl *m = it->u.modes->items[j];
				m->priority = (int)j;
				declare(c, m);
			}
			break;
		case ITEM_SCHEDULE:
			vec_push(c->arena, &c->set->schedules, it->u.schedule);
			break;
		case ITEM_CONTACT:
			vec_push(c->arena, &c->set->contacts, it->u.contact);
			break;
		case ITEM_TIMELINE:
			vec_push(c->arena, &c->set->timelines, it->u.timeline);
			break;
		case ITEM_TEST:
			vec_push(c->arena, &c->set->tests, it->u.test);
			break;
		case ITEM_PLAN:
			check_collect_plan(c, it->u.plan);
			break;
		}
	}
}

static void check_level(struct checker *c, struct decl *d)
{
	for (size_t i = 0; i < d->values.n; i++) {
		struct name *v = d->values.items[i];
		for (size_t j = 0; j < i; j++) {
			struct name *w = d->values.items[j];
			if (strcmp(v->text, w->text) == 0) {
				struct diag *g = diag_error(c->diags, "duplicate-value", v->loc,
							    "'%s' is listed twice in level '%s'",
							    v->text, d->name.text);
				diag_note(c->diags, g, w->loc, "first listed here");
				break;
			}
		}
	}
	if (d->values.n < 2)
		diag_error(c->diags, "bad-level", d->name.loc,
			   "level '%s' needs at least two values, lowest first: "
			   "low < medium < high", d->name.text);
	else if (d->values.n > 64)
		diag_error(c->diags, "bad-level", d->name.loc,
			   "level '%s' has %zu values; the limit is 64",
			   d->name.text, d->values.n);
}

static void check_range(struct checker *c, struct decl *d)
{
	if (d->lo > d->hi)
		diag_error(c->diags, "bad-range", d->range_loc,
			   "range %lld..%lld is empty; write the lower bound first",
			   (long long)d->lo, (long long)d->hi);
	else if (d->hi - d->lo >= 64)
		diag_error(c->diags, "bad-range", d->range_loc,
			   "range %lld..%lld has %lld values; the limit is 64",
			   (long long)d->lo, (long long)d->hi,
			   (long long)(d->hi - d->lo + 1));
	/* values are kept as int32_t (struct value's resolved): a bigger
	 * bound would be cut short without a word */
	else if (d->hi > INT32_MAX)
		diag_error(c->diags, "bad-range", d->range_loc,
			   "range %lld..%lld is too large; the bounds must be at most %ld",
			   (long long)d->lo, (long long)d->hi, (long)INT32_MAX);
}

static void check_step(struct checker *c, struct decl *d)
{
	struct date_lit *prev = NULL;
	for (size_t i = 0; i < d->dates.n; i++) {
		struct date_lit *dt = d->dates.items[i];
		if (!check_date(c, dt))
			continue;
		if (prev && dt->days <= prev->days) {
			struct diag *g = diag_error(c->diags, "date-order", dt->loc,
						    "step dates must be in order, each after the one before");
			diag_note(c->diags, g, prev->loc, "earlier date here");
		}
		prev = dt;
	}
	check_annots(c, &d->annots);
}

static void check_decls(struct checker *c)
{
	for (int k = 0; k < DECL_KIND_COUNT; k++) {
		for (size_t i = 0; i < c->set->decls[k].n; i++) {
			struct decl *d = c->set->decls[k].items[i];
			switch (d->kind) {
			case DECL_REGION:
				d->parent_decl = check_resolve(c, &d->parent, KIND(DECL_NATION),
							       "nation");
				break;
			case DECL_OFFICE:
				d->parent_decl = check_resolve(c, &d->parent, KINDS_AREA,
							       "nation or region");
				break;
			case DECL_LEVEL:
				check_level(c, d);
				break;
			case DECL_RANGE:
				check_range(c, d);
				break;
			case DECL_STEP:
				check_step(c, d);
				break;
			case DECL_CONDITION:
				if (!d->title)
					diag_error(c->diags, "missing-text", d->name.loc,
						   "condition '%s' needs its wording in quotes, "
						   "as officers will read it", d->name.text);
				else if (d->title->len == 0)	/* "" is no wording either */
					diag_error(c->diags, "empty-text", d->title->loc,
						   "condition '%s' has empty wording", d->name.text);
				break;
			default:
				break;
			}
			if (d->kind != DECL_STEP)
				check_annots(c, &d->annots);
		}
	}
}

bool check_policy(struct arena *a, struct diags *d, const struct ast *ast,
		  int32_t today, struct policy_set *out)
{
	memset(out, 0, sizeof(*out));
	symtab_init(&out->names, a);
	struct checker c = { .arena = a, .diags = d, .set = out };
	unsigned before = d->errors;
	collect(&c, ast);
	check_decls(&c);
	if (out->contacts.n && !c.have_modes)
		diag_error(d, "missing-modes",
			   ((struct contact *)out->contacts.items[0])->loc,
			   "contact rules need the contact modes declared first, "
			   "highest priority first: modes face_to_face > remote");
	check_schedules(&c);
	check_contacts(&c);
	check_timelines(&c);
	check_plans(&c, ast, today);
	check_tests(&c);
	return d->errors == before && !d->truncated;
}
