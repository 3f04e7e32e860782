/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `eisfit kk FILE...`: the Lin-KK validity check (Schönleber, Klotz & Ivers-Tiffée,
 * Electrochim. Acta 131 (2014) 20) of every spectrum, as text, CSV (one row per point) or JSON.
 * A spectrum that fails the check is a result, not an error: the exit status stays 0. */
#include <config.h>
#include "commands.h"
#include "cli-util.h"
#include "report.h"
#include "fit-args.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "plausible.h"
#include "kk.h"
#include "plot.h"

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit kk [OPTIONS] FILE...\n"
           "Kramers-Kronig validity of every impedance spectrum in FILE(s) by the Lin-KK test\n"
           "(Schoenleber 2014): M RC elements with log-spaced time constants, M chosen by the\n"
           "mu criterion, residuals per point and a verdict. A failed check is reported, not an\n"
           "error (exit 0).\n\n"
           "Options:\n"
           "  -f, --format FMT       text (default), csv (one row per point) or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw the residuals to FILE.png/.svg/.pdf\n"
           "                         (several spectra: FILE-2.png, FILE-3.png, ...)\n"
           "  -q, --quiet            no warnings on standard error\n"
           "  -j, --jobs N           accepted as for eisfit fit; the spectra are done one\n"
           "                         after another\n"
           "  -h, --help             this help\n"
           "%s%s\n"
           "With fewer than 10 points, or more Lin-KK parameters than points, there is no\n"
           "verdict (\"too few points\"; JSON \"valid\": null); fewer than 5 are refused.\n"
           "Exit status: 0 ok (whatever the verdict), 1 usage, 2 unreadable input,\n"
           "4 output not written, 5 internal error.\n", cli_range_options_help,
           cli_input_options_help);
}

typedef struct {
  char *file;
  int spectrum;          /* 1-based */
  size_t n_in_file;
  EisKKResult *kk;
  char *plot_path;
  size_t n_points;       /* in the spectrum, before --fmin/--fmax/--exclude */
} KKEntry;

/* The verdict in three states: valid, not valid, no verdict (too few points). */
static const char *
verdict_word (int valid, const char *yes, const char *no, const char *none)
{
  return valid > 0 ? yes : valid == 0 ? no : none;
}

static int
write_plot (KKEntry *e, const char *path, int force)
{
  const EisKKResult *k = e->kk;
  double *re = malloc (k->n * sizeof *re), *im = malloc (k->n * sizeof *im);
  int rc = -1;
  if (re && im)
    {
      for (size_t i = 0; i < k->n; i++)
        {
          re[i] = 100 * k->res_re[i];
          im[i] = 100 * k->res_im[i];
        }
      char title[512];
      snprintf (title, sizeof title, "Lin-KK residuals, %s: %s",
                k->noisy ? "valid, noisy"
                : verdict_word (k->valid, "valid", "NOT valid", "no verdict"), e->file);
      EisPlotKK p = { k->n, k->freq_hz, re, im, (int) k->m, k->mu, title };
      EisError err = { 0 };
      if (eis_plot_to_file (path, 1000, 600, eis_plot_draw_kk, &p, force, &err) != EIS_OK)
        cli_error ("--plot: %s", err.message);
      else
        rc = 0;
    }
  free (re), free (im);
  return rc;
}

