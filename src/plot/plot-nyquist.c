/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Nyquist plot: -Z'' against Z' with equal scales on both axes, data as markers, fits as
 * lines. The window is widened in one direction so that one Ohm is as long on x as on y. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>

/* Range of the data over all traces; returns the number of finite points. */
static size_t
data_range (const EisPlotTrace *t, size_t nt, double *xmin, double *xmax, double *ymin,
            double *ymax)
{
  size_t count = 0;
  *xmin = *ymin = INFINITY;
  *xmax = *ymax = -INFINITY;
  for (size_t k = 0; k < nt; k++)
    for (size_t i = 0; i < t[k].n; i++)
      {
        double x = t[k].z_re[i], y = -t[k].z_im[i];
        if (!isfinite (x) || !isfinite (y))
          continue;
        *xmin = fmin (*xmin, x);
        *xmax = fmax (*xmax, x);
        *ymin = fmin (*ymin, y);
        *ymax = fmax (*ymax, y);
        count++;
      }
  return count;
}

/* "1 kHz", "100 Hz", "0.1 Hz" for the decade 10^K. */
static void
decade_text (int k, char *buf, size_t cap)
{
  if (k >= 6)
    snprintf (buf, cap, "%g MHz", pow (10, k - 6));
  else if (k >= 3)
    snprintf (buf, cap, "%g kHz", pow (10, k - 3));
  else if (k >= -2)
    snprintf (buf, cap, "%g Hz", pow (10, k));
  else
    snprintf (buf, cap, "%g mHz", pow (10, k + 3));
}

/* Marks the point of trace T nearest each decade of frequency (when the sweep has a point within
 * half a step of it) with a filled marker and its frequency, as ZView does, so that a reader can
 * tell which arc lies where. A label goes beside its point where it overlaps no label placed
 * before and none of the OBSTACLES (the device points of the data and the fit lines), or is
 * skipped; the positions of those placed join PTS so that the legend keeps clear of them. */
typedef struct {
  double box[64][4];     /* labels placed so far (all traces): x0, y0, x1, y1 */
  size_t n;
} LabelBoxes;

static void
decade_marks (EisPlotCanvas *c, const EisPlotPanel *p, const EisPlotTrace *t, int color,
              int shape, double r, const EisPlotPoints *obstacles, EisPlotPoints *pts,
              LabelBoxes *lb)
{
  if (t->freq_hz == NULL || t->n < 3)
    return;
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < t->n; i++)
    if (t->freq_hz[i] > 0)
      {
        lo = fmin (lo, log10 (t->freq_hz[i]));
        hi = fmax (hi, log10 (t->freq_hz[i]));
      }
  if (!(hi > lo))
    return;
  double step = (hi - lo) / (double) (t->n - 1);
  for (int k = (int) ceil (lo - 1e-9); k <= (int) floor (hi + 1e-9) && lb->n < 64; k++)
    {
      size_t best = t->n;
      double bd = INFINITY;
      for (size_t i = 0; i < t->n; i++)
        if (t->freq_hz[i] > 0 && fabs (log10 (t->freq_hz[i]) - k) < bd)
          {
            bd = fabs (log10 (t->freq_hz[i]) - k);
            best = i;
          }
      if (best == t->n || bd > 0.5 * step + 1e-9)
        continue;
      double wx = t->z_re[best], wy = -t->z_im[best];
      if (!isfinite (wx) || !isfinite (wy))
        continue;
      double px = eis_plot_panel_px (p, wx), py = eis_plot_panel_py (p, wy);
      char label[32];
      decade_text (k, label, sizeof label);
      /* the label's box: its glyphs (ascenders and descenders) are about 1.3 em high */
      double tw = eis_plot_text_width (c, label, 0.7), th = 0.7 * 1.3 * c->fs;
      if (px < p->px0 || px > p->px1 || py < p->py0 || py > p->py1)
        continue;
      /* up right of the point, else down right, up left, down left: the first place that
       * overlaps no other label and no point of the data or the fits */
      double lx = 0, ly = 0;
      int placed = 0;
      for (int side = 0; side < 4 && !placed; side++)
        {
          lx = side < 2 ? px + 1.2 * r : px - 1.2 * r - tw;
          ly = side % 2 == 0 ? py - 1.0 * r - 0.5 * th : py + 1.0 * r + 0.5 * th;
          if (lx < p->px0 || lx + tw > p->px1 || ly - 0.5 * th < p->py0
              || ly + 0.5 * th > p->py1)
            continue;
          /* labels apart by a space at least: two abutting ones read as one ("0.1 Hz0.1 Hz") */
          int clash = 0;
          double gap = 0.35 * c->fs;
          for (size_t b = 0; b < lb->n && !clash; b++)
            clash = lx < lb->box[b][2] + gap && lx + tw + gap > lb->box[b][0]
                    && ly - 0.5 * th < lb->box[b][3] && ly + 0.5 * th > lb->box[b][1];
          for (size_t i = 0; i < obstacles->n && !clash; i++)
            clash = obstacles->x[i] > lx - 0.3 * r && obstacles->x[i] < lx + tw + 0.3 * r
                    && obstacles->y[i] > ly - 0.5 * th - 0.3 * r
                    && obstacles->y[i] < ly + 0.5 * th + 0.3 * r;
          placed = !clash;
        }
      if (!placed)
        continue;
      lb->box[lb->n][0] = lx, lb->box[lb->n][1] = ly - 0.5 * th;
      lb->box[lb->n][2] = lx + tw, lb->box[lb->n][3] = ly + 0.5 * th;
      lb->n++;
      eis_plot_panel_use (c, p);
      eis_plot_marker (c, p, px, py, shape, r, color, 1);
      eis_plot_text (c, lx, ly, 0.0, 0, 0.7, label);
      eis_plot_points_add (pts, lx + 0.5 * tw, ly);
      eis_plot_points_add (pts, lx + tw, ly);
    }
}

