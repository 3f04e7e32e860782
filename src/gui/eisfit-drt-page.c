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

  GPtrArray *entries;     /* the spectra shown (Entry, owned), in the selection's order */
  GPtrArray *kept;        /* DRTs of spectra no longer shown (Entry, owned; the last
                           * EIS_DRT_PAGE_KEPT): a selection changed and changed back, or
                           * changed in steps, computes nothing again */
  guint n_selected;       /* how many were selected (more than shown: EIS_DRT_PAGE_MOST) */
  char *name;             /* "pellet-25C.csv #1", or "3 spectra: a, b, c" */
  gboolean dirty;         /* a DRT of the entries is not started yet */
  char error[512];        /* why there is no DRT at all (out of memory) */
  guint n_computed;       /* DRTs started so far (tests check that a redraw reuses one) */
  char *drawn;            /* the last drawing's curves, for tests: "2: pellet-25C; li-before" */
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

/* The most spectra overlaid: each in the colour the Nyquist page gives it (the palette less
 * yellow), and the legend (eight rows at most in src/plot) names each and the two peak markers;
 * with more selected, the first are shown and the report says so. */
#define EIS_DRT_PAGE_MOST 6
/* The most DRTs kept of spectra no longer shown. */
#define EIS_DRT_PAGE_KEPT 16

/* One spectrum shown: its points, its names and its DRT (or why there is none). */
typedef struct {
  EisSpectrum *used;      /* the points (owned) */
  char *name;             /* "pellet-25C.csv #1": the report's */
  char *label;            /* the legend's ("pellet-25C", or the label the user gave) */
  EisDrtResult *drt;      /* NULL when not computed (yet) or failed */
  char error[512];        /* why there is no DRT (when computed and failed) */
  gboolean pending;       /* not computed yet */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  eis_spectrum_free (e->used);
  eis_drt_result_free (e->drt);
  g_free (e->name);
  g_free (e->label);
  g_free (e);
}

static Entry *
entry_at (EisfitDrtPage *self, guint i)
{
  return g_ptr_array_index (self->entries, i);
}

/* The first entry's DRT (the one of one spectrum shown), NULL when none. */
static const EisDrtResult *
first_drt (EisfitDrtPage *self)
{
  return self->entries->len ? entry_at (self, 0)->drt : NULL;
}

/* TRUE when a DRT of the entries is not computed yet. */
static gboolean
any_pending (EisfitDrtPage *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (entry_at (self, i)->pending)
      return TRUE;
  return FALSE;
}

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

/* One spectrum's part of the report, as eisfit drt prints it: NAME, its points, lambda, R_inf,
 * L, R_pol, each peak and the warning (or why it has no DRT), appended to T. */
