/* contact.c - polcheck contact PROVIDER [ATTR | ATTR=VALUE]...: the mode
 * a provider gives a case, the other modes whose rules apply, and the
 * cites of every rule that applies. */
#include <stdlib.h>
#include <string.h>

#include "polcheck.h"

/* Build the case from the operands after the provider: ATTR sets a flag,
 * ATTR=VALUE any attribute; each attribute at most once.  0, or -1 with
 * m set. */
static int read_case(const struct pol_policy *p, char *const *words, int n,
		     pol_case *c, struct msg *m)
{
	bool *given = calloc(p->n_attributes + 1, sizeof(*given));
	if (!given) {
		msg_set(m, "out of memory");
		return -1;
	}
	int rc = 0;
	*c = 0;		/* every flag false, every level and range lowest */
	for (int i = 0; i < n && rc == 0; i++) {
		const char *w = words[i];
		const char *eq = strchr(w, '=');
		size_t len = eq ? (size_t)(eq - w) : strlen(w);
		char name[130];
		int32_t id = -1;
		if (len < sizeof(name)) {
			memcpy(name, w, len);
			name[len] = '\0';
			id = lookup_name(p, POL_KIND_ATTRIBUTE, name, m);
		} else {
			id = lookup_name(p, POL_KIND_ATTRIBUTE, w, m);
		}
		if (id < 0) {
			rc = -1;
			break;
		}
		const struct pol_attribute *a = &p->attributes[id];
		uint32_t code = 1;
		if (given[id]) {
			msg_set(m, "%s is given twice", a->name);
			rc = -1;
		} else if (!eq && a->kind != POL_FLAG) {
			char values[MSG_MAX / 2];
			describe_values(p, (uint32_t)id, values, sizeof(values));
			msg_set(m, "%s is a %s: give it a value, %s=VALUE (%s)", a->name,
				a->kind == POL_LEVEL ? "level" : "range", a->name, values);
			rc = -1;
		} else if (eq && parse_value(p, (uint32_t)id, eq + 1, strlen(eq + 1),
					     false, &code, m) != 0) {
			rc = -1;
		} else if (pol_case_set(p, c, (uint32_t)id, code) != 0) {
			msg_set(m, "%s: the policy cannot hold this value", a->name);
			rc = -1;
		}
		given[id] = true;
	}
	free(given);
	return rc;
}

/* The rules of the provider that apply to the case, highest priority
 * first, in *rules (malloc'd; the caller frees it); their number, or -1. */
static int matching_rules(const struct pol_policy *p, uint32_t provider,
			  pol_case c, uint32_t **rules)
{
	size_t cap = p->contact[provider].n_rules + 1;
	*rules = malloc(cap * sizeof(**rules));
	if (!*rules)
		return -1;
	int n = pol_contact_matches(p, provider, c, *rules, cap);
	if (n < 0 || (size_t)n > cap) {
		free(*rules);
		*rules = NULL;
		return -1;
	}
	return n;
}

/* Whether a rule of the list decides a mode. */
static bool has_mode(const struct pol_policy *p, const uint32_t *rules, int n,
		     uint32_t mode)
{
	for (int i = 0; i < n; i++)
		if (p->rules[rules[i]].mode == mode)
			return true;
	return false;
}

/* The modes of applying rules other than the decisive one, in priority
 * order: JSON strings or plain names, comma-separated. */
static void put_also(struct out *o, bool json, const struct pol_policy *p,
		     const uint32_t *rules, int n, int32_t decisive)
{
	bool first = true;
	for (uint32_t mode = 0; mode < p->n_modes; mode++) {
		if ((int32_t)mode == decisive || !has_mode(p, rules, n, mode))
			continue;
		if (!first)
			out_puts(o, json ? "," : ", ");
		first = false;
		if (json)
			out_json_string(o, p->modes[mode].name);
		else
			out_puts(o, p->modes[mode].name);
	}
}

/* The rules behind the answer: every rule that applies, or the
 * 'otherwise' rule when none does. */
static void put_reasons(struct out *o, bool json, const struct pol_policy *p,
			const uint32_t *rules, int n,
			const struct pol_contact_answer *ans)
{
	bool first = true;
	for (int i = 0; i < n; i++) {
		const struct pol_rule *r = &p->rules[rules[i]];
		if (json)
			cite_json(o, p, &r->source, p->modes[r->mode].name, &first);
		else
			cite_plain(o, p, &r->source, p->modes[r->mode].name);
	}
	if (n == 0 && ans->rule >= 0) {
		const struct pol_rule *r = &p->rules[ans->rule];
		if (json)
			cite_json(o, p, &r->source, p->modes[r->mode].name, &first);
		else
			cite_plain(o, p, &r->source, p->modes[r->mode].name);
	}
}

int cmd_contact(const struct pol_policy *p, const struct args *a, struct out *o)
{
	struct msg m;
	if (a->n_operands < 1) {
		report("contact: missing PROVIDER; usage: polcheck contact PROVIDER "
		       "[ATTR | ATTR=VALUE]...");
		return EXIT_BAD_INPUT;
	}
	int32_t provider = lookup_name(p, POL_KIND_PROVIDER, a->operands[0], &m);
	pol_case c;
	if (provider < 0 ||
	    read_case(p, a->operands + 1, a->n_operands - 1, &c, &m) != 0) {
		report("%s", m.text);
		return EXIT_BAD_INPUT;
	}
	struct pol_contact_answer ans;
	uint32_t *rules = NULL;
	int rc = pol_contact(p, (uint32_t)provider, c, &ans);
	int n = rc == 0 ? matching_rules(p, (uint32_t)provider, c, &rules) : -1;
	if (n < 0) {
		report("contact: the policy cannot answer for this case (error %d)", rc);
		return EXIT_BAD_INPUT;
	}
	const char *mode = ans.mode >= 0 ? p->modes[ans.mode].name : NULL;
	if (a->json) {
		bool first = true;
		out_putc(o, '{');
		out_json_key(o, "provider", &first);
		out_json_string(o, p->providers[provider].name);
		out_json_key(o, "mode", &first);
		out_json_string(o, mode);
		out_json_key(o, "also", &first);
		out_putc(o, '[');
		put_also(o, true, p, rules, n, ans.mode);
		out_putc(o, ']');
		out_json_key(o, "reasons", &first);
		out_putc(o, '[');
		put_reasons(o, true, p, rules, n, &ans);
		out_lit(o, "]}\n");
	} else {
		out_puts(o, mode ? mode : "no decision");
		out_putc(o, '\n');
		out_line(o, "provider", p->providers[provider].name);
		bool others = false;
		for (int i = 0; i < n; i++)
			others = others || (int32_t)p->rules[rules[i]].mode != ans.mode;
		if (others) {
			out_puts(o, "also: ");
			put_also(o, false, p, rules, n, ans.mode);
			out_putc(o, '\n');
		}
		if (a->explain) {
			out_puts(o, "because:\n");
			put_reasons(o, false, p, rules, n, &ans);
		}
	}
	free(rules);
	return EXIT_ANSWERED;
}
