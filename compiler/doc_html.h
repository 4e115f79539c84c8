/* doc_html.h - shared by the doc_html*.c files only: the page being
 * written and the pieces each section file provides. */
#ifndef POL_DOC_HTML_H
#define POL_DOC_HTML_H

#include "doc.h"

struct page {
	struct writer *w;
	const struct doc *d;
	struct arena *a;
};

/* Text for HTML content or a quoted attribute value: & < > " ' escaped,
 * control bytes but tab and line feed replaced by U+FFFD. */
void html_text(struct writer *w, const char *s, size_t n);
void html_str(struct writer *w, const char *s);
/* An anchor id from a name: letters, digits, '_' and '-' kept. */
void html_id(struct writer *w, const char *prefix, const char *name);
/* The cites of annots as block quotes, then the notes. */
void html_sources(struct page *p, const struct annots *an);

void html_offices(struct page *p);
void html_contact(struct page *p);
void html_activities(struct page *p);
/* Every change in date order, drawn and listed (doc_html_calendar.c). */
void html_calendar(struct page *p);
void html_tests(struct page *p);
void html_glossary(struct page *p);

/* The timeline of one activity, one lane per group of areas
 * (struct doc_area_group *) (doc_svg.c). */
void html_timeline_svg(struct page *p, size_t activity, const struct vec *groups);

#endif
