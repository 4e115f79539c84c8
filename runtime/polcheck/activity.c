/* activity.c - polcheck activity ACTIVITY NATION|REGION DATE: may the
 * activity run in the area on the date, on what terms, since when and
 * until when, and the cites behind the entry in force. */
#include <string.h>

#include "polcheck.h"

/* What the answer is about. */
struct question {
	uint32_t activity, area;
	int32_t days;
	uint32_t max_chain;	/* entries of the cell: bounds a 'no change' chain */
};

/* The sources behind an entry: its own, then for 'no change' those of
 * the entries it continues, back to one that says something. */
static void put_reasons(struct out *o, bool json, const struct pol_policy *p,
			const struct question *q, const struct pol_entry *e)
{
	bool first = true;
	for (uint32_t hops = 0; e && hops <= q->max_chain; hops++) {
		if (json)
			cite_json(o, p, &e->source, NULL, &first);
		else
			cite_plain(o, p, &e->source, NULL);
		e = e->unchanged && e->continues >= 0 ? &p->entries[e->continues] : NULL;
	}
}


/* What an officer reads when the plan says nothing for the question. */
static const char not_covered_status[] =
	"the plan has no entry for this activity in this area on this date";

/* The answer as one JSON object on one line (keys as in the contract). */
static void answer_json(struct out *o, const struct pol_policy *p,
			const struct question *q,
			const struct pol_activity_answer *ans)
{
	const struct pol_entry *e = ans->entry, *d = ans->decision;
	const struct pol_entry *pf = ans->permitted_from;
	bool first = true;
	out_putc(o, '{');
	out_json_key(o, "activity", &first);
	out_json_string(o, p->activities[q->activity].name);
	out_json_key(o, "area", &first);
	out_json_string(o, p->areas[q->area].name);
	out_json_key(o, "date", &first);
	out_putc(o, '"');
	out_date(o, q->days);
	out_putc(o, '"');
	out_json_key(o, "covered", &first);
	out_puts(o, e ? "true" : "false");
	out_json_key(o, "permitted", &first);
	out_puts(o, e && e->permitted ? "true" : "false");
	out_json_key(o, "permitted_from", &first);
	json_date(o, pf ? ans->permitted_date : POL_NO_DATE);
	out_json_key(o, "permitted_from_step", &first);
	out_json_string(o, pf && pf->step >= 0 ? p->steps[pf->step].name : NULL);
	out_json_key(o, "status", &first);
	out_json_string(o, e ? e->status : not_covered_status);
	out_json_key(o, "since", &first);
	json_date(o, d ? ans->since : POL_NO_DATE);
	out_json_key(o, "next", &first);
	json_date(o, ans->next);
	out_json_key(o, "step", &first);
	out_json_string(o, d && d->step >= 0 ? p->steps[d->step].name : NULL);
	entry_terms_json(o, p, e, &first);
	out_json_key(o, "reasons", &first);
	out_putc(o, '[');
	put_reasons(o, true, p, q, e);
	out_lit(o, "]}\n");
}

/* The answer word, the detail lines, and with explain the reasons. */
static void answer_plain(struct out *o, const struct pol_policy *p,
			 const struct question *q,
			 const struct pol_activity_answer *ans, bool explain)
{
	const struct pol_entry *e = ans->entry, *d = ans->decision;
	const struct pol_entry *pf = ans->permitted_from;
	out_puts(o, !e ? "not covered\n" : e->permitted ? "permitted\n" :
		 "not permitted\n");
	if (pf) {
		out_puts(o, "permitted from ");
		out_date(o, ans->permitted_date);
		if (pf->step >= 0) {
			out_lit(o, " (");
			out_puts(o, p->steps[pf->step].name);
			out_putc(o, ')');
		}
		out_putc(o, '\n');
	}
	out_line(o, "activity", p->activities[q->activity].name);
	out_line(o, "area", p->areas[q->area].name);
	out_puts(o, "date: ");
	out_date(o, q->days);
	out_putc(o, '\n');
	out_line(o, "status", e ? e->status : not_covered_status);
	if (d) {
		out_puts(o, "since: ");
		if (ans->since == POL_NO_DATE) {
			out_puts(o, "the start of the plan");
		} else {
			out_date(o, ans->since);
			if (d->days == POL_NO_DATE)
				out_lit(o, " (the start of the plan)");
		}
		out_putc(o, '\n');
		if (d->step >= 0)
			out_line(o, "step", p->steps[d->step].name);
	}
	if (ans->next != POL_NO_DATE) {
		out_puts(o, "next: ");
		out_date(o, ans->next);
		out_putc(o, '\n');
	}
	entry_terms_plain(o, p, e);
	if (explain) {
		out_puts(o, "because:\n");
		put_reasons(o, false, p, q, e);
	}
}

int cmd_activity(const struct pol_policy *p, const struct args *a,
		 struct out *o)
{
	static const char usage[] = "usage: polcheck activity ACTIVITY NATION|REGION DATE";
	struct msg m;
	if (a->n_operands < 3) {
		static const char *const what[] = {
			"ACTIVITY", "NATION|REGION", "DATE"
		};
		report("activity: missing %s; %s", what[a->n_operands], usage);
		return EXIT_BAD_INPUT;
	}
	if (a->n_operands > 3) {
		struct shown w;
		report("activity: unexpected argument '%s'; %s",
		       show(&w, a->operands[3], strlen(a->operands[3])), usage);
		return EXIT_BAD_INPUT;
	}
	struct question q;
	int32_t activity = lookup_name(p, POL_KIND_ACTIVITY, a->operands[0], &m);
	int32_t area = activity < 0 ? -1 :
		lookup_name(p, POL_KIND_AREA, a->operands[1], &m);
	if (activity < 0 || area < 0 || parse_date(a->operands[2], &q.days, &m) != 0) {
		report("%s", m.text);
		return EXIT_BAD_INPUT;
	}
	q.activity = (uint32_t)activity;
	q.area = (uint32_t)area;
	q.max_chain = p->timeline_cells[q.activity * p->n_areas + q.area].count;
	struct pol_activity_answer ans;
	int rc = pol_activity(p, q.activity, q.area, q.days, &ans);
	if (rc != 0) {
		report("activity: the policy cannot answer (error %d)", rc);
		return EXIT_BAD_INPUT;
	}
	if (a->json)
		answer_json(o, p, &q, &ans);
	else
		answer_plain(o, p, &q, &ans, a->explain);
	return EXIT_ANSWERED;
}
