/* test_runtime.c - the public runtime API on a compiled policy
 * (tests/golden/small.pol, compiled by polc as small_policy). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pol/runtime.h"

extern const struct pol_policy small_policy;
static const struct pol_policy *const P = &small_policy;

static uint32_t id(enum pol_kind k, const char *name)
{
	int32_t i = pol_lookup(P, k, name, strlen(name));
	assert_true(i >= 0);
	return (uint32_t)i;
}

static int32_t day(int y, int m, int d)
{
	int32_t days;
	assert_int_equal(pol_date_from_ymd(y, m, d, &days), 0);
	return days;
}

static void test_abi_and_names(void **state)
{
	(void)state;
	assert_int_equal(pol_check_abi(P), 0);
	/* tables of the layout before dated schedules (4) are refused:
	 * their schedules lack dates, intervals and date lines */
	struct pol_policy old = *P;
	old.abi_version = 4;
	assert_int_equal(POL_ABI_VERSION, 5);
	assert_int_equal(pol_check_abi(&old), POL_EINVAL);
	assert_int_equal(pol_check_abi(NULL), POL_EINVAL);
	assert_int_equal(pol_count(P, POL_KIND_PROVIDER), 2);
	assert_int_equal(pol_count(P, POL_KIND_AREA), 3);
	assert_int_equal(pol_count(P, POL_KIND_ATTRIBUTE), 3);
	assert_string_equal(pol_name_of(P, POL_KIND_PROVIDER, 1), "CRC");
	assert_string_equal(pol_title_of(P, POL_KIND_PROVIDER, 0), "National Probation Service");
	assert_null(pol_title_of(P, POL_KIND_AREA, 0));
	assert_null(pol_name_of(P, POL_KIND_PROVIDER, 2));
	assert_int_equal(pol_lookup(P, POL_KIND_OFFICE, "Derby", 5), 0);
	assert_int_equal(pol_lookup(P, POL_KIND_OFFICE, "Derb", 4), -1);
	assert_int_equal(pol_lookup(P, POL_KIND_OFFICE, "Derbyshire", 10), -1);
	assert_int_equal(pol_lookup(P, POL_KIND_OFFICE, "derby", 5), -1);
	/* a name is matched on its length, not on a NUL */
	assert_int_equal(pol_lookup(P, POL_KIND_MODE, "remote-ish", 6), 2);
	assert_int_equal(pol_lookup(P, POL_KIND_MODE, NULL, 0), -1);
	assert_int_equal(P->areas[id(POL_KIND_AREA, "East_of_England")].parent,
			 (int32_t)id(POL_KIND_AREA, "England"));
}

