/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Complex non-linear least squares (CNLS): Levenberg-Marquardt through gsl_multifit_nlinear
 * with the circuit's exact Jacobian, positive parameters in log space, exponents and user
 * bounds through smooth transforms, several starts, covariance at the optimum.
 * Practice after Macdonald & Potter, Solid State Ionics 24 (1987) 61 (LEVM) and
 * Boukamp, J. Electrochem. Soc. 142 (1995) 1885. */
#include "fit.h"
#include "fit-private.h"

#include "cholesky.h"
#include "order-stat.h"
#include "qr.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_ITER 200
#define DEFAULT_STARTS 6

const char *
eis_weighting_name (EisWeighting w)
{
  switch (w)
    {
    case EIS_WEIGHT_PROPORTIONAL: return "proportional";
    case EIS_WEIGHT_UNIT: return "unit";
    case EIS_WEIGHT_MODULUS: return "modulus";
    case EIS_WEIGHT_COMPONENT: return "component";
    }
  return "unknown";
}

int
eis_weighting_parse (const char *name)
{
  static const EisWeighting all[] = { EIS_WEIGHT_PROPORTIONAL, EIS_WEIGHT_UNIT,
                                      EIS_WEIGHT_MODULUS, EIS_WEIGHT_COMPONENT };
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    if (strcmp (name, eis_weighting_name (all[i])) == 0)
      return (int) all[i];
  return -1;
}

const char *
eis_fit_status_name (EisFitStatus s)
{
  switch (s)
    {
    case EIS_FIT_CONVERGED: return "converged";
    case EIS_FIT_MAXITER: return "iteration limit reached";
    case EIS_FIT_STALLED: return "stalled";
    case EIS_FIT_FAILED: return "failed";
    }
  return "unknown";
}

void
eis_fit_options_init (EisFitOptions *opt)
{
  memset (opt, 0, sizeof *opt);
  opt->weighting = EIS_WEIGHT_PROPORTIONAL;
  opt->seed = 20261126;
}

int
eis_fit_point_used (const EisFitOptions *opt, size_t i, double f)
{
  if ((opt->f_min_hz > 0 && f < opt->f_min_hz) || (opt->f_max_hz > 0 && f > opt->f_max_hz))
    return 0;
  for (size_t k = 0; k < opt->n_exclude; k++)
    if (f >= opt->exclude[k].lo_hz && f <= opt->exclude[k].hi_hz)
      return 0;
  for (size_t k = 0; k < opt->n_exclude_points; k++)
    if (opt->exclude_points[k] == i + 1)
      return 0;
  return 1;
}

int
eis_fit_misfit (const EisFitResult *r, double *rms)
{
  double ss = 0;
  size_t m = 0;
  for (size_t i = 0; i < r->n_points; i++)
    if (isfinite (r->res_re[i]) && isfinite (r->res_im[i]))
      {
        ss += r->res_re[i] * r->res_re[i] + r->res_im[i] * r->res_im[i];
        m += 2;
      }
  double q = m ? sqrt (ss / (double) m) : NAN;
  if (rms)
    *rms = q;
  return q > EIS_MISFIT_RMS && r->runs_z < -3;
}

int
eis_fit_points_check (const EisFitOptions *opt, const EisSpectrum *s, EisError *err)
{
  size_t worst = 0;
  for (size_t k = 0; opt && k < opt->n_exclude_points; k++)
    if (opt->exclude_points[k] > s->n && opt->exclude_points[k] > worst)
      worst = opt->exclude_points[k];
  /* Z = 0 at a point to be fitted: no cell has it (an instrument's empty reading, "0,0"), and
   * no weighting relative to |Z| can take it; every candidate failed with "could not be
   * evaluated" and chi2 nan */
  for (size_t i = 0; worst == 0 && i < s->n; i++)
    if (s->z_re[i] == 0 && s->z_im[i] == 0 && (opt == NULL || eis_fit_point_used (opt, i, s->freq_hz[i])))
      {
        char where[64] = "";
        if (s->line && s->line[i] > 0)
          snprintf (where, sizeof where, " (line %zu)", s->line[i]);
        return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d: point %zu%s at %.6g Hz has "
                              "Z = 0 + 0j Ohm: no cell has zero impedance (an instrument's "
                              "empty reading); leave it out (--exclude-points %zu, or a right-click on it "
                              "in eisfit-gtk)",
                              s->source ? s->source : "(data)", s->index + 1, i + 1, where,
                              s->freq_hz[i], i + 1);
      }
  if (worst == 0)
    return EIS_OK;
  return eis_error_set (err, EIS_ERR_INVALID, "%s: spectrum %d: point %zu, to be left out, "
                        "does not exist: the spectrum has %zu points (numbered 1 to %zu in "
                        "order of ascending frequency)", s->source ? s->source : "(data)",
                        s->index + 1, worst, s->n, s->n);
}

/* 1.4826 times the median of |res_re| and |res_im| over R's points (Rousseeuw & Croux,
 * JASA 88 (1993) 1273): the standard deviation for Gaussian residuals, blind to a few bad
 * points. NAN when out of memory. */
static double
robust_sigma (const EisFitResult *r)
{
  size_t N = r->n_points;
  double *a = malloc (2 * N * sizeof *a);
  if (a == NULL || N == 0)
    {
      free (a);
      return NAN;
    }
  for (size_t i = 0; i < N; i++)
    {
      a[i] = fabs (r->res_re[i]);
      a[N + i] = fabs (r->res_im[i]);
    }
  /* The two middle values of the 2N: the N-th smallest, then the largest below it. */
  double upper = eis_select_kth (a, 2 * N, N), lower = a[0];
  for (size_t i = 1; i < N; i++)
    lower = fmax (lower, a[i]);
  double med = 0.5 * (lower + upper);
  free (a);
  return 1.4826 * med;
}

/* The point of R with the largest relative residual, and that residual. */
static size_t
worst_point (const EisFitResult *r, double *res)
{
  size_t w = 0;
  *res = -1;
  for (size_t i = 0; i < r->n_points; i++)
    {
      double a = fmax (fabs (r->res_re[i]), fabs (r->res_im[i]));
      if (a > *res)
        {
          *res = a;
          w = i;
        }
    }
  return w;
}

size_t
eis_fit_outliers (const EisCircuit *c, const EisSpectrum *s, const EisFitOptions *opt,
                  const EisFitResult *r, size_t *idx, size_t max)
{
  if (r->n_points < 10 || r->status == EIS_FIT_FAILED || max == 0)
    return 0;
  double worst;
  worst_point (r, &worst);
  double sig = robust_sigma (r);
  if (!(worst > fmax (0.01, EIS_OUTLIER_SIGMAS * sig)))
    return 0;   /* nothing stands out even in the pulled fit */
  size_t n_old = opt->n_exclude_points, count = 0;
  size_t *ex = malloc ((n_old + max) * sizeof *ex);
  if (ex == NULL)
    return 0;
  if (n_old > 0)
    memcpy (ex, opt->exclude_points, n_old * sizeof *ex);
  const EisFitResult *cur = r;
  EisFitResult *owned = NULL;
  while (count < max && cur->n_points > 10)
    {
      double res;
      size_t w = worst_point (cur, &res);
      size_t si = 0;   /* its index in S */
      while (si < s->n && s->freq_hz[si] != cur->freq_hz[w])
        si++;
      if (si == s->n)
        break;
      EisFitOptions o = *opt;
      ex[n_old + count] = si + 1;
      o.exclude_points = ex;
      o.n_exclude_points = n_old + count + 1;
      o.init = cur->value;
      o.fixed = cur->fixed;
      o.lower = o.upper = NULL;
      o.n_starts = 1;
      EisFitResult *without = NULL;
      EisError err;
      if (eis_fit_run (c, s, &o, &without, &err) != EIS_OK || without->status == EIS_FIT_FAILED)
        {
          eis_fit_result_free (without);
          break;
        }
      double complex z;
      eis_circuit_eval (c, without->value, 2 * M_PI * s->freq_hz[si], &z, NULL);
      double mod = hypot (s->z_re[si], s->z_im[si]);
      double out = fmax (fabs (s->z_re[si] - creal (z)), fabs (s->z_im[si] - cimag (z))) / mod;
      /* An outlier stands alone: its neighbours in frequency follow the fit without it
       * (within 3 robust standard deviations). A run of large residuals is a feature the
       * model misses, not bad points. */
      double sw = robust_sigma (without), lim = fmax (0.01, EIS_OUTLIER_SIGMAS * sw);
      size_t pos = 0;   /* the first point of WITHOUT above it in frequency */
      while (pos < without->n_points && without->freq_hz[pos] < s->freq_hz[si])
        pos++;
      int alone = 1;
      for (size_t i = pos > 0 ? pos - 1 : pos; i <= pos && i < without->n_points; i++)
        if (fmax (fabs (without->res_re[i]), fabs (without->res_im[i])) > fmax (0.01, 3 * sw))
          alone = 0;
      if (!(out > lim) || !alone)
        {
          eis_fit_result_free (without);
          break;
        }
      idx[count++] = si;
      eis_fit_result_free (owned);
      owned = without;
      cur = without;
    }
  eis_fit_result_free (owned);
  free (ex);
  return count;
}

EisSpectrum *
eis_fit_used_points (const EisSpectrum *s, const EisFitOptions *opt)
{
  EisSpectrum *u = eis_spectrum_dup (s);
  if (u == NULL)
    return NULL;
  size_t n = 0;
  for (size_t i = 0; i < s->n; i++)
    if (eis_fit_point_used (opt, i, s->freq_hz[i]))
      {
        u->freq_hz[n] = s->freq_hz[i];
        u->z_re[n] = s->z_re[i];
        u->z_im[n] = s->z_im[i];
        if (u->time_s)
          u->time_s[n] = s->time_s[i];
        if (u->line)
          u->line[n] = s->line[i];
        n++;
      }
  u->n = n;
  return u;
}

EisFitResult *
eis_fit_result_new (size_t P, size_t N)
{
  EisFitResult *r = calloc (1, sizeof *r);
  if (r == NULL)
    return NULL;
  r->n_params = P;
  r->n_points = N;
  size_t p1 = P ? P : 1, n1 = N ? N : 1;
  r->value = calloc (p1, sizeof (double));
  r->stderr_ = calloc (p1, sizeof (double));
  r->corr = calloc (p1 * p1, sizeof (double));
  r->fixed = calloc (p1, sizeof (int));
  r->undetermined = calloc (p1, sizeof (int));
  r->at_bound = calloc (p1, sizeof (int));
  r->freq_hz = calloc (n1, sizeof (double));
  r->model_re = calloc (n1, sizeof (double));
  r->model_im = calloc (n1, sizeof (double));
  r->res_re = calloc (n1, sizeof (double));
  r->res_im = calloc (n1, sizeof (double));
  if (!r->value || !r->stderr_ || !r->corr || !r->fixed || !r->undetermined || !r->at_bound || !r->freq_hz
      || !r->model_re || !r->model_im || !r->res_re || !r->res_im)
    {
      eis_fit_result_free (r);
      return NULL;
    }
  return r;
}

void
eis_fit_result_free (EisFitResult *r)
{
  if (r == NULL)
    return;
  free (r->value);
  free (r->stderr_);
  free (r->corr);
  free (r->fixed);
  free (r->undetermined);
  free (r->at_bound);
  free (r->freq_hz);
  free (r->model_re);
  free (r->model_im);
  free (r->res_re);
  free (r->res_im);
  free (r);
}

/* How a free parameter p maps to the solver's unbounded variable x.
 * u = ln p for positive parameters, u = p for exponents; then on u:
 *   none:  u = x
 *   both:  u = a + (b - a)(sin x + 1)/2          (MINUIT's transform)
 *   lower: u = a - 1 + sqrt(x^2 + 1)
 *   upper: u = b + 1 - sqrt(x^2 + 1) */
enum { B_NONE, B_BOTH, B_LOWER, B_UPPER };

typedef struct {
  size_t index;   /* parameter index in the circuit */
  int log;        /* u = ln p */
  int bounds;
  double a, b;    /* bounds on u */
} FreeParam;

/* The circuit is evaluated this many points at a time (eis_circuit_eval_batch): long enough
 * to pass over its nodes seldom, short enough that the scratch stays small (a fit's scratch
 * that grew past glibc's trim threshold was given back to the kernel after every fit). */
#define EVAL_CHUNK 16

typedef struct {
  const EisCircuit *c;
  size_t P, N, nfree;
  const double *omega, *zre, *zim;
  const double *log_omega;   /* ln omega of each point */
  double *sw_re, *sw_im;     /* square roots of the weights */
  double *p;                 /* full parameter vector (natural units) */
  FreeParam *fp;
  double complex *dz;        /* EVAL_CHUNK x P: dZ/dp at each point of a chunk */
  double complex *zb;        /* EVAL_CHUNK: Z at each point of a chunk */
  double complex *work;      /* eis_circuit_batch_work (c, EVAL_CHUNK) */
  /* The Jacobian computed with the residuals: GSL asks for it at the point whose residuals
   * it has just evaluated (each accepted step), so residual_f fills it in the same pass over
   * the circuit and residual_df copies it when x is the same. */
  double *jac;               /* 2N x nfree, row-major */
  double *jac_x;             /* nfree: the x it belongs to */
  int jac_valid;             /* 1 when jac holds J(jac_x) */
  int jac_status;            /* GSL_EDOM when an entry was not finite */
  /* The geodesic run's workspace (its f and J at the current point) and finite-difference
   * step, for residual_fvv; a scratch of nfree for the point x + h v. */
  gsl_multifit_nlinear_workspace *wfvv;
  double h_fvv;
  gsl_vector *xh;
  /* Variable projection of the series resistance (see varpro_start): when VP is set, the
   * parameter VP_INDEX is not among the free ones; residual_f evaluates the circuit with it
   * at 0, sets it to its linear least-squares value for the other parameters (at least
   * VP_FLOOR) and projects it out of the real residuals' Jacobian; VP_CLAMPED says whether
   * the last evaluation held it at the floor (its least-squares value was at or below it). */
  int vp;
  size_t vp_index;
  double vp_floor;
  int vp_clamped;
} Ctx;

