/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-auto: the automatic circuit choice (eisfit FILE without --circuit), seeded by the
 * distribution of relaxation times (eis_fit_auto) against the previous exhaustive search
 * (eis_fit_auto_exhaustive: every candidate from four starts), on the same spectra in the same
 * run. Reports spectra per second of CPU time (one core), the ratio, and how often the two
 * agree: the same circuit, and every parameter within the larger of the two standard errors.
 *
 * Populations (seed 2027), 0.5 % proportional Gaussian noise, 10 points per decade:
 *   one arc      R0-p(R1,CPE1)-CPE2, apex 1 kHz..100 kHz, 1 MHz..0.1 Hz
 *   two arcs     R0-p(R1,CPE1)-p(R2,CPE2)-CPE3 as bench-fit's "resolved" set, 7 MHz..0.1 Hz
 *   pellet       p(R1,C1)-p(R2,CPE2)-CPE3, the bulk arc's apex 1..30 MHz (at or beyond the
 *                highest frequency, 7 MHz), the grain boundary 2..3 decades below */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "circuit.h"
#include "fit.h"

#define N_SPECTRA 40

static double
cpu_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* A spectrum of C at P from F_HI down to 0.1 Hz, 10 points per decade, noise 0.5 % of |Z|. */
static EisSpectrum *
synth (const EisCircuit *c, const double *p, double f_hi, gsl_rng *rng)
{
  size_t n = (size_t) lround (10 * log10 (f_hi / 0.1)) + 1;
  EisSpectrum *s = eis_spectrum_new (n);
  if (s == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    {
      double f = 0.1 * pow (f_hi / 0.1, (double) i / (double) (n - 1));
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      double m = cabs (z);
      s->freq_hz[i] = f;
      s->z_re[i] = creal (z) + 0.005 * m * gsl_ran_gaussian (rng, 1);
      s->z_im[i] = cimag (z) + 0.005 * m * gsl_ran_gaussian (rng, 1);
    }
  return s;
}

static EisSpectrum *
make (int pop, gsl_rng *rng)
{
  static const char *circuits[] = { "R0-p(R1,CPE1)-CPE2", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3",
                                    "p(R1,C1)-p(R2,CPE2)-CPE3" };
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse (circuits[pop], &c, &err) != EIS_OK)
    return NULL;
  EisSpectrum *s = NULL;
  double R1 = pow (10, gsl_ran_flat (rng, 2, 5));
  if (pop == 0)
    {
      double f1 = pow (10, gsl_ran_flat (rng, 3, 5)), n1 = gsl_ran_flat (rng, 0.75, 0.95);
      double n2 = gsl_ran_flat (rng, 0.8, 0.95);
      double Q2 = 1.0 / (R1 * pow (10, gsl_ran_flat (rng, -2, -1)) * pow (2 * M_PI * f1 / 100, n2));
      double p[] = { R1 * gsl_ran_flat (rng, 0.05, 0.3), R1, pow (2 * M_PI * f1, -n1) / R1, n1,
                     Q2, n2 };
      s = synth (c, p, 1e6, rng);
    }
  else if (pop == 1)
    {
      double R2 = R1 * pow (10, gsl_ran_flat (rng, log10 (0.5), 1));
      double f1 = pow (10, gsl_ran_flat (rng, 4, 6));
      double f2 = fmax (10.0, f1 / pow (10, gsl_ran_flat (rng, 2.0, 3.5)));
      double n1 = gsl_ran_flat (rng, 0.8, 1.0), n2 = gsl_ran_flat (rng, 0.7, 0.95);
      double n3 = gsl_ran_flat (rng, 0.8, 0.95);
      double Q3 = 1.0 / (R2 * pow (10, gsl_ran_flat (rng, -2, -1)) * pow (2 * M_PI * f2, n3));
      double p[] = { R1 * gsl_ran_flat (rng, 0.02, 0.2), R1, pow (2 * M_PI * f1, -n1) / R1, n1,
                     R2, pow (2 * M_PI * f2, -n2) / R2, n2, Q3, n3 };
      s = synth (c, p, 7e6, rng);
    }
  else
    {
      double R2 = R1 * pow (10, gsl_ran_flat (rng, -0.5, 0.5));
      double f1 = pow (10, gsl_ran_flat (rng, 6, 7.5));
      double f2 = f1 / pow (10, gsl_ran_flat (rng, 2.0, 3.0));
      double n2 = gsl_ran_flat (rng, 0.75, 0.95), n3 = gsl_ran_flat (rng, 0.8, 0.95);
      double Q3 = 1.0 / (R2 * pow (10, gsl_ran_flat (rng, -2, -1)) * pow (2 * M_PI * f2, n3));
      double p[] = { R1, 1.0 / (2 * M_PI * f1 * R1), R2, pow (2 * M_PI * f2, -n2) / R2, n2,
                     Q3, n3 };
      s = synth (c, p, 7e6, rng);
    }
  eis_circuit_free (c);
  return s;
}

