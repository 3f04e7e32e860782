/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's project (File > Open Project, Save Project): the session written to and read
 * from a project file through the engine (src/core/project.h), the "changed since saved" mark in
 * the title, and the question before closing with unsaved fits. */
#include <config.h>

#include "eisfit-window-private.h"

#include <math.h>
#include <string.h>

#include "eisfit-param-table.h"
#include "eisfit-series-page.h"
#include "eisfit-transference-page.h"
#include "project.h"
#include "sha256.h"
#include "units.h"

/* ---------------------------------------------------------------- title and changes */

void
eisfit_window_update_title (EisfitWindow *self)
{
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);
  EisfitSpectrumItem *first = items->len ? g_ptr_array_index (items, 0) : NULL;
  const char *path = eisfit_document_get_path (self->document);
  g_autofree char *project = path ? g_path_get_basename (path) : NULL;
  g_autofree char *shown = !first ? NULL
                           : items->len == 1 ? g_strdup (eisfit_spectrum_item_get_title (first))
                           : g_strdup_printf ("%s and %u more", eisfit_spectrum_item_get_title (first),
                                              items->len - 1);
  /* "*session.eisfit: pellet-25C.csv — eisfit": '*' while something is not saved */
  const char *mark = eisfit_document_get_dirty (self->document) ? "*" : "";
  g_autofree char *title = !project && !shown
                             ? g_strdup_printf ("%seisfit", mark)
                             : g_strdup_printf ("%s%s%s%s — eisfit", mark, project ? project : "",
                                                project && shown ? ": " : "", shown ? shown : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
}

void
eisfit_window_mark_changed (EisfitWindow *self)
{
  if (self->loading_project)
    return;
  eisfit_document_set_dirty (self->document, TRUE); /* the title follows (notify::dirty) */
}

/* ---------------------------------------------------------------- saving */

/* The index in self->files of the file ITEM was read from, or -1. A file opened twice (again
 * after Remove Spectrum, say) is two files, each with its own spectra. */
static int
file_index (EisfitWindow *self, EisfitSpectrumItem *item)
{
  const char *source = eisfit_spectrum_item_get_spectrum (item)->source;
  guint i;

  if (g_ptr_array_find (self->files, eisfit_spectrum_item_get_file (item), &i))
    return (int) i;
  for (i = 0; source && i < self->files->len; i++)
    {
      EisDataFile *df = g_ptr_array_index (self->files, i);

      if (df->path && strcmp (df->path, source) == 0)
        return (int) i;
    }
  return -1;
}

