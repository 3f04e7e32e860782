/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The automatic circuit choice seeded by the distribution of relaxation times (fit-auto.c):
 * the distribution finds the arcs of spectra with one, two and three known arcs, the seeded
 * choice fits fewer candidates, and it gives the same circuit and values as the exhaustive
 * search (every candidate from four starts) on synthetic spectra with known truth. */
#include "testutil.h"
#include "synth.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit.h"
#include "fit.h"
#include "fit-private.h"

/* A spectrum of CIRCUIT at P from F_HI down to F_LO, 10 points per decade, with proportional
 * Gaussian noise NOISE (seeded). */
static EisSpectrum *
synth (const char *circuit, const double *p, double f_lo, double f_hi, double noise,
       unsigned long seed)
{
  EisSpectrum *s = synth_spectrum (circuit, p, f_lo, f_hi,
                                   (size_t) lround (10 * log10 (f_hi / f_lo)) + 1, noise, seed);
  assert_non_null (s);
  return s;
}

/* The lobes holding at least a tenth of the lobes' resistance (what eis_fit_auto counts as
 * arcs); their number, and each one's R and tau in R_OUT, TAU_OUT (ascending tau). */
static size_t
significant_lobes (const EisFitFeatures *F, double *r_out, double *tau_out)
{
  double total = 0;
  size_t n = 0;
  for (size_t i = 0; i < F->n_lobes; i++)
    total += F->lobes[i].R;
  for (size_t i = 0; i < F->n_lobes; i++)
    if (F->lobes[i].R >= 0.1 * total)
      {
        r_out[n] = F->lobes[i].R;
        tau_out[n] = F->lobes[i].tau;
        n++;
      }
  return n;
}

/* One, two and three ideal arcs (R||C, apexes 2.5 decades apart) after a series resistance,
 * 0.2 % noise, no electrode: the distribution finds as many arcs as there are, each with its
 * time constant within a factor 1.6 (the grid has 5 points per decade) and its resistance
 * within 15 %, and the intercept within 5 %. */
static void
test_features_find_arcs (void **state)
{
  (void) state;
  static const char *circuits[] = { "R0-p(R1,C1)", "R0-p(R1,C1)-p(R2,C2)",
                                    "R0-p(R1,C1)-p(R2,C2)-p(R3,C3)" };
  const double R0 = 83.7, R[3] = { 1385.0, 4720.0, 2560.0 };
  const double tau[3] = { 2.17e-6, 6.86e-4, 0.217 };
  for (size_t n_arcs = 1; n_arcs <= 3; n_arcs++)
    {
      double p[7] = { R0 };
      for (size_t k = 0; k < n_arcs; k++)
        {
          p[1 + 2 * k] = R[k];
          p[2 + 2 * k] = tau[k] / R[k];
        }
      EisSpectrum *s = synth (circuits[n_arcs - 1], p, 0.01, 1e7, 0.002, 31 + n_arcs);
      EisFitFeatures F;
      eis_fit_features (s, &F);
      double r_l[EIS_FIT_MAX_LOBES], tau_l[EIS_FIT_MAX_LOBES];
      size_t found = significant_lobes (&F, r_l, tau_l);
      if (found != n_arcs)
        print_error ("%zu arcs: found %zu lobes\n", n_arcs, found);
      assert_int_equal (found, n_arcs);
      for (size_t k = 0; k < n_arcs; k++)
        {
          assert_true (fabs (log (tau_l[k] / tau[k])) < log (1.6));
          assert_rel (r_l[k], R[k], 0.15);
        }
      assert_rel (F.R_inf, R0, 0.05);
      eis_spectrum_free (s);
    }
}

/* The candidates each choice fitted, as its WHY lists them ("... (BIC: A -1.0, B -2.0)"). */
static int
listed (const char *why, const char *circuit)
{
  char key[160];
  snprintf (key, sizeof key, "%s ", circuit);
  const char *list = strstr (why, "(BIC: ");
  assert_non_null (list);
  for (const char *p = list + 6; (p = strstr (p, key)) != NULL; p++)
    if (p[-1] == ' ' && (p[-2] == ',' || p[-2] == ':'))
      return 1;
  return 0;
}

