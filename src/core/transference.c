/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bruce-Vincent transference number from a potentiostatic DC polarization and the
 * interfacial resistances before and after it. */
#include "transference.h"
#include "conductivity.h"
#include "plausible.h"
#include "series.h"
#include "text-buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

const char *
eis_bv_i0_method_name (EisBVI0Method m)
{
  switch (m)
    {
    case EIS_BV_I0_EXTRAPOLATED: return "extrapolated";
    case EIS_BV_I0_FIRST: return "first-point";
    case EIS_BV_I0_CALCULATED: return "calculated";
    case EIS_BV_I0_AUTO: return "auto";
    default: return "unknown";
    }
}

const char *
eis_bv_method_name (EisBVMethod m)
{
  switch (m)
    {
    case EIS_BV_METHOD_BV: return "bv";
    case EIS_BV_METHOD_WATANABE: return "watanabe";
    case EIS_BV_METHOD_RATIO: return "ratio";
    default: return "unknown";
    }
}

const char *
eis_bv_method_label (EisBVMethod m)
{
  switch (m)
    {
    case EIS_BV_METHOD_BV: return "Bruce-Vincent-Evans, interface-corrected";
    case EIS_BV_METHOD_WATANABE: return "Watanabe, steady state only";
    case EIS_BV_METHOD_RATIO: return "uncorrected ratio Iss/I0";
    default: return "unknown";
    }
}

int
eis_bv_method_parse (const char *name)
{
  for (int m = EIS_BV_METHOD_BV; m <= EIS_BV_METHOD_RATIO; m++)
    if (strcmp (name, eis_bv_method_name ((EisBVMethod) m)) == 0)
      return m;
  return -1;
}

const char *
eis_bv_iss_source_name (EisBVIssSource s)
{
  switch (s)
    {
    case EIS_BV_ISS_PLATEAU: return "plateau";
    case EIS_BV_ISS_END: return "end-of-hold";
    case EIS_BV_ISS_EXTRAPOLATED: return "extrapolated";
    default: return "unknown";
    }
}

const char *
eis_bv_warning_name (unsigned flag)
{
  switch (flag)
    {
    case EIS_BV_WARN_DV_LARGE: return "dv_large";
    case EIS_BV_WARN_R_CHANGED: return "r_changed";
    case EIS_BV_WARN_NO_PLATEAU: return "no_plateau";
    case EIS_BV_WARN_T_RANGE: return "t_out_of_range";
    case EIS_BV_WARN_SIGN_CHANGE: return "sign_change";
    case EIS_BV_WARN_I0_MISMATCH: return "i0_mismatch";
    case EIS_BV_WARN_I0_FALLBACK: return "i0_fallback";
    case EIS_BV_WARN_NO_DECAY: return "no_decay";
    case EIS_BV_WARN_SIGN_OPPOSITE: return "sign_opposite";
    case EIS_BV_WARN_ROLE_AMBIGUOUS: return "role_ambiguous";
    case EIS_BV_WARN_SHORT_HOLD: return "short_hold";
    case EIS_BV_WARN_R_DECREASED: return "r_decreased";
    case EIS_BV_WARN_DV_COLUMN: return "dv_column";
    default: return NULL;
    }
}

void
eis_bv_input_init (EisBVInput *in)
{
  memset (in, 0, sizeof *in);
  in->dV_V = NAN;
  in->dV_se_V = NAN;
  in->R0_ohm = in->R0_se_ohm = NAN;
  in->Rss_ohm = in->Rss_se_ohm = NAN;
  in->Rb_ohm = in->Rb_se_ohm = NAN;
  in->Rb_ss_ohm = in->Rb_ss_se_ohm = NAN;
  in->t_step_s = NAN;
  in->method = EIS_BV_METHOD_BV;
  in->i0_method = EIS_BV_I0_AUTO;
  in->plateau_fraction = 0.10;
  in->early_fraction = 0.02;
  in->skip_s = NAN;
  in->max_dv_V = 0.020;
  in->max_r_change = 0.10;
  in->max_drift_per_h = 0.01;
  in->max_i0_mismatch = 0.20;
  in->max_i0_factor = 10.0;
  in->R0_alt_ohm = in->R0_alt_se_ohm = in->Rss_alt_ohm = in->Rss_alt_se_ohm = NAN;
  in->Rb_alt_ohm = in->Rb_alt_se_ohm = in->Rb_ss_alt_ohm = in->Rb_ss_alt_se_ohm = NAN;
  in->alt_what = NULL;
}

/* One name of a comma-separated list matches arc A: its resistance's name or its label. */
static int
arc_named (const EisArc *a, const char *list, char *seen)
{
  const char *p = list;
  int k = 0, hit = 0;
  while (*p)
    {
      const char *e = strchr (p, ',');
      size_t len = e ? (size_t) (e - p) : strlen (p);
      while (len && *p == ' ')
        p++, len--;
      while (len && p[len - 1] == ' ')
        len--;
      if (len && ((strlen (a->r_name) == len && strncmp (a->r_name, p, len) == 0)
                  || (strlen (a->label) == len && strncmp (a->label, p, len) == 0)))
        {
          hit = 1;
          if (k < 64)
            seen[k] = 1;
        }
      k++;
      p = e ? e + 1 : p + strlen (p);
    }
  return hit;
}

int
eis_bv_resistances (const EisConductivity *cd, const char *interface_arcs,
                    EisBVResistances *out, EisError *err)
{
  memset (out, 0, sizeof *out);
  out->R_int = out->R_int_se = out->R_b = out->R_b_se = NAN;
  out->R_int_alt = out->R_int_alt_se = out->R_b_alt = out->R_b_alt_se = NAN;
  if (interface_arcs && interface_arcs[0])
    {
      /* The user's reading: exactly the named arcs are the interface. */
      char seen[64] = { 0 };
      double Ri = 0, vi = 0, Rb = 0, vb = 0;
      size_t ni = 0, nb = 0;
      for (size_t k = 0; k < cd->n_arcs; k++)
        {
          const EisArc *a = &cd->arcs[k];
          if (!isfinite (a->R))
            continue;
          double v = isfinite (a->R_se) ? a->R_se * a->R_se : 0;
          if (a->role != EIS_ROLE_INTERCEPT && arc_named (a, interface_arcs, seen))
            {
              Ri += a->R, vi += v;
              eis_text_append (out->how, sizeof out->how, "%s%s (named interfacial%s%s%s)",
                        ni ? " + " : "", a->label, a->diffusion[0] ? "; the diffusion " : "",
                        a->diffusion, a->diffusion[0] ? " left out" : "");
              ni++;
            }
          else
            Rb += a->R, vb += v, nb++;
        }
      /* every name must be an arc */
      const char *p = interface_arcs;
      for (int k = 0; *p; k++)
        {
          const char *e = strchr (p, ',');
          size_t len = e ? (size_t) (e - p) : strlen (p);
          if (k < 64 && !seen[k])
            {
              char have[400] = "";
              for (size_t j = 0; j < cd->n_arcs; j++)
                if (cd->arcs[j].r_name[0] && cd->arcs[j].role != EIS_ROLE_INTERCEPT)
                  eis_text_append (have, sizeof have, "%s%s (%s)", have[0] ? ", " : "",
                            cd->arcs[j].r_name, cd->arcs[j].label);
              return eis_error_set (err, EIS_ERR_INVALID, "interface arcs: \"%.*s\" is no arc "
                                    "of the circuit (its arcs: %s)", (int) len, p,
                                    have[0] ? have : "none");
            }
          p = e ? e + 1 : p + len;
        }
      out->user = 1;
      out->R_int = Ri;
      out->R_int_se = sqrt (vi);
      if (nb > 0 && !cd->too_narrow && !cd->too_many_arcs)
        {
          out->R_b = Rb;
          out->R_b_se = sqrt (vb);
        }
      return ni ? EIS_OK : eis_error_set (err, EIS_ERR_DATA, "no interface arc");
    }
  int st = eis_conductivity_interface (cd, &out->R_int, &out->R_int_se, out->how,
                                       sizeof out->how);
  out->R_b = cd->R_total;
  out->R_b_se = cd->R_total_se;
  if (st != EIS_OK && cd->fast_diffusion)
    return eis_error_set (err, st, "no interface arc");
  if (st != EIS_OK)
    out->R_int = out->R_int_se = 0;
  /* Each arc is counted once, in exactly one of R_int and R_b. When no arc has an interfacial
   * role, eis_conductivity_interface took the arc with the largest C_eff as the interface: an
   * arc that R_total holds as the electrolyte's (bulk or grain boundary by its capacitance)
   * then leaves R_b, and the band below does not add it a second time. A new-lab-user tester's
   * Li|MOF|Li cell (R_b 500, R_int,0 800, interface C_eff 9.9e-10 F) got R_int,0 1598 = 2 x 799
   * without the geometry and R_b 1300 = 500.8 + 799 with it, and no t+. */
  long fallback = -1;
  if (st == EIS_OK)
    {
      int decided = 0;
      for (size_t k = 0; k < cd->n_arcs; k++)
        if ((cd->arcs[k].role == EIS_ROLE_ELECTRODE || cd->arcs[k].role == EIS_ROLE_SURFACE)
            && isfinite (cd->arcs[k].R))
          decided = 1;
      for (size_t k = 0; !decided && k < cd->n_arcs; k++)
        {
          const EisArc *a = &cd->arcs[k];
          if (isfinite (a->R) && isfinite (a->C_eff) && a->role != EIS_ROLE_INTERCEPT
              && (fallback < 0 || a->C_eff > cd->arcs[fallback].C_eff))
            fallback = (long) k;
        }
      if (fallback >= 0 && isfinite (out->R_b)
          && (cd->arcs[fallback].role == EIS_ROLE_BULK
              || cd->arcs[fallback].role == EIS_ROLE_GRAIN_BOUNDARY
              || cd->arcs[fallback].role == EIS_ROLE_ELECTROLYTE))
        out->R_b -= cd->arcs[fallback].R;
    }
  /* Arcs between grain boundary and interphase (Irvine, Sinclair & West 1990: grain
   * boundaries 1e-11..1e-8 F, surface layers 1e-9..1e-7 F for a unit cell constant). The cell
   * is Li|electrolyte|Li: the arcs between the electrolyte's intercept and the low-frequency
   * end are its interfaces (interphase/SEI, charge transfer) unless the capacitance says
   * clearly that they are the electrolyte's (below the band: a ceramic's grain boundary). So
   * the first reading counts every arc in the band in the interface, whichever side of 1e-8
   * its capacitance lies (with geometry, C_eff L/A; without, C_eff): a geometry must not move
   * the headline. The other reading counts them in the electrolyte. A new-lab-user tester's
   * SEI arc (C_eff 1.65e-8 F, 1.05e-9 F/cm for L/A 0.0637) made t+ 0.7153 with the geometry
   * and 0.5983 without (truth 0.600). eis_bv_fit_resistances reads the cell as Li|Li (such
   * arcs are then already the surface layer's, open_role) and without the geometry. */
  double moved = 0, mvar = 0, gb_moved = 0, gb_var = 0;
  for (size_t k = 0; k < cd->n_arcs; k++)
    {
      const EisArc *a = &cd->arcs[k];
      double C = cd->have_geometry ? a->C_specific : a->C_eff;
      if (!isfinite (a->R) || !(C >= EIS_BV_AMBIGUOUS_C_LO && C <= EIS_BV_AMBIGUOUS_C_HI)
          || (a->role != EIS_ROLE_SURFACE && a->role != EIS_ROLE_GRAIN_BOUNDARY
              && a->role != EIS_ROLE_ELECTROLYTE))
        continue;
      double v = isfinite (a->R_se) ? a->R_se * a->R_se : 0;
      moved += a->R;
      mvar += v;
      if (a->role != EIS_ROLE_SURFACE && (long) k != fallback)
        {
          /* by its capacitance the electrolyte's: the first reading takes it as interface */
          gb_moved += a->R;
          gb_var += v;
          eis_text_append (out->how, sizeof out->how, "%s%s (%s by its capacitance; in a Li|Li cell "
                    "taken as interface)", out->how[0] ? " + " : "", a->label,
                    eis_role_text (a->role));
        }
      /* the formula named: a Li interface's C_eff is Brug's (R_e, R_ct), an electrolyte
       * arc's Hsu-Mansfeld's */
      int named = strcmp (a->formula, "Brug") == 0 || strcmp (a->formula, "Hsu-Mansfeld") == 0;
      eis_text_append (out->ambiguous, sizeof out->ambiguous, "%s%s (R %.4g Ohm, C_eff %.3g %s%s%s, "
                "taken as interface)", out->n_ambiguous ? ", " : "", a->label, a->R, C,
                cd->have_geometry ? "F/cm" : "F", named ? " by " : "", named ? a->formula : "");
      out->n_ambiguous++;
    }
  if (gb_moved > 0)
    {
      out->R_int += gb_moved;
      out->R_int_se = sqrt (out->R_int_se * out->R_int_se + gb_var);
      if (isfinite (out->R_b))
        {
          /* its error: R_total's (the moved arc's covariance with the rest is not known
           * here; R_total's error is the larger, kept as a bound) */
          out->R_b -= gb_moved;
        }
    }
  if (!(out->R_int > 0))
    {
      out->R_int = out->R_int_se = NAN;
      out->n_ambiguous = 0;
      return eis_error_set (err, st != EIS_OK ? st : EIS_ERR_DATA, "no interface arc");
    }
  if (isfinite (out->R_b) && !(out->R_b > 0))
    out->R_b = out->R_b_se = NAN;
  if (out->n_ambiguous > 0)
    {
      /* The other reading: the arcs of open role in the electrolyte. When they were all of
       * the interface, it has none: R_int 0 (no interfacial resistance, t+ the ratio
       * Iss/I0), still a reading the capacitance allows, and named. */
      out->alt_adds_to_interface = 0;
      out->R_int_alt = out->R_int - moved;
      out->R_int_alt_se = sqrt (fmax (0, out->R_int_se * out->R_int_se - mvar));
      if (fabs (out->R_int_alt) <= 1e-9 * out->R_int)
        out->R_int_alt = out->R_int_alt_se = 0;
      if (isfinite (out->R_b))
        {
          out->R_b_alt = out->R_b + moved;
          out->R_b_alt_se = sqrt (out->R_b_se * out->R_b_se + mvar);
        }
      if (!(out->R_int_alt >= 0))
        out->R_int_alt = out->R_int_alt_se = NAN, out->n_ambiguous = 0;
    }
  return EIS_OK;
}

