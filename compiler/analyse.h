/* analyse.h - warnings about the meaning of a modelled policy: rules that
 * can never decide, cases no rule decides, offices never open, steps out
 * of order, declarations never used. */
#ifndef POL_ANALYSE_H
#define POL_ANALYSE_H

#include "model.h"

void analyse_policy(struct arena *a, struct diags *d, const struct model *m);

#endif
