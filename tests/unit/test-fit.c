/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CNLS fitter, its automatic starting values and the default-circuit choice, against
 * synthetic spectra with known parameters and seeded noise. */
#include "testutil.h"
#include "synth.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit.h"
#include "conductivity.h"
#include "fit.h"
#include "fit-private.h"

/* A spectrum of CIRCUIT with parameters P from F_HI down to F_LO, PER_DECADE points per decade,
 * with proportional Gaussian noise of relative size NOISE on each component (seeded). */
static EisSpectrum *
synth (const char *circuit, const double *p, double f_lo, double f_hi, int per_decade,
       double noise, unsigned long seed)
{
  EisSpectrum *s = synth_spectrum (circuit, p, f_lo, f_hi,
                                   (size_t) (per_decade * log10 (f_hi / f_lo)) + 1, noise, seed);
  assert_non_null (s);
  return s;
}

static EisFitResult *
fit (const char *circuit, const EisSpectrum *s, const EisFitOptions *o)
{
  EisCircuit *c = NULL;
  EisError err;
  assert_int_equal (eis_circuit_parse (circuit, &c, &err), EIS_OK);
  EisFitResult *r = NULL;
  int st = eis_fit_run (c, s, o, &r, &err);
  if (st != EIS_OK)
    print_error ("%s\n", err.message);
  assert_int_equal (st, EIS_OK);
  eis_circuit_free (c);
  return r;
}

/* A pellet with two arcs and a blocking electrode, 0.5 % noise: every parameter back within
 * 2 % (resistances) and 0.02 (exponents), with no starting value given. */
