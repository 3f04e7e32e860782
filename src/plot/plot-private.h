/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internals shared by the src/plot files: a PLplot stream bound to a cairo context, panels
 * (a viewport with its world window), axes with our tick labels, markers, legends. */
#ifndef EIS_PLOT_PRIVATE_H
#define EIS_PLOT_PRIVATE_H

#include <plplot.h>
#include <stdio.h>

#include "plot.h"

/* Tick labelling of one axis: world values are divided by FACTOR and printed with DECIMALS
 * digits; on a log axis the world value is an exponent and prints as 10^n. */
typedef struct {
  double factor;
  int decimals;
  int log;
  int every;  /* log axis: label every EVERY-th decade */
} EisPlotAxisFormat;

typedef struct {
  cairo_t *cr;
  cairo_matrix_t user; /* CR's matrix on entry: device drawing for measurements */
  double w, h;         /* figure size, CR user units */
  double fs;           /* base font size (user units, text em height) */
  double lw;           /* base line width (user units) */
  PLINT prev_stream, stream;
  int open;
  int native;          /* drawn by PLplot's own SVG driver into a file (eis_plot_native_svg) */
  double yoff, page_h; /* native: a caption strip of YOFF above the figure, page height */
  EisPlotAxisFormat fmt[2]; /* x, y labelling of the axes being drawn */
  int x_integer;       /* eis_plot_axes: a linear x axis of counts (ticks at whole numbers) */
} EisPlotCanvas;

/* The next canvas begun is drawn by PLplot's own SVG driver into FP (which it closes) instead
 * of onto its cairo context (then used only to measure text): text as <text> elements. With
 * CAPTION (may be NULL), a strip of CAPTION_H above the figure holds it. One canvas only:
 * figures drawn in one canvas (all of plot.h's). NULL FP: back to cairo. Returns the file
 * set before that no canvas took (the caller closes it), or NULL. */
FILE *eis_plot_native_svg (FILE *fp, const char *caption, double caption_h);

/* The look last set by eis_plot_set_style (zero: paper). */
void eis_plot_style_get (EisPlotStyle *style);

/* Draws TITLE centred in the top strip of height CAPTION_H of a WIDTH x HEIGHT figure on CR
 * (background included), at 1.1 times the base text size. For eis_plot_to_file_paper. */
int eis_plot_caption (cairo_t *cr, double width, double height, double caption_h,
                      const char *title, EisError *err);

/* Height of the caption strip above a figure of WIDTH x HEIGHT (from its text size). */
double eis_plot_caption_height (double width, double height);

/* Opens a PLplot stream on CR (saving CR's state), paints the background white. */
int eis_plot_canvas_begin (EisPlotCanvas *c, cairo_t *cr, double w, double h, EisError *err);

/* Ends the stream, restores CR and the previous PLplot stream. Returns EIS_OK, or the first
 * error PLplot reported during the drawing (into ERR). Safe on a canvas that failed to begin. */
int eis_plot_canvas_end (EisPlotCanvas *c, EisError *err);

/* Font size of text at relative size REL (1 = base) in PLplot's millimetres, and set it. */
void eis_plot_font (const EisPlotCanvas *c, double rel);

/* Width in user units of UTF-8 TEXT at relative size REL (an estimate good to a few %). */
double eis_plot_text_width (const EisPlotCanvas *c, const char *text, double rel);

/* Writes the integer E with Unicode superscript digits ("⁻¹²") into BUF. */
void eis_plot_superscript (char *buf, size_t size, long e);

/* Colour setters: palette index, or a grey level (0 black .. 255 white), with alpha. */
void eis_plot_color (int index);
void eis_plot_grey (int level, double alpha);
void eis_plot_color_alpha (int index, double alpha);

/* Selects panel P (device box and world limits) as PLplot's viewport and window. */
void eis_plot_panel_use (const EisPlotCanvas *c, const EisPlotPanel *p);

/* Sets P's box, the device rectangle (x0, y0)-(x1, y1) with y down. */
void eis_plot_panel_box (EisPlotPanel *p, double x0, double y0, double x1, double y1);

/* World <-> device for one panel (world = log10 on log axes). */
double eis_plot_panel_px (const EisPlotPanel *p, double wx);
double eis_plot_panel_py (const EisPlotPanel *p, double wy);

