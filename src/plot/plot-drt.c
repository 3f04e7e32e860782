/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The distribution of relaxation times (Wan et al., Electrochim. Acta 184 (2015) 483):
 * gamma against log tau with its peaks marked, beside the Nyquist plot of the data and the
 * DRT's own fit. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>

/* "18.4 MHz", "950 Hz", "3.1 mHz": three digits with the prefix that keeps them below 1000. */
static void
format_hz (char *buf, size_t size, double f)
{
  static const struct { double factor; const char *prefix; } units[] = {
    { 1e9, "G" }, { 1e6, "M" }, { 1e3, "k" }, { 1, "" }, { 1e-3, "m" }, { 1e-6, "µ" },
  };
  size_t u = 0;
  while (u + 1 < sizeof units / sizeof units[0] && f < 0.9995 * units[u].factor)
    u++;
  snprintf (buf, size, "%.3g %sHz", f / units[u].factor, units[u].prefix);
}

static int
drt_in_box (EisPlotCanvas *c, const EisPlotDrt *d, double xr, double top, double yb,
            EisPlotPanel *out, EisError *err)
{
  double t0 = INFINITY, t1 = -INFINITY, gmax = 0, cmin = INFINITY;
  for (size_t k = 0; k < d->ncurves; k++)
    {
      double cmax = 0;
      const EisPlotDrtCurve *cv = &d->curves[k];
      if (cv->n > 0 && (cv->tau_s == NULL || cv->gamma_ohm == NULL))
        return eis_error_set (err, EIS_ERR_INVALID, "plot: DRT %zu has %zu points but no arrays",
                              k + 1, cv->n);
      if (cv->n_peaks > 0 && (cv->peak_tau_s == NULL || cv->peak_gamma_ohm == NULL))
        return eis_error_set (err, EIS_ERR_INVALID, "plot: DRT %zu has peaks but no arrays",
                              k + 1);
      for (size_t i = 0; i < cv->n; i++)
        if (cv->tau_s[i] > 0 && isfinite (cv->tau_s[i]) && isfinite (cv->gamma_ohm[i]))
          {
            t0 = fmin (t0, log10 (cv->tau_s[i]));
            t1 = fmax (t1, log10 (cv->tau_s[i]));
            gmax = fmax (gmax, cv->gamma_ohm[i]);
            cmax = fmax (cmax, cv->gamma_ohm[i]);
          }
      if (cmax > 0)
        cmin = fmin (cmin, cmax);
    }
  if (!(t1 > t0))
    {
      t0 = -6;
      t1 = 1;
    }
  if (!(gmax > 0))
    gmax = 1;
  /* Overlaid curves whose heights differ by more than 1.5 decades (a temperature series: the
   * resistances fall by orders of magnitude as it warms) on a logarithmic gamma axis, from a
   * decade below the lowest curve's maximum, so that every curve can be seen; else linear,
   * with room above the highest peak for its label and the legend. */
  int ylog = d->ncurves >= 2 && cmin > 0 && gmax > 31.6 * cmin;
  const char *prefix = "";
  double g0 = 0, g1 = gmax * 1.3, gf = 1;
  if (ylog)
    {
      g0 = floor (log10 (cmin) - 1.0);
      g1 = log10 (gmax) + 0.45;
    }
  else
    gf = eis_plot_si_prefix (g1, &prefix);

  double mt = top + 0.9 * c->fs, mb = 3.3 * c->fs, mr = 1.6 * c->fs;
  double bh = yb - mt - mb;
  if (xr < 12 * c->fs || bh < 4 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for a DRT plot", xr,
                          yb);
  double ml = eis_plot_ylabel_width (c, g0, g1, gf, ylog, bh) + 2.45 * c->fs;
  EisPlotPanel p = { 0 };
  eis_plot_panel_box (&p, ml, mt, xr - mr, yb - mb);
  p.wx0 = t0;
  p.wx1 = t1;
  p.wy0 = g0;
  p.wy1 = g1;
  p.xlog = 1;
  p.ylog = ylog;
  p.kind = EIS_PLOT_PANEL_DRT;
  char yt[48];
  snprintf (yt, sizeof yt, ylog ? "γ / Ω (log scale)" : "γ / %sΩ", prefix);
  eis_plot_axes (c, &p, 1.0, gf, 0, 0);
  eis_plot_axis_titles (c, &p, "τ / s", yt);

  /* one curve: the time constants beyond the measured frequencies shaded (gamma there is
   * extrapolated) */
  if (d->ncurves == 1 && d->curves[0].tau_lo_s > 0 && d->curves[0].tau_hi_s > 0)
    {
      const EisPlotDrtCurve *cv = &d->curves[0];
      eis_plot_panel_use (c, &p);
      eis_plot_grey (120, 0.10);
      double a = log10 (cv->tau_lo_s), b = log10 (cv->tau_hi_s);
      if (a > t0)
        {
          PLFLT bx[4] = { t0, a, a, t0 }, by[4] = { g0, g0, g1, g1 };
          plfill (4, bx, by);
        }
      if (b < t1)
        {
          PLFLT bx[4] = { b, t1, t1, b }, by[4] = { g0, g0, g1, g1 };
          plfill (4, bx, by);
        }
    }
  EisPlotPoints pts = { 0 };
  EisPlotLegendEntry e[EIS_PLOT_NCOLORS * 4];
  size_t ne = 0;
  double r = eis_plot_marker_size (c);
  for (size_t k = 0; k < d->ncurves; k++)
    {
      const EisPlotDrtCurve *cv = &d->curves[k];
      int col = cv->color >= 0 ? cv->color : (int) (k % EIS_PLOT_NCOLORS);
      eis_plot_polyline (c, &p, cv->n, cv->tau_s, cv->gamma_ohm, 1.0, col, 1.6 * c->lw, 0);
      size_t stride = cv->n > 200 ? cv->n / 200 : 1;
      for (size_t i = 0; i < cv->n; i += stride)
        {
          double wx = eis_plot_wx (&p, cv->tau_s[i]), wy = eis_plot_wy (&p, cv->gamma_ohm[i]);
          if (isfinite (wx) && isfinite (wy) && wy >= p.wy0)
            eis_plot_points_add (&pts, eis_plot_panel_px (&p, wx), eis_plot_panel_py (&p, wy));
        }
      eis_plot_panel_use (c, &p);
      for (size_t j = 0; j < cv->n_peaks; j++)
        {
          double wx = eis_plot_wx (&p, cv->peak_tau_s[j]), wy = eis_plot_wy (&p, cv->peak_gamma_ohm[j]);
          if (!isfinite (wx) || !isfinite (wy) || wy < p.wy0)
            continue;
          double px = eis_plot_panel_px (&p, wx), py = eis_plot_panel_py (&p, wy);
          int beyond = cv->peak_beyond && cv->peak_beyond[j];
          eis_plot_marker (c, &p, px, py, EIS_MARK_TRIANGLE, 1.1 * r, col, !beyond);
          eis_plot_points_add (&pts, px, py);
          /* the peak's frequency beside its marker, for one or two curves */
          if (d->ncurves <= 2)
            {
              char lab[40];
              format_hz (lab, sizeof lab, 1.0 / (2 * M_PI * cv->peak_tau_s[j]));
              double tw = eis_plot_text_width (c, lab, 0.7);
              double lx = px - 0.5 * tw, ly = py - 2.0 * r;
              if (lx < p.px0)
                lx = p.px0;
              if (lx + tw > p.px1)
                lx = p.px1 - tw;
              if (ly > p.py0 + 0.5 * c->fs)
                {
                  eis_plot_text (c, lx, ly, 0.0, 0, 0.7, lab);
                  eis_plot_points_add (&pts, lx + 0.5 * tw, ly);
                }
              eis_plot_panel_use (c, &p);
            }
        }
      if (cv->label && ne < sizeof e / sizeof e[0])
        e[ne++] = (EisPlotLegendEntry){ cv->label, col, -1, 0, 1, 0 };
    }
  int any_beyond = 0;
  for (size_t k = 0; k < d->ncurves; k++)
    for (size_t j = 0; j < d->curves[k].n_peaks; j++)
      any_beyond |= d->curves[k].peak_beyond && d->curves[k].peak_beyond[j];
  if (d->ncurves > 0 && ne < sizeof e / sizeof e[0])
    e[ne++] = (EisPlotLegendEntry){ "peak", 6, EIS_MARK_TRIANGLE, 1, 0, 0 };
  if (any_beyond && ne < sizeof e / sizeof e[0])
    e[ne++] = (EisPlotLegendEntry){ "peak beyond the data", 6, EIS_MARK_TRIANGLE, 0, 0, 0 };
  eis_plot_legend (c, &p, e, ne, pts.x, pts.y, pts.n);
  eis_plot_points_free (&pts);
  *out = p;
  return EIS_OK;
}

