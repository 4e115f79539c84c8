/* doc_html_calendar.c - the calendar section of polc doc's HTML page:
 * every change of the plan in date order (doc_calendar), drawn as an
 * inline SVG - one lane per activity-and-area or provider-and-office,
 * a mark on each date it changes - and listed with what an officer read
 * before and reads after, and the quotes behind it. */
#include "doc_html.h"

#include <string.h>

#define WIDTH 1056.0
#define X0 300.0
#define X1 1040.0
#define LANE 22.0
#define TOP 14.0

static double x_of(int32_t lo, int32_t hi, int32_t days)
{
	if (hi <= lo)
		return (X0 + X1) / 2;
	return X0 + (X1 - X0) * (double)(days - lo) / (double)(hi - lo);
}

static void drawing(struct page *p, const struct vec *changes, size_t lanes)
{
	struct writer *w = p->w;
	const struct doc_change *first = changes->items[0];
	const struct doc_change *last = changes->items[changes->n - 1];
	int32_t lo = first->days, hi = last->days;
	double height = TOP + LANE * (double)lanes + 28;
	emit(w, "<svg class=\"calendar\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		"aria-label=\"Changes from %s to %s\">\n", WIDTH, height,
	     doc_date(p->a, lo, false), doc_date(p->a, hi, false));
	/* a lane per subject, named once */
	const char **names = ARENA_ARRAY(p->a, const char *, lanes + 1);
	for (size_t i = 0; i < changes->n; i++) {
		const struct doc_change *c = changes->items[i];
		if (c->row < lanes)
			names[c->row] = c->subject;
	}
	for (size_t r = 0; r < lanes; r++) {
		double y = TOP + LANE * (double)r + LANE / 2;
		emit(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#e6eaef\"/>\n", X0, y, X1, y);
		emit(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#33404d\" "
			"text-anchor=\"end\">", X0 - 8, y + 4);
		html_str(w, names[r] ? names[r] : "");
		emit(w, "</text>\n");
	}
	for (size_t i = 0; i < changes->n; i++) {
		const struct doc_change *c = changes->items[i];
		double x = x_of(lo, hi, c->days), y = TOP + LANE * (double)c->row + LANE / 2;
		bool gone = strcmp(c->after, "not covered") == 0;
		emit(w, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>", x, y,
		     gone ? "#9aa5b1" : c->office ? "#1f3a5f" : "#3a8a5c");
		html_str(w, doc_date(p->a, c->days, false));
		emit(w, ": ");
		html_str(w, c->subject);
		emit(w, " \u2014 ");
		html_str(w, c->after);
		emit(w, "</title></circle>\n");
	}
	double base = TOP + LANE * (double)lanes + 16;
	emit(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#7b8794\">", X0, base);
	html_str(w, doc_date(p->a, lo, false));
	emit(w, "</text>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#7b8794\" "
		"text-anchor=\"end\">", X1, base);
	html_str(w, doc_date(p->a, hi, false));
	emit(w, "</text>\n</svg>\n");
}

void html_calendar(struct page *p)
{
	struct writer *w = p->w;
	struct vec changes = { 0 };
	size_t lanes = doc_calendar(p->d, &changes);
	emit(w, "<section id=\"calendar\"><h2>Calendar</h2>\n<p class=\"lede\">What "
		"changes when: every date on which an activity's answer in an area, or "
		"a provider's office, changes, in date order, with what an officer "
		"read the day before and reads from that day.</p>\n");
	if (!changes.n) {
		emit(w, "<p>The plan names no date on which anything changes.</p>\n"
			"</section>\n");
		return;
	}
	drawing(p, &changes, lanes);
	emit(w, "<table class=\"calendar\">\n<thead><tr><th>Date</th><th>What</th>"
		"<th>Before</th><th>From that day</th><th>Source</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < changes.n; i++) {
		const struct doc_change *c = changes.items[i];
		emit(w, "<tr><td>");
		html_str(w, doc_date(p->a, c->days, false));
		emit(w, "</td><td>");
		html_str(w, c->subject);
		emit(w, "</td><td>");
		html_str(w, c->before);
		emit(w, "</td><td>");
		html_str(w, c->after);
		emit(w, "</td><td>");
		if (c->annots)
			html_sources(p, c->annots);
		emit(w, "</td></tr>\n");
	}
	emit(w, "</tbody>\n</table>\n</section>\n");
}
