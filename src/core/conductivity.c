/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From a fitted circuit to the electrolyte: effective capacitance of each arc, which arc is
 * bulk, grain boundary or electrode, and sigma = L/(R A) with propagated uncertainties.
 * Effective capacitance: Hsu & Mansfeld, Corrosion 57 (2001) 747 for R||CPE;
 * Brug et al., J. Electroanal. Chem. 176 (1984) 275 for a blocking-electrode CPE.
 * Roles: Irvine, Sinclair & West, Adv. Mater. 2 (1990) 132. */
#include "conductivity.h"

#include <complex.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *
eis_role_text (EisRole r)
{
  switch (r)
    {
    case EIS_ROLE_BULK: return "bulk";
    case EIS_ROLE_GRAIN_BOUNDARY: return "grain boundary";
    case EIS_ROLE_SURFACE: return "surface layer";
    case EIS_ROLE_ELECTRODE: return "electrode";
    case EIS_ROLE_INTERCEPT: return "intercept";
    case EIS_ROLE_ELECTROLYTE: return "electrolyte";
    case EIS_ROLE_DIFFUSION: return "diffusion tail";   /* it said "unknown" in a series */
    default: return "unknown";
    }
}

const char *
eis_arc_role_name (const EisArc *a)
{
  return a->open_role ? "interface" : eis_role_name (a->role);
}

const char *
eis_arc_role_text (const EisArc *a)
{
  return a->open_role ? "interface" : eis_role_text (a->role);
}

const char *
eis_role_name (EisRole r)
{
  switch (r)
    {
    case EIS_ROLE_BULK: return "bulk";
    case EIS_ROLE_GRAIN_BOUNDARY: return "grain_boundary";
    case EIS_ROLE_SURFACE: return "surface_layer";
    case EIS_ROLE_ELECTRODE: return "electrode";
    case EIS_ROLE_INTERCEPT: return "intercept";
    case EIS_ROLE_ELECTROLYTE: return "electrolyte";
    case EIS_ROLE_DIFFUSION: return "diffusion";
    default: return "unknown";
    }
}

const char *
eis_cell_name (EisCellType c)
{
  switch (c)
    {
    case EIS_CELL_BLOCKING: return "blocking";
    case EIS_CELL_LI_SYMMETRIC: return "li-symmetric";
    case EIS_CELL_LIQUID: return "liquid";
    default: return "";
    }
}

int
eis_cell_parse (const char *text)
{
  if (text == NULL || *text == '\0')
    return EIS_CELL_UNSPECIFIED;
  for (int c = EIS_CELL_BLOCKING; c <= EIS_CELL_LIQUID; c++)
    if (strcmp (text, eis_cell_name ((EisCellType) c)) == 0)
      return c;
  return -1;
}

double
eis_conductivity_sigma (double R, double R_se, const EisGeometry *g, double *sigma_se)
{
  double sigma = g->thickness_cm / (R * g->area_cm2);
  if (sigma_se)
    {
      double rl = g->thickness_se_cm / g->thickness_cm, ra = g->area_se_cm2 / g->area_cm2;
      double rr = R_se / R;
      *sigma_se = fabs (sigma) * sqrt (rr * rr + rl * rl + ra * ra);
    }
  return sigma;
}

/* Covariance of parameters a and b from the fit (0 for fixed ones). */
static double
cov (const EisFitResult *f, long a, long b)
{
  if (a < 0 || b < 0 || f->fixed[a] || f->fixed[b])
    return 0;
  if (a == b)
    return f->stderr_[a] * f->stderr_[a];
  double c = f->corr[a * (long) f->n_params + b];
  return isfinite (c) ? c * f->stderr_[a] * f->stderr_[b] : 0;
}

/* The fitted series resistances R_SERIES[0..N) added up. */
static double
series_sum (const EisFitResult *fit, const long *r_series, size_t n)
{
  double rs = 0;
  for (size_t a = 0; a < n; a++)
    rs += fit->value[r_series[a]];
  return rs;
}

/* The sum of the resistances IDX[0..N) of FIT; *VAR gets the variance of that sum (with their
 * covariances) added. */
static double
sum_with_var (const EisFitResult *fit, const long *idx, size_t n, double *var)
{
  double sum = 0;
  for (size_t a = 0; a < n; a++)
    {
      sum += fit->value[idx[a]];
      for (size_t b = 0; b < n; b++)
        *var += cov (fit, idx[a], idx[b]);
    }
  return sum;
}

/* C_eff = Q^(1/n) R^((1-n)/n) and its standard error by first-order propagation in
 * ln Q, ln R, n (Hsu & Mansfeld 2001). For a Zarc, Q = tau^alpha / R gives C_eff = tau / R. */
static void
arc_capacitance (const EisFitResult *f, long ir, long iq, long in, int zarc, double *C,
                 double *C_se)
{
  double R = f->value[ir];
  if (zarc)
    {
      double tau = f->value[iq];
      *C = tau / R;
      double rt = f->stderr_[iq] / tau, rr = f->stderr_[ir] / R;
      double cv = cov (f, ir, iq) / (R * tau);
      *C_se = *C * eis_se_of_var (rt * rt + rr * rr - 2 * cv);
      return;
    }
  if (in < 0)
    {
      *C = f->value[iq];
      *C_se = f->stderr_[iq];
      return;
    }
  double Q = f->value[iq], n = f->value[in];
  if (n < EIS_ARC_N_MIN)
    {
      *C = *C_se = NAN;   /* a CPE this flat is no capacitance (SCIENCE.md) */
      return;
    }
  *C = pow (Q, 1 / n) * pow (R, (1 - n) / n);
  /* Gradient of ln C with respect to (ln Q, ln R, n). */
  double g[3] = { 1 / n, (1 - n) / n, -(log (Q) + log (R)) / (n * n) };
  long idx[3] = { iq, ir, in };
  double scale[3] = { 1 / Q, 1 / R, 1 };   /* d(ln Q)/dQ etc. */
  double var = 0;
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++)
      var += g[a] * g[b] * scale[a] * scale[b] * cov (f, idx[a], idx[b]);
  *C_se = *C * eis_se_of_var (var);
}

/* Role by specific capacitance [F/cm] (or F without geometry), Irvine, Sinclair & West. */
static EisRole
role_of (double Cs)
{
  if (!(Cs > 0))
    return EIS_ROLE_UNKNOWN;
  if (Cs < 1e-11)
    return EIS_ROLE_BULK;
  if (Cs < 1e-8)
    return EIS_ROLE_GRAIN_BOUNDARY;
  if (Cs < 1e-7)
    return EIS_ROLE_SURFACE;
  return EIS_ROLE_ELECTRODE;
}

static void
caution (EisConductivity *out, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static void
caution (EisConductivity *out, const char *fmt, ...)
{
  if (out->n_cautions >= sizeof out->cautions / sizeof out->cautions[0])
    return;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (out->cautions[out->n_cautions++], sizeof out->cautions[0], fmt, ap);
  va_end (ap);
}

/* Reasons to doubt the analysis, said once it is done:
 * - an arc placed by a capacitance within a factor 3 of a role boundary (Irvine, Sinclair and
 *   West's ranges are orders of magnitude, not sharp lines: a small change of the geometry
 *   would move the arc, and sigma_bulk with it);
 * - a series resistance left out of sigma as the leads although it is a sizeable part of the
 *   electrolyte's resistance;
 * - an arc whose apex lies far outside the measured range (its R and C are extrapolations). */
static void
add_cautions (EisConductivity *out, const EisFitResult *fit, const long *r_series, size_t n_rs,
              size_t nb, int bulk_by_position)
{
  /* the line between bulk and grain boundary (Irvine 1990); the one between grain boundary
   * and surface layer needs no caution: electrolyte_readings gives both readings */
  const double bulk_gb_F_cm = 1e-11;
  for (size_t k = 0; out->have_geometry && !bulk_by_position && k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      if (!(a->C_specific > 0) || (a->role != EIS_ROLE_BULK && a->role != EIS_ROLE_GRAIN_BOUNDARY
                                   && a->role != EIS_ROLE_SURFACE))
        continue;
      if (out->brick_layer && (a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_GRAIN_BOUNDARY))
        {
          if (a->role == EIS_ROLE_BULK && a->C_specific > bulk_gb_F_cm / 3)
            caution (out, "%s: C_eff L/A = %.2g F/cm is near the %.0e F/cm line between bulk and "
                     "grain boundary, but the next arc has %.3g times its capacitance: the "
                     "faster arc is taken as the bulk and the slower as the grain boundary "
                     "(brick layer: C_gb/C_bulk = L/delta, grain size over boundary thickness; "
                     "a bulk permittivity of 60-80 is usual for an electrolyte holding solvent)",
                     a->label, a->C_specific, bulk_gb_F_cm, out->brick_ratio);
          continue;
        }
      if (a->C_specific > bulk_gb_F_cm / 3 && a->C_specific < bulk_gb_F_cm * 3)
        caution (out, "%s: C_eff L/A = %.2g F/cm is within a factor 3 of the %.0e F/cm line "
                 "between bulk and grain boundary: its role, and sigma_bulk with it, would "
                 "change with a slightly different geometry or fit; compare both readings",
                 a->label, a->C_specific, bulk_gb_F_cm);
    }
  if (nb > 0 && n_rs > 0 && !out->split_ambiguous && isfinite (out->R_total) && out->R_total > 0)
    {
      double rs = series_sum (fit, r_series, n_rs);
      if (rs > 0.05 * out->R_total)
        caution (out, "the series resistance (%.4g Ohm, %.0f %% of R_bulk + R_gb) is taken as the "
                 "leads and left out of sigma; if it is electrolyte (an arc above the measured "
                 "range), sigma_total with it is %.3g of the value shown",
                 rs, 100 * rs / out->R_total, out->R_total / (out->R_total + rs));
    }
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      double span = pow (10, strstr (a->formula, "ideal") ? EIS_APEX_DECADES_IDEAL
                                                            : EIS_APEX_DECADES);
      if (isfinite (a->f_peak_hz) && a->f_peak_hz > 0 && out->f_min_hz > 0
          && (a->f_peak_hz < out->f_min_hz / span || a->f_peak_hz > out->f_max_hz * span))
        caution (out, "%s: its apex (%.3g Hz) lies more than %.3g decade%s outside the fitted "
                 "range (%.3g to %.3g Hz): its R and C_eff are extrapolations and its role "
                 "means little", a->label, a->f_peak_hz, log10 (span), span == 10 ? "" : "s",
                 out->f_min_hz, out->f_max_hz);
    }
}

/* Lists the series resistance (LABEL, parameter R_INDEX, the sum R of all series resistances)
 * first among the arcs: it is the highest-frequency feature. */
static void
list_intercept (EisConductivity *out, const char *label, long r_index, double R, double R_se,
                EisRole role)
{
  if (out->n_arcs >= EIS_MAX_ARCS)
    return;
  memmove (&out->arcs[1], &out->arcs[0], out->n_arcs * sizeof out->arcs[0]);
  out->n_arcs++;
  EisArc *a = &out->arcs[0];
  memset (a, 0, sizeof *a);
  snprintf (a->label, sizeof a->label, "%s", label);
  a->r_index = r_index;
  a->n_index = -1;
  a->R = R;
  a->R_se = R_se;
  a->C_eff = a->C_eff_se = a->f_peak_hz = a->C_specific = NAN;
  a->role = role;
  snprintf (a->formula, sizeof a->formula, "-");
}

/* The measured Z' [Ohm] of point I of FIT, from the model and the relative residuals
 * r = (Z - Zmodel)/|Z|: with m = Zmodel, Z = m + r s where s = |Z| solves
 * s^2 (1 - |r|^2) - 2 s Re(m conj r) - |m|^2 = 0 (one positive root while |r| < 1); NAN where
 * the residual is as large as |Z| or not known. */
static double
data_re (const EisFitResult *fit, size_t i)
{
  double mr = fit->model_re[i], mi = fit->model_im[i];
  double rr = fit->res_re[i], ri = fit->res_im[i];
  double a = 1 - (rr * rr + ri * ri), b = mr * rr + mi * ri, m2 = mr * mr + mi * mi;
  if (!(a > 0) || !isfinite (b) || !isfinite (m2))
    return NAN;
  double q = sqrt (b * b + a * m2);
  double mod = b >= 0 ? (b + q) / a : m2 / (q - b);   /* the stable form of each sign */
  return mr + rr * mod;
}

/* The measured -Z'' [Ohm] of point I of FIT (as data_re). */
static double
data_mim (const EisFitResult *fit, size_t i)
{
  double mr = fit->model_re[i], mi = fit->model_im[i];
  double rr = fit->res_re[i], ri = fit->res_im[i];
  double a = 1 - (rr * rr + ri * ri), b = mr * rr + mi * ri, m2 = mr * mr + mi * mi;
  if (!(a > 0) || !isfinite (b) || !isfinite (m2))
    return NAN;
  double q = sqrt (b * b + a * m2);
  double mod = b >= 0 ? (b + q) / a : m2 / (q - b);
  return -(mi + ri * mod);
}

/* "+- 52 %" (2 significant digits: "+- 0.47 %", never "+- 0 %" for an error that is not 0;
 * "+- 2.7e+299 %" beyond 1e4 %) for a relative error REL, or "(error not determined)" when it
 * is not a number. */
static void
rel_error_text (double rel, char *buf, size_t len)
{
  double pc = 100 * fabs (rel);
  if (isfinite (pc) && pc >= 1e4)
    snprintf (buf, len, "+- %.1e %%", pc);
  else if (isfinite (pc) && pc >= 10)
    snprintf (buf, len, "+- %.0f %%", pc);
  else if (isfinite (pc))
    snprintf (buf, len, "+- %.2g %%", pc);
  else
    snprintf (buf, len, "(error not determined)");
}

/* Leads given (--leads) of LEADS Ohm taken from a resistance FROM that holds them: at or
 * above it they leave no electrolyte (a negative R_total was printed, and the GUI's headline
 * showed it); above half of it the electrolyte's resistance is mostly what the leads' value
 * makes it. Either is said, with both values, so that a wrong --leads shows. */
static void
leads_share_check (EisConductivity *out, double leads, double from)
{
  if (!(leads > 0) || !isfinite (from))
    return;
  if (leads >= from)
    {
      out->leads_exceed = 1;
      caution (out, "the leads given (--leads %.4g Ohm) are not below the resistance they "
               "are taken from (%.5g Ohm): no electrolyte resistance is left, so no R_total "
               "or sigma; check --leads (a short-circuit measurement of the cell holder gives "
               "them)", leads, from);
    }
  else if (leads > 0.5 * from)
    caution (out, "the leads given (--leads %.4g Ohm) are %.0f %% of the resistance they are "
             "taken from (%.5g Ohm): the electrolyte's %.4g Ohm, and sigma, rest mostly on "
             "the leads' value; check --leads", leads, 100 * leads / from, from, from - leads);
}

/* Bulk and grain boundary told apart only where the data support it (SCIENCE.md,
 * "Admissible models"); otherwise R_bulk and R_gb give way to the merged electrolyte resistance
 * R_total, whose sigma does not depend on the split:
 * - an intercept taken as R_bulk that lies more than 30 % below the smallest Z' of the fitted
 *   spectrum is an extrapolation past the data (an arc above the measured range may hide there);
 * - with geometry, a bulk or grain-boundary arc whose C_eff L/A lies within a factor 3 of
 *   1e-11 F/cm, the line between the two (Irvine, Sinclair & West): a modest change of the
 *   thickness or area would swap the roles, and sigma_bulk with them;
 * - R_bulk or R_gb with a relative standard error above 50 %: the fit does not split them. */
