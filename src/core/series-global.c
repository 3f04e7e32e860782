/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_LOCAL, M_SHARED, M_FIXED, M_LAW, M_CEFF };

/* Derivatives of one circuit parameter with respect to the unknowns: at most this many. */
#define ND 8

struct EisGlobalProblem {
  EisCircuit *c;
  size_t n, P, nx, M;
  size_t n_loc;            /* local unknowns (columns 0 .. n_loc-1, spectrum after spectrum) */
  size_t ng;               /* global unknowns (shared, laws: columns n_loc .. nx-1) */
  size_t *loc_off;         /* n + 1: first local unknown of each spectrum */
  size_t *off;             /* n + 1: first point of each spectrum (its rows: 2 off .. 2 off[j+1]) */
  size_t *npts;
  double *omega, *zre, *zim, *swr, *swi;   /* all points, spectrum after spectrum */
  int *mode;               /* n x P */
  long *col;               /* n x P: the unknown of a local or shared parameter (for M_CEFF:
                            * the shared ln C_eff) */
  int *law_of;             /* P: which law binds the parameter (-1 none) */
  long *arc_r, *arc_n;     /* P: for the Q of an R||CPE arc, its R and n (-1 otherwise) */
  double *base;            /* n x P: fixed values and the start */
  double *T;               /* n */
  EisGlobalLaw law;
  EisArrheniusForm form;
  size_t n_laws;
  long law_param[2];
  long law_col[2];         /* first unknown of each law: ln A, Ea (or ln A, ln B, T0 var) */
  double *cell_cm;         /* n: L/A [1/cm] of each spectrum's sample */
  double *lead_ohm;        /* n: a lead resistance given (--leads) in the bulk law's
                            * intercept: R = leads + (L/A)/sigma; 0 for none */
  double Tmin;
  double *x0;
  double *p;               /* P scratch */
  double complex *dz;      /* P scratch */
  int *nd;                 /* P: number of derivatives of each parameter */
  long *dcol;              /* P x ND: their unknowns */
  double *dval;            /* P x ND: d p_k / d x_col */
  int natural;             /* exponents as such instead of through their sine (covariance) */
};

