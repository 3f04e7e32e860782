/* Internal interfaces between the fitter files (fit.c, fit-guess.c, fit-auto.c). */
#ifndef EIS_FIT_PRIVATE_H
#define EIS_FIT_PRIVATE_H

#include "fit.h"

/* Which variant of the automatic guess to produce (0 = the base guess). Variants change
 * the assumed dispersion (CPE exponents) and how overlapping arcs are split. */
int eis_fit_guess_variant (const EisCircuit *c, const EisSpectrum *s, int variant, double *p,
                           EisError *err);

/* Number of deterministic guess variants worth trying for this circuit. */
int eis_fit_guess_n_variants (const EisCircuit *c);

#endif
