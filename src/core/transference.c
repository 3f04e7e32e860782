/* Bruce-Vincent transference number from a potentiostatic DC polarization and the
 * interfacial resistances before and after it. */
#include "transference.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

const char *
eis_bv_i0_method_name (EisBVI0Method m)
{
  switch (m)
    {
    case EIS_BV_I0_EXTRAPOLATED: return "extrapolated";
    case EIS_BV_I0_FIRST: return "first-point";
    case EIS_BV_I0_CALCULATED: return "calculated";
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
  in->t_step_s = NAN;
  in->i0_method = EIS_BV_I0_EXTRAPOLATED;
  in->plateau_fraction = 0.10;
  in->early_fraction = 0.10;
  in->skip_s = 0.0;
  in->max_dv_V = 0.020;
  in->max_r_change = 0.10;
  in->max_drift_per_h = 0.01;
  in->max_i0_mismatch = 0.20;
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
  if (fabs (v) >= 10 * unit && (!(se > 0) || se >= unit / 2))
    snprintf (buf, cap, "%.*f %s %.*f", decimals, v, sep, decimals, se);
  else
    snprintf (buf, cap, "%.3g %s %.2g", v, sep, se);
  return buf;
}

int
eis_bv_run (const EisSeries *s, const EisBVInput *in, EisBVResult *out, EisError *err)
{
  const char *src = s->source ? s->source : "DC series";
  memset (out, 0, sizeof *out);

  if (!(isfinite (in->R0_ohm) && in->R0_ohm > 0))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: interfacial resistance before the step R0 = %g Ohm: need a "
                          "positive value", src, in->R0_ohm);
  if (!(isfinite (in->Rss_ohm) && in->Rss_ohm >= 0))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: interfacial resistance at steady state Rss = %g Ohm: need a "
                          "value >= 0", src, in->Rss_ohm);
  int have_rb = !isnan (in->Rb_ohm);
  if (have_rb && !(isfinite (in->Rb_ohm) && in->Rb_ohm > 0))
    return eis_error_set (err, EIS_ERR_INVALID, "%s: bulk resistance R_b = %g Ohm: need a "
                          "positive value", src, in->Rb_ohm);
  if (in->i0_method == EIS_BV_I0_CALCULATED && !have_rb)
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: the calculated initial current dV/(R_b + R0) needs the bulk "
                          "resistance R_b", src);
  if (!(in->plateau_fraction > 0 && in->plateau_fraction <= 1)
      || !(in->early_fraction > 0 && in->early_fraction <= 1))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: plateau and early fractions must be in (0, 1] (have %g, %g)", src,
                          in->plateau_fraction, in->early_fraction);

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
  const double *t = s->time_s + h0, *I = s->current_a + h0;
  double t_end = t[nh - 1], dur = t_end - t_step;

  /* dV: given, or the median voltage of the hold (less the median before the step when
   * the series has points there, i.e. relative to open circuit). */
  if (isfinite (in->dV_V))
    {
      if (in->dV_V == 0)
        return eis_error_set (err, EIS_ERR_INVALID, "%s: a voltage step of 0 V gives no "
                              "transference number", src);
      out->dV_V = fabs (in->dV_V);
      out->dV_se_V = se0 (in->dV_se_V);
    }
  else
    {
      if (s->voltage_v == NULL)
        return eis_error_set (err, EIS_ERR_INVALID,
                              "%s: no voltage step given and the series has no voltage column",
                              src);
      double med, se;
      if (median_se (s->voltage_v + h0, nh, &med, &se) < 0)
        return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
      if (h0 > 0)
        {
          double med0, se0v;
          if (median_se (s->voltage_v, h0, &med0, &se0v) < 0)
            return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
          med -= med0;
          se = hypot (se, se0v);
        }
      if (!isfinite (med) || med == 0)
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s: the voltage column gives no step (median %g V)", src, med);
      out->dV_V = fabs (med);
      out->dV_se_V = se;
      out->dV_from_series = 1;
    }
  double dV = out->dV_V, sdV = out->dV_se_V;
  out->R0_ohm = in->R0_ohm;
  out->R0_se_ohm = in->R0_se_ohm;
  out->Rss_ohm = in->Rss_ohm;
  out->Rss_se_ohm = in->Rss_se_ohm;
  out->Rb_ohm = have_rb ? in->Rb_ohm : NAN;
  out->Rb_se_ohm = have_rb ? in->Rb_se_ohm : NAN;
  double sR0 = se0 (in->R0_se_ohm), sRss = se0 (in->Rss_se_ohm), sRb = se0 (in->Rb_se_ohm);
  double R0 = in->R0_ohm, Rss = in->Rss_ohm, Rb = in->Rb_ohm;

  /* Plateau: the last plateau_fraction of the hold (at least 3 points). */
  double t_pl = t_end - in->plateau_fraction * dur;
  size_t p0 = nh;
  while (p0 > 0 && t[p0 - 1] >= t_pl)
    p0--;
  if (nh - p0 < 3)
    p0 = nh - 3;
  size_t np = nh - p0;
  double sum = 0;
  for (size_t i = p0; i < nh; i++)
    sum += I[i];
  int sign = sum >= 0 ? 1 : -1;   /* cathodic holds: everything below uses |I| */
  double *a = malloc (nh * sizeof (double));
  double *x = malloc (nh * sizeof (double));
  double *y = malloc (nh * sizeof (double));
  double *w = malloc (nh * sizeof (double));
  if (!a || !x || !y || !w)
    {
      free (a), free (x), free (y), free (w);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
    }
  size_t n_opposite = 0;
  for (size_t i = 0; i < nh; i++)
    {
      a[i] = fabs (I[i]);
      if (sign * I[i] < 0)
        n_opposite++;
    }
  double Iss = 0, ss = 0;
  for (size_t i = p0; i < nh; i++)
    Iss += a[i];
  Iss /= (double) np;
  for (size_t i = p0; i < nh; i++)
    ss += (a[i] - Iss) * (a[i] - Iss);
  double sd_point = sqrt (ss / (double) (np - 1));
  out->Iss_A = Iss;
  out->Iss_se_A = sd_point / sqrt ((double) np);
  out->plateau_start_s = t[p0];
  out->plateau_points = np;

  /* Drift: straight line through the plateau window, relative slope per hour. */
  {
    double c0, c1, c00, c01, c11, sumsq;
    int gs = gsl_fit_linear (t + p0, 1, a + p0, 1, np, &c0, &c1, &c00, &c01, &c11, &sumsq);
    out->drift_per_h = gs == GSL_SUCCESS ? c1 * 3600.0 / Iss : NAN;
    out->drift_se_per_h = gs == GSL_SUCCESS && np > 2 ? sqrt (c11) * 3600.0 / Iss : NAN;
  }

  /* I0, first point: its error is the scatter of a single plateau point. */
  out->I0_first_A = a[0];
  out->I0_first_se_A = sd_point;

  /* I0 extrapolated: ln(|I| - Iss) = ln(I0 - Iss) - (t - t_step)/tau over the early window
   * [t_step + skip_s, t_step + early_fraction * duration], weighted by (|I| - Iss)^2 since
   * var(ln e) = var(e)/e^2; evaluated at the step. */
  out->I0_extrap_A = out->I0_extrap_se_A = out->tau_early_s = NAN;
  size_t m = 0;
  double t_hi = t_step + in->early_fraction * dur;
  for (size_t i = 0; i < nh && t[i] <= t_hi; i++)
    {
      double e = a[i] - Iss;
      if (t[i] < t_step + in->skip_s || !(e > 0))
        continue;
      x[m] = t[i] - t_step;
      y[m] = log (e);
      w[m] = e * e;
      m++;
    }
  if (m >= 3)
    {
      double c0, c1, c00, c01, c11, chisq;
      int gs = gsl_fit_wlinear (x, 1, w, 1, y, 1, m, &c0, &c1, &c00, &c01, &c11, &chisq);
      if (gs == GSL_SUCCESS && isfinite (c0) && c1 < 0)
        {
          double s2 = chisq / (double) (m - 2);
          double e0 = exp (c0);
          out->I0_extrap_A = Iss + e0;
          out->I0_extrap_se_A = hypot (e0 * sqrt (c00 * s2), out->Iss_se_A);
          out->tau_early_s = -1.0 / c1;
        }
    }

  /* I0 calculated from the impedance before the step (SCIENCE.md, Bruce-Vincent). */
  out->I0_calc_A = out->I0_calc_se_A = NAN;
  if (have_rb)
    {
      double Rt = Rb + R0;
      out->I0_calc_A = dV / Rt;
      out->I0_calc_se_A = sqrt (pow (sdV / Rt, 2)
                                + pow (dV / (Rt * Rt), 2) * (sRb * sRb + sR0 * sR0));
    }

  EisBVI0Method meth = in->i0_method;
  if (meth == EIS_BV_I0_EXTRAPOLATED && isnan (out->I0_extrap_A))
    {
      meth = EIS_BV_I0_FIRST;
      bv_warn (out, EIS_BV_WARN_I0_FALLBACK,
               "I0 could not be extrapolated (%zu decaying points above Iss in the first "
               "%.3g s); the first point was used", m, t_hi - t_step);
    }
  out->i0_method = meth;
  switch (meth)
    {
    case EIS_BV_I0_EXTRAPOLATED:
      out->I0_A = out->I0_extrap_A;
      out->I0_se_A = out->I0_extrap_se_A;
      snprintf (out->method, sizeof out->method,
                "I0 extrapolated to the step from ln(|I| - Iss) over %.4g..%.4g s (%zu points, "
                "tau %.4g s); Iss mean of the last %.3g %% (%zu points)",
                in->skip_s, t_hi - t_step, m, out->tau_early_s, 100 * in->plateau_fraction, np);
      break;
    case EIS_BV_I0_FIRST:
      out->I0_A = out->I0_first_A;
      out->I0_se_A = out->I0_first_se_A;
      snprintf (out->method, sizeof out->method,
                "I0 the first point of the hold (t = %.4g s); Iss mean of the last %.3g %% "
                "(%zu points)", t[0], 100 * in->plateau_fraction, np);
      break;
    case EIS_BV_I0_CALCULATED:
    default:
      out->I0_A = out->I0_calc_A;
      out->I0_se_A = out->I0_calc_se_A;
      snprintf (out->method, sizeof out->method,
                "I0 = dV/(R_b + R0) from the impedance before the step; Iss mean of the last "
                "%.3g %% (%zu points)", 100 * in->plateau_fraction, np);
      break;
    }
  double I0 = out->I0_A, sI0 = se0 (out->I0_se_A), sIss = out->Iss_se_A;

  /* t+ and its first-order error, inputs taken as independent:
   * with N = dV - I0 R0, D = dV - Iss Rss and t = Iss N/(I0 D),
   * dt/dIss = N dV/(I0 D^2), dt/dI0 = -Iss dV/(I0^2 D), dt/dR0 = -Iss/D,
   * dt/dRss = Iss^2 N/(I0 D^2), dt/ddV = Iss (I0 R0 - Iss Rss)/(I0 D^2). */
  double Nn = dV - I0 * R0, D = dV - Iss * Rss;
  double tcalc = NAN, tcalc_se = NAN;
  if (have_rb)
    {
      /* Reduced form with I0 = dV/(R_b + R0): t = Iss R_b/(dV - Iss Rss) (SCIENCE.md). */
      tcalc = Iss * Rb / D;
      double g_iss = Rb * dV / (D * D), g_rb = Iss / D, g_rss = Iss * Iss * Rb / (D * D),
             g_dv = -Iss * Rb / (D * D);
      tcalc_se = sqrt (pow (g_iss * sIss, 2) + pow (g_rb * sRb, 2) + pow (g_rss * sRss, 2)
                       + pow (g_dv * sdV, 2));
    }
  out->t_plus_calc = isfinite (tcalc) ? tcalc : NAN;
  out->t_plus_calc_se = isfinite (tcalc) ? tcalc_se : NAN;
  if (meth == EIS_BV_I0_CALCULATED)
    {
      /* I0 depends on R0: the reduced form carries the correlation exactly. */
      out->t_plus = out->t_plus_calc;
      out->t_plus_se = out->t_plus_calc_se;
    }
  else
    {
      double tp = eis_bv_t_plus (dV, I0, Iss, R0, Rss);
      double g_iss = Nn * dV / (I0 * D * D), g_i0 = -Iss * dV / (I0 * I0 * D), g_r0 = -Iss / D,
             g_rss = Iss * Iss * Nn / (I0 * D * D),
             g_dv = Iss * (I0 * R0 - Iss * Rss) / (I0 * D * D);
      double se = sqrt (pow (g_iss * sIss, 2) + pow (g_i0 * sI0, 2) + pow (g_r0 * sR0, 2)
                        + pow (g_rss * sRss, 2) + pow (g_dv * sdV, 2));
      out->t_plus = isfinite (tp) ? tp : NAN;
      out->t_plus_se = isfinite (tp) ? se : NAN;
    }
  out->ratio = Iss / I0;
  out->ratio_se = out->ratio * hypot (sIss / Iss, sI0 / I0);
  if (!isfinite (out->t_plus) || !isfinite (out->ratio))
    {
      free (a), free (x), free (y), free (w);
      return eis_error_set (err, EIS_ERR_DATA,
                            "%s: t+ cannot be computed (I0 = %.4g A, Iss = %.4g A, dV = %.4g V): "
                            "the hold has no current to compare", src, I0, Iss, dV);
    }

  /* Assumptions of the method (Bruce & Vincent 1987; SCIENCE.md). */
  if (dV > in->max_dv_V)
    bv_warn (out, EIS_BV_WARN_DV_LARGE,
             "dV = %.4g mV exceeds %.4g mV: the current may not be linear in the voltage",
             1e3 * dV, 1e3 * in->max_dv_V);
  double rch = fabs (Rss - R0) / R0;
  if (rch > in->max_r_change)
    bv_warn (out, EIS_BV_WARN_R_CHANGED,
             "interfacial resistance changed by %.3g %% (R0 = %.4g Ohm, Rss = %.4g Ohm; limit "
             "%.3g %%): the interface evolved during polarization", 100 * rch, R0, Rss,
             100 * in->max_r_change);
  if (!(fabs (out->drift_per_h) <= in->max_drift_per_h))
    bv_warn (out, EIS_BV_WARN_NO_PLATEAU,
             "no plateau: the current still drifts by %+.3g %%/h over the last %.4g s (limit "
             "%.3g %%/h)", 100 * out->drift_per_h, t_end - t[p0], 100 * in->max_drift_per_h);
  int out_p = isfinite (out->t_plus) && (out->t_plus < 0 || out->t_plus > 1);
  int out_c = isfinite (out->t_plus_calc) && (out->t_plus_calc < 0 || out->t_plus_calc > 1);
  if (out_p || out_c || isnan (out->t_plus))
    bv_warn (out, EIS_BV_WARN_T_RANGE,
             "t+ outside [0, 1] (%.4g; with calculated I0 %.4g): the assumptions of the method "
             "do not hold (reported as computed, not clipped)", out->t_plus, out->t_plus_calc);
  if (n_opposite > 0)
    bv_warn (out, EIS_BV_WARN_SIGN_CHANGE,
             "the current changes sign during the hold (%zu of %zu points opposite to the "
             "plateau)", n_opposite, nh);
  double I0_meas = meth == EIS_BV_I0_CALCULATED
                     ? (isfinite (out->I0_extrap_A) ? out->I0_extrap_A : out->I0_first_A)
                     : I0;
  if (have_rb && fabs (I0_meas - out->I0_calc_A) > in->max_i0_mismatch * out->I0_calc_A)
    bv_warn (out, EIS_BV_WARN_I0_MISMATCH,
             "measured I0 = %.4g A and dV/(R_b + R0) = %.4g A differ by %.3g %% (limit %.3g %%)",
             I0_meas, out->I0_calc_A, 100 * fabs (I0_meas / out->I0_calc_A - 1),
             100 * in->max_i0_mismatch);
  /* no decay beyond 0.1 % of I0 or twice the error of the difference */
  if (I0 - Iss <= fmax (1e-3 * I0, 2 * hypot (sI0, sIss)))
    bv_warn (out, EIS_BV_WARN_NO_DECAY,
             "the current did not decay significantly (I0 = %.4g A, Iss = %.4g A)", I0, Iss);

  free (a), free (x), free (y), free (w);
  return EIS_OK;
}
