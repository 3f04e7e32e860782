/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A plot tab of the main window (see eisfit-figure-page.h): what each figure draws from the
 * selected spectra, their fits and the parameter table's model, the Arrhenius summary and the
 * read-out of the point under the pointer. */
#include <config.h>

#include "eisfit-figure-page.h"
#include "eisfit-text.h"

#include <complex.h>
#include <math.h>
#include <string.h>

#include "arrhenius.h"
#include "circuit.h"
#include "conductivity.h"
#include "eisfit-arrhenius-data.h"
#include "eisfit-conductivity-panel.h"
#include "eisfit-exclude-controller.h"
#include "eisfit-plot-view.h"
#include "eisfit-paned.h"
#include "eisfit-spectrum-item.h"
#include "fit.h"
#include "kk.h"
#include "series-arrhenius.h"

struct _EisfitFigurePage {
  GtkWidget parent_instance;

  GtkWidget *plot;           /* EisfitPlotView */
  GtkWidget *summary_label;  /* the Arrhenius fits (that tab only) */
  GtkWidget *summary_scroller;
  GtkWidget *paned;

  EisfitFigureKind kind;
  EisfitDocument *document;
  GtkSelectionModel *selection;
  EisfitExcludeController *excluder; /* points left out on the figure (Nyquist, Bode) */

  EisKKResult *kk;           /* Lin-KK of KK_ITEM's points used (cache) */
  EisfitSpectrumItem *kk_item;
  guint n_draws;             /* drawings on screen (for tests) */
  char *drawn;               /* what the last drawing showed (for tests) */
};

G_DEFINE_FINAL_TYPE (EisfitFigurePage, eisfit_figure_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_KIND, N_PROPS };
enum { SIGNAL_HOVER, N_SIGNALS };

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

GType
eisfit_figure_kind_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { EISFIT_FIGURE_NYQUIST, "EISFIT_FIGURE_NYQUIST", "nyquist" },
        { EISFIT_FIGURE_BODE, "EISFIT_FIGURE_BODE", "bode" },
        { EISFIT_FIGURE_RESIDUALS, "EISFIT_FIGURE_RESIDUALS", "residuals" },
        { EISFIT_FIGURE_KK, "EISFIT_FIGURE_KK", "kk" },
        { EISFIT_FIGURE_ARRHENIUS, "EISFIT_FIGURE_ARRHENIUS", "arrhenius" },
        { 0, NULL, NULL } };

      g_once_init_leave (&type, g_enum_register_static ("EisfitFigureKind", values));
    }
  return (GType) type;
}

/* ---------------------------------------------------------------- the spectra shown */

GPtrArray *
eisfit_figure_selected_items (GtkSelectionModel *selection)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitset *set;
  GtkBitsetIter iter;
  guint pos;

  if (!selection)
    return items;
  set = gtk_selection_model_get_selection (selection);
  if (gtk_bitset_iter_init_first (&iter, set, &pos))
    do
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (selection), pos));
    while (gtk_bitset_iter_next (&iter, &pos));
  gtk_bitset_unref (set);
  return items;
}

EisfitSpectrumItem *
eisfit_figure_current_item (GtkSelectionModel *selection)
{
  GtkBitset *set;
  EisfitSpectrumItem *item = NULL;

  if (!selection)
    return NULL;
  set = gtk_selection_model_get_selection (selection);
  if (!gtk_bitset_is_empty (set))
    item = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_minimum (set));
  gtk_bitset_unref (set);
  return item;
}

void
eisfit_figure_watch (EisfitDocument *document, GtkSelectionModel *selection, GCallback shown,
                     GCallback item_changed, GCallback fits, gpointer data)
{
  g_signal_connect_swapped (selection, "selection-changed", shown, data);
  g_signal_connect_swapped (document, "spectrum-added", shown, data);
  g_signal_connect_swapped (document, "spectrum-removed", item_changed, data);
  g_signal_connect_swapped (document, "spectrum-changed", item_changed, data);
  if (!fits)
    return;
  g_signal_connect_swapped (document, "fit-changed", fits, data);
  g_signal_connect_swapped (document, "model-changed", fits, data);
  g_signal_connect_swapped (document, "series-added", fits, data);
}

