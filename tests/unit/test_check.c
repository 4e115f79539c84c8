/* test_check.c - the checker (check*.c): name resolution, did-you-mean,
 * duplicates, types, domains, dates, hours, days, timelines and the
 * quantifier rules of tests.  Each test compiles an in-memory policy and
 * asserts the identifier, line, column and text of what is reported. */
#include "testlib.h"

#include <limits.h>

#include "pol/runtime.h"

/* Declarations most tests build on: 15 lines, so a test's own first line
 * is line B + 1. */
#define BASE \
	"provider NPS \"National Probation Service\"\n"	/* 1 */ \
	"provider CRC\n" \
	"nation England\n" \
	"nation Wales\n" \
	"region East_Midlands \"East Midlands\" in England\n"	/* 5 */ \
	"office Derby \"Derby office\" in East_Midlands\n" \
	"office Cardiff in Wales\n" \
	"flag tact\n" \
	"level risk low < medium < high\n" \
	"range mappa 0..3\n"				/* 10 */ \
	"modes face_to_face > doorstep > remote\n" \
	"condition local_decision \"a local decision\"\n" \
	"activity upw \"Unpaid work\"\n" \
	"step step1 not before 2021-03-08 and 2021-03-29\n" \
	"step step2 not before 2021-04-12\n"		/* 15 */
#define B 15

/* Compile; the text must parse (semantic errors only). */
static struct compilation *check(const char *text)
{
	struct compilation *c = tl_compile(text);
	if (tl_count(c, "syntax")) {
		char *out = tl_render(c);
		fputs(out, stderr);
		free(out);
		fail_msg("the test's policy does not parse");
	}
	return c;
}

static struct compilation *compile_ok(const char *text, bool *ok)
{
	return tl_compile_n(text, strlen(text), ok);
}

static void expect_only(struct compilation *c, size_t errors, size_t warnings)
{
	if (c->diags.errors != errors || c->diags.warnings != warnings) {
		char *out = tl_render(c);
		fputs(out, stderr);
		free(out);
	}
	assert_int_equal(c->diags.errors, errors);
	assert_int_equal(c->diags.warnings, warnings);
}

/* ---- a clean policy -------------------------------------------------- */

static void test_clean_policy(void **state)
{
	(void)state;
	bool ok;
	struct compilation *c = compile_ok(BASE
		"schedule NPS at Derby\n"
		"  open Mon..Wed, Fri 09:00-17:00\n"
		"  cite \"open\"\n"
		"end\n"
		"service \"lines\" for CRC\n"
		"  open Mon..Fri 09:00-24:00\n"
		"  cite \"lines\"\n"
		"end\n"
		"contact for NPS\n"
		"  face_to_face when tact or (risk == high and mappa >= 2)\n"
		"    cite \"c\"\n"
		"  otherwise remote cite \"r\"\n"
		"end\n"
		"timeline upw in England, Wales\n"
		"  initially not permitted status \"paused\" cite \"a\"\n"
		"  not before step1 permitted status \"on\" subject to local_decision cite \"b\"\n"
		"  not before 2021-03-29 in step1 permitted status \"six\" limit max_group 6 limit min_group 2 cite \"c\"\n"
		"  not before step2 no change cite \"d\"\n"
		"end\n"
		"expect NPS at Derby on Mon is open\n"
		"expect contact NPS with tact, risk = high, mappa = 3 is face_to_face\n"
		"assert contact every provider for every case where risk >= medium is at least remote\n"
		"assert upw in every area on every date from step1 before step2 is permitted\n"
		"expect upw in England on 2021-04-01 is permitted with max_group 6 subject to local_decision\n", &ok);
	tl_assert_clean(c);
	assert_true(ok);
	struct policy_set *s = &c->set;
	assert_int_equal(s->decls[DECL_PROVIDER].n, 2);
	assert_int_equal(s->decls[DECL_NATION].n, 2);
	assert_int_equal(s->decls[DECL_OFFICE].n, 2);
	assert_int_equal(s->decls[DECL_MODE].n, 3);
	assert_int_equal(s->decls[DECL_STEP].n, 2);
	assert_int_equal(s->schedules.n, 2);
	assert_int_equal(s->contacts.n, 1);
	assert_int_equal(s->timelines.n, 1);
	assert_int_equal(s->tests.n, 5);
	tl_free(c);
}

/* What the checker fills in: declarations, ids, priorities, days. */
static void test_resolved_fields(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule NPS at Derby, Cardiff\n"
		"  open Mon..Wed, Fri\n"
		"  open Sun 10:00-12:00\n"
		"  cite \"open\"\n"
		"end\n"
		"timeline upw in East_Midlands\n"
		"  initially not permitted status \"a\" cite \"a\"\n"
		"  not before step1 permitted status \"b\" cite \"b\"\n"
		"  not before 2021-03-29 in step1 permitted status \"c\" limit sites 3 cite \"c\"\n"
		"end\n");
	expect_only(c, 0, 0);
	struct policy_set *s = &c->set;
	struct decl *region = s->decls[DECL_REGION].items[0];
	struct decl *england = s->decls[DECL_NATION].items[0];
	assert_ptr_equal(region->parent_decl, england);
	struct decl *derby = s->decls[DECL_OFFICE].items[0];
	assert_ptr_equal(derby->parent_decl, region);
	struct decl *cardiff = s->decls[DECL_OFFICE].items[1];
	assert_int_equal(derby->id, 0);
	assert_int_equal(cardiff->id, 1);
	assert_true(derby->used);
	for (int i = 0; i < 3; i++)
		assert_int_equal(((struct decl *)s->decls[DECL_MODE].items[i])->priority, i);

	struct schedule *sc = s->schedules.items[0];
	assert_ptr_equal(sc->provider_decl, s->decls[DECL_PROVIDER].items[0]);
	assert_int_equal(sc->office_decls.n, 2);
	assert_ptr_equal(sc->office_decls.items[1], cardiff);
	assert_int_equal(((struct open_clause *)sc->opens.items[0])->mask, 0x17);	/* Mon Tue Wed Fri */
	assert_int_equal(((struct open_clause *)sc->opens.items[1])->mask, 0x40);	/* Sun */

	struct timeline *t = s->timelines.items[0];
	assert_ptr_equal(t->area_decls.items[0], region);
	struct entry *e = t->entries.items[0];
	assert_int_equal(e->days, INT32_MIN);
	e = t->entries.items[1];
	int32_t d;
	assert_int_equal(pol_date_from_ymd(2021, 3, 8, &d), 0);
	assert_int_equal(e->days, d);
	assert_ptr_equal(e->step_decl, s->decls[DECL_STEP].items[0]);
	e = t->entries.items[2];
	assert_int_equal(pol_date_from_ymd(2021, 3, 29, &d), 0);
	assert_int_equal(e->days, d);
	assert_int_equal(((struct limit *)e->limits.items[0])->key_index, 3);	/* sites */
	tl_free(c);
}

