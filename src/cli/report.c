/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fit report of eisfit: import, fit, Kramers-Kronig check and plot per spectrum, then
 * text (for people), CSV (one row per spectrum, for spreadsheets) or JSON (for programs). */
#include "report.h"
#include "plausible.h"
#include "sample-group.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "kk.h"
#include "project.h"
#include "plot.h"
#include "temperature.h"

struct CliReportEntry {
  int status;                    /* of the fit: EIS_OK or the error in err */
  EisError err;
  int done;                      /* fitted (or nothing to fit); under the window's lock */
  size_t group;                  /* on the first entry of a spectrum: its number of entries */
  int exit_code;                 /* a file that could not be read: its code, err its message */
  EisDataFile *df;               /* the file, freed after its last entry (last_of_file) */
  EisSpectrum *own;              /* s when the entry owns it (a file read one spectrum at a
                                  * time): freed with the group */
  int last_of_file;
  size_t k_in_file;              /* position of s in df */
  char *file;
  const char *format;            /* borrowed from the data file */
  const EisSpectrum *s;
  size_t n_in_file;
  CliFitOutcome fit;
  EisKKResult *kk;
  size_t circuit;                /* index into args->circuits when comparing */
  int best_by_bic;               /* comparing: the lowest BIC of this spectrum's fits */
  size_t n_outliers;             /* points of s that stand out (eis_fit_outliers) */
  size_t outliers[4];
  char *kk_skipped;              /* why the Kramers-Kronig check was not done, or NULL */
  char *plot_path;
  const CliFitArgs *args;        /* this spectrum's settings (a project's), NULL: the report's */
  long item;                     /* its number among cli_report_run_items' items, -1: none */
  const CliReportItem *it;       /* that item, or NULL */
  int from_saved;                /* the fit is the one saved with the item, not a new one */
  char refit_why[1100];          /* why the item's saved fit was not used ("" : see the item) */
};

/* Where E's fit came from, in a project: "saved" or "refitted" (NULL: not a project's). */
static const char *
fit_source (const CliReportEntry *e)
{
  return !e->it ? NULL : e->from_saved ? "saved" : "refitted";
}

/* Why E was refitted (NULL: it was not, or not a project's spectrum). */
static const char *
fit_source_why (const CliReportEntry *e)
{
  if (!e->it || e->from_saved)
    return NULL;
  return e->refit_why[0] ? e->refit_why : e->it->refit_why ? e->it->refit_why
         : "asked for (--refit)";
}

/* The settings entry E is fitted with. */
#define E_ARGS(r, e) ((e)->args ? (e)->args : (r)->args)

void
cli_report_init (CliReport *r, const CliReportOptions *opt, const CliFitArgs *args)
{
  memset (r, 0, sizeof *r);
  r->opt = *opt;
  r->args = args;
}

static int
write_plot (CliReport *r, CliReportEntry *e)
{
  const EisSpectrum *s = e->s;
  const EisFitResult *f = e->fit.fit;
  EisPlotTrace tr[2] = {
    { s->n, s->freq_hz, s->z_re, s->z_im, "data", 0, 0, 0 },
    { f->n_points, f->freq_hz, f->model_re, f->model_im, "fit", 1, 1, 0 },
  };
  /* A smooth model curve: 20 points per decade over the data's range. */
  size_t nm = 0;
  double f0 = s->freq_hz[0], f1 = s->freq_hz[s->n - 1];
  size_t cap = (size_t) (20 * log10 (f1 / f0)) + 2;
  if (cap < 2)
    cap = 2;
  if (cap > 4000)
    cap = 4000;
  double *mf = malloc (cap * sizeof *mf), *mr = malloc (cap * sizeof *mr);
  double *mi = malloc (cap * sizeof *mi);
  double *rre = malloc (s->n * sizeof *rre), *rim = malloc (s->n * sizeof *rim);
  int ok = mf && mr && mi && rre && rim;
  if (ok)
    {
      for (nm = 0; nm < cap; nm++)
        {
          double fr = f0 * pow (f1 / f0, (double) nm / (double) (cap - 1));
          double complex z;
          eis_circuit_eval (e->fit.circuit, f->value, 2 * M_PI * fr, &z, NULL);
          mf[nm] = fr;
          mr[nm] = creal (z);
          mi[nm] = cimag (z);
        }
      tr[1].n = nm;
      tr[1].freq_hz = mf;
      tr[1].z_re = mr;
      tr[1].z_im = mi;
      for (size_t i = 0; i < f->n_points; i++)
        {
          rre[i] = 100 * f->res_re[i];
          rim[i] = 100 * f->res_im[i];
        }
    }
  int rc = 0;
  if (ok)
    {
      char title[512];
      const char *base = strrchr (e->file, '/');
      snprintf (title, sizeof title, "%s  [%s]", base ? base + 1 : e->file,
                eis_circuit_text (e->fit.circuit));
      EisPlotResiduals res = { f->n_points, f->freq_hz, rre, rim, 0, "fit residuals" };
      EisPlotSpectra sp = { tr, 2, &res, title, { 0 } };
      /* With an electrode spike the automatic Nyquist range shows only the spike: zoom on
       * the electrolyte's arcs, as one would by hand. */
      double ext = eis_conductivity_nyquist_extent (&e->fit.cond);
      if (isfinite (ext))
        sp.view = (EisPlotView) { 1, 0, ext, 0, ext, 1 };
      EisError err = { 0 };
      r->n_plots++;
      e->plot_path = cli_plot_name (r->opt.plot, r->n_plots);
      if (cli_refuse_input ("--plot", r->opt.plot, e->plot_path, r->opt.inputs) != 0)
        rc = -1;
      else if (eis_plot_to_file (e->plot_path, 1200, 900, eis_plot_draw_fit_report, &sp,
                                 r->opt.force, &err) != EIS_OK)
        {
          cli_error ("--plot: %s", err.message);
          rc = -1;
        }
      if (rc != 0)
        {
          free (e->plot_path);      /* the report never says a figure not made was written */
          e->plot_path = NULL;
        }
    }
  else
    rc = -1;
  free (mf), free (mr), free (mi), free (rre), free (rim);
  return rc;
}


/* Fits E's spectrum, checks it against Kramers-Kronig on the same points and finds the points
 * that stand out (on a worker thread: touches only E). */
static void
fit_entry (const CliReport *r, CliReportEntry *e)
{
  const CliFitArgs *args = E_ARGS (r, e);
  if (e->it && e->it->saved)
    {
      EisError serr = { 0 };
      if (e->it->saved (e->it->saved_data, e->it->saved_k, e->s, &e->fit, &serr) == EIS_OK)
        e->from_saved = 1;
      else
        snprintf (e->refit_why, sizeof e->refit_why, "its saved fit cannot be used (%s)",
                  serr.message);
    }
  if (e->from_saved)
    e->status = EIS_OK;
  else
    e->status = cli_fit_spectrum_circuit (args, args->n_circuits > 1
                                          ? args->circuits[e->circuit] : args->circuit, e->s,
                                          &e->fit, &e->err);
  if (e->status != EIS_OK)
    return;
  EisFitOptions fo = args->fit;
  cli_range_apply (&args->range, &fo);
  if (r->opt.kk)
    {
      EisError kerr;
      EisSpectrum *used = eis_fit_used_points (e->s, &fo);
      if (used != NULL && eis_kk_run (used, NULL, &e->kk, &kerr) != EIS_OK)
        {
          /* said in the report, not dropped: "needs at least 5 points (have 2)" */
          const char *why = kerr.message, *src = e->s->source;
          size_t n = src ? strlen (src) : 0;
          if (n && strncmp (why, src, n) == 0 && strncmp (why + n, ": ", 2) == 0)
            why += n + 2;
          e->kk = NULL;
          e->kk_skipped = strdup (why);
        }
      eis_spectrum_free (used);
    }
  e->n_outliers = eis_fit_outliers (e->fit.circuit, e->s, &fo, e->fit.fit, e->outliers,
                                    sizeof e->outliers / sizeof e->outliers[0]);
}

static size_t outlier_list (const CliReportEntry *e, char *buf, size_t len);

/* Comparing circuits, after the last fit of a spectrum: one line per circuit (the N entries G)
 * with its goodness of fit and what it says of the electrolyte, the lowest BIC marked. */
static void
text_comparison (CliReportEntry *const *g, size_t n, CliBuf *b)
{
  if (n < 2)
    return;
  cli_buf_printf (b, "\n  comparison of %zu circuits on this spectrum (* = lowest BIC)\n", n);
  cli_buf_printf (b, "    %-34s %3s %10s %9s %9s %7s %7s %-4s %-11s %s\n", "circuit", "k", "chi2",
                  "AIC", "BIC", "dBIC", "runs z", "adm.", "R_bulk/Ohm", "R_total/Ohm");
  double bmin = INFINITY;
  for (size_t i = 0; i < n; i++)
    bmin = fmin (bmin, g[i]->fit.fit->bic);
  for (size_t i = 0; i < n; i++)
    {
      const CliReportEntry *e = g[i];
      const EisFitResult *f = e->fit.fit;
      const EisConductivity *cd = &e->fit.cond;
      long k = 2 * (long) f->n_points - f->dof;
      int adm = eis_fit_admissible (e->fit.circuit, f, NULL, 0) == 0;
      char rb[24] = "-", rt[24] = "-";
      if (isfinite (cd->R_bulk))
        snprintf (rb, sizeof rb, "%.4g", cd->R_bulk);
      if (isfinite (cd->R_total))
        snprintf (rt, sizeof rt, "%.4g", cd->R_total);
      cli_buf_printf (b, "  %s %-34s %3ld %10.4g %9.1f %9.1f %7.1f %7.1f %-4s %-11s %s\n",
                      e->best_by_bic ? "*" : " ", eis_circuit_text (e->fit.circuit), k,
                      f->chi2, f->aic, f->bic, f->bic - bmin, f->runs_z, adm ? "yes" : "no",
                      rb, rt);
    }
}


/* ---- text ---- */

