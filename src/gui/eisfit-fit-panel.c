/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The side panel of the figure pages (see eisfit-fit-panel.h): the circuit entry and its
 * presets, the parameter table and the fit's summary, the geometry and temperature of the
 * spectrum shown and its conductivity. Moved out of eisfit-window.c; it knows the document, not
 * the window. */
#include <config.h>

#include "eisfit-fit-panel.h"
#include "eisfit-text.h"

#include <math.h>
#include <string.h>

#include "eisfit-bic-table.h"
#include "eisfit-conductivity-panel.h"
#include "eisfit-figure-page.h"
#include "fit.h"
#include "sample-group.h"
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

struct _EisfitFitPanel {
  GtkBox parent_instance;

  /* template children */
  GtkWidget *preset_dropdown;
  GtkWidget *circuit_entry;
  GtkWidget *circuit_error_label;
  GtkWidget *sigma_summary_label;
  GtkWidget *param_table;
  GtkWidget *fit_info_label;
  GtkWidget *bic_table;
  GtkWidget *thickness_entry;
  GtkWidget *diameter_entry;
  GtkWidget *area_entry;
  GtkWidget *geometry_label;
  GtkWidget *geometry_heading;
  GtkWidget *params_heading;
  GtkWidget *temperature_entry;
  GtkWidget *temperature_label;
  GtkWidget *conductivity_panel;  /* EisfitConductivityPanel */

  EisfitDocument *document;
  GtkSelectionModel *selection;
  EisfitSpectrumItem *current;  /* the spectrum shown, or NULL */

  EisCircuit *model;          /* circuit of the table (parsed entry, or the fitted one) */
  gboolean automatic;         /* entry empty: eis_fit_auto picks the circuit */
  gboolean user_edited;       /* table values edited since the last fit or guess */
  EisfitSpectrumItem *table_item;   /* the spectrum the table was last filled for (not a ref) */
  const EisFitResult *table_fit;    /* and its fit then (not owned), NULL: a guess */
  gboolean setting_preset;
  gboolean setting_circuit;   /* the entry is being set as a whole (see set_circuit_entry) */
  gboolean circuit_error;     /* the entry does not parse (the table keeps the last circuit) */
  char *entry_before;         /* the entry's text before the latest change */
  gboolean setting_geometry;  /* the entries are being filled, not typed */
  char *default_geometry[3];  /* thickness, diameter, area of files opened from now on */
  char *default_geometry_note;/* whose geometry that was */
  char *default_geometry_file;/* the file it was typed for (NULL: not known) */
  char *default_geometry_cell;/* that file's cell type ("": not said) */
  gboolean default_geometry_restored; /* from the last session: for that file's sample only */
  char *geometry_note_shown;  /* the current file's geometry is another's: say so */
  gboolean setting_temperature;
};

enum { CIRCUIT_CHANGED, MODEL_CHANGED, TABLE_EDITED, TABLE_SHOWN, GEOMETRY_CHANGED,
       TEMPERATURE_CHANGED, APPLY_GEOMETRY_ALL, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EisfitFitPanel, eisfit_fit_panel, GTK_TYPE_BOX)

/* ---------------------------------------------------------------- geometry */

/* Parses the geometry entries (those of the current spectrum's file), marking one that does
 * not parse. */
static gboolean
read_geometry (EisfitFitPanel *self, EisGeometry *g, gboolean *have, char **message)
{
  GtkWidget *entries[3] = { self->thickness_entry, self->diameter_entry, self->area_entry };
  int bad, i;
  gboolean ok = eisfit_geometry_parse (gtk_editable_get_text (GTK_EDITABLE (entries[0])),
                                       gtk_editable_get_text (GTK_EDITABLE (entries[1])),
                                       gtk_editable_get_text (GTK_EDITABLE (entries[2])), g,
                                       have, message, &bad);

  for (i = 0; i < 3; i++)
    if (i == bad)
      gtk_widget_add_css_class (entries[i], "error");
    else
      gtk_widget_remove_css_class (entries[i], "error");
  return ok;
}


/* The cautions for geometry entries typed without a unit (read as cm or cm2, as eisfit
 * --thickness 0.6 warns), each after "\n⚠ "; "" for none. */
