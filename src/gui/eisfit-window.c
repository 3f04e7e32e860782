/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window of eisfit-gtk (see eisfit-window.h). It holds no analysis: importing, circuit
 * parsing and evaluation, fitting, conductivity, Lin-KK and Arrhenius all come from src/core,
 * every figure from src/plot. Fits run in a worker thread on copies of their inputs. */
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
#include "eisfit-series-page.h"
#include "fit.h"
#include "import.h"
#include "kk.h"
#include "output-file.h"
#include "plot.h"
#include "project.h"
#include "temperature.h"
#include "units.h"

#define MODEL_POINTS 240 /* points of a model curve, log-spaced over the data's range */

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
static gboolean panels_stale (EisfitWindow *self);
static void model_changed (EisfitWindow *self);
static void batch_fit_finished (EisfitWindow *self, gboolean ok);
static const char *point_note (EisfitSpectrumItem *item, size_t i);
static void update_exclusions_label (EisfitWindow *self);

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

/* ---------------------------------------------------------------- plot data */

/* A model curve of circuit C with parameters P over [fmin, fmax] (log-spaced). */
typedef struct {
  double f[MODEL_POINTS], re[MODEL_POINTS], im[MODEL_POINTS];
} ModelCurve;

static gboolean
model_curve (const EisCircuit *c, const double *p, double fmin, double fmax, ModelCurve *m)
{
  size_t i, np = eis_circuit_n_params (c);

  for (i = 0; i < np; i++)
    if (!isfinite (p[i]))
      return FALSE;
  for (i = 0; i < MODEL_POINTS; i++)
    {
      double complex z;

      m->f[i] = fmin * pow (fmax / fmin, (double) i / (MODEL_POINTS - 1));
      eis_circuit_eval (c, p, 2 * G_PI * m->f[i], &z, NULL);
      m->re[i] = creal (z);
      m->im[i] = cimag (z);
    }
  return TRUE;
}

typedef struct {
  GPtrArray *items;        /* selected (owned refs) */
  EisPlotTrace *traces;
  size_t ntraces;
  ModelCurve *curves;
  char **labels;
  size_t nlabels;
  GPtrArray *owned;        /* arrays of the split data traces (g_free) */
} Traces;

static void
traces_clear (Traces *t)
{
  size_t i;

  g_clear_pointer (&t->items, g_ptr_array_unref);
  g_clear_pointer (&t->traces, g_free);
  g_clear_pointer (&t->curves, g_free);
  if (t->labels)
    for (i = 0; i < t->nlabels; i++)
      g_free (t->labels[i]);
  g_clear_pointer (&t->labels, g_free);
  g_clear_pointer (&t->owned, g_ptr_array_unref);
}

/* Adds the data of ITEM (spectrum S) to T at *K: the points used as a trace in COLOR with
 * LABEL, and, when there are any, the points left out (hollow grey) and the outliers of the
 * latest fit (ringed). */
static void
add_data_traces (Traces *t, EisfitSpectrumItem *item, const EisSpectrum *s, char *label,
                 int color, size_t *k)
{
  EisfitExclusions *ex = eisfit_spectrum_item_get_exclusions (item);
  size_t n[3] = { 0, 0, 0 }, i, j;
  double *a[3][3];
  static const char *const labels[3] = { NULL, "left out", "outlier? (right-click it)" };
  gboolean plain = TRUE;

  for (i = 0; i < s->n; i++)
    if (!eisfit_exclusions_point_used (ex, s, i) || eisfit_spectrum_item_is_outlier (item, i))
      plain = FALSE;
  if (plain)
    {
      t->traces[(*k)++] = (EisPlotTrace){ s->n, s->freq_hz, s->z_re, s->z_im, label, 0, color,
                                          EIS_PLOT_MARKER_DATA };
      return;
    }
  if (!t->owned)
    t->owned = g_ptr_array_new_with_free_func (g_free);
  for (j = 0; j < 3; j++)
    for (i = 0; i < 3; i++)
      {
        a[j][i] = g_new (double, s->n);
        g_ptr_array_add (t->owned, a[j][i]);
      }
  for (i = 0; i < s->n; i++)
    {
      gboolean used = eisfit_exclusions_point_used (ex, s, i);

      for (j = 0; j < 3; j++)
        {
          if ((j == 0 && !used) || (j == 1 && used)
              || (j == 2 && !(used && eisfit_spectrum_item_is_outlier (item, i))))
            continue;
          a[j][0][n[j]] = s->freq_hz[i];
          a[j][1][n[j]] = s->z_re[i];
          a[j][2][n[j]] = s->z_im[i];
          n[j]++;
        }
    }
  for (j = 0; j < 3; j++)
    if (j == 0 || n[j] > 0)
      {
        gboolean first = TRUE;
        size_t m;

        for (m = 0; m < *k; m++)
          if (t->traces[m].marker == (int) j && j > 0)
            first = FALSE;
        t->traces[*k] = (EisPlotTrace){ n[j], a[j][0], a[j][1], a[j][2],
                                        j == 0 ? label : first ? (char *) labels[j] : NULL, 0,
                                        j == 0 ? color : -1, (int) j };
        (*k)++;
      }
}

/* A spectrum's legend entry: the label the user gave it, or its file name without the
 * extension, and "#N" only when the file holds several spectra ("pellet-m20C", "cycles #3"). */
char *
eisfit_window_legend_label (EisfitWindow *self, EisfitSpectrumItem *item)
{
  const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);

  if (eisfit_spectrum_item_get_label (item))
    return g_strdup (eisfit_spectrum_item_get_label (item)); /* the user's: "−20 °C" */
  g_autofree char *base = g_strdup (eisfit_spectrum_item_get_title (item));
  char *dot = strrchr (base, '.');
  guint i, n = g_list_model_get_n_items (G_LIST_MODEL (self->store)), same = 0;

  if (dot && dot != base && strlen (dot) <= 5)
    *dot = '\0';
  for (i = 0; i < n && same < 2; i++)
    {
      g_autoptr (EisfitSpectrumItem) other = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      same += g_strcmp0 (eisfit_spectrum_item_get_spectrum (other)->source, s->source) == 0;
    }
  return same > 1 ? g_strdup_printf ("%s #%d", base, s->index + 1) : g_steal_pointer (&base);
}

/* Data of every selected spectrum as markers, and the model or fit of each as a line (the
 * current spectrum's line follows the parameter table). */
static void
collect_traces (EisfitWindow *self, Traces *t)
{
  guint i;
  size_t k = 0;

  memset (t, 0, sizeof *t);
  t->items = eisfit_window_selected_items (self);
  t->traces = g_new0 (EisPlotTrace, 4 * t->items->len + 1);
  t->curves = g_new0 (ModelCurve, t->items->len + 1);
  t->nlabels = 4 * t->items->len + 2;
  t->labels = g_new0 (char *, t->nlabels);
  for (i = 0; i < t->items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (t->items, i);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      const EisCircuit *c = NULL;
      const double *p = NULL;
      g_autofree double *tp = NULL;
      int color = (int) (i % 7); /* skip yellow: too light on white */

      t->labels[k] = eisfit_window_legend_label (self, item);
      add_data_traces (t, item, s, t->labels[k], color, &k);
      if (item == self->current && self->model)
        {
          size_t n = eis_circuit_n_params (self->model);

          tp = g_new (double, n);
          eisfit_param_table_get (EISFIT_PARAM_TABLE (self->param_table), tp, NULL, NULL, NULL);
          c = self->model;
          p = tp;
        }
      else if (eisfit_spectrum_item_get_fit (item))
        {
          c = eisfit_spectrum_item_get_circuit (item);
          p = eisfit_spectrum_item_get_fit (item)->value;
        }
      if (c && eis_circuit_n_params (c) > 0
          && model_curve (c, p, s->freq_hz[0], s->freq_hz[s->n - 1], &t->curves[i]))
        {
          t->labels[k] = g_strdup_printf ("%s", eis_circuit_text (c));
          t->traces[k] = (EisPlotTrace){ MODEL_POINTS, t->curves[i].f, t->curves[i].re,
                                         t->curves[i].im,
                                         t->items->len == 1 ? t->labels[k] : NULL, 1, color,
                                         0 };
          k++;
        }
    }
  t->ntraces = k;
}

static int
draw_spectra (EisfitWindow *self, Page page, cairo_t *cr, double w, double h,
              const EisPlotView *view, EisPlotTransform *tr, EisError *err)
{
  Traces t;
  int status;

  collect_traces (self, &t);
  if (page == PAGE_NYQUIST)
    {
      /* Not zoomed: the electrolyte's arcs, when a blocking electrode's spike would squash
       * them (the figure notes the points off scale); after a reset, every point. */
      EisPlotView auto_view = *view;

      if (!view->set
          && !eisfit_plot_view_get_show_all (EISFIT_PLOT_VIEW (self->plot_views[PAGE_NYQUIST])))
        eisfit_window_arcs_view (t.items, t.traces, t.ntraces, &auto_view);
      status = eis_plot_nyquist (cr, w, h, t.traces, t.ntraces, &auto_view, tr, err);
    }
  else
    status = eis_plot_bode (cr, w, h, t.traces, t.ntraces, view, tr, err);
  traces_clear (&t);
  return status;
}

static int
draw_nyquist_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
                 EisError *err, gpointer data)
{
  return draw_spectra (data, PAGE_NYQUIST, cr, w, h, view, tr, err);
}

static int
draw_bode_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
              EisError *err, gpointer data)
{
  return draw_spectra (data, PAGE_BODE, cr, w, h, view, tr, err);
}

