/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Arrhenius plot: log10 sigma (or sigma T) against 1000/T with error bars and fit lines,
 * a top axis in degree Celsius, and Ea +- its error per series in the legend. */
#include "plot-private.h"

#include "arrhenius.h"

#include <math.h>
#include <stdio.h>

#define KB_EV 8.617333262e-5 /* Boltzmann constant, eV/K (CODATA 2018) */
#define KELVIN_0C 273.15     /* K */

/* The plotted y of a conductivity: log10 sigma or log10 (sigma T). NaN if not positive. */
static double
arrhenius_y (double sigma, double temp_k, int sigma_t)
{
  double v = sigma_t ? sigma * temp_k : sigma;
  return v > 0 && isfinite (v) ? log10 (v) : NAN;
}

/* Draws the top axis in degree Celsius over panel P (whose x is 1000/T in K^-1). */
static void
celsius_axis (EisPlotCanvas *c, const EisPlotPanel *p)
{
  double c_lo = 1000.0 / p->wx1 - KELVIN_0C, c_hi = 1000.0 / p->wx0 - KELVIN_0C;
  if (!(c_hi > c_lo) || !isfinite (c_lo) || !isfinite (c_hi) || p->wx0 <= 0)
    return;
  double step = eis_plot_nice_step (c_hi - c_lo, (p->px1 - p->px0) / (4.5 * c->fs));
  double minor = step / (step / pow (10.0, floor (log10 (step) + 1e-9)) < 1.5 ? 5 : 5);
  EisPlotPanel page = { 0, 0, c->w, c->h, 0, c->w, c->h, 0, 0, 0, 0, 0 };
  double major_len = 0.42 * c->fs, minor_len = 0.22 * c->fs;
  double first = ceil (c_lo / minor - 1e-9) * minor;
  for (int i = 0; i < 2000; i++)
    {
      double tc = first + i * minor;
      if (tc > c_hi + 1e-9 * step)
        break;
      double px = eis_plot_panel_px (p, 1000.0 / (tc + KELVIN_0C));
      if (px < p->px0 - 0.5 || px > p->px1 + 0.5)
        continue;
      double q = tc / step;
      int major = fabs (q - round (q)) < 1e-6;
      PLFLT x[2] = { px, px }, y[2] = { p->py0, p->py0 + (major ? major_len : minor_len) };
      eis_plot_panel_use (c, &page);
      eis_plot_grey (34, 1.0);
      plwidth (c->lw);
      plline (2, x, y);
      if (major)
        {
          char buf[32];
          int dec = step < 1 ? (int) ceil (-log10 (step) - 1e-9) : 0;
          snprintf (buf, sizeof buf, "%.*f", dec, fabs (tc) < 1e-9 ? 0.0 : tc);
          char label[40];
          if (buf[0] == '-')
            snprintf (label, sizeof label, "−%s", buf + 1);
          else
            snprintf (label, sizeof label, "%s", buf);
          eis_plot_text (c, px, p->py0 - 0.95 * c->fs, 0.5, 0, 0.9, label);
        }
    }
  eis_plot_text (c, 0.5 * (p->px0 + p->px1), p->py0 - 2.35 * c->fs, 0.5, 0, 1.0, "T / °C");
}

