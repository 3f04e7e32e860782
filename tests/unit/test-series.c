/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the series engine (src/core/series.c, series-global.c): ordering, arc matching,
 * warm starts along a synthetic temperature series with known truth, one circuit by summed
 * BIC, roles kept, and the joint fit's Jacobian against finite differences. */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "synth.h"
#include "series.h"
#include "series-private.h"

#define KB 8.617333262e-5
#define NT 6
#define L_CM 0.0600
#define A_CM2 0.785398
#define EA_B 0.327            /* eV */
#define SIGMA25_B 1.873e-4    /* S/cm */
#define EA_GB 0.462
#define RGB25 143.7           /* Ohm */

static const double temps_c[NT] = { -20, 0, 25, 40, 60, 80 };

/* The truth at T_C: bulk R||C (eps_r 20), grain boundary R||CPE (C_eff 4.7 nF, n 0.861),
 * electrode CPE, in the parameter order of p(R1,C1)-p(R2,CPE2)-CPE3. */
static void
truth (double t_c, double p[7])
{
  double T = t_c + 273.15, x = 1 / T - 1 / 298.15;
  double sb = SIGMA25_B * exp (-EA_B / KB * x);
  double Rb = L_CM / (sb * A_CM2), Cb = 8.8541878128e-14 * 20 * A_CM2 / L_CM;
  double Rgb = RGB25 * exp (EA_GB / KB * x), n = 0.861, Cgb = 4.7e-9;
  p[0] = Rb;
  p[1] = Cb;
  p[2] = Rgb;
  p[3] = pow (Cgb, n) * pow (Rgb, n - 1);
  p[4] = n;
  p[5] = 3.93e-6;
  p[6] = 0.887;
}

typedef struct {
  EisSpectrum *sp[NT];
  EisSpectrumSeries s;
  EisGeometry g;
} State;

static EisSpectrum *
synth_to (const char *circuit, const double *p, double noise, unsigned long seed, double f_max);

static EisSpectrum *
synth (const char *circuit, const double *p, double noise, unsigned long seed)
{
  return synth_to (circuit, p, noise, seed, 7e6);
}

/* 61 points from 0.1 Hz to F_MAX, proportional Gaussian noise. */
static EisSpectrum *
synth_to (const char *circuit, const double *p, double noise, unsigned long seed, double f_max)
{
  EisSpectrum *s = synth_spectrum (circuit, p, 0.1, f_max, 61, noise, seed);
  if (s)
    eis_spectrum_set_source (s, "synthetic", "test");
  return s;
}

static int
setup (void **state)
{
  State *st = calloc (1, sizeof *st);
  eis_spectrum_series_init (&st->s);
  st->g.thickness_cm = L_CM;
  st->g.area_cm2 = A_CM2;
  st->g.thickness_se_cm = st->g.area_se_cm2 = 0;
  /* Added hottest first: sorting must put them in order. */
  for (int k = NT - 1; k >= 0; k--)
    {
      double p[7];
      truth (temps_c[k], p);
      st->sp[k] = synth ("p(R1,C1)-p(R2,CPE2)-CPE3", p, 0.003, 1000 + (unsigned long) k);
      if (st->sp[k] == NULL)
        return -1;
      char name[32];
      snprintf (name, sizeof name, "t%gC.csv", temps_c[k]);
      EisError err;
      if (eis_spectrum_series_add (&st->s, st->sp[k], name, 1, temps_c[k] + 273.15, &err))
        return -1;
    }
  *state = st;
  return 0;
}

static int
teardown (void **state)
{
  State *st = *state;
  eis_spectrum_series_clear (&st->s);
  for (int k = 0; k < NT; k++)
    eis_spectrum_free (st->sp[k]);
  free (st);
  return 0;
}

/* The state's series sorted by temperature and fitted with the true circuit; O receives the
 * options used (for the joint fits that follow). */
static EisSeriesFit *
fit_true_circuit (State *st, EisSeriesFitOptions *o)
{
  EisError err = { 0 };
  assert_int_equal (eis_spectrum_series_sort (&st->s, EIS_SERIES_BY_TEMPERATURE, &err), EIS_OK);
  eis_series_fit_options_init (o);
  o->circuit = "p(R1,C1)-p(R2,CPE2)-CPE3";
  o->geom = &st->g;
  EisSeriesFit *f = NULL;
  assert_int_equal (eis_series_fit (&st->s, o, &f, &err), EIS_OK);
  return f;
}

