/* The joint fit of a series: one Levenberg-Marquardt problem (gsl_multifit_nlinear) over every
 * spectrum at once, with parameters shared by all spectra and resistances bound to a
 * temperature law, R(T) = (L/A)/sigma(T) with sigma = A exp(-Ea/kT) (sigma form), sigma T =
 * A exp(-Ea/kT) (sigmaT form) or sigma = A T^-1/2 exp(-B/(T - T0)) (VTF). The Jacobian is
 * block-structured: each spectrum's rows depend on its own parameters, the shared ones and the
 * law's. Errors and correlations from the joint covariance s^2 (J^T J)^-1 (SCIENCE.md, CNLS;
 * Arrhenius and VTF). */
#include "series.h"
#include "series-private.h"
#include "fit-private.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_LOCAL, M_SHARED, M_FIXED, M_LAW };

struct EisGlobalProblem {
  EisCircuit *c;
  size_t n, P, nx, M;
  size_t *off;             /* n + 1: first residual row of each spectrum / 2 */
  size_t *npts;
  double *omega, *zre, *zim, *swr, *swi;   /* all points, spectrum after spectrum */
  int *mode;               /* n x P */
  long *col;               /* n x P: the unknown of a local or shared parameter */
  int *law_of;             /* P: which law binds the parameter (-1 none) */
  double *base;            /* n x P: fixed values and the start */
  double *T;               /* n */
  EisGlobalLaw law;
  EisArrheniusForm form;
  size_t n_laws;
  long law_param[2];
  long law_col[2];         /* first unknown of each law: ln A, Ea (or ln A, ln B, T0 var) */
  double *cell_cm;         /* n: L/A [1/cm] of each spectrum's sample */
  double Tmin;
  double *x0;
  double *p;               /* P scratch */
  double complex *dz;      /* P scratch */
  double *dpdx;            /* P scratch */
  int natural;             /* derivatives with respect to ln p / p (covariance) */
};

void
eis_global_problem_free (EisGlobalProblem *g)
{
  if (g == NULL)
    return;
  eis_circuit_free (g->c);
  free (g->off);
  free (g->npts);
  free (g->omega);
  free (g->zre);
  free (g->zim);
  free (g->swr);
  free (g->swi);
  free (g->mode);
  free (g->col);
  free (g->law_of);
  free (g->base);
  free (g->T);
  free (g->cell_cm);
  free (g->x0);
  free (g->p);
  free (g->dz);
  free (g->dpdx);
  free (g);
}

size_t
eis_global_problem_n_unknowns (const EisGlobalProblem *g)
{
  return g->nx;
}

size_t
eis_global_problem_n_residuals (const EisGlobalProblem *g)
{
  return g->M;
}

void
eis_global_problem_start (const EisGlobalProblem *g, double *x)
{
  memcpy (x, g->x0, g->nx * sizeof *x);
}

void
eis_global_options_init (EisGlobalOptions *o)
{
  memset (o, 0, sizeof *o);
  o->T_ref_K = EIS_T_REF_DEFAULT_K;
}

/* Exponents live in [0, 1] through p = (sin x + 1)/2 (MINUIT's transform, as fit.c). */
static double
exp_from_x (double x)
{
  return (sin (x) + 1) / 2;
}

static double
x_from_exp (double p)
{
  double t = 2 * p - 1;
  t = fmax (-0.999, fmin (0.999, t));
  return asin (t);
}

/* ln sigma of law L at temperature T from the law's unknowns X (ln A, Ea [eV]; VTF: ln A,
 * ln B, y with T0 = Tmin / (1 + e^-y)); D receives d ln sigma / d unknown. */
static double
ln_sigma (const EisGlobalProblem *g, const double *x, double T, double d[3])
{
  if (g->law == EIS_GLOBAL_VTF)
    {
      double B = exp (x[1]), s = 1 / (1 + exp (-x[2])), T0 = g->Tmin * s;
      double u = T - T0;
      d[0] = 1;
      d[1] = -B / u;
      d[2] = -B / (u * u) * g->Tmin * s * (1 - s);
      return x[0] - 0.5 * log (T) - B / u;
    }
  double kT = EIS_BOLTZMANN_EV_K * T;
  d[0] = 1;
  d[1] = -1 / kT;
  d[2] = 0;
  return x[0] - x[1] / kT - (g->form == EIS_ARRHENIUS_SIGMA_T ? log (T) : 0);
}

/* The circuit's parameters of spectrum J from X into g->p, and dp/d(unknown) (the chain
 * factor of its one unknown; for law-bound R, dp/d ln R = R, the law's factors follow). */