static char *
geometry_unit_warnings (EisfitFitPanel *self)
{
  GtkWidget *entries[3] = { self->thickness_entry, self->diameter_entry, self->area_entry };
  static const char *const names[3] = { "Thickness", "Diameter", "Area" };
  GString *s = g_string_new (NULL);
  int i;

  for (i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (
        GTK_EDITABLE (entries[i]))));
      char warning[600];

      if (*text && eis_geometry_no_unit_warning (names[i], text, i == 2, warning, sizeof warning))
        g_string_append_printf (s, "\n⚠ %s", warning);
    }
  return g_string_free (s, FALSE);
}

/* The geometry line and the conductivity panel of the current spectrum. */
static void
update_conductivity (EisfitFitPanel *self)
{
  g_autofree char *geom_msg = NULL;
  g_autofree char *no_unit = NULL;
  EisGeometry geom = { 0 };
  gboolean have_geom, geom_ok;

  geom_ok = read_geometry (self, &geom, &have_geom, &geom_msg);
  /* the file's lead resistance (a project's leads=, File Properties), as eisfit --leads */
  char leads[96] = "";
  if (geom_ok && self->current && eisfit_spectrum_item_apply_leads (self->current, &geom)
      && geom.leads_ohm > 0)
    g_snprintf (leads, sizeof leads, ",  leads %.4g Ω%s", geom.leads_ohm,
                have_geom ? " subtracted" : " (σ needs the thickness and area)");
  no_unit = geometry_unit_warnings (self);
  if (!geom_ok)
    gtk_label_set_text (GTK_LABEL (self->geometry_label), geom_msg);
  else if (have_geom)
    {
      g_autofree char *text = g_strdup_printf ("L = %.4g cm,  A = %.4g cm²,  "
                                               "L/A = %.4g cm⁻¹%s%s%s%s%s",
                                               geom.thickness_cm, geom.area_cm2,
                                               geom.thickness_cm / geom.area_cm2, leads, no_unit,
                                               self->geometry_note_shown ? "\n⚠ " : "",
                                               self->geometry_note_shown
                                                 ? self->geometry_note_shown : "",
                                               self->geometry_note_shown
                                                 ? ": check that it is this cell's" : "");
      gtk_label_set_text (GTK_LABEL (self->geometry_label), text);
    }
  else if (isfinite (geom.area_cm2))
    {
      /* the area alone: the ASR per interface of a Li|Li cell, no σ (as eisfit --area) */
      g_autofree char *text = g_strdup_printf ("A = %.4g cm²: the ASR of a Li|electrolyte|Li "
                                               "cell; the thickness gives σ too%s%s%s%s",
                                               geom.area_cm2, no_unit,
                                               self->geometry_note_shown ? "\n⚠ " : "",
                                               self->geometry_note_shown
                                                 ? self->geometry_note_shown : "",
                                               self->geometry_note_shown
                                                 ? ": check that it is this cell's" : "");
      gtk_label_set_text (GTK_LABEL (self->geometry_label), text);
    }
  else
    {
      /* a geometry not applied to this file (the last session's, of another sample): why */
      g_autofree char *text = g_strdup_printf ("Thickness and diameter (or area) give σ; "
                                               "without them the capacitances are compared "
                                               "directly.%s%s%s", no_unit,
                                               self->geometry_note_shown ? "\n⚠ " : "",
                                               self->geometry_note_shown
                                                 ? self->geometry_note_shown : "");

      gtk_label_set_text (GTK_LABEL (self->geometry_label), text);
    }
  eisfit_conductivity_panel_show (EISFIT_CONDUCTIVITY_PANEL (self->conductivity_panel),
                                  self->current,
                                  geom_ok && (have_geom || isfinite (geom.area_cm2)) ? &geom
                                                                                     : NULL,
                                  eisfit_fit_panel_is_stale (self));
  /* sigma at the top, visible after a fit even where the table fills the panel (1024x700) */
  const char *summary = eisfit_conductivity_panel_get_summary (
    EISFIT_CONDUCTIVITY_PANEL (self->conductivity_panel));
  /* σ from a geometry this file inherited (typed for another file, or from the last session,
   * perhaps of another cell) is not stated as this cell's: the headline says so, in the
   * warning colour, until the user types or confirms this file's geometry */
  if (summary && have_geom && self->geometry_note_shown)
    {
      g_autofree char *marked = g_strdup_printf ("%s\n⚠ with the geometry %s (L = %.4g cm, "
                                                 "A = %.4g cm²), not typed for this file: "
                                                 "check that it is this cell's",
                                                 summary, self->geometry_note_shown,
                                                 geom.thickness_cm, geom.area_cm2);

      gtk_label_set_text (GTK_LABEL (self->sigma_summary_label), marked);
      gtk_widget_add_css_class (self->sigma_summary_label, "warning");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->sigma_summary_label), summary ? summary : "");
      gtk_widget_remove_css_class (self->sigma_summary_label, "warning");
    }
  gtk_widget_set_visible (self->sigma_summary_label, summary != NULL);
}