static void
split_check (EisConductivity *out, const EisCircuit *c, const EisFitResult *fit,
             const long *bulk_idx, size_t nb,
             const long *gb_idx, size_t ng, const long *r_series, size_t n_rs,
             int series_negligible, int bulk_by_position, double zmin, double leads,
             double leads_var)
{
  if (!isfinite (out->R_bulk))
    return;
  char why[400] = "";
  /* The measured Z' holds the leads (--leads, LEADS Ohm subtracted from the intercept): compare
   * the intercept as fitted, leads and all, with it (R_bulk itself, 0.8 Ohm of leads taken
   * from an intercept of 2 Ohm, sat "60 % below" a Z' of 2 Ohm and had the leads put back). */
  double intercept = out->R_bulk + leads;
  if (out->hf_pair)
    {
      char se[64];
      if (isfinite (out->R_hf_se))
        snprintf (se, sizeof se, "+- %.2g Ohm", out->R_hf_se);
      else
        snprintf (se, sizeof se, "Ohm (error not determined)");
      const EisArc *fast = NULL;   /* the arc of the pair: the last merged resistance */
      for (size_t k = 0; out->n_merged > 0 && k < out->n_arcs; k++)
        if (out->arcs[k].r_index == out->merged_index[out->n_merged - 1]
            && out->arcs[k].f_peak_hz > 0)
          fast = &out->arcs[k];
      snprintf (why, sizeof why, "%s = %.5g %s (high-frequency resistance; the split is not "
                "determined by the data): %s peaks at %.3g Hz, above the top %.3g Hz", out->hf_names,
                out->R_hf, se, fast ? fast->label : "the fastest arc",
                fast ? fast->f_peak_hz : 0.0, out->f_max_hz);
      out->split_by_errors = 1;
    }
  if (!why[0] && nb == 0 && n_rs > 0 && isfinite (zmin) && zmin > 0 && intercept < 0.7 * zmin)
    snprintf (why, sizeof why, "the intercept %s%.4g Ohm would lie %.0f %% below the "
              "smallest Z' of the fitted spectrum (%.4g Ohm): an extrapolation past the data",
              leads > 0 ? "with the leads, " : "R_bulk = ", intercept,
              100 * (1 - intercept / zmin), zmin);
  for (size_t k = 0; !why[0] && out->have_geometry && !bulk_by_position && k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      if ((a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_GRAIN_BOUNDARY)
          && a->C_specific > 1e-11 / 3 && a->C_specific < 1e-11 * 3 && !out->brick_layer)
        snprintf (why, sizeof why, "%s has C_eff L/A = %.2g F/cm, within a factor 3 of the "
                  "1e-11 F/cm line between bulk and grain boundary: a modest change of the "
                  "geometry would swap the roles", a->label, a->C_specific);
    }
  if (!why[0] && (nb > 0 || n_rs > 0) && ng > 0)
    {
      double rb = out->R_bulk_se / out->R_bulk, rg = out->R_gb_se / out->R_gb;
      if (!(rb <= 0.5) || !(rg <= 0.5))
        {
          /* an error the fit does not determine is said so, never "+- nan %" */
          char eb[48], eg[48];
          rel_error_text (rb, eb, sizeof eb);
          rel_error_text (rg, eg, sizeof eg);
          snprintf (why, sizeof why, "the fit does not split them (R_bulk %.4g %s, R_gb %.4g "
                    "%s)", out->R_bulk, eb, out->R_gb, eg);
          out->split_by_errors = 1;
        }
    }
  /* The intercept taken as R_bulk with the grain-boundary arc peaking within a factor
   * EIS_SPLIT_APEX_FACTOR of the top frequency (or above it): the data do not show the arc's
   * high-frequency side, where it meets the intercept, so how the electrolyte's resistance
   * splits between the two is an extrapolation of the arc's shape and of the leads' inductance
   * (the intercept is R_bulk only when an electrolyte arc is seen beyond it, intercept_check:
   * seen whole, not its low-frequency half). The pellet at 80 degC measured to 1 MHz (grain
   * boundary 13.3 Ohm at 0.9 MHz, 0.2 uH of cable) gave R_bulk 55.98 +- 0.44 Ohm for 53.1 and
   * sigma_bulk 6 % low in 12 of 12 noise draws; the total was right. */
  for (size_t k = 0; !why[0] && nb == 0 && ng > 0 && n_rs > 0 && !series_negligible
                     && out->f_max_hz > 0 && k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      if (a->role == EIS_ROLE_GRAIN_BOUNDARY && isfinite (a->f_peak_hz)
          && a->f_peak_hz > out->f_max_hz / EIS_SPLIT_APEX_FACTOR)
        snprintf (why, sizeof why, "the grain-boundary arc %s peaks at %.3g Hz, %s the top "
                  "frequency %.3g Hz%s: its high-frequency side, where it meets the intercept, "
                  "is not measured, so the intercept (R_bulk) and %s are only known together",
                  a->label, a->f_peak_hz, a->f_peak_hz >= out->f_max_hz ? "at or above"
                  : "within a factor 3 of", out->f_max_hz,
                  a->f_peak_hz >= out->f_max_hz ? "" : " (measure to higher frequencies)",
                  a->r_name);
    }
  /* The intercept taken as R_bulk more than EIS_SPLIT_TAIL_FRACTION below the smallest
   * measured Z' with a grain-boundary arc beyond it: the data stop on the arc's high-frequency
   * side, short of the intercept, and the rest is the arc's extrapolated shape. A bulk arc
   * beginning just above the top frequency bends the same points: the fit then depresses the
   * grain-boundary exponent and puts the intercept too low. The pellet at 60 degC measured to
   * 7 MHz (bulk 93.4 Ohm + 1 Ohm leads peaking at 2.1e7 Hz, grain boundary 95.3 Ohm at
   * 8.5e5 Hz, 0.5 uH of cable): the intercept 79.5 Ohm lay 9 % below Z' = 87.2 Ohm at 7 MHz,
   * and sigma_bulk came out 18 % high, 25 standard errors, in 10 of 10 noise draws (15 % high
   * at 70 degC, the intercept 14 % below). */
  if (!why[0] && nb == 0 && ng > 0 && n_rs > 0 && !series_negligible && isfinite (zmin)
      && zmin > 0 && intercept < (1 - EIS_SPLIT_TAIL_FRACTION) * zmin)
    snprintf (why, sizeof why, "the intercept %s%.4g Ohm lies %.0f %% below the smallest "
              "measured Z' (%.4g Ohm): R_bulk rests on the grain-boundary arc's extrapolated "
              "high-frequency side (a bulk arc just above %.3g Hz looks the same)", leads > 0 ? "with the leads, " : "R_bulk = ",
              intercept, 100 * (1 - intercept / zmin), zmin, out->f_max_hz);
  /* A series resistance ahead of the bulk arc that is more than leads can be (a few Ohm, and
   * a sizeable part of the electrolyte's resistance) is electrolyte itself: a faster feature
   * above the measured range, so the arc called bulk may be the grain boundary, or both. */
  double rs = series_sum (fit, r_series, n_rs);
  if (!why[0] && nb > 0 && n_rs > 0 && !series_negligible && isfinite (out->R_total)
      && rs > EIS_LEADS_MAX_FRACTION * out->R_total && rs > EIS_LEADS_MAX_OHM)
    snprintf (why, sizeof why, "the series resistance (%.4g Ohm, %.0f %% of the arcs' %.4g Ohm) "
              "is more than leads (%g Ohm at most, and %.0f %% of the electrolyte): it is "
              "electrolyte whose arc lies above the measured range, so which part is bulk is not "
              "measured", rs, 100 * rs / out->R_total, out->R_total, EIS_LEADS_MAX_OHM,
              100 * EIS_LEADS_MAX_FRACTION);
  /* Two electrolyte resistances the fit cannot tell apart (one with a relative error above
   * 50 %, or a correlation beyond 0.999, where each error is over 20 times their sum's): only
   * their sum is determined. A correlation of 0.998 with errors of 2 to 3 % still splits them
   * (the pellet at 20 degC: R_bulk 786 +- 13 Ohm against 777 true). */
  {
    long el[3 * EIS_MAX_ARCS];
    size_t ne = 0;
    for (size_t a = 0; a < nb; a++)
      el[ne++] = bulk_idx[a];
    for (size_t a = 0; a < ng; a++)
      el[ne++] = gb_idx[a];
    for (size_t a = 0; !series_negligible && a < n_rs; a++)
      el[ne++] = r_series[a];
    size_t P = fit->n_params;
    for (size_t a = 0; !why[0] && ne >= 2 && a < ne; a++)
      {
        long i = el[a];
        if (!fit->fixed[i] && !isfinite (fit->stderr_[i]))
          snprintf (why, sizeof why, "the fit does not determine %s (%.4g Ohm, its error not "
                    "determined) beside the other electrolyte resistances: resistances in "
                    "series, or arcs that overlap, are not separately identifiable, only their "
                    "sum", eis_circuit_param_name (c, (size_t) i), fit->value[i]),
          out->split_by_errors = 1;
        else if (!fit->fixed[i] && !(fit->stderr_[i] <= 0.5 * fabs (fit->value[i])))
          snprintf (why, sizeof why, "the fit does not determine %s (%.4g Ohm +- %.0f %%) beside "
                    "the other electrolyte resistances", eis_circuit_param_name (c, (size_t) i),
                    fit->value[i], 100 * fit->stderr_[i] / fabs (fit->value[i])),
          out->split_by_errors = 1;
        for (size_t b = a + 1; !why[0] && b < ne; b++)
          {
            double r = fit->corr[i * (long) P + el[b]];
            if (!fit->fixed[i] && !fit->fixed[el[b]] && isfinite (r) && fabs (r) > 0.999)
              {
                snprintf (why, sizeof why, "%s and %s cannot be told apart (correlation %.3f): "
                          "only their sum is determined", eis_circuit_param_name (c, (size_t) i),
                          eis_circuit_param_name (c, (size_t) el[b]), r);
                out->split_by_errors = 1;
              }
          }
      }
  }
  /* The only electrolyte arc peaks above the measured range: the data show its low-frequency
   * side alone, where a grain-boundary arc above the range merges with the bulk's (a pellet at
   * 80 degC: bulk 103 Ohm at 1.4e8 Hz and grain boundary 20 Ohm at 2.8e7 Hz fit as one arc of
   * 123 Ohm). Its R is the whole electrolyte's. */
  for (size_t k = 0; !why[0] && nb > 0 && ng == 0 && k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      if (a->role == EIS_ROLE_BULK && isfinite (a->f_peak_hz) && out->f_max_hz > 0
          && a->f_peak_hz > out->f_max_hz)
        {
          out->merged_above_range = 1;
          snprintf (why, sizeof why, "the bulk arc %s peaks at %.3g Hz, above the measured range "
                    "(to %.3g Hz), and no grain-boundary arc is resolved: the data show only the "
                    "low-frequency side of the electrolyte's response, where a grain-boundary arc "
                    "above the range would merge with the bulk's", a->label, a->f_peak_hz,
                    out->f_max_hz);
        }
    }
  if (!why[0])
    return;
  out->split_ambiguous = 1;
  for (size_t k = 0; k < out->n_arcs; k++)
    if (out->arcs[k].role == EIS_ROLE_BULK || out->arcs[k].role == EIS_ROLE_GRAIN_BOUNDARY
        || out->arcs[k].role == EIS_ROLE_INTERCEPT)
      out->arcs[k].role = EIS_ROLE_ELECTROLYTE;
  /* The whole electrolyte: every bulk, grain-boundary and series resistance, the series one
   * too when a bulk arc had made it the leads (which arc is the bulk is what is in doubt),
   * unless it is negligible. */
  long idx[3 * EIS_MAX_ARCS];
  size_t ni = 0;
  for (size_t a = 0; a < nb; a++)
    idx[ni++] = bulk_idx[a];
  for (size_t a = 0; a < ng; a++)
    idx[ni++] = gb_idx[a];
  double rs_var = 0;
  rs = 0;
  for (size_t a = 0; (nb == 0 || !series_negligible) && a < n_rs; a++)
    {
      idx[ni++] = r_series[a];
      rs += fit->value[r_series[a]];
      for (size_t b = 0; b < n_rs; b++)
        rs_var += cov (fit, r_series[a], r_series[b]);
    }
  int listed = 0;
  for (size_t k = 0; n_rs > 0 && k < out->n_arcs; k++)
    listed |= out->arcs[k].r_index == r_series[0];
  if (nb > 0 && n_rs > 0 && !series_negligible && !listed)
    list_intercept (out, eis_circuit_param_name (c, (size_t) r_series[0]), r_series[0], rs,
                    sqrt (rs_var), EIS_ROLE_ELECTROLYTE);
  double var = 0;
  double tot = sum_with_var (fit, idx, ni, &var);
  /* the leads subtracted from the intercept stay subtracted, their error added */
  if (leads > 0)   /* subtracted from an intercept, R0 + R1, or an arc holding them */
    {
      /* (an intercept's or an arc's leads were checked where they were taken out) */
      if (out->hf_pair)
        leads_share_check (out, leads, out->R_hf);
      tot = tot - leads > 0 && !out->leads_exceed ? tot - leads : NAN;
      var += leads_var;
    }
  out->R_total = tot;
  out->R_total_se = isfinite (tot) ? eis_se_of_var (var) : NAN;
  if (isfinite (out->R_total))
    caution (out, "bulk and grain boundary are not separated: %s; only the total electrolyte "
             "resistance R_total = %.5g Ohm%s is reported", why, out->R_total,
             !out->have_geometry ? "" : out->R_total > 0 ? " (and sigma_total)"
             : " (and no sigma_total: a resistance of 0 gives none)");
  else
    caution (out, "bulk and grain boundary are not separated: %s; the total electrolyte "
             "resistance would be all that is reported, but the leads given leave none", why);
  snprintf (out->bulk_source, sizeof out->bulk_source, "none: bulk and grain boundary "
            "are not separated by the data (see the caution)");
  out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
}

/* The beginning of the caution intercept_check gives (series.c drops it when the series' roles
 * put a grain-boundary arc beyond the intercept). */
#define INTERCEPT_TOTAL_CAUTION "the intercept holds bulk and grain boundary"

/* A high-frequency intercept is R_bulk only when an electrolyte arc beyond it is seen: a
 * grain-boundary arc by its capacitance (or a bulk arc). With none (only the electrode's spike
 * or a surface layer), a grain-boundary arc above the measured range merges into the
 * intercept, which is then R_bulk + R_gb (+ the leads): the pellet of 30 Ohm bulk and 12 Ohm
 * grain boundary measured to 1 MHz shows one intercept of 43 Ohm. Unless the geometry rules
 * such an arc out: with C_gb L/A >= 1e-11 F/cm (Irvine, Sinclair & West) an arc peaking above
 * f_max has R_gb < (L/A) / (2 pi f_max 1e-11 F/cm); below 1 % of the intercept it is negligible.
 * Otherwise R_bulk is not given (sigma_bulk >= sigma_total), R_total is the intercept. */
