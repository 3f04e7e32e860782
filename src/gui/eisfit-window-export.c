/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports of the main window: the figure shown (Export Plot: PNG, SVG or PDF sized for paper,
 * or as shown for --export-plot), the results as CSV (one row per fitted spectrum), and the
 * figure's zoom reset. Moved out of eisfit-window.c. */
#include <config.h>

#include "eisfit-window-private.h"
#include "eisfit-dialog.h"

#include "eisfit-figure-page.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arrhenius.h"
#include "circuit.h"
#include "conductivity.h"
#include "eisfit-csv.h"
#include "eisfit-drt-page.h"
#include "eisfit-export-dialog.h"
#include "eisfit-plot-view.h"
#include "eisfit-series-page.h"
#include "eisfit-spectrum-item.h"
#include "eisfit-transference-page.h"
#include "fit.h"
#include "output-file.h"
#include "plot.h"

/* ---------------------------------------------------------------- export */

typedef struct {
  EisfitWindow *window;
  int page;
  EisPlotView view;
} ExportData;

static int
export_draw_fn (cairo_t *cr, double w, double h, const void *data, EisError *err)
{
  const ExportData *d = data;
  EisPlotTransform tr;

  switch (d->page)
    {
    case PAGE_NYQUIST:
    case PAGE_BODE:
    case PAGE_RESIDUALS:
    case PAGE_KK:
    case PAGE_ARRHENIUS:
      return eisfit_figure_page_draw (EISFIT_FIGURE_PAGE (d->window->figure_pages[d->page]), cr,
                                      w, h, &d->view, &tr, err);
    case PAGE_DRT:
      return eisfit_drt_page_draw (EISFIT_DRT_PAGE (d->window->drt_page), cr, w, h, err);
    case PAGE_SERIES:
      return eisfit_series_page_draw (EISFIT_SERIES_PAGE (d->window->series_page), cr, w, h,
                                      err);
    case PAGE_TRANSFERENCE:
    default:
      return eisfit_transference_page_draw (
        EISFIT_TRANSFERENCE_PAGE (d->window->transference_page), cr, w, h, err);
    }
}

static int
current_page (EisfitWindow *self)
{
  GtkWidget *child = gtk_notebook_get_nth_page (GTK_NOTEBOOK (self->stack),
                                                gtk_notebook_get_current_page (GTK_NOTEBOOK (self->stack)));
  int i;

  for (i = 0; i < N_PAGES; i++)
    if (child == self->plot_views[i] || gtk_widget_is_ancestor (self->plot_views[i], child))
      return i;
  return -1;
}

/* The figure shown: a Page, PAGE_TRANSFERENCE, PAGE_DRT or PAGE_SERIES. */
static int
shown_figure (EisfitWindow *self)
{
  int page = current_page (self);
  GtkWidget *child;

  if (page >= 0)
    return page;
  child = gtk_notebook_get_nth_page (GTK_NOTEBOOK (self->stack),
                                     gtk_notebook_get_current_page (GTK_NOTEBOOK (self->stack)));
  return child == self->drt_page ? PAGE_DRT
         : child == self->series_page ? PAGE_SERIES : PAGE_TRANSFERENCE;
}

/* Writes the figure shown to PATH (PNG, SVG or PDF by its extension) at the size it has on
 * screen (at least 400 x 300). */
int
eisfit_window_export_shown_figure (EisfitWindow *self, const char *path, EisError *err)
{
  ExportData d = { self, shown_figure (self), { 0 } };
  GtkWidget *view = d.page == PAGE_TRANSFERENCE
                      ? eisfit_transference_page_get_plot (
                          EISFIT_TRANSFERENCE_PAGE (self->transference_page))
                    : d.page == PAGE_DRT
                      ? eisfit_drt_page_get_plot (EISFIT_DRT_PAGE (self->drt_page))
                    : d.page == PAGE_SERIES
                      ? eisfit_series_page_get_plot (EISFIT_SERIES_PAGE (self->series_page))
                      : self->plot_views[d.page];
  double w = MAX (gtk_widget_get_width (view), 400);
  double h = MAX (gtk_widget_get_height (view), 300);

  if (d.page < N_PAGES)
    d.view = *eisfit_plot_view_get_view (EISFIT_PLOT_VIEW (view));
  return eis_plot_to_file (path, w, h, export_draw_fn, &d, 1, err);
}

int
eisfit_window_export_figure (EisfitWindow *self, const char *path, const EisPlotPaper *paper,
                             EisError *err)
{
  ExportData d = { self, shown_figure (self), { 0 } };
  int status;

  if (d.page < N_PAGES)
    d.view = *eisfit_plot_view_get_view (EISFIT_PLOT_VIEW (self->plot_views[d.page]));
  status = eis_plot_to_file_paper (path, paper, export_draw_fn, &d, 1, err);
  if (status == EIS_OK)
    eisfit_window_saved_to (self, path);
  return status;
}