void
eisfit_figure_unwatch (EisfitDocument *document, GtkSelectionModel *selection, gpointer data)
{
  if (document)
    g_signal_handlers_disconnect_by_data (document, data);
  if (selection)
    g_signal_handlers_disconnect_by_data (selection, data);
}

char *
eisfit_figure_current_name (GtkSelectionModel *selection, EisfitSpectrumItem *item)
{
  const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
  GtkBitset *set = gtk_selection_model_get_selection (selection);
  guint n = (guint) gtk_bitset_get_size (set);
  g_autofree char *of = n > 1 ? g_strdup_printf (" (first of %u selected)", n) : g_strdup ("");

  gtk_bitset_unref (set);
  return g_strdup_printf ("%s #%d%s", eisfit_spectrum_item_get_title (item), s->index + 1, of);
}

/* "Residuals of pellet-25C.csv #1 (first of 6 selected): WHAT": the figures that show one
 * spectrum say which. */
static char *
current_title (EisfitFigurePage *self, const char *figure, const char *what)
{
  g_autoptr (EisfitSpectrumItem) current = eisfit_figure_current_item (self->selection);
  g_autofree char *name = current ? eisfit_figure_current_name (self->selection, current) : NULL;

  return name ? g_strdup_printf ("%s of %s: %s", figure, name, what) : NULL;
}

static void
collect_arrhenius (EisfitFigurePage *self, EisfitArrheniusData *a)
{
  g_autoptr (GPtrArray) items = eisfit_figure_selected_items (self->selection);

  eisfit_arrhenius_data_collect (self->document, items, a);
}

/* What the figure drawn last showed (WHAT taken), for tests. */
static void
note_drawn (EisfitFigurePage *self, char *what)
{
  g_free (self->drawn);
  self->drawn = what;
}

/* ---------------------------------------------------------------- plot data */

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

/* The automatic Nyquist VIEW of the spectra ITEMS drawn as traces T: the electrolyte's arcs
 * when a blocking electrode's spike would squash them to less than half the plot (the core's
 * extents: of the fits, or guessed before them); VIEW is left alone otherwise. */
static void
arcs_view (GPtrArray *items, const EisPlotTrace *t, size_t nt, EisPlotView *view)
{
  double ext = 0, ymax = 0, xmax = 0;
  size_t k, i;
  guint j;

  /* every overlaid spectrum must fit: the largest extent among them, and none when one of
   * them has no such extent (no electrode spike) */
  for (j = 0; j < items->len && isfinite (ext); j++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, j);
      EisConductivity cond;
      EisError err = { 0 };
      double e;

      if (eisfit_spectrum_item_get_fit (item)
          && eisfit_spectrum_item_conductivity (item, NULL, &cond, &err))
        e = eis_conductivity_nyquist_extent (&cond);
      else /* not fitted yet: the engine's estimate from the spectrum itself */
        e = eis_fit_guess_nyquist_extent (eisfit_spectrum_item_get_spectrum (item));
      ext = isfinite (e) ? fmax (ext, e) : NAN;
    }
  if (!(isfinite (ext) && ext > 0))
    return;
  double xmin_data = INFINITY;
  for (k = 0; k < nt; k++)
    if (!t[k].line)
      for (i = 0; i < t[k].n; i++)
        if (isfinite (t[k].z_re[i]) && isfinite (t[k].z_im[i]))
          {
            xmax = fmax (xmax, t[k].z_re[i]);
            ymax = fmax (ymax, -t[k].z_im[i]);
            xmin_data = fmin (xmin_data, t[k].z_re[i]);
          }
  /* The view starts at the origin, so it must reach past the high-frequency intercept: a
   * fit whose series resistance is no arc (taken as the leads, or a fast electrolyte's
   * intercept) gives an extent of its small arcs alone, which would leave every point off
   * scale. */
  if (isfinite (xmin_data) && xmin_data > 0 && ext < 1.3 * xmin_data)
    ext = 1.3 * xmin_data;
  /* only when the spike would squash the arcs to less than half the plot */
  if (!(fmax (xmax, ymax) > 2 * ext))
    return;
  /* The arcs, and below them the inductive points of the top frequencies (-Z'' < 0, Z' within
   * the arcs), which are data too and justify a series L in the model: only the spike's
   * points are left off scale. */
  double ylo = 0, xlo = 0;
  for (k = 0; k < nt; k++)
    if (!t[k].line)
      for (i = 0; i < t[k].n; i++)
        if (isfinite (t[k].z_re[i]) && isfinite (t[k].z_im[i]) && t[k].z_re[i] <= ext
            && -t[k].z_im[i] <= ext)
          {
            ylo = fmin (ylo, -t[k].z_im[i]);
            xlo = fmin (xlo, t[k].z_re[i]);
          }
  double pad = 0.04 * ext;
  *view = (EisPlotView){ 1, xlo < 0 ? xlo - pad : 0, ext, ylo < 0 ? ylo - pad : 0, ext, 1 };
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