static void
text_value (CliBuf *b, double v, double se)
{
  if (!isfinite (v))
    {
      cli_buf_printf (b, "%-12s", "-");
      return;
    }
  /* an error of exactly 0 is no error known (every parameter behind V fixed), not a value
   * known exactly: no "+- 0" */
  if (isfinite (se) && se > 0)
    cli_buf_printf (b, "%.4e +- %.2e", v, se);
  else if (se == 0)
    cli_buf_printf (b, "%.4e (from fixed values: no error)", v);
  else
    cli_buf_printf (b, "%.4e (error not determined)", v);
}

/* The automatic choice: its one-line reason, then one candidate a line ("model BIC ..."),
 * split from eis_fit_auto's text at ", " (circuit texts hold commas but no ", "). */
static void
text_why (CliBuf *b, const char *why)
{
  const char *list = strstr (why, " (BIC: ");
  if (list == NULL)
    {
      cli_buf_printf (b, "            (%s)\n", why);
      return;
    }
  cli_buf_printf (b, "            (%.*s)\n", (int) (list - why), why);
  const char *p = list + 7, *end = why + strlen (why);
  if (end > p && end[-1] == ')')
    end--;
  while (p < end)
    {
      const char *q = strstr (p, ", ");
      if (q == NULL || q > end)
        q = end;
      /* "MODEL BIC", "MODEL BIC (not determined)" or "MODEL BIC (degenerate)" */
      static const struct { const char *tag, *text; } marks[] = {
        { " (not determined)", "  (a parameter not determined)" },
        { " (degenerate)", "  (a parameter ran to its lower bound: a smaller model in disguise)" },
        { " (inadmissible)", "  (outside an element's physical range: see ADMISSIBLE MODELS "
          "in man eisfit)" },
        { " (not converged)", "  (did not converge)" },
      };
      size_t len = (size_t) (q - p);
      const char *mark = "";
      for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++)
        {
          size_t ml = strlen (marks[m].tag);
          if (len > ml && strncmp (q - ml, marks[m].tag, ml) == 0)
            {
              len -= ml;
              mark = marks[m].text;
              break;
            }
        }
      /* "MODEL BIC (inadmissible: CPE2_n = 0.0086 is below 0.4)" */
      /* the reason is printed from the text itself: a buffer here once cut it short */
      const char *in = strstr (p, " (inadmissible: "), *reason = NULL;
      int reason_len = 0;
      if (in && in < p + len)
        {
          reason = in + 16;
          reason_len = (int) (p + len - in - 17);
          len = (size_t) (in - p);
        }
      const char *sp = NULL;
      for (const char *t = p; t < p + len; t++)
        if (*t == ' ')
          sp = t;
      if (sp)
        cli_buf_printf (b, "            BIC %9.*s  %.*s", (int) (p + len - sp - 1), sp + 1,
                        (int) (sp - p), p);
      else
        cli_buf_printf (b, "            %.*s", (int) len, p);
      if (reason)
        cli_buf_printf (b, "  (outside its physical range: %.*s)\n", reason_len, reason);
      else
        cli_buf_printf (b, "%s\n", mark);
      p = q < end ? q + 2 : end;
    }
}

/* The outliers of E's fit as "point 37 (1.23e+04 Hz), ..." numbered like --exclude-points
 * (1-based in the spectrum, ascending frequency); returns how many. */
static size_t
outlier_list (const CliReportEntry *e, char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < e->n_outliers; k++)
    {
      size_t i = e->outliers[k];
      int w = snprintf (buf + used, len - used, "%spoint %zu (%.4g Hz)", k ? ", " : "", i + 1,
                        e->s->freq_hz[i]);
      used += w > 0 ? (size_t) w : 0;
      if (used >= len)
        break;
    }
  return e->n_outliers;
}

static const char *
role_text (EisRole r)
{
  switch (r)
    {
    case EIS_ROLE_BULK: return "bulk";
    case EIS_ROLE_GRAIN_BOUNDARY: return "grain boundary";
    case EIS_ROLE_SURFACE: return "surface layer / second phase";
    case EIS_ROLE_ELECTRODE: return "electrode interface";
    case EIS_ROLE_INTERCEPT: return "bulk (high-frequency intercept)";
    case EIS_ROLE_ELECTROLYTE: return "electrolyte (bulk and grain boundary not separated)";
    case EIS_ROLE_DIFFUSION: return "diffusion tail (Li+ concentration gradient)";
    default: return "unassigned";
    }
}

/* The cell type and what it makes of the interface: R_interface (both interfaces) and, for a
 * Li|electrolyte|Li cell with its area, the ASR of one interface. */
static void
text_interface (CliBuf *b, const EisConductivity *cd)
{
  if (cd->cell == EIS_CELL_BLOCKING || cd->cell == EIS_CELL_LIQUID)
    {
      cli_buf_printf (b, "  cell %s: no interfacial resistance (the low-frequency spike is the "
                      "electrodes' double layer)\n", eis_cell_name (cd->cell));
      return;
    }
  if (cd->cell == EIS_CELL_UNSPECIFIED && !isfinite (cd->R_interface))
    return;
  if (cd->cell == EIS_CELL_LI_SYMMETRIC)
    cli_buf_printf (b, "  cell li-symmetric (Li|electrolyte|Li)\n");
  if (!isfinite (cd->R_interface))
    {
      cli_buf_printf (b, "  R_interface  -            (%s)\n",
                      cd->interface_source + (strncmp (cd->interface_source, "none: ", 6) == 0
                                              ? 6 : 0));
      return;
    }
  cli_buf_printf (b, "  R_interface  ");
  text_value (b, cd->R_interface, cd->R_interface_se);
  cli_buf_printf (b, " Ohm   (%s: %s)\n", cd->cell == EIS_CELL_LI_SYMMETRIC
                  ? "total of both interfaces" : "the interfacial arcs together",
                  cd->interface_source);
  if (cd->cell != EIS_CELL_LI_SYMMETRIC)
    cli_buf_printf (b, "  (no ASR per interface: the cell type is not given; --cell "
                    "li-symmetric for a Li|electrolyte|Li cell)\n");
  else if (isfinite (cd->asr_per_interface))
    {
      cli_buf_printf (b, "  ASR          ");
      text_value (b, cd->asr_per_interface, cd->asr_per_interface_se);
      cli_buf_printf (b, " Ohm cm2   (per interface: R_interface A / 2)\n");
    }
  else
    cli_buf_printf (b, "  ASR          -            (per interface: needs the electrode area, "
                    "--diameter or --area)\n");
  if (cd->role_ambiguous && !isfinite (cd->R_interface_alt) && isfinite (cd->R_total_alt))
    cli_buf_printf (b, "  other reading (role_ambiguous, see the caution): R_total %.5g Ohm "
                    "(against %.5g)\n", cd->R_total_alt, cd->R_total);
  else if (cd->role_ambiguous)
    {
      cli_buf_printf (b, "  other reading (role_ambiguous, see the caution): R_interface ");
      text_value (b, cd->R_interface_alt, cd->R_interface_alt_se);
      cli_buf_printf (b, " Ohm");
      if (isfinite (cd->asr_per_interface_alt))
        {
          cli_buf_printf (b, ", ASR ");
          text_value (b, cd->asr_per_interface_alt, cd->asr_per_interface_alt_se);
          cli_buf_printf (b, " Ohm cm2");
        }
      cli_buf_printf (b, "\n");
    }
}

/* The temperature of entry E (Kelvin, NAN when none) and where it came from: *WORD for the CSV
 * and JSON ("metadata", "file name"), *PHRASE for the text ("from the metadata"). A project's
 * spectrum says what the project says (its temperature-source=: "from the file name",
 * "entered"), not where the file would have put it. */
static double
entry_temperature (const CliReportEntry *e, const char **word, char *phrase, size_t n)
{
  double T = eis_spectrum_temperature (e->s, e->file, word, NULL);

  if (e->it && isfinite (e->it->temperature_k) && T == e->it->temperature_k)
    {
      const char *src = e->it->temperature_source;

      if (!src || !src[0])
        src = "from the project";
      *word = strncmp (src, "from the ", 9) == 0 ? src + 9 : src;
      snprintf (phrase, n, "%s", src);
    }
  else
    snprintf (phrase, n, "from the %s", *word);
  return T;
}

