/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page's trend plot: chosen columns of the table against T, 1000/T, time or
 * position, one panel each, drawn by the engine's plot (eis_plot_series) in a plot view. */
#include "eisfit-series-page-private.h"

#include <math.h>
#include <string.h>

#include "eisfit-plot-view.h"
#include "eisfit-spectrum-item.h"
#include "series-table.h"

static EisPlotSeriesAxis
current_axis (EisfitSeriesPage *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->axis_dropdown));

  return i < G_N_ELEMENTS (eisfit_series_axis_names) ? (EisPlotSeriesAxis) i
                                                      : EIS_PLOT_SERIES_INDEX;
}

/* The earliest time stamp of the series [s] (NAN without any): times are shown from it. */
static double
series_t0 (const EisSpectrumSeries *s)
{
  double t0 = NAN;
  size_t j;

  for (j = 0; j < s->n; j++)
    if (isfinite (s->items[j].time_s) && !(s->items[j].time_s >= t0))
      t0 = s->items[j].time_s;
  return t0;
}

/* The x of spectrum J on AXIS (NAN when it has none). */
double
eisfit_series_axis_x (const EisSpectrumSeries *s, size_t j, EisPlotSeriesAxis axis)
{
  switch (axis)
    {
    case EIS_PLOT_SERIES_T: return s->items[j].T_K - KELVIN_0C;
    case EIS_PLOT_SERIES_INV_T: return 1000 / s->items[j].T_K;
    case EIS_PLOT_SERIES_TIME: return (s->items[j].time_s - series_t0 (s)) / 3600;
    default: return (double) (j + 1);
    }
}


void
eisfit_series_trends_clear (Trends *t)
{
  g_free (t->x);
  g_free (t->buf);
  g_free (t->in_sum);
}

/* The figure's data; FALSE (with WHY) when there is nothing to draw. */
gboolean
eisfit_series_trends_collect (EisfitSeriesPage *self, Trends *t, char **why)
{
  const EisfitSeriesJob *r = self->result;
  size_t n, j, q, any_x = 0;
  EisPlotSeriesAxis axis = current_axis (self);

  memset (t, 0, sizeof *t);
  if (!r)
    {
      *why = g_strdup ("Select spectra in the list (or choose All open spectra) and press Fit "
                       "series: one circuit for all, each fit starting from its neighbour's.");
      return FALSE;
    }
  if (self->trends->len == 0)
    {
      *why = g_strdup ("Choose the quantities to plot (Trends).");
      return FALSE;
    }
  n = r->series.n;
  t->x = g_new (double, n);
  t->buf = g_new (double, 2 * EIS_PLOT_MAX_PANELS * n);
  t->in_sum = g_new0 (unsigned char, EIS_PLOT_MAX_PANELS * n);
  for (j = 0; j < n; j++)
    {
      t->x[j] = eisfit_series_axis_x (&r->series, j, axis);
      any_x += isfinite (t->x[j]);
    }
  if (any_x == 0)
    {
      *why = g_strdup_printf ("No spectrum of the series has %s: plot against another axis.",
                              axis == EIS_PLOT_SERIES_TIME ? "time stamps" : "a temperature");
      eisfit_series_trends_clear (t);
      return FALSE;
    }
  for (q = 0; q < self->trends->len && q < EIS_PLOT_MAX_PANELS; q++)
    {
      const char *name = g_ptr_array_index (self->trends, q);
      const char *unit = eisfit_series_pretty_unit (eis_series_quantity_unit (r->fit, name));
      double *v = t->buf + 2 * q * n, *e = v + n;

      for (j = 0; j < n; j++)
        {
          eis_series_quantity (r->fit, &r->series, j, name, &v[j], &e[j]);
          t->in_sum[q * n + j] = (unsigned char) eis_series_quantity_in_sum (r->fit, j, name);
        }
      t->tr[q].in_sum = t->in_sum + q * n;
      /* the figure adds the unit, with a prefix that keeps the tick labels short */
      eis_series_quantity_label (name, t->titles[q], sizeof t->titles[q]);
      t->tr[q].name = t->titles[q];
      t->tr[q].unit = unit;
      t->tr[q].y = v;
      t->tr[q].y_err = e;
    }
  t->ps.n = n;
  t->ps.x = t->x;
  t->ps.axis = axis;
  t->ps.traces = t->tr;
  t->ps.ntraces = q;
  t->ps.title = NULL;
  return TRUE;
}