/* A "nice" tick step (1, 2 or 5 times a power of ten) for about NTICKS ticks over SPAN. */
double eis_plot_nice_step (double span, double nticks);

/* Pads [*lo, *hi] by FRAC of its span (a span of zero gets a sensible width). */
void eis_plot_pad_range (double *lo, double *hi, double frac);

/* Unit prefix for values up to MAXABS: factor and the prefix ("", "k", "M", "m", "µ", "n"). */
double eis_plot_si_prefix (double maxabs, const char **prefix);

/* Draws the box of the current panel with ticks and labels.
 * XFACTOR/YFACTOR scale labels (value / factor). Logarithmic axes if P->xlog/ylog.
 * XOPT_EXTRA/YOPT_EXTRA: PLplot box options added (e.g. "g" grid); NOXLABELS suppresses the
 * numbers on x (stacked panels). */
void eis_plot_axes (EisPlotCanvas *c, const EisPlotPanel *p, double xfactor, double yfactor,
                    int noxlabels, int no_top_ticks);

/* Widest y tick label (user units) of an axis over [LO, HI] (world) labelled in units of
 * FACTOR, LEN_PX long; LOG: a log axis (LO, HI exponents). For margins. */
double eis_plot_ylabel_width (const EisPlotCanvas *c, double lo, double hi, double factor, int log,
                              double len_px);

/* Axis titles: below (x) and left (y) of panel P, at relative size 1. */
void eis_plot_axis_titles (EisPlotCanvas *c, const EisPlotPanel *p, const char *xtitle,
                           const char *ytitle);

/* Text at device point (PX, PY) (y down), JUST 0 left .. 1 right, vertically centred, rotated
 * by ANGLE degrees counter-clockwise, relative size REL. */
void eis_plot_text (EisPlotCanvas *c, double px, double py, double just, double angle,
                    double rel, const char *text);

/* Marker shapes. */
enum { EIS_MARK_CIRCLE, EIS_MARK_SQUARE, EIS_MARK_TRIANGLE, EIS_MARK_DIAMOND, EIS_MARK_NSHAPES };

/* Draws a marker of SHAPE at device point (PX, PY), size R (radius, user units), colour INDEX,
 * open (white inside) or filled. The current panel must be in use (clips to it). */
void eis_plot_marker (EisPlotCanvas *c, const EisPlotPanel *p, double px, double py, int shape,
                      double r, int index, int filled);

/* Draws the marker of a data point of a trace drawn as MARKER (EIS_PLOT_MARKER_*): the plain
 * marker of eis_plot_marker for DATA, a hollow grey circle for LEFT_OUT, a red ring of twice the
 * radius for FLAGGED. */
void eis_plot_data_marker (EisPlotCanvas *c, const EisPlotPanel *p, double px, double py,
                           int marker, int shape, double r, int index);

/* Polyline through the points (X, YSIGN * Y) of panel P (NaN or non-finite points break the line). Log axes
 * take values (not exponents): WX/WY are converted when the axis is log. */
void eis_plot_polyline (EisPlotCanvas *c, const EisPlotPanel *p, size_t n, const double *x,
                        const double *y, double ysign, int index, double width, int dashed);

/* World coordinate of a data value on a panel axis: log10 on log axes, NaN if <= 0 there. */
double eis_plot_wx (const EisPlotPanel *p, double x);
double eis_plot_wy (const EisPlotPanel *p, double y);

/* Legend entries: a marker, a line, or both. */
typedef struct {
  const char *label;
  int color;
  int shape;   /* -1: no marker */
  int filled;
  int line;    /* 0 none, 1 solid, 2 dashed */
  int marker;  /* EIS_PLOT_MARKER_* of the trace (LEFT_OUT and FLAGGED ignore colour, shape) */
} EisPlotLegendEntry;

/* Draws a legend inside panel P in the corner where it covers the fewest of the NPTS device
 * points (PX, PY), and returns how many it covers. Entries with a NULL label are skipped. */
size_t eis_plot_legend (EisPlotCanvas *c, const EisPlotPanel *p, const EisPlotLegendEntry *e,
                      size_t ne, const double *px, const double *py, size_t npts);

