/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `eisfit drt FILE...`: the distribution of relaxation times of every spectrum (Wan,
 * Saccoccio, Chen & Ciucci, Electrochim. Acta 184 (2015) 483), its peaks with the resistance
 * under each, as text, CSV (tau, gamma) or JSON, and a figure overlaying every spectrum. */
#include <config.h>
#include "c-number.h"
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "drt.h"
#include "plausible.h"
#include "import.h"
#include "plot.h"

/* Bootstrap replicates for the peaks' resistance errors: 30 give the error to about 13 % (1/sqrt(2 x 29)) at 30 DRTs a spectrum. */
#define EISFIT_DRT_BOOT 30

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit drt [OPTIONS] FILE...\n"
           "Distribution of relaxation times of every impedance spectrum in FILE(s): Tikhonov-\n"
           "regularised, non-negative, on Gaussian basis functions (Wan et al. 2015), with a\n"
           "series R_inf and inductance L; peaks with tau, f and the resistance under each.\n\n"
           "Options:\n"
           "      --lambda-method M  mgcv (modified GCV, default), gcv, reim or lcurve: how\n"
           "                         lambda is chosen\n"
           "      --lambda VALUE     use this lambda instead\n"
           "      --part P           combined (default), real or imag: which part is fitted\n"
           "      --derivative K     penalise the 1st (default) or 2nd derivative of gamma\n"
           "      --inductance W     auto (default: when Z'' > 0 at the highest frequency or\n"
           "                         omega L there stands above the noise),\n"
           "                         yes or no: a series inductance L >= 0 in the model\n"
           "      --fmin F, --fmax F use only frequencies in [F, F] (Hz)\n"
           "      --keep-tail        fit a blocking electrode's capacitive tail too (it is\n"
           "                         left out by default: a DRT cannot represent it)\n"
           "  -f, --format FMT       text (default), csv (tau, gamma per row) or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw gamma(tau) with its peaks beside the data and the\n"
           "                         DRT's fit (Nyquist) to FILE.png/.svg/.pdf; several\n"
           "                         spectra are overlaid\n"
           "  -q, --quiet            no warnings on standard error\n"
           "  -j, --jobs N           accepted as for eisfit fit; the spectra are done one\n"
           "                         after another\n"
           "  -h, --help             this help\n"
           "%s\n"
           "Exit status: 0 ok, 1 usage, 2 unreadable input or a spectrum that cannot support a\n"
           "DRT (the others are still reported), 4 output not written, 5 internal error.\n",
           cli_input_options_help);
}

enum { OPT_LAMBDA_METHOD = 3000, OPT_LAMBDA, OPT_PART, OPT_DERIVATIVE, OPT_FMIN, OPT_FMAX,
       OPT_KEEP_TAIL, OPT_INDUCTANCE };

static int
parse_positive (const char *text, const char *opt, double *out)
{
  char *end;
  errno = 0;
  double v = eis_strtod (text, &end);
  if (*end || end == text || errno || !(v > 0) || !isfinite (v))
    {
      cli_error ("--%s: \"%s\": expected a positive number", opt, text);
      return -1;
    }
  *out = v;
  return 0;
}

/* The options as parsed, and whether --lambda-method was given (with --lambda it would be
 * thrown away, or the lambda typed would: the pair is refused). */
typedef struct {
  EisDrtOptions *o;
  int method_given;
} DrtArgs;

