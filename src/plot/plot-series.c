/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Trends along a series of spectra (eisfit series --plot): one stacked panel per quantity
 * (a resistance, a conductivity, an ASR) against temperature, 1000/T, time or position. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *
axis_title (EisPlotSeriesAxis a)
{
  switch (a)
    {
    case EIS_PLOT_SERIES_T: return "T / °C";
    case EIS_PLOT_SERIES_INV_T: return "1000 / T / K⁻¹";
    case EIS_PLOT_SERIES_TIME: return "t / h";
    default: return "spectrum";
    }
}

static int
series_in (EisPlotCanvas *c, const EisPlotSeries *s, EisPlotTransform *tr, EisError *err)
{
  double x0 = INFINITY, x1 = -INFINITY;
  for (size_t i = 0; i < s->n; i++)
    if (isfinite (s->x[i]))
      {
        x0 = fmin (x0, s->x[i]);
        x1 = fmax (x1, s->x[i]);
      }
  if (!(x1 >= x0))
    return eis_error_set (err, EIS_ERR_INVALID, "plot: the series has no point to draw");
  eis_plot_pad_range (&x0, &x1, 0.05);
  size_t np = s->ntraces;
  int has_title = s->title && s->title[0];
  double mt = (has_title ? 3.2 : 1.4) * c->fs, mb = 3.3 * c->fs, mr = 1.6 * c->fs;
  double gap = 0.8 * c->fs, ph = (c->h - mt - mb - gap * (double) (np - 1)) / (double) np;
  if (c->w < 12 * c->fs || ph < 3 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for %zu panels",
                          c->w, c->h, np);
  if (has_title)
    eis_plot_text (c, 5.5 * c->fs, 1.1 * c->fs, 0.0, 0, 1.1, s->title);
  for (size_t k = 0; k < np; k++)
    {
      const EisPlotSeriesTrace *t = &s->traces[k];
      double y0 = INFINITY, y1 = -INFINITY;
      int all_pos = 1;
      for (size_t i = 0; i < s->n; i++)
        if (isfinite (t->y[i]) && isfinite (s->x[i]))
          {
            y0 = fmin (y0, t->y[i]);
            y1 = fmax (y1, t->y[i]);
            all_pos &= t->y[i] > 0;
          }
      int ylog = all_pos && y1 >= y0 && y1 > 10 * y0;
      if (!(y1 >= y0))
        y0 = 0, y1 = 1;
      if (ylog)
        {
          y0 = log10 (y0);
          y1 = log10 (y1);
        }
      eis_plot_pad_range (&y0, &y1, 0.08);
      double ml = 5.5 * c->fs;
      EisPlotPanel p = { 0 };
      double top = mt + (double) k * (ph + gap);
      eis_plot_panel_box (&p, ml, top, c->w - mr, top + ph);
      p.wx0 = x0;
      p.wx1 = x1;
      p.wy0 = y0;
      p.wy1 = y1;
      p.ylog = ylog;
      eis_plot_panel_use (c, &p);
      eis_plot_axes (c, &p, 1, 1, k + 1 < np, 1);
      eis_plot_axis_titles (c, &p, k + 1 == np ? axis_title (s->axis) : "", t->name);
      int color = (int) k % EIS_PLOT_NCOLORS;
      eis_plot_polyline (c, &p, s->n, s->x, t->y, 1.0, color, c->lw, 1);
      double r = eis_plot_marker_size (c);
      for (size_t i = 0; i < s->n; i++)
        {
          double wy = eis_plot_wy (&p, t->y[i]);
          if (!isfinite (wy) || !isfinite (s->x[i]))
            continue;
          double px = eis_plot_panel_px (&p, s->x[i]), py = eis_plot_panel_py (&p, wy);
          double e = t->y_err ? t->y_err[i] : NAN;
          if (isfinite (e) && e > 0)
            {
              double wu = eis_plot_wy (&p, t->y[i] + e), wd = eis_plot_wy (&p, t->y[i] - e);
              if (!isfinite (wd))
                wd = p.wy0;
              PLFLT bx[2] = { px, px };
              PLFLT by[2] = { fmax (eis_plot_panel_py (&p, wu), p.py0),
                              fmin (eis_plot_panel_py (&p, wd), p.py1) };
              EisPlotPanel page = { 0, 0, c->w, c->h, 0, c->w, c->h, 0, 0, 0, 0, 0 };
              eis_plot_panel_use (c, &page);
              eis_plot_color (color);
              plwidth (c->lw);
              plline (2, bx, by);
              eis_plot_panel_use (c, &p);
            }
          eis_plot_marker (c, &p, px, py, color % EIS_MARK_NSHAPES, r, color, 1);
        }
      if (tr && k < EIS_PLOT_MAX_PANELS)
        {
          tr->panel[k] = p;
          tr->npanels = k + 1;
        }
    }
  return EIS_OK;
}

int
eis_plot_series (cairo_t *cr, double width, double height, const EisPlotSeries *s,
                 EisPlotTransform *tr, EisError *err)
{
  if (s == NULL || s->ntraces == 0 || s->ntraces > EIS_PLOT_MAX_PANELS || s->x == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: a series figure takes 1 to %d "
                          "quantities", EIS_PLOT_MAX_PANELS);
  EisPlotCanvas c;
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  status = series_in (&c, s, tr, err);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  return status ? status : end;
}

int
eis_plot_draw_series (cairo_t *cr, double w, double h, const void *series, EisError *err)
{
  return eis_plot_series (cr, w, h, series, NULL, err);
}
