/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page's joint-fit controller: one fit of a series of spectra (their copies without
 * the points left out, in the order asked, one circuit, the parameters shared by all, and with
 * a temperature law the two-step and global Arrhenius or VTF analysis, as eisfit series and
 * eisfit arrhenius --global do), run in a worker thread; what it found, as the page's table,
 * status, law line and JSON show it; and its fits given to the spectra (Use these fits). */
#ifndef EISFIT_SERIES_JOB_H
#define EISFIT_SERIES_JOB_H

#include <gio/gio.h>

#include "conductivity.h"
#include "eis-error.h"
#include "eisfit-spectrum-item.h"
#include "plot.h"
#include "series.h"
#include "series-arrhenius.h"

G_BEGIN_DECLS

/* The sample geometry of ITEM into G; FALSE when it has none. */
typedef gboolean (*EisfitSeriesGeometryFunc) (EisfitSpectrumItem *item, EisGeometry *g,
                                              gpointer data);

/* The temperature law inside the joint fit, by the names "none", "arrhenius", "vtf". */
enum { EISFIT_SERIES_LAW_NONE = 0, EISFIT_SERIES_LAW_ARRHENIUS, EISFIT_SERIES_LAW_VTF };
extern const char *const eisfit_series_law_names[3];

/* What one spectrum of the series was fitted with, to tell when the window's inputs differ. */
typedef struct {
  double T_K;
  EisGeometry geom;
  gboolean have_geom;
  EisCellType cell;
  size_t n_used;
} EisfitSeriesInputs;

/* A series fit: its spectra (copies with the points left out removed), the series over them,
 * and the engine's result. Made in the main thread, fitted in a worker; read-only once
 * eisfit_series_job_run_finish has handed it back. */
typedef struct {
  GPtrArray *items;          /* EisfitSpectrumItem, kept */
  GPtrArray *spectra;        /* EisSpectrum *, owned */
  EisfitSeriesInputs *inputs;/* per item */
  EisSpectrumSeries series;  /* borrows SPECTRA */
  char *circuit;             /* NULL = automatic */
  char **shared;             /* the parameters shared by all spectra (NULL-terminated) */
  int law;                   /* EISFIT_SERIES_LAW_... */
  int order_asked;           /* the order drop-down's position when it was fitted (0: auto) */
  EisSeriesFit *fit;
  EisGlobalFit *joint;       /* the joint fit (shared or held parameters), or NULL */
  size_t (*outliers)[8];     /* per spectrum in series order: eis_fit_outliers of its fit, */
  size_t *n_outliers;        /* indices in its copy in SPECTRA */
  /* with a law: the two-step analysis of the series' bulk (and total) conductivity (PTS: its
   * points, their errors without the common geometry error), and the
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
  char disagree[800];        /* the law and the two-step fit disagree (eisfit arrhenius's
                              * warning) */
  char misfit[800];          /* the law does not fit the spectra (eisfit arrhenius --global's
                              * warning; its errors widened) */
  char repeated[1200];       /* repeated temperatures that disagree (heating and cooling) */
  char time_note[1200];      /* what the start times say (some lack one, a date read as guessed) */
  int status;                /* EIS_OK when fitted; else ERR says why */
  EisError err;
} EisfitSeriesJob;

/* A series of ITEMS (EisfitSpectrumItem, kept; each one's geometry from GEOMETRY) ordered by
 * ORDER (an EisSeriesOrder, or -1: temperature when every spectrum has one, else time, else
 * the list's order), with LAW, CIRCUIT (NULL or "": chosen by the BIC summed over the series)
 * and SHARED (NULL-terminated names, or NULL; taken). NULL with WHY (a new string, in the
 * window's words) when it cannot be fitted: fewer than two spectra, one refused, a
 * temperature or time stamp missing for the order asked. */
EisfitSeriesJob *eisfit_series_job_new (GPtrArray *items, EisfitSeriesGeometryFunc geometry,
                                        gpointer data, int order, int law, const char *circuit,
                                        char **shared, char **why);
void eisfit_series_job_free (EisfitSeriesJob *job);

/* Fits JOB (taken) in a worker thread; DONE runs in the main thread; _finish hands the job
 * back (its status says whether it was fitted). */
void eisfit_series_job_run_async (EisfitSeriesJob *job, gpointer source,
                                  GAsyncReadyCallback done, gpointer data);
EisfitSeriesJob *eisfit_series_job_run_finish (GAsyncResult *res);

/* What ITEM would be fitted with now, and whether two such are the same (bit for bit). */
void eisfit_series_item_inputs (EisfitSpectrumItem *item, EisfitSeriesGeometryFunc geometry,
                                gpointer data, EisfitSeriesInputs *in);
gboolean eisfit_series_inputs_equal (const EisfitSeriesInputs *a, const EisfitSeriesInputs *b);

/* How the fit spectrum J (series order) has of its own compares with the series': "this fit"
 * (adopted), "agrees", "differs", "another circuit", "not fitted", or "–". */
const char *eisfit_series_job_own_fit_state (const EisfitSeriesJob *r, size_t j);

/* The spectra with a fit in the series, in series order (a new array, items borrowed), and
 * Use these fits: each takes its fit in the series as its own (circuit, values, errors from
 * the joint covariance, roles, outliers). */
GPtrArray *eisfit_series_job_fitted_items (const EisfitSeriesJob *r);
void eisfit_series_job_adopt (const EisfitSeriesJob *r);

/* The page's status line (Pango markup: the series, its circuit, what did not converge, the
 * joint fit, the engine's warnings) and the temperature law's lines (NULL without a law);
 * new strings. */
char *eisfit_series_job_dup_status_markup (const EisfitSeriesJob *r);
char *eisfit_series_job_dup_law_markup (const EisfitSeriesJob *r);
/* The JSON members "law" and "arrhenius" (the keys of eisfit arrhenius --global), each after
 * ",\n    ". */
void eisfit_series_job_append_law_json (GString *out, const EisfitSeriesJob *r);

/* Numbers as the page writes them: a unit (Ω, S cm⁻¹ ...; "" for none); "369.2 ± 0.41" (a new
 * string; "–" when X is not a number), a path's file name. */
const char *eisfit_series_pretty_unit (const char *unit);
char *eisfit_series_value_pm (double x, double se);
const char *eisfit_series_base_name (const char *path);
/* The x of spectrum J on AXIS (°C, 1000/T, hours since the first clock, position; NAN when it
 * has none; eisfit-series-trends.c). */
double eisfit_series_axis_x (const EisSpectrumSeries *s, size_t j, EisPlotSeriesAxis axis);

G_END_DECLS

#endif