/* Data of every selected spectrum as markers, and the model or fit of each as a line (the
 * current spectrum's line follows the parameter table). */
static void
collect_traces (EisfitFigurePage *self, Traces *t)
{
  g_autoptr (EisfitSpectrumItem) current = eisfit_figure_current_item (self->selection);
  const double *values = NULL;
  const EisCircuit *model = eisfit_document_get_model (self->document, current, &values, NULL);
  guint i;
  size_t k = 0;

  memset (t, 0, sizeof *t);
  t->items = eisfit_figure_selected_items (self->selection);
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
      int color = (int) (i % 7); /* skip yellow: too light on white */

      t->labels[k] = eisfit_document_dup_legend_label (self->document, item);
      add_data_traces (t, item, s, t->labels[k], color, &k);
      if (item == current && model)
        {
          c = model; /* the current spectrum's line follows the parameter table */
          p = values;
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

/* The legend of the spectra drawn and the number of model lines, for tests. */
static void
note_drawn_traces (EisfitFigurePage *self, const Traces *t)
{
  GString *s = g_string_new ("spectra:");
  size_t k, lines = 0;

  for (k = 0; k < t->ntraces; k++)
    if (t->traces[k].line)
      lines++;
    else if (t->traces[k].marker == 0)
      g_string_append_printf (s, " %s;", t->traces[k].label ? t->traces[k].label : "");
  g_string_append_printf (s, " lines: %zu", lines);
  note_drawn (self, g_string_free (s, FALSE));
}

static int
draw_spectra_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
                 EisError *err, gpointer data)
{
  EisfitFigurePage *self = data;
  Traces t;
  int status;

  collect_traces (self, &t);
  note_drawn_traces (self, &t);
  if (self->kind == EISFIT_FIGURE_NYQUIST)
    {
      /* Not zoomed: the electrolyte's arcs, when a blocking electrode's spike would squash
       * them (the figure notes the points off scale); after a reset, every point. */
      EisPlotView auto_view = *view;

      if (!view->set && !eisfit_plot_view_get_show_all (EISFIT_PLOT_VIEW (self->plot)))
        arcs_view (t.items, t.traces, t.ntraces, &auto_view);
      status = eis_plot_nyquist (cr, w, h, t.traces, t.ntraces, &auto_view, tr, err);
    }
  else
    status = eis_plot_bode (cr, w, h, t.traces, t.ntraces, view, tr, err);
  traces_clear (&t);
  return status;
}

/* Residuals of the current spectrum against the table's model, in percent of |Z|. */
typedef struct {
  size_t n;
  double *f, *re, *im; /* the points used by the fit only */
} Residuals;

/* The residuals of the current spectrum's points used against the table's model (its
 * circuit, *MODEL, borrowed); FALSE when there is none or a value is blank. */
static gboolean
current_residuals (EisfitFigurePage *self, Residuals *r, const EisCircuit **model)
{
  g_autoptr (EisfitSpectrumItem) current = eisfit_figure_current_item (self->selection);
  const double *p = NULL;
  const EisCircuit *c = eisfit_document_get_model (self->document, current, &p, NULL);
  const EisSpectrum *s;
  g_autofree double *fre = NULL, *fim = NULL;
  size_t i;

  memset (r, 0, sizeof *r);
  if (!c || eis_circuit_n_params (c) == 0)
    return FALSE;
  for (i = 0; i < eis_circuit_n_params (c); i++)
    if (!isfinite (p[i]))
      return FALSE;
  if (model)
    *model = c;
  s = eisfit_spectrum_item_dup_used_points (current);
  if (!s)
    return FALSE;
  fre = g_new (double, s->n);
  fim = g_new (double, s->n);
  for (i = 0; i < s->n; i++)
    {
      double complex z;

      eis_circuit_eval (c, p, 2 * G_PI * s->freq_hz[i], &z, NULL);
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
  EisfitFigurePage *self = data;
  Residuals r;
  EisPlotResiduals pr = { 0 };
  const EisCircuit *model;
  int status;

  g_autofree char *title = NULL;

  if (!current_residuals (self, &r, &model))
    return eis_error_set (err, EIS_ERR_INVALID, "no model to compare with");
  title = current_title (self, "Residuals", eis_circuit_text (model));
  note_drawn (self, g_strdup_printf ("%s; %zu points", title, r.n));
  pr = (EisPlotResiduals){ r.n, r.f, r.re, r.im, 0, title };
  status = eis_plot_residuals (cr, w, h, &pr, view, tr, err);
  residuals_clear (&r);
  return status;
}

/* The Lin-KK of the current spectrum's points used (cached until they change). */
static const EisKKResult *
current_kk (EisfitFigurePage *self, EisError *err)
{
  g_autoptr (EisfitSpectrumItem) current = eisfit_figure_current_item (self->selection);

  if (!current)
    return NULL;
  if (self->kk && self->kk_item == current)
    return self->kk;
  g_clear_pointer (&self->kk, eis_kk_result_free);
  self->kk_item = NULL;
  {
    /* the points the fit uses, as eisfit kk with the same --exclude options */
    EisSpectrum *used = eisfit_spectrum_item_dup_used_points (current);
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
  self->kk_item = current; /* not a reference: dropped when it leaves the document */
  return self->kk;
}

static int
draw_kk_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
            EisError *err, gpointer data)
{
  EisfitFigurePage *self = data;
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
  g_autofree char *title = current_title (
    self, "Lin-KK", kk->noisy ? "valid, noisy (residuals like noise)" : kk->valid > 0 ? "valid" : kk->valid == 0 ? "NOT valid" : "no verdict: too few points");
  note_drawn (self, g_strdup_printf ("%s; %zu points", title, kk->n));
  p = (EisPlotKK){ kk->n, kk->freq_hz, re, im, (int) kk->m, kk->mu, title };
  return eis_plot_kk (cr, w, h, &p, tr, err);
}

static int
draw_arrhenius_cb (cairo_t *cr, double w, double h, const EisPlotView *view,
                   EisPlotTransform *tr, EisError *err, gpointer data)
{
  EisfitFigurePage *self = data;
  EisfitArrheniusData a;
  EisPlotArrheniusSeries series[2];
  EisPlotArrhenius p = { series, 0, 0, NULL }; /* no title: the tab (or the paper) says it */
  int status;

  collect_arrhenius (self, &a);
  if (a.why_not)
    {
      status = eis_error_set (err, EIS_ERR_INVALID, "%s", a.why_not);
      eisfit_arrhenius_data_clear (&a);
      return status;
    }
  /* Colours as in eisfit arrhenius --plot: bulk 0, total 1. */
  series[0] = (EisPlotArrheniusSeries){ a.n, a.t, a.st, a.st_se, "σ total", 1,
                                        a.have_total, a.fit_total.Ea_eV, a.fit_total.Ea_se_eV,
                                        a.fit_total.ln_A, 0, 0, 0, 0, NULL, 0, 0 };
  p.nseries = 1;
  if (a.distinct && a.have_bulk)
    {
      series[1] = (EisPlotArrheniusSeries){ a.n, a.t, a.sb, a.sb_se, "σ bulk", 0, 1,
                                            a.fit_bulk.Ea_eV, a.fit_bulk.Ea_se_eV,
                                            a.fit_bulk.ln_A, 0, 0, 0, 0, NULL, 0, 0 };
      p.nseries = 2;
    }
  note_drawn (self, g_strdup_printf ("%zu points", a.n));
  status = eis_plot_arrhenius (cr, w, h, &p, tr, err);
  eisfit_arrhenius_data_clear (&a);
  return status;
}

/* The Arrhenius tab's summary under the figure (or why there is none, instead of it). */
/* The checks eisfit arrhenius makes of a two-step Arrhenius plot (a straight line? sigma
 * rising with T?), on the points of A (in list order: sorted by temperature here), appended
 * to T as warnings: for sigma total (TOTAL) or bulk. */
static int
by_temperature (const void *x, const void *y, void *data)
{
  const double *t = data;
  double a = t[*(const guint *) x], b = t[*(const guint *) y];
  return (a > b) - (a < b);
}

static void
append_linearity_checks (GString *t, const EisfitArrheniusData *a, gboolean total)
{
  g_autofree guint *ix = g_new (guint, a->n + 1);
  g_autofree double *T = g_new (double, a->n + 1), *sg = g_new (double, a->n + 1),
                    *se = g_new (double, a->n + 1);
  char w[4][400];
  size_t i, k;

  for (i = 0; i < a->n; i++)
    ix[i] = (guint) i;
  g_qsort_with_data (ix, (gint) a->n, sizeof *ix, by_temperature, a->t);
  size_t m = 0;

  for (i = 0; i < a->n; i++)
    {
      /* the points of the fit: a spectrum without a bulk conductivity is only in the total */
      double v = total ? a->st[ix[i]] : a->sb[ix[i]];

      if (!(isfinite (v) && v > 0))
        continue;
      T[m] = a->t[ix[i]];
      sg[m] = v;
      se[m++] = total ? a->st_se_fit[ix[i]] : a->sb_se_fit[ix[i]];
    }
  k = eis_arrhenius_linearity_checks (total ? EIS_ARRHENIUS_OF_TOTAL : EIS_ARRHENIUS_OF_BULK, T,
                                      sg, se, m, total ? &a->fit_total : &a->fit_bulk, w);
  for (i = 0; i < k; i++)
    {
      g_autofree char *typeset = eisfit_typeset (w[i]);

      g_string_append_printf (t, "\n⚠ σ %s: %s.", total ? "total" : "bulk", typeset);
    }
}

static void
update_arrhenius_summary (EisfitFigurePage *self)
{
  EisfitArrheniusData a;
  g_autofree char *text = NULL;

  collect_arrhenius (self, &a);
  if (a.why_not)
    {
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), a.why_not);
      gtk_label_set_text (GTK_LABEL (self->summary_label), "");
    }
  else
    {
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), NULL);
      /* Ea with the digits of the legend and of eisfit arrhenius */
      int dt = eis_arrhenius_ea_decimals (a.fit_total.Ea_se_eV);
      int db = eis_arrhenius_ea_decimals (a.fit_bulk.Ea_se_eV);

      text = g_strdup_printf ("%zu spectra.  σ total: Ea = %.*f ± %.*f eV, σ(25 °C) = %.3e S/cm, "
                              "R² = %.4f",
                              a.n, dt, a.fit_total.Ea_eV, dt, a.fit_total.Ea_se_eV,
                              a.fit_total.sigma_ref, a.fit_total.r2);
      if (a.have_bulk)
        {
          g_autofree char *b = g_strdup_printf ("%s.   σ bulk: Ea = %.*f ± %.*f eV, "
                                                "σ(25 °C) = %.3e S/cm, R² = %.4f", text,
                                                db, a.fit_bulk.Ea_eV, db, a.fit_bulk.Ea_se_eV,
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
        /* a point in the total's line but not the bulk's is said, with why (a tester saw 6
         * spectra and a bulk line of 5 points, with no word) */
        if (a.have_bulk && a.total_only)
          g_string_append_printf (t, "\nσ bulk from %zu of the %zu points: %s only in σ total "
                                  "(bulk and grain boundary not separated in %s).",
                                  a.n - a.n_total_only, a.n, a.total_only,
                                  a.n_total_only > 1 ? "their fits" : "its fit");
        if (a.edited)
          g_string_append_printf (t, "\n⚠ %s was edited since its fit: its point is from the "
                                  "last fit; press Fit to use the values shown.", a.edited);
        if (a.have_bulk)
          append_linearity_checks (t, &a, FALSE);
        if (a.have_total)
          append_linearity_checks (t, &a, TRUE);
        if (a.n_circuits > 1)
          g_string_append_printf (t, "\n⚠ The spectra were fitted with %u different circuits: "
                                  "their σ may come from arcs of different models; fit them "
                                  "with one circuit.", a.n_circuits);
        /* say which fits these are: eisfit arrhenius fits the spectra as one series */
        {
          const char *source;

          eisfit_arrhenius_data_source (&a, &source);
          g_string_append_printf (t, "\n%s", source);
        }
        g_free (text);
        text = g_string_free (t, FALSE);
      }
      gtk_label_set_text (GTK_LABEL (self->summary_label), text);
    }
  /* the summary's lines' height, up to half the page */
  eisfit_paned_refit (GTK_PANED (self->paned));
  eisfit_arrhenius_data_clear (&a);
}

