/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window of eisfit-gtk (see eisfit-window.h): it assembles the document
 * (eisfit-document.c), the list, the tabs and the side panel, and keeps the circuit entry, the
 * parameter table, the geometry and the temperature in step with the spectrum shown. Its other
 * parts are in eisfit-window-*.c (figures, fit queue, points left out, opening files, export,
 * batch mode, project, undo, list, results, test script) and in the widgets of the pages and
 * panels. It holds no analysis: that comes from src/core, every figure from src/plot. */
#include <config.h>

#include "eisfit-window.h"
#include "eisfit-window-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arrhenius.h"
#include "circuit.h"
#include "conductivity.h"
#include "eisfit-export-dialog.h"
#include "eisfit-param-table.h"
#include "eisfit-plot-view.h"
#include "eisfit-settings.h"
#include "eisfit-spectrum-item.h"
#include "eisfit-transference-page.h"
#include "eisfit-drt-page.h"
#include "eisfit-bic-table.h"
#include "eisfit-conductivity-panel.h"
#include "eisfit-series-page.h"
#include "fit.h"
#include "import.h"
#include "kk.h"
#include "output-file.h"
#include "plot.h"
#include "project.h"
#include "temperature.h"
#include "units.h"

/* Circuit presets: label and circuit text ("" = automatic choice by BIC). */
static const char *const preset_circuits[] = {
  "",
  "R0-p(R1,CPE1)-CPE2",
  "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3",
  "R0-CPE1",
  "R0-p(R1,CPE1)-p(R2,CPE2)",
};
#define PRESET_CUSTOM G_N_ELEMENTS (preset_circuits)


G_DEFINE_FINAL_TYPE (EisfitWindow, eisfit_window, GTK_TYPE_APPLICATION_WINDOW)

static void update_all (EisfitWindow *self);

static void model_changed (EisfitWindow *self);

/* ---------------------------------------------------------------- messages */

static void
show_error (EisfitWindow *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->banner_label), message);
  gtk_label_select_region (GTK_LABEL (self->banner_label), 0, 0); /* readable, not highlighted */
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), TRUE);
  if (self->echo_errors)
    g_printerr ("eisfit-gtk: %s\n", message);
}

void
eisfit_window_show_message (EisfitWindow *self, const char *message)
{
  show_error (self, message);
}

static void
banner_close_cb (GtkButton *button, EisfitWindow *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);
}

/* ---------------------------------------------------------------- selection */

GPtrArray *
eisfit_window_selected_items (EisfitWindow *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitset *set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkBitsetIter iter;
  guint pos;

  if (gtk_bitset_iter_init_first (&iter, set, &pos))
    do
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->store), pos));
    while (gtk_bitset_iter_next (&iter, &pos));
  gtk_bitset_unref (set);
  return items;
}

/* ---------------------------------------------------------------- geometry */

/* Parses a geometry as typed (thickness T, diameter D or area A; "" = not given). Returns
 * FALSE when one does not parse (MESSAGE says which, *BAD is 0, 1 or 2 for T, D, A); *HAVE is
 * FALSE when thickness or area is missing. */
static gboolean
parse_geometry (const char *t, const char *d, const char *a, EisGeometry *g, gboolean *have,
                char **message, int *bad)
{
  double se = NAN;

  g->thickness_cm = g->thickness_se_cm = g->area_cm2 = g->area_se_cm2 = NAN;
  *have = FALSE;
  *message = NULL;
  *bad = -1;
  if (*t && eis_parse_length_cm (t, &g->thickness_cm, &se) != 0)
    {
      *bad = 0;
      *message = g_strdup_printf ("thickness \"%s\": expected a length such as 0.6mm", t);
      return FALSE;
    }
  g->thickness_se_cm = isfinite (se) ? se : 0;
  se = NAN;
  if (*a)
    {
      if (eis_parse_area_cm2 (a, &g->area_cm2, &se) != 0)
        {
          *bad = 2;
          *message = g_strdup_printf ("area \"%s\": expected an area such as 0.785cm2", a);
          return FALSE;
        }
      g->area_se_cm2 = isfinite (se) ? se : 0;
    }
  else if (*d)
    {
      double dcm;

      if (eis_parse_length_cm (d, &dcm, &se) != 0)
        {
          *bad = 1;
          *message = g_strdup_printf ("diameter \"%s\": expected a length such as 10mm", d);
          return FALSE;
        }
      g->area_cm2 = G_PI * dcm * dcm / 4; /* disc electrode */
      g->area_se_cm2 = isfinite (se) ? G_PI * dcm * se / 2 : 0;
    }
  *have = isfinite (g->thickness_cm) && isfinite (g->area_cm2);
  return TRUE;
}

/* Parses the geometry entries (those of the current spectrum's file), marking one that does
 * not parse. */
