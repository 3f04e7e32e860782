/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fitter's Cholesky factorisation and solve (cholesky.c) against GSL 2.7's
 * gsl_linalg_cholesky_decomp1 and gsl_linalg_cholesky_solve, which they replace: on random
 * symmetric positive definite systems of every size from 1 to 80 (and some to 150, past the
 * four-wide scratch of 64), well and badly scaled, with row strides wider than the size, the
 * same status and every element of the factor and of the solution the same double; systems
 * that are not positive definite refused as GSL refuses them. A single difference fails. Also
 * a known factor (a 3 x 3 with an exact one) and a known solution. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "cholesky.h"

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static double
rnd (void)
{
  return test_rand01 (&rng_state);
}

/* A = X^T X scale (+ ridge) with X (n + 5) x n; the pivot at n/2 set to -1 when BREAK. */
static void
random_spd (double *A, size_t tda, size_t n, double scale, double ridge, int brk)
{
  size_t m = n + 5;
  double *X = malloc (m * n * sizeof *X);
  assert_non_null (X);
  for (size_t i = 0; i < m * n; i++)
    X[i] = (rnd () - 0.5) * (i % n == 0 ? 1 + 100 * rnd () : 1);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double t = 0;
        for (size_t k = 0; k < m; k++)
          t += X[k * n + i] * X[k * n + j] * scale;
        A[i * tda + j] = t + (i == j ? ridge : 0);
      }
  if (brk)
    A[(n / 2) * tda + n / 2] = -1;
  free (X);
}

static void
test_same_as_gsl (void **state)
{
  (void) state;
  size_t compared = 0, refused = 0;
  for (int trial = 0; trial < 20; trial++)
    for (size_t n = 1; n <= 150; n += n < 80 ? 1 : 7)
      {
        size_t tda = n + (size_t) (trial % 3);
        double *A = calloc (n * tda, sizeof *A), *B = calloc (n * tda, sizeof *B);
        double *b = malloc (n * sizeof *b), *x1 = malloc (n * sizeof *x1);
        double *x2 = malloc (n * sizeof *x2);
        assert_true (A && B && b && x1 && x2);
        random_spd (A, tda, n, pow (10.0, trial % 7 - 3), trial % 2 ? 1e-3 : 0, trial % 5 == 4);
        memcpy (B, A, n * tda * sizeof *A);
        gsl_matrix_view G = gsl_matrix_view_array_with_tda (A, n, n, tda);
        int s1 = gsl_linalg_cholesky_decomp1 (&G.matrix);
        int s2 = eis_cholesky_decomp (B, tda, n);
        assert_int_equal (s1, s2);
        if (s1 == GSL_SUCCESS)
          {
            for (size_t i = 0; i < n; i++)
              for (size_t j = 0; j < n; j++)
                if (memcmp (&A[i * tda + j], &B[i * tda + j], sizeof (double)) != 0)
                  fail_msg ("n = %zu, trial %d: element (%zu, %zu) %.17g, GSL %.17g", n, trial,
                            i, j, B[i * tda + j], A[i * tda + j]);
            for (size_t i = 0; i < n; i++)
              b[i] = rnd () - 0.3;
            gsl_vector_view bv = gsl_vector_view_array (b, n), xv = gsl_vector_view_array (x1, n);
            assert_int_equal (gsl_linalg_cholesky_solve (&G.matrix, &bv.vector, &xv.vector), 0);
            eis_cholesky_solve (B, tda, n, b, x2);
            assert_memory_equal (x1, x2, n * sizeof *x1);
            eis_cholesky_solve (B, tda, n, b, b);      /* in place */
            assert_memory_equal (x1, b, n * sizeof *x1);
            compared++;
          }
        else
          refused++;
        free (A);
        free (B);
        free (b);
        free (x1);
        free (x2);
      }
  print_message ("%zu factors the same as GSL's to the last bit, %zu refused by both\n", compared,
                 refused);
  assert_true (compared > 1000 && refused > 200);
}

/* [[4, 2, -2], [2, 10, 2], [-2, 2, 6]] = L L^T with L = [[2, 0, 0], [1, 3, 0], [-1, 1, 2]]
 * (every step exact in binary); A x = b for x = (1, -2, 3). */
static void
test_known_factor (void **state)
{
  (void) state;
  double A[9] = { 4, 2, -2, 2, 10, 2, -2, 2, 6 };
  double L[9] = { 2, 0, 0, 1, 3, 0, -1, 1, 2 };
  double xt[3] = { 1, -2, 3 }, b[3], x[3];
  for (int i = 0; i < 3; i++)
    b[i] = A[i * 3] * xt[0] + A[i * 3 + 1] * xt[1] + A[i * 3 + 2] * xt[2];
  assert_int_equal (eis_cholesky_decomp (A, 3, 3), 0);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j <= i; j++)
      assert_rel (A[i * 3 + j], L[i * 3 + j], 1e-15);
  /* the upper triangle keeps the matrix (GSL's layout, for its rcond) */
  assert_rel (A[1], 2, 0);
  assert_rel (A[2], -2, 0);
  assert_rel (A[5], 2, 0);
  eis_cholesky_solve (A, 3, 3, b, x);
  for (int i = 0; i < 3; i++)
    assert_rel (x[i], xt[i], 1e-14);
  double N[4] = { 1, 2, 2, 1 };    /* indefinite */
  assert_int_equal (eis_cholesky_decomp (N, 2, 2), GSL_EDOM);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_same_as_gsl),
    cmocka_unit_test (test_known_factor),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
