/* lookup.c - names as an officer types them: exact match, or an error
 * naming the nearest valid name of the kind that was expected. */
#include <string.h>

#include "polcheck.h"
#include "suggest.h"

const char *kind_word(enum pol_kind kind)
{
	switch (kind) {
	case POL_KIND_PROVIDER: return "provider";
	case POL_KIND_AREA: return "nation or region";
	case POL_KIND_OFFICE: return "office";
	case POL_KIND_ATTRIBUTE: return "attribute";
	case POL_KIND_MODE: return "mode";
	case POL_KIND_CONDITION: return "condition";
	case POL_KIND_ACTIVITY: return "activity";
	case POL_KIND_STEP: return "step";
	case POL_KIND_COUNT: break;
	}
	return "name";
}

/* The list command that shows the names of a kind, if there is one. */
static const char *list_word(enum pol_kind kind)
{
	switch (kind) {
	case POL_KIND_PROVIDER: return "providers";
	case POL_KIND_OFFICE: return "offices";
	case POL_KIND_ATTRIBUTE: return "attributes";
	case POL_KIND_MODE: return "modes";
	case POL_KIND_ACTIVITY: return "activities";
	case POL_KIND_STEP: return "steps";
	default: return NULL;
	}
}

/* The names of a kind joined by ", ", cut short with "..." to fit. */
static const char *names_of(const struct pol_policy *p, enum pol_kind kind,
			    char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	uint32_t count = pol_count(p, kind);
	for (uint32_t i = 0; i < count; i++) {
		const char *name = pol_name_of(p, kind, i);
		size_t len = strlen(name);
		if (n + len + 2 + 4 > cap) {
			memcpy(buf + n, "...", 4);
			break;
		}
		if (i) {
			memcpy(buf + n, ", ", 2);
			n += 2;
		}
		memcpy(buf + n, name, len + 1);
		n += len;
	}
	return buf;
}

int32_t lookup_name(const struct pol_policy *p, enum pol_kind kind,
		    const char *word, struct msg *m)
{
	size_t len = strlen(word);
	int32_t id = pol_lookup(p, kind, word, len);
	if (id >= 0)
		return id;
	struct suggest s;
	suggest_init(&s, word);
	uint32_t n = pol_count(p, kind);
	for (uint32_t i = 0; i < n; i++)
		suggest_offer(&s, pol_name_of(p, kind, i));
	struct shown w;
	char names[MSG_MAX / 2];
	show(&w, word, len);
	if (s.best)
		msg_set(m, "unknown %s '%s'; did you mean '%s'?", kind_word(kind),
			w.text, s.best);
	else if (list_word(kind))
		msg_set(m, "unknown %s '%s' (see 'polcheck list %s')",
			kind_word(kind), w.text, list_word(kind));
	else
		msg_set(m, "unknown %s '%s' (%s)", kind_word(kind), w.text,
			names_of(p, kind, names, sizeof(names)));
	return -1;
}

int parse_day(const char *s)
{
	for (int d = 0; d < 7; d++)
		if (strcmp(s, pol_weekday_name(d)) == 0)
			return d;
	return -1;
}

int parse_date(const char *s, int32_t *days, struct msg *m)
{
	size_t len = strlen(s);
	if (pol_date_parse(s, len, days) == 0)
		return 0;
	struct shown w;
	msg_set(m, "'%s' is not a date (YYYY-MM-DD)", show(&w, s, len));
	return -1;
}
