/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page (see eisfit-series-page.h). */
#include "eisfit-series-page-private.h"

#include <math.h>
#include <string.h>

#include "eisfit-json.h"
#include "eisfit-plot-view.h"
#include "output-file.h"
#include "project.h"
#include "plot.h"
#include "series.h"
#include "series-arrhenius.h"
#include "series-output.h"
#include "series-table.h"

G_DEFINE_FINAL_TYPE (EisfitSeriesPage, eisfit_series_page, GTK_TYPE_WIDGET)

const char *const eisfit_series_order_names[4] = { "auto", "temperature", "time", "index" };
const char *const eisfit_series_axis_names[4] = { "T", "invT", "time", "index" };
static const char *const law_names[] = { "none", "arrhenius", "vtf" };

static void
job_free (Job *job)
{
  if (!job)
    return;
  eis_series_fit_free (job->fit);
  eis_global_fit_free (job->joint);
  eis_global_fit_free (job->global);
  eis_series_arrhenius_points_clear (&job->pts);
  g_strfreev (job->shared);
  eis_spectrum_series_clear (&job->series);
  g_clear_pointer (&job->spectra, g_ptr_array_unref);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job->inputs);
  g_free (job->outliers);
  g_free (job->n_outliers);
  g_free (job->circuit);
  g_clear_object (&job->page);
  g_free (job);
}

/* ---------------------------------------------------------------- numbers as text */

/* A unit as the page writes it: Ω, S cm⁻¹, Ω cm², F s^(n−1); "" for none. */
const char *
eisfit_series_pretty_unit (const char *unit)
{
  static const char *const map[][2] = { { "Ohm", "Ω" }, { "S/cm", "S cm⁻¹" },
                                        { "Ohm cm2", "Ω cm²" }, { "F s^(n-1)", "F s^(n−1)" },
                                        { "Ohm s^-1/2", "Ω s^−½" }, { "-", "" } };
  size_t i;

  if (!unit)
    return "";
  for (i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (unit, map[i][0]) == 0)
      return map[i][1];
  return unit;
}

/* "369.2 ± 0.41" with the error to two significant digits; "–" when X is not a number. */
char *
eisfit_series_value_pm (double x, double se)
{
  if (!isfinite (x))
    return g_strdup ("–");
  if (isfinite (se) && se > 0)
    return g_strdup_printf ("%.5g ± %.2g", x, se);
  return g_strdup_printf ("%.5g", x);
}

const char *
eisfit_series_base_name (const char *path)
{
  const char *s = path ? strrchr (path, '/') : NULL;

  return s ? s + 1 : path ? path : "";
}

const char *
eisfit_series_quantity_note (const char *name)
{
  return strcmp (name, "sigma_gb") == 0 ? " (apparent)" : "";
}

/* ---------------------------------------------------------------- the table */

static void update_adopt (EisfitSeriesPage *self);

#define OWN_COLUMN "Spectrum's own fit"

/* How the fit spectrum J has of its own (the one the main view, the conductivity panel and
 * the Arrhenius tab show) compares with the series': "this fit" after Use these fits. */
static const char *
own_fit_state (const Job *r, size_t j)
{
  EisfitSpectrumItem *item = g_ptr_array_index (r->items, r->series.items[j].input_order);
  const EisFitResult *own = eisfit_spectrum_item_get_fit (item);
  const EisCircuit *oc = eisfit_spectrum_item_get_circuit (item);
  const EisFitResult *fr = r->fit->fits[j];
  size_t P = eis_circuit_n_params (r->fit->circuit);

  if (!fr)
    return "–";
  if (!own || !oc)
    return "not fitted";
  if (strcmp (eis_circuit_text (oc), eis_circuit_text (r->fit->circuit)) != 0)
    return "another circuit";
  if (own->n_params != P)
    return "differs";
  /* bit for bit: adopted fits are copies */
  if (memcmp (own->value, fr->value, P * sizeof (double)) == 0
      && memcmp (own->stderr_, fr->stderr_, P * sizeof (double)) == 0)
    return "this fit";
  /* the spectrum's own fit of the same circuit, within a tenth of a standard error on every
   * parameter: the same answer, though not these numbers (a fit from another start) */
  for (size_t i = 0; i < P; i++)
    {
      double se = fmax (own->stderr_[i], fr->stderr_[i]);

      if (!(isfinite (se) && se > 0 && fabs (own->value[i] - fr->value[i]) <= 0.1 * se)
          && own->value[i] != fr->value[i])
        return "differs";
    }
  return "agrees";
}

static void
add_column (EisfitSeriesPage *self, const char *title, GPtrArray *cells)
{
  g_ptr_array_add (self->col_titles, g_strdup (title));
  g_ptr_array_add (self->col_cells, cells);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 4);
  gtk_widget_set_margin_end (label, 4);
  gtk_list_item_set_child (li, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *li, EisfitSeriesPage *self)
{
  guint col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = gtk_list_item_get_position (li);
  GPtrArray *cells = col < self->col_cells->len ? g_ptr_array_index (self->col_cells, col)
                                                : NULL;
  const char *text = cells && row < cells->len ? g_ptr_array_index (cells, row) : "";

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (li)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (li),
                               strlen (text) > 28 ? text : NULL);
}

static void
clear_columns (EisfitSeriesPage *self)
{
  GListModel *cols = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->table));

  while (g_list_model_get_n_items (cols) > 0)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (cols, 0);

      gtk_column_view_remove_column (GTK_COLUMN_VIEW (self->table), c);
    }
  /* an empty column view leaves its scrolled window's adjustment narrower than the page, and
   * GTK draws that as an overshoot (a grey arc at the right edge): shown with columns only */
  gtk_widget_set_visible (self->table, FALSE);
  g_ptr_array_set_size (self->col_titles, 0);
  g_ptr_array_set_size (self->col_cells, 0);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                          NULL);
}

