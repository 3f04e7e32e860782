/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page (see eisfit-series-page.h). */
#include "eisfit-series-page-private.h"
#include "eisfit-dialog.h"

#include <math.h>
#include <string.h>

#include "eisfit-json.h"
#include "eisfit-paned.h"
#include "eisfit-plot-view.h"
#include "eisfit-series-table.h"
#include "output-file.h"
#include "series-output.h"

G_DEFINE_FINAL_TYPE (EisfitSeriesPage, eisfit_series_page, GTK_TYPE_WIDGET)

const char *const eisfit_series_order_names[4] = { "auto", "temperature", "time", "index" };
const char *const eisfit_series_axis_names[4] = { "T", "invT", "time", "index" };

/* ---------------------------------------------------------------- status */

static void update_adopt (EisfitSeriesPage *self);

/* The status line: the series, its circuit, what did not converge, the joint fit, warnings. */
static void
update_status (EisfitSeriesPage *self)
{
  g_autofree char *markup = self->result ? eisfit_series_job_dup_status_markup (self->result)
                                         : NULL;

  if (markup)
    gtk_label_set_markup (GTK_LABEL (self->status_label), markup);
  else
    gtk_label_set_text (GTK_LABEL (self->status_label), "");
}

static void
set_stale (EisfitSeriesPage *self, const char *why)
{
  self->stale = why != NULL;
  gtk_label_set_text (GTK_LABEL (self->stale_label), why ? why : "");
  gtk_widget_set_visible (self->stale_label, why != NULL);
  update_adopt (self);
}

static void
set_message (EisfitSeriesPage *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
}

/* ---------------------------------------------------------------- the spectra's own fits */

/* Use these fits: offered while a spectrum's own fit is not the series' and the table is
 * the fit of what is open now. */
static void
update_adopt (EisfitSeriesPage *self)
{
  const EisfitSeriesJob *r = self->result;
  size_t j, differ = 0, fitted = 0;

  for (j = 0; r && j < r->series.n; j++)
    if (r->fit->fits[j])
      {
        fitted++;
        differ += strcmp (eisfit_series_job_own_fit_state (r, j), "this fit") != 0;
      }
  gtk_widget_set_sensitive (self->adopt_button, r && !self->stale && !self->busy && differ > 0);
  gtk_button_set_label (GTK_BUTTON (self->adopt_button),
                        r && fitted && !differ ? "The spectra use these fits"
                                               : "Use these fits for the spectra");
}

/* A spectrum of the series was refitted, its points left out changed ...: the column of the
 * spectra's own fits, the stale mark and Use these fits follow. */
static void
item_notify_cb (GObject *item, GParamSpec *pspec, EisfitSeriesPage *self)
{
  if (!self->result || self->disposed)
    return;
  eisfit_series_table_update_own_fits (EISFIT_SERIES_TABLE (self->table), self->result);
  eisfit_series_page_inputs_changed (self);
  update_adopt (self);
}

static void
connect_items (EisfitSeriesPage *self, gboolean on)
{
  guint i;

  for (i = 0; self->result && i < self->result->items->len; i++)
    {
      GObject *item = g_ptr_array_index (self->result->items, i);

      if (on)
        g_signal_connect (item, "notify::subtitle", G_CALLBACK (item_notify_cb), self);
      else
        g_signal_handlers_disconnect_by_func (item, item_notify_cb, self);
    }
}

gboolean
eisfit_series_page_adopt (EisfitSeriesPage *self)
{
  g_autoptr (GPtrArray) items = NULL;

  if (!self->result || self->stale || self->busy)
    return FALSE;
  items = eisfit_series_job_fitted_items (self->result);
  if (items->len == 0)
    return FALSE;
  if (self->adopt)
    self->adopt (self, items, FALSE, self->adopt_data);
  eisfit_series_job_adopt (self->result);
  if (self->adopt)
    self->adopt (self, items, TRUE, self->adopt_data);
  item_notify_cb (NULL, NULL, self);
  return TRUE;
}

static void
adopt_clicked_cb (GtkButton *button, EisfitSeriesPage *self)
{
  eisfit_series_page_adopt (self);
}

