/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The distribution-of-relaxation-times view (see eisfit-drt-page.h). */
#include "eisfit-drt-page.h"
#include "eisfit-text.h"

#include <math.h>
#include <string.h>

#include "eisfit-figure-page.h"
#include "eisfit-paned.h"
#include "eisfit-plot-view.h"
#include "plot.h"

struct _EisfitDrtPage {
  GtkWidget parent_instance;

  GtkWidget *plot;
  GtkWidget *summary_label;
  GtkWidget *summary_scroller;
  GtkWidget *paned;
  int summary_width;      /* the page's size the scroller's height was last fitted to */
  int summary_height;

  EisSpectrum *used;      /* the points to show (owned), NULL: none */
  char *name;             /* "pellet-25C.csv #1" */
  gboolean dirty;         /* the DRT of USED is not started yet */
  EisDrtResult *drt;      /* of USED, NULL when not computed (yet) or failed */
  char error[512];        /* why there is no DRT (when computed and failed) */
  guint n_computed;       /* DRTs started so far (tests check that a redraw reuses one) */
  guint summary_idle;     /* the report's room is fitted after a drawing at a new size */
  /* The DRT is computed in a thread (it takes from milliseconds to seconds: 2,000 points
   * with lambda by GCV), one at a time; GENERATION counts the points set, and a result of
   * older points than the last is dropped. Drawing never computes. */
  guint generation;
  gboolean running;       /* a thread is computing (possibly for older points) */
  guint running_generation; /* the points it computes */
  GCancellable *cancellable; /* of that thread: cancelled when its points are replaced */
  gint64 started_us;      /* when the DRT of the last points started (monotonic) */
  double last_ms;         /* how long the last DRT shown took, from start to result [ms] */
  GdkFrameClock *clock;   /* the window's, watched while a DRT computes (referenced) */
  guint frames;           /* frames the window painted while the last DRT computed */
  gboolean disposed;
  EisfitDocument *document;     /* with SELECTION: what to show (NULL: set_spectrum's) */
  GtkSelectionModel *selection;
};

G_DEFINE_FINAL_TYPE (EisfitDrtPage, eisfit_drt_page, GTK_TYPE_WIDGET)

/* TRUE when A and B hold the same points (frequencies and impedances). */
static gboolean
same_points (const EisSpectrum *a, const EisSpectrum *b)
{
  if (!a || !b || a->n != b->n)
    return FALSE;
  return memcmp (a->freq_hz, b->freq_hz, a->n * sizeof *a->freq_hz) == 0
         && memcmp (a->z_re, b->z_re, a->n * sizeof *a->z_re) == 0
         && memcmp (a->z_im, b->z_im, a->n * sizeof *a->z_im) == 0;
}

/* The report under the figure takes its lines' height up to a fifth of the page (at least
 * four lines), beyond which it scrolls: gamma(tau), the page's main plot, keeps the rest
 * (at 1024 x 700 more than 45 % of the page). The handle above it gives it more, and then
 * keeps the height dragged to (GtkPaned). Set again when the page's size changes. */
static void
fit_summary (EisfitDrtPage *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (self->summary_label, "Xg");
  int line = 0;

  self->summary_width = w;
  self->summary_height = h;
  if (w <= 24 || h <= 0)
    return;
  pango_layout_get_pixel_size (layout, NULL, &line);
  /* a report cleared for the next spectrum's keeps its room until that one is written */
  if (!*gtk_label_get_text (GTK_LABEL (self->summary_label)))
    return;
  eisfit_paned_set_most (GTK_PANED (self->paned), MAX (h / 5, 4 * line + 12));
  eisfit_paned_refit (GTK_PANED (self->paned));
}