/* Fills the table from the result: one row per spectrum in series order. */
static void
fill_table (EisfitSeriesPage *self)
{
  const Job *r = self->result;
  const EisSeriesFit *f = r->fit;
  const EisSpectrumSeries *s = &r->series;
  size_t n = s->n, P = eis_circuit_n_params (f->circuit), j, k, a;
  gboolean any_T = FALSE, any_t = FALSE;
  const EisConductivity *c0 = NULL;
  GPtrArray *cells;
  static const struct { const char *name, *title; } derived[] = {
    { "R_bulk", "R_bulk / Ω" }, { "R_gb", "R_gb / Ω" }, { "sigma_bulk", "σ_bulk / S cm⁻¹" },
    { "sigma_gb", "σ_gb (apparent) / S cm⁻¹" }, { "sigma_total", "σ_total / S cm⁻¹" },
    { "R_interface_total", "R_interface (total) / Ω" },
    { "ASR_per_interface", "ASR per interface / Ω cm²" } };
  guint i;

  clear_columns (self);
  for (j = 0; j < n; j++)
    {
      any_T |= isfinite (s->items[j].T_K);
      any_t |= isfinite (s->items[j].time_s);
      if (!c0 && f->fits[j])
        c0 = &f->cond[j];
    }
#define NEW_CELLS() (cells = g_ptr_array_new_with_free_func (g_free))
  NEW_CELLS ();
  for (j = 0; j < n; j++)
    g_ptr_array_add (cells, g_strdup_printf ("%zu", j + 1));
  add_column (self, "#", cells);
  NEW_CELLS ();
  for (j = 0; j < n; j++)
    g_ptr_array_add (cells, g_strdup_printf ("%s #%d", eisfit_series_base_name (s->items[j].file),
                                             s->items[j].number));
  add_column (self, "Spectrum", cells);
  NEW_CELLS ();
  for (j = 0; j < n; j++)
    g_ptr_array_add (cells, g_strdup (own_fit_state (r, j)));
  add_column (self, OWN_COLUMN, cells);
  if (any_T)
    {
      NEW_CELLS ();
      for (j = 0; j < n; j++)
        g_ptr_array_add (cells, isfinite (s->items[j].T_K)
                                  ? g_strdup_printf ("%.2f", s->items[j].T_K - KELVIN_0C)
                                  : g_strdup ("–"));
      add_column (self, "T / °C", cells);
    }
  if (any_t)
    {
      NEW_CELLS ();
      for (j = 0; j < n; j++)
        g_ptr_array_add (cells, isfinite (s->items[j].time_s)
                                  ? g_strdup_printf ("%.4g",
                                                     eisfit_series_axis_x (s, j, EIS_PLOT_SERIES_TIME))
                                  : g_strdup ("–"));
      add_column (self, "t / h from the first", cells);
    }
  for (k = 0; k < P; k++)
    {
      g_autofree char *title = NULL;
      const char *unit = eisfit_series_pretty_unit (eis_circuit_param_unit (f->circuit, k));

      NEW_CELLS ();
      for (j = 0; j < n; j++)
        {
          const EisFitResult *fr = f->fits[j];

          if (!fr)
            g_ptr_array_add (cells, g_strdup ("–"));
          else if (f->held[j * P + k] && fr->fixed[k])
            g_ptr_array_add (cells, g_strdup_printf ("%.5g (held)", fr->value[k]));
          else if (fr->fixed[k])
            g_ptr_array_add (cells, g_strdup_printf ("%.5g (fixed)", fr->value[k]));
          else if (f->shared && f->shared[k])
            {
              /* common to all spectra, its error from the joint covariance */
              g_autofree char *v = eisfit_series_value_pm (fr->value[k], fr->stderr_[k]);

              g_ptr_array_add (cells, g_strdup_printf ("%s (%s)", v, f->shared[k] == 2
                                                                     ? "shared C_eff"
                                                                     : "shared"));
            }
          else
            g_ptr_array_add (cells, eisfit_series_value_pm (fr->value[k], fr->stderr_[k]));
        }
      title = *unit ? g_strdup_printf ("%s / %s", eis_circuit_param_name (f->circuit, k), unit)
                    : g_strdup (eis_circuit_param_name (f->circuit, k));
      add_column (self, title, cells);
    }
  /* each arc: its role and effective capacitance, by the labels of the first fitted row */
  for (a = 0; c0 && a < c0->n_arcs; a++)
    {
      g_autofree char *title = g_strdup_printf ("%s: role, C_eff", c0->arcs[a].label);

      NEW_CELLS ();
      for (j = 0; j < n; j++)
        {
          const EisArc *arc = NULL;
          size_t m;

          for (m = 0; f->fits[j] && m < f->cond[j].n_arcs; m++)
            if (strcmp (f->cond[j].arcs[m].label, c0->arcs[a].label) == 0)
              arc = &f->cond[j].arcs[m];
          if (!arc)
            g_ptr_array_add (cells, g_strdup ("–"));
          else if (isfinite (arc->C_eff))
            g_ptr_array_add (cells, g_strdup_printf ("%s, %.3g F", eis_role_text (arc->role),
                                                     arc->C_eff));
          else
            g_ptr_array_add (cells, g_strdup (eis_role_text (arc->role)));
        }
      add_column (self, title, cells);
    }
  for (i = 0; i < G_N_ELEMENTS (derived); i++)
    {
      gboolean any = FALSE;

      NEW_CELLS ();
      for (j = 0; j < n; j++)
        {
          double v, se;

          eis_series_quantity (f, s, j, derived[i].name, &v, &se);
          any |= isfinite (v);
          g_ptr_array_add (cells, eisfit_series_value_pm (v, se));
        }
      /* σ needs the geometry, R_gb a grain boundary, ASR an interfacial arc: a column no row
       * has is left out (the status line says what is missing) */
      if (any)
        add_column (self, derived[i].title, cells);
      else
        g_ptr_array_unref (cells);
    }
  NEW_CELLS ();
  for (j = 0; j < n; j++)
    g_ptr_array_add (cells, f->fits[j] ? g_strdup_printf ("%.4g", f->fits[j]->chi2)
                                       : g_strdup ("–"));
  add_column (self, "χ²", cells);
  NEW_CELLS ();
  for (j = 0; j < n; j++)
    g_ptr_array_add (cells, g_strdup (!f->fits[j] ? "not fitted"
                                      : f->warm[j] ? "neighbour's fit" : "multistart"));
  add_column (self, "Start", cells);
  NEW_CELLS ();
  for (j = 0; j < n; j++)
    {
      const EisFitResult *fr = f->fits[j];
      GString *t = g_string_new (f->changes[j] ? f->changes[j] : "");

      if (fr && fr->status != EIS_FIT_CONVERGED)
        g_string_append_printf (t, "%snot converged: %s", t->len ? "; " : "", fr->message);
      else if (!f->ok[j] && fr)
        g_string_append_printf (t, "%snot determined or not admissible", t->len ? "; " : "");
      g_ptr_array_add (cells, g_string_free (t, FALSE));
    }
  add_column (self, "Changes, warnings", cells);
#undef NEW_CELLS

  for (i = 0; i < self->col_titles->len; i++)
    {
      GtkListItemFactory *fac = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *col;

      g_object_set_data (G_OBJECT (fac), "column", GUINT_TO_POINTER (i));
      g_signal_connect (fac, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (fac, "bind", G_CALLBACK (bind_cell_cb), self);
      col = gtk_column_view_column_new (g_ptr_array_index (self->col_titles, i), fac);
      gtk_column_view_column_set_resizable (col, TRUE);
      if (i + 1 == self->col_titles->len)
        gtk_column_view_column_set_expand (col, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->table), col);
      g_object_unref (col);
    }
  gtk_widget_set_visible (self->table, self->col_titles->len > 0);
  for (j = 0; j < n; j++)
    {
      char num[32];

      g_snprintf (num, sizeof num, "%zu", j + 1);
      gtk_string_list_append (self->rows, num);
    }
}