static void
update_fit_info (EisfitFitPanel *self)
{
  const EisFitResult *r = self->current ? eisfit_spectrum_item_get_fit (self->current) : NULL;
  g_autofree char *text = NULL;

  if (self->current && eisfit_spectrum_item_get_refusal (self->current))
    {
      /* as eisfit refuses it: nothing to fit, and why */
      g_autofree char *refusal = eisfit_typeset (eisfit_spectrum_item_get_refusal (self->current));
      g_autofree char *why = g_strdup_printf ("⚠ Not fitted: %s", refusal);

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
  /* a share of the Series page's joint fit: the joint solver's own words */
  g_autofree char *how = r->n_starts == 0 ? g_strdup (r->message)
                         : g_strdup_printf ("%s after %d iterations (%d start%s)",
                                            eis_fit_status_name (r->status), r->iterations,
                                            r->n_starts, r->n_starts == 1 ? "" : "s");
  text = g_strdup_printf ("%s%s: %s; χ²ᵣ = %.3g, %zu points, %s weighting%s%s",
                          eisfit_fit_panel_is_stale (self) ? "⚠ Edited since the last fit; press Fit to "
                                                "update. Last fit, " : "",
                          eis_circuit_text (eisfit_spectrum_item_get_circuit (self->current)),
                          how,
                          r->reduced_chi2, r->n_points, eis_weighting_name (r->weighting),
                          *eisfit_spectrum_item_get_why (self->current)
                            ? " (chosen automatically by BIC: the comparison is below)" : "",
                          runs);
  gtk_label_set_text (GTK_LABEL (self->fit_info_label), text);
  eisfit_bic_table_set_why (EISFIT_BIC_TABLE (self->bic_table),
                            eisfit_spectrum_item_get_why (self->current));
  if (r->status == EIS_FIT_CONVERGED && !(r->runs_z < -3) && !eisfit_fit_panel_is_stale (self))
    gtk_widget_remove_css_class (self->fit_info_label, "warning");
  else
    gtk_widget_add_css_class (self->fit_info_label, "warning");
}

/* Puts circuit C (copied) with VALUES, or the fit R, into the table. */
static void
set_model (EisfitFitPanel *self, const EisCircuit *c, const double *values, const EisFitResult *r)
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
  g_signal_emit (self, signals[TABLE_SHOWN], 0);
}

/* Chooses what the table shows for the current spectrum: its fit when the fit used the
 * circuit in the entry (or the entry is automatic), otherwise the entry's circuit with
 * starting values guessed by the engine. */
static void
model_changed (EisfitFitPanel *self)
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
  g_signal_emit (self, signals[MODEL_CHANGED], 0);
}

/* TRUE when the table was edited since the current spectrum's fit: the panels that come from
 * the fit (σ, arcs, χ², standard errors) are the last fit's, not the table's. */
gboolean
eisfit_fit_panel_is_stale (EisfitFitPanel *self)
{
  return self->user_edited && self->current && self->current == self->table_item
         && eisfit_spectrum_item_get_fit (self->current);
}

static void
param_table_changed_cb (EisfitParamTable *table, EisfitFitPanel *self)
{
  gboolean was_stale = eisfit_fit_panel_is_stale (self);

  gboolean became_stale;

  self->user_edited = TRUE;
  became_stale = !was_stale && eisfit_fit_panel_is_stale (self);
  /* the window makes a step of undo, and the model curve and the residuals follow the table */
  g_signal_emit (self, signals[TABLE_EDITED], 0, became_stale);
  if (became_stale)
    {
      update_fit_info (self);
      update_conductivity (self);
    }
}

