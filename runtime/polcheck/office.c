/* office.c - polcheck office PROVIDER OFFICE DAY|DATE: is the office open
 * for the provider, its hours, the notes of its schedules, its services,
 * and the cites behind them. */
#include <string.h>

#include "polcheck.h"
#include "suggest.h"

/* When the answer is asked for: a weekday, or a date and its weekday. */
struct moment {
	int weekday;
	bool has_date;
	int32_t days;
	int32_t in_force;	/* the date whose schedule answers */
};

/* The weekday a wrong day most likely means: "monday", "Tues" and "Mnd"
 * all mean "Mon".  NULL when none is near. */
static const char *near_day(const char *s)
{
	struct suggest sg;
	suggest_init(&sg, s);
	for (int d = 0; d < 7; d++) {
		const char *name = pol_weekday_name(d);
		if (strlen(s) >= 3 && (s[0] | 0x20) == (name[0] | 0x20) &&
		    (s[1] | 0x20) == name[1] && (s[2] | 0x20) == name[2])
			return name;
		suggest_offer(&sg, name);
	}
	return sg.best;
}

/* Read DAY|DATE; 0, or -1 with m set. */
static int parse_moment(const char *s, struct moment *t, struct msg *m)
{
	t->has_date = false;
	t->weekday = parse_day(s);
	if (t->weekday >= 0)
		return 0;
	if (s[0] >= '0' && s[0] <= '9') {	/* meant as a date */
		if (parse_date(s, &t->days, m) != 0)
			return -1;
		t->has_date = true;
		t->weekday = pol_weekday(t->days);
		return 0;
	}
	struct shown w;
	show(&w, s, strlen(s));
	const char *near = near_day(s);
	if (near) {
		msg_set(m, "unknown day '%s'; did you mean '%s'?", w.text, near);
		return -1;
	}
	msg_set(m, "'%s' is neither a day (Mon..Sun) nor a date (YYYY-MM-DD)",
		w.text);
	return -1;
}

/* One service as a line: "telephone lines: Mon..Fri 09:00-17:00", its
 * notes after its days ("; "-separated), or its notes alone when it gives
 * no days. */
static void put_service(struct out *o, bool json, const struct pol_policy *p,
			const struct pol_schedule *s)
{
	const char *title = s->title ? s->title : "service";
	put_words(o, json, title, strlen(title));
	const char *sep = ": ";
	if (s->days) {
		put_words(o, json, sep, 2);
		week_text(o, json, p, s);
		sep = "; ";
	}
	for (uint32_t i = 0; i < s->source.n_notes; i++) {
		const char *note = p->notes[s->source.first_note + i];
		put_words(o, json, sep, 2);
		put_words(o, json, note, strlen(note));
		sep = "; ";
	}
}

/* The schedules and services of the answer: the schedule in force, then
 * the services in force on the date asked about. */
static bool counts(const struct pol_policy *p, const struct pol_office_answer *ans,
		   int32_t days, uint32_t i)
{
	uint32_t id = p->cell_schedules[ans->first + i];
	const struct pol_schedule *s = &p->schedules[id];
	return s->is_service ? pol_schedule_in_force(s, days)
			     : (int32_t)id == ans->schedule;
}

/* The notes of the schedule in force, then the services in force: plain
 * lines, or the strings of the JSON "notes" array. */
static void put_notes(struct out *o, bool json, const struct pol_policy *p,
		      const struct pol_office_answer *ans, int32_t days)
{
	bool first = true;
	if (ans->schedule >= 0) {
		const struct pol_schedule *s = &p->schedules[ans->schedule];
		for (uint32_t k = 0; k < s->source.n_notes; k++) {
			const char *note = p->notes[s->source.first_note + k];
			bool seen = false;
			for (uint32_t j = 0; j < k && !seen; j++)
				seen = strcmp(p->notes[s->source.first_note + j], note) == 0;
			if (seen)
				continue;
			if (json) {
				out_puts(o, first ? "\"" : ",\"");
				out_json_chars(o, note, strlen(note));
				out_putc(o, '"');
			} else {
				out_line(o, "note", note);
			}
			first = false;
		}
	}
	for (uint32_t i = 0; i < ans->count; i++) {
		const struct pol_schedule *s =
			&p->schedules[p->cell_schedules[ans->first + i]];
		if (!s->is_service || !counts(p, ans, days, i))
			continue;
		if (json)
			out_puts(o, first ? "\"" : ",\"");
		else
			out_puts(o, "service: ");
		put_service(o, json, p, s);
		out_putc(o, json ? '"' : '\n');
		first = false;
	}
}

/* Whether some schedule of the provider's office is dated: then which
 * week a weekday question gets depends on the date it is asked as of,
 * and the answer says it. */
