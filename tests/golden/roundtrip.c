/* roundtrip.c - prints every string of the strings policy exactly as the
 * compiled tables hold it, for comparison with what the policy says. */
#include <stdio.h>
#include <string.h>

#include "pol/runtime.h"

extern const struct pol_policy strings_policy;

static void show(const char *s)
{
	fwrite(s, 1, strlen(s), stdout);
	fputs("\n--\n", stdout);
}

int main(void)
{
	const struct pol_policy *p = &strings_policy;
	for (uint32_t i = 0; i < p->n_providers; i++)
		show(p->providers[i].title);
	for (uint32_t i = 0; i < p->schedules[0].source.n_cites; i++)
		show(p->cites[p->schedules[0].source.first_cite + i].text);
	for (uint32_t i = 0; i < p->schedules[0].source.n_notes; i++)
		show(p->notes[p->schedules[0].source.first_note + i]);
	return fflush(stdout) != 0;
}
