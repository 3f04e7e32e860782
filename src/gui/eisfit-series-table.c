/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page's table (see eisfit-series-table.h). */
#include <config.h>

#include "eisfit-series-table.h"

#include <math.h>
#include <string.h>

#include "series-table.h"

/* how the fit each spectrum has in the main view compares with this row's */
#define OWN_COLUMN "Main view's fit"
#define OWN_TOOLTIP "How the fit this spectrum has in the main view (from Fit or Fit All) " \
  "compares with this row of the series:\n" \
  "this fit: it is this row's fit (Use these fits for the spectra was pressed)\n" \
  "agrees: the same circuit, every parameter within a tenth of a standard error\n" \
  "differs: the same circuit with other values\n" \
  "another circuit: the main view fitted another circuit\n" \
  "not fitted: the spectrum has no fit of its own yet\n" \
  "Use these fits for the spectra makes every one \"this fit\"."
#define KELVIN_0C 273.15

struct _EisfitSeriesTable {
  GtkWidget parent_instance;

  GtkWidget *view;           /* GtkColumnView */
  /* one column per entry, each an array of the rows' texts */
  GPtrArray *col_titles;     /* char * */
  GPtrArray *col_cells;      /* GPtrArray of char * */
  GtkStringList *rows;
};

G_DEFINE_FINAL_TYPE (EisfitSeriesTable, eisfit_series_table, GTK_TYPE_WIDGET)


static void
add_column (EisfitSeriesTable *self, const char *title, GPtrArray *cells)
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
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *li, EisfitSeriesTable *self)
{
  guint col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = gtk_list_item_get_position (li);
  GPtrArray *cells = col < self->col_cells->len ? g_ptr_array_index (self->col_cells, col)
                                                : NULL;
  const char *text = cells && row < cells->len ? g_ptr_array_index (cells, row) : "";

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (li)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (li),
                               col < self->col_titles->len
                               && strcmp (g_ptr_array_index (self->col_titles, col),
                                          OWN_COLUMN) == 0 ? OWN_TOOLTIP
                               : strlen (text) > 28 ? text : NULL);
}

static void
clear_columns (EisfitSeriesTable *self)
{
  GListModel *cols = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->view));

  while (g_list_model_get_n_items (cols) > 0)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (cols, 0);

      gtk_column_view_remove_column (GTK_COLUMN_VIEW (self->view), c);
    }
  /* an empty column view leaves its scrolled window's adjustment narrower than the page, and
   * GTK draws that as an overshoot (a grey arc at the right edge): shown with columns only */
  gtk_widget_set_visible (self->view, FALSE);
  g_ptr_array_set_size (self->col_titles, 0);
  g_ptr_array_set_size (self->col_cells, 0);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                          NULL);
}

/* Fills the table from R: one row per spectrum in series order. */
static void
fill_table (EisfitSeriesTable *self, const EisfitSeriesJob *r)
{
  const EisSeriesFit *f = r->fit;
  const EisSpectrumSeries *s = &r->series;
  size_t n = s->n, P = eis_circuit_n_params (f->circuit), j, k, a;
  gboolean any_T = FALSE, any_t = FALSE;
  const EisConductivity *c0 = NULL;
  GPtrArray *cells;
  static const struct { const char *name, *title; } derived[] = {
    { "R_bulk", "R_bulk / Ω" }, { "R_gb", "R_gb / Ω" }, { "R_total", "R_total / Ω" },
    { "sigma_bulk", "σ_bulk / S cm⁻¹" },
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
    g_ptr_array_add (cells, g_strdup (eisfit_series_job_own_fit_state (r, j)));
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
  /* the times only when they say something (not every file's own first time stamp) */
  if (any_t && eis_spectrum_series_time_informative (s))
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
          else if (f->cond && eis_conductivity_is_merged (&f->cond[j], (long) k))
            /* its arc merges with another's: only their sum is measured (the Merged column),
             * not this split, so no error of its own (as eisfit series prints it) */
            g_ptr_array_add (cells, g_strdup_printf ("%.5g (in sum)", fr->value[k]));
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
  /* resistances whose arcs merge in a spectrum (apexes within EIS_MERGED_APEX_RATIO): their
   * sum with its error from the covariance, as eisfit series' CSV merged, R_merged_Ohm */
  {
    gboolean any_merged = FALSE;

    NEW_CELLS ();
    for (j = 0; j < n; j++)
      {
        const EisConductivity *c = f->fits[j] && f->cond ? &f->cond[j] : NULL;
        GString *t;

        if (!c || c->n_merged == 0)
          {
            g_ptr_array_add (cells, g_strdup ("–"));
            continue;
          }
        any_merged = TRUE;
        t = g_string_new (NULL);
        for (size_t m = 0; m < c->n_merged; m++)
          g_string_append_printf (t, "%s%s", m ? "+" : "",
                                  eis_circuit_param_name (f->circuit, (size_t) c->merged_index[m]));
        g_autofree char *v = eisfit_series_value_pm (c->R_merged, c->R_merged_se);
        g_string_append_printf (t, " = %s", v);
        g_ptr_array_add (cells, g_string_free (t, FALSE));
      }
    if (any_merged)
      add_column (self, "Merged arcs: sum / Ω", cells);
    else
      g_ptr_array_unref (cells);
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
            g_ptr_array_add (cells, g_strdup_printf ("%s, %.3g F", eis_arc_role_text (arc),
                                                     arc->C_eff));
          else
            g_ptr_array_add (cells, g_strdup (eis_arc_role_text (arc)));
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
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->view), col);
      g_object_unref (col);
    }
  gtk_widget_set_visible (self->view, self->col_titles->len > 0);
  for (j = 0; j < n; j++)
    {
      char num[32];

      g_snprintf (num, sizeof num, "%zu", j + 1);
      gtk_string_list_append (self->rows, num);
    }
}