/* Residuals of the current spectrum against the table's model, in percent of |Z|. */
typedef struct {
  size_t n;
  double *f, *re, *im; /* the points used by the fit only */
} Residuals;

/* "Residuals of pellet-25C.csv #1 (1 of 6 selected): WHAT": the figures that show one spectrum
 * say which. */
char *
eisfit_window_current_title (EisfitWindow *self, const char *figure, const char *what)
{
  const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (self->current);
  GtkBitset *set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n = (guint) gtk_bitset_get_size (set);
  g_autofree char *of = n > 1 ? g_strdup_printf (" (first of %u selected)", n) : g_strdup ("");

  gtk_bitset_unref (set);

  return g_strdup_printf ("%s of %s #%d%s: %s", figure, eisfit_spectrum_item_get_title (self->current),
                          s->index + 1, of, what);
}

/* The points of the current spectrum that its fit uses (a new spectrum), or NULL. */
static EisSpectrum *
current_used_points (EisfitWindow *self)
{
  EisFitOptions opt;

  if (!self->current)
    return NULL;
  eis_fit_options_init (&opt);
  eisfit_exclusions_apply (eisfit_spectrum_item_get_exclusions (self->current), &opt);
  return eis_fit_used_points (eisfit_spectrum_item_get_spectrum (self->current), &opt);
}

static gboolean
current_residuals (EisfitWindow *self, Residuals *r)
{
  const EisSpectrum *s;
  g_autofree double *p = NULL, *fre = NULL, *fim = NULL;
  size_t i;

  memset (r, 0, sizeof *r);
  if (!self->current || !self->model || eis_circuit_n_params (self->model) == 0)
    return FALSE;
  p = g_new (double, eis_circuit_n_params (self->model));
  if (!eisfit_param_table_get (EISFIT_PARAM_TABLE (self->param_table), p, NULL, NULL, NULL))
    return FALSE;
  s = current_used_points (self);
  if (!s)
    return FALSE;
  fre = g_new (double, s->n);
  fim = g_new (double, s->n);
  for (i = 0; i < s->n; i++)
    {
      double complex z;

      eis_circuit_eval (self->model, p, 2 * G_PI * s->freq_hz[i], &z, NULL);
      fre[i] = creal (z);
      fim[i] = cimag (z);
    }
  r->n = s->n;
  r->f = g_memdup2 (s->freq_hz, s->n * sizeof (double));
  r->re = g_new (double, s->n);
  r->im = g_new (double, s->n);
  eis_plot_relative_residuals (s->n, s->z_re, s->z_im, fre, fim, r->re, r->im);
  eis_spectrum_free ((EisSpectrum *) s);
  return TRUE;
}

static void
residuals_clear (Residuals *r)
{
  g_clear_pointer (&r->f, g_free);
  g_clear_pointer (&r->re, g_free);
  g_clear_pointer (&r->im, g_free);
}

static int
draw_residuals_cb (cairo_t *cr, double w, double h, const EisPlotView *view,
                   EisPlotTransform *tr, EisError *err, gpointer data)
{
  EisfitWindow *self = data;
  Residuals r;
  EisPlotResiduals pr = { 0 };
  int status;

  g_autofree char *title = NULL;

  if (!current_residuals (self, &r))
    return eis_error_set (err, EIS_ERR_INVALID, "no model to compare with");
  title = eisfit_window_current_title (self, "Residuals", eis_circuit_text (self->model));
  pr = (EisPlotResiduals){ r.n, r.f, r.re, r.im, 0, title };
  status = eis_plot_residuals (cr, w, h, &pr, view, tr, err);
  residuals_clear (&r);
  return status;
}

static const EisKKResult *
current_kk (EisfitWindow *self, EisError *err)
{
  if (!self->current)
    return NULL;
  if (self->kk && self->kk_item == self->current)
    return self->kk;
  g_clear_pointer (&self->kk, eis_kk_result_free);
  self->kk_item = NULL;
  {
    /* the points the fit uses, as eisfit kk with the same --exclude options */
    EisSpectrum *used = current_used_points (self);
    int status;

    if (!used)
      {
        eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
        return NULL;
      }
    status = eis_kk_run (used, NULL, &self->kk, err);
    eis_spectrum_free (used);
    if (status != EIS_OK)
      return NULL;
  }
  self->kk_item = self->current;
  return self->kk;
}

static int
draw_kk_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
            EisError *err, gpointer data)
{
  EisfitWindow *self = data;
  const EisKKResult *kk = current_kk (self, err);
  g_autofree double *re = NULL, *im = NULL;
  EisPlotKK p;
  size_t i;

  if (!kk)
    return err->code ? err->code : eis_error_set (err, EIS_ERR_INVALID, "no spectrum");
  re = g_new (double, kk->n);
  im = g_new (double, kk->n);
  for (i = 0; i < kk->n; i++)
    {
      re[i] = 100 * kk->res_re[i];
      im[i] = 100 * kk->res_im[i];
    }
  g_autofree char *title = eisfit_window_current_title (
    self, "Lin-KK", kk->valid > 0 ? "valid" : kk->valid == 0 ? "NOT valid" : "no verdict: too few points");
  p = (EisPlotKK){ kk->n, kk->freq_hz, re, im, (int) kk->m, kk->mu, title };
  return eis_plot_kk (cr, w, h, &p, tr, err);
}

void
eisfit_window_arrhenius_clear (EisfitArrheniusData *a)
{
  g_free (a->t);
  g_free (a->sb);
  g_free (a->sb_se);
  g_free (a->st);
  g_free (a->st_se);
  g_free (a->items);
  g_free (a->why_not);
  g_free (a->used);
  g_free (a->left_out);
  g_free (a->edited);
}

void
eisfit_window_collect_arrhenius (EisfitWindow *self, EisfitArrheniusData *a)
{
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);
  g_autofree char *geom_msg = NULL;
  EisGeometry geom;
  gboolean have_geom;
  EisError err = { 0 };
  guint i, n_fitted = 0, n_temp = 0;
  g_autoptr (GString) used = g_string_new (NULL);
  g_autoptr (GString) left = g_string_new (NULL);
  g_autoptr (GPtrArray) circuits = g_ptr_array_new_with_free_func (g_free);

  memset (a, 0, sizeof *a);
  a->t = g_new (double, items->len + 1);
  a->sb = g_new (double, items->len + 1);
  a->sb_se = g_new (double, items->len + 1);
  a->st = g_new (double, items->len + 1);
  a->st_se = g_new (double, items->len + 1);
  a->items = g_new (EisfitSpectrumItem *, items->len + 1);
  have_geom = FALSE;
  for (i = 0; i < items->len && !have_geom; i++)
    have_geom = eisfit_window_item_geometry (self, g_ptr_array_index (items, i), &geom);
  if (!have_geom)
    {
      a->why_not = g_strdup ("Enter the thickness and the diameter or area (right) to get "
                             "conductivities.");
      return;
    }
  for (i = 0; i < items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      EisConductivity c;
      g_autofree char *name = g_strdup_printf ("%s #%d", eisfit_spectrum_item_get_title (item),
                                               s->index + 1);
      const char *why = NULL;

      if (!eisfit_spectrum_item_get_fit (item))
        why = "not fitted";
      else if (n_fitted++, !isfinite (s->temperature_k))
        why = "no temperature";
      else if (n_temp++, !eisfit_window_item_geometry (self, item, &geom))
        why = "no geometry";
      else if (!eisfit_spectrum_item_conductivity (item, &geom, &c, &err)
               || !isfinite (c.sigma_total) || c.sigma_total <= 0)
        why = "no conductivity from its fit";
      if (why)
        {
          g_string_append_printf (left, "%s%s (%s)", left->len ? ", " : "", name, why);
          continue;
        }
      g_string_append_printf (used, "%s%s (%.4g °C)", used->len ? ", " : "", name,
                              s->temperature_k - 273.15);
      {
        const char *ct = eis_circuit_text (eisfit_spectrum_item_get_circuit (item));
        guint k;

        for (k = 0; k < circuits->len && strcmp (g_ptr_array_index (circuits, k), ct) != 0; k++)
          ;
        if (k == circuits->len)
          g_ptr_array_add (circuits, g_strdup (ct));
      }
      if (item == self->current && panels_stale (self) && !a->edited)
        a->edited = g_strdup (name);
      a->t[a->n] = s->temperature_k;
      a->sb[a->n] = c.sigma_bulk;
      a->sb_se[a->n] = c.sigma_bulk_se;
      a->st[a->n] = c.sigma_total;
      a->st_se[a->n] = c.sigma_total_se;
      a->items[a->n] = item;
      if (isfinite (c.sigma_gb))
        a->n_gb++;
      a->n++;
    }
  a->used = g_strdup (used->str);
  a->left_out = left->len ? g_strdup (left->str) : NULL;
  a->n_circuits = circuits->len;
  if (a->n < 2)
    {
      a->why_not = g_strdup_printf (
        "Select two or more fitted spectra measured at different temperatures "
        "(selected: %u, fitted: %u, with a temperature: %u). Fit them with “Fit all”; type a "
        "missing temperature under Temperature (right).",
        items->len, n_fitted, n_temp);
      return;
    }
  a->have_total = eis_arrhenius_fit (a->t, a->st, a->st_se, a->n, EIS_ARRHENIUS_SIGMA, NAN,
                                     &a->fit_total, &err) == EIS_OK;
  a->distinct = a->n_gb > 0;
  if (a->distinct)
    a->have_bulk = eis_arrhenius_fit (a->t, a->sb, a->sb_se, a->n, EIS_ARRHENIUS_SIGMA, NAN,
                                      &a->fit_bulk, &err) == EIS_OK;
  if (!a->have_total)
    a->why_not = g_strdup (err.message);
}