/* ---------------------------------------------------------------- hover read-out */

/* Where point I of S is drawn on panel PANEL of TR (Nyquist or Bode); FALSE when not there. */
gboolean
eisfit_figure_point_device (const EisPlotTransform *tr, int panel, const EisSpectrum *s,
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

gboolean
eisfit_figure_nearest_point (const EisPlotTransform *tr, GtkSelectionModel *selection,
                             double px, double py, EisfitSpectrumItem **item, size_t *index,
                             double *qx, double *qy)
{
  g_autoptr (GPtrArray) items = eisfit_figure_selected_items (selection);
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
          double x, y, d;

          if (!eisfit_figure_point_device (tr, panel, s, i, &x, &y))
            continue;
          d = (x - px) * (x - px) + (y - py) * (y - py);
          if (d < best)
            {
              /* borrowed: the list keeps the item */
              best = d, *item = g_ptr_array_index (items, k), *index = i, found = TRUE;
              if (qx)
                *qx = x, *qy = y;
            }
        }
    }
  return found;
}

/* The selected point nearest to (PX, PY) on the panel under the pointer. */
static char *
hover_spectra_cb (const EisPlotTransform *tr, double px, double py, double *mx, double *my,
                  gpointer data)
{
  EisfitFigurePage *self = data;
  const EisSpectrum *bs;
  EisfitSpectrumItem *bitem;
  size_t bi;

  if (!eisfit_figure_nearest_point (tr, self->selection, px, py, &bitem, &bi, mx, my))
    return NULL;
  bs = eisfit_spectrum_item_get_spectrum (bitem);
  {
    g_autofree char *f = eisfit_format_si (bs->freq_hz[bi], "Hz");
    g_autofree char *re = eisfit_format_si (bs->z_re[bi], "Ω");
    g_autofree char *im = eisfit_format_si (-bs->z_im[bi], "Ω");
    g_autofree char *mod = eisfit_format_si (hypot (bs->z_re[bi], bs->z_im[bi]), "Ω");

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
  EisfitFigurePage *self = data;
  Residuals r;
  double best = 25.0 * 25.0;
  size_t i, bi = 0;
  int found = 0, which = 0;
  char *text = NULL;

  if (eis_plot_device_to_world (tr, px, py, &(double){ 0 }, &(double){ 0 }) < 0
      || !current_residuals (self, &r, NULL))
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

/* ---------------------------------------------------------------- the page */

static const EisfitPlotDrawFunc draws[] = { draw_spectra_cb, draw_spectra_cb, draw_residuals_cb,
                                            draw_kk_cb, draw_arrhenius_cb };

/* The figure on screen (counted for tests). */
static int
view_draw_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
              EisError *err, gpointer data)
{
  EisfitFigurePage *self = data;

  self->n_draws++;
  return draws[self->kind] (cr, w, h, view, tr, err, self);
}

int
eisfit_figure_page_draw (EisfitFigurePage *self, cairo_t *cr, double w, double h,
                         const EisPlotView *view, EisPlotTransform *tr, EisError *err)
{
  return draws[self->kind] (cr, w, h, view, tr, err, self);
}

/* What the figure depends on changed: the text instead of it (or the Arrhenius summary), and
 * a drawing again (when shown). */
static void
update (EisfitFigurePage *self)
{
  g_autoptr (EisfitSpectrumItem) current = NULL;
  g_autofree char *no_spectra = NULL;
  GPtrArray *series;
  const char *text;
  guint n;

  if (!self->document)
    return;
  if (self->kind == EISFIT_FIGURE_ARRHENIUS)
    {
      update_arrhenius_summary (self);
      eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot));
      return;
    }
  n = eisfit_document_get_n_spectra (self->document);
  series = eisfit_document_get_series (self->document);
  current = eisfit_figure_current_item (self->selection);
  if (n == 0 && series->len > 0)
    no_spectra = g_strdup_printf ("No impedance spectrum yet: %u DC series loaded, for the "
                                  "Transference tab. Open the spectra measured before and "
                                  "after (Ctrl+O).", series->len);
  text = n == 0 ? (no_spectra ? no_spectra : "Open impedance files (Ctrl+O) or drop them here.")
         : current ? NULL : "Select a spectrum on the left.";
  if (self->kind == EISFIT_FIGURE_RESIDUALS && current)
    {
      const EisCircuit *model = eisfit_document_get_model (self->document, current, NULL, NULL);

      if (!model || eis_circuit_n_params (model) == 0)
        text = "Fit the spectrum (or type a circuit) to see residuals.";
    }
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), text);
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot));
}

