/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GtkPaned between a figure and a table or report that opens with the table's (report's)
 * natural height, up to a cap, and keeps the height the user drags its handle to. */
#ifndef EISFIT_PANED_H
#define EISFIT_PANED_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Until the user moves PANED's handle, SIDE (one of its children, the one that does not
 * resize with the paned) is given its natural height for the paned's width, at most MOST_PX
 * (<= 0: no cap; see eisfit_paned_set_most) and at least LEAST_PX; once moved, SIDE keeps
 * only LEAST_PX as its least height (-1: its own), and the paned keeps the position dragged to.
 * A GtkPaned sizes a side that does not resize from its least height: SIDE's is raised to
 * the height wanted while the paned is left to itself. */
void eisfit_paned_fit_side (GtkPaned *paned, GtkWidget *side, int least_px, int most_px);
/* A new cap (e.g. a fifth of the page when its height changed). */
void eisfit_paned_set_most (GtkPaned *paned, int most_px);
/* A cap that follows the paned's height: at least FRACTION of it (0: none). */
void eisfit_paned_set_most_fraction (GtkPaned *paned, double fraction);
/* SIDE's content (and so its natural height) changed: fitted again at once. */
void eisfit_paned_refit (GtkPaned *paned);
/* TRUE once the user (or a script's "divider") moved the handle. */
gboolean eisfit_paned_moved (GtkPaned *paned);

G_END_DECLS

#endif
