/* list.c - polcheck list KIND: the names the policy declares, with their
 * titles; attributes with their kind and values, steps with their dates. */
#include <string.h>

#include "polcheck.h"
#include "suggest.h"

static const struct {
	const char *word;
	enum pol_kind kind;
} kinds[] = {
	{ "providers", POL_KIND_PROVIDER },
	{ "offices", POL_KIND_OFFICE },
	{ "attributes", POL_KIND_ATTRIBUTE },
	{ "modes", POL_KIND_MODE },
	{ "activities", POL_KIND_ACTIVITY },
	{ "steps", POL_KIND_STEP },
};

#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))
static const char kinds_text[] =
	"providers, offices, attributes, modes, activities, steps";

static const char *const kind_names[] = {
	[POL_FLAG] = "flag", [POL_LEVEL] = "level", [POL_RANGE] = "range"
};

/* What follows the TAB for an attribute: "flag", "level: a < b",
 * "range 0..3"; in JSON the "kind" and "values" or "min" and "max". */
static void put_attribute(struct out *o, bool json, const struct pol_policy *p,
			  const struct pol_attribute *a, bool *first)
{
	uint8_t kind = a->kind <= POL_RANGE ? a->kind : POL_FLAG;
	if (json) {
		out_json_key(o, "kind", first);
		out_json_string(o, kind_names[kind]);
	} else {
		out_puts(o, kind_names[kind]);
	}
	if (kind == POL_LEVEL) {
		if (json) {
			out_json_key(o, "values", first);
			out_putc(o, '[');
		} else {
			out_lit(o, ": ");
		}
		for (uint32_t i = 0; i < a->size; i++) {
			const char *v = p->values[a->first_value + i];
			if (i)
				out_puts(o, json ? "," : " < ");
			if (json)
				out_json_string(o, v);
			else
				out_puts(o, v);
		}
		if (json)
			out_putc(o, ']');
	} else if (kind == POL_RANGE) {
		int64_t lo = a->lo, hi = (int64_t)a->lo + (int64_t)a->size - 1;
		if (json) {
			out_json_key(o, "min", first);
			if (lo < 0)
				out_putc(o, '-');
			out_uint(o, (uint64_t)(lo < 0 ? -lo : lo));
			out_json_key(o, "max", first);
			if (hi < 0)
				out_putc(o, '-');
			out_uint(o, (uint64_t)(hi < 0 ? -hi : hi));
		} else {
			out_putc(o, ' ');
			if (lo < 0)
				out_putc(o, '-');
			out_uint(o, (uint64_t)(lo < 0 ? -lo : lo));
			out_lit(o, "..");
			if (hi < 0)
				out_putc(o, '-');
			out_uint(o, (uint64_t)(hi < 0 ? -hi : hi));
		}
	}
}

/* A step's dates: "2021-03-08, 2021-03-29", or a JSON array of them. */
static void put_dates(struct out *o, bool json, const struct pol_policy *p,
		      const struct pol_step *s, bool *first)
{
	if (json) {
		out_json_key(o, "dates", first);
		out_putc(o, '[');
	}
	for (uint32_t i = 0; i < s->n_dates; i++) {
		if (i)
			out_puts(o, json ? "," : ", ");
		if (json)
			out_putc(o, '"');
		out_date(o, p->step_dates[s->first_date + i]);
		if (json)
			out_putc(o, '"');
	}
	if (json)
		out_putc(o, ']');
}

/* The kind a word names, or -1 with the error reported. */
static int find_kind(const char *word)
{
	struct suggest sg;
	struct shown w;
	suggest_init(&sg, word);
	for (size_t i = 0; i < N_KINDS; i++) {
		if (strcmp(word, kinds[i].word) == 0)
			return (int)i;
		suggest_offer(&sg, kinds[i].word);
	}
	show(&w, word, strlen(word));
	if (sg.best)
		report("list: unknown kind '%s'; did you mean '%s'?", w.text, sg.best);
	else
		report("list: unknown kind '%s' (%s)", w.text, kinds_text);
	return -1;
}

int cmd_list(const struct pol_policy *p, const struct args *a, struct out *o)
{
	if (a->n_operands != 1) {
		if (a->n_operands == 0) {
			report("list: missing what to list (%s)", kinds_text);
		} else {
			struct shown w;
			report("list: unexpected argument '%s'; usage: polcheck list KIND",
			       show(&w, a->operands[1], strlen(a->operands[1])));
		}
		return EXIT_BAD_INPUT;
	}
	int k = find_kind(a->operands[0]);
	if (k < 0)
		return EXIT_BAD_INPUT;
	enum pol_kind kind = kinds[k].kind;
	uint32_t n = pol_count(p, kind);
	if (a->json) {
		out_putc(o, '{');
		out_json_string(o, kinds[k].word);
		out_lit(o, ":[");
	}
	for (uint32_t i = 0; i < n; i++) {
		const char *name = pol_name_of(p, kind, i);
		const char *title = pol_title_of(p, kind, i);
		bool first = true;
		if (a->json) {
			out_puts(o, i ? ",{" : "{");
			out_json_key(o, "name", &first);
			out_json_string(o, name);
			out_json_key(o, "title", &first);
			out_json_string(o, title);
		} else {
			out_puts(o, name);
		}
		if (kind == POL_KIND_ATTRIBUTE) {
			if (!a->json)
				out_putc(o, '\t');
			put_attribute(o, a->json, p, &p->attributes[i], &first);
		} else if (kind == POL_KIND_STEP) {
			if (!a->json)
				out_putc(o, '\t');
			put_dates(o, a->json, p, &p->steps[i], &first);
		} else if (title && !a->json) {
			out_putc(o, '\t');
			out_puts(o, title);
		}
		out_putc(o, a->json ? '}' : '\n');
	}
	if (a->json)
		out_lit(o, "]}\n");
	return EXIT_ANSWERED;
}
