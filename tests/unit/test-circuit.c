/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for the circuit language (both notations, labels, errors with columns), the
 * parameter table, and the whole-circuit impedance and derivatives. */
#include <complex.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"
#include "circuit.h"

#define TWO_PI 6.28318530717958647692

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
  EisCircuit *c, *c2;
  char *text;      /* a long circuit built by a test */
} Fixture;

static int
setup (void **state)
{
  Fixture *fx = calloc (1, sizeof *fx);
  *state = fx;
  return fx == NULL;
}

static int
teardown (void **state)
{
  Fixture *fx = *state;
  eis_circuit_free (fx->c);
  eis_circuit_free (fx->c2);
  free (fx->text);
  free (fx);
  return 0;
}

/* Parses TEXT into *SLOT (freeing what was there) and asserts success. */
static EisCircuit *
parse_into (EisCircuit **slot, const char *text)
{
  eis_circuit_free (*slot);
  *slot = NULL;
  EisError err = { 0 };
  int st = eis_circuit_parse (text, slot, &err);
  if (st != EIS_OK)
    print_error ("parsing \"%s\": %s\n", text, err.message);
  assert_int_equal (st, EIS_OK);
  assert_non_null (*slot);
  return *slot;
}

static void
assert_text (Fixture *fx, const char *text, const char *canonical)
{
  parse_into (&fx->c, text);
  assert_string_equal (eis_circuit_text (fx->c), canonical);
}

/* ---- notation and labels ---- */

static void
test_impedance_py (void **state)
{
  Fixture *fx = *state;
  EisCircuit *c = parse_into (&fx->c, "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3");
  assert_string_equal (eis_circuit_text (c), "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3");
  static const char *names[] = { "R0", "R1", "CPE1_Q", "CPE1_n", "R2", "CPE2_Q",
                                 "CPE2_n", "CPE3_Q", "CPE3_n" };
  assert_int_equal (eis_circuit_n_params (c), 9);
  for (size_t i = 0; i < 9; i++)
    assert_string_equal (eis_circuit_param_name (c, i), names[i]);
  assert_null (eis_circuit_param_name (c, 9));

  const EisNode *root = eis_circuit_root (c);
  assert_int_equal (root->type, EIS_NODE_SERIES);
  assert_int_equal (root->n_children, 4);
  assert_int_equal (root->children[1]->type, EIS_NODE_PARALLEL);
  assert_string_equal (root->children[1]->children[1]->label, "CPE1");
  assert_int_equal (root->children[1]->children[1]->kind, EIS_ELEM_CPE);
  assert_int_equal (root->children[1]->children[1]->param_offset, 2);
}

static void
test_labels_and_spelling (void **state)
{
  Fixture *fx = *state;
  /* whitespace, Q synonym, case */
  assert_text (fx, "  R0 - p( R1 , Q1 )\t- cpe2 ", "R0-p(R1,CPE1)-CPE2");
  assert_text (fx, "r0-P(r1,zarc1)-wo1-WS2-la3-g4", "R0-p(R1,Zarc1)-Wo1-Ws2-La3-G4");
  /* unnumbered: smallest free index of that type, numbered ones reserved first */
  assert_text (fx, "R-p(R,C)-p(R,CPE)", "R0-p(R1,C0)-p(R2,CPE0)");
  assert_text (fx, "R-p(R0,C)-R3-Wo", "R1-p(R0,C0)-R3-Wo0");
  /* series inside parallel, parallel inside parallel */
  assert_text (fx, "R0-p(R1-Wo1,C1)", "R0-p(R1-Wo1,C1)");
  assert_text (fx, "p(p(R1,C1),R2-p(R3,C3),L1)", "p(p(R1,C1),R2-p(R3,C3),L1)");
  /* a lone element is a circuit */
  assert_text (fx, "Zarc7", "Zarc7");
  assert_int_equal (eis_circuit_n_params (fx->c), 3);
  assert_string_equal (eis_circuit_param_name (fx->c, 2), "Zarc7_alpha");
}

