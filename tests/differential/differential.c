/* differential.c - the compiled tables against the reference interpreter.
 *
 * Linked with the tables polc wrote for a policy set (pol_checker_policy)
 * and given the same .pol files, it compiles them again in-process, then
 * asks both sides every question: every provider x office x weekday, every
 * contact case (all of them when there are at most 2^22, else a fixed
 * random sample of 2^20), and every activity x area x date of 2020 and
 * 2021.  The runtime is reached only through include/pol/runtime.h, by
 * name, as an integrator would.  Any disagreement is printed and fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "fmt.h"
#include "interp.h"
#include "strbuf.h"
#include "model.h"
#include "pol/runtime.h"
#include "would_be.h"

extern const struct pol_policy pol_checker_policy;

struct run {
	const struct pol_policy *p;
	struct compilation *c;
	struct model *m;
	struct interp in;
	unsigned long questions, disagreements;
};

static void disagree(struct run *r, const char *what)
{
	if (r->disagreements++ < 20)
		printf("disagreement: %s\n", what);
}

static unsigned line_of(const struct run *r, struct pol_loc loc)
{
	unsigned line, col;
	source_line_col(r->c->sources.files[loc.file], loc.start, &line, &col);
	return line;
}

static int32_t id(const struct run *r, enum pol_kind k, const struct decl *d)
{
	return pol_lookup(r->p, k, d->name.text, strlen(d->name.text));
}

static bool same_office(const struct pol_office_answer *got,
			const struct interp_office *want)
{
	if (got->open != want->open || got->covered != want->covered ||
	    got->n_hours != want->n_hours)
		return false;
	for (unsigned k = 0; k < want->n_hours; k++)
		if (got->open_minute[k] != want->open_minute[k] ||
		    got->close_minute[k] != want->close_minute[k])
			return false;
	return true;
}

static void office_disagree(struct run *r, const struct decl *p, const struct decl *o,
			    const char *when, const struct pol_office_answer *got,
			    const struct interp_office *want)
{
	char msg[240];
	snprintf(msg, sizeof(msg), "office %s %s %s: tables %s, interpreter %s",
		 p->name.text, o->name.text, when,
		 !got->covered ? "not covered" : got->open ? "open" : "closed",
		 !want->covered ? "not covered" : want->open ? "open" : "closed");
	disagree(r, msg);
}

/* Every provider x office: each weekday of the undated week, and from
 * `from` to `to` each date, and each weekday as of each date. */
static void offices(struct run *r, int32_t from, int32_t to)
{
	const struct vec *providers = &r->c->set.decls[DECL_PROVIDER];
	const struct vec *offices = &r->c->set.decls[DECL_OFFICE];
	for (size_t p = 0; p < providers->n; p++)
		for (size_t o = 0; o < offices->n; o++) {
			const struct decl *pd = providers->items[p], *od = offices->items[o];
			uint32_t pid = (uint32_t)id(r, POL_KIND_PROVIDER, pd);
			uint32_t oid = (uint32_t)id(r, POL_KIND_OFFICE, od);
			struct interp_office want;
			struct pol_office_answer got;
			for (int d = 0; d < 7; d++) {
				interp_office(&r->in, (uint32_t)p, (uint32_t)o, d, POL_NO_DATE, &want);
				int rc = pol_office_on_day(r->p, pid, oid, d, POL_NO_DATE, &got);
				r->questions++;
				if (rc || !same_office(&got, &want))
					office_disagree(r, pd, od, pol_weekday_name(d), &got, &want);
			}
			for (int32_t day = from; day <= to; day++) {
				char date[POL_DATE_BUFSIZE], when[64];
				pol_date_format(day, date);
				interp_office_on_date(&r->in, (uint32_t)p, (uint32_t)o, day, &want);
				int rc = pol_office_on_date(r->p, pid, oid, day, &got);
				r->questions++;
				if (rc || !same_office(&got, &want))
					office_disagree(r, pd, od, date, &got, &want);
				for (int d = 0; d < 7; d++) {
					interp_office(&r->in, (uint32_t)p, (uint32_t)o, d, day, &want);
					rc = pol_office_on_day(r->p, pid, oid, d, day, &got);
					r->questions++;
					if (rc || !same_office(&got, &want)) {
						snprintf(when, sizeof(when), "%s as of %s",
							 pol_weekday_name(d), date);
						office_disagree(r, pd, od, when, &got, &want);
					}
				}
			}
		}
}

