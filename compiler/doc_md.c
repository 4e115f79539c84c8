/* doc_md.c - polc doc's Markdown page: the content of the HTML page in
 * CommonMark (GitHub-flavoured tables for the offices' weeks), for a
 * repository or a wiki.  The timelines are numbered lists of entries
 * rather than drawings.  Text from the policy is escaped so that it can
 * neither start markup nor break a table cell.
 */
#include "doc.h"

#include <string.h>

#include "dayset.h"
#include "fmt.h"
#include "version.h"

struct md {
	struct writer *w;
	const struct doc *d;
	struct arena *a;
};

/* Policy text on one line, never at the start of one: the punctuation
 * that makes Markdown inline (emphasis, code, links, tables, strike)
 * backslash-escaped, HTML's specials as entities, line breaks and tabs
 * as spaces. */
static void md_text(struct writer *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '~':
			emit(w, "\\%c", c);
			break;
		case '<': emit(w, "&lt;"); break;
		case '>': emit(w, "&gt;"); break;
		case '&': emit(w, "&amp;"); break;
		default:
			if (c < 0x20 || c == 0x7F)
				emit(w, " ");
			else
				emit(w, "%c", c);
			break;
		}
	}
}

/* md_text of a NUL-terminated string. */
static void md_str(struct writer *w, const char *s)
{
	md_text(w, s, strlen(s));
}

/* Quotes and notes under a list item, indented by `indent` spaces. */
static void md_sources(struct md *m, const struct annots *an, int indent)
{
	struct writer *w = m->w;
	for (size_t i = 0; i < an->cites.n; i++) {
		const struct text *t = an->cites.items[i];
		if (i)
			emit(w, "%*s>\n", indent, "");
		else
			emit(w, "\n");
		emit(w, "%*s> \u201c", indent, "");
		md_text(w, t->s, t->len);
		emit(w, "\u201d\n");
	}
	for (size_t i = 0; i < an->notes.n; i++) {
		const struct text *t = an->notes.items[i];
		emit(w, "\n%*s*Note:* ", indent, "");
		md_text(w, t->s, t->len);
		emit(w, "\n");
	}
	emit(w, "\n");
}

/* A heading naming a declaration: "### Title (`name`)". */
static void heading(struct md *m, const char *level, const struct decl *d)
{
	emit(m->w, "%s ", level);
	md_str(m->w, doc_display(m->a, d));
	emit(m->w, " (`%s`)\n\n", d->name.text);
}

/* ---- offices ---------------------------------------------------------- */

/* A provider's schedules (or services) as a list with their quotes. */
static void schedules(struct md *m, const struct decl *prov, bool services)
{
	struct writer *w = m->w;
	bool any = false;
	for (size_t i = 0; i < m->d->set->schedules.n; i++) {
		const struct schedule *s = m->d->set->schedules.items[i];
		if (s->provider_decl != prov || s->is_service != services)
			continue;
		if (!any)
			emit(w, "#### %s\n\n", services ? "Services" : "Schedules");
		any = true;
		emit(w, "- **");
		if (services)
			md_text(w, s->title->s, s->title->len);
		else
			md_str(w, doc_name_list(m->a, &s->office_decls));
		emit(w, "**: ");
		md_str(w, doc_schedule_summary(m->a, s));
		if (services) {
			emit(w, s->office_decls.n ? "; at " : "; at every office");
			md_str(w, doc_name_list(m->a, &s->office_decls));
		}
		emit(w, ".\n");
		md_sources(m, &s->annots, 2);
	}
}

/* A provider's week as of a date (POL_NO_DATE: undated) up to the day
 * before `next` (POL_NO_END: no end): a table, after a line naming the
 * stretch when there are dates; a stretch no schedule covers is left out. */
