/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bruce-Vincent transference numbers: a hand-worked example, synthetic DC decays with known
 * t+ and seeded noise (MOF-688-like: t+ = 0.87, 353 Ohm interface), warnings, error paths. */
#include "testutil.h"

#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#include "circuit.h"
#include "conductivity.h"
#include "fit.h"
#include "spectrum.h"
#include "transference.h"
#include "synth.h"

typedef struct {
  gsl_rng *rng;
  EisSeries *s;
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
  gsl_rng_set (st->rng, 19870101);
  *state = st;
  return 0;
}

static int
teardown (void **state)
{
  State *st = *state;
  eis_series_free (st->s);
  gsl_rng_free (st->rng);
  free (st);
  return 0;
}

/* MOF-688-like cell (Xu 2019; SCIENCE.md): R0 = 353 Ohm interface, R_b = 142 Ohm, dV = 10 mV,
 * Rss = 371 Ohm (5 % up), true t+ = 0.87; I0 = dV/(R_b + R0) and Iss follow from the
 * Bruce-Vincent formula solved for Iss: Iss = t I0 dV / (dV - I0 R0 + t I0 Rss). */
#define DV 0.010
#define R0 353.0
#define RB 142.0
#define RSS 371.0
#define TPLUS 0.87
#define TAU 900.0

static double
true_i0 (void)
{
  return DV / (RB + R0);
}

static double
true_iss (void)
{
  double i0 = true_i0 ();
  return TPLUS * i0 * DV / (DV - i0 * R0 + TPLUS * i0 * RSS);
}

/* I(t) = Iss + (I0 - Iss) exp(-t/tau), 1 s steps for HOURS, relative noise NOISE of Iss on I
 * and 0.05 mV on V; SIGN -1 for a cathodic step. */
static EisSeries *
make_decay (gsl_rng *rng, double hours, double noise, double sign)
{
  size_t n = (size_t) (hours * 3600) + 1;
  EisSeries *s = eis_series_new (n, 1);
  if (s == NULL)
    return NULL;
  double i0 = true_i0 (), iss = true_iss ();
  for (size_t i = 0; i < n; i++)
    {
      double t = (double) i;
      s->time_s[i] = t;
      s->current_a[i] = sign * (iss + (i0 - iss) * exp (-t / TAU)
                                + (noise > 0 ? gsl_ran_gaussian (rng, noise * iss) : 0));
      s->voltage_v[i] = sign * (DV + (noise > 0 ? gsl_ran_gaussian (rng, 5e-5) : 0));
    }
  return s;
}

static void
mof_input (EisBVInput *in)
{
  eis_bv_input_init (in);
  in->R0_ohm = R0;
  in->R0_se_ohm = 3.1;
  in->Rss_ohm = RSS;
  in->Rss_se_ohm = 3.4;
  in->Rb_ohm = RB;
  in->Rb_se_ohm = 0.8;
}

/* Hand-worked: dV = 10 mV, I0 = 2.0e-5 A (first point), Iss = 1.5e-5 A, R0 = 120 Ohm,
 * Rss = 150 Ohm:
 *   dV - I0 R0   = 0.010 - 0.0024  = 0.0076 V
 *   dV - Iss Rss = 0.010 - 0.00225 = 0.00775 V
 *   t+ = 1.5e-5 * 0.0076 / (2.0e-5 * 0.00775) = 1.14e-7 / 1.55e-7 = 114/155 = 0.7354838709677419
 * With R_b = 380 Ohm, dV/(R_b + R0) = 2.0e-5 A is the same I0, and the reduced form gives
 *   Iss R_b / (dV - Iss Rss) = 0.0057 / 0.00775 = 114/155 as well.
 * Iss/I0 = 0.75. Only R0 has an error (6 Ohm): se(t+) = |dt/dR0| 6 = Iss/(dV - Iss Rss) * 6
 *   = 1.5e-5 * 6 / 0.00775 = 9e-5/0.00775 = 0.011612903225806452. */
static void
test_hand_worked (void **state)
{
  State *st = *state;
  st->s = eis_series_new (100, 0);
  assert_non_null (st->s);
  for (size_t i = 0; i < 100; i++)
    {
      st->s->time_s[i] = 0.5 + (double) i;
      st->s->current_a[i] = i == 0 ? 2.0e-5 : 1.5e-5;
    }
  EisBVInput in;
  eis_bv_input_init (&in);
  in.dV_V = 0.010;
  in.R0_ohm = 120;
  in.R0_se_ohm = 6;
  in.Rss_ohm = 150;
  in.Rb_ohm = 380;
  in.i0_method = EIS_BV_I0_FIRST;
  EisBVResult r;
  EisError err = { 0 };
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_int_equal (r.i0_method, EIS_BV_I0_FIRST);
  assert_rel (r.I0_A, 2.0e-5, 1e-15);
  assert_rel (r.Iss_A, 1.5e-5, 1e-14);
  assert_rel (r.t_plus, 114.0 / 155.0, 1e-12);
  assert_rel (r.t_plus, 0.7354838709677419, 1e-12);
  assert_rel (r.I0_calc_A, 2.0e-5, 1e-12);
  assert_rel (r.t_plus_calc, 0.7354838709677419, 1e-12);
  assert_rel (r.ratio, 0.75, 1e-12);
  assert_rel (r.t_plus_se, 0.011612903225806452, 1e-12);
  assert_rel (eis_bv_t_plus (0.010, 2.0e-5, 1.5e-5, 120, 150), 114.0 / 155.0, 1e-12);
  /* Rss is 25 % above R0: the only warning */
  assert_int_equal (r.warnings, EIS_BV_WARN_R_CHANGED);
  assert_int_equal (r.n_messages, 1);
  assert_non_null (strstr (r.messages[0], "25 %"));
  assert_string_equal (eis_bv_warning_name (EIS_BV_WARN_R_CHANGED), "r_changed");
  /* a step current has nothing to extrapolate: the first point is used, and said so */
  in.i0_method = EIS_BV_I0_EXTRAPOLATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_int_equal (r.i0_method, EIS_BV_I0_FIRST);
  assert_true (r.warnings & EIS_BV_WARN_I0_FALLBACK);
  assert_rel (r.t_plus, 114.0 / 155.0, 1e-12);
}

/* MOF-688-like decay with 0.2 % noise: t+ recovered with the extrapolated I0 (default), the
 * calculated I0 and the first point; the uncorrected ratio overestimates. */
static void
test_mof688_decay (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 3.0, 0.002, 1);
  assert_non_null (st->s);
  EisBVInput in;
  mof_input (&in);
  EisBVResult r;
  EisError err = { 0 };
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_int_equal (r.i0_method, EIS_BV_I0_EXTRAPOLATED);
  assert_string_equal (eis_bv_i0_method_name (r.i0_method), "extrapolated");
  assert_true (r.dV_from_series);
  assert_rel (r.dV_V, DV, 1e-3);
  assert_rel (r.Iss_A, true_iss (), 1e-3);
  assert_rel (r.I0_extrap_A, true_i0 (), 0.01);
  assert_rel (r.tau_early_s, TAU, 0.05);
  assert_rel (r.I0_calc_A, true_i0 (), 1e-3);
  assert_true (r.t_plus_se > 0.005 && r.t_plus_se < 0.1);
  assert_abs (r.t_plus, TPLUS, 4 * r.t_plus_se);
  assert_rel (r.t_plus, TPLUS, 0.03);
  assert_abs (r.t_plus_calc, TPLUS, 4 * r.t_plus_calc_se);
  assert_rel (r.t_plus_calc, TPLUS, 0.02);
  assert_rel (r.ratio, true_iss () / true_i0 (), 0.01);
  assert_true (r.ratio > r.t_plus);
  assert_int_equal (r.plateau_points, 1081);
  assert_abs (r.drift_per_h, 0, 0.005);
  assert_int_equal (r.warnings, 0);
  assert_int_equal (r.n_messages, 0);

  in.i0_method = EIS_BV_I0_CALCULATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_rel (r.t_plus, r.t_plus_calc, 1e-15);
  assert_rel (r.I0_A, DV / (RB + R0), 1e-3);

  in.i0_method = EIS_BV_I0_FIRST;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_rel (r.t_plus, TPLUS, 0.05);
}