static void
test_order (void **state)
{
  State *st = *state;
  EisError err = { 0 };
  assert_int_equal (eis_spectrum_series_sort (&st->s, EIS_SERIES_BY_TEMPERATURE, &err), EIS_OK);
  for (size_t j = 0; j + 1 < st->s.n; j++)
    assert_true (st->s.items[j].T_K < st->s.items[j + 1].T_K);
  assert_string_equal (st->s.items[0].file, "t-20C.csv");
  /* index: the order of addition (hottest first) */
  assert_int_equal (eis_spectrum_series_sort (&st->s, EIS_SERIES_BY_INDEX, &err), EIS_OK);
  assert_string_equal (st->s.items[0].file, "t80C.csv");
  /* time: none of these spectra has time stamps, and the error names one */
  assert_int_equal (eis_spectrum_series_sort (&st->s, EIS_SERIES_BY_TIME, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "t80C.csv"));
  assert_int_equal (eis_series_order_parse ("time"), EIS_SERIES_BY_TIME);
  assert_int_equal (eis_series_order_parse ("sideways"), -1);
}

/* Two arcs of the same shape exchanged between neighbours are put back: R1 stays the arc with
 * the bulk's capacitance, with its errors and correlations. */
static void
test_match_arcs (void **state)
{
  (void) state;
  EisCircuit *c = NULL;
  EisError err;
  assert_int_equal (eis_circuit_parse ("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", &c, &err), EIS_OK);
  size_t P = eis_circuit_n_params (c);
  assert_int_equal (P, 9);
  /* prev: arc 1 fast (C 2.3e-11), arc 2 slow (C 4.7e-9) */
  double prev[9] = { 12.7, 3150, 2.9e-11, 0.97, 3490, 2.4e-8, 0.86, 4.2e-6, 0.88 };
  /* now: the arcs' time constants have crossed (the grain boundary has fallen below the
   * bulk's), and the fit reports them by time constant: slot 1 holds the grain boundary */
  double p[9] = { 12.1, 88.3, 3.1e-8, 0.85, 1105, 2.8e-11, 0.965, 4.1e-6, 0.88 };
  double se[9] = { 0.1, 1.1, 2e-9, 0.01, 2.2, 3e-13, 0.002, 1e-8, 0.001 };
  double corr[81];
  for (size_t i = 0; i < 81; i++)
    corr[i] = i % 10 == 0 ? 1 : 0;
  corr[1 * 9 + 2] = corr[2 * 9 + 1] = -0.731;   /* R1 with CPE1_Q */
  assert_int_equal (eis_series_match_arcs (c, prev, p, se, corr), 1);
  assert_rel (p[1], 1105, 1e-12);
  assert_rel (p[2], 2.8e-11, 1e-12);
  assert_rel (p[3], 0.965, 1e-12);
  assert_rel (p[4], 88.3, 1e-12);
  assert_rel (p[5], 3.1e-8, 1e-12);
  assert_rel (p[0], 12.1, 1e-12);
  assert_rel (p[7], 4.1e-6, 1e-12);
  assert_rel (se[1], 2.2, 1e-12);
  assert_rel (se[4], 1.1, 1e-12);
  /* the correlation went with its parameters: now R2 with CPE2_Q */
  assert_rel (corr[4 * 9 + 5], -0.731, 1e-12);
  assert_abs (corr[1 * 9 + 2], 0, 1e-15);
  /* matched already: nothing changes */
  assert_int_equal (eis_series_match_arcs (c, prev, p, NULL, NULL), 0);
  eis_circuit_free (c);

  /* Arcs of different shapes are never exchanged. */
  assert_int_equal (eis_circuit_parse ("p(R1,C1)-p(R2,CPE2)-CPE3", &c, &err), EIS_OK);
  double prev2[7] = { 3150, 2.3e-11, 3490, 2.4e-8, 0.86, 4.2e-6, 0.88 };
  double q[7] = { 3490, 2.4e-8, 3150, 2.3e-11, 0.86, 4.2e-6, 0.88 };
  assert_int_equal (eis_series_match_arcs (c, prev2, q, NULL, NULL), 0);
  assert_rel (q[0], 3490, 1e-12);
  eis_circuit_free (c);
}

/* A given circuit along the series: every spectrum after the first from its neighbour's
 * optimum with one start, the truth recovered, the roles the same in every row. At 80 degC
 * the bulk arc peaks at 1.2e8 Hz, 17 times above the top frequency, and the spectrum alone does
 * not split R1 from R2 (correlation -0.999: only their sum is determined): its single fit
 * withholds sigma_bulk, and so does its row of the series fit, which binds nothing there.
 * The joint fit (as eisfit series and eisfit-gtk run it) then shares C1, the bulk's
 * capacitance eps_r eps_0 A/L that the cold spectra determine and that does not change with
 * temperature: with it, the series splits R1 from R2 at 80 degC too (55.50 +- 0.53 Ohm for
 * 56.19), within its stated errors of the truth. (Before, the series' majority of roles split
 * them at 80 degC with nothing to bind them: 55.65 +- 1.04 Ohm, correlation -0.999.) */
