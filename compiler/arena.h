/* arena.h - one allocator per compilation, freed in one call.
 *
 * Everything the front end builds (AST, strings, symbol tables, the model)
 * comes from an arena, so error recovery cannot leak: the caller frees the
 * arena and every node with it.  Allocation failure is fatal: polc reports
 * "out of memory" and exits 2, it never returns NULL to its callers.
 */
#ifndef POL_ARENA_H
#define POL_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* newest chunk, allocations come from here */
	size_t total;			/* bytes obtained from malloc, for limits */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);

/* Zeroed, aligned for any object. */
void *arena_alloc(struct arena *a, size_t size);
/* Copy of n bytes with a NUL after them. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (n)))

/* Growable array of pointers kept in an arena (old storage is abandoned
 * to the arena when it grows; at most doubling the space used). */
struct vec {
	void **items;
	size_t n, cap;
};

void vec_push(struct arena *a, struct vec *v, void *item);

/* Abort the process with "polc: out of memory" and exit status 2. */
_Noreturn void fatal_oom(void);

#endif
