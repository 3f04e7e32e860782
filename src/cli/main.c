/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit: the headless program. Dispatches to a subcommand; a bare file list means "fit". */
#include "commands.h"
#include "cli-util.h"

#include "output-file.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "fit", eisfit_cmd_fit },
  { "info", eisfit_cmd_info },
  { "convert", eisfit_cmd_convert },
  { "kk", eisfit_cmd_kk },
  { "drt", eisfit_cmd_drt },
  { "arrhenius", eisfit_cmd_arrhenius },
  { "transference", eisfit_cmd_transference },
  { "series", eisfit_cmd_series },
};

/* Every command's exit: what it wrote to standard output and could not be written (a full
 * disk, a closed pipe, /dev/full) is an output not written, exit 4, as a file's would be.
 * A command that said so already returned 4. */
static int
stdout_check (int rc)
{
  int failed = fflush (stdout) != 0 || ferror (stdout);
  int e = errno;
  if (fclose (stdout) != 0 && !failed)
    {
      failed = 1;
      e = errno;
    }
  if (failed && rc != EXIT_OUTPUT)
    {
      cli_error ("standard output: write failed: %s", strerror (e));
      if (rc != EXIT_INTERNAL)
        rc = EXIT_OUTPUT;
    }
  return rc;
}

int
main (int argc, char **argv)
{
  eis_output_file_clean_up_on_signals ();
  /* Numbers are read and written with '.' whatever the user's locale. */
  setlocale (LC_ALL, "C");
  gsl_set_error_handler_off ();
  if (argc >= 2)
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
      if (strcmp (argv[1], commands[i].name) == 0)
        {
          char prog[64];
          snprintf (prog, sizeof prog, "eisfit %s", commands[i].name);
          cli_program_name = prog;
          argv[1] = prog;   /* getopt's messages name "eisfit kk", not "kk" */
          int rc = stdout_check (commands[i].run (argc - 1, argv + 1));
          cli_program_name = "eisfit";
          return rc;
        }
  return stdout_check (eisfit_cmd_fit (argc, argv));
}
