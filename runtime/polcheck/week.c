/* week.c - a schedule's week as words, "Mon..Fri 09:00-12:30, 13:30-17:00",
 * for the office and changes commands. */
#include "polcheck.h"

/* Text of plain output or of a JSON string: the same words either way. */
void put_words(struct out *o, bool json, const char *s, size_t n)
{
	if (json)
		out_json_chars(o, s, n);
	else
		out_write(o, s, n);
}

/* A day's hours as text: "09:00-12:30 and 13:30-17:00"; nothing when the
 * plan gives none. */
void hours_list_text(struct out *o, bool json, const struct pol_policy *p,
		      const struct pol_hours *h)
{
	for (uint32_t i = 0; i < h->count; i++) {
		const struct pol_interval *iv = &p->intervals[h->first + i];
		char hours[HOURS_BUFSIZE];
		hours_text(hours, iv->open_minute, iv->close_minute);
		if (i)
			put_words(o, json, " and ", 5);
		put_words(o, json, hours, HOURS_BUFSIZE - 1);
	}
}

static bool same_hours(const struct pol_policy *p, const struct pol_hours *a,
		       const struct pol_hours *b)
{
	if (a->count != b->count)
		return false;
	for (uint32_t i = 0; i < a->count; i++) {
		const struct pol_interval *x = &p->intervals[a->first + i];
		const struct pol_interval *y = &p->intervals[b->first + i];
		if (x->open_minute != y->open_minute || x->close_minute != y->close_minute)
			return false;
	}
	return true;
}

/* The days of a schedule with their hours: days with the same hours are
 * grouped, runs of three or more days written as ranges (Mon..Fri),
 * hours after each group when known: "Mon..Fri 09:00-17:00". */
void week_text(struct out *o, bool json, const struct pol_policy *p,
	       const struct pol_schedule *s)
{
	bool done[7] = { false };
	bool first_group = true;
	for (int d = 0; d < 7; d++) {
		if (!((s->days >> d) & 1u) || done[d])
			continue;
		bool in[7];
		for (int e = 0; e < 7; e++) {
			in[e] = ((s->days >> e) & 1u) && same_hours(p, &s->week[e], &s->week[d]);
			if (in[e])
				done[e] = true;
		}
		if (!first_group)
			put_words(o, json, ", ", 2);
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
					put_words(o, json, ", ", 2);
				first_run = false;
				put_words(o, json, pol_weekday_name(k), 3);
			}
			if (stop != end) {
				put_words(o, json, "..", 2);
				put_words(o, json, pol_weekday_name(end), 3);
			}
			e = end;
		}
		if (s->week[d].count) {
			put_words(o, json, " ", 1);
			hours_list_text(o, json, p, &s->week[d]);
		}
	}
}