static void
test_warm_starts (void **state)
{
  State *st = *state;
  EisSeriesFitOptions o;
  EisSeriesFit *f = fit_true_circuit (st, &o);
  assert_int_equal (f->n, NT);
  size_t warm = 0;
  for (size_t j = 0; j < NT; j++)
    {
      assert_non_null (f->fits[j]);
      assert_true (f->ok[j]);
      warm += f->warm[j] != 0;
      double p[7];
      truth (temps_c[j], p);
      assert_rel (f->fits[j]->value[0], p[0], 0.01);    /* R_bulk */
      /* R_gb: within 4 of its standard errors (its arc merges with the electrode's as it
       * shrinks) and 10 % */
      assert_rel (f->fits[j]->value[2], p[2], 0.10);
      assert_true (fabs (f->fits[j]->value[2] - p[2]) < 4 * f->fits[j]->stderr_[2]);
      if (j == NT - 1)
        {
          /* 80 degC: not separated, as alone; the total stands */
          assert_true (f->cond[j].split_ambiguous);
          assert_true (isnan (f->cond[j].sigma_bulk));
          assert_int_equal (f->cond[j].arcs[0].role, EIS_ROLE_ELECTROLYTE);
          assert_rel (f->cond[j].R_total, p[0] + p[2], 0.01);
          assert_non_null (f->changes[j]);
          assert_non_null (strstr (f->changes[j], "not separated in this spectrum"));
          continue;
        }
      assert_rel (f->cond[j].sigma_bulk, SIGMA25_B * exp (-EA_B / KB * (1 / (temps_c[j] + 273.15)
                                                                          - 1 / 298.15)), 0.01);
      assert_int_equal (f->cond[j].arcs[0].role, EIS_ROLE_BULK);
      assert_int_equal (f->cond[j].arcs[1].role, EIS_ROLE_GRAIN_BOUNDARY);
    }
  /* all but the anchor from a warm start; few fit runs beyond one per spectrum */
  assert_true (warm >= NT - 1);
  assert_true (f->n_fits_run <= NT + 2);

  /* The single fit of the 80 degC spectrum with the same circuit, started from the truth,
   * says the same. */
  {
    double p[7];
    truth (temps_c[NT - 1], p);
    EisCircuit *c = NULL;
    EisFitResult *r = NULL;
    EisConductivity cd;
    EisError err = { 0 };
    EisFitOptions fo;
    eis_fit_options_init (&fo);
    fo.init = p;
    fo.n_starts = 1;
    assert_int_equal (eis_circuit_parse (o.circuit, &c, &err), EIS_OK);
    assert_int_equal (eis_fit_run (c, st->s.items[NT - 1].spectrum, &fo, &r, &err), EIS_OK);
    assert_int_equal (eis_conductivity_analyse (c, r, &st->g, &cd, &err), EIS_OK);
    assert_true (cd.split_ambiguous);
    assert_true (isnan (cd.sigma_bulk));
    eis_fit_result_free (r);
    eis_circuit_free (c);
  }

  /* The joint fit shares C1 (the data accept it) and splits them in every row. */
  EisGlobalFit *g = NULL;
  EisError err = { 0 };
  assert_int_equal (eis_series_fit_joint (f, &st->s, &o, NULL, 0, &g, &err), EIS_OK);
  assert_non_null (g);
  assert_non_null (f->shared);
  assert_int_equal (f->shared[1], 1);                   /* C1 */
  assert_rel (g->value[1], 8.8541878128e-14 * 20 * A_CM2 / L_CM, 0.01);
  for (size_t j = 0; j < NT; j++)
    {
      double p[7];
      truth (temps_c[j], p);
      double sb = SIGMA25_B * exp (-EA_B / KB * (1 / (temps_c[j] + 273.15) - 1 / 298.15));
      assert_int_equal (f->cond[j].arcs[0].role, EIS_ROLE_BULK);
      assert_int_equal (f->cond[j].arcs[1].role, EIS_ROLE_GRAIN_BOUNDARY);
      assert_rel (f->cond[j].sigma_bulk, sb, j == NT - 1 ? 0.03 : 0.01);
      assert_true (fabs (f->cond[j].sigma_bulk - sb) < 3 * f->cond[j].sigma_bulk_se);
      assert_true (fabs (f->cond[j].R_bulk - p[0]) < 3 * f->cond[j].R_bulk_se);
      /* determined: at 80 degC +- 0.53 Ohm (0.9 %) against 1.04 Ohm alone */
      assert_true (f->cond[j].R_bulk_se < 0.012 * f->cond[j].R_bulk);
    }
  eis_global_fit_free (g);
  eis_series_fit_free (f);
}

