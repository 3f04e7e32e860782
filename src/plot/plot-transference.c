/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The DC polarization of a Bruce-Vincent measurement (Bruce & Vincent, J. Electroanal. Chem.
 * 225 (1987) 1): current against time with I0, the impedance-based I0 and Iss marked. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* "12.3 µA", "−12.3 µA": a current with a prefix chosen for its own size (a typographic
 * minus, as on the axis). */
static void
format_current (char *buf, size_t size, double amps)
{
  const char *prefix;
  double f = eis_plot_si_prefix (fabs (amps), &prefix);
  snprintf (buf, size, "%s%.3g %sA", amps < 0 ? "−" : "", fabs (amps) / f, prefix);
}

/* The legend's entries (labels in LAB): the marks I0, I0 from EIS and Iss with their values,
 * the decay fit, the spike left out, dV and t+. Returns their number (at most 8). */
static size_t
legend_entries (const EisPlotTransference *d, EisPlotLegendEntry *e, char lab[][96])
{
  const double marks[3] = { d->i0_a, d->i0_calc_a, d->iss_a };
  const int mcol[3] = { 1, 3, 2 };
  const char *mname[3] = { "I₀", "I₀ from EIS", "Iₛₛ" };
  size_t ne = 0;
  for (int k = 0; k < 3; k++)
    {
      if (!isfinite (marks[k]))
        continue;
      char v[48];
      format_current (v, sizeof v, marks[k]);
      snprintf (lab[ne], 96, "%s = %s", mname[k], v);
      e[ne] = (EisPlotLegendEntry){ lab[ne], mcol[k], -1, 0, 2, 0 };
      ne++;
    }
  if (isfinite (d->decay_tau_s) && d->decay_tau_s > 0 && isfinite (d->decay_inf_a)
      && isfinite (d->decay_amp_a) && d->n > 1)
    {
      snprintf (lab[ne], 96, "decay fit, τ = %.3g s", d->decay_tau_s);
      e[ne] = (EisPlotLegendEntry){ lab[ne], 4, -1, 0, 2, 0 };
      ne++;
    }
  if (isfinite (d->spike_end_s) && d->spike_end_s > 0)
    {
      snprintf (lab[ne], 96, "spike left out (%.3g s)", d->spike_end_s);
      e[ne] = (EisPlotLegendEntry){ lab[ne], 3, EIS_MARK_TRIANGLE, 1, 0, 0 };
      ne++;
    }
  if (isfinite (d->dv_v))
    {
      snprintf (lab[ne], 96, "ΔV = %s%.3g mV", d->dv_v < 0 ? "−" : "", fabs (d->dv_v) * 1e3);
      e[ne] = (EisPlotLegendEntry){ lab[ne], 6, -1, 0, 0, 0 };
      ne++;
    }
  if (d->t_plus_two && isfinite (d->t_plus_low) && isfinite (d->t_plus_high))
    {
      /* as the headline writes them (eis_bv_headline_text) */
      snprintf (lab[ne], 96, "t₊ = %.4f to %.4f", d->t_plus_low, d->t_plus_high);
      e[ne] = (EisPlotLegendEntry){ lab[ne], 6, -1, 0, 0, 0 };
      ne++;
    }
  else if (isfinite (d->t_plus))
    {
      if (d->t_plus_text && *d->t_plus_text)
        snprintf (lab[ne], 96, "t₊ = %s", d->t_plus_text);
      else if (isfinite (d->t_plus_err) && d->t_plus_err > 0)
        snprintf (lab[ne], 96, "t₊ = %.4f ± %.4f", d->t_plus, d->t_plus_err);
      else
        snprintf (lab[ne], 96, "t₊ = %.4f", d->t_plus);
      e[ne] = (EisPlotLegendEntry){ lab[ne], 6, -1, 0, 0, 0 };
      ne++;
    }
  return ne;
}

/* The measured current (every point, or about 400 of a long hold) and the I0 mark on P, in
 * device units: what the legend must not hide. */
