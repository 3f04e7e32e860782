/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Bode plot: |Z| on log-log axes above, -phase in degrees below, sharing log frequency. */
#include "plot-private.h"

#include <math.h>
#include <stdlib.h>

/* Fills MOD (|Z| / Ohm) and PHASE (-arg Z / degree) for trace T. */
static void
bode_values (const EisPlotTrace *t, double *mod, double *phase)
{
  for (size_t i = 0; i < t->n; i++)
    {
      mod[i] = hypot (t->z_re[i], t->z_im[i]);
      phase[i] = -atan2 (t->z_im[i], t->z_re[i]) * 180.0 / M_PI;
    }
}

/* Draws the traces into panel P: y values from column COL (0 |Z|, 1 phase); with DRY, only
 * collects their device points into PTS. */
static int
draw_traces (EisPlotCanvas *c, const EisPlotPanel *p, const EisPlotTrace *t, size_t ns,
             const int *colors, const int *shapes, int col, EisPlotPoints *pts, int dry,
             EisError *err)
{
  double r = eis_plot_marker_size (c);
  /* Data first, then the fit lines over them, then the rings of flagged points. */
  for (int pass = 0; pass < 3; pass++)
    for (size_t k = 0; k < ns; k++)
      {
        if (t[k].n == 0
            || (pass == 2 ? t[k].line || t[k].marker != EIS_PLOT_MARKER_FLAGGED
                          : t[k].line != pass
                              || (!t[k].line && t[k].marker == EIS_PLOT_MARKER_FLAGGED)))
          continue;
        double *mod = malloc (2 * t[k].n * sizeof *mod);
        if (mod == NULL)
          return eis_error_set (err, EIS_ERR_NOMEM, "plot: out of memory");
        double *phase = mod + t[k].n, *y = col ? phase : mod;
        bode_values (&t[k], mod, phase);
        if (t[k].line && !dry)
          eis_plot_polyline (c, p, t[k].n, t[k].freq_hz, y, 1.0, colors[k], 1.8 * c->lw, 0);
        if (!dry)
          eis_plot_panel_use (c, p);
        for (size_t i = 0; i < t[k].n; i++)
          {
            double wx = eis_plot_wx (p, t[k].freq_hz[i]), wy = eis_plot_wy (p, y[i]);
            if (!isfinite (wx) || !isfinite (wy))
              continue;
            double px = eis_plot_panel_px (p, wx), py = eis_plot_panel_py (p, wy);
            if (px < p->px0 - r || px > p->px1 + r || py < p->py0 - r || py > p->py1 + r)
              continue;
            if (!t[k].line && !dry)
              eis_plot_data_marker (c, p, px, py, t[k].marker, shapes[k], r, colors[k]);
            if (pts)
              eis_plot_points_add (pts, px, py);
          }
        free (mod);
      }
  return EIS_OK;
}

/* The world windows of the |Z| panel PM and the phase panel PP. */
static void
set_windows (EisPlotPanel *pm, EisPlotPanel *pp, double lx0, double lx1, double ly0, double ly1,
             double p0, double p1)
{
  pm->wx0 = pp->wx0 = lx0;
  pm->wx1 = pp->wx1 = lx1;
  pm->xlog = pp->xlog = 1;
  pm->ylog = 1;
  pm->wy0 = ly0;
  pm->wy1 = ly1;
  pp->wy0 = p0;
  pp->wy1 = p1;
  pm->kind = EIS_PLOT_PANEL_BODE_MOD;
  pp->kind = EIS_PLOT_PANEL_BODE_PHASE;
}

