/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Arrhenius and Vogel-Tammann-Fulcher fits of conductivity against temperature. */
#include "arrhenius.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

const char *
eis_arrhenius_form_name (EisArrheniusForm form)
{
  return form == EIS_ARRHENIUS_SIGMA_T ? "sigmaT" : "sigma";
}

/* Checks the points and fills W with weights (relative sigma errors, or all 1).
 * Returns 1 when weighted, 0 when not, or a negative value after setting ERR. */
static int
check_points (const double *T_K, const double *sigma, const double *sigma_se, size_t n,
              double *w, const char *what, EisError *err)
{
  int weighted = sigma_se != NULL;
  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (T_K[i]) || T_K[i] <= 0)
        {
          eis_error_set (err, EIS_ERR_DATA, "%s: point %zu: temperature %g K is not positive",
                         what, i + 1, T_K[i]);
          return -1;
        }
      if (T_K[i] < EIS_ARRHENIUS_T_MIN_K || T_K[i] > EIS_ARRHENIUS_T_MAX_K)
        {
          eis_error_set (err, EIS_ERR_DATA, "%s: point %zu: temperature %g K is outside %g to "
                         "%g K", what, i + 1, T_K[i], EIS_ARRHENIUS_T_MIN_K,
                         EIS_ARRHENIUS_T_MAX_K);
          return -1;
        }
      if (!isfinite (sigma[i]) || sigma[i] <= 0)
        {
          eis_error_set (err, EIS_ERR_DATA,
                         "%s: point %zu (T = %g K): conductivity %g is not positive", what, i + 1,
                         T_K[i], sigma[i]);
          return -1;
        }
      if (sigma_se != NULL && !(isfinite (sigma_se[i]) && sigma_se[i] > 0))
        weighted = 0;
    }
  double tmin = T_K[0], tmax = T_K[0];
  for (size_t i = 1; i < n; i++)
    {
      tmin = fmin (tmin, T_K[i]);
      tmax = fmax (tmax, T_K[i]);
    }
  if (!(tmax > tmin))
    {
      eis_error_set (err, EIS_ERR_DATA, "%s: all %zu points are at the same temperature (%g K)",
                     what, n, tmin);
      return -1;
    }
  /* Temperatures 1e-10 K apart gave Ea = 4e10 eV: below a kelvin no slope is measured. */
  if (tmax - tmin < EIS_ARRHENIUS_MIN_SPAN_K)
    {
      eis_error_set (err, EIS_ERR_DATA, "%s: the temperatures span %.3g K (%g to %g K); the fit "
                     "needs a span of %g K or more", what, tmax - tmin, tmin, tmax,
                     EIS_ARRHENIUS_MIN_SPAN_K);
      return -1;
    }
  for (size_t i = 0; i < n; i++)
    {
      /* var(ln sigma) = (sigma_se/sigma)^2 to first order */
      double rel = weighted ? sigma_se[i] / sigma[i] : 1.0;
      w[i] = 1.0 / (rel * rel);
    }
  return weighted;
}

