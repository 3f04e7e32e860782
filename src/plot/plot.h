/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit figures drawn with PLplot onto any cairo target: a file (PNG/SVG/PDF) or a widget.
 * Knows no GTK and no fitting code: callers pass plain arrays in SI units (Hz, Ohm, K, S/cm, A, s).
 *
 * Threads: PLplot keeps global state and is not thread-safe. Every eis_plot_* call must happen on
 * one thread (the GUI main thread, or the CLI's only thread). Each call creates its own PLplot
 * stream and ends it before returning, so several widgets can be drawn one after another.
 *
 * Drawing: a function draws onto CR over the rectangle (0, 0)-(WIDTH, HEIGHT) in CR's user units
 * (pixels for an image surface or a GtkDrawingArea, points for PDF/SVG), white background included.
 * It returns EIS_OK or a status with ERR filled. Font sizes and line widths follow the size.
 *
 * Borrowed pointers: every array and string in the input structs is only read during the call. */
#ifndef EIS_PLOT_H
#define EIS_PLOT_H

#include <cairo.h>
#include <stddef.h>

#include "eis-error.h"
#include "fit.h"
#include "spectrum.h"

/* One impedance spectrum (measured data or a model curve). */
typedef struct {
  size_t n;
  const double *freq_hz; /* Hz */
  const double *z_re;    /* Z' / Ohm */
  const double *z_im;    /* Z'' / Ohm (negative for capacitive; plots show -Z'' upward) */
  const char *label;     /* legend entry (UTF-8), NULL = none */
  int line;              /* 0: markers (data), 1: line (fit or model) */
  int color;             /* palette index 0..EIS_PLOT_NCOLORS-1, -1 = automatic */
  int marker;            /* data (line = 0) only: EIS_PLOT_MARKER_* */
} EisPlotTrace;

/* How a data trace's points are drawn. DATA: the trace's colour and shape. LEFT_OUT: small
 * hollow grey circles (RGB 120, 120, 150), for points left out of a fit (no colour, shape or
 * decade marks of their own). FLAGGED: a red ring (RGB 215, 0, 0) around each point, drawn over
 * the data, for points to look at (outliers). Neither of the last two takes a colour or a
 * shape from the data traces. */
enum { EIS_PLOT_MARKER_DATA = 0, EIS_PLOT_MARKER_LEFT_OUT, EIS_PLOT_MARKER_FLAGGED };

/* Number of colours in the palette (Okabe & Ito 2008, colour-blind safe): 0 blue, 1 vermillion,
 * 2 bluish green, 3 reddish purple, 4 orange, 5 sky blue, 6 black, 7 yellow. */
#define EIS_PLOT_NCOLORS 8

/* How figures look on a screen rather than on paper: FONT_PX, the text size in user units
 * (0: from the figure's size, as in files), DARK, light text and lines on a dark grey
 * background (RGB 36, 36, 36), and PALETTE, the EIS_PLOT_NCOLORS colours of the traces chosen
 * by the program for that background (NULL: the Okabe & Ito palette, for white; its blue
 * has a contrast of 3.0:1 on the dark grey, too little for thin lines and small markers). With
 * DARK, the rings of flagged and left-out points are lightened too. It applies to every figure
 * drawn until it is set again; NULL restores the defaults. Not thread-safe: set it and draw
 * on one thread. */
typedef struct {
  double font_px;
  int dark;
  const unsigned char (*palette)[3];
} EisPlotStyle;
void eis_plot_set_style (const EisPlotStyle *style);

/* The palette colour INDEX (taken modulo EIS_PLOT_NCOLORS) as 0..255 components. */
void eis_plot_palette_rgb (int index, int *r, int *g, int *b);

/* A zoom rectangle in world units: Nyquist x = Z' / Ohm, y = -Z'' / Ohm; Bode and residuals
 * x = frequency / Hz (y is ignored for Bode). set = 0: automatic limits from the data.
 * For Nyquist the rectangle is widened in one direction so that both axes keep equal scales. */
typedef struct {
  int set;
  double xmin, xmax, ymin, ymax;
  int anchor;   /* Nyquist: 1 keeps (xmin, ymin) at the lower left and widens up or right (for
                 * automatic views); 0 widens about the centre (a rectangle the user dragged) */
} EisPlotView;

/* Where one panel (a set of axes) was drawn: its box on the device and its world limits. */
typedef struct {
  double px0, py0, px1, py1; /* plot box in device units: left, top, right, bottom (y down) */
  double wx0, wx1, wy0, wy1; /* world limits at left, right, bottom, top; log10 on a log axis */
  int xlog, ylog;            /* 1 if that axis is logarithmic (world = log10 of the value) */
  int kind;                  /* EisPlotPanelKind */
  size_t n_off_scale;        /* Nyquist: measured points outside the view (noted in the figure) */
} EisPlotPanel;

typedef enum {
  EIS_PLOT_PANEL_NYQUIST = 1, /* x Z' / Ohm, y -Z'' / Ohm */
  EIS_PLOT_PANEL_BODE_MOD,    /* x f / Hz, y |Z| / Ohm */
  EIS_PLOT_PANEL_BODE_PHASE,  /* x f / Hz, y -phase / degree */
  EIS_PLOT_PANEL_RESIDUALS,   /* x f / Hz, y residual / % */
  EIS_PLOT_PANEL_ARRHENIUS,   /* x 1000/T / K^-1, y log10 sigma (or sigma T) */
  EIS_PLOT_PANEL_CURRENT,     /* x t / s, y I / A */
  EIS_PLOT_PANEL_DRT          /* x tau / s, y gamma / Ohm */
} EisPlotPanelKind;

#define EIS_PLOT_MAX_PANELS 4

/* The mapping between device (pixel) coordinates and data for every panel of a figure, filled
 * by each drawing function (pass NULL if not needed). Use it for hover read-outs and zoom. */
/* Where the legend of a DC polarization's current went (eis_plot_transference). */
typedef enum {
  EIS_PLOT_LEGEND_NONE = 0,
  EIS_PLOT_LEGEND_INSIDE,    /* in the corner of the plot where it hides no data (or least) */
  EIS_PLOT_LEGEND_BESIDE,    /* to the right of the plot, which gives up that width */
  EIS_PLOT_LEGEND_ABOVE      /* in rows between the title and the plot, which gives up height */
} EisPlotLegendPlace;

typedef struct {
  size_t npanels;
  EisPlotPanel panel[EIS_PLOT_MAX_PANELS];
  /* set by eis_plot_transference only: where the current's legend went
   * (EisPlotLegendPlace) and how many of the measured points it hides */
  int legend_place;
  size_t n_legend_covered;
  /* set by eis_plot_arrhenius and eis_plot_series: the entries their legend shows (a series
   * with nothing drawn has none) */
  size_t n_legend_entries;
  /* set by eis_plot_drt only: the device boxes (x0, y0, x1, y1) of its legends, all outside
   * the panels: gamma(tau)'s (with the Nyquist plot's entries when they join it) and the
   * Nyquist plot's beside it */
  size_t n_legend_boxes;
  double legend_box[2][4];
} EisPlotTransform;

/* Maps the device point (PX, PY) (y down, same units as WIDTH/HEIGHT) to data units
 * (Hz, Ohm, degree, %, 1000/T, s, A: log axes are converted back to values). Returns the index
 * of the panel whose plot box contains the point, or -1 (then X and Y are left alone). */
int eis_plot_device_to_world (const EisPlotTransform *tr, double px, double py, double *x,
                              double *y);

/* Maps data (X, Y) of panel PANEL to device coordinates. Returns 0, or -1 if PANEL is out of
 * range or a log axis gets a value <= 0. */
int eis_plot_world_to_device (const EisPlotTransform *tr, size_t panel, double x, double y,
                              double *px, double *py);

/* Nyquist plot: -Z'' against Z' with equal scales (one Ohm is as long on both axes), tick labels
 * in Ohm, kOhm or MOhm as the range needs; data as markers, fits as lines, legend. Measured
 * points outside a VIEW are counted (panel n_off_scale) and noted at the top right ("↗ 12
 * points off scale").
 * VIEW may be NULL (automatic). TR may be NULL. */
int eis_plot_nyquist (cairo_t *cr, double width, double height, const EisPlotTrace *t, size_t nt,
                      const EisPlotView *view, EisPlotTransform *tr, EisError *err);

/* Bode plot, two panels sharing the frequency axis: |Z| (log-log) above, -phase in degrees
 * below. VIEW (x only: frequency range in Hz) may be NULL. */
int eis_plot_bode (cairo_t *cr, double width, double height, const EisPlotTrace *t, size_t nt,
                   const EisPlotView *view, EisPlotTransform *tr, EisError *err);

/* Relative residuals in percent against log frequency, e.g. Delta' = (Z' - Zfit')/|Z| * 100. */
typedef struct {
  size_t n;
  const double *freq_hz; /* Hz */
  const double *re_pct;  /* Delta' / % */
  const double *im_pct;  /* Delta'' / % */
  double band_pct;       /* > 0: shade the band +-band_pct (the Lin-KK 1 % band); 0: none */
  const char *title;     /* text above the panel, NULL = none */
} EisPlotResiduals;

/* Fills RE_PCT and IM_PCT (N each) with 100 (Z - Zfit)/|Z| per component, the residuals of
 * Schoenleber et al. (2014) and of a modulus-weighted fit. Points with |Z| = 0 give NaN. */
void eis_plot_relative_residuals (size_t n, const double *z_re, const double *z_im,
                                  const double *fit_re, const double *fit_im, double *re_pct,
                                  double *im_pct);

/* Residual panel: Delta' and Delta'' markers joined by thin lines, a zero line, the optional
 * band. VIEW (x: frequency range in Hz, y: % when set) may be NULL. */
int eis_plot_residuals (cairo_t *cr, double width, double height, const EisPlotResiduals *r,
                        const EisPlotView *view, EisPlotTransform *tr, EisError *err);

/* Everything eisfit --plot shows for a fit: the spectra (data and fit traces), the Nyquist zoom
 * and, optionally, the residuals. */
typedef struct {
  const EisPlotTrace *traces;
  size_t ntraces;
  const EisPlotResiduals *residuals; /* NULL: no residual panel */
  const char *title;                 /* NULL: none */
  EisPlotView view;                  /* Nyquist zoom; view.set = 0 for automatic */
} EisPlotSpectra;

/* Composite figure: a large Nyquist plot, Bode |Z| and phase, and the residuals (if given).
 * Panels in TR: 0 Nyquist, 1 |Z|, 2 phase, 3 residuals. */
int eis_plot_fit_report (cairo_t *cr, double width, double height, const EisPlotSpectra *s,
                         EisPlotTransform *tr, EisError *err);

/* Arrhenius plot of one temperature series (e.g. sigma_bulk or sigma_total). */
typedef struct {
  size_t n;
  const double *temp_k;    /* K */
  const double *sigma;     /* S/cm (plotted as sigma, or sigma*T in the sigmaT form) */
  const double *sigma_err; /* S/cm standard error of sigma, NULL = no error bars */
  const char *label;       /* legend, e.g. "bulk" */
  int color;               /* palette index, -1 = automatic */
  /* Arrhenius fit ln(sigma [T]) = ln_prefactor - ea_ev / (k_B T); has_fit = 0 draws no line. */
  int has_fit;
  double ea_ev, ea_err_ev; /* eV (ea_err_ev NaN: not shown) */
  double ln_prefactor;     /* ln(A / (S/cm)) or ln(A / (S K/cm)) */
  /* Optional VTF curve sigma = A T^-1/2 exp(-B/(T - T0)); has_vtf = 0: none. */
  int has_vtf;
  double vtf_a;            /* S K^1/2 / cm */
  double vtf_b_k;          /* K */
  double vtf_t0_k;         /* K */
  /* Optional (zero: as before). */
  const int *branch;       /* n or NULL: 1 heating (filled marker), 2 cooling (open marker),
                            * 0 neither; the legend then says which is which */
  int line_only;           /* the points only set the range of the line (a law fitted
                            * elsewhere, e.g. inside the joint fit): no markers */
  int dashed;              /* the line (and VTF curve) dashed */
} EisPlotArrheniusSeries;

typedef struct {
  const EisPlotArrheniusSeries *series;
  size_t nseries;
  int sigma_t;             /* 0: log10(sigma), 1: log10(sigma T) on y */
  const char *title;       /* NULL: none */
} EisPlotArrhenius;

/* log10 sigma (or sigma T) against 1000/T with error bars, fit lines, a top axis in degree
 * Celsius, and Ea +- error written per series. */
int eis_plot_arrhenius (cairo_t *cr, double width, double height, const EisPlotArrhenius *a,
                        EisPlotTransform *tr, EisError *err);

/* DC polarization for the Bruce-Vincent transference number. NaN marks anything unknown. */
typedef struct {
  size_t n;
  const double *time_s;    /* s */
  const double *current_a; /* A */
  /* I0, Iss and the decay may be given as magnitudes: they are drawn with the sign of the
   * measured current (a cathodic hold's negative currents), see eis_plot_transference_signed */
  double i0_a;             /* initial current used (A): horizontal line + marker at t = 0 */
  double i0_calc_a;        /* dV / (Rb + R0) from impedance (A): dashed line, NaN = none */
  double iss_a;            /* steady-state current (A): horizontal line */
  double iss_from_s;       /* start of the plateau used for Iss (s): shaded to the end */
  double dv_v;             /* applied step (V), with its sign when it is known */
  double t_plus, t_plus_err; /* result to annotate, NaN = none */
  const char *title;       /* NULL: none */
  const EisPlotTrace *traces; /* the spectra before and after with their fits, drawn as a */
  size_t ntraces;             /* Nyquist plot beside the current; 0 = the current alone */
  /* Round 2 (all optional: 0 or NaN = not drawn) */
  double t_step_s;            /* time of the step on the series' clock (s) */
  double spike_end_s;         /* the charging spike left out: [t_step, t_step + this) marked */
  double decay_tau_s;         /* the fitted decay inf + amp exp(-(t - t_step)/tau) */
  double decay_inf_a, decay_amp_a; /* (+ slope (t - t_end) when the slope is finite), drawn */
  double decay_slope_a_per_s;      /* from decay_from_s (relative to the step) to the end */
  double decay_from_s;
  size_t n_rint;              /* R_int(t) during the hold: a strip under the current */
  const double *rint_time_s;  /* s since the step */
  const double *rint_ohm;     /* Ohm */
  /* an arc of open role: both readings are the result, "t+ = LOW to HIGH" (no error) */
  int t_plus_two;
  double t_plus_low, t_plus_high;
  /* t+ and its error as the headline writes them (eis_bv_format, 4 decimals: "0.8603 ±
   * 0.0079"), so that the legend and the report agree; NULL: formatted here with 4 decimals */
  const char *t_plus_text;
} EisPlotTransference;

/* Current against time (linear axes, current in nA/uA/mA as the range needs) with I0 and Iss;
 * with traces, the Nyquist plot of the spectra before and after on the right. */
/* The traces of a Bruce-Vincent figure's Nyquist panel into OUT: for the spectra before [0]
 * and after [1] the hold (NULL: left out), the data ("before", "after") and the fit's curve
 * (FIT may be NULL), in colours 0 and 1. Returns how many. */
size_t eis_plot_before_after_traces (const EisSpectrum *const spectra[2],
                                     const EisFitResult *const fits[2], EisPlotTrace out[4]);
int eis_plot_transference (cairo_t *cr, double width, double height,
                           const EisPlotTransference *d, EisPlotTransform *tr, EisError *err);
/* What eis_plot_transference draws: D with I0, the impedance-based I0, Iss and the decay
 * given the sign of the measured current during the hold. */
EisPlotTransference eis_plot_transference_signed (const EisPlotTransference *d);

/* Lin-KK residuals (Schoenleber et al. 2014). */
typedef struct {
  size_t n;
  const double *freq_hz; /* Hz */
  const double *re_pct;  /* Delta' / % */
  const double *im_pct;  /* Delta'' / % */
  int m;                 /* number of RC elements used, <= 0: not shown */
  double mu;             /* the mu criterion at M, NaN: not shown */
  const char *title;     /* NULL: "Lin-KK residuals" */
} EisPlotKK;

/* KK residuals against log f with the +-1 % band and M, mu annotated. */
int eis_plot_kk (cairo_t *cr, double width, double height, const EisPlotKK *kk,
                 EisPlotTransform *tr, EisError *err);

/* One distribution of relaxation times and its peaks. */
typedef struct {
  size_t n;
  const double *tau_s;     /* ascending, s */
  const double *gamma_ohm; /* Ohm */
  size_t n_peaks;
  const double *peak_tau_s, *peak_gamma_ohm; /* the peaks' maxima, marked */
  const int *peak_beyond;  /* per peak: 1 when outside the measured time constants (drawn
                            * open); NULL = all inside */
  double tau_lo_s, tau_hi_s; /* the measured time constants 1/omega_max..1/omega_min; with
                            * one curve, the grid outside them is shaded; 0 = not shown */
  const char *label;       /* legend, NULL = none */
  int color;               /* palette index, -1 = automatic */
} EisPlotDrtCurve;

typedef struct {
  const EisPlotDrtCurve *curves;
  size_t ncurves;
  const EisPlotTrace *traces; /* data and the DRT's fit for the Nyquist panel; 0 = none */
  size_t ntraces;
  const char *title;       /* NULL: none */
} EisPlotDrt;

/* gamma against log tau with the peaks marked (several curves overlaid), and beside it the
 * Nyquist plot of the traces. Panels in TR: 0 DRT, 1 Nyquist. */
int eis_plot_drt (cairo_t *cr, double width, double height, const EisPlotDrt *d,
                  EisPlotTransform *tr, EisError *err);
/* Trends along a series of spectra: each quantity in its own panel, stacked, against one
 * x axis (logarithmic y when a positive quantity spans more than a decade). */
typedef enum {
  EIS_PLOT_SERIES_T = 0,     /* x = temperature / degree C */
  EIS_PLOT_SERIES_INV_T,     /* x = 1000 / T / K^-1 */
  EIS_PLOT_SERIES_TIME,      /* x = time / h */
  EIS_PLOT_SERIES_INDEX      /* x = position in the series (ticks at whole numbers) */
} EisPlotSeriesAxis;

/* "T", "invT", "time", "index"; -1 when unknown. */
int eis_plot_series_axis_parse (const char *name);

typedef struct {
  const char *name;          /* y title, e.g. "R1" or "sigma_bulk" */
  const double *y;           /* n values (NaN: none) */
  const double *y_err;       /* n standard errors, may be NULL */
  const char *unit;          /* y's unit ("Ω", "F", "" for none): the title becomes "NAME /
                              * UNIT" with an SI prefix (or a power of ten) that keeps the tick
                              * labels short on a linear axis; NULL: NAME says it all */
  const unsigned char *in_sum; /* n flags, may be NULL: 1 = a value inside a sum (eisfit
                              * series's "(in sum)"), drawn hollow with a legend note */
} EisPlotSeriesTrace;

typedef struct {
  size_t n;
  const double *x;           /* n, in the units of AXIS */
  EisPlotSeriesAxis axis;
  const EisPlotSeriesTrace *traces;
  size_t ntraces;            /* 1 .. EIS_PLOT_MAX_PANELS */
  const char *title;         /* NULL: none */
} EisPlotSeries;

int eis_plot_series (cairo_t *cr, double width, double height, const EisPlotSeries *s,
                     EisPlotTransform *tr, EisError *err);

/* A figure for eis_plot_to_file: draws DATA onto CR over WIDTH x HEIGHT. */
typedef int (*EisPlotDrawFn) (cairo_t *cr, double width, double height, const void *data,
                              EisError *err);

/* Ready-made EisPlotDrawFn adapters; DATA points to the struct named. */
int eis_plot_draw_nyquist (cairo_t *cr, double w, double h, const void *spectra, EisError *err);
int eis_plot_draw_bode (cairo_t *cr, double w, double h, const void *spectra, EisError *err);
int eis_plot_draw_fit_report (cairo_t *cr, double w, double h, const void *spectra,
                              EisError *err);
int eis_plot_draw_residuals (cairo_t *cr, double w, double h, const void *residuals,
                             EisError *err);
int eis_plot_draw_arrhenius (cairo_t *cr, double w, double h, const void *arrhenius,
                             EisError *err);
int eis_plot_draw_transference (cairo_t *cr, double w, double h, const void *transference,
                                EisError *err);
int eis_plot_draw_kk (cairo_t *cr, double w, double h, const void *kk, EisError *err);
int eis_plot_draw_drt (cairo_t *cr, double w, double h, const void *drt, EisError *err);
int eis_plot_draw_series (cairo_t *cr, double w, double h, const void *series, EisError *err);

/* Writes the figure DRAW(DATA) to PATH, the format chosen by the extension (.png, .svg, .pdf,
 * case-insensitive): PNG at WIDTH x HEIGHT pixels, SVG and PDF at WIDTH x HEIGHT points.
 * Whole or not at all (output-file.h): written to a temporary file in the same folder, then put
 * in place. An existing PATH is replaced only if FORCE is non-zero (otherwise EIS_ERR_IO).
 * Unknown extension: EIS_ERR_INVALID. */
int eis_plot_to_file (const char *path, double width, double height, EisPlotDrawFn draw,
                      const void *data, int force, EisError *err);

/* A figure's size on paper for eis_plot_to_file_paper. */
typedef struct {
  double width_cm, height_cm; /* the figure's size, cm */
  double dpi;                 /* PNG: pixels per inch (written into the file); SVG, PDF: unused */
  double font_pt;             /* text size in points (1/72 inch) whatever the size; 0: from the
                               * size, as eis_plot_to_file */
  const char *title;          /* a caption above the figure (UTF-8), NULL or "": none */
} EisPlotPaper;

/* Writes the figure DRAW(DATA) to PATH as eis_plot_to_file, sized for paper: PNG of
 * width_cm / 2.54 * dpi pixels with the resolution in its pHYs chunk, SVG and PDF of
 * width_cm / 2.54 * 72 points. Text is font_pt points high on paper in every format (lines and
 * markers follow it). Sizes: 2 to 200 cm, 30 to 2400 dpi, 4 to 40 pt. */
int eis_plot_to_file_paper (const char *path, const EisPlotPaper *paper, EisPlotDrawFn draw,
                            const void *data, int force, EisError *err);

#endif
