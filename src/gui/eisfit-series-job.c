/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Series page's joint-fit controller (see eisfit-series-job.h). */
#include <config.h>

#include "eisfit-series-job.h"
#include "eisfit-text.h"

#include <math.h>
#include <string.h>

#include "eisfit-exclusions.h"
#include "eisfit-json.h"
#include "fit.h"
#include "project.h"
#include "series-output.h"

const char *const eisfit_series_law_names[3] = { "none", "arrhenius", "vtf" };

/* ---------------------------------------------------------------- numbers as text */

/* A unit as the page writes it: Ω, S cm⁻¹, Ω cm², F s^(n−1); "" for none. */
const char *
eisfit_series_pretty_unit (const char *unit)
{
  static const char *const map[][2] = { { "Ohm", "Ω" }, { "S/cm", "S cm⁻¹" },
                                        { "Ohm cm2", "Ω cm²" }, { "F s^(n-1)", "F s^(n−1)" },
                                        { "Ohm s^-1/2", "Ω s^−½" }, { "-", "" } };
  size_t i;

  if (!unit)
    return "";
  for (i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (unit, map[i][0]) == 0)
      return map[i][1];
  return unit;
}


/* "369.2 ± 0.41" with the error to two significant digits; "–" when X is not a number. */
char *
eisfit_series_value_pm (double x, double se)
{
  if (!isfinite (x))
    return g_strdup ("–");
  if (isfinite (se) && se > 0)
    return g_strdup_printf ("%.5g ± %.2g", x, se);
  return g_strdup_printf ("%.5g", x);
}

const char *
eisfit_series_base_name (const char *path)
{
  const char *s = path ? strrchr (path, '/') : NULL;

  return s ? s + 1 : path ? path : "";
}

/* ---------------------------------------------------------------- the job */

void
eisfit_series_job_free (EisfitSeriesJob *job)
{
  if (!job)
    return;
  eis_series_fit_free (job->fit);
  eis_global_fit_free (job->joint);
  eis_global_fit_free (job->global);
  eis_series_arrhenius_points_clear (&job->pts);
  g_strfreev (job->shared);
  eis_spectrum_series_clear (&job->series);
  g_clear_pointer (&job->spectra, g_ptr_array_unref);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job->inputs);
  g_free (job->outliers);
  g_free (job->n_outliers);
  g_free (job->circuit);
  g_free (job);
}


/* How the fit spectrum J has of its own (the one the main view, the conductivity panel and
 * the Arrhenius tab show) compares with the series': "this fit" after Use these fits. */
const char *
eisfit_series_job_own_fit_state (const EisfitSeriesJob *r, size_t j)
{
  EisfitSpectrumItem *item = g_ptr_array_index (r->items, r->series.items[j].input_order);
  const EisFitResult *own = eisfit_spectrum_item_get_fit (item);
  const EisCircuit *oc = eisfit_spectrum_item_get_circuit (item);
  const EisFitResult *fr = r->fit->fits[j];
  size_t P = eis_circuit_n_params (r->fit->circuit);

  if (!fr)
    return "–";
  if (!own || !oc)
    return "not fitted";
  if (strcmp (eis_circuit_text (oc), eis_circuit_text (r->fit->circuit)) != 0)
    return "another circuit";
  if (own->n_params != P)
    return "differs";
  /* bit for bit: adopted fits are copies */
  if (memcmp (own->value, fr->value, P * sizeof (double)) == 0
      && memcmp (own->stderr_, fr->stderr_, P * sizeof (double)) == 0)
    return "this fit";
  /* the spectrum's own fit of the same circuit, within a tenth of a standard error on every
   * parameter: the same answer, though not these numbers (a fit from another start) */
  for (size_t i = 0; i < P; i++)
    {
      double se = fmax (own->stderr_[i], fr->stderr_[i]);

      if (!(isfinite (se) && se > 0 && fabs (own->value[i] - fr->value[i]) <= 0.1 * se)
          && own->value[i] != fr->value[i])
        return "differs";
    }
  return "agrees";
}


void
eisfit_series_item_inputs (EisfitSpectrumItem *item, EisfitSeriesGeometryFunc geometry,
                           gpointer data, EisfitSeriesInputs *in)
{
  const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);

  memset (in, 0, sizeof *in);
  in->T_K = sp->temperature_k;
  in->have_geom = geometry && geometry (item, &in->geom, data);
  int cell = eis_cell_parse (eisfit_spectrum_item_get_cell (item));
  in->cell = cell < 0 ? EIS_CELL_UNSPECIFIED : (EisCellType) cell;
  in->n_used = sp->n - eisfit_exclusions_count (eisfit_spectrum_item_get_exclusions (item), sp);
}

gboolean
eisfit_series_inputs_equal (const EisfitSeriesInputs *a, const EisfitSeriesInputs *b)
{
  /* bit for bit: an edit that gives the same number is no change */
  return memcmp (&a->T_K, &b->T_K, sizeof a->T_K) == 0 && a->have_geom == b->have_geom
         && (!a->have_geom || memcmp (&a->geom, &b->geom, sizeof a->geom) == 0)
         && a->cell == b->cell && a->n_used == b->n_used;
}