static void
render_text (KKEntry *v, size_t n, const char *range_text, CliBuf *b)
{
  for (size_t i = 0; i < n; i++)
    {
      const EisKKResult *k = v[i].kk;
      if (i)
        cli_buf_printf (b, "\n");
      cli_buf_name (b, v[i].file);
      if (v[i].n_in_file > 1)
        cli_buf_printf (b, "  spectrum %d of %zu", v[i].spectrum, v[i].n_in_file);
      if (k->n != v[i].n_points)
        cli_buf_printf (b, "\n  points    %zu of %zu used (%s)", k->n, v[i].n_points,
                        range_text);
      cli_buf_printf (b, "\n  Lin-KK    M = %zu RC elements, mu = %.3f (threshold %.2f%s)\n",
                      k->m, k->mu, k->c, k->mu_reached ? "" : ", not reached");
      cli_buf_printf (b, "  model     series R %.4g Ohm", k->r0_ohm);
      if (k->with_capacitance)
        cli_buf_printf (b, ", series C %.3e F%s", k->c_f, k->capacitance_was_auto ? " (auto)" : "");
      if (k->with_inductance)
        cli_buf_printf (b, ", series L %.3e H%s", k->l_h, k->inductance_was_auto ? " (auto)" : "");
      cli_buf_printf (b, "; parameters of the test, not of the cell");
      cli_buf_printf (b, "\n  residuals RMS %.3f %% (limit %.2f %%), max |res| %.3f %% at %.4g Hz "
                      "(limit %.2f %%)\n", 100 * k->rms_res, 100 * k->max_rms,
                      100 * k->max_abs_res, k->freq_hz[k->i_max], 100 * k->max_abs);
      if (isfinite (k->trend))
        cli_buf_printf (b, "  trend     %.3f %% at %.4g Hz (limit %.3f %%)\n", 100 * k->trend,
                        k->trend_freq_hz, 100 * k->trend_limit);
      else
        cli_buf_printf (b, "  trend     not tested (no half decade holds 3 points)\n");
      if (isfinite (k->noise_pp) && isfinite (k->runs_z))
        cli_buf_printf (b, "  noise     %.3f %% from the point-to-point scatter, sign runs "
                        "z = %.1f (%s)\n", 100 * k->noise_pp, k->runs_z,
                        k->white ? "white: like noise" : k->n < EIS_KK_MIN_NOISE_POINTS ? "too few points to tell"
                        : "not white");
      /* the verdict's reasons, without its own first words ("valid: ...") */
      const char *why = strstr (k->verdict, ": ");
      if (k->valid < 0)
        cli_buf_printf (b, "  verdict   NONE: %s\n", k->verdict);
      else
        cli_buf_printf (b, "  verdict   %s: %s\n",
                        k->noisy ? "VALID, NOISY" : k->valid ? "VALID" : "NOT VALID",
                        why ? why + 2 : k->verdict);
      if (v[i].plot_path)
        {
          cli_buf_printf (b, "  plot written to ");
          cli_buf_name (b, v[i].plot_path);
          cli_buf_printf (b, "\n");
        }
    }
}

static void
render_csv (KKEntry *v, size_t n, CliBuf *b)
{
  cli_buf_printf (b, "file,spectrum,M,mu,valid,rms,max_abs,f_Hz,res_re,res_im\n");
  for (size_t i = 0; i < n; i++)
    {
      const EisKKResult *k = v[i].kk;
      for (size_t j = 0; j < k->n; j++)
        {
          cli_buf_csv_string (b, v[i].file);
          cli_buf_printf (b, ",%d,%zu,%.6g,%s,%.6g,%.6g,%.10g,%.6g,%.6g\n", v[i].spectrum, k->m,
                          k->mu, verdict_word (k->valid, "yes", "no", ""), k->rms_res,
                          k->max_abs_res,
                          k->freq_hz[j], k->res_re[j], k->res_im[j]);
        }
    }
}

