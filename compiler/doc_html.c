/* doc_html.c - polc doc's HTML page: the frame (head, style sheet,
 * masthead, contents, footer), escaping, and the tests and glossary
 * sections.  Offices, contact and activities are in doc_html_sections.c,
 * the timeline drawings in doc_svg.c.
 *
 * The page stands alone: one file, its style inline, its drawings inline
 * SVG, no script and no link to anything outside it.
 */
#include "doc_html.h"

#include <string.h>

#include "fmt.h"
#include "version.h"

void html_text(struct writer *w, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
				rep = "\xEF\xBF\xBD";
			break;
		}
		if (!rep)
			continue;
		if (i > run)
			emit(w, "%.*s", (int)(i - run), s + run);
		emit(w, "%s", rep);
		run = i + 1;
	}
	if (n > run)
		emit(w, "%.*s", (int)(n - run), s + run);
}

void html_str(struct writer *w, const char *s)
{
	html_text(w, s, strlen(s));
}

void html_id(struct writer *w, const char *prefix, const char *name)
{
	emit(w, "%s", prefix);
	for (const char *p = name; *p; p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_' || c == '-';
		emit(w, "%c", ok ? c : '-');
	}
}

void html_sources(struct page *p, const struct annots *an)
{
	for (size_t i = 0; i < an->cites.n; i++) {
		const struct text *t = an->cites.items[i];
		emit(p->w, "<blockquote>\u201c");
		html_text(p->w, t->s, t->len);
		emit(p->w, "\u201d</blockquote>\n");
	}
	for (size_t i = 0; i < an->notes.n; i++) {
		const struct text *t = an->notes.items[i];
		emit(p->w, "<p class=\"note\">");
		html_text(p->w, t->s, t->len);
		emit(p->w, "</p>\n");
	}
}

/* A restrained palette: ink on white, one navy accent, green and brick
 * for permitted and not permitted, grey for closed. */
