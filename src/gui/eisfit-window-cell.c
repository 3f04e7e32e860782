/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File Properties (the spectra list's context menu): a file's cell type (a pellet between
 * blocking electrodes, Li|electrolyte|Li, a liquid or gel electrolyte between blocking
 * electrodes, not said), its geometry (thickness, diameter or area,
 * as --thickness, --diameter, --area) and the spectrum's temperature, in one dialog. The cell
 * type and geometry apply to every spectrum of the file and are saved in projects (cell=,
 * thickness=, diameter=, area= of its [file] group). */
#include <config.h>

#include "eisfit-window-private.h"

#include "eisfit-dialog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eisfit-series-page.h"
#include "eisfit-transference-page.h"
#include "temperature.h"
#include "units.h"

static const char *const cell_ids[] = { "", "blocking", "li-symmetric", "liquid" };

gboolean
eisfit_window_set_file_properties (EisfitWindow *self, EisfitSpectrumItem *item, const char *cell,
                                   const char *thickness, const char *diameter, const char *area,
                                   const char *leads, const char *temperature, GError **error)
{
  const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
  double v, se, T_K = NAN;
  guint i, n;

  if (cell && *cell && strcmp (cell, "blocking") != 0 && strcmp (cell, "li-symmetric") != 0
      && strcmp (cell, "liquid") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "cell type \"%s\": expected blocking, li-symmetric, liquid or nothing", cell);
      return FALSE;
    }
  {
    /* the engine's check and words, as eisfit's --thickness (below 1 nm: a unit slip) */
    const char *what[] = { "thickness", "diameter", "area" };
    const char *text[] = { thickness, diameter, area };

    for (i = 0; i < 3; i++)
      {
        EisError err = { 0 };

        if (text[i] && *text[i] && eis_parse_geometry_value (what[i], text[i], &v, &se, &err) != 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s", err.message);
            return FALSE;
          }
      }
  }
  if (leads && *leads && (eis_parse_resistance_ohm (leads, &v, &se) != 0 || !(v > 0)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "leads \"%s\": expected a lead resistance above 0 such as 0.8ohm, "
                   "800mOhm or 0.8ohm+-0.05ohm", leads);
      return FALSE;
    }
  if (temperature && eis_temperature_parse (temperature, &T_K) != EIS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "temperature \"%s\": expected 25, 25 °C, -20C or 298.15K", temperature);
      return FALSE;
    }
  /* the cell and its geometry belong to the file: every spectrum of it */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) it = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (it);

      if (g_strcmp0 (s->source, sp->source) != 0)
        continue;
      if (cell)
        eisfit_spectrum_item_set_cell (it, cell);
      if (thickness || diameter || area)
        eisfit_spectrum_item_set_geometry (it, thickness ? thickness : "",
                                           diameter ? diameter : "", area ? area : "", "");
      if (leads)
        eisfit_spectrum_item_set_leads (it, leads);
    }
  /* the temperature is the spectrum's own */
  if (temperature)
    {
      double old = sp->temperature_k;

      if (!(isnan (old) && isnan (T_K)) && !(old == T_K))
        eisfit_spectrum_item_set_temperature (item, T_K, isfinite (T_K) ? "entered" : "");
    }
  eisfit_window_mark_changed (self);
  eisfit_window_refresh (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
  eisfit_transference_page_cells_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  return TRUE;
}

