/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit-gtk: the desktop program. */
#include <gsl/gsl_errno.h>

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
  app = eisfit_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status ? status : eisfit_application_get_exit_status (app);
}
