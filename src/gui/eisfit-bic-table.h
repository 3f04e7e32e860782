/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The automatic circuit choice as a table: every candidate eis_fit_auto fitted, its BIC and how
 * far it lies above the chosen one, and why each was passed over (not determined, degenerate,
 * outside its physical range, not converged, or a higher BIC). */
#ifndef EISFIT_BIC_TABLE_H
#define EISFIT_BIC_TABLE_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EISFIT_TYPE_BIC_TABLE (eisfit_bic_table_get_type ())
G_DECLARE_FINAL_TYPE (EisfitBicTable, eisfit_bic_table, EISFIT, BIC_TABLE, GtkWidget)

GtkWidget *eisfit_bic_table_new (void);

/* Shows the comparison in WHY, eis_fit_auto's explanation ("picked C by lowest BIC ... (BIC: C1
 * -812.3, C2 -800.1 (not determined), ...)"); NULL or "" (a circuit given, no fit) hides the
 * table. */
void eisfit_bic_table_set_why (EisfitBicTable *self, const char *why);

/* For tests: the table, one "circuit | BIC | dBIC | verdict" line per candidate after a
 * heading line; "" when hidden. Newly allocated. */
char *eisfit_bic_table_dup_text (EisfitBicTable *self);

G_END_DECLS

#endif
