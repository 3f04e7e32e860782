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

/* One panel's y axis: its world range, log or linear, the factor its labels are divided by
 * and its title (one line, or the name and the unit on two when one is longer than the panel
 * is high). */
typedef struct {
  double y0, y1, factor;
  int ylog;
  char title[2][160];
  int lines;
  int floored;               /* log axis: values far below the determined ones sit on its floor */
  double rel;                /* the title's text size */
} SeriesAxis;

static void
series_axis_plan (const EisPlotSeries *s, size_t k, SeriesAxis *a)
{
  const EisPlotSeriesTrace *t = &s->traces[k];
  double y0 = INFINITY, y1 = -INFINITY;
  int all_pos = 1;

  memset (a, 0, sizeof *a);
  for (size_t i = 0; i < s->n; i++)
    if (isfinite (t->y[i]) && isfinite (s->x[i]))
      {
        y0 = fmin (y0, t->y[i]);
        y1 = fmax (y1, t->y[i]);
        all_pos &= t->y[i] > 0;
      }
  a->ylog = all_pos && y1 >= y0 && y1 > 10 * y0;
  if (a->ylog)
    {
      /* A value its error exceeds (a resistance that counts as absent, 1e-11 +- 6 Ohm) does
       * not stretch a log axis over ten decades: the axis spans the determined values, and
       * one far below them is drawn hollow on the axis's floor. */
      double d0 = INFINITY, d1 = -INFINITY;
      size_t n_fin = 0, n_undet = 0;
      for (size_t i = 0; i < s->n; i++)
        if (isfinite (t->y[i]) && isfinite (s->x[i]))
          {
            n_fin++;
            if (t->y_err && isfinite (t->y_err[i]) && t->y_err[i] >= t->y[i])
              n_undet++;
            else
              {
                d0 = fmin (d0, t->y[i]);
                d1 = fmax (d1, t->y[i]);
              }
          }
      /* the values above the floor would not make a log axis either (one value, or a
       * decade at most): the floor would cut the rest off a linear axis */
      double above = d0;
      for (size_t i = 0; i < s->n; i++)
        if (isfinite (t->y[i]) && isfinite (s->x[i]) && t->y[i] >= d0 / 10)
          above = fmin (above, t->y[i]);
      int few = d1 >= d0 && y0 < d0 / 10 && !(d1 > 10 * above);
      if (!(d1 >= d0) || 2 * n_undet >= n_fin || few)
        {
          /* no value is determined, or most are zero within their errors (a series
           * resistance of 1e-13 to 1 Ohm, each +- 3 Ohm; tester 8's F12): a log axis over
           * twelve decades of noise says nothing; a linear one shows them at zero with their
           * error bars (each bar up to twice the median error, so that one wild error does
           * not flatten the rest) */
          double e[256];
          size_t ne = 0;
          for (size_t i = 0; i < s->n && ne < 256; i++)
            if (isfinite (t->y[i]) && isfinite (s->x[i]) && t->y_err && isfinite (t->y_err[i]))
              e[ne++] = t->y_err[i];
          double cap = 0;
          if (ne > 0)
            {
              for (size_t i = 1; i < ne; i++)       /* insertion sort: a few dozen at most */
                for (size_t j = i; j > 0 && e[j] < e[j - 1]; j--)
                  {
                    double tmp = e[j];
                    e[j] = e[j - 1];
                    e[j - 1] = tmp;
                  }
              cap = 2 * e[(ne - 1) / 2];         /* the lower median */
            }
          a->ylog = 0;
          for (size_t i = 0; i < s->n; i++)
            if (isfinite (t->y[i]) && isfinite (s->x[i]))
              {
                double ei = t->y_err && isfinite (t->y_err[i]) ? fmin (t->y_err[i], cap) : 0;
                y0 = fmin (y0, t->y[i] - ei);
                y1 = fmax (y1, t->y[i] + ei);
              }
        }
      else if (d1 >= d0 && y0 < d0 / 10)
        {
          double lo = d0;
          for (size_t i = 0; i < s->n; i++)
            if (isfinite (t->y[i]) && t->y[i] >= d0 / 10)
              lo = fmin (lo, t->y[i]);
          y0 = lo;
          y1 = d1;
          a->ylog = y1 > 10 * y0;
          a->floored = 1;
        }
    }
  if (!(y1 >= y0))
    y0 = 0, y1 = 1;
  a->factor = 1;
  if (t->unit && !a->ylog)
    {
      /* "C1 / pF" with labels 23.2, not "C1 / F" with 0.0000000000232 */
      const char *prefix = "";
      double m = fmax (fabs (y0), fabs (y1));
      if (t->unit[0])
        a->factor = eis_plot_si_prefix (m, &prefix);
      else if (m > 0 && isfinite (m) && (m < 1e-2 || m >= 1e4))
        a->factor = pow (10.0, 3 * floor (log10 (m) / 3));
      if (t->unit[0])
        snprintf (a->title[1], sizeof a->title[1], "%s%s", prefix, t->unit);
      else if (a->factor != 1)
        {
          char sup[48];
          eis_plot_superscript (sup, sizeof sup, lround (log10 (a->factor)));
          snprintf (a->title[1], sizeof a->title[1], "10%s", sup);
        }
    }
  if (a->ylog)
    {
      y0 = log10 (y0);
      y1 = log10 (y1);
      if (t->unit && t->unit[0])
        snprintf (a->title[1], sizeof a->title[1], "%s", t->unit);
    }
  eis_plot_pad_range (&y0, &y1, 0.08);
  a->y0 = y0;
  a->y1 = y1;
  snprintf (a->title[0], sizeof a->title[0], "%s", t->name ? t->name : "");
}

