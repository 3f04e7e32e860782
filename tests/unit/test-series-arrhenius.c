/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of src/core/series-arrhenius.c: the warnings eisfit arrhenius and the GUI's
 * Series page share. Points on an exact Arrhenius line (Ea 0.3127 eV) raise none; points
 * on a VTF curve (B 1200 K, T0 150 K) raise R2 < 0.99 and curved residuals; a conductivity
 * that falls once as T rises is named; the global and two-step Ea disagree beyond twice
 * their combined error and not within it. */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "series-arrhenius.h"

#define KB_EV 8.617333262e-5
#define N 7

static const double T_K[N] = { 243.15, 263.15, 283.15, 303.15, 323.15, 343.15, 363.15 };

static void
fit (const double *sg, EisArrheniusFit *a)
{
  EisError err = { 0 };
  assert_int_equal (eis_arrhenius_fit (T_K, sg, NULL, N, EIS_ARRHENIUS_SIGMA, 298.15, a, &err),
                    EIS_OK);
}

static void
test_straight_line (void **state)
{
  double sg[N];
  EisArrheniusFit a;
  char w[4][400];
  (void) state;
  for (size_t i = 0; i < N; i++)
    sg[i] = 41.7 * exp (-0.3127 / (KB_EV * T_K[i])) * (1 + 0.001 * ((i % 3) - 1.0));
  fit (sg, &a);
  assert_rel (a.Ea_eV, 0.3127, 0.01);
  assert_int_equal (eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_BULK, T_K, sg, NULL, N, &a, w), 0);
}

static void
test_vtf_curve (void **state)
{
  double sg[N];
  EisArrheniusFit a;
  char w[4][400];
  (void) state;
  for (size_t i = 0; i < N; i++)
    sg[i] = 3.0 / sqrt (T_K[i]) * exp (-1200 / (T_K[i] - 150));
  fit (sg, &a);
  assert_int_equal (eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_BULK, T_K, sg, NULL, N, &a, w), 3);
  assert_non_null (strstr (w[0], "not a straight line"));
  assert_non_null (strstr (w[1], "residuals of the Arrhenius fit curve"));
  /* sigma(25 degC) of the straight line is apparent too; interpolated along the curve it is
   * within 2 % of the VTF truth (the line's is 13 % off) */
  assert_non_null (strstr (w[2], "is as apparent as its Ea"));
  double v = 0, truth = 3.0 / sqrt (298.15) * exp (-1200 / (298.15 - 150));
  const char *it = strstr (w[2], " it is ");
  assert_non_null (it);
  assert_int_equal (sscanf (it, " it is %lf", &v), 1);
  assert_rel (v, truth, 0.02);
  assert_true (fabs (a.sigma_ref / truth - 1) > 0.05);
}

/* sigma_total of a pellet whose bulk (0.31 eV) and grain boundaries (0.45 eV, 3 times the
 * bulk's resistance at 25 degC) are in series, with 0.1 % errors: its Arrhenius plot curves,
 * and the warning says why (an apparent Ea), not "a change of mechanism". The bulk alone is a
 * straight line. */
static void
test_total_of_two_paths (void **state)
{
  double sb[N], st[N], se[N];
  EisArrheniusFit a;
  char w[4][400];
  size_t k;
  (void) state;
  for (size_t i = 0; i < N; i++)
    {
      double rb = exp (0.31 / (KB_EV * T_K[i]) - 0.31 / (KB_EV * 298.15));
      double rg = 3 * exp (0.45 / (KB_EV * T_K[i]) - 0.45 / (KB_EV * 298.15));
      sb[i] = 2e-4 / rb;
      st[i] = 2e-4 / (rb + rg);
      se[i] = 1e-3 * st[i];
    }
  fit (sb, &a);
  assert_int_equal (eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_BULK, T_K, sb, NULL, N, &a,
                                                    w), 0);
  EisError err = { 0 };
  assert_int_equal (eis_arrhenius_fit (T_K, st, se, N, EIS_ARRHENIUS_SIGMA, 298.15, &a, &err),
                    EIS_OK);
  /* the apparent Ea lies between the two paths' */
  assert_true (a.Ea_eV > 0.31 && a.Ea_eV < 0.45);
  k = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_TOTAL, T_K, st, se, N, &a, w);
  assert_true (k >= 2);
  assert_non_null (strstr (w[k - 2], "residuals of the Arrhenius fit curve"));
  assert_non_null (strstr (w[k - 2], "apparent value"));
  assert_null (strstr (w[k - 2], "change of mechanism"));
  /* and sigma(25 degC) interpolated along the curve: the truth 5e-5 within 0.5 % */
  double v = 0;
  const char *it = strstr (w[k - 1], " it is ");
  assert_non_null (it);
  assert_int_equal (sscanf (it, " it is %lf", &v), 1);
  assert_rel (v, 5e-5, 0.005);
}

