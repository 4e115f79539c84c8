/* suggest.h - "did you mean ...?" from edit distance. */
#ifndef POL_SUGGEST_H
#define POL_SUGGEST_H

#include <stddef.h>

struct suggest {
	const char *word;	/* what was written */
	const char *best;	/* closest candidate so far, or NULL */
	size_t best_distance;
};

void suggest_init(struct suggest *s, const char *word);
/* Offer a candidate; it is kept if close enough and closer than before. */
void suggest_offer(struct suggest *s, const char *candidate);
/* Optimal-string-alignment distance, case differences costing nothing
 * more than a substitution; returns limit+1 early when over limit. */
size_t suggest_distance(const char *a, const char *b, size_t limit);

#endif