static void
intercept_check (EisConductivity *out, const char *label, double cell_cm, int bare)
{
  if (out->have_geometry && out->f_max_hz > 0)
    {
      double rgb_max = cell_cm / (2 * M_PI * out->f_max_hz * 1e-11);
      if (rgb_max < 0.01 * out->R_bulk)
        {
          size_t len = strlen (out->bulk_source);
          snprintf (out->bulk_source + len, sizeof out->bulk_source - len, "; a grain-boundary "
                    "arc above the range would hold below %.3g Ohm (1 %%)", rgb_max);
          return;
        }
    }
  out->intercept_total = 1;
  if (bare)
    caution (out, INTERCEPT_TOTAL_CAUTION ": no arc is in the measured range (a resistance%s "
             "only: a short circuit, a cable, or an electrolyte whose arcs lie above %.3g Hz), "
             "so %s = %.5g Ohm is R_bulk + R_gb (+ leads): sigma_total is reported, sigma_bulk "
             "is not (sigma_bulk >= sigma_total)", bare > 1 ? " and an inductance" : "",
             out->f_max_hz, label, out->R_bulk);
  else
    caution (out, INTERCEPT_TOTAL_CAUTION ": no electrolyte arc is seen beyond the high-frequency "
             "intercept %s (only the electrode's), so a grain-boundary arc above the measured "
             "range (to %.3g Hz) merges into it: the intercept %.5g Ohm is R_bulk + R_gb, "
             "sigma_total is reported and sigma_bulk is not given (sigma_bulk >= sigma_total); "
             "measure to higher frequencies or colder to see the arcs apart", label,
             out->f_max_hz, out->R_bulk);
  snprintf (out->bulk_source, sizeof out->bulk_source, "none: the intercept %s holds the bulk "
            "and any grain boundary (%s; see the caution)", label,
            bare ? "no arc in the measured range" : "no electrolyte arc beyond it");
  out->R_bulk = out->R_bulk_se = NAN;
}

typedef struct {
  long ir, iq, in;
  int zarc, randles;
  long itau;               /* a finite diffusion element's tau [s], -1: none */
  long iw;                 /* a semi-infinite Warburg's A_W [Ohm s^-1/2], -1: none */
  char label[80];
  char diffusion[48];
} ArcNode;

/* The text of a node in impedance.py notation ("R2-W2", "p(CPE2,R2-W2)") into BUF. */
static void
node_text (const EisNode *nd, char *buf, size_t cap)
{
  size_t len = strlen (buf);
  if (len + 1 >= cap)
    return;
  if (nd->type == EIS_NODE_ELEMENT)
    {
      snprintf (buf + len, cap - len, "%s", nd->label);
      return;
    }
  int par = nd->type == EIS_NODE_PARALLEL;
  if (par)
    snprintf (buf + len, cap - len, "p(");
  for (size_t i = 0; i < nd->n_children; i++)
    {
      if (i)
        {
          len = strlen (buf);
          snprintf (buf + len, cap - len, "%s", par ? "," : "-");
        }
      node_text (nd->children[i], buf, cap);
    }
  if (par)
    {
      len = strlen (buf);
      snprintf (buf + len, cap - len, ")");
    }
}

static int
is_diffusion (const EisNode *nd)
{
  return nd->type == EIS_NODE_ELEMENT
         && (nd->kind == EIS_ELEM_W || nd->kind == EIS_ELEM_WO || nd->kind == EIS_ELEM_WS
             || nd->kind == EIS_ELEM_G);
}

/* The highest frequency below W_APEX [rad/s] where MZ (-Z'' of a branch at w, CTX its
 * parameters) has a local minimum [Hz]; 0 when there is none. Searched on a grid of 40 points
 * a decade over 8 decades below the apex. */
static double
valley_below_hz (double w_apex, double (*mz) (double w, const double *ctx), const double *ctx)
{
  double prev2 = NAN, prev = NAN, w_prev = NAN;
  for (int i = 0; i <= 320; i++)
    {
      double w = w_apex * pow (10, -i / 40.0);
      double m = mz (w, ctx);
      if (isfinite (prev2) && prev < prev2 && prev < m)
        return w_prev / (2 * M_PI);
      prev2 = prev;
      prev = m;
      w_prev = w;
    }
  return 0;
}

/* -Z'' of a Randles arc Q (j w)^n || (R + W), CTX = { R, Q, n, A_W } */
static double
randles_mz (double w, const double *ctx)
{
  double complex zw = ctx[3] * (1 - I) / sqrt (w);
  double complex y = ctx[1] * cpow (I * w, ctx[2]) + 1 / (ctx[0] + zw);
  return -cimag (1 / y);
}

/* The valley of -Z'' between a Randles arc, Q (j w)^n || (R + W), and its Warburg's tail,
 * W = A_W (1 - j)/sqrt(w) (Randles 1947): the highest frequency below the arc's apex where
 * -Z'' of the branch has a local minimum [Hz]; 0 when there is none (the Warburg swamps the
 * arc). */
static double
randles_valley_hz (double R, double Q, double n, double A_w)
{
  if (!(R > 0) || !(Q > 0) || !(n > 0) || !(A_w > 0))
    return 0;
  const double ctx[] = { R, Q, n, A_w };
  return valley_below_hz (pow (R * Q, -1 / n), randles_mz, ctx);
}

/* -Z'' of an arc R/(1 + (j w tau)^n) and a tail 1/(Qt (j w)^nt) in series, CTX = { R, tau,
 * n, Qt, nt } */
static double
tail_mz (double w, const double *ctx)
{
  double complex z = ctx[0] / (1 + cpow (I * w * ctx[1], ctx[2]))
                     + 1 / (ctx[3] * cpow (I * w, ctx[4]));
  return -cimag (z);
}

/* The valley of -Z'' between an arc R/(1 + (j w tau)^n) (R||CPE with tau^n = R Q) and a tail
 * in series after it, 1/(Qt (j w)^nt): as randles_valley_hz, searched below the arc's apex. */
static double
tail_valley_hz (double R, double f_apex_hz, double n, double Qt, double nt)
{
  if (!(R > 0) || !(f_apex_hz > 0) || !(n > 0) || !(Qt > 0) || !(nt > 0))
    return 0;
  double w_apex = 2 * M_PI * f_apex_hz;
  const double ctx[] = { R, 1 / w_apex, n, Qt, nt };
  return valley_below_hz (w_apex, tail_mz, ctx);
}

/* The arcs of node ND into OUT[N..MAX) (OUT NULL: only counted); returns how many were found.
 * An arc is R||C, R||CPE or a Zarc (eis_node_arc_params), or a Randles branch: a C or CPE in
 * parallel with a series branch that holds a resistance, the charge-transfer R, beside
 * diffusion elements (W, Wo, Ws, G) and nested arcs (Randles, Discuss. Faraday Soc. 1 (1947)
 * 11; Boukamp's R(C(R(RW))) nesting). Its role comes from its capacitance with that R, as for
 * any arc; the nested arcs of the branch are arcs of their own. */
static size_t
collect_arcs (const EisNode *nd, ArcNode *out, size_t n, size_t max)
{
  ArcNode a;
  memset (&a, 0, sizeof a);
  a.itau = -1;
  a.iw = -1;
  if (eis_node_arc_params (nd, &a.ir, &a.iq, &a.in, &a.zarc))
    {
      if (a.zarc)
        snprintf (a.label, sizeof a.label, "%s", nd->label);
      else
        snprintf (a.label, sizeof a.label, "%s||%s", nd->children[0]->label,
                  nd->children[1]->label);
      if (out && n < max)
        out[n] = a;
      return 1;
    }
  if (nd->type != EIS_NODE_PARALLEL || nd->n_children != 2)
    return 0;
  for (int side = 0; side < 2; side++)
    {
      const EisNode *cap = nd->children[side], *br = nd->children[1 - side];
      if (cap->type != EIS_NODE_ELEMENT || (cap->kind != EIS_ELEM_C && cap->kind != EIS_ELEM_CPE)
          || br->type != EIS_NODE_SERIES)
        continue;
      long ir = -1;
      int other = 0;
      for (size_t i = 0; i < br->n_children; i++)
        {
          const EisNode *ch = br->children[i];
          if (ch->type == EIS_NODE_ELEMENT && ch->kind == EIS_ELEM_R)
            {
              if (ir < 0)
                ir = (long) ch->param_offset;
            }
          else if (is_diffusion (ch))
            {
              if (a.itau < 0 && ch->type == EIS_NODE_ELEMENT
                  && (ch->kind == EIS_ELEM_WS || ch->kind == EIS_ELEM_WO))
                a.itau = (long) ch->param_offset + 1;
              if (a.iw < 0 && ch->type == EIS_NODE_ELEMENT && ch->kind == EIS_ELEM_W)
                a.iw = (long) ch->param_offset;
              size_t len = strlen (a.diffusion);
              snprintf (a.diffusion + len, sizeof a.diffusion - len, "%s%s", len ? ", " : "",
                        ch->label);
            }
          else if (ch->type == EIS_NODE_PARALLEL
                   || (ch->type == EIS_NODE_ELEMENT && ch->kind == EIS_ELEM_ZARC))
            ;   /* a nested arc, counted below */
          else
            other = 1;
        }
      if (ir < 0 || other)
        return 0;
      a.ir = ir;
      a.iq = (long) cap->param_offset;
      a.in = cap->kind == EIS_ELEM_CPE ? (long) cap->param_offset + 1 : -1;
      a.randles = 1;
      snprintf (a.label, sizeof a.label, "%s||(", cap->label);
      node_text (br, a.label, sizeof a.label - 1);
      size_t len = strlen (a.label);
      snprintf (a.label + len, sizeof a.label - len, ")");
      size_t k = 0;
      if (out && n < max)
        out[n] = a;
      k++;
      for (size_t i = 0; i < br->n_children; i++)
        k += collect_arcs (br->children[i], out, n + k, max);
      return k;
    }
  return 0;
}

int
eis_conductivity_analyse (const EisCircuit *c, const EisFitResult *fit, const EisGeometry *geom,
                          EisConductivity *out, EisError *err)
{
  return eis_conductivity_analyse_cell (c, fit, geom, EIS_CELL_UNSPECIFIED, out, err);
}

/* Removes the first caution that starts with PREFIX, if any. */
static void
drop_caution (EisConductivity *out, const char *prefix)
{
  size_t n = strlen (prefix);
  for (size_t k = 0; k < out->n_cautions; k++)
    if (strncmp (out->cautions[k], prefix, n) == 0)
      {
        memmove (&out->cautions[k], &out->cautions[k + 1],
                 (out->n_cautions - k - 1) * sizeof out->cautions[0]);
        out->n_cautions--;
        return;
      }
}

/* A fit not to be trusted (the automatic choice's doubtful best, or a model that misses the
 * data): "a wrong sigma is worse than no sigma", and the same holds for every number built on
 * the roles - R_bulk, R_gb, R_total, R_interface, the ASR and their other readings. The
 * fitted parameters stay in the fit, marked; WHY says so in bulk_source and interface_source. */
static void
withhold_roles (EisConductivity *out, const char *why)
{
  out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
  out->R_total = out->R_total_se = NAN;
  out->sigma_bulk = out->sigma_bulk_se = out->sigma_gb = out->sigma_gb_se = NAN;
  out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
  out->sigma_total = out->sigma_total_se = NAN;
  out->R_interface = out->R_interface_se = NAN;
  out->asr_per_interface = out->asr_per_interface_se = NAN;
  out->R_interface_alt = out->R_interface_alt_se = NAN;
  out->asr_per_interface_alt = out->asr_per_interface_alt_se = NAN;
  out->R_total_alt = NAN;
  out->role_ambiguous = 0;
  drop_caution (out, "role_ambiguous:");
  if (out->intercept_total)
    drop_caution (out, INTERCEPT_TOTAL_CAUTION);
  out->intercept_total = 0;
  snprintf (out->bulk_source, sizeof out->bulk_source, "%s", why);
  snprintf (out->interface_source, sizeof out->interface_source, "%s", why);
}


int
eis_conductivity_is_merged (const EisConductivity *out, long k)
{
  for (size_t a = 0; k >= 0 && a < out->n_merged; a++)
    if (out->merged_index[a] == k)
      return 1;
  return 0;
}

/* Two arcs merged into one (SCIENCE.md, "Admissible models": an R is determined only where
 * its arc shows): the data measure the sum of their resistances, and any split between them
 * comes from something else (in a series, the capacitances it shares, which a change of the
 * cell makes wrong with no worse chi2). The sum's variance has the covariance in it, so the
 * sum is as well determined as the merged arc. */
void
eis_conductivity_merged (EisConductivity *out, const EisFitResult *fit, const long *idx,
                         size_t n, const char *why)
{
  int electrolyte = 0, other = 0;
  char names[160] = "";
  size_t used = 0, added = 0;
  for (size_t a = 0; a < n; a++)
    {
      long k = idx[a];
      if (k < 0 || (size_t) k >= fit->n_params || fit->fixed[k]
          || eis_conductivity_is_merged (out, k) || out->n_merged >= EIS_MAX_ARCS)
        continue;
      out->merged_index[out->n_merged++] = k;
      added++;
    }
  /* what the merged resistances are (all of them: a second call, after the roles were set
   * again for the cell, applies the same withholding without saying it twice) */
  for (size_t a = 0; a < out->n_merged; a++)
    {
      long k = out->merged_index[a];
      for (size_t m = 0; m < out->n_arcs; m++)
        if (out->arcs[m].r_index == k)
          {
            EisRole r = out->arcs[m].role;
            if (r == EIS_ROLE_BULK || r == EIS_ROLE_GRAIN_BOUNDARY || r == EIS_ROLE_INTERCEPT
                || r == EIS_ROLE_ELECTROLYTE)
              electrolyte = 1;
            else
              other = 1;
            if (used < sizeof names)
              used += (size_t) snprintf (names + used, sizeof names - used, "%s%s",
                                         used ? " + " : "", out->arcs[m].r_name);
          }
    }
  if (out->n_merged < 2)
    {
      out->n_merged = 0;
      return;
    }
  double var = 0;
  out->R_merged = sum_with_var (fit, out->merged_index, out->n_merged, &var);
  out->R_merged_se = eis_se_of_var (var);
  /* the sum with its error, or "(error not determined)", never "+- nan" */
  char sum[96];
  if (isfinite (out->R_merged_se))
    snprintf (sum, sizeof sum, "%.5g +- %.2g Ohm", out->R_merged, out->R_merged_se);
  else
    snprintf (sum, sizeof sum, "%.5g Ohm (error not determined)", out->R_merged);
  if (electrolyte && !other)
    {
      int had = isfinite (out->R_bulk) && isfinite (out->R_gb);
      out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
      out->sigma_bulk = out->sigma_bulk_se = out->sigma_gb = out->sigma_gb_se = NAN;
      out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
      if (added)
      caution (out, "merged: %s: only their sum %s is determined, not the split; "
               "%sR_total and sigma_total stand", why, sum,
               had ? "R_bulk, R_gb and their sigmas are not given, " : "");
    }
  else if (electrolyte)
    {
      out->R_total = out->R_total_se = NAN;
      out->sigma_total = out->sigma_total_se = NAN;
      out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
      out->sigma_bulk = out->sigma_bulk_se = out->sigma_gb = out->sigma_gb_se = NAN;
      out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
      out->R_interface = out->R_interface_se = NAN;
      out->asr_per_interface = out->asr_per_interface_se = NAN;
      out->R_interface_alt = out->R_interface_alt_se = NAN;
      out->asr_per_interface_alt = out->asr_per_interface_alt_se = NAN;
      out->R_total_alt = NAN;
      out->role_ambiguous = 0;
      drop_caution (out, "role_ambiguous:");
      snprintf (out->interface_source, sizeof out->interface_source, "none: %s merge into one "
                "arc (only their sum is determined), and one of them is electrolyte", names);
      if (added)
      caution (out, "merged: %s: only their sum %s is determined, and part of "
               "it is electrolyte, part interface: no R_total, sigma or R_interface", why,
               sum);
    }
  else if (added)
    caution (out, "merged: %s: only their sum %s is determined, not the split%s",
             why, sum,
             isfinite (out->R_interface) ? "; R_interface (their sum with the other "
             "interfacial arcs) stands" : "");
}