/* The session as a project (files with their size and SHA-256 now). */
static EisProject *
build_project (EisfitWindow *self, GError **error)
{
  EisProject *p = eis_project_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  const EisCircuit *model = eisfit_fit_panel_get_model (PANEL (self));
  EisError err = { 0 };

  eis_project_set_string (&p->program, "eisfit-gtk " PACKAGE_VERSION);
  eis_project_set_string (&p->circuit, gtk_editable_get_text (eisfit_fit_panel_get_circuit_entry (PANEL (self))));
  for (guint i = 0; i < self->files->len; i++)
    {
      EisDataFile *df = g_ptr_array_index (self->files, i);
      EisProjectFile *f = eis_project_add_file (p);
      g_autofree char *abs = g_canonicalize_filename (df->path, NULL);
      unsigned long long size = 0;
      const char *t, *d, *a, *cell = "", *note = "", *leads = "";

      eisfit_fit_panel_get_default_geometry (PANEL (self), &t, &d, &a, NULL);

      eis_project_set_string (&f->path, abs);
      eis_project_set_string (&f->absolute_path, abs);
      /* the content that was opened and fitted, not the file's now (it may have changed or
       * gone since: the project still keeps every fit) */
      if (!eisfit_document_get_file_sum (self->document, i, f->sha256, &size)
          && eis_sha256_file (df->path, f->sha256, &size, &err) != EIS_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s: cannot read it to record its content: %s", df->path, err.message);
          eis_project_free (p);
          return NULL;
        }
      f->size = size;
      /* every spectrum of a file has the file's geometry: take the first one's */
      for (guint k = 0; k < n; k++)
        {
          g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), k);

          if (file_index (self, item) == (int) i)
            {
              eisfit_spectrum_item_get_geometry (item, &t, &d, &a, &note);
              cell = eisfit_spectrum_item_get_cell (item);
              leads = eisfit_spectrum_item_get_leads (item);
              break;
            }
        }
      /* a geometry that does not parse would make the project unreadable (by eisfit too):
       * say which, and save nothing until it is mended (the window keeps everything) */
      {
        const char *what[3] = { "thickness", "diameter", "area" }, *text[3] = { t, d, a };

        for (int g = 0; g < 3; g++)
          {
            double v;

            if (text[g] && text[g][0] && eis_parse_geometry_value (what[g], text[g], &v, NULL,
                                                                   &err) != EIS_OK)
              {
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "%s: %s. Correct it (File Properties or the side panel), then save "
                             "again: a project with it could not be opened.", df->path,
                             err.message);
                eis_project_free (p);
                return NULL;
              }
          }
      }
      eis_project_set_string (&f->thickness, t);
      eis_project_set_string (&f->diameter, d);
      eis_project_set_string (&f->area, a);
      eis_project_set_string (&f->cell, cell);
      eis_project_set_string (&f->leads, leads);
      /* "as typed for pellet-25C.csv": a geometry this file took from another stays in doubt */
      eis_project_set_string (&f->geometry_note, note);
    }
  for (guint k = 0; k < n; k++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), k);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      EisProjectSpectrum *s = eis_project_add_spectrum (p);
      const EisFitResult *fit = eisfit_spectrum_item_get_fit (item);
      const char *const *names;
      const double *start, *lower, *upper;
      const int *fixed;
      size_t np;
      const char *asked;
      EisFitOptions opt;

      s->file = (size_t) MAX (file_index (self, item), 0);
      s->index = sp->index;
      s->temperature_k = sp->temperature_k;
      eis_project_set_string (&s->temperature_source,
                              eisfit_spectrum_item_get_temperature_source (item));
      eis_project_set_string (&s->label, eisfit_spectrum_item_get_label (item));
      eis_fit_options_init (&opt);
      eisfit_exclusions_apply (eisfit_spectrum_item_get_exclusions (item), &opt);
      s->n_exclude = opt.n_exclude;
      s->exclude = g_memdup2 (opt.exclude, opt.n_exclude * sizeof *opt.exclude);
      s->n_exclude_points = opt.n_exclude_points;
      s->exclude_points = g_memdup2 (opt.exclude_points, opt.n_exclude_points * sizeof (size_t));
      if (model && item == eisfit_fit_panel_get_table_item (PANEL (self))
          && eisfit_fit_panel_get_user_edited (PANEL (self))
          && !eisfit_fit_panel_is_automatic (PANEL (self)))
        {
          /* the table as the user left it: the next fit of this spectrum starts from it */
          size_t m = eis_circuit_n_params (model);
          g_autofree double *v = g_new (double, m + 1), *lo = g_new (double, m + 1);
          g_autofree double *hi = g_new (double, m + 1);
          g_autofree int *fx = g_new0 (int, m + 1);

          eisfit_param_table_get (eisfit_fit_panel_get_param_table (PANEL (self)), v, fx, lo, hi);
          eis_project_set_string (&s->circuit, eis_circuit_text (model));
          eis_project_spectrum_set_params (s, m);
          for (size_t i = 0; i < m; i++)
            {
              eis_project_set_string (&s->params[i].name, eis_circuit_param_name (model, i));
              s->params[i].start = v[i];
              s->params[i].fixed = fx[i] && isfinite (v[i]);
              s->params[i].lower = lo[i];
              s->params[i].upper = hi[i];
            }
        }
      else
        {
          asked = eisfit_spectrum_item_get_fit_settings (item, &np, &names, &start, &fixed, &lower,
                                                         &upper);
          eis_project_set_string (&s->circuit, asked);
          eis_project_spectrum_set_params (s, np);
          for (size_t i = 0; i < np; i++)
            {
              eis_project_set_string (&s->params[i].name, names[i]);
              s->params[i].start = start[i];
              s->params[i].fixed = fixed[i];
              s->params[i].lower = lower[i];
              s->params[i].upper = upper[i];
            }
        }
      if (fit)
        {
          s->weighting = fit->weighting;
          eis_project_spectrum_set_fit (s, eis_circuit_text (eisfit_spectrum_item_get_circuit (item)),
                                        fit, eisfit_spectrum_item_get_why (item));
        }
    }
  /* the Series page's fit: its spectra ([spectrum N] is list position N-1) and choices */
  {
    g_autoptr (GPtrArray) sitems = NULL;
    g_autofree char *order = NULL, *circuit = NULL, *shared = NULL, *law = NULL;
    gboolean adopted = FALSE;

    if (eisfit_series_page_get_fit_choices (EISFIT_SERIES_PAGE (self->series_page), &sitems,
                                            &order, &circuit, &shared, &law, &adopted))
      {
        p->series.spectra = g_new0 (size_t, sitems->len + 1);
        for (guint i = 0; i < sitems->len; i++)
          {
            guint pos;

            if (g_list_store_find (self->store, g_ptr_array_index (sitems, i), &pos))
              p->series.spectra[p->series.n_spectra++] = pos + 1;
          }
        /* a series with spectra removed since is not kept */
        p->have_series = p->series.n_spectra == sitems->len && sitems->len >= 2;
        eis_project_set_string (&p->series.order, order);
        eis_project_set_string (&p->series.circuit, circuit);
        eis_project_set_string (&p->series.shared, shared);
        eis_project_set_string (&p->series.law, law);
        p->series.adopted = adopted;
      }
  }
  /* the files that were missing when the project was opened stay in it as they were */
  if (self->project_missing)
    {
      const EisProject *mp = self->project_missing;

      for (size_t i = 0; i < mp->n_files; i++)
        eis_project_append_file (p, mp, i);
    }
  {
    GtkBitset *set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
    guint64 ns = gtk_bitset_get_size (set);

    p->n_selected = (size_t) ns;
    p->selected = g_new0 (size_t, ns + 1);
    for (guint64 i = 0; i < ns; i++)
      p->selected[i] = gtk_bitset_get_nth (set, (guint) i);
    gtk_bitset_unref (set);
  }
  {
    guint series, before, after;
    const char *dv;

    eisfit_transference_page_get_selection (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                         &series, &before, &after, &dv);
    p->have_transference = self->series->len > 0 || before || after;
    p->transference.before = before;
    p->transference.after = after;
    eis_project_set_string (&p->transference.dv, dv);
    {
      g_autofree char *method = NULL, *i0 = NULL, *spike = NULL, *rb = NULL, *r0 = NULL,
                      *rss = NULL, *arcs = NULL;
      g_autofree guint *during = NULL;
      guint n_during = 0;

      eisfit_transference_page_get_choices (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                            &method, &i0, &spike, &arcs, &rb, &r0, &rss);
      eis_project_set_string (&p->transference.interface_arcs, arcs);
      /* the spectra checked during the hold: list position i is [spectrum i+1] */
      eisfit_transference_page_get_during (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                           &during, &n_during);
      p->transference.during = g_new0 (size_t, n_during + 1);
      for (guint i = 0; i < n_during; i++)
        p->transference.during[p->transference.n_during++] = during[i] + 1;
      p->have_transference |= n_during > 0 || (arcs && *arcs);
      eis_project_set_string (&p->transference.method, method);
      eis_project_set_string (&p->transference.i0, i0);
      eis_project_set_string (&p->transference.spike_window, spike);
      eis_project_set_string (&p->transference.r_b, rb);
      eis_project_set_string (&p->transference.r0, r0);
      eis_project_set_string (&p->transference.r_ss, rss);
    }
    if (series < self->series->len)
      {
        EisSeries *es = g_ptr_array_index (self->series, series);

        for (guint i = 0; i < self->files->len; i++)
          {
            EisDataFile *df = g_ptr_array_index (self->files, i);

            for (size_t k = 0; k < df->n_series; k++)
              if (df->series[k] == es)
                {
                  p->transference.series_file = i + 1;
                  p->transference.series_index = (int) k;
                }
          }
      }
  }
  return p;
}

