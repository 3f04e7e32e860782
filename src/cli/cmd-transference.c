/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `eisfit transference`: the Li+ transference number by DC polarization with impedance
 * before and after (Bruce & Vincent, J. Electroanal. Chem. 225 (1987) 1; Evans, Vincent &
 * Bruce, Polymer 28 (1987) 2324). The interfacial resistances R0 and Rss come from fits of
 * the two spectra, the currents from the DC series. */
#include <config.h>
#include "c-number.h"
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "report.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import.h"
#include "plot.h"
#include "project.h"
#include "project-input.h"
#include "transference.h"

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit transference --polarization FILE --before FILE --after FILE [OPTIONS]\n"
           "       eisfit transference --polarization FILE [--during FILE[@TIME]...] [OPTIONS]\n"
           "       eisfit transference --project P.eisfit [OPTIONS]\n"
           "Li+ transference number of a symmetric Li|electrolyte|Li cell by the Bruce-Vincent\n"
           "method: the interfacial resistance before (R_int,0) and after (R_int,ss) the hold from\n"
           "fits of the two spectra, I0 and Iss from the DC series,\n"
           "t+ = Iss (dV - I0 R_int,0) / (I0 (dV - Iss R_int,ss)).\n\n"
           "Input:\n"
           "      --polarization FILE  the DC series (time, current, optional voltage)\n"
           "      --before FILE        impedance spectrum before the hold\n"
           "      --after FILE         impedance spectrum at steady state\n"
           "      --during FILE[@TIME] spectra measured during the hold (more files may follow);\n"
           "                           TIME since the step (90s, 30min, 2h), else the file's time\n"
           "                           column on the polarization file's clock\n"
           "      --voltage V          applied step: 10mV, 0.01V (default: the voltage column;\n"
           "                           one the column contradicts gives way to it)\n"
           "      --voltage-as-given   use --voltage even where the voltage column disagrees\n"
           "      --method M           bv (Bruce-Vincent-Evans, default), watanabe or ratio\n"
           "      --i0 RULE            auto (default), extrapolated, first or calculated\n"
           "      --spike-window TIME  leave out this long after the step (default: found)\n"
           "      --interface-arcs LIST  the arcs that form the interface (R_int,0, R_int,ss), by\n"
           "                           the name of their resistance or their label: R1,R2;\n"
           "                           every other arc is electrolyte (default: by capacitance)\n"
           "      --rb OHM, --r0 OHM, --rss OHM  R_b, R_int,0, R_int,ss as typed (exact) instead of\n"
           "                           from the fits\n"
           "      --project P.eisfit   the polarization, spectra, fits and choices saved on\n"
           "                           eisfit-gtk's Transference tab (as it computes t+)\n\n"
           "%s%s%s"
           "Output:\n"
           "  -f, --format FMT       text (default), csv or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw current against time to FILE.png/.svg/.pdf\n"
           "  -q, --quiet            no warnings on standard error (the report keeps them)\n"
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
  double x = eis_strtod (text, &end);
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

/* "90s", "30min", "2h", "45" (bare = s) -> s. */
static int
parse_time (const char *text, double *v)
{
  char *end;
  double x = eis_strtod (text, &end);
  if (end == text || !isfinite (x) || x < 0)
    return -1;
  while (*end == ' ')
    end++;
  if (*end == '\0' || strcmp (end, "s") == 0)
    *v = x;
  else if (strcmp (end, "min") == 0)
    *v = 60 * x;
  else if (strcmp (end, "h") == 0)
    *v = 3600 * x;
  else
    return -1;
  return 0;
}

/* One fitted spectrum and its interfacial resistance. */
typedef struct {
  const char *path;
  int rint_typed;             /* its R_int is typed (--r0, --rss): no interface arc needed */
  long proj_k;                /* with --project: its [spectrum] (0-based) */
  EisDataFile *df;
  const EisSpectrum *sp;      /* the spectrum fitted */
  CliFitOutcome fit;
  int fitted;
  double R_int, R_int_se;     /* Ohm */
  char how[640];              /* which arcs were taken as the interface */
  EisBVResistances res;       /* R_int, R_b and the other reading of ambiguous arcs */
  EisCellType cell;           /* --cell, or the project's cell= (unspecified: li-symmetric) */
} Side;

static const char *interface_arcs;   /* --interface-arcs */
static int side_finish (Side *s, const char *what);

/* Fits SP (the last spectrum of S->df, or one the caller gives) for side WHAT. */
static int
fit_side_spectrum (const CliFitArgs *args, Side *s, const EisSpectrum *sp, const char *what)
{
  EisError err = { 0 };
  s->sp = sp;
  int st = cli_fit_spectrum (args, sp, &s->fit, &err);
  if (st != EIS_OK)
    {
      cli_error ("--%s: %s", what, err.message);
      return cli_exit_for_status (st);
    }
  return side_finish (s, what);
}

/* The interfacial resistance of the fitted side S: the fit read as eisfit-gtk's Transference
 * page reads it (eis_bv_fit_resistances: a Li|Li cell, roles from C_eff without the geometry),
 * which replaces S->fit.cond. */
static int
side_finish (Side *s, const char *what)
{
  EisError err = { 0 };
  s->fitted = 1;
  int st = eis_bv_fit_resistances (s->fit.circuit, s->fit.fit, s->cell, NULL, interface_arcs,
                                   &s->fit.cond, &s->res, &err);
  if (st == EIS_ERR_INVALID)
    {
      cli_error ("--%s: %s: --interface-arcs: %s", what, s->path, err.message);
      return EXIT_USAGE;
    }
  if (st != EIS_OK && st != EIS_ERR_DATA)
    {
      cli_error ("--%s: %s: %s", what, s->path, err.message);
      return cli_exit_for_status (st);
    }
  s->R_int = s->res.R_int;
  s->R_int_se = s->res.R_int_se;
  snprintf (s->how, sizeof s->how, "%s", s->res.how);
  if (!isfinite (s->R_int) && !s->rint_typed)
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
  if (s->fit.fit->choice_doubtful)
    {
      cli_warning ("--%s: %s: untrusted: no candidate circuit is converged, determined and "
                   "admissible; %s is used (give a circuit with --circuit)", what, s->path,
                   eis_circuit_text (s->fit.circuit));
      return EXIT_FIT;
    }
  return EXIT_OK;
}

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
  return fit_side_spectrum (args, s, s->df->spectra[s->df->n_spectra - 1], what);
}

/* Side WHAT of a project (S->proj_k, in the file S->path) as eisfit-gtk's Transference tab
 * takes it: the project's saved fit (refitted with its settings, and said, when there is none
 * or the file changed), read without the geometry and with the file's cell type. */
static int
fit_side_project (const CliProjectRun *run, Side *s, const char *what)
{
  const EisProjectSpectrum *ps = &cli_project_get (run)->spectra[s->proj_k];
  const CliFitArgs *a = cli_project_spectrum_args (run, s->proj_k);
  EisError err = { 0 };
  if (a == NULL)
    return EXIT_INPUT;   /* said by cli_project_prepare */
  s->cell = a->cell;
  if (a->cell == EIS_CELL_BLOCKING || a->cell == EIS_CELL_LIQUID)
    {
      /* as --cell refuses it: the project says this spectrum is not of a Li|Li cell */
      cli_error ("--project: %s: %s is a %s cell in the project (cell=%s): the transference "
                 "number is measured on a Li|electrolyte|Li cell (cell=li-symmetric)", what,
                 s->path, eis_cell_name (a->cell), eis_cell_name (a->cell));
      return EXIT_INPUT;
    }
  int ist = eis_import (s->path, &a->import, &s->df, &err);
  if (ist != EIS_OK)
    {
      char prefix[32];
      snprintf (prefix, sizeof prefix, "--project: %s: ", what);
      cli_import_error (prefix, &err);
      return cli_exit_for_import (ist);
    }
  cli_import_warnings (s->path, s->df);
  if (ps->index < 0 || (size_t) ps->index >= s->df->n_spectra)
    {
      cli_error ("--project: %s: [spectrum %ld] is spectrum %d of %s, which holds %zu", what,
                 s->proj_k + 1, ps->index + 1, s->path, s->df->n_spectra);
      return EXIT_INPUT;
    }
  s->sp = s->df->spectra[ps->index];
  int st = cli_project_saved_outcome (run, (size_t) s->proj_k, s->sp, &s->fit, &err);
  if (st == EIS_ERR_DATA)
    {
      cli_warning ("--project: %s: %s: fitted now with its settings", what, err.message);
      st = cli_fit_spectrum (a, s->sp, &s->fit, &err);
    }
  if (st == EIS_OK)
    st = eis_conductivity_analyse_cell (s->fit.circuit, s->fit.fit, NULL, a->cell,
                                        &s->fit.cond, &err);
  if (st != EIS_OK)
    {
      cli_error ("--project: %s: %s", what, err.message);
      cli_fit_outcome_clear (&s->fit);
      return cli_exit_for_status (st);
    }
  return side_finish (s, what);
}