static gboolean
read_geometry (EisfitWindow *self, EisGeometry *g, gboolean *have, char **message)
{
  GtkWidget *entries[3] = { self->thickness_entry, self->diameter_entry, self->area_entry };
  int bad, i;
  gboolean ok = parse_geometry (gtk_editable_get_text (GTK_EDITABLE (entries[0])),
                                gtk_editable_get_text (GTK_EDITABLE (entries[1])),
                                gtk_editable_get_text (GTK_EDITABLE (entries[2])), g, have,
                                message, &bad);

  for (i = 0; i < 3; i++)
    if (i == bad)
      gtk_widget_add_css_class (entries[i], "error");
    else
      gtk_widget_remove_css_class (entries[i], "error");
  return ok;
}

gboolean
eisfit_window_item_geometry (EisfitWindow *self, EisfitSpectrumItem *item, EisGeometry *g)
{
  g_autofree char *msg = NULL;
  const char *t, *d, *a;
  gboolean have;
  int bad;

  eisfit_spectrum_item_get_geometry (item, &t, &d, &a, NULL);
  return parse_geometry (t, d, a, g, &have, &msg, &bad) && have;
}

static gboolean
series_geometry_cb (EisfitSpectrumItem *item, EisGeometry *g, gpointer data)
{
  return eisfit_window_item_geometry (data, item, g);
}

/* The Series page's Use these fits: one undo step, then the window shows the new fits. */
static void
series_adopt_cb (EisfitSeriesPage *page, GPtrArray *items, gboolean done, gpointer data)
{
  EisfitWindow *self = data;

  if (!done)
    {
      eisfit_window_undo_record_fit (self, items);
      return;
    }
  self->unsaved_fits += items->len;
  eisfit_window_mark_changed (self);
  eisfit_window_refresh (self);
  eisfit_transference_page_fits_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
}

/* ---------------------------------------------------------------- conductivity panel */

/* The geometry line and the conductivity panel of the current spectrum. */
static void
update_conductivity (EisfitWindow *self)
{
  g_autofree char *geom_msg = NULL;
  EisGeometry geom;
  gboolean have_geom, geom_ok;

  geom_ok = read_geometry (self, &geom, &have_geom, &geom_msg);
  if (!geom_ok)
    gtk_label_set_text (GTK_LABEL (self->geometry_label), geom_msg);
  else if (have_geom)
    {
      g_autofree char *text = g_strdup_printf ("L = %.4g cm,  A = %.4g cm²,  L/A = %.4g cm⁻¹%s%s%s",
                                               geom.thickness_cm, geom.area_cm2,
                                               geom.thickness_cm / geom.area_cm2,
                                               self->geometry_note_shown ? "\n⚠ " : "",
                                               self->geometry_note_shown
                                                 ? self->geometry_note_shown : "",
                                               self->geometry_note_shown
                                                 ? ": check that it is this cell's" : "");
      gtk_label_set_text (GTK_LABEL (self->geometry_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->geometry_label),
                        "Thickness and diameter (or area) give σ; without them the "
                        "capacitances are compared directly.");
  eisfit_conductivity_panel_show (EISFIT_CONDUCTIVITY_PANEL (self->conductivity_panel),
                                  self->current, geom_ok && have_geom ? &geom : NULL,
                                  eisfit_window_panels_stale (self));
}

/* ---------------------------------------------------------------- the model (table) */

void
eisfit_window_redraw_plots (EisfitWindow *self)
{
  int i;

  for (i = 0; i < N_PAGES; i++)
    eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot_views[i]));
  /* the DRT of the points the fit uses (computed when its tab is drawn, and again only when
   * the points change) */
  {
    g_autofree char *title = self->current ? eisfit_window_current_title (self, "DRT", "")
                                           : NULL;
    /* "DRT of NAME: " -> NAME: the page writes its own title */
    g_autofree char *name = title && g_str_has_prefix (title, "DRT of ")
                              ? g_strndup (title + 7, strlen (title) - 7 - 2) : NULL;

    eisfit_drt_page_set_spectrum (EISFIT_DRT_PAGE (self->drt_page),
                                  self->current ? eisfit_window_current_used_points (self) : NULL, name,
                                  "Open a spectrum: its distribution of relaxation times is "
                                  "shown here.");
  }
}

