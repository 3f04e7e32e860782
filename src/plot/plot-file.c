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
} Sink;

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;
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
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* Draws the figure onto a surface of FORMAT that writes to SINK. */
static int
render (FileFormat format, Sink *sink, double width, double height, EisPlotDrawFn draw,
        const void *data, EisError *err)
{
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
  int status = draw (cr, width, height, data, err);
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

int
eis_plot_to_file (const char *path, double width, double height, EisPlotDrawFn draw,
                  const void *data, int force, EisError *err)
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
  Sink sink = { eis_output_file_fd (o), 0 };
  status = render (format, &sink, width, height, draw, data, err);
  if (status != EIS_OK)
    {
      eis_error_prefix (err, "%s: ", path);
      eis_output_file_abort (o);
      return status;
    }
  return eis_output_file_commit (o, err);
}