/* A cathodic step (negative current and voltage) gives exactly the same numbers. */
static void
test_cathodic_same (void **state)
{
  State *st = *state;
  gsl_rng_set (st->rng, 42);
  st->s = make_decay (st->rng, 2.0, 0.002, 1);
  EisBVInput in;
  mof_input (&in);
  EisBVResult a, b;
  assert_int_equal (eis_bv_run (st->s, &in, &a, NULL), EIS_OK);
  for (size_t i = 0; i < st->s->n; i++)
    {
      st->s->current_a[i] = -st->s->current_a[i];
      st->s->voltage_v[i] = -st->s->voltage_v[i];
    }
  assert_int_equal (eis_bv_run (st->s, &in, &b, NULL), EIS_OK);
  assert_rel (b.t_plus, a.t_plus, 1e-12);
  assert_rel (b.t_plus_se, a.t_plus_se, 1e-12);
  assert_rel (b.Iss_A, a.Iss_A, 1e-12);
  assert_true (b.Iss_A > 0 && b.I0_A > 0 && b.dV_V > 0);
  assert_int_equal (b.warnings & EIS_BV_WARN_SIGN_CHANGE, 0);
}

/* The propagated error matches the scatter of t+ over 100 noisy decays (no resistance
 * errors, so only the currents scatter). */
static void
test_error_matches_scatter (void **state)
{
  State *st = *state;
  const int reps = 100;
  double sum = 0, sum2 = 0, se = 0;
  EisBVInput in;
  eis_bv_input_init (&in);
  in.R0_ohm = R0;
  in.Rss_ohm = RSS;
  in.dV_V = DV;
  for (int k = 0; k < reps; k++)
    {
      EisSeries *s = make_decay (st->rng, 2.0, 0.005, 1);
      assert_non_null (s);
      EisBVResult r;
      int rc = eis_bv_run (s, &in, &r, NULL);
      eis_series_free (s);
      assert_int_equal (rc, EIS_OK);
      sum += r.t_plus;
      sum2 += r.t_plus * r.t_plus;
      se += r.t_plus_se;
    }
  double mean = sum / reps, sd = sqrt (sum2 / reps - mean * mean);
  assert_rel (mean, TPLUS, 0.01);
  assert_rel (se / reps, sd, 0.3);
}

static void
test_warnings (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 3.0, 0.002, 1);
  EisBVInput in;
  EisBVResult r;
  EisError err = { 0 };

  mof_input (&in);
  in.dV_V = 0.050;   /* 50 mV given: too large; the voltage column's 10 mV is used ... */
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_DV_COLUMN);
  assert_true (r.dV_from_series);
  assert_rel (r.dV_V, 0.010, 0.01);
  assert_false (r.warnings & EIS_BV_WARN_DV_LARGE);
  mof_input (&in);
  in.dV_V = 0.050;   /* ... unless the given one is insisted on */
  in.dV_as_given = 1;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_DV_LARGE);
  assert_true (r.warnings & EIS_BV_WARN_DV_COLUMN);
  assert_false (r.dV_from_series);

  mof_input (&in);
  in.Rss_ohm = 1.3 * R0;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_int_equal (r.warnings & ~EIS_BV_WARN_T_RANGE, EIS_BV_WARN_R_CHANGED);
  in.max_r_change = 0.35;   /* a looser limit accepts it */
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_false (r.warnings & EIS_BV_WARN_R_CHANGED);

  mof_input (&in);
  in.Rb_ohm = 20;     /* dV/(R_b + R0) 33 % above the measured I0 */
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_I0_MISMATCH);

  mof_input (&in);
  in.R0_ohm = 600;    /* dV - I0 R0 < 0: a negative t+ is no result, and the reason is given */
  in.i0_method = EIS_BV_I0_FIRST;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (isnan (r.t_plus) && isnan (r.t_plus_se) && isnan (r.t_bv));
  assert_true (r.t_plus_computed < 0);
  assert_rel (r.t_plus_computed, eis_bv_t_plus (r.dV_V, r.I0_A, r.Iss_A, 600, RSS), 1e-12);
  assert_non_null (strstr (r.no_t_plus, "no t+: the bv formula gives"));
  assert_non_null (strstr (r.no_t_plus, "I0 R_int,0 = "));
  assert_null (strstr (r.no_t_plus, "Iss Rss"));     /* dV - Iss Rss is positive */
  assert_true (r.warnings & EIS_BV_WARN_T_RANGE);
  assert_true (r.warnings & EIS_BV_WARN_R_CHANGED);
  {
    int said = 0;
    for (size_t i = 0; i < r.n_messages; i++)
      said |= strcmp (r.messages[i], r.no_t_plus) == 0;
    assert_true (said);
  }
  /* the positive forms stay */
  assert_true (r.t_plus_calc > 0 && r.t_watanabe > 0 && r.ratio > 0);
  assert_string_equal (r.no_t_plus[0] ? "set" : "", "set");
  /* dV - Iss Rss < 0 too (Rss typed far too large): both factors named */
  in.Rss_ohm = 600;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (isnan (r.t_plus) || r.t_plus >= 0);
  /* t+ above 1 is reported and flagged, not withheld */
  mof_input (&in);
  in.Rss_ohm = 1.3 * R0;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_string_equal (r.no_t_plus, "");
  assert_true (isfinite (r.t_plus));

  /* Rss below R0 beyond their errors: the spectra may be swapped (R0 353 +- 3.1, Rss 340 +-
   * 3.4: 13 Ohm, 2.8 combined errors, 3.7 %); t+ still given, with the exchanged value */
  mof_input (&in);
  in.Rss_ohm = 340;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_R_DECREASED);
  assert_string_equal (eis_bv_warning_name (EIS_BV_WARN_R_DECREASED), "r_decreased");
  assert_true (isfinite (r.t_plus));
  {
    int said = 0;
    for (size_t i = 0; i < r.n_messages; i++)
      said |= strstr (r.messages[i], "may be swapped") != NULL
              && strstr (r.messages[i], "R0 = 353 +- 3.1 Ohm") != NULL;
    assert_true (said);
  }
  /* within their errors (R0 353 +- 3.1, Rss 349 +- 3.4: 0.9 errors), or above R0: no caution */
  in.Rss_ohm = 349;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_false (r.warnings & EIS_BV_WARN_R_DECREASED);
  mof_input (&in);
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_false (r.warnings & EIS_BV_WARN_R_DECREASED);

  /* the sign of a step typed with one is compared with the current's (anodic here) */
  mof_input (&in);
  in.dV_V = -0.010;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_false (r.warnings & EIS_BV_WARN_SIGN_OPPOSITE);   /* a size only */
  assert_true (isnan (r.dV_signed_V));
  in.dV_signed = 1;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_SIGN_OPPOSITE);
  assert_rel (r.dV_signed_V, -0.010, 1e-12);
  assert_rel (r.dV_V, 0.010, 1e-12);
  in.dV_V = 0.010;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_false (r.warnings & EIS_BV_WARN_SIGN_OPPOSITE);

  /* a few points below zero during the hold */
  mof_input (&in);
  st->s->current_a[5000] = -1e-7;
  st->s->current_a[5001] = -2e-7;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_int_equal (r.warnings, EIS_BV_WARN_SIGN_CHANGE);
  assert_non_null (strstr (r.messages[0], "2 of 10801"));
  eis_series_free (st->s);

  /* stopped after 2 tau: the current is still falling */
  st->s = make_decay (st->rng, 0.5, 0.002, 1);
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_NO_PLATEAU);
  assert_true (r.drift_per_h < -0.01);
  eis_series_free (st->s);

  /* a flat current: no decay */
  st->s = make_decay (st->rng, 1.0, 0.002, 1);
  for (size_t i = 0; i < st->s->n; i++)
    st->s->current_a[i] = 1.7e-5;
  in.i0_method = EIS_BV_I0_FIRST;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_NO_DECAY);
  assert_string_equal (eis_bv_warning_name (EIS_BV_WARN_NO_DECAY), "no_decay");
  assert_null (eis_bv_warning_name (1u << 20));
}

