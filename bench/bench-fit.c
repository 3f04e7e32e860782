/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-fit: end-to-end cost of import + automatic fit on seeded sets of pellet spectra.
 *
 * Populations (seed 2026) of R0-p(R1,CPE1)-p(R2,CPE2)-CPE3 with R1 in 1e2..1e5 Ohm, arc
 * apexes in 10 Hz..1 MHz, n1 0.8..1, n2 0.7..0.95, electrode CPE 10..100 times below R2 at the
 * second apex, R0 = 2..20 % of R1; 7 MHz..0.1 Hz at 10 points per decade, 0.5 % proportional
 * Gaussian noise. "resolved": apexes 2..3.5 decades apart and R2/R1 0.5..10, two distinct
 * arcs; "hard": 1.3..3 decades apart and R2/R1 0.3..10, where a small broad second arc against
 * the electrode spike or two overlapping arcs leave R1 or R2 uncertain by more than 2 % at
 * 0.5 % noise (the fit still reaches the global minimum: the data do not say more).
 * Each spectrum is written as CSV text and read back through the importer, then fitted with no
 * starting values. Reports spectra per second (one core); the share with R1 and R2 within 2 %
 * of the truth; and the share where the fit reached the global minimum, i.e. a chi2 no worse
 * (within 1e-6) than a fit started at the true parameters. Then the same with the circuit
 * chosen automatically (eis_fit_auto). */
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
#include "kk.h"

#define N_SPECTRA 200

typedef struct {
  char *csv;
  size_t len;
  double p[9];
} Case;

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static void
make_case (const EisCircuit *c, gsl_rng *rng, double sep_lo, double sep_hi, double ratio_lo,
           Case *k)
{
  double R1 = pow (10, gsl_ran_flat (rng, 2, 5));
  double R2 = R1 * pow (10, gsl_ran_flat (rng, log10 (ratio_lo), 1));
  double f1 = pow (10, gsl_ran_flat (rng, 4, 6));
  double f2 = fmax (10.0, f1 / pow (10, gsl_ran_flat (rng, sep_lo, sep_hi)));
  double n1 = gsl_ran_flat (rng, 0.8, 1.0), n2 = gsl_ran_flat (rng, 0.7, 0.95);
  double n3 = gsl_ran_flat (rng, 0.8, 0.95);
  double Q3 = 1.0 / (R2 * pow (10, gsl_ran_flat (rng, -2, -1)) * pow (2 * M_PI * f2, n3));
  double p[9] = { R1 * gsl_ran_flat (rng, 0.02, 0.2), R1, pow (2 * M_PI * f1, -n1) / R1, n1,
                  R2, pow (2 * M_PI * f2, -n2) / R2, n2, Q3, n3 };
  memcpy (k->p, p, sizeof p);
  size_t cap = 64 * 1024;
  k->csv = malloc (cap);
  size_t len = (size_t) snprintf (k->csv, cap, "freq_Hz,Zreal_Ohm,Zimag_Ohm\n");
  int n = (int) lround (10 * log10 (7e6 / 0.1)) + 1;
  for (int i = 0; i < n; i++)
    {
      double f = 7e6 * pow (0.1 / 7e6, (double) i / (n - 1));
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      double m = cabs (z);
      len += (size_t) snprintf (k->csv + len, cap - len, "%.6e,%.6e,%.6e\n", f,
                                creal (z) + 0.005 * m * gsl_ran_gaussian (rng, 1),
                                cimag (z) + 0.005 * m * gsl_ran_gaussian (rng, 1));
    }
  k->len = len;
}

/* Cost of each step on its own, per spectrum (microseconds), over the same set. */
static void
per_operation (const EisCircuit *c, const Case *cases)
{
  EisError err;
  EisDataFile *df[N_SPECTRA];
  double t0 = now ();
  for (int i = 0; i < N_SPECTRA; i++)
    if (eis_import_buffer ("bench.csv", cases[i].csv, cases[i].len, NULL, &df[i], &err) != EIS_OK)
      {
        fprintf (stderr, "%s\n", err.message);
        exit (1);
      }
  double t_import = (now () - t0) / N_SPECTRA;
  size_t P = eis_circuit_n_params (c), n = df[0]->spectra[0]->n;
  double p[16];
  t0 = now ();
  for (int i = 0; i < N_SPECTRA; i++)
    eis_fit_guess (c, df[i]->spectra[0], p, &err);
  double t_guess = (now () - t0) / N_SPECTRA;
  double complex z, dz[16];
  int reps = 200;
  t0 = now ();
  for (int r = 0; r < reps; r++)
    for (size_t k = 0; k < n; k++)
      eis_circuit_eval (c, cases[r % N_SPECTRA].p, 2 * M_PI * df[0]->spectra[0]->freq_hz[k], &z, dz);
  double t_eval = (now () - t0) / (reps * (double) n);
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.n_starts = 1;
  t0 = now ();
  for (int i = 0; i < N_SPECTRA; i++)
    {
      EisFitResult *r = NULL;
      eis_fit_run (c, df[i]->spectra[0], &o, &r, &err);
      eis_fit_result_free (r);
    }
  double t_fit1 = (now () - t0) / N_SPECTRA;
  t0 = now ();
  for (int i = 0; i < N_SPECTRA; i++)
    {
      EisKKResult *k = NULL;
      eis_kk_run (df[i]->spectra[0], NULL, &k, &err);
      eis_kk_result_free (k);
    }
  double t_kk = (now () - t0) / N_SPECTRA;
  for (int i = 0; i < N_SPECTRA; i++)
    eis_data_file_free (df[i]);
  printf ("  per operation (%zu points, %zu parameters): import %.1f us; automatic guess %.1f us;"
          " Z with %zu derivatives %.0f ns per frequency; one fit from the guess %.0f us;"
          " Lin-KK %.0f us\n",
          n, P, 1e6 * t_import, 1e6 * t_guess, P, 1e9 * t_eval, 1e6 * t_fit1, 1e6 * t_kk);
}