/* With a temperature law: the two-step analysis (the series' bulk conductivities fitted by
 * Arrhenius's law, and VTF's) and the law inside one joint fit of the whole series, as eisfit
 * arrhenius --global does it, with its warnings. */
static void
arrhenius_run (EisfitSeriesJob *job, const EisSeriesFitOptions *o)
{
  const EisSeriesFit *f = job->fit;
  EisError err = { 0 };
  gboolean all_ok = job->joint == NULL || job->joint->converged;
  double g_rel;
  size_t j;
  int k;

  if (eis_series_arrhenius_points (f, &job->series, &job->pts, &err) != EIS_OK)
    {
      g_strlcpy (job->bulk_why, err.message, sizeof job->bulk_why);
      return;
    }
  /* one pellet's geometry error is common to every point: the laws are fitted to the fits'
   * errors alone, and it is added to ln A and sigma(25 degC) after (as eisfit arrhenius) */
  g_rel = eis_series_common_geometry_error (&job->series);
  for (j = 0; j < job->pts.n_bulk; j++)
    job->pts.sigma_bulk_se[j] = eis_sigma_se_without_geometry (job->pts.sigma_bulk[j],
                                                               job->pts.sigma_bulk_se[j], g_rel);
  for (j = 0; j < job->pts.n_total; j++)
    job->pts.sigma_total_se[j] = eis_sigma_se_without_geometry (job->pts.sigma_total[j],
                                                                job->pts.sigma_total_se[j],
                                                                g_rel);
  if (job->pts.n_bulk < 2)
    {
      g_snprintf (job->bulk_why, sizeof job->bulk_why, "the Arrhenius fit needs at least 2 "
                  "points with a bulk conductivity (have %zu)", job->pts.n_bulk);
      return;
    }
  for (k = 0; k < 2; k++)
    {
      err.message[0] = 0;
      job->bulk_ok[k] = eis_arrhenius_fit (job->pts.T_bulk, job->pts.sigma_bulk,
                                           job->pts.sigma_bulk_se, job->pts.n_bulk,
                                           (EisArrheniusForm) k, EIS_T_REF_DEFAULT_K,
                                           &job->bulk[k], &err) == EIS_OK;
      if (!job->bulk_ok[k] && k == EIS_ARRHENIUS_SIGMA)
        g_strlcpy (job->bulk_why, err.message, sizeof job->bulk_why);
      job->total_ok[k] = eis_arrhenius_fit (job->pts.T_total, job->pts.sigma_total,
                                            job->pts.sigma_total_se, job->pts.n_total,
                                            (EisArrheniusForm) k, EIS_T_REF_DEFAULT_K,
                                            &job->total[k], &err) == EIS_OK;
    }
  if (job->law == EISFIT_SERIES_LAW_VTF)
    {
      job->vtf_ok = eis_vtf_fit (job->pts.T_bulk, job->pts.sigma_bulk, job->pts.sigma_bulk_se,
                                 job->pts.n_bulk, EIS_T_REF_DEFAULT_K, &job->vtf_bulk, &err)
                    == EIS_OK;
      if (!job->vtf_ok)
        g_strlcpy (job->vtf_why, err.message, sizeof job->vtf_why);
    }
  for (k = 0; k < 2; k++)
    {
      if (job->bulk_ok[k])
        eis_arrhenius_add_geometry_error (&job->bulk[k], g_rel);
      if (job->total_ok[k])
        eis_arrhenius_add_geometry_error (&job->total[k], g_rel);
    }
  /* the two-step plots' checks, as eisfit arrhenius: the bulk's and the total's */
  if (job->bulk_ok[EIS_ARRHENIUS_SIGMA])
    job->n_checks = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_BULK, job->pts.T_bulk,
                                                    job->pts.sigma_bulk, job->pts.sigma_bulk_se,
                                                    job->pts.n_bulk,
                                                    &job->bulk[EIS_ARRHENIUS_SIGMA],
                                                    job->checks);
  if (job->total_ok[EIS_ARRHENIUS_SIGMA])
    job->n_checks_total = eis_arrhenius_linearity_checks (EIS_ARRHENIUS_OF_TOTAL,
                                                          job->pts.T_total, job->pts.sigma_total,
                                                          job->pts.sigma_total_se,
                                                          job->pts.n_total,
                                                          &job->total[EIS_ARRHENIUS_SIGMA],
                                                          job->checks_total);
  /* repeated temperatures that disagree, with the branches (heating, cooling) where the
   * temperature reverses, as eisfit arrhenius */
  {
    int *br = g_new0 (int, f->n + 1), *brb = g_new0 (int, job->pts.n_bulk + 1);
    size_t m = 0;

    eis_series_temperature_branches (&job->series, br, NULL);
    for (j = 0; j < f->n && m < job->pts.n_bulk; j++)
      if (job->pts.use[j] == EIS_SERIES_POINT_USED)
        brb[m++] = br[j];
    eis_arrhenius_repeated_T ("sigma_bulk", job->pts.T_bulk, job->pts.sigma_bulk,
                              job->pts.sigma_bulk_se, brb, job->pts.n_bulk, job->repeated,
                              sizeof job->repeated);
    g_free (br);
    g_free (brb);
  }
  /* the law inside the fit only when every spectrum's fit converged, as eisfit arrhenius
   * --global */
  for (j = 0; j < f->n; j++)
    all_ok &= f->fits[j] != NULL && f->fits[j]->status == EIS_FIT_CONVERGED;
  if (!all_ok || (!job->bulk_ok[0] && !job->bulk_ok[1]))
    {
      g_strlcpy (job->global_why, job->joint && !job->joint->converged
                 ? "the joint fit of the shared parameters did not converge (see above): the "
                   "law is fitted only inside a series whose fits all converged"
                 : !all_ok ? "not every fit of the series converged: the law is fitted only "
                             "inside a series whose fits all converged"
                 : "the two-step bulk fit failed", sizeof job->global_why);
      return;
    }
  {
    EisGlobalOptions go;
    const char *const *shared = (const char *const *) job->shared;

    eis_global_options_init (&go);
    go.law = job->law == EISFIT_SERIES_LAW_VTF ? EIS_GLOBAL_VTF : EIS_GLOBAL_ARRHENIUS;
    go.form = EIS_ARRHENIUS_SIGMA;
    go.T_ref_K = EIS_T_REF_DEFAULT_K;
    go.shared = shared;
    go.n_shared = job->shared ? g_strv_length (job->shared) : 0;
    go.share_held = 1;
    if (eis_series_global_fit (&job->series, o, f, &go, &job->global, &err) != EIS_OK)
      {
        g_snprintf (job->global_why, sizeof job->global_why, "the global fit: %s%s",
                    g_str_has_prefix (err.message, "--shared: ") ? "Shared by all spectra: "
                                                                 : "",
                    err.message + (g_str_has_prefix (err.message, "--shared: ") ? 10 : 0));
        return;
      }
    if (!job->global->converged)
      g_snprintf (job->global_why, sizeof job->global_why, "the joint fit: %s",
                  job->global->message);
    /* the law's misfit against the joint fit without it: its errors widened, and said (as
     * eisfit arrhenius --global) */
    {
      EisGlobalLackOfFit lof;

      eis_global_lack_of_fit (job->global, job->joint, f, &lof, job->misfit,
                              sizeof job->misfit);
    }
    /* the law against the two-step fit of the same conductivity, as eisfit arrhenius
     * --global: the bulk's, or the total's when the intercepts hold bulk and grain boundary */
    {
      const EisGlobalLawFit *L = &job->global->laws[0];
      gboolean total = strcmp (L->what, "total") == 0;
      const EisArrheniusFit *a = total ? &job->total[EIS_ARRHENIUS_SIGMA]
                                       : &job->bulk[EIS_ARRHENIUS_SIGMA];

      if (job->law == EISFIT_SERIES_LAW_ARRHENIUS
          && (total ? job->total_ok : job->bulk_ok)[EIS_ARRHENIUS_SIGMA])
        eis_series_global_disagrees (L, a, job->disagree, sizeof job->disagree);
      else if (job->law == EISFIT_SERIES_LAW_VTF && !total && job->vtf_ok)
        eis_series_global_vtf_disagrees (L, &job->vtf_bulk, job->disagree,
                                         sizeof job->disagree);
      else if (job->law == EISFIT_SERIES_LAW_VTF && total)
        {
          /* the page shows the bulk's two-step VTF only: the total's for this comparison */
          EisVTFFit vt;

          if (eis_vtf_fit (job->pts.T_total, job->pts.sigma_total, job->pts.sigma_total_se,
                           job->pts.n_total, EIS_T_REF_DEFAULT_K, &vt, &err) == EIS_OK)
            eis_series_global_vtf_disagrees (L, &vt, job->disagree, sizeof job->disagree);
        }
    }
  }
}

