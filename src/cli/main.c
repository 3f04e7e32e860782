/* eisfit: the headless program. Dispatches to a subcommand; a bare file list means "fit". */
#include "commands.h"
#include "cli-util.h"

#include "output-file.h"

#include <gsl/gsl_errno.h>
#include <locale.h>
#include <signal.h>
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

/* Interrupted (Ctrl+C, kill, a closed terminal, the file size limit): the temporary files of
 * unfinished outputs are removed, then the program ends as the signal says. */
static void
fatal_signal_cb (int sig)
{
  eis_output_file_remove_temporaries ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
clean_up_on_signals (void)
{
  static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGXFSZ, SIGQUIT };
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    {
      struct sigaction old, sa;
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = fatal_signal_cb;
      sigemptyset (&sa.sa_mask);
      /* A signal ignored by the caller (nohup) stays ignored. */
      if (sigaction (sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
        sigaction (sigs[i], &sa, NULL);
    }
  atexit (eis_output_file_remove_temporaries);
}

int
main (int argc, char **argv)
{
  clean_up_on_signals ();
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
          int rc = commands[i].run (argc - 1, argv + 1);
          cli_program_name = "eisfit";
          return rc;
        }
  return eisfit_cmd_fit (argc, argv);
}