static bool dated_cell(const struct pol_policy *p, const struct pol_office_answer *ans)
{
	for (uint32_t i = 0; i < ans->count; i++) {
		const struct pol_schedule *s =
			&p->schedules[p->cell_schedules[ans->first + i]];
		if (!s->is_service && (s->first != POL_NO_DATE || s->last != POL_NO_END))
			return true;
	}
	return false;
}

/* A date or null, quoted for JSON. */
static void json_day(struct out *o, int32_t days)
{
	if (days == POL_NO_DATE || days == POL_NO_END) {
		out_lit(o, "null");
		return;
	}
	out_putc(o, '"');
	out_date(o, days);
	out_putc(o, '"');
}

/* "from 2021-04-12 until 2021-06-20", "from 2021-04-12", "until ...",
 * or "on every date" for an undated schedule. */
static void put_span(struct out *o, int32_t first, int32_t last)
{
	if (first == POL_NO_DATE && last == POL_NO_END) {
		out_lit(o, "on every date (the plan gives no dates)");
		return;
	}
	if (first != POL_NO_DATE) {
		out_lit(o, "from ");
		out_date(o, first);
	}
	if (last != POL_NO_END) {
		out_puts(o, first != POL_NO_DATE ? " until " : "until ");
		out_date(o, last);
	}
}

/* The dates some schedule of the cell is in force: what the plan does
 * cover, for a 'not covered' answer. */
static void put_coverage(struct out *o, bool json, const struct pol_policy *p,
			 const struct pol_office_answer *ans)
{
	bool first = true;
	for (uint32_t i = 0; i < ans->count; i++) {
		const struct pol_schedule *s =
			&p->schedules[p->cell_schedules[ans->first + i]];
		if (s->is_service)
			break;
		if (json) {
			out_puts(o, first ? "{\"from\":" : ",{\"from\":");
			json_day(o, s->first);
			out_lit(o, ",\"until\":");
			json_day(o, s->last);
			out_putc(o, '}');
		} else {
			out_puts(o, first ? "covered: " : "; ");
			put_span(o, s->first, s->last);
		}
		first = false;
	}
	if (!json)
		out_puts(o, first ? "covered: never (no schedule of this provider names the office)\n"
				 : "\n");
}

/* The hours of the answer: "09:00-12:30 and 13:30-17:00". */
static void answer_hours(struct out *o, const struct pol_office_answer *ans)
{
	for (uint32_t i = 0; i < ans->n_hours; i++) {
		if (i)
			out_lit(o, " and ");
		out_hours(o, ans->open_minute[i], ans->close_minute[i]);
	}
}

/* The answer as one JSON object on one line (keys as in the contract). */
static void answer_json(struct out *o, const struct pol_policy *p,
			uint32_t provider, uint32_t office,
			const struct moment *t,
			const struct pol_office_answer *ans)
{
	bool first = true;
	out_putc(o, '{');
	out_json_key(o, "provider", &first);
	out_json_string(o, p->providers[provider].name);
	out_json_key(o, "office", &first);
	out_json_string(o, p->offices[office].name);
	out_json_key(o, "day", &first);
	out_json_string(o, pol_weekday_name(t->weekday));
	if (t->has_date) {
		out_json_key(o, "date", &first);
		json_day(o, t->days);
	} else if (dated_cell(p, ans)) {
		out_json_key(o, "as_of", &first);
		json_day(o, t->in_force);
	}
	out_json_key(o, "covered", &first);
	out_puts(o, ans->covered ? "true" : "false");
	out_json_key(o, "open", &first);
	out_puts(o, ans->open ? "true" : "false");
	if (ans->open && ans->n_hours) {
		out_json_key(o, "hours", &first);
		out_putc(o, '"');
		answer_hours(o, ans);
		out_putc(o, '"');
	}
	if (ans->covered) {
		const struct pol_schedule *s = &p->schedules[ans->schedule];
		out_json_key(o, "in_force", &first);
		out_lit(o, "{\"from\":");
		json_day(o, s->first);
		out_lit(o, ",\"until\":");
		json_day(o, s->last);
		out_putc(o, '}');
	} else {
		out_json_key(o, "covered_dates", &first);
		out_putc(o, '[');
		put_coverage(o, true, p, ans);
		out_putc(o, ']');
	}
	if (ans->date_hours >= 0) {
		const struct pol_date_hours *dh = &p->date_hours[ans->date_hours];
		out_json_key(o, "date_rule", &first);
		out_lit(o, "{\"from\":");
		json_day(o, dh->first);
		out_lit(o, ",\"until\":");
		json_day(o, dh->last);
		out_puts(o, dh->open ? ",\"open\":true}" : ",\"open\":false}");
	}
	out_json_key(o, "notes", &first);
	out_putc(o, '[');
	put_notes(o, true, p, ans, t->in_force);
	out_putc(o, ']');
	out_json_key(o, "reasons", &first);
	out_putc(o, '[');
	bool first_reason = true;
	for (uint32_t i = 0; i < ans->count; i++)
		if (counts(p, ans, t->in_force, i))
			cite_json(o, p, &p->schedules[p->cell_schedules[ans->first + i]].source,
				  NULL, &first_reason);
	out_lit(o, "]}\n");
}