static void week_table(struct md *m, size_t p, int32_t as_of, int32_t next)
{
	struct writer *w = m->w;
	const struct vec *offs = &m->d->set->decls[DECL_OFFICE];
	bool any = false;
	for (size_t o = 0; o < offs->n && !any; o++) {
		struct interp_office r;
		interp_office(&m->d->in, (uint32_t)p, (uint32_t)o, 0, as_of, &r);
		any = r.covered;
	}
	if (as_of != POL_NO_DATE) {
		if (!any)
			return;
		if (as_of == POL_DAY_FIRST)
			emit(w, "Before %s:\n\n", doc_date(m->a, next, false));
		else if (next != POL_NO_END)
			emit(w, "From %s until %s:\n\n", doc_date(m->a, as_of, false),
			     doc_date(m->a, next - 1, false));
		else
			emit(w, "From %s:\n\n", doc_date(m->a, as_of, false));
	}
	if (offs->n) {
		emit(w, "| Office |");
		for (int day = 0; day < 7; day++)
			emit(w, " %s |", pol_weekday_name(day));
		emit(w, "\n|---|---|---|---|---|---|---|---|\n");
	}
	for (size_t o = 0; o < offs->n; o++) {
		emit(w, "| ");
		const struct decl *office = offs->items[o];
		md_str(w, doc_words(m->a, office->name.text));
		emit(w, " |");
		for (int day = 0; day < 7; day++) {
			struct interp_office r;
			interp_office(&m->d->in, (uint32_t)p, (uint32_t)o, day,
				      as_of, &r);
			const char *hours = doc_open_hours(m->d, &r);
			if (hours && *hours)
				emit(w, " open %s |", hours);
			else
				emit(w, " %s |", r.open ? "open" : r.covered ? "closed"
				     : "not covered");
		}
		emit(w, "\n");
	}
	emit(w, "\n");
}

/* Per provider, the week of each office as a table, then the schedules. */
static void offices(struct md *m)
{
	struct writer *w = m->w;
	const struct vec *provs = &m->d->set->decls[DECL_PROVIDER];
	emit(w, "## Offices\n\nWhich offices each provider opens on which weekdays, "
		"with the hours where the plan gives them.  An office its schedule "
		"does not open on a day is closed that day; where no schedule of the "
		"provider for the office is in force, the plan says nothing: not "
		"covered.  Dated schedules get a table for each stretch of dates.\n\n");
	for (size_t p = 0; p < provs->n; p++) {
		heading(m, "###", provs->items[p]);
		struct vec at = { 0 };
		doc_office_stretches(m->d, p, &at);
		for (size_t k = 0; k <= at.n; k++) {
			int32_t as_of = !at.n ? POL_NO_DATE
				: k ? dayset_at(&at, k - 1) : POL_DAY_FIRST;
			week_table(m, p, as_of, k < at.n ? dayset_at(&at, k) : POL_NO_END);
		}
		schedules(m, provs->items[p], false);
		schedules(m, provs->items[p], true);
	}
}

/* ---- contact ---------------------------------------------------------- */

static void contact(struct md *m)
{
	struct writer *w = m->w;
	const struct doc *d = m->d;
	emit(w, "## Contact\n\nHow each provider sees a service user.  The rules "
		"are listed in priority order: when several apply to a case, the "
		"first one listed decides, and the others are reported with it.\n\n");
	const struct vec *modes = &d->set->decls[DECL_MODE];
	if (modes->n)
		emit(w, "Contact modes, highest priority first:\n\n");
	for (size_t i = 0; i < modes->n; i++) {
		const struct decl *mode = modes->items[i];
		emit(w, "%zu. `%s`: ", i + 1, mode->name.text);
		md_str(w, doc_display(m->a, mode));
		emit(w, "\n");
	}
	emit(w, "\n");
	const struct vec *provs = &d->set->decls[DECL_PROVIDER];
	for (size_t p = 0; p < provs->n; p++) {
		heading(m, "###", provs->items[p]);
		for (int32_t t = d->m->contact ? (int32_t)p : -1; t >= 0;
		     t = d->m->contact[t].next) {
			const struct model_contact *mc = &d->m->contact[t];
			const char *span = doc_in_force(m->a, mc->valid_from, mc->valid_until);
			if (span)
				emit(w, "%s:\n\n", span);
			if (!mc->count) {
				emit(w, "No contact rules for this provider.\n\n");
				continue;
			}
			for (uint32_t r = 0; r < mc->count; r++) {
				const struct rule *rule =
					((const struct model_rule *)d->m->rules.items[mc->first + r])->ast;
				struct strbuf s;
				strbuf_init(&s, m->a);
				doc_english_rule(&s, rule);
				emit(w, "%u. ", r + 1);
				md_text(w, s.s, s.len);
				emit(w, "\n");
				md_sources(m, &rule->annots, 3);
			}
			if (mc->default_rule < 0)
				emit(w, "No rule covers the other cases: they get no decision.\n\n");
		}
	}
}

