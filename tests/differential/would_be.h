/* would_be.h - the would_be part of the differential test (would_be.c). */
#ifndef POL_DIFFERENTIAL_WOULD_BE_H
#define POL_DIFFERENTIAL_WOULD_BE_H

#include "interp.h"
#include "model.h"
#include "pol/runtime.h"

/* Compare every case x mode that is affordable; the number of questions
 * asked, disagreements added to *disagreements (the first few printed). */
unsigned long differential_would_be(const struct pol_policy *p,
				    const struct policy_set *set,
				    const struct model *m,
				    const struct interp *in,
				    unsigned long *disagreements);

#endif
