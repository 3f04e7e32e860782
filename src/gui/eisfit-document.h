/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The document of a window of eisfit-gtk: the files opened, their spectra (with each one's fit,
 * points left out, geometry and temperature, in EisfitSpectrumItem) and the project they are
 * saved to. Pages and panels listen to its signals; the window only assembles them. */
#ifndef EISFIT_DOCUMENT_H
#define EISFIT_DOCUMENT_H

#include <gio/gio.h>

#include "eisfit-spectrum-item.h"
#include "import.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_DOCUMENT (eisfit_document_get_type ())
G_DECLARE_FINAL_TYPE (EisfitDocument, eisfit_document, EISFIT, DOCUMENT, GObject)

/* Signals:
 *   spectrum-added (EisfitSpectrumItem *item, guint position): ITEM is in the list at POSITION.
 *   spectrum-removed (EisfitSpectrumItem *item, guint position): ITEM was at POSITION and is
 *     no longer in the list (the handler may still use it; nothing may keep pointing at it).
 *   fit-changed (EisfitSpectrumItem *item): ITEM's fit was set, replaced or taken away.
 *   spectrum-changed (EisfitSpectrumItem *item): ITEM's points left out, label, temperature,
 *     geometry or cell type changed (the item's own "changed").
 *   model-changed: the model of the parameter table changed (eisfit_document_set_model).
 *   series-added: a DC series was added.
 *   spectra-reordered: a spectrum moved in the list to keep its order (its temperature
 *     changed; eisfit_document_place_spectrum).
 * Properties: "path" (the project file, NULL: never saved or opened), "dirty" (changed since
 * it was saved or opened). */

EisfitDocument *eisfit_document_new (void);

/* The spectra in list order (EisfitSpectrumItem), borrowed; changed only through the document. */
GListStore *eisfit_document_get_store (EisfitDocument *self);
guint eisfit_document_get_n_spectra (EisfitDocument *self);
/* The files opened (EisDataFile *, owned by the document) and the DC series of those files
 * that can be a polarization (EisSeries *, borrowed from the files), both borrowed. */
GPtrArray *eisfit_document_get_files (EisfitDocument *self);
GPtrArray *eisfit_document_get_series (EisfitDocument *self);

/* Takes DF (an imported file); its spectra are added apart (add_spectrum). */
void eisfit_document_take_file (EisfitDocument *self, EisDataFile *df);
/* The SHA-256 and size of file I (in get_files order) as it was when it was taken; FALSE when
 * it could not be read then. */
gboolean eisfit_document_get_file_sum (EisfitDocument *self, guint i, char sha256[65],
                                       unsigned long long *size);
/* Adds SERIES (of a file taken) to the DC series of the Transference tab. */
void eisfit_document_add_series (EisfitDocument *self, EisSeries *series);
/* Puts ITEM (a new reference is taken) at POSITION (past the end: appended). */
void eisfit_document_insert_spectrum (EisfitDocument *self, guint position,
                                      EisfitSpectrumItem *item);
void eisfit_document_add_spectrum (EisfitDocument *self, EisfitSpectrumItem *item);
/* Takes ITEM out of the list; FALSE when it is not in it. *POSITION (may be NULL): where it was. */
gboolean eisfit_document_remove_spectrum (EisfitDocument *self, EisfitSpectrumItem *item,
                                          guint *position);

/* The list's order: by temperature where it is known (as eisfit series orders a temperature
 * series), spectra of one temperature by the time of the measurement (their earliest time
 * stamp) where it is known; spectra without a temperature after those with one. <0, 0 or >0 as
 * A goes before, beside or after B. */
int eisfit_document_list_order (EisfitSpectrumItem *a, EisfitSpectrumItem *b);
/* Keeps the list in that order (TRUE, the default): a spectrum whose temperature changes moves
 * to its place (spectra-reordered). FALSE while a project is opened in its own order. */
void eisfit_document_set_keep_order (EisfitDocument *self, gboolean keep);
/* Moves ITEM, when it is out of order with its neighbours, before the first other spectrum
 * that goes after it (one change of the list: a selection stays); TRUE when it moved. */
gboolean eisfit_document_place_spectrum (EisfitDocument *self, EisfitSpectrumItem *item);

/* Sets ITEM's fit (CIRCUIT and FIT taken; NULL, NULL: not fitted) with the automatic choice's
 * explanation WHY, and says so (fit-changed). */
void eisfit_document_set_fit (EisfitDocument *self, EisfitSpectrumItem *item,
                              EisCircuit *circuit, EisFitResult *fit, const char *why);

/* The model the parameter table holds for ITEM (the spectrum shown; NULL: none): circuit C
 * (NULL: none) with VALUES (as in the table, NAN where blank; NULL: all blank), both copied;
 * EDITED: typed since ITEM was last fitted or its table filled. Emits model-changed. */
void eisfit_document_set_model (EisfitDocument *self, EisfitSpectrumItem *item,
                                const EisCircuit *c, const double *values, gboolean edited);
/* The table's circuit when its model is ITEM's (borrowed), else NULL; *VALUES (one per
 * parameter) and *EDITED (either may be NULL) with it. */
const EisCircuit *eisfit_document_get_model (EisfitDocument *self, EisfitSpectrumItem *item,
                                             const double **values, gboolean *edited);

/* ITEM's legend entry (new string): the label the user gave it, or its file name without the
 * extension ("#N" added when the file holds several spectra). */
char *eisfit_document_dup_legend_label (EisfitDocument *self, EisfitSpectrumItem *item);

const char *eisfit_document_get_path (EisfitDocument *self);
void eisfit_document_set_path (EisfitDocument *self, const char *path);
gboolean eisfit_document_get_dirty (EisfitDocument *self);
void eisfit_document_set_dirty (EisfitDocument *self, gboolean dirty);

G_END_DECLS

#endif