static const char style[] =
	":root{--ink:#1f2933;--muted:#5f6b7a;--line:#dfe5ec;--soft:#f5f7fa;"
	"--accent:#1d3557;--yes:#276843;--yes-bg:#e3f1e8;--no:#a8402b;"
	"--no-bg:#f9e6e1;--same:#5f6b7a}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;color:var(--ink);background:#fff;font:15px/1.55 system-ui,"
	"-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
	"\"Liberation Sans\",sans-serif}\n"
	".wrap{max-width:1120px;margin:0 auto;padding:0 32px}\n"
	"header.masthead{background:var(--accent);color:#fff;padding:36px 0 26px}\n"
	".kicker{text-transform:uppercase;letter-spacing:.14em;font-size:12px;"
	"opacity:.72;margin:0 0 6px}\n"
	"h1{font-size:34px;line-height:1.15;margin:0 0 10px;font-weight:700}\n"
	".meta{margin:0;opacity:.88;font-size:14px}\n"
	".meta code{background:rgba(255,255,255,.14);color:#fff;padding:1px 6px;"
	"border-radius:4px}\n"
	".stats{list-style:none;display:flex;flex-wrap:wrap;gap:8px 30px;"
	"margin:20px 0 0;padding:0;font-size:14px}\n"
	".stats b{font-size:21px;font-weight:700;margin-right:5px}\n"
	"nav.toc{border-bottom:1px solid var(--line)}\n"
	"nav.toc a{display:inline-block;padding:13px 0;margin-right:26px;"
	"color:var(--accent);text-decoration:none;font-weight:600;font-size:14px}\n"
	"section{padding:34px 0 18px;border-bottom:1px solid var(--line)}\n"
	"h2{font-size:26px;margin:0 0 6px;font-weight:700;color:var(--accent)}\n"
	".lede{color:var(--muted);margin:0 0 8px;max-width:780px}\n"
	"h3{font-size:19px;margin:30px 0 12px;font-weight:700}\n"
	".tag{font-size:12px;font-weight:600;color:var(--muted);border:1px solid "
	"var(--line);border-radius:4px;padding:1px 6px;margin-left:8px;"
	"vertical-align:3px}\n"
	"h4{font-size:12px;text-transform:uppercase;letter-spacing:.09em;"
	"color:var(--muted);margin:22px 0 6px;font-weight:700}\n"
	"table{border-collapse:collapse;width:100%;font-size:14px}\n"
	"table.week th,table.week td{border:1px solid var(--line);padding:8px 6px;"
	"text-align:center}\n"
	"table.week thead th{background:var(--soft);color:var(--muted);font-size:12px;"
	"text-transform:uppercase;letter-spacing:.06em;font-weight:600}\n"
	"table.week tbody th{text-align:left;font-weight:600;width:24%;padding-left:12px}\n"
	".sub{display:block;font-weight:400;color:var(--muted);font-size:12px}\n"
	"td.open{background:var(--yes-bg);color:var(--yes);font-weight:600}\n"
	"td.closed{background:#f2f4f6;color:#8a96a3}\n"
	"td.none{color:#b3bcc6}\n"
	".hours{display:block;font-weight:400;font-size:12px}\n"
	".legend{font-size:13px;color:var(--muted);margin:8px 0 0}\n"
	".legend span{display:inline-block;width:11px;height:11px;border-radius:2px;"
	"margin:0 5px -1px 14px}\n"
	".legend span:first-child{margin-left:0}\n"
	"blockquote{margin:6px 0 0;padding:1px 0 1px 12px;border-left:3px solid "
	"#c8d2dd;color:#3e4c59;font-family:Georgia,\"DejaVu Serif\",serif;"
	"font-style:italic;font-size:14px}\n"
	".note{color:var(--muted);font-size:13.5px;margin:5px 0 0}\n"
	".note::before{content:\"Note \";font-weight:700;font-size:11px;"
	"text-transform:uppercase;letter-spacing:.06em}\n"
	"ul.items{list-style:none;padding:0;margin:0}\n"
	"ul.items>li{padding:10px 0;border-top:1px solid var(--line)}\n"
	"ul.items p{margin:0}\n"
	"ol.modes{margin:0;padding:0;list-style:none}\n"
	"ol.modes li{display:grid;grid-template-columns:170px 1fr;gap:12px;"
	"padding:6px 0}\n"
	"ol.rules{list-style:none;padding:0;margin:0}\n"
	"ol.rules>li{display:grid;grid-template-columns:170px 1fr;gap:0 12px;"
	"padding:12px 0;border-top:1px solid var(--line)}\n"
	"ol.rules p{margin:0}\n"
	".rule{font-size:15.5px}\n"
	".pill{display:inline-block;justify-self:start;align-self:start;"
	"border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600;"
	"white-space:nowrap}\n"
	".m0{background:#1d3557;color:#fff}.m1{background:#3f5f86;color:#fff}"
	".m2{background:#7d97b4;color:#fff}.m3{background:#c9d6e4;color:#1d3557}"
	".m4{background:#e6ecf2;color:#1d3557}\n"
	".otherwise .pill{background:#fff;color:var(--accent);border:1px solid "
	"#9fb3c8}\n"
	".badge{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;"
	"font-weight:700;margin-right:8px;vertical-align:1px}\n"
	".yes{background:var(--yes-bg);color:var(--yes)}"
	".no{background:var(--no-bg);color:var(--no)}"
	".same{background:#eceff3;color:var(--same)}\n"
	"svg.timeline{width:100%;height:auto;display:block;margin:10px 0 6px}\n"
	".areas{margin-top:4px}\n"
	"ol.entries{list-style:none;padding:0;margin:0}\n"
	"ol.entries>li{display:grid;grid-template-columns:26px 150px 1fr;"
	"gap:0 14px;padding:10px 0;border-top:1px solid var(--line)}\n"
	"ol.entries p{margin:0}\n"
	".num{width:22px;height:22px;border-radius:50%;border:1.5px solid #52606d;"
	"font-size:12px;font-weight:700;display:flex;align-items:center;"
	"justify-content:center;color:#323f4b}\n"
	".when{font-weight:600;font-size:14px}\n"
	".when small{display:block;font-weight:400;color:var(--muted);font-size:12.5px}\n"
	".terms{font-size:13px;color:#334e68;margin-top:3px!important}\n"
	".inherited{color:var(--muted);font-size:13px}\n"
	"table.tests td{border-top:1px solid var(--line);padding:7px 8px;"
	"vertical-align:top}\n"
	"table.tests td:first-child{width:28px;text-align:center}\n"
	"table.tests td:nth-child(2){width:48%}\n"
	"table.tests blockquote{font-size:13px;margin:0 0 4px}\n"
	"code{font-family:\"SFMono-Regular\",Menlo,Consolas,\"Liberation Mono\","
	"\"DejaVu Sans Mono\",monospace;font-size:12.5px;color:#243b53}\n"
	".pass{color:var(--yes);font-weight:700}.fail{color:var(--no);font-weight:700}\n"
	".failed td{background:var(--no-bg)}\n"
	"dl.glossary{display:grid;grid-template-columns:220px 1fr;gap:6px 16px;"
	"margin:0}\n"
	"dl.glossary dt{font-weight:600}dl.glossary dd{margin:0;color:#3e4c59}\n"
	"footer{color:var(--muted);font-size:13px;padding:26px 0 48px}\n"
	"@media print{header.masthead{background:#fff;color:var(--ink)}"
	"nav.toc{display:none}section{break-inside:avoid-page}}\n";

