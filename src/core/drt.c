/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The distribution of relaxation times: Tikhonov-regularised non-negative least squares on
 * Gaussian radial basis functions (Wan, Saccoccio, Chen & Ciucci, Electrochim. Acta 184 (2015)
 * 483), lambda by GCV, re-im cross-validation or the L-curve (Maradesa et al., J. Electrochem.
 * Soc. 170 (2023) 030502). See drt.h for the model. */
#include "drt.h"
#include "spectrum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

#define GH_NODES 16            /* Gauss-Hermite nodes for the basis integrals: 1e-9 of a
                                * Gaussian's area for the shape factors used (epsilon >= 2.17,
                                * at least 6 basis functions per decade) */
#define OUT_PER_STEP 4         /* gamma is reported at this many points per basis step */
#define LAMBDA_LO_LOG10 (-10.0)
#define LAMBDA_HI_LOG10 0.0   /* beyond, the fit no longer follows the data (normalised units) */
#define TAIL_PHASE_DEG (-60.0)
#define SHORT_RIDGE 1e4
#define PENALTY_BAND 12        /* penalty entries beyond this many grid steps are < 1e-13 */

void
eis_drt_options_init (EisDrtOptions *o)
{
  o->part = EIS_DRT_COMBINED;
  o->lambda_method = EIS_DRT_LAMBDA_MGCV;
  o->lambda = 1e-3;
  o->derivative = 1;
  o->f_min_hz = NAN;
  o->f_max_hz = NAN;
  o->keep_tail = 0;
  o->inductance = EIS_DRT_AUTO;
  o->peak_min_fraction = 0.01;
  o->peak_min_prominence = 0.10;
  o->min_points = 10;
  o->n_boot = 0;
}

const char *
eis_drt_lambda_method_name (int method)
{
  switch (method)
    {
    case EIS_DRT_LAMBDA_GCV: return "GCV";
    case EIS_DRT_LAMBDA_MGCV: return "modified GCV";
    case EIS_DRT_LAMBDA_REIM: return "re-im CV";
    case EIS_DRT_LAMBDA_LCURVE: return "L-curve";
    default: return "given";
    }
}

void
eis_drt_result_free (EisDrtResult *r)
{
  if (r == NULL)
    return;
  free (r->freq_hz);
  free (r->z_re);
  free (r->z_im);
  free (r->z_re_fit);
  free (r->z_im_fit);
  free (r->tau_s);
  free (r->gamma_ohm);
  free (r->peaks);
  free (r);
}

/* Gauss-Hermite nodes and weights (weight e^(-t^2)) turned into the quantities the basis
 * integrals need for one shape factor: e^u, e^(2u) at u = t/epsilon and w/epsilon. */
typedef struct {
  double eu[GH_NODES], e2u[GH_NODES], w[GH_NODES];
} Quad;

static int
quad_init (Quad *q, double epsilon)
{
  gsl_integration_fixed_workspace *ws
    = gsl_integration_fixed_alloc (gsl_integration_fixed_hermite, GH_NODES, 0.0, 1.0, 0.0, 0.0);
  if (ws == NULL)
    return -1;
  const double *t = gsl_integration_fixed_nodes (ws), *w = gsl_integration_fixed_weights (ws);
  for (size_t k = 0; k < GH_NODES; k++)
    {
      double u = t[k] / epsilon;
      q->eu[k] = exp (u);
      q->e2u[k] = exp (2 * u);
      q->w[k] = w[k] / epsilon;
    }
  gsl_integration_fixed_free (ws);
  return 0;
}

/* Z of a unit-weight Gaussian at omega tau_k = WT (see eis_drt_basis_impedance). */
static void
basis_z (const Quad *q, double wt, double *re, double *im)
{
  double a = 0, b = 0, wt2 = wt * wt;
  for (size_t k = 0; k < GH_NODES; k++)
    {
      double d = q->w[k] / (1.0 + wt2 * q->e2u[k]);
      a += d;
      b += d * q->eu[k];
    }
  *re = a;
  *im = -wt * b;
}

void
eis_drt_basis_impedance (double wt, double epsilon, double *re, double *im)
{
  Quad q;
  if (quad_init (&q, epsilon) != 0)
    {
      *re = *im = NAN;
      return;
    }
  basis_z (&q, wt, re, im);
}

/* Gram matrix of the DERIV-th derivatives of the Gaussians phi(x - x_i), phi(x) =
 * exp(-(eps x)^2), on a grid of step DELTA: with C(s) = integral phi(x) phi(x + s) dx =
 * sqrt(pi/2)/eps exp(-eps^2 s^2 / 2), the first derivatives give -C''(s) and the second
 * C''''(s) (the infinite-domain forms pyDRTtools uses). */
static double
penalty_entry (int deriv, double eps, double s)
{
  double e2 = eps * eps * s * s, g = exp (-0.5 * e2), c = sqrt (M_PI / 2);
  if (deriv == 2)
    return c * eps * eps * eps * (e2 * e2 - 6 * e2 + 3) * g;
  return c * eps * (1 - e2) * g;
}

/* Everything about one least-squares sub-problem (real rows, imaginary rows, or both) that
 * the lambda criteria need, in the standard form of the Tikhonov problem: the unpenalised
 * columns (R_inf, L) projected out, y = R x with M = R^T R, and the tridiagonal reduction
 * B = Q T Q^T of the projected normal matrix B = R^-T G R^-1, so that every quantity at a
 * lambda costs O(m) (tridiagonal solves with T + lambda I). */
typedef struct {
  int ready;
  size_t rows;      /* residuals in the sub-problem */
  size_t p0;        /* unpenalised columns with a non-zero column */
  double gcv_rho;   /* 1 for GCV, 1.3 or 2 for modified GCV */
  double pb2;       /* |P b|^2 */
  gsl_matrix *G;    /* projected A1^T A1 (m x m) */
  gsl_vector *c;    /* projected A1^T b */
  gsl_matrix *QR;   /* B reduced: T on the diagonal and subdiagonal, Householder vectors below */
  gsl_vector *tau;  /* Householder coefficients (m - 1) */
  double *diag, *sub; /* T (m, m - 1) */
  double *dq;       /* Q^T R^-T c */
  double *z1, *z2, *piv, *bpiv; /* scratch (m each) */
} Spectral;

static void
spectral_free (Spectral *sp)
{
  gsl_matrix_free (sp->G);
  gsl_vector_free (sp->c);
  gsl_matrix_free (sp->QR);
  gsl_vector_free (sp->tau);
  free (sp->diag);
  memset (sp, 0, sizeof *sp);
}

/* Q^T v (TRANSPOSE) or Q v in place, Q = H_0 H_1 ... H_(m-3) as gsl_linalg_symmtd_unpack
 * builds it. */
static void
spectral_apply_q (const Spectral *sp, double *v, int transpose)
{
  size_t m = sp->QR->size1;
  if (m < 3)
    return;
  gsl_vector_view vv = gsl_vector_view_array (v, m);
  for (size_t k = 0; k + 2 < m; k++)
    {
      size_t i = transpose ? k : m - 3 - k;
      gsl_vector_const_view col = gsl_matrix_const_column (sp->QR, i);
      gsl_vector_const_view h = gsl_vector_const_subvector (&col.vector, i + 1, m - i - 1);
      gsl_vector_view w = gsl_vector_subvector (&vv.vector, i + 1, m - i - 1);
      gsl_linalg_householder_hv (gsl_vector_get (sp->tau, i), &h.vector, &w.vector);
    }
}

/* R^-T y in place, and R^-1 y, for the Cholesky factor R (upper triangular) of the penalty,
 * which is banded: the penalty's entries beyond PENALTY_BAND steps are set to zero (they are
 * below 1e-13 of its diagonal), and a banded matrix's Cholesky factor keeps its band. STRIDE
 * steps through Y (1 for a vector, tda for a matrix column). */
static void
band_solve_rt (const gsl_matrix *R, double *y, size_t stride)
{
  size_t m = R->size1;
  for (size_t j = 0; j < m; j++)
    {
      double v = y[j * stride];
      for (size_t i = j > PENALTY_BAND ? j - PENALTY_BAND : 0; i < j; i++)
        v -= R->data[i * R->tda + j] * y[i * stride];
      y[j * stride] = v / R->data[j * R->tda + j];
    }
}

static void
band_solve_r (const gsl_matrix *R, double *y)
{
  size_t m = R->size1;
  for (size_t j = m; j-- > 0;)
    {
      double v = y[j];
      const double *row = R->data + j * R->tda;
      for (size_t i = j + 1; i < m && i <= j + PENALTY_BAND; i++)
        v -= row[i] * y[i];
      y[j] = v / row[j];
    }
}

/* Builds SP from the normal matrix H ((2 + m) x (2 + m), columns R_inf, L, basis), the
 * right-hand side G0 = A^T b, B2 = b^T b, ROWS and the Cholesky factor R of the penalty. */
