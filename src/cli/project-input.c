/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit --project FILE (see project-input.h). */
#include <config.h>
#include "project-input.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli-util.h"
#include "project.h"
#include "units.h"

struct CliProjectRun {
  EisProject *project;
  char *path;
  size_t n;                  /* spectra to fit */
  CliReportItem *items;      /* n of them */
  size_t *spectrum;          /* the project's spectrum of each item */
  CliFitArgs **args;         /* per spectrum of the project (NULL: not fitted) */
  char **where;              /* per file: where it was found, NULL: missing */
  char **labels;             /* per spectrum: "P.eisfit:30: [spectrum 2]" */
  char **points_where;       /* per spectrum: "P.eisfit:34: [spectrum 2] exclude-points=3;9" */
  char **file_state;         /* per file: why it changed, or NULL */
};

void
cli_project_run_free (CliProjectRun *run)
{
  if (!run)
    return;
  for (size_t i = 0; run->project && i < run->project->n_spectra; i++)
    {
      free (run->args[i]);
      free (run->labels[i]);
      free (run->points_where[i]);
    }
  for (size_t i = 0; run->project && i < run->project->n_files; i++)
    {
      free (run->file_state[i]);
      free (run->where[i]);
    }
  free (run->args);
  free (run->labels);
  free (run->points_where);
  free (run->where);
  free (run->items);
  free (run->spectrum);
  free (run->file_state);
  free (run->path);
  eis_project_free (run->project);
  free (run);
}

int
cli_project_refuse_options (const CliFitArgs *a)
{
  const char *opt = a->circuit ? "--circuit"
                    : a->n_settings ? "--init, --fix or --bounds"
                    : a->have_weighting ? "--weighting"
                    : a->range.f_min_hz > 0 ? "--fmin"
                    : a->range.f_max_hz > 0 ? "--fmax"
                    : a->range.n_exclude ? "--exclude"
                    : a->range.n_points ? "--exclude-points"
                    : a->have_thickness ? "--thickness"
                    : a->have_area ? "--diameter or --area"
                    : a->have_leads ? "--leads (the project's leads= of each [file])"
                    : a->cell != EIS_CELL_UNSPECIFIED ? "--cell" : NULL;
  if (opt == NULL)
    return 0;
  cli_error ("--project: %s: the project gives each spectrum its own circuit, starting values, "
             "fixed parameters, bounds, weighting, frequency window, points left out, geometry, "
             "leads and cell type, and a refit uses them too: leave it out (change them in eisfit-gtk "
             "and save the project)", opt);
  return -1;
}

/* The fit settings of spectrum S: BASE's import and solver options, S's own circuit, starts,
 * fixes, bounds, weighting and points, F's geometry. NULL after a message. */