/* The window shown without a view: the data with a margin, and the origin when the data start
 * near it (the high-frequency intercept reads off). */
static void
default_window (const EisPlotTrace *t, size_t nt, double *xlo, double *xhi, double *ylo,
                double *yhi)
{
  if (data_range (t, nt, xlo, xhi, ylo, yhi) == 0)
    {
      *xlo = *ylo = 0;
      *xhi = *yhi = 1;
      return;
    }
  double span = fmax (*xhi - *xlo, *yhi - *ylo);
  if (*xlo > 0 && *xlo < 0.25 * span)
    *xlo = 0;
  if (*ylo > 0)
    *ylo = 0;
  /* data that are one point to a thousandth of |Z| (a resistor) get a window of that size,
   * not one of round-off whose tick labels need eight decimals */
  double pad = 0.04 * fmax (span, fmax (fabs (*xhi), fabs (*yhi)) * 1e-3);
  if (!(pad > 0))
    pad = fmax (fabs (*xhi), 1.0) * 0.1;
  if (*xlo < 0 || *xlo > 0)
    *xlo -= pad;
  *xhi += pad;
  if (*ylo < 0)
    *ylo -= pad;
  *yhi += pad;
}

/* The margins eis_plot_nyquist_in starts from (left, bottom, top, right). */
#define NYQ_ML(c) (4.0 * (c)->fs)
#define NYQ_MB(c) (3.3 * (c)->fs)
#define NYQ_MT(c) (0.9 * (c)->fs)
#define NYQ_MR(c) (1.4 * (c)->fs)