void
eisfit_series_table_show (EisfitSeriesTable *self, const EisfitSeriesJob *r)
{
  if (r)
    fill_table (self, r);
  else
    clear_columns (self);
}

gboolean
eisfit_series_table_update_own_fits (EisfitSeriesTable *self, const EisfitSeriesJob *r)
{
  GPtrArray *cells = NULL;
  size_t j;
  guint c;

  for (c = 0; c < self->col_titles->len; c++)
    if (strcmp (g_ptr_array_index (self->col_titles, c), OWN_COLUMN) == 0)
      cells = g_ptr_array_index (self->col_cells, c);
  for (j = 0; cells && j < r->series.n && j < cells->len; j++)
    if (strcmp (g_ptr_array_index (cells, j), eisfit_series_job_own_fit_state (r, j)) != 0)
      {
        fill_table (self, r);
        return TRUE;
      }
  return FALSE;
}

void
eisfit_series_table_append_text (EisfitSeriesTable *self, GString *s, gboolean tsv)
{
  guint c, j, n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  const char *sep = tsv ? "\t" : " | ";

  for (c = 0; c < self->col_titles->len; c++)
    g_string_append_printf (s, "%s%s", c ? sep : tsv ? "" : "columns: ",
                            (char *) g_ptr_array_index (self->col_titles, c));
  g_string_append_c (s, '\n');
  for (j = 0; j < n; j++)
    {
      for (c = 0; c < self->col_cells->len; c++)
        g_string_append_printf (s, "%s%s", c ? sep : tsv ? "" : "row: ",
                                (char *) g_ptr_array_index (
                                  (GPtrArray *) g_ptr_array_index (self->col_cells, c), j));
      g_string_append_c (s, '\n');
    }
}

static void
eisfit_series_table_dispose (GObject *object)
{
  EisfitSeriesTable *self = EISFIT_SERIES_TABLE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_SERIES_TABLE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_series_table_parent_class)->dispose (object);
}

static void
eisfit_series_table_finalize (GObject *object)
{
  EisfitSeriesTable *self = EISFIT_SERIES_TABLE (object);

  g_ptr_array_unref (self->col_titles);
  g_ptr_array_unref (self->col_cells);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (eisfit_series_table_parent_class)->finalize (object);
}

static void
eisfit_series_table_class_init (EisfitSeriesTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_series_table_dispose;
  object_class->finalize = eisfit_series_table_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-series-table.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitSeriesTable, view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_series_table_init (EisfitSeriesTable *self)
{
  GtkNoSelection *model;

  self->col_titles = g_ptr_array_new_with_free_func (g_free);
  self->col_cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->rows = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  model = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->view), GTK_SELECTION_MODEL (model));
  g_object_unref (model);
}

GtkWidget *
eisfit_series_table_new (void)
{
  return g_object_new (EISFIT_TYPE_SERIES_TABLE, NULL);
}
