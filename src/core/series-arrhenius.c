/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Arrhenius analysis of a fitted series (see series-arrhenius.h). */
#include <config.h>

#include "series-arrhenius.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

void
eis_series_arrhenius_points_clear (EisSeriesArrheniusPoints *p)
{
  if (!p)
    return;
  free (p->use);
  free (p->T_bulk);
  free (p->sigma_bulk);
  free (p->sigma_bulk_se);
  free (p->T_total);
  free (p->sigma_total);
  free (p->sigma_total_se);
  memset (p, 0, sizeof *p);
}

int
eis_series_arrhenius_points (const EisSeriesFit *sf, const EisSpectrumSeries *s,
                             EisSeriesArrheniusPoints *out, EisError *err)
{
  size_t n = s->n, P = eis_circuit_n_params (sf->circuit), m = n ? n : 1;

  memset (out, 0, sizeof *out);
  out->use = calloc (m, sizeof *out->use);
  out->T_bulk = malloc (m * sizeof (double));
  out->sigma_bulk = malloc (m * sizeof (double));
  out->sigma_bulk_se = malloc (m * sizeof (double));
  out->T_total = malloc (m * sizeof (double));
  out->sigma_total = malloc (m * sizeof (double));
  out->sigma_total_se = malloc (m * sizeof (double));
  if (!out->use || !out->T_bulk || !out->sigma_bulk || !out->sigma_bulk_se || !out->T_total
      || !out->sigma_total || !out->sigma_total_se)
    {
      eis_series_arrhenius_points_clear (out);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  for (size_t i = 0; i < n; i++)
    {
      const EisFitResult *r = sf->fits[i];
      const EisConductivity *c = &sf->cond[i];
      int bulk = isfinite (c->sigma_bulk) && c->sigma_bulk > 0;
      int total = isfinite (c->sigma_total) && c->sigma_total > 0;

      if (!r)
        out->use[i] = EIS_SERIES_POINT_NOT_FITTED;
      else if (r->status != EIS_FIT_CONVERGED)
        out->use[i] = EIS_SERIES_POINT_NOT_CONVERGED;
      else if (!sf->ok[i] || sf->jump[i])
        out->use[i] = EIS_SERIES_POINT_NOT_OK;
      else if (!bulk && !total)
        out->use[i] = EIS_SERIES_POINT_NO_SIGMA;
      else
        {
          /* A bulk resistance held on the course of its neighbours (two arcs beyond the
           * range, only their sum measured) carries no information of its own. */
          int held = 0;
          for (size_t k = 0; k < c->n_arcs; k++)
            if ((c->arcs[k].role == EIS_ROLE_BULK || c->arcs[k].role == EIS_ROLE_INTERCEPT)
                && c->arcs[k].r_index >= 0 && sf->held[i * P + (size_t) c->arcs[k].r_index])
              held = 1;
          out->use[i] = held ? EIS_SERIES_POINT_BULK_HELD
                        : bulk ? EIS_SERIES_POINT_USED : EIS_SERIES_POINT_NO_BULK;
          if (out->use[i] == EIS_SERIES_POINT_USED)
            {
              out->T_bulk[out->n_bulk] = s->items[i].T_K;
              out->sigma_bulk[out->n_bulk] = c->sigma_bulk;
              out->sigma_bulk_se[out->n_bulk++] = c->sigma_bulk_se;
            }
          if (total)
            {
              out->T_total[out->n_total] = s->items[i].T_K;
              out->sigma_total[out->n_total] = c->sigma_total;
              out->sigma_total_se[out->n_total++] = c->sigma_total_se;
            }
        }
    }
  return EIS_OK;
}

/* sigma(T_ref) of a curved Arrhenius plot: the straight line's is as apparent as its Ea (it
 * gave a pellet's sigma_total(25 degC) 1.0205e-4 +- 3.1e-6 S/cm for 1.090e-4, 2.2 errors).
 * Within the measured temperatures, ln sigma is interpolated along the curve, the weighted
 * least-squares quadratic in u = 1/T - 1/T_ref through the N points (weights W): its constant
 * term is ln sigma(T_ref), its error scaled by chi2/(n - 3) (1.0921e-4 +- 3.8e-7 there). */
static void
curved_sigma_ref (const double *T, const double *sg, const double *w, size_t n,
                  const EisArrheniusFit *a, char *out)
{
  double Tr = a->T_ref_K > 0 ? a->T_ref_K : 298.15, Tmin = INFINITY, Tmax = -INFINITY;
  double m[3][3] = { { 0 } }, v[3] = { 0 };
  for (size_t i = 0; i < n; i++)
    {
      double u = 1 / T[i] - 1 / Tr, x[3] = { 1, u, u * u };
      Tmin = fmin (Tmin, T[i]);
      Tmax = fmax (Tmax, T[i]);
      for (int p = 0; p < 3; p++)
        {
          v[p] += w[i] * x[p] * log (sg[i]);
          for (int q = 0; q < 3; q++)
            m[p][q] += w[i] * x[p] * x[q];
        }
    }
  char line[64];
  if (isfinite (a->sigma_ref))
    snprintf (line, sizeof line, " (%.4e S/cm)", a->sigma_ref);
  else
    line[0] = '\0';
  if (!(Tr >= Tmin && Tr <= Tmax))
    {
      snprintf (out, 400, "sigma(%.2f degC) of the straight line%s is as apparent as its Ea "
                "(the points curve), and %.2f degC lies outside the measured temperatures: "
                "not interpolated", Tr - 273.15, line, Tr - 273.15);
      return;
    }
  /* the inverse of the symmetric 3 x 3 normal matrix by cofactors */
  double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
  double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
  double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
  double det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
  double b0 = NAN, var0 = NAN;
  if (det != 0 && isfinite (det))
    {
      double c10 = m[0][2] * m[2][1] - m[0][1] * m[2][2];
      double c20 = m[0][1] * m[1][2] - m[0][2] * m[1][1];
      b0 = (c00 * v[0] + c10 * v[1] + c20 * v[2]) / det;
      double c11 = m[0][0] * m[2][2] - m[0][2] * m[2][0];
      double c12 = m[0][2] * m[1][0] - m[0][0] * m[1][2];
      double c21 = m[0][2] * m[1][0] - m[0][0] * m[1][2];
      double c22 = m[0][0] * m[1][1] - m[0][1] * m[1][0];
      double b1 = (c01 * v[0] + c11 * v[1] + c21 * v[2]) / det;
      double b2 = (c02 * v[0] + c12 * v[1] + c22 * v[2]) / det;
      double ss = 0;
      for (size_t i = 0; i < n; i++)
        {
          double u = 1 / T[i] - 1 / Tr, e = log (sg[i]) - b0 - b1 * u - b2 * u * u;
          ss += w[i] * e * e;
        }
      var0 = c00 / det * (n > 3 ? ss / (double) (n - 3) : NAN);
    }
  if (!isfinite (b0))
    {
      snprintf (out, 400, "sigma(%.2f degC) of the straight line%s is as apparent as its Ea "
                "(the points curve)", Tr - 273.15, line);
      return;
    }
  double sr = exp (b0);
  snprintf (out, 400, "sigma(%.2f degC) of the straight line%s is as apparent as its Ea (the "
            "points curve); interpolated along the curve (a quadratic in 1/T through the "
            "points) it is %.4e +- %.2e S/cm", Tr - 273.15, line, sr,
            isfinite (var0) && var0 >= 0 ? sr * sqrt (var0) : NAN);
}

size_t
eis_arrhenius_linearity_checks (EisArrheniusOf of, const double *T, const double *sg,
                                const double *se, size_t n, const EisArrheniusFit *a,
                                char out[4][400])
{
  size_t k = 0;

  if (a->r2 < 0.99)
    snprintf (out[k++], 400, "the Arrhenius plot is not a straight line: R2 = %.4f (below "
              "0.99); the activation energy is not to be trusted", a->r2);
  if (n >= 5)
    {
      double xm = 0, wsum = 0, qm = 0, sqq = 0, sqr = 0, c, ss = 0, sec;
      double *r = malloc (n * sizeof *r), *w = malloc (n * sizeof *w);

      if (!r || !w)
        {
          free (r);
          free (w);
          return k;
        }
      for (size_t i = 0; i < n; i++)
        {
          double model = log (eis_arrhenius_sigma_at (a, T[i]));
          r[i] = log (sg[i]) - model;
          w[i] = a->weighted && se && se[i] > 0 ? (sg[i] / se[i]) * (sg[i] / se[i]) : 1;
          xm += w[i] / T[i];
          wsum += w[i];
        }
      xm /= wsum;
      /* Regress the residuals on q = (1/T - xm)^2 - mean: slope and its error. */
      for (size_t i = 0; i < n; i++)
        qm += w[i] * (1 / T[i] - xm) * (1 / T[i] - xm);
      qm /= wsum;
      for (size_t i = 0; i < n; i++)
        {
          double q = (1 / T[i] - xm) * (1 / T[i] - xm) - qm;
          sqq += w[i] * q * q;
          sqr += w[i] * q * r[i];
        }
      c = sqq > 0 ? sqr / sqq : 0;
      for (size_t i = 0; i < n; i++)
        {
          double q = (1 / T[i] - xm) * (1 / T[i] - xm) - qm, e = r[i] - c * q;
          ss += w[i] * e * e;
        }
      sec = sqq > 0 ? sqrt (ss / (double) (n - 3) / sqq) : INFINITY;
      if (sec > 0 && fabs (c) > 3 * sec && of == EIS_ARRHENIUS_OF_TOTAL)
        snprintf (out[k++], 400, "the residuals of the Arrhenius fit curve (a quadratic term "
                  "in 1/T %.1f standard errors from zero): its Ea is an apparent value that "
                  "changes with temperature. In a ceramic, sigma_total adds bulk and "
                  "grain-boundary resistances of different Ea: report theirs; in a gel or "
                  "polymer the transport is VTF-like (--vtf); or the mechanism changes",
                  fabs (c) / sec);
      else if (sec > 0 && fabs (c) > 3 * sec)
        snprintf (out[k++], 400, "the residuals of the Arrhenius fit curve (a quadratic term "
                  "in 1/T %.1f standard errors from zero): a change of mechanism (VTF: "
                  "--vtf), or a circuit that misplaces the bulk at one end of the series",
                  fabs (c) / sec);
      if (sec > 0 && fabs (c) > 3 * sec && k < 4)
        curved_sigma_ref (T, sg, w, n, a, out[k++]);
      free (r);
      free (w);
    }
  for (size_t i = 0; i + 1 < n && k < 4; i++)
    {
      double e = sqrt ((se && isfinite (se[i]) ? se[i] * se[i] : 0)
                       + (se && isfinite (se[i + 1]) ? se[i + 1] * se[i + 1] : 0));
      if (T[i + 1] > T[i] && sg[i + 1] < sg[i] - 2 * e)
        {
          snprintf (out[k++], 400, "sigma falls from %.4g to %.4g S/cm as T rises from %.2f to "
                    "%.2f K: an ionic conductor's rises; look at the fits there", sg[i],
                    sg[i + 1], T[i], T[i + 1]);
          break;
        }
    }
  return k;
}

int
eis_series_global_disagrees (const EisGlobalLawFit *L, const EisArrheniusFit *a, char *out,
                             size_t len)
{
  double d = L->Ea_eV - a->Ea_eV;
  double se = sqrt (L->Ea_se_eV * L->Ea_se_eV
                    + (isfinite (a->Ea_se_eV) ? a->Ea_se_eV * a->Ea_se_eV : 0));

  if (!(fabs (d) > 2 * se))
    return 0;
  snprintf (out, len, "the global Ea %.4f +- %.4f eV and the two-step Ea %.4f +- %.4f eV "
            "differ by %.1f times their combined error: look at the spectra where the bulk "
            "resistance is least determined", L->Ea_eV, L->Ea_se_eV, a->Ea_eV, a->Ea_se_eV,
            fabs (d) / se);
  return 1;
}

/* z = |a - b| / sqrt(sa^2 + sb^2), with SB not determined counted as 0; NAN when A, B or SA
 * is not finite or the combined error is 0 (then there is nothing to compare). */
static double
combined_z (double a, double sa, double b, double sb)
{
  if (!isfinite (a) || !isfinite (b) || !isfinite (sa))
    return NAN;
  double se = sqrt (sa * sa + (isfinite (sb) ? sb * sb : 0));
  return se > 0 ? fabs (a - b) / se : NAN;
}

int
eis_series_global_vtf_disagrees (const EisGlobalLawFit *L, const EisVTFFit *v, char *out,
                                 size_t len)
{
  if (!v->converged)
    return 0;
  double z_ea = combined_z (L->Ea_eV, L->Ea_se_eV, v->Ea_eV, v->Ea_se_eV);
  double z_sg = combined_z (L->sigma_ref, L->sigma_ref_se, v->sigma_ref, v->sigma_ref_se);
  if (!(z_ea > 2) && !(z_sg > 2))
    return 0;
  char ea[200] = "", sg[240] = "", two[48], edge[280];
  if (z_ea > 2)
    snprintf (ea, sizeof ea, "the global Ea = k_B B %.4f +- %.4f eV (B %.4g K) and the "
              "two-step %.4f +- %.4f eV (B %.4g K) differ by %.1f times their combined error",
              L->Ea_eV, L->Ea_se_eV, L->B_K, v->Ea_eV, v->Ea_se_eV, v->B_K, z_ea);
  if (isfinite (v->sigma_ref_se))
    snprintf (two, sizeof two, "%.4e +- %.2e", v->sigma_ref, v->sigma_ref_se);
  else
    snprintf (two, sizeof two, "%.4e (its error not determined)", v->sigma_ref);
  if (z_sg > 2)
    snprintf (sg, sizeof sg, "%sthe global sigma(%.2f degC) %.4e +- %.2e S/cm and the two-step "
              "%s S/cm differ by %.1f times their combined error", ea[0] ? "; " : "",
              v->T_ref_K - 273.15, L->sigma_ref, L->sigma_ref_se, two, z_sg);
  if (isfinite (L->T0_se_K))
    snprintf (edge, sizeof edge, ": look at the spectra where the bulk resistance is least "
              "determined");
  else
    snprintf (edge, sizeof edge, ": the global T0 = %.3g K ran to an edge of its range (0 K "
              "to the lowest temperature) and is not determined, and the global errors hold T0 "
              "there, so they are too small%s", L->T0_K,
              L->T0_K < 1 ? "; a T0 at 0 K says the data do not curve as VTF's law does (an "
                            "Arrhenius law may describe them)" : "");
  snprintf (out, len, "VTF, %s: %s%s%s", L->what, ea, sg, edge);
  return 1;
}

static int
same_geometry (const EisGeometry *a, const EisGeometry *b)
{
  return a->thickness_cm == b->thickness_cm && a->area_cm2 == b->area_cm2
         && a->thickness_se_cm == b->thickness_se_cm && a->area_se_cm2 == b->area_se_cm2;
}

static double
geometry_relative_error (const EisGeometry *g)
{
  double rl = g->thickness_se_cm > 0 ? g->thickness_se_cm / g->thickness_cm : 0;
  double ra = g->area_se_cm2 > 0 ? g->area_se_cm2 / g->area_cm2 : 0;
  return isfinite (rl) && isfinite (ra) ? sqrt (rl * rl + ra * ra) : 0;
}

double
eis_common_geometry_error (const EisGeometry *const *g, size_t n)
{
  if (n == 0)
    return 0;
  for (size_t i = 1; i < n; i++)
    if (!same_geometry (g[i], g[0]))
      return 0;
  return geometry_relative_error (g[0]);
}

double
eis_series_common_geometry_error (const EisSpectrumSeries *s)
{
  if (s->n == 0)
    return 0;
  for (size_t i = 1; i < s->n; i++)
    if (!same_geometry (&s->items[i].geom, &s->items[0].geom))
      return 0;
  return geometry_relative_error (&s->items[0].geom);
}

double
eis_sigma_se_without_geometry (double sigma, double se, double g)
{
  if (!(g > 0) || !isfinite (se) || !(sigma > 0))
    return se;
  double r = se / sigma;
  return sigma * sqrt (fmax (0, r * r - g * g));
}

void
eis_arrhenius_add_geometry_error (EisArrheniusFit *a, double g)
{
  if (!(g > 0))
    return;
  if (isfinite (a->ln_A_se))
    a->ln_A_se = hypot (a->ln_A_se, g);
  if (isfinite (a->sigma_ref) && isfinite (a->sigma_ref_se) && a->sigma_ref > 0)
    a->sigma_ref_se = a->sigma_ref * hypot (a->sigma_ref_se / a->sigma_ref, g);
}

/* Multiplies the errors of law L by K. */
static void
widen_law (EisGlobalLawFit *L, double k)
{
  L->Ea_se_eV *= k;
  L->ln_A_se *= k;
  L->sigma_ref_se *= k;
  L->B_se_K *= k;
  L->T0_se_K *= k;
}

int
eis_global_lack_of_fit (EisGlobalFit *law, const EisGlobalFit *free_fit,
                        const EisSeriesFit *sf, EisGlobalLackOfFit *lof, char *out, size_t len)
{
  memset (lof, 0, sizeof *lof);
  lof->F = lof->p = lof->chi2_ratio = lof->F_law[0] = lof->F_law[1] = NAN;
  lof->scale[0] = lof->scale[1] = 1;
  if (out && len)
    out[0] = 0;
  if (law == NULL || !law->converged || law->n_laws == 0 || !(law->dof > 0))
    return 0;
  double S_free = 0;
  long dof_free = 0;
  if (sf == NULL || sf->n != law->n)
    return 0;
  if (free_fit)
    {
      if (!free_fit->converged || free_fit->n != law->n)
        return 0;
      S_free = free_fit->chi2;
      dof_free = free_fit->dof;
    }
  else
    {
      /* nothing shared: the spectra's own fits are the fit without a law */
      for (size_t j = 0; j < sf->n; j++)
        {
          if (sf->fits[j] == NULL || !isfinite (sf->fits[j]->chi2))
            return 0;
          S_free += sf->fits[j]->chi2;
          dof_free += sf->fits[j]->dof;
        }
    }
  long df1 = law->dof - dof_free;
  if (!(df1 > 0) || !(dof_free > 0) || !(S_free > 0) || !isfinite (law->chi2))
    return 0;
  double s2_free = S_free / (double) dof_free, s2_law = law->chi2 / (double) law->dof;
  lof->tested = 1;
  lof->df1 = df1;
  lof->df2 = dof_free;
  lof->chi2_ratio = s2_law / s2_free;
  /* a law fit that ended below the free fit (it cannot, nested) counts as no misfit */
  lof->F = fmax (law->chi2 - S_free, 0) / (double) df1 / s2_free;
  lof->p = gsl_cdf_fdist_Q (lof->F, (double) df1, (double) dof_free);
  /* the joint covariance is scaled by s2_law: to the spectra's own noise s2_free, and by each
   * law's misfit when larger than 1 (the PDG scale factor, as the two-step regression): the
   * reduced chi2 of the resistances without the law about the law's (pooled, a grain
   * boundary's small errors would widen the bulk's law by its misfit) */
  double kmax = 1;
  size_t P = eis_circuit_n_params (sf->circuit);
  for (size_t l = 0; l < law->n_laws && l < 2; l++)
    {
      long k = law->laws[l].param;
      double c2 = 0;
      size_t m = 0;
      for (size_t j = 0; k >= 0 && (size_t) k < P && j < law->n; j++)
        {
          const EisFitResult *r = sf->fits[j];
          double Rl = law->value[j * law->n_params + (size_t) k];
          if (r == NULL || !(r->stderr_[k] > 0) || !isfinite (Rl) || !isfinite (r->value[k]))
            continue;
          double z = (r->value[k] - Rl) / r->stderr_[k];
          c2 += z * z;
          m++;
        }
      size_t npar = law->law == EIS_GLOBAL_VTF ? 3 : 2;
      lof->F_law[l] = m > npar ? c2 / (double) (m - npar) : NAN;
      double k2 = s2_free * fmax (isfinite (lof->F_law[l]) ? lof->F_law[l] : lof->F, 1.0)
                  / s2_law;
      double kl = sqrt (k2);
      if (kl > 1 && isfinite (kl))
        {
          lof->scale[l] = kl;
          widen_law (&law->laws[l], kl);
          kmax = fmax (kmax, kl);
        }
    }
  lof->misfit = lof->p < EIS_GLOBAL_MISFIT_P && lof->F > 2;
  double k = kmax;
  if (lof->misfit && out && len)
    snprintf (out, len, "the temperature law does not fit the spectra: with it the reduced chi2 "
              "is %.3g times the joint fit's without it (F = %.3g on %ld and %ld degrees of "
              "freedom, p = %.2g); the global errors are widened by up to %.3g for this misfit, and "
              "its values may be biased (the shared parameters and the prefactor take up the "
              "misfit): trust the two-step result, and look for spectra that disagree (a "
              "hysteresis, a drift, a changed contact)", lof->chi2_ratio, lof->F, df1,
              dof_free, lof->p, k > 1 ? k : 1.0);
  return lof->misfit;
}

const char *
eis_temperature_branch_name (int branch)
{
  return branch == EIS_BRANCH_HEATING ? "heating" : branch == EIS_BRANCH_COOLING ? "cooling"
                                                                                : "";
}

/* the order of measurement: by start time, else by the order given */
static const EisSpectrumSeries *order_series;
static int order_by_time;

static int
cmp_measured (const void *a, const void *b)
{
  const EisSeriesItem *x = &order_series->items[*(const size_t *) a];
  const EisSeriesItem *y = &order_series->items[*(const size_t *) b];
  if (order_by_time && x->time_s != y->time_s)
    return x->time_s < y->time_s ? -1 : 1;
  return x->input_order < y->input_order ? -1 : x->input_order > y->input_order;
}

int
eis_series_temperature_branches (const EisSpectrumSeries *s, int *branch, int *by_time)
{
  size_t n = s->n;
  for (size_t i = 0; i < n; i++)
    branch[i] = EIS_BRANCH_NONE;
  if (by_time)
    *by_time = 0;
  if (n < 4)
    return 0;
  int timed = 1, differ = 0;
  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (s->items[i].T_K))
        return 0;
      timed &= isfinite (s->items[i].time_s);
      differ |= timed && s->items[i].time_s != s->items[0].time_s;
    }
  size_t *ord = malloc (n * sizeof *ord);
  int *dir = malloc (n * sizeof *dir);
  if (!ord || !dir)
    {
      free (ord);
      free (dir);
      return 0;
    }
  for (size_t i = 0; i < n; i++)
    ord[i] = i, dir[i] = 0;
  order_series = s;
  order_by_time = timed && differ;
  qsort (ord, n, sizeof *ord, cmp_measured);
  /* the direction of the step into each spectrum; a step of less than 0.5 K (the same
   * temperature again) takes the next step's: at the turn, the second spectrum at the highest
   * temperature starts the cooling */
  int cur = 0, runs = 0, run_len = 0, short_run = 0;
  for (size_t i = 1; i < n; i++)
    {
      double d = s->items[ord[i]].T_K - s->items[ord[i - 1]].T_K;
      int sd = d > 0.5 ? 1 : d < -0.5 ? -1 : 0;
      if (sd != 0 && sd != cur)
        {
          if (runs > 0 && run_len < 2)
            short_run = 1;
          runs++;
          run_len = 0;
          cur = sd;
        }
      run_len += sd != 0;
      dir[i] = sd;
    }
  for (size_t i = n; i-- > 1;)
    if (dir[i] == 0)
      dir[i] = i + 1 < n ? dir[i + 1] : 0;
  for (size_t i = 1; i < n; i++)
    if (dir[i] == 0)
      dir[i] = dir[i - 1];
  if (runs > 0 && run_len < 2)
    short_run = 1;
  int both = runs >= 2 && !short_run;
  if (both)
    {
      /* the first spectra, before any step: the direction of the first step */
      int first = 0;
      for (size_t i = 1; i < n && !first; i++)
        first = dir[i];
      for (size_t i = 0; i < n; i++)
        {
          int d = i == 0 || dir[i] == 0 ? first : dir[i];
          branch[ord[i]] = d > 0 ? EIS_BRANCH_HEATING : EIS_BRANCH_COOLING;
        }
      if (by_time)
        *by_time = order_by_time;
    }
  order_series = NULL;
  free (ord);
  free (dir);
  return both;
}