gboolean
eisfit_window_save_project (EisfitWindow *self, const char *path, GError **error)
{
  EisProject *p = build_project (self, error);
  EisError err = { 0 };

  if (!p)
    return FALSE;
  if (eis_project_write (p, path, &err) != EIS_OK)
    {
      eis_project_free (p);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", err.message);
      return FALSE;
    }
  eis_project_free (p);
  {
    g_autofree char *canonical = g_canonicalize_filename (path, NULL); /* PATH may be the
                                                                        * document's */

    eisfit_document_set_path (self->document, canonical);
    eisfit_window_saved_to (self, canonical);
  }
  eisfit_document_set_dirty (self->document, FALSE);
  self->unsaved_fits = 0;
  self->unsaved_series = FALSE;
  eisfit_window_update_title (self);
  return TRUE;
}

/* ---------------------------------------------------------------- opening */

/* Restores the settings and fit of project spectrum S (of the project at PATH) onto ITEM; FIT_OK:
 * its file is unchanged. Messages go to MSG. */
static void
restore_spectrum (EisfitWindow *self, const char *path, EisProject *p, size_t k,
                  EisfitSpectrumItem *item, gboolean fit_ok, GString *msg)
{
  EisProjectSpectrum *s = &p->spectra[k];
  const EisProjectFile *f = &p->files[s->file];
  EisfitExclusions *ex = eisfit_spectrum_item_get_exclusions (item);
  const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);

  if (isfinite (s->temperature_k))
    eisfit_spectrum_item_set_temperature (item, s->temperature_k,
                                          s->temperature_source[0] ? s->temperature_source
                                                                   : "from the project");
  if (s->label[0])
    eisfit_spectrum_item_set_label (item, s->label);
  eisfit_spectrum_item_set_geometry (item, f->thickness, f->diameter, f->area, f->geometry_note);
  eisfit_spectrum_item_set_cell (item, f->cell);
  /* the lead resistance measured apart (leads=), subtracted as eisfit --project does */
  eisfit_spectrum_item_set_leads (item, f->leads);
  eisfit_exclusions_clear (ex);
  for (size_t i = 0; i < s->n_exclude_points; i++)
    eisfit_exclusions_set_point (ex, s->exclude_points[i], TRUE);
  for (size_t i = 0; i < s->n_exclude; i++)
    eisfit_exclusions_add_range (ex, s->exclude[i].lo_hz, s->exclude[i].hi_hz);
  /* eisfit's window (--fmin, --fmax), as the ranges below and above it */
  if (s->f_min_hz > 0)
    eisfit_exclusions_add_range (ex, EIS_FREQ_MIN_HZ, s->f_min_hz * (1 - 1e-12));
  if (s->f_max_hz > 0)
    eisfit_exclusions_add_range (ex, s->f_max_hz * (1 + 1e-12), EIS_FREQ_MAX_HZ);
  eisfit_spectrum_item_exclusions_changed (item);
  {
    g_autofree const char **names = g_new0 (const char *, s->n_params + 1);
    g_autofree double *start = g_new (double, s->n_params + 1);
    g_autofree double *lower = g_new (double, s->n_params + 1);
    g_autofree double *upper = g_new (double, s->n_params + 1);
    g_autofree int *fixed = g_new0 (int, s->n_params + 1);

    for (size_t i = 0; i < s->n_params; i++)
      {
        names[i] = s->params[i].name;
        start[i] = s->params[i].start;
        lower[i] = s->params[i].lower;
        upper[i] = s->params[i].upper;
        fixed[i] = s->params[i].fixed;
      }
    eisfit_spectrum_item_set_fit_settings (item, s->circuit, s->n_params, names, start, fixed,
                                           lower, upper);
  }
  if (!s->fit || !fit_ok)
    return;
  EisCircuit *c = NULL;
  EisError err = { 0 };
  EisFitOptions opt;
  char note[800];

  /* chi2 as saved: restoring makes it the data's, and the two must agree (as eisfit --project) */
  double saved_chi2 = s->fit->chi2;
  char mismatch[1600];

  eis_fit_options_init (&opt);
  eisfit_exclusions_apply (ex, &opt);
  if (eis_circuit_parse (s->fit_circuit, &c, &err) != EIS_OK
      || eis_project_result_restore (c, sp, &opt, s->fit, note, sizeof note, &err) != EIS_OK)
    {
      g_string_append_printf (msg, "[spectrum %zu] %s #%d: its saved fit cannot be shown (%s): "
                              "fit it again\n", k + 1, eisfit_spectrum_item_get_title (item),
                              sp->index + 1, err.message);
      eis_circuit_free (c);
      return;
    }
  {
    g_autofree char *label = g_strdup_printf ("%s:%zu: [spectrum %zu]", path, s->line, k + 1);

    if (eis_project_saved_fit_mismatch (label, saved_chi2, s->fit, mismatch, sizeof mismatch))
      {
        g_string_append_printf (msg, "%s\n", mismatch);
        note[0] = '\0';   /* the standard errors are the data's too, as eisfit --project says */
      }
  }
  if (note[0])
    g_string_append_printf (msg, "[spectrum %zu] %s #%d: %s\n", k + 1,
                            eisfit_spectrum_item_get_title (item), sp->index + 1, note);
  eisfit_document_set_fit (self->document, item, c, g_steal_pointer (&s->fit), s->fit_why);
}

