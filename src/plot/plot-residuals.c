/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Relative residuals Delta', Delta'' in percent against log frequency: a fit's or Lin-KK's. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
eis_plot_relative_residuals (size_t n, const double *z_re, const double *z_im,
                             const double *fit_re, const double *fit_im, double *re_pct,
                             double *im_pct)
{
  /* Schoenleber, Klotz & Ivers-Tiffee, Electrochim. Acta 131 (2014) 20: normalised by |Z|. */
  for (size_t i = 0; i < n; i++)
    {
      double m = hypot (z_re[i], z_im[i]);
      re_pct[i] = m > 0 ? 100.0 * (z_re[i] - fit_re[i]) / m : NAN;
      im_pct[i] = m > 0 ? 100.0 * (z_im[i] - fit_im[i]) / m : NAN;
    }
}

/* Shortens TITLE ("Lin-KK residuals: /a/b/run.csv") to at most ROOM wide by dropping the
 * characters after its "...: " prefix behind an ellipsis; with KEEP_NAME no further than the
 * last '/' (the file name stays). Returns whether it fits. */
static int
elide_title (EisPlotCanvas *c, char *title, double room, int keep_name)
{
  static const char ell[] = "\xe2\x80\xa6";
  const char *colon = strstr (title, ": ");
  size_t keep = colon ? (size_t) (colon - title) + 2 : 0;
  while (eis_plot_text_width (c, title, 1.0) > room)
    {
      size_t len = strlen (title);
      if (keep == 0 || len <= keep + 4 || (keep_name && strchr (title + keep, '/') == NULL))
        return 0;
      size_t from = keep + (strncmp (title + keep, ell, 3) == 0 ? 3 : 0) + 1;
      while (from < len && ((unsigned char) title[from] & 0xC0) == 0x80)
        from++;   /* whole UTF-8 characters */
      memmove (title + keep + 3, title + from, len - from + 1);
      memcpy (title + keep, ell, 3);
    }
  return 1;
}