static int
recovered (const double *v, const double *p)
{
  return fabs (v[1] / p[1] - 1) < 0.02 && fabs (v[4] / p[4] - 1) < 0.02;
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse (cc, &c, &err) != EIS_OK)
    {
      fprintf (stderr, "%s\n", err.message);
      return 1;
    }
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 2026);
  static const struct { const char *name; double lo, hi, ratio_lo; } pops[] = {
    { "resolved", 2.0, 3.5, 0.5 }, { "hard", 1.3, 3.0, 0.3 }
  };
  Case *cases = calloc (N_SPECTRA, sizeof *cases);
  for (size_t pi = 0; pi < 2; pi++)
    {
      for (int i = 0; i < N_SPECTRA; i++)
        make_case (c, rng, pops[pi].lo, pops[pi].hi, pops[pi].ratio_lo, &cases[i]);
      printf ("population \"%s\" (arc apexes %.1f..%.1f decades apart, R2/R1 %.1f..10), "
              "%d spectra:\n", pops[pi].name, pops[pi].lo, pops[pi].hi, pops[pi].ratio_lo,
              N_SPECTRA);
      if (pi == 0)
        per_operation (c, cases);
      for (int mode = 0; mode < 2; mode++)
        {
          int ok = 0, converged = 0, iters = 0, global = 0;
          double *S = calloc (N_SPECTRA, sizeof *S), *vals = calloc (9 * N_SPECTRA, sizeof *vals);
          int *same = calloc (N_SPECTRA, sizeof *same);
          double t0 = now ();
          for (int i = 0; i < N_SPECTRA; i++)
            {
              char name[32];
              snprintf (name, sizeof name, "bench-%03d.csv", i);
              EisDataFile *df = NULL;
              if (eis_import_buffer (name, cases[i].csv, cases[i].len, NULL, &df, &err) != EIS_OK)
                {
                  fprintf (stderr, "%s\n", err.message);
                  return 1;
                }
              EisFitResult *r = NULL;
              EisCircuit *picked = NULL;
              int st = mode == 0 ? eis_fit_run (c, df->spectra[0], NULL, &r, &err)
                                 : eis_fit_auto (df->spectra[0], NULL, &picked, &r, NULL, 0, &err);
              S[i] = INFINITY;
              if (st == EIS_OK)
                {
                  same[i] = mode == 0 || strcmp (eis_circuit_text (picked), cc) == 0;
                  if (same[i])
                    memcpy (vals + 9 * i, r->value, 9 * sizeof (double));
                  S[i] = r->chi2;
                  converged += r->status == EIS_FIT_CONVERGED;
                  iters += r->iterations;
                }
              eis_fit_result_free (r);
              eis_circuit_free (picked);
              eis_data_file_free (df);
            }
          double dt = now () - t0;
          /* Outside the timing: the fit started at the truth, for the global-minimum check. */
          for (int i = 0; i < N_SPECTRA; i++)
            {
              if (!same[i])
                continue;
              ok += recovered (vals + 9 * i, cases[i].p);
              EisDataFile *df = NULL;
              eis_import_buffer ("truth.csv", cases[i].csv, cases[i].len, NULL, &df, &err);
              EisFitOptions o;
              eis_fit_options_init (&o);
              o.init = cases[i].p;
              o.n_starts = 1;
              EisFitResult *rt = NULL;
              if (eis_fit_run (c, df->spectra[0], &o, &rt, &err) == EIS_OK)
                global += S[i] <= rt->chi2 * (1 + 1e-6);
              eis_fit_result_free (rt);
              eis_data_file_free (df);
            }
          printf ("  %s: %.0f spectra/s (%.2f ms each); R1 and R2 within 2 %% of truth: %.1f %%;"
                  " global minimum reached: %.1f %%; converged %d; mean iterations %.1f\n",
                  mode == 0 ? "given circuit, no starting values" : "automatic circuit (BIC)",
                  N_SPECTRA / dt, 1e3 * dt / N_SPECTRA, 100.0 * ok / N_SPECTRA,
                  100.0 * global / N_SPECTRA, converged, (double) iters / N_SPECTRA);
          printf ("@\t%s, %s population (bench-fit)\t%.1f\tspectra/s\n",
                  mode == 0 ? "given circuit" : "automatic circuit", pops[pi].name,
                  N_SPECTRA / dt);
          if (mode == 0)
            printf ("    vs impedance.py (about 25-40 spectra/s, ~1 %% recovered, on such a set):"
                    " %.0fx to %.0fx faster\n", N_SPECTRA / dt / 40, N_SPECTRA / dt / 25);
          free (S);
          free (vals);
          free (same);
        }
      for (int i = 0; i < N_SPECTRA; i++)
        free (cases[i].csv);
    }
  free (cases);
  gsl_rng_free (rng);
  eis_circuit_free (c);
  return 0;
}