static void
current_points (const EisPlotTransference *d, const EisPlotPanel *p, double t0,
                EisPlotPoints *pts)
{
  size_t stride = d->n > 400 ? d->n / 400 : 1;
  for (size_t i = 0; i < d->n; i += stride)
    if (isfinite (d->time_s[i]) && isfinite (d->current_a[i]))
      eis_plot_points_add (pts, eis_plot_panel_px (p, d->time_s[i]),
                           eis_plot_panel_py (p, d->current_a[i]));
  if (isfinite (d->i0_a))
    eis_plot_points_add (pts, eis_plot_panel_px (p, d->t_step_s > 0 ? d->t_step_s
                                                                      : fmax (0.0, t0)),
                         eis_plot_panel_py (p, d->i0_a));
}

/* Splits the NE entries into rows no wider than W: ROW_START[k] is row k's first entry,
 * ROW_START[rows] = NE. Returns the number of rows. */
static size_t
legend_rows (EisPlotCanvas *c, const EisPlotLegendEntry *e, size_t ne, double w,
             size_t *row_start)
{
  size_t rows = 0, i = 0;
  while (i < ne)
    {
      size_t k = 1;
      while (i + k < ne && eis_plot_legend_row_width (c, e + i, k + 1) <= w)
        k++;
      row_start[rows++] = i;
      i += k;
    }
  row_start[rows] = ne;
  return rows;
}