typedef struct {
  const char *circuit;
  double p[10];
  double f_lo, f_hi;
} Truth;

/* On spectra with known truth (0.5 % noise), the seeded choice and the exhaustive search pick
 * the same circuit, the true one, with every value within the larger of their two standard
 * errors, and the resistances within 3 % of the truth; the seeded choice fits fewer
 * candidates where the distribution is clear (a one-arc spectrum with a blocking electrode
 * needs neither the zero-arc model nor the arcs without an electrode). */
/* How many candidates a choice's account lists (one "BIC" line each). */
static size_t
candidates (const char *why)
{
  size_t n = 0;
  for (const char *p = why; (p = strstr (p, "BIC")) != NULL; p += 3)
    n++;
  return n;
}

static void
test_seeded_same_as_exhaustive (void **state)
{
  (void) state;
  static const Truth cases[] = {
    /* one depressed arc and a blocking electrode */
    { "R0-p(R1,CPE1)-CPE2", { 235.0, 4710.0, 3.1e-8, 0.86, 2.2e-6, 0.88 }, 0.1, 1e6 },
    /* bulk and grain boundary, blocking electrode */
    { "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3",
      { 118.3, 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 }, 0.1, 7e6 },
    /* the sample pellet at 25 C: the bulk arc's apex (18 MHz) above the highest frequency */
    { "p(R1,C1)-p(R2,CPE2)-CPE3", { 369.0, 2.32e-11, 155.0, 3.21e-8, 0.86, 4.2e-6, 0.88 },
      0.1, 7e6 },
    /* no arc in range */
    { "R0-CPE1", { 73.9, 3.3e-6, 0.89 }, 1, 1e6 },
  };
  for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++)
    {
      const Truth *k = &cases[t];
      EisSpectrum *s = synth (k->circuit, k->p, k->f_lo, k->f_hi, 0.005, 101 + t);
      EisCircuit *c[2] = { NULL, NULL };
      EisFitResult *r[2] = { NULL, NULL };
      char why[2][4096];
      EisError err;
      assert_int_equal (eis_fit_auto (s, NULL, &c[0], &r[0], why[0], sizeof why[0], &err), EIS_OK);
      assert_int_equal (eis_fit_auto_exhaustive (s, NULL, &c[1], &r[1], why[1], sizeof why[1],
                                                 &err), EIS_OK);
      if (strcmp (eis_circuit_text (c[0]), k->circuit) != 0
          || strcmp (eis_circuit_text (c[1]), k->circuit) != 0)
        print_error ("seeded: %s\nexhaustive: %s\n", why[0], why[1]);
      assert_string_equal (eis_circuit_text (c[0]), k->circuit);
      assert_string_equal (eis_circuit_text (c[1]), k->circuit);
      for (size_t j = 0; j < r[0]->n_params; j++)
        {
          double se = fmax (r[0]->stderr_[j], r[1]->stderr_[j]);
          assert_true (isfinite (se));
          assert_true (fabs (r[0]->value[j] - r[1]->value[j]) <= se);
          if (eis_circuit_param_kind (c[0], j) == EIS_PARAM_POSITIVE
              && strncmp (eis_circuit_param_name (c[0], j), "R", 1) == 0)
            assert_rel (r[0]->value[j], k->p[j], 0.03);
        }
      /* the seeded choice fits no more candidates than the exhaustive one */
      if (candidates (why[0]) > candidates (why[1]))
        print_error ("case %zu: seeded fits %zu candidates, exhaustive %zu:\nseeded: %s\n"
                     "exhaustive: %s\n", t, candidates (why[0]), candidates (why[1]), why[0],
                     why[1]);
      assert_true (candidates (why[0]) <= candidates (why[1]));
      if (t == 0)
        {
          assert_false (listed (why[0], "R0-p(R1,CPE1)"));
          assert_false (listed (why[0], "R0-p(R1,CPE1)-p(R2,CPE2)"));
          assert_true (listed (why[1], "R0-p(R1,CPE1)"));
          assert_true (listed (why[1], "R0-p(R1,CPE1)-p(R2,CPE2)"));
        }
      for (int m = 0; m < 2; m++)
        {
          eis_circuit_free (c[m]);
          eis_fit_result_free (r[m]);
        }
      eis_spectrum_free (s);
    }
}

