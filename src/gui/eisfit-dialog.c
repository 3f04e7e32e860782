/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The small modal dialogs' window and button row (see eisfit-dialog.h). */
#include "eisfit-dialog.h"

GtkWidget *
eisfit_dialog_new (GtkWindow *parent, const char *title, int spacing, GtkWidget **box)
{
  GtkWidget *dialog = gtk_window_new ();

  gtk_window_set_title (GTK_WINDOW (dialog), title);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);
  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);
  gtk_widget_set_margin_start (*box, 18);
  gtk_widget_set_margin_end (*box, 18);
  gtk_widget_set_margin_top (*box, 18);
  gtk_widget_set_margin_bottom (*box, 18);
  gtk_window_set_child (GTK_WINDOW (dialog), *box);
  return dialog;
}

void
eisfit_dialog_add_buttons (GtkWidget *dialog, GtkWidget *box, const char *ok_label,
                           GCallback ok_cb, gpointer data, GtkWidget **error)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic ("_Cancel");
  GtkWidget *ok = gtk_button_new_with_mnemonic (ok_label);

  if (error)
    {
      *error = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (*error), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (*error), 40);
      gtk_label_set_xalign (GTK_LABEL (*error), 0.0);
      gtk_widget_add_css_class (*error, "error");
      gtk_widget_set_visible (*error, FALSE);
      gtk_box_append (GTK_BOX (box), *error);
    }
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (ok, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), ok);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_default_widget (GTK_WINDOW (dialog), ok);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), dialog);
  g_signal_connect (ok, "clicked", ok_cb, data);
}

GtkFileChooserNative *
eisfit_dialog_new_save_chooser (GtkWindow *parent, const char *title, const char *accept,
                                const char *folder, const char *name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               accept, "_Cancel");

  if (folder && *folder)
    {
      g_autoptr (GFile) f = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), f, NULL);
    }
  if (name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

char *
eisfit_dialog_dup_chosen_path (GtkNativeDialog *chooser, int response)
{
  g_autoptr (GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  return file ? g_file_get_path (file) : NULL;
}
