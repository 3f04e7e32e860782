/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figures of eisfit come from a module, eisfit-plot.so (src/plot built as a shared object
 * with PLplot and cairo), opened the first time a figure is asked for. PLplot, cairo and the
 * two dozen libraries under them (fonts, X11, pixman, qhull ...) took 10 of the 18 ms that
 * eisfit spent starting; a run that writes no figure no longer loads them.
 *
 * These are the functions of plot.h that the CLI calls, each forwarding to the module's own.
 * The module finds the core functions it uses (EisError, output-file.h) in this program
 * (exported by src/cli/eisfit.dynlist), and binds its own symbols to itself (-Bsymbolic), so
 * its eis_plot_to_file is never one of the forwarders below.
 *
 * Where: $EISFIT_PLOT_MODULE if set; else beside the program (a build tree); else in
 * $(pkglibdir), where `make install` puts it. */
#include "plot.h"

#include "output-file.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef EISFIT_PKGLIBDIR
#define EISFIT_PKGLIBDIR "/usr/local/lib/eisfit"
#endif
#define MODULE_NAME "eisfit-plot.so"

static void *module;
static char module_error[512];

/* The core functions the module calls, kept in the program whether or not the CLI calls them
 * itself (the dynamic list exports them). */
void *const eisfit_plot_module_needs[] = {
  (void *) eis_error_set, (void *) eis_error_prefix, (void *) eis_output_file_open,
  (void *) eis_output_file_fd, (void *) eis_output_file_commit, (void *) eis_output_file_abort,
};

static void *
try_open (const char *path)
{
  void *h = dlopen (path, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL && module_error[0] == '\0')
    snprintf (module_error, sizeof module_error, "%s", dlerror ());
  return h;
}

static void *
open_module (void)
{
  if (module)
    return module;
  module_error[0] = '\0';
  const char *env = getenv ("EISFIT_PLOT_MODULE");
  if (env && *env)
    return module = try_open (env);
  char self[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
  if (n > 0)
    {
      self[n] = '\0';
      char *slash = strrchr (self, '/');
      char path[PATH_MAX + sizeof MODULE_NAME];
      if (slash)
        {
          slash[1] = '\0';
          snprintf (path, sizeof path, "%s%s", self, MODULE_NAME);
          if (access (path, F_OK) == 0 && (module = try_open (path)))
            return module;
        }
    }
  return module = try_open (EISFIT_PKGLIBDIR "/" MODULE_NAME);
}

/* The module's function NAME, or NULL with ERR filled. */
static void *
symbol (const char *name, EisError *err)
{
  void *h = open_module ();
  void *f = h ? dlsym (h, name) : NULL;
  if (f == NULL)
    {
      const char *why = h ? dlerror () : module_error;
      if (err)
        eis_error_set (err, EIS_ERR_IO,
                       "cannot draw figures: the plotting module %s could not be loaded (%s); "
                       "set EISFIT_PLOT_MODULE to its path", MODULE_NAME,
                       why && *why ? why : "not found");
      else
        fprintf (stderr, "eisfit: the plotting module %s could not be loaded (%s)\n", MODULE_NAME,
                 why && *why ? why : "not found");
    }
  return f;
}

int
eis_plot_to_file (const char *path, double width, double height, EisPlotDrawFn draw,
                  const void *data, int force, EisError *err)
{
  int (*f) (const char *, double, double, EisPlotDrawFn, const void *, int, EisError *)
    = (int (*) (const char *, double, double, EisPlotDrawFn, const void *, int, EisError *))
      symbol ("eis_plot_to_file", err);
  return f ? f (path, width, height, draw, data, force, err) : EIS_ERR_IO;
}

/* The drawing functions handed to eis_plot_to_file: the module calls them back once loaded. */
#define DRAW_FORWARD(name) \
  int \
  name (cairo_t *cr, double w, double h, const void *data, EisError *err) \
  { \
    EisPlotDrawFn f = (EisPlotDrawFn) symbol (#name, err); \
    return f ? f (cr, w, h, data, err) : EIS_ERR_IO; \
  }

DRAW_FORWARD (eis_plot_draw_fit_report)
DRAW_FORWARD (eis_plot_draw_arrhenius)
DRAW_FORWARD (eis_plot_draw_transference)
DRAW_FORWARD (eis_plot_draw_kk)
DRAW_FORWARD (eis_plot_draw_drt)
DRAW_FORWARD (eis_plot_draw_series)