static void
circuit_changed_cb (GtkEditable *editable, EisfitFitPanel *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *before = NULL;
  guint i, preset = PRESET_CUSTOM;

  if (self->setting_circuit)
    return;
  for (i = 0; i < G_N_ELEMENTS (preset_circuits); i++)
    if (strcmp (text, preset_circuits[i]) == 0)
      preset = i;
  self->setting_preset = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_dropdown), preset);
  self->setting_preset = FALSE;
  before = g_steal_pointer (&self->entry_before);
  self->entry_before = g_strdup (text);
  /* the window keeps the text and makes a step of undo of the table as it was */
  g_signal_emit (self, signals[CIRCUIT_CHANGED], 0, before ? before : "");
  model_changed (self);
}

/* Sets the circuit entry's text as one step that Ctrl+Z does not take apart: undo in the entry
 * only undoes typing, so the entry, the preset, the table and the curve always agree. */
static void
set_circuit_entry (EisfitFitPanel *self, const char *text)
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
preset_selected_cb (GObject *dropdown, GParamSpec *pspec, EisfitFitPanel *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (self->setting_preset || i >= G_N_ELEMENTS (preset_circuits))
    return;
  set_circuit_entry (self, preset_circuits[i]);
}

/* Shows the geometry of the current spectrum's file in the entries, and whose it is. */
static void
show_geometry (EisfitFitPanel *self)
{
  const char *t = self->default_geometry[0], *d = self->default_geometry[1];
  const char *a = self->default_geometry[2], *note = self->default_geometry_note;
  g_autofree char *heading = NULL, *params = NULL;

  if (self->current)
    {
      eisfit_spectrum_item_get_geometry (self->current, &t, &d, &a, &note);
      heading = g_strdup_printf ("Geometry of %s", eisfit_spectrum_item_get_title (self->current));
      /* the table is the shown spectrum's: name it, as the Residuals and Lin-KK titles do */
      params = g_strdup_printf ("Parameters of %s #%d", eisfit_spectrum_item_get_title (self->current),
                                eisfit_spectrum_item_get_spectrum (self->current)->index + 1);
    }
  gtk_label_set_text (GTK_LABEL (self->params_heading), params ? params : "Parameters");
  gtk_widget_set_tooltip_text (self->params_heading, params); /* whole, when shortened */
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
set_default_geometry (EisfitFitPanel *self, const char *t, const char *d, const char *a,
                      const char *note)
{
  char *v[3] = { g_strdup (t ? t : ""), g_strdup (d ? d : ""), g_strdup (a ? a : "") };
  int i;

  for (i = 0; i < 3; i++)
    {
      g_free (self->default_geometry[i]);
      self->default_geometry[i] = v[i]; /* T, D, A may be the old ones: copied first */
    }
  {
    char *n = g_strdup (note); /* NOTE may be the old one */

    g_free (self->default_geometry_note);
    self->default_geometry_note = n;
  }
}

/* The default geometry was typed for the current spectrum's file (for the next session). */
static void
set_owner_current (EisfitFitPanel *self)
{
  const EisSpectrum *sp = self->current ? eisfit_spectrum_item_get_spectrum (self->current) : NULL;

  eisfit_fit_panel_set_default_geometry_owner (
    self, sp && sp->source ? sp->source : NULL,
    self->current ? eisfit_spectrum_item_get_cell (self->current) : "", FALSE);
}

/* Typed: the geometry of the files of the selected spectra (every spectrum of those files). */
static void
geometry_changed_cb (GtkEditable *editable, EisfitFitPanel *self)
{
  const char *t = gtk_editable_get_text (GTK_EDITABLE (self->thickness_entry));
  const char *d = gtk_editable_get_text (GTK_EDITABLE (self->diameter_entry));
  const char *a = gtk_editable_get_text (GTK_EDITABLE (self->area_entry));
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GHashTable) files = NULL;
  g_autofree char *note = NULL;
  GListModel *store = self->document ? G_LIST_MODEL (eisfit_document_get_store (self->document))
                                     : NULL;
  guint i, n;

  if (self->setting_geometry || !store)
    return;
  items = eisfit_figure_selected_items (self->selection);
  files = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; i < items->len; i++)
    {
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (g_ptr_array_index (items, i));

      g_hash_table_add (files, sp->source ? sp->source : "");
    }
  n = g_list_model_get_n_items (store);
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (store, i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);

      if (g_hash_table_contains (files, sp->source ? sp->source : ""))
        eisfit_spectrum_item_set_geometry (item, t, d, a, "");
    }
  /* files opened later start with it, saying whose it was */
  note = self->current ? g_strdup_printf ("as typed for %s",
                                          eisfit_spectrum_item_get_title (self->current))
                       : g_strdup ("as typed");
  set_default_geometry (self, t, d, a, note);
  set_owner_current (self);
  g_clear_pointer (&self->geometry_note_shown, g_free);
  /* the window keeps it for the next session and redraws what depends on it */
  g_signal_emit (self, signals[GEOMETRY_CHANGED], 0);
  update_conductivity (self);
}