static double
u_from_x (const FreeParam *f, double x)
{
  switch (f->bounds)
    {
    case B_BOTH: return f->a + (f->b - f->a) * (sin (x) + 1) / 2;
    case B_LOWER: return f->a - 1 + sqrt (x * x + 1);
    case B_UPPER: return f->b + 1 - sqrt (x * x + 1);
    default: return x;
    }
}

static double
dudx (const FreeParam *f, double x)
{
  switch (f->bounds)
    {
    case B_BOTH: return (f->b - f->a) * cos (x) / 2;
    case B_LOWER: return x / sqrt (x * x + 1);
    case B_UPPER: return -x / sqrt (x * x + 1);
    default: return 1;
    }
}

static double
x_from_u (const FreeParam *f, double u)
{
  switch (f->bounds)
    {
    case B_BOTH:
      {
        double t = 2 * (u - f->a) / (f->b - f->a) - 1;
        /* Start strictly inside, where the transform has slope. */
        if (t > 0.999)
          t = 0.999;
        if (t < -0.999)
          t = -0.999;
        return asin (t);
      }
    case B_LOWER:
      {
        double d = u - f->a + 1;
        if (d < 1.001)
          d = 1.001;
        return sqrt (d * d - 1);
      }
    case B_UPPER:
      {
        double d = f->b + 1 - u;
        if (d < 1.001)
          d = 1.001;
        return sqrt (d * d - 1);
      }
    default:
      return u;
    }
}

static void
set_params (Ctx *ctx, const gsl_vector *x)
{
  for (size_t k = 0; k < ctx->nfree; k++)
    {
      const FreeParam *f = &ctx->fp[k];
      double u = u_from_x (f, gsl_vector_get (x, k));
      ctx->p[f->index] = f->log ? exp (u) : u;
    }
}

/* d x -> d(natural or log) parameter chain factors at X for the free parameters (CTX->p set). */
static void
chain_factors (const Ctx *ctx, const gsl_vector *x, double *ch)
{
  for (size_t k = 0; k < ctx->nfree; k++)
    {
      const FreeParam *f = &ctx->fp[k];
      double d = dudx (f, gsl_vector_get (x, k));
      ch[k] = f->log ? d * ctx->p[f->index] : d;
    }
}

/* Weighted residuals at X into F; with CTX->jac, the Jacobian at X as well (see Ctx). */
static int
residual_f (const gsl_vector *x, void *data, gsl_vector *f)
{
  Ctx *ctx = data;
  size_t N = ctx->N, nfree = ctx->nfree;
  int with_jac = x != NULL && ctx->jac != NULL && nfree > 0;
  double chain[64];
  double *ch = nfree <= 64 ? chain : malloc (nfree * sizeof *ch);
  if (ch == NULL)
    with_jac = 0;
  ctx->jac_valid = 0;
  if (x)
    set_params (ctx, x);
  if (with_jac)
    chain_factors (ctx, x, ch);
  double *fd = f->data;
  size_t fs = f->stride;
  int jstatus = GSL_SUCCESS;
  if (ctx->vp)
    ctx->p[ctx->vp_index] = 0;
  for (size_t i = 0; i < N; i++)
    {
      size_t j = i % EVAL_CHUNK;
      if (j == 0)
        eis_circuit_eval_batch (ctx->c, ctx->p, N - i < EVAL_CHUNK ? N - i : EVAL_CHUNK,
                                ctx->omega + i, ctx->log_omega + i, ctx->zb,
                                with_jac ? ctx->dz : NULL, ctx->work);
      double complex z = ctx->zb[j];
      const double complex *dzi = ctx->dz + j * ctx->P;
      double re = ctx->sw_re[i] * (creal (z) - ctx->zre[i]);
      double im = ctx->sw_im[i] * (cimag (z) - ctx->zim[i]);
      if (!isfinite (re) || !isfinite (im))
        {
          if (ch != chain)
            free (ch);
          return GSL_EDOM;
        }
      fd[i * fs] = re;
      fd[(N + i) * fs] = im;
      if (with_jac)
        {
          /* BAD stays 0 while every entry is finite (x - x is NaN for an infinite x), one
           * test a row instead of two an entry. */
          double *jr = ctx->jac + i * nfree, *ji = ctx->jac + (N + i) * nfree;
          const FreeParam *fp = ctx->fp;
          const double swr = ctx->sw_re[i], swi = ctx->sw_im[i];
          double bad = 0;
          for (size_t k = 0; k < nfree; k++)
            {
              double complex d = dzi[fp[k].index] * ch[k];
              double a = swr * creal (d), b = swi * cimag (d);
              bad += (a - a) + (b - b);
              jr[k] = a;
              ji[k] = b;
            }
          if (!(bad == 0))
            jstatus = GSL_EDOM;
        }
    }
  if (ctx->vp)
    {
      /* The series resistance R enters the real residuals as u_i R (u_i = sw_re_i): its best
       * value for the other parameters is -sum u_i f_i / sum u_i^2, and the residuals' change
       * with the other parameters, R following, is J's real rows less their projection on u. */
      const double *u = ctx->sw_re;
      double su = 0, sg = 0;
      for (size_t i = 0; i < N; i++)
        {
          su += u[i] * u[i];
          sg += u[i] * fd[i * fs];
        }
      double R = -sg / su;
      int free_r = R > ctx->vp_floor;
      if (!free_r)
        R = ctx->vp_floor;
      for (size_t i = 0; i < N; i++)
        fd[i * fs] += R * u[i];
      ctx->p[ctx->vp_index] = R;
      ctx->vp_clamped = !free_r;
      if (with_jac && free_r)
        for (size_t k = 0; k < nfree; k++)
          {
            double a = 0;
            for (size_t i = 0; i < N; i++)
              a += u[i] * ctx->jac[i * nfree + k];
            a /= su;
            for (size_t i = 0; i < N; i++)
              ctx->jac[i * nfree + k] -= a * u[i];
          }
    }
  if (with_jac)
    {
      memcpy (ctx->jac_x, x->data, nfree * sizeof *ctx->jac_x);
      for (size_t k = 0; k < nfree && x->stride != 1; k++)
        ctx->jac_x[k] = gsl_vector_get (x, k);
      ctx->jac_status = jstatus;
      ctx->jac_valid = 1;
    }
  if (ch != chain)
    free (ch);
  return GSL_SUCCESS;
}

/* The second directional derivative of the residuals along V for geodesic acceleration,
 * by GSL's finite difference (multifit_nlinear/fdfvv.c of GSL 2.7, the same operations in
 * the same order, so the same numbers): fvv_i = 2/h ((f_i(x + h v) - f_i(x)) / h - J_i v),
 * with f(x) and J(x) the workspace's. GSL's own version evaluates f(x + h v) with the
 * Jacobian (residual_f fills it in the same pass) and takes each J_i v with a BLAS call;
 * this one evaluates the residuals alone. It counts as a residual evaluation, as GSL's does
 * (solve() reads the count). */
static int
residual_fvv (const gsl_vector *x, const gsl_vector *v, void *data, gsl_vector *fvv)
{
  Ctx *ctx = data;
  gsl_multifit_nlinear_workspace *w = ctx->wfvv;
  const gsl_vector *f = gsl_multifit_nlinear_residual (w);
  const gsl_matrix *J = gsl_multifit_nlinear_jac (w);
  size_t n = fvv->size, p = v->size;
  double h = ctx->h_fvv, hinv = 1.0 / h;
  for (size_t k = 0; k < p; k++)
    gsl_vector_set (ctx->xh, k, gsl_vector_get (x, k) + h * gsl_vector_get (v, k));
  set_params (ctx, ctx->xh);
  int status = residual_f (NULL, ctx, fvv);
  w->fdf->nevalf++;
  if (status)
    return status;
  for (size_t i = 0; i < n; i++)
    {
      double fi = gsl_vector_get (f, i), fip = gsl_vector_get (fvv, i);
      const double *row = J->data + i * J->tda;
      double u = 0.0;
      for (size_t k = 0; k < p; k++)
        u += row[k] * v->data[k * v->stride];
      gsl_vector_set (fvv, i, (2.0 * hinv) * ((fip - fi) * hinv - u));
    }
  return GSL_SUCCESS;
}

/* 1 when CTX->jac holds the Jacobian at X. */
static int
jac_cached (const Ctx *ctx, const gsl_vector *x)
{
  if (!ctx->jac_valid)
    return 0;
  for (size_t k = 0; k < ctx->nfree; k++)
    if (gsl_vector_get (x, k) != ctx->jac_x[k])
      return 0;
  return 1;
}

static int
residual_df (const gsl_vector *x, void *data, gsl_matrix *J)
{
  Ctx *ctx = data;
  size_t N = ctx->N, nfree = ctx->nfree;
  if (!jac_cached (ctx, x) && ctx->vp && ctx->jac != NULL)
    {
      /* The projected Jacobian comes with the residuals. */
      gsl_vector *f = gsl_vector_alloc (2 * N);
      if (f == NULL)
        return GSL_ENOMEM;
      int st = residual_f (x, ctx, f);
      gsl_vector_free (f);
      if (st)
        return st;
    }
  if (jac_cached (ctx, x))
    {
      for (size_t r = 0; r < 2 * N; r++)
        memcpy (J->data + r * J->tda, ctx->jac + r * nfree, nfree * sizeof (double));
      return ctx->jac_status;
    }
  set_params (ctx, x);
  double chain[64];
  double *ch = nfree <= 64 ? chain : malloc (nfree * sizeof *ch);
  if (ch == NULL)
    return GSL_ENOMEM;
  chain_factors (ctx, x, ch);
  int status = GSL_SUCCESS;
  for (size_t i = 0; i < N; i++)
    {
      size_t j = i % EVAL_CHUNK;
      if (j == 0)
        eis_circuit_eval_batch (ctx->c, ctx->p, N - i < EVAL_CHUNK ? N - i : EVAL_CHUNK,
                                ctx->omega + i, ctx->log_omega + i, ctx->zb, ctx->dz,
                                ctx->work);
      const double complex *dzi = ctx->dz + j * ctx->P;
      double *jr = J->data + i * J->tda, *ji = J->data + (N + i) * J->tda;
      for (size_t k = 0; k < nfree; k++)
        {
          double complex d = dzi[ctx->fp[k].index] * ch[k];
          double a = ctx->sw_re[i] * creal (d), b = ctx->sw_im[i] * cimag (d);
          if (!isfinite (a) || !isfinite (b))
            status = GSL_EDOM;
          jr[k] = a;
          ji[k] = b;
        }
    }
  if (ch != chain)
    free (ch);
  return status;
}

/* More's scaling (More 1978, eq. 6.3; GSL's gsl_multifit_nlinear_scale_more): D_j is the
 * largest norm column j of J has had, 1 for a zero column. The norms are summed in one pass
 * over J's rows instead of a scaled BLAS norm per column, which divides at every element and
 * was a tenth of the fit; a sum that under- or overflows is redone with the scaled norm. */
/* DIAG_j = max(DIAG_j, ||J_j||) from SS[j * STEP], the sums of squares of J's columns. */
static void
scale_more_from_squares (const gsl_matrix *J, const double *ss, size_t step, gsl_vector *diag)
{
  for (size_t j = 0; j < J->size2; j++)
    {
      double norm, sj = ss[j * step];
      if (sj > 1e-280 && sj < 1e280)
        norm = sqrt (sj);
      else
        {
          gsl_vector_const_view v = gsl_matrix_const_column (J, j);
          norm = gsl_blas_dnrm2 (&v.vector);
        }
      if (norm == 0.0)
        norm = 1.0;
      double *dj = gsl_vector_ptr (diag, j);
      *dj = fmax (*dj, norm);
    }
}

static int
scale_more_update (const gsl_matrix *J, gsl_vector *diag)
{
  size_t n = J->size1, p = J->size2;
  double ss[64];
  if (p > 64)
    return gsl_multifit_nlinear_scale_more->update (J, diag);
  for (size_t j = 0; j < p; j++)
    ss[j] = 0;
  for (size_t i = 0; i < n; i++)
    {
      const double *row = J->data + i * J->tda;
      for (size_t j = 0; j < p; j++)
        ss[j] += row[j] * row[j];
    }
  scale_more_from_squares (J, ss, 1, diag);
  return GSL_SUCCESS;
}

static int
scale_more_init (const gsl_matrix *J, gsl_vector *diag)
{
  gsl_vector_set_zero (diag);
  return scale_more_update (J, diag);
}

static const gsl_multifit_nlinear_scale scale_more = { "more", scale_more_init, scale_more_update };

