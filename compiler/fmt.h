/* fmt.h - pol source in its one canonical layout (polc fmt).
 *
 * The layout: top-level items at the margin, clauses one per line and
 * indented two spaces inside them (timeline entry clauses four), blocks
 * closed with 'end' and set off by a blank line, each construct spelled
 * as in docs/language.md ('==' in conditions, '=' in test settings,
 * "HH:MM" times).  What the author chose is kept: the order of clauses,
 * parentheses, blank lines between items (at most one), comments where
 * they were, and every text literal as written (only the indentation of
 * the lines a long text is wrapped over changes, which its value ignores).
 * Formatting is idempotent and keeps the meaning: the tables compiled
 * before and after are the same but for source line numbers.
 */
#ifndef POL_FMT_H
#define POL_FMT_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "driver.h"
#include "strbuf.h"

/* Canonical one-line text of a condition, as in a contact rule.  Chains
 * of 'and' and 'or' are walked without deep recursion. */
void fmt_cond(struct strbuf *b, const struct cond *c);

/* Canonical one-line text of a test's question (after expect/assert). */
void fmt_question(struct strbuf *b, const struct question *q);

/* Format file number `file` of c->sources on its own: parse it (nothing
 * is checked, so a file of a policy set formats without the others) and
 * lay it out.  False when the file does not parse; the diagnostics are
 * in c->diags.  Otherwise *out is the formatted text (arena memory). */
bool fmt_file(struct compilation *c, uint32_t file, struct strbuf *out);

#endif
