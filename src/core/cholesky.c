/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cholesky factorisation of small dense systems, the same to the last bit as GSL 2.7's
 * gsl_linalg_cholesky_decomp1 with the reference CBLAS (libgslcblas), and several times
 * faster at the fitter's sizes (9 x 9 to about 64 x 64), where GSL's cost is the reference
 * BLAS's calls and strided loops rather than the arithmetic.
 *
 * The algorithm is GSL's: recursive (Ahmed & Gustavson), splitting N into N1 = ((N + 8) / 16) 8
 * (N / 2 below 16) and N2 = N - N1 above 24 rows; L11 by recursion, L21 = A21 L11^-T
 * (dtrsm), A22 -= L21 L21^T (dsyrk), L22 by recursion; up to 24 rows the left-looking level-2
 * factorisation (a dgemv and a dscal per column). Every element of the result is formed by
 * the same operations in the same order as there: each dot product summed from 0.0 over its
 * index in increasing order and then subtracted, each triangular-solve update subtracted in
 * the order of the columns, each column scaled by the reciprocal of its pivot's square root.
 * What differs is only which independent elements are computed together (four at a time
 * where the data are laid out for it). tests/unit/test-cholesky.c holds it to GSL bit for bit
 * on random systems of every size from 1 to 80, and the fits' output is unchanged. */
#include "cholesky.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#define CROSSOVER 24
#define SPLIT(n) ((n) >= 16 ? (((n) + 8) / 16) * 8 : (n) / 2)
/* The largest block the four-wide update uses (scratch on the stack); beyond it, plain loops
 * (the same arithmetic). */
#define MAXB 64

/* Four doubles; where the processor has AVX2, the copies of the updates made for it (no fused
 * multiply-add, so the same sums to the last bit) are chosen when the program starts. */
typedef double V4 __attribute__ ((vector_size (32)));

/* Left-looking level-2 factorisation of the N x N block at A: for each column j, A(j:n, j) -=
 * A(j:n, 0:j) A(j, 0:j)^T (each a dot product from 0.0, subtracted), then the column, pivot
 * included, times 1 / sqrt(pivot). */
static int
chol_l2 (double *A, size_t tda, size_t n)
{
  for (size_t j = 0; j < n; j++)
    {
      const double *w = A + j * tda;
      if (j > 0)
        for (size_t i = j; i < n; i++)
          {
            const double *r = A + i * tda;
            double t = 0.0;
            for (size_t k = 0; k < j; k++)
              t += w[k] * r[k];
            A[i * tda + j] += -1.0 * t;
          }
      double ajj = A[j * tda + j];
      if (ajj <= 0.0)
        return GSL_EDOM;
      double s = 1.0 / sqrt (ajj);
      for (size_t i = j; i < n; i++)
        A[i * tda + j] = s * A[i * tda + j];
    }
  return 0;
}

/* B (N2 x N1) = B L^-T for the lower-triangular L (N1 x N1): row by row, column j of the row
 * divided by L_jj and then subtracted, times L_kj, from every later column k. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
trsm_rlt (const double *L, double *B, size_t tda, size_t n1, size_t n2)
{
  if (n1 > MAXB)
    {
      for (size_t i = 0; i < n2; i++)
        {
          double *b = B + i * tda;
          for (size_t j = 0; j < n1; j++)
            {
              b[j] /= L[j * tda + j];
              double bj = b[j];
              for (size_t k = j + 1; k < n1; k++)
                b[k] -= L[k * tda + j] * bj;
            }
        }
      return;
    }
  /* Four rows of B at a time, held column by column (Bt[k] = their column k), so that the
   * four independent rows' divisions and updates go together, an instruction each. */
  V4 Bt[MAXB];
  for (size_t i0 = 0; i0 < n2; i0 += 4)
    {
      size_t m = n2 - i0 < 4 ? n2 - i0 : 4;
      for (size_t k = 0; k < n1; k++)
        {
          V4 v = { 0.0, 0.0, 0.0, 0.0 };
          for (size_t r = 0; r < m; r++)
            v[r] = B[(i0 + r) * tda + k];
          Bt[k] = v;
        }
      for (size_t j = 0; j < n1; j++)
        {
          double ljj = L[j * tda + j];
          V4 d = { ljj, ljj, ljj, ljj };
          Bt[j] = Bt[j] / d;
          V4 bj = Bt[j];
          for (size_t k = j + 1; k < n1; k++)
            Bt[k] -= L[k * tda + j] * bj;
        }
      for (size_t k = 0; k < n1; k++)
        for (size_t r = 0; r < m; r++)
          B[(i0 + r) * tda + k] = Bt[k][r];
    }
}

