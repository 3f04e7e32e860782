/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spectra that cannot be analysed: a negative resistance everywhere, or noise (plausible.h). */
#include "plausible.h"

#include "order-stat.h"

#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

double
eis_spectrum_roughness (const EisSpectrum *s)
{
  size_t n = s->n;
  if (n < EIS_NOISE_MIN_POINTS || !(s->freq_hz[0] > 0))
    return NAN;
  double decades = log10 (s->freq_hz[n - 1] / s->freq_hz[0]);
  if (!(decades > 0) || (double) n / decades < EIS_NOISE_MIN_PER_DECADE)
    return NAN;
  double *d = malloc (n * sizeof *d);
  if (d == NULL)
    return NAN;
  size_t m = 0;
  for (size_t i = 1; i + 1 < n; i++)
    {
      double complex z = s->z_re[i] + I * s->z_im[i];
      double complex a = s->z_re[i - 1] + I * s->z_im[i - 1];
      double complex b = s->z_re[i + 1] + I * s->z_im[i + 1];
      if (cabs (z) > 0)
        d[m++] = cabs (z - (a + b) / 2) / cabs (z);
    }
  double med = NAN;
  if (m > 0)
    {
      med = eis_median (d, m);
    }
  free (d);
  return med;
}

int
eis_spectrum_check_varies (const EisSpectrum *s, EisError *err)
{
  const char *src = s->source ? s->source : "(data)";
  size_t n = s->n;
  /* The same Z at every frequency with a reactive part: no element gives that (a capacitance
   * or inductance changes with frequency, and Kramers-Kronig ties a constant Z'' to a Z'
   * that changes); an instrument that held its last reading, or a column repeated. A constant
   * real Z with Z'' = 0 is a resistor, and is fitted. */
  if (n >= 3 && s->z_im[0] != 0)
    {
      size_t same = 1;
      for (size_t i = 1; i < n; i++)
        same += fabs (s->z_re[i] - s->z_re[0]) <= 1e-9 * fabs (s->z_re[0])
                && fabs (s->z_im[i] - s->z_im[0]) <= 1e-9 * fabs (s->z_im[0]);
      if (same == n)
        return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d: Z = %.6g %c %.6gj Ohm at all "
                              "%zu points (%.4g Hz to %.4g Hz): a cell's reactance changes with "
                              "frequency; an instrument that repeated one reading, or the same "
                              "column read twice; nothing to fit", src, s->index + 1,
                              s->z_re[0], s->z_im[0] < 0 ? '-' : '+', fabs (s->z_im[0]), n,
                              s->freq_hz[0], s->freq_hz[n - 1]);
    }
  return EIS_OK;
}

int
eis_spectrum_check_analysable (const EisSpectrum *s, EisError *err)
{
  const char *src = s->source ? s->source : "(data)";
  size_t n = s->n, neg = 0;
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; i++)
    {
      neg += s->z_re[i] < 0;
      lo = fmin (lo, s->z_re[i]);
      hi = fmax (hi, s->z_re[i]);
    }
  /* The real part of a passive impedance is never negative (it is the dissipated power). */
  if (n > 0 && neg == n)
    return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d: Z' is negative at all %zu "
                          "points (%.4g to %.4g Ohm): no passive cell has a negative "
                          "resistance; is the real column's sign flipped (--columns "
                          "...,-re=COLUMN) or are columns swapped?", src, s->index + 1, n, lo,
                          hi);
  int st = eis_spectrum_check_varies (s, err);
  if (st != EIS_OK)
    return st;
  double r = eis_spectrum_roughness (s);
  if (isfinite (r) && r > EIS_NOISE_ROUGHNESS)
    return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d: the points scatter like noise: "
                          "the median point lies %.0f %% of |Z| from the mean of its two "
                          "neighbours (a measured spectrum changes smoothly with frequency: "
                          "below 8 %% in real files; the limit is %.0f %%): no cell connected, a "
                          "short, or the wrong columns; nothing to fit",
                          src, s->index + 1, 100 * r, 100 * EIS_NOISE_ROUGHNESS);
  return EIS_OK;
}

int
eis_spectrum_inductive_hint (const EisSpectrum *s, char *buf, size_t size)
{
  size_t n = s->n, pos = 0;
  for (size_t i = 0; i < n; i++)
    pos += s->z_im[i] > 0;
  if (n < 5 || 10 * pos < 9 * n)
    return 0;
  snprintf (buf, size, "the imaginary part is positive (inductive) at %zu of the %zu points: "
            "a cell is capacitive over most of its sweep; is its sign flipped? (give the "
            "column with --columns ...,-im=COLUMN, or check the sign of the Z'' or phase "
            "column)", pos, n);
  return 1;
}