int
eis_bv_fit_resistances (const EisCircuit *c, const EisFitResult *fit, EisCellType cell,
                        const EisConductivity *series_roles, const char *interface_arcs,
                        EisConductivity *cond, EisBVResistances *out, EisError *err)
{
  memset (out, 0, sizeof *out);
  out->R_int = out->R_int_se = out->R_b = out->R_b_se = NAN;
  out->R_int_alt = out->R_int_alt_se = out->R_b_alt = out->R_b_alt_se = NAN;
  int st = eis_series_conductivity (c, fit, NULL,
                                    cell == EIS_CELL_UNSPECIFIED ? EIS_CELL_LI_SYMMETRIC : cell,
                                    series_roles, cond, err);
  if (st != EIS_OK)
    return st;
  return eis_bv_resistances (cond, interface_arcs && interface_arcs[0] ? interface_arcs : NULL,
                             out, err);
}

/* Evans, Vincent & Bruce, Polymer 28 (1987) 2324, eq. 9. */
double
eis_bv_t_plus (double dV_V, double I0_A, double Iss_A, double R0_ohm, double Rss_ohm)
{
  return Iss_A * (dV_V - I0_A * R0_ohm) / (I0_A * (dV_V - Iss_A * Rss_ohm));
}

/* A standard error that is unknown counts as zero in the propagation. */
static double
se0 (double se)
{
  return isfinite (se) && se > 0 ? se : 0.0;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Median of V[0..n) and its standard error (1.2533 sd/sqrt(n), normal data). */
static int
median_se (const double *v, size_t n, double *med, double *se)
{
  double *c = malloc (n * sizeof (double));
  if (c == NULL)
    return -1;
  memcpy (c, v, n * sizeof (double));
  qsort (c, n, sizeof (double), cmp_double);
  *med = n % 2 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
  free (c);
  double mean = 0, ss = 0;
  for (size_t i = 0; i < n; i++)
    mean += v[i];
  mean /= (double) n;
  for (size_t i = 0; i < n; i++)
    ss += (v[i] - mean) * (v[i] - mean);
  *se = n > 1 ? 1.2533 * sqrt (ss / (double) (n - 1)) / sqrt ((double) n) : 0.0;
  return 0;
}

static void bv_warn (EisBVResult *r, unsigned flag, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static void
bv_warn (EisBVResult *r, unsigned flag, const char *fmt, ...)
{
  r->warnings |= flag;
  if (r->n_messages >= EIS_BV_N_WARN)
    return;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (r->messages[r->n_messages++], sizeof r->messages[0], fmt, ap);
  va_end (ap);
}

const char *
eis_bv_format (char *buf, size_t cap, double v, double se, int decimals, const char *sep)
{
  double unit = pow (10, -decimals);
  if (!isfinite (v))
    snprintf (buf, cap, "-");
  else if (!isfinite (se))
    snprintf (buf, cap, "%.4g %s -", v, sep);   /* an error that cannot be had: unknown */
  else if (fabs (v) >= 10 * unit && fabs (v) < 1e6 && (!(se > 0) || se >= unit / 2))
    snprintf (buf, cap, "%.*f %s %.*f", decimals, v, sep, decimals, se);
  else
    snprintf (buf, cap, "%.3g %s %.2g", v, sep, se);
  return buf;
}


/* Inverse of the symmetric 3x3 M into INV; -1 when singular. Columns are scaled to unit
 * diagonal first, as the parameters differ by many orders of magnitude. */
static int
inverse3 (const double m[3][3], double inv[3][3])
{
  double d[3], a[3][3];
  for (int i = 0; i < 3; i++)
    {
      if (!(m[i][i] > 0))
        return -1;
      d[i] = 1.0 / sqrt (m[i][i]);
    }
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      a[i][j] = m[i][j] * d[i] * d[j];
  double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1], c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2],
         c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
  double det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
  if (!(fabs (det) > 1e-13))
    return -1;
  double b[3][3] = {
    { c00, a[0][2] * a[2][1] - a[0][1] * a[2][2], a[0][1] * a[1][2] - a[0][2] * a[1][1] },
    { c01, a[0][0] * a[2][2] - a[0][2] * a[2][0], a[0][2] * a[1][0] - a[0][0] * a[1][2] },
    { c02, a[0][1] * a[2][0] - a[0][0] * a[2][1], a[0][0] * a[1][1] - a[0][1] * a[1][0] },
  };
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      inv[i][j] = b[i][j] / det * d[i] * d[j];
  return 0;
}

/* ---- the slow decay |I| = c + A exp(-x/tau) [+ b (x - T)] (x = t - t_step) ---- */

typedef struct {
  int ok;                    /* a real decay: A > 2 se(A), tau inside the searched range */
  int lin;                   /* with the straight-line term b (x - T) */
  double c, A, tau, b, T;    /* T: the end of the hold (x), where the line term is 0 */
  double cov[4][4];          /* of (c, A, tau, b), scaled by the residual variance */
  double S, s2;              /* sum of squares, residual variance [A^2] */
  size_t from, m;            /* points [from, from + m) of the hold */
} Decay;

/* The linear parameters (c, A[, b]) by least squares at fixed TAU; returns the sum of squares.
 * E is scratch. */
static double
decay_profile (const double *x, const double *y, size_t m, double tau, double T, int lin,
               double *e, double *lp)
{
  int k = lin ? 3 : 2;
  double n[3][3] = { { 0 } }, r[3] = { 0 };
  for (size_t i = 0; i < m; i++)
    {
      e[i] = exp (-x[i] / tau);
      double g[3] = { 1.0, e[i], x[i] - T };
      for (int p = 0; p < k; p++)
        {
          r[p] += g[p] * y[i];
          for (int q = 0; q < k; q++)
            n[p][q] += g[p] * g[q];
        }
    }
  double inv[3][3];
  lp[0] = r[0] / n[0][0];
  lp[1] = lp[2] = 0;
  if (!lin)
    {
      double det = n[0][0] * n[1][1] - n[0][1] * n[0][1];
      if (det > 1e-12 * n[0][0] * n[1][1])
        {
          lp[1] = (n[0][0] * r[1] - n[0][1] * r[0]) / det;
          lp[0] = (r[0] - lp[1] * n[0][1]) / n[0][0];
        }
    }
  else if (inverse3 (n, inv) == 0)
    for (int p = 0; p < 3; p++)
      lp[p] = inv[p][0] * r[0] + inv[p][1] * r[1] + inv[p][2] * r[2];
  double S = 0;
  for (size_t i = 0; i < m; i++)
    {
      double res = y[i] - lp[0] - lp[1] * e[i] - lp[2] * (x[i] - T);
      S += res * res;
    }
  return S;
}

/* Least squares of the decay (with the line term when LIN) to Y over the points [FROM, N) of
 * X: tau by a grid on log tau between TAU_LO and TAU_HI refined by golden section, the linear
 * parameters exact at each tau; the covariance from the Gauss-Newton matrix at the optimum.
 * E is scratch of N doubles. */
