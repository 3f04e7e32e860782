/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for src/plot: every figure renders onto a cairo image surface (no display), is not
 * blank, shows the data colour, keeps equal Nyquist scales, maps pixels to data and back, writes
 * PNG/SVG/PDF files atomically without overwriting, and stays silent on stdout/stderr. */
#include <complex.h>
#include <dirent.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "testutil.h"
#include "plot.h"

#define TWO_PI 6.28318530717958647692
#define NPTS 79 /* 7 MHz to 0.1 Hz, 10 points per decade */
#define NFIT 300

/* A pellet between blocking electrodes: R0 + (R1|Q1) + (R2|Q2) + Q3 (SCIENCE.md, element table). */
static double complex
pellet_z (double f_hz)
{
  double complex jw = I * TWO_PI * f_hz;
  double complex q1 = 3e-10 * cpow (jw, 0.9), q2 = 2e-8 * cpow (jw, 0.8);
  return 120.0 + 2400.0 / (1.0 + 2400.0 * q1) + 8000.0 / (1.0 + 8000.0 * q2)
         + 1.0 / (5e-6 * cpow (jw, 0.85));
}

typedef struct {
  double f[NPTS], re[NPTS], im[NPTS];
  double ff[NFIT], fre[NFIT], fim[NFIT];
  double rre[NPTS], rim[NPTS];
  EisPlotTrace traces[2];
  EisPlotResiduals residuals;
  cairo_surface_t *surface;
  cairo_t *cr;
  char dir[64];
} Fixture;

static void
make_surface (Fixture *fx, int w, int h)
{
  if (fx->cr)
    cairo_destroy (fx->cr);
  if (fx->surface)
    cairo_surface_destroy (fx->surface);
  fx->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  fx->cr = cairo_create (fx->surface);
}

static int
setup (void **state)
{
  Fixture *fx = calloc (1, sizeof *fx);
  if (fx == NULL)
    return -1;
  for (int i = 0; i < NPTS; i++)
    {
      fx->f[i] = 7e6 * pow (10.0, -i / 10.0);
      double complex z = pellet_z (fx->f[i]);
      /* Deterministic 0.3 % "noise" so that residuals are not zero. */
      fx->re[i] = creal (z) * (1 + 0.003 * sin (2.385 * i));
      fx->im[i] = cimag (z) * (1 + 0.003 * cos (1.917 * i));
    }
  for (int i = 0; i < NFIT; i++)
    {
      fx->ff[i] = 7e6 * pow (10.0, -i * 7.9 / (NFIT - 1));
      double complex z = pellet_z (fx->ff[i]);
      fx->fre[i] = creal (z);
      fx->fim[i] = cimag (z);
    }
  double mre[NPTS], mim[NPTS];
  for (int i = 0; i < NPTS; i++)
    {
      double complex z = pellet_z (fx->f[i]);
      mre[i] = creal (z);
      mim[i] = cimag (z);
    }
  eis_plot_relative_residuals (NPTS, fx->re, fx->im, mre, mim, fx->rre, fx->rim);
  fx->traces[0] = (EisPlotTrace){ NPTS, fx->f, fx->re, fx->im, "pellet 25 °C", 0, -1, 0 };
  fx->traces[1] = (EisPlotTrace){ NFIT, fx->ff, fx->fre, fx->fim, "fit", 1, -1, 0 };
  fx->residuals = (EisPlotResiduals){ NPTS, fx->f, fx->rre, fx->rim, 0, "Fit residuals" };
  make_surface (fx, 800, 600);
  snprintf (fx->dir, sizeof fx->dir, "/tmp/eisfit-test-plot-XXXXXX");
  if (mkdtemp (fx->dir) == NULL)
    return -1;
  *state = fx;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fx = *state;
  if (fx == NULL)
    return 0;
  cairo_destroy (fx->cr);
  cairo_surface_destroy (fx->surface);
  DIR *d = opendir (fx->dir);
  if (d)
    {
      struct dirent *e;
      while ((e = readdir (d)) != NULL)
        {
          if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0)
            continue;
          char path[512];
          snprintf (path, sizeof path, "%s/%s", fx->dir, e->d_name);
          unlink (path);
        }
      closedir (d);
    }
  rmdir (fx->dir);
  free (fx);
  return 0;
}

/* Pixel (x, y) of the surface as 0xRRGGBB (the figures are opaque). */
static unsigned
pixel (cairo_surface_t *s, int x, int y)
{
  const unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  uint32_t v;
  memcpy (&v, data + (size_t) y * stride + 4 * (size_t) x, 4);
  return v & 0xffffff;
}

/* Pixels in the box (x0, y0)-(x1, y1) that are not white. */
static long
count_nonwhite (cairo_surface_t *s, double x0, double y0, double x1, double y1)
{
  cairo_surface_flush (s);
  long n = 0;
  for (int y = (int) ceil (y0); y < (int) y1; y++)
    for (int x = (int) ceil (x0); x < (int) x1; x++)
      if (pixel (s, x, y) != 0xffffff)
        n++;
  return n;
}

/* Pixels in the box close (per channel within TOL) to palette colour INDEX; the bounding box
 * of those pixels in BB (x0, y0, x1, y1) if BB is not NULL. */
static long
count_color (cairo_surface_t *s, double x0, double y0, double x1, double y1, int index, int tol,
             int bb[4])
{
  int r, g, b;
  eis_plot_palette_rgb (index, &r, &g, &b);
  cairo_surface_flush (s);
  long n = 0;
  if (bb)
    bb[0] = bb[1] = 1 << 30, bb[2] = bb[3] = -1;
  for (int y = (int) ceil (y0); y < (int) y1; y++)
    for (int x = (int) ceil (x0); x < (int) x1; x++)
      {
        unsigned v = pixel (s, x, y);
        int pr = (v >> 16) & 0xff, pg = (v >> 8) & 0xff, pb = v & 0xff;
        if (abs (pr - r) <= tol && abs (pg - g) <= tol && abs (pb - b) <= tol)
          {
            n++;
            if (bb)
              {
                bb[0] = x < bb[0] ? x : bb[0];
                bb[1] = y < bb[1] ? y : bb[1];
                bb[2] = x > bb[2] ? x : bb[2];
                bb[3] = y > bb[3] ? y : bb[3];
              }
          }
      }
  return n;
}

/* Checks a panel: inside the figure, not blank (nor mostly filled, up to MAX_INK of its area),
 * and showing palette colour INDEX. */
static void
check_panel_ink (Fixture *fx, const EisPlotPanel *p, int index, double max_ink)
{
  int w = cairo_image_surface_get_width (fx->surface), h = cairo_image_surface_get_height (fx->surface);
  assert_true (p->px0 >= 0 && p->px1 <= w && p->px1 - p->px0 > 50);
  assert_true (p->py0 >= 0 && p->py1 <= h && p->py1 - p->py0 > 30);
  long area = (long) ((p->px1 - p->px0) * (p->py1 - p->py0));
  long ink = count_nonwhite (fx->surface, p->px0 + 2, p->py0 + 2, p->px1 - 2, p->py1 - 2);
  assert_true (ink > area / 400);
  assert_true (ink < max_ink * area);
  assert_true (count_color (fx->surface, p->px0, p->py0, p->px1, p->py1, index, 30, NULL) > 20);
}

static void
check_panel (Fixture *fx, const EisPlotPanel *p, int index)
{
  check_panel_ink (fx, p, index, 0.5);
}

static void
test_nyquist (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_nyquist (fx->cr, 800, 600, fx->traces, 2, NULL, &tr, &err), EIS_OK);
  assert_int_equal (cairo_image_surface_get_width (fx->surface), 800);
  assert_int_equal (tr.npanels, 1);
  assert_int_equal (tr.panel[0].kind, EIS_PLOT_PANEL_NYQUIST);
  check_panel (fx, &tr.panel[0], 0); /* data: blue markers */
  check_panel (fx, &tr.panel[0], 1); /* one spectrum: the fit in vermillion */
  /* The margins outside the plot box carry the tick labels and titles. */
  assert_true (count_nonwhite (fx->surface, 0, 0, tr.panel[0].px0 - 3, 600) > 200);
  assert_true (count_nonwhite (fx->surface, 0, tr.panel[0].py1 + 3, 800, 600) > 200);
  /* The context is left as it was given: identity matrix, no stream state leaking. */
  cairo_matrix_t m;
  cairo_get_matrix (fx->cr, &m);
  assert_true (m.xx == 1 && m.yy == 1 && m.x0 == 0 && m.y0 == 0 && m.xy == 0 && m.yx == 0);
}