static int
transference_in (EisPlotCanvas *c, const EisPlotTransference *d, double xr, EisPlotPanel *out,
                 int *legend_place, size_t *covered, EisError *err)
{
  if (d->n > 0 && (d->time_s == NULL || d->current_a == NULL))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "plot: polarization with %zu points but no arrays", d->n);
  /* The current axis fits the hold: the points after the step and its charging spike (a rest
   * before it, near zero, and the spike would squash a 24.2 -> 22.7 uA decay into the top
   * 8 %), with I0 and Iss; it includes zero only when the current comes near it. */
  double t0 = INFINITY, t1 = -INFINITY, i0 = INFINITY, i1 = -INFINITY;
  double from = (isfinite (d->t_step_s) ? d->t_step_s : -INFINITY)
                + (isfinite (d->spike_end_s) && d->spike_end_s > 0 ? d->spike_end_s : 0);
  for (int pass = 0; pass < 2 && !(i1 >= i0); pass++)
    for (size_t i = 0; i < d->n; i++)
      {
        double t = d->time_s[i], cur = d->current_a[i];
        if (!isfinite (t) || !isfinite (cur))
          continue;
        if (pass == 0)
          {
            t0 = fmin (t0, t);
            t1 = fmax (t1, t);
          }
        if (pass == 0 && t < from)
          continue; /* a second pass takes every point when none is after the step */
        i0 = fmin (i0, cur);
        i1 = fmax (i1, cur);
      }
  const double marks[3] = { d->i0_a, d->i0_calc_a, d->iss_a };
  for (int k = 0; k < 3; k++)
    if (isfinite (marks[k]))
      {
        i0 = fmin (i0, marks[k]);
        i1 = fmax (i1, marks[k]);
      }
  if (!(t1 > t0))
    {
      t0 = 0;
      t1 = t1 > 0 ? t1 : 3600;
    }
  t0 = fmin (t0, 0.0);
  if (!(i1 >= i0))
    i0 = 0, i1 = 1e-6;
  if (i0 > 0 && i0 < 0.35 * i1)
    i0 = 0;
  if (i1 < 0 && i1 > 0.35 * i0)
    i1 = 0;
  if (!(i1 > i0))
    {
      double a = fmax (fabs (i0) * 0.05, 1e-9);
      i0 -= a;
      i1 += a;
    }
  double ispan = i1 - i0;
  if (i1 != 0)
    i1 += 0.07 * ispan;
  if (i0 != 0)
    i0 -= 0.07 * ispan;
  double tpad = 0.02 * (t1 - t0);
  t0 -= tpad;
  t1 += tpad;

  const char *tunit = "s";
  double tf = 1.0;
  if (t1 >= 3 * 3600.0)
    tunit = "h", tf = 3600.0;
  else if (t1 >= 300.0)
    tunit = "min", tf = 60.0;
  const char *iprefix;
  double ifac = eis_plot_si_prefix (fmax (fabs (i0), fabs (i1)), &iprefix);

  int has_title = d->title && d->title[0];
  double mt = (has_title ? 2.2 : 0.9) * c->fs, mb = 3.3 * c->fs, mr = 1.6 * c->fs;
  /* R_int(t) during the hold: a strip under the current sharing its time axis. */
  int strip = d->n_rint > 0 && d->rint_time_s && d->rint_ohm;
  double sh = strip ? 0.26 * (c->h - mt - mb) : 0, gap = strip ? 0.6 * c->fs : 0;
  double bh = c->h - mt - mb - sh - gap;
  if (xr < 12 * c->fs || bh < 4 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID,
                          "plot: %g x %g is too small for a polarization plot", xr, c->h);
  double ml = eis_plot_ylabel_width (c, i0, i1, ifac, 0, bh) + 2.45 * c->fs;
  double bottom = c->h - mb - sh - gap;
  EisPlotPanel p = { 0 };
  eis_plot_panel_box (&p, ml, mt, xr - mr, bottom);
  p.wx0 = t0;
  p.wx1 = t1;
  p.wy0 = i0;
  p.wy1 = i1;
  p.kind = EIS_PLOT_PANEL_CURRENT;

  /* The legend stays off the data: in a corner of the plot where it hides none of the
   * measured current; else beside the plot when that leaves it 65 % of its width; else in
   * rows between the title and the plot (a short plot, e.g. at 1024x700 on screen, has no
   * free corner: the six entries covered the early decay). */
  EisPlotLegendEntry e[8];
  char lab[8][96];
  size_t ne = legend_entries (d, e, lab), row_start[9], nrows = 0;
  double legend_pw = p.px1 - p.px0, row_h = 1.45 * 0.85 * c->fs;
  EisPlotPoints pts = { 0 };
  int place = ne ? EIS_PLOT_LEGEND_INSIDE : EIS_PLOT_LEGEND_NONE;
  *covered = 0;
  current_points (d, &p, t0, &pts);
  if (ne && eis_plot_legend_outside_width (c, &p, e, ne, pts.x, pts.y, pts.n, INFINITY) > 0)
    {
      double wb = eis_plot_legend_outside_width (c, &p, e, ne, pts.x, pts.y, pts.n,
                                                 0.35 * legend_pw);
      nrows = legend_rows (c, e, ne, legend_pw, row_start);
      double mt_rows = mt + nrows * row_h + 0.4 * c->fs;
      if (wb <= 0 && bottom - mt_rows < 4 * c->fs)
        {
          /* too many rows for the height: without dV and t+ (no line to explain; the
           * figure's caller gives them in its text, as eisfit-gtk's tab and eisfit's report) */
          size_t k = 0;
          for (size_t i = 0; i < ne; i++)
            if (e[i].line || e[i].shape >= 0)
              e[k++] = e[i];
          ne = k;
          nrows = legend_rows (c, e, ne, legend_pw, row_start);
          mt_rows = mt + nrows * row_h + 0.4 * c->fs;
        }
      if (wb > 0)
        {
          place = EIS_PLOT_LEGEND_BESIDE;
          eis_plot_panel_box (&p, ml, mt, xr - mr - wb, bottom);
        }
      else if (bottom - mt_rows >= 4 * c->fs)
        {
          place = EIS_PLOT_LEGEND_ABOVE;
          ml = eis_plot_ylabel_width (c, i0, i1, ifac, 0, bottom - mt_rows) + 2.45 * c->fs;
          eis_plot_panel_box (&p, ml, mt_rows, xr - mr, bottom);
        }
    }

  if (has_title)
    eis_plot_text (c, p.px0, 1.1 * c->fs, 0.0, 0, 1.1, d->title);
  /* The plateau used for Iss, shaded. */
  if (isfinite (d->iss_from_s) && d->iss_from_s < t1)
    {
      eis_plot_panel_use (c, &p);
      double a = fmax (d->iss_from_s, t0);
      PLFLT bx[4] = { a, t1, t1, a }, by[4] = { i0, i0, i1, i1 };
      eis_plot_color_alpha (2, 0.12);
      plfill (4, bx, by);
    }
  if (i0 < 0)
    {
      double zx[2] = { t0, t1 }, zy[2] = { 0, 0 };
      eis_plot_polyline (c, &p, 2, zx, zy, 1.0, 6, 0.6 * c->lw, 0);
    }
  char xt[32], yt[32];
  snprintf (xt, sizeof xt, "t / %s", tunit);
  snprintf (yt, sizeof yt, "I / %sA", iprefix);
  /* The charging spike left out of the decay fit, shaded red from the step. */
  double spike_to = d->t_step_s + d->spike_end_s;
  int has_spike = isfinite (d->spike_end_s) && d->spike_end_s > 0;
  if (has_spike)
    {
      eis_plot_panel_use (c, &p);
      double a = fmax (d->t_step_s, t0), b = fmax (spike_to, a + 0.004 * (t1 - t0));
      PLFLT bx[4] = { a, b, b, a }, by[4] = { i0, i0, i1, i1 };
      eis_plot_color_alpha (3, 0.25);
      plfill (4, bx, by);
    }
  eis_plot_axes (c, &p, tf, ifac, strip, 0);
  if (strip)
    eis_plot_axis_titles (c, &p, NULL, yt);
  else
    eis_plot_axis_titles (c, &p, xt, yt);

  /* Reference lines first, the measured current over them. */
  const int mcol[3] = { 1, 3, 2 };
  for (int k = 0; k < 3; k++)
    {
      if (!isfinite (marks[k]))
        continue;
      double lx[2] = { t0, t1 }, ly[2] = { marks[k], marks[k] };
      eis_plot_polyline (c, &p, 2, lx, ly, 1.0, mcol[k], 1.3 * c->lw, 1);
    }
  eis_plot_polyline (c, &p, d->n, d->time_s, d->current_a, 1.0, 0, 1.5 * c->lw, 0);
  eis_plot_panel_use (c, &p);
  if (d->n > 0 && d->n <= 80)
    for (size_t i = 0; i < d->n; i++)
      if (isfinite (d->time_s[i]) && isfinite (d->current_a[i]))
        eis_plot_marker (c, &p, eis_plot_panel_px (&p, d->time_s[i]),
                         eis_plot_panel_py (&p, d->current_a[i]), EIS_MARK_CIRCLE,
                         0.7 * eis_plot_marker_size (c), 0, 1);
  /* the fitted decay, dashed, over the part fitted */
  if (isfinite (d->decay_tau_s) && d->decay_tau_s > 0 && isfinite (d->decay_inf_a)
      && isfinite (d->decay_amp_a) && d->n > 1)
    {
      enum { NDEC = 240 };
      double dx[NDEC], dy[NDEC], ta = d->t_step_s + (isfinite (d->decay_from_s) ? d->decay_from_s : 0);
      double tb = d->time_s[d->n - 1];
      double slope = isfinite (d->decay_slope_a_per_s) ? d->decay_slope_a_per_s : 0;
      for (int k = 0; k < NDEC; k++)
        {
          double tt = ta + (tb - ta) * k / (NDEC - 1), xx = tt - d->t_step_s;
          dx[k] = tt;
          dy[k] = d->decay_inf_a + d->decay_amp_a * exp (-xx / d->decay_tau_s)
                  + slope * (tt - tb);
        }
      eis_plot_polyline (c, &p, NDEC, dx, dy, 1.0, 4, 1.2 * c->lw, 1);
    }
  if (has_spike)
    {
      eis_plot_panel_use (c, &p);
      for (size_t i = 0; i < d->n; i++)
        if (d->time_s[i] >= d->t_step_s && d->time_s[i] < spike_to && isfinite (d->current_a[i]))
          /* the spike is beyond the current axis (made for the decay): its points sit on
           * the axis's edge, not outside the plot */
          eis_plot_marker (c, &p, eis_plot_panel_px (&p, d->time_s[i]),
                           eis_plot_panel_py (&p, fmin (fmax (d->current_a[i], i0), i1)),
                           EIS_MARK_TRIANGLE, 0.8 * eis_plot_marker_size (c), 3, 1);
    }
  if (isfinite (d->i0_a))
    {
      eis_plot_panel_use (c, &p);
      eis_plot_marker (c, &p, eis_plot_panel_px (&p, d->t_step_s > 0 ? d->t_step_s : fmax (0.0, t0)),
                       eis_plot_panel_py (&p, d->i0_a), EIS_MARK_DIAMOND,
                       1.2 * eis_plot_marker_size (c), 1, 1);
    }
  switch (place)
    {
    case EIS_PLOT_LEGEND_INSIDE:
      /* the current where it is drawn now */
      pts.n = 0;
      current_points (d, &p, t0, &pts);
      *covered = eis_plot_legend (c, &p, e, ne, pts.x, pts.y, pts.n);
      break;
    case EIS_PLOT_LEGEND_BESIDE:
      eis_plot_legend_beside (c, &p, e, ne, legend_pw);
      break;
    case EIS_PLOT_LEGEND_ABOVE:
      eis_plot_grey (34, 1.0);
      for (size_t r = 0; r < nrows; r++)
        {
          size_t k = row_start[r + 1] - row_start[r];
          eis_plot_legend_row (c, p.px0 + eis_plot_legend_row_width (c, e + row_start[r], k),
                               mt + (r + 0.5) * row_h, e + row_start[r], k);
        }
      break;
    default:
      break;
    }
  *legend_place = place;
  eis_plot_points_free (&pts);
  if (strip)
    {
      double r0 = INFINITY, r1 = -INFINITY;
      for (size_t i = 0; i < d->n_rint; i++)
        if (isfinite (d->rint_ohm[i]))
          r0 = fmin (r0, d->rint_ohm[i]), r1 = fmax (r1, d->rint_ohm[i]);
      if (!(r1 >= r0))
        r0 = 0, r1 = 1;
      eis_plot_pad_range (&r0, &r1, 0.15);
      EisPlotPanel q = { 0 };
      eis_plot_panel_box (&q, ml, c->h - mb - sh, xr - mr, c->h - mb);
      q.wx0 = t0;
      q.wx1 = t1;
      q.wy0 = r0;
      q.wy1 = r1;
      q.kind = EIS_PLOT_PANEL_CURRENT;
      eis_plot_panel_use (c, &q);
      eis_plot_axes (c, &q, tf, 1.0, 0, 0);
      eis_plot_axis_titles (c, &q, xt, "R_int / Ω");
      double *rx = malloc (d->n_rint * sizeof *rx);
      if (rx)
        {
          for (size_t i = 0; i < d->n_rint; i++)
            rx[i] = d->t_step_s + d->rint_time_s[i];
          eis_plot_polyline (c, &q, d->n_rint, rx, d->rint_ohm, 1.0, 5, 1.0 * c->lw, 0);
          eis_plot_panel_use (c, &q);
          for (size_t i = 0; i < d->n_rint; i++)
            if (isfinite (d->rint_ohm[i]))
              eis_plot_marker (c, &q, eis_plot_panel_px (&q, rx[i]),
                               eis_plot_panel_py (&q, d->rint_ohm[i]), EIS_MARK_SQUARE,
                               0.8 * eis_plot_marker_size (c), 5, 1);
          free (rx);
        }
    }
  *out = p;
  return EIS_OK;
}