void
eisfit_series_page_set_adopt_func (EisfitSeriesPage *self, EisfitSeriesAdoptFunc func,
                                   gpointer data)
{
  self->adopt = func;
  self->adopt_data = data;
}

/* ---------------------------------------------------------------- the temperature law */

/* The two-step result and the law inside the joint fit, side by side, with eisfit
 * arrhenius's warnings. */
static void
update_arrhenius (EisfitSeriesPage *self)
{
  g_autofree char *markup = eisfit_series_job_dup_law_markup (self->result);

  if (markup)
    gtk_label_set_markup (GTK_LABEL (self->arrhenius_label), markup);
  gtk_widget_set_visible (self->arrhenius_label, markup != NULL);
}

/* ---------------------------------------------------------------- fitting */

/* The names in the Shared entry ("C1, CPE3_n"), or NULL for none. */
static char **
shared_names (EisfitSeriesPage *self)
{
  g_auto (GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->shared_entry)),
                                         ", ;", -1);
  GPtrArray *a = g_ptr_array_new ();
  guint i;

  for (i = 0; parts[i]; i++)
    if (*parts[i])
      g_ptr_array_add (a, g_strdup (parts[i]));
  if (a->len == 0)
    {
      g_ptr_array_free (a, TRUE);
      return NULL;
    }
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_free (a, FALSE);
}

static GPtrArray *
chosen_items (EisfitSeriesPage *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean all = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->scope_dropdown)) == 1;
  guint i, n = self->spectra ? g_list_model_get_n_items (self->spectra) : 0;

  for (i = 0; i < n; i++)
    if (all || (self->selection && gtk_selection_model_is_selected (self->selection, i)))
      g_ptr_array_add (items, g_list_model_get_item (self->spectra, i));
  return items;
}

static void
fit_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  EisfitSeriesPage *self = EISFIT_SERIES_PAGE (source);
  EisfitSeriesJob *job = eisfit_series_job_run_finish (res);
  EisfitSeriesDoneFunc done = self->done;
  gpointer done_data = self->done_data;
  gboolean ok = job->status == EIS_OK;

  self->busy = FALSE;
  self->done = NULL;
  if (self->disposed)
    {
      eisfit_series_job_free (job);
      return;
    }
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_sensitive (self->fit_button, TRUE);
  if (!ok)
    {
      g_autofree char *msg = g_strdup_printf ("The series could not be fitted: %s",
                                              job->err.message);

      /* the table shown stays, marked: it is not the fit of what is chosen now */
      if (self->result)
        set_stale (self, msg);
      else
        set_message (self, msg);
      eisfit_series_job_free (job);
    }
  else
    {
      connect_items (self, FALSE);
      eisfit_series_job_free (self->result);
      self->result = job;
      connect_items (self, TRUE);
      set_stale (self, NULL);
      eisfit_series_table_show (EISFIT_SERIES_TABLE (self->table), self->result);
      eisfit_paned_refit (GTK_PANED (self->paned));   /* the table's rows' height */
      update_arrhenius (self);
      eisfit_series_page_axis_follow_order (self);
      eisfit_series_page_choose_trends (self);
      eisfit_series_page_fill_trend_checks (self);
      eisfit_series_page_update_trends_label (self);
      update_status (self);
      eisfit_series_page_update_plot (self);
    }
  gtk_widget_set_sensitive (self->export_button, self->result != NULL);
  gtk_widget_set_sensitive (self->copy_button, self->result != NULL);
  update_adopt (self);
  if (ok && self->fitted)
    self->fitted (self, ok, self->fitted_data);
  if (done)
    done (self, ok, done_data);
}

static gboolean fit_items (EisfitSeriesPage *self, GPtrArray *items, EisfitSeriesDoneFunc done,
                           gpointer data);

gboolean
eisfit_series_page_fit (EisfitSeriesPage *self, EisfitSeriesDoneFunc done, gpointer data)
{
  g_autoptr (GPtrArray) items = NULL;

  if (self->busy)
    return FALSE;
  items = chosen_items (self);
  return fit_items (self, items, done, data);
}

