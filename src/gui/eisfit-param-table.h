/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parameter table of the current circuit: name, value (editable), ± standard error (or
 * "at bound", and a warning for parameters the engine marks undetermined), unit, fixed, lower
 * and upper bound. Rebuilt for every circuit; edits emit "changed" at once. */
#ifndef EISFIT_PARAM_TABLE_H
#define EISFIT_PARAM_TABLE_H

#include <gtk/gtk.h>

#include "circuit.h"
#include "fit.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_PARAM_TABLE (eisfit_param_table_get_type ())
G_DECLARE_FINAL_TYPE (EisfitParamTable, eisfit_param_table, EISFIT, PARAM_TABLE, GtkWidget)

GtkWidget *eisfit_param_table_new (void);

/* Rebuilds the rows for C (borrowed only during the call; NULL: empty table) with starting
 * VALUES (n_params, natural units; NULL: blank). Fixed flags and bounds are kept when C is the
 * circuit already shown, else they start cleared. */
void eisfit_param_table_set_circuit (EisfitParamTable *self, const EisCircuit *c,
                                     const double *values);
/* Fills values, standard errors and fixed flags from a fit of the same circuit, and marks the
 * parameters that are undetermined or rest on a bound (the table's, or (0, 1] for exponents). */
void eisfit_param_table_set_result (EisfitParamTable *self, const EisFitResult *r);
/* Number of rows (parameters). */
size_t eisfit_param_table_get_n (EisfitParamTable *self);
/* Copies of the current values, fixed flags, bounds (NAN where blank or unparseable);
 * each array has eisfit_param_table_get_n elements. Returns FALSE if a value is missing. */
gboolean eisfit_param_table_get (EisfitParamTable *self, double *values, int *fixed,
                                 double *lower, double *upper);
/* Text with one "name value stderr" line per parameter (for --print-params), followed by the
 * words "at-bound" and/or "undetermined" when they apply. */
char *eisfit_param_table_dup_text (EisfitParamTable *self);

/* What the user can edit, one "NAME value=V fix=on|off min=LO max=HI" line per parameter, as
 * the entries show it (for tests). */
char *eisfit_param_table_dup_inputs (EisfitParamTable *self);

/* As if the user typed TEXT into column WHAT ("value", "min", "max") of parameter NAME, or ticked
 * ("fix" with TEXT "on") or cleared its Fix box; FALSE when there is no such parameter. */
gboolean eisfit_param_table_edit (EisfitParamTable *self, const char *name, const char *what,
                                  const char *text);

/* SE relative to VALUE as the panels print it: two significant digits, "0.040 %", "1.5 %",
 * "12 %" (NULL when it is not a number). */
char *eisfit_rel_error_text (double value, double se);

G_END_DECLS

#endif