/* The sign of the current during the hold: -1 for a cathodic step written as negative
 * currents (most potentiostats), else +1. The sum over the points from the step on, as
 * eis_bv_analyse decides it. */
static double
current_sign (const EisPlotTransference *d)
{
  double sum = 0;
  for (int pass = 0; pass < 2 && sum == 0; pass++)
    for (size_t i = 0; i < d->n; i++)
      if (isfinite (d->time_s[i]) && isfinite (d->current_a[i])
          && (pass == 1 || !isfinite (d->t_step_s) || d->time_s[i] >= d->t_step_s))
        sum += d->current_a[i];
  return sum < 0 ? -1.0 : 1.0;
}

/* D with I0, the impedance-based I0, Iss and the fitted decay (magnitudes, as the analysis
 * works with |I|) given the sign of the measured current, so that a cathodic hold's marks lie
 * on its negative data. */
EisPlotTransference
eis_plot_transference_signed (const EisPlotTransference *d)
{
  EisPlotTransference s = *d;
  if (d->n == 0 || d->time_s == NULL || d->current_a == NULL)
    return s;
  double sgn = current_sign (d);
  s.i0_a = sgn * fabs (d->i0_a);
  s.i0_calc_a = sgn * fabs (d->i0_calc_a);
  s.iss_a = sgn * fabs (d->iss_a);
  s.decay_inf_a = sgn * d->decay_inf_a;
  s.decay_amp_a = sgn * d->decay_amp_a;
  s.decay_slope_a_per_s = sgn * d->decay_slope_a_per_s;
  return s;
}