gboolean
eisfit_series_page_fit_items (EisfitSeriesPage *self, GPtrArray *items, const char *order,
                              const char *circuit, const char *shared, const char *law,
                              EisfitSeriesDoneFunc done, gpointer data)
{
  if (self->busy || !eisfit_series_page_set_order (self, order)
      || !eisfit_series_page_set_law (self, law))
    return FALSE;
  eisfit_series_page_set_circuit (self, circuit);
  eisfit_series_page_set_shared (self, shared);
  return fit_items (self, items, done, data);
}

/* Fits ITEMS (EisfitSpectrumItem) as one series with the page's choices. */
static gboolean
fit_items (EisfitSeriesPage *self, GPtrArray *items, EisfitSeriesDoneFunc done, gpointer data)
{
  g_autofree char *why = NULL;
  EisfitSeriesJob *job;
  const char *circuit;

  if (self->busy)
    return FALSE;
  circuit = gtk_editable_get_text (GTK_EDITABLE (self->circuit_entry));
  while (g_ascii_isspace (*circuit))
    circuit++;
  /* the order: as asked, else temperature when every spectrum has one, else time, else the
   * list's order (as eisfit series) */
  job = eisfit_series_job_new (items, self->geometry, self->geometry_data,
                               (int) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->order_dropdown)) - 1,
                               (int) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->law_dropdown)),
                               circuit, shared_names (self), &why);
  if (!job)
    {
      set_message (self, why);
      return FALSE;
    }
  self->done = done;
  self->done_data = data;
  self->busy = TRUE;
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_widget_set_sensitive (self->fit_button, FALSE);
  update_adopt (self);
  set_message (self, "Fitting the series…");
  eisfit_series_job_run_async (job, self, fit_done_cb, NULL);
  return TRUE;
}

static void
fit_clicked_cb (GtkButton *button, EisfitSeriesPage *self)
{
  eisfit_series_page_fit (self, NULL, NULL);
}

gboolean
eisfit_series_page_is_busy (EisfitSeriesPage *self)
{
  return self->busy;
}

void
eisfit_series_page_inputs_changed (EisfitSeriesPage *self)
{
  const EisfitSeriesJob *r = self->result;
  guint i, n = self->spectra ? g_list_model_get_n_items (self->spectra) : 0;

  if (!r || self->stale)
    return;
  for (i = 0; i < r->items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (r->items, i);
      EisfitSeriesInputs now;
      guint pos;
      gboolean open = FALSE;

      for (pos = 0; pos < n && !open; pos++)
        {
          g_autoptr (EisfitSpectrumItem) it = g_list_model_get_item (self->spectra, pos);

          open = it == item;
        }
      if (!open)
        {
          set_stale (self, "A spectrum of this series has been closed since it was fitted: "
                           "press Fit series for the spectra open now.");
          return;
        }
      eisfit_series_item_inputs (item, self->geometry, self->geometry_data, &now);
      if (!eisfit_series_inputs_equal (&now, &r->inputs[i]))
        {
          g_autofree char *msg = g_strdup_printf (
            "%s #%d: its temperature, geometry or points left out changed since the series was "
            "fitted; the table shows the old fit: press Fit series again.",
            eisfit_spectrum_item_get_title (item),
            eisfit_spectrum_item_get_spectrum (item)->index + 1);

          set_stale (self, msg);
          return;
        }
    }
}

/* ---------------------------------------------------------------- output */

char *
eisfit_series_page_dup_json (EisfitSeriesPage *self)
{
  const EisfitSeriesJob *r = self->result;
  g_autofree char *members = NULL;
  GString *out;
  EisError err = { 0 };
  size_t j;

  if (!r)
    return NULL;
  /* eisfit series --format json's members, written by the engine for both */
  members = eis_series_json_dup (&r->series, r->fit, r->joint, (const char *const *) r->shared,
                                 r->shared ? g_strv_length (r->shared) : 0, &err);
  if (!members)
    g_error ("%s", err.message);
  out = g_string_new ("{");
  g_string_append (out, members);
  /* the page's own: the table marked as old, the column Main view's fit (series order),
   * the temperature law */
  g_string_append_printf (out, ",\n \"stale\": %s, \"own_fit\": [",
                          self->stale ? "true" : "false");
  for (j = 0; j < r->series.n; j++)
    {
      g_string_append (out, j ? ", " : "");
      eisfit_json_string (out, eisfit_series_job_own_fit_state (r, j));
    }
  g_string_append (out, "]");
  eisfit_series_job_append_law_json (out, r);
  g_string_append (out, "}");
  return g_string_free (out, FALSE);
}