static int
draw_arrhenius_cb (cairo_t *cr, double w, double h, const EisPlotView *view,
                   EisPlotTransform *tr, EisError *err, gpointer data)
{
  EisfitWindow *self = data;
  EisfitArrheniusData a;
  EisPlotArrheniusSeries series[2];
  EisPlotArrhenius p = { series, 0, 0, NULL }; /* no title: the tab (or the paper) says it */
  int status;

  eisfit_window_collect_arrhenius (self, &a);
  if (a.why_not)
    {
      status = eis_error_set (err, EIS_ERR_INVALID, "%s", a.why_not);
      eisfit_window_arrhenius_clear (&a);
      return status;
    }
  /* Colours as in eisfit arrhenius --plot: bulk 0, total 1. */
  series[0] = (EisPlotArrheniusSeries){ a.n, a.t, a.st, a.st_se, "σ total", 1,
                                        a.have_total, a.fit_total.Ea_eV, a.fit_total.Ea_se_eV,
                                        a.fit_total.ln_A, 0, 0, 0, 0 };
  p.nseries = 1;
  if (a.distinct && a.have_bulk)
    {
      series[1] = (EisPlotArrheniusSeries){ a.n, a.t, a.sb, a.sb_se, "σ bulk", 0, 1,
                                            a.fit_bulk.Ea_eV, a.fit_bulk.Ea_se_eV,
                                            a.fit_bulk.ln_A, 0, 0, 0, 0 };
      p.nseries = 2;
    }
  status = eis_plot_arrhenius (cr, w, h, &p, tr, err);
  eisfit_window_arrhenius_clear (&a);
  return status;
}

static void
update_arrhenius_label (EisfitWindow *self)
{
  EisfitArrheniusData a;
  g_autofree char *text = NULL;

  eisfit_window_collect_arrhenius (self, &a);
  if (a.why_not)
    {
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot_views[PAGE_ARRHENIUS]),
                                        a.why_not);
      gtk_label_set_text (GTK_LABEL (self->arrhenius_label), "");
    }
  else
    {
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot_views[PAGE_ARRHENIUS]),
                                        NULL);
      text = g_strdup_printf ("%zu spectra.  σ total: Ea = %.4g ± %.2g eV, σ(25 °C) = %.3e S/cm, "
                              "R² = %.4f",
                              a.n, a.fit_total.Ea_eV, a.fit_total.Ea_se_eV,
                              a.fit_total.sigma_ref, a.fit_total.r2);
      if (a.have_bulk)
        {
          g_autofree char *b = g_strdup_printf ("%s.   σ bulk: Ea = %.4g ± %.2g eV, "
                                                "σ(25 °C) = %.3e S/cm, R² = %.4f", text,
                                                a.fit_bulk.Ea_eV, a.fit_bulk.Ea_se_eV,
                                                a.fit_bulk.sigma_ref, a.fit_bulk.r2);
          g_free (text);
          text = g_steal_pointer (&b);
        }
      /* which spectra the points are, which selected ones are not and why, and what makes
       * the fit questionable */
      {
        GString *t = g_string_new (text);

        g_string_append_printf (t, "\nFrom the fits of %s.", a.used);
        if (a.left_out)
          g_string_append_printf (t, "\nSelected but left out: %s.", a.left_out);
        if (a.edited)
          g_string_append_printf (t, "\n⚠ %s was edited since its fit: its point is from the "
                                  "last fit; press Fit to use the values shown.", a.edited);
        if (a.n_circuits > 1)
          g_string_append_printf (t, "\n⚠ The spectra were fitted with %u different circuits: "
                                  "their σ may come from arcs of different models; fit them "
                                  "with one circuit.", a.n_circuits);
        g_free (text);
        text = g_string_free (t, FALSE);
      }
      gtk_label_set_text (GTK_LABEL (self->arrhenius_label), text);
    }
  eisfit_window_arrhenius_clear (&a);
}

/* ---------------------------------------------------------------- hover read-out */

static char *
format_si (double x, const char *unit)
{
  static const struct { double f; const char *p; } pre[] = {
    { 1e9, "G" }, { 1e6, "M" }, { 1e3, "k" }, { 1, "" }, { 1e-3, "m" }, { 1e-6, "µ" }, { 1e-9, "n" },
  };
  size_t i;

  for (i = 0; i < G_N_ELEMENTS (pre); i++)
    if (fabs (x) >= pre[i].f * 0.9999)
      return g_strdup_printf ("%.4g %s%s", x / pre[i].f, pre[i].p, unit);
  return g_strdup_printf ("%.4g %s", x, unit);
}

/* The selected point nearest to (PX, PY) on the panel under the pointer. */
static char *
hover_spectra_cb (const EisPlotTransform *tr, double px, double py, double *mx, double *my,
                  gpointer data)
{
  EisfitWindow *self = data;
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);
  double wx, wy, best = 25.0 * 25.0;
  int panel = eis_plot_device_to_world (tr, px, py, &wx, &wy);
  const EisSpectrum *bs = NULL;
  EisfitSpectrumItem *bitem = NULL;
  size_t bi = 0;
  guint k;

  if (panel < 0)
    return NULL;
  for (k = 0; k < items->len; k++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, k);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      size_t i;

      for (i = 0; i < s->n; i++)
        {
          double x = 0, y = 0, qx, qy, d;

          switch (tr->panel[panel].kind)
            {
            case EIS_PLOT_PANEL_NYQUIST:
              x = s->z_re[i], y = -s->z_im[i];
              break;
            case EIS_PLOT_PANEL_BODE_MOD:
              x = s->freq_hz[i], y = hypot (s->z_re[i], s->z_im[i]);
              break;
            case EIS_PLOT_PANEL_BODE_PHASE:
              x = s->freq_hz[i], y = -atan2 (s->z_im[i], s->z_re[i]) * 180 / G_PI;
              break;
            default:
              return NULL;
            }
          if (eis_plot_world_to_device (tr, (size_t) panel, x, y, &qx, &qy) != 0)
            continue;
          d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
          if (d < best)
            best = d, bs = s, bi = i, bitem = item, *mx = qx, *my = qy;
        }
    }
  if (!bs)
    return NULL;
  {
    g_autofree char *f = format_si (bs->freq_hz[bi], "Hz");
    g_autofree char *re = format_si (bs->z_re[bi], "Ω");
    g_autofree char *im = format_si (-bs->z_im[bi], "Ω");
    g_autofree char *mod = format_si (hypot (bs->z_re[bi], bs->z_im[bi]), "Ω");

    return g_strdup_printf ("%s #%d:  f = %s,  Z′ = %s,  −Z″ = %s,  |Z| = %s,  −φ = %.2f°%s",
                            eisfit_spectrum_item_get_title (bitem), bs->index + 1, f, re, im,
                            mod, -atan2 (bs->z_im[bi], bs->z_re[bi]) * 180 / G_PI,
                            point_note (bitem, bi));
  }
}

static char *
hover_residuals_cb (const EisPlotTransform *tr, double px, double py, double *mx, double *my,
                    gpointer data)
{
  EisfitWindow *self = data;
  Residuals r;
  double best = 25.0 * 25.0;
  size_t i, bi = 0;
  int found = 0, which = 0;
  char *text = NULL;

  if (eis_plot_device_to_world (tr, px, py, &(double){ 0 }, &(double){ 0 }) < 0
      || !current_residuals (self, &r))
    return NULL;
  for (i = 0; i < r.n; i++)
    {
      double v[2] = { r.re[i], r.im[i] };
      int j;

      for (j = 0; j < 2; j++)
        {
          double qx, qy, d;

          if (eis_plot_world_to_device (tr, 0, r.f[i], v[j], &qx, &qy) != 0)
            continue;
          d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
          if (d < best)
            best = d, bi = i, which = j, found = 1, *mx = qx, *my = qy;
        }
    }
  if (found)
    {
      g_autofree char *f = format_si (r.f[bi], "Hz");

      text = g_strdup_printf ("f = %s,  Δ′ = %.3f %%,  Δ″ = %.3f %%%s", f, r.re[bi], r.im[bi],
                              which ? "  (Δ″ marked)" : "  (Δ′ marked)");
    }
  residuals_clear (&r);
  return text;
}

#define HOVER_HINT "Point at the data for values; drag a rectangle to zoom, double-click to reset; " \
  "right-click a point to leave it out of the fit."

static void
plot_hover_cb (EisfitPlotView *view, const char *text, EisfitWindow *self)
{
  gtk_label_set_text (GTK_LABEL (self->hover_label), *text ? text : HOVER_HINT);
  if (*text)
    gtk_widget_remove_css_class (self->hover_label, "dim-label");
  else
    gtk_widget_add_css_class (self->hover_label, "dim-label");
}

/* ---------------------------------------------------------------- conductivity panel */

static void
grid_clear (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)))
    gtk_grid_remove (GTK_GRID (grid), child);
}

static void
grid_cell (GtkWidget *grid, int col, int row, const char *text, gboolean heading)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_selectable (GTK_LABEL (l), !heading);
  gtk_widget_add_css_class (l, heading ? "heading" : "numeric");
  if (!heading)
    {
      /* a narrow panel wraps "2.426e-05 ± 2.3e-08 S/cm (0.1 %)" rather than clipping it */
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
    }
  gtk_grid_attach (GTK_GRID (grid), l, col, row, 1, 1);
}