static void
test_cdc (void **state)
{
  Fixture *fx = *state;
  assert_text (fx, "R(RQ)(RQ)Q", "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3");
  assert_text (fx, "R(C(R(RW)))", "R0-p(C1,R1-p(R2,W1))");
  assert_text (fx, "R(C(RW))", "R0-p(C1,R1-W1)");
  /* O = Ws (transmissive, tanh), T = Wo (reflective, coth) */
  assert_text (fx, "R(RO)T", "R0-p(R1,Ws1)-Wo2");
  assert_text (fx, "LR(RG)", "L0-R1-p(R2,G2)");
  /* duplicates of a type in one group take the next free index */
  assert_text (fx, "R(RRQ)R", "R0-p(R1,R2,CPE1)-R3");
  assert_text (fx, "R", "R0");
  assert_text (fx, "RQ", "R0-CPE1");
  assert_text (fx, "(RC)", "p(R0,C0)");
  assert_text (fx, " R ( R Q ) ", "R0-p(R1,CPE1)");
}

/* R(RQ)(RQ)Q and its impedance.py spelling: same parameters, same impedance, and both
 * equal to the formula written out. */
static void
test_notations_equivalent (void **state)
{
  Fixture *fx = *state;
  EisCircuit *a = parse_into (&fx->c, "R(RQ)(RQ)Q");
  EisCircuit *b = parse_into (&fx->c2, "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3");
  assert_int_equal (eis_circuit_n_params (a), eis_circuit_n_params (b));
  for (size_t i = 0; i < eis_circuit_n_params (a); i++)
    {
      assert_string_equal (eis_circuit_param_name (a, i), eis_circuit_param_name (b, i));
      assert_string_equal (eis_circuit_param_unit (a, i), eis_circuit_param_unit (b, i));
    }
  double p[9] = { 13.71, 287.3, 2.385e-6, 0.873, 1391.7, 4.17e-5, 0.781, 2.93e-4, 0.694 };
  double freqs[] = { 0.0137, 1.93, 137.2, 9.41e3, 1.13e6 };
  for (size_t i = 0; i < 5; i++)
    {
      double w = TWO_PI * freqs[i];
      double complex za, zb;
      eis_circuit_eval (a, p, w, &za, NULL);
      eis_circuit_eval (b, p, w, &zb, NULL);
      assert_true (za == zb);
      double complex jw = I * w;
      double complex want = p[0] + 1.0 / (1.0 / p[1] + p[2] * cpow (jw, p[3]))
                            + 1.0 / (1.0 / p[4] + p[5] * cpow (jw, p[6]))
                            + 1.0 / (p[7] * cpow (jw, p[8]));
      assert_crel (za, want, 1e-12);
    }
}

/* Nested Randles-type circuit against its formula. */
static void
test_nested_randles (void **state)
{
  Fixture *fx = *state;
  EisCircuit *c = parse_into (&fx->c, "R(C(R(RW)))");
  static const char *names[] = { "R0", "C1", "R1", "R2", "W1" };
  assert_int_equal (eis_circuit_n_params (c), 5);
  for (size_t i = 0; i < 5; i++)
    assert_string_equal (eis_circuit_param_name (c, i), names[i]);
  double p[5] = { 21.37, 3.91e-6, 173.9, 941.3, 57.13 };
  double freqs[] = { 0.00731, 0.413, 71.9, 3.3e4 };
  for (size_t i = 0; i < 4; i++)
    {
      double w = TWO_PI * freqs[i];
      double complex z, zw = p[4] * (1.0 - I) / sqrt (w);
      double complex inner = 1.0 / (1.0 / p[3] + 1.0 / zw);
      double complex branch = p[2] + inner;
      double complex want = p[0] + 1.0 / (I * w * p[1] + 1.0 / branch);
      eis_circuit_eval (c, p, w, &z, NULL);
      assert_crel (z, want, 1e-12);
    }
}

