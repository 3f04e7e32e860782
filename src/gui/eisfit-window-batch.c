/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Batch mode of the main window (--screenshot, --export-plot, --print-params, --print-results,
 * --fit-all, --series): fit, wait until the window is drawn, save and print what it shows, and
 * report the exit status. Moved out of eisfit-window.c. */
#include <config.h>

#include "eisfit-window-private.h"

#include <stdio.h>

#include "eisfit-drt-page.h"
#include "eisfit-param-table.h"
#include "eisfit-series-page.h"
#include "eisfit-transference-page.h"

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

      if (eisfit_window_export_shown_figure (self, self->batch_export, &err) != EIS_OK)
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
      g_autofree char *text = eisfit_param_table_dup_text (eisfit_fit_panel_get_param_table (PANEL (self)));
      const EisBVResult *bv = eisfit_transference_page_get_result (
        EISFIT_TRANSFERENCE_PAGE (self->transference_page));

      fputs (text, stdout);
      /* The transference number, when the page could compute it, for the test that compares
       * it with eisfit transference. */
      if (bv)
        printf ("t_plus %.10g %.10g\n", bv->t_plus, bv->t_plus_se);
      fflush (stdout);
    }
  if (status == 0 && self->batch_refused)
    status = 2;   /* as eisfit refuses Z' < 0 everywhere or noise */
  if (status == 0 && self->batch_fit_failed)
    status = 3;
  self->batch_done (self, status, self->batch_data);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void batch_drt_busy_cb (GObject *page, GParamSpec *pspec, EisfitWindow *self);

/* Waits for the window to be painted twice from now (layout and plots settled). */
static void
batch_wait_frames (EisfitWindow *self)
{
  self->batch_frames = 0;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (batch_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The DRT page's thread ended: its figure is drawn, then saved. */
static void
batch_drt_busy_cb (GObject *page, GParamSpec *pspec, EisfitWindow *self)
{
  (void) pspec;
  if (eisfit_drt_page_is_busy (EISFIT_DRT_PAGE (page)))
    return;
  g_signal_handlers_disconnect_by_func (page, batch_drt_busy_cb, self);
  batch_wait_frames (self);
}

/* The window has been painted since the fit: once twice (layout and plots settled), and the
 * DRT page's figure computed (in a thread) when it is shown, save. */
static void
batch_after_paint_cb (GdkFrameClock *clock, EisfitWindow *self)
{
  if (++self->batch_frames < 2)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, batch_after_paint_cb, self);
  if (eisfit_drt_page_is_busy (EISFIT_DRT_PAGE (self->drt_page)))
    {
      g_signal_connect (self->drt_page, "notify::busy", G_CALLBACK (batch_drt_busy_cb), self);
      return;
    }
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
  eisfit_window_batch_fit_finished (self, TRUE);
}

void
eisfit_window_batch_fit_finished (EisfitWindow *self, gboolean ok)
{
  if (!ok)
    {
      self->batch_done (self, 1, self->batch_data);
      return;
    }
  if (self->restoring_series)
    {
      /* a project's series is being fitted again: the results follow it
       * (eisfit-window-project.c calls this again) */
      self->batch_wait_series = TRUE;
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
      if (self->batch_refused)
        g_printerr ("eisfit-gtk: --series: not fitted: a spectrum of it was refused\n");
      else
        g_printerr ("eisfit-gtk: --series: needs two or more spectra with the keys to order "
                    "them\n");
      self->batch_fit_failed = TRUE;
    }
  batch_wait_frames (self);
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
  if (eisfit_document_get_path (self->document) && !fit_all)
    {
      /* a project (eisfit-window-project.c) shows its saved fits as they are */
      eisfit_window_batch_fit_finished (self, TRUE);
      return;
    }
  if (fit_all)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  items = eisfit_window_selected_items (self);
  eisfit_window_start_fits (self, items);
}
