/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of the main window share (src/gui/eisfit-window*.c): the window's fields and
 * the few functions one part calls in another. Not for other widgets. */
#ifndef EISFIT_WINDOW_PRIVATE_H
#define EISFIT_WINDOW_PRIVATE_H

#include "eisfit-window.h"
#include "eisfit-arrhenius-data.h"
#include "eisfit-document.h"
#include "eisfit-fit-panel.h"
#include "eisfit-plot-view.h"
#include "eisfit-settings.h"
#include "eisfit-spectrum-item.h"
#include "arrhenius.h"
#include "circuit.h"
#include "kk.h"
#include "conductivity.h"
#include "project.h"

G_BEGIN_DECLS

/* The side panel of the figure pages (eisfit-fit-panel.c). */
#define PANEL(self) EISFIT_FIT_PANEL ((self)->fit_panel)

/* The EisfitFigurePage tabs, in the order of EisfitFigureKind */
typedef enum { PAGE_NYQUIST, PAGE_BODE, PAGE_RESIDUALS, PAGE_KK, PAGE_ARRHENIUS, N_PAGES } Page;
#define PAGE_TRANSFERENCE N_PAGES /* the notebook's last page: not an EisfitFigurePage */
#define PAGE_DRT (N_PAGES + 1)    /* the DRT tab beside Lin-KK: an EisfitDrtPage */
#define PAGE_SERIES (N_PAGES + 2)  /* the Series tab: an EisfitSeriesPage */

struct _EisfitWindow {
  GtkApplicationWindow parent_instance;

  /* template children */
  GtkWidget *spinner;
  GtkWidget *title_label;
  GtkWidget *banner;
  GtkWidget *banner_icon;
  GtkWidget *banner_label;
  GtkWidget *spectrum_list;
  GtkWidget *stack;
  GtkWidget *panel_scroller;
  GtkWidget *figure_pages[N_PAGES]; /* EisfitFigurePage, by Page */
  GtkWidget *plot_views[N_PAGES];   /* their figures' EisfitPlotView */
  GtkWidget *transference_page;
  GtkWidget *drt_page;
  GtkWidget *series_page;
  gboolean batch_series;       /* --series: fit the series before the results are printed */
  GtkWidget *fit_panel;         /* EisfitFitPanel: circuit, table, geometry, conductivity */
  GtkWidget *hover_label;
  GtkWidget *progress_bar;

  EisfitDocument *document;   /* the files, spectra, fits and project (eisfit-document.c) */
  GListStore *store;          /* EisfitSpectrumItem, the document's (borrowed) */
  GtkMultiSelection *selection;
  GPtrArray *files;           /* EisDataFile *, the document's (borrowed) */
  GPtrArray *opened;          /* EisfitSpectrumItem *: those the last Open added */
  GPtrArray *series;          /* EisSeries *, the document's (borrowed) */
  EisfitSpectrumItem *current;/* first selected item, or NULL */

  gboolean echo_errors;       /* also print messages on stderr (batch mode) */

  gboolean busy;
  gboolean testing;           /* driven by --test-script: no questions asked ... */
  gboolean testing_ask;       /* ... unless the script wants to see the question */
  guint unsaved_fits;         /* fits made since the results were last exported */
  gboolean unsaved_series;    /* the Series page fitted since the project was saved */
  gboolean restoring_series;  /* the Series page refits the series of a project opened */
  gboolean series_adopted;    /* ... whose spectra used its fits when it was saved */
  char *series_where;         /* ... "FILE:LINE: [series]" of its group, for the messages */
  GtkWidget *quit_dialog;     /* "Close without exporting?" while it is open */
  EisfitSettings *settings;

  /* batch mode */
  char *batch_screenshot;
  char *batch_export;
  gboolean batch_print;
  gboolean batch_print_results;
  gboolean batch_fit_failed;   /* a fit of the batch did not converge: exit status 3 */
  gboolean batch_refused;      /* a spectrum was refused (Z' < 0, noise): exit status 2 */
  gboolean batch_wait_series;  /* the results wait for a project's series to be refitted */
  EisfitWindowDoneFunc batch_done;
  gpointer batch_data;
  int batch_frames;

  /* points left out: the summary under the fit (eisfit-window-exclude.c) */
  GtkWidget *excl_box, *excl_label;

