/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Series page share (eisfit-series-page.c: the page, its choices,
 * status and output; eisfit-series-trends.c: the trend plot; the table is a widget of its
 * own, eisfit-series-table.c, and the fit a controller, eisfit-series-job.c): the page's state
 * and the functions one file calls in another. Not for other files. */
#ifndef EISFIT_SERIES_PAGE_PRIVATE_H
#define EISFIT_SERIES_PAGE_PRIVATE_H

#include "eisfit-series-job.h"
#include "eisfit-series-page.h"

#include "plot.h"
#include "series.h"
#include "series-arrhenius.h"

#define KELVIN_0C 273.15
#define MAX_QUANTITIES 64

struct _EisfitSeriesPage {
  GtkWidget parent_instance;

  GtkWidget *scope_dropdown;
  GtkWidget *order_dropdown;
  GtkWidget *circuit_entry;
  GtkWidget *shared_entry;
  GtkWidget *shared_box;
  GtkWidget *law_dropdown;
  GtkWidget *arrhenius_label;
  GtkWidget *adopt_button;
  GtkWidget *fit_button;
  GtkWidget *export_button;
  GtkWidget *copy_button;
  GtkWidget *spinner;
  GtkWidget *status_label;
  GtkWidget *stale_label;
  GtkWidget *table;          /* EisfitSeriesTable */
  GtkWidget *trends_button;
  GtkWidget *trends_box;
  GtkWidget *axis_dropdown;
  GtkWidget *trends_note;
  GtkWidget *plot;
  GtkWidget *paned;          /* the table above its handle, the trends below */
  GtkWidget *law_scroller;   /* the law's results and the status */
  guint law_idle;            /* fitting the scroller's height to its lines */
  int law_width;             /* the width it was fitted for */

  GListModel *spectra;
  GtkSelectionModel *selection;
  EisfitSeriesGeometryFunc geometry;
  gpointer geometry_data;
  EisfitSeriesAdoptFunc adopt;
  gpointer adopt_data;
  EisfitSeriesDoneFunc done; /* for the fit running */
  gpointer done_data;
  EisfitSeriesDoneFunc fitted;   /* every fit that ends with a table (the window's) */
  gpointer fitted_data;
  EisfitSeriesFolderFunc folder;
  EisfitSeriesSavedFunc saved;
  gpointer folder_data;

  EisfitSeriesJob *result;   /* the fit shown, or NULL */
  gboolean busy;
  gboolean disposed;         /* the window closed while a fit ran */
  gboolean stale;
  gboolean setting_trends;   /* the check buttons are being set, not clicked */
  gboolean axis_chosen;      /* the user chose the x axis: it no longer follows the order */
  gboolean setting_axis;

  /* the trends: quantities chosen (names) and the x axis */
  GPtrArray *trends;         /* char * */
  GPtrArray *trend_checks;   /* GtkCheckButton, borrowed from trends_box */
};

/* The drop-downs' choices by position: "auto", "temperature", "time", "index"; "T", "invT",
 * "time", "index". */
extern const char *const eisfit_series_order_names[4];
extern const char *const eisfit_series_axis_names[4];

/* ---- the trend plot (eisfit-series-trends.c) ---- */

/* The figure's data: x, the panels' values, their titles. */
typedef struct {
  double *x, *buf;
  unsigned char *in_sum;
  char titles[EIS_PLOT_MAX_PANELS][120];
  EisPlotSeriesTrace tr[EIS_PLOT_MAX_PANELS];
  EisPlotSeries ps;
} Trends;

void eisfit_series_trends_clear (Trends *t);
/* The figure's data; FALSE (with WHY, a new string) when there is nothing to draw. */
gboolean eisfit_series_trends_collect (EisfitSeriesPage *self, Trends *t, char **why);
/* The plot view's draw and hover functions (DATA: the page). */
int eisfit_series_trends_draw_cb (cairo_t *cr, double w, double h, const EisPlotView *view,
                                  EisPlotTransform *tr, EisError *err, gpointer data);
char *eisfit_series_trends_hover_cb (const EisPlotTransform *tr, double px, double py,
                                     double *mx, double *my, gpointer data);
/* The plot and the label of the trends chosen, again. */
void eisfit_series_page_update_plot (EisfitSeriesPage *self);
void eisfit_series_page_fit_law_later (EisfitSeriesPage *self);
void eisfit_series_page_update_trends_label (EisfitSeriesPage *self);
/* The check buttons of the quantities of the fit shown; the default choice of them; the x
 * axis following the series' order until the user chooses one. */
void eisfit_series_page_fill_trend_checks (EisfitSeriesPage *self);
void eisfit_series_page_choose_trends (EisfitSeriesPage *self);
void eisfit_series_page_axis_follow_order (EisfitSeriesPage *self);
/* Before a fit: the axis of what the open spectra have (T, time, else the position). */
void eisfit_series_page_axis_follow_data (EisfitSeriesPage *self);
/* The template's "axis_selected_cb". */
void eisfit_series_axis_selected_cb (GObject *dropdown, GParamSpec *pspec,
                                     EisfitSeriesPage *self);

#endif