static void
update_fit_info (EisfitWindow *self)
{
  const EisFitResult *r = self->current ? eisfit_spectrum_item_get_fit (self->current) : NULL;
  g_autofree char *text = NULL;

  if (self->current && eisfit_spectrum_item_get_refusal (self->current))
    {
      /* as eisfit refuses it: nothing to fit, and why */
      g_autofree char *why = g_strdup_printf ("⚠ Not fitted: %s",
                                              eisfit_spectrum_item_get_refusal (self->current));

      gtk_label_set_text (GTK_LABEL (self->fit_info_label), why);
      gtk_widget_add_css_class (self->fit_info_label, "warning");
      eisfit_bic_table_set_why (EISFIT_BIC_TABLE (self->bic_table), NULL);
      return;
    }
  if (!r)
    {
      gtk_widget_remove_css_class (self->fit_info_label, "warning");
      gtk_label_set_text (GTK_LABEL (self->fit_info_label),
                          self->current ? "Not fitted yet: press Fit (Ctrl+F)." : "");
      eisfit_bic_table_set_why (EISFIT_BIC_TABLE (self->bic_table), NULL);
      return;
    }
  /* the residuals' runs test, as eisfit reports it: a pattern means a missing feature */
  g_autofree char *runs = isinf (r->runs_z) ? g_strdup ("; ⚠ every residual has one sign: the "
                                                        "circuit misses a feature (see Residuals)")
                          : r->runs_z < -3 ? g_strdup_printf ("; ⚠ the residuals follow a pattern "
                                                              "(runs test z = %.1f): the circuit "
                                                              "misses a feature (see Residuals)",
                                                              r->runs_z)
                          : g_strdup ("");
  text = g_strdup_printf ("%s%s: %s after %d iterations (%d start%s); χ²ᵣ = %.3g, %zu points, "
                          "%s weighting%s%s",
                          eisfit_window_panels_stale (self) ? "⚠ Edited since the last fit; press Fit to "
                                                "update. Last fit, " : "",
                          eis_circuit_text (eisfit_spectrum_item_get_circuit (self->current)),
                          eis_fit_status_name (r->status), r->iterations, r->n_starts,
                          r->n_starts == 1 ? "" : "s",
                          r->reduced_chi2, r->n_points, eis_weighting_name (r->weighting),
                          *eisfit_spectrum_item_get_why (self->current)
                            ? " (chosen automatically by BIC: the comparison is below)" : "",
                          runs);
  gtk_label_set_text (GTK_LABEL (self->fit_info_label), text);
  eisfit_bic_table_set_why (EISFIT_BIC_TABLE (self->bic_table),
                            eisfit_spectrum_item_get_why (self->current));
  if (r->status == EIS_FIT_CONVERGED && !(r->runs_z < -3) && !eisfit_window_panels_stale (self))
    gtk_widget_remove_css_class (self->fit_info_label, "warning");
  else
    gtk_widget_add_css_class (self->fit_info_label, "warning");
}

/* Puts circuit C (copied) with VALUES, or the fit R, into the table. */
static void
set_model (EisfitWindow *self, const EisCircuit *c, const double *values, const EisFitResult *r)
{
  g_clear_pointer (&self->model, eis_circuit_free);
  self->model = c ? eis_circuit_dup (c) : NULL;
  eisfit_param_table_set_circuit (EISFIT_PARAM_TABLE (self->param_table), self->model,
                                  r ? r->value : values);
  if (r)
    eisfit_param_table_set_result (EISFIT_PARAM_TABLE (self->param_table), r);
  self->user_edited = FALSE;
  self->table_item = self->current;
  self->table_fit = r;
  eisfit_window_undo_table_shown (self);
}

/* Chooses what the table shows for the current spectrum: its fit when the fit used the
 * circuit in the entry (or the entry is automatic), otherwise the entry's circuit with
 * starting values guessed by the engine. */
static void
model_changed (EisfitWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->circuit_entry));
  const EisFitResult *fit = self->current ? eisfit_spectrum_item_get_fit (self->current) : NULL;
  const EisCircuit *fc = self->current ? eisfit_spectrum_item_get_circuit (self->current) : NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  EisCircuit *c = NULL;
  EisError err = { 0 };

  gtk_widget_remove_css_class (self->circuit_entry, "error");
  gtk_widget_set_visible (self->circuit_error_label, FALSE);
  self->automatic = *trimmed == '\0';
  self->circuit_error = FALSE;
  if (self->automatic)
    {
      set_model (self, fit ? fc : NULL, NULL, fit);
      goto done;
    }
  if (eis_circuit_parse (text, &c, &err) != EIS_OK)
    {
      gtk_widget_add_css_class (self->circuit_entry, "error");
      gtk_label_set_text (GTK_LABEL (self->circuit_error_label), err.message);
      gtk_widget_set_visible (self->circuit_error_label, TRUE);
      self->circuit_error = TRUE;
      goto done; /* keep the table as it was */
    }
  if (self->user_edited && self->current && self->current == self->table_item
      && fit == self->table_fit && self->model
      && strcmp (eis_circuit_text (self->model), eis_circuit_text (c)) == 0)
    ; /* the user's values, Fix ticks and bounds stay until a new fit of this spectrum arrives:
       * a failed fit, or fits of other spectra, change nothing */
  else if (fit && strcmp (eis_circuit_text (fc), eis_circuit_text (c)) == 0)
    set_model (self, fc, NULL, fit);
  else if (self->model && !fit && strcmp (eis_circuit_text (self->model), eis_circuit_text (c)) == 0
           && self->user_edited)
    ; /* keep the user's values */
  else
    {
      g_autofree double *p = g_new (double, eis_circuit_n_params (c) + 1);
      size_t i;

      for (i = 0; i < eis_circuit_n_params (c); i++)
        p[i] = NAN;
      if (self->current
          && eis_fit_guess (c, eisfit_spectrum_item_get_spectrum (self->current), p, &err)
               != EIS_OK)
        for (i = 0; i < eis_circuit_n_params (c); i++)
          p[i] = NAN;
      set_model (self, c, p, NULL);
    }
  eis_circuit_free (c);