static int
spectral_build (Spectral *sp, const gsl_matrix *H, const gsl_vector *g0, double b2, size_t rows,
                const gsl_matrix *R)
{
  size_t m = H->size1 - 2;
  sp->rows = rows;
  sp->G = gsl_matrix_alloc (m, m);
  sp->c = gsl_vector_alloc (m);
  sp->QR = gsl_matrix_alloc (m, m);
  sp->tau = gsl_vector_alloc (m > 1 ? m - 1 : 1);
  sp->diag = malloc (7 * m * sizeof (double));
  if (!sp->G || !sp->c || !sp->QR || !sp->tau || !sp->diag)
    return EIS_ERR_NOMEM;
  sp->sub = sp->diag + m;
  sp->dq = sp->diag + 2 * m;
  sp->z1 = sp->diag + 3 * m;
  sp->z2 = sp->diag + 4 * m;
  sp->piv = sp->diag + 5 * m;
  sp->bpiv = sp->diag + 6 * m;
  gsl_matrix_const_view H11 = gsl_matrix_const_submatrix (H, 2, 2, m, m);
  gsl_matrix_memcpy (sp->G, &H11.matrix);
  gsl_vector_const_view g1 = gsl_vector_const_subvector (g0, 2, m);
  gsl_vector_memcpy (sp->c, &g1.vector);
  sp->pb2 = b2;
  sp->p0 = 0;
  /* R_inf's column lives on the real rows, L's on the imaginary ones: they are orthogonal,
   * so each is projected out on its own. */
  for (size_t k = 0; k < 2; k++)
    {
      double nk = gsl_matrix_get (H, k, k);
      if (!(nk > 0))
        continue;
      sp->p0++;
      gsl_vector_const_view row = gsl_matrix_const_row (H, k);
      gsl_vector_const_view h = gsl_vector_const_subvector (&row.vector, 2, m);
      double gk = gsl_vector_get (g0, k);
      gsl_blas_dger (-1.0 / nk, &h.vector, &h.vector, sp->G);
      gsl_blas_daxpy (-gk / nk, &h.vector, sp->c);
      sp->pb2 -= gk * gk / nk;
    }
  if (sp->pb2 < 0)
    sp->pb2 = 0;
  /* B = R^-T G R^-1, d = R^-T c */
  gsl_matrix *B = sp->QR;
  /* rows of G (= its columns) through R^-T give the rows of G R^-1; its columns through R^-T
   * then give B */
  gsl_matrix_memcpy (B, sp->G);
  for (size_t c = 0; c < m; c++)
    band_solve_rt (R, B->data + c * B->tda, 1);
  for (size_t c = 0; c < m; c++)
    band_solve_rt (R, B->data + c, B->tda);
  for (size_t i = 0; i < m; i++)   /* symmetrise against round-off */
    for (size_t j = i + 1; j < m; j++)
      {
        double v = 0.5 * (gsl_matrix_get (B, i, j) + gsl_matrix_get (B, j, i));
        gsl_matrix_set (B, i, j, v);
        gsl_matrix_set (B, j, i, v);
      }
  gsl_vector_view d = gsl_vector_view_array (sp->dq, m);
  gsl_vector_memcpy (&d.vector, sp->c);
  band_solve_rt (R, sp->dq, 1);
  if (m > 1 && gsl_linalg_symmtd_decomp (B, sp->tau) != GSL_SUCCESS)
    return EIS_ERR_FIT;
  for (size_t i = 0; i < m; i++)
    {
      sp->diag[i] = gsl_matrix_get (B, i, i);
      if (i + 1 < m)
        sp->sub[i] = gsl_matrix_get (B, i + 1, i);
    }
  spectral_apply_q (sp, sp->dq, 1);
  sp->ready = 1;
  return EIS_OK;
}

/* Solves (T + lambda I) v = v in place with the pivots PIV of its LDL^T factorisation. */
static void
tri_solve (const Spectral *sp, const double *piv, double *v)
{
  size_t m = sp->QR->size1;
  for (size_t i = 1; i < m; i++)
    v[i] -= sp->sub[i - 1] / piv[i - 1] * v[i - 1];
  for (size_t i = 0; i < m; i++)
    v[i] /= piv[i];
  for (size_t i = m - 1; i-- > 0;)
    v[i] -= sp->sub[i] / piv[i] * v[i + 1];
}

/* Pivots of T + lambda I (forward LDL^T); T is positive semi-definite, so they are > 0. */
static void
tri_pivots (const Spectral *sp, double lambda, double *piv)
{
  size_t m = sp->QR->size1;
  piv[0] = sp->diag[0] + lambda;
  for (size_t i = 1; i < m; i++)
    piv[i] = sp->diag[i] + lambda - sp->sub[i - 1] * sp->sub[i - 1] / piv[i - 1];
}

/* Residual |r|^2 of the unconstrained solution at LAMBDA, its effective degrees of freedom
 * tr(K), the seminorm eta = x^T M x, and their first and second derivatives in lambda:
 * with z1 = (T + lambda)^-1 d, z2 = (T + lambda)^-1 z1: eta = |z1|^2, eta' = -2 z1.z2,
 * eta'' = 6 |z2|^2, rho = |Pb|^2 - d.z1 - lambda |z1|^2, rho' = -lambda eta',
 * rho'' = -eta' - lambda eta'', tr K = p0 + m - lambda tr (T + lambda)^-1. */
typedef struct {
  double rho, trk, eta, drho, d2rho, deta, d2eta;
} SpectralAt;

static SpectralAt
spectral_at (const Spectral *sp, double lambda, int want_trace)
{
  size_t m = sp->QR->size1;
  double *z1 = sp->z1, *z2 = sp->z2, *piv = sp->piv, *bp = sp->bpiv;
  tri_pivots (sp, lambda, piv);
  memcpy (z1, sp->dq, m * sizeof *z1);
  tri_solve (sp, piv, z1);
  memcpy (z2, z1, m * sizeof *z2);
  tri_solve (sp, piv, z2);
  SpectralAt a = { 0, 0, 0, 0, 0, 0, 0 };
  double dz = 0, z11 = 0, z12 = 0, z22 = 0;
  for (size_t i = 0; i < m; i++)
    {
      dz += sp->dq[i] * z1[i];
      z11 += z1[i] * z1[i];
      z12 += z1[i] * z2[i];
      z22 += z2[i] * z2[i];
    }
  a.eta = z11;
  a.deta = -2 * z12;
  a.d2eta = 6 * z22;
  /* below 1e-9 |Pb|^2 the difference is round-off, not a residual: flagged by rho = 0 */
  a.rho = sp->pb2 - dz - lambda * z11;
  if (!(a.rho > 1e-9 * sp->pb2))
    a.rho = 0;
  a.drho = -lambda * a.deta;
  a.d2rho = -a.deta - lambda * a.d2eta;
  if (want_trace)
    {
      /* diagonal of the inverse from the forward and backward pivots:
       * (A^-1)_ii = 1 / (f_i + b_i - a_ii) */
      bp[m - 1] = sp->diag[m - 1] + lambda;
      for (size_t i = m - 1; i-- > 0;)
        bp[i] = sp->diag[i] + lambda - sp->sub[i] * sp->sub[i] / bp[i + 1];
      double tr = 0;
      for (size_t i = 0; i < m; i++)
        tr += 1.0 / (piv[i] + bp[i] - sp->diag[i] - lambda);
      a.trk = (double) sp->p0 + (double) m - lambda * tr;
    }
  return a;
}

/* Generalised cross-validation (Golub, Heath & Wahba 1979): rows |r|^2 / (rows - tr K)^2;
 * modified GCV (Kim & Gu, J. R. Stat. Soc. B 66 (2004) 337; Maradesa et al. 2023 eq. 15)
 * replaces tr K by rho tr K (rho 1.3 below 50 frequencies, 2 from 50), which stops GCV's
 * drift to too small a lambda. */
static double
gcv_score (const Spectral *sp, double lambda)
{
  SpectralAt a = spectral_at (sp, lambda, 1);
  double dof = (double) sp->rows - sp->gcv_rho * a.trk;
  if (!(dof > 0) || !(a.rho > 0))
    return INFINITY;
  return (double) sp->rows * a.rho / (dof * dof);
}

/* Minus the curvature of the L-curve (log |r|, log |Lx|) at LAMBDA (Hansen 1992), so that the
 * corner is a minimum like the other criteria. */
static double
lcurve_score (const Spectral *sp, double lambda)
{
  SpectralAt a = spectral_at (sp, lambda, 0);
  if (!(a.rho > 0 && a.eta > 0))
    return INFINITY;
  /* derivatives of ln rho and ln eta in t = ln lambda */
  double r1 = lambda * a.drho / a.rho;
  double r2 = r1 + lambda * lambda * a.d2rho / a.rho - r1 * r1;
  double e1 = lambda * a.deta / a.eta;
  double e2 = e1 + lambda * lambda * a.d2eta / a.eta - e1 * e1;
  double den = pow (r1 * r1 + e1 * e1, 1.5);
  if (!(den > 0))
    return INFINITY;
  return -(r1 * e2 - r2 * e1) / den;
}

/* The unconstrained penalised solution x1 (basis weights) of SP at LAMBDA into X:
 * x1 = R^-1 Q (T + lambda)^-1 Q^T d. */
static void
spectral_solution (const Spectral *sp, const gsl_matrix *R, double lambda, gsl_vector *x)
{
  size_t m = sp->QR->size1;
  tri_pivots (sp, lambda, sp->piv);
  memcpy (x->data, sp->dq, m * sizeof (double));
  tri_solve (sp, sp->piv, x->data);
  spectral_apply_q (sp, x->data, 0);
  band_solve_r (R, x->data);
}