static void test_office(void **state)
{
	(void)state;
	struct pol_office_answer a;
	uint32_t nps = id(POL_KIND_PROVIDER, "NPS"), derby = id(POL_KIND_OFFICE, "Derby");
	/* the plan is in force from 2021-01-01: so is every schedule in it */
	assert_int_equal(pol_office_on_day(P, nps, derby, POL_MON, POL_NO_DATE, &a), 0);
	assert_false(a.covered);
	assert_false(a.open);
	assert_int_equal(pol_office_on_day(P, nps, derby, POL_MON, day(2020, 12, 31), &a), 0);
	assert_false(a.covered);
	assert_int_equal(pol_office_on_day(P, nps, derby, POL_MON, day(2021, 1, 1), &a), 0);
	assert_true(a.open);
	assert_int_equal(P->schedules[a.schedule].first, day(2021, 1, 1));
	assert_int_equal(P->schedules[a.schedule].last, POL_NO_END);
	assert_int_equal(a.n_hours, 1);
	assert_int_equal(a.open_minute[0], 9 * 60);
	assert_int_equal(a.close_minute[0], 17 * 60);
	assert_int_equal(pol_office_on_day(P, nps, derby, POL_TUE, day(2021, 3, 9), &a), 0);
	assert_false(a.open);
	assert_true(a.covered);
	assert_int_equal(a.n_hours, 0);
	/* schedule and the provider-wide telephone service */
	assert_int_equal(a.count, 2);
	const struct pol_schedule *s = &P->schedules[P->cell_schedules[a.first + 1]];
	assert_true(s->is_service);
	assert_string_equal(s->title, "telephone lines");
	assert_string_equal(P->notes[P->schedules[P->cell_schedules[a.first]].source.first_note],
			    "planned appointments only");
	/* 2021-03-10 was a Wednesday */
	assert_int_equal(pol_office_on_date(P, nps, derby, day(2021, 3, 10), &a), 0);
	assert_true(a.open);
	assert_int_equal(pol_office_on_day(P, nps, id(POL_KIND_OFFICE, "Cambridge"),
					   POL_WED, day(2021, 3, 10), &a), 0);
	assert_false(a.open);
	assert_true(a.covered);
	/* CRC has no schedule there yet: not covered, so not open */
	assert_int_equal(pol_office_on_day(P, id(POL_KIND_PROVIDER, "CRC"), derby,
					   POL_MON, day(2021, 3, 8), &a), 0);
	assert_false(a.open);
	assert_false(a.covered);
	assert_int_equal(a.schedule, -1);
	assert_int_equal(pol_office_on_day(P, 2, derby, POL_MON, POL_NO_DATE, &a), POL_EINVAL);
	assert_int_equal(pol_office_on_day(P, nps, derby, 7, POL_NO_DATE, &a), POL_EINVAL);
	assert_int_equal(pol_office_on_day(P, nps, derby, -1, POL_NO_DATE, &a), POL_EINVAL);
	assert_int_equal(pol_office_on_day(P, nps, derby, POL_MON, INT32_MAX, &a), POL_EDATE);
}

/* CRC at Derby: from 2021-04-12 until 2021-06-30, lunch closed, Thursday
 * late, closed on a bank holiday, open one Saturday morning. */
static void test_office_dated(void **state)
{
	(void)state;
	struct pol_office_answer a;
	uint32_t crc = id(POL_KIND_PROVIDER, "CRC"), derby = id(POL_KIND_OFFICE, "Derby");
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 4, 11), &a), 0);
	assert_false(a.covered);
	assert_false(a.open);
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 4, 12), &a), 0);
	assert_true(a.covered);
	assert_true(a.open);
	assert_int_equal(a.n_hours, 2);
	assert_int_equal(a.open_minute[0], 9 * 60);
	assert_int_equal(a.close_minute[0], 12 * 60 + 30);
	assert_int_equal(a.open_minute[1], 13 * 60 + 30);
	assert_int_equal(a.close_minute[1], 17 * 60);
	assert_int_equal(a.date_hours, -1);
	const struct pol_schedule *s = &P->schedules[a.schedule];
	assert_int_equal(s->first, day(2021, 4, 12));
	assert_int_equal(s->last, day(2021, 6, 30));
	/* Thursday keeps other hours */
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 4, 15), &a), 0);
	assert_int_equal(a.n_hours, 1);
	assert_int_equal(a.close_minute[0], 19 * 60);
	/* the bank holiday, a Monday, is closed by its date line */
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 5, 3), &a), 0);
	assert_true(a.covered);
	assert_false(a.open);
	assert_true(a.date_hours >= 0);
	assert_false(P->date_hours[a.date_hours].open);
	/* a Saturday the week does not open, opened by its date line */
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 4, 17), &a), 0);
	assert_true(a.open);
	assert_int_equal(a.n_hours, 1);
	assert_int_equal(a.open_minute[0], 10 * 60);
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 4, 24), &a), 0);
	assert_false(a.open);
	assert_true(a.covered);
	/* the last day, and the day after */
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 6, 30), &a), 0);
	assert_true(a.open);
	assert_int_equal(pol_office_on_date(P, crc, derby, day(2021, 7, 1), &a), 0);
	assert_false(a.covered);
	/* a weekday as of a date: the week of the schedule then, no date lines */
	assert_int_equal(pol_office_on_day(P, crc, derby, POL_MON, day(2021, 5, 3), &a), 0);
	assert_true(a.open);
	assert_int_equal(a.n_hours, 2);
	assert_int_equal(pol_office_on_day(P, crc, derby, POL_MON, day(2021, 7, 1), &a), 0);
	assert_false(a.covered);
	assert_true(pol_schedule_in_force(s, day(2021, 6, 30)));
	assert_false(pol_schedule_in_force(s, day(2021, 7, 1)));
}