/* "Apply to all files": the geometry in the entries to every spectrum open (a temperature
 * series of one pellet), as typing it does for the selected spectra's files. */
static void
apply_geometry_all_clicked_cb (GtkButton *button, EisfitFitPanel *self)
{
  /* the window makes it one undo step, then calls eisfit_fit_panel_apply_geometry_to_all */
  g_signal_emit (self, signals[APPLY_GEOMETRY_ALL], 0);
}

GtkWidget *
eisfit_fit_panel_get_sigma_summary (EisfitFitPanel *self)
{
  return self->sigma_summary_label;
}

void
eisfit_fit_panel_apply_geometry_to_all (EisfitFitPanel *self)
{
  const char *t = gtk_editable_get_text (GTK_EDITABLE (self->thickness_entry));
  const char *d = gtk_editable_get_text (GTK_EDITABLE (self->diameter_entry));
  const char *a = gtk_editable_get_text (GTK_EDITABLE (self->area_entry));
  GListModel *store = self->document ? G_LIST_MODEL (eisfit_document_get_store (self->document))
                                     : NULL;
  guint i, n;

  if (!store)
    return;
  n = g_list_model_get_n_items (store);
  /* the shown spectrum's cell type with its geometry: one pellet's temperature series */
  g_autofree char *cell = self->current ? g_strdup (eisfit_spectrum_item_get_cell (self->current))
                                        : NULL;
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (store, i);

      eisfit_spectrum_item_set_geometry (item, t, d, a, "");
      if (cell)
        eisfit_spectrum_item_set_cell (item, cell);
    }
  set_default_geometry (self, t, d, a, "as typed for all files");
  set_owner_current (self);
  g_clear_pointer (&self->geometry_note_shown, g_free);
  g_signal_emit (self, signals[GEOMETRY_CHANGED], 0);
  update_conductivity (self);
}

/* Shows the current spectrum's temperature in the panel. */
static void
update_temperature (EisfitFitPanel *self)
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
temperature_changed_cb (GtkEditable *editable, EisfitFitPanel *self)
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
  gtk_label_set_text (GTK_LABEL (self->temperature_label),
                      isfinite (T_K) ? "entered" : "unknown");
  g_signal_emit (self, signals[TEMPERATURE_CHANGED], 0);
}


/* ---------------------------------------------------------------- the document's signals */

/* A spectrum left the document: nothing may point at it once the list lets it go. */
static void
spectrum_removed_cb (EisfitDocument *document, EisfitSpectrumItem *item, guint position,
                     EisfitFitPanel *self)
{
  if (self->table_item == item)
    {
      self->table_item = NULL;
      self->table_fit = NULL;
    }
  if (self->current == item)
    g_clear_object (&self->current);
}

/* A fit was made, undone or read from a project: the summary and the conductivity of the
 * spectrum shown follow it (the table follows when the window shows the spectrum again). */
static void
fit_changed_cb (EisfitDocument *document, EisfitSpectrumItem *item, EisfitFitPanel *self)
{
  if (item == self->current)
    eisfit_fit_panel_update_results (self);
}