/* A semicircle of radius R must come out twice as wide as high, in pixels, whatever the shape
 * of the figure: one Ohm is equally long on both axes. */
static void
test_nyquist_equal_axes (void **state)
{
  Fixture *fx = *state;
  enum { NS = 361 };
  double f[NS], re[NS], im[NS], R = 2385.0;
  for (int i = 0; i < NS; i++)
    {
      double th = M_PI * i / (NS - 1);
      f[i] = 1e6 * pow (10.0, -i / 60.0);
      re[i] = R + R * cos (th);
      im[i] = -R * sin (th);
    }
  EisPlotTrace t = { NS, f, re, im, NULL, 1, 0, 0 };
  const int sizes[3][2] = { { 900, 500 }, { 500, 900 }, { 640, 640 } };
  for (int k = 0; k < 3; k++)
    {
      int w = sizes[k][0], h = sizes[k][1];
      make_surface (fx, w, h);
      EisError err = { 0 };
      EisPlotTransform tr;
      assert_int_equal (eis_plot_nyquist (fx->cr, w, h, &t, 1, NULL, &tr, &err), EIS_OK);
      const EisPlotPanel *p = &tr.panel[0];
      double sx = (p->px1 - p->px0) / (p->wx1 - p->wx0), sy = (p->py1 - p->py0) / (p->wy1 - p->wy0);
      assert_rel (sx, sy, 1e-9);
      int bb[4];
      assert_true (count_color (fx->surface, p->px0 + 1, p->py0 + 1, p->px1 - 1, p->py1 - 1, 0, 40,
                                bb) > 100);
      double width = bb[2] - bb[0], height = bb[3] - bb[1];
      /* Line width (~2 px) adds to both: compare with a few pixels of slack. */
      assert_abs (width, 2.0 * height, 6.0);
      assert_abs (width, 2.0 * R * sx, 6.0);
    }
}

static void
test_nyquist_view_and_units (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTransform tr;
  EisPlotView v = { 1, 0, 3000, 0, 1500, 0 };
  assert_int_equal (eis_plot_nyquist (fx->cr, 800, 600, fx->traces, 2, &v, &tr, &err), EIS_OK);
  const EisPlotPanel *p = &tr.panel[0];
  /* The zoom rectangle is inside the window, widened in one direction only. */
  assert_true (p->wx0 <= 0 + 1e-9 && p->wx1 >= 3000 - 1e-9);
  assert_true (p->wy0 <= 0 + 1e-9 && p->wy1 >= 1500 - 1e-9);
  assert_true (fabs ((p->wx1 - p->wx0) - 3000) < 1e-6 || fabs ((p->wy1 - p->wy0) - 1500) < 1e-6);
  check_panel (fx, p, 0);
  /* the measured points outside the window are counted (and noted above the plot), the
   * fit's line points are not; all the data in view: none */
  size_t outside = 0;
  for (size_t i = 0; i < NPTS; i++)
    outside += fx->re[i] < p->wx0 || fx->re[i] > p->wx1 || -fx->im[i] < p->wy0
               || -fx->im[i] > p->wy1;
  assert_true (outside > 10);
  assert_int_equal (p->n_off_scale, outside);
  assert_int_equal (eis_plot_nyquist (fx->cr, 800, 600, fx->traces, 2, NULL, &tr, &err), EIS_OK);
  assert_int_equal (tr.panel[0].n_off_scale, 0);
  EisPlotView bad = { 1, 10, 10, 0, 1, 0 };
  assert_int_equal (eis_plot_nyquist (fx->cr, 800, 600, fx->traces, 2, &bad, NULL, &err),
                    EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "view"));
}

static void
test_transform (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_bode (fx->cr, 800, 600, fx->traces, 2, NULL, &tr, &err), EIS_OK);
  assert_int_equal (tr.npanels, 2);
  double px, py, x, y;
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 1234.5, 5678.9, &px, &py), 0);
  assert_int_equal (eis_plot_device_to_world (&tr, px, py, &x, &y), 0);
  assert_rel (x, 1234.5, 1e-9);
  assert_rel (y, 5678.9, 1e-9);
  assert_int_equal (eis_plot_world_to_device (&tr, 1, 98.7, 42.1, &px, &py), 0);
  assert_int_equal (eis_plot_device_to_world (&tr, px, py, &x, &y), 1);
  assert_rel (x, 98.7, 1e-9);
  assert_rel (y, 42.1, 1e-9);
  assert_int_equal (eis_plot_device_to_world (&tr, 1, 1, &x, &y), -1);
  assert_int_equal (eis_plot_world_to_device (&tr, 0, -5, 1, &px, &py), -1); /* log axis */
  assert_int_equal (eis_plot_world_to_device (&tr, 7, 1, 1, &px, &py), -1);
  /* The |Z| panel lies above the phase panel and they share the frequency axis. */
  assert_true (tr.panel[0].py1 <= tr.panel[1].py0);
  assert_rel (tr.panel[0].wx0, tr.panel[1].wx0, 1e-12);
  check_panel (fx, &tr.panel[0], 0);
  check_panel (fx, &tr.panel[1], 0);
}

static void
test_residuals_and_report (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_residuals (fx->cr, 800, 400, &fx->residuals, NULL, &tr, &err), EIS_OK);
  check_panel (fx, &tr.panel[0], 0);
  check_panel (fx, &tr.panel[0], 1);
  /* Residuals of 0.3 % noise: the axis is a fraction of a percent, symmetric about zero. */
  assert_rel (tr.panel[0].wy0, -tr.panel[0].wy1, 1e-12);
  assert_true (tr.panel[0].wy1 > 0.3 && tr.panel[0].wy1 < 1.0);

  make_surface (fx, 1600, 1000);
  EisPlotSpectra s = { fx->traces, 2, &fx->residuals, "pellet 25 °C", { 0 } };
  assert_int_equal (eis_plot_fit_report (fx->cr, 1600, 1000, &s, &tr, &err), EIS_OK);
  assert_int_equal (tr.npanels, 4);
  for (size_t i = 0; i < 4; i++)
    check_panel (fx, &tr.panel[i], 0);
  /* Nyquist left, Bode right, residuals below; no panel overlaps another. */
  assert_true (tr.panel[0].px1 < tr.panel[1].px0);
  assert_true (tr.panel[0].py1 < tr.panel[3].py0 && tr.panel[2].py1 < tr.panel[3].py0);
  double sx = (tr.panel[0].px1 - tr.panel[0].px0) / (tr.panel[0].wx1 - tr.panel[0].wx0);
  double sy = (tr.panel[0].py1 - tr.panel[0].py0) / (tr.panel[0].wy1 - tr.panel[0].wy0);
  assert_rel (sx, sy, 1e-9);
}

static void
test_relative_residuals (void **state)
{
  (void) state;
  double re[2] = { 300, 0 }, im[2] = { -400, 0 }, fre[2] = { 295, 1 }, fim[2] = { -402.5, 1 };
  double rre[2], rim[2];
  eis_plot_relative_residuals (2, re, im, fre, fim, rre, rim);
  assert_rel (rre[0], 100.0 * 5 / 500, 1e-12);
  assert_rel (rim[0], 100.0 * 2.5 / 500, 1e-12);
  assert_true (isnan (rre[1]) && isnan (rim[1]));
}