void
eisfit_window_apply_geometry_all (EisfitWindow *self)
{
  eisfit_window_undo_record_geometry (self);
  eisfit_fit_panel_apply_geometry_to_all (PANEL (self));
  eisfit_window_mark_changed (self);
  eisfit_window_refresh (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
  eisfit_transference_page_cells_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
}

void
eisfit_window_set_cell_of_last (EisfitWindow *self, guint n, const char *cell)
{
  guint i;

  /* the spectra the last Open added, wherever the list's order put them */
  for (i = self->opened->len > n ? self->opened->len - n : 0; i < self->opened->len; i++)
    eisfit_spectrum_item_set_cell (g_ptr_array_index (self->opened, i), cell);
  eisfit_window_refresh (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
  eisfit_transference_page_cells_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
}

/* ---------------------------------------------------------------- the dialog */

typedef struct {
  EisfitWindow *window;
  EisfitSpectrumItem *item;
  GtkWidget *dialog, *cell, *thickness, *diameter, *area, *leads, *temperature, *error;
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  g_clear_object (&d->item);
  g_free (d);
}

static void
apply_cb (GtkButton *button, Dialog *d)
{
  g_autoptr (GError) error = NULL;
  guint c = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->cell));

  if (!eisfit_window_set_file_properties (
        d->window, d->item, cell_ids[c < G_N_ELEMENTS (cell_ids) ? c : 0],
        gtk_editable_get_text (GTK_EDITABLE (d->thickness)),
        gtk_editable_get_text (GTK_EDITABLE (d->diameter)),
        gtk_editable_get_text (GTK_EDITABLE (d->area)),
        gtk_editable_get_text (GTK_EDITABLE (d->leads)),
        gtk_editable_get_text (GTK_EDITABLE (d->temperature)), &error))
    {
      gtk_label_set_text (GTK_LABEL (d->error), error->message);
      gtk_widget_set_visible (d->error, TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (d->dialog));
}

static GtkWidget *
grid_entry (GtkWidget *grid, int row, const char *label, const char *text, const char *hint,
            const char *tooltip)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label), *e = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (l), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), e);
  gtk_editable_set_text (GTK_EDITABLE (e), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (e), hint);
  gtk_entry_set_activates_default (GTK_ENTRY (e), TRUE);
  gtk_widget_set_tooltip_text (e, tooltip);
  gtk_widget_set_hexpand (e, TRUE);
  gtk_grid_attach (GTK_GRID (grid), l, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), e, 1, row, 1, 1);
  return e;
}

void
eisfit_window_file_properties_dialog (EisfitWindow *self, EisfitSpectrumItem *item)
{
  static const char *const cell_names[] = { "Not said", "Pellet between blocking electrodes",
                                             "Li|electrolyte|Li (symmetric lithium cell)",
                                             "Liquid or gel electrolyte between blocking "
                                             "electrodes", NULL };
  Dialog *d = g_new0 (Dialog, 1);
  const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
  const char *t, *dia, *a, *cell = eisfit_spectrum_item_get_cell (item);
  GtkWidget *box, *grid, *l;
  g_autofree char *heading = NULL, *temp = NULL;
  guint c;

  eisfit_spectrum_item_get_geometry (item, &t, &dia, &a, NULL);
  d->window = self;
  d->item = g_object_ref (item);
  d->dialog = eisfit_dialog_new (GTK_WINDOW (self), "File Properties", 10, &box);
  g_object_set_data_full (G_OBJECT (d->dialog), "eisfit-file-properties", d, dialog_free);
  heading = g_strdup_printf ("The cell of %s (every spectrum of the file) and the temperature "
                             "of spectrum #%d. Geometry as --thickness, --diameter, --area: "
                             "σ = L/(R A).", eisfit_spectrum_item_get_title (item), sp->index + 1);
  l = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 46);
  gtk_label_set_xalign (GTK_LABEL (l), 0.0);
  gtk_box_append (GTK_BOX (box), l);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  l = gtk_label_new_with_mnemonic ("_Cell");
  gtk_label_set_xalign (GTK_LABEL (l), 0.0);
  d->cell = gtk_drop_down_new_from_strings (cell_names);
  gtk_widget_set_tooltip_text (d->cell, "A pellet between blocking electrodes is never taken as "
                                        "the spectrum before or after a DC polarization; "
                                        "Li|electrolyte|Li cells are taken first");
  for (c = 0; c < G_N_ELEMENTS (cell_ids); c++)
    if (strcmp (cell, cell_ids[c]) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (d->cell), c);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), d->cell);
  gtk_grid_attach (GTK_GRID (grid), l, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), d->cell, 1, 0, 1, 1);
  d->thickness = grid_entry (grid, 1, "_Thickness", t, "e.g. 0.6mm",
                             "Thickness with unit: 0.6mm, 600um, 0.06cm (optional ±0.01mm)");
  d->diameter = grid_entry (grid, 2, "_Diameter", dia, "e.g. 10mm",
                            "Electrode diameter with unit: 10mm, 1cm");
  d->area = grid_entry (grid, 3, "or _area", a, "e.g. 0.785cm2",
                        "Electrode area with unit: 0.785cm2, 78.5mm2 (used instead of the diameter)");
  if (isfinite (sp->temperature_k))
    temp = g_strdup_printf ("%.5g °C", sp->temperature_k - 273.15);
  d->leads = grid_entry (grid, 4, "_Leads", eisfit_spectrum_item_get_leads (item), "none",
                        "A lead (short-circuit) resistance measured apart, as eisfit --leads: "
                        "0.8ohm or 0.8ohm+-0.05ohm, subtracted from a high-frequency intercept "
                        "taken as R_bulk (needs the thickness and area)");
  d->temperature = grid_entry (grid, 5, "T_emperature", temp, "unknown",
                               "25 (°C), 25C, -20C or 298.15K; blank: unknown");
  gtk_box_append (GTK_BOX (box), grid);
  eisfit_dialog_add_buttons (d->dialog, box, "_Apply", G_CALLBACK (apply_cb), d, &d->error);
  gtk_window_present (GTK_WINDOW (d->dialog));
}