static int
drt_option (int opt, const char *arg, void *data)
{
  DrtArgs *da = data;
  EisDrtOptions *o = da->o;
  switch (opt)
    {
    case 'h':
      usage (stdout);
      return CLI_OPT_DONE;
    case 'q':
      cli_quiet = 1;
      return CLI_OPT_OK;
    case 'j':
      {
        int jobs;   /* accepted as for eisfit fit; the spectra are done one after another */
        return cli_parse_jobs (arg, &jobs) == 0 ? CLI_OPT_OK : CLI_OPT_BAD;
      }
    case OPT_LAMBDA_METHOD:
      if (o->lambda_method == EIS_DRT_LAMBDA_FIXED)
        {
          cli_error ("--lambda-method %s with --lambda: give one (--lambda sets lambda, "
                     "--lambda-method chooses it from the data)", arg);
          return CLI_OPT_BAD;
        }
      da->method_given = 1;
      if (strcmp (arg, "gcv") == 0)
        o->lambda_method = EIS_DRT_LAMBDA_GCV;
      else if (strcmp (arg, "mgcv") == 0)
        o->lambda_method = EIS_DRT_LAMBDA_MGCV;
      else if (strcmp (arg, "reim") == 0 || strcmp (arg, "re-im") == 0)
        o->lambda_method = EIS_DRT_LAMBDA_REIM;
      else if (strcmp (arg, "lcurve") == 0 || strcmp (arg, "l-curve") == 0)
        o->lambda_method = EIS_DRT_LAMBDA_LCURVE;
      else
        {
          cli_error ("--lambda-method: \"%s\": expected mgcv, gcv, reim or lcurve", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_LAMBDA:
      if (da->method_given)
        {
          cli_error ("--lambda %s with --lambda-method: give one (--lambda sets lambda, "
                     "--lambda-method chooses it from the data)", arg);
          return CLI_OPT_BAD;
        }
      if (parse_positive (arg, "lambda", &o->lambda) != 0)
        return CLI_OPT_BAD;
      o->lambda_method = EIS_DRT_LAMBDA_FIXED;
      return CLI_OPT_OK;
    case OPT_PART:
      if (strcmp (arg, "combined") == 0)
        o->part = EIS_DRT_COMBINED;
      else if (strcmp (arg, "real") == 0 || strcmp (arg, "re") == 0)
        o->part = EIS_DRT_REAL;
      else if (strcmp (arg, "imag") == 0 || strcmp (arg, "im") == 0)
        o->part = EIS_DRT_IMAG;
      else
        {
          cli_error ("--part: \"%s\": expected combined, real or imag", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_DERIVATIVE:
      if (strcmp (arg, "1") == 0 || strcmp (arg, "2") == 0)
        {
          o->derivative = arg[0] - '0';
          return CLI_OPT_OK;
        }
      cli_error ("--derivative: \"%s\": expected 1 or 2", arg);
      return CLI_OPT_BAD;
    case OPT_FMIN:
      return parse_positive (arg, "fmin", &o->f_min_hz) ? CLI_OPT_BAD : CLI_OPT_OK;
    case OPT_FMAX:
      return parse_positive (arg, "fmax", &o->f_max_hz) ? CLI_OPT_BAD : CLI_OPT_OK;
    case OPT_KEEP_TAIL:
      o->keep_tail = 1;
      return CLI_OPT_OK;
    case OPT_INDUCTANCE:
      if (strcmp (arg, "auto") == 0)
        o->inductance = EIS_DRT_AUTO;
      else if (strcmp (arg, "yes") == 0)
        o->inductance = EIS_DRT_YES;
      else if (strcmp (arg, "no") == 0)
        o->inductance = EIS_DRT_NO;
      else
        {
          cli_error ("--inductance: \"%s\": expected auto, yes or no", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    default:
      return CLI_OPT_BAD;
    }
}

typedef struct {
  char *file;
  int spectrum;          /* 1-based */
  size_t n_in_file;
  EisDrtResult *drt;
} DrtEntry;

static const char *
part_name (int part)
{
  return part == EIS_DRT_REAL ? "Z' only" : part == EIS_DRT_IMAG ? "Z'' only" : "Z' and Z''";
}

static void
render_text (const DrtEntry *v, size_t n, const char *plot, int inductance, CliBuf *b)
{
  for (size_t i = 0; i < n; i++)
    {
      const EisDrtResult *d = v[i].drt;
      if (i)
        cli_buf_printf (b, "\n");
      cli_buf_name (b, v[i].file);
      if (v[i].n_in_file > 1)
        cli_buf_printf (b, "  spectrum %d of %zu", v[i].spectrum, v[i].n_in_file);
      cli_buf_printf (b, "\n  DRT       %zu points, %.4g Hz to %.4g Hz, fitted to %s; %zu "
                      "Gaussians, penalty on the %s derivative\n", d->n, d->freq_hz[0],
                      d->freq_hz[d->n - 1], part_name (d->part), d->m_basis,
                      d->derivative == 2 ? "second" : "first");
      cli_buf_printf (b, "  lambda    %.3e (%s%s)\n", d->lambda,
                      eis_drt_lambda_method_name (d->lambda_method),
                      d->gcv_failed ? "; GCV had no minimum: still falling at 1e-10" : "");
      cli_buf_printf (b, "  R_inf     %.5g Ohm%s\n", d->r_inf_ohm,
                      d->part == EIS_DRT_IMAG ? " (from Z' given gamma)" : "");
      if (d->with_inductance)
        cli_buf_printf (b, "  L         %.4g H%s\n", d->l_h,
                        d->part == EIS_DRT_REAL ? " (from Z'' given gamma)" : "");
      else if (inductance == EIS_DRT_NO)
        cli_buf_printf (b, "  L         not in the model (--inductance no)\n");
      else
        cli_buf_printf (b, "  L         not in the model (omega L at the highest frequency within the noise;"
                        " --inductance yes adds it)\n");
      if (d->r_tail_ohm > 0)
        cli_buf_printf (b, "  R_pol     %.5g Ohm (integral of gamma), of which %.5g Ohm is what "
                        "is left of the tail\n            beyond the lowest frequency; R_inf + "
                        "R_pol without it %.5g Ohm\n", d->r_pol_ohm, d->r_tail_ohm,
                        d->r_inf_ohm + d->r_pol_ohm - d->r_tail_ohm);
      else
        cli_buf_printf (b, "  R_pol     %.5g Ohm (integral of gamma); R_inf + R_pol %.5g Ohm\n",
                        d->r_pol_ohm, d->r_inf_ohm + d->r_pol_ohm);
      cli_buf_printf (b, "  fit       RMS residual %.3f %% of |Z|\n", 100 * d->rms_res);
      if (d->n_peaks)
        {
          cli_buf_printf (b, "  peaks     %-11s %-11s %-34s %s\n", "tau/s", "f/Hz",
                          "R/Ohm +- s.e. (noise only)", "gamma/Ohm");
          for (size_t k = 0; k < d->n_peaks; k++)
            {
              const EisDrtPeak *p = &d->peaks[k];
              char rs[64];
              if (isfinite (p->r_se_ohm))
                snprintf (rs, sizeof rs, "%.5g +- %.2g (noise only)", p->r_ohm, p->r_se_ohm);
              else
                snprintf (rs, sizeof rs, "%.5g", p->r_ohm);
              cli_buf_printf (b, "            %-11.4g %-11.4g %-34s %.4g%s\n", p->tau_s,
                              p->f_hz, rs, p->gamma_ohm,
                              p->beyond_data ? "   beyond the data" : "");
            }
          if (d->rms_res <= 0.02)
            cli_buf_printf (b, "            (s.e. of R: the noise's share, by %zu bootstrap "
                            "replicates; not the bias of the\n             regularisation or of "
                            "overlapping peaks sharing their tails)\n", d->n_boot);
          else
            cli_buf_printf (b, "            (no s.e. of R: the DRT does not reproduce the data, "
                            "so R is not a measured\n             area with an error from the "
                            "noise)\n");
        }
      else
        cli_buf_printf (b, "  peaks     none\n");
      if (d->warning[0])
        cli_buf_printf (b, "  warning   %s\n", d->warning);
    }
  if (plot)
    {
      cli_buf_printf (b, "%splot written to ", n ? "\n" : "");
      cli_buf_name (b, plot);
      cli_buf_printf (b, "\n");
    }
}

static void
render_csv (const DrtEntry *v, size_t n, CliBuf *b)
{
  /* the peaks on the rows nearest their maxima: peak number, R and its standard error */
  cli_buf_printf (b, "file,spectrum,tau_s,gamma_Ohm,peak,peak_R_Ohm,peak_R_noise_stderr_Ohm\n");
  for (size_t i = 0; i < n; i++)
    {
      const EisDrtResult *d = v[i].drt;
      for (size_t k = 0; k < d->n_tau; k++)
        {
          cli_buf_csv_string (b, v[i].file);
          cli_buf_printf (b, ",%d,%.8g,%.8g,", v[i].spectrum, d->tau_s[k], d->gamma_ohm[k]);
          size_t pk = d->n_peaks;
          for (size_t j = 0; j < d->n_peaks; j++)
            {
              double lt = log (d->peaks[j].tau_s), dk = fabs (log (d->tau_s[k]) - lt);
              if ((k == 0 || fabs (log (d->tau_s[k - 1]) - lt) > dk)
                  && (k + 1 == d->n_tau || fabs (log (d->tau_s[k + 1]) - lt) >= dk))
                pk = j;
            }
          if (pk < d->n_peaks)
            {
              cli_buf_printf (b, "%zu,%.8g,", pk + 1, d->peaks[pk].r_ohm);
              if (isfinite (d->peaks[pk].r_se_ohm))
                cli_buf_printf (b, "%.4g", d->peaks[pk].r_se_ohm);
              cli_buf_printf (b, "\n");
            }
          else
            cli_buf_printf (b, ",,\n");
        }
    }
}

static void
json_array (CliBuf *b, const double *x, size_t n)
{
  cli_buf_printf (b, "[");
  for (size_t k = 0; k < n; k++)
    {
      if (k)
        cli_buf_printf (b, ", ");
      cli_buf_json_number (b, x[k]);
    }
  cli_buf_printf (b, "]");
}

static void
render_json (const DrtEntry *v, size_t n, const char *plot, CliBuf *b)
{
  cli_buf_append (b, "[", 1);
  for (size_t i = 0; i < n; i++)
    {
      const EisDrtResult *d = v[i].drt;
      cli_buf_printf (b, "%s\n {\"file\": ", i ? "," : "");
      cli_buf_json_string (b, v[i].file);
      cli_buf_printf (b, ", \"spectrum\": %d, \"n_points\": %zu, \"n_tail_left_out\": %zu,\n"
                      "  \"part\": \"%s\", \"derivative\": %d, \"lambda_method\": \"%s\", "
                      "\"lambda\": ", v[i].spectrum, d->n, d->n_tail,
                      d->part == EIS_DRT_REAL ? "real" : d->part == EIS_DRT_IMAG ? "imag"
                      : "combined", d->derivative,
                      d->lambda_method == EIS_DRT_LAMBDA_GCV ? "gcv"
                      : d->lambda_method == EIS_DRT_LAMBDA_MGCV ? "mgcv"
                      : d->lambda_method == EIS_DRT_LAMBDA_REIM ? "reim"
                      : d->lambda_method == EIS_DRT_LAMBDA_LCURVE ? "lcurve" : "given");
      cli_buf_json_number (b, d->lambda);
      cli_buf_printf (b, ", \"gcv_failed\": %s", d->gcv_failed ? "true" : "false");
      cli_buf_printf (b, ",\n  \"R_inf_Ohm\": ");
      cli_buf_json_number (b, d->r_inf_ohm);
      cli_buf_json_member_number (b, ", ", "L_H", d->l_h);
      cli_buf_printf (b, ", \"with_inductance\": %s", d->with_inductance ? "true" : "false");
      cli_buf_json_member_number (b, ", ", "R_pol_Ohm", d->r_pol_ohm);
      cli_buf_json_member_number (b, ", ", "R_tail_Ohm", d->r_tail_ohm);
      cli_buf_json_member_number (b, ", ", "rms", d->rms_res);
      cli_buf_printf (b, ",\n  \"peaks\": [");
      for (size_t k = 0; k < d->n_peaks; k++)
        {
          const EisDrtPeak *p = &d->peaks[k];
          cli_buf_printf (b, "%s{\"tau_s\": ", k ? ", " : "");
          cli_buf_json_number (b, p->tau_s);
          cli_buf_json_member_number (b, ", ", "f_Hz", p->f_hz);
          cli_buf_json_member_number (b, ", ", "R_Ohm", p->r_ohm);
          cli_buf_json_member_number (b, ", ", "R_noise_stderr_Ohm", p->r_se_ohm);
          cli_buf_json_member_number (b, ", ", "gamma_Ohm", p->gamma_ohm);
          cli_buf_printf (b, ", \"beyond_data\": %s}", p->beyond_data ? "true" : "false");
        }
      cli_buf_printf (b, "],\n  \"warning\": ");
      if (d->warning[0])
        cli_buf_json_string (b, d->warning);
      else
        cli_buf_printf (b, "null");
      cli_buf_printf (b, ", \"plot\": ");
      if (plot)
        cli_buf_json_string (b, plot);
      else
        cli_buf_printf (b, "null");
      cli_buf_printf (b, ",\n  \"tau_s\": ");
      json_array (b, d->tau_s, d->n_tau);
      cli_buf_printf (b, ",\n  \"gamma_Ohm\": ");
      json_array (b, d->gamma_ohm, d->n_tau);
      cli_buf_printf (b, "}");
    }
  cli_buf_printf (b, n ? "\n]\n" : "]\n");
}

/* The figure: gamma(tau) of every spectrum with its peaks, and the data with the DRT's fit. */
static int
write_plot (const DrtEntry *v, size_t n, const char *path, int force)
{
  EisPlotDrtCurve *curves = calloc (n ? n : 1, sizeof *curves);
  EisPlotTrace *traces = calloc (2 * (n ? n : 1), sizeof *traces);
  char (*labels)[160] = calloc (n ? n : 1, sizeof *labels);
  double **pk = calloc (2 * (n ? n : 1), sizeof *pk);
  int **beyond = calloc (n ? n : 1, sizeof *beyond);
  int rc = -1;
  if (!curves || !traces || !labels || !pk || !beyond)
    exit (EXIT_INTERNAL);
  for (size_t i = 0; i < n; i++)
    {
      const EisDrtResult *d = v[i].drt;
      const char *base = strrchr (v[i].file, '/');
      base = base ? base + 1 : v[i].file;
      if (v[i].n_in_file > 1)
        snprintf (labels[i], sizeof labels[i], "%s #%d", base, v[i].spectrum);
      else
        snprintf (labels[i], sizeof labels[i], "%s", base);
      pk[2 * i] = cli_xmalloc ((d->n_peaks ? d->n_peaks : 1) * sizeof (double));
      pk[2 * i + 1] = cli_xmalloc ((d->n_peaks ? d->n_peaks : 1) * sizeof (double));
      beyond[i] = cli_xmalloc ((d->n_peaks ? d->n_peaks : 1) * sizeof (int));
      for (size_t k = 0; k < d->n_peaks; k++)
        {
          pk[2 * i][k] = d->peaks[k].tau_s;
          pk[2 * i + 1][k] = d->peaks[k].gamma_ohm;
          beyond[i][k] = d->peaks[k].beyond_data;
        }
      int color = (int) (i % EIS_PLOT_NCOLORS);
      double w_hi = 2 * M_PI * d->freq_hz[d->n - 1], w_lo = 2 * M_PI * d->freq_hz[0];
      curves[i] = (EisPlotDrtCurve){ d->n_tau, d->tau_s, d->gamma_ohm, d->n_peaks, pk[2 * i],
                                     pk[2 * i + 1], beyond[i], 1.0 / w_hi, 1.0 / w_lo,
                                     labels[i], color };
      traces[2 * i] = (EisPlotTrace){ d->n, d->freq_hz, d->z_re, d->z_im, n > 1 ? NULL : "data",
                                      0, color, 0 };
      traces[2 * i + 1] = (EisPlotTrace){ d->n, d->freq_hz, d->z_re_fit, d->z_im_fit,
                                          n > 1 ? NULL : "DRT fit", 1, n > 1 ? color : 1, 0 };
    }
  char title[512];
  if (n == 1)
    snprintf (title, sizeof title, "DRT, λ = %.2g (%s): %s", v[0].drt->lambda,
              eis_drt_lambda_method_name (v[0].drt->lambda_method), v[0].file);
  else
    snprintf (title, sizeof title, "DRT of %zu spectra", n);
  EisPlotDrt p = { curves, n, traces, 2 * n, title };
  EisError err = { 0 };
  if (eis_plot_to_file (path, 1200, 560, eis_plot_draw_drt, &p, force, &err) != EIS_OK)
    cli_error ("--plot: %s", err.message);
  else
    rc = 0;
  for (size_t i = 0; i < 2 * n; i++)
    free (pk[i]);
  for (size_t i = 0; i < n; i++)
    free (beyond[i]);
  free (pk);
  free (beyond);
  free (labels);
  free (curves);
  free (traces);
  return rc;
}

int
eisfit_cmd_drt (int argc, char **argv)
{
  EisImportOptions imp;
  cli_input_args_init (&imp);
  /* as the fit: a huge file is refused as soon as a sweep passes the limit (--max-points),
   * not read whole first */
  imp.max_points = EIS_IMPORT_FIT_MAX_POINTS;
  EisDrtOptions o;
  eis_drt_options_init (&o);
  o.n_boot = EISFIT_DRT_BOOT;   /* the peaks' standard errors */
  static const struct option own[] = {
    { "help", no_argument, NULL, 'h' },
    { "quiet", no_argument, NULL, 'q' },
    { "jobs", required_argument, NULL, 'j' },
    { "lambda-method", required_argument, NULL, OPT_LAMBDA_METHOD },
    { "lambda", required_argument, NULL, OPT_LAMBDA },
    { "part", required_argument, NULL, OPT_PART },
    { "derivative", required_argument, NULL, OPT_DERIVATIVE },
    { "fmin", required_argument, NULL, OPT_FMIN },
    { "fmax", required_argument, NULL, OPT_FMAX },
    { "keep-tail", no_argument, NULL, OPT_KEEP_TAIL },
    { "inductance", required_argument, NULL, OPT_INDUCTANCE },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  DrtArgs da = { &o, 0 };
  int pr = cli_parse_command_line (argc, argv, "f:o:j:qh", own, sizeof own / sizeof own[0],
                                   CLI_OPTS_OUTPUT | CLI_OPTS_INPUT, NULL, &oa, &imp, drt_option,
                                   &da, "drt");
  if (pr != 0)
    return pr < 0 ? EXIT_OK : pr;
  if (isfinite (o.f_min_hz) && isfinite (o.f_max_hz) && !(o.f_min_hz < o.f_max_hz))
    {
      cli_error ("--fmin must be below --fmax");
      return EXIT_USAGE;
    }
  if (optind >= argc)
    {
      cli_error ("no input file (try 'eisfit drt --help')");
      return EXIT_USAGE;
    }
  if (cli_check_outputs (oa.output, oa.plot, (const char *const *) argv + optind,
                         (size_t) (argc - optind)) != 0)
    return EXIT_USAGE;
  if (cli_check_plot_folder (oa.plot) != 0)
    return EXIT_OUTPUT;

  int rc = EXIT_OK;
  size_t n = 0, cap = 0;
  DrtEntry *v = NULL;
  for (int a = optind; a < argc; a++)
    {
      EisDataFile *df = cli_import_spectra (argv[a], &imp, &rc);
      if (df == NULL)
        continue;
      EisError err = { 0 };
      for (size_t k = 0; k < df->n_spectra; k++)
        {
          EisDrtResult *d = NULL;
          if (eis_spectrum_check_analysable (df->spectra[k], &err) != EIS_OK
              || eis_drt_run (df->spectra[k], &o, &d, &err) != EIS_OK)
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
              int code = err.code == EIS_ERR_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
              if (rc < code)
                rc = code;
              continue;
            }
          if (n == cap)
            {
              cap = cap ? 2 * cap : 16;
              DrtEntry *nv = realloc (v, cap * sizeof *v);
              if (nv == NULL)
                exit (EXIT_INTERNAL);
              v = nv;
            }
          v[n].file = cli_xstrdup (argv[a]);
          v[n].spectrum = (int) k + 1;
          v[n].n_in_file = df->n_spectra;
          v[n].drt = d;
          n++;
        }
      eis_data_file_free (df);
    }

  const char *plot = NULL;
  if (oa.plot && n > 0)
    {
      if (write_plot (v, n, oa.plot, oa.force) == 0)
        plot = oa.plot;
      else if (rc < EXIT_OUTPUT)
        rc = EXIT_OUTPUT;
    }
  CliBuf out = { 0 };
  switch (oa.format)
    {
    case CLI_FORMAT_CSV: render_csv (v, n, &out); break;
    case CLI_FORMAT_JSON: render_json (v, n, plot, &out); break;
    default: render_text (v, n, plot, o.inductance, &out); break;
    }
  EisError err = { 0 };
  if (cli_write_file_atomic (oa.output, out.data ? out.data : "", out.len, oa.force, &err)
      != EIS_OK)
    {
      cli_error ("%s", err.message);
      rc = EXIT_OUTPUT;
    }
  cli_buf_free (&out);
  for (size_t i = 0; i < n; i++)
    {
      eis_drt_result_free (v[i].drt);
      free (v[i].file);
    }
  free (v);
  return rc;
}