/* ---- names ------------------------------------------------------------ */

static void test_unknown_names(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule NSP at Dreby, derby, Nowhere closed cite \"x\" end\n"	/* 16 */
		"office Leeds in Englnd\n"
		"office York in Yorkshire\n");
	expect_only(c, 6, 0);
	tl_expect(c, "unknown-name", B + 1, 10, "unknown provider 'NSP'; did you mean 'NPS'?");
	tl_expect(c, "unknown-name", B + 1, 17, "unknown office 'Dreby'; did you mean 'Derby'?");
	/* case alone is a difference too: suggested */
	tl_expect(c, "unknown-name", B + 1, 24, "unknown office 'derby'; did you mean 'Derby'?");
	tl_expect(c, "unknown-name", B + 1, 31, "unknown office 'Nowhere'");
	tl_expect(c, "unknown-name", B + 2, 17, "unknown nation or region 'Englnd'; did you mean 'England'?");
	tl_expect(c, "unknown-name", B + 3, 16, "unknown nation or region 'Yorkshire'");
	tl_free(c);

	/* only names of the expected kind are suggested */
	c = check(BASE "schedule NPS at Englnd closed cite \"x\" end\n");
	struct diag *g = tl_expect(c, "unknown-name", B + 1, 17, "unknown office 'Englnd'");
	assert_null(strstr(g->message, "did you mean"));
	tl_free(c);
}

static void test_wrong_kind(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule England at Derby, tact closed cite \"x\" end\n"	/* 16 */
		"region North in East_Midlands\n"
		"timeline risk in Derby\n"
		"  initially not permitted status \"s\" cite \"c\"\n"
		"end\n");
	expect_only(c, 5, 0);
	struct diag *g = tl_expect(c, "wrong-kind", B + 1, 10, "'England' is a nation, not a provider");
	tl_expect_note(c, g, 3, 8, "'England' is declared here");
	g = tl_expect(c, "wrong-kind", B + 1, 28, "'tact' is a flag, not an office");
	tl_expect_note(c, g, 8, 6, "'tact' is declared here");
	tl_expect(c, "wrong-kind", B + 2, 17, "'East_Midlands' is a region, not a nation");
	tl_expect(c, "wrong-kind", B + 3, 10, "'risk' is a level, not an activity");
	tl_expect(c, "wrong-kind", B + 3, 18, "'Derby' is an office, not a nation or region");
	tl_free(c);
}

static void test_duplicate_names(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"flag Derby\n"					/* 16 */
		"modes remote2 > tact\n"
		"schedule NPS at Derby, Cardiff, Derby closed cite \"x\" end\n"
		"timeline upw in England, Wales, England\n"
		"  initially not permitted status \"s\" cite \"c\"\n"
		"end\n");
	/* the second modes statement is one error; its names are not
	 * declared again */
	expect_only(c, 4, 0);
	struct diag *g = tl_expect(c, "duplicate-name", B + 1, 6, "'Derby' is already declared, as an office");
	tl_expect_note(c, g, 6, 8, "first declared here");
	g = tl_expect(c, "duplicate-modes", B + 2, 1, "contact modes are already declared");
	tl_expect_note(c, g, 11, 1, "declared here");
	g = tl_expect(c, "duplicate-name", B + 3, 33, "office 'Derby' is listed twice");
	tl_expect_note(c, g, B + 3, 17, "first listed here");
	tl_expect(c, "duplicate-name", B + 4, 33, "area 'England' is listed twice");
	tl_free(c);
}

static void test_names_across_files(void **state)
{
	(void)state;
	const char *first = "provider NPS\nnation England\n";
	struct compilation *c = tl_load_n(first, strlen(first));
	const char *second = "office Derby in England\nprovider NPS\n";
	assert_int_equal(source_add_text(&c->arena, &c->sources, "u.pol", second,
					 strlen(second)), 0);
	assert_false(compilation_check(c));
	assert_int_equal(c->diags.errors, 1);
	char *out = tl_render(c);
	assert_string_equal(out,
		"u.pol:2:10: error: 'NPS' is already declared, as a provider\n"
		"    2 | provider NPS\n"
		"      |          ^~~\n"
		"t.pol:1:10: note: first declared here\n"
		"    1 | provider NPS\n"
		"      |          ^~~\n");
	free(out);
	/* the office in u.pol found its nation in t.pol */
	struct decl *derby = c->set.decls[DECL_OFFICE].items[0];
	assert_non_null(derby->parent_decl);
	assert_string_equal(derby->parent_decl->name.text, "England");
	tl_free(c);
}

/* ---- declarations' own checks --------------------------------------- */