static void
decay_fit (const double *x, const double *y, size_t n, size_t from, double tau_lo,
           double tau_hi, int lin, double *e, Decay *d)
{
  memset (d, 0, sizeof *d);
  d->c = d->A = d->tau = NAN;
  d->lin = lin;
  d->from = from;
  d->m = n - from;
  d->T = x[n - 1];
  const double *xs = x + from, *ys = y + from;
  size_t m = d->m;
  int np = lin ? 4 : 3;
  if (m < (size_t) (np + 4) || !(tau_hi > tau_lo) || !(tau_lo > 0))
    return;
  enum { GRID = 60 };
  double l0 = log (tau_lo), l1 = log (tau_hi), best = INFINITY, lp[3];
  int kb = 0;
  for (int k = 0; k < GRID; k++)
    {
      double S = decay_profile (xs, ys, m, exp (l0 + (l1 - l0) * k / (GRID - 1)), d->T, lin, e,
                                lp);
      if (S < best)
        best = S, kb = k;
    }
  double step = (l1 - l0) / (GRID - 1);
  double lo = l0 + step * (kb > 0 ? kb - 1 : 0), hi = l0 + step * (kb < GRID - 1 ? kb + 1 : kb);
  const double g = 0.6180339887498949;
  double p = hi - g * (hi - lo), q = lo + g * (hi - lo);
  double Sp = decay_profile (xs, ys, m, exp (p), d->T, lin, e, lp);
  double Sq = decay_profile (xs, ys, m, exp (q), d->T, lin, e, lp);
  for (int it = 0; it < 60 && hi - lo > 1e-7; it++)
    {
      if (Sp < Sq)
        hi = q, q = p, Sq = Sp, p = hi - g * (hi - lo),
        Sp = decay_profile (xs, ys, m, exp (p), d->T, lin, e, lp);
      else
        lo = p, p = q, Sp = Sq, q = lo + g * (hi - lo),
        Sq = decay_profile (xs, ys, m, exp (q), d->T, lin, e, lp);
    }
  d->tau = exp (0.5 * (lo + hi));
  d->S = decay_profile (xs, ys, m, d->tau, d->T, lin, e, lp);
  d->c = lp[0];
  d->A = lp[1];
  d->b = lin ? lp[2] : 0;
  d->s2 = d->S / (double) (m - (size_t) np);
  /* Covariance s2 (J^T J)^-1 with J = [1, e, A x e / tau^2, x - T], columns scaled to unit
   * diagonal (the parameters differ by many orders of magnitude). */
  gsl_matrix *jtj = gsl_matrix_calloc ((size_t) np, (size_t) np);
  if (jtj == NULL)
    return;
  for (size_t i = 0; i < m; i++)
    {
      double j4[4] = { 1.0, e[i], d->A * xs[i] * e[i] / (d->tau * d->tau), xs[i] - d->T };
      for (int a = 0; a < np; a++)
        for (int b = 0; b < np; b++)
          *gsl_matrix_ptr (jtj, (size_t) a, (size_t) b) += j4[a] * j4[b];
    }
  double sc[4];
  int bad = 0;
  for (int a = 0; a < np; a++)
    {
      double v = gsl_matrix_get (jtj, (size_t) a, (size_t) a);
      bad |= !(v > 0);
      sc[a] = v > 0 ? 1.0 / sqrt (v) : 1.0;
    }
  for (int a = 0; a < np; a++)
    for (int b = 0; b < np; b++)
      *gsl_matrix_ptr (jtj, (size_t) a, (size_t) b) *= sc[a] * sc[b];
  if (!bad && gsl_linalg_cholesky_decomp1 (jtj) == GSL_SUCCESS
      && gsl_linalg_cholesky_invert (jtj) == GSL_SUCCESS)
    {
      for (int a = 0; a < np; a++)
        for (int b = 0; b < np; b++)
          d->cov[a][b] = d->s2 * gsl_matrix_get (jtj, (size_t) a, (size_t) b) * sc[a] * sc[b];
      double seA = sqrt (fmax (d->cov[1][1], 0));
      d->ok = kb > 0 && kb < GRID - 1 && isfinite (d->c) && d->A > 0 && d->A > 2 * seA;
    }
  gsl_matrix_free (jtj);
}

/* The fitted decay at X and the standard error of that prediction. */
static double
decay_at (const Decay *d, double x, double *se)
{
  double e = exp (-x / d->tau);
  double g[4] = { 1.0, e, d->A * x * e / (d->tau * d->tau), x - d->T }, v = 0;
  int np = d->lin ? 4 : 3;
  for (int a = 0; a < np; a++)
    for (int b = 0; b < np; b++)
      v += g[a] * d->cov[a][b] * g[b];
  if (se)
    *se = sqrt (fmax (v, 0));
  return d->c + d->A * e + d->b * (x - d->T);
}

/* Standard deviation of one point from successive differences (1.4826 MAD / sqrt 2): the slow
 * decay cancels in a difference, the noise does not. Falls back to the RMS difference when
 * more than half the differences are equal (a current quantized by the instrument). */
static double
noise_from_differences (const double *a, size_t n)
{
  if (n < 3)
    return 0;
  size_t m = n - 1;
  double *d = malloc (m * sizeof *d);
  if (d == NULL)
    return NAN;
  double ms = 0;
  for (size_t i = 0; i < m; i++)
    {
      d[i] = a[i + 1] - a[i];
      ms += d[i] * d[i];
    }
  qsort (d, m, sizeof *d, cmp_double);
  double med = d[m / 2];
  for (size_t i = 0; i < m; i++)
    d[i] = fabs (d[i] - med);
  qsort (d, m, sizeof *d, cmp_double);
  double mad = d[m / 2];
  free (d);
  return mad > 0 ? 1.4826 * mad / sqrt (2.0) : sqrt (ms / (double) m / 2.0);
}

/* Bruce-Vincent t+ (Evans, Vincent & Bruce 1987) and its first-order error, inputs taken as
 * independent: with N = dV - I0 R0, D = dV - Iss Rss and t = Iss N/(I0 D),
 * dt/dIss = N dV/(I0 D^2), dt/dI0 = -Iss dV/(I0^2 D), dt/dR0 = -Iss/D,
 * dt/dRss = Iss^2 N/(I0 D^2), dt/ddV = Iss (I0 R0 - Iss Rss)/(I0 D^2). */
static double
bv_with_error (double dV, double sdV, double I0, double sI0, double Iss, double sIss, double R0,
               double sR0, double Rss, double sRss, double *se)
{
  double Nn = dV - I0 * R0, D = dV - Iss * Rss;
  double tp = eis_bv_t_plus (dV, I0, Iss, R0, Rss);
  double g_iss = Nn * dV / (I0 * D * D), g_i0 = -Iss * dV / (I0 * I0 * D), g_r0 = -Iss / D,
         g_rss = Iss * Iss * Nn / (I0 * D * D), g_dv = Iss * (I0 * R0 - Iss * Rss) / (I0 * D * D);
  *se = sqrt (pow (g_iss * sIss, 2) + pow (g_i0 * sI0, 2) + pow (g_r0 * sR0, 2)
              + pow (g_rss * sRss, 2) + pow (g_dv * sdV, 2));
  if (!isfinite (tp))
    *se = NAN;
  return isfinite (tp) ? tp : NAN;
}

/* The steady-state form t = Iss R_b/(dV - Iss Rss) (Watanabe et al. 1988; equal to
 * Bruce-Vincent with I0 = dV/(R_b + R0), SCIENCE.md) and its first-order error. */
static double
reduced_with_error (double dV, double sdV, double Iss, double sIss, double Rb, double sRb,
                    double Rss, double sRss, double *se)
{
  double D = dV - Iss * Rss, t = Iss * Rb / D;
  double g_iss = Rb * dV / (D * D), g_rb = Iss / D, g_rss = Iss * Iss * Rb / (D * D),
         g_dv = -Iss * Rb / (D * D);
  *se = sqrt (pow (g_iss * sIss, 2) + pow (g_rb * sRb, 2) + pow (g_rss * sRss, 2)
              + pow (g_dv * sdV, 2));
  if (!isfinite (t))
    *se = NAN;
  return isfinite (t) ? t : NAN;
}

/* The longest run of points from the start of the hold that depart from the decay D by more
 * than 4 standard deviations (the noise and the prediction's own error together), limited to
 * the first tenth of the decay's time constant (a charging spike is far faster than the
 * concentration polarization; later departures are the decay's own shape) and the first
 * quarter of the hold: the charging spike (or any fast transient) at the step. */
static size_t
spike_run (const Decay *d, const double *x, const double *a, size_t n, double noise, double dur)
{
  size_t k = 0;
  while (k < n && x[k] <= fmin (0.25 * dur, 0.1 * d->tau))
    {
      double sp, mdl = decay_at (d, x[k], &sp);
      if (!(fabs (a[k] - mdl) > 4 * hypot (noise, sp)))
        break;
      k++;
    }
  return k;
}

int
eis_bv_input_set_other_reading (EisBVInput *in, const EisBVResistances *before,
                                const EisBVResistances *after, char *what, size_t what_len)
{
  int bm = before && before->n_ambiguous > 0, am = after && after->n_ambiguous > 0;
  const EisBVResistances *a = bm ? before : after;

  if (!bm && !am)
    return 0;
  snprintf (what, what_len, "%s", a->ambiguous);
  in->alt_what = what;
  in->alt_to_interface = a->alt_adds_to_interface;
  in->R0_alt_ohm = bm ? before->R_int_alt : in->R0_ohm;
  in->R0_alt_se_ohm = bm ? before->R_int_alt_se : in->R0_se_ohm;
  in->Rb_alt_ohm = bm ? before->R_b_alt : in->Rb_ohm;
  in->Rb_alt_se_ohm = bm ? before->R_b_alt_se : in->Rb_se_ohm;
  in->Rss_alt_ohm = am ? after->R_int_alt : in->Rss_ohm;
  in->Rss_alt_se_ohm = am ? after->R_int_alt_se : in->Rss_se_ohm;
  in->Rb_ss_alt_ohm = am ? after->R_b_alt : in->Rb_ss_ohm;
  in->Rb_ss_alt_se_ohm = am ? after->R_b_alt_se : in->Rb_ss_se_ohm;
  return 1;
}

int
eis_bv_result_range (const EisBVResult *r, double *low, double *high)
{
  if (r->has_alt && isfinite (r->alt_t_plus))
    {
      *low = fmin (r->t_plus, r->alt_t_plus);
      *high = fmax (r->t_plus, r->alt_t_plus);
      return 1;
    }
  *low = *high = r->t_plus;
  return 0;
}