/* Title, source files, and the plan in numbers. */
static void masthead(struct page *p)
{
	const struct doc *d = p->d;
	struct writer *w = p->w;
	emit(w, "<header class=\"masthead\"><div class=\"wrap\">\n"
		"<p class=\"kicker\">Probation delivery plan</p>\n<h1>");
	html_str(w, d->title);
	emit(w, "</h1>\n<p class=\"meta\">Built from ");
	for (int i = 0; i < d->nfiles; i++) {
		emit(w, "%s<code>", i == 0 ? "" : i + 1 == d->nfiles ? " and " : ", ");
		html_str(w, d->files[i]);
		emit(w, "</code>");
	}
	emit(w, " by polc %s.</p>\n<ul class=\"stats\">\n", POL_VERSION);
	const struct vec *decls = d->set->decls;
	static const struct { int kind; const char *one, *many; } counts[] = {
		{ DECL_PROVIDER, "provider", "providers" },
		{ DECL_OFFICE, "office", "offices" },
		{ DECL_ACTIVITY, "activity", "activities" },
		{ DECL_STEP, "step", "steps" },
	};
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		size_t n = decls[counts[i].kind].n;
		emit(w, "<li><b>%zu</b>%s</li>\n", n, n == 1 ? counts[i].one : counts[i].many);
	}
	size_t rules = 0;
	for (size_t i = 0; i < d->set->contacts.n; i++)
		rules += ((const struct contact *)d->set->contacts.items[i])->rules.n;
	emit(w, "<li><b>%zu</b>contact rule%s</li>\n", rules, rules == 1 ? "" : "s");
	size_t tests = d->tests->passed + d->tests->failed;
	emit(w, "<li><b>%zu</b>test%s, %s</li>\n</ul>\n</div></header>\n", tests,
	     tests == 1 ? "" : "s",
	     d->tests->failed ? arena_printf(p->a, "%zu failing", d->tests->failed)
			      : tests ? "all passing" : "none written");
}

/* Links to the sections. */
static void contents(struct page *p)
{
	emit(p->w, "<nav class=\"toc\"><div class=\"wrap\">"
		   "<a href=\"#offices\">Offices</a>"
		   "<a href=\"#contact\">Contact</a>"
		   "<a href=\"#activities\">Activities</a>"
		   "<a href=\"#calendar\">Calendar</a>"
		   "<a href=\"#tests\">Tests</a>"
		   "<a href=\"#glossary\">Glossary</a>"
		   "</div></nav>\n");
}

/* A table row per expect (or assert): result, statement, quotes. */
static void test_rows(struct page *p, bool asserts)
{
	struct writer *w = p->w;
	const struct vec *results = &p->d->tests->results;
	for (size_t i = 0; i < results->n; i++) {
		const struct test_result *r = results->items[i];
		if (r->test->is_assert != asserts)
			continue;
		struct strbuf b;
		strbuf_init(&b, p->a);
		strbuf_puts(&b, asserts ? "assert " : "expect ");
		fmt_question(&b, &r->test->q);
		emit(w, "<tr%s><td>%s</td><td><code>", r->passed ? "" : " class=\"failed\"",
		     r->passed ? "<span class=\"pass\" title=\"passes\">\u2713</span>"
			       : "<span class=\"fail\" title=\"fails\">\u2717</span>");
		html_text(w, b.s, b.len);
		emit(w, "</code>");
		if (!r->passed) {
			emit(w, "<p class=\"note\">Fails: expected ");
			html_str(w, r->expected ? r->expected : "?");
			emit(w, ", decided ");
			html_str(w, r->decided ? r->decided : "?");
			if (r->counterexample) {
				emit(w, " for ");
				html_str(w, r->counterexample);
			}
			emit(w, ".</p>");
		}
		emit(w, "</td><td>");
		html_sources(p, &r->test->annots);
		emit(w, "</td></tr>\n");
	}
}