/* The spectra before and after the hold were fitted with different circuits: both take one
 * circuit by the engine's rule (eis_bv_common_circuit: from the automatic choice, the circuit
 * whose two fits are sound with the lower summed BIC; with a project, a circuit its spectrum
 * asks for (circuit=) is the user's and wins, as in eisfit-gtk's Transference tab), said on
 * stderr; when no circuit fits both (soundly), they stay apart, with a warning. PROJECT: the
 * sides are a project's spectra (their own options), else ARGS hold for both. */
static int
common_circuit (const CliFitArgs *args, const CliProjectRun *project, Side *bef, Side *aft)
{
  const CliFitArgs *ab = project ? cli_project_spectrum_args (project, bef->proj_k) : args;
  const CliFitArgs *aa = project ? cli_project_spectrum_args (project, aft->proj_k) : args;
  if (ab == NULL || aa == NULL)
    return EXIT_INPUT;   /* said by cli_project_prepare */
  EisFitOptions fb = ab->fit, fa = aa->fit;
  cli_range_apply (&ab->range, &fb);
  cli_range_apply (&aa->range, &fa);
  const EisProject *pr = project ? cli_project_get (project) : NULL;
  const char *ub = pr ? pr->spectra[bef->proj_k].circuit : NULL;
  const char *ua = pr ? pr->spectra[aft->proj_k].circuit : NULL;
  EisBVCircuitSide b = { bef->sp, bef->fit.circuit, bef->fit.fit, &fb, ub && *ub };
  EisBVCircuitSide a = { aft->sp, aft->fit.circuit, aft->fit.fit, &fa, ua && *ua };
  EisBVCommonCircuit cc;
  EisError err = { 0 };
  if (eis_bv_common_circuit (&b, &a, &cc, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);
      return EXIT_INTERNAL;
    }
  if (cc.choice == EIS_BV_CIRCUIT_SAME)
    return EXIT_OK;
  int apart = cc.choice == EIS_BV_CIRCUIT_APART || cc.choice == EIS_BV_CIRCUIT_USER;
  char lb[1100], la[1100], text[4096];
  snprintf (lb, sizeof lb, "--before%s%s", apart ? " " : "", apart ? bef->path : "");
  snprintf (la, sizeof la, "--after%s%s", apart ? " " : "", apart ? aft->path : "");
  eis_bv_common_circuit_text (&cc, lb, la,
                              project ? (apart ? "give both spectra one circuit= in the project"
                                               : "the project's circuit= sets it")
                              : apart ? "give one circuit with --circuit" : "--circuit sets it",
                              text, sizeof text);
  cli_warning ("%s", text);
  int rc = EXIT_OK;
  if (!apart)
    {
      /* the side whose circuit lost takes its fit with the other's */
      int keep_b = cc.choice == EIS_BV_CIRCUIT_BEFORE;
      Side *redo = keep_b ? aft : bef;
      const CliFitArgs *ar = keep_b ? aa : ab;
      cli_fit_outcome_clear (&redo->fit);
      redo->fit.circuit = cc.circuit;
      redo->fit.fit = cc.fit;
      cc.circuit = NULL, cc.fit = NULL;
      /* a project's side is read without the geometry, as fit_side_project reads it */
      int st = project ? eis_conductivity_analyse_cell (redo->fit.circuit, redo->fit.fit, NULL,
                                                        ar->cell, &redo->fit.cond, &err)
                       : cli_fit_outcome_finish (ar, redo->sp, &redo->fit, &err);
      if (st != EIS_OK)
        {
          cli_error ("--%s: %s", keep_b ? "after" : "before", err.message);
          cli_fit_outcome_clear (&redo->fit);
          eis_bv_common_circuit_clear (&cc);
          return EXIT_FIT;
        }
      rc = side_finish (redo, keep_b ? "after" : "before");
    }
  eis_bv_common_circuit_clear (&cc);
  return rc;
}

/* A spectrum of the interface during the hold, from --during or the polarization file. */
typedef struct {
  const EisSpectrum *sp;
  const char *path;
  double time_s;              /* since the step */
} During;

typedef struct {
  size_t n;
  During *d;                  /* sorted by time */
  EisBVInterfacePoint *pt;
  EisFitResult **fits;
  size_t i_r0, i_rss;         /* which point gave R0, Rss; (size_t) -1: the --before/--after */
} Track;

static int
during_cmp (const void *a, const void *b)
{
  double x = ((const During *) a)->time_s, y = ((const During *) b)->time_s;
  return (x > y) - (x < y);
}