double
eis_plot_nyquist_natural_size (const EisPlotCanvas *c, const EisPlotTrace *t, size_t nt,
                               double w, double h)
{
  double xlo, xhi, ylo, yhi;

  default_window (t, nt, &xlo, &xhi, &ylo, &yhi);
  double dx = xhi - xlo, dy = yhi - ylo;
  if (!(dx > 0 && dy > 0))
    return NAN;
  /* the left margin holds the y tick labels, as eis_plot_nyquist_in widens it */
  const char *prefix;
  double factor = eis_plot_si_prefix (fmax (fmax (fabs (xlo), fabs (xhi)),
                                            fmax (fabs (ylo), fabs (yhi))), &prefix);
  double ml = NYQ_ML (c);
  if (w > 0)
    {
      double bh = 0;
      for (int iter = 0; iter < 2; iter++)
        {
          bh = fmax (w - ml - NYQ_MR (c), 0) * dy / dx;
          ml = fmax (NYQ_ML (c), eis_plot_ylabel_width (c, ylo, yhi, factor, 0, bh) + 2.45 * c->fs);
        }
      return NYQ_MT (c) + NYQ_MB (c) + fmax (w - ml - NYQ_MR (c), 0) * dy / dx;
    }
  double bh = fmax (h - NYQ_MT (c) - NYQ_MB (c), 0);
  ml = fmax (ml, eis_plot_ylabel_width (c, ylo, yhi, factor, 0, bh) + 2.45 * c->fs);
  return ml + NYQ_MR (c) + bh * dx / dy;
}

