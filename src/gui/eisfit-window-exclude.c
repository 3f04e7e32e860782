/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Points left out of the fits, in the main window: the summary under the fit and its Put all
 * back button, --exclude from the command line, and what follows a change (a fitted spectrum
 * is fitted again). What is left out is each spectrum's EisfitExclusions (eisfit-exclusions.c);
 * the Nyquist and Bode figures' right-click menu and Shift+drag are their pages'
 * (eisfit-exclude-controller.c): the window only connects them. */
#include <config.h>

#include "eisfit-window-private.h"

#include "eisfit-exclude-controller.h"
#include "eisfit-exclusions.h"
#include "eisfit-figure-page.h"
#include "eisfit-series-page.h"
#include "eisfit-spectrum-item.h"

/* ---------------------------------------------------------------- points left out */

void
eisfit_window_update_exclusions_label (EisfitWindow *self)
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
void
eisfit_window_exclusions_changed (EisfitWindow *self, EisfitSpectrumItem *item)
{
  eisfit_spectrum_item_exclusions_changed (item);
  eisfit_window_mark_changed (self);
  eisfit_window_update_exclusions_label (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
  if (eisfit_spectrum_item_get_fit (item) && !self->busy && !self->batch_done)
    {
      g_autoptr (GPtrArray) items = g_ptr_array_new ();

      g_ptr_array_add (items, item);
      eisfit_window_start_fits (self, items);
    }
}

/* A figure's right-click menu or Shift+drag left points of ITEM out or put them back. */
static void
excluder_changed_cb (EisfitExcludeController *excluder, EisfitSpectrumItem *item,
                     EisfitWindow *self)
{
  eisfit_window_exclusions_changed (self, item);
}

static void
excluder_message_cb (EisfitExcludeController *excluder, const char *text, EisfitWindow *self)
{
  gtk_label_set_text (GTK_LABEL (self->hover_label), text);
}

/* Put all back: every point of the spectrum the side panel shows. */
static void
exclusions_clear_clicked_cb (GtkButton *button, EisfitWindow *self)
{
  if (!self->current)
    return;
  eisfit_exclusions_clear (eisfit_spectrum_item_get_exclusions (self->current));
  eisfit_window_exclusions_changed (self, self->current);
}

/* The row under the fit's summary ("Left out: ...", a button to put them back); the Nyquist
 * and Bode pages' right-click menu and Shift+drag connected. */
void
eisfit_window_exclusions_init (EisfitWindow *self)
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
  eisfit_fit_panel_add_under_summary (PANEL (self), self->excl_box);
  for (i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      EisfitExcludeController *excluder = eisfit_figure_page_get_exclude_controller (
        EISFIT_FIGURE_PAGE (self->figure_pages[pages[i]]));

      g_signal_connect (excluder, "changed", G_CALLBACK (excluder_changed_cb), self);
      g_signal_connect (excluder, "message", G_CALLBACK (excluder_message_cb), self);
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
          eisfit_window_show_message (self, msg);
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
              eisfit_window_show_message (self, msg);
              ok = FALSE;
            }
        }
      eisfit_spectrum_item_exclusions_changed (item);
    }
  eisfit_window_update_exclusions_label (self);
  return ok;
}