/* The series of a project opened is fitted again: the spectra whose saved fits are its fits
 * (Use these fits) get the series table's roles; the results of a batch wait for it. */
static void
series_restored_cb (EisfitSeriesPage *page, gboolean ok, gpointer data)
{
  EisfitWindow *self = data;
  guint n = ok ? eisfit_series_page_restore_roles (page) : 0;

  self->restoring_series = FALSE;
  if (!ok)
    {
      /* what the page says, with the project's group (a headless print shows no page) */
      g_autofree char *status = eisfit_series_page_dup_status (page);
      g_autofree char *text = g_strdup_printf ("%s: the series could not be fitted again: %s",
                                               self->series_where, status);

      eisfit_window_show_message (self, text);
      self->batch_fit_failed = TRUE; /* as eisfit series: exit status 3 */
    }
  else if (self->series_adopted && n == 0)
    eisfit_window_show_message (self, "The spectra used the Series page's fits when the project "
                                      "was saved, but their saved fits differ from the series "
                                      "fitted again now: press Use these fits for the spectra "
                                      "to use them again");
  if (n)
    {
      eisfit_window_refresh (self);
      eisfit_transference_page_fits_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
    }
  if (self->batch_wait_series)
    {
      self->batch_wait_series = FALSE;
      eisfit_window_batch_fit_finished (self, TRUE);
    }
}