done:
  update_fit_info (self);
  eisfit_window_redraw_plots (self);
}

/* TRUE when the table was edited since the current spectrum's fit: the panels that come from
 * the fit (σ, arcs, χ², standard errors) are the last fit's, not the table's. */
gboolean
eisfit_window_panels_stale (EisfitWindow *self)
{
  return self->user_edited && self->current && self->current == self->table_item
         && eisfit_spectrum_item_get_fit (self->current);
}

static void
param_table_changed_cb (EisfitParamTable *table, EisfitWindow *self)
{
  gboolean was_stale = eisfit_window_panels_stale (self);

  self->user_edited = TRUE;
  eisfit_window_undo_table_changed (self);
  eisfit_window_mark_changed (self);
  if (!was_stale && eisfit_window_panels_stale (self))
    {
      update_fit_info (self);
      update_conductivity (self);
      eisfit_window_update_arrhenius_label (self);
    }
  /* the model curve and the residuals follow the table at once */
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot_views[PAGE_NYQUIST]));
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot_views[PAGE_BODE]));
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot_views[PAGE_RESIDUALS]));
}

static void
circuit_changed_cb (GtkEditable *editable, EisfitWindow *self)
{
  const char *text = gtk_editable_get_text (editable);
  guint i, preset = PRESET_CUSTOM;

  if (self->setting_circuit)
    return;
  for (i = 0; i < G_N_ELEMENTS (preset_circuits); i++)
    if (strcmp (text, preset_circuits[i]) == 0)
      preset = i;
  self->setting_preset = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_dropdown), preset);
  self->setting_preset = FALSE;
  eisfit_settings_set (&self->settings->circuit, text);
  eisfit_window_undo_circuit_changed (self, self->entry_before ? self->entry_before : "");
  g_free (self->entry_before);
  self->entry_before = g_strdup (text);
  eisfit_window_mark_changed (self);
  model_changed (self);
}

/* Sets the circuit entry's text as one step that Ctrl+Z does not take apart: undo in the entry
 * only undoes typing, so the entry, the preset, the table and the curve always agree. */
static void
set_circuit_entry (EisfitWindow *self, const char *text)
{
  /* one "changed" for the new text, not one for the deletion and one for the insertion */
  self->setting_circuit = TRUE;
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->circuit_entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->circuit_entry), text ? text : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->circuit_entry), TRUE);
  self->setting_circuit = FALSE;
  circuit_changed_cb (GTK_EDITABLE (self->circuit_entry), self);
}

static void
preset_selected_cb (GObject *dropdown, GParamSpec *pspec, EisfitWindow *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (self->setting_preset || i >= G_N_ELEMENTS (preset_circuits))
    return;
  set_circuit_entry (self, preset_circuits[i]);
}

/* Shows the geometry of the current spectrum's file in the entries, and whose it is. */
static void
show_geometry (EisfitWindow *self)
{
  const char *t = self->default_geometry[0], *d = self->default_geometry[1];
  const char *a = self->default_geometry[2], *note = self->default_geometry_note;
  g_autofree char *heading = NULL;

  if (self->current)
    {
      eisfit_spectrum_item_get_geometry (self->current, &t, &d, &a, &note);
      heading = g_strdup_printf ("Geometry of %s", eisfit_spectrum_item_get_title (self->current));
    }
  self->setting_geometry = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->thickness_entry), t ? t : "");
  gtk_editable_set_text (GTK_EDITABLE (self->diameter_entry), d ? d : "");
  gtk_editable_set_text (GTK_EDITABLE (self->area_entry), a ? a : "");
  self->setting_geometry = FALSE;
  gtk_label_set_text (GTK_LABEL (self->geometry_heading), heading ? heading : "Geometry");
  gtk_widget_set_tooltip_text (self->geometry_heading,
                               "Each file has its own geometry: what you type applies to the "
                               "files of the selected spectra, and to files opened later");
  g_free (self->geometry_note_shown);
  self->geometry_note_shown = g_strdup (note && *note ? note : NULL);
}