int
eisfit_series_trends_draw_cb (cairo_t *cr, double w, double h, const EisPlotView *view,
                              EisPlotTransform *tr, EisError *err, gpointer data)
{
  EisfitSeriesPage *self = data;
  Trends t;
  g_autofree char *why = NULL;
  int st;

  /* a new width: the law's results wrap into other lines */
  if (gtk_widget_get_width (self->law_scroller) != self->law_width)
    eisfit_series_page_fit_law_later (self);

  if (!eisfit_series_trends_collect (self, &t, &why))
    return eis_error_set (err, EIS_ERR_INVALID, "%s", why);
  st = eis_plot_series (cr, w, h, &t.ps, tr, err);
  eisfit_series_trends_clear (&t);
  return st;
}

char *
eisfit_series_trends_hover_cb (const EisPlotTransform *tr, double px, double py, double *mx,
                               double *my, gpointer data)
{
  EisfitSeriesPage *self = data;
  Trends t;
  g_autofree char *why = NULL;
  double best = 30 * 30;
  size_t j, q, bj = 0, bq = 0;
  char *text = NULL;

  if (!eisfit_series_trends_collect (self, &t, &why))
    return NULL;
  for (q = 0; q < t.ps.ntraces && q < tr->npanels; q++)
    for (j = 0; j < t.ps.n; j++)
      {
        double qx, qy, d;

        if (!isfinite (t.tr[q].y[j]) || !isfinite (t.x[j])
            || eis_plot_world_to_device (tr, q, t.x[j], t.tr[q].y[j], &qx, &qy) != 0)
          continue;
        d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
        if (d < best)
          best = d, bj = j, bq = q, *mx = qx, *my = qy;
      }
  if (best < 30 * 30)
    {
      const EisSeriesItem *it = &self->result->series.items[bj];
      g_autofree char *v = eisfit_series_value_pm (t.tr[bq].y[bj], t.tr[bq].y_err[bj]);
      g_autofree char *at = isfinite (it->T_K) ? g_strdup_printf (" at %.1f °C",
                                                                   it->T_K - KELVIN_0C)
                                               : g_strdup ("");

      text = g_strdup_printf ("%s #%d%s:  %s = %s%s%s", eisfit_series_base_name (it->file),
                              it->number, at, t.titles[bq], v, *t.tr[bq].unit ? " " : "",
                              t.tr[bq].unit);
    }
  eisfit_series_trends_clear (&t);
  return text;
}

void
eisfit_series_page_update_plot (EisfitSeriesPage *self)
{
  Trends t;
  g_autofree char *why = NULL;
  g_autofree char *note = NULL;

  if (eisfit_series_trends_collect (self, &t, &why))
    {
      /* spectra without a temperature (or time stamps) have no place on that axis: say so */
      size_t j, missing = 0, first = 0;

      for (j = 0; j < t.ps.n; j++)
        if (!isfinite (t.x[j]) && missing++ == 0)
          first = j;
      if (missing)
        {
          g_autofree char *more = missing > 1 ? g_strdup_printf (" and %zu more", missing - 1)
                                              : g_strdup ("");

          note = g_strdup_printf ("%s #%d%s not drawn: no %s",
                                  eisfit_series_base_name (self->result->series.items[first].file),
                                  self->result->series.items[first].number, more,
                                  t.ps.axis == EIS_PLOT_SERIES_TIME ? "time stamps"
                                                                    : "temperature");
        }
      eisfit_series_trends_clear (&t);
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), NULL);
    }
  else
    eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), why);
  gtk_label_set_text (GTK_LABEL (self->trends_note), note ? note : "");
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot));
}

