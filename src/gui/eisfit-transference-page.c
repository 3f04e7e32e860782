/* The Bruce-Vincent transference view (see eisfit-transference-page.h). */
#include "eisfit-transference-page.h"

#include <math.h>
#include <string.h>

#include "cli-util.h"
#include "eisfit-plot-view.h"
#include "eisfit-spectrum-item.h"
#include "plot.h"
#include "transference.h"

struct _EisfitTransferencePage {
  GtkWidget parent_instance;

  GtkWidget *series_dropdown;
  GtkWidget *before_dropdown;
  GtkWidget *after_dropdown;
  GtkWidget *dv_entry;
  GtkWidget *rb_entry;
  GtkWidget *r0_entry;
  GtkWidget *rss_entry;
  GtkWidget *result_label;
  GtkWidget *plot;

  /* Values filled in from the fits and their standard errors [Ohm]; an entry the user has
   * changed since carries no error. */
  double rb_fit, rb_se, r0_fit, r0_se, rss_fit, rss_se;

  GListModel *spectra;  /* of EisfitSpectrumItem */
  GPtrArray *series;    /* EisSeries *, borrowed */
  gboolean have_result;
  EisBVResult result;
  const EisSeries *result_series;
};

G_DEFINE_FINAL_TYPE (EisfitTransferencePage, eisfit_transference_page, GTK_TYPE_WIDGET)

/* An optional number typed by the user; blank gives NAN. FALSE when it does not parse. */
static gboolean
entry_number (GtkWidget *entry, double *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char *end;

  *out = NAN;
  while (g_ascii_isspace (*text))
    text++;
  if (!*text)
    return TRUE;
  *out = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0' && isfinite (*out);
}

static void
set_entry_number (GtkWidget *entry, double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_editable_set_text (GTK_EDITABLE (entry),
                         isfinite (x) ? g_ascii_formatd (buf, sizeof buf, "%.5g", x) : "");
}

static EisfitSpectrumItem *
selected_item (EisfitTransferencePage *self, GtkWidget *dropdown)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (!self->spectra || pos == GTK_INVALID_LIST_POSITION || pos == 0)
    return NULL;
  return g_list_model_get_item (self->spectra, pos - 1); /* 0 is "(none)" */
}

/* R_b and the interfacial resistance of a fitted spectrum with their standard errors, from the
 * engine (eis_conductivity_interface, as eisfit transference does); FALSE when not fitted. */
static gboolean
item_resistances (EisfitSpectrumItem *item, double *rb, double *rb_se, double *rint,
                  double *rint_se)
{
  EisConductivity c;
  EisError err = { 0 };

  if (!item || !eisfit_spectrum_item_conductivity (item, NULL, &c, &err))
    return FALSE;
  *rb = c.R_bulk;
  *rb_se = c.R_bulk_se;
  eis_conductivity_interface (&c, rint, rint_se, NULL, 0);
  return TRUE;
}

static void
fill_resistances (EisfitTransferencePage *self)
{
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  double rb, rb_se, rint, rint_se;

  if (item_resistances (before, &rb, &rb_se, &rint, &rint_se))
    {
      set_entry_number (self->rb_entry, rb);
      set_entry_number (self->r0_entry, rint);
      self->rb_fit = rb;
      self->rb_se = rb_se;
      self->r0_fit = rint;
      self->r0_se = rint_se;
    }
  if (item_resistances (after, &rb, &rb_se, &rint, &rint_se))
    {
      set_entry_number (self->rss_entry, rint);
      self->rss_fit = rint;
      self->rss_se = rint_se;
    }
}

/* When *VALUE is still the fitted one (as the entry shows it, 5 digits), the fitted value in
 * full precision and its standard error, so the page computes what eisfit transference does;
 * a value the user typed is taken as exact (error 0). */
