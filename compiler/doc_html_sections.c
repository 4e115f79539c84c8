/* doc_html_sections.c - the offices, contact and activities sections of
 * polc doc's HTML page. */
#include "doc_html.h"

#include <string.h>

#include "dayset.h"

/* ---- offices ---------------------------------------------------------- */

/* A provider's heading in a section, its anchor prefixed by the section:
 * "National Probation Service [NPS]". */
static void provider_heading(struct page *p, const char *section,
			     const struct decl *prov)
{
	struct writer *w = p->w;
	emit(w, "<h3 id=\"");
	html_id(w, section, prov->name.text);
	emit(w, "\">");
	html_str(w, doc_display(p->a, prov));
	emit(w, "<span class=\"tag\">");
	html_str(w, prov->name.text);
	emit(w, "</span></h3>\n");
}

static const struct model_schedule *schedule_at(const struct model *m,
						uintptr_t id)
{
	return m->schedules.items[id];
}

/* Does any schedule (not a service) of the provider name the office? */
static bool has_schedule(const struct doc *d, size_t provider, size_t office)
{
	size_t no = d->set->decls[DECL_OFFICE].n;
	const struct model_office_cell *cell = &d->m->office_cells[provider * no + office];
	for (size_t i = 0; i < cell->schedules.n; i++)
		if (!schedule_at(d->m, (uintptr_t)cell->schedules.items[i])->ast->is_service)
			return true;
	return false;
}

/* A provider's offices by weekday as of a date (POL_NO_DATE: undated):
 * open (with hours), closed, or no schedule in force. */
static void week_table_as_of(struct page *p, size_t provider, int32_t as_of,
			     int32_t until)
{
	struct writer *w = p->w;
	const struct vec *offices = &p->d->set->decls[DECL_OFFICE];
	int32_t ask = as_of == POL_NO_DATE && until != POL_NO_DATE ? POL_DAY_FIRST : as_of;
	bool any = false;	/* a stretch no schedule covers is not drawn */
	for (size_t o = 0; o < offices->n && !any; o++) {
		struct interp_office r;
		interp_office(&p->d->in, (uint32_t)provider, (uint32_t)o, 0, ask, &r);
		any = r.covered;
	}
	if (!any && (as_of != POL_NO_DATE || until != POL_NO_DATE))
		return;
	if (as_of != POL_NO_DATE || until != POL_NO_DATE) {
		emit(w, "<p class=\"stretch\">");
		if (as_of != POL_NO_DATE && until != POL_NO_DATE)
			emit(w, "From %s until %s", doc_date(p->a, as_of, false),
			     doc_date(p->a, until, false));
		else if (as_of != POL_NO_DATE)
			emit(w, "From %s", doc_date(p->a, as_of, false));
		else
			emit(w, "Before %s", doc_date(p->a, until + 1, false));
		emit(w, "</p>\n");
	}
	emit(w, "<table class=\"week\">\n<thead><tr><th>Office</th>");
	for (int day = 0; day < 7; day++)
		emit(w, "<th>%s</th>", pol_weekday_name(day));
	emit(w, "</tr></thead>\n<tbody>\n");
	for (size_t o = 0; o < offices->n; o++) {
		const struct decl *office = offices->items[o];
		bool scheduled = has_schedule(p->d, provider, o);
		emit(w, "<tr><th scope=\"row\">");
		html_str(w, doc_words(p->a, office->name.text));
		if (office->title) {
			emit(w, "<span class=\"sub\">");
			html_text(w, office->title->s, office->title->len);
			emit(w, "</span>");
		}
		emit(w, "</th>");
		for (int day = 0; day < 7; day++) {
			struct interp_office r;
			interp_office(&p->d->in, (uint32_t)provider, (uint32_t)o, day, ask, &r);
			const char *hours = doc_open_hours(p->d, &r);
			if (hours && *hours)
				emit(w, "<td class=\"open\">Open<span class=\"hours\">%s"
					"</span></td>", hours);
			else if (r.open)
				emit(w, "<td class=\"open\">Open</td>");
			else if (r.covered)
				emit(w, "<td class=\"closed\">Closed</td>");
			else if (scheduled)
				emit(w, "<td class=\"none\" title=\"not covered on these dates\">"
					"not covered</td>");
			else
				emit(w, "<td class=\"none\" title=\"no schedule\">\u2014</td>");
		}
		emit(w, "</tr>\n");
	}
	emit(w, "</tbody>\n</table>\n");
}

