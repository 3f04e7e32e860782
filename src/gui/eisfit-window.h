/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window of eisfit-gtk: spectra on the left, figures in the middle, circuit,
 * parameters, geometry and conductivity on the right. */
#ifndef EISFIT_WINDOW_H
#define EISFIT_WINDOW_H

#include <gtk/gtk.h>

#include "eisfit-exclusions.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_WINDOW (eisfit_window_get_type ())
G_DECLARE_FINAL_TYPE (EisfitWindow, eisfit_window, EISFIT, WINDOW, GtkApplicationWindow)

EisfitWindow *eisfit_window_new (GtkApplication *app);

/* Imports the files (errors go to the window's banner); returns the number of spectra added. */
guint eisfit_window_open_files (EisfitWindow *self, GFile **files, guint n_files);
/* Opens the project at PATH (man eisfit-gtk, PROJECTS): in this window when it is empty, else in
 * a new one. Changed or missing input files are said in the banner; FALSE (ERROR set) when the
 * project cannot be read. */
gboolean eisfit_window_open_project (EisfitWindow *self, const char *path, GError **error);

/* Also print the messages shown in the window on stderr (batch mode). */
void eisfit_window_set_echo_errors (EisfitWindow *self, gboolean echo);

/* Batch mode prints what the window shows as JSON (--print-results) after the fits. */
void eisfit_window_set_print_results (EisfitWindow *self, gboolean print);
/* Batch mode also fits every open spectrum as one series on the Series page (--series), after
 * the fits and before the results are printed or the screenshot taken. */
void eisfit_window_set_fit_series (EisfitWindow *self, gboolean series);
/* The Series page's Shared by all spectra (comma-separated names, NULL: none) and Temperature
 * law ("none", "arrhenius", "vtf"); FALSE for a law it does not know. */
gboolean eisfit_window_set_series_joint (EisfitWindow *self, const char *shared, const char *law);

/* Sets the circuit entry ("" = automatic) and the geometry entries (NULL leaves one alone). */
void eisfit_window_set_circuit_text (EisfitWindow *self, const char *text);
/* Leaves the points of EX out of every spectrum open (--exclude, --exclude-points); FALSE when
 * some could not be (shown as errors). */
gboolean eisfit_window_exclude (EisfitWindow *self, const EisfitExclusions *ex);
void eisfit_window_set_geometry (EisfitWindow *self, const char *thickness,
                                 const char *diameter, const char *area);
/* Gives the files of the last N spectra in the list cell type CELL ("blocking", "li-symmetric",
 * "liquid"), as File Properties does (--cell: the files opened from the command line). */
void eisfit_window_set_cell_of_last (EisfitWindow *self, guint n, const char *cell);

/* Shows the figure NAME: nyquist, bode, residuals, kk, arrhenius, transference; FALSE when
 * there is none by that name. */
/* The tab of a figure by NAME (nyquist, bode, residuals, kk, arrhenius, transference; any
 * case), or -1. */
int eisfit_window_page_index (const char *name);
gboolean eisfit_window_show_page (EisfitWindow *self, const char *name);

/* Batch mode (--screenshot / --export-plot / --print-params): fit the first spectrum (every
 * spectrum, all selected, if FIT_ALL), then save the window to SCREENSHOT (may be NULL), the
 * figure shown to EXPORT_PATH (PNG, SVG or PDF; may be NULL), print the parameter table of the
 * first spectrum to stdout if PRINT_PARAMS, and call DONE with the exit status (0 success). */
typedef void (*EisfitWindowDoneFunc) (EisfitWindow *self, int status, gpointer user_data);
void eisfit_window_run_batch (EisfitWindow *self, const char *screenshot,
                              const char *export_path, gboolean print_params, gboolean fit_all,
                              EisfitWindowDoneFunc done, gpointer user_data);

/* Runs the steps of the --test-script file PATH (see eisfit-window-script.c), then calls DONE
 * with the status (0: every step could be done) and destroys the window; FALSE with ERROR set
 * when the file cannot be read. */
gboolean eisfit_window_run_script (EisfitWindow *self, const char *path,
                                   EisfitWindowDoneFunc done, gpointer user_data,
                                   GError **error);

G_END_DECLS

#endif
