/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A src/plot figure in a drawing area with zoom and hover (see eisfit-plot-view.h).
 * The figure is drawn by PLplot on the main thread into a cached image at the widget's size;
 * the zoom rectangle and the hover marker are painted on top without drawing it again. */
#include "eisfit-plot-view.h"

#include <math.h>
#include <string.h>

struct _EisfitPlotView {
  GtkWidget parent_instance;

  GtkWidget *overlay;
  GtkWidget *area;
  GtkWidget *reset_button;
  GtkWidget *placeholder;

  EisfitPlotDrawFunc draw;
  EisfitPlotHoverFunc hover;
  gpointer user_data;
  gboolean zoomable;
  gboolean blank; /* a placeholder text is shown instead of the figure */

  cairo_surface_t *cache;
  int cache_w, cache_h, cache_scale, cache_dark;
  double cache_font;
  EisPlotTransform tr;
  gboolean have_tr;
  EisPlotView view;

  gboolean dragging;
  double drag_x0, drag_y0, drag_x1, drag_y1;
  gboolean marker;
  double marker_x, marker_y;

  gboolean show_all;    /* not zoomed: all the data, not the figure's own choice (reset) */
  gboolean selecting;   /* the drag selects points (Shift, or the select mode) instead of zooming */
  gboolean select_mode; /* the next drag selects (set from a context menu) */
};

enum { SIGNAL_HOVER, SIGNAL_CONTEXT_MENU, SIGNAL_SELECT, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EisfitPlotView, eisfit_plot_view, GTK_TYPE_WIDGET)

/* The traces' colours on the dark theme's plot background (RGB 36, 36, 36): the Okabe & Ito
 * palette of paper (src/plot/plot-common.c) in the same order and hues, lightened so that each
 * has a contrast of at least 4.5:1 there (WCAG's for text; the paper blue 0, 114, 178 has 3.0:1
 * and the vermillion 4.0:1), the blue kept apart from the sky blue by lightness. Black becomes
 * a light grey. tests/gui/test-gui-dark-palette.sh measures the contrasts. */
static const unsigned char dark_palette[EIS_PLOT_NCOLORS][3] = {
  { 92, 162, 245 },  /* blue */
  { 245, 124, 52 },  /* vermillion */
  { 40, 192, 142 },  /* bluish green */
  { 228, 142, 192 }, /* reddish purple */
  { 236, 168, 30 },  /* orange */
  { 165, 222, 255 }, /* sky blue */
  { 222, 222, 222 }, /* black: light grey */
  { 240, 228, 66 },  /* yellow */
};

/* How figures are drawn in this widget: text at the size of the user's interface font (points,
 * whatever the window's size), and light on dark when the theme is dark. Files are drawn with
 * the defaults (white, text following the figure's size). */
static EisPlotStyle
screen_style (EisfitPlotView *self)
{
  EisPlotStyle st = { 0, 0, NULL };
  g_autofree char *font = NULL;
  GdkRGBA fg;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font, NULL);
  if (font)
    {
      PangoFontDescription *d = pango_font_description_from_string (font);
      double size = pango_font_description_get_size (d) / (double) PANGO_SCALE;

      /* points at 96 dpi, or pixels */
      st.font_px = pango_font_description_get_size_is_absolute (d) ? size : size * 96.0 / 72.0;
      pango_font_description_free (d);
    }
  if (!(st.font_px >= 6 && st.font_px <= 60))
    st.font_px = 14.0;
#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
#endif
  st.dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5; /* light text */
  st.palette = st.dark ? dark_palette : NULL;
  return st;
}

