/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figures of the main window's plot tabs (Nyquist, Bode, Residuals, Lin-KK, Arrhenius):
 * what each draws from the selected spectra and their fits, the Arrhenius data and its
 * summary, and the read-out of the point under the pointer. Moved out of eisfit-window.c. */
#include <config.h>

#include "eisfit-window-private.h"

#include <complex.h>
#include <math.h>
#include <string.h>

#include "arrhenius.h"
#include "circuit.h"
#include "conductivity.h"
#include "eisfit-conductivity-panel.h"
#include "eisfit-param-table.h"
#include "eisfit-plot-view.h"
#include "eisfit-spectrum-item.h"
#include "fit.h"
#include "kk.h"
#include "plot.h"

#define MODEL_POINTS 240 /* points of a model curve, log-spaced over the data's range */

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
      if (item == self->current && eisfit_fit_panel_get_model (PANEL (self)))
        {
          size_t n = eis_circuit_n_params (eisfit_fit_panel_get_model (PANEL (self)));

          tp = g_new (double, n);
          eisfit_param_table_get (eisfit_fit_panel_get_param_table (PANEL (self)), tp, NULL, NULL, NULL);
          c = eisfit_fit_panel_get_model (PANEL (self));
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
EisSpectrum *
eisfit_window_current_used_points (EisfitWindow *self)
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
  if (!self->current || !eisfit_fit_panel_get_model (PANEL (self)) || eis_circuit_n_params (eisfit_fit_panel_get_model (PANEL (self))) == 0)
    return FALSE;
  p = g_new (double, eis_circuit_n_params (eisfit_fit_panel_get_model (PANEL (self))));
  if (!eisfit_param_table_get (eisfit_fit_panel_get_param_table (PANEL (self)), p, NULL, NULL, NULL))
    return FALSE;
  s = eisfit_window_current_used_points (self);
  if (!s)
    return FALSE;
  fre = g_new (double, s->n);
  fim = g_new (double, s->n);
  for (i = 0; i < s->n; i++)
    {
      double complex z;

      eis_circuit_eval (eisfit_fit_panel_get_model (PANEL (self)), p, 2 * G_PI * s->freq_hz[i], &z, NULL);
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
  title = eisfit_window_current_title (self, "Residuals", eis_circuit_text (eisfit_fit_panel_get_model (PANEL (self))));
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
    EisSpectrum *used = eisfit_window_current_used_points (self);
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
      if (item == self->current && eisfit_window_panels_stale (self) && !a->edited)
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

void
eisfit_window_update_arrhenius_label (EisfitWindow *self)
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

/* Where point I of S is drawn on panel PANEL of TR (Nyquist or Bode); FALSE when not there. */
gboolean
eisfit_window_point_device (const EisPlotTransform *tr, int panel, const EisSpectrum *s,
                            size_t i, double *qx, double *qy)
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
          double qx, qy, d;

          if (!eisfit_window_point_device (tr, panel, s, i, &qx, &qy))
            continue;
          d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
          if (d < best)
            best = d, bs = s, bi = i, bitem = item, *mx = qx, *my = qy;
        }
    }
  if (!bs)
    return NULL;
  {
    g_autofree char *f = eisfit_format_si (bs->freq_hz[bi], "Hz");
    g_autofree char *re = eisfit_format_si (bs->z_re[bi], "Ω");
    g_autofree char *im = eisfit_format_si (-bs->z_im[bi], "Ω");
    g_autofree char *mod = eisfit_format_si (hypot (bs->z_re[bi], bs->z_im[bi]), "Ω");

    return g_strdup_printf ("%s #%d:  f = %s,  Z′ = %s,  −Z″ = %s,  |Z| = %s,  −φ = %.2f°%s",
                            eisfit_spectrum_item_get_title (bitem), bs->index + 1, f, re, im,
                            mod, -atan2 (bs->z_im[bi], bs->z_re[bi]) * 180 / G_PI,
                            eisfit_window_point_note (bitem, bi));
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
      g_autofree char *f = eisfit_format_si (r.f[bi], "Hz");

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

/* ---------------------------------------------------------------- setup */

int
eisfit_window_draw_plot (EisfitWindow *self, int page, cairo_t *cr, double w, double h,
                         const EisPlotView *view, EisPlotTransform *tr, EisError *err)
{
  static const EisfitPlotDrawFunc draws[N_PAGES] = { draw_nyquist_cb, draw_bode_cb,
                                                     draw_residuals_cb, draw_kk_cb,
                                                     draw_arrhenius_cb };

  return draws[page] (cr, w, h, view, tr, err, self);
}

void
eisfit_window_figures_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, plot_hover_cb);
}

void
eisfit_window_figures_init (EisfitWindow *self)
{
  static const EisfitPlotDrawFunc draws[N_PAGES] = { draw_nyquist_cb, draw_bode_cb,
                                                     draw_residuals_cb, draw_kk_cb,
                                                     draw_arrhenius_cb };
  static const EisfitPlotHoverFunc hovers[N_PAGES] = { hover_spectra_cb, hover_spectra_cb,
                                                       hover_residuals_cb, NULL, NULL };
  int i;

  gtk_label_set_text (GTK_LABEL (self->hover_label), HOVER_HINT);
  gtk_widget_add_css_class (self->hover_label, "dim-label");
  for (i = 0; i < N_PAGES; i++)
    {
      eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot_views[i]), draws[i], hovers[i],
                                  self);
      eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot_views[i]),
                                     i == PAGE_NYQUIST || i == PAGE_BODE
                                       || i == PAGE_RESIDUALS);
    }
}
