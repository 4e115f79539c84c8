/* case.c - the values of case attributes, as officers write them. */
#include <stdio.h>
#include <string.h>

#include "polcheck.h"

void describe_values(const struct pol_policy *p, uint32_t attribute,
		     char *buf, size_t cap)
{
	const struct pol_attribute *a = &p->attributes[attribute];
	if (a->kind == POL_FLAG) {
		snprintf(buf, cap, "true, false, yes, no, 1, 0");
		return;
	}
	if (a->kind == POL_RANGE) {
		snprintf(buf, cap, "%ld..%ld", (long)a->lo,
			 (long)a->lo + (long)a->size - 1);
		return;
	}
	size_t n = 0;
	buf[0] = '\0';
	for (uint32_t i = 0; i < a->size; i++) {
		const char *v = p->values[a->first_value + i];
		size_t len = strlen(v);
		if (n + len + 2 + 4 > cap) {	/* ", " ahead, "..." and NUL */
			memcpy(buf + n, "...", 4);
			return;
		}
		if (i) {
			memcpy(buf + n, ", ", 2);
			n += 2;
		}
		memcpy(buf + n, v, len + 1);
		n += len;
	}
}

int parse_value(const struct pol_policy *p, uint32_t attribute,
		const char *s, size_t len, bool empty_is_lowest,
		uint32_t *code, struct msg *m)
{
	const struct pol_attribute *a = &p->attributes[attribute];
	if (len == 0 && empty_is_lowest) {
		*code = 0;	/* false, the lowest value, the range's lo */
		return 0;
	}
	/* no NUL inside: the runtime compares value names as C strings */
	if (len > 0 && !memchr(s, '\0', len) &&
	    pol_value_parse(p, attribute, s, len, code) == 0)
		return 0;
	char values[MSG_MAX / 2];
	struct shown w;
	describe_values(p, attribute, values, sizeof(values));
	msg_set(m, "'%s' is not a value of %s (%s)", show(&w, s, len), a->name,
		values);
	return -1;
}