static void
test_param_table (void **state)
{
  Fixture *fx = *state;
  EisCircuit *c = parse_into (&fx->c, "L1-R0-p(R1,CPE1)-p(Zarc2,Wo2)-p(G3,Ws3)-La4-W5-C6");
  static const struct {
    const char *name, *unit;
    EisParamKind kind;
  } want[] = {
    { "L1", "H", EIS_PARAM_POSITIVE }, { "R0", "Ohm", EIS_PARAM_POSITIVE },
    { "R1", "Ohm", EIS_PARAM_POSITIVE }, { "CPE1_Q", "F s^(n-1)", EIS_PARAM_POSITIVE },
    { "CPE1_n", "", EIS_PARAM_EXPONENT }, { "Zarc2_R", "Ohm", EIS_PARAM_POSITIVE },
    { "Zarc2_tau", "s", EIS_PARAM_POSITIVE }, { "Zarc2_alpha", "", EIS_PARAM_EXPONENT },
    { "Wo2_Z0", "Ohm", EIS_PARAM_POSITIVE }, { "Wo2_tau", "s", EIS_PARAM_POSITIVE },
    { "G3_R", "Ohm", EIS_PARAM_POSITIVE }, { "G3_t", "s", EIS_PARAM_POSITIVE },
    { "Ws3_Z0", "Ohm", EIS_PARAM_POSITIVE }, { "Ws3_tau", "s", EIS_PARAM_POSITIVE },
    { "La4_L", "H s^(alpha-1)", EIS_PARAM_POSITIVE },
    { "La4_alpha", "", EIS_PARAM_EXPONENT }, { "W5", "Ohm s^-1/2", EIS_PARAM_POSITIVE },
    { "C6", "F", EIS_PARAM_POSITIVE },
  };
  size_t n = sizeof want / sizeof want[0];
  assert_int_equal (eis_circuit_n_params (c), n);
  for (size_t i = 0; i < n; i++)
    {
      assert_string_equal (eis_circuit_param_name (c, i), want[i].name);
      assert_string_equal (eis_circuit_param_unit (c, i), want[i].unit);
      assert_int_equal (eis_circuit_param_kind (c, i), want[i].kind);
      assert_int_equal (eis_circuit_param_index (c, want[i].name), (long) i);
    }
  /* case-insensitive, impedance.py's positional spellings, Q for CPE */
  assert_int_equal (eis_circuit_param_index (c, "cpe1_N"), 4);
  assert_int_equal (eis_circuit_param_index (c, "CPE1_0"), 3);
  assert_int_equal (eis_circuit_param_index (c, "CPE1_1"), 4);
  assert_int_equal (eis_circuit_param_index (c, "Q1_n"), 4);
  assert_int_equal (eis_circuit_param_index (c, "Zarc2_2"), 7);
  assert_int_equal (eis_circuit_param_index (c, "Wo2_1"), 9);
  assert_int_equal (eis_circuit_param_index (c, "r0"), 1);
  assert_int_equal (eis_circuit_param_index (c, "R0_0"), 1);
  assert_int_equal (eis_circuit_param_index (c, "R9"), -1);
  assert_int_equal (eis_circuit_param_index (c, "CPE1"), -1);
  assert_int_equal (eis_circuit_param_index (c, "CPE1_2"), -1);
  assert_int_equal (eis_circuit_param_index (c, "CPE1_x"), -1);
  assert_int_equal (eis_circuit_param_index (c, "R"), -1);
  assert_int_equal (eis_circuit_param_index (c, ""), -1);
}

/* ---- errors ---- */

typedef struct {
  const char *text;
  const char *message;   /* must appear in the error message */
} ErrCase;

