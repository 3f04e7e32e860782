/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The small modal dialogs of eisfit-gtk (File Properties, Export Figure, the label of a
 * spectrum): one window, margins and Cancel/OK row for all. */
#ifndef EISFIT_DIALOG_H
#define EISFIT_DIALOG_H

#include <gtk/gtk.h>

/* A modal window over PARENT titled TITLE, not resizable, whose child is a vertical box of
 * SPACING px with 18 px margins (*BOX, for the content). */
GtkWidget *eisfit_dialog_new (GtkWindow *parent, const char *title, int spacing, GtkWidget **box);

/* Ends BOX of DIALOG with, when ERROR is not NULL, a hidden error label (*ERROR; set its text
 * and show it when the input is refused), then a row of Cancel, which closes DIALOG, and
 * OK_LABEL, the suggested and default action, whose "clicked" calls OK_CB with DATA. */
void eisfit_dialog_add_buttons (GtkWidget *dialog, GtkWidget *box, const char *ok_label,
                                GCallback ok_cb, gpointer data, GtkWidget **error);

#endif
