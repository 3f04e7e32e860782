/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The spectra list's context menu (rename a spectrum's label, remove spectra, copy the figure or
 * the results table), the clipboard, and the CSV exports of the Arrhenius data and of the Ea
 * table. Part of the main window (eisfit-window-private.h). */
#include <config.h>

#include "eisfit-window-private.h"

#include <math.h>
#include <string.h>

#include "eisfit-csv.h"
#include "eisfit-dialog.h"
#include "eisfit-export-dialog.h"

char *
eisfit_window_dup_arrhenius_csv (EisfitWindow *self, GError **error)
{
  EisfitArrheniusData a;
  GString *s;
  size_t i;

  eisfit_window_collect_arrhenius (self, &a);
  if (a.n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "No Arrhenius data: %s",
                   a.why_not ? a.why_not : "select fitted spectra with temperatures.");
      eisfit_arrhenius_data_clear (&a);
      return NULL;
    }
  s = g_string_new ("label,file,spectrum,T_K,T_C,inv_T_1000_per_K,sigma_total_S_cm,"
                    "sigma_total_stderr_S_cm,log10_sigma_total,sigma_bulk_S_cm,"
                    "sigma_bulk_stderr_S_cm,log10_sigma_bulk\n");
  for (i = 0; i < a.n; i++)
    {
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (a.items[i]);
      g_autofree char *label = eisfit_document_dup_legend_label (self->document, a.items[i]);
      /* bulk apart from the total only when some spectrum has a distinct grain boundary */
      double sb = a.distinct ? a.sb[i] : NAN, sb_se = a.distinct ? a.sb_se[i] : NAN;

      eisfit_csv_field (s, label, ',');
      eisfit_csv_field (s, sp->source ? sp->source : "", ',');
      g_string_append_printf (s, "%d,", sp->index + 1);
      eisfit_csv_number (s, a.t[i], ',');
      eisfit_csv_number (s, a.t[i] - 273.15, ',');
      eisfit_csv_number (s, 1000.0 / a.t[i], ',');
      eisfit_csv_number (s, a.st[i], ',');
      eisfit_csv_number (s, a.st_se[i], ',');
      eisfit_csv_number (s, log10 (a.st[i]), ',');
      eisfit_csv_number (s, sb, ',');
      eisfit_csv_number (s, sb_se, ',');
      eisfit_csv_number (s, sb > 0 ? log10 (sb) : NAN, '\n');
    }
  eisfit_arrhenius_data_clear (&a);
  return g_string_free (s, FALSE);
}

static void
ea_row (GString *s, const char *quantity, const EisArrheniusFit *f, const EisfitArrheniusData *a)
{
  double tmin = INFINITY, tmax = -INFINITY;
  size_t i;

  for (i = 0; i < a->n; i++)
    {
      tmin = fmin (tmin, a->t[i]);
      tmax = fmax (tmax, a->t[i]);
    }
  eisfit_csv_field (s, quantity, ',');
  eisfit_csv_number (s, f->Ea_eV, ',');
  eisfit_csv_number (s, f->Ea_se_eV, ',');
  eisfit_csv_number (s, exp (f->ln_A), ',');
  eisfit_csv_number (s, f->ln_A, ',');
  eisfit_csv_number (s, f->ln_A_se, ',');
  eisfit_csv_number (s, f->sigma_ref, ',');
  eisfit_csv_number (s, f->sigma_ref_se, ',');
  eisfit_csv_number (s, f->r2, ',');
  g_string_append_printf (s, "%zu,%s,", f->n, f->weighted ? "yes" : "no");
  eisfit_csv_number (s, tmin, ',');
  eisfit_csv_number (s, tmax, '\n');
}

char *
eisfit_window_dup_ea_csv (EisfitWindow *self, GError **error)
{
  EisfitArrheniusData a;
  GString *s;

  eisfit_window_collect_arrhenius (self, &a);
  if (!a.have_total)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "No activation energy: %s",
                   a.why_not ? a.why_not : "select fitted spectra with temperatures.");
      eisfit_arrhenius_data_clear (&a);
      return NULL;
    }
  /* ln(sigma) = ln A - Ea / (k_B T) (eis_arrhenius_fit); sigma at 25 degrees C from the fit */
  s = g_string_new ("quantity,Ea_eV,Ea_stderr_eV,A_S_cm,ln_A,ln_A_stderr,sigma_25C_S_cm,"
                    "sigma_25C_stderr_S_cm,R2,n_points,weighted,T_min_K,T_max_K\n");
  ea_row (s, "sigma_total", &a.fit_total, &a);
  if (a.have_bulk)
    ea_row (s, "sigma_bulk", &a.fit_bulk, &a);
  eisfit_arrhenius_data_clear (&a);
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------- exports */