/* The step after a rest: dV is the hold median less the rest median, and the hold starts
 * at t_step. */
static void
test_step_after_rest (void **state)
{
  State *st = *state;
  EisSeries *d = make_decay (st->rng, 2.0, 0.002, 1);
  assert_non_null (d);
  size_t rest = 60;
  st->s = eis_series_new (d->n + rest, 1);
  assert_non_null (st->s);
  for (size_t i = 0; i < rest; i++)
    {
      st->s->time_s[i] = (double) i;
      st->s->current_a[i] = 1e-9;
      st->s->voltage_v[i] = 0.0031;   /* open-circuit offset */
    }
  for (size_t i = 0; i < d->n; i++)
    {
      st->s->time_s[rest + i] = (double) rest + d->time_s[i];
      st->s->current_a[rest + i] = d->current_a[i];
      st->s->voltage_v[rest + i] = 0.0031 + d->voltage_v[i];
    }
  eis_series_free (d);
  EisBVInput in;
  mof_input (&in);
  in.t_step_s = (double) rest;
  EisBVResult r;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_rel (r.dV_V, DV, 2e-3);
  assert_rel (r.I0_first_A, true_i0 (), 0.01);
  assert_rel (r.t_plus, TPLUS, 0.03);
}

static void
test_errors (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 0.5, 0.002, 1);
  EisBVInput in;
  EisBVResult r;
  EisError err = { 0 };
  eis_bv_input_init (&in);
  in.Rss_ohm = RSS;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "R_int,0"));
  mof_input (&in);
  in.Rb_ohm = NAN;
  in.i0_method = EIS_BV_I0_CALCULATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "R_b"));
  mof_input (&in);
  in.Rb_ohm = -4;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_INVALID);
  mof_input (&in);
  in.t_step_s = st->s->time_s[st->s->n - 5];   /* 5 points left in the hold */
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "at least 8"));
  mof_input (&in);
  st->s->time_s[10] = st->s->time_s[9];
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "point 11"));
  eis_series_free (st->s);
  st->s = eis_series_new (50, 0);   /* no voltage column, no dV given */
  for (size_t i = 0; i < 50; i++)
    {
      st->s->time_s[i] = (double) i;
      st->s->current_a[i] = 1e-5 + 1e-6 * exp (-(double) i / 10);
    }
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "voltage"));
}

/* t+ as text: four decimals for the usual size, significant digits where decimals would
 * print a zero (a cell that barely conducts Li+, or a very precise ratio). */
static void
test_format (void **state)
{
  (void) state;
  char buf[64];
  assert_string_equal (eis_bv_format (buf, sizeof buf, 0.86163, 0.00834, 4, "+-"), "0.8616 +- 0.0083");
  assert_string_equal (eis_bv_format (buf, sizeof buf, 0.000186, 3.04e-6, 4, "+-"), "0.000186 +- 3e-06");
  assert_string_equal (eis_bv_format (buf, sizeof buf, 0.93841, 0.00001, 4, "+-"), "0.938 +- 1e-05");
  assert_string_equal (eis_bv_format (buf, sizeof buf, 0.4, 0.02, 3, "\xc2\xb1"), "0.400 \xc2\xb1 0.020");
}

/* ---- synthetic holds with known t+ (round 2) ----
 * A physical hold: the current is dV over the bulk, the interface and the concentration
 * polarization, I(t) = dV / (R_b + R_int(t) + R_c (1 - exp(-t/tau))) with R_c = R_b (1/t+ - 1),
 * so that at steady state Iss = dV/(R_b/t+ + R_int) and the Bruce-Vincent formula with
 * I0 = dV/(R_b + R0) and Rss = R_int(end) gives t+ exactly. On top: the double-layer charging
 * spike B exp(-t/tau_dl) (B = SPIKE x I0), white noise (NOISE x Iss), an instrument drift
 * (DRIFT x Iss per hour), and an interface that grows linearly from R0 to R_END over the hold. */
typedef struct {
  double dv, rb, r0, r_end, tplus, tau, tau_dl, spike, dt, t_end, noise, drift;
} Hold;

static Hold
hold_default (void)
{
  /* the cell: I0 = dV/(R_b + R0) = 2.0e-5 A, t+ = 0.62, tau 600 s, sampled at 0.2 s */
  Hold h = { 0.010, 150.0, 350.0, 350.0, 0.62, 600.0, 1.0, 0.0, 0.2, 7200.0, 0.002, 0.0 };
  return h;
}

static double
hold_iss (const Hold *h)
{
  return h->dv / (h->rb / h->tplus + h->r_end);
}

static EisSeries *
make_hold (gsl_rng *rng, const Hold *h)
{
  size_t n = (size_t) (h->t_end / h->dt + 0.5) + 1;
  EisSeries *s = eis_series_new (n, 1);
  if (s == NULL)
    return NULL;
  double rc = h->rb * (1 / h->tplus - 1), i0 = h->dv / (h->rb + h->r0), iss = hold_iss (h);
  for (size_t i = 0; i < n; i++)
    {
      double t = (double) i * h->dt;
      double rint = h->r0 + (h->r_end - h->r0) * t / h->t_end;
      double cur = h->dv / (h->rb + rint + rc * (1 - exp (-t / h->tau)));
      cur += h->spike * i0 * exp (-t / h->tau_dl) + h->drift * iss * t / 3600.0;
      s->time_s[i] = t;
      s->current_a[i] = cur + (h->noise > 0 ? gsl_ran_gaussian (rng, h->noise * iss) : 0);
      s->voltage_v[i] = h->dv + gsl_ran_gaussian (rng, 2e-6);
    }
  return s;
}

static void
hold_input (const Hold *h, EisBVInput *in)
{
  eis_bv_input_init (in);
  in->R0_ohm = h->r0;
  in->R0_se_ohm = 0.01 * h->r0;
  in->Rss_ohm = h->r_end;
  in->Rss_se_ohm = 0.01 * h->r_end;
  in->Rb_ohm = h->rb;
  in->Rb_se_ohm = 0.005 * h->rb;
}

/* A charging spike of 3 I0 decaying in 1 s, sampled every 0.1, 0.2, 0.5, 1 and 2 s: the spike is
 * found and left out, the headline is within 0.02 of the truth, and the report says which I0. */