static void
test_two_arcs_no_guess (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double truth[] = { 118.3, 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 };
  EisSpectrum *s = synth (cc, truth, 0.1, 7e6, 10, 0.005, 11);
  EisFitResult *r = fit (cc, s, NULL);
  assert_int_equal (r->status, EIS_FIT_CONVERGED);
  assert_rel (r->value[1], truth[1], 0.02);
  assert_rel (r->value[4], truth[4], 0.02);
  assert_rel (r->value[0], truth[0], 0.05);
  assert_abs (r->value[3], truth[3], 0.02);
  assert_abs (r->value[6], truth[6], 0.02);
  assert_abs (r->value[8], truth[8], 0.01);
  /* Reduced chi2 under proportional weighting ~ noise^2 (two components, each 0.5 %). */
  assert_true (r->reduced_chi2 < 2 * 0.005 * 0.005 && r->reduced_chi2 > 0.5 * 0.005 * 0.005);
  /* The standard errors describe the scatter: truth within 4 sigma. */
  for (size_t k = 0; k < r->n_params; k++)
    assert_true (fabs (r->value[k] - truth[k]) < 4 * r->stderr_[k] + 1e-12 * fabs (truth[k]));
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* The fit stops once a step is a tiny fraction of a standard error (fit.c, solve): a second
 * fit started where the first ended moves no parameter by more than 1e-3 of its standard
 * error and lowers chi2 by less than 1e-6 of a chi2 unit (S/dof). */
static void
test_stop_inside_standard_errors (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double truth[] = { 231.7, 4385.0, 2.17e-10, 0.887, 9240.0, 4.63e-8, 0.781, 3.81e-6, 0.893 };
  for (unsigned long seed = 21; seed < 25; seed++)
    {
      EisSpectrum *s = synth (cc, truth, 0.1, 7e6, 10, 0.005, seed);
      EisFitResult *r = fit (cc, s, NULL);
      assert_int_equal (r->status, EIS_FIT_CONVERGED);
      EisFitOptions o;
      eis_fit_options_init (&o);
      o.init = r->value;
      o.n_starts = 1;
      EisFitResult *again = fit (cc, s, &o);
      assert_int_equal (again->status, EIS_FIT_CONVERGED);
      for (size_t k = 0; k < r->n_params; k++)
        assert_abs (again->value[k], r->value[k], 1e-3 * r->stderr_[k]);
      assert_true (r->chi2 - again->chi2 < 1e-6 * r->reduced_chi2);
      eis_fit_result_free (again);
      eis_fit_result_free (r);
      eis_spectrum_free (s);
    }
}

/* One bad point among 79 (8 % off) is found, and nothing else: the threshold is EIS_OUTLIER_SIGMAS
 * robust standard deviations, 1.4826 times the median absolute residual (fit.c, robust_sigma). */
static void
test_outlier_found (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double truth[] = { 118.3, 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 };
  EisCircuit *c = NULL;
  EisError err;
  assert_int_equal (eis_circuit_parse (cc, &c, &err), EIS_OK);
  EisSpectrum *s = synth (cc, truth, 0.1, 7e6, 10, 0.005, 31);
  assert_int_equal (s->n, 79);
  size_t idx[4];
  EisFitOptions o;
  eis_fit_options_init (&o);
  EisFitResult *r = NULL;
  assert_int_equal (eis_fit_run (c, s, &o, &r, &err), EIS_OK);
  assert_int_equal (eis_fit_outliers (c, s, &o, r, idx, 4), 0);
  eis_fit_result_free (r);
  s->z_re[47] += 0.08 * hypot (s->z_re[47], s->z_im[47]);
  assert_int_equal (eis_fit_run (c, s, &o, &r, &err), EIS_OK);
  assert_int_equal (eis_fit_outliers (c, s, &o, r, idx, 4), 1);
  assert_int_equal (idx[0], 47);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
  eis_circuit_free (c);
}

/* Noise-free data: the fit must land on the truth to high precision. */
static void
test_exact_recovery (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-CPE2";
  double truth[] = { 52.7, 1.234e4, 4.56e-9, 0.873, 2.2e-6, 0.931 };
  EisSpectrum *s = synth (cc, truth, 0.05, 1e6, 12, 0.0, 1);
  EisFitResult *r = fit (cc, s, NULL);
  assert_int_equal (r->status, EIS_FIT_CONVERGED);
  for (size_t k = 0; k < 6; k++)
    assert_rel (r->value[k], truth[k], 1e-6);
  assert_true (r->chi2 < 1e-18);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* Fixed parameters stay put, bounds are honoured, user starts are used. */
static void
test_fixed_and_bounds (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-CPE2";
  double truth[] = { 52.7, 1.234e4, 4.56e-9, 0.873, 2.2e-6, 0.931 };
  EisSpectrum *s = synth (cc, truth, 0.05, 1e6, 10, 0.003, 5);
  double init[6] = { NAN, NAN, NAN, NAN, NAN, 0.931 };
  int fixed[6] = { 0, 0, 0, 0, 0, 1 };
  double lo[6] = { 60.0, NAN, NAN, NAN, NAN, NAN }, hi[6] = { NAN, NAN, NAN, NAN, NAN, NAN };
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.init = init;
  o.fixed = fixed;
  o.lower = lo;
  o.upper = hi;
  EisFitResult *r = fit (cc, s, &o);
  assert_true (r->value[5] == 0.931);
  assert_true (r->fixed[5]);
  assert_true (r->stderr_[5] == 0.0);
  assert_true (r->value[0] >= 60.0 - 1e-9);
  assert_int_equal (r->at_bound[0], -1);    /* the truth, 52.7, lies below the bound */
  assert_int_equal (r->at_bound[1], 0);
  assert_int_equal (r->dof, (long) (2 * s->n) - 5);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* Each weighting gives the right answer on clean data, and its chi2 is what it says. */
static void
test_weightings (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,C1)";
  double truth[] = { 10.5, 987.0, 1.7e-7 };
  EisSpectrum *s = synth (cc, truth, 1, 1e5, 8, 0.0, 1);
  for (int w = 0; w < 4; w++)
    {
      EisFitOptions o;
      eis_fit_options_init (&o);
      o.weighting = (EisWeighting) w;
      EisFitResult *r = fit (cc, s, &o);
      for (size_t k = 0; k < 3; k++)
        assert_rel (r->value[k], truth[k], 1e-6);
      eis_fit_result_free (r);
    }
  /* With a perturbed point, unit weighting's chi2 is the plain sum of squares of Ohm
   * residuals: check it against a direct computation at the reported optimum. */
  s->z_re[3] += 5.0;
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.weighting = EIS_WEIGHT_UNIT;
  EisFitResult *r = fit (cc, s, &o);
  double S = 0;
  for (size_t i = 0; i < s->n; i++)
    {
      double a = s->z_re[i] - r->model_re[i], b = s->z_im[i] - r->model_im[i];
      S += a * a + b * b;
    }
  assert_rel (r->chi2, S, 1e-9);
  assert_int_equal (eis_weighting_parse ("modulus"), EIS_WEIGHT_MODULUS);
  assert_int_equal (eis_weighting_parse ("nonsense"), -1);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* Geodesic acceleration reaches the same optimum. */
static void
test_geodesic (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-CPE2";
  double truth[] = { 52.7, 1.234e4, 4.56e-9, 0.873, 2.2e-6, 0.931 };
  EisSpectrum *s = synth (cc, truth, 0.05, 1e6, 10, 0.004, 23);
  EisFitResult *plain = fit (cc, s, NULL);
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.geodesic = 1;
  EisFitResult *accel = fit (cc, s, &o);
  assert_int_equal (accel->status, EIS_FIT_CONVERGED);
  for (size_t k = 0; k < 6; k++)
    assert_rel (accel->value[k], plain->value[k], 1e-4);
  assert_rel (accel->chi2, plain->chi2, 1e-6);
  eis_fit_result_free (plain);
  eis_fit_result_free (accel);
  eis_spectrum_free (s);
}

/* The pre-fit Nyquist view: about 1.3 times the electrolyte's resistance when an electrode
 * spike towers over it, none for a spectrum without a spike. */
static void
test_nyquist_extent_before_fit (void **state)
{
  (void) state;
  double two[] = { 118.3, 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 };
  EisSpectrum *s = synth ("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", two, 0.1, 7e6, 10, 0.005, 31);
  double ext = eis_fit_guess_nyquist_extent (s);
  assert_rel (ext, 1.3 * (118.3 + 2385.0 + 8240.0), 0.2);
  eis_spectrum_free (s);
  double arc[] = { 118.3, 2385.0, 3.17e-10, 0.912 };
  s = synth ("R0-p(R1,CPE1)", arc, 0.1, 7e6, 10, 0.005, 31);
  assert_true (isnan (eis_fit_guess_nyquist_extent (s)));
  eis_spectrum_free (s);
}

static void
test_too_few_points (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double truth[] = { 118.3, 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 };
  EisSpectrum *s = synth (cc, truth, 1, 1e6, 2, 0.0, 1);   /* 13 points: fine */
  eis_spectrum_resize (s, 4);                              /* 8 values < 9 parameters */
  EisCircuit *c;
  EisError err;
  assert_int_equal (eis_circuit_parse (cc, &c, &err), EIS_OK);
  EisFitResult *r = NULL;
  assert_int_equal (eis_fit_run (c, s, NULL, &r, &err), EIS_ERR_DATA);
  assert_null (r);
  assert_non_null (strstr (err.message, "9 free parameters"));
  eis_circuit_free (c);
  eis_spectrum_free (s);
}

/* A bad start with one iteration allowed: a status, not a crash. */
static void
test_not_converged_is_a_status (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-CPE2";
  double truth[] = { 52.7, 1.234e4, 4.56e-9, 0.873, 2.2e-6, 0.931 };
  EisSpectrum *s = synth (cc, truth, 0.05, 1e6, 10, 0.01, 3);
  double init[6] = { 1e3, 1.0, 1e-3, 0.5, 1e-12, 0.5 };
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.init = init;
  o.max_iter = 1;
  o.n_starts = 1;
  EisFitResult *r = fit (cc, s, &o);
  assert_int_not_equal (r->status, EIS_FIT_CONVERGED);
  assert_true (strlen (r->message) > 0);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

static void
test_invalid_options (void **state)
{
  (void) state;
  double truth[] = { 10.5, 987.0, 1.7e-7 };
  EisSpectrum *s = synth ("R0-p(R1,C1)", truth, 1, 1e5, 8, 0.0, 1);
  EisCircuit *c;
  EisError err;
  assert_int_equal (eis_circuit_parse ("R0-p(R1,C1)", &c, &err), EIS_OK);
  int fixed[3] = { 1, 0, 0 };
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.fixed = fixed;   /* fixed without a value */
  EisFitResult *r = NULL;
  assert_int_equal (eis_fit_run (c, s, &o, &r, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "R0"));
  double lo[3] = { 5, NAN, NAN }, hi[3] = { 1, NAN, NAN };
  o.fixed = NULL;
  o.lower = lo;
  o.upper = hi;
  assert_int_equal (eis_fit_run (c, s, &o, &r, &err), EIS_ERR_INVALID);
  eis_circuit_free (c);
  eis_spectrum_free (s);
}

/* Automatic circuit: two arcs + electrode is recognised; a spectrum with no arc in range
 * (quasi-solid electrolyte at room temperature) gets the intercept model. */
static void
test_auto_circuit (void **state)
{
  (void) state;
  double two[] = { 118.3, 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 };
  EisSpectrum *s = synth ("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", two, 0.1, 7e6, 10, 0.005, 17);
  EisCircuit *c = NULL;
  EisFitResult *r = NULL;
  EisError err;
  char why[512];
  assert_int_equal (eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err), EIS_OK);
  assert_string_equal (eis_circuit_text (c), "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3");
  assert_non_null (strstr (why, "BIC"));
  assert_rel (r->value[1], two[1], 0.02);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);

  /* One ideal arc after a series resistance, no electrode in range: p(R1,C1)-CPE2 fits as well
   * with CPE2's exponent run to 0 (a 12.5 Ohm "resistor"), a smaller model in disguise that
   * must not win; the plain one must, with R0 and R1 back (its CPE1's exponent at 1, or the
   * ideal capacitor R0-p(R1,C1) where it ran to that bound). */
  double arc[] = { 12.5, 843.2, 2.35e-6, 1.0 };
  s = synth ("R0-p(R1,CPE1)", arc, 10, 1e5, 3, 0, 23);
  for (size_t i = 0; i < s->n; i++)   /* as exported: 6 significant digits */
    {
      char t[32];
      snprintf (t, sizeof t, "%.5e", s->z_re[i]);
      s->z_re[i] = strtod (t, NULL);
      snprintf (t, sizeof t, "%.5e", s->z_im[i]);
      s->z_im[i] = strtod (t, NULL);
    }
  assert_int_equal (eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err), EIS_OK);
  int ideal_c = strcmp (eis_circuit_text (c), "R0-p(R1,C1)") == 0;
  if (!ideal_c && strcmp (eis_circuit_text (c), "R0-p(R1,CPE1)") != 0)
    print_error ("%s\n", why);
  if (!ideal_c)
    assert_string_equal (eis_circuit_text (c), "R0-p(R1,CPE1)");
  assert_rel (r->value[0], arc[0], 0.02);
  assert_rel (r->value[1], arc[1], 0.005);
  assert_rel (r->value[2], arc[2], 0.005);
  assert_true (ideal_c || fabs (r->value[3] - 1) < 0.01);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);

  double none[] = { 73.9, 3.3e-6, 0.89 };
  s = synth ("R0-CPE1", none, 1, 1e6, 10, 0.005, 19);
  assert_int_equal (eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err), EIS_OK);
  assert_string_equal (eis_circuit_text (c), "R0-CPE1");
  assert_rel (r->value[0], none[0], 0.01);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* Conductivity by hand: R0 = 250 Ohm intercept, L = 0.06 cm, A = pi (0.5 cm)^2 = 0.7853982 cm^2:
 * sigma = 0.06 / (250 * 0.7853982) = 3.0558e-4 S/cm. Bulk arc: R1 = 2385 Ohm with
 * Q = 3.17e-10, n = 0.912: C_eff = Q^(1/n) R^((1-n)/n) (Hsu-Mansfeld) and the role by
 * C_eff L/A. */