/* The trends button's label: the quantities chosen. */
void
eisfit_series_page_update_trends_label (EisfitSeriesPage *self)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < self->trends->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (self->trends, i));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->trends_button),
                             s->len ? s->str : "Choose…");
  g_string_free (s, TRUE);
}

static void
trend_toggled_cb (GtkCheckButton *check, EisfitSeriesPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), "quantity");
  guint i;

  if (self->setting_trends)
    return;
  for (i = 0; i < self->trends->len; i++)
    if (strcmp (g_ptr_array_index (self->trends, i), name) == 0)
      break;
  if (gtk_check_button_get_active (check))
    {
      if (i < self->trends->len)
        return;
      if (self->trends->len >= EIS_PLOT_MAX_PANELS)
        {
          /* four panels at most: the figure would be unreadable with more */
          self->setting_trends = TRUE;
          gtk_check_button_set_active (check, FALSE);
          self->setting_trends = FALSE;
          gtk_widget_error_bell (GTK_WIDGET (check));
          return;
        }
      g_ptr_array_add (self->trends, g_strdup (name));
    }
  else if (i < self->trends->len)
    g_ptr_array_remove_index (self->trends, i);
  eisfit_series_page_update_trends_label (self);
  eisfit_series_page_update_plot (self);
}

/* The check buttons of the quantities of the result, ticked as chosen. */
void
eisfit_series_page_fill_trend_checks (EisfitSeriesPage *self)
{
  GtkWidget *child;
  EisSeriesQuantityName names[MAX_QUANTITIES];
  size_t n, q;
  guint i;

  while ((child = gtk_widget_get_first_child (self->trends_box)))
    gtk_box_remove (GTK_BOX (self->trends_box), child);
  g_ptr_array_set_size (self->trend_checks, 0);
  if (!self->result)
    return;
  n = MIN (eis_series_quantities (self->result->fit, names, MAX_QUANTITIES), MAX_QUANTITIES);
  self->setting_trends = TRUE;
  for (q = 0; q < n; q++)
    {
      const char *unit = eisfit_series_pretty_unit (
        eis_series_quantity_unit (self->result->fit, names[q]));
      char title[sizeof names[q] + 32];
      g_autofree char *label = g_strdup_printf (
        "%s%s%s", eis_series_quantity_label (names[q], title, sizeof title), *unit ? " / " : "",
        unit);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      gboolean on = FALSE;

      g_object_set_data_full (G_OBJECT (check), "quantity", g_strdup (names[q]), g_free);
      for (i = 0; i < self->trends->len; i++)
        on |= strcmp (g_ptr_array_index (self->trends, i), names[q]) == 0;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      g_signal_connect (check, "toggled", G_CALLBACK (trend_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->trends_box), check);
      g_ptr_array_add (self->trend_checks, check);
    }
  self->setting_trends = FALSE;
}

/* Keeps the chosen quantities the new result has; none left: the default ones. */
void
eisfit_series_page_choose_trends (EisfitSeriesPage *self)
{
  guint i = 0;
  double v;

  while (i < self->trends->len)
    if (!eis_series_quantity (self->result->fit, &self->result->series, 0,
                              g_ptr_array_index (self->trends, i), &v, NULL))
      g_ptr_array_remove_index (self->trends, i);
    else
      i++;
  if (self->trends->len == 0)
    {
      EisSeriesQuantityName names[EIS_PLOT_MAX_PANELS];
      size_t q, n = eis_series_default_trends (self->result->fit, &self->result->series, names,
                                               EIS_PLOT_MAX_PANELS);

      for (q = 0; q < n; q++)
        g_ptr_array_add (self->trends, g_strdup (names[q]));
    }
}