static void
test_errors (void **state)
{
  (void) state;
  static const ErrCase cases[] = {
    { "", "column 1: empty circuit" },
    { "  \t ", "column 1: empty circuit" },
    { "X1", "column 1: unknown element \"X1\"" },
    { "R0-p(R1,X2)", "column 9: unknown element \"X2\"" },
    { "RX", "column 1: unknown element \"RX\"" },
    { "R0-p(R1,CPE1 R2)", "column 14: expected ',' or ')' after \"CPE1\", found \"R\"" },
    { "R0-p(R1,p(R2,C2)R3)", "column 17: expected ',' or ')' after \"p(R2,C2)\"" },
    { "p(R1,CPE1", "column 2: unbalanced parentheses: \"(\" is never closed" },
    { "R0-p(R1,C1))", "column 12: unbalanced parentheses: \")\" without \"(\"" },
    { "R(RQ", "column 2: unbalanced parentheses" },
    { "R0-p(R1)", "column 4: parallel group \"p(R1)\" needs at least 2 branches" },
    { "R1-p(R1,C1)", "column 6: duplicate label \"R1\" (first at column 1)" },
    { "CPE1-p(R1,Q1)", "column 11: duplicate label \"Q1\" (CPE1)" },
    { "R0-", "column 4: expected an element after \"-\", found end of text" },
    { "R0--R1", "column 4: expected an element or p( after \"-\", found \"-\"" },
    { "R0-p(R1,,C1)", "column 9: expected an element or p( after \",\", found \",\"" },
    { "(R0,R1)", "column 1: expected an element or p(, found \"(\"" },
    { "R0,R1", "column 3: unexpected \",\" outside p(...) after \"R0\"" },
    { "R0p(R1,C1)", "column 3: expected '-' after \"R0\", found \"p\"" },
    { "R12345678", "column 1: label number of \"R12345678\" is too long" },
    { "R(R)", "column 2: group \"(R)\" needs at least 2 elements" },
    { "R()", "column 2: group \"()\" needs at least 2 elements" },
    { "R((RC))", "column 2: group \"((RC))\" needs at least 2 elements" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      EisCircuit *c = (EisCircuit *) 1;
      EisError err = { 0 };
      int st = eis_circuit_parse (cases[i].text, &c, &err);
      if (st != EIS_ERR_PARSE || strstr (err.message, cases[i].message) == NULL)
        {
          print_error ("\"%s\": status %d, message \"%s\", expected \"%s\"\n", cases[i].text,
                       st, err.message, cases[i].message);
          fail ();
        }
      assert_int_equal (err.code, EIS_ERR_PARSE);
      assert_null (c);
      /* the status does not depend on having an error record */
      c = (EisCircuit *) 1;
      assert_int_equal (eis_circuit_parse (cases[i].text, &c, NULL), EIS_ERR_PARSE);
      assert_null (c);
    }
  eis_circuit_free (NULL);
}

/* ---- derivatives ---- */

static void
check_circuit_derivatives (EisCircuit *c, const double *p0)
{
  size_t np = eis_circuit_n_params (c);
  double freqs[] = { 3.7e-4, 0.0413, 1.93, 137.2, 9.41e3, 1.13e6 };
  double complex dz[32];
  double p[32];
  assert_true (np <= 32);
  for (size_t fi = 0; fi < sizeof freqs / sizeof freqs[0]; fi++)
    {
      double w = TWO_PI * freqs[fi];
      double complex z, z_nodz;
      eis_circuit_eval (c, p0, w, &z, dz);
      eis_circuit_eval (c, p0, w, &z_nodz, NULL);
      assert_true (z == z_nodz);
      for (size_t k = 0; k < np; k++)
        {
          memcpy (p, p0, np * sizeof *p);
          double h = 1e-4 * p0[k];
          double complex zp, zm;
          p[k] = p0[k] + h;
          eis_circuit_eval (c, p, w, &zp, NULL);
          p[k] = p0[k] - h;
          eis_circuit_eval (c, p, w, &zm, NULL);
          double complex fd = (zp - zm) / (2 * h);
          double scale = fmax (cabs (dz[k]), 1e-4 * cabs (z) / p0[k]);
          if (!(cabs (fd - dz[k]) <= 1e-6 * scale))
            {
              print_error ("%s: d/d%s at f = %g Hz: analytic %.10g%+.10gj, "
                           "difference %.10g%+.10gj\n",
                           eis_circuit_text (c), eis_circuit_param_name (c, k), freqs[fi],
                           creal (dz[k]), cimag (dz[k]), creal (fd), cimag (fd));
              fail ();
            }
        }
    }
}

static void
test_circuit_derivatives (void **state)
{
  Fixture *fx = *state;
  double p1[9] = { 13.71, 287.3, 2.385e-6, 0.873, 1391.7, 4.17e-5, 0.781, 2.93e-4, 0.694 };
  check_circuit_derivatives (parse_into (&fx->c, "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"), p1);
  double p2[5] = { 21.37, 3.91e-6, 173.9, 941.3, 57.13 };
  check_circuit_derivatives (parse_into (&fx->c, "R(C(R(RW)))"), p2);
  /* every element, parallel inside parallel, series inside parallel */
  double p3[] = { 3.17e-7, 9.13, 231.7, 4.173e-4, 0.837, 83.17, 0.4173, 57.3, 3.17e-3,
                  47.1, 2.31, 2.71e-6, 0.913, 31.9, 7.31e-6, 417.3, 1.93e-6, 0.917 };
  check_circuit_derivatives (
    parse_into (&fx->c, "L0-R0-p(Zarc1,Wo1)-p(G2,Ws2)-La3-W3-p(p(C4,R4),CPE4)"), p3);
  double p4[] = { 9.13, 2.31e-5, 417.3, 5.3e-5, 83.17, 0.4173 };
  check_circuit_derivatives (parse_into (&fx->c, "p(R0,C0)"), p4);
  double p6[] = { 9.13, 2.31e-5, 417.3, 5.3e-5, 83.17, 0.4173, 1731.9 };
  check_circuit_derivatives (parse_into (&fx->c, "p(R0-p(C0,R1-p(C1,Wo1)),R2)"), p6);
  double p5[] = { 2.385e-6, 0.873 };
  check_circuit_derivatives (parse_into (&fx->c, "CPE1"), p5);
}

static void
test_dup (void **state)
{
  Fixture *fx = *state;
  parse_into (&fx->c, "R(RQ)(RQ)Q");
  fx->c2 = eis_circuit_dup (fx->c);
  assert_non_null (fx->c2);
  assert_string_equal (eis_circuit_text (fx->c2), eis_circuit_text (fx->c));
  double p[9] = { 13.71, 287.3, 2.385e-6, 0.873, 1391.7, 4.17e-5, 0.781, 2.93e-4, 0.694 };
  double complex za, zb;
  eis_circuit_eval (fx->c, p, 731.9, &za, NULL);
  eis_circuit_eval (fx->c2, p, 731.9, &zb, NULL);
  assert_true (za == zb);
}


/* Starting values, bounds and fixed parameters inside the circuit text, both notations. */
static void
test_inline_settings (void **state)
{
  (void) state;
  EisCircuit *c = NULL;
  EisCircuitSettings set;
  EisError err;
  assert_int_equal (eis_circuit_parse_inline ("R0{100}-p(R1{R=1e3/10/1e5},CPE1{Q=2.5e-9, n=0.9f})"
                                              "-CPE2", &c, &set, &err), EIS_OK);
  assert_string_equal (eis_circuit_text (c), "R0-p(R1,CPE1)-CPE2");
  assert_rel (set.init[0], 100, 1e-15);
  assert_rel (set.init[1], 1e3, 1e-15);
  assert_rel (set.lower[1], 10, 1e-15);
  assert_rel (set.upper[1], 1e5, 1e-15);
  assert_rel (set.init[2], 2.5e-9, 1e-15);
  assert_rel (set.init[3], 0.9, 1e-15);
  assert_int_equal (set.fixed[3], 1);
  assert_int_equal (set.fixed[2], 0);
  assert_true (isnan (set.init[4]) && isnan (set.lower[0]) && isnan (set.upper[3]));
  eis_circuit_settings_clear (&set);
  eis_circuit_free (c);
  /* pyimpspec's CDC with labels, Y for a CPE's Q, an open bound */
  assert_int_equal (eis_circuit_parse_inline ("R{R=50:sol}(R{R=250f:ct}C{C=1.5e-6/1e-6/2e-6:dl})"
                                              "Q{Y=3e-6/inf/,n=0.8}", &c, &set, &err), EIS_OK);
  assert_string_equal (eis_circuit_text (c), "R0-p(R1,C1)-CPE2");
  assert_rel (set.init[0], 50, 1e-15);
  assert_int_equal (set.fixed[1], 1);
  assert_rel (set.init[1], 250, 1e-15);
  assert_rel (set.lower[2], 1e-6, 1e-15);
  assert_rel (set.upper[2], 2e-6, 1e-15);
  assert_rel (set.init[3], 3e-6, 1e-15);
  assert_true (isnan (set.lower[3]) && isnan (set.upper[3]));
  assert_rel (set.init[4], 0.8, 1e-15);
  eis_circuit_settings_clear (&set);
  eis_circuit_free (c);
  /* unnumbered impedance.py elements count in order of the text */
  assert_int_equal (eis_circuit_parse_inline ("R-p(R{7},C{C=3e-9})", &c, &set, &err), EIS_OK);
  assert_rel (set.init[1], 7, 1e-15);
  assert_rel (set.init[2], 3e-9, 1e-15);
  eis_circuit_settings_clear (&set);
  eis_circuit_free (c);
  /* errors name the column and what was expected */
  assert_int_equal (eis_circuit_parse_inline ("R0-CPE1{m=1}", &c, &set, &err), EIS_ERR_PARSE);
  assert_non_null (strstr (err.message, "column 9: \"m\" is not a parameter of CPE1 (it has Q, n)"));
  assert_int_equal (eis_circuit_parse_inline ("R0{1", &c, &set, &err), EIS_ERR_PARSE);
  assert_non_null (strstr (err.message, "column 3: '{' is never closed"));
  assert_int_equal (eis_circuit_parse_inline ("R0{R=abc}", &c, &set, &err), EIS_ERR_PARSE);
  assert_non_null (strstr (err.message, "expected a number"));
  assert_int_equal (eis_circuit_parse_inline ("R0{R=1/2}", &c, &set, &err), EIS_ERR_PARSE);
  assert_non_null (strstr (err.message, "VALUE/LOW/HIGH"));
  assert_null (c);
  /* without blocks: the plain parser, no settings */
  assert_int_equal (eis_circuit_parse_inline ("R(RQ)Q", &c, &set, &err), EIS_OK);
  assert_null (set.init);
  eis_circuit_free (c);
}

/* Repeats A N times, then B, then C N times, into fx->text. */
static const char *
build (Fixture *fx, const char *a, size_t n, const char *b, const char *c)
{
  size_t la = strlen (a), lb = strlen (b), lc = strlen (c);
  free (fx->text);
  fx->text = malloc (n * (la + lc) + lb + 1);
  assert_non_null (fx->text);
  char *p = fx->text;
  for (size_t i = 0; i < n; i++, p += la)
    memcpy (p, a, la);
  memcpy (p, b, lb);
  p += lb;
  for (size_t i = 0; i < n; i++, p += lc)
    memcpy (p, c, lc);
  *p = '\0';
  return fx->text;
}

static void
assert_parse_error (const char *text, const char *message)
{
  EisCircuit *c = NULL;
  EisError err = { 0 };
  int st = eis_circuit_parse (text, &c, &err);
  if (st != EIS_ERR_PARSE || strstr (err.message, message) == NULL)
    {
      print_error ("status %d, message \"%s\", expected \"%s\"\n", st, err.message, message);
      fail ();
    }
  assert_null (c);
}

/* Hostile circuits: nesting to the limit works (and evaluates to the ladder's impedance),
 * deeper nesting and more elements are parse errors instead of a stack overflow or minutes
 * of labelling, and an error deep in a long text quotes the text around it. */
static void
test_limits (void **state)
{
  Fixture *fx = *state;
  /* p(R0,p(R1,...p(R255,C0)...)): 256 levels, the limit */
  parse_into (&fx->c, build (fx, "p(R,", EIS_CIRCUIT_MAX_DEPTH - 1, "p(R,C)", ")"));
  size_t P = eis_circuit_n_params (fx->c);
  assert_int_equal (P, EIS_CIRCUIT_MAX_DEPTH + 1);
  double *p = malloc (P * sizeof *p);
  assert_non_null (p);
  for (size_t k = 0; k < P; k++)
    p[k] = eis_circuit_param_kind (fx->c, k) == EIS_PARAM_EXPONENT ? 0.8 : 2.385e3;
  long ic = eis_circuit_param_index (fx->c, "C0");
  assert_true (ic >= 0);
  p[ic] = 4.71e-7;
  double omega = TWO_PI * 1.37e3;
  /* the ladder from the inside out: Z = 1 / (1/R + 1/Z_inner), Z_C = 1 / (j w C) */
  double complex want = 1.0 / (1.0 / 2.385e3 + I * omega * 4.71e-7);
  for (int k = 0; k < EIS_CIRCUIT_MAX_DEPTH - 1; k++)
    want = 1.0 / (1.0 / 2.385e3 + 1.0 / want);
  double complex z;
  eis_circuit_eval (fx->c, p, omega, &z, NULL);
  free (p);
  assert_crel (z, want, 1e-10);

  assert_parse_error (build (fx, "p(R,", EIS_CIRCUIT_MAX_DEPTH, "p(R,C)", ")"),
                      "column 1026: parentheses nested deeper than 256 levels");
  /* 40,000 levels overflowed the stack of the recursive parser */
  assert_parse_error (build (fx, "p(", 40000, "R,C", ")"),
                      "column 514: parentheses nested deeper than 256 levels");
  assert_parse_error (build (fx, "(", 20000, "RC", ")"), "nested deeper than 256 levels");

  /* 1024 elements: R5, then unnumbered ones that take the smallest free numbers */
  build (fx, "", EIS_CIRCUIT_MAX_ELEMENTS - 1, "R5", "-R");
  parse_into (&fx->c, fx->text);
  assert_int_equal (eis_circuit_n_params (fx->c), EIS_CIRCUIT_MAX_ELEMENTS);
  assert_string_equal (eis_circuit_param_name (fx->c, 0), "R5");
  assert_string_equal (eis_circuit_param_name (fx->c, 1), "R0");
  assert_string_equal (eis_circuit_param_name (fx->c, 5), "R4");
  assert_string_equal (eis_circuit_param_name (fx->c, 6), "R6");
  assert_string_equal (eis_circuit_param_name (fx->c, EIS_CIRCUIT_MAX_ELEMENTS - 1), "R1023");
  /* CDC: 1024 letters in series, each in its own group k */
  parse_into (&fx->c, build (fx, "R", EIS_CIRCUIT_MAX_ELEMENTS, "", ""));
  assert_string_equal (eis_circuit_param_name (fx->c, EIS_CIRCUIT_MAX_ELEMENTS - 1), "R1023");
  /* one more is refused, at the column of the 1025th */
  assert_parse_error (build (fx, "R-", EIS_CIRCUIT_MAX_ELEMENTS, "R", ""),
                      "column 2049: more than 1024 elements");
  assert_parse_error (build (fx, "Q", 30000, "", ""), "column 1025: more than 1024 elements");

  /* An error in the middle of a long text: its column and the text around it, whole. */
  build (fx, "CPE-", 500, "x", "-Zarc");
  EisError err = { 0 };
  EisCircuit *c = NULL;
  assert_int_equal (eis_circuit_parse (fx->text, &c, &err), EIS_ERR_PARSE);
  assert_non_null (strstr (err.message, "column 2001: unknown element \"x\""));
  assert_non_null (strstr (err.message, "(near \"...E-CPE-CPE-CPE-CPE-CPE-CPE-CPE-x-Zarc-Zarc-"));
  assert_true (strlen (err.message) < 300);
  /* a duplicate label after a thousand elements names both columns */
  assert_parse_error (build (fx, "R-", 1000, "R7-C-R7", ""),
                      "column 2006: duplicate label \"R7\" (first at column 2001)");
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_inline_settings),
    cmocka_unit_test_setup_teardown (test_impedance_py, setup, teardown),
    cmocka_unit_test_setup_teardown (test_labels_and_spelling, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cdc, setup, teardown),
    cmocka_unit_test_setup_teardown (test_notations_equivalent, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nested_randles, setup, teardown),
    cmocka_unit_test_setup_teardown (test_param_table, setup, teardown),
    cmocka_unit_test (test_errors),
    cmocka_unit_test_setup_teardown (test_circuit_derivatives, setup, teardown),
    cmocka_unit_test_setup_teardown (test_dup, setup, teardown),
    cmocka_unit_test_setup_teardown (test_limits, setup, teardown),
  };
  return cmocka_run_group_tests_name ("circuit", tests, NULL, NULL);
}