typedef char *(*TableFunc) (EisfitWindow *self, GError **error);

static void
save_table_response_cb (GtkNativeDialog *dialog, int response, EisfitWindow *self)
{
  TableFunc table = g_object_get_data (G_OBJECT (dialog), "table");

  g_autofree char *path = eisfit_dialog_dup_chosen_path (dialog, response);

  if (path)
    {
      g_autoptr (GError) error = NULL;

      if (!eisfit_window_save_table (self, path, table == eisfit_window_dup_ea_csv, &error))
        eisfit_window_show_message (self, error->message);
    }
  g_object_unref (dialog);
}

gboolean
eisfit_window_save_table (EisfitWindow *self, const char *path, gboolean ea, GError **error)
{
  g_autofree char *csv = ea ? eisfit_window_dup_ea_csv (self, error)
                            : eisfit_window_dup_arrhenius_csv (self, error);

  if (!csv || !g_file_set_contents (path, csv, -1, error))
    return FALSE;
  eisfit_window_saved_to (self, path);
  return TRUE;
}

static void
save_table (EisfitWindow *self, TableFunc table, const char *title, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = table (self, &error);
  GtkFileChooserNative *dialog;

  if (!csv)
    {
      eisfit_window_show_message (self, error->message);
      return;
    }
  dialog = eisfit_window_new_save_dialog (self, title, "_Export", name);
  g_object_set_data (G_OBJECT (dialog), "table", (gpointer) table);
  g_signal_connect (dialog, "response", G_CALLBACK (save_table_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_arrhenius_action (GtkWidget *widget, const char *name, GVariant *param)
{
  save_table (EISFIT_WINDOW (widget), eisfit_window_dup_arrhenius_csv,
              "Export Arrhenius Data", "arrhenius.csv");
}

static void
export_ea_action (GtkWidget *widget, const char *name, GVariant *param)
{
  save_table (EISFIT_WINDOW (widget), eisfit_window_dup_ea_csv, "Export Activation Energies",
              "activation-energies.csv");
}

/* ---------------------------------------------------------------- clipboard */

gboolean
eisfit_window_copy_figure (EisfitWindow *self, GError **error)
{
  EisPlotPaper paper;
  EisPlotStyle st = { 0, 0, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  EisError err = { 0 };
  int w, h, status;

  /* the size and text of the last export (one journal column at 300 dpi to begin with), drawn
   * for paper: white, text in points */
  eisfit_export_dialog_last (&paper);
  w = (int) lround (paper.width_cm / 2.54 * paper.dpi);
  h = (int) lround (paper.height_cm / 2.54 * paper.dpi);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  st.font_px = paper.font_pt * paper.dpi / 72.0;
  eis_plot_set_style (&st);
  status = eisfit_window_draw_figure (self, cr, w, h, &err);
  eis_plot_set_style (NULL);
  cairo_destroy (cr);
  if (status == EIS_OK)
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GdkTexture) texture = NULL;

      cairo_surface_flush (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * (gsize) h);
      texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                        (gsize) cairo_image_surface_get_stride (surface));
      gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not copy the figure: %s",
                 err.message);
  cairo_surface_destroy (surface);
  return status == EIS_OK;
}

gboolean
eisfit_window_copy_table (EisfitWindow *self, GError **error)
{
  g_autofree char *csv = eisfit_window_dup_results_csv (self);
  g_autofree char *tsv = NULL;

  if (!csv)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Nothing to copy yet: fit one or more spectra first.");
      return FALSE;
    }
  tsv = eisfit_csv_to_tsv (csv);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
  return TRUE;
}

char *
eisfit_window_dup_clipboard (EisfitWindow *self)
{
  GdkContentProvider *p = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (self)));
  GValue v = G_VALUE_INIT;
  char *text = NULL;

  if (!p)
    return g_strdup ("(empty)\n");
  g_value_init (&v, GDK_TYPE_TEXTURE);
  if (gdk_content_provider_get_value (p, &v, NULL) && g_value_get_object (&v))
    {
      GdkTexture *t = g_value_get_object (&v);

      text = g_strdup_printf ("image %d x %d\n", gdk_texture_get_width (t),
                              gdk_texture_get_height (t));
    }
  g_value_unset (&v);
  if (text)
    return text;
  g_value_init (&v, G_TYPE_STRING);
  if (gdk_content_provider_get_value (p, &v, NULL))
    text = g_strdup (g_value_get_string (&v));
  g_value_unset (&v);
  return text ? text : g_strdup ("(unknown)\n");
}

