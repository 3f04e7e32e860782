/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-given: the given-circuit fit (eisfit --circuit C, no starting values) on seeded sets of
 * 79-point two-arc pellet spectra, and how often it reaches the best known minimum.
 *
 * Circuit R0-p(R1,CPE1)-p(R2,CPE2)-CPE3, 7 MHz..0.1 Hz at 10 points per decade (79 points),
 * 0.5 % proportional Gaussian noise, 200 spectra per set (seed 2026):
 *   "well-posed": bulk apex 10 kHz..1 MHz, grain-boundary apex 2..3.5 decades below, R2/R1
 *                 0.5..10 (two distinct arcs);
 *   "hard":       apexes 1.3..3 decades apart, R2/R1 0.3..10 (overlapping arcs);
 *   "bulk above the top": bulk apex 7..70 MHz, above the highest measured frequency (only
 *                 the low-frequency foot of the bulk arc is in the data), grain-boundary apex
 *                 1.5..3.5 decades below the top, R2/R1 0.5..10.
 * Each spectrum is CSV text read back through the importer, then fitted as eisfit does.
 * The best known minimum of each spectrum is the lowest S of: the measured fit, a fit started
 * at the true parameters, one from the automatic guess, and N_REF_STARTS single-start fits
 * from log-normal perturbations (factor e^N(0,1) on positive values, N(0,0.1) on exponents)
 * of the truth and of the best point so far, alternately; all outside the timing.
 * A fit "reaches" it when its S is within 1e-6 relative, or within 0.01 chi2 units
 * (S_ref / dof / 100: far below what moves a confidence interval) of that minimum.
 *
 * Prints a readable report, and lines "@<TAB>name<TAB>value<TAB>unit" that bench/run.sh
 * collects. `bench-given --write DIR` writes the sets as DIR/<set>-NNN.csv instead (for the
 * end-to-end run of the eisfit program). Times are CPU time of this process (one core). */
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
#include "import.h"

#define N_SPECTRA 200
#define N_REF_STARTS 24

typedef struct {
  char *csv;
  size_t len;
  double p[9];
} Case;

typedef struct {
  const char *name, *key;
  double bulk_lo, bulk_hi;   /* log10 of the bulk apex frequency, Hz */
  double sep_lo, sep_hi;     /* decades between the bulk and the grain-boundary apexes */
  double ratio_lo;           /* lowest R2/R1 */
  int below_top;             /* the separation counts from the top frequency, not the apex */
} Population;

static const Population pops[] = {
  { "well-posed", "wellposed", 4, 6, 2.0, 3.5, 0.5, 0 },
  { "hard", "hard", 4, 6, 1.3, 3.0, 0.3, 0 },
  { "bulk above the top", "bulktop", 6.845, 7.845, 1.5, 3.5, 0.5, 1 },
};

static double
cpu_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static void
make_case (const EisCircuit *c, gsl_rng *rng, const Population *pop, Case *k)
{
  const double f_top = 7e6, f_bottom = 0.1;
  double R1 = pow (10, gsl_ran_flat (rng, 2, 5));
  double R2 = R1 * pow (10, gsl_ran_flat (rng, log10 (pop->ratio_lo), 1));
  double f1 = pow (10, gsl_ran_flat (rng, pop->bulk_lo, pop->bulk_hi));
  double from = pop->below_top ? f_top : f1;
  double f2 = fmax (10.0, from / pow (10, gsl_ran_flat (rng, pop->sep_lo, pop->sep_hi)));
  double n1 = gsl_ran_flat (rng, 0.8, 1.0), n2 = gsl_ran_flat (rng, 0.7, 0.95);
  double n3 = gsl_ran_flat (rng, 0.8, 0.95);
  double Q3 = 1.0 / (R2 * pow (10, gsl_ran_flat (rng, -2, -1)) * pow (2 * M_PI * f2, n3));
  double p[9] = { R1 * gsl_ran_flat (rng, 0.02, 0.2), R1, pow (2 * M_PI * f1, -n1) / R1, n1,
                  R2, pow (2 * M_PI * f2, -n2) / R2, n2, Q3, n3 };
  memcpy (k->p, p, sizeof p);
  size_t cap = 64 * 1024;
  k->csv = malloc (cap);
  size_t len = (size_t) snprintf (k->csv, cap, "freq_Hz,Zreal_Ohm,Zimag_Ohm\n");
  int n = (int) lround (10 * log10 (f_top / f_bottom)) + 1;
  for (int i = 0; i < n; i++)
    {
      double f = f_top * pow (f_bottom / f_top, (double) i / (n - 1));
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      double m = cabs (z);
      len += (size_t) snprintf (k->csv + len, cap - len, "%.6e,%.6e,%.6e\n", f,
                                creal (z) + 0.005 * m * gsl_ran_gaussian (rng, 1),
                                cimag (z) + 0.005 * m * gsl_ran_gaussian (rng, 1));
    }
  k->len = len;
}

/* S of a fit of C to S from INIT (NULL = automatic) with N_STARTS starts; INFINITY on error;
 * BEST (may be NULL) receives the parameters when S is below *BEST_S, which is updated. */
static double
fit_S (const EisCircuit *c, const EisSpectrum *s, const double *init, int n_starts, long *dof,
       double *best, double *best_S)
{
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.init = init;
  o.n_starts = n_starts;
  EisFitResult *r = NULL;
  EisError err;
  double S = INFINITY;
  if (eis_fit_run (c, s, &o, &r, &err) == EIS_OK && isfinite (r->chi2))
    {
      S = r->chi2;
      if (dof)
        *dof = r->dof;
      if (best && S < *best_S)
        {
          *best_S = S;
          memcpy (best, r->value, r->n_params * sizeof *best);
        }
    }
  eis_fit_result_free (r);
  return S;
}

