/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of what the cell type means (conductivity.c, eis_conductivity_set_cell): the
 * interfacial resistance and the ASR per interface of a Li|electrolyte|Li cell, none for a
 * blocking cell, a capacitive spike flagged; synthetic spectra with known parameters. */
#include "testutil.h"
#include "synth.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>

#include "circuit.h"
#include "conductivity.h"
#include "fit.h"

/* A Li|electrolyte|Li cell: R0 the electrolyte, R1||CPE1 the two Li interfaces, CPE2 the
 * salt's diffusion tail (n = 0.62). 12 mm electrodes: A = pi 0.6^2 = 1.130973 cm2. */
static const char *li_circuit = "R0-p(R1,CPE1)-CPE2";
static const double li_truth[] = { 48.73, 412.3, 2.71e-6, 0.87, 1.93e-3, 0.62 };
#define LI_AREA (M_PI * 0.36)

typedef struct {
  EisCircuit *c;
  EisSpectrum *s;
  EisFitResult *r;
} Fixture;

static int
teardown (void **state)
{
  Fixture *f = *state;
  if (f)
    {
      eis_circuit_free (f->c);
      eis_spectrum_free (f->s);
      eis_fit_result_free (f->r);
      free (f);
    }
  return 0;
}

/* Fits CIRCUIT to its own spectrum at P (0.01 to 1e6 Hz, 10 points a decade, NOISE). */
static Fixture *
fixture (void **state, const char *circuit, const double *p, double noise)
{
  Fixture *f = calloc (1, sizeof *f);
  assert_non_null (f);
  *state = f;
  EisError err;
  assert_int_equal (eis_circuit_parse (circuit, &f->c, &err), EIS_OK);
  f->s = synth_spectrum (circuit, p, 0.01, 1e6, 81, noise, 7);
  assert_non_null (f->s);
  size_t P = eis_circuit_n_params (f->c);
  double *init = malloc (P * sizeof *init);
  assert_non_null (init);
  for (size_t k = 0; k < P; k++)
    init[k] = p[k] * (k % 2 ? 1.07 : 0.94);   /* near, not at, the truth */
  EisFitOptions o;
  eis_fit_options_init (&o);
  o.init = init;
  int st = eis_fit_run (f->c, f->s, &o, &f->r, &err);
  free (init);
  if (st != EIS_OK)
    print_error ("%s\n", err.message);
  assert_int_equal (st, EIS_OK);
  assert_int_equal (f->r->status, EIS_FIT_CONVERGED);
  return f;
}

static const EisArc *
arc (const EisConductivity *cd, const char *label)
{
  for (size_t k = 0; k < cd->n_arcs; k++)
    if (strcmp (cd->arcs[k].label, label) == 0)
      return &cd->arcs[k];
  fail_msg ("no arc %s", label);
  return NULL;
}

static int
has_caution (const EisConductivity *cd, const char *text)
{
  for (size_t k = 0; k < cd->n_cautions; k++)
    if (strstr (cd->cautions[k], text))
      return 1;
  return 0;
}

static void
test_cell_names (void **state)
{
  (void) state;
  for (int c = EIS_CELL_UNSPECIFIED; c <= EIS_CELL_LIQUID; c++)
    assert_int_equal (eis_cell_parse (eis_cell_name ((EisCellType) c)), c);
  assert_string_equal (eis_cell_name (EIS_CELL_LI_SYMMETRIC), "li-symmetric");
  assert_int_equal (eis_cell_parse (NULL), EIS_CELL_UNSPECIFIED);
  assert_int_equal (eis_cell_parse ("Li|Li"), -1);
  assert_int_equal (eis_cell_parse ("blocking "), -1);
}

/* Noise-free: R_interface = R1 and ASR = R1 A / 2 to 1e-6; the diffusion tail is no
 * electrode and raises no caution. */
