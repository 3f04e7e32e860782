/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for the circuit elements: impedance against independent reference values,
 * limiting cases, and every analytic derivative against a central finite difference. */
#include <complex.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"
#include "circuit.h"

#define TWO_PI 6.28318530717958647692

/* Fails unless |a - b| <= rel |b| (complex modulus). */
#define assert_crel(a, b, rel) assert_crel_at ((a), (b), (rel), #a, __FILE__, __LINE__)

static void
assert_crel_at (double complex a, double complex b, double rel, const char *what,
                const char *file, int line)
{
  double d = cabs (a - b), s = cabs (b);
  if (!(d <= rel * (s > 0 ? s : 1.0)))
    {
      print_error ("%s = %.12g%+.12gj, expected %.12g%+.12gj within relative %.3g (off by %.3g)\n",
                   what, creal (a), cimag (a), creal (b), cimag (b), rel, d / (s > 0 ? s : 1));
      _fail (file, line);
    }
}

typedef struct {
  EisElementKind kind;
  double p[3];
  double f_hz;
  double re, im;   /* Ohm */
} RefCase;

/* Reference values: the formulas of SCIENCE.md evaluated with mpmath at 30 digits
 * (complex powers, coth and tanh from the library, not our rewritten forms). */
static const RefCase ref_cases[] = {
  { EIS_ELEM_R, { 57.31 }, 137.2, 57.31, 0.0 },
  { EIS_ELEM_C, { 4.713e-7 }, 137.2, 0.0, -2461.3228328179692 },
  { EIS_ELEM_L, { 3.27e-6 }, 23170, 0.0, 0.47605118966523783 },
  { EIS_ELEM_CPE, { 2.385e-6, 0.873 }, 137.2, 227.42051426762739, -1124.8400510755042 },
  { EIS_ELEM_CPE, { 2.385e-6, 0.873 }, 0.0371, 296262.27495930845, -1465336.904940815 },
  { EIS_ELEM_W, { 47.31 }, 2.718, 11.448228462228217, -11.448228462228217 },
  { EIS_ELEM_WO, { 83.17, 0.4173 }, 0.0913, 27.713252147155819, -347.87248111738499 },
  { EIS_ELEM_WO, { 83.17, 0.4173 }, 3.71, 19.149622648288677, -18.281293014083528 },
  { EIS_ELEM_WO, { 83.17, 0.4173 }, 2913, 0.67292604065480901, -0.67292604065480901 },
  { EIS_ELEM_WS, { 83.17, 0.4173 }, 0.0913, 82.540435064956862, -6.5755816095128737 },
  { EIS_ELEM_WS, { 83.17, 0.4173 }, 3.71, 18.546996397732188, -19.427946480707179 },
  { EIS_ELEM_WS, { 83.17, 0.4173 }, 2913, 0.67292604065480901, -0.67292604065480901 },
  { EIS_ELEM_WO, { 83.17, 0.4173 }, 1.37e-5, 27.72333333310621, -2315356.5617923508 },
  { EIS_ELEM_WO, { 83.17, 0.4173 }, 3.7e-4, 27.723333167670594, -85730.771781247504 },
  { EIS_ELEM_WO, { 83.17, 0.4173 }, 3.9e-4, 27.723333149277069, -81334.322135181053 },
  { EIS_ELEM_WS, { 83.17, 0.4173 }, 1.37e-5, 83.169999985691204, -0.00099585077778812693 },
  { EIS_ELEM_WS, { 83.17, 0.4173 }, 3.7e-4, 83.169989563248925, -0.026895235891460723 },
  { EIS_ELEM_WS, { 83.17, 0.4173 }, 3.9e-4, 83.169988404457185, -0.028349031946513617 },
  { EIS_ELEM_G, { 57.3, 3.17e-3 }, 41.9, 47.202441870074342, -17.10882379373801 },
  { EIS_ELEM_ZARC, { 123.7, 1.83e-4, 0.817 }, 731.4, 68.638047326160877, -45.852606591826102 },
  { EIS_ELEM_LA, { 2.71e-6, 0.913 }, 18730, 0.015733342322373522, 0.11441064283630503 },
};

static void
test_reference_values (void **state)
{
  (void) state;
  for (size_t i = 0; i < sizeof ref_cases / sizeof ref_cases[0]; i++)
    {
      const RefCase *r = &ref_cases[i];
      double complex z;
      eis_element_eval (r->kind, r->p, TWO_PI * r->f_hz, &z, NULL);
      assert_crel (z, CMPLX (r->re, r->im), 1e-13);
      if (r->re != 0)
        assert_rel (creal (z), r->re, 1e-12);
      else
        assert_true (creal (z) == 0.0);
      if (r->im != 0)
        assert_rel (cimag (z), r->im, 1e-12);
      /* the same value with the derivatives requested */
      double complex z2, dz[3];
      eis_element_eval (r->kind, r->p, TWO_PI * r->f_hz, &z2, dz);
      assert_true (z2 == z);
    }
}

