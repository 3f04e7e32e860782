/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-drt: cost of eisfit drt per spectrum, and how often it meets its accuracy targets.
 *
 * Cost: 200 seeded two-arc spectra of 79 points (7 MHz to 0.1 Hz at 10 per decade; R_inf plus
 * two ZARCs with R 1e2..1e4 Ohm, apexes 10 Hz..100 kHz two decades apart, exponents 0.8..1,
 * 0.5 % proportional Gaussian noise), each lambda method, lambda selection included; spectra
 * per second of CPU time on one core. The DRT is new in eisfit: there is no previous version to compare.
 *
 * Accuracy: 40 noise draws (seeds 1..40, 0.5 % noise) of each analytic case, default options:
 * the share with the peak tau within 10 %, the peak R within 5 % and R_inf within 1 % (the
 * targets of issue 11), and the worst errors. */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drt.h"

#define N_SPECTRA 200
#define N_DRAWS 40

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);   /* CPU time: the machine is shared */
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* R_inf + j omega L + sum R_k / (1 + (j omega tau_k)^phi_k) + 1 / (Q (j omega)^nq) */
typedef struct {
  const char *name;
  double rinf, L;
  int k;
  double R[2], tau[2], phi[2];
  double Q, nq;
  double fmax, fmin;
  double tau_tol;        /* the tau target of this case */
} Case;