static void
test_arrhenius (void **state)
{
  Fixture *fx = *state;
  const double kb = 8.617333262e-5, ea = 0.312, s25 = 2.07e-4;
  double t[9], s[9], e[9];
  for (int i = 0; i < 9; i++)
    {
      t[i] = 253.15 + 12.5 * i;
      s[i] = s25 * exp (-ea / kb * (1 / t[i] - 1 / 298.15));
      e[i] = 0.06 * s[i];
    }
  EisPlotArrheniusSeries ser = { 9, t, s, e, "bulk", -1, 1, ea, 0.007,
                                 log (s25) + ea / (kb * 298.15), 0, 0, 0, 0 };
  EisPlotArrhenius a = { &ser, 1, 0, "Arrhenius" };
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_arrhenius (fx->cr, 800, 600, &a, &tr, &err), EIS_OK);
  const EisPlotPanel *p = &tr.panel[0];
  check_panel (fx, p, 0);
  /* x is 1000/T, y log10 sigma: the 25 degC point maps back to itself. */
  assert_true (p->wx0 < 1000 / 298.15 && p->wx1 > 1000 / 298.15);
  assert_true (p->wy0 < log10 (s25) && p->wy1 > log10 (s25));
  /* The top axis in degree Celsius puts ink above the plot box. */
  assert_true (count_nonwhite (fx->surface, p->px0, 0, p->px1, p->py0 - 2) > 300);

  a.sigma_t = 1;
  assert_int_equal (eis_plot_arrhenius (fx->cr, 800, 600, &a, &tr, &err), EIS_OK);
  assert_true (tr.panel[0].wy1 > log10 (s25 * 298.15));
  assert_int_equal (tr.n_legend_entries, 1);
  /* a bulk series without a point (no bulk resolved) and without a line: no legend entry
   * beside the total's (eisfit 1.x drew an empty "bulk") */
  double nan3[3] = { NAN, NAN, NAN };
  EisPlotArrheniusSeries two[2] = { { 3, t, nan3, NULL, "bulk", -1, 0, 0, 0, 0, 0, 0, 0, 0 },
                                    ser };
  two[1].label = "total";
  EisPlotArrhenius a2 = { two, 2, 0, "Arrhenius" };
  assert_int_equal (eis_plot_arrhenius (fx->cr, 800, 600, &a2, &tr, &err), EIS_OK);
  assert_int_equal (tr.n_legend_entries, 1);
  EisPlotArrheniusSeries broken = { 3, NULL, s, NULL, "x", -1, 0, 0, 0, 0, 0, 0, 0, 0 };
  a.series = &broken;
  assert_int_equal (eis_plot_arrhenius (fx->cr, 800, 600, &a, NULL, &err), EIS_ERR_INVALID);
}

static void
test_transference (void **state)
{
  Fixture *fx = *state;
  enum { N = 1081 };
  static double t[N], cur[N];
  for (int i = 0; i < N; i++)
    {
      t[i] = 10.0 * i;
      cur[i] = 33.6e-6 + 6.4e-6 * exp (-t[i] / 1500.0);
    }
  EisPlotTransference d = { N, t, cur, 40e-6, 39.2e-6, 33.6e-6, 9000, 0.010, 0.84, 0.02, NULL };
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_transference (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  const EisPlotPanel *p = &tr.panel[0];
  check_panel (fx, p, 0); /* the current */
  check_panel (fx, p, 1); /* I0 */
  check_panel (fx, p, 2); /* Iss */
  /* the axis fits the decay (40 -> 33.6 uA fills more than 80 % of it), not from zero */
  assert_true (p->wy0 > 30e-6 && p->wy0 < 33.6e-6 && p->wy1 >= 40e-6);
  assert_true ((40e-6 - 33.6e-6) / (p->wy1 - p->wy0) > 0.8);
  double px, py;
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 5400, 33.6e-6, &px, &py), 0);
  assert_true (px > p->px0 && px < p->px1 && py > p->py0 && py < p->py1);
  /* a current that falls near zero keeps zero on the axis */
  for (int i = 0; i < N; i++)
    cur[i] = 4e-6 + 36e-6 * exp (-t[i] / 1500.0);
  d.iss_a = 4e-6;
  assert_int_equal (eis_plot_transference (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  assert_true (tr.panel[0].wy0 <= 0 && tr.panel[0].wy1 >= 40e-6);
}

/* The Transference figure's Nyquist plot of spectra four times wider than high (two arcs, no
 * diffusion line): its box is half the figure's width and only as high as the data and the
 * legend's row above them fill there, so the y axis spans 1.7 times the data (the margin, the
 * legend) at equal scales; it spanned the figure's height, 7.8 times the data. */
static void
test_transference_nyquist_tight (void **state)
{
  Fixture *fx = *state;
  enum { N = 361, M = 50 };
  static double t[N], cur[N];
  double f[M], re[M], im[M];
  for (int i = 0; i < N; i++)
    {
      t[i] = 10.0 * i;
      cur[i] = 33.6e-6 + 6.4e-6 * exp (-t[i] / 1500.0);
    }
  for (int i = 0; i < M; i++)
    {
      f[i] = pow (10.0, 6 - 5.0 * i / (M - 1));
      double w = 2 * M_PI * f[i];
      double complex z = 60.3 + 353.4 / (1 + I * w * 1e-6) + 371.2 / (1 + I * w * 1e-4);
      re[i] = creal (z);
      im[i] = cimag (z);
    }
  EisPlotTrace tr2[1] = { { M, f, re, im, "before", 0, 0, 0 } };
  EisPlotTransference d = { N, t, cur, 40e-6, 39.2e-6, 33.6e-6, 3600, 0.010, 0.84, 0.02, NULL };
  d.traces = tr2;
  d.ntraces = 1;
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_transference (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  assert_int_equal (tr.npanels, 2);
  const EisPlotPanel *q = &tr.panel[1];
  double ymax = 0;
  for (int i = 0; i < M; i++)
    ymax = fmax (ymax, -im[i]);
  assert_true (q->wy0 <= 0 && q->wy1 >= ymax);
  assert_true (q->wy1 - q->wy0 < 1.8 * ymax);
  assert_rel ((q->wx1 - q->wx0) / (q->px1 - q->px0), (q->wy1 - q->wy0) / (q->py1 - q->py0),
              0.01);
  /* on the figure's floor, as the current's axis */
  assert_rel (q->py1, tr.panel[0].py1, 0.02);
}

/* A short polarization plot (the Transference tab at 1024x700: 480 x 190 with a title) has no
 * corner free of the decay for its six-line legend in screen text (11 pt): the legend goes
 * outside (rows above the plot, without dV and t+ when three rows would leave the plot too
 * short) and hides none of the current, whose early decay is drawn; on 800 x 600 it stays
 * inside, in a free corner. */
static void
test_transference_legend_short (void **state)
{
  Fixture *fx = *state;
  enum { N = 721 };
  static double t[N], cur[N];
  for (int i = 0; i < N; i++)
    {
      t[i] = 5.0 * i;
      cur[i] = 22.7e-6 + 1.5e-6 * exp (-t[i] / 401.0) + 0.04e-6 * sin (1.7 * i);
    }
  EisPlotTransference d = { 0 };
  d.n = N;
  d.time_s = t;
  d.current_a = cur;
  d.i0_a = 24.2e-6;
  d.i0_calc_a = 24.17e-6;
  d.iss_a = 22.7e-6;
  d.iss_from_s = 3240;
  d.dv_v = 0.010;
  d.t_plus = 0.860;
  d.t_plus_err = 0.008;
  d.t_step_s = 0;
  d.spike_end_s = NAN;
  d.decay_tau_s = 401;
  d.decay_inf_a = 22.7e-6;
  d.decay_amp_a = 1.5e-6;
  d.decay_slope_a_per_s = NAN;
  d.decay_from_s = 0;
  d.title = "li-polarization.csv";
  EisError err = { 0 };
  EisPlotTransform tr;
  EisPlotStyle st = { 14.67, 0, NULL };   /* the screen's text: 11 pt at 96 dpi */
  eis_plot_set_style (&st);
  make_surface (fx, 480, 190);
  assert_int_equal (eis_plot_transference (fx->cr, 480, 190, &d, &tr, &err), EIS_OK);
  assert_true (tr.legend_place == EIS_PLOT_LEGEND_ABOVE || tr.legend_place == EIS_PLOT_LEGEND_BESIDE);
  assert_int_equal (tr.n_legend_covered, 0);
  const EisPlotPanel *p = &tr.panel[0];
  assert_true (p->py1 - p->py0 > 50);   /* the plot keeps a usable height */
  /* the first fifth of the hold (the decay) is drawn in the data colour, not hidden */
  double xa, xb, y;
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 0, 22.7e-6, &xa, &y), 0);
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 720, 22.7e-6, &xb, &y), 0);
  assert_true (count_color (fx->surface, xa, p->py0, xb, p->py1, 0, 30, NULL) > 30);
  make_surface (fx, 800, 600);
  assert_int_equal (eis_plot_transference (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  eis_plot_set_style (NULL);
  assert_int_equal (tr.legend_place, EIS_PLOT_LEGEND_INSIDE);
  assert_int_equal (tr.n_legend_covered, 0);
}

/* Round 2: the charging spike left out (shaded, its points marked), the fitted decay dashed, and
 * R_int(t) in a strip under the current on the same time axis. */
static void
test_transference_spike_strip (void **state)
{
  Fixture *fx = *state;
  enum { N = 400 };
  static double t[N], cur[N];
  for (int i = 0; i < N; i++)
    {
      t[i] = i < 100 ? 0.2 * i : 20.0 + 10.0 * (i - 100);
      cur[i] = 33.6e-6 + 6.4e-6 * exp (-t[i] / 600.0) + 120e-6 * exp (-t[i] / 1.0);
    }
  double rt[3] = { 0, 1500, 3000 }, rv[3] = { 350, 371, 392 };
  EisPlotTransference d = { 0 };
  d.n = N;
  d.time_s = t;
  d.current_a = cur;
  d.i0_a = 40e-6;
  d.i0_calc_a = d.iss_a = d.iss_from_s = d.dv_v = d.t_plus = d.t_plus_err = NAN;
  d.spike_end_s = 8.0;
  d.decay_tau_s = 600;
  d.decay_inf_a = 33.6e-6;
  d.decay_amp_a = 6.4e-6;
  d.decay_slope_a_per_s = NAN;
  d.decay_from_s = 8.0;
  d.n_rint = 3;
  d.rint_time_s = rt;
  d.rint_ohm = rv;
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_transference (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  const EisPlotPanel *p = &tr.panel[0];
  check_panel_ink (fx, p, 4, 0.6);   /* the decay fit */
  /* the spike's markers and its shaded window, at the left edge of the current panel */
  double x8, y8;
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 60, 33.6e-6, &x8, &y8), 0);
  assert_true (count_color (fx->surface, p->px0, p->py0, x8, p->py1, 3, 30, NULL) > 20);
  /* the strip: below the current panel, above the bottom margin, in colour 5 */
  assert_true (p->py1 < 0.85 * 600);
  assert_true (count_color (fx->surface, p->px0, p->py1 + 10, p->px1, 600, 5, 30, NULL) > 20);
}

