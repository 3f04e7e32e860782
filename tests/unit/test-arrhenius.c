/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Arrhenius (sigma and sigma T forms) and VTF fits against synthetic temperature series with
 * known activation energy and seeded noise, a hand-worked two-point case, and error paths. */
#include "testutil.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#include "arrhenius.h"

#define KB EIS_BOLTZMANN_EV_K
#define NT 11
#define EA_TRUE 0.312         /* eV, UiOLiTFSI-like (Zhu 2019) */
#define SIGMA25_TRUE 2.07e-4  /* S/cm at 25 °C */

typedef struct {
  gsl_rng *rng;
  double T[NT], sigma[NT], se[NT];
} State;

static int
setup (void **state)
{
  State *st = calloc (1, sizeof *st);
  if (st == NULL)
    return -1;
  st->rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (st->rng == NULL)
    return -1;
  gsl_rng_set (st->rng, 3120207);
  for (int i = 0; i < NT; i++)
    st->T[i] = 253.15 + 10.0 * i;   /* -20 .. 80 °C */
  *state = st;
  return 0;
}

static int
teardown (void **state)
{
  State *st = *state;
  gsl_rng_free (st->rng);
  free (st);
  return 0;
}

/* sigma(T) with the known Ea and sigma(25 °C) in either form, times (1 + NOISE N(0,1)). */
static void
make_series (State *st, EisArrheniusForm form, double noise)
{
  const double T25 = 298.15;
  for (int i = 0; i < NT; i++)
    {
      double T = st->T[i];
      double s = SIGMA25_TRUE * exp (-EA_TRUE / KB * (1 / T - 1 / T25));
      if (form == EIS_ARRHENIUS_SIGMA_T)
        s *= T25 / T;
      st->sigma[i] = s * (1 + (noise > 0 ? gsl_ran_gaussian (st->rng, noise) : 0));
      st->se[i] = noise * s;
    }
}

/* 1 % noise, sigma form: Ea and sigma(25 °C) recovered within 4 standard errors, and the
 * standard errors are what 1 % noise on this temperature span gives (~0.7 meV). */
static void
test_sigma_form_recovered (void **state)
{
  State *st = *state;
  make_series (st, EIS_ARRHENIUS_SIGMA, 0.01);
  EisArrheniusFit f;
  EisError err = { 0 };
  assert_int_equal (eis_arrhenius_fit (st->T, st->sigma, st->se, NT, EIS_ARRHENIUS_SIGMA, NAN,
                                       &f, &err), EIS_OK);
  assert_true (f.weighted);
  assert_int_equal (f.n, NT);
  assert_int_equal (f.dof, NT - 2);
  assert_true (f.Ea_se_eV > 2e-4 && f.Ea_se_eV < 2e-3);
  assert_abs (f.Ea_eV, EA_TRUE, 4 * f.Ea_se_eV);
  assert_rel (f.Ea_eV, EA_TRUE, 0.01);
  assert_rel (f.T_ref_K, 298.15, 1e-15);
  assert_abs (f.sigma_ref, SIGMA25_TRUE, 4 * f.sigma_ref_se);
  assert_rel (f.sigma_ref, SIGMA25_TRUE, 0.01);
  assert_true (f.r2 > 0.999 && f.r2 <= 1);
  assert_rel (eis_arrhenius_sigma_at (&f, 298.15), f.sigma_ref, 1e-12);
  assert_rel (f.ln_A, log (SIGMA25_TRUE) + EA_TRUE / (KB * 298.15), 0.02);
}

/* 1 % noise, sigma T form, both recovered; fitting the sigma form to sigma T data gives an
 * Ea lower by about k_B T (d ln T / d(1/(k_B T)) = -k_B T). */
static void
test_sigmaT_form_recovered (void **state)
{
  State *st = *state;
  make_series (st, EIS_ARRHENIUS_SIGMA_T, 0.01);
  EisArrheniusFit f, g;
  EisError err = { 0 };
  assert_int_equal (eis_arrhenius_fit (st->T, st->sigma, st->se, NT, EIS_ARRHENIUS_SIGMA_T,
                                       298.15, &f, &err), EIS_OK);
  assert_int_equal (f.form, EIS_ARRHENIUS_SIGMA_T);
  assert_string_equal (eis_arrhenius_form_name (f.form), "sigmaT");
  assert_abs (f.Ea_eV, EA_TRUE, 4 * f.Ea_se_eV);
  assert_rel (f.Ea_eV, EA_TRUE, 0.01);
  assert_rel (f.sigma_ref, SIGMA25_TRUE, 0.01);
  assert_int_equal (eis_arrhenius_fit (st->T, st->sigma, st->se, NT, EIS_ARRHENIUS_SIGMA, 298.15,
                                       &g, &err), EIS_OK);
  assert_rel (g.Ea_eV, EA_TRUE - KB * 300.0, 0.03);
}