int
main (int argc, char **argv)
{
  gsl_set_error_handler_off ();
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  const char *write_dir = argc == 3 && strcmp (argv[1], "--write") == 0 ? argv[2] : NULL;
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse (cc, &c, &err) != EIS_OK)
    {
      fprintf (stderr, "%s\n", err.message);
      return 1;
    }
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 2026);
  gsl_rng *rref = gsl_rng_alloc (gsl_rng_mt19937);   /* the reference's starts, apart */
  gsl_rng_set (rref, 7);
  Case *cases = calloc (N_SPECTRA, sizeof *cases);
  double *S = calloc (N_SPECTRA, sizeof *S);
  for (size_t pi = 0; pi < sizeof pops / sizeof pops[0]; pi++)
    {
      const Population *pop = &pops[pi];
      for (int i = 0; i < N_SPECTRA; i++)
        make_case (c, rng, pop, &cases[i]);
      if (write_dir)
        {
          for (int i = 0; i < N_SPECTRA; i++)
            {
              char path[4096];
              snprintf (path, sizeof path, "%s/%s-%03d.csv", write_dir, pop->key, i);
              FILE *fp = fopen (path, "w");
              if (fp == NULL || fwrite (cases[i].csv, 1, cases[i].len, fp) != cases[i].len)
                {
                  perror (path);
                  return 1;
                }
              fclose (fp);
              free (cases[i].csv);
            }
          continue;
        }
      int converged = 0, iters = 0, starts = 0, iters_all = 0;
      double t0 = cpu_now ();
      for (int i = 0; i < N_SPECTRA; i++)
        {
          EisDataFile *df = NULL;
          if (eis_import_buffer ("bench.csv", cases[i].csv, cases[i].len, NULL, &df, &err) != EIS_OK)
            {
              fprintf (stderr, "%s\n", err.message);
              return 1;
            }
          EisFitResult *r = NULL;
          S[i] = INFINITY;
          if (eis_fit_run (c, df->spectra[0], NULL, &r, &err) == EIS_OK && isfinite (r->chi2))
            {
              S[i] = r->chi2;
              converged += r->status == EIS_FIT_CONVERGED;
              iters += r->iterations;
#ifdef EIS_FIT_HAS_ITERATIONS_TOTAL
              iters_all += r->iterations_total;
#else
              iters_all = -N_SPECTRA;   /* not counted by that version */
#endif
              starts += r->n_starts;
            }
          eis_fit_result_free (r);
          eis_data_file_free (df);
        }
      double dt = cpu_now () - t0;
      /* Outside the timing: the best known minimum. */
      int reached = 0, truth_worse = 0;
      for (int i = 0; i < N_SPECTRA; i++)
        {
          EisDataFile *df = NULL;
          eis_import_buffer ("ref.csv", cases[i].csv, cases[i].len, NULL, &df, &err);
          long dof = 1;
          double best[9], best_S = INFINITY, q[9];
          double St = fit_S (c, df->spectra[0], cases[i].p, 1, &dof, best, &best_S);
          fit_S (c, df->spectra[0], NULL, 1, &dof, best, &best_S);
          for (int k = 0; k < N_REF_STARTS; k++)
            {
              const double *base = k % 2 == 0 || !isfinite (best_S) ? cases[i].p : best;
              for (int j = 0; j < 9; j++)
                q[j] = eis_circuit_param_kind (c, (size_t) j) == EIS_PARAM_EXPONENT
                       ? fmin (1.0, fmax (0.3, base[j] + gsl_ran_gaussian (rref, 0.1)))
                       : base[j] * exp (gsl_ran_gaussian (rref, 1.0));
              fit_S (c, df->spectra[0], q, 1, &dof, best, &best_S);
            }
          double ref = fmin (S[i], best_S);
          double tol = fmax (1e-6 * ref, 0.01 * ref / (double) dof);
          reached += S[i] <= ref + tol;
          truth_worse += St > ref + tol;
          eis_data_file_free (df);
          free (cases[i].csv);
        }
      printf ("set \"%s\" (%d spectra): %.0f spectra/s per core (%.3f ms each); best known minimum "
              "reached by %.1f %% (the fit from the truth misses it in %d); converged %d; mean "
              "iterations %.1f (of the best start; %.1f over every start), starts %.2f\n",
              pop->name, N_SPECTRA, N_SPECTRA / dt, 1e3 * dt / N_SPECTRA,
              100.0 * reached / N_SPECTRA, truth_worse, converged, (double) iters / N_SPECTRA,
              (double) iters_all / N_SPECTRA, (double) starts / N_SPECTRA);
      if (iters_all >= 0)
        printf ("@\tgiven circuit, LM iterations per spectrum (every start), %s set\t%.1f\titerations\n",
                pop->name, (double) iters_all / N_SPECTRA);
      printf ("@\tgiven circuit, import + fit, %s set\t%.1f\tspectra/s\n", pop->name, N_SPECTRA / dt);
      printf ("@\tgiven circuit, best known minimum reached, %s set\t%.1f\t%%\n", pop->name,
              100.0 * reached / N_SPECTRA);
    }
  free (S);
  free (cases);
  gsl_rng_free (rng);
  gsl_rng_free (rref);
  eis_circuit_free (c);
  return 0;
}