/* |P (b - A1 x)|^2 of sub-problem SP for basis weights X (TMP: workspace of the same size). */
static double
spectral_misfit (const Spectral *sp, const gsl_vector *x, gsl_vector *tmp)
{
  double cx, xgx;
  gsl_blas_dsymv (CblasUpper, 1.0, sp->G, x, 0.0, tmp);
  gsl_blas_ddot (x, tmp, &xgx);
  gsl_blas_ddot (x, sp->c, &cx);
  return fmax (0.0, sp->pb2 - 2 * cx + xgx);
}

/* Re-im cross-validation (Saccoccio et al., Electrochim. Acta 147 (2014) 470): the weights
 * fitted to Z' predict Z'' (up to the inductance, which Z' does not see) and the reverse
 * (up to R_inf); the score is the sum of both prediction errors. */
typedef struct {
  const Spectral *re, *im;
  const gsl_matrix *R;
  gsl_vector *x, *tmp;
} ReIm;

static double
reim_score (const ReIm *ri, double lambda)
{
  spectral_solution (ri->re, ri->R, lambda, ri->x);
  double e = spectral_misfit (ri->im, ri->x, ri->tmp);
  spectral_solution (ri->im, ri->R, lambda, ri->x);
  return e + spectral_misfit (ri->re, ri->x, ri->tmp);
}

typedef double (*ScoreFn) (const void *data, double lambda);

static double
score_gcv (const void *d, double l)
{
  return gcv_score (d, l);
}

static double
score_lcurve (const void *d, double l)
{
  return lcurve_score (d, l);
}

static double
score_reim (const void *d, double l)
{
  return reim_score (d, l);
}

/* Minimises SCORE over log10 lambda in [LAMBDA_LO, LAMBDA_HI]: a grid of STEPS_PER_DECADE,
 * then golden-section search between the neighbours of the best grid point. Interior minima
 * are preferred; the L-curve's corner is its largest curvature, so the same search serves. */
static double
minimise_lambda (ScoreFn f, const void *data, double steps_per_decade, int *at_end)
{
  size_t n = (size_t) lround ((LAMBDA_HI_LOG10 - LAMBDA_LO_LOG10) * steps_per_decade) + 1;
  double best = INFINITY, best_t = LAMBDA_LO_LOG10;
  size_t best_i = 0;
  for (size_t i = 0; i < n; i++)
    {
      double t = LAMBDA_LO_LOG10 + (double) i / steps_per_decade;
      double v = f (data, pow (10.0, t));
      if (v < best)
        {
          best = v;
          best_t = t;
          best_i = i;
        }
    }
  if (at_end)   /* within half a decade of the smallest (-1) or largest (+1) lambda */
    *at_end = best_t < LAMBDA_LO_LOG10 + 0.5 ? -1 : best_t > LAMBDA_HI_LOG10 - 0.5 ? 1 : 0;
  double a = best_t - (best_i > 0 ? 1.0 / steps_per_decade : 0.0);
  double b = best_t + (best_i + 1 < n ? 1.0 / steps_per_decade : 0.0);
  const double gr = 0.5 * (sqrt (5.0) - 1.0);
  double c = b - gr * (b - a), d = a + gr * (b - a);
  double fc = f (data, pow (10.0, c)), fd = f (data, pow (10.0, d));
  for (int it = 0; it < 30 && b - a > 1e-3; it++)
    {
      if (fc < fd)
        {
          b = d, d = c, fd = fc;
          c = b - gr * (b - a);
          fc = f (data, pow (10.0, c));
        }
      else
        {
          a = c, c = d, fc = fd;
          d = a + gr * (b - a);
          fd = f (data, pow (10.0, d));
        }
    }
  double t = 0.5 * (a + b);
  if (f (data, pow (10.0, t)) > best)
    t = best_t;
  return pow (10.0, t);
}

/* In-place Cholesky of the K x K row-major matrix A (lower triangle used); 0 or -1. */
static int
cholesky (double *a, size_t k)
{
  for (size_t j = 0; j < k; j++)
    {
      double s = a[j * k + j];
      for (size_t p = 0; p < j; p++)
        s -= a[j * k + p] * a[j * k + p];
      if (!(s > 0))
        return -1;
      double d = sqrt (s);
      a[j * k + j] = d;
      for (size_t i = j + 1; i < k; i++)
        {
          double v = a[i * k + j];
          for (size_t p = 0; p < j; p++)
            v -= a[i * k + p] * a[j * k + p];
          a[i * k + j] = v / d;
        }
    }
  return 0;
}

static void
cholesky_solve (const double *l, size_t k, double *x)
{
  for (size_t i = 0; i < k; i++)
    {
      double v = x[i];
      for (size_t p = 0; p < i; p++)
        v -= l[i * k + p] * x[p];
      x[i] = v / l[i * k + i];
    }
  for (size_t i = k; i-- > 0;)
    {
      double v = x[i];
      for (size_t p = i + 1; p < k; p++)
        v -= l[p * k + i] * x[p];
      x[i] = v / l[i * k + i];
    }
}

/* Solves H_PP z = g_P on the passive set IDX (K entries) into Z; 0 or -1. */
static int
passive_solve (const gsl_matrix *H, const double *g, const size_t *idx, size_t k, double *work,
               double *z)
{
  for (size_t i = 0; i < k; i++)
    {
      const double *row = H->data + idx[i] * H->tda;
      for (size_t j = 0; j <= i; j++)
        work[i * k + j] = row[idx[j]];
      z[i] = g[idx[i]];
    }
  if (cholesky (work, k) != 0)
    return -1;
  cholesky_solve (work, k, z);
  return 0;
}

/* Non-negative least squares in normal-equation form: minimises x^T H x / 2 - g^T x over
 * x >= 0 for the variables with USE[i] (the others stay 0). Lawson & Hanson (1974) active
 * sets as in Bro & de Jong's FNNLS (J. Chemometrics 11 (1997) 393), warm-started from X
 * (feasible on entry). Returns 0, EIS_ERR_NOMEM, or EIS_ERR_FIT when a passive-set system
 * is singular. */
static int
nnls (const gsl_matrix *H, const double *g, const int *use, double *x)
{
  size_t p = H->size1;
  int rc = EIS_ERR_NOMEM;
  int *in = calloc (p, sizeof *in);
  size_t *idx = malloc (p * sizeof *idx);
  double *z = malloc (p * sizeof *z);
  double *work = malloc (p * p * sizeof *work);
  if (!in || !idx || !z || !work)
    goto done;
  double gmax = 0;
  for (size_t i = 0; i < p; i++)
    {
      if (!use[i])
        x[i] = 0;
      in[i] = use[i] && x[i] > 0;
      gmax = fmax (gmax, fabs (g[i]));
    }
  double tol = 1e-11 * (gmax > 0 ? gmax : 1.0);
  /* A feasible start near the optimum: solve on the passive set, drop every variable that
   * comes out non-positive at once, repeat until none does (a few solves instead of one per
   * variable, as the step-back below would need when the warm start has many small entries
   * the constrained solution does not want). Lawson-Hanson then starts from there. */
  for (int pre = 0; pre < 30; pre++)
    {
      size_t k = 0;
      for (size_t i = 0; i < p; i++)
        if (in[i])
          idx[k++] = i;
      if (k == 0)
        break;
      if (passive_solve (H, g, idx, k, work, z) != 0)
        {
          rc = EIS_ERR_FIT;
          goto done;
        }
      int dropped = 0;
      for (size_t i = 0; i < k; i++)
        if (z[i] <= 0)
          {
            in[idx[i]] = 0;
            dropped = 1;
          }
      for (size_t i = 0; i < k; i++)
        x[idx[i]] = z[i] > 0 ? z[i] : 0;
      if (!dropped)
        break;
    }
  size_t added = p;   /* the variable that joined the passive set last */
  rc = EIS_OK;
  /* Each round adds one variable; the bound on rounds only guards against cycling by
   * round-off (x is feasible at every step). */
  for (size_t round = 0; round < 3 * p + 10; round++)
    {
      /* the unconstrained solution on the passive set, stepping back to feasibility while
       * it has non-positive entries */
      for (size_t inner = 0; inner <= p; inner++)
        {
          size_t k = 0;
          for (size_t i = 0; i < p; i++)
            if (in[i])
              idx[k++] = i;
          if (k == 0)
            break;
          if (passive_solve (H, g, idx, k, work, z) != 0)
            {
              rc = EIS_ERR_FIT;
              goto done;
            }
          double alpha = 1.0;
          int feasible = 1, added_negative = 0;
          for (size_t i = 0; i < k; i++)
            if (z[i] <= 0)
              {
                feasible = 0;
                added_negative |= inner == 0 && idx[i] == added;
                double a = x[idx[i]] / (x[idx[i]] - z[i]);
                if (a < alpha)
                  alpha = a;
              }
          if (added_negative)
            {
              /* the gradient said it should grow, the solve says it cannot: round-off at
               * the optimum */
              in[added] = 0;
              goto done;
            }
          if (feasible)
            {
              for (size_t i = 0; i < k; i++)
                x[idx[i]] = z[i];
              break;
            }
          for (size_t i = 0; i < k; i++)
            {
              double *xi = &x[idx[i]];
              *xi += alpha * (z[i] - *xi);
              if (*xi <= 0 || (z[i] <= 0 && alpha >= 1.0))
                {
                  *xi = 0;
                  in[idx[i]] = 0;
                }
            }
        }
      /* the negative gradient g - H x; its largest entry off the passive set joins it */
      size_t t = p;
      double best = tol;
      for (size_t i = 0; i < p; i++)
        {
          if (!use[i] || in[i])
            continue;
          const double *row = H->data + i * H->tda;
          double v = g[i];
          for (size_t j = 0; j < p; j++)
            if (x[j] != 0)
              v -= row[j] * x[j];
          if (v > best)
            {
              best = v;
              t = i;
            }
        }
      if (t == p)
        break;
      in[t] = 1;
      x[t] = 0;
      added = t;
    }
done:
  free (in);
  free (idx);
  free (z);
  free (work);
  return rc;
}

