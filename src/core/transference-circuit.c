/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One circuit for the spectra before and after a Bruce-Vincent hold (see eis_bv_common_circuit
 * in transference.h): R0 and Rss from one model, so that their difference is the interface's. */
#include <config.h>
#include "transference.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int
eis_bv_fit_sound (const EisCircuit *c, const EisFitResult *r)
{
  if (c == NULL || r == NULL || r->status != EIS_FIT_CONVERGED || r->choice_doubtful
      || eis_fit_admissible (c, r, NULL, 0) != 0)
    return 0;
  for (size_t k = 0; k < r->n_params; k++)
    if (!r->fixed[k] && (!(r->stderr_[k] < fabs (r->value[k])) || r->at_bound[k] < 0))
      return 0;
  return 1;
}

void
eis_bv_common_circuit_clear (EisBVCommonCircuit *cc)
{
  if (cc == NULL)
    return;
  eis_circuit_free (cc->circuit);
  eis_fit_result_free (cc->fit);
  memset (cc, 0, sizeof *cc);
  cc->bic_before = cc->bic_after = INFINITY;
}

/* SIDE's spectrum fitted with the circuit of text TEXT, with SIDE's options but the engine's
 * starting values, into *C and *R. A status; on an error *C and *R stay NULL. */
static int
refit (const EisBVCircuitSide *side, const char *text, EisCircuit **c, EisFitResult **r,
       EisError *err)
{
  EisFitOptions o = *side->opt;
  int st;

  *c = NULL;
  *r = NULL;
  o.init = NULL;
  o.fixed = NULL;
  o.lower = NULL;
  o.upper = NULL;
  if ((st = eis_circuit_parse (text, c, err)) != EIS_OK)
    return st;
  if ((st = eis_fit_run (*c, side->spectrum, &o, r, err)) != EIS_OK)
    {
      eis_circuit_free (*c);
      *c = NULL;
    }
  return st;
}