static void
text_entry (CliReport *r, const CliReportEntry *e, CliBuf *b)
{
  const EisSpectrum *s = e->s;
  const EisFitResult *f = e->fit.fit;
  const EisConductivity *cd = &e->fit.cond;
  if (r->n_written)
    cli_buf_printf (b, "\n");
  cli_buf_name (b, e->file);
  if (e->n_in_file > 1)
    cli_buf_printf (b, "  spectrum %d of %zu", s->index + 1, e->n_in_file);
  if (s->cycle >= 0)
    cli_buf_printf (b, " (cycle %d)", s->cycle);
  if (e->it)
    {
      if (e->from_saved)
        cli_buf_printf (b, "\n  project   %s: the fit saved in the project, not refitted",
                        e->it->label);
      else
        cli_buf_printf (b, "\n  project   %s: refitted: %s", e->it->label, fit_source_why (e));
    }
  cli_buf_printf (b, "\n  %s, %zu points, %.4g Hz to %.4g Hz", e->format ? e->format : "?",
                  s->n, s->freq_hz[0], s->freq_hz[s->n - 1]);
  const char *t_from;
  char t_phrase[300];
  double T = entry_temperature (e, &t_from, t_phrase, sizeof t_phrase);
  if (isfinite (T))
    cli_buf_printf (b, ", %.2f degC (%s)", T - 273.15, t_phrase);
  if (f->n_points != s->n && f->n_points > 0)
    {
      char left[512];
      cli_range_describe (&E_ARGS (r, e)->range, left, sizeof left);
      cli_buf_printf (b, "\n  fitted    %zu of those points, %.4g Hz to %.4g Hz (left out: %s)",
                      f->n_points, f->freq_hz[0], f->freq_hz[f->n_points - 1], left);
    }
  cli_buf_printf (b, "\n  circuit   %s\n", eis_circuit_text (e->fit.circuit));
  if (e->fit.why[0])
    text_why (b, e->fit.why);
  cli_buf_printf (b, "  fit       %s; weighting %s\n",
                  f->message[0] ? f->message : eis_fit_status_name (f->status),
                  eis_weighting_name (f->weighting));
  cli_buf_printf (b, "            chi2 %.4g, reduced chi2 %.4g (dof %ld), BIC %.1f\n",
                  f->chi2, f->reduced_chi2, f->dof, f->bic);
  if (isfinite (f->runs_z))
    cli_buf_printf (b, "            residuals: runs and sign test z = %.1f (%s)\n", f->runs_z,
                    f->runs_z < -3 ? "a pattern: the circuit misses a feature of the data"
                    : "like noise");
  {
    char list[256];
    if (outlier_list (e, list, sizeof list) > 0)
      cli_buf_printf (b, "            outliers: %s\n", list);
  }
  cli_buf_printf (b, "\n  %-12s %-12s %-10s %-9s %s\n", "parameter", "value", "std.error",
                  "rel.err", "unit");
  for (size_t k = 0; k < f->n_params; k++)
    {
      double v = f->value[k], se = f->stderr_[k];
      cli_buf_printf (b, "  %-12s %-12.5e ", eis_circuit_param_name (e->fit.circuit, k), v);
      int in_hf = cd->hf_pair && eis_conductivity_is_merged (cd, (long) k);
      if (f->fixed[k])
        cli_buf_printf (b, "%-10s %-9s", "fixed", "");
      else if (in_hf)
        cli_buf_printf (b, "%-10s %-9s", "(in sum)", "");   /* no error of its own */
      else if (isfinite (se) && isfinite (100 * se / fabs (v)) && 100 * se / fabs (v) > 1000)
        cli_buf_printf (b, "%-10.3e %-9s", se, "> 1000 %"); /* not determined: the digits of
                                                               * a huge ratio say nothing */
      else if (isfinite (se) && isfinite (100 * se / fabs (v)))
        cli_buf_printf (b, "%-10.3e %7.2f %%", se, 100 * se / fabs (v));
      else if (isfinite (se))
        cli_buf_printf (b, "%-10.3e %-9s", se, "-");   /* an exponent at 0: no relative error */
      else
        cli_buf_printf (b, "%-10s %-9s", "n/a", "");
      const char *unit = eis_circuit_param_unit (e->fit.circuit, k);
      cli_buf_printf (b, " %s%s", unit && *unit ? unit : "-",
                      f->at_bound[k] ? (f->at_bound[k] > 0 ? "   (at its upper bound)"
                                                           : "   (at its lower bound)") : "");
      if (in_hf)
        /* its error is not its own: only the sum is determined (the roles say it) */
        cli_buf_printf (b, "   (not determined alone: only %s is, see below)", cd->hf_names);
      else if (f->undetermined[k])
        {
          /* Say why: a large error, or a partner it cannot be told apart from. */
          size_t P = f->n_params, partner = P;
          for (size_t j = 0; j < P; j++)
            if (j != k && isfinite (f->corr[k * P + j]) && fabs (f->corr[k * P + j]) > 0.99
                && (partner == P || fabs (f->corr[k * P + j]) > fabs (f->corr[k * P + partner])))
              partner = j;
          if (!isfinite (f->stderr_[k]) || f->stderr_[k] > fabs (f->value[k]) || partner == P)
            cli_buf_printf (b, "   (not determined by the data)");
          else
            cli_buf_printf (b, "   (not determined alone: correlation %.3f with %s)", f->corr[k * P + partner],
                            eis_circuit_param_name (e->fit.circuit, partner));
        }
      cli_buf_append (b, "\n", 1);
    }
  cli_buf_printf (b, "\n  elements and roles\n");
  for (size_t k = 0; k < cd->n_arcs; k++)
    {
      const EisArc *a = &cd->arcs[k];
      cli_buf_printf (b, "  %-12s ", a->label);
      if (isfinite (a->R))
        cli_buf_printf (b, "R %.4g Ohm", a->R);
      if (a->randles)
        cli_buf_printf (b, " (the charge-transfer %s%s%s%s)", a->r_name,
                        a->diffusion[0] ? "; the diffusion " : "", a->diffusion,
                        a->diffusion[0] ? " is not in R, R_interface or ASR" : "");
      if (isfinite (a->C_eff))
        {
          cli_buf_printf (b, "%sC_eff %.3e F (%s)", isfinite (a->R) ? ", " : "", a->C_eff,
                          a->formula);
          if (isfinite (a->C_specific))
            cli_buf_printf (b, " = %.3e F/cm", a->C_specific);
        }
      if (isfinite (a->f_peak_hz))
        cli_buf_printf (b, ", apex %.4g Hz%s", a->f_peak_hz,
                        a->f_peak_hz > s->freq_hz[s->n - 1] ? " (above the range)"
                        : a->f_peak_hz < s->freq_hz[0] ? " (below the range)" : "");
      /* an arc whose resistance the data do not determine gets no role (a 0.8 mOhm "arc"
       * +- 10 Ohm on an inductive spectrum is no interface) */
      if (cd->hf_pair && eis_conductivity_is_merged (cd, a->r_index))
        cli_buf_printf (b, " (in %s, below) -> %s\n", cd->hf_names, role_text (a->role));
      else if (eis_conductivity_is_merged (cd, a->r_index))
        {
          if (isfinite (cd->R_merged_se))
            cli_buf_printf (b, " (in sum: %.5g +- %.2g Ohm", cd->R_merged, cd->R_merged_se);
          else
            cli_buf_printf (b, " (in sum: %.5g Ohm, error not determined", cd->R_merged);
          cli_buf_printf (b, " with the arcs it merges with) -> %s\n", role_text (a->role));
        }
      else if (isfinite (a->R) && !(a->R_se <= fabs (a->R)))
        cli_buf_printf (b, " -> no role: R not determined by the data (its error exceeds its "
                        "value)\n");
      else if (cd->untrusted)
        /* no resistance of a role is given for an untrusted fit: its lines claim none */
        cli_buf_printf (b, " -> %s%s (role withheld: the fit is not trusted)\n",
                        a->role == EIS_ROLE_INTERCEPT ? "high-frequency intercept"
                        : "would be ", a->role == EIS_ROLE_INTERCEPT ? "" : role_text (a->role));
      else if (a->open_role)
        cli_buf_printf (b, " -> interface (role open: grain boundary by its capacitance, the "
                        "other reading; in a Li|Li cell read as the interface first)\n");
      else
        cli_buf_printf (b, " -> %s\n", a->role == EIS_ROLE_INTERCEPT && cd->intercept_total
                        ? "bulk + grain boundary (high-frequency intercept, no electrolyte arc "
                          "beyond it)" : role_text (a->role));
    }
  /* the series resistance and an arc above the range that the fit cannot split: their sum */
  if (cd->hf_pair)
    {
      cli_buf_printf (b, "  %s = %.5g ", cd->hf_names, cd->R_hf);
      if (isfinite (cd->R_hf_se))
        cli_buf_printf (b, "+- %.2g Ohm", cd->R_hf_se);
      else
        cli_buf_printf (b, "Ohm (error not determined)");
      cli_buf_printf (b, " (high-frequency resistance; the split is not determined by the "
                      "data)\n");
    }
  /* "none: why" is the reason there is no R_bulk (JSON/CSV keep the source as it is) */
  if (strncmp (cd->bulk_source, "none: ", 6) == 0)
    cli_buf_printf (b, "  R_bulk not given: %s\n", cd->bulk_source + 6);
  else
    cli_buf_printf (b, "  R_bulk from %s\n", cd->bulk_source);
  text_interface (b, cd);
  if (cd->have_geometry)
    {
      const EisGeometry *g = &E_ARGS (r, e)->geom;
      cli_buf_printf (b, "\n  conductivity (L = %.4g cm, A = %.4g cm2, L/A = %.4g 1/cm)\n",
                      g->thickness_cm, g->area_cm2, g->thickness_cm / g->area_cm2);
      if (cd->untrusted)
        cli_buf_printf (b, "  sigma        not given: %s (see the caution)\n", cd->misfit
                        ? "the model does not describe the data" : "the fit is not to be trusted");
    }
  if (cd->have_geometry && !cd->untrusted)
    {
      const EisGeometry *g = &E_ARGS (r, e)->geom;
      cli_buf_printf (b, "  sigma_bulk   ");
      text_value (b, cd->sigma_bulk, cd->sigma_bulk_se);
      if (isfinite (cd->R_bulk))
        cli_buf_printf (b, " S/cm   (R_bulk %.5g Ohm)\n", cd->R_bulk);
      else
        cli_buf_printf (b, " S/cm   (%s)\n", cd->intercept_total
                        ? ">= sigma_total: the intercept holds bulk and grain boundary, see the "
                          "caution"
                        : cd->split_ambiguous
                        ? ">= sigma_total: not separated from the grain boundary, see the "
                          "caution"
                        : cd->too_many_arcs ? "too many arcs or series resistances to assign "
                                              "roles: see the caution"
                        : cd->too_narrow ? "the spectrum spans less than a decade: see the caution"
                        : cd->leads_exceed ? "the leads given leave no electrolyte resistance: "
                                             "see the caution"
                        : "no bulk resistance in this circuit");
      if (isfinite (cd->sigma_gb))
        {
          cli_buf_printf (b, "  sigma_gb     ");
          text_value (b, cd->sigma_gb, cd->sigma_gb_se);
          cli_buf_printf (b, " S/cm   (apparent, R_gb %.5g Ohm)\n", cd->R_gb);
        }
      if (isfinite (cd->sigma_gb_specific))
        {
          cli_buf_printf (b, "  sigma_gb,sp  ");
          text_value (b, cd->sigma_gb_specific, cd->sigma_gb_specific_se);
          cli_buf_printf (b, " S/cm   (brick layer, C_bulk/C_gb)\n");
        }
      cli_buf_printf (b, "  sigma_total  ");
      text_value (b, cd->sigma_total, cd->sigma_total_se);
      if ((cd->split_ambiguous || cd->intercept_total) && isfinite (cd->R_total))
        cli_buf_printf (b, " S/cm   (the whole electrolyte, R_total = %.5g Ohm)\n",
                        cd->R_total);
      else if (isfinite (cd->R_total) && isfinite (cd->R_gb))
        cli_buf_printf (b, " S/cm   (R_bulk + R_gb = %.5g Ohm)\n", cd->R_total);
      else if (isfinite (cd->R_total))
        cli_buf_printf (b, " S/cm   (R_bulk = %.5g Ohm: no grain-boundary arc)\n",
                        cd->R_total);
      else
        cli_buf_printf (b, " S/cm   (%s)\n", cd->too_many_arcs
                        ? "too many arcs or series resistances to assign roles: see the caution"
                        : cd->too_narrow ? "the spectrum spans less than a decade: see the caution"
                        : cd->leads_exceed ? "the leads given leave no electrolyte resistance: "
                                             "see the caution"
                        : cd->n_cautions > 0 ? "no electrolyte resistance measured: see the caution"
                        : "no electrolyte resistance in this circuit");
      if (cd->role_ambiguous && isfinite (cd->sigma_total_alt))
        {
          cli_buf_printf (b, "  sigma_total  ");
          text_value (b, cd->sigma_total_alt, cd->sigma_total_alt_se);
          cli_buf_printf (b, " S/cm   (the other reading, R_total = %.5g Ohm: role_ambiguous, "
                          "see the caution)\n", cd->R_total_alt);
        }
      if (!(g->thickness_se_cm > 0) && !(g->area_se_cm2 > 0))
        cli_buf_printf (b, "  (errors from the fit alone; give the geometry's too, as "
                        "--thickness %.4gmm+-0.01mm with your caliper's error)\n",
                        10 * g->thickness_cm);
    }
  else if (!cd->have_geometry)
    {
      const CliFitArgs *a = E_ARGS (r, e);
      if (cd->note[0])
        cli_buf_printf (b, "  (%s)\n", cd->note);
      if (a->have_area && !a->have_thickness)
        cli_buf_printf (b, "  (electrode area A = %.4g cm2; sigma needs the thickness too: "
                        "--thickness)\n", a->geom.area_cm2);
    }
  for (size_t k = 0; k < cd->n_cautions; k++)
    cli_buf_printf (b, "  caution: %s\n", cd->cautions[k]);
  if (e->kk)
    cli_buf_printf (b, "\n  Kramers-Kronig check (Lin-KK): %s\n", e->kk->verdict);
  else if (e->kk_skipped)
    cli_buf_printf (b, "\n  Kramers-Kronig check (Lin-KK): not done: %s\n", e->kk_skipped);
  if (e->plot_path)
    {
      cli_buf_printf (b, "  plot written to ");
      cli_buf_name (b, e->plot_path);
      cli_buf_printf (b, "\n");
    }

}

