/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the series table's quantities (src/core/series-table.c): a noise-free series
 * of Li|electrolyte|Li spectra with known bulk and interfacial resistances fitted by the series
 * engine; every quantity read by name against the truth and against the fit it comes from. */
#include <complex.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "series-table.h"
#include "text-buf.h"

#define NS 4
#define AREA_CM2 1.1309
#define L_CM 0.0473
#define CIRCUIT "R0-p(R1,C1)"

/* R0 (bulk, the intercept) and R1 || C1 (the interface: 7.3 uF on 1.13 cm2) at each step. */
static const double R0_true[NS] = { 61.7, 48.3, 37.9, 29.4 };
static const double R1_true[NS] = { 283.5, 211.2, 154.8, 117.3 };
#define C1_TRUE 7.31e-6
static const double T_C[NS] = { 25, 40, 55, 70 };

typedef struct {
  EisSpectrum *sp[NS];
  EisSpectrumSeries s;
  EisSeriesFit *f;
} State;

static EisSpectrum *
synth (double R0, double R1)
{
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse (CIRCUIT, &c, &err) != EIS_OK)
    return NULL;
  double p[3] = { R0, R1, C1_TRUE };
  size_t n = 49;   /* 0.01 Hz .. 1 MHz */
  EisSpectrum *s = eis_spectrum_new (n);
  for (size_t i = 0; i < n; i++)
    {
      double f = 0.01 * pow (1e8, (double) i / (double) (n - 1));
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      s->freq_hz[i] = f;
      s->z_re[i] = creal (z);
      s->z_im[i] = cimag (z);
    }
  eis_circuit_free (c);
  eis_spectrum_set_source (s, "synthetic", "test");
  return s;
}

/* The cell of spectrum K: li-symmetric, but the last one's is not said. */
static EisCellType cell_of[NS] = { EIS_CELL_LI_SYMMETRIC, EIS_CELL_LI_SYMMETRIC,
                                   EIS_CELL_LI_SYMMETRIC, EIS_CELL_UNSPECIFIED };

static int
setup (void **state)
{
  State *st = calloc (1, sizeof *st);
  EisError err = { 0 };
  eis_spectrum_series_init (&st->s);
  for (size_t k = 0; k < NS; k++)
    {
      st->sp[k] = synth (R0_true[k], R1_true[k]);
      assert_non_null (st->sp[k]);
      assert_int_equal (eis_spectrum_series_add (&st->s, st->sp[k], "li.csv", (int) k + 1,
                                                 T_C[k] + 273.15, &err), EIS_OK);
      EisSeriesItem *it = &st->s.items[st->s.n - 1];
      it->geom.thickness_cm = L_CM;
      it->geom.area_cm2 = AREA_CM2;
      it->have_geom = k != 2;   /* the third spectrum's sample is not known */
      it->cell = cell_of[k];
    }
  assert_int_equal (eis_spectrum_series_sort (&st->s, EIS_SERIES_BY_TEMPERATURE, &err), EIS_OK);
  EisSeriesFitOptions o;
  eis_series_fit_options_init (&o);
  o.circuit = CIRCUIT;
  assert_int_equal (eis_series_fit (&st->s, &o, &st->f, &err), EIS_OK);
  *state = st;
  return 0;
}

/* The same series said to be pellets between blocking electrodes. */
static int
setup_blocking (void **state)
{
  for (size_t k = 0; k < NS; k++)
    cell_of[k] = EIS_CELL_BLOCKING;
  int r = setup (state);
  cell_of[0] = cell_of[1] = cell_of[2] = EIS_CELL_LI_SYMMETRIC;
  cell_of[3] = EIS_CELL_UNSPECIFIED;
  return r;
}

static int
teardown (void **state)
{
  State *st = *state;
  eis_series_fit_free (st->f);
  eis_spectrum_series_clear (&st->s);
  for (size_t k = 0; k < NS; k++)
    eis_spectrum_free (st->sp[k]);
  free (st);
  return 0;
}

/* R_interface_total is the interface arc's R1 (both interfaces); ASR_per_interface = R1 A / 2
 * for the li-symmetric spectra with an area, NAN where the geometry (the third) or the cell
 * type (the fourth) is not known: never R1 A in one row and R1 A / 2 in another. */
static void
test_interface_and_asr (void **state)
{
  State *st = *state;
  for (size_t j = 0; j < NS; j++)
    {
      double R_int, v, se;
      double asr = eis_series_asr (st->f, &st->s, j, &R_int);
      assert_rel (R_int, R1_true[j], 1e-6);
      if (j >= 2)
        assert_true (isnan (asr));
      else
        assert_rel (asr, R1_true[j] * AREA_CM2 / 2, 1e-6);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R_interface_total", &v, &se), 1);
      assert_rel (v, R1_true[j], 1e-6);
      assert_true (se == st->f->cond[j].R_interface_se && se == st->f->fits[j]->stderr_[1]);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "ASR_per_interface", &v, &se), 1);
      assert_true (j >= 2 ? isnan (v) && isnan (se)
                          : fabs (v - R1_true[j] * AREA_CM2 / 2) < 1e-4 && se > 0);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "ASR", &v, NULL), 0);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R_interface", &v, NULL), 0);
    }
}

