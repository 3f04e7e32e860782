/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening files in the main window (Open, a drop, the command line): each file imported by the
 * engine (eis_import) goes into the document with its spectra and the DC series that can be a
 * polarization; what cannot be read or used is said in the banner. Moved out of
 * eisfit-window.c. */
#include <config.h>

#include "eisfit-window-private.h"

#include <math.h>
#include <string.h>

#include "eisfit-spectrum-item.h"
#include "eisfit-transference-page.h"
#include "import.h"
#include "spectrum.h"
#include "temperature.h"

/* ---------------------------------------------------------------- opening files */

/* Why DC series S of file DF cannot be a Bruce-Vincent polarization (a potentiostatic hold at a
 * small constant step), or NULL when it can: the technique the file names (cyclic or linear
 * sweep voltammetry), or a voltage that moves at most points over more than 0.1 V (a sweep or
 * a galvanostatic run). A hold's voltage is piecewise constant: a step, perhaps a rest before
 * it (a real chronoamperometry changes by more than 0.5 mV at 2 of its 721 points). */
static char *
series_not_polarization (const EisDataFile *df, const EisSeries *s)
{
  const char *tech = eis_meta_get (&s->meta, "technique");
  double vmin = INFINITY, vmax = -INFINITY;
  size_t i, moves = 0, steps = 0;

  if (!tech)
    tech = eis_meta_get (&df->meta, "technique");
  if (tech)
    {
      g_autofree char *lower = g_ascii_strdown (tech, -1);

      if (strstr (lower, "voltamm") || strstr (lower, "cyclic") || strstr (lower, "sweep")
          || g_regex_match_simple ("\\b(cv|lsv)\\b", lower, 0, 0))
        return g_strdup_printf ("a DC series (the file names the technique \"%s\", a voltage "
                                "sweep), not a DC polarization", tech);
    }
  for (i = 0; s->voltage_v && i < s->n; i++)
    if (isfinite (s->voltage_v[i]))
      {
        vmin = fmin (vmin, s->voltage_v[i]);
        vmax = fmax (vmax, s->voltage_v[i]);
        if (i > 0 && isfinite (s->voltage_v[i - 1]))
          {
            steps++;
            moves += fabs (s->voltage_v[i] - s->voltage_v[i - 1]) > 5e-4;
          }
      }
  if (isfinite (vmin) && vmax - vmin > 0.1 && 2 * moves > steps)
    return g_strdup_printf ("a DC series whose voltage moves at most points, over %.3g V (a "
                            "sweep such as a CV?, or a galvanostatic run), not a DC polarization "
                            "at a constant step", vmax - vmin);
  return NULL;
}

static int
list_order_cb (gconstpointer a, gconstpointer b)
{
  return eisfit_document_list_order (*(EisfitSpectrumItem **) a, *(EisfitSpectrumItem **) b);
}

/* Puts the spectra just opened (self->opened) into the list: each after the last one that does
 * not go after it in the list's order (eisfit_document_list_order: temperature, then time; the
 * spectra without a temperature after, in the order they were opened), so that "pellet-m20C.csv" comes before "pellet-0C.csv" whatever
 * the order the files were given in, and spectra of equal keys keep the order they were opened
 * in. A project being opened keeps its own order (its spectra are appended). */
static void
insert_opened (EisfitWindow *self)
{
  guint i;

  if (!self->loading_project)
    g_ptr_array_sort (self->opened, list_order_cb); /* a stable merge sort */
  for (i = 0; i < self->opened->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (self->opened, i);
      guint pos = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      while (!self->loading_project && pos > 0)
        {
          g_autoptr (EisfitSpectrumItem) before = g_list_model_get_item (
            G_LIST_MODEL (self->store), pos - 1);

          if (eisfit_document_list_order (before, item) <= 0)
            break;
          pos--;
        }
      eisfit_document_insert_spectrum (self->document, pos, item);
    }
}