static char *
value_pm (double x, double se, const char *unit)
{
  if (!isfinite (x))
    return g_strdup ("—");
  gboolean sci = fabs (x) < 1e-2; /* conductivities: 2.070e-04 S/cm */

  if (isfinite (se) && se > 0)
    return sci ? g_strdup_printf ("%.3e ± %.1e %s (%.1f %%)", x, se, unit, 100 * se / fabs (x))
               : g_strdup_printf ("%.4g ± %.2g %s (%.1f %%)", x, se, unit, 100 * se / fabs (x));
  return sci ? g_strdup_printf ("%.3e %s", x, unit) : g_strdup_printf ("%.4g %s", x, unit);
}

/* A wrapped line of text across the conductivity grid at ROW (CSS_CLASS: NULL, "dim-label" for
 * a note, "warning" for a caution; notes and cautions in the smaller caption type). */
static void
sigma_note (EisfitWindow *self, const char *text, const char *css_class, int row)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 55);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  if (css_class)
    {
      gtk_widget_add_css_class (l, css_class);
      gtk_widget_add_css_class (l, "caption");
    }
  gtk_grid_attach (GTK_GRID (self->sigma_grid), l, 0, row, 2, 1);
}

static void
update_conductivity (EisfitWindow *self)
{
  g_autofree char *geom_msg = NULL;
  EisGeometry geom;
  gboolean have_geom, geom_ok;
  EisConductivity c;
  EisError err = { 0 };
  size_t i;

  grid_clear (self->sigma_grid);
  grid_clear (self->arcs_grid);
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
  if (!self->current || !eisfit_spectrum_item_get_fit (self->current))
    {
      grid_cell (self->sigma_grid, 0, 0, "Fit the spectrum to see conductivities.", FALSE);
      return;
    }
  if (!eisfit_spectrum_item_conductivity (self->current, geom_ok && have_geom ? &geom : NULL,
                                          &c, &err))
    {
      grid_cell (self->sigma_grid, 0, 0, err.message, FALSE);
      return;
    }
  {
    g_autofree char *rb = value_pm (c.R_bulk, c.R_bulk_se, "Ω");
    g_autofree char *rgb = value_pm (c.R_gb, c.R_gb_se, "Ω");
    g_autofree char *sb = value_pm (c.sigma_bulk, c.sigma_bulk_se, "S/cm");
    g_autofree char *sg = value_pm (c.sigma_gb, c.sigma_gb_se, "S/cm");
    g_autofree char *st = value_pm (c.sigma_total, c.sigma_total_se, "S/cm");
    g_autofree char *ssp = value_pm (c.sigma_gb_specific, c.sigma_gb_specific_se, "S/cm");
    int row = 0;

    if (panels_stale (self))
      sigma_note (self, "⚠ From the last fit, not from the values edited since: press Fit to "
                        "update.", "warning", row++);
    grid_cell (self->sigma_grid, 0, row, "R bulk", TRUE);
    grid_cell (self->sigma_grid, 1, row++, rb, FALSE);
    grid_cell (self->sigma_grid, 0, row, "R grain boundary", TRUE);
    grid_cell (self->sigma_grid, 1, row++, rgb, FALSE);
    if (c.have_geometry)
      {
        grid_cell (self->sigma_grid, 0, row, "σ bulk", TRUE);
        grid_cell (self->sigma_grid, 1, row++, sb, FALSE);
        grid_cell (self->sigma_grid, 0, row, "σ grain boundary", TRUE);
        grid_cell (self->sigma_grid, 1, row++, sg, FALSE);
        if (isfinite (c.sigma_gb_specific))
          {
            grid_cell (self->sigma_grid, 0, row, "σ gb, brick layer", TRUE);
            grid_cell (self->sigma_grid, 1, row++, ssp, FALSE);
          }
        grid_cell (self->sigma_grid, 0, row, "σ total", TRUE);
        grid_cell (self->sigma_grid, 1, row++, st, FALSE);
      }
    if (c.bulk_source[0])
      {
        g_autofree char *src = g_strdup_printf ("R bulk from the %s", c.bulk_source);

        sigma_note (self, src, NULL, row++);
      }
    if (c.note[0])
      sigma_note (self, c.note, "dim-label", row++);
    for (i = 0; i < c.n_cautions; i++)
      {
        g_autofree char *t = g_strdup_printf ("⚠ %s", c.cautions[i]);

        sigma_note (self, t, "warning", row++);
      }
  }
  gtk_widget_set_opacity (self->arcs_grid, panels_stale (self) ? 0.5 : 1.0);
  grid_cell (self->arcs_grid, 0, 0, "Element", TRUE);
  grid_cell (self->arcs_grid, 1, 0, "R", TRUE);
  grid_cell (self->arcs_grid, 2, 0, "C_eff", TRUE);
  grid_cell (self->arcs_grid, 3, 0, "Role", TRUE);
  for (i = 0; i < c.n_arcs; i++)
    {
      const EisArc *arc = &c.arcs[i];
      g_autofree char *r = isfinite (arc->R) ? format_si (arc->R, "Ω") : g_strdup ("—");
      g_autofree char *ce = isfinite (arc->C_eff) ? g_strdup_printf ("%.3g F", arc->C_eff)
                                                  : g_strdup ("—");
      g_autofree char *role = g_strdup (eis_role_name (arc->role));

      g_strdelimit (role, "_", ' ');
      grid_cell (self->arcs_grid, 0, (int) i + 1, arc->label, FALSE);
      grid_cell (self->arcs_grid, 1, (int) i + 1, r, FALSE);
      grid_cell (self->arcs_grid, 2, (int) i + 1, ce, FALSE);
      grid_cell (self->arcs_grid, 3, (int) i + 1, role, FALSE);
    }
}

/* ---------------------------------------------------------------- the model (table) */

static void
redraw_plots (EisfitWindow *self)
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
                                  self->current ? current_used_points (self) : NULL, name,
                                  "Open a spectrum: its distribution of relaxation times is "
                                  "shown here.");
  }
}

static void
update_fit_info (EisfitWindow *self)
{
  const EisFitResult *r = self->current ? eisfit_spectrum_item_get_fit (self->current) : NULL;
  g_autofree char *text = NULL;

  if (!r)
    {
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
                          panels_stale (self) ? "⚠ Edited since the last fit; press Fit to "
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
  if (r->status == EIS_FIT_CONVERGED && !(r->runs_z < -3) && !panels_stale (self))
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
  redraw_plots (self);
}

/* TRUE when the table was edited since the current spectrum's fit: the panels that come from
 * the fit (σ, arcs, χ², standard errors) are the last fit's, not the table's. */
static gboolean
panels_stale (EisfitWindow *self)
{
  return self->user_edited && self->current && self->current == self->table_item
         && eisfit_spectrum_item_get_fit (self->current);
}

static void
param_table_changed_cb (EisfitParamTable *table, EisfitWindow *self)
{
  gboolean was_stale = panels_stale (self);

  self->user_edited = TRUE;
  eisfit_window_undo_table_changed (self);
  eisfit_window_mark_changed (self);
  if (!was_stale && panels_stale (self))
    {
      update_fit_info (self);
      update_conductivity (self);
      update_arrhenius_label (self);
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
  update_arrhenius_label (self);
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot_views[PAGE_ARRHENIUS]));
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
}

/* A temperature typed by the user: "25" (°C), "25C", "25°C", "-20C", "298.15K"; blank gives
 * NAN and TRUE (= unknown). Units are read by the engine's file-name parser. */
static gboolean
parse_temperature (const char *text, double *T_K)
{
  g_autofree char *t = g_malloc (strlen (text) + 1);
  char *dst = t, *end;
  double x;

  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      *dst++ = *text;
  *dst = '\0';
  *T_K = NAN;
  if (!*t)
    return TRUE;
  x = g_ascii_strtod (t, &end);
  if (end != t && *end == '\0' && isfinite (x))
    {
      *T_K = x + 273.15; /* a bare number is in °C */
      return *T_K > 0;
    }
  return eis_temperature_from_name (t, T_K) == EIS_OK && *T_K > 0;
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
  if (!parse_temperature (gtk_editable_get_text (editable), &T_K))
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
  update_arrhenius_label (self);
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
  update_arrhenius_label (self);
  update_exclusions_label (self);
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

guint
eisfit_window_open_files (EisfitWindow *self, GFile **files, guint n_files)
{
  guint i, added = 0, first_new = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  GString *errors = g_string_new (NULL);

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

        if (w)
          g_string_append (errors, w);
      }
      for (k = 0; k < df->n_spectra; k++)
        {
          EisSpectrum *s = eis_spectrum_dup (df->spectra[k]);
          g_autoptr (EisfitSpectrumItem) item = NULL;
          const char *t_from;
          double t_k;

          if (!s)
            continue;
          item = eisfit_spectrum_item_new (s);
          eisfit_spectrum_item_set_geometry (item, self->default_geometry[0],
                                             self->default_geometry[1], self->default_geometry[2],
                                             self->default_geometry_note);
          /* files rarely record it: take "pellet-25C.csv" as 25 °C, by eisfit's own rule */
          t_k = eis_spectrum_temperature (s, path, &t_from, NULL);
          if (strcmp (t_from, "file name") == 0)
            eisfit_spectrum_item_set_temperature (item, t_k, "from the file name");
          g_list_store_append (self->store, item);
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
            g_ptr_array_add (self->series, df->series[k]);
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
      g_ptr_array_add (self->files, df);
      {
        g_autofree char *dir = g_path_get_dirname (path);

        eisfit_settings_set (&self->settings->last_folder, dir);
      }
    }
  if (errors->len)
    {
      g_strchomp (errors->str);
      show_error (self, errors->str);
    }
  g_string_free (errors, TRUE);
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  if (added || self->files->len)
    eisfit_window_mark_changed (self);
  if (added)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), first_new, TRUE);
  else
    update_all (self);
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

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *param)
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

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, EisfitWindow *self)
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

