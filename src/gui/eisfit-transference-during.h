/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Transference page's "Spectra during the hold": a menu button whose popover lists the open
 * spectra with check boxes, each with its time since the step of the polarization (eisfit
 * transference --during); a spectrum without a time column is greyed. Signal "toggled": a box
 * was checked or unchecked by the user or the page. */
#ifndef EISFIT_TRANSFERENCE_DURING_H
#define EISFIT_TRANSFERENCE_DURING_H

#include <gtk/gtk.h>

#include "eisfit-spectrum-item.h"
#include "spectrum.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_TRANSFERENCE_DURING (eisfit_transference_during_get_type ())
G_DECLARE_FINAL_TYPE (EisfitTransferenceDuring, eisfit_transference_during, EISFIT,
                      TRANSFERENCE_DURING, GtkWidget)

GtkWidget *eisfit_transference_during_new (void);

/* The time of SP since the step of S (the polarization file's clock), as eisfit transference
 * places a spectrum: when its sweep began [s]; NAN without a time column or without S. */
double eisfit_transference_spectrum_time (const EisSpectrum *sp, const EisSeries *s);
/* "li-before.csv #1": ITEM as the Transference page names it; new. */
char *eisfit_transference_item_name (EisfitSpectrumItem *item);

/* One check box per spectrum of SPECTRA (EisfitSpectrumItem) with its time since the step of
 * SERIES (NULL: none). CHECKED (a set of items, as _dup_checked gives) stay checked; when
 * NULL, the polarization file's own spectra measured after the step (a multi-technique file)
 * are checked, except the ones before and after (B, A: 1-based positions, 0: none). */
void eisfit_transference_during_rebuild (EisfitTransferenceDuring *self, GListModel *spectra,
                                         const EisSeries *series, GHashTable *checked, guint b,
                                         guint a);
/* How many boxes there are (one per spectrum of the last rebuild). */
guint eisfit_transference_during_get_n (EisfitTransferenceDuring *self);
/* The items checked (a set of references), NULL when there is no box. */
GHashTable *eisfit_transference_during_dup_checked (EisfitTransferenceDuring *self);

/* A spectrum checked that has a time since the step: ITEM borrowed (the box keeps it). */
typedef struct {
  EisfitSpectrumItem *item;
  double t;  /* s since the step of the series asked */
} EisfitDuringPick;
/* The checked spectra with a time since the step of S, sorted by that time (a new array of
 * EisfitDuringPick). */
GArray *eisfit_transference_during_dup_picks (EisfitTransferenceDuring *self, const EisSeries *s);
/* The checked boxes' labels joined by "; " ("" when none); new. */
char *eisfit_transference_during_dup_text (EisfitTransferenceDuring *self);

/* The boxes checked, by position (0-based; a new array of N), and set so (the others
 * unchecked; a greyed box stays unchecked). */
void eisfit_transference_during_get_positions (EisfitTransferenceDuring *self, guint **positions,
                                               guint *n);
void eisfit_transference_during_set_positions (EisfitTransferenceDuring *self,
                                               const guint *positions, guint n);
/* As the page's --test-script choice "during": "none", "all" (every box with a time) or
 * positions in the list from 1 ("3,4"); FALSE for a position not there or greyed. */
gboolean eisfit_transference_during_set_text (EisfitTransferenceDuring *self, const char *value);

G_END_DECLS

#endif