void html_tests(struct page *p)
{
	struct writer *w = p->w;
	const struct test_run *t = p->d->tests;
	emit(w, "<section id=\"tests\"><h2>Tests</h2>\n<p class=\"lede\">What the "
		"plan is checked against: <b>expect</b> checks one decision, "
		"<b>assert</b> checks a property of every case, office, area, day "
		"or date it names.  %zu pass, %zu fail.</p>\n", t->passed, t->failed);
	size_t n[2] = { 0, 0 };
	for (size_t i = 0; i < t->results.n; i++)
		n[((const struct test_result *)t->results.items[i])->test->is_assert]++;
	static const char *const heads[2] = { "Expectations", "Properties" };
	for (int k = 0; k < 2; k++) {
		if (!n[k])
			continue;
		emit(w, "<h4>%s</h4>\n<table class=\"tests\">\n", heads[k]);
		test_rows(p, k == 1);
		emit(w, "</table>\n");
	}
	if (!t->results.n)
		emit(w, "<p>The plan has no tests.</p>\n");
	emit(w, "</section>\n");
}

/* The declarations of one kind as a definition list. */
static void glossary_kind(struct page *p, int kind, const char *head)
{
	struct writer *w = p->w;
	const struct vec *v = &p->d->set->decls[kind];
	if (!v->n)
		return;
	emit(w, "<h4>%s</h4>\n<dl class=\"glossary\">\n", head);
	for (size_t i = 0; i < v->n; i++) {
		const struct decl *d = v->items[i];
		emit(w, "<dt><code>");
		html_str(w, d->name.text);
		emit(w, "</code></dt><dd>");
		if (d->title)
			html_text(w, d->title->s, d->title->len);
		if (kind == DECL_STEP && d->dates.n) {
			emit(w, "%snot before ", d->title ? ": " : "");
			for (size_t j = 0; j < d->dates.n; j++) {
				const struct date_lit *dl = d->dates.items[j];
				emit(w, "%s%s", j ? " and " : "", doc_date(p->a, dl->days, false));
			}
		} else if (kind == DECL_LEVEL) {
			emit(w, "%s", d->title ? " \u2014 " : "");
			for (size_t j = 0; j < d->values.n; j++) {
				const struct name *n = d->values.items[j];
				emit(w, "%s", j ? " &lt; " : "");
				html_str(w, doc_words(p->a, n->text));
			}
		} else if (kind == DECL_RANGE) {
			emit(w, "%s%lld to %lld", d->title ? " \u2014 " : "",
			     (long long)d->lo, (long long)d->hi);
		} else if (kind == DECL_REGION || kind == DECL_OFFICE) {
			emit(w, "%sin ", d->title ? ", " : "");
			html_str(w, doc_display(p->a, d->parent_decl));
		} else if (kind == DECL_FLAG) {
			emit(w, "%s(a flag)", d->title ? " " : "");
		}
		emit(w, "</dd>\n");
	}
	emit(w, "</dl>\n");
}

void html_glossary(struct page *p)
{
	emit(p->w, "<section id=\"glossary\"><h2>Glossary</h2>\n<p class=\"lede\">"
		   "The names the plan declares, as its rules use them.</p>\n");
	glossary_kind(p, DECL_STEP, "Steps");
	glossary_kind(p, DECL_CONDITION, "Conditions");
	glossary_kind(p, DECL_FLAG, "Case flags");
	glossary_kind(p, DECL_LEVEL, "Levels");
	glossary_kind(p, DECL_RANGE, "Ranges");
	glossary_kind(p, DECL_PROVIDER, "Providers");
	glossary_kind(p, DECL_NATION, "Nations");
	glossary_kind(p, DECL_REGION, "Regions");
	glossary_kind(p, DECL_OFFICE, "Offices");
	glossary_kind(p, DECL_ACTIVITY, "Activities");
	emit(p->w, "</section>\n");
}

bool doc_write_html(struct writer *w, const struct doc *d)
{
	struct page p = { w, d, d->arena };
	emit(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta name=\"generator\" content=\"polc %s\">\n<title>", POL_VERSION);
	html_str(w, d->title);
	emit(w, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
	masthead(&p);
	contents(&p);
	emit(w, "<main class=\"wrap\">\n");
	html_offices(&p);
	html_contact(&p);
	html_activities(&p);
	html_calendar(&p);
	html_tests(&p);
	html_glossary(&p);
	emit(w, "<footer>Generated by polc %s from the policy files named above; "
		"every quotation is the source text a rule encodes.</footer>\n"
		"</main>\n</body>\n</html>\n", POL_VERSION);
	return true;
}
