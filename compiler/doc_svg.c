/* doc_svg.c - an activity's timeline drawn as inline SVG.
 *
 * One lane per area.  Time runs left to right over the span every
 * timeline of the page shares (doc_prepare), so activities line up.  Each
 * entry is a bar from its date to the next entry's (or the right edge),
 * green when the activity is permitted and brick when it is not, with the
 * entry's number in a disc at its start (the list under the drawing has
 * the same numbers), its limits and conditions under it where they fit,
 * and a tooltip with its status.  Dashed lines mark the steps' dates;
 * months are ticked along the bottom.  Sizes are in user units of a
 * viewBox as wide as the page's text column; the drawing scales with it.
 */
#include "doc_html.h"

#include <string.h>

#define WIDTH 1056.0
#define LABEL_RIGHT 150.0	/* area names end here */
#define X0 162.0		/* time axis */
#define X1 1044.0
#define LANE 52.0
#define BAR 22.0
#define PERMITTED "#3a8a5c"
#define NOT_PERMITTED "#c25b43"

struct axis {
	int32_t lo, hi;
	double top;		/* where the lanes start: below the step labels */
};

/* The x of a date on the axis; dates outside it go to its ends. */
static double x_of(const struct axis *ax, int32_t days)
{
	if (days == POL_NO_DATE || days <= ax->lo)
		return X0;
	if (days >= ax->hi)
		return X1;
	return X0 + (X1 - X0) * (double)(days - ax->lo) / (double)(ax->hi - ax->lo);
}

/* Code points in s, for estimating how wide a text is drawn. */
static size_t glyphs(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* s cut to at most max code points, with an ellipsis when cut. */
static const char *clip(struct arena *a, const char *s, size_t max)
{
	if (glyphs(s) <= max)
		return s;
	size_t n = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max - 1)
			break;
	}
	return arena_printf(a, "%.*s\u2026", (int)i, s);
}

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

/* Light grid lines and labels at month starts (every month, quarter,
 * year or more years, so that there are at most about 16 ticks). */
