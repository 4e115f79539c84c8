/* contact.c - polcheck contact PROVIDER [ATTR | ATTR=VALUE]...: the mode
 * a provider gives a case, the other modes whose rules apply, the cites
 * of every rule that applies, and what the smallest changes to the case
 * would give each mode of higher priority (would_be). */
#include <stdio.h>
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

/* The clauses of a rule's condition that hold for the case: "risk >=
 * high" of "risk >= high or high_priority".  JSON: strings of an array. */
static void put_clauses(struct out *o, bool json, const struct pol_policy *p,
			const struct pol_rule *r, pol_case c)
{
	bool first = true;
	for (uint32_t k = 0; k < r->n_clauses; k++) {
		uint32_t id = r->first_clause + k;
		if (!pol_clause_holds(p, id, c))
			continue;
		const char *text = p->clauses[id].text;
		if (json) {
			out_puts(o, first ? "\"" : ",\"");
			out_json_chars(o, text, strlen(text));
			out_putc(o, '"');
		} else {
			out_puts(o, first ? "" : "; ");
			out_puts(o, text);
		}
		first = false;
	}
}

/* Which part of each applying rule's condition made it apply: JSON
 * objects {"mode", "condition", "when": [...], "source"}; plain lines
 * "  [mode] applies as: CLAUSE (of: CONDITION)" for --explain. */
static void put_applies(struct out *o, bool json, const struct pol_policy *p,
			const uint32_t *rules, int n, pol_case c)
{
	bool first = true;
	for (int i = 0; i < n; i++) {
		const struct pol_rule *r = &p->rules[rules[i]];
		if (!r->condition)
			continue;
		const char *mode = p->modes[r->mode].name;
		if (json) {
			out_puts(o, first ? "{" : ",{");
			bool f = true;
			out_json_key(o, "mode", &f);
			out_json_string(o, mode);
			out_json_key(o, "condition", &f);
			out_json_string(o, r->condition);
			out_json_key(o, "when", &f);
			out_putc(o, '[');
			put_clauses(o, true, p, r, c);
			out_putc(o, ']');
			out_json_key(o, "source", &f);
			out_putc(o, '"');
			out_json_chars(o, r->source.file, strlen(r->source.file));
			out_putc(o, ':');
			out_uint(o, r->source.line);
			out_lit(o, "\"}");
		} else {
			out_lit(o, "  [");
			out_puts(o, mode);
			out_lit(o, "] applies as: ");
			put_clauses(o, false, p, r, c);
			if (r->n_clauses > 1) {
				out_lit(o, " (of: ");
				out_puts(o, r->condition);
				out_putc(o, ')');
			}
			out_putc(o, '\n');
		}
		first = false;
	}
}

/* For each mode of higher priority than the decided one (every mode when
 * none is decided), the first POL_WOULD_BE_MAX_SETS minimal sets of
 * changes that would give it: pol_contact_would_be. */
struct would_be {
	struct pol_change_set *sets;	/* [mode * POL_WOULD_BE_MAX_SETS + i] */
	int *n;				/* [mode]: sets found, 0 for the others */
};

/* Fill wb (malloc'd; would_be_free frees it); 0, or -1 with nothing to
 * free when memory ran out or the runtime refused the case. */
static int would_be_find(const struct pol_policy *p, uint32_t provider,
			 pol_case c, int32_t decided, struct would_be *wb)
{
	wb->sets = calloc((size_t)p->n_modes * POL_WOULD_BE_MAX_SETS + 1, sizeof(*wb->sets));
	wb->n = calloc(p->n_modes + 1, sizeof(*wb->n));
	uint32_t above = decided >= 0 ? (uint32_t)decided : p->n_modes;
	int rc = wb->sets && wb->n ? 0 : -1;
	for (uint32_t mode = 0; mode < above && rc == 0; mode++) {
		int n = pol_contact_would_be(p, provider, c, mode,
					     &wb->sets[mode * POL_WOULD_BE_MAX_SETS],
					     POL_WOULD_BE_MAX_SETS);
		if (n < 0)
			rc = -1;
		else
			wb->n[mode] = n;
	}
	if (rc != 0) {
		free(wb->sets);
		free(wb->n);
	}
	return rc;
}

static void would_be_free(struct would_be *wb)
{
	free(wb->sets);
	free(wb->n);
}

