/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page: the selected (or all open) spectra fitted as one series with one circuit
 * (src/core/series.h: each fit starts from its neighbour's, arcs keep their identity), a table
 * with one row per spectrum, trend plots of any column and the table's CSV export. */
#ifndef EISFIT_SERIES_PAGE_H
#define EISFIT_SERIES_PAGE_H

#include <gtk/gtk.h>
#include <cairo.h>

#include "conductivity.h"
#include "eis-error.h"
#include "eisfit-series-job.h"
#include "eisfit-spectrum-item.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_SERIES_PAGE (eisfit_series_page_get_type ())
G_DECLARE_FINAL_TYPE (EisfitSeriesPage, eisfit_series_page, EISFIT, SERIES_PAGE, GtkWidget)

GtkWidget *eisfit_series_page_new (void);


/* SPECTRA: the open spectra (EisfitSpectrumItem; kept), SELECTION: which of them are selected
 * (kept), GEOMETRY: each one's sample. */
void eisfit_series_page_set_data (EisfitSeriesPage *self, GListModel *spectra,
                                  GtkSelectionModel *selection, EisfitSeriesGeometryFunc geometry,
                                  gpointer data);

/* The fit is done (OK: a table is shown; otherwise the page says why). */
typedef void (*EisfitSeriesDoneFunc) (EisfitSeriesPage *self, gboolean ok, gpointer data);

/* Presses Fit series: fits the chosen spectra in a worker thread; DONE (may be NULL) is called
 * when it is over. FALSE when no fit was started (a fit is running, no spectra, temperatures
 * missing for the order asked: the page says why). */
gboolean eisfit_series_page_fit (EisfitSeriesPage *self, EisfitSeriesDoneFunc done,
                                 gpointer data);
gboolean eisfit_series_page_is_busy (EisfitSeriesPage *self);

/* The page's choices, as a user makes them: ALL = every open spectrum (else the selected
 * ones); ORDER "auto", "temperature", "time" or "index"; the circuit (NULL or "" = chosen
 * automatically by the BIC summed over the series); the trends' x axis ("T", "invT", "time",
 * "index") and the quantities plotted (comma-separated, at most four; NULL = the default).
 * FALSE for a name it does not know. */
void eisfit_series_page_set_all (EisfitSeriesPage *self, gboolean all);
gboolean eisfit_series_page_set_order (EisfitSeriesPage *self, const char *order);
void eisfit_series_page_set_circuit (EisfitSeriesPage *self, const char *circuit);
gboolean eisfit_series_page_set_trends (EisfitSeriesPage *self, const char *x_axis,
                                        const char *quantities);

/* The parameters common to all spectra (comma-separated names, as eisfit series --shared;
 * NULL or "" = none) and the temperature law inside the joint fit: "none", "arrhenius" or
 * "vtf" (as eisfit arrhenius --global [--vtf]); FALSE for a law it does not know. */
void eisfit_series_page_set_shared (EisfitSeriesPage *self, const char *names);
gboolean eisfit_series_page_set_law (EisfitSeriesPage *self, const char *law);
/* Moves the handle between the table and the trends as a drag does: the table (with the
 * buttons above it) TABLE_PX high, within the least height of each side. */
void eisfit_series_page_set_divider (EisfitSeriesPage *self, int table_px);

/* Use these fits for the spectra: ADOPT is called with the spectra (EisfitSpectrumItem) whose
 * fits are about to be replaced (DONE FALSE: the window records an undo step) and again
 * after (DONE TRUE: the window shows them). */
typedef void (*EisfitSeriesAdoptFunc) (EisfitSeriesPage *self, GPtrArray *items, gboolean done,
                                       gpointer data);
void eisfit_series_page_set_adopt_func (EisfitSeriesPage *self, EisfitSeriesAdoptFunc func,
                                        gpointer data);
/* Each spectrum of the series fit takes that fit as its own (circuit, values, errors from the
 * joint covariance; model and residuals at those values). FALSE when there is no fit, it is
 * marked stale or a fit runs. */
gboolean eisfit_series_page_adopt (EisfitSeriesPage *self);

/* For a project. The fit shown: its spectra (EisfitSpectrumItem, in the order given; a new
 * reference to the array), the choices it was fitted with (ORDER "auto", "temperature", "time"
 * or "index"; CIRCUIT "" = automatic; SHARED "C1,CPE3_n" or ""; LAW "none", "arrhenius" or
 * "vtf"; new strings) and whether every spectrum of it uses its fit (Use these fits). FALSE
 * when no fit is shown. */
gboolean eisfit_series_page_get_fit_choices (EisfitSeriesPage *self, GPtrArray **items,
                                             char **order, char **circuit, char **shared,
                                             char **law, gboolean *adopted);
/* Fits ITEMS as a series with these choices (the page's fields show them), as Fit series does;
 * FALSE when no fit was started (the page says why; an ORDER or LAW it does not know). */
gboolean eisfit_series_page_fit_items (EisfitSeriesPage *self, GPtrArray *items,
                                       const char *order, const char *circuit,
                                       const char *shared, const char *law,
                                       EisfitSeriesDoneFunc done, gpointer data);
/* The spectra whose own fits are the fit shown, bit for bit (adopted: Use these fits, or read
 * from a project that saved them), take the series table's roles again. Returns how many. */
guint eisfit_series_page_restore_roles (EisfitSeriesPage *self);
/* FUNC is called after every fit that ends with a table (Fit series, or fit_items). */
void eisfit_series_page_set_fitted_func (EisfitSeriesPage *self, EisfitSeriesDoneFunc func,
                                         gpointer data);

/* The window's inputs of the spectra (temperatures, geometry, points left out, the list)
 * changed: the table is marked when they differ from those it was fitted with. */
void eisfit_series_page_inputs_changed (EisfitSeriesPage *self);

/* The result as eisfit series --format json writes it (circuit, order_by, spectra with
 * parameters, conductivities, roles, C_eff, chi2, changes; warnings), or NULL when there is
 * none. Free it. */
char *eisfit_series_page_dup_json (EisfitSeriesPage *self);
/* The page's status line: what it fitted, or why it did not (a new string). */
char *eisfit_series_page_dup_status (EisfitSeriesPage *self);
/* For tests: what the page shows, as text (status, table rows, trends, stale mark). */
char *eisfit_series_page_dup_state (EisfitSeriesPage *self);

/* Where Export CSV's save dialog opens (FOLDER: a new string or NULL) and what it says when a
 * file was written there (SAVED), as the window's other save dialogs. */
typedef char *(*EisfitSeriesFolderFunc) (gpointer data);
typedef void (*EisfitSeriesSavedFunc) (const char *path, gpointer data);
void eisfit_series_page_set_folder_funcs (EisfitSeriesPage *self, EisfitSeriesFolderFunc folder,
                                          EisfitSeriesSavedFunc saved, gpointer data);

/* Writes the table as eisfit series --format csv does, atomically; an existing PATH is
 * replaced only when FORCE (the save dialog has asked). */
gboolean eisfit_series_page_write_csv (EisfitSeriesPage *self, const char *path, gboolean force,
                                       GError **error);

/* The trend figure's view (borrowed), and the figure drawn onto CR over W x H for export; an
 * error when there is none yet. */
GtkWidget *eisfit_series_page_get_plot (EisfitSeriesPage *self);
int eisfit_series_page_draw (EisfitSeriesPage *self, cairo_t *cr, double w, double h,
                             EisError *err);

G_END_DECLS

#endif