static int
arrhenius_in (EisPlotCanvas *c, const EisPlotArrhenius *a, EisPlotPanel *out, size_t *n_entries,
              EisError *err)
{
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (size_t s = 0; s < a->nseries; s++)
    {
      const EisPlotArrheniusSeries *ser = &a->series[s];
      if (ser->n > 0 && (ser->temp_k == NULL || ser->sigma == NULL))
        return eis_error_set (err, EIS_ERR_INVALID,
                              "plot: Arrhenius series %zu has %zu points but no arrays", s + 1,
                              ser->n);
      for (size_t i = 0; i < ser->n; i++)
        {
          double t = ser->temp_k[i], y = arrhenius_y (ser->sigma[i], t, a->sigma_t);
          if (!(t > 0) || !isfinite (y))
            continue;
          x0 = fmin (x0, 1000.0 / t);
          x1 = fmax (x1, 1000.0 / t);
          double e = ser->sigma_err ? ser->sigma_err[i] : 0;
          double yup = e > 0 ? arrhenius_y (ser->sigma[i] + e, t, a->sigma_t) : y;
          double ydn = e > 0 ? arrhenius_y (ser->sigma[i] - e, t, a->sigma_t) : y;
          y0 = fmin (y0, isfinite (ydn) ? ydn : y);
          y1 = fmax (y1, yup);
        }
    }
  if (!(x1 >= x0))
    {
      x0 = 3.0;
      x1 = 3.6;
      y0 = -5;
      y1 = -3;
    }
  eis_plot_pad_range (&x0, &x1, 0.06);
  if (y1 - y0 < 0.2)
    {
      double mid = 0.5 * (y0 + y1);
      y0 = mid - 0.1;
      y1 = mid + 0.1;
    }
  eis_plot_pad_range (&y0, &y1, 0.08);

  int has_title = a->title && a->title[0];
  double mt = (has_title ? 5.3 : 3.4) * c->fs, mb = 3.3 * c->fs, mr = 1.6 * c->fs;
  double bh = c->h - mt - mb;
  if (c->w < 12 * c->fs || bh < 4 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for an Arrhenius plot",
                          c->w, c->h);
  double ml = eis_plot_ylabel_width (c, y0, y1, 1, 0, bh) + 2.45 * c->fs;
  EisPlotPanel p = { 0 };
  eis_plot_panel_box (&p, ml, mt, c->w - mr, c->h - mb);
  p.wx0 = x0;
  p.wx1 = x1;
  p.wy0 = y0;
  p.wy1 = y1;
  p.kind = EIS_PLOT_PANEL_ARRHENIUS;

  if (has_title)
    eis_plot_text (c, p.px0, 1.1 * c->fs, 0.0, 0, 1.1, a->title);
  eis_plot_axes (c, &p, 1, 1, 0, 1);
  eis_plot_axis_titles (c, &p, "1000 / T / K⁻¹",
                        a->sigma_t ? "log₁₀(σT / S K cm⁻¹)" : "log₁₀(σ / S cm⁻¹)");
  celsius_axis (c, &p);

  EisPlotPoints pts = { 0 };
  EisPlotLegendEntry e[64];
  char labels[64][160];
  size_t ns = a->nseries < 32 ? a->nseries : 32, ne = 0;
  double r = 1.15 * eis_plot_marker_size (c);
  int has_branch[3] = { 0, 0, 0 };   /* heating, cooling, neither drawn */
  for (size_t s = 0; s < ns; s++)
    {
      const EisPlotArrheniusSeries *ser = &a->series[s];
      int color = ser->color >= 0 ? ser->color % EIS_PLOT_NCOLORS : (int) s % EIS_PLOT_NCOLORS;
      /* the marker follows the colour: one series looks the same in every figure and program */
      int shape = color % EIS_MARK_NSHAPES;
      double sx0 = INFINITY, sx1 = -INFINITY;
      for (size_t i = 0; i < ser->n; i++)
        if (ser->temp_k[i] > 0 && isfinite (ser->temp_k[i]))
          {
            sx0 = fmin (sx0, 1000.0 / ser->temp_k[i]);
            sx1 = fmax (sx1, 1000.0 / ser->temp_k[i]);
          }
      double ext = 0.04 * (x1 - x0);
      /* Fit line over the series' range: log10 y = (ln A - Ea/(k_B T)) / ln 10. */
      if (ser->has_fit && sx1 >= sx0 && isfinite (ser->ea_ev) && isfinite (ser->ln_prefactor))
        {
          double fx[2] = { sx0 - ext, sx1 + ext }, fy[2];
          for (int j = 0; j < 2; j++)
            fy[j] = (ser->ln_prefactor - ser->ea_ev / (KB_EV * 1000.0 / fx[j])) / M_LN10;
          eis_plot_polyline (c, &p, 2, fx, fy, 1.0, color, 1.6 * c->lw, ser->dashed);
          for (int j = 0; j <= 10; j++)
            {
              double xx = fx[0] + j * (fx[1] - fx[0]) / 10;
              double yy = fy[0] + j * (fy[1] - fy[0]) / 10;
              eis_plot_points_add (&pts, eis_plot_panel_px (&p, xx), eis_plot_panel_py (&p, yy));
            }
        }
      /* VTF: sigma = A T^(-1/2) exp(-B / (T - T0)), drawn where T > T0. */
      if (ser->has_vtf && sx1 >= sx0 && ser->vtf_a > 0)
        {
          double vx[64], vy[64];
          for (int j = 0; j < 64; j++)
            {
              vx[j] = sx0 - ext + j * (sx1 - sx0 + 2 * ext) / 63;
              double t = 1000.0 / vx[j];
              double sig = t > ser->vtf_t0_k
                               ? ser->vtf_a / sqrt (t) * exp (-ser->vtf_b_k / (t - ser->vtf_t0_k))
                               : NAN;
              vy[j] = arrhenius_y (sig, t, a->sigma_t);
              if (isfinite (vy[j]))
                eis_plot_points_add (&pts, eis_plot_panel_px (&p, vx[j]),
                                     eis_plot_panel_py (&p, vy[j]));
            }
          eis_plot_polyline (c, &p, 64, vx, vy, 1.0, color, 1.3 * c->lw, 1);
        }
      eis_plot_panel_use (c, &p);
      size_t n_drawn = 0;
      for (size_t i = 0; i < ser->n && !ser->line_only; i++)
        {
          double t = ser->temp_k[i], y = arrhenius_y (ser->sigma[i], t, a->sigma_t);
          if (!(t > 0) || !isfinite (y))
            continue;
          n_drawn++;
          double x = 1000.0 / t, px = eis_plot_panel_px (&p, x), py = eis_plot_panel_py (&p, y);
          double err_s = ser->sigma_err ? ser->sigma_err[i] : 0;
          if (err_s > 0 && isfinite (err_s))
            {
              double yup = arrhenius_y (ser->sigma[i] + err_s, t, a->sigma_t);
              double ydn = arrhenius_y (ser->sigma[i] - err_s, t, a->sigma_t);
              if (!isfinite (ydn))
                ydn = p.wy0;
              double cap = 0.5 * r, pxl = eis_plot_panel_px (&p, x);
              EisPlotPanel page = { 0, 0, c->w, c->h, 0, c->w, c->h, 0, 0, 0, 0, 0 };
              double pyu = eis_plot_panel_py (&p, yup), pyd = eis_plot_panel_py (&p, ydn);
              pyu = fmax (pyu, p.py0);
              pyd = fmin (pyd, p.py1);
              eis_plot_panel_use (c, &page);
              eis_plot_color (color);
              plwidth (c->lw);
              PLFLT bx[2] = { pxl, pxl }, by[2] = { pyu, pyd };
              plline (2, bx, by);
              PLFLT cx[2] = { pxl - cap, pxl + cap }, cu[2] = { pyu, pyu }, cd[2] = { pyd, pyd };
              if (pyu > p.py0)
                plline (2, cx, cu);
              if (pyd < p.py1)
                plline (2, cx, cd);
              eis_plot_panel_use (c, &p);
            }
          /* heating filled, cooling open */
          int br = ser->branch ? ser->branch[i] : 0;
          has_branch[br == 1 ? 0 : br == 2 ? 1 : 2] = 1;
          eis_plot_marker (c, &p, px, py, shape, r, color, br != 2);
          eis_plot_points_add (&pts, px, py);
        }
      /* a series with nothing drawn (no bulk points, no line) has no legend entry */
      if (n_drawn == 0 && !(ser->has_fit && isfinite (ser->ea_ev)) && !ser->has_vtf)
        continue;
      const char *name = ser->label ? ser->label : "";
      if (ser->has_fit && isfinite (ser->ea_ev))
        {
          if (isfinite (ser->ea_err_ev) && ser->ea_err_ev > 0)
            {
              /* the digits of eisfit arrhenius's table (and eisfit-gtk's summary) */
              int dec = eis_arrhenius_ea_decimals (ser->ea_err_ev);
              snprintf (labels[s], sizeof labels[s], "%s%sEₐ = %.*f ± %.*f eV", name,
                        name[0] ? ": " : "", dec, ser->ea_ev, dec, ser->ea_err_ev);
            }
          else
            snprintf (labels[s], sizeof labels[s], "%s%sEₐ = %.4f eV", name, name[0] ? ": " : "",
                      ser->ea_ev);
        }
      else
        snprintf (labels[s], sizeof labels[s], "%s", name);
      e[ne++] = (EisPlotLegendEntry){ labels[s], color, ser->line_only ? -1 : shape, 1,
                                      ser->has_fit ? (ser->dashed ? 2 : 1) : 0, 0 };
      /* the VTF curve is labelled too, with its pseudo-activation energy k_B B: where the
       * straight line's Ea is not to be trusted (the points curve), the curve is the law */
      if (ser->has_vtf && sx1 >= sx0 && ser->vtf_a > 0)
        {
          snprintf (labels[32 + s], sizeof labels[32 + s], "%s%sVTF, k_B B = %.4f eV, T₀ = %.0f K",
                    name, name[0] ? ": " : "", KB_EV * ser->vtf_b_k, ser->vtf_t0_k);
          e[ne++] = (EisPlotLegendEntry){ labels[32 + s], color, -1, 0, 2, 0 };
        }
    }
  /* where both branches are drawn: which marker is which (in the first series' colour and
   * shape) */
  if (has_branch[0] && has_branch[1] && ne + 2 <= sizeof e / sizeof e[0])
    {
      int c0 = ns && a->series[0].color >= 0 ? a->series[0].color % EIS_PLOT_NCOLORS : 0;
      e[ne++] = (EisPlotLegendEntry){ "heating (filled)", c0, c0 % EIS_MARK_NSHAPES, 1, 0, 0 };
      e[ne++] = (EisPlotLegendEntry){ "cooling (open)", c0, c0 % EIS_MARK_NSHAPES, 0, 0, 0 };
    }
  eis_plot_legend (c, &p, e, ne, pts.x, pts.y, pts.n);
  eis_plot_points_free (&pts);
  *out = p;
  *n_entries = ne;
  return EIS_OK;
}

int
eis_plot_arrhenius (cairo_t *cr, double width, double height, const EisPlotArrhenius *a,
                    EisPlotTransform *tr, EisError *err)
{
  if (a == NULL || (a->nseries > 0 && a->series == NULL))
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no Arrhenius series");
  EisPlotCanvas c;
  EisPlotPanel p;
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  size_t ne = 0;
  status = arrhenius_in (&c, a, &p, &ne, err);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  if (status == EIS_OK)
    status = end;
  if (tr && status == EIS_OK)
    {
      tr->npanels = 1;
      tr->panel[0] = p;
      tr->n_legend_entries = ne;
    }
  return status;
}

int
eis_plot_draw_arrhenius (cairo_t *cr, double w, double h, const void *arrhenius, EisError *err)
{
  return eis_plot_arrhenius (cr, w, h, arrhenius, NULL, err);
}