static void
render_text (CliBuf *b, const Side *bef, const Side *aft, const char *pol,
             const EisBVResult *r, const Track *tr)
{
  cli_buf_printf (b, "Li+ transference number: %s\n", eis_bv_method_label (r->method));
  if (bef->fitted)
    {
      cli_buf_printf (b, "  before       ");
      cli_buf_name (b, bef->path);
      cli_buf_printf (b, "\n               circuit %s\n", eis_circuit_text (bef->fit.circuit));
    }
  cli_buf_printf (b, "               R_int,0 = %.4g +- %.2g Ohm from %s%s\n", r->R0_ohm, r->R0_se_ohm,
                  tr->i_r0 == (size_t) -1 ? bef->how : tr->pt[tr->i_r0].how,
                  tr->i_r0 == (size_t) -1 ? "" : " (the spectrum nearest the step)");
  /* the electrolyte's arcs besides the bulk (a grain-boundary arc, or an arc of ambiguous
   * role taken as electrolyte) are in R_b too: named */
  char rb_parts[400] = "";
  if (bef->fitted && !bef->res.user && !bef->fit.cond.split_ambiguous)
    {
      const EisConductivity *cd = &bef->fit.cond;
      /* an intercept with no electrolyte arc beyond it is bulk and grain boundary together:
       * not sigma_bulk (the fit's caution, not printed here), but all of R_b */
      const char *icpt = NULL;
      for (size_t k = 0; cd->intercept_total && k < cd->n_arcs; k++)
        if (cd->arcs[k].role == EIS_ROLE_INTERCEPT)
          icpt = cd->arcs[k].label;
      if (icpt)
        snprintf (rb_parts, sizeof rb_parts, "the high-frequency intercept %s, bulk and any "
                  "grain boundary together", icpt);
      else
        cli_source_reason (cd->bulk_source, rb_parts, sizeof rb_parts);
      size_t len = strlen (rb_parts);
      for (size_t k = 0; k < cd->n_arcs && len < sizeof rb_parts; k++)
        {
          const EisArc *a = &cd->arcs[k];
          double C = cd->have_geometry ? a->C_specific : a->C_eff;
          /* an arc of open role is the interface's in the first reading (eis_bv_resistances) */
          int open_role = C >= EIS_BV_AMBIGUOUS_C_LO && C <= EIS_BV_AMBIGUOUS_C_HI;
          if ((a->role == EIS_ROLE_GRAIN_BOUNDARY || a->role == EIS_ROLE_ELECTROLYTE)
              && isfinite (a->R) && !open_role)
            len += (size_t) snprintf (rb_parts + len, sizeof rb_parts - len, " + %s (%s, R %.4g "
                                      "Ohm)", a->label, eis_role_text (a->role), a->R);
        }
    }
  if (isfinite (r->Rb_ohm))
    cli_buf_printf (b, "               R_b = %.4g +- %.2g Ohm (the electrolyte: %s)\n", r->Rb_ohm,
                    r->Rb_se_ohm, bef->fitted && bef->res.user ? "every arc not named "
                    "interfacial" : bef->fitted && bef->fit.cond.split_ambiguous ? "bulk and "
                    "grain boundary together, not separated by the data" : rb_parts);
  else
    {
      /* the bulk source's reason, without its "none: " and "see the caution" (the fit's
       * cautions are not in this report) */
      char why[sizeof bef->fit.cond.bulk_source] = "";
      if (bef->fitted)
        cli_source_reason (bef->fit.cond.bulk_source, why, sizeof why);
      cli_buf_printf (b, "               R_b   not determined%s%s%s: no dV/(R_b + R_int,0) and no "
                      "Watanabe form\n", why[0] ? " (" : "", why, why[0] ? ")" : "");
    }
  if (aft->fitted)
    {
      cli_buf_printf (b, "  after        ");
      cli_buf_name (b, aft->path);
      cli_buf_printf (b, "\n               circuit %s\n", eis_circuit_text (aft->fit.circuit));
    }
  cli_buf_printf (b, "               R_int,ss = %.4g +- %.2g Ohm from %s%s\n", r->Rss_ohm,
                  r->Rss_se_ohm,
                  tr->i_rss == (size_t) -1 ? aft->how : tr->pt[tr->i_rss].how,
                  tr->i_rss == (size_t) -1 ? "" : " (the spectrum nearest the end of the hold)");
  if (tr->n > 0)
    {
      cli_buf_printf (b, "  interface during the hold (%s, each fit starting from the one before)\n"
                      "        t/s      R_int/Ohm   R_b/Ohm  fit        file\n",
                      bef->fitted ? eis_circuit_text (bef->fit.circuit) : "");
      for (size_t i = 0; i < tr->n; i++)
        cli_buf_printf (b, "    %9.4g  %9.4g +- %-7.2g %8.4g  %-9s  %s\n", tr->d[i].time_s,
                        tr->pt[i].R_int_ohm, tr->pt[i].R_int_se_ohm, tr->pt[i].R_b_ohm,
                        eis_fit_status_name (tr->pt[i].status), tr->d[i].path);
    }
  cli_buf_printf (b, "  polarization ");
  cli_buf_name (b, pol);
  cli_buf_printf (b, " (%.4g s)\n", r->hold_s);
  if (r->dV_from_series)
    cli_buf_printf (b, "  dV   %.4g mV (from the voltage column: %+.4g mV)\n", 1e3 * r->dV_V,
                    1e3 * r->dV_signed_V);
  else if (isfinite (r->dV_signed_V))
    cli_buf_printf (b, "  dV   %.4g mV (given as %+.4g mV: its sign compared with the "
                    "current's)\n", 1e3 * r->dV_V, 1e3 * r->dV_signed_V);
  else
    cli_buf_printf (b, "  dV   %.4g mV (given)\n", 1e3 * r->dV_V);
  /* one truth with JSON spike_found / spike_window_given */
  if (r->spike_found || (!r->spike_auto && r->spike_points > 0))
    cli_buf_printf (b, "  spike  0..%.4g s after the step left out (%zu point%s, %s, peak %.3e A "
                    "above the decay)\n", r->spike_end_s, r->spike_points,
                    r->spike_points == 1 ? "" : "s", r->spike_found ? "found" : "given",
                    r->spike_peak_A);
  else
    cli_buf_printf (b, "  spike  none %s\n", r->spike_auto ? "found" : "left out (given)");
  cli_buf_printf (b, "  %s\n", r->method_text);
  cli_buf_printf (b, "  I0   %.5e +- %.2e A  (%s)\n       used: %s\n", r->I0_A, r->I0_se_A,
                  eis_bv_i0_method_name (r->i0_method), r->i0_reason);
  cli_buf_printf (b, "       measured %.5e +- %.2e A (first point %.5e A)", r->I0_meas_A,
                  r->I0_meas_se_A, r->I0_first_A);
  if (isfinite (r->I0_calc_A))
    cli_buf_printf (b, ", calculated dV/(R_b + R_int,0) %.5e +- %.2e A", r->I0_calc_A, r->I0_calc_se_A);
  cli_buf_printf (b, "\n  Iss  %.5e +- %.2e A  (%s)\n       used: %s\n", r->Iss_A, r->Iss_se_A,
                  eis_bv_iss_source_name (r->iss_source), r->iss_reason);
  cli_buf_printf (b, "       plateau mean %.5e A (from %.4g s, %zu points, drift %+.3g %%/h)",
                  r->Iss_plateau_A, r->plateau_start_s, r->plateau_points, 100 * r->drift_per_h);
  if (isfinite (r->Iss_extrap_A))
    cli_buf_printf (b, ", decay asymptote %.5e A", r->Iss_extrap_A);
  {
    /* the headline and every form of t+, in the words eisfit-gtk's Transference page uses */
    EisTextBuf t = { 0 };
    const char *what = bef->res.n_ambiguous ? bef->res.ambiguous : aft->res.ambiguous;
    int to_int = bef->res.n_ambiguous ? bef->res.alt_adds_to_interface
                                      : aft->res.alt_adds_to_interface;

    eis_text_buf_printf (&t, "\n\n  ");
    eis_bv_headline_text (&t, r, what, to_int, EIS_BV_TEXT_ASCII);
    eis_text_buf_printf (&t, "\n");
    eis_bv_forms_text (&t, r, what, to_int, EIS_BV_TEXT_ASCII);
    cli_buf_printf (b, "%s", t.data && !t.failed ? t.data : "\n  (out of memory)\n");
    free (t.data);
  }
  if (r->n_messages == 0)
    cli_buf_printf (b, "  no warnings\n");
  for (size_t i = 0; i < r->n_messages; i++)
    cli_buf_printf (b, "  warning: %s\n", r->messages[i]);
}