  /* the project (eisfit-window-project.c) */
  gboolean loading_project;   /* opening one: its steps are no changes */
  gboolean close_after_save;  /* "Save Project" was the answer to closing */
  EisProject *project_missing; /* the files not found when it was opened: saved
                               * again as they were */

  /* undo and redo (eisfit-window-undo.c) */
  GPtrArray *undo_stack, *redo_stack;   /* EisfitUndoStep *, the latest last */
  gboolean undoing;           /* a step is being put back: no new steps */
  int undo_open;              /* UNDO_OPEN_*: the step that edits of that kind join */
  char *table_inputs_before;  /* the table's inputs before the latest edit */
};

/* The width of the side panel and whether it is shown (eisfit-window-layout.c). */
void eisfit_window_layout_init (EisfitWindow *self);
/* Shows or hides the panel and sets the width dragged to as the settings saved them. */
void eisfit_window_layout_restore (EisfitWindow *self);
gboolean eisfit_window_layout_panel_shown (EisfitWindow *self);
void eisfit_window_layout_toggle_panel (EisfitWindow *self);
/* The panel's minimum and natural widths, and its width (px) as the user would drag it to. */
void eisfit_window_layout_panel_widths (EisfitWindow *self, int *min, int *nat);
void eisfit_window_layout_drag_panel (EisfitWindow *self, int panel_px);
/* --test-script steps of eisfit-window-layout.c: 1 done, 0 malformed, -1 not one of them. */
int eisfit_window_layout_script_step (EisfitWindow *self, char **argv, int argc);

/* File Properties (eisfit-window-cell.c): sets the cell type ("blocking", "li-symmetric",
 * "liquid", "")
 * and geometry of ITEM's file, its lead resistance (LEADS: "5ohm+-0.1ohm", as a project's
 * leads= and eisfit --leads; "" none) and ITEM's temperature (as typed; NULL: left as it is), as the
 * dialog's Apply does; FALSE with ERROR when one does not parse. The dialog; its action
 * (win.file-properties, the list position); the --test-script step "cell" (1 done, 0
 * malformed, -1 not it). */
gboolean eisfit_window_set_file_properties (EisfitWindow *self, EisfitSpectrumItem *item,
                                            const char *cell, const char *thickness,
                                            const char *diameter, const char *area,
                                            const char *leads, const char *temperature,
                                            GError **error);
void eisfit_window_file_properties_dialog (EisfitWindow *self, EisfitSpectrumItem *item);
void eisfit_window_file_properties_action (GtkWidget *widget, const char *name, GVariant *param);
int eisfit_window_cell_script_step (EisfitWindow *self, char **argv, int argc);

/* ITEM's points left out changed (in place): refit it when it was fitted, redraw. */
void eisfit_window_exclusions_changed (EisfitWindow *self, EisfitSpectrumItem *item);
enum { UNDO_OPEN_NONE, UNDO_OPEN_TABLE, UNDO_OPEN_CIRCUIT };
typedef struct _EisfitUndoStep EisfitUndoStep;

/* The selected items in list order (new array of new references). */
GPtrArray *eisfit_window_selected_items (EisfitWindow *self);


/* The folder a save dialog (export, save project) opens in: the last folder saved into (kept in
 * the settings), else the project's, else the one data were last opened from; NULL when none
 * of them exists. Free it. */
char *eisfit_window_dup_save_folder (EisfitWindow *self);
/* A file was saved to PATH: the next save dialog opens in its folder. */
void eisfit_window_saved_to (EisfitWindow *self, const char *path);
/* A save dialog (GtkFileChooserNative, not shown yet) for NAME in that folder. */
GtkFileChooserNative *eisfit_window_new_save_dialog (EisfitWindow *self, const char *title,
                                                     const char *accept, const char *name);

/* The geometry that gives ITEM's conductivities (thickness and area) or only its ASR per
 * interface (the area alone, thickness NAN); FALSE when there is none. */
gboolean eisfit_window_item_geometry (EisfitWindow *self, EisfitSpectrumItem *item,
                                      EisGeometry *g);


/* Saves the window as a PNG image at PATH: 1 on success, 0 when it is not laid out yet, -1 on
 * failure. */
int eisfit_window_save_screenshot (EisfitWindow *self, const char *path);