size_t
eis_arrhenius_repeated_T (const char *what, const double *T, const double *sigma,
                          const double *se, const int *branch, size_t n, char *out, size_t len)
{
  size_t k = 0, w = 0;
  int hc = 0;
  char list[480] = "";
  double prev_T = NAN;
  if (out && len)
    out[0] = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      {
        if (!(fabs (T[i] - T[j]) < 0.5) || !(sigma[i] > 0) || !(sigma[j] > 0))
          continue;
        double e2 = (isfinite (se[i]) ? se[i] * se[i] : 0) + (isfinite (se[j]) ? se[j] * se[j]
                                                                               : 0);
        if (!(e2 > 0))
          continue;
        double z = fabs (sigma[i] - sigma[j]) / sqrt (e2);
        if (!(z > 3))
          continue;
        if (fabs (T[i] - prev_T) < 0.5)
          continue;                         /* one entry per temperature */
        prev_T = T[i];
        int bi = branch ? branch[i] : 0, bj = branch ? branch[j] : 0;
        int pair = bi && bj && bi != bj;
        hc |= pair;
        double hi = bi == EIS_BRANCH_HEATING ? sigma[i] : sigma[j];
        double lo = bi == EIS_BRANCH_HEATING ? sigma[j] : sigma[i];
        if (!pair)
          hi = fmax (sigma[i], sigma[j]), lo = fmin (sigma[i], sigma[j]);
        int m = snprintf (list + w, sizeof list - w, "%s%.2f degC (%s%+.2g %%, %.1f s.e.)",
                          k ? "; " : "", T[i] - 273.15, pair ? "cooling against heating "
                          : "", 100 * (pair ? (lo - hi) / hi : (hi - lo) / lo), z);
        if (m > 0 && (size_t) m < sizeof list - w)
          w += (size_t) m;
        k++;
      }
  if (k && out && len)
    snprintf (out, len, "%s: %s at the same temperature: %s; %s", what,
              hc ? "heating and cooling differ" : "spectra differ", list,
              hc ? "hysteresis? One law through both branches fits neither: fit each branch "
                   "alone" : "hysteresis or drift? Look at the order they were measured in");
  return k;
}