/* The report under the figure, as eisfit drt prints it. */
static void
update_summary (EisfitDrtPage *self)
{
  const EisDrtResult *d = self->drt;
  GString *t;

  if (!d)
    {
      /* why there is no DRT (too many points, too few, ...), under the figure too */
      g_autofree char *typeset = eisfit_typeset (self->error);
      g_autofree char *why = self->error[0] ? g_strdup_printf ("⚠ %s", typeset) : NULL;
      gtk_label_set_text (GTK_LABEL (self->summary_label), why ? why : "");
      fit_summary (self);
      return;
    }
  t = g_string_new (NULL);
  g_string_append_printf (t, "%s: %zu points, %.4g Hz to %.4g Hz; λ = %.3g (%s%s); R∞ = %.5g Ω; ",
                          self->name ? self->name : "", d->n, d->freq_hz[0],
                          d->freq_hz[d->n - 1], d->lambda,
                          eis_drt_lambda_method_name (d->lambda_method),
                          d->gcv_failed ? "; GCV had no minimum" : "", d->r_inf_ohm);
  if (d->with_inductance)
    g_string_append_printf (t, "L = %.4g H; ", d->l_h);
  else
    g_string_append (t, "L not in the model (ωL at the highest frequency within the noise); ");
  if (d->r_tail_ohm > 0)
    g_string_append_printf (t, "R_pol = %.5g Ω, of which %.5g Ω is what is left of the tail beyond "
                            "the lowest frequency (R∞ + R_pol without it = %.5g Ω); RMS residual "
                            "%.3f %% of |Z|", d->r_pol_ohm, d->r_tail_ohm,
                            d->r_inf_ohm + d->r_pol_ohm - d->r_tail_ohm, 100 * d->rms_res);
  else
    g_string_append_printf (t, "R_pol = %.5g Ω (R∞ + R_pol = %.5g Ω); RMS residual %.3f %% of "
                            "|Z|", d->r_pol_ohm, d->r_inf_ohm + d->r_pol_ohm, 100 * d->rms_res);
  if (d->n_peaks == 0)
    g_string_append (t, "\nNo peak.");
  for (size_t k = 0; k < d->n_peaks; k++)
    {
      const EisDrtPeak *p = &d->peaks[k];

      g_string_append_printf (t, "\nPeak %zu: τ = %.4g s (f = %.4g Hz), R = %.5g Ω%s", k + 1,
                              p->tau_s, p->f_hz, p->r_ohm,
                              p->beyond_data ? "  (beyond the data: an extrapolation)" : "");
    }
  if (d->warning[0])
    {
      g_autofree char *typeset = eisfit_typeset (d->warning);

      g_string_append_printf (t, "\n⚠ %s", typeset);
    }
  gtk_label_set_text (GTK_LABEL (self->summary_label), t->str);
  g_string_free (t, TRUE);
  fit_summary (self);
}

static gboolean
summary_idle_cb (gpointer data)
{
  EisfitDrtPage *self = data;

  self->summary_idle = 0;
  fit_summary (self);
  return G_SOURCE_REMOVE;
}

enum { PROP_0, PROP_BUSY, N_PROPS };
static GParamSpec *props[N_PROPS];

/* One DRT computed in a thread: a copy of the points, so that the page may drop its own. */
typedef struct {
  EisSpectrum *points;
  EisDrtResult *drt;
  EisError err;
  int status;
} DrtJob;

static void
drt_job_free (gpointer data)
{
  DrtJob *job = data;

  eis_spectrum_free (job->points);
  eis_drt_result_free (job->drt);
  g_free (job);
}

/* In a worker thread: eis_drt_run keeps no state outside its arguments (src/core/drt.c has no
 * static variables; its random numbers come from a generator of its own). */
static void
drt_thread_cb (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DrtJob *job = data;

  (void) source;
  if (!g_cancellable_is_cancelled (cancellable))
    job->status = eis_drt_run (job->points, NULL, &job->drt, &job->err);
  g_task_return_boolean (task, TRUE);
}

static void start_computing (EisfitDrtPage *self);

static void
after_paint_cb (GdkFrameClock *clock, gpointer data)
{
  EisfitDrtPage *self = data;

  (void) clock;
  self->frames++;
}

static void
set_running (EisfitDrtPage *self, gboolean running)
{
  if (self->running == running)
    return;
  self->running = running;
  /* the frames the window paints meanwhile: the tests' proof that it did not freeze */
  if (self->clock)
    g_signal_handlers_disconnect_by_func (self->clock, after_paint_cb, self);
  g_clear_object (&self->clock);
  if (running && gtk_widget_get_frame_clock (GTK_WIDGET (self)))
    {
      self->frames = 0;
      self->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      g_signal_connect (self->clock, "after-paint", G_CALLBACK (after_paint_cb), self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

/* What the page shows while the DRT of the points set is being computed. */
static void
show_computing (EisfitDrtPage *self)
{
  g_autofree char *what = g_strdup_printf ("Computing the distribution of relaxation times "
                                           "of %s (%zu points)…", self->name ? self->name : "",
                                           self->used ? self->used->n : (size_t) 0);

  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), what);
  gtk_label_set_text (GTK_LABEL (self->summary_label), "");
}

/* The DRT (or why there is none) of the points set, shown: the figure and the report. */
static void
show_result (EisfitDrtPage *self)
{
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), NULL);
  update_summary (self);
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot));
}