/* A legend outside the data: the width (device units) to take from the right of panel P for
 * a legend beside it, when inside, in the corner that suits it best, it would cover some of
 * the NPTS points (PX, PY) and the width is at most ROOM; 0 when it goes inside. */
double eis_plot_legend_outside_width (EisPlotCanvas *c, const EisPlotPanel *p,
                                      const EisPlotLegendEntry *e, size_t ne, const double *px,
                                      const double *py, size_t npts, double room);

/* As eis_plot_legend_outside_width, and when the legend laid out for panel P is wider than
 * ROOM, laid out for ROOM alone (smaller text, then shorter labels) instead of going inside
 * over the data; *PW is the width to lay it out for (for eis_plot_legend_beside). */
double eis_plot_legend_outside_fit (EisPlotCanvas *c, const EisPlotPanel *p,
                                    const EisPlotLegendEntry *e, size_t ne, const double *px,
                                    const double *py, size_t npts, double room, double *pw);

/* Width (device units) of the legend box laid out as for a panel of width PW (long labels
 * shortened to fit it); 0 when no entry has a label. */
double eis_plot_legend_width (EisPlotCanvas *c, double pw, const EisPlotLegendEntry *e,
                              size_t ne);
/* Its height. */
double eis_plot_legend_height (EisPlotCanvas *c, double pw, const EisPlotLegendEntry *e,
                               size_t ne);

/* Draws the legend to the right of panel P, top aligned, laid out as for a panel of width PW
 * (the one eis_plot_legend_outside_width measured). */
void eis_plot_legend_beside (EisPlotCanvas *c, const EisPlotPanel *p, const EisPlotLegendEntry *e,
                             size_t ne, double pw);

/* Draws the legend as one row ending at XRIGHT, centred on YMID (device units), e.g. in the
 * margin above a panel too full for a legend inside. */
/* Width in device units of the legend row eis_plot_legend_row draws. */
double eis_plot_legend_row_width (EisPlotCanvas *c, const EisPlotLegendEntry *e, size_t ne);
void eis_plot_legend_row (EisPlotCanvas *c, double xright, double ymid,
                          const EisPlotLegendEntry *e, size_t ne);

/* Device points already drawn, for placing the legend where it covers least. */
typedef struct {
  double *x, *y;
  size_t n, cap;
  int failed; /* an allocation failed: later points are dropped */
} EisPlotPoints;

void eis_plot_points_add (EisPlotPoints *pts, double px, double py);
void eis_plot_points_free (EisPlotPoints *pts);

/* Marker radius and line width for data at the canvas size. */
double eis_plot_marker_size (const EisPlotCanvas *c);

/* Internal panel drawing into a device rectangle (x0, y0)-(x1, y1), shared by the single
 * figures and the composite report. OUT receives the panel(s). */
/* The size a Nyquist plot of T (its whole data, as shown without a view) needs for the data to
 * fill its box at equal scales, margins included: with W > 0 the height for that width, else
 * the width for height H. NAN when the data have no extent. */
double eis_plot_nyquist_natural_size (const EisPlotCanvas *c, const EisPlotTrace *t, size_t nt,
                                      double w, double h);
int eis_plot_nyquist_in (EisPlotCanvas *c, double x0, double y0, double x1, double y1,
                         const EisPlotTrace *t, size_t nt, const EisPlotView *view,
                         EisPlotPanel *out, EisError *err);
int eis_plot_bode_in (EisPlotCanvas *c, double x0, double y0, double x1, double y1,
                      const EisPlotTrace *t, size_t nt, const EisPlotView *view, int legend,
                      EisPlotPanel out[2], EisError *err);
int eis_plot_residuals_in (EisPlotCanvas *c, double x0, double y0, double x1, double y1,
                           const EisPlotResiduals *r, const EisPlotView *view,
                           const char *note, EisPlotPanel *out, EisError *err);

/* Resolves automatic colours: fills COLORS[nt] (data traces cycle through the palette, a line
 * trace with colour -1 takes the colour of the data trace before it) and SHAPES[nt]. */
void eis_plot_trace_styles (const EisPlotTrace *t, size_t nt, int *colors, int *shapes);

/* Checks a trace's arrays; returns EIS_OK or EIS_ERR_INVALID with ERR filled. */
int eis_plot_check_trace (const EisPlotTrace *t, size_t i, int need_freq, EisError *err);

#endif