int
eis_arrhenius_fit (const double *T_K, const double *sigma, const double *sigma_se, size_t n,
                   EisArrheniusForm form, double T_ref_K, EisArrheniusFit *out, EisError *err)
{
  const char *what = form == EIS_ARRHENIUS_SIGMA_T ? "Arrhenius fit (sigma T form)"
                                                   : "Arrhenius fit (sigma form)";
  if (n < 2)
    return eis_error_set (err, EIS_ERR_DATA, "%s needs at least 2 temperatures (have %zu)", what,
                          n);
  if (!(T_ref_K > 0) || !isfinite (T_ref_K))
    T_ref_K = EIS_T_REF_DEFAULT_K;

  double *x = malloc (n * sizeof (double));
  double *y = malloc (n * sizeof (double));
  double *w = malloc (n * sizeof (double));
  int status = EIS_OK;
  if (!x || !y || !w)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", what);
      goto out;
    }
  int weighted = check_points (T_K, sigma, sigma_se, n, w, what, err);
  if (weighted < 0)
    {
      status = err ? err->code : EIS_ERR_DATA;
      goto out;
    }
  /* ln sigma = ln A - Ea x with x = 1/(k_B T) [1/eV]: the slope is -Ea directly
   * (SCIENCE.md, Arrhenius; the sigma T form follows from hopping theory). */
  for (size_t i = 0; i < n; i++)
    {
      x[i] = 1.0 / (EIS_BOLTZMANN_EV_K * T_K[i]);
      y[i] = log (sigma[i]) + (form == EIS_ARRHENIUS_SIGMA_T ? log (T_K[i]) : 0.0);
    }
  double c0, c1, cov00, cov01, cov11, chisq;
  int gs = gsl_fit_wlinear (x, 1, w, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &chisq);
  if (gs != GSL_SUCCESS || !isfinite (c0) || !isfinite (c1))
    {
      status = eis_error_set (err, EIS_ERR_FIT, "%s: linear fit failed: %s", what,
                              gs != GSL_SUCCESS ? gsl_strerror (gs) : "no finite slope");
      goto out;
    }
  memset (out, 0, sizeof *out);
  out->form = form;
  out->n = n;
  out->weighted = weighted;
  out->dof = n - 2;
  out->chi2 = chisq;
  out->Ea_eV = -c1;
  out->ln_A = c0;
  out->T_ref_K = T_ref_K;
  /* Weighted: the sigma errors (the fits' standard errors) count as they are, and a scatter
   * larger than they say widens them by the reduced chi^2 (the Particle Data Group's scale
   * factor, Rev. Part. Phys., "Procedure for averaging"); it never narrows them: with a few
   * points the scatter is a poor estimate of the errors. Unweighted: the errors from the
   * scatter alone. With 2 points nothing is left to estimate that from: the line goes
   * through both, and its error is the sigma errors' alone (unweighted: none). */
  double s2 = n > 2 ? chisq / (double) (n - 2) : weighted ? 1.0 : NAN;
  if (weighted && s2 < 1)
    s2 = 1;
  out->Ea_se_eV = sqrt (cov11 * s2);
  out->ln_A_se = sqrt (cov00 * s2);
  out->cov_lnA_Ea = -cov01 * s2;

  double sw = 0, swy = 0;
  for (size_t i = 0; i < n; i++)
    {
      sw += w[i];
      swy += w[i] * y[i];
    }
  double ybar = swy / sw, sst = 0;
  for (size_t i = 0; i < n; i++)
    sst += w[i] * (y[i] - ybar) * (y[i] - ybar);
  /* a flat line (every ln sigma the same, up to rounding): R2 = 0/0, undefined */
  out->r2 = sst > 1e-24 * sw * (ybar * ybar + 1) ? 1.0 - chisq / sst : NAN;

  double xr = 1.0 / (EIS_BOLTZMANN_EV_K * T_ref_K);
  double yr = c0 + c1 * xr;
  double var = s2 * (cov00 + 2 * xr * cov01 + xr * xr * cov11);
  out->sigma_ref = exp (yr) / (form == EIS_ARRHENIUS_SIGMA_T ? T_ref_K : 1.0);
  out->sigma_ref_se = out->sigma_ref * sqrt (fmax (var, 0.0));
  if (!isfinite (var))
    out->sigma_ref_se = NAN;
  /* exp() beyond a double (Ea 1244 eV at 25 degC): no number rather than 0 +- 0 */
  if (!(out->sigma_ref >= DBL_MIN && out->sigma_ref <= DBL_MAX))
    out->sigma_ref = out->sigma_ref_se = NAN;

out:
  free (x);
  free (y);
  free (w);
  return status;
}

double
eis_arrhenius_sigma_at (const EisArrheniusFit *fit, double T_K)
{
  double y = fit->ln_A - fit->Ea_eV / (EIS_BOLTZMANN_EV_K * T_K);
  return exp (y) / (fit->form == EIS_ARRHENIUS_SIGMA_T ? T_K : 1.0);
}

/* ---- VTF ---------------------------------------------------------------------------- */

/* Parameters p = (ln A, ln B, v) with T0 = Tmin / (1 + exp(-v)), so that B > 0 and
 * 0 < T0 < Tmin, each O(1) to the solver (STYLE.md). The data are
 * y_i = ln sigma_i + ln(T_i)/2 = ln A - B/(T_i - T0) (VTF; SCIENCE.md). */
typedef struct {
  size_t n;
  const double *T, *y, *sw;   /* sw = sqrt(weight) */
  double tmin;
} VTFData;

static double
vtf_t0 (double v, double tmin, double *dT0_dv)
{
  double s = 1.0 / (1.0 + exp (-v));
  if (dT0_dv)
    *dT0_dv = tmin * s * (1.0 - s);
  return tmin * s;
}

static int
vtf_f (const gsl_vector *p, void *data, gsl_vector *f)
{
  const VTFData *d = data;
  double lnA = gsl_vector_get (p, 0), B = exp (gsl_vector_get (p, 1));
  double T0 = vtf_t0 (gsl_vector_get (p, 2), d->tmin, NULL);
  for (size_t i = 0; i < d->n; i++)
    gsl_vector_set (f, i, d->sw[i] * (lnA - B / (d->T[i] - T0) - d->y[i]));
  return GSL_SUCCESS;
}

