/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fit queue of the main window: Fit and Fit All run the engine (eis_fit_run, eis_fit_auto)
 * in a worker thread, one spectrum after another, on copies of their inputs (the circuit of the
 * entry, the table's starts, Fix ticks and bounds, the points left out); each result goes back
 * to the document in the main thread. Moved out of eisfit-window.c. */
#include <config.h>

#include "eisfit-window-private.h"
#include "eisfit-text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "circuit.h"
#include "eisfit-param-table.h"
#include "eisfit-spectrum-item.h"
#include "eisfit-transference-page.h"
#include "fit.h"
#include "plausible.h"
#include "sample-group.h"

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
  char why[6144];   /* eis_fit_auto's explanation, with every candidate (up to 4096 bytes) */
  gboolean applied;
  EisfitExclusions *excl;   /* the item's points left out, copied when the job was made */
  char *asked;              /* the circuit asked for ("" = automatic), for the project */
  char *chosen;             /* the circuit fitted (for mixed_circuits_note; the fit's own
                             * circuit goes to the document as the job is applied) */
  size_t outliers[8];       /* eis_fit_outliers of a successful fit */
  size_t n_outliers;
  gboolean refused;         /* the points cannot be analysed (err says why): not fitted */
  gboolean cleared;         /* ... and the older fit of the item was taken away */
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
  g_free (job->chosen);
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
  /* Z' < 0 at every point or noise: refused, not fitted, as eisfit refuses it (exit 2) */
  {
    EisSpectrum *used;

    /* a point with Z = 0 left in, or a left-out point beyond the spectrum */
    job->status = eis_fit_points_check (&job->opt, job->spectrum, &job->err);
    if (job->status != EIS_OK)
      {
        job->refused = TRUE;
        return;
      }
    used = eis_fit_used_points (job->spectrum, &job->opt);
    if (!used)
      {
        job->status = eis_error_set (&job->err, EIS_ERR_NOMEM, "out of memory");
        return;
      }
    job->status = eis_spectrum_check_analysable (used, &job->err);
    eis_spectrum_free (used);
    if (job->status != EIS_OK)
      {
        job->refused = TRUE;
        return;
      }
  }
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
  if (job->status == EIS_OK && job->out_circuit)
    job->chosen = g_strdup (eis_circuit_text (job->out_circuit));
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
  if (job->refused)
    {
      g_autofree char *why = eisfit_typeset (job->err.message);
      g_autofree char *msg = g_strdup_printf ("Not fitted: %s", why);

      /* an older fit of other points goes: these give no fit and no conductivity */
      if (eisfit_spectrum_item_get_fit (job->item))
        {
          eisfit_document_set_fit (self->document, job->item, NULL, NULL, NULL);
          job->cleared = TRUE;
        }
      eisfit_window_show_message (self, msg);
      return;
    }
  if (job->status != EIS_OK)
    {
      g_autofree char *why = eisfit_typeset (job->err.message);
      g_autofree char *msg = g_strdup_printf (
        "Fit of %s #%d failed: %s%s", eisfit_spectrum_item_get_title (job->item),
        job->spectrum->index + 1, why,
        strstr (job->err.message, "must be positive")
          ? ". To leave an element out, remove it from the circuit (e.g. R0-p(R1,CPE1) without "
            "R0); your values, Fix ticks and bounds are kept"
          : "; your values, Fix ticks and bounds are kept");
      eisfit_window_show_message (self, msg);
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
  self->unsaved_fits++;
  eisfit_document_set_fit (self->document, job->item, g_steal_pointer (&job->out_circuit),
                           g_steal_pointer (&job->out_fit), job->why); /* marks the change */
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
    eisfit_window_refresh (p->window);
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

/* A caution when the automatic choice gave the spectra of one sample of a Fit (All) different
 * circuits: a parameter of one name (R1) is then not the same arc in each, and a table or trend
 * of them compares unlike things. The engine's text, as eisfit says it; spectra of other samples
 * (a pellet and a Li|Li cell: other file stem, folder, cell type or geometry) are not compared.
 * NULL when each sample's automatic fits share one circuit. */
static char *
mixed_circuits_note (FitBatch *b)
{
  g_autoptr (GArray) v = g_array_new (FALSE, TRUE, sizeof (EisAutoChoice));
  g_autoptr (GPtrArray) geometry = g_ptr_array_new_with_free_func (g_free);
  char *text, *note;
  guint i;

  for (i = 0; i < b->jobs->len; i++)
    {
      FitJob *job = g_ptr_array_index (b->jobs, i);
      const char *t, *d, *a;
      EisAutoChoice c = { 0 };

      if (!job->asked || job->asked[0] || job->status != EIS_OK || !job->chosen || job->refused)
        continue;
      eisfit_spectrum_item_get_geometry (job->item, &t, &d, &a, NULL);
      g_ptr_array_add (geometry, g_strdup_printf ("%s %s %s", t, d, a));
      c.path = job->spectrum->source;
      c.cell = eisfit_spectrum_item_get_cell (job->item);
      c.geometry = g_ptr_array_index (geometry, geometry->len - 1);
      c.circuit = job->chosen;
      g_array_append_val (v, c);
    }
  text = eis_mixed_circuits_text ((const EisAutoChoice *) (void *) v->data, v->len, "×");
  if (!text)
    return NULL;
  text[0] = g_ascii_toupper (text[0]);
  note = g_strdup_printf ("%s. To compare them, choose one circuit above and press Fit All "
                          "again, or fit them as one series on the Series page.", text);
  free (text);
  return note;
}

static void
fit_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  EisfitWindow *self = EISFIT_WINDOW (source);
  FitBatch *b = g_task_get_task_data (G_TASK (result));
  gboolean ok = TRUE, any = FALSE;
  guint i;
  g_autofree char *note = mixed_circuits_note (b);

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
      if (job->refused)
        self->batch_refused = TRUE;   /* as eisfit's exit 2; the results are printed */
      else if (job->status != EIS_OK)
        ok = FALSE;
      if (job->status == EIS_OK || job->cleared)
        any = TRUE;
    }
  if (!any)
    eisfit_window_undo_drop_last (self); /* nothing changed: no step to undo */
  if (ok && !self->batch_refused && note)
    eisfit_window_show_notice (self, note); /* advice, not an error; never over a failure's */
  self->busy = FALSE;
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->progress_bar, FALSE);
  eisfit_window_refresh (self);
  eisfit_transference_page_fits_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  if (self->batch_done)
    eisfit_window_batch_fit_finished (self, ok);
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

