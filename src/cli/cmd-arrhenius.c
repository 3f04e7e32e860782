/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `eisfit arrhenius FILE[@T]...`: fit each spectrum of a temperature series, take the bulk
 * and total conductivities and fit their temperature dependence: Arrhenius in the sigma and
 * sigma*T forms and, on request, Vogel-Tammann-Fulcher (see src/core/arrhenius.h). */
#include <config.h>
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "report.h"
#include "series-input.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "arrhenius.h"
#include "import.h"
#include "plot.h"
#include "series.h"
#include "series-arrhenius.h"

#define KELVIN_0C 273.15

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit arrhenius [OPTIONS] FILE[@TEMP]...\n"
           "Fit every spectrum of a temperature series, take sigma_bulk and sigma_total (the\n"
           "pellet geometry is required) and fit ln sigma = ln A - Ea/kT and ln sigma T =\n"
           "ln A - Ea/kT to both: Ea in eV with its standard error, ln A, R2 and sigma at 25 degC.\n"
           "Temperature of each file, first found: FILE@25C (or @298K, @-20C) on the command\n"
           "line, the --series manifest, the file's metadata, the file name (T25C, 25C, 298K,\n"
           "m20C).\n\n"
           "Analysis:\n"
           "      --form F           sigma (default) or sigmaT: the form reported first\n"
           "      --at T             interpolate sigma at T (default 25C; also 298.15K)\n"
           "      --vtf              also fit Vogel-Tammann-Fulcher (needs >= 4 points)\n"
           "      --series FILE      CSV manifest: columns file, temperature (degC) or T_K,\n"
           "                         optional thickness and area (as --thickness, --area);\n"
           "                         without FILE arguments, every file it lists is used\n\n"
           "%s%s%s"
           "Output:\n"
           "  -f, --format FMT       text (default), csv (one row per point) or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw the Arrhenius plot to FILE.png/.svg/.pdf\n"
           "  -q, --quiet            no warnings on standard error\n"
           "  -j, --jobs N           accepted as for eisfit fit; the series is fitted in\n"
           "                         order, each spectrum from its neighbour, on one thread\n"
           "  -h, --help             this help\n\n"
           "Exit status: 0 ok, 1 usage, 2 unreadable input or a file without temperature,\n"
           "3 a fit did not converge, 4 output not written, 5 internal error.\n",
           cli_fit_options_help, cli_range_options_help, cli_input_options_help);
}

/* ---- points ---- */

typedef struct {
  const char *file;
  int spectrum;
  double T_K;
  const char *T_source;   /* "command line", "series manifest", "metadata", "file name" */
  const EisFitResult *fit;          /* of the series fit: one circuit for all points */
  const EisConductivity *cond;
  int fitted;
  int used;               /* converged, with a conductivity: a point of the regression */
  int used_bulk;          /* and its bulk resistance determined by this spectrum */
  size_t order;           /* position on the command line */
  int branch;             /* EIS_BRANCH_*: heating or cooling, where the series has both */
} Point;


typedef struct {
  EisArrheniusFit fit[2];     /* [EisArrheniusForm] */
  int ok[2];
  EisVTFFit vtf;
  int vtf_ok;
  char vtf_why[1024];
  char why[2][1024];
} SeriesFit;

/* The common geometry error G (relative) into the prefactor and sigma(T_ref) of both forms. */
static void
add_geometry_error (SeriesFit *sf, double g)
{
  for (int f = 0; f < 2; f++)
    if (sf->ok[f])
      eis_arrhenius_add_geometry_error (&sf->fit[f], g);
}

static void
fit_series (const double *T, const double *s, const double *se, size_t n, double T_ref,
            int vtf, SeriesFit *out)
{
  memset (out, 0, sizeof *out);
  for (int f = 0; f < 2; f++)
    {
      EisError err = { 0 };
      out->ok[f] = eis_arrhenius_fit (T, s, se, n, (EisArrheniusForm) f, T_ref, &out->fit[f],
                                      &err) == EIS_OK;
      if (!out->ok[f])
        snprintf (out->why[f], sizeof out->why[f], "%s", err.message);
    }
  if (vtf)
    {
      EisError err = { 0 };
      out->vtf_ok = eis_vtf_fit (T, s, se, n, T_ref, &out->vtf, &err) == EIS_OK;
      if (!out->vtf_ok)
        snprintf (out->vtf_why, sizeof out->vtf_why, "%s", err.message);
    }
}

static void
text_series (CliBuf *b, const char *what, const SeriesFit *sf, int first_form, double T_ref,
             int vtf)
{
  cli_buf_printf (b, "\n%s conductivity\n", what);
  cli_buf_printf (b, "  %-8s %-20s %-16s %-8s sigma(%.2f degC) S/cm\n", "form", "Ea eV",
                  "ln A", "R2", T_ref - KELVIN_0C);
  for (int k = 0; k < 2; k++)
    {
      int f = k == 0 ? first_form : 1 - first_form;
      const EisArrheniusFit *a = &sf->fit[f];
      if (!sf->ok[f])
        {
          cli_buf_printf (b, "  %-8s not fitted: %s\n",
                          eis_arrhenius_form_name ((EisArrheniusForm) f), sf->why[f]);
          continue;
        }
      char ea[64], la[64];
      if (isfinite (a->Ea_se_eV))
        {
          int dec = eis_arrhenius_ea_decimals (a->Ea_se_eV);
          if (a->Ea_se_eV < 0.5e-6)   /* 0.000000 at six decimals: significant digits */
            snprintf (ea, sizeof ea, "%.4g +- %.2g", a->Ea_eV, a->Ea_se_eV);
          else
            snprintf (ea, sizeof ea, "%.*f +- %.*f", dec, a->Ea_eV, dec, a->Ea_se_eV);
        }
      else
        snprintf (ea, sizeof ea, "%.4f (no error)", a->Ea_eV);
      if (isfinite (a->ln_A_se))
        snprintf (la, sizeof la, "%.3f +- %.3f", a->ln_A, a->ln_A_se);
      else
        snprintf (la, sizeof la, "%.3f", a->ln_A);
      /* R2 is undefined when every sigma is the same: "-", not nan */
      char r2[32];
      if (isfinite (a->r2))
        snprintf (r2, sizeof r2, "%.5f", a->r2);
      else
        snprintf (r2, sizeof r2, "-");
      /* a sigma beyond a double (the core gives NAN) is no 0 +- 0 */
      char sg[64];
      if (!isfinite (a->sigma_ref))
        snprintf (sg, sizeof sg, "not given: exp(ln sigma) is beyond a double");
      else
        snprintf (sg, sizeof sg, "%.4e +- %.2e", a->sigma_ref, a->sigma_ref_se);
      cli_buf_printf (b, "  %-8s %-20s %-16s %-8s %s\n",
                      eis_arrhenius_form_name ((EisArrheniusForm) f), ea, la, r2, sg);
    }
  for (int f = 0; f < 2; f++)
    if (sf->ok[f] && sf->fit[f].n == 2)
      {
        cli_buf_printf (b, "  (two temperatures: the line passes through both points, so R2 = 1 "
                        "says nothing about how well the law holds, and the errors of Ea and "
                        "ln A are from the fits' errors of the two points alone, not from any "
                        "scatter about the line)\n");
        break;
      }
  if (vtf)
    {
      if (!sf->vtf_ok)
        cli_buf_printf (b, "  VTF      not fitted: %s\n", sf->vtf_why);
      else
        {
          const EisVTFFit *v = &sf->vtf;
          char t0[64];
          if (isfinite (v->T0_se_K))
            snprintf (t0, sizeof t0, "T0 %.4g +- %.2g K", v->T0_K, v->T0_se_K);
          else
            snprintf (t0, sizeof t0, "T0 %.4g K (not determined)", v->T0_K);
          /* sigma at T_ref as the Arrhenius rows say it: a value, or "not given: why" */
          char sg[160];
          if (isfinite (v->sigma_ref) && isfinite (v->sigma_ref_se))
            snprintf (sg, sizeof sg, "sigma %.4e +- %.2e S/cm", v->sigma_ref, v->sigma_ref_se);
          else if (isfinite (v->sigma_ref))
            snprintf (sg, sizeof sg, "sigma %.4e S/cm", v->sigma_ref);
          else if (!(v->T_ref_K > v->T0_K))
            snprintf (sg, sizeof sg, "sigma not given: T_ref %.2f K is at or below T0 = %.4g K, "
                      "where the VTF law does not hold", v->T_ref_K, v->T0_K);
          else
            snprintf (sg, sizeof sg, "sigma not given: exp(ln sigma) is beyond a double");
          cli_buf_printf (b, "  VTF      Ea %.4f +- %.4f eV (B %.4g +- %.2g K), %s, "
                          "ln A %.3f, R2 %.5f, %s%s\n", v->Ea_eV, v->Ea_se_eV,
                          v->B_K, v->B_se_K, t0, v->ln_A, v->r2, sg,
                          v->converged ? "" : " (not converged)");
          if (v->note[0])
            cli_buf_printf (b, "           (%s)\n", v->note);
        }
    }
}

