/* changes.c - polcheck changes FROM TO [--area AREA] [--provider PROVIDER]:
 * every decision that changes on a date from FROM to TO, in date order,
 * with what it was before, what it is after, and the quotes behind it.
 *
 * A change is an entry that starts a run of entries showing an officer
 * something new (pol_entry.decided_by is itself); a 'no change' entry is
 * none.  Without --area, each change is listed once, for the area whose
 * timeline it is written in; with --area, every change that area sees,
 * its nation's included.  Office schedules and contact rules carry no
 * dates in this policy layout, so only activities change; --provider is
 * checked and narrows office and contact changes once they have dates.
 */
#include <stdlib.h>
#include <string.h>

#include "polcheck.h"

/* One change: the entry that makes it, in the cell of an area. */
struct change {
	int32_t days;
	uint32_t activity, area;
	uint32_t entry;		/* index in p->entries */
	int32_t before;		/* the entry in force the day before, or -1 */
};

static int by_date(const void *pa, const void *pb)
{
	const struct change *a = pa, *b = pb;
	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	if (a->activity != b->activity)
		return a->activity < b->activity ? -1 : 1;
	if (a->area != b->area)
		return a->area < b->area ? -1 : 1;
	return 0;
}

/* The changes of every cell in [from, to] into list (room for every
 * entry of the policy); how many. */
static size_t collect(const struct pol_policy *p, int32_t from, int32_t to,
		      int32_t area, struct change *list)
{
	size_t n = 0;
	for (uint32_t a = 0; a < p->n_activities; a++)
		for (uint32_t r = 0; r < p->n_areas; r++) {
			if (area >= 0 && r != (uint32_t)area)
				continue;
			const struct pol_timeline_cell *cell =
				&p->timeline_cells[a * p->n_areas + r];
			for (uint32_t i = 0; i < cell->count; i++) {
				uint32_t id = cell->first + i;
				const struct pol_entry *e = &p->entries[id];
				if (e->days == POL_NO_DATE || e->days < from || e->days > to ||
				    e->decided_by != (int32_t)id ||
				    (area < 0 && e->area != (int32_t)r))
					continue;
				list[n++] = (struct change){
					e->days, a, r, id, i ? (int32_t)(id - 1) : -1
				};
			}
		}
	qsort(list, n, sizeof(*list), by_date);
	return n;
}

/* {"covered","permitted","status","limits","conditions"[,"step"]}. */
static void state_json(struct out *o, const struct pol_policy *p,
		       const struct pol_entry *e, bool with_step)
{
	bool first = true;
	out_putc(o, '{');
	out_json_key(o, "covered", &first);
	out_puts(o, e ? "true" : "false");
	out_json_key(o, "permitted", &first);
	out_puts(o, e && e->permitted ? "true" : "false");
	out_json_key(o, "status", &first);
	out_json_string(o, e ? e->status : NULL);
	entry_terms_json(o, p, e, &first);
	if (with_step) {
		out_json_key(o, "step", &first);
		out_json_string(o, e && e->step >= 0 ? p->steps[e->step].name : NULL);
	}
	out_putc(o, '}');
}

static void change_json(struct out *o, const struct pol_policy *p,
			const struct change *c, bool *first)
{
	const struct pol_entry *e = &p->entries[c->entry];
	const struct pol_entry *was = c->before >= 0 ? &p->entries[c->before] : NULL;
	if (!*first)
		out_putc(o, ',');
	*first = false;
	bool f = true;
	out_putc(o, '{');
	out_json_key(o, "date", &f);
	json_date(o, c->days);
	out_json_key(o, "kind", &f);
	out_json_string(o, "activity");
	out_json_key(o, "subject", &f);
	out_lit(o, "{\"activity\":");
	out_json_string(o, p->activities[c->activity].name);
	out_lit(o, ",\"area\":");
	out_json_string(o, p->areas[c->area].name);
	out_putc(o, '}');
	out_json_key(o, "before", &f);
	state_json(o, p, was, false);
	out_json_key(o, "after", &f);
	state_json(o, p, e, true);
	out_json_key(o, "reasons", &f);
	out_putc(o, '[');
	bool fr = true;
	cite_json(o, p, &e->source, NULL, &fr);
	out_lit(o, "]}");
}

/* "permitted" or "not permitted" or "not covered". */
static const char *word(const struct pol_entry *e)
{
	return !e ? "not covered" : e->permitted ? "permitted" : "not permitted";
}