void
eisfit_series_axis_selected_cb (GObject *dropdown, GParamSpec *pspec, EisfitSeriesPage *self)
{
  if (!self->setting_axis)
    self->axis_chosen = TRUE;
  eisfit_series_page_update_plot (self);
}

/* Until the user chooses one, the x axis follows the series' order (as eisfit series --plot):
 * T for a temperature series, time for one in time, the position otherwise. */
void
eisfit_series_page_axis_follow_order (EisfitSeriesPage *self)
{
  EisSeriesOrder o = self->result->series.order_by;

  if (self->axis_chosen)
    return;
  self->setting_axis = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->axis_dropdown),
                              o == EIS_SERIES_BY_TEMPERATURE ? EIS_PLOT_SERIES_T
                              : o == EIS_SERIES_BY_TIME ? EIS_PLOT_SERIES_TIME
                                                        : EIS_PLOT_SERIES_INDEX);
  self->setting_axis = FALSE;
}

/* Before a series is fitted, the x axis offered is one the open spectra have (until the user
 * chooses one): T when every spectrum has a temperature, else time when every one has time
 * stamps, else the position in the series. */
void
eisfit_series_page_axis_follow_data (EisfitSeriesPage *self)
{
  guint i, n = self->spectra ? g_list_model_get_n_items (self->spectra) : 0;
  EisSpectrumSeries s;
  EisSeriesOrder o;

  if (self->axis_chosen || self->result)
    return;
  /* the order a fit would take (eisfit_series_job_new's): time for a cell measured hours
   * apart at one temperature */
  eis_spectrum_series_init (&s);
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (self->spectra, i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      EisError err = { 0 };

      if (eis_spectrum_series_add (&s, sp, sp->source, sp->index + 1, sp->temperature_k, &err)
          != EIS_OK)
        g_error ("%s", err.message);
    }
  eis_spectrum_series_place_in_time (&s, NULL, 0);
  o = n == 0 ? EIS_SERIES_BY_TEMPERATURE : eis_spectrum_series_auto_order (&s, FALSE);
  eis_spectrum_series_clear (&s);
  self->setting_axis = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->axis_dropdown),
                              o == EIS_SERIES_BY_TEMPERATURE ? EIS_PLOT_SERIES_T
                              : o == EIS_SERIES_BY_TIME ? EIS_PLOT_SERIES_TIME
                                                        : EIS_PLOT_SERIES_INDEX);
  self->setting_axis = FALSE;
}

GtkWidget *
eisfit_series_page_get_plot (EisfitSeriesPage *self)
{
  return self->plot;
}

int
eisfit_series_page_draw (EisfitSeriesPage *self, cairo_t *cr, double w, double h,
                         EisError *err)
{
  EisPlotTransform tr;

  return eisfit_series_trends_draw_cb (cr, w, h, NULL, &tr, err, self);
}

gboolean
eisfit_series_page_set_trends (EisfitSeriesPage *self, const char *x_axis,
                               const char *quantities)
{
  if (x_axis)
    {
      int a = eis_plot_series_axis_parse (x_axis);

      if (a < 0)
        return FALSE;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->axis_dropdown), (guint) a);
    }
  if (quantities)
    {
      g_auto (GStrv) names = g_strsplit (quantities, ",", -1);
      guint i;
      double v;

      if (g_strv_length (names) > EIS_PLOT_MAX_PANELS)
        return FALSE;
      for (i = 0; names[i]; i++)
        if (self->result && !eis_series_quantity (self->result->fit, &self->result->series, 0,
                                                  names[i], &v, NULL))
          return FALSE;
      g_ptr_array_set_size (self->trends, 0);
      for (i = 0; names[i]; i++)
        g_ptr_array_add (self->trends, g_strdup (names[i]));
      eisfit_series_page_fill_trend_checks (self);
      eisfit_series_page_update_trends_label (self);
    }
  eisfit_series_page_update_plot (self);
  return TRUE;
}