static void
fit_thread_cb (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  EisfitSeriesJob *job = g_task_get_task_data (task);
  EisSeriesFitOptions o;

  eis_series_fit_options_init (&o);
  o.circuit = job->circuit;
  job->status = eis_series_fit (&job->series, &o, &job->fit, &job->err);
  /* one joint fit where the series fit held parameters or the user shares some: the whole
   * series determines what a spectrum alone does not (as eisfit series and arrhenius) */
  if (job->status == EIS_OK)
    {
      EisError err = { 0 };
      size_t n_shared = job->shared ? g_strv_length (job->shared) : 0;

      job->status = eis_series_fit_joint (job->fit, &job->series, &o,
                                          (const char *const *) job->shared, n_shared,
                                          &job->joint, &err);
      if (job->status != EIS_OK)
        {
          /* the engine names the command line's option: say the page's field */
          const char *msg = g_str_has_prefix (err.message, "--shared: ") ? err.message + 10
                                                                          : err.message;

          eis_error_set (&job->err, job->status, "%s%s", n_shared ? "Shared by all spectra: "
                                                                  : "the joint fit: ", msg);
        }
    }
  if (job->status == EIS_OK && job->law != EISFIT_SERIES_LAW_NONE)
    arrhenius_run (job, &o);
  /* the outliers of each spectrum's fit, for Use these fits (as a fit in the window finds
   * them) */
  if (job->status == EIS_OK)
    {
      job->outliers = g_malloc0 ((job->fit->n + 1) * sizeof *job->outliers);
      job->n_outliers = g_new0 (size_t, job->fit->n + 1);
      for (size_t j = 0; j < job->fit->n; j++)
        if (job->fit->fits[j])
          job->n_outliers[j] = eis_fit_outliers (job->fit->circuit,
                                                 job->series.items[j].spectrum, &o.fit,
                                                 job->fit->fits[j], job->outliers[j], 8);
    }
  g_task_return_pointer (task, job, (GDestroyNotify) eisfit_series_job_free);
}



