/* symtab.c - a hash table of declarations keyed by name. */
#include "symtab.h"

#include <string.h>

static size_t hash(const char *s)
{
	size_t h = 2166136261u;	/* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void symtab_init(struct symtab *t, struct arena *a)
{
	t->arena = a;
	t->cap = 64;
	t->n = 0;
	t->slots = ARENA_ARRAY(a, struct decl *, t->cap);
}

static struct decl **find(const struct symtab *t, const char *name)
{
	size_t mask = t->cap - 1;
	for (size_t i = hash(name) & mask;; i = (i + 1) & mask)
		if (!t->slots[i] || strcmp(t->slots[i]->name.text, name) == 0)
			return &t->slots[i];
}

struct decl *symtab_get(const struct symtab *t, const char *name)
{
	return *find(t, name);
}

static void grow(struct symtab *t)
{
	struct decl **old = t->slots;
	size_t old_cap = t->cap;
	t->cap *= 2;
	t->slots = ARENA_ARRAY(t->arena, struct decl *, t->cap);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			*find(t, old[i]->name.text) = old[i];
}

struct decl *symtab_put(struct symtab *t, struct decl *d)
{
	if ((t->n + 1) * 2 > t->cap)
		grow(t);
	struct decl **slot = find(t, d->name.text);
	if (*slot)
		return *slot;
	*slot = d;
	t->n++;
	return NULL;
}