static void test_levels_and_ranges(void **state)
{
	(void)state;
	char text[4096];
	size_t n = (size_t)snprintf(text, sizeof(text),
		"level one_value only\n"			/* 1 */
		"level twice a < b < a\n"
		"range backwards 5..2\n"
		"range wide 0..64\n"
		"range widest 10..73\n"				/* 5: 64 values, fine */
		"level many v0");
	for (int i = 1; i <= 64; i++)				/* 6: 65 values */
		n += (size_t)snprintf(text + n, sizeof(text) - n, " < v%d", i);
	snprintf(text + n, sizeof(text) - n, "\n"
		 "range huge 2147483647..2147483650\n"		/* 7 */
		 "range big 2147483600..2147483647\n");
	struct compilation *c = check(text);
	expect_only(c, 6, 0);
	tl_expect(c, "bad-level", 1, 7, "level 'one_value' needs at least two values, "
		  "lowest first: low < medium < high");
	struct diag *g = tl_expect(c, "duplicate-value", 2, 21, "'a' is listed twice in level 'twice'");
	tl_expect_note(c, g, 2, 13, "first listed here");
	tl_expect(c, "bad-range", 3, 17, "range 5..2 is empty; write the lower bound first");
	tl_expect(c, "bad-range", 4, 12, "range 0..64 has 65 values; the limit is 64");
	tl_expect(c, "bad-level", 6, 7, "level 'many' has 65 values; the limit is 64");
	tl_expect(c, "bad-range", 7, 12, "range 2147483647..2147483650 is too large; the "
		  "bounds must be at most 2147483647");
	tl_free(c);
}

static void test_conditions_need_text(void **state)
{
	(void)state;
	struct compilation *c = check("condition a\ncondition b \"\"\ncondition c \"ok\"\n"
				      "nation N note \"\" cite \"\"\n");
	expect_only(c, 4, 0);
	tl_expect(c, "missing-text", 1, 11, "condition 'a' needs its wording in quotes, "
		  "as officers will read it");
	tl_expect(c, "empty-text", 2, 13, "condition 'b' has empty wording");
	tl_expect(c, "empty-text", 4, 15, "empty 'note'; explain or leave it out");
	tl_expect(c, "empty-text", 4, 23, "empty 'cite'; quote the source text");
	tl_free(c);
}

/* ---- dates ------------------------------------------------------------ */

static void test_dates(void **state)
{
	(void)state;
	struct compilation *c = check(
		"step a not before 2021-02-29\n"
		"step b not before 2024-02-29 and 2100-02-29\n"
		"step c not before 2021-13-01 and 2021-00-10\n"
		"step d not before 0000-00-00\n"
		"step e not before 2000-02-29 and 9999-12-31\n"
		"step f not before 2021-04-31 and 2021-06-00\n");
	expect_only(c, 7, 0);
	tl_expect(c, "bad-date", 1, 19, "2021-02-29 is not a date: February 2021 has 28 days");
	tl_expect(c, "bad-date", 2, 34, "2100-02-29 is not a date: February 2100 has 28 days");
	tl_expect(c, "bad-date", 3, 19, "2021-13-01 is not a date: there is no month 13");
	tl_expect(c, "bad-date", 3, 34, "2021-00-10 is not a date: there is no month 0");
	tl_expect(c, "bad-date", 4, 19, "year 0000 is out of range (1 to 9999)");
	tl_expect(c, "bad-date", 6, 19, "2021-04-31 is not a date: April 2021 has 30 days");
	tl_expect(c, "bad-date", 6, 34, "2021-06-00 is not a date: June 2021 has 30 days");
	/* the good ones have their day numbers */
	struct decl *e = c->set.decls[DECL_STEP].items[4];
	const struct date_lit *d = e->dates.items[0];
	assert_true(d->valid);
	assert_int_equal(d->days, 11016);	/* 2000-02-29 */
	d = e->dates.items[1];
	assert_int_equal(d->days, 2932896);	/* 9999-12-31 */
	tl_free(c);
}

static void test_step_date_order(void **state)
{
	(void)state;
	struct compilation *c = check(
		"step a not before 2021-03-29 and 2021-03-08\n"
		"step b not before 2021-03-08 and 2021-03-08\n"
		"step c not before 2021-03-08 and 2021-02-30 and 2021-03-09\n");
	expect_only(c, 3, 0);
	struct diag *g = tl_expect(c, "date-order", 1, 34,
				   "step dates must be in order, each after the one before");
	tl_expect_note(c, g, 1, 19, "earlier date here");
	tl_expect(c, "date-order", 2, 34, "step dates must be in order");
	/* a bad date is skipped: the next is compared with the one before */
	tl_expect(c, "bad-date", 3, 34, "2021-02-30 is not a date");
	tl_free(c);
}

/* ---- schedules: days, hours, open and closed ------------------------------ */

static void test_days(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule NPS at Derby\n"				/* 16 */
		"  open Monday, tue, MON, Tues, Mo, Wensday, Xyz\n"
		"  open Fri..Mon, Sat..Sat, Sun\n"
		"  open Sat\n"
		"  cite \"x\"\n"
		"end\n");
	expect_only(c, 9, 0);
	tl_expect(c, "unknown-day", B + 2, 8, "unknown day 'Monday'; did you mean 'Mon'? "
		  "(days are Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
	tl_expect(c, "unknown-day", B + 2, 16, "unknown day 'tue'; did you mean 'Tue'?");
	tl_expect(c, "unknown-day", B + 2, 21, "unknown day 'MON'; did you mean 'Mon'?");
	tl_expect(c, "unknown-day", B + 2, 26, "unknown day 'Tues'; did you mean 'Tue'?");
	tl_expect(c, "unknown-day", B + 2, 32, "unknown day 'Mo'; did you mean 'Mon'?");
	tl_expect(c, "unknown-day", B + 2, 36, "unknown day 'Wensday' (days are");
	tl_expect(c, "empty-range", B + 3, 8, "day range Fri..Mon is empty: weeks run Mon "
		  "to Sun; list the days instead");
	struct diag *g = tl_expect(c, "duplicate-day", B + 4, 8, "Sat is given twice");
	tl_expect_note(c, g, B + 3, 18, "first given here");
	tl_free(c);
}