/* ---------------------------------------------------------------- status */

static void
update_status (EisfitSeriesPage *self)
{
  const Job *r = self->result;
  GString *s = g_string_new (NULL);
  size_t j, n_bad = 0, w;
  gboolean any_geom = FALSE;
  g_autofree char *why = NULL;

  if (!r)
    {
      gtk_label_set_text (GTK_LABEL (self->status_label), "");
      return;
    }
  for (j = 0; j < r->series.n; j++)
    {
      n_bad += !r->fit->fits[j] || r->fit->fits[j]->status != EIS_FIT_CONVERGED;
      any_geom |= r->series.items[j].have_geom;
    }
  why = g_markup_escape_text (r->fit->why, -1);
  g_string_append_printf (s, "%zu spectra ordered by %s, one circuit <b>%s</b> (%s)",
                          r->series.n, r->series.order_by == EIS_SERIES_BY_INDEX
                                         ? "their order in the list"
                                         : eis_series_order_name (r->series.order_by),
                          eis_circuit_text (r->fit->circuit), why);
  if (n_bad)
    g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %zu of %zu fits did not "
                            "converge: see Changes, warnings</span>", n_bad, r->series.n);
  if (!any_geom)
    g_string_append (s, "\nσ and ASR need the sample geometry: enter the thickness and "
                        "diameter in File Properties (right-click a spectrum in the list) or "
                        "in the side panel (F9), then fit the series again.");
  if (r->joint)
    {
      g_autofree char *msg = g_markup_escape_text (r->joint->message, -1);

      g_string_append_printf (s, "\nJoint fit of the whole series: %s%s</span>, reduced χ² %.4g, "
                              "%zu unknowns; errors from the joint covariance",
                              r->joint->converged ? "<span>"
                                                  : "<span foreground='#b35900'>⚠ ", msg,
                              r->joint->reduced_chi2, r->joint->n_free);
    }
  if (r->fit->n_share_tests)
    {
      char tests[1024];
      g_autofree char *esc = NULL;

      /* which sharing the data accepted or rejected, with Delta BIC (as eisfit series) */
      eis_series_share_tests_text (r->fit, tests, sizeof tests);
      esc = g_markup_escape_text (tests, -1);
      g_string_append_printf (s, "\nSharing tested (rejected when an alternative lowers the "
                              "BIC by more than %.0f): %s", EIS_SERIES_SHARE_DBIC, esc);
    }
  for (w = 0; w < r->fit->n_warnings; w++)
    {
      g_autofree char *esc = g_markup_escape_text (r->fit->warnings[w], -1);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
    }
  gtk_label_set_markup (GTK_LABEL (self->status_label), s->str);
  g_string_free (s, TRUE);
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
  const Job *r = self->result;
  size_t j, differ = 0, fitted = 0;

  for (j = 0; r && j < r->series.n; j++)
    if (r->fit->fits[j])
      {
        fitted++;
        differ += strcmp (own_fit_state (r, j), "this fit") != 0;
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
  const Job *r = self->result;
  GPtrArray *cells = NULL;
  size_t j;
  guint c;

  if (!r || self->disposed)
    return;
  for (c = 0; c < self->col_titles->len; c++)
    if (strcmp (g_ptr_array_index (self->col_titles, c), OWN_COLUMN) == 0)
      cells = g_ptr_array_index (self->col_cells, c);
  for (j = 0; cells && j < r->series.n && j < cells->len; j++)
    if (strcmp (g_ptr_array_index (cells, j), own_fit_state (r, j)) != 0)
      {
        fill_table (self);
        break;
      }
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
  const Job *r = self->result;
  g_autoptr (GPtrArray) items = NULL;
  size_t j;

  if (!r || self->stale || self->busy)
    return FALSE;
  items = g_ptr_array_new ();
  for (j = 0; j < r->series.n; j++)
    if (r->fit->fits[j])
      g_ptr_array_add (items, g_ptr_array_index (r->items, r->series.items[j].input_order));
  if (items->len == 0)
    return FALSE;
  if (self->adopt)
    self->adopt (self, items, FALSE, self->adopt_data);
  for (j = 0; j < r->series.n; j++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (r->items, r->series.items[j].input_order);
      EisCircuit *c;
      EisFitResult *copy;

      if (!r->fit->fits[j])
        continue;
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      const EisSpectrum *used = r->series.items[j].spectrum;
      size_t out[8], n_out = 0;

      c = eis_circuit_dup (r->fit->circuit);
      copy = eis_fit_result_dup (r->fit->fits[j]);
      if (!c || !copy)
        g_error ("out of memory");
      /* for a project: the circuit asked, no starts of its own */
      eisfit_spectrum_item_set_fit_settings (item, eis_circuit_text (c), 0, NULL, NULL, NULL,
                                             NULL, NULL);
      /* no "why": that is the automatic choice's BIC comparison of this spectrum alone */
      eisfit_spectrum_item_take_fit (item, c, copy, "");
      /* the roles of the series' table, and this fit's outliers (points of the copy without
       * the points left out, found again in the spectrum by frequency) */
      eisfit_spectrum_item_set_series_roles (item, &r->fit->cond[j]);
      for (size_t o = 0; o < r->n_outliers[j]; o++)
        for (size_t k = 0; k < sp->n; k++)
          if (sp->freq_hz[k] == used->freq_hz[r->outliers[j][o]])
            {
              out[n_out++] = k;
              break;
            }
      eisfit_spectrum_item_set_outliers (item, out, n_out);
    }
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

/* "0.3101 ± 0.0012" (FIXED: an energy in eV) or "2.07e-04 ± 3.1e-07" */
static char *
pm (double x, double se, gboolean fixed)
{
  if (!isfinite (x))
    return g_strdup ("–");
  if (fixed)
    return isfinite (se) ? g_strdup_printf ("%.4f ± %.4f", x, se) : g_strdup_printf ("%.4f", x);
  return isfinite (se) ? g_strdup_printf ("%.4g ± %.2g", x, se) : g_strdup_printf ("%.4g", x);
}

/* The two-step result and the law inside the joint fit, side by side, with eisfit
 * arrhenius's warnings. */
static void
update_arrhenius (EisfitSeriesPage *self)
{
  const Job *r = self->result;
  GString *s;
  size_t q;

  if (!r || r->law == LAW_NONE)
    {
      gtk_widget_set_visible (self->arrhenius_label, FALSE);
      return;
    }
  s = g_string_new (NULL);
  if (r->bulk_ok[EIS_ARRHENIUS_SIGMA])
    {
      const EisArrheniusFit *a = &r->bulk[EIS_ARRHENIUS_SIGMA];
      g_autofree char *ea = pm (a->Ea_eV, a->Ea_se_eV, TRUE);
      g_autofree char *sg = pm (a->sigma_ref, a->sigma_ref_se, FALSE);

      g_string_append_printf (s, "<b>Two-step</b> (σ_bulk of %zu fits, Arrhenius): E<sub>a</sub> "
                              "%s eV, σ(25 °C) %s S cm⁻¹, R² %.4f", a->n, ea, sg, a->r2);
      if (r->total_ok[EIS_ARRHENIUS_SIGMA])
        g_string_append_printf (s, "; total: E<sub>a</sub> %.4f eV",
                                r->total[EIS_ARRHENIUS_SIGMA].Ea_eV);
    }
  else
    {
      g_autofree char *esc = g_markup_escape_text (r->bulk_why, -1);

      g_string_append_printf (s, "<b>Two-step</b>: %s", esc);
    }
  if (r->law == LAW_VTF)
    {
      if (r->vtf_ok && isfinite (r->vtf_bulk.T0_se_K))
        g_string_append_printf (s, "\n<b>Two-step VTF</b>: B %.4g ± %.2g K, T<sub>0</sub> "
                                "%.4g ± %.2g K", r->vtf_bulk.B_K, r->vtf_bulk.B_se_K,
                                r->vtf_bulk.T0_K, r->vtf_bulk.T0_se_K);
      else if (r->vtf_ok)
        g_string_append_printf (s, "\n<b>Two-step VTF</b>: B %.4g ± %.2g K, T<sub>0</sub> "
                                "%.4g K (not determined)", r->vtf_bulk.B_K, r->vtf_bulk.B_se_K,
                                r->vtf_bulk.T0_K);
      else
        {
          g_autofree char *esc = g_markup_escape_text (r->vtf_why, -1);

          g_string_append_printf (s, "\n<b>Two-step VTF</b>: %s", esc);
        }
    }
  if (r->global)
    for (q = 0; q < r->global->n_laws; q++)
      {
        const EisGlobalLawFit *L = &r->global->laws[q];
        g_autofree char *sg = pm (L->sigma_ref, L->sigma_ref_se, FALSE);

        g_string_append_printf (s, "\n<b>Global</b> (%s law inside the joint fit, %s): ",
                                r->law == LAW_VTF ? "VTF" : "Arrhenius",
                                q ? "grain boundary" : "bulk");
        if (r->law == LAW_VTF)
          {
            g_string_append_printf (s, "B %.4g ± %.2g K, T<sub>0</sub> ", L->B_K, L->B_se_K);
            if (isfinite (L->T0_se_K))
              g_string_append_printf (s, "%.4g ± %.2g K", L->T0_K, L->T0_se_K);
            else
              g_string_append_printf (s, "%.4g K (not determined: at an edge)", L->T0_K);
          }
        else
          {
            g_autofree char *ea = pm (L->Ea_eV, L->Ea_se_eV, TRUE);

            g_string_append_printf (s, "E<sub>a</sub> %s eV", ea);
          }
        g_string_append_printf (s, ", σ(25 °C) %s S cm⁻¹", sg);
      }
  if (r->global_why[0])
    {
      g_autofree char *esc = g_markup_escape_text (r->global_why, -1);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ Global: %s</span>", esc);
    }
  for (q = 0; q < r->n_checks; q++)
    {
      g_autofree char *esc = g_markup_escape_text (r->checks[q], -1);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ bulk, two-step: %s</span>",
                              esc);
    }
  for (q = 0; q < r->n_checks_total; q++)
    {
      g_autofree char *esc = g_markup_escape_text (r->checks_total[q], -1);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ total, two-step: %s</span>",
                              esc);
    }
  if (r->disagree[0])
    {
      g_autofree char *esc = g_markup_escape_text (r->disagree, -1);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
    }
  gtk_label_set_markup (GTK_LABEL (self->arrhenius_label), s->str);
  gtk_widget_set_visible (self->arrhenius_label, TRUE);
  g_string_free (s, TRUE);
}