static uint64_t next_random(uint64_t *s)
{
	/* xorshift64*: fixed seed, same sample every run */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* The clauses of a condition, split here on its own (not the model's
 * way): the operands of its top-level 'or's, left to right. */
static void split_or(struct arena *a, const struct cond *c, struct vec *out)
{
	if (c->kind == COND_OR) {
		split_or(a, c->left, out);
		split_or(a, c->right, out);
	} else {
		vec_push(a, out, (void *)c);
	}
}

/* A matched rule's clauses: the tables' and the interpreter's agree on
 * which hold, and read the same. */
static bool same_clauses(struct run *r, struct arena *scratch, const struct pol_rule *t,
			 const struct rule *w, const uint32_t *values, pol_case pc)
{
	struct vec want = { 0 };
	if (w->when)
		split_or(scratch, w->when, &want);
	if (t->n_clauses != want.n)
		return false;
	for (uint32_t k = 0; k < t->n_clauses; k++) {
		const struct cond *c = want.items[k];
		struct strbuf b;
		strbuf_init(&b, scratch);
		fmt_cond(&b, c);
		const struct pol_clause *pcl = &r->p->clauses[t->first_clause + k];
		if (strcmp(pcl->text, b.s) != 0 ||
		    pol_clause_holds(r->p, t->first_clause + k, pc) != interp_cond(&r->in, c, values))
			return false;
	}
	return true;
}

/* A date a contact table is in force on, POL_NO_DATE for an undated one. */
static int32_t table_day(const struct pol_contact_table *t)
{
	if (t->first == POL_NO_DATE && t->last == POL_NO_END)
		return POL_NO_DATE;
	return t->first != POL_NO_DATE ? t->first : t->last;
}

static void one_case(struct run *r, struct arena *scratch, const uint32_t *values,
		     int32_t *attr_ids, uint32_t *rules, size_t cap)
{
	pol_case pc = 0;
	for (size_t k = 0; k < r->m->n_attrs; k++)
		pol_case_set(r->p, &pc, (uint32_t)attr_ids[k], values[k]);
	const struct vec *providers = &r->c->set.decls[DECL_PROVIDER];
	for (size_t p = 0; p < providers->n; p++) {
		uint32_t pid = (uint32_t)id(r, POL_KIND_PROVIDER, providers->items[p]);
		/* each version of the provider's rules, asked on a date it is in
		 * force (an undated one as undated) */
		for (int32_t t = (int32_t)pid; t >= 0; t = r->p->contact[t].next) {
			int32_t day = table_day(&r->p->contact[t]);
			struct interp_contact want;
			interp_contact(&r->in, scratch, (uint32_t)p, day, values, &want);
			int32_t table = pol_contact_table_on(r->p, pid, day);
			struct pol_contact_answer got = { -1, -1 };
			int rc = table == t ? pol_contact(r->p, (uint32_t)table, pc, &got) : -1;
			int n = rc == 0 ? pol_contact_matches(r->p, (uint32_t)table, pc, rules, cap) : -1;
			r->questions++;
			bool same = rc == 0 && n == (int)want.matched.n &&
				    (got.mode < 0 ? want.mode == NULL
				     : want.mode && strcmp(r->p->modes[got.mode].name,
							   want.mode->name.text) == 0);
			for (int i = 0; same && i < n; i++) {
				const struct rule *w = want.matched.items[i];
				same = r->p->rules[rules[i]].source.line == line_of(r, w->loc) &&
				       same_clauses(r, scratch, &r->p->rules[rules[i]], w, values, pc);
				r->questions++;
			}
			if (!same) {
				char msg[200];
				snprintf(msg, sizeof(msg), "contact %s (table %d) case 0x%llx: tables %s "
					 "(%d rules), interpreter %s (%zu rules)",
					 ((struct decl *)providers->items[p])->name.text, (int)t,
					 (unsigned long long)pc,
					 got.mode >= 0 ? r->p->modes[got.mode].name : "none", n,
					 want.mode ? want.mode->name.text : "none", want.matched.n);
				disagree(r, msg);
			}
			if (r->p->contact[t].next >= 0 && r->p->contact[t].next <= t)
				break;
		}
	}
}

/* Which rules of each provider are in force on each date: the tables'
 * version (pol_contact_table_on) and the interpreter's block agree. */
static void contact_dates(struct run *r, int32_t from, int32_t to)
{
	const struct vec *providers = &r->c->set.decls[DECL_PROVIDER];
	for (size_t p = 0; p < providers->n; p++) {
		uint32_t pid = (uint32_t)id(r, POL_KIND_PROVIDER, providers->items[p]);
		for (int32_t day = from; day <= to; day++) {
			const struct contact *want = interp_contact_block(&r->in, (uint32_t)p, day);
			int32_t t = pol_contact_table_on(r->p, pid, day);
			r->questions++;
			/* a provider without rules has an empty table in force always */
			bool same = t < 0 ? want == NULL
				: want ? r->p->contact[t].first == (want->first == INT32_MIN ? POL_NO_DATE
										      : want->first) &&
					 r->p->contact[t].last == (want->last == INT32_MAX ? POL_NO_END
										     : want->last)
				       : r->p->contact[t].n_rules == 0 && r->p->contact[t].default_rule < 0;
			if (!same) {
				char msg[200], date[POL_DATE_BUFSIZE];
				pol_date_format(day, date);
				snprintf(msg, sizeof(msg), "contact %s on %s: tables version %d, "
					 "interpreter %s", ((struct decl *)providers->items[p])->name.text,
					 date, (int)t, want ? "a block" : "none");
				disagree(r, msg);
			}
		}
	}
}

static void contacts(struct run *r)
{
	size_t n = r->m->n_attrs;
	uint32_t *values = calloc(n + 1, sizeof(*values));
	int32_t *attr_ids = calloc(n + 1, sizeof(*attr_ids));
	size_t cap = r->m->rules.n + 1;
	uint32_t *rules = calloc(cap, sizeof(*rules));
	double space = 1;
	for (size_t k = 0; k < n; k++) {
		space *= r->m->attrs[k].size;
		attr_ids[k] = pol_lookup(r->p, POL_KIND_ATTRIBUTE, r->m->attrs[k].decl->name.text,
					 strlen(r->m->attrs[k].decl->name.text));
	}
	struct arena scratch;
	arena_init(&scratch);
	if (space <= (double)(1u << 22)) {
		for (;;) {
			one_case(r, &scratch, values, attr_ids, rules, cap);
			if (r->questions % 4096 == 0) {
				arena_free(&scratch);
				arena_init(&scratch);
			}
			size_t k = 0;	/* next case: count in mixed radix */
			while (k < n && ++values[k] == r->m->attrs[k].size)
				values[k++] = 0;
			if (k == n)
				break;
		}
	} else {
		uint64_t seed = 0x9E3779B97F4A7C15ull;
		for (unsigned long i = 0; i < (1ul << 20); i++) {
			for (size_t k = 0; k < n; k++)
				values[k] = (uint32_t)(next_random(&seed) % r->m->attrs[k].size);
			one_case(r, &scratch, values, attr_ids, rules, cap);
			if (i % 4096 == 0) {
				arena_free(&scratch);
				arena_init(&scratch);
			}
		}
	}
	arena_free(&scratch);
	free(values);
	free(attr_ids);
	free(rules);
}

static bool same_text(const char *a, const struct text *b)
{
	if (!a || !b)
		return !a && !b;
	return strlen(a) == b->len && memcmp(a, b->s, b->len) == 0;
}

/* The step's name, for comparing a table's step id with a declaration. */
static bool same_step(const struct run *r, int32_t step, const struct decl *d)
{
	return step < 0 ? d == NULL : d && strcmp(r->p->steps[step].name, d->name.text) == 0;
}

static void widen(int32_t *first, int32_t *last, int32_t d)
{
	if (d == INT32_MIN || d == INT32_MAX)
		return;
	if (*first == POL_NO_DATE || d < *first)
		*first = d;
	if (*last == POL_NO_DATE || d > *last)
		*last = d;
}

/* The first and last dates the policy names (timeline entries, plans,
 * schedules and their date lines), so every question from a year before
 * the one to a year after the other is asked. */
static void entry_dates(const struct run *r, int32_t *first, int32_t *last)
{
	*first = *last = POL_NO_DATE;
	for (size_t t = 0; t < r->c->set.timelines.n; t++) {
		const struct timeline *tl = r->c->set.timelines.items[t];
		for (size_t i = 0; i < tl->entries.n; i++)
			widen(first, last, ((const struct entry *)tl->entries.items[i])->days);
		widen(first, last, tl->plan->first);
		widen(first, last, tl->plan->last);
	}
	for (size_t i = 0; i < r->c->set.schedules.n; i++) {
		const struct schedule *s = r->c->set.schedules.items[i];
		widen(first, last, s->first);
		widen(first, last, s->last);
		for (size_t k = 0; k < s->on_dates.n; k++) {
			const struct date_clause *dc = s->on_dates.items[k];
			widen(first, last, dc->from.days);
			widen(first, last, dc->until.days);
		}
	}
	if (*first == POL_NO_DATE) {
		pol_date_from_ymd(2021, 1, 1, first);
		*last = *first;
	}
}

static void activities(struct run *r, int32_t from, int32_t to)
{
	const struct vec *acts = &r->c->set.decls[DECL_ACTIVITY];
	for (size_t a = 0; a < acts->n; a++) {
		int32_t aid = id(r, POL_KIND_ACTIVITY, acts->items[a]);
		for (size_t area = 0; area < r->m->n_areas; area++) {
			int32_t rid = id(r, POL_KIND_AREA, r->m->areas[area]);
			for (int32_t day = from; day <= to; day++) {
				struct interp_activity want;
				struct pol_activity_answer got;
				interp_activity(&r->in, (uint32_t)a, (uint32_t)area, day, &want);
				int rc = pol_activity(r->p, (uint32_t)aid, (uint32_t)rid, day, &got);
				r->questions++;
				const struct pol_entry *e = got.entry;
				const struct pol_entry *pf = got.permitted_from;
				bool same = rc == 0 && (e != NULL) == (want.entry != NULL) &&
					    got.next == want.next_change &&
					    (pf ? got.permitted_date : POL_NO_DATE) == want.permitted_from &&
					    (!pf || same_step(r, pf->step, want.permitted_step));
				if (same && e) {
					same = got.decision && got.since == want.decided_since &&
					       (got.decision->days == POL_NO_DATE ||
						got.decision->days == want.decided_since) &&
					       same_step(r, got.decision->step, want.decided_step) &&
					       e->days == want.since && e->permitted == want.permitted &&
					       same_text(e->status, want.status) &&
					       memcmp(e->limits, want.limits, sizeof(e->limits)) == 0 &&
					       e->source.line == line_of(r, want.entry->loc) &&
					       same_step(r, e->step, want.step) &&
					       e->n_conditions == want.conditions->n;
					for (uint32_t i = 0; same && i < e->n_conditions; i++) {
						const struct decl *c = want.conditions->items[i];
						same = strcmp(r->p->conditions[r->p->condition_ids[
							e->first_condition + i]].name, c->name.text) == 0;
					}
				}
				if (!same) {
					char msg[200], date[POL_DATE_BUFSIZE];
					pol_date_format(day, date);
					snprintf(msg, sizeof(msg), "activity %s %s %s: tables %s (since %ld, "
						 "next %ld), interpreter %s (since %ld, next %ld)",
						 ((struct decl *)acts->items[a])->name.text,
						 r->m->areas[area]->name.text, date,
						 e ? (e->permitted ? "permitted" : "not permitted") : "none",
						 (long)got.since, (long)got.next,
						 want.entry ? (want.permitted ? "permitted" : "not permitted")
							    : "none", (long)want.decided_since,
						 (long)want.next_change);
					disagree(r, msg);
				}
			}
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: differential POLICY.pol...\n", stderr);
		return 2;
	}
	struct compilation c;
	compilation_init(&c);
	struct model m;
	if (!compilation_load(&c, argc - 1, argv + 1) || !compilation_check(&c) ||
	    !model_build(&c.arena, &c.diags, &c.set, &m)) {
		diags_print(&c.diags, stderr, DIAG_TEXT, "differential");
		compilation_free(&c);
		return 2;
	}
	struct run r = { .p = &pol_checker_policy, .c = &c, .m = &m };
	interp_init(&r.in, &c.set, &m);
	if (pol_check_abi(r.p) != 0) {
		fputs("differential: tables of another ABI\n", stderr);
		return 2;
	}
	int32_t from, to;
	entry_dates(&r, &from, &to);
	from -= 366;
	to += 366;
	offices(&r, from, to);
	unsigned long office_q = r.questions;
	contact_dates(&r, from, to);
	contacts(&r);
	unsigned long contact_q = r.questions - office_q;
	unsigned long would_be_q = differential_would_be(r.p, &c.set, &m, &r.in,
							 &r.disagreements);
	r.questions += would_be_q;
	activities(&r, from, to);
	unsigned long activity_q = r.questions - office_q - contact_q - would_be_q;
	printf("differential: %lu questions compared (%lu office, %lu contact, "
	       "%lu would_be, %lu activity), %lu disagreements\n", r.questions, office_q,
	       contact_q, would_be_q, activity_q, r.disagreements);
	compilation_free(&c);
	return r.disagreements ? 1 : 0;
}