static void
test_spike (void **state)
{
  State *st = *state;
  const double dts[] = { 0.1, 0.2, 0.5, 1.0, 2.0 };
  for (size_t k = 0; k < sizeof dts / sizeof dts[0]; k++)
    {
      Hold h = hold_default ();
      h.spike = 3.0;
      h.dt = dts[k];
      h.t_end = 4800;
      st->s = make_hold (st->rng, &h);
      assert_non_null (st->s);
      EisBVInput in;
      hold_input (&h, &in);
      EisBVResult r;
      EisError err = { 0 };
      assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
      print_message ("dt %.1f s: spike %zu points to %.3g s, I0 %s %.5g (calc %.5g), "
                     "t+ %.4f +- %.4f, tau %.4g\n", h.dt, r.spike_points, r.spike_end_s,
                     eis_bv_i0_method_name (r.i0_method), r.I0_A, r.I0_calc_A, r.t_plus,
                     r.t_plus_se, r.decay_tau_s);
      assert_abs (r.t_plus, h.tplus, 0.02);
      assert_int_equal (r.method, EIS_BV_METHOD_BV);
      assert_int_equal (r.i0_requested, EIS_BV_I0_AUTO);
      /* the spike was seen (at 2 s steps only its first points stand out) */
      assert_true (r.spike_auto);
      assert_true (r.spike_found);
      assert_true (r.spike_points >= 1);
      assert_true (r.spike_end_s >= h.dt && r.spike_end_s <= 12);   /* below the noise at 7.5 s */
      assert_true (r.spike_peak_A > 1e-5);
      /* the measured I0 past the spike is the ionic one */
      assert_rel (r.I0_extrap_A, h.dv / (h.rb + h.r0), 0.02);
      assert_rel (r.decay_tau_s, h.tau, 0.15);
      assert_non_null (strstr (r.i0_reason, "spike"));
      assert_int_equal (r.iss_source, EIS_BV_ISS_PLATEAU);
      assert_false (r.warnings & (EIS_BV_WARN_I0_MISMATCH | EIS_BV_WARN_T_RANGE));
      eis_series_free (st->s);
      st->s = NULL;
    }
}

/* A spike window given must lie well inside the hold (hold 7200 s at 0.2 s, tau 600 s, the
 * plateau window from 6480 s): past the hold, into the plateau window, or beyond the time
 * constant of the decay after it, it is refused (the measured I0 would be a point inside the
 * window, or an extrapolation over several time constants); a hold without a spike: the search
 * finds none, and says so in spike_found. */
static void
test_spike_window (void **state)
{
  State *st = *state;
  Hold h = hold_default ();
  st->s = make_hold (st->rng, &h);
  assert_non_null (st->s);
  EisBVInput in;
  EisBVResult r;
  EisError err = { 0 };
  hold_input (&h, &in);
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.spike_auto);
  assert_false (r.spike_found);             /* no spike in this hold: "none found" */
  assert_int_equal (r.spike_points, 0);
  const struct { double w; const char *msg; } bad[] = {
    { 1e9, "spike window 1e+09 s: the polarization hold lasts only 7200 s" },
    { 7200, "hold lasts only 7200 s" },
    { 7000, "before the plateau window (the last 10 %, from 6480 s" },
    { 1000, "longer than the time constant of the decay fitted after it (tau " },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      hold_input (&h, &in);
      in.skip_s = bad[i].w;
      err.message[0] = 0;
      assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_INVALID);
      print_message ("window %g s: %s\n", bad[i].w, err.message);
      assert_non_null (strstr (err.message, bad[i].msg));
    }
  /* a window inside the decay is taken as given */
  hold_input (&h, &in);
  in.skip_s = 30;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_false (r.spike_auto);
  assert_false (r.spike_found);
  assert_rel (r.spike_end_s, 30, 1e-12);
  assert_abs (r.t_plus, h.tplus, 0.02);
  /* with --i0 calculated the measured I0 is not needed: a long window is the user's */
  in.skip_s = 1000;
  in.i0_method = EIS_BV_I0_CALCULATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_abs (r.t_plus, h.tplus, 0.02);
}

/* The spike left in (a window of 0 s given) biases the measured I0 far up; the rule then takes
 * dV/(R_b + R0), says why, and both values stay in the result. */
static void
test_spike_rule (void **state)
{
  State *st = *state;
  Hold h = hold_default ();
  h.spike = 3.0;
  h.t_end = 4800;
  st->s = make_hold (st->rng, &h);
  EisBVInput in;
  hold_input (&h, &in);
  in.skip_s = 0;          /* nothing left out */
  in.early_fraction = 0;
  EisBVResult r;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_false (r.spike_auto);
  assert_false (r.spike_found);
  assert_int_equal (r.spike_points, 0);
  assert_int_equal (r.i0_method, EIS_BV_I0_CALCULATED);
  assert_non_null (strstr (r.i0_reason, "not measured cleanly"));
  assert_true (fabs (r.I0_meas_A / r.I0_calc_A - 1) > 0.05);
  assert_abs (r.t_plus, h.tplus, 0.02);
  assert_rel (r.t_plus, r.t_plus_calc, 1e-12);
  /* with the measured I0: wrong (far off, or negative and withheld) */
  assert_true (!(fabs (r.t_bv_meas - h.tplus) <= 0.05));
  /* the first point is the top of the spike */
  in.i0_method = EIS_BV_I0_FIRST;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_true (r.I0_A > 3 * r.I0_calc_A);
  assert_true (r.warnings & EIS_BV_WARN_I0_MISMATCH);
  int said = 0;
  for (size_t i = 0; i < r.n_messages; i++)
    said |= strstr (r.messages[i], "t+ used the measured one") != NULL;
  assert_true (said);
}

/* Holds that end at 1.5, 2.5 and 3.5 time constants: no plateau, Iss extrapolated from the
 * fitted decay with its error, and said so. */
static void
test_unsettled (void **state)
{
  State *st = *state;
  const double ends[] = { 1.5, 2.5, 3.5 };
  for (size_t k = 0; k < 3; k++)
    {
      Hold h = hold_default ();
      h.dt = 1.0;
      h.t_end = ends[k] * h.tau;
      h.spike = 2.0;
      st->s = make_hold (st->rng, &h);
      EisBVInput in;
      hold_input (&h, &in);
      EisBVResult r;
      assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
      print_message ("end %.1f tau: Iss %s %.5g +- %.2g (true %.5g, last points %.5g), t+ %.4f "
                     "+- %.4f\n", ends[k], eis_bv_iss_source_name (r.iss_source), r.Iss_A,
                     r.Iss_se_A, hold_iss (&h), r.Iss_plateau_A, r.t_plus, r.t_plus_se);
      assert_int_equal (r.iss_source, EIS_BV_ISS_EXTRAPOLATED);
      assert_false (r.plateau_found);
      assert_true (r.warnings & EIS_BV_WARN_NO_PLATEAU);
      assert_non_null (strstr (r.iss_reason, "asymptote"));
      assert_true (r.Iss_se_A > 0);
      /* the decay of 1/(R + R_c (1 - exp(-t/tau))) is not quite one exponential: 1 % */
      assert_rel (r.Iss_A, hold_iss (&h), 0.01);
      assert_true (r.Iss_plateau_A > r.Iss_A);
      assert_abs (r.t_plus, h.tplus, 0.02);
      eis_series_free (st->s);
      st->s = NULL;
    }
}

/* The interface grows from 350 to 420 Ohm during the hold (Rss measured at the end): the
 * current keeps falling after the decay settled; Iss is the current at the end, where Rss
 * belongs, and t+ is right with each formula that uses Rss. */
