/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The functions of plot.h that draw nothing and need neither PLplot nor cairo: eisfit links
 * them itself, and loads the drawing module (src/cli/plot-loader.c) only for a figure. */
#include "plot.h"

#include <string.h>

int
eis_plot_series_axis_parse (const char *name)
{
  static const char *const names[] = { "T", "invT", "time", "index" };
  for (int i = 0; i < 4; i++)
    if (strcmp (name, names[i]) == 0)
      return i;
  return -1;
}

size_t
eis_plot_before_after_traces (const EisSpectrum *const spectra[2],
                              const EisFitResult *const fits[2], EisPlotTrace out[4])
{
  static const char *const names[2] = { "before", "after" };
  size_t nt = 0;
  for (int k = 0; k < 2; k++)
    {
      const EisSpectrum *sp = spectra[k];
      const EisFitResult *fr = fits[k];
      if (sp == NULL)
        continue;
      out[nt++] = (EisPlotTrace){ sp->n, sp->freq_hz, sp->z_re, sp->z_im, names[k], 0, k, 0 };
      if (fr && fr->n_points > 0)
        out[nt++] = (EisPlotTrace){ fr->n_points, fr->freq_hz, fr->model_re, fr->model_im,
                                    NULL, 1, k, 0 };
    }
  return nt;
}