static void
append_entry_summary (GString *t, const Entry *e)
{
  const EisDrtResult *d = e->drt;

  if (!d)
    {
      g_autofree char *typeset = eisfit_typeset (e->error);

      /* why there is no DRT (too many points, too few, ...), under the figure too */
      g_string_append_printf (t, "%s: ⚠ %s", e->name ? e->name : "",
                              e->error[0] ? typeset : "not computed yet");
      return;
    }
  g_string_append_printf (t, "%s: %zu points, %.4g Hz to %.4g Hz; λ = %.3g (%s%s); R∞ = %.5g Ω; ",
                          e->name ? e->name : "", d->n, d->freq_hz[0],
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
}

/* The report under the figure: each spectrum's part, as eisfit drt prints it, one after the
 * other (a blank line between) in the order of the legend. */
static void
update_summary (EisfitDrtPage *self)
{
  GString *t = g_string_new (NULL);

  if (self->error[0])
    g_string_append_printf (t, "⚠ %s", self->error);
  for (guint i = 0; !self->error[0] && i < self->entries->len; i++)
    {
      if (i)
        g_string_append (t, "\n\n");
      append_entry_summary (t, entry_at (self, i));
    }
  if (self->n_selected > self->entries->len && self->entries->len > 1)
    g_string_append_printf (t, "\n\nThe first %u of the %u spectra selected are shown (one "
                            "colour each): select fewer to compare others.",
                            self->entries->len, self->n_selected);
  /* one spectrum without a DRT: only why, as before a figure is drawn */
  if (self->entries->len == 1 && !entry_at (self, 0)->drt)
    {
      g_autofree char *typeset = eisfit_typeset (entry_at (self, 0)->error);

      g_string_truncate (t, 0);
      if (entry_at (self, 0)->error[0])
        g_string_append_printf (t, "⚠ %s", typeset);
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

/* The DRTs of the entries not computed yet, computed in a thread one after the other: copies of
 * their points (the page may drop its own) and where the results go (INDEX: the entries'). */
typedef struct {
  guint n;
  guint *index;
  EisSpectrum **points;
  EisDrtResult **drt;
  EisError *err;
} DrtJob;

static void
drt_job_free (gpointer data)
{
  DrtJob *job = data;

  for (guint i = 0; i < job->n; i++)
    {
      eis_spectrum_free (job->points[i]);
      eis_drt_result_free (job->drt[i]);
    }
  g_free (job->index);
  g_free (job->points);
  g_free (job->drt);
  g_free (job->err);
  g_free (job);
}

/* In a worker thread: eis_drt_run keeps no state outside its arguments (src/core/drt.c has no
 * static variables; its random numbers come from a generator of its own). */
static void
drt_thread_cb (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DrtJob *job = data;

  (void) source;
  for (guint i = 0; i < job->n && !g_cancellable_is_cancelled (cancellable); i++)
    if (eis_drt_run (job->points[i], NULL, &job->drt[i], &job->err[i]) != EIS_OK)
      g_clear_pointer (&job->drt[i], eis_drt_result_free);
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
  size_t n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    n += entry_at (self, i)->used->n;
  g_autofree char *what = g_strdup_printf ("Computing the distribution of relaxation times "
                                           "of %s (%zu points)…", self->name ? self->name : "", n);

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
  for (guint i = 0; i < job->n; i++)
    {
      Entry *e = entry_at (self, job->index[i]); /* the entries are as the job began */

      e->pending = FALSE;
      g_clear_pointer (&e->drt, eis_drt_result_free);
      e->error[0] = '\0';
      if (job->drt[i])
        e->drt = g_steal_pointer (&job->drt[i]);
      else
        g_strlcpy (e->error, job->err[i].message[0] ? job->err[i].message : "the DRT failed",
                   sizeof e->error);
    }
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
  if (!any_pending (self))
    return;
  job = g_new0 (DrtJob, 1);
  job->index = g_new0 (guint, self->entries->len);
  job->points = g_new0 (EisSpectrum *, self->entries->len);
  job->drt = g_new0 (EisDrtResult *, self->entries->len);
  job->err = g_new0 (EisError, self->entries->len);
  for (guint i = 0; i < self->entries->len; i++)
    if (entry_at (self, i)->pending)
      {
        job->index[job->n] = i;
        job->points[job->n] = eis_spectrum_dup (entry_at (self, i)->used);
        if (!job->points[job->n++])
          {
            drt_job_free (job);
            g_strlcpy (self->error, "out of memory", sizeof self->error);
            show_result (self);
            return;
          }
      }
  self->n_computed += job->n;
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

/* The DRTs of the points set, computed here when they are not yet (for an export while the
 * thread is still at it: the same numbers; the thread's results are then dropped). Returns
 * the first one's. */
static const EisDrtResult *
ensure_result_now (EisfitDrtPage *self)
{
  if (!self->dirty && !(self->running && self->running_generation == self->generation))
    return first_drt (self);
  self->dirty = FALSE;
  self->generation++;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  self->frames = 0;
  self->started_us = g_get_monotonic_time ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = entry_at (self, i);
      EisError err = { 0 };

      if (!e->pending)
        continue;
      e->pending = FALSE;
      self->n_computed++;
      g_clear_pointer (&e->drt, eis_drt_result_free);
      e->error[0] = '\0';
      if (eis_drt_run (e->used, NULL, &e->drt, &err) != EIS_OK)
        {
          g_clear_pointer (&e->drt, eis_drt_result_free);
          g_strlcpy (e->error, err.message, sizeof e->error);
        }
    }
  self->last_ms = (g_get_monotonic_time () - self->started_us) / 1000.0;
  show_result (self);
  return first_drt (self);
}

static int
draw_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
         EisError *err, gpointer data)
{
  EisfitDrtPage *self = data;
  guint n = 0, m = self->entries->len;

  /* never computed here: see start_computing */
  for (guint i = 0; i < m; i++)
    n += entry_at (self, i)->drt != NULL;
  if (n == 0)
    {
      const char *why = self->error[0] ? self->error
                        : m == 0 ? "no spectrum"
                        : entry_at (self, 0)->error[0] ? entry_at (self, 0)->error
                        : "not computed yet";
      g_autofree char *typeset = eisfit_typeset (why);

      return eis_error_set (err, EIS_ERR_DATA, "%s", typeset);
    }
  /* a new size: the report's room is fitted after this drawing */
  if ((gtk_widget_get_width (GTK_WIDGET (self)) != self->summary_width
       || gtk_widget_get_height (GTK_WIDGET (self)) != self->summary_height)
      && !self->summary_idle)
    self->summary_idle = g_idle_add (summary_idle_cb, self);
  g_autofree EisPlotDrtCurve *curves = g_new0 (EisPlotDrtCurve, n);
  g_autofree EisPlotTrace *traces = g_new0 (EisPlotTrace, 2 * n);
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  guint k = 0;

  for (guint i = 0; i < m; i++)
    {
      const Entry *e = entry_at (self, i);
      const EisDrtResult *d = e->drt;
      /* each spectrum the colour the Nyquist page gives it (the selection's order) */
      int color = (int) (i % 7);

      if (!d)
        continue;
      double *pt = g_new (double, d->n_peaks + 1), *pg = g_new (double, d->n_peaks + 1);
      int *beyond = g_new (int, d->n_peaks + 1);

      g_ptr_array_add (keep, pt);
      g_ptr_array_add (keep, pg);
      g_ptr_array_add (keep, beyond);
      for (size_t q = 0; q < d->n_peaks; q++)
        {
          pt[q] = d->peaks[q].tau_s;
          pg[q] = d->peaks[q].gamma_ohm;
          beyond[q] = d->peaks[q].beyond_data;
        }
      /* as eisfit drt --plot draws them: one spectrum with the measured time constants
       * unshaded, its data and the DRT's fit in two colours; several each in its colour, the
       * legend naming them on gamma(tau) */
      double w_hi = 2 * M_PI * d->freq_hz[d->n - 1], w_lo = 2 * M_PI * d->freq_hz[0];
      curves[k] = (EisPlotDrtCurve){ d->n_tau, d->tau_s, d->gamma_ohm, d->n_peaks, pt, pg,
                                     beyond, 1.0 / w_hi, 1.0 / w_lo, n > 1 ? e->label : NULL,
                                     n > 1 ? color : 0 };
      traces[2 * k] = (EisPlotTrace){ d->n, d->freq_hz, d->z_re, d->z_im,
                                      n > 1 ? NULL : "data", 0, n > 1 ? color : 0, 0 };
      traces[2 * k + 1] = (EisPlotTrace){ d->n, d->freq_hz, d->z_re_fit, d->z_im_fit,
                                          n > 1 ? NULL : "DRT fit", 1, n > 1 ? color : 1, 0 };
      k++;
    }
  /* λ and how it was chosen are in the report under the figure */
  g_autofree char *title = n > 1 ? g_strdup_printf ("DRT of %u spectra", n)
                                 : g_strdup_printf ("DRT of %s", self->name ? self->name : "");
  EisPlotDrt p = { curves, n, traces, 2 * n, title };
  g_autoptr (GString) drawn = g_string_new (NULL);

  g_string_printf (drawn, "%u:", n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (drawn, " %s;", curves[i].label ? curves[i].label : "");
  g_free (self->drawn);
  self->drawn = g_strdup (drawn->str);
  return eis_plot_drt (cr, w, h, &p, tr, err);
}

/* TRUE when the entries hold USED[0..N) in this order. */
static gboolean
same_entries (EisfitDrtPage *self, EisSpectrum **used, guint n)
{
  if (self->entries->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!same_points (used[i], entry_at (self, i)->used))
      return FALSE;
  return TRUE;
}

void
eisfit_drt_page_set_spectra (EisfitDrtPage *self, EisSpectrum **used, char **names,
                             char **labels, guint n, guint n_selected, const char *placeholder)
{
  gboolean same = same_entries (self, used, n);

  self->n_selected = MAX (n, n_selected);
  g_free (self->name);
  if (n == 1)
    self->name = g_strdup (names[0]);
  else
    {
      g_autoptr (GString) all = g_string_new (NULL);

      g_string_printf (all, "%u spectra: ", n);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (all, "%s%s", i ? ", " : "", names[i]);
      self->name = n ? g_strdup (all->str) : NULL;
    }
  if (same)
    {
      /* the names may have changed */
      for (guint i = 0; i < n; i++)
        {
          Entry *e = entry_at (self, i);

          eis_spectrum_free (used[i]);
          g_free (e->name);
          e->name = g_strdup (names[i]);
          g_free (e->label);
          e->label = g_strdup (labels[i]);
        }
    }
  else
    {
      /* new points: a spectrum shown before keeps its DRT; a DRT still computing is dropped
       * when it ends (the generation), and the ones missing are computed */
      GPtrArray *old = self->entries;

      self->entries = g_ptr_array_new_with_free_func (entry_free);
      for (guint i = 0; i < n; i++)
        {
          Entry *e = g_new0 (Entry, 1);

          e->used = used[i];
          e->name = g_strdup (names[i]);
          e->label = g_strdup (labels[i]);
          e->pending = TRUE;
          /* shown before, or kept: taken from there */
          for (guint j = 0; j < old->len + self->kept->len && e->pending; j++)
            {
              GPtrArray *from = j < old->len ? old : self->kept;
              guint at = j < old->len ? j : j - old->len;
              Entry *o = g_ptr_array_index (from, at);

              if (!o->pending && o->used && same_points (o->used, e->used))
                {
                  e->drt = g_steal_pointer (&o->drt);
                  memcpy (e->error, o->error, sizeof e->error);
                  e->pending = FALSE;
                  g_clear_pointer (&o->used, eis_spectrum_free);
                }
            }
          g_ptr_array_add (self->entries, e);
        }
      /* the DRTs no longer shown are kept, the last ones */
      for (guint j = 0; j < old->len; j++)
        {
          Entry *o = g_ptr_array_index (old, j);

          if (!o->pending && o->used)
            g_ptr_array_add (self->kept, g_ptr_array_steal_index (old, j--));
        }
      for (guint j = 0; j < self->kept->len; j++)
        if (!((Entry *) g_ptr_array_index (self->kept, j))->used)
          g_ptr_array_remove_index (self->kept, j--);
      if (self->kept->len > EIS_DRT_PAGE_KEPT)
        g_ptr_array_remove_range (self->kept, 0, self->kept->len - EIS_DRT_PAGE_KEPT);
      g_ptr_array_unref (old);
      self->generation++;
      if (self->cancellable)
        g_cancellable_cancel (self->cancellable);
      self->error[0] = '\0';
      self->dirty = any_pending (self);
      gtk_label_set_text (GTK_LABEL (self->summary_label), "");
    }
  if (n == 0)
    {
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot),
                                        placeholder ? placeholder : "Open a spectrum.");
      return;
    }
  if (self->dirty || (self->running && self->running_generation == self->generation))
    {
      show_computing (self);
      start_computing (self);
    }
  else
    show_result (self);
}

void
eisfit_drt_page_set_spectrum (EisfitDrtPage *self, EisSpectrum *used, const char *name,
                              const char *placeholder)
{
  char *names[1] = { (char *) name }, *labels[1] = { (char *) name };

  eisfit_drt_page_set_spectra (self, &used, names, labels, used ? 1 : 0, used ? 1 : 0,
                               placeholder);
}

/* The selected spectra's points used (the first EIS_DRT_PAGE_MOST), each named as the pages
 * name a spectrum ("pellet-25C.csv #1"; one alone as the figures of one spectrum name it) and
 * labelled as the legends do. */
static void
show_current (EisfitDrtPage *self)
{
  g_autoptr (GPtrArray) items = eisfit_figure_selected_items (self->selection);
  guint n = MIN (items->len, EIS_DRT_PAGE_MOST), k = 0;
  g_autofree EisSpectrum **used = g_new0 (EisSpectrum *, n + 1);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);
      EisSpectrum *s = eisfit_spectrum_item_dup_used_points (item);

      if (!s)
        continue;
      used[k++] = s;
      g_ptr_array_add (names, items->len == 1 ? eisfit_figure_current_name (self->selection, item)
                                              : eisfit_spectrum_item_dup_name (item));
      g_ptr_array_add (labels, eisfit_document_dup_legend_label (self->document, item));
    }
  eisfit_drt_page_set_spectra (self, used, (char **) names->pdata, (char **) labels->pdata, k,
                               items->len, "Open a spectrum: its distribution of relaxation "
                               "times is shown here.");
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
    eis_error_set (err, EIS_ERR_DATA, "%s", self->error[0] ? self->error
                   : self->entries->len && entry_at (self, 0)->error[0]
                   ? entry_at (self, 0)->error : "no spectrum");
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
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;

  for (guint k = 0; k < self->entries->len; k++)
    {
      const EisDrtResult *d = entry_at (self, k)->drt;

      for (size_t i = 0; d && i < d->n; i++)
        {
          x0 = fmin (x0, fmin (d->z_re[i], d->z_re_fit[i]));
          x1 = fmax (x1, fmax (d->z_re[i], d->z_re_fit[i]));
          y0 = fmin (y0, fmin (-d->z_im[i], -d->z_im_fit[i]));
          y1 = fmax (y1, fmax (-d->z_im[i], -d->z_im_fit[i]));
        }
    }
  if (x0 <= x1)
    g_string_printf (data, "x %.6g to %.6g, y %.6g to %.6g", x0, x1, y0, y1);
  /* the device boxes of the panels and of the legends */
  g_autoptr (GString) boxes = g_string_new (NULL);
  const EisPlotTransform *tr = eisfit_plot_view_get_transform (EISFIT_PLOT_VIEW (self->plot));
  for (size_t i = 0; tr && i < tr->npanels; i++)
    g_string_append_printf (boxes, "%s %.0f %.0f %.0f %.0f\n", i ? "nyquist" : "gamma",
                            tr->panel[i].px0, tr->panel[i].py0, tr->panel[i].px1,
                            tr->panel[i].py1);
  g_string_append_printf (boxes, "legend entries: %zu\n",
                          tr && tr->npanels ? tr->n_legend_boxes : (size_t) 0);
  for (size_t i = 0; tr && tr->npanels && i < tr->n_legend_boxes; i++)
    g_string_append_printf (boxes, "legend %.0f %.0f %.0f %.0f\n", tr->legend_box[i][0],
                            tr->legend_box[i][1], tr->legend_box[i][2], tr->legend_box[i][3]);
  /* the page's size, the report's height shown and the height of its lines (more: it
   * scrolls) */
  return g_strdup_printf ("name: %s\nplot: %s\ncurves drawn: %s\nsummary: %s\ncomputed: %u\n"
                          "computing: %s\n"
                          "took: %.0f ms\nframes while computing: %u\npanels: %s\n"
                          "data: %s\npage: %d x %d px\nfigure: %d x %d px\n%s"
                          "summary height: %d of %d px\n",
                          self->name ? self->name : "", ph ? ph : "figure",
                          self->drawn ? self->drawn : "none",
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
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->drawn, g_free);
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
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->kept = g_ptr_array_new_with_free_func (entry_free);
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
