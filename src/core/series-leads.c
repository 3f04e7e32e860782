/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The lead resistance of a temperature series: the alternative "a resistance in series with the
 * whole circuit, shared by every spectrum (independent of temperature)" tested against the
 * series' own circuit inside the temperature law's joint fit. */
#include "series.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
eis_series_leads_test_init (EisSeriesLeadsTest *t)
{
  memset (t, 0, sizeof *t);
  t->delta_bic = t->delta_bic_zero = t->R = t->R_se = t->Ea_without_eV = t->Ea_without_se_eV = NAN;
}

/* Takes the test's outcome into the sharing tests of F (the group NAME's entry, or a new one). */
static void
record (EisSeriesFit *f, const EisSeriesLeadsTest *t, const EisGlobalFit *with,
        const EisGlobalFit *without)
{
  EisSeriesShareTest *st = NULL;
  for (size_t i = 0; i < f->n_share_tests && !st; i++)
    if (strcmp (f->share_tests[i].names, t->name) == 0)
      st = &f->share_tests[i];
  if (st == NULL && f->n_share_tests < EIS_SERIES_MAX_SHARE_TESTS)
    st = &f->share_tests[f->n_share_tests++];
  if (st == NULL)
    return;
  memset (st, 0, sizeof *st);
  snprintf (st->names, sizeof st->names, "%s", t->name);
  st->alternative = EIS_SHARE_ABSENT;
  st->delta_bic = -t->delta_bic;
  st->chi2_shared = with->reduced_chi2;
  st->chi2_free = without->reduced_chi2;
  st->S_shared = with->chi2;
  st->S_free = without->chi2;
  st->extra_params = -1;
  st->accepted = t->accepted;
}

