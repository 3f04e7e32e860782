/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit-gtk: the desktop program. */
#include <gsl/gsl_errno.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "eisfit-application.h"
#include "output-file.h"

int
main (int argc, char **argv)
{
  g_autoptr (EisfitApplication) app = NULL;
  int status;

  /* Killed while saving a figure or the results: no half-written temporary file is left. */
  eis_output_file_clean_up_on_signals ();
  gsl_set_error_handler_off ();
  /* "-" (standard input, as eisfit reads it) is not read here: a window has no pipe to read
   * and would take it as a file named "-"; said at once rather than "cannot open" */
  static const char *const valued[] = { "--screenshot", "--export-plot", "--test-script", "-c",
                                        "--circuit", "--thickness", "--diameter", "--cell",
                                        "--area", "--shared", "--law", "--exclude",
                                        "--exclude-points", "--page", "--size", NULL };
  for (int i = 1; i < argc; i++)
    {
      int value = 0;
      for (int k = 0; i > 1 && valued[k]; k++)
        value |= strcmp (argv[i - 1], valued[k]) == 0;
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "-") == 0 && !value)
        {
          fprintf (stderr, "eisfit-gtk: -: standard input is not read by eisfit-gtk: save the "
                   "data to a file and open it (eisfit reads -), or give ./- for a file named "
                   "-\n");
          return 1;
        }
    }
  /* Without a display GTK says only "cannot open display" and the batch options
   * (--print-results) exit with nothing: say what to do instead. --help and --version need none. */
  int asks_help = 0;
  for (int i = 1; i < argc; i++)
    asks_help |= strncmp (argv[i], "--help", 6) == 0 || strcmp (argv[i], "-h") == 0
                 || strcmp (argv[i], "--version") == 0;
  if (!asks_help && !gtk_init_check ())
    {
      fprintf (stderr, "eisfit-gtk: cannot open a display (DISPLAY and WAYLAND_DISPLAY: %s, "
               "%s): the window needs one. Without a window, eisfit gives the same numbers "
               "(eisfit FILE..., eisfit --project P.eisfit, eisfit transference --project "
               "P.eisfit); for scripted runs of eisfit-gtk (--print-results, --screenshot) use "
               "xvfb-run.\n", g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "not set",
               g_getenv ("WAYLAND_DISPLAY") ? g_getenv ("WAYLAND_DISPLAY") : "not set");
      return 1;
    }
  /* gtk_init_check set the user's locale: numbers in the options' messages are written with a
   * dot from here on, as the engine reads them (startup sets it again after GTK's own setup) */
  setlocale (LC_NUMERIC, "C");
  app = eisfit_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status ? status : eisfit_application_get_exit_status (app);
}
