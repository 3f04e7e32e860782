/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every figure shares: a PLplot stream on a cairo context, the palette, font sizes, panels
 * and their device/world mapping, tick labels, markers, lines, legends and the hover transform. */
#include "plot-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe & Ito, "Color Universal Design" (2008): distinguishable with all common forms of colour
 * blindness. Ordered so that the first colours contrast best on white. */
static const unsigned char palette[EIS_PLOT_NCOLORS][3] = {
  { 0, 114, 178 },   /* blue */
  { 213, 94, 0 },    /* vermillion */
  { 0, 158, 115 },   /* bluish green */
  { 204, 121, 167 }, /* reddish purple */
  { 230, 159, 0 },   /* orange */
  { 86, 180, 233 },  /* sky blue */
  { 0, 0, 0 },       /* black */
  { 240, 228, 66 },  /* yellow */
};

#define AXIS_GREY 34      /* axes and text: near black */
#define PANGO_DPI 96.0    /* pango lays text out at 96 dpi, PLplot sizes it in points */
#define PLPLOT_DPI 72.0   /* the cairo drivers' device resolution */
#define CMAP_SLOT 1       /* the cmap0 entry we redefine for every colour change */

/* PLplot reports errors through plabort(); we keep the first message of a drawing. PLplot is
 * single-threaded anyway (see plot.h), so a static buffer is fine. */
static char abort_message[512];
static int abort_seen;

static void
abort_cb (PLCHAR_VECTOR message)
{
  if (!abort_seen)
    {
      snprintf (abort_message, sizeof abort_message, "%s", message ? message : "");
      abort_seen = 1;
    }
}

/* The look set by eis_plot_set_style (zero: paper, the size decides the text). */
static EisPlotStyle style;

void
eis_plot_set_style (const EisPlotStyle *s)
{
  if (s)
    style = *s;
  else
    memset (&style, 0, sizeof style);
}

/* eis_plot_native_svg's file and caption for the next canvas */
static FILE *native_fp;
static const char *native_caption;
static double native_caption_h;

FILE *
eis_plot_native_svg (FILE *fp, const char *caption, double caption_h)
{
  FILE *unused = native_fp;
  native_fp = fp;
  native_caption = caption;
  native_caption_h = fp && caption && caption[0] ? caption_h : 0;
  return unused;
}

void
eis_plot_style_get (EisPlotStyle *s)
{
  *s = style;
}

/* A grey LEVEL (0 black .. 255 white) as drawn: on a dark background the scale runs from a
 * light grey (for 0: text, axes) to the background (for 255). */
static int
shown_grey (int level)
{
  return style.dark ? 36 + (255 - level) * (232 - 36) / 255 : level;
}

void
eis_plot_palette_rgb (int index, int *r, int *g, int *b)
{
  int i = ((index % EIS_PLOT_NCOLORS) + EIS_PLOT_NCOLORS) % EIS_PLOT_NCOLORS;
  const unsigned char *rgb = style.palette ? style.palette[i] : palette[i];

  *r = rgb[0];
  *g = rgb[1];
  *b = rgb[2];
  if (style.dark && *r == 0 && *g == 0 && *b == 0)
    *r = *g = *b = shown_grey (0); /* black on a dark background: light grey */
}

void
eis_plot_color_alpha (int index, double alpha)
{
  int r, g, b;
  eis_plot_palette_rgb (index, &r, &g, &b);
  plscol0a (CMAP_SLOT, r, g, b, alpha);
  plcol0 (CMAP_SLOT);
}

void
eis_plot_color (int index)
{
  eis_plot_color_alpha (index, 1.0);
}

void
eis_plot_grey (int level, double alpha)
{
  level = shown_grey (level);
  plscol0a (CMAP_SLOT, level, level, level, alpha);
  plcol0 (CMAP_SLOT);
}

/* The base text size (user units) of a figure of W x H. */
static double
base_font (double w, double h)
{
  /* a screen or a figure for paper: the user's text size, whatever the figure's */
  if (style.font_px > 0)
    return style.font_px;
  /* Text about 1/42 of the short side, within what stays readable on screen and paper. */
  double m = fmin (w, h);
  return fmin (26.0, fmax (10.0, m / 42.0 + 0.004 * fmax (w, h)));
}

double
eis_plot_caption_height (double width, double height)
{
  return 2.0 * base_font (width, height);
}