/* ---------------------------------------------------------------- fitting (worker thread) */

typedef struct {
  EisfitSpectrumItem *item; /* main thread only */
  EisSpectrum *spectrum;    /* copy */
  EisCircuit *circuit;      /* copy; NULL = automatic */
  EisFitOptions opt;
  double *init, *lower, *upper;
  int *fixed;
  /* results */
  int status;
  EisError err;
  EisCircuit *out_circuit;
  EisFitResult *out_fit;
  char why[2600];   /* eis_fit_auto's explanation, with every candidate (up to 2048 bytes) */
  gboolean applied;
  EisfitExclusions *excl;   /* the item's points left out, copied when the job was made */
  char *asked;              /* the circuit asked for ("" = automatic), for the project */
  size_t outliers[8];       /* eis_fit_outliers of a successful fit */
  size_t n_outliers;
} FitJob;

typedef struct {
  GPtrArray *jobs; /* FitJob * */
  guint done;
} FitBatch;

static void
fit_job_free (FitJob *job)
{
  g_clear_object (&job->item);
  eis_spectrum_free (job->spectrum);
  eis_circuit_free (job->circuit);
  eis_circuit_free (job->out_circuit);
  eis_fit_result_free (job->out_fit);
  g_free (job->init);
  g_free (job->lower);
  g_free (job->upper);
  g_free (job->fixed);
  eisfit_exclusions_free (job->excl);
  g_free (job->asked);
  g_free (job);
}

static void
fit_batch_free (FitBatch *b)
{
  g_ptr_array_unref (b->jobs);
  g_free (b);
}

static void
fit_job_run (FitJob *job)
{
  if (!job->circuit)
    job->status = eis_fit_auto (job->spectrum, &job->opt, &job->out_circuit, &job->out_fit,
                                job->why, sizeof job->why, &job->err);
  else
    {
      job->status = eis_fit_run (job->circuit, job->spectrum, &job->opt, &job->out_fit,
                                 &job->err);
      if (job->status == EIS_OK)
        {
          job->out_circuit = job->circuit;
          job->circuit = NULL;
        }
    }
  /* points to look at, named as eisfit names them (right-click leaves one out) */
  if (job->status == EIS_OK && job->out_circuit && job->out_fit)
    job->n_outliers = eis_fit_outliers (job->out_circuit, job->spectrum, &job->opt, job->out_fit,
                                        job->outliers, G_N_ELEMENTS (job->outliers));
}

typedef struct {
  EisfitWindow *window;
  GTask *task;
  guint index;
} FitProgress;

static void
apply_job (EisfitWindow *self, FitJob *job)
{
  if (job->applied)
    return;
  job->applied = TRUE;
  if (job->status != EIS_OK)
    {
      g_autofree char *msg = g_strdup_printf (
        "Fit of %s #%d failed: %s%s", eisfit_spectrum_item_get_title (job->item),
        job->spectrum->index + 1, job->err.message,
        strstr (job->err.message, "must be positive")
          ? ". To leave an element out, remove it from the circuit (e.g. R0-p(R1,CPE1) without "
            "R0); your values, Fix ticks and bounds are kept"
          : "; your values, Fix ticks and bounds are kept");
      show_error (self, msg);
      return;
    }
  /* what the fit was asked for, for the project: the circuit, and the starts, Fix ticks and
   * bounds the fit used */
  {
    size_t n = job->init ? eis_circuit_n_params (job->out_circuit) : 0;
    g_autofree const char **names = g_new0 (const char *, n + 1);

    for (size_t i = 0; i < n; i++)
      names[i] = eis_circuit_param_name (job->out_circuit, i);
    eisfit_spectrum_item_set_fit_settings (job->item, job->asked, n, names, job->init, job->fixed,
                                           job->lower, job->upper);
  }
  eisfit_spectrum_item_take_fit (job->item, g_steal_pointer (&job->out_circuit),
                                 g_steal_pointer (&job->out_fit), job->why);
  self->unsaved_fits++;
  eisfit_window_mark_changed (self);
  eisfit_spectrum_item_set_outliers (job->item, job->outliers, job->n_outliers);
}

static gboolean
fit_progress_idle_cb (gpointer data)
{
  FitProgress *p = data;
  FitBatch *b = g_task_get_task_data (p->task);
  FitJob *job = g_ptr_array_index (b->jobs, p->index);

  apply_job (p->window, job);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (p->window->progress_bar),
                                 (double) (p->index + 1) / b->jobs->len);
  if (job->item == p->window->current)
    update_all (p->window);
  g_object_unref (p->task);
  g_object_unref (p->window);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
fit_thread_cb (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FitBatch *b = task_data;
  guint i;

  for (i = 0; i < b->jobs->len; i++)
    {
      FitProgress *p;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      fit_job_run (g_ptr_array_index (b->jobs, i));
      p = g_new0 (FitProgress, 1);
      p->window = g_object_ref (source);
      p->task = g_object_ref (task);
      p->index = i;
      g_idle_add (fit_progress_idle_cb, p);
    }
  g_task_return_boolean (task, TRUE);
}

static void
fit_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  EisfitWindow *self = EISFIT_WINDOW (source);
  FitBatch *b = g_task_get_task_data (G_TASK (result));
  gboolean ok = TRUE, any = FALSE;
  guint i;

  for (i = 0; i < b->jobs->len; i++)
    {
      FitJob *job = g_ptr_array_index (b->jobs, i);

      if (job->status == EIS_OK && self->batch_done && job->out_fit
          && job->out_fit->status != EIS_FIT_CONVERGED)
        {
          /* as eisfit does: the numbers are shown, the exit status says the fit failed */
          g_printerr ("eisfit-gtk: fit %s\n", job->out_fit->message);
          self->batch_fit_failed = TRUE;
        }
      apply_job (self, job);
      if (job->status != EIS_OK)
        ok = FALSE;
      else
        any = TRUE;
    }
  if (!any)
    eisfit_window_undo_drop_last (self); /* nothing changed: no step to undo */
  self->busy = FALSE;
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->progress_bar, FALSE);
  update_all (self);
  eisfit_transference_page_fits_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  if (self->batch_done)
    batch_fit_finished (self, ok);
}

/* A starting value V moved inside the bounds [LO, HI] (NAN: none): 1 % of the range inside
 * when both are given, 1 % of the bound's size otherwise; V itself when it lies within. */
static double
clamp_start (double v, double lo, double hi)
{
  double span = isfinite (lo) && isfinite (hi) ? hi - lo : NAN;

  if (isfinite (lo) && v < lo)
    return isfinite (span) ? lo + 0.01 * span : lo + 0.01 * fabs (lo);
  if (isfinite (hi) && v > hi)
    return isfinite (span) ? hi - 0.01 * span : hi - 0.01 * fabs (hi);
  return v;
}

/* A fit job for ITEM with the circuit of the entry. WITH_TABLE: the table's values start the
 * fit (when edited), fixed flags and bounds apply; otherwise only fixed values and bounds. */
static FitJob *
make_job (EisfitWindow *self, EisfitSpectrumItem *item, gboolean with_table, gboolean automatic)
{
  FitJob *job = g_new0 (FitJob, 1);
  size_t n, i;
  gboolean any_fixed = FALSE;

  job->item = g_object_ref (item);
  job->spectrum = eis_spectrum_dup (eisfit_spectrum_item_get_spectrum (item));
  eis_fit_options_init (&job->opt);
  job->excl = eisfit_exclusions_dup (eisfit_spectrum_item_get_exclusions (item));
  eisfit_exclusions_apply (job->excl, &job->opt);
  if (automatic || self->automatic || !self->model)
    {
      job->asked = g_strdup ("");
      return job;
    }
  job->circuit = eis_circuit_dup (self->model);
  job->asked = g_strdup (eis_circuit_text (self->model));
  n = eis_circuit_n_params (self->model);
  if (n == 0)
    return job;
  job->init = g_new (double, n);
  job->lower = g_new (double, n);
  job->upper = g_new (double, n);
  job->fixed = g_new0 (int, n);
  eisfit_param_table_get (EISFIT_PARAM_TABLE (self->param_table), job->init, job->fixed,
                          job->lower, job->upper);
  for (i = 0; i < n; i++)
    any_fixed |= job->fixed[i] != 0;
  /* the engine's own starting values unless the user typed some (or holds one fixed) */
  if (!(with_table && (self->user_edited || any_fixed)))
    for (i = 0; i < n; i++)
      if (!job->fixed[i])
        job->init[i] = NAN;
  /* a start outside the bounds typed since (e.g. R1 = 368 with Max 300) starts just inside */
  for (i = 0; i < n; i++)
    if (!job->fixed[i] && isfinite (job->init[i]))
      job->init[i] = clamp_start (job->init[i], job->lower[i], job->upper[i]);
  job->opt.init = job->init;
  job->opt.fixed = job->fixed;
  job->opt.lower = job->lower;
  job->opt.upper = job->upper;
  return job;
}

/* Fits ITEMS one after another in a worker thread: with the circuit of the entry, or with the
 * automatic choice when AUTOMATIC (the Transference tab's spectra, as eisfit transference). */
