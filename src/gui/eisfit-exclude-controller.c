/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Points left out by a right-click or a Shift+drag on a figure (see
 * eisfit-exclude-controller.h). Moved out of the window (eisfit-window-exclude.c). */
#include <config.h>

#include "eisfit-exclude-controller.h"

#include <math.h>

#include "eisfit-conductivity-panel.h"
#include "eisfit-exclusions.h"
#include "eisfit-figure-page.h"
#include "eisfit-spectrum-item.h"
#include "plot.h"

struct _EisfitExcludeController {
  GObject parent_instance;

  EisfitPlotView *view;          /* borrowed: the figure page's child */
  EisfitDocument *document;
  GtkSelectionModel *selection;
  EisfitSpectrumItem *menu_item; /* the point the menu is about (borrowed; NULL once it
                                  * leaves the document) */
  size_t menu_index;
};

G_DEFINE_FINAL_TYPE (EisfitExcludeController, eisfit_exclude_controller, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, SIGNAL_MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
changed (EisfitExcludeController *self, EisfitSpectrumItem *item)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, item);
}

static void
popover_closed_cb (GtkPopover *popover, gpointer data)
{
  /* unparent after the menu's action ran */
  g_idle_add_once ((GSourceOnceFunc) gtk_widget_unparent, popover);
}

/* A right-click: the menu of the point under the pointer (leave it out or put it back), a
 * range to drag over, and every point back. */
static void
context_menu_cb (EisfitPlotView *view, double x, double y, EisfitExcludeController *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) more = g_menu_new ();
  g_autoptr (EisfitSpectrumItem) current = eisfit_figure_current_item (self->selection);
  EisfitSpectrumItem *item = NULL;
  size_t i = 0;
  GtkWidget *popover;

  self->menu_item = NULL;
  if (eisfit_figure_nearest_point (eisfit_plot_view_get_transform (view), self->selection, x,
                                   y, &item, &i, NULL, NULL))
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
          g_menu_append (menu, text, "exclude.put-back-point");
        }
      else if (range)
        {
          text = g_strdup_printf ("Put back %.3g to %.3g Hz", range->lo_hz, range->hi_hz);
          g_menu_append (menu, text, "exclude.put-back-range");
        }
      else
        {
          text = g_strdup_printf ("Leave this point out (point %zu, %s%s)", i + 1, f,
                                  eisfit_spectrum_item_is_outlier (item, i) ? ", an outlier" : "");
          g_menu_append (menu, text, "exclude.leave-out-point");
        }
    }
  g_menu_append (more, "Leave out a frequency range… (drag over it; or Shift+drag)",
                 "exclude.select-range");
  if (current && !eisfit_exclusions_is_empty (eisfit_spectrum_item_get_exclusions (current)))
    g_menu_append (more, "Put all points back", "exclude.clear-exclusions");
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
select_cb (EisfitPlotView *view, double x0, double y0, double x1, double y1,
           EisfitExcludeController *self)
{
  const EisPlotTransform *tr = eisfit_plot_view_get_transform (view);
  g_autoptr (GPtrArray) items = eisfit_figure_selected_items (self->selection);
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
          changed (self, item);
          any = TRUE;
        }
    }
  if (!any)
    g_signal_emit (self, signals[SIGNAL_MESSAGE], 0,
                   "No data point in that rectangle: nothing was left out.");
}

/* ---------------------------------------------------------------- the menu's actions */

static void
select_range_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  EisfitExcludeController *self = data;

  eisfit_plot_view_set_select_mode (self->view, TRUE);
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0,
                 "Drag over the points to leave out (their frequency range).");
}

/* Put all points back: of the first selected spectrum (the one the side panel shows). */
static void
clear_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  EisfitExcludeController *self = data;
  g_autoptr (EisfitSpectrumItem) item = eisfit_figure_current_item (self->selection);

  if (item)
    {
      eisfit_exclusions_clear (eisfit_spectrum_item_get_exclusions (item));
      changed (self, item);
    }
}

/* The menu's point: left out, put back, or the range around it put back. */
static void
point_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  EisfitExcludeController *self = data;
  const char *name = g_action_get_name (G_ACTION (action));
  EisfitSpectrumItem *item = self->menu_item;
  EisfitExclusions *ex;

  if (!item)
    return;
  ex = eisfit_spectrum_item_get_exclusions (item);
  if (g_str_equal (name, "leave-out-point"))
    eisfit_exclusions_set_point (ex, self->menu_index + 1, TRUE);
  else if (g_str_equal (name, "put-back-point"))
    eisfit_exclusions_set_point (ex, self->menu_index + 1, FALSE);
  else
    eisfit_exclusions_remove_ranges_at (
      ex, eisfit_spectrum_item_get_spectrum (item)->freq_hz[self->menu_index]);
  self->menu_item = NULL;
  changed (self, item);
}

/* ---------------------------------------------------------------- the object */

/* A spectrum left the document: an open menu no longer points at it. */
static void
spectrum_removed_cb (EisfitDocument *document, EisfitSpectrumItem *item, guint position,
                     EisfitExcludeController *self)
{
  if (self->menu_item == item)
    self->menu_item = NULL;
}

void
eisfit_exclude_controller_set_document (EisfitExcludeController *self, EisfitDocument *document,
                                        GtkSelectionModel *selection)
{
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_set_object (&self->selection, selection);
  self->menu_item = NULL;
  if (document)
    g_signal_connect (document, "spectrum-removed", G_CALLBACK (spectrum_removed_cb), self);
}

static void
eisfit_exclude_controller_dispose (GObject *object)
{
  EisfitExcludeController *self = EISFIT_EXCLUDE_CONTROLLER (object);

  /* the menu's actions point at the controller: they go with it */
  if (self->view)
    gtk_widget_insert_action_group (GTK_WIDGET (self->view), "exclude", NULL);
  self->view = NULL;
  eisfit_exclude_controller_set_document (self, NULL, NULL);
  G_OBJECT_CLASS (eisfit_exclude_controller_parent_class)->dispose (object);
}

static void
eisfit_exclude_controller_class_init (EisfitExcludeControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eisfit_exclude_controller_dispose;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, EISFIT_TYPE_SPECTRUM_ITEM);
  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_STRING);
}

static void
eisfit_exclude_controller_init (EisfitExcludeController *self)
{
}

EisfitExcludeController *
eisfit_exclude_controller_new (EisfitPlotView *view)
{
  static const GActionEntry entries[] = {
    { "leave-out-point", point_cb, NULL, NULL, NULL, { 0 } },
    { "put-back-point", point_cb, NULL, NULL, NULL, { 0 } },
    { "put-back-range", point_cb, NULL, NULL, NULL, { 0 } },
    { "select-range", select_range_cb, NULL, NULL, NULL, { 0 } },
    { "clear-exclusions", clear_cb, NULL, NULL, NULL, { 0 } } };
  EisfitExcludeController *self = g_object_new (EISFIT_TYPE_EXCLUDE_CONTROLLER, NULL);
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();

  self->view = view;
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "exclude", G_ACTION_GROUP (group));
  g_signal_connect_object (view, "context-menu", G_CALLBACK (context_menu_cb), self, 0);
  g_signal_connect_object (view, "select", G_CALLBACK (select_cb), self, 0);
  return self;
}