static void
json_fit (CliBuf *b, const SeriesFit *sf, int f)
{
  const EisArrheniusFit *a = &sf->fit[f];
  if (!sf->ok[f])
    {
      cli_buf_printf (b, "null");
      return;
    }
  cli_buf_json_member_string (b, "{", "form", eis_arrhenius_form_name ((EisArrheniusForm) f));
  cli_buf_json_member_number (b, ", ", "Ea_eV", a->Ea_eV);
  cli_buf_json_member_number (b, ", ", "Ea_stderr_eV", a->Ea_se_eV);
  cli_buf_json_member_number (b, ", ", "ln_prefactor", a->ln_A);
  cli_buf_json_member_number (b, ", ", "ln_prefactor_stderr", a->ln_A_se);
  cli_buf_json_member_number (b, ", ", "r2", a->r2);
  cli_buf_json_member_number (b, ", ", "sigma_at_25C",
                              eis_arrhenius_sigma_at (a, EIS_T_REF_DEFAULT_K));
  cli_buf_json_member_number (b, ", ", "T_ref_K", a->T_ref_K);
  cli_buf_json_member_number (b, ", ", "sigma_at_ref", a->sigma_ref);
  cli_buf_json_member_number (b, ", ", "sigma_at_ref_stderr", a->sigma_ref_se);
  cli_buf_printf (b, ", \"weighted\": %s, \"n\": %zu}", a->weighted ? "true" : "false", a->n);
}

static void
json_vtf (CliBuf *b, const SeriesFit *sf, int vtf)
{
  if (!vtf || !sf->vtf_ok)
    {
      cli_buf_printf (b, "null");
      return;
    }
  const EisVTFFit *v = &sf->vtf;
  const char *k[] = { "A", "A_stderr", "ln_prefactor", "B_K", "B_stderr_K", "T0_K",
                      "T0_stderr_K", "Ea_eV", "Ea_stderr_eV", "r2", "sigma_at_ref",
                      "sigma_at_ref_stderr" };
  double x[] = { v->A, v->A_se, v->ln_A, v->B_K, v->B_se_K, v->T0_K, v->T0_se_K, v->Ea_eV,
                 v->Ea_se_eV, v->r2, v->sigma_ref, v->sigma_ref_se };
  cli_buf_printf (b, "{\"converged\": %s", v->converged ? "true" : "false");
  for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
    {
      cli_buf_printf (b, ", ");
      cli_buf_json_string (b, k[i]);
      cli_buf_printf (b, ": ");
      cli_buf_json_number (b, x[i]);
    }
  cli_buf_printf (b, "}");
}

static void
set_plot_series (EisPlotArrheniusSeries *p, const char *label, int color, size_t n,
                 const double *T, const double *s, const double *se, const SeriesFit *sf,
                 int form, int vtf)
{
  memset (p, 0, sizeof *p);
  p->n = n;
  p->temp_k = T;
  p->sigma = s;
  p->sigma_err = se;
  p->label = label;
  p->color = color;
  if (sf->ok[form])
    {
      p->has_fit = 1;
      p->ea_ev = sf->fit[form].Ea_eV;
      p->ea_err_ev = sf->fit[form].Ea_se_eV;
      p->ln_prefactor = sf->fit[form].ln_A;
    }
  if (vtf && sf->vtf_ok)
    {
      p->has_vtf = 1;
      p->vtf_a = sf->vtf.A;
      p->vtf_b_k = sf->vtf.B_K;
      p->vtf_t0_k = sf->vtf.T0_K;
    }
}

/* A global law's Ea, ln A and sigma(25 C) with their errors, the first member after SEP. */
static void
json_global_law (CliBuf *b, const char *sep, const EisGlobalLawFit *L)
{
  cli_buf_json_member_number (b, sep, "Ea_eV", L->Ea_eV);
  cli_buf_json_member_number (b, ", ", "Ea_stderr_eV", L->Ea_se_eV);
  cli_buf_json_member_number (b, ", ", "ln_prefactor", L->ln_A);
  cli_buf_json_member_number (b, ", ", "ln_prefactor_stderr", L->ln_A_se);
  cli_buf_json_member_number (b, ", ", "sigma_at_25C", L->sigma_25C);
}

static void
json_global (CliBuf *b, const EisGlobalFit *g, const EisSeriesFit *sf, int vtf)
{
  const EisGlobalLawFit *L = &g->laws[0];
  cli_buf_json_member_string (b, "{", "form", vtf ? "vtf" : eis_arrhenius_form_name (g->form));
  json_global_law (b, ", ", L);
  cli_buf_json_member_number (b, ", ", "T_ref_K", g->T_ref_K);
  cli_buf_json_member_number (b, ", ", "sigma_at_ref", L->sigma_ref);
  cli_buf_json_member_number (b, ", ", "sigma_at_ref_stderr", L->sigma_ref_se);
  if (vtf)
    {
      cli_buf_json_member_number (b, ", ", "B_K", L->B_K);
      cli_buf_json_member_number (b, ", ", "T0_K", L->T0_K);
    }
  cli_buf_json_member_string (b, ", ", "bulk_parameter",
                              eis_circuit_param_name (sf->circuit, (size_t) L->param));
  cli_buf_printf (b, ", \"converged\": %s, \"reduced_chi2\": ", g->converged ? "true" : "false");
  cli_buf_json_number (b, g->reduced_chi2);
  cli_buf_printf (b, ", \"shared\": [");
  int first = 1;
  for (size_t k = 0; k < g->n_params; k++)
    if (g->shared[k])
      {
        char nm[96];
        /* the Q of an arc shared through its C_eff */
        snprintf (nm, sizeof nm, "%s%s", eis_circuit_param_name (sf->circuit, k),
                  g->shared[k] == 2 ? "_Ceff" : "");
        cli_buf_printf (b, first ? "" : ", ");
        cli_buf_json_string (b, nm);
        first = 0;
      }
  cli_buf_printf (b, "]");
  if (g->n_laws > 1)
    {
      const EisGlobalLawFit *G = &g->laws[1];
      cli_buf_printf (b, ", \"grain_boundary\": ");
      json_global_law (b, "{", G);
      /* as the bulk's, the text's and the CSV's global_gb row (tester 8's D) */
      cli_buf_json_member_number (b, ", ", "sigma_at_ref", G->sigma_ref);
      cli_buf_json_member_number (b, ", ", "sigma_at_ref_stderr", G->sigma_ref_se);
      cli_buf_printf (b, "}");
    }
  cli_buf_printf (b, "}");
}

enum { OPT_FORM = 2000, OPT_AT, OPT_VTF, OPT_SERIES, OPT_GLOBAL, OPT_SHARED };

typedef struct {
  int first_form, vtf;
  double T_ref;
  const char *series;
  int global;
  char *shared[32];
  size_t n_shared;
  int jobs;
} ArrheniusState;