static void test_hours(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule NPS at Derby\n"			/* 16 */
		"  open Mon 24:00-24:00\n"
		"  open Tue 00:00-24:00\n"
		"  open Wed 09:60-17:00\n"
		"  open Thu 09:00-25:00\n"			/* 20 */
		"  open Fri 17:00-09:00\n"
		"  open Sat 09:00-09:00\n"
		"  open Sun 08:00-24:30\n"
		"  cite \"x\"\n"
		"end\n");
	expect_only(c, 6, 0);
	tl_expect(c, "bad-time", B + 2, 12, "24:00 is not a time of day (00:00 to 24:00)");
	tl_expect(c, "bad-time", B + 4, 12, "09:60 is not a time of day");
	tl_expect(c, "bad-time", B + 5, 18, "25:00 is not a time of day");
	tl_expect(c, "bad-hours", B + 6, 12, "closing time 09:00 is not after opening time 17:00");
	tl_expect(c, "bad-hours", B + 7, 12, "closing time 09:00 is not after opening time 09:00");
	tl_expect(c, "bad-time", B + 8, 18, "24:30 is not a time of day");
	tl_free(c);
}

static void test_open_and_closed(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule NPS at Derby\n"			/* 16 */
		"  open Mon\n"
		"  closed\n"
		"  cite \"x\"\n"
		"end\n"						/* 20 */
		"schedule NPS at Cardiff note \"?\" cite \"y\" end\n"
		"service \"lines\" for CRC closed cite \"z\" end\n"
		"service \"inbox\" for CRC at Derby cite \"w\" end\n");	/* no days: fine */
	expect_only(c, 3, 0);
	struct diag *g = tl_expect(c, "open-and-closed", B + 3, 3,
				   "schedule says both 'closed' and 'open'");
	tl_expect_note(c, g, B + 2, 3, "'open' is here");
	tl_expect(c, "no-opening", B + 6, 1, "schedule says neither 'open DAYS' nor 'closed'");
	tl_expect(c, "closed-service", B + 7, 25, "a service cannot be 'closed'; give the days "
		  "it is open, or none");
	tl_free(c);
}

static void test_missing_cites(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule NPS at Derby open Mon end\n"		/* 16 */
		"service \"lines\" for CRC note \"n\" end\n"
		"contact for NPS\n"
		"  face_to_face when tact\n"
		"  otherwise remote note \"n\"\n"		/* 20 */
		"end\n"
		"timeline upw in England\n"
		"  initially not permitted status \"s\"\n"
		"  not before step1 permitted status \"t\" cite \"\"\n"
		"end\n");
	expect_only(c, 6, 0);
	tl_expect(c, "missing-cite", B + 1, 1, "schedule has no 'cite'; quote the source text it encodes");
	tl_expect(c, "missing-cite", B + 2, 1, "service has no 'cite'");
	tl_expect(c, "missing-cite", B + 4, 3, "rule has no 'cite'");
	tl_expect(c, "missing-cite", B + 5, 3, "'otherwise' has no 'cite'");
	tl_expect(c, "missing-cite", B + 8, 3, "entry has no 'cite'");
	tl_expect(c, "empty-text", B + 9, 46, "empty 'cite'; quote the source text");
	tl_free(c);
}

/* ---- contact rules and conditions ------------------------------------ */

static void test_contact_blocks(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"contact for NPS\n"				/* 16 */
		"  otherwise remote cite \"a\"\n"
		"  otherwise face_to_face cite \"b\"\n"
		"  remot when tact cite \"c\"\n"
		"end\n"						/* 20 */
		"contact for NPS\n"
		"  tact when risk == high cite \"d\"\n"
		"end\n");
	expect_only(c, 4, 0);
	struct diag *g = tl_expect(c, "duplicate-default", B + 3, 3,
				   "contact rules for 'NPS' already have an 'otherwise'");
	tl_expect_note(c, g, B + 2, 3, "first 'otherwise' here");
	tl_expect(c, "unknown-name", B + 4, 3, "unknown contact mode 'remot'; did you mean 'remote'?");
	g = tl_expect(c, "duplicate-contact", B + 6, 13, "contact rules for 'NPS' are already given");
	tl_expect_note(c, g, B + 1, 13, "first given here");
	tl_expect(c, "wrong-kind", B + 7, 3, "'tact' is a flag, not a contact mode");
	tl_free(c);
}

static void test_missing_modes(void **state)
{
	(void)state;
	struct compilation *c = check("provider P\nflag f\n"
				      "contact for P\n  seen when f cite \"x\"\n  otherwise gone cite \"y\"\nend\n");
	/* one error, not one more per unknown mode */
	expect_only(c, 1, 0);
	tl_expect(c, "missing-modes", 3, 1, "contact rules need the contact modes declared "
		  "first, highest priority first: modes face_to_face > remote");
	tl_free(c);
}