/* ---- activities ------------------------------------------------------- */

static void entry(struct md *m, const struct model_entry *e, size_t n, int32_t area)
{
	struct writer *w = m->w;
	emit(w, "%zu. **%s**", n, e->days == POL_NO_DATE ? "Initially"
					: doc_date(m->a, e->days, false));
	if (e->step >= 0 && e->days != POL_NO_DATE) {
		emit(w, " (");
		md_str(w, doc_display(m->a, m->d->set->decls[DECL_STEP].items[e->step]));
		emit(w, ")");
	}
	emit(w, " \u2014 *%s%s*", e->unchanged ? "no change, still " : "",
	     e->permitted ? "permitted" : "not permitted");
	if (e->status) {
		emit(w, ": ");
		md_text(w, e->status->s, e->status->len);
	}
	struct vec terms = { 0 };
	doc_entry_terms(m->a, e, &terms);
	for (size_t i = 0; i < terms.n; i++) {
		emit(w, "%s", i ? "; " : " \u2014 ");
		md_str(w, terms.items[i]);
	}
	if (e->area != area) {
		emit(w, " (from the timeline for ");
		md_str(w, doc_display(m->a, m->d->m->areas[e->area]));
		emit(w, ")");
	}
	emit(w, "\n");
	md_sources(m, &e->ast->annots, 3);
}

/* Per activity and group of areas, the entries as a numbered list. */
static void activities(struct md *m)
{
	struct writer *w = m->w;
	emit(w, "## Activities\n\nWhen each activity may run, area by area: each "
		"entry holds from its \u2018not before\u2019 date until the next.  A "
		"region not listed follows its nation.  Before its first entry an "
		"activity is not permitted.\n\n");
	const struct vec *acts = &m->d->set->decls[DECL_ACTIVITY];
	for (size_t a = 0; a < acts->n; a++) {
		heading(m, "###", acts->items[a]);
		struct vec groups = { 0 };
		doc_area_groups(m->d, a, &groups);
		if (!groups.n)
			emit(w, "No timeline: the activity is not permitted anywhere.\n\n");
		for (size_t i = 0; i < groups.n; i++) {
			const struct doc_area_group *g = groups.items[i];
			const struct vec *entries = doc_entries(m->d, a, g->first);
			emit(w, "#### ");
			md_str(w, g->names);
			emit(w, "\n\n");
			for (size_t j = 0; j < entries->n; j++)
				entry(m, entries->items[j], j + 1, (int32_t)g->first);
		}
	}
}

/* ---- tests and glossary ----------------------------------------------- */

/* Every change in date order: date, subject, before, after, quotes. */
static void calendar(struct md *m)
{
	struct writer *w = m->w;
	struct vec changes = { 0 };
	doc_calendar(m->d, &changes);
	emit(w, "## Calendar\n\nWhat changes when: every date on which an activity's "
		"answer in an area, or a provider's office, changes, with what an "
		"officer read the day before and reads from that day.\n\n");
	if (!changes.n) {
		emit(w, "The plan names no date on which anything changes.\n\n");
		return;
	}
	for (size_t i = 0; i < changes.n; i++) {
		const struct doc_change *c = changes.items[i];
		emit(w, "- **%s**, ", doc_date(m->a, c->days, false));
		md_str(w, c->subject);
		emit(w, ": ");
		md_str(w, c->before);
		emit(w, " \u2192 ");
		md_str(w, c->after);
		emit(w, "\n");
		if (c->annots)
			md_sources(m, c->annots, 2);
	}
	const struct doc_change *last = changes.items[changes.n - 1];
	if (!last->annots)
		emit(w, "\n");
}