/* Points of S to fit: inside [f_min, f_max], finite, |Z| > 0. */
static int
select_points (const EisSpectrum *s, const EisDrtOptions *o, EisDrtResult *r, EisError *err)
{
  r->freq_hz = malloc ((s->n ? s->n : 1) * sizeof (double));
  r->z_re = malloc ((s->n ? s->n : 1) * sizeof (double));
  r->z_im = malloc ((s->n ? s->n : 1) * sizeof (double));
  if (!r->freq_hz || !r->z_re || !r->z_im)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  size_t k = 0;
  for (size_t i = 0; i < s->n; i++)
    {
      double f = s->freq_hz[i], a = s->z_re[i], b = s->z_im[i];
      if (!(f > 0) || !isfinite (a) || !isfinite (b) || hypot (a, b) == 0)
        continue;
      if ((isfinite (o->f_min_hz) && f < o->f_min_hz) || (isfinite (o->f_max_hz) && f > o->f_max_hz))
        continue;
      r->freq_hz[k] = f;
      r->z_re[k] = a;
      r->z_im[k] = b;
      k++;
    }
  r->n_input = s->n;
  r->n_range = k;
  r->n = k;
  /* ascending frequency (eis_spectrum_finish sorts; be safe for hand-built spectra) */
  for (size_t i = 1; i < k; i++)
    for (size_t j = i; j > 0 && r->freq_hz[j - 1] > r->freq_hz[j]; j--)
      {
        double t;
        t = r->freq_hz[j], r->freq_hz[j] = r->freq_hz[j - 1], r->freq_hz[j - 1] = t;
        t = r->z_re[j], r->z_re[j] = r->z_re[j - 1], r->z_re[j - 1] = t;
        t = r->z_im[j], r->z_im[j] = r->z_im[j - 1], r->z_im[j - 1] = t;
      }
  return EIS_OK;
}

/* A blocking electrode's capacitive tail at the low-frequency end: the phase there below
 * -60 degrees and -Z'' falling as the frequency rises. Its points, up to the minimum of -Z''
 * where the last arc meets the tail, are left out (they would need gamma growing without
 * bound at long tau). Returns how many were left out. */
static size_t
drop_tail (EisDrtResult *r)
{
  size_t n = r->n;
  r->tail_below_hz = NAN;
  r->tail_phase_deg = NAN;
  if (n < 4)
    return 0;
  double phase = atan2 (r->z_im[0], r->z_re[0]) * 180.0 / M_PI;
  if (!(phase < TAIL_PHASE_DEG) || !(-r->z_im[0] > -r->z_im[1]))
    return 0;
  /* walk up while -Z'' keeps falling (a point that rises is accepted when one of the next two
   * falls below the current value again: noise) */
  size_t k = 0;
  while (k + 1 < n)
    {
      double cur = -r->z_im[k];
      if (-r->z_im[k + 1] < cur)
        {
          k++;
          continue;
        }
      if (k + 2 < n && -r->z_im[k + 2] < cur)
        {
          k += 2;
          continue;
        }
      break;
    }
  r->tail_phase_deg = phase;
  r->tail_low_hz = r->freq_hz[0];
  r->tail_below_hz = r->freq_hz[k];
  memmove (r->freq_hz, r->freq_hz + k, (n - k) * sizeof (double));
  memmove (r->z_re, r->z_re + k, (n - k) * sizeof (double));
  memmove (r->z_im, r->z_im + k, (n - k) * sizeof (double));
  r->n = n - k;
  return k;
}

/* Peaks of gamma (K values G on ln tau grid of step H): local maxima, the minima between them
 * as boundaries, the weakest merged into a neighbour until every peak has an area of at least
 * FRAC of the total and a prominence of at least PROM of the highest peak (ripples that noise
 * leaves on the flanks of a broad distribution are not processes). */
static int
find_peaks (EisDrtResult *r, double h, double frac, double prom, double tau_lo_data,
            double tau_hi_data)
{
  size_t k = r->n_tau;
  const double *g = r->gamma_ohm;
  size_t *mx = malloc (k * sizeof *mx), *bd = malloc ((k + 1) * sizeof *bd);
  double *sm = malloc (k * sizeof *sm);
  if (!mx || !bd || !sm)
    {
      free (mx), free (bd), free (sm);
      return EIS_ERR_NOMEM;
    }
  /* Maxima and minima are found on gamma smoothed by a Gaussian of one and a half basis
   * steps: at a small lambda the non-negative solution can break a broad flank into a comb
   * of single Gaussians, whose gaps are not minima between processes; peaks a decade apart
   * (ten steps) stay apart. Areas and the position of each maximum are read on gamma itself. */
  const double sigma = 1.5 * OUT_PER_STEP;   /* in fine-grid points */
  const long half = (long) ceil (4 * sigma);
  for (size_t i = 0; i < k; i++)
    {
      double sw = 0, sv = 0;
      for (long d = -half; d <= half; d++)
        {
          long j = (long) i + d;
          if (j < 0 || j >= (long) k)
            continue;
          double wgt = exp (-0.5 * (double) (d * d) / (sigma * sigma));
          sw += wgt;
          sv += wgt * g[j];
        }
      sm[i] = sv / sw;
    }
  size_t np = 0;
  double gmax = 0;
  for (size_t i = 0; i < k; i++)
    {
      /* the thresholds are relative to the highest gamma inside the measured time constants:
       * a kept capacitive tail, huge at the grid's end, must not hide the arcs */
      if (r->tau_s[i] >= tau_lo_data && r->tau_s[i] <= tau_hi_data)
        gmax = fmax (gmax, sm[i]);
      int up = i == 0 || sm[i] > sm[i - 1], down = i + 1 == k || sm[i] >= sm[i + 1];
      if (up && down && sm[i] > 0)
        mx[np++] = i;
    }
  /* boundaries: bd[0] = 0, bd[np] = k - 1, bd[j] the minimum between maxima j-1 and j */
  bd[0] = 0;
  for (size_t j = 1; j < np; j++)
    {
      size_t b = mx[j - 1];
      for (size_t i = mx[j - 1]; i <= mx[j]; i++)
        if (sm[i] < sm[b])
          b = i;
      bd[j] = b;
    }
  bd[np] = k - 1;
  double total = 0;
  for (size_t i = 0; i + 1 < k; i++)
    total += 0.5 * (g[i] + g[i + 1]) * h;
  for (;;)
    {
      /* the weakest peak failing the thresholds */
      size_t worst = np;
      double worst_area = INFINITY;
      for (size_t j = 0; j < np; j++)
        {
          double area = 0;
          for (size_t i = bd[j]; i < bd[j + 1]; i++)
            area += 0.5 * (g[i] + g[i + 1]) * h;
          /* prominence: the height above the higher of the lowest points on either side
           * within its bounds (a side that ends at the grid's end with the maximum there has
           * no base) */
          double top = sm[mx[j]], lbase = top, rbase = top;
          for (size_t i = bd[j]; i <= mx[j]; i++)
            lbase = fmin (lbase, sm[i]);
          for (size_t i = mx[j]; i <= bd[j + 1]; i++)
            rbase = fmin (rbase, sm[i]);
          int lend = bd[j] == 0 && lbase > 0.5 * top;          /* cut off by the grid's start */
          int rend = bd[j + 1] == k - 1 && rbase > 0.5 * top;  /* ... by its end */
          double base = lend && rend ? 0 : lend ? rbase : rend ? lbase : fmax (lbase, rbase);
          int weak = area < frac * total || top - base < prom * gmax;
          if (weak && np > 1 && area < worst_area)
            {
              worst = j;
              worst_area = area;
            }
        }
      if (worst == np)
        break;
      /* merge across the higher of its two boundaries (not across a grid end) */
      size_t j = worst;
      int left;
      if (j == 0)
        left = 0;
      else if (j + 1 == np)
        left = 1;
      else
        left = sm[bd[j]] >= sm[bd[j + 1]];
      size_t other = left ? j - 1 : j + 1;
      size_t keep_max = sm[mx[other]] >= sm[mx[j]] ? mx[other] : mx[j];
      size_t lo = left ? j - 1 : j;   /* the merged peak's index */
      mx[lo] = keep_max;
      /* remove boundary between lo and lo + 1, and maximum lo + 1 */
      memmove (&bd[lo + 1], &bd[lo + 2], (np - lo - 1) * sizeof *bd);
      memmove (&mx[lo + 1], &mx[lo + 2], (np - lo - 2) * sizeof *mx);
      np--;
    }
  r->peaks = calloc (np ? np : 1, sizeof *r->peaks);
  if (r->peaks == NULL)
    {
      free (mx), free (bd), free (sm);
      return EIS_ERR_NOMEM;
    }
  r->n_peaks = 0;
  for (size_t j = 0; j < np; j++)
    {
      double area = 0;
      for (size_t i = bd[j]; i < bd[j + 1]; i++)
        area += 0.5 * (g[i] + g[i + 1]) * h;
      /* a lone maximum that is still below the thresholds (np == 1) is noise, not a peak */
      /* the maximum of gamma itself within the bounds */
      size_t i = bd[j];
      for (size_t q = bd[j]; q <= bd[j + 1]; q++)
        if (g[q] > g[i])
          i = q;
      if (area < frac * total || !(g[i] > 0))
        continue;
      EisDrtPeak *p = &r->peaks[r->n_peaks++];
      /* refine the maximum by a parabola through its neighbours */
      double lt = log (r->tau_s[i]);
      if (i > 0 && i + 1 < k)
        {
          double a = g[i - 1], b = g[i], c = g[i + 1], den = a - 2 * b + c;
          if (den < 0)
            lt += 0.5 * h * (a - c) / den;
        }
      p->tau_s = exp (lt);
      p->f_hz = 1.0 / (2 * M_PI * p->tau_s);
      p->gamma_ohm = g[i];
      p->r_ohm = area;
      p->tau_lo_s = r->tau_s[bd[j]];
      p->tau_hi_s = r->tau_s[bd[j + 1]];
      p->beyond_data = p->tau_s < tau_lo_data || p->tau_s > tau_hi_data;
    }
  free (mx);
  free (bd);
  free (sm);
  return EIS_OK;
}