/* A cathodic step (-10 mV) written as negative currents: I0, the impedance-based I0 and Iss come
 * from the analysis as magnitudes and are drawn with the data's sign, so the axis holds only
 * negative currents and the I0 line lies on the data's start; the spike's markers stay on the
 * axis; the legend says -10 mV. (eisfit 1.x drew the lines at +14 uA over data at -14 uA.) */
static void
test_transference_cathodic (void **state)
{
  Fixture *fx = *state;
  enum { N = 400 };
  static double t[N], cur[N];
  for (int i = 0; i < N; i++)
    {
      t[i] = i < 40 ? 0.5 * i : 20.0 + 3.0 * (i - 40);
      cur[i] = -(10.52e-6 + 3.75e-6 * exp (-t[i] / 300.0) + 43e-6 * exp (-t[i] / 5.0));
    }
  EisPlotTransference d = { 0 };
  d.n = N;
  d.time_s = t;
  d.current_a = cur;
  d.i0_a = 14.27e-6; /* magnitudes, as EisBVResult holds them */
  d.i0_calc_a = 14.24e-6;
  d.iss_a = 10.52e-6;
  d.iss_from_s = 1000;
  d.dv_v = -0.010;
  d.t_plus = 0.551;
  d.t_plus_err = 0.004;
  d.spike_end_s = 20;
  d.decay_tau_s = 300;
  d.decay_inf_a = 10.52e-6;
  d.decay_amp_a = 3.75e-6;
  d.decay_slope_a_per_s = NAN;
  d.decay_from_s = 20;
  EisPlotTransference s = eis_plot_transference_signed (&d);
  assert_true (s.i0_a < 0 && s.i0_calc_a < 0 && s.iss_a < 0);
  assert_rel (s.i0_a, -14.27e-6, 1e-12);
  assert_rel (s.iss_a, -10.52e-6, 1e-12);
  assert_true (s.decay_inf_a < 0 && s.decay_amp_a < 0);
  /* the same hold written positive keeps positive marks */
  for (int i = 0; i < N; i++)
    cur[i] = -cur[i];
  s = eis_plot_transference_signed (&d);
  assert_true (s.i0_a > 0 && s.iss_a > 0 && s.decay_inf_a > 0);
  for (int i = 0; i < N; i++)
    cur[i] = -cur[i];

  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_transference (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  const EisPlotPanel *p = &tr.panel[0];
  /* the current axis: the decay from -14.3 to -10.5 uA fills most of it, nothing positive */
  assert_true (p->wy1 <= 0 && p->wy0 < -14.27e-6 && p->wy0 > -17e-6);
  assert_true ((14.27e-6 - 10.52e-6) / (p->wy1 - p->wy0) > 0.7);
  /* the Iss line (colour 2) is drawn at -10.52 uA: a row of its colour across the plot there */
  double x0, xm, y_iss;
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 0, -10.52e-6, &x0, &y_iss), 0);
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 900, -10.52e-6, &xm, &y_iss), 0);
  assert_true (count_color (fx->surface, xm, y_iss - 3, p->px1 - 2, y_iss + 3, 2, 40, NULL) > 40);
  /* the spike's markers (colour 3, the points 3 to 43 uA beyond the decay's axis) sit on the
   * axis's lower edge, whole, rather than off the plot */
  double x25, yb;
  assert_int_equal (eis_plot_world_to_device (&tr, 0, 25, p->wy0, &x25, &yb), 0);
  assert_true (count_color (fx->surface, p->px0, p->py1 - 14, x25, p->py1, 3, 30, NULL) > 80);
}

static void
test_kk (void **state)
{
  Fixture *fx = *state;
  double re[NPTS], im[NPTS];
  for (int i = 0; i < NPTS; i++)
    {
      re[i] = 0.4 * sin (0.7 * i);
      im[i] = 0.3 * cos (1.3 * i);
    }
  EisPlotKK kk = { NPTS, fx->f, re, im, 14, 0.62, NULL };
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_kk (fx->cr, 800, 600, &kk, &tr, &err), EIS_OK);
  const EisPlotPanel *p = &tr.panel[0];
  check_panel_ink (fx, p, 0, 0.8); /* the grey band fills 1/1.6 of the height */
  /* The +-1 % band is shown: the axis reaches beyond it. */
  assert_true (p->wy1 >= 1.5 && p->wy0 <= -1.5);
}

/* Two DRTs overlaid whose heights differ 1000-fold (a cold and a warm spectrum of a series):
 * the gamma axis turns logarithmic and both curves are drawn, the small one in the lower half
 * of the panel (on a linear axis it would be a line along the bottom, 0.1 % of the height);
 * curves of similar height stay on a linear axis from 0. */