char *
eisfit_series_page_dup_status (EisfitSeriesPage *self)
{
  return g_strdup (gtk_label_get_text (GTK_LABEL (self->status_label)));
}

char *
eisfit_series_page_dup_state (EisfitSeriesPage *self)
{
  GString *s = g_string_new (NULL);
  guint c;
  Trends t;
  g_autofree char *why = NULL;

  g_string_append_printf (s, "status: %s\n", gtk_label_get_text (GTK_LABEL (self->status_label)));
  g_string_append_printf (s, "stale: %s\n", self->stale ? gtk_label_get_text (
                                                            GTK_LABEL (self->stale_label))
                                                        : "no");
  eisfit_series_table_append_text (EISFIT_SERIES_TABLE (self->table), s, FALSE);
  if (eisfit_series_trends_collect (self, &t, &why))
    {
      g_string_append_printf (s, "trends: x %s:", eisfit_series_axis_names[t.ps.axis]);
      for (c = 0; c < t.ps.ntraces; c++)
        g_string_append_printf (s, "%s %s%s%s", c ? "," : "", t.tr[c].name,
                                *t.tr[c].unit ? " / " : "", t.tr[c].unit);
      g_string_append (s, "\n");
      eisfit_series_trends_clear (&t);
    }
  else
    g_string_append_printf (s, "trends: %s\n", why);
  g_string_append_printf (s, "trends-note: %s\n",
                          gtk_label_get_text (GTK_LABEL (self->trends_note)));
  g_string_append_printf (s, "law: %s\n", gtk_widget_get_visible (self->arrhenius_label)
                                             ? gtk_label_get_text (GTK_LABEL (self->arrhenius_label))
                                             : "none");
  {
    /* the layout: the x axis offered, whether the table shows all its rows, and where Fit
     * series is (choosing a law must not move it) */
    int nat = 0;
    double fx = 0, fy = 0;

    gtk_widget_measure (self->table, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (self->table),
                        NULL, &nat, NULL, NULL);
    gtk_widget_translate_coordinates (self->fit_button, GTK_WIDGET (self), 0, 0, &fx, &fy);
    g_string_append_printf (s, "axis: %s\n", eisfit_series_axis_names[MIN (
      gtk_drop_down_get_selected (GTK_DROP_DOWN (self->axis_dropdown)), 3u)]);
    g_string_append_printf (s, "table-height: %d of %d\n", gtk_widget_get_height (self->table),
                            nat);
    g_string_append_printf (s, "fit-button: %.0f,%.0f\n", fx, fy);
    /* the law's results and the status: the height shown and the height of their lines */
    {
      GtkWidget *box = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->law_scroller));
      int law_nat = 0;

      if (GTK_IS_VIEWPORT (box))
        box = gtk_viewport_get_child (GTK_VIEWPORT (box));
      gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (self->law_scroller),
                          NULL, &law_nat, NULL, NULL);
      g_string_append_printf (s, "law-height: %d of %d\n",
                              gtk_widget_get_height (self->law_scroller), law_nat);
    }
    /* the handle between the table and the trends: where it is, and the trends' height */
    g_string_append_printf (s, "divider: %d of %d\ntrends-height: %d\n",
                            gtk_paned_get_position (GTK_PANED (self->paned)),
                            gtk_widget_get_height (self->paned),
                            gtk_widget_get_height (self->plot));
  }
  g_string_append_printf (s, "adopt: %s (%s)\n",
                          gtk_button_get_label (GTK_BUTTON (self->adopt_button)),
                          gtk_widget_get_sensitive (self->adopt_button) ? "enabled" : "disabled");
  return g_string_free (s, FALSE);
}