/* Two resistive arcs whose apexes lie within EIS_MERGED_APEX_RATIO of each other merge into
 * one arc (H3): the spectrum measures their sum, not the split (their correlation runs to -1,
 * or the split rests on something else, such as capacitances a series shares). The one rule
 * for single fits, series and the Arrhenius law (which reads the series). WHY (WHY_LEN bytes,
 * may be NULL) receives the first pair and their apexes; "" when none. */
void
eis_conductivity_merge_close (EisConductivity *out, const EisFitResult *fit, char *why,
                              size_t why_len)
{
  long idx[EIS_MAX_ARCS];
  size_t ni = 0;
  char w[400] = "";
  for (size_t a = 0; a < out->n_arcs; a++)
    for (size_t b = a + 1; b < out->n_arcs; b++)
      {
        const EisArc *x = &out->arcs[a], *y = &out->arcs[b];
        if (x->r_index < 0 || y->r_index < 0 || !(x->f_peak_hz > 0) || !(y->f_peak_hz > 0))
          continue;
        double ratio = x->f_peak_hz > y->f_peak_hz ? x->f_peak_hz / y->f_peak_hz
                       : y->f_peak_hz / x->f_peak_hz;
        if (!(ratio < EIS_MERGED_APEX_RATIO))
          continue;
        if (!w[0])
          snprintf (w, sizeof w, "%s and %s have time constants within a factor %.2g "
                    "(apexes %.3g and %.3g Hz), so they merge into one arc in this "
                    "spectrum", x->r_name, y->r_name, ratio, x->f_peak_hz, y->f_peak_hz);
        for (int q = 0; q < 2; q++)
          {
            long k = q ? y->r_index : x->r_index;
            int seen = 0;
            for (size_t m = 0; m < ni; m++)
              seen |= idx[m] == k;
            if (!seen && ni < EIS_MAX_ARCS)
              idx[ni++] = k;
          }
      }
  if (why && why_len)
    snprintf (why, why_len, "%s", w);
  if (ni > 0)
    eis_conductivity_merged (out, fit, idx, ni, w);
}

int
eis_conductivity_analyse_cell (const EisCircuit *c, const EisFitResult *fit,
                               const EisGeometry *geom, EisCellType cell_type,
                               EisConductivity *out, EisError *err)
{
  return eis_conductivity_analyse_leads (c, fit, geom, cell_type, -1, out, err);
}