/* Whether two entries have the same limits and conditions. */
static bool same_limits(const struct pol_entry *a, const struct pol_entry *b)
{
	return memcmp(a->limits, b->limits, sizeof(a->limits)) == 0;
}

static bool same_conditions(const struct pol_policy *p, const struct pol_entry *a,
			    const struct pol_entry *b)
{
	if (a->n_conditions != b->n_conditions)
		return false;
	for (uint32_t i = 0; i < a->n_conditions; i++)
		if (p->condition_ids[a->first_condition + i] !=
		    p->condition_ids[b->first_condition + i])
			return false;
	return true;
}

static void change_plain(struct out *o, const struct pol_policy *p,
			 const struct change *c)
{
	const struct pol_entry *e = &p->entries[c->entry];
	const struct pol_entry *was = c->before >= 0 ? &p->entries[c->before] : NULL;
	out_date(o, c->days);
	out_lit(o, " activity ");
	out_puts(o, p->activities[c->activity].name);
	out_putc(o, ' ');
	out_puts(o, p->areas[c->area].name);
	out_lit(o, ": ");
	out_puts(o, word(was));
	out_lit(o, " -> ");
	out_puts(o, word(e));
	out_putc(o, '\n');
	if (e->step >= 0)
		out_line(o, "  step", p->steps[e->step].name);
	if (e->status && (!was || !was->status || strcmp(was->status, e->status) != 0)) {
		out_lit(o, "  status: ");
		out_puts(o, e->status);
		out_putc(o, '\n');
	}
	if (!was || !same_limits(was, e) || !same_conditions(p, was, e)) {
		out_lit(o, "  now: ");
		bool any = false;
		for (int i = 0; i < POL_LIMIT_COUNT; i++)
			if (e->limits[i]) {
				out_puts(o, any ? ", " : "");
				out_puts(o, limit_names[i]);
				out_putc(o, ' ');
				out_uint(o, (uint64_t)(uint32_t)e->limits[i]);
				any = true;
			}
		for (uint32_t i = 0; i < e->n_conditions; i++) {
			out_puts(o, any ? "; " : "");
			out_puts(o, condition_text(p, p->condition_ids[e->first_condition + i]));
			any = true;
		}
		out_puts(o, any ? "\n" : "no limits or conditions\n");
	}
	cite_plain(o, p, &e->source, NULL);
}

int cmd_changes(const struct pol_policy *p, const struct args *a, struct out *o)
{
	static const char usage[] =
		"usage: polcheck changes FROM TO [--area AREA] [--provider PROVIDER]";
	struct msg m;
	if (a->n_operands != 2) {
		struct shown w;
		if (a->n_operands < 2)
			report("changes: missing %s; %s", a->n_operands ? "TO" : "FROM", usage);
		else
			report("changes: unexpected argument '%s'; %s",
			       show(&w, a->operands[2], strlen(a->operands[2])), usage);
		return EXIT_BAD_INPUT;
	}
	int32_t from, to, area = -1;
	if (parse_date(a->operands[0], &from, &m) != 0 ||
	    parse_date(a->operands[1], &to, &m) != 0 ||
	    (a->area && (area = lookup_name(p, POL_KIND_AREA, a->area, &m)) < 0) ||
	    (a->provider && lookup_name(p, POL_KIND_PROVIDER, a->provider, &m) < 0)) {
		report("%s", m.text);
		return EXIT_BAD_INPUT;
	}
	if (to < from) {
		report("changes: TO (%s) is before FROM (%s)", a->operands[1], a->operands[0]);
		return EXIT_BAD_INPUT;
	}
	struct change *list = malloc((p->n_entries ? p->n_entries : 1) * sizeof(*list));
	if (!list) {
		report("out of memory");
		return EXIT_BAD_INPUT;
	}
	size_t n = collect(p, from, to, area, list);
	if (a->json) {
		out_lit(o, "{\"from\":");
		json_date(o, from);
		out_lit(o, ",\"to\":");
		json_date(o, to);
		out_lit(o, ",\"changes\":[");
		bool first = true;
		for (size_t i = 0; i < n; i++)
			change_json(o, p, &list[i], &first);
		out_lit(o, "]}\n");
	} else {
		out_uint(o, n);
		out_puts(o, n == 1 ? " change from " : " changes from ");
		out_date(o, from);
		out_lit(o, " to ");
		out_date(o, to);
		out_putc(o, '\n');
		for (size_t i = 0; i < n; i++)
			change_plain(o, p, &list[i]);
	}
	free(list);
	return EXIT_ANSWERED;
}
