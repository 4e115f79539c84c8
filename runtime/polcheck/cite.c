/* cite.c - reasons: the quoted source behind an answer, and where the
 * rule quoting it is written. */
#include "polcheck.h"

void cite_json(struct out *o, const struct pol_policy *p,
	       const struct pol_source *src, const char *mode, bool *first)
{
	for (uint32_t i = 0; i < src->n_cites; i++) {
		const struct pol_cite *c = &p->cites[src->first_cite + i];
		if (!*first)
			out_putc(o, ',');
		*first = false;
		bool f = true;
		out_putc(o, '{');
		if (mode) {
			out_json_key(o, "mode", &f);
			out_json_string(o, mode);
		}
		out_json_key(o, "cite", &f);
		out_json_string(o, c->text);
		out_json_key(o, "source", &f);
		out_putc(o, '"');
		out_json_chars(o, c->file, strlen(c->file));
		out_putc(o, ':');
		out_uint(o, c->line);
		out_lit(o, "\"}");
	}
}

void cite_plain(struct out *o, const struct pol_policy *p,
		const struct pol_source *src, const char *mode)
{
	for (uint32_t i = 0; i < src->n_cites; i++) {
		const struct pol_cite *c = &p->cites[src->first_cite + i];
		out_lit(o, "  ");
		if (mode) {
			out_putc(o, '[');
			out_puts(o, mode);
			out_lit(o, "] ");
		}
		out_putc(o, '"');
		out_puts(o, c->text);
		out_lit(o, "\"\n    ");
		out_puts(o, c->file);
		out_putc(o, ':');
		out_uint(o, c->line);
		out_putc(o, '\n');
	}
}