/* ---------------------------------------------------------------- public */

void
eisfit_fit_panel_set_data (EisfitFitPanel *self, EisfitDocument *document,
                           GtkSelectionModel *selection)
{
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_set_object (&self->selection, selection);
  if (document)
    {
      g_signal_connect (document, "spectrum-removed", G_CALLBACK (spectrum_removed_cb), self);
      g_signal_connect (document, "fit-changed", G_CALLBACK (fit_changed_cb), self);
    }
}

void
eisfit_fit_panel_set_spectrum (EisfitFitPanel *self, EisfitSpectrumItem *item)
{
  g_set_object (&self->current, item);
  model_changed (self);
  show_geometry (self);
  update_conductivity (self);
  update_temperature (self);
}

EisfitSpectrumItem *
eisfit_fit_panel_get_spectrum (EisfitFitPanel *self)
{
  return self->current;
}

const EisCircuit *
eisfit_fit_panel_get_model (EisfitFitPanel *self)
{
  return self->model;
}

gboolean
eisfit_fit_panel_is_automatic (EisfitFitPanel *self)
{
  return self->automatic;
}

const char *
eisfit_fit_panel_get_circuit_error (EisfitFitPanel *self)
{
  return self->circuit_error ? gtk_label_get_text (GTK_LABEL (self->circuit_error_label)) : NULL;
}

gboolean
eisfit_fit_panel_get_user_edited (EisfitFitPanel *self)
{
  return self->user_edited;
}

void
eisfit_fit_panel_set_user_edited (EisfitFitPanel *self, gboolean edited)
{
  self->user_edited = edited;
}

EisfitSpectrumItem *
eisfit_fit_panel_get_table_item (EisfitFitPanel *self)
{
  return self->table_item;
}

EisfitParamTable *
eisfit_fit_panel_get_param_table (EisfitFitPanel *self)
{
  return EISFIT_PARAM_TABLE (self->param_table);
}

GtkEditable *
eisfit_fit_panel_get_circuit_entry (EisfitFitPanel *self)
{
  return GTK_EDITABLE (self->circuit_entry);
}

GtkEditable *
eisfit_fit_panel_get_temperature_entry (EisfitFitPanel *self)
{
  return GTK_EDITABLE (self->temperature_entry);
}

void
eisfit_fit_panel_set_circuit_text (EisfitFitPanel *self, const char *text)
{
  set_circuit_entry (self, text);
}

void
eisfit_fit_panel_select_preset (EisfitFitPanel *self, guint i)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_dropdown), i);
}

void
eisfit_fit_panel_set_default_geometry (EisfitFitPanel *self, const char *t, const char *d,
                                       const char *a, const char *note)
{
  set_default_geometry (self, t, d, a, note);
}

void
eisfit_fit_panel_set_default_geometry_owner (EisfitFitPanel *self, const char *file,
                                             const char *cell, gboolean restored)
{
  char *f = file && *file ? g_canonicalize_filename (file, NULL) : NULL;
  char *c = g_strdup (cell ? cell : "");

  g_free (self->default_geometry_file);
  g_free (self->default_geometry_cell);
  self->default_geometry_file = f;
  self->default_geometry_cell = c;
  self->default_geometry_restored = restored;
}

void
eisfit_fit_panel_get_default_geometry_owner (EisfitFitPanel *self, const char **file,
                                             const char **cell, gboolean *restored)
{
  *file = self->default_geometry_file;
  *cell = self->default_geometry_cell ? self->default_geometry_cell : "";
  *restored = self->default_geometry_restored;
}

