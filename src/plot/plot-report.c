/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The composite figure of a fit (what eisfit --plot writes): a large Nyquist plot, the Bode
 * plot beside it and the residuals below. */
#include "plot-private.h"

int
eis_plot_fit_report (cairo_t *cr, double width, double height, const EisPlotSpectra *s,
                     EisPlotTransform *tr, EisError *err)
{
  if (s == NULL || (s->ntraces > 0 && s->traces == NULL))
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no spectra for the fit report");
  EisPlotCanvas c;
  EisPlotPanel p[4];
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  double top = 0;
  if (s->title && s->title[0])
    {
      eis_plot_text (&c, 0.5 * width, 1.1 * c.fs, 0.5, 0, 1.15, s->title);
      top = 2.0 * c.fs;
    }
  /* Nyquist on the left (56 %), Bode on the right; residuals along the bottom (28 %). */
  double split = 0.56 * width;
  double bottom = s->residuals ? height - 0.28 * height : height;
  status = eis_plot_nyquist_in (&c, 0, top, split, bottom, s->traces, s->ntraces, &s->view,
                                &p[0], err);
  if (status == EIS_OK)
    status = eis_plot_bode_in (&c, split, top, width, bottom, s->traces, s->ntraces, NULL, 0,
                               &p[1], err);
  if (status == EIS_OK && s->residuals)
    status = eis_plot_residuals_in (&c, 0, bottom, width, height, s->residuals, NULL, NULL,
                                    &p[3], err);
  int end = eis_plot_canvas_end (&c, status ? NULL : err);
  if (status == EIS_OK)
    status = end;
  if (tr && status == EIS_OK)
    {
      tr->npanels = s->residuals ? 4 : 3;
      for (size_t i = 0; i < tr->npanels; i++)
        tr->panel[i] = p[i];
    }
  return status;
}

int
eis_plot_draw_fit_report (cairo_t *cr, double w, double h, const void *spectra, EisError *err)
{
  return eis_plot_fit_report (cr, w, h, spectra, NULL, err);
}