gboolean
eisfit_window_open_project (EisfitWindow *self, const char *path, GError **error)
{
  EisProject *p = NULL;
  EisError err = { 0 };
  g_autoptr (GString) msg = g_string_new (NULL);
  g_autofree EisfitSpectrumItem **items = NULL;
  g_autofree gboolean *same = NULL;
  g_auto (GStrv) tr_choices = NULL; /* the Transference tab's method, I0 rule, ... */

  if (eis_project_read (path, &p, &err) != EIS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", err.message);
      return FALSE;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0 || self->files->len > 0)
    {
      /* this window's work stays as it is: the project gets a window of its own */
      EisfitWindow *w = eisfit_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      gboolean ok;

      eis_project_free (p);
      ok = eisfit_window_open_project (w, path, error);
      gtk_window_present (GTK_WINDOW (w));
      return ok;
    }
  self->loading_project = TRUE;
  /* a project keeps its own order: its temperatures, set below, move nothing */
  eisfit_document_set_keep_order (self->document, FALSE);
  items = g_new0 (EisfitSpectrumItem *, p->n_spectra + 1);
  same = g_new0 (gboolean, p->n_files + 1);
  for (size_t i = 0; i < p->n_files; i++)
    {
      char why[1400];
      char *where = NULL;
      EisProjectFileState st = eis_project_file_check (&p->files[i], path, &where, why, sizeof why);
      guint first = g_list_model_get_n_items (G_LIST_MODEL (self->store)), n;
      size_t n_spectra = 0;

      for (size_t k = 0; k < p->n_spectra; k++)
        n_spectra += p->spectra[k].file == i;
      if (st == EIS_PROJECT_FILE_MISSING)
        {
          g_string_append_printf (msg, "%s: %zu spectr%s of the project not shown (they stay in "
                                  "the project as they were when it is saved)\n", why, n_spectra,
                                  n_spectra == 1 ? "um" : "a");
          if (!self->project_missing)
            self->project_missing = eis_project_new ();
          eis_project_append_file (self->project_missing, p, i);
          continue;
        }
      if (st == EIS_PROJECT_FILE_CHANGED)
        g_string_append_printf (msg, "%s: its saved fits are not shown (they were of other data); "
                                "its settings are kept: fit it again\n", why);
      same[i] = st == EIS_PROJECT_FILE_SAME;
      {
        g_autoptr (GFile) gf = g_file_new_for_path (where);

        eisfit_window_open_files (self, &gf, 1);
      }
      n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
      for (guint pos = first; pos < n; pos++)
        {
          EisfitSpectrumItem *item = g_list_model_get_item (G_LIST_MODEL (self->store), pos);
          int index = eisfit_spectrum_item_get_spectrum (item)->index;
          size_t k;

          for (k = 0; k < p->n_spectra; k++)
            if (p->spectra[k].file == i && p->spectra[k].index == index && !items[k])
              break;
          if (k < p->n_spectra)
            items[k] = item; /* the reference is dropped below */
          else
            g_object_unref (item);
        }
      free (where);
    }
  for (size_t k = 0; k < p->n_spectra; k++)
    if (items[k])
      restore_spectrum (self, path, p, k, items[k], same[p->spectra[k].file], msg);
    else if (same[p->spectra[k].file] || !msg->len)
      g_string_append_printf (msg, "%s:%zu: [spectrum %zu] (#%d of its file) is not in the file\n",
                              path, p->spectra[k].line, k + 1, p->spectra[k].index + 1);
  eisfit_window_set_circuit_text (self, p->circuit);
  /* the selection as it was, in list positions */
  {
    gboolean first = TRUE;

    for (size_t i = 0; i < p->n_selected; i++)
      {
        EisfitSpectrumItem *item = items[p->selected[i]];
        guint pos;

        if (item && g_list_store_find (self->store, item, &pos))
          {
            gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos, first);
            first = FALSE;
          }
      }
  }
  if (p->have_transference)
    {
      const EisProjectTransference *t = &p->transference;
      guint series = 0, before = 0, after = 0, pos;

      if (t->series_file > 0)
        {
          EisDataFile *df = NULL;
          g_autofree char *want = g_canonicalize_filename (p->files[t->series_file - 1].path, NULL);

          for (guint i = 0; i < self->files->len; i++)
            {
              EisDataFile *d = g_ptr_array_index (self->files, i);
              g_autofree char *have = g_canonicalize_filename (d->path, NULL);
              g_autofree char *base_w = g_path_get_basename (want);
              g_autofree char *base_h = g_path_get_basename (have);

              if (strcmp (base_w, base_h) == 0)
                df = d;
            }
          for (guint i = 0; df && i < self->series->len; i++)
            if ((size_t) t->series_index < df->n_series
                && g_ptr_array_index (self->series, i) == df->series[t->series_index])
              series = i;
        }
      if (t->before && items[t->before - 1] && g_list_store_find (self->store, items[t->before - 1], &pos))
        before = pos + 1;
      if (t->after && items[t->after - 1] && g_list_store_find (self->store, items[t->after - 1], &pos))
        after = pos + 1;
      eisfit_transference_page_select (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                           series, before, after, t->dv);
      {
        g_autofree guint *during = g_new0 (guint, t->n_during + 1);
        guint n_during = 0;

        for (size_t i = 0; i < t->n_during; i++)
          if (items[t->during[i] - 1]
              && g_list_store_find (self->store, items[t->during[i] - 1], &pos))
            during[n_during++] = pos;
        eisfit_transference_page_set_during (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                             during, n_during);
      }
      /* put back once the fits are in place (eisfit-window-project.c's end) */
      tr_choices = g_strdupv ((char *[]) { t->method, t->i0, t->spike_window,
                                           t->interface_arcs, t->r_b, t->r0, t->r_ss, NULL });
    }
  /* the Series page's fit: its spectra, fitted again below with its choices */
  g_autoptr (GPtrArray) series_items = NULL;
  g_autofree char *series_order = NULL, *series_circuit = NULL, *series_shared = NULL,
                  *series_law = NULL;
  gboolean series_adopted = FALSE;
  size_t series_line[4] = { 0 };
  if (p->have_series && p->series.n_spectra >= 2)
    {
      series_items = g_ptr_array_new_with_free_func (g_object_unref);
      for (size_t i = 0; i < p->series.n_spectra; i++)
        if (items[p->series.spectra[i] - 1])
          g_ptr_array_add (series_items, g_object_ref (items[p->series.spectra[i] - 1]));
      if (series_items->len < p->series.n_spectra)
        {
          g_string_append_printf (msg, "The Series page's fit is not shown again: %u of its %zu "
                                  "spectra are not open (fit the series again)\n",
                                  (guint) (p->series.n_spectra - series_items->len),
                                  p->series.n_spectra);
          g_clear_pointer (&series_items, g_ptr_array_unref);
        }
      series_order = g_strdup (p->series.order);
      series_circuit = g_strdup (p->series.circuit);
      series_shared = g_strdup (p->series.shared);
      series_law = g_strdup (p->series.law);
      series_adopted = p->series.adopted;
      /* the key a refusal of the series is about: the order or the law asked (the engine's
       * reasons begin "Order by", "A temperature law"), else the spectra */
      series_line[0] = p->series.line;
      series_line[1] = p->series.order_line ? p->series.order_line : p->series.line;
      series_line[2] = p->series.law_line ? p->series.law_line : p->series.line;
      series_line[3] = p->series.spectra_line ? p->series.spectra_line : p->series.line;
      g_free (self->series_where);
      self->series_where = g_strdup_printf ("%s:%zu: [series]", path, series_line[0]);
    }
  for (size_t k = 0; k < p->n_spectra; k++)
    g_clear_object (&items[k]);
  eis_project_free (p);
  {
    g_autofree char *canonical = g_canonicalize_filename (path, NULL);

    eisfit_document_set_path (self->document, canonical);
  }
  self->loading_project = FALSE;
  eisfit_document_set_keep_order (self->document, TRUE);
  eisfit_window_undo_clear (self);
  eisfit_document_set_dirty (self->document, FALSE);
  self->unsaved_fits = 0;
  eisfit_window_refresh (self);
  eisfit_transference_page_fits_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  if (tr_choices)
    eisfit_transference_page_set_choices (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                          tr_choices[0], tr_choices[1], tr_choices[2],
                                          tr_choices[3], tr_choices[4], tr_choices[5],
                                          tr_choices[6]);
  if (series_items)
    {
      /* fitted again with its choices (the same inputs give the same numbers); the page says
       * "Fitting the series…" until then, and the spectra that used its fits get its roles */
      self->restoring_series = TRUE;
      self->series_adopted = series_adopted;
      if (!eisfit_series_page_fit_items (EISFIT_SERIES_PAGE (self->series_page), series_items,
                                         series_order, series_circuit, series_shared,
                                         series_law, series_restored_cb, self))
        {
          /* refused before fitting (an order the spectra cannot give, a law without a
           * temperature order): said with the key's line, as eisfit says a bad project value;
           * a headless print exits 2 as eisfit series does for such input */
          g_autofree char *why = eisfit_series_page_dup_status (
            EISFIT_SERIES_PAGE (self->series_page));
          size_t line = g_str_has_prefix (why, "A temperature law") ? series_line[2]
                        : !g_str_has_prefix (why, "Order by") ? series_line[3]
                        : strcmp (series_order, "auto") == 0 && strcmp (series_law, "none") != 0
                          ? series_line[2] : series_line[1];

          self->restoring_series = FALSE;
          g_string_append_printf (msg, "%s:%zu: [series] order=%s, law=%s: the Series page's fit "
                                  "cannot be made again: %s\n", path, line, series_order,
                                  series_law, why);
          self->batch_refused = TRUE;
        }
    }
  if (msg->len)
    {
      g_strchomp (msg->str);
      eisfit_window_show_message (self, msg->str);
    }
  return TRUE;
}

