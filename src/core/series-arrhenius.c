/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Arrhenius analysis of a fitted series (see series-arrhenius.h). */
#include <config.h>

#include "series-arrhenius.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