static void
test_growing_interface (void **state)
{
  State *st = *state;
  Hold h = hold_default ();
  h.r_end = 420;
  h.spike = 3.0;
  h.t_end = 3 * 3600;
  h.dt = 1.0;
  st->s = make_hold (st->rng, &h);
  EisBVInput in;
  hold_input (&h, &in);
  EisBVResult r;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  print_message ("growing: Iss %s %.5g (true %.5g), t+ %.4f +- %.4f, watanabe %.4f\n",
                 eis_bv_iss_source_name (r.iss_source), r.Iss_A, hold_iss (&h), r.t_plus,
                 r.t_plus_se, r.t_watanabe);
  assert_abs (r.t_plus, h.tplus, 0.02);
  assert_int_equal (r.iss_source, EIS_BV_ISS_END);
  assert_rel (r.Iss_A, hold_iss (&h), 0.003);
  assert_true (r.warnings & EIS_BV_WARN_R_CHANGED);
  assert_true (r.warnings & EIS_BV_WARN_NO_PLATEAU);
  /* Watanabe: steady-state quantities only, the same answer */
  in.method = EIS_BV_METHOD_WATANABE;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_abs (r.t_plus, h.tplus, 0.02);
  assert_rel (r.t_plus, r.t_watanabe, 1e-15);
  /* the uncorrected ratio is what it is: Iss/I0, far above t+ */
  in.method = EIS_BV_METHOD_RATIO;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_rel (r.t_plus, r.ratio, 1e-15);
  assert_rel (r.ratio, hold_iss (&h) / (h.dv / (h.rb + h.r0)), 0.01);
  assert_true (r.t_plus > h.tplus + 0.1);
  assert_string_equal (eis_bv_method_name (r.method), "ratio");
}

/* Noise of 1 % and an instrument drift of +0.3 %/h on top of the spike, five seeds. */
static void
test_noise_drift (void **state)
{
  State *st = *state;
  for (unsigned long seed = 1; seed <= 5; seed++)
    {
      gsl_rng_set (st->rng, seed);
      Hold h = hold_default ();
      h.noise = 0.01;
      h.drift = 0.003;
      h.spike = 4.0;
      h.dt = 0.5;
      st->s = make_hold (st->rng, &h);
      EisBVInput in;
      hold_input (&h, &in);
      EisBVResult r;
      assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
      print_message ("seed %lu: t+ %.4f +- %.4f (I0 %s, Iss %s)\n", seed, r.t_plus,
                     r.t_plus_se, eis_bv_i0_method_name (r.i0_method),
                     eis_bv_iss_source_name (r.iss_source));
      assert_abs (r.t_plus, h.tplus, 0.02);
      assert_true (r.spike_points >= 1);
      assert_rel (r.noise_A, 0.01 * hold_iss (&h), 0.1);
      eis_series_free (st->s);
      st->s = NULL;
    }
}

/* The method names and labels, and Watanabe without R_b refused. */
static void
test_methods (void **state)
{
  State *st = *state;
  assert_int_equal (eis_bv_method_parse ("bv"), EIS_BV_METHOD_BV);
  assert_int_equal (eis_bv_method_parse ("watanabe"), EIS_BV_METHOD_WATANABE);
  assert_int_equal (eis_bv_method_parse ("ratio"), EIS_BV_METHOD_RATIO);
  assert_int_equal (eis_bv_method_parse ("bruce"), -1);
  assert_non_null (strstr (eis_bv_method_label (EIS_BV_METHOD_BV), "Bruce-Vincent"));
  assert_string_equal (eis_bv_i0_method_name (EIS_BV_I0_AUTO), "auto");
  assert_string_equal (eis_bv_iss_source_name (EIS_BV_ISS_END), "end-of-hold");
  Hold h = hold_default ();
  h.dt = 2.0;
  st->s = make_hold (st->rng, &h);
  EisBVInput in;
  hold_input (&h, &in);
  in.Rb_ohm = NAN;
  in.method = EIS_BV_METHOD_WATANABE;
  EisBVResult r;
  EisError err = { 0 };
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "Watanabe"));
  /* R_b at steady state alone is enough for Watanabe (and is the one it uses) */
  in.Rb_ss_ohm = h.rb;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_abs (r.t_plus, h.tplus, 0.02);
  assert_true (isnan (r.I0_calc_A));
  /* a spike window below 0 is refused */
  in.skip_s = -1;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_INVALID);
}

/* The interface during the hold: four spectra of R0-p(R1,CPE1)-CPE2 with R1 growing from 350
 * to 392 Ohm (0.2 % noise), fitted one after another from the before spectrum's optimum; and
 * the nearest-spectrum rule for R0 and Rss. */
static EisSpectrum *
li_spectrum (const EisCircuit *c, double r1, gsl_rng *rng)
{
  EisSpectrum *sp = eis_spectrum_new (43);
  if (sp == NULL)
    return NULL;
  double p[6] = { 150.0, r1, 3.1e-6, 0.87, 2.0e-3, 0.70 };
  for (size_t k = 0; k < 43; k++)
    {
      double f = pow (10, 6 - (double) k * 7 / 42);
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      double nz = 0.002 * cabs (z);
      sp->freq_hz[k] = f;
      sp->z_re[k] = creal (z) + gsl_ran_gaussian (rng, nz);
      sp->z_im[k] = cimag (z) + gsl_ran_gaussian (rng, nz);
    }
  if (eis_spectrum_finish (sp, 2, NULL) != EIS_OK)
    {
      eis_spectrum_free (sp);
      return NULL;
    }
  return sp;
}

static void
test_track_interface (void **state)
{
  State *st = *state;
  EisCircuit *c = NULL;
  assert_int_equal (eis_circuit_parse ("R0-p(R1,CPE1)-CPE2", &c, NULL), EIS_OK);
  const double r1[4] = { 350.0, 364.0, 378.0, 392.0 };
  EisSpectrum *sp[4];
  for (int k = 0; k < 4; k++)
    {
      sp[k] = li_spectrum (c, r1[k], st->rng);
      assert_non_null (sp[k]);
    }
  EisFitOptions opt;
  eis_fit_options_init (&opt);
  EisFitResult *before = NULL, *fits[3];
  assert_int_equal (eis_fit_run (c, sp[0], &opt, &before, NULL), EIS_OK);
  assert_int_equal (before->status, EIS_FIT_CONVERGED);
  EisBVInterfacePoint pt[3];
  double times[4] = { 0, 1200, 2400, 3600 };
  for (int k = 0; k < 3; k++)
    pt[k].time_s = times[k + 1];
  assert_int_equal (eis_bv_track_interface (c, &opt, before->value,
                                            (const EisSpectrum *const *) sp + 1, 3, NULL, pt, fits,
                                            NULL), EIS_OK);
  for (int k = 0; k < 3; k++)
    {
      assert_int_equal (pt[k].status, EIS_FIT_CONVERGED);
      assert_rel (pt[k].R_int_ohm, r1[k + 1], 0.01);
      assert_true (pt[k].R_int_se_ohm > 0 && pt[k].R_int_se_ohm < 0.01 * r1[k + 1]);
      assert_rel (pt[k].R_b_ohm, 150.0, 0.01);
      assert_rel (pt[k].time_s, times[k + 1], 1e-15);
      assert_non_null (strstr (pt[k].how, "R1"));
      assert_non_null (fits[k]);
      /* a warm start is near: few iterations */
      assert_true (fits[k]->iterations < 40);
      eis_fit_result_free (fits[k]);
    }
  /* R0 from the spectrum nearest the start, Rss from the one nearest the end */
  assert_int_equal (eis_bv_nearest (times, 4, 0), 0);
  assert_int_equal (eis_bv_nearest (times, 4, 3000), 2);   /* tie 2400/3600: the earlier */
  assert_int_equal (eis_bv_nearest (times, 4, 3500), 3);
  assert_int_equal (eis_bv_nearest (times, 4, 1e9), 3);
  eis_fit_result_free (before);
  for (int k = 0; k < 4; k++)
    eis_spectrum_free (sp[k]);
  eis_circuit_free (c);
}