/* 1 when both chose the same circuit with every value within the larger standard error (or
 * within 1e-6 of each other where neither has one), or both failed. */
static int
agree (int sa, const EisCircuit *ca, const EisFitResult *ra, int sb, const EisCircuit *cb,
       const EisFitResult *rb, int *same_circuit)
{
  *same_circuit = (sa != EIS_OK && sb != EIS_OK)
                  || (sa == EIS_OK && sb == EIS_OK
                      && strcmp (eis_circuit_text (ca), eis_circuit_text (cb)) == 0);
  if (!*same_circuit || sa != EIS_OK)
    return *same_circuit;
  for (size_t k = 0; k < ra->n_params; k++)
    {
      double d = fabs (ra->value[k] - rb->value[k]);
      double se = fmax (isfinite (ra->stderr_[k]) ? ra->stderr_[k] : 0,
                        isfinite (rb->stderr_[k]) ? rb->stderr_[k] : 0);
      if (!(d <= se) && !(d <= 1e-6 * fabs (ra->value[k])))
        return 0;
    }
  return 1;
}

int
main (void)
{
  gsl_set_error_handler_off ();
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 2027);
  static const char *names[] = { "one arc", "two arcs", "pellet (bulk arc at the top)" };
  double t_all[2] = { 0, 0 };
  int n_all = 0;
  printf ("automatic circuit choice (eis_fit_auto), CPU time per core, %d spectra a set:\n",
          N_SPECTRA);
  for (int pop = 0; pop < 3; pop++)
    {
      double t[2] = { 0, 0 };
      int same_c = 0, same_v = 0;
      for (int i = 0; i < N_SPECTRA; i++)
        {
          EisSpectrum *s = make (pop, rng);
          if (s == NULL)
            return 1;
          EisCircuit *c[2] = { NULL, NULL };
          EisFitResult *r[2] = { NULL, NULL };
          int st[2];
          EisError err;
          for (int m = 0; m < 2; m++)
            {
              double t0 = cpu_now ();
              st[m] = m == 0 ? eis_fit_auto_exhaustive (s, NULL, &c[m], &r[m], NULL, 0, &err)
                             : eis_fit_auto (s, NULL, &c[m], &r[m], NULL, 0, &err);
              t[m] += cpu_now () - t0;
            }
          int sc;
          same_v += agree (st[0], c[0], r[0], st[1], c[1], r[1], &sc);
          same_c += sc;
          for (int m = 0; m < 2; m++)
            {
              eis_circuit_free (c[m]);
              eis_fit_result_free (r[m]);
            }
          eis_spectrum_free (s);
        }
      printf ("  %-30s seeded %6.1f spectra/s, exhaustive (previous) %6.1f spectra/s: %.2fx;"
              " same circuit %d/%d, same values %d/%d\n", names[pop], N_SPECTRA / t[1],
              N_SPECTRA / t[0], t[0] / t[1], same_c, N_SPECTRA, same_v, N_SPECTRA);
      t_all[0] += t[0];
      t_all[1] += t[1];
      n_all += N_SPECTRA;
    }
  printf ("  all: seeded %.1f spectra/s per core (goal 250), previous %.1f: %.2fx\n",
          n_all / t_all[1], n_all / t_all[0], t_all[0] / t_all[1]);
  gsl_rng_free (rng);
  return 0;
}