EisfitSeriesJob *
eisfit_series_job_new (GPtrArray *items, EisfitSeriesGeometryFunc geometry, gpointer data,
                       int order, int law, const char *circuit, char **shared, char **why)
{
  EisfitSeriesJob *job;
  guint i;
  EisError err = { 0 };

  *why = NULL;
  if (items->len < 2)
    {
      g_strfreev (shared);
      *why = g_strdup (items->len == 0
                           ? "No spectra to fit: select two or more in the list, or choose "
                             "All open spectra."
                           : "A series needs two or more spectra: select more in the list "
                             "(Ctrl+click, Shift+click), or choose All open spectra.");
      return NULL;
    }
  for (i = 0; i < items->len; i++)
    {
      /* Z' < 0 everywhere or noise: refused, as eisfit series refuses the whole series */
      const char *refusal = eisfit_spectrum_item_get_refusal (g_ptr_array_index (items, i));

      if (refusal)
        {
          g_strfreev (shared);
          *why = g_strdup_printf ("Not fitted: %s. Leave this spectrum out of the series.",
                                  refusal);
          return NULL;
        }
    }
  job = g_new0 (EisfitSeriesJob, 1);
  job->items = g_ptr_array_ref (items);
  job->circuit = circuit && *circuit ? g_strdup (circuit) : NULL;
  job->shared = shared;
  job->spectra = g_ptr_array_new_with_free_func ((GDestroyNotify) eis_spectrum_free);
  job->inputs = g_new0 (EisfitSeriesInputs, items->len);
  eis_spectrum_series_init (&job->series);
  for (i = 0; i < items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      const EisfitExclusions *ex = eisfit_spectrum_item_get_exclusions (item);
      EisSpectrum *copy;
      EisSeriesItem *it;

      eisfit_series_item_inputs (item, geometry, data, &job->inputs[i]);
      if (eisfit_exclusions_count (ex, sp) > 0)
        {
          /* the points left out of this spectrum's fits are left out of the series too */
          EisFitOptions fo;

          eis_fit_options_init (&fo);
          eisfit_exclusions_apply (ex, &fo);
          copy = eis_fit_used_points (sp, &fo);
        }
      else
        copy = eis_spectrum_dup (sp);
      if (!copy)
        g_error ("out of memory");
      g_ptr_array_add (job->spectra, copy);
      if (eis_spectrum_series_add (&job->series, copy, sp->source, sp->index + 1,
                                   sp->temperature_k, &err) != EIS_OK)
        g_error ("%s", err.message);
      it = &job->series.items[job->series.n - 1];
      it->T_source = isfinite (sp->temperature_k) ? "the window" : "";
      it->geom = job->inputs[i].geom;
      it->have_geom = job->inputs[i].have_geom;
      it->cell = job->inputs[i].cell;
    }
  /* the instruments' start times place files measured hours apart (as eisfit series) */
  eis_spectrum_series_place_in_time (&job->series, job->time_note, sizeof job->time_note);
  /* the order: as asked, else temperature when every spectrum has one (and they differ or
   * the times do not), else time, else the list's order (as eisfit series) */
  job->order_asked = order + 1;
  job->law = law;
  if (job->law != EISFIT_SERIES_LAW_NONE)
    {
      /* a temperature law: a temperature series, coldest first (as eisfit arrhenius) */
      if (order >= 0 && order != EIS_SERIES_BY_TEMPERATURE)
        {
          *why = g_strdup ("A temperature law needs the series ordered by temperature: "
                           "choose Order by Temperature (or Automatic), or no law.");
          eisfit_series_job_free (job);
          return NULL;
        }
      order = EIS_SERIES_BY_TEMPERATURE;
    }
  if (order < 0)
    order = eis_spectrum_series_auto_order (&job->series, FALSE);
  /* the engine's message names the command line's ways to give a temperature: say the
   * window's */
  /* by time, first the spectra whose start time is missing or unusable while others have
   * one (as the engine's eis_spectrum_series_sort: they are why the others have no time) */
  for (i = 0; i < job->series.n && order == EIS_SERIES_BY_TIME; i++)
    {
      const EisSeriesItem *it = &job->series.items[i];
      char problem[200];

      if (!it->time_no_start)
        continue;
      eis_spectrum_series_start_problem (it, problem, sizeof problem);
      *why = g_strdup_printf ("Order by time: %s #%d %s while other files have one: order "
                              "by temperature or list order.",
                              eisfit_series_base_name (it->file), it->number, problem);
      eisfit_series_job_free (job);
      return NULL;
    }
  for (i = 0; i < job->series.n && order != EIS_SERIES_BY_INDEX; i++)
    {
      const EisSeriesItem *it = &job->series.items[i];

      if (!isfinite (order == EIS_SERIES_BY_TEMPERATURE ? it->T_K : it->time_s))
        {
          *why = g_strdup_printf (
            order == EIS_SERIES_BY_TEMPERATURE
              ? "Order by temperature: %s #%d has no temperature: enter one in File "
                "Properties (right-click it in the list) or in the side panel (F9), or order "
                "by time or list order."
              : "Order by time: %s #%d has no time stamps: order by temperature or list order.",
            eisfit_series_base_name (it->file), it->number);

          eisfit_series_job_free (job);
          return NULL;
        }
    }
  if (eis_spectrum_series_sort (&job->series, (EisSeriesOrder) order, &err) != EIS_OK)
    {
      *why = g_strdup_printf ("Order by %s: %s", eis_series_order_name ((EisSeriesOrder) order),
                              err.message);
      eisfit_series_job_free (job);
      return NULL;
    }
  return job;
}