static double
use_fitted (double *value, double fitted, double se)
{
  if (isfinite (*value) && isfinite (fitted) && fabs (*value - fitted) <= 1e-4 * fabs (fitted))
    {
      *value = fitted;
      return isfinite (se) ? se : 0.0;
    }
  return 0.0;
}

static void
spectrum_selected_cb (GObject *dropdown, GParamSpec *pspec, EisfitTransferencePage *self)
{
  fill_resistances (self);
}

static int
draw_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
         EisError *err, gpointer data)
{
  EisfitTransferencePage *self = data;
  const EisSeries *s = self->result_series;
  const EisBVResult *r = &self->result;
  EisPlotTransference d = { 0 };
  g_autofree char *title = NULL;

  d.n = s->n;
  d.time_s = s->time_s;
  d.current_a = s->current_a;
  d.i0_a = r->I0_A;
  d.i0_calc_a = r->I0_calc_A;
  d.iss_a = r->Iss_A;
  d.iss_from_s = r->plateau_start_s;
  d.dv_v = r->dV_V;
  d.t_plus = r->t_plus;
  d.t_plus_err = r->t_plus_se;
  title = g_path_get_basename (s->source ? s->source : "DC polarization");
  d.title = title;
  /* the spectra before and after, with their fits, beside the current (as eisfit draws it) */
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  const EisSpectrum *sp[2] = {
    before ? eisfit_spectrum_item_get_spectrum (before) : NULL,
    after ? eisfit_spectrum_item_get_spectrum (after) : NULL };
  const EisFitResult *fr[2] = {
    before ? eisfit_spectrum_item_get_fit (before) : NULL,
    after ? eisfit_spectrum_item_get_fit (after) : NULL };
  EisPlotTrace tt[4];
  size_t nt = cli_before_after_traces (sp, fr, tt);
  d.traces = nt ? tt : NULL;
  d.ntraces = nt;
  return eis_plot_transference (cr, w, h, &d, tr, err);
}

static char *
hover_cb (const EisPlotTransform *tr, double px, double py, double *mx, double *my,
          gpointer data)
{
  EisfitTransferencePage *self = data;
  const EisSeries *s = self->result_series;
  double best = G_MAXDOUBLE, x, y;
  size_t i, ibest = 0;

  if (!s || eis_plot_device_to_world (tr, px, py, &x, &y) < 0)
    return NULL;
  for (i = 0; i < s->n; i++)
    {
      double qx, qy, d;

      if (eis_plot_world_to_device (tr, 0, s->time_s[i], s->current_a[i], &qx, &qy) != 0)
        continue;
      d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
      if (d < best)
        best = d, ibest = i, *mx = qx, *my = qy;
    }
  if (best > 30 * 30)
    return NULL;
  return g_strdup_printf ("t = %.5g s,  I = %.5g A", s->time_s[ibest], s->current_a[ibest]);
}

/* The selected DC series on its own, before Compute: the current against time, nothing marked
 * (the plot leaves out what is NAN). */
static void
show_series (EisfitTransferencePage *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->series_dropdown));
  if (self->have_result || !self->series || pos == GTK_INVALID_LIST_POSITION
      || pos >= self->series->len)
    return;
  self->result_series = g_ptr_array_index (self->series, pos);
  EisBVResult *r = &self->result;
  r->I0_A = r->I0_calc_A = r->Iss_A = r->plateau_start_s = r->dV_V = NAN;
  r->t_plus = r->t_plus_se = NAN;
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), NULL);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), draw_cb, hover_cb, self);
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot));
}