/* ---------------------------------------------------------------- fitting */

/* What ITEM would be fitted with now. */
static void
item_inputs (EisfitSeriesPage *self, EisfitSpectrumItem *item, Inputs *in)
{
  const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);

  memset (in, 0, sizeof *in);
  in->T_K = sp->temperature_k;
  in->have_geom = self->geometry && self->geometry (item, &in->geom, self->geometry_data);
  int cell = eis_cell_parse (eisfit_spectrum_item_get_cell (item));
  in->cell = cell < 0 ? EIS_CELL_UNSPECIFIED : (EisCellType) cell;
  in->n_used = sp->n - eisfit_exclusions_count (eisfit_spectrum_item_get_exclusions (item), sp);
}

static gboolean
inputs_equal (const Inputs *a, const Inputs *b)
{
  /* bit for bit: an edit that gives the same number is no change */
  return memcmp (&a->T_K, &b->T_K, sizeof a->T_K) == 0 && a->have_geom == b->have_geom
         && (!a->have_geom || memcmp (&a->geom, &b->geom, sizeof a->geom) == 0)
         && a->cell == b->cell && a->n_used == b->n_used;
}

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

/* With a temperature law: the two-step analysis (the series' bulk conductivities fitted by
 * Arrhenius's law, and VTF's) and the law inside one joint fit of the whole series, as eisfit
 * arrhenius --global does it, with its warnings. */