/* A spectrum of circuit TEXT with parameters P from 0.01 Hz to 1 MHz, 10 points a decade, with
 * 0.3 % relative noise, fitted with the same circuit from 1.3 P; the result analysed into CD. */
static void
fit_known (const char *text, const double *p, gsl_rng *rng, EisConductivity *cd)
{
  EisCircuit *c = NULL;
  assert_int_equal (eis_circuit_parse (text, &c, NULL), EIS_OK);
  size_t P = eis_circuit_n_params (c), n = 81;
  EisSpectrum *sp = eis_spectrum_new (n);
  assert_non_null (sp);
  for (size_t k = 0; k < n; k++)
    {
      double f = pow (10, -2 + (double) k / 10);
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      sp->freq_hz[k] = f;
      sp->z_re[k] = creal (z) * (1 + gsl_ran_gaussian (rng, 0.003));
      sp->z_im[k] = cimag (z) * (1 + gsl_ran_gaussian (rng, 0.003));
    }
  assert_int_equal (eis_spectrum_finish (sp, 2, NULL), EIS_OK);
  double init[16];
  for (size_t k = 0; k < P; k++)
    init[k] = strcmp (eis_circuit_param_unit (c, k), "") == 0 ? p[k] : 1.3 * p[k];
  EisFitOptions opt;
  eis_fit_options_init (&opt);
  opt.init = init;
  EisFitResult *r = NULL;
  assert_int_equal (eis_fit_run (c, sp, &opt, &r, NULL), EIS_OK);
  assert_int_equal (r->status, EIS_FIT_CONVERGED);
  assert_int_equal (eis_conductivity_analyse (c, r, NULL, cd, NULL), EIS_OK);
  eis_fit_result_free (r);
  eis_spectrum_free (sp);
  eis_circuit_free (c);
}

/* A Randles branch p(CPE2,R2-W2) and its nesting p(CPE1,R1-p(CPE2,R2-W2)): each gets a role
 * from its capacitance, and its charge-transfer R counts in the interface (R0 = R1 + R2 =
 * 350 Ohm within 1 %); the Warburg does not, and the text says so. */
static void
test_randles_interface (void **state)
{
  State *st = *state;
  EisConductivity cd;
  EisBVResistances res;
  const double p1[] = { 60, 150, 1e-6, 0.9, 1e-4, 0.85, 200, 50 };
  fit_known ("R0-p(R1,CPE1)-p(CPE2,R2-W2)", p1, st->rng, &cd);
  assert_int_equal (cd.n_arcs, 3);
  assert_string_equal (cd.arcs[2].label, "CPE2||(R2-W2)");
  assert_int_equal (cd.arcs[2].role, EIS_ROLE_ELECTRODE);
  assert_true (cd.arcs[2].randles);
  assert_string_equal (cd.arcs[2].diffusion, "W2");
  assert_rel (cd.arcs[2].R, 200, 0.01);
  assert_int_equal (eis_bv_resistances (&cd, NULL, &res, NULL), EIS_OK);
  assert_rel (res.R_int, 350, 0.01);
  assert_rel (res.R_b, 60, 0.01);
  assert_int_equal (res.n_ambiguous, 0);
  assert_non_null (strstr (res.how, "the diffusion W2 left out"));

  /* Boukamp's nesting R(Q(R(QR W))): R0 = 60, CPE1 (1e-6, 0.9), R1 = 150, CPE2 (1e-4, 0.85),
   * R2 = 200, W2 = 50 */
  const double p2[] = { 60, 1e-6, 0.9, 150, 1e-4, 0.85, 200, 50 };
  fit_known ("R0-p(CPE1,R1-p(CPE2,R2-W2))", p2, st->rng, &cd);
  assert_int_equal (cd.n_arcs, 3);
  assert_int_equal (eis_bv_resistances (&cd, NULL, &res, NULL), EIS_OK);
  assert_rel (res.R_int, 350, 0.01);
  assert_rel (res.R_b, 60, 0.01);
}

/* An arc of about 1 nF between the intercept and the electrode arc: its role is ambiguous. In a
 * Li|Li cell the first reading counts it in the interface (R0 = 150 + 200 Ohm, the grain
 * boundary its capacitance gives notwithstanding), the other in the electrolyte (R0 = 200 Ohm);
 * R_b + R0 is the same in both; the user's list decides, and a name that is no arc is
 * refused. */
static void
test_ambiguous_interface (void **state)
{
  State *st = *state;
  EisConductivity cd;
  EisBVResistances res;
  EisError err = { 0 };
  const double p[] = { 60, 150, 5e-9, 0.9, 200, 1e-5, 0.85, 5e-3, 0.6 };
  fit_known ("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", p, st->rng, &cd);
  assert_int_equal (eis_bv_resistances (&cd, NULL, &res, NULL), EIS_OK);
  assert_int_equal (res.n_ambiguous, 1);
  assert_false (res.alt_adds_to_interface);
  assert_rel (res.R_int, 350, 0.02);
  assert_rel (res.R_b, 60, 0.06);
  assert_rel (res.R_int_alt, 200, 0.02);
  assert_non_null (strstr (res.how, "in a Li|Li cell taken as interface"));
  assert_rel (res.R_b + res.R_int, 410, 0.01);
  assert_rel (res.R_b_alt + res.R_int_alt, res.R_b + res.R_int, 1e-12);
  assert_int_equal (eis_bv_resistances (&cd, "R1, R2||CPE2", &res, NULL), EIS_OK);
  assert_true (res.user);
  assert_int_equal (res.n_ambiguous, 0);
  assert_rel (res.R_int, 350, 0.02);
  assert_rel (res.R_b, 60, 0.06);
  assert_int_equal (eis_bv_resistances (&cd, "R1,R9", &res, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "\"R9\" is no arc"));
  assert_non_null (strstr (err.message, "R2 (R2||CPE2)"));
}

/* Both readings through eis_bv_run: the MOF-688 hold (t+ = 0.87 with R0 = 353, R_b = 142 Ohm)
 * given with 150 Ohm of the interface counted as electrolyte, the true split as the other
 * reading: the other reading's t+ is the truth and equals a run with it as the headline. */
static void
test_other_reading (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 3, 0.002, 1);
  assert_non_null (st->s);
  EisBVInput in;
  mof_input (&in);
  in.R0_ohm = R0 - 150, in.Rss_ohm = RSS - 150, in.Rb_ohm = RB + 150;
  in.R0_alt_ohm = R0, in.R0_alt_se_ohm = 3.1, in.Rss_alt_ohm = RSS, in.Rss_alt_se_ohm = 3.4;
  in.Rb_alt_ohm = RB, in.Rb_alt_se_ohm = 0.8, in.Rb_ss_alt_ohm = NAN;
  in.alt_what = "R1||CPE1";
  in.alt_to_interface = 1;
  EisBVResult r, r2;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_true (r.has_alt);
  assert_true (r.warnings & EIS_BV_WARN_ROLE_AMBIGUOUS);
  assert_abs (r.alt_t_plus, TPLUS, 0.02);
  assert_true (fabs (r.t_plus - TPLUS) > 0.05);
  assert_rel (r.alt_R0_ohm, R0, 1e-12);
  EisBVInput in2;
  mof_input (&in2);
  in2.i0_method = r.i0_method;
  assert_int_equal (eis_bv_run (st->s, &in2, &r2, NULL), EIS_OK);
  assert_false (r2.has_alt);
  assert_false (r2.warnings & EIS_BV_WARN_ROLE_AMBIGUOUS);
  assert_rel (r2.t_plus, r.alt_t_plus, 1e-12);
}