int
eis_plot_drt (cairo_t *cr, double width, double height, const EisPlotDrt *d,
              EisPlotTransform *tr, EisError *err)
{
  if (d == NULL || (d->ncurves > 0 && d->curves == NULL))
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no DRT");
  EisPlotCanvas c;
  EisPlotPanel p, q;
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  int has_title = d->title && d->title[0];
  double top = has_title ? 1.3 * c.fs : 0;
  if (has_title)
    eis_plot_text (&c, 1.0 * c.fs, 1.1 * c.fs, 0.0, 0, 1.1, d->title);
  int both = d->ntraces > 0 && d->traces != NULL;
  if (!both)
    status = drt_in_box (&c, d, width, top, height, &p, err);
  else
    {
      /* The Nyquist plot beside gamma(tau) or under it, whichever lets its data fill more of
       * its box at equal scales, and only as large as they fill it (from 30 to 55 % of the
       * width beside, 35 to 65 % of the height under; under when about as good, where gamma(tau)
       * gets the whole width for its decades of tau): gamma(tau) takes the rest. Beside in a
       * tall figure, the arcs sat in a narrow box under an axis running far above them. */
      double h = height - top;
      double nw = eis_plot_nyquist_natural_size (&c, d->traces, d->ntraces, 0, h);
      double nh = eis_plot_nyquist_natural_size (&c, d->traces, d->ntraces, width, 0);
      double bw = isfinite (nw) ? fmin (fmax (nw, 0.30 * width), 0.55 * width) : 0.45 * width;
      double bh = isfinite (nh) ? fmin (fmax (nh, 0.35 * h), 0.65 * h) : 0.45 * h;
      /* how much of each box the data fill: the ratio of its size to the one it needs */
      double fill_beside = isfinite (nw) ? fmin (bw / nw, nw / bw) : 1;
      double fill_under = isfinite (nh) ? fmin (bh / nh, nh / bh) : 0;
      if (fill_under > fill_beside - 0.05)
        {
          double yb = height - bh;
          status = drt_in_box (&c, d, width, top, yb, &p, err);
          if (status == EIS_OK)
            status = eis_plot_nyquist_in (&c, 0, yb, width, height, d->traces, d->ntraces, NULL,
                                          &q, err);
        }
      else
        {
          double xr = width - bw;
          status = drt_in_box (&c, d, xr, top, height, &p, err);
          if (status == EIS_OK)
            status = eis_plot_nyquist_in (&c, xr, top, width, height, d->traces, d->ntraces,
                                          NULL, &q, err);
        }
    }
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  if (status == EIS_OK)
    status = end;
  if (tr && status == EIS_OK)
    {
      tr->npanels = both ? 2 : 1;
      tr->panel[0] = p;
      if (both)
        tr->panel[1] = q;
    }
  return status;
}

int
eis_plot_draw_drt (cairo_t *cr, double w, double h, const void *drt, EisError *err)
{
  return eis_plot_drt (cr, w, h, drt, NULL, err);
}