/* ITEM's points changed or it left: its Lin-KK is no longer the one cached. */
static void
forget_kk (EisfitFigurePage *self, EisfitSpectrumItem *item)
{
  if (item && self->kk_item != item)
    return;
  g_clear_pointer (&self->kk, eis_kk_result_free);
  self->kk_item = NULL;
}

/* ITEM's points, label, temperature or geometry changed, or it left: its Lin-KK goes. */
static void
item_changed (EisfitFigurePage *self, EisfitSpectrumItem *item)
{
  forget_kk (self, item);
  update (self);
}

static void
plot_hover_cb (EisfitPlotView *view, const char *text, EisfitFigurePage *self)
{
  g_signal_emit (self, signals[SIGNAL_HOVER], 0, text);
}

static void
disconnect (EisfitFigurePage *self)
{
  eisfit_figure_unwatch (self->document, self->selection, self);
  g_clear_object (&self->document);
  g_clear_object (&self->selection);
  forget_kk (self, NULL);
}

void
eisfit_figure_page_set_document (EisfitFigurePage *self, EisfitDocument *document,
                                 GtkSelectionModel *selection)
{
  disconnect (self);
  self->document = g_object_ref (document);
  self->selection = g_object_ref (selection);
  /* a fit, the table's model (the current spectrum's line, its residuals, an edit since its
   * fit) or the DC series (the text when there is no spectrum) redraw too */
  eisfit_figure_watch (document, selection, G_CALLBACK (update), G_CALLBACK (item_changed),
                       G_CALLBACK (update), self);
  if (self->excluder)
    eisfit_exclude_controller_set_document (self->excluder, document, selection);
  update (self);
}