/* Draws the figure shown (as zoomed) onto CR over W x H, with the style set (eis_plot_set_style). */
int eisfit_window_draw_figure (EisfitWindow *self, cairo_t *cr, double w, double h, EisError *err);

/* Takes ITEMS (EisfitSpectrumItem *) out of the list and out of every view; their fits go
 * with them. Not while fits run. */
void eisfit_window_remove_items (EisfitWindow *self, GPtrArray *items);

/* Puts ITEMS (EisfitSpectrumItem *, removed before) back into the list at POSITIONS (in
 * ascending order, the places they had), selected, as undoing Remove Spectrum does. */
void eisfit_window_restore_items (EisfitWindow *self, GPtrArray *items, const guint *positions);


/* eisfit-window-list.c: the spectra list's context menu, the clipboard, the Arrhenius CSVs */
void eisfit_window_list_class_init (GtkWidgetClass *klass);
void eisfit_window_list_init (EisfitWindow *self);
/* Sets ITEM's legend label (NULL, "" or its file name: none) and redraws. */
void eisfit_window_set_label (EisfitWindow *self, EisfitSpectrumItem *item, const char *label);
/* One row per Arrhenius point (label, file, T, 1000/T, sigma total and bulk with errors), or
 * the fits (Ea +- error, prefactor, sigma at 25 C, R2, points, T range), of the selection as
 * the Arrhenius view shows it; NULL with ERROR when there is none. */
char *eisfit_window_dup_arrhenius_csv (EisfitWindow *self, GError **error);
char *eisfit_window_dup_ea_csv (EisfitWindow *self, GError **error);
/* Writes the Ea table (EA) or the Arrhenius data to PATH. */
gboolean eisfit_window_save_table (EisfitWindow *self, const char *path, gboolean ea,
                                   GError **error);
/* The figure shown as an image (at the last export's size), or the results as tab-separated
 * text, onto the clipboard. */
gboolean eisfit_window_copy_figure (EisfitWindow *self, GError **error);
gboolean eisfit_window_copy_table (EisfitWindow *self, GError **error);
/* What the clipboard holds: "image W x H" or its text (for tests). */
char *eisfit_window_dup_clipboard (EisfitWindow *self);
/* The steps of --test-script that eisfit-window-list.c runs: FALSE when not one of them or
 * when it failed. */
gboolean eisfit_window_list_script_step (EisfitWindow *self, char **argv, int argc);

/* The results CSV (one row per fitted spectrum), NULL when nothing is fitted. */
char *eisfit_window_dup_results_csv (EisfitWindow *self);

/* Writes the figure shown (as zoomed) to PATH sized for paper (Export Figure). */
int eisfit_window_export_figure (EisfitWindow *self, const char *path, const EisPlotPaper *paper,
                                 EisError *err);

/* Export Results as CSV: one row per fitted spectrum (see results_csv). */
gboolean eisfit_window_write_results_csv (EisfitWindow *self, const char *path, GError **error);

/* Results as --print-results prints them (JSON): every fitted spectrum, the Arrhenius fit and
 * the transference number when the window shows them. */
char *eisfit_window_dup_results_json (EisfitWindow *self);

/* The project (eisfit-window-project.c): the title with its '*' mark; a change to the session
 * (a fit, an edit, a file opened); saving and opening; the question before closing (TRUE when
 * asked: the window stays open for now). */
void eisfit_window_update_title (EisfitWindow *self);
void eisfit_window_mark_changed (EisfitWindow *self);
gboolean eisfit_window_save_project (EisfitWindow *self, const char *path, GError **error);
void eisfit_window_install_project_actions (GtkWidgetClass *widget_class);
gboolean eisfit_window_ask_before_closing (EisfitWindow *self);
/* Undo and redo (eisfit-window-undo.c): a step before a fit of ITEMS, at the first of a run of
 * table edits, at a change of the circuit; the table as shown now (after it was filled); the
 * last step dropped (a fit that changed nothing); the lists emptied (a project opened); a run
 * of edits ended (another spectrum selected); undo (or REDO): FALSE when there is nothing. */