static void
paint_background (cairo_t *cr, const EisPlotStyle *st)
{
  if (st->dark)
    cairo_set_source_rgb (cr, 36 / 255.0, 36 / 255.0, 36 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

static void
draw_func_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  EisfitPlotView *self = EISFIT_PLOT_VIEW (data);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  EisPlotStyle st = screen_style (self);

  if (!self->draw || self->blank || width <= 1 || height <= 1)
    {
      paint_background (cr, &st);
      return;
    }
  if (!self->cache || self->cache_w != width || self->cache_h != height
      || self->cache_scale != scale || self->cache_dark != st.dark
      || self->cache_font != st.font_px)
    {
      EisError err = { 0 };
      cairo_t *ccr;
      int status;

      g_clear_pointer (&self->cache, cairo_surface_destroy);
      self->cache = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale,
                                                height * scale);
      cairo_surface_set_device_scale (self->cache, scale, scale);
      ccr = cairo_create (self->cache);
      memset (&self->tr, 0, sizeof self->tr);
      eis_plot_set_style (&st);
      status = self->draw (ccr, width, height, &self->view, &self->tr, &err, self->user_data);
      eis_plot_set_style (NULL); /* exports are drawn for paper */
      if (status != EIS_OK)
        {
          paint_background (ccr, &st);
          if (st.dark)
            cairo_set_source_rgb (ccr, 1.0, 0.55, 0.5);
          else
            cairo_set_source_rgb (ccr, 0.6, 0.1, 0.1);
          cairo_select_font_face (ccr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                                  CAIRO_FONT_WEIGHT_NORMAL);
          cairo_set_font_size (ccr, 14);
          cairo_move_to (ccr, 20, 30);
          cairo_show_text (ccr, err.message[0] ? err.message : "the figure could not be drawn");
          self->have_tr = FALSE;
        }
      else
        self->have_tr = TRUE;
      cairo_destroy (ccr);
      self->cache_w = width;
      self->cache_h = height;
      self->cache_scale = scale;
      self->cache_dark = st.dark;
      self->cache_font = st.font_px;
    }

  cairo_set_source_surface (cr, self->cache, 0, 0);
  cairo_paint (cr);

  if (self->marker)
    {
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.85);
      cairo_arc (cr, self->marker_x, self->marker_y, 7, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  if (self->dragging)
    {
      double x = MIN (self->drag_x0, self->drag_x1), y = MIN (self->drag_y0, self->drag_y1);
      double w = fabs (self->drag_x1 - self->drag_x0), h = fabs (self->drag_y1 - self->drag_y0);

      double c[3] = { 0.21, 0.52, 0.89 };

      if (self->selecting) /* points to leave out: grey, as they will be drawn */
        c[0] = c[1] = c[2] = 0.45;
      cairo_rectangle (cr, x + 0.5, y + 0.5, w, h);
      cairo_set_source_rgba (cr, c[0], c[1], c[2], 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, c[0], c[1], c[2], 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

static void
drop_cache (EisfitPlotView *self)
{
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  self->have_tr = FALSE;
  self->marker = FALSE;
}

static void
resize_cb (GtkDrawingArea *area, int width, int height, gpointer data)
{
  drop_cache (EISFIT_PLOT_VIEW (data));
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, EisfitPlotView *self)
{
  GdkModifierType state
    = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->selecting = self->select_mode || (state & GDK_SHIFT_MASK);
  if ((!self->zoomable && !self->selecting) || !self->have_tr
      || eis_plot_device_to_world (&self->tr, x, y, &(double){ 0 }, &(double){ 0 }) < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragging = TRUE;
  self->drag_x0 = self->drag_x1 = x;
  self->drag_y0 = self->drag_y1 = y;
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, EisfitPlotView *self)
{
  if (!self->dragging)
    return;
  self->drag_x1 = self->drag_x0 + dx;
  self->drag_y1 = self->drag_y0 + dy;
  gtk_widget_queue_draw (self->area);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, EisfitPlotView *self)
{
  double xa, ya, xb, yb;
  int pa, pb, kind;

  if (!self->dragging)
    return;
  self->dragging = FALSE;
  gtk_widget_queue_draw (self->area);
  if (self->selecting)
    {
      self->selecting = self->select_mode = FALSE;
      if (fabs (dx) >= 3 || fabs (dy) >= 3)
        g_signal_emit (self, signals[SIGNAL_SELECT], 0, self->drag_x0, self->drag_y0,
                       self->drag_x0 + dx, self->drag_y0 + dy);
      return;
    }
  if (fabs (dx) < 6 || fabs (dy) < 6)
    return;
  pa = eis_plot_device_to_world (&self->tr, self->drag_x0, self->drag_y0, &xa, &ya);
  /* the far corner may lie outside the box: clamp it into the panel of the first corner */
  if (pa < 0)
    return;
  {
    const EisPlotPanel *p = &self->tr.panel[pa];
    double x1 = CLAMP (self->drag_x0 + dx, MIN (p->px0, p->px1), MAX (p->px0, p->px1));
    double y1 = CLAMP (self->drag_y0 + dy, MIN (p->py0, p->py1), MAX (p->py0, p->py1));

    pb = eis_plot_device_to_world (&self->tr, x1, y1, &xb, &yb);
  }
  if (pb != pa)
    return;
  kind = self->tr.panel[pa].kind;
  self->view.set = 1;
  self->view.xmin = MIN (xa, xb);
  self->view.xmax = MAX (xa, xb);
  if (kind == EIS_PLOT_PANEL_BODE_MOD || kind == EIS_PLOT_PANEL_BODE_PHASE)
    self->view.ymin = self->view.ymax = 0; /* frequency range only */
  else
    {
      self->view.ymin = MIN (ya, yb);
      self->view.ymax = MAX (ya, yb);
    }
  gtk_widget_set_visible (self->reset_button, TRUE);
  eisfit_plot_view_invalidate (self);
}

static void
click_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y,
                  EisfitPlotView *self)
{
  /* a click on the figure gives it the keyboard (Ctrl+C copies it) */
  gtk_widget_grab_focus (self->area);
  if (n_press == 2 && self->zoomable && !self->blank)
    eisfit_plot_view_reset_zoom (self);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y,
                      EisfitPlotView *self)
{
  if (n_press == 1 && self->have_tr && !self->blank)
    g_signal_emit (self, signals[SIGNAL_CONTEXT_MENU], 0, x, y);
}

static void
motion_cb (GtkEventControllerMotion *motion, double x, double y, EisfitPlotView *self)
{
  g_autofree char *text = NULL;
  double mx = 0, my = 0;
  gboolean had = self->marker;

  if (self->have_tr && self->hover)
    text = self->hover (&self->tr, x, y, &mx, &my, self->user_data);
  self->marker = text != NULL;
  self->marker_x = mx;
  self->marker_y = my;
  if (had || self->marker)
    gtk_widget_queue_draw (self->area);
  g_signal_emit (self, signals[SIGNAL_HOVER], 0, text ? text : "");
}

static void
leave_cb (GtkEventControllerMotion *motion, EisfitPlotView *self)
{
  if (self->marker)
    {
      self->marker = FALSE;
      gtk_widget_queue_draw (self->area);
    }
  g_signal_emit (self, signals[SIGNAL_HOVER], 0, "");
}

static void
reset_clicked_cb (GtkButton *button, EisfitPlotView *self)
{
  eisfit_plot_view_reset_zoom (self);
}

static void
eisfit_plot_view_dispose (GObject *object)
{
  EisfitPlotView *self = EISFIT_PLOT_VIEW (object);

  g_clear_pointer (&self->cache, cairo_surface_destroy);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_PLOT_VIEW);
  G_OBJECT_CLASS (eisfit_plot_view_parent_class)->dispose (object);
}

static void
eisfit_plot_view_class_init (EisfitPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_plot_view_dispose;

  /* Emitted with the hover read-out text ("" when the pointer is away from the data). */
  signals[SIGNAL_HOVER] = g_signal_new ("hover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Right-click at (x, y) over the figure (device units, as the transform). */
  signals[SIGNAL_CONTEXT_MENU] = g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* A rectangle (x0, y0)-(x1, y1) dragged with Shift (or in the select mode). */
  signals[SIGNAL_SELECT] = g_signal_new ("select", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_DOUBLE,
                                         G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-plot-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitPlotView, overlay);
  gtk_widget_class_bind_template_child (widget_class, EisfitPlotView, area);
  gtk_widget_class_bind_template_child (widget_class, EisfitPlotView, reset_button);
  gtk_widget_class_bind_template_child (widget_class, EisfitPlotView, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, click_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "plotview");
}

static void
eisfit_plot_view_init (EisfitPlotView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_func_cb, self, NULL);
  g_signal_connect (self->area, "resize", G_CALLBACK (resize_cb), self);
  gtk_widget_set_focusable (self->area, TRUE);
  self->zoomable = TRUE;
  {
    GtkGesture *secondary = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
    g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
    gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (secondary));
  }
}

GtkWidget *
eisfit_plot_view_new (void)
{
  return g_object_new (EISFIT_TYPE_PLOT_VIEW, NULL);
}

void
eisfit_plot_view_set_funcs (EisfitPlotView *self, EisfitPlotDrawFunc draw,
                            EisfitPlotHoverFunc hover, gpointer user_data)
{
  self->draw = draw;
  self->hover = hover;
  self->user_data = user_data;
  eisfit_plot_view_invalidate (self);
}

void
eisfit_plot_view_set_zoomable (EisfitPlotView *self, gboolean zoomable)
{
  self->zoomable = zoomable;
}

void
eisfit_plot_view_invalidate (EisfitPlotView *self)
{
  drop_cache (self);
  gtk_widget_queue_draw (self->area);
}

void
eisfit_plot_view_reset_zoom (EisfitPlotView *self)
{
  /* zoomed: back to all the data; not zoomed: between all the data and the figure's own view */
  self->show_all = self->view.set ? TRUE : !self->show_all;
  memset (&self->view, 0, sizeof self->view);
  gtk_widget_set_visible (self->reset_button, FALSE);
  eisfit_plot_view_invalidate (self);
}

void
eisfit_plot_view_set_min_height (EisfitPlotView *self, int height_px)
{
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), height_px);
}