/* The noise of the relative residuals, s = sqrt(SS / (NRES - edf)), with edf = tr(K^-1 H) the
 * effective number of parameters of the regularised solution (its positive coefficients free,
 * the others held at 0; Hansen, Rank-Deficient and Discrete Ill-Posed Problems, SIAM 1998,
 * ch. 5). K = H + lambda M (p x p, scaled unknowns), MP the penalty, X the solution. NAN when
 * it cannot be had; -1 when out of memory. */
static int
residual_noise (const gsl_matrix *K, const gsl_matrix *Mp, double lambda, const double *x,
                size_t p, double ss, size_t nres, double *noise)
{
  size_t k = 0;
  *noise = NAN;
  size_t *idx = malloc (p * sizeof *idx);
  double *L = malloc (p * p * sizeof *L), *Hh = malloc (p * p * sizeof *Hh);
  double *col = malloc (p * sizeof *col);
  if (!idx || !L || !Hh || !col)
    {
      free (idx), free (L), free (Hh), free (col);
      return -1;
    }
  for (size_t i = 0; i < p; i++)
    if (x[i] > 0)
      idx[k++] = i;
  for (size_t a = 0; a < k; a++)
    for (size_t b = 0; b < k; b++)
      {
        size_t i = idx[a], j = idx[b];
        double kij = gsl_matrix_get (K, i, j);
        L[a * k + b] = kij;
        Hh[a * k + b] = kij - (i >= 2 && j >= 2 ? lambda * gsl_matrix_get (Mp, i - 2, j - 2) : 0);
      }
  if (k > 0 && cholesky (L, k) == 0)
    {
      double edf = 0;
      for (size_t b = 0; b < k; b++)
        {
          for (size_t a = 0; a < k; a++)
            col[a] = Hh[a * k + b];
          cholesky_solve (L, k, col);
          edf += col[b];
        }
      if ((double) nres - edf > 0.5)
        *noise = sqrt (ss / ((double) nres - edf));
    }
  free (idx), free (L), free (Hh), free (col);
  return 0;
}

/* The standard error of each peak's resistance, by a parametric bootstrap: OPT->n_boot
 * spectra made of the DRT's own fit plus Gaussian noise of the residuals' size (noise_rel of
 * |Z| on each part), each solved again as the data were (lambda chosen anew, the
 * non-negative set free), and the peak's area read between the same minima on each; the
 * spread of those areas is the error. Linearised through the regularised solution's
 * covariance at the data's lambda, the error came out 1.6 to 3 times too small: the choice of
 * lambda and the non-negativity move with the noise. The regularisation's bias is not in it.
 * Peaks left of a capacitive tail (TAIL_TAU: tau above it when a tail was left out) get none.
 * EIS_OK, or EIS_ERR_NOMEM. */
static int
peak_bootstrap (EisDrtResult *r, const EisDrtOptions *opt, double tail_tau, EisError *err)
{
  size_t nb = opt->n_boot, np = r->n_peaks;
  if (nb < 2 || np == 0 || !(r->noise_rel > 0) || r->n_tau < 2)
    return EIS_OK;
  EisSpectrum *s = eis_spectrum_new (r->n);
  double *sum = calloc (np, sizeof *sum), *sq = calloc (np, sizeof *sq);
  size_t *lo = malloc (np * sizeof *lo), *hi = malloc (np * sizeof *hi);
  size_t *mx = malloc (np * sizeof *mx);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  int st = EIS_OK;
  if (!s || !sum || !sq || !lo || !hi || !mx || !rng)
    {
      st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto done;
    }
  gsl_rng_set (rng, 2015);   /* the same errors on every run */
  /* each peak's minima on the fine grid */
  for (size_t j = 0; j < np; j++)
    {
      lo[j] = hi[j] = mx[j] = 0;
      for (size_t k = 0; k < r->n_tau; k++)
        {
          if (fabs (log (r->tau_s[k] / r->peaks[j].tau_s))
              < fabs (log (r->tau_s[mx[j]] / r->peaks[j].tau_s)))
            mx[j] = k;
          if (fabs (log (r->tau_s[k] / r->peaks[j].tau_lo_s)) < 1e-9)
            lo[j] = k;
          if (fabs (log (r->tau_s[k] / r->peaks[j].tau_hi_s)) < 1e-9)
            hi[j] = k;
        }
    }
  EisDrtOptions o = *opt;
  o.n_boot = 0;
  o.keep_tail = 1;                     /* the tail, if any, is left out already */
  o.f_min_hz = o.f_max_hz = NAN;
  o.inductance = r->with_inductance ? EIS_DRT_YES : EIS_DRT_NO;
  double h = log (r->tau_s[1] / r->tau_s[0]);
  size_t good = 0;
  for (size_t b = 0; b < nb; b++)
    {
      for (size_t i = 0; i < r->n; i++)
        {
          double mod = hypot (r->z_re[i], r->z_im[i]);
          s->freq_hz[i] = r->freq_hz[i];
          s->z_re[i] = r->z_re_fit[i] + r->noise_rel * mod * gsl_ran_gaussian (rng, 1.0);
          s->z_im[i] = r->z_im_fit[i] + r->noise_rel * mod * gsl_ran_gaussian (rng, 1.0);
        }
      EisDrtResult *q = NULL;
      EisError e2 = { 0 };
      if (eis_drt_run (s, &o, &q, &e2) != EIS_OK)
        {
          if (e2.code == EIS_ERR_NOMEM)
            {
              st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
              goto done;
            }
          continue;
        }
      if (q->n_tau == r->n_tau)
        {
          /* the minimum between two neighbouring peaks moves with the noise and carries
           * area from one to the other (their sum stays): found again on each replicate,
           * between the two maxima */
          size_t bl[np + 1];
          for (size_t j = 0; j <= np; j++)
            bl[j] = j < np ? lo[j] : hi[np - 1];
          for (size_t j = 1; j < np; j++)
            if (hi[j - 1] == lo[j] && mx[j - 1] < mx[j])
              {
                bl[j] = mx[j - 1];
                for (size_t k = mx[j - 1]; k <= mx[j]; k++)
                  if (q->gamma_ohm[k] < q->gamma_ohm[bl[j]])
                    bl[j] = k;
              }
          for (size_t j = 0; j < np; j++)
            {
              double a = 0;
              size_t k0 = j > 0 && hi[j - 1] == lo[j] ? bl[j] : lo[j];
              size_t k1 = j + 1 < np && hi[j] == lo[j + 1] ? bl[j + 1] : hi[j];
              for (size_t k = k0; k < k1; k++)
                a += 0.5 * (q->gamma_ohm[k] + q->gamma_ohm[k + 1]) * h;
              sum[j] += a;
              sq[j] += a * a;
            }
          good++;
        }
      eis_drt_result_free (q);
    }
  for (size_t j = 0; good >= 2 && j < np; j++)
    {
      if (r->n_tail > 0 && r->peaks[j].tau_s > tail_tau)
        continue;
      double m = sum[j] / (double) good;
      double se = sqrt (fmax (sq[j] - m * sum[j], 0) / (double) (good - 1));
      /* no spread at all is no error estimate (a lambda so large that gamma does not move
       * with the noise): none rather than a confident +- 0 */
      r->peaks[j].r_se_ohm = se > 0 ? se : NAN;
    }
  r->n_boot = good;
done:
  eis_spectrum_free (s);
  free (sum), free (sq), free (lo), free (hi), free (mx);
  if (rng)
    gsl_rng_free (rng);
  return st;
}

typedef struct {
  size_t n, m;
  gsl_matrix *Are, *Aim;   /* n x (2 + m) weighted, scaled design: R_inf, L, basis */
  gsl_vector *bre, *bim;
  gsl_matrix *Hre, *Him, *H;
  gsl_vector *gre, *gim, *g;
  gsl_matrix *Mp, *R;      /* penalty (m x m) and its Cholesky factor (upper) */
  Spectral sp[3];          /* combined, real, imaginary */
} Work;