static void
test_conductivity_worked (void **state)
{
  (void) state;
  const char *cc = "R0-CPE1";
  double truth[] = { 250.0, 3.3e-6, 0.89 };
  EisSpectrum *s = synth (cc, truth, 1, 1e6, 10, 0.0, 1);
  EisFitResult *r = fit (cc, s, NULL);
  EisCircuit *c;
  EisError err;
  eis_circuit_parse (cc, &c, &err);
  EisGeometry g = { 0.06, 0.001, M_PI * 0.25, 0.0, 0, 0 };
  EisConductivity cd;
  /* no electrolyte arc beyond the intercept: a grain-boundary arc above 1 MHz could hide in
   * it (it could hold up to (L/A) / (2 pi 1e6 1e-11) = 1216 Ohm), so the intercept is
   * sigma_total's, and sigma_bulk is not given */
  assert_int_equal (eis_conductivity_analyse (c, r, &g, &cd, &err), EIS_OK);
  assert_true (cd.intercept_total);
  assert_true (isnan (cd.sigma_bulk));
  assert_rel (cd.sigma_total, 0.06 / (250.0 * M_PI * 0.25), 1e-6);
  /* a liquid cell has no grain boundary: the intercept is R_bulk */
  assert_int_equal (eis_conductivity_analyse_cell (c, r, &g, EIS_CELL_LIQUID, &cd, &err), EIS_OK);
  assert_false (cd.intercept_total);
  assert_rel (cd.sigma_bulk, 0.06 / (250.0 * M_PI * 0.25), 1e-6);
  assert_rel (cd.sigma_total, cd.sigma_bulk, 1e-12);
  /* Error dominated by the thickness: 0.001/0.06 = 1.667 %. */
  assert_rel (cd.sigma_bulk_se / cd.sigma_bulk, 0.001 / 0.06, 1e-3);
  assert_non_null (strstr (cd.bulk_source, "intercept"));
  /* Brug for the blocking electrode: C = Q^(1/n) R_e^((1-n)/n). */
  const EisArc *el = &cd.arcs[cd.n_arcs - 1];
  assert_int_equal (el->role, EIS_ROLE_ELECTRODE);
  assert_rel (el->C_eff, pow (3.3e-6, 1 / 0.89) * pow (250.0, (1 - 0.89) / 0.89), 1e-5);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);

  cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double two[] = { 3.2, 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 };
  s = synth (cc, two, 0.1, 7e6, 10, 0.0, 1);
  r = fit (cc, s, NULL);
  eis_circuit_parse (cc, &c, &err);
  EisGeometry g1 = { 0.01, 0, 1.0, 0, 0, 0 };   /* cell constant 0.01 1/cm */
  assert_int_equal (eis_conductivity_analyse (c, r, &g1, &cd, &err), EIS_OK);
  double C1 = pow (3.17e-10, 1 / 0.912) * pow (2385.0, (1 - 0.912) / 0.912);
  double C2 = pow (2.63e-8, 1 / 0.803) * pow (8240.0, (1 - 0.803) / 0.803);
  assert_rel (cd.arcs[0].C_eff, C1, 1e-5);
  assert_rel (cd.arcs[1].C_eff, C2, 1e-5);
  assert_int_equal (cd.arcs[0].role, EIS_ROLE_BULK);            /* 1.3e-11 * 0.01 */
  assert_int_equal (cd.arcs[1].role, EIS_ROLE_GRAIN_BOUNDARY);  /* ~2e-9 * 0.01 */
  assert_false (cd.split_ambiguous);
  assert_rel (cd.R_bulk, 2385.0, 1e-6);
  assert_rel (cd.R_gb, 8240.0, 1e-6);
  assert_rel (cd.sigma_bulk, 0.01 / 2385.0, 1e-6);
  assert_rel (cd.sigma_total, 0.01 / (2385.0 + 8240.0), 1e-6);
  /* Brick layer: C_gb/C_bulk = 150, thin grain boundaries. */
  assert_rel (cd.sigma_gb_specific, 0.01 / 8240.0 * C1 / C2, 1e-5);
  assert_int_equal (cd.n_cautions, 0);
  /* A series resistance whose error could not be computed (a covariance made singular by
   * another parameter at its bound: R0 = 61.7 Ohm of a series row's 92 was dropped as leads)
   * counts as one that is determined; only an error as large as the value makes it the
   * leads. */
  {
    double v0 = r->value[0], se0 = r->stderr_[0];
    EisConductivity known, unknown, undetermined;
    r->value[0] = 1500.0;   /* 14 % of the arcs': more than leads */
    r->stderr_[0] = 1.0;
    assert_int_equal (eis_conductivity_analyse (c, r, &g1, &known, &err), EIS_OK);
    r->stderr_[0] = NAN;
    assert_int_equal (eis_conductivity_analyse (c, r, &g1, &unknown, &err), EIS_OK);
    r->stderr_[0] = 1600.0;
    assert_int_equal (eis_conductivity_analyse (c, r, &g1, &undetermined, &err), EIS_OK);
    assert_rel (unknown.R_total, known.R_total, 1e-12);
    assert_rel (known.R_total, 1500.0 + 2385.0 + 8240.0, 1e-6);
    assert_rel (undetermined.R_total, 2385.0 + 8240.0, 1e-6);
    r->value[0] = v0;
    r->stderr_[0] = se0;
  }
  /* At a cell constant of 0.1 1/cm the arc (C_eff 8.1e-11 F) has C1 L/A = 8.1e-12 F/cm, within
   * a factor 3 of the bulk line; that alone withheld the split. But the two arcs are resolved
   * and C_gb/C_bulk = 150: the brick layer places them (the faster is the bulk), and a caution
   * says so (R0 = 3.2 Ohm, 0.03 %, is the leads). */
  EisGeometry g10 = { 0.1, 0, 1.0, 0, 0, 0 };
  assert_int_equal (eis_conductivity_analyse (c, r, &g10, &cd, &err), EIS_OK);
  assert_false (cd.split_ambiguous);
  assert_true (cd.brick_layer);
  assert_rel (cd.brick_ratio, C2 / C1, 1e-6);
  assert_int_equal (cd.arcs[0].role, EIS_ROLE_BULK);
  assert_int_equal (cd.arcs[1].role, EIS_ROLE_GRAIN_BOUNDARY);
  assert_rel (cd.R_bulk, 2385.0, 1e-6);
  assert_rel (cd.sigma_bulk, 0.1 / 2385.0, 1e-6);
  assert_rel (cd.sigma_total, 0.1 / (2385.0 + 8240.0), 1e-6);
  assert_int_equal (cd.n_cautions, 1);
  assert_non_null (strstr (cd.cautions[0], "R1||CPE1: C_eff L/A = 8.1e-12 F/cm is near"));
  assert_non_null (strstr (cd.cautions[0], "(brick layer"));
  /* The same fit without geometry: C1 = 1.3e-11 F alone would say grain boundary, but R0 =
   * 3.2 Ohm is below 2 % of R1, so it is the leads and R1 is the bulk by position. */
  assert_int_equal (eis_conductivity_analyse (c, r, NULL, &cd, &err), EIS_OK);
  assert_int_equal (cd.arcs[0].role, EIS_ROLE_BULK);
  assert_rel (cd.R_bulk, 2385.0, 1e-6);
  assert_non_null (strstr (cd.bulk_source, "series resistance 3.2"));
  /* Without geometry the bulk arc (C_eff 1.3e-11 F, above the 1e-11 F of a unit cell constant)
   * is still the bulk when nothing else is: the circuit's R0 intercept, here 3.2 Ohm, would be
   * taken instead; so drop R0 from the circuit to see the rule by position. */
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
  cc = "p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double nor0[] = { 2385.0, 3.17e-10, 0.912, 8240.0, 2.63e-8, 0.803, 4.81e-6, 0.874 };
  s = synth (cc, nor0, 0.1, 7e6, 10, 0.0, 1);
  r = fit (cc, s, NULL);
  eis_circuit_parse (cc, &c, &err);
  assert_int_equal (eis_conductivity_analyse (c, r, NULL, &cd, &err), EIS_OK);
  assert_int_equal (cd.arcs[0].role, EIS_ROLE_BULK);
  assert_non_null (strstr (cd.bulk_source, "highest-frequency"));
  assert_rel (cd.R_bulk, 2385.0, 1e-6);
  assert_true (isnan (cd.sigma_bulk));
  assert_true (isfinite (eis_conductivity_nyquist_extent (&cd)));
  assert_rel (eis_conductivity_nyquist_extent (&cd), 1.3 * (2385.0 + 8240.0), 1e-6);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* A blocking electrode that leaks (R2 = 1.5e8 Ohm || CPE) sits in the surface-layer range by
 * C_eff L/A but is a double layer per area (2.6e-7 F / 0.785 cm^2 = 0.34 uF/cm^2): it is the
 * electrode, as in the LPSCl ion-blocking measurement of realdata. */