/* The table as eisfit series --format csv writes it: the engine's writer. */
static char *
table_csv (const EisfitSeriesJob *r)
{
  EisError err = { 0 };
  char *csv = eis_series_csv_dup (&r->series, r->fit, &err);

  if (!csv)
    g_error ("%s", err.message);
  return csv;
}

gboolean
eisfit_series_page_write_csv (EisfitSeriesPage *self, const char *path, gboolean force,
                              GError **error)
{
  g_autofree char *csv = NULL;
  EisOutputFile *o = NULL;
  EisError err = { 0 };

  if (!self->result)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Nothing to export yet: fit a series first.");
      return FALSE;
    }
  csv = table_csv (self->result);
  if (eis_output_file_open (path, force, &o, &err) != EIS_OK
      || eis_output_file_write (o, csv, strlen (csv), &err) != EIS_OK
      || eis_output_file_commit (g_steal_pointer (&o), &err) != EIS_OK)
    {
      eis_output_file_abort (o);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", err.message);
      return FALSE;
    }
  if (self->saved)
    self->saved (path, self->folder_data);
  return TRUE;
}

void
eisfit_series_page_set_folder_funcs (EisfitSeriesPage *self, EisfitSeriesFolderFunc folder,
                                     EisfitSeriesSavedFunc saved, gpointer data)
{
  self->folder = folder;
  self->saved = saved;
  self->folder_data = data;
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, EisfitSeriesPage *self)
{
  g_autofree char *path = eisfit_dialog_dup_chosen_path (dialog, response);

  if (path)
    {
      g_autoptr (GError) error = NULL;

      /* the save dialog asked before an existing file is replaced */
      if (!eisfit_series_page_write_csv (self, path, TRUE, &error))
        set_stale (self, error->message);
    }
  g_object_unref (dialog);
}

static void
export_clicked_cb (GtkButton *button, EisfitSeriesPage *self)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *dir = NULL;

  if (!self->result)
    return;
  dir = self->folder ? self->folder (self->folder_data) : NULL;
  dialog = eisfit_dialog_new_save_chooser (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           "Export series table", "_Export", dir,
                                           "eisfit-series.csv");
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, "CSV table");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Copy: the table as shown, tab-separated, for a spreadsheet. */
static void
copy_clicked_cb (GtkButton *button, EisfitSeriesPage *self)
{
  GString *s = g_string_new (NULL);

  eisfit_series_table_append_text (EISFIT_SERIES_TABLE (self->table), s, TRUE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), s->str);
  g_string_free (s, TRUE);
}



/* ---------------------------------------------------------------- choices */

static void
shared_toggled_cb (GtkCheckButton *check, EisfitSeriesPage *self)
{
  g_auto (GStrv) now = shared_names (self);
  const char *name = g_object_get_data (G_OBJECT (check), "param");
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; now && now[i]; i++)
    if (strcmp (now[i], name) != 0)
      g_string_append_printf (s, "%s%s", s->len ? "," : "", now[i]);
  if (gtk_check_button_get_active (check))
    g_string_append_printf (s, "%s%s", s->len ? "," : "", name);
  gtk_editable_set_text (GTK_EDITABLE (self->shared_entry), s->str);
  g_string_free (s, TRUE);
}

/* The Shared popover: a check button for each parameter of the circuit typed (else the one
 * fitted) that may be common to all spectra: exponents, capacitances, inductances, Warburg
 * coefficients; never a resistance (each spectrum has its own). */