int
eis_plot_bode_in (EisPlotCanvas *c, double x0, double y0, double x1, double y1,
                  const EisPlotTrace *t, size_t nt, const EisPlotView *view, int legend,
                  EisPlotPanel out[2], EisError *err)
{
  double fmin_ = INFINITY, fmax_ = -INFINITY, mmin = INFINITY, mmax = -INFINITY;
  double pmin = INFINITY, pmax = -INFINITY;
  for (size_t k = 0; k < nt; k++)
    {
      int status = eis_plot_check_trace (&t[k], k, 1, err);
      if (status)
        return status;
      for (size_t i = 0; i < t[k].n; i++)
        {
          double f = t[k].freq_hz[i], m = hypot (t[k].z_re[i], t[k].z_im[i]);
          double ph = -atan2 (t[k].z_im[i], t[k].z_re[i]) * 180.0 / M_PI;
          if (!(f > 0) || !isfinite (f) || !(m > 0) || !isfinite (m))
            continue;
          fmin_ = fmin (fmin_, f);
          fmax_ = fmax (fmax_, f);
          mmin = fmin (mmin, m);
          mmax = fmax (mmax, m);
          pmin = fmin (pmin, ph);
          pmax = fmax (pmax, ph);
        }
    }
  if (!(fmax_ >= fmin_))
    {
      fmin_ = 1;
      fmax_ = 1e6;
      mmin = 1;
      mmax = 1e3;
      pmin = 0;
      pmax = 90;
    }
  if (view && view->set)
    {
      if (!(view->xmin > 0 && view->xmax > view->xmin) || !isfinite (view->xmax))
        return eis_error_set (err, EIS_ERR_INVALID, "plot: Bode frequency view [%g, %g] Hz is empty",
                              view->xmin, view->xmax);
      fmin_ = view->xmin;
      fmax_ = view->xmax;
    }
  double lx0 = log10 (fmin_), lx1 = log10 (fmax_);
  if (!(view && view->set))
    eis_plot_pad_range (&lx0, &lx1, 0.03);
  else if (lx1 - lx0 < 1e-6)
    eis_plot_pad_range (&lx0, &lx1, 0.1);
  double ly0 = log10 (mmin), ly1 = log10 (mmax);
  if (ly1 - ly0 < 1.2)
    {
      double mid = 0.5 * (ly0 + ly1);
      ly0 = mid - 0.6;
      ly1 = mid + 0.6;
    }
  eis_plot_pad_range (&ly0, &ly1, 0.06);
  /* At least two labelled decades on the |Z| axis, or it can show a single "10^4". */
  if (floor (ly1) - ceil (ly0) < 1)
    {
      if (ly0 - floor (ly0) <= ceil (ly1) - ly1)
        ly0 = floor (ly0);
      else
        ly1 = ceil (ly1);
      if (floor (ly1) - ceil (ly0) < 1)
        {
          ly0 = floor (ly0);
          ly1 = ceil (ly1);
        }
    }
  /* Phase: from 0 (or below, for inductive points) to a round number above the data. */
  double p0 = fmin (0.0, pmin), p1 = fmax (pmax, 10.0);
  eis_plot_pad_range (&p0, &p1, 0.08);
  if (pmin >= 0)
    p0 = fmin (0.0, p0 + 0.08 * (p1 - p0)) - 0.04 * (p1 - p0);

  double mt = 0.9 * c->fs, mb = 3.3 * c->fs, mr = 1.4 * c->fs, gap = 0.8 * c->fs;
  double hb = y1 - y0 - mt - mb - gap;
  if (x1 - x0 < 10 * c->fs || hb < 4 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for a Bode plot",
                          x1 - x0, y1 - y0);
  double lw = fmax (eis_plot_ylabel_width (c, ly0, ly1, 1, 1, hb * 0.55),
                    eis_plot_ylabel_width (c, p0, p1, 1, 0, hb * 0.45));
  double ml = lw + 2.45 * c->fs;
  double hm = 0.55 * hb;
  EisPlotPanel *pm = &out[0], *pp = &out[1];
  *pm = (EisPlotPanel){ 0 };
  *pp = (EisPlotPanel){ 0 };
  eis_plot_panel_box (pm, x0 + ml, y0 + mt, x1 - mr, y0 + mt + hm);
  eis_plot_panel_box (pp, x0 + ml, y0 + mt + hm + gap, x1 - mr, y1 - mb);
  set_windows (pm, pp, lx0, lx1, ly0, ly1, p0, p1);

  int colors[64], shapes[64];
  size_t ns = nt < 64 ? nt : 64;
  eis_plot_trace_styles (t, ns, colors, shapes);
  EisPlotLegendEntry e[64];
  for (size_t k = 0; k < ns; k++)
    e[k] = (EisPlotLegendEntry){ t[k].label, colors[k], shapes[k], 0, t[k].line ? 1 : 0,
                                 t[k].line ? 0 : t[k].marker };
  /* The legend goes beside the plots when inside it would hide data of |Z| (overlaid
   * spectra fill every corner), as long as the plots keep two thirds of the width. */
  double legend_w = 0, legend_pw = pm->px1 - pm->px0;
  if (legend)
    {
      EisPlotPoints probe = { 0 };
      int status = draw_traces (c, pm, t, ns, colors, shapes, 0, &probe, 1, err);
      if (status == EIS_OK)
        legend_w = eis_plot_legend_outside_fit (c, pm, e, ns, probe.x, probe.y, probe.n,
                                                (x1 - x0) / 3.0, &legend_pw);
      eis_plot_points_free (&probe);
      if (status)
        return status;
      if (legend_w > 0)
        {
          pm->px1 -= legend_w;
          pp->px1 -= legend_w;
        }
    }

  eis_plot_axes (c, pm, 1, 1, 1, 0);
  eis_plot_axis_titles (c, pm, NULL, "|Z| / Ω");
  eis_plot_axes (c, pp, 1, 1, 0, 0);
  eis_plot_axis_titles (c, pp, "f / Hz", "−φ / °");

  EisPlotPoints pts = { 0 };
  int status = draw_traces (c, pm, t, ns, colors, shapes, 0, &pts, 0, err);
  if (status == EIS_OK)
    status = draw_traces (c, pp, t, ns, colors, shapes, 1, NULL, 0, err);
  if (status == EIS_OK && legend)
    {
      if (legend_w > 0)
        eis_plot_legend_beside (c, pm, e, ns, legend_pw);
      else
        eis_plot_legend (c, pm, e, ns, pts.x, pts.y, pts.n);
    }
  eis_plot_points_free (&pts);
  return status;
}

int
eis_plot_bode (cairo_t *cr, double width, double height, const EisPlotTrace *t, size_t nt,
               const EisPlotView *view, EisPlotTransform *tr, EisError *err)
{
  EisPlotCanvas c;
  EisPlotPanel p[2];
  if (nt > 0 && t == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %zu traces but no array", nt);
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  status = eis_plot_bode_in (&c, 0, 0, width, height, t, nt, view, 1, p, err);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  if (status == EIS_OK)
    status = end;
  if (tr && status == EIS_OK)
    {
      tr->npanels = 2;
      tr->panel[0] = p[0];
      tr->panel[1] = p[1];
    }
  return status;
}

int
eis_plot_draw_bode (cairo_t *cr, double w, double h, const void *spectra, EisError *err)
{
  const EisPlotSpectra *s = spectra;
  return eis_plot_bode (cr, w, h, s->traces, s->ntraces, NULL, NULL, err);
}