static void
compute_clicked_cb (GtkButton *button, EisfitTransferencePage *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->series_dropdown));
  EisBVInput in;
  EisError err = { 0 };
  const EisSeries *s;
  GString *text;
  size_t i;

  self->have_result = FALSE;
  if (!self->series || pos == GTK_INVALID_LIST_POSITION || pos >= self->series->len)
    {
      gtk_label_set_text (GTK_LABEL (self->result_label),
                          "Open a file with a DC polarization (chronoamperometry) first.");
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot),
                                        "No DC polarization series loaded.");
      return;
    }
  s = g_ptr_array_index (self->series, pos);
  eis_bv_input_init (&in);
  if (!entry_number (self->dv_entry, &in.dV_V) || !entry_number (self->rb_entry, &in.Rb_ohm)
      || !entry_number (self->r0_entry, &in.R0_ohm)
      || !entry_number (self->rss_entry, &in.Rss_ohm))
    {
      gtk_label_set_text (GTK_LABEL (self->result_label),
                          "ΔV and the resistances must be numbers (V and Ω), or blank.");
      return;
    }
  if (isfinite (in.dV_V))
    in.dV_V *= 1e-3; /* the entry is in mV */
  in.Rb_se_ohm = use_fitted (&in.Rb_ohm, self->rb_fit, self->rb_se);
  in.R0_se_ohm = use_fitted (&in.R0_ohm, self->r0_fit, self->r0_se);
  in.Rss_se_ohm = use_fitted (&in.Rss_ohm, self->rss_fit, self->rss_se);
  if (eis_bv_run (s, &in, &self->result, &err) != EIS_OK)
    {
      gtk_label_set_text (GTK_LABEL (self->result_label), err.message);
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), err.message);
      return;
    }
  self->have_result = TRUE;
  self->result_series = s;
  text = g_string_new (NULL);
  char v1[64], v2[64];
  g_string_append_printf (text, "<b>t₊ = %s</b>   (Iss/I0 = %.3g",
                          eis_bv_format (v1, sizeof v1, self->result.t_plus,
                                         self->result.t_plus_se, 3, "±"),
                          self->result.ratio);
  if (isfinite (self->result.t_plus_calc))
    g_string_append_printf (text, ";  with calculated I0: %s",
                            eis_bv_format (v2, sizeof v2, self->result.t_plus_calc,
                                           self->result.t_plus_calc_se, 3, "±"));
  g_string_append_printf (text, ")\nΔV = %.4g mV,  I0 = %.4g A (%s),  Iss = %.4g A",
                          self->result.dV_V * 1e3, self->result.I0_A,
                          eis_bv_i0_method_name (self->result.i0_method), self->result.Iss_A);
  for (i = 0; i < self->result.n_messages; i++)
    {
      g_autofree char *esc = g_markup_escape_text (self->result.messages[i], -1);

      g_string_append_printf (text, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
    }
  gtk_label_set_markup (GTK_LABEL (self->result_label), text->str);
  g_string_free (text, TRUE);
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), NULL);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), draw_cb, hover_cb, self);
}

static void
eisfit_transference_page_dispose (GObject *object)
{
  EisfitTransferencePage *self = EISFIT_TRANSFERENCE_PAGE (object);

  g_clear_object (&self->spectra);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_TRANSFERENCE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_transference_page_parent_class)->dispose (object);
}

static void
eisfit_transference_page_class_init (EisfitTransferencePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_transference_page_dispose;
  g_type_ensure (EISFIT_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/example/eisfit/eisfit-transference-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, before_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, after_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, dv_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, rb_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, r0_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, rss_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, result_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, plot);
  gtk_widget_class_bind_template_callback (widget_class, compute_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, spectrum_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_transference_page_init (EisfitTransferencePage *self)
{
  self->rb_fit = self->r0_fit = self->rss_fit = NAN;
  self->rb_se = self->r0_se = self->rss_se = NAN;
  gtk_widget_init_template (GTK_WIDGET (self));
  eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot), FALSE);
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot),
                                    "Open a DC polarization file (current against time) and the "
                                    "spectra measured before and after it, fit the spectra, "
                                    "then press Compute.");
}

GtkWidget *
eisfit_transference_page_new (void)
{
  return g_object_new (EISFIT_TYPE_TRANSFERENCE_PAGE, NULL);
}