static void
shared_popover_show_cb (GtkWidget *popover, EisfitSeriesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->circuit_entry));
  g_auto (GStrv) now = shared_names (self);
  EisCircuit *parsed = NULL;
  const EisCircuit *c = NULL;
  EisError err = { 0 };
  GtkWidget *child;
  size_t k;

  while ((child = gtk_widget_get_first_child (self->shared_box)))
    gtk_box_remove (GTK_BOX (self->shared_box), child);
  while (g_ascii_isspace (*text))
    text++;
  if (*text && eis_circuit_parse (text, &parsed, &err) == EIS_OK)
    c = parsed;
  else if (!*text && self->result)
    c = self->result->fit->circuit;
  if (!c)
    {
      GtkWidget *l = gtk_label_new (*text ? err.message
                                          : "Type a circuit, or fit the series once: its "
                                            "parameters are offered here.");

      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (l), 36);
      gtk_box_append (GTK_BOX (self->shared_box), l);
    }
  for (k = 0; c && k < eis_circuit_n_params (c); k++)
    {
      const char *name = eis_circuit_param_name (c, k);
      const char *unit = eis_circuit_param_unit (c, k);
      g_autofree char *label = NULL;
      GtkWidget *check;
      gboolean on = FALSE;
      guint i;

      if (unit && strcmp (unit, "Ohm") == 0)
        continue;
      label = *eisfit_series_pretty_unit (unit)
                ? g_strdup_printf ("%s / %s", name, eisfit_series_pretty_unit (unit))
                : g_strdup (name);
      check = gtk_check_button_new_with_label (label);
      g_object_set_data_full (G_OBJECT (check), "param", g_strdup (name), g_free);
      for (i = 0; now && now[i]; i++)
        on |= strcmp (now[i], name) == 0;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      g_signal_connect (check, "toggled", G_CALLBACK (shared_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->shared_box), check);
    }
  eis_circuit_free (parsed);
}

void
eisfit_series_page_set_shared (EisfitSeriesPage *self, const char *names)
{
  gtk_editable_set_text (GTK_EDITABLE (self->shared_entry), names ? names : "");
}

gboolean
eisfit_series_page_set_law (EisfitSeriesPage *self, const char *law)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (eisfit_series_law_names); i++)
    if (g_ascii_strcasecmp (law, eisfit_series_law_names[i]) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->law_dropdown), i);
        return TRUE;
      }
  return FALSE;
}

gboolean
eisfit_series_page_get_fit_choices (EisfitSeriesPage *self, GPtrArray **items, char **order,
                                    char **circuit, char **shared, char **law,
                                    gboolean *adopted)
{
  const EisfitSeriesJob *r = self->result;
  size_t j, fitted = 0, same = 0;

  if (!r)
    return FALSE;
  *items = g_ptr_array_ref (r->items);
  *order = g_strdup (eisfit_series_order_names[r->order_asked >= 0
                                                 && r->order_asked < 4 ? r->order_asked : 0]);
  *circuit = g_strdup (r->circuit ? r->circuit : "");
  *shared = r->shared ? g_strjoinv (",", r->shared) : g_strdup ("");
  *law = g_strdup (eisfit_series_law_names[r->law]);
  for (j = 0; j < r->series.n; j++)
    if (r->fit->fits[j])
      {
        fitted++;
        same += strcmp (eisfit_series_job_own_fit_state (r, j), "this fit") == 0;
      }
  *adopted = fitted > 0 && same == fitted;
  return TRUE;
}

guint
eisfit_series_page_restore_roles (EisfitSeriesPage *self)
{
  const EisfitSeriesJob *r = self->result;
  guint n = 0;
  size_t j;

  for (j = 0; r && j < r->series.n; j++)
    if (r->fit->fits[j] && strcmp (eisfit_series_job_own_fit_state (r, j), "this fit") == 0)
      {
        EisfitSpectrumItem *item = g_ptr_array_index (r->items, r->series.items[j].input_order);

        eisfit_spectrum_item_set_series_roles (item, &r->fit->cond[j]);
        n++;
      }
  if (n)
    item_notify_cb (NULL, NULL, self);
  return n;
}

void
eisfit_series_page_set_fitted_func (EisfitSeriesPage *self, EisfitSeriesDoneFunc func,
                                    gpointer data)
{
  self->fitted = func;
  self->fitted_data = data;
}

void
eisfit_series_page_set_all (EisfitSeriesPage *self, gboolean all)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->scope_dropdown), all ? 1 : 0);
}

