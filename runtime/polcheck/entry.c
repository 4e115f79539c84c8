/* entry.c - what a timeline entry says to an officer, written once for
 * the activity and changes commands: its limits and conditions. */
#include "polcheck.h"

const char *const limit_names[POL_LIMIT_COUNT] = {
	[POL_MAX_GROUP] = "max_group",
	[POL_MIN_GROUP] = "min_group",
	[POL_FACILITATORS] = "facilitators",
	[POL_SITES] = "sites",
};

const char *condition_text(const struct pol_policy *p, uint32_t condition)
{
	const struct pol_name *c = &p->conditions[condition];
	return c->title ? c->title : c->name;
}

void json_date(struct out *o, int32_t days)
{
	if (days == POL_NO_DATE) {
		out_puts(o, "null");
		return;
	}
	out_putc(o, '"');
	out_date(o, days);
	out_putc(o, '"');
}

void entry_terms_json(struct out *o, const struct pol_policy *p,
		      const struct pol_entry *e, bool *first)
{
	out_json_key(o, "limits", first);
	out_putc(o, '{');
	bool first_limit = true;
	for (int i = 0; e && i < POL_LIMIT_COUNT; i++) {
		if (e->limits[i] == 0)
			continue;
		out_json_key(o, limit_names[i], &first_limit);
		out_uint(o, (uint64_t)(uint32_t)e->limits[i]);
	}
	out_putc(o, '}');
	out_json_key(o, "conditions", first);
	out_putc(o, '[');
	for (uint32_t i = 0; e && i < e->n_conditions; i++) {
		if (i)
			out_putc(o, ',');
		out_json_string(o, condition_text(p, p->condition_ids[e->first_condition + i]));
	}
	out_putc(o, ']');
}

void entry_terms_plain(struct out *o, const struct pol_policy *p,
		       const struct pol_entry *e)
{
	bool first = true;
	for (int i = 0; e && i < POL_LIMIT_COUNT; i++) {
		if (e->limits[i] == 0)
			continue;
		out_puts(o, first ? "limits: " : ", ");
		out_puts(o, limit_names[i]);
		out_putc(o, ' ');
		out_uint(o, (uint64_t)(uint32_t)e->limits[i]);
		first = false;
	}
	if (!first)
		out_putc(o, '\n');
	for (uint32_t i = 0; e && i < e->n_conditions; i++)
		out_line(o, "condition",
			 condition_text(p, p->condition_ids[e->first_condition + i]));
}