/* ---- CSV ---- */

static void
csv_field (CliBuf *b, const char *s, int first)
{
  if (!first)
    cli_buf_append (b, ",", 1);
  cli_buf_csv_string (b, s);
}

static void
csv_number (CliBuf *b, double v)
{
  char t[64];
  if (isfinite (v))
    snprintf (t, sizeof t, "%.10g", v);
  else
    t[0] = '\0';
  csv_field (b, t, 0);
}

/* The parameter column NAME: its index among the columns, added at the end when new. */
static size_t
csv_column (CliReport *r, const char *name)
{
  for (size_t j = 0; j < r->n_names; j++)
    if (strcmp (r->names[j], name) == 0)
      return j;
  if (r->n_names == r->cap_names)
    {
      r->cap_names = r->cap_names ? 2 * r->cap_names : 16;
      r->names = realloc (r->names, r->cap_names * sizeof *r->names);
      if (r->names == NULL)
        exit (EXIT_INTERNAL);
    }
  r->names[r->n_names] = cli_xstrdup (name);
  return r->n_names++;
}

/* The header line: the fixed columns, a value and a stderr column for each parameter name
 * (the union over the spectra, in order of appearance), then the derived quantities. */
static void
csv_header (CliReport *r, CliBuf *b)
{
  static const char *head[] = { "file", "spectrum", "cycle", "n_points", "f_min_Hz", "f_max_Hz",
                                "n_fitted", "f_fit_min_Hz", "f_fit_max_Hz", "temperature_K",
                                "temperature_from", "circuit", "status", "iterations", "chi2", "reduced_chi2", "dof",
                                "bic" };
  for (size_t h = 0; h < sizeof head / sizeof head[0]; h++)
    csv_field (b, head[h], h == 0);
  for (size_t j = 0; j < r->n_names; j++)
    {
      csv_field (b, r->names[j], 0);
      CliBuf t = { 0 };
      cli_buf_printf (&t, "%s_stderr", r->names[j]);
      csv_field (b, t.data, 0);
      cli_buf_free (&t);
    }
  static const char *tail[] = { "R_bulk_Ohm", "R_bulk_stderr_Ohm", "R_gb_Ohm", "R_gb_stderr_Ohm",
                                "sigma_bulk_S_cm", "sigma_bulk_stderr_S_cm", "sigma_gb_S_cm",
                                "sigma_gb_stderr_S_cm", "sigma_total_S_cm",
                                "sigma_total_stderr_S_cm", "thickness_cm", "area_cm2",
                                "bulk_from", "kk_valid", "kk_rms", "trusted", "cell",
                                "R_interface_total_Ohm", "R_interface_total_stderr_Ohm",
                                "ASR_per_interface_Ohm_cm2",
                                "ASR_per_interface_stderr_Ohm_cm2", "R_hf_Ohm",
                                "R_hf_stderr_Ohm", "R_hf_of", "bulk_gb_separated",
                                "cautions" };
  for (size_t h = 0; h < sizeof tail / sizeof tail[0]; h++)
    csv_field (b, tail[h], 0);
  if (r->args->n_circuits > 1)
    csv_field (b, "best_by_bic", 0);
  if (r->items)
    {
      csv_field (b, "fit_source", 0);
      csv_field (b, "fit_source_why", 0);
    }
  cli_buf_append (b, "\n", 1);
}

/* One spectrum's row. *SPLIT is where its parameter columns end in B, and *N_COLUMNS how many
 * parameter names they cover: columns of names that appear later go there. */
static void
csv_row (CliReport *r, const CliReportEntry *e, CliBuf *b, size_t *split, size_t *n_columns)
{
  const EisSpectrum *s = e->s;
  const EisFitResult *f = e->fit.fit;
  const EisConductivity *cd = &e->fit.cond;
  char t[64];
  csv_field (b, e->file, 1);
  snprintf (t, sizeof t, "%d", s->index + 1);
  csv_field (b, t, 0);
  if (s->cycle >= 0)
    snprintf (t, sizeof t, "%d", s->cycle);
  else
    t[0] = '\0';
  csv_field (b, t, 0);
  snprintf (t, sizeof t, "%zu", s->n);
  csv_field (b, t, 0);
  csv_number (b, s->freq_hz[0]);
  csv_number (b, s->freq_hz[s->n - 1]);
  snprintf (t, sizeof t, "%zu", f->n_points);
  csv_field (b, t, 0);
  csv_number (b, f->n_points ? f->freq_hz[0] : NAN);
  csv_number (b, f->n_points ? f->freq_hz[f->n_points - 1] : NAN);
  const char *t_from;
  char t_phrase[300];
  csv_number (b, entry_temperature (e, &t_from, t_phrase, sizeof t_phrase));
  csv_field (b, t_from, 0);
  csv_field (b, eis_circuit_text (e->fit.circuit), 0);
  csv_field (b, eis_fit_status_name (f->status), 0);
  snprintf (t, sizeof t, "%d", f->iterations);
  csv_field (b, t, 0);
  csv_number (b, f->chi2);
  csv_number (b, f->reduced_chi2);
  snprintf (t, sizeof t, "%ld", f->dof);
  csv_field (b, t, 0);
  csv_number (b, f->bic);
  /* This circuit's parameters in their columns (new names become new columns). */
  size_t P = eis_circuit_n_params (e->fit.circuit), *col = cli_xmalloc ((P + 1) * sizeof *col);
  for (size_t k = 0; k < P; k++)
    col[k] = csv_column (r, eis_circuit_param_name (e->fit.circuit, k));
  for (size_t j = 0; j < r->n_names; j++)
    {
      size_t k;
      for (k = 0; k < P && col[k] != j; k++)
        ;
      if (k < P)
        {
          csv_number (b, f->value[k]);
          csv_number (b, f->stderr_[k]);
        }
      else
        {
          csv_field (b, "", 0);
          csv_field (b, "", 0);
        }
    }
  free (col);
  *split = b->len;
  *n_columns = r->n_names;
  csv_number (b, cd->R_bulk);
  csv_number (b, cd->R_bulk_se);
  csv_number (b, cd->R_gb);
  csv_number (b, cd->R_gb_se);
  csv_number (b, cd->sigma_bulk);
  csv_number (b, cd->sigma_bulk_se);
  csv_number (b, cd->sigma_gb);
  csv_number (b, cd->sigma_gb_se);
  csv_number (b, cd->sigma_total);
  csv_number (b, cd->sigma_total_se);
  csv_number (b, E_ARGS (r, e)->have_thickness ? E_ARGS (r, e)->geom.thickness_cm : NAN);
  csv_number (b, E_ARGS (r, e)->have_area ? E_ARGS (r, e)->geom.area_cm2 : NAN);
  csv_field (b, cd->bulk_source, 0);
  csv_field (b, e->kk && e->kk->valid >= 0 ? (e->kk->valid ? "yes" : "no") : "", 0);
  csv_number (b, e->kk ? e->kk->rms_res : NAN);
  csv_field (b, cd->untrusted ? "no" : "yes", 0);
  csv_field (b, eis_cell_name (cd->cell), 0);
  csv_number (b, cd->R_interface);
  csv_number (b, cd->R_interface_se);
  csv_number (b, cd->asr_per_interface);
  csv_number (b, cd->asr_per_interface_se);
  /* the high-frequency resistance R0 + R1 where the fit cannot split it */
  csv_number (b, cd->hf_pair ? cd->R_hf : NAN);
  csv_number (b, cd->hf_pair ? cd->R_hf_se : NAN);
  csv_field (b, cd->hf_pair ? cd->hf_names : "", 0);
  /* The cautions beside the numbers they qualify: a spreadsheet must not take a headline
   * without them (a series resistance left out as the leads, a role near a threshold). */
  csv_field (b, cd->split_ambiguous || cd->intercept_total || cd->too_narrow || cd->untrusted
             ? "no" : "yes", 0);
  {
    CliBuf c = { 0 };
    for (size_t k = 0; k < cd->n_cautions; k++)
      cli_buf_printf (&c, "%s%s", k ? " | " : "", cd->cautions[k]);
    csv_field (b, c.data ? c.data : "", 0);
    cli_buf_free (&c);
  }
  if (r->args->n_circuits > 1)
    csv_field (b, e->best_by_bic ? "yes" : "no", 0);
  if (r->items)
    {
      csv_field (b, fit_source (e) ? fit_source (e) : "", 0);
      csv_field (b, fit_source_why (e) ? fit_source_why (e) : "", 0);
    }
  cli_buf_append (b, "\n", 1);
}

