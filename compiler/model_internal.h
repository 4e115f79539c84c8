/* model_internal.h - shared by the model_*.c files only. */
#ifndef POL_MODEL_INTERNAL_H
#define POL_MODEL_INTERNAL_H

#include "model.h"

/* Index of an attribute declaration in m->attrs, or (size_t)-1. */
size_t model_attr_index(const struct model *m, const struct decl *attr);

/* The schedules and services: versions of one provider's office that
 * overlap are errors, a gap between them a warning.  False on error. */
bool model_build_offices(struct model *m, struct diags *d);
bool model_build_contact(struct model *m, struct diags *d);
bool model_build_timelines(struct model *m, struct diags *d);

#endif