static void
drt_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  EisfitDrtPage *self = EISFIT_DRT_PAGE (source);
  DrtJob *job = g_task_get_task_data (G_TASK (res));
  guint generation = GPOINTER_TO_UINT (data);

  if (self->disposed)
    return;
  set_running (self, FALSE);
  if (generation != self->generation)
    {
      /* the points changed meanwhile: this result is dropped; the DRT of the new ones is due */
      start_computing (self);
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->drt, eis_drt_result_free);
  self->error[0] = '\0';
  if (job->status == EIS_OK && job->drt)
    self->drt = g_steal_pointer (&job->drt);
  else
    g_strlcpy (self->error, job->err.message[0] ? job->err.message : "the DRT failed",
               sizeof self->error);
  self->last_ms = (g_get_monotonic_time () - self->started_us) / 1000.0;
  show_result (self);
}

/* Starts the DRT of the points set when they changed since the last one started, the page is
 * shown (mapped) and no other DRT is being computed (that one's end starts it). */
static void
start_computing (EisfitDrtPage *self)
{
  DrtJob *job;
  g_autoptr (GTask) task = NULL;

  if (!self->dirty || self->running || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->dirty = FALSE;
  if (!self->used)
    return;
  job = g_new0 (DrtJob, 1);
  job->points = eis_spectrum_dup (self->used);
  if (!job->points)
    {
      drt_job_free (job);
      g_strlcpy (self->error, "out of memory", sizeof self->error);
      show_result (self);
      return;
    }
  self->n_computed++;
  self->started_us = g_get_monotonic_time ();
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running_generation = self->generation;
  task = g_task_new (self, self->cancellable, drt_done_cb,
                     GUINT_TO_POINTER (self->generation));
  g_task_set_source_tag (task, start_computing);
  g_task_set_task_data (task, job, drt_job_free);
  set_running (self, TRUE);
  g_task_run_in_thread (task, drt_thread_cb);
}

/* The DRT of the points set, computed here when it is not yet (for an export while the
 * thread is still at it: the same numbers; the thread's result is then dropped). */
static const EisDrtResult *
ensure_result_now (EisfitDrtPage *self)
{
  EisError err = { 0 };

  if (!self->dirty && !(self->running && self->running_generation == self->generation))
    return self->drt;
  self->dirty = FALSE;
  self->generation++;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->drt, eis_drt_result_free);
  self->error[0] = '\0';
  if (!self->used)
    return NULL;
  self->n_computed++;
  self->frames = 0;
  self->started_us = g_get_monotonic_time ();
  if (eis_drt_run (self->used, NULL, &self->drt, &err) != EIS_OK)
    {
      self->drt = NULL;
      g_strlcpy (self->error, err.message, sizeof self->error);
    }
  self->last_ms = (g_get_monotonic_time () - self->started_us) / 1000.0;
  show_result (self);
  return self->drt;
}

static int
draw_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
         EisError *err, gpointer data)
{
  EisfitDrtPage *self = data;
  const EisDrtResult *d = self->drt; /* never computed here: see start_computing */

  if (!d)
    return eis_error_set (err, EIS_ERR_DATA, "%s", self->error[0] ? self->error
                                                                  : self->used ? "not computed yet"
                                                                  : "no spectrum");
  /* a new size: the report's room is fitted after this drawing */
  if ((gtk_widget_get_width (GTK_WIDGET (self)) != self->summary_width
       || gtk_widget_get_height (GTK_WIDGET (self)) != self->summary_height)
      && !self->summary_idle)
    self->summary_idle = g_idle_add (summary_idle_cb, self);
  g_autofree double *pt = g_new (double, d->n_peaks + 1);
  g_autofree double *pg = g_new (double, d->n_peaks + 1);
  g_autofree int *beyond = g_new (int, d->n_peaks + 1);
  for (size_t k = 0; k < d->n_peaks; k++)
    {
      pt[k] = d->peaks[k].tau_s;
      pg[k] = d->peaks[k].gamma_ohm;
      beyond[k] = d->peaks[k].beyond_data;
    }
  /* as eisfit drt --plot draws one spectrum: the measured time constants unshaded */
  double w_hi = 2 * M_PI * d->freq_hz[d->n - 1], w_lo = 2 * M_PI * d->freq_hz[0];
  EisPlotDrtCurve curve = { d->n_tau, d->tau_s, d->gamma_ohm, d->n_peaks, pt, pg, beyond,
                            1.0 / w_hi, 1.0 / w_lo, NULL, 0 };
  EisPlotTrace traces[2] = {
    { d->n, d->freq_hz, d->z_re, d->z_im, "data", 0, 0, 0 },
    { d->n, d->freq_hz, d->z_re_fit, d->z_im_fit, "DRT fit", 1, 1, 0 } };
  /* λ and how it was chosen are in the report under the figure */
  g_autofree char *title = g_strdup_printf ("DRT of %s", self->name ? self->name : "");
  EisPlotDrt p = { &curve, 1, traces, 2, title };

  return eis_plot_drt (cr, w, h, &p, tr, err);
}