/* R0 and Rss short of 150 Ohm (an interfacial arc not counted): dV/(R_b + R0) lies 40 % above
 * the measured I0. The rule keeps the measured one (before, it took the calculated one and
 * gave t+ = 0.49 for a true 0.87), warns and says why. */
static void
test_incomplete_r0 (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 3, 0.002, 1);
  assert_non_null (st->s);
  EisBVInput in;
  mof_input (&in);
  in.R0_ohm = R0 - 150, in.Rss_ohm = RSS - 150;
  EisBVResult r;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_int_equal (r.i0_method, EIS_BV_I0_EXTRAPOLATED);
  assert_rel (r.I0_A, true_i0 (), 0.01);
  assert_true (r.warnings & EIS_BV_WARN_I0_MISMATCH);
  assert_non_null (strstr (r.i0_reason, "may be incomplete"));
  int said = 0;
  for (size_t i = 0; i < r.n_messages; i++)
    said |= strstr (r.messages[i], "t+ used the measured one") != NULL;
  assert_true (said);
}

/* A hold of 6 time constants: the decay still adds 0.25 % of its amplitude over the last tenth,
 * about 6 times the plateau mean's error at 0.1 % noise, while the drift is below 1 %/h. Iss
 * is the plateau mean less that part: within 3 standard errors of the true steady state (the
 * bare mean is 6 above it), and t+ within 3 of 0.87. */
static void
test_short_hold_plateau (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 6 * TAU / 3600, 0.001, 1);
  assert_non_null (st->s);
  EisBVInput in;
  mof_input (&in);
  EisBVResult r;
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_int_equal (r.iss_source, EIS_BV_ISS_PLATEAU);
  assert_true (fabs (r.Iss_plateau_A - true_iss ()) > 4 * r.Iss_plateau_se_A);
  assert_true (fabs (r.Iss_A - true_iss ()) < 3 * r.Iss_se_A);
  assert_true (r.Iss_A < r.Iss_plateau_A);
  assert_non_null (strstr (r.iss_reason, "less what the fitted decay"));
  assert_true (fabs (r.t_plus - TPLUS) < 3 * r.t_plus_se);
  /* a long hold: nothing left to take off, the plain mean */
  eis_series_free (st->s);
  st->s = make_decay (st->rng, 3, 0.001, 1);
  assert_int_equal (eis_bv_run (st->s, &in, &r, NULL), EIS_OK);
  assert_int_equal (r.iss_source, EIS_BV_ISS_PLATEAU);
  assert_rel (r.Iss_A, r.Iss_plateau_A, 1e-15);
}

/* The spectra of another cell: R_b + R0 100 times the hold's dV/I0. The automatic I0 rule
 * refuses (no t+ from files that do not belong together); a forced --i0 goes on and warns. */
static void
test_not_one_cell (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 3, 0.002, 1);
  assert_non_null (st->s);
  EisBVInput in;
  mof_input (&in);
  in.R0_ohm *= 100, in.Rss_ohm *= 100, in.Rb_ohm *= 100;
  EisBVResult r;
  EisError err = { 0 };
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "do not describe one cell"));
  assert_non_null (strstr (err.message, "factor of 100"));
  in.i0_method = EIS_BV_I0_EXTRAPOLATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_I0_MISMATCH);
  /* a factor of 5 (an arc left out of R0, say) is a warning, not a refusal */
  mof_input (&in);
  in.R0_ohm /= 5, in.Rss_ohm /= 5, in.Rb_ohm /= 5;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_I0_MISMATCH);
  /* five times too large, dV/(R_b + R0) falls below Iss: refused (test_i0_below_iss) */
  mof_input (&in);
  in.R0_ohm *= 5, in.Rss_ohm *= 5, in.Rb_ohm *= 5;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "not above the steady-state current"));
}

/* R0 too large (an arc counted in it that is not the interface): dV/(R_b + R0) = 1.78e-5 A
 * lies below the steady-state current (true Iss = 1.872e-5 A) while the measured current decays
 * from 2.02e-5 A. The automatic rule takes the calculated I0 (13 % off the measured one, more
 * than twice their error), and a t+ from an I0 below Iss means nothing: refused, naming
 * R_b + R0; --i0 calculated likewise. The measured I0 goes on, and the current that clearly
 * decays gives no "no decay" warning. */
static void
test_i0_below_iss (void **state)
{
  State *st = *state;
  st->s = make_decay (st->rng, 3, 0.002, 1);
  assert_non_null (st->s);
  EisBVInput in;
  mof_input (&in);
  in.R0_ohm = 420, in.Rss_ohm = 440;
  EisBVResult r;
  EisError err = { 0 };
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "is not above the steady-state current"));
  assert_non_null (strstr (err.message, "R_b + R_int,0 = 562 Ohm"));
  assert_non_null (strstr (err.message, "measured current decays"));
  in.i0_method = EIS_BV_I0_CALCULATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_ERR_DATA);
  in.i0_method = EIS_BV_I0_EXTRAPOLATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_rel (r.I0_A, true_i0 (), 0.01);
  assert_false (r.warnings & EIS_BV_WARN_NO_DECAY);
  /* the right R0: the calculated I0 is used and there is no warning of no decay */
  mof_input (&in);
  in.i0_method = EIS_BV_I0_CALCULATED;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_false (r.warnings & EIS_BV_WARN_NO_DECAY);
  assert_true (fabs (r.t_plus - TPLUS) < 0.02);
}

/* The common-circuit rule (eis_bv_common_circuit) on a Li|Li cell with known truth: electrolyte
 * 200 Ohm, SEI arc 150 -> 180 Ohm (C_eff 1e-6 F), charge transfer 300 -> 320 Ohm (2e-5 F), so
 * R_int 450 before and 500 after. Fitted with the true circuit T before and with W, one arc
 * short, after (both as the automatic choice): both take T (W fits neither well: its summed
 * BIC is higher), the spectrum after refitted with T gives R_int within 2 % of 500, and the
 * fits given are not touched. With W the user's circuit for the spectrum before, the spectrum
 * after takes W (the user's choice, no BIC); W for both as the user's: kept apart and said;
 * one circuit: nothing done. */
