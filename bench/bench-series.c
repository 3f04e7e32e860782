/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-series: the cost of fitting a series with warm starts against single fits.
 *
 * A 45-spectrum temperature series (-40 .. 92 degC in 3 K steps) of the pellet of eisfit-gen
 * leads (bench/gen.c) without the leads: bulk R||C (Ea 0.35 eV, sigma(25 C) 1e-4 S/cm, eps_r
 * 20), grain boundary R||CPE (Ea 0.40 eV, C_eff 1 nF, n 0.85), electrode CPE; 0.1 Hz .. 7 MHz at
 * 10 points per decade, 0.5 % noise (seed 2026). Measures, each repeated until 2 s have passed:
 *   1. 45 single fits of the true circuit started at the true parameters (one start): the
 *      floor, "45 single fits from good starts";
 *   2. the series fit of the given circuit (eis_series_fit: anchor from the automatic starts,
 *      warm starts along the series, holds, second pass);
 *   3. 45 single automatic fits of the true circuit (eis_fit_run from its own guesses, the
 *      default number of starts), as eisfit fit does per file;
 *   4. the automatic series fit (the candidates chosen by each spectrum's distribution of
 *      relaxation times, eis_series_fit) and, where this version has it, the same choice
 *      without that seeding (every candidate, eis_series_fit_exhaustive, the choice before),
 *      with whether the two agree (the same circuit, every value within 1e-6 relative);
 *   5. 45 automatic circuit choices spectrum by spectrum (eis_fit_auto), as eisfit fit does;
 *   6. the joint fit of the series with the Arrhenius law inside (eisfit arrhenius --global:
 *      bulk and grain-boundary R bound to the law, C1 and CPE2_n shared) by the block-arrow
 *      solver (Schur complement), and
 *   7. the same joint fit by GSL's dense solver.
 * Reports ms per spectrum, the ratio of 2 to 1 and of 7 to 6. */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "series.h"

#define NS 45
#define KB 8.617333262e-5
#define CIRCUIT "p(R1,C1)-p(R2,CPE2)-CPE3"

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static void
truth (double T, double p[7])
{
  const double L = 0.060, A = M_PI * 0.25;
  double x = 1 / T - 1 / 298.15;
  double sb = 1e-4 * exp (-0.35 / KB * x);
  double Rgb = 300 * exp (0.40 / KB * x), n = 0.85;
  p[0] = L / (sb * A);
  p[1] = 8.8541878128e-14 * 20 * A / L;
  p[2] = Rgb;
  p[3] = pow (1e-9, n) * pow (Rgb, n - 1);
  p[4] = n;
  p[5] = 4.2e-6;
  p[6] = 0.88;
}

int
main (void)
{
  gsl_set_error_handler_off ();
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse (CIRCUIT, &c, &err) != EIS_OK)
    return 1;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 2026);
  EisSpectrum *sp[NS];
  double p[NS][7];
  EisSpectrumSeries s;
  eis_spectrum_series_init (&s);
  for (int j = 0; j < NS; j++)
    {
      double T = 233.15 + 3.0 * j;
      truth (T, p[j]);
      size_t n = 80;
      sp[j] = eis_spectrum_new (n);
      for (size_t i = 0; i < n; i++)
        {
          double f = 0.1 * pow (7e7, (double) i / (double) (n - 1));
          double complex z;
          eis_circuit_eval (c, p[j], 2 * M_PI * f, &z, NULL);
          double m = cabs (z);
          sp[j]->freq_hz[i] = f;
          sp[j]->z_re[i] = creal (z) + 0.005 * m * gsl_ran_gaussian (rng, 1);
          sp[j]->z_im[i] = cimag (z) + 0.005 * m * gsl_ran_gaussian (rng, 1);
        }
      eis_spectrum_set_source (sp[j], "bench", "bench");
      if (eis_spectrum_series_add (&s, sp[j], "bench", j + 1, T, &err) != EIS_OK)
        return 1;
    }
  eis_spectrum_series_sort (&s, EIS_SERIES_BY_TEMPERATURE, &err);
#ifdef EIS_HAVE_SERIES_FIT_EXHAUSTIVE
  double ms_exh = 0;
  int reps_exh = 0, agree = -1;
  {
    EisSeriesFit *fa[2] = { NULL, NULL };
    for (int m = 0; m < 2; m++)
      {
        double t0 = now (), t;
        do
          {
            EisSeriesFit *f = NULL;
            if ((m == 0 ? eis_series_fit : eis_series_fit_exhaustive) (&s, NULL, &f, &err)
                != EIS_OK)
              {
                fprintf (stderr, "bench-series: %s\n", err.message);
                return 1;
              }
            eis_series_fit_free (fa[m]);
            fa[m] = f;
            if (m == 1)
              reps_exh++;
            t = now ();
          }
        while (m == 1 && t - t0 < 2.0);
        if (m == 1)
          ms_exh = 1e3 * (t - t0) / reps_exh / NS;
      }
    agree = strcmp (eis_circuit_text (fa[0]->circuit), eis_circuit_text (fa[1]->circuit)) == 0;
    for (int j = 0; j < NS && agree; j++)
      for (size_t k = 0; agree && fa[0]->fits[j] && k < fa[0]->fits[j]->n_params; k++)
        agree = fa[1]->fits[j]
                && fabs (fa[0]->fits[j]->value[k] - fa[1]->fits[j]->value[k])
                   <= 1e-6 * fabs (fa[1]->fits[j]->value[k]);
    printf ("  automatic series fit: seeded %s (%zu candidates fitted), every candidate %s (%zu): "
            "%s\n", eis_circuit_text (fa[0]->circuit), fa[0]->n_candidates,
            eis_circuit_text (fa[1]->circuit), fa[1]->n_candidates,
            agree ? "the same circuit and values" : "DIFFERENT");
    eis_series_fit_free (fa[0]);
    eis_series_fit_free (fa[1]);
  }
