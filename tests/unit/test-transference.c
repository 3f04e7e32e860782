/* Bruce-Vincent transference numbers: a hand-worked example, synthetic DC decays with known
 * t+ and seeded noise (MOF-688-like: t+ = 0.87, 353 Ohm interface), warnings, error paths. */
#include "testutil.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#include "spectrum.h"
#include "transference.h"

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
  in.dV_V = 0.050;   /* 50 mV given: too large */
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.warnings & EIS_BV_WARN_DV_LARGE);
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
  in.R0_ohm = 600;    /* dV - I0 R0 < 0: t+ negative, flagged and not clipped */
  in.i0_method = EIS_BV_I0_FIRST;
  assert_int_equal (eis_bv_run (st->s, &in, &r, &err), EIS_OK);
  assert_true (r.t_plus < 0);
  assert_true (r.warnings & EIS_BV_WARN_T_RANGE);
  assert_true (r.warnings & EIS_BV_WARN_R_CHANGED);

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
  assert_non_null (strstr (err.message, "R0"));
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

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_hand_worked, setup, teardown),
    cmocka_unit_test_setup_teardown (test_mof688_decay, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cathodic_same, setup, teardown),
    cmocka_unit_test_setup_teardown (test_error_matches_scatter, setup, teardown),
    cmocka_unit_test_setup_teardown (test_warnings, setup, teardown),
    cmocka_unit_test_setup_teardown (test_step_after_rest, setup, teardown),
    cmocka_unit_test_setup_teardown (test_errors, setup, teardown),
    cmocka_unit_test (test_format),
  };
  return cmocka_run_group_tests_name ("transference", tests, NULL, NULL);
}
