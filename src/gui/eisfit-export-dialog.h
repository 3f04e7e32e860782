/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export Figure dialog: the figure's size in cm, the PNG resolution in dpi, the text size in
 * points and an optional title, then a file name (PNG, SVG or PDF by its extension). */
#ifndef EISFIT_EXPORT_DIALOG_H
#define EISFIT_EXPORT_DIALOG_H

#include <gtk/gtk.h>

#include "plot.h"

G_BEGIN_DECLS

/* Writes the figure to PATH as PAPER says; EIS_OK or a status with ERR filled. */
typedef int (*EisfitExportFunc) (const char *path, const EisPlotPaper *paper, EisError *err,
                                 gpointer user_data);

/* Opens the dialog over PARENT for the figure NAME ("nyquist"), starting in FOLDER (may be
 * NULL). EXPORT writes the file; errors it returns are shown in the dialog, which stays open. */
void eisfit_export_dialog_run (GtkWindow *parent, const char *name, const char *folder,
                               EisfitExportFunc export, gpointer user_data);

/* The size, resolution and text size last used in this session (one column of a journal page,
 * 8.5 x 6.5 cm, 300 dpi, 8 pt, until the dialog has been used). The title is NULL. */
void eisfit_export_dialog_last (EisPlotPaper *paper);

G_END_DECLS

#endif