static void
start_fits_full (EisfitWindow *self, GPtrArray *items, gboolean automatic)
{
  FitBatch *b;
  GTask *task;
  guint i;

  if (self->busy || items->len == 0)
    return;
  if (!automatic && !self->automatic && (!self->model || self->circuit_error))
    {
      g_autofree char *msg = g_strdup_printf (
        "The circuit does not parse (%s): correct it, or choose a preset.",
        gtk_label_get_text (GTK_LABEL (self->circuit_error_label)));

      show_error (self, msg);
      if (self->batch_done)
        batch_fit_finished (self, FALSE);
      return;
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE); /* an old failure */
  eisfit_window_undo_record_fit (self, items);
  b = g_new0 (FitBatch, 1);
  b->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_job_free);
  for (i = 0; i < items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);

      g_ptr_array_add (b->jobs, make_job (self, item, item == self->current, automatic));
    }
  self->busy = TRUE;
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  gtk_widget_set_visible (self->progress_bar, items->len > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit-all", FALSE);
  task = g_task_new (self, NULL, fit_done_cb, NULL);
  g_task_set_task_data (task, b, (GDestroyNotify) fit_batch_free);
  g_task_run_in_thread (task, fit_thread_cb);
  g_object_unref (task);
}

static void
start_fits (EisfitWindow *self, GPtrArray *items)
{
  start_fits_full (self, items, FALSE);
}

static gboolean
transference_fit_cb (GPtrArray *items, gpointer data)
{
  EisfitWindow *self = data;

  if (self->busy)
    return FALSE;
  start_fits_full (self, items, TRUE);
  return TRUE;
}

/* Fit: every selected spectrum (the first one starts from the table's values). */
static void
fit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);

  start_fits (self, items);
}

/* Fit All: every spectrum open, selected first so that the plots show them. */
static void
fit_all_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  g_autoptr (GPtrArray) items = NULL;

  if (self->busy)
    return;
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
  items = eisfit_window_selected_items (self);
  start_fits (self, items);
}

/* ---------------------------------------------------------------- points left out */

/* Where point I of S is drawn on panel PANEL of TR (Nyquist or Bode); FALSE when not there. */
static gboolean
point_device (const EisPlotTransform *tr, int panel, const EisSpectrum *s, size_t i, double *qx,
              double *qy)
{
  double x, y;

  switch (tr->panel[panel].kind)
    {
    case EIS_PLOT_PANEL_NYQUIST:
      x = s->z_re[i], y = -s->z_im[i];
      break;
    case EIS_PLOT_PANEL_BODE_MOD:
      x = s->freq_hz[i], y = hypot (s->z_re[i], s->z_im[i]);
      break;
    case EIS_PLOT_PANEL_BODE_PHASE:
      x = s->freq_hz[i], y = -atan2 (s->z_im[i], s->z_re[i]) * 180 / G_PI;
      break;
    default:
      return FALSE;
    }
  return eis_plot_world_to_device (tr, (size_t) panel, x, y, qx, qy) == 0;
}

/* The selected spectrum's data point nearest to (PX, PY), within 25 device units. */
static gboolean
nearest_point (EisfitWindow *self, const EisPlotTransform *tr, double px, double py,
               EisfitSpectrumItem **item, size_t *index)
{
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);
  double best = 25.0 * 25.0;
  int panel = tr ? eis_plot_device_to_world (tr, px, py, &(double){ 0 }, &(double){ 0 }) : -1;
  gboolean found = FALSE;
  guint k;
  size_t i;

  if (panel < 0)
    return FALSE;
  for (k = 0; k < items->len; k++)
    {
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (g_ptr_array_index (items, k));

      for (i = 0; i < s->n; i++)
        {
          double qx, qy, d;

          if (!point_device (tr, panel, s, i, &qx, &qy))
            continue;
          d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
          if (d < best)
            {
              best = d;
              *item = g_ptr_array_index (items, k);
              *index = i;
              found = TRUE;
            }
        }
    }
  return found;
}

/* What the hover read-out adds about point I of ITEM: left out, or an outlier. */
static const char *
point_note (EisfitSpectrumItem *item, size_t i)
{
  const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);

  if (!eisfit_exclusions_point_used (eisfit_spectrum_item_get_exclusions (item), s, i))
    return "  (left out of the fit: right-click to put it back)";
  if (eisfit_spectrum_item_is_outlier (item, i))
    return "  (an outlier of the fit: right-click to leave it out)";
  return "";
}

static void
update_exclusions_label (EisfitWindow *self)
{
  const EisSpectrum *s;
  const EisFitResult *r;
  g_autofree char *text = NULL, *label = NULL;
  size_t used;

  if (!self->excl_box)
    return;
  if (self->current)
    {
      s = eisfit_spectrum_item_get_spectrum (self->current);
      text = eisfit_exclusions_describe (eisfit_spectrum_item_get_exclusions (self->current), s);
    }
  gtk_widget_set_visible (self->excl_box, text != NULL);
  if (!text)
    return;
  r = eisfit_spectrum_item_get_fit (self->current);
  used = s->n - eisfit_exclusions_count (eisfit_spectrum_item_get_exclusions (self->current), s);
  label = g_strdup_printf ("Left out: %s%s", text,
                           r && r->n_points != used ? " (the fit shown used other points: "
                                                      "press Fit)" : "");
  gtk_label_set_text (GTK_LABEL (self->excl_label), label);
}

/* ITEM's points left out changed: refit it (when it was fitted) and show the change. */
static void
exclusions_changed (EisfitWindow *self, EisfitSpectrumItem *item)
{
  eisfit_window_exclusions_changed (self, item);
}

void
eisfit_window_exclusions_changed (EisfitWindow *self, EisfitSpectrumItem *item)
{
  eisfit_spectrum_item_exclusions_changed (item);
  eisfit_window_mark_changed (self);
  if (self->kk_item == item)
    {
      g_clear_pointer (&self->kk, eis_kk_result_free);
      self->kk_item = NULL;
    }
  update_exclusions_label (self);
  redraw_plots (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
  if (eisfit_spectrum_item_get_fit (item) && !self->busy && !self->batch_done)
    {
      g_autoptr (GPtrArray) items = g_ptr_array_new ();

      g_ptr_array_add (items, item);
      start_fits (self, items);
    }
}

static void
popover_closed_cb (GtkPopover *popover, gpointer data)
{
  /* unparent after the menu's action ran */
  g_idle_add_once ((GSourceOnceFunc) gtk_widget_unparent, popover);
}

static void
plot_context_menu_cb (EisfitPlotView *view, double x, double y, EisfitWindow *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) more = g_menu_new ();
  EisfitSpectrumItem *item = NULL;
  size_t i = 0;
  GtkWidget *popover;

  self->menu_view = view;
  self->menu_item = NULL;
  if (nearest_point (self, eisfit_plot_view_get_transform (view), x, y, &item, &i))
    {
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      EisfitExclusions *ex = eisfit_spectrum_item_get_exclusions (item);
      const EisFreqRange *range = eisfit_exclusions_range_at (ex, s->freq_hz[i]);
      g_autofree char *f = format_si (s->freq_hz[i], "Hz");
      g_autofree char *text = NULL;

      self->menu_item = item;
      self->menu_index = i;
      if (eisfit_exclusions_has_point (ex, i + 1))
        {
          text = g_strdup_printf ("Put it back (point %zu, %s)", i + 1, f);
          g_menu_append (menu, text, "win.put-back-point");
        }
      else if (range)
        {
          text = g_strdup_printf ("Put back %.3g to %.3g Hz", range->lo_hz, range->hi_hz);
          g_menu_append (menu, text, "win.put-back-range");
        }
      else
        {
          text = g_strdup_printf ("Leave this point out (point %zu, %s%s)", i + 1, f,
                                  eisfit_spectrum_item_is_outlier (item, i) ? ", an outlier" : "");
          g_menu_append (menu, text, "win.leave-out-point");
        }
    }
  g_menu_append (more, "Leave out a frequency range… (drag over it; or Shift+drag)",
                 "win.select-range");
  if (self->current
      && !eisfit_exclusions_is_empty (eisfit_spectrum_item_get_exclusions (self->current)))
    g_menu_append (more, "Put all points back", "win.clear-exclusions");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (view));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle){ (int) x, (int) y, 1, 1 });
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* A rectangle dragged with Shift: every selected spectrum leaves out the frequency range of its
 * points inside it (on a Bode panel, of its points between the two frequencies). */
static void
plot_select_cb (EisfitPlotView *view, double x0, double y0, double x1, double y1,
                EisfitWindow *self)
{
  const EisPlotTransform *tr = eisfit_plot_view_get_transform (view);
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);
  int panel = tr ? eis_plot_device_to_world (tr, x0, y0, &(double){ 0 }, &(double){ 0 }) : -1;
  gboolean bode, any = FALSE;
  guint k;

  if (panel < 0)
    return;
  bode = tr->panel[panel].kind != EIS_PLOT_PANEL_NYQUIST;
  for (k = 0; k < items->len; k++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, k);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      double lo = INFINITY, hi = -INFINITY, qx, qy;
      size_t i;

      for (i = 0; i < s->n; i++)
        if (point_device (tr, panel, s, i, &qx, &qy) && qx >= MIN (x0, x1) && qx <= MAX (x0, x1)
            && (bode || (qy >= MIN (y0, y1) && qy <= MAX (y0, y1))))
          {
            lo = fmin (lo, s->freq_hz[i]);
            hi = fmax (hi, s->freq_hz[i]);
          }
      if (lo <= hi)
        {
          eisfit_exclusions_add_range (eisfit_spectrum_item_get_exclusions (item), lo, hi);
          exclusions_changed (self, item);
          any = TRUE;
        }
    }
  if (!any)
    gtk_label_set_text (GTK_LABEL (self->hover_label),
                        "No data point in that rectangle: nothing was left out.");
}

