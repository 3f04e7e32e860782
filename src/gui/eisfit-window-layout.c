/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the main window shares its width between the figures and the side panel (circuit,
 * parameters, geometry, conductivity): the panel opens at its natural width when the window has
 * room for it and a figure of at least LAYOUT_PLOT_MIN pixels, else at what is left (never below
 * what its content needs); the width stays put on fits and selections; a width the user drags
 * to is kept when the window is resized, as far as the figure keeps its room. The Series and
 * Transference pages have controls of their own and need the width for their tables and
 * figures: the panel is hidden there unless the user shows it (win.show-panel, F9). Whether
 * the panel is shown and the width dragged to are kept in the settings for the next session. */
#include <config.h>

#include "eisfit-window-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAYOUT_PLOT_MIN 550     /* px: the narrowest figure the layout chooses */
#define LAYOUT_TABLE_MIN 342    /* px: what the parameter table of a fit needs, with a warning sign
                                 * beside an error (before a fit the panel needs less: it must not
                                 * be cut once fitted) */
#define LAYOUT_LIST_NARROW 130  /* px: the spectrum list in a window too narrow for the rest */
#define LAYOUT_LIST_WIDE 150
#define LAYOUT_MARGIN_NARROW 6  /* px: the panel's side margins in a narrow window, else 12 */
#define LAYOUT_MARGIN_WIDE 12

typedef struct {
  GtkWidget *paned;        /* figures | panel */
  GtkWidget *outer;        /* spectrum list | (figures | panel) */
  int laid_out_width;      /* the paned's width when the position was last chosen, 0: never */
  int user_panel;          /* px the user dragged the panel to, 0: none */
  gboolean setting;        /* the position is being set by us */
  guint idle;
  gboolean shown[2];       /* the panel wanted on figure pages [0], on Series/Transference [1] */
  int page_kind;           /* 0 or 1: the kind of page shown */
  int list_set;            /* the spectrum list's width we last chose */
} Layout;

static Layout *
layout_of (EisfitWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "eisfit-layout");
}

/* The panel's natural and minimum widths (its content, margins and a scroll bar). */
static void
panel_widths (EisfitWindow *self, int *min, int *nat)
{
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->panel_scroller));
  GtkWidget *box = child && GTK_IS_VIEWPORT (child) ? gtk_viewport_get_child (GTK_VIEWPORT (child))
                                                    : child;
  int m = 0, n = 0, margins = 0;

  if (child)
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &m, &n, NULL, NULL);
  if (!gtk_scrolled_window_get_overlay_scrolling (GTK_SCROLLED_WINDOW (self->panel_scroller)))
    m += 12, n += 12; /* room for a vertical scroll bar beside the content */
  if (box)
    margins = gtk_widget_get_margin_start (box) + gtk_widget_get_margin_end (box);
  *min = MAX (m, LAYOUT_TABLE_MIN + margins);
  *nat = MAX (n, *min);
}

/* Chooses the paned's position for its current width. */
static void
layout_apply (EisfitWindow *self)
{
  Layout *l = layout_of (self);
  int width = gtk_widget_get_width (l->paned), pmin, pnat, want, panel, plot_min;
  int handle = 1;

  if (width <= 0 || !gtk_widget_get_visible (self->panel_scroller))
    return;
  gtk_widget_measure (self->stack, GTK_ORIENTATION_HORIZONTAL, -1, &plot_min, NULL, NULL, NULL);
  plot_min = MAX (plot_min, LAYOUT_PLOT_MIN);
  panel_widths (self, &pmin, &pnat);
  want = l->user_panel > 0 ? l->user_panel : pnat;
  /* the figure gets LAYOUT_PLOT_MIN before the panel gets more than its content needs */
  panel = want;
  if (width - handle - panel < plot_min)
    panel = MAX (width - handle - plot_min, MIN (pmin, want));
  panel = CLAMP (panel, 0, MAX (0, width - handle - 1));
  l->setting = TRUE;
  gtk_paned_set_position (GTK_PANED (l->paned), width - handle - panel);
  l->setting = FALSE;
  l->laid_out_width = width;
}

