/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A figure from src/plot in a GtkDrawingArea: redrawn on resize, zoom by dragging a rectangle
 * (double-click or the reset button to undo), and a hover read-out of the nearest point. */
#ifndef EISFIT_PLOT_VIEW_H
#define EISFIT_PLOT_VIEW_H

#include <gtk/gtk.h>

#include "plot.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_PLOT_VIEW (eisfit_plot_view_get_type ())
G_DECLARE_FINAL_TYPE (EisfitPlotView, eisfit_plot_view, EISFIT, PLOT_VIEW, GtkWidget)

/* Draws the figure onto CR over WIDTH x HEIGHT with zoom VIEW (never NULL; view->set = 0 when
 * not zoomed) and fills TR. Returns EIS_OK or a status with ERR filled (shown in the view). */
typedef int (*EisfitPlotDrawFunc) (cairo_t *cr, double width, double height,
                                   const EisPlotView *view, EisPlotTransform *tr, EisError *err,
                                   gpointer user_data);

/* Text describing the data point nearest to the device point (PX, PY), or NULL when none;
 * *MX, *MY receive that point's device position for a marker. The caller frees the text. */
typedef char *(*EisfitPlotHoverFunc) (const EisPlotTransform *tr, double px, double py,
                                      double *mx, double *my, gpointer user_data);

GtkWidget *eisfit_plot_view_new (void);

void eisfit_plot_view_set_funcs (EisfitPlotView *self, EisfitPlotDrawFunc draw,
                                 EisfitPlotHoverFunc hover, gpointer user_data);
/* Whether dragging zooms (figures whose drawing function honours the view). */
void eisfit_plot_view_set_zoomable (EisfitPlotView *self, gboolean zoomable);
/* The data changed: draw again (keeps the zoom). */
void eisfit_plot_view_invalidate (EisfitPlotView *self);
/* Double-click, Ctrl+0, the reset button: from a zoom back to all the data; not zoomed, between
 * all the data and the figure's own automatic view (a Nyquist plot's arcs). */
void eisfit_plot_view_reset_zoom (EisfitPlotView *self);
/* TRUE when the figure should show all the data rather than its automatic view. */
gboolean eisfit_plot_view_get_show_all (EisfitPlotView *self);
/* The zoom shown (view->set = 0 when not zoomed; borrowed), e.g. to export what is seen. */
const EisPlotView *eisfit_plot_view_get_view (EisfitPlotView *self);
/* Text shown instead of the figure (NULL: show the figure). */
void eisfit_plot_view_set_placeholder (EisfitPlotView *self, const char *text);
/* The height the figure keeps at least [px] (200 unless set): a page that shares its height
 * with a table gives it less. */
void eisfit_plot_view_set_min_height (EisfitPlotView *self, int height_px);
/* The mapping of the figure last drawn (borrowed), or NULL when none is drawn. */
/* For tests: each panel of the figure last drawn, "W x H px, x X0 to X1, y Y0 to Y1" (world
 * limits; log10 on a log axis), "; " between them; "none" before a drawing. */
char *eisfit_plot_view_dup_panels (EisfitPlotView *self);
const EisPlotTransform *eisfit_plot_view_get_transform (EisfitPlotView *self);
/* The text shown instead of the figure, or NULL when the figure is shown (borrowed). */
const char *eisfit_plot_view_get_placeholder (EisfitPlotView *self);

/* Where the figure shown was drawn (borrowed), or NULL when none is. */
const EisPlotTransform *eisfit_plot_view_get_transform (EisfitPlotView *self);
/* SELECT: the next drag emits "select" (points to leave out) instead of zooming, as a drag
 * with Shift does. Signals: "context-menu" (x, y) on a right-click; "select" (x0, y0, x1, y1),
 * device units of the transform. */
void eisfit_plot_view_set_select_mode (EisfitPlotView *self, gboolean select);

G_END_DECLS

#endif