/* The geometry every spectrum opened from now on starts with (copied; NOTE says whose). */
static void
set_default_geometry (EisfitWindow *self, const char *t, const char *d, const char *a,
                      const char *note)
{
  char *v[3] = { g_strdup (t ? t : ""), g_strdup (d ? d : ""), g_strdup (a ? a : "") };
  int i;

  for (i = 0; i < 3; i++)
    {
      g_free (self->default_geometry[i]);
      self->default_geometry[i] = v[i]; /* T, D, A may be the old ones: copied first */
    }
  eisfit_settings_set (&self->default_geometry_note, note);
}

/* Typed: the geometry of the files of the selected spectra (every spectrum of those files). */
static void
geometry_changed_cb (GtkEditable *editable, EisfitWindow *self)
{
  const char *t = gtk_editable_get_text (GTK_EDITABLE (self->thickness_entry));
  const char *d = gtk_editable_get_text (GTK_EDITABLE (self->diameter_entry));
  const char *a = gtk_editable_get_text (GTK_EDITABLE (self->area_entry));
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GHashTable) files = NULL;
  g_autofree char *note = NULL;
  guint i, n;

  if (self->setting_geometry)
    return;
  items = eisfit_window_selected_items (self);
  files = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; i < items->len; i++)
    {
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (g_ptr_array_index (items, i));

      g_hash_table_add (files, sp->source ? sp->source : "");
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);

      if (g_hash_table_contains (files, sp->source ? sp->source : ""))
        eisfit_spectrum_item_set_geometry (item, t, d, a, "");
    }
  /* files opened later start with it, saying whose it was */
  note = self->current ? g_strdup_printf ("as typed for %s",
                                          eisfit_spectrum_item_get_title (self->current))
                       : g_strdup ("as typed");
  set_default_geometry (self, t, d, a, note);
  eisfit_window_mark_changed (self);
  g_clear_pointer (&self->geometry_note_shown, g_free);
  eisfit_settings_set (&self->settings->thickness,
                       gtk_editable_get_text (GTK_EDITABLE (self->thickness_entry)));
  eisfit_settings_set (&self->settings->diameter,
                       gtk_editable_get_text (GTK_EDITABLE (self->diameter_entry)));
  eisfit_settings_set (&self->settings->area,
                       gtk_editable_get_text (GTK_EDITABLE (self->area_entry)));
  update_conductivity (self);
  eisfit_window_update_arrhenius_label (self);
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot_views[PAGE_ARRHENIUS]));
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
}

/* Shows the current spectrum's temperature in the panel. */
static void
update_temperature (EisfitWindow *self)
{
  const EisSpectrum *s = self->current ? eisfit_spectrum_item_get_spectrum (self->current) : NULL;
  g_autofree char *text = NULL;

  self->setting_temperature = TRUE;
  gtk_widget_set_sensitive (self->temperature_entry, s != NULL);
  gtk_widget_remove_css_class (self->temperature_entry, "error");
  if (s && isfinite (s->temperature_k))
    text = g_strdup_printf ("%.5g °C", s->temperature_k - 273.15);
  gtk_editable_set_text (GTK_EDITABLE (self->temperature_entry), text ? text : "");
  gtk_label_set_text (GTK_LABEL (self->temperature_label),
                      !s ? "" : isfinite (s->temperature_k)
                                  ? eisfit_spectrum_item_get_temperature_source (self->current)
                                  : "unknown: type it to use this spectrum in the Arrhenius plot");
  self->setting_temperature = FALSE;
}

static void
temperature_changed_cb (GtkEditable *editable, EisfitWindow *self)
{
  double T_K;

  if (self->setting_temperature || !self->current)
    return;
  if (eis_temperature_parse (gtk_editable_get_text (editable), &T_K) != EIS_OK)
    {
      gtk_widget_add_css_class (self->temperature_entry, "error");
      gtk_label_set_text (GTK_LABEL (self->temperature_label),
                          "expected a temperature such as 25, 25C or 298.15K");
      return;
    }
  gtk_widget_remove_css_class (self->temperature_entry, "error");
  eisfit_spectrum_item_set_temperature (self->current, T_K, "entered");
  eisfit_window_mark_changed (self);
  gtk_label_set_text (GTK_LABEL (self->temperature_label),
                      isfinite (T_K) ? "entered" : "unknown");
  eisfit_window_update_arrhenius_label (self);
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot_views[PAGE_ARRHENIUS]));
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
}