static void
test_li_symmetric_exact (void **state)
{
  Fixture *f = fixture (state, li_circuit, li_truth, 0);
  EisGeometry g = { 0.0523, 0, LI_AREA, 0, 0, 0 };
  EisConductivity cd;
  EisError err;
  assert_int_equal (eis_conductivity_analyse_cell (f->c, f->r, &g, EIS_CELL_LI_SYMMETRIC, &cd,
                                                   &err), EIS_OK);
  assert_int_equal (cd.cell, EIS_CELL_LI_SYMMETRIC);
  assert_rel (cd.R_interface, 412.3, 1e-6);
  assert_rel (cd.asr_per_interface, 412.3 * LI_AREA / 2, 1e-6);   /* 233.15 Ohm cm2 */
  /* no electrolyte arc beyond the intercept: it is the whole electrolyte's (bulk and any grain
   * boundary), sigma_total and no sigma_bulk */
  assert_true (cd.intercept_total);
  assert_true (isnan (cd.R_bulk) && isnan (cd.sigma_bulk));
  assert_rel (cd.R_total, 48.73, 1e-6);
  assert_rel (cd.sigma_total, 0.0523 / (48.73 * LI_AREA), 1e-6);
  assert_int_equal (arc (&cd, "CPE2")->role, EIS_ROLE_DIFFUSION);
  assert_false (has_caution (&cd, "capacitive spike"));
  assert_non_null (strstr (cd.interface_source, "R1||CPE1"));
  /* The Li interface's capacitance is Brug's with R_e = R0: Q^(1/n) (1/R_e + 1/R_ct)^((n-1)/n) */
  const EisArc *li = arc (&cd, "R1||CPE1");
  double n = 0.87, brug = pow (2.71e-6, 1 / n) * pow (1 / 48.73 + 1 / 412.3, (n - 1) / n);
  assert_string_equal (li->formula, "Brug");
  assert_rel (li->C_eff, brug, 1e-6);
  assert_rel (li->C_specific, brug * 0.0523 / LI_AREA, 1e-6);
  /* the same arc of an unspecified cell keeps Hsu-Mansfeld's, Q^(1/n) R^((1-n)/n) */
  assert_int_equal (eis_conductivity_analyse (f->c, f->r, &g, &cd, &err), EIS_OK);
  assert_string_equal (arc (&cd, "R1||CPE1")->formula, "Hsu-Mansfeld");
  assert_rel (arc (&cd, "R1||CPE1")->C_eff, pow (2.71e-6, 1 / n) * pow (412.3, (1 - n) / n), 1e-6);
}

/* 0.3 % noise: R_interface within 1 % and 4 standard errors of the truth; the ASR's error is
 * the propagation of R_interface's and the area's, (dASR/ASR)^2 = (dR/R)^2 + (dA/A)^2. */
static void
test_li_symmetric_noisy (void **state)
{
  Fixture *f = fixture (state, li_circuit, li_truth, 0.003);
  double d_se = 0.005;                                   /* cm on a 1.2 cm diameter */
  EisGeometry g = { 0.0523, 0.001, LI_AREA, M_PI * 1.2 * d_se / 2, 0, 0 };
  EisConductivity cd;
  EisError err;
  assert_int_equal (eis_conductivity_analyse_cell (f->c, f->r, &g, EIS_CELL_LI_SYMMETRIC, &cd,
                                                   &err), EIS_OK);
  assert_rel (cd.R_interface, 412.3, 0.01);
  assert_true (cd.R_interface_se > 0);
  assert_true (fabs (cd.R_interface - 412.3) < 4 * cd.R_interface_se);
  assert_rel (cd.R_interface_se, f->r->stderr_[1], 1e-12);   /* one arc: R1's own error */
  assert_rel (cd.asr_per_interface, 412.3 * LI_AREA / 2, 0.01);
  double rr = cd.R_interface_se / cd.R_interface, ra = g.area_se_cm2 / g.area_cm2;
  assert_rel (cd.asr_per_interface_se, cd.asr_per_interface * sqrt (rr * rr + ra * ra), 1e-12);
  assert_rel (cd.asr_per_interface, cd.R_interface * LI_AREA / 2, 1e-15);
  /* Brug's C_eff of the interface within 3 % of the truth, and within 4 of its errors */
  double n = 0.87, brug = pow (2.71e-6, 1 / n) * pow (1 / 48.73 + 1 / 412.3, (n - 1) / n);
  const EisArc *li = arc (&cd, "R1||CPE1");
  assert_rel (li->C_eff, brug, 0.03);
  assert_true (li->C_eff_se > 0 && fabs (li->C_eff - brug) < 4 * li->C_eff_se);
}

/* Two interfacial arcs (SEI and charge transfer): R_interface = R1 + R2, its error with the
 * fit's covariance of the two. */
static void
test_li_symmetric_two_arcs (void **state)
{
  const char *cc = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3";
  double p[] = { 31.7, 128.4, 8.3e-7, 0.91, 287.9, 2.2e-5, 0.83, 4.1e-3, 0.55 };
  Fixture *f = fixture (state, cc, p, 0.002);
  EisGeometry g = { 0.0523, 0, LI_AREA, 0, 0, 0 };
  EisConductivity cd;
  EisError err;
  assert_int_equal (eis_conductivity_analyse_cell (f->c, f->r, &g, EIS_CELL_LI_SYMMETRIC, &cd,
                                                   &err), EIS_OK);
  assert_rel (cd.R_interface, 128.4 + 287.9, 0.01);
  double s1 = f->r->stderr_[1], s4 = f->r->stderr_[4];
  double c14 = f->r->corr[1 * f->r->n_params + 4];
  assert_rel (cd.R_interface_se, sqrt (s1 * s1 + s4 * s4 + 2 * c14 * s1 * s4), 1e-9);
  assert_rel (cd.asr_per_interface, (128.4 + 287.9) * LI_AREA / 2, 0.01);
  assert_non_null (strstr (cd.interface_source, "R1||CPE1"));
  assert_non_null (strstr (cd.interface_source, "R2||CPE2"));
}