int
eis_plot_nyquist_in (EisPlotCanvas *c, double x0, double y0, double x1, double y1,
                     const EisPlotTrace *t, size_t nt, const EisPlotView *view,
                     EisPlotPanel *out, EisError *err)
{
  for (size_t k = 0; k < nt; k++)
    {
      int status = eis_plot_check_trace (&t[k], k, 0, err);
      if (status)
        return status;
    }
  double xlo, xhi, ylo, yhi;
  int centred = 0;
  if (view && view->set)
    {
      if (!(view->xmax > view->xmin && view->ymax > view->ymin) || !isfinite (view->xmin)
          || !isfinite (view->xmax) || !isfinite (view->ymin) || !isfinite (view->ymax))
        return eis_error_set (err, EIS_ERR_INVALID,
                              "plot: Nyquist view [%g, %g] x [%g, %g] is empty", view->xmin,
                              view->xmax, view->ymin, view->ymax);
      xlo = view->xmin;
      xhi = view->xmax;
      ylo = view->ymin;
      yhi = view->ymax;
      centred = !view->anchor;
    }
  else
    default_window (t, nt, &xlo, &xhi, &ylo, &yhi);

  /* Equal scales: the box is fixed by the figure, the window grows to keep s px/Ohm on both
   * axes. The y tick labels set the left margin, which depends on the window: iterate. */
  const char *prefix = "";
  double factor = 1.0;
  double ml = NYQ_ML (c), mb = NYQ_MB (c), mt = NYQ_MT (c), mr = NYQ_MR (c);
  /* Measured points outside a view are noted above the plot: room for the note. */
  if (view && view->set)
    {
      int outside = 0;
      for (size_t k = 0; k < nt && !outside; k++)
        if (!t[k].line)
          for (size_t i = 0; i < t[k].n && !outside; i++)
            outside = isfinite (t[k].z_re[i]) && isfinite (t[k].z_im[i])
                      && (t[k].z_re[i] < xlo || t[k].z_re[i] > xhi || -t[k].z_im[i] < ylo
                          || -t[k].z_im[i] > yhi);
      if (outside)
        mt = 1.8 * c->fs;
    }
  EisPlotPanel p = { 0 };
  int colors[64], shapes[64];
  size_t ns = nt < 64 ? nt : 64;
  eis_plot_trace_styles (t, ns, colors, shapes);
  EisPlotLegendEntry e[64];
  for (size_t k = 0; k < ns; k++)
    e[k] = (EisPlotLegendEntry){ t[k].label, colors[k], shapes[k], 0, t[k].line ? 1 : 0,
                                 t[k].line ? 0 : t[k].marker };
  /* The legend goes beside the plot when inside it would cover data (then the plot is laid
   * out again, narrower); XR is the right edge the plot may use. */
  double xr = x1, legend_w = 0, legend_pw = 0;
  for (int attempt = 0; attempt < 2; attempt++)
  {
  if (attempt == 1)
    {
      EisPlotPoints probe = { 0 };
      for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < t[k].n; i++)
          if (isfinite (t[k].z_re[i]) && isfinite (t[k].z_im[i]))
            {
              double px = eis_plot_panel_px (&p, t[k].z_re[i]);
              double py = eis_plot_panel_py (&p, -t[k].z_im[i]);
              if (px >= p.px0 && px <= p.px1 && py >= p.py0 && py <= p.py1)
                eis_plot_points_add (&probe, px, py);
            }
      legend_w = eis_plot_legend_outside_fit (c, &p, e, ns, probe.x, probe.y, probe.n,
                                              (x1 - x0) / 3.0, &legend_pw);
      eis_plot_points_free (&probe);
      if (legend_w <= 0)
        break;
      xr = x1 - legend_w;
    }
  /* The margin only grows, so this settles; the last pass always draws with a margin that
   * holds its own labels. */
  for (int iter = 0; iter < 8; iter++)
    {
      double bw = (xr - mr) - (x0 + ml), bh = (y1 - mb) - (y0 + mt);
      if (bw < 8 || bh < 8)
        return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for a Nyquist plot",
                              x1 - x0, y1 - y0);
      double dx = xhi - xlo, dy = yhi - ylo;
      double s = fmin (bw / dx, bh / dy); /* device units per Ohm */
      double wdx = bw / s, wdy = bh / s;
      eis_plot_panel_box (&p, x0 + ml, y0 + mt, xr - mr, y1 - mb);
      if (centred)
        {
          p.wx0 = 0.5 * (xlo + xhi) - 0.5 * wdx;
          p.wy0 = 0.5 * (ylo + yhi) - 0.5 * wdy;
        }
      else
        {
          p.wx0 = xlo;
          p.wy0 = ylo;
        }
      p.wx1 = p.wx0 + wdx;
      p.wy1 = p.wy0 + wdy;
      double maxabs = fmax (fmax (fabs (p.wx0), fabs (p.wx1)), fmax (fabs (p.wy0), fabs (p.wy1)));
      factor = eis_plot_si_prefix (maxabs, &prefix);
      double lw = eis_plot_ylabel_width (c, p.wy0, p.wy1, factor, 0, bh);
      double need = lw + 2.45 * c->fs;
      if (need <= ml + 0.5)
        break;
      ml = need;
    }
  }
  p.kind = EIS_PLOT_PANEL_NYQUIST;

  eis_plot_axes (c, &p, factor, factor, 0, 0);
  char xt[64], yt[64];
  snprintf (xt, sizeof xt, "Z′ / %sΩ", prefix);
  snprintf (yt, sizeof yt, "−Z″ / %sΩ", prefix);
  eis_plot_axis_titles (c, &p, xt, yt);

  if (p.wy0 < 0 && p.wy1 > 0)
    {
      double zx[2] = { p.wx0, p.wx1 }, zy[2] = { 0, 0 };
      eis_plot_panel_use (c, &p);
      eis_plot_grey (150, 1.0);
      plwidth (0.6 * c->lw);
      plline (2, zx, zy);
    }

  EisPlotPoints pts = { 0 };
  double r = eis_plot_marker_size (c);
  /* Data first, then the fit lines over them, then the rings of flagged points. */
  for (int pass = 0; pass < 3; pass++)
    for (size_t k = 0; k < ns; k++)
      {
        if (pass == 2 ? t[k].line || t[k].marker != EIS_PLOT_MARKER_FLAGGED
                      : t[k].line != pass || (!t[k].line && t[k].marker == EIS_PLOT_MARKER_FLAGGED))
          continue;
        if (t[k].line)
          eis_plot_polyline (c, &p, t[k].n, t[k].z_re, t[k].z_im, -1.0, colors[k], 1.8 * c->lw,
                             0);
        else
          eis_plot_panel_use (c, &p);
        for (size_t i = 0; i < t[k].n; i++)
          {
            double wx = t[k].z_re[i], wy = -t[k].z_im[i];
            if (!isfinite (wx) || !isfinite (wy))
              continue;
            double px = eis_plot_panel_px (&p, wx), py = eis_plot_panel_py (&p, wy);
            if (px < p.px0 - r || px > p.px1 + r || py < p.py0 - r || py > p.py1 + r)
              continue;
            if (!t[k].line)
              eis_plot_data_marker (c, &p, px, py, t[k].marker, shapes[k], r, colors[k]);
            eis_plot_points_add (&pts, px, py);
          }
      }

  /* Measured points the view leaves out (a blocking electrode's spike above a zoom on the
   * arcs): say so above the plot, so that nobody takes the view for all the data. */
  for (size_t k = 0; k < ns; k++)
    if (!t[k].line)
      for (size_t i = 0; i < t[k].n; i++)
        {
          double wx = t[k].z_re[i], wy = -t[k].z_im[i];
          if (isfinite (wx) && isfinite (wy)
              && (wx < p.wx0 || wx > p.wx1 || wy < p.wy0 || wy > p.wy1))
            p.n_off_scale++;
        }
  if (p.n_off_scale > 0)
    {
      char note[64];
      snprintf (note, sizeof note, "↗ %zu point%s off scale", p.n_off_scale,
                p.n_off_scale == 1 ? "" : "s");
      /* above the plot, outside the data (the margin was made for it) */
      eis_plot_text (c, p.px1, p.py0 - 0.8 * c->fs, 1.0, 0, 0.8, note);
    }

  /* Decades marked on the data (on the first data trace only when many are overlaid). */
  {
    size_t ndata = 0;
    LabelBoxes lb;
    lb.n = 0;
    /* what a label must not cover: the data points and the fit lines' vertices and midpoints */
    EisPlotPoints obstacles = { 0 };
    for (size_t i = 0; i < pts.n; i++)
      eis_plot_points_add (&obstacles, pts.x[i], pts.y[i]);
    for (size_t k = 0; k < ns; k++)
      if (t[k].line)
        for (size_t i = 0; i + 1 < t[k].n; i++)
          for (double f = 0.5; f <= 1.0; f += 0.5)
            {
              double wx = t[k].z_re[i] + f * (t[k].z_re[i + 1] - t[k].z_re[i]);
              double wy = -(t[k].z_im[i] + f * (t[k].z_im[i + 1] - t[k].z_im[i]));
              if (isfinite (wx) && isfinite (wy))
                eis_plot_points_add (&obstacles, eis_plot_panel_px (&p, wx),
                                     eis_plot_panel_py (&p, wy));
            }
    for (size_t k = 0; k < ns; k++)
      ndata += !t[k].line && t[k].marker == EIS_PLOT_MARKER_DATA;
    for (size_t k = 0, done = 0; k < ns; k++)
      if (!t[k].line && t[k].marker == EIS_PLOT_MARKER_DATA && (ndata <= 2 || done == 0))
        {
          decade_marks (c, &p, &t[k], colors[k], shapes[k], r, &obstacles, &pts, &lb);
          done++;
        }
    eis_plot_points_free (&obstacles);
  }

  if (legend_w > 0)
    eis_plot_legend_beside (c, &p, e, ns, legend_pw);
  else
    eis_plot_legend (c, &p, e, ns, pts.x, pts.y, pts.n);
  eis_plot_points_free (&pts);
  *out = p;
  return EIS_OK;
}

int
eis_plot_nyquist (cairo_t *cr, double width, double height, const EisPlotTrace *t, size_t nt,
                  const EisPlotView *view, EisPlotTransform *tr, EisError *err)
{
  EisPlotCanvas c;
  EisPlotPanel p;
  if (nt > 0 && t == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %zu traces but no array", nt);
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  status = eis_plot_nyquist_in (&c, 0, 0, width, height, t, nt, view, &p, err);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  if (status == EIS_OK)
    status = end;
  if (tr && status == EIS_OK)
    {
      tr->npanels = 1;
      tr->panel[0] = p;
    }
  return status;
}

int
eis_plot_draw_nyquist (cairo_t *cr, double w, double h, const void *spectra, EisError *err)
{
  const EisPlotSpectra *s = spectra;
  return eis_plot_nyquist (cr, w, h, s->traces, s->ntraces, &s->view, NULL, err);
}