/* ---- JSON ---- */

static void
json_key (CliBuf *b, const char *k, int *first)
{
  cli_buf_json_key (b, *first ? "" : ", ", k);
  *first = 0;
}

static void
json_num (CliBuf *b, const char *k, double v, int *first)
{
  json_key (b, k, first);
  cli_buf_json_number (b, v);
}

static void
json_str (CliBuf *b, const char *k, const char *v, int *first)
{
  json_key (b, k, first);
  if (v)
    cli_buf_json_string (b, v);
  else
    cli_buf_append (b, "null", 4);
}

static void
json_entry (CliReport *r, const CliReportEntry *e, CliBuf *b)
{
  const EisSpectrum *s = e->s;
  const EisFitResult *f = e->fit.fit;
  const EisConductivity *cd = &e->fit.cond;
  const EisCircuit *c = e->fit.circuit;
  int first = 1;
  cli_buf_append (b, r->n_written ? ",\n {" : "\n {", r->n_written ? 4 : 3);
  json_str (b, "file", e->file, &first);
  json_num (b, "spectrum", s->index + 1, &first);
  json_num (b, "cycle", s->cycle >= 0 ? s->cycle : NAN, &first);
  json_str (b, "format", e->format, &first);
  json_num (b, "n_points", (double) s->n, &first);
  json_num (b, "f_min_Hz", s->freq_hz[0], &first);
  json_num (b, "f_max_Hz", s->freq_hz[s->n - 1], &first);
  json_num (b, "n_fitted", (double) f->n_points, &first);
  json_num (b, "f_fit_min_Hz", f->n_points ? f->freq_hz[0] : NAN, &first);
  json_num (b, "f_fit_max_Hz", f->n_points ? f->freq_hz[f->n_points - 1] : NAN, &first);
  {
    char left[512];
    cli_range_describe (&E_ARGS (r, e)->range, left, sizeof left);
    json_str (b, "left_out", left[0] ? left : NULL, &first);
  }
  {
    const char *t_from;
    char t_phrase[300];
    json_num (b, "temperature_K", entry_temperature (e, &t_from, t_phrase, sizeof t_phrase),
              &first);
    json_str (b, "temperature_from", t_from[0] ? t_from : NULL, &first);
  }
  if (e->it)
    {
      json_str (b, "fit_source", fit_source (e), &first);
      json_str (b, "fit_source_why", fit_source_why (e), &first);
    }
  json_str (b, "circuit", eis_circuit_text (c), &first);
  json_str (b, "circuit_choice", e->fit.why[0] ? e->fit.why : "given", &first);
  json_str (b, "weighting", eis_weighting_name (f->weighting), &first);
  json_key (b, "parameters", &first);
  cli_buf_append (b, "[", 1);
  for (size_t k = 0; k < f->n_params; k++)
    {
      int pf = 1;
      cli_buf_append (b, k ? ",\n   {" : "\n   {", k ? 6 : 5);
      json_str (b, "name", eis_circuit_param_name (c, k), &pf);
      json_num (b, "value", f->value[k], &pf);
      json_num (b, "stderr", f->stderr_[k], &pf);
      json_num (b, "rel_error", f->fixed[k] ? NAN : f->stderr_[k] / fabs (f->value[k]), &pf);
      json_str (b, "unit", eis_circuit_param_unit (c, k), &pf);
      json_key (b, "fixed", &pf);
      cli_buf_printf (b, "%s", f->fixed[k] ? "true" : "false");
      json_key (b, "determined", &pf);
      cli_buf_printf (b, "%s", f->undetermined[k] ? "false" : "true");
      json_str (b, "at_bound", f->at_bound[k] > 0 ? "upper" : f->at_bound[k] < 0 ? "lower" : NULL,
                &pf);
      cli_buf_append (b, "}", 1);
    }
  cli_buf_append (b, "]", 1);
  json_key (b, "correlation", &first);
  cli_buf_append (b, "[", 1);
  for (size_t a = 0; a < f->n_params; a++)
    {
      cli_buf_append (b, a ? ", [" : "[", a ? 3 : 1);
      for (size_t k = 0; k < f->n_params; k++)
        {
          if (k)
            cli_buf_append (b, ", ", 2);
          cli_buf_json_number (b, f->corr[a * f->n_params + k]);
        }
      cli_buf_append (b, "]", 1);
    }
  cli_buf_append (b, "]", 1);
  json_num (b, "chi2", f->chi2, &first);
  json_num (b, "reduced_chi2", f->reduced_chi2, &first);
  json_num (b, "dof", (double) f->dof, &first);
  json_num (b, "aic", f->aic, &first);
  json_num (b, "bic", f->bic, &first);
  json_num (b, "residual_runs_z", f->runs_z, &first);
  json_num (b, "iterations", f->iterations, &first);
  json_num (b, "starts", f->n_starts, &first);
  json_str (b, "status", eis_fit_status_name (f->status), &first);
  json_str (b, "message", f->message, &first);
  json_key (b, "arcs", &first);
  cli_buf_append (b, "[", 1);
  for (size_t k = 0; k < cd->n_arcs; k++)
    {
      const EisArc *a = &cd->arcs[k];
      int af = 1;
      cli_buf_append (b, k ? ", {" : "{", k ? 3 : 1);
      json_str (b, "element", a->label, &af);
      json_str (b, "role", eis_arc_role_name (a), &af);
      if (a->open_role)
        /* a Li|Li cell's arc of open role: the interface first, its capacitance's role the
         * other reading (role_ambiguous) */
        json_str (b, "role_other_reading", "grain_boundary", &af);
      json_num (b, "R", a->R, &af);
      json_num (b, "R_stderr", a->R_se, &af);
      json_num (b, "C_eff", a->C_eff, &af);
      json_num (b, "C_eff_stderr", a->C_eff_se, &af);
      json_str (b, "C_eff_formula", a->formula, &af);
      json_num (b, "C_specific_F_cm", a->C_specific, &af);
      json_num (b, "f_apex_Hz", a->f_peak_hz, &af);
      if (a->randles)
        {
          json_str (b, "charge_transfer_R", a->r_name, &af);
          json_str (b, "diffusion", a->diffusion, &af);
        }
      cli_buf_append (b, "}", 1);
    }
  cli_buf_append (b, "]", 1);
  json_num (b, "R_bulk", cd->R_bulk, &first);
  json_num (b, "R_bulk_stderr", cd->R_bulk_se, &first);
  json_str (b, "R_bulk_from", cd->bulk_source, &first);
  json_num (b, "R_gb", cd->R_gb, &first);
  json_num (b, "R_gb_stderr", cd->R_gb_se, &first);
  json_num (b, "R_total", cd->R_total, &first);
  json_num (b, "R_total_stderr", cd->R_total_se, &first);
  /* resistances whose arcs merge (apexes within a factor 3): only their sum, as a series
   * writes it */
  json_key (b, "merged", &first);
  if (cd->n_merged)
    {
      cli_buf_printf (b, "{\"parameters\": [");
      for (size_t m = 0; m < cd->n_merged; m++)
        {
          cli_buf_printf (b, "%s", m ? ", " : "");
          cli_buf_json_string (b, eis_circuit_param_name (e->fit.circuit,
                                                          (size_t) cd->merged_index[m]));
        }
      cli_buf_printf (b, "], \"R_sum\": ");
      cli_buf_json_number (b, cd->R_merged);
      cli_buf_json_member_number (b, ", ", "R_sum_stderr", cd->R_merged_se);
      cli_buf_printf (b, "}");
    }
  else
    cli_buf_printf (b, "null");
  /* a series resistance and an arc above the range the fit cannot split: their sum */
  json_key (b, "high_frequency_resistance", &first);
  if (cd->hf_pair)
    {
      cli_buf_json_member_string (b, "{", "parameters", cd->hf_names);
      cli_buf_json_member_number (b, ", ", "R", cd->R_hf);
      cli_buf_json_member_number (b, ", ", "R_stderr", cd->R_hf_se);
      cli_buf_printf (b, ", \"split_determined\": false}");
    }
  else
    cli_buf_printf (b, "null");
  json_key (b, "cell", &first);
  if (cd->cell == EIS_CELL_UNSPECIFIED)
    cli_buf_append (b, "null", 4);
  else
    cli_buf_json_string (b, eis_cell_name (cd->cell));
  json_num (b, "R_interface_total", cd->R_interface, &first);
  json_num (b, "R_interface_total_stderr", cd->R_interface_se, &first);
  json_str (b, "R_interface_from", cd->interface_source, &first);
  json_num (b, "ASR_per_interface_ohm_cm2", cd->asr_per_interface, &first);
  json_num (b, "ASR_per_interface_stderr_ohm_cm2", cd->asr_per_interface_se, &first);
  json_key (b, "role_ambiguous", &first);
  cli_buf_printf (b, "%s", cd->role_ambiguous ? "true" : "false");
  if (cd->role_ambiguous)
    {
      json_num (b, "R_interface_total_other", cd->R_interface_alt, &first);
      json_num (b, "R_interface_total_other_stderr", cd->R_interface_alt_se, &first);
      json_num (b, "ASR_per_interface_other_ohm_cm2", cd->asr_per_interface_alt, &first);
      json_num (b, "R_total_other", cd->R_total_alt, &first);
    }
  json_key (b, "bulk_gb_separated", &first);
  cli_buf_printf (b, "%s", cd->split_ambiguous || cd->intercept_total || cd->too_narrow
                  || cd->untrusted ? "false" : "true");
  json_key (b, "trusted", &first);
  cli_buf_printf (b, "%s", cd->untrusted ? "false" : "true");
  json_key (b, "geometry", &first);
  if (E_ARGS (r, e)->have_area)
    {
      int gf = 1;
      cli_buf_append (b, "{", 1);
      json_num (b, "thickness_cm", E_ARGS (r, e)->have_thickness
                ? E_ARGS (r, e)->geom.thickness_cm : NAN, &gf);
      json_num (b, "area_cm2", E_ARGS (r, e)->geom.area_cm2, &gf);
      cli_buf_append (b, "}", 1);
    }
  else
    cli_buf_append (b, "null", 4);
  json_key (b, "conductivity", &first);
  {
    int cf = 1;
    cli_buf_append (b, "{", 1);
    json_num (b, "bulk", cd->sigma_bulk, &cf);
    json_num (b, "bulk_stderr", cd->sigma_bulk_se, &cf);
    /* the intercept holds bulk and grain boundary, or the two are not separated: sigma_bulk is
     * at least sigma_total */
    json_num (b, "bulk_at_least", (cd->intercept_total || cd->split_ambiguous) && !cd->untrusted
                                  ? cd->sigma_total : NAN,
              &cf);
    json_num (b, "grain_boundary", cd->sigma_gb, &cf);
    json_num (b, "grain_boundary_stderr", cd->sigma_gb_se, &cf);
    json_num (b, "grain_boundary_specific", cd->sigma_gb_specific, &cf);
    json_num (b, "grain_boundary_specific_stderr", cd->sigma_gb_specific_se, &cf);
    json_num (b, "total", cd->sigma_total, &cf);
    json_num (b, "total_stderr", cd->sigma_total_se, &cf);
    if (cd->role_ambiguous)
      {
        /* an arc the capacitance does not place (role_ambiguous): sigma_total the other way */
        json_num (b, "total_other", cd->sigma_total_alt, &cf);
        json_num (b, "total_other_stderr", cd->sigma_total_alt_se, &cf);
      }
    json_str (b, "unit", "S/cm", &cf);
    cli_buf_append (b, "}", 1);
  }
  json_key (b, "cautions", &first);
  cli_buf_append (b, "[", 1);
  for (size_t k = 0; k < cd->n_cautions; k++)
    {
      if (k)
        cli_buf_append (b, ", ", 2);
      cli_buf_json_string (b, cd->cautions[k]);
    }
  cli_buf_append (b, "]", 1);
  json_key (b, "kk", &first);
  if (e->kk)
    {
      int kf = 1;
      cli_buf_append (b, "{", 1);
      json_key (b, "valid", &kf);
      cli_buf_printf (b, "%s", e->kk->valid > 0 ? "true" : e->kk->valid == 0 ? "false"
                               : "null");
      json_num (b, "M", (double) e->kk->m, &kf);
      json_num (b, "mu", e->kk->mu, &kf);
      json_num (b, "rms", e->kk->rms_res, &kf);
      json_num (b, "max_abs", e->kk->max_abs_res, &kf);
      json_key (b, "noisy", &kf);
      cli_buf_printf (b, "%s", e->kk->noisy ? "true" : "false");
      json_num (b, "noise", e->kk->noise_pp, &kf);
      cli_buf_append (b, "}", 1);
    }
  else
    cli_buf_append (b, "null", 4);
  json_str (b, "plot", e->plot_path, &first);
  if (r->args->n_circuits > 1)
    {
      json_key (b, "best_by_bic", &first);
      cli_buf_printf (b, "%s", e->best_by_bic ? "true" : "false");
    }
  cli_buf_append (b, "}", 1);
}