static pol_case make_case(int no_phone, const char *risk, const char *mappa)
{
	pol_case c = 0;
	uint32_t code;
	assert_int_equal(pol_case_set(P, &c, id(POL_KIND_ATTRIBUTE, "no_phone"),
				      (uint32_t)no_phone), 0);
	uint32_t r = id(POL_KIND_ATTRIBUTE, "risk");
	assert_int_equal(pol_value_parse(P, r, risk, strlen(risk), &code), 0);
	assert_int_equal(pol_case_set(P, &c, r, code), 0);
	uint32_t m = id(POL_KIND_ATTRIBUTE, "mappa");
	assert_int_equal(pol_value_parse(P, m, mappa, strlen(mappa), &code), 0);
	assert_int_equal(pol_case_set(P, &c, m, code), 0);
	return c;
}

static void test_values(void **state)
{
	(void)state;
	uint32_t code, flag = id(POL_KIND_ATTRIBUTE, "no_phone");
	uint32_t risk = id(POL_KIND_ATTRIBUTE, "risk"), mappa = id(POL_KIND_ATTRIBUTE, "mappa");
	assert_int_equal(pol_value_parse(P, flag, "yes", 3, &code), 0);
	assert_int_equal(code, 1);
	assert_int_equal(pol_value_parse(P, flag, "false", 5, &code), 0);
	assert_int_equal(code, 0);
	/* exact, like every name: a spreadsheet's FALSE is not a value */
	assert_int_equal(pol_value_parse(P, flag, "FALSE", 5, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, flag, "Yes", 3, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, flag, "", 0, &code), 0);
	assert_int_equal(code, 0);
	assert_int_equal(pol_value_parse(P, flag, "maybe", 5, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, risk, "very_high", 9, &code), 0);
	assert_int_equal(code, 3);
	assert_int_equal(pol_value_parse(P, risk, "High", 4, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, risk, "very", 4, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, mappa, "3", 1, &code), 0);
	assert_int_equal(code, 3);
	assert_int_equal(pol_value_parse(P, mappa, "4", 1, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, mappa, "-1", 2, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, mappa, "99999999999", 11, &code), POL_EVALUE);
	assert_int_equal(pol_value_parse(P, 3, "1", 1, &code), POL_EINVAL);
	pol_case c = 0;
	assert_int_equal(pol_case_set(P, &c, risk, 4), POL_EVALUE);
	assert_int_equal(pol_case_set(P, &c, risk, 2), 0);
	assert_int_equal(pol_case_get(P, c, risk), 2);
	assert_int_equal(pol_case_get(P, c, mappa), 0);
}

static const char *mode_of(pol_case c, uint32_t provider)
{
	struct pol_contact_answer a;
	assert_int_equal(pol_contact(P, provider, c, &a), 0);
	return a.mode < 0 ? "none" : P->modes[a.mode].name;
}