/* The propagated standard errors match the scatter of 400 repeated noisy series. */
static void
test_errors_match_scatter (void **state)
{
  State *st = *state;
  const int reps = 400;
  double sum = 0, sum2 = 0, se_sum = 0, s_sum = 0, s_sum2 = 0, sse_sum = 0;
  for (int k = 0; k < reps; k++)
    {
      make_series (st, EIS_ARRHENIUS_SIGMA, 0.01);
      EisArrheniusFit f;
      assert_int_equal (eis_arrhenius_fit (st->T, st->sigma, st->se, NT, EIS_ARRHENIUS_SIGMA,
                                           NAN, &f, NULL), EIS_OK);
      sum += f.Ea_eV;
      sum2 += f.Ea_eV * f.Ea_eV;
      se_sum += f.Ea_se_eV;
      s_sum += f.sigma_ref;
      s_sum2 += f.sigma_ref * f.sigma_ref;
      sse_sum += f.sigma_ref_se;
    }
  double mean = sum / reps, sd = sqrt (sum2 / reps - mean * mean);
  double smean = s_sum / reps, ssd = sqrt (s_sum2 / reps - smean * smean);
  assert_rel (mean, EA_TRUE, 1e-3);
  assert_rel (se_sum / reps, sd, 0.15);
  assert_rel (smean, SIGMA25_TRUE, 1e-3);
  assert_rel (sse_sum / reps, ssd, 0.15);
}

/* Without (or with incomplete) errors the fit is unweighted; the values stay close. */
static void
test_unweighted (void **state)
{
  State *st = *state;
  make_series (st, EIS_ARRHENIUS_SIGMA, 0.01);
  EisArrheniusFit f, g;
  assert_int_equal (eis_arrhenius_fit (st->T, st->sigma, NULL, NT, EIS_ARRHENIUS_SIGMA, NAN, &f,
                                       NULL), EIS_OK);
  assert_false (f.weighted);
  assert_rel (f.Ea_eV, EA_TRUE, 0.01);
  st->se[4] = NAN;
  assert_int_equal (eis_arrhenius_fit (st->T, st->sigma, st->se, NT, EIS_ARRHENIUS_SIGMA, NAN,
                                       &g, NULL), EIS_OK);
  assert_false (g.weighted);
  assert_rel (g.Ea_eV, f.Ea_eV, 1e-12);
  assert_rel (g.Ea_se_eV, f.Ea_se_eV, 1e-12);
}

/* Two points, by hand: Ea = k_B ln(s2/s1) / (1/T1 - 1/T2)
 *   = 8.617333262e-5 * ln 5 / (1/300 - 1/350) = 8.617333262e-5 * 1.6094379124341003
 *     / 4.7619047619047619e-4 = 0.29125... eV;
 * no standard error (NAN) from two points unweighted, R^2 = 1. */
static void
test_two_points_by_hand (void **state)
{
  (void) state;
  double T[2] = { 300.0, 350.0 }, s[2] = { 1.0e-4, 5.0e-4 };
  EisArrheniusFit f;
  EisError err = { 0 };
  assert_int_equal (eis_arrhenius_fit (T, s, NULL, 2, EIS_ARRHENIUS_SIGMA, 300.0, &f, &err),
                    EIS_OK);
  double ea = 8.617333262e-5 * 1.6094379124341003 / 4.7619047619047619e-4;
  assert_rel (f.Ea_eV, ea, 1e-12);
  assert_rel (f.Ea_eV, 0.2912503, 1e-6);
  assert_true (isnan (f.Ea_se_eV));
  assert_true (isnan (f.sigma_ref_se));
  assert_rel (f.sigma_ref, 1.0e-4, 1e-12);
  assert_rel (f.r2, 1.0, 1e-12);
  assert_int_equal (f.dof, 0);
  /* With the sigma errors given (1 % and 2 %), the error is theirs alone, propagated:
   * dEa = k_B sqrt(0.01^2 + 0.02^2) / (1/300 - 1/350). */
  double se[2] = { 1.0e-6, 1.0e-5 };
  assert_int_equal (eis_arrhenius_fit (T, s, se, 2, EIS_ARRHENIUS_SIGMA, 300.0, &f, &err), EIS_OK);
  assert_rel (f.Ea_eV, ea, 1e-12);
  assert_rel (f.Ea_se_eV, 8.617333262e-5 * sqrt (0.01 * 0.01 + 0.02 * 0.02) / 4.7619047619047619e-4,
              1e-9);
}

