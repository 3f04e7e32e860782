/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Householder QR, the same operations in the same order as GSL 2.7's gsl_linalg_QR_decomp
 * (gsl_linalg_householder_transform and _left over the reference BLAS's dnrm2, dscal, dgemv
 * and dger), so that every element is the same double; without the BLAS's calls, strides and
 * gsl_matrix views it takes about a third of the time on the fitter's 158 x 9 Jacobians.
 * For column i: the norm of the column below the diagonal (scaled sum of squares), beta =
 * -sign(alpha) hypot(alpha, norm), tau = (beta - alpha) / beta, the column below the
 * diagonal times 1 / (alpha - beta); then w = A^T v over the remaining columns (v_0 = 1;
 * row by row, a row skipped where v_r is 0) and A -= v (tau w)^T row by row.
 * tests/unit/test-qr.c holds it to GSL bit for bit. */
#include "qr.h"

#include <float.h>
#include <math.h>
#include <string.h>

double
eis_nrm2_ref (const double *x, size_t s, size_t n)
{
  if (n == 0)
    return 0;
  if (n == 1)
    return fabs (x[0]);
  double scale = 0.0, ssq = 1.0;
  for (size_t i = 0; i < n; i++)
    {
      double v = x[i * s];
      if (v != 0.0)
        {
          double ax = fabs (v);
          if (scale < ax)
            {
              ssq = 1.0 + ssq * (scale / ax) * (scale / ax);
              scale = ax;
            }
          else
            ssq += (ax / scale) * (ax / scale);
        }
    }
  return scale * sqrt (ssq);
}

/* gsl_linalg_householder_transform of the column of N values at V (stride S) */
static double
householder (double *v, size_t s, size_t n)
{
  if (n == 1)
    return 0.0;
  double xnorm = eis_nrm2_ref (v + s, s, n - 1);
  if (xnorm == 0)
    return 0.0;
  double alpha = v[0];
  double beta = -(alpha >= 0 ? 1 : -1) * hypot (alpha, xnorm);
  double tau = (beta - alpha) / beta;
  double d = alpha - beta;
  if (fabs (d) > DBL_MIN)
    {
      double f = 1.0 / d;
      for (size_t i = 1; i < n; i++)
        v[i * s] = f * v[i * s];
    }
  else
    {
      double f = DBL_EPSILON / d, g = 1.0 / DBL_EPSILON;
      for (size_t i = 1; i < n; i++)
        v[i * s] = f * v[i * s];
      for (size_t i = 1; i < n; i++)
        v[i * s] = g * v[i * s];
    }
  v[0] = beta;
  return tau;
}

typedef double V4 __attribute__ ((vector_size (32)));

/* W (NC) = B^T v for B (NR x NC, row stride TDA) and v (stride TDA): each element summed from
 * 0.0 over the rows in order, a row skipped where v_r is 0 (the reference dgemv's order), four
 * elements at a time in registers (where the processor has AVX2, its copy, without fused
 * multiply-add, is chosen at start). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
gemv_t (const double *B, const double *v, size_t tda, size_t nr, size_t nc, double *w)
{
  size_t c = 0;
  for (; c + 4 <= nc; c += 4)
    {
      V4 acc = { 0.0, 0.0, 0.0, 0.0 };
      for (size_t r = 0; r < nr; r++)
        {
          double x = 1.0 * v[r * tda];
          if (x != 0.0)
            {
              V4 b;
              memcpy (&b, B + r * tda + c, sizeof b);
              acc += x * b;
            }
        }
      memcpy (w + c, &acc, sizeof acc);
    }
  for (; c < nc; c++)
    {
      double acc = 0.0;
      for (size_t r = 0; r < nr; r++)
        {
          double x = 1.0 * v[r * tda];
          if (x != 0.0)
            acc += x * B[r * tda + c];
        }
      w[c] = acc;
    }
}

void
eis_qr_decomp (double *A, size_t tda, size_t m, size_t n, double *tau)
{
  size_t k = m < n ? m : n;
  double work[64];
  for (size_t i = 0; i < k; i++)
    {
      double *v = A + i * tda + i;
      double t = householder (v, tda, m - i);
      tau[i] = t;
      if (i + 1 >= n || t == 0.0)
        continue;
      size_t nc = n - i - 1, nr = m - i;
      double *B = v + 1;       /* rows i.., columns i+1.. */
      double v0 = v[0];
      v[0] = 1.0;
      /* work = B^T v (dgemv, Trans, alpha 1, beta 0) */
      gemv_t (B, v, tda, nr, nc, work);
      /* B += (-tau) v work^T (dger) */
      for (size_t r = 0; r < nr; r++)
        {
          double x = -t * v[r * tda];
          double *b = B + r * tda;
          for (size_t c = 0; c < nc; c++)
            b[c] += work[c] * x;
        }
      v[0] = v0;
    }
}