static void
render_csv (CliBuf *b, const EisBVResult *r, const Track *tr)
{
  cli_buf_printf (b, "t_plus,t_plus_stderr,method,t_bv,t_bv_stderr,t_watanabe,t_watanabe_stderr,"
                  "ratio,ratio_stderr,t_plus_calculated,t_bv_measured_I0,I0_A,I0_stderr_A,"
                  "i0_method,I0_measured_A,I0_calculated_A,spike_end_s,spike_points,Iss_A,"
                  "Iss_stderr_A,iss_source,tau_s,R0_Ohm,R0_stderr_Ohm,Rss_Ohm,Rss_stderr_Ohm,"
                  "Rb_Ohm,dV_V,warnings,t_plus_other_reading,t_plus_other_reading_stderr,"
                  "R0_other_reading_Ohm,Rss_other_reading_Ohm\n");
  /* no t+ (a negative formula, r->no_t_plus): empty fields, as every number not given */
  if (isfinite (r->t_plus))
    cli_buf_printf (b, "%.10g,%.10g,%s", r->t_plus, r->t_plus_se, eis_bv_method_name (r->method));
  else
    cli_buf_printf (b, ",,%s", eis_bv_method_name (r->method));
  double v[] = { r->t_bv, r->t_bv_se, r->t_watanabe, r->t_watanabe_se, r->ratio, r->ratio_se,
                 r->t_plus_calc, r->t_bv_meas, r->I0_A, r->I0_se_A };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    if (isfinite (v[i]))
      cli_buf_printf (b, ",%.10g", v[i]);
    else
      cli_buf_printf (b, ",");
  cli_buf_printf (b, ",%s", eis_bv_i0_method_name (r->i0_method));
  double u[] = { r->I0_meas_A, r->I0_calc_A, r->spike_end_s, (double) r->spike_points, r->Iss_A,
                 r->Iss_se_A };
  for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
    if (isfinite (u[i]))
      cli_buf_printf (b, ",%.10g", u[i]);
    else
      cli_buf_printf (b, ",");
  cli_buf_printf (b, ",%s", eis_bv_iss_source_name (r->iss_source));
  double w[] = { r->decay_tau_s, r->R0_ohm, r->R0_se_ohm, r->Rss_ohm, r->Rss_se_ohm,
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
  double alt[] = { r->alt_t_plus, r->alt_t_plus_se, r->alt_R0_ohm, r->alt_Rss_ohm };
  for (size_t i = 0; i < sizeof alt / sizeof alt[0]; i++)
    if (r->has_alt && isfinite (alt[i]))
      cli_buf_printf (b, ",%.10g", alt[i]);
    else
      cli_buf_printf (b, ",");
  cli_buf_printf (b, "\n");
  if (tr->n > 0)
    {
      /* R_int(t): a second table after a blank line */
      cli_buf_printf (b, "\ntime_s,R_int_Ohm,R_int_stderr_Ohm,Rb_Ohm,fit_status,file\n");
      for (size_t i = 0; i < tr->n; i++)
        {
          cli_buf_printf (b, "%.10g,%.10g,%.10g,", tr->d[i].time_s, tr->pt[i].R_int_ohm,
                          tr->pt[i].R_int_se_ohm);
          if (isfinite (tr->pt[i].R_b_ohm))
            cli_buf_printf (b, "%.10g", tr->pt[i].R_b_ohm);
          cli_buf_printf (b, ",%s,", eis_fit_status_name (tr->pt[i].status));
          cli_buf_csv_string (b, tr->d[i].path);
          cli_buf_printf (b, "\n");
        }
    }
}

static void
json_num (CliBuf *b, const char *key, double v)
{
  cli_buf_json_member_number (b, ",\n  ", key, v);
}

static void
json_str (CliBuf *b, const char *key, const char *v)
{
  cli_buf_json_member_string (b, ",\n  ", key, v);
}

/* A refusal as JSON (--format json): the object a result would be, with t_plus null, the
 * error said on stderr (WHY), the exit status, and the resistances the spectra gave (IN), so
 * that a script reading the output sees why there is no t+ (it got 0 bytes before). */
static void
render_json_refusal (CliBuf *b, const Side *bef, const Side *aft, const char *pol,
                     const EisBVInput *in, const char *why, int status)
{
  cli_buf_printf (b, "{\"t_plus\": null, \"t_plus_stderr\": null");
  cli_buf_printf (b, ",\n  \"refused\": true");
  json_str (b, "error", why && why[0] ? why : "refused (see the message on standard error)");
  json_num (b, "exit_status", status);
  json_num (b, "R0_Ohm", in->R0_ohm);
  json_num (b, "R0_stderr_Ohm", in->R0_se_ohm);
  json_num (b, "Rss_Ohm", in->Rss_ohm);
  json_num (b, "Rss_stderr_Ohm", in->Rss_se_ohm);
  json_num (b, "Rb_Ohm", in->Rb_ohm);
  json_num (b, "Rb_stderr_Ohm", in->Rb_se_ohm);
  if (bef->fitted)
    {
      json_str (b, "before", bef->path);
      json_str (b, "before_circuit", eis_circuit_text (bef->fit.circuit));
      json_str (b, "R0_from", bef->how);
    }
  if (aft->fitted)
    {
      json_str (b, "after", aft->path);
      json_str (b, "after_circuit", eis_circuit_text (aft->fit.circuit));
      json_str (b, "Rss_from", aft->how);
    }
  if (pol)
    json_str (b, "polarization", pol);
  cli_buf_printf (b, "\n}\n");
}

static void
render_json (CliBuf *b, const Side *bef, const Side *aft, const char *pol,
             const EisBVResult *r, const Track *tr)
{
  cli_buf_json_member_number (b, "{", "t_plus", r->t_plus);
  json_num (b, "t_plus_stderr", r->t_plus_se);
  /* with an arc of ambiguous role: t_plus is the first reading's, and the result is the range
   * of both (other_reading) */
  double low, high;
  int two = eis_bv_result_range (r, &low, &high);
  cli_buf_printf (b, ", \"t_plus_ambiguous\": %s", two ? "true" : "false");
  json_num (b, "t_plus_low", low);
  json_num (b, "t_plus_high", high);
  /* no t+: t_plus null, the formula's value and why (one truth with the text's "t+ none") */
  json_num (b, "t_plus_computed", r->t_plus_computed);
  if (r->no_t_plus[0])
    json_str (b, "no_t_plus", r->no_t_plus);
  else
    cli_buf_printf (b, ", \"no_t_plus\": null");
  json_str (b, "method", eis_bv_method_name (r->method));
  json_str (b, "method_label", eis_bv_method_label (r->method));
  json_num (b, "t_bv", r->t_bv);
  json_num (b, "t_bv_stderr", r->t_bv_se);
  json_num (b, "t_bv_measured_I0", r->t_bv_meas);
  json_num (b, "t_bv_measured_I0_stderr", r->t_bv_meas_se);
  json_num (b, "t_watanabe", r->t_watanabe);
  json_num (b, "t_watanabe_stderr", r->t_watanabe_se);
  json_num (b, "ratio", r->ratio);
  json_num (b, "ratio_stderr", r->ratio_se);
  json_num (b, "t_plus_calculated", r->t_plus_calc);
  json_num (b, "t_plus_calculated_stderr", r->t_plus_calc_se);
  json_num (b, "I0_A", r->I0_A);
  json_num (b, "I0_stderr_A", r->I0_se_A);
  json_str (b, "i0_rule", eis_bv_i0_method_name (r->i0_requested));
  json_str (b, "i0_method", eis_bv_i0_method_name (r->i0_method));
  json_str (b, "i0_reason", r->i0_reason);
  json_num (b, "I0_measured_A", r->I0_meas_A);
  json_num (b, "I0_measured_stderr_A", r->I0_meas_se_A);
  json_num (b, "I0_first_A", r->I0_first_A);
  json_num (b, "I0_extrapolated_A", r->I0_extrap_A);
  json_num (b, "I0_calculated_A", r->I0_calc_A);
  json_num (b, "I0_calculated_stderr_A", r->I0_calc_se_A);
  /* spike_found: a spike the search found (the text's "none found" when false and
   * spike_window_given is false); a window given is spike_window_given */
  cli_buf_printf (b, ",\n  \"spike_found\": %s, \"spike_window_given\": %s",
                  r->spike_found ? "true" : "false", r->spike_auto ? "false" : "true");
  json_num (b, "spike_end_s", r->spike_end_s);
  json_num (b, "spike_points", (double) r->spike_points);
  json_num (b, "spike_peak_A", r->spike_peak_A);
  json_num (b, "decay_tau_s", r->decay_tau_s);
  json_num (b, "decay_tau_stderr_s", r->decay_tau_se_s);
  json_num (b, "decay_from_s", r->decay_from_s);
  json_num (b, "decay_slope_A_per_s", r->decay_slope_A_per_s);
  json_num (b, "noise_A", r->noise_A);
  json_num (b, "Iss_A", r->Iss_A);
  json_num (b, "Iss_stderr_A", r->Iss_se_A);
  json_str (b, "iss_source", eis_bv_iss_source_name (r->iss_source));
  json_str (b, "iss_reason", r->iss_reason);
  json_num (b, "Iss_plateau_A", r->Iss_plateau_A);
  json_num (b, "Iss_end_A", r->Iss_end_A);
  json_num (b, "Iss_extrapolated_A", r->Iss_extrap_A);
  cli_buf_printf (b, ",\n  \"plateau_found\": %s", r->plateau_found ? "true" : "false");
  json_num (b, "plateau_start_s", r->plateau_start_s);
  json_num (b, "drift_per_h", r->drift_per_h);
  json_num (b, "hold_s", r->hold_s);
  json_num (b, "R0_Ohm", r->R0_ohm);
  json_num (b, "R0_stderr_Ohm", r->R0_se_ohm);
  json_num (b, "Rss_Ohm", r->Rss_ohm);
  json_num (b, "Rss_stderr_Ohm", r->Rss_se_ohm);
  json_num (b, "Rb_Ohm", r->Rb_ohm);
  json_num (b, "Rb_stderr_Ohm", r->Rb_se_ohm);
  json_num (b, "Rb_ss_Ohm", r->Rb_ss_ohm);
  json_num (b, "dV_V", r->dV_V);
  json_num (b, "dV_signed_V", r->dV_signed_V);
  cli_buf_printf (b, ",\n  \"dV_from_series\": %s", r->dV_from_series ? "true" : "false");
  if (bef->fitted)
    {
      json_str (b, "before", bef->path);
      json_str (b, "before_circuit", eis_circuit_text (bef->fit.circuit));
    }
  json_str (b, "R0_from", tr->i_r0 == (size_t) -1 ? bef->how : tr->pt[tr->i_r0].how);
  cli_buf_printf (b, ",\n  \"interface_arcs_given\": %s", interface_arcs ? "true" : "false");
  cli_buf_printf (b, ",\n  \"other_reading\": ");
  if (r->has_alt)
    {
      cli_buf_json_member_string (b, "{", "arcs",
                                  bef->res.n_ambiguous ? bef->res.ambiguous : aft->res.ambiguous);
      cli_buf_printf (b, ", \"counted_as\": \"%s\", \"R0_Ohm\": ",
                      (bef->res.n_ambiguous ? bef->res.alt_adds_to_interface
                       : aft->res.alt_adds_to_interface) ? "interface" : "electrolyte");
      cli_buf_json_number (b, r->alt_R0_ohm);
      cli_buf_json_member_number (b, ", ", "Rss_Ohm", r->alt_Rss_ohm);
      cli_buf_json_member_number (b, ", ", "Rb_Ohm", r->alt_Rb_ohm);
      cli_buf_json_member_number (b, ", ", "t_plus", r->alt_t_plus);
      cli_buf_json_member_number (b, ", ", "t_plus_stderr", r->alt_t_plus_se);
      cli_buf_json_member_number (b, ", ", "t_bv", r->alt_t_bv);
      cli_buf_json_member_number (b, ", ", "t_watanabe", r->alt_t_watanabe);
      cli_buf_printf (b, "}");
    }
  else
    cli_buf_printf (b, "null");
  if (aft->fitted)
    {
      json_str (b, "after", aft->path);
      json_str (b, "after_circuit", eis_circuit_text (aft->fit.circuit));
    }
  json_str (b, "Rss_from", tr->i_rss == (size_t) -1 ? aft->how : tr->pt[tr->i_rss].how);
  json_str (b, "polarization", pol);
  json_str (b, "decay", r->method_text);
  cli_buf_printf (b, ",\n  \"interface\": [");
  for (size_t i = 0; i < tr->n; i++)
    {
      cli_buf_printf (b, "%s\n    {\"time_s\": ", i ? "," : "");
      cli_buf_json_number (b, tr->d[i].time_s);
      cli_buf_json_member_number (b, ", ", "R_int_Ohm", tr->pt[i].R_int_ohm);
      cli_buf_json_member_number (b, ", ", "R_int_stderr_Ohm", tr->pt[i].R_int_se_ohm);
      cli_buf_json_member_number (b, ", ", "Rb_Ohm", tr->pt[i].R_b_ohm);
      cli_buf_json_member_string (b, ", ", "fit_status", eis_fit_status_name (tr->pt[i].status));
      cli_buf_json_member_string (b, ", ", "file", tr->d[i].path);
      cli_buf_printf (b, ", \"R0_from_here\": %s, \"Rss_from_here\": %s}",
                      tr->i_r0 == i ? "true" : "false", tr->i_rss == i ? "true" : "false");
    }
  cli_buf_printf (b, "]");
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

enum { OPT_POL = 2000, OPT_BEFORE, OPT_AFTER, OPT_VOLTAGE, OPT_VOLTAGE_AS_GIVEN, OPT_I0, OPT_DURING, OPT_METHOD,
       OPT_SPIKE, OPT_INTERFACE, OPT_PROJECT, OPT_RB, OPT_R0, OPT_RSS };

#define MAX_DURING 256

typedef struct {
  const char *pol, *before, *after;
  const char *during[MAX_DURING];
  size_t n_during;
  EisBVInput *in;
  const char *project;           /* --project */
  double rb, r0, rss;            /* typed [Ohm]; NAN: from the fits */
  int n_choices;                 /* --voltage, --method, --i0, --spike-window given */
} TransferenceState;

/* A resistance as typed: a finite number > 0 [Ohm]. */
static int
parse_ohm (const char *text, double *v)
{
  char *end;
  double x = eis_strtod (text, &end);
  while (*end == ' ')
    end++;
  /* below 1 uOhm or above 1 TOhm no cell's resistance (a unit slip, or 1e-320) */
  if (end == text || !isfinite (x) || !(x >= 1e-6 && x <= 1e12))
    return -1;
  if (*end && strcmp (end, "Ohm") != 0)
    return -1;
  *v = x;
  return 0;
}

static int
transference_option (int opt, const char *arg, void *data)
{
  TransferenceState *st = data;
  switch (opt)
    {
    case 'q':
      cli_quiet = 1;
      return CLI_OPT_OK;
    case OPT_POL:
      st->pol = arg;
      return CLI_OPT_OK;
    case OPT_BEFORE:
      st->before = arg;
      return CLI_OPT_OK;
    case OPT_AFTER:
      st->after = arg;
      return CLI_OPT_OK;
    case OPT_DURING:
      if (st->n_during >= MAX_DURING)
        {
          cli_error ("--during: at most %d spectra", MAX_DURING);
          return CLI_OPT_BAD;
        }
      st->during[st->n_during++] = arg;
      return CLI_OPT_OK;
    case OPT_PROJECT:
      st->project = arg;
      return CLI_OPT_OK;
    case OPT_RB:
    case OPT_R0:
    case OPT_RSS:
      if (parse_ohm (arg, opt == OPT_RB ? &st->rb : opt == OPT_R0 ? &st->r0 : &st->rss) != 0)
        {
          cli_error ("--%s: \"%s\": expected a resistance from 1e-6 to 1e12 Ohm, such as 61.5",
                     opt == OPT_RB ? "rb" : opt == OPT_R0 ? "r0" : "rss", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_VOLTAGE_AS_GIVEN:
      st->in->dV_as_given = 1;
      return CLI_OPT_OK;
    case OPT_VOLTAGE:
      st->n_choices++;
      if (parse_voltage (arg, &st->in->dV_V) != 0)
        {
          cli_error ("--voltage: \"%s\": expected a voltage such as 10mV or 0.01V", arg);
          return CLI_OPT_BAD;
        }
      /* a sign typed (-10mV, +10mV) is compared with the current's; a bare size is not */
      st->in->dV_signed = arg[strspn (arg, " ")] == '-' || arg[strspn (arg, " ")] == '+';
      if (st->in->dV_V != 0   /* 0 V: refused with the data, as "no transference number" */
          && !(fabs (st->in->dV_V) <= EIS_BV_MAX_STEP_V && fabs (st->in->dV_V) >= EIS_BV_MIN_STEP_V))
        {
          cli_error ("--voltage: \"%s\": a Bruce-Vincent step is a few mV; between %g V and "
                     "%g V is accepted (check the unit: 10mV, 0.01V)", arg, EIS_BV_MIN_STEP_V,
                     EIS_BV_MAX_STEP_V);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_INTERFACE:
      if (arg[0] == '\0' || strspn (arg, ", ") == strlen (arg))
        {
          cli_error ("--interface-arcs: expected arcs such as R1,R2 or R1||CPE1");
          return CLI_OPT_BAD;
        }
      interface_arcs = arg;
      return CLI_OPT_OK;
    case OPT_SPIKE:
      st->n_choices++;
      if (parse_time (arg, &st->in->skip_s) != 0)
        {
          cli_error ("--spike-window: \"%s\": expected a time >= 0 such as 5s or 0", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_METHOD:
      {
        st->n_choices++;
        int m = eis_bv_method_parse (arg);
        if (m < 0)
          {
            cli_error ("--method: \"%s\": expected bv, watanabe or ratio", arg);
            return CLI_OPT_BAD;
          }
        st->in->method = (EisBVMethod) m;
        return CLI_OPT_OK;
      }
    case OPT_I0:
      st->n_choices++;
      if (strcmp (arg, "auto") == 0)
        st->in->i0_method = EIS_BV_I0_AUTO;
      else if (strcmp (arg, "extrapolated") == 0)
        st->in->i0_method = EIS_BV_I0_EXTRAPOLATED;
      else if (strcmp (arg, "first") == 0 || strcmp (arg, "first-point") == 0)
        st->in->i0_method = EIS_BV_I0_FIRST;
      else if (strcmp (arg, "calculated") == 0)
        st->in->i0_method = EIS_BV_I0_CALCULATED;
      else
        {
          cli_error ("--i0: \"%s\": expected auto, extrapolated, first or calculated", arg);
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

/* The time of SP since the step T0 (the polarization file's clock): when its sweep began. */
static double
spectrum_time (const EisSpectrum *sp, double t0)
{
  if (sp->time_s == NULL || sp->n == 0)
    return NAN;
  double t = sp->time_s[0];
  for (size_t i = 1; i < sp->n; i++)
    t = fmin (t, sp->time_s[i]);
  return t - t0;
}

/* --project PATH: the polarization (its file and series), the spectra before and after and the
 * choices saved on eisfit-gtk's Transference tab, into *POL_PATH, *SERIES, BEF, AFT, IN and the
 * typed resistances of ST (where the command line gave none). Returns an exit code. */
static int
project_setup (const char *path, const CliFitArgs *args, TransferenceState *st, EisBVInput *in,
               CliProjectRun **run, const char **pol_path, size_t *series, Side *bef, Side *aft)
{
  int rc = cli_project_prepare (path, args, 0, run);
  if (rc != EXIT_OK)
    return rc;   /* a missing file or bad settings, said */
  const EisProject *p = cli_project_get (*run);
  const EisProjectTransference *t = &p->transference;
  if (!p->have_transference || t->series_file == 0)
    {
      cli_error ("%s: no DC polarization is chosen in its [transference] group: choose one on "
                 "eisfit-gtk's Transference tab and save the project", path);
      return EXIT_INPUT;
    }
  *pol_path = cli_project_file_where (*run, t->series_file - 1, NULL);
  *series = (size_t) t->series_index;
  if (t->before == 0)
    {
      cli_error ("%s: [transference] names no spectrum before the step (before=0): choose it "
                 "on eisfit-gtk's Transference tab", path);
      return EXIT_INPUT;
    }
  double d;
  if (eis_project_typed_number (t->dv, &d) != 0 || eis_project_typed_number (t->r_b, &d) != 0
      || eis_project_typed_number (t->r0, &d) != 0
      || eis_project_typed_number (t->r_ss, &d) != 0)
    {
      cli_error ("%s: [transference]: dV-mV \"%s\", R_b \"%s\", R0 \"%s\", R_ss \"%s\": "
                 "expected numbers or nothing", path, t->dv, t->r_b, t->r0, t->r_ss);
      return EXIT_INPUT;
    }
  /* the resistances within what --rb, --r0 and --rss take: 1e-300 Ohm gave t+ = 1.4e-302 */
  const struct { const char *key, *opt, *text; } typed[] = {
    { "R_b", "--rb", t->r_b }, { "R0", "--r0", t->r0 }, { "R_ss", "--rss", t->r_ss },
  };
  for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
    if (eis_project_typed_number (typed[i].text, &d) == 0 && isfinite (d)
        && !(d >= 1e-6 && d <= 1e12))
      {
        cli_error ("%s: [transference] %s=%s: expected a resistance from 1e-6 to 1e12 Ohm (as "
                   "%s takes), or nothing (from the fits)", path, typed[i].key, typed[i].text,
                   typed[i].opt);
        return EXIT_INPUT;
      }
  /* as eisfit-gtk reads its entries: the step in mV, the resistances in Ohm, typed = exact */
  eis_project_typed_number (t->dv, &in->dV_V);
  if (isfinite (in->dV_V))
    in->dV_V *= 1e-3;
  if (isnan (st->rb))
    eis_project_typed_number (t->r_b, &st->rb);
  if (isnan (st->r0))
    eis_project_typed_number (t->r0, &st->r0);
  if (isnan (st->rss))
    eis_project_typed_number (t->r_ss, &st->rss);
  if (t->method[0])
    in->method = (EisBVMethod) eis_bv_method_parse (t->method);   /* checked on reading */
  /* the interface arcs typed on the Transference tab, unless --interface-arcs says others */
  if (!interface_arcs && t->interface_arcs[0])
    interface_arcs = t->interface_arcs;
  if (t->i0[0])
    transference_option (OPT_I0, t->i0, st);
  if (t->spike_window[0] && parse_time (t->spike_window, &in->skip_s) != 0)
    {
      cli_error ("%s: [transference] spike-window \"%s\": expected a time >= 0 such as 5s",
                 path, t->spike_window);
      return EXIT_INPUT;
    }
  if (t->after == 0 && isnan (st->rss))
    {
      cli_error ("%s: [transference] names no spectrum after the step (after=0) and no R_ss: "
                 "choose the spectrum after on eisfit-gtk's Transference tab (R_ss is not "
                 "taken from the spectra checked during the hold here), or give --rss", path);
      return EXIT_INPUT;
    }
  Side *sides[2] = { bef, aft };
  size_t nums[2] = { t->before, t->after };
  for (int i = 0; i < 2; i++)
    {
      sides[i]->proj_k = -1;
      if (nums[i] == 0)
        continue;
      sides[i]->proj_k = (long) nums[i] - 1;
      sides[i]->path = cli_project_file_where (*run, p->spectra[nums[i] - 1].file, NULL);
      if (sides[i]->path == NULL)
        return EXIT_INPUT;   /* missing, said */
    }
  return EXIT_OK;
}

int
eisfit_cmd_transference (int argc, char **argv)
{
  CliFitArgs args;
  cli_fit_args_init (&args);
  interface_arcs = NULL;
  Side bef = { 0 }, aft = { 0 };
  EisBVInput in;
  eis_bv_input_init (&in);

  static const struct option own[] = {
    { "polarization", required_argument, NULL, OPT_POL },
    { "before", required_argument, NULL, OPT_BEFORE },
    { "after", required_argument, NULL, OPT_AFTER },
    { "during", required_argument, NULL, OPT_DURING },
    { "voltage", required_argument, NULL, OPT_VOLTAGE },
    { "voltage-as-given", no_argument, NULL, OPT_VOLTAGE_AS_GIVEN },
    { "method", required_argument, NULL, OPT_METHOD },
    { "i0", required_argument, NULL, OPT_I0 },
    { "spike-window", required_argument, NULL, OPT_SPIKE },
    { "interface-arcs", required_argument, NULL, OPT_INTERFACE },
    { "project", required_argument, NULL, OPT_PROJECT },
    { "rb", required_argument, NULL, OPT_RB },
    { "r0", required_argument, NULL, OPT_R0 },
    { "rss", required_argument, NULL, OPT_RSS },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  static TransferenceState opt;
  memset (&opt, 0, sizeof opt);
  opt.in = &in;
  opt.rb = opt.r0 = opt.rss = NAN;
  int pr = cli_parse_command_line (argc, argv, "c:f:o:qh", own, sizeof own / sizeof own[0],
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
  if (opt.project)
    {
      if (pol_path || bef.path || aft.path || opt.n_during || optind < argc || opt.n_choices)
        {
          cli_error ("--project: the project gives the polarization, the spectra before and "
                     "after with their fits and settings, and the choices; leave out "
                     "--polarization, --before, --after, --during, --voltage, --method, --i0 "
                     "and --spike-window");
          return EXIT_USAGE;
        }
      if (cli_project_refuse_options (&args) != 0)
        return EXIT_USAGE;
    }
  if (cli_fit_args_finish (&args) != 0)
    return EXIT_USAGE;
  if (args.cell == EIS_CELL_BLOCKING || args.cell == EIS_CELL_LIQUID)
    {
      cli_error ("--cell %s: the transference number is measured on a Li|electrolyte|Li cell "
                 "(--cell li-symmetric); blocking electrodes pass no DC current",
                 eis_cell_name (args.cell));
      return EXIT_USAGE;
    }
  CliProjectRun *project = NULL;
  size_t series_index = 0;
  if (opt.project)
    {
      int prc = project_setup (opt.project, &args, &opt, &in, &project, &pol_path,
                               &series_index, &bef, &aft);
      if (prc != EXIT_OK)
        {
          cli_project_run_free (project);
          return prc;
        }
    }
  else
    {
      bef.proj_k = aft.proj_k = -1;
      bef.cell = aft.cell = args.cell;
    }
  bef.rint_typed = isfinite (opt.r0);
  aft.rint_typed = isfinite (opt.rss);
  if (pol_path == NULL)
    {
      cli_error ("missing --polarization FILE (try 'eisfit transference --help')");
      return EXIT_USAGE;
    }
  /* --during a b c: the files after the first are operands */
  for (; optind < argc; optind++)
    {
      if (opt.n_during == 0)
        {
          cli_error ("unexpected argument \"%s\": the files are given with --polarization, "
                     "--before, --after and --during", argv[optind]);
          return EXIT_USAGE;
        }
      if (opt.n_during >= MAX_DURING)
        {
          cli_error ("--during: at most %d spectra", MAX_DURING);
          return EXIT_USAGE;
        }
      opt.during[opt.n_during++] = argv[optind];
    }
  /* FILE@TIME: the path without the time, and the time */
  char *dpath[MAX_DURING] = { NULL };
  double dtime[MAX_DURING];
  const char *inputs[3 + MAX_DURING];
  size_t n_inputs = 0;
  inputs[n_inputs++] = pol_path;
  if (bef.path)
    inputs[n_inputs++] = bef.path;
  if (aft.path)
    inputs[n_inputs++] = aft.path;
  int rc = EXIT_OK;
  for (size_t i = 0; i < opt.n_during; i++)
    {
      dpath[i] = strdup (opt.during[i]);
      if (dpath[i] == NULL)
        {
          cli_error ("out of memory");
          rc = EXIT_INTERNAL;
          goto free_paths;
        }
      dtime[i] = NAN;
      char *at = strrchr (dpath[i], '@');
      if (at && access (dpath[i], F_OK) != 0)
        {
          if (parse_time (at + 1, &dtime[i]) != 0)
            {
              cli_error ("--during: \"%s\": expected FILE@TIME with a time since the step such "
                         "as 90s, 30min or 2h", opt.during[i]);
              rc = EXIT_USAGE;
              goto free_paths;
            }
          *at = '\0';
        }
      inputs[n_inputs++] = dpath[i];
    }
  /* with --project, the project and every file it names are inputs too */
  CliInputs *in_all = cli_inputs_new (NULL, 0);
  cli_project_add_inputs (project, in_all);   /* first: a message says where they are named */
  for (size_t i = 0; i < n_inputs; i++)
    cli_inputs_add (in_all, inputs[i], NULL);
  int orc = cli_outputs_check (output, plot, 0, in_all);
  cli_inputs_free (in_all);
  if (orc != 0)
    {
      rc = EXIT_USAGE;
      goto free_paths;
    }

  EisDataFile *pol = NULL;
  EisDataFile *ddf[MAX_DURING] = { NULL };
  EisError err = { 0 };
  EisBVResult res;
  memset (&res, 0, sizeof res);
  CliBuf out = { 0 };
  Track tr = { 0, NULL, NULL, NULL, (size_t) -1, (size_t) -1 };

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
  if (series_index >= pol->n_series)
    {
      cli_error ("--project: %s holds %zu DC series, not the %zu%s the project names", pol_path,
                 pol->n_series, series_index + 1,
                 series_index == 0 ? "st" : series_index == 1 ? "nd" : series_index == 2 ? "rd"
                 : "th");
      rc = EXIT_INPUT;
      goto done;
    }
  const EisSeries *ser = pol->series[series_index];
  double t0 = ser->time_s[0], hold = ser->time_s[ser->n - 1] - t0;

  /* The spectra around the hold: the polarization file's own (a multi-technique file, on its
   * clock) and --during's, sorted by time since the step. */
  tr.d = calloc (pol->n_spectra + MAX_DURING * 64 + 1, sizeof *tr.d);
  if (tr.d == NULL)
    {
      cli_error ("out of memory");
      rc = EXIT_INTERNAL;
      goto done;
    }
  const EisSpectrum *pol_before = NULL;
  double pol_before_t = -INFINITY;
  size_t n_untimed = 0;
  /* (a project names its spectra: those checked during the hold are not kept) */
  for (size_t k = 0; !project && k < pol->n_spectra; k++)
    {
      const EisSpectrum *sp = pol->spectra[k];
      double t = spectrum_time (sp, t0);
      if (isnan (t))
        n_untimed++;
      else if (t < 0)
        {
          if (t > pol_before_t)
            pol_before = sp, pol_before_t = t;
        }
      else
        tr.d[tr.n++] = (During){ sp, pol_path, t };
    }
  if (n_untimed > 0)
    cli_warning ("--polarization: %s: %zu spectr%s without a time column left out (their place "
                 "in the hold is unknown)", pol_path, n_untimed, n_untimed == 1 ? "um" : "a");
  for (size_t i = 0; i < opt.n_during; i++)
    {
      int ist = eis_import (dpath[i], &args.import, &ddf[i], &err);
      if (ist != EIS_OK)
        {
          cli_import_error ("--during: ", &err);
          rc = cli_exit_for_import (ist);
          goto done;
        }
      cli_import_warnings (dpath[i], ddf[i]);
      if (ddf[i]->n_spectra == 0)
        {
          cli_error ("--during: %s: no impedance spectrum in this file", dpath[i]);
          rc = EXIT_INPUT;
          goto done;
        }
      if (!isnan (dtime[i]) && ddf[i]->n_spectra > 1)
        {
          cli_error ("--during: %s holds %zu spectra: one time @%s cannot place them; give "
                     "them a time column instead", dpath[i], ddf[i]->n_spectra,
                     strrchr (opt.during[i], '@') + 1);
          rc = EXIT_USAGE;
          goto done;
        }
      for (size_t k = 0; k < ddf[i]->n_spectra && k < 64; k++)
        {
          const EisSpectrum *sp = ddf[i]->spectra[k];
          double t = isnan (dtime[i]) ? spectrum_time (sp, t0) : dtime[i];
          if (isnan (t))
            {
              cli_error ("--during: %s: no time: give it as %s@TIME (the time since the step, "
                         "such as 30min), or a time column on the polarization file's clock",
                         dpath[i], dpath[i]);
              rc = EXIT_USAGE;
              goto done;
            }
          /* a time far past the hold (an hour read as seconds the other way, 1e300 s) or
           * before the step: no place in the hold */
          if (!(t >= 0 && t <= 10 * hold + 3600))
            {
              cli_error ("--during: %s at %g s since the step: the hold lasted %g s; a "
                         "spectrum during it lies between 0 and the end (check the time and "
                         "its unit)", dpath[i], t, hold);
              rc = EXIT_USAGE;
              goto done;
            }
          if (t > 1.1 * hold)
            cli_warning ("--during: %s at %g s since the step: after the hold ended (%g s)",
                         dpath[i], t, hold);
          tr.d[tr.n++] = (During){ sp, dpath[i], t };
        }
    }
  qsort (tr.d, tr.n, sizeof *tr.d, during_cmp);

  if (bef.path == NULL && pol_before == NULL)
    {
      cli_error ("missing --before FILE (and %s holds no spectrum before the step)", pol_path);
      rc = EXIT_USAGE;
      goto done;
    }
  if (aft.path == NULL && tr.n == 0 && isnan (opt.rss))
    {
      cli_error ("missing --after FILE (or --during spectra, or a spectrum in %s after the "
                 "step)", pol_path);
      rc = EXIT_USAGE;
      goto done;
    }
  int r1;
  if (project)
    r1 = fit_side_project (project, &bef, "before");
  else if (bef.path)
    r1 = fit_side (&args, &bef, "before");
  else
    {
      bef.path = pol_path;
      r1 = fit_side_spectrum (&args, &bef, pol_before, "before");
    }
  int r2 = EXIT_OK;
  if (aft.path)
    r2 = project ? fit_side_project (project, &aft, "after") : fit_side (&args, &aft, "after");
  if ((r1 != EXIT_OK && r1 != EXIT_FIT) || (r2 != EXIT_OK && r2 != EXIT_FIT)
      || !bef.fitted || (!isfinite (bef.R_int) && !bef.rint_typed)
      || (aft.path && (!aft.fitted || (!isfinite (aft.R_int) && !aft.rint_typed))))
    {
      rc = r1 > r2 ? r1 : r2;
      goto done;
    }
  rc = r1 > r2 ? r1 : r2;
  /* One circuit for both spectra when they were fitted with different ones. */
  if (args.circuit == NULL && aft.path && rc == EXIT_OK
      && !eis_spectrum_same_data (bef.sp, aft.sp))
    {
      rc = common_circuit (&args, project, &bef, &aft);
      if (rc != EXIT_OK && rc != EXIT_FIT)
        goto done;
    }
  /* R_ss must be measured after the hold: the spectrum before given again (the same file, or
   * a copy) makes R_ss = R0 and a t+ that looks right (a hostile review: 0.688 for 0.860). */
  if (aft.path && eis_spectrum_same_data (bef.sp, aft.sp))
    {
      cli_error ("%s and %s: the spectra before and after the hold contain the same data: R_ss "
                 "must be measured after the hold (give the spectrum measured then)",
                 bef.path, aft.path);
      rc = EXIT_INPUT;
      goto done;
    }

  /* The interface during the hold: the before spectrum's circuit, each fit starting from the
   * optimum before it. */
  if (tr.n > 0)
    {
      tr.pt = calloc (tr.n, sizeof *tr.pt);
      tr.fits = calloc (tr.n, sizeof *tr.fits);
      const EisSpectrum **sps = calloc (tr.n, sizeof *sps);
      if (!tr.pt || !tr.fits || !sps)
        {
          free (sps);
          cli_error ("out of memory");
          rc = EXIT_INTERNAL;
          goto done;
        }
      for (size_t i = 0; i < tr.n; i++)
        {
          sps[i] = tr.d[i].sp;
          tr.pt[i].time_s = tr.d[i].time_s;
        }
      /* --fix and --bounds hold for these fits too (by name, in the before spectrum's circuit;
       * a fixed parameter keeps the value the before fit held it at) */
      size_t P = eis_circuit_n_params (bef.fit.circuit);
      double *lo = malloc ((P ? P : 1) * sizeof *lo), *hi = malloc ((P ? P : 1) * sizeof *hi);
      int *fixed = calloc (P ? P : 1, sizeof *fixed);
      if (!lo || !hi || !fixed)
        {
          free (sps), free (lo), free (hi), free (fixed);
          cli_error ("out of memory");
          rc = EXIT_INTERNAL;
          goto done;
        }
      for (size_t k = 0; k < P; k++)
        lo[k] = hi[k] = NAN;
      for (size_t i = 0; i < args.n_settings; i++)
        {
          long k = eis_circuit_param_index (bef.fit.circuit, args.settings[i].name);
          if (k < 0)
            continue;
          lo[k] = args.settings[i].lo;
          hi[k] = args.settings[i].hi;
          fixed[k] = args.settings[i].fixed;
        }
      EisFitOptions fo = args.fit;
      fo.fixed = fixed;
      fo.lower = lo;
      fo.upper = hi;
      int st = eis_bv_track_interface (bef.fit.circuit, &fo, bef.fit.fit->value, sps, tr.n,
                                       interface_arcs, tr.pt, tr.fits, &err);
      free (sps), free (lo), free (hi), free (fixed);
      if (st != EIS_OK)
        {
          cli_error ("--during: %s", err.message);
          rc = st == EIS_ERR_NOMEM ? EXIT_INTERNAL : st == EIS_ERR_INVALID ? EXIT_USAGE
               : EXIT_INPUT;
          goto done;
        }
      for (size_t i = 0; i < tr.n; i++)
        if (tr.pt[i].status != EIS_FIT_CONVERGED || !isfinite (tr.pt[i].R_int_ohm))
          cli_warning ("--during: %s at %g s: fit %s%s", tr.d[i].path, tr.d[i].time_s,
                       eis_fit_status_name (tr.pt[i].status),
                       isfinite (tr.pt[i].R_int_ohm) ? "" : ", no interface arc");
    }

  /* R0 from the spectrum closest to the step, Rss from the one closest to the end of the
   * hold: --before (at the step) and --after (at the end) when given. */
  in.R0_ohm = bef.R_int;
  in.R0_se_ohm = bef.R_int_se;
  in.Rb_ohm = bef.res.R_b;
  in.Rb_se_ohm = bef.res.R_b_se;
  if (aft.path)
    {
      in.Rss_ohm = aft.R_int;
      in.Rss_se_ohm = aft.R_int_se;
      in.Rb_ss_ohm = aft.res.R_b;
      in.Rb_ss_se_ohm = aft.res.R_b_se;
    }
  else if (isfinite (opt.rss))
    in.Rss_ohm = opt.rss;   /* typed, below */
  else
    {
      double *times = malloc (tr.n * sizeof *times);
      size_t m = 0, *idx = malloc (tr.n * sizeof *idx);
      if (times == NULL || idx == NULL)
        {
          free (times), free (idx);
          cli_error ("out of memory");
          rc = EXIT_INTERNAL;
          goto done;
        }
      for (size_t i = 0; i < tr.n; i++)
        if (tr.pt[i].status == EIS_FIT_CONVERGED && isfinite (tr.pt[i].R_int_ohm))
          {
            idx[m] = i;
            times[m++] = tr.d[i].time_s;
          }
      if (m == 0)
        {
          free (times), free (idx);
          cli_error ("no spectrum during or after the hold could be fitted for R_int,ss");
          rc = EXIT_FIT;
          goto done;
        }
      tr.i_rss = idx[eis_bv_nearest (times, m, hold)];
      free (times), free (idx);
      double gap = hold - tr.d[tr.i_rss].time_s;
      if (fabs (gap) > 0.1 * hold)
        cli_warning ("R_int,ss comes from %s at %g s, %g s %s the end of the hold: the current at "
                     "the end and R_int,ss do not belong to one moment (give --after)",
                     tr.d[tr.i_rss].path, tr.d[tr.i_rss].time_s, fabs (gap),
                     gap > 0 ? "before" : "after");
      in.Rss_ohm = tr.pt[tr.i_rss].R_int_ohm;
      in.Rss_se_ohm = tr.pt[tr.i_rss].R_int_se_ohm;
      in.Rb_ss_ohm = tr.pt[tr.i_rss].R_b_ohm;
      in.Rb_ss_se_ohm = tr.pt[tr.i_rss].R_b_se_ohm;
    }
  if (!isfinite (in.Rb_ss_ohm) || !(in.Rb_ss_ohm > 0))
    in.Rb_ss_ohm = in.Rb_ss_se_ohm = NAN;
  if (!isfinite (in.Rb_ohm) || !(in.Rb_ohm > 0))
    in.Rb_ohm = in.Rb_se_ohm = NAN;
  /* The other reading of arcs whose role the capacitance does not decide (before, or after
   * when only there): each side's own, or its reading as it is. */
  char alt_what[400] = "";
  eis_bv_input_set_other_reading (&in, &bef.res, aft.path ? &aft.res : NULL, alt_what,
                                  sizeof alt_what);
  /* typed resistances are taken as exact (as eisfit-gtk's Transference tab takes them); the
   * report says so, with what the fit gives */
  if (isfinite (opt.rb))
    {
      in.Rb_ohm = opt.rb, in.Rb_se_ohm = 0;
      char was[sizeof bef.fit.cond.bulk_source];
      snprintf (was, sizeof was, "%s", bef.fit.cond.bulk_source);
      snprintf (bef.fit.cond.bulk_source, sizeof bef.fit.cond.bulk_source, "typed; the fit "
                "gives %.5g Ohm from the %.120s", bef.fit.cond.R_bulk, was);
    }
  Side *typed_side[2] = { &bef, &aft };
  double typed_r[2] = { opt.r0, opt.rss };
  for (int i = 0; i < 2; i++)
    if (isfinite (typed_r[i]))
      {
        Side *sd = typed_side[i];
        char was[sizeof sd->how];
        snprintf (was, sizeof was, "%s", sd->how);
        if (sd->fitted && isfinite (sd->R_int))
          snprintf (sd->how, sizeof sd->how, "the value typed (the fit gives %.5g Ohm from %.150s)",
                    sd->R_int, was);
        else
          snprintf (sd->how, sizeof sd->how, "the value typed");
      }
  if (isfinite (opt.r0))
    in.R0_ohm = opt.r0, in.R0_se_ohm = 0, in.R0_typed = 1;
  if (isfinite (opt.rss))
    in.Rss_ohm = opt.rss, in.Rss_se_ohm = 0, in.Rss_typed = 1;
  if (eis_bv_run (ser, &in, &res, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);   /* the engine names the series */
      rc = EXIT_INPUT;
      goto done;
    }

  switch (format)
    {
    case CLI_FORMAT_CSV: render_csv (&out, &res, &tr); break;
    case CLI_FORMAT_JSON: render_json (&out, &bef, &aft, pol_path, &res, &tr); break;
    default: render_text (&out, &bef, &aft, pol_path, &res, &tr); break;
    }
  if (plot)
    {
      /* the spectra before and after with their fits, beside the current */
      const EisSpectrum *sp[2] = { NULL, NULL };
      const EisFitResult *fr[2] = { NULL, NULL };
      if (bef.fitted)
        sp[0] = bef.sp, fr[0] = bef.fit.fit;
      if (aft.fitted)
        sp[1] = aft.sp, fr[1] = aft.fit.fit;
      else if (tr.i_rss != (size_t) -1)
        sp[1] = tr.d[tr.i_rss].sp, fr[1] = tr.fits[tr.i_rss];
      EisPlotTrace tt[4];
      size_t nt = eis_plot_before_after_traces (sp, fr, tt);
      double *rt = NULL, *rv = NULL;
      size_t nr = 0;
      if (tr.n > 0 && (rt = malloc ((tr.n + 2) * sizeof *rt)) != NULL
          && (rv = malloc ((tr.n + 2) * sizeof *rv)) != NULL)
        {
          rt[nr] = 0, rv[nr++] = res.R0_ohm;
          for (size_t i = 0; i < tr.n; i++)
            if (isfinite (tr.pt[i].R_int_ohm))
              rt[nr] = tr.d[i].time_s, rv[nr++] = tr.pt[i].R_int_ohm;
          if (aft.fitted)
            rt[nr] = hold, rv[nr++] = aft.R_int;
        }
      EisPlotTransference p = { 0 };
      p.n = ser->n;
      p.time_s = ser->time_s;
      p.current_a = ser->current_a;
      p.i0_a = res.I0_A;
      p.i0_calc_a = res.I0_calc_A;
      p.iss_a = res.Iss_A;
      p.iss_from_s = res.plateau_start_s;
      p.dv_v = isfinite (res.dV_signed_V) ? res.dV_signed_V : res.dV_V;
      p.t_plus = res.t_plus;
      p.t_plus_err = res.t_plus_se;
      /* the legend's t+ as the report's headline writes it */
      char t_text[64];
      p.t_plus_text = eis_bv_format (t_text, sizeof t_text, res.t_plus, res.t_plus_se, 4, "±");
      p.t_plus_two = eis_bv_result_range (&res, &p.t_plus_low, &p.t_plus_high);
      p.title = "Bruce-Vincent polarization";
      p.traces = tt;
      p.ntraces = nt;
      p.t_step_s = t0;
      p.spike_end_s = res.spike_points > 0 ? res.spike_end_s : NAN;
      p.decay_tau_s = res.decay_tau_s;
      p.decay_inf_a = res.decay_inf_A;
      p.decay_amp_a = res.decay_A_A;
      p.decay_slope_a_per_s = res.decay_slope_A_per_s;
      p.decay_from_s = res.decay_from_s;
      p.n_rint = nr;
      p.rint_time_s = rt;
      p.rint_ohm = rv;
      /* The series may hold negative (cathodic) currents; plot them as measured, and I0,
       * Iss (magnitudes) with their sign (eis_plot_transference_signed). */
      if (eis_plot_to_file (plot, 1300, 650, eis_plot_draw_transference, &p, force, &err)
          != EIS_OK)
        {
          cli_error ("--plot: %s", err.message);
          if (rc < EXIT_OUTPUT)
            rc = EXIT_OUTPUT;
        }
      else if (format == CLI_FORMAT_TEXT)
        {
          cli_buf_printf (&out, "  plot written to ");
          cli_buf_name (&out, plot);
          cli_buf_printf (&out, "\n");
        }
      free (rt);
      free (rv);
    }
  if (cli_write_file_atomic (output, out.data ? out.data : "", out.len, force, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);
      rc = EXIT_OUTPUT;
    }

done:
  if (format == CLI_FORMAT_JSON && out.len == 0
      && (rc == EXIT_USAGE || rc == EXIT_INPUT || rc == EXIT_FIT))
    {
      /* a refusal after the inputs were read still writes one JSON object, with the why */
      render_json_refusal (&out, &bef, &aft, pol_path, &in, cli_last_error (), rc);
      if (cli_write_file_atomic (output, out.data ? out.data : "", out.len, force, &err)
          != EIS_OK)
        {
          cli_error ("%s", err.message);
          rc = EXIT_OUTPUT;
        }
    }
  cli_buf_free (&out);
  if (bef.fitted)
    cli_fit_outcome_clear (&bef.fit);
  if (aft.fitted)
    cli_fit_outcome_clear (&aft.fit);
  if (tr.fits)
    for (size_t i = 0; i < tr.n; i++)
      eis_fit_result_free (tr.fits[i]);
  free (tr.fits);
  free (tr.pt);
  free (tr.d);
  eis_data_file_free (bef.df);
  eis_data_file_free (aft.df);
  for (size_t i = 0; i < opt.n_during; i++)
    eis_data_file_free (ddf[i]);
  eis_data_file_free (pol);
free_paths:
  for (size_t i = 0; i < opt.n_during; i++)
    free (dpath[i]);
  cli_project_run_free (project);
  return rc;
}