static int
arrhenius_option (int opt, const char *arg, void *data)
{
  ArrheniusState *st = data;
  switch (opt)
    {
    case OPT_FORM:
      if (strcmp (arg, "sigma") == 0)
        st->first_form = EIS_ARRHENIUS_SIGMA;
      else if (strcmp (arg, "sigmaT") == 0)
        st->first_form = EIS_ARRHENIUS_SIGMA_T;
      else
        {
          cli_error ("--form: \"%s\": expected sigma or sigmaT", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_AT:
      /* as the spectra's temperatures: 1 to 5000 K (1e300K is a slip) */
      if (cli_parse_temperature_warn (arg, "--at ", &st->T_ref) != 0
          || !(st->T_ref >= 1 && st->T_ref <= 5000))
        {
          cli_error ("--at: \"%s\": expected a temperature from 1 to 5000 K, such as 25C or "
                     "298.15K", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_VTF:
      st->vtf = 1;
      return CLI_OPT_OK;
    case OPT_SERIES:
      st->series = arg;
      return CLI_OPT_OK;
    case OPT_GLOBAL:
      st->global = 1;
      return CLI_OPT_OK;
    case 'q':
      cli_quiet = 1;
      return CLI_OPT_OK;
    case 'j':
      return cli_parse_jobs (arg, &st->jobs) == 0 ? CLI_OPT_OK : CLI_OPT_BAD;
    case OPT_SHARED:
      if (cli_shared_parse (arg, st->shared, &st->n_shared,
                            sizeof st->shared / sizeof st->shared[0]) != 0
          || cli_shared_refuse_resistance (st->shared, st->n_shared, NULL) != 0)
        return CLI_OPT_BAD;
      return CLI_OPT_OK;
    case 'h':
      usage (stdout);
      return CLI_OPT_DONE;
    default:
      return CLI_OPT_BAD;
    }
}

/* How far 1/T_REF lies outside the 1/T of the N temperatures T [K], in spans of them: 0
 * inside, NAN when they span less than a fit needs (EIS_ARRHENIUS_MIN_SPAN_K: no sigma at
 * T_REF to call extrapolated); the range in degC into LO_C, HI_C. */
static double
extrapolated_spans (const double *T, size_t n, double T_ref, double *lo_C, double *hi_C)
{
  double xmin = INFINITY, xmax = -INFINITY, xr = 1.0 / T_ref;
  for (size_t i = 0; i < n; i++)
    xmin = fmin (xmin, 1.0 / T[i]), xmax = fmax (xmax, 1.0 / T[i]);
  *lo_C = 1.0 / xmax - KELVIN_0C;
  *hi_C = 1.0 / xmin - KELVIN_0C;
  double span = xmax - xmin, dist = xr < xmin ? xmin - xr : xr > xmax ? xr - xmax : 0;
  return span > 0 && *hi_C - *lo_C >= EIS_ARRHENIUS_MIN_SPAN_K ? dist / span : NAN;
}

/* The N numbers V as CSV cells, each after a comma, an unknown one an empty cell (never nan),
 * and the line's end. */
static void
csv_cells (CliBuf *b, const double *v, size_t n)
{
  for (size_t q = 0; q < n; q++)
    if (isfinite (v[q]))
      cli_buf_printf (b, ",%.10g", v[q]);
    else
      cli_buf_printf (b, ",");
  cli_buf_printf (b, "\n");
}

int
eisfit_cmd_arrhenius (int argc, char **argv)
{
  CliFitArgs args;
  cli_fit_args_init (&args);
  static const struct option own[] = {
    { "form", required_argument, NULL, OPT_FORM },
    { "at", required_argument, NULL, OPT_AT },
    { "vtf", no_argument, NULL, OPT_VTF },
    { "series", required_argument, NULL, OPT_SERIES },
    { "global", no_argument, NULL, OPT_GLOBAL },
    { "shared", required_argument, NULL, OPT_SHARED },
    { "quiet", no_argument, NULL, 'q' },
    { "jobs", required_argument, NULL, 'j' },
    { "help", no_argument, NULL, 'h' },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  ArrheniusState opt = { EIS_ARRHENIUS_SIGMA, 0, EIS_T_REF_DEFAULT_K, NULL, 0, { NULL }, 0, 1 };
  int pr = cli_parse_command_line (argc, argv, "c:f:o:j:qh", own, sizeof own / sizeof own[0],
                                   CLI_OPTS_OUTPUT | CLI_OPTS_INPUT | CLI_OPTS_FIT, &args, &oa,
                                   NULL, arrhenius_option, &opt, "arrhenius");
  CliFormat format = oa.format;
  const char *output = oa.output, *plot = oa.plot, *series = opt.series;
  int force = oa.force, vtf = opt.vtf, first_form = opt.first_form;
  double T_ref = opt.T_ref;
  if (pr == 0 && args.n_circuits > 1)
    {
      cli_error ("--circuit given %zu times: eisfit %s uses one circuit (compare circuits with "
                 "eisfit FILE -c A -c B)", args.n_circuits, "arrhenius");
      pr = EXIT_USAGE;
    }
  if (pr == 0 && cli_fit_args_finish (&args) != 0)
    pr = EXIT_USAGE;
  if (pr != 0)
    {
      for (size_t q = 0; q < opt.n_shared; q++)
        free (opt.shared[q]);
      return pr < 0 ? EXIT_OK : pr;
    }

  size_t n = 0, np = 0;
  Point *pt = NULL;
  int *branch = NULL;
  CliBuf out = { 0 };
  EisGlobalFit *gf = NULL;
  /* One circuit for the whole series, fitted from the coldest to the hottest spectrum; then
   * step one of the two-step analysis: what the series fit held in some spectra (the
   * capacitance of an arc that left the window, the leads at low temperature), the whole
   * series determines in one joint fit without a temperature law; each spectrum keeps its
   * own resistances, with errors that include the shared parameters'. */
  CliSeriesSetup sup = {
    .command = "arrhenius", .manifest = series, .need_T = 1, .need_geom = 1,
    .output = output, .plot = plot, .by = EIS_SERIES_BY_TEMPERATURE,
    .shared = (const char *const *) opt.shared, .n_shared = opt.n_shared,
    .joint_what = "the joint fit of the series (shared capacitances)",
  };
  CliSeriesRun run;
  int rc = cli_series_run (&run, argc, argv, optind, &args, &sup);
  if (!run.reportable)
    goto done;
  CliSeriesInput *in = &run.in;
  EisSeriesFitOptions *so = &run.so;
  /* Arrhenius inside the fit: one joint problem over the whole series; then the alternative
   * of a lead resistance shared by all temperatures, which replaces the series' fits when the
   * data ask for it (before anything is reported from them). */
  EisSeriesLeadsTest leads;
  eis_series_leads_test_init (&leads);
  char global_why[sizeof ((EisError *) 0)->message] = "";
  if (opt.global && rc == EXIT_OK)
    {
      EisGlobalOptions go;
      eis_global_options_init (&go);
      go.law = vtf ? EIS_GLOBAL_VTF : EIS_GLOBAL_ARRHENIUS;
      go.form = (EisArrheniusForm) first_form;
      go.T_ref_K = T_ref;
      go.shared = (const char *const *) opt.shared;
      go.n_shared = opt.n_shared;
      go.share_held = 1;
      EisError err = { 0 };
      int gst = eis_series_global_fit (&in->series, so, run.sf, &go, &gf, &err);
      if (gst != EIS_OK)
        {
          /* the two-step results stand: they are reported, with why there is no global
           * fit */
          cli_error ("--global: %s", err.message);
          rc = gst == EIS_ERR_NOMEM ? EXIT_INTERNAL : gst == EIS_ERR_INVALID ? EXIT_USAGE
               : EXIT_FIT;
          eis_global_fit_free (gf);
          gf = NULL;
          snprintf (global_why, sizeof global_why, "%s", err.message);
        }
      else if (eis_series_leads_test (&in->series, so, (const char *const *) opt.shared,
                                 opt.n_shared, &go, &run.sf, &run.joint, &gf, &leads, &err)
          != EIS_OK)
        {
          cli_error ("--global: %s", err.message);
          rc = EXIT_INTERNAL;
          goto done;
        }
    }
  const EisSeriesFit *sf = run.sf;
  n = in->series.n;
  pt = cli_xmalloc (n * sizeof *pt);
  char *no_bulk = NULL;
  size_t n_no_bulk = 0;
  /* heating and cooling: where the start times (or the order of the files) show the
   * temperature reverse, each spectrum's branch */
  branch = cli_xmalloc ((n ? n : 1) * sizeof *branch);
  int by_time = 0;
  int branches = eis_series_temperature_branches (&in->series, branch, &by_time);
  for (size_t i = 0; i < n; i++)
    {
      const EisSeriesItem *it = &in->series.items[i];
      Point *p = &pt[i];
      p->file = it->file;
      p->spectrum = it->number;
      p->T_K = it->T_K;
      p->T_source = it->T_source;
      p->fit = sf->fits[i];
      p->cond = &sf->cond[i];
      p->fitted = p->fit != NULL;
      p->order = i;
      p->branch = branch[i];
      if (!p->fitted)
        {
          cli_warning ("%s: spectrum %d could not be fitted; point left out", p->file,
                       p->spectrum);
          if (rc < EXIT_FIT)
            rc = EXIT_FIT;
          continue;
        }
      if (p->fit->status != EIS_FIT_CONVERGED)
        {
          cli_warning ("%s: fit: %s", p->file, p->fit->message);
          cli_warning ("%s: the fit did not converge; point left out", p->file);
          if (rc < EXIT_FIT)
            rc = EXIT_FIT;
        }
      else if (sf->jump[i])
        cli_warning ("%s: point left out: with the series circuit %s a resistance of this "
                     "spectrum leaves the smooth course of its neighbours (below: which, and by "
                     "how much); fit the file alone (eisfit %s) to see whether it wants another "
                     "circuit, or give one with --circuit", p->file,
                     eis_circuit_text (sf->circuit), p->file);
      else if (!sf->ok[i])
        cli_warning ("%s: point left out: the series circuit %s is not converged, determined "
                     "and admissible here (below: why); fit the file alone (eisfit %s), or give "
                     "a circuit with --circuit", p->file, eis_circuit_text (sf->circuit),
                     p->file);
      else if ((isfinite (p->cond->sigma_bulk) && p->cond->sigma_bulk > 0)
               || (isfinite (p->cond->sigma_total) && p->cond->sigma_total > 0))
        {
          p->used = 1;
          np++;
          /* A bulk resistance held on the course of its neighbours (two arcs beyond the
           * range, only their sum measured) carries no information of its own. */
          size_t P = eis_circuit_n_params (sf->circuit);
          int held = 0;
          for (size_t k = 0; k < p->cond->n_arcs; k++)
            if ((p->cond->arcs[k].role == EIS_ROLE_BULK
                 || p->cond->arcs[k].role == EIS_ROLE_INTERCEPT)
                && p->cond->arcs[k].r_index >= 0 && sf->held[i * P + p->cond->arcs[k].r_index])
              held = 1;
          if (held)
            cli_warning ("%s: the bulk resistance is not determined by this spectrum alone "
                         "(held on the course of its neighbours); left out of the two-step "
                         "bulk fit (--global binds it to the law)", p->file);
          else if (isfinite (p->cond->sigma_bulk) && p->cond->sigma_bulk > 0)
            p->used_bulk = 1;
          else if (p->cond->split_ambiguous && !p->cond->intercept_total)
            cli_warning ("%s: bulk and grain boundary not separated in this spectrum (as its "
                         "single fit says; see below): no sigma_bulk, left out of the bulk law, "
                         "its sigma_total in the total's", p->file);
          else
            {
              /* one warning for all such spectra (a gel's eleven said the same eleven times) */
              size_t o = no_bulk ? strlen (no_bulk) : 0, l = strlen (p->file);
              char *nb = realloc (no_bulk, o + l + 3);
              if (nb)
                {
                  if (o)
                    memcpy (nb + o, ", ", 2), o += 2;
                  memcpy (nb + o, p->file, l + 1);
                  no_bulk = nb;
                  n_no_bulk++;
                }
            }
        }
      else
        cli_warning ("%s: no conductivity from the fit; point left out", p->file);
      if (sf->changes[i] && sf->changes[i][0])
        cli_warning ("%s: %s", p->file, sf->changes[i]);
    }
  if (no_bulk)
    cli_warning ("%s: no bulk conductivity from the fit (%zu spectr%s); left out of the bulk "
                 "fit, sigma_total in the total's", no_bulk, n_no_bulk,
                 n_no_bulk == 1 ? "um" : "a");
  free (no_bulk);
  for (size_t w = 0; w < sf->n_notes; w++)
    cli_note ("%s", sf->notes[w]);
  for (size_t w = 0; w < sf->n_warnings; w++)
    cli_warning ("%s", sf->warnings[w]);
  size_t n_bulk = 0, n_tot = 0, n_icpt = 0;
  for (size_t i = 0; i < n; i++)
    {
      n_bulk += pt[i].used_bulk != 0;
      n_tot += pt[i].used && isfinite (pt[i].cond->sigma_total) && pt[i].cond->sigma_total > 0;
      n_icpt += pt[i].used && pt[i].cond->intercept_total;
    }
  /* Intercepts that hold bulk and grain boundary give total points only: the total law
   * stands on its own, and the bulk law is not fitted (said below). */
  if (n_bulk < 2 && n_tot < 2)
    {
      cli_error ("the Arrhenius fit needs at least 2 points with a bulk conductivity (have "
                 "%zu)", n_bulk);
      rc = EXIT_INPUT;
      goto done;
    }
  if (n_icpt > 0)
    cli_warning ("%zu spectr%s give%s only sigma_total: the high-frequency intercept holds bulk "
                 "and grain boundary (no electrolyte arc beyond it), so %s left out of the bulk "
                 "law, which is fitted to the bulk points alone%s", n_icpt,
                 n_icpt == 1 ? "um" : "a", n_icpt == 1 ? "s" : "", n_icpt == 1 ? "it is"
                 : "they are", n_bulk < 2 ? " (fewer than 2: no bulk law)" : "");
  else if (n_bulk < 2)
    cli_warning ("%zu spectr%s give%s a bulk conductivity: no bulk law, only the total "
                 "conductivity's", n_bulk, n_bulk == 1 ? "um" : "a", n_bulk == 1 ? "s" : "");

  /* The series: bulk and total. */
  double *T = cli_xmalloc (np * sizeof *T), *sb = cli_xmalloc (np * sizeof *sb);
  double *sbe = cli_xmalloc (np * sizeof *sbe), *Tt = cli_xmalloc (np * sizeof *Tt);
  double *st_ = cli_xmalloc (np * sizeof *st_), *ste = cli_xmalloc (np * sizeof *ste);
  int *br_b = cli_xmalloc ((np ? np : 1) * sizeof *br_b);
  int *br_t = cli_xmalloc ((np ? np : 1) * sizeof *br_t);
  size_t nb = 0, nt = 0;
  for (size_t i = 0; i < n; i++)
    {
      const Point *p = &pt[i];
      if (!p->used)
        continue;
      if (p->used_bulk)
        {
          br_b[nb] = p->branch;
          T[nb] = p->T_K;
          sb[nb] = p->cond->sigma_bulk;
          sbe[nb++] = p->cond->sigma_bulk_se;
        }
      if (isfinite (p->cond->sigma_total) && p->cond->sigma_total > 0)
        {
          br_t[nt] = p->branch;
          Tt[nt] = p->T_K;
          st_[nt] = p->cond->sigma_total;
          ste[nt++] = p->cond->sigma_total_se;
        }
    }
  /* sigma at T_ref far outside the measured temperatures is an extrapolation: say how far,
   * in spans of the measured 1/T (more than one span away), on stderr and in the report (text
   * warning, JSON warnings and sigma_at_ref_extrapolated_spans, the CSV column of that name) */
  double lo_b, hi_b, lo_t, hi_t;
  double xs_b = extrapolated_spans (T, nb, T_ref, &lo_b, &hi_b);
  double xs_t = extrapolated_spans (Tt, nt, T_ref, &lo_t, &hi_t);
  char extrap[240] = "";
  {
    int bulk = isfinite (xs_b);
    double xs = bulk ? xs_b : xs_t;
    if (xs > 1)
      snprintf (extrap, sizeof extrap, "sigma(%.2f degC) is extrapolated %.1f times the "
                "measured 1/T span beyond the measured %.2f to %.2f degC%s", T_ref - KELVIN_0C,
                xs, bulk ? lo_b : lo_t, bulk ? hi_b : hi_t, bulk ? "" : " (total)");
    if (extrap[0])
      cli_warning ("%s", extrap);
  }
  /* One pellet's geometry error is a common scale factor of every sigma: it moves ln A, not
   * the slope. The laws are fitted to the fits' errors alone, and the geometry's relative error
   * is added, fully correlated, to ln A and sigma(T_ref) (series-arrhenius.h). */
  double g_rel = eis_series_common_geometry_error (&in->series);
  double *sbe_fit = cli_xmalloc ((np ? np : 1) * sizeof *sbe_fit);
  double *ste_fit = cli_xmalloc ((np ? np : 1) * sizeof *ste_fit);
  for (size_t i = 0; i < nb; i++)
    sbe_fit[i] = eis_sigma_se_without_geometry (sb[i], sbe[i], g_rel);
  for (size_t i = 0; i < nt; i++)
    ste_fit[i] = eis_sigma_se_without_geometry (st_[i], ste[i], g_rel);
  SeriesFit fb, ft;
  fit_series (T, sb, sbe_fit, nb, T_ref, vtf, &fb);
  for (int f = 0; f < 2 && nb < 2 && n_icpt > 0; f++)
    if (!fb.ok[f])
      snprintf (fb.why[f], sizeof fb.why[f], "%zu spectr%s give%s a bulk conductivity: the "
                "high-frequency intercepts hold bulk and grain boundary (no electrolyte arc "
                "beyond them), so they give the total's law below", nb, nb == 1 ? "um" : "a",
                nb == 1 ? "s" : "");
  fit_series (Tt, st_, ste_fit, nt, T_ref, vtf, &ft);
  add_geometry_error (&fb, g_rel);
  add_geometry_error (&ft, g_rel);
  if (!fb.ok[0] && !fb.ok[1] && n_bulk >= 2)
    {
      cli_error ("bulk Arrhenius fit: %s", fb.why[0]);
      rc = EXIT_INPUT;
    }
  /* Is the two-step Arrhenius plot a straight line? */
  char checks[4][400], checks_t[4][400];
  size_t n_checks = 0, n_checks_t = 0;
  if (fb.ok[first_form])
    n_checks = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_BULK, T, sb, sbe_fit, nb,
                                               &fb.fit[first_form], checks);
  for (size_t q = 0; q < n_checks; q++)
    cli_warning ("bulk: %s", checks[q]);
  if (ft.ok[first_form])
    n_checks_t = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_TOTAL, Tt, st_, ste_fit, nt,
                                                 &ft.fit[first_form], checks_t);
  for (size_t q = 0; q < n_checks_t; q++)
    cli_warning ("total: %s", checks_t[q]);
  /* repeated temperatures that disagree: a hysteresis between heating and cooling, or a
   * drift (tester 8's F5: 4 % between the branches, many standard errors) */
  char repeated[1200] = "";
  if (nb >= 2)
    eis_arrhenius_repeated_T ("sigma_bulk", T, sb, sbe_fit, br_b, nb, repeated,
                              sizeof repeated);
  else
    eis_arrhenius_repeated_T ("sigma_total", Tt, st_, ste_fit, br_t, nt, repeated,
                              sizeof repeated);
  if (repeated[0])
    cli_warning ("%s", repeated);

  /* Arrhenius inside the fit: one joint problem over the whole series. */
  char disagree[800] = "";
  if (gf && rc != EXIT_OK)
    {
      /* a spectrum the series could not fit: no law over the series */
      eis_global_fit_free (gf);
      gf = NULL;
    }
  char misfit[800] = "";
  EisGlobalLackOfFit lof = { 0 };
  if (gf)
    {
      if (!gf->converged)
        {
          cli_warning ("--global: the joint fit: %s", gf->message);
          rc = EXIT_FIT;
        }
      /* the law's misfit against the joint fit without it: its errors widened (as the
       * two-step's by the scatter), and said when the data reject the law (tester 8's F5) */
      if (eis_global_lack_of_fit (gf, run.joint, run.sf, &lof, misfit, sizeof misfit))
        cli_warning ("--global: %s", misfit);
      /* the law against the two-step fit of the same conductivity: the bulk's, or the
       * total's when the intercepts hold bulk and grain boundary (L->what "total") */
      const EisGlobalLawFit *L = &gf->laws[0];
      const SeriesFit *two = strcmp (L->what, "total") == 0 ? &ft : &fb;
      if (!vtf && two->ok[first_form]
          && eis_series_global_disagrees (L, &two->fit[first_form], disagree, sizeof disagree))
        cli_warning ("%s", disagree);
      /* VTF: on Ea = k_B B and on sigma at T_ref, saying when the global T0 ran to its edge
       * (tester 4's F14: 2.9 combined errors apart on sigma(25 degC) with no word) */
      if (vtf && two->vtf_ok
          && eis_series_global_vtf_disagrees (L, &two->vtf, disagree, sizeof disagree))
        cli_warning ("%s", disagree);
    }

  if (format == CLI_FORMAT_TEXT)
    {
      const EisGeometry *g = &in->series.items[0].geom;
      /* a per-file thickness or area (a --series manifest): each row's, not the first's as
       * if for all (tester 8's F8) */
      int diff_L = 0, diff_A = 0;
      for (size_t i = 1; i < n; i++)
        {
          const EisGeometry *gi = &in->series.items[i].geom;
          diff_L |= fabs (gi->thickness_cm - g->thickness_cm) > 1e-9 * g->thickness_cm;
          diff_A |= fabs (gi->area_cm2 - g->area_cm2) > 1e-9 * g->area_cm2;
        }
      char gL[48], gA[48];
      snprintf (gL, sizeof gL, diff_L ? "L per spectrum" : "L = %.4g cm", g->thickness_cm);
      snprintf (gA, sizeof gA, diff_A ? "A per spectrum" : "A = %.4g cm2", g->area_cm2);
      cli_buf_printf (&out, "Arrhenius analysis: %zu spectra (%s, %s)\n", n, gL, gA);
      /* The file column as wide as the longest name, so the rows line up. */
      int fw = 4;
      char **names = cli_xmalloc ((n ? n : 1) * sizeof *names);
      for (size_t i = 0; i < n; i++)
        {
          names[i] = cli_name_text (pt[i].file);
          if ((int) strlen (names[i]) > fw)
            fw = (int) strlen (names[i]);
        }
      cli_buf_printf (&out, "  %-*s %8s %8s  %-16s %s%s%s%-24s %-24s %s\n", fw, "file", "T/K",
                      "T/degC", "T from", diff_L ? "L/cm     " : "", diff_A ? "A/cm2    " : "",
                      branches ? "branch   " : "", "sigma_bulk S/cm", "sigma_total S/cm",
                      "circuit");
      for (size_t i = 0; i < n; i++)
        {
          const Point *p = &pt[i];
          char bs[64] = "-", ts[64] = "-";
          /* an error the fit could not give prints as ?, never nan (as in eisfit series) */
          if (p->used_bulk && isfinite (p->cond->sigma_bulk))
            snprintf (bs, sizeof bs, isfinite (p->cond->sigma_bulk_se) ? "%.4e +- %.1e"
                      : "%.4e +- ?", p->cond->sigma_bulk, p->cond->sigma_bulk_se);
          if (p->used && isfinite (p->cond->sigma_total))
            snprintf (ts, sizeof ts, isfinite (p->cond->sigma_total_se) ? "%.4e +- %.1e"
                      : "%.4e +- ?", p->cond->sigma_total, p->cond->sigma_total_se);
          char bn[16] = "";
          if (branches)
            snprintf (bn, sizeof bn, "%-8s ", eis_temperature_branch_name (p->branch));
          char gc[40] = "";
          const EisGeometry *gi = &in->series.items[i].geom;
          if (diff_L)
            snprintf (gc, sizeof gc, "%-8.4g ", gi->thickness_cm);
          if (diff_A)
            snprintf (gc + strlen (gc), sizeof gc - strlen (gc), "%-8.4g ", gi->area_cm2);
          cli_buf_printf (&out, "  %-*s %8.2f %8.2f  %-16s %s%s%-24s %-24s %s\n", fw, names[i],
                          p->T_K, p->T_K - KELVIN_0C, p->T_source, gc, bn, bs, ts,
                          !p->fitted ? "(fit failed)" : p->used ? eis_circuit_text (sf->circuit)
                          : "(left out: see the warning)");
        }
      for (size_t i = 0; i < n; i++)
        free (names[i]);
      free (names);
      if (branches)
        cli_buf_printf (&out, "  (branch: the temperature rises, then falls, in the order %s)\n",
                        by_time ? "of the files' start times" : "the files were given");
      if (g->leads_ohm > 0)
        {
          /* Say where the leads were subtracted: from an intercept taken as the electrolyte's
           * only; a bulk arc's resistance holds none, and a circuit without a series
           * resistance has no intercept to take them from. */
          size_t n_sub = 0, n_fit = 0;
          double zmin = INFINITY;
          for (size_t i = 0; i < n; i++)
            if (pt[i].fitted && pt[i].cond)
              {
                n_fit++;
                n_sub += isfinite (pt[i].cond->R_leads);
                for (size_t k = 0; pt[i].fit && k < pt[i].fit->n_points; k++)
                  zmin = fmin (zmin, pt[i].fit->model_re[k]);
              }
          int has_rs = eis_circuit_series_resistance (sf->circuit, NULL) >= 0;
          if (n_sub == n_fit && n_sub > 0)
            cli_buf_printf (&out, "  (--leads %.4g Ohm subtracted from every high-frequency "
                            "intercept taken as the electrolyte's (or R0 + R1, or an arc above "
                            "the measured range, which holds them), in the two-step and the "
                            "global fit; an arc in the range holds none)\n", g->leads_ohm);
          else
            {
              char more[320] = "";
              if (!has_rs)
                snprintf (more, sizeof more, ": %s has no series resistance, so the fits see "
                          "no lead resistance beside the bulk arc (the smallest Z' of the fits "
                          "is %.4g Ohm)%s", eis_circuit_text (sf->circuit), zmin,
                          zmin < g->leads_ohm ? ", below the leads given: they cannot be "
                          "in series with these data (already subtracted, or smaller)"
                          : "; give a circuit with one (--circuit R0-...) to fit them");
              if (n_sub == 0)
                cli_buf_printf (&out, "  (--leads %.4g Ohm subtracted from no spectrum: the "
                                "bulk is an arc in every one, whose resistance holds none%s)\n",
                                g->leads_ohm, more);
              else
                cli_buf_printf (&out, "  (--leads %.4g Ohm subtracted in %zu of %zu spectra, "
                                "from a high-frequency intercept taken as the electrolyte's (or "
                                "R0 + R1, or an arc above the measured range, which holds them); "
                                "in the others the bulk is an arc in the range, whose resistance "
                                "holds none%s)\n",
                                g->leads_ohm, n_sub, n_fit, more);
              if (n_sub == 0)
                cli_warning ("--leads %.4g Ohm subtracted from no spectrum: the bulk is an "
                             "arc in every one%s", g->leads_ohm, more);
            }
        }
      text_series (&out, "bulk", &fb, first_form, T_ref, vtf);
      text_series (&out, "total", &ft, first_form, T_ref, vtf);
      if (g_rel > 0)
        cli_buf_printf (&out, "  (the geometry's error, %.3g %% of sigma, is common to every "
                        "point of one pellet: it is in ln A and sigma(%.2f degC), not in Ea)\n",
                        100 * g_rel, T_ref - KELVIN_0C);
      if (extrap[0])
        cli_buf_printf (&out, "  warning: %s\n", extrap);
      for (size_t q = 0; q < n_checks; q++)
        cli_buf_printf (&out, "  warning (bulk, two-step): %s\n", checks[q]);
      for (size_t q = 0; q < n_checks_t; q++)
        cli_buf_printf (&out, "  warning (total, two-step): %s\n", checks_t[q]);
      if (repeated[0])
        cli_buf_printf (&out, "  warning: %s\n", repeated);
      if (global_why[0])
        cli_buf_printf (&out, "\nglobal fit: not done: %s (the two-step results above "
                        "stand)\n", global_why);
      if (gf)
        {
          cli_buf_printf (&out, "\nglobal fit (%s law inside the fit of all %zu spectra, one "
                          "joint Levenberg-Marquardt problem: %zu unknowns, %s, reduced chi2 "
                          "%.4g)\n", vtf ? "VTF" : "Arrhenius", gf->n, gf->n_free,
                          gf->message, gf->reduced_chi2);
          for (size_t l = 0; l < gf->n_laws; l++)
            {
              const EisGlobalLawFit *L = &gf->laws[l];
              char sg[224];
              if (!isfinite (L->sigma_ref))
                snprintf (sg, sizeof sg, "not given: %s", L->sigma_ref_why);
              else if (!isfinite (L->sigma_ref_se))
                snprintf (sg, sizeof sg, "%.4e S/cm (its error not determined)", L->sigma_ref);
              else
                snprintf (sg, sizeof sg, "%.4e +- %.2e S/cm", L->sigma_ref, L->sigma_ref_se);
              cli_buf_printf (&out, "  %-15s form %-7s Ea %.4f +- %.4f eV, ln A %.3f +- %.3f, "
                              "sigma(%.2f degC) %s (%s)\n", L->what,
                              vtf ? "VTF" : eis_arrhenius_form_name (gf->form), L->Ea_eV,
                              L->Ea_se_eV, L->ln_A, L->ln_A_se, T_ref - KELVIN_0C, sg,
                              eis_circuit_param_name (sf->circuit, (size_t) L->param));
              if (vtf && isfinite (L->T0_se_K))
                cli_buf_printf (&out, "  %-15s B %.4g +- %.2g K, T0 %.4g +- %.2g K\n", "",
                                L->B_K, L->B_se_K, L->T0_K, L->T0_se_K);
              else if (vtf)
                cli_buf_printf (&out, "  %-15s B %.4g +- %.2g K, T0 %.4g K (not determined: at "
                                "an edge of 0 K to the lowest temperature)\n",
                                "", L->B_K, L->B_se_K, L->T0_K);
            }
          for (size_t k = 0; k < gf->n_params; k++)
            if (gf->shared[k] == 2)
              cli_buf_printf (&out, "  shared %-8s %.6g +- %.3g F (C_eff of %s's arc: Q follows "
                              "R and n)\n", "C_eff", gf->ceff[k], gf->ceff_se[k],
                              eis_circuit_param_name (sf->circuit, k));
            else if (gf->shared[k])
              cli_buf_printf (&out, "  shared %-8s %.6g +- %.3g%s\n",
                              eis_circuit_param_name (sf->circuit, k), gf->value[k],
                              gf->stderr_[k], (long) k == eis_series_fit_leads (sf, &in->series)
                              ? " Ohm (the leads: left out of R_bulk and sigma)" : "");
          if (!leads.tested && leads.why[0] && strncmp (leads.why, "the bulk is", 11) == 0)
            cli_buf_printf (&out, "  leads    not tested: %s\n", leads.why);
          if (leads.tested)
            {
              if (leads.accepted)
                cli_buf_printf (&out, "  leads    %s added and shared (independent of "
                                "temperature): BIC %.1f lower than with %s free in each "
                                "spectrum and %.1f lower than with none (> %.0f); without it "
                                "Ea(bulk) = %.4f +- %.4f eV\n", leads.name, leads.delta_bic,
                                leads.name, leads.delta_bic_zero, EIS_SERIES_SHARE_DBIC,
                                leads.Ea_without_eV, leads.Ea_without_se_eV);
              else
                cli_buf_printf (&out, "  leads    a lead resistance %s shared by all "
                                "temperatures tested, not used: %s (Delta BIC %.1f against %s "
                                "free in each spectrum)\n", leads.name, leads.why,
                                leads.delta_bic, leads.name);
            }
          if (lof.tested)
            {
              cli_buf_printf (&out, "  law fit  reduced chi2 %.3g times the joint fit's without "
                              "the law (F = %.3g on %ld and %ld degrees of freedom, p = %.2g)",
                              lof.chi2_ratio, lof.F, lof.df1, lof.df2, lof.p);
              for (size_t l = 0; l < gf->n_laws && l < 2; l++)
                if (lof.scale[l] > 1.005)
                  cli_buf_printf (&out, "; %s errors above widened x%.3g", gf->laws[l].what,
                                  lof.scale[l]);
              cli_buf_printf (&out, "\n");
            }
          if (misfit[0])
            cli_buf_printf (&out, "  warning: %s\n", misfit);
          if (disagree[0])
            cli_buf_printf (&out, "  warning: %s\n", disagree);
        }
    }
  else if (format == CLI_FORMAT_CSV)
    {
      cli_buf_printf (&out, "file,spectrum,T_K,T_source,sigma_bulk_S_cm,sigma_bulk_stderr_S_cm,"
                      "sigma_total_S_cm,sigma_total_stderr_S_cm,circuit\n");
      for (size_t i = 0; i < n; i++)
        {
          const Point *p = &pt[i];
          cli_buf_csv_string (&out, p->file);
          cli_buf_printf (&out, ",%d,%.10g,%s", p->spectrum, p->T_K, p->T_source);
          double v[4] = { NAN, NAN, NAN, NAN };
          if (p->used_bulk)
            v[0] = p->cond->sigma_bulk, v[1] = p->cond->sigma_bulk_se;
          if (p->used)
            v[2] = p->cond->sigma_total, v[3] = p->cond->sigma_total_se;
          for (int j = 0; j < 4; j++)
            if (isfinite (v[j]))
              cli_buf_printf (&out, ",%.10g", v[j]);
            else
              cli_buf_printf (&out, ",");
          /* quoted: a circuit holds commas */
          cli_buf_printf (&out, ",\"%s\"\n", p->fitted ? eis_circuit_text (sf->circuit) : "");
        }
      cli_buf_printf (&out, "\nseries,form,Ea_eV,Ea_stderr_eV,ln_prefactor,ln_prefactor_stderr,"
                      "r2,T_ref_K,sigma_at_ref,sigma_at_ref_stderr,"
                      "sigma_at_ref_extrapolated_spans\n");
      for (int s = 0; s < 2; s++)
        for (int k = 0; k < 2; k++)
          {
            const SeriesFit *sfit = s ? &ft : &fb;
            int f = k == 0 ? first_form : 1 - first_form;
            if (!sfit->ok[f])
              continue;
            const EisArrheniusFit *a = &sfit->fit[f];
            cli_buf_printf (&out, "%s,%s", s ? "total" : "bulk",
                            eis_arrhenius_form_name ((EisArrheniusForm) f));
            const double cv[] = { a->Ea_eV, a->Ea_se_eV, a->ln_A, a->ln_A_se, a->r2, a->T_ref_K,
                                  a->sigma_ref, a->sigma_ref_se, s ? xs_t : xs_b };
            csv_cells (&out, cv, sizeof cv / sizeof cv[0]);
          }
      for (size_t l = 0; gf && l < gf->n_laws; l++)
        {
          const EisGlobalLawFit *L = &gf->laws[l];
          cli_buf_printf (&out, "global_%s,%s", l ? "gb" : "bulk",
                          vtf ? "vtf" : eis_arrhenius_form_name (gf->form));
          const double cv[] = { L->Ea_eV, L->Ea_se_eV, L->ln_A, L->ln_A_se, NAN, gf->T_ref_K,
                                L->sigma_ref, L->sigma_ref_se, xs_b };
          csv_cells (&out, cv, sizeof cv / sizeof cv[0]);
        }
    }
  else
    {
      const SeriesFit *f0 = &fb;
      const EisArrheniusFit *a = &f0->fit[first_form];
      int ok = f0->ok[first_form];
      cli_buf_printf (&out, "{\"form\": ");
      cli_buf_json_string (&out, eis_arrhenius_form_name ((EisArrheniusForm) first_form));
      cli_buf_printf (&out, ",\n \"Ea_eV\": ");
      cli_buf_json_number (&out, ok ? a->Ea_eV : NAN);
      cli_buf_printf (&out, ", \"Ea_stderr_eV\": ");
      cli_buf_json_number (&out, ok ? a->Ea_se_eV : NAN);
      cli_buf_printf (&out, ", \"ln_prefactor\": ");
      cli_buf_json_number (&out, ok ? a->ln_A : NAN);
      cli_buf_printf (&out, ", \"r2\": ");
      cli_buf_json_number (&out, ok ? a->r2 : NAN);
      cli_buf_printf (&out, ", \"sigma_at_25C\": ");
      cli_buf_json_number (&out, ok ? eis_arrhenius_sigma_at (a, EIS_T_REF_DEFAULT_K) : NAN);
      cli_buf_printf (&out, ", \"T_ref_K\": ");
      cli_buf_json_number (&out, T_ref);
      cli_buf_printf (&out, ", \"sigma_at_ref\": ");
      cli_buf_json_number (&out, ok ? a->sigma_ref : NAN);
      cli_buf_printf (&out, ", \"sigma_at_ref_extrapolated_spans\": ");
      cli_buf_json_number (&out, isfinite (xs_b) ? xs_b : xs_t);
      for (int s = 0; s < 2; s++)
        {
          const SeriesFit *sfit = s ? &ft : &fb;
          cli_buf_printf (&out, ",\n \"%s\": {\"sigma\": ", s ? "total" : "bulk");
          json_fit (&out, sfit, EIS_ARRHENIUS_SIGMA);
          cli_buf_printf (&out, ",\n   \"sigmaT\": ");
          json_fit (&out, sfit, EIS_ARRHENIUS_SIGMA_T);
          cli_buf_printf (&out, ",\n   \"vtf\": ");
          json_vtf (&out, sfit, vtf);
          cli_buf_printf (&out, "}");
        }
      if (gf)
        {
          cli_buf_printf (&out, ",\n \"global\": ");
          json_global (&out, gf, sf, vtf);
          /* the law's misfit against the joint fit without it (its errors above widened) */
          cli_buf_printf (&out, ",\n \"global_lack_of_fit\": {\"tested\": %s, \"F\": ",
                          lof.tested ? "true" : "false");
          cli_buf_json_number (&out, lof.F);
          cli_buf_printf (&out, ", \"df1\": %ld, \"df2\": %ld, \"p\": ", lof.df1, lof.df2);
          cli_buf_json_number (&out, lof.p);
          cli_buf_printf (&out, ", \"chi2_ratio\": ");
          cli_buf_json_number (&out, lof.chi2_ratio);
          cli_buf_printf (&out, ", \"error_scale\": [");
          cli_buf_json_number (&out, lof.scale[0]);
          cli_buf_printf (&out, ", ");
          cli_buf_json_number (&out, lof.scale[1]);
          cli_buf_printf (&out, "]");
          cli_buf_printf (&out, ", \"misfit\": %s}", lof.misfit ? "true" : "false");
          /* the lead resistance: tested, used (its value from the law's fit), why not */
          long lk = eis_series_fit_leads (sf, &in->series);
          cli_buf_printf (&out, ",\n \"leads\": {\"parameter\": ");
          if (lk >= 0)
            cli_buf_json_string (&out, eis_circuit_param_name (sf->circuit, (size_t) lk));
          else
            cli_buf_printf (&out, "null");
          cli_buf_printf (&out, ", \"R_ohm\": ");
          cli_buf_json_number (&out, lk >= 0 ? gf->value[lk] : NAN);
          cli_buf_printf (&out, ", \"R_stderr_ohm\": ");
          cli_buf_json_number (&out, lk >= 0 ? gf->stderr_[lk] : NAN);
          cli_buf_printf (&out, ", \"given\": %s, \"tested\": %s, \"accepted\": %s, "
                          "\"delta_bic\": ", lk >= 0 && !leads.accepted ? "true" : "false",
                          leads.tested ? "true" : "false", leads.accepted ? "true" : "false");
          cli_buf_json_number (&out, leads.delta_bic);
          cli_buf_printf (&out, ", \"delta_bic_zero\": ");
          cli_buf_json_number (&out, leads.delta_bic_zero);
          cli_buf_printf (&out, ", \"Ea_without_eV\": ");
          cli_buf_json_number (&out, leads.Ea_without_eV);
          cli_buf_printf (&out, ", \"Ea_without_stderr_eV\": ");
          cli_buf_json_number (&out, leads.Ea_without_se_eV);
          cli_buf_printf (&out, ", \"note\": ");
          cli_buf_json_string (&out, leads.why);
          cli_buf_printf (&out, "}");
        }
      else if (global_why[0])
        {
          cli_buf_printf (&out, ",\n \"global\": {\"done\": false, \"why\": ");
          cli_buf_json_string (&out, global_why);
          cli_buf_printf (&out, "}");
        }
      cli_buf_printf (&out, ",\n \"warnings\": [");
      size_t n_warn = 0;
      if (extrap[0])
        {
          cli_buf_printf (&out, n_warn++ ? ", " : "");
          cli_buf_json_string (&out, extrap);
        }
      for (size_t q = 0; q < n_checks; q++)
        {
          cli_buf_printf (&out, n_warn++ ? ", " : "");
          cli_buf_json_string (&out, checks[q]);
        }
      for (size_t q = 0; q < n_checks_t; q++)
        {
          char w[420];
          snprintf (w, sizeof w, "total: %.400s", checks_t[q]);
          cli_buf_printf (&out, n_warn++ ? ", " : "");
          cli_buf_json_string (&out, w);
        }
      if (repeated[0])
        {
          cli_buf_printf (&out, n_warn++ ? ", " : "");
          cli_buf_json_string (&out, repeated);
        }
      if (misfit[0])
        {
          cli_buf_printf (&out, n_warn++ ? ", " : "");
          cli_buf_json_string (&out, misfit);
        }
      if (disagree[0])
        {
          cli_buf_printf (&out, n_warn++ ? ", " : "");
          cli_buf_json_string (&out, disagree);
        }
      cli_buf_printf (&out, "]");
      cli_buf_printf (&out, ",\n \"circuit\": ");
      cli_buf_json_string (&out, eis_circuit_text (sf->circuit));
      const EisGeometry *g0 = &in->series.items[0].geom;
      cli_buf_printf (&out, ",\n \"points\": [");
      for (size_t i = 0; i < n; i++)
        {
          const Point *p = &pt[i];
          cli_buf_printf (&out, "%s\n  {\"file\": ", i ? "," : "");
          cli_buf_json_string (&out, p->file);
          cli_buf_printf (&out, ", \"spectrum\": %d, \"T_K\": ", p->spectrum);
          cli_buf_json_number (&out, p->T_K);
          cli_buf_printf (&out, ", \"T_source\": ");
          cli_buf_json_string (&out, p->T_source);
          cli_buf_printf (&out, ", \"branch\": ");
          if (p->branch)
            cli_buf_json_string (&out, eis_temperature_branch_name (p->branch));
          else
            cli_buf_printf (&out, "null");
          double v[4] = { NAN, NAN, NAN, NAN };
          if (p->used_bulk)
            v[0] = p->cond->sigma_bulk, v[1] = p->cond->sigma_bulk_se;
          if (p->used)
            v[2] = p->cond->sigma_total, v[3] = p->cond->sigma_total_se;
          const char *k[4] = { "sigma_bulk", "sigma_bulk_stderr", "sigma_total",
                               "sigma_total_stderr" };
          for (int j = 0; j < 4; j++)
            {
              cli_buf_printf (&out, ", \"%s\": ", k[j]);
              cli_buf_json_number (&out, v[j]);
            }
          if (g0->leads_ohm > 0)
            {
              /* the lead resistance subtracted from this spectrum; null: none (a bulk arc) */
              cli_buf_printf (&out, ", \"leads_subtracted_Ohm\": ");
              cli_buf_json_number (&out, p->fitted && p->cond ? p->cond->R_leads : NAN);
            }
          cli_buf_printf (&out, ", \"circuit\": ");
          if (p->fitted)
            cli_buf_json_string (&out, eis_circuit_text (sf->circuit));
          else
            cli_buf_printf (&out, "null");
          cli_buf_printf (&out, "}");
        }
      cli_buf_printf (&out, "]}\n");
    }

  if (plot)
    {
      EisPlotArrheniusSeries ps[4];
      size_t nps = 0;
      set_plot_series (&ps[nps++], gf ? "bulk, two-step" : "bulk", 0, nb, T, sb, sbe, &fb,
                       first_form, vtf);
      ps[0].branch = branches ? br_b : NULL;
      if (nt > 0)
        {
          set_plot_series (&ps[nps], gf ? "total, two-step" : "total", 1, nt, Tt, st_, ste, &ft,
                           first_form, vtf);
          ps[nps++].branch = branches ? br_t : NULL;
        }
      /* the laws inside the joint fit (--global), dashed over the points' range: the bulk's
       * and the grain boundary's (tester 8's F11: only the two-step lines were drawn) */
      char glabel[2][64];
      for (size_t l = 0; gf && l < gf->n_laws && l < 2; l++)
        {
          const EisGlobalLawFit *L = &gf->laws[l];
          int gb = strcmp (L->what, "grain_boundary") == 0;
          int tot = strcmp (L->what, "total") == 0;
          EisPlotArrheniusSeries *q = &ps[nps];
          memset (q, 0, sizeof *q);
          snprintf (glabel[l], sizeof glabel[l], "%s, global law",
                    gb ? "grain boundary" : tot ? "total" : "bulk");
          q->label = glabel[l];
          q->color = gb ? 2 : tot ? 1 : 0;
          q->line_only = 1;
          q->dashed = 1;
          q->n = gb || tot || nb == 0 ? nt : nb;
          q->temp_k = gb || tot || nb == 0 ? Tt : T;
          q->sigma = gb || tot || nb == 0 ? st_ : sb;
          if (q->n == 0)
            continue;
          if (vtf)
            {
              q->has_vtf = isfinite (L->ln_A) && isfinite (L->B_K) && isfinite (L->T0_K);
              q->vtf_a = exp (L->ln_A);
              q->vtf_b_k = L->B_K;
              q->vtf_t0_k = L->T0_K;
            }
          else
            {
              q->has_fit = isfinite (L->Ea_eV) && isfinite (L->ln_A);
              q->ea_ev = L->Ea_eV;
              q->ea_err_ev = L->Ea_se_eV;
              q->ln_prefactor = L->ln_A;
            }
          nps++;
        }
      EisPlotArrhenius pa = { ps, nps, first_form == EIS_ARRHENIUS_SIGMA_T, "Arrhenius plot" };
      EisError err = { 0 };
      if (eis_plot_to_file (plot, 1000, 700, eis_plot_draw_arrhenius, &pa, force, &err)
          != EIS_OK)
        {
          cli_error ("--plot: %s", err.message);
          if (rc < EXIT_OUTPUT)
            rc = EXIT_OUTPUT;
        }
      else if (format == CLI_FORMAT_TEXT)
        {
          cli_buf_printf (&out, "\nplot written to ");
          cli_buf_name (&out, plot);
          cli_buf_printf (&out, "\n");
        }
    }
  free (T), free (sb), free (sbe), free (Tt), free (st_), free (ste);
  free (sbe_fit), free (ste_fit), free (br_b), free (br_t);

  {
    EisError err = { 0 };
    if (cli_write_file_atomic (output, out.data ? out.data : "", out.len, force, &err)
        != EIS_OK)
      {
        cli_error ("%s", err.message);
        rc = EXIT_OUTPUT;
      }
  }

done:
  cli_buf_free (&out);
  free (pt);
  free (branch);
  eis_global_fit_free (gf);
  cli_series_run_clear (&run);
  for (size_t q = 0; q < opt.n_shared; q++)
    free (opt.shared[q]);
  return rc;
}
