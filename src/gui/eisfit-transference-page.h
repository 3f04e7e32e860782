/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The transference view: pick a DC polarization series and the spectra measured before and
 * after it, get t+ by Bruce-Vincent (src/core/transference.h) with the current plotted. */
#ifndef EISFIT_TRANSFERENCE_PAGE_H
#define EISFIT_TRANSFERENCE_PAGE_H

#include <gtk/gtk.h>

#include "transference.h"

#include <cairo.h>

#include "eis-error.h"
#include "spectrum.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_TRANSFERENCE_PAGE (eisfit_transference_page_get_type ())
G_DECLARE_FINAL_TYPE (EisfitTransferencePage, eisfit_transference_page, EISFIT,
                      TRANSFERENCE_PAGE, GtkWidget)

GtkWidget *eisfit_transference_page_new (void);

/* Asked to fit ITEMS (EisfitSpectrumItem *, borrowed) with the automatic circuit, as eisfit
 * transference does; returns FALSE when it cannot now (a fit is running). The page is told
 * the fits are done by eisfit_transference_page_fits_changed. */
typedef gboolean (*EisfitTransferenceFitFunc) (GPtrArray *items, gpointer data);
void eisfit_transference_page_set_fit_func (EisfitTransferencePage *self,
                                            EisfitTransferenceFitFunc func, gpointer data);
/* Presses Compute t+: TRUE when a result is shown or the fits it needs were started. */
gboolean eisfit_transference_page_compute (EisfitTransferencePage *self);
/* The spectra behind the shown result ("li-before.csv #1"), and which arcs gave R0 and Rss
 * (NULL when they were typed); NULL when there is no result. Borrowed. */
const char *eisfit_transference_page_get_used (EisfitTransferencePage *self, const char **after,
                                               const char **r0_from, const char **rss_from);
/* The circuits of the fits the shown result used, before and after (NULL: none; one of them
 * may be a copy refitted so that both have one circuit, as eisfit transference fits them), and
 * what was done to give them one circuit, or why not ("" when they had one). NULL when there
 * is no result. Borrowed. */
const char *eisfit_transference_page_get_circuits (EisfitTransferencePage *self,
                                                   const char **before, const char **after);

/* SPECTRA: a list of EisfitSpectrumItem (kept); SERIES: the DC series of the loaded files
 * (EisSeries *, borrowed; the caller keeps them alive and calls this again when they change). */
void eisfit_transference_page_set_data (EisfitTransferencePage *self, GListModel *spectra,
                                        GPtrArray *series);
/* The spectra's fits changed: refill the resistances from the chosen spectra's own fits and
 * compute t+ when they allow. */
void eisfit_transference_page_fits_changed (EisfitTransferencePage *self);

/* TRUE once a transference number has been computed (its figure is shown). */
gboolean eisfit_transference_page_has_figure (EisfitTransferencePage *self);
/* The last computed result (borrowed), or NULL when there is none. */
const EisBVResult *eisfit_transference_page_get_result (EisfitTransferencePage *self);
/* The arcs whose role the capacitance leaves open behind the result's other reading (borrowed;
 * "R1||CPE1 (R 149.5 Ohm, C_eff 5e-09 F, taken as electrolyte)"), and whether that reading
 * counts them in the interface; NULL when the result has one reading. */
const char *eisfit_transference_page_get_other_reading (EisfitTransferencePage *self,
                                                        gboolean *to_interface);
/* The interface during the hold behind the result shown (R_int(t) of the spectra checked,
 * in time order): how many points, and point I with its spectrum and whether R_ss came from
 * it; NULL past the end or without a result. */
size_t eisfit_transference_page_get_n_interface (EisfitTransferencePage *self);
const EisBVInterfacePoint *eisfit_transference_page_get_interface (EisfitTransferencePage *self,
                                                                   size_t i,
                                                                   const EisSpectrum **spectrum,
                                                                   gboolean *rss_here);
/* The file of the DC series behind the result (borrowed), or NULL. */
const char *eisfit_transference_page_get_series_source (EisfitTransferencePage *self);
/* The figure's view (borrowed), for its size. */
GtkWidget *eisfit_transference_page_get_plot (EisfitTransferencePage *self);
/* Draws the figure onto CR over W x H (for export); an error when there is none yet. */
int eisfit_transference_page_draw (EisfitTransferencePage *self, cairo_t *cr, double w, double h,
                                   EisError *err);

/* For tests (--test-script): what the page shows, one "key: text" line each (series, before,
 * after, R_b, R0, R_ss, source, result, plot), and choosing the spectra by list position
 * (1-based; 0 = none). */
char *eisfit_transference_page_dup_state (EisfitTransferencePage *self);
gboolean eisfit_transference_page_choose (EisfitTransferencePage *self, guint before,
                                          guint after);
/* For tests: sets one choice as a user would: "method" (bv, watanabe, ratio), "i0" (auto,
 * extrapolated, first, calculated), "spike" (a time, "" = found; as if Enter was pressed),
 * "arcs" (the interface arcs, "R1,R2"; "" = by capacitance; as if Enter was pressed), "during"
 * ("none", "all" or list positions from 1, "3,4"), or types into "dV" (mV), "R_b", "R0",
 * "R_ss". FALSE when WHAT or VALUE is not one of these. */
gboolean eisfit_transference_page_set_choice (EisfitTransferencePage *self, const char *what,
                                              const char *value);

/* The choices the user made, for a project: the DC series (0-based position), the spectra before
 * and after (1-based list positions, 0 = none) and the step as typed [mV] (borrowed); and the
 * same chosen again (a series or spectrum beyond the lists is left as it is). */
void eisfit_transference_page_get_selection (EisfitTransferencePage *self, guint *series,
                                             guint *before, guint *after, const char **dv_mv);
void eisfit_transference_page_select (EisfitTransferencePage *self, guint series, guint before,
                                      guint after, const char *dv_mv);

/* The choices saved in a project: method ("bv", ...), I0 rule ("auto", "first", ...), the spike
 * window as typed, the interface arcs as typed ("R1,R2", as eisfit transference
 * --interface-arcs; "" = decided by the arcs' capacitance), and R_b, R0, R_ss as typed (""
 * when they show the fits' values). All newly allocated. */
void eisfit_transference_page_get_choices (EisfitTransferencePage *self, char **method, char **i0,
                                           char **spike, char **arcs, char **r_b, char **r0,
                                           char **r_ss);
/* Puts them back ("" or NULL: left as they are); a result shown is computed again. */
void eisfit_transference_page_set_choices (EisfitTransferencePage *self, const char *method,
                                           const char *i0, const char *spike, const char *arcs,
                                           const char *r_b, const char *r0, const char *r_ss);

/* The spectra checked during the hold, as 0-based positions in the spectra list (*POSITIONS
 * newly allocated, *N of them); and the same checked again (the others unchecked; a spectrum
 * without a time column stays unchecked). */
void eisfit_transference_page_get_during (EisfitTransferencePage *self, guint **positions,
                                          guint *n);
void eisfit_transference_page_set_during (EisfitTransferencePage *self, const guint *positions,
                                          guint n);

/* The cell types of files changed (eisfit_spectrum_item_set_cell): spectra of cells with
 * blocking electrodes (a pellet, a liquid) are no longer chosen as before or after; nothing chosen, the spectra are
 * guessed again (Li|electrolyte|Li cells first). */
void eisfit_transference_page_cells_changed (EisfitTransferencePage *self);

G_END_DECLS

#endif