int
eis_plot_transference (cairo_t *cr, double width, double height,
                       const EisPlotTransference *given, EisPlotTransform *tr, EisError *err)
{
  if (given == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no polarization data");
  EisPlotTransference signed_d = eis_plot_transference_signed (given);
  const EisPlotTransference *d = &signed_d;
  EisPlotCanvas c;
  EisPlotPanel p, q;
  int place = EIS_PLOT_LEGEND_NONE;
  size_t covered = 0;
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  /* With the spectra: the current on the left, their Nyquist plot on the right, as wide as its
   * data fill at equal scales over the figure's height (a quarter to half the width): a
   * wider box would only show empty Ohms beside the arcs, which the current can use. */
  int both = d->ntraces > 0 && d->traces != NULL;
  double top = d->title && d->title[0] ? 1.3 * c.fs : 0;
  double xr = width, ntop = top;
  if (both)
    {
      double nw = eis_plot_nyquist_natural_size (&c, d->traces, d->ntraces, 0, height - top);
      if (!isfinite (nw))
        nw = 0.42 * width;
      xr = width - fmin (fmax (nw, 0.25 * width), 0.5 * width);
      /* spectra wider than half the figure: the box only as high as they fill at that width
       * and their legend's rows above them (inside, as the main Nyquist plot's), on the
       * figure's floor, so that its y axis spans the data rather than the figure's height */
      if (nw > 0.5 * width)
        {
          double nh = eis_plot_nyquist_natural_size (&c, d->traces, d->ntraces, width - xr, 0);
          size_t rows = 0;
          for (size_t k = 0; k < d->ntraces; k++)
            rows += d->traces[k].label && d->traces[k].label[0];
          nh += rows > 0 ? (rows * 1.3 + 0.8) * c.fs : 0;
          if (isfinite (nh) && nh < height - top)
            ntop = height - fmax (nh, 8.0 * c.fs);
        }
    }
  status = transference_in (&c, d, xr, &p, &place, &covered, err);
  if (status == EIS_OK && both)
    status = eis_plot_nyquist_in (&c, xr, ntop, width, height, d->traces, d->ntraces, NULL, &q,
                                  err);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  if (status == EIS_OK)
    status = end;
  if (tr && status == EIS_OK)
    {
      tr->npanels = both ? 2 : 1;
      tr->panel[0] = p;
      tr->legend_place = place;
      tr->n_legend_covered = covered;
      if (both)
        tr->panel[1] = q;
    }
  return status;
}

int
eis_plot_draw_transference (cairo_t *cr, double w, double h, const void *transference,
                            EisError *err)
{
  return eis_plot_transference (cr, w, h, transference, NULL, err);
}
