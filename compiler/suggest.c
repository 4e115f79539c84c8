/* suggest.c - nearest names by edit distance, for hints. */
#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LEN = 128 };

void suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->best_distance = (size_t)-1;
}

static int same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

size_t suggest_distance(const char *a, const char *b, size_t limit)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > MAX_LEN || m > MAX_LEN)
		return limit + 1;
	if ((n > m ? n - m : m - n) > limit)
		return limit + 1;
	/* three rows of the dynamic programme, for transpositions */
	size_t rows[3][MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		size_t row_min = cur[0];
		for (size_t j = 1; j <= m; j++) {
			/* a change of case costs nothing: "derby" finds "Derby" */
			size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) &&
			    same(a[i - 2], b[j - 1]) && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > limit)
			return limit + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

void suggest_offer(struct suggest *s, const char *candidate)
{
	size_t len = strlen(s->word);
	/* a third of the word may be wrong, and at least one letter */
	size_t limit = len / 3 > 0 ? len / 3 : 1;
	if (limit > 4)
		limit = 4;
	size_t d = suggest_distance(s->word, candidate, limit);
	if (d <= limit && d < s->best_distance && strcmp(s->word, candidate) != 0) {
		s->best = candidate;
		s->best_distance = d;
	}
}