/* The title of axis A on a panel PH high: "NAME / UNIT" on one line when it fits, else NAME
 * over UNIT, at a smaller size down to 0.75 when even these are longer than the panel. */
static void
series_axis_title_fit (const EisPlotCanvas *c, SeriesAxis *a, double ph)
{
  char one[330];
  if (a->title[1][0])
    snprintf (one, sizeof one, "%s / %s", a->title[0], a->title[1]);
  else
    snprintf (one, sizeof one, "%s", a->title[0]);
  a->rel = 1.0;
  a->lines = 1;
  if (eis_plot_text_width (c, one, 1.0) <= ph || !a->title[1][0])
    {
      size_t len = strlen (one) < sizeof a->title[0] ? strlen (one) : sizeof a->title[0] - 1;
      memcpy (a->title[0], one, len);
      a->title[0][len] = '\0';
      a->title[1][0] = '\0';
      double w = eis_plot_text_width (c, a->title[0], 1.0);
      if (w > ph)
        a->rel = fmax (0.75, ph / w);
      return;
    }
  a->lines = 2;
  double w = fmax (eis_plot_text_width (c, a->title[0], 1.0),
                   eis_plot_text_width (c, a->title[1], 1.0));
  if (w > ph)
    a->rel = fmax (0.75, ph / w);
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
  double gap = 0.8 * c->fs;
  /* The panels stand in one column while each is at least 4.5 lines high and a sixth as high
   * as wide; a wide, low figure (the Series page's trends under its table) puts them side by
   * side in as few columns as give them that, each column with its own tick labels and the x
   * axis under it. */
  size_t ncol = 1, nrow = np;
  double ph = (c->h - mt - mb - gap * (double) (np - 1)) / (double) np;
  while ((ph < 4.5 * c->fs || ph < c->w / (double) ncol / 6) && ncol < np)
    {
      /* a grid with empty cells (3 panels on 2 x 2) only where no full one fits */
      size_t next = ncol + 1;
      while (next < np && np % next != 0 && c->w / (double) (next + 1) >= 20 * c->fs)
        next++;
      if (c->w / (double) next < 20 * c->fs)
        break;
      ncol = next;
      nrow = (np + ncol - 1) / ncol;
      ph = (c->h - mt - mb - gap * (double) (nrow - 1)) / (double) nrow;
    }
  if (c->w < 12 * c->fs || ph < 2.2 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for %zu panels",
                          c->w, c->h, np);
  if (has_title)
    eis_plot_text (c, 5.5 * c->fs, 1.1 * c->fs, 0.0, 0, 1.1, s->title);
  /* The left margin holds the widest tick labels of all panels and their titles, so that the
   * panels line up and no label runs off the figure. */
  SeriesAxis ax[EIS_PLOT_MAX_PANELS];
  double label_w = 0;
  int two_lines = 0;
  for (size_t k = 0; k < np; k++)
    {
      series_axis_plan (s, k, &ax[k]);
      series_axis_title_fit (c, &ax[k], ph + 0.6 * gap);
      label_w = fmax (label_w, eis_plot_ylabel_width (c, ax[k].y0, ax[k].y1, ax[k].factor,
                                                      ax[k].ylog, ph));
      two_lines |= ax[k].lines == 2;
    }
  double ml = fmax (4.0 * c->fs, label_w + (two_lines ? 3.6 : 2.5) * c->fs);
  double cw = c->w / (double) ncol;
  if (cw - ml - mr < 6 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for %zu panels",
                          c->w, c->h, np);
  c->x_integer = s->axis == EIS_PLOT_SERIES_INDEX;
  for (size_t k = 0; k < np; k++)
    {
      const EisPlotSeriesTrace *t = &s->traces[k];
      const SeriesAxis *a = &ax[k];
      EisPlotPanel p = { 0 };
      size_t col = k / nrow, row = k % nrow;
      int bottom = row + 1 == nrow || k + 1 == np;
      double top = mt + (double) row * (ph + gap), left = (double) col * cw;
      eis_plot_panel_box (&p, left + ml, top, left + cw - mr, top + ph);
      p.wx0 = x0;
      p.wx1 = x1;
      p.wy0 = a->y0;
      p.wy1 = a->y1;
      p.ylog = a->ylog;
      eis_plot_panel_use (c, &p);
      eis_plot_axes (c, &p, 1, a->factor, !bottom, 1);
      eis_plot_axis_titles (c, &p, bottom ? axis_title (s->axis) : "", NULL);
      /* the y title, rotated, left of the tick labels: the unit on the inner line */
      double xt = p.px0 - label_w - 1.25 * c->fs, yc = 0.5 * (p.py0 + p.py1);
      if (a->lines == 2)
        {
          eis_plot_text (c, xt - 1.1 * a->rel * c->fs, yc, 0.5, 90, a->rel, a->title[0]);
          eis_plot_text (c, xt, yc, 0.5, 90, a->rel, a->title[1]);
        }
      else
        eis_plot_text (c, xt, yc, 0.5, 90, a->rel, a->title[0]);
      int color = (int) k % EIS_PLOT_NCOLORS;
      eis_plot_polyline (c, &p, s->n, s->x, t->y, 1.0, color, c->lw, 1);
      double r = eis_plot_marker_size (c);
      size_t n_in_sum = 0;
      EisPlotPoints pts = { 0 };
      for (size_t i = 0; i < s->n; i++)
        {
          double wy = eis_plot_wy (&p, t->y[i]);
          if (!isfinite (wy) || !isfinite (s->x[i]))
            continue;
          int in_sum = t->in_sum && t->in_sum[i];
          double px = eis_plot_panel_px (&p, s->x[i]), py = eis_plot_panel_py (&p, wy);
          double e = t->y_err ? t->y_err[i] : NAN;
          if (a->floored && wy < p.wy0)
            {
              eis_plot_marker (c, &p, px, p.py1, color % EIS_MARK_NSHAPES, r, color, 0);
              continue;
            }
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
          /* a value inside a sum (no error of its own) hollow, as the floored ones */
          eis_plot_marker (c, &p, px, py, color % EIS_MARK_NSHAPES, r, color, !in_sum);
          n_in_sum += in_sum;
          eis_plot_points_add (&pts, px, py);
        }
      if (n_in_sum > 0)
        {
          EisPlotLegendEntry le = { "hollow: in a sum (no error of its own)", color,
                                    color % EIS_MARK_NSHAPES, 0, 0, 0 };
          eis_plot_legend (c, &p, &le, 1, pts.x, pts.y, pts.n);
        }
      eis_plot_points_free (&pts);
      if (tr)
        tr->n_legend_entries += n_in_sum > 0;
      if (tr && k < EIS_PLOT_MAX_PANELS)
        {
          tr->panel[k] = p;
          tr->npanels = k + 1;
        }
    }
  c->x_integer = 0;
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
  if (tr)
    tr->n_legend_entries = 0;
  status = series_in (&c, s, tr, err);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  return status ? status : end;
}

int
eis_plot_draw_series (cairo_t *cr, double w, double h, const void *series, EisError *err)
{
  return eis_plot_series (cr, w, h, series, NULL, err);
}
