/* dayset.h - a set of dates as a vec of day numbers boxed in pointers:
 * the dates where something starts or ends, which diff, doc and the
 * calendar walk in order. */
#ifndef POL_DAYSET_H
#define POL_DAYSET_H

#include <stdint.h>

#include "arena.h"

/* Add a date; open ends (INT32_MIN, INT32_MAX) and repeats are left out. */
void dayset_add(struct arena *a, struct vec *v, int32_t days);
/* Sort the dates, earliest first. */
void dayset_sort(struct vec *v);

static inline int32_t dayset_at(const struct vec *v, size_t i)
{
	return (int32_t)(intptr_t)v->items[i];
}

#endif
