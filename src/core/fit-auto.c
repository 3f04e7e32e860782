/* The default circuit: when the user names none, fit the usual models of a pellet between
 * blocking electrodes (with a series inductance when the leads show one, and Randles-type
 * circuits with a diffusion element when the low-frequency tail is flatter than a blocking
 * electrode's) and keep the one the Bayesian information criterion prefers (Schwarz, Ann.
 * Statist. 6 (1978) 461), among converged, admissible fits whose parameters all have a
 * relative standard error below 100 %. */
#include "fit.h"
#include "fit-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const eis_fit_default_circuits[] = {
  "R0-CPE1",                          /* no arc in range: intercept + electrode spike */
  "R0-p(R1,CPE1)",                    /* one arc, no spike in range */
  "R0-p(R1,CPE1)-CPE2",               /* one arc + electrode */
  "R0-p(R1,CPE1)-p(R2,CPE2)",         /* two arcs */
  "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3",    /* bulk + grain boundary + electrode */
  "p(R1,CPE1)-CPE2",                  /* bulk arc in range, negligible leads */
  "p(R1,CPE1)-p(R2,CPE2)-CPE3",       /* bulk and grain-boundary arcs, negligible leads */
  "p(R1,C1)-p(R2,CPE2)-CPE3",         /* the same with an ideal geometric (bulk) capacitance, */
  "p(R1,C1)-CPE2",                    /* determined even when the bulk arc is barely in range */
  NULL
};

/* Tried besides the pellet models when the low-frequency tail is flatter than a blocking
 * electrode's: Li|electrolyte|Li cells, liquid-filled quasi-solid electrolytes, redox
 * couples. Randles (Randles, Discuss. Faraday Soc. 1 (1947) 11) with a semi-infinite,
 * transmissive or reflective finite Warburg element. */
const char *const eis_fit_diffusion_circuits[] = {
  "R0-p(CPE1,R1-W1)",
  "R0-p(R1,CPE1)-p(CPE2,R2-W2)",
  "R0-p(CPE1,R1-Ws1)",
  "R0-p(CPE1,R1-Wo1)",
  NULL
};

/* Nothing but a resistance in range (a fast conductor or a metallic contact measured above
 * its arcs): every point within 11 degrees of the real axis. Then a bare R0 is a candidate. */
static int
looks_resistive (const EisSpectrum *s)
{
  for (size_t i = 0; i < s->n; i++)
    if (fabs (s->z_im[i]) > 0.2 * hypot (s->z_re[i], s->z_im[i]))
      return 0;
  return s->n > 0;
}

/* A diffusion tail: at the lowest frequencies Z' still grows while -Z'' rises at less than
 * 70 degrees (a blocking electrode's CPE with n >= 0.8 rises at 72 degrees and more), or the
 * spectrum bends back towards the real axis (a second, diffusion-limited arc). */
int
eis_fit_looks_diffusive (const EisSpectrum *s)
{
  if (s->n < 8)
    return 0;
  size_t a = 0, b = 3;   /* the lowest frequency, and the fourth lowest */
  double dre = s->z_re[a] - s->z_re[b], dim = -s->z_im[a] + s->z_im[b];
  if (!(dre > 0))
    return 0;
  return atan2 (dim, dre) < 70 * M_PI / 180;
}

/* An inductive high-frequency tail (leads) shows as Z'' > 0 at the top frequencies. */
int
eis_fit_looks_inductive (const EisSpectrum *s)
{
  size_t n = s->n, pos = 0, m = n < 3 ? n : 3;
  for (size_t i = n - m; i < n; i++)
    if (s->z_im[i] > 0 && s->z_im[i] > 1e-3 * hypot (s->z_re[i], s->z_im[i]))
      pos++;
  return pos >= 2;
}

/* Every free parameter has a finite standard error below its value and is off its lower bound:
 * a CPE whose exponent ran to 0 is a resistor, an R that ran to 0 a short, and the model then
 * is a smaller one in disguise. (Strong correlation alone, usual between a CPE's Q and n, does
 * not disqualify a model; an exponent at its upper bound 1 is an ideal capacitor, allowed.) */
