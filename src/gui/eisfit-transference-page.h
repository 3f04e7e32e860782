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

/* SPECTRA: a list of EisfitSpectrumItem (kept); SERIES: the DC series of the loaded files
 * (EisSeries *, borrowed; the caller keeps them alive and calls this again when they change). */
void eisfit_transference_page_set_data (EisfitTransferencePage *self, GListModel *spectra,
                                        GPtrArray *series);
/* The spectra's fits changed: refill the resistances from them. */
void eisfit_transference_page_fits_changed (EisfitTransferencePage *self);

/* TRUE once a transference number has been computed (its figure is shown). */
gboolean eisfit_transference_page_has_figure (EisfitTransferencePage *self);
/* The last computed result (borrowed), or NULL when there is none. */
const EisBVResult *eisfit_transference_page_get_result (EisfitTransferencePage *self);
/* The figure's view (borrowed), for its size. */
GtkWidget *eisfit_transference_page_get_plot (EisfitTransferencePage *self);
/* Draws the figure onto CR over W x H (for export); an error when there is none yet. */
int eisfit_transference_page_draw (EisfitTransferencePage *self, cairo_t *cr, double w, double h,
                                   EisError *err);

G_END_DECLS

#endif