static void
arrhenius_run (Job *job, const EisSeriesFitOptions *o)
{
  const EisSeriesFit *f = job->fit;
  EisError err = { 0 };
  gboolean all_ok = job->joint == NULL || job->joint->converged;
  size_t j;
  int k;

  if (eis_series_arrhenius_points (f, &job->series, &job->pts, &err) != EIS_OK)
    {
      g_strlcpy (job->bulk_why, err.message, sizeof job->bulk_why);
      return;
    }
  if (job->pts.n_bulk < 2)
    {
      g_snprintf (job->bulk_why, sizeof job->bulk_why, "the Arrhenius fit needs at least 2 "
                  "points with a bulk conductivity (have %zu)", job->pts.n_bulk);
      return;
    }
  for (k = 0; k < 2; k++)
    {
      err.message[0] = 0;
      job->bulk_ok[k] = eis_arrhenius_fit (job->pts.T_bulk, job->pts.sigma_bulk,
                                           job->pts.sigma_bulk_se, job->pts.n_bulk,
                                           (EisArrheniusForm) k, EIS_T_REF_DEFAULT_K,
                                           &job->bulk[k], &err) == EIS_OK;
      if (!job->bulk_ok[k] && k == EIS_ARRHENIUS_SIGMA)
        g_strlcpy (job->bulk_why, err.message, sizeof job->bulk_why);
      job->total_ok[k] = eis_arrhenius_fit (job->pts.T_total, job->pts.sigma_total,
                                            job->pts.sigma_total_se, job->pts.n_total,
                                            (EisArrheniusForm) k, EIS_T_REF_DEFAULT_K,
                                            &job->total[k], &err) == EIS_OK;
    }
  if (job->law == LAW_VTF)
    {
      job->vtf_ok = eis_vtf_fit (job->pts.T_bulk, job->pts.sigma_bulk, job->pts.sigma_bulk_se,
                                 job->pts.n_bulk, EIS_T_REF_DEFAULT_K, &job->vtf_bulk, &err)
                    == EIS_OK;
      if (!job->vtf_ok)
        g_strlcpy (job->vtf_why, err.message, sizeof job->vtf_why);
    }
  /* the two-step plots' checks, as eisfit arrhenius: the bulk's and the total's */
  if (job->bulk_ok[EIS_ARRHENIUS_SIGMA])
    job->n_checks = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_BULK, job->pts.T_bulk,
                                                    job->pts.sigma_bulk, job->pts.sigma_bulk_se,
                                                    job->pts.n_bulk,
                                                    &job->bulk[EIS_ARRHENIUS_SIGMA],
                                                    job->checks);
  if (job->total_ok[EIS_ARRHENIUS_SIGMA])
    job->n_checks_total = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_TOTAL,
                                                          job->pts.T_total, job->pts.sigma_total,
                                                          job->pts.sigma_total_se,
                                                          job->pts.n_total,
                                                          &job->total[EIS_ARRHENIUS_SIGMA],
                                                          job->checks_total);
  /* the law inside the fit only when every spectrum's fit converged, as eisfit arrhenius
   * --global */
  for (j = 0; j < f->n; j++)
    all_ok &= f->fits[j] != NULL && f->fits[j]->status == EIS_FIT_CONVERGED;
  if (!all_ok || (!job->bulk_ok[0] && !job->bulk_ok[1]))
    {
      g_strlcpy (job->global_why, job->joint && !job->joint->converged
                 ? "the joint fit of the shared parameters did not converge (see above): the "
                   "law is fitted only inside a series whose fits all converged"
                 : !all_ok ? "not every fit of the series converged: the law is fitted only "
                             "inside a series whose fits all converged"
                 : "the two-step bulk fit failed", sizeof job->global_why);
      return;
    }
  {
    EisGlobalOptions go;
    const char *const *shared = (const char *const *) job->shared;

    eis_global_options_init (&go);
    go.law = job->law == LAW_VTF ? EIS_GLOBAL_VTF : EIS_GLOBAL_ARRHENIUS;
    go.form = EIS_ARRHENIUS_SIGMA;
    go.T_ref_K = EIS_T_REF_DEFAULT_K;
    go.shared = shared;
    go.n_shared = job->shared ? g_strv_length (job->shared) : 0;
    go.share_held = 1;
    if (eis_series_global_fit (&job->series, o, f, &go, &job->global, &err) != EIS_OK)
      {
        g_snprintf (job->global_why, sizeof job->global_why, "the global fit: %s%s",
                    g_str_has_prefix (err.message, "--shared: ") ? "Shared by all spectra: "
                                                                 : "",
                    err.message + (g_str_has_prefix (err.message, "--shared: ") ? 10 : 0));
        return;
      }
    if (!job->global->converged)
      g_snprintf (job->global_why, sizeof job->global_why, "the joint fit: %s",
                  job->global->message);
    if (job->law == LAW_ARRHENIUS && job->bulk_ok[EIS_ARRHENIUS_SIGMA])
      eis_series_global_disagrees (&job->global->laws[0], &job->bulk[EIS_ARRHENIUS_SIGMA],
                                   job->disagree, sizeof job->disagree);
  }
}

static void
fit_thread_cb (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  EisSeriesFitOptions o;

  eis_series_fit_options_init (&o);
  o.circuit = job->circuit;
  job->status = eis_series_fit (&job->series, &o, &job->fit, &job->err);
  /* one joint fit where the series fit held parameters or the user shares some: the whole
   * series determines what a spectrum alone does not (as eisfit series and arrhenius) */
  if (job->status == EIS_OK)
    {
      EisError err = { 0 };
      size_t n_shared = job->shared ? g_strv_length (job->shared) : 0;

      job->status = eis_series_fit_joint (job->fit, &job->series, &o,
                                          (const char *const *) job->shared, n_shared,
                                          &job->joint, &err);
      if (job->status != EIS_OK)
        {
          /* the engine names the command line's option: say the page's field */
          const char *msg = g_str_has_prefix (err.message, "--shared: ") ? err.message + 10
                                                                          : err.message;

          eis_error_set (&job->err, job->status, "%s%s", n_shared ? "Shared by all spectra: "
                                                                  : "the joint fit: ", msg);
        }
    }
  if (job->status == EIS_OK && job->law != LAW_NONE)
    arrhenius_run (job, &o);
  /* the outliers of each spectrum's fit, for Use these fits (as a fit in the window finds
   * them) */
  if (job->status == EIS_OK)
    {
      job->outliers = g_malloc0 ((job->fit->n + 1) * sizeof *job->outliers);
      job->n_outliers = g_new0 (size_t, job->fit->n + 1);
      for (size_t j = 0; j < job->fit->n; j++)
        if (job->fit->fits[j])
          job->n_outliers[j] = eis_fit_outliers (job->fit->circuit,
                                                 job->series.items[j].spectrum, &o.fit,
                                                 job->fit->fits[j], job->outliers[j], 8);
    }
  g_task_return_boolean (task, TRUE);
}

