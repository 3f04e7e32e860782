/* `eisfit transference`: the Li+ transference number by DC polarization with impedance
 * before and after (Bruce & Vincent, J. Electroanal. Chem. 225 (1987) 1; Evans, Vincent &
 * Bruce, Polymer 28 (1987) 2324). The interfacial resistances R0 and Rss come from fits of
 * the two spectra, the currents from the DC series. */
#include <config.h>
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "report.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "plot.h"
#include "transference.h"

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit transference --polarization FILE --before FILE --after FILE [OPTIONS]\n"
           "Li+ transference number of a symmetric Li|electrolyte|Li cell by the Bruce-Vincent\n"
           "method: the interfacial resistance before (R0) and after (Rss) the hold from fits of\n"
           "the two spectra, I0 and Iss from the DC series, t+ = Iss (dV - I0 R0) / (I0 (dV - Iss Rss)).\n\n"
           "Input:\n"
           "      --polarization FILE  the DC series (time, current, optional voltage)\n"
           "      --before FILE        impedance spectrum before the hold\n"
           "      --after FILE         impedance spectrum at steady state\n"
           "      --voltage V          applied step: 10mV, 0.01V (default: the voltage column)\n"
           "      --i0 METHOD          extrapolated (default), first or calculated (dV/(R_b + R0))\n\n"
           "%s%s%s"
           "Output:\n"
           "  -f, --format FMT       text (default), csv or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw current against time to FILE.png/.svg/.pdf\n"
           "  -h, --help             this help\n\n"
           "Exit status: 0 ok, 1 usage, 2 unreadable input, 3 a fit did not converge,\n"
           "4 output not written, 5 internal error.\n",
           cli_fit_options_help, cli_range_options_help, cli_input_options_help);
}

/* "10mV", "0.01V", "10 mV", "1e-2" (bare = V) -> V. */
static int
parse_voltage (const char *text, double *v)
{
  char *end;
  double x = strtod (text, &end);
  if (end == text || !isfinite (x))
    return -1;
  while (*end == ' ')
    end++;
  if (*end == '\0' || strcmp (end, "V") == 0)
    *v = x;
  else if (strcmp (end, "mV") == 0)
    *v = x * 1e-3;
  else if (strcmp (end, "uV") == 0 || strcmp (end, "µV") == 0)
    *v = x * 1e-6;
  else
    return -1;
  return 0;
}

/* One fitted spectrum and its interfacial resistance. */
typedef struct {
  const char *path;
  EisDataFile *df;
  CliFitOutcome fit;
  int fitted;
  double R_int, R_int_se;     /* Ohm */
  char how[256];              /* which arcs were taken as the interface */
} Side;

static int
fit_side (const CliFitArgs *args, Side *s, const char *what)
{
  EisError err = { 0 };
  int ist = eis_import (s->path, &args->import, &s->df, &err);
  if (ist != EIS_OK)
    {
      char prefix[32];
      snprintf (prefix, sizeof prefix, "--%s: ", what);
      cli_import_error (prefix, &err);
      return cli_exit_for_import (ist);
    }
  cli_import_warnings (s->path, s->df);
  if (s->df->n_spectra == 0)
    {
      cli_error ("--%s: %s: no impedance spectrum in this file", what, s->path);
      return EXIT_INPUT;
    }
  if (s->df->n_spectra > 1)
    cli_warning ("--%s: %s holds %zu spectra; using the last one", what, s->path,
                 s->df->n_spectra);
  const EisSpectrum *sp = s->df->spectra[s->df->n_spectra - 1];
  int st = cli_fit_spectrum (args, sp, &s->fit, &err);
  if (st != EIS_OK)
    {
      cli_error ("--%s: %s", what, err.message);
      return st == EIS_ERR_NOMEM ? EXIT_INTERNAL
             : st == EIS_ERR_INVALID || st == EIS_ERR_PARSE ? EXIT_USAGE : EXIT_INPUT;
    }
  s->fitted = 1;
  eis_conductivity_interface (&s->fit.cond, &s->R_int, &s->R_int_se, s->how, sizeof s->how);
  if (!isfinite (s->R_int))
    {
      cli_error ("--%s: %s: no interface arc in the fitted circuit %s (try --circuit)", what,
                 s->path, eis_circuit_text (s->fit.circuit));
      return EXIT_FIT;
    }
  if (s->fit.fit->status != EIS_FIT_CONVERGED)
    {
      cli_warning ("--%s: %s: fit %s", what, s->path, s->fit.fit->message);
      return EXIT_FIT;
    }
  return EXIT_OK;
}