static void
copy_figure_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr (GError) error = NULL;

  if (!eisfit_window_copy_figure (EISFIT_WINDOW (widget), &error))
    eisfit_window_show_message (EISFIT_WINDOW (widget), error->message);
}

static void
copy_table_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr (GError) error = NULL;

  if (!eisfit_window_copy_table (EISFIT_WINDOW (widget), &error))
    eisfit_window_show_message (EISFIT_WINDOW (widget), error->message);
}

/* ---------------------------------------------------------------- rename, remove */

static EisfitSpectrumItem *
item_at (EisfitWindow *self, guint pos)
{
  return g_list_model_get_item (G_LIST_MODEL (self->store), pos);
}

static void
rename_apply (GtkWidget *button, GtkWidget *dialog)
{
  EisfitWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  EisfitSpectrumItem *item = g_object_get_data (G_OBJECT (dialog), "item");
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  eisfit_window_set_label (self, item, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
rename_action (GtkWidget *widget, const char *name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  g_autoptr (EisfitSpectrumItem) item = item_at (self, g_variant_get_uint32 (param));
  GtkWidget *dialog, *box, *entry, *note;
  g_autofree char *current = NULL, *text = NULL;

  if (!item)
    return;
  current = eisfit_document_dup_legend_label (self->document, item);
  dialog = eisfit_dialog_new (GTK_WINDOW (self), "Label", 10, &box);
  text = g_strdup_printf ("The label of %s #%d in legends, exports and tables "
                          "(empty: the file name):",
                          eisfit_spectrum_item_get_title (item),
                          eisfit_spectrum_item_get_spectrum (item)->index + 1);
  note = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 40);
  gtk_label_set_xalign (GTK_LABEL (note), 0.0);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), current);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "e.g. −20 °C");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), note);
  gtk_box_append (GTK_BOX (box), entry);
  eisfit_dialog_add_buttons (dialog, box, "_Rename", G_CALLBACK (rename_apply), dialog, NULL);
  g_object_set_data (G_OBJECT (dialog), "window", self);
  g_object_set_data_full (G_OBJECT (dialog), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
eisfit_window_set_label (EisfitWindow *self, EisfitSpectrumItem *item, const char *label)
{
  g_autofree char *automatic = NULL;

  /* the file name typed back is no label of its own */
  g_autofree char *before = g_strdup (eisfit_spectrum_item_get_label (item));

  eisfit_spectrum_item_set_label (item, NULL);
  automatic = eisfit_document_dup_legend_label (self->document, item);
  eisfit_spectrum_item_set_label (item, g_strcmp0 (label, automatic) == 0 ? NULL : label);
  /* a label is part of the project */
  if (g_strcmp0 (before, eisfit_spectrum_item_get_label (item)) != 0)
    eisfit_window_mark_changed (self);
}

/* The spectra a command on the row at POS is about: the selection when POS is in it, else POS. */
static GPtrArray *
items_for (EisfitWindow *self, guint pos)
{
  GPtrArray *items;

  if (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), pos))
    return eisfit_window_selected_items (self);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (pos < g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    g_ptr_array_add (items, item_at (self, pos));
  return items;
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  g_autoptr (GPtrArray) items = param ? items_for (self, g_variant_get_uint32 (param))
                                      : eisfit_window_selected_items (self);

  if (self->busy || items->len == 0)
    return;
  eisfit_window_remove_items (self, items);
}

/* ---------------------------------------------------------------- the context menu */

static gboolean
unparent_idle_cb (gpointer data)
{
  gtk_widget_unparent (GTK_WIDGET (data));
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* The menu goes once its item's action has run (unparented at once, the action would find no
 * window to run in). */
static void
popover_closed_cb (GtkPopover *popover, gpointer data)
{
  g_idle_add (unparent_idle_cb, g_object_ref (popover));
}