static void
test_leaky_blocking_electrode (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)";
  double p[] = { 169.0, 1301.0, 2.71e-9, 0.783, 1.46e8, 1.79e-7, 0.893 };
  EisSpectrum *s = synth (cc, p, 0.1, 7e6, 10, 0.0, 1);
  EisFitResult *r = fit (cc, s, NULL);
  EisCircuit *c;
  EisError err;
  eis_circuit_parse (cc, &c, &err);
  EisGeometry g = { 0.1, 0, M_PI * 0.25, 0, 0, 0 };
  EisConductivity cd;
  assert_int_equal (eis_conductivity_analyse (c, r, &g, &cd, &err), EIS_OK);
  /* Listed from high to low frequency: the intercept R0, then R1||CPE1, then R2||CPE2. */
  assert_int_equal (cd.n_arcs, 3);
  assert_string_equal (cd.arcs[0].label, "R0");
  assert_string_equal (cd.arcs[2].label, "R2||CPE2");
  assert_int_equal (cd.arcs[2].role, EIS_ROLE_ELECTRODE);
  assert_true (cd.arcs[2].C_specific > 1e-8 && cd.arcs[2].C_specific < 1e-7);
  assert_rel (cd.R_total, 169.0 + 1301.0, 1e-6);   /* the electrode is not in sigma_total */
  /* It peaks below the range, so the Nyquist view zooms past it. */
  assert_rel (eis_conductivity_nyquist_extent (&cd), 1.3 * (169.0 + 1301.0), 1e-6);
  /* The argyrodite case of realdata: the intercept R0 = 169 Ohm lies 53 % below the
   * smallest Z' (359 Ohm), an extrapolation past the data, and R1||CPE1 (C_eff 8.4e-11 F,
   * 1.07e-11 F/cm here, 6.4e-12 F/cm at 0.6 mm) sits on the bulk/grain-boundary line: at
   * either thickness no sigma_bulk, only sigma_total of the electrolyte, and it scales with
   * the geometry alone. R2||CPE2 peaks 1.4 decades below the data: a caution. */
  EisGeometry g6 = { 0.06, 0, M_PI * 0.25, 0, 0, 0 };
  double total[2];
  for (int t = 0; t < 2; t++)
    {
      assert_int_equal (eis_conductivity_analyse (c, r, t ? &g6 : &g, &cd, &err), EIS_OK);
      assert_true (cd.split_ambiguous);
      assert_true (isnan (cd.sigma_bulk) && isnan (cd.R_bulk));
      assert_int_equal (cd.arcs[0].role, EIS_ROLE_ELECTROLYTE);
      assert_int_equal (cd.arcs[1].role, EIS_ROLE_ELECTROLYTE);
      assert_rel (cd.R_total, 169.0 + 1301.0, 1e-6);
      /* At 1 mm R1||CPE1 counts as grain boundary and R0 as the bulk intercept, which is
       * the extrapolation; at 0.6 mm R1||CPE1 would be the bulk, next to the line. */
      assert_non_null (strstr (cd.cautions[0], t ? "R1||CPE1 has C_eff L/A = 6.4e-12 F/cm"
                               : "the intercept R_bulk = 169 Ohm would lie 53 % below the "
                               "smallest Z'"));
      int apex = 0;
      for (size_t k = 0; k < cd.n_cautions; k++)
        apex |= strstr (cd.cautions[k], "R2||CPE2: its apex") != NULL;
      assert_true (apex);
      total[t] = cd.sigma_total;
    }
  assert_rel (total[0] / total[1], 0.1 / 0.06, 1e-9);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* An arc whose apex lies far outside the measured range (a fit that ran away: C_eff 1e45 F)
 * gets a caution; R and C_eff are what the formulas give (a hand-made fit result). */
static void
test_caution_far_apex (void **state)
{
  (void) state;
  EisCircuit *c;
  EisError err;
  assert_int_equal (eis_circuit_parse ("R0-p(R1,CPE1)", &c, &err), EIS_OK);
  EisFitResult *r = eis_fit_result_new (4, 2);
  double v[4] = { 100, 1e4, 1e40, 0.9 };
  for (size_t k = 0; k < 4; k++)
    {
      r->value[k] = v[k];
      r->stderr_[k] = 0.01 * v[k];
      for (size_t j = 0; j < 4; j++)
        r->corr[k * 4 + j] = k == j ? 1 : 0;
    }
  r->freq_hz[0] = 0.1;
  r->freq_hz[1] = 1e6;
  EisConductivity cd;
  assert_int_equal (eis_conductivity_analyse (c, r, NULL, &cd, &err), EIS_OK);
  double C = pow (1e40, 1 / 0.9) * pow (1e4, (1 - 0.9) / 0.9);
  assert_string_equal (cd.arcs[1].label, "R1||CPE1");   /* after the intercept R0 */
  assert_rel (cd.arcs[1].C_eff, C, 1e-12);
  /* The apex caution, the admissibility rule that says the same for the model, and (the arc
   * being the electrode's, none of the electrolyte beyond the intercept) the intercept's. */
  assert_int_equal (cd.n_cautions, 3);
  int apex = 0, phys = 0, icpt = 0;
  for (size_t k = 0; k < cd.n_cautions; k++)
    {
      apex += strstr (cd.cautions[k], "R1||CPE1: its apex") != NULL
              && strstr (cd.cautions[k], "more than 1 decade outside the fitted range") != NULL;
      phys += strstr (cd.cautions[k], "outside the physical range of its elements") != NULL;
      icpt += strstr (cd.cautions[k], "the intercept holds bulk and grain boundary") != NULL;
    }
  assert_true (apex == 1 && phys == 1 && icpt == 1);
  eis_fit_result_free (r);
  eis_circuit_free (c);
}


/* A hand-made fit result of circuit TEXT with values V at frequencies F_LO .. F_HI (two
 * points), 1 % errors, no correlation. */
static EisFitResult *
made_result (const char *text, const double *v, size_t P, double f_lo, double f_hi,
             EisCircuit **c)
{
  EisError err;
  assert_int_equal (eis_circuit_parse (text, c, &err), EIS_OK);
  assert_int_equal (eis_circuit_n_params (*c), P);
  EisFitResult *r = eis_fit_result_new (P, 2);
  for (size_t k = 0; k < P; k++)
    {
      r->value[k] = v[k];
      r->stderr_[k] = 0.01 * v[k];
      for (size_t j = 0; j < P; j++)
        r->corr[k * P + j] = k == j ? 1 : 0;
    }
  r->freq_hz[0] = f_lo;
  r->freq_hz[1] = f_hi;
  r->model_re[0] = r->model_re[1] = 1e300;
  return r;
}

/* Count of admissibility violations of TEXT with values V on 1 Hz .. 1 MHz. */
static size_t
violations (const char *text, const double *v, size_t P, char *why, size_t why_len)
{
  EisCircuit *c;
  EisFitResult *r = made_result (text, v, P, 1, 1e6, &c);
  size_t n = eis_fit_admissible (c, r, why, why_len);
  eis_fit_result_free (r);
  eis_circuit_free (c);
  return n;
}

/* Q of an R||CPE arc of exponent N with its apex at F_HZ: (2 pi f)^-n / R. */
static double
q_at (double R, double n, double f_hz)
{
  return pow (2 * M_PI * f_hz, -n) / R;
}

