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

/* Text of plain output or of a JSON string: the same words either way. */
static void put_text(struct out *o, bool json, const char *s, size_t n)
{
	if (json)
		out_json_chars(o, s, n);
	else
		out_write(o, s, n);
}

/* The days of a schedule with their hours: days with the same hours are
 * grouped, runs of three or more days written as ranges (Mon..Fri),
 * hours after each group when known: "Mon..Fri 09:00-17:00". */
static void put_days(struct out *o, bool json, const struct pol_schedule *s)
{
	bool done[7] = { false };
	bool first_group = true;
	for (int d = 0; d < 7; d++) {
		if (!((s->days >> d) & 1u) || done[d])
			continue;
		int open = s->open_minute[d], close = s->close_minute[d];
		bool in[7];
		for (int e = 0; e < 7; e++) {
			in[e] = ((s->days >> e) & 1u) && s->open_minute[e] == open &&
				s->close_minute[e] == close;
			if (in[e])
				done[e] = true;
		}
		if (!first_group)
			put_text(o, json, ", ", 2);
		first_group = false;
		bool first_run = true;
		for (int e = 0; e < 7; e++) {
			if (!in[e])
				continue;
			int end = e;
			while (end + 1 < 7 && in[end + 1])
				end++;
			int stop = end - e >= 2 ? e : end;	/* written one by one */
			for (int k = e; k <= stop; k++) {
				if (!first_run)
					put_text(o, json, ", ", 2);
				first_run = false;
				put_text(o, json, pol_weekday_name(k), 3);
			}
			if (stop != end) {
				put_text(o, json, "..", 2);
				put_text(o, json, pol_weekday_name(end), 3);
			}
			e = end;
		}
		if (open >= 0 && close >= 0) {
			char hours[HOURS_BUFSIZE];
			hours_text(hours, open, close);
			put_text(o, json, " ", 1);
			put_text(o, json, hours, HOURS_BUFSIZE - 1);
		}
	}
}

/* One service as a line: "telephone lines: Mon..Fri 09:00-17:00", its
 * notes after its days ("; "-separated), or its notes alone when it gives
 * no days. */
static void put_service(struct out *o, bool json, const struct pol_policy *p,
			const struct pol_schedule *s)
{
	const char *title = s->title ? s->title : "service";
	put_text(o, json, title, strlen(title));
	const char *sep = ": ";
	if (s->days) {
		put_text(o, json, sep, 2);
		put_days(o, json, s);
		sep = "; ";
	}
	for (uint32_t i = 0; i < s->source.n_notes; i++) {
		const char *note = p->notes[s->source.first_note + i];
		put_text(o, json, sep, 2);
		put_text(o, json, note, strlen(note));
		sep = "; ";
	}
}

/* Whether the note at index i of the cell's schedules was already given
 * by an earlier schedule of the cell (the same words twice say nothing). */
static bool note_seen(const struct pol_policy *p,
		      const struct pol_office_answer *ans, uint32_t upto,
		      const char *note)
{
	for (uint32_t i = 0; i < upto; i++) {
		const struct pol_schedule *s =
			&p->schedules[p->cell_schedules[ans->first + i]];
		if (s->is_service)
			continue;
		for (uint32_t k = 0; k < s->source.n_notes; k++)
			if (strcmp(p->notes[s->source.first_note + k], note) == 0)
				return true;
	}
	return false;
}

/* The notes of the schedules, then the services: plain lines, or the
 * strings of the JSON "notes" array. */
static void put_notes(struct out *o, bool json, const struct pol_policy *p,
		      const struct pol_office_answer *ans)
{
	bool first = true;
	for (uint32_t i = 0; i < ans->count; i++) {
		const struct pol_schedule *s =
			&p->schedules[p->cell_schedules[ans->first + i]];
		if (s->is_service)
			continue;
		for (uint32_t k = 0; k < s->source.n_notes; k++) {
			const char *note = p->notes[s->source.first_note + k];
			bool seen = false;
			for (uint32_t j = 0; j < k && !seen; j++)
				seen = strcmp(p->notes[s->source.first_note + j], note) == 0;
			if (seen || note_seen(p, ans, i, note))
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
		if (!s->is_service)
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
		out_putc(o, '"');
		out_date(o, t->days);
		out_putc(o, '"');
	}
	out_json_key(o, "covered", &first);
	out_puts(o, ans->covered ? "true" : "false");
	out_json_key(o, "open", &first);
	out_puts(o, ans->open ? "true" : "false");
	if (ans->open && ans->open_minute >= 0 && ans->close_minute >= 0) {
		out_json_key(o, "hours", &first);
		out_putc(o, '"');
		out_hours(o, ans->open_minute, ans->close_minute);
		out_putc(o, '"');
	}
	out_json_key(o, "notes", &first);
	out_putc(o, '[');
	put_notes(o, true, p, ans);
	out_putc(o, ']');
	out_json_key(o, "reasons", &first);
	out_putc(o, '[');
	bool first_reason = true;
	for (uint32_t i = 0; i < ans->count; i++)
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
	/* where no schedule of the provider names the office the plan says
	 * nothing: not 'closed' */
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
	}
	if (ans->open && ans->open_minute >= 0 && ans->close_minute >= 0) {
		out_puts(o, "hours: ");
		out_hours(o, ans->open_minute, ans->close_minute);
		out_putc(o, '\n');
	}
	put_notes(o, false, p, ans);
	if (explain) {
		out_puts(o, "because:\n");
		for (uint32_t i = 0; i < ans->count; i++)
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
	struct pol_office_answer ans;
	int rc = t.has_date ?
		pol_office_on_date(p, (uint32_t)provider, (uint32_t)office, t.days, &ans) :
		pol_office_on_day(p, (uint32_t)provider, (uint32_t)office, t.weekday, &ans);
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