static void
test_falling_sigma (void **state)
{
  double sg[N], se[N];
  EisArrheniusFit a;
  char w[4][400];
  size_t k;
  (void) state;
  for (size_t i = 0; i < N; i++)
    {
      sg[i] = 41.7 * exp (-0.3127 / (KB_EV * T_K[i]));
      se[i] = 1e-3 * sg[i];
    }
  sg[4] = 0.5 * sg[3];   /* at 50 degC: half of the 30 degC value */
  fit (sg, &a);
  k = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_BULK, T_K, sg, se, N, &a, w);
  assert_true (k >= 1);
  assert_non_null (strstr (w[k - 1], "sigma falls from"));
  assert_non_null (strstr (w[k - 1], "303.15 to 323.15 K"));
}

static void
test_disagreement (void **state)
{
  EisGlobalLawFit L = { 0 };
  EisArrheniusFit a = { 0 };
  char msg[400] = "";
  (void) state;
  L.Ea_eV = 0.3512, L.Ea_se_eV = 0.0030;
  a.Ea_eV = 0.3391, a.Ea_se_eV = 0.0040;   /* 0.0121 apart, combined error 0.005: 2.4 */
  assert_int_equal (eis_series_global_disagrees (&L, &a, msg, sizeof msg), 1);
  assert_non_null (strstr (msg, "the global Ea 0.3512 +- 0.0030 eV and the two-step Ea "
                                "0.3391 +- 0.0040 eV differ by 2.4 times"));
  a.Ea_eV = 0.3441;                        /* 1.4 combined errors apart */
  msg[0] = 0;
  assert_int_equal (eis_series_global_disagrees (&L, &a, msg, sizeof msg), 0);
  assert_string_equal (msg, "");
  a.Ea_se_eV = NAN;                        /* a two-step error unknown: the global's alone */
  a.Ea_eV = 0.3441;                        /* 0.0071 apart, 2.4 of 0.003 */
  assert_int_equal (eis_series_global_disagrees (&L, &a, msg, sizeof msg), 1);
}

/* The VTF law inside the joint fit against the two-step VTF fit: on Ea = k_B B and on sigma
 * at T_ref, beyond twice the combined error; a global T0 at its edge is said */
static void
test_vtf_disagreement (void **state)
{
  EisGlobalLawFit L = { .what = "bulk" };
  EisVTFFit v = { 0 };
  char msg[800] = "";
  (void) state;
  L.B_K = 1137.0, L.B_se_K = 1.6, L.T0_K = 163.1, L.T0_se_K = 0.086;
  L.Ea_eV = KB_EV * L.B_K, L.Ea_se_eV = KB_EV * L.B_se_K;
  L.sigma_ref = 5.6204e-5, L.sigma_ref_se = 2.7e-8;
  v.converged = 1, v.T_ref_K = 298.15;
  v.B_K = 1136.2, v.B_se_K = 1.6, v.T0_K = 163.1, v.T0_se_K = 0.083;
  v.Ea_eV = KB_EV * v.B_K, v.Ea_se_eV = KB_EV * v.B_se_K;
  v.sigma_ref = 5.6205e-5, v.sigma_ref_se = 3.1e-8;
  /* 0.35 and 0.02 combined errors apart: no warning */
  assert_int_equal (eis_series_global_vtf_disagrees (&L, &v, msg, sizeof msg), 0);
  assert_string_equal (msg, "");
  /* sigma 2.0902e-4 +- 1.97e-7 against 2.0682e-4 +- 5.33e-7: 3.9 combined errors, T0 at 0 K */
  L.sigma_ref = 2.0902e-4, L.sigma_ref_se = 1.97e-7, L.T0_K = 1.51e-13, L.T0_se_K = NAN;
  v.sigma_ref = 2.0682e-4, v.sigma_ref_se = 5.33e-7;
  assert_int_equal (eis_series_global_vtf_disagrees (&L, &v, msg, sizeof msg), 1);
  assert_non_null (strstr (msg, "VTF, bulk: the global sigma(25.00 degC) 2.0902e-04 +- 1.97e-07 "
                                "S/cm and the two-step 2.0682e-04 +- 5.33e-07 S/cm differ by "
                                "3.9 times their combined error"));
  assert_null (strstr (msg, "Ea"));
  assert_non_null (strstr (msg, "the global T0 = 1.51e-13 K ran to an edge of its range"));
  assert_non_null (strstr (msg, "so they are too small"));
  assert_non_null (strstr (msg, "an Arrhenius law may"));
  assert_true (strlen (msg) < sizeof msg - 1);
  /* Ea 2.6 combined errors apart as well, T0 determined: both said, with where to look */
  L.T0_K = 163.1, L.T0_se_K = 0.086;
  L.B_K = 1147.0, L.Ea_eV = KB_EV * L.B_K;   /* 10.8 K apart, combined 2.26 K: 4.8 */
  assert_int_equal (eis_series_global_vtf_disagrees (&L, &v, msg, sizeof msg), 1);
  assert_non_null (strstr (msg, "VTF, bulk: the global Ea = k_B B 0.0988 +- 0.0001 eV (B 1147 K) "
                                "and the two-step 0.0979 +- 0.0001 eV (B 1136 K) differ by 4.8 "
                                "times their combined error; the global sigma"));
  assert_non_null (strstr (msg, ": look at the spectra where the bulk resistance is least"));
  assert_null (strstr (msg, "T0"));
  /* a global sigma without an error is not compared; an unconverged two-step is not either */
  L.B_K = 1137.0, L.Ea_eV = KB_EV * L.B_K, L.sigma_ref_se = NAN;
  assert_int_equal (eis_series_global_vtf_disagrees (&L, &v, msg, sizeof msg), 0);
  L.sigma_ref_se = 1.97e-7, v.converged = 0;
  assert_int_equal (eis_series_global_vtf_disagrees (&L, &v, msg, sizeof msg), 0);
  /* a two-step sigma error not determined counts as 0, and says so */
  v.converged = 1, v.sigma_ref_se = NAN;
  assert_int_equal (eis_series_global_vtf_disagrees (&L, &v, msg, sizeof msg), 1);
  assert_non_null (strstr (msg, "the two-step 2.0682e-04 (its error not determined) S/cm differ "
                                "by 11.2 times"));
}

