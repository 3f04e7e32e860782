/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window's plot tabs (Nyquist, Bode, Residuals, Lin-KK, Arrhenius, DRT): each is a
 * widget of its own (EisfitFigurePage, EisfitDrtPage) that listens to the document and the
 * selection; here the window hands them these and shows their read-out in the status bar. */
#include <config.h>

#include "eisfit-window-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eisfit-drt-page.h"
#include "eisfit-figure-page.h"

#define HOVER_HINT "Point at the data for values; drag a rectangle to zoom, double-click to reset; " \
  "right-click a point to leave it out of the fit."

/* The read-out of the point under the pointer, or the hint when there is none. */
static void
plot_hover_cb (GtkWidget *page, const char *text, EisfitWindow *self)
{
  gtk_label_set_text (GTK_LABEL (self->hover_label), *text ? text : HOVER_HINT);
  if (*text)
    gtk_widget_remove_css_class (self->hover_label, "dim-label");
  else
    gtk_widget_add_css_class (self->hover_label, "dim-label");
}

void
eisfit_window_figures_class_init (GtkWidgetClass *widget_class)
{
  static const char *const names[N_PAGES] = { "nyquist_page", "bode_page", "residuals_page",
                                              "kk_page", "arrhenius_page" };
  int i;

  g_type_ensure (EISFIT_TYPE_FIGURE_PAGE);
  for (i = 0; i < N_PAGES; i++)
    gtk_widget_class_bind_template_child_full (widget_class, names[i], FALSE,
                                               G_STRUCT_OFFSET (EisfitWindow, figure_pages)
                                                 + i * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_callback (widget_class, plot_hover_cb);
}

void
eisfit_window_figures_init (EisfitWindow *self)
{
  int i;

  gtk_label_set_text (GTK_LABEL (self->hover_label), HOVER_HINT);
  gtk_widget_add_css_class (self->hover_label, "dim-label");
  for (i = 0; i < N_PAGES; i++)
    {
      EisfitFigurePage *page = EISFIT_FIGURE_PAGE (self->figure_pages[i]);

      self->plot_views[i] = eisfit_figure_page_get_plot (page);
      eisfit_figure_page_set_document (page, self->document,
                                       GTK_SELECTION_MODEL (self->selection));
    }
  eisfit_drt_page_set_document (EISFIT_DRT_PAGE (self->drt_page), self->document,
                                GTK_SELECTION_MODEL (self->selection));
}

void
eisfit_window_collect_arrhenius (EisfitWindow *self, EisfitArrheniusData *a)
{
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);

  eisfit_arrhenius_data_collect (self->document, items, a);
}

/* ---------------------------------------------------------------- --test-script steps */

/* The item at list position TEXT (0-based), a new reference; NULL when there is none. */
static EisfitSpectrumItem *
item_at (EisfitWindow *self, const char *text)
{
  guint pos = (guint) atoi (text);

  return pos < g_list_model_get_n_items (G_LIST_MODEL (self->store))
           ? g_list_model_get_item (G_LIST_MODEL (self->store), pos) : NULL;
}

int
eisfit_window_figures_script_step (EisfitWindow *self, char **argv, int argc)
{
  static const char *const names[N_PAGES] = { "nyquist", "bode", "residuals", "kk",
                                              "arrhenius" };
  g_autoptr (EisfitSpectrumItem) item = NULL;
  int i;

  if (strcmp (argv[0], "figure-state") == 0 && argc == 2)
    {
      for (i = 0; i < N_PAGES && strcmp (argv[1], names[i]) != 0; i++)
        ;
      if (i == N_PAGES)
        return 0;
      g_autofree char *state = eisfit_figure_page_dup_state (
        EISFIT_FIGURE_PAGE (self->figure_pages[i]));
      g_auto (GStrv) lines = g_strsplit (state, "\n", -1);

      for (char **l = lines; *l && **l; l++)
        printf ("%s %s\n", names[i], *l);
      fflush (stdout);
      return 1;
    }
  if (strcmp (argv[0], "document") != 0)
    return -1;
  /* the document changed behind the window's back: the pages must follow it themselves */
  if (argc < 3 || !(item = item_at (self, argv[2])))
    return 0;
  if (strcmp (argv[1], "remove") == 0 && argc == 3)
    eisfit_document_remove_spectrum (self->document, item, NULL);
  else if (strcmp (argv[1], "unfit") == 0 && argc == 3)
    eisfit_document_set_fit (self->document, item, NULL, NULL, "");
  else if (strcmp (argv[1], "label") == 0 && argc == 4)
    eisfit_spectrum_item_set_label (item, argv[3]);
  else if (strcmp (argv[1], "exclude") == 0 && argc == 4)
    {
      if (!eisfit_exclusions_parse_range (eisfit_spectrum_item_get_exclusions (item), argv[3]))
        return 0;
      eisfit_spectrum_item_exclusions_changed (item);
    }
  else if (strcmp (argv[1], "temperature") == 0 && argc == 4)
    {
      double t_c = g_ascii_strtod (argv[3], NULL);

      eisfit_spectrum_item_set_temperature (item, *argv[3] ? t_c + 273.15 : NAN, "entered");
    }
  else
    return 0;
  return 1;
}