static void
exclusion_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  EisfitSpectrumItem *item = self->menu_item;
  EisfitExclusions *ex;

  if (g_str_equal (action_name, "win.select-range"))
    {
      if (self->menu_view)
        eisfit_plot_view_set_select_mode (self->menu_view, TRUE);
      gtk_label_set_text (GTK_LABEL (self->hover_label),
                          "Drag over the points to leave out (their frequency range).");
      return;
    }
  if (g_str_equal (action_name, "win.clear-exclusions"))
    {
      item = self->current;
      if (item)
        {
          eisfit_exclusions_clear (eisfit_spectrum_item_get_exclusions (item));
          exclusions_changed (self, item);
        }
      return;
    }
  if (!item)
    return;
  ex = eisfit_spectrum_item_get_exclusions (item);
  if (g_str_equal (action_name, "win.leave-out-point"))
    eisfit_exclusions_set_point (ex, self->menu_index + 1, TRUE);
  else if (g_str_equal (action_name, "win.put-back-point"))
    eisfit_exclusions_set_point (ex, self->menu_index + 1, FALSE);
  else if (g_str_equal (action_name, "win.put-back-range"))
    eisfit_exclusions_remove_ranges_at (
      ex, eisfit_spectrum_item_get_spectrum (item)->freq_hz[self->menu_index]);
  self->menu_item = NULL;
  exclusions_changed (self, item);
}

static void
exclusions_clear_clicked_cb (GtkButton *button, EisfitWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-exclusions", NULL);
}

static void
install_exclusion_actions (GtkWidgetClass *widget_class)
{
  static const char *const names[] = { "win.leave-out-point", "win.put-back-point",
                                       "win.put-back-range", "win.select-range",
                                       "win.clear-exclusions" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_class_install_action (widget_class, names[i], NULL, exclusion_action);
}

/* The row under the fit's summary ("Left out: ...", a button to put them back) and the
 * Nyquist and Bode views' right-click menu and Shift+drag. */
static void
setup_exclusions (EisfitWindow *self)
{
  GtkWidget *button;
  int pages[2] = { PAGE_NYQUIST, PAGE_BODE };
  guint i;

  self->excl_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->excl_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->excl_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->excl_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->excl_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (self->excl_label), 40);
  gtk_label_set_selectable (GTK_LABEL (self->excl_label), TRUE);
  gtk_widget_set_hexpand (self->excl_label, TRUE);
  gtk_widget_add_css_class (self->excl_label, "caption");
  button = gtk_button_new_with_label ("Put all back");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, "Fit every point of this spectrum again");
  g_signal_connect (button, "clicked", G_CALLBACK (exclusions_clear_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->excl_box), self->excl_label);
  gtk_box_append (GTK_BOX (self->excl_box), button);
  gtk_widget_set_visible (self->excl_box, FALSE);
  if (GTK_IS_BOX (gtk_widget_get_parent (self->fit_info_label)))
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->fit_info_label)),
                                self->excl_box, self->fit_info_label);
  else
    {
      g_warning ("eisfit-gtk: the fit summary is not in a box; no \"Left out\" row");
      g_object_unref (g_object_ref_sink (self->excl_box));
      self->excl_box = self->excl_label = NULL;
    }
  for (i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_signal_connect (self->plot_views[pages[i]], "context-menu",
                        G_CALLBACK (plot_context_menu_cb), self);
      g_signal_connect (self->plot_views[pages[i]], "select", G_CALLBACK (plot_select_cb), self);
    }
}

gboolean
eisfit_window_exclude (EisfitWindow *self, const EisfitExclusions *ex)
{
  guint i, n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean ok = TRUE;

  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      EisfitExclusions *mine = eisfit_spectrum_item_get_exclusions (item);

      eisfit_exclusions_merge (mine, ex);
      if (eisfit_exclusions_count (mine, s) >= s->n)
        {
          g_autofree char *msg = g_strdup_printf ("%s #%d: every point would be left out; "
                                                  "none is", eisfit_spectrum_item_get_title (item),
                                                  s->index + 1);
          eisfit_exclusions_clear (mine);
          show_error (self, msg);
          ok = FALSE;
        }
      else
        {
          size_t p;

          while ((p = eisfit_exclusions_max_point (mine)) > s->n)
            {
              g_autofree char *msg = g_strdup_printf (
                "%s #%d has %zu points: no point %zu to leave out",
                eisfit_spectrum_item_get_title (item), s->index + 1, s->n, p);
              eisfit_exclusions_set_point (mine, p, FALSE);
              show_error (self, msg);
              ok = FALSE;
            }
        }
      eisfit_spectrum_item_exclusions_changed (item);
    }
  g_clear_pointer (&self->kk, eis_kk_result_free);
  self->kk_item = NULL;
  update_exclusions_label (self);
  redraw_plots (self);
  return ok;
}

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
      return draw_nyquist_cb (cr, w, h, &d->view, &tr, err, d->window);
    case PAGE_BODE:
      return draw_bode_cb (cr, w, h, &d->view, &tr, err, d->window);
    case PAGE_RESIDUALS:
      return draw_residuals_cb (cr, w, h, &d->view, &tr, err, d->window);
    case PAGE_KK:
      return draw_kk_cb (cr, w, h, &d->view, &tr, err, d->window);
    case PAGE_ARRHENIUS:
      return draw_arrhenius_cb (cr, w, h, &d->view, &tr, err, d->window);
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
static int
export_shown_figure (EisfitWindow *self, const char *path, EisError *err)
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

  if (d.page < N_PAGES)
    d.view = *eisfit_plot_view_get_view (EISFIT_PLOT_VIEW (self->plot_views[d.page]));
  return eis_plot_to_file_paper (path, paper, export_draw_fn, &d, 1, err);
}

int
eisfit_window_draw_figure (EisfitWindow *self, cairo_t *cr, double w, double h, EisError *err)
{
  ExportData d = { self, shown_figure (self), { 0 } };

  if (d.page < N_PAGES)
    d.view = *eisfit_plot_view_get_view (EISFIT_PLOT_VIEW (self->plot_views[d.page]));
  return export_draw_fn (cr, w, h, &d, err);
}

void
eisfit_window_figures_changed (EisfitWindow *self)
{
  redraw_plots (self);
  update_arrhenius_label (self);
}

void
eisfit_window_remove_items (EisfitWindow *self, GPtrArray *items)
{
  guint i, pos;

  for (i = 0; i < items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);

      if (!g_list_store_find (self->store, item, &pos))
        continue;
      /* nothing may point at it once the list lets it go */
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
      g_list_store_remove (self->store, pos);
    }
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  update_all (self);
  redraw_plots (self);
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

  eisfit_export_dialog_run (GTK_WINDOW (self), names[shown_figure (self)],
                            self->settings->last_folder, export_paper_cb, self);
}

/* A CSV field: quoted when it holds a comma, quote or newline. */
static void
csv_field (GString *s, const char *text, gboolean last)
{
  if (strpbrk (text, ",\"\n"))
    {
      g_string_append_c (s, '"');
      for (; *text; text++)
        {
          if (*text == '"')
            g_string_append_c (s, '"');
          g_string_append_c (s, *text);
        }
      g_string_append_c (s, '"');
    }
  else
    g_string_append (s, text);
  g_string_append_c (s, last ? '\n' : ',');
}

/* A number field: full precision, empty when not finite. */
static void
csv_number (GString *s, double x, gboolean last)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  csv_field (s, isfinite (x) ? g_ascii_formatd (buf, sizeof buf, "%.10g", x) : "", last);
}

/* Every fitted spectrum, one row each: file, spectrum, temperature, circuit, fit status, reduced
 * chi^2, each parameter (the union of all circuits' names) with its standard error, the
 * resistances and conductivities with the geometry behind them, each arc's element,
 * resistance, effective capacitance and role, the legend label, and the activation energies of
 * the Arrhenius view (on the rows of the spectra it fitted). */
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
  for (k = 0; k < max_arcs; k++)
    g_string_append_printf (s, ",arc%zu_element,arc%zu_R_Ohm,arc%zu_C_eff_F,arc%zu_role", k + 1,
                            k + 1, k + 1, k + 1);
  /* the legend label, and the activation energies of the Arrhenius view for its points */
  g_string_append (s, ",label,Ea_total_eV,Ea_total_stderr_eV,Ea_bulk_eV,Ea_bulk_stderr_eV\n");
  eisfit_window_collect_arrhenius (self, &arr);
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (store, i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      const EisFitResult *r = eisfit_spectrum_item_get_fit (item);
      const EisCircuit *c = eisfit_spectrum_item_get_circuit (item);
      EisGeometry geom;
      gboolean have_geom;
      EisConductivity cond;
      EisError err = { 0 };
      gboolean have_cond;

      if (!r)
        continue;
      (*n_fitted)++;
      have_geom = eisfit_window_item_geometry (self, item, &geom);
      have_cond = eisfit_spectrum_item_conductivity (item, have_geom ? &geom : NULL, &cond, &err);
      csv_field (s, sp->source ? sp->source : "", FALSE);
      g_string_append_printf (s, "%d,", sp->index + 1);
      csv_number (s, sp->temperature_k, FALSE);
      csv_field (s, eis_circuit_text (c), FALSE);
      csv_field (s, eis_fit_status_name (r->status), FALSE);
      csv_number (s, r->reduced_chi2, FALSE);
      for (j = 0; j < names->len; j++)
        {
          long idx = eis_circuit_param_index (c, names->pdata[j]);

          csv_number (s, idx >= 0 ? r->value[idx] : NAN, FALSE);
          csv_number (s, idx >= 0 ? r->stderr_[idx] : NAN, FALSE);
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
          csv_number (s, v[j], FALSE);
      }
      for (k = 0; k < max_arcs; k++)
        {
          if (have_cond && k < cond.n_arcs)
            {
              g_autofree char *role = g_strdup (eis_role_name (cond.arcs[k].role));

              g_strdelimit (role, "_", ' ');
              csv_field (s, cond.arcs[k].label, FALSE);
              csv_number (s, cond.arcs[k].R, FALSE);
              csv_number (s, cond.arcs[k].C_eff, FALSE);
              csv_field (s, role, FALSE);
            }
          else
            g_string_append (s, ",,,,");
        }
      {
        g_autofree char *label = eisfit_window_legend_label (self, item);
        gboolean in_fit = FALSE;

        for (k = 0; k < arr.n && !in_fit; k++)
          in_fit = arr.items[k] == item;
        csv_field (s, label, FALSE);
        csv_number (s, in_fit && arr.have_total ? arr.fit_total.Ea_eV : NAN, FALSE);
        csv_number (s, in_fit && arr.have_total ? arr.fit_total.Ea_se_eV : NAN, FALSE);
        csv_number (s, in_fit && arr.have_bulk ? arr.fit_bulk.Ea_eV : NAN, FALSE);
        csv_number (s, in_fit && arr.have_bulk ? arr.fit_bulk.Ea_se_eV : NAN, TRUE);
      }
    }
  eisfit_window_arrhenius_clear (&arr);
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
  return TRUE;
}