static void test_condition_types(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"contact for NPS\n"				/* 16 */
		"  remote when tact == 1 cite \"a\"\n"
		"  remote when risk cite \"b\"\n"
		"  remote when mappa cite \"c\"\n"
		"  remote when risk == 2 cite \"d\"\n"		/* 20 */
		"  remote when mappa == high cite \"e\"\n"
		"  remote when risk == hihg cite \"f\"\n"
		"  remote when mappa >= 4 cite \"g\"\n"
		"  remote when risk == extreme cite \"h\"\n"
		"  remote when nothing cite \"i\"\n"		/* 25 */
		"  remote when local_decision cite \"j\"\n"
		"end\n");
	expect_only(c, 10, 0);
	tl_expect(c, "type-mismatch", B + 2, 15, "'tact' is a flag and cannot be compared with "
		  "'=='; write 'tact' or 'not tact'");
	tl_expect(c, "type-mismatch", B + 3, 15, "'risk' is a level, not a flag; compare it, "
		  "for example risk >= high");
	tl_expect(c, "type-mismatch", B + 4, 15, "'mappa' is a number, not a flag; compare it, "
		  "for example mappa == 3");
	tl_expect(c, "type-mismatch", B + 5, 23, "'risk' is a level; use one of its values: "
		  "low, medium, high");
	tl_expect(c, "type-mismatch", B + 6, 24, "'mappa' is a number from 0 to 3; 'high' is not a number");
	tl_expect(c, "bad-value", B + 7, 23, "'hihg' is not a value of level 'risk'; did you "
		  "mean 'high'? (values: low, medium, high)");
	tl_expect(c, "bad-value", B + 8, 24, "4 is outside 'mappa', which runs from 0 to 3");
	tl_expect(c, "bad-value", B + 9, 23, "'extreme' is not a value of level 'risk' (values: "
		  "low, medium, high)");
	tl_expect(c, "unknown-name", B + 10, 15, "unknown attribute 'nothing'");
	tl_expect(c, "wrong-kind", B + 11, 15, "'local_decision' is a condition, not an attribute");
	tl_free(c);
}

static void test_constant_comparisons(void **state)
{
	(void)state;
	bool ok;
	struct compilation *c = compile_ok(BASE
		"contact for NPS\n"				/* 16 */
		"  remote when risk >= low cite \"a\"\n"
		"  remote when risk < low cite \"b\"\n"
		"  remote when mappa <= 3 cite \"c\"\n"
		"  remote when mappa > 3 cite \"d\"\n"		/* 20 */
		"  remote when risk > low and mappa < 3 and risk != high cite \"e\"\n"
		"end\n", &ok);
	assert_true(ok);	/* warnings only */
	expect_only(c, 0, 4);
	tl_expect(c, "constant-comparison", B + 2, 15, "'risk >= low' is true for every case");
	tl_expect(c, "constant-comparison", B + 3, 15, "'risk < low' is false for every case");
	tl_expect(c, "constant-comparison", B + 4, 15, "'mappa <= 3' is true for every case");
	tl_expect(c, "constant-comparison", B + 5, 15, "'mappa > 3' is false for every case");
	assert_int_equal(tl_diag_at(c, 0)->severity, DIAG_WARNING);
	/* -Werror counts them as failures */
	assert_int_equal(diags_failures(&c->diags), 0);
	c->diags.werror = true;
	assert_int_equal(diags_failures(&c->diags), 4);
	char *out = tl_render(c);
	assert_non_null(strstr(out, "t.pol:17:15: error: 'risk >= low' is true for every "
			       "case [-Werror,-Wconstant-comparison]\n"));
	free(out);
	tl_free(c);
}

static void test_parentheses_warning(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"contact for NPS\n"				/* 16 */
		"  remote when tact or risk == high and mappa == 1 cite \"a\"\n"
		"  remote when tact and risk == high or mappa == 1 cite \"b\"\n"
		"  remote when tact or (risk == high and mappa == 1) cite \"c\"\n"
		"  remote when (tact and risk == high) or mappa == 1 cite \"d\"\n"	/* 20 */
		"  remote when tact or not risk == high and mappa == 1 cite \"e\"\n"
		"  remote when tact and not (risk == low or mappa == 1) cite \"f\"\n"
		"end\n"
		"expect contact NPS for every case where tact or tact and tact is remote\n");
	expect_only(c, 1, 4);	/* the error: expect with every */
	tl_expect(c, "parentheses", B + 2, 23, "'and' inside 'or'; add parentheses to show which is meant");
	tl_expect(c, "parentheses", B + 3, 15, "'and' inside 'or'");
	tl_expect(c, "parentheses", B + 6, 23, "'and' inside 'or'");
	tl_expect(c, "parentheses", B + 9, 49, "'and' inside 'or'");	/* where, too */
	tl_free(c);
}

/* ---- timelines ------------------------------------------------------ */

static void test_timeline_order(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"timeline upw in England\n"			/* 16 */
		"  not before 2021-04-12 permitted status \"a\" cite \"a\"\n"
		"  not before 2021-03-08 permitted status \"b\" cite \"b\"\n"
		"  initially not permitted status \"c\" cite \"c\"\n"
		"  not before step2 permitted status \"d\" cite \"d\"\n"	/* 20 */
		"  not before 2021-03-01 in step1 permitted status \"e\" cite \"e\"\n"
		"end\n"
		"timeline upw in Wales\n"
		"  not before step1 permitted status \"f\" cite \"f\"\n"	/* 24 */
		"  not before 2021-03-08 permitted status \"g\" cite \"g\"\n"
		"end\n");
	expect_only(c, 5, 0);
	struct diag *g = tl_expect(c, "date-order", B + 3, 3, "entry on 2021-03-08 comes after "
				   "an entry on 2021-04-12; list entries in date order");
	tl_expect_note(c, g, B + 2, 3, "the earlier-listed entry");
	g = tl_expect(c, "date-order", B + 4, 3, "'initially' must be the first entry");
	tl_expect_note(c, g, B + 2, 3, "first entry here");
	/* each entry is compared with the one listed before it */
	g = tl_expect(c, "date-order", B + 10, 3, "a second entry on 2021-03-08; say it all in one entry");
	tl_expect_note(c, g, B + 9, 3, "the earlier-listed entry");
	g = tl_expect(c, "before-step", B + 6, 14, "entry is dated before step1, which is not "
		      "before 2021-03-08");
	tl_expect_note(c, g, 14, 6, "step1 is declared here");
	g = tl_expect(c, "date-order", B + 6, 3, "entry on 2021-03-01 comes after an entry on 2021-04-12");
	tl_expect_note(c, g, B + 5, 3, "the earlier-listed entry");
	tl_free(c);
}

