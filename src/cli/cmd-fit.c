/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `eisfit [fit] FILE...`: fit every spectrum of every file and report parameters, errors,
 * goodness of fit, arcs and conductivity as text, CSV or JSON. */
#include <config.h>
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "project-input.h"
#include "report.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit [fit] [OPTIONS] FILE...\n"
           "       eisfit [fit] [OUTPUT OPTIONS] --project PROJECT.eisfit\n"
           "Fit an equivalent circuit to every impedance spectrum in FILE(s) and report the\n"
           "parameters with standard errors, the goodness of fit, each arc's role and, with\n"
           "geometry, the bulk, grain-boundary and total ionic conductivity.\n"
           "Other commands: eisfit info | convert | kk | drt | arrhenius | series | transference\n(see the --help of each).\n\n"
           "%s%s%s"
           "Output:\n"
           "  -f, --format FMT       text (default), csv (one row per spectrum) or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw data, fit and residuals to FILE.png/.svg/.pdf\n"
           "                         (several spectra: FILE-2.png, FILE-3.png, ...)\n"
           "      --no-kk            skip the Kramers-Kronig check of each spectrum\n"
           "      --project FILE     report the fits saved in a project of eisfit-gtk, with each\n"
           "                         file's geometry and cell type; spectra without a saved fit\n"
           "                         are fitted with their own circuit, starts, fixes, bounds\n"
           "                         and points (see PROJECT FILES in man eisfit)\n"
           "      --refit            with --project: fit every spectrum again and compare\n"
           "  -q, --quiet            no warnings on standard error\n"
           "  -j, --jobs N           fit on N threads (default: one per processor)\n"
           "  -h, --help             this help;  -V, --version  the version\n\n"
           "Exit status: 0 ok, 1 usage, 2 unreadable input, 3 a fit did not converge,\n"
           "4 output not written, 5 internal error. See man eisfit.\n",
           cli_fit_options_help, cli_range_options_help, cli_input_options_help);
}

enum { OPT_NO_KK = 2000, OPT_PROJECT, OPT_REFIT };

typedef struct {
  CliReportOptions *ro;
  int quiet;
  const char *project;
  int refit;
} FitState;

static int
fit_option (int opt, const char *arg, void *data)
{
  FitState *st = data;
  switch (opt)
    {
    case OPT_NO_KK:
      st->ro->kk = 0;
      return CLI_OPT_OK;
    case OPT_PROJECT:
      st->project = arg;
      return CLI_OPT_OK;
    case OPT_REFIT:
      st->refit = 1;
      return CLI_OPT_OK;
    case 'q':
      st->quiet = 1;
      cli_quiet = 1;
      return CLI_OPT_OK;
    case 'j':
      return cli_parse_jobs (arg, &st->ro->jobs) == 0 ? CLI_OPT_OK : CLI_OPT_BAD;
    case 'h':
      usage (stdout);
      return CLI_OPT_DONE;
    case 'V':
      printf ("eisfit %s\n", PACKAGE_VERSION);
      return CLI_OPT_DONE;
    default:
      return CLI_OPT_BAD;
    }
}

int
eisfit_cmd_fit (int argc, char **argv)
{
  CliFitArgs args;
  cli_fit_args_init (&args);
  CliReportOptions ro = { .format = CLI_FORMAT_TEXT, .kk = 1 };
  long ncpu = sysconf (_SC_NPROCESSORS_ONLN);
  ro.jobs = ncpu < 1 ? 1 : ncpu > 64 ? 64 : (int) ncpu;

  static const struct option own[] = {
    { "no-kk", no_argument, NULL, OPT_NO_KK },
    { "project", required_argument, NULL, OPT_PROJECT },
    { "refit", no_argument, NULL, OPT_REFIT },
    { "quiet", no_argument, NULL, 'q' },
    { "jobs", required_argument, NULL, 'j' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  FitState st = { &ro, 0, NULL, 0 };
  int pr = cli_parse_command_line (argc, argv, "c:f:o:j:qhV", own, sizeof own / sizeof own[0],
                                   CLI_OPTS_OUTPUT | CLI_OPTS_INPUT | CLI_OPTS_FIT, &args, &oa,
                                   NULL, fit_option, &st, NULL);
  if (pr != 0)
    return pr < 0 ? EXIT_OK : pr;
  int rc = EXIT_OK, quiet = st.quiet;
  ro.format = oa.format;
  ro.plot = oa.plot;
  const char *output = oa.output;
  int force = oa.force;
  if (st.project && optind < argc)
    {
      cli_error ("--project: the project names its files; no FILE operands (\"%s\")", argv[optind]);
      return EXIT_USAGE;
    }
  if (st.project && cli_project_refuse_options (&args) != 0)
    return EXIT_USAGE;
  if (cli_fit_args_finish (&args) != 0)
    return EXIT_USAGE;
  if (st.refit && !st.project)
    {
      cli_error ("--refit: only with --project (the fits of a project are reported as saved)");
      return EXIT_USAGE;
    }
  if (optind >= argc && !st.project)
    {
      cli_error ("no input file (try 'eisfit --help')");
      return EXIT_USAGE;
    }
  CliInputs *inputs = cli_inputs_new ((const char *const *) argv + optind,
                                      st.project ? 0 : (size_t) (argc - optind));
  cli_inputs_add (inputs, st.project, "the project");
  if (cli_outputs_check (output, ro.plot, 1, inputs) != 0)
    {
      cli_inputs_free (inputs);
      return EXIT_USAGE;
    }
  if (cli_check_plot_folder (ro.plot) != 0)
    {
      cli_inputs_free (inputs);
      return EXIT_OUTPUT;
    }
  ro.quiet = quiet;
  ro.force = force;
  ro.inputs = inputs;
  /* A project is read first: the files it names are inputs too, and no output (the report, a
   * figure, a numbered figure) may replace one, checked before any fit or write. */
  CliProjectRun *project = NULL;
  if (st.project)
    {
      rc = cli_project_prepare (st.project, &args, st.refit, &project);
      cli_project_add_inputs (project, inputs);
      if (cli_outputs_check (output, ro.plot, 1, inputs) != 0)
        {
          cli_project_run_free (project);
          cli_inputs_free (inputs);
          return EXIT_USAGE;
        }
    }

  /* The output is opened before any fit: an existing file is refused before any work. */
  CliOut *out = NULL;
  EisError err = { 0 };
  if (cli_out_open (output, force, &out, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);
      cli_project_run_free (project);
      cli_inputs_free (inputs);
      return EXIT_OUTPUT;
    }
  CliReport rep;
  cli_report_init (&rep, &ro, &args);
  int r;
  if (st.project)
    {
      size_t n_items;
      const CliReportItem *items = cli_project_items (project, &n_items);
      r = cli_report_run_items (&rep, items, n_items, out, cli_project_fitted, project);
    }
  else
    r = cli_report_run (&rep, (const char *const *) argv + optind, (size_t) (argc - optind), out);
  if (r > rc)
    rc = r;
  if (rep.out_failed)
    cli_out_abort (out);        /* said when the write failed */
  else if (cli_out_commit (out, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);
      rc = EXIT_OUTPUT;
    }
  if (rep.plot_failed && rc < EXIT_OUTPUT)
    rc = EXIT_OUTPUT;
  cli_report_clear (&rep);
  cli_project_run_free (project);
  cli_inputs_free (inputs);
  return rc;
}
