/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Figures written to PNG, SVG or PDF files through cairo surfaces, whole or not at all
 * (output-file.h). */
#include "plot-private.h"
#include "output-file.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { FMT_PNG, FMT_SVG, FMT_PDF } FileFormat;

typedef struct {
  int fd;
  int error; /* errno of the first failed write */
  /* PNG with a resolution: the signature and IHDR (33 bytes) are held back until a pHYs chunk
   * can follow them (PNG 1.2, 4.2.4.2: pHYs before the first IDAT) */
  double ppm;  /* pixels per metre, 0: no pHYs */
  unsigned char head[33];
  size_t nhead;
} Sink;

static cairo_status_t
write_all (Sink *sink, const unsigned char *data, size_t length)
{
  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          if (!sink->error)
            sink->error = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (size_t) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* CRC-32 of PNG chunks (ISO 3309, as zlib's crc32). */
static unsigned long
png_crc (const unsigned char *buf, size_t len)
{
  unsigned long c = 0xffffffffUL;
  for (size_t i = 0; i < len; i++)
    {
      c ^= buf[i];
      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xedb88320UL ^ (c >> 1) : c >> 1;
    }
  return c ^ 0xffffffffUL;
}

static void
put_be32 (unsigned char *p, unsigned long v)
{
  p[0] = (unsigned char) (v >> 24);
  p[1] = (unsigned char) (v >> 16);
  p[2] = (unsigned char) (v >> 8);
  p[3] = (unsigned char) v;
}

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;
  if (sink->ppm > 0 && sink->nhead < sizeof sink->head)
    {
      size_t take = sizeof sink->head - sink->nhead;
      if (take > length)
        take = length;
      memcpy (sink->head + sink->nhead, data, take);
      sink->nhead += take;
      data += take;
      length -= (unsigned int) take;
      if (sink->nhead < sizeof sink->head)
        return CAIRO_STATUS_SUCCESS;
      /* length 9, "pHYs", x and y pixels per unit, unit 1 = metre, CRC of type and data */
      unsigned char phys[21] = { 0, 0, 0, 9, 'p', 'H', 'Y', 's' };
      unsigned long ppm = (unsigned long) lround (sink->ppm);
      put_be32 (phys + 8, ppm);
      put_be32 (phys + 12, ppm);
      phys[16] = 1;
      put_be32 (phys + 17, png_crc (phys + 4, 13));
      cairo_status_t st = write_all (sink, sink->head, sizeof sink->head);
      if (st == CAIRO_STATUS_SUCCESS)
        st = write_all (sink, phys, sizeof phys);
      if (st != CAIRO_STATUS_SUCCESS)
        return st;
    }
  return write_all (sink, data, length);
}

/* Draws the figure onto a surface of FORMAT that writes to SINK. */
/* SVG through PLplot's own SVG driver, whose text stays text (<text> elements that can be
 * edited), rather than cairo's, which turns every glyph into an outline. CR, a scratch
 * surface, only measures text. */
static int
render_native_svg (Sink *sink, double width, double height, const char *title,
                   EisPlotDrawFn draw, const void *data, EisError *err)
{
  int fd = dup (sink->fd);
  FILE *fp = fd >= 0 ? fdopen (fd, "w") : NULL;
  if (fp == NULL)
    {
      if (fd >= 0)
        close (fd);
      return eis_error_set (err, EIS_ERR_IO, "plot: %s", strerror (errno));
    }
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  double cap = title && title[0] ? eis_plot_caption_height (width, height) : 0;
  int status;
  if (height - cap < 32)
    status = eis_error_set (err, EIS_ERR_INVALID, "plot: no room for a title");
  else
    {
      eis_plot_native_svg (fp, title, cap);
      status = draw (cr, width, height - cap, data, err);
    }
  FILE *unused = eis_plot_native_svg (NULL, NULL, 0);
  if (unused)
    {
      fclose (unused);
      if (status == EIS_OK)
        status = eis_error_set (err, EIS_ERR_INVALID, "plot: the figure drew nothing");
    }
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  /* the driver closed its stream: the file must hold the whole document */
  struct stat st;
  if (status == EIS_OK && (fstat (sink->fd, &st) != 0 || st.st_size < 100))
    status = eis_error_set (err, EIS_ERR_IO, "plot: the SVG file could not be written");
  return status;
}

static int
render (FileFormat format, Sink *sink, double width, double height, const char *title,
        EisPlotDrawFn draw, const void *data, EisError *err)
{
  if (format == FMT_SVG)
    return render_native_svg (sink, width, height, title, draw, data, err);
  cairo_surface_t *surface;
  if (format == FMT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width),
                                          (int) ceil (height));
  else if (format == FMT_SVG)
    surface = cairo_svg_surface_create_for_stream (write_cb, sink, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (write_cb, sink, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      int status = eis_error_set (err, EIS_ERR_NOMEM, "plot: cannot create a %g x %g surface: %s",
                                  width, height,
                                  cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return status;
    }
  cairo_t *cr = cairo_create (surface);
  int status;
  if (title && title[0])
    {
      /* the caption above, the figure below it */
      double cap = eis_plot_caption_height (width, height);
      status = eis_plot_caption (cr, width, height, cap, title, err);
      if (status == EIS_OK && height - cap < 32)
        status = eis_error_set (err, EIS_ERR_INVALID, "plot: no room for a title");
      if (status == EIS_OK)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, cap);
          status = draw (cr, width, height - cap, data, err);
          cairo_restore (cr);
        }
    }
  else
    status = draw (cr, width, height, data, err);
  cairo_status_t cs = cairo_status (cr);
  cairo_destroy (cr);
  if (status == EIS_OK && cs != CAIRO_STATUS_SUCCESS)
    status = eis_error_set (err, EIS_ERR_IO, "plot: drawing failed: %s",
                            cairo_status_to_string (cs));
  if (status == EIS_OK)
    {
      if (format == FMT_PNG)
        cs = cairo_surface_write_to_png_stream (surface, write_cb, sink);
      else
        {
          cairo_surface_finish (surface);
          cs = cairo_surface_status (surface);
        }
      if (cs != CAIRO_STATUS_SUCCESS)
        status = eis_error_set (err, EIS_ERR_IO, "%s",
                                sink->error ? strerror (sink->error)
                                            : cairo_status_to_string (cs));
    }
  cairo_surface_destroy (surface);
  return status;
}