static void test_timeline_entries(void **state)
{
	(void)state;
	bool ok;
	struct compilation *c = compile_ok(BASE
		"timeline upw in England\n"			/* 16 */
		"  initially status \"a\" cite \"a\"\n"
		"  not before 2021-01-01 permitted cite \"b\"\n"
		"  not before 2021-02-01 no change cite \"c\"\n"
		"  not before 2021-03-01 no change limit sites 2 cite \"d\"\n"	/* 20 */
		"  not before 2021-04-01 no change subject to local_decision cite \"e\"\n"
		"  not before 2021-05-01 not permitted status \"\" limit max_group 6 cite \"f\"\n"
		"end\n"
		"timeline upw in Wales\n"
		"end\n", &ok);	/* 25 */
	assert_false(ok);
	expect_only(c, 6, 1);
	tl_expect(c, "missing-permission", B + 2, 3, "entry does not say whether the activity is "
		  "permitted: add 'permitted', 'not permitted' or 'no change'");
	tl_expect(c, "missing-status", B + 3, 3, "entry has no 'status \"...\"' for officers to read");
	tl_expect(c, "no-change-limits", B + 5, 3, "a 'no change' entry keeps the limits and "
		  "conditions of the entry before it; give new ones with 'permitted'");
	tl_expect(c, "no-change-limits", B + 6, 3, "a 'no change' entry keeps");
	tl_expect(c, "empty-text", B + 7, 46, "empty status");
	tl_expect(c, "limits-unused", B + 7, 49, "limits on an entry that is not permitted are never used");
	tl_expect(c, "empty-timeline", B + 9, 1, "timeline has no entries; add 'initially' or "
		  "'not before ...'");
	/* 'no change' needs no status */
	assert_int_equal(tl_count(c, "missing-status"), 1);
	tl_free(c);
}

static void test_limits(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"timeline upw in England\n"			/* 16 */
		"  initially permitted status \"a\"\n"
		"    limit max_groups 6\n"
		"    limit people 2\n"
		"    limit sites 0\n"				/* 20 */
		"    limit facilitators 1000001\n"
		"    limit max_group 4\n"
		"    limit min_group 5\n"
		"    limit max_group 8\n"
		"    subject to local_decision, local_decision, locl_decision\n"	/* 25 */
		"    cite \"a\"\n"
		"end\n");
	expect_only(c, 8, 0);
	tl_expect(c, "unknown-limit", B + 3, 11, "unknown limit 'max_groups'; did you mean "
		  "'max_group'? (limits are max_group, min_group, facilitators, sites)");
	tl_expect(c, "unknown-limit", B + 4, 11, "unknown limit 'people' (limits are");
	tl_expect(c, "bad-limit", B + 5, 5, "limit 0 is out of range (1 to 1000000)");
	tl_expect(c, "bad-limit", B + 6, 5, "limit 1000001 is out of range (1 to 1000000)");
	struct diag *g = tl_expect(c, "bad-limit", B + 8, 5, "min_group 5 is above max_group 4");
	tl_expect_note(c, g, B + 7, 5, "max_group given here");
	g = tl_expect(c, "duplicate-clause", B + 9, 5, "limit 'max_group' is given twice");
	tl_expect_note(c, g, B + 7, 5, "first given here");
	tl_expect(c, "duplicate-clause", B + 10, 32, "condition 'local_decision' is given twice");
	tl_expect(c, "unknown-name", B + 10, 48, "unknown condition 'locl_decision'; did you "
		  "mean 'local_decision'?");
	tl_free(c);
}

/* ---- tests: quantifier rules, moments, cases, outcomes ---------------------- */

static void test_quantifier_rules(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"expect every provider at Derby on Mon is open\n"		/* 16 */
		"expect NPS at every office on Mon is open\n"
		"expect NPS at Derby on every day is open\n"
		"expect upw in every area on 2021-03-08 is permitted\n"
		"expect every activity in England on 2021-03-08 is permitted\n"	/* 20 */
		"expect upw in England on every date from step1 is permitted\n"
		"expect contact NPS for every case is remote\n"
		"expect contact every provider is remote\n"
		"assert NPS at Derby on Mon is open\n"
		"assert contact NPS with tact is remote\n"			/* 25 */
		"assert every provider at every office on every day is closed\n");
	expect_only(c, 10, 0);
	const char *ex = "'expect' checks one decision; use 'assert' to check every one";
	tl_expect(c, "expect-every", B + 1, 8, ex);
	tl_expect(c, "expect-every", B + 2, 15, ex);
	tl_expect(c, "expect-every", B + 3, 21, ex);
	tl_expect(c, "expect-every", B + 4, 15, ex);
	tl_expect(c, "expect-every", B + 5, 8, ex);
	tl_expect(c, "expect-every", B + 6, 23, ex);
	tl_expect(c, "expect-every", B + 7, 20, ex);		/* at 'for every case' */
	tl_expect(c, "expect-every", B + 8, 16, ex);
	const char *as = "'assert' checks a property of every case, day or name; use "
			 "'expect' for one decision";
	tl_expect(c, "assert-without-every", B + 9, 1, as);
	tl_expect(c, "assert-without-every", B + 10, 1, as);
	tl_free(c);
}