int
eis_series_leads_test (const EisSpectrumSeries *s, EisSeriesFitOptions *sopt,
                       const char *const *shared, size_t n_shared, const EisGlobalOptions *go,
                       EisSeriesFit **sf, EisGlobalFit **joint, EisGlobalFit **gf,
                       EisSeriesLeadsTest *t, EisError *err)
{
  eis_series_leads_test_init (t);
  const EisCircuit *c = (*sf)->circuit;
  if (go->law == EIS_GLOBAL_FREE || *gf == NULL)
    {
      snprintf (t->why, sizeof t->why, "no temperature law in the fit");
      return EIS_OK;
    }
  if (sopt->fit.init || sopt->fit.fixed || sopt->fit.lower || sopt->fit.upper)
    {
      snprintf (t->why, sizeof t->why, "starts, bounds or fixed values given for the circuit");
      return EIS_OK;
    }
  if (n_shared >= 32)
    {
      snprintf (t->why, sizeof t->why, "too many shared parameters");
      return EIS_OK;
    }
  long lead = eis_circuit_series_resistance (c, NULL);
  if (lead < 0)
    {
      /* The spectra show no intercept before the first arc: a lead resistance put in front
       * would be read from the temperature law's curvature alone, which a conductivity of
       * VTF form gives too (an Arrhenius fit of VTF data took an invented 16 Ohm of leads
       * at Delta BIC 82). */
      snprintf (t->why, sizeof t->why, "the circuit has no series resistance (its spectra show "
                "no intercept before the first arc): a lead resistance would be read from the "
                "temperature law's curvature alone; give one with --leads, or a circuit with "
                "R0");
      return EIS_OK;
    }
  if (eis_series_fit_leads (*sf, s) >= 0)
    {
      snprintf (t->why, sizeof t->why, "%s is shared already (the leads)",
                eis_circuit_param_name (c, (size_t) lead));
      return EIS_OK;
    }
  /* a series resistance that is the bulk (no bulk arc) holds leads and electrolyte in one
   * number in every spectrum: the law cannot tell them apart there */
  size_t n_int = 0, n_fit = 0;
  for (size_t j = 0; lead >= 0 && j < (*sf)->n; j++)
    if ((*sf)->fits[j])
      {
        n_fit++;
        for (size_t a = 0; a < (*sf)->cond[j].n_arcs; a++)
          n_int += (*sf)->cond[j].arcs[a].role == EIS_ROLE_INTERCEPT
                   && (*sf)->cond[j].arcs[a].r_index == lead;
      }
  if (lead >= 0 && 2 * n_int > n_fit)
    {
      snprintf (t->why, sizeof t->why, "the bulk is the high-frequency intercept %s (no bulk "
                "arc): leads and electrolyte are one resistance there; measure the leads with "
                "the cell short-circuited and give them (--leads)",
                eis_circuit_param_name (c, (size_t) lead));
      return EIS_OK;
    }
  if (lead >= 0)
    {
      snprintf (t->name, sizeof t->name, "%s", eis_circuit_param_name (c, (size_t) lead));
      snprintf (t->circuit, sizeof t->circuit, "%s", eis_circuit_text (c));
    }
  else
    {
      const char *names[] = { "R0", "Rlead", "R99" };
      for (size_t i = 0; i < 3 && !t->name[0]; i++)
        if (eis_circuit_param_index (c, names[i]) < 0)
          snprintf (t->name, sizeof t->name, "%s", names[i]);
      if ((size_t) snprintf (t->circuit, sizeof t->circuit, "%s-%s", t->name,
                             eis_circuit_text (c)) >= sizeof t->circuit)
        {
          snprintf (t->why, sizeof t->why, "the circuit is too long");
          return EIS_OK;
        }
    }
  for (size_t i = 0; i < n_shared; i++)
    if (strcmp (shared[i], t->name) == 0)
      {
        snprintf (t->why, sizeof t->why, "%s is shared already", t->name);
        return EIS_OK;
      }
  t->tested = 1;

  EisSeriesFitOptions so2 = *sopt;
  so2.circuit = t->circuit;
  const char *sh2[33];
  for (size_t i = 0; i < n_shared; i++)
    sh2[i] = shared[i];
  sh2[n_shared] = t->name;
  EisGlobalOptions go2 = *go;
  go2.shared = sh2;
  go2.n_shared = n_shared + 1;
  EisSeriesFit *sf2 = NULL;
  EisGlobalFit *joint2 = NULL, *gf2 = NULL;
  EisError e = { 0 };
  int st = eis_series_fit (s, &so2, &sf2, &e);
  if (st == EIS_OK)
    st = eis_series_fit_joint (sf2, s, &so2, sh2, n_shared + 1, &joint2, &e);
  if (st == EIS_OK)
    st = eis_series_global_fit (s, &so2, sf2, &go2, &gf2, &e);
  if (st == EIS_ERR_NOMEM)
    {
      eis_series_fit_free (sf2);
      eis_global_fit_free (joint2);
      eis_global_fit_free (gf2);
      return eis_error_set (err, st, "%s", e.message);
    }
  long k = sf2 && st == EIS_OK ? eis_circuit_param_index (sf2->circuit, t->name) : -1;
  if (st != EIS_OK || k < 0 || joint2 == NULL || !joint2->converged || !gf2->converged)
    snprintf (t->why, sizeof t->why, "the fit with %s shared could not be made: %.150s",
              t->name, st != EIS_OK ? e.message : gf2 && !gf2->converged ? gf2->message
              : joint2 && !joint2->converged ? joint2->message : "no joint fit");
  else
    {
      t->R = gf2->value[k];
      t->R_se = gf2->stderr_[k];
      t->delta_bic = (*gf)->bic - gf2->bic;
      t->Ea_without_eV = (*gf)->laws[0].Ea_eV;
      t->Ea_without_se_eV = (*gf)->laws[0].Ea_se_eV;
      /* The fit "without" keeps the series resistance free in each spectrum: sharing it saves
       * n - 1 unknowns, so its BIC drops by about (n - 1) ln M whatever the leads are (tester
       * 8's F6: R0 = 1.13 +- 0.98 Ohm, truth 0, "accepted" at Delta BIC 17.5). The other
       * alternative is no lead resistance at all: R0 = 0, one unknown fewer, and a chi2
       * larger by the Wald statistic (R/R_se)^2 in units of the noise (which the joint
       * covariance is scaled to; the likelihood-ratio statistic's asymptotic equal, Wald
       * 1943). The data ask for the leads only when their BIC is lower than both by more than
       * the threshold: R0 some 4 standard errors from 0. */
      double M = (double) (gf2->dof + (long) gf2->n_free);
      double z = t->R_se > 0 ? t->R / t->R_se : NAN;
      t->delta_bic_zero = isfinite (z) && t->R > 0 ? z * z - log (M) : NAN;
      t->accepted = t->delta_bic > EIS_SERIES_SHARE_DBIC && t->R > 0 && t->R_se < t->R
                    && t->delta_bic_zero > EIS_SERIES_SHARE_DBIC;
      if (t->accepted)
        t->why[0] = 0;
      else if (!(t->delta_bic > EIS_SERIES_SHARE_DBIC))
        snprintf (t->why, sizeof t->why, "the BIC is not lower by more than the threshold");
      else if (t->R > 0 && isfinite (z))
        snprintf (t->why, sizeof t->why, "%s = %.3g +- %.2g Ohm, %.1f standard errors from "
                  "zero: no lead resistance found (without one the BIC is %s by %.1f)",
                  t->name, t->R, t->R_se, z, t->delta_bic_zero < 0 ? "lower" : "higher",
                  fabs (t->delta_bic_zero));
      else
        snprintf (t->why, sizeof t->why, "the lead resistance is not determined (%s = %.3g +- "
                  "%.2g Ohm)", t->name, t->R, t->R_se);
    }
  if (!t->accepted)
    {
      if (t->tested && isfinite (t->delta_bic))
        record (*sf, t, gf2, *gf);
      eis_series_fit_free (sf2);
      eis_global_fit_free (joint2);
      eis_global_fit_free (gf2);
      return EIS_OK;
    }
  /* The leads are the series' now: the fits with them replace the ones without. The joint
   * fit shared the name as if given: it was not, so no "--shared" warning stays; nor its
   * value of the lead resistance without the law (the law's fit is said below). */
  size_t w = 0, nl = strlen (t->name);
  for (size_t i = 0; i < sf2->n_warnings; i++)
    if (!(strncmp (sf2->warnings[i], "--shared ", 9) == 0
          && strncmp (sf2->warnings[i] + 9, t->name, nl) == 0)
        && !(strncmp (sf2->warnings[i], t->name, nl) == 0
             && strncmp (sf2->warnings[i] + nl, " = ", 3) == 0))
      memmove (sf2->warnings[w++], sf2->warnings[i], sizeof sf2->warnings[0]);
  sf2->n_warnings = w;
  record (sf2, t, gf2, *gf);
  size_t nw = sizeof sf2->warnings / sizeof sf2->warnings[0];
  if (sf2->n_warnings < nw)
    snprintf (sf2->warnings[sf2->n_warnings++], sizeof sf2->warnings[0], "a lead resistance "
              "%s = %.4g +- %.2g Ohm, in series with the whole circuit and shared by all "
              "temperatures, was added to the circuit (%s): with it the BIC of the fit with the "
              "temperature law is lower by %.1f (> %.0f); it is the leads and cell holder, left "
              "out of R_bulk and sigma (without it Ea = %.4f +- %.4f eV, biased by the leads)",
              t->name, t->R, t->R_se, t->circuit, t->delta_bic, EIS_SERIES_SHARE_DBIC,
              t->Ea_without_eV, t->Ea_without_se_eV);
  eis_series_fit_free (*sf);
  eis_global_fit_free (*joint);
  eis_global_fit_free (*gf);
  *sf = sf2;
  *joint = joint2;
  *gf = gf2;
  sopt->circuit = t->circuit;
  return EIS_OK;
}