static void
test_info (void **state)
{
  (void) state;
  const EisElementInfo *cpe = eis_element_info (EIS_ELEM_CPE);
  assert_non_null (cpe);
  assert_string_equal (cpe->name, "CPE");
  assert_int_equal (cpe->n_params, 2);
  assert_string_equal (cpe->suffix[0], "Q");
  assert_string_equal (cpe->suffix[1], "n");
  assert_string_equal (cpe->unit[0], "F s^(n-1)");
  assert_int_equal (cpe->kind[1], EIS_PARAM_EXPONENT);
  const EisElementInfo *r = eis_element_info (EIS_ELEM_R);
  assert_int_equal (r->n_params, 1);
  assert_null (r->suffix[0]);
  assert_string_equal (r->unit[0], "Ohm");
  const EisElementInfo *zarc = eis_element_info (EIS_ELEM_ZARC);
  assert_int_equal (zarc->n_params, 3);
  assert_string_equal (zarc->suffix[2], "alpha");
  assert_string_equal (eis_element_info (EIS_ELEM_WO)->suffix[1], "tau");
  assert_string_equal (eis_element_info (EIS_ELEM_G)->suffix[1], "t");
  assert_string_equal (eis_element_info (EIS_ELEM_LA)->suffix[0], "L");
  assert_null (eis_element_info (EIS_ELEM_COUNT));
}

/* CPE with n = 1 is exactly a capacitor: no spurious real part. */
static void
test_cpe_n1_is_capacitor (void **state)
{
  (void) state;
  double q[2] = { 3.917e-5, 1.0 }, c[1] = { 3.917e-5 };
  double freqs[] = { 1.37e-3, 0.2718, 137.2, 4.31e6 };
  for (size_t i = 0; i < 4; i++)
    {
      double w = TWO_PI * freqs[i];
      double complex zq, zc;
      eis_element_eval (EIS_ELEM_CPE, q, w, &zq, NULL);
      eis_element_eval (EIS_ELEM_C, c, w, &zc, NULL);
      assert_true (creal (zq) == 0.0);
      assert_rel (cimag (zq), cimag (zc), 1e-14);
    }
  /* n just below 1: real part = |Z| cos(n pi/2) to full relative accuracy */
  double q2[2] = { 3.917e-5, 1.0 - 1e-9 };
  double complex z;
  eis_element_eval (EIS_ELEM_CPE, q2, TWO_PI * 137.2, &z, NULL);
  assert_rel (creal (z), cabs (z) * sin ((1.0 - q2[1]) * 1.57079632679489661923), 1e-12);
}

/* Zarc with alpha = 1 is R parallel to C = tau/R. */
static void
test_zarc_alpha1_is_rc (void **state)
{
  (void) state;
  double r = 231.7, tau = 4.173e-4;
  double p[3] = { r, tau, 1.0 };
  double freqs[] = { 0.0317, 381.3, 2.917e5 };
  for (size_t i = 0; i < 3; i++)
    {
      double w = TWO_PI * freqs[i];
      double complex z;
      eis_element_eval (EIS_ELEM_ZARC, p, w, &z, NULL);
      double complex want = r / (1.0 + I * w * tau);
      assert_crel (z, want, 1e-14);
    }
}

/* Finite Warburgs: Wo -> Z0/(j w tau) + Z0/3 and Ws -> Z0 at low frequency; both
 * -> Z0/sqrt(j w tau) at high frequency; no overflow for huge arguments. */
static void
test_warburg_limits (void **state)
{
  (void) state;
  double p[2] = { 83.17, 0.4173 };
  double complex z;
  double w = 2.3e-7;
  eis_element_eval (EIS_ELEM_WO, p, w, &z, NULL);
  assert_crel (z, p[0] / (I * w * p[1]) + p[0] / 3.0, 1e-12);
  assert_rel (creal (z), p[0] / 3.0, 1e-13);
  eis_element_eval (EIS_ELEM_WS, p, w, &z, NULL);
  assert_crel (z, p[0] * (1.0 - I * w * p[1] / 3.0), 1e-13);
  assert_rel (cimag (z), -p[0] * w * p[1] / 3.0, 1e-12);

  double big[] = { 3.7e3, 1.9e5, 4.4e12, 1e300 };
  for (size_t i = 0; i < 4; i++)
    {
      double complex want = p[0] / csqrt (I * big[i] * p[1]);
      double complex dz[2];
      eis_element_eval (EIS_ELEM_WO, p, big[i], &z, dz);
      assert_true (isfinite (creal (z)) && isfinite (cimag (z)));
      assert_true (isfinite (creal (dz[1])) && isfinite (cimag (dz[1])));
      assert_crel (z, want, 1e-13);
      eis_element_eval (EIS_ELEM_WS, p, big[i], &z, dz);
      assert_true (isfinite (creal (z)) && isfinite (cimag (z)));
      assert_true (isfinite (creal (dz[1])) && isfinite (cimag (dz[1])));
      assert_crel (z, want, 1e-13);
    }
  /* Semi-infinite Warburg: equal real and -imaginary parts, |Z| ~ w^-1/2 */
  double aw[1] = { 47.31 };
  eis_element_eval (EIS_ELEM_W, aw, 1e6, &z, NULL);
  assert_rel (creal (z), 47.31e-3, 1e-14);
  assert_rel (cimag (z), -47.31e-3, 1e-14);
}

