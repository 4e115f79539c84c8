/* diag.h - diagnostics: recorded as they are found, printed late.
 *
 * A diagnostic is a severity, an identifier (a stable short name such as
 * "unknown-name", used by -Werror=, JSON and SARIF), a primary location,
 * a message and any number of notes, each with a location of its own.
 * They are printed sorted by file and position, in the GNU form
 *
 *   file:line:col: error: message
 *      12 |   open Mno
 *         |        ^~~
 */
#ifndef POL_DIAG_H
#define POL_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "source.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

enum diag_format { DIAG_TEXT, DIAG_JSON, DIAG_SARIF };

struct diag {
	enum diag_severity severity;
	const char *id;
	struct pol_loc loc;
	bool has_loc;		/* false for whole-run messages */
	char *message;
	struct diag *notes, *notes_tail;	/* severity DIAG_NOTE */
	struct diag *next_note;
	size_t seq;		/* order of recording, for a stable sort */
};

struct diags {
	struct arena *arena;
	const struct source_set *sources;
	struct vec items;	/* struct diag *, top-level only */
	unsigned errors, warnings;
	unsigned max_errors;	/* stop recording errors after this many */
	bool werror;		/* warnings count as errors */
	bool truncated;		/* errors past max_errors were dropped */
};

void diags_init(struct diags *d, struct arena *a, const struct source_set *s);

struct diag *diag_error(struct diags *d, const char *id, struct pol_loc loc,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
struct diag *diag_warning(struct diags *d, const char *id, struct pol_loc loc,
			  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Attach a note to a diagnostic; a NULL parent (dropped error) is ignored. */
void diag_note(struct diags *d, struct diag *parent, struct pol_loc loc,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* True once max_errors errors have been recorded. */
bool diags_full(const struct diags *d);

/* Number of errors, counting warnings when werror is set. */
unsigned diags_failures(const struct diags *d);

/* Print everything recorded, in the given format, to f, and flush it.
 * Returns 0 when all of it was written, else the errno that says why
 * not (EIO when the stream gave none): JSON and SARIF are output, and a
 * command that loses them must not succeed. */
int diags_print(struct diags *d, FILE *f, enum diag_format format,
		const char *tool);
/* The JSON and SARIF forms (diag_json.c), of diagnostics already sorted;
 * 0 or the errno of a failed write, as diags_print. */
int diags_print_structured(struct diags *d, FILE *f, struct diag **v, size_t n,
			   enum diag_format format, const char *tool);

#endif