void
eisfit_window_file_properties_action (GtkWidget *widget, const char *name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  guint pos = g_variant_get_uint32 (param);
  g_autoptr (EisfitSpectrumItem) item = NULL;

  if (pos >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->store), pos);
  eisfit_window_file_properties_dialog (self, item);
}

int
eisfit_window_cell_script_step (EisfitWindow *self, char **argv, int argc)
{
  g_autoptr (EisfitSpectrumItem) item = NULL;
  g_autoptr (GError) error = NULL;
  guint pos;

  if (strcmp (argv[0], "print-cells") == 0 && argc == 1)
    {
      /* per spectrum: its file's cell type and geometry, as the project saves them */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      for (pos = 0; pos < n; pos++)
        {
          g_autoptr (EisfitSpectrumItem) it = g_list_model_get_item (G_LIST_MODEL (self->store), pos);
          const char *t, *d, *a;

          eisfit_spectrum_item_get_geometry (it, &t, &d, &a, NULL);
          printf ("cell %u: %s: %s; thickness %s, diameter %s, area %s; leads %s; %s\n", pos,
                  eisfit_spectrum_item_get_title (it),
                  eisfit_cell_type_label (eisfit_spectrum_item_get_cell (it)), t, d, a,
                  *eisfit_spectrum_item_get_leads (it) ? eisfit_spectrum_item_get_leads (it)
                                                       : "none",
                  eisfit_spectrum_item_get_subtitle (it));
        }
      fflush (stdout);
      return 1;
    }
  if (strcmp (argv[0], "file-properties") == 0 && argc == 2)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.file-properties", "u",
                                  (guint) atoi (argv[1]));
      return 1;
    }
  if (strcmp (argv[0], "leads") == 0 && argc == 3)
    {
      /* leads N VALUE ("none": no lead resistance), as the dialog's Leads */
      pos = (guint) atoi (argv[1]);
      if (pos >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
        return 0;
      item = g_list_model_get_item (G_LIST_MODEL (self->store), pos);
      if (!eisfit_window_set_file_properties (self, item, NULL, NULL, NULL, NULL,
                                              strcmp (argv[2], "none") == 0 ? "" : argv[2], NULL,
                                              &error))
        {
          printf ("leads: %s\n", error->message);
          fflush (stdout);
        }
      return 1;
    }
  if (strcmp (argv[0], "cell") != 0 || (argc != 3 && argc != 6 && argc != 7))
    return -1;
  pos = (guint) atoi (argv[1]);
  if (pos >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return 0;
  item = g_list_model_get_item (G_LIST_MODEL (self->store), pos);
  /* "none" is the cell type not said; geometry and temperature as typed in the dialog */
  if (!eisfit_window_set_file_properties (self, item, strcmp (argv[2], "none") == 0 ? "" : argv[2],
                                          argc >= 6 ? argv[3] : NULL, argc >= 6 ? argv[4] : NULL,
                                          argc >= 6 ? argv[5] : NULL, NULL,
                                          argc == 7 ? argv[6] : NULL,
                                          &error))
    {
      printf ("cell: %s\n", error->message);
      fflush (stdout);
    }
  return 1;
}