/* ITEM's own starts, Fix ticks and bounds for the circuit MODEL (those a project saved for it,
 * or those of its last fit), into INIT, FIXED, LOWER and UPPER (n_params of MODEL each);
 * FALSE when it has none for that circuit, or none that is not the engine's default. */
static gboolean
own_settings (EisfitSpectrumItem *item, const EisCircuit *model, double *init, int *fixed,
              double *lower, double *upper)
{
  size_t n_set, n = eis_circuit_n_params (model), i;
  const char *const *names;
  const double *start, *lo, *hi;
  const int *fx;
  const char *asked = eisfit_spectrum_item_get_fit_settings (item, &n_set, &names, &start, &fx,
                                                             &lo, &hi);
  EisCircuit *c = NULL;
  EisError err = { 0 };
  gboolean same, any = FALSE;

  if (n_set == 0 || !asked[0] || eis_circuit_parse (asked, &c, &err) != EIS_OK)
    return FALSE;
  same = strcmp (eis_circuit_text (c), eis_circuit_text (model)) == 0;
  eis_circuit_free (c);
  if (!same)
    return FALSE;
  for (i = 0; i < n; i++)
    {
      init[i] = lower[i] = upper[i] = NAN;
      fixed[i] = 0;
    }
  for (i = 0; i < n_set; i++)
    {
      long k = eis_circuit_param_index (model, names[i]);

      if (k < 0)
        return FALSE;
      init[k] = start[i];
      fixed[k] = fx[i] && isfinite (start[i]);
      lower[k] = lo[i];
      upper[k] = hi[i];
      any |= fixed[k] || isfinite (init[k]) || isfinite (lower[k]) || isfinite (upper[k]);
    }
  return any;
}

