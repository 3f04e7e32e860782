/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The default circuit: when the user names none, fit the usual models of a pellet between
 * blocking electrodes (with a series inductance when the leads show one, and Randles-type
 * circuits with a diffusion element when the low-frequency tail is flatter than a blocking
 * electrode's) and keep the one the Bayesian information criterion prefers (Schwarz, Ann.
 * Statist. 6 (1978) 461), among converged, admissible fits whose parameters all have a
 * relative standard error below 100 %.
 *
 * The candidates are seeded by one coarse distribution of relaxation times of the spectrum
 * (its arcs' R and tau, R_inf, the low-frequency CPE and the inductance; fit-guess.c): it
 * says how many arcs the data hold, so only the circuits with about that many arcs are fitted
 * (the others when none of those fits), each from one start built from the same distribution;
 * several starts only where that one fails and the candidate could still win. */
#include "fit.h"
#include "fit-private.h"
#include "conductivity.h"

#include <ctype.h>
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
  "p(R1,CPE1)",                       /* one arc alone: negligible leads, no electrode in range */
  "p(R1,C1)-p(R2,CPE2)-p(R3,CPE3)",   /* bulk (apex at or above the top), grain boundary and an
                                       * interface closing on the real axis: a Li|garnet|Li
                                       * cell. R0 cannot stand for a bulk arc whose foot shows
                                       * at the top (1 MHz against a 7.5 MHz apex: -Z'' 110 Ohm
                                       * of 849), and a bulk CPE is not determined there */
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

/* Nothing but a resistance in range, with or without the leads' inductance (a fast conductor
 * or a metallic contact measured above its arcs, a cable or a short circuit): no point more
 * than 11 degrees below the real axis (an inductance lifts the top points above it, by up to
 * 90 degrees where omega L exceeds R). Then a bare R0 is a candidate, and L0-R0 with the
 * inductance (F2 of the testers' findings: a short circuit measured to 7 MHz, omega L up to
 * 17 times R, had no circuit without an arc among the candidates). */
static int
looks_resistive (const EisSpectrum *s)
{
  for (size_t i = 0; i < s->n; i++)
    if (-s->z_im[i] > 0.2 * hypot (s->z_re[i], s->z_im[i]))
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

/* An inductive high-frequency tail (leads) shows as Z'' > 0 at the top frequencies: at two of
 * the top three, and at one of them above INDUCTIVE_ABOVE_NOISE of |Z|. A spectrum measured
 * decades above its last arc lies on the real axis there, and noise of 0.5 % of |Z| alone put
 * Z'' above 0.1 % of |Z| at two of three points in a third of such spectra: every candidate
 * then carried an inductance the data do not show (an undetermined L0, or L0 in place of the
 * series resistance). Below this, the best candidate is still tried with an inductance, and
 * BIC decides. */
#define INDUCTIVE_ABOVE_NOISE 0.01

int
eis_fit_looks_inductive (const EisSpectrum *s)
{
  size_t n = s->n, pos = 0, m = n < 3 ? n : 3;
  int clear = 0;
  for (size_t i = n - m; i < n; i++)
    {
      double mod = hypot (s->z_re[i], s->z_im[i]);
      if (s->z_im[i] > 0 && s->z_im[i] > 1e-3 * mod)
        pos++;
      clear |= s->z_im[i] > INDUCTIVE_ABOVE_NOISE * mod;
    }
  return pos >= 2 && clear;
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

/* The series resistance that fit_verdict let pass because it ran below 2 % of the smallest
 * Z' (undetermined or on its lower bound), as "R0 = 0 Ohm", into BUF; "" when none. */
static void
negligible_series_r (const EisCircuit *c, const EisSpectrum *s, const EisFitResult *r,
                     char *buf, size_t cap)
{
  buf[0] = '\0';
  double zmin = INFINITY;
  for (size_t i = 0; i < s->n; i++)
    if (s->z_re[i] > 0)
      zmin = fmin (zmin, s->z_re[i]);
  const EisNode *root = eis_circuit_root (c);
  for (size_t i = 0; root->type == EIS_NODE_SERIES && i < root->n_children; i++)
    {
      const EisNode *nd = root->children[i];
      size_t k = nd->param_offset;
      if (nd->type != EIS_NODE_ELEMENT || nd->kind != EIS_ELEM_R || r->fixed[k]
          || (r->stderr_[k] < fabs (r->value[k]) && r->at_bound[k] >= 0))
        continue;
      if (isfinite (zmin) && r->value[k] < 0.02 * zmin)
        {
          /* below a billionth of Z' it is 0 (where a fit ran it down to 1e-133 or to 0
           * depends on which start it came from) */
          snprintf (buf, cap, "%s = %.3g Ohm", nd->label,
                    r->value[k] < 1e-9 * zmin ? 0.0 : r->value[k]);
          return;
        }
    }
}

/* The arcs of a candidate: its top-level parallel groups and Zarc elements. */
static size_t
candidate_arcs (const EisCircuit *c)
{
  const EisNode *root = eis_circuit_root (c);
  const EisNode *const *items = (const EisNode *const *) root->children;
  size_t n_items = root->n_children, n = 0;
  if (root->type != EIS_NODE_SERIES)
    {
      items = &root;
      n_items = 1;
    }
  for (size_t i = 0; i < n_items; i++)
    n += items[i]->type == EIS_NODE_PARALLEL
         || (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_ZARC);
  return n;
}

/* 1 when a candidate has a capacitive element in series (C or CPE: the blocking electrode's
 * tail). */
static int
candidate_tail (const EisCircuit *c)
{
  const EisNode *root = eis_circuit_root (c);
  if (root->type != EIS_NODE_SERIES)
    return 0;
  for (size_t i = 0; i < root->n_children; i++)
    {
      const EisNode *nd = root->children[i];
      if (nd->type == EIS_NODE_ELEMENT && (nd->kind == EIS_ELEM_C || nd->kind == EIS_ELEM_CPE))
        return 1;
    }
  return 0;
}

/* What the distribution says about the spectrum, for choosing the candidates (fit-private.h):
 * its arcs (eis_fit_lobe_is_arc), and the low-frequency
 * end: a blocking electrode's tail (phase below -60 degrees, -Z'' rising as omega^-n with
 * n >= 0.6) or an end back at the real axis (phase above -15 degrees), where a series
 * capacitance has nothing to describe. */
EisFitShape
eis_fit_features_shape (const EisFitFeatures *F)
{
  EisFitShape sh = { 0, 0, 0, 0 };
  for (size_t i = 0; i < F->n_lobes; i++)
    sh.arcs += eis_fit_lobe_is_arc (F, i);
  double phase_deg = atan2 (F->zim_low, F->zre_low) * 180 / M_PI;
  sh.tail = phase_deg < -60 && F->n_low >= 0.6;
  sh.no_tail = phase_deg > -15;
  return sh;
}

/* 1 when C has a resistance in series (R0). */
static int
candidate_series_r (const EisCircuit *c)
{
  const EisNode *root = eis_circuit_root (c);
  int series_r = root->type == EIS_NODE_ELEMENT && root->kind == EIS_ELEM_R;
  for (size_t i = 0; root->type == EIS_NODE_SERIES && i < root->n_children; i++)
    series_r |= root->children[i]->type == EIS_NODE_ELEMENT
                && root->children[i]->kind == EIS_ELEM_R;
  return series_r;
}

/* The seeded start of C: the guess from the distribution F, except that a circuit without a
 * series resistance (p(R1,C1)-p(R2,CPE2)-CPE3) must give the intercept R_inf to its first
 * arc: the bulk arc whose apex lies at or above the highest frequency, of which the
 * distribution saw only the intercept. */
void
eis_fit_candidate_seed (const EisCircuit *c, const EisFitFeatures *F, double *p)
{
  if (candidate_series_r (c) || !(F->R_inf > 0) || candidate_arcs (c) == 0)
    {
      eis_fit_guess_features (c, F, 0, p);
      return;
    }
  EisFitFeatures G = *F;
  size_t n = G.n_lobes < EIS_FIT_MAX_LOBES ? G.n_lobes : EIS_FIT_MAX_LOBES - 1;
  memmove (G.lobes + 1, G.lobes, n * sizeof *G.lobes);
  G.lobes[0].R = F->R_inf;
  G.lobes[0].tau = 0.3 / F->omega_high;
  G.n_lobes = n + 1;
  G.R_inf = 0;
  eis_fit_guess_features (c, &G, 0, p);
}

/* The group in which C is tried on a spectrum of shape SH (fit-private.h). */
int
eis_fit_candidate_group (const EisCircuit *c, const EisFitShape *sh)
{
  size_t arcs = candidate_arcs (c);
  int tail = candidate_tail (c);
  int no_r0 = !candidate_series_r (c);
  /* A Li|electrolyte|Li cell without a blocking tail: the circuits with two arcs or more and
   * no series capacitance (electrolyte and interface arcs, R0-p(R1,CPE1)-p(R2,CPE2),
   * p(R1,C1)-p(R2,CPE2)-p(R3,CPE3)) at once. The distribution may count a small interface arc
   * beside the grain boundary's as none (60 Ohm beside 637 Ohm, a factor 25 apart), and a
   * one-arc circuit that folds it into the electrolyte then passed the runs test by chance
   * and ended the search: sigma_total 48 s.e. low, no R_interface, on a Li|LLZO|Li cell. */
  if (sh->li_symmetric && !sh->tail && !tail && arcs >= 2)
    return 0;
  /* (a Randles circuit's Warburg element makes a tail of its own) */
  if ((sh->tail && !tail && !strchr (eis_circuit_text (c), 'W')) || (sh->no_tail && tail))
    return 2;
  if (arcs == sh->arcs || (no_r0 && arcs == sh->arcs + 1))
    return 0;
  return arcs + 1 >= sh->arcs && arcs <= sh->arcs + 1 ? 1 : 2;
}

/* One candidate: its fit and how it is judged. */
typedef struct {
  char text[128];
  EisCircuit *c;
  EisFitResult *r;
  int verdict, admissible, ok, rank;
  int multistart;       /* fitted from several starts */
  int added_l;          /* another candidate once more with a series inductance */
  char adm_why[512];
} Candidate;

static void
candidate_clear (Candidate *k)
{
  eis_circuit_free (k->c);
  eis_fit_result_free (k->r);
  k->c = NULL;
  k->r = NULL;
}

/* Replaces K's fit by R (which it takes) and judges it: admissible, converged and determined
 * first (rank 2); then admissible (1); an inadmissible fit (0) is never the answer. */
static void
candidate_take (Candidate *k, const EisSpectrum *s, EisFitResult *r)
{
  eis_fit_result_free (k->r);
  k->r = r;
  k->verdict = fit_verdict (k->c, s, r);
  k->admissible = eis_fit_admissible (k->c, r, k->adm_why, sizeof k->adm_why) == 0;
  if (!k->admissible)
    k->verdict = FIT_INADMISSIBLE;
  k->ok = r->status == EIS_FIT_CONVERGED && k->verdict == FIT_OK;
  k->rank = k->ok ? 2 : k->admissible ? 1 : 0;
}

/* The index of a finite diffusion element's tau (Ws, Wo) in K's fit below
 * EIS_LI_SALT_TAU_MIN_S: in a Li|electrolyte|Li cell no diffusion of the salt
 * (conductivity.h), but an arc the element bends into shape; -1 when there is none. */
static long
fast_finite_diffusion (const Candidate *k)
{
  const EisFitResult *r = k->r;
  for (size_t j = 0; r && j < r->n_params; j++)
    {
      const char *nm = eis_circuit_param_name (k->c, j);
      size_t len = strlen (nm);
      if (len > 4 && nm[0] == 'W' && (nm[1] == 's' || nm[1] == 'o')
          && strcmp (nm + len - 4, "_tau") == 0 && r->value[j] < EIS_LI_SALT_TAU_MIN_S)
        return (long) j;
    }
  return -1;
}

/* 1 when every free resistance (R...) of K's fit has a relative error below 100 % and is off
 * its lower bound, or is a series resistance that ran below 2 % of S's smallest Z'. */
static int
resistances_determined (const Candidate *k, const EisSpectrum *s)
{
  const EisFitResult *r = k->r;
  double zmin = INFINITY;
  for (size_t i = 0; i < s->n; i++)
    if (s->z_re[i] > 0)
      zmin = fmin (zmin, s->z_re[i]);
  for (size_t j = 0; j < r->n_params; j++)
    {
      const char *nm = eis_circuit_param_name (k->c, j);
      if (r->fixed[j] || nm[0] != 'R' || !isdigit ((unsigned char) nm[1]))
        continue;
      if (r->stderr_[j] < fabs (r->value[j]) && r->at_bound[j] >= 0)
        continue;
      if (!(candidate_series_r (k->c) && isfinite (zmin) && r->value[j] < 0.02 * zmin))
        return 0;
    }
  return 1;
}

/* 1 when A is a better answer than B (B may be without a fit). */
static int
candidate_better (const Candidate *a, const Candidate *b)
{
  return a->r && a->rank > 0
         && (b == NULL || b->r == NULL || a->rank > b->rank
             || (a->rank == b->rank && a->r->bic < b->r->bic));
}

/* The quick look at a candidate: from SEED alone (one start), or without (NULL) from the
 * guess variants and perturbed starts, four at most, as the exhaustive search does. Errors other than memory (too few
 * points for the larger models) leave K without a fit. */
static int
candidate_fit (Candidate *k, const EisSpectrum *s, const EisFitOptions *opt, const double *seed,
               EisError *last)
{
  EisFitOptions o = *opt;
  o.init = seed;
  o.fixed = NULL;
  o.lower = NULL;
  o.upper = NULL;
  if (seed)
    o.n_starts = 1;
  else
    o.n_starts = opt->n_starts > 0 && opt->n_starts < 4 ? opt->n_starts : 4;
  k->multistart = seed == NULL;
  o.max_iter = opt->max_iter > 0 && opt->max_iter < 100 ? opt->max_iter : 100;
  EisFitResult *r = NULL;
  if (eis_fit_run (k->c, s, &o, &r, last) != EIS_OK)
    return last->code == EIS_ERR_NOMEM ? EIS_ERR_NOMEM : EIS_OK;
  /* Several starts replace the seeded fit: they are what the exhaustive search finds (whose
   * best start may be a different, admissible minimum). */
  candidate_take (k, s, r);
  return EIS_OK;
}

/* Residuals that look like noise (fit-private.h). */
int
eis_fit_clean (const EisFitResult *r)
{
  return r->status == EIS_FIT_CONVERGED && r->runs_z > -2.0;
}

/* The candidate's entry in the summary: "TEXT BIC" and why it was passed over. */
static void
summary_add (char *summary, size_t len, size_t *used, const Candidate *k)
{
  if (*used >= len)
    return;
  /* The first violation, short: up to its ": reason" ("CPE2_n = 0.0086 is below 0.4"). */
  char brief[400] = "";
  if (!k->admissible)
    {
      const char *colon = strstr (k->adm_why, ": ");
      snprintf (brief, sizeof brief, " (inadmissible: %.*s)",
                (int) (colon ? (size_t) (colon - k->adm_why) : strlen (k->adm_why)), k->adm_why);
      for (char *q = brief; (q = strstr (q, ", ")) != NULL;)
        *q = ';';   /* ", " separates the candidates */
    }
  *used += (size_t) snprintf (summary + *used, len - *used, "%s%s %.1f%s",
                              *used ? ", " : "", k->text, k->r->bic,
                              k->ok ? "" : k->verdict == FIT_DEGENERATE ? " (degenerate)"
                              : k->verdict == FIT_INADMISSIBLE ? brief
                              : k->verdict == FIT_OK ? " (not converged)"
                              : " (not determined)");
}

#define MAX_CANDIDATES 32
/* A candidate that is not clean after its seeded start gets the four starts when its BIC is
 * within this of a best answer that is not clean either (more starts lower a BIC, rarely by
 * more); below a clean best, only when it already fits better; every one when no candidate
 * is an answer yet (converged, determined, admissible). */
#define RETRY_BIC_MARGIN 10.0
/* A series inductance tried on a spectrum that is not inductive is kept when it lowers BIC by
 * more than this: "strong" evidence (Kass & Raftery, J. Am. Stat. Assoc. 90 (1995) 773).
 * Measured over 10 to 15 decades, the top points lie on the real axis, and an L0 fitted to
 * their noise lowered BIC by 0.2 to 5; where the leads show, it lowers BIC by 20 and more. */
#define ADDED_L_BIC_MARGIN 6.0

/* The leads' inductance: cables and cell holders add 0.1 to 1 uH in series (SCIENCE.md, "Lead
 * inductance"). Where even the smallest, LEADS_L_MIN_H, gives omega L at the top frequency
 * above twice the noise there (eis_fit_inductance_shows), the data cannot tell the inductance from the intercept and the fastest arc, and a
 * model without it biases them beyond their stated errors: the pellet at 80 degC measured to
 * 1 MHz with 0.2 uH (omega L = 1.26 Ohm against 0.2 Ohm noise) gave R_bulk 8 stated errors
 * off. Then the best candidate with a series inductance is the answer when it is converged and
 * admissible, its only undetermined parameter is the inductance itself (a nuisance parameter:
 * its value does not matter, its correlation with the resistances does), its BIC exceeds the
 * best's by no more than one parameter's penalty (ln 2N), the data do not exclude the leads'
 * smallest inductance (L0 + 2 s.e. >= LEADS_L_MIN_H) and the inductance moves one of the
 * best's parameters by more than that parameter's stated error (it matters for the numbers).
 * Without a series resistance, only where the inductance fitted would show (leads_l_shows). */
#define LEADS_L_MIN_H EIS_FIT_CABLE_L_MIN_H

/* Whether the leads' inductance would show in BASE's data above the noise: the smallest
 * (LEADS_L_MIN_H) for a BASE with a series resistance, whose intercept it biases; without one,
 * the inductance K fitted (at least the smallest), as the bulk arc's own capacitance
 * takes up part of it there: a pellet to 7 MHz with 0.3 uH of cable (omega L 13 Ohm beside
 * 450 Ohm of the bulk arc's -Z'' at the top) fitted without L gave R_bulk 1118.5 +- 10
 * (truth 1097.3) and CPE1_n 0.902 +- 0.008 (truth 0.93), BIC 0.3 from the fit with L0
 * 3.6e-7 H. */
static int
leads_l_shows (const Candidate *k, const Candidate *base)
{
  if (strncmp (base->text, "R0-", 3) == 0)
    return eis_fit_inductance_shows (base->r, LEADS_L_MIN_H);
  const EisFitResult *r = k->r;
  return r && r->value[0] >= LEADS_L_MIN_H && eis_fit_inductance_shows (base->r, r->value[0]);
}

/* Whether K (BASE with "L0-" in front) is BASE's answer with the leads' inductance (above):
 * converged, admissible, every parameter but L0 determined and off its lower bound, BIC within
 * ln 2N of BASE's, and a parameter of BASE moved by more than its stated error. */
static int
leads_l_answer (const Candidate *k, const Candidate *base)
{
  const EisFitResult *r = k->r, *b = base->r;
  if (!r || !b || !k->admissible || r->status != EIS_FIT_CONVERGED
      || r->n_params != b->n_params + 1 || k->verdict == FIT_INADMISSIBLE
      || !(r->bic < b->bic + log (2.0 * (double) r->n_points)))
    return 0;
  /* the inductance ran to nothing, or the data exclude even the smallest leads' (L0 + 2 s.e.
   * below LEADS_L_MIN_H: 0.56 pH +- 0.19 pH on a spectrum to 10 GHz) */
  if (r->at_bound[0] < 0 || !(r->value[0] + 2 * r->stderr_[0] >= LEADS_L_MIN_H))
    return 0;
  int moved = 0;
  for (size_t j = 1; j < r->n_params; j++)
    {
      if (r->fixed[j])
        continue;
      if (!(r->stderr_[j] < fabs (r->value[j])) || r->at_bound[j] < 0)
        return 0;
      double se = b->stderr_[j - 1];
      moved |= isfinite (se) && fabs (r->value[j] - b->value[j - 1]) > se;
    }
  return moved;
}

/* K := BASE with a series inductance ("L0-" BASE), fitted: seeded (F not NULL) from BASE's
 * values when it has a fit (else from F alone) and L from the distribution, and from the four
 * starts when that start does not reach noise-like residuals but could still win. */
static int
inductive_candidate (Candidate *k, const Candidate *base, const EisSpectrum *s,
                     const EisFitOptions *opt, const EisFitFeatures *F, EisError *last,
                     EisError *err)
{
  double seed[64];
  int st;
  snprintf (k->text, sizeof k->text, "L0-%.120s", base->text);
  if ((st = eis_circuit_parse (k->text, &k->c, err)) != EIS_OK)
    return st;
  int use_seed = F != NULL && eis_circuit_n_params (k->c) <= 64;
  if (use_seed && base->r)
    {
      /* the base's values, and L from the distribution */
      eis_fit_guess_features (k->c, F, 0, seed);
      memcpy (seed + 1, base->r->value, base->r->n_params * sizeof (double));
    }
  else if (use_seed)
    eis_fit_candidate_seed (k->c, F, seed);
  if ((st = candidate_fit (k, s, opt, use_seed ? seed : NULL, last)) != EIS_OK)
    return eis_error_set (err, last->code, "%s", last->message);
  if (use_seed && k->r && !eis_fit_clean (k->r)
      && (base->r == NULL || k->r->bic < base->r->bic + RETRY_BIC_MARGIN)
      && (st = candidate_fit (k, s, opt, NULL, last)) != EIS_OK)
    return eis_error_set (err, last->code, "%s", last->message);
  return EIS_OK;
}

/* K := BASE with every CPE whose exponent ran to its upper bound 1 replaced by an ideal
 * capacitor of the same number (CPE1 -> C1), fitted from BASE's values (C = Q, exact at n = 1)
 * and from the four starts when that start does not reach noise-like residuals. At n = 1 the
 * CPE is that capacitor, so the variant fits as well with one parameter fewer (BIC lower by
 * ln 2N), and its Q and the arc's R are determined without a bound leaning on them: a pellet
 * whose grain-boundary arc is ideal (R0-p(R1,C1)-CPE2, 81 points with 0.2 % noise) gave
 * R0-p(R1,CPE1)-CPE2 with CPE1_n = 1 on its bound before. NAMES gets the exponents ("CPE1_n");
 * K is left without a circuit when BASE has none on its bound. */
static int
ideal_c_candidate (Candidate *k, const Candidate *base, const EisSpectrum *s,
                   const EisFitOptions *opt, char *names, size_t names_len, EisError *last,
                   EisError *err)
{
  const EisFitResult *b = base->r;
  char text[sizeof k->text];
  snprintf (text, sizeof text, "%s", base->text);
  names[0] = '\0';
  size_t n_names = 0, used = 0;
  for (size_t j = 0; b && j < b->n_params; j++)
    {
      const char *nm = eis_circuit_param_name (base->c, j);
      size_t len = strlen (nm);
      if (b->fixed[j] || !(b->at_bound[j] > 0) || strncmp (nm, "CPE", 3) != 0 || len < 3
          || strcmp (nm + len - 2, "_n") != 0)
        continue;
      /* the label "CPEk" and the capacitor's "Ck", which must not be in the circuit already */
      char label[48], cap[48];
      snprintf (label, sizeof label, "%.*s", (int) (len - 2), nm);
      snprintf (cap, sizeof cap, "C%s", label + 3);
      if (eis_circuit_param_index (base->c, cap) >= 0)
        continue;
      /* the label as a whole word of the text (CPE1, not the start of CPE12) */
      char *at = text;
      size_t ll = strlen (label);
      while ((at = strstr (at, label)) != NULL
             && (isalnum ((unsigned char) at[ll]) || (at > text && isalnum ((unsigned char) at[-1]))))
        at += ll;
      if (at == NULL)
        continue;
      memmove (at + 1, at + 3, strlen (at + 3) + 1);     /* "CPE1" -> "C1" */
      at[0] = 'C';
      used += (size_t) snprintf (names + used, used < names_len ? names_len - used : 0,
                                 "%s%s", n_names ? ", " : "", nm);
      if (used >= names_len)
        used = names_len;
      n_names++;
    }
  if (n_names == 0)
    return EIS_OK;
  snprintf (k->text, sizeof k->text, "%s", text);
  int st = eis_circuit_parse (k->text, &k->c, err);
  if (st != EIS_OK)
    return st;
  /* BASE's values by name; a capacitor takes its CPE's Q */
  size_t np = eis_circuit_n_params (k->c);
  double seed[64];
  int use_seed = np <= 64;
  for (size_t j = 0; use_seed && j < np; j++)
    {
      const char *nm = eis_circuit_param_name (k->c, j);
      long from = eis_circuit_param_index (base->c, nm);
      if (from < 0 && nm[0] == 'C' && isdigit ((unsigned char) nm[1]))
        {
          char q[64];
          snprintf (q, sizeof q, "CPE%s_Q", nm + 1);
          from = eis_circuit_param_index (base->c, q);
        }
      if (from < 0)
        use_seed = 0;
      else
        seed[j] = b->value[from];
    }
  if ((st = candidate_fit (k, s, opt, use_seed ? seed : NULL, last)) != EIS_OK)
    return eis_error_set (err, last->code, "%s", last->message);
  if (use_seed && k->r && !eis_fit_clean (k->r)
      && (st = candidate_fit (k, s, opt, NULL, last)) != EIS_OK)
    return eis_error_set (err, last->code, "%s", last->message);
  return EIS_OK;
}

static int
fit_auto (const EisSpectrum *s, const EisFitOptions *opt, int seeded, EisCircuit **circuit,
          EisFitResult **out, char *why, size_t why_len, EisError *err)
{
  *circuit = NULL;
  *out = NULL;
  EisFitOptions defaults;
  eis_fit_options_init (&defaults);
  if (opt == NULL)
    opt = &defaults;
  int st = eis_fit_points_check (opt, s, err);
  if (st != EIS_OK)
    return st;
  /* The shape tests and the distribution look at the points the fit will use. */
  EisSpectrum *u = eis_fit_used_points (s, opt);
  if (u == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  int inductive = eis_fit_looks_inductive (u), diffusive = eis_fit_looks_diffusive (u);
  int resistive = looks_resistive (u);
  EisFitFeatures F;
  int have_features = seeded && u->n >= 2;
  EisFitShape shape = { 0, 0, 0, 0 };
  if (have_features)
    {
      eis_fit_features (u, &F);
      shape = eis_fit_features_shape (&F);
    }
  shape.li_symmetric = opt->li_symmetric != 0;
  eis_spectrum_free (u);

  /* The pellet models, the diffusion models when the tail calls for them, then (without an
   * inductive tail) the best of them once more with a series inductance: the leads may bias
   * the intercept before Z'' turns positive, and BIC says whether L is worth its parameter. */
  Candidate cand[MAX_CANDIDATES];
  memset (cand, 0, sizeof cand);
  const char *bases[MAX_CANDIDATES];
  size_t n_bases = 0;
  if (resistive)
    bases[n_bases++] = "R0";
  for (size_t i = 0; eis_fit_default_circuits[i]; i++)
    bases[n_bases++] = eis_fit_default_circuits[i];
  for (size_t i = 0; diffusive && eis_fit_diffusion_circuits[i]; i++)
    bases[n_bases++] = eis_fit_diffusion_circuits[i];
  int status = EIS_OK;
  EisError last = { 0 };
  size_t n_cand = 0;
  for (size_t i = 0; i < n_bases; i++)
    {
      Candidate *k = &cand[n_cand++];
      snprintf (k->text, sizeof k->text, "%s%s", inductive ? "L0-" : "", bases[i]);
      if ((status = eis_circuit_parse (k->text, &k->c, err)) != EIS_OK)
        goto done;
    }
  /* Which candidates to fit: every one, or (seeded) first those with as many arcs as the
   * distribution shows (or one more without a series resistance: their first arc may be the
   * intercept), then those with one more or one fewer, then the rest, each group only when
   * the best so far does not describe the data (residuals that do not look like noise) or is
   * no answer. */
  int tried[MAX_CANDIDATES] = { 0 };
  double seed[64];
  for (int pass = 0; pass < 3; pass++)
    {
      for (size_t i = 0; i < n_cand; i++)
        {
          Candidate *k = &cand[i];
          if (tried[i])
            continue;
          if (seeded && pass < 2 && eis_fit_candidate_group (k->c, &shape) > pass)
            continue;
          tried[i] = 1;
          int use_seed = seeded && have_features && eis_circuit_n_params (k->c) <= 64;
          if (use_seed)
            eis_fit_candidate_seed (k->c, &F, seed);
          if ((status = candidate_fit (k, s, opt, use_seed ? seed : NULL, &last)) != EIS_OK)
            goto nomem;
          if (use_seed && eis_fit_guess_diffusion_arc (k->c))
            {
              /* A diffusion element in the slowest arc starts from the distribution's slowest
               * lobe; the start with that lobe given to the arcs is fitted too (the diffusion
               * may show no lobe of its own), and the better fit kept. */
              Candidate alt = *k, t;
              alt.r = NULL;
              eis_fit_guess_features (k->c, &F, 1, seed);
              if ((status = candidate_fit (&alt, s, opt, seed, &last)) != EIS_OK)
                goto nomem;
              if (candidate_better (&alt, k))
                t = *k, *k = alt, alt = t;
              alt.c = NULL;
              candidate_clear (&alt);
            }
        }
      const Candidate *best = NULL;
      for (size_t i = 0; i < n_cand; i++)
        if (candidate_better (&cand[i], best))
          best = &cand[i];
      if (!seeded || (best && best->rank == 2 && eis_fit_clean (best->r)))
        break;
    }
  /* Seeded: a candidate whose start did not reach noise-like residuals gets the four starts
   * when it could still be the answer (see RETRY_BIC_MARGIN); again while the retries change
   * the best (a best that loses its rank to its own retry lets more candidates in). */
  for (int retried = seeded; retried;)
    {
      retried = 0;
      const Candidate *best = NULL;
      for (size_t i = 0; i < n_cand; i++)
        if (candidate_better (&cand[i], best))
          best = &cand[i];
      double bic_best = best ? best->r->bic : INFINITY;
      double margin = !best || best->rank < 2 ? INFINITY
                      : eis_fit_clean (best->r) ? 0.0 : RETRY_BIC_MARGIN;
      for (size_t i = 0; i < n_cand; i++)
        {
          Candidate *k = &cand[i];
          if (!k->r || eis_fit_clean (k->r) || k->multistart)
            continue;
          if (k == best || k->r->bic < bic_best + margin)
            {
              if ((status = candidate_fit (k, s, opt, NULL, &last)) != EIS_OK)
                goto nomem;
              retried = 1;
            }
        }
    }
  /* The best once more with a series inductance. When the inductance lowers BIC but leaves a
   * parameter undetermined (the series resistance R0 and L share the high-frequency
   * intercept: a fast electrolyte whose bulk arc peaks near the top frequency), the models
   * without R0 with the inductance too: L0-p(R1,C1)-CPE2 is then the answer, and only the
   * series resistance stood in the way. */
  {
    const Candidate *best = NULL;
    for (size_t i = 0; i < n_cand; i++)
      if (candidate_better (&cand[i], best))
        best = &cand[i];
    if (!inductive && best && n_cand < MAX_CANDIDATES)
      {
        Candidate *k = &cand[n_cand++];
        k->added_l = 1;
        status = inductive_candidate (k, best, s, opt, seeded && have_features ? &F : NULL,
                                      &last, err);
        if (status != EIS_OK)
          goto done;
        if (k->r && k->r->bic < best->r->bic && k->rank < 2
            && strncmp (best->text, "R0-", 3) == 0)
          for (size_t i = 0; i < n_bases && n_cand < MAX_CANDIDATES; i++)
            if (strncmp (cand[i].text, "R0", 2) != 0)
              {
                cand[n_cand].added_l = 1;
                status = inductive_candidate (&cand[n_cand++], &cand[i], s, opt,
                                              seeded && have_features ? &F : NULL, &last, err);
                if (status != EIS_OK)
                  goto done;
              }
      }
  }

  /* The answer, and the summary of every candidate fitted. */
  Candidate *best = NULL;
  char first_inadmissible[700] = "";
  char summary[4096] = "";
  size_t used = 0;
  for (size_t i = 0; i < n_cand; i++)
    {
      Candidate *k = &cand[i];
      if (!k->r)
        continue;
      if (k->rank == 0 && !first_inadmissible[0])
        snprintf (first_inadmissible, sizeof first_inadmissible, "%s: %s", k->text, k->adm_why);
      summary_add (summary, sizeof summary, &used, k);
      if (!k->added_l && candidate_better (k, best))
        best = k;
    }
  /* A Li|electrolyte|Li cell: a circuit with an interface arc (two arcs or more, no series
   * capacitance), converged and admissible, whose resistances are all determined (a CPE's Q
   * may not be: its arc's Q and n trade off), and whose BIC lies more than RETRY_BIC_MARGIN
   * below the best answer's, is the answer: that answer folds the interface arc into the
   * electrolyte, and its small errors are a promise the data do not keep (R0-p(R1,CPE1) on a
   * Li|LLZO|Li cell with a 60 Ohm interface, BIC 23 higher: sigma_total 8.24e-5 +- 6.8e-8 S/cm
   * for 8.57e-5; p(R1,C1)-p(R2,CPE2)-p(R3,CPE3) with CPE3_Q at 106 %: 8.49e-5 +- 9.8e-7,
   * R_interface 47 +- 18 Ohm for 60). Against a best whose finite diffusion element is too
   * fast for the salt's (fast_finite_diffusion), a BIC up to RETRY_BIC_MARGIN higher will do:
   * R0-p(CPE1,R1-Ws1) with Ws1_tau 9e-7 s bent the same cell's electrolyte arcs into shape,
   * 4 BIC units below the three arcs, sigma_total 1.14e-4 +- 3.3e-6 S/cm. (Without such a
   * circuit, the Ws fit stays, and its report gives no R_interface.) */
  char li_pick[600] = "";
  if (opt->li_symmetric && best && best->ok)
    {
      Candidate *li = NULL;
      long fast = fast_finite_diffusion (best);
      double below = fast >= 0 ? -RETRY_BIC_MARGIN : RETRY_BIC_MARGIN;
      for (size_t i = 0; i < n_cand; i++)
        {
          Candidate *k = &cand[i];
          if (!k->r || k->added_l || (k->ok && fast < 0) || !k->admissible
              || k->r->status != EIS_FIT_CONVERGED || candidate_arcs (k->c) < 2
              || candidate_tail (k->c) || !(k->r->bic < best->r->bic - below)
              || fast_finite_diffusion (k) >= 0
              || !resistances_determined (k, s) || (li && !(k->r->bic < li->r->bic)))
            continue;
          li = k;
        }
      if (li && fast >= 0)
        {
          snprintf (li_pick, sizeof li_pick, "in a Li|electrolyte|Li cell its arcs describe "
                    "the data within %.1f BIC of %s, whose %s = %.3g s is no diffusion of the "
                    "salt (1e2 to 1e3 s across the electrolyte) but arcs bent into shape%s",
                    li->r->bic - best->r->bic, best->text,
                    eis_circuit_param_name (best->c, (size_t) fast), best->r->value[fast],
                    li->ok ? "" : "; its resistances are determined, not every other parameter");
          best = li;
          best->ok = 1;
        }
      else if (li)
        {
          snprintf (li_pick, sizeof li_pick, "in a Li|electrolyte|Li cell its interface arc "
                    "lowers BIC by %.1f against %s, the best fit with every parameter "
                    "determined, which folds that arc into the electrolyte; its resistances "
                    "are determined, not every other parameter", best->r->bic - li->r->bic,
                    best->text);
          best = li;
          best->ok = 1;
        }
    }
  /* A series inductance the spectrum does not show must earn its parameter clearly. */
  Candidate *best_l = NULL;
  for (size_t i = 0; i < n_cand; i++)
    if (cand[i].r && cand[i].added_l && candidate_better (&cand[i], best_l))
      best_l = &cand[i];
  int leads_l = 0;
  if (best_l && candidate_better (best_l, best)
      && (best == NULL || best_l->rank > best->rank
          || best_l->r->bic < best->r->bic - ADDED_L_BIC_MARGIN))
    best = best_l;
  else if (best && best->ok && !best->added_l)
    {
      /* the best's own circuit with the leads' inductance (the candidate fitted from it) */
      for (size_t i = 0; i < n_cand; i++)
        if (cand[i].r && cand[i].added_l && strncmp (cand[i].text, "L0-", 3) == 0
            && strcmp (cand[i].text + 3, best->text) == 0
            && leads_l_shows (&cand[i], best) && leads_l_answer (&cand[i], best))
          {
            best = &cand[i];
            best->ok = 1;
            leads_l = 1;
            break;
          }
    }
  char refused_l[400] = "";
  if (best_l && best_l != best && best && best_l->rank == best->rank
      && best_l->r->bic < best->r->bic)
    snprintf (refused_l, sizeof refused_l, "; %s lowers BIC by only %.1f (less than %.0f: "
              "an inductance the data do not show)", best_l->text,
              best->r->bic - best_l->r->bic, ADDED_L_BIC_MARGIN);
  if (best == NULL && first_inadmissible[0])
    {
      status = eis_error_set (err, EIS_ERR_FIT, "%s: no candidate circuit fits within the "
                              "physical range of its elements (e.g. %s); give a circuit with "
                              "--circuit (BIC: %s)", s->source ? s->source : "(data)",
                              first_inadmissible, summary);
      goto done;
    }
  if (best == NULL)
    {
      status = eis_error_set (err, last.code ? last.code : EIS_ERR_FIT, "%s",
                              last.code ? last.message : "no default circuit could be fitted");
      goto done;
    }
  /* Refine the winner with the full number of starts, beginning where the quick fit ended
   * (seeded: only when its residuals do not already look like noise). */
  if (!seeded || !eis_fit_clean (best->r))
    {
      EisFitOptions o = *opt;
      o.init = best->r->value;
      o.fixed = NULL;
      o.lower = NULL;
      o.upper = NULL;
      EisFitResult *r = NULL;
      if (eis_fit_run (best->c, s, &o, &r, &last) == EIS_OK
          && (r->chi2 < best->r->chi2 * (1 - 1e-9)
              || (r->status == EIS_FIT_CONVERGED && best->r->status != EIS_FIT_CONVERGED)))
        {
          eis_fit_result_free (best->r);
          best->r = r;
        }
      else
        eis_fit_result_free (r);
    }
  /* An exponent on its upper bound 1: the circuit with that CPE as an ideal capacitor is the
   * same model with a parameter fewer, and the answer when it is as good (see
   * ideal_c_candidate); otherwise the fit is kept, and its caution says so. Only for an
   * answer (converged, determined, admissible): a choice the data do not support stays
   * untrusted (a 32-point spectrum that no candidate describes gave R0-p(R1,C1), determined,
   * 58 % off the data). */
  char ideal_c[600] = "";
  if (best->ok && n_cand < MAX_CANDIDATES)
    {
      Candidate *k = &cand[n_cand++];
      char names[200];
      status = ideal_c_candidate (k, best, s, opt, names, sizeof names, &last, err);
      if (status != EIS_OK)
        goto done;
      if (k->r && k->ok && candidate_better (k, best))
        {
          snprintf (ideal_c, sizeof ideal_c, "; %s ran %s to the upper bound 1, an ideal "
                    "capacitor: refitted with a C in its place (BIC %.1f against %.1f)",
                    best->text, names, k->r->bic, best->r->bic);
          k->added_l = best->added_l;
          best = k;
          if (leads_l)
            best->ok = 1;
        }
      else if (k->r)
        snprintf (ideal_c, sizeof ideal_c, "; %s with a C in place of %s (an exponent on "
                  "its upper bound 1) fitted no better: BIC %.1f%s", k->text, names,
                  k->r->bic, k->ok ? "" : ", not converged or not determined");
    }
  if (why)
    {
      char neg[96], negw[256] = "";
      negligible_series_r (best->c, s, best->r, neg, sizeof neg);
      if (best->ok && neg[0])
        snprintf (negw, sizeof negw, " (but %s, which ran below 2 %% of the smallest Z' and "
                  "counts as absent: the circuit without it is meant)", neg);
      if (leads_l)
        snprintf (why, why_len, "picked %s, the lowest-BIC circuit among converged, admissible "
                  "fits whose parameters all have relative errors below 100 %% and none on its "
                  "lower bound (%s) with the leads' series inductance L0 added: even %.1g H "
                  "gives omega L at the top frequency above twice the noise there, and L0 moves "
                  "the other parameters beyond their errors, so the model without it would "
                  "understate them (L0's own value is not determined%s; BIC: %s)",
                  eis_circuit_text (best->c), eis_circuit_text (best->c) + 3, LEADS_L_MIN_H,
                  ideal_c, summary);
      else if (li_pick[0])
        snprintf (why, why_len, "picked %s: %s%s%s (BIC: %s)", eis_circuit_text (best->c),
                  li_pick, refused_l, ideal_c, summary);
      else
      snprintf (why, why_len, "picked %s by lowest BIC%s%s%s%s (BIC: %s)",
                eis_circuit_text (best->c),
                best->ok ? " among converged, admissible fits whose parameters all have "
                "relative errors below 100 % and none on its lower bound"
                : " although no candidate was converged, determined and admissible: its values "
                "are not to be trusted", negw, refused_l, ideal_c, summary);
    }
  best->r->choice_doubtful = !best->ok;
  *circuit = best->c;
  *out = best->r;
  best->c = NULL;
  best->r = NULL;
  status = EIS_OK;
  goto done;

nomem:
  status = eis_error_set (err, last.code, "%s", last.message);
done:
  for (size_t i = 0; i < n_cand; i++)
    candidate_clear (&cand[i]);
  return status;
}

int
eis_fit_auto (const EisSpectrum *s, const EisFitOptions *opt, EisCircuit **circuit,
              EisFitResult **out, char *why, size_t why_len, EisError *err)
{
  return fit_auto (s, opt, 1, circuit, out, why, why_len, err);
}

int
eis_fit_auto_exhaustive (const EisSpectrum *s, const EisFitOptions *opt, EisCircuit **circuit,
                         EisFitResult **out, char *why, size_t why_len, EisError *err)
{
  return fit_auto (s, opt, 0, circuit, out, why, why_len, err);
}