/* A spectrum no seeded candidate describes (three arcs and an electrode, where the defaults
 * have two arcs at most): the distribution's choices are fitted first, and as none of them
 * describes the data the others are fitted too, so the answer is the exhaustive search's
 * (here two arcs and a CPE3 that takes the third arc). */
static void
test_seeded_falls_back (void **state)
{
  (void) state;
  double p[] = { 83.7, 1385.0, 1.57e-9, 4720.0, 1.45e-7, 2560.0, 8.48e-5, 3.9e-4, 0.85 };
  EisSpectrum *s = synth ("R0-p(R1,C1)-p(R2,C2)-p(R3,C3)-CPE4", p, 0.01, 1e7, 0.005, 57);
  EisCircuit *c[2] = { NULL, NULL };
  EisFitResult *r[2] = { NULL, NULL };
  char why[2][4096];
  EisError err;
  int st = eis_fit_auto (s, NULL, &c[0], &r[0], why[0], sizeof why[0], &err);
  if (st != EIS_OK)
    print_error ("%s\n", err.message);
  assert_int_equal (st, EIS_OK);
  assert_int_equal (eis_fit_auto_exhaustive (s, NULL, &c[1], &r[1], why[1], sizeof why[1], &err),
                    EIS_OK);
  if (strcmp (eis_circuit_text (c[0]), eis_circuit_text (c[1])) != 0)
    print_error ("seeded: %s\nexhaustive: %s\n", why[0], why[1]);
  assert_string_equal (eis_circuit_text (c[0]), eis_circuit_text (c[1]));
  assert_rel (r[0]->chi2, r[1]->chi2, 1e-3);
  /* the distribution shows three arcs; the seeded choice went on to the zero-arc model */
  assert_true (listed (why[0], "R0-CPE1"));
  for (int m = 0; m < 2; m++)
    {
      eis_circuit_free (c[m]);
      eis_fit_result_free (r[m]);
    }
  eis_spectrum_free (s);
}

/* Two well-separated arcs and a blocking electrode, R0-p(R1,CPE1)-p(R2,CPE2)-CPE3, measured
 * over 10 to 15 decades (up to 1e-5 Hz to 1e10 Hz) at 0.5 % noise, from a few Ohm to
 * megaohms: the automatic choice names that circuit (no series inductance: the data have
 * none) with R1 and R2 within 5 % of the truth. Decades of points above the bulk arc lie on
 * the real axis, where noise alone once made the spectrum look inductive (Z'' above 0.1 % of
 * |Z| at two of the top three points) in about a third of such spectra, and every candidate
 * then carried an inductance. */
typedef struct {
  double R0, R1, f1, n1;    /* Ohm; the bulk arc's apex [Hz] and exponent */
  double R2, f2, n2;        /* the second arc */
  double fc, n3;            /* where the electrode's CPE3 reaches R2 [Hz], its exponent */
  double f_lo, f_hi;        /* Hz */
  unsigned long seed;
} WideCase;