#endif
  double ms[7] = { 0 };
  size_t runs = 0, nfree = 0;
  int reps[7] = { 0 };
  double ea[2] = { 0 };
  EisGeometry geom = { 0.060, 0, M_PI * 0.25, 0, 0, 0 };
  EisSeriesFitOptions go_s;
  eis_series_fit_options_init (&go_s);
  go_s.circuit = CIRCUIT;
  go_s.geom = &geom;
  EisSeriesFit *gsf = NULL;
  if (eis_series_fit (&s, &go_s, &gsf, &err) != EIS_OK)
    {
      fprintf (stderr, "bench-series: %s\n", err.message);
      return 1;
    }
  for (int what = 0; what < 7; what++)
    {
      double t0 = now (), t;
      do
        {
          if (what >= 5)
            {
              EisGlobalOptions go;
              eis_global_options_init (&go);
              const char *shared[] = { "C1", "CPE2_n" };
              go.shared = shared;
              go.n_shared = 2;
              go.law = EIS_GLOBAL_ARRHENIUS;
              go.dense = what == 6;
              EisGlobalFit *g = NULL;
              if (eis_series_global_fit (&s, &go_s, gsf, &go, &g, &err) != EIS_OK)
                {
                  fprintf (stderr, "bench-series: %s\n", err.message);
                  return 1;
                }
              ea[what - 5] = g->laws[0].Ea_eV;
              nfree = g->n_free;
              eis_global_fit_free (g);
            }
          else if (what == 4)
            for (int j = 0; j < NS; j++)
              {
                EisCircuit *ac = NULL;
                EisFitResult *r = NULL;
                if (eis_fit_auto (sp[j], NULL, &ac, &r, NULL, 0, &err) != EIS_OK)
                  return 1;
                eis_circuit_free (ac);
                eis_fit_result_free (r);
              }
          else if (what == 0 || what == 2)
            for (int j = 0; j < NS; j++)
              {
                EisFitOptions o;
                eis_fit_options_init (&o);
                if (what == 0)
                  {
                    o.init = p[j];
                    o.n_starts = 1;
                  }
                EisFitResult *r = NULL;
                if (eis_fit_run (c, sp[j], &o, &r, &err) != EIS_OK)
                  return 1;
                eis_fit_result_free (r);
              }
          else
            {
              EisSeriesFitOptions o;
              eis_series_fit_options_init (&o);
              o.circuit = what == 1 ? CIRCUIT : NULL;
              EisSeriesFit *f = NULL;
              if (eis_series_fit (&s, &o, &f, &err) != EIS_OK)
                {
                  fprintf (stderr, "bench-series: %s\n", err.message);
                  return 1;
                }
              if (what == 1)
                runs = f->n_fits_run;
              eis_series_fit_free (f);
            }
          reps[what]++;
          t = now ();
        }
      while (t - t0 < 2.0);
      ms[what] = 1e3 * (t - t0) / reps[what] / NS;
    }
  printf ("bench-series: %d spectra of %s, 80 points each, 0.5 %% noise\n", NS, CIRCUIT);
  printf ("  single fits from the true values (1 start)  %8.2f ms per spectrum\n", ms[0]);
  printf ("  series fit, given circuit, warm starts      %8.2f ms per spectrum "
          "(%.2f x the floor; %zu fit runs for %d spectra)\n", ms[1], ms[1] / ms[0], runs, NS);
  printf ("  single automatic-start fits (default starts) %7.2f ms per spectrum\n", ms[2]);
  printf ("  series fit, automatic circuit (seeded)  %14.2f ms per spectrum\n", ms[3]);
#ifdef EIS_HAVE_SERIES_FIT_EXHAUSTIVE
  printf ("  series fit, automatic circuit, every candidate (the choice before seeding) %5.2f ms "
          "per spectrum (seeded: %.2fx its rate)\n", ms_exh, ms_exh / ms[3]);
#endif
  printf ("  automatic circuit spectrum by spectrum (eis_fit_auto) %5.2f ms per spectrum\n",
          ms[4]);
  printf ("  joint fit, Arrhenius inside (%zu unknowns), block-arrow solver %7.2f ms per spectrum "
          "(Ea %.5f eV)\n", nfree, ms[5], ea[0]);
  printf ("  the same joint fit, dense GSL solver          %8.2f ms per spectrum "
          "(Ea %.5f eV; %.1f x the block-arrow solver)\n", ms[6], ea[1], ms[6] / ms[5]);
  const char *what_name[7] = { "single fits from the true values", "series fit, given circuit",
                               "single automatic-start fits", "series fit, automatic circuit",
                               "automatic circuit spectrum by spectrum",
                               "joint fit, Arrhenius inside, block-arrow solver",
                               "joint fit, dense GSL solver" };
  for (int k = 0; k < 7; k++)
    printf ("@\tseries bench: %s\t%.1f\tspectra/s\n", what_name[k], 1e3 / ms[k]);
#ifdef EIS_HAVE_SERIES_FIT_EXHAUSTIVE
  printf ("@\tseries bench: series fit, automatic circuit, every candidate (before seeding)"
          "\t%.1f\tspectra/s\n", 1e3 / ms_exh);
#endif
  eis_series_fit_free (gsf);
  for (int j = 0; j < NS; j++)
    eis_spectrum_free (sp[j]);
  eis_spectrum_series_clear (&s);
  eis_circuit_free (c);
  gsl_rng_free (rng);
  return 0;
}