/* ---------------------------------------------------------------- actions */

static void
save_response_cb (GtkNativeDialog *dialog, int response, EisfitWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      if (path && !g_str_has_suffix (path, ".eisfit"))
        {
          char *with = g_strconcat (path, ".eisfit", NULL);
          g_free (path);
          path = with;
        }
      if (path && !eisfit_window_save_project (self, path, &error))
        eisfit_window_show_message (self, error->message);
      if (path && !error && self->close_after_save)
        gtk_window_close (GTK_WINDOW (self));
    }
  self->close_after_save = FALSE;
  g_object_unref (dialog);
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, "eisfit projects (*.eisfit)");
  gtk_file_filter_add_pattern (filter, "*.[eE][iI][sS][fF][iI][tT]");
  return filter;
}

static void
save_project_as_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = project_filter ();

  dialog = gtk_file_chooser_native_new ("Save Project", GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (eisfit_document_get_path (self->document))
    {
      g_autoptr (GFile) f = g_file_new_for_path (eisfit_document_get_path (self->document));

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), f, NULL);
    }
  else
    {
      g_autofree char *dir = eisfit_window_dup_save_folder (self);

      if (dir)
        {
          g_autoptr (GFile) folder = g_file_new_for_path (dir);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
        }
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "session.eisfit");
    }
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_project_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!eisfit_document_get_path (self->document))
    {
      save_project_as_action (widget, action_name, param);
      return;
    }
  if (!eisfit_window_save_project (self, eisfit_document_get_path (self->document), &error))
    eisfit_window_show_message (self, error->message);
  else if (self->close_after_save)
    gtk_window_close (GTK_WINDOW (self));
  self->close_after_save = FALSE;
}

