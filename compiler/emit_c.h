/* emit_c.h - writing a model as C tables for the runtime. */
#ifndef POL_EMIT_C_H
#define POL_EMIT_C_H

#include "model.h"
#include "writer.h"

struct emit_options {
	const char *symbol;		/* name of the struct pol_policy object */
	const char *policy_name;	/* stored in the policy, for messages */
	const char *header_include;	/* #include'd by the .c, or NULL */
};

bool emit_c_source(struct writer *w, const struct model *m,
		   const struct source_set *sources, const struct emit_options *o);
bool emit_c_header(struct writer *w, const struct model *m,
		   const struct source_set *sources, const struct emit_options *o);

#endif