static void
render_text (CliBuf *b, const Side *bef, const Side *aft, const char *pol,
             const EisBVResult *r)
{
  cli_buf_printf (b, "Bruce-Vincent transference number\n");
  cli_buf_printf (b, "  before       %s\n               circuit %s\n               R0 = %.4g +- %.2g Ohm from %s\n",
                  bef->path, eis_circuit_text (bef->fit.circuit), r->R0_ohm, r->R0_se_ohm,
                  bef->how);
  cli_buf_printf (b, "               R_b = %.4g +- %.2g Ohm (%s)\n", r->Rb_ohm, r->Rb_se_ohm,
                  bef->fit.cond.bulk_source);
  cli_buf_printf (b, "  after        %s\n               circuit %s\n               Rss = %.4g +- %.2g Ohm from %s\n",
                  aft->path, eis_circuit_text (aft->fit.circuit), r->Rss_ohm, r->Rss_se_ohm,
                  aft->how);
  cli_buf_printf (b, "  polarization %s\n", pol);
  cli_buf_printf (b, "  dV   %.4g mV%s\n", 1e3 * r->dV_V,
                  r->dV_from_series ? " (from the voltage column)" : " (given)");
  cli_buf_printf (b, "  I0   %.5e +- %.2e A  (%s)\n", r->I0_A, r->I0_se_A,
                  eis_bv_i0_method_name (r->i0_method));
  cli_buf_printf (b, "       first point %.5e A", r->I0_first_A);
  if (isfinite (r->I0_extrap_A))
    cli_buf_printf (b, ", extrapolated %.5e A", r->I0_extrap_A);
  if (isfinite (r->I0_calc_A))
    cli_buf_printf (b, ", calculated dV/(R_b+R0) %.5e A", r->I0_calc_A);
  cli_buf_printf (b, "\n  Iss  %.5e +- %.2e A  (plateau from %.4g s, %zu points, drift %.3g %%/h)\n",
                  r->Iss_A, r->Iss_se_A, r->plateau_start_s, r->plateau_points,
                  100 * r->drift_per_h);
  cli_buf_printf (b, "  %s\n\n", r->method_text);
  char v1[64], v2[64], v3[64];
  cli_buf_printf (b, "  t+ = %s\n", eis_bv_format (v1, sizeof v1, r->t_plus, r->t_plus_se, 4, "+-"));
  cli_buf_printf (b, "  uncorrected ratio Iss/I0 = %s\n", eis_bv_format (v2, sizeof v2, r->ratio, r->ratio_se, 4, "+-"));
  if (isfinite (r->t_plus_calc))
    cli_buf_printf (b, "  t+ with the calculated I0 (Iss R_b/(dV - Iss Rss)) = %s\n",
                    eis_bv_format (v3, sizeof v3, r->t_plus_calc, r->t_plus_calc_se, 4, "+-"));
  if (r->n_messages == 0)
    cli_buf_printf (b, "  no warnings\n");
  for (size_t i = 0; i < r->n_messages; i++)
    cli_buf_printf (b, "  warning: %s\n", r->messages[i]);
}