/* The first GtkScrolledWindow inside W, or NULL. */
static GtkWidget *
find_scrolled (GtkWidget *w)
{
  GtkWidget *c, *found;

  if (GTK_IS_SCROLLED_WINDOW (w))
    return w;
  for (c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    if ((found = find_scrolled (c)))
      return found;
  return NULL;
}

/* Opens the list's menu at X, Y (the list's coordinates): the row's items when a row is there,
 * then Copy Figure and Copy Results Table. Returns the popover (owned by the list). */
static GtkWidget *
open_menu (EisfitWindow *self, GtkWidget *list, double x, double y)
{
  GtkWidget *picked = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) section = g_menu_new ();
  GMenuItem *mi;
  GtkWidget *popover;
  guint pos = GTK_INVALID_LIST_POSITION, n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint i;

  /* the row under the pointer: the list item widget whose child holds PICKED */
  for (; picked && picked != list; picked = gtk_widget_get_parent (picked))
    {
      GtkWidget *child = gtk_widget_get_first_child (picked);

      if (child && g_object_get_data (G_OBJECT (child), "eisfit-item"))
        {
          EisfitSpectrumItem *it = g_object_get_data (G_OBJECT (child), "eisfit-item");

          for (i = 0; i < n && pos == GTK_INVALID_LIST_POSITION; i++)
            {
              g_autoptr (EisfitSpectrumItem) other = item_at (self, i);

              if (other == it)
                pos = i;
            }
          break;
        }
    }
  if (pos != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr (GPtrArray) items = items_for (self, pos);
      g_autofree char *remove = items->len > 1 ? g_strdup_printf ("_Remove %u Spectra",
                                                                  items->len)
                                               : g_strdup ("_Remove Spectrum");

      mi = g_menu_item_new ("Re_name Label…", NULL);
      g_menu_item_set_action_and_target_value (mi, "win.rename-spectrum",
                                               g_variant_new_uint32 (pos));
      g_menu_append_item (section, mi);
      g_object_unref (mi);
      mi = g_menu_item_new (remove, NULL);
      g_menu_item_set_action_and_target_value (mi, "win.remove-spectrum",
                                               g_variant_new_uint32 (pos));
      g_menu_append_item (section, mi);
      g_object_unref (mi);
      /* last, as Properties is in file managers */
      mi = g_menu_item_new ("File _Properties…", NULL);
      g_menu_item_set_action_and_target_value (mi, "win.file-properties",
                                               g_variant_new_uint32 (pos));
      g_menu_append_item (section, mi);
      g_object_unref (mi);
    }
  /* one section: GTK 4.8 gives a menu of two sections one separator's height (13 px) less
   * than its items take, and the last item was cut off */
  g_menu_append (section, "_Copy Figure", "win.copy-figure");
  g_menu_append (section, "Copy Results _Table", "win.copy-table");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, list);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle){ (int) x, (int) y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  {
    /* below the pointer when the whole menu fits in the window there, else above it */
    int nat_h = 0;
    double wx = x, wy = y;

    gtk_widget_measure (popover, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat_h, NULL, NULL);
    if (gtk_widget_translate_coordinates (list, GTK_WIDGET (self), x, y, &wx, &wy)
        && wy + nat_h > gtk_widget_get_height (GTK_WIDGET (self)) && wy > nat_h)
      gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_TOP);
  }
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  return popover;
}

static void
list_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, EisfitWindow *self)
{
  open_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

void
eisfit_window_list_init (EisfitWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkEventController *plot_keys = gtk_shortcut_controller_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (list_pressed_cb), self);
  gtk_widget_add_controller (self->spectrum_list, GTK_EVENT_CONTROLLER (click));
  /* Delete removes the selected spectra, in the list only (not in the entries) */
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_named_action_new ("win.remove-selected")));
  gtk_widget_add_controller (self->spectrum_list, keys);
  /* Ctrl+C on the figures copies the figure (entries inside copy their text first) */
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (plot_keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.copy-figure")));
  gtk_widget_add_controller (self->stack, plot_keys);
}

void
eisfit_window_list_class_init (GtkWidgetClass *klass)
{
  gtk_widget_class_install_action (klass, "win.rename-spectrum", "u", rename_action);
  gtk_widget_class_install_action (klass, "win.file-properties", "u",
                                   eisfit_window_file_properties_action);
  gtk_widget_class_install_action (klass, "win.remove-spectrum", "u", remove_action);
  gtk_widget_class_install_action (klass, "win.remove-selected", NULL, remove_action);
  gtk_widget_class_install_action (klass, "win.copy-figure", NULL, copy_figure_action);
  gtk_widget_class_install_action (klass, "win.copy-table", NULL, copy_table_action);
  gtk_widget_class_install_action (klass, "win.export-arrhenius-csv", NULL,
                                   export_arrhenius_action);
  gtk_widget_class_install_action (klass, "win.export-ea-csv", NULL, export_ea_action);
}

/* ---------------------------------------------------------------- --test-script steps */

/* Prints each row of the list as drawn: its name, and "(shortened)" when the name does not
 * fit whole (print-list). Walks the widget tree: the rows are the boxes of spectrum-row.ui. */