/* A fit job for ITEM with the circuit of the entry. WITH_TABLE: the table's values start the
 * fit (when edited), fixed flags and bounds apply; otherwise only fixed values and bounds.
 * When the table was not typed in since the last fit, a spectrum with starts, Fix ticks or
 * bounds of its own for that circuit (a project's, as eisfit --project refits it, or its last
 * fit's) is fitted with them; what the user types into the table applies to every spectrum. */
static FitJob *
make_job (EisfitWindow *self, EisfitSpectrumItem *item, gboolean with_table, gboolean automatic)
{
  FitJob *job = g_new0 (FitJob, 1);
  const EisCircuit *model = eisfit_fit_panel_get_model (PANEL (self));
  size_t n, i;
  gboolean any_fixed = FALSE;

  job->item = g_object_ref (item);
  job->spectrum = eis_spectrum_dup (eisfit_spectrum_item_get_spectrum (item));
  eis_fit_options_init (&job->opt);
  job->opt.li_symmetric
    = eis_cell_parse (eisfit_spectrum_item_get_cell (item)) == EIS_CELL_LI_SYMMETRIC;
  job->excl = eisfit_exclusions_dup (eisfit_spectrum_item_get_exclusions (item));
  eisfit_exclusions_apply (job->excl, &job->opt);
  if (automatic || eisfit_fit_panel_is_automatic (PANEL (self)) || !model)
    {
      job->asked = g_strdup ("");
      return job;
    }
  job->circuit = eis_circuit_dup (model);
  job->asked = g_strdup (eis_circuit_text (model));
  n = eis_circuit_n_params (model);
  if (n == 0)
    return job;
  job->init = g_new (double, n);
  job->lower = g_new (double, n);
  job->upper = g_new (double, n);
  job->fixed = g_new0 (int, n);
  if (!eisfit_fit_panel_get_user_edited (PANEL (self))
      && own_settings (item, model, job->init, job->fixed, job->lower, job->upper))
    goto inside_bounds;
  eisfit_param_table_get (eisfit_fit_panel_get_param_table (PANEL (self)), job->init, job->fixed,
                          job->lower, job->upper);
  for (i = 0; i < n; i++)
    any_fixed |= job->fixed[i] != 0;
  /* the engine's own starting values unless the user typed some (or holds one fixed) */
  if (!(with_table && (eisfit_fit_panel_get_user_edited (PANEL (self)) || any_fixed)))
    for (i = 0; i < n; i++)
      if (!job->fixed[i])
        job->init[i] = NAN;
inside_bounds:
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
  if (!automatic && !eisfit_fit_panel_is_automatic (PANEL (self))
      && (!eisfit_fit_panel_get_model (PANEL (self)) || eisfit_fit_panel_get_circuit_error (PANEL (self))))
    {
      g_autofree char *msg = g_strdup_printf (
        "The circuit does not parse (%s): correct it, or choose a preset.",
        eisfit_fit_panel_get_circuit_error (PANEL (self)));

      eisfit_window_show_message (self, msg);
      if (self->batch_done)
        eisfit_window_batch_fit_finished (self, FALSE);
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

void
eisfit_window_start_fits (EisfitWindow *self, GPtrArray *items)
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

  eisfit_window_start_fits (self, items);
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
  eisfit_window_start_fits (self, items);
}

void
eisfit_window_fit_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "win.fit-all", NULL, fit_all_action);
}

void
eisfit_window_fit_init (EisfitWindow *self)
{
  eisfit_transference_page_set_fit_func (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                         transference_fit_cb, self);
}