int
eis_conductivity_analyse_leads (const EisCircuit *c, const EisFitResult *fit,
                                const EisGeometry *geom, EisCellType cell_type,
                                long leads_param, EisConductivity *out, EisError *err)
{
  memset (out, 0, sizeof *out);
  out->leads_index = -1;
  out->R_leads = out->R_leads_se = NAN;
  out->R_interface = out->R_interface_se = NAN;
  out->asr_per_interface = out->asr_per_interface_se = NAN;
  out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
  out->R_total = out->R_total_se = NAN;
  out->sigma_bulk = out->sigma_bulk_se = out->sigma_gb = out->sigma_gb_se = NAN;
  out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
  out->sigma_total = out->sigma_total_se = NAN;
  out->have_geometry = geom && geom->thickness_cm > 0 && geom->area_cm2 > 0;
  out->f_min_hz = fit->n_points ? fit->freq_hz[0] : NAN;
  out->f_max_hz = fit->n_points ? fit->freq_hz[fit->n_points - 1] : NAN;
  double cell = out->have_geometry ? geom->thickness_cm / geom->area_cm2 : NAN; /* 1/cm */

  const EisNode *root = eis_circuit_root (c);
  const EisNode *const *items = (const EisNode *const *) root->children;
  size_t n_items = root->n_children;
  const EisNode *single = root;
  if (root->type != EIS_NODE_SERIES)
    {
      items = &single;
      n_items = 1;
    }

  /* Roles are worked out for at most EIS_MAX_ARCS arcs and series resistances: beyond that a
   * sum over the first ones would be a wrong R_total, so nothing is said but why. */
  size_t n_arcs_c = 0, n_rs_c = 0;
  for (size_t i = 0; i < n_items; i++)
    {
      n_arcs_c += collect_arcs (items[i], NULL, 0, 0);
      if (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_R)
        n_rs_c++;
    }
  if (n_arcs_c + 1 > EIS_MAX_ARCS || n_rs_c > EIS_MAX_ARCS)
    {
      if (n_arcs_c + 1 > EIS_MAX_ARCS)
        caution (out, "the circuit has %zu arcs: roles, R_bulk and sigma are worked out for at "
                 "most %d arcs, so none are given", n_arcs_c, EIS_MAX_ARCS - 1);
      else
        caution (out, "the circuit has %zu resistances in series: roles, R_bulk and sigma are "
                 "worked out for at most %d, so none are given (resistances in series add up: "
                 "the data determine only their sum, which one R gives)", n_rs_c, EIS_MAX_ARCS);
      out->too_many_arcs = 1;
      snprintf (out->bulk_source, sizeof out->bulk_source, "none: %s to assign roles (see the "
                "caution)", n_arcs_c + 1 > EIS_MAX_ARCS ? "too many arcs"
                : "too many series resistances");
      eis_conductivity_set_cell (out, fit, geom, cell_type);
      return EIS_OK;
    }

  /* Pass 1: arcs and series resistances. */
  long r_series[EIS_MAX_ARCS];
  size_t n_rs = 0;
  int unplaced_arc = 0;
  for (size_t i = 0; i < n_items && out->n_arcs < EIS_MAX_ARCS; i++)
    {
      const EisNode *nd = items[i];
      ArcNode found[EIS_MAX_ARCS];
      size_t nf = collect_arcs (nd, found, 0, EIS_MAX_ARCS);
      for (size_t j = 0; j < nf && j < EIS_MAX_ARCS && out->n_arcs < EIS_MAX_ARCS; j++)
        {
          const ArcNode *f = &found[j];
          EisArc *a = &out->arcs[out->n_arcs++];
          a->r_index = f->ir;
          a->n_index = f->zarc ? -1 : f->in;
          a->R = fit->value[f->ir];
          a->R_se = fit->stderr_[f->ir];
          arc_capacitance (fit, f->ir, f->iq, f->in, f->zarc, &a->C_eff, &a->C_eff_se);
          a->f_peak_hz = 1.0 / (2 * M_PI * a->R * a->C_eff);
          a->C_specific = out->have_geometry ? a->C_eff * cell : NAN;
          a->role = role_of (out->have_geometry ? a->C_specific : a->C_eff);
          snprintf (a->label, sizeof a->label, "%s", f->label);
          snprintf (a->r_name, sizeof a->r_name, "%s",
                    eis_circuit_param_name (c, (size_t) f->ir));
          snprintf (a->diffusion, sizeof a->diffusion, "%s", f->diffusion);
          a->randles = f->randles;
          a->diffusion_tau_s = f->itau >= 0 ? fit->value[f->itau] : NAN;
          a->tail_valley_hz = f->iw >= 0 && f->iq >= 0
                              ? randles_valley_hz (a->R, fit->value[f->iq],
                                                   f->in >= 0 ? fit->value[f->in] : 1,
                                                   fit->value[f->iw]) : 0;
          snprintf (a->formula, sizeof a->formula, "%s",
                    f->zarc ? "tau/R" : f->in < 0 ? "ideal C" : "Hsu-Mansfeld");
          /* A CPE whose exponent ran below EIS_ARC_N_MIN is a resistor, and R||CPE no arc
           * (SCIENCE.md, "Admissible models"). When the CPE's impedance stays above 100 R over
           * the fitted range, the element is R in series: it counts as a series resistance.
           * Otherwise its resistance cannot be placed, and no sigma is built without it. */
          if (!f->zarc && !f->randles && f->in >= 0 && fit->value[f->in] < EIS_ARC_N_MIN
              && isfinite (a->R))
            {
              double Q = fit->value[f->iq], n = fit->value[f->in];
              double w_max = 2 * M_PI * (fit->n_points ? fit->freq_hz[fit->n_points - 1] : 0);
              double zq = 1 / (Q * pow (w_max, n));
              snprintf (a->formula, sizeof a->formula, "no arc");
              if (zq > 100 * a->R && n_rs < EIS_MAX_ARCS)
                {
                  a->role = EIS_ROLE_INTERCEPT;
                  r_series[n_rs++] = f->ir;
                  caution (out, "%s is no arc: its CPE exponent %.3g is below %.2g, a resistor of "
                           "at least %.3g Ohm beside %s = %.4g Ohm, so the element is that "
                           "resistance in series and counts as one", a->label, n, EIS_ARC_N_MIN,
                           zq, a->r_name, a->R);
                }
              else
                {
                  unplaced_arc = 1;
                  caution (out, "%s is no arc: its CPE exponent %.3g is below %.2g, so it acts "
                           "as a resistor beside %s and its share of the electrolyte's "
                           "resistance cannot be placed; no sigma is given (fit a circuit "
                           "without it)", a->label, n, EIS_ARC_N_MIN, a->r_name);
                }
            }
        }
      if (nd->type == EIS_NODE_ELEMENT && nd->kind == EIS_ELEM_R && leads_param >= 0
          && (long) nd->param_offset == leads_param)
        {
          /* the leads: a resistance the whole series shares, whatever the temperature */
          out->leads_index = leads_param;
          out->R_leads = fit->value[leads_param];
          out->R_leads_se = fit->stderr_[leads_param];
          caution (out, "%s = %.4g +- %.2g Ohm is taken as the leads and cell holder, not the "
                   "electrolyte: a series resistance shared by the whole series (independent of "
                   "temperature); it is left out of R_bulk, R_total and sigma", nd->label,
                   out->R_leads, out->R_leads_se);
        }
      else if (nd->type == EIS_NODE_ELEMENT && nd->kind == EIS_ELEM_R && n_rs < EIS_MAX_ARCS)
        r_series[n_rs++] = (long) nd->param_offset;
    }

  /* A leaky blocking electrode fitted as R||CPE (huge R) has C_eff L/A in the surface-layer
   * range while its capacitance per electrode area is that of a double layer: interfacial
   * capacitances compare better per area (SCIENCE.md). The lowest-frequency arc with
   * C_eff/A >= 0.1 uF/cm^2 (C_eff >= 0.1 uF without geometry) is the electrode. */
  {
    long low = -1;
    for (size_t k = 0; k < out->n_arcs; k++)
      if (isfinite (out->arcs[k].f_peak_hz)
          && (low < 0 || out->arcs[k].f_peak_hz < out->arcs[low].f_peak_hz))
        low = (long) k;
    /* Also when its capacitance lies within a factor 3 of the surface-layer line: the role
     * must not flip with a modest change of thickness, which moves C_eff L/A but not C/A. */
    if (low >= 0 && (out->arcs[low].role == EIS_ROLE_SURFACE
                     || (out->arcs[low].role == EIS_ROLE_GRAIN_BOUNDARY
                         && (out->have_geometry ? out->arcs[low].C_specific
                                                : out->arcs[low].C_eff) > 1e-8 / 3)))
      {
        double per_area = out->have_geometry ? out->arcs[low].C_eff / geom->area_cm2
                                             : out->arcs[low].C_eff;
        if (per_area >= 1e-7)
          out->arcs[low].role = EIS_ROLE_ELECTRODE;
      }
  }

  /* Two electrolyte arcs resolved whose capacitances differ by EIS_BRICK_C_RATIO or more,
   * the faster one near the bulk line (C_eff L/A below 3e-11 F/cm): the faster is the bulk and
   * the slower the grain boundary, whatever side of the 1e-11 F/cm line each lies on. In the
   * brick-layer model C_gb/C_bulk = L/delta (grain size over boundary thickness), far above 1;
   * a quasi-solid electrolyte holding solvent has a bulk permittivity of 60-80, C_eff L/A
   * 5-7e-12 F/cm, within a factor 3 of the line. The pellet at -20 degC (bulk 2537 Ohm at
   * 6e5 Hz, 6.6e-12 F/cm; grain boundary 13499 Ohm at 2.5e3 Hz, 45 times the capacitance) had
   * its split withheld for the line alone. */
  if (out->have_geometry)
    {
      long hi = -1, next = -1;
      for (size_t k = 0; k < out->n_arcs; k++)
        {
          const EisArc *a = &out->arcs[k];
          if ((a->role != EIS_ROLE_BULK && a->role != EIS_ROLE_GRAIN_BOUNDARY)
              || !isfinite (a->f_peak_hz) || !(a->C_specific > 0))
            continue;
          if (hi < 0 || a->f_peak_hz > out->arcs[hi].f_peak_hz)
            next = hi, hi = (long) k;
          else if (next < 0 || a->f_peak_hz > out->arcs[next].f_peak_hz)
            next = (long) k;
        }
      if (hi >= 0 && next >= 0)
        {
          EisArc *a = &out->arcs[hi], *b = &out->arcs[next];
          /* both apexes inside the fitted range; in a series' joint fit (n_starts 0), whose
           * shared capacitance binds it, the bulk's up to a decade above (the admissible
           * range). A single spectrum's bulk arc above the range is its extrapolated shape:
           * at 70 degC (bulk at 3e7 Hz, measured to 7 MHz) an ideal R||C there gave R_bulk 4 %
           * low, 4 stated errors. */
          /* ... and only when no more than leads stands in series before it: a series
           * resistance of 31 Ohm ahead of an arc peaking above a 1 MHz top holds the rest of
           * the bulk, and the arc alone taken as bulk (the 31 Ohm as leads) gave sigma_total
           * 3 % and sigma_bulk 8 % high. */
          double rs_before = series_sum (fit, r_series, n_rs);
          double top = fit->n_starts == 0 && rs_before <= EIS_LEADS_MAX_OHM ? 10 * out->f_max_hz
                                                                             : out->f_max_hz;
          int inside = out->f_max_hz > 0 && a->f_peak_hz <= top
                       && b->f_peak_hz >= out->f_min_hz && b->f_peak_hz <= out->f_max_hz;
          if (inside && a->C_specific < 1e-11 * 3
              && b->C_specific >= EIS_BRICK_C_RATIO * a->C_specific
              && a->f_peak_hz >= EIS_BRICK_C_RATIO * b->f_peak_hz
              && a->R_se <= 0.5 * a->R && b->R_se <= 0.5 * b->R)
            {
              a->role = EIS_ROLE_BULK;
              b->role = EIS_ROLE_GRAIN_BOUNDARY;
              out->brick_layer = 1;
              out->brick_ratio = b->C_specific / a->C_specific;
            }
        }
    }

  /* A series resistance the data do not need (not determined: its error as large as itself,
   * or below 2 % of the highest-frequency arc) is the leads, not the electrolyte. One whose
   * error could not be computed at all (a covariance made singular by another parameter run
   * to its bound) is not shown to be unneeded: 62 Ohm of a series' 92 was dropped so. */
  int series_negligible = n_rs > 0;
  {
    double R_first = NAN, f_first = -1;
    for (size_t k = 0; k < out->n_arcs; k++)
      if (out->arcs[k].role != EIS_ROLE_ELECTRODE && out->arcs[k].f_peak_hz > f_first)
        {
          f_first = out->arcs[k].f_peak_hz;
          R_first = out->arcs[k].R;
        }
    for (size_t a = 0; a < n_rs && series_negligible; a++)
      {
        double v = fit->value[r_series[a]], se = fit->stderr_[r_series[a]];
        int undetermined = !fit->fixed[r_series[a]] && isfinite (se) && !(se < fabs (v));
        if (!(undetermined || (isfinite (R_first) && v < 0.02 * R_first)))
          series_negligible = 0;
      }
    if (!isfinite (R_first))
      series_negligible = 0;
  }

  /* No bulk arc by capacitance and no series resistance that counts (a circuit that starts
   * with an arc, judged without geometry): the highest-frequency arc that is not at the
   * electrode is the bulk by its position. */
  /* The series resistance and the fastest electrolyte arc, peaking above the top measured
   * frequency, that the fit cannot split (SCIENCE.md, "Admissible models": an R is determined
   * only where its arc shows): the data show the arc's low-frequency side alone, whose
   * high-frequency end R0 + R1 is the next arc's intercept; where within that sum the arc
   * begins is the extrapolation of its shape. Neither R0 is the leads nor R1 the bulk: R0 run
   * to 0.06 +- 221 Ohm (10 Ohm true) was left out of R_total as "leads" and sigma_total's error
   * came from R1's 75 % alone. Only R_hf = R0 + R1, its error from the covariance, is given. */
  long hf_idx[EIS_MAX_ARCS + 1];
  size_t n_hf = 0;
  {
    long fast = -1;
    for (size_t k = 0; k < out->n_arcs; k++)
      {
        const EisArc *a = &out->arcs[k];
        if (a->r_index >= 0 && (a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_GRAIN_BOUNDARY)
            && isfinite (a->f_peak_hz) && (fast < 0 || a->f_peak_hz > out->arcs[fast].f_peak_hz))
          fast = (long) k;
      }
    if (fast >= 0 && n_rs > 0 && out->f_max_hz > 0 && out->arcs[fast].f_peak_hz > out->f_max_hz
        && !fit->fixed[out->arcs[fast].r_index])
      {
        long r1 = out->arcs[fast].r_index;
        size_t P = fit->n_params;
        int unsplit = 0;
        double hf = fit->value[r1];
        for (size_t a = 0; a < n_rs; a++)
          hf += fit->value[r_series[a]];
        for (size_t a = 0; a < n_rs; a++)
          {
            long r0 = r_series[a];
            if (fit->fixed[r0])
              continue;
            double v = fit->value[r0], se = fit->stderr_[r0], rc = fit->corr[r0 * (long) P + r1];
            /* the split uncertain by more than EIS_HF_PAIR_SPLIT of the sum; an R0 run to 0,
             * its error not determined (its log's direction singular), is 0 within its error
             * beside an R1 determined alone (a rigid ideal C, 7.4 MHz over a 7 MHz top) */
            if (isfinite (se) ? se > EIS_HF_PAIR_SPLIT * fabs (hf)
                                && (!(se < fabs (v))
                                    || (isfinite (rc) && fabs (rc) > EIS_HF_PAIR_CORR))
                              : fabs (v) > EIS_HF_PAIR_SPLIT * fabs (hf))
              unsplit = 1;
          }
        for (size_t a = 0; unsplit && a < n_rs; a++)
          hf_idx[n_hf++] = r_series[a];
        if (unsplit)
          hf_idx[n_hf++] = r1;
        if (unsplit)
          {
            /* the sum's variance: var(R0) + var(R1) + 2 cov(R0, R1); a term whose error is
             * not determined (R0 run to 0, its direction singular) adds nothing when it is a
             * negligible part of the sum (the covariance without it is the sum's) */
            double var = 0, sum = 0;
            int unknown = 0;
            for (size_t a = 0; a < n_hf; a++)
              sum += fit->value[hf_idx[a]];
            for (size_t a = 0; a < n_hf; a++)
              {
                long i = hf_idx[a];
                if (!fit->fixed[i] && !isfinite (fit->stderr_[i]))
                  {
                    if (!(fabs (fit->value[i]) < 1e-3 * fabs (sum)))
                      unknown = 1;
                    continue;
                  }
                for (size_t b = 0; b < n_hf; b++)
                  if (fit->fixed[hf_idx[b]] || isfinite (fit->stderr_[hf_idx[b]]))
                    var += cov (fit, i, hf_idx[b]);
              }
            out->hf_pair = 1;
            out->R_hf = sum;
            out->R_hf_se = unknown ? NAN : eis_se_of_var (var);
            size_t used = 0;
            for (size_t a = 0; a < n_hf && used < sizeof out->hf_names; a++)
              used += (size_t) snprintf (out->hf_names + used, sizeof out->hf_names - used,
                                         "%s%s", a ? " + " : "",
                                         eis_circuit_param_name (c, (size_t) hf_idx[a]));
            series_negligible = 0;   /* R0 is electrolyte and leads together, not negligible */
            /* merged: no error of their own (the sum has one), in the series' tables too */
            for (size_t a = 0; a < n_hf; a++)
              if (!fit->fixed[hf_idx[a]] && out->n_merged < EIS_MAX_ARCS)
                out->merged_index[out->n_merged++] = hf_idx[a];
            out->R_merged = out->R_hf;
            out->R_merged_se = out->R_hf_se;
          }
      }
  }

  int bulk_by_position = 0;
  if (n_rs == 0 || series_negligible)
    {
      long best = -1;
      int any_bulk = 0;
      for (size_t k = 0; k < out->n_arcs; k++)
        {
          any_bulk |= out->arcs[k].role == EIS_ROLE_BULK;
          if (out->arcs[k].role != EIS_ROLE_ELECTRODE && isfinite (out->arcs[k].f_peak_hz)
              && (best < 0 || out->arcs[k].f_peak_hz > out->arcs[best].f_peak_hz))
            best = (long) k;
        }
      if (!any_bulk && best >= 0)
        {
          out->arcs[best].role = EIS_ROLE_BULK;
          bulk_by_position = 1;
        }
    }

  /* Bulk resistance: a bulk arc when one is inside the range, else the intercept. */
  double Rb = 0, Rb_var = 0, Rgb = 0, Rgb_var = 0;
  double leads_sub = 0, leads_sub_var = 0;   /* --leads taken from the intercept */
  long bulk_idx[EIS_MAX_ARCS], gb_idx[EIS_MAX_ARCS];
  size_t nb = 0, ng = 0;
  double C_bulk = NAN, C_gb = NAN;
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      if (out->arcs[k].role == EIS_ROLE_BULK)
        {
          bulk_idx[nb++] = out->arcs[k].r_index;
          C_bulk = out->arcs[k].C_eff;
        }
      else if (out->arcs[k].role == EIS_ROLE_GRAIN_BOUNDARY)
        {
          gb_idx[ng++] = out->arcs[k].r_index;
          C_gb = out->arcs[k].C_eff;
        }
    }
  /* No series resistance, and the fastest arc (the bulk) peaks above the top frequency: the
   * fit stretches that arc over the leads, whose R then holds them (the pellet of 300 Ohm bulk
   * at 5 MHz, 10 Ohm of leads, measured to 1 MHz: R1 = 309 Ohm, and sigma_total 7 errors low
   * with the leads given but not subtracted). */
  int leads_in_arc = 0;
  /* (a series resistance that ran to nothing counts as none: R0-L0-p(R1,CPE1)-... with R0
   * 3e-21 Ohm and R1 holding the leads gave sigma_total 10 errors low) */
  if (nb > 0 && geom && geom->leads_ohm > 0 && out->f_max_hz > 0
      && (n_rs == 0 || series_sum (fit, r_series, n_rs) < 0.01 * geom->leads_ohm))
    for (size_t k = 0; k < out->n_arcs; k++)
      if (out->arcs[k].role == EIS_ROLE_BULK && out->arcs[k].f_peak_hz > out->f_max_hz)
        {
          double se_l = isfinite (geom->leads_se_ohm) ? geom->leads_se_ohm : 0;
          leads_in_arc = 1;
          leads_sub = geom->leads_ohm;
          leads_sub_var = se_l * se_l;
          out->R_leads = geom->leads_ohm;
          out->R_leads_se = se_l;
          caution (out, "the leads %.4g +- %.2g Ohm given (--leads) are taken out of %s: its arc "
                   "peaks at %.3g Hz, above the top frequency %.3g Hz, and with no series "
                   "resistance in the circuit (or one that ran to 0) its R holds them", geom->leads_ohm, se_l,
                   out->arcs[k].r_name, out->arcs[k].f_peak_hz, out->f_max_hz);
          break;
        }
  if (nb > 0 && geom && geom->leads_ohm > 0 && !out->hf_pair && !leads_in_arc)
    caution (out, "--leads %.4g Ohm not subtracted: the bulk is an arc, whose resistance holds "
             "no lead resistance (a series resistance before it, if any, is taken as the "
             "leads)", geom->leads_ohm);
  if (nb > 0)
    {
      Rb = sum_with_var (fit, bulk_idx, nb, &Rb_var);
      if (leads_in_arc)
        {
          leads_share_check (out, leads_sub, Rb);
          Rb = Rb - leads_sub > 0 ? Rb - leads_sub : NAN;
          Rb_var += leads_sub_var;
        }
      /* A series resistance beside the bulk arc: the leads when it is no more than leads can
       * be; a larger one, negligible beside the arc (under 2 %), is said to be left out, not
       * called leads (a Gamry cell: 3.8 kOhm before a 2.3 MOhm arc read "taken as leads"). */
      char rs_note[96] = "";
      double rs_all = series_sum (fit, r_series, n_rs);
      if (n_rs > 0 && rs_all > EIS_LEADS_MAX_OHM && series_negligible)
        snprintf (rs_note, sizeof rs_note, " (series resistance %.4g Ohm left out: under 2 %% "
                  "of the arc)", rs_all);
      else if (n_rs > 0 && rs_all > EIS_LEADS_MAX_OHM)
        snprintf (rs_note, sizeof rs_note, " (series resistance %.4g Ohm before it)", rs_all);
      else if (n_rs > 0)
        snprintf (rs_note, sizeof rs_note, " (series resistance taken as leads)");
      snprintf (out->bulk_source, sizeof out->bulk_source, "bulk arc %s%s",
                out->arcs[0].label, rs_note);
      for (size_t k = 0; k < out->n_arcs; k++)
        if (out->arcs[k].role == EIS_ROLE_BULK)
          {
            snprintf (out->bulk_source, sizeof out->bulk_source, "bulk arc %s%s%s",
                      out->arcs[k].label, rs_note,
                      bulk_by_position ? " (the highest-frequency arc: its capacitance alone "
                      "does not place it)" : "");
            break;
          }
    }
  else if (n_rs > 0)
    {
      Rb = sum_with_var (fit, r_series, n_rs, &Rb_var);
      const EisNode *first = NULL;
      for (size_t i = 0; i < n_items; i++)
        if (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_R)
          {
            first = items[i];
            break;
          }
      snprintf (out->bulk_source, sizeof out->bulk_source,
                "high-frequency intercept %s (no bulk arc in the measured range)",
                first ? first->label : "R");
      if (first)
        list_intercept (out, first->label, (long) first->param_offset, Rb, sqrt (Rb_var),
                        EIS_ROLE_INTERCEPT);
      /* A lead resistance measured apart (a short circuit of the cell holder, as ZView and
       * RelaxIS users subtract it) is in the intercept, not in the electrolyte. */
      if (geom && geom->leads_ohm > 0 && !out->hf_pair)
        {
          double se_l = isfinite (geom->leads_se_ohm) ? geom->leads_se_ohm : 0;
          if (Rb - geom->leads_ohm > 0 && geom->leads_ohm > 0.5 * Rb)
            leads_share_check (out, geom->leads_ohm, Rb);
          else if (Rb - geom->leads_ohm > 0)
            caution (out, "R_bulk = the intercept %.5g Ohm minus the leads %.4g +- %.2g Ohm "
                     "given (--leads): %.5g Ohm%s", Rb, geom->leads_ohm, se_l,
                     Rb - geom->leads_ohm, se_l > 0 ? ", the leads' error added"
                     : " (no error given for the leads: give one, 0.8ohm+-0.05ohm)");
          else
            {
              out->leads_exceed = 1;
              caution (out, "--leads %.4g Ohm is not below the intercept %.5g Ohm: the "
                       "electrolyte's resistance would not be positive, so no R_bulk or sigma",
                       geom->leads_ohm, Rb);
            }
          Rb = Rb - geom->leads_ohm > 0 ? Rb - geom->leads_ohm : NAN;
          Rb_var += se_l * se_l;
          leads_sub = geom->leads_ohm;
          leads_sub_var = se_l * se_l;
          out->R_leads = geom->leads_ohm;
          out->R_leads_se = se_l;
        }
    }
  else
    snprintf (out->bulk_source, sizeof out->bulk_source, "none: the circuit has no series "
              "resistance and no bulk arc");
  /* the leads given (--leads) are in R0 + R1, the high-frequency resistance: out of R_total */
  if (out->hf_pair && geom && geom->leads_ohm > 0)
    {
      double se_l = isfinite (geom->leads_se_ohm) ? geom->leads_se_ohm : 0;
      leads_sub = geom->leads_ohm;
      leads_sub_var = se_l * se_l;
      out->R_leads = geom->leads_ohm;
      out->R_leads_se = se_l;
      caution (out, "the leads %.4g +- %.2g Ohm given (--leads) are taken out of %s, the "
               "high-frequency resistance, in R_total%s", geom->leads_ohm, se_l, out->hf_names,
               se_l > 0 ? ", their error added" : " (no error given for the leads: give one, "
               "0.8ohm+-0.05ohm)");
    }
  if (nb > 0 || n_rs > 0)
    {
      out->R_bulk = Rb;
      out->R_bulk_se = sqrt (Rb_var);
    }
  if (ng > 0)
    {
      Rgb = sum_with_var (fit, gb_idx, ng, &Rgb_var);
      out->R_gb = Rgb;
      out->R_gb_se = sqrt (Rgb_var);
    }
  if (isfinite (out->R_bulk))
    {
      double tot = out->R_bulk + (ng ? out->R_gb : 0);
      double var = Rb_var + Rgb_var;
      /* Cross terms between bulk and grain-boundary resistances. */
      long bidx[EIS_MAX_ARCS];
      size_t nbi = nb ? nb : n_rs;
      memcpy (bidx, nb ? bulk_idx : r_series, nbi * sizeof *bidx);
      for (size_t a = 0; a < nbi; a++)
        for (size_t b = 0; b < ng; b++)
          var += 2 * cov (fit, bidx[a], gb_idx[b]);
      out->R_total = tot;
      out->R_total_se = eis_se_of_var (var);
    }

  /* The whole electrolyte's resistance below 2 % of the smallest measured Z' (a constant-phase
   * element alone, R0 run to 4e-9 Ohm): the rule by which the automatic choice counts such a
   * series resistance as absent. The data do not measure it (said and cleared below, after the
   * electrode's C_eff has used it), and whether bulk and grain boundary separate is moot. */
  double zmin_data = INFINITY;   /* the measured Z', not the model's (SCIENCE.md) */
  for (size_t i = 0; i < fit->n_points; i++)
    zmin_data = fmin (zmin_data, data_re (fit, i));
  int r_total_unmeasured = !unplaced_arc && isfinite (out->R_total) && isfinite (zmin_data)
                           && zmin_data > 0 && out->R_total < 0.02 * zmin_data;
  if (!r_total_unmeasured)
    split_check (out, c, fit, bulk_idx, nb, gb_idx, ng, r_series, n_rs, series_negligible,
                 bulk_by_position, zmin_data, leads_sub, leads_sub_var);
  /* (not for a fit whose roles are withheld below: too narrow, or not to be trusted) */
  if (!r_total_unmeasured && !out->split_ambiguous && nb == 0 && ng == 0 && n_rs > 0
      && isfinite (out->R_bulk) && !fit->choice_doubtful && !unplaced_arc
      && !(out->f_min_hz > 0 && out->f_max_hz / out->f_min_hz < pow (10, EIS_MIN_DECADES)))
    {
      const char *lab = "R";
      for (size_t k = 0; k < out->n_arcs; k++)
        if (out->arcs[k].role == EIS_ROLE_INTERCEPT)
          {
            lab = out->arcs[k].label;
            break;
          }
      /* a circuit of resistances and inductances only (R0, L0-R0): no arc in range at all */
      int bare = 1;
      for (size_t i = 0; bare && i < n_items; i++)
        {
          const EisNode *nd = items[i];
          if (nd->type != EIS_NODE_ELEMENT
              || (nd->kind != EIS_ELEM_R && nd->kind != EIS_ELEM_L && nd->kind != EIS_ELEM_LA))
            bare = 0;
          else if (nd->kind != EIS_ELEM_R)
            bare = 2;
        }
      if (cell_type == EIS_CELL_LIQUID)
        {
          /* a liquid (or a gel without grains) has no grain boundary to hide in the intercept */
          size_t len = strlen (out->bulk_source);
          snprintf (out->bulk_source + len, sizeof out->bulk_source - len, "; a liquid cell has "
                    "no grain boundary, so the intercept is the bulk's%s", bare ? " (no arc is "
                    "in the measured range)" : "");
        }
      else
        intercept_check (out, lab, cell, bare);
    }

  /* Pass 2: low-frequency (electrode) elements in series, Brug with R_e = R_bulk + R_gb. */
  double Re = isfinite (out->R_total) ? out->R_total : NAN;
  for (size_t i = 0; i < n_items && out->n_arcs < EIS_MAX_ARCS; i++)
    {
      const EisNode *nd = items[i];
      if (nd->type != EIS_NODE_ELEMENT || (nd->kind != EIS_ELEM_CPE && nd->kind != EIS_ELEM_C))
        continue;
      EisArc *a = &out->arcs[out->n_arcs++];
      memset (a, 0, sizeof *a);
      snprintf (a->label, sizeof a->label, "%s", nd->label);
      a->r_index = -1;
      a->R = a->R_se = NAN;
      a->f_peak_hz = NAN;
      long iq = (long) nd->param_offset;
      a->n_index = nd->kind == EIS_ELEM_CPE ? iq + 1 : -1;
      if (nd->kind == EIS_ELEM_C)
        {
          a->C_eff = fit->value[iq];
          a->C_eff_se = fit->stderr_[iq];
          snprintf (a->formula, sizeof a->formula, "ideal C");
        }
      else if (isfinite (Re) && Re > 0)
        {
          long in = iq + 1;
          double Q = fit->value[iq], n = fit->value[in];
          /* Brug: C = Q^(1/n) (1/R_e)^((n-1)/n) = Q^(1/n) R_e^((1-n)/n). */
          a->C_eff = pow (Q, 1 / n) * pow (Re, (1 - n) / n);
          double gq = 1 / (n * Q), gn = -(log (Q) + log (Re)) / (n * n);
          double gr = (1 - n) / (n * Re);
          double var = gq * gq * cov (fit, iq, iq) + gn * gn * cov (fit, in, in)
                       + 2 * gq * gn * cov (fit, iq, in)
                       + gr * gr * out->R_total_se * out->R_total_se;
          a->C_eff_se = a->C_eff * eis_se_of_var (var);
          snprintf (a->formula, sizeof a->formula, "Brug");
        }
      else
        {
          a->C_eff = a->C_eff_se = NAN;
          snprintf (a->formula, sizeof a->formula, "-");
        }
      a->C_specific = out->have_geometry ? a->C_eff * cell : NAN;
      a->role = EIS_ROLE_ELECTRODE;
    }

  if (out->have_geometry)
    {
      if (isfinite (out->R_bulk) && out->R_bulk > 0)
        out->sigma_bulk = eis_conductivity_sigma (out->R_bulk, out->R_bulk_se, geom,
                                                  &out->sigma_bulk_se);
      if (isfinite (out->R_gb) && out->R_gb > 0)
        {
          out->sigma_gb = eis_conductivity_sigma (out->R_gb, out->R_gb_se, geom, &out->sigma_gb_se);
          /* Brick layer: sigma_gb,sp = (L/A)(1/R_gb)(C_bulk/C_gb). */
          if (isfinite (C_bulk) && isfinite (C_gb) && nb == 1 && ng == 1 && C_gb < 10 * C_bulk)
            caution (out, "no brick-layer sigma_gb: C_gb/C_bulk = %.3g, below 10, so the grain "
                     "boundaries are not thin layers the model could describe", C_gb / C_bulk);
          else if (isfinite (C_bulk) && isfinite (C_gb) && nb == 1 && ng == 1)
            {
              out->sigma_gb_specific = out->sigma_gb * C_bulk / C_gb;
              double cb_se = 0, cg_se = 0;
              for (size_t k = 0; k < out->n_arcs; k++)
                {
                  if (out->arcs[k].role == EIS_ROLE_BULK)
                    cb_se = out->arcs[k].C_eff_se / out->arcs[k].C_eff;
                  if (out->arcs[k].role == EIS_ROLE_GRAIN_BOUNDARY)
                    cg_se = out->arcs[k].C_eff_se / out->arcs[k].C_eff;
                }
              double rs = out->sigma_gb_se / out->sigma_gb;
              out->sigma_gb_specific_se = out->sigma_gb_specific
                                          * sqrt (rs * rs + cb_se * cb_se + cg_se * cg_se);
            }
        }
      if (isfinite (out->R_total) && out->R_total > 0)
        out->sigma_total = eis_conductivity_sigma (out->R_total, out->R_total_se, geom,
                                                   &out->sigma_total_se);
    }
  else
    snprintf (out->note, sizeof out->note,
              "no geometry given: capacitances compared directly in F (the ranges are for a "
              "cell constant of 1 cm^-1); the thickness and the electrode diameter or area give "
              "sigma");
  add_cautions (out, fit, r_series, n_rs, nb, bulk_by_position);
  /* Less than a decade: an arc, an intercept and an electrode tail look alike over so short a
   * range (the 25 degC pellet from 1 to 4 kHz gives R0 = 518 Ohm +- 0.4 %, the bulk and grain
   * boundary together, as "R_bulk"): what the fit says of the electrolyte is not given. */
  double span = out->f_max_hz > 0 && out->f_min_hz > 0 ? log10 (out->f_max_hz / out->f_min_hz)
                                                       : NAN;
  if (isfinite (span) && span < EIS_MIN_DECADES)
    {
      out->too_narrow = 1;
      caution (out, "the fitted spectrum spans only %.2f decade%s (%.4g to %.4g Hz), less than "
               "%g: too narrow to tell the electrolyte's intercept and arcs from the "
               "electrode's, so no R_bulk, R_gb or sigma is given (measure from the highest "
               "frequency down to the electrode's tail)", span, span == 1 ? "" : "s",
               out->f_min_hz, out->f_max_hz, EIS_MIN_DECADES);
      snprintf (out->bulk_source, sizeof out->bulk_source, "none: the spectrum spans less than "
                "a decade (see the caution)");
      out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
      out->R_total = out->R_total_se = NAN;
      out->sigma_bulk = out->sigma_bulk_se = out->sigma_gb = out->sigma_gb_se = NAN;
      out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
      out->sigma_total = out->sigma_total_se = NAN;
    }
  /* R_total not measured (above): a conductivity from it would be any number at all (2.6e7
   * S/cm for a constant-phase element alone, a hostile review). */
  {
    if (r_total_unmeasured && isfinite (out->R_total))
      {
        caution (out, "the electrolyte's resistance R_total = %.4g Ohm is below 2 %% of the "
                 "smallest measured Z' (%.4g Ohm): the data do not measure it, so no R_bulk, "
                 "R_gb or sigma is given (a spectrum without an electrolyte intercept or arc: "
                 "measure to higher frequencies)", out->R_total, zmin_data);
        snprintf (out->bulk_source, sizeof out->bulk_source, "none: the electrolyte's "
                  "resistance is not measured (see the caution)");
        out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
        out->R_total = out->R_total_se = NAN;
        out->sigma_bulk = out->sigma_bulk_se = out->sigma_gb = out->sigma_gb_se = NAN;
        out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
        out->sigma_total = out->sigma_total_se = NAN;
      }
  }
  /* The slowest electrolyte arc must close within the data (SCIENCE.md, "Admissible
   * models": an R is determined where its arc shows): below its apex the measured -Z'' falls
   * to a plateau (under EIS_ARC_CLOSED_FRACTION of the apex's) or rises again after a valley
   * (the electrode's spike or the next arc). Data cut on the arc's low-frequency side (--fmin
   * above the spike of a blocking cell) leave R_total to the arc's extrapolated shape: a pellet
   * of 2100 Ohm cut at 30 kHz gave sigma_total 5.6 standard errors off. */
  if (isfinite (out->R_total) && fit->n_points > 2)
    {
      const EisArc *slow = NULL;
      for (size_t k = 0; k < out->n_arcs; k++)
        {
          const EisArc *a = &out->arcs[k];
          if ((a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_GRAIN_BOUNDARY
               || a->role == EIS_ROLE_ELECTROLYTE) && a->r_index >= 0 && a->f_peak_hz > 0
              && (slow == NULL || a->f_peak_hz < slow->f_peak_hz))
            slow = a;
        }
      if (slow)
        {
          /* the apex's height: the measured point nearest the apex; then down in frequency */
          double H = NAN, best = INFINITY, lowest = INFINITY, last = NAN;
          int below = 0;
          for (size_t i = 0; i < fit->n_points; i++)
            {
              double d = fabs (log (fit->freq_hz[i] / slow->f_peak_hz));
              if (d < best)
                {
                  best = d;
                  H = data_mim (fit, i);
                }
            }
          for (size_t i = fit->n_points; i-- > 0;)
            if (fit->freq_hz[i] < slow->f_peak_hz)
              {
                double m = data_mim (fit, i);
                if (!isfinite (m))
                  continue;
                below++;
                lowest = fmin (lowest, m);
                last = m;   /* the points run down in frequency: the last is the lowest f */
              }
          /* an apex outside the data: the arc's own height, R tan(n pi/4)/2 for R||CPE */
          if (!(best < log (3.0)))
            H = 0.5 * slow->R * tan ((slow->n_index >= 0 ? fit->value[slow->n_index] : 1)
                                     * M_PI / 4);
          int apex_in = 1;
          int closed = below >= 2 && isfinite (H) && H > 0
                       && (lowest < EIS_ARC_CLOSED_FRACTION * H
                           || last - lowest > EIS_ARC_CLOSED_FRACTION * H);
          if (!closed)
            caution (out, "open_arc: the data end at %.4g Hz on the low-frequency side of %s "
                     "(apex %.4g Hz)%s%.0f %% of its apex's, with no spike or plateau reached: the "
                     "arc does not close within the data, so R_total = %.5g Ohm and sigma_total "
                     "rest on its extrapolated shape and are not determined by the data (bias "
                     "beyond their errors); lower --fmin to include the electrode's spike",
                     out->f_min_hz, slow->label, slow->f_peak_hz,
                     apex_in && isfinite (H) && H > 0 && below ? ", -Z'' still " : ", ",
                     apex_in && isfinite (H) && H > 0 && below ? 100 * last / H : 100.0,
                     out->R_total);
        }
    }
  {
    char why[1024];
    if (eis_fit_admissible (c, fit, why, sizeof why) > 0)
      caution (out, "outside the physical range of its elements: %s", why);
  }
  eis_conductivity_set_cell (out, fit, geom, cell_type);
  /* two resistive arcs with apexes within a factor 3: only their sum (H3) */
  eis_conductivity_merge_close (out, fit, NULL, 0);
  /* The automatic choice's best when no candidate was converged, determined and admissible:
   * "A wrong sigma is worse than no sigma" - the resistances stay, with their errors, as
   * fitted; no conductivity is built on them. */
  if (unplaced_arc && !fit->choice_doubtful)
    {
      out->untrusted = 1;
      out->R_bulk = out->R_bulk_se = out->R_gb = out->R_gb_se = NAN;
      out->R_total = out->R_total_se = NAN;
      out->sigma_bulk = out->sigma_bulk_se = out->sigma_gb = out->sigma_gb_se = NAN;
      out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
      out->sigma_total = out->sigma_total_se = NAN;
      snprintf (out->bulk_source, sizeof out->bulk_source, "none: an element of the circuit is "
                "no arc and cannot be placed (see the caution)");
    }
  if (fit->choice_doubtful)
    {
      out->untrusted = 1;
      caution (out, "untrusted: the automatic choice found no candidate circuit that is "
               "converged, determined and admissible, and this best one is not to be trusted, "
               "so no %s given; give a circuit with --circuit, or measure a wider range",
               out->have_geometry ? "resistance of a role and no conductivity is"
               : "resistance of a role is");
      withhold_roles (out, "none: the fit is not to be trusted (see the caution)");
    }
  /* An arc's CPE exponent on its upper bound 1: the CPE is an ideal capacitor, and its Q's
   * error, with n free to pass 1, says little (the argyrodite pellet at -25 degC: CPE2_n = 1,
   * CPE2_Q +- 93 %). The fit is kept and marked. */
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      long in = a->n_index;
      if (in < 1 || a->r_index < 0 || fit->fixed[in] || !(fit->at_bound[in] > 0))
        continue;
      const char *nn = eis_circuit_param_name (c, (size_t) in);
      const char *us = strrchr (nn, '_');
      int ln = us ? (int) (us - nn) : (int) strlen (nn);
      caution (out, "%s is on its upper bound 1: %.*s is an ideal capacitor (in %s, C_eff = Q), "
               "and the errors of its Q and of the arc's R are inflated by the bound; fit the "
               "circuit with a C in its place for determined values", nn, ln, nn, a->label);
    }
  /* A model that misses the data far beyond the noise (every parameter fixed at wrong values,
   * or a circuit that lacks a feature): its resistances say nothing about the electrolyte,
   * however small their errors, so no conductivity is built on them. */
  double rms;
  if (!out->untrusted && eis_fit_misfit (fit, &rms))
    {
      out->untrusted = out->misfit = 1;
      if (out->n_cautions == sizeof out->cautions / sizeof out->cautions[0])
        out->n_cautions--;   /* room for this one, which matters most */
      char pattern[64];
      /* every residual of one sign: z = -inf, said in words */
      if (isinf (fit->runs_z))
        snprintf (pattern, sizeof pattern, "every residual has the same sign");
      else
        snprintf (pattern, sizeof pattern, "runs test z = %.1f", fit->runs_z);
      caution (out, "the model does not describe the data: its residuals are %.3g %% of |Z| "
               "(RMS), far beyond the noise (the Kramers-Kronig check allows 1 %%), and follow "
               "a pattern (%s)%s; fit the parameters, or give a circuit that "
               "describes the spectrum", 100 * rms, pattern,
               out->have_geometry ? ", so no resistance of a role and no conductivity is "
               "given" : ", so no resistance of a role is given");
      withhold_roles (out, "none: the model does not describe the data (see the caution)");
      /* said first: the cautions before it are about a model that does not hold */
      char first[sizeof out->cautions[0]];
      size_t last = out->n_cautions - 1;
      memcpy (first, out->cautions[last], sizeof first);
      memmove (out->cautions[1], out->cautions[0], last * sizeof out->cautions[0]);
      memcpy (out->cautions[0], first, sizeof first);
    }
  (void) err;
  return EIS_OK;
}

