/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Lin-KK validity plot (Schoenleber, Klotz & Ivers-Tiffee, Electrochim. Acta 131 (2014) 20):
 * residuals against log frequency with the +-1 % band that valid data stay inside. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>

int
eis_plot_kk (cairo_t *cr, double width, double height, const EisPlotKK *kk,
             EisPlotTransform *tr, EisError *err)
{
  if (kk == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no Kramers-Kronig result");
  EisPlotResiduals r = { kk->n, kk->freq_hz, kk->re_pct, kk->im_pct, 1.0,
                         kk->title ? kk->title : "Lin-KK residuals" };
  char note[96] = "";
  if (kk->m > 0 && isfinite (kk->mu))
    snprintf (note, sizeof note, "(M = %d, µ = %.3f)", kk->m, kk->mu);
  else if (kk->m > 0)
    snprintf (note, sizeof note, "(M = %d)", kk->m);
  else if (isfinite (kk->mu))
    snprintf (note, sizeof note, "(µ = %.3f)", kk->mu);

  EisPlotCanvas c;
  EisPlotPanel p;
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  status = eis_plot_residuals_in (&c, 0, 0, width, height, &r, NULL, note, &p, err);
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
eis_plot_draw_kk (cairo_t *cr, double w, double h, const void *kk, EisError *err)
{
  return eis_plot_kk (cr, w, h, kk, NULL, err);
}