/* The linear solver of each LM step: GSL's "cholesky" solver (multifit_nlinear/cholesky.c of
 * GSL 2.7, the Cholesky factorisation of J^T J + mu D^T D), with the same operations in the
 * same order, so every step and every fit is the same to the last bit; it differs in where
 * the time goes. The factorisation and solve are eis_cholesky_decomp and _solve (cholesky.c),
 * GSL's to the last bit without the reference BLAS's calls. GSL forms J^T J with the reference BLAS's dsyrk, which walks J's columns
 * (stride p) once per element of J^T J, and -J^T f with a dgemv at every trial step; here
 * J^T J is summed row by row of J (each element still over the rows in order, from 0.0) and
 * -J^T f once per Jacobian, as the right-hand side of every trial step from it. */
typedef struct {
  size_t p;
  gsl_matrix *JTJ;        /* lower triangle of J^T J */
  gsl_matrix *work;       /* the Cholesky factor of J^T J + mu D^T D */
  gsl_vector *rhs;        /* -J^T f at the Jacobian's point */
  const gsl_vector *rhs_f; /* the f it belongs to */
  gsl_vector *work3p;
  double mu;
} ChSolver;

static void
chs_free (void *vs)
{
  ChSolver *s = vs;
  if (s == NULL)
    return;
  gsl_matrix_free (s->JTJ);
  gsl_matrix_free (s->work);
  gsl_vector_free (s->rhs);
  gsl_vector_free (s->work3p);
  free (s);
}

static void *
chs_alloc (const size_t n, const size_t p)
{
  (void) n;
  ChSolver *s = calloc (1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->p = p;
  s->JTJ = gsl_matrix_alloc (p, p);
  s->work = gsl_matrix_alloc (p, p);
  s->rhs = gsl_vector_alloc (p);
  s->work3p = gsl_vector_alloc (3 * p);
  s->mu = -1.0;
  if (!s->JTJ || !s->work || !s->rhs || !s->work3p)
    {
      chs_free (s);
      return NULL;
    }
  return s;
}

/* -J^T F into RHS as the reference dgemv (CblasTrans, alpha -1, beta 0) forms it: from 0.0,
 * row by row, a row skipped where -f_i is 0; four rows per pass over RHS (the additions into
 * each element still in the order of the rows). */
static void
chs_minus_jtf (const gsl_matrix *J, const gsl_vector *f, gsl_vector *rhs)
{
  size_t n = J->size1, p = J->size2, tda = J->tda, fs = f->stride;
  if (rhs->stride != 1)
    {
      gsl_blas_dgemv (CblasTrans, -1.0, J, f, 0.0, rhs);
      return;
    }
  double *y = rhs->data;
  for (size_t k = 0; k < p; k++)
    y[k] = 0.0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    {
      double t0 = -1.0 * f->data[i * fs], t1 = -1.0 * f->data[(i + 1) * fs];
      double t2 = -1.0 * f->data[(i + 2) * fs], t3 = -1.0 * f->data[(i + 3) * fs];
      const double *r0 = J->data + i * tda, *r1 = r0 + tda, *r2 = r1 + tda, *r3 = r2 + tda;
      if (t0 == 0.0 || t1 == 0.0 || t2 == 0.0 || t3 == 0.0)
        break;
      for (size_t k = 0; k < p; k++)
        {
          double v = y[k];
          v += t0 * r0[k];
          v += t1 * r1[k];
          v += t2 * r2[k];
          v += t3 * r3[k];
          y[k] = v;
        }
    }
  for (; i < n; i++)
    {
      double t = -1.0 * f->data[i * fs];
      if (t == 0.0)
        continue;
      const double *row = J->data + i * tda;
      for (size_t k = 0; k < p; k++)
        y[k] += t * row[k];
    }
}

typedef double V4d __attribute__ ((vector_size (32)));

/* T (P x P, row stride TDA) = J^T J for J (N x P, row stride JT), each element summed over
 * J's rows in order from 0.0, four rows of J per pass over T; columns four at a time. Only
 * the lower triangle is read (the Cholesky step and More's scaling), so row a is summed up to
 * its diagonal's block of four (the elements above it left 0, or partly summed). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
jtj_rows (double *restrict T, size_t tda, const double *restrict J, size_t jt, size_t n, size_t p)
{
  for (size_t a = 0; a < p; a++)
    for (size_t b = 0; b < p; b++)
      T[a * tda + b] = 0.0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    {
      const double *r0 = J + i * jt, *r1 = r0 + jt, *r2 = r1 + jt, *r3 = r2 + jt;
      for (size_t a = 0; a < p; a++)
        {
          double x0 = r0[a], x1 = r1[a], x2 = r2[a], x3 = r3[a];
          double *Ta = T + a * tda;
          size_t b = 0;
          for (; b <= a && b + 4 <= p; b += 4)
            {
              V4d v, q0, q1, q2, q3;
              memcpy (&v, Ta + b, sizeof v);
              memcpy (&q0, r0 + b, sizeof q0);
              memcpy (&q1, r1 + b, sizeof q1);
              memcpy (&q2, r2 + b, sizeof q2);
              memcpy (&q3, r3 + b, sizeof q3);
              v += x0 * q0;
              v += x1 * q1;
              v += x2 * q2;
              v += x3 * q3;
              memcpy (Ta + b, &v, sizeof v);
            }
          for (; b <= a; b++)
            {
              double v = Ta[b];
              v += x0 * r0[b];
              v += x1 * r1[b];
              v += x2 * r2[b];
              v += x3 * r3[b];
              Ta[b] = v;
            }
        }
    }
  for (; i < n; i++)
    {
      const double *row = J + i * jt;
      for (size_t a = 0; a < p; a++)
        {
          double ra = row[a];
          double *Ta = T + a * tda;
          for (size_t b = 0; b <= a; b++)
            Ta[b] += ra * row[b];
        }
    }
}

static int
chs_init (const void *vtrust, void *vs)
{
  const gsl_multifit_nlinear_trust_state *ts = vtrust;
  ChSolver *s = vs;
  const gsl_matrix *J = ts->J;
  size_t n = J->size1, p = J->size2;
  double *T = s->JTJ->data;
  size_t tda = s->JTJ->tda;
  /* T[a][b] = sum over rows i of J[i][a] J[i][b] (dsyrk, Lower, Trans, alpha 1, beta 0: each
   * from 0.0, over i in order); the lower triangle is used and summed (jtj_rows), four
   * columns an instruction. */
  jtj_rows (T, tda, J->data, J->tda, n, p);
  chs_minus_jtf (J, ts->f, s->rhs);
  s->rhs_f = ts->f;
  return GSL_SUCCESS;
}

static int
chs_presolve (const double mu, const void *vtrust, void *vs)
{
  const gsl_multifit_nlinear_trust_state *ts = vtrust;
  ChSolver *s = vs;
  size_t p = s->p;
  for (size_t a = 0; a < p; a++)
    memcpy (s->work->data + a * s->work->tda, s->JTJ->data + a * s->JTJ->tda,
            (a + 1) * sizeof (double));
  if (mu != 0.0)
    for (size_t a = 0; a < p; a++)
      {
        double d = gsl_vector_get (ts->diag, a);
        *gsl_matrix_ptr (s->work, a, a) += mu * d * d;
      }
  int status = eis_cholesky_decomp (s->work->data, s->work->tda, p);
  if (status)
    return status;
  s->mu = mu;
  return GSL_SUCCESS;
}

static int
chs_solve (const gsl_vector *f, gsl_vector *x, const void *vtrust, void *vs)
{
  const gsl_multifit_nlinear_trust_state *ts = vtrust;
  ChSolver *s = vs;
  const double *b = s->rhs->data;
  if (f != s->rhs_f || f != ts->f)
    {
      /* another right-hand side (geodesic acceleration's f_vv) */
      gsl_vector_view bv = gsl_vector_subvector (s->work3p, 0, s->p);
      chs_minus_jtf (ts->J, f, &bv.vector);
      b = bv.vector.data;
    }
  if (x->stride != 1)
    {
      gsl_vector_const_view bv = gsl_vector_const_view_array (b, s->p);
      return gsl_linalg_cholesky_solve (s->work, &bv.vector, x);
    }
  eis_cholesky_solve (s->work->data, s->work->tda, s->p, b, x->data);
  return GSL_SUCCESS;
}

static int
chs_rcond (double *rcond, void *vs)
{
  ChSolver *s = vs;
  size_t p = s->p;
  if (s->mu < 0.0)
    {
      *rcond = 0.0;     /* no iteration yet */
      return GSL_EFAILED;
    }
  if (s->mu != 0)
    {
      for (size_t a = 0; a < p; a++)
        memcpy (s->work->data + a * s->work->tda, s->JTJ->data + a * s->JTJ->tda,
                (a + 1) * sizeof (double));
      int status = eis_cholesky_decomp (s->work->data, s->work->tda, p);
      if (status)
        return status;
    }
  double r;
  int status = gsl_linalg_cholesky_rcond (s->work, &r, s->work3p);
  if (status == GSL_SUCCESS)
    *rcond = sqrt (r);
  return status;
}

static const gsl_multifit_nlinear_solver cholesky_rows = {
  "cholesky", chs_alloc, chs_init, chs_presolve, chs_solve, chs_rcond, chs_free
};

/* The trust-region iteration of the plain Levenberg-Marquardt fits: GSL's "trust-region"
 * method with its "levenberg-marquardt" subproblem and Nielsen's update of mu
 * (multifit_nlinear/trust.c, lm.c, nielsen.c of GSL 2.7), the same operations in the same
 * order, so every step and every fit is the same to the last bit. What differs is where the
 * time goes: GSL computes ||f|| twice at every trial step (for rho and again for the
 * predicted reduction) and the reference BLAS's dgemv for J p and J^T f; here ||f|| is
 * kept from the step that made f, and J p and J^T f are plain loops in the reference BLAS's
 * order of summation. Geodesic acceleration (lmaccel) stays with GSL's own method. */
/* Every vector here has stride 1 (gsl_multifit_nlinear_alloc's and ft_alloc's own). */
typedef struct {
  size_t n, p;
  double delta, mu, normf;   /* normf: ||f|| of the current f, NAN when not known */
  long nu;
  int solver_ready;          /* the solver's init was made for the current J */
  gsl_vector *diag, *x_trial, *f_trial, *workn, *vel;
  void *solver_state;
  gsl_multifit_nlinear_parameters params;
} FastTrust;

/* ||x|| as the reference BLAS's dnrm2 computes it (scaled, to the last bit). */
static double
nrm2_ref (const gsl_vector *v)
{
  return eis_nrm2_ref (v->data, v->stride, v->size);
}

/* G = J^T F (dgemv, Trans, alpha 1, beta 0: over J's rows in order, zero terms skipped). */
static void
ft_jtf (const gsl_matrix *J, const gsl_vector *f, gsl_vector *g)
{
  size_t n = J->size1, p = J->size2;
  double *y = g->data;
  for (size_t k = 0; k < p; k++)
    y[k] = 0.0;
  for (size_t i = 0; i < n; i++)
    {
      double t = 1.0 * f->data[i];
      if (t == 0.0)
        continue;
      const double *row = J->data + i * J->tda;
      for (size_t k = 0; k < p; k++)
        y[k] += t * row[k];
    }
}

static double
ft_scaled_norm (const gsl_vector *d, const gsl_vector *a)
{
  double e2 = 0.0;
  for (size_t i = 0; i < a->size; i++)
    {
      double u = d->data[i] * a->data[i];
      e2 += u * u;
    }
  return sqrt (e2);
}

static void
ft_free (void *vs)
{
  FastTrust *s = vs;
  if (s == NULL)
    return;
  gsl_vector_free (s->diag);
  gsl_vector_free (s->x_trial);
  gsl_vector_free (s->f_trial);
  gsl_vector_free (s->workn);
  gsl_vector_free (s->vel);
  if (s->solver_state)
    s->params.solver->free (s->solver_state);
  free (s);
}