int
eisfit_window_draw_figure (EisfitWindow *self, cairo_t *cr, double w, double h, EisError *err)
{
  ExportData d = { self, shown_figure (self), { 0 } };

  if (d.page < N_PAGES)
    d.view = *eisfit_plot_view_get_view (EISFIT_PLOT_VIEW (self->plot_views[d.page]));
  return export_draw_fn (cr, w, h, &d, err);
}

static int
export_paper_cb (const char *path, const EisPlotPaper *paper, EisError *err, gpointer data)
{
  return eisfit_window_export_figure (EISFIT_WINDOW (data), path, paper, err);
}

static void
export_plot_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  static const char *const names[N_PAGES + 3] = { "nyquist", "bode", "residuals", "kk",
                                                  "arrhenius", "transference", "drt",
                                                  "series" };

  g_autofree char *folder = eisfit_window_dup_save_folder (self);

  eisfit_export_dialog_run (GTK_WINDOW (self), names[shown_figure (self)], folder,
                            export_paper_cb, self);
}

/* Why the results CSV has no activation energy (a new string), or NULL when it has: no fit
 * of the exported spectra, or they are not one sample (their geometries or cell types
 * differ: one Arrhenius line through two samples means nothing). */
static char *
results_ea_refusal (const EisfitArrheniusData *a)
{
  size_t k;

  if (a->n < 2 || !a->have_total)
    return g_strdup_printf ("no Arrhenius fit of the exported spectra: %s",
                            a->why_not ? a->why_not : "too few points");
  for (k = 1; k < a->n; k++)
    {
      EisGeometry g0, gk;
      gboolean h0 = eisfit_spectrum_item_get_cell_geometry (a->items[0], &g0);
      gboolean hk = eisfit_spectrum_item_get_cell_geometry (a->items[k], &gk);

      if (h0 != hk || g0.thickness_cm != gk.thickness_cm || g0.area_cm2 != gk.area_cm2
          || strcmp (eisfit_spectrum_item_get_cell (a->items[0]),
                     eisfit_spectrum_item_get_cell (a->items[k])) != 0)
        return g_strdup_printf ("no Arrhenius fit: the exported spectra with a temperature and "
                                "a conductivity are of more than one cell (%s and %s differ in "
                                "geometry or cell type); export the Arrhenius tab's data of "
                                "one cell instead",
                                eisfit_spectrum_item_get_title (a->items[0]),
                                eisfit_spectrum_item_get_title (a->items[k]));
    }
  return NULL;
}

/* Why a fitted spectrum gives no Arrhenius point (as eisfit_arrhenius_data_collect decides). */
static const char *
results_left_out_why (EisfitSpectrumItem *item)
{
  EisGeometry g = { 0 };
  EisConductivity c;
  EisError err = { 0 };

  if (!isfinite (eisfit_spectrum_item_get_spectrum (item)->temperature_k))
    return "no temperature";
  if (!eisfit_spectrum_item_get_cell_geometry (item, &g))
    return "no geometry";
  if (!eisfit_spectrum_item_conductivity (item, &g, &c, &err) || !isfinite (c.sigma_total)
      || c.sigma_total <= 0)
    return "no conductivity from its fit";
  return "left out";
}

/* Every fitted spectrum, one row each: file, spectrum, temperature, circuit, fit status, reduced
 * chi^2, each parameter (the union of all circuits' names) with its standard error, the
 * resistances and conductivities with the geometry behind them and the side panel's warning
 * about it, whether the fit is trusted and its cautions, each arc's element, resistance, effective capacitance and role, the legend label,
 * and the activation energies of one Arrhenius fit of every exported spectrum with a
 * temperature and a conductivity (whatever is selected), with the set it was fitted to. */
