/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fitter's Householder QR (qr.c) against GSL 2.7's gsl_linalg_QR_decomp, which it
 * replaces in the covariance: on 2,000 random tall and square matrices of 1 to 24 columns
 * and up to 200 rows, badly scaled and with zero columns, every element of the factored
 * matrix and every coefficient the same double. A single difference fails. Also known truth:
 * R of [3; 4] is -5, and R^T R = A^T A to 1e-12 on a random 158 x 9 matrix. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "qr.h"

static uint64_t rng_state = 0x5851F42D4C957F2DULL;

static double
rnd (void)
{
  return test_rand01 (&rng_state);
}

static void
test_same_as_gsl (void **state)
{
  (void) state;
  for (int trial = 0; trial < 2000; trial++)
    {
      size_t n = 1 + (size_t) trial % 24;
      size_t m = n + (trial % 4 == 0 ? 0 : 1 + (size_t) (rnd () * 176));
      size_t tda = n + (size_t) (trial % 2), k = n;
      double *A = malloc (m * tda * sizeof *A), *B = malloc (m * tda * sizeof *B);
      double t1[24], t2[24];
      assert_true (A && B);
      for (size_t i = 0; i < m * tda; i++)
        A[i] = (trial % 7 == 3 && i % tda == 1) ? 0
               : (rnd () - 0.5) * pow (10.0, (int) (rnd () * 6) - 3);
      memcpy (B, A, m * tda * sizeof *A);
      gsl_matrix_view G = gsl_matrix_view_array_with_tda (A, m, n, tda);
      gsl_vector_view tv = gsl_vector_view_array (t1, k);
      assert_int_equal (gsl_linalg_QR_decomp (&G.matrix, &tv.vector), 0);
      eis_qr_decomp (B, tda, m, n, t2);
      for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++)
          if (memcmp (&A[i * tda + j], &B[i * tda + j], sizeof (double)) != 0)
            fail_msg ("%zu x %zu, trial %d: element (%zu, %zu) %.17g, GSL %.17g", m, n, trial, i,
                      j, B[i * tda + j], A[i * tda + j]);
      assert_memory_equal (t1, t2, k * sizeof *t1);
      free (A);
      free (B);
    }
}

static void
test_known (void **state)
{
  (void) state;
  double a[2] = { 3, 4 }, t[1];
  eis_qr_decomp (a, 1, 2, 1, t);
  assert_rel (a[0], -5, 1e-15);
  assert_rel (t[0], 1.6, 1e-15);       /* (beta - alpha) / beta = (-5 - 3) / -5 */
  enum { M = 158, N = 9 };
  static double A[M * N], R[M * N];
  double tau[N];
  for (size_t i = 0; i < M * N; i++)
    A[i] = R[i] = rnd () - 0.5;
  eis_qr_decomp (R, N, M, N, tau);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < N; j++)
      {
        double ata = 0, rtr = 0;
        for (size_t r = 0; r < M; r++)
          ata += A[r * N + i] * A[r * N + j];
        for (size_t r = 0; r <= (i < j ? i : j); r++)
          rtr += R[r * N + i] * R[r * N + j];
        assert_true (fabs (ata - rtr) <= 1e-12 * (fabs (ata) + 1));
      }
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_same_as_gsl),
    cmocka_unit_test (test_known),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
