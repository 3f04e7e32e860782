/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A plot tab of the main window: the Nyquist, Bode, Residuals, Lin-KK or Arrhenius figure of
 * the selected spectra of a document. One class for the five, chosen by its "kind": they
 * share their inputs (the document, the selection, the parameter table's model) and the
 * signals they redraw on, and Nyquist and Bode share their data and hover read-out. The page
 * listens to the document and the selection itself, collects its data and redraws; the window
 * only puts it in a tab and hands it the document and the selection. */
#ifndef EISFIT_FIGURE_PAGE_H
#define EISFIT_FIGURE_PAGE_H

#include <gtk/gtk.h>

#include "eisfit-document.h"
#include "eisfit-exclude-controller.h"
#include "plot.h"

G_BEGIN_DECLS

typedef enum {
  EISFIT_FIGURE_NYQUIST,
  EISFIT_FIGURE_BODE,
  EISFIT_FIGURE_RESIDUALS, /* of the first selected spectrum against the table's model */
  EISFIT_FIGURE_KK,        /* Lin-KK of the first selected spectrum */
  EISFIT_FIGURE_ARRHENIUS, /* σ(T) of the selected fitted spectra, with the fits' summary */
} EisfitFigureKind;

#define EISFIT_TYPE_FIGURE_KIND (eisfit_figure_kind_get_type ())
GType eisfit_figure_kind_get_type (void);

#define EISFIT_TYPE_FIGURE_PAGE (eisfit_figure_page_get_type ())
G_DECLARE_FINAL_TYPE (EisfitFigurePage, eisfit_figure_page, EISFIT, FIGURE_PAGE, GtkWidget)

/* Property "kind" (construct only, an EisfitFigureKind). Signal "hover" (const char *text):
 * the read-out of the point under the pointer ("" when none), as EisfitPlotView's. */
GtkWidget *eisfit_figure_page_new (EisfitFigureKind kind);
EisfitFigureKind eisfit_figure_page_get_kind (EisfitFigurePage *self);

/* The spectra to show: the selected ones of SELECTION (a selection of DOCUMENT's list); both
 * are referenced and listened to. */
void eisfit_figure_page_set_document (EisfitFigurePage *self, EisfitDocument *document,
                                      GtkSelectionModel *selection);

/* The figure's view (an EisfitPlotView, borrowed): its zoom, menus and drag. */
GtkWidget *eisfit_figure_page_get_plot (EisfitFigurePage *self);
/* What leaves points out on the Nyquist and Bode figures (a right-click, a Shift+drag;
 * borrowed: connect to its "changed" and "message"), NULL on the other figures. */
EisfitExcludeController *eisfit_figure_page_get_exclude_controller (EisfitFigurePage *self);
/* Draws the figure onto CR over W x H with zoom VIEW (for export and the clipboard). */
int eisfit_figure_page_draw (EisfitFigurePage *self, cairo_t *cr, double w, double h,
                             const EisPlotView *view, EisPlotTransform *tr, EisError *err);
/* The text shown instead of the figure, or the summary under it (Arrhenius); new. */
char *eisfit_figure_page_dup_summary (EisfitFigurePage *self);
/* The title the Residuals or Lin-KK figure has now ("Residuals of pellet-25C.csv #1 (first of
 * 6 selected): R0-p(R1,CPE1)"), NULL when it shows none; new. */
char *eisfit_figure_page_dup_title (EisfitFigurePage *self);
/* For tests: how often it was drawn and what the last drawing showed; new. */
char *eisfit_figure_page_dup_state (EisfitFigurePage *self);

/* What the pages of the selected spectra share. The selected items of SELECTION in list
 * order (a new array of new references; empty for a NULL SELECTION). */
GPtrArray *eisfit_figure_selected_items (GtkSelectionModel *selection);
/* Calls DATA's functions when what such a page shows may have changed, each connected
 * swapped (DATA first; the signal's further arguments may be left unused): SHOWN (DATA) when
 * the selection changes or a spectrum is added; ITEM_CHANGED (DATA, ITEM) when ITEM is removed
 * from DOCUMENT or its points, label, temperature or geometry change; FITS (DATA; may be
 * NULL) when a fit, the parameter table's model or the DC series change. Undone by
 * eisfit_figure_unwatch (the same DOCUMENT, SELECTION and DATA; NULLs are skipped). */
void eisfit_figure_watch (EisfitDocument *document, GtkSelectionModel *selection,
                          GCallback shown, GCallback item_changed, GCallback fits,
                          gpointer data);
void eisfit_figure_unwatch (EisfitDocument *document, GtkSelectionModel *selection,
                            gpointer data);
/* The first selected spectrum of SELECTION (a new reference), NULL when none. */
EisfitSpectrumItem *eisfit_figure_current_item (GtkSelectionModel *selection);
/* "pellet-25C.csv #1 (first of 6 selected)": ITEM as the figures of one spectrum name it. */
char *eisfit_figure_current_name (GtkSelectionModel *selection, EisfitSpectrumItem *item);
/* Where point I of S is drawn on panel PANEL of TR (Nyquist or Bode), in device units; FALSE
 * when the panel shows no data points or the point lies outside it. */
gboolean eisfit_figure_point_device (const EisPlotTransform *tr, int panel, const EisSpectrum *s,
                                     size_t i, double *qx, double *qy);
/* The data point of the selected spectra nearest to (PX, PY) on the panel there, within 25
 * device units: its spectrum (borrowed), index and where it is drawn (QX, QY may be NULL);
 * FALSE when there is none. */
gboolean eisfit_figure_nearest_point (const EisPlotTransform *tr, GtkSelectionModel *selection,
                                      double px, double py, EisfitSpectrumItem **item,
                                      size_t *index, double *qx, double *qy);

G_END_DECLS

#endif