static CliFitArgs *
spectrum_args (const char *path, const CliFitArgs *base, const EisProjectFile *f,
               const EisProjectSpectrum *s, size_t k, size_t first)
{
  CliFitArgs *a = malloc (sizeof *a);

  if (!a)
    return NULL;
  *a = *base;
  a->circuit = s->circuit[0] ? s->circuit : NULL;
  a->n_circuits = a->circuit ? 1 : 0;
  a->circuits[0] = a->circuit;
  a->fit.weighting = s->weighting;
  a->fit.init = a->fit.lower = a->fit.upper = NULL;
  a->fit.fixed = NULL;
  memset (&a->range, 0, sizeof a->range);
  a->range.f_min_hz = s->f_min_hz;
  a->range.f_max_hz = s->f_max_hz;
  if (s->n_exclude > CLI_MAX_EXCLUDE || s->n_exclude_points > CLI_MAX_EXCLUDE_POINTS)
    {
      cli_error ("%s: [spectrum %zu] leaves out more ranges or points than eisfit takes (%d, %d)",
                 path, k + 1, CLI_MAX_EXCLUDE, CLI_MAX_EXCLUDE_POINTS);
      free (a);
      return NULL;
    }
  a->range.n_exclude = s->n_exclude;
  if (s->n_exclude)
    memcpy (a->range.exclude, s->exclude, s->n_exclude * sizeof *s->exclude);
  a->range.n_points = s->n_exclude_points;
  if (s->n_exclude_points)
    memcpy (a->range.points, s->exclude_points, s->n_exclude_points * sizeof (size_t));
  a->n_settings = 0;
  for (size_t i = 0; i < s->n_params; i++)
    {
      const EisProjectParam *q = &s->params[i];
      CliParamSetting *st;

      if (isnan (q->start) && isnan (q->lower) && isnan (q->upper) && !q->fixed)
        continue;
      if (a->n_settings == CLI_MAX_SETTINGS || strlen (q->name) >= sizeof st->name)
        {
          cli_error ("%s: [spectrum %zu]: too many parameters set", path, k + 1);
          free (a);
          return NULL;
        }
      st = &a->settings[a->n_settings++];
      snprintf (st->name, sizeof st->name, "%s", q->name);
      st->value = q->start;
      st->lo = q->lower;
      st->hi = q->upper;
      st->fixed = q->fixed;
    }
  /* the file's cell type (eis_project_parse has checked the word) */
  {
    int cell = eis_cell_parse (f->cell);
    a->cell = cell < 0 ? EIS_CELL_UNSPECIFIED : (EisCellType) cell;
  }
  /* eis_project_parse has checked the lengths (above 1 nm, as --thickness) */
  if (cli_fit_args_set_geometry (a, f->thickness, f->diameter, f->area) != 0)
    {
      cli_error ("%s:%zu: the geometry of [file %zu] does not parse", path, f->line, s->file + 1);
      free (a);
      return NULL;
    }
  /* the file's lead resistance (eis_project_parse has checked it, as --leads) */
  a->geom.leads_ohm = a->geom.leads_se_ohm = 0;
  a->have_leads = 0;
  if (f->leads && f->leads[0])
    {
      if (eis_parse_resistance_ohm (f->leads, &a->geom.leads_ohm, &a->geom.leads_se_ohm) != 0)
        {
          cli_error ("%s:%zu: leads=%s does not parse", path, f->leads_line, f->leads);
          free (a);
          return NULL;
        }
      if (!(a->have_thickness && a->have_area))
        {
          cli_error ("%s:%zu: leads=%s corrects R_bulk and sigma: give [file %zu] its "
                     "thickness and diameter or area too", path, f->leads_line, f->leads,
                     s->file + 1);
          free (a);
          return NULL;
        }
      a->have_leads = 1;
    }
  if (a->have_thickness && !a->have_area)
    {
      cli_warning ("%s:%zu: [file %zu] gives a thickness but no diameter or area: no "
                   "conductivity", path, f->line, s->file + 1);
      a->have_thickness = 0;
    }
  else if (a->have_area && !a->have_thickness && a->cell != EIS_CELL_LI_SYMMETRIC && k == first)
    cli_warning ("%s:%zu: [file %zu] gives a diameter or area but no thickness: no "
                 "conductivity (the area alone gives the ASR per interface of a li-symmetric "
                 "cell)", path, f->line, s->file + 1);
  return a;
}

static int
saved_outcome (const void *data, size_t k, const EisSpectrum *sp, CliFitOutcome *out,
               EisError *err)
{
  return cli_project_saved_outcome (data, k, sp, out, err);
}