/* Each admissibility rule, on both sides of its limit (man eisfit, ADMISSIBLE MODELS). */
static void
test_admissible_rules (void **state)
{
  (void) state;
  char why[1024];
  const char *cc = "R0-p(R1,CPE1)-CPE2";
  /* An arc's CPE exponent: 0.55 is an arc, 0.45 a resistor in disguise. */
  double ok[] = { 100, 1e4, q_at (1e4, 0.55, 1e3), 0.55, 1e-5, 0.85 };
  assert_int_equal (violations (cc, ok, 6, why, sizeof why), 0);
  double low_arc[] = { 100, 1e4, q_at (1e4, 0.45, 1e3), 0.45, 1e-5, 0.85 };
  assert_int_equal (violations (cc, low_arc, 6, why, sizeof why), 1);
  assert_non_null (strstr (why, "CPE1_n = 0.45 is below 0.5"));
  /* A tail's exponent: 0.42 (Warburg-like) passes, 0.38 does not. */
  double tail_ok[] = { 100, 1e4, q_at (1e4, 0.9, 1e3), 0.9, 1e-5, 0.42 };
  assert_int_equal (violations (cc, tail_ok, 6, why, sizeof why), 0);
  double tail_low[] = { 100, 1e4, q_at (1e4, 0.9, 1e3), 0.9, 1e-5, 0.38 };
  assert_int_equal (violations (cc, tail_low, 6, why, sizeof why), 1);
  assert_non_null (strstr (why, "CPE2_n = 0.38 is below 0.4"));
  /* The apex of a CPE arc: 0.7 decade above the data passes, 1.3 decades does not; below
   * the data likewise. */
  double above_ok[] = { 100, 1e4, q_at (1e4, 0.9, 5e6), 0.9, 1e-5, 0.85 };
  assert_int_equal (violations (cc, above_ok, 6, why, sizeof why), 0);
  double above[] = { 100, 1e4, q_at (1e4, 0.9, 2e7), 0.9, 1e-5, 0.85 };
  assert_int_equal (violations (cc, above, 6, why, sizeof why), 1);
  assert_non_null (strstr (why, "the arc R1||CPE1 peaks at 2e+07 Hz, more than 1 decade above"));
  double below[] = { 100, 1e4, q_at (1e4, 0.9, 0.05), 0.9, 1e-5, 0.85 };
  assert_int_equal (violations (cc, below, 6, why, sizeof why), 1);
  assert_non_null (strstr (why, "below the fitted range"));
  /* An ideal R||C may lie up to 1.5 decades out: 1.3 passes, 1.7 does not. */
  double rc_ok[] = { 1e4, 1 / (2 * M_PI * 1e4 * 2e7) };
  assert_int_equal (violations ("p(R1,C1)", rc_ok, 2, why, sizeof why), 0);
  double rc_far[] = { 1e4, 1 / (2 * M_PI * 1e4 * 5e7) };
  assert_int_equal (violations ("p(R1,C1)", rc_far, 2, why, sizeof why), 1);
  /* The charge-transfer arc of a Randles branch, and a finite Warburg's frequency. */
  double randles_far[] = { 10, q_at (50, 0.9, 1e-3), 0.9, 50, 30 };
  assert_int_equal (violations ("R0-p(CPE1,R1-W1)", randles_far, 5, why, sizeof why), 1);
  double wo[] = { 10, 100, 1 / (2 * M_PI * 0.05) };
  assert_int_equal (violations ("R0-Wo1", wo, 3, why, sizeof why), 1);
  assert_non_null (strstr (why, "the finite Warburg Wo1"));
  double wo_ok[] = { 10, 100, 1 / (2 * M_PI * 0.5) };
  assert_int_equal (violations ("R0-Wo1", wo_ok, 3, why, sizeof why), 0);
  /* A Zarc's alpha like an arc's n. */
  double zarc[] = { 10, 100, 1e-3, 0.3 };
  assert_int_equal (violations ("R0-Zarc1", zarc, 4, why, sizeof why), 1);
  /* A series inductance: 3.3 uH is a lead's, 14 uH and 0.6 mH are not on a spectrum that is
   * capacitive at its top (made_result's model there: Z'' = 0; EIS_LEAD_L_MAX_H, the rule of a
   * series too); where the top point is inductive, 14 uH is. */
  double lead[] = { 3.3e-6, 100, 1e4, q_at (1e4, 0.9, 1e3), 0.9 };
  assert_int_equal (violations ("L0-R0-p(R1,CPE1)", lead, 5, why, sizeof why), 0);
  double l14[] = { 1.4e-5, 100, 1e4, q_at (1e4, 0.9, 1e3), 0.9 };
  assert_int_equal (violations ("L0-R0-p(R1,CPE1)", l14, 5, why, sizeof why), 1);
  assert_non_null (strstr (why, "L0 = 1.4e-05 H is no lead inductance"));
  double l600[] = { 6.0e-4, 100, 1e4, q_at (1e4, 0.9, 1e3), 0.9 };
  assert_int_equal (violations ("L0-R0-p(R1,CPE1)", l600, 5, why, sizeof why), 1);
  {
    EisCircuit *c;
    EisFitResult *r = made_result ("L0-R0-p(R1,CPE1)", l14, 5, 1, 1e6, &c);
    r->model_im[1] = -3.0;          /* capacitive at 1 MHz */
    assert_false (eis_fit_lead_inductance_ok (r, 1.4e-5));
    assert_int_equal (eis_fit_admissible (c, r, NULL, 0), 1);
    r->model_im[1] = 2 * M_PI * 1e6 * 1.4e-5 - 5.0;   /* inductive there */
    assert_true (eis_fit_lead_inductance_ok (r, 1.4e-5));
    assert_int_equal (eis_fit_admissible (c, r, NULL, 0), 0);
    assert_true (eis_fit_lead_inductance_ok (r, 3.3e-6));
    eis_fit_result_free (r);
    eis_circuit_free (c);
  }
}

/* A fit the automatic choice took although no candidate was converged, determined and
 * admissible: no sigma and no R of a role, a caution that says so; the same fit otherwise gives sigma. */
static void
test_untrusted_no_sigma (void **state)
{
  (void) state;
  EisCircuit *c;
  EisConductivity cd;
  EisGeometry g = { 0.05, 0, 0.7854, 0, 0, 0 };
  double v[] = { 2.3085, 10.87, 4.767e-3, 1.0 };
  EisFitResult *r = made_result ("R0-p(R1,CPE1)", v, 4, 1, 2e5, &c);
  r->model_re[0] = 2.5;    /* the intercept lies at the data */
  r->model_re[1] = 13.0;
  assert_int_equal (eis_conductivity_analyse (c, r, &g, &cd, NULL), EIS_OK);
  assert_false (cd.untrusted);
  assert_rel (cd.sigma_total, 0.05 / (2.3085 * 0.7854), 1e-12);
  r->choice_doubtful = 1;
  assert_int_equal (eis_conductivity_analyse (c, r, &g, &cd, NULL), EIS_OK);
  assert_true (cd.untrusted);
  assert_true (isnan (cd.sigma_bulk) && isnan (cd.sigma_total) && isnan (cd.sigma_bulk_se));
  /* nor any resistance built on the roles; the fitted parameters stay in the fit */
  assert_true (isnan (cd.R_bulk) && isnan (cd.R_total) && isnan (cd.R_interface));
  assert_rel (r->value[0], 2.3085, 1e-12);
  int said = 0;
  for (size_t k = 0; k < cd.n_cautions; k++)
    said |= strstr (cd.cautions[k], "untrusted: ") == cd.cautions[k];
  assert_true (said);
  eis_fit_result_free (r);
  eis_circuit_free (c);
}

/* Derived numbers only where their model holds: no C_eff for an arc with n < 0.5 (a user's
 * circuit), no brick-layer sigma_gb when C_gb/C_bulk < 10. */
static void
test_derived_numbers_caveats (void **state)
{
  (void) state;
  EisCircuit *c;
  EisError err;
  EisConductivity cd;
  double v[] = { 100, 1e4, q_at (1e4, 0.39, 1e3), 0.39 };
  EisFitResult *r = made_result ("R0-p(R1,CPE1)", v, 4, 1, 1e6, &c);
  assert_int_equal (eis_conductivity_analyse (c, r, NULL, &cd, &err), EIS_OK);
  assert_string_equal (cd.arcs[1].label, "R1||CPE1");
  assert_true (isnan (cd.arcs[1].C_eff));
  int said = 0;
  for (size_t k = 0; k < cd.n_cautions; k++)
    said |= strstr (cd.cautions[k], "CPE1_n = 0.39 is below 0.5") != NULL;
  assert_true (said);
  eis_fit_result_free (r);
  eis_circuit_free (c);

  /* Cell constant 1 1/cm: C_bulk 3.2e-12 F and C_gb 3.1e-11 F, each a clear role (a factor
   * 3 from the 1e-11 line) but only 9.7 apart: brick layer refused, the rest stands. */
  double two[] = { 1e4, 3.2e-12, 5e3, q_at (5e3, 1.0, 1 / (2 * M_PI * 5e3 * 3.1e-11)), 1.0 };
  r = made_result ("p(R1,C1)-p(R2,CPE2)", two, 5, 1e3, 1e7, &c);
  EisGeometry g = { 0.1, 0, 0.1, 0, 0, 0 };
  assert_int_equal (eis_conductivity_analyse (c, r, &g, &cd, &err), EIS_OK);
  assert_int_equal (cd.arcs[0].role, EIS_ROLE_BULK);
  assert_int_equal (cd.arcs[1].role, EIS_ROLE_GRAIN_BOUNDARY);
  assert_rel (cd.sigma_bulk, 1.0 / 1e4, 1e-9);
  assert_rel (cd.sigma_gb, 1.0 / 5e3, 1e-9);
  assert_true (isnan (cd.sigma_gb_specific));
  assert_int_equal (cd.n_cautions, 1);
  assert_non_null (strstr (cd.cautions[0], "no brick-layer sigma_gb: C_gb/C_bulk = 9.69"));
  /* Clear roles, but R_gb with a 60 % error: the fit does not split them; sigma_total stays. */
  r->stderr_[2] = 0.6 * r->value[2];
  assert_int_equal (eis_conductivity_analyse (c, r, &g, &cd, &err), EIS_OK);
  assert_true (cd.split_ambiguous);
  assert_true (isnan (cd.sigma_bulk) && isnan (cd.sigma_gb));
  assert_rel (cd.sigma_total, 1.0 / 1.5e4, 1e-9);
  assert_non_null (strstr (cd.cautions[0], "the fit does not split them (R_bulk 1e+04 +- 1 %, "
                           "R_gb 5000 +- 60 %)"));
  r->stderr_[2] = 0.01 * r->value[2];
  /* Ten times further apart, the brick layer is given. */
  r->value[3] = q_at (5e3, 1.0, 1 / (2 * M_PI * 5e3 * 3.1e-10));
  assert_int_equal (eis_conductivity_analyse (c, r, &g, &cd, &err), EIS_OK);
  assert_rel (cd.sigma_gb_specific, (1.0 / 5e3) * 3.2e-12 / 3.1e-10, 1e-6);
  eis_fit_result_free (r);
  eis_circuit_free (c);
}