/* The answer word, the detail lines, and with explain the reasons. */
static void answer_plain(struct out *o, const struct pol_policy *p,
			 uint32_t provider, uint32_t office,
			 const struct moment *t,
			 const struct pol_office_answer *ans, bool explain)
{
	/* where no schedule of the provider for the office is in force the
	 * plan says nothing: not 'closed' */
	out_puts(o, !ans->covered ? "not covered\n" : ans->open ? "open\n" : "closed\n");
	const struct pol_name *prov = &p->providers[provider];
	out_puts(o, "provider: ");
	out_puts(o, prov->name);
	if (prov->title) {
		out_lit(o, " (");
		out_puts(o, prov->title);
		out_putc(o, ')');
	}
	out_putc(o, '\n');
	out_line(o, "office", p->offices[office].name);
	out_line(o, "day", pol_weekday_name(t->weekday));
	if (t->has_date) {
		out_puts(o, "date: ");
		out_date(o, t->days);
		out_putc(o, '\n');
	} else if (dated_cell(p, ans)) {
		out_puts(o, "as of: ");
		out_date(o, t->in_force);
		out_putc(o, '\n');
	}
	if (ans->open && ans->n_hours) {
		out_puts(o, "hours: ");
		answer_hours(o, ans);
		out_putc(o, '\n');
	}
	if (ans->covered) {
		const struct pol_schedule *s = &p->schedules[ans->schedule];
		out_puts(o, "in force: ");
		put_span(o, s->first, s->last);
		out_putc(o, '\n');
	} else {
		put_coverage(o, false, p, ans);
	}
	if (ans->date_hours >= 0) {
		const struct pol_date_hours *dh = &p->date_hours[ans->date_hours];
		out_puts(o, dh->open ? "date line: open " : "date line: closed ");
		if (dh->first == dh->last) {
			out_lit(o, "on ");
			out_date(o, dh->first);
		} else {
			put_span(o, dh->first, dh->last);
		}
		out_putc(o, '\n');
	}
	put_notes(o, false, p, ans, t->in_force);
	if (explain) {
		out_puts(o, "because:\n");
		for (uint32_t i = 0; i < ans->count; i++)
			if (counts(p, ans, t->in_force, i))
				cite_plain(o, p,
					   &p->schedules[p->cell_schedules[ans->first + i]].source,
					   NULL);
	}
}

int cmd_office(const struct pol_policy *p, const struct args *a, struct out *o)
{
	static const char usage[] = "usage: polcheck office PROVIDER OFFICE DAY|DATE";
	struct msg m;
	if (a->n_operands < 3) {
		static const char *const what[] = { "PROVIDER", "OFFICE", "DAY|DATE" };
		report("office: missing %s; %s", what[a->n_operands], usage);
		return EXIT_BAD_INPUT;
	}
	if (a->n_operands > 3) {
		struct shown w;
		report("office: unexpected argument '%s'; %s",
		       show(&w, a->operands[3], strlen(a->operands[3])), usage);
		return EXIT_BAD_INPUT;
	}
	int32_t provider = lookup_name(p, POL_KIND_PROVIDER, a->operands[0], &m);
	int32_t office = provider < 0 ? -1 :
		lookup_name(p, POL_KIND_OFFICE, a->operands[1], &m);
	struct moment t;
	if (provider < 0 || office < 0 || parse_moment(a->operands[2], &t, &m) != 0) {
		report("%s", m.text);
		return EXIT_BAD_INPUT;
	}
	if (t.has_date) {
		if (a->date) {
			report("office: the date is given twice, as '%s' and with --date; "
			       "give one", a->operands[2]);
			return EXIT_BAD_INPUT;
		}
		t.in_force = t.days;
	} else if (polcheck_as_of(a, &t.in_force) != 0) {
		return EXIT_BAD_INPUT;
	}
	struct pol_office_answer ans;
	int rc = t.has_date ?
		pol_office_on_date(p, (uint32_t)provider, (uint32_t)office, t.days, &ans) :
		pol_office_on_day(p, (uint32_t)provider, (uint32_t)office, t.weekday,
				  t.in_force, &ans);
	if (rc != 0) {
		report("office: the policy cannot answer (error %d)", rc);
		return EXIT_BAD_INPUT;
	}
	if (a->json)
		answer_json(o, p, (uint32_t)provider, (uint32_t)office, &t, &ans);
	else
		answer_plain(o, p, (uint32_t)provider, (uint32_t)office, &t, &ans,
			     a->explain);
	return EXIT_ANSWERED;
}