gboolean
eisfit_series_page_set_order (EisfitSeriesPage *self, const char *order)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (eisfit_series_order_names); i++)
    if (g_ascii_strcasecmp (order, eisfit_series_order_names[i]) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->order_dropdown), i);
        return TRUE;
      }
  return FALSE;
}

void
eisfit_series_page_set_circuit (EisfitSeriesPage *self, const char *circuit)
{
  gtk_editable_set_text (GTK_EDITABLE (self->circuit_entry), circuit ? circuit : "");
}


static void
spectra_changed_cb (GListModel *model, guint position, guint removed, guint added,
                    EisfitSeriesPage *self)
{
  if (removed)
    eisfit_series_page_inputs_changed (self);
  eisfit_series_page_axis_follow_data (self);
}

void
eisfit_series_page_set_data (EisfitSeriesPage *self, GListModel *spectra,
                             GtkSelectionModel *selection, EisfitSeriesGeometryFunc geometry,
                             gpointer data)
{
  if (self->spectra)
    g_signal_handlers_disconnect_by_func (self->spectra, spectra_changed_cb, self);
  g_set_object (&self->spectra, spectra);
  g_set_object (&self->selection, selection);
  /* a spectrum of the series closed: the table is marked */
  if (spectra)
    g_signal_connect (spectra, "items-changed", G_CALLBACK (spectra_changed_cb), self);
  self->geometry = geometry;
  self->geometry_data = data;
}

/* ---------------------------------------------------------------- the law's height */

#define LAW_MOST_PX 200 /* the law's results and the status: scrolled beyond this (the page itself scrolls) */

/* The scroller of the law's results and the status takes their lines' height for its width
 * (up to LAW_MOST_PX): it asks its child's height unwrapped, a line per label, and the
 * warning under the law was cut (79 of 121 px at 1024x700). */
static gboolean
fit_law_idle_cb (gpointer data)
{
  EisfitSeriesPage *self = data;
  GtkWidget *box = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->law_scroller));
  int w = gtk_widget_get_width (self->law_scroller), nat = 0;

  self->law_idle = 0;
  if (GTK_IS_VIEWPORT (box))
    box = gtk_viewport_get_child (GTK_VIEWPORT (box));
  if (w <= 0 || !box)
    return G_SOURCE_REMOVE;
  self->law_width = w;
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, w, NULL, &nat, NULL, NULL);
  nat = MIN (nat, LAW_MOST_PX);
  if (gtk_scrolled_window_get_min_content_height (GTK_SCROLLED_WINDOW (self->law_scroller))
      != nat)
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->law_scroller), nat);
  return G_SOURCE_REMOVE;
}

void
eisfit_series_page_fit_law_later (EisfitSeriesPage *self)
{
  if (!self->law_idle && !self->disposed)
    self->law_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, fit_law_idle_cb, self, NULL);
}

/* ---------------------------------------------------------------- the widget */

static void
eisfit_series_page_dispose (GObject *object)
{
  EisfitSeriesPage *self = EISFIT_SERIES_PAGE (object);
  GtkWidget *child;

  self->disposed = TRUE;
  g_clear_handle_id (&self->law_idle, g_source_remove);
  if (self->spectra)
    g_signal_handlers_disconnect_by_func (self->spectra, spectra_changed_cb, self);
  g_clear_object (&self->spectra);
  g_clear_object (&self->selection);
  connect_items (self, FALSE);
  g_clear_pointer (&self->result, eisfit_series_job_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_SERIES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_series_page_parent_class)->dispose (object);
}

static void
eisfit_series_page_finalize (GObject *object)
{
  EisfitSeriesPage *self = EISFIT_SERIES_PAGE (object);

  g_ptr_array_unref (self->trends);
  g_ptr_array_unref (self->trend_checks);
  G_OBJECT_CLASS (eisfit_series_page_parent_class)->finalize (object);
}