static void
params_of (EisGlobalProblem *g, const double *x, size_t j)
{
  for (size_t k = 0; k < g->P; k++)
    {
      size_t jk = j * g->P + k;
      int pos = eis_circuit_param_kind (g->c, k) == EIS_PARAM_POSITIVE;
      switch (g->mode[jk])
        {
        case M_FIXED:
          g->p[k] = g->base[jk];
          g->dpdx[k] = 0;
          break;
        case M_LAW:
          {
            const double *lx = x + g->law_col[g->law_of[k]];
            double d[3];
            g->p[k] = g->cell_cm[j] * exp (-ln_sigma (g, lx, g->T[j], d));
            g->dpdx[k] = g->p[k];   /* times d ln R / d unknown, applied by the caller */
            break;
          }
        default:
          {
            double v = x[g->col[jk]];
            if (pos)
              {
                g->p[k] = exp (v);
                g->dpdx[k] = g->p[k];
              }
            else if (g->natural)
              {
                g->p[k] = v;
                g->dpdx[k] = 1;
              }
            else
              {
                g->p[k] = exp_from_x (v);
                g->dpdx[k] = cos (v) / 2;
              }
          }
        }
    }
}

int
eis_global_problem_eval (EisGlobalProblem *g, const double *x, double *f, double *J)
{
  size_t nx = g->nx;
  if (J)
    memset (J, 0, g->M * nx * sizeof *J);
  for (size_t j = 0; j < g->n; j++)
    {
      params_of (g, x, j);
      size_t o = g->off[j], N = g->npts[j];
      for (size_t i = 0; i < N; i++)
        {
          double complex z;
          eis_circuit_eval (g->c, g->p, g->omega[o + i], &z, J ? g->dz : NULL);
          size_t rr = 2 * o + i, ri = 2 * o + N + i;
          f[rr] = g->swr[o + i] * (creal (z) - g->zre[o + i]);
          f[ri] = g->swi[o + i] * (cimag (z) - g->zim[o + i]);
          if (!isfinite (f[rr]) || !isfinite (f[ri]))
            return -1;
          if (!J)
            continue;
          for (size_t k = 0; k < g->P; k++)
            {
              size_t jk = j * g->P + k;
              if (g->mode[jk] == M_FIXED)
                continue;
              double complex d = g->dz[k] * g->dpdx[k];
              double a = g->swr[o + i] * creal (d), b = g->swi[o + i] * cimag (d);
              if (g->mode[jk] == M_LAW)
                {
                  long c0 = g->law_col[g->law_of[k]];
                  double dl[3];
                  ln_sigma (g, x + c0, g->T[j], dl);
                  /* ln R = ln(L/A) - ln sigma */
                  size_t nl = g->law == EIS_GLOBAL_VTF ? 3 : 2;
                  for (size_t q = 0; q < nl; q++)
                    {
                      J[rr * nx + (size_t) c0 + q] -= a * dl[q];
                      J[ri * nx + (size_t) c0 + q] -= b * dl[q];
                    }
                }
              else
                {
                  J[rr * nx + (size_t) g->col[jk]] += a;
                  J[ri * nx + (size_t) g->col[jk]] += b;
                }
            }
        }
    }
  return 0;
}

static int
gsl_f (const gsl_vector *x, void *data, gsl_vector *f)
{
  EisGlobalProblem *g = data;
  return eis_global_problem_eval (g, x->data, f->data, NULL) == 0 ? GSL_SUCCESS : GSL_EDOM;
}

static int
gsl_df (const gsl_vector *x, void *data, gsl_matrix *J)
{
  EisGlobalProblem *g = data;
  double *f = malloc (g->M * sizeof *f);
  if (f == NULL)
    return GSL_ENOMEM;
  /* J is row-major with tda == nx for a matrix GSL allocated for this problem. */
  int st = eis_global_problem_eval (g, x->data, f, J->data);
  free (f);
  return st == 0 ? GSL_SUCCESS : GSL_EDOM;
}

/* The series' resistance of role ROLE (bulk: bulk arc or intercept), by majority over the
 * spectra; -1 when none. */
