/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The check of a saved fit against the data it is shown on, one text for eisfit --project and
 * eisfit-gtk's Open Project. */
#include <stdio.h>
#include "project.h"

int
eis_project_saved_fit_mismatch (const char *label, double saved_chi2, const EisFitResult *fit,
                                char *msg, size_t n)
{
  if (eis_project_chi2_matches (saved_chi2, fit->chi2, fit->n_points))
    return 0;
  if (msg && n)
    snprintf (msg, n, "%s: the saved fit does not match the data: its values give chi2 %.4g on "
              "the file's points, the project saved %.4g (edited, or made on other data); the "
              "statistics and standard errors shown are the data's (refit with --refit, or Fit in "
              "eisfit-gtk)", label, fit->chi2, saved_chi2);
  return 1;
}