/* Gerischer: R at low frequency, R/sqrt(j w t) at high frequency. */
static void
test_gerischer_limits (void **state)
{
  (void) state;
  double p[2] = { 57.3, 3.17e-3 };
  double complex z;
  eis_element_eval (EIS_ELEM_G, p, 1e-9, &z, NULL);
  assert_crel (z, 57.3, 1e-11);
  eis_element_eval (EIS_ELEM_G, p, 1e12, &z, NULL);
  assert_crel (z, 57.3 / csqrt (I * 1e12 * 3.17e-3), 1e-8);
}

/* Every parameter of every element: analytic dZ/dp against a central difference. */
typedef struct {
  EisElementKind kind;
  double p[3];
} DerivCase;

static const DerivCase deriv_cases[] = {
  { EIS_ELEM_R, { 57.31 } },
  { EIS_ELEM_C, { 4.713e-7 } },
  { EIS_ELEM_L, { 3.27e-6 } },
  { EIS_ELEM_CPE, { 2.385e-6, 0.873 } },
  { EIS_ELEM_CPE, { 1.093e-4, 0.99999 } },
  { EIS_ELEM_W, { 47.31 } },
  { EIS_ELEM_WO, { 83.17, 0.4173 } },
  { EIS_ELEM_WO, { 13.9, 2.31e-5 } },
  { EIS_ELEM_WS, { 83.17, 0.4173 } },
  { EIS_ELEM_WS, { 13.9, 2.31e-5 } },
  { EIS_ELEM_G, { 57.3, 3.17e-3 } },
  { EIS_ELEM_ZARC, { 123.7, 1.83e-4, 0.817 } },
  { EIS_ELEM_ZARC, { 12.9, 7.3e-2, 0.5131 } },
  { EIS_ELEM_LA, { 2.71e-6, 0.913 } },
};

static void
test_derivatives (void **state)
{
  (void) state;
  /* spans both sides of every branch: Ws series (w tau < 1e-3) and closed form,
   * Wo/Ws asymptotic (2 sqrt(w tau/2) > 40) */
  double freqs[] = { 1.3e-5, 2.7e-4, 3.81e-4, 0.0913, 3.71, 137.2, 2913, 1.77e5, 4.3e6 };
  for (size_t c = 0; c < sizeof deriv_cases / sizeof deriv_cases[0]; c++)
    {
      const DerivCase *dc = &deriv_cases[c];
      size_t np = eis_element_info (dc->kind)->n_params;
      for (size_t fi = 0; fi < sizeof freqs / sizeof freqs[0]; fi++)
        {
          double w = TWO_PI * freqs[fi];
          double complex z, dz[3];
          eis_element_eval (dc->kind, dc->p, w, &z, dz);
          for (size_t k = 0; k < np; k++)
            {
              double p[3] = { dc->p[0], dc->p[1], dc->p[2] };
              double h = 1e-4 * p[k];
              double complex zp, zm;
              p[k] = dc->p[k] + h;
              eis_element_eval (dc->kind, p, w, &zp, NULL);
              p[k] = dc->p[k] - h;
              eis_element_eval (dc->kind, p, w, &zm, NULL);
              double complex fd = (zp - zm) / (2 * h);
              /* relative to |dZ/dp| and to the size of the change |Z| h/p, whichever is
               * larger: a central difference cannot resolve less than that */
              double scale = fmax (cabs (dz[k]), 1e-4 * cabs (z) / p[k]);
              if (!(cabs (fd - dz[k]) <= 1e-6 * scale))
                {
                  print_error ("%s p%zu at f = %g Hz: analytic %.10g%+.10gj, "
                               "difference %.10g%+.10gj\n",
                               eis_element_info (dc->kind)->name, k, freqs[fi],
                               creal (dz[k]), cimag (dz[k]), creal (fd), cimag (fd));
                  fail ();
                }
            }
        }
    }
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_reference_values),
    cmocka_unit_test (test_info),
    cmocka_unit_test (test_cpe_n1_is_capacitor),
    cmocka_unit_test (test_zarc_alpha1_is_rc),
    cmocka_unit_test (test_warburg_limits),
    cmocka_unit_test (test_gerischer_limits),
    cmocka_unit_test (test_derivatives),
  };
  return cmocka_run_group_tests_name ("element", tests, NULL, NULL);
}