static void
fit_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  EisfitSeriesPage *self = EISFIT_SERIES_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (res));
  EisfitSeriesDoneFunc done = job->done;
  gpointer done_data = job->done_data;
  gboolean ok = job->status == EIS_OK;

  self->busy = FALSE;
  if (self->disposed)
    return;
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
    }
  else
    {
      /* the task keeps the job: take it over */
      Job *keep = g_new0 (Job, 1);

      *keep = *job;
      memset (job, 0, sizeof *job);
      keep->done = NULL;
      g_clear_object (&keep->page);
      connect_items (self, FALSE);
      job_free (self->result);
      self->result = keep;
      connect_items (self, TRUE);
      set_stale (self, NULL);
      fill_table (self);
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
  Job *job;
  guint i;
  int order;
  EisError err = { 0 };
  const char *circuit;
  GTask *task;

  if (self->busy)
    return FALSE;
  if (items->len < 2)
    {
      set_message (self, items->len == 0
                           ? "No spectra to fit: select two or more in the list, or choose "
                             "All open spectra."
                           : "A series needs two or more spectra: select more in the list "
                             "(Ctrl+click, Shift+click), or choose All open spectra.");
      return FALSE;
    }
  for (i = 0; i < items->len; i++)
    {
      /* Z' < 0 everywhere or noise: refused, as eisfit series refuses the whole series */
      const char *why = eisfit_spectrum_item_get_refusal (g_ptr_array_index (items, i));

      if (why)
        {
          g_autofree char *msg = g_strdup_printf ("Not fitted: %s. Leave this spectrum out of "
                                                  "the series.", why);

          set_message (self, msg);
          return FALSE;
        }
    }
  job = g_new0 (Job, 1);
  job->items = g_ptr_array_ref (items);
  job->spectra = g_ptr_array_new_with_free_func ((GDestroyNotify) eis_spectrum_free);
  job->inputs = g_new0 (Inputs, items->len);
  eis_spectrum_series_init (&job->series);
  for (i = 0; i < items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      const EisfitExclusions *ex = eisfit_spectrum_item_get_exclusions (item);
      EisSpectrum *copy;
      EisSeriesItem *it;

      item_inputs (self, item, &job->inputs[i]);
      if (eisfit_exclusions_count (ex, sp) > 0)
        {
          /* the points left out of this spectrum's fits are left out of the series too */
          EisFitOptions fo;

          eis_fit_options_init (&fo);
          eisfit_exclusions_apply (ex, &fo);
          copy = eis_fit_used_points (sp, &fo);
        }
      else
        copy = eis_spectrum_dup (sp);
      if (!copy)
        g_error ("out of memory");
      g_ptr_array_add (job->spectra, copy);
      if (eis_spectrum_series_add (&job->series, copy, sp->source, sp->index + 1,
                                   sp->temperature_k, &err) != EIS_OK)
        g_error ("%s", err.message);
      it = &job->series.items[job->series.n - 1];
      it->T_source = isfinite (sp->temperature_k) ? "the window" : "";
      it->geom = job->inputs[i].geom;
      it->have_geom = job->inputs[i].have_geom;
      it->cell = job->inputs[i].cell;
    }
  /* the order: as asked, else temperature when every spectrum has one, else time, else the
   * list's order (as eisfit series) */
  order = (int) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->order_dropdown)) - 1;
  job->order_asked = order + 1;
  job->law = (int) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->law_dropdown));
  if (job->law != LAW_NONE)
    {
      /* a temperature law: a temperature series, coldest first (as eisfit arrhenius) */
      if (order >= 0 && order != EIS_SERIES_BY_TEMPERATURE)
        {
          set_message (self, "A temperature law needs the series ordered by temperature: "
                             "choose Order by Temperature (or Automatic), or no law.");
          job_free (job);
          return FALSE;
        }
      order = EIS_SERIES_BY_TEMPERATURE;
    }
  if (order < 0)
    {
      gboolean all_T = TRUE, all_t = TRUE;

      for (i = 0; i < job->series.n; i++)
        {
          all_T &= isfinite (job->series.items[i].T_K);
          all_t &= isfinite (job->series.items[i].time_s);
        }
      order = all_T ? EIS_SERIES_BY_TEMPERATURE : all_t ? EIS_SERIES_BY_TIME
                                                        : EIS_SERIES_BY_INDEX;
    }
  /* the engine's message names the command line's ways to give a temperature: say the
   * window's */
  for (i = 0; i < job->series.n && order != EIS_SERIES_BY_INDEX; i++)
    {
      const EisSeriesItem *it = &job->series.items[i];

      if (!isfinite (order == EIS_SERIES_BY_TEMPERATURE ? it->T_K : it->time_s))
        {
          g_autofree char *msg = g_strdup_printf (
            order == EIS_SERIES_BY_TEMPERATURE
              ? "Order by temperature: %s #%d has no temperature: enter one in File "
                "Properties (right-click it in the list) or in the side panel (F9), or order "
                "by time or list order."
              : "Order by time: %s #%d has no time stamps: order by temperature or list order.",
            eisfit_series_base_name (it->file), it->number);

          set_message (self, msg);
          job_free (job);
          return FALSE;
        }
    }
  if (eis_spectrum_series_sort (&job->series, (EisSeriesOrder) order, &err) != EIS_OK)
    {
      g_autofree char *msg = g_strdup_printf ("Order by %s: %s",
                                              eis_series_order_name ((EisSeriesOrder) order),
                                              err.message);

      set_message (self, msg);
      job_free (job);
      return FALSE;
    }
  circuit = gtk_editable_get_text (GTK_EDITABLE (self->circuit_entry));
  while (g_ascii_isspace (*circuit))
    circuit++;
  job->circuit = *circuit ? g_strdup (circuit) : NULL;
  job->shared = shared_names (self);
  job->done = done;
  job->done_data = data;
  job->page = g_object_ref (self);
  self->busy = TRUE;
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_widget_set_sensitive (self->fit_button, FALSE);
  update_adopt (self);
  set_message (self, "Fitting the series…");
  task = g_task_new (self, NULL, fit_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, fit_thread_cb);
  g_object_unref (task);
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
  const Job *r = self->result;
  guint i, n = self->spectra ? g_list_model_get_n_items (self->spectra) : 0;

  if (!r || self->stale)
    return;
  for (i = 0; i < r->items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (r->items, i);
      Inputs now;
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
      item_inputs (self, item, &now);
      if (!inputs_equal (&now, &r->inputs[i]))
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

static void
json_num_key (GString *out, const char *key, double x)
{
  g_string_append_printf (out, ", \"%s\": ", key);
  eisfit_json_number (out, x);
}

static void
json_afit (GString *out, const EisArrheniusFit *a, gboolean ok)
{
  if (!ok)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, "{\"form\": ");
  eisfit_json_string (out, eis_arrhenius_form_name (a->form));
  json_num_key (out, "Ea_eV", a->Ea_eV);
  json_num_key (out, "Ea_stderr_eV", a->Ea_se_eV);
  json_num_key (out, "ln_prefactor", a->ln_A);
  json_num_key (out, "ln_prefactor_stderr", a->ln_A_se);
  json_num_key (out, "r2", a->r2);
  json_num_key (out, "sigma_at_25C", eis_arrhenius_sigma_at (a, EIS_T_REF_DEFAULT_K));
  json_num_key (out, "sigma_at_ref", a->sigma_ref);
  json_num_key (out, "sigma_at_ref_stderr", a->sigma_ref_se);
  g_string_append_printf (out, ", \"n\": %zu}", a->n);
}