static int
vtf_df (const gsl_vector *p, void *data, gsl_matrix *J)
{
  const VTFData *d = data;
  double B = exp (gsl_vector_get (p, 1)), dT0;
  double T0 = vtf_t0 (gsl_vector_get (p, 2), d->tmin, &dT0);
  for (size_t i = 0; i < d->n; i++)
    {
      double dd = d->T[i] - T0;
      gsl_matrix_set (J, i, 0, d->sw[i]);
      gsl_matrix_set (J, i, 1, -d->sw[i] * B / dd);
      gsl_matrix_set (J, i, 2, -d->sw[i] * B / (dd * dd) * dT0);
    }
  return GSL_SUCCESS;
}

/* Weighted straight line y = a + c x for a given T0, x = 1/(T - T0): the start values. */
static double
vtf_line (const double *T, const double *y, const double *w, size_t n, double T0, double *x,
          double *lnA, double *B)
{
  for (size_t i = 0; i < n; i++)
    x[i] = 1.0 / (T[i] - T0);
  double c0, c1, c00, c01, c11, chisq;
  if (gsl_fit_wlinear (x, 1, w, 1, y, 1, n, &c0, &c1, &c00, &c01, &c11, &chisq) != GSL_SUCCESS)
    return INFINITY;
  *lnA = c0;
  *B = -c1;
  return isfinite (chisq) ? chisq : INFINITY;
}