guint
eisfit_window_open_files (EisfitWindow *self, GFile **files, guint n_files)
{
  guint i, added = 0;
  GString *errors = g_string_new (NULL);
  GString *notes = g_string_new (NULL); /* the importers' notices: information, not errors */

  g_ptr_array_set_size (self->opened, 0);

  for (i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      EisDataFile *df = NULL;
      EisError err = { 0 };
      size_t k;

      if (!path)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_string_append_printf (errors, "%s: not a local file\n", uri);
          continue;
        }
      /* the command line's default limit: impedance files are kilobytes, and a file of
       * gigabytes would hold the window for minutes */
      EisImportOptions imp = { .max_bytes = EIS_IMPORT_DEFAULT_MAX_BYTES };
      if (eis_import (path, &imp, &df, &err) != EIS_OK)
        {
          g_string_append_printf (errors, "%s\n", err.message);
          continue;
        }
      /* what the importer warned of (a point count that does not match the rows ...) */
      {
        g_autofree char *w = eis_import_warnings_text (path, df);

        g_autofree char *n = eis_import_notices_text (path, df);

        if (w)
          g_string_append (errors, w);
        if (n)
          g_string_append (notes, n);
      }
      for (k = 0; k < df->n_spectra; k++)
        {
          EisSpectrum *s = eis_spectrum_dup (df->spectra[k]);
          g_autoptr (EisfitSpectrumItem) item = NULL;
          const char *t_from, *gt, *gd, *ga, *gnote;
          double t_k;

          if (!s)
            continue;
          item = eisfit_spectrum_item_new (s);
          eisfit_spectrum_item_set_file (item, df);
          eisfit_fit_panel_get_default_geometry (PANEL (self), &gt, &gd, &ga, &gnote);
          {
            /* the last session's geometry only for files of its sample: no σ of another
             * cell's geometry, and the panel says why */
            g_autofree char *refusal = eisfit_fit_panel_dup_restored_refusal (
              PANEL (self), path, eisfit_spectrum_item_get_cell (item));

            if (refusal)
              eisfit_spectrum_item_set_geometry (item, "", "", "", refusal);
            else
              eisfit_spectrum_item_set_geometry (item, gt, gd, ga, gnote);
          }
          /* files rarely record it: take "pellet-25C.csv" as 25 °C, by eisfit's own rule */
          t_k = eis_spectrum_temperature (s, path, &t_from, NULL);
          if (strcmp (t_from, "file name") == 0)
            eisfit_spectrum_item_set_temperature (item, t_k, "from the file name");
          /* the metadata's and the name's more than 5 K apart: eisfit's warning */
          {
            char tc[600];

            if (eis_spectrum_temperature_conflict (s, path, tc, sizeof tc))
              g_string_append_printf (errors, "%s: spectrum %zu: %s\n", path, k + 1, tc);
          }
          g_ptr_array_add (self->opened, g_object_ref (item)); /* into the list below */
          added++;
        }
      {
        g_autofree char *why_not = NULL;
        size_t usable = 0;

        for (k = 0; k < df->n_series; k++)
          {
            g_autofree char *why = series_not_polarization (df, df->series[k]);

            if (why)
              {
                if (!why_not)
                  why_not = g_steal_pointer (&why);
                continue;
              }
            eisfit_document_add_series (self->document, df->series[k]);
            usable++;
          }
        if (df->n_spectra == 0 && df->n_series == 0)
          g_string_append_printf (errors, "%s: no impedance spectrum in this file\n", path);
        else if (df->n_spectra == 0 && usable == 0)
          g_string_append_printf (errors, "%s: no impedance spectrum; %s\n", path, why_not);
        else if (why_not)
          g_string_append_printf (errors, "%s: %s: left out of the Transference tab\n", path,
                                  why_not);
      }
      eisfit_document_take_file (self->document, df);
      {
        g_autofree char *dir = g_path_get_dirname (path);

        eisfit_settings_set (&self->settings->last_folder, dir);
      }
    }
  insert_opened (self);
  /* with an error, the notes follow it in the error's banner; alone, they are a note */
  if (errors->len)
    {
      g_string_append (errors, notes->str);
      g_strchomp (errors->str);
      eisfit_window_show_message (self, errors->str);
    }
  else if (notes->len)
    {
      g_strchomp (notes->str);
      eisfit_window_show_notice (self, notes->str);
    }
  g_string_free (errors, TRUE);
  g_string_free (notes, TRUE);
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  /* Files added to a project change it; files opened without one are nothing to save yet
   * (the title gets its '*' from the first edit or fit). */
  if ((added || self->files->len) && eisfit_document_get_path (self->document))
    eisfit_window_mark_changed (self);
  if (added)
    {
      guint first_new = 0;

      /* the first of them in the list's order is shown */
      g_list_store_find (self->store, g_ptr_array_index (self->opened, 0), &first_new);
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), first_new, TRUE);
    }
  else
    eisfit_window_refresh (self);
  /* Only DC series so far (a polarization file): that is the Transference tab's business. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0 && self->series->len > 0)
    gtk_notebook_set_current_page (GTK_NOTEBOOK (self->stack),
                                   gtk_notebook_page_num (GTK_NOTEBOOK (self->stack),
                                                          self->transference_page));
  return added;
}

static void
open_response_cb (GtkNativeDialog *dialog, int response, EisfitWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint i, n = g_list_model_get_n_items (list);
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (i = 0; i < n; i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      eisfit_window_open_files (self, (GFile **) files->pdata, files->len);
    }
  g_object_unref (dialog);
}

void
eisfit_window_open_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  dialog = gtk_file_chooser_native_new ("Open impedance data", GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, "Impedance data (mpt, csv, txt, dta, z, ...)");
  gtk_file_filter_add_pattern (filter, "*.[mM][pP][tT]");
  gtk_file_filter_add_pattern (filter, "*.[cC][sS][vV]");
  gtk_file_filter_add_pattern (filter, "*.[tT][xX][tT]");
  gtk_file_filter_add_pattern (filter, "*.[dD][tT][aA]");
  gtk_file_filter_add_pattern (filter, "*.[zZ]");
  gtk_file_filter_add_pattern (filter, "*.[dD][aA][tT]");
  gtk_file_filter_add_pattern (filter, "*.[iI][dD][fF]");
  /* the other formats eisfit reads (eisfit.1, INPUT FORMATS) */
  static const char *const more[] = {
    "*.[mM][pP][rR]", "*.[iI][sS][mM]", "*.[pP][aA][rR]", "*.[pP][sS][sS][eE][sS][sS][iI][oO][nN]",
    "*.[iI][dD][sS]", "*.[pP]00", "*.[dD][fF][rR]", "*.[xX][lL][sS][xX]", "*.[oO][dD][sS]",
    "*.[fF][oO][dD][sS]",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (more); i++)
    gtk_file_filter_add_pattern (filter, more[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, "All files");
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  if (self->settings->last_folder)
    {
      g_autoptr (GFile) folder = g_file_new_for_path (self->settings->last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

gboolean
eisfit_window_drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, EisfitWindow *self)
{
  GSList *list, *l;
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (l = list; l; l = l->next)
    g_ptr_array_add (files, l->data);
  eisfit_window_open_files (self, (GFile **) files->pdata, files->len);
  g_slist_free (list);
  return TRUE;
}