/* ---- the window between import and output ---- */

/* Entries in input order from import to output: worker threads fit the oldest unfitted ones;
 * the main thread imports, queues, and writes the oldest group (a spectrum's entries) once it
 * is done, fitting too while it waits. CAP bounds the entries held at one time. */
typedef struct {
  CliReport *r;
  pthread_mutex_t lock;
  pthread_cond_t work, done;
  CliReportEntry **ring;
  size_t cap;
  size_t head, next, tail;       /* oldest unwritten, next to fit, one past the newest */
  int closed;
  int rc;                        /* exit code so far */
  char **formats;                /* format names of the files read one spectrum at a time */
  size_t n_formats, cap_formats;
  CliReportEntry **group;        /* room for one group */
} Window;

static void *
worker (void *data)
{
  Window *w = data;
  pthread_mutex_lock (&w->lock);
  for (;;)
    {
      while (w->next == w->tail && !w->closed)
        pthread_cond_wait (&w->work, &w->lock);
      if (w->next == w->tail)
        break;
      CliReportEntry *e = w->ring[w->next++ % w->cap];
      /* An entry queued done (a file that could not be read) may be written and freed by the
       * main thread as soon as the lock is let go: look at it only under the lock. */
      if (e->done)
        continue;
      pthread_mutex_unlock (&w->lock);
      fit_entry (w->r, e);
      pthread_mutex_lock (&w->lock);
      e->done = 1;
      pthread_cond_broadcast (&w->done);
    }
  pthread_mutex_unlock (&w->lock);
  return NULL;
}

/* Waits until the oldest group is done, fitting queued entries on this thread meanwhile;
 * returns its size (0: the window is empty). */
static size_t
wait_oldest (Window *w)
{
  pthread_mutex_lock (&w->lock);
  size_t n = w->head < w->tail ? w->ring[w->head % w->cap]->group : 0;
  for (;;)
    {
      size_t k;
      for (k = 0; k < n && w->ring[(w->head + k) % w->cap]->done; k++)
        ;
      if (k == n)
        break;
      if (w->next < w->tail)
        {
          CliReportEntry *e = w->ring[w->next++ % w->cap];
          if (e->done)
            continue;     /* queued done: nothing to fit (see worker) */
          pthread_mutex_unlock (&w->lock);
          fit_entry (w->r, e);
          pthread_mutex_lock (&w->lock);
          e->done = 1;
          pthread_cond_broadcast (&w->done);
        }
      else
        pthread_cond_wait (&w->done, &w->lock);
    }
  for (size_t k = 0; k < n; k++)
    w->group[k] = w->ring[(w->head + k) % w->cap];
  w->head += n;
  /* Entries queued done (files that could not be read) are written without being taken by a
   * fitter: none may take them now that they are freed, nor the slots a new entry reuses. */
  if (w->next < w->head)
    w->next = w->head;
  pthread_mutex_unlock (&w->lock);
  return n;
}

static void
raise_rc (Window *w, int code)
{
  if (code > w->rc)
    w->rc = code;
}

static void
out_write (CliReport *r, CliBuf *b)
{
  EisError err = { 0 };
  if (!r->out_failed && b->len > 0 && cli_out_write (r->out, b->data, b->len, &err) != EIS_OK)
    {
      cli_error ("%s", err.message);
      r->out_failed = 1;
    }
  b->len = 0;
}

static void
entry_free (CliReportEntry *e)
{
  cli_fit_outcome_clear (&e->fit);
  eis_kk_result_free (e->kk);
  free (e->kk_skipped);
  free (e->file);
  free (e->plot_path);
  free (e);
}

/* A CSV row, straight out when the columns are known (the header is out), else into the spool
 * with the place where parameter columns that appear later go. */
static void
csv_out (CliReport *r, const CliReportEntry *e)
{
  size_t split, n_columns, start = r->buf.len;
  csv_row (r, e, &r->buf, &split, &n_columns);
  if (r->spool == NULL)
    return;
  size_t head = split - start, len = r->buf.len - start;
  if (fwrite (&n_columns, sizeof n_columns, 1, r->spool) != 1
      || fwrite (&head, sizeof head, 1, r->spool) != 1
      || fwrite (&len, sizeof len, 1, r->spool) != 1
      || fwrite (r->buf.data + start, 1, len, r->spool) != len)
    {
      if (!r->out_failed)
        cli_error ("a temporary file for the CSV rows: write failed: %s", strerror (errno));
      r->out_failed = 1;
    }
  r->buf.len = start;
}

/* Counts a spectrum of file PATH fitted with automatic circuit TEXT (see CliReport.autos): the
 * spectra of one file come one after the other, so its entries are the last ones. */
static void
note_auto_circuit (CliReport *r, const char *path, const char *text)
{
  for (size_t i = r->n_auto; i > 0 && strcmp (r->autos[i - 1].path, path) == 0; i--)
    if (strcmp (r->autos[i - 1].circuit, text) == 0)
      {
        r->autos[i - 1].n_spectra++;
        return;
      }
  if (r->n_auto == r->cap_auto)
    {
      size_t cap = r->cap_auto ? 2 * r->cap_auto : 8;
      CliAutoNote *a = realloc (r->autos, cap * sizeof *a);
      if (!a)
        return;   /* out of memory: the note is only a note */
      r->autos = a;
      r->cap_auto = cap;
    }
  r->autos[r->n_auto].path = cli_xstrdup (path);
  r->autos[r->n_auto].circuit = cli_xstrdup (text);
  r->autos[r->n_auto++].n_spectra = 1;
}