static void
test_common_circuit (void **state)
{
  (void) state;
  const char *T = "R0-p(R1,CPE1)-p(R2,CPE2)", *W = "R0-p(R1,CPE1)-CPE2";
  const double pb[] = { 200, 150, 2.412075e-06, 0.9, 300, 4.308314e-05, 0.85 };
  const double pa[] = { 200, 180, 2.368497e-06, 0.9, 320, 4.266807e-05, 0.85 };
  EisSpectrum *sb = synth_spectrum (T, pb, 0.05, 1e6, 75, 0.003, 11);
  EisSpectrum *sa = synth_spectrum (T, pa, 0.05, 1e6, 75, 0.003, 12);
  assert_non_null (sb);
  assert_non_null (sa);
  EisCircuit *ct = NULL, *cw = NULL;
  assert_int_equal (eis_circuit_parse (T, &ct, NULL), EIS_OK);
  assert_int_equal (eis_circuit_parse (W, &cw, NULL), EIS_OK);
  EisFitOptions opt;
  eis_fit_options_init (&opt);
  EisFitResult *fb = NULL, *fa = NULL, *fbw = NULL;
  assert_int_equal (eis_fit_run (ct, sb, &opt, &fb, NULL), EIS_OK);
  assert_int_equal (eis_fit_run (cw, sa, &opt, &fa, NULL), EIS_OK);
  assert_int_equal (eis_fit_run (cw, sb, &opt, &fbw, NULL), EIS_OK);
  assert_true (eis_bv_fit_sound (ct, fb));
  double fa_r1 = fa->value[1];

  EisBVCircuitSide b = { sb, ct, fb, &opt, 0 }, a = { sa, cw, fa, &opt, 0 };
  EisBVCommonCircuit cc;
  char text[2048];
  assert_int_equal (eis_bv_common_circuit (&b, &a, &cc, NULL), EIS_OK);
  assert_int_equal (cc.choice, EIS_BV_CIRCUIT_BEFORE);
  assert_string_equal (cc.circuit_before, T);
  assert_string_equal (cc.circuit_after, W);
  assert_true (cc.sound_before);
  assert_true (cc.bic_before < cc.bic_after);
  assert_non_null (cc.circuit);
  assert_non_null (cc.fit);
  assert_string_equal (eis_circuit_text (cc.circuit), T);
  assert_int_equal (cc.fit->status, EIS_FIT_CONVERGED);
  assert_rel (cc.fit->value[1] + cc.fit->value[4], 500, 0.02);
  assert_rel (cc.fit->value[0], 200, 0.02);
  assert_true (a.fit == fa && fa->value[1] == fa_r1);   /* the caller's fit is its own */
  eis_bv_common_circuit_text (&cc, "--before", "--after", "--circuit sets it", text,
                              sizeof text);
  assert_non_null (strstr (text, "the automatic choice picked R0-p(R1,CPE1)-p(R2,CPE2) for "
                                 "--before and R0-p(R1,CPE1)-CPE2 for --after: both are "
                                 "fitted with R0-p(R1,CPE1)-p(R2,CPE2), whose two fits have "
                                 "the lower summed BIC ("));
  assert_non_null (strstr (text, "(--circuit sets it)"));
  eis_bv_common_circuit_clear (&cc);
  assert_null (cc.circuit);

  /* the other way round: the spectrum before refitted */
  EisBVCircuitSide b2 = { sb, cw, fbw, &opt, 0 }, a2 = { sa, ct, NULL, &opt, 0 };
  EisFitResult *fat = NULL;
  assert_int_equal (eis_fit_run (ct, sa, &opt, &fat, NULL), EIS_OK);
  a2.fit = fat;
  assert_int_equal (eis_bv_common_circuit (&b2, &a2, &cc, NULL), EIS_OK);
  assert_int_equal (cc.choice, EIS_BV_CIRCUIT_AFTER);
  assert_string_equal (eis_circuit_text (cc.circuit), T);
  assert_rel (cc.fit->value[1] + cc.fit->value[4], 450, 0.02);
  eis_bv_common_circuit_clear (&cc);

  /* the user's circuit W before: the spectrum after takes it, whatever the BIC */
  b2.user_circuit = 1;
  assert_int_equal (eis_bv_common_circuit (&b2, &a2, &cc, NULL), EIS_OK);
  assert_int_equal (cc.choice, EIS_BV_CIRCUIT_BEFORE);
  assert_true (cc.user_before && !cc.user_after);
  assert_string_equal (eis_circuit_text (cc.circuit), W);
  assert_true (isinf (cc.bic_before) && isinf (cc.bic_after));
  eis_bv_common_circuit_text (&cc, "the spectrum before", "the spectrum after", "x", text,
                              sizeof text);
  assert_non_null (strstr (text, "the spectrum before was fitted with R0-p(R1,CPE1)-CPE2 "
                                 "(chosen) and the spectrum after with "
                                 "R0-p(R1,CPE1)-p(R2,CPE2) (the automatic choice): both are "
                                 "fitted with the circuit chosen"));
  eis_bv_common_circuit_clear (&cc);

  /* both the user's: each keeps its own, and it is said */
  a2.user_circuit = 1;
  assert_int_equal (eis_bv_common_circuit (&b2, &a2, &cc, NULL), EIS_OK);
  assert_int_equal (cc.choice, EIS_BV_CIRCUIT_USER);
  assert_null (cc.circuit);
  assert_null (cc.fit);
  eis_bv_common_circuit_text (&cc, "B", "A", "fit both with one", text, sizeof text);
  assert_non_null (strstr (text, "B and A were fitted with different circuits (R0-p(R1,CPE1)-CPE2 and "
                                 "R0-p(R1,CPE1)-p(R2,CPE2)), both chosen"));
  eis_bv_common_circuit_clear (&cc);

  /* one circuit: nothing to do */
  EisBVCircuitSide b3 = { sb, ct, fb, &opt, 0 }, a3 = { sa, ct, fat, &opt, 0 };
  assert_int_equal (eis_bv_common_circuit (&b3, &a3, &cc, NULL), EIS_OK);
  assert_int_equal (cc.choice, EIS_BV_CIRCUIT_SAME);
  assert_null (cc.fit);
  eis_bv_common_circuit_text (&cc, "B", "A", "x", text, sizeof text);
  assert_string_equal (text, "");
  eis_bv_common_circuit_clear (&cc);

  eis_fit_result_free (fb), eis_fit_result_free (fa), eis_fit_result_free (fbw);
  eis_fit_result_free (fat);
  eis_circuit_free (ct), eis_circuit_free (cw);
  eis_spectrum_free (sb), eis_spectrum_free (sa);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_hand_worked, setup, teardown),
    cmocka_unit_test (test_common_circuit),
    cmocka_unit_test_setup_teardown (test_i0_below_iss, setup, teardown),
    cmocka_unit_test_setup_teardown (test_mof688_decay, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cathodic_same, setup, teardown),
    cmocka_unit_test_setup_teardown (test_error_matches_scatter, setup, teardown),
    cmocka_unit_test_setup_teardown (test_warnings, setup, teardown),
    cmocka_unit_test_setup_teardown (test_step_after_rest, setup, teardown),
    cmocka_unit_test_setup_teardown (test_errors, setup, teardown),
    cmocka_unit_test (test_format),
    cmocka_unit_test_setup_teardown (test_spike, setup, teardown),
    cmocka_unit_test_setup_teardown (test_spike_rule, setup, teardown),
    cmocka_unit_test_setup_teardown (test_spike_window, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unsettled, setup, teardown),
    cmocka_unit_test_setup_teardown (test_growing_interface, setup, teardown),
    cmocka_unit_test_setup_teardown (test_noise_drift, setup, teardown),
    cmocka_unit_test_setup_teardown (test_methods, setup, teardown),
    cmocka_unit_test_setup_teardown (test_track_interface, setup, teardown),
    cmocka_unit_test_setup_teardown (test_randles_interface, setup, teardown),
    cmocka_unit_test_setup_teardown (test_ambiguous_interface, setup, teardown),
    cmocka_unit_test_setup_teardown (test_other_reading, setup, teardown),
    cmocka_unit_test_setup_teardown (test_incomplete_r0, setup, teardown),
    cmocka_unit_test_setup_teardown (test_short_hold_plateau, setup, teardown),
    cmocka_unit_test_setup_teardown (test_not_one_cell, setup, teardown),
  };
  return cmocka_run_group_tests_name ("transference", tests, NULL, NULL);
}
