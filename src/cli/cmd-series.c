/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `eisfit series [--by temperature|time|index] FILE...`: fit a series of spectra (a temperature
 * series, a cell measured every hour, the cycles of one file) with one circuit, arcs that keep
 * their identity and, with --shared, parameters common to all spectra in one joint fit; one
 * row per spectrum as text, CSV or JSON, and trend plots (src/core/series.h). */
#include <config.h>
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "series-input.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "series.h"
#include "series-output.h"
#include "series-table.h"

#define KELVIN_0C 273.15

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit series [OPTIONS] FILE[@TEMP]...\n"
           "Fit every spectrum of a series with one circuit: the automatic choice compares\n"
           "the candidates by the BIC summed over the series; each spectrum starts from its\n"
           "neighbour's optimum; arcs keep their identity (R1 is the same arc in every row);\n"
           "role changes, arcs that leave the measured range and jumps are reported.\n"
           "%s\n"
           "Series:\n"
           "      --by KEY           order by temperature, time (the spectra's time stamps)\n"
           "                         or index (the order given; default: temperature when\n"
           "                         every spectrum has one, else time, else index)\n"
           "      --series FILE      CSV manifest: columns file, temperature (degC) or T_K,\n"
           "                         optional thickness and area\n"
           "      --shared NAMES     comma-separated parameters common to all spectra: one\n"
           "                         joint fit (e.g. --shared L0,CPE2_n)\n"
           "      --plot-x X         trend plot against T (degC), invT (1000/T), time (h) or\n"
           "                         index (default: the series' order)\n"
           "      --plot-params P    comma-separated parameters or quantities to plot\n"
           "                         (R_bulk, R_gb, sigma_bulk, sigma_gb, sigma_total,\n"
           "                         R_interface_total, ASR_per_interface, chi2, ARC_C_eff\n"
           "                         such as R1||C1_C_eff, or a parameter name; default: the\n"
           "                         circuit's resistances, or R_bulk, R_interface_total and\n"
           "                         ASR_per_interface when the series has interfacial arcs)\n\n"
           "%s%s%s"
           "Output:\n"
           "  -f, --format FMT       text (default), csv (one row per spectrum) or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw the trends to FILE.png/.svg/.pdf\n"
           "  -q, --quiet            no warnings on standard error\n"
           "  -j, --jobs N           accepted as for eisfit fit; the series is fitted in\n"
           "                         order, each spectrum from its neighbour, on one thread\n"
           "  -h, --help             this help\n\n"
           "Exit status: 0 ok, 1 usage, 2 unreadable input, 3 a fit did not converge,\n"
           "4 output not written, 5 internal error.\n",
           cli_series_input_help, cli_fit_options_help, cli_range_options_help,
           cli_input_options_help);
}

enum { OPT_BY = 2100, OPT_SERIES, OPT_SHARED, OPT_PLOT_X, OPT_PLOT_PARAMS };

typedef struct {
  int by;                 /* -1 = automatic */
  const char *series;
  char *shared[32];
  size_t n_shared;
  int plot_x;             /* EisPlotSeriesAxis, -1 = by the order */
  const char *plot_params;
} SeriesState;

