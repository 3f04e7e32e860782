/* Internal interfaces between the fitter files (fit.c, fit-guess.c, fit-auto.c). */
#ifndef EIS_FIT_PRIVATE_H
#define EIS_FIT_PRIVATE_H

#include "fit.h"

/* Which variant of the automatic guess to produce (0 = the base guess). Variants change
 * the assumed dispersion (CPE exponents) and how overlapping arcs are split. */
int eis_fit_guess_variant (const EisCircuit *c, const EisSpectrum *s, int variant, double *p,
                           EisError *err);

/* The start for a spectrum whose fastest arc peaks above the highest measured frequency (the
 * bulk of a pellet at low temperature, or a fast one at any): when -Z'' still falls from the
 * top frequency downwards and C is a series of a resistance and arcs (R||C, R||CPE), P
 * receives BASE with the series resistance set small and the first parallel arc placed
 * from the top point (its apex at or above the top); returns 1, else 0 (P undefined).
 * A fit from the usual guess slides towards such a minimum along a long valley (R0 towards 0
 * in log space) and may stop short of it. */
int eis_fit_guess_above_top (const EisCircuit *c, const EisSpectrum *s, const double *base,
                             double *p);

/* Number of deterministic guess variants worth trying for this circuit. */
int eis_fit_guess_n_variants (const EisCircuit *c);

/* The spectrum's shape as eis_fit_auto reads it (fit-auto.c): a low-frequency tail flatter
 * than a blocking electrode's (Randles-type diffusion candidates are worth trying), and an
 * inductive high-frequency end (Z'' > 0: a series inductance belongs in every candidate). */
int eis_fit_looks_diffusive (const EisSpectrum *s);
int eis_fit_looks_inductive (const EisSpectrum *s);

/* Square roots of the weights of N points for weighting W (fit.c; the man page's WEIGHTING). */
void eis_fit_weights (EisWeighting w, size_t N, const double *zre, const double *zim,
                      double *sw_re, double *sw_im);

#endif