int
eis_bv_run (const EisSeries *s, const EisBVInput *in, EisBVResult *out, EisError *err)
{
  const char *src = s->source ? s->source : "DC series";
  memset (out, 0, sizeof *out);
  out->dV_signed_V = out->t_plus_computed = NAN;

  /* 0: no interfacial resistance (the other reading of a cell whose only interface arc is of
   * open role), as R_int,ss may be */
  if (!(isfinite (in->R0_ohm) && in->R0_ohm >= 0))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: interfacial resistance before the step R_int,0 = %g Ohm: need a "
                          "value >= 0", src, in->R0_ohm);
  if (!(isfinite (in->Rss_ohm) && in->Rss_ohm >= 0))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: interfacial resistance at steady state R_int,ss = %g Ohm: need a "
                          "value >= 0", src, in->Rss_ohm);
  int have_rb = !isnan (in->Rb_ohm);
  if (have_rb && !(isfinite (in->Rb_ohm) && in->Rb_ohm > 0))
    return eis_error_set (err, EIS_ERR_INVALID, "%s: bulk resistance R_b = %g Ohm: need a "
                          "positive value", src, in->Rb_ohm);
  if (!isnan (in->Rb_ss_ohm) && !(isfinite (in->Rb_ss_ohm) && in->Rb_ss_ohm > 0))
    return eis_error_set (err, EIS_ERR_INVALID, "%s: bulk resistance at steady state "
                          "R_b,ss = %g Ohm: need a positive value", src, in->Rb_ss_ohm);
  if (in->i0_method == EIS_BV_I0_CALCULATED && !have_rb)
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: the calculated initial current dV/(R_b + R_int,0) needs the bulk "
                          "resistance R_b", src);
  if (in->method == EIS_BV_METHOD_WATANABE && !have_rb && isnan (in->Rb_ss_ohm))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: the Watanabe form Iss R_b/(dV - Iss R_int,ss) needs the bulk "
                          "resistance R_b", src);
  if ((int) in->method < EIS_BV_METHOD_BV || (int) in->method > EIS_BV_METHOD_RATIO
      || (int) in->i0_method < EIS_BV_I0_EXTRAPOLATED || (int) in->i0_method > EIS_BV_I0_AUTO)
    return eis_error_set (err, EIS_ERR_INVALID, "%s: unknown method %d or I0 rule %d", src,
                          (int) in->method, (int) in->i0_method);
  if (!(in->plateau_fraction > 0 && in->plateau_fraction <= 1)
      || !(in->early_fraction >= 0 && in->early_fraction < 1))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: plateau fraction must be in (0, 1] and early fraction in [0, 1) "
                          "(have %g, %g)", src, in->plateau_fraction, in->early_fraction);
  if (!isnan (in->skip_s) && !(isfinite (in->skip_s) && in->skip_s >= 0))
    return eis_error_set (err, EIS_ERR_INVALID, "%s: spike window %g s: need a time >= 0",
                          src, in->skip_s);

  size_t n = s->n;
  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (s->time_s[i]) || !isfinite (s->current_a[i])
          || (i > 0 && !(s->time_s[i] > s->time_s[i - 1])))
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s: point %zu (t = %g s, I = %g A): need finite values and "
                              "increasing times", src, i + 1, s->time_s[i], s->current_a[i]);
    }
  double t_step = isnan (in->t_step_s) ? (n > 0 ? s->time_s[0] : 0.0) : in->t_step_s;
  size_t h0 = 0;
  while (h0 < n && s->time_s[h0] < t_step)
    h0++;
  size_t nh = n - h0;
  if (nh < 8)
    return eis_error_set (err, EIS_ERR_DATA,
                          "%s: the polarization hold (t >= %g s) has %zu points; need at least 8",
                          src, t_step, nh);
  const double *t = s->time_s + h0, *cur = s->current_a + h0;
  double t_end = t[nh - 1], dur = t_end - t_step;
  out->hold_s = dur;

  double dV_signed = NAN;       /* the step as the voltage column has it */
  /* The voltage column's step: the median voltage of the hold (less the median before the
   * step when the series has points there, i.e. relative to open circuit). */
  double col = NAN, col_se = NAN;
  out->dV_given_V = isfinite (in->dV_V) ? fabs (in->dV_V) : NAN;
  out->dV_column_V = out->dV_column_se_V = NAN;
  if (s->voltage_v != NULL)
    {
      if (median_se (s->voltage_v + h0, nh, &col, &col_se) < 0)
        return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
      if (h0 > 0)
        {
          double med0, se0v;
          if (median_se (s->voltage_v, h0, &med0, &se0v) < 0)
            return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
          col -= med0;
          col_se = hypot (col_se, se0v);
        }
      if (isfinite (col) && col != 0)
        {
          out->dV_column_V = fabs (col);
          out->dV_column_se_V = col_se;
        }
    }
  /* A step typed that the file's own voltage column contradicts (10.5 mV against a measured
   * 9.996 mV moved t+ from 0.86 to 0.66, since dV - I0 R0 is a small part of dV): beyond
   * three standard errors of the column's median and 0.5 % the measured step is used, unless
   * the user insists (dV_as_given). */
  int dv_conflict = isfinite (in->dV_V) && in->dV_V != 0 && isfinite (out->dV_column_V)
                    && fabs (fabs (in->dV_V) - out->dV_column_V)
                         > fmax (3 * se0 (col_se), 0.005 * out->dV_column_V);
  if (isfinite (in->dV_V) && !(dv_conflict && !in->dV_as_given))
    {
      if (in->dV_V == 0)
        return eis_error_set (err, EIS_ERR_INVALID, "%s: a voltage step of 0 V gives no "
                              "transference number", src);
      out->dV_V = fabs (in->dV_V);
      out->dV_se_V = se0 (in->dV_se_V);
      /* a sign typed with the step (+10mV, -10mV) is compared with the current's, as the
       * voltage column's is; a bare size (10mV) is not */
      if (in->dV_signed)
        dV_signed = in->dV_V;
    }
  else
    {
      if (s->voltage_v == NULL)
        return eis_error_set (err, EIS_ERR_INVALID,
                              "%s: no voltage step given and the series has no voltage column",
                              src);
      double med = col, se = col_se;
      if (!isfinite (med) || med == 0)
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s: the voltage column gives no step (median %g V)", src, med);
      out->dV_V = fabs (med);
      out->dV_se_V = se;
      out->dV_from_series = 1;
      dV_signed = med;
    }
  /* A Bruce-Vincent step is a few millivolts (linear response below ~20 mV: warned of
   * above). Beyond 1 V no electrolyte stays as it was, and below 1 uV no potentiostat sets a
   * step: a unit read wrongly (mV as V), never a measurement. */
  if (!(out->dV_V <= EIS_BV_MAX_STEP_V && out->dV_V >= EIS_BV_MIN_STEP_V))
    return eis_error_set (err, out->dV_from_series ? EIS_ERR_DATA : EIS_ERR_INVALID,
                          "%s: a voltage step of %.4g V%s: a Bruce-Vincent polarization is a "
                          "few mV (between %g V and %g V is accepted); check the unit (mV "
                          "given as V?)", src, out->dV_V,
                          out->dV_from_series ? " (from the voltage column)" : "",
                          EIS_BV_MIN_STEP_V, EIS_BV_MAX_STEP_V);
  double dV = out->dV_V, sdV = out->dV_se_V;
  out->dV_signed_V = dV_signed;
  if (dv_conflict)
    bv_warn (out, EIS_BV_WARN_DV_COLUMN,
             "the step given, dV = %.5g mV, disagrees with the one the polarization's voltage "
             "column shows, %.5g +- %.2g mV (%+.3g %%, beyond 3 standard errors and 0.5 %%): "
             "%s; t+ moves several %% per %% of dV, since dV - I0 R0 is a small part of dV",
             1e3 * out->dV_given_V, 1e3 * out->dV_column_V, 1e3 * se0 (out->dV_column_se_V),
             100 * (out->dV_given_V / out->dV_column_V - 1),
             in->dV_as_given ? "the given one is used, as asked (--voltage-as-given), and taken "
                               "as exact"
                             : "the measured one is used (--voltage-as-given uses yours)");
  out->R0_ohm = in->R0_ohm;
  out->R0_se_ohm = in->R0_se_ohm;
  out->Rss_ohm = in->Rss_ohm;
  out->Rss_se_ohm = in->Rss_se_ohm;
  out->Rb_ohm = have_rb ? in->Rb_ohm : NAN;
  out->Rb_se_ohm = have_rb ? in->Rb_se_ohm : NAN;
  int have_rbss = !isnan (in->Rb_ss_ohm);
  out->Rb_ss_ohm = have_rbss ? in->Rb_ss_ohm : out->Rb_ohm;
  out->Rb_ss_se_ohm = have_rbss ? in->Rb_ss_se_ohm : out->Rb_se_ohm;
  out->method = in->method;
  out->i0_requested = in->i0_method;
  double sR0 = se0 (in->R0_se_ohm), sRss = se0 (in->Rss_se_ohm), sRb = se0 (in->Rb_se_ohm);
  double R0 = in->R0_ohm, Rss = in->Rss_ohm, Rb = in->Rb_ohm;

  /* Plateau window: the last plateau_fraction of the hold (at least 3 points). */
  double t_pl = t_end - in->plateau_fraction * dur;
  size_t p0 = nh;
  while (p0 > 0 && t[p0 - 1] >= t_pl)
    p0--;
  if (nh - p0 < 3)
    p0 = nh - 3;
  size_t np = nh - p0;
  /* A spike window given: the double-layer charging spike lasts R_b C_dl, seconds at most. A
   * window that reaches the plateau window (or past the hold) leaves no decay to fit, and the
   * measured I0 would be a point inside the window left out. */
  if (!isnan (in->skip_s))
    {
      size_t after = 0;
      for (size_t i = 0; i < nh; i++)
        after += t[i] - t_step >= in->skip_s;
      if (in->skip_s >= dur)
        return eis_error_set (err, EIS_ERR_INVALID, "%s: spike window %.4g s: the polarization "
                              "hold lasts only %.4g s (%zu points from t = %.4g s); a charging "
                              "spike lasts seconds (R_b C_dl): give a window well inside the "
                              "hold, or none to find the spike", src, in->skip_s, dur, nh,
                              t_step);
      if (in->skip_s > t[p0] - t_step || after < 8)
        return eis_error_set (err, EIS_ERR_INVALID, "%s: spike window %.4g s: it leaves %zu "
                              "points of the %.4g s hold before the plateau window (the last "
                              "%.3g %%, from %.4g s after the step, where Iss is taken); the "
                              "decay needs at least 8 before it, and a charging spike lasts "
                              "seconds (R_b C_dl)", src, in->skip_s,
                              p0 > nh - after ? p0 - (nh - after) : 0, dur,
                              100 * in->plateau_fraction, t[p0] - t_step);
    }
  double sum = 0;
  for (size_t i = p0; i < nh; i++)
    sum += cur[i];
  int sign = sum >= 0 ? 1 : -1;   /* cathodic holds: everything below uses |I| */
  double *a = malloc (nh * sizeof (double));
  double *x = malloc (nh * sizeof (double));
  double *e = malloc (nh * sizeof (double));
  if (!a || !x || !e)
    {
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
    }
  size_t n_opposite = 0;
  for (size_t i = 0; i < nh; i++)
    {
      a[i] = fabs (cur[i]);
      x[i] = t[i] - t_step;
      if (sign * cur[i] < 0)
        n_opposite++;
    }
  /* The plateau current against the voltage column's step while earlier points flow with it:
   * the cell drives a current of its own (an offset from open circuit, a reaction), and no
   * ratio of currents is a transference number. */
  if (isfinite (dV_signed) && (dV_signed > 0) != (sign > 0) && n_opposite > 0)
    {
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_DATA,
                            "%s: the current reverses during the hold: %zu of %zu points flow "
                            "with the voltage step (%+.4g mV), the plateau (%.4g A) against it; "
                            "the cell drives a current of its own and gives no transference "
                            "number", src, n_opposite, nh, 1e3 * dV_signed, sum / (double) np);
    }
  out->noise_A = noise_from_differences (a + nh / 2, nh - nh / 2);
  if (!isfinite (out->noise_A))
    {
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
    }
  double noise = out->noise_A;

  /* Plateau: mean, straight line (about t_end, so its intercept is the current at the end),
   * relative drift per hour. */
  double Ipl = 0, ss = 0;
  for (size_t i = p0; i < nh; i++)
    Ipl += a[i];
  Ipl /= (double) np;
  for (size_t i = p0; i < nh; i++)
    ss += (a[i] - Ipl) * (a[i] - Ipl);
  out->Iss_plateau_A = Ipl;
  out->Iss_plateau_se_A = sqrt (ss / (double) (np - 1)) / sqrt ((double) np);
  out->plateau_start_s = t[p0];
  out->plateau_points = np;
  double slope = 0, slope_se = NAN;
  {
    double c0, c1, c00, c01, c11, sumsq;
    for (size_t i = p0; i < nh; i++)
      e[i] = t[i] - t_end;
    int gs = gsl_fit_linear (e + p0, 1, a + p0, 1, np, &c0, &c1, &c00, &c01, &c11, &sumsq);
    if (gs == GSL_SUCCESS)
      {
        slope = c1;
        slope_se = np > 2 ? sqrt (c11) : NAN;
        out->Iss_end_A = c0;
        out->Iss_end_se_A = np > 2 ? sqrt (c00) : NAN;
      }
    else
      out->Iss_end_A = out->Iss_end_se_A = NAN;
    out->drift_per_h = gs == GSL_SUCCESS ? c1 * 3600.0 / Ipl : NAN;
    out->drift_se_per_h = gs == GSL_SUCCESS && np > 2 ? sqrt (c11) * 3600.0 / Ipl : NAN;
  }

  /* The slow decay and the charging spike before it. The first fit starts after the early part
   * of the hold (early_fraction, at least 5 sampling intervals), far past a double-layer
   * spike (time constant R C_dl, well below a second to a few seconds) and well inside the
   * concentration-polarization decay (minutes to hours); then the points from the step on that
   * depart from it by more than 4 standard deviations are the spike, and the decay is fitted
   * again from the first point after them, until the window stays put. */
  double dt_med;
  {
    for (size_t i = 0; i + 1 < nh; i++)
      e[i] = x[i + 1] - x[i];
    qsort (e, nh - 1, sizeof *e, cmp_double);
    dt_med = e[(nh - 1) / 2];
  }
  double tau_lo = dt_med, tau_hi = 20 * dur;
  int auto_spike = isnan (in->skip_s);
  Decay d = { 0 }, dprev;
  size_t s0 = 0;
  double t_first = auto_spike ? fmax (5 * dt_med, in->early_fraction * dur) : in->skip_s;
  while (s0 < nh && x[s0] < t_first)
    s0++;
  if (nh - s0 < 8)
    s0 = auto_spike ? 0 : s0;
  decay_fit (x, a, nh, s0, tau_lo, tau_hi, 0, e, &d);
  if (auto_spike && !d.ok && s0 > 0)
    {
      s0 = 0;
      decay_fit (x, a, nh, s0, tau_lo, tau_hi, 0, e, &d);
    }
  size_t seen[9];
  int n_seen = 0;
  if (auto_spike && d.ok)
    for (int it = 0; it < 8; it++)
      {
        size_t k = spike_run (&d, x, a, nh, noise, dur);
        int cycle = 0;
        seen[n_seen++] = s0;
        for (int j = 0; j < n_seen; j++)
          cycle |= seen[j] == k;
        if (cycle || nh - k < 8)
          break;          /* settled (or going round between two windows: keep this one) */
        dprev = d;
        decay_fit (x, a, nh, k, tau_lo, tau_hi, 0, e, &d);
        if (!d.ok)
          {
            d = dprev;
            break;
          }
        s0 = k;
      }
  /* The window found may also hold early points that a single exponential does not follow (the
   * decay is a sum of exponentials): the spike itself ends where its own fast exponential,
   * B exp(-t/tau_f) fitted to the excess over the decay (ln-linear, weighted by the excess
   * squared, so the spike's large points lead), falls below the noise. */
  if (auto_spike && d.ok && s0 >= 2)
    {
      double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
      size_t m = 0;
      for (size_t i = 0; i < s0; i++)
        {
          double sp, ex = a[i] - decay_at (&d, x[i], &sp);
          if (!(ex > 4 * hypot (noise, sp)))
            continue;
          double w = ex * ex, y = log (ex);
          sw += w, swx += w * x[i], swy += w * y, swxx += w * x[i] * x[i], swxy += w * x[i] * y;
          m++;
        }
      double det = sw * swxx - swx * swx;
      if (m >= 2 && det > 0)
        {
          double ls = (sw * swxy - swx * swy) / det, icpt = (swy - ls * swx) / sw;
          double x_end = ls < 0 && noise > 0 ? (icpt - log (noise)) / -ls : NAN;
          size_t k = 0;
          while (k < s0 && x[k] < x_end)
            k++;
          if (isfinite (x_end) && k < s0 && k > 0)
            {
              dprev = d;
              decay_fit (x, a, nh, k, tau_lo, tau_hi, 0, e, &d);
              if (d.ok)
                s0 = k;
              else
                d = dprev;
            }
        }
    }
  /* A drift after the decay (an interface that grows, an instrument that drifts) bends a lone
   * exponential: the decay with a straight line added is kept when it fits far better (Akaike:
   * m ln(S1/S2) > 10), its slope is beyond 3 standard errors, and its decay had settled
   * (4 time constants) before the end. */
  out->decay_slope_A_per_s = NAN;
  if (d.ok)
    {
      Decay d2;
      decay_fit (x, a, nh, d.from, tau_lo, tau_hi, 1, e, &d2);
      double seb = sqrt (fmax (d2.cov[3][3], 0));
      if (d2.ok && dur / d2.tau >= 4 && d2.S > 0 && (double) d.m * log (d.S / d2.S) > 10
          && fabs (d2.b) > 3 * seb)
        {
          d = d2;
          out->decay_slope_A_per_s = d.b;
        }
    }
  /* A window given that outlasts the decay after it: I0 would be the decay extrapolated back
   * over more than its time constant, or, with no decay fitted, the first point, which lies
   * inside the window left out. Neither is an initial current (unless --i0 calculated). */
  if (!auto_spike && in->skip_s > 0 && in->i0_method != EIS_BV_I0_CALCULATED
      && (d.ok ? in->skip_s > d.tau : 1))
    {
      char what[160];
      if (d.ok)
        snprintf (what, sizeof what, "longer than the time constant of the decay fitted after "
                  "it (tau %.4g s): I0 would be extrapolated back over %.3g time constants",
                  d.tau, in->skip_s / d.tau);
      else
        snprintf (what, sizeof what, "no decay can be fitted after it, and the first point of "
                  "the hold lies inside the window left out");
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_INVALID, "%s: spike window %.4g s (of a %.4g s hold): "
                            "%s; a charging spike lasts seconds (R_b C_dl): give a shorter "
                            "window, none to find the spike, or --i0 calculated", src,
                            in->skip_s, dur, what);
    }
  out->spike_auto = auto_spike;
  out->spike_found = auto_spike && s0 > 0;
  out->spike_points = s0;
  out->spike_end_s = s0 > 0 ? (s0 < nh ? x[s0] : dur) : 0.0;
  if (!auto_spike)
    out->spike_end_s = in->skip_s;
  out->spike_peak_A = 0;
  out->decay_tau_s = out->decay_tau_se_s = out->decay_A_A = NAN;
  out->decay_inf_A = out->decay_inf_se_A = out->decay_from_s = NAN;
  out->I0_extrap_A = out->I0_extrap_se_A = out->tau_early_s = NAN;
  out->Iss_extrap_A = out->Iss_extrap_se_A = NAN;
  if (d.ok)
    {
      for (size_t i = 0; i < s0; i++)
        out->spike_peak_A = fmax (out->spike_peak_A, a[i] - decay_at (&d, x[i], NULL));
      out->decay_tau_s = out->tau_early_s = d.tau;
      out->decay_tau_se_s = sqrt (fmax (d.cov[2][2], 0));
      out->decay_A_A = d.A;
      out->decay_inf_A = out->Iss_extrap_A = d.c;
      out->decay_inf_se_A = out->Iss_extrap_se_A = sqrt (fmax (d.cov[0][0], 0));
      out->decay_from_s = x[d.from];
      out->decay_points = d.m;
      double sp;
      out->I0_extrap_A = decay_at (&d, 0.0, &sp);
      out->I0_extrap_se_A = sp;
    }

  /* Iss: a plateau when dI/dt over the window is within twice its error (the noise) or the
   * relative drift is below the limit; else, when the fitted decay still had a detectable
   * part left at the end (more than twice the plateau mean's error and 0.1 %), its
   * asymptote; else the current at the end of the hold, where Rss was measured. */
  out->plateau_found = (isfinite (slope_se) && fabs (slope) <= 2 * slope_se)
                       || fabs (out->drift_per_h) <= in->max_drift_per_h;
  double left = d.ok ? d.A * exp (-dur / d.tau) : 0;
  /* What the fitted decay still adds over the plateau window: a hold of a few time constants
   * ends with the mean above the steady state by more than its error (6 tau: 0.25 % of the
   * decay's amplitude) although the drift is below the limit. */
  double excess = 0;
  if (d.ok && !d.lin)
    {
      for (size_t i = p0; i < nh; i++)
        excess += d.A * exp (-x[i] / d.tau);
      excess /= (double) np;
    }
  if (out->plateau_found)
    {
      out->iss_source = EIS_BV_ISS_PLATEAU;
      out->Iss_A = Ipl;
      out->Iss_se_A = out->Iss_plateau_se_A;
      char less[160] = "";
      if (excess > out->Iss_plateau_se_A && excess < 0.5 * Ipl)
        {
          /* taken off, with a quarter of it as the error of the one-exponential model (as for
           * the asymptote below) */
          out->Iss_A = Ipl - excess;
          out->Iss_se_A = hypot (out->Iss_plateau_se_A, 0.25 * excess);
          snprintf (less, sizeof less, ", less what the fitted decay (tau %.4g s) still adds "
                    "there, %.4g A (%.3g times the mean's error)", d.tau, excess,
                    excess / out->Iss_plateau_se_A);
        }
      snprintf (out->iss_reason, sizeof out->iss_reason,
                "mean of the last %.3g %% of the hold (%zu points from %.4g s), where "
                "dI/dt is %s (drift %+.3g %%/h)%s", 100 * in->plateau_fraction, np, t[p0],
                isfinite (slope_se) && fabs (slope) <= 2 * slope_se
                  ? "within twice its error" : "below the drift limit",
                100 * out->drift_per_h, less);
    }
  else if (d.ok && left > fmax (2 * out->Iss_plateau_se_A, 1e-3 * Ipl))
    {
      out->iss_source = EIS_BV_ISS_EXTRAPOLATED;
      out->Iss_A = d.c;
      /* the decay is only approximately one exponential (a sum of them, Bruce & Vincent
       * 1987): a quarter of the part extrapolated is added to the error as the model's */
      out->Iss_se_A = hypot (out->Iss_extrap_se_A, 0.25 * (Ipl - d.c));
      snprintf (out->iss_reason, sizeof out->iss_reason,
                "the hold ended at %.3g tau before the current settled (still %+.3g %%/h): "
                "the asymptote of the fitted decay", dur / d.tau,
                100 * out->drift_per_h);
      bv_warn (out, EIS_BV_WARN_NO_PLATEAU,
               "no plateau: the hold ended at %.3g time constants (tau %.4g s) with the current "
               "still falling %+.3g %%/h; Iss = %.4g A is extrapolated from the fitted decay "
               "(the last points average %.4g A)", dur / d.tau, d.tau, 100 * out->drift_per_h,
               d.c, Ipl);
    }
  else
    {
      out->iss_source = EIS_BV_ISS_END;
      out->Iss_A = out->Iss_end_A;
      out->Iss_se_A = out->Iss_end_se_A;
      const char *why = d.ok ? "the decay had settled but" : "no decay could be fitted and";
      snprintf (out->iss_reason, sizeof out->iss_reason,
                "%s the current still drifts (%+.3g %%/h): the straight line through the last "
                "%.3g %% at the end, where R_int,ss was measured", why, 100 * out->drift_per_h,
                100 * in->plateau_fraction);
      bv_warn (out, EIS_BV_WARN_NO_PLATEAU,
               "no plateau: the current still drifts by %+.3g %%/h over the last %.4g s (limit "
               "%.3g %%/h) %s (a growing interface, or instrument drift); Iss is taken at the "
               "end of the hold", 100 * out->drift_per_h, t_end - t[p0],
               100 * in->max_drift_per_h,
               d.ok ? "after the decay settled" : "and no decay could be fitted");
    }
  double Iss = out->Iss_A, sIss = se0 (out->Iss_se_A);
  if (!(Iss > 0))
    {
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_DATA,
                            "%s: t+ cannot be computed (Iss = %.4g A, dV = %.4g V): the hold has "
                            "no current to compare", src, Iss, dV);
    }

  /* I0: the first point, the decay at the step, dV/(R_b + R0). */
  out->I0_first_A = a[0];
  out->I0_first_se_A = noise;
  out->I0_calc_A = out->I0_calc_se_A = NAN;
  if (have_rb)
    {
      /* Bruce & Vincent 1987: the current the cell carries before any concentration gradient. */
      double Rt = Rb + R0;
      out->I0_calc_A = dV / Rt;
      out->I0_calc_se_A = sqrt (pow (sdV / Rt, 2)
                                + pow (dV / (Rt * Rt), 2) * (sRb * sRb + sR0 * sR0));
    }
  int have_extrap = isfinite (out->I0_extrap_A);
  out->I0_meas_A = have_extrap ? out->I0_extrap_A : out->I0_first_A;
  out->I0_meas_se_A = have_extrap ? out->I0_extrap_se_A : out->I0_first_se_A;
  char spike[160] = "", past[160] = "";
  if (out->spike_points > 0)
    {
      snprintf (spike, sizeof spike, " past the %s spike (0..%.3g s, %zu points)",
                auto_spike ? "charging" : "excluded", out->spike_end_s, out->spike_points);
      snprintf (past, sizeof past, " (past the %s spike: 0..%.3g s, %zu points)",
                auto_spike ? "charging" : "excluded", out->spike_end_s, out->spike_points);
    }
  EisBVI0Method meth = in->i0_method;
  /* A measured I0 an order of magnitude away from dV/(R_b + R0): no charging spike or missing
   * arc explains that; the hold and the spectra are not of one cell (or one temperature), and
   * any t+ from them would be an accident. A forced --i0 is the user's decision. */
  if (meth == EIS_BV_I0_AUTO && have_rb && out->I0_meas_A > 0 && out->I0_calc_A > 0
      && fmax (out->I0_meas_A / out->I0_calc_A, out->I0_calc_A / out->I0_meas_A)
           > in->max_i0_factor)
    {
      double f = fmax (out->I0_meas_A / out->I0_calc_A, out->I0_calc_A / out->I0_meas_A);
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_DATA,
                            "%s: the hold and the spectra do not describe one cell: at the "
                            "step dV/I0 = %.4g Ohm (I0 = %.4g A%s), while the spectrum before "
                            "gives R_b + R_int,0 = %.4g Ohm, a factor of %.3g apart (limit %.3g); "
                            "check that the files belong to the same cell and temperature "
                            "(--i0 calculated or extrapolated forces one I0)", src,
                            dV / out->I0_meas_A, out->I0_meas_A, spike, Rb + R0, f,
                            in->max_i0_factor);
    }
  char why[512] = "";
  if (meth == EIS_BV_I0_AUTO)
    {
      double diff = fabs (out->I0_meas_A - out->I0_calc_A);
      double lim = 2 * hypot (se0 (out->I0_meas_se_A), se0 (out->I0_calc_se_A));
      if (!have_rb)
        {
          meth = have_extrap ? EIS_BV_I0_EXTRAPOLATED : EIS_BV_I0_FIRST;
          snprintf (why, sizeof why, "the measured I0%s: without R_b there is no "
                    "dV/(R_b + R_int,0) to compare", past);
        }
      else if (diff <= lim)
        {
          meth = have_extrap ? EIS_BV_I0_EXTRAPOLATED : EIS_BV_I0_FIRST;
          snprintf (why, sizeof why, "the measured I0%s: it agrees with dV/(R_b + R_int,0) = "
                    "%.4g A within twice their error (%.2g %%)", past, out->I0_calc_A,
                    100 * diff / out->I0_calc_A);
        }
      else if (out->I0_meas_A < out->I0_calc_A
               && diff > in->max_i0_mismatch * out->I0_calc_A)
        {
          /* Far below dV/(R_b + R0): the cell resisted more at the step than R_b + R0 say.
           * A charging spike left in or a late first point would make the measured current
           * larger, not smaller; a resistance missing from R_b + R0 (an arc not counted as
           * the interface) makes the calculated one too large. The measurement does not
           * depend on the roles of the arcs: it is used. */
          meth = have_extrap ? EIS_BV_I0_EXTRAPOLATED : EIS_BV_I0_FIRST;
          snprintf (why, sizeof why, "the measured I0%s: dV/(R_b + R_int,0) = %.4g A is %.3g %% "
                    "above it, beyond the limit of %.3g %%: the cell resisted more at the step "
                    "(dV/I0 = %.4g Ohm) than R_b + R_int,0 = %.4g Ohm, so R_int,0 or R_b may be "
                    "incomplete (check the roles)", past, out->I0_calc_A, 100 * diff / out->I0_meas_A,
                    100 * in->max_i0_mismatch, dV / out->I0_meas_A, Rb + R0);
        }
      else
        {
          meth = EIS_BV_I0_CALCULATED;
          snprintf (why, sizeof why, "dV/(R_b + R_int,0) from the spectrum before the hold: the "
                    "measured I0 (%s%s) = %.4g A differs from it by %.3g %%, more than twice "
                    "their error, so the initial current was not measured cleanly",
                    have_extrap ? "extrapolated" : "first point", spike, out->I0_meas_A,
                    100 * diff / out->I0_calc_A);
        }
    }
  else if (meth == EIS_BV_I0_EXTRAPOLATED && !have_extrap)
    {
      meth = EIS_BV_I0_FIRST;
      snprintf (why, sizeof why, "the first point: the decay could not be extrapolated");
    }
  else
    snprintf (why, sizeof why, "%s, as asked%s",
              meth == EIS_BV_I0_CALCULATED ? "dV/(R_b + R_int,0)"
              : meth == EIS_BV_I0_FIRST ? "the first point of the hold" : "extrapolated",
              meth == EIS_BV_I0_EXTRAPOLATED ? spike : "");
  if (meth == EIS_BV_I0_FIRST && !have_extrap && in->i0_method != EIS_BV_I0_FIRST)
    bv_warn (out, EIS_BV_WARN_I0_FALLBACK,
             "I0 could not be extrapolated (no decay found in the hold); the first point was "
             "used");
  out->i0_method = meth;
  snprintf (out->i0_reason, sizeof out->i0_reason, "%s", why);
  switch (meth)
    {
    case EIS_BV_I0_EXTRAPOLATED:
      out->I0_A = out->I0_extrap_A;
      out->I0_se_A = out->I0_extrap_se_A;
      break;
    case EIS_BV_I0_FIRST:
      out->I0_A = out->I0_first_A;
      out->I0_se_A = out->I0_first_se_A;
      break;
    case EIS_BV_I0_CALCULATED:
    default:
      out->I0_A = out->I0_calc_A;
      out->I0_se_A = out->I0_calc_se_A;
      break;
    }
  double I0 = out->I0_A, sI0 = se0 (out->I0_se_A);
  /* dV/(R_b + R0) at or below the steady-state current: the current at the step would be
   * no larger than at the end of the hold, while the measured one decays. R_b + R0 is then too
   * large for this cell, most often an arc given the wrong role (a diffusion or second arc
   * counted in R0, or R0 typed by hand), and the R0 the formula needs with it: no t+. */
  if (meth == EIS_BV_I0_CALCULATED && !(I0 > Iss))
    {
      char meas[96] = "";
      if (isfinite (out->I0_meas_A) && out->I0_meas_A > Iss)
        snprintf (meas, sizeof meas, ", while the measured current decays to it from %.4g A",
                  out->I0_meas_A);
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_DATA,
                            "%s: dV/(R_b + R_int,0) = %.4g A is not above the steady-state current "
                            "Iss = %.4g A%s: R_b + R_int,0 = %.4g Ohm (R_b %.4g, R_int,0 %.4g) is at "
                            "least what the whole cell resisted at steady state (dV/Iss = %.4g "
                            "Ohm, concentration polarization included), usually an arc counted "
                            "in R_int,0 that is not the interface (a diffusion arc or tail, a wrong "
                            "circuit: check the circuit and the roles, --interface-arcs, --r0); "
                            "no t+ from this R_int,0", src, I0, Iss,
                            meas, Rb + R0, Rb, R0, dV / Iss);
    }

  if (d.ok)
    snprintf (out->method_text, sizeof out->method_text,
              "decay Iinf + A exp(-t/tau)%s fitted over %.4g..%.4g s (%zu points, tau %.4g s)%s",
              d.lin ? " + a straight line" : "", out->decay_from_s, dur, out->decay_points,
              d.tau, out->spike_points > 0 ? "; the spike before it left out" : "");
  else
    snprintf (out->method_text, sizeof out->method_text,
              "no decay could be fitted to the hold");

  /* The t+ forms (SCIENCE.md). */
  out->t_plus_calc = out->t_plus_calc_se = NAN;
  if (have_rb)
    out->t_plus_calc = reduced_with_error (dV, sdV, Iss, sIss, Rb, sRb, Rss, sRss,
                                           &out->t_plus_calc_se);
  out->t_watanabe = out->t_watanabe_se = NAN;
  if (isfinite (out->Rb_ss_ohm))
    out->t_watanabe = reduced_with_error (dV, sdV, Iss, sIss, out->Rb_ss_ohm,
                                          se0 (out->Rb_ss_se_ohm), Rss, sRss,
                                          &out->t_watanabe_se);
  out->t_bv_meas = bv_with_error (dV, sdV, out->I0_meas_A, se0 (out->I0_meas_se_A), Iss, sIss,
                                  R0, sR0, Rss, sRss, &out->t_bv_meas_se);
  if (meth == EIS_BV_I0_CALCULATED)
    {
      /* I0 depends on R0: the reduced form carries the correlation exactly. */
      out->t_bv = out->t_plus_calc;
      out->t_bv_se = out->t_plus_calc_se;
    }
  else
    out->t_bv = bv_with_error (dV, sdV, I0, sI0, Iss, sIss, R0, sR0, Rss, sRss, &out->t_bv_se);
  out->ratio = Iss / I0;
  out->ratio_se = out->ratio * hypot (sIss / Iss, sI0 / I0);
  switch (in->method)
    {
    case EIS_BV_METHOD_WATANABE:
      out->t_plus = out->t_watanabe;
      out->t_plus_se = out->t_watanabe_se;
      break;
    case EIS_BV_METHOD_RATIO:
      out->t_plus = out->ratio;
      out->t_plus_se = out->ratio_se;
      break;
    case EIS_BV_METHOD_BV:
    default:
      out->t_plus = out->t_bv;
      out->t_plus_se = out->t_bv_se;
      break;
    }
  if (!isfinite (out->t_plus) || !isfinite (out->ratio))
    {
      free (a), free (x), free (e);
      return eis_error_set (err, EIS_ERR_DATA,
                            "%s: t+ cannot be computed (I0 = %.4g A, Iss = %.4g A, dV = %.4g V): "
                            "the hold has no current to compare", src, I0, Iss, dV);
    }

  /* Assumptions of the method (Bruce & Vincent 1987; SCIENCE.md). */
  if (dV > in->max_dv_V)
    bv_warn (out, EIS_BV_WARN_DV_LARGE,
             "dV = %.4g mV exceeds %.4g mV: the current may not be linear in the voltage",
             1e3 * dV, 1e3 * in->max_dv_V);
  double rch = R0 > 0 ? fabs (Rss - R0) / R0 : 0;   /* R0 0: no interface to change */
  if (rch > in->max_r_change)
    bv_warn (out, EIS_BV_WARN_R_CHANGED,
             "interfacial resistance changed by %.3g %% (R_int,0 = %.4g Ohm, R_int,ss = %.4g "
             "Ohm; limit %.3g %%): the interface evolved during polarization", 100 * rch, R0, Rss,
             100 * in->max_r_change);
  /* The interface usually grows during a hold (a passivating layer thickens) or stays; an
   * interfacial resistance after it below the one before, beyond their errors (and 1 %), is
   * the mark of spectra given in the wrong order, and Bruce-Vincent then corrects I0 with the
   * steady state's interface and Iss with the initial one. */
  if (R0 - Rss > fmax (2 * hypot (sR0, sRss), 0.01 * R0))
    {
      char sw[64];
      /* The exchanged reading in full: I0 chosen again by the same rule, since dV/(R_b + R0)
       * depends on R0 (reusing an I0 calculated with the wrong R0 gave 1.1266 for a swap
       * whose right order gives 0.860). */
      double I0sw = I0;
      if (have_rb && (meth == EIS_BV_I0_CALCULATED || in->i0_method == EIS_BV_I0_AUTO))
        {
          /* the after spectrum's R_b too, when it has one */
          int rbss = isfinite (out->Rb_ss_ohm) && out->Rb_ss_ohm > 0;
          double Rbsw = rbss ? out->Rb_ss_ohm : Rb;
          double sRbsw = rbss ? se0 (out->Rb_ss_se_ohm) : sRb;
          double Rt = Rbsw + Rss, calc = dV / Rt;
          double scalc = sqrt (pow (sdV / Rt, 2)
                               + pow (dV / (Rt * Rt), 2) * (sRbsw * sRbsw + sRss * sRss));
          I0sw = calc;
          if (in->i0_method == EIS_BV_I0_AUTO)
            {
              double diff = fabs (out->I0_meas_A - calc);
              if (diff <= 2 * hypot (se0 (out->I0_meas_se_A), scalc)
                  || (out->I0_meas_A < calc && diff > in->max_i0_mismatch * calc))
                I0sw = out->I0_meas_A;
            }
        }
      double tsw = eis_bv_t_plus (dV, I0sw, Iss, Rss, R0);
      if (tsw >= 0)
        snprintf (sw, sizeof sw, "t+ = %.4f", tsw);
      else
        snprintf (sw, sizeof sw, "no t+ either (%.4g)", tsw);
      char by[64] = "no errors given";
      if (hypot (sR0, sRss) > 0)
        snprintf (by, sizeof by, "%.3g times their combined error",
                  (R0 - Rss) / hypot (sR0, sRss));
      /* What to check depends on where the two came from: two spectra may have been given in
       * the wrong order; a typed value beside a fitted one is off (typed from another cell or
       * another moment), and exchanging the spectra is no remedy; two typed ones may have
       * been typed the wrong way round. */
      char what[400];
      if (in->R0_typed && in->Rss_typed)
        snprintf (what, sizeof what, "so the typed --r0 and --rss may be exchanged (check "
                  "them); "
                  "with R0 and Rss exchanged bv gives %s", sw);
      else if (in->R0_typed)
        snprintf (what, sizeof what, "so the typed --r0 is likely off: check it (the "
                  "interfacial resistance of this cell before the step) against the spectrum "
                  "that gave Rss");
      else if (in->Rss_typed)
        snprintf (what, sizeof what, "so the typed --rss is likely off: check it (the "
                  "interfacial resistance of this cell at the end of the hold) against the "
                  "spectrum that gave R0");
      else
        snprintf (what, sizeof what, "so the spectra before and after may be swapped (check "
                  "--before and --after); with R0 and Rss exchanged bv gives %s", sw);
      bv_warn (out, EIS_BV_WARN_R_DECREASED,
               "the interfacial resistance after the hold, Rss = %.4g +- %.2g Ohm, is below the "
               "one before, R0 = %.4g +- %.2g Ohm, by %.3g %% (%s): an interface grows or "
               "stays during a hold, %s", Rss, sRss, R0, sR0, 100 * (R0 - Rss) / R0, by, what);
    }
  /* A negative t+ is no transference number (a fraction of the current): the formula's
   * inputs contradict each other, and the result says which, without the number. t+ above 1
   * is reported and flagged (Bruce & Vincent 1987: evolving interfaces; SCIENCE.md). */
  out->t_plus_computed = out->t_plus;
  out->no_t_plus[0] = 0;
  /* the current measured at the step (the I0 used may be dV/(R_b + R0), which says nothing
   * of the hold) */
  double I0m = isfinite (out->I0_meas_A) ? out->I0_meas_A : I0;
  double sI0m = isfinite (out->I0_meas_A) ? se0 (out->I0_meas_se_A) : sI0;
  /* A current that grows during the hold (beyond 1 % and twice the error) is no
   * concentration polarization: a polarized cell's current falls as the gradient builds. */
  int grew = Iss - I0m > fmax (0.01 * I0m, 2 * hypot (sI0m, sIss));
  if (grew)
    snprintf (out->no_t_plus, sizeof out->no_t_plus, "no t+: the current grew during the hold, "
              "from I0 = %.4g A%s to Iss = %.4g A (%+.3g %%): a polarized cell's current falls "
              "as the concentration gradient builds (Bruce & Vincent 1987); a growing one is an "
              "interface that conducts better with time, a reaction, or no polarization hold "
              "(the %s formula would give %.4g)", I0m, I0m != I0 ? " measured at the step" : "",
              Iss, 100 * (Iss / I0m - 1), eis_bv_method_name (in->method), out->t_plus);
  else if (out->t_plus < 0)
    {
      char fwhy[360] = "";
      size_t u = 0;
      double I0h = in->method == EIS_BV_METHOD_WATANABE ? NAN : I0;
      double Rssh = Rss;
      if (isfinite (I0h) && in->method == EIS_BV_METHOD_BV && dV - I0h * R0 < 0)
        u += (size_t) snprintf (fwhy + u, sizeof fwhy - u, "I0 R_int,0 = %.4g mV exceeds the step "
                                "dV = %.4g mV (dV/I0 = %.4g Ohm is below R_int,0 = %.4g Ohm): R_int,0 "
                                "holds more than the interface (an arc with the wrong role, a "
                                "typed --r0) or I0 is too large (a spike left in)", 1e3 * I0h * R0,
                                1e3 * dV, dV / I0h, R0);
      if (dV - Iss * Rssh < 0 && u < sizeof fwhy)
        u += (size_t) snprintf (fwhy + u, sizeof fwhy - u, "%sIss R_int,ss = %.4g mV exceeds the step "
                                "dV = %.4g mV (dV/Iss = %.4g Ohm is below R_int,ss = %.4g Ohm): R_int,ss "
                                "holds more than the interface, or the spectra are not of this "
                                "hold", u ? "; " : "", 1e3 * Iss * Rssh, 1e3 * dV, dV / Iss, Rssh);
      snprintf (out->no_t_plus, sizeof out->no_t_plus, "no t+: the %s formula gives %.4g, and "
                "a negative fraction of the current is no transference number: %s",
                eis_bv_method_name (in->method), out->t_plus,
                fwhy[0] ? fwhy : "the inputs of the formula contradict each other");
      bv_warn (out, EIS_BV_WARN_T_RANGE, "%s", out->no_t_plus);
    }
  /* every form that comes out negative is left out (reported as "-" and null); with a
   * growing current, every form of t+ (the measured ratio Iss/I0 stays) */
  {
    double *v[] = { &out->t_plus, &out->t_bv, &out->t_bv_meas, &out->t_plus_calc,
                    &out->t_watanabe };
    double *e2[] = { &out->t_plus_se, &out->t_bv_se, &out->t_bv_meas_se,
                     &out->t_plus_calc_se, &out->t_watanabe_se };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
      if (*v[i] < 0 || grew)
        *v[i] = *e2[i] = NAN;
  }
  int out_p = isfinite (out->t_plus) && out->t_plus > 1;
  int out_c = isfinite (out->t_plus_calc) && out->t_plus_calc > 1;
  if ((out_p || out_c) && !(out->warnings & EIS_BV_WARN_T_RANGE))
    bv_warn (out, EIS_BV_WARN_T_RANGE,
             "t+ above 1 (%.4g; with calculated I0 %.4g): the assumptions of the method do not "
             "hold (reported as computed, not clipped)", out->t_plus, out->t_plus_calc);
  /* A cell driven by a voltage step passes current in the step's direction: the opposite
   * sign is an instrument's convention (cathodic current positive, as CH Instruments writes)
   * or a wrong column, and only the magnitudes mean something. */
  if (isfinite (dV_signed) && (dV_signed > 0) != (sign > 0))
    bv_warn (out, EIS_BV_WARN_SIGN_OPPOSITE,
             "the current (%.4g A at the plateau) flows against the voltage step (%+.4g mV): "
             "a current sign convention (cathodic positive) or a wrong column? magnitudes used",
             sign * Iss, 1e3 * dV_signed);
  if (n_opposite > 0)
    bv_warn (out, EIS_BV_WARN_SIGN_CHANGE,
             "the current changes sign during the hold (%zu of %zu points opposite to the "
             "plateau)", n_opposite, nh);
  if (have_rb && fabs (out->I0_meas_A - out->I0_calc_A) > in->max_i0_mismatch * out->I0_calc_A)
    {
      char other[64] = "";
      if (meth == EIS_BV_I0_CALCULATED && isfinite (out->t_bv_meas))
        eis_bv_format (other, sizeof other, out->t_bv_meas, out->t_bv_meas_se, 4, "+-");
      else if (meth != EIS_BV_I0_CALCULATED && isfinite (out->t_plus_calc))
        eis_bv_format (other, sizeof other, out->t_plus_calc, out->t_plus_calc_se, 4, "+-");
      bv_warn (out, EIS_BV_WARN_I0_MISMATCH,
               "measured I0 = %.4g A and dV/(R_b + R_int,0) = %.4g A differ by %.3g %% (limit %.3g "
               "%%): dV/I0 = %.4g Ohm against R_b + R_int,0 = %.4g Ohm; t+ used the %s one (%s)%s%s; "
               "with the %s one bv gives %s", out->I0_meas_A, out->I0_calc_A,
               100 * fabs (out->I0_meas_A / out->I0_calc_A - 1), 100 * in->max_i0_mismatch,
               dV / out->I0_meas_A, Rb + R0,
               meth == EIS_BV_I0_CALCULATED ? "calculated" : "measured",
               meth == EIS_BV_I0_CALCULATED
               ? (out->I0_meas_A > out->I0_calc_A ? "the measured current is above it, as a "
                  "charging spike left in makes it" : "as asked")
               : in->i0_method == EIS_BV_I0_AUTO ? "the calculated one is above it, as a "
                 "resistance missing from R_int,0 or R_b makes it" : "as asked",
               meth != EIS_BV_I0_CALCULATED && out->I0_meas_A < out->I0_calc_A
               ? ": check that every interfacial arc is in R_int,0" : "",
               meth == EIS_BV_I0_CALCULATED && out->I0_meas_A < out->I0_calc_A
               ? ": R_int,0 or R_b may be incomplete" : "",
               meth == EIS_BV_I0_CALCULATED ? "measured" : "calculated",
               other[0] ? other : "nothing");
    }
  /* no decay beyond 0.1 % of I0 or twice the error of the difference: judged on the current
   * measured at the step (the I0 used may be dV/(R_b + R0), which says nothing of the hold) */
  if (grew)
    bv_warn (out, EIS_BV_WARN_NO_DECAY, "%s", out->no_t_plus);
  else if (I0m - Iss <= fmax (1e-3 * I0m, 2 * hypot (sI0m, sIss)))
    bv_warn (out, EIS_BV_WARN_NO_DECAY,
             "the current did not decay significantly (I0 = %.4g A%s, Iss = %.4g A): either "
             "a single-ion conductor (t+ near 1) or no concentration gradient built up (a "
             "short circuit, a hold that did not polarize the cell)", I0m,
             I0m != I0 ? " measured at the step" : "", Iss);
  if (dur < 60)
    bv_warn (out, EIS_BV_WARN_SHORT_HOLD,
             "the hold lasted %.3g s: a concentration gradient takes minutes to hours to "
             "settle (L^2/D); check the time unit (minutes or hours read as seconds?)", dur);

  free (a), free (x), free (e);
  out->has_alt = 0;
  out->alt_R0_ohm = out->alt_Rss_ohm = out->alt_Rb_ohm = NAN;
  out->alt_t_plus = out->alt_t_plus_se = out->alt_t_bv = out->alt_t_bv_se = NAN;
  out->alt_t_watanabe = out->alt_t_watanabe_se = NAN;
  if (isfinite (in->R0_alt_ohm) && isfinite (in->Rss_alt_ohm))
    {
      /* The other reading of the ambiguous arcs, with the I0 this one used (R_b + R0 is the
       * same in both, so the rule would choose alike). */
      EisBVInput alt = *in;
      alt.R0_ohm = in->R0_alt_ohm, alt.R0_se_ohm = in->R0_alt_se_ohm;
      alt.Rss_ohm = in->Rss_alt_ohm, alt.Rss_se_ohm = in->Rss_alt_se_ohm;
      alt.Rb_ohm = in->Rb_alt_ohm, alt.Rb_se_ohm = in->Rb_alt_se_ohm;
      alt.Rb_ss_ohm = in->Rb_ss_alt_ohm, alt.Rb_ss_se_ohm = in->Rb_ss_alt_se_ohm;
      if (!(alt.Rb_ohm > 0))
        alt.Rb_ohm = alt.Rb_se_ohm = NAN;
      if (!(alt.Rb_ss_ohm > 0))
        alt.Rb_ss_ohm = alt.Rb_ss_se_ohm = NAN;
      alt.R0_alt_ohm = alt.Rss_alt_ohm = NAN;
      alt.i0_method = meth == EIS_BV_I0_CALCULATED && !isfinite (alt.Rb_ohm)
                      ? EIS_BV_I0_AUTO : meth;
      EisBVResult *r2 = malloc (sizeof *r2);
      if (r2 == NULL)
        return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      if (eis_bv_run (s, &alt, r2, NULL) == EIS_OK)
        {
          out->has_alt = 1;
          out->alt_R0_ohm = r2->R0_ohm;
          out->alt_Rss_ohm = r2->Rss_ohm;
          out->alt_Rb_ohm = r2->Rb_ohm;
          out->alt_t_plus = r2->t_plus, out->alt_t_plus_se = r2->t_plus_se;
          out->alt_t_bv = r2->t_bv, out->alt_t_bv_se = r2->t_bv_se;
          out->alt_t_watanabe = r2->t_watanabe, out->alt_t_watanabe_se = r2->t_watanabe_se;
          char v1[64], v2[64];
          bv_warn (out, EIS_BV_WARN_ROLE_AMBIGUOUS,
                   "the role of %s cannot be decided from the capacitance (grain boundaries and "
                   "interphases both lie between %.2g and %.2g F): t+ = %s (%s) with "
                   "R_int,0 = %.4g Ohm; %s it gives R_int,0 = %.4g Ohm, R_int,ss = %.4g Ohm and t+ = %s; say "
                   "which arcs are interfacial (eisfit transference --interface-arcs; in eisfit-gtk "
                   "the Transference page's Interface arcs)", in->alt_what ? in->alt_what : "an arc",
                   EIS_BV_AMBIGUOUS_C_LO, EIS_BV_AMBIGUOUS_C_HI,
                   eis_bv_format (v1, sizeof v1, out->t_plus, out->t_plus_se, 4, "+-"),
                   eis_bv_method_name (in->method), out->R0_ohm,
                   in->alt_to_interface ? "counted as interface" : "counted as electrolyte",
                   r2->R0_ohm, r2->Rss_ohm,
                   eis_bv_format (v2, sizeof v2, r2->t_plus, r2->t_plus_se, 4, "+-"));
        }
      free (r2);
    }
  return EIS_OK;
}