void
eisfit_drt_page_set_spectrum (EisfitDrtPage *self, EisSpectrum *used, const char *name,
                              const char *placeholder)
{
  gboolean same = same_points (used, self->used);

  g_free (self->name);
  self->name = g_strdup (name);
  if (same)
    eis_spectrum_free (used);
  else
    {
      /* new points: a DRT still computing for the old ones is dropped when it ends */
      eis_spectrum_free (self->used);
      self->used = used;
      self->dirty = TRUE;
      self->generation++;
      if (self->cancellable)
        g_cancellable_cancel (self->cancellable);
      g_clear_pointer (&self->drt, eis_drt_result_free);
      self->error[0] = '\0';
      gtk_label_set_text (GTK_LABEL (self->summary_label), "");
    }
  if (!self->used)
    {
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot),
                                        placeholder ? placeholder : "Open a spectrum.");
      return;
    }
  if (same)
    {
      /* the name may have changed */
      if (self->dirty || (self->running && self->running_generation == self->generation))
        show_computing (self);
      else
        update_summary (self);
      return;
    }
  show_computing (self);
  start_computing (self);
}

/* The first selected spectrum's points used, named as the figures of one spectrum name it. */
static void
show_current (EisfitDrtPage *self)
{
  g_autoptr (EisfitSpectrumItem) current = eisfit_figure_current_item (self->selection);
  g_autofree char *name = current ? eisfit_figure_current_name (self->selection, current) : NULL;

  eisfit_drt_page_set_spectrum (self, current ? eisfit_spectrum_item_dup_used_points (current)
                                              : NULL,
                                name, "Open a spectrum: its distribution of relaxation times "
                                      "is shown here.");
}

static void
disconnect (EisfitDrtPage *self)
{
  eisfit_figure_unwatch (self->document, self->selection, self);
  g_clear_object (&self->document);
  g_clear_object (&self->selection);
}

void
eisfit_drt_page_set_document (EisfitDrtPage *self, EisfitDocument *document,
                              GtkSelectionModel *selection)
{
  disconnect (self);
  self->document = g_object_ref (document);
  self->selection = g_object_ref (selection);
  /* the selection, a spectrum come or gone, or its points changed: the first one's DRT; fits
   * change nothing of it */
  eisfit_figure_watch (document, selection, G_CALLBACK (show_current),
                       G_CALLBACK (show_current), NULL, self);
  show_current (self);
}

const EisDrtResult *
eisfit_drt_page_get_result (EisfitDrtPage *self, EisError *err)
{
  const EisDrtResult *d = ensure_result_now (self);

  if (!d)
    eis_error_set (err, EIS_ERR_DATA, "%s", self->error[0] ? self->error : "no spectrum");
  return d;
}

gboolean
eisfit_drt_page_is_busy (EisfitDrtPage *self)
{
  return self->running;
}

GtkWidget *
eisfit_drt_page_get_plot (EisfitDrtPage *self)
{
  return self->plot;
}

int
eisfit_drt_page_draw (EisfitDrtPage *self, cairo_t *cr, double w, double h, EisError *err)
{
  EisPlotTransform tr;

  ensure_result_now (self);
  return draw_cb (cr, w, h, NULL, &tr, err, self);
}

