/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The distribution of relaxation times (Wan et al., Electrochim. Acta 184 (2015) 483):
 * gamma against log tau with its peaks marked, beside the Nyquist plot of the data and the
 * DRT's own fit. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The legend's entries of D: each labelled curve, the peak marker (and the open one for a
 * peak beyond the data). Returns their number (at most CAP). */
static size_t
drt_legend_entries (const EisPlotDrt *d, EisPlotLegendEntry *e, size_t cap)
{
  size_t ne = 0;
  int any_beyond = 0;

  for (size_t k = 0; k < d->ncurves; k++)
    {
      const EisPlotDrtCurve *cv = &d->curves[k];
      int col = cv->color >= 0 ? cv->color : (int) (k % EIS_PLOT_NCOLORS);
      if (cv->label && cv->label[0] && ne < cap)
        e[ne++] = (EisPlotLegendEntry){ cv->label, col, -1, 0, 1, 0 };
      for (size_t j = 0; j < cv->n_peaks; j++)
        any_beyond |= cv->peak_beyond && cv->peak_beyond[j];
    }
  if (d->ncurves > 0 && ne < cap)
    e[ne++] = (EisPlotLegendEntry){ "peak", 6, EIS_MARK_TRIANGLE, 1, 0, 0 };
  if (any_beyond && ne < cap)
    e[ne++] = (EisPlotLegendEntry){ "peak beyond the data", 6, EIS_MARK_TRIANGLE, 0, 0, 0 };
  return ne;
}

/* gamma(tau) in the device box from (X0, TOP) to (XR, YB), axes and titles included; its
 * legend is drawn by the caller, outside the box. */
static int
drt_in_box (EisPlotCanvas *c, const EisPlotDrt *d, double x0, double xr, double top, double yb,
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
  /* gamma at round-off beside the impedance (a resistor's 1e-14 Ohm, drawn as tall peaks on a
   * pOhm axis while the report said "no peak"): the axis of the impedance's scale, on which
   * it lies flat at 0 */
  double zscale = 0;
  for (size_t k = 0; k < d->ntraces; k++)
    for (size_t i = 0; i < d->traces[k].n; i++)
      {
        double m = hypot (d->traces[k].z_re[i], d->traces[k].z_im[i]);
        if (isfinite (m))
          zscale = fmax (zscale, m);
      }
  if (zscale > 0 && gmax <= 1e-9 * zscale)
    {
      gmax = 0.1 * zscale;
      cmin = INFINITY;
    }
  if (!(gmax > 0))
    gmax = 1;
  double mt = top + 0.9 * c->fs, mb = 3.3 * c->fs, mr = 1.6 * c->fs;
  double bh = yb - mt - mb;
  double r = eis_plot_marker_size (c);
  if (xr - x0 < 12 * c->fs || bh < 4 * c->fs)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: %g x %g is too small for a DRT plot",
                          xr - x0, yb - top);
  /* Overlaid curves whose heights differ by more than 1.5 decades (a temperature series: the
   * resistances fall by orders of magnitude as it warms) on a logarithmic gamma axis, from a
   * decade below the lowest curve's maximum, so that every curve can be seen; else linear,
   * with room above the highest peak for its marker and the frequency over it (the legend is
   * outside the plot). */
  int ylog = d->ncurves >= 2 && cmin > 0 && gmax > 31.6 * cmin;
  const char *prefix = "";
  double g0 = 0, g1, gf = 1;
  if (ylog)
    {
      g0 = floor (log10 (cmin) - 1.0);
      g1 = log10 (gmax) + 0.45;
    }
  else
    {
      double room = fmin (2.2 * r + 1.0 * c->fs, 0.4 * bh); /* px above the highest peak */
      g1 = gmax * bh / (bh - room);
      gf = eis_plot_si_prefix (g1, &prefix);
    }
  double ml = eis_plot_ylabel_width (c, g0, g1, gf, ylog, bh) + 2.45 * c->fs;
  EisPlotPanel p = { 0 };
  eis_plot_panel_box (&p, x0 + ml, mt, xr - mr, yb - mb);
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
  for (size_t k = 0; k < d->ncurves; k++)
    {
      const EisPlotDrtCurve *cv = &d->curves[k];
      int col = cv->color >= 0 ? cv->color : (int) (k % EIS_PLOT_NCOLORS);
      eis_plot_polyline (c, &p, cv->n, cv->tau_s, cv->gamma_ohm, 1.0, col, 1.6 * c->lw, 0);
      eis_plot_panel_use (c, &p);
      for (size_t j = 0; j < cv->n_peaks; j++)
        {
          double wx = eis_plot_wx (&p, cv->peak_tau_s[j]), wy = eis_plot_wy (&p, cv->peak_gamma_ohm[j]);
          if (!isfinite (wx) || !isfinite (wy) || wy < p.wy0)
            continue;
          double px = eis_plot_panel_px (&p, wx), py = eis_plot_panel_py (&p, wy);
          int beyond = cv->peak_beyond && cv->peak_beyond[j];
          eis_plot_marker (c, &p, px, py, EIS_MARK_TRIANGLE, 1.1 * r, col, !beyond);
          /* the peak's frequency over its marker, for one or two curves, inside the box */
          if (d->ncurves <= 2)
            {
              char lab[40];
              format_hz (lab, sizeof lab, 1.0 / (2 * M_PI * cv->peak_tau_s[j]));
              double tw = eis_plot_text_width (c, lab, 0.7), inset = 0.3 * c->fs;
              double lx = px - 0.5 * tw, ly = py - 2.0 * r;
              if (lx < p.px0 + inset)
                lx = p.px0 + inset;
              if (lx + tw > p.px1 - inset)
                lx = p.px1 - inset - tw;
              if (ly > p.py0 + 0.5 * c->fs)
                eis_plot_text (c, lx, ly, 0.0, 0, 0.7, lab);
              eis_plot_panel_use (c, &p);
            }
        }
    }
  *out = p;
  return EIS_OK;
}