void
eisfit_series_job_run_async (EisfitSeriesJob *job, gpointer source, GAsyncReadyCallback done,
                             gpointer data)
{
  GTask *task = g_task_new (source, NULL, done, data);

  /* the thread hands the job back as the task's result (freed with the task when nobody
   * takes it) */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, fit_thread_cb);
  g_object_unref (task);
}

EisfitSeriesJob *
eisfit_series_job_run_finish (GAsyncResult *res)
{
  return g_task_propagate_pointer (G_TASK (res), NULL);
}

char *
eisfit_series_job_dup_status_markup (const EisfitSeriesJob *r)
{
  GString *s = g_string_new (NULL);
  size_t j, n_bad = 0, w;
  gboolean any_geom = FALSE;
  g_autofree char *why = NULL;

  for (j = 0; j < r->series.n; j++)
    {
      n_bad += !r->fit->fits[j] || r->fit->fits[j]->status != EIS_FIT_CONVERGED;
      any_geom |= r->series.items[j].have_geom;
    }
  why = g_markup_escape_text (r->fit->why, -1);
  g_string_append_printf (s, "%zu spectra ordered by %s, one circuit <b>%s</b> (%s)",
                          r->series.n, r->series.order_by == EIS_SERIES_BY_INDEX
                                         ? "their order in the list"
                                         : eis_series_order_name (r->series.order_by),
                          eis_circuit_text (r->fit->circuit), why);
  if (r->series.time_from_start && eis_spectrum_series_time_informative (&r->series))
    {
      g_autofree char *t0 = g_markup_escape_text (r->series.time_zero, -1);

      /* as eisfit series's "time:" line */
      g_string_append_printf (s, "\nTimes from the instruments' start times, 0 = %s (the "
                              "first spectrum's start)", t0);
    }
  if (r->time_note[0])
    {
      g_autofree char *esc = eisfit_markup_typeset (r->time_note);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
    }
  if (n_bad)
    g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %zu of %zu fits did not "
                            "converge: see Changes, warnings</span>", n_bad, r->series.n);
  if (!any_geom)
    g_string_append (s, "\nσ and ASR need the sample geometry: enter the thickness and "
                        "diameter in File Properties (right-click a spectrum in the list) or "
                        "in the side panel (F9), then fit the series again.");
  if (r->joint)
    {
      g_autofree char *msg = g_markup_escape_text (r->joint->message, -1);

      g_string_append_printf (s, "\nJoint fit of the whole series: %s%s</span>, reduced χ² %.4g, "
                              "%zu unknowns; errors from the joint covariance",
                              r->joint->converged ? "<span>"
                                                  : "<span foreground='#b35900'>⚠ ", msg,
                              r->joint->reduced_chi2, r->joint->n_free);
    }
  if (r->fit->n_share_tests)
    {
      char tests[1024];
      g_autofree char *esc = NULL;

      /* which sharing the data accepted or rejected, with Delta BIC (as eisfit series) */
      eis_series_share_tests_text (r->fit, tests, sizeof tests);
      esc = eisfit_markup_typeset (tests);
      g_string_append_printf (s, "\nSharing tested (rejected when an alternative lowers the "
                              "BIC by more than %.0f): %s", EIS_SERIES_SHARE_DBIC, esc);
    }
  /* information (what is shared, the sharing the data rejected): plain, as eisfit's "note:" */
  for (w = 0; w < r->fit->n_notes; w++)
    {
      g_autofree char *esc = g_markup_escape_text (r->fit->notes[w], -1);

      g_string_append_printf (s, "\n%s", esc);
    }
  for (w = 0; w < r->fit->n_warnings; w++)
    {
      g_autofree char *esc = eisfit_markup_typeset (r->fit->warnings[w]);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
    }
  return g_string_free (s, FALSE);
}