/* The other reading of a Li|electrolyte|Li cell's arcs whose capacitance lies in the
 * ambiguous band (the rule eis_bv_resistances applies for eisfit transference): interphase
 * (surface-layer) arcs there, and arcs of open role the first reading took as interface
 * (interface_first), counted in the electrolyte. IDX[0..NI) are the interface's resistances
 * in the first reading. Sets the _alt fields (sigma_total_alt with geometry) and a
 * role_ambiguous caution. Grain-boundary arcs in the band are not read here: they go to
 * MOVED_IDX[0..*N_MOVED), for interface_first to make them the interface's first. */
static void
role_readings (EisConductivity *out, const EisFitResult *fit, const EisGeometry *geom,
               const long *idx, size_t ni, long *moved_idx, size_t *n_moved)
{
  *n_moved = 0;
  long alt[EIS_MAX_ARCS];
  size_t na = 0;
  int to_int = -1;
  double moved = 0;
  char what[300] = "";
  size_t len = 0;
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      double C = out->have_geometry ? a->C_specific : a->C_eff;
      if (!isfinite (a->R) || a->r_index < 0 || !(C >= EIS_ROLE_AMBIGUOUS_C_LO
                                                   && C <= EIS_ROLE_AMBIGUOUS_C_HI)
          || (a->role != EIS_ROLE_GRAIN_BOUNDARY && a->role != EIS_ROLE_SURFACE
              && a->role != EIS_ROLE_ELECTROLYTE))
        continue;
      int in_int = a->role == EIS_ROLE_SURFACE;
      if (to_int >= 0 && to_int != !in_int)
        continue;
      to_int = !in_int;
      alt[na++] = a->r_index;
      moved += a->R;
      int w = snprintf (what + len, sizeof what - len, "%s%s (C_eff %.3g %s, taken as %s)",
                        len ? ", " : "", a->label, C,
                        out->have_geometry ? "F/cm" : "F",
                        a->open_role ? "interface" : eis_role_text (a->role));
      len += w > 0 ? (size_t) w : 0;
      if (len >= sizeof what)
        len = sizeof what - 1;
    }
  if (na == 0)
    return;
  if (to_int)
    {
      /* electrolyte arcs by their capacitance: a Li|Li cell reads them as interface first
       * (interface_first moves them; this function then runs again, the other way) */
      memcpy (moved_idx, alt, na * sizeof *alt);
      *n_moved = na;
      return;
    }
  /* The interface's resistances in the other reading, with their covariances. */
  long set[2 * EIS_MAX_ARCS];
  size_t ns = 0;
  for (size_t a = 0; a < ni; a++)
    {
      int gone = 0;
      for (size_t b = 0; b < na; b++)
        gone |= idx[a] == alt[b];
      if (!gone)
        set[ns++] = idx[a];
    }
  for (size_t b = 0; to_int && b < na; b++)
    set[ns++] = alt[b];
  double var = 0;
  double R = sum_with_var (fit, set, ns, &var);
  if (!(R > 0))
    return;
  out->role_ambiguous = 1;
  out->R_interface_alt = R;
  out->R_interface_alt_se = eis_se_of_var (var);
  if (isfinite (out->R_total))
    out->R_total_alt = out->R_total + (to_int ? -moved : moved);
  char asr[96] = "";
  if (geom && geom->area_cm2 > 0 && isfinite (geom->area_cm2))
    {
      out->asr_per_interface_alt = R * geom->area_cm2 / 2;
      double rr = out->R_interface_alt_se / R, ra = geom->area_se_cm2 / geom->area_cm2;
      out->asr_per_interface_alt_se = out->asr_per_interface_alt * sqrt (rr * rr + ra * ra);
      snprintf (asr, sizeof asr, ", ASR %.4g Ohm cm2", out->asr_per_interface_alt);
    }
  char el[128] = "";
  if (isfinite (out->R_total_alt) && out->R_total_alt > 0 && out->have_geometry && geom)
    {
      /* the moved arcs' error added to R_total's (as electrolyte_readings) */
      double mv = 0;
      sum_with_var (fit, alt, na, &mv);
      double se = sqrt (out->R_total_se * out->R_total_se + mv);
      out->sigma_total_alt = eis_conductivity_sigma (out->R_total_alt, se, geom,
                                                     &out->sigma_total_alt_se);
    }
  if (isfinite (out->R_total_alt))
    snprintf (el, sizeof el, ", electrolyte %.5g Ohm", out->R_total_alt);
  if (isfinite (out->sigma_total_alt))
    snprintf (el + strlen (el), sizeof el - strlen (el), ", sigma_total %.4g S/cm",
              out->sigma_total_alt);
  int open = 0;
  for (size_t k = 0; k < out->n_arcs; k++)
    open |= out->arcs[k].open_role;
  /* Called again when a series holds the roles: one such caution, the latest. */
  drop_caution (out, "role_ambiguous:");
  caution (out, "role_ambiguous: %s lie%s where grain boundaries and interphases both occur "
           "(%.2g to %.2g %s), so the capacitance does not decide%s; the other reading counts "
           "%s in the %s: R_interface %.5g Ohm%s%s", what, na == 1 ? "s" : "",
           EIS_ROLE_AMBIGUOUS_C_LO, EIS_ROLE_AMBIGUOUS_C_HI, out->have_geometry ? "F/cm" : "F",
           open ? " (a Li|Li cell reads it as interface first, as eisfit transference)" : "",
           na == 1 ? "it" : "them", to_int ? "interface" : "electrolyte", R, asr, el);
}