/* One pellet's geometry error (4 % thickness, 3 % area: 5 %) is common to a series: out of
 * each point's error before the fit (a 1 % fit error stays 1 %), into ln A and sigma(T_ref)
 * after; different geometries keep their own */
static void
test_common_geometry (void **state)
{
  EisSpectrumSeries s = { 0 };
  EisSeriesItem it[2] = { 0 };
  EisArrheniusFit a = { 0 };
  (void) state;
  for (int i = 0; i < 2; i++)
    {
      it[i].geom.thickness_cm = 0.06, it[i].geom.thickness_se_cm = 0.0024;
      it[i].geom.area_cm2 = 0.7854, it[i].geom.area_se_cm2 = 0.023562;
    }
  s.items = it, s.n = 2;
  assert_rel (eis_series_common_geometry_error (&s), 0.05, 1e-4);
  const EisGeometry *gp[2] = { &it[0].geom, &it[1].geom };
  assert_rel (eis_common_geometry_error (gp, 2), 0.05, 1e-4);
  assert_rel (eis_sigma_se_without_geometry (2.07e-4, 2.07e-4 * sqrt (0.01 * 0.01 + 0.05 * 0.05),
                                             0.05), 2.07e-6, 1e-9);
  assert_rel (eis_sigma_se_without_geometry (2.07e-4, 3.1e-7, 0), 3.1e-7, 1e-15);
  a.ln_A = 3.57, a.ln_A_se = 0.012, a.sigma_ref = 2.07e-4, a.sigma_ref_se = 2.07e-7;
  eis_arrhenius_add_geometry_error (&a, 0.05);
  assert_rel (a.ln_A_se, hypot (0.012, 0.05), 1e-12);
  assert_rel (a.sigma_ref_se, 2.07e-4 * hypot (1e-3, 0.05), 1e-12);
  it[1].geom.thickness_cm = 0.061;
  assert_true (eis_series_common_geometry_error (&s) == 0);
  assert_true (eis_common_geometry_error (gp, 2) == 0);
  assert_rel (eis_common_geometry_error (gp, 1), 0.05, 1e-4);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_straight_line),
    cmocka_unit_test (test_vtf_curve),
    cmocka_unit_test (test_total_of_two_paths),
    cmocka_unit_test (test_falling_sigma),
    cmocka_unit_test (test_disagreement),
    cmocka_unit_test (test_vtf_disagreement),
    cmocka_unit_test (test_common_geometry),
  };
  return cmocka_run_group_tests_name ("series-arrhenius", tests, NULL, NULL);
}