static long
role_param (const EisSeriesFit *sf, int bulk)
{
  size_t P = eis_circuit_n_params (sf->circuit);
  size_t *count = calloc (P ? P : 1, sizeof *count);
  if (count == NULL)
    return -1;
  for (size_t j = 0; j < sf->n; j++)
    for (size_t k = 0; sf->fits[j] && k < sf->cond[j].n_arcs; k++)
      {
        const EisArc *a = &sf->cond[j].arcs[k];
        int is = bulk ? (a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_INTERCEPT)
                      : a->role == EIS_ROLE_GRAIN_BOUNDARY;
        if (is && a->r_index >= 0 && (size_t) a->r_index < P
            && strcmp (eis_circuit_param_unit (sf->circuit, (size_t) a->r_index), "Ohm") == 0)
          {
            count[a->r_index]++;
            break;
          }
      }
  long best = -1;
  for (size_t k = 0; k < P; k++)
    if (count[k] > 0 && (best < 0 || count[k] > count[best]))
      best = (long) k;
  if (best >= 0 && 2 * count[best] <= sf->n)
    best = -1;
  free (count);
  return best;
}

int
eis_global_problem_new (const EisSpectrumSeries *s, const EisSeriesFitOptions *sopt,
                        const EisSeriesFit *sf, const EisGlobalOptions *opt,
                        EisGlobalProblem **out, EisError *err)
{
  *out = NULL;
  size_t n = s->n, P = eis_circuit_n_params (sf->circuit);
  if (sf->n != n)
    return eis_error_set (err, EIS_ERR_INVALID, "the series fit is of another series");
  for (size_t j = 0; j < n; j++)
    if (sf->fits[j] == NULL)
      return eis_error_set (err, EIS_ERR_FIT, "%s: spectrum %d could not be fitted alone: "
                            "the joint fit needs a start for every spectrum",
                            s->items[j].file, s->items[j].number);
  EisGlobalProblem *g = calloc (1, sizeof *g);
  if (g == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  g->c = eis_circuit_dup (sf->circuit);
  g->n = n;
  g->P = P;
  g->law = opt->law;
  g->form = opt->form;
  size_t tot = 0;
  for (size_t j = 0; j < n; j++)
    tot += s->items[j].spectrum->n;
  size_t P1 = P ? P : 1, t1 = tot ? tot : 1;
  g->off = calloc (n + 1, sizeof *g->off);
  g->npts = calloc (n, sizeof *g->npts);
  g->omega = malloc (t1 * sizeof (double));
  g->zre = malloc (t1 * sizeof (double));
  g->zim = malloc (t1 * sizeof (double));
  g->swr = malloc (t1 * sizeof (double));
  g->swi = malloc (t1 * sizeof (double));
  g->mode = calloc (n * P1, sizeof *g->mode);
  g->col = calloc (n * P1, sizeof *g->col);
  g->law_of = malloc (P1 * sizeof *g->law_of);
  g->base = calloc (n * P1, sizeof *g->base);
  g->T = calloc (n, sizeof *g->T);
  g->cell_cm = calloc (n, sizeof *g->cell_cm);
  g->p = calloc (P1, sizeof *g->p);
  g->dz = calloc (P1, sizeof *g->dz);
  g->dpdx = calloc (P1, sizeof *g->dpdx);
  g->x0 = calloc (n * P1 + 8, sizeof *g->x0);
  if (!g->c || !g->off || !g->npts || !g->omega || !g->zre || !g->zim || !g->swr || !g->swi
      || !g->mode || !g->col || !g->law_of || !g->base || !g->T || !g->cell_cm || !g->p || !g->dz || !g->dpdx
      || !g->x0)
    {
      eis_global_problem_free (g);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  /* The points each spectrum's own fit used. */
  size_t m = 0;
  for (size_t j = 0; j < n; j++)
    {
      const EisSpectrum *sp = s->items[j].spectrum;
      g->off[j] = m;
      for (size_t i = 0; i < sp->n; i++)
        if (eis_fit_point_used (&sopt->fit, i, sp->freq_hz[i]))
          {
            g->omega[m] = 2 * M_PI * sp->freq_hz[i];
            g->zre[m] = sp->z_re[i];
            g->zim[m] = sp->z_im[i];
            m++;
          }
      g->npts[j] = m - g->off[j];
      eis_fit_weights (sopt->fit.weighting, g->npts[j], g->zre + g->off[j], g->zim + g->off[j],
                       g->swr + g->off[j], g->swi + g->off[j]);
      g->T[j] = s->items[j].T_K;
    }
  g->off[n] = m;
  g->M = 2 * m;

  for (size_t k = 0; k < P; k++)
    g->law_of[k] = -1;
  int status = EIS_OK;
  /* The laws and their resistances. */
  if (opt->law != EIS_GLOBAL_FREE)
    {
      g->Tmin = INFINITY;
      for (size_t j = 0; j < n; j++)
        {
          const EisGeometry *ge = s->items[j].have_geom ? &s->items[j].geom : sopt->geom;
          if (!(ge && ge->thickness_cm > 0 && ge->area_cm2 > 0))
            {
              status = eis_error_set (err, EIS_ERR_INVALID, "a temperature law in the joint "
                                      "fit needs the sample's thickness and area");
              goto fail;
            }
          g->cell_cm[j] = ge->thickness_cm / ge->area_cm2;
          if (!(s->items[j].T_K > 0))
            {
              status = eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d has no temperature: "
                                      "a temperature law needs every spectrum's",
                                      s->items[j].file, s->items[j].number);
              goto fail;
            }
          g->Tmin = fmin (g->Tmin, s->items[j].T_K);
        }
      long rb = role_param (sf, 1), rg = role_param (sf, 0);
      if (rb < 0)
        {
          status = eis_error_set (err, EIS_ERR_DATA, "the series has no bulk resistance (an "
                                  "arc or intercept taken as bulk in most spectra) to bind to "
                                  "the temperature law");
          goto fail;
        }
      g->law_param[g->n_laws++] = rb;
      if (rg >= 0 && rg != rb)
        g->law_param[g->n_laws++] = rg;
      for (size_t l = 0; l < g->n_laws; l++)
        g->law_of[g->law_param[l]] = (int) l;
    }
  /* Modes: fixed by the user or held by the series fit; shared; bound to a law; local. */
  int *is_shared = calloc (P1, sizeof *is_shared);
  if (is_shared == NULL)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  for (size_t q = 0; q < opt->n_shared; q++)
    {
      long k = eis_circuit_param_index (g->c, opt->shared[q]);
      if (k < 0)
        {
          char names[512] = "";
          size_t used = 0;
          for (size_t i = 0; i < P && used < sizeof names; i++)
            used += (size_t) snprintf (names + used, sizeof names - used, "%s%s", i ? ", " : "",
                                       eis_circuit_param_name (g->c, i));
          status = eis_error_set (err, EIS_ERR_INVALID, "--shared: no parameter \"%s\" in %s "
                                  "(parameters: %s)", opt->shared[q], eis_circuit_text (g->c),
                                  names);
          free (is_shared);
          goto fail;
        }
      if (g->law_of[k] >= 0)
        {
          status = eis_error_set (err, EIS_ERR_INVALID, "--shared: %s is bound to the "
                                  "temperature law and cannot also be shared", opt->shared[q]);
          free (is_shared);
          goto fail;
        }
      is_shared[k] = 1;
    }
  if (opt->share_held)
    for (size_t k = 0; k < P; k++)
      {
        int held = 0;
        for (size_t j = 0; j < n; j++)
          held |= sf->held[j * P + k];
        const char *u = eis_circuit_param_unit (g->c, k);
        int slow = strcmp (u, "F") == 0 || strcmp (u, "H") == 0
                   || eis_circuit_param_kind (g->c, k) == EIS_PARAM_EXPONENT;
        if (held && slow && g->law_of[k] < 0)
          is_shared[k] = 1;
      }
  size_t nx = 0;
  long *shared_col = malloc (P1 * sizeof *shared_col);
  if (shared_col == NULL)
    {
      free (is_shared);
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  for (size_t k = 0; k < P; k++)
    {
      shared_col[k] = -1;
      if (is_shared[k] && !(sopt->fit.fixed && sopt->fit.fixed[k]))
        {
          /* Start: the mean over the spectra (of ln p for a positive parameter). */
          double sum = 0, cnt = 0;
          int pos = eis_circuit_param_kind (g->c, k) == EIS_PARAM_POSITIVE;
          for (int pass = 0; pass < 2 && cnt == 0; pass++)
            for (size_t j = 0; j < n; j++)
              if (pass || !sf->held[j * P + k])
                {
                  sum += pos ? log (sf->fits[j]->value[k]) : sf->fits[j]->value[k];
                  cnt++;
                }
          double mean = sum / cnt;
          /* A series inductance that ran to nothing in the cold spectra (where the leads do
           * not show) would stay there: log space has no gradient at 1e-10 H. Start it at
           * the leads' typical 0.1 uH (SCIENCE.md) and let the hot spectra decide. */
          if (strcmp (eis_circuit_param_unit (g->c, k), "H") == 0 && pos && mean < log (1e-9))
            mean = log (1e-7);
          shared_col[k] = (long) nx;
          g->x0[nx++] = pos ? mean : x_from_exp (mean);
        }
    }
  for (size_t j = 0; j < n; j++)
    for (size_t k = 0; k < P; k++)
      {
        size_t jk = j * P + k;
        double v = sf->fits[j]->value[k];
        g->base[jk] = v;
        int pos = eis_circuit_param_kind (g->c, k) == EIS_PARAM_POSITIVE;
        if (sopt->fit.fixed && sopt->fit.fixed[k])
          g->mode[jk] = M_FIXED;
        else if (g->law_of[k] >= 0)
          g->mode[jk] = M_LAW;
        else if (is_shared[k])
          {
            g->mode[jk] = M_SHARED;
            g->col[jk] = shared_col[k];
          }
        else if (sf->held[jk] && (opt->law == EIS_GLOBAL_FREE
                                  || strcmp (eis_circuit_param_unit (g->c, k), "Ohm") == 0))
          g->mode[jk] = M_FIXED;   /* without a law nothing new determines it */
        else
          {
            g->mode[jk] = M_LOCAL;
            g->col[jk] = (long) nx;
            g->x0[nx++] = pos ? log (v) : x_from_exp (v);
          }
      }
  free (is_shared);
  free (shared_col);
  /* The laws' starts: the two-step fit of the resistances of the series fit. */
  for (size_t l = 0; l < g->n_laws; l++)
    {
      g->law_col[l] = (long) nx;
      double *sg = malloc (n * sizeof *sg);
      if (sg == NULL)
        {
          status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
          goto fail;
        }
      for (size_t j = 0; j < n; j++)
        sg[j] = g->cell_cm[j] / sf->fits[j]->value[g->law_param[l]];
      EisError e = { 0 };
      if (g->law == EIS_GLOBAL_VTF)
        {
          EisVTFFit v;
          if (eis_vtf_fit (g->T, sg, NULL, n, 0, &v, &e) != EIS_OK)
            {
              free (sg);
              status = eis_error_set (err, e.code, "start of the joint VTF fit: %s", e.message);
              goto fail;
            }
          double t0 = fmin (0.99, fmax (0.01, v.T0_K / g->Tmin));
          g->x0[nx++] = v.ln_A;
          g->x0[nx++] = log (v.B_K);
          g->x0[nx++] = log (t0 / (1 - t0));
        }
      else
        {
          EisArrheniusFit a;
          if (eis_arrhenius_fit (g->T, sg, NULL, n, g->form, 0, &a, &e) != EIS_OK)
            {
              free (sg);
              status = eis_error_set (err, e.code, "start of the joint Arrhenius fit: %s",
                                      e.message);
              goto fail;
            }
          g->x0[nx++] = a.ln_A;
          g->x0[nx++] = a.Ea_eV;
        }
      free (sg);
    }
  g->nx = nx;
  if (g->M <= nx)
    {
      status = eis_error_set (err, EIS_ERR_DATA, "the joint fit has %zu unknowns but only %zu "
                              "values", nx, g->M);
      goto fail;
    }
  *out = g;
  return EIS_OK;
fail:
  eis_global_problem_free (g);
  return status;
}

void
eis_global_fit_free (EisGlobalFit *g)
{
  if (g == NULL)
    return;
  if (g->names)
    for (size_t i = 0; i < g->n_free; i++)
      free (g->names[i]);
  free (g->names);
  free (g->value);
  free (g->stderr_);
  free (g->shared);
  free (g->corr);
  free (g->chi2_spectrum);
  free (g->col);
  free (g);
}

/* The covariance s^2 (J^T J)^-1 in the natural unknowns (ln p, exponents as such, the laws'
 * ln A and Ea); NAN everywhere when the model cannot be evaluated. */
static void
joint_covariance (EisGlobalProblem *g, const double *x, double s2, double *cov)
{
  size_t nx = g->nx, M = g->M;
  for (size_t i = 0; i < nx * nx; i++)
    cov[i] = NAN;
  double *xn = malloc (nx * sizeof *xn), *f = malloc (M * sizeof *f);
  double *J = malloc (M * nx * sizeof *J);
  gsl_matrix *A = gsl_matrix_alloc (nx, nx);
  if (!xn || !f || !J || !A)
    goto done;
  /* The natural unknowns: exponents p instead of x. */
  memcpy (xn, x, nx * sizeof *xn);
  for (size_t j = 0; j < g->n; j++)
    for (size_t k = 0; k < g->P; k++)
      {
        size_t jk = j * g->P + k;
        if ((g->mode[jk] == M_LOCAL || g->mode[jk] == M_SHARED)
            && eis_circuit_param_kind (g->c, k) != EIS_PARAM_POSITIVE)
          xn[g->col[jk]] = exp_from_x (x[g->col[jk]]);
      }
  g->natural = 1;
  int st = eis_global_problem_eval (g, xn, f, J);
  g->natural = 0;
  if (st != 0)
    goto done;
  gsl_matrix_view Jv = gsl_matrix_view_array (J, M, nx);
  gsl_blas_dgemm (CblasTrans, CblasNoTrans, 1.0, &Jv.matrix, &Jv.matrix, 0.0, A);
  /* (J^T J)^-1 by its eigen-decomposition, directions with eigenvalues below 1e-14 of the
   * largest left out (a pseudo-inverse): a parameter the data do not determine (a lead
   * inductance too small to show) then has a huge error instead of making every error
   * undefined. */
  {
    gsl_vector *ev = gsl_vector_alloc (nx);
    gsl_matrix *V = gsl_matrix_alloc (nx, nx);
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc (nx);
    if (ev && V && ws && gsl_eigen_symmv (A, ev, V, ws) == GSL_SUCCESS)
      {
        double emax = 0;
        for (size_t i = 0; i < nx; i++)
          emax = fmax (emax, gsl_vector_get (ev, i));
        for (size_t i = 0; i < nx; i++)
          for (size_t k = 0; k < nx; k++)
            {
              double sum = 0;
              for (size_t q = 0; q < nx; q++)
                {
                  double e = gsl_vector_get (ev, q);
                  if (e > 1e-14 * emax)
                    sum += gsl_matrix_get (V, i, q) * gsl_matrix_get (V, k, q) / e;
                }
              cov[i * nx + k] = s2 * sum;
            }
        /* A direction left out: the parameters in it are not determined. */
        for (size_t q = 0; q < nx; q++)
          if (!(gsl_vector_get (ev, q) > 1e-14 * emax))
            for (size_t i = 0; i < nx; i++)
              if (fabs (gsl_matrix_get (V, i, q)) > 0.1)
                cov[i * nx + i] = INFINITY;
      }
    gsl_vector_free (ev);
    gsl_matrix_free (V);
    if (ws)
      gsl_eigen_symmv_free (ws);
  }
done:
  free (xn);
  free (f);
  free (J);
  gsl_matrix_free (A);
}

int
eis_series_global_fit (const EisSpectrumSeries *s, const EisSeriesFitOptions *sopt,
                       const EisSeriesFit *sf, const EisGlobalOptions *opt, EisGlobalFit **out,
                       EisError *err)
{
  *out = NULL;
  EisGlobalProblem *g = NULL;
  int status = eis_global_problem_new (s, sopt, sf, opt, &g, err);
  if (status)
    return status;
  size_t nx = g->nx, M = g->M, n = g->n, P = g->P;
  EisGlobalFit *r = calloc (1, sizeof *r);
  gsl_multifit_nlinear_workspace *w = NULL;
  double *cov = NULL, *x = NULL;
  if (r == NULL)
    {
      eis_global_problem_free (g);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  r->n = n;
  r->n_params = P;
  r->n_free = nx;
  r->law = opt->law;
  r->form = opt->form;
  r->T_ref_K = opt->T_ref_K > 0 ? opt->T_ref_K : EIS_T_REF_DEFAULT_K;
  r->value = calloc (n * (P ? P : 1), sizeof *r->value);
  r->stderr_ = calloc (n * (P ? P : 1), sizeof *r->stderr_);
  r->shared = calloc (P ? P : 1, sizeof *r->shared);
  r->corr = calloc (nx * nx, sizeof *r->corr);
  r->names = calloc (nx, sizeof *r->names);
  r->chi2_spectrum = calloc (n, sizeof *r->chi2_spectrum);
  r->col = calloc (n * (P ? P : 1), sizeof *r->col);
  cov = malloc (nx * nx * sizeof *cov);
  x = malloc (nx * sizeof *x);
  gsl_multifit_nlinear_parameters fpar = gsl_multifit_nlinear_default_parameters ();
  fpar.trs = gsl_multifit_nlinear_trs_lm;
  fpar.scale = gsl_multifit_nlinear_scale_more;
  fpar.solver = gsl_multifit_nlinear_solver_cholesky;
  w = gsl_multifit_nlinear_alloc (gsl_multifit_nlinear_trust, &fpar, M, nx);
  if (!r->value || !r->stderr_ || !r->shared || !r->corr || !r->names || !r->chi2_spectrum
      || !r->col || !cov || !x || !w)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto out;
    }
  /* Names of the unknowns. */
  for (size_t j = 0; j < n; j++)
    for (size_t k = 0; k < P; k++)
      {
        size_t jk = j * P + k;
        char buf[96];
        if (g->mode[jk] == M_LOCAL)
          snprintf (buf, sizeof buf, "%s[%zu]", eis_circuit_param_name (g->c, k), j + 1);
        else if (g->mode[jk] == M_SHARED)
          snprintf (buf, sizeof buf, "%s", eis_circuit_param_name (g->c, k));
        else
          continue;
        if (r->names[g->col[jk]] == NULL)
          r->names[g->col[jk]] = strdup (buf);
        r->shared[k] = g->mode[jk] == M_SHARED;
      }
  for (size_t l = 0; l < g->n_laws; l++)
    {
      const char *what = l == 0 ? "bulk" : "gb";
      const char *nm[3] = { "ln_A", g->law == EIS_GLOBAL_VTF ? "ln_B" : "Ea",
                            "T0_logit" };
      for (size_t q = 0; q < (g->law == EIS_GLOBAL_VTF ? 3u : 2u); q++)
        {
          char buf[64];
          snprintf (buf, sizeof buf, "%s_%s", nm[q], what);
          r->names[g->law_col[l] + (long) q] = strdup (buf);
        }
    }
  for (size_t i = 0; i < nx; i++)
    if (r->names[i] == NULL)
      {
        status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
        goto out;
      }

  gsl_multifit_nlinear_fdf fdf = { 0 };
  fdf.f = gsl_f;
  fdf.df = gsl_df;
  fdf.n = M;
  fdf.p = nx;
  fdf.params = g;
  gsl_vector_view x0 = gsl_vector_view_array (g->x0, nx);
  if (gsl_multifit_nlinear_init (&x0.vector, &fdf, w) != GSL_SUCCESS)
    {
      status = eis_error_set (err, EIS_ERR_FIT, "the joint model cannot be evaluated at the "
                              "start (the series fit's values)");
      goto out;
    }
  int info = 0;
  int max_iter = opt->max_iter > 0 ? opt->max_iter : 500;
  int gs = gsl_multifit_nlinear_driver ((size_t) max_iter, 1e-10, 1e-10, 0.0, NULL, NULL,
                                        &info, w);
  if (gs == GSL_ENOPROG || gs == GSL_EMAXITER)
    {
      int info2 = 0;
      if (gsl_multifit_nlinear_test (1e-7, 1e-7, 0.0, &info2, w) == GSL_SUCCESS && info2)
        gs = GSL_SUCCESS;
    }
  r->converged = gs == GSL_SUCCESS;
  r->iterations = (int) gsl_multifit_nlinear_niter (w);
  snprintf (r->message, sizeof r->message, "%s after %d iterations",
            r->converged ? "converged" : gsl_strerror (gs), r->iterations);
  memcpy (x, gsl_multifit_nlinear_position (w)->data, nx * sizeof *x);
  gsl_vector *fv = gsl_multifit_nlinear_residual (w);
  double S;
  gsl_blas_ddot (fv, fv, &S);
  r->chi2 = S;
  for (size_t j = 0; j < n; j++)
    {
      double sj = 0;
      for (size_t i = 2 * g->off[j]; i < 2 * g->off[j + 1]; i++)
        sj += fv->data[i] * fv->data[i];
      r->chi2_spectrum[j] = sj;
      for (size_t k = 0; k < P; k++)
        {
          size_t jk = j * P + k;
          r->col[jk] = g->mode[jk] == M_LOCAL || g->mode[jk] == M_SHARED ? g->col[jk] : -1;
        }
    }
  r->dof = (long) M - (long) nx;
  r->reduced_chi2 = S / (double) r->dof;
  r->bic = (double) M * log (fmax (S / (double) M, 1e-300)) + (double) nx * log ((double) M);
  joint_covariance (g, x, r->reduced_chi2, cov);
  for (size_t a = 0; a < nx; a++)
    for (size_t b = 0; b < nx; b++)
      r->corr[a * nx + b] = cov[a * nx + b] / sqrt (cov[a * nx + a] * cov[b * nx + b]);

  /* Values and errors per spectrum. */
  for (size_t j = 0; j < n; j++)
    {
      params_of (g, x, j);
      for (size_t k = 0; k < P; k++)
        {
          size_t jk = j * P + k;
          double v = g->p[k], se = NAN;
          int pos = eis_circuit_param_kind (g->c, k) == EIS_PARAM_POSITIVE;
          if (g->mode[jk] == M_FIXED)
            se = 0;
          else if (g->mode[jk] == M_LAW)
            {
              long c0 = g->law_col[g->law_of[k]];
              double d[3], var = 0;
              size_t nl = g->law == EIS_GLOBAL_VTF ? 3 : 2;
              ln_sigma (g, x + c0, g->T[j], d);
              for (size_t a = 0; a < nl; a++)
                for (size_t b = 0; b < nl; b++)
                  var += d[a] * d[b] * cov[(size_t) (c0 + (long) a) * nx + (size_t) c0 + b];
              se = v * sqrt (var);
            }
          else
            {
              double cv = cov[(size_t) g->col[jk] * nx + (size_t) g->col[jk]];
              se = pos ? v * sqrt (cv) : sqrt (cv);
            }
          r->value[jk] = v;
          r->stderr_[jk] = se;
        }
    }
  /* The laws. */
  r->n_laws = g->n_laws;
  for (size_t l = 0; l < g->n_laws; l++)
    {
      EisGlobalLawFit *L = &r->laws[l];
      long c0 = g->law_col[l];
      const double *lx = x + c0;
      snprintf (L->what, sizeof L->what, "%s", l == 0 ? "bulk" : "grain_boundary");
      L->param = g->law_param[l];
      L->ln_A = lx[0];
      L->ln_A_se = sqrt (cov[(size_t) c0 * nx + (size_t) c0]);
      L->B_K = L->B_se_K = L->T0_K = L->T0_se_K = NAN;
      if (g->law == EIS_GLOBAL_VTF)
        {
          double B = exp (lx[1]), sg = 1 / (1 + exp (-lx[2]));
          L->B_K = B;
          L->B_se_K = B * sqrt (cov[(size_t) (c0 + 1) * nx + (size_t) c0 + 1]);
          L->T0_K = g->Tmin * sg;
          L->T0_se_K = g->Tmin * sg * (1 - sg) * sqrt (cov[(size_t) (c0 + 2) * nx + (size_t) c0 + 2]);
          L->Ea_eV = EIS_BOLTZMANN_EV_K * B;
          L->Ea_se_eV = EIS_BOLTZMANN_EV_K * L->B_se_K;
          L->corr_lnA_Ea = r->corr[(size_t) c0 * nx + (size_t) c0 + 1];
        }
      else
        {
          L->Ea_eV = lx[1];
          L->Ea_se_eV = sqrt (cov[(size_t) (c0 + 1) * nx + (size_t) c0 + 1]);
          L->corr_lnA_Ea = r->corr[(size_t) c0 * nx + (size_t) c0 + 1];
        }
      double d[3], var = 0;
      size_t nl = g->law == EIS_GLOBAL_VTF ? 3 : 2;
      L->sigma_ref = exp (ln_sigma (g, lx, r->T_ref_K, d));
      for (size_t a = 0; a < nl; a++)
        for (size_t b = 0; b < nl; b++)
          var += d[a] * d[b] * cov[(size_t) (c0 + (long) a) * nx + (size_t) c0 + b];
      L->sigma_ref_se = L->sigma_ref * sqrt (var);
      L->sigma_25C = exp (ln_sigma (g, lx, EIS_T_REF_DEFAULT_K, d));
    }
  *out = r;
  r = NULL;
  status = EIS_OK;
out:
  eis_global_fit_free (r);
  if (w)
    gsl_multifit_nlinear_free (w);
  free (cov);
  free (x);
  eis_global_problem_free (g);
  return status;
}

int
eis_series_fit_take_global (EisSeriesFit *f, const EisSpectrumSeries *s,
                            const EisSeriesFitOptions *opt, const EisGlobalFit *g,
                            EisError *err)
{
  size_t P = g->n_params, nx = g->n_free;
  if (g->n != f->n || P != eis_circuit_n_params (f->circuit))
    return eis_error_set (err, EIS_ERR_INVALID, "the joint fit is of another series");
  for (size_t j = 0; j < f->n; j++)
    {
      EisFitResult *r = f->fits[j];
      if (r == NULL)
        continue;
      for (size_t a = 0; a < P; a++)
        {
          r->value[a] = g->value[j * P + a];
          r->stderr_[a] = g->stderr_[j * P + a];
          for (size_t b = 0; b < P; b++)
            {
              long ca = g->col[j * P + a], cb = g->col[j * P + b];
              r->corr[a * P + b] = ca >= 0 && cb >= 0 ? g->corr[(size_t) ca * nx + (size_t) cb]
                                   : a == b ? 1.0 : NAN;
            }
          r->undetermined[a] = !(r->stderr_[a] < fabs (r->value[a])) && r->stderr_[a] != 0;
          /* fixed now means fixed in the joint fit: by the user, or held there */
          r->fixed[a] = g->col[j * P + a] < 0 && r->stderr_[a] == 0;
        }
      r->chi2 = g->chi2_spectrum[j];
      r->reduced_chi2 = r->chi2 / (double) r->dof;
    }
  return eis_series_fit_analyse (f, s, opt, err);
}