static void
render_json (KKEntry *v, size_t n, CliBuf *b)
{
  cli_buf_append (b, "[", 1);
  for (size_t i = 0; i < n; i++)
    {
      const EisKKResult *k = v[i].kk;
      cli_buf_printf (b, "%s\n {\"file\": ", i ? "," : "");
      cli_buf_json_string (b, v[i].file);
      cli_buf_printf (b, ", \"spectrum\": %d, \"M\": %zu, \"mu\": ", v[i].spectrum, k->m);
      cli_buf_json_number (b, k->mu);
      cli_buf_printf (b, ", \"valid\": %s, \"rms\": ",
                      verdict_word (k->valid, "true", "false", "null"));
      cli_buf_json_number (b, k->rms_res);
      cli_buf_json_member_number (b, ", ", "max_abs", k->max_abs_res);
      cli_buf_json_member_number (b, ", ", "trend", k->trend);
      cli_buf_json_member_number (b, ", ", "noise", k->noise_pp);
      cli_buf_json_member_number (b, ", ", "runs_z", k->runs_z);
      cli_buf_printf (b, ", \"noisy\": %s", k->noisy ? "true" : "false");
      cli_buf_printf (b, ", \"with_capacitance\": %s, \"with_inductance\": %s, \"verdict\": ",
                      k->with_capacitance ? "true" : "false",
                      k->with_inductance ? "true" : "false");
      cli_buf_json_string (b, k->verdict);
      cli_buf_printf (b, ", \"plot\": ");
      if (v[i].plot_path)
        cli_buf_json_string (b, v[i].plot_path);
      else
        cli_buf_printf (b, "null");
      cli_buf_printf (b, ",\n  \"points\": [");
      for (size_t j = 0; j < k->n; j++)
        {
          cli_buf_printf (b, "%s{\"f_Hz\": ", j ? ", " : "");
          cli_buf_json_number (b, k->freq_hz[j]);
          cli_buf_json_member_number (b, ", ", "res_re", k->res_re[j]);
          cli_buf_json_member_number (b, ", ", "res_im", k->res_im[j]);
          cli_buf_printf (b, "}");
        }
      cli_buf_printf (b, "]}");
    }
  cli_buf_printf (b, n ? "\n]\n" : "]\n");
}

static int
kk_option (int opt, const char *arg, void *data)
{
  (void) data;
  int jobs;
  switch (opt)
    {
    case 'h':
      usage (stdout);
      return CLI_OPT_DONE;
    case 'q':
      cli_quiet = 1;
      return CLI_OPT_OK;
    case 'j':   /* accepted as for eisfit fit; the spectra are checked one after another */
      return cli_parse_jobs (arg, &jobs) == 0 ? CLI_OPT_OK : CLI_OPT_BAD;
    default:
      return CLI_OPT_BAD;
    }
}

