/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Synthetic spectra with known truth for the unit tests (synth.h). */
#include "synth.h"

#include <complex.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>

#include "circuit.h"

EisSpectrum *
synth_spectrum (const char *circuit, const double *p, double f_lo, double f_hi, size_t n,
                double noise, unsigned long seed)
{
  EisCircuit *c = NULL;
  EisError err;
  if (n < 2 || eis_circuit_parse (circuit, &c, &err) != EIS_OK)
    return NULL;
  EisSpectrum *s = eis_spectrum_new (n);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (s == NULL || rng == NULL)
    {
      eis_spectrum_free (s);
      gsl_rng_free (rng);
      eis_circuit_free (c);
      return NULL;
    }
  gsl_rng_set (rng, seed);
  for (size_t i = 0; i < n; i++)
    {
      double f = f_lo * pow (f_hi / f_lo, (double) i / (double) (n - 1));
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      double mod = cabs (z);
      s->freq_hz[i] = f;
      s->z_re[i] = creal (z) + noise * mod * gsl_ran_gaussian (rng, 1.0);
      s->z_im[i] = cimag (z) + noise * mod * gsl_ran_gaussian (rng, 1.0);
    }
  gsl_rng_free (rng);
  eis_circuit_free (c);
  return s;
}