/* The Nyquist plot's box in a DRT figure of WIDTH x H below TOP: under gamma(tau) (*BESIDE 0,
 * the box from (0, HEIGHT - *BH) to (WIDTH, HEIGHT)) or beside it (*BESIDE 1, from
 * (WIDTH - *BW, TOP) to (WIDTH, TOP + *BH)). gamma(tau) is the figure's main plot: the
 * Nyquist plot is only as high as its data fill at equal scales, up to 38 % of the height
 * under (45 % in a wide figure when its data would fill less than 60 % of the width) or of the
 * width beside. Under, the box keeps the figure's whole width, and the equal scales grow the
 * window's shorter range to fill it (eis_plot_nyquist_in): a box narrowed to the data's own
 * width left the figure's lower right empty; but no wider than lets Z' run to 1.9 times the
 * data's span (square data under a wide figure: an axis mostly empty). It goes beside only when that lets its data fill
 * an area half again as large: under, gamma(tau) keeps the whole width for its decades of tau. */
static void
nyquist_box (EisPlotCanvas *c, const EisPlotTrace *t, size_t nt, double width, double h,
             int *beside, double *bw, double *bh)
{
  double cap_h = 0.38 * h, cap_w = 0.38 * width;
  double nh = eis_plot_nyquist_natural_size (c, t, nt, width, 0);
  double nw = eis_plot_nyquist_natural_size (c, t, nt, 0, h);
  *beside = 0;
  *bw = width;
  *bh = cap_h;
  if (!isfinite (nh) || !isfinite (nw))
    return;
  /* under: the width the data fill at the height chosen */
  double under_h = fmin (nh, cap_h), under_w = width;
  if (nh > cap_h)
    under_w = fmin (width, eis_plot_nyquist_natural_size (c, t, nt, 0, under_h));
  /* data filling less than 60 % of a wide figure's width: up to 45 % of its height */
  if (nh > cap_h && under_w < 0.6 * width && width > 1.8 * h)
    {
      under_h = fmin (nh, 0.45 * h);
      under_w = fmin (width, eis_plot_nyquist_natural_size (c, t, nt, 0, under_h));
    }
  double beside_w = fmin (nw, cap_w), beside_h = h;
  if (nw > cap_w)
    beside_h = fmin (h, eis_plot_nyquist_natural_size (c, t, nt, beside_w, 0));
  /* the data's area in each box: the box less the axes' margins */
  double mx = 5.4 * c->fs, my = 4.2 * c->fs;
  double a_under = fmax (under_w - mx, 0) * fmax (under_h - my, 0);
  double a_beside = fmax (beside_w - mx, 0) * fmax (beside_h - my, 0);
  *beside = a_beside > 1.5 * a_under;
  /* under, the whole width, unless the equal scales would then run Z' to more than 1.9 times
   * the data's (a Li|Li cell's arc and line, as high as wide): so far, and no farther */
  *bw = *beside ? beside_w : fmin (width, under_w + 0.9 * fmax (under_w - mx, 0));
  *bh = *beside ? beside_h : under_h;
}