int
eisfit_cmd_kk (int argc, char **argv)
{
  EisImportOptions imp;
  cli_input_args_init (&imp);
  /* as the fit: a huge file is refused as soon as a sweep passes the limit (--max-points),
   * not read whole first */
  imp.max_points = EIS_IMPORT_FIT_MAX_POINTS;
  static const struct option own[] = {
    { "help", no_argument, NULL, 'h' },
    { "quiet", no_argument, NULL, 'q' },
    { "jobs", required_argument, NULL, 'j' },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  CliFitArgs ra;                /* only its point range: --fmin, --fmax, --exclude... */
  cli_fit_args_init (&ra);
  int pr = cli_parse_command_line (argc, argv, "f:o:j:qh", own, sizeof own / sizeof own[0],
                                   CLI_OPTS_OUTPUT | CLI_OPTS_INPUT | CLI_OPTS_RANGE, &ra, &oa,
                                   &imp, kk_option, NULL, "kk");
  if (pr != 0)
    return pr < 0 ? EXIT_OK : pr;
  CliFormat format = oa.format;
  const char *output = oa.output, *plot = oa.plot;
  int force = oa.force;
  if (optind >= argc)
    {
      cli_error ("no input file (try 'eisfit kk --help')");
      return EXIT_USAGE;
    }
  /* every output name, the numbered figures' too, against the inputs before any work */
  CliInputs *inputs = cli_inputs_new ((const char *const *) argv + optind, (size_t) (argc - optind));
  if (cli_outputs_check (output, plot, 1, inputs) != 0)
    {
      cli_inputs_free (inputs);
      return EXIT_USAGE;
    }
  if (cli_check_plot_folder (plot) != 0)
    {
      cli_inputs_free (inputs);
      return EXIT_OUTPUT;
    }

  if (ra.range.f_min_hz > 0 && ra.range.f_max_hz > 0 && ra.range.f_min_hz >= ra.range.f_max_hz)
    {
      cli_error ("--fmin must be below --fmax");
      cli_inputs_free (inputs);
      return EXIT_USAGE;
    }
  EisFitOptions range;
  eis_fit_options_init (&range);
  cli_range_apply (&ra.range, &range);
  char range_text[512];
  cli_range_describe (&ra.range, range_text, sizeof range_text);
  int rc = EXIT_OK, n_plots = 0;
  size_t n = 0, cap = 0;
  KKEntry *v = NULL;
  for (int a = optind; a < argc; a++)
    {
      EisDataFile *df = cli_import_spectra (argv[a], &imp, &rc);
      if (df == NULL)
        continue;
      EisError err = { 0 };
      for (size_t k = 0; k < df->n_spectra; k++)
        {
          EisKKResult *kk = NULL;
          if (eis_fit_points_check (&range, df->spectra[k], &err) != EIS_OK)
            {
              cli_error ("%s", err.message);   /* names the file and the spectrum */
              int e = err.code == EIS_ERR_DATA ? EXIT_INPUT : EXIT_USAGE;
              if (rc < e)
                rc = e;
              continue;
            }
          EisSpectrum *used = eis_fit_used_points (df->spectra[k], &range);
          if (used == NULL)
            exit (EXIT_INTERNAL);
          /* one Z repeated passes Lin-KK trivially: refused as fit and drt refuse it (a
           * negative Z' or noise is still checked: its failed check is the result) */
          int kst = eis_spectrum_check_varies (used, &err);
          if (kst == EIS_OK)
            kst = eis_kk_run (used, NULL, &kk, &err);
          eis_spectrum_free (used);
          if (kst != EIS_OK)
            {
              /* the engine's message may name the file already */
              const char *msg = err.message;
              size_t pl = strlen (argv[a]);
              if (strncmp (msg, argv[a], pl) == 0 && msg[pl] == ':' && msg[pl + 1] == ' ')
                msg += pl + 2;
              if (df->n_spectra > 1)
                cli_error ("%s: spectrum %zu: %s", argv[a], k + 1, msg);
              else
                cli_error ("%s: %s", argv[a], msg);
              if (rc < EXIT_INPUT)
                rc = err.code == EIS_ERR_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
              continue;
            }
          if (n == cap)
            {
              cap = cap ? 2 * cap : 16;
              KKEntry *nv = realloc (v, cap * sizeof *v);
              if (nv == NULL)
                exit (EXIT_INTERNAL);
              v = nv;
            }
          KKEntry *e = &v[n++];
          memset (e, 0, sizeof *e);
          size_t len = strlen (argv[a]) + 1;
          e->file = malloc (len);
          if (e->file == NULL)
            exit (EXIT_INTERNAL);
          memcpy (e->file, argv[a], len);
          e->spectrum = (int) k + 1;
          e->n_in_file = df->n_spectra;
          e->n_points = df->spectra[k]->n;
          e->kk = kk;
          if (plot)
            {
              e->plot_path = cli_plot_name (plot, ++n_plots);
              if (cli_refuse_input ("--plot", plot, e->plot_path, inputs) != 0
                  || write_plot (e, e->plot_path, force) != 0)
                {
                  free (e->plot_path);
                  e->plot_path = NULL;
                  if (rc < EXIT_OUTPUT)
                    rc = EXIT_OUTPUT;
                }
            }
        }
      eis_data_file_free (df);
    }

  CliBuf out = { 0 };
  switch (format)
    {
    case CLI_FORMAT_CSV: render_csv (v, n, &out); break;
    case CLI_FORMAT_JSON: render_json (v, n, &out); break;
    default: render_text (v, n, range_text, &out); break;
    }
  EisError err = { 0 };
  if (cli_write_file_atomic (output, out.data ? out.data : "", out.len, force, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);
      rc = EXIT_OUTPUT;
    }
  cli_buf_free (&out);
  for (size_t i = 0; i < n; i++)
    {
      eis_kk_result_free (v[i].kk);
      free (v[i].file);
      free (v[i].plot_path);
    }
  free (v);
  cli_inputs_free (inputs);
  return rc;
}