static void test_misplaced_every_and_moments(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"assert every office at Derby on Mon is open\n"			/* 16 */
		"assert NPS at every area on Mon is open\n"
		"assert every provider in England on step1 is permitted\n"
		"assert upw in every office on step1 is permitted\n"
		"assert upw in England on every day is permitted\n"		/* 20 */
		"expect upw in England on Mon is permitted\n"
		"expect NPS at Derby on England is open\n"
		"expect NPS at Derby on Mn is open\n"
		"expect NPS at Derby on step3 is open\n"
		"assert NPS at Derby on every date from Tue to step2 is open\n"	/* 25 */
		"expect upw in England on stp1 is permitted\n"
		"expect NPS at Derby on step1 is open\n"
		"expect NPS at Derby on 2021-02-30 is open\n");
	expect_only(c, 12, 0);
	tl_expect(c, "wrong-kind", B + 1, 8, "'every office' cannot stand here; expected a "
		  "provider or 'every provider'");
	tl_expect(c, "wrong-kind", B + 2, 15, "'every area' cannot stand here; expected an "
		  "office or 'every office'");
	tl_expect(c, "wrong-kind", B + 3, 8, "'every provider' cannot stand here; expected an "
		  "activity or 'every activity'");
	tl_expect(c, "wrong-kind", B + 4, 15, "'every office' cannot stand here; expected a "
		  "nation or region or 'every area'");
	tl_expect(c, "wrong-kind", B + 5, 23, "activities are decided by date; write 'on every date'");
	tl_expect(c, "wrong-kind", B + 6, 26, "activities are decided by date; give a date "
		  "(YYYY-MM-DD) or a step, not a day of the week");
	tl_expect(c, "wrong-kind", B + 7, 24, "'England' is a nation; expected a day, a date or a step");
	tl_expect(c, "unknown-day", B + 8, 24, "unknown day 'Mn'; did you mean 'Mon'?");
	tl_expect(c, "unknown-day", B + 9, 24, "unknown day 'step3'");
	tl_expect(c, "wrong-kind", B + 10, 40, "a date range runs between dates or steps; "
		  "give a date (YYYY-MM-DD) or a step, not a day of the week");
	tl_expect(c, "unknown-name", B + 11, 26, "unknown step 'stp1'; did you mean 'step1'?");
	tl_expect(c, "bad-date", B + 13, 24, "2021-02-30 is not a date");
	/* a step is a moment for offices too */
	struct test *t = c->set.tests.items[11];
	assert_non_null(t->q.when.at.step_decl);
	assert_int_equal(t->q.when.at.weekday, -1);
	t = c->set.tests.items[0];
	assert_int_equal(t->q.when.at.weekday, 0);	/* Mon */
	tl_free(c);
}

static void test_date_ranges(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"step bad not before 2021-02-30\n"					/* 16 */
		"assert upw in England on every date from step1 before 2021-03-08 is permitted\n"
		"assert upw in England on every date from step1 to 2021-03-08 is permitted\n"
		"assert upw in England on every date from step2 to step1 is permitted\n"
		"assert upw in England on every date from 2021-01-01 to bad is permitted\n"	/* 20 */
		"assert upw in England on every date before step1 is permitted\n");
	/* the step with a bad date is reported once, at the step, and makes
	 * no range empty */
	expect_only(c, 3, 0);
	tl_expect(c, "bad-date", B + 1, 21, "2021-02-30 is not a date");
	tl_expect(c, "empty-range", B + 2, 23, "the date range is empty");
	tl_expect(c, "empty-range", B + 4, 23, "the date range is empty");
	struct test *t = c->set.tests.items[1];
	assert_int_equal(t->q.when.from.days, 18694);	/* 2021-03-08 */
	assert_int_equal(t->q.when.to.days, 18694);
	tl_free(c);
}

static void test_cases_and_outcomes(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"expect contact NPS with tact = 1, risk, mappa = 9 is remote\n"		/* 16 */
		"expect contact NPS with risk = low, risk = high is remote\n"
		"expect contact NPS with mappa = low, risk = 2, tac is at least remot\n"
		"expect upw in England on step1 is permitted with max_group 0, max_group 2, size 3\n"
		"expect upw in England on step1 is permitted subject to local, upw\n"	/* 20 */
		"expect contact NPS with tact, risk = high, mappa = 2 is at most doorstep\n");
	expect_only(c, 13, 0);
	tl_expect(c, "type-mismatch", B + 1, 32, "'tact' is a flag: name it to set it, leave it "
		  "out to leave it unset");
	tl_expect(c, "type-mismatch", B + 1, 35, "'risk' needs a value, for example risk = high");
	tl_expect(c, "bad-value", B + 1, 49, "9 is outside 'mappa', which runs from 0 to 3");
	struct diag *g = tl_expect(c, "duplicate-clause", B + 2, 37, "'risk' is set twice");
	tl_expect_note(c, g, B + 2, 25, "first set here");
	tl_expect(c, "type-mismatch", B + 3, 33, "'mappa' is a number from 0 to 3; 'low' is not a number");
	tl_expect(c, "type-mismatch", B + 3, 45, "'risk' is a level; use one of its values");
	tl_expect(c, "unknown-name", B + 3, 48, "unknown attribute 'tac'; did you mean 'tact'?");
	tl_expect(c, "unknown-name", B + 3, 64, "unknown contact mode 'remot'; did you mean 'remote'?");
	tl_expect(c, "bad-limit", B + 4, 50, "limit 0 is out of range (1 to 1000000)");
	g = tl_expect(c, "duplicate-clause", B + 4, 63, "limit 'max_group' is given twice");
	tl_expect_note(c, g, B + 4, 50, "first given here");
	tl_expect(c, "unknown-limit", B + 4, 76, "unknown limit 'size'");
	tl_expect(c, "unknown-name", B + 5, 56, "unknown condition 'local'");
	tl_expect(c, "wrong-kind", B + 5, 63, "'upw' is an activity, not a condition");
	/* the good case is resolved */
	struct test *t = c->set.tests.items[5];
	assert_int_equal(t->q.settings.n, 3);
	struct setting *s = t->q.settings.items[1];
	assert_non_null(s->attr_decl);
	assert_int_equal(s->value.resolved, 2);		/* high */
	s = t->q.settings.items[2];
	assert_int_equal(s->value.resolved, 2);		/* the number */
	assert_non_null(t->q.mode_decl);
	assert_int_equal(t->q.mode_decl->priority, 1);
	tl_free(c);
}