/* ---- the interface during the hold ---- */

size_t
eis_bv_nearest (const double *times, size_t n, double t)
{
  size_t best = 0;
  for (size_t i = 1; i < n; i++)
    {
      double di = fabs (times[i] - t), db = fabs (times[best] - t);
      if (di < db || (di == db && times[i] < times[best]))
        best = i;
    }
  return best;
}

int
eis_bv_track_interface (const EisCircuit *c, const EisFitOptions *opt, const double *start,
                        const EisSpectrum *const *spectra, size_t n,
                        const char *interface_arcs, EisBVInterfacePoint *out,
                        EisFitResult **fits, EisError *err)
{
  size_t P = eis_circuit_n_params (c);
  double *p = malloc ((P ? P : 1) * sizeof *p);
  if (p == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  for (size_t k = 0; k < P; k++)
    p[k] = start ? start[k] : NAN;
  if (fits)
    for (size_t i = 0; i < n; i++)
      fits[i] = NULL;
  int rc = EIS_OK;
  for (size_t i = 0; i < n && rc == EIS_OK; i++)
    {
      EisBVInterfacePoint *pt = &out[i];
      pt->R_int_ohm = pt->R_int_se_ohm = pt->R_b_ohm = pt->R_b_se_ohm = NAN;
      pt->reduced_chi2 = NAN;
      pt->how[0] = '\0';
      EisFitOptions o = *opt;
      o.init = p;
      EisFitResult *fr = NULL;
      /* refused as every fit refuses them (Z' < 0 at every point used, or noise): such a
       * spectrum has no interface to give */
      EisSpectrum *used = eis_fit_used_points (spectra[i], &o);
      if (used == NULL)
        {
          rc = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
          break;
        }
      rc = eis_spectrum_check_analysable (used, err);
      eis_spectrum_free (used);
      if (rc != EIS_OK)
        break;
      rc = eis_fit_run (c, spectra[i], &o, &fr, err);
      if (rc != EIS_OK)
        break;
      pt->status = fr->status;
      pt->reduced_chi2 = fr->reduced_chi2;
      /* read as the spectra before and after are (a Li|Li cell, without the geometry) */
      EisConductivity cond;
      EisBVResistances res;
      EisError e2 = { 0 };
      int st = eis_bv_fit_resistances (c, fr, EIS_CELL_LI_SYMMETRIC, NULL, interface_arcs,
                                       &cond, &res, &e2);
      if (st != EIS_OK && st != EIS_ERR_DATA)
        {
          eis_fit_result_free (fr);
          rc = eis_error_set (err, st, "%s", e2.message);
          break;
        }
      pt->R_int_ohm = res.R_int;
      pt->R_int_se_ohm = res.R_int_se;
      snprintf (pt->how, sizeof pt->how, "%s", res.how);
      pt->R_b_ohm = res.R_b;
      pt->R_b_se_ohm = res.R_b_se;
      if (fr->status == EIS_FIT_CONVERGED)
        memcpy (p, fr->value, P * sizeof *p);   /* the next one starts here */
      if (fits)
        fits[i] = fr;
      else
        eis_fit_result_free (fr);
    }
  free (p);
  if (rc != EIS_OK && fits)
    for (size_t i = 0; i < n; i++)
      {
        eis_fit_result_free (fits[i]);
        fits[i] = NULL;
      }
  return rc;
}