static void
eisfit_series_page_class_init (EisfitSeriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_series_page_dispose;
  object_class->finalize = eisfit_series_page_finalize;
  g_type_ensure (EISFIT_TYPE_PLOT_VIEW);
  g_type_ensure (EISFIT_TYPE_SERIES_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-series-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, circuit_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, shared_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, shared_box);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, law_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, arrhenius_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, adopt_button);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, fit_button);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, stale_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, table);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, trends_button);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, trends_box);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, axis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, trends_note);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, plot);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, paned);
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesPage, law_scroller);
  gtk_widget_class_bind_template_callback (widget_class, fit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, adopt_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, shared_popover_show_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "axis_selected_cb",
                                                G_CALLBACK (eisfit_series_axis_selected_cb));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Gives drop-down DD the width of its widest choice: choosing another then changes no width,
 * and the choices that flow in the box above the table stay where they are. */
static void
hold_dropdown_width (GtkWidget *dd)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dd));
  GObject *shown = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dd));
  guint i, n = model ? g_list_model_get_n_items (model) : 0;
  int now = 0, label_now = 0, widest = 0;

  if (!shown || !GTK_IS_STRING_OBJECT (shown))
    return;
  gtk_widget_set_size_request (dd, -1, -1);
  gtk_widget_measure (dd, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &now, NULL, NULL);
  /* the button is its label plus a constant (padding, arrow): measured on plain labels in
   * the drop-down's own font */
  for (i = 0; i <= n; i++)
    {
      g_autoptr (GObject) item = i < n ? g_list_model_get_item (model, i) : NULL;
      const char *text = gtk_string_object_get_string (GTK_STRING_OBJECT (item ? item : shown));
      GtkWidget *label = g_object_ref_sink (gtk_label_new (text));
      int w = 0;

      gtk_widget_set_parent (label, dd);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      gtk_widget_unparent (label);
      g_object_unref (label);
      if (i < n)
        widest = MAX (widest, w);
      else
        label_now = w;
    }
  gtk_widget_set_size_request (dd, now - label_now + widest, -1);
}

static void
hold_dropdown_widths_cb (GtkWidget *widget, gpointer data)
{
  EisfitSeriesPage *self = EISFIT_SERIES_PAGE (widget);

  hold_dropdown_width (self->scope_dropdown);
  hold_dropdown_width (self->order_dropdown);
  hold_dropdown_width (self->law_dropdown);
  hold_dropdown_width (self->axis_dropdown);
}

static void
eisfit_series_page_init (EisfitSeriesPage *self)
{
  self->trends = g_ptr_array_new_with_free_func (g_free);
  self->trend_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the trends share the page's height with the table: at 1024x700 both keep their rows */
  eisfit_plot_view_set_min_height (EISFIT_PLOT_VIEW (self->plot), 110);
  /* the table above the handle takes its rows' height (up to a dozen) until the handle is
   * dragged; the table keeps a few rows (90 px), the trends 110 px, wherever it goes */
  eisfit_paned_fit_side (GTK_PANED (self->paned),
                         gtk_paned_get_start_child (GTK_PANED (self->paned)), -1, -1);
  g_signal_connect (self, "map", G_CALLBACK (hold_dropdown_widths_cb), NULL);
  {
    GtkWidget *labels[] = { self->arrhenius_label, self->status_label, self->stale_label };

    for (size_t i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        g_signal_connect_swapped (labels[i], "notify::label",
                                  G_CALLBACK (eisfit_series_page_fit_law_later), self);
        g_signal_connect_swapped (labels[i], "notify::visible",
                                  G_CALLBACK (eisfit_series_page_fit_law_later), self);
      }
    g_signal_connect_swapped (self, "map", G_CALLBACK (eisfit_series_page_fit_law_later), self);
  }
  eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot), FALSE);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), eisfit_series_trends_draw_cb,
                              eisfit_series_trends_hover_cb, self);
  eisfit_series_page_update_plot (self);
  eisfit_series_page_update_trends_label (self);
}

void
eisfit_series_page_set_divider (EisfitSeriesPage *self, int table_px)
{
  gtk_paned_set_position (GTK_PANED (self->paned), table_px);
}

GtkWidget *
eisfit_series_page_new (void)
{
  return g_object_new (EISFIT_TYPE_SERIES_PAGE, NULL);
}
