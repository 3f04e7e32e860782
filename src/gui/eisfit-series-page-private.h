/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Series page share (eisfit-series-page.c: the page, its table, the
 * fits and their output; eisfit-series-trends.c: the trend plot): the page's state and the
 * functions one file calls in another. Not for other files. */
#ifndef EISFIT_SERIES_PAGE_PRIVATE_H
#define EISFIT_SERIES_PAGE_PRIVATE_H

#include "eisfit-series-page.h"

#include "plot.h"
#include "series.h"
#include "series-arrhenius.h"

#define KELVIN_0C 273.15
#define MAX_QUANTITIES 64

/* What one spectrum of the series was fitted with, to tell when the window's inputs differ. */
typedef struct {
  double T_K;
  EisGeometry geom;
  gboolean have_geom;
  EisCellType cell;
  size_t n_used;
} Inputs;

/* A series fit: its spectra (copies with the points left out removed), the series over them,
 * and the engine's result. Filled in the main thread, fitted in a worker. */
typedef struct {
  GPtrArray *items;          /* EisfitSpectrumItem, kept */
  GPtrArray *spectra;        /* EisSpectrum *, owned */
  Inputs *inputs;            /* per item */
  EisSpectrumSeries series;  /* borrows SPECTRA */
  char *circuit;             /* NULL = automatic */
  char **shared;             /* the parameters shared by all spectra (NULL-terminated) */
  int law;                   /* LAW_NONE, LAW_ARRHENIUS or LAW_VTF */
  int order_asked;           /* the order drop-down's position when it was fitted (0: auto) */
  EisSeriesFit *fit;
  EisGlobalFit *joint;       /* the joint fit (shared or held parameters), or NULL */
  size_t (*outliers)[8];     /* per spectrum in series order: eis_fit_outliers of its fit, */
  size_t *n_outliers;        /* indices in its copy in SPECTRA */
  /* with a law: the two-step analysis of the series' bulk (and total) conductivity, and the
   * law inside one joint fit, as eisfit arrhenius --global */
  EisSeriesArrheniusPoints pts;
  EisArrheniusFit bulk[2], total[2];
  int bulk_ok[2], total_ok[2];
  char bulk_why[512];
  EisVTFFit vtf_bulk;
  int vtf_ok;
  char vtf_why[512];
  size_t n_checks, n_checks_total;   /* is the two-step bulk (total) plot a straight line? */
  char checks[4][400], checks_total[4][400];
  EisGlobalFit *global;
  char global_why[512];      /* why there is no global fit, or a warning about it */
  char disagree[400];
  int status;
  EisError err;
  EisfitSeriesPage *page;    /* kept while the job runs */
  EisfitSeriesDoneFunc done;
  gpointer done_data;
} Job;

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
  GtkWidget *table;
  GtkWidget *trends_button;
  GtkWidget *trends_box;
  GtkWidget *axis_dropdown;
  GtkWidget *trends_note;
  GtkWidget *plot;

  GListModel *spectra;
  GtkSelectionModel *selection;
  EisfitSeriesGeometryFunc geometry;
  gpointer geometry_data;
  EisfitSeriesAdoptFunc adopt;
  gpointer adopt_data;
  EisfitSeriesDoneFunc fitted;   /* every fit that ends with a table (the window's) */
  gpointer fitted_data;
  EisfitSeriesFolderFunc folder;
  EisfitSeriesSavedFunc saved;
  gpointer folder_data;

  Job *result;               /* the fit shown, or NULL */
  gboolean busy;
  gboolean disposed;         /* the window closed while a fit ran */
  gboolean stale;
  gboolean setting_trends;   /* the check buttons are being set, not clicked */
  gboolean axis_chosen;      /* the user chose the x axis: it no longer follows the order */
  gboolean setting_axis;

  /* the table: one column per entry, each an array of the rows' texts */
  GPtrArray *col_titles;     /* char * */
  GPtrArray *col_cells;      /* GPtrArray of char * */
  GtkStringList *rows;

  /* the trends: quantities chosen (names) and the x axis */
  GPtrArray *trends;         /* char * */
  GPtrArray *trend_checks;   /* GtkCheckButton, borrowed from trends_box */
};

enum { LAW_NONE = 0, LAW_ARRHENIUS, LAW_VTF };

/* The drop-downs' choices by position: "auto", "temperature", "time", "index"; "T", "invT",
 * "time", "index". */
extern const char *const eisfit_series_order_names[4];
extern const char *const eisfit_series_axis_names[4];

/* Numbers as the page writes them (eisfit-series-page.c): a unit (Ω, S cm⁻¹ ...; "" for
 * none), "369.2 ± 0.41" (a new string; "–" when X is not a number), a path's file name. */
const char *eisfit_series_pretty_unit (const char *unit);
char *eisfit_series_value_pm (double x, double se);
const char *eisfit_series_base_name (const char *path);
/* What a quantity's title adds to its name: " (apparent)" for sigma_gb (R_gb with the
 * sample's L/A, not the grain boundaries' own conductivity; eisfit fit says "apparent"), else
 * "". */
const char *eisfit_series_quantity_note (const char *name);

/* ---- the trend plot (eisfit-series-trends.c) ---- */

/* The figure's data: x, the panels' values, their titles. */
typedef struct {
  double *x, *buf;
  char titles[EIS_PLOT_MAX_PANELS][120];
  EisPlotSeriesTrace tr[EIS_PLOT_MAX_PANELS];
  EisPlotSeries ps;
} Trends;

/* The x of spectrum J on AXIS (NAN when it has none). */
double eisfit_series_axis_x (const EisSpectrumSeries *s, size_t j, EisPlotSeriesAxis axis);
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
void eisfit_series_page_update_trends_label (EisfitSeriesPage *self);
/* The check buttons of the quantities of the fit shown; the default choice of them; the x
 * axis following the series' order until the user chooses one. */
void eisfit_series_page_fill_trend_checks (EisfitSeriesPage *self);
void eisfit_series_page_choose_trends (EisfitSeriesPage *self);
void eisfit_series_page_axis_follow_order (EisfitSeriesPage *self);
/* The template's "axis_selected_cb". */
void eisfit_series_axis_selected_cb (GObject *dropdown, GParamSpec *pspec,
                                     EisfitSeriesPage *self);

#endif