static void
test_errors (void **state)
{
  (void) state;
  double T[3] = { 300.0, 320.0, 340.0 }, s[3] = { 1e-4, -2e-4, 3e-4 };
  EisArrheniusFit f;
  EisVTFFit v;
  EisError err = { 0 };
  assert_int_equal (eis_arrhenius_fit (T, s, NULL, 1, EIS_ARRHENIUS_SIGMA, NAN, &f, &err),
                    EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "at least 2"));
  assert_int_equal (eis_arrhenius_fit (T, s, NULL, 3, EIS_ARRHENIUS_SIGMA, NAN, &f, &err),
                    EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "point 2"));
  assert_non_null (strstr (err.message, "not positive"));
  s[1] = 0;
  assert_int_equal (eis_arrhenius_fit (T, s, NULL, 3, EIS_ARRHENIUS_SIGMA_T, NAN, &f, &err),
                    EIS_ERR_DATA);
  s[1] = 2e-4;
  T[2] = -5;
  assert_int_equal (eis_arrhenius_fit (T, s, NULL, 3, EIS_ARRHENIUS_SIGMA, NAN, &f, &err),
                    EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "temperature"));
  T[0] = T[1] = T[2] = 310;
  assert_int_equal (eis_arrhenius_fit (T, s, NULL, 3, EIS_ARRHENIUS_SIGMA, NAN, &f, &err),
                    EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "same temperature"));
  /* VTF: three parameters need four points */
  double T4[4] = { 300, 320, 340, 360 }, s4[4] = { 1e-4, 2e-4, 3e-4, 4e-4 };
  assert_int_equal (eis_vtf_fit (T4, s4, NULL, 3, NAN, &v, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "at least 4"));
  s4[2] = -1;
  assert_int_equal (eis_vtf_fit (T4, s4, NULL, 4, NAN, &v, &err), EIS_ERR_DATA);
  /* falling with temperature: no VTF curve */
  double s5[4] = { 4e-4, 3e-4, 2e-4, 1e-4 };
  assert_int_equal (eis_vtf_fit (T4, s5, NULL, 4, NAN, &v, &err), EIS_ERR_FIT);
}

/* VTF truth for a gel: A = 12.3 S/cm K^1/2, B = 1050 K, T0 = 195 K. */
#define VTF_A 12.3
#define VTF_B 1050.0
#define VTF_T0 195.0

static void
make_vtf (State *st, double noise)
{
  for (int i = 0; i < NT; i++)
    {
      double T = st->T[i];
      double s = VTF_A / sqrt (T) * exp (-VTF_B / (T - VTF_T0));
      st->sigma[i] = s * (1 + (noise > 0 ? gsl_ran_gaussian (st->rng, noise) : 0));
      st->se[i] = noise > 0 ? noise * s : NAN;
    }
}

static void
test_vtf_exact (void **state)
{
  State *st = *state;
  make_vtf (st, 0);
  EisVTFFit v;
  EisError err = { 0 };
  assert_int_equal (eis_vtf_fit (st->T, st->sigma, NULL, NT, NAN, &v, &err), EIS_OK);
  assert_true (v.converged);
  assert_false (v.weighted);
  assert_rel (v.A, VTF_A, 1e-6);
  assert_rel (v.B_K, VTF_B, 1e-6);
  assert_rel (v.T0_K, VTF_T0, 1e-6);
  assert_rel (v.Ea_eV, KB * VTF_B, 1e-6);
  assert_rel (v.sigma_ref, VTF_A / sqrt (298.15) * exp (-VTF_B / (298.15 - VTF_T0)), 1e-6);
  assert_rel (eis_vtf_sigma_at (&v, 330.0), VTF_A / sqrt (330.0) * exp (-VTF_B / (330 - VTF_T0)),
              1e-6);
  assert_int_equal (v.dof, NT - 3);
}

