/* The fit report of eisfit: import, fit, Kramers-Kronig check and plot per spectrum, then
 * text (for people), CSV (one row per spectrum, for spreadsheets) or JSON (for programs). */
#include "report.h"

#include <pthread.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "kk.h"
#include "plot.h"
#include "temperature.h"

struct CliReportEntry {
  int status;                    /* of the fit: EIS_OK or the error in err */
  EisError err;
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
};

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
    }
  else
    rc = -1;
  free (mf), free (mr), free (mi), free (rre), free (rim);
  return rc;
}

int
cli_report_fit_file (CliReport *r, const char *path)
{
  EisDataFile *df = NULL;
  EisError err = { 0 };
  int st = eis_import (path, &r->args->import, &df, &err);
  if (st != EIS_OK)
    {
      cli_import_error (NULL, &err);
      return cli_exit_for_import (st);
    }
  if (df->n_spectra == 0)
    {
      cli_error ("%s: no impedance spectrum in this file (%s; %zu DC series: see 'eisfit info')",
                 path, df->format ? df->format : "?", df->n_series);
      eis_data_file_free (df);
      return EXIT_INPUT;
    }
  r->files = realloc (r->files, (r->n_files + 1) * sizeof *r->files);
  if (r->files == NULL)
    exit (EXIT_INTERNAL);
  r->files[r->n_files++] = df;
  size_t n_c = r->args->n_circuits > 1 ? r->args->n_circuits : 1;
  for (size_t q = 0; q < df->n_spectra * n_c; q++)
    {
      size_t k = q / n_c;
      CliReportEntry *e = calloc (1, sizeof *e);
      if (e == NULL)
        exit (EXIT_INTERNAL);
      e->file = cli_xstrdup (path);
      e->format = df->format;
      e->s = df->spectra[k];
      e->n_in_file = df->n_spectra;
      e->circuit = q % n_c;
      if (r->n == r->cap)
        {
          r->cap = r->cap ? 2 * r->cap : 16;
          r->entries = realloc (r->entries, r->cap * sizeof *r->entries);
          if (r->entries == NULL)
            exit (EXIT_INTERNAL);
        }
      r->entries[r->n++] = e;
    }
  return EXIT_OK;
}

/* The fits (and Kramers-Kronig checks) of all entries, shared by the worker threads. */
typedef struct {
  CliReport *r;
  pthread_mutex_t lock;
  size_t next;
} Work;