char *
eisfit_fit_panel_dup_restored_refusal (EisfitFitPanel *self, const char *path, const char *cell)
{
  const char *t = self->default_geometry[0], *d = self->default_geometry[1];
  const char *a = self->default_geometry[2];
  const char *owner = self->default_geometry_file, *owner_cell = self->default_geometry_cell;
  char stem[256] = "", owner_stem[256] = "";
  g_autofree char *base = NULL;
  g_autoptr (GString) g = g_string_new (NULL);
  const char *given;

  if (!self->default_geometry_restored || !((t && *t) || (d && *d) || (a && *a)))
    return NULL;
  /* "0.85mm, 12mm": what the entries held */
  for (int i = 0; i < 3; i++)
    if (self->default_geometry[i] && *self->default_geometry[i])
      g_string_append_printf (g, "%s%s", g->len ? ", " : "", self->default_geometry[i]);
  given = g->str;
  eis_sample_stem (path, stem, sizeof stem);
  if (!owner)
    return g_strdup_printf ("the last session's geometry (%s) is not applied: it does not say "
                            "which cell it was typed for; type this cell's for σ", given);
  base = g_path_get_basename (owner);
  eis_sample_stem (owner, owner_stem, sizeof owner_stem);
  if (!eis_sample_same (owner, path))
    return g_strdup_printf ("the last session's geometry (%s) is not applied: it was typed for "
                            "%s, another sample (%s%s%s); type this cell's for σ", given, base,
                            *owner_stem ? owner_stem : "no name", g_strcmp0 (owner_stem, stem) == 0
                            ? " in another folder" : ", this file's is ",
                            g_strcmp0 (owner_stem, stem) == 0 ? "" : *stem ? stem : "no name");
  if (owner_cell && *owner_cell && cell && *cell && strcmp (owner_cell, cell) != 0)
    return g_strdup_printf ("the last session's geometry (%s) is not applied: it was typed for "
                            "%s, a %s cell, and this file is a %s cell; type this cell's for σ",
                            given, base, eisfit_cell_type_label (owner_cell),
                            eisfit_cell_type_label (cell));
  return NULL;
}

void
eisfit_fit_panel_get_default_geometry (EisfitFitPanel *self, const char **t, const char **d,
                                       const char **a, const char **note)
{
  *t = self->default_geometry[0] ? self->default_geometry[0] : "";
  *d = self->default_geometry[1] ? self->default_geometry[1] : "";
  *a = self->default_geometry[2] ? self->default_geometry[2] : "";
  if (note)
    *note = self->default_geometry_note ? self->default_geometry_note : "";
}

void
eisfit_fit_panel_type_geometry (EisfitFitPanel *self, const char *t, const char *d,
                                const char *a)
{
  gtk_editable_set_text (GTK_EDITABLE (self->thickness_entry), t);
  gtk_editable_set_text (GTK_EDITABLE (self->diameter_entry), d);
  gtk_editable_set_text (GTK_EDITABLE (self->area_entry), a);
}

void
eisfit_fit_panel_update_results (EisfitFitPanel *self)
{
  show_geometry (self);
  update_fit_info (self);
  update_conductivity (self);
}

void
eisfit_fit_panel_add_under_summary (EisfitFitPanel *self, GtkWidget *widget)
{
  gtk_box_insert_child_after (GTK_BOX (self), widget, self->fit_info_label);
}

/* The texts of the labels in GRID, row after row, separated by " | ". */
static char *
grid_text (GtkWidget *grid)
{
  GString *s = g_string_new (NULL);
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (grid); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      g_string_append_printf (s, "%s%s", s->len ? " | " : "", gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (s, FALSE);
}

/* Each entry's placeholder and whether it is shown whole in the entry's room ("cut" with the
 * widths in pixels when it is not), one entry a line. */
static char *
hints_text (EisfitFitPanel *self)
{
  GtkWidget *entries[] = { self->circuit_entry, self->thickness_entry, self->diameter_entry,
                           self->area_entry, self->temperature_entry };
  GString *s = g_string_new (NULL);

  for (size_t i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const char *hint = gtk_entry_get_placeholder_text (GTK_ENTRY (entries[i]));
      GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entries[i])));
      PangoLayout *layout = gtk_widget_create_pango_layout (text, hint ? hint : "");
      int w = 0, room = gtk_widget_get_width (text);

      pango_layout_get_pixel_size (layout, &w, NULL);
      g_object_unref (layout);
      if (w <= room)
        g_string_append_printf (s, "%s: whole\n", hint ? hint : "");
      else
        g_string_append_printf (s, "%s: cut (%d px in %d)\n", hint ? hint : "", w, room);
    }
  return g_string_free (s, FALSE);
}