GPtrArray *
eisfit_series_job_fitted_items (const EisfitSeriesJob *r)
{
  GPtrArray *items = g_ptr_array_new ();
  size_t j;

  for (j = 0; j < r->series.n; j++)
    if (r->fit->fits[j])
      g_ptr_array_add (items, g_ptr_array_index (r->items, r->series.items[j].input_order));
  return items;
}

void
eisfit_series_job_adopt (const EisfitSeriesJob *r)
{
  size_t j;

  for (j = 0; j < r->series.n; j++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (r->items, r->series.items[j].input_order);
      EisCircuit *c;
      EisFitResult *copy;

      if (!r->fit->fits[j])
        continue;
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      const EisSpectrum *used = r->series.items[j].spectrum;
      size_t out[8], n_out = 0;

      c = eis_circuit_dup (r->fit->circuit);
      copy = eis_fit_result_dup (r->fit->fits[j]);
      if (!c || !copy)
        g_error ("out of memory");
      /* for a project: the circuit asked, no starts of its own */
      eisfit_spectrum_item_set_fit_settings (item, eis_circuit_text (c), 0, NULL, NULL, NULL,
                                             NULL, NULL);
      /* no "why": that is the automatic choice's BIC comparison of this spectrum alone */
      eisfit_spectrum_item_take_fit (item, c, copy, "");
      /* the roles of the series' table, and this fit's outliers (points of the copy without
       * the points left out, found again in the spectrum by frequency) */
      eisfit_spectrum_item_set_series_roles (item, &r->fit->cond[j]);
      for (size_t o = 0; o < r->n_outliers[j]; o++)
        for (size_t k = 0; k < sp->n; k++)
          if (sp->freq_hz[k] == used->freq_hz[r->outliers[j][o]])
            {
              out[n_out++] = k;
              break;
            }
      eisfit_spectrum_item_set_outliers (item, out, n_out);
    }
}


/* "0.3101 ± 0.0012" (FIXED: an energy in eV) or "2.07e-04 ± 3.1e-07" */
static char *
pm (double x, double se, gboolean fixed)
{
  if (!isfinite (x))
    return g_strdup ("–");
  if (fixed)
    {
      /* the digits of eisfit arrhenius and the Arrhenius tab */
      int dec = eis_arrhenius_ea_decimals (se);

      return isfinite (se) ? g_strdup_printf ("%.*f ± %.*f", dec, x, dec, se)
                           : g_strdup_printf ("%.4f", x);
    }
  return isfinite (se) ? g_strdup_printf ("%.4g ± %.2g", x, se) : g_strdup_printf ("%.4g", x);
}