/* The bulk arc walks out of the window (300 kHz) as T rises: its capacitance is held at the
 * neighbour's where the spectrum does not determine it, R1 stays the bulk in every row and
 * follows the truth. */
static void
test_arc_leaves_window (void **state)
{
  (void) state;
  const double tc[5] = { -30, -15, 0, 15, 30 };
  EisSpectrum *sp[5];
  EisSpectrumSeries s;
  eis_spectrum_series_init (&s);
  EisError err = { 0 };
  for (int k = 0; k < 5; k++)
    {
      double p[7];
      truth (tc[k], p);
      sp[k] = synth_to ("p(R1,C1)-p(R2,CPE2)-CPE3", p, 0.002, 77 + (unsigned long) k, 3e5);
      assert_non_null (sp[k]);
      assert_int_equal (eis_spectrum_series_add (&s, sp[k], "w.csv", k + 1, tc[k] + 273.15,
                                                 &err), EIS_OK);
    }
  assert_int_equal (eis_spectrum_series_sort (&s, EIS_SERIES_BY_TEMPERATURE, &err), EIS_OK);
  EisSeriesFitOptions o;
  eis_series_fit_options_init (&o);
  o.circuit = "p(R1,C1)-p(R2,CPE2)-CPE3";
  EisGeometry g = { L_CM, 0, A_CM2, 0, 0, 0 };
  o.geom = &g;
  EisSeriesFit *f = NULL;
  assert_int_equal (eis_series_fit (&s, &o, &f, &err), EIS_OK);
  int held_c1 = 0;
  for (int k = 0; k < 5; k++)
    {
      double p[7];
      truth (tc[k], p);
      assert_non_null (f->fits[k]);
      assert_rel (f->fits[k]->value[0], p[0], 0.03);
      assert_int_equal (f->cond[k].arcs[0].role, EIS_ROLE_BULK);
      held_c1 += f->held[k * 7 + 1];
    }
  /* at 30 C the bulk arc peaks near 21 MHz, 1.8 decades above the range: C1 held */
  assert_true (f->held[4 * 7 + 1]);
  assert_true (held_c1 < 5);
  assert_non_null (strstr (f->changes[4], "C1"));
  /* the joint fit: C1 (and what else was held) common to the series, R1 free in every
   * spectrum again and within 3 % and three of its (now honest) standard errors of the truth */
  EisGlobalFit *jf = NULL;
  assert_int_equal (eis_series_fit_joint (f, &s, &o, NULL, 0, &jf, &err), EIS_OK);
  assert_non_null (jf);
  assert_true (jf->converged);
  assert_int_equal (jf->shared[1], 1);
  assert_rel (jf->value[4 * 7 + 1], 8.8541878128e-14 * 20 * A_CM2 / L_CM, 0.02);
  for (int k = 0; k < 5; k++)
    {
      double p[7];
      truth (tc[k], p);
      assert_false (f->held[k * 7 + 0]);
      assert_rel (f->fits[k]->value[0], p[0], 0.03);
      assert_true (fabs (f->fits[k]->value[0] - p[0]) < 3 * f->fits[k]->stderr_[0]);
      assert_true (f->fits[k]->stderr_[0] > 0);
    }
  eis_global_fit_free (jf);
  eis_series_fit_free (f);
  eis_spectrum_series_clear (&s);
  for (int k = 0; k < 5; k++)
    eis_spectrum_free (sp[k]);
}

/* The automatic choice: one circuit for the series, the true one, by summed BIC. Seeded by
 * the distribution of relaxation times it fits fewer candidates than every one
 * (eis_series_fit_exhaustive), with the same circuit and values. */
