/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to the circuit code: element evaluation at a frequency whose logarithm is
 * computed once per circuit evaluation, with a per-element cache of exponent phases. */
#ifndef EIS_ELEMENT_PRIVATE_H
#define EIS_ELEMENT_PRIVATE_H

#include <complex.h>
#include "circuit.h"

/* One angular frequency and what every element needs from it. */
typedef struct {
  double omega;       /* rad/s */
  double log_omega;   /* ln(omega / (rad/s)) */
} EisFreq;

/* Per-element memo: cos/sin(x pi/2) for the last exponent x, ln(tau) for the last tau.
 * Initialise with eis_element_cache_init (keys NaN, so the first use computes). */
typedef struct {
  double x, cos_x, sin_x;
  double tau, log_tau;
} EisElementCache;

void eis_element_cache_init (EisElementCache *cache);

/* Like eis_element_eval, for F and with an optional CACHE (NULL: compute everything). */
void eis_element_eval_freq (EisElementKind kind, const double *p, const EisFreq *f,
                            EisElementCache *cache, double complex *z, double complex *dz);

#endif