/* The week tables of a provider: one, or one per stretch of dates
 * between the dates its schedules start and end. */
static void week_table(struct page *p, size_t provider)
{
	struct vec at = { 0 };
	doc_office_stretches(p->d, provider, &at);
	if (!at.n) {
		week_table_as_of(p, provider, POL_NO_DATE, POL_NO_DATE);
		return;
	}
	int32_t first = dayset_at(&at, 0);
	week_table_as_of(p, provider, POL_NO_DATE, first - 1);
	for (size_t k = 0; k < at.n; k++) {
		int32_t from = dayset_at(&at, k);
		int32_t until = k + 1 < at.n ? dayset_at(&at, k + 1) - 1
					     : POL_NO_DATE;
		week_table_as_of(p, provider, from, until);
	}
}

/* A provider's schedules (or services): what each says, its quotes. */
static void schedule_list(struct page *p, const struct decl *provider, bool services)
{
	struct writer *w = p->w;
	bool any = false;
	for (size_t i = 0; i < p->d->set->schedules.n; i++) {
		const struct schedule *s = p->d->set->schedules.items[i];
		if (s->provider_decl != provider || s->is_service != services)
			continue;
		if (!any)
			emit(w, "<h4>%s</h4>\n<ul class=\"items\">\n",
			     services ? "Services" : "Schedules");
		any = true;
		emit(w, "<li><p><b>");
		if (services)
			html_text(w, s->title->s, s->title->len);
		else
			html_str(w, doc_name_list(p->a, &s->office_decls));
		emit(w, "</b>: ");
		html_str(w, doc_schedule_summary(p->a, s));
		if (services) {
			emit(w, s->office_decls.n ? "; at " : "; at every office");
			html_str(w, doc_name_list(p->a, &s->office_decls));
		}
		emit(w, ".</p>\n");
		html_sources(p, &s->annots);
		emit(w, "</li>\n");
	}
	if (any)
		emit(w, "</ul>\n");
}

void html_offices(struct page *p)
{
	struct writer *w = p->w;
	const struct vec *providers = &p->d->set->decls[DECL_PROVIDER];
	emit(w, "<section id=\"offices\"><h2>Offices</h2>\n<p class=\"lede\">"
		"Which offices each provider opens on which weekdays, with the hours "
		"where the plan gives them.  On a date, what counts is its weekday.  "
		"An office no schedule opens on a day is closed that day.</p>\n"
		"<p class=\"legend\"><span style=\"background:#e3f1e8;border:1px solid #9cc9ad\">"
		"</span>Open<span style=\"background:#f2f4f6;border:1px solid #cfd6de\"></span>"
		"Closed<span style=\"background:#fff;border:1px solid #dfe5ec\"></span>"
		"No schedule for this provider and office (closed)</p>\n");
	for (size_t i = 0; i < providers->n; i++) {
		const struct decl *prov = providers->items[i];
		provider_heading(p, "offices-", prov);
		if (p->d->set->decls[DECL_OFFICE].n)
			week_table(p, i);
		else
			emit(w, "<p>The plan declares no offices.</p>\n");
		schedule_list(p, prov, false);
		schedule_list(p, prov, true);
	}
	emit(w, "</section>\n");
}

/* ---- contact ---------------------------------------------------------- */

static void mode_pill(struct page *p, const struct decl *mode)
{
	emit(p->w, "<span class=\"pill m%d\">", mode->priority < 4 ? mode->priority : 4);
	html_str(p->w, doc_words(p->a, mode->name.text));
	emit(p->w, "</span>");
}