static void
test_drt_overlay (void **state)
{
  Fixture *fx = *state;
  enum { N = 120 };
  double tau[N], g_big[N], g_small[N];
  for (int i = 0; i < N; i++)
    {
      tau[i] = pow (10.0, -8 + 7.0 * i / (N - 1));
      double x = log10 (tau[i]);
      g_big[i] = 2000 * exp (-0.5 * pow ((x + 3) / 0.3, 2));
      g_small[i] = 2 * exp (-0.5 * pow ((x + 6) / 0.3, 2));
    }
  EisPlotDrtCurve cv[2] = {
    { N, tau, g_big, 0, NULL, NULL, NULL, 0, 0, "cold", 0 },
    { N, tau, g_small, 0, NULL, NULL, NULL, 0, 0, "warm", 1 },
  };
  EisPlotDrt d = { cv, 2, NULL, 0, NULL };
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_drt (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  const EisPlotPanel *p = &tr.panel[0];
  assert_true (p->ylog);
  assert_true (p->wy0 <= log10 (2.0) - 0.9 && p->wy1 >= log10 (2000.0));
  /* the small curve's peak a fifth of the height or more above the bottom axis, and drawn
   * there in its colour */
  assert_true ((log10 (2.0) - p->wy0) / (p->wy1 - p->wy0) > 0.2);
  double px = p->px0 + (-6.0 - p->wx0) / (p->wx1 - p->wx0) * (p->px1 - p->px0);
  double py = p->py1 - (log10 (2.0) - p->wy0) / (p->wy1 - p->wy0) * (p->py1 - p->py0);
  assert_true (py < p->py1 - 0.2 * (p->py1 - p->py0));
  assert_true (count_color (fx->surface, px - 6, py - 6, px + 6, py + 6, 1, 30, NULL) > 5);
  /* heights within a factor of 30: linear from 0 */
  for (int i = 0; i < N; i++)
    g_small[i] *= 100;
  assert_int_equal (eis_plot_drt (fx->cr, 800, 600, &d, &tr, &err), EIS_OK);
  assert_false (tr.panel[0].ylog);
  assert_true (tr.panel[0].wy0 == 0);
}

/* A resistor's DRT: gamma at round-off (1e-14 Ohm) beside a 100 Ohm impedance was drawn as
 * two tall peaks on a pOhm axis, and the Nyquist plot's window was 1e-5 Ohm wide (tick labels
 * of eight decimals, the last cut off). Now gamma's axis has the impedance's scale (gamma lies
 * flat at 0) and the window a thousandth of |Z|. */
static void
test_drt_roundoff_flat (void **state)
{
  Fixture *fx = *state;
  enum { N = 60, M = 30 };
  double tau[N], g[N], f[M], re[M], im[M];
  for (int i = 0; i < N; i++)
    {
      tau[i] = pow (10.0, -9 + 9.0 * i / (N - 1));
      double x = log10 (tau[i]);
      g[i] = 2.5e-14 * exp (-0.5 * pow ((x + 5.4) / 0.2, 2));
    }
  for (int i = 0; i < M; i++)
    {
      f[i] = pow (10.0, 7 - 7.0 * i / (M - 1));
      re[i] = 100.0;
      im[i] = 0.0;
    }
  EisPlotDrtCurve cv = { N, tau, g, 0, NULL, NULL, NULL, 1e-7, 0.16, "flat", 0 };
  EisPlotTrace t = { M, f, re, im, "data", 0, -1, 0 };
  EisPlotDrt d = { &cv, 1, &t, 1, NULL };
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_drt (fx->cr, 1200, 550, &d, &tr, &err), EIS_OK);
  assert_false (tr.panel[0].ylog);
  assert_true (tr.panel[0].wy0 == 0 && tr.panel[0].wy1 >= 1.0);
  assert_true (tr.panel[1].wx1 - tr.panel[1].wx0 >= 0.005);
}

/* The DRT figure of two spectra (eisfit drt --plot a.csv b.csv, 1200 x 550 px) whose Nyquist
 * plot is four times wider than high: under gamma(tau), the Nyquist plot keeps the figure's
 * whole width at equal scales, its window grown on x, and the data fill its height; the box
 * was narrowed to the data's width, which left the lower right of the figure empty. */
static void
test_drt_nyquist_width (void **state)
{
  Fixture *fx = *state;
  enum { N = 120, M = 60 };
  double tau[N], g1[N], g2[N], f[M], re1[M], im1[M], re2[M], im2[M];
  for (int i = 0; i < N; i++)
    {
      tau[i] = pow (10.0, -9 + 7.0 * i / (N - 1));
      double x = log10 (tau[i]);
      g1[i] = 6183 * exp (-0.5 * pow ((x + 7.1) / 0.12, 2));
      g2[i] = 1937 * exp (-0.5 * pow ((x + 7.6) / 0.12, 2));
    }
  for (int i = 0; i < M; i++)
    {
      /* two arcs of 3204 and 3399 Ohm (the pellet at -20 C), and a smaller spectrum */
      f[i] = pow (10.0, 7 - 5.0 * i / (M - 1));
      double complex z = 0;
      double w = 2 * M_PI * f[i];
      z += 3204.4 / (1 + I * w * 7.385e-8) + 3399.2 / (1 + I * w * 2.087e-5);
      re1[i] = creal (z);
      im1[i] = cimag (z);
      re2[i] = 0.28 * re1[i];
      im2[i] = 0.28 * im1[i];
    }
  EisPlotDrtCurve cv[2] = {
    { N, tau, g1, 0, NULL, NULL, NULL, 0, 0, "cold", 0 },
    { N, tau, g2, 0, NULL, NULL, NULL, 0, 0, "warm", 1 },
  };
  EisPlotTrace t[2] = { { M, f, re1, im1, "cold", 0, 0, 0 }, { M, f, re2, im2, "warm", 0, 0, 0 } };
  EisPlotDrt d = { cv, 2, t, 2, "DRT of 2 spectra" };
  EisError err = { 0 };
  EisPlotTransform tr;
  assert_int_equal (eis_plot_drt (fx->cr, 1200, 550, &d, &tr, &err), EIS_OK);
  assert_int_equal (tr.npanels, 2);
  const EisPlotPanel *g = &tr.panel[0], *q = &tr.panel[1];
  assert_true (q->py0 > g->py1);                      /* under gamma(tau) */
  assert_true (q->px1 > 0.95 * 1200);                 /* to the figure's right edge */
  assert_rel (q->px0, g->px0, 0.15);                  /* from its left, as gamma(tau) */
  /* equal scales: Ohm per pixel the same on both axes */
  assert_rel ((q->wx1 - q->wx0) / (q->px1 - q->px0), (q->wy1 - q->wy0) / (q->py1 - q->py0),
              0.01);
  /* every point inside, and the data fill the height (the window grown on x only) */
  double ymax = 0, xmax = 0;
  for (int i = 0; i < M; i++)
    {
      ymax = fmax (ymax, -im1[i]);
      xmax = fmax (xmax, re1[i]);
    }
  assert_true (q->wx1 >= xmax && q->wy1 >= ymax && q->wy0 <= 0);
  assert_true (q->wy1 - q->wy0 < 1.25 * ymax);
  assert_true (q->wx1 - q->wx0 > 1.3 * xmax);
}

/* A series resistance zero within its errors in every spectrum (R0 from 1e-13 to 1 Ohm, each
 * +- 3 Ohm; tester 8's F12): a linear axis around zero with the error bars, not a log axis
 * over twelve decades of noise. */
static void
test_series_zero_within_errors (void **state)
{
  Fixture *fx = *state;
  double t[6] = { -20, 0, 20, 40, 60, 80 };
  double r0[6] = { 1e-13, 0.83, 2.1e-9, 1.0, 4.2e-12, 3.7e-6 };
  double r0e[6] = { 3.1, 2.9, 3.3, 2.7, 3.0, 3.2 };
  double r1[6] = { 2529, 923, 386, 180, 94, 53 };
  EisPlotSeriesTrace tr2[2] = { { "R0", r0, r0e, "Ω" }, { "R1", r1, NULL, "Ω" } };
  EisPlotSeries s = { 6, t, EIS_PLOT_SERIES_T, tr2, 2, NULL };
  EisError err = { 0 };
  EisPlotTransform tr;
  cairo_set_source_rgb (fx->cr, 1, 1, 1);
  cairo_paint (fx->cr);
  assert_int_equal (eis_plot_series (fx->cr, 600, 700, &s, &tr, &err), EIS_OK);
  assert_false (tr.panel[0].ylog);
  assert_true (tr.panel[0].wy0 < 0 && tr.panel[0].wy0 > -10);   /* the error bars, around 0 */
  assert_true (tr.panel[0].wy1 > 3 && tr.panel[0].wy1 < 10);
  assert_true (tr.panel[1].ylog);                               /* R1, determined: as before */
  /* one value determined (6.0 +- 3.7), the others zero within errors of up to 1e3 Ohm: a
   * log axis from the floor to it would be no log axis, and cut the rest off a linear one
   * (tests/data/hysteresis, heating, R0-p(R1,CPE1)-p(R2,CPE2)-CPE3) */
  double r0b[4] = { 8.2e-13, 6.0, 4.2e-12, 1.15 }, r0be[4] = { 1e3, 3.7, 1e2, 1.9 };
  EisPlotSeriesTrace trb[1] = { { "R0", r0b, r0be, "Ω" } };
  EisPlotSeries sb = { 4, t, EIS_PLOT_SERIES_T, trb, 1, NULL };
  assert_int_equal (eis_plot_series (fx->cr, 600, 400, &sb, &tr, &err), EIS_OK);
  assert_false (tr.panel[0].ylog);
  assert_true (tr.panel[0].wy0 < 0 && tr.panel[0].wy1 > 6.0 && tr.panel[0].wy1 < 30);
}

