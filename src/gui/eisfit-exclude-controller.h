/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Points left out of the fits, chosen on a Nyquist or Bode figure: a right-click on a point
 * (a menu: leave it out, put it back, put its range back, drag over a range, put all back)
 * and a rectangle dragged with Shift (every selected spectrum leaves out the frequencies of its
 * points inside it). A controller of one plot view, owned by its figure page; it edits the
 * spectra's EisfitExclusions in place and says so, and its owner's owner (the window) refits
 * and shows the change. */
#ifndef EISFIT_EXCLUDE_CONTROLLER_H
#define EISFIT_EXCLUDE_CONTROLLER_H

#include <gtk/gtk.h>

#include "eisfit-document.h"
#include "eisfit-plot-view.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_EXCLUDE_CONTROLLER (eisfit_exclude_controller_get_type ())
G_DECLARE_FINAL_TYPE (EisfitExcludeController, eisfit_exclude_controller, EISFIT,
                      EXCLUDE_CONTROLLER, GObject)

/* Handles VIEW's "context-menu" and "select" (VIEW is borrowed: it must outlive the
 * controller, as a figure page's child does). Its menu's actions are the group "exclude"
 * inserted into VIEW. Signals: "changed" (EisfitSpectrumItem *item): ITEM's points left out
 * changed in place (refit it, show it); "message" (const char *text): what to tell the user
 * in the status bar. */
EisfitExcludeController *eisfit_exclude_controller_new (EisfitPlotView *view);

/* The spectra it acts on: the selected ones of SELECTION (a selection of DOCUMENT's list);
 * both are referenced. A spectrum that leaves DOCUMENT is forgotten by an open menu. */
void eisfit_exclude_controller_set_document (EisfitExcludeController *self,
                                             EisfitDocument *document,
                                             GtkSelectionModel *selection);

G_END_DECLS

#endif