static void
test_automatic_one_circuit (void **state)
{
  State *st = *state;
  EisError err = { 0 };
  assert_int_equal (eis_spectrum_series_sort (&st->s, EIS_SERIES_BY_TEMPERATURE, &err), EIS_OK);
  EisSeriesFitOptions o;
  eis_series_fit_options_init (&o);
  o.geom = &st->g;
  EisSeriesFit *f[2] = { NULL, NULL };
  assert_int_equal (eis_series_fit (&st->s, &o, &f[0], &err), EIS_OK);
  assert_int_equal (eis_series_fit_exhaustive (&st->s, &o, &f[1], &err), EIS_OK);
  for (int m = 0; m < 2; m++)
    {
      const char *text = eis_circuit_text (f[m]->circuit);
      assert_true (strcmp (text, "p(R1,C1)-p(R2,CPE2)-CPE3") == 0
                   || strcmp (text, "L0-p(R1,C1)-p(R2,CPE2)-CPE3") == 0);
      for (size_t j = 0; j < NT; j++)
        assert_true (f[m]->ok[j]);
    }
  assert_string_equal (eis_circuit_text (f[0]->circuit), eis_circuit_text (f[1]->circuit));
  assert_true (f[1]->n_candidates >= 9);
  assert_true (f[0]->n_candidates < f[1]->n_candidates);
  for (size_t j = 0; j < NT; j++)
    for (size_t k = 0; k < f[1]->fits[j]->n_params; k++)
      assert_rel (f[0]->fits[j]->value[k], f[1]->fits[j]->value[k], 1e-9);
  eis_series_fit_free (f[0]);
  eis_series_fit_free (f[1]);
}

/* The joint problem's Jacobian (block-structured: local, shared and Arrhenius unknowns)
 * against central differences, in both forms of the law. */
static void
test_global_jacobian (void **state)
{
  State *st = *state;
  EisError err = { 0 };
  EisSeriesFitOptions o;
  EisSeriesFit *f = fit_true_circuit (st, &o);
  for (int form = 0; form < 4; form++)
    {
      EisGlobalOptions go;
      eis_global_options_init (&go);
      const char *shared[] = { "C1", "CPE3_n" };
      go.shared = shared;
      go.n_shared = 2;
      go.law = form == 2 ? EIS_GLOBAL_VTF : EIS_GLOBAL_ARRHENIUS;
      go.form = form == 1 ? EIS_ARRHENIUS_SIGMA_T : EIS_ARRHENIUS_SIGMA;
      /* 3: the grain-boundary arc's Q as held by the series fit in the hottest spectrum, so
       * shared through its C_eff (Q = C^n R^(n-1), R bound to the law) with its n */
      go.share_held = form == 3;
      f->held[5 * 7 + 3] = form == 3;
      EisGlobalProblem *g = NULL;
      assert_int_equal (eis_global_problem_new (&st->s, &o, f, &go, &g, &err), EIS_OK);
      size_t nx = eis_global_problem_n_unknowns (g), M = eis_global_problem_n_residuals (g);
      /* 6 x (7 - 2 shared - 2 bound to laws) local + 2 shared + 2 laws x (2 or 3); with the
       * arc's C_eff and n shared: 6 x 1 local + 4 shared + 2 x 2 */
      assert_int_equal (nx, form == 3 ? 6 * 1 + 4 + 2 * 2 : 6 * 3 + 2 + 2 * (form == 2 ? 3 : 2));
      assert_int_equal (eis_global_problem_n_local (g), form == 3 ? 6 : 6 * 3);
      double *x = malloc (nx * sizeof *x), *J = malloc (M * nx * sizeof *J);
      double *fp = malloc (M * sizeof *fp), *fm = malloc (M * sizeof *fm);
      eis_global_problem_start (g, x);
      /* move off the start a little so no term is special */
      for (size_t i = 0; i < nx; i++)
        x[i] += 0.013 * sin (1.7 * (double) i + 0.3);
      assert_int_equal (eis_global_problem_eval (g, x, fp, J), 0);
      double worst = 0;
      for (size_t k = 0; k < nx; k++)
        {
          double h = 1e-6 * fmax (1, fabs (x[k])), xk = x[k];
          x[k] = xk + h;
          assert_int_equal (eis_global_problem_eval (g, x, fp, NULL), 0);
          x[k] = xk - h;
          assert_int_equal (eis_global_problem_eval (g, x, fm, NULL), 0);
          x[k] = xk;
          double colmax = 0;
          for (size_t i = 0; i < M; i++)
            colmax = fmax (colmax, fabs (J[i * nx + k]));
          for (size_t i = 0; i < M; i++)
            {
              double fd = (fp[i] - fm[i]) / (2 * h);
              double d = fabs (fd - J[i * nx + k]) / fmax (colmax, 1e-12);
              worst = fmax (worst, d);
            }
        }
      assert_true (worst < 1e-5);
      free (x);
      free (J);
      free (fp);
      free (fm);
      eis_global_problem_free (g);
    }
  f->held[5 * 7 + 3] = 0;
  eis_series_fit_free (f);
}

/* The block-arrow solver against GSL's dense one (the same optimum and covariance), and the
 * joint covariance s^2 (J^T J)^-1 against one from a Jacobian by central differences: standard
 * errors and correlations of every unknown, local, shared and the law's. */