static GtkStringList *
spectrum_names (GListModel *spectra)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint i, n = spectra ? g_list_model_get_n_items (spectra) : 0;

  gtk_string_list_append (list, "(none)");
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (spectra, i);
      g_autofree char *name = g_strdup_printf ("%s #%d", eisfit_spectrum_item_get_title (item),
                                               eisfit_spectrum_item_get_spectrum (item)->index + 1);

      gtk_string_list_append (list, name);
    }
  return list;
}

/* Position (1-based, 0 = none) of the first spectrum whose file name holds one of WORDS. */
static guint
position_by_name (GListModel *spectra, const char *const *words, guint skip)
{
  guint n = spectra ? g_list_model_get_n_items (spectra) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (spectra, i);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      g_autofree char *base = g_path_get_basename (s->source ? s->source : "");
      g_autofree char *lower = g_ascii_strdown (base, -1);
      for (const char *const *w = words; *w; w++)
        if (i + 1 != skip && strstr (lower, *w))
          return i + 1;
    }
  return 0;
}

void
eisfit_transference_page_set_data (EisfitTransferencePage *self, GListModel *spectra,
                                   GPtrArray *series)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) before = NULL, after = NULL;
  guint i;

  g_set_object (&self->spectra, spectra);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series ? g_ptr_array_ref (series) : NULL;
  for (i = 0; series && i < series->len; i++)
    {
      const EisSeries *s = g_ptr_array_index (series, i);
      g_autofree char *base = g_path_get_basename (s->source ? s->source : "?");
      g_autofree char *name = g_strdup_printf ("%s #%d (%zu points)", base, s->index + 1, s->n);

      gtk_string_list_append (names, name);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->series_dropdown), G_LIST_MODEL (names));
  show_series (self);
  before = spectrum_names (spectra);
  after = spectrum_names (spectra);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->before_dropdown), G_LIST_MODEL (before));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->after_dropdown), G_LIST_MODEL (after));
  if (spectra && g_list_model_get_n_items (spectra) >= 2)
    {
      /* Files named for their role ("..._before", "post-polarization") go where they belong;
       * otherwise the first and the last in the list. */
      static const char *const before_words[] = { "before", "pre-", "pre_", "initial", NULL };
      static const char *const after_words[] = { "after", "post", "final", "steady", NULL };
      guint n = g_list_model_get_n_items (spectra);
      guint b = position_by_name (spectra, before_words, 0);
      guint a = position_by_name (spectra, after_words, b);
      if (b == 0)
        b = a == 1 ? n : 1;
      if (a == 0 || a == b)
        a = b == n ? 1 : n;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->before_dropdown), b);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->after_dropdown), a);
    }
}

void
eisfit_transference_page_fits_changed (EisfitTransferencePage *self)
{
  double r0;

  fill_resistances (self);
  /* with a series and both interfacial resistances there is nothing left to ask */
  if (self->series && self->series->len > 0 && entry_number (self->r0_entry, &r0)
      && isfinite (r0) && entry_number (self->rss_entry, &r0) && isfinite (r0))
    compute_clicked_cb (NULL, self);
}

gboolean
eisfit_transference_page_has_figure (EisfitTransferencePage *self)
{
  return self->have_result;
}

GtkWidget *
eisfit_transference_page_get_plot (EisfitTransferencePage *self)
{
  return self->plot;
}

int
eisfit_transference_page_draw (EisfitTransferencePage *self, cairo_t *cr, double w, double h,
                               EisError *err)
{
  EisPlotTransform tr;

  if (!self->have_result)
    return eis_error_set (err, EIS_ERR_INVALID, "no transference number yet: open a DC "
                          "polarization with the spectra before and after it, then Compute");
  return draw_cb (cr, w, h, NULL, &tr, err, self);
}

const EisBVResult *
eisfit_transference_page_get_result (EisfitTransferencePage *self)
{
  return self->have_result ? &self->result : NULL;
}
