/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The side panel's conductivity and arcs of one spectrum's fit. */
#ifndef EISFIT_CONDUCTIVITY_PANEL_H
#define EISFIT_CONDUCTIVITY_PANEL_H

#include <gtk/gtk.h>

#include "conductivity.h"
#include "eisfit-spectrum-item.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_CONDUCTIVITY_PANEL (eisfit_conductivity_panel_get_type ())
G_DECLARE_FINAL_TYPE (EisfitConductivityPanel, eisfit_conductivity_panel, EISFIT,
                      CONDUCTIVITY_PANEL, GtkBox)

/* Shows the conductivity and arcs of ITEM's fit (NULL, or not fitted: says to fit it) with
 * geometry GEOM (NULL: none, resistances only). STALE: the table was edited since the fit (the
 * values are the last fit's: said, and the arcs dimmed). */
void eisfit_conductivity_panel_show (EisfitConductivityPanel *self, EisfitSpectrumItem *item,
                                     const EisGeometry *geom, gboolean stale);
/* The headline of the last _show, for the top of the side panel: sigma total (and bulk), or
 * R total without geometry; NULL when there is none (not fitted, no electrolyte resistance).
 * Borrowed. */
const char *eisfit_conductivity_panel_get_summary (EisfitConductivityPanel *self);
/* The grid of the conductivities, or of the ARCS (borrowed; for --test-script's print). */
GtkWidget *eisfit_conductivity_panel_get_grid (EisfitConductivityPanel *self, gboolean arcs);

/* X with an SI prefix and UNIT: "2.385 kΩ" (new string). */
char *eisfit_format_si (double x, const char *unit);

G_END_DECLS

#endif