static void *
ft_alloc (const gsl_multifit_nlinear_parameters *params, const size_t n, const size_t p)
{
  FastTrust *s = calloc (1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->params = *params;
  s->n = n;
  s->p = p;
  s->diag = gsl_vector_alloc (p);
  s->x_trial = gsl_vector_alloc (p);
  s->f_trial = gsl_vector_alloc (n);
  s->workn = gsl_vector_alloc (n);
  s->vel = gsl_vector_calloc (p);
  s->solver_state = params->solver->alloc (n, p);
  if (!s->diag || !s->x_trial || !s->f_trial || !s->workn || !s->vel || !s->solver_state)
    {
      ft_free (s);
      return NULL;
    }
  return s;
}

static int
ft_init (void *vs, const gsl_vector *swts, gsl_multifit_nlinear_fdf *fdf, const gsl_vector *x,
         gsl_vector *f, gsl_matrix *J, gsl_vector *g)
{
  FastTrust *s = vs;
  int status = gsl_multifit_nlinear_eval_f (fdf, x, swts, f);
  if (status)
    return status;
  status = gsl_multifit_nlinear_eval_df (x, f, swts, s->params.h_df, s->params.fdtype, fdf, J,
                                         s->workn);
  if (status)
    return status;
  ft_jtf (J, f, g);
  s->params.scale->init (J, s->diag);
  double Dx = ft_scaled_norm (s->diag, x);
  s->delta = 0.3 * GSL_MAX (1.0, Dx);
  /* Nielsen: mu = 1e-3 max_j ||J_j|| / D_j squared, nu = 2 */
  double max = -1.0;
  for (size_t j = 0; j < s->p; j++)
    {
      /* (gsl_blas_dnrm2's reference algorithm, without its calls) */
      double norm = eis_nrm2_ref (J->data + j, J->tda, J->size1) / gsl_vector_get (s->diag, j);
      max = GSL_MAX (max, norm);
    }
  s->mu = 1.0e-3 * max * max;
  s->nu = 2;
  gsl_vector_set_zero (s->vel);
  s->normf = NAN;
  s->solver_ready = 0;
  return GSL_SUCCESS;
}

static int
ft_iterate (void *vs, const gsl_vector *swts, gsl_multifit_nlinear_fdf *fdf, gsl_vector *x,
            gsl_vector *f, gsl_matrix *J, gsl_vector *g, gsl_vector *dx)
{
  FastTrust *s = vs;
  const gsl_multifit_nlinear_parameters *params = &s->params;
  double avratio = 0.0;
  const gsl_multifit_nlinear_trust_state ts = { x, f, g, J, s->diag, swts, &s->mu, params,
                                                s->solver_state, fdf, &avratio };
  int status = s->solver_ready ? GSL_SUCCESS : params->solver->init (&ts, s->solver_state);
  s->solver_ready = 0;
  if (status)
    return status;
  if (isnan (s->normf))
    s->normf = nrm2_ref (f);
  const double normf = s->normf;
  int bad_steps = 0;
  for (;;)
    {
      double rho = -1.0, normf_trial = NAN;
      int found = 0;
      status = params->solver->presolve (s->mu, &ts, s->solver_state);
      if (status == GSL_SUCCESS)
        status = params->solver->solve (f, s->vel, &ts, s->solver_state);
      if (status == GSL_SUCCESS)
        {
          /* dx = v (no acceleration); x_trial = x + dx */
          for (size_t k = 0; k < s->p; k++)
            {
              double v = 1.0 * s->vel->data[k] + 0.5 * 0.0;
              dx->data[k] = v;
              s->x_trial->data[k] = x->data[k] + v;
            }
          status = gsl_multifit_nlinear_eval_f (fdf, s->x_trial, swts, s->f_trial);
          if (status)
            return status;
          normf_trial = nrm2_ref (s->f_trial);
          if (normf_trial < normf)
            {
              double u = normf_trial / normf, actual = 1.0 - u * u;
              /* predicted reduction (More 1978, eq. 4.4): ||J v||^2 + 2 mu ||D v||^2 */
              double norm_Dp = ft_scaled_norm (s->diag, s->vel);
              const double *v = s->vel->data;
              for (size_t i = 0; i < s->n; i++)
                {
                  const double *row = J->data + i * J->tda;
                  double t = 0.0;
                  for (size_t k = 0; k < s->p; k++)
                    t += v[k] * row[k];
                  s->workn->data[i] = t;
                }
              double norm_Jp = nrm2_ref (s->workn);
              double uj = norm_Jp / normf, vd = norm_Dp / normf;
              double pred = uj * uj + 2.0 * s->mu * vd * vd;
              rho = pred > 0.0 ? actual / pred : -1.0;
            }
          found = rho > 0.0;
        }
      if (rho > 0.75)
        s->delta *= params->factor_up;
      else if (rho < 0.25)
        s->delta /= params->factor_down;
      if (found)
        {
          status = gsl_multifit_nlinear_eval_df (s->x_trial, s->f_trial, swts, params->h_df,
                                                 params->fdtype, fdf, J, s->workn);
          if (status)
            return status;
          gsl_vector_memcpy (x, s->x_trial);
          gsl_vector_memcpy (f, s->f_trial);
          s->normf = normf_trial;
          if (params->solver == &cholesky_rows && params->scale == &scale_more && s->p <= 64)
            {
              /* The next iteration's J^T J and -J^T f now: g is -(-J^T f) (the same sums
               * with the sign turned) and More's column norms are the roots of J^T J's
               * diagonal (the same sums of squares). */
              status = params->solver->init (&ts, s->solver_state);
              if (status)
                return status;
              s->solver_ready = 1;
              const ChSolver *cs = s->solver_state;
              for (size_t k = 0; k < s->p; k++)
                g->data[k] = -cs->rhs->data[k];
              scale_more_from_squares (J, cs->JTJ->data, cs->JTJ->tda + 1, s->diag);
            }
          else
            {
              ft_jtf (J, f, g);
              params->scale->update (J, s->diag);
            }
          double b = 2.0 * rho - 1.0;
          b = 1.0 - b * b * b;
          s->mu *= GSL_MAX (0.333333333333333, b);
          s->nu = 2;
          return GSL_SUCCESS;
        }
      s->mu *= (double) s->nu;
      s->nu <<= 1;
      if (++bad_steps > 15)
        return GSL_ENOPROG;
    }
}

static int
ft_rcond (double *rcond, void *vs)
{
  FastTrust *s = vs;
  return s->params.solver->rcond (rcond, s->solver_state);
}

static double
ft_avratio (void *vs)
{
  (void) vs;
  return 0.0;
}

static const gsl_multifit_nlinear_type trust_fast = {
  "trust-region", ft_alloc, ft_init, ft_iterate, ft_rcond, ft_avratio, ft_free
};

/* Wald-Wolfowitz runs test on the signs of a residual sequence: returns the z score.
 * Residuals of a model that describes the data alternate at random (z near 0); a wrong
 * local minimum leaves long runs of one sign (z << 0). */
static double
runs_z (const double *r, size_t n)
{
  size_t np = 0, nm = 0, runs = 0;
  int last = 0;
  for (size_t i = 0; i < n; i++)
    {
      int s = r[i] > 0 ? 1 : (r[i] < 0 ? -1 : 0);
      if (s == 0)
        continue;
      if (s > 0)
        np++;
      else
        nm++;
      if (s != last)
        runs++;
      last = s;
    }
  double nt = (double) (np + nm);
  if (nt < 10)
    return NAN;               /* too few signs to tell a pattern from chance */
  if (np == 0 || nm == 0)
    return -INFINITY;         /* every residual of one sign */
  double mu = 2.0 * np * nm / nt + 1;
  double var = (mu - 1) * (mu - 2) / (nt - 1);
  if (var <= 0)
    return 0;
  return (runs - mu) / sqrt (var);
}

/* Sign test: residuals of a model that describes the data are as often positive as
 * negative; -|n+ - n-|/sqrt(n+ + n-) is the (negative) z score of the imbalance. Residuals
 * nearly all of one sign (an outlier that pulled the fit, a missing offset) can still form
 * few enough runs to pass the runs test, and this catches them. NAN with fewer than 10. */
static double
sign_z (const double *r, size_t n)
{
  size_t np = 0, nm = 0;
  for (size_t i = 0; i < n; i++)
    {
      np += r[i] > 0;
      nm += r[i] < 0;
    }
  double nt = (double) (np + nm);
  if (nt < 10)
    return NAN;
  return -fabs ((double) np - (double) nm) / sqrt (nt);
}

/* The runs and sign tests of both residual parts together (the smallest z), or NAN when the
 * residuals are round-off (RMS below 1e-10 of |Z|: exact data fitted by its own circuit), where
 * their signs are no pattern of the model's. */
static double
pattern_z (const double *res_re, const double *res_im, size_t n)
{
  double ss = 0;
  for (size_t i = 0; i < n; i++)
    ss += res_re[i] * res_re[i] + res_im[i] * res_im[i];
  if (n == 0 || !(sqrt (ss / (2 * (double) n)) >= 1e-10))
    return NAN;
  return fmin (fmin (runs_z (res_re, n), runs_z (res_im, n)),
               fmin (sign_z (res_re, n), sign_z (res_im, n)));
}

void
eis_fit_result_restate (EisFitResult *r, const EisCircuit *c, const EisSpectrum *s,
                        const EisFitOptions *opt)
{
  size_t P = r->n_params, N = r->n_points, nfree = 0, k = 0;

  for (size_t a = 0; a < P; a++)
    nfree += !r->fixed[a];
  /* the fit's points are S's points used, both in ascending frequency */
  for (size_t i = 0; i < N; i++)
    {
      while (k < s->n && s->freq_hz[k] != r->freq_hz[i])
        k++;
      if (k == s->n)
        {
          r->model_re[i] = r->model_im[i] = r->res_re[i] = r->res_im[i] = NAN;
          k = 0;
          continue;
        }
      double complex z;
      double mod = hypot (s->z_re[k], s->z_im[k]);
      eis_circuit_eval (c, r->value, 2 * M_PI * s->freq_hz[k], &z, NULL);
      r->model_re[i] = creal (z);
      r->model_im[i] = cimag (z);
      r->res_re[i] = (s->z_re[k] - creal (z)) / mod;
      r->res_im[i] = (s->z_im[k] - cimag (z)) / mod;
    }
  r->dof = (long) (2 * N) - (long) nfree;
  r->reduced_chi2 = r->chi2 / (double) r->dof;
  double m = (double) (2 * N);
  double Sm = r->chi2 > 0 ? r->chi2 / m : 1e-300;
  r->aic = m * log (Sm) + 2.0 * (double) nfree;
  r->bic = m * log (Sm) + (double) nfree * log (m);
  r->runs_z = pattern_z (r->res_re, r->res_im, N);
  /* on a bound as eis_fit_run judges it: 0.1 % of a positive value, 0.001 of an exponent */
  for (size_t a = 0; a < P; a++)
    {
      double v = r->value[a], lo = opt && opt->lower ? opt->lower[a] : NAN;
      double hi = opt && opt->upper ? opt->upper[a] : NAN;
      int positive = eis_circuit_param_kind (c, a) == EIS_PARAM_POSITIVE;
      double tol = positive ? 1e-3 * fabs (v) : 1e-3;

      if (!positive)
        {
          lo = isnan (lo) || lo < 0 ? 0.0 : lo;
          hi = isnan (hi) || hi > 1 ? 1.0 : hi;
        }
      r->at_bound[a] = r->fixed[a] ? 0 : !isnan (hi) && v >= hi - tol ? 1
                       : !isnan (lo) && v <= lo + tol ? -1 : 0;
    }
  /* not determined by the data (SCIENCE.md, CNLS), as eis_fit_run */
  for (size_t a = 0; a < P; a++)
    {
      double se = r->stderr_[a];
      int u = !r->fixed[a] && (!isfinite (se) || se > fabs (r->value[a]));
      for (size_t b = 0; b < P && !u && !r->fixed[a]; b++)
        if (b != a && !r->fixed[b] && fabs (r->corr[a * P + b]) > 0.99)
          u = 1;
      r->undetermined[a] = u;
    }
}

void
eis_fit_result_reassess (EisFitResult *r, const EisCircuit *c, const EisSpectrum *u)
{
  size_t N = r->n_points, nfree = 0;
  double S = 0.0;

  for (size_t a = 0; a < r->n_params; a++)
    nfree += !r->fixed[a];
  for (size_t i = 0; i < N; i++)
    {
      double complex z;
      double mod = hypot (u->z_re[i], u->z_im[i]), sw_re, sw_im;

      eis_circuit_eval (c, r->value, 2 * M_PI * u->freq_hz[i], &z, NULL);
      r->freq_hz[i] = u->freq_hz[i];
      r->model_re[i] = creal (z);
      r->model_im[i] = cimag (z);
      r->res_re[i] = (u->z_re[i] - creal (z)) / mod;
      r->res_im[i] = (u->z_im[i] - cimag (z)) / mod;
      /* the weighted sum of squares eis_fit_run minimises (residual_f) */
      eis_fit_weights (r->weighting, 1, u->z_re + i, u->z_im + i, &sw_re, &sw_im);
      double a = sw_re * (creal (z) - u->z_re[i]), b = sw_im * (cimag (z) - u->z_im[i]);
      S += a * a + b * b;
    }
  r->chi2 = isfinite (S) ? S : INFINITY;
  r->dof = (long) (2 * N) - (long) nfree;
  r->reduced_chi2 = r->dof > 0 ? r->chi2 / (double) r->dof : NAN;
  double m = (double) (2 * N);
  double Sm = r->chi2 > 0 ? r->chi2 / m : 1e-300;
  r->aic = m * log (Sm) + 2.0 * (double) nfree;
  r->bic = m * log (Sm) + (double) nfree * log (m);
  r->runs_z = pattern_z (r->res_re, r->res_im, N);
}

int
eis_fit_check_settings (const EisCircuit *c, const EisFitOptions *opt, EisError *err)
{
  size_t P = eis_circuit_n_params (c);
  for (size_t k = 0; k < P; k++)
    {
      double lo = opt->lower ? opt->lower[k] : NAN, hi = opt->upper ? opt->upper[k] : NAN;
      const char *name = eis_circuit_param_name (c, k);
      if (!isnan (lo) && !isnan (hi) && !(lo < hi))
        return eis_error_set (err, EIS_ERR_INVALID, "bounds of %s: lower %g is not below upper %g",
                              name, lo, hi);
      if (eis_circuit_param_kind (c, k) == EIS_PARAM_POSITIVE && !isnan (hi) && hi <= 0)
        return eis_error_set (err, EIS_ERR_INVALID, "upper bound of %s must be positive", name);
      if (eis_circuit_param_kind (c, k) == EIS_PARAM_EXPONENT
          && ((!isnan (lo) && lo >= 1) || (!isnan (hi) && hi <= 0)))
        return eis_error_set (err, EIS_ERR_INVALID,
                              "bounds of %s must overlap (0, 1]: it is an exponent", name);
      double v = opt->init ? opt->init[k] : NAN;
      int fixed = opt->fixed && opt->fixed[k];
      if (fixed && isnan (v))
        return eis_error_set (err, EIS_ERR_INVALID, "%s is fixed but has no value", name);
      if (!isnan (v))
        {
          if (eis_circuit_param_kind (c, k) == EIS_PARAM_POSITIVE && !(v > 0))
            return eis_error_set (err, EIS_ERR_INVALID, "%s = %g: must be positive", name, v);
          if (eis_circuit_param_kind (c, k) == EIS_PARAM_EXPONENT && !(v > 0 && v <= 1))
            return eis_error_set (err, EIS_ERR_INVALID, "%s = %g: an exponent must lie in (0, 1]",
                                  name, v);
          if (!fixed && ((!isnan (lo) && v < lo) || (!isnan (hi) && v > hi)))
            return eis_error_set (err, EIS_ERR_INVALID, "%s = %g lies outside its bounds", name, v);
        }
    }
  return EIS_OK;
}

/* Sets up the free-parameter transforms from the options. */
static void
setup_free (Ctx *ctx, const EisFitOptions *opt)
{
  ctx->nfree = 0;
  for (size_t k = 0; k < ctx->P; k++)
    {
      if (opt->fixed && opt->fixed[k])
        continue;
      FreeParam *f = &ctx->fp[ctx->nfree++];
      f->index = k;
      double lo = opt->lower ? opt->lower[k] : NAN, hi = opt->upper ? opt->upper[k] : NAN;
      if (eis_circuit_param_kind (ctx->c, k) == EIS_PARAM_POSITIVE)
        {
          f->log = 1;
          lo = (!isnan (lo) && lo > 0) ? log (lo) : NAN;
          hi = !isnan (hi) ? log (hi) : NAN;
        }
      else
        {
          f->log = 0;
          lo = isnan (lo) || lo < 0 ? 0.0 : lo;
          hi = isnan (hi) || hi > 1 ? 1.0 : hi;
        }
      f->a = lo;
      f->b = hi;
      f->bounds = !isnan (lo) && !isnan (hi) ? B_BOTH : !isnan (lo) ? B_LOWER
                  : !isnan (hi) ? B_UPPER : B_NONE;
    }
}

static void
x_from_p (const Ctx *ctx, const double *p, gsl_vector *x)
{
  for (size_t k = 0; k < ctx->nfree; k++)
    {
      const FreeParam *f = &ctx->fp[k];
      double v = p[f->index];
      double u = f->log ? log (v > 0 ? v : 1e-300) : v;
      gsl_vector_set (x, k, x_from_u (f, u));
    }
}

/* S = |f|^2 at the solver's current point. */
static double
cost (gsl_multifit_nlinear_workspace *w)
{
  double S;
  gsl_blas_ddot (gsl_multifit_nlinear_residual (w), gsl_multifit_nlinear_residual (w), &S);
  return S;
}

/* The iteration of gsl_multifit_nlinear_driver with GSL's step and gradient tests (1e-10), plus
 * two of our own, in units of chi2 (S/dof is the variance of a residual, and S falls by about
 * S/dof times the squared length of a step measured in standard errors):
 * - over the last 10 iterations S has fallen by less than 0.01 S/dof, a hundredth of what one
 *   unit of chi2 is worth, far below what moves a confidence interval (one unit). That ends
 *   fits in which a parameter creeps towards 0 or infinity in log space (a series resistance
 *   the data do not need) and S keeps falling, ever more slowly, towards a limit on the
 *   boundary (INFO 3);
 * - the last full step (no step rejected in this iteration or the one before) lowered S by
 *   less than 1e-7 S/dof, a step of about 3e-4 standard errors, and by less than 1 % of the
 *   step before: the iteration converges fast and what is left to go is some 1e-5 standard
 *   errors, far below what moves a digit that is reported. GSL's step test would take one or
 *   two more iterations to get there (INFO 1, a small step).
 * INFO: 1 small step, 2 small gradient, 3 S no longer falls.
 * XHIST (SOLVE_WINDOW x NFREE) is scratch; DRIFT (NFREE) receives how far each solver variable
 * moved over the last SOLVE_WINDOW iterations (0 when there were fewer). */
#define SOLVE_WINDOW 10
#define SOLVE_STEP_CHI2 1e-7
static int
solve (gsl_multifit_nlinear_workspace *w, int max_iter, double dof, int *info, double *xhist,
       double *drift)
{
  enum { WINDOW = SOLVE_WINDOW };
  double hist[WINDOW];
  int iter = 0, status;
  size_t nfree = gsl_multifit_nlinear_position (w)->size;
  *info = 0;
  hist[0] = cost (w);
  memcpy (xhist, gsl_multifit_nlinear_position (w)->data, nfree * sizeof *xhist);
  for (size_t k = 0; k < nfree; k++)
    drift[k] = 0;
  double S_last = hist[0], dS_last = INFINITY;
  size_t nevalf = w->fdf->nevalf;
  int full_last = 0;
  do
    {
      status = gsl_multifit_nlinear_iterate (w);
      if (status == GSL_ENOPROG && iter == 0)
        return GSL_ENOPROG;
      if (status != GSL_SUCCESS && status != GSL_ENOPROG)
        return status;
      iter++;
      status = gsl_multifit_nlinear_test (1e-10, 1e-10, 0.0, info, w);
      double S = cost (w);
      const double *x = gsl_multifit_nlinear_position (w)->data;
      double *old_x = xhist + (size_t) (iter % WINDOW) * nfree;
      if (iter >= WINDOW)
        for (size_t k = 0; k < nfree; k++)
          drift[k] = x[k] - old_x[k];
      memcpy (old_x, x, nfree * sizeof *x);
      /* One evaluation of the residuals in this iteration: its first step was taken. */
      int full = w->fdf->nevalf == nevalf + 1;
      double dS = S_last - S;
      if (status == GSL_CONTINUE && full && full_last && dS >= 0
          && dS < SOLVE_STEP_CHI2 * S / dof && dS < 0.01 * dS_last)
        {
          *info = 1;
          status = GSL_SUCCESS;
        }
      nevalf = w->fdf->nevalf;
      full_last = full;
      S_last = S;
      dS_last = dS;
      if (status == GSL_CONTINUE && iter >= WINDOW)
        {
          double old = hist[iter % WINDOW];
          if (old - S <= 0.01 * S / dof)
            {
              *info = 3;
              status = GSL_SUCCESS;
            }
        }
      hist[iter % WINDOW] = S;
    }
  while (status == GSL_CONTINUE && iter < max_iter);
  if (status == GSL_CONTINUE)
    return GSL_EMAXITER;
  return status;
}

/* Covariance in natural units at P: cov = s^2 (J^T W J)^-1 with J taken with respect to
 * ln p for positive parameters (better conditioned), se(p) = p se(ln p). */
static void
covariance (Ctx *ctx, const double *p, double s2, EisFitResult *r)
{
  size_t n = ctx->nfree, m = 2 * ctx->N, P = ctx->P;
  for (size_t k = 0; k < P * P; k++)
    r->corr[k] = NAN;
  for (size_t k = 0; k < P; k++)
    {
      r->stderr_[k] = r->fixed[k] ? 0.0 : NAN;
      r->corr[k * P + k] = r->fixed[k] ? NAN : 1.0;
    }
  if (n == 0)
    return;
  gsl_matrix *J = gsl_matrix_alloc (m, n);
  gsl_matrix *R = gsl_matrix_alloc (n, n);
  gsl_matrix *V = gsl_matrix_alloc (n, n);
  gsl_vector *S = gsl_vector_alloc (n), *work = gsl_vector_alloc (n);
  gsl_vector *qr_tau = gsl_vector_alloc (n);
  if (!J || !R || !V || !S || !work || !qr_tau)
    goto done;
  memcpy (ctx->p, p, P * sizeof *p);
  for (size_t i = 0; i < ctx->N; i++)
    {
      size_t j = i % EVAL_CHUNK;
      if (j == 0)
        eis_circuit_eval_batch (ctx->c, ctx->p, ctx->N - i < EVAL_CHUNK ? ctx->N - i : EVAL_CHUNK,
                                ctx->omega + i, ctx->log_omega + i, ctx->zb, ctx->dz,
                                ctx->work);
      const double complex *dzi = ctx->dz + j * P;
      for (size_t k = 0; k < n; k++)
        {
          const FreeParam *f = &ctx->fp[k];
          double complex d = dzi[f->index] * (f->log ? p[f->index] : 1.0);
          J->data[i * J->tda + k] = ctx->sw_re[i] * creal (d);
          J->data[(ctx->N + i) * J->tda + k] = ctx->sw_im[i] * cimag (d);
        }
    }
  /* J = Q R, and R (n x n) has J's singular values and right singular vectors: its SVD is
   * all the covariance needs, without forming J's m x n left singular vectors. */
  if (n <= 64 && m >= n)
    eis_qr_decomp (J->data, J->tda, m, n, qr_tau->data);   /* GSL's, to the last bit */
  else if (gsl_linalg_QR_decomp (J, qr_tau) != GSL_SUCCESS)
    goto done;
  for (size_t a = 0; a < n; a++)
    for (size_t b = 0; b < n; b++)
      R->data[a * R->tda + b] = b >= a ? J->data[a * J->tda + b] : 0.0;
  if (gsl_linalg_SV_decomp (R, V, S, work) != GSL_SUCCESS)
    goto done;
  double smax = gsl_vector_get (S, 0), cut = smax * 1e-12 * (double) m;
  double *cov = calloc (n * n, sizeof *cov);
  if (cov == NULL)
    goto done;
  int *singular_dir = calloc (n, sizeof *singular_dir);
  if (singular_dir == NULL)
    {
      free (cov);
      goto done;
    }
  for (size_t j = 0; j < n; j++)
    {
      double sj = gsl_vector_get (S, j);
      if (sj <= cut || !isfinite (sj))
        {
          /* An unconstrained direction: every parameter that moves along it is undetermined. */
          for (size_t k = 0; k < n; k++)
            if (fabs (gsl_matrix_get (V, k, j)) > 1e-6)
              singular_dir[k] = 1;
          continue;
        }
      for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
          cov[a * n + b] += V->data[a * V->tda + j] * V->data[b * V->tda + j] / (sj * sj);
    }
  for (size_t a = 0; a < n; a++)
    {
      size_t ia = ctx->fp[a].index;
      double sa = sqrt (s2 * cov[a * n + a]);
      r->stderr_[ia] = singular_dir[a] ? NAN : (ctx->fp[a].log ? p[ia] * sa : sa);
      for (size_t b = 0; b < n; b++)
        {
          size_t ib = ctx->fp[b].index;
          double d = sqrt (cov[a * n + a] * cov[b * n + b]);
          r->corr[ia * P + ib] = singular_dir[a] || singular_dir[b] || d == 0
                                 ? NAN : cov[a * n + b] / d;
        }
    }
  free (cov);
  free (singular_dir);
done:
  gsl_matrix_free (J);
  gsl_matrix_free (R);
  gsl_vector_free (qr_tau);
  gsl_matrix_free (V);
  gsl_vector_free (S);
  gsl_vector_free (work);
}

int
eis_fit_result_covariance (const EisFitResult *r, const EisCircuit *c, const EisSpectrum *u,
                           double *stderr_out, double *corr_out)
{
  size_t P = r->n_params, N = u->n, P1 = P ? P : 1, N1 = N ? N : 1;
  int st = -1;
  Ctx ctx = { 0 };
  EisFitOptions opt;
  EisFitResult *t = eis_fit_result_new (P, N);
  double *omega = malloc (N1 * sizeof *omega), *log_omega = malloc (N1 * sizeof *log_omega);
  double *sw_re = malloc (N1 * sizeof *sw_re), *sw_im = malloc (N1 * sizeof *sw_im);
  double *p = malloc (P1 * sizeof *p);
  int *fixed = calloc (P1, sizeof *fixed);
  FreeParam *fp = calloc (P1, sizeof *fp);
  double complex *dz = malloc (EVAL_CHUNK * P1 * sizeof *dz);
  double complex *zb = malloc (EVAL_CHUNK * sizeof *zb);
  double complex *work = malloc ((eis_circuit_batch_work (c, EVAL_CHUNK) + 1) * sizeof *work);

  if (!t || !omega || !log_omega || !sw_re || !sw_im || !p || !fixed || !fp || !dz || !zb
      || !work || eis_circuit_n_params (c) != P)
    goto out;
  for (size_t i = 0; i < N; i++)
    {
      omega[i] = 2 * M_PI * u->freq_hz[i];
      log_omega[i] = log (omega[i]);
    }
  for (size_t k = 0; k < P; k++)
    fixed[k] = t->fixed[k] = r->fixed[k];
  eis_fit_options_init (&opt);
  opt.fixed = fixed;
  ctx.c = c;
  ctx.P = P;
  ctx.N = N;
  ctx.omega = omega;
  ctx.log_omega = log_omega;
  ctx.zre = u->z_re;
  ctx.zim = u->z_im;
  ctx.sw_re = sw_re;
  ctx.sw_im = sw_im;
  ctx.p = p;
  ctx.fp = fp;
  ctx.dz = dz;
  ctx.zb = zb;
  ctx.work = work;
  setup_free (&ctx, &opt);
  eis_fit_weights (r->weighting, N, u->z_re, u->z_im, sw_re, sw_im);
  covariance (&ctx, r->value, r->reduced_chi2, t);
  memcpy (stderr_out, t->stderr_, P * sizeof *stderr_out);
  memcpy (corr_out, t->corr, P * P * sizeof *corr_out);
  st = 0;
out:
  eis_fit_result_free (t);
  free (omega), free (log_omega), free (sw_re), free (sw_im), free (p), free (fixed), free (fp);
  free (dz), free (zb), free (work);
  return st;
}

/* Fills weights for the chosen scheme; returns the number of points used. */
void
eis_fit_weights (EisWeighting w, size_t N, const double *zre, const double *zim, double *sw_re,
         double *sw_im)
{
  for (size_t i = 0; i < N; i++)
    {
      double mod = hypot (zre[i], zim[i]);
      if (!(mod > 0))
        mod = 1e-300;
      switch (w)
        {
        case EIS_WEIGHT_UNIT:
          sw_re[i] = sw_im[i] = 1.0;
          break;
        case EIS_WEIGHT_MODULUS:
          sw_re[i] = sw_im[i] = 1.0 / sqrt (mod);
          break;
        case EIS_WEIGHT_COMPONENT:
          /* Boukamp's per-component weights; a component crossing zero would get an infinite
           * weight, so each is floored at 1e-3 |Z|. */
          sw_re[i] = 1.0 / fmax (fabs (zre[i]), 1e-3 * mod);
          sw_im[i] = 1.0 / fmax (fabs (zim[i]), 1e-3 * mod);
          break;
        case EIS_WEIGHT_PROPORTIONAL:
        default:
          sw_re[i] = sw_im[i] = 1.0 / mod;
          break;
        }
    }
}

/* Time constant of an R||C or R||CPE group (NAN for anything else). */
static double
group_tau (const EisNode *nd, const double *p)
{
  if (nd->type != EIS_NODE_PARALLEL || nd->n_children != 2)
    return NAN;
  const EisNode *a = nd->children[0], *b = nd->children[1];
  if (a->type != EIS_NODE_ELEMENT || b->type != EIS_NODE_ELEMENT)
    return NAN;
  if (b->kind == EIS_ELEM_R)
    {
      const EisNode *t = a;
      a = b;
      b = t;
    }
  if (a->kind != EIS_ELEM_R)
    return NAN;
  double R = p[a->param_offset];
  if (b->kind == EIS_ELEM_C)
    return R * p[b->param_offset];
  if (b->kind == EIS_ELEM_CPE)
    return pow (R * p[b->param_offset], 1.0 / p[b->param_offset + 1]);
  return NAN;
}

/* 1 when the user constrained none of the group's parameters (no fixed value, no bounds). */
static int
unconstrained (const EisNode *nd, const EisFitOptions *opt)
{
  if (nd->type != EIS_NODE_ELEMENT)
    {
      for (size_t i = 0; i < nd->n_children; i++)
        if (!unconstrained (nd->children[i], opt))
          return 0;
      return 1;
    }
  size_t np = eis_element_info (nd->kind)->n_params;
  for (size_t q = 0; q < np; q++)
    {
      size_t k = nd->param_offset + q;
      if ((opt->fixed && opt->fixed[k]) || (opt->lower && !isnan (opt->lower[k]))
          || (opt->upper && !isnan (opt->upper[k])))
        return 0;
    }
  return 1;
}

/* Series groups of the same shape (R0-p(R1,CPE1)-p(R2,CPE2)) give the same impedance in either
 * order; the fit may land on either. Report them in order of increasing time constant, so
 * R1 is always the fastest (highest-frequency) arc. */
static void
canonical_order (const EisCircuit *c, const EisFitOptions *opt, double *p)
{
  const EisNode *root = eis_circuit_root (c);
  if (root->type != EIS_NODE_SERIES)
    return;
  size_t n = root->n_children;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      {
        const EisNode *a = root->children[i], *b = root->children[j];
        double ta = group_tau (a, p), tb = group_tau (b, p);
        if (!(ta > tb) || !eis_node_same_shape (a, b) || !unconstrained (a, opt) || !unconstrained (b, opt))
          continue;
        /* Swap the parameter blocks of the two groups, element by element. */
        for (size_t k = 0; k < a->n_children; k++)
          {
            const EisNode *ea = a->children[k], *eb = b->children[k];
            size_t np = eis_element_info (ea->kind)->n_params;
            for (size_t q = 0; q < np; q++)
              {
                double t = p[ea->param_offset + q];
                p[ea->param_offset + q] = p[eb->param_offset + q];
                p[eb->param_offset + q] = t;
              }
          }
      }
}

/* The free positive parameter without bounds that moved furthest in log space over the last
 * SOLVE_WINDOW iterations (DRIFT, from solve), when that is more than 10 %; else -1. */
static int
drifting (const Ctx *ctx, const double *drift)
{
  int k_max = -1;
  double d_max = 0.1;
  for (size_t k = 0; k < ctx->nfree; k++)
    if (ctx->fp[k].log && ctx->fp[k].bounds == B_NONE && fabs (drift[k]) > d_max)
      {
        d_max = fabs (drift[k]);
        k_max = (int) k;
      }
  return k_max;
}

/* A solve that stopped because no step could reduce S further, or at its iteration limit
 * (GS GSL_ENOPROG or GSL_EMAXITER): its point is accepted as a minimum when the looser standard
 * tests (step 1e-7, gradient 1e-7) hold there; then GSL_SUCCESS, with *INFO theirs. Any other
 * GS is returned as it is. */
static int
loose_accept (gsl_multifit_nlinear_workspace *w, int gs, int *info)
{
  if (gs != GSL_ENOPROG && gs != GSL_EMAXITER)
    return gs;
  int info2 = 0;
  if (gsl_multifit_nlinear_test (1e-7, 1e-7, 0.0, &info2, w) == GSL_SUCCESS && info2 != 0)
    {
      *info = info2;
      return GSL_SUCCESS;
    }
  return gs;
}

/* How a projected fit (varpro_start) ended: the solver's status (GSL_SUCCESS also when it
 * stopped without progress or at the limit where the looser tests of fit_run_starts hold),
 * its INFO, and whether the series resistance ended held at the floor. */
typedef struct {
  int status, info, clamped;
} VpEnd;

/* A fit whose residuals look like noise may still not be the minimum the data call for: one
 * stopped at the iteration limit, or one with a free exponent below EXPONENT_COLLAPSED (an arc
 * whose CPE ran towards a resistor, n 0.01 to 0.3, folding its arc into the others). Then
 * the other starts are fitted too. Three arcs of a Li|LLZO|Li cell (bulk above the top, grain
 * boundary, an interface of 60 Ohm) ended so from the first start: CPE3_n 0.011 and R3
 * 1.6e11 Ohm (chi2 0.004235 against 0.00354 at the truth's minimum), or at the iteration limit
 * with CPE1_n 0.31. */
#define EXPONENT_COLLAPSED 0.3

static int
fit_suspect (const EisCircuit *c, const int *fixed, const double *p, size_t P, int gs)
{
  if (gs == GSL_EMAXITER)
    return 1;
  for (size_t k = 0; k < P; k++)
    if (!fixed[k] && eis_circuit_param_kind (c, k) == EIS_PARAM_EXPONENT
        && p[k] < EXPONENT_COLLAPSED)
      return 1;
  return 0;
}

/* The start above the top with the series resistance projected out (variable projection,
 * Golub & Pereyra 1973): there the series resistance R trades against the bulk arc's
 * resistance along a long curved valley (only the foot of the arc is measured), which the
 * Levenberg-Marquardt iteration in all parameters crawls along for 30 to 120 iterations. R
 * enters the residuals linearly, so for the other parameters its best value is a weighted
 * mean; the iteration in the other parameters alone, R following at every point, takes the
 * valley as a nearly straight one. R is held at FLOOR (Ohm) where its best value is below it:
 * the first run's floor is 1e-4 of R's start, which a later fit in every parameter takes
 * towards 0 when the data want it there; a run with FLOOR 0 ending with R held there is the
 * fit with R on its bound (see fit_run_starts). OUT receives the point it ends at, ITERS its
 * iterations, END how it ended. Returns 1 when OUT was set. */
static int
varpro_start (const Ctx *ctx, const gsl_multifit_nlinear_parameters *fpar,
              const gsl_multifit_nlinear_fdf *fdf, size_t r_index, const double *start,
              double floor, int max_iter, double *xhist, double *drift, double *out, int *iters,
              VpEnd *end)
{
  size_t nfree = ctx->nfree, k0 = nfree, N = ctx->N;
  *iters = 0;
  end->status = GSL_FAILURE;
  end->info = 0;
  end->clamped = 0;
  for (size_t k = 0; k < nfree; k++)
    if (ctx->fp[k].index == r_index)
      k0 = k;
  if (k0 == nfree || nfree < 2 || !ctx->fp[k0].log || ctx->fp[k0].bounds != B_NONE
      || !(start[r_index] > 0))
    return 0;
  Ctx v = *ctx;
  FreeParam *fpv = malloc ((nfree - 1) * sizeof *fpv);
  gsl_vector *x0 = gsl_vector_alloc (nfree - 1), *f = gsl_vector_alloc (2 * N);
  gsl_multifit_nlinear_workspace *w
    = gsl_multifit_nlinear_alloc (&trust_fast, fpar, 2 * N, nfree - 1);
  int ok = 0;
  if (fpv && x0 && f && w)
    {
      for (size_t k = 0, j = 0; k < nfree; k++)
        if (k != k0)
          fpv[j++] = ctx->fp[k];
      v.fp = fpv;
      v.nfree = nfree - 1;
      v.vp = 1;
      v.vp_index = r_index;
      v.vp_floor = floor;
      v.jac_valid = 0;
      gsl_multifit_nlinear_fdf fv = *fdf;
      fv.p = nfree - 1;
      fv.params = &v;
      x_from_p (&v, start, x0);
      if (gsl_multifit_nlinear_init (x0, &fv, w) == GSL_SUCCESS)
        {
          int info = 0;
          int gs = solve (w, max_iter, (double) (2 * N - nfree), &info, xhist, drift);
          gs = loose_accept (w, gs, &info);
          *iters = (int) gsl_multifit_nlinear_niter (w);
          const gsl_vector *x = gsl_multifit_nlinear_position (w);
          if (residual_f (x, &v, f) == GSL_SUCCESS && isfinite (cost (w)))
            {
              memcpy (out, v.p, ctx->P * sizeof *out);
              end->status = gs;
              end->info = info;
              end->clamped = v.vp_clamped;
              ok = 1;
            }
        }
    }
  if (w)
    gsl_multifit_nlinear_free (w);
  gsl_vector_free (f);
  gsl_vector_free (x0);
  free (fpv);
  return ok;
}

typedef struct {
  double *omega, *log_omega, *zre, *zim, *freq, *sw_re, *sw_im, *p, *best, *start, *guess, *extra;
  double *pin;
  double *xhist, *drift, *best_x, *jac, *jac_x;
  double complex *dz, *zb, *work;
  FreeParam *fp;
} Scratch;

static void
scratch_free (Scratch *s)
{
  free (s->omega);
  free (s->log_omega);
  free (s->zre);
  free (s->zim);
  free (s->freq);
  free (s->sw_re);
  free (s->sw_im);
  free (s->p);
  free (s->best);
  free (s->start);
  free (s->guess);
  free (s->extra);
  free (s->pin);
  free (s->xhist);
  free (s->drift);
  free (s->best_x);
  free (s->jac);
  free (s->jac_x);
  free (s->dz);
  free (s->zb);
  free (s->work);
  free (s->fp);
}

static int
fit_run_starts (const EisCircuit *c, const EisSpectrum *s, const EisFitOptions *opt_in,
                EisFitResult **out, EisError *err)
{
  *out = NULL;
  EisFitOptions defaults;
  eis_fit_options_init (&defaults);
  const EisFitOptions *opt = opt_in ? opt_in : &defaults;
  const char *src = s->source ? s->source : "(data)";
  size_t P = eis_circuit_n_params (c);
  int status = eis_fit_check_settings (c, opt, err);
  if (status == EIS_OK)
    status = eis_fit_points_check (opt, s, err);
  if (status)
    return status;

  Scratch sc = { 0 };
  Ctx ctx = { 0 };
  gsl_multifit_nlinear_workspace *w = NULL;
  gsl_rng *rng = NULL;
  EisFitResult *r = NULL;
  size_t P1 = P ? P : 1, N1 = s->n ? s->n : 1;
  sc.omega = malloc (N1 * sizeof (double));
  sc.log_omega = malloc (N1 * sizeof (double));
  sc.zre = malloc (N1 * sizeof (double));
  sc.zim = malloc (N1 * sizeof (double));
  sc.freq = malloc (N1 * sizeof (double));
  sc.sw_re = malloc (N1 * sizeof (double));
  sc.sw_im = malloc (N1 * sizeof (double));
  sc.p = malloc (P1 * sizeof (double));
  sc.best = malloc (P1 * sizeof (double));
  sc.start = malloc (P1 * sizeof (double));
  sc.guess = malloc (P1 * sizeof (double));
  sc.extra = malloc (P1 * sizeof (double));
  sc.pin = malloc (P1 * sizeof (double));
  sc.xhist = malloc (SOLVE_WINDOW * P1 * sizeof (double));
  sc.drift = malloc (P1 * sizeof (double));
  sc.best_x = malloc (P1 * sizeof (double));
  sc.dz = malloc (EVAL_CHUNK * P1 * sizeof (double complex));
  sc.zb = malloc (EVAL_CHUNK * sizeof (double complex));
  sc.work = malloc (eis_circuit_batch_work (c, EVAL_CHUNK) * sizeof (double complex));
  sc.jac = malloc (2 * N1 * P1 * sizeof (double));
  sc.jac_x = malloc (P1 * sizeof (double));
  sc.fp = calloc (P1, sizeof (FreeParam));
  if (!sc.omega || !sc.log_omega || !sc.zre || !sc.zim || !sc.freq || !sc.sw_re || !sc.sw_im || !sc.p
      || !sc.best || !sc.start || !sc.guess || !sc.extra || !sc.pin || !sc.xhist || !sc.drift || !sc.best_x || !sc.dz || !sc.zb || !sc.work || !sc.fp
      || !sc.jac || !sc.jac_x)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto out;
    }

  /* Points in the requested frequency window. */
  size_t N = 0;
  for (size_t i = 0; i < s->n; i++)
    {
      double f = s->freq_hz[i];
      if (!eis_fit_point_used (opt, i, f))
        continue;
      sc.freq[N] = f;
      sc.omega[N] = 2 * M_PI * f;
      sc.log_omega[N] = log (sc.omega[N]);
      sc.zre[N] = s->z_re[i];
      sc.zim[N] = s->z_im[i];
      N++;
    }

  ctx.c = c;
  ctx.P = P;
  ctx.N = N;
  ctx.omega = sc.omega;
  ctx.log_omega = sc.log_omega;
  ctx.zre = sc.zre;
  ctx.zim = sc.zim;
  ctx.sw_re = sc.sw_re;
  ctx.sw_im = sc.sw_im;
  ctx.p = sc.p;
  ctx.fp = sc.fp;
  ctx.dz = sc.dz;
  ctx.zb = sc.zb;
  ctx.work = sc.work;
  ctx.jac = sc.jac;
  ctx.jac_x = sc.jac_x;
  setup_free (&ctx, opt);
  size_t nfree = ctx.nfree;
  if (2 * N <= nfree)
    {
      status = eis_error_set (err, EIS_ERR_DATA,
                              "%s: spectrum %d has %zu point%s in the fitted range (%zu real "
                              "values) but the circuit has %zu free parameters; need at least "
                              "%zu points (circuit %.200s%s)",
                              src, s->index + 1, N, N == 1 ? "" : "s", 2 * N, nfree,
                              nfree / 2 + 1, eis_circuit_text (c),
                              strlen (eis_circuit_text (c)) > 200 ? "..." : "");
      goto out;
    }
  eis_fit_weights (opt->weighting, N, sc.zre, sc.zim, sc.sw_re, sc.sw_im);

  /* The automatic guess, overridden by what the user gave. */
  EisSpectrum view = *s;
  view.n = N;
  view.freq_hz = sc.freq;
  view.z_re = sc.zre;
  view.z_im = sc.zim;
  view.time_s = NULL;
  view.line = NULL;
  int n_variants = eis_fit_guess_n_variants (c);
  int n_starts = opt->n_starts > 0 ? opt->n_starts : DEFAULT_STARTS;
  if (n_starts < 1)
    n_starts = 1;
  int user_all = opt->init != NULL;
  for (size_t k = 0; k < P && user_all; k++)
    if (isnan (opt->init[k]))
      user_all = 0;

  r = eis_fit_result_new (P, N);
  if (r == NULL)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto out;
    }
  for (size_t k = 0; k < P; k++)
    r->fixed[k] = opt->fixed ? opt->fixed[k] != 0 : 0;
  r->weighting = opt->weighting;

  gsl_multifit_nlinear_parameters fpar = gsl_multifit_nlinear_default_parameters ();
  fpar.trs = opt->geodesic ? gsl_multifit_nlinear_trs_lmaccel : gsl_multifit_nlinear_trs_lm;
  fpar.scale = &scale_more;
  fpar.solver = &cholesky_rows;
  w = nfree ? gsl_multifit_nlinear_alloc (opt->geodesic ? gsl_multifit_nlinear_trust : &trust_fast,
                                          &fpar, 2 * N, nfree) : NULL;
  if (nfree && w == NULL)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto out;
    }

  gsl_multifit_nlinear_fdf fdf = { 0 };
  fdf.f = residual_f;
  fdf.df = residual_df;
  fdf.n = 2 * N;
  fdf.p = nfree;
  fdf.params = &ctx;

  double best_S = INFINITY;
  int total_iter = 0;   /* over every start */
  int best_iter = 0, best_info = 0, best_gsl = GSL_FAILURE, starts = 0;
  int max_iter = opt->max_iter > 0 ? opt->max_iter : DEFAULT_MAX_ITER;
  double *rr = malloc (2 * N1 * sizeof (double));
  if (rr == NULL)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto out;
    }
  /* With the automatic guess and more than one start, when the spectrum calls for it: the
   * start for an arc above the highest frequency, tried first, then the base guess. The base
   * guess reads the foot of that arc as a series resistance, and its fit crawls for 60 to
   * 120 iterations along the valley in which the series resistance trades against the arc's
   * resistance; the start above the top begins near the valley's floor. The base guess is
   * still fitted when that first fit's residuals do not look like noise, or when it drove a
   * resistance or capacitance to a thousandth of its start or less (a fit that fell onto a
   * bound, R0 -> 0 with a flatter arc, where the better minimum is usually elsewhere). Every
   * start of such a spectrum is fitted first with the series resistance projected out
   * (varpro_start), which follows the valley in a few iterations, then in every parameter;
   * there the series resistance going to 0 is the data's verdict, not a collapse. When the
   * base guess ends where the start above the top did, no other start is fitted. */
  int extra = 0, variant = 0, best_ok = 0, drift_k = -1, have_features = 0;
  size_t r_index = 0;
  double S_top = NAN;
  EisFitFeatures features;
  for (int start = 0; start < n_starts; start++)
    {
      /* Start 0 is the base guess (with the user's values); then (when it applies) the start
       * for an arc above the top; then the guess variants; then random log-normal
       * perturbations of the best point so far. */
      if (start == 0 && user_all)
        {
          /* Every value given (a warm start): the guess would not be used. */
          memcpy (sc.guess, opt->init, P * sizeof (double));
          memcpy (sc.start, opt->init, P * sizeof (double));
        }
      else if (start == 1 && extra)
        {
          for (size_t k = 0; k < P; k++)
            if (!r->fixed[k])
              sc.start[k] = sc.extra[k];
        }
      else if (variant < n_variants || start == 0)
        {
          EisError gerr;
          int v = variant++;
          /* The spectrum's features are read once; each variant is a cheap step on them. */
          if (view.n >= 2 && !have_features)
            {
              eis_fit_features (&view, &features);
              have_features = 1;
            }
          if (view.n >= 2)
            eis_fit_guess_features (c, &features, v, sc.guess);
          else if (eis_fit_guess_variant (c, &view, v, sc.guess, &gerr) != EIS_OK)
            {
              if (start == 0 && !user_all)
                {
                  free (rr);
                  status = eis_error_set (err, gerr.code, "%s", gerr.message);
                  goto out;
                }
              continue;
            }
          for (size_t k = 0; k < P; k++)
            sc.start[k] = opt->init && !isnan (opt->init[k]) && (start == 0 || r->fixed[k])
                          ? opt->init[k] : sc.guess[k];
          if (start == 0 && n_starts > 1 && !user_all)
            {
              extra = eis_fit_guess_above_top (c, &view, sc.start, sc.extra, &r_index);
              /* The start above the top first; the base guess is kept for start 1. */
              for (size_t k = 0; k < P && extra; k++)
                if (!r->fixed[k])
                  {
                    double t = sc.start[k];
                    sc.start[k] = sc.extra[k];
                    sc.extra[k] = t;
                  }
            }
        }
      else
        {
          /* Seeded at its first use (most fits never need it). */
          if (rng == NULL)
            {
              if ((rng = gsl_rng_alloc (gsl_rng_mt19937)) == NULL)
                {
                  free (rr);
                  status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
                  goto out;
                }
              gsl_rng_set (rng, opt->seed);
            }
          for (size_t k = 0; k < P; k++)
            {
              double v = isfinite (best_S) ? sc.best[k] : sc.guess[k];
              if (!r->fixed[k])
                {
                  if (eis_circuit_param_kind (c, k) == EIS_PARAM_POSITIVE)
                    v *= exp (gsl_ran_gaussian (rng, 1.0));
                  else
                    v = fmin (1.0, fmax (0.3, v + gsl_ran_gaussian (rng, 0.1)));
                }
              sc.start[k] = v;
            }
        }
      starts++;
      memcpy (sc.p, sc.start, P * sizeof (double));
      if (nfree == 0)
        {
          gsl_vector_view fv = gsl_vector_view_array (rr, 2 * N);
          if (residual_f (NULL, &ctx, &fv.vector) == GSL_SUCCESS)
            {
              double S = 0;
              for (size_t i = 0; i < 2 * N; i++)
                S += rr[i] * rr[i];
              best_S = S;
              memcpy (sc.best, sc.p, P * sizeof (double));
              best_gsl = GSL_SUCCESS;
            }
          break;
        }
      gsl_vector *x0 = gsl_vector_alloc (nfree);
      if (x0 == NULL)
        {
          free (rr);
          status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
          goto out;
        }
      /* The start above the top: first with the series resistance projected out. When that
       * run ends with the series resistance held at its floor (its least-squares value below
       * it), a second projected run with the floor at 0 finishes the fit with it on its bound
       * (an active set: Nocedal & Wright 2006, ch. 16.5); ending with it held at 0, the other
       * parameters at their best for it there and its own least-squares value at or below 0
       * (S rises as it leaves 0), it is the fit's minimum with the series resistance at least
       * 0, and no fit in every parameter follows. The fit in every parameter would slide the
       * series resistance towards 0 in log space, never reaching it, for 10 to 12 iterations
       * until its stall test stopped it, at a chi2 no lower. */
      int vp_iter = 0, vp = 0, pinned = 0;
      const double *from = sc.start;
      VpEnd ve;
      if (extra && !opt->geodesic
          && varpro_start (&ctx, &fpar, &fdf, r_index, sc.start, 1e-4 * sc.start[r_index],
                           max_iter, sc.xhist, sc.drift, sc.p, &vp_iter, &ve))
        {
          from = sc.p;
          vp = 1;
          int pin_iter = 0;
          VpEnd pe;
          /* SC.PIN keeps the first run's point: the second overwrites SC.P as it goes. */
          memcpy (sc.pin, sc.p, P * sizeof (double));
          if (ve.clamped
              && varpro_start (&ctx, &fpar, &fdf, r_index, sc.pin, 0.0, max_iter, sc.xhist,
                               sc.drift, sc.p, &pin_iter, &pe)
              && pe.clamped && pe.status == GSL_SUCCESS && pe.info == 1 && sc.p[r_index] == 0)
            {
              pinned = 1;
              ve = pe;
            }
          else
            memcpy (sc.p, sc.pin, P * sizeof (double));
          vp_iter += pin_iter;
          /* The series resistance free (inside its floor) and the projected run ended by a
           * small step: a stationary point of the projected fit with the resistance at its
           * least-squares value is one of the fit in every parameter (Golub & Pereyra 1973),
           * and that fit, started there, would only confirm it. */
          if (!pinned && !ve.clamped && ve.status == GSL_SUCCESS && ve.info == 1)
            pinned = 1;
        }
      total_iter += vp_iter;
      int gs, info = 0, niter = 0;
      double S;
      if (pinned)
        {
          /* The residuals at the projected run's point, S and the status of its run. */
          gsl_vector_free (x0);
          gsl_vector_view fv = gsl_vector_view_array (rr, 2 * N);
          if (sc.p[r_index] == 0)
            {
              /* The series resistance on its bound 0 is reported as the R > 0 at which S has
               * risen by 1e-11 of itself (S(R) = S(0) + g R + a R^2, g = 2 sum u_i f_i >= 0 on
               * the bound, a = sum u_i^2): a fit started from the result (a warm start, the
               * automatic choice's seeded candidates) needs every positive parameter above 0,
               * and 1e-11 of S is far below what moves a reported digit. */
              if (residual_f (NULL, &ctx, &fv.vector) != GSL_SUCCESS)
                continue;
              double g = 0, a = 0, S0 = 0;
              for (size_t i = 0; i < 2 * N; i++)
                S0 += rr[i] * rr[i];
              for (size_t i = 0; i < N; i++)
                {
                  g += 2 * sc.sw_re[i] * rr[i];
                  a += sc.sw_re[i] * sc.sw_re[i];
                }
              double cS = 1e-11 * S0;
              g = fmax (g, 0.0);
              sc.p[r_index] = 2 * cS / (g + sqrt (g * g + 4 * a * cS));
            }
          if (residual_f (NULL, &ctx, &fv.vector) != GSL_SUCCESS)
            continue;
          S = 0;
          for (size_t i = 0; i < 2 * N; i++)
            S += rr[i] * rr[i];
          gs = ve.status;
          info = ve.info;
        }
      else
        {
          ctx.jac_valid = 0;
          x_from_p (&ctx, from, x0);
          gs = gsl_multifit_nlinear_init (x0, &fdf, w);
          gsl_vector_free (x0);
          if (gs != GSL_SUCCESS)
            continue;
          gs = solve (w, max_iter, (double) (2 * N - nfree), &info, sc.xhist, sc.drift);
          niter = (int) gsl_multifit_nlinear_niter (w);
          total_iter += niter;
          gs = loose_accept (w, gs, &info);
          gsl_vector *f = gsl_multifit_nlinear_residual (w);
          gsl_blas_ddot (f, f, &S);
          for (size_t i = 0; i < 2 * N; i++)
            rr[i] = gsl_vector_get (f, i);
          set_params (&ctx, gsl_multifit_nlinear_position (w));
        }
      if (!isfinite (S))
        continue;
      if (S < best_S * (1 - 1e-9))
        {
          best_S = S;
          memcpy (sc.best, sc.p, P * sizeof (double));
          best_iter = vp_iter + niter;
          best_info = info;
          best_gsl = gs;
          /* Early exit: residuals that look like noise mean the global minimum. The runs
           * test is applied to the real and the imaginary residuals separately. */
          double zr = fmin (runs_z (rr, N), runs_z (rr + N, N));
          best_ok = zr > -2.0 && !fit_suspect (c, r->fixed, sc.best, P, gs);
          drift_k = info == 3 && !pinned ? drifting (&ctx, sc.drift) : -1;
          /* The series resistance still sliding after its projection: the projection found
           * where along the valley it belongs (usually its floor, the data wanting it at 0),
           * and the geodesic run would only take it further towards 0 (on the 200 spectra of
           * bench-given's bulk-above-the-top set it changed chi2 by at most 2e-9 relative). */
          if (vp && drift_k >= 0 && ctx.fp[drift_k].index == r_index)
            drift_k = -1;
          if (!pinned)
            memcpy (sc.best_x, gsl_multifit_nlinear_position (w)->data, nfree * sizeof (double));
        }
      /* After the start above the top, the base guess too unless that fit looks sound. */
      int collapsed = 0;
      if (start == 0 && extra)
        {
          /* With the series resistance projected out first, its fall to 0 is the data's
           * verdict, but a fit that ended in an error is not sound. */
          collapsed = vp && gs != GSL_SUCCESS;
          for (size_t k = 0; k < nfree; k++)
            if (ctx.fp[k].log && !(sc.p[ctx.fp[k].index] >= 1e-3 * sc.start[ctx.fp[k].index])
                && !(vp && ctx.fp[k].index == r_index))
              collapsed = 1;
        }
      if (best_ok && !collapsed)
        break;
      /* The start above the top and the base guess, two readings of the spectrum, ending at
       * the same minimum (within a hundredth of a chi2 unit, the resolution of the solver's own
       * stall test): the residuals failed the runs test by chance (it does so for about 1 in
       * 20 spectra the circuit describes), and the other starts would find it again. */
      if (start == 0 && extra)
        S_top = collapsed ? NAN : S;
      else if (start == 1 && extra && fabs (S - S_top) <= 0.01 * S_top / (double) (2 * N - nfree))
        break;
    }
  /* The best fit stopped (S no longer falls) while a parameter was still sliding along a
   * long narrow valley towards 0 or infinity in log space: one more run from that point with
   * geodesic acceleration (Transtrum & Sethna 2012), made for such valleys, goes on towards
   * the limit the slide was heading for. */
  if (drift_k >= 0 && n_starts > 1 && nfree > 0)
    {
      gsl_multifit_nlinear_parameters gpar = fpar;
      gpar.trs = gsl_multifit_nlinear_trs_lmaccel;
      gsl_multifit_nlinear_workspace *wg
        = gsl_multifit_nlinear_alloc (gsl_multifit_nlinear_trust, &gpar, 2 * N, nfree);
      gsl_vector *x0 = gsl_vector_alloc (nfree);
      if (x0 != NULL && wg != NULL)
        {
          memcpy (x0->data, sc.best_x, nfree * sizeof (double));
          int info = 0;
          ctx.xh = gsl_vector_alloc (nfree);
          ctx.wfvv = wg;
          ctx.h_fvv = gpar.h_fvv;
          fdf.fvv = ctx.xh ? residual_fvv : NULL;
          if (gsl_multifit_nlinear_init (x0, &fdf, wg) == GSL_SUCCESS)
            {
              starts++;
              int gs = solve (wg, max_iter, (double) (2 * N - nfree), &info, sc.xhist, sc.drift);
              total_iter += (int) gsl_multifit_nlinear_niter (wg);
              gs = loose_accept (wg, gs, &info);
              double S = cost (wg);
              if (isfinite (S) && S < best_S * (1 - 1e-9))
                {
                  best_S = S;
                  set_params (&ctx, gsl_multifit_nlinear_position (wg));
                  memcpy (sc.best, sc.p, P * sizeof (double));
                  best_iter = (int) gsl_multifit_nlinear_niter (wg);
                  best_info = info;
                  best_gsl = gs;
                }
            }
        }
      gsl_vector_free (x0);
      if (ctx.xh)
        gsl_vector_free (ctx.xh);
      ctx.xh = NULL;
      fdf.fvv = NULL;
      if (wg)
        gsl_multifit_nlinear_free (wg);
    }
  free (rr);

  r->n_starts = starts;
  if (!isfinite (best_S))
    {
      /* No start could even be evaluated: report a failed result with the guess. */
      memcpy (r->value, sc.guess, P * sizeof (double));
      r->status = EIS_FIT_FAILED;
      snprintf (r->message, sizeof r->message,
                "the model could not be evaluated at any starting point");
      for (size_t k = 0; k < P; k++)
        r->stderr_[k] = NAN;
      for (size_t k = 0; k < P * P; k++)
        r->corr[k] = NAN;
      r->chi2 = r->reduced_chi2 = r->aic = r->bic = r->runs_z = NAN;
      r->dof = (long) (2 * N) - (long) nfree;
      memcpy (r->freq_hz, sc.freq, N * sizeof (double));
      for (size_t i = 0; i < N; i++)
        r->model_re[i] = r->model_im[i] = r->res_re[i] = r->res_im[i] = NAN;
      *out = r;
      r = NULL;
      status = EIS_OK;
      goto out;
    }

  canonical_order (c, opt, sc.best);
  memcpy (r->value, sc.best, P * sizeof (double));
  r->chi2 = best_S;
  r->dof = (long) (2 * N) - (long) nfree;
  r->reduced_chi2 = best_S / (double) r->dof;
  double m = (double) (2 * N);
  double Sm = best_S > 0 ? best_S / m : 1e-300;
  r->aic = m * log (Sm) + 2.0 * (double) nfree;
  r->bic = m * log (Sm) + (double) nfree * log (m);
  r->iterations = best_iter;
  r->iterations_total = total_iter;
  if (best_gsl == GSL_SUCCESS)
    {
      r->status = EIS_FIT_CONVERGED;
      snprintf (r->message, sizeof r->message, "converged (%s) after %d iterations, %d start%s",
                best_info == 1 ? "small step" : best_info == 2 ? "small gradient"
                : best_info == 3 ? "chi2 no longer falls" : "tolerance",
                best_iter, starts, starts == 1 ? "" : "s");
    }
  else if (best_gsl == GSL_EMAXITER)
    {
      r->status = EIS_FIT_MAXITER;
      snprintf (r->message, sizeof r->message,
                "stopped at the iteration limit (%d) without meeting the tolerances", max_iter);
    }
  else
    {
      r->status = EIS_FIT_STALLED;
      snprintf (r->message, sizeof r->message,
                "the solver could make no further progress (%s)", gsl_strerror (best_gsl));
    }

  for (size_t i = 0; i < N; i++)
    {
      size_t j = i % EVAL_CHUNK;
      if (j == 0)
        eis_circuit_eval_batch (c, sc.best, N - i < EVAL_CHUNK ? N - i : EVAL_CHUNK, sc.omega + i,
                                sc.log_omega + i, sc.zb, NULL, sc.work);
      double complex z = sc.zb[j];
      double mod = hypot (sc.zre[i], sc.zim[i]);
      r->freq_hz[i] = sc.freq[i];
      r->model_re[i] = creal (z);
      r->model_im[i] = cimag (z);
      r->res_re[i] = (sc.zre[i] - creal (z)) / mod;
      r->res_im[i] = (sc.zim[i] - cimag (z)) / mod;
    }
  covariance (&ctx, sc.best, r->reduced_chi2, r);
  r->runs_z = pattern_z (r->res_re, r->res_im, N);
  /* Parameters resting on a bound (their standard error then describes the constrained fit). */
  for (size_t k = 0; k < nfree; k++)
    {
      const FreeParam *f = &ctx.fp[k];
      double v = r->value[f->index], u = f->log ? log (v) : v;
      double tol = 1e-3;   /* 0.1 % of a positive value (log space), 0.001 of an exponent */
      if ((f->bounds == B_BOTH || f->bounds == B_UPPER) && u >= f->b - tol)
        r->at_bound[f->index] = 1;
      else if ((f->bounds == B_BOTH || f->bounds == B_LOWER) && u <= f->a + tol)
        r->at_bound[f->index] = -1;
    }
  /* Not determined by the data: relative error > 100 % or |correlation| > 0.99
   * (SCIENCE.md, CNLS). */
  for (size_t a = 0; a < P; a++)
    {
      if (r->fixed[a])
        continue;
      double se = r->stderr_[a];
      int u = !isfinite (se) || se > fabs (r->value[a]);
      for (size_t b = 0; b < P && !u; b++)
        if (b != a && !r->fixed[b] && fabs (r->corr[a * P + b]) > 0.99)
          u = 1;
      r->undetermined[a] = u;
    }
  *out = r;
  r = NULL;
  status = EIS_OK;