/* 1 % noise: B, T0 and sigma(25 °C) within 4 standard errors of the truth. */
static void
test_vtf_noisy (void **state)
{
  State *st = *state;
  make_vtf (st, 0.01);
  EisVTFFit v;
  EisError err = { 0 };
  assert_int_equal (eis_vtf_fit (st->T, st->sigma, st->se, NT, 298.15, &v, &err), EIS_OK);
  assert_true (v.converged);
  assert_true (v.weighted);
  assert_true (v.B_se_K > 0 && v.T0_se_K > 0 && v.sigma_ref_se > 0);
  assert_abs (v.B_K, VTF_B, 4 * v.B_se_K);
  assert_abs (v.T0_K, VTF_T0, 4 * v.T0_se_K);
  assert_rel (v.T0_K, VTF_T0, 0.1);
  assert_rel (v.B_K, VTF_B, 0.25);
  assert_rel (v.Ea_se_eV, KB * v.B_se_K, 1e-12);
  double s25 = VTF_A / sqrt (298.15) * exp (-VTF_B / (298.15 - VTF_T0));
  assert_abs (v.sigma_ref, s25, 4 * v.sigma_ref_se);
  assert_rel (v.sigma_ref, s25, 0.01);
  assert_true (v.r2 > 0.999);
}

/* Four points are enough; plain Arrhenius data give a usable result, wherever T0 goes. */
static void
test_vtf_four_points_and_arrhenius_data (void **state)
{
  State *st = *state;
  make_vtf (st, 0);
  EisVTFFit v;
  EisError err = { 0 };
  assert_int_equal (eis_vtf_fit (st->T, st->sigma, NULL, 4, NAN, &v, &err), EIS_OK);
  assert_rel (v.B_K, VTF_B, 1e-4);
  make_series (st, EIS_ARRHENIUS_SIGMA, 0);
  assert_int_equal (eis_vtf_fit (st->T, st->sigma, NULL, NT, NAN, &v, &err), EIS_OK);
  assert_true (v.T0_K > 0 && v.T0_K < st->T[0]);
  /* not exact: VTF carries T^(-1/2), which a pure Arrhenius law lacks */
  assert_rel (v.sigma_ref, SIGMA25_TRUE, 0.01);
}

/* A flat line: the same sigma at every temperature (up to the rounding of a conductivity
 * computed twice): R2 is 0/0, undefined (NAN), never 1. */
static void
test_flat_r2_undefined (void **state)
{
  (void) state;
  const double T[3] = { 298.15, 313.15, 333.15 };
  const double sigma[3] = { 2.0694e-4, 2.0694e-4 * (1 + 2e-16), 2.0694e-4 };
  const double se[3] = { 3.08e-7, 3.08e-7, 3.08e-7 };
  EisArrheniusFit f;
  EisError err = { 0 };
  assert_int_equal (eis_arrhenius_fit (T, sigma, se, 3, EIS_ARRHENIUS_SIGMA, 298.15, &f, &err),
                    EIS_OK);
  assert_true (isnan (f.r2));
  assert_abs (f.Ea_eV, 0, 1e-9);
  assert_int_equal (eis_arrhenius_fit (T, sigma, NULL, 3, EIS_ARRHENIUS_SIGMA, 298.15, &f, &err),
                    EIS_OK);
  assert_true (isnan (f.r2));
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_sigma_form_recovered, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sigmaT_form_recovered, setup, teardown),
    cmocka_unit_test_setup_teardown (test_errors_match_scatter, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unweighted, setup, teardown),
    cmocka_unit_test_setup_teardown (test_two_points_by_hand, setup, teardown),
    cmocka_unit_test_setup_teardown (test_errors, setup, teardown),
    cmocka_unit_test_setup_teardown (test_vtf_exact, setup, teardown),
    cmocka_unit_test_setup_teardown (test_vtf_noisy, setup, teardown),
    cmocka_unit_test_setup_teardown (test_vtf_four_points_and_arrhenius_data, setup, teardown),
    cmocka_unit_test (test_flat_r2_undefined),
  };
  return cmocka_run_group_tests_name ("arrhenius", tests, NULL, NULL);
}