static void
test_global_covariance (void **state)
{
  State *st = *state;
  EisError err = { 0 };
  EisSeriesFitOptions o;
  EisSeriesFit *f = fit_true_circuit (st, &o);
  EisGlobalOptions go;
  eis_global_options_init (&go);
  const char *shared[] = { "C1", "CPE3_n" };
  go.shared = shared;
  go.n_shared = 2;
  go.law = EIS_GLOBAL_ARRHENIUS;
  EisGlobalFit *gb = NULL, *gd = NULL;
  assert_int_equal (eis_series_global_fit (&st->s, &o, f, &go, &gb, &err), EIS_OK);
  go.dense = 1;
  assert_int_equal (eis_series_global_fit (&st->s, &o, f, &go, &gd, &err), EIS_OK);
  assert_true (gb->converged);
  assert_true (gd->converged);
  size_t nx = gb->n_free, P = 7;
  assert_int_equal (gd->n_free, nx);
  assert_rel (gb->chi2, gd->chi2, 1e-8);
  assert_rel (gb->laws[0].Ea_eV, gd->laws[0].Ea_eV, 1e-6);
  assert_rel (gb->laws[0].Ea_se_eV, gd->laws[0].Ea_se_eV, 1e-4);
  for (size_t i = 0; i < NT * P; i++)
    {
      assert_rel (gb->value[i], gd->value[i], 1e-5);
      assert_rel (gb->stderr_[i], gd->stderr_[i], 1e-3);
    }

  /* The Jacobian by central differences at the optimum, in the natural unknowns (ln p,
   * exponents as such, ln A and Ea). */
  EisGlobalProblem *g = NULL;
  go.dense = 0;
  assert_int_equal (eis_global_problem_new (&st->s, &o, f, &go, &g, &err), EIS_OK);
  assert_int_equal (eis_global_problem_n_unknowns (g), nx);
  size_t M = eis_global_problem_n_residuals (g);
  double *xn = malloc (nx * sizeof *xn), *J = malloc (M * nx * sizeof *J);
  double *fp = malloc (M * sizeof *fp), *fm = malloc (M * sizeof *fm);
  eis_global_problem_natural (g, gb->x, xn);
  for (size_t k = 0; k < nx; k++)
    {
      double h = 1e-6 * fmax (1, fabs (xn[k])), xk = xn[k];
      xn[k] = xk + h;
      assert_int_equal (eis_global_problem_eval (g, xn, fp, NULL), 0);
      xn[k] = xk - h;
      assert_int_equal (eis_global_problem_eval (g, xn, fm, NULL), 0);
      xn[k] = xk;
      for (size_t i = 0; i < M; i++)
        J[i * nx + k] = (fp[i] - fm[i]) / (2 * h);
    }
  gsl_matrix *N = gsl_matrix_alloc (nx, nx);
  for (size_t a = 0; a < nx; a++)
    for (size_t b = 0; b < nx; b++)
      {
        double s = 0;
        for (size_t i = 0; i < M; i++)
          s += J[i * nx + a] * J[i * nx + b];
        gsl_matrix_set (N, a, b, s);
      }
  assert_int_equal (gsl_linalg_cholesky_decomp1 (N), GSL_SUCCESS);
  assert_int_equal (gsl_linalg_cholesky_invert (N), GSL_SUCCESS);
  double s2 = gb->reduced_chi2;
  /* the laws' errors */
  for (size_t c = 0; c < nx; c++)
    {
      double se = sqrt (s2 * gsl_matrix_get (N, c, c));
      if (strcmp (gb->names[c], "Ea_bulk") == 0)
        assert_rel (gb->laws[0].Ea_se_eV, se, 1e-4);
      if (strcmp (gb->names[c], "ln_A_bulk") == 0)
        assert_rel (gb->laws[0].ln_A_se, se, 1e-4);
      if (strcmp (gb->names[c], "Ea_gb") == 0)
        assert_rel (gb->laws[1].Ea_se_eV, se, 1e-4);
    }
  /* every correlation */
  for (size_t a = 0; a < nx; a++)
    for (size_t b = 0; b < nx; b++)
      {
        double c = gsl_matrix_get (N, a, b)
                   / sqrt (gsl_matrix_get (N, a, a) * gsl_matrix_get (N, b, b));
        assert_abs (gb->corr[a * nx + b], c, 1e-4);
      }
  /* each spectrum's parameters: positive ones se = p sqrt(var ln p), exponents as such */
  size_t checked = 0;
  for (size_t j = 0; j < NT; j++)
    for (size_t k = 0; k < P; k++)
      {
        long c = gb->col[j * P + k];
        if (c < 0)
          continue;
        double v = gsl_matrix_get (N, (size_t) c, (size_t) c) * s2;
        double se = k == 4 || k == 6 ? sqrt (v) : gb->value[j * P + k] * sqrt (v);
        assert_rel (gb->stderr_[j * P + k], se, 1e-4);
        checked++;
      }
  assert_int_equal (checked, NT * 5);   /* 3 local + 2 shared per spectrum */
  gsl_matrix_free (N);
  free (xn);
  free (J);
  free (fp);
  free (fm);
  eis_global_problem_free (g);
  eis_global_fit_free (gb);
  eis_global_fit_free (gd);
  eis_series_fit_free (f);
}