/* Text as it is, or escaped inside a JSON string's quotes. */
static void put_text(struct out *o, bool json, const char *s)
{
	if (json)
		out_json_chars(o, s, strlen(s));
	else
		out_puts(o, s);
}

/* One change as contact takes it as an operand: "no_phone" for a flag set,
 * "no_phone=false", "risk=very_high", "mappa=3". */
static void put_change(struct out *o, bool json, const struct pol_policy *p,
		       const struct pol_change *ch)
{
	const struct pol_attribute *a = &p->attributes[ch->attribute];
	char number[24];
	const char *value = number;
	put_text(o, json, a->name);
	if (a->kind == POL_FLAG)
		value = ch->code ? NULL : "false";
	else if (a->kind == POL_LEVEL)
		value = p->values[a->first_value + ch->code];
	else
		snprintf(number, sizeof(number), "%lld", (long long)a->lo + ch->code);
	if (value) {
		out_putc(o, '=');
		put_text(o, json, value);
	}
}

/* "would_be": [{"mode": M, "if": [["a", "b=v"], ...]}, ...], modes in
 * priority order, those no change gives left out. */
static void put_would_be_json(struct out *o, const struct pol_policy *p,
			      const struct would_be *wb)
{
	bool first_mode = true;
	out_putc(o, '[');
	for (uint32_t mode = 0; mode < p->n_modes; mode++) {
		if (wb->n[mode] == 0)
			continue;
		if (!first_mode)
			out_putc(o, ',');
		first_mode = false;
		bool first = true;
		out_putc(o, '{');
		out_json_key(o, "mode", &first);
		out_json_string(o, p->modes[mode].name);
		out_json_key(o, "if", &first);
		out_putc(o, '[');
		for (int i = 0; i < wb->n[mode]; i++) {
			const struct pol_change_set *s = &wb->sets[mode * POL_WOULD_BE_MAX_SETS + i];
			out_puts(o, i ? ",[" : "[");
			for (uint32_t j = 0; j < s->n; j++) {
				out_puts(o, j ? ",\"" : "\"");
				put_change(o, true, p, &s->changes[j]);
				out_putc(o, '"');
			}
			out_putc(o, ']');
		}
		out_lit(o, "]}");
	}
	out_putc(o, ']');
}

/* One line per mode: "would be MODE with a and b=v, or with c". */
static void put_would_be_plain(struct out *o, const struct pol_policy *p,
			       const struct would_be *wb)
{
	for (uint32_t mode = 0; mode < p->n_modes; mode++) {
		if (wb->n[mode] == 0)
			continue;
		out_puts(o, "would be ");
		out_puts(o, p->modes[mode].name);
		for (int i = 0; i < wb->n[mode]; i++) {
			const struct pol_change_set *s = &wb->sets[mode * POL_WOULD_BE_MAX_SETS + i];
			out_puts(o, i ? ", or with " : " with ");
			for (uint32_t j = 0; j < s->n; j++) {
				if (j)
					out_puts(o, " and ");
				put_change(o, false, p, &s->changes[j]);
			}
		}
		out_putc(o, '\n');
	}
}

bool contact_dated(const struct pol_policy *p, uint32_t provider)
{
	for (int32_t t = (int32_t)provider; t >= 0; t = p->contact[t].next) {
		if (p->contact[t].first != POL_NO_DATE || p->contact[t].last != POL_NO_END)
			return true;
		if (p->contact[t].next >= 0 && p->contact[t].next <= t)
			break;
	}
	return false;
}

/* "in force: from DATE until DATE", or when none is, the dates that are
 * covered: "covered: from ... ; from ...". */
static void put_span(struct out *o, int32_t first, int32_t last)
{
	if (first != POL_NO_DATE) {
		out_lit(o, "from ");
		out_date(o, first);
	}
	if (last != POL_NO_END) {
		out_puts(o, first != POL_NO_DATE ? " until " : "until ");
		out_date(o, last);
	}
	if (first == POL_NO_DATE && last == POL_NO_END)
		out_lit(o, "on every date");
}