static void
print_list_rows (GtkWidget *w)
{
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      if (g_object_get_data (G_OBJECT (c), "eisfit-item"))
        {
          GtkLabel *title = GTK_LABEL (gtk_widget_get_first_child (c));
          PangoLayout *layout = gtk_label_get_layout (title);

          printf ("row: %s%s\n", gtk_label_get_text (title),
                  pango_layout_is_ellipsized (layout) ? " (shortened)" : "");
        }
      else
        print_list_rows (c);
    }
  fflush (stdout);
}

gboolean
eisfit_window_list_script_step (EisfitWindow *self, char **argv, int argc)
{
  const char *cmd = argv[0];
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  if (strcmp (cmd, "label") == 0 && (argc == 2 || argc == 3))
    {
      /* label N [TEXT]: the label of list position N (0-based); no TEXT: the file name */
      g_autoptr (EisfitSpectrumItem) item = item_at (self, (guint) atoi (argv[1]));

      if (!item)
        return FALSE;
      eisfit_window_set_label (self, item, argc == 3 ? argv[2] : NULL);
    }
  else if (strcmp (cmd, "type-temperature") == 0 && argc == 2)
    {
      /* the side panel's Temperature typed key by key ("50" passes through "5") */
      GtkEditable *e = eisfit_fit_panel_get_temperature_entry (PANEL (self));
      g_autofree char *typed = g_strdup (argv[1]);

      gtk_editable_set_text (e, "");
      for (size_t i = 1; i <= strlen (argv[1]); i++)
        {
          typed[i - 1] = argv[1][i - 1];
          typed[i] = '\0';
          gtk_editable_set_text (e, typed);
        }
    }
  else if (strcmp (cmd, "remove") == 0 && argc == 2)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.remove-spectrum", "u",
                                (guint) atoi (argv[1]));
  else if (strcmp (cmd, "reset-zoom") == 0 && argc == 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.reset-zoom", NULL);
  else if (strcmp (cmd, "copy-figure") == 0 && argc == 1)
    ok = eisfit_window_copy_figure (self, &error);
  else if (strcmp (cmd, "copy-table") == 0 && argc == 1)
    ok = eisfit_window_copy_table (self, &error);
  else if (strcmp (cmd, "export-arrhenius") == 0 && argc == 2)
    ok = eisfit_window_save_table (self, argv[1], FALSE, &error);
  else if (strcmp (cmd, "export-ea") == 0 && argc == 2)
    ok = eisfit_window_save_table (self, argv[1], TRUE, &error);
  else if (strcmp (cmd, "print-list") == 0 && argc == 1)
    print_list_rows (self->spectrum_list);
  else if (strcmp (cmd, "menu") == 0 && argc == 3)
    {
      /* menu X Y: the list's menu as a right-click at X, Y (the window's coordinates) opens
       * it; prints where it is and whether all of it is in the window, then closes it */
      double lx, ly;
      GtkWidget *popover, *sw;
      GtkAdjustment *adj;
      GdkSurface *surface;
      gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
      int top, height;

      if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), self->spectrum_list,
                                             g_ascii_strtod (argv[1], NULL),
                                             g_ascii_strtod (argv[2], NULL), &lx, &ly))
        {
          g_printerr ("eisfit-gtk: menu: the list is not in the window\n");
          return FALSE;
        }
      popover = open_menu (self, self->spectrum_list, lx, ly);
      while (!gtk_widget_get_mapped (popover) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      /* and laid out at the size the display gave it */
      until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      surface = gtk_native_get_surface (GTK_NATIVE (popover));
      if (!surface || !GDK_IS_POPUP (surface))
        {
          g_printerr ("eisfit-gtk: menu: the menu was not shown\n");
          return FALSE;
        }
      /* the menu's items scroll inside it when it is shorter than they are */
      sw = find_scrolled (popover);
      adj = sw ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw)) : NULL;
      top = gdk_popup_get_position_y (GDK_POPUP (surface));
      height = gdk_surface_get_height (surface);
      g_print ("menu: %s, surface %d to %d (the window's height %d), items %.0f of %.0f px "
               "shown\n", gtk_popover_get_position (GTK_POPOVER (popover)) == GTK_POS_TOP
                           ? "above" : "below",
               top, top + height, gtk_widget_get_height (GTK_WIDGET (self)),
               adj ? gtk_adjustment_get_page_size (adj) : NAN,
               adj ? gtk_adjustment_get_upper (adj) : NAN);
      gtk_popover_popdown (GTK_POPOVER (popover));
    }
  else
    return FALSE;
  if (!ok)
    g_printerr ("eisfit-gtk: %s: %s\n", cmd, error ? error->message : "failed");
  return ok;
}