/* The joint fit with Arrhenius inside recovers Ea and sigma(25 C) of the bulk and the grain
 * boundary, with errors from the joint covariance consistent with the truth. */
static void
test_global_arrhenius (void **state)
{
  State *st = *state;
  EisError err = { 0 };
  EisSeriesFitOptions o;
  EisSeriesFit *f = fit_true_circuit (st, &o);
  EisGlobalOptions go;
  eis_global_options_init (&go);
  go.law = EIS_GLOBAL_ARRHENIUS;
  EisGlobalFit *g = NULL;
  assert_int_equal (eis_series_global_fit (&st->s, &o, f, &go, &g, &err), EIS_OK);
  assert_true (g->converged);
  assert_int_equal (g->n_laws, 2);
  assert_string_equal (g->laws[0].what, "bulk");
  assert_int_equal (g->laws[0].param, 0);
  assert_abs (g->laws[0].Ea_eV, EA_B, 0.002);
  assert_true (fabs (g->laws[0].Ea_eV - EA_B) < 4 * g->laws[0].Ea_se_eV + 1e-4);
  assert_rel (g->laws[0].sigma_25C, SIGMA25_B, 0.005);
  assert_abs (g->laws[1].Ea_eV, EA_GB, 0.01);
  assert_rel (g->laws[1].sigma_25C, L_CM / (A_CM2 * RGB25), 0.03);
  /* the bound resistance follows the law exactly */
  for (size_t j = 0; j < NT; j++)
    {
      double T = temps_c[j] + 273.15;
      double sig = exp (g->laws[0].ln_A - g->laws[0].Ea_eV / (KB * T));
      assert_rel (g->value[j * 7 + 0], L_CM / (A_CM2 * sig), 1e-9);
    }
  /* taking it into the series fit gives the conductivities of the law */
  assert_int_equal (eis_series_fit_take_global (f, &st->s, &o, g, &err), EIS_OK);
  assert_rel (f->cond[2].sigma_bulk, g->laws[0].sigma_25C, 1e-9);
  eis_global_fit_free (g);

  /* a bad shared name is an error that lists the parameters */
  const char *bad[] = { "C7" };
  go.shared = bad;
  go.n_shared = 1;
  assert_int_equal (eis_series_global_fit (&st->s, &o, f, &go, &g, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "CPE2_n"));
  eis_series_fit_free (f);
}

/* A resistance off the course of its neighbours (a spectrum whose bulk R is 1.9 times what
 * its temperature gives, as a loose contact would) is reported as a jump there, and only
 * there. */
static void
test_jump (void **state)
{
  (void) state;
  const double tc[5] = { -20, 0, 25, 40, 60 };
  EisSpectrum *sp[5];
  EisSpectrumSeries s;
  eis_spectrum_series_init (&s);
  EisError err = { 0 };
  for (int k = 0; k < 5; k++)
    {
      double p[7];
      truth (tc[k], p);
      if (k == 2)
        p[0] *= 1.9;
      sp[k] = synth ("p(R1,C1)-p(R2,CPE2)-CPE3", p, 0.002, 500 + (unsigned long) k);
      assert_non_null (sp[k]);
      assert_int_equal (eis_spectrum_series_add (&s, sp[k], "j.csv", k + 1, tc[k] + 273.15,
                                                 &err), EIS_OK);
    }
  assert_int_equal (eis_spectrum_series_sort (&s, EIS_SERIES_BY_TEMPERATURE, &err), EIS_OK);
  EisSeriesFitOptions o;
  eis_series_fit_options_init (&o);
  o.circuit = "p(R1,C1)-p(R2,CPE2)-CPE3";
  EisSeriesFit *f = NULL;
  assert_int_equal (eis_series_fit (&s, &o, &f, &err), EIS_OK);
  for (int k = 0; k < 5; k++)
    {
      assert_int_equal (f->jump[k] != 0, k == 2);
      if (k == 2)
        assert_non_null (strstr (f->changes[k], "R1 jumps"));
    }
  eis_series_fit_free (f);
  eis_spectrum_series_clear (&s);
  for (int k = 0; k < 5; k++)
    eis_spectrum_free (sp[k]);
}

