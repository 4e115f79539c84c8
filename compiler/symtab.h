/* symtab.h - the policy set's one namespace of declared names. */
#ifndef POL_SYMTAB_H
#define POL_SYMTAB_H

#include "arena.h"
#include "ast.h"

struct symtab {
	struct decl **slots;	/* open addressing, power-of-two size */
	size_t cap, n;
	struct arena *arena;
};

void symtab_init(struct symtab *t, struct arena *a);
struct decl *symtab_get(const struct symtab *t, const char *name);
/* Insert d; if the name is taken, return the earlier declaration. */
struct decl *symtab_put(struct symtab *t, struct decl *d);

#endif