static void
export_csv_response_cb (GtkNativeDialog *dialog, int response, EisfitWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;

      if (!eisfit_window_write_results_csv (self, path, &error))
        show_error (self, error->message);
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
      show_error (self, "Nothing to export yet: fit one or more spectra first.");
      return;
    }
  dialog = gtk_file_chooser_native_new ("Export results", GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "eisfit-results.csv");
  if (self->settings->last_folder)
    {
      g_autoptr (GFile) folder = g_file_new_for_path (self->settings->last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
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

/* ---------------------------------------------------------------- batch mode */

/* Saves the window as a PNG image at PATH. Returns 1 on success, 0 when the window is not
 * laid out yet (try again after the next frame), -1 on failure. */
int
eisfit_window_save_screenshot (EisfitWindow *self, const char *path)
{
  GtkWidget *w = GTK_WIDGET (self);
  int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (w);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (!node)
    return 0; /* a size allocation is pending: nothing was drawn */
  if (!renderer)
    return -1;
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return texture && gdk_texture_save_to_png (texture, path) ? 1 : -1;
}

static void batch_after_paint_cb (GdkFrameClock *clock, EisfitWindow *self);

static gboolean
batch_finish_idle_cb (gpointer data)
{
  EisfitWindow *self = data;
  int status = 0, saved = 1;

  if (self->batch_screenshot)
    {
      saved = eisfit_window_save_screenshot (self, self->batch_screenshot);
      if (saved == 0 && self->batch_frames < 600)
        {
          /* not laid out yet: wait for the next frame */
          g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                            G_CALLBACK (batch_after_paint_cb), self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_unref (self);
          return G_SOURCE_REMOVE;
        }
    }
  if (saved != 1)
    {
      g_printerr ("eisfit-gtk: could not save the screenshot to %s\n", self->batch_screenshot);
      status = 1;
    }
  if (self->batch_export)
    {
      EisError err = { 0 };

      if (export_shown_figure (self, self->batch_export, &err) != EIS_OK)
        {
          g_printerr ("eisfit-gtk: could not export the figure: %s\n", err.message);
          status = 1;
        }
    }
  if (self->batch_print_results)
    {
      g_autofree char *json = eisfit_window_dup_results_json (self);

      fputs (json, stdout);
      fflush (stdout);
    }
  if (self->batch_print)
    {
      g_autofree char *text = eisfit_param_table_dup_text (EISFIT_PARAM_TABLE (self->param_table));
      const EisBVResult *bv = eisfit_transference_page_get_result (
        EISFIT_TRANSFERENCE_PAGE (self->transference_page));

      fputs (text, stdout);
      /* The transference number, when the page could compute it, for the test that compares
       * it with eisfit transference. */
      if (bv)
        printf ("t_plus %.10g %.10g\n", bv->t_plus, bv->t_plus_se);
      fflush (stdout);
    }
  if (status == 0 && self->batch_fit_failed)
    status = 3;
  self->batch_done (self, status, self->batch_data);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* The window has been painted since the fit: once twice (layout and plots settled), save. */
static void
batch_after_paint_cb (GdkFrameClock *clock, EisfitWindow *self)
{
  if (++self->batch_frames < 2)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, batch_after_paint_cb, self);
  g_idle_add (batch_finish_idle_cb, g_object_ref (self));
}

static void
batch_series_done_cb (EisfitSeriesPage *page, gboolean ok, gpointer data)
{
  EisfitWindow *self = data;

  if (!ok)
    {
      g_printerr ("eisfit-gtk: --series: the series could not be fitted\n");
      self->batch_fit_failed = TRUE;
    }
  batch_fit_finished (self, TRUE);
}

static void
batch_fit_finished (EisfitWindow *self, gboolean ok)
{
  if (!ok)
    {
      self->batch_done (self, 1, self->batch_data);
      return;
    }
  if (self->batch_series)
    {
      /* --series: every open spectrum as one series, then the results */
      self->batch_series = FALSE;
      eisfit_series_page_set_all (EISFIT_SERIES_PAGE (self->series_page), TRUE);
      if (eisfit_series_page_fit (EISFIT_SERIES_PAGE (self->series_page), batch_series_done_cb,
                                  self))
        return;
      g_printerr ("eisfit-gtk: --series: needs two or more spectra with the keys to order "
                  "them\n");
      self->batch_fit_failed = TRUE;
    }
  self->batch_frames = 0;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (batch_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
eisfit_window_run_batch (EisfitWindow *self, const char *screenshot, const char *export_path,
                         gboolean print_params, gboolean fit_all, EisfitWindowDoneFunc done,
                         gpointer user_data)
{
  g_autoptr (GPtrArray) items = NULL;

  g_free (self->batch_screenshot);
  self->batch_screenshot = g_strdup (screenshot);
  g_free (self->batch_export);
  self->batch_export = g_strdup (export_path);
  self->batch_print = print_params;
  self->batch_done = done;
  self->batch_data = user_data;
  if (!self->current)
    {
      g_printerr ("eisfit-gtk: no spectrum to fit\n");
      done (self, 2, user_data);   /* nothing readable: an input error, as eisfit's exit 2 */
      return;
    }
  if (self->project_path && !fit_all)
    {
      /* a project (eisfit-window-project.c) shows its saved fits as they are */
      batch_fit_finished (self, TRUE);
      return;
    }
  if (fit_all)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  items = eisfit_window_selected_items (self);
  start_fits (self, items);
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
  update_arrhenius_label (self);
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
  g_clear_object (&self->store);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
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
  g_free (self->project_path);
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
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, sigma_grid);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, arcs_grid);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, hover_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, arrhenius_label);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, circuit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, geometry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, temperature_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, param_table_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, plot_hover_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "win.fit-all", NULL, fit_all_action);
  gtk_widget_class_install_action (widget_class, "win.export-plot", NULL, export_plot_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  eisfit_window_list_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.reset-zoom", NULL, reset_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  eisfit_window_install_project_actions (widget_class);
  eisfit_window_install_undo_actions (widget_class);
  install_exclusion_actions (widget_class);
}

static void
eisfit_window_init (EisfitWindow *self)
{
  static const EisfitPlotDrawFunc draws[N_PAGES] = { draw_nyquist_cb, draw_bode_cb,
                                                     draw_residuals_cb, draw_kk_cb,
                                                     draw_arrhenius_cb };
  static const EisfitPlotHoverFunc hovers[N_PAGES] = { hover_spectra_cb, hover_spectra_cb,
                                                       hover_residuals_cb, NULL, NULL };
  GtkListItemFactory *factory;
  GtkDropTarget *drop;
  int i;

  gtk_widget_init_template (GTK_WIDGET (self));
  eisfit_window_list_init (self);
  eisfit_window_layout_init (self);
  gtk_label_set_text (GTK_LABEL (self->hover_label), HOVER_HINT);
  gtk_widget_add_css_class (self->hover_label, "dim-label");
  self->settings = eisfit_settings_load ();
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) eis_data_file_free);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) eisfit_undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) eisfit_undo_step_free);
  self->series = g_ptr_array_new ();
  self->store = g_list_store_new (EISFIT_TYPE_SPECTRUM_ITEM);
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

  for (i = 0; i < N_PAGES; i++)
    {
      eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot_views[i]), draws[i], hovers[i],
                                  self);
      eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot_views[i]),
                                     i == PAGE_NYQUIST || i == PAGE_BODE
                                       || i == PAGE_RESIDUALS);
    }

  setup_exclusions (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* last circuit and geometry */
  set_circuit_entry (self, self->settings->circuit);
  set_default_geometry (self, self->settings->thickness, self->settings->diameter,
                        self->settings->area, "from the last session");
  eisfit_transference_page_set_fit_func (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                         transference_fit_cb, self);
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  eisfit_series_page_set_data (EISFIT_SERIES_PAGE (self->series_page), G_LIST_MODEL (self->store),
                               GTK_SELECTION_MODEL (self->selection), series_geometry_cb, self);
  update_all (self);
}

EisfitWindow *
eisfit_window_new (GtkApplication *app)
{
  return g_object_new (EISFIT_TYPE_WINDOW, "application", app, NULL);
}