/* Pellets between blocking electrodes: no interfacial resistance in any row, and the trends
 * are the circuit's resistances. */
static void
test_blocking_series (void **state)
{
  State *st = *state;
  for (size_t j = 0; j < NS; j++)
    {
      double R_int, v;
      assert_true (isnan (eis_series_asr (st->f, &st->s, j, &R_int)) && isnan (R_int));
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R_interface_total", &v, NULL), 1);
      assert_true (isnan (v));
      /* the intercept with only the electrode's arc beyond it: the electrolyte's total */
      assert_rel (st->f->cond[j].R_total, R0_true[j], 1e-6);
      assert_true (isnan (st->f->cond[j].R_bulk) && st->f->cond[j].intercept_total);
    }
  EisSeriesQuantityName names[4];
  size_t n = eis_series_default_trends (st->f, &st->s, names, 4);
  assert_int_equal (n, 2);
  assert_string_equal (names[0], "R0");
  assert_string_equal (names[1], "R1");
}

/* Parameters, conductivity and chi2 read by name are the fit's own numbers; the bulk
 * resistance is the truth. */
static void
test_quantities (void **state)
{
  State *st = *state;
  for (size_t j = 0; j < NS; j++)
    {
      const EisFitResult *r = st->f->fits[j];
      double v, se;
      assert_non_null (r);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R1", &v, &se), 1);
      assert_true (v == r->value[1] && se == r->stderr_[1]);
      assert_rel (v, R1_true[j], 1e-6);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R_total", &v, &se), 1);
      assert_rel (v, R0_true[j], 1e-6);
      assert_true (v == st->f->cond[j].R_total && se == st->f->cond[j].R_total_se && se > 0);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R_bulk", &v, &se), 1);
      assert_true (isnan (v));   /* the intercept holds bulk and grain boundary */
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "chi2", &v, &se), 1);
      assert_true (v == r->chi2 && isnan (se));
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "sigma_total", &v, &se), 1);
      assert_true (v == st->f->cond[j].sigma_total || (isnan (v) && isnan (st->f->cond[j].sigma_total)));
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R1||C1_C_eff", &v, &se), 1);
      assert_rel (v, C1_TRUE, 1e-5);
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R7", &v, &se), 0);
      assert_true (isnan (v) && isnan (se));
      assert_int_equal (eis_series_quantity (st->f, &st->s, j, "R1||C1_C_ef", &v, &se), 0);
    }
}

/* The names in table order, their units, and the default trends of an interfacial series. */
static void
test_names_and_units (void **state)
{
  State *st = *state;
  EisSeriesQuantityName names[32];
  size_t n = eis_series_quantities (st->f, names, 32);
  static const char *const want[] = { "R0", "R1", "C1", "R_bulk", "R_gb", "R_total", "sigma_bulk",
                                      "sigma_gb", "sigma_total", "R_interface_total",
                                      "ASR_per_interface", "chi2",
                                      "R0_C_eff", "R1||C1_C_eff" };
  /* The intercept R0 is an "arc" of the analysis without a capacitance: its C_eff column
   * exists and stays empty. */
  size_t nw = sizeof want / sizeof want[0];
  int has_r0_ceff = 0;
  for (size_t i = 0; i < n; i++)
    has_r0_ceff |= strcmp (names[i], "R0_C_eff") == 0;
  assert_int_equal (n, has_r0_ceff ? nw : nw - 1);
  for (size_t i = 0, w = 0; i < n; i++, w++)
    {
      if (!has_r0_ceff && strcmp (want[w], "R0_C_eff") == 0)
        w++;
      assert_string_equal (names[i], want[w]);
    }
  assert_int_equal (eis_series_quantities (st->f, names, 2), n);   /* counts past MAX */
  assert_string_equal (eis_series_quantity_unit (st->f, "R1"), "Ohm");
  assert_string_equal (eis_series_quantity_unit (st->f, "C1"), "F");
  assert_string_equal (eis_series_quantity_unit (st->f, "sigma_gb"), "S/cm");
  assert_string_equal (eis_series_quantity_unit (st->f, "ASR_per_interface"), "Ohm cm2");
  assert_string_equal (eis_series_quantity_unit (st->f, "R1||C1_C_eff"), "F");
  assert_null (eis_series_quantity_unit (st->f, "L9"));
  n = eis_series_default_trends (st->f, &st->s, names, 4);
  assert_int_equal (n, 3);
  assert_string_equal (names[0], "R_total");
  assert_string_equal (names[1], "R_interface_total");
  assert_string_equal (names[2], "ASR_per_interface");
}