int
cli_project_prepare (const char *path, const CliFitArgs *base, int refit, CliProjectRun **out)
{
  EisError err = { 0 };
  CliProjectRun *run = cli_xmalloc (sizeof *run);
  int rc = EXIT_OK;

  *out = run;
  run->path = cli_xstrdup (path);
  /* "-" is no project: its files' paths are relative to its folder, which standard input has
   * not (a file named "-" is given as ./-) */
  int st = strcmp (path, "-") == 0
           ? eis_error_set (&err, EIS_ERR_IO, "-: a project is not read from standard input (the "
                            "paths in it are relative to its folder): give the project file")
           : eis_project_read (path, &run->project, &err);
  if (st == EIS_OK && (st = eis_project_transference_check (run->project, path, &err)) != EIS_OK)
    {
      eis_project_free (run->project);   /* as a project that did not read */
      run->project = NULL;
    }
  if (st != EIS_OK)
    {
      cli_error ("%s", err.message);
      return st == EIS_ERR_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
    }
  EisProject *p = run->project;
  run->where = cli_xmalloc ((p->n_files + 1) * sizeof *run->where);
  run->file_state = cli_xmalloc ((p->n_files + 1) * sizeof *run->file_state);
  run->args = cli_xmalloc ((p->n_spectra + 1) * sizeof *run->args);
  run->labels = cli_xmalloc ((p->n_spectra + 1) * sizeof *run->labels);
  run->points_where = cli_xmalloc ((p->n_spectra + 1) * sizeof *run->points_where);
  run->items = cli_xmalloc ((p->n_spectra + 1) * sizeof *run->items);
  run->spectrum = cli_xmalloc ((p->n_spectra + 1) * sizeof *run->spectrum);
  for (size_t i = 0; i < p->n_files; i++)
    {
      char why[1200];
      EisProjectFileState fs = eis_project_file_check (&p->files[i], path, &run->where[i], why,
                                                       sizeof why);

      size_t line = p->files[i].path_line ? p->files[i].path_line : p->files[i].line;
      if (fs == EIS_PROJECT_FILE_MISSING)
        {
          cli_error ("%s:%zu: [file %zu]: %s", path, line, i + 1, why);
          rc = EXIT_INPUT;
        }
      else if (fs == EIS_PROJECT_FILE_CHANGED)
        {
          cli_warning ("%s:%zu: [file %zu]: %s: its spectra are fitted as they are now, not as "
                       "they were when the fits were saved", path, line, i + 1, why);
          run->file_state[i] = cli_xstrdup (why);
        }
    }
  for (size_t k = 0; k < p->n_spectra; k++)
    {
      const EisProjectSpectrum *s = &p->spectra[k];
      char label[1200];

      if (!run->where[s->file])
        continue;
      size_t first = 0;   /* the file's first spectrum: warnings on the file once */
      while (p->spectra[first].file != s->file)
        first++;
      /* the starts only matter to a spectrum that will be fitted */
      int use_saved = s->fit && !run->file_state[s->file] && !refit;
      if (!use_saved && eis_project_spectrum_check (p, path, k, &err) != EIS_OK)
        {
          cli_error ("%s", err.message);
          rc = err.code == EIS_ERR_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
          continue;
        }
      run->args[k] = spectrum_args (path, base, &p->files[s->file], s, k, first);
      if (!run->args[k])
        {
          rc = EXIT_INPUT;
          continue;
        }
      snprintf (label, sizeof label, "%s:%zu: [spectrum %zu]", path, s->line, k + 1);
      run->labels[k] = cli_xstrdup (label);
      CliReportItem *it = &run->items[run->n];
      it->path = run->where[s->file];
      it->index = (size_t) s->index;
      it->args = run->args[k];
      it->temperature_k = s->temperature_k;
      it->temperature_source = s->temperature_source;
      it->label = run->labels[k];
      if (s->n_exclude_points)
        {
          CliBuf b = { 0 };
          cli_buf_printf (&b, "%s:%zu: [spectrum %zu] exclude-points=", path,
                          s->exclude_points_line ? s->exclude_points_line : s->line, k + 1);
          for (size_t i = 0; i < s->n_exclude_points; i++)
            cli_buf_printf (&b, "%s%zu", i ? ";" : "", s->exclude_points[i]);
          run->points_where[k] = b.data;
          it->points_where = run->points_where[k];
        }
      /* the saved fit is reported as it is; a spectrum without one is fitted, and says so */
      if (use_saved)
        {
          it->saved = saved_outcome;
          it->saved_data = run;
          it->saved_k = k;
        }
      else
        it->refit_why = refit ? "asked for (--refit)"
                        : s->fit ? "its file changed since the fit was saved: the saved fit was "
                                   "of other data"
                        : "the project saved no fit for this spectrum";
      run->spectrum[run->n++] = k;
    }
  return rc;
}

const CliReportItem *
cli_project_items (const CliProjectRun *run, size_t *n)
{
  *n = run->n;
  return run->items;
}

void
cli_project_fitted (size_t i, const CliFitOutcome *o, void *data)
{
  const CliProjectRun *run = data;
  const EisProject *p = run->project;
  size_t k = run->spectrum[i];
  const EisProjectSpectrum *s = &p->spectra[k];
  char diff[512] = "";
  size_t used = 0;

  if (!s->fit || run->file_state[s->file])
    return;
  if (strcmp (eis_circuit_text (o->circuit), s->fit_circuit) != 0)
    snprintf (diff, sizeof diff, "circuit %s then, %s now", s->fit_circuit,
              eis_circuit_text (o->circuit));
  else
    for (size_t j = 0; j < s->fit->n_params && used < sizeof diff - 80; j++)
      {
        double a = s->fit->value[j], b = o->fit->value[j];

        /* the same settings give the same numbers; 1e-6 allows for the saved digits */
        if (!(fabs (a - b) <= 1e-6 * fmax (fabs (a), fabs (b))) && !(isnan (a) && isnan (b)))
          used += (size_t) snprintf (diff + used, sizeof diff - used, "%s%s %.6g then, %.6g now",
                                     used ? "; " : "", eis_circuit_param_name (o->circuit, j),
                                     a, b);
      }
  if (diff[0])
    cli_warning ("%s: [spectrum %zu]: the refit differs from the fit saved in the project (%s)",
                 run->path, k + 1, diff);
}

