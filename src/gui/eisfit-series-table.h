/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page's table: one row per spectrum of a series fit (series order), one column
 * per quantity: the spectrum, how its own fit compares, T, time, every parameter ± its error
 * (held, fixed, shared), each arc's role and C_eff, R and σ of bulk and grain boundary (the
 * latter apparent), σ total, the interface, χ², the start and the changes along the series. */
#ifndef EISFIT_SERIES_TABLE_H
#define EISFIT_SERIES_TABLE_H

#include <gtk/gtk.h>

#include "eisfit-series-job.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_SERIES_TABLE (eisfit_series_table_get_type ())
G_DECLARE_FINAL_TYPE (EisfitSeriesTable, eisfit_series_table, EISFIT, SERIES_TABLE, GtkWidget)

GtkWidget *eisfit_series_table_new (void);

/* Shows the fit R (NULL: an empty table). */
void eisfit_series_table_show (EisfitSeriesTable *self, const EisfitSeriesJob *r);
/* The spectra's own fits may have changed (R: the fit shown): the column that compares them
 * follows; TRUE when the table was filled again. */
gboolean eisfit_series_table_update_own_fits (EisfitSeriesTable *self, const EisfitSeriesJob *r);
/* The table as text onto S: TSV, tab-separated with a header line (for a spreadsheet), else
 * "columns: a | b" and a "row: ..." line per row (for tests). */
void eisfit_series_table_append_text (EisfitSeriesTable *self, GString *s, gboolean tsv);

G_END_DECLS

#endif