int
eis_plot_residuals_in (EisPlotCanvas *c, double x0, double y0, double x1, double y1,
                       const EisPlotResiduals *r, const EisPlotView *view, const char *note,
                       EisPlotPanel *out, EisError *err)
{
  if (r->n > 0 && (r->freq_hz == NULL || r->re_pct == NULL || r->im_pct == NULL))
    return eis_error_set (err, EIS_ERR_INVALID, "plot: residuals with %zu points but no arrays",
                          r->n);
  double f0 = INFINITY, f1 = -INFINITY, amax = 0;
  for (size_t i = 0; i < r->n; i++)
    {
      double f = r->freq_hz[i];
      if (!(f > 0) || !isfinite (f))
        continue;
      f0 = fmin (f0, f);
      f1 = fmax (f1, f);
      if (isfinite (r->re_pct[i]))
        amax = fmax (amax, fabs (r->re_pct[i]));
      if (isfinite (r->im_pct[i]))
        amax = fmax (amax, fabs (r->im_pct[i]));
    }
  if (!(f1 >= f0))
    {
      f0 = 1;
      f1 = 1e6;
    }
  double lx0 = log10 (f0), lx1 = log10 (f1);
  eis_plot_pad_range (&lx0, &lx1, 0.03);
  double band = r->band_pct > 0 && isfinite (r->band_pct) ? r->band_pct : 0;
  double ylim = fmax (amax * 1.15, fmax (1.6 * band, 0.1));
  double ylo = -ylim, yhi = ylim;
  if (view && view->set)
    {
      if (!(view->xmin > 0 && view->xmax > view->xmin))
        return eis_error_set (err, EIS_ERR_INVALID,
                              "plot: residual frequency view [%g, %g] Hz is empty", view->xmin,
                              view->xmax);
      lx0 = log10 (view->xmin);
      lx1 = log10 (view->xmax);
      if (view->ymax > view->ymin)
        {
          ylo = view->ymin;
          yhi = view->ymax;
        }
    }

  EisPlotLegendEntry e[2] = {
    { "Δ′ (real)", 0, EIS_MARK_CIRCLE, 1, 1, 0 },
    { "Δ″ (imaginary)", 1, EIS_MARK_SQUARE, 1, 1, 0 },
  };
  double mt = 2.0 * c->fs, mb = 3.3 * c->fs, mr = 1.4 * c->fs, row = 1.45 * c->fs;
  double bh = y1 - y0 - mt - mb;
  if (x1 - x0 < 10 * c->fs || bh < 3 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for residuals",
                          x1 - x0, y1 - y0);
  double ml = eis_plot_ylabel_width (c, ylo, yhi, 1, 0, bh) + 2.45 * c->fs;
  double legend_w = eis_plot_legend_row_width (c, e, 2);
  /* The title's part that names the spectrum (before ": ") does not fit beside the legend (a
   * narrow window, "Residuals of pellet-m20C.csv #1 (first of 6 selected)"): the title takes
   * a row of its own above the legend's, where the figure has the height, rather than going. */
  int own_row = 0;
  if (r->title && r->title[0])
    {
      char name[512];
      snprintf (name, sizeof name, "%s", r->title);
      char *colon = strstr (name, ": ");
      if (colon)
        *colon = '\0';
      double nw = eis_plot_text_width (c, name, 1.0), box_w = x1 - mr - x0 - ml;
      if (nw > box_w - legend_w - 1.5 * c->fs && bh - row >= 6 * c->fs)
        {
          own_row = 1;
          mt += row;
          bh -= row;
          ml = eis_plot_ylabel_width (c, ylo, yhi, 1, 0, bh) + 2.45 * c->fs;
        }
    }
  EisPlotPanel p = { 0 };
  eis_plot_panel_box (&p, x0 + ml, y0 + mt, x1 - mr, y1 - mb);
  p.wx0 = lx0;
  p.wx1 = lx1;
  p.wy0 = ylo;
  p.wy1 = yhi;
  p.xlog = 1;
  p.kind = EIS_PLOT_PANEL_RESIDUALS;

  eis_plot_panel_use (c, &p);
  if (band > 0)
    {
      PLFLT bx[4] = { lx0, lx1, lx1, lx0 };
      PLFLT by[4] = { -band, -band, band, band };
      eis_plot_grey (225, 1.0);
      plfill (4, bx, by);
    }
  {
    double zx[2] = { pow (10.0, lx0), pow (10.0, lx1) }, zy[2] = { 0, 0 };
    eis_plot_polyline (c, &p, 2, zx, zy, 1.0, 6, 0.8 * c->lw, 1);
  }
  eis_plot_axes (c, &p, 1, 1, 0, 0);
  eis_plot_axis_titles (c, &p, "f / Hz", "Δ / %");
  /* Title and note on the left of the margin above, the legend on its right (the title in a row
   * above the legend's when its name part would not fit there). When they do not
   * fit: a long path in the title loses its folders (to "…/name"), then the note (M, µ) goes,
   * then the title loses more of its end part, then all of it. */
  {
    double room = p.px1 - p.px0 - (own_row ? 0 : legend_w + 1.5 * c->fs);
    double nw = note && note[0] ? eis_plot_text_width (c, note, 0.9) + c->fs : 0;
    char title[512] = "";
    if (r->title)
      snprintf (title, sizeof title, "%s", r->title);
    if (!elide_title (c, title, room - nw, 1))
      {
        nw = 0;
        note = NULL;
        /* a path may lose its middle; a circuit's tail ("…E3") would say nothing */
        const char *sep = strstr (title, ": ");
        if (!(sep && strchr (sep, '/')) || !elide_title (c, title, room, 0))
          {
            char *colon = strstr (title, ": ");   /* the prefix alone, or nothing */
            if (colon)
              *colon = '\0';
            if (eis_plot_text_width (c, title, 1.0) > room)
              title[0] = '\0';
          }
      }
    if (title[0])
      eis_plot_text (c, p.px0, y0 + 0.95 * c->fs, 0.0, 0, 1.0, title);
    if (note && note[0])
      {
        double tw = title[0] ? eis_plot_text_width (c, title, 1.0) + c->fs : 0;
        eis_plot_text (c, p.px0 + tw, y0 + 0.95 * c->fs, 0.0, 0, 0.9, note);
      }
  }

  /* Delta' blue circles, Delta'' vermillion squares, each joined by a thin line. */
  EisPlotPoints pts = { 0 };
  double rad = 0.85 * eis_plot_marker_size (c);
  for (int comp = 0; comp < 2; comp++)
    {
      const double *y = comp ? r->im_pct : r->re_pct;
      int color = comp ? 1 : 0, shape = comp ? EIS_MARK_SQUARE : EIS_MARK_CIRCLE;
      eis_plot_polyline (c, &p, r->n, r->freq_hz, y, 1.0, color, 0.7 * c->lw, 0);
      eis_plot_panel_use (c, &p);
      for (size_t i = 0; i < r->n; i++)
        {
          double wx = eis_plot_wx (&p, r->freq_hz[i]), wy = y[i];
          if (!isfinite (wx) || !isfinite (wy))
            continue;
          double px = eis_plot_panel_px (&p, wx), py = eis_plot_panel_py (&p, wy);
          if (px < p.px0 - rad || px > p.px1 + rad || py < p.py0 - rad || py > p.py1 + rad)
            continue;
          eis_plot_marker (c, &p, px, py, shape, rad, color, 1);
          eis_plot_points_add (&pts, px, py);
        }
    }
  /* Residual panels are full of points: the legend goes in the margin above. */
  eis_plot_legend_row (c, p.px1, y0 + (own_row ? row : 0) + 0.95 * c->fs, e, 2);
  eis_plot_points_free (&pts);
  *out = p;
  return EIS_OK;
}

int
eis_plot_residuals (cairo_t *cr, double width, double height, const EisPlotResiduals *r,
                    const EisPlotView *view, EisPlotTransform *tr, EisError *err)
{
  EisPlotCanvas c;
  EisPlotPanel p;
  if (r == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no residuals");
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  status = eis_plot_residuals_in (&c, 0, 0, width, height, r, view, NULL, &p, err);
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
eis_plot_draw_residuals (cairo_t *cr, double w, double h, const void *residuals, EisError *err)
{
  return eis_plot_residuals (cr, w, h, residuals, NULL, NULL, err);
}