/* The other reading of a pellet's arcs (any cell but Li|electrolyte|Li, whose arcs
 * role_readings reads both ways) whose capacitance does not decide between grain boundary and
 * surface layer (EIS_ROLE_GB_SURFACE_LO..HI in F/cm; without geometry, C_eff from
 * EIS_ROLE_UNDECIDED_NOGEOM_LO to 1e-7 F): the grain-boundary arcs there counted out of the
 * electrolyte, or the surface-layer arcs counted in. A 4.5 mm pellet's grain-boundary arc at
 * 1.43e-8 F/cm went out of R_total silently (sigma_total 52 % high); without geometry, the
 * same arc (2.5e-8 F) was a surface layer for a cell constant of 1 1/cm and R_total 288 Ohm
 * for 437. Sets R_total_alt, sigma_total_alt and a role_ambiguous caution. */
static void
electrolyte_readings (EisConductivity *out, const EisFitResult *fit, const EisGeometry *geom)
{
  if (!isfinite (out->R_total) || out->untrusted || out->too_many_arcs || out->too_narrow)
    return;
  long alt[EIS_MAX_ARCS];
  size_t na = 0;
  int to_surface = -1;
  char what[300] = "";
  size_t len = 0;
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      double C = out->have_geometry ? a->C_specific : a->C_eff;
      double lo = out->have_geometry ? EIS_ROLE_GB_SURFACE_LO : EIS_ROLE_UNDECIDED_NOGEOM_LO;
      double hi = out->have_geometry ? EIS_ROLE_GB_SURFACE_HI : 1e-7;
      if (!isfinite (a->R) || a->r_index < 0 || !(C > lo && C < hi)
          || (a->role != EIS_ROLE_GRAIN_BOUNDARY && a->role != EIS_ROLE_SURFACE
              && a->role != EIS_ROLE_ELECTROLYTE))
        continue;
      int surface = a->role == EIS_ROLE_SURFACE;
      if (to_surface >= 0 && to_surface != !surface)
        continue;
      to_surface = !surface;
      alt[na++] = a->r_index;
      int w = snprintf (what + len, sizeof what - len, "%s%s (C_eff %.3g %s, taken as %s)",
                        len ? ", " : "", a->label, C, out->have_geometry ? "F/cm" : "F",
                        eis_role_text (a->role));
      len += w > 0 ? (size_t) w : 0;
      if (len >= sizeof what)
        len = sizeof what - 1;
    }
  if (na == 0)
    return;
  /* R_total in the other reading, with the covariances: the electrolyte's resistances are
   * R_total's (its variance known) plus or minus the moved ones */
  double moved_var = 0, moved = sum_with_var (fit, alt, na, &moved_var);
  double R = out->R_total + (to_surface ? -moved : moved);
  if (!(R > 0))
    return;
  out->role_ambiguous = 1;
  out->R_total_alt = R;
  char sig[160] = "";
  if (out->have_geometry && geom)
    {
      /* the moved arcs' error added to R_total's (their covariance with the rest is small
       * beside the shift of a whole arc) */
      double se = sqrt (out->R_total_se * out->R_total_se + moved_var);
      out->sigma_total_alt = eis_conductivity_sigma (R, se, geom, &out->sigma_total_alt_se);
      snprintf (sig, sizeof sig, ", sigma_total %.4g S/cm (against %.4g)", out->sigma_total_alt,
                out->sigma_total);
    }
  drop_caution (out, "role_ambiguous:");
  if (out->have_geometry)
    caution (out, "role_ambiguous: %s lie%s within a factor 3 of the 1e-8 F/cm line between grain "
             "boundary and surface layer, so the capacitance does not decide whether %s "
             "electrolyte; the other reading counts %s %s the electrolyte: R_total %.5g Ohm "
             "(against %.5g)%s; report both, or decide by the microstructure", what,
             na == 1 ? "s" : "", na == 1 ? "it is" : "they are", na == 1 ? "it" : "them",
             to_surface ? "out of" : "in", R, out->R_total, sig);
  else
    caution (out, "role_ambiguous: no geometry, and %s could be grain boundary or surface "
             "layer (C_eff %.2g to 1e-7 F, for L/A %g to %g 1/cm); the other reading counts "
             "%s %s the electrolyte: R_total %.5g Ohm (against %.5g); the thickness and "
             "diameter decide", what, EIS_ROLE_UNDECIDED_NOGEOM_LO, EIS_CELL_CONST_MIN,
             EIS_CELL_CONST_MAX, na == 1 ? "it" : "them", to_surface ? "out of" : "in", R,
             out->R_total);
}

/* A Li|electrolyte|Li cell's first reading of the arcs MOVED[0..NM) (electrolyte arcs by their
 * capacitance, which lies in the band where grain boundaries and interphases both occur): the
 * interface's, as eisfit transference reads them (eis_bv_resistances: "an arc between the
 * electrolyte's intercept and the low-frequency end is the cell's interface unless the
 * capacitance says clearly that it is the electrolyte's"). Their role becomes the surface
 * layer's (open_role set); R_total, R_gb and their sigmas lose them; IDX/HOW gain them. The
 * reading by capacitance becomes the other one (role_readings, called again). */
static void
interface_first (EisConductivity *out, const EisFitResult *fit, const EisGeometry *geom,
                 const long *moved, size_t nm, long *idx, size_t *ni, char *how, size_t how_len)
{
  double mvar = 0, m = sum_with_var (fit, moved, nm, &mvar);
  /* the electrolyte's other resistances, for the covariance of what stays with what moves */
  long rest[EIS_MAX_ARCS], gb[EIS_MAX_ARCS];
  size_t nr = 0, ng = 0;
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      const EisArc *a = &out->arcs[k];
      int is_moved = 0;
      for (size_t j = 0; j < nm; j++)
        is_moved |= a->r_index == moved[j];
      if (a->r_index < 0 || is_moved || a->r_index == out->leads_index
          || (a->role != EIS_ROLE_BULK && a->role != EIS_ROLE_INTERCEPT
              && a->role != EIS_ROLE_GRAIN_BOUNDARY && a->role != EIS_ROLE_ELECTROLYTE))
        continue;
      rest[nr++] = a->r_index;
      if (a->role == EIS_ROLE_GRAIN_BOUNDARY)
        gb[ng++] = a->r_index;
    }
  if (isfinite (out->R_total))
    {
      double c = 0;
      for (size_t a = 0; a < nr; a++)
        for (size_t b = 0; b < nm; b++)
          c += cov (fit, rest[a], moved[b]);
      double R = out->R_total - m, var = out->R_total_se * out->R_total_se - mvar - 2 * c;
      out->R_total = R > 0 ? R : NAN;
      out->R_total_se = R > 0 ? eis_se_of_var (var) : NAN;
      out->sigma_total = out->sigma_total_se = NAN;
      if (out->have_geometry && geom && isfinite (out->R_total))
        out->sigma_total = eis_conductivity_sigma (out->R_total, out->R_total_se, geom,
                                                   &out->sigma_total_se);
    }
  if (isfinite (out->R_gb))
    {
      double var = 0;
      out->R_gb = ng ? sum_with_var (fit, gb, ng, &var) : NAN;
      out->R_gb_se = ng ? eis_se_of_var (var) : NAN;
      out->sigma_gb = out->sigma_gb_se = NAN;
      out->sigma_gb_specific = out->sigma_gb_specific_se = NAN;
      if (ng && out->have_geometry && geom)
        out->sigma_gb = eis_conductivity_sigma (out->R_gb, out->R_gb_se, geom, &out->sigma_gb_se);
    }
  size_t len = strlen (how);
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      EisArc *a = &out->arcs[k];
      for (size_t j = 0; j < nm; j++)
        if (a->r_index == moved[j] && *ni < EIS_MAX_ARCS)
          {
            int w = snprintf (how + len, how_len - len, "%s%s (%s by its capacitance; in a "
                              "Li|Li cell taken as interface)", len ? " + " : "", a->label,
                              eis_role_text (a->role));
            len += w > 0 ? (size_t) w : 0;
            if (len >= how_len)
              len = how_len - 1;
            a->role = EIS_ROLE_SURFACE;
            a->open_role = 1;
            idx[(*ni)++] = a->r_index;
          }
    }
}