void
eisfit_plot_view_set_placeholder (EisfitPlotView *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->placeholder), text ? text : "");
  gtk_widget_set_visible (self->placeholder, text != NULL);
  self->blank = text != NULL;
  eisfit_plot_view_invalidate (self);
}

const EisPlotView *
eisfit_plot_view_get_view (EisfitPlotView *self)
{
  return &self->view;
}

const char *
eisfit_plot_view_get_placeholder (EisfitPlotView *self)
{
  return self->blank ? gtk_label_get_text (GTK_LABEL (self->placeholder)) : NULL;
}

const EisPlotTransform *
eisfit_plot_view_get_transform (EisfitPlotView *self)
{
  return self->have_tr ? &self->tr : NULL;
}

void
eisfit_plot_view_set_select_mode (EisfitPlotView *self, gboolean select)
{
  self->select_mode = select;
}

gboolean
eisfit_plot_view_get_show_all (EisfitPlotView *self)
{
  return self->show_all;
}

char *
eisfit_plot_view_dup_panels (EisfitPlotView *self)
{
  const EisPlotTransform *tr = eisfit_plot_view_get_transform (self);
  GString *s = g_string_new (NULL);

  for (size_t i = 0; tr && i < tr->npanels; i++)
    {
      const EisPlotPanel *p = &tr->panel[i];

      g_string_append_printf (s, "%s%.0f x %.0f px, x %.6g to %.6g, y %.6g to %.6g",
                              i ? "; " : "", p->px1 - p->px0, p->py1 - p->py0, p->wx0, p->wx1,
                              p->wy0, p->wy1);
    }
  if (!s->len)
    g_string_append (s, "none");
  return g_string_free (s, FALSE);
}