void
cli_project_add_inputs (const CliProjectRun *run, CliInputs *in)
{
  if (run == NULL)
    return;
  cli_inputs_add (in, run->path, "the project");
  for (size_t i = 0; run->project && i < run->project->n_files; i++)
    if (run->where[i])
      {
        const EisProjectFile *f = &run->project->files[i];
        char named[1100];
        snprintf (named, sizeof named, "named in %s:%zu", run->path,
                  f->path_line ? f->path_line : f->line);
        cli_inputs_add (in, run->where[i], named);
      }
}

const EisProject *
cli_project_get (const CliProjectRun *run)
{
  return run->project;
}

const char *
cli_project_file_where (const CliProjectRun *run, size_t f, int *changed)
{
  if (f >= run->project->n_files)
    return NULL;
  if (changed)
    *changed = run->file_state[f] != NULL;
  return run->where[f];
}

const CliFitArgs *
cli_project_spectrum_args (const CliProjectRun *run, size_t k)
{
  return k < run->project->n_spectra ? run->args[k] : NULL;
}

int
cli_project_saved_outcome (const CliProjectRun *run, size_t k, const EisSpectrum *sp,
                           CliFitOutcome *out, EisError *err)
{
  const EisProject *p = run->project;
  memset (out, 0, sizeof *out);
  if (k >= p->n_spectra)
    return eis_error_set (err, EIS_ERR_INVALID, "%s: no [spectrum %zu]", run->path, k + 1);
  const EisProjectSpectrum *s = &p->spectra[k];
  const CliFitArgs *a = run->args[k];
  if (!s->fit || !a)
    return eis_error_set (err, EIS_ERR_DATA, "%s: [spectrum %zu] has no saved fit", run->path,
                          k + 1);
  if (run->file_state[s->file])
    return eis_error_set (err, EIS_ERR_DATA, "%s: [spectrum %zu]: its file changed since the "
                          "fit was saved", run->path, k + 1);
  int st = eis_circuit_parse (s->fit_circuit, &out->circuit, err);
  if (st == EIS_OK && eis_circuit_n_params (out->circuit) != s->fit->n_params)
    st = eis_error_set (err, EIS_ERR_DATA, "the saved fit has %zu parameters, its circuit %s "
                        "%zu", s->fit->n_params, s->fit_circuit,
                        eis_circuit_n_params (out->circuit));
  if (st == EIS_OK && (out->fit = eis_fit_result_dup (s->fit)) == NULL)
    st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  if (st == EIS_OK)
    {
      EisFitOptions opt;
      eis_fit_options_init (&opt);
      /* the window and the points left out say which points the fit used */
      st = eis_project_spectrum_options (s, NULL, &opt, NULL, NULL, NULL, NULL, err);
      double saved_chi2 = out->fit->chi2;
      if (st == EIS_OK)
        st = eis_project_result_restore (out->circuit, sp, &opt, out->fit,
                                         out->saved_stderr_note, sizeof out->saved_stderr_note,
                                         err);
      /* chi2 and the runs test are now the data's; the saved ones must agree */
      if (st == EIS_OK && !eis_project_chi2_matches (saved_chi2, out->fit->chi2,
                                                     out->fit->n_points))
        {
          out->saved_mismatch = 1;
          out->saved_chi2 = saved_chi2;
        }
    }
  if (st == EIS_OK)
    {
      /* as a fit (cli_fit_spectrum_circuit): the area alone gives the ASR per interface */
      const EisGeometry *geom = a->have_area ? &a->geom : NULL;
      st = eis_conductivity_analyse_cell (out->circuit, out->fit, geom, a->cell, &out->cond,
                                          err);
    }
  if (st == EIS_OK)
    snprintf (out->why, sizeof out->why, "%s", s->fit_why);
  else
    {
      eis_error_prefix (err, "%s: [spectrum %zu]: ", run->path, k + 1);
      cli_fit_outcome_clear (out);
    }
  return st;
}