static gboolean
layout_idle_cb (gpointer data)
{
  EisfitWindow *self = data;
  Layout *l = layout_of (self);
  int window = gtk_widget_get_width (GTK_WIDGET (self));
  int list = window > 0 && window < 1200 ? LAYOUT_LIST_NARROW : LAYOUT_LIST_WIDE;
  int margin = window > 0 && window < 1200 ? LAYOUT_MARGIN_NARROW : LAYOUT_MARGIN_WIDE;
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->panel_scroller));
  GtkWidget *box = child && GTK_IS_VIEWPORT (child) ? gtk_viewport_get_child (GTK_VIEWPORT (child))
                                                    : child;

  l->idle = 0;
  /* in a narrow window the panel's margins are narrower */
  if (box)
    {
      gtk_widget_set_margin_start (box, margin);
      gtk_widget_set_margin_end (box, margin);
    }
  /* in a narrow window the spectrum list gives the figure 20 px (a width the user dragged the
   * list to is left alone) */
  if (list != l->list_set
      && (l->list_set == 0 || gtk_paned_get_position (GTK_PANED (l->outer)) == l->list_set))
    {
      gtk_paned_set_position (GTK_PANED (l->outer), list);
      l->list_set = list;
    }
  layout_apply (self);
  return G_SOURCE_REMOVE;
}

static void
layout_queue (EisfitWindow *self)
{
  Layout *l = layout_of (self);

  if (!l->idle)
    l->idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, layout_idle_cb, self, NULL);
}

/* The paned's width changed (its largest position follows it): lay out again. */
static void
max_position_cb (GObject *paned, GParamSpec *pspec, EisfitWindow *self)
{
  Layout *l = layout_of (self);

  if (l && !gtk_widget_in_destruction (GTK_WIDGET (self))
      && gtk_widget_get_width (l->paned) != l->laid_out_width)
    layout_queue (self);
}

/* The position changed at an unchanged width, not by us: the user dragged the handle. */
static void
position_cb (GObject *paned, GParamSpec *pspec, EisfitWindow *self)
{
  Layout *l = layout_of (self);
  int width = gtk_widget_get_width (l->paned);

  if (!l || l->setting || l->laid_out_width == 0 || width != l->laid_out_width
      || !gtk_widget_get_visible (self->panel_scroller))
    return;
  l->user_panel = MAX (1, width - 1 - gtk_paned_get_position (GTK_PANED (l->paned)));
  if (self->settings)
    self->settings->panel_width = l->user_panel;   /* kept for the next session */
}

static void
show_panel (EisfitWindow *self, gboolean show)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-panel");

  /* the paned keeps its position while the panel is hidden: it comes back at its width */
  gtk_widget_set_visible (self->panel_scroller, show);
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (show));
}

static void
switch_page_cb (GtkNotebook *notebook, GtkWidget *page, guint num, EisfitWindow *self)
{
  Layout *l = layout_of (self);

  if (!l || gtk_widget_in_destruction (GTK_WIDGET (self)) || !self->panel_scroller)
    return;
  l->page_kind = (num == (guint) gtk_notebook_page_num (notebook, self->series_page)
                  || num == (guint) gtk_notebook_page_num (notebook, self->transference_page));
  show_panel (self, l->shown[l->page_kind]);
}

static void
show_panel_activate_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  EisfitWindow *self = data;
  Layout *l = layout_of (self);
  GVariant *state = g_action_get_state (G_ACTION (action));
  gboolean show = !g_variant_get_boolean (state);

  g_variant_unref (state);
  l->shown[l->page_kind] = show;
  if (self->settings)
    self->settings->panel_shown[l->page_kind] = show;   /* kept for the next session */
  show_panel (self, show);
}

static void
layout_free (gpointer data)
{
  Layout *l = data;

  if (l->idle)
    g_source_remove (l->idle);
  g_free (l);
}

gboolean
eisfit_window_layout_panel_shown (EisfitWindow *self)
{
  return gtk_widget_get_visible (self->panel_scroller);
}