/* ---- the driver -------------------------------------------------------- */

/* After a syntax error nothing is checked: no noise from a broken tree. */
static void test_no_checks_after_syntax_error(void **state)
{
	(void)state;
	bool ok;
	const char *text = "schedule Nobody at Nowhere open Mon end\nprovider 12\n";
	struct compilation *c = tl_compile_n(text, strlen(text), &ok);
	assert_false(ok);
	assert_int_equal(c->diags.errors, 1);
	tl_expect(c, "syntax", 2, 10, "unexpected '12'; expected name");
	assert_int_equal(tl_count(c, "unknown-name"), 0);
	tl_free(c);
}

/* ---- plans and dates ---------------------------------------------------- */

/* Resolved dates: a plan's own, a schedule's within it, from a step. */
static void test_plan_dates(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"plan \"p\" from 2021-01-04 until 2021-12-31\n"		/* B+1 */
		"schedule NPS at Derby from step2\n"
		"  open Mon cite \"x\"\n"
		"end\n"
		"schedule NPS at Cardiff\n"				/* B+5 */
		"  open Mon cite \"x\"\n"
		"end\n");
	expect_only(c, 0, 0);
	const struct schedule *s = c->set.schedules.items[0];
	int32_t d;
	assert_int_equal(pol_date_from_ymd(2021, 4, 12, &d), 0);
	assert_int_equal(s->first, d);
	assert_int_equal(pol_date_from_ymd(2021, 12, 31, &d), 0);
	assert_int_equal(s->last, d);
	s = c->set.schedules.items[1];
	assert_int_equal(pol_date_from_ymd(2021, 1, 4, &d), 0);
	assert_int_equal(s->first, d);	/* the plan's dates */
	assert_true(s->plan && s->plan->written);
	tl_free(c);

	/* no plan line, no dates of its own: undated, on every date; the
	 * file's first date starts its timelines */
	c = check(BASE
		"schedule NPS at Derby\n"
		"  open Mon cite \"x\"\n"
		"end\n");
	expect_only(c, 0, 0);
	s = c->set.schedules.items[0];
	assert_int_equal(s->first, INT32_MIN);
	assert_int_equal(s->last, INT32_MAX);
	assert_false(s->plan->written);
	assert_true(s->plan->dated);	/* BASE declares steps */
	assert_int_equal(pol_date_from_ymd(2021, 3, 8, &d), 0);
	assert_int_equal(s->plan->first, d);
	tl_free(c);
}

/* Two plans in one file: each governs the statements after it. */
static void test_plans_in_a_file(void **state)
{
	(void)state;
	struct compilation *c = check(BASE
		"schedule NPS at Cardiff\n"			/* before any plan */
		"  open Tue cite \"x\"\n"
		"end\n"
		"plan \"first\" from 2021-01-01 until 2021-03-31\n"
		"schedule NPS at Derby\n"
		"  open Mon cite \"x\"\n"
		"end\n"
		"plan \"second\" from 2021-04-01\n"
		"schedule NPS at Derby\n"
		"  open Wed cite \"x\"\n"
		"end\n");
	expect_only(c, 0, 0);
	const struct schedule *s0 = c->set.schedules.items[0];
	const struct schedule *s1 = c->set.schedules.items[1];
	const struct schedule *s2 = c->set.schedules.items[2];
	int32_t d;
	assert_false(s0->plan->written);
	assert_int_equal(s0->first, INT32_MIN);
	assert_string_equal(s1->plan->title->s, "first");
	assert_int_equal(pol_date_from_ymd(2021, 3, 31, &d), 0);
	assert_int_equal(s1->last, d);
	assert_string_equal(s2->plan->title->s, "second");
	assert_int_equal(pol_date_from_ymd(2021, 4, 1, &d), 0);
	assert_int_equal(s2->first, d);
	assert_int_equal(s2->last, INT32_MAX);
	tl_free(c);
}

/* review by: a warning only when today is known. */
static void test_review_overdue(void **state)
{
	(void)state;
	const char *text = BASE "plan \"p\" review by 2021-06-30\n";
	struct compilation *c = check(text);
	expect_only(c, 0, 0);
	tl_free(c);
	static const int days[2][3] = { { 2021, 7, 1 }, { 2021, 6, 30 } };
	for (int k = 0; k < 2; k++) {
		c = tl_load_n(text, strlen(text));
		assert_int_equal(pol_date_from_ymd(days[k][0], days[k][1], days[k][2],
						   &c->today), 0);
		compilation_check(c);
		if (k == 0) {
			expect_only(c, 0, 1);
			tl_expect(c, "review-overdue", B + 1, 20,
				  "the plan was due for review on 2021-06-30; today is 2021-07-01");
		} else {
			expect_only(c, 0, 0);	/* on the review date: not yet overdue */
		}
		tl_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_policy),
		cmocka_unit_test(test_plan_dates),
		cmocka_unit_test(test_plans_in_a_file),
		cmocka_unit_test(test_review_overdue),
		cmocka_unit_test(test_resolved_fields),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_wrong_kind),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_names_across_files),
		cmocka_unit_test(test_levels_and_ranges),
		cmocka_unit_test(test_conditions_need_text),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_step_date_order),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_open_and_closed),
		cmocka_unit_test(test_missing_cites),
		cmocka_unit_test(test_contact_blocks),
		cmocka_unit_test(test_missing_modes),
		cmocka_unit_test(test_condition_types),
		cmocka_unit_test(test_constant_comparisons),
		cmocka_unit_test(test_parentheses_warning),
		cmocka_unit_test(test_timeline_order),
		cmocka_unit_test(test_timeline_entries),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_quantifier_rules),
		cmocka_unit_test(test_misplaced_every_and_moments),
		cmocka_unit_test(test_date_ranges),
		cmocka_unit_test(test_cases_and_outcomes),
		cmocka_unit_test(test_no_checks_after_syntax_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