/* eis_plot_to_file with a resolution for PNG (DPI, 0: none) and a caption (TITLE). */
static int
to_file (const char *path, double width, double height, double dpi, const char *title,
         EisPlotDrawFn draw, const void *data, int force, EisError *err)
{
  if (path == NULL || path[0] == '\0' || draw == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no file name or no figure");
  const char *dot = strrchr (path, '.'), *slash = strrchr (path, '/');
  FileFormat format;
  if (dot == NULL || (slash && dot < slash))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: no file extension (use .png, .svg or .pdf)", path);
  if (strcasecmp (dot, ".png") == 0)
    format = FMT_PNG;
  else if (strcasecmp (dot, ".svg") == 0)
    format = FMT_SVG;
  else if (strcasecmp (dot, ".pdf") == 0)
    format = FMT_PDF;
  else
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: unknown plot format \"%s\" (use .png, .svg or .pdf)", path, dot);
  if (!(width >= 32 && height >= 32 && width <= 30000 && height <= 30000))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: plot size %g x %g is out of range (32 to 30000)", path, width,
                          height);
  EisOutputFile *o;
  int status = eis_output_file_open (path, force, &o, err);
  if (status != EIS_OK)
    return status;
  Sink sink = { eis_output_file_fd (o), 0, format == FMT_PNG ? dpi / 0.0254 : 0, { 0 }, 0 };
  status = render (format, &sink, width, height, title, draw, data, err);
  if (status != EIS_OK)
    {
      eis_error_prefix (err, "%s: ", path);
      eis_output_file_abort (o);
      return status;
    }
  return eis_output_file_commit (o, err);
}

int
eis_plot_to_file (const char *path, double width, double height, EisPlotDrawFn draw,
                  const void *data, int force, EisError *err)
{
  return to_file (path, width, height, 0, NULL, draw, data, force, err);
}

int
eis_plot_to_file_paper (const char *path, const EisPlotPaper *paper, EisPlotDrawFn draw,
                        const void *data, int force, EisError *err)
{
  if (paper == NULL)
    return eis_error_set (err, EIS_ERR_INVALID, "plot: no figure size");
  if (!(paper->width_cm >= 2 && paper->width_cm <= 200 && paper->height_cm >= 2
        && paper->height_cm <= 200))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: figure size %g x %g cm is out of range (2 to 200 cm)",
                          path ? path : "plot", paper->width_cm, paper->height_cm);
  if (!(paper->font_pt == 0 || (paper->font_pt >= 4 && paper->font_pt <= 40)))
    return eis_error_set (err, EIS_ERR_INVALID,
                          "%s: text size %g pt is out of range (4 to 40 pt)",
                          path ? path : "plot", paper->font_pt);
  const char *dot = path ? strrchr (path, '.') : NULL;
  int png = dot && strcasecmp (dot, ".png") == 0;
  double dpi = paper->dpi;
  if (png && !(dpi >= 30 && dpi <= 2400))
    return eis_error_set (err, EIS_ERR_INVALID, "%s: resolution %g dpi is out of range "
                          "(30 to 2400 dpi)", path, dpi);
  /* user units per inch: pixels for PNG, points for SVG and PDF */
  double upi = png ? dpi : 72.0;
  double w = round (paper->width_cm / 2.54 * upi), h = round (paper->height_cm / 2.54 * upi);
  EisPlotStyle saved, st = { 0, 0, NULL };
  eis_plot_style_get (&saved);
  st.font_px = paper->font_pt * upi / 72.0; /* 0: from the size */
  eis_plot_set_style (&st);
  int status = to_file (path, w, h, png ? dpi : 0, paper->title, draw, data, force, err);
  eis_plot_set_style (&saved);
  return status;
}
