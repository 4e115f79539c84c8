/* ast.c - small helpers over syntax tree nodes. */
#include "ast.h"

struct pol_loc loc_span(struct pol_loc a, struct pol_loc b)
{
	struct pol_loc l = a;
	if (b.file == a.file && b.end > l.end)
		l.end = b.end;
	return l;
}

bool schedule_of(const struct schedule *s, uint32_t provider, uint32_t office)
{
	if (s->is_service || !s->provider_decl || s->provider_decl->id != provider)
		return false;
	for (size_t i = 0; i < s->office_decls.n; i++)
		if (((const struct decl *)s->office_decls.items[i])->id == office)
			return true;
	return false;
}