EisfitFigureKind
eisfit_figure_page_get_kind (EisfitFigurePage *self)
{
  return self->kind;
}

GtkWidget *
eisfit_figure_page_get_plot (EisfitFigurePage *self)
{
  return self->plot;
}

EisfitExcludeController *
eisfit_figure_page_get_exclude_controller (EisfitFigurePage *self)
{
  return self->excluder;
}

char *
eisfit_figure_page_dup_summary (EisfitFigurePage *self)
{
  const char *ph = eisfit_plot_view_get_placeholder (EISFIT_PLOT_VIEW (self->plot));

  return g_strdup (ph ? ph : gtk_label_get_text (GTK_LABEL (self->summary_label)));
}

char *
eisfit_figure_page_dup_title (EisfitFigurePage *self)
{
  g_autoptr (EisfitSpectrumItem) current = eisfit_figure_current_item (self->selection);
  const EisCircuit *model;

  if (!current)
    return NULL;
  if (self->kind == EISFIT_FIGURE_KK)
    return current_title (self, "Lin-KK", "");
  model = eisfit_document_get_model (self->document, current, NULL, NULL);
  if (self->kind != EISFIT_FIGURE_RESIDUALS || !model)
    return NULL;
  return current_title (self, "Residuals", eis_circuit_text (model));
}