static char *
results_csv (EisfitWindow *self, guint *n_fitted)
{
  GString *s = g_string_new ("file,spectrum,temperature_K,circuit,status,reduced_chi2");
  GListModel *store = G_LIST_MODEL (self->store);
  guint i, j, n = g_list_model_get_n_items (store);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();  /* borrowed from the circuits */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  size_t k, max_arcs = 0;
  EisfitArrheniusData arr;
  static const char *const cond_cols[] = { "R_bulk_Ohm", "R_bulk_stderr_Ohm", "R_gb_Ohm",
                                           "R_gb_stderr_Ohm", "sigma_bulk_S_cm",
                                           "sigma_bulk_stderr_S_cm", "sigma_gb_S_cm",
                                           "sigma_gb_stderr_S_cm", "sigma_total_S_cm",
                                           "sigma_total_stderr_S_cm", "thickness_cm", "area_cm2" };
  g_autoptr (GPtrArray) fitted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *ea_none = NULL;

  *n_fitted = 0;
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (store, i);
      const EisFitResult *r = eisfit_spectrum_item_get_fit (item);
      const EisCircuit *c = eisfit_spectrum_item_get_circuit (item);
      EisConductivity cond;
      EisError err = { 0 };

      if (!r)
        continue;
      g_ptr_array_add (fitted, g_object_ref (item));
      for (k = 0; k < r->n_params; k++)
        if (g_hash_table_add (seen, (gpointer) eis_circuit_param_name (c, k)))
          g_ptr_array_add (names, (gpointer) eis_circuit_param_name (c, k));
      if (eisfit_spectrum_item_conductivity (item, NULL, &cond, &err))
        max_arcs = MAX (max_arcs, cond.n_arcs);
    }
  for (j = 0; j < names->len; j++)
    g_string_append_printf (s, ",%s,%s_stderr", (char *) names->pdata[j],
                            (char *) names->pdata[j]);
  for (j = 0; j < G_N_ELEMENTS (cond_cols); j++)
    g_string_append_printf (s, ",%s", cond_cols[j]);
  /* whether the fit is trusted and its cautions, under eisfit --format csv's names */
  g_string_append (s, ",geometry_note,trusted,bulk_gb_separated,cautions");
  for (k = 0; k < max_arcs; k++)
    g_string_append_printf (s, ",arc%zu_element,arc%zu_R_Ohm,arc%zu_C_eff_F,arc%zu_role", k + 1,
                            k + 1, k + 1, k + 1);
  /* the legend label, and the activation energies of one Arrhenius fit of the exported
   * spectra, with the set they come from (Ea_set) */
  g_string_append (s, ",label,Ea_total_eV,Ea_total_stderr_eV,Ea_bulk_eV,Ea_bulk_stderr_eV,"
                      "Ea_set\n");
  eisfit_arrhenius_data_collect (self->document, fitted, &arr);
  ea_none = results_ea_refusal (&arr);
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (store, i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      const EisFitResult *r = eisfit_spectrum_item_get_fit (item);
      const EisCircuit *c = eisfit_spectrum_item_get_circuit (item);
      EisGeometry geom = { 0 };
      gboolean have_geom;
      EisConductivity cond;
      EisError err = { 0 };
      gboolean have_cond;

      if (!r)
        continue;
      (*n_fitted)++;
      have_geom = eisfit_window_item_geometry (self, item, &geom);
      have_cond = eisfit_spectrum_item_conductivity (item, have_geom ? &geom : NULL, &cond, &err);
      eisfit_csv_field (s, sp->source ? sp->source : "", ',');
      g_string_append_printf (s, "%d,", sp->index + 1);
      eisfit_csv_number (s, sp->temperature_k, ',');
      eisfit_csv_field (s, eis_circuit_text (c), ',');
      eisfit_csv_field (s, eis_fit_status_name (r->status), ',');
      eisfit_csv_number (s, r->reduced_chi2, ',');
      for (j = 0; j < names->len; j++)
        {
          long idx = eis_circuit_param_index (c, names->pdata[j]);

          eisfit_csv_number (s, idx >= 0 ? r->value[idx] : NAN, ',');
          eisfit_csv_number (s, idx >= 0 ? r->stderr_[idx] : NAN, ',');
        }
      {
        double v[G_N_ELEMENTS (cond_cols)];

        for (j = 0; j < G_N_ELEMENTS (v); j++)
          v[j] = NAN;
        if (have_cond)
          {
            double w[] = { cond.R_bulk, cond.R_bulk_se, cond.R_gb, cond.R_gb_se };

            memcpy (v, w, sizeof w);
            if (cond.have_geometry)
              {
                double g[] = { cond.sigma_bulk, cond.sigma_bulk_se, cond.sigma_gb,
                               cond.sigma_gb_se, cond.sigma_total, cond.sigma_total_se,
                               geom.thickness_cm, geom.area_cm2 };

                memcpy (v + 4, g, sizeof g);
              }
          }
        for (j = 0; j < G_N_ELEMENTS (v); j++)
          eisfit_csv_number (s, v[j], ',');
      }
      {
        /* a geometry this file inherited (typed for another, from the last session): the
         * side panel's warning, in its words */
        const char *gt, *gd, *ga, *note = NULL;
        g_autofree char *warn = NULL;

        eisfit_spectrum_item_get_geometry (item, &gt, &gd, &ga, &note);
        if (have_cond && cond.have_geometry && note && *note)
          warn = g_strdup_printf ("%s: check that it is this cell's", note);
        eisfit_csv_field (s, warn ? warn : "", ',');
      }
      {
        /* as eisfit --format csv: "no" for an untrusted automatic choice (no resistance of a
         * role, no sigma) and where bulk and grain boundary are not told apart, and the
         * cautions beside the numbers they qualify, " | " between them; empty without a
         * conductivity */
        GString *cautions = g_string_new (NULL);

        for (k = 0; have_cond && k < cond.n_cautions; k++)
          g_string_append_printf (cautions, "%s%s", k ? " | " : "", cond.cautions[k]);
        eisfit_csv_field (s, !have_cond ? "" : cond.untrusted ? "no" : "yes", ',');
        eisfit_csv_field (s, !have_cond ? ""
                             : cond.split_ambiguous || cond.too_narrow || cond.untrusted ? "no"
                                                                                          : "yes",
                          ',');
        eisfit_csv_field (s, cautions->str, ',');
        g_string_free (cautions, TRUE);
      }
      for (k = 0; k < max_arcs; k++)
        {
          if (have_cond && k < cond.n_arcs)
            {
              g_autofree char *role = g_strdup (eis_arc_role_name (&cond.arcs[k]));

              g_strdelimit (role, "_", ' ');
              eisfit_csv_field (s, cond.arcs[k].label, ',');
              eisfit_csv_number (s, cond.arcs[k].R, ',');
              eisfit_csv_number (s, cond.arcs[k].C_eff, ',');
              eisfit_csv_field (s, role, ',');
            }
          else
            g_string_append (s, ",,,,");
        }
      {
        g_autofree char *label = eisfit_document_dup_legend_label (self->document, item);
        gboolean in_fit = FALSE;

        for (k = 0; k < arr.n && !in_fit; k++)
          in_fit = arr.items[k] == item;
        g_autofree char *set = NULL;

        in_fit &= ea_none == NULL;
        if (ea_none)
          set = g_strdup (ea_none);
        else if (in_fit)
          set = g_strdup_printf ("one fit of the %zu exported spectra with a temperature and a "
                                 "conductivity (the rows with Ea)", arr.n);
        else
          set = g_strdup_printf ("not in the Arrhenius fit: %s", results_left_out_why (item));
        eisfit_csv_field (s, label, ',');
        eisfit_csv_number (s, in_fit && arr.have_total ? arr.fit_total.Ea_eV : NAN, ',');
        eisfit_csv_number (s, in_fit && arr.have_total ? arr.fit_total.Ea_se_eV : NAN, ',');
        eisfit_csv_number (s, in_fit && arr.have_bulk ? arr.fit_bulk.Ea_eV : NAN, ',');
        eisfit_csv_number (s, in_fit && arr.have_bulk ? arr.fit_bulk.Ea_se_eV : NAN, ',');
        eisfit_csv_field (s, set, '\n');
      }
    }
  eisfit_arrhenius_data_clear (&arr);
  return g_string_free (s, FALSE);
}