/* Residuals nearly all of one sign that still alternate often enough to pass the runs test
 * are caught by the sign test: a resistor fitted to data whose Z'' is positive at 18 of 20
 * points (runs z = +0.6, sign z = -16/sqrt(20) = -3.58). */
static void
test_sign_test (void **state)
{
  (void) state;
  EisSpectrum *s = eis_spectrum_new (20);
  for (size_t i = 0; i < 20; i++)
    {
      s->freq_hz[i] = pow (10, 0.2 * (double) i);
      s->z_re[i] = 100 * (1 + 1e-3 * (i % 2 ? 1 : -1));
      s->z_im[i] = (i == 8 || i == 17) ? -0.5 : 0.5;
    }
  EisFitResult *r = fit ("R0", s, NULL);
  assert_abs (r->runs_z, -16 / sqrt (20.0), 1e-9);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* Four repeat scans of one dummy cell (560 Ohm + 10 kOhm || 33 nF) at five frequencies, as a
 * PalmSens measures it, 0.5 % noise: one model for all four (the ideal arc: R0-p(R1,C1) where
 * the CPE's exponent ran to its bound 1, R0-p(R1,CPE1) with n = 0.9947 +- 0.0022 where it did
 * not), no flat CPE posing as a resistor, R values that agree within their errors and with
 * the truth. */
static void
test_auto_repeat_scans (void **state)
{
  (void) state;
  double truth[] = { 560, 1e4, 33e-9 };
  char first[128] = "";
  double R1[4], se1[4];
  for (int scan = 0; scan < 4; scan++)
    {
      EisSpectrum *s = synth ("R0-p(R1,C1)", truth, 10, 1e5, 1, 0.005, 300 + (unsigned long) scan);
      EisCircuit *c = NULL;
      EisFitResult *r = NULL;
      EisError err;
      char why[1536];
      assert_int_equal (eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err), EIS_OK);
      /* a CPE within 1 % of n = 1 is the ideal arc's capacitor */
      long kn = eis_circuit_param_index (c, "CPE1_n");
      const char *model = strcmp (eis_circuit_text (c), "R0-p(R1,CPE1)") == 0 && kn >= 0
                          && r->value[kn] > 0.99 ? "R0-p(R1,C1)" : eis_circuit_text (c);
      if (scan == 0)
        snprintf (first, sizeof first, "%s", model);
      if (strcmp (first, model) != 0)
        print_error ("scan %d: %s\n", scan, why);
      assert_string_equal (model, first);
      assert_string_equal (first, "R0-p(R1,C1)");
      assert_int_equal (eis_fit_admissible (c, r, NULL, 0), 0);
      long k = eis_circuit_param_index (c, "R1");
      assert_true (k >= 0);
      R1[scan] = r->value[k];
      se1[scan] = r->stderr_[k];
      assert_rel (R1[scan], 1e4, 0.03);
      eis_circuit_free (c);
      eis_fit_result_free (r);
      eis_spectrum_free (s);
    }
  for (int a = 0; a < 4; a++)
    for (int b = 0; b < a; b++)
      assert_true (fabs (R1[a] - R1[b]) < 3 * hypot (se1[a], se1[b]));
}

/* A Randles cell (R0 + CPE || (R_ct + Warburg)) is recognised by its diffusion tail and fitted
 * with the Randles candidate; R_ct back within 3 %. */
static void
test_auto_diffusion (void **state)
{
  (void) state;
  double truth[] = { 12.4, 2.3e-5, 0.92, 48.7, 31.5 };
  EisSpectrum *s = synth ("R0-p(CPE1,R1-W1)", truth, 0.01, 1e5, 10, 0.005, 41);
  EisCircuit *c = NULL;
  EisFitResult *r = NULL;
  EisError err;
  char why[1536];
  assert_int_equal (eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err), EIS_OK);
  if (strcmp (eis_circuit_text (c), "R0-p(CPE1,R1-W1)") != 0)
    print_error ("%s\n", why);
  assert_string_equal (eis_circuit_text (c), "R0-p(CPE1,R1-W1)");
  assert_rel (r->value[3], truth[3], 0.03);
  assert_rel (r->value[4], truth[4], 0.03);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* Lead inductance too small to turn Z'' positive at the top frequency still biases the
 * intercept; the best model is tried once more with L0 and BIC keeps it: R0 within 3 %. */
static void
test_auto_inductance (void **state)
{
  (void) state;
  double truth[] = { 0.08e-6, 8.3, 25.6, q_at (25.6, 0.85, 1e6), 0.85, 4.1e-6, 0.88 };
  EisSpectrum *s = synth ("L0-R0-p(R1,CPE1)-CPE2", truth, 0.1, 7e6, 5, 0.005, 59);
  assert_true (s->z_im[s->n - 1] < 0);   /* not visibly inductive */
  EisCircuit *c = NULL;
  EisFitResult *r = NULL;
  EisError err;
  char why[1536];
  assert_int_equal (eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err), EIS_OK);
  if (strncmp (eis_circuit_text (c), "L0-", 3) != 0)
    print_error ("%s\n", why);
  assert_string_equal (eis_circuit_text (c), "L0-R0-p(R1,CPE1)-CPE2");
  assert_rel (r->value[1], truth[1], 0.03);
  assert_rel (r->value[0], truth[0], 0.1);
  eis_circuit_free (c);
  eis_fit_result_free (r);
  eis_spectrum_free (s);
}

/* A cable's inductance hidden by the bulk arc: a pellet measured to 7 MHz with 0.3 uH in
 * series, whose bulk arc peaks above the top (1.3e7 Hz) so that -Z'' there is the arc's 450
 * Ohm beside omega L = 13 Ohm, not visibly inductive. Given L0-p(R1,CPE1)-p(R2,CPE2)-CPE3,
 * the fit from an inductance of next to nothing stayed at L0 ~ 1e-18 H, where the bulk arc's
 * CPE took the inductance up: R1 2 to 3.5 s.e. above the truth in 7 of 10 draws. Each fit
 * reaches the minimum of a fit from the truth; R1 and CPE1_n lie within 2 of their stated
 * errors in at least 17 of the 20; the automatic choice, where its
 * answer has no series resistance (R0 and L0 then share the top points: that pair is the
 * conductivity's concern), within 2.5. */
static void
test_inductance_hidden (void **state)
{
  (void) state;
  double truth[] = { 3e-7, 0.4, 1096.867, 4e-11, 0.93, 584.003, 8e-9, 0.82, 3e-6, 0.9 };
  const char *cc = "L0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  int within = 0;
  for (unsigned long seed = 1; seed <= 10; seed++)
    {
      EisSpectrum *s = synth ("L0-R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", truth, 0.1, 7e6, 10, 0.003,
                              300 + seed);
      assert_true (s->z_im[s->n - 1] < 0);   /* not visibly inductive */
      EisFitResult *r = fit (cc, s, NULL);
      /* the best known minimum: the fit from the truth */
      EisFitOptions o;
      eis_fit_options_init (&o);
      double init[] = { truth[0], truth[2], truth[3], truth[4], truth[5], truth[6], truth[7],
                        truth[8], truth[9] };
      o.init = init;
      EisFitResult *t = fit (cc, s, &o);
      if (!(r->chi2 <= t->chi2 * (1 + 1e-6)))
        print_error ("seed %lu: chi2 %g, from the truth %g (L0 %g, from the truth %g)\n", seed,
                     r->chi2, t->chi2, r->value[0], t->value[0]);
      assert_true (r->chi2 <= t->chi2 * (1 + 1e-6));
      const double want[] = { 0, truth[2], 0, truth[4] };
      for (int j = 1; j <= 3; j += 2)
        {
          double off = fabs (r->value[j] - want[j]) / r->stderr_[j];
          if (!(off < 2))
            print_error ("seed %lu: %s p[%d] %g +- %g, truth %g (%.1f s.e.)\n", seed, cc, j,
                         r->value[j], r->stderr_[j], want[j], off);
          within += off < 2;
        }
      eis_fit_result_free (t);
      eis_fit_result_free (r);
      EisCircuit *c = NULL;
      EisError err;
      char why[1536];
      assert_int_equal (eis_fit_auto (s, NULL, &c, &r, why, sizeof why, &err), EIS_OK);
      int j = eis_circuit_param_index (c, "R1");
      if (eis_circuit_param_index (c, "R0") < 0)
        {
          double off = fabs (r->value[j] - truth[2]) / r->stderr_[j];
          if (!(off < 2.5))
            print_error ("seed %lu: auto %s R1 %g +- %g (%.1f s.e.)\n", seed,
                         eis_circuit_text (c), r->value[j], r->stderr_[j], off);
          assert_true (off < 2.5);
        }
      eis_circuit_free (c);
      eis_fit_result_free (r);
      eis_spectrum_free (s);
    }
  /* R1 and CPE1_n of 10 draws: 20 values, 2 s.e. is 95 % */
  assert_true (within >= 17);
}