void
eisfit_window_layout_toggle_panel (EisfitWindow *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "show-panel", NULL);
}

void
eisfit_window_layout_init (EisfitWindow *self)
{
  static const GActionEntry entries[] = {
    { "show-panel", show_panel_activate_cb, NULL, "true", NULL, { 0 } },
  };
  Layout *l = g_new0 (Layout, 1);
  GtkWidget *titlebar, *button;
  GtkEventController *shortcuts;

  l->paned = gtk_widget_get_parent (self->panel_scroller);
  l->outer = gtk_widget_get_parent (l->paned);
  l->shown[0] = TRUE;
  l->shown[1] = FALSE;
  g_object_set_data_full (G_OBJECT (self), "eisfit-layout", l, layout_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_signal_connect (l->paned, "notify::max-position", G_CALLBACK (max_position_cb), self);
  g_signal_connect (l->paned, "notify::position", G_CALLBACK (position_cb), self);
  g_signal_connect (self->stack, "switch-page", G_CALLBACK (switch_page_cb), self);

  titlebar = gtk_window_get_titlebar (GTK_WINDOW (self));
  if (GTK_IS_HEADER_BAR (titlebar))
    {
      button = gtk_toggle_button_new ();
      gtk_button_set_icon_name (GTK_BUTTON (button), "sidebar-show-right-symbolic");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-panel");
      gtk_widget_set_tooltip_text (button, "Show or hide the side panel: circuit, parameters, "
                                           "geometry, conductivity (F9)");
      gtk_header_bar_pack_end (GTK_HEADER_BAR (titlebar), button);
    }
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F9, 0),
                      gtk_named_action_new ("win.show-panel")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

void
eisfit_window_layout_restore (EisfitWindow *self)
{
  Layout *l = layout_of (self);
  const EisfitSettings *s = self->settings;

  /* the width as dragged: layout_apply gives the figure its room first, so a width saved in a
   * wider window is narrowed here, not obeyed */
  if (s->panel_width > 0)
    l->user_panel = s->panel_width;
  for (int i = 0; i < 2; i++)
    if (s->panel_shown[i] >= 0)
      l->shown[i] = s->panel_shown[i];
  show_panel (self, l->shown[l->page_kind]);
  layout_queue (self);
}

void
eisfit_window_layout_panel_widths (EisfitWindow *self, int *min, int *nat)
{
  panel_widths (self, min, nat);
}

void
eisfit_window_layout_drag_panel (EisfitWindow *self, int panel_px)
{
  Layout *l = layout_of (self);

  gtk_paned_set_position (GTK_PANED (l->paned), gtk_widget_get_width (l->paned) - 1 - panel_px);
}

int
eisfit_window_layout_script_step (EisfitWindow *self, char **argv, int argc)
{
  Layout *l = layout_of (self);

  if (strcmp (argv[0], "panel") == 0 && argc == 2 && strcmp (argv[1], "toggle") == 0)
    eisfit_window_layout_toggle_panel (self);
  else if (strcmp (argv[0], "panel") == 0 && argc == 3 && strcmp (argv[1], "drag") == 0)
    eisfit_window_layout_drag_panel (self, atoi (argv[2]));
  else if (strcmp (argv[0], "resize") == 0 && argc == 3)
    gtk_window_set_default_size (GTK_WINDOW (self), atoi (argv[1]), atoi (argv[2]));
  else if (strcmp (argv[0], "print-panel") == 0 && argc == 1)
    {
      int pmin, pnat;

      panel_widths (self, &pmin, &pnat);
      printf ("window: %d x %d\nlist: %d\nplots: %d\npanel: %s %d (min %d, natural %d)\n",
              gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
              gtk_widget_get_width (gtk_paned_get_start_child (GTK_PANED (l->outer))),
              gtk_widget_get_width (self->stack),
              gtk_widget_get_visible (self->panel_scroller) ? "shown" : "hidden",
              gtk_widget_get_visible (self->panel_scroller)
                ? gtk_widget_get_width (self->panel_scroller) : 0, pmin, pnat);
      fflush (stdout);
    }
  else
    return -1;
  return 1;
}