int
eis_bv_common_circuit (const EisBVCircuitSide *before, const EisBVCircuitSide *after,
                       EisBVCommonCircuit *out, EisError *err)
{
  memset (out, 0, sizeof *out);
  eis_bv_common_circuit_clear (out);
  snprintf (out->circuit_before, sizeof out->circuit_before, "%s",
            eis_circuit_text (before->circuit));
  snprintf (out->circuit_after, sizeof out->circuit_after, "%s",
            eis_circuit_text (after->circuit));
  out->user_before = before->user_circuit != 0;
  out->user_after = after->user_circuit != 0;
  if (strcmp (out->circuit_before, out->circuit_after) == 0)
    return EIS_OK;   /* SAME */
  if (out->user_before && out->user_after)
    {
      out->choice = EIS_BV_CIRCUIT_USER;
      return EIS_OK;
    }
  EisError e = { 0 };
  int st;
  if (out->user_before || out->user_after)
    {
      /* the user's circuit for both, as --circuit gives it to both */
      const EisBVCircuitSide *redo = out->user_before ? after : before;
      const char *text = out->user_before ? out->circuit_before : out->circuit_after;
      st = refit (redo, text, &out->circuit, &out->fit, &e);
      if (st == EIS_ERR_NOMEM)
        return eis_error_set (err, st, "%s", e.message);
      out->choice = st != EIS_OK ? EIS_BV_CIRCUIT_APART
                    : out->user_before ? EIS_BV_CIRCUIT_BEFORE : EIS_BV_CIRCUIT_AFTER;
      return EIS_OK;
    }
  /* each spectrum with the other's circuit: before with after's (b_a), after with before's */
  EisCircuit *c_ba = NULL, *c_ab = NULL;
  EisFitResult *f_ba = NULL, *f_ab = NULL;
  int s1 = refit (before, out->circuit_after, &c_ba, &f_ba, &e);
  int s2 = s1 == EIS_ERR_NOMEM ? s1 : refit (after, out->circuit_before, &c_ab, &f_ab, &e);
  if (s1 == EIS_ERR_NOMEM || s2 == EIS_ERR_NOMEM)
    {
      eis_circuit_free (c_ba), eis_circuit_free (c_ab);
      eis_fit_result_free (f_ba), eis_fit_result_free (f_ab);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  out->sound_before = eis_bv_fit_sound (before->circuit, before->fit) && s2 == EIS_OK
                      && eis_bv_fit_sound (c_ab, f_ab);
  out->sound_after = eis_bv_fit_sound (after->circuit, after->fit) && s1 == EIS_OK
                     && eis_bv_fit_sound (c_ba, f_ba);
  out->bic_before = out->sound_before ? before->fit->bic + f_ab->bic : INFINITY;
  out->bic_after = out->sound_after ? f_ba->bic + after->fit->bic : INFINITY;
  if (!out->sound_before && !out->sound_after)
    out->choice = EIS_BV_CIRCUIT_APART;
  else if (out->bic_before <= out->bic_after)
    {
      /* the side whose circuit loses takes its fit with the other's */
      out->choice = EIS_BV_CIRCUIT_BEFORE;
      out->circuit = c_ab, out->fit = f_ab;
      c_ab = NULL, f_ab = NULL;
    }
  else
    {
      out->choice = EIS_BV_CIRCUIT_AFTER;
      out->circuit = c_ba, out->fit = f_ba;
      c_ba = NULL, f_ba = NULL;
    }
  eis_circuit_free (c_ba), eis_circuit_free (c_ab);
  eis_fit_result_free (f_ba), eis_fit_result_free (f_ab);
  return EIS_OK;
}

void
eis_bv_common_circuit_text (const EisBVCommonCircuit *cc, const char *before,
                            const char *after, const char *advice, char *buf, size_t len)
{
  const char *cb = cc->circuit_before, *ca = cc->circuit_after;
  const char *models = "R_int,0 and R_int,ss come from different models, and their change (and "
                       "t+) partly from the models";
  int keep_b = cc->choice == EIS_BV_CIRCUIT_BEFORE;

  if (len == 0)
    return;
  buf[0] = '\0';
  switch (cc->choice)
    {
    case EIS_BV_CIRCUIT_SAME:
      break;
    case EIS_BV_CIRCUIT_USER:
      snprintf (buf, len, "%s and %s were fitted with different circuits (%s and %s), both "
                "chosen: %s; %s", before, after, cb, ca, models, advice);
      break;
    case EIS_BV_CIRCUIT_APART:
      if (cc->user_before || cc->user_after)
        snprintf (buf, len, "the circuit chosen for %s, %s, could not be fitted to %s (%s by "
                  "the automatic choice): %s; %s", cc->user_before ? before : after,
                  cc->user_before ? cb : ca, cc->user_before ? after : before,
                  cc->user_before ? ca : cb, models, advice);
      else
        snprintf (buf, len, "the automatic choice picked %s for %s and %s for %s, and neither "
                  "fits both soundly: %s; %s", cb, before, ca, after, models, advice);
      break;
    case EIS_BV_CIRCUIT_BEFORE:
    case EIS_BV_CIRCUIT_AFTER:
      if (cc->user_before || cc->user_after)
        snprintf (buf, len, "%s was fitted with %s (chosen) and %s with %s (the automatic "
                  "choice): both are fitted with the circuit chosen, so that R_int,0 and "
                  "R_int,ss come from one model (%s)", keep_b ? before : after,
                  keep_b ? cb : ca, keep_b ? after : before, keep_b ? ca : cb, advice);
      else
        snprintf (buf, len, "the automatic choice picked %s for %s and %s for %s: both are "
                  "fitted with %s, whose two fits have the lower summed BIC (%.1f against "
                  "%.1f%s), so that R_int,0 and R_int,ss come from one model (%s)", cb, before,
                  ca, after, keep_b ? cb : ca, keep_b ? cc->bic_before : cc->bic_after,
                  keep_b ? cc->bic_after : cc->bic_before,
                  (keep_b ? cc->sound_after : cc->sound_before) ? "" : ": not sound for both",
                  advice);
      break;
    }
}