/* Several seeds of the benchmark's population: R1 and R2 recovered within 2 % for all. */
static void
test_recovery_rate (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 4242);
  int ok = 0, total = 40;
  for (int t = 0; t < total; t++)
    {
      /* Arc apexes spread over 10 Hz .. 1 MHz, 1.3 to 3 decades apart. */
      double R1 = pow (10, gsl_ran_flat (rng, 2, 5)), R2 = R1 * pow (10, gsl_ran_flat (rng, -0.5, 1));
      double f1 = pow (10, gsl_ran_flat (rng, 4, 6)), f2 = f1 / pow (10, gsl_ran_flat (rng, 1.3, 3));
      double n1 = gsl_ran_flat (rng, 0.8, 1.0), n2 = gsl_ran_flat (rng, 0.7, 0.95);
      double Q1 = pow (2 * M_PI * f1, -n1) / R1, Q2 = pow (2 * M_PI * f2, -n2) / R2;
      /* The electrode spike stays 10 to 100 times below R2 at the second arc's apex. */
      double n3 = gsl_ran_flat (rng, 0.8, 0.95);
      double Q3 = 1.0 / (R2 * pow (10, gsl_ran_flat (rng, -2, -1)) * pow (2 * M_PI * f2, n3));
      double p[] = { R1 * gsl_ran_flat (rng, 0.02, 0.2), R1, Q1, n1, R2, Q2, n2, Q3, n3 };
      EisSpectrum *s = synth (cc, p, 0.1, 7e6, 10, 0.005, 100 + (unsigned long) t);
      EisFitResult *r = fit (cc, s, NULL);
      if (fabs (r->value[1] / R1 - 1) < 0.02 && fabs (r->value[4] / R2 - 1) < 0.02)
        ok++;
      else
        print_message ("miss %d: R1 %g (%g) R2 %g (%g) f1 %g f2 %g\n", t, r->value[1], R1,
                       r->value[4], R2, f1, f2);
      eis_fit_result_free (r);
      eis_spectrum_free (s);
    }
  gsl_rng_free (rng);
  assert_true (ok >= total - 1);
}

/* A pellet whose bulk arc peaks above the highest measured frequency (apex 20 MHz, top 7 MHz),
 * 0.5 % noise: the start placed for an arc above the top is fitted first, and when its fit
 * looks sound the base guess is not fitted at all (one start, not the two or three of before,
 * which took 60 to 120 iterations crawling along the valley in which R0 trades against R1).
 * That start is fitted with R0 projected out first (variable projection) and then in every
 * parameter: 17 iterations a fit over every start, where the fit in every parameter from
 * the start took 34 (the bound of 25 fails without the projection). The fit still reaches
 * the lowest chi2 of a fit from the truth and 8 perturbed single starts (within 1e-6 relative
 * or a hundredth of a chi2 unit), with R1 + R0 back within 2 %. With R0 fixed, the start above
 * the top keeps R0 at its given value. */
static void
test_bulk_above_top (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double w1 = 2 * M_PI * 2.0e7, w2 = 2 * M_PI * 3.51e4;
  double truth[] = { 190.8, 2385.0, pow (w1, -0.93) / 2385.0, 0.93,
                     7340.0, pow (w2, -0.82) / 7340.0, 0.82,
                     1.0 / (7340.0 * 0.05 * pow (w2, 0.88)), 0.88 };
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 5);
  int one_start = 0, total_iter = 0;
  for (unsigned long seed = 41; seed < 47; seed++)
    {
      EisSpectrum *s = synth (cc, truth, 0.1, 7e6, 10, 0.005, seed);
      EisFitResult *r = fit (cc, s, NULL);
      assert_int_equal (r->status, EIS_FIT_CONVERGED);
      one_start += r->n_starts == 1;
      total_iter += r->iterations_total;
      assert_true (r->iterations_total >= r->iterations);
      assert_rel (r->value[0] + r->value[1], truth[0] + truth[1], 0.02);
      assert_rel (r->value[4], truth[4], 0.02);
      double ref = INFINITY, q[9];
      EisFitOptions o;
      eis_fit_options_init (&o);
      o.n_starts = 1;
      for (int k = 0; k <= 8; k++)
        {
          for (int j = 0; j < 9; j++)
            q[j] = k == 0 ? truth[j]
                   : (j == 3 || j == 6 || j == 8)
                   ? fmin (1.0, fmax (0.3, truth[j] + gsl_ran_gaussian (rng, 0.1)))
                   : truth[j] * exp (gsl_ran_gaussian (rng, 1.0));
          o.init = q;
          EisFitResult *rr = fit (cc, s, &o);
          if (isfinite (rr->chi2))
            ref = fmin (ref, rr->chi2);
          eis_fit_result_free (rr);
        }
      double tol = fmax (1e-6 * ref, 0.01 * ref / (double) r->dof);
      if (!(r->chi2 <= ref + tol))
        print_error ("seed %lu: chi2 %.10g, best known %.10g\n", seed, r->chi2, ref);
      assert_true (r->chi2 <= ref + tol);
      eis_fit_result_free (r);

      /* R0 fixed at 150 Ohm: it stays there through every start. */
      double init[9];
      int fixed[9] = { 1, 0, 0, 0, 0, 0, 0, 0, 0 };
      for (int j = 0; j < 9; j++)
        init[j] = NAN;
      init[0] = 150.0;
      eis_fit_options_init (&o);
      o.init = init;
      o.fixed = fixed;
      r = fit (cc, s, &o);
      assert_true (r->value[0] == 150.0);
      assert_true (r->fixed[0]);
      eis_fit_result_free (r);
      eis_spectrum_free (s);
    }
  gsl_rng_free (rng);
  print_message ("bulk above the top: %d of 6 fits from one start, %.1f iterations a fit\n",
                 one_start, total_iter / 6.0);
  assert_true (one_start >= 4);
  assert_true (total_iter < 6 * 25);
}

/* A pellet with no series resistance (R0 truth 0) whose bulk arc peaks above the top (apex
 * 20 MHz, top 7 MHz): the fit from the start above the top, with the series resistance
 * projected out, holds it at its floor (1e-4 of its start); a second projected run with the
 * floor at 0 then ends with it held there, which is the minimum with R0 >= 0 (an active set),
 * and no fit in every parameter follows. That fit slid R0 towards 0 in log space for 10 to
 * 12 iterations before (16 to 20 iterations a fit on these seeds; now 8 to 12), and ended up
 * to 2.7e-9 relative above the minimum (seeds 54 and 57). The minimum: the fit with R0 fixed
 * at 1e-300 Ohm from the truth. On the other seeds of 41-60 R0 trades with the bulk arc's R1
 * and ends at 30 to 300 Ohm. */
static void
test_series_resistance_pinned (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double w1 = 2 * M_PI * 2.0e7, w2 = 2 * M_PI * 3.51e4;
  double truth[] = { 0.0, 2385.0, pow (w1, -0.93) / 2385.0, 0.93,
                     7340.0, pow (w2, -0.82) / 7340.0, 0.82,
                     1.0 / (7340.0 * 0.05 * pow (w2, 0.88)), 0.88 };
  const unsigned long seeds[] = { 42, 47, 49, 53, 54, 56, 57 };
  int total_iter = 0;
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
    {
      EisSpectrum *s = synth (cc, truth, 0.1, 7e6, 10, 0.005, seeds[i]);
      EisFitResult *r = fit (cc, s, NULL);
      EisFitOptions o;
      eis_fit_options_init (&o);
      double init[9];
      int fixed[9] = { 1, 0, 0, 0, 0, 0, 0, 0, 0 };
      memcpy (init, truth, sizeof init);
      init[0] = 1e-300;
      o.init = init;
      o.fixed = fixed;
      o.n_starts = 1;
      EisFitResult *ref = fit (cc, s, &o);
      assert_int_equal (r->status, EIS_FIT_CONVERGED);
      assert_int_equal (ref->status, EIS_FIT_CONVERGED);
      if (!(r->value[0] > 0 && r->value[0] < 1e-3) || r->iterations_total > 13
          || fabs (r->chi2 - ref->chi2) > 1e-9 * ref->chi2)
        print_error ("seed %lu: R0 %.4g Ohm, chi2 %.12g (minimum %.12g), %d iterations\n",
                     seeds[i], r->value[0], r->chi2, ref->chi2, r->iterations_total);
      /* positive (a warm start from the result needs it), and next to nothing */
      assert_true (r->value[0] > 0 && r->value[0] < 1e-3);
      assert_true (fabs (r->chi2 - ref->chi2) <= 1e-9 * ref->chi2);
      assert_true (r->iterations_total <= 13);
      assert_int_equal (r->n_starts, 1);
      total_iter += r->iterations_total;
      /* the result as a warm start: every value positive, the same minimum */
      o.init = r->value;
      o.fixed = NULL;
      EisFitResult *w = fit (cc, s, &o);
      assert_true (w->chi2 <= r->chi2 * (1 + 1e-9));
      eis_fit_result_free (w);
      eis_fit_result_free (ref);
      eis_fit_result_free (r);
      eis_spectrum_free (s);
    }
  print_message ("series resistance pinned at 0: %.1f iterations a fit\n", total_iter / 7.0);
}