static void put_rules_in_force(struct out *o, const struct pol_policy *p,
			       uint32_t provider, int32_t table)
{
	if (table >= 0) {
		out_puts(o, "in force: ");
		put_span(o, p->contact[table].first, p->contact[table].last);
		out_putc(o, '\n');
		return;
	}
	out_puts(o, "covered: ");
	bool first = true;
	for (int32_t t = (int32_t)provider; t >= 0; t = p->contact[t].next) {
		if (p->contact[t].n_rules) {
			out_puts(o, first ? "" : "; ");
			put_span(o, p->contact[t].first, p->contact[t].last);
			first = false;
		}
		if (p->contact[t].next >= 0 && p->contact[t].next <= t)
			break;
	}
	out_puts(o, first ? "never\n" : "\n");
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
	/* the provider's rules in force as of --date or today, when they
	 * are dated; else its undated ones */
	bool dated = contact_dated(p, (uint32_t)provider);
	int32_t as_of = POL_NO_DATE;
	if (dated && polcheck_as_of(a, &as_of) != 0)
		return EXIT_BAD_INPUT;
	int32_t table = pol_contact_table_on(p, (uint32_t)provider, as_of);
	struct pol_contact_answer ans = { -1, -1 };
	uint32_t *rules = NULL;
	int rc = 0, n = 0;
	struct would_be wb = { NULL, NULL };
	if (table >= 0) {
		rc = pol_contact(p, (uint32_t)table, c, &ans);
		n = rc == 0 ? matching_rules(p, (uint32_t)table, c, &rules) : -1;
		if (n >= 0 && would_be_find(p, (uint32_t)table, c, ans.mode, &wb) != 0) {
			free(rules);
			n = -1;
		}
	} else {
		/* no rules in force: the plan says nothing of the case (read_case
		 * made it of values the attributes have) */
		wb.n = calloc(p->n_modes + 1, sizeof(*wb.n));
		n = wb.n ? 0 : -1;
	}
	if (n < 0) {
		report("contact: the policy cannot answer for this case (error %d)", rc);
		would_be_free(&wb);
		return EXIT_BAD_INPUT;
	}
	const char *mode = ans.mode >= 0 ? p->modes[ans.mode].name : NULL;
	if (a->json) {
		bool first = true;
		out_putc(o, '{');
		out_json_key(o, "provider", &first);
		out_json_string(o, p->providers[provider].name);
		if (dated) {
			out_json_key(o, "as_of", &first);
			json_date(o, as_of);
			out_json_key(o, "in_force", &first);
			if (table >= 0) {
				out_lit(o, "{\"from\":");
				json_date(o, p->contact[table].first);
				out_lit(o, ",\"until\":");
				json_date(o, p->contact[table].last);
				out_putc(o, '}');
			} else {
				out_lit(o, "null");
			}
		}
		/* no rule and no 'otherwise' for the case: the plan says nothing */
		out_json_key(o, "covered", &first);
		out_puts(o, mode ? "true" : "false");
		out_json_key(o, "mode", &first);
		out_json_string(o, mode);
		out_json_key(o, "also", &first);
		out_putc(o, '[');
		put_also(o, true, p, rules, n, ans.mode);
		out_putc(o, ']');
		out_json_key(o, "reasons", &first);
		out_putc(o, '[');
		put_reasons(o, true, p, rules, n, &ans);
		out_putc(o, ']');
		out_json_key(o, "applies", &first);
		out_putc(o, '[');
		put_applies(o, true, p, rules, n, c);
		out_putc(o, ']');
		out_json_key(o, "would_be", &first);
		put_would_be_json(o, p, &wb);
		out_lit(o, "}\n");
	} else {
		out_puts(o, mode ? mode : "not covered");
		out_putc(o, '\n');
		out_line(o, "provider", p->providers[provider].name);
		if (dated) {
			out_puts(o, "as of: ");
			out_date(o, as_of);
			out_putc(o, '\n');
			put_rules_in_force(o, p, (uint32_t)provider, table);
		}
		bool others = false;
		for (int i = 0; i < n; i++)
			others = others || (int32_t)p->rules[rules[i]].mode != ans.mode;
		if (others) {
			out_puts(o, "also: ");
			put_also(o, false, p, rules, n, ans.mode);
			out_putc(o, '\n');
		}
		put_would_be_plain(o, p, &wb);
		if (a->explain) {
			out_puts(o, "because:\n");
			put_reasons(o, false, p, rules, n, &ans);
			put_applies(o, false, p, rules, n, c);
		}
	}
	would_be_free(&wb);
	free(rules);
	return EXIT_ANSWERED;
}