char *
eisfit_figure_page_dup_state (EisfitFigurePage *self)
{
  const char *ph = eisfit_plot_view_get_placeholder (EISFIT_PLOT_VIEW (self->plot));

  /* the page's height, the summary's shown and the height of its lines (more: scrolled) */
  return g_strdup_printf ("draws: %u\nplot: %s\ndrawn: %s\npage: %d px\nfigure: %d px\n"
                          "summary: %d of %d px\n", self->n_draws, ph ? ph : "figure",
                          self->drawn ? self->drawn : "", gtk_widget_get_height (GTK_WIDGET (self)),
                          gtk_widget_get_height (self->plot),
                          gtk_widget_get_visible (self->summary_scroller)
                            ? gtk_widget_get_height (self->summary_scroller) : 0,
                          gtk_widget_get_visible (self->summary_scroller)
                            ? gtk_widget_get_height (self->summary_label) + 12 : 0);
}

static void
eisfit_figure_page_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  EisfitFigurePage *self = EISFIT_FIGURE_PAGE (object);

  switch (id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
eisfit_figure_page_set_property (GObject *object, guint id, const GValue *value,
                                 GParamSpec *pspec)
{
  EisfitFigurePage *self = EISFIT_FIGURE_PAGE (object);

  switch (id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

/* The kind is known: the figure's drawing, read-out and zoom, and the summary's place. */
static void
eisfit_figure_page_constructed (GObject *object)
{
  EisfitFigurePage *self = EISFIT_FIGURE_PAGE (object);
  static const EisfitPlotHoverFunc hovers[] = { hover_spectra_cb, hover_spectra_cb,
                                                hover_residuals_cb, NULL, NULL };

  G_OBJECT_CLASS (eisfit_figure_page_parent_class)->constructed (object);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), view_draw_cb, hovers[self->kind],
                              self);
  eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot),
                                 self->kind <= EISFIT_FIGURE_RESIDUALS);
  gtk_widget_set_visible (self->summary_scroller, self->kind == EISFIT_FIGURE_ARRHENIUS);
  /* the Arrhenius summary: the height of its lines, up to half the page (scrolled beyond),
   * until the handle above it is moved */
  eisfit_paned_fit_side (GTK_PANED (self->paned), self->summary_scroller, -1, 0);
  eisfit_paned_set_most_fraction (GTK_PANED (self->paned), 0.5);
  /* a right-click or a Shift+drag on a data point leaves it out */
  if (self->kind == EISFIT_FIGURE_NYQUIST || self->kind == EISFIT_FIGURE_BODE)
    self->excluder = eisfit_exclude_controller_new (EISFIT_PLOT_VIEW (self->plot));
}