char *
eisfit_window_dup_results_csv (EisfitWindow *self)
{
  guint n_fitted;
  char *csv = results_csv (self, &n_fitted);

  if (n_fitted == 0)
    g_clear_pointer (&csv, g_free);
  return csv;
}

gboolean
eisfit_window_write_results_csv (EisfitWindow *self, const char *path, GError **error)
{
  guint n_fitted;
  g_autofree char *csv = results_csv (self, &n_fitted);

  EisError err = { 0 };

  /* whole or not at all, and no temporary file left when killed (output-file.h) */
  if (eis_output_file_write_whole (path, csv, strlen (csv), TRUE, &err) != EIS_OK)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, err.message);
      return FALSE;
    }
  self->unsaved_fits = 0;
  eisfit_window_saved_to (self, path);
  return TRUE;
}

static void
export_csv_response_cb (GtkNativeDialog *dialog, int response, EisfitWindow *self)
{
  g_autofree char *path = eisfit_dialog_dup_chosen_path (dialog, response);

  if (path)
    {
      g_autoptr (GError) error = NULL;

      if (!eisfit_window_write_results_csv (self, path, &error))
        eisfit_window_show_message (self, error->message);
    }
  g_object_unref (dialog);
}

static void
export_csv_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  guint n_fitted;
  g_autofree char *csv = results_csv (self, &n_fitted);

  if (n_fitted == 0)
    {
      eisfit_window_show_message (self, "Nothing to export yet: fit one or more spectra first.");
      return;
    }
  dialog = eisfit_window_new_save_dialog (self, "Export results", "_Export",
                                         "eisfit-results.csv");
  g_signal_connect (dialog, "response", G_CALLBACK (export_csv_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
reset_zoom_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  int page = current_page (self);

  if (page >= 0)
    eisfit_plot_view_reset_zoom (EISFIT_PLOT_VIEW (self->plot_views[page]));
}

void
eisfit_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-plot", NULL, export_plot_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.reset-zoom", NULL, reset_zoom_action);
}