char *
eisfit_fit_panel_dup_text (EisfitFitPanel *self, const char *what)
{
  if (strcmp (what, "entry-hints") == 0)
    return hints_text (self);
  if (strcmp (what, "table") == 0)
    return eisfit_param_table_dup_text (EISFIT_PARAM_TABLE (self->param_table));
  if (strcmp (what, "inputs") == 0)
    return eisfit_param_table_dup_inputs (EISFIT_PARAM_TABLE (self->param_table));
  if (strcmp (what, "fit-info") == 0)
    return g_strdup_printf ("%s\n", gtk_label_get_text (GTK_LABEL (self->fit_info_label)));
  if (strcmp (what, "conductivity") == 0 || strcmp (what, "arcs") == 0)
    {
      g_autofree char *g = grid_text (eisfit_conductivity_panel_get_grid (
        EISFIT_CONDUCTIVITY_PANEL (self->conductivity_panel), what[0] == 'a'));

      return g_strdup_printf ("%s\n", g);
    }
  if (strcmp (what, "bic") == 0)
    return eisfit_bic_table_dup_text (EISFIT_BIC_TABLE (self->bic_table));
  if (strcmp (what, "parameters-heading") == 0)
    return g_strdup_printf ("%s\n", gtk_label_get_text (GTK_LABEL (self->params_heading)));
  if (strcmp (what, "geometry") == 0)
    return g_strdup_printf ("%s\n%s\n", gtk_label_get_text (GTK_LABEL (self->geometry_heading)),
                            gtk_label_get_text (GTK_LABEL (self->geometry_label)));
  if (strcmp (what, "circuit") == 0)
    return g_strdup_printf ("entry: %s\ntable: %s\n",
                            gtk_editable_get_text (GTK_EDITABLE (self->circuit_entry)),
                            self->model ? eis_circuit_text (self->model) : "(none)");
  return NULL;
}

/* ---------------------------------------------------------------- set-up */

static void
eisfit_fit_panel_dispose (GObject *object)
{
  EisfitFitPanel *self = EISFIT_FIT_PANEL (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->selection);
  g_clear_object (&self->current);
  g_clear_pointer (&self->model, eis_circuit_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_FIT_PANEL);
  G_OBJECT_CLASS (eisfit_fit_panel_parent_class)->dispose (object);
}

static void
eisfit_fit_panel_finalize (GObject *object)
{
  EisfitFitPanel *self = EISFIT_FIT_PANEL (object);

  for (int i = 0; i < 3; i++)
    g_free (self->default_geometry[i]);
  g_free (self->default_geometry_note);
  g_free (self->default_geometry_file);
  g_free (self->default_geometry_cell);
  g_free (self->geometry_note_shown);
  g_free (self->entry_before);
  G_OBJECT_CLASS (eisfit_fit_panel_parent_class)->finalize (object);
}

static void
eisfit_fit_panel_class_init (EisfitFitPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_fit_panel_dispose;
  object_class->finalize = eisfit_fit_panel_finalize;
  signals[CIRCUIT_CHANGED] = g_signal_new ("circuit-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           1, G_TYPE_STRING);
  signals[MODEL_CHANGED] = g_signal_new ("model-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TABLE_EDITED] = g_signal_new ("table-edited", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_BOOLEAN);
  signals[TABLE_SHOWN] = g_signal_new ("table-shown", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[GEOMETRY_CHANGED] = g_signal_new ("geometry-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            0);
  signals[APPLY_GEOMETRY_ALL] = g_signal_new ("apply-geometry-all", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 0);
  signals[TEMPERATURE_CHANGED] = g_signal_new ("temperature-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);

  g_type_ensure (EISFIT_TYPE_PARAM_TABLE);
  g_type_ensure (EISFIT_TYPE_BIC_TABLE);
  g_type_ensure (EISFIT_TYPE_CONDUCTIVITY_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-fit-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, circuit_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, circuit_error_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, sigma_summary_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, param_table);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, fit_info_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, bic_table);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, thickness_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, diameter_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, area_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, geometry_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, geometry_heading);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, params_heading);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, temperature_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, temperature_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitFitPanel, conductivity_panel);
  gtk_widget_class_bind_template_callback (widget_class, circuit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, geometry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_geometry_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, temperature_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, param_table_changed_cb);
}

static void
eisfit_fit_panel_init (EisfitFitPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