void
eis_global_problem_free (EisGlobalProblem *g)
{
  if (g == NULL)
    return;
  eis_circuit_free (g->c);
  free (g->loc_off);
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
  free (g->arc_r);
  free (g->arc_n);
  free (g->base);
  free (g->T);
  free (g->cell_cm);
  free (g->lead_ohm);
  free (g->x0);
  free (g->p);
  free (g->dz);
  free (g->nd);
  free (g->dcol);
  free (g->dval);
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

size_t
eis_global_problem_n_local (const EisGlobalProblem *g)
{
  return g->n_loc;
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

/* Is unknown K of the solver an exponent through its sine? */
static int
is_sine (const EisGlobalProblem *g, size_t col)
{
  for (size_t j = 0; j < g->n; j++)
    for (size_t k = 0; k < g->P; k++)
      {
        size_t jk = j * g->P + k;
        if ((g->mode[jk] == M_LOCAL || g->mode[jk] == M_SHARED) && g->col[jk] == (long) col)
          return eis_circuit_param_kind (g->c, k) != EIS_PARAM_POSITIVE;
      }
  return 0;
}

void
eis_global_problem_natural (EisGlobalProblem *g, const double *x, double *xn)
{
  for (size_t i = 0; i < g->nx; i++)
    xn[i] = is_sine (g, i) ? exp_from_x (x[i]) : x[i];
  g->natural = 1;
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

/* sigma [S/cm] of law X at T_K (D: as ln_sigma), or NAN with the reason in WHY (may be NULL)
 * where the law gives none: at or below T0 (VTF: sigma = A T^-1/2 exp(-B/(T - T0)) holds above
 * T0 only), or where exp(ln sigma) is beyond a double (under- or overflow). */
static double
law_sigma_at (const EisGlobalProblem *g, const double *x, double T0_K, double T_K, double d[3],
              char *why, size_t why_len)
{
  if (why)
    why[0] = '\0';
  d[0] = d[1] = d[2] = NAN;
  if (!(T_K > 0) || !isfinite (T_K))
    {
      if (why)
        snprintf (why, why_len, "T_ref %g K is not a temperature", T_K);
      return NAN;
    }
  if (g->law == EIS_GLOBAL_VTF && !(T_K > T0_K))
    {
      if (why)
        snprintf (why, why_len, "T_ref %.2f K is at or below T0 = %.4g K, where the VTF law "
                  "does not hold", T_K, T0_K);
      return NAN;
    }
  double ln = ln_sigma (g, x, T_K, d), s = exp (ln);
  if (!isfinite (ln) || !(s >= DBL_MIN && s <= DBL_MAX))
    {
      if (why)
        snprintf (why, why_len, "exp(ln sigma) is beyond a double");
      return NAN;
    }
  return s;
}

static void
dpush (EisGlobalProblem *g, size_t k, long col, double v)
{
  if (g->nd[k] < ND)
    {
      g->dcol[k * ND + (size_t) g->nd[k]] = col;
      g->dval[k * ND + (size_t) g->nd[k]] = v;
      g->nd[k]++;
    }
}

/* The circuit's parameters of spectrum J at X into g->p, with their derivatives with respect
 * to the unknowns (g->nd, dcol, dval). A law-bound R = (L/A) / sigma(T); the Q of an arc whose
 * capacitance is shared: Q = C_eff^n R^(n-1) (Hsu-Mansfeld inverted), so that C_eff is the
 * unknown that stays the same along the series. */
static void
params_of (EisGlobalProblem *g, const double *x, size_t j)
{
  for (int pass = 0; pass < 2; pass++)
    for (size_t k = 0; k < g->P; k++)
      {
        size_t jk = j * g->P + k;
        if ((g->mode[jk] == M_CEFF) != pass)
          continue;
        int pos = eis_circuit_param_kind (g->c, k) == EIS_PARAM_POSITIVE;
        g->nd[k] = 0;
        switch (g->mode[jk])
          {
          case M_FIXED:
            g->p[k] = g->base[jk];
            break;
          case M_LAW:
            {
              long c0 = g->law_col[g->law_of[k]];
              double d[3];
              double lead = g->law_of[k] == 0 ? g->lead_ohm[j] : 0;
              double Rs = g->cell_cm[j] * exp (-ln_sigma (g, x + c0, g->T[j], d));
              g->p[k] = lead + Rs;
              for (int q = 0; q < (g->law == EIS_GLOBAL_VTF ? 3 : 2); q++)
                dpush (g, k, c0 + q, -Rs * d[q]);   /* ln Rs = ln(L/A) - ln sigma */
              break;
            }
          case M_CEFF:
            {
              size_t ir = (size_t) g->arc_r[k], in = (size_t) g->arc_n[k];
              double lnC = x[g->col[jk]], R = g->p[ir], nn = g->p[in];
              double Q = exp (nn * lnC + (nn - 1) * log (R));
              g->p[k] = Q;
              dpush (g, k, g->col[jk], Q * nn);
              for (int e = 0; e < g->nd[ir]; e++)
                dpush (g, k, g->dcol[ir * ND + (size_t) e],
                       Q * (nn - 1) * g->dval[ir * ND + (size_t) e] / R);
              for (int e = 0; e < g->nd[in]; e++)
                dpush (g, k, g->dcol[in * ND + (size_t) e],
                       Q * (lnC + log (R)) * g->dval[in * ND + (size_t) e]);
              break;
            }
          default:
            {
              double v = x[g->col[jk]];
              if (pos)
                {
                  g->p[k] = exp (v);
                  dpush (g, k, g->col[jk], g->p[k]);
                }
              else if (g->natural)
                {
                  g->p[k] = v;
                  dpush (g, k, g->col[jk], 1);
                }
              else
                {
                  g->p[k] = exp_from_x (v);
                  dpush (g, k, g->col[jk], cos (v) / 2);
                }
            }
          }
      }
}

/* Spectrum J at X: its weighted residuals F (2 N_j: real parts, then imaginary) and, when JL
 * is not NULL, its block of the Jacobian: JL (2 N_j x its local unknowns) and JG (2 N_j x the
 * global unknowns), row-major. Returns 0, or -1 where the model cannot be evaluated. */
static int
eval_block (EisGlobalProblem *g, const double *x, size_t j, double *f, double *JL, double *JG)
{
  params_of (g, x, j);
  size_t o = g->off[j], N = g->npts[j];
  size_t l0 = g->loc_off[j], nl = g->loc_off[j + 1] - l0, ng = g->ng;
  if (JL)
    {
      memset (JL, 0, 2 * N * nl * sizeof *JL);
      memset (JG, 0, 2 * N * ng * sizeof *JG);
    }
  for (size_t i = 0; i < N; i++)
    {
      double complex z;
      eis_circuit_eval (g->c, g->p, g->omega[o + i], &z, JL ? g->dz : NULL);
      size_t rr = i, ri = N + i;
      f[rr] = g->swr[o + i] * (creal (z) - g->zre[o + i]);
      f[ri] = g->swi[o + i] * (cimag (z) - g->zim[o + i]);
      if (!isfinite (f[rr]) || !isfinite (f[ri]))
        return -1;
      if (!JL)
        continue;
      for (size_t k = 0; k < g->P; k++)
        for (int e = 0; e < g->nd[k]; e++)
          {
            double complex d = g->dz[k] * g->dval[k * ND + (size_t) e];
            double a = g->swr[o + i] * creal (d), b = g->swi[o + i] * cimag (d);
            size_t c = (size_t) g->dcol[k * ND + (size_t) e];
            if (c < g->n_loc)
              {
                JL[rr * nl + c - l0] += a;
                JL[ri * nl + c - l0] += b;
              }
            else
              {
                JG[rr * ng + c - g->n_loc] += a;
                JG[ri * ng + c - g->n_loc] += b;
              }
          }
    }
  return 0;
}

int
eis_global_problem_eval (EisGlobalProblem *g, const double *x, double *f, double *J)
{
  size_t nx = g->nx, ng = g->ng;
  if (J)
    memset (J, 0, g->M * nx * sizeof *J);
  size_t nlmax = 1;
  for (size_t j = 0; j < g->n; j++)
    nlmax = nlmax > g->loc_off[j + 1] - g->loc_off[j] ? nlmax : g->loc_off[j + 1] - g->loc_off[j];
  size_t Nmax = 1;
  for (size_t j = 0; j < g->n; j++)
    Nmax = Nmax > g->npts[j] ? Nmax : g->npts[j];
  double *JL = J ? malloc (2 * Nmax * nlmax * sizeof *JL) : NULL;
  double *JG = J ? malloc (2 * Nmax * (ng ? ng : 1) * sizeof *JG) : NULL;
  if (J && (!JL || !JG))
    {
      free (JL);
      free (JG);
      return -1;
    }
  int st = 0;
  for (size_t j = 0; j < g->n && st == 0; j++)
    {
      size_t N = g->npts[j], r0 = 2 * g->off[j];
      size_t l0 = g->loc_off[j], nl = g->loc_off[j + 1] - l0;
      st = eval_block (g, x, j, f + r0, JL, JG);
      if (st || !J)
        continue;
      for (size_t r = 0; r < 2 * N; r++)
        {
          for (size_t c = 0; c < nl; c++)
            J[(r0 + r) * nx + l0 + c] = JL[r * nl + c];
          for (size_t c = 0; c < ng; c++)
            J[(r0 + r) * nx + g->n_loc + c] = JG[r * ng + c];
        }
    }
  free (JL);
  free (JG);
  return st;
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
 * spectra, or, in a minority of at least two spectra, when no spectrum gives it another role
 * than "electrolyte" (bulk and grain boundary not separated there: the bulk arc of a
 * temperature series leaves the window on heating, and the law is what places it in the hot
 * spectra, SCIENCE.md); -1 when none. */
static long
role_param (const EisSeriesFit *sf, int bulk)
{
  size_t P = eis_circuit_n_params (sf->circuit);
  size_t *count = calloc (P ? P : 1, sizeof *count);
  size_t *other = calloc (P ? P : 1, sizeof *other);
  if (count == NULL || other == NULL)
    {
      free (count);
      free (other);
      return -1;
    }
  for (size_t j = 0; j < sf->n; j++)
    for (size_t k = 0; sf->fits[j] && k < sf->cond[j].n_arcs; k++)
      {
        const EisArc *a = &sf->cond[j].arcs[k];
        int is = bulk ? (a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_INTERCEPT)
                      : a->role == EIS_ROLE_GRAIN_BOUNDARY;
        if (!is && a->role != EIS_ROLE_ELECTROLYTE && a->r_index >= 0
            && (size_t) a->r_index < P)
          other[a->r_index]++;
      }
  for (size_t j = 0; j < sf->n; j++)
    for (size_t k = 0; sf->fits[j] && k < sf->cond[j].n_arcs; k++)
      {
        const EisArc *a = &sf->cond[j].arcs[k];
        /* A bulk arc above the measured range with no grain-boundary arc is not split from
         * the grain boundary in one spectrum (merged_above_range); the law binds it as the
         * bulk, which is what the joint fit is for (SCIENCE.md). */
        int is = bulk ? (a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_INTERCEPT
                         || (a->role == EIS_ROLE_ELECTROLYTE && sf->cond[j].merged_above_range))
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
  if (best >= 0 && 2 * count[best] <= sf->n && !(count[best] >= 2 && other[best] == 0))
    best = -1;
  free (count);
  free (other);
  return best;
}

/* Whether parameter K must not be shared automatically: the caller says so (a sharing under
 * test), or an earlier joint fit found that the data reject it. */
static int
share_how (const EisGlobalOptions *opt, const EisSeriesFit *sf, size_t k)
{
  if (opt->unshare && opt->unshare[k])
    return opt->unshare[k];
  return sf->unshared ? sf->unshared[k] : EIS_SHARE_DEFAULT;
}

static int
not_shared (const EisGlobalOptions *opt, const EisSeriesFit *sf, size_t k)
{
  return share_how (opt, sf, k) == EIS_SHARE_NONE;
}

/* The exponent of the R||CPE arc (a top-level branch of C, not a ZARC) whose Q is parameter
 * Q of C, or -1; its resistance's index in *R (when R is given; -1 for none). */
static long
arc_exponent (const EisCircuit *c, size_t q, long *r)
{
  const EisNode *root = eis_circuit_root (c);
  const EisNode *const *items = (const EisNode *const *) root->children;
  size_t n_items = root->type == EIS_NODE_SERIES ? root->n_children : 1;
  if (root->type != EIS_NODE_SERIES)
    items = &root;
  if (r)
    *r = -1;
  for (size_t i = 0; i < n_items; i++)
    {
      long ir, iq, in;
      int zarc;
      if (eis_node_arc_params (items[i], &ir, &iq, &in, &zarc) && !zarc && in >= 0
          && iq == (long) q)
        {
          if (r)
            *r = ir;
          return in;
        }
    }
  return -1;
}

const char *
eis_share_how_text (EisShareHow how)
{
  switch (how)
    {
    case EIS_SHARE_NONE: return "free in each spectrum";
    case EIS_SHARE_AS_Q: return "shared as Q (C_eff following R)";
    case EIS_SHARE_ABSENT: return "left out (0)";
    default: return "shared";
    }
}

void
eis_share_rejected_text (const EisSeriesShareTest *t, char *buf, size_t len)
{
  const char *comma = strstr (t->names, ", ");
  size_t n0 = comma ? (size_t) (comma - t->names) : strlen (t->names);
  static const char qc[] = "_Q_Ceff";
  if (t->alternative == EIS_SHARE_AS_Q && comma && n0 > sizeof qc - 1
      && strncmp (t->names + n0 - (sizeof qc - 1), qc, sizeof qc - 1) == 0)
    {
      /* "CPE1_Q_Ceff, CPE1_n": the arc's C_eff with its exponent was tested; its Q with the
       * exponent is what is shared */
      int e = (int) (n0 - (sizeof qc - 1));
      snprintf (buf, len, "sharing %.*s's C_eff with %s rejected; %.*s_Q and %s shared instead "
                "as Q (C_eff following R)", e, t->names, comma + 2, e, t->names, comma + 2);
      return;
    }
  snprintf (buf, len, "sharing %s rejected; %s %s instead", t->names, t->names,
            eis_share_how_text (t->alternative));
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
  g->lead_ohm = calloc (n, sizeof *g->lead_ohm);
  g->p = calloc (P1, sizeof *g->p);
  g->dz = calloc (P1, sizeof *g->dz);
  g->nd = calloc (P1, sizeof *g->nd);
  g->dcol = calloc (P1 * ND, sizeof *g->dcol);
  g->dval = calloc (P1 * ND, sizeof *g->dval);
  g->arc_r = malloc (P1 * sizeof *g->arc_r);
  g->arc_n = malloc (P1 * sizeof *g->arc_n);
  g->loc_off = calloc (n + 1, sizeof *g->loc_off);
  g->x0 = calloc (n * P1 + 8, sizeof *g->x0);
  if (!g->c || !g->off || !g->npts || !g->omega || !g->zre || !g->zim || !g->swr || !g->swi
      || !g->mode || !g->col || !g->law_of || !g->base || !g->T || !g->cell_cm || !g->lead_ohm || !g->p
      || !g->dz || !g->nd || !g->dcol || !g->dval || !g->arc_r || !g->arc_n || !g->loc_off
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
          g->lead_ohm[j] = ge->leads_ohm > 0 ? ge->leads_ohm : 0;
          if (!(s->items[j].T_K > 0))
            {
              status = eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d has no temperature: "
                                      "a temperature law needs every spectrum's",
                                      s->items[j].file, s->items[j].number);
              goto fail;
            }
          g->Tmin = fmin (g->Tmin, s->items[j].T_K);
        }
      /* a law of 2 (Arrhenius) or 3 (VTF) parameters needs one temperature more than it has
       * parameters to be tested at all: known before any fit */
      size_t n_T = 0, need = g->law == EIS_GLOBAL_VTF ? 4 : 2;
      for (size_t j = 0; j < n; j++)
        {
          size_t i = 0;
          while (i < j && s->items[i].T_K != s->items[j].T_K)
            i++;
          n_T += i == j;
        }
      if (n_T < need)
        {
          status = eis_error_set (err, EIS_ERR_DATA, "the %s law needs at least %zu different "
                                  "temperatures (the series has %zu)", g->law == EIS_GLOBAL_VTF
                                  ? "VTF" : "Arrhenius", need, n_T);
          goto fail;
        }
      long rb = role_param (sf, 1), rg = role_param (sf, 0);
      if (rb < 0)
        {
          status = eis_error_set (err, EIS_ERR_DATA, "the series has no bulk resistance (an "
                                  "arc or intercept taken as bulk in most spectra, or in two or more where no "
                                  "spectrum gives it another role) to bind to "
                                  "the temperature law");
          goto fail;
        }
      g->law_param[g->n_laws++] = rb;
      if (rg >= 0 && rg != rb)
        g->law_param[g->n_laws++] = rg;
      for (size_t l = 0; l < g->n_laws; l++)
        g->law_of[g->law_param[l]] = (int) l;
      /* the leads are in a bulk taken from the intercept, not in an arc's resistance */
      if (eis_circuit_series_resistance (g->c, eis_circuit_param_name (g->c, (size_t) rb))
          != rb)
        memset (g->lead_ohm, 0, n * sizeof *g->lead_ohm);
    }
  /* Modes: fixed by the user or held by the series fit; shared; bound to a law; local. */
  int *is_shared = calloc (P1, sizeof *is_shared);
  long *shared_col = malloc (P1 * sizeof *shared_col);
  if (is_shared == NULL || shared_col == NULL)
    {
      free (is_shared);
      free (shared_col);
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  /* The arcs R||CPE: their Q may be shared through C_eff. */
  for (size_t k = 0; k < P; k++)
    g->arc_n[k] = arc_exponent (g->c, k, &g->arc_r[k]);
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
          free (shared_col);
          goto fail;
        }
      if (g->law_of[k] >= 0)
        {
          status = eis_error_set (err, EIS_ERR_INVALID, "--shared: %s is bound to the "
                                  "temperature law and cannot also be shared", opt->shared[q]);
          free (is_shared);
          free (shared_col);
          goto fail;
        }
      if (share_how (opt, sf, (size_t) k) != EIS_SHARE_NONE)
        is_shared[k] = 1;
    }
  /* is_shared 2: the capacitance of an R||CPE arc shared as its C_eff (Q follows R). */
  if (opt->share_held)
    for (size_t k = 0; k < P; k++)
      {
        /* held somewhere, or the capacitance of an arc a spectrum does not separate into
         * bulk and grain boundary (eis_series_fit_bind_unseparated) */
        int held = sf->bind && sf->bind[k];
        for (size_t j = 0; j < n; j++)
          held |= sf->held[j * P + k];
        /* a sharing the data rejected (or the one being tested): free where determined */
        if (share_how (opt, sf, k) == EIS_SHARE_NONE || share_how (opt, sf, k) == EIS_SHARE_ABSENT)
          continue;
        /* what an earlier joint fit shared, once held */
        if (sf->shared && sf->shared[k] && !is_shared[k] && g->law_of[k] < 0)
          {
            is_shared[k] = sf->shared[k];
            continue;
          }
        const char *u = eis_circuit_param_unit (g->c, k);
        int slow = strcmp (u, "F") == 0 || strcmp (u, "H") == 0
                   || eis_circuit_param_kind (g->c, k) == EIS_PARAM_EXPONENT
                   || (sf->bind && sf->bind[k] && strcmp (u, "Ohm") == 0);   /* the leads */
        if (held && g->arc_r[k] >= 0 && !is_shared[k])
          {
            is_shared[k] = share_how (opt, sf, k) == EIS_SHARE_AS_Q ? 1 : 2;
            /* its exponent with it: Q and n of an arc beyond the range go together */
            if (!(sopt->fit.fixed && sopt->fit.fixed[g->arc_n[k]])
                && !not_shared (opt, sf, (size_t) g->arc_n[k]))
              is_shared[g->arc_n[k]] = is_shared[g->arc_n[k]] ? is_shared[g->arc_n[k]] : 1;
          }
        else if (held && slow && g->law_of[k] < 0 && !is_shared[k])
          is_shared[k] = 1;
      }
  /* Local unknowns, spectrum after spectrum: the block structure. */
  size_t nx = 0;
  for (size_t j = 0; j < n; j++)
    {
      g->loc_off[j] = nx;
      for (size_t k = 0; k < P; k++)
        {
          size_t jk = j * P + k;
          double v = opt->start ? opt->start[jk] : sf->fits[j]->value[k];
          g->base[jk] = v;
          g->col[jk] = -1;
          int pos = eis_circuit_param_kind (g->c, k) == EIS_PARAM_POSITIVE;
          if (sopt->fit.fixed && sopt->fit.fixed[k])
            g->mode[jk] = M_FIXED;
          else if (share_how (opt, sf, k) == EIS_SHARE_ABSENT && g->law_of[k] < 0)
            {
              g->mode[jk] = M_FIXED;   /* an inductance the data do not ask for */
              g->base[jk] = 0;
            }
          else if (g->law_of[k] >= 0)
            g->mode[jk] = M_LAW;
          else if (is_shared[k] == 2)
            g->mode[jk] = M_CEFF;
          else if (is_shared[k])
            g->mode[jk] = M_SHARED;
          else if (sf->held[jk] && opt->share_held && not_shared (opt, sf, k) && !is_shared[k])
            g->mode[jk] = M_FIXED;   /* not shared: on its neighbours' course (series fit) */
          else if (sf->held[jk] && !opt->share_held
                   && (opt->law == EIS_GLOBAL_FREE
                       || strcmp (eis_circuit_param_unit (g->c, k), "Ohm") == 0))
            g->mode[jk] = M_FIXED;   /* without a law nothing new determines it */
          else
            {
              g->mode[jk] = M_LOCAL;
              g->col[jk] = (long) nx;
              /* A resistance the series fit ran to nothing (a series R0 of 9e-107 Ohm where
               * the bulk arc hides it: ln R0 = -245, no gradient there, and the solver made no
               * progress from it) starts at 1 Ohm, as a shared one does (below); started from
               * another joint fit's optimum (opt->start, which a nested model must start on),
               * such a resistance (exp of its unknown below the smallest double: 0) starts at
               * 1e-250, where the model and its derivatives stay finite */
              if (pos && !opt->start && strcmp (eis_circuit_param_unit (g->c, k), "Ohm") == 0
                  && !(v >= 1e-2))
                v = 1.0;
              g->x0[nx++] = pos ? log (opt->start ? fmax (v, 1e-250) : v) : x_from_exp (v);
            }
        }
    }
  g->loc_off[n] = nx;
  g->n_loc = nx;
  /* Shared unknowns: the start is the mean over the spectra that determine them (of ln p for a
   * positive parameter, of ln C_eff for a shared arc capacitance); from OPT->start, another
   * joint fit's optimum, the value all spectra have there. */
  for (size_t k = 0; k < P; k++)
    {
      shared_col[k] = -1;
      if (!is_shared[k] || (sopt->fit.fixed && sopt->fit.fixed[k]))
        continue;
      double sum = 0, cnt = 0;
      int pos = eis_circuit_param_kind (g->c, k) == EIS_PARAM_POSITIVE;
      for (int pass = 0; pass < 2 && cnt == 0; pass++)
        for (size_t j = 0; j < n; j++)
          if (pass || !sf->held[j * P + k])
            {
              const double *v = opt->start ? opt->start + j * P : sf->fits[j]->value;
              if (is_shared[k] == 2)
                {
                  double nn = v[g->arc_n[k]];
                  sum += (log (v[k]) + (1 - nn) * log (v[g->arc_r[k]])) / nn;
                }
              else
                sum += pos ? log (v[k]) : v[k];
              cnt++;
            }
      double mean = sum / cnt;
      /* A series inductance that ran to nothing in the cold spectra (where the leads do
       * not show) would stay there: log space has no gradient at 1e-10 H. Start it at
       * the leads' typical 0.1 uH (SCIENCE.md) and let the hot spectra decide. */
      if (strcmp (eis_circuit_param_unit (g->c, k), "H") == 0 && pos && mean < log (1e-9)
          && !opt->start)
        mean = log (1e-7);
      /* A series resistance shared as the leads' (a top-level R, temperature-independent)
       * that ran to nothing where the bulk arc hid it: start it at a typical lead resistance,
       * 1 Ohm (SCIENCE.md), for the same reason. */
      if (strcmp (eis_circuit_param_unit (g->c, k), "Ohm") == 0 && pos && mean < log (1e-2)
          && !opt->start)
        mean = log (1.0);
      shared_col[k] = (long) nx;
      g->x0[nx++] = pos ? mean : x_from_exp (mean);
    }
  for (size_t j = 0; j < n; j++)
    for (size_t k = 0; k < P; k++)
      if (g->mode[j * P + k] == M_SHARED || g->mode[j * P + k] == M_CEFF)
        g->col[j * P + k] = shared_col[k];
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
        {
          const double *v = opt->start ? opt->start + j * P : sf->fits[j]->value;
          double R = v[g->law_param[l]] - (l == 0 ? g->lead_ohm[j] : 0);
          sg[j] = g->cell_cm[j] / (R > 0 ? R : v[g->law_param[l]]);
        }
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
  g->ng = nx - g->n_loc;
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
  free (g->ceff);
  free (g->ceff_se);
  free (g->corr);
  free (g->chi2_spectrum);
  free (g->col);
  free (g->x);
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

/* ---- the block-arrow Levenberg-Marquardt solver ----
 * The Jacobian of the joint problem is block-sparse: the rows of spectrum j depend on its own
 * unknowns (block L_j) and on the global ones (block G_j: shared parameters, the laws). The
 * normal matrix J^T J is then block-arrow: A_j = L_j^T L_j on the diagonal, B_j = L_j^T G_j in
 * the border, C = sum G_j^T G_j in the corner. Each step solves it by the Schur complement
 * S = C - sum B_j^T A_j^-1 B_j (Triggs et al., Bundle adjustment - a modern synthesis, 2000,
 * sec. 6.1): cost linear in the number of spectra instead of cubic. Damping and scaling as
 * More (1978): N + lambda diag(D^2), D the largest column norms seen; lambda updated as
 * Nielsen (1999). */

typedef struct {
  EisGlobalProblem *g;
  size_t n, nx, ng, M;
  size_t *lo, *go;       /* n + 1: offsets of each spectrum's L_j and G_j blocks */
  size_t *ao, *bo;       /* n + 1: offsets of A_j and B_j */
  double *f, *ft;        /* M: residuals at x, at the trial */
  double *L, *G;         /* Jacobian blocks */
  double *A, *B, *C;     /* normal matrix blocks */
  double *gr;            /* nx: J^T f */
  double *D;             /* nx: scaling */
  double *Af, *E, *y;    /* damped A_j (factored), A_j^-1 B_j, A_j^-1 g_j */
  double *S, *dx, *xt;
} Lm;

static void
lm_free (Lm *w)
{
  free (w->lo);
  free (w->go);
  free (w->ao);
  free (w->bo);
  free (w->f);
  free (w->ft);
  free (w->L);
  free (w->G);
  free (w->A);
  free (w->B);
  free (w->C);
  free (w->gr);
  free (w->D);
  free (w->Af);
  free (w->E);
  free (w->y);
  free (w->S);
  free (w->dx);
  free (w->xt);
}

static int
lm_alloc (Lm *w, EisGlobalProblem *g)
{
  memset (w, 0, sizeof *w);
  w->g = g;
  w->n = g->n;
  w->nx = g->nx;
  w->ng = g->ng;
  w->M = g->M;
  size_t n = g->n, ng = g->ng;
  w->lo = calloc (n + 1, sizeof *w->lo);
  w->go = calloc (n + 1, sizeof *w->go);
  w->ao = calloc (n + 1, sizeof *w->ao);
  w->bo = calloc (n + 1, sizeof *w->bo);
  if (!w->lo || !w->go || !w->ao || !w->bo)
    return -1;
  for (size_t j = 0; j < n; j++)
    {
      size_t nl = g->loc_off[j + 1] - g->loc_off[j], rows = 2 * g->npts[j];
      w->lo[j + 1] = w->lo[j] + rows * nl;
      w->go[j + 1] = w->go[j] + rows * ng;
      w->ao[j + 1] = w->ao[j] + nl * nl;
      w->bo[j + 1] = w->bo[j] + nl * ng;
    }
  size_t M1 = w->M ? w->M : 1, nx1 = w->nx ? w->nx : 1, ng1 = ng ? ng : 1;
  w->f = malloc (M1 * sizeof (double));
  w->ft = malloc (M1 * sizeof (double));
  w->L = malloc ((w->lo[n] ? w->lo[n] : 1) * sizeof (double));
  w->G = malloc ((w->go[n] ? w->go[n] : 1) * sizeof (double));
  w->A = malloc ((w->ao[n] ? w->ao[n] : 1) * sizeof (double));
  w->Af = malloc ((w->ao[n] ? w->ao[n] : 1) * sizeof (double));
  w->B = malloc ((w->bo[n] ? w->bo[n] : 1) * sizeof (double));
  w->E = malloc ((w->bo[n] ? w->bo[n] : 1) * sizeof (double));
  w->C = malloc (ng1 * ng1 * sizeof (double));
  w->S = malloc (ng1 * ng1 * sizeof (double));
  w->gr = malloc (nx1 * sizeof (double));
  w->D = calloc (nx1, sizeof (double));
  w->y = malloc (nx1 * sizeof (double));
  w->dx = malloc (nx1 * sizeof (double));
  w->xt = malloc (nx1 * sizeof (double));
  return w->f && w->ft && w->L && w->G && w->A && w->Af && w->B && w->E && w->C && w->S
         && w->gr && w->D && w->y && w->dx && w->xt ? 0 : -1;
}

/* Residuals at X into F; the sum of their squares, or INFINITY where the model fails. */
static double
lm_chi2 (Lm *w, const double *x, double *f)
{
  EisGlobalProblem *g = w->g;
  double s = 0;
  for (size_t j = 0; j < w->n; j++)
    {
      double *fj = f + 2 * g->off[j];
      if (eval_block (g, x, j, fj, NULL, NULL) != 0)
        return INFINITY;
      for (size_t i = 0; i < 2 * g->npts[j]; i++)
        s += fj[i] * fj[i];
    }
  return s;
}

/* Residuals, Jacobian blocks and the normal matrix blocks at X. Returns -1 where the model
 * cannot be evaluated. */
static int
lm_normal (Lm *w, const double *x)
{
  EisGlobalProblem *g = w->g;
  size_t ng = w->ng;
  memset (w->C, 0, ng * ng * sizeof *w->C);
  memset (w->gr, 0, w->nx * sizeof *w->gr);
  double *gg = w->gr + g->n_loc;
  for (size_t j = 0; j < w->n; j++)
    {
      size_t rows = 2 * g->npts[j], nl = g->loc_off[j + 1] - g->loc_off[j];
      double *L = w->L + w->lo[j], *G = w->G + w->go[j], *fj = w->f + 2 * g->off[j];
      double *A = w->A + w->ao[j], *B = w->B + w->bo[j], *gl = w->gr + g->loc_off[j];
      if (eval_block (g, x, j, fj, L, G) != 0)
        return -1;
      memset (A, 0, nl * nl * sizeof *A);
      memset (B, 0, nl * ng * sizeof *B);
      for (size_t r = 0; r < rows; r++)
        {
          const double *Lr = L + r * nl, *Gr = G + r * ng;
          for (size_t a = 0; a < nl; a++)
            {
              if (Lr[a] == 0)
                continue;
              gl[a] += Lr[a] * fj[r];
              for (size_t b = a; b < nl; b++)
                A[a * nl + b] += Lr[a] * Lr[b];
              for (size_t b = 0; b < ng; b++)
                B[a * ng + b] += Lr[a] * Gr[b];
            }
          for (size_t a = 0; a < ng; a++)
            {
              if (Gr[a] == 0)
                continue;
              gg[a] += Gr[a] * fj[r];
              for (size_t b = a; b < ng; b++)
                w->C[a * ng + b] += Gr[a] * Gr[b];
            }
        }
      for (size_t a = 0; a < nl; a++)
        for (size_t b = 0; b < a; b++)
          A[a * nl + b] = A[b * nl + a];
    }
  for (size_t a = 0; a < ng; a++)
    for (size_t b = 0; b < a; b++)
      w->C[a * ng + b] = w->C[b * ng + a];
  return 0;
}

/* In-place Cholesky factor (lower) of the M x M matrix A; -1 when not positive definite. */
static int
chol (double *A, size_t m)
{
  for (size_t j = 0; j < m; j++)
    {
      double d = A[j * m + j];
      for (size_t k = 0; k < j; k++)
        d -= A[j * m + k] * A[j * m + k];
      if (!(d > 0) || !isfinite (d))
        return -1;
      d = sqrt (d);
      A[j * m + j] = d;
      for (size_t i = j + 1; i < m; i++)
        {
          double s = A[i * m + j];
          for (size_t k = 0; k < j; k++)
            s -= A[i * m + k] * A[j * m + k];
          A[i * m + j] = s / d;
        }
    }
  return 0;
}

/* Solves (L L^T) x = b in place for the factor of chol. */
static void
chol_solve (const double *Lf, size_t m, double *b)
{
  for (size_t i = 0; i < m; i++)
    {
      double s = b[i];
      for (size_t k = 0; k < i; k++)
        s -= Lf[i * m + k] * b[k];
      b[i] = s / Lf[i * m + i];
    }
  for (size_t i = m; i-- > 0;)
    {
      double s = b[i];
      for (size_t k = i + 1; k < m; k++)
        s -= Lf[k * m + i] * b[k];
      b[i] = s / Lf[i * m + i];
    }
}

/* The damped step: (N + lambda diag(D^2)) dx = -J^T f by the Schur complement. Returns -1
 * when a block is not positive definite. */
static int
lm_step (Lm *w, double lambda)
{
  EisGlobalProblem *g = w->g;
  size_t ng = w->ng;
  double *S = w->S, *dg = w->dx + g->n_loc;
  memcpy (S, w->C, ng * ng * sizeof *S);
  for (size_t a = 0; a < ng; a++)
    {
      S[a * ng + a] += lambda * w->D[g->n_loc + a] * w->D[g->n_loc + a];
      dg[a] = -w->gr[g->n_loc + a];
    }
  double *col = malloc ((g->P ? g->P : 1) * sizeof *col);
  if (col == NULL)
    return -1;
  for (size_t j = 0; j < w->n; j++)
    {
      size_t l0 = g->loc_off[j], nl = g->loc_off[j + 1] - l0;
      double *Af = w->Af + w->ao[j], *B = w->B + w->bo[j], *E = w->E + w->bo[j];
      double *y = w->y + l0;
      memcpy (Af, w->A + w->ao[j], nl * nl * sizeof *Af);
      for (size_t a = 0; a < nl; a++)
        Af[a * nl + a] += lambda * w->D[l0 + a] * w->D[l0 + a];
      if (chol (Af, nl) != 0)
        {
          free (col);
          return -1;
        }
      for (size_t a = 0; a < nl; a++)
        y[a] = w->gr[l0 + a];
      chol_solve (Af, nl, y);
      for (size_t b = 0; b < ng; b++)
        {
          for (size_t a = 0; a < nl; a++)
            col[a] = B[a * ng + b];
          chol_solve (Af, nl, col);
          for (size_t a = 0; a < nl; a++)
            E[a * ng + b] = col[a];
        }
      /* S -= B^T E; rhs += B^T y */
      for (size_t a = 0; a < ng; a++)
        {
          for (size_t b = 0; b < ng; b++)
            {
              double s = 0;
              for (size_t q = 0; q < nl; q++)
                s += B[q * ng + a] * E[q * ng + b];
              S[a * ng + b] -= s;
            }
          double s = 0;
          for (size_t q = 0; q < nl; q++)
            s += B[q * ng + a] * y[q];
          dg[a] += s;
        }
    }
  free (col);
  if (ng > 0)
    {
      if (chol (S, ng) != 0)
        return -1;
      chol_solve (S, ng, dg);
    }
  for (size_t j = 0; j < w->n; j++)
    {
      size_t l0 = g->loc_off[j], nl = g->loc_off[j + 1] - l0;
      const double *E = w->E + w->bo[j];
      for (size_t a = 0; a < nl; a++)
        {
          double s = w->y[l0 + a];
          for (size_t b = 0; b < ng; b++)
            s += E[a * ng + b] * dg[b];
          w->dx[l0 + a] = -s;
        }
    }
  return 0;
}

/* Minimises the joint chi2 from X (updated in place). Returns 1 when converged. */
static int
lm_run (Lm *w, double *x, int max_iter, int *iterations, double *chi2, char *msg, size_t len)
{
  size_t nx = w->nx;
  if (lm_normal (w, x) != 0)
    {
      snprintf (msg, len, "the model cannot be evaluated at the start");
      return 0;
    }
  double S = 0;
  for (size_t i = 0; i < w->M; i++)
    S += w->f[i] * w->f[i];
  double lambda = 1e-3, nu = 2;
  int conv = 0, it = 0;
  const char *why = "iteration is not making progress towards solution";
  for (it = 0; it < max_iter && !conv; it++)
    {
      /* More's scaling: the largest column norm seen so far. */
      for (size_t j = 0; j < w->n; j++)
        {
          size_t l0 = w->g->loc_off[j], nl = w->g->loc_off[j + 1] - l0;
          for (size_t a = 0; a < nl; a++)
            w->D[l0 + a] = fmax (w->D[l0 + a], sqrt (w->A[w->ao[j] + a * nl + a]));
        }
      for (size_t a = 0; a < w->ng; a++)
        w->D[w->g->n_loc + a] = fmax (w->D[w->g->n_loc + a],
                                      sqrt (w->C[a * w->ng + a]));
      for (size_t i = 0; i < nx; i++)
        if (!(w->D[i] > 0))
          w->D[i] = 1e-12;
      int accepted = 0;
      while (!accepted)
        {
          if (lambda > 1e20)
            goto stop;
          if (lm_step (w, lambda) != 0)
            {
              lambda *= nu;
              nu *= 2;
              continue;
            }
          for (size_t i = 0; i < nx; i++)
            w->xt[i] = x[i] + w->dx[i];
          double St = lm_chi2 (w, w->xt, w->ft);
          /* predicted reduction: -dx.g + lambda dx.D^2 dx (Nielsen) */
          double pred = 0;
          for (size_t i = 0; i < nx; i++)
            pred += -w->dx[i] * w->gr[i] + lambda * w->D[i] * w->D[i] * w->dx[i] * w->dx[i];
          if (isfinite (St) && St < S)
            {
              double rho = pred > 0 ? (S - St) / pred : 0;
              double t = 2 * rho - 1;
              lambda *= fmax (1.0 / 3, 1 - t * t * t);
              nu = 2;
              double dmax = 0;
              for (size_t i = 0; i < nx; i++)
                dmax = fmax (dmax, fabs (w->dx[i]) / (fabs (x[i]) + 1e-10));
              double drop = (S - St) / S;
              memcpy (x, w->xt, nx * sizeof *x);
              S = St;
              accepted = 1;
              if (lm_normal (w, x) != 0)
                {
                  why = "the model cannot be evaluated";
                  goto stop;
                }
              if (dmax < 1e-10 || (drop < 1e-14 && dmax < 1e-7))
                conv = 1;
            }
          else
            {
              /* No decrease: converged when the step is already negligible. */
              double dmax = 0;
              for (size_t i = 0; i < nx; i++)
                dmax = fmax (dmax, fabs (w->dx[i]) / (fabs (x[i]) + 1e-10));
              if (dmax < 1e-10)
                {
                  conv = 1;
                  break;
                }
              lambda *= nu;
              nu *= 2;
            }
        }
    }
  if (!conv)
    why = "exceeded max number of iterations";
stop:
  if (!conv)
    {
      /* As the dense driver's fallback: a relative step below 1e-7 at the last accepted
       * point counts as converged. */
      double gmax = 0;
      for (size_t i = 0; i < nx; i++)
        gmax = fmax (gmax, fabs (w->gr[i]) * fmax (fabs (x[i]), 1) / fmax (S, 1e-300));
      if (gmax < 1e-7)
        conv = 1;
    }
  *iterations = it;
  *chi2 = S;
  snprintf (msg, len, "%s after %d iterations", conv ? "converged" : why, it);
  return conv;
}

/* Moore-Penrose inverse of the symmetric positive semi-definite M x M matrix A into OUT,
 * after scaling to unit diagonal: directions with eigenvalues below 1e-14 of the largest are
 * left out, and the unknowns in them flagged in UNDET (not determined). */
static int
pinv_sym (const double *A, size_t m, double *out, int *undet)
{
  if (m == 0)
    return 0;
  gsl_matrix *a = gsl_matrix_alloc (m, m), *V = gsl_matrix_alloc (m, m);
  gsl_vector *ev = gsl_vector_alloc (m);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc (m);
  double *sc = malloc (m * sizeof *sc);
  int st = -1;
  if (!a || !V || !ev || !ws || !sc)
    goto done;
  for (size_t i = 0; i < m; i++)
    sc[i] = A[i * m + i] > 0 ? 1 / sqrt (A[i * m + i]) : 0;
  for (size_t i = 0; i < m; i++)
    for (size_t k = 0; k < m; k++)
      gsl_matrix_set (a, i, k, A[i * m + k] * sc[i] * sc[k]);
  if (gsl_eigen_symmv (a, ev, V, ws) != GSL_SUCCESS)
    goto done;
  double emax = 0;
  for (size_t q = 0; q < m; q++)
    emax = fmax (emax, gsl_vector_get (ev, q));
  for (size_t i = 0; i < m; i++)
    for (size_t k = 0; k < m; k++)
      {
        double s = 0;
        for (size_t q = 0; q < m; q++)
          {
            double e = gsl_vector_get (ev, q);
            if (e > 1e-14 * emax)
              s += gsl_matrix_get (V, i, q) * gsl_matrix_get (V, k, q) / e;
          }
        out[i * m + k] = s * sc[i] * sc[k];
      }
  for (size_t q = 0; q < m; q++)
    if (!(gsl_vector_get (ev, q) > 1e-14 * emax))
      for (size_t i = 0; i < m; i++)
        if (fabs (gsl_matrix_get (V, i, q)) > 0.1 || sc[i] == 0)
          undet[i] = 1;
  for (size_t i = 0; i < m; i++)
    if (sc[i] == 0)
      undet[i] = 1;
  st = 0;
done:
  gsl_matrix_free (a);
  gsl_matrix_free (V);
  gsl_vector_free (ev);
  if (ws)
    gsl_eigen_symmv_free (ws);
  free (sc);
  return st;
}

/* The joint covariance s^2 N^-1 (nx x nx, in the natural unknowns) from the blocks of the
 * normal matrix N at X: with E_j = A_j^-1 B_j and the Schur complement S,
 * cov_gg = S^-1, cov_jg = -E_j S^-1, cov_jk = delta_jk A_j^-1 + E_j S^-1 E_k^T. */
static void
block_covariance (Lm *w, const double *x, double s2, double *cov)
{
  EisGlobalProblem *g = w->g;
  size_t nx = w->nx, ng = w->ng, nl0 = g->n_loc;
  for (size_t i = 0; i < nx * nx; i++)
    cov[i] = NAN;
  double *xn = malloc ((nx ? nx : 1) * sizeof *xn);
  int *undet = calloc (nx ? nx : 1, sizeof *undet);
  double *Sinv = malloc ((ng ? ng * ng : 1) * sizeof *Sinv);
  double *Ainv = malloc ((w->ao[w->n] ? w->ao[w->n] : 1) * sizeof *Ainv);
  double *ES = malloc ((w->bo[w->n] ? w->bo[w->n] : 1) * sizeof *ES);
  if (!xn || !undet || !Sinv || !Ainv || !ES)
    goto done;
  eis_global_problem_natural (g, x, xn);
  int st = lm_normal (w, xn);
  g->natural = 0;
  if (st != 0)
    goto done;
  memcpy (w->S, w->C, ng * ng * sizeof *w->S);
  for (size_t j = 0; j < w->n; j++)
    {
      size_t l0 = g->loc_off[j], nl = g->loc_off[j + 1] - l0;
      double *Ai = Ainv + w->ao[j], *B = w->B + w->bo[j], *E = w->E + w->bo[j];
      if (pinv_sym (w->A + w->ao[j], nl, Ai, undet + l0) != 0)
        goto done;
      for (size_t a = 0; a < nl; a++)
        for (size_t b = 0; b < ng; b++)
          {
            double s = 0;
            for (size_t q = 0; q < nl; q++)
              s += Ai[a * nl + q] * B[q * ng + b];
            E[a * ng + b] = s;
          }
      for (size_t a = 0; a < ng; a++)
        for (size_t b = 0; b < ng; b++)
          {
            double s = 0;
            for (size_t q = 0; q < nl; q++)
              s += B[q * ng + a] * E[q * ng + b];
            w->S[a * ng + b] -= s;
          }
    }
  if (pinv_sym (w->S, ng, Sinv, undet + nl0) != 0)
    goto done;
  /* ES_j = E_j S^-1 */
  for (size_t j = 0; j < w->n; j++)
    {
      size_t nl = g->loc_off[j + 1] - g->loc_off[j];
      const double *E = w->E + w->bo[j];
      double *es = ES + w->bo[j];
      for (size_t a = 0; a < nl; a++)
        for (size_t b = 0; b < ng; b++)
          {
            double s = 0;
            for (size_t q = 0; q < ng; q++)
              s += E[a * ng + q] * Sinv[q * ng + b];
            es[a * ng + b] = s;
          }
    }
  for (size_t a = 0; a < ng; a++)
    for (size_t b = 0; b < ng; b++)
      cov[(nl0 + a) * nx + nl0 + b] = s2 * Sinv[a * ng + b];
  for (size_t j = 0; j < w->n; j++)
    {
      size_t lj = g->loc_off[j], nj = g->loc_off[j + 1] - lj;
      const double *esj = ES + w->bo[j], *Ai = Ainv + w->ao[j];
      for (size_t a = 0; a < nj; a++)
        for (size_t b = 0; b < ng; b++)
          cov[(lj + a) * nx + nl0 + b] = cov[(nl0 + b) * nx + lj + a] = -s2 * esj[a * ng + b];
      for (size_t k = 0; k < w->n; k++)
        {
          size_t lk = g->loc_off[k], nk = g->loc_off[k + 1] - lk;
          const double *Ek = w->E + w->bo[k];
          for (size_t a = 0; a < nj; a++)
            for (size_t b = 0; b < nk; b++)
              {
                double s = j == k ? Ai[a * nj + b] : 0;
                for (size_t q = 0; q < ng; q++)
                  s += esj[a * ng + q] * Ek[b * ng + q];
                cov[(lj + a) * nx + lk + b] = s2 * s;
              }
        }
    }
  for (size_t i = 0; i < nx; i++)
    if (undet[i])
      cov[i * nx + i] = INFINITY;
done:
  free (xn);
  free (undet);
  free (Sinv);
  free (Ainv);
  free (ES);
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
  r->ceff = malloc ((P ? P : 1) * sizeof *r->ceff);
  r->ceff_se = malloc ((P ? P : 1) * sizeof *r->ceff_se);
  r->corr = calloc (nx * nx, sizeof *r->corr);
  r->names = calloc (nx, sizeof *r->names);
  r->chi2_spectrum = calloc (n, sizeof *r->chi2_spectrum);
  r->col = calloc (n * (P ? P : 1), sizeof *r->col);
  cov = malloc (nx * nx * sizeof *cov);
  x = malloc (nx * sizeof *x);
  if (!r->value || !r->stderr_ || !r->shared || !r->ceff || !r->ceff_se || !r->corr || !r->names || !r->chi2_spectrum
      || !r->col || !cov || !x)
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
        else if (g->mode[jk] == M_CEFF)
          snprintf (buf, sizeof buf, "%s_Ceff", eis_circuit_param_name (g->c, k));
        else
          continue;
        if (r->names[g->col[jk]] == NULL)
          r->names[g->col[jk]] = strdup (buf);
        r->shared[k] = g->mode[jk] == M_SHARED ? 1 : g->mode[jk] == M_CEFF ? 2 : 0;
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

  int max_iter = opt->max_iter > 0 ? opt->max_iter : 500;
  double S = 0;
  double *fres = malloc ((M ? M : 1) * sizeof *fres);
  if (fres == NULL)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto out;
    }
  if (opt->dense)
    {
      /* The dense problem through GSL (for comparison: make bench, the unit tests). */
      gsl_multifit_nlinear_parameters fpar = gsl_multifit_nlinear_default_parameters ();
      fpar.trs = gsl_multifit_nlinear_trs_lm;
      fpar.scale = gsl_multifit_nlinear_scale_more;
      fpar.solver = gsl_multifit_nlinear_solver_cholesky;
      w = gsl_multifit_nlinear_alloc (gsl_multifit_nlinear_trust, &fpar, M, nx);
      if (w == NULL)
        {
          free (fres);
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
          free (fres);
          status = eis_error_set (err, EIS_ERR_FIT, "the joint model cannot be evaluated at "
                                  "the start (the series fit's values)");
          goto out;
        }
      int info = 0;
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
      memcpy (fres, gsl_multifit_nlinear_residual (w)->data, M * sizeof *fres);
    }
  else
    {
      Lm lm;
      if (lm_alloc (&lm, g) != 0)
        {
          lm_free (&lm);
          free (fres);
          status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
          goto out;
        }
      memcpy (x, g->x0, nx * sizeof *x);
      if (!isfinite (lm_chi2 (&lm, x, lm.f)))
        {
          lm_free (&lm);
          free (fres);
          status = eis_error_set (err, EIS_ERR_FIT, "the joint model cannot be evaluated at "
                                  "the start (the series fit's values)");
          goto out;
        }
      double chi2;
      r->converged = lm_run (&lm, x, max_iter, &r->iterations, &chi2, r->message,
                             sizeof r->message);
      lm_free (&lm);
    }
  {
    Lm lm;
    if (lm_alloc (&lm, g) != 0 || !isfinite (lm_chi2 (&lm, x, fres)))
      {
        lm_free (&lm);
        free (fres);
        status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
        goto out;
      }
    for (size_t i = 0; i < M; i++)
      S += fres[i] * fres[i];
    r->chi2 = S;
    for (size_t j = 0; j < n; j++)
      {
        double sj = 0;
        for (size_t i = 2 * g->off[j]; i < 2 * g->off[j + 1]; i++)
          sj += fres[i] * fres[i];
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
    if (opt->dense)
      joint_covariance (g, x, r->reduced_chi2, cov);
    else
      block_covariance (&lm, x, r->reduced_chi2, cov);
    lm_free (&lm);
  }
  free (fres);
  for (size_t a = 0; a < nx; a++)
    for (size_t b = 0; b < nx; b++)
      r->corr[a * nx + b] = cov[a * nx + b] / sqrt (cov[a * nx + a] * cov[b * nx + b]);

  /* Values and errors per spectrum: var p = d^T cov d over the unknowns p depends on (in the
   * natural unknowns). */
  {
    double *xn = malloc ((nx ? nx : 1) * sizeof *xn);
    if (xn == NULL)
      {
        status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
        goto out;
      }
    eis_global_problem_natural (g, x, xn);
    for (size_t j = 0; j < n; j++)
      {
        params_of (g, xn, j);
        for (size_t k = 0; k < P; k++)
          {
            size_t jk = j * P + k;
            double var = 0;
            for (int a = 0; a < g->nd[k]; a++)
              for (int b = 0; b < g->nd[k]; b++)
                var += g->dval[k * ND + (size_t) a] * g->dval[k * ND + (size_t) b]
                       * cov[(size_t) g->dcol[k * ND + (size_t) a] * nx
                             + (size_t) g->dcol[k * ND + (size_t) b]];
            r->value[jk] = g->p[k];
            r->stderr_[jk] = g->mode[jk] == M_FIXED ? 0 : sqrt (var);
          }
      }
    g->natural = 0;
    free (xn);
  }
  for (size_t k = 0; k < P; k++)
    {
      r->ceff[k] = r->ceff_se[k] = NAN;
      for (size_t j = 0; j < n && r->shared[k] == 2; j++)
        if (g->mode[j * P + k] == M_CEFF)
          {
            size_t c = (size_t) g->col[j * P + k];
            r->ceff[k] = exp (x[c]);
            r->ceff_se[k] = r->ceff[k] * sqrt (cov[c * nx + c]);
            break;
          }
    }
  /* The laws. */
  r->n_laws = g->n_laws;
  for (size_t l = 0; l < g->n_laws; l++)
    {
      EisGlobalLawFit *L = &r->laws[l];
      long c0 = g->law_col[l];
      const double *lx = x + c0;
      /* an intercept that holds bulk and grain boundary in most spectra (no electrolyte arc
       * beyond it: EisConductivity.intercept_total) binds the total's law, not the bulk's */
      size_t n_tot = 0;
      for (size_t j = 0; l == 0 && j < sf->n; j++)
        n_tot += sf->fits[j] && sf->cond[j].intercept_total;
      snprintf (L->what, sizeof L->what, "%s", l > 0 ? "grain_boundary"
                : 2 * n_tot > sf->n ? "total" : "bulk");
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
          /* T0 ran to an edge of (0, Tmin) (as in the two-step VTF fit): its derivative
           * vanishes, and the error from it is no error: not determined by the data. */
          if (sg * (1 - sg) < 1e-6)
            L->T0_se_K = NAN;
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
      L->sigma_ref = law_sigma_at (g, lx, L->T0_K, r->T_ref_K, d, L->sigma_ref_why,
                                   sizeof L->sigma_ref_why);
      L->sigma_ref_se = NAN;
      if (isfinite (L->sigma_ref))
        {
          for (size_t a = 0; a < nl; a++)
            for (size_t b = 0; b < nl; b++)
              var += d[a] * d[b] * cov[(size_t) (c0 + (long) a) * nx + (size_t) c0 + b];
          if (isfinite (var) && var >= 0)
            L->sigma_ref_se = L->sigma_ref * sqrt (var);
        }
      L->sigma_25C = law_sigma_at (g, lx, L->T0_K, EIS_T_REF_DEFAULT_K, d, NULL, 0);
    }
  r->x = x;
  x = NULL;
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
          /* fixed now means fixed in the joint fit: by the user, or held there */
          r->fixed[a] = g->col[j * P + a] < 0 && r->stderr_[a] == 0;
        }
      r->chi2 = g->chi2_spectrum[j];
      /* everything said of this fit is now the joint fit's: residuals, runs test, dof, BIC,
       * bounds and flags at these values; the solver's iterations, status and message */
      eis_fit_result_restate (r, f->circuit, s->items[j].spectrum, &opt->fit);
      r->iterations = g->iterations;
      r->n_starts = 0;
      r->status = g->converged ? EIS_FIT_CONVERGED
                  : strstr (g->message, "max number") ? EIS_FIT_MAXITER : EIS_FIT_STALLED;
      snprintf (r->message, sizeof r->message, "joint fit of the series (%zu spectra, %zu "
                "unknowns): %.180s", g->n, g->n_free, g->message);
      for (size_t a = 0; a < P; a++)
        if (g->col[j * P + a] >= 0 || g->shared[a] == 2 || r->stderr_[a] != 0)
          f->held[j * P + a] = 0;
    }
  if (f->shared == NULL && (f->shared = calloc (P ? P : 1, sizeof *f->shared)) == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  for (size_t a = 0; a < P; a++)
    f->shared[a] = g->shared[a];
  int st = eis_series_fit_analyse (f, s, opt, err);
  if (st == EIS_OK && eis_series_fit_jumps (f, s) != 0)
    st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  return st;
}


/* The options of a joint fit that shares SHARED (and what the series holds), except the
 * parameters marked in UNSHARE (may be NULL); its iterations those the user gave the fits
 * (OPT's max_iter, --max-iter), else the joint fit's default. */
static void
joint_options (EisGlobalOptions *go, const EisSeriesFitOptions *opt, const char *const *shared,
               size_t n_shared, const int *unshare)
{
  eis_global_options_init (go);
  go->max_iter = opt->fit.max_iter > 0 ? opt->fit.max_iter : 0;
  go->shared = shared;
  go->n_shared = n_shared;
  go->share_held = 1;
  go->unshare = unshare;
}

/* The joint fit of S with the parameters marked in UNSHARE (may be NULL) not shared. */
static int
joint_with (const EisSpectrumSeries *s, const EisSeriesFitOptions *opt, const EisSeriesFit *f,
            const char *const *shared, size_t n_shared, const int *unshare, EisGlobalFit **out,
            EisError *err)
{
  EisGlobalOptions go;
  joint_options (&go, opt, shared, n_shared, unshare);
  return eis_series_global_fit (s, opt, f, &go, out, err);
}

/* The alternative "free in each spectrum" (UNSHARE marks it) of the joint fit G, which it
 * contains: G's optimum, with the held values at G's, is one of its points, so its optimum
 * cannot lie above G's sum of squares S. It is fitted from the series fit's values and from
 * G's optimum, and the lower converged S is kept. NULL (WHY says why) when neither converged,
 * or the better still ends above G's S (beyond round-off): the solver was lost, and a
 * comparison with it would favour the sharing. */
static EisGlobalFit *
free_alternative (const EisSpectrumSeries *s, const EisSeriesFitOptions *opt,
                  const EisSeriesFit *f, const char *const *shared, size_t n_shared,
                  const int *unshare, const EisGlobalFit *g, char *why, size_t why_len)
{
  EisGlobalFit *best = NULL;
  for (int from_g = 0; from_g < 2; from_g++)
    {
      EisGlobalOptions go;
      joint_options (&go, opt, shared, n_shared, unshare);
      go.start = from_g ? g->value : NULL;
      /* a solver that stopped short (iterations, no progress) goes on once from where it
       * stopped, its scaling and damping afresh */
      EisGlobalFit *alt = NULL;
      for (int again = 0; again < 2 && !(alt && alt->converged); again++)
        {
          EisGlobalFit *next = NULL;
          EisError e2 = { 0 };
          if (alt)
            go.start = alt->value;
          if (eis_series_global_fit (s, opt, f, &go, &next, &e2) != EIS_OK
              || !isfinite (next->chi2))
            {
              eis_global_fit_free (next);
              break;
            }
          eis_global_fit_free (alt);
          alt = next;
        }
      if (alt == NULL || !alt->converged || (best && !(alt->chi2 < best->chi2)))
        {
          eis_global_fit_free (alt);
          continue;
        }
      eis_global_fit_free (best);
      best = alt;
    }
  if (best == NULL)
    snprintf (why, why_len, "the joint fit with it free in each spectrum did not converge");
  else if (best->chi2 > g->chi2 * (1 + 1e-8))
    {
      snprintf (why, why_len, "the joint fit with it free in each spectrum, started from the "
                "shared optimum it contains, ended at a higher chi2 (%.6g against %.6g)",
                best->chi2, g->chi2);
      eis_global_fit_free (best);
      best = NULL;
    }
  return best;
}

/* The series resistance of F's circuit that can only be the leads: a resistance in series with
 * the whole circuit, in a series that spans temperatures, where some spectrum's roles take an
 * arc for the bulk; -1 when none. */
static long
leads_resistance (const EisSeriesFit *f, const EisSpectrumSeries *s)
{
  long k = eis_circuit_series_resistance (f->circuit, NULL);
  if (k < 0 || f->cond == NULL)
    return -1;
  if (!eis_spectrum_series_spans_temperature (s))
    return -1;
  for (size_t j = 0; j < f->n; j++)
    for (size_t a = 0; a < f->cond[j].n_arcs; a++)
      if (f->cond[j].arcs[a].role == EIS_ROLE_BULK && f->cond[j].arcs[a].r_index >= 0
          && f->cond[j].arcs[a].r_index != k)
        return k;
  return -1;
}

static int joint_fit (EisSeriesFit *f, const EisSpectrumSeries *s,
                      const EisSeriesFitOptions *opt, const char *const *shared,
                      size_t n_shared, int leads, EisGlobalFit **out, EisError *err);

/* 1 when some spectrum of F leaves a parameter of group Q (GROUP: 1 + the group of each of the
 * P parameters) free, not held on its neighbours' course. */
static int
group_determined (const EisSeriesFit *f, const int *group, int q, size_t P)
{
  for (size_t j = 0; j < f->n; j++)
    for (size_t k = 0; k < P; k++)
      if (group[k] == q && !f->held[j * P + k])
        return 1;
  return 0;
}

int
eis_series_fit_joint (EisSeriesFit *f, const EisSpectrumSeries *s,
                      const EisSeriesFitOptions *opt, const char *const *shared,
                      size_t n_shared, EisGlobalFit **out, EisError *err)
{
  return joint_fit (f, s, opt, shared, n_shared, 0, out, err);
}

/* The smallest positive Z' of the series' spectra [Ohm]; INFINITY for none. */
static double
series_zmin (const EisSpectrumSeries *s)
{
  double z = INFINITY;
  for (size_t j = 0; j < s->n; j++)
    for (size_t i = 0; i < s->items[j].spectrum->n; i++)
      if (s->items[j].spectrum->z_re[i] > 0)
        z = fmin (z, s->items[j].spectrum->z_re[i]);
  return z;
}

/* LEADS 0: the joint fit as it is, and once more with the leads' resistance bound
 * (leads_resistance) when a sharing could not be tested; 1: that second fit, with the leads'
 * resistance bound; 2: the first again, when the second did not hold. */
static int
joint_fit (EisSeriesFit *f, const EisSpectrumSeries *s, const EisSeriesFitOptions *opt,
           const char *const *shared, size_t n_shared, int leads, EisGlobalFit **out,
           EisError *err)
{
  *out = NULL;
  f->n_share_tests = 0;
  size_t P = eis_circuit_n_params (f->circuit), P1 = P ? P : 1;
  /* what the series holds, and the capacitances of the arcs a spectrum does not separate into
   * bulk and grain boundary: shared, the series may split them there (and the data test it) */
  long nb = eis_series_fit_bind_unseparated (f);
  if (nb < 0)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  /* and the leads' series inductance: a property of the cables, the same at every
   * temperature (the series' choice counts it once, fit_along); tested against free in each
   * spectrum and left out */
  long lead_l = eis_circuit_series_inductance (f->circuit);
  if (lead_l >= 0 && !(opt->fit.fixed && opt->fit.fixed[lead_l]))
    {
      if (f->bind == NULL && (f->bind = calloc (P1, sizeof *f->bind)) == NULL)
        return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      nb += !f->bind[lead_l];
      f->bind[lead_l] = 1;
    }
  /* and the leads' series resistance: a resistance in series with the whole circuit, where the
   * series takes an arc for the bulk in some spectrum (that arc, not the intercept, is the
   * bulk: the series resistance is only the leads and cell holder, the same at every
   * temperature); tested against free in each spectrum. Free in each, it traded with the bulk
   * arc wherever that arc peaks above the top: a pellet measured to 7 MHz with 0.4 Ohm of leads
   * got R0 = 124 Ohm at -10 degC and sigma_bulk 5 to 9 standard errors low at -10 to 30 degC. */
  long lead_r = leads == 1 ? leads_resistance (f, s) : -1;
  int lead_r_bound = 0;
  if (lead_r >= 0 && !(opt->fit.fixed && opt->fit.fixed[lead_r]))
    {
      lead_r_bound = f->bind == NULL || !f->bind[lead_r];
      if (f->bind == NULL && (f->bind = calloc (P1, sizeof *f->bind)) == NULL)
        return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      nb += !f->bind[lead_r];
      f->bind[lead_r] = 1;
    }
  int held_any = 0;
  for (size_t i = 0; i < f->n * P && !held_any; i++)
    held_any = f->held[i] != 0;
  int any = n_shared > 0 || nb > 0 || held_any;
  /* a joint fit only for that: given up (F unchanged) when it does not converge or its
   * sharing cannot be tested */
  int only_bind = n_shared == 0 && !held_any && nb > 0;
  if (!any)   /* (a series resistance that can only be the leads is still tried shared) */
    return leads == 0 && leads_resistance (f, s) >= 0
           ? joint_fit (f, s, opt, shared, n_shared, 1, out, err) : EIS_OK;
  EisGlobalFit *g = NULL;
  int st = joint_with (s, opt, f, shared, n_shared, NULL, &g, err);
  if (st != EIS_OK)
    return st;
  /* The sharing tests itself: each group (an arc's C_eff with its exponent, an inductance, a
   * parameter --shared names) against the same joint fit with that group otherwise: free in
   * every spectrum that determines it and held on its neighbours' course in the others; for
   * an arc, its Q shared instead of its C_eff (a CPE whose Q and n stay constant with T); for
   * an inductance, left out. All are one least-squares problem over the same points, so their
   * BICs, M ln(S/M) + P ln M, compare directly. A sharing that the best alternative beats by
   * more than EIS_SERIES_SHARE_DBIC is not used (unless the user named it): it would bias
   * every resistance of the series. Greedy: the worst sharing goes first, and the others are
   * tested again against the fit without it. */
  int *group = calloc (P1, sizeof *group);      /* 1 + the group of each shared parameter */
  int *how = calloc (P1, sizeof *how);          /* the decision so far (EisShareHow) */
  int *trial = calloc (P1, sizeof *trial);
  if (group == NULL || how == NULL || trial == NULL)
    {
      free (group);
      free (how);
      free (trial);
      eis_global_fit_free (g);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  int n_groups = 0, is_arc[EIS_SERIES_MAX_SHARE_TESTS + 1] = { 0 },
      is_l[EIS_SERIES_MAX_SHARE_TESTS + 1] = { 0 }, done[EIS_SERIES_MAX_SHARE_TESTS + 1] = { 0 },
      is_lr[EIS_SERIES_MAX_SHARE_TESTS + 1] = { 0 };
  for (size_t k = 0; k < P; k++)
    if (g->shared[k] && group[k] == 0 && n_groups < EIS_SERIES_MAX_SHARE_TESTS)
      {
        group[k] = ++n_groups;
        long e = g->shared[k] == 2 ? arc_exponent (f->circuit, k, NULL) : -1;
        if (e >= 0 && g->shared[e] == 1)
          group[e] = group[k];
        is_arc[n_groups] = g->shared[k] == 2;
        is_l[n_groups] = strcmp (eis_circuit_param_unit (f->circuit, k), "H") == 0
                         && eis_circuit_param_kind (f->circuit, k) == EIS_PARAM_POSITIVE;
        is_lr[n_groups] = (long) k == lead_r;
      }
  for (int q = 1; q <= n_groups; q++)
    {
      EisSeriesShareTest *t = &f->share_tests[f->n_share_tests++];
      memset (t, 0, sizeof *t);
      size_t used = 0;
      for (size_t k = 0; k < P; k++)
        if (group[k] == q)
          {
            for (size_t i = 0; i < n_shared; i++)
              t->given |= strcmp (shared[i], eis_circuit_param_name (f->circuit, k)) == 0;
            if (used < sizeof t->names)
              used += (size_t) snprintf (t->names + used, sizeof t->names - used, "%s%s%s",
                                         used ? ", " : "", eis_circuit_param_name (f->circuit, k),
                                         g->shared[k] == 2 ? "_Ceff" : "");
          }
    }
  int n_rejected = 0;
  for (int round = 0; round < n_groups; round++)
    {
      int worst = 0, worst_lr = 0;
      double worst_d = -INFINITY, worst_lr_d = -INFINITY;
      EisGlobalFit *worst_fit = NULL, *worst_lr_fit = NULL;
      for (int q = 1; q <= n_groups; q++)
        {
          EisSeriesShareTest *t = &f->share_tests[q - 1];
          if (done[q])
            continue;
          EisShareHow alts[2] = { EIS_SHARE_NONE, is_arc[q] ? EIS_SHARE_AS_Q
                                  : is_l[q] ? EIS_SHARE_ABSENT : EIS_SHARE_NONE };
          t->delta_bic = t->chi2_free = t->S_free = NAN;
          t->alternative = EIS_SHARE_NONE;
          t->chi2_shared = g->reduced_chi2;
          t->S_shared = g->chi2;
          t->why[0] = 0;
          t->untested = 0;
          int free_failed = 0;
          double best_excess = -INFINITY;
          for (int ai = 0; ai < (alts[1] != alts[0] ? 2 : 1); ai++)
            {
              for (size_t k = 0; k < P; k++)
                trial[k] = group[k] == q ? (int) alts[ai] : how[k];
              EisGlobalFit *alt = NULL;
              EisError e2 = { 0 };
              /* Free in each spectrum that determines it, held on the series fit's values in
               * the others: where no spectrum determines it, nothing is left free, and that
               * "alternative" is the sharing with its values fixed where the series fit put
               * them, whose BIC lacks the shared parameters' penalty and whose errors lack
               * their uncertainty. It is no alternative: the sharing stands (a Li|LLZO|Li
               * series with the bulk arc above the top: the bulk CPE held at Q 2.11e-10,
               * n 0.875 in every loop, truth 6.0e-11 and 0.95, sigma_bulk 1 to 4.5 s.e.
               * low, "rejected" by Delta BIC 13.5 = the two parameters' penalty). */
              if (alts[ai] == EIS_SHARE_NONE && !group_determined (f, group, q, P))
                {
                  if (!t->why[0])
                    snprintf (t->why, sizeof t->why, "free in each spectrum is no alternative: "
                              "no spectrum determines it alone");
                  continue;
                }
              if (alts[ai] == EIS_SHARE_NONE)
                {
                  alt = free_alternative (s, opt, f, shared, n_shared, trial, g, t->why,
                                          sizeof t->why);
                  free_failed = alt == NULL;
                  if (alt == NULL)
                    continue;
                }
              else if (joint_with (s, opt, f, shared, n_shared, trial, &alt, &e2) != EIS_OK
                       || !alt->converged)
                {
                  eis_global_fit_free (alt);
                  continue;
                }
              /* by how much the alternative beats the sharing beyond the threshold; an
               * inductance stays only when the data ask for it: leaving it out wins at any
               * lower BIC (the simpler circuit) */
              double d = g->bic - alt->bic;
              double excess = d - (alts[ai] == EIS_SHARE_ABSENT ? 0 : EIS_SERIES_SHARE_DBIC);
              if (excess > best_excess)
                {
                  best_excess = excess;
                  t->delta_bic = d;
                  t->chi2_free = alt->reduced_chi2;
                  t->S_free = alt->chi2;
                  t->extra_params = (long) alt->n_free - (long) g->n_free;
                  t->alternative = alts[ai];
                  /* the leads' resistance last, against the others as the data decide
                   * them: free in each spectrum it takes up what a wrong sharing of an arc
                   * leaves (R0 from 0 to 124 Ohm along a pellet series whose Q stays
                   * constant while the sharing kept C_eff) */
                  if (!t->given && is_lr[q] && excess > worst_lr_d)
                    {
                      worst_lr_d = excess;
                      worst_lr = q;
                      eis_global_fit_free (worst_lr_fit);
                      worst_lr_fit = alt;
                      alt = NULL;
                    }
                  else if (!t->given && !is_lr[q] && excess > worst_d)
                    {
                      worst_d = excess;
                      worst = q;
                      eis_global_fit_free (worst_fit);
                      worst_fit = alt;
                      alt = NULL;
                    }
                }
              eis_global_fit_free (alt);
            }
          /* a sharing no alternative rejects is accepted only if the alternative that
           * contains it, free in each spectrum, was fitted: otherwise it was not tested */
          t->untested = !(best_excess > 0) && free_failed;
          t->accepted = !(best_excess > 0) && !free_failed;
          if (t->untested && !isfinite (t->delta_bic))
            t->alternative = EIS_SHARE_NONE;
        }
      if ((worst == 0 || !(worst_d > 0)) && worst_lr > 0 && worst_lr_d > 0)
        {
          eis_global_fit_free (worst_fit);
          worst = worst_lr;
          worst_d = worst_lr_d;
          worst_fit = worst_lr_fit;
          worst_lr_fit = NULL;
        }
      eis_global_fit_free (worst_lr_fit);
      if (worst == 0 || !(worst_d > 0))
        {
          eis_global_fit_free (worst_fit);
          break;
        }
      /* the data reject this sharing most: take its alternative, test the others again */
      for (size_t k = 0; k < P; k++)
        if (group[k] == worst)
          how[k] = (int) f->share_tests[worst - 1].alternative;
      done[worst] = 1;
      n_rejected++;
      eis_global_fit_free (g);
      g = worst_fit;
    }
  free (group);
  free (trial);
  /* A joint fit that stopped short (iterations, no progress) goes on once from where it
   * stopped, its scaling and damping afresh, as the sharing tests' alternatives do. */
  char first_msg[256];
  snprintf (first_msg, sizeof first_msg, "%s", g->message);
  if (!g->converged)
    {
      EisGlobalOptions go;
      joint_options (&go, opt, shared, n_shared, n_rejected > 0 ? how : NULL);
      go.start = g->value;
      EisGlobalFit *next = NULL;
      EisError e2 = { 0 };
      if (eis_series_global_fit (s, opt, f, &go, &next, &e2) == EIS_OK && isfinite (next->chi2)
          && (next->converged || next->chi2 < g->chi2))
        {
          char m2[256];
          snprintf (m2, sizeof m2, "%.100s, going on from where a first run stopped (%.100s)",
                    next->message, g->message);
          snprintf (next->message, sizeof next->message, "%s", m2);
          next->iterations += g->iterations;
          eis_global_fit_free (g);
          g = next;
        }
      else
        eis_global_fit_free (next);
    }
  /* A sharing of an arc that could not be tested (neither alternative converged) is kept by
   * default, and a series resistance free in each spectrum then takes up what that sharing
   * gets wrong: a pellet to 7 MHz with 0.4 Ohm of leads, its true circuit given, kept the
   * bulk's C_eff shared (its Q is what stays constant) and got R0 = 124 Ohm at -10 degC,
   * sigma_bulk 5 to 9 standard errors low at -10 to 30 degC. Where the series takes an arc for
   * the bulk, its series resistance can only be the leads (leads_resistance): the joint fit is
   * made once more with it shared, and taken when that fit converges, tests every sharing
   * and leaves the resistance small: within 2 standard errors of 2 % of the smallest Z' (the
   * share a series R may have and be left out of a model, series_ok); more is part of the
   * electrolyte, which the shared capacitances moved into it (a pellet to 1 MHz whose bulk
   * arc leaves the range at 0 degC: R0 = 39 Ohm shared, taken out of sigma_total, 74 % high
   * at 80 degC). Otherwise the first joint fit stands. */
  int untested_any = 0;
  for (size_t i = 0; i < f->n_share_tests; i++)
    untested_any |= f->share_tests[i].untested;
  int leads_held = lead_r >= 0 && g->converged && !untested_any && g->shared[lead_r]
                   && g->value[lead_r] - 2 * g->stderr_[lead_r] <= 0.02 * series_zmin (s);
  if ((leads == 0 && untested_any && leads_resistance (f, s) >= 0)
      || (leads == 1 && lead_r_bound && !leads_held))
    {
      free (how);
      eis_global_fit_free (g);
      if (lead_r >= 0 && lead_r_bound)
        f->bind[lead_r] = 0;
      f->n_share_tests = 0;
      return joint_fit (f, s, opt, shared, n_shared, leads == 0 ? 1 : 2, out, err);
    }
  /* a joint fit made only to share what the spectra do not separate (nothing held, nothing
   * named): given up with its own reason, F unchanged, when it does not converge (even going
   * on) or its sharing cannot be tested */
  int given_up = only_bind && !g->converged;
  for (size_t i = 0; only_bind && i < f->n_share_tests; i++)
    given_up |= f->share_tests[i].untested;
  if (given_up)
    {
      free (how);
      eis_global_fit_free (g);
      f->n_share_tests = 0;
      size_t nw = sizeof f->warnings / sizeof f->warnings[0];
      if (f->n_warnings < nw)
        snprintf (f->warnings[f->n_warnings++], sizeof f->warnings[0], "the joint fit that "
                  "would share the bulk's capacitance across the series (some spectra do not "
                  "separate bulk from grain boundary alone) did not converge, or its sharing "
                  "could not be tested: those spectra give sigma_total only");
      return EIS_OK;
    }
  /* Still not converged: its values are not an optimum, and rows taken from them would be
   * reported as results they are not (a bulk split between R0 and an arc whose apex lies above
   * the range, R1 crawling to 7e-4 Ohm over 1000 iterations while the sum stays). The series
   * keeps each spectrum's own fit, held parameters on their neighbours' course, and says why:
   * the resistance that moved farthest from its own fit is named (where the joint fit was
   * going). The sharing tests, made against this fit, are dropped with it. */
  if (!g->converged)
    {
      long wj = -1, wk = -1;
      double wmove = 0;
      for (size_t j = 0; j < f->n; j++)
        for (size_t k = 0; k < P; k++)
          {
            if (g->col[j * P + k] < 0 || f->fits[j] == NULL
                || strcmp (eis_circuit_param_unit (f->circuit, k), "Ohm") != 0)
              continue;
            double a = g->value[j * P + k], b = f->fits[j]->value[k];
            double mv = a > 0 && b > 0 ? fabs (log (a / b)) : 0;
            if (mv > wmove)
              {
                wmove = mv;
                wj = (long) j;
                wk = (long) k;
              }
          }
      char where[240] = "";
      if (wj >= 0 && wmove > log (10.0))
        snprintf (where, sizeof where, "; %s in %s spectrum %d went from %.4g Ohm (its own "
                  "fit) to %.2g Ohm, where the data do not determine it",
                  eis_circuit_param_name (f->circuit, (size_t) wk), s->items[wj].file,
                  s->items[wj].number, f->fits[wj]->value[wk], g->value[(size_t) wj * P
                                                                         + (size_t) wk]);
      size_t nw = sizeof f->warnings / sizeof f->warnings[0];
      if (f->n_warnings < nw)
        snprintf (f->warnings[f->n_warnings++], sizeof f->warnings[0], "the joint fit of the "
                  "series (%zu unknowns) did not converge (%.120s; %d iterations in all, the "
                  "last from where the first run stopped%.240s): not used; each row is its "
                  "spectrum's own fit, with what it held on its neighbours' course",
                  g->n_free, first_msg, g->iterations, where);
      f->n_share_tests = 0;
      free (how);
      eis_global_fit_free (g);
      return EIS_OK;
    }
  if (n_rejected > 0)
    {
      free (f->unshared);
      f->unshared = how;
      how = NULL;
    }
  free (how);
  st = eis_series_fit_take_global (f, s, opt, g, err);
  if (st != EIS_OK)
    {
      eis_global_fit_free (g);
      return st;
    }
  /* Say what the series now shares, and what the data refused. */
  char list[256] = "", refused[320] = "", forced[320] = "", untested[480] = "";
  size_t used = 0, ur = 0, uf = 0, ut = 0;
  for (size_t k = 0; k < P && used < sizeof list; k++)
    if (g->shared[k])
      used += (size_t) snprintf (list + used, sizeof list - used, "%s%s%s", used ? ", " : "",
                                 eis_circuit_param_name (f->circuit, k),
                                 g->shared[k] == 2 ? " (through its arc's C_eff)" : "");
  for (size_t i = 0; i < f->n_share_tests; i++)
    {
      const EisSeriesShareTest *t = &f->share_tests[i];
      if (t->untested && ut < sizeof untested)
        ut += (size_t) snprintf (untested + ut, sizeof untested - ut, "%s%s (%s)",
                                 ut ? "; " : "", t->names, t->why);
      if (t->accepted || t->untested)
        continue;
      char *b = t->given ? forced : refused;
      size_t *u = t->given ? &uf : &ur;
      char what[320];
      if (t->given)
        snprintf (what, sizeof what, "%s (%s: BIC %.1f lower)", t->names,
                  eis_share_how_text (t->alternative), t->delta_bic);
      else
        {
          eis_share_rejected_text (t, what, sizeof what);
          size_t w = strlen (what);
          snprintf (what + w, sizeof what - w, ", BIC %.1f lower", t->delta_bic);
        }
      if (*u < sizeof refused)
        *u += (size_t) snprintf (b + *u, sizeof refused - *u, "%s%s", *u ? "; " : "", what);
    }
  size_t nw = sizeof f->warnings / sizeof f->warnings[0];
  size_t nn = sizeof f->notes / sizeof f->notes[0];
  /* what is shared, and the sharing the data rejected, are information about good data, not
   * problems: notes (tester 8's F9) */
  if (used && f->n_notes < nn)
    snprintf (f->notes[f->n_notes++], sizeof f->notes[0], "one joint fit of the "
              "series: %.160s common to all spectra, the resistances free in each (where a "
              "spectrum alone does not determine them)", list);
  long lead = eis_series_fit_leads (f, s);
  if (lead >= 0 && f->n_warnings < nw)
    snprintf (f->warnings[f->n_warnings++], sizeof f->warnings[0], "%s = %.4g +- %.2g Ohm, "
              "a resistance in series with the whole circuit shared across temperatures, is "
              "taken as the leads and cell holder, not the electrolyte: left out of R_bulk, "
              "R_total and sigma", eis_circuit_param_name (f->circuit, (size_t) lead),
              g->value[lead], g->stderr_[lead]);
  if (ur && f->n_notes < nn)
    snprintf (f->notes[f->n_notes++], sizeof f->notes[0], "the data reject a sharing "
              "across the series (Delta BIC > %.0f; for a series inductance > 0): %.400s; a "
              "parameter left free is held on its neighbours' course where a spectrum does not "
              "determine it",
              EIS_SERIES_SHARE_DBIC, refused);
  if (ut && f->n_warnings < nw)
    snprintf (f->warnings[f->n_warnings++], sizeof f->warnings[0], "sharing not tested, "
              "shared by default: %.560s", untested);
  if (uf && f->n_warnings < nw)
    snprintf (f->warnings[f->n_warnings++], sizeof f->warnings[0], "--shared %.300s: the data "
              "reject this sharing (Delta BIC > %.0f), shared as asked; the resistances may be "
              "biased by it", forced, EIS_SERIES_SHARE_DBIC);
  *out = g;
  return EIS_OK;
}