int
eis_plot_drt (cairo_t *cr, double width, double height, const EisPlotDrt *d,
              EisPlotTransform *tr, EisError *err)
{
  if (d == NULL || (d->ncurves > 0 && d->curves == NULL))
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no DRT");
  EisPlotCanvas c;
  EisPlotPanel p = { 0 }, q = { 0 };
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  int has_title = d->title && d->title[0];
  double row = 1.45 * c.fs, right = width - 0.8 * c.fs;
  double title_end = has_title ? 1.0 * c.fs + eis_plot_text_width (&c, d->title, 1.1) : 0;
  if (has_title)
    eis_plot_text (&c, 1.0 * c.fs, 1.1 * c.fs, 0.0, 0, 1.1, d->title);

  /* Every legend is outside the data: gamma(tau)'s (the curves, the peak markers) in a row
   * at the right of the title's line, or in a row of its own under it, or (many long labels)
   * in a column beside the plot; the Nyquist plot's (the data, the DRT's fit) beside its
   * box where the box is narrower than the figure, else in gamma(tau)'s row. */
  EisPlotLegendEntry e[EIS_PLOT_NCOLORS * 4 + 8], en[8];
  size_t ne = drt_legend_entries (d, e, EIS_PLOT_NCOLORS * 4), nn = 0;
  int both = d->ntraces > 0 && d->traces != NULL;
  EisPlotTrace *traces = NULL;
  int *styles = NULL;
  if (both)
    {
      traces = malloc (d->ntraces * sizeof *traces);
      styles = malloc (2 * d->ntraces * sizeof *styles);
      if (!traces || !styles)
        {
          free (traces);
          free (styles);
          eis_plot_canvas_end (&c, NULL);
          return eis_error_set (err, EIS_ERR_NOMEM, "plot: out of memory");
        }
      memcpy (traces, d->traces, d->ntraces * sizeof *traces);
      eis_plot_trace_styles (d->traces, d->ntraces, styles, styles + d->ntraces);
      for (size_t k = 0; k < d->ntraces; k++)
        {
          if (traces[k].label && traces[k].label[0] && nn < sizeof en / sizeof en[0])
            en[nn++] = (EisPlotLegendEntry){ traces[k].label, styles[k], styles[d->ntraces + k],
                                             0, traces[k].line ? 1 : 0,
                                             traces[k].line ? 0 : traces[k].marker };
          traces[k].label = NULL;
        }
    }

  /* gamma(tau)'s row, and below it the plots from TOP */
  enum { ROW_TITLE, ROW_OWN, COLUMN, NONE } place = NONE;
  double top = has_title ? row : 0;
  double row_w = eis_plot_legend_row_width (&c, e, ne);
  if (row_w > 0)
    {
      if (has_title && title_end + 2.0 * c.fs + row_w <= right)
        place = ROW_TITLE;
      else if (0.8 * c.fs + row_w <= right)
        place = ROW_OWN;
      else
        place = COLUMN;
    }
  if (place == ROW_OWN)
    top += row;

  /* the Nyquist plot's box, and its legend beside it or in gamma(tau)'s row */
  int beside = 0;
  double nbw = 0, nbh = 0;
  if (both)
    {
      nyquist_box (&c, traces, d->ntraces, width, height - top, &beside, &nbw, &nbh);
      double n_legend_w = nn ? eis_plot_legend_width (&c, width / 3.0, en, nn) + 1.0 * c.fs : 0;
      if (nn > 0 && (beside || width - nbw < n_legend_w))
        {
          double all_w = row_w + (row_w > 0 ? 1.2 * c.fs : 0)
                         + eis_plot_legend_row_width (&c, en, nn);
          if (place == ROW_TITLE && title_end + 2.0 * c.fs + all_w <= right)
            ;
          else if (place != COLUMN && 0.8 * c.fs + all_w <= right)
            {
              if (place != ROW_OWN)
                top += row;
              place = ROW_OWN;
              nyquist_box (&c, traces, d->ntraces, width, height - top, &beside, &nbw, &nbh);
            }
          else
            {
              /* no room outside: the Nyquist plot places it inside, off its data */
              for (size_t k = 0; k < d->ntraces; k++)
                traces[k].label = d->traces[k].label;
              nn = 0;
            }
          if (nn > 0)
            {
              memcpy (e + ne, en, nn * sizeof *en);
              ne += nn;
              nn = 0;
            }
        }
    }
  double boxes[2][4];
  size_t nboxes = 0;
  if (place == ROW_TITLE || place == ROW_OWN)
    {
      double ymid = place == ROW_TITLE ? 1.1 * c.fs : top - 0.6 * c.fs;
      double w_row = eis_plot_legend_row_width (&c, e, ne);
      eis_plot_legend_row (&c, right, ymid, e, ne);
      boxes[nboxes][0] = right - w_row, boxes[nboxes][1] = ymid - 0.6 * c.fs;
      boxes[nboxes][2] = right, boxes[nboxes][3] = ymid + 0.6 * c.fs;
      nboxes++;
    }

  /* gamma(tau) in what is left */
  double gx1 = width, gy1 = height, legend_w = 0, legend_pw = width / 3.0;
  if (both && beside)
    gx1 = width - nbw;
  else if (both)
    gy1 = height - nbh;
  if (place == COLUMN)
    {
      legend_w = eis_plot_legend_width (&c, legend_pw, e, ne) + 0.8 * c.fs;
      gx1 -= legend_w;
    }
  status = drt_in_box (&c, d, 0, gx1, top, gy1, &p, err);
  if (status == EIS_OK && place == COLUMN)
    {
      eis_plot_legend_beside (&c, &p, e, ne, legend_pw);
      boxes[nboxes][0] = p.px1 + 0.8 * c.fs, boxes[nboxes][1] = p.py0;
      boxes[nboxes][2] = boxes[nboxes][0] + eis_plot_legend_width (&c, legend_pw, e, ne);
      boxes[nboxes][3] = p.py0 + eis_plot_legend_height (&c, legend_pw, e, ne);
      nboxes++;
    }
  if (status == EIS_OK && both)
    {
      if (beside)
        status = eis_plot_nyquist_in (&c, width - nbw, top, width, top + nbh, traces, d->ntraces,
                                      NULL, &q, err);
      else
        status = eis_plot_nyquist_in (&c, 0, height - nbh, nbw, height, traces, d->ntraces,
                                      NULL, &q, err);
      if (status == EIS_OK && nn > 0)
        {
          eis_plot_legend_beside (&c, &q, en, nn, width / 3.0);
          boxes[nboxes][0] = q.px1 + 0.8 * c.fs, boxes[nboxes][1] = q.py0;
          boxes[nboxes][2] = boxes[nboxes][0] + eis_plot_legend_width (&c, width / 3.0, en, nn);
          boxes[nboxes][3] = q.py0 + eis_plot_legend_height (&c, width / 3.0, en, nn);
          nboxes++;
        }
    }
  free (traces);
  free (styles);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  if (status == EIS_OK)
    status = end;
  if (tr && status == EIS_OK)
    {
      tr->npanels = both ? 2 : 1;
      tr->panel[0] = p;
      if (both)
        tr->panel[1] = q;
      tr->legend_place = place == COLUMN ? EIS_PLOT_LEGEND_BESIDE
                         : place == NONE ? EIS_PLOT_LEGEND_NONE : EIS_PLOT_LEGEND_ABOVE;
      tr->n_legend_covered = 0;
      tr->n_legend_boxes = nboxes;
      memcpy (tr->legend_box, boxes, nboxes * sizeof boxes[0]);
    }
  return status;
}

int
eis_plot_draw_drt (cairo_t *cr, double w, double h, const void *drt, EisError *err)
{
  return eis_plot_drt (cr, w, h, drt, NULL, err);
}