static int
series_option (int opt, const char *arg, void *data)
{
  SeriesState *st = data;
  switch (opt)
    {
    case OPT_BY:
      if ((st->by = eis_series_order_parse (arg)) < 0)
        {
          cli_error ("--by: \"%s\": expected temperature, time or index", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_SERIES:
      st->series = arg;
      return CLI_OPT_OK;
    case OPT_SHARED:
      if (cli_shared_parse (arg, st->shared, &st->n_shared,
                            sizeof st->shared / sizeof st->shared[0]) != 0)
        return CLI_OPT_BAD;
      return CLI_OPT_OK;
    case OPT_PLOT_X:
      if ((st->plot_x = eis_plot_series_axis_parse (arg)) < 0)
        {
          cli_error ("--plot-x: \"%s\": expected T, invT, time or index", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_PLOT_PARAMS:
      st->plot_params = arg;
      return CLI_OPT_OK;
    case 'q':
      cli_quiet = 1;
      return CLI_OPT_OK;
    case 'j':
      {
        int jobs;   /* accepted as for eisfit fit: the series is fitted in order, one thread */
        return cli_parse_jobs (arg, &jobs) == 0 ? CLI_OPT_OK : CLI_OPT_BAD;
      }
    case 'h':
      usage (stdout);
      return CLI_OPT_DONE;
    default:
      return CLI_OPT_BAD;
    }
}


/* A conductivity cell of the roles table: "-" for none, "+- ?" where the fit gives no error
 * (a covariance made singular by a parameter at its bound), never "+- nan". */
static void
sigma_cell (char *buf, size_t size, double v, double se)
{
  if (!isfinite (v))
    snprintf (buf, size, "-");
  else if (isfinite (se))
    snprintf (buf, size, "%.4e +- %.1e", v, se);
  else
    snprintf (buf, size, "%.4e +- ?", v);
}

static void
render_text (CliBuf *b, const EisSpectrumSeries *s, const EisSeriesFit *sf,
             const EisGlobalFit *gf)
{
  size_t n = s->n, P = eis_circuit_n_params (sf->circuit);
  cli_buf_printf (b, "Series: %zu spectra ordered by %s, one circuit %s\n  (%s)\n", n,
                  eis_series_order_name (s->order_by), eis_circuit_text (sf->circuit), sf->why);
  if (sf->n_candidates > 1)
    {
      cli_buf_printf (b, "  candidates (BIC summed over the series; ok = converged, determined "
                      "and admissible):\n");
      for (size_t i = 0; i < sf->n_candidates; i++)
        {
          const EisSeriesCandidate *cd = &sf->candidates[i];
          cli_buf_printf (b, "    %-36s %12.1f  ok on %zu/%zu%s%s\n", cd->circuit, cd->bic_sum,
                          cd->n_ok, n, cd->n_ok < n ? ", not on " : "",
                          cd->n_ok < n ? cd->not_ok : "");
        }
    }
  if (gf)
    cli_buf_printf (b, "  joint fit: %s, chi2 %.5g, reduced chi2 %.4g (dof %ld), BIC %.1f\n",
                    gf->message, gf->chi2, gf->reduced_chi2, gf->dof, gf->bic);
  int fw = 4;
  char **names = cli_xmalloc ((n ? n : 1) * sizeof *names);
  for (size_t j = 0; j < n; j++)
    {
      const char *f = strrchr (s->items[j].file, '/');
      names[j] = cli_name_text (f ? f + 1 : s->items[j].file);
      int l = (int) strlen (names[j]);
      fw = l > fw ? l : fw;
    }
  /* the time column only when the times say something (not every file's own 0.5 s) */
  int show_t = eis_spectrum_series_time_informative (s);
  if (show_t && s->time_from_start)
    cli_buf_printf (b, "  time: from the instruments' start times, 0 = %s (the first "
                    "spectrum's start)\n", s->time_zero);
  cli_buf_printf (b, "\n  %3s %-*s %4s %8s", "#", fw, "file", "spec", "T/degC");
  if (show_t)
    cli_buf_printf (b, " %10s", "time/s");
  for (size_t k = 0; k < P; k++)
    cli_buf_printf (b, " %20s", eis_circuit_param_name (sf->circuit, k));
  cli_buf_printf (b, " %10s %10s %10s  %s\n", "R_bulk", "R_gb", "chi2", "start");
  for (size_t j = 0; j < n; j++)
    {
      const EisSeriesItem *it = &s->items[j];
      cli_buf_printf (b, "  %3zu %-*s %4d", j + 1, fw, names[j], it->number);
      if (isfinite (it->T_K))
        cli_buf_printf (b, " %8.2f", it->T_K - KELVIN_0C);
      else
        cli_buf_printf (b, " %8s", "-");
      if (show_t && isfinite (it->time_s))
        cli_buf_printf (b, " %10.1f", it->time_s);
      else if (show_t)
        cli_buf_printf (b, " %10s", "-");
      const EisFitResult *r = sf->fits[j];
      for (size_t k = 0; k < P; k++)
        {
          char cell[40];
          if (r == NULL)
            snprintf (cell, sizeof cell, "-");
          else if (gf && gf->shared[k] == 1 && j > 0)
            snprintf (cell, sizeof cell, "(shared)");
          else if (sf->held[j * P + k] && r->fixed[k])
            snprintf (cell, sizeof cell, "%.4g (held)", r->value[k]);
          else if (r->fixed[k])
            snprintf (cell, sizeof cell, "%.4g (fixed)", r->value[k]);
          else if (eis_conductivity_is_merged (&sf->cond[j], (long) k))
            snprintf (cell, sizeof cell, "%.4g (in sum)", r->value[k]);
          else if (isfinite (r->stderr_[k]) && r->value[k] != 0
                   && 100 * r->stderr_[k] / fabs (r->value[k]) > 1000)
            snprintf (cell, sizeof cell, "%.4g +->1000%%", r->value[k]);
          else if (isfinite (r->stderr_[k]) && r->value[k] != 0)
            snprintf (cell, sizeof cell, "%.4g +-%.1f%%", r->value[k],
                      100 * r->stderr_[k] / fabs (r->value[k]));
          else
            snprintf (cell, sizeof cell, "%.4g +-?", r->value[k]);
          cli_buf_printf (b, " %20s", cell);
        }
      const EisConductivity *c = &sf->cond[j];
      if (r)
        {
          /* a resistance the data do not give is "-", never nan */
          double v[3] = { c->R_bulk, c->R_gb, r->chi2 };
          for (int q = 0; q < 3; q++)
            if (isfinite (v[q]))
              cli_buf_printf (b, " %10.4g", v[q]);
            else
              cli_buf_printf (b, " %10s", "-");
          cli_buf_printf (b, "  %s\n", sf->warm[j] ? "warm" : "multistart");
        }
      else
        cli_buf_printf (b, " %10s %10s %10s  -\n", "-", "-", "-");
    }
  for (size_t j = 0; j < n; j++)
    free (names[j]);
  free (names);
  /* Roles and conductivities. */
  int rw = 16;
  for (size_t j = 0; j < n; j++)
    {
      int len = 0;
      for (size_t k = 0; sf->fits[j] && k < sf->cond[j].n_arcs; k++)
        len += (int) strlen (sf->cond[j].arcs[k].label)
               + (int) strlen (eis_arc_role_text (&sf->cond[j].arcs[k])) + 16;
      rw = len > rw ? len : rw;
    }
  cli_buf_printf (b, "\n  %3s %-*s %-24s %-24s %-24s %s\n", "#", rw, "roles (C_eff)",
                  "sigma_bulk S/cm", "sigma_gb (apparent) S/cm", "sigma_total S/cm",
                  "ASR/interface Ohm cm2");
  for (size_t j = 0; j < n; j++)
    {
      const EisConductivity *c = &sf->cond[j];
      char roles[512] = "";
      size_t used = 0;
      for (size_t k = 0; sf->fits[j] && k < c->n_arcs && used < sizeof roles; k++)
        {
          used += (size_t) snprintf (roles + used, sizeof roles - used, "%s%s %s", k ? ", " : "",
                                     c->arcs[k].label, eis_arc_role_text (&c->arcs[k]));
          if (isfinite (c->arcs[k].C_eff) && used < sizeof roles)
            used += (size_t) snprintf (roles + used, sizeof roles - used, " (%.3g F)",
                                       c->arcs[k].C_eff);
        }
      char sb[32], sg[32], st[32], asr[32] = "-";
      sigma_cell (sb, sizeof sb, c->sigma_bulk, c->sigma_bulk_se);
      sigma_cell (sg, sizeof sg, c->sigma_gb, c->sigma_gb_se);
      sigma_cell (st, sizeof st, c->sigma_total, c->sigma_total_se);
      double a = eis_series_asr (sf, s, j, NULL);
      if (isfinite (a) && isfinite (c->asr_per_interface_se))
        snprintf (asr, sizeof asr, "%.4g +- %.2g", a, c->asr_per_interface_se);
      else if (isfinite (a))
        snprintf (asr, sizeof asr, "%.4g +- ?", a);
      cli_buf_printf (b, "  %3zu %-*s %-24s %-24s %-24s %s\n", j + 1, rw, roles, sb, sg, st,
                      asr);
    }
  int any = 0;
  for (size_t j = 0; j < n; j++)
    if (sf->changes[j] && sf->changes[j][0])
      {
        if (!any++)
          cli_buf_printf (b, "\n  changes along the series:\n");
        cli_buf_printf (b, "  %3zu %s\n", j + 1, sf->changes[j]);
      }
  if (gf)
    {
      size_t n_sh = 0;
      for (size_t k = 0; k < P; k++)
        if (gf->shared[k])
          {
            if (!n_sh++)
              cli_buf_printf (b, "\n  shared parameters (joint fit):\n");
            if (gf->shared[k] == 2)
              cli_buf_printf (b, "    %-12s %.6g +- %.3g F: C_eff of %s's arc (Q follows R and "
                              "n in each spectrum)\n", "C_eff", gf->ceff[k], gf->ceff_se[k],
                              eis_circuit_param_name (sf->circuit, k));
            else
              cli_buf_printf (b, "    %-12s %.6g +- %.3g\n",
                              eis_circuit_param_name (sf->circuit, k), gf->value[k],
                              gf->stderr_[k]);
          }
    }
  if (sf->n_share_tests)
    {
      cli_buf_printf (b, "\n  sharing tested (each group against the joint fit with it free in "
                      "each spectrum that\n  determines it, an arc's Q shared instead of its "
                      "C_eff, or an inductance left out; rejected\n  when the best of those "
                      "lowers the BIC by more than %.0f):\n", EIS_SERIES_SHARE_DBIC);
      for (size_t i = 0; i < sf->n_share_tests; i++)
        {
          const EisSeriesShareTest *t = &sf->share_tests[i];
          char d[160] = "no alternative converged";
          if (isfinite (t->delta_bic))
            snprintf (d, sizeof d, "Delta BIC %+.1f against %s (reduced chi2 %.4g -> %.4g)",
                      t->delta_bic, eis_share_how_text (t->alternative), t->chi2_shared,
                      t->chi2_free);
          cli_buf_printf (b, "    %-22s %-26s %s\n", t->names,
                          t->untested ? t->given ? "not tested, shared (--shared)"
                                                 : "not tested, shared"
                          : t->accepted ? "accepted, shared"
                          : t->given ? "rejected, shared (--shared)"
                          : "rejected", d);
          if (!t->accepted && !t->untested && !t->given && isfinite (t->delta_bic))
            {
              char what[320];
              eis_share_rejected_text (t, what, sizeof what);
              cli_buf_printf (b, "    %-22s %-26s %s\n", "", "", what);
            }
          if (t->why[0])
            cli_buf_printf (b, "    %-22s %-26s %s\n", "", "", t->why);
        }
    }
  for (size_t w = 0; w < sf->n_notes; w++)
    cli_buf_printf (b, "\n  note: %s\n", sf->notes[w]);
  for (size_t w = 0; w < sf->n_warnings; w++)
    cli_buf_printf (b, "\n  warning: %s\n", sf->warnings[w]);
}

/* eisfit series --format json or csv: the engine's writers (eisfit-gtk's Series page gives
 * the same). */
static int
render_json_csv (CliBuf *b, int csv, const EisSpectrumSeries *s, const EisSeriesFit *sf,
                 const EisGlobalFit *gf, char *const *shared, size_t n_shared, EisError *err)
{
  char *text = csv ? eis_series_csv_dup (s, sf, err)
               : eis_series_json_dup (s, sf, gf, (const char *const *) shared, n_shared, err);

  if (!text)
    return err->code;
  cli_buf_printf (b, csv ? "%s" : "{%s}\n", text);
  free (text);
  return EIS_OK;
}

/* The trend figure: each quantity of NAMES (comma-separated; NULL = the circuit's
 * resistances) against the axis AXIS. */
static int
draw_plot (const char *path, int force, const EisSpectrumSeries *s, const EisSeriesFit *sf,
           int axis, const char *names)
{
  size_t n = s->n;
  char list[1024] = "";
  if (names)
    snprintf (list, sizeof list, "%s", names);
  else
    {
      /* R_bulk, R_interface_total and ASR_per_interface of a Li|electrolyte|Li cell, else
       * the resistances */
      EisSeriesQuantityName dflt[EIS_PLOT_MAX_PANELS];
      size_t nd = eis_series_default_trends (sf, s, dflt, EIS_PLOT_MAX_PANELS), used = 0;
      for (size_t q = 0; q < nd && used < sizeof list; q++)
        used += (size_t) snprintf (list + used, sizeof list - used, "%s%s", q ? "," : "",
                                   dflt[q]);
    }
  EisPlotSeriesTrace tr[EIS_PLOT_MAX_PANELS];
  char titles[EIS_PLOT_MAX_PANELS][80];
  size_t nt = 0;
  double *x = cli_xmalloc (n * sizeof *x);
  double *buf = cli_xmalloc (EIS_PLOT_MAX_PANELS * 2 * (n ? n : 1) * sizeof *buf);
  unsigned char *in_sum = cli_xmalloc (EIS_PLOT_MAX_PANELS * (n ? n : 1));
  for (size_t j = 0; j < n; j++)
    x[j] = axis == EIS_PLOT_SERIES_T ? s->items[j].T_K - KELVIN_0C
           : axis == EIS_PLOT_SERIES_INV_T ? 1000 / s->items[j].T_K
           : axis == EIS_PLOT_SERIES_TIME ? s->items[j].time_s / 3600 : (double) (j + 1);
  int rc = EXIT_OK;
  char *save = NULL;
  for (char *t = strtok_r (list, ",", &save); t && rc == EXIT_OK;
       t = strtok_r (NULL, ",", &save))
    {
      if (nt == EIS_PLOT_MAX_PANELS)
        {
          cli_error ("--plot-params: at most %d quantities", EIS_PLOT_MAX_PANELS);
          rc = EXIT_USAGE;
          break;
        }
      double *v = buf + 2 * nt * n, *e = v + n;
      for (size_t j = 0; j < n; j++)
        if (!eis_series_quantity (sf, s, j, t, &v[j], &e[j]))
          {
            cli_error ("--plot-params: \"%s\" is neither a parameter of %s nor one of R_bulk, "
                       "R_gb, sigma_bulk, sigma_gb, sigma_total, R_interface_total, "
                       "ASR_per_interface, chi2, "
                       "ARC_C_eff", t, eis_circuit_text (sf->circuit));
            rc = EXIT_USAGE;
            break;
          }
      /* The y title with its unit. */
      if (rc != EXIT_OK)
        break;
      const char *unit = eis_series_quantity_unit (sf, t);
      eis_series_quantity_label (t, titles[nt], sizeof titles[nt]);
      tr[nt].name = titles[nt];
      tr[nt].unit = strcmp (unit, "-") ? unit : ""; /* the figure adds it, with a prefix */
      tr[nt].y = v;
      tr[nt].y_err = e;
      for (size_t j = 0; j < n; j++)
        in_sum[nt * n + j] = (unsigned char) eis_series_quantity_in_sum (sf, j, t);
      tr[nt].in_sum = in_sum + nt * n;
      nt++;
    }
  if (rc == EXIT_OK)
    {
      EisPlotSeries ps = { n, x, (EisPlotSeriesAxis) axis, tr, nt, "Series trends" };
      EisError err = { 0 };
      if (eis_plot_to_file (path, 1000, 700, eis_plot_draw_series, &ps, force, &err) != EIS_OK)
        {
          cli_error ("--plot: %s", err.message);
          rc = EXIT_OUTPUT;
        }
    }
  free (x);
  free (in_sum);
  free (buf);
  return rc;
}

int
eisfit_cmd_series (int argc, char **argv)
{
  CliFitArgs args;
  cli_fit_args_init (&args);
  static const struct option own[] = {
    { "by", required_argument, NULL, OPT_BY },
    { "series", required_argument, NULL, OPT_SERIES },
    { "shared", required_argument, NULL, OPT_SHARED },
    { "plot-x", required_argument, NULL, OPT_PLOT_X },
    { "plot-params", required_argument, NULL, OPT_PLOT_PARAMS },
    { "quiet", no_argument, NULL, 'q' },
    { "jobs", required_argument, NULL, 'j' },
    { "help", no_argument, NULL, 'h' },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  SeriesState st = { -1, NULL, { NULL }, 0, -1, NULL };
  int pr = cli_parse_command_line (argc, argv, "c:f:o:j:qh", own, sizeof own / sizeof own[0],
                                   CLI_OPTS_OUTPUT | CLI_OPTS_INPUT | CLI_OPTS_FIT, &args, &oa,
                                   NULL, series_option, &st, "series");
  int rc = EXIT_OK;
  CliSeriesRun run;
  memset (&run, 0, sizeof run);
  CliBuf out = { 0 };
  if (pr != 0)
    {
      rc = pr < 0 ? EXIT_OK : pr;
      goto done;
    }
  if (args.n_circuits > 1)
    {
      cli_error ("--circuit given %zu times: eisfit %s uses one circuit (compare circuits with "
                 "eisfit FILE -c A -c B)", args.n_circuits, "series");
      rc = EXIT_USAGE;
      goto done;
    }
  if (cli_fit_args_finish (&args) != 0)
    {
      rc = EXIT_USAGE;
      goto done;
    }
  /* The trend plot's options without the plot: refused like --refit without --project. */
  if (oa.plot == NULL && (st.plot_x >= 0 || st.plot_params != NULL))
    {
      cli_error ("%s: only with --plot FILE (it chooses what the trend plot shows; without "
                 "--plot no figure is drawn)", st.plot_params ? "--plot-params" : "--plot-x");
      rc = EXIT_USAGE;
      goto done;
    }
  CliSeriesSetup sup = {
    .command = "series", .manifest = st.series, .need_T = st.by == 0, .need_geom = 0,
    .output = oa.output, .plot = oa.plot, .by = st.by,
    .need_key = st.plot_x == EIS_PLOT_SERIES_TIME ? 't'
                : st.plot_x == EIS_PLOT_SERIES_T || st.plot_x == EIS_PLOT_SERIES_INV_T ? 'T' : 0,
    .shared = (const char *const *) st.shared, .n_shared = st.n_shared,
    .joint_what = st.n_shared ? "--shared" : "the joint fit of the series",
  };
  rc = cli_series_run (&run, argc, argv, optind, &args, &sup);
  if (!run.reportable)
    goto done;
  CliSeriesInput *in = &run.in;
  const EisSeriesFit *sf = run.sf;
  const EisGlobalFit *gf = run.joint;
  int by = run.by;
  for (size_t j = 0; j < sf->n; j++)
    if (sf->fits[j] == NULL || sf->fits[j]->status != EIS_FIT_CONVERGED)
      {
        cli_warning ("%s: spectrum %d: %s", in->series.items[j].file, in->series.items[j].number,
                     sf->fits[j] ? sf->fits[j]->message : "could not be fitted");
        rc = EXIT_FIT;
      }
  for (size_t w = 0; w < sf->n_notes; w++)
    cli_note ("%s", sf->notes[w]);
  for (size_t w = 0; w < sf->n_warnings; w++)
    cli_warning ("%s", sf->warnings[w]);
  if (oa.format == CLI_FORMAT_TEXT)
    render_text (&out, &in->series, sf, gf);
  else
    {
      EisError jerr = { 0 };
      if (render_json_csv (&out, oa.format == CLI_FORMAT_CSV, &in->series, sf, gf, st.shared,
                           st.n_shared, &jerr) != EIS_OK)
        {
          cli_error ("%s", jerr.message);
          rc = cli_exit_for_status (jerr.code);
          goto done;
        }
    }
  if (oa.plot)
    {
      int axis = st.plot_x >= 0 ? st.plot_x
                 : by == EIS_SERIES_BY_TEMPERATURE ? EIS_PLOT_SERIES_T
                 : by == EIS_SERIES_BY_TIME ? EIS_PLOT_SERIES_TIME : EIS_PLOT_SERIES_INDEX;
      int prc = draw_plot (oa.plot, oa.force, &in->series, sf, axis, st.plot_params);
      if (prc != EXIT_OK)
        {
          rc = prc;
          goto done;
        }
      if (oa.format == CLI_FORMAT_TEXT)
        {
          cli_buf_printf (&out, "\nplot written to ");
          cli_buf_name (&out, oa.plot);
          cli_buf_printf (&out, "\n");
        }
    }
  EisError err = { 0 };
  if (cli_write_file_atomic (oa.output, out.data ? out.data : "", out.len, oa.force, &err)
      != EIS_OK)
    {
      cli_error ("%s", err.message);
      rc = EXIT_OUTPUT;
    }
done:
  cli_buf_free (&out);
  cli_series_run_clear (&run);
  for (size_t q = 0; q < st.n_shared; q++)
    free (st.shared[q]);
  return rc;
}