static void test_contact(void **state)
{
	(void)state;
	uint32_t nps = id(POL_KIND_PROVIDER, "NPS"), crc = id(POL_KIND_PROVIDER, "CRC");
	assert_string_equal(mode_of(make_case(0, "low", "0"), nps), "remote");
	assert_string_equal(mode_of(make_case(1, "low", "0"), nps), "face_to_face");
	assert_string_equal(mode_of(make_case(0, "high", "0"), nps), "doorstep");
	assert_string_equal(mode_of(make_case(0, "very_high", "3"), nps), "face_to_face");
	/* CRC has no rules and no 'otherwise': no decision */
	assert_string_equal(mode_of(make_case(1, "low", "0"), crc), "none");

	uint32_t rules[4];
	pol_case both = make_case(0, "high", "3");
	assert_int_equal(pol_contact_matches(P, nps, both, rules, 4), 2);
	assert_int_equal(P->rules[rules[0]].mode, 0);	/* face_to_face first */
	assert_int_equal(P->rules[rules[1]].mode, 1);
	assert_string_equal(P->cites[P->rules[rules[1]].source.first_cite].text, "Door step");
	/* a short buffer still counts every match */
	assert_int_equal(pol_contact_matches(P, nps, both, rules, 1), 2);
	assert_int_equal(pol_contact_matches(P, nps, make_case(0, "low", "0"), rules, 4), 0);
	struct pol_contact_answer a;
	assert_int_equal(pol_contact(P, nps, make_case(0, "low", "0"), &a), 0);
	assert_true(P->rules[a.rule].is_default);
	/* codes that are no case */
	assert_int_equal(pol_contact(P, nps, (pol_case)1 << 10, &a), POL_EVALUE);
	assert_int_equal(pol_contact(P, 9, 0, &a), POL_EINVAL);
	/* the rules in force by date: NPS's take the plan's dates (from
	 * 2021-01-01); CRC has none, an empty table on every date */
	assert_int_equal(pol_contact_table_on(P, nps, day(2021, 3, 1)), (int32_t)nps);
	assert_int_equal(pol_contact_table_on(P, nps, day(2020, 12, 31)), -1);
	assert_int_equal(pol_contact_table_on(P, nps, POL_NO_DATE), -1);
	assert_int_equal(pol_contact_table_on(P, crc, POL_NO_DATE), (int32_t)crc);
	assert_int_equal(P->contact[crc].n_rules, 0);
	assert_int_equal(P->contact[nps].first, day(2021, 1, 1));
	assert_int_equal(P->contact[nps].last, POL_NO_END);
	assert_int_equal(P->contact[nps].next, -1);
	assert_int_equal(pol_contact_table_on(P, 7, day(2021, 3, 1)), -1);
	assert_int_equal(pol_contact_matches(P, nps, 0, NULL, 1), POL_EINVAL);
}

