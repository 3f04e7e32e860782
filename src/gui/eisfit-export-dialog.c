/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export Figure dialog (see eisfit-export-dialog.h): a small window of spin buttons whose
 * values outlive it, for the session, so that a series of figures gets one size. */
#include "eisfit-export-dialog.h"

#include "eisfit-dialog.h"

#include <math.h>
#include <string.h>

/* one column of a journal page, 300 dpi, 8 pt text: what most journals ask for */
static EisPlotPaper last = { 8.5, 6.5, 300, 8, NULL };
static guint last_format; /* 0 PNG, 1 SVG, 2 PDF */

static const char *const format_ext[] = { "png", "svg", "pdf" };

typedef struct {
  GtkWidget *window;
  GtkWidget *width, *height, *dpi, *font, *title, *format, *pixels, *error;
  char *name;
  char *folder;
  EisfitExportFunc export;
  gpointer user_data;
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  g_free (d->name);
  g_free (d->folder);
  g_free (d);
}

static void
read_values (Dialog *d, EisPlotPaper *p)
{
  p->width_cm = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->width));
  p->height_cm = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->height));
  p->dpi = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->dpi));
  p->font_pt = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->font));
  p->title = NULL;
}

/* "1004 × 768 pixels" for PNG, "241 × 184 points" otherwise */
static void
update_pixels_cb (GtkWidget *widget, GParamSpec *pspec, Dialog *d)
{
  EisPlotPaper p;
  guint format = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->format));
  g_autofree char *text = NULL;

  read_values (d, &p);
  gtk_widget_set_sensitive (d->dpi, format == 0);
  if (format == 0)
    text = g_strdup_printf ("%.0f × %.0f pixels", round (p.width_cm / 2.54 * p.dpi),
                            round (p.height_cm / 2.54 * p.dpi));
  else
    text = g_strdup_printf ("%.0f × %.0f points, text and lines as vectors",
                            round (p.width_cm / 2.54 * 72), round (p.height_cm / 2.54 * 72));
  gtk_label_set_text (GTK_LABEL (d->pixels), text);
}

static void
file_response_cb (GtkNativeDialog *chooser, int response, Dialog *d)
{
  g_autofree char *path = eisfit_dialog_dup_chosen_path (chooser, response);

  if (path)
    {
      EisPlotPaper p;
      EisError err = { 0 };
      const char *title = gtk_editable_get_text (GTK_EDITABLE (d->title));

      read_values (d, &p);
      p.title = title[0] ? title : NULL;
      if (d->export (path, &p, &err, d->user_data) != EIS_OK)
        {
          gtk_label_set_text (GTK_LABEL (d->error), err.message);
          gtk_widget_set_visible (d->error, TRUE);
        }
      else
        {
          last = p;
          last.title = NULL;
          last_format = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->format));
          gtk_window_destroy (GTK_WINDOW (d->window));
        }
    }
  g_object_unref (chooser);
}

static void
export_clicked_cb (GtkButton *button, Dialog *d)
{
  guint format = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->format));
  g_autofree char *file = g_strdup_printf ("%s.%s", d->name, format_ext[format % 3]);
  /* no file-type filters: the extension typed decides the format */
  GtkFileChooserNative *chooser = eisfit_dialog_new_save_chooser (
    GTK_WINDOW (d->window), "Export Figure", "_Export", d->folder, file);

  g_signal_connect (chooser, "response", G_CALLBACK (file_response_cb), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
spin (double value, double lo, double hi, double step, int digits)
{
  GtkWidget *s = gtk_spin_button_new_with_range (lo, hi, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (s), (guint) digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (s), value);
  gtk_widget_set_hexpand (s, TRUE);
  return s;
}

static void
add_row (GtkGrid *grid, int row, const char *label, GtkWidget *widget, const char *unit)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 1.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), widget);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, unit ? 1 : 2, 1);
  if (unit)
    {
      GtkWidget *u = gtk_label_new (unit);

      gtk_label_set_xalign (GTK_LABEL (u), 0.0);
      gtk_widget_add_css_class (u, "dim-label");
      gtk_grid_attach (grid, u, 2, row, 1, 1);
    }
}

void
eisfit_export_dialog_last (EisPlotPaper *paper)
{
  *paper = last;
  paper->title = NULL;
}

void
eisfit_export_dialog_run (GtkWindow *parent, const char *name, const char *folder,
                          EisfitExportFunc export, gpointer user_data)
{
  static const char *const formats[] = { "PNG image", "SVG drawing", "PDF document", NULL };
  Dialog *d = g_new0 (Dialog, 1);
  GtkWidget *box, *grid, *note;

  d->name = g_strdup (name);
  d->folder = g_strdup (folder);
  d->export = export;
  d->user_data = user_data;
  d->window = eisfit_dialog_new (parent, "Export Figure", 12, &box);
  g_object_set_data_full (G_OBJECT (d->window), "eisfit-export-dialog", d, dialog_free);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);

  d->format = gtk_drop_down_new_from_strings (formats);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (d->format), last_format);
  d->width = spin (last.width_cm, 2, 200, 0.5, 1);
  d->height = spin (last.height_cm, 2, 200, 0.5, 1);
  d->dpi = spin (last.dpi, 30, 2400, 50, 0);
  d->font = spin (last.font_pt, 4, 40, 1, 1);
  d->title = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->title), "none");
  add_row (GTK_GRID (grid), 0, "_Format", d->format, NULL);
  add_row (GTK_GRID (grid), 1, "_Width", d->width, "cm");
  add_row (GTK_GRID (grid), 2, "_Height", d->height, "cm");
  add_row (GTK_GRID (grid), 3, "_Resolution", d->dpi, "dpi");
  add_row (GTK_GRID (grid), 4, "Te_xt size", d->font, "pt");
  add_row (GTK_GRID (grid), 5, "_Title", d->title, NULL);
  d->pixels = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (d->pixels), 0.0);
  gtk_widget_add_css_class (d->pixels, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), d->pixels, 1, 6, 2, 1);
  gtk_box_append (GTK_BOX (box), grid);

  note = gtk_label_new ("One journal column is about 8.5 cm wide, a page 17 cm. "
                        "Exported figures are drawn on white, whatever the theme.");
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 40);
  gtk_label_set_xalign (GTK_LABEL (note), 0.0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), note);
  eisfit_dialog_add_buttons (d->window, box, "_Export…", G_CALLBACK (export_clicked_cb), d,
                             &d->error);
  g_signal_connect (d->width, "notify::value", G_CALLBACK (update_pixels_cb), d);
  g_signal_connect (d->height, "notify::value", G_CALLBACK (update_pixels_cb), d);
  g_signal_connect (d->dpi, "notify::value", G_CALLBACK (update_pixels_cb), d);
  g_signal_connect (d->format, "notify::selected", G_CALLBACK (update_pixels_cb), d);
  update_pixels_cb (NULL, NULL, d);
  gtk_window_present (GTK_WINDOW (d->window));
}