/* The automatic choice gave the spectra of one sample different circuits: said once, at the
 * end, in the words eisfit-gtk uses after Fit All (a table of R1 across them compares unlike
 * arcs). Spectra of other samples (a pellet, a Li|Li cell) are not compared. */
static void
warn_mixed_circuits (const CliReport *r)
{
  if (r->n_auto < 2 || r->opt.quiet)
    return;
  EisAutoChoice *v = calloc (r->n_auto, sizeof *v);
  if (!v)
    return;
  for (size_t i = 0; i < r->n_auto; i++)
    {
      /* --cell and the geometry are the same for every file of the command line */
      v[i].path = r->autos[i].path;
      v[i].circuit = r->autos[i].circuit;
      v[i].n_spectra = r->autos[i].n_spectra;
    }
  char *text = eis_mixed_circuits_text (v, r->n_auto, "x");
  if (text)
    cli_warning ("%s; to compare them, give one circuit with --circuit, or fit them as one "
                 "series (eisfit series)", text);
  free (text);
  free (v);
}

/* The oldest group, done: its messages and warnings, figures, report; then frees it (and its
 * spectrum, and its file after the file's last spectrum). */
static void
write_group (Window *w, size_t n)
{
  CliReport *r = w->r;
  CliReportEntry **g = w->group;
  size_t kept = 0;
  for (size_t i = 0; i < n; i++)
    {
      CliReportEntry *e = g[i];
      if (e->exit_code)
        {
          cli_error ("%s", e->err.message);
          raise_rc (w, e->exit_code);
          continue;
        }
      size_t k = (size_t) e->s->index + 1;
      if (e->it && !e->from_saved && !r->opt.quiet)
        cli_warning ("%s: refitted: %s", e->it->label, fit_source_why (e));
      if (e->status != EIS_OK)
        {
          if (e->n_in_file > 1)
            cli_error ("%s: spectrum %zu: %s", e->file, k, e->err.message);
          else
            cli_error ("%s", e->err.message);
          /* no fit (no admissible candidate, man eisfit): 3, as a fit that did not converge */
          raise_rc (w, cli_exit_for_status (e->status));
          continue;
        }
      if (e->fit.fit->status != EIS_FIT_CONVERGED)
        {
          if (!r->opt.quiet)
            cli_warning ("%s: spectrum %zu: fit: %s", e->file, k, e->fit.fit->message);
          raise_rc (w, EXIT_FIT);
        }
      if (e->fit.fit->choice_doubtful)
        {
          /* reported, as a fit that did not converge, and exit 3 alike (man eisfit) */
          if (!r->opt.quiet)
            cli_warning ("%s: spectrum %zu: untrusted: no candidate circuit is converged, "
                         "determined and admissible; %s is reported without conductivity "
                         "(give a circuit with --circuit)", e->file, k,
                         eis_circuit_text (e->fit.circuit));
          raise_rc (w, EXIT_FIT);
        }
      if (!r->items && r->args->circuit == NULL && r->args->n_circuits <= 1)
        note_auto_circuit (r, e->file, eis_circuit_text (e->fit.circuit));
      if (e->from_saved && e->fit.saved_mismatch && !r->opt.quiet)
        {
          /* the engine's text, as eisfit-gtk's Open Project shows it */
          char sm[1600];
          if (eis_project_saved_fit_mismatch (e->it->label, e->fit.saved_chi2, e->fit.fit, sm,
                                              sizeof sm))
            cli_warning ("%s", sm);
        }
      else if (e->from_saved && e->fit.saved_stderr_note[0] && !r->opt.quiet)
        cli_warning ("%s: %s", e->it->label, e->fit.saved_stderr_note);
      if (e->fit.cond.misfit && !r->opt.quiet)
        cli_warning ("%s: spectrum %zu: %s does not describe the data (its residuals lie far "
                     "beyond the noise): no conductivity is given", e->file, k,
                     eis_circuit_text (e->fit.circuit));
      {
        /* the sign hint of the report's caution, once a spectrum (not per compared circuit) */
        char ih[400];
        if (!r->opt.quiet && e->circuit == 0 && eis_spectrum_inductive_hint (e->s, ih, sizeof ih))
          cli_warning ("%s: spectrum %zu: %s", e->file, k, ih);
      }
      char tc[600];
      if (!r->opt.quiet && e->circuit == 0
          && eis_spectrum_temperature_conflict (e->s, e->file, tc, sizeof tc))
        cli_warning ("%s: spectrum %zu: %s", e->file, k, tc);
      const char *warn = eis_meta_get (&e->s->meta, "warning");
      if (warn && !r->opt.quiet)
        cli_warning ("%s: spectrum %zu: %s", e->file, k, warn);
      const char *notice = eis_meta_get (&e->s->meta, "notice");
      if (notice && !r->opt.quiet)
        cli_note ("%s: spectrum %zu: %s", e->file, k, notice);
      if (isinf (e->fit.fit->runs_z) && !r->opt.quiet)
        cli_warning ("%s: spectrum %zu: every residual has the same sign: the circuit misses a "
                     "feature of the data; look at --plot", e->file, k);
      else if (e->fit.fit->runs_z < -3 && !r->opt.quiet)
        cli_warning ("%s: spectrum %zu: the residuals follow a pattern (runs test z = %.1f): "
                     "the circuit misses a feature of the data; look at --plot",
                     e->file, k, e->fit.fit->runs_z);
      if (e->kk_skipped && !r->opt.quiet)
        cli_warning ("%s: spectrum %zu: Kramers-Kronig check not done: %s", e->file, k,
                     e->kk_skipped);
      if (e->kk && e->kk->valid == 0 && !r->opt.quiet)
        cli_warning ("%s: spectrum %zu: Kramers-Kronig check: %s", e->file, k, e->kk->verdict);
      {
        char list[256];
        if (outlier_list (e, list, sizeof list) > 0 && !r->opt.quiet)
          cli_warning ("%s: spectrum %zu: %s stand%s out (residual above %.0f robust standard "
                       "deviations when fitted without %s): a bad point pulls every parameter; "
                       "check it and leave it out with --exclude-points", e->file, k, list,
                       e->n_outliers > 1 ? "" : "s", EIS_OUTLIER_SIGMAS,
                       e->n_outliers > 1 ? "them" : "it");
      }
      if (r->opt.plot && write_plot (r, e) != 0)
        r->plot_failed = 1;
      g[i] = g[kept];
      g[kept++] = e;
    }
  /* Comparing circuits: the lowest BIC among the spectrum's fits. */
  if (r->args->n_circuits > 1 && kept > 0)
    {
      size_t best = 0;
      for (size_t i = 1; i < kept; i++)
        if (g[i]->fit.fit->bic < g[best]->fit.fit->bic)
          best = i;
      g[best]->best_by_bic = 1;
    }
  /* The kept entries are in order: the others were moved behind them. */
  for (size_t i = 0; i < kept; i++)
    {
      switch (r->opt.format)
        {
        case CLI_FORMAT_CSV: csv_out (r, g[i]); break;
        case CLI_FORMAT_JSON: json_entry (r, g[i], &r->buf); break;
        default: text_entry (r, g[i], &r->buf); break;
        }
      r->n_written++;
    }
  if (r->opt.format == CLI_FORMAT_TEXT && r->args->n_circuits > 1)
    text_comparison (g, kept, &r->buf);
  out_write (r, &r->buf);
  /* The group's spectrum, and its file after the last one. */
  EisDataFile *df = g[0]->df;
  int last = 0;
  for (size_t i = 0; i < n; i++)
    last |= g[i]->last_of_file;
  if (g[0]->own)
    eis_spectrum_free (g[0]->own);
  else if (df && g[0]->s)
    {
      eis_spectrum_free (df->spectra[g[0]->k_in_file]);
      df->spectra[g[0]->k_in_file] = NULL;
    }
  for (size_t i = 0; i < n; i++)
    if (g[i]->item >= 0 && r->item_fitted && g[i]->status == EIS_OK && !g[i]->exit_code)
      r->item_fitted ((size_t) g[i]->item, &g[i]->fit, r->item_data);
  for (size_t i = 0; i < n; i++)
    entry_free (g[i]);
  if (last)
    eis_data_file_free (df);
}

/* Queues E (a group's first entry carries the group's size), writing finished groups while
 * the window is full. */
static void
queue (Window *w, CliReportEntry *e)
{
  for (;;)
    {
      pthread_mutex_lock (&w->lock);
      int full = w->tail - w->head == w->cap;
      if (!full)
        {
          w->ring[w->tail++ % w->cap] = e;
          pthread_cond_signal (&w->work);
        }
      pthread_mutex_unlock (&w->lock);
      if (!full)
        return;
      size_t n = wait_oldest (w);
      write_group (w, n);
    }
}

/* An entry that only says that a file could not be read, in its place among the results. */
static void
queue_failure (Window *w, int code, const char *fmt, ...) __attribute__ ((format (printf, 3, 4)));

static void
queue_failure (Window *w, int code, const char *fmt, ...)
{
  CliReportEntry *e = cli_xmalloc (sizeof *e);
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (e->err.message, sizeof e->err.message, fmt, ap);
  va_end (ap);
  e->exit_code = code;
  e->done = 1;
  e->group = 1;
  queue (w, e);
}

/* A file read one spectrum at a time (eis_import_each): its entries own their spectrum and
 * copy what they need of the file, which may be gone before they are written. */
typedef struct {
  Window *w;
  const char *path;
  char *format;
  size_t n_spectra, k;
} QueueFile;

static int
queue_begin (void *data, EisDataFile *df, size_t n_spectra)
{
  QueueFile *q = data;
  q->n_spectra = n_spectra;
  const char *fmt = df->format ? df->format : "?";
  Window *w = q->w;
  if (w->n_formats > 0 && strcmp (w->formats[w->n_formats - 1], fmt) == 0)
    q->format = w->formats[w->n_formats - 1];
  else
    {
      if (w->n_formats == w->cap_formats)
        {
          w->cap_formats = w->cap_formats ? 2 * w->cap_formats : 8;
          char **nf = realloc (w->formats, w->cap_formats * sizeof *w->formats);
          if (nf == NULL)
            abort ();
          w->formats = nf;
        }
      q->format = w->formats[w->n_formats++] = cli_xstrdup (fmt);
    }
  if (n_spectra == 0)
    queue_failure (q->w, EXIT_INPUT, "%s: no impedance spectrum in this file (%s; %zu DC series: "
                   "see 'eisfit info')", q->path, df->format ? df->format : "?", df->n_series);
  return 0;
}

