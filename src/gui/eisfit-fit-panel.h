/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The side panel of the figure pages: the circuit (presets and entry), the parameter table with
 * the fit's summary and the automatic choice, the geometry and temperature of the spectrum shown
 * and its conductivity. It shows one spectrum of an EisfitDocument, listens to the document's
 * fit-changed and spectrum-removed itself, and tells the window what the user changed through
 * its signals:
 *   circuit-changed (const char *before)  the entry's text changed (the panel then shows the
 *                                         new circuit; BEFORE: the text it replaced)
 *   model-changed                          the table shows another circuit or values: redraw
 *   table-edited (gboolean became_stale)   the user edited the table; BECAME_STALE: the panels
 *                                         that come from the fit turned into the last fit's
 *   table-shown                            the table was filled anew (a fit, a guess)
 *   geometry-changed                       the geometry was typed (for the selected spectra's
 *                                         files, and the files opened later)
 *   temperature-changed                    the shown spectrum's temperature was typed
 *   apply-geometry-all                     "Apply to all files" was pressed (the window
 *                                         records an undo step, then applies it) */
#ifndef EISFIT_FIT_PANEL_H
#define EISFIT_FIT_PANEL_H

#include <gtk/gtk.h>

#include "circuit.h"
#include "conductivity.h"
#include "eisfit-document.h"
#include "eisfit-param-table.h"
#include "eisfit-spectrum-item.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_FIT_PANEL (eisfit_fit_panel_get_type ())
G_DECLARE_FINAL_TYPE (EisfitFitPanel, eisfit_fit_panel, EISFIT, FIT_PANEL, GtkBox)

/* The document whose spectra it shows and the selection the geometry applies to (kept). */
void eisfit_fit_panel_set_data (EisfitFitPanel *self, EisfitDocument *document,
                                GtkSelectionModel *selection);
/* Shows ITEM (NULL: none): its table (its fit, the entry's circuit or a guess), geometry,
 * temperature and conductivity. */
void eisfit_fit_panel_set_spectrum (EisfitFitPanel *self, EisfitSpectrumItem *item);
/* The spectrum shown (borrowed), or NULL. */
EisfitSpectrumItem *eisfit_fit_panel_get_spectrum (EisfitFitPanel *self);

/* The circuit of the table (borrowed; NULL: none), and whether the entry is empty (the
 * automatic choice). */
const EisCircuit *eisfit_fit_panel_get_model (EisfitFitPanel *self);
gboolean eisfit_fit_panel_is_automatic (EisfitFitPanel *self);
/* Why the entry does not parse, or NULL when it does. */
const char *eisfit_fit_panel_get_circuit_error (EisfitFitPanel *self);
/* The table's values were edited since the last fit or guess (set by undo). */
gboolean eisfit_fit_panel_get_user_edited (EisfitFitPanel *self);
void eisfit_fit_panel_set_user_edited (EisfitFitPanel *self, gboolean edited);
/* The table was edited since the shown spectrum's fit: the panels that come from the fit are
 * the last fit's. */
gboolean eisfit_fit_panel_is_stale (EisfitFitPanel *self);
/* The spectrum the table was last filled for (borrowed), or NULL. */
EisfitSpectrumItem *eisfit_fit_panel_get_table_item (EisfitFitPanel *self);

/* The parameter table and the circuit entry (borrowed). */
EisfitParamTable *eisfit_fit_panel_get_param_table (EisfitFitPanel *self);
GtkEditable *eisfit_fit_panel_get_circuit_entry (EisfitFitPanel *self);
/* The shown spectrum's temperature entry (borrowed). */
GtkEditable *eisfit_fit_panel_get_temperature_entry (EisfitFitPanel *self);
/* Sets the entry's text as one step that Ctrl+Z in the entry does not take apart. */
void eisfit_fit_panel_set_circuit_text (EisfitFitPanel *self, const char *text);
/* Chooses preset I of the drop-down, as the user would. */
void eisfit_fit_panel_select_preset (EisfitFitPanel *self, guint i);

/* The geometry every spectrum opened from now on starts with (copied; NOTE says whose), and
 * that geometry (borrowed, "" when not given). */
void eisfit_fit_panel_set_default_geometry (EisfitFitPanel *self, const char *t, const char *d,
                                            const char *a, const char *note);
/* Whose the geometry for files opened from now on is: the FILE it was typed for (NULL: not
 * known; copied, made absolute), that file's CELL type ("" not said), and RESTORED, whether it
 * is the last session's (then applied only to files of that sample: see below). Set on each
 * typing (the current spectrum's file, not restored); the window sets the last session's. */
void eisfit_fit_panel_set_default_geometry_owner (EisfitFitPanel *self, const char *file,
                                                  const char *cell, gboolean restored);
void eisfit_fit_panel_get_default_geometry_owner (EisfitFitPanel *self, const char **file,
                                                  const char **cell, gboolean *restored);
/* Why the last session's geometry is not given to the file PATH of cell type CELL ("" not
 * said) being opened, NULL when it is (it was typed for a file of the same sample, the same
 * folder and stem as eis_sample_same says, and of no other cell type) or there is none: it
 * was typed for another sample, for another cell type, or the settings do not say for which
 * file (written before eisfit-gtk kept it). New. */
char *eisfit_fit_panel_dup_restored_refusal (EisfitFitPanel *self, const char *path,
                                             const char *cell);
void eisfit_fit_panel_get_default_geometry (EisfitFitPanel *self, const char **t, const char **d,
                                            const char **a, const char **note);
/* Types T, D and A into the geometry entries, one after another, as the user would. */
void eisfit_fit_panel_type_geometry (EisfitFitPanel *self, const char *t, const char *d,
                                     const char *a);

/* The headline of the conductivity above the parameter table (borrowed). */
GtkWidget *eisfit_fit_panel_get_sigma_summary (EisfitFitPanel *self);
/* "Apply to all files": the geometry in the entries and the shown spectrum's cell type to every
 * spectrum open. The button emits "apply-geometry-all" (the window records an undo step and
 * calls this). */
void eisfit_fit_panel_apply_geometry_to_all (EisfitFitPanel *self);
/* Fills the fit's summary and the conductivity again (the fits or the geometry changed). */
void eisfit_fit_panel_update_results (EisfitFitPanel *self);
/* Puts WIDGET under the fit's summary (the points left out). */
void eisfit_fit_panel_add_under_summary (EisfitFitPanel *self, GtkWidget *widget);

/* What the panel shows, for --test-script's print: "fit-info", "geometry", "conductivity",
 * "arcs", "bic", "table", "inputs", "circuit" (new string ending in a newline), NULL for
 * another word. */
char *eisfit_fit_panel_dup_text (EisfitFitPanel *self, const char *what);

G_END_DECLS

#endif