static void
render_csv (CliBuf *b, const EisBVResult *r)
{
  cli_buf_printf (b, "t_plus,t_plus_stderr,ratio,ratio_stderr,t_plus_calculated,I0_A,I0_stderr_A,"
                  "i0_method,Iss_A,Iss_stderr_A,R0_Ohm,R0_stderr_Ohm,Rss_Ohm,Rss_stderr_Ohm,"
                  "Rb_Ohm,dV_V,warnings\n");
  double v[] = { r->t_plus, r->t_plus_se, r->ratio, r->ratio_se, r->t_plus_calc, r->I0_A,
                 r->I0_se_A };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    cli_buf_printf (b, i ? ",%.10g" : "%.10g", v[i]);
  cli_buf_printf (b, ",%s", eis_bv_i0_method_name (r->i0_method));
  double w[] = { r->Iss_A, r->Iss_se_A, r->R0_ohm, r->R0_se_ohm, r->Rss_ohm, r->Rss_se_ohm,
                 r->Rb_ohm, r->dV_V };
  for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
    if (isfinite (w[i]))
      cli_buf_printf (b, ",%.10g", w[i]);
    else
      cli_buf_printf (b, ",");
  cli_buf_printf (b, ",");
  int first = 1;
  for (unsigned k = 0; k < EIS_BV_N_WARN; k++)
    if (r->warnings & (1u << k))
      {
        cli_buf_printf (b, "%s%s", first ? "" : ";", eis_bv_warning_name (1u << k));
        first = 0;
      }
  cli_buf_printf (b, "\n");
}

static void
json_num (CliBuf *b, const char *key, double v)
{
  cli_buf_printf (b, ",\n  ");
  cli_buf_json_string (b, key);
  cli_buf_printf (b, ": ");
  cli_buf_json_number (b, v);
}

static void
json_str (CliBuf *b, const char *key, const char *v)
{
  cli_buf_printf (b, ",\n  ");
  cli_buf_json_string (b, key);
  cli_buf_printf (b, ": ");
  cli_buf_json_string (b, v);
}

static void
render_json (CliBuf *b, const Side *bef, const Side *aft, const char *pol,
             const EisBVResult *r)
{
  cli_buf_printf (b, "{\"t_plus\": ");
  cli_buf_json_number (b, r->t_plus);
  json_num (b, "t_plus_stderr", r->t_plus_se);
  json_num (b, "ratio", r->ratio);
  json_num (b, "ratio_stderr", r->ratio_se);
  json_num (b, "t_plus_calculated", r->t_plus_calc);
  json_num (b, "t_plus_calculated_stderr", r->t_plus_calc_se);
  json_num (b, "I0_A", r->I0_A);
  json_num (b, "I0_stderr_A", r->I0_se_A);
  json_str (b, "i0_method", eis_bv_i0_method_name (r->i0_method));
  json_num (b, "I0_first_A", r->I0_first_A);
  json_num (b, "I0_extrapolated_A", r->I0_extrap_A);
  json_num (b, "I0_calculated_A", r->I0_calc_A);
  json_num (b, "Iss_A", r->Iss_A);
  json_num (b, "Iss_stderr_A", r->Iss_se_A);
  json_num (b, "drift_per_h", r->drift_per_h);
  json_num (b, "R0_Ohm", r->R0_ohm);
  json_num (b, "R0_stderr_Ohm", r->R0_se_ohm);
  json_num (b, "Rss_Ohm", r->Rss_ohm);
  json_num (b, "Rss_stderr_Ohm", r->Rss_se_ohm);
  json_num (b, "Rb_Ohm", r->Rb_ohm);
  json_num (b, "Rb_stderr_Ohm", r->Rb_se_ohm);
  json_num (b, "dV_V", r->dV_V);
  cli_buf_printf (b, ",\n  \"dV_from_series\": %s", r->dV_from_series ? "true" : "false");
  json_str (b, "before", bef->path);
  json_str (b, "before_circuit", eis_circuit_text (bef->fit.circuit));
  json_str (b, "R0_from", bef->how);
  json_str (b, "after", aft->path);
  json_str (b, "after_circuit", eis_circuit_text (aft->fit.circuit));
  json_str (b, "Rss_from", aft->how);
  json_str (b, "polarization", pol);
  json_str (b, "method", r->method_text);
  cli_buf_printf (b, ",\n  \"warnings\": [");
  int first = 1;
  for (unsigned k = 0; k < EIS_BV_N_WARN; k++)
    if (r->warnings & (1u << k))
      {
        cli_buf_printf (b, first ? "" : ", ");
        cli_buf_json_string (b, eis_bv_warning_name (1u << k));
        first = 0;
      }
  cli_buf_printf (b, "],\n  \"warning_messages\": [");
  for (size_t i = 0; i < r->n_messages; i++)
    {
      cli_buf_printf (b, i ? ", " : "");
      cli_buf_json_string (b, r->messages[i]);
    }
  cli_buf_printf (b, "]}\n");
}