char *
eisfit_series_job_dup_law_markup (const EisfitSeriesJob *r)
{
  GString *s;
  size_t q;

  if (!r || r->law == EISFIT_SERIES_LAW_NONE)
    return NULL;
  s = g_string_new (NULL);
  if (r->bulk_ok[EIS_ARRHENIUS_SIGMA])
    {
      const EisArrheniusFit *a = &r->bulk[EIS_ARRHENIUS_SIGMA];
      g_autofree char *ea = pm (a->Ea_eV, a->Ea_se_eV, TRUE);
      g_autofree char *sg = pm (a->sigma_ref, a->sigma_ref_se, FALSE);

      g_string_append_printf (s, "<b>Two-step</b> (σ_bulk of %zu fits, Arrhenius): E<sub>a</sub> "
                              "%s eV, σ(25 °C) %s S cm⁻¹, R² %.4f", a->n, ea, sg, a->r2);
      if (r->total_ok[EIS_ARRHENIUS_SIGMA])
        g_string_append_printf (s, "; total: E<sub>a</sub> %.4f eV",
                                r->total[EIS_ARRHENIUS_SIGMA].Ea_eV);
    }
  else
    {
      g_autofree char *esc = eisfit_markup_typeset (r->bulk_why);

      g_string_append_printf (s, "<b>Two-step</b>: %s", esc);
    }
  if (r->law == EISFIT_SERIES_LAW_VTF)
    {
      if (r->vtf_ok)
        {
          /* σ(25 °C) beside the global law's, which the page compares it with */
          g_autofree char *sg = pm (r->vtf_bulk.sigma_ref, r->vtf_bulk.sigma_ref_se, FALSE);

          g_string_append_printf (s, "\n<b>Two-step VTF</b>: B %.4g ± %.2g K, T<sub>0</sub> ",
                                  r->vtf_bulk.B_K, r->vtf_bulk.B_se_K);
          if (isfinite (r->vtf_bulk.T0_se_K))
            g_string_append_printf (s, "%.4g ± %.2g K", r->vtf_bulk.T0_K, r->vtf_bulk.T0_se_K);
          else
            g_string_append_printf (s, "%.4g K (not determined)", r->vtf_bulk.T0_K);
          g_string_append_printf (s, ", σ(25 °C) %s S cm⁻¹", sg);
        }
      else
        {
          g_autofree char *esc = eisfit_markup_typeset (r->vtf_why);

          g_string_append_printf (s, "\n<b>Two-step VTF</b>: %s", esc);
        }
    }
  if (r->global)
    for (q = 0; q < r->global->n_laws; q++)
      {
        const EisGlobalLawFit *L = &r->global->laws[q];
        g_autofree char *sg = pm (L->sigma_ref, L->sigma_ref_se, FALSE);

        g_string_append_printf (s, "\n<b>Global</b> (%s law inside the joint fit, %s): ",
                                r->law == EISFIT_SERIES_LAW_VTF ? "VTF" : "Arrhenius",
                                q ? "grain boundary" : "bulk");
        if (r->law == EISFIT_SERIES_LAW_VTF)
          {
            g_string_append_printf (s, "B %.4g ± %.2g K, T<sub>0</sub> ", L->B_K, L->B_se_K);
            if (isfinite (L->T0_se_K))
              g_string_append_printf (s, "%.4g ± %.2g K", L->T0_K, L->T0_se_K);
            else
              g_string_append_printf (s, "%.4g K (not determined: at an edge)", L->T0_K);
          }
        else
          {
            g_autofree char *ea = pm (L->Ea_eV, L->Ea_se_eV, TRUE);

            g_string_append_printf (s, "E<sub>a</sub> %s eV", ea);
          }
        g_string_append_printf (s, ", σ(25 °C) %s S cm⁻¹", sg);
      }
  if (r->global_why[0])
    {
      g_autofree char *esc = eisfit_markup_typeset (r->global_why);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ Global: %s</span>", esc);
    }
  for (q = 0; q < r->n_checks; q++)
    {
      g_autofree char *esc = eisfit_markup_typeset (r->checks[q]);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ bulk, two-step: %s</span>",
                              esc);
    }
  for (q = 0; q < r->n_checks_total; q++)
    {
      g_autofree char *esc = eisfit_markup_typeset (r->checks_total[q]);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ total, two-step: %s</span>",
                              esc);
    }
  if (r->repeated[0])
    {
      g_autofree char *esc = g_markup_escape_text (r->repeated, -1);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
    }
  if (r->misfit[0])
    {
      g_autofree char *esc = g_markup_escape_text (r->misfit, -1);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ Global: %s</span>", esc);
    }
  if (r->disagree[0])
    {
      g_autofree char *esc = eisfit_markup_typeset (r->disagree);

      g_string_append_printf (s, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
    }
  return g_string_free (s, FALSE);
}


static void
json_num_key (GString *out, const char *key, double x)
{
  g_string_append_printf (out, ", \"%s\": ", key);
  eisfit_json_number (out, x);
}

static void
json_afit (GString *out, const EisArrheniusFit *a, gboolean ok)
{
  if (!ok)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, "{\"form\": ");
  eisfit_json_string (out, eis_arrhenius_form_name (a->form));
  json_num_key (out, "Ea_eV", a->Ea_eV);
  json_num_key (out, "Ea_stderr_eV", a->Ea_se_eV);
  json_num_key (out, "ln_prefactor", a->ln_A);
  json_num_key (out, "ln_prefactor_stderr", a->ln_A_se);
  json_num_key (out, "r2", a->r2);
  json_num_key (out, "sigma_at_25C", eis_arrhenius_sigma_at (a, EIS_T_REF_DEFAULT_K));
  json_num_key (out, "sigma_at_ref", a->sigma_ref);
  json_num_key (out, "sigma_at_ref_stderr", a->sigma_ref_se);
  g_string_append_printf (out, ", \"n\": %zu}", a->n);
}

/* With a law: "arrhenius" with the keys of eisfit arrhenius --global --format json (bulk,
 * total, global, warnings), else null. */