enum { FIT_OK = 0, FIT_UNDETERMINED, FIT_DEGENERATE, FIT_INADMISSIBLE };

static int
fit_verdict (const EisCircuit *c, const EisSpectrum *s, const EisFitResult *r)
{
  /* A series resistance that has run to (nearly) zero is a model without it, not an
   * undetermined one: below 2 % of the smallest Z' it does not count. */
  double zmin = INFINITY;
  for (size_t i = 0; i < s->n; i++)
    if (s->z_re[i] > 0)
      zmin = fmin (zmin, s->z_re[i]);
  const EisNode *root = eis_circuit_root (c);
  for (size_t k = 0; k < r->n_params; k++)
    {
      if (r->fixed[k] || (r->stderr_[k] < fabs (r->value[k]) && r->at_bound[k] >= 0))
        continue;
      int series_r = 0;
      for (size_t i = 0; root->type == EIS_NODE_SERIES && i < root->n_children; i++)
        {
          const EisNode *nd = root->children[i];
          if (nd->type == EIS_NODE_ELEMENT && nd->kind == EIS_ELEM_R && nd->param_offset == k)
            series_r = 1;
        }
      if (series_r && isfinite (zmin) && r->value[k] < 0.02 * zmin)
        continue;
      return r->at_bound[k] < 0 ? FIT_DEGENERATE : FIT_UNDETERMINED;
    }
  return FIT_OK;
}