static int
queue_spectrum (void *data, EisDataFile *df, EisSpectrum *s)
{
  QueueFile *q = data;
  CliReport *r = q->w->r;
  (void) df;
  size_t n_c = r->args->n_circuits > 1 ? r->args->n_circuits : 1;
  for (size_t c = 0; c < n_c; c++)
    {
      CliReportEntry *e = cli_xmalloc (sizeof *e);
      e->file = cli_xstrdup (q->path);
      e->format = q->format;
      e->k_in_file = q->k;
      e->s = s;
      e->own = c == 0 ? s : NULL;   /* freed with the group (by its first entry) */
      e->n_in_file = q->n_spectra;
      e->circuit = c;
      e->group = c == 0 ? n_c : 0;
      e->item = -1;
      queue (q->w, e);
    }
  q->k++;
  return q->w->rc == EXIT_OUTPUT;   /* the output failed: nothing more to do */
}

/* Imports PATH and queues an entry for each spectrum (and circuit) in it, as they are read. */
static void
queue_file (Window *w, const char *path)
{
  CliReport *r = w->r;
  EisDataFile *df = NULL;
  EisError err = { 0 };
  QueueFile q = { w, path, NULL, 0, 0 };
  EisImportSink sink = { NULL, queue_begin, queue_spectrum, &q };
  int st = eis_import_each (path, &r->args->import, &sink, &df, &err);
  if (st != EIS_OK && w->rc != EXIT_OUTPUT)
    {
      int too_big = err.code == EIS_ERR_IO && strstr (err.message, "more than the limit") != NULL;
      queue_failure (w, cli_exit_for_import (st), "%s%s", err.message,
                     too_big ? "; raise the limit with --max-size" : "");
    }
  eis_data_file_free (df);
}

/* Imports ITEM's file and queues the one spectrum it names, with its own settings. */
static void
queue_item (Window *w, const CliReportItem *item, size_t i)
{
  CliReport *r = w->r;
  EisDataFile *df = NULL;
  EisError err = { 0 };
  int st = eis_import (item->path, &item->args->import, &df, &err);
  if (st != EIS_OK)
    {
      queue_failure (w, cli_exit_for_import (st), "%s", err.message);
      return;
    }
  if (item->index >= df->n_spectra)
    {
      queue_failure (w, EXIT_INPUT, "%s: spectrum #%zu is not in %s, which holds %zu", item->label,
                     item->index + 1, item->path, df->n_spectra);
      eis_data_file_free (df);
      return;
    }
  if (item->points_where)
    {
      /* points left out that the spectrum does not have: the project's line, not a usage error */
      EisFitOptions fo = item->args->fit;
      cli_range_apply (&item->args->range, &fo);
      if (eis_fit_points_check (&fo, df->spectra[item->index], &err) != EIS_OK)
        {
          queue_failure (w, EXIT_INPUT, "%s: %s", item->points_where, err.message);
          eis_data_file_free (df);
          return;
        }
    }
  if (isfinite (item->temperature_k))
    df->spectra[item->index]->temperature_k = item->temperature_k;
  CliReportEntry *e = cli_xmalloc (sizeof *e);
  e->file = cli_xstrdup (item->path);
  e->format = df->format;
  e->df = df;
  e->k_in_file = item->index;
  e->s = df->spectra[item->index];
  e->n_in_file = df->n_spectra;
  e->group = 1;
  e->last_of_file = 1;
  e->args = item->args;
  e->item = (long) i;
  e->it = item;
  (void) r;
  queue (w, e);
}

/* The CSV's parameter columns when every fit uses a given circuit: known before the first fit,
 * so that the header and each row go out at once. Else (the automatic choice) the rows wait in
 * a temporary file for the header. Returns 0, or -1 when no temporary file can be made. */
static int
csv_begin (CliReport *r)
{
  const CliFitArgs *a = r->args;
  size_t n_c = a->n_circuits > 1 ? a->n_circuits : 1;
  if (a->n_circuits <= 1 && a->circuit == NULL)
    {
      if ((r->spool = tmpfile ()) == NULL)
        {
          cli_error ("a temporary file for the CSV rows: %s", strerror (errno));
          return -1;
        }
      return 0;
    }
  for (size_t q = 0; q < n_c; q++)
    {
      EisCircuit *c = NULL;
      EisCircuitSettings inl;
      EisError err;
      if (eis_circuit_parse_inline (a->n_circuits > 1 ? a->circuits[q] : a->circuit, &c, &inl,
                                    &err) != EIS_OK)
        continue;     /* each fit with it says why */
      for (size_t k = 0; k < eis_circuit_n_params (c); k++)
        csv_column (r, eis_circuit_param_name (c, k));
      eis_circuit_settings_clear (&inl);
      eis_circuit_free (c);
    }
  csv_header (r, &r->buf);
  out_write (r, &r->buf);
  return 0;
}

/* The spooled CSV rows after their header, each with the columns of names that appeared after
 * it left empty. */
static void
csv_end (CliReport *r)
{
  csv_header (r, &r->buf);
  out_write (r, &r->buf);
  if (r->out_failed || fflush (r->spool) != 0 || fseek (r->spool, 0, SEEK_SET) != 0)
    return;
  size_t n_columns, head, len;
  while (fread (&n_columns, sizeof n_columns, 1, r->spool) == 1
         && fread (&head, sizeof head, 1, r->spool) == 1
         && fread (&len, sizeof len, 1, r->spool) == 1)
    {
      char *row = cli_xmalloc (len + 1);
      if (fread (row, 1, len, r->spool) != len)
        {
          free (row);
          break;
        }
      cli_buf_append (&r->buf, row, head);
      for (size_t j = n_columns; j < r->n_names; j++)
        cli_buf_append (&r->buf, ",,", 2);
      cli_buf_append (&r->buf, row + head, len - head);
      free (row);
      if (r->buf.len >= 1 << 16)
        out_write (r, &r->buf);
    }
  out_write (r, &r->buf);
}

static int run (CliReport *r, const char *const *paths, size_t n_paths, const CliReportItem *items,
                size_t n_items, CliOut *out);

int
cli_report_run (CliReport *r, const char *const *paths, size_t n_paths, CliOut *out)
{
  return run (r, paths, n_paths, NULL, 0, out);
}

int
cli_report_run_items (CliReport *r, const CliReportItem *items, size_t n, CliOut *out,
                      void (*fitted) (size_t i, const CliFitOutcome *o, void *data), void *data)
{
  r->item_fitted = fitted;
  r->item_data = data;
  r->items = 1;
  return run (r, NULL, 0, items, n, out);
}

static int
run (CliReport *r, const char *const *paths, size_t n_paths, const CliReportItem *items,
     size_t n_items, CliOut *out)
{
  r->out = out;
  /* Each spectrum's fit is independent and seeded: the results do not depend on the number
   * of threads. Figures are drawn by the writer, on this thread (PLplot is not thread-safe). */
  int jobs = r->opt.jobs > 0 ? r->opt.jobs : 1;
  size_t n_c = r->args->n_circuits > 1 ? r->args->n_circuits : 1;
  Window w = { .r = r, .lock = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER,
               .done = PTHREAD_COND_INITIALIZER };
  w.cap = 16 * (size_t) jobs + 2 * n_c;
  w.ring = cli_xmalloc (w.cap * sizeof *w.ring);
  w.group = cli_xmalloc (n_c * sizeof *w.group);
  if (r->opt.format == CLI_FORMAT_CSV && csv_begin (r) != 0)
    raise_rc (&w, EXIT_OUTPUT);
  if (r->opt.format == CLI_FORMAT_JSON)
    cli_buf_append (&r->buf, "[", 1);
  pthread_t tid[64];
  int started = 0;
  for (int t = 1; t < jobs && t < 64 && w.rc == EXIT_OK; t++)
    if (pthread_create (&tid[started], NULL, worker, &w) == 0)
      started++;
  for (size_t i = 0; i < n_paths && w.rc != EXIT_OUTPUT; i++)
    queue_file (&w, paths[i]);
  for (size_t i = 0; i < n_items && w.rc != EXIT_OUTPUT; i++)
    queue_item (&w, &items[i], i);
  size_t n;
  while ((n = wait_oldest (&w)) > 0)
    write_group (&w, n);
  pthread_mutex_lock (&w.lock);
  w.closed = 1;
  pthread_cond_broadcast (&w.work);
  pthread_mutex_unlock (&w.lock);
  for (int t = 0; t < started; t++)
    pthread_join (tid[t], NULL);
  if (r->opt.format == CLI_FORMAT_JSON)
    cli_buf_append (&r->buf, r->n_written ? "\n]\n" : "]\n", r->n_written ? 3 : 2);
  else if (r->opt.format == CLI_FORMAT_CSV && r->spool)
    csv_end (r);
  out_write (r, &r->buf);
  free (w.ring);
  free (w.group);
  for (size_t i = 0; i < w.n_formats; i++)
    free (w.formats[i]);
  free (w.formats);
  if (r->out_failed)
    raise_rc (&w, EXIT_OUTPUT);
  warn_mixed_circuits (r);
  return w.rc;
}

void
cli_report_clear (CliReport *r)
{
  for (size_t i = 0; i < r->n_auto; i++)
    {
      free (r->autos[i].path);
      free (r->autos[i].circuit);
    }
  free (r->autos);
  for (size_t j = 0; j < r->n_names; j++)
    free (r->names[j]);
  free (r->names);
  if (r->spool)
    fclose (r->spool);
  cli_buf_free (&r->buf);
  memset (r, 0, sizeof *r);
}