/* A capacitive spike (n = 0.93) in a Li|Li cell: flagged, not the electrode; R_interface
 * still from the arc. The same fit as a blocking cell: the spike is the double layer and no
 * interfacial resistance is given. Unspecified: the total, no ASR per interface. */
static void
test_spike_and_other_cells (void **state)
{
  double p[] = { 48.73, 412.3, 2.71e-6, 0.87, 1.93e-3, 0.93 };
  Fixture *f = fixture (state, li_circuit, p, 0);
  EisGeometry g = { 0.0523, 0, LI_AREA, 0, 0, 0 };
  EisConductivity cd;
  EisError err;
  assert_int_equal (eis_conductivity_analyse_cell (f->c, f->r, &g, EIS_CELL_LI_SYMMETRIC, &cd,
                                                   &err), EIS_OK);
  assert_int_equal (arc (&cd, "CPE2")->role, EIS_ROLE_UNKNOWN);
  assert_true (has_caution (&cd, "CPE2: a capacitive spike (n = 0.93)"));
  assert_rel (cd.R_interface, 412.3, 1e-6);

  for (int cell = EIS_CELL_BLOCKING; cell <= EIS_CELL_LIQUID; cell += 2)
    {
      assert_int_equal (eis_conductivity_analyse_cell (f->c, f->r, &g, (EisCellType) cell, &cd,
                                                       &err), EIS_OK);
      assert_int_equal (arc (&cd, "CPE2")->role, EIS_ROLE_ELECTRODE);
      assert_true (isnan (cd.R_interface) && isnan (cd.R_interface_se));
      assert_true (isnan (cd.asr_per_interface) && isnan (cd.asr_per_interface_se));
      assert_non_null (strstr (cd.interface_source, "double layer"));
      assert_false (has_caution (&cd, "capacitive spike"));
      /* the electrolyte's total alike; a liquid has no grain boundary, so its intercept is
       * R_bulk, a pellet's holds bulk and grain boundary */
      assert_rel (cd.R_total, 48.73, 1e-6);
      if (cell == EIS_CELL_LIQUID)
        assert_rel (cd.R_bulk, 48.73, 1e-6);
      else
        assert_true (isnan (cd.R_bulk) && cd.intercept_total);
    }

  assert_int_equal (eis_conductivity_analyse (f->c, f->r, &g, &cd, &err), EIS_OK);
  assert_int_equal (cd.cell, EIS_CELL_UNSPECIFIED);
  assert_rel (cd.R_interface, 412.3, 1e-6);
  assert_true (isnan (cd.asr_per_interface));
  /* Li|Li without the electrode area: R_interface, no ASR. */
  assert_int_equal (eis_conductivity_analyse_cell (f->c, f->r, NULL, EIS_CELL_LI_SYMMETRIC, &cd,
                                                   &err), EIS_OK);
  assert_rel (cd.R_interface, 412.3, 1e-6);
  assert_true (isnan (cd.asr_per_interface));
}

/* A Li|Li cell whose fit has no interfacial arc (only the electrolyte and a tail): no
 * R_interface, and a caution says what to fit. */
static void
test_li_symmetric_no_interface (void **state)
{
  const char *cc = "R0-CPE1";
  double p[] = { 48.73, 1.93e-3, 0.62 };
  Fixture *f = fixture (state, cc, p, 0);
  EisGeometry g = { 0.0523, 0, LI_AREA, 0, 0, 0 };
  EisConductivity cd;
  EisError err;
  assert_int_equal (eis_conductivity_analyse_cell (f->c, f->r, &g, EIS_CELL_LI_SYMMETRIC, &cd,
                                                   &err), EIS_OK);
  assert_true (isnan (cd.R_interface) && isnan (cd.asr_per_interface));
  assert_true (has_caution (&cd, "no arc of this fit has the capacitance of an interface"));
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cell_names),
    cmocka_unit_test_teardown (test_li_symmetric_exact, teardown),
    cmocka_unit_test_teardown (test_li_symmetric_noisy, teardown),
    cmocka_unit_test_teardown (test_li_symmetric_two_arcs, teardown),
    cmocka_unit_test_teardown (test_spike_and_other_cells, teardown),
    cmocka_unit_test_teardown (test_li_symmetric_no_interface, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
