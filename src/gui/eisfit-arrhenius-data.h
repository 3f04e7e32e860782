/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Arrhenius data of a selection of spectra: the conductivities of the fitted ones with a
 * temperature and a geometry, and the Arrhenius fits of σ total and σ bulk, as the Arrhenius
 * tab draws them and the exports and --print-results write them. */
#ifndef EISFIT_ARRHENIUS_DATA_H
#define EISFIT_ARRHENIUS_DATA_H

#include <glib.h>

#include "arrhenius.h"
#include "eisfit-document.h"

G_BEGIN_DECLS

/* The total and (when some spectrum has a distinct grain boundary) bulk fits. WHY_NOT says
 * what is missing when there is no fit. */
typedef struct {
  size_t n, n_gb;
  double *t, *sb, *sb_se, *st, *st_se; /* K, S/cm */
  /* the errors the laws are fitted to: without GEOMETRY_ERROR, the relative error of sigma
   * from the geometry when all points are of one pellet (the same thickness and area with
   * their errors), which is added to ln A and sigma(25 degC) after, as eisfit arrhenius does
   * (series-arrhenius.h); as sb_se and st_se when 0 */
  double *sb_se_fit, *st_se_fit;
  double geometry_error;
  EisfitSpectrumItem **items; /* the spectrum of each point (borrowed from the list) */
  EisArrheniusFit fit_bulk, fit_total;
  gboolean have_bulk, have_total, distinct;
  char *why_not;
  char *used;      /* the spectra behind the points: "pellet-0C.csv #1 (0 °C), ..." */
  char *left_out;  /* selected spectra that give no point, each with why; NULL: none */
  char *total_only; /* points in the total's line only (bulk and grain boundary not separated
                     * in their fits): names; NULL: none, or no bulk line */
  size_t n_total_only;
  char *edited;    /* a spectrum used whose table was edited since its fit, NULL: none */
  guint n_circuits; /* different circuits among the fits used */
  guint n_joint;    /* fits used that are the Series page's (Use these fits): its series fit
                     * or joint fit */
} EisfitArrheniusData;

/* Fills A from ITEMS (EisfitSpectrumItem *, the selection in list order) of DOCUMENT. */
void eisfit_arrhenius_data_collect (EisfitDocument *document, GPtrArray *items,
                                    EisfitArrheniusData *a);
void eisfit_arrhenius_data_clear (EisfitArrheniusData *a);
/* Which fits give the points: "own" (each spectrum's own fit), "series" (the Series page's fit of
 * every one, after Use these fits) or "mixed"; *TEXT (may be NULL) gets the Arrhenius
 * tab's sentence that says so. */
const char *eisfit_arrhenius_data_source (const EisfitArrheniusData *a, const char **text);

G_END_DECLS

#endif