out:
  eis_fit_result_free (r);
  if (w)
    gsl_multifit_nlinear_free (w);
  if (rng)
    gsl_rng_free (rng);
  scratch_free (&sc);
  return status;
}

/* A series inductance that ended next to nothing while a cable's would show above the noise
 * at the top frequency: one more start from the fit's values with the inductance at a
 * cable's (SCIENCE.md, 0.1 to 1 uH), the better kept. A bulk arc peaking above the top hides
 * the leads' inductance (a pellet to 7 MHz with 0.3 uH: omega L 13 Ohm beside the arc's 450
 * Ohm of -Z'', not visibly inductive), and from the guess (next to nothing) the fit of
 * L0-p(R1,CPE1)-p(R2,CPE2)-CPE3 stayed at L0 ~ 1e-18 H with the bulk arc's CPE taking the
 * inductance up: R1 2 to 3.5 s.e. above the truth in 7 of 10 draws, chi2 up to 4 % above
 * the minimum at L0 ~ 3e-7 H. Only with more than one start (the user's or the automatic
 * choice's multistart), and not for an inductance the user fixed, started or bounded away. */
#define CABLE_L_START_H 3e-7

/* fit-private.h */
int
eis_fit_inductance_shows (const EisFitResult *r, double l_h)
{
  size_t n = r->n_points, top = 0;
  if (n < 2)
    return 0;
  double ss = 0;
  for (size_t i = 0; i < n; i++)
    {
      ss += r->res_re[i] * r->res_re[i] + r->res_im[i] * r->res_im[i];
      if (r->freq_hz[i] > r->freq_hz[top])
        top = i;
    }
  double noise = sqrt (ss / (2.0 * n)) * hypot (r->model_re[top], r->model_im[top]);
  return isfinite (noise) && 2 * M_PI * r->freq_hz[top] * l_h > 2.0 * noise;
}