int
eis_plot_canvas_begin (EisPlotCanvas *c, cairo_t *cr, double w, double h, EisError *err)
{
  memset (c, 0, sizeof *c);
  if (cr == NULL || cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no usable cairo context");
  if (!(w >= 32 && h >= 32 && w <= 30000 && h <= 30000))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "plot: size %g x %g is out of range (32 to 30000 on each side)", w, h);
  c->cr = cr;
  c->w = w;
  c->h = h;
  c->fs = base_font (w, h);
  c->lw = fmax (1.0, c->fs / 12.0);

  cairo_save (cr);
  cairo_get_matrix (cr, &c->user);
  int bg = shown_grey (255);
  cairo_set_source_rgb (cr, bg / 255.0, bg / 255.0, bg / 255.0);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_fill (cr);

  abort_seen = 0;
  abort_message[0] = '\0';
  plsabort (abort_cb);
  plgstrm (&c->prev_stream);
  plmkstrm (&c->stream);
  if (c->stream < 0)
    {
      cairo_restore (cr);
      plsstrm (c->prev_stream);
      return eis_error_set (err, EIS_ERR_INVALID, "plot: PLplot has no free stream");
    }
  c->page_h = h;
  if (native_fp)
    {
      /* PLplot's SVG driver writes the file; the caption strip goes above the figure */
      c->native = 1;
      c->yoff = native_caption_h;
      c->page_h = h + c->yoff;
      plsdev ("svg");
      plsfile (native_fp);
      native_fp = NULL;
    }
  else
    plsdev ("extcairo");
  plspage (0, 0, (PLINT) lround (w), (PLINT) lround (c->page_h), 0, 0);
  plscolbg (bg, bg, bg);
  plspause (0);
  plinit ();
  if (!c->native)
    pl_cmd (PLESC_DEVINIT, cr);
  plsfont (PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
  pladv (0);
  c->open = 1;
  if (c->native && c->yoff > 0)
    eis_plot_text (c, 0.5 * w, -c->yoff + 0.55 * c->yoff, 0.5, 0, 1.1, native_caption);
  if (abort_seen)
    return eis_plot_canvas_end (c, err);
  return EIS_OK;
}

int
eis_plot_canvas_end (EisPlotCanvas *c, EisError *err)
{
  if (c->open)
    {
      plend1 ();
      plsstrm (c->prev_stream);
      cairo_restore (c->cr);
      c->open = 0;
    }
  plsabort (NULL);
  if (abort_seen)
    {
      abort_seen = 0;
      return eis_error_set (err, EIS_ERR_INVALID, "plot: PLplot: %s", abort_message);
    }
  return EIS_OK;
}

void
eis_plot_font (const EisPlotCanvas *c, double rel)
{
  /* PLplot takes mm and hands pango the size in points; pango renders points at 96 dpi. */
  plschr (c->fs * rel * 25.4 / PANGO_DPI, 1.0);
}

double
eis_plot_text_width (const EisPlotCanvas *c, const char *text, double rel)
{
  cairo_text_extents_t e;
  cairo_save (c->cr);
  cairo_set_matrix (c->cr, &c->user);
  cairo_select_font_face (c->cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (c->cr, c->fs * rel);
  cairo_text_extents (c->cr, text, &e);
  cairo_restore (c->cr);
  return e.x_advance;
}

void
eis_plot_panel_box (EisPlotPanel *p, double x0, double y0, double x1, double y1)
{
  p->px0 = x0;
  p->py0 = y0;
  p->px1 = x1;
  p->py1 = y1;
}

void
eis_plot_panel_use (const EisPlotCanvas *c, const EisPlotPanel *p)
{
  double ph = c->page_h > 0 ? c->page_h : c->h;
  plvpor (p->px0 / c->w, p->px1 / c->w, 1.0 - (p->py1 + c->yoff) / ph,
          1.0 - (p->py0 + c->yoff) / ph);
  plwind (p->wx0, p->wx1, p->wy0, p->wy1);
}

/* Page mode: the whole figure with world = device coordinates (y down). */
static void
page_use (const EisPlotCanvas *c)
{
  plvpor (0, 1, 0, 1);
  plwind (0, c->w, c->h, -c->yoff); /* the caption strip, when there is one, above 0 */
}

double
eis_plot_panel_px (const EisPlotPanel *p, double wx)
{
  return p->px0 + (wx - p->wx0) / (p->wx1 - p->wx0) * (p->px1 - p->px0);
}

double
eis_plot_panel_py (const EisPlotPanel *p, double wy)
{
  return p->py1 - (wy - p->wy0) / (p->wy1 - p->wy0) * (p->py1 - p->py0);
}

static double
panel_wx (const EisPlotPanel *p, double px)
{
  return p->wx0 + (px - p->px0) / (p->px1 - p->px0) * (p->wx1 - p->wx0);
}

static double
panel_wy (const EisPlotPanel *p, double py)
{
  return p->wy0 + (p->py1 - py) / (p->py1 - p->py0) * (p->wy1 - p->wy0);
}

double
eis_plot_wx (const EisPlotPanel *p, double x)
{
  if (!p->xlog)
    return x;
  return x > 0 ? log10 (x) : NAN;
}

double
eis_plot_wy (const EisPlotPanel *p, double y)
{
  if (!p->ylog)
    return y;
  return y > 0 ? log10 (y) : NAN;
}

int
eis_plot_device_to_world (const EisPlotTransform *tr, double px, double py, double *x, double *y)
{
  if (tr == NULL)
    return -1;
  for (size_t i = 0; i < tr->npanels && i < EIS_PLOT_MAX_PANELS; i++)
    {
      const EisPlotPanel *p = &tr->panel[i];
      if (px < p->px0 || px > p->px1 || py < p->py0 || py > p->py1)
        continue;
      double wx = panel_wx (p, px), wy = panel_wy (p, py);
      *x = p->xlog ? pow (10.0, wx) : wx;
      *y = p->ylog ? pow (10.0, wy) : wy;
      return (int) i;
    }
  return -1;
}

int
eis_plot_world_to_device (const EisPlotTransform *tr, size_t panel, double x, double y,
                          double *px, double *py)
{
  if (tr == NULL || panel >= tr->npanels || panel >= EIS_PLOT_MAX_PANELS)
    return -1;
  const EisPlotPanel *p = &tr->panel[panel];
  double wx = eis_plot_wx (p, x), wy = eis_plot_wy (p, y);
  if (!isfinite (wx) || !isfinite (wy))
    return -1;
  *px = eis_plot_panel_px (p, wx);
  *py = eis_plot_panel_py (p, wy);
  return 0;
}

double
eis_plot_nice_step (double span, double nticks)
{
  if (!(span > 0) || !isfinite (span))
    return 1.0;
  if (nticks < 1)
    nticks = 1;
  double raw = span / nticks;
  double mag = pow (10.0, floor (log10 (raw)));
  double f = raw / mag;
  double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
  return nice * mag;
}

void
eis_plot_pad_range (double *lo, double *hi, double frac)
{
  double span = *hi - *lo;
  if (!(span > 0))
    {
      double a = fabs (*lo) > 0 ? fabs (*lo) * 0.1 : 1.0;
      *lo -= a;
      *hi += a;
      return;
    }
  *lo -= frac * span;
  *hi += frac * span;
}

double
eis_plot_si_prefix (double maxabs, const char **prefix)
{
  if (maxabs >= 1e10)
    return *prefix = "G", 1e9;
  if (maxabs >= 1e7)
    return *prefix = "M", 1e6;
  if (maxabs >= 1e4)
    return *prefix = "k", 1e3;
  if (maxabs >= 1.0 || maxabs == 0 || !isfinite (maxabs))
    return *prefix = "", 1.0;
  if (maxabs >= 1e-3)
    return *prefix = "m", 1e-3;
  if (maxabs >= 1e-6)
    return *prefix = "µ", 1e-6;
  if (maxabs >= 1e-9)
    return *prefix = "n", 1e-9;
  return *prefix = "p", 1e-12;
}

void
eis_plot_superscript (char *buf, size_t size, long e)
{
  static const char *const digits[10] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char tmp[32];
  snprintf (tmp, sizeof tmp, "%ld", e);
  buf[0] = '\0';
  size_t used = 0;
  for (const char *s = tmp; *s; s++)
    {
      const char *piece = *s == '-' ? "⁻" : digits[*s - '0'];
      size_t len = strlen (piece);
      if (used + len + 1 > size)
        break;
      memcpy (buf + used, piece, len + 1);
      used += len;
    }
}

/* Formats a tick label: a linear value with DECIMALS digits and a real minus sign, or 10^n. */
static void
format_tick (char *buf, size_t size, double value, const EisPlotAxisFormat *f)
{
  if (f->log)
    {
      long e = lround (value);
      if (fabs (value - (double) e) > 1e-6 || (f->every > 1 && e % f->every != 0))
        {
          buf[0] = '\0';
          return;
        }
      char sup[48];
      eis_plot_superscript (sup, sizeof sup, e);
      snprintf (buf, size, "10%s", sup);
      return;
    }
  double v = value / f->factor;
  if (fabs (v) < 0.5 * pow (10.0, -f->decimals))
    v = 0.0;
  char tmp[64];
  if (fabs (v) >= 1e6 && isfinite (v))
    {
      /* beyond the largest SI prefix: "2.5×10²¹", not 22 digits */
      int e = (int) floor (log10 (fabs (v)));
      char sup[24];
      eis_plot_superscript (sup, sizeof sup, e);
      snprintf (tmp, sizeof tmp, "%.3g×10%s", v / pow (10.0, e), sup);
    }
  else
    snprintf (tmp, sizeof tmp, "%.*f", f->decimals, v);
  if (tmp[0] == '-')
    snprintf (buf, size, "−%s", tmp + 1);
  else
    snprintf (buf, size, "%s", tmp);
}

static void
label_cb (PLINT axis, PLFLT value, PLCHAR_NC_VECTOR label, PLINT length, PLPointer data)
{
  const EisPlotCanvas *c = data;
  const EisPlotAxisFormat *f = &c->fmt[axis == PL_Y_AXIS ? 1 : 0];
  format_tick (label, (size_t) length, value, f);
}

/* The minor intervals and label decimals of a linear axis whose tick step is S (label
 * units). */
static void
step_details (double s, int *nsub, int *decimals)
{
  double lead = s / pow (10.0, floor (log10 (s) + 1e-9));
  *nsub = lead < 1.5 ? 5 : lead < 3 ? 4 : 5;
  int d = (int) -floor (log10 (s) + 1e-9);
  *decimals = d > 0 ? d : 0;
}

/* Plans a linear axis over [LO, HI] (world units, labels in units of FACTOR) for LEN_PX device
 * units: the tick step (world), number of minor intervals, and label decimals. */
static void
plan_linear (const EisPlotCanvas *c, double lo, double hi, double factor, double len_px,
             double spacing_em, double *step, int *nsub, int *decimals)
{
  double s = eis_plot_nice_step ((hi - lo) / factor, fmax (2.5, len_px / (spacing_em * c->fs)));
  /* At least two labelled ticks inside the range: step down 10 -> 5 -> 2 -> 1 as needed. */
  for (int k = 0; k < 6 && s > 0; k++)
    {
      double l = lo / factor, h = hi / factor;
      if (floor (h / s + 1e-9) - ceil (l / s - 1e-9) + 1 >= 2)
        break;
      double m = pow (10.0, floor (log10 (s) + 1e-9)), f = s / m;
      s = f > 5.5 ? 5 * m : f > 2.5 ? 2 * m : f > 1.5 ? m : 0.5 * m;
    }
  step_details (s, nsub, decimals);
  *step = s * factor;
}

/* Widest tick label (user units) of a linear axis over [LO, HI]. */
static double
linear_label_width (const EisPlotCanvas *c, double lo, double hi, double step, double factor,
                    int decimals)
{
  EisPlotAxisFormat f = { factor, decimals, 0, 1 };
  double wmax = 0;
  double first = ceil (lo / step - 1e-9) * step;
  for (int i = 0; i < 100; i++)
    {
      double v = first + i * step;
      if (v > hi + 1e-9 * step)
        break;
      char buf[64];
      format_tick (buf, sizeof buf, v, &f);
      wmax = fmax (wmax, eis_plot_text_width (c, buf, 0.9));
    }
  return wmax;
}

double
eis_plot_ylabel_width (const EisPlotCanvas *c, double lo, double hi, double factor, int log,
                       double len_px)
{
  if (log)
    {
      char buf[64];
      EisPlotAxisFormat f = { 1, 0, 1, 1 };
      double e = fabs (lo) > fabs (hi) ? floor (lo) : ceil (hi);
      format_tick (buf, sizeof buf, e, &f);
      return eis_plot_text_width (c, buf, 0.9);
    }
  double step;
  int nsub, dec;
  plan_linear (c, lo, hi, factor, len_px, 3.2, &step, &nsub, &dec);
  return linear_label_width (c, lo, hi, step, factor, dec);
}

/* Whether PLplot can put ticks on an axis over [LO, HI] (world units; log axes in decades). */
static int
axis_drawable (double lo, double hi)
{
  double span = fabs (hi - lo), mag = fmax (fabs (lo), fabs (hi));
  return isfinite (span) && span > 0 && mag < 1e250 && span > 1e-12 * mag;
}

void
eis_plot_axes (EisPlotCanvas *c, const EisPlotPanel *p, double xfactor, double yfactor,
               int noxlabels, int no_top_ticks)
{
  double bw = p->px1 - p->px0, bh = p->py1 - p->py0;
  double xtick = 0, ytick = 0;
  int nxsub = 0, nysub = 0;
  char xopt[16] = "b", yopt[16] = "bc";

  c->fmt[0] = (EisPlotAxisFormat){ xfactor, 0, p->xlog, 1 };
  c->fmt[1] = (EisPlotAxisFormat){ yfactor, 0, p->ylog, 1 };
  if (p->xlog)
    {
      double decades = fabs (p->wx1 - p->wx0);
      double per = bw / fmax (decades, 1e-9);
      c->fmt[0].every = per > 3.0 * c->fs ? 1 : per > 1.5 * c->fs ? 2 : 5;
    }
  else
    {
      plan_linear (c, p->wx0, p->wx1, xfactor, bw, 5.5, &xtick, &nxsub, &c->fmt[0].decimals);
      if (c->x_integer && xtick / xfactor < 1)
        xtick = xfactor; /* counts (the position in a series): whole numbers */
      /* Labels side by side must not touch ("200400600" on a narrow Nyquist panel): a wider
       * step (1 -> 2 -> 5 -> 10) while the widest label and a gap of one em, times the
       * number of labels, overrun the axis; never fewer than two labels. */
      double lo = fmin (p->wx0, p->wx1), hi = fmax (p->wx0, p->wx1);
      for (int k = 0; k < 8 && xtick > 0 && !noxlabels; k++)
        {
          double nlab = floor (hi / xtick + 1e-9) - ceil (lo / xtick - 1e-9) + 1;
          double w = linear_label_width (c, lo, hi, xtick, xfactor, c->fmt[0].decimals);
          if (nlab * (w + 1.0 * c->fs) <= bw)
            break;
          double s = xtick / xfactor, m = pow (10.0, floor (log10 (s) + 1e-9)), f = s / m;
          double next = (f < 1.5 ? 2 : f < 3.5 ? 5 : 10) * m;
          double l = lo / xfactor, h = hi / xfactor;
          if (floor (h / next + 1e-9) - ceil (l / next - 1e-9) + 1 < 2)
            break;
          xtick = next * xfactor;
          step_details (next, &nxsub, &c->fmt[0].decimals);
        }
      if (c->x_integer)
        {
          /* no label or minor tick between two whole numbers */
          double st = xtick / xfactor;
          c->fmt[0].decimals = 0;
          if (st <= 10)
            nxsub = (int) lround (st);
        }
    }
  if (p->ylog)
    {
      double decades = fabs (p->wy1 - p->wy0);
      double per = bh / fmax (decades, 1e-9);
      c->fmt[1].every = per > 1.6 * c->fs ? 1 : per > 0.8 * c->fs ? 2 : 5;
    }
  else
    plan_linear (c, p->wy0, p->wy1, yfactor, bh, 3.2, &ytick, &nysub, &c->fmt[1].decimals);

  if (!no_top_ticks)
    strcat (xopt, "c");
  strcat (xopt, "st");
  if (!noxlabels)
    strcat (xopt, "no");
  if (p->xlog)
    strcat (xopt, "l");
  strcat (yopt, "stnov");
  if (p->ylog)
    strcat (yopt, "l");

  /* A window PLplot cannot divide into ticks (not finite, or a span lost in the rounding of
   * its ends, as with 1.8e308) would send plbox into an endless loop: frame only. */
  if (!axis_drawable (p->wx0, p->wx1))
    strcpy (xopt, no_top_ticks ? "b" : "bc"), xtick = 0, nxsub = 0;
  if (!axis_drawable (p->wy0, p->wy1))
    strcpy (yopt, "bc"), ytick = 0, nysub = 0;
  eis_plot_panel_use (c, p);
  eis_plot_grey (AXIS_GREY, 1.0);
  plwidth (c->lw);
  pllsty (1);
  eis_plot_font (c, 0.9);
  /* Tick lengths in mm of the 72 dpi device. */
  plsmaj (0.42 * c->fs * 25.4 / PLPLOT_DPI, 1.0);
  plsmin (0.22 * c->fs * 25.4 / PLPLOT_DPI, 1.0);
  plslabelfunc (label_cb, c);
  plbox (xopt, xtick, nxsub, yopt, ytick, nysub);
  if (no_top_ticks)
    plbox ("c", 0, 0, "", 0, 0);
  plslabelfunc (NULL, NULL);
}

void
eis_plot_text (EisPlotCanvas *c, double px, double py, double just, double angle, double rel,
               const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  page_use (c);
  eis_plot_grey (AXIS_GREY, 1.0);
  eis_plot_font (c, rel);
  double a = angle * M_PI / 180.0;
  /* '#' is PLplot's escape character: "#1" of "pellet.csv #1" was dropped from SVG text; "##"
   * is a '#' */
  char buf[1024];
  size_t k = 0;
  for (const char *t = text; *t && k + 2 < sizeof buf; t++)
    {
      if (*t == '#')
        buf[k++] = '#';
      buf[k++] = *t;
    }
  buf[k] = '\0';
  /* World y points down in page mode, so "up" is -y. */
  plptex (px, py, cos (a), -sin (a), just, strchr (text, '#') ? buf : text);
}

void
eis_plot_axis_titles (EisPlotCanvas *c, const EisPlotPanel *p, const char *xtitle,
                      const char *ytitle)
{
  eis_plot_grey (AXIS_GREY, 1.0);
  if (xtitle)
    eis_plot_text (c, 0.5 * (p->px0 + p->px1), p->py1 + 2.35 * c->fs, 0.5, 0, 1.0, xtitle);
  if (ytitle)
    {
      double lw = eis_plot_ylabel_width (c, p->wy0, p->wy1, c->fmt[1].factor, p->ylog,
                                         p->py1 - p->py0);
      eis_plot_text (c, p->px0 - lw - 1.25 * c->fs, 0.5 * (p->py0 + p->py1), 0.5, 90, 1.0,
                     ytitle);
    }
}

double
eis_plot_marker_size (const EisPlotCanvas *c)
{
  return fmax (2.5, 0.27 * c->fs);
}

void
eis_plot_marker (EisPlotCanvas *c, const EisPlotPanel *p, double px, double py, int shape,
                 double r, int index, int filled)
{
  PLFLT x[26], y[26];
  int n = 0;
  switch (shape)
    {
    case EIS_MARK_SQUARE:
      {
        double s = 0.88 * r;
        double dx[4] = { -s, s, s, -s }, dy[4] = { -s, -s, s, s };
        for (n = 0; n < 4; n++)
          x[n] = px + dx[n], y[n] = py + dy[n];
        break;
      }
    case EIS_MARK_TRIANGLE:
      for (n = 0; n < 3; n++)
        {
          double a = M_PI / 2 + n * 2 * M_PI / 3;
          x[n] = px + 1.25 * r * cos (a);
          y[n] = py - 1.25 * r * sin (a) + 0.2 * r;
        }
      break;
    case EIS_MARK_DIAMOND:
      {
        double s = 1.2 * r;
        double dx[4] = { 0, s, 0, -s }, dy[4] = { -s, 0, s, 0 };
        for (n = 0; n < 4; n++)
          x[n] = px + dx[n], y[n] = py + dy[n];
        break;
      }
    default:
      for (n = 0; n < 24; n++)
        {
          double a = n * 2 * M_PI / 24;
          x[n] = px + r * cos (a);
          y[n] = py + r * sin (a);
        }
      break;
    }
  for (int i = 0; i < n; i++)
    {
      x[i] = panel_wx (p, x[i]);
      y[i] = panel_wy (p, y[i]);
    }
  x[n] = x[0];
  y[n] = y[0];
  if (filled)
    eis_plot_color (index);
  else
    eis_plot_grey (255, 1.0);
  plfill (n, x, y);
  eis_plot_color (index);
  plwidth (fmax (1.0, 0.85 * c->lw));
  plline (n + 1, x, y);
}

void
eis_plot_data_marker (EisPlotCanvas *c, const EisPlotPanel *p, double px, double py, int marker,
                      int shape, double r, int index)
{
  PLFLT x[25], y[25];
  double rr = marker == EIS_PLOT_MARKER_FLAGGED ? 2.0 * r : 0.85 * r;

  if (marker != EIS_PLOT_MARKER_LEFT_OUT && marker != EIS_PLOT_MARKER_FLAGGED)
    {
      eis_plot_marker (c, p, px, py, shape, r, index, 0);
      return;
    }
  for (int n = 0; n < 24; n++)
    {
      double a = n * 2 * M_PI / 24;
      x[n] = panel_wx (p, px + rr * cos (a));
      y[n] = panel_wy (p, py + rr * sin (a));
    }
  x[24] = x[0];
  y[24] = y[0];
  if (marker == EIS_PLOT_MARKER_FLAGGED)
    {
      /* on the dark background a lighter red: 215, 0, 0 has a contrast of 2.8:1 there */
      if (style.dark)
        plscol0a (CMAP_SLOT, 255, 96, 96, 1.0);
      else
        plscol0a (CMAP_SLOT, 215, 0, 0, 1.0);
      plcol0 (CMAP_SLOT);
      plwidth (fmax (1.2, 1.3 * c->lw));
    }
  else
    {
      /* a grey with a trace of blue: told apart from the anti-aliased black of the text */
      if (style.dark)
        plscol0a (CMAP_SLOT, 150, 150, 180, 1.0);
      else
        plscol0a (CMAP_SLOT, 120, 120, 150, 1.0);
      plcol0 (CMAP_SLOT);
      plwidth (fmax (1.0, 0.85 * c->lw));
    }
  plline (25, x, y);
}

void
eis_plot_polyline (EisPlotCanvas *c, const EisPlotPanel *p, size_t n, const double *x,
                   const double *y, double ysign, int index, double width, int dashed)
{
  /* Runs of finite points go to plline in chunks that overlap by one point. */
  enum { CHUNK = 256 };
  PLFLT wx[CHUNK], wy[CHUNK];
  eis_plot_panel_use (c, p);
  eis_plot_color (index);
  plwidth (width);
  if (dashed)
    {
      PLINT mark = (PLINT) lround (3.2 * width * 25.4 / PLPLOT_DPI * 1000.0);
      PLINT space = (PLINT) lround (2.4 * width * 25.4 / PLPLOT_DPI * 1000.0);
      plstyl (1, &mark, &space);
    }
  else
    pllsty (1);
  PLINT k = 0;
  for (size_t i = 0; i <= n; i++)
    {
      double a = i < n ? eis_plot_wx (p, x[i]) : NAN;
      double b = i < n ? eis_plot_wy (p, ysign * y[i]) : NAN;
      int ok = isfinite (a) && isfinite (b);
      if (ok)
        {
          wx[k] = a;
          wy[k] = b;
          k++;
        }
      if (!ok || k == CHUNK)
        {
          if (k >= 2)
            plline (k, wx, wy);
          if (ok)
            {
              wx[0] = wx[k - 1];
              wy[0] = wy[k - 1];
              k = 1;
            }
          else
            k = 0;
        }
    }
  pllsty (1);
}

/* Draws one legend sample (marker and/or line) centred at (px, py) in device units. */
static void
legend_sample (EisPlotCanvas *c, const EisPlotPanel *page, const EisPlotLegendEntry *e,
               double px, double py, double len)
{
  if (e->line)
    {
      double xs[2] = { px - 0.5 * len, px + 0.5 * len }, ys[2] = { py, py };
      eis_plot_polyline (c, page, 2, xs, ys, 1.0, e->color, 1.6 * c->lw, e->line == 2);
    }
  if (e->shape >= 0)
    {
      eis_plot_panel_use (c, page);
      if (e->marker != EIS_PLOT_MARKER_DATA)
        eis_plot_data_marker (c, page, px, py, e->marker, e->shape, eis_plot_marker_size (c),
                              e->color);
      else
        eis_plot_marker (c, page, px, py, e->shape, eis_plot_marker_size (c), e->color,
                         e->filled);
    }
}

/* LABEL shortened in the middle with "…" (whole UTF-8 characters) until it is at most MAXW
 * wide at size REL, into BUF: "pellet-…-m20C.csv #1". The start and the end, which tell files
 * of a series apart, are kept. */
static const char *
elide_label (EisPlotCanvas *c, const char *label, double rel, double maxw, char *buf,
             size_t cap)
{
  size_t n = strlen (label);

  if (eis_plot_text_width (c, label, rel) <= maxw || n + 4 > cap)
    return label;
  for (size_t cut = 1; cut < n; cut++)
    {
      size_t head = (n - cut) / 2, tail = n - cut - head;

      /* step over UTF-8 continuation bytes so that no character is split */
      while (head > 0 && ((unsigned char) label[head] & 0xC0) == 0x80)
        head--;
      while (tail > 0 && ((unsigned char) label[n - tail] & 0xC0) == 0x80)
        tail--;
      snprintf (buf, cap, "%.*s…%s", (int) head, label, label + n - tail);
      if (eis_plot_text_width (c, buf, rel) <= maxw || head + tail <= 2)
        return buf;
    }
  return label;
}

/* A legend laid out for a panel of width PW: the entries shown (long labels shortened in the
 * middle, at most MAX_ROWS rows with a count of the rest) and the box's size. */
enum { LEGEND_MAX_ROWS = 8 };
typedef struct {
  char (*shown_label)[160];
  const char **text;
  size_t shown;
  char more[48];
  double bw, bh, row, pad, sample, rel;
} LegendLayout;

static int
legend_layout (EisPlotCanvas *c, double pw, const EisPlotLegendEntry *e, size_t ne,
               LegendLayout *L)
{
  memset (L, 0, sizeof *L);
  L->rel = 0.85;
  L->row = 1.45 * L->rel * c->fs;
  L->pad = 0.55 * c->fs;
  L->sample = 2.2 * c->fs;
  /* Many overlaid spectra: the first few entries and a count of the rest, so that the legend
   * never hides the plot. */
  size_t labelled = 0;
  for (size_t i = 0; i < ne; i++)
    labelled += e[i].label && e[i].label[0];
  L->shown = labelled > LEGEND_MAX_ROWS ? LEGEND_MAX_ROWS - 1 : labelled;
  if (L->shown < labelled)
    snprintf (L->more, sizeof L->more, "… and %zu more", labelled - L->shown);
  /* Labels longer than about 60 % of the panel are shortened in the middle, so that the legend
   * never grows wider than the plot (long file names). */
  double maxw = fmax (10 * c->fs, 0.6 * fabs (pw));
  L->shown_label = calloc (ne ? ne : 1, sizeof *L->shown_label);
  L->text = calloc (ne ? ne : 1, sizeof *L->text);
  if (!L->shown_label || !L->text)
    return 0;
  /* A legend must fit inside its panel with the insets (on a figure one journal column wide,
   * the Bruce-Vincent legend was wider than its panel and covered the tick labels): smaller
   * text, down to 0.65 of the figure's, then labels shortened to what is left. */
  double avail = fabs (pw) - 1.0 * c->fs, tw = 0;
  size_t rows = 0;
  for (int pass = 0; pass < 6; pass++)
    {
      tw = L->more[0] ? eis_plot_text_width (c, L->more, L->rel) : 0;
      rows = 0;
      for (size_t i = 0; i < ne && rows < L->shown; i++)
        if (e[i].label && e[i].label[0])
          {
            L->text[i] = elide_label (c, e[i].label, L->rel, maxw, L->shown_label[i],
                                      sizeof L->shown_label[i]);
            tw = fmax (tw, eis_plot_text_width (c, L->text[i], L->rel));
            rows++;
          }
      double frame = L->pad + L->sample + 0.5 * c->fs + L->pad;
      if (rows == 0 || frame + tw <= avail || pass == 5)
        break;
      if (L->rel > 0.66)
        {
          L->rel = fmax (0.65, L->rel * 0.88);
          L->row = 1.45 * L->rel * c->fs;
        }
      else
        maxw = fmax (3 * c->fs, avail - frame);
    }
  if (rows == 0)
    return 0;
  rows += L->more[0] != '\0';
  L->bw = L->pad + L->sample + 0.5 * c->fs + tw + L->pad;
  L->bh = rows * L->row + L->pad;
  return 1;
}

static void
legend_layout_free (LegendLayout *L)
{
  free (L->shown_label);
  free (L->text);
}

/* Draws the legend L with its top left corner at (X0, Y0). */
static void
legend_draw (EisPlotCanvas *c, const LegendLayout *L, const EisPlotLegendEntry *e, size_t ne,
             double x0, double y0)
{
  /* A page-sized panel: world = device units, for the box and the samples. */
  EisPlotPanel page = { 0, 0, c->w, c->h, 0, c->w, c->h, 0, 0, 0, 0, 0 };
  eis_plot_panel_use (c, &page);
  PLFLT bx[5] = { x0, x0 + L->bw, x0 + L->bw, x0, x0 };
  PLFLT by[5] = { y0, y0, y0 + L->bh, y0 + L->bh, y0 };
  eis_plot_grey (255, 0.88);
  plfill (4, bx, by);
  eis_plot_grey (170, 1.0);
  plwidth (fmax (0.8, 0.6 * c->lw));
  plline (5, bx, by);

  double y = y0 + 0.5 * L->pad + 0.5 * L->row;
  size_t done = 0;
  for (size_t i = 0; i < ne && done < L->shown; i++)
    {
      if (!(e[i].label && e[i].label[0]))
        continue;
      legend_sample (c, &page, &e[i], x0 + L->pad + 0.5 * L->sample, y, L->sample);
      eis_plot_grey (AXIS_GREY, 1.0);
      eis_plot_text (c, x0 + L->pad + L->sample + 0.5 * c->fs, y, 0.0, 0, L->rel, L->text[i]);
      y += L->row;
      done++;
    }
  if (L->more[0])
    {
      eis_plot_grey (AXIS_GREY, 1.0);
      eis_plot_text (c, x0 + L->pad + L->sample + 0.5 * c->fs, y, 0.0, 0, L->rel, L->more);
    }
}

/* The corner of P (0 top right, 1 top left, 2 bottom right, 3 bottom left) where a legend of
 * BW x BH covers the fewest of the points; their number in *COVERED. */
static size_t
legend_corner (const EisPlotCanvas *c, const EisPlotPanel *p, double bw, double bh,
               const double *px, const double *py, size_t npts, double *x0, double *y0,
               size_t *covered)
{
  double inset = 0.5 * c->fs;
  double cx[4] = { p->px1 - inset - bw, p->px0 + inset, p->px1 - inset - bw, p->px0 + inset };
  double cy[4] = { p->py0 + inset, p->py0 + inset, p->py1 - inset - bh, p->py1 - inset - bh };
  size_t best = 0, best_count = (size_t) -1;
  for (size_t k = 0; k < 4; k++)
    {
      size_t count = 0;
      double m = 0.6 * c->fs;
      for (size_t i = 0; i < npts; i++)
        if (px[i] >= cx[k] - m && px[i] <= cx[k] + bw + m && py[i] >= cy[k] - m
            && py[i] <= cy[k] + bh + m)
          count++;
      if (count < best_count)
        {
          best = k;
          best_count = count;
        }
    }
  *x0 = cx[best];
  *y0 = cy[best];
  *covered = best_count;
  return best;
}

size_t
eis_plot_legend (EisPlotCanvas *c, const EisPlotPanel *p, const EisPlotLegendEntry *e,
                 size_t ne, const double *px, const double *py, size_t npts)
{
  LegendLayout L;
  size_t covered = 0;
  if (legend_layout (c, p->px1 - p->px0, e, ne, &L))
    {
      double x0, y0;
      legend_corner (c, p, L.bw, L.bh, px, py, npts, &x0, &y0, &covered);
      legend_draw (c, &L, e, ne, x0, y0);
    }
  legend_layout_free (&L);
  return covered;
}

double
eis_plot_legend_outside_width (EisPlotCanvas *c, const EisPlotPanel *p,
                               const EisPlotLegendEntry *e, size_t ne, const double *px,
                               const double *py, size_t npts, double room)
{
  LegendLayout L;
  double w = 0;
  if (legend_layout (c, p->px1 - p->px0, e, ne, &L))
    {
      double x0, y0;
      size_t covered;
      legend_corner (c, p, L.bw, L.bh, px, py, npts, &x0, &y0, &covered);
      /* outside only when inside would hide data and the plot keeps most of the width */
      if (covered > 0 && L.bw + 0.8 * c->fs <= room)
        w = L.bw + 0.8 * c->fs;
    }
  legend_layout_free (&L);
  return w;
}

double
eis_plot_legend_outside_fit (EisPlotCanvas *c, const EisPlotPanel *p, const EisPlotLegendEntry *e,
                             size_t ne, const double *px, const double *py, size_t npts,
                             double room, double *pw)
{
  double w = eis_plot_legend_outside_width (c, p, e, ne, px, py, npts, room);
  *pw = p->px1 - p->px0;
  if (w > 0 || room <= 0.8 * c->fs)
    return w;
  /* Too wide for ROOM as laid out for the panel (long names of many overlaid spectra): laid
   * out for the room alone (smaller text, then shorter labels), if inside it would still
   * cover data. */
  LegendLayout L, F;
  size_t covered = 0;
  if (legend_layout (c, p->px1 - p->px0, e, ne, &L))
    {
      double x0, y0;
      legend_corner (c, p, L.bw, L.bh, px, py, npts, &x0, &y0, &covered);
    }
  legend_layout_free (&L);
  if (covered == 0)
    return 0;
  double fit = room - 0.8 * c->fs + 1.0 * c->fs; /* legend_layout keeps 1 fs of inset */
  if (legend_layout (c, fit, e, ne, &F) && F.bw + 0.8 * c->fs <= room)
    {
      w = F.bw + 0.8 * c->fs;
      *pw = fit;
    }
  legend_layout_free (&F);
  return w;
}

double
eis_plot_legend_width (EisPlotCanvas *c, double pw, const EisPlotLegendEntry *e, size_t ne)
{
  LegendLayout L;
  double w = legend_layout (c, pw, e, ne, &L) ? L.bw : 0;
  legend_layout_free (&L);
  return w;
}

double
eis_plot_legend_height (EisPlotCanvas *c, double pw, const EisPlotLegendEntry *e, size_t ne)
{
  LegendLayout L;
  double h = legend_layout (c, pw, e, ne, &L) ? L.bh : 0;
  legend_layout_free (&L);
  return h;
}

void
eis_plot_legend_beside (EisPlotCanvas *c, const EisPlotPanel *p, const EisPlotLegendEntry *e,
                        size_t ne, double pw)
{
  LegendLayout L;
  if (legend_layout (c, pw, e, ne, &L))
    legend_draw (c, &L, e, ne, p->px1 + 0.8 * c->fs, p->py0);
  legend_layout_free (&L);
}

double
eis_plot_legend_row_width (EisPlotCanvas *c, const EisPlotLegendEntry *e, size_t ne)
{
  double sample = 2.0 * c->fs, gap = 0.4 * c->fs, sep = 1.2 * c->fs, w = 0;
  for (size_t k = 0; k < ne; k++)
    if (e[k].label && e[k].label[0])
      w += eis_plot_text_width (c, e[k].label, 0.85) + gap + sample + sep;
  return w > 0 ? w - sep : 0;
}

void
eis_plot_legend_row (EisPlotCanvas *c, double xright, double ymid, const EisPlotLegendEntry *e,
                     size_t ne)
{
  const double rel = 0.85;
  double sample = 2.0 * c->fs, gap = 0.4 * c->fs, sep = 1.2 * c->fs;
  EisPlotPanel page = { 0, 0, c->w, c->h, 0, c->w, c->h, 0, 0, 0, 0, 0 };
  double x = xright;
  for (size_t k = ne; k-- > 0;)
    {
      if (!(e[k].label && e[k].label[0]))
        continue;
      double tw = eis_plot_text_width (c, e[k].label, rel);
      x -= tw;
      eis_plot_text (c, x, ymid, 0.0, 0, rel, e[k].label);
      x -= gap + 0.5 * sample;
      legend_sample (c, &page, &e[k], x, ymid, sample);
      x -= 0.5 * sample + sep;
    }
}

void
eis_plot_trace_styles (const EisPlotTrace *t, size_t nt, int *colors, int *shapes)
{
  size_t ndata = 0;
  for (size_t i = 0; i < nt; i++)
    if (!t[i].line && t[i].marker == EIS_PLOT_MARKER_DATA)
      ndata++;
  int next = 0, last_data = -1, data_index = 0;
  for (size_t i = 0; i < nt; i++)
    {
      int col = t[i].color;
      if (!t[i].line && t[i].marker != EIS_PLOT_MARKER_DATA)
        {
          /* left out or flagged: drawn in their own style, taking nothing from the data */
          shapes[i] = EIS_MARK_CIRCLE;
          colors[i] = col < 0 ? 6 : col % EIS_PLOT_NCOLORS;
          continue;
        }
      if (!t[i].line)
        {
          if (col < 0)
            col = next++;
          last_data = col;
          shapes[i] = data_index++ % EIS_MARK_NSHAPES;
        }
      else
        {
          shapes[i] = -1;
          if (col < 0)
            {
              /* One spectrum: a fit in a contrasting colour. Several: the colour of its data. */
              if (ndata <= 1)
                col = 1;
              else
                col = last_data >= 0 ? last_data : next++;
            }
        }
      colors[i] = col % EIS_PLOT_NCOLORS;
    }
}

int
eis_plot_check_trace (const EisPlotTrace *t, size_t i, int need_freq, EisError *err)
{
  if (t->n > 0 && (t->z_re == NULL || t->z_im == NULL || (need_freq && t->freq_hz == NULL)))
    return eis_error_set (err, EIS_ERR_INVALID, "plot: trace %zu (%s) has %zu points but no %s",
                          i + 1, t->label ? t->label : "unlabelled", t->n,
                          need_freq && t->freq_hz == NULL ? "frequencies" : "impedance");
  return EIS_OK;
}

void
eis_plot_points_add (EisPlotPoints *pts, double px, double py)
{
  if (pts->failed || !isfinite (px) || !isfinite (py))
    return;
  if (pts->n == pts->cap)
    {
      size_t cap = pts->cap ? 2 * pts->cap : 256;
      double *x = realloc (pts->x, cap * sizeof *x);
      if (x == NULL)
        {
          pts->failed = 1;
          return;
        }
      pts->x = x;
      double *y = realloc (pts->y, cap * sizeof *y);
      if (y == NULL)
        {
          pts->failed = 1;
          return;
        }
      pts->y = y;
      pts->cap = cap;
    }
  pts->x[pts->n] = px;
  pts->y[pts->n] = py;
  pts->n++;
}

void
eis_plot_points_free (EisPlotPoints *pts)
{
  free (pts->x);
  free (pts->y);
  memset (pts, 0, sizeof *pts);
}

int
eis_plot_caption (cairo_t *cr, double width, double height, double caption_h, const char *title,
                  EisError *err)
{
  EisPlotCanvas c;
  int status = eis_plot_canvas_begin (&c, cr, width, height, err);
  if (status)
    return status;
  eis_plot_text (&c, 0.5 * width, 0.55 * caption_h, 0.5, 0, 1.1, title);
  return eis_plot_canvas_end (&c, err);
}