static void *
worker (void *data)
{
  Work *w = data;
  for (;;)
    {
      pthread_mutex_lock (&w->lock);
      size_t i = w->next++;
      pthread_mutex_unlock (&w->lock);
      if (i >= w->r->n)
        return NULL;
      CliReportEntry *e = w->r->entries[i];
      e->status = cli_fit_spectrum_circuit (w->r->args, w->r->args->n_circuits > 1
                                            ? w->r->args->circuits[e->circuit]
                                            : w->r->args->circuit, e->s, &e->fit, &e->err);
      if (e->status == EIS_OK && w->r->opt.kk)
        {
          /* The same points as the fit. */
          EisError kerr;
          EisFitOptions fo = w->r->args->fit;
          cli_range_apply (&w->r->args->range, &fo);
          EisSpectrum *used = eis_fit_used_points (e->s, &fo);
          if (used == NULL)
            e->kk = NULL;
          else if (eis_kk_run (used, NULL, &e->kk, &kerr) != EIS_OK)
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
      if (e->status == EIS_OK)
        {
          EisFitOptions fo = w->r->args->fit;
          cli_range_apply (&w->r->args->range, &fo);
          e->n_outliers = eis_fit_outliers (e->fit.circuit, e->s, &fo, e->fit.fit, e->outliers,
                                            sizeof e->outliers / sizeof e->outliers[0]);
        }
    }
}

static size_t outlier_list (const CliReportEntry *e, char *buf, size_t len);

int
cli_report_run (CliReport *r)
{
  /* Each spectrum's fit is independent and seeded: the results do not depend on the number
   * of threads. Figures are drawn afterwards, on this thread (PLplot is not thread-safe). */
  int jobs = r->opt.jobs > 0 ? r->opt.jobs : 1;
  if ((size_t) jobs > r->n)
    jobs = r->n > 0 ? (int) r->n : 1;
  Work w = { r, PTHREAD_MUTEX_INITIALIZER, 0 };
  pthread_t tid[64];
  int started = 0;
  for (int t = 1; t < jobs && t < 64; t++)
    if (pthread_create (&tid[started], NULL, worker, &w) == 0)
      started++;
  worker (&w);
  for (int t = 0; t < started; t++)
    pthread_join (tid[t], NULL);

  int rc = EXIT_OK;
  size_t kept = 0;
  for (size_t i = 0; i < r->n; i++)
    {
      CliReportEntry *e = r->entries[i];
      size_t k = (size_t) e->s->index + 1;
      if (e->status != EIS_OK)
        {
          if (e->n_in_file > 1)
            cli_error ("%s: spectrum %zu: %s", e->file, k, e->err.message);
          else
            cli_error ("%s", e->err.message);
          int code = e->status == EIS_ERR_NOMEM ? EXIT_INTERNAL
                     : e->status == EIS_ERR_INVALID || e->status == EIS_ERR_PARSE ? EXIT_USAGE
                     : EXIT_INPUT;
          if (code > rc)
            rc = code;
          free (e->file);
          free (e);
          continue;
        }
      if (e->fit.fit->status != EIS_FIT_CONVERGED)
        {
          if (!r->opt.quiet)
            cli_warning ("%s: spectrum %zu: fit: %s", e->file, k, e->fit.fit->message);
          if (rc < EXIT_FIT)
            rc = EXIT_FIT;
        }
      const char *warn = eis_meta_get (&e->s->meta, "warning");
      if (warn && !r->opt.quiet)
        cli_warning ("%s: spectrum %zu: %s", e->file, k, warn);
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
      r->entries[kept++] = e;
    }
  r->n = kept;
  /* Comparing circuits: the lowest BIC among each spectrum's fits (entries of one spectrum
   * are consecutive). */
  for (size_t i = 0; r->args->n_circuits > 1 && i < r->n;)
    {
      size_t j = i, best = i;
      for (; j < r->n && r->entries[j]->s == r->entries[i]->s; j++)
        if (r->entries[j]->fit.fit->bic < r->entries[best]->fit.fit->bic)
          best = j;
      r->entries[best]->best_by_bic = 1;
      i = j;
    }
  return rc;
}

/* Comparing circuits, after the last fit of a spectrum: one line per circuit with its
 * goodness of fit and what it says of the electrolyte, the lowest BIC marked. */
static void
text_comparison (CliReport *r, size_t last, CliBuf *b)
{
  size_t first = last;
  while (first > 0 && r->entries[first - 1]->s == r->entries[last]->s)
    first--;
  if (last == first)
    return;
  cli_buf_printf (b, "\n  comparison of %zu circuits on this spectrum (* = lowest BIC)\n",
                  last - first + 1);
  cli_buf_printf (b, "    %-34s %3s %10s %9s %9s %7s %7s %-4s %-11s %s\n", "circuit", "k", "chi2",
                  "AIC", "BIC", "dBIC", "runs z", "adm.", "R_bulk/Ohm", "R_total/Ohm");
  double bmin = INFINITY;
  for (size_t i = first; i <= last; i++)
    bmin = fmin (bmin, r->entries[i]->fit.fit->bic);
  for (size_t i = first; i <= last; i++)
    {
      const CliReportEntry *e = r->entries[i];
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

void
cli_report_clear (CliReport *r)
{
  for (size_t i = 0; i < r->n; i++)
    {
      CliReportEntry *e = r->entries[i];
      cli_fit_outcome_clear (&e->fit);
      eis_kk_result_free (e->kk);
      free (e->kk_skipped);
      free (e->file);
      free (e->plot_path);
    }
  for (size_t i = 0; i < r->n; i++)
    free (r->entries[i]);
  free (r->entries);
  for (size_t i = 0; i < r->n_files; i++)
    eis_data_file_free (r->files[i]);
  free (r->files);
  memset (r, 0, sizeof *r);
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
  if (isfinite (se))
    cli_buf_printf (b, "%.4e +- %.2e", v, se);
  else
    cli_buf_printf (b, "%.4e", v);
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
      char adm[200];
      const char *in = strstr (p, " (inadmissible: ");
      if (in && in < p + len)
        {
          snprintf (adm, sizeof adm, "  (outside its physical range: %.*s)",
                    (int) (p + len - in - 17), in + 16);
          mark = adm;
          len = (size_t) (in - p);
        }
      const char *sp = NULL;
      for (const char *t = p; t < p + len; t++)
        if (*t == ' ')
          sp = t;
      if (sp)
        cli_buf_printf (b, "            BIC %9.*s  %.*s%s\n", (int) (p + len - sp - 1), sp + 1,
                        (int) (sp - p), p, mark);
      else
        cli_buf_printf (b, "            %.*s\n", (int) len, p);
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
    default: return "unassigned";
    }
}

static void
render_text (CliReport *r, CliBuf *b)
{
  for (size_t i = 0; i < r->n; i++)
    {
      CliReportEntry *e = r->entries[i];
      const EisSpectrum *s = e->s;
      const EisFitResult *f = e->fit.fit;
      const EisConductivity *cd = &e->fit.cond;
      if (i)
        cli_buf_printf (b, "\n");
      cli_buf_printf (b, "%s", e->file);
      if (e->n_in_file > 1)
        cli_buf_printf (b, "  spectrum %d of %zu", s->index + 1, e->n_in_file);
      if (s->cycle >= 0)
        cli_buf_printf (b, " (cycle %d)", s->cycle);
      cli_buf_printf (b, "\n  %s, %zu points, %.4g Hz to %.4g Hz", e->format ? e->format : "?",
                      s->n, s->freq_hz[0], s->freq_hz[s->n - 1]);
      const char *t_from;
      double T = eis_spectrum_temperature (e->s, e->file, &t_from, NULL);
      if (isfinite (T))
        cli_buf_printf (b, ", %.2f degC (from the %s)", T - 273.15, t_from);
      if (f->n_points != s->n && f->n_points > 0)
        {
          char left[512];
          cli_range_describe (&r->args->range, left, sizeof left);
          cli_buf_printf (b, "\n  fitted    %zu of those points, %.4g Hz to %.4g Hz (left out: %s)",
                          f->n_points, f->freq_hz[0], f->freq_hz[f->n_points - 1], left);
        }
      cli_buf_printf (b, "\n  circuit   %s\n", eis_circuit_text (e->fit.circuit));
      if (e->fit.why[0])
        text_why (b, e->fit.why);
      cli_buf_printf (b, "  fit       %s; weighting %s\n", f->message,
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
          if (f->fixed[k])
            cli_buf_printf (b, "%-10s %-9s", "fixed", "");
          else if (isfinite (se))
            cli_buf_printf (b, "%-10.3e %7.2f %%", se, 100 * se / fabs (v));
          else
            cli_buf_printf (b, "%-10s %-9s", "n/a", "");
          const char *unit = eis_circuit_param_unit (e->fit.circuit, k);
          cli_buf_printf (b, " %s%s", unit && *unit ? unit : "-",
                          f->at_bound[k] ? (f->at_bound[k] > 0 ? "   (at its upper bound)"
                                                               : "   (at its lower bound)") : "");
          if (f->undetermined[k])
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
          cli_buf_printf (b, " -> %s\n", role_text (a->role));
        }
      cli_buf_printf (b, "  R_bulk from %s\n", cd->bulk_source);
      if (cd->have_geometry)
        {
          const EisGeometry *g = &r->args->geom;
          cli_buf_printf (b, "\n  conductivity (L = %.4g cm, A = %.4g cm2, L/A = %.4g 1/cm)\n",
                          g->thickness_cm, g->area_cm2, g->thickness_cm / g->area_cm2);
          cli_buf_printf (b, "  sigma_bulk   ");
          text_value (b, cd->sigma_bulk, cd->sigma_bulk_se);
          if (isfinite (cd->R_bulk))
            cli_buf_printf (b, " S/cm   (R_bulk %.5g Ohm)\n", cd->R_bulk);
          else
            cli_buf_printf (b, " S/cm   (%s)\n", cd->split_ambiguous
                            ? "not separated from the grain boundary: see the caution"
                            : cd->too_many_arcs ? "too many arcs to assign roles: see the caution"
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
          if (cd->split_ambiguous)
            cli_buf_printf (b, " S/cm   (the whole electrolyte, R_total = %.5g Ohm)\n",
                            cd->R_total);
          else if (isfinite (cd->R_total))
            cli_buf_printf (b, " S/cm   (R_bulk + R_gb = %.5g Ohm)\n", cd->R_total);
          else
            cli_buf_printf (b, " S/cm   (%s)\n", cd->too_many_arcs
                            ? "too many arcs to assign roles: see the caution"
                            : "no electrolyte resistance in this circuit");
          if (!(g->thickness_se_cm > 0) && !(g->area_se_cm2 > 0))
            cli_buf_printf (b, "  (errors from the fit alone; give the geometry's as "
                            "--thickness 0.60mm+-0.01mm)\n");
        }
      else
        cli_buf_printf (b, "  (%s)\n", cd->note);
      for (size_t k = 0; k < cd->n_cautions; k++)
        cli_buf_printf (b, "  caution: %s\n", cd->cautions[k]);
      if (e->kk)
        cli_buf_printf (b, "\n  Kramers-Kronig check (Lin-KK): %s\n", e->kk->verdict);
      else if (e->kk_skipped)
        cli_buf_printf (b, "\n  Kramers-Kronig check (Lin-KK): not done: %s\n", e->kk_skipped);
      if (e->plot_path)
        cli_buf_printf (b, "  plot written to %s\n", e->plot_path);
      if (r->args->n_circuits > 1 && (i + 1 == r->n || r->entries[i + 1]->s != e->s))
        text_comparison (r, i, b);
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

static void
render_csv (CliReport *r, CliBuf *b)
{
  /* Parameter columns: the union over all spectra, in order of appearance. */
  size_t nn = 0, cap = 0;
  const char **names = NULL;
  for (size_t i = 0; i < r->n; i++)
    {
      const EisCircuit *c = r->entries[i]->fit.circuit;
      for (size_t k = 0; k < eis_circuit_n_params (c); k++)
        {
          const char *nm = eis_circuit_param_name (c, k);
          size_t j;
          for (j = 0; j < nn && strcmp (names[j], nm) != 0; j++)
            ;
          if (j < nn)
            continue;
          if (nn == cap)
            {
              cap = cap ? 2 * cap : 16;
              names = realloc (names, cap * sizeof *names);
              if (names == NULL)
                exit (EXIT_INTERNAL);
            }
          names[nn++] = nm;
        }
    }
  static const char *head[] = { "file", "spectrum", "cycle", "n_points", "f_min_Hz", "f_max_Hz",
                                "n_fitted", "f_fit_min_Hz", "f_fit_max_Hz", "temperature_K",
                                "temperature_from", "circuit", "status", "iterations", "chi2", "reduced_chi2", "dof",
                                "bic" };
  for (size_t h = 0; h < sizeof head / sizeof head[0]; h++)
    csv_field (b, head[h], h == 0);
  for (size_t j = 0; j < nn; j++)
    {
      char t[96];
      csv_field (b, names[j], 0);
      snprintf (t, sizeof t, "%s_stderr", names[j]);
      csv_field (b, t, 0);
    }
  static const char *tail[] = { "R_bulk_Ohm", "R_bulk_stderr_Ohm", "R_gb_Ohm", "R_gb_stderr_Ohm",
                                "sigma_bulk_S_cm", "sigma_bulk_stderr_S_cm", "sigma_gb_S_cm",
                                "sigma_gb_stderr_S_cm", "sigma_total_S_cm",
                                "sigma_total_stderr_S_cm", "thickness_cm", "area_cm2",
                                "bulk_from", "kk_valid", "kk_rms" };
  for (size_t h = 0; h < sizeof tail / sizeof tail[0]; h++)
    csv_field (b, tail[h], 0);
  if (r->args->n_circuits > 1)
    csv_field (b, "best_by_bic", 0);
  cli_buf_append (b, "\n", 1);
  for (size_t i = 0; i < r->n; i++)
    {
      CliReportEntry *e = r->entries[i];
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
      csv_number (b, eis_spectrum_temperature (s, e->file, &t_from, NULL));
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
      for (size_t j = 0; j < nn; j++)
        {
          long k = eis_circuit_param_index (e->fit.circuit, names[j]);
          if (k >= 0 && strcmp (eis_circuit_param_name (e->fit.circuit, (size_t) k), names[j]) == 0)
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
      csv_number (b, cd->have_geometry ? r->args->geom.thickness_cm : NAN);
      csv_number (b, cd->have_geometry ? r->args->geom.area_cm2 : NAN);
      csv_field (b, cd->bulk_source, 0);
      csv_field (b, e->kk && e->kk->valid >= 0 ? (e->kk->valid ? "yes" : "no") : "", 0);
      csv_number (b, e->kk ? e->kk->rms_res : NAN);
      if (r->args->n_circuits > 1)
        csv_field (b, e->best_by_bic ? "yes" : "no", 0);
      cli_buf_append (b, "\n", 1);
    }
  free (names);
}

/* ---- JSON ---- */

static void
json_key (CliBuf *b, const char *k, int *first)
{
  if (!*first)
    cli_buf_append (b, ", ", 2);
  *first = 0;
  cli_buf_json_string (b, k);
  cli_buf_append (b, ": ", 2);
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
render_json (CliReport *r, CliBuf *b)
{
  cli_buf_append (b, "[", 1);
  for (size_t i = 0; i < r->n; i++)
    {
      CliReportEntry *e = r->entries[i];
      const EisSpectrum *s = e->s;
      const EisFitResult *f = e->fit.fit;
      const EisConductivity *cd = &e->fit.cond;
      const EisCircuit *c = e->fit.circuit;
      int first = 1;
      cli_buf_append (b, i ? ",\n {" : "\n {", i ? 4 : 3);
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
        cli_range_describe (&r->args->range, left, sizeof left);
        json_str (b, "left_out", left[0] ? left : NULL, &first);
      }
      {
        const char *t_from;
        json_num (b, "temperature_K", eis_spectrum_temperature (s, e->file, &t_from, NULL), &first);
        json_str (b, "temperature_from", t_from[0] ? t_from : NULL, &first);
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
          json_str (b, "role", eis_role_name (a->role), &af);
          json_num (b, "R", a->R, &af);
          json_num (b, "R_stderr", a->R_se, &af);
          json_num (b, "C_eff", a->C_eff, &af);
          json_num (b, "C_eff_stderr", a->C_eff_se, &af);
          json_str (b, "C_eff_formula", a->formula, &af);
          json_num (b, "C_specific_F_cm", a->C_specific, &af);
          json_num (b, "f_apex_Hz", a->f_peak_hz, &af);
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
      json_key (b, "bulk_gb_separated", &first);
      cli_buf_printf (b, "%s", cd->split_ambiguous ? "false" : "true");
      json_key (b, "geometry", &first);
      if (cd->have_geometry)
        {
          int gf = 1;
          cli_buf_append (b, "{", 1);
          json_num (b, "thickness_cm", r->args->geom.thickness_cm, &gf);
          json_num (b, "area_cm2", r->args->geom.area_cm2, &gf);
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
        json_num (b, "grain_boundary", cd->sigma_gb, &cf);
        json_num (b, "grain_boundary_stderr", cd->sigma_gb_se, &cf);
        json_num (b, "grain_boundary_specific", cd->sigma_gb_specific, &cf);
        json_num (b, "grain_boundary_specific_stderr", cd->sigma_gb_specific_se, &cf);
        json_num (b, "total", cd->sigma_total, &cf);
        json_num (b, "total_stderr", cd->sigma_total_se, &cf);
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
  cli_buf_append (b, r->n ? "\n]\n" : "]\n", r->n ? 3 : 2);
}

void
cli_report_finish (CliReport *r, CliBuf *out)
{
  switch (r->opt.format)
    {
    case CLI_FORMAT_CSV: render_csv (r, out); break;
    case CLI_FORMAT_JSON: render_json (r, out); break;
    default: render_text (r, out); break;
    }
}