static int
hidden_inductance (const EisCircuit *c, const EisFitOptions *opt, const EisFitResult *r)
{
  int found = -1;
  for (size_t k = 0; k < r->n_params && found < 0; k++)
    {
      const char *nm = eis_circuit_param_name (c, k);
      if (nm[0] != 'L' || !(nm[1] >= '0' && nm[1] <= '9') || r->fixed[k]
          || (opt->init && !isnan (opt->init[k])) || r->value[k] >= EIS_FIT_CABLE_L_MIN_H
          || (opt->lower && !isnan (opt->lower[k]) && opt->lower[k] > CABLE_L_START_H)
          || (opt->upper && !isnan (opt->upper[k]) && opt->upper[k] < CABLE_L_START_H))
        continue;
      found = (int) k;
    }
  return found >= 0 && isfinite (r->chi2) && eis_fit_inductance_shows (r, CABLE_L_START_H)
         ? found : -1;
}

/* Fits C to S (fit.h): from the guess and its variants and perturbed starts, then (above)
 * once more for a series inductance hidden by the top frequencies. */
int
eis_fit_run (const EisCircuit *c, const EisSpectrum *s, const EisFitOptions *opt_in,
             EisFitResult **out, EisError *err)
{
  int status = fit_run_starts (c, s, opt_in, out, err);
  EisFitOptions defaults;
  eis_fit_options_init (&defaults);
  const EisFitOptions *opt = opt_in ? opt_in : &defaults;
  EisFitResult *r = *out;
  int n_starts = opt->n_starts > 0 ? opt->n_starts : DEFAULT_STARTS;
  int k;
  if (status != EIS_OK || r == NULL || n_starts < 2 || r->status == EIS_FIT_FAILED
      || (k = hidden_inductance (c, opt, r)) < 0)
    return status;
  size_t P = r->n_params;
  double *init = malloc (P * sizeof *init);
  if (init == NULL)
    return status;
  memcpy (init, r->value, P * sizeof *init);
  init[k] = CABLE_L_START_H;
  EisFitOptions o = *opt;
  o.init = init;
  o.n_starts = 1;
  EisFitResult *r2 = NULL;
  EisError e2;
  if (fit_run_starts (c, s, &o, &r2, &e2) == EIS_OK && r2 != NULL)
    {
      if (r2->status == EIS_FIT_CONVERGED && r2->chi2 < r->chi2 * (1 - 1e-9))
        {
          r2->n_starts += r->n_starts;
          r2->iterations_total += r->iterations_total;
          char *at = strstr (r2->message, ", 1 start");
          if (at != NULL && at[9] == '\0')
            snprintf (at, sizeof r2->message - (size_t) (at - r2->message), ", %d starts",
                      r2->n_starts);
          eis_fit_result_free (r);
          *out = r2;
        }
      else
        eis_fit_result_free (r2);
    }
  free (init);
  return status;
}