static void
test_auto_wide_range (void **state)
{
  (void) state;
  static const WideCase cases[] = {
    { 12.7, 1530, 1e6, 0.91, 4270, 10, 0.86, 0.01, 0.83, 1e-5, 1e10, 1 },
    { 12.7, 1530, 1e6, 0.91, 4270, 10, 0.86, 0.01, 0.83, 1e-5, 1e10, 2 },
    { 12.7, 1530, 1e6, 0.91, 4270, 10, 0.86, 0.01, 0.83, 1e-5, 1e10, 3 },
    { 12.7, 1530, 1e6, 0.91, 4270, 10, 0.86, 0.01, 0.83, 1e-5, 1e10, 4 },
    { 42.3, 44.5, 5.19e6, 0.95, 368, 282, 0.80, 0.653, 0.75, 1e-5, 1e10, 137 },
    { 1220, 1330, 3.23e6, 0.91, 2600, 0.76, 0.90, 0.00184, 0.78, 1e-5, 1e10, 155 },
    { 4.38e6, 6.75e6, 6.56e5, 0.87, 4.47e6, 329, 0.89, 8.83, 0.74, 1e-5, 1e10, 181 },
    { 2.04e6, 2.74e6, 4.25e5, 0.81, 1.1e7, 154, 0.74, 0.445, 0.89, 1e-4, 1e9, 51 },
    { 8.55e5, 1.35e6, 3.01e5, 0.88, 5.91e6, 0.00541, 0.90, 2.97e-4, 0.81, 3e-5, 3e9, 2 },
    { 618, 747, 8.46e5, 0.89, 333, 0.0156, 0.82, 0.00291, 0.83, 2.9e-4, 2.9e9, 78 },
    { 171, 379, 4.85e6, 0.88, 78.9, 6.7, 0.92, 0.149, 0.80, 8.7e-3, 8.7e9, 7 },
    { 19.5, 55, 8.73e5, 0.93, 45.3, 33, 0.75, 0.445, 0.76, 1e-3, 1e8, 139 },
    { 0.291, 1.8, 1.01e7, 0.88, 0.193, 5.74e3, 0.74, 103, 0.71, 0.031, 3.1e9, 114 },
    /* a small bulk arc (under a tenth of the resistance) decades above the second */
    { 0.797, 55, 8.9e4, 0.83, 758, 15.6, 0.83, 0.0333, 0.94, 3.3e-3, 3.3e7, 201 },
    { 2.24, 53, 1.08e7, 1.0, 689, 0.243, 0.88, 0.00107, 0.85, 1.1e-4, 1.1e9, 333 },
    { 3.84e4, 1.46e6, 4.29e6, 0.88, 1.42e7, 1.29e3, 0.80, 5.89, 0.80, 2.9e-5, 2.9e9, 199 },
    { 23.4, 95.2, 5.56e5, 0.99, 1180, 6.63, 0.90, 0.0671, 0.79, 1.7e-5, 1.7e9, 214 },
    { 2.57, 4.54, 5.79e8, 0.96, 3.43, 27.2, 0.73, 0.084, 0.72, 1e-5, 1e10, 145 },
  };
  const char *truth = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  int failed = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      const WideCase *k = &cases[i];
      /* R||CPE peaks at omega = (R Q)^(-1/n) */
      double p[] = { k->R0, k->R1, pow (2 * M_PI * k->f1, -k->n1) / k->R1, k->n1,
                     k->R2, pow (2 * M_PI * k->f2, -k->n2) / k->R2, k->n2,
                     pow (2 * M_PI * k->fc, -k->n3) / k->R2, k->n3 };
      EisSpectrum *s = synth (truth, p, k->f_lo, k->f_hi, 0.005, k->seed);
      EisCircuit *c = NULL;
      EisFitResult *r = NULL;
      char why[4096];
      EisError err;
      int st = eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err);
      eis_spectrum_free (s);
      if (st != EIS_OK)
        {
          print_error ("case %zu: %s\n", i, err.message);
          failed++;
          continue;
        }
      /* an ideal bulk arc (n1 = 1) is rightly the circuit with C1 in CPE1's place */
      long i1 = eis_circuit_param_index (c, "R1"), i2 = eis_circuit_param_index (c, "R2");
      int ok = (strcmp (eis_circuit_text (c), truth) == 0
                || (k->n1 == 1.0 && strcmp (eis_circuit_text (c), "R0-p(R1,C1)-p(R2,CPE2)-CPE3") == 0))
               && i1 >= 0 && i2 >= 0
               && fabs (r->value[i1] / k->R1 - 1) <= 0.05 && fabs (r->value[i2] / k->R2 - 1) <= 0.05;
      if (!ok)
        {
          print_error ("case %zu (%g to %g Hz, R1 %g, R2 %g): %s, R1 %g, R2 %g\n  %s\n", i,
                       k->f_lo, k->f_hi, k->R1, k->R2, eis_circuit_text (c),
                       i1 >= 0 ? r->value[i1] : NAN, i2 >= 0 ? r->value[i2] : NAN, why);
          failed++;
        }
      eis_circuit_free (c);
      eis_fit_result_free (r);
    }
  assert_int_equal (failed, 0);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_features_find_arcs),
    cmocka_unit_test (test_seeded_same_as_exhaustive),
    cmocka_unit_test (test_seeded_falls_back),
    cmocka_unit_test (test_auto_wide_range),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