static void
eisfit_figure_page_dispose (GObject *object)
{
  EisfitFigurePage *self = EISFIT_FIGURE_PAGE (object);
  GtkWidget *child;

  disconnect (self);
  g_clear_object (&self->excluder);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_FIGURE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_figure_page_parent_class)->dispose (object);
}

static void
eisfit_figure_page_finalize (GObject *object)
{
  EisfitFigurePage *self = EISFIT_FIGURE_PAGE (object);

  g_free (self->drawn);
  G_OBJECT_CLASS (eisfit_figure_page_parent_class)->finalize (object);
}

static void
eisfit_figure_page_class_init (EisfitFigurePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = eisfit_figure_page_get_property;
  object_class->set_property = eisfit_figure_page_set_property;
  object_class->constructed = eisfit_figure_page_constructed;
  object_class->dispose = eisfit_figure_page_dispose;
  object_class->finalize = eisfit_figure_page_finalize;
  props[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, EISFIT_TYPE_FIGURE_KIND,
                                        EISFIT_FIGURE_NYQUIST,
                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                          | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SIGNAL_HOVER] = g_signal_new ("hover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (EISFIT_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-figure-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitFigurePage, plot);
  gtk_widget_class_bind_template_child (widget_class, EisfitFigurePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitFigurePage, summary_scroller);
  gtk_widget_class_bind_template_child (widget_class, EisfitFigurePage, paned);
  gtk_widget_class_bind_template_callback (widget_class, plot_hover_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_figure_page_init (EisfitFigurePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
eisfit_figure_page_new (EisfitFigureKind kind)
{
  return g_object_new (EISFIT_TYPE_FIGURE_PAGE, "kind", kind, NULL);
}