static void
work_free (Work *w)
{
  gsl_matrix_free (w->Are);
  gsl_matrix_free (w->Aim);
  gsl_vector_free (w->bre);
  gsl_vector_free (w->bim);
  gsl_matrix_free (w->Hre);
  gsl_matrix_free (w->Him);
  gsl_matrix_free (w->H);
  gsl_vector_free (w->gre);
  gsl_vector_free (w->gim);
  gsl_vector_free (w->g);
  gsl_matrix_free (w->Mp);
  gsl_matrix_free (w->R);
  for (int k = 0; k < 3; k++)
    spectral_free (&w->sp[k]);
}

/* H = A^T A (full), g = A^T b. */
static void
normal (const gsl_matrix *A, const gsl_vector *b, gsl_matrix *H, gsl_vector *g)
{
  gsl_blas_dsyrk (CblasUpper, CblasTrans, 1.0, A, 0.0, H);
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < i; j++)
      gsl_matrix_set (H, i, j, gsl_matrix_get (H, j, i));
  gsl_blas_dgemv (CblasTrans, 1.0, A, b, 0.0, g);
}

int
eis_drt_run (const EisSpectrum *s, const EisDrtOptions *opt, EisDrtResult **out, EisError *err)
{
  EisDrtOptions def;
  if (opt == NULL)
    {
      eis_drt_options_init (&def);
      opt = &def;
    }
  *out = NULL;
  const char *src = s && s->source ? s->source : "spectrum";
  if (s == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "DRT: no spectrum");
  if (opt->part < EIS_DRT_COMBINED || opt->part > EIS_DRT_IMAG)
    return eis_error_set (err, EIS_ERR_INVALID, "DRT: unknown part %d", opt->part);
  if (opt->derivative != 1 && opt->derivative != 2)
    return eis_error_set (err, EIS_ERR_INVALID,
                          "DRT: the penalised derivative must be of order 1 or 2, not %d",
                          opt->derivative);
  if (opt->lambda_method == EIS_DRT_LAMBDA_FIXED && !(opt->lambda > 0 && isfinite (opt->lambda)))
    return eis_error_set (err, EIS_ERR_INVALID, "DRT: lambda must be positive, not %g",
                          opt->lambda);
  if (opt->lambda_method < EIS_DRT_LAMBDA_GCV || opt->lambda_method > EIS_DRT_LAMBDA_MGCV)
    return eis_error_set (err, EIS_ERR_INVALID, "DRT: unknown lambda method %d",
                          opt->lambda_method);

  EisDrtResult *r = calloc (1, sizeof *r);
  if (r == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  r->part = opt->part;
  r->derivative = opt->derivative;
  r->lambda_method = opt->lambda_method;
  int st = select_points (s, opt, r, err);
  if (st != EIS_OK)
    {
      eis_drt_result_free (r);
      return st;
    }
  size_t min_pts = opt->min_points > 0 ? opt->min_points : 10;
  if (r->n < min_pts)
    {
      st = eis_error_set (err, EIS_ERR_DATA,
                          "%s: %zu usable points%s; a DRT needs at least %zu (it fits tens of "
                          "relaxation times, more unknowns than a short sweep can determine)",
                          src, r->n, r->n < r->n_input ? " in the frequency range" : "",
                          min_pts);
      eis_drt_result_free (r);
      return st;
    }
  if (r->n > EIS_DRT_MAX_POINTS)
    {
      st = eis_error_set (err, EIS_ERR_DATA,
                          "%s: %zu points%s are more than a DRT takes (%d): its time grows "
                          "faster than the points, and with at most 12 basis functions a decade "
                          "more points add no resolution; give a narrower range (--fmin, --fmax) "
                          "or fewer points a decade",
                          src, r->n, r->n < r->n_input ? " in the frequency range" : "",
                          EIS_DRT_MAX_POINTS);
      eis_drt_result_free (r);
      return st;
    }
  if (!opt->keep_tail)
    r->n_tail = drop_tail (r);
  if (r->n < min_pts)
    {
      st = eis_error_set (err, EIS_ERR_DATA,
                          "%s: the spectrum is a capacitive tail (phase %.0f degrees at %.3g Hz,"
                          " -Z'' rising towards low frequency) with only %zu point%s before it; a "
                          "DRT of a blocking electrode is gamma growing without bound at long tau, "
                          "not a process, and at least %zu points of arcs are needed "
                          "(--keep-tail fits the tail anyway)",
                          src, r->tail_phase_deg, r->tail_low_hz, r->n, r->n == 1 ? "" : "s",
                          min_pts);
      eis_drt_result_free (r);
      return st;
    }
  size_t n = r->n;
  double f_lo = r->freq_hz[0], f_hi = r->freq_hz[n - 1];
  double wmin = 2 * M_PI * f_lo, wmax = 2 * M_PI * f_hi;
  if (!(f_hi > f_lo))
    {
      eis_drt_result_free (r);
      return eis_error_set (err, EIS_ERR_DATA, "%s: all points at one frequency", src);
    }
  /* basis grid: a decade beyond 1/omega_max and 1/omega_min, as dense as the data (6 to 12
   * per decade) */
  double dec = log10 (f_hi / f_lo);
  double ppd = fmin (12.0, fmax (6.0, (double) (n - 1) / fmax (dec, 1e-9)));
  double lt0 = log (1.0 / wmax) - M_LN10, lt1 = log (1.0 / wmin) + M_LN10;
  size_t m = (size_t) ceil ((lt1 - lt0) / M_LN10 * ppd) + 1;
  double step = (lt1 - lt0) / (double) (m - 1);
  double eps = 0.5 * 2.0 * sqrt (M_LN2) / step;  /* FWHM = 2 steps (coefficient 0.5) */
  r->m_basis = m;
  r->epsilon = eps;

  /* The series inductance only when the data show one (Z'' > 0 at the highest frequency),
   * or when asked: to first order in omega tau, a resistance R_p at tau << 1/omega_max
   * together with L = R_p tau mimics a change of R_inf, so an L the data do not need would
   * let the short end of the grid take a share of R_inf. */
  int with_l = opt->inductance == EIS_DRT_YES
               || (opt->inductance != EIS_DRT_NO && r->z_im[n - 1] > 0);
  /* Z'' <= 0 at the highest frequency does not rule L out: with an arc reaching the top
   * frequency a 0.5 uH cable leaves -Z'' positive, yet left out it biases R_inf and that
   * arc's R (user6 mofA-20C: R_inf 50 Ohm for 1, the bulk 337 for 388.5). The DRT with L is
   * computed, and L kept when omega_max L stands above the noise: more than 3 times the
   * residuals' noise at the highest frequency's |Z|. */
  if (!with_l && opt->inductance == EIS_DRT_AUTO && s->n > 0)
    {
      EisDrtOptions o2 = *opt;
      EisDrtResult *q = NULL;
      EisError e2 = { 0 };
      o2.inductance = EIS_DRT_YES;
      o2.n_boot = 0;
      EisDrtResult *q0 = NULL;
      if (eis_drt_run (s, &o2, &q, &e2) == EIS_OK)
        {
          double zmod = hypot (q->z_re[q->n - 1], q->z_im[q->n - 1]);
          double noise = isfinite (q->noise_rel) ? q->noise_rel : q->rms_res;
          with_l = q->l_h * 2 * M_PI * q->freq_hz[q->n - 1] > 3 * noise * zmod;
          o2.inductance = EIS_DRT_NO;
          if (with_l && eis_drt_run (s, &o2, &q0, &e2) == EIS_OK)
            {
              /* and the fit improves beyond the noise: chi-square down by more than 25 (5
               * sigma for one parameter) over the 2n residuals */
              double dchi = 2.0 * (double) q->n * (q0->rms_res * q0->rms_res
                                                  - q->rms_res * q->rms_res) / (noise * noise);
              with_l = dchi > 25;
              eis_drt_result_free (q0);
            }
          eis_drt_result_free (q);
        }
    }
  r->with_inductance = with_l;
  /* scale: weights 1/|Z_i| on the residuals, unknowns relative to max |Z| (R_inf, gamma) and
   * max |Z| / omega_max (L) */
  double zref = 0;
  for (size_t i = 0; i < n; i++)
    zref = fmax (zref, hypot (r->z_re[i], r->z_im[i]));
  Work w = { 0 };
  w.n = n;
  w.m = m;
  size_t p = m + 2;
  w.Are = gsl_matrix_calloc (n, p);
  w.Aim = gsl_matrix_calloc (n, p);
  w.bre = gsl_vector_alloc (n);
  w.bim = gsl_vector_alloc (n);
  w.Hre = gsl_matrix_alloc (p, p);
  w.Him = gsl_matrix_alloc (p, p);
  w.H = gsl_matrix_alloc (p, p);
  w.gre = gsl_vector_alloc (p);
  w.gim = gsl_vector_alloc (p);
  w.g = gsl_vector_alloc (p);
  w.Mp = gsl_matrix_alloc (m, m);
  w.R = gsl_matrix_alloc (m, m);
  double *x = calloc (p, sizeof *x), *gv = calloc (p, sizeof *gv);
  int *use = calloc (p, sizeof *use);
  Quad q;
  if (!w.Are || !w.Aim || !w.bre || !w.bim || !w.Hre || !w.Him || !w.H || !w.gre || !w.gim
      || !w.g || !w.Mp || !w.R || !x || !gv || !use || quad_init (&q, eps) != 0)
    {
      st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  double b2re = 0, b2im = 0;
  double *tau_k = malloc (m * sizeof *tau_k);
  if (tau_k == NULL)
    {
      st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  for (size_t j = 0; j < m; j++)
    tau_k[j] = exp (lt0 + (double) j * step);
  for (size_t i = 0; i < n; i++)
    {
      double om = 2 * M_PI * r->freq_hz[i];
      double mod = hypot (r->z_re[i], r->z_im[i]), wi = zref / mod;
      gsl_matrix_set (w.Are, i, 0, wi);
      if (with_l)
        gsl_matrix_set (w.Aim, i, 1, wi * om / wmax);
      for (size_t j = 0; j < m; j++)
        {
          double re, im;
          basis_z (&q, om * tau_k[j], &re, &im);
          gsl_matrix_set (w.Are, i, 2 + j, wi * re);
          gsl_matrix_set (w.Aim, i, 2 + j, wi * im);
        }
      gsl_vector_set (w.bre, i, r->z_re[i] / mod);
      gsl_vector_set (w.bim, i, r->z_im[i] / mod);
      b2re += gsl_pow_2 (r->z_re[i] / mod);
      b2im += gsl_pow_2 (r->z_im[i] / mod);
    }
  free (tau_k);
  normal (w.Are, w.bre, w.Hre, w.gre);
  normal (w.Aim, w.bim, w.Him, w.gim);
  /* penalty and its Cholesky factor R (upper), M = R^T R; M is scaled to a unit diagonal so
   * that lambda means the same for either derivative and any grid step */
  double m00 = penalty_entry (opt->derivative, eps, 0.0);
  gsl_matrix_set_zero (w.Mp);
  for (size_t i = 0; i < m; i++)
    for (size_t j = i > PENALTY_BAND ? i - PENALTY_BAND : 0; j < m && j <= i + PENALTY_BAND; j++)
      gsl_matrix_set (w.Mp, i, j, penalty_entry (opt->derivative, eps,
                                                 (double) ((long) i - (long) j) * step) / m00);
  /* Beyond the highest frequency a basis function at tau = 10^-d / omega_max changes Z' like
   * R_inf and Z'' only by 10^-d of itself: the data barely tell them apart, and a small
   * lambda lets noise move part of R_inf there. A ridge lambda 1e4 d^2 keeps gamma there
   * unless the data need it (an arc whose apex lies just beyond the range still shows: the
   * bulk arc at 18.5 MHz of samples/pellet-25C.csv, measured to 7 MHz, comes out at 17.6 MHz
   * with its R 1.3 % above the fit's). */
  for (size_t j = 0; j < m; j++)
    {
      double d = (log (1.0 / wmax) - (lt0 + (double) j * step)) / M_LN10;
      if (d > 0)
        *gsl_matrix_ptr (w.Mp, j, j) += SHORT_RIDGE * d * d;
    }
  gsl_matrix_memcpy (w.R, w.Mp);
  for (size_t i = 0; i < m; i++)
    *gsl_matrix_ptr (w.R, i, i) *= 1.0 + 1e-10;
  if (gsl_linalg_cholesky_decomp1 (w.R) != GSL_SUCCESS)
    {
      st = eis_error_set (err, EIS_ERR_FIT, "%s: DRT penalty matrix is not positive definite",
                          src);
      goto fail;
    }
  for (size_t i = 0; i < m; i++)   /* keep the upper factor: R = L^T */
    for (size_t j = 0; j < i; j++)
      {
        gsl_matrix_set (w.R, j, i, gsl_matrix_get (w.R, i, j));
        gsl_matrix_set (w.R, i, j, 0.0);
      }

  /* the sub-problems: 0 combined, 1 real, 2 imaginary */
  gsl_matrix_memcpy (w.H, w.Hre);
  gsl_matrix_add (w.H, w.Him);
  gsl_vector_memcpy (w.g, w.gre);
  gsl_vector_add (w.g, w.gim);
  const gsl_matrix *Hs[3] = { w.H, w.Hre, w.Him };
  const gsl_vector *gs[3] = { w.g, w.gre, w.gim };
  double b2s[3] = { b2re + b2im, b2re, b2im };
  size_t rows[3] = { 2 * n, n, n };
  int part = opt->part;
  double lambda = opt->lambda;
  if (opt->lambda_method != EIS_DRT_LAMBDA_FIXED)
    {
      int need[3] = { 0, 0, 0 };
      if (opt->lambda_method == EIS_DRT_LAMBDA_REIM)
        need[1] = need[2] = 1;
      else
        need[part] = 1;
      for (int k = 0; k < 3; k++)
        if (need[k])
          {
            st = spectral_build (&w.sp[k], Hs[k], gs[k], b2s[k], rows[k], w.R);
            if (st != EIS_OK)
              {
                eis_error_set (err, st, "%s: DRT: %s in the choice of lambda", src,
                               st == EIS_ERR_NOMEM ? "out of memory" : "tridiagonal reduction failed");
                goto fail;
              }
          }
      int end = 0;
      w.sp[part].gcv_rho = opt->lambda_method == EIS_DRT_LAMBDA_MGCV ? (n < 50 ? 1.3 : 2.0) : 1.0;
      if (opt->lambda_method == EIS_DRT_LAMBDA_GCV || opt->lambda_method == EIS_DRT_LAMBDA_MGCV)
        {
          lambda = minimise_lambda (score_gcv, &w.sp[part], 10.0, &end);
          /* GCV still falling at the smallest lambda: the data are fitted ever better, it
           * finds no noise level (low noise, or too few points for the unknowns); the
           * L-curve's corner is used instead, and the report says so */
          if (end < 0)
            {
              lambda = minimise_lambda (score_lcurve, &w.sp[part], 20.0, NULL);
              r->lambda_method = EIS_DRT_LAMBDA_LCURVE;
              r->gcv_failed = 1;
              end = 0;
            }
        }
      else if (opt->lambda_method == EIS_DRT_LAMBDA_LCURVE)
        lambda = minimise_lambda (score_lcurve, &w.sp[part], 20.0, &end);
      else
        {
          ReIm ri = { &w.sp[1], &w.sp[2], w.R, gsl_vector_alloc (m), gsl_vector_alloc (m) };
          if (ri.x && ri.tmp)
            lambda = minimise_lambda (score_reim, &ri, 5.0, &end);
          gsl_vector_free (ri.x);
          gsl_vector_free (ri.tmp);
          if (!(lambda > 0))
            {
              st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
              goto fail;
            }
        }
    }
  r->lambda = lambda;
  r->lambda_at_largest = opt->lambda_method != EIS_DRT_LAMBDA_FIXED && lambda > 0.3;

  /* the constrained fit at lambda: H + lambda M, warm-started from the unconstrained one */
  const gsl_matrix *Hp = Hs[part];
  gsl_matrix *K = w.H;   /* reused: the combined normal matrix is no longer needed */
  if (Hp != w.H)
    gsl_matrix_memcpy (K, Hp);
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < m; j++)
      *gsl_matrix_ptr (K, 2 + i, 2 + j) += lambda * gsl_matrix_get (w.Mp, i, j);
  for (size_t i = 0; i < p; i++)
    {
      gv[i] = gsl_vector_get (gs[part], i);
      use[i] = gsl_matrix_get (K, i, i) > 0;
    }
  {
    size_t k = 0;
    size_t *idx = malloc (p * sizeof *idx);
    double *wk = malloc (p * p * sizeof *wk);
    if (!idx || !wk)
      {
        free (idx), free (wk);
        st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
        goto fail;
      }
    for (size_t i = 0; i < p; i++)
      if (use[i])
        idx[k++] = i;
    double *z = malloc (p * sizeof *z);
    if (z && passive_solve (K, gv, idx, k, wk, z) == 0)
      for (size_t i = 0; i < k; i++)
        x[idx[i]] = z[i] > 0 ? z[i] : 0;
    free (z);
    free (idx);
    free (wk);
  }
  st = nnls (K, gv, use, x);
  if (st != EIS_OK)
    {
      eis_error_set (err, st, st == EIS_ERR_NOMEM ? "out of memory"
                     : "%s: DRT: the non-negative least-squares system is singular", src);
      goto fail;
    }
  double rinf = x[0] * zref, lh = x[1] * zref / wmax;

  /* the DRT's impedance at the data, and the parameter the part fitted could not see */
  r->z_re_fit = malloc (n * sizeof (double));
  r->z_im_fit = malloc (n * sizeof (double));
  if (!r->z_re_fit || !r->z_im_fit)
    {
      st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  double num = 0, den = 0;
  for (size_t i = 0; i < n; i++)
    {
      double mod = hypot (r->z_re[i], r->z_im[i]);
      double zr = 0, zi = 0;
      for (size_t j = 0; j < m; j++)
        if (x[2 + j] != 0)
          {
            zr += gsl_matrix_get (w.Are, i, 2 + j) * x[2 + j];
            zi += gsl_matrix_get (w.Aim, i, 2 + j) * x[2 + j];
          }
      /* sum(A_w x) = (zref / |Z|) sum(A x~) with x~ = gamma / zref: back to Ohm */
      r->z_re_fit[i] = zr * mod;
      r->z_im_fit[i] = zi * mod;
      double om = 2 * M_PI * r->freq_hz[i], w2 = 1.0 / (mod * mod);
      if (part == EIS_DRT_IMAG)
        {
          num += w2 * (r->z_re[i] - r->z_re_fit[i]);
          den += w2;
        }
      if (part == EIS_DRT_REAL)
        {
          num += w2 * om * (r->z_im[i] - r->z_im_fit[i]);
          den += w2 * om * om;
        }
    }
  /* Z' is blind to L and Z'' to R_inf: they follow from the other part given gamma */
  if (part == EIS_DRT_IMAG)
    rinf = den > 0 ? fmax (0.0, num / den) : 0.0;
  if (part == EIS_DRT_REAL)
    lh = den > 0 && with_l ? fmax (0.0, num / den) : 0.0;
  r->r_inf_ohm = rinf;
  r->l_h = lh;
  double ss = 0;
  size_t nres = 0;
  for (size_t i = 0; i < n; i++)
    {
      double om = 2 * M_PI * r->freq_hz[i], mod = hypot (r->z_re[i], r->z_im[i]);
      r->z_re_fit[i] = r->z_re_fit[i] + rinf;
      r->z_im_fit[i] = r->z_im_fit[i] + om * lh;
      if (part != EIS_DRT_IMAG)
        ss += gsl_pow_2 ((r->z_re[i] - r->z_re_fit[i]) / mod), nres++;
      if (part != EIS_DRT_REAL)
        ss += gsl_pow_2 ((r->z_im[i] - r->z_im_fit[i]) / mod), nres++;
    }
  r->rms_res = sqrt (ss / (double) nres);

  /* gamma on the fine grid */
  r->n_tau = (m - 1) * OUT_PER_STEP + 1;
  r->tau_s = malloc (r->n_tau * sizeof (double));
  r->gamma_ohm = malloc (r->n_tau * sizeof (double));
  if (!r->tau_s || !r->gamma_ohm)
    {
      st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  double h = step / OUT_PER_STEP;
  r->r_pol_ohm = 0;
  for (size_t j = 0; j < m; j++)
    r->r_pol_ohm += x[2 + j] * zref * sqrt (M_PI) / eps;
  for (size_t k = 0; k < r->n_tau; k++)
    {
      double lt = lt0 + (double) k * h, gsum = 0;
      r->tau_s[k] = exp (lt);
      /* only the basis functions within 7 widths contribute above 1e-21 */
      long c = lround ((double) k / OUT_PER_STEP);
      long span = (long) ceil (7.0 / (eps * step)) + 1;
      for (long j = c - span; j <= c + span; j++)
        if (j >= 0 && j < (long) m && x[2 + j] != 0)
          {
            double d = eps * (lt - (lt0 + (double) j * step));
            gsum += x[2 + j] * exp (-d * d);
          }
      r->gamma_ohm[k] = gsum * zref;
    }
  st = find_peaks (r, h, opt->peak_min_fraction > 0 ? opt->peak_min_fraction : 0.01,
                   opt->peak_min_prominence > 0 ? opt->peak_min_prominence : 0.10, 1.0 / wmax,
                   1.0 / wmin);
  /* a peak of 1e-9 of the impedance scale or less is round-off, not a process (a huge
   * --lambda flattens gamma to 1e-295 Ohm): not listed */
  if (st == EIS_OK)
    {
      size_t kept = 0;
      for (size_t j = 0; j < r->n_peaks; j++)
        if (r->peaks[j].r_ohm > 1e-9 * zref)
          r->peaks[kept++] = r->peaks[j];
      r->n_peaks = kept;
    }
  if (st == EIS_OK && residual_noise (K, w.Mp, lambda, x, p, ss, nres, &r->noise_rel) != 0)
    st = EIS_ERR_NOMEM;
  for (size_t j = 0; j < r->n_peaks; j++)
    r->peaks[j].r_se_ohm = NAN;
  if (st != EIS_OK)
    {
      eis_error_set (err, st, "out of memory");
      goto fail;
    }

  /* what the reader must know */
  size_t beyond = 0;
  for (size_t j = 0; j < r->n_peaks; j++)
    beyond += (size_t) r->peaks[j].beyond_data;
  char *wp = r->warning;
  size_t left = sizeof r->warning;
  if (r->n_tail > 0)
    {
      int len = snprintf (wp, left, "%zu low-frequency point%s (below %.3g Hz) left out: a "
                          "capacitive tail (phase %.0f degrees at the lowest frequency), the "
                          "blocking electrode, which a DRT can only show as gamma growing "
                          "without bound at long tau. ", r->n_tail, r->n_tail == 1 ? "" : "s",
                          r->tail_below_hz, r->tail_phase_deg);
      if (len > 0 && (size_t) len < left)
        wp += len, left -= (size_t) len;
    }
  size_t tail_peaks = 0;
  r->r_tail_ohm = 0;
  for (size_t j = 0; j < r->n_peaks; j++)
    tail_peaks += (size_t) (r->n_tail > 0 && r->peaks[j].tau_s > 1.0 / wmin);
  if (tail_peaks > 0)
    {
      /* The tail's share: all of R_pol that is not under a process's peak (the remnant's
       * peak, and the basis functions at the grid's long end whose mass lies beyond it). */
      r->r_tail_ohm = r->r_pol_ohm;
      for (size_t j = 0; j < r->n_peaks; j++)
        if (r->peaks[j].tau_s <= 1.0 / wmin)
          r->r_tail_ohm -= r->peaks[j].r_ohm;
      r->r_tail_ohm = fmax (r->r_tail_ohm, 0);
      /* the peaks table says the same: the tail's peaks carry R_tail between them (the last,
       * longest one takes what the others leave: the mass at the grid's long end), so the
       * peaks add up to R_pol */
      double r_other = 0;
      size_t last = r->n_peaks;
      for (size_t j = 0; j < r->n_peaks; j++)
        if (r->peaks[j].tau_s > 1.0 / wmin)
          {
            if (last < r->n_peaks)
              r_other += r->peaks[last].r_ohm;
            last = j;
          }
      if (last < r->n_peaks && r->r_tail_ohm - r_other >= 0)
        {
          r->peaks[last].r_ohm = r->r_tail_ohm - r_other;
          r->peaks[last].r_se_ohm = NAN;   /* a tail's remnant, not a process */
        }
      int len = snprintf (wp, left, "The peak beyond the lowest frequency (%.4g Ohm) is what is "
                          "left of that tail, not a process: R_inf + R_pol without it, %.4g "
                          "Ohm, is what the processes measured add up to. ", r->r_tail_ohm,
                          r->r_inf_ohm + r->r_pol_ohm - r->r_tail_ohm);
      if (len > 0 && (size_t) len < left)
        wp += len, left -= (size_t) len;
      beyond -= tail_peaks;
    }
  double r_short = 0;
  for (size_t j = 0; j < r->n_peaks; j++)
    if (r->peaks[j].tau_s < 1.0 / wmax)
      {
        r_short += r->peaks[j].r_ohm;
        beyond--;
      }
  if (r_short > 0)
    {
      /* an arc whose apex lies above the highest frequency: only its low-frequency side was
       * measured, and R_inf and the peak share what the intercept says */
      int len = snprintf (wp, left, "The peak above the highest frequency (its tau "
                          "extrapolated) and R_inf trade off: only their sum, %.4g Ohm, is "
                          "determined (the high-frequency intercept). ",
                          r->r_inf_ohm + r_short);
      if (len > 0 && (size_t) len < left)
        wp += len, left -= (size_t) len;
    }
  if (beyond > 0)
    {
      int len = snprintf (wp, left, "%zu peak%s outside the measured time constants "
                          "(%.3g s to %.3g s): extrapolated, not a resolved process. ",
                          beyond, beyond == 1 ? " lies" : "s lie", 1.0 / wmax, 1.0 / wmin);
      if (len > 0 && (size_t) len < left)
        wp += len, left -= (size_t) len;
    }
  if (r->lambda_at_largest)
    {
      int len = snprintf (wp, left, "lambda went to the largest value tried (1): the criterion "
                          "found no balance between fit and smoothness, as with data that are "
                          "not Kramers-Kronig consistent. ");
      if (len > 0 && (size_t) len < left)
        wp += len, left -= (size_t) len;
    }
  if (r->rms_res > 0.02)
    {
      int len = snprintf (wp, left, "The DRT does not reproduce the data (RMS residual %.2g %%):"
                          " check them with eisfit kk. ", 100 * r->rms_res);
      if (len > 0 && (size_t) len < left)
        wp += len, left -= (size_t) len;
    }
  if (r->n_peaks == 0)
    snprintf (wp, left, "No peak: gamma is flat or zero. ");
  size_t wl = strlen (r->warning);
  if (wl > 0 && r->warning[wl - 1] == ' ')
    r->warning[wl - 1] = '\0';
  /* a DRT that does not reproduce the data: its peaks' areas have no error from the noise
   * worth printing (the misfit is the error), so none is given */
  st = EIS_OK;
  if (r->rms_res <= 0.02)
    st = peak_bootstrap (r, opt, 1.0 / wmin, err);
  if (st != EIS_OK)
    goto fail;

  work_free (&w);
  free (x);
  free (gv);
  free (use);
  *out = r;
  return EIS_OK;

fail:
  work_free (&w);
  free (x);
  free (gv);
  free (use);
  eis_drt_result_free (r);
  return st;
}