char *
eisfit_drt_page_dup_state (EisfitDrtPage *self)
{
  const char *ph = eisfit_plot_view_get_placeholder (EISFIT_PLOT_VIEW (self->plot));
  g_autofree char *panels = eisfit_plot_view_dup_panels (EISFIT_PLOT_VIEW (self->plot));
  int shown = gtk_widget_get_height (self->summary_scroller);
  int needed = gtk_widget_get_height (self->summary_label);
  g_autoptr (GString) data = g_string_new ("none");

  /* the range of the points shown in the Nyquist plot: how much of its axes they fill */
  if (self->drt && self->drt->n > 0)
    {
      const EisDrtResult *d = self->drt;
      double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;

      for (size_t i = 0; i < d->n; i++)
        {
          x0 = fmin (x0, fmin (d->z_re[i], d->z_re_fit[i]));
          x1 = fmax (x1, fmax (d->z_re[i], d->z_re_fit[i]));
          y0 = fmin (y0, fmin (-d->z_im[i], -d->z_im_fit[i]));
          y1 = fmax (y1, fmax (-d->z_im[i], -d->z_im_fit[i]));
        }
      g_string_printf (data, "x %.6g to %.6g, y %.6g to %.6g", x0, x1, y0, y1);
    }
  /* the device boxes of the panels and of the legends */
  g_autoptr (GString) boxes = g_string_new (NULL);
  const EisPlotTransform *tr = eisfit_plot_view_get_transform (EISFIT_PLOT_VIEW (self->plot));
  for (size_t i = 0; tr && i < tr->npanels; i++)
    g_string_append_printf (boxes, "%s %.0f %.0f %.0f %.0f\n", i ? "nyquist" : "gamma",
                            tr->panel[i].px0, tr->panel[i].py0, tr->panel[i].px1,
                            tr->panel[i].py1);
  for (size_t i = 0; tr && tr->npanels && i < tr->n_legend_boxes; i++)
    g_string_append_printf (boxes, "legend %.0f %.0f %.0f %.0f\n", tr->legend_box[i][0],
                            tr->legend_box[i][1], tr->legend_box[i][2], tr->legend_box[i][3]);
  /* the page's size, the report's height shown and the height of its lines (more: it
   * scrolls) */
  return g_strdup_printf ("name: %s\nplot: %s\nsummary: %s\ncomputed: %u\ncomputing: %s\n"
                          "took: %.0f ms\nframes while computing: %u\npanels: %s\n"
                          "data: %s\npage: %d x %d px\nfigure: %d x %d px\n%s"
                          "summary height: %d of %d px\n",
                          self->name ? self->name : "", ph ? ph : "figure",
                          gtk_label_get_text (GTK_LABEL (self->summary_label)), self->n_computed,
                          self->running ? "yes" : "no", self->last_ms, self->frames, panels, data->str, gtk_widget_get_width (GTK_WIDGET (self)),
                          gtk_widget_get_height (GTK_WIDGET (self)),
                          gtk_widget_get_width (self->plot), gtk_widget_get_height (self->plot),
                          boxes->str, shown, needed);
}

void
eisfit_drt_page_set_divider (EisfitDrtPage *self, int figure_px)
{
  gtk_paned_set_position (GTK_PANED (self->paned), figure_px);
}

static void
eisfit_drt_page_dispose (GObject *object)
{
  EisfitDrtPage *self = EISFIT_DRT_PAGE (object);
  GtkWidget *child;

  disconnect (self);
  /* a thread still computing keeps the page (its GTask holds it) but shows nothing */
  self->disposed = TRUE;
  self->generation++;
  if (self->clock)
    g_signal_handlers_disconnect_by_func (self->clock, after_paint_cb, self);
  g_clear_object (&self->clock);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->summary_idle, g_source_remove);
  g_clear_pointer (&self->used, eis_spectrum_free);
  g_clear_pointer (&self->drt, eis_drt_result_free);
  g_clear_pointer (&self->name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_DRT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_drt_page_parent_class)->dispose (object);
}

static void
eisfit_drt_page_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  EisfitDrtPage *self = EISFIT_DRT_PAGE (object);

  switch (id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

/* Shown: the DRT of points set while the page was hidden is computed now. */
static void
eisfit_drt_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (eisfit_drt_page_parent_class)->map (widget);
  start_computing (EISFIT_DRT_PAGE (widget));
}

static void
eisfit_drt_page_class_init (EisfitDrtPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_drt_page_dispose;
  object_class->get_property = eisfit_drt_page_get_property;
  widget_class->map = eisfit_drt_page_map;
  /* TRUE while a DRT is being computed in a thread */
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                           | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);
  g_type_ensure (EISFIT_TYPE_PLOT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-drt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitDrtPage, plot);
  gtk_widget_class_bind_template_child (widget_class, EisfitDrtPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitDrtPage, summary_scroller);
  gtk_widget_class_bind_template_child (widget_class, EisfitDrtPage, paned);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_drt_page_init (EisfitDrtPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot), FALSE);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), draw_cb, NULL, self);
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), "Open a spectrum.");
  /* gamma(tau) and the Nyquist plot keep room for their axes when the report is dragged up */
  eisfit_plot_view_set_min_height (EISFIT_PLOT_VIEW (self->plot), 260);
  /* the report: its lines' height up to a fifth of the page (two lines at least: its
   * least content height) */
  eisfit_paned_fit_side (GTK_PANED (self->paned), self->summary_scroller, -1, 120);
}

GtkWidget *
eisfit_drt_page_new (void)
{
  return g_object_new (EISFIT_TYPE_DRT_PAGE, NULL);
}