/* With a law: "arrhenius" with the keys of eisfit arrhenius --global --format json (bulk,
 * total, global, warnings), else null. */
static void
json_arrhenius (GString *out, const Job *r)
{
  const EisGlobalFit *g = r->global;
  size_t q, k;

  g_string_append (out, ",\n    \"law\": ");
  eisfit_json_string (out, law_names[r->law]);
  g_string_append (out, ", \"arrhenius\": ");
  if (r->law == LAW_NONE)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, "{\"bulk\": {\"sigma\": ");
  json_afit (out, &r->bulk[0], r->bulk_ok[0]);
  g_string_append (out, ", \"sigmaT\": ");
  json_afit (out, &r->bulk[1], r->bulk_ok[1]);
  g_string_append (out, ", \"vtf\": ");
  if (r->law == LAW_VTF && r->vtf_ok)
    {
      const EisVTFFit *v = &r->vtf_bulk;

      g_string_append_printf (out, "{\"converged\": %s", v->converged ? "true" : "false");
      json_num_key (out, "B_K", v->B_K);
      json_num_key (out, "B_stderr_K", v->B_se_K);
      json_num_key (out, "T0_K", v->T0_K);
      json_num_key (out, "T0_stderr_K", v->T0_se_K);
      json_num_key (out, "Ea_eV", v->Ea_eV);
      json_num_key (out, "sigma_at_ref", v->sigma_ref);
      g_string_append (out, "}");
    }
  else
    g_string_append (out, "null");
  g_string_append (out, "},\n      \"total\": {\"sigma\": ");
  json_afit (out, &r->total[0], r->total_ok[0]);
  g_string_append (out, ", \"sigmaT\": ");
  json_afit (out, &r->total[1], r->total_ok[1]);
  g_string_append (out, "},\n      \"global\": ");
  if (g)
    {
      const EisGlobalLawFit *L = &g->laws[0];
      gboolean first = TRUE;

      g_string_append (out, "{\"form\": ");
      eisfit_json_string (out, r->law == LAW_VTF ? "vtf" : eis_arrhenius_form_name (g->form));
      json_num_key (out, "Ea_eV", L->Ea_eV);
      json_num_key (out, "Ea_stderr_eV", L->Ea_se_eV);
      json_num_key (out, "ln_prefactor", L->ln_A);
      json_num_key (out, "ln_prefactor_stderr", L->ln_A_se);
      json_num_key (out, "sigma_at_25C", L->sigma_25C);
      json_num_key (out, "T_ref_K", g->T_ref_K);
      json_num_key (out, "sigma_at_ref", L->sigma_ref);
      json_num_key (out, "sigma_at_ref_stderr", L->sigma_ref_se);
      if (r->law == LAW_VTF)
        {
          json_num_key (out, "B_K", L->B_K);
          json_num_key (out, "T0_K", L->T0_K);
        }
      g_string_append (out, ", \"bulk_parameter\": ");
      eisfit_json_string (out, eis_circuit_param_name (r->fit->circuit, (size_t) L->param));
      g_string_append_printf (out, ", \"converged\": %s", g->converged ? "true" : "false");
      json_num_key (out, "reduced_chi2", g->reduced_chi2);
      g_string_append (out, ", \"shared\": [");
      for (k = 0; k < g->n_params; k++)
        if (g->shared[k])
          {
            g_autofree char *nm = g_strdup_printf ("%s%s",
                                                   eis_circuit_param_name (r->fit->circuit, k),
                                                   g->shared[k] == 2 ? "_Ceff" : "");

            g_string_append (out, first ? "" : ", ");
            eisfit_json_string (out, nm);
            first = FALSE;
          }
      g_string_append (out, "]");
      if (g->n_laws > 1)
        {
          const EisGlobalLawFit *G = &g->laws[1];

          g_string_append (out, ", \"grain_boundary\": {\"Ea_eV\": ");
          eisfit_json_number (out, G->Ea_eV);
          json_num_key (out, "Ea_stderr_eV", G->Ea_se_eV);
          json_num_key (out, "ln_prefactor", G->ln_A);
          json_num_key (out, "sigma_at_25C", G->sigma_25C);
          g_string_append (out, "}");
        }
      g_string_append (out, "}");
    }
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"global_note\": ");
  eisfit_json_string (out, r->global_why);
  g_string_append (out, ",\n      \"warnings\": [");
  for (q = 0; q < r->n_checks; q++)
    {
      g_string_append (out, q ? ", " : "");
      eisfit_json_string (out, r->checks[q]);
    }
  for (q = 0; q < r->n_checks_total; q++)
    {
      g_autofree char *w = g_strdup_printf ("total: %s", r->checks_total[q]);

      g_string_append (out, q + r->n_checks ? ", " : "");
      eisfit_json_string (out, w);
    }
  if (r->disagree[0])
    {
      g_string_append (out, r->n_checks + r->n_checks_total ? ", " : "");
      eisfit_json_string (out, r->disagree);
    }
  g_string_append (out, "]}");
}