/* Without geometry anywhere there is no ASR per interface: the trends are R_total and the
 * interfaces' total. */
static void
test_default_trends_without_geometry (void **state)
{
  State *st = *state;
  for (size_t j = 0; j < NS; j++)
    {
      st->s.items[j].have_geom = 0;
      eis_conductivity_set_cell (&st->f->cond[j], st->f->fits[j], NULL, st->s.items[j].cell);
    }
  EisSeriesQuantityName names[4];
  size_t n = eis_series_default_trends (st->f, &st->s, names, 4);
  assert_int_equal (n, 2);
  assert_string_equal (names[0], "R_total");
  assert_string_equal (names[1], "R_interface_total");
}

/* CSV text cells a spreadsheet would evaluate get a ' in front; numbers never do */
static void
test_csv_formula (void **state)
{
  (void) state;
  const char *formula[] = { "=1+2.csv", "@SUM(1).csv", "+x,y.csv", "-x", "=", "-", "\tA", "\rA",
                            "-1.5e-3x", "+cmd|' /C calc'!A0" };
  const char *plain[] = { "", "a=1", "pellet-25C.csv", "-1.5e-3", "+5", "-0", "1e-9", "-inf" };
  for (size_t i = 0; i < sizeof formula / sizeof formula[0]; i++)
    assert_true (eis_csv_text_is_formula (formula[i]));
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
    assert_false (eis_csv_text_is_formula (plain[i]));
  assert_false (eis_csv_text_is_formula (NULL));
}

/* The engine's ASCII messages as eisfit-gtk shows them: symbols and units typeset, names of
 * files, columns and options untouched. */
static void
test_typeset (void **state)
{
  static const char *const pairs[][2] = {
    { "sigma(25.00 degC) of the straight line (1.4018e-04 S/cm) is 1.4580e-04 +- 2.54e-07 S/cm",
      "σ(25.00 °C) of the straight line (1.4018e-04 S/cm) is 1.4580e-04 ± 2.54e-07 S/cm" },
    { "In a ceramic, sigma_total adds bulk and grain boundary", "In a ceramic, σ total adds bulk and grain boundary" },
    { "(1739 Ohm) ... R_inf + R_pol without it, 6604 Ohm.", "(1739 Ω) ... R∞ + R_pol without it, 6604 Ω." },
    { "3.8 kOhm before a 2.3 MOhm arc, 12mOhm", "3.8 kΩ before a 2.3 MΩ arc, 12mΩ" },
    { "ASR 41.2 Ohm cm2, cell constant of 1 cm^-1, R^2 = 0.999, W in Ohm s^-1/2",
      "ASR 41.2 Ω cm², cell constant of 1 cm⁻¹, R² = 0.999, W in Ω s⁻½" },
    { "gamma growing without bound at long tau; lambda by GCV", "γ growing without bound at long τ; λ by GCV" },
    { "n >= 0.5 and R <= 3 kOhm", "n ≥ 0.5 and R ≤ 3 kΩ" },
    /* names stay: files, columns, options, identifiers */
    { "sigma-run.csv, x_25degC.csv, sigma.csv, column \"Re(Z)/Ohm\", \"Z' [kOhm]\", Zreal_Ohm",
      "sigma-run.csv, x_25degC.csv, sigma.csv, column \"Re(Z)/Ohm\", \"Z' [kOhm]\", Zreal_Ohm" },
    { "--lambda 1e-3, --tau, Ohmic, sigmas, tauc, 0.8ohm+-0.05ohm, 1e^2",
      "--lambda 1e-3, --tau, Ohmic, sigmas, tauc, 0.8ohm+-0.05ohm, 1e²" },
    { "", "" } };
  size_t i;

  (void) state;
  for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    {
      char *t = eis_text_typeset (pairs[i][0]);

      assert_non_null (t);
      assert_string_equal (t, pairs[i][1]);
      free (t);
    }
  assert_null (eis_text_typeset (NULL));
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_csv_formula),
    cmocka_unit_test (test_typeset),
    cmocka_unit_test_setup_teardown (test_interface_and_asr, setup, teardown),
    cmocka_unit_test_setup_teardown (test_quantities, setup, teardown),
    cmocka_unit_test_setup_teardown (test_blocking_series, setup_blocking, teardown),
    cmocka_unit_test_setup_teardown (test_names_and_units, setup, teardown),
    cmocka_unit_test_setup_teardown (test_default_trends_without_geometry, setup, teardown),
  };
  return cmocka_run_group_tests_name ("series-table", tests, NULL, NULL);
}