static void
update_all (EisfitWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);
  EisfitSpectrumItem *first = items->len ? g_ptr_array_index (items, 0) : NULL;
  int i;

  g_set_object (&self->current, first);
  g_autofree char *no_spectra = NULL;
  if (n == 0 && self->series && self->series->len > 0)
    no_spectra = g_strdup_printf ("No impedance spectrum yet: %u DC series loaded, for the "
                                  "Transference tab. Open the spectra measured before and "
                                  "after (Ctrl+O).", self->series->len);
  for (i = 0; i < N_PAGES; i++)
    if (i != PAGE_ARRHENIUS)
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot_views[i]),
                                        n == 0 ? (no_spectra ? no_spectra
                                                  : "Open impedance files (Ctrl+O) or drop them here.")
                                        : (first ? NULL : "Select a spectrum on the left."));
  if (first && (!self->model || eis_circuit_n_params (self->model) == 0))
    eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot_views[PAGE_RESIDUALS]),
                                      "Fit the spectrum (or type a circuit) to see residuals.");
  model_changed (self);
  if (first && (!self->model || eis_circuit_n_params (self->model) == 0))
    eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot_views[PAGE_RESIDUALS]),
                                      "Fit the spectrum (or type a circuit) to see residuals.");
  /* the title says what is shown: "pellet-25C.csv — eisfit", "pellet-25C.csv and 5 more" */
  eisfit_window_update_title (self);
  show_geometry (self);
  update_conductivity (self);
  update_temperature (self);
  eisfit_window_update_arrhenius_label (self);
  eisfit_window_update_exclusions_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit", first && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit-all", first && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-plot", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project",
                                 n > 0 || self->files->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project-as",
                                 n > 0 || self->files->len > 0);
  eisfit_window_undo_update (self);
}

void
eisfit_window_refresh (EisfitWindow *self)
{
  update_all (self);
}

static void
selection_changed_cb (GtkSelectionModel *model, guint position, guint n_items,
                      EisfitWindow *self)
{
  eisfit_window_undo_close (self); /* table edits of another spectrum are another step */
  update_all (self);
}

/* ---------------------------------------------------------------- spectra in and out */

void
eisfit_window_figures_changed (EisfitWindow *self)
{
  eisfit_window_redraw_plots (self);
  eisfit_window_update_arrhenius_label (self);
}

/* A spectrum left the document: nothing may point at it once the list lets it go. */
static void
spectrum_removed_cb (EisfitDocument *document, EisfitSpectrumItem *item, guint position,
                     EisfitWindow *self)
{
  if (self->table_item == item)
    {
      self->table_item = NULL;
      self->table_fit = NULL;
    }
  if (self->kk_item == item)
    {
      g_clear_pointer (&self->kk, eis_kk_result_free);
      self->kk_item = NULL;
    }
  if (self->menu_item == item)
    self->menu_item = NULL;
}

/* A fit was made, undone or read from a project: the project has changed. */
static void
fit_changed_cb (EisfitDocument *document, EisfitSpectrumItem *item, EisfitWindow *self)
{
  eisfit_window_mark_changed (self);
}

static void
document_notify_cb (EisfitDocument *document, GParamSpec *pspec, EisfitWindow *self)
{
  eisfit_window_update_title (self);
}

void
eisfit_window_remove_items (EisfitWindow *self, GPtrArray *items)
{
  guint i;

  eisfit_window_undo_record_remove (self, items);
  for (i = 0; i < items->len; i++)
    eisfit_document_remove_spectrum (self->document, g_ptr_array_index (items, i), NULL);
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  update_all (self);
  eisfit_window_redraw_plots (self);
}

void
eisfit_window_restore_items (EisfitWindow *self, GPtrArray *items, const guint *positions)
{
  guint i;

  for (i = 0; i < items->len; i++)
    eisfit_document_insert_spectrum (self->document, positions[i], g_ptr_array_index (items, i));
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  for (i = 0; i < items->len; i++)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), positions[i], i == 0);
  update_all (self);
  eisfit_window_redraw_plots (self);
}

static void
about_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  static const char *const authors[] = { "The eisfit authors", NULL };

  gtk_show_about_dialog (GTK_WINDOW (widget),
                         "program-name", "eisfit",
                         "logo-icon-name", "io.github.eisfit.Eisfit",
                         "version", PACKAGE_VERSION,
                         "comments", "Impedance spectra of solid and quasi-solid electrolytes: "
                                     "equivalent-circuit fits, conductivity, Arrhenius, "
                                     "Lin-KK and Bruce–Vincent transference numbers.",
                         "website", PACKAGE_URL,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

/* ---------------------------------------------------------------- setup */

gboolean
eisfit_window_show_page (EisfitWindow *self, const char *name)
{
  int i = eisfit_window_page_index (name);
  GtkWidget *child;

  if (i < 0)
    return FALSE;
  /* the tab that holds the figure (the tabs' order is not the figures') */
  child = i == PAGE_TRANSFERENCE ? self->transference_page
          : i == PAGE_DRT ? self->drt_page
          : i == PAGE_SERIES ? self->series_page
          : self->plot_views[i];
  while (child && gtk_notebook_page_num (GTK_NOTEBOOK (self->stack), child) < 0)
    child = gtk_widget_get_parent (child);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (self->stack),
                                 gtk_notebook_page_num (GTK_NOTEBOOK (self->stack), child));
  return TRUE;
}

