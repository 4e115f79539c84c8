/* dayset.c - sets of dates. */
#include "dayset.h"

#include <stdlib.h>

void dayset_add(struct arena *a, struct vec *v, int32_t days)
{
	if (days == INT32_MIN || days == INT32_MAX)
		return;
	for (size_t i = 0; i < v->n; i++)
		if (dayset_at(v, i) == days)
			return;
	vec_push(a, v, (void *)(intptr_t)days);
}

static int by_day(const void *pa, const void *pb)
{
	intptr_t a = (intptr_t)*(void *const *)pa, b = (intptr_t)*(void *const *)pb;
	return a < b ? -1 : a > b;
}

void dayset_sort(struct vec *v)
{
	if (v->n > 1)
		qsort(v->items, v->n, sizeof(void *), by_day);
}