void
eisfit_series_job_append_law_json (GString *out, const EisfitSeriesJob *r)
{
  const EisGlobalFit *g = r->global;
  size_t q, k;

  g_string_append (out, ",\n    \"law\": ");
  eisfit_json_string (out, eisfit_series_law_names[r->law]);
  g_string_append (out, ", \"arrhenius\": ");
  if (r->law == EISFIT_SERIES_LAW_NONE)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, "{\"bulk\": {\"sigma\": ");
  json_afit (out, &r->bulk[0], r->bulk_ok[0]);
  g_string_append (out, ", \"sigmaT\": ");
  json_afit (out, &r->bulk[1], r->bulk_ok[1]);
  g_string_append (out, ", \"vtf\": ");
  if (r->law == EISFIT_SERIES_LAW_VTF && r->vtf_ok)
    {
      const EisVTFFit *v = &r->vtf_bulk;

      g_string_append_printf (out, "{\"converged\": %s", v->converged ? "true" : "false");
      json_num_key (out, "B_K", v->B_K);
      json_num_key (out, "B_stderr_K", v->B_se_K);
      json_num_key (out, "T0_K", v->T0_K);
      json_num_key (out, "T0_stderr_K", v->T0_se_K);
      json_num_key (out, "Ea_eV", v->Ea_eV);
      json_num_key (out, "Ea_stderr_eV", v->Ea_se_eV);
      json_num_key (out, "sigma_at_ref", v->sigma_ref);
      json_num_key (out, "sigma_at_ref_stderr", v->sigma_ref_se);
      g_string_append (out, "}");
    }
  else
    g_string_append (out, "null");
  g_string_append (out, "},\n      \"total\": {\"sigma\": ");
  json_afit (out, &r->total[0], r->total_ok[0]);
  g_string_append (out, ", \"sigmaT\": ");
  json_afit (out, &r->total[1], r->total_ok[1]);
  g_string_append (out, "},\n      \"global\": ");
  if (g)
    {
      const EisGlobalLawFit *L = &g->laws[0];
      gboolean first = TRUE;

      g_string_append (out, "{\"form\": ");
      eisfit_json_string (out, r->law == EISFIT_SERIES_LAW_VTF ? "vtf" : eis_arrhenius_form_name (g->form));
      json_num_key (out, "Ea_eV", L->Ea_eV);
      json_num_key (out, "Ea_stderr_eV", L->Ea_se_eV);
      json_num_key (out, "ln_prefactor", L->ln_A);
      json_num_key (out, "ln_prefactor_stderr", L->ln_A_se);
      json_num_key (out, "sigma_at_25C", L->sigma_25C);
      json_num_key (out, "T_ref_K", g->T_ref_K);
      json_num_key (out, "sigma_at_ref", L->sigma_ref);
      json_num_key (out, "sigma_at_ref_stderr", L->sigma_ref_se);
      if (r->law == EISFIT_SERIES_LAW_VTF)
        {
          json_num_key (out, "B_K", L->B_K);
          json_num_key (out, "T0_K", L->T0_K);
        }
      g_string_append (out, ", \"bulk_parameter\": ");
      eisfit_json_string (out, eis_circuit_param_name (r->fit->circuit, (size_t) L->param));
      g_string_append_printf (out, ", \"converged\": %s", g->converged ? "true" : "false");
      json_num_key (out, "reduced_chi2", g->reduced_chi2);
      g_string_append (out, ", \"shared\": [");
      for (k = 0; k < g->n_params; k++)
        if (g->shared[k])
          {
            g_autofree char *nm = g_strdup_printf ("%s%s",
                                                   eis_circuit_param_name (r->fit->circuit, k),
                                                   g->shared[k] == 2 ? "_Ceff" : "");

            g_string_append (out, first ? "" : ", ");
            eisfit_json_string (out, nm);
            first = FALSE;
          }
      g_string_append (out, "]");
      if (g->n_laws > 1)
        {
          const EisGlobalLawFit *G = &g->laws[1];

          g_string_append (out, ", \"grain_boundary\": {\"Ea_eV\": ");
          eisfit_json_number (out, G->Ea_eV);
          json_num_key (out, "Ea_stderr_eV", G->Ea_se_eV);
          json_num_key (out, "ln_prefactor", G->ln_A);
          json_num_key (out, "ln_prefactor_stderr", G->ln_A_se);
          json_num_key (out, "sigma_at_25C", G->sigma_25C);
          json_num_key (out, "sigma_at_ref", G->sigma_ref);
          json_num_key (out, "sigma_at_ref_stderr", G->sigma_ref_se);
          g_string_append (out, "}");
        }
      g_string_append (out, "}");
    }
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"global_note\": ");
  eisfit_json_string (out, r->global_why);
  g_string_append (out, ",\n      \"warnings\": [");
  for (q = 0; q < r->n_checks; q++)
    {
      g_string_append (out, q ? ", " : "");
      eisfit_json_string (out, r->checks[q]);
    }
  for (q = 0; q < r->n_checks_total; q++)
    {
      g_autofree char *w = g_strdup_printf ("total: %s", r->checks_total[q]);

      g_string_append (out, q + r->n_checks ? ", " : "");
      eisfit_json_string (out, w);
    }
  {
    gboolean any = r->n_checks + r->n_checks_total > 0;
    const char *more[3] = { r->repeated, r->misfit, r->disagree };

    for (q = 0; q < 3; q++)
      if (more[q][0])
        {
          g_string_append (out, any ? ", " : "");
          eisfit_json_string (out, more[q]);
          any = TRUE;
        }
  }
  g_string_append (out, "]}");
}