/* Trends of three resistances in a wide, low figure (the Series page's trends under its table
 * at 1024 x 700: 883 x 166 px): the panels stand side by side instead of being refused as "too
 * small for 3 panels"; R0 of 1e-11 +- 6.3 Ohm (a resistance that counts as absent) does not
 * stretch its log axis down to 1e-11, and is drawn hollow on the axis's floor. */
static void
test_series_wide_low (void **state)
{
  Fixture *fx = *state;
  double t[6] = { -20, 0, 20, 40, 60, 80 };
  double r0[6] = { 3.53, 5.42, 2.44, 1.46, 0.23, 1.1e-11 }, r0e[6] = { 1.6, 1.4, 1, 0.9, 2, 6.3 };
  double r1[6] = { 2529, 923, 386, 180, 94, 53 }, r2[6] = { 13490, 2980, 809, 259, 95, 39 };
  EisPlotSeriesTrace tr3[3] = { { "R0", r0, r0e, "Ω" }, { "R1", r1, NULL, "Ω" },
                                { "R2", r2, NULL, "Ω" } };
  EisPlotSeries s = { 6, t, EIS_PLOT_SERIES_T, tr3, 3, NULL };
  EisError err = { 0 };
  EisPlotTransform tr;
  cairo_set_source_rgb (fx->cr, 1, 1, 1);
  cairo_paint (fx->cr);
  assert_int_equal (eis_plot_series (fx->cr, 883, 166, &s, &tr, &err), EIS_OK);
  assert_int_equal (tr.npanels, 3);
  for (int k = 1; k < 3; k++)
    {
      assert_true (tr.panel[k].px0 > tr.panel[k - 1].px1);     /* side by side */
      assert_rel (tr.panel[k].py0, tr.panel[0].py0, 1e-12);
      assert_rel (tr.panel[k].wx0, tr.panel[0].wx0, 1e-12);
    }
  for (int k = 0; k < 3; k++)
    assert_true (tr.panel[k].py1 - tr.panel[k].py0 > 50);
  assert_true (tr.panel[0].ylog);
  assert_true (tr.panel[0].wy0 > log10 (0.1));   /* not stretched to 1e-11 */
  assert_true (tr.panel[0].wy1 >= log10 (5.42));
  /* the same in a tall figure: one column */
  assert_int_equal (eis_plot_series (fx->cr, 600, 700, &s, &tr, &err), EIS_OK);
  assert_true (tr.panel[1].py0 > tr.panel[0].py1);
  assert_rel (tr.panel[1].px0, tr.panel[0].px0, 1e-12);
  assert_int_equal (tr.n_legend_entries, 0);
  /* R2 "(in sum)" at 60 and 80 C: drawn hollow, and the panel's legend says what hollow is
   * (eisfit 1.x drew them as ordinary points) */
  unsigned char sum2[6] = { 0, 0, 0, 0, 1, 1 };
  tr3[2].in_sum = sum2;
  cairo_set_source_rgb (fx->cr, 1, 1, 1);
  cairo_paint (fx->cr);
  assert_int_equal (eis_plot_series (fx->cr, 600, 700, &s, &tr, &err), EIS_OK);
  assert_int_equal (tr.n_legend_entries, 1);
}

static void
test_bad_input (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTrace t = { 5, NULL, NULL, NULL, "broken", 0, -1, 0 };
  assert_int_equal (eis_plot_nyquist (fx->cr, 800, 600, &t, 1, NULL, NULL, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "broken"));
  assert_int_equal (eis_plot_bode (fx->cr, 800, 600, fx->traces, 2, NULL, NULL, &err), EIS_OK);
  EisPlotTrace nofreq = fx->traces[0];
  nofreq.freq_hz = NULL;
  assert_int_equal (eis_plot_bode (fx->cr, 800, 600, &nofreq, 1, NULL, NULL, &err),
                    EIS_ERR_INVALID);
  assert_int_equal (eis_plot_nyquist (fx->cr, 10, 600, fx->traces, 2, NULL, NULL, &err),
                    EIS_ERR_INVALID);
  /* No traces at all: empty axes, not an error. */
  assert_int_equal (eis_plot_nyquist (fx->cr, 800, 600, NULL, 0, NULL, NULL, &err), EIS_OK);
}

/* Extreme impedances (refused on import, but a model curve can reach them): the figures come
 * back (an alarm ends the test if PLplot's axis code loops, as it did on 1.8e308), and huge
 * values get axes with tick labels in powers of ten, not "too small for a Nyquist plot". */
static void
test_extreme_values (void **state)
{
  Fixture *fx = *state;
  double f[5] = { 0.1, 1, 10, 100, 1000 }, re[5], im[5] = { -5, -4, -3, -2, -1 };
  EisPlotTrace t = { 5, f, re, im, "extreme", 0, 0, 0 };
  static const double scale[] = { DBL_MAX, 1e300, 1e100, 1e29, 4.9e-324 };
  alarm (60);
  for (size_t k = 0; k < sizeof scale / sizeof scale[0]; k++)
    {
      for (int i = 0; i < 5; i++)
        {
          re[i] = scale[k] / (i + 1);
          im[i] = -scale[k] / (i + 2);
        }
      EisError err = { 0 };
      int st = eis_plot_nyquist (fx->cr, 800, 600, &t, 1, NULL, NULL, &err);
      if (scale[k] <= 1e100)
        {
          if (st != EIS_OK)
            print_error ("|Z| ~ %g: %s\n", scale[k], err.message);
          assert_int_equal (st, EIS_OK);
        }
      (void) eis_plot_bode (fx->cr, 800, 600, &t, 1, NULL, NULL, &err);
    }
  alarm (0);
}

/* Reads the first bytes of PATH; returns how many. */
static size_t
head_of (const char *path, char *buf, size_t n)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    return 0;
  size_t got = fread (buf, 1, n, f);
  fclose (f);
  return got;
}