/* A contact rule: its mode, its sentence, its quotes. */
static void rule_item(struct page *p, const struct rule *r)
{
	struct writer *w = p->w;
	emit(w, "<li%s>", r->when ? "" : " class=\"otherwise\"");
	if (r->when) {
		mode_pill(p, r->mode_decl);
	} else {
		emit(w, "<span class=\"pill\">otherwise</span>");
	}
	struct strbuf label, sentence;
	strbuf_init(&label, p->a);
	strbuf_init(&sentence, p->a);
	doc_english_mode(&label, r->mode_decl);
	doc_english_rule(&sentence, r);
	emit(w, "<div><p class=\"rule\">");
	if (r->when && strncmp(sentence.s, label.s, label.len) == 0) {
		emit(w, "<strong>");
		html_text(w, label.s, label.len);
		emit(w, "</strong>");
		html_text(w, sentence.s + label.len, sentence.len - label.len);
	} else {
		html_text(w, sentence.s, sentence.len);
	}
	emit(w, "</p>\n");
	html_sources(p, &r->annots);
	emit(w, "</div></li>\n");
}

void html_contact(struct page *p)
{
	struct writer *w = p->w;
	const struct doc *d = p->d;
	emit(w, "<section id=\"contact\"><h2>Contact</h2>\n<p class=\"lede\">How "
		"each provider sees a service user.  The rules are listed in priority "
		"order: when several apply to a case, the first one listed decides, "
		"and the others are reported with it.</p>\n");
	const struct vec *modes = &d->set->decls[DECL_MODE];
	if (modes->n) {
		emit(w, "<h4>Contact modes, highest priority first</h4>\n<ol class=\"modes\">\n");
		for (size_t i = 0; i < modes->n; i++) {
			const struct decl *m = modes->items[i];
			emit(w, "<li>");
			mode_pill(p, m);
			emit(w, "<span>");
			html_str(w, doc_display(p->a, m));
			html_sources(p, &m->annots);
			emit(w, "</span></li>\n");
		}
		emit(w, "</ol>\n");
	}
	const struct vec *providers = &d->set->decls[DECL_PROVIDER];
	for (size_t i = 0; i < providers->n; i++) {
		const struct decl *prov = providers->items[i];
		provider_heading(p, "contact-", prov);
		for (int32_t t = d->m->contact ? (int32_t)i : -1; t >= 0;
		     t = d->m->contact[t].next) {
			const struct model_contact *mc = &d->m->contact[t];
			const char *span = doc_in_force(p->a, mc->valid_from, mc->valid_until);
			if (span) {
				emit(w, "<p class=\"stretch\">");
				html_str(w, span);
				emit(w, "</p>\n");
			}
			if (!mc->count) {
				emit(w, "<p>No contact rules for this provider.</p>\n");
				continue;
			}
			emit(w, "<ol class=\"rules\">\n");
			for (uint32_t r = mc->first; r < mc->first + mc->count; r++)
				rule_item(p, ((const struct model_rule *)d->m->rules.items[r])->ast);
			emit(w, "</ol>\n");
			if (mc->default_rule < 0)
				emit(w, "<p class=\"note\">No rule covers the other cases: they get no "
					"decision.</p>\n");
		}
	}
	emit(w, "</section>\n");
}

/* ---- activities ------------------------------------------------------- */

static const char *step_title(struct page *p, int32_t step)
{
	if (step < 0)
		return NULL;
	return doc_display(p->a, p->d->set->decls[DECL_STEP].items[step]);
}

