/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Points left out of the fits, in the main window: a right-click on a point of the Nyquist or
 * Bode figure (leave it out, put it back), a rectangle dragged with Shift, the frequency range,
 * the summary under the figures and its Clear button, and --exclude from the command line.
 * What is left out is each spectrum's EisfitExclusions (eisfit-exclusions.c); a fitted spectrum
 * is fitted again when it changes. Moved out of eisfit-window.c. */
#include <config.h>

#include "eisfit-window-private.h"

#include <math.h>
#include <string.h>

#include "eisfit-conductivity-panel.h"
#include "eisfit-exclusions.h"
#include "eisfit-figure-page.h"
#include "eisfit-plot-view.h"
#include "eisfit-series-page.h"
#include "eisfit-spectrum-item.h"
#include "plot.h"

/* ---------------------------------------------------------------- points left out */

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

          if (!eisfit_figure_point_device (tr, panel, s, i, &qx, &qy))
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
  eisfit_window_update_exclusions_label (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
  if (eisfit_spectrum_item_get_fit (item) && !self->busy && !self->batch_done)
    {
      g_autoptr (GPtrArray) items = g_ptr_array_new ();

      g_ptr_array_add (items, item);
      eisfit_window_start_fits (self, items);
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
      g_autofree char *f = eisfit_format_si (s->freq_hz[i], "Hz");
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
        if (eisfit_figure_point_device (tr, panel, s, i, &qx, &qy) && qx >= MIN (x0, x1)
            && qx <= MAX (x0, x1) && (bode || (qy >= MIN (y0, y1) && qy <= MAX (y0, y1))))
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

void
eisfit_window_exclusions_class_init (GtkWidgetClass *widget_class)
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