int
eis_vtf_fit (const double *T_K, const double *sigma, const double *sigma_se, size_t n,
             double T_ref_K, EisVTFFit *out, EisError *err)
{
  const char *what = "VTF fit";
  if (n < 4)
    return eis_error_set (err, EIS_ERR_DATA,
                          "%s needs at least 4 temperatures for its 3 parameters (have %zu)",
                          what, n);
  if (!(T_ref_K > 0) || !isfinite (T_ref_K))
    T_ref_K = EIS_T_REF_DEFAULT_K;

  int status = EIS_OK;
  double *w = malloc (n * sizeof (double));
  double *y = malloc (n * sizeof (double));
  double *sw = malloc (n * sizeof (double));
  double *x = malloc (n * sizeof (double));
  gsl_multifit_nlinear_workspace *ws = NULL;
  gsl_matrix *covar = gsl_matrix_alloc (3, 3);
  if (!w || !y || !sw || !x || !covar)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", what);
      goto out;
    }
  int weighted = check_points (T_K, sigma, sigma_se, n, w, what, err);
  if (weighted < 0)
    {
      status = err ? err->code : EIS_ERR_DATA;
      goto out;
    }
  double tmin = T_K[0];
  for (size_t i = 0; i < n; i++)
    {
      tmin = fmin (tmin, T_K[i]);
      y[i] = log (sigma[i]) + 0.5 * log (T_K[i]);
      sw[i] = sqrt (w[i]);
    }

  /* Start: scan T0 = Tmin - gap, gap log-spaced from 0.2 % to 98 % of Tmin, and keep the
   * best straight line in 1/(T - T0) with B > 0. */
  double best = INFINITY, lnA0 = 0, B0 = 0, T00 = 0;
  const int ngrid = 120;
  double g_lo = log (0.002 * tmin), g_hi = log (0.98 * tmin);
  for (int j = 0; j < ngrid; j++)
    {
      double gap = exp (g_lo + (g_hi - g_lo) * j / (ngrid - 1));
      double lnA = 0, B = 0;
      double chisq = vtf_line (T_K, y, w, n, tmin - gap, x, &lnA, &B);
      if (B > 0 && chisq < best)
        {
          best = chisq;
          lnA0 = lnA;
          B0 = B;
          T00 = tmin - gap;
        }
    }
  if (!isfinite (best))
    {
      status = eis_error_set (err, EIS_ERR_FIT,
                              "%s: the conductivity does not rise with temperature; "
                              "no VTF curve (B > 0) describes it", what);
      goto out;
    }

  VTFData d = { .n = n, .T = T_K, .y = y, .sw = sw, .tmin = tmin };
  gsl_multifit_nlinear_fdf fdf = { .f = vtf_f, .df = vtf_df, .fvv = NULL, .n = n, .p = 3,
                                   .params = &d };
  gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters ();
  ws = gsl_multifit_nlinear_alloc (gsl_multifit_nlinear_trust, &par, n, 3);
  if (ws == NULL)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", what);
      goto out;
    }
  double s0 = T00 / tmin;
  double p0[3] = { lnA0, log (B0), log (s0 / (1.0 - s0)) };
  gsl_vector_view pv = gsl_vector_view_array (p0, 3);
  gsl_multifit_nlinear_init (&pv.vector, &fdf, ws);
  int info = 0;
  int gs = gsl_multifit_nlinear_driver (200, 1e-10, 1e-10, 0.0, NULL, NULL, &info, ws);

  memset (out, 0, sizeof *out);
  out->n = n;
  out->weighted = weighted;
  out->dof = n - 3;
  out->T_ref_K = T_ref_K;
  out->iterations = gsl_multifit_nlinear_niter (ws);
  out->converged = gs == GSL_SUCCESS;
  if (!out->converged)
    snprintf (out->note, sizeof out->note, "solver stopped after %zu iterations: %s",
              out->iterations, gsl_strerror (gs));

  const gsl_vector *p = gsl_multifit_nlinear_position (ws);
  const gsl_vector *f = gsl_multifit_nlinear_residual (ws);
  gsl_matrix *J = gsl_multifit_nlinear_jac (ws);
  double chisq;
  gsl_blas_ddot (f, f, &chisq);
  double lnA = gsl_vector_get (p, 0), b = gsl_vector_get (p, 1), v = gsl_vector_get (p, 2);
  double dT0;
  double B = exp (b), T0 = vtf_t0 (v, tmin, &dT0);
  if (!isfinite (lnA) || !isfinite (B) || !isfinite (T0))
    {
      status = eis_error_set (err, EIS_ERR_FIT, "%s: the solver left no usable result (%s)",
                              what, gsl_strerror (gs));
      goto out;
    }
  gsl_multifit_nlinear_covar (J, 0.0, covar);
  double s2 = n > 3 ? chisq / (double) (n - 3) : NAN;
  if (weighted && s2 < 1)
    s2 = 1;   /* as the Arrhenius fit: the scatter widens the errors, never narrows them */
  gsl_matrix_scale (covar, s2);

  out->chi2 = chisq;
  out->ln_A = lnA;
  out->ln_A_se = sqrt (gsl_matrix_get (covar, 0, 0));
  out->A = exp (lnA);
  out->A_se = out->A * out->ln_A_se;        /* se(p) = p se(ln p), SCIENCE.md */
  out->B_K = B;
  out->B_se_K = B * sqrt (gsl_matrix_get (covar, 1, 1));
  out->T0_K = T0;
  out->T0_se_K = dT0 * sqrt (gsl_matrix_get (covar, 2, 2));
  if (dT0 < 1e-6 * tmin)
    {
      /* T0 ran to an edge of (0, Tmin): its derivative vanishes and so would its error. */
      out->T0_se_K = NAN;
      snprintf (out->note, sizeof out->note,
                "T0 = %.4g K sits at the edge of (0, %.4g K): not determined by the data", T0,
                tmin);
    }
  out->Ea_eV = EIS_BOLTZMANN_EV_K * B;
  out->Ea_se_eV = EIS_BOLTZMANN_EV_K * out->B_se_K;

  double mean = 0, sst = 0;
  for (size_t i = 0; i < n; i++)
    mean += w[i] * y[i];
  double swsum = 0;
  for (size_t i = 0; i < n; i++)
    swsum += w[i];
  mean /= swsum;
  for (size_t i = 0; i < n; i++)
    sst += w[i] * (y[i] - mean) * (y[i] - mean);
  /* a flat line (every ln sigma the same, up to rounding): R2 = 0/0, undefined */
  out->r2 = sst > 1e-24 * swsum * (mean * mean + 1) ? 1.0 - chisq / sst : NAN;

  out->sigma_ref = eis_vtf_sigma_at (out, T_ref_K);
  if (T_ref_K > T0)
    {
      double dd = T_ref_K - T0;
      double g[3] = { 1.0, -B / dd, -B / (dd * dd) * dT0 };
      double var = 0;
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
          var += g[i] * gsl_matrix_get (covar, i, j) * g[j];
      out->sigma_ref_se = out->sigma_ref * sqrt (fmax (var, 0.0));
      if (!isfinite (var))
        out->sigma_ref_se = NAN;
    }
  else
    out->sigma_ref_se = NAN;
  if (!(out->sigma_ref >= DBL_MIN && out->sigma_ref <= DBL_MAX))
    out->sigma_ref = out->sigma_ref_se = NAN;

out:
  if (ws)
    gsl_multifit_nlinear_free (ws);
  gsl_matrix_free (covar);
  free (w);
  free (y);
  free (sw);
  free (x);
  return status;
}

double
eis_vtf_sigma_at (const EisVTFFit *fit, double T_K)
{
  if (!(T_K > fit->T0_K))
    return NAN;
  return fit->A / sqrt (T_K) * exp (-fit->B_K / (T_K - fit->T0_K));
}
