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

/* A Save file chooser over PARENT (may be NULL) titled TITLE, its button ACCEPT, opening in
 * FOLDER (NULL or "": the chooser's own choice) with the file NAME proposed (NULL: none). The
 * export dialog, the Series page and the window's exports share it. */
GtkFileChooserNative *eisfit_dialog_new_save_chooser (GtkWindow *parent, const char *title,
                                                      const char *accept, const char *folder,
                                                      const char *name);
/* The local path chosen in CHOOSER when RESPONSE accepts it (new), NULL otherwise (cancelled,
 * or a file with no local path). */
char *eisfit_dialog_dup_chosen_path (GtkNativeDialog *chooser, int response);

#endif