void
eis_conductivity_set_cell (EisConductivity *out, const EisFitResult *fit,
                           const EisGeometry *geom, EisCellType cell)
{
  out->cell = cell;
  out->role_ambiguous = 0;
  out->fast_diffusion = 0;
  out->R_interface_alt = out->R_interface_alt_se = NAN;
  out->asr_per_interface_alt = out->asr_per_interface_alt_se = NAN;
  out->R_total_alt = NAN;
  out->sigma_total_alt = out->sigma_total_alt_se = NAN;
  out->R_interface = out->R_interface_se = NAN;
  out->asr_per_interface = out->asr_per_interface_se = NAN;
  out->interface_source[0] = '\0';
  if (out->too_many_arcs)
    {
      snprintf (out->interface_source, sizeof out->interface_source,
                "none: too many arcs or series resistances to assign roles (see the "
                "caution)");
      return;
    }
  if (cell != EIS_CELL_LI_SYMMETRIC)
    electrolyte_readings (out, fit, geom);
  if (cell == EIS_CELL_BLOCKING || cell == EIS_CELL_LIQUID)
    {
      snprintf (out->interface_source, sizeof out->interface_source, "none: the electrodes of "
                "a %s cell block ions, so the low-frequency spike is their double layer and "
                "there is no interfacial resistance", eis_cell_name (cell));
      return;
    }
  /* Li|electrolyte|Li: Li electrodes do not block. A CPE or C in series at the low-frequency
   * end is the salt's diffusion tail when its exponent is low; a capacitive spike (n >= 0.8)
   * says something blocks (a passivated contact, or the cell is not what it is said to be). */
  if (cell == EIS_CELL_LI_SYMMETRIC)
    for (size_t k = 0; k < out->n_arcs; k++)
      {
        EisArc *a = &out->arcs[k];
        if (a->r_index >= 0 || a->role != EIS_ROLE_ELECTRODE)
          continue;
        double n = a->n_index >= 0 ? fit->value[a->n_index] : 1;
        if (n < EIS_CELL_SPIKE_N_MIN)
          a->role = EIS_ROLE_DIFFUSION;
        else
          {
            a->role = EIS_ROLE_UNKNOWN;
            caution (out, "%s: a capacitive spike (n = %.3g) at the low-frequency end of a "
                     "Li|electrolyte|Li cell, where Li electrodes do not block ions: it is not "
                     "taken as the electrode; check the contacts and that the cell is Li|Li "
                     "(a diffusion tail has n near 0.5)", a->label, n);
          }
      }
  /* A Li interface's R_ct||CPE arc lies in series with the electrolyte: its effective
   * capacitance is Brug's, C = Q^(1/n) (1/R_e + 1/R_ct)^((n-1)/n) with R_e the electrolyte's
   * resistance (Brug et al. 1984; SCIENCE.md: "a Li interface -> Brug (R_e, R_ct)"). */
  if (cell == EIS_CELL_LI_SYMMETRIC)
    {
      double Re = isfinite (out->R_total) && out->R_total > 0 ? out->R_total : out->R_bulk;
      double Re_se = isfinite (out->R_total) && out->R_total > 0 ? out->R_total_se
                                                                 : out->R_bulk_se;
      double cell_const = geom && geom->thickness_cm > 0 && geom->area_cm2 > 0
                          ? geom->thickness_cm / geom->area_cm2 : NAN;
      for (size_t k = 0; isfinite (Re) && Re > 0 && k < out->n_arcs; k++)
        {
          EisArc *a = &out->arcs[k];
          if ((a->role != EIS_ROLE_ELECTRODE && a->role != EIS_ROLE_SURFACE) || a->r_index < 0
              || a->n_index < 1 || strcmp (a->formula, "Hsu-Mansfeld") != 0 || a->open_role)
            continue;
          long ir = a->r_index, in = a->n_index, iq = in - 1;
          double R = fit->value[ir], Q = fit->value[iq], n = fit->value[in];
          if (!(R > 0) || !(Q > 0) || !(n >= EIS_ARC_N_MIN))
            continue;
          double g = 1 / Re + 1 / R;
          a->C_eff = pow (Q, 1 / n) * pow (g, (n - 1) / n);
          /* gradient of ln C in (Q, n, R_ct), then R_e (its own error, independent) */
          double d[3] = { 1 / (n * Q), (log (g) - log (Q)) / (n * n),
                          (n - 1) / n / g * (-1 / (R * R)) };
          long idx[3] = { iq, in, ir };
          double var = 0;
          for (int u = 0; u < 3; u++)
            for (int v = 0; v < 3; v++)
              var += d[u] * d[v] * cov (fit, idx[u], idx[v]);
          double dre = (n - 1) / n / g * (-1 / (Re * Re));
          if (isfinite (Re_se))
            var += dre * dre * Re_se * Re_se;
          a->C_eff_se = a->C_eff * eis_se_of_var (var);
          a->C_specific = isfinite (cell_const) ? a->C_eff * cell_const : NAN;
          snprintf (a->formula, sizeof a->formula, "Brug");
        }
    }
  /* Li|electrolyte|Li: the salt's diffusion across the electrolyte has tau = L^2/D, 1e2 to
   * 1e3 s for a separator or pellet (SCIENCE.md). A finite diffusion element in a Randles
   * branch with tau below EIS_LI_SALT_TAU_MIN_S is no salt diffusion: it stands for a second
   * interfacial arc cut by the measured range (a charge-transfer arc taken for a finite
   * Warburg when the data end near its apex), and leaving it out of R_interface would leave
   * that arc out. R_interface is not given. */
  if (cell == EIS_CELL_LI_SYMMETRIC)
    for (size_t k = 0; k < out->n_arcs; k++)
      {
        const EisArc *a = &out->arcs[k];
        if (!a->randles || !(a->diffusion_tau_s < EIS_LI_SALT_TAU_MIN_S))
          continue;
        snprintf (out->interface_source, sizeof out->interface_source, "none: the diffusion "
                  "element %s of %s has tau = %.3g s, far below the salt's diffusion across "
                  "the electrolyte (1e2 to 1e3 s): it is an interfacial arc, not diffusion",
                  a->diffusion, a->label, a->diffusion_tau_s);
        caution (out, "%s: %s has tau = %.3g s, far below what the salt's diffusion across the "
                 "electrolyte gives (L^2/D, 1e2 to 1e3 s): it stands for an interfacial arc "
                 "(charge transfer) that the measured range cuts, and R_interface without it "
                 "would miss that arc: no R_interface; measure to lower frequencies or give "
                 "R0-p(R1,CPE1)-p(R2,CPE2) with --circuit", a->label, a->diffusion,
                 a->diffusion_tau_s);
        out->fast_diffusion = 1;
        return;
      }
  /* Li|electrolyte|Li: a semi-infinite Warburg in a Randles branch (or a diffusion tail CPE
   * after the slowest arc) stands for the salt's diffusion only where the data show its
   * tail. Data that end near the valley that ends the arc (within EIS_LI_TAIL_VALLEY_FACTOR
   * either side) show the arc's low-frequency side and the start of something rising: the
   * next interfacial arc (the charge transfer, cut by the range: R_interface 145 Ohm for 450
   * at 200 Hz) fits there as well as a Warburg, and would be left out of R_interface. Data
   * that end well above the valley do not involve the tail in the fit; data that go well
   * below it show it. */
  if (cell == EIS_CELL_LI_SYMMETRIC)
    for (size_t k = 0; k < out->n_arcs; k++)
      {
        EisArc *a = &out->arcs[k];
        /* a diffusion tail in series (a CPE of low exponent) after the slowest arc */
        if (a->role == EIS_ROLE_DIFFUSION && a->r_index < 0 && a->n_index >= 1)
          {
            const EisArc *last = NULL;
            for (size_t m = 0; m < out->n_arcs; m++)
              if (out->arcs[m].r_index >= 0 && out->arcs[m].f_peak_hz > 0
                  && (last == NULL || out->arcs[m].f_peak_hz < last->f_peak_hz))
                last = &out->arcs[m];
            if (last)
              a->tail_valley_hz = tail_valley_hz (last->R, last->f_peak_hz,
                                                  last->n_index >= 0
                                                  ? fit->value[last->n_index] : 1,
                                                  fit->value[a->n_index - 1],
                                                  fit->value[a->n_index]);
          }
        if ((!a->randles && a->role != EIS_ROLE_DIFFUSION) || !(a->tail_valley_hz > 0)
            || !(out->f_min_hz > a->tail_valley_hz / EIS_LI_TAIL_VALLEY_FACTOR
                 && out->f_min_hz < a->tail_valley_hz * EIS_LI_TAIL_VALLEY_FACTOR))
          continue;
        /* The arc before the tail (the Randles arc itself, or the slowest arc before a tail
         * CPE) closed within the data: its own -Z'' at f_min, R/(1 + (j f/f_apex)^n) as a
         * Zarc, relative to its apex's (EIS_LI_ARC_CLOSED_FRACTION). */
        const EisArc *arc = a->randles ? a : NULL;
        for (size_t m = 0; arc == NULL && m < out->n_arcs; m++)
          if (out->arcs[m].r_index >= 0 && out->arcs[m].f_peak_hz > 0
              && (arc == NULL || out->arcs[m].f_peak_hz < arc->f_peak_hz))
            arc = &out->arcs[m];
        if (arc && arc->f_peak_hz > 0 && out->f_min_hz > 0)
          {
            double n = arc->n_index >= 0 ? fit->value[arc->n_index] : 1;
            double x = pow (out->f_min_hz / arc->f_peak_hz, n), cs = cos (n * M_PI / 2);
            /* -Z''/R at f_min and at the apex (x = 1) of R/(1 + x e^(j n pi/2)) */
            double at_min = x * sin (n * M_PI / 2) / (1 + 2 * x * cs + x * x);
            double at_apex = sin (n * M_PI / 2) / (2 + 2 * cs);
            if (x < 1 && at_min < EIS_LI_ARC_CLOSED_FRACTION * at_apex)
              continue;
          }
        snprintf (out->interface_source, sizeof out->interface_source, "none: the data end at "
                  "%.3g Hz, near the valley before %s's tail (%.3g Hz): whether what "
                  "follows is diffusion is not measured", out->f_min_hz, a->label, a->tail_valley_hz);
        caution (out, "%s: the data end at %.3g Hz, near where the arc would give way to the "
                 "diffusion tail (%.3g Hz, within a factor %g): the tail is not measured, and %s "
                 "may be the start of an interfacial arc (charge transfer) that the measured "
                 "range cuts, which R_interface would miss: no R_interface; measure to lower "
                 "frequencies or give R0-p(R1,CPE1)-p(R2,CPE2) with --circuit", a->label,
                 out->f_min_hz, a->tail_valley_hz, EIS_LI_TAIL_VALLEY_FACTOR,
                 a->randles ? a->diffusion : a->label);
        out->fast_diffusion = 1;
        return;
      }
  /* R_interface: the arcs with an interfacial capacitance, with their covariances. */
  long idx[EIS_MAX_ARCS] = { 0 };
  size_t ni = 0, len = 0;
  char how[sizeof out->interface_source] = "";
  for (size_t k = 0; k < out->n_arcs && ni < EIS_MAX_ARCS; k++)
    {
      const EisArc *a = &out->arcs[k];
      if ((a->role == EIS_ROLE_ELECTRODE || a->role == EIS_ROLE_SURFACE) && a->r_index >= 0
          && isfinite (a->R))
        {
          idx[ni++] = a->r_index;
          int w = snprintf (how + len, sizeof how - len, "%s%s (%s)", len ? " + " : "",
                            a->label, eis_arc_role_name (a));
          len += w > 0 ? (size_t) w : 0;
          if (len >= sizeof how)
            len = sizeof how - 1;
        }
    }
  if (cell == EIS_CELL_LI_SYMMETRIC)
    {
      long moved[EIS_MAX_ARCS];
      size_t nm = 0;
      role_readings (out, fit, geom, idx, ni, moved, &nm);
      if (nm)
        {
          interface_first (out, fit, geom, moved, nm, idx, &ni, how, sizeof how);
          role_readings (out, fit, geom, idx, ni, moved, &nm);
        }
    }
  if (ni == 0)
    {
      snprintf (out->interface_source, sizeof out->interface_source, "none: no arc has an "
                "interfacial capacitance (electrode or surface layer)");
      if (cell == EIS_CELL_LI_SYMMETRIC)
        caution (out, "no arc of this fit has the capacitance of an interface: a "
                 "Li|electrolyte|Li cell shows its Li interfaces as an arc below the "
                 "electrolyte's; fit a circuit with one (R0-p(R1,CPE1)-CPE2) to get R_interface "
                 "and the ASR");
      return;
    }
  double var = 0;
  double R = sum_with_var (fit, idx, ni, &var);
  out->R_interface = R;
  out->R_interface_se = eis_se_of_var (var);
  snprintf (out->interface_source, sizeof out->interface_source, "%s", how);
  /* ASR of one interface: each of the two identical interfaces of a symmetric cell carries
   * half of R_interface (SCIENCE.md), ASR = R_int A / 2 [Ohm cm2]. */
  if (cell == EIS_CELL_LI_SYMMETRIC && geom && geom->area_cm2 > 0 && isfinite (geom->area_cm2))
    {
      out->asr_per_interface = R * geom->area_cm2 / 2;
      double rr = out->R_interface_se / R, ra = geom->area_se_cm2 / geom->area_cm2;
      out->asr_per_interface_se = fabs (out->asr_per_interface) * sqrt (rr * rr + ra * ra);
    }
}

double
eis_conductivity_nyquist_extent (const EisConductivity *c)
{
  double R_sum = 0;
  int has_electrode = 0;
  for (size_t k = 0; k < c->n_arcs; k++)
    {
      const EisArc *a = &c->arcs[k];
      if ((a->role == EIS_ROLE_ELECTRODE
           && (!isfinite (a->R) || (isfinite (a->f_peak_hz) && a->f_peak_hz < c->f_min_hz)))
          || (!isfinite (a->R) && (a->role == EIS_ROLE_DIFFUSION || a->role == EIS_ROLE_UNKNOWN)))
        has_electrode = 1;
      else if (isfinite (a->R))
        R_sum += a->R;
    }
  return has_electrode && R_sum > 0 ? 1.3 * R_sum : NAN;
}

int
eis_conductivity_interface (const EisConductivity *cd, double *R_out, double *R_se_out,
                            char *how, size_t how_len)
{
  char dummy[8];
  if (how == NULL || how_len == 0)
    {
      how = dummy;
      how_len = sizeof dummy;
    }
  double R = 0, var = 0;
  size_t used = 0, len = 0;
  how[0] = '\0';
  if (cd->fast_diffusion)
    {
      snprintf (how, how_len, "%s", cd->interface_source);
      *R_out = *R_se_out = NAN;
      return EIS_ERR_DATA;
    }
  for (size_t k = 0; k < cd->n_arcs; k++)
    {
      const EisArc *a = &cd->arcs[k];
      if ((a->role == EIS_ROLE_ELECTRODE || a->role == EIS_ROLE_SURFACE) && isfinite (a->R))
        {
          R += a->R;
          if (isfinite (a->R_se))
            var += a->R_se * a->R_se;
          char dif[160] = "";
          if (a->randles && a->diffusion[0])
            snprintf (dif, sizeof dif, "; its charge-transfer %s only, the diffusion %s left "
                      "out: concentration polarization is what the hold measures", a->r_name,
                      a->diffusion);
          else if (a->randles)
            snprintf (dif, sizeof dif, "; its charge-transfer %s", a->r_name);
          /* an arc of open role as the fit report's roles line reads it */
          int w = snprintf (how + len, how_len - len, "%s%s (%s%s)", used ? " + " : "", a->label,
                            a->open_role ? "grain boundary by its capacitance; in a Li|Li cell "
                            "taken as interface" : eis_role_text (a->role), dif);
          len += w > 0 ? (size_t) w : 0;
          if (len >= how_len)
            len = how_len - 1;
          used++;
        }
    }
  if (used == 0)
    {
      long best = -1;
      for (size_t k = 0; k < cd->n_arcs; k++)
        {
          const EisArc *a = &cd->arcs[k];
          if (isfinite (a->R) && isfinite (a->C_eff) && a->role != EIS_ROLE_INTERCEPT
              && (best < 0 || a->C_eff > cd->arcs[best].C_eff))
            best = (long) k;
        }
      if (best >= 0)
        {
          const EisArc *a = &cd->arcs[best];
          R = a->R;
          var = isfinite (a->R_se) ? a->R_se * a->R_se : NAN;
          snprintf (how, how_len, "%s: no arc was classified as interface; took the arc with "
                    "the largest C_eff (%.3g F)", a->label, a->C_eff);
          used = 1;
        }
    }
  *R_out = used ? R : NAN;
  *R_se_out = used ? sqrt (var) : NAN;
  return used ? EIS_OK : EIS_ERR_DATA;
}