/* C (N x N, lower triangle) += -1 A A^T for A (N x K): each element's dot product from 0.0
 * over k in order, then added times -1. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
syrk_ln (const double *A, double *C, size_t tda, size_t n, size_t K)
{
  if (K > MAXB || n > MAXB)
    {
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j <= i; j++)
          {
            double t = 0.0;
            for (size_t k = 0; k < K; k++)
              t += A[i * tda + k] * A[j * tda + k];
            C[i * tda + j] += -1.0 * t;
          }
      return;
    }
  /* At[k][j] = A_jk (columns padded to a multiple of 4), so that four elements of a row of C
   * are summed together, each over k in order. */
  double At[MAXB * (MAXB + 4)];
  size_t ld = (n + 3) & ~(size_t) 3;
  for (size_t k = 0; k < K; k++)
    {
      for (size_t j = 0; j < n; j++)
        At[k * ld + j] = A[j * tda + k];
      for (size_t j = n; j < ld; j++)
        At[k * ld + j] = 0.0;
    }
  for (size_t i = 0; i < n; i++)
    {
      const double *a = A + i * tda;
      double *c = C + i * tda;
      for (size_t j = 0; j <= i; j += 4)
        {
          V4 t = { 0.0, 0.0, 0.0, 0.0 };
          for (size_t k = 0; k < K; k++)
            {
              V4 v;
              memcpy (&v, At + k * ld + j, sizeof v);
              t += a[k] * v;
            }
          for (size_t m = 0; m < 4 && j + m <= i; m++)
            c[j + m] += -1.0 * t[m];
        }
    }
}

static int
chol_rec (double *A, size_t tda, size_t n)
{
  if (n <= CROSSOVER)
    return chol_l2 (A, tda, n);
  size_t n1 = SPLIT (n), n2 = n - n1;
  double *A21 = A + n1 * tda, *A22 = A21 + n1;
  int status = chol_rec (A, tda, n1);
  if (status)
    return status;
  trsm_rlt (A, A21, tda, n1, n2);
  syrk_ln (A21, A22, tda, n2, n1);
  return chol_rec (A22, tda, n2);
}

int
eis_cholesky_decomp (double *A, size_t tda, size_t n)
{
  for (size_t i = 1; i < n; i++)
    for (size_t j = 0; j < i; j++)
      A[j * tda + i] = A[i * tda + j];
  return chol_rec (A, tda, n);
}

void
eis_cholesky_solve (const double *LLT, size_t tda, size_t n, const double *b, double *x)
{
  if (x != b)
    memcpy (x, b, n * sizeof *x);
  if (n == 0)
    return;
  /* L c = b, forward */
  x[0] = x[0] / LLT[0];
  for (size_t i = 1; i < n; i++)
    {
      const double *l = LLT + i * tda;
      double t = x[i];
      for (size_t j = 0; j < i; j++)
        t -= l[j] * x[j];
      x[i] = t / l[i];
    }
  /* L^T x = c, backward (column i of L below the diagonal) */
  x[n - 1] = x[n - 1] / LLT[(n - 1) * tda + n - 1];
  for (size_t i = n - 1; i-- > 0;)
    {
      double t = x[i];
      for (size_t j = i + 1; j < n; j++)
        t -= LLT[j * tda + i] * x[j];
      x[i] = t / LLT[i * tda + i];
    }
}