/* A pellet whose bulk arc peaks above the top (apex 30 MHz, top 7 MHz) while the grain
 * boundary's arc peaks only 1.6 decades below the top with four times the resistance: -Z''
 * falls from the top point downwards (the foot of the bulk arc merged with the grain boundary's
 * high-frequency side), which the test of -Z'' rising from the top down missed, and the fit
 * crawled from the base guess along the valley in which R0 trades against R1 (50 to 600
 * iterations over the starts on bench-given's 14 such spectra). -Z'' falling more slowly than
 * w^-0.5 over the top 4 points now marks the start above the top too: recognised on every
 * seed, and the fit from it reaches the best known minimum (the fit from the truth and 8
 * perturbed single starts, within 1e-6 relative or a hundredth of a chi2 unit). On four of
 * the ten seeds that minimum's residuals fail the runs test by chance; there the base guess,
 * fitted next, ends within a hundredth of a chi2 unit of it, and the starts stop at two (six
 * before, 260 to 500 iterations). 52 iterations a fit on average over every start (the bound
 * is 65; 168 without the agreement of two starts; on seeds 61-66 alone 34, and 65 from the
 * base guess without the slope test). Pellets whose bulk arc peaks inside the range (apex
 * 30 kHz to 1 MHz, n 0.8 to 1, 10 points a decade, 0.5 % noise) are not taken for one above
 * the top. */
static void
test_bulk_above_top_merged (void **state)
{
  (void) state;
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  EisCircuit *c = NULL;
  EisError err;
  assert_int_equal (eis_circuit_parse (cc, &c, &err), EIS_OK);
  double w1 = 2 * M_PI * 3.0e7, w2 = 2 * M_PI * 1.75e5;
  double truth[] = { 60.0, 2848.0, pow (w1, -0.97) / 2848.0, 0.97,
                     11910.0, pow (w2, -0.8) / 11910.0, 0.8,
                     1.0 / (11910.0 * 0.05 * pow (w2, 0.88)), 0.88 };
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 9);
  int total_iter = 0, n_seeds = 0, one_start = 0;
  /* Seeds 9, 37, 108 and 125: the best fit's residuals fail the runs test by chance. */
  static const unsigned long seeds[] = { 9, 37, 61, 62, 63, 64, 65, 66, 108, 125 };
  for (size_t si = 0; si < sizeof seeds / sizeof seeds[0]; si++, n_seeds++)
    {
      unsigned long seed = seeds[si];
      EisSpectrum *s = synth (cc, truth, 0.1, 7e6, 10, 0.005, seed);
      size_t n = s->n, r_index = 99;
      /* -Z'' falls from the top point to the third below it */
      assert_true (-s->z_im[n - 1] < -s->z_im[n - 3]);
      double base[9], above[9];
      assert_int_equal (eis_fit_guess (c, s, base, &err), EIS_OK);
      if (!eis_fit_guess_above_top (c, s, base, above, &r_index))
        print_error ("seed %lu: the arc above the top not recognised\n", seed);
      assert_true (eis_fit_guess_above_top (c, s, base, above, &r_index));
      assert_int_equal (r_index, 0);
      EisFitResult *r = fit (cc, s, NULL);
      assert_int_equal (r->status, EIS_FIT_CONVERGED);
      assert_true (r->n_starts <= 2);
      one_start += r->n_starts == 1;
      total_iter += r->iterations_total;
      double ref = INFINITY, q[9];
      EisFitOptions o;
      eis_fit_options_init (&o);
      o.n_starts = 1;
      for (int k = 0; k <= 8; k++)
        {
          for (int j = 0; j < 9; j++)
            q[j] = k == 0 ? truth[j]
                   : (j == 3 || j == 6 || j == 8)
                   ? fmin (1.0, fmax (0.3, truth[j] + gsl_ran_gaussian (rng, 0.1)))
                   : truth[j] * exp (gsl_ran_gaussian (rng, 1.0));
          o.init = q;
          EisFitResult *rr = fit (cc, s, &o);
          if (isfinite (rr->chi2))
            ref = fmin (ref, rr->chi2);
          eis_fit_result_free (rr);
        }
      double tol = fmax (1e-6 * ref, 0.01 * ref / (double) r->dof);
      if (!(r->chi2 <= ref + tol))
        print_error ("seed %lu: chi2 %.10g, best known %.10g\n", seed, r->chi2, ref);
      assert_true (r->chi2 <= ref + tol);
      assert_rel (r->value[4], truth[4], 0.02);
      eis_fit_result_free (r);
      eis_spectrum_free (s);
    }
  printf ("bulk above the top, merged: %d of %d fits from one start, %.1f iterations a fit\n",
          one_start, n_seeds, (double) total_iter / n_seeds);
  if (total_iter > 65 * n_seeds)
    print_error ("%d iterations over %d fits\n", total_iter, n_seeds);
  assert_true (total_iter <= 65 * n_seeds);

  /* Bulk arcs inside the range: apex 30 kHz to 1 MHz, n 0.8 to 1. */
  for (unsigned long seed = 71; seed < 83; seed++)
    {
      double f1 = 3e4 * pow (1e6 / 3e4, (double) (seed - 71) / 11.0);
      double n1 = 0.8 + 0.2 * (double) ((seed * 7) % 12) / 11.0;
      double wb = 2 * M_PI * f1, wg = wb / 300.0;
      double p[] = { 150.0, 2000.0, pow (wb, -n1) / 2000.0, n1,
                     6000.0, pow (wg, -0.8) / 6000.0, 0.8,
                     1.0 / (6000.0 * 0.05 * pow (wg, 0.88)), 0.88 };
      EisSpectrum *s = synth (cc, p, 0.1, 7e6, 10, 0.005, seed);
      double base[9], above[9];
      size_t r_index;
      assert_int_equal (eis_fit_guess (c, s, base, &err), EIS_OK);
      if (eis_fit_guess_above_top (c, s, base, above, &r_index))
        print_error ("seed %lu: bulk apex %.3g Hz, n %.2f, taken for one above the top\n", seed,
                     f1, n1);
      assert_false (eis_fit_guess_above_top (c, s, base, above, &r_index));
      eis_spectrum_free (s);
    }
  gsl_rng_free (rng);
  eis_circuit_free (c);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_exact_recovery),
    cmocka_unit_test (test_stop_inside_standard_errors),
    cmocka_unit_test (test_outlier_found),
    cmocka_unit_test (test_two_arcs_no_guess),
    cmocka_unit_test (test_fixed_and_bounds),
    cmocka_unit_test (test_weightings),
    cmocka_unit_test (test_geodesic),
    cmocka_unit_test (test_nyquist_extent_before_fit),
    cmocka_unit_test (test_too_few_points),
    cmocka_unit_test (test_not_converged_is_a_status),
    cmocka_unit_test (test_invalid_options),
    cmocka_unit_test (test_auto_circuit),
    cmocka_unit_test (test_conductivity_worked),
    cmocka_unit_test (test_caution_far_apex),
    cmocka_unit_test (test_leaky_blocking_electrode),
    cmocka_unit_test (test_recovery_rate),
    cmocka_unit_test (test_admissible_rules),
    cmocka_unit_test (test_untrusted_no_sigma),
    cmocka_unit_test (test_derived_numbers_caveats),
    cmocka_unit_test (test_sign_test),
    cmocka_unit_test (test_auto_repeat_scans),
    cmocka_unit_test (test_auto_diffusion),
    cmocka_unit_test (test_auto_inductance),
    cmocka_unit_test (test_inductance_hidden),
    cmocka_unit_test (test_bulk_above_top),
    cmocka_unit_test (test_bulk_above_top_merged),
    cmocka_unit_test (test_series_resistance_pinned),
  };
  return cmocka_run_group_tests_name ("fit", tests, NULL, NULL);
}