static void test_activity(void **state)
{
	(void)state;
	struct pol_activity_answer a;
	uint32_t hv = id(POL_KIND_ACTIVITY, "home_visits");
	uint32_t eng = id(POL_KIND_AREA, "England"), east = id(POL_KIND_AREA, "East_of_England");
	/* before the plan: not covered; from its first day 'initially' */
	assert_int_equal(pol_activity(P, hv, eng, day(2020, 12, 31), &a), 0);
	assert_null(a.entry);
	assert_int_equal(a.next, day(2021, 1, 1));
	assert_non_null(a.permitted_from);
	assert_int_equal(a.permitted_date, day(2021, 3, 8));
	assert_int_equal(pol_activity(P, hv, eng, day(2021, 1, 1), &a), 0);
	assert_non_null(a.entry);
	/* 'initially' decides from the plan's first day */
	assert_int_equal(a.decision->days, POL_NO_DATE);
	assert_int_equal(a.since, day(2021, 1, 1));
	assert_int_equal(pol_activity(P, hv, eng, day(2021, 3, 7), &a), 0);
	assert_non_null(a.entry);
	assert_false(a.entry->permitted);
	assert_int_equal(a.entry->days, POL_NO_DATE);
	assert_int_equal(a.next, day(2021, 3, 8));
	assert_int_equal(pol_activity(P, hv, eng, day(2021, 3, 8), &a), 0);
	assert_true(a.entry->permitted);
	assert_string_equal(a.entry->status, "resumed");
	assert_int_equal(a.entry->limits[POL_MAX_GROUP], 6);
	assert_int_equal(a.entry->limits[POL_SITES], 0);
	assert_int_equal(a.entry->n_conditions, 1);
	assert_string_equal(P->conditions[P->condition_ids[a.entry->first_condition]].name,
			    "local_decision");
	assert_string_equal(P->steps[a.entry->step].name, "step1");
	assert_int_equal(a.next, POL_NO_DATE);
	/* the region inherits England's entries and adds its own 'no change' */
	assert_int_equal(pol_activity(P, hv, east, day(2021, 4, 1), &a), 0);
	assert_true(a.entry->unchanged);
	assert_true(a.entry->permitted);
	assert_int_equal(a.entry->limits[POL_MAX_GROUP], 6);
	assert_int_equal(a.entry->days, day(2021, 3, 29));
	assert_true(a.entry->continues >= 0);
	assert_int_equal(P->entries[a.entry->continues].days, day(2021, 3, 8));
	assert_string_equal(P->cites[a.entry->source.first_cite].text, "No change at this stage");
	/* ... which changes nothing: the decision is step 1's */
	assert_non_null(a.decision);
	assert_int_equal(a.since, day(2021, 3, 8));
	assert_int_equal(a.decision->days, day(2021, 3, 8));
	assert_string_equal(P->steps[a.decision->step].name, "step1");
	assert_int_equal(a.next, POL_NO_DATE);
	assert_null(a.permitted_from);
	/* the day before the 'no change', the next change is not it */
	assert_int_equal(pol_activity(P, hv, east, day(2021, 3, 28), &a), 0);
	assert_int_equal(a.next, POL_NO_DATE);
	/* before step 1 in England: not permitted, permitted from step 1 */
	assert_int_equal(pol_activity(P, hv, eng, day(2021, 3, 1), &a), 0);
	assert_non_null(a.permitted_from);
	assert_int_equal(a.permitted_from->days, day(2021, 3, 8));
	assert_int_equal(a.permitted_date, day(2021, 3, 8));
	assert_int_equal(a.since, day(2021, 1, 1));
	/* Wales has the same entries, no region of its own */
	assert_int_equal(pol_activity(P, hv, id(POL_KIND_AREA, "Wales"), day(2021, 4, 1), &a), 0);
	assert_false(a.entry->unchanged);
	assert_int_equal(pol_activity(P, hv, eng, POL_NO_DATE, &a), POL_EDATE);
	assert_int_equal(pol_activity(P, 5, eng, day(2021, 1, 1), &a), POL_EINVAL);
	assert_int_equal(pol_activity(P, hv, 7, day(2021, 1, 1), &a), POL_EINVAL);
}

static void test_dates(void **state)
{
	(void)state;
	int32_t d;
	assert_int_equal(pol_date_parse("2021-02-28", 10, &d), 0);
	assert_int_equal(pol_date_parse("2021-02-29", 10, &d), POL_EDATE);
	assert_int_equal(pol_date_parse("2020-02-29", 10, &d), 0);
	assert_int_equal(pol_date_parse("2021-3-8", 8, &d), POL_EDATE);
	assert_int_equal(pol_date_parse("0000-01-01", 10, &d), POL_EDATE);
	assert_int_equal(pol_date_parse(NULL, 0, &d), POL_EDATE);
	assert_int_equal(pol_weekday(day(2021, 3, 8)), POL_MON);
	assert_string_equal(pol_weekday_name(POL_SUN), "Sun");
	assert_null(pol_weekday_name(7));
	char buf[POL_DATE_BUFSIZE];
	pol_date_format(day(2021, 12, 31), buf);
	assert_string_equal(buf, "2021-12-31");
}

/* Many threads at once over the same tables: the same answers. */
struct worker {
	pol_case first;
	uint64_t checksum;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	for (int round = 0; round < 2000; round++)
		for (pol_case c = 0; c < 64; c++) {
			struct pol_contact_answer a;
			if (pol_contact(P, 0, (w->first + c) & 0x3f, &a) == 0)
				w->checksum = w->checksum * 31 + (uint64_t)(a.mode + 2);
		}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	struct worker w[4];
	pthread_t t[4];
	for (int i = 0; i < 4; i++) {
		w[i].first = 0;
		w[i].checksum = 0;
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (int i = 1; i < 4; i++)
		assert_true(w[i].checksum == w[0].checksum);
	assert_true(w[0].checksum != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_and_names),
		cmocka_unit_test(test_office),
		cmocka_unit_test(test_office_dated),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_contact),
		cmocka_unit_test(test_activity),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