static EisSpectrum *
make (const Case *c, double noise, gsl_rng *rng)
{
  size_t n = (size_t) lround (log10 (c->fmax / c->fmin) * 10) + 1;
  EisSpectrum *s = eis_spectrum_new (n);
  if (s == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    {
      double f = c->fmin * pow (10.0, (double) i / 10), w = 2 * M_PI * f;
      double complex z = c->rinf + I * w * c->L;
      for (int k = 0; k < c->k; k++)
        z += c->R[k] / (1 + cpow (I * w * c->tau[k], c->phi[k]));
      if (c->Q > 0)
        z += 1.0 / (c->Q * cpow (I * w, c->nq));
      double e = noise * cabs (z);
      s->freq_hz[i] = f;
      s->z_re[i] = creal (z) + e * gsl_ran_gaussian (rng, 1.0);
      s->z_im[i] = cimag (z) + e * gsl_ran_gaussian (rng, 1.0);
    }
  return s;
}

static void
accuracy (const Case *c)
{
  int ok_tau = 0, ok_r = 0, ok_rinf = 0, ok_n = 0;
  double worst_tau = 0, worst_r = 0, worst_rinf = 0;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  for (unsigned long seed = 1; seed <= N_DRAWS; seed++)
    {
      gsl_rng_set (rng, seed);
      EisSpectrum *s = make (c, 0.005, rng);
      EisDrtResult *r = NULL;
      EisError err = { 0 };
      if (s == NULL || eis_drt_run (s, NULL, &r, &err) != EIS_OK)
        {
          printf ("  %s: seed %lu: %s\n", c->name, seed, err.message);
          eis_spectrum_free (s);
          continue;
        }
      int good_tau = 1, good_r = 1;
      size_t inside = 0;
      for (size_t j = 0; j < r->n_peaks; j++)
        inside += !r->peaks[j].beyond_data;
      for (int k = 0; k < c->k; k++)
        {
          const EisDrtPeak *b = NULL;
          for (size_t j = 0; j < r->n_peaks; j++)
            if (b == NULL
                || fabs (log (r->peaks[j].tau_s / c->tau[k])) < fabs (log (b->tau_s / c->tau[k])))
              b = &r->peaks[j];
          double et = b ? fabs (b->tau_s / c->tau[k] - 1) : INFINITY;
          double er = b ? fabs (b->r_ohm / c->R[k] - 1) : INFINITY;
          worst_tau = fmax (worst_tau, et);
          worst_r = fmax (worst_r, er);
          good_tau &= et <= c->tau_tol;
          good_r &= er <= 0.05;
        }
      double ei = fabs (r->r_inf_ohm / c->rinf - 1);
      worst_rinf = fmax (worst_rinf, ei);
      ok_tau += good_tau;
      ok_r += good_r;
      ok_rinf += ei <= 0.01;
      ok_n += inside == (size_t) c->k;
      eis_drt_result_free (r);
      eis_spectrum_free (s);
    }
  gsl_rng_free (rng);
  printf ("  %-34s %2d/%d (%5.1f %%)  %2d/%d (%5.1f %%)  %2d/%d (%5.1f %%)  %2d/%d\n", c->name,
          ok_tau, N_DRAWS, 100 * worst_tau, ok_r, N_DRAWS, 100 * worst_r, ok_rinf, N_DRAWS,
          100 * worst_rinf, ok_n, N_DRAWS);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  /* the cost set */
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 2026);
  EisSpectrum *set[N_SPECTRA];
  for (size_t i = 0; i < N_SPECTRA; i++)
    {
      double f1 = pow (10, gsl_ran_flat (rng, 3, 5));
      double tau1 = 1 / (2 * M_PI * f1), tau2 = tau1 * 100;
      Case c = { "set", pow (10, gsl_ran_flat (rng, 0, 2)), 0, 2,
                 { pow (10, gsl_ran_flat (rng, 2, 4)), pow (10, gsl_ran_flat (rng, 2, 4)) },
                 { tau1, tau2 }, { gsl_ran_flat (rng, 0.8, 1), gsl_ran_flat (rng, 0.8, 1) },
                 0, 0, 7e6, 0.1, 0.1 };
      set[i] = make (&c, 0.005, rng);
      if (set[i] == NULL || set[i]->n != 79)
        {
          fprintf (stderr, "bench-drt: could not build the set\n");
          return 1;
        }
    }
  gsl_rng_free (rng);
  printf ("eisfit drt, %d spectra of 79 points (two arcs, 0.5 %% noise), one core:\n",
          N_SPECTRA);
  const int methods[] = { EIS_DRT_LAMBDA_MGCV, EIS_DRT_LAMBDA_GCV, EIS_DRT_LAMBDA_REIM,
                          EIS_DRT_LAMBDA_LCURVE, EIS_DRT_LAMBDA_FIXED };
  for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++)
    {
      EisDrtOptions o;
      eis_drt_options_init (&o);
      o.lambda_method = methods[m];
      o.lambda = 1e-3;
      /* best of three passes over the set: the machine is shared */
      double best = INFINITY;
      for (int pass = 0; pass < 3; pass++)
        {
          double t0 = now ();
          for (size_t i = 0; i < N_SPECTRA; i++)
            {
              EisDrtResult *r = NULL;
              EisError err = { 0 };
              if (eis_drt_run (set[i], &o, &r, &err) != EIS_OK)
                {
                  fprintf (stderr, "bench-drt: %s\n", err.message);
                  return 1;
                }
              eis_drt_result_free (r);
            }
          best = fmin (best, now () - t0);
        }
      printf ("  lambda %-14s %7.3f ms per spectrum, %6.0f spectra/s per core\n",
              methods[m] == EIS_DRT_LAMBDA_FIXED ? "given (1e-3)"
              : eis_drt_lambda_method_name (methods[m]),
              1e3 * best / N_SPECTRA, N_SPECTRA / best);
      printf ("@\tDRT, lambda by %s\t%.1f\tspectra/s\n",
              methods[m] == EIS_DRT_LAMBDA_FIXED ? "none (given)"
              : eis_drt_lambda_method_name (methods[m]), N_SPECTRA / best);
    }
  for (size_t i = 0; i < N_SPECTRA; i++)
    eis_spectrum_free (set[i]);

  printf ("\naccuracy over %d noise draws (0.5 %%), default options (modified GCV):\n"
          "  case                                peak tau (worst)   peak R 5 %% (worst)"
          "  R_inf 1 %% (worst)  peaks\n", N_DRAWS);
  const Case cases[] = {
    { "RC 104.3 Ohm, tau 3.1e-4 s", 12.7, 0, 1, { 104.3, 0 }, { 3.1e-4, 0 }, { 1, 0 }, 0, 0,
      1e6, 0.1, 0.1 },
    { "ZARC phi 0.82", 7.41, 0, 1, { 88.4, 0 }, { 2.3e-3, 0 }, { 0.82, 0 }, 0, 0, 1e6, 0.01,
      0.1 },
    { "two ZARCs a decade apart", 21.3, 0, 2, { 104.3, 61.7 }, { 1.7e-4, 1.7e-3 },
      { 0.96, 0.95 }, 0, 0, 1e6, 0.1, 0.1 },
    { "ZARC + L 3.7e-7 H", 4.83, 3.7e-7, 1, { 57.2, 0 }, { 2.9e-5, 0 }, { 0.9, 0 }, 0, 0, 1e6,
      0.1, 0.1 },
    { "ZARC + blocking CPE (tau 25 %)", 31.6, 0, 1, { 412, 0 }, { 6.1e-6, 0 }, { 0.9, 0 },
      2.2e-6, 0.87, 1e6, 0.1, 0.25 },
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
    accuracy (&cases[k]);
  return 0;
}