enum { OPT_POL = 2000, OPT_BEFORE, OPT_AFTER, OPT_VOLTAGE, OPT_I0 };

typedef struct {
  const char *pol, *before, *after;
  EisBVInput *in;
} TransferenceState;

static int
transference_option (int opt, const char *arg, void *data)
{
  TransferenceState *st = data;
  switch (opt)
    {
    case OPT_POL:
      st->pol = arg;
      return CLI_OPT_OK;
    case OPT_BEFORE:
      st->before = arg;
      return CLI_OPT_OK;
    case OPT_AFTER:
      st->after = arg;
      return CLI_OPT_OK;
    case OPT_VOLTAGE:
      if (parse_voltage (arg, &st->in->dV_V) != 0)
        {
          cli_error ("--voltage: \"%s\": expected a voltage such as 10mV or 0.01V", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_I0:
      if (strcmp (arg, "extrapolated") == 0)
        st->in->i0_method = EIS_BV_I0_EXTRAPOLATED;
      else if (strcmp (arg, "first") == 0 || strcmp (arg, "first-point") == 0)
        st->in->i0_method = EIS_BV_I0_FIRST;
      else if (strcmp (arg, "calculated") == 0)
        st->in->i0_method = EIS_BV_I0_CALCULATED;
      else
        {
          cli_error ("--i0: \"%s\": expected extrapolated, first or calculated", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case 'h':
      usage (stdout);
      return CLI_OPT_DONE;
    default:
      return CLI_OPT_BAD;
    }
}

int
eisfit_cmd_transference (int argc, char **argv)
{
  CliFitArgs args;
  cli_fit_args_init (&args);
  Side bef = { 0 }, aft = { 0 };
  EisBVInput in;
  eis_bv_input_init (&in);

  static const struct option own[] = {
    { "polarization", required_argument, NULL, OPT_POL },
    { "before", required_argument, NULL, OPT_BEFORE },
    { "after", required_argument, NULL, OPT_AFTER },
    { "voltage", required_argument, NULL, OPT_VOLTAGE },
    { "i0", required_argument, NULL, OPT_I0 },
    { "help", no_argument, NULL, 'h' },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  TransferenceState opt = { NULL, NULL, NULL, &in };
  int pr = cli_parse_command_line (argc, argv, "c:f:o:h", own, sizeof own / sizeof own[0],
                                   CLI_OPTS_OUTPUT | CLI_OPTS_INPUT | CLI_OPTS_FIT, &args, &oa,
                                   NULL, transference_option, &opt, "transference");
  if (pr != 0)
    return pr < 0 ? EXIT_OK : pr;
  CliFormat format = oa.format;
  const char *output = oa.output, *plot = oa.plot, *pol_path = opt.pol;
  int force = oa.force;
  bef.path = opt.before;
  aft.path = opt.after;
  if (args.n_circuits > 1)
    {
      cli_error ("--circuit given %zu times: eisfit %s uses one circuit (compare circuits with "
                 "eisfit FILE -c A -c B)", args.n_circuits, "transference");
      return EXIT_USAGE;
    }
  if (cli_fit_args_finish (&args) != 0)
    return EXIT_USAGE;
  if (pol_path == NULL || bef.path == NULL || aft.path == NULL)
    {
      cli_error ("missing %s (try 'eisfit transference --help')",
                 pol_path == NULL ? "--polarization FILE"
                 : bef.path == NULL ? "--before FILE" : "--after FILE");
      return EXIT_USAGE;
    }
  if (optind < argc)
    {
      cli_error ("unexpected argument \"%s\": the files are given with --polarization, "
                 "--before and --after", argv[optind]);
      return EXIT_USAGE;
    }
  const char *inputs[3] = { pol_path, bef.path, aft.path };
  if (cli_check_outputs (output, plot, inputs, 3) != 0)
    return EXIT_USAGE;

  int rc = EXIT_OK;
  EisDataFile *pol = NULL;
  EisError err = { 0 };
  EisBVResult res;
  memset (&res, 0, sizeof res);
  CliBuf out = { 0 };

  int pst = eis_import (pol_path, &args.import, &pol, &err);
  if (pst != EIS_OK)
    {
      cli_import_error ("--polarization: ", &err);
      rc = cli_exit_for_import (pst);
      goto done;
    }
  cli_import_warnings (pol_path, pol);
  if (pol->n_series == 0)
    {
      cli_error ("--polarization: %s: no DC time series (time and current columns) in this file",
                 pol_path);
      rc = EXIT_INPUT;
      goto done;
    }
  int r1 = fit_side (&args, &bef, "before");
  int r2 = fit_side (&args, &aft, "after");
  if ((r1 != EXIT_OK && r1 != EXIT_FIT) || (r2 != EXIT_OK && r2 != EXIT_FIT)
      || !isfinite (bef.R_int) || !isfinite (aft.R_int))
    {
      rc = r1 > r2 ? r1 : r2;
      goto done;
    }
  rc = r1 > r2 ? r1 : r2;

  in.R0_ohm = bef.R_int;
  in.R0_se_ohm = bef.R_int_se;
  in.Rss_ohm = aft.R_int;
  in.Rss_se_ohm = aft.R_int_se;
  in.Rb_ohm = bef.fit.cond.R_bulk;
  in.Rb_se_ohm = bef.fit.cond.R_bulk_se;
  if (eis_bv_run (pol->series[0], &in, &res, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);   /* the engine names the series */
      rc = EXIT_INPUT;
      goto done;
    }

  switch (format)
    {
    case CLI_FORMAT_CSV: render_csv (&out, &res); break;
    case CLI_FORMAT_JSON: render_json (&out, &bef, &aft, pol_path, &res); break;
    default: render_text (&out, &bef, &aft, pol_path, &res); break;
    }
  if (plot)
    {
      const EisSeries *s = pol->series[0];
      /* the spectra before and after the hold, with their fits, beside the current */
      const EisSpectrum *sp[2] = { NULL, NULL };
      const EisFitResult *fr[2] = { NULL, NULL };
      const Side *sides[2] = { &bef, &aft };
      for (int k = 0; k < 2; k++)
        if (sides[k]->fitted && sides[k]->df && sides[k]->df->n_spectra > 0)
          {
            sp[k] = sides[k]->df->spectra[sides[k]->df->n_spectra - 1];
            fr[k] = sides[k]->fit.fit;
          }
      EisPlotTrace tt[4];
      size_t nt = cli_before_after_traces (sp, fr, tt);
      EisPlotTransference p = { s->n, s->time_s, s->current_a, res.I0_A, res.I0_calc_A,
                                res.Iss_A, res.plateau_start_s, res.dV_V, res.t_plus,
                                res.t_plus_se, "Bruce-Vincent polarization", tt, nt };
      /* The series may hold negative (cathodic) currents; plot them as measured. */
      if (eis_plot_to_file (plot, 1300, 650, eis_plot_draw_transference, &p, force, &err)
          != EIS_OK)
        {
          cli_error ("--plot: %s", err.message);
          if (rc < EXIT_OUTPUT)
            rc = EXIT_OUTPUT;
        }
      else if (format == CLI_FORMAT_TEXT)
        cli_buf_printf (&out, "  plot written to %s\n", plot);
    }
  if (cli_write_file_atomic (output, out.data ? out.data : "", out.len, force, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);
      rc = EXIT_OUTPUT;
    }

done:
  cli_buf_free (&out);
  if (bef.fitted)
    cli_fit_outcome_clear (&bef.fit);
  if (aft.fitted)
    cli_fit_outcome_clear (&aft.fit);
  eis_data_file_free (bef.df);
  eis_data_file_free (aft.df);
  eis_data_file_free (pol);
  return rc;
}