char *
eisfit_series_page_dup_json (EisfitSeriesPage *self)
{
  const Job *r = self->result;
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
  /* the page's own: the table marked as old, the column Spectrum's own fit (series order),
   * the temperature law */
  g_string_append_printf (out, ",\n \"stale\": %s, \"own_fit\": [",
                          self->stale ? "true" : "false");
  for (j = 0; j < r->series.n; j++)
    {
      g_string_append (out, j ? ", " : "");
      eisfit_json_string (out, own_fit_state (r, j));
    }
  g_string_append (out, "]");
  json_arrhenius (out, r);
  g_string_append (out, "}");
  return g_string_free (out, FALSE);
}

char *
eisfit_series_page_dup_state (EisfitSeriesPage *self)
{
  GString *s = g_string_new (NULL);
  guint c, j, n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  Trends t;
  g_autofree char *why = NULL;

  g_string_append_printf (s, "status: %s\n", gtk_label_get_text (GTK_LABEL (self->status_label)));
  g_string_append_printf (s, "stale: %s\n", self->stale ? gtk_label_get_text (
                                                            GTK_LABEL (self->stale_label))
                                                        : "no");
  for (c = 0; c < self->col_titles->len; c++)
    g_string_append_printf (s, "%s%s", c ? " | " : "columns: ",
                            (char *) g_ptr_array_index (self->col_titles, c));
  g_string_append (s, "\n");
  for (j = 0; j < n; j++)
    {
      for (c = 0; c < self->col_cells->len; c++)
        {
          GPtrArray *cells = g_ptr_array_index (self->col_cells, c);

          g_string_append_printf (s, "%s%s", c ? " | " : "row: ",
                                  (char *) g_ptr_array_index (cells, j));
        }
      g_string_append (s, "\n");
    }
  if (eisfit_series_trends_collect (self, &t, &why))
    {
      g_string_append_printf (s, "trends: x %s:", eisfit_series_axis_names[t.ps.axis]);
      for (c = 0; c < t.ps.ntraces; c++)
        g_string_append_printf (s, "%s %s", c ? "," : "", t.tr[c].name);
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
  g_string_append_printf (s, "adopt: %s (%s)\n",
                          gtk_button_get_label (GTK_BUTTON (self->adopt_button)),
                          gtk_widget_get_sensitive (self->adopt_button) ? "enabled" : "disabled");
  return g_string_free (s, FALSE);
}

/* The table as eisfit series --format csv writes it: the engine's writer. */
static char *
table_csv (const Job *r)
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
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
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

  if (!self->result)
    return;
  dialog = gtk_file_chooser_native_new ("Export series table", GTK_IS_WINDOW (root)
                                                                  ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  if (self->folder)
    {
      g_autofree char *dir = self->folder (self->folder_data);
      g_autoptr (GFile) folder = dir ? g_file_new_for_path (dir) : NULL;

      if (folder)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "eisfit-series.csv");
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
  guint c, j, n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (c = 0; c < self->col_titles->len; c++)
    g_string_append_printf (s, "%s%s", c ? "\t" : "",
                            (char *) g_ptr_array_index (self->col_titles, c));
  g_string_append_c (s, '\n');
  for (j = 0; j < n; j++)
    {
      for (c = 0; c < self->col_cells->len; c++)
        g_string_append_printf (s, "%s%s", c ? "\t" : "",
                                (char *) g_ptr_array_index (
                                  (GPtrArray *) g_ptr_array_index (self->col_cells, c), j));
      g_string_append_c (s, '\n');
    }
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

  for (i = 0; i < G_N_ELEMENTS (law_names); i++)
    if (g_ascii_strcasecmp (law, law_names[i]) == 0)
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
  const Job *r = self->result;
  size_t j, fitted = 0, same = 0;

  if (!r)
    return FALSE;
  *items = g_ptr_array_ref (r->items);
  *order = g_strdup (eisfit_series_order_names[r->order_asked >= 0
                                                 && r->order_asked < 4 ? r->order_asked : 0]);
  *circuit = g_strdup (r->circuit ? r->circuit : "");
  *shared = r->shared ? g_strjoinv (",", r->shared) : g_strdup ("");
  *law = g_strdup (law_names[r->law]);
  for (j = 0; j < r->series.n; j++)
    if (r->fit->fits[j])
      {
        fitted++;
        same += strcmp (own_fit_state (r, j), "this fit") == 0;
      }
  *adopted = fitted > 0 && same == fitted;
  return TRUE;
}

guint
eisfit_series_page_restore_roles (EisfitSeriesPage *self)
{
  const Job *r = self->result;
  guint n = 0;
  size_t j;

  for (j = 0; r && j < r->series.n; j++)
    if (r->fit->fits[j] && strcmp (own_fit_state (r, j), "this fit") == 0)
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

/* ---------------------------------------------------------------- the widget */

static void
eisfit_series_page_dispose (GObject *object)
{
  EisfitSeriesPage *self = EISFIT_SERIES_PAGE (object);
  GtkWidget *child;

  self->disposed = TRUE;
  if (self->spectra)
    g_signal_handlers_disconnect_by_func (self->spectra, spectra_changed_cb, self);
  g_clear_object (&self->spectra);
  g_clear_object (&self->selection);
  connect_items (self, FALSE);
  g_clear_pointer (&self->result, job_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_SERIES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_series_page_parent_class)->dispose (object);
}

static void
eisfit_series_page_finalize (GObject *object)
{
  EisfitSeriesPage *self = EISFIT_SERIES_PAGE (object);

  g_ptr_array_unref (self->col_titles);
  g_ptr_array_unref (self->col_cells);
  g_ptr_array_unref (self->trends);
  g_ptr_array_unref (self->trend_checks);
  g_clear_object (&self->rows);
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
  gtk_widget_class_bind_template_callback (widget_class, fit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, adopt_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, shared_popover_show_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "axis_selected_cb",
                                                G_CALLBACK (eisfit_series_axis_selected_cb));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_series_page_init (EisfitSeriesPage *self)
{
  self->col_titles = g_ptr_array_new_with_free_func (g_free);
  self->col_cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->trends = g_ptr_array_new_with_free_func (g_free);
  self->trend_checks = g_ptr_array_new ();
  self->rows = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkNoSelection *model = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));

    gtk_column_view_set_model (GTK_COLUMN_VIEW (self->table), GTK_SELECTION_MODEL (model));
    g_object_unref (model);
  }
  eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot), FALSE);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), eisfit_series_trends_draw_cb,
                              eisfit_series_trends_hover_cb, self);
  eisfit_series_page_update_plot (self);
  eisfit_series_page_update_trends_label (self);
}

GtkWidget *
eisfit_series_page_new (void)
{
  return g_object_new (EISFIT_TYPE_SERIES_PAGE, NULL);
}
