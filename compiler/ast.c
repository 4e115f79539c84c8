/* ast.c - small helpers over syntax tree nodes. */
#include "ast.h"

struct pol_loc loc_span(struct pol_loc a, struct pol_loc b)
{
	struct pol_loc l = a;
	if (b.file == a.file && b.end > l.end)
		l.end = b.end;
	return l;
}