/* The joint fit with the VTF law inside, sigma = A T^-1/2 exp(-B/(T - T0)): B and T0 of a
 * polymer-like bulk (A 37.3 S K^1/2/cm, B 912 K, T0 183 K) from eight spectra. */
static void
test_global_vtf (void **state)
{
  (void) state;
  enum { NV = 8 };
  const double A = 37.3, B = 912, T0 = 183;
  EisSpectrum *sp[NV];
  EisSpectrumSeries s;
  eis_spectrum_series_init (&s);
  EisError err = { 0 };
  for (int k = 0; k < NV; k++)
    {
      double T = 243.15 + 15.0 * k;
      double sig = A / sqrt (T) * exp (-B / (T - T0));
      double R = L_CM / (sig * A_CM2), Cb = 8.8541878128e-14 * 20 * A_CM2 / L_CM;
      double p[4] = { R, Cb, 3.93e-6, 0.887 };
      sp[k] = synth ("p(R1,C1)-CPE2", p, 0.002, 900 + (unsigned long) k);
      assert_non_null (sp[k]);
      assert_int_equal (eis_spectrum_series_add (&s, sp[k], "v.csv", k + 1, T, &err), EIS_OK);
    }
  assert_int_equal (eis_spectrum_series_sort (&s, EIS_SERIES_BY_TEMPERATURE, &err), EIS_OK);
  EisSeriesFitOptions o;
  eis_series_fit_options_init (&o);
  o.circuit = "p(R1,C1)-CPE2";
  EisGeometry g = { L_CM, 0, A_CM2, 0, 0, 0 };
  o.geom = &g;
  EisSeriesFit *f = NULL;
  assert_int_equal (eis_series_fit (&s, &o, &f, &err), EIS_OK);
  EisGlobalOptions go;
  eis_global_options_init (&go);
  go.law = EIS_GLOBAL_VTF;
  EisGlobalFit *gf = NULL;
  assert_int_equal (eis_series_global_fit (&s, &o, f, &go, &gf, &err), EIS_OK);
  assert_true (gf->converged);
  assert_int_equal (gf->n_laws, 1);
  assert_rel (gf->laws[0].B_K, B, 0.05);
  assert_abs (gf->laws[0].T0_K, T0, 5);
  assert_true (fabs (gf->laws[0].B_K - B) < 4 * gf->laws[0].B_se_K);
  assert_true (fabs (gf->laws[0].T0_K - T0) < 4 * gf->laws[0].T0_se_K);
  assert_rel (gf->laws[0].sigma_25C, A / sqrt (298.15) * exp (-B / (298.15 - T0)), 0.005);
  assert_rel (gf->laws[0].sigma_ref, gf->laws[0].sigma_25C, 1e-12);
  assert_true (gf->laws[0].sigma_ref_se > 0 && gf->laws[0].sigma_ref_why[0] == '\0');
  eis_global_fit_free (gf);
  gf = NULL;
  /* sigma at a T_ref below T0 (150 K < 183 K): not given, with the reason, never NaN numbers
   * passed on as a value (the law holds above T0 only) */
  go.T_ref_K = 150;
  assert_int_equal (eis_series_global_fit (&s, &o, f, &go, &gf, &err), EIS_OK);
  assert_true (isnan (gf->laws[0].sigma_ref) && isnan (gf->laws[0].sigma_ref_se));
  assert_non_null (strstr (gf->laws[0].sigma_ref_why, "T_ref 150.00 K is at or below T0 = 18"));
  assert_non_null (strstr (gf->laws[0].sigma_ref_why, "where the VTF law does not hold"));
  assert_rel (gf->laws[0].sigma_25C, A / sqrt (298.15) * exp (-B / (298.15 - T0)), 0.005);
  eis_global_fit_free (gf);
  eis_series_fit_free (f);
  eis_spectrum_series_clear (&s);
  for (int k = 0; k < NV; k++)
    eis_spectrum_free (sp[k]);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_order, setup, teardown),
    cmocka_unit_test (test_match_arcs),
    cmocka_unit_test_setup_teardown (test_warm_starts, setup, teardown),
    cmocka_unit_test_setup_teardown (test_automatic_one_circuit, setup, teardown),
    cmocka_unit_test (test_arc_leaves_window),
    cmocka_unit_test_setup_teardown (test_global_jacobian, setup, teardown),
    cmocka_unit_test_setup_teardown (test_global_arrhenius, setup, teardown),
    cmocka_unit_test_setup_teardown (test_global_covariance, setup, teardown),
    cmocka_unit_test (test_jump),
    cmocka_unit_test (test_global_vtf),
  };
  return cmocka_run_group_tests_name ("series", tests, NULL, NULL);
}