static void
test_files (void **state)
{
  Fixture *fx = *state;
  EisPlotSpectra s = { fx->traces, 2, &fx->residuals, "pellet", { 0 } };
  EisError err = { 0 };
  char path[256], buf[16];
  const char *ext[3] = { "png", "SVG", "pdf" };
  const char *magic[3] = { "\x89PNG\r\n", "<?xml", "%PDF-" };
  for (int k = 0; k < 3; k++)
    {
      snprintf (path, sizeof path, "%s/report.%s", fx->dir, ext[k]);
      assert_int_equal (eis_plot_to_file (path, 1200, 800, eis_plot_draw_fit_report, &s, 0, &err),
                        EIS_OK);
      size_t m = strlen (magic[k]);
      assert_int_equal (head_of (path, buf, m), m);
      assert_memory_equal (buf, magic[k], m);
      struct stat st;
      assert_int_equal (stat (path, &st), 0);
      assert_true (st.st_size > 2000);
    }
  /* The PNG has the requested size in its IHDR. */
  snprintf (path, sizeof path, "%s/report.png", fx->dir);
  cairo_surface_t *img = cairo_image_surface_create_from_png (path);
  assert_int_equal (cairo_surface_status (img), CAIRO_STATUS_SUCCESS);
  assert_int_equal (cairo_image_surface_get_width (img), 1200);
  assert_int_equal (cairo_image_surface_get_height (img), 800);
  cairo_surface_destroy (img);

  /* An existing file is kept without force, replaced with it. */
  snprintf (path, sizeof path, "%s/keep.pdf", fx->dir);
  FILE *f = fopen (path, "w");
  assert_non_null (f);
  fputs ("precious", f);
  fclose (f);
  assert_int_equal (eis_plot_to_file (path, 800, 600, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_ERR_IO);
  assert_non_null (strstr (err.message, "exists"));
  assert_int_equal (head_of (path, buf, 8), 8);
  assert_memory_equal (buf, "precious", 8);
  assert_int_equal (eis_plot_to_file (path, 800, 600, eis_plot_draw_nyquist, &s, 1, &err), EIS_OK);
  assert_int_equal (head_of (path, buf, 5), 5);
  assert_memory_equal (buf, "%PDF-", 5);

  /* Unknown or missing extensions, and a folder that does not exist. */
  snprintf (path, sizeof path, "%s/plot.jpg", fx->dir);
  assert_int_equal (eis_plot_to_file (path, 800, 600, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, ".jpg"));
  snprintf (path, sizeof path, "%s/plot", fx->dir);
  assert_int_equal (eis_plot_to_file (path, 800, 600, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_ERR_INVALID);
  snprintf (path, sizeof path, "%s/missing/plot.png", fx->dir);
  assert_int_equal (eis_plot_to_file (path, 800, 600, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_ERR_IO);
  /* A drawing that fails leaves no file behind, and no temporary either. */
  EisPlotTrace broken = { 5, NULL, NULL, NULL, "broken", 0, -1, 0 };
  EisPlotSpectra bad = { &broken, 1, NULL, NULL, { 0 } };
  snprintf (path, sizeof path, "%s/broken.svg", fx->dir);
  assert_int_equal (eis_plot_to_file (path, 800, 600, eis_plot_draw_nyquist, &bad, 0, &err),
                    EIS_ERR_INVALID);
  assert_int_equal (access (path, F_OK), -1);
  DIR *d = opendir (fx->dir);
  assert_non_null (d);
  struct dirent *e;
  int entries = 0;
  while ((e = readdir (d)) != NULL)
    if (strcmp (e->d_name, ".") && strcmp (e->d_name, ".."))
      {
        assert_true (e->d_name[0] != '.'); /* no ".name.XXXXXX" left over */
        entries++;
      }
  closedir (d);
  assert_int_equal (entries, 4); /* report.png/.SVG/.pdf, keep.pdf */
}

/* Reads FILE whole into a malloc'ed buffer; *LEN its size. */
static unsigned char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  assert_non_null (f);
  unsigned char *buf = malloc (4 << 20);
  assert_non_null (buf);
  *len = fread (buf, 1, 4 << 20, f);
  fclose (f);
  return buf;
}

/* The first occurrence of NEEDLE (N bytes) in BUF (LEN bytes), or NULL. */
static const unsigned char *
find_bytes (const unsigned char *buf, size_t len, const char *needle, size_t n)
{
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp (buf + i, needle, n) == 0)
      return buf + i;
  return NULL;
}

/* Figures for paper: a size in cm and a resolution, text in points, an optional caption. */
static void
test_files_paper (void **state)
{
  Fixture *fx = *state;
  EisPlotSpectra s = { fx->traces, 2, NULL, NULL, { 0 } };
  EisError err = { 0 };
  char path[256];
  size_t len;

  /* 8.5 x 6 cm at 300 dpi: 1004 x 709 pixels, and 300 dpi = 11811 pixels per metre in pHYs,
   * which comes before the image data */
  EisPlotPaper paper = { 8.5, 6.0, 300, 9, NULL };
  snprintf (path, sizeof path, "%s/paper.png", fx->dir);
  assert_int_equal (eis_plot_to_file_paper (path, &paper, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_OK);
  cairo_surface_t *img = cairo_image_surface_create_from_png (path);
  assert_int_equal (cairo_surface_status (img), CAIRO_STATUS_SUCCESS);
  assert_int_equal (cairo_image_surface_get_width (img), 1004);
  assert_int_equal (cairo_image_surface_get_height (img), 709);
  /* no caption: the top strip above the plot holds no text */
  long top_plain = count_nonwhite (img, 0, 0, 1004, 30);
  cairo_surface_destroy (img);
  unsigned char *png = slurp (path, &len);
  assert_true (len > 33 + 21);
  assert_memory_equal (png + 33, "\0\0\0\x09pHYs\0\0\x2e\x23\0\0\x2e\x23\x01", 17);
  const unsigned char *idat = find_bytes (png, len, "IDAT", 4);
  assert_non_null (idat);
  assert_true (idat > png + 33);
  free (png);

  /* The same figure with a caption: text in the top strip, the image the same size */
  paper.title = "LLZO pellet, 25 °C";
  snprintf (path, sizeof path, "%s/caption.png", fx->dir);
  assert_int_equal (eis_plot_to_file_paper (path, &paper, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_OK);
  img = cairo_image_surface_create_from_png (path);
  assert_int_equal (cairo_image_surface_get_width (img), 1004);
  assert_true (count_nonwhite (img, 300, 0, 704, 60) > 200);
  assert_true (top_plain < 50);
  cairo_surface_destroy (img);

  /* PDF: 8.5 x 6 cm = 240.9 x 170.1 points; the caption as text, not outlines */
  snprintf (path, sizeof path, "%s/paper.pdf", fx->dir);
  assert_int_equal (eis_plot_to_file_paper (path, &paper, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_OK);
  unsigned char *pdf = slurp (path, &len);
  assert_non_null (find_bytes (pdf, len, "/MediaBox [ 0 0 241 170 ]", 25));
  assert_non_null (find_bytes (pdf, len, "/FontFile", 9)); /* an embedded font: glyphs are text */
  free (pdf);

  /* SVG: text as <text> elements (PLplot's own SVG driver), the caption among them, the page
   * 241 x 184 points */
  snprintf (path, sizeof path, "%s/paper.svg", fx->dir);
  paper.title = "LLZO";
  assert_int_equal (eis_plot_to_file_paper (path, &paper, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_OK);
  unsigned char *svg = slurp (path, &len);
  assert_non_null (find_bytes (svg, len, "width=\"241pt\"", 13));
  assert_non_null (find_bytes (svg, len, "&#x4c;&#x4c;&#x5a;&#x4f;", 24)); /* "LLZO" */
  assert_non_null (find_bytes (svg, len, "&#x3a9;", 7));                  /* "Ω" of Z' / Ω */
  size_t ntext = 0;
  for (const unsigned char *q = svg; (q = find_bytes (q, len - (size_t) (q - svg), "<text", 5));
       q += 5)
    ntext++;
  assert_true (ntext > 10);
  assert_null (find_bytes (svg, len, "<symbol", 7)); /* no glyph outlines */
  free (svg);

  /* Out of range: a clear message, no file */
  EisPlotPaper tiny = { 1.0, 6.0, 300, 9, NULL }, blurred = { 8.5, 6.0, 10, 9, NULL };
  EisPlotPaper huge_text = { 8.5, 6.0, 300, 72, NULL };
  snprintf (path, sizeof path, "%s/bad.png", fx->dir);
  assert_int_equal (eis_plot_to_file_paper (path, &tiny, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "2 to 200 cm"));
  assert_int_equal (eis_plot_to_file_paper (path, &blurred, eis_plot_draw_nyquist, &s, 0, &err),
                    EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "dpi"));
  assert_int_equal (eis_plot_to_file_paper (path, &huge_text, eis_plot_draw_nyquist, &s, 0,
                                            &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "pt"));
  assert_int_equal (access (path, F_OK), -1);
}

/* A legend that would hide data goes beside the plot: six spectra from 10 Ohm to 1 MOhm
 * fill every corner of |Z|, so the plots give up width to a legend on their right; one
 * spectrum leaves a corner free and keeps the width. */
static void
test_legend_outside (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTransform tr;
  enum { NS = 6 };
  static double re[NS][NPTS], im[NPTS * NS];
  EisPlotTrace t[NS];
  static const char *const names[NS] = { "−20 °C", "0 °C", "25 °C", "40 °C", "60 °C", "80 °C" };

  for (int k = 0; k < NS; k++)
    {
      double scale = pow (10.0, k - 2.5);
      for (size_t i = 0; i < NPTS; i++)
        {
          re[k][i] = fx->re[i] * scale;
          im[k * NPTS + i] = fx->im[i] * scale;
        }
      t[k] = (EisPlotTrace){ NPTS, fx->f, re[k], im + k * NPTS, names[k], 0, -1, 0 };
    }
  make_surface (fx, 900, 600);
  assert_int_equal (eis_plot_bode (fx->cr, 900, 600, t, NS, NULL, &tr, &err), EIS_OK);
  /* beside: the plots end well before the right edge, and the legend's samples are there */
  assert_true (tr.panel[0].px1 < 900 - 80);
  assert_true (count_color (fx->surface, tr.panel[0].px1 + 5, tr.panel[0].py0, 900,
                            tr.panel[0].py0 + 200, 0, 30, NULL) > 10);
  assert_int_equal (eis_plot_bode (fx->cr, 900, 600, t, 1, NULL, &tr, &err), EIS_OK);
  assert_true (tr.panel[0].px1 > 900 - 40);
}

/* ... and so does a legend of long names too wide for a third of the plot (gui-audit finding
 * 7: the 45 cycles of one file at 1024x700, "GEIS_LiPON_IonBlocking_sample07_cycles_S_C05
 * #1"...): it is laid out for the third (smaller text, shortened names) and goes beside the
 * plots, instead of inside over the data of |Z| (Nyquist follows the same rule). */
static void
test_legend_outside_long (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTransform tr;
  enum { NS = 6 };
  static double re[NS][NPTS], im[NPTS * NS];
  static char names[NS][64];
  EisPlotTrace t[NS];

  for (int k = 0; k < NS; k++)
    {
      double scale = pow (10.0, k - 2.5);
      for (size_t i = 0; i < NPTS; i++)
        {
          re[k][i] = fx->re[i] * scale;
          im[k * NPTS + i] = fx->im[i] * scale;
        }
      snprintf (names[k], sizeof names[k], "GEIS_LiPON_IonBlocking_sample07_cycles_S_C05 #%d",
                k + 1);
      t[k] = (EisPlotTrace){ NPTS, fx->f, re[k], im + k * NPTS, names[k], 0, -1, 0 };
    }
  make_surface (fx, 500, 560);
  assert_int_equal (eis_plot_bode (fx->cr, 500, 560, t, NS, NULL, &tr, &err), EIS_OK);
  assert_true (tr.panel[0].px1 < 500 - 60);
  /* the first entry's marker, in the smaller text */
  assert_true (count_color (fx->surface, tr.panel[0].px1 + 5, tr.panel[0].py0, 500,
                            tr.panel[0].py0 + 200, 0, 30, NULL) > 4);
}

/* Text in points: at the same font size, a figure twice as large keeps its tick labels and
 * margins as high (the bottom margin is 3.3 text heights), whatever the figure's size. */
static void
test_font_points (void **state)
{
  Fixture *fx = *state;
  EisError err = { 0 };
  EisPlotTransform small, large;
  EisPlotStyle st = { 12.5, 0, NULL };

  eis_plot_set_style (&st);
  make_surface (fx, 600, 450);
  assert_int_equal (eis_plot_nyquist (fx->cr, 600, 450, fx->traces, 2, NULL, &small, &err),
                    EIS_OK);
  make_surface (fx, 1600, 1000);
  assert_int_equal (eis_plot_nyquist (fx->cr, 1600, 1000, fx->traces, 2, NULL, &large, &err),
                    EIS_OK);
  eis_plot_set_style (NULL);
  assert_rel (450 - small.panel[0].py1, 3.3 * 12.5, 1e-9);
  assert_rel (1000 - large.panel[0].py1, 3.3 * 12.5, 1e-9);
}

/* Drawing every figure writes nothing to stdout or stderr (PLplot must stay quiet). */
static void
test_silent (void **state)
{
  Fixture *fx = *state;
  char path[256];
  snprintf (path, sizeof path, "%s/output.txt", fx->dir);
  fflush (stdout);
  fflush (stderr);
  int out = dup (1), errfd = dup (2);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  assert_true (out >= 0 && errfd >= 0 && fd >= 0);
  dup2 (fd, 1);
  dup2 (fd, 2);
  EisError err = { 0 };
  EisPlotSpectra s = { fx->traces, 2, &fx->residuals, "silent", { 0 } };
  int st[4];
  st[0] = eis_plot_fit_report (fx->cr, 800, 600, &s, NULL, &err);
  EisPlotTrace broken = { 5, NULL, NULL, NULL, "broken", 0, -1, 0 };
  st[1] = eis_plot_nyquist (fx->cr, 800, 600, &broken, 1, NULL, NULL, &err);
  EisPlotKK kk = { NPTS, fx->f, fx->rre, fx->rim, 0, NAN, NULL };
  st[2] = eis_plot_kk (fx->cr, 800, 600, &kk, NULL, &err);
  EisPlotTransference d = { 0, NULL, NULL, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NULL };
  st[3] = eis_plot_transference (fx->cr, 800, 600, &d, NULL, &err);
  fflush (stdout);
  fflush (stderr);
  dup2 (out, 1);
  dup2 (errfd, 2);
  close (out);
  close (errfd);
  close (fd);
  assert_int_equal (st[0], EIS_OK);
  assert_int_equal (st[1], EIS_ERR_INVALID);
  assert_int_equal (st[2], EIS_OK);
  assert_int_equal (st[3], EIS_OK);
  struct stat sb;
  assert_int_equal (stat (path, &sb), 0);
  if (sb.st_size != 0)
    {
      char text[512] = "";
      head_of (path, text, sizeof text - 1);
      print_error ("output while drawing: %s\n", text);
    }
  assert_int_equal (sb.st_size, 0);
  unlink (path);
}

/* LeakSanitizer hook (--enable-sanitizers builds; unused otherwise): the same list as
 * tests/lsan.supp, so that this test is clean without LSAN_OPTIONS. fontconfig keeps its font
 * cache until FcFini(), which nobody calls. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_nyquist, setup, teardown),
    cmocka_unit_test_setup_teardown (test_extreme_values, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nyquist_equal_axes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nyquist_view_and_units, setup, teardown),
    cmocka_unit_test_setup_teardown (test_transform, setup, teardown),
    cmocka_unit_test_setup_teardown (test_residuals_and_report, setup, teardown),
    cmocka_unit_test_setup_teardown (test_relative_residuals, setup, teardown),
    cmocka_unit_test_setup_teardown (test_arrhenius, setup, teardown),
    cmocka_unit_test_setup_teardown (test_transference, setup, teardown),
    cmocka_unit_test_setup_teardown (test_transference_spike_strip, setup, teardown),
    cmocka_unit_test_setup_teardown (test_transference_legend_short, setup, teardown),
    cmocka_unit_test_setup_teardown (test_transference_cathodic, setup, teardown),
    cmocka_unit_test_setup_teardown (test_kk, setup, teardown),
    cmocka_unit_test_setup_teardown (test_drt_roundoff_flat, setup, teardown),
    cmocka_unit_test_setup_teardown (test_drt_overlay, setup, teardown),
    cmocka_unit_test_setup_teardown (test_drt_nyquist_width, setup, teardown),
    cmocka_unit_test_setup_teardown (test_transference_nyquist_tight, setup, teardown),
    cmocka_unit_test_setup_teardown (test_series_zero_within_errors, setup, teardown),
    cmocka_unit_test_setup_teardown (test_series_wide_low, setup, teardown),
    cmocka_unit_test_setup_teardown (test_bad_input, setup, teardown),
    cmocka_unit_test_setup_teardown (test_files, setup, teardown),
    cmocka_unit_test_setup_teardown (test_files_paper, setup, teardown),
    cmocka_unit_test_setup_teardown (test_font_points, setup, teardown),
    cmocka_unit_test_setup_teardown (test_legend_outside, setup, teardown),
    cmocka_unit_test_setup_teardown (test_legend_outside_long, setup, teardown),
    cmocka_unit_test_setup_teardown (test_silent, setup, teardown),
  };
  return cmocka_run_group_tests_name ("plot", tests, NULL, NULL);
}
