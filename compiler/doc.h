/* doc.h - polc doc: a checked policy set as a page to publish.
 *
 * One page, HTML (self-contained: inline CSS and SVG, no scripts, nothing
 * fetched) or Markdown, with the same content: the files it was built
 * from; per provider the offices' week (open, closed, hours) with the
 * schedules' notes and the services; the contact rules as English
 * sentences in priority order with the text they quote; each activity's
 * timeline per area; a calendar of every change, drawn and listed; the
 * tests and whether they pass; a glossary.  Every
 * string from the policy is escaped for the output format.
 *
 * The English is built from the syntax tree (doc_english.c); the facts
 * come from the model and the reference interpreter, so the page says
 * what `polc test` and the compiled tables decide.
 */
#ifndef POL_DOC_H
#define POL_DOC_H

#include <stdbool.h>

#include "driver.h"
#include "interp.h"
#include "model.h"
#include "strbuf.h"
#include "testrun.h"
#include "writer.h"

struct doc {
	struct arena *arena;
	const struct model *m;
	const struct policy_set *set;
	const struct source_set *sources;
	struct interp in;
	struct test_run *tests;		/* results of every test */
	const char *title;		/* the page's title */
	int nfiles;
	char *const *files;		/* as given on the command line */
	int32_t first_day, last_day;	/* the span the timelines draw */
};

/* ---- English (doc_english.c) ---------------------------------------- */

/* A condition as a clause of a sentence: "the service user is a TACT
 * service user, or MAPPA level is 3".  Uses the attributes' descriptions;
 * long chains are walked without deep recursion. */
void doc_english_cond(struct strbuf *b, const struct cond *c);
/* A mode as the subject of a rule sentence: its description up to any
 * ':' ("Doorstep supervision"), else its name in words. */
void doc_english_mode(struct strbuf *b, const struct decl *mode);
/* The whole sentence of a rule: "Seen face to face when ...." or, for
 * 'otherwise', "In every other case: remote contact." */
void doc_english_rule(struct strbuf *b, const struct rule *r);
/* A name for people: the declaration's title, else its name with the
 * underscores as spaces. */
const char *doc_display(struct arena *a, const struct decl *d);
/* A name's words: "local_decision" -> "local decision". */
const char *doc_words(struct arena *a, const char *name);
/* "8 March 2021", "8 Mar" (short), or "before the first date" for
 * POL_NO_DATE. */
const char *doc_date(struct arena *a, int32_t days, bool short_form);
/* Days of a weekday mask: "Mon–Fri", "Mon, Wed, Fri", "no day". */
const char *doc_days(struct arena *a, unsigned mask);
/* "09:00–17:00" from minutes. */
const char *doc_hours(struct arena *a, int open_minute, int close_minute);
/* What a schedule or service says: "closed", "open Mon, Wed–Fri,
 * 09:00–17:00; open Sat", or "no days or hours given". */
const char *doc_schedule_summary(struct arena *a, const struct schedule *s);
/* Declarations' names in words: "Derby, Chesterfield and Buxton". */
const char *doc_name_list(struct arena *a, const struct vec *decls);
/* The terms of a timeline entry as short phrases, each a vec item
 * (char *): "max group 6", "subject to local decision". */
void doc_entry_terms(struct arena *a, const struct model_entry *e,
		     struct vec *out);

/* ---- facts shared by both pages (doc.c) ----------------------------- */

/* Areas with the same entries for an activity, drawn and listed once. */
struct doc_area_group {
	struct vec areas;	/* area ids boxed as (void *)(uintptr_t) */
	size_t first;		/* the first of them */
	const char *names;	/* "England and Wales" */
};
/* The areas to show for an activity: every nation with entries and every
 * region with a timeline of its own (the others follow their nation),
 * grouped when their entries are the same.  Appends struct
 * doc_area_group * to out. */
void doc_area_groups(const struct doc *d, size_t activity, struct vec *out);
/* Entries of an activity in an area, by date (struct model_entry *). */
const struct vec *doc_entries(const struct doc *d, size_t activity,
			      size_t area);
/* The dates a provider's office schedules start or end on (the day
 * after an end), in order, as int32_t boxed in (void *)(intptr_t): the
 * week tables are drawn once for each stretch between them; none when
 * every schedule of the provider is undated. */
void doc_office_stretches(const struct doc *d, size_t provider, struct vec *out);
/* An office's answer on a weekday as of a date (POL_NO_DATE: undated),
 * as the tables show it: "09:00–12:30 and 13:30–17:00", "" when open
 * with no hours, NULL when not open. */
const char *doc_open_hours(const struct doc *d, const struct interp_office *r);

/* "From 12 April 2021 until 30 June 2021", "From ...", "Until ...", or
 * NULL for open ends on both sides (undated). */
const char *doc_in_force(struct arena *a, int32_t first, int32_t last);

/* One change of the calendar (doc_calendar.c). */
struct doc_change {
	int32_t days;
	bool office;		/* else an activity */
	size_t row;		/* its subject's lane, for the drawing */
	const char *subject;	/* "Home visits in England", "NPS at Buxton" */
	const char *before, *after;	/* what an officer read, and reads */
	const struct annots *annots;	/* the quotes behind the new state */
	struct pol_loc loc;
};
/* Every change of an activity in an area or of a provider's office, in
 * date order (struct doc_change *); returns the number of lanes. */
size_t doc_calendar(const struct doc *d, struct vec *out);

/* Fill d: interpreter, test results, the span of the timelines. */
void doc_prepare(struct doc *d, struct compilation *c, struct model *m);

/* ---- pages ----------------------------------------------------------- */

bool doc_write_html(struct writer *w, const struct doc *d);
bool doc_write_markdown(struct writer *w, const struct doc *d);

#endif