/* Entry i of an area's list: date and step, permission and status, terms, quotes. */
static void entry_item(struct page *p, const struct vec *entries, size_t i,
		       int32_t area)
{
	struct writer *w = p->w;
	const struct model_entry *e = entries->items[i];
	emit(w, "<li><span class=\"num\">%zu</span><div class=\"when\">", i + 1);
	if (e->days == POL_NO_DATE)
		emit(w, "Initially<small>before the first date</small>");
	else
		emit(w, "%s", doc_date(p->a, e->days, false));
	const char *step = step_title(p, e->step);
	if (step && e->days != POL_NO_DATE) {
		emit(w, "<small>");
		html_str(w, step);
		emit(w, "</small>");
	}
	emit(w, "</div><div><p>");
	if (e->unchanged)
		emit(w, "<span class=\"badge same\">No change</span>");
	else if (e->permitted)
		emit(w, "<span class=\"badge yes\">Permitted</span>");
	else
		emit(w, "<span class=\"badge no\">Not permitted</span>");
	if (e->status)
		html_text(w, e->status->s, e->status->len);
	emit(w, "</p>\n");
	struct vec terms = { 0 };
	doc_entry_terms(p->a, e, &terms);
	if (e->unchanged || terms.n) {
		emit(w, "<p class=\"terms\">");
		if (e->unchanged)
			emit(w, "Still %s%s", e->permitted ? "permitted" : "not permitted",
			     terms.n ? " \u00b7 " : "");
		for (size_t t = 0; t < terms.n; t++) {
			emit(w, "%s", t ? " \u00b7 " : "");
			html_str(w, terms.items[t]);
		}
		emit(w, "</p>\n");
	}
	if (e->area != area) {
		emit(w, "<p class=\"inherited\">From the timeline for ");
		html_str(w, doc_display(p->a, p->d->m->areas[e->area]));
		emit(w, ".</p>\n");
	}
	html_sources(p, &e->ast->annots);
	emit(w, "</div></li>\n");
}

/* An activity: its timeline drawing, then each group of areas' entries. */
static void activity(struct page *p, size_t a)
{
	struct writer *w = p->w;
	const struct decl *act = p->d->set->decls[DECL_ACTIVITY].items[a];
	emit(w, "<article id=\"");
	html_id(w, "activity-", act->name.text);
	emit(w, "\"><h3>");
	html_str(w, doc_display(p->a, act));
	emit(w, "<span class=\"tag\">");
	html_str(w, act->name.text);
	emit(w, "</span></h3>\n");
	struct vec groups = { 0 };
	doc_area_groups(p->d, a, &groups);
	if (!groups.n) {
		emit(w, "<p>No timeline: the activity is not permitted anywhere.</p>\n"
			"</article>\n");
		return;
	}
	html_timeline_svg(p, a, &groups);
	emit(w, "<div class=\"areas\">\n");
	for (size_t i = 0; i < groups.n; i++) {
		const struct doc_area_group *g = groups.items[i];
		const struct vec *entries = doc_entries(p->d, a, g->first);
		emit(w, "<h4>");
		html_str(w, g->names);
		emit(w, "</h4>\n<ol class=\"entries\">\n");
		for (size_t j = 0; j < entries->n; j++)
			entry_item(p, entries, j, (int32_t)g->first);
		emit(w, "</ol>\n");
	}
	emit(w, "</div>\n</article>\n");
}

void html_activities(struct page *p)
{
	struct writer *w = p->w;
	emit(w, "<section id=\"activities\"><h2>Activities</h2>\n<p class=\"lede\">"
		"When each activity may run, area by area.  A bar runs from an "
		"entry's \u2018not before\u2019 date to the next entry; dashed lines "
		"mark the steps of the plan; the numbers lead to the entries and the "
		"text they quote.  A region not drawn follows its nation.  Before "
		"its first entry an activity is not permitted.</p>\n"
		"<p class=\"legend\"><span style=\"background:#3a8a5c\"></span>Permitted"
		"<span style=\"background:#c25b43\"></span>Not permitted"
		"<span style=\"background:#eef1f4;border:1px solid #cfd6de\"></span>"
		"No entry in force</p>\n");
	const struct vec *acts = &p->d->set->decls[DECL_ACTIVITY];
	for (size_t a = 0; a < acts->n; a++)
		activity(p, a);
	if (!acts->n)
		emit(w, "<p>The plan declares no activities.</p>\n");
	emit(w, "</section>\n");
}