static void
open_project_response_cb (GtkNativeDialog *dialog, int response, EisfitWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      if (path && !eisfit_window_open_project (self, path, &error))
        eisfit_window_show_message (self, error->message);
    }
  g_object_unref (dialog);
}

static void
open_project_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  EisfitWindow *self = EISFIT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = project_filter ();

  dialog = gtk_file_chooser_native_new ("Open Project", GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (self->settings->last_folder)
    {
      g_autoptr (GFile) folder = g_file_new_for_path (self->settings->last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (open_project_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
eisfit_window_install_project_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-project", NULL, save_project_action);
  gtk_widget_class_install_action (widget_class, "win.save-project-as", NULL,
                                   save_project_as_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
}

/* ---------------------------------------------------------------- closing */

static void
quit_response_cb (GtkDialog *dialog, int response, EisfitWindow *self)
{
  self->quit_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    {
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-project", NULL);
    }
  else if (response == GTK_RESPONSE_REJECT)
    {
      self->unsaved_fits = 0; /* the user lets them go */
      self->unsaved_series = FALSE;
      eisfit_document_set_dirty (self->document, FALSE);
      gtk_window_close (GTK_WINDOW (self));
    }
}

gboolean
eisfit_window_ask_before_closing (EisfitWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *what = NULL;

  if (self->quit_dialog)
    return TRUE;
  /* fits made since the project was saved, or a saved project changed since */
  if (!(self->unsaved_fits > 0 || self->unsaved_series
        || (eisfit_document_get_path (self->document)
            && eisfit_document_get_dirty (self->document))))
    return FALSE;
  if (self->unsaved_fits > 0 && self->unsaved_series)
    what = g_strdup_printf ("%u fit%s and the Series page's fit since the project was last saved "
                            "will be lost.", self->unsaved_fits,
                            self->unsaved_fits == 1 ? "" : "s");
  else if (self->unsaved_fits > 0)
    what = g_strdup_printf ("%u fit%s since the project was last saved will be lost.",
                            self->unsaved_fits, self->unsaved_fits == 1 ? "" : "s");
  else if (self->unsaved_series)
    what = g_strdup ("The Series page's fit since the project was last saved will be lost.");
  else
    what = g_strdup ("The changes since the project was last saved will be lost.");
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "Save the project before closing?");
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", what);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), "_Cancel", GTK_RESPONSE_CANCEL,
                          "_Close Without Saving", GTK_RESPONSE_REJECT,
                          eisfit_document_get_path (self->document) ? "_Save Project" : "_Save Project…",
                          GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (quit_response_cb), self);
  self->quit_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