int
eisfit_window_page_index (const char *name)
{
  /* in the order of Page, then PAGE_TRANSFERENCE, PAGE_DRT and PAGE_SERIES */
  static const char *const names[] = { "nyquist", "bode", "residuals", "kk", "arrhenius",
                                       "transference", "drt", "series" };
  int i;

  for (i = 0; i < (int) G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return i;
  return -1;
}

void
eisfit_window_set_fit_series (EisfitWindow *self, gboolean series)
{
  self->batch_series = series;
}

gboolean
eisfit_window_set_series_joint (EisfitWindow *self, const char *shared, const char *law)
{
  eisfit_series_page_set_shared (EISFIT_SERIES_PAGE (self->series_page), shared);
  return !law || eisfit_series_page_set_law (EISFIT_SERIES_PAGE (self->series_page), law);
}

void
eisfit_window_set_print_results (EisfitWindow *self, gboolean print)
{
  self->batch_print_results = print;
}

void
eisfit_window_set_echo_errors (EisfitWindow *self, gboolean echo)
{
  self->echo_errors = echo;
}

void
eisfit_window_set_circuit_text (EisfitWindow *self, const char *text)
{
  set_circuit_entry (self, text);
  eisfit_series_page_set_circuit (EISFIT_SERIES_PAGE (self->series_page), text);
  model_changed (self);
}

/* The command line's geometry (NULL leaves one as it is): every file's, open or opened later,
 * without a note (the user gave it for all). */
void
eisfit_window_set_geometry (EisfitWindow *self, const char *thickness, const char *diameter,
                            const char *area)
{
  guint i, n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  set_default_geometry (self, thickness ? thickness : self->default_geometry[0],
                        diameter ? diameter : self->default_geometry[1],
                        area ? area : self->default_geometry[2], "");
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      eisfit_spectrum_item_set_geometry (item, self->default_geometry[0],
                                         self->default_geometry[1], self->default_geometry[2],
                                         self->default_geometry_note);
    }
  show_geometry (self);
  update_conductivity (self);
  eisfit_window_update_arrhenius_label (self);
}

/* Closing (the close button, Ctrl+W, Ctrl+Q): saves the settings, and asks first when fits have
 * been made since the project was last saved (not in batch or test runs). */
static gboolean
close_request_cb (GtkWindow *window, EisfitWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (!self->batch_done && !eisfit_settings_save (self->settings, &error))
    g_warning ("could not save the settings: %s", error->message);
  if (self->batch_done || (self->testing && !self->testing_ask && !self->quit_dialog))
    return FALSE;
  return eisfit_window_ask_before_closing (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkBuilder *b = gtk_builder_new_from_resource ("/io/github/eisfit/Eisfit/eisfit-spectrum-row.ui");

  gtk_list_item_set_child (li, GTK_WIDGET (gtk_builder_get_object (b, "row")));
  g_object_unref (b);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  EisfitSpectrumItem *item = gtk_list_item_get_item (li);
  GtkWidget *row = gtk_list_item_get_child (li);
  GtkWidget *title = gtk_widget_get_first_child (row);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  gtk_label_set_text (GTK_LABEL (title), eisfit_spectrum_item_get_title (item));
  g_object_set_data (G_OBJECT (row), "eisfit-item", item); /* for the context menu */
  g_object_set_data (G_OBJECT (subtitle), "binding",
                     g_object_bind_property (item, "subtitle", subtitle, "label",
                                             G_BINDING_SYNC_CREATE));
  gtk_widget_set_tooltip_text (row, eisfit_spectrum_item_get_spectrum (item)->source);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkWidget *row = gtk_list_item_get_child (li);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  GBinding *binding = g_object_get_data (G_OBJECT (subtitle), "binding");

  if (binding)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (subtitle), "binding", NULL);
  g_object_set_data (G_OBJECT (row), "eisfit-item", NULL);
}

static void
eisfit_window_dispose (GObject *object)
{
  EisfitWindow *self = EISFIT_WINDOW (object);

  g_clear_object (&self->current);
  g_clear_pointer (&self->model, eis_circuit_free);
  g_clear_pointer (&self->kk, eis_kk_result_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_WINDOW);
  g_clear_object (&self->selection);
  self->store = NULL;
  self->series = self->files = NULL;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (eisfit_window_parent_class)->dispose (object);
}

