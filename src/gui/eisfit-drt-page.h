/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The DRT view: the distribution of relaxation times of the spectrum shown (src/core/drt.h)
 * with its peaks, beside the data and the DRT's own fit, as eisfit drt --plot draws it, and the
 * numbers of eisfit drt's report under it. Computed in a thread (GTask) when the page is shown
 * and its points changed (another spectrum, points left out or put back), never while it is
 * drawn: "Computing…" is shown meanwhile, and a result for points since replaced is dropped.
 * With a document, the page overlays the selected spectra's (the first six: one colour
 * each, as on the Nyquist page, and the legend names each), as eisfit drt --plot overlays several, with a legend, and
 * the report gives each one's numbers; it follows the selection and the document itself (a
 * spectrum kept in the selection keeps its DRT). Property "busy": a DRT is being computed. */
#ifndef EISFIT_DRT_PAGE_H
#define EISFIT_DRT_PAGE_H

#include <gtk/gtk.h>
#include <cairo.h>

#include "drt.h"
#include "eis-error.h"
#include "eisfit-document.h"
#include "spectrum.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_DRT_PAGE (eisfit_drt_page_get_type ())
G_DECLARE_FINAL_TYPE (EisfitDrtPage, eisfit_drt_page, EISFIT, DRT_PAGE, GtkWidget)

GtkWidget *eisfit_drt_page_new (void);

/* The points to show: USED (taken; the points the fit uses, ascending frequency; NULL: none),
 * named NAME ("pellet-25C.csv #1 (first of 6 selected)"; copied). PLACEHOLDER (copied) is shown
 * when USED is NULL. The DRT is computed again only when the points differ from the last. */
void eisfit_drt_page_set_spectrum (EisfitDrtPage *self, EisSpectrum *used, const char *name,
                                   const char *placeholder);

/* The spectra to show: USED[0..N) (each taken; the points the fits use), named NAMES (the
 * report's, "pellet-25C.csv #1") and LABELS (the legend's), copied; N_SELECTED, how many
 * were selected (more than N: the report says only the first N are shown). */
void eisfit_drt_page_set_spectra (EisfitDrtPage *self, EisSpectrum **used, char **names,
                                  char **labels, guint n, guint n_selected,
                                  const char *placeholder);

/* Shows the points used of the selected spectra of SELECTION (of DOCUMENT's list), and
 * follows both (referenced). */
void eisfit_drt_page_set_document (EisfitDrtPage *self, EisfitDocument *document,
                                   GtkSelectionModel *selection);

/* The (first) result shown (borrowed), computing it here (on the caller's thread) when it is not yet;
 * NULL with ERR filled when the points support no DRT or none are set. */
const EisDrtResult *eisfit_drt_page_get_result (EisfitDrtPage *self, EisError *err);
/* TRUE while a DRT is being computed in a thread (the scripts and batch mode wait for it). */
gboolean eisfit_drt_page_is_busy (EisfitDrtPage *self);
/* The figure's view (borrowed). */
GtkWidget *eisfit_drt_page_get_plot (EisfitDrtPage *self);
/* Draws the figure onto CR over W x H (for export; computes the DRT first when it is not yet). */
int eisfit_drt_page_draw (EisfitDrtPage *self, cairo_t *cr, double w, double h, EisError *err);
/* For tests: "name: ...", "curves drawn: N: LABEL; ..." (the last drawing's), "summary: ...", "computed: N" (how many DRTs were started),
 * "computing: yes|no", "took: N ms" (from the start of the DRT shown to its result), "frames
 * while computing: N" (the window's frames painted meanwhile: 0 when it froze), the
 * figure's panels, the range of the Nyquist plot's points, the page's, the figure's and the
 * report's sizes; newly allocated. */
char *eisfit_drt_page_dup_state (EisfitDrtPage *self);
/* Moves the handle between the figure and the report as a drag does: the figure FIGURE_PX
 * high (within what both need). */
void eisfit_drt_page_set_divider (EisfitDrtPage *self, int figure_px);

G_END_DECLS

#endif