static void month_ticks(struct page *p, const struct axis *ax, double bottom)
{
	struct writer *w = p->w;
	int y, m, d;
	int32_t day_one;
	pol_date_from_ymd(POL_YEAR_MIN, 1, 1, &day_one);
	pol_date_to_ymd(ax->lo > day_one ? ax->lo : day_one - 1, &y, &m, &d);
	double months = (double)(ax->hi - ax->lo) / 30.44;
	int step = months <= 16 ? 1 : months <= 48 ? 3 : months <= 192 ? 12 : 0;
	if (!step)
		step = 12 * (int)((months / 12 + 15) / 16);
	/* first tick: the first month start after lo on the step's grid */
	m = m + 1;
	if (m > 12) {
		m = 1;
		y++;
	}
	while ((m - 1) % (step < 12 ? step : 12) != 0 || (step > 12 && y % (step / 12)))
		if (++m > 12) {
			m = 1;
			y++;
		}
	bool first = true;
	for (int n = 0; n < 40; n++) {
		int32_t days;
		if (y < POL_YEAR_MIN || y > POL_YEAR_MAX ||
		    pol_date_from_ymd(y, m, 1, &days) != 0 || days >= ax->hi)
			break;
		double x = x_of(ax, days);
		emit(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#e6eaef\"/>\n", x, ax->top - 4, x, bottom);
		emit(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#7b8794\" "
			"text-anchor=\"middle\">", x, bottom + 15);
		if (step < 12)
			emit(w, "%s%s", month_abbr[m - 1], first || m == 1 ? " " : "");
		if (step >= 12 || first || m == 1)
			emit(w, "%d", y);
		emit(w, "</text>\n");
		first = false;
		m += step;
		while (m > 12) {
			m -= 12;
			y++;
		}
	}
}

/* Where the label of each step date goes: row 0 or 1 above the lanes,
 * or -1 when it fits in neither (the entry lists carry the dates).
 * Calls back for each date; returns the number of rows used. */
typedef void (*step_mark_fn)(struct page *p, const struct axis *ax, double bottom,
			     const struct decl *step, size_t date, double x, int row);

static int place_step_labels(struct page *p, const struct axis *ax, double bottom,
			     step_mark_fn mark)
{
	const struct vec *steps = &p->d->set->decls[DECL_STEP];
	double row_end[2] = { 0, 0 };
	int rows = 0;
	for (size_t i = 0; i < steps->n; i++) {
		const struct decl *s = steps->items[i];
		for (size_t j = 0; j < s->dates.n; j++) {
			const struct date_lit *dl = s->dates.items[j];
			double x = x_of(ax, dl->days);
			const char *title = doc_display(p->a, s);
			const char *date = doc_date(p->a, dl->days, true);
			size_t chars = (j ? 0 : glyphs(title) + 1) + glyphs(date);
			double width = 6.4 * (double)chars + 4;
			int row = x + 3 >= row_end[0] ? 0 : x + 3 >= row_end[1] ? 1 : -1;
			if (x + 3 + width > WIDTH)
				row = -1;
			if (row >= 0) {
				row_end[row] = x + 3 + width + 6;
				if (row + 1 > rows)
					rows = row + 1;
			}
			if (mark)
				mark(p, ax, bottom, s, j, x, row);
		}
	}
	return rows;
}

/* A dashed line at a step date, and its label. */
static void step_mark(struct page *p, const struct axis *ax, double bottom,
		      const struct decl *s, size_t j, double x, int row)
{
	struct writer *w = p->w;
	const struct date_lit *dl = s->dates.items[j];
	emit(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"#323f4b\" stroke-opacity=\"%s\" stroke-dasharray=\"%s\"/>\n",
	     x, ax->top - 8, x, bottom, j ? ".35" : ".55", j ? "2 3" : "4 3");
	if (row < 0)
		return;
	emit(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#323f4b\">",
	     x + 3, 13.0 + 15 * row);
	if (!j) {
		emit(w, "<tspan font-weight=\"700\">");
		html_str(w, doc_display(p->a, s));
		emit(w, "</tspan> ");
	}
	html_str(w, doc_date(p->a, dl->days, true));
	emit(w, "</text>\n");
}

/* Limits and conditions under a bar: all of them if they fit, else the
 * limits alone, else nothing. */
static const char *terms_label(struct page *p, const struct model_entry *e,
			       double room)
{
	struct vec terms = { 0 };
	doc_entry_terms(p->a, e, &terms);
	struct strbuf all, limits;
	strbuf_init(&all, p->a);
	strbuf_init(&limits, p->a);
	for (size_t i = 0; i < terms.n; i++) {
		const char *t = terms.items[i];
		bool cond = strncmp(t, "subject to ", 11) == 0;
		strbuf_puts(&all, all.len ? " \u00b7 " : "");
		strbuf_puts(&all, t);
		if (!cond) {
			strbuf_puts(&limits, limits.len ? " \u00b7 " : "");
			strbuf_puts(&limits, t);
		}
	}
	if (5.6 * (double)glyphs(all.s) <= room)
		return all.s;
	if (limits.len && 5.6 * (double)glyphs(limits.s) <= room)
		return limits.s;
	return NULL;
}

/* Where to break a long lane label: after the last ", ", before the last
 * " and ", else at the last space, within the first 20 code points. */
static size_t label_break(const char *names)
{
	size_t list = 0, space = 0, n = 0;
	for (size_t i = 0; names[i] && n <= 20; i++) {
		if (names[i] == ',' && names[i + 1] == ' ')
			list = i + 1;
		else if (strncmp(names + i, " and ", 5) == 0)
			list = i;
		else if (names[i] == ' ')
			space = i;
		n += ((unsigned char)names[i] & 0xC0) != 0x80;
	}
	return list ? list : space;
}

/* The names of a lane's areas, right-aligned before it: on one line, or
 * on two when long, each cut to what the margin holds. */
static void area_label(struct page *p, const char *names, double mid)
{
	struct writer *w = p->w;
	size_t cut = glyphs(names) > 19 ? label_break(names) : 0;
	emit(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"600\" "
		"fill=\"#1f2933\" text-anchor=\"end\">", LABEL_RIGHT,
	     cut ? mid - 3 : mid + 4.5);
	if (!cut) {
		html_str(w, clip(p->a, names, 19));
		emit(w, "</text>\n");
		return;
	}
	html_str(w, clip(p->a, arena_strndup(p->a, names, cut), 19));
	const char *rest = names + cut;
	while (*rest == ' ')
		rest++;
	emit(w, "<tspan x=\"%.1f\" dy=\"15\">", LABEL_RIGHT);
	html_str(w, clip(p->a, rest, 19));
	emit(w, "</tspan></text>\n");
}

/* One lane: the areas' names, the track, and a bar per entry. */
static void lane(struct page *p, const struct axis *ax, size_t activity,
		 const struct doc_area_group *g, double y)
{
	struct writer *w = p->w;
	const struct vec *entries = doc_entries(p->d, activity, g->first);
	double top = y + 6, mid = top + BAR / 2;
	area_label(p, g->names, mid);
	emit(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		"rx=\"4\" fill=\"#eef1f4\"/>\n", X0, top, X1 - X0, BAR);
	for (size_t i = 0; i < entries->n; i++) {
		const struct model_entry *e = entries->items[i];
		double xs = x_of(ax, e->days);
		double xe = i + 1 < entries->n
			? x_of(ax, ((const struct model_entry *)entries->items[i + 1])->days) : X1;
		const char *fill = e->permitted ? PERMITTED : NOT_PERMITTED;
		if (e->days == POL_NO_DATE)
			emit(w, "<g><title>Initially: ");
		else
			emit(w, "<g><title>From %s: ", doc_date(p->a, e->days, false));
		emit(w, "%s", e->unchanged ? "no change, " : "");
		emit(w, "%s", e->permitted ? "permitted" : "not permitted");
		if (e->status) {
			emit(w, " \u2014 ");
			html_text(w, e->status->s, e->status->len);
		}
		emit(w, "</title>\n");
		if (xe - xs >= 0.5)
			emit(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				"rx=\"3\" fill=\"%s\"/>\n", xs, top, xe - xs, BAR, fill);
		if (i > 0)
			emit(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"#fff\" stroke-width=\"2\"/>\n", xs, top, xs, top + BAR);
		double cx = xs + 11 <= X1 - 9 ? xs + 11 : X1 - 9;
		emit(w, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"#fff\"/>"
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\" font-weight=\"700\" "
			"fill=\"%s\" text-anchor=\"middle\">%zu</text>\n",
		     cx, mid, cx, mid + 3.7, fill, i + 1);
		const char *word = e->unchanged ? "No change"
				   : e->permitted ? "Permitted" : "Not permitted";
		if (xe - xs >= 24 + 6.4 * (double)glyphs(word) + 6)
			emit(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"600\" "
				"fill=\"#fff\">%s</text>\n", xs + 24, mid + 4, word);
		const char *terms = e->unchanged ? NULL : terms_label(p, e, xe - xs - 4);
		if (terms) {
			emit(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\" fill=\"#486581\" "
				"stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">",
			     xs + 2, top + BAR + 13);
			html_str(w, terms);
			emit(w, "</text>\n");
		}
		emit(w, "</g>\n");
	}
}

void html_timeline_svg(struct page *p, size_t activity, const struct vec *groups)
{
	struct writer *w = p->w;
	struct axis ax = { p->d->first_day, p->d->last_day, 0 };
	if (ax.hi <= ax.lo)
		ax.hi = ax.lo + 1;
	int rows = place_step_labels(p, &ax, 0, NULL);
	ax.top = rows > 1 ? 44 : rows ? 30 : 12;
	double bottom = ax.top + LANE * (double)groups->n;
	double height = bottom + 24;
	const struct decl *act = p->d->set->decls[DECL_ACTIVITY].items[activity];
	emit(w, "<svg class=\"timeline\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">"
		"<title>Timeline of ", WIDTH, height);
	html_str(w, doc_display(p->a, act));
	emit(w, "</title>\n");
	month_ticks(p, &ax, bottom);
	place_step_labels(p, &ax, bottom, step_mark);
	for (size_t i = 0; i < groups->n; i++)
		lane(p, &ax, activity, groups->items[i], ax.top + LANE * (double)i);
	emit(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9aa5b1\"/>\n",
	     X0, bottom, X1, bottom);
	emit(w, "</svg>\n");
}
