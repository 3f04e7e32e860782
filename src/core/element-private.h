/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to the circuit code: element evaluation at a frequency whose logarithm is
 * computed once per circuit evaluation, with a per-element cache of exponent phases. */
#ifndef EIS_ELEMENT_PRIVATE_H
#define EIS_ELEMENT_PRIVATE_H

#include <complex.h>
#include <math.h>
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

/* cos and sin of (1 - x) pi/2 ... the phase of (j w)^-x: sin and cos of x pi/2, through
 * CACHE (may be NULL). */
static inline void
eis_element_phase (double x, EisElementCache *cache, double *c, double *s)
{
  if (cache != NULL && cache->x == x)
    {
      *c = cache->cos_x;
      *s = cache->sin_x;
      return;
    }
  double a = (1.0 - x) * 1.57079632679489661923;
  *c = sin (a);
  *s = cos (a);
  if (cache != NULL)
    {
      cache->x = x;
      cache->cos_x = *c;
      cache->sin_x = *s;
    }
}

/* R, C and CPE, the commonest elements, for eis_element_eval_freq and inlined into the
 * circuit's evaluation loop (a call per element and frequency was a fifth of a fit's time).
 * Returns 0 for another kind. */
static inline int
eis_element_eval_common (EisElementKind kind, const double *p, const EisFreq *f,
                         EisElementCache *cache, double complex *z, double complex *dz)
{
  switch (kind)
    {
    case EIS_ELEM_R:
      *z = p[0];
      if (dz)
        dz[0] = 1.0;
      return 1;

    case EIS_ELEM_C:
      {
        /* Z = 1/(j w C) = -j/(w C); dZ/dC = -Z/C */
        double im = -1.0 / (f->omega * p[0]);
        *z = CMPLX (0.0, im);
        if (dz)
          dz[0] = CMPLX (0.0, -im / p[0]);
        return 1;
      }

    case EIS_ELEM_CPE:
      {
        /* Z = 1/(Q (j w)^n) = w^-n (cos(n pi/2) - j sin(n pi/2)) / Q
         * dZ/dQ = -Z/Q; dZ/dn = -Z (ln w + j pi/2) */
        double q = p[0], n = p[1], c, s;
        eis_element_phase (n, cache, &c, &s);
        double inv_q = 1.0 / q;
        double m = exp (-n * f->log_omega) * inv_q;
        double zr = m * c, zi = -m * s;
        *z = CMPLX (zr, zi);
        if (dz)
          {
            dz[0] = CMPLX (-inv_q * zr, -inv_q * zi);
            /* -(Z (ln w + j pi/2)) */
            double br = f->log_omega, bi = 1.57079632679489661923;
            dz[1] = CMPLX (-(zr * br - zi * bi), -(zr * bi + zi * br));
          }
        return 1;
      }

    default:
      return 0;
    }
}

/* Like eis_element_eval, for F and with an optional CACHE (NULL: compute everything). */
void eis_element_eval_freq (EisElementKind kind, const double *p, const EisFreq *f,
                            EisElementCache *cache, double complex *z, double complex *dz);

#endif