int
eis_fit_auto (const EisSpectrum *s, const EisFitOptions *opt, EisCircuit **circuit,
              EisFitResult **out, char *why, size_t why_len, EisError *err)
{
  *circuit = NULL;
  *out = NULL;
  EisFitOptions defaults;
  eis_fit_options_init (&defaults);
  if (opt == NULL)
    opt = &defaults;
  /* The shape tests look at the points the fit will use. */
  EisSpectrum *u = eis_fit_used_points (s, opt);
  if (u == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  int inductive = eis_fit_looks_inductive (u), diffusive = eis_fit_looks_diffusive (u);
  int resistive = looks_resistive (u);
  eis_spectrum_free (u);
  EisCircuit *best_c = NULL;
  EisFitResult *best_r = NULL;
  int best_ok = 0, best_rank = 0;
  char first_inadmissible[700] = "";
  char summary[2048] = "";
  size_t used = 0;
  int status = EIS_OK;
  EisError last = { 0 };
  /* The pellet models, the diffusion models when the tail calls for them, then (without an
   * inductive tail) the best of them once more with a series inductance: the leads may bias
   * the intercept before Z'' turns positive, and BIC says whether L is worth its parameter. */
  const char *bases[32];
  size_t n_bases = 0;
  if (resistive)
    bases[n_bases++] = "R0";
  for (size_t i = 0; eis_fit_default_circuits[i]; i++)
    bases[n_bases++] = eis_fit_default_circuits[i];
  for (size_t i = 0; diffusive && eis_fit_diffusion_circuits[i]; i++)
    bases[n_bases++] = eis_fit_diffusion_circuits[i];
  char best_text[128] = "";
  for (size_t i = 0; i <= n_bases; i++)
    {
      char text[128];
      if (i < n_bases)
        snprintf (text, sizeof text, "%s%s", inductive ? "L0-" : "", bases[i]);
      else if (!inductive && best_text[0])
        snprintf (text, sizeof text, "L0-%s", best_text);
      else
        break;
      EisCircuit *c = NULL;
      if ((status = eis_circuit_parse (text, &c, err)) != EIS_OK)
        return status;
      /* A quick look at each candidate (two starts); the winner is refined below. */
      EisFitOptions o = *opt;
      o.init = NULL;
      o.fixed = NULL;
      o.lower = NULL;
      o.upper = NULL;
      o.n_starts = opt->n_starts > 0 && opt->n_starts < 4 ? opt->n_starts : 4;
      o.max_iter = opt->max_iter > 0 && opt->max_iter < 100 ? opt->max_iter : 100;
      EisFitResult *r = NULL;
      if (eis_fit_run (c, s, &o, &r, &last) != EIS_OK)
        {
          eis_circuit_free (c);
          if (last.code == EIS_ERR_NOMEM)
            return eis_error_set (err, last.code, "%s", last.message);
          continue;   /* e.g. too few points for the larger models */
        }
      int verdict = fit_verdict (c, s, r);
      char adm_why[512];
      int admissible = eis_fit_admissible (c, r, adm_why, sizeof adm_why) == 0;
      if (!admissible)
        verdict = FIT_INADMISSIBLE;
      int ok = r->status == EIS_FIT_CONVERGED && verdict == FIT_OK;
      /* Admissible, converged and determined first; then admissible; an inadmissible fit
       * is never the answer. */
      int rank = ok ? 2 : admissible ? 1 : 0;
      if (rank == 0 && best_r == NULL && !first_inadmissible[0])
        snprintf (first_inadmissible, sizeof first_inadmissible, "%s: %s", text, adm_why);
      /* The first violation, short: up to its ": reason" ("CPE2_n = 0.0086 is below 0.4"). */
      char brief[160] = "";
      if (!admissible)
        {
          const char *colon = strstr (adm_why, ": ");
          snprintf (brief, sizeof brief, " (inadmissible: %.*s)",
                    (int) (colon ? (size_t) (colon - adm_why) : strlen (adm_why)), adm_why);
          for (char *q = brief; (q = strstr (q, ", ")) != NULL;)
            *q = ';';   /* ", " separates the candidates */
        }
      if (used < sizeof summary)
        used += (size_t) snprintf (summary + used, sizeof summary - used, "%s%s %.1f%s",
                                   used ? ", " : "", text, r->bic,
                                   ok ? "" : verdict == FIT_DEGENERATE ? " (degenerate)"
                                   : verdict == FIT_INADMISSIBLE ? brief
                                   : verdict == FIT_OK ? " (not converged)"
                                   : " (not determined)");
      int better = rank > 0 && (best_r == NULL || rank > best_rank
                                || (rank == best_rank && r->bic < best_r->bic));
      if (better)
        {
          snprintf (best_text, sizeof best_text, "%s", text);
          eis_circuit_free (best_c);
          eis_fit_result_free (best_r);
          best_c = c;
          best_r = r;
          best_ok = ok;
          best_rank = rank;
        }
      else
        {
          eis_circuit_free (c);
          eis_fit_result_free (r);
        }
    }
  if (best_r == NULL && first_inadmissible[0])
    return eis_error_set (err, EIS_ERR_FIT, "%s: no candidate circuit fits within the physical "
                          "range of its elements (e.g. %s); give a circuit with --circuit "
                          "(BIC: %s)", s->source ? s->source : "(data)", first_inadmissible,
                          summary);
  if (best_r == NULL)
    return eis_error_set (err, last.code ? last.code : EIS_ERR_FIT, "%s",
                          last.code ? last.message : "no default circuit could be fitted");
  /* Refine the winner with the full number of starts, beginning where the quick fit ended. */
  {
    EisFitOptions o = *opt;
    o.init = best_r->value;
    o.fixed = NULL;
    o.lower = NULL;
    o.upper = NULL;
    EisFitResult *r = NULL;
    if (eis_fit_run (best_c, s, &o, &r, &last) == EIS_OK
        && (r->chi2 < best_r->chi2 * (1 - 1e-9)
            || (r->status == EIS_FIT_CONVERGED && best_r->status != EIS_FIT_CONVERGED)))
      {
        eis_fit_result_free (best_r);
        best_r = r;
      }
    else
      eis_fit_result_free (r);
  }
  if (why)
    snprintf (why, why_len, "picked %s by lowest BIC%s (BIC: %s)", eis_circuit_text (best_c),
              best_ok ? " among converged, admissible fits whose parameters all have relative "
              "errors below 100 % and none on its lower bound"
              : " although no candidate was converged, determined and admissible: its values "
              "are not to be trusted", summary);
  *circuit = best_c;
  *out = best_r;
  return EIS_OK;
}
