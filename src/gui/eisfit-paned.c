/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GtkPaned whose fixed side opens at its natural height (see eisfit-paned.h). */
#include "eisfit-paned.h"

typedef struct {
  GtkWidget *side;      /* borrowed: a child of the paned */
  int least, most;      /* px; most <= 0: no cap */
  double most_frac;     /* > 0: the cap is at least this share of the paned's height */
  int width, height;    /* the paned's size SIDE was last fitted for */
  guint idle;
} FitSide;

static gboolean
position_set (GtkPaned *paned)
{
  gboolean set = FALSE;

  g_object_get (paned, "position-set", &set, NULL);
  return set;
}

static FitSide *
fit_side_of (GtkPaned *paned)
{
  return g_object_get_data (G_OBJECT (paned), "eisfit-paned-fit-side");
}

static void
fit_side_free (gpointer data)
{
  FitSide *f = data;

  g_clear_handle_id (&f->idle, g_source_remove);
  g_free (f);
}

/* SIDE's least height: its natural height for the paned's width, within the bounds, while
 * the user has not moved the handle; the bound alone after that. */
static gboolean
fit_idle_cb (gpointer data)
{
  GtkPaned *paned = data;
  FitSide *f = fit_side_of (paned);
  int w = gtk_widget_get_width (GTK_WIDGET (paned)), nat = 0, want;
  int h = gtk_widget_get_height (GTK_WIDGET (paned));
  int most = f->most_frac > 0 ? MAX (f->most, (int) (f->most_frac * h)) : f->most;

  f->idle = 0;
  /* a page not shown is fitted when it is (its size asked for would lay out the window anew
   * for nothing) */
  if (!gtk_widget_get_mapped (GTK_WIDGET (paned)))
    return G_SOURCE_REMOVE;
  f->width = w;
  f->height = h;
  if (position_set (paned))
    want = f->least;
  else
    {
      /* measured without the request raised before */
      GtkWidget *m = f->side;

      /* a scrolled window's child, for the paned's width (the window measures it unwrapped) */
      if (GTK_IS_SCROLLED_WINDOW (m) && gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (m)))
        m = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (m));
      gtk_widget_set_size_request (f->side, -1, -1);
      gtk_widget_measure (m, GTK_ORIENTATION_VERTICAL, w > 0 ? w : -1, NULL, &nat, NULL, NULL);
      want = most > 0 ? MIN (nat, most) : nat;
      want = MAX (want, f->least);
    }
  /* (measuring set it to -1 above) */
  gtk_widget_set_size_request (f->side, -1, want);
  return G_SOURCE_REMOVE;
}

static void
refit_later (GtkPaned *paned)
{
  FitSide *f = fit_side_of (paned);

  if (f && !f->idle)
    f->idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, fit_idle_cb, paned, NULL);
}

/* Now, and once more when idle (a list measures rows added just now only after that). */
void
eisfit_paned_refit (GtkPaned *paned)
{
  FitSide *f = fit_side_of (paned);

  if (!f)
    return;
  g_clear_handle_id (&f->idle, g_source_remove);
  fit_idle_cb (paned);
  refit_later (paned);
}

/* The handle was moved (position-set turns TRUE on the first motion of a drag): SIDE keeps
 * only its least height at once, before the paned clamps the position dragged to. */
static void
position_set_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  eisfit_paned_refit (GTK_PANED (object));
}

/* The paned's size changed (a wrapped report has another height for another width): fitted
 * again once it is laid out. */
static void
max_position_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  FitSide *f = fit_side_of (GTK_PANED (object));

  if (f && (gtk_widget_get_width (GTK_WIDGET (object)) != f->width
            || (f->most_frac > 0 && gtk_widget_get_height (GTK_WIDGET (object)) != f->height)))
    refit_later (GTK_PANED (object));
}

void
eisfit_paned_fit_side (GtkPaned *paned, GtkWidget *side, int least_px, int most_px)
{
  FitSide *f = g_new0 (FitSide, 1);

  f->side = side;
  f->least = least_px;
  f->most = most_px;
  g_object_set_data_full (G_OBJECT (paned), "eisfit-paned-fit-side", f, fit_side_free);
  g_signal_connect (paned, "notify::position-set", G_CALLBACK (position_set_cb), NULL);
  g_signal_connect (paned, "notify::max-position", G_CALLBACK (max_position_cb), NULL);
  g_signal_connect (paned, "map", G_CALLBACK (refit_later), NULL);
  refit_later (paned);
}

void
eisfit_paned_set_most (GtkPaned *paned, int most_px)
{
  FitSide *f = fit_side_of (paned);

  if (f && f->most != most_px)
    {
      f->most = most_px;
      refit_later (paned);
    }
}

void
eisfit_paned_set_most_fraction (GtkPaned *paned, double fraction)
{
  FitSide *f = fit_side_of (paned);

  if (f)
    {
      f->most_frac = fraction;
      refit_later (paned);
    }
}

gboolean
eisfit_paned_moved (GtkPaned *paned)
{
  return position_set (paned);
}