static void
eisfit_window_finalize (GObject *object)
{
  EisfitWindow *self = EISFIT_WINDOW (object);

  eisfit_settings_free (self->settings);
  for (int i = 0; i < 3; i++)
    g_free (self->default_geometry[i]);
  g_free (self->default_geometry_note);
  g_free (self->geometry_note_shown);
  g_free (self->batch_screenshot);
  g_free (self->batch_export);
  eis_project_free (self->project_missing);
  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);
  g_free (self->table_inputs_before);
  g_free (self->entry_before);
  G_OBJECT_CLASS (eisfit_window_parent_class)->finalize (object);
}

static void
eisfit_window_class_init (EisfitWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_window_dispose;
  object_class->finalize = eisfit_window_finalize;

  g_type_ensure (EISFIT_TYPE_PLOT_VIEW);
  g_type_ensure (EISFIT_TYPE_PARAM_TABLE);
  g_type_ensure (EISFIT_TYPE_TRANSFERENCE_PAGE);
  g_type_ensure (EISFIT_TYPE_DRT_PAGE);
  g_type_ensure (EISFIT_TYPE_BIC_TABLE);
  g_type_ensure (EISFIT_TYPE_CONDUCTIVITY_PANEL);
  g_type_ensure (EISFIT_TYPE_SERIES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, spectrum_list);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, panel_scroller);
  gtk_widget_class_bind_template_child_full (widget_class, "nyquist_view", FALSE,
                                             G_STRUCT_OFFSET (EisfitWindow, plot_views)
                                               + PAGE_NYQUIST * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "bode_view", FALSE,
                                             G_STRUCT_OFFSET (EisfitWindow, plot_views)
                                               + PAGE_BODE * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "residuals_view", FALSE,
                                             G_STRUCT_OFFSET (EisfitWindow, plot_views)
                                               + PAGE_RESIDUALS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "kk_view", FALSE,
                                             G_STRUCT_OFFSET (EisfitWindow, plot_views)
                                               + PAGE_KK * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "arrhenius_view", FALSE,
                                             G_STRUCT_OFFSET (EisfitWindow, plot_views)
                                               + PAGE_ARRHENIUS * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, transference_page);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, drt_page);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, bic_table);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, series_page);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, circuit_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, circuit_error_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, param_table);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, fit_info_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, thickness_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, diameter_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, area_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, geometry_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, geometry_heading);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, temperature_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, temperature_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, conductivity_panel);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, hover_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, arrhenius_label);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, circuit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, geometry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, temperature_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, param_table_changed_cb);
  eisfit_window_figures_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, eisfit_window_open_action);
  eisfit_window_fit_class_init (widget_class);
  eisfit_window_list_class_init (widget_class);
  eisfit_window_export_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  eisfit_window_install_project_actions (widget_class);
  eisfit_window_install_undo_actions (widget_class);
  eisfit_window_exclusions_class_init (widget_class);
}

static void
eisfit_window_init (EisfitWindow *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  eisfit_window_list_init (self);
  eisfit_window_layout_init (self);
  self->settings = eisfit_settings_load ();
  eisfit_window_layout_restore (self);
  self->document = eisfit_document_new ();
  self->files = eisfit_document_get_files (self->document);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) eisfit_undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) eisfit_undo_step_free);
  self->series = eisfit_document_get_series (self->document);
  self->store = eisfit_document_get_store (self->document);
  g_signal_connect (self->document, "spectrum-removed", G_CALLBACK (spectrum_removed_cb), self);
  g_signal_connect (self->document, "fit-changed", G_CALLBACK (fit_changed_cb), self);
  g_signal_connect (self->document, "notify::dirty", G_CALLBACK (document_notify_cb), self);
  g_signal_connect (self->document, "notify::path", G_CALLBACK (document_notify_cb), self);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                    self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->spectrum_list), factory);
  g_object_unref (factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->spectrum_list),
                           GTK_SELECTION_MODEL (self->selection));

  eisfit_window_figures_init (self);

  eisfit_window_exclusions_init (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (eisfit_window_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* last circuit and geometry */
  set_circuit_entry (self, self->settings->circuit);
  set_default_geometry (self, self->settings->thickness, self->settings->diameter,
                        self->settings->area, "from the last session");
  eisfit_window_fit_init (self);
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  eisfit_series_page_set_data (EISFIT_SERIES_PAGE (self->series_page), G_LIST_MODEL (self->store),
                               GTK_SELECTION_MODEL (self->selection), series_geometry_cb, self);
  eisfit_series_page_set_adopt_func (EISFIT_SERIES_PAGE (self->series_page), series_adopt_cb, self);
  update_all (self);
}

EisfitWindow *
eisfit_window_new (GtkApplication *app)
{
  return g_object_new (EISFIT_TYPE_WINDOW, "application", app, NULL);
}