static void tests(struct md *m)
{
	struct writer *w = m->w;
	const struct test_run *t = m->d->tests;
	emit(w, "## Tests\n\nWhat the plan is checked against: **expect** checks "
		"one decision, **assert** checks a property of every case, office, "
		"area, day or date it names.  %zu pass, %zu fail.\n\n", t->passed, t->failed);
	for (int k = 0; k < 2; k++) {
		bool any = false;
		for (size_t i = 0; i < t->results.n; i++) {
			const struct test_result *r = t->results.items[i];
			if (r->test->is_assert != (k == 1))
				continue;
			if (!any)
				emit(w, "### %s\n\n", k ? "Properties" : "Expectations");
			any = true;
			struct strbuf b;
			strbuf_init(&b, m->a);
			strbuf_puts(&b, k ? "assert " : "expect ");
			fmt_question(&b, &r->test->q);
			emit(w, "- %s `%s`\n", r->passed ? "\u2713" : "\u2717 **fails**", b.s);
			md_sources(m, &r->test->annots, 2);
		}
	}
}

/* The declared names people need to read the rules. */
static void glossary(struct md *m)
{
	struct writer *w = m->w;
	static const struct { int kind; const char *head; } kinds[] = {
		{ DECL_STEP, "Steps" }, { DECL_CONDITION, "Conditions" },
		{ DECL_FLAG, "Case flags" }, { DECL_LEVEL, "Levels" },
		{ DECL_RANGE, "Ranges" }, { DECL_NATION, "Nations" },
		{ DECL_REGION, "Regions" },
	};
	emit(w, "## Glossary\n\n");
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct vec *v = &m->d->set->decls[kinds[k].kind];
		if (!v->n)
			continue;
		emit(w, "### %s\n\n", kinds[k].head);
		for (size_t i = 0; i < v->n; i++) {
			const struct decl *d = v->items[i];
			emit(w, "- `%s`", d->name.text);
			if (d->title) {
				emit(w, ": ");
				md_text(w, d->title->s, d->title->len);
			}
			for (size_t j = 0; kinds[k].kind == DECL_STEP && j < d->dates.n; j++) {
				const struct date_lit *date = d->dates.items[j];
				emit(w, "%s%s", j ? " and " : ", not before ",
				     doc_date(m->a, date->days, false));
			}
			for (size_t j = 0; kinds[k].kind == DECL_LEVEL && j < d->values.n; j++) {
				const struct name *value = d->values.items[j];
				emit(w, "%s", j ? " &lt; " : " \u2014 ");
				md_str(w, doc_words(m->a, value->text));
			}
			if (kinds[k].kind == DECL_RANGE)
				emit(w, " \u2014 %lld to %lld", (long long)d->lo,
				     (long long)d->hi);
			emit(w, "\n");
		}
		emit(w, "\n");
	}
}

bool doc_write_markdown(struct writer *w, const struct doc *d)
{
	struct md m = { w, d, d->arena };
	emit(w, "# ");
	md_str(w, d->title);
	emit(w, "\n\nBuilt from ");
	for (int i = 0; i < d->nfiles; i++) {
		emit(w, "%s", i == 0 ? "" : i + 1 == d->nfiles ? " and " : ", ");
		emit(w, "`");
		/* a file name in a code span: no backtick can end it early */
		for (const char *p = d->files[i]; *p; p++)
			emit(w, "%c", *p == '`' ? '\'' : (unsigned char)*p < 0x20 ? '?' : *p);
		emit(w, "`");
	}
	emit(w, " by polc %s.  %zu tests: %zu pass, %zu fail.\n\n", POL_VERSION,
	     d->tests->passed + d->tests->failed, d->tests->passed, d->tests->failed);
	offices(&m);
	contact(&m);
	activities(&m);
	calendar(&m);
	tests(&m);
	glossary(&m);
	return true;
}