void eisfit_undo_step_free (EisfitUndoStep *step);
void eisfit_window_undo_record_fit (EisfitWindow *self, GPtrArray *items);
/* A step before ITEMS are removed (Remove Spectrum): undo puts them back in their places. */
void eisfit_window_undo_record_remove (EisfitWindow *self, GPtrArray *items);
/* A step before the geometry, note and cell type of every open spectrum (and the geometry for
 * files opened later) change at once ("Apply to all files"): undo puts each one's back. */
void eisfit_window_undo_record_geometry (EisfitWindow *self);
/* "Apply to all files" (eisfit-window-cell.c): the panel's geometry and the shown spectrum's
 * cell type to every open spectrum, as one undo step. */
void eisfit_window_apply_geometry_all (EisfitWindow *self);
void eisfit_window_undo_table_changed (EisfitWindow *self);
void eisfit_window_undo_table_shown (EisfitWindow *self);
void eisfit_window_undo_circuit_changed (EisfitWindow *self, const char *before);
void eisfit_window_undo_drop_last (EisfitWindow *self);
void eisfit_window_undo_clear (EisfitWindow *self);
void eisfit_window_undo_close (EisfitWindow *self);
void eisfit_window_undo_update (EisfitWindow *self);
gboolean eisfit_window_undo (EisfitWindow *self, gboolean redo);
void eisfit_window_install_undo_actions (GtkWidgetClass *widget_class);


/* eisfit-window-figures.c: the plot tabs, given the document and the selection (instance),
 * their read-out in the status bar (class); the Arrhenius data of the selection, as the
 * Arrhenius tab shows it. */
void eisfit_window_figures_class_init (GtkWidgetClass *widget_class);
void eisfit_window_figures_init (EisfitWindow *self);
void eisfit_window_collect_arrhenius (EisfitWindow *self, EisfitArrheniusData *a);
/* --test-script steps of eisfit-window-figures.c: "figure-state NAME" (a tab's drawings) and
 * "document remove|unfit N", "document label|exclude|temperature N VALUE" (the document or a
 * spectrum changed without the window). 1 done, 0 malformed, -1 not one of them. */
int eisfit_window_figures_script_step (EisfitWindow *self, char **argv, int argc);
/* TRUE when the table was edited since the current spectrum's fit: the panels that come from
 * the fit (σ, arcs, χ², standard errors) are the last fit's, not the table's. */
gboolean eisfit_window_panels_stale (EisfitWindow *self);

/* eisfit-window-fit.c: the fit queue. Fits ITEMS one after another in a worker thread with
 * the circuit of the entry (the current one from the table's values); the actions Fit and Fit
 * All installed (class), the Transference tab's fits set up (instance). */
void eisfit_window_start_fits (EisfitWindow *self, GPtrArray *items);
void eisfit_window_fit_class_init (GtkWidgetClass *widget_class);
void eisfit_window_fit_init (EisfitWindow *self);
/* Batch mode: the fits it started are done (OK: all could be run); what follows them. */
void eisfit_window_batch_fit_finished (EisfitWindow *self, gboolean ok);

/* eisfit-window-exclude.c: the points left out. The summary under the figures; the Nyquist
 * and Bode pages' menus and rectangle connected (instance). */
void eisfit_window_update_exclusions_label (EisfitWindow *self);
void eisfit_window_exclusions_init (EisfitWindow *self);


/* eisfit-window-export.c: writes the figure shown to PATH (PNG, SVG or PDF by its extension)
 * at the size it has on screen (at least 400 x 300); the actions Export Plot, Export Results
 * and Reset Zoom installed. */
int eisfit_window_export_shown_figure (EisfitWindow *self, const char *path, EisError *err);
void eisfit_window_export_class_init (GtkWidgetClass *widget_class);

/* eisfit-window-open.c: the action Open (a file chooser) and a drop of files on the window. */
void eisfit_window_open_action (GtkWidget *widget, const char *action_name, GVariant *param);
gboolean eisfit_window_drop_cb (GtkDropTarget *target, const GValue *value, double x, double y,
                                EisfitWindow *self);

/* The banner with MESSAGE (also on stderr in batch runs); everything shown again. */
void eisfit_window_show_message (EisfitWindow *self, const char *message);
/* The banner with MESSAGE in the calm style of a note (information that changes nothing, such
 * as the importer's notices), not that of an error. */
void eisfit_window_show_notice (EisfitWindow *self, const char *message);
void eisfit_window_refresh (EisfitWindow *self);

G_END_DECLS

#endif
