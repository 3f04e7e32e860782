/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Project files (see project.h; the format is described in man eisfit, PROJECT FILES): a
 * GKeyFile-style text of [groups] and key=value lines, written and read here without GLib so that
 * eisfit and eisfit-gtk share one reader. */
#include "c-number.h"
#include "project.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text-buf.h"
#include <sys/stat.h>

#include "fit-private.h"
#include "output-file.h"
#include "sha256.h"
#include "transference.h"
#include "units.h"

/* ---------------------------------------------------------------- the model */

EisProject *
eis_project_new (void)
{
  EisProject *p = calloc (1, sizeof *p);

  if (!p)
    return NULL;
  if (eis_project_set_string (&p->program, "") != EIS_OK
      || eis_project_set_string (&p->circuit, "") != EIS_OK
      || eis_project_set_string (&p->transference.dv, "") != EIS_OK
      || eis_project_set_string (&p->transference.r_b, "") != EIS_OK
      || eis_project_set_string (&p->transference.r0, "") != EIS_OK
      || eis_project_set_string (&p->transference.r_ss, "") != EIS_OK
      || eis_project_set_string (&p->transference.method, "") != EIS_OK
      || eis_project_set_string (&p->transference.i0, "") != EIS_OK
      || eis_project_set_string (&p->transference.spike_window, "") != EIS_OK
      || eis_project_set_string (&p->transference.interface_arcs, "") != EIS_OK
      || eis_project_set_string (&p->series.order, "auto") != EIS_OK
      || eis_project_set_string (&p->series.circuit, "") != EIS_OK
      || eis_project_set_string (&p->series.shared, "") != EIS_OK
      || eis_project_set_string (&p->series.law, "none") != EIS_OK)
    {
      eis_project_free (p);
      return NULL;
    }
  return p;
}

static void
file_clear (EisProjectFile *f)
{
  free (f->path);
  free (f->absolute_path);
  free (f->thickness);
  free (f->diameter);
  free (f->area);
  free (f->cell);
  free (f->leads);
  free (f->geometry_note);
}

static void
spectrum_clear (EisProjectSpectrum *s)
{
  free (s->temperature_source);
  free (s->label);
  free (s->circuit);
  free (s->exclude);
  free (s->exclude_points);
  for (size_t i = 0; i < s->n_params; i++)
    free (s->params[i].name);
  free (s->params);
  free (s->fit_circuit);
  free (s->fit_why);
  eis_fit_result_free (s->fit);
}

void
eis_project_free (EisProject *p)
{
  if (!p)
    return;
  for (size_t i = 0; i < p->n_files; i++)
    file_clear (&p->files[i]);
  free (p->files);
  for (size_t i = 0; i < p->n_spectra; i++)
    spectrum_clear (&p->spectra[i]);
  free (p->spectra);
  free (p->selected);
  free (p->program);
  free (p->circuit);
  free (p->transference.dv);
  free (p->transference.r_b);
  free (p->transference.r0);
  free (p->transference.r_ss);
  free (p->transference.method);
  free (p->transference.i0);
  free (p->transference.spike_window);
  free (p->transference.interface_arcs);
  free (p->transference.during);
  free (p->series.spectra);
  free (p->series.order);
  free (p->series.circuit);
  free (p->series.shared);
  free (p->series.law);
  free (p);
}

int
eis_project_set_string (char **field, const char *value)
{
  char *v = strdup (value ? value : "");

  if (!v)
    return EIS_ERR_NOMEM;
  free (*field);
  *field = v;
  return EIS_OK;
}

EisProjectFile *
eis_project_add_file (EisProject *p)
{
  EisProjectFile *n = realloc (p->files, (p->n_files + 1) * sizeof *n);

  if (!n)
    return NULL;
  p->files = n;
  EisProjectFile *f = &n[p->n_files];
  memset (f, 0, sizeof *f);
  if (eis_project_set_string (&f->path, "") || eis_project_set_string (&f->absolute_path, "")
      || eis_project_set_string (&f->thickness, "") || eis_project_set_string (&f->diameter, "")
      || eis_project_set_string (&f->area, "") || eis_project_set_string (&f->cell, "")
      || eis_project_set_string (&f->leads, "")
      || eis_project_set_string (&f->geometry_note, ""))
    {
      file_clear (f);
      return NULL;
    }
  p->n_files++;
  return f;
}

EisProjectSpectrum *
eis_project_add_spectrum (EisProject *p)
{
  EisProjectSpectrum *n = realloc (p->spectra, (p->n_spectra + 1) * sizeof *n);

  if (!n)
    return NULL;
  p->spectra = n;
  EisProjectSpectrum *s = &n[p->n_spectra];
  memset (s, 0, sizeof *s);
  s->temperature_k = NAN;
  s->weighting = EIS_WEIGHT_PROPORTIONAL;
  if (eis_project_set_string (&s->temperature_source, "") || eis_project_set_string (&s->label, "")
      || eis_project_set_string (&s->circuit, "")
      || eis_project_set_string (&s->fit_circuit, "") || eis_project_set_string (&s->fit_why, ""))
    {
      spectrum_clear (s);
      return NULL;
    }
  p->n_spectra++;
  return s;
}

int
eis_project_spectrum_set_params (EisProjectSpectrum *s, size_t n)
{
  EisProjectParam *np = calloc (n ? n : 1, sizeof *np);

  if (!np)
    return EIS_ERR_NOMEM;
  for (size_t i = 0; i < s->n_params; i++)
    free (s->params[i].name);
  free (s->params);
  s->params = np;
  s->n_params = n;
  for (size_t i = 0; i < n; i++)
    {
      np[i].start = np[i].lower = np[i].upper = NAN;
      if (eis_project_set_string (&np[i].name, "") != EIS_OK)
        return EIS_ERR_NOMEM;
    }
  return EIS_OK;
}

EisFitResult *
eis_fit_result_dup (const EisFitResult *r)
{
  size_t P = r->n_params;
  EisFitResult *d = eis_fit_result_new (P, r->n_points);

  if (!d)
    return NULL;
  memcpy (d->value, r->value, P * sizeof (double));
  memcpy (d->stderr_, r->stderr_, P * sizeof (double));
  memcpy (d->corr, r->corr, P * P * sizeof (double));
  memcpy (d->fixed, r->fixed, P * sizeof (int));
  memcpy (d->undetermined, r->undetermined, P * sizeof (int));
  memcpy (d->at_bound, r->at_bound, P * sizeof (int));
  memcpy (d->freq_hz, r->freq_hz, r->n_points * sizeof (double));
  memcpy (d->model_re, r->model_re, r->n_points * sizeof (double));
  memcpy (d->model_im, r->model_im, r->n_points * sizeof (double));
  memcpy (d->res_re, r->res_re, r->n_points * sizeof (double));
  memcpy (d->res_im, r->res_im, r->n_points * sizeof (double));
  d->chi2 = r->chi2;
  d->reduced_chi2 = r->reduced_chi2;
  d->dof = r->dof;
  d->aic = r->aic;
  d->bic = r->bic;
  d->runs_z = r->runs_z;
  d->iterations = r->iterations;
  d->n_starts = r->n_starts;
  d->status = r->status;
  memcpy (d->message, r->message, sizeof d->message);
  d->weighting = r->weighting;
  return d;
}

int
eis_project_spectrum_set_fit (EisProjectSpectrum *s, const char *circuit_text,
                              const EisFitResult *r, const char *why)
{
  EisFitResult *d = r ? eis_fit_result_dup (r) : NULL;

  if (r && !d)
    return EIS_ERR_NOMEM;
  if (eis_project_set_string (&s->fit_circuit, r ? circuit_text : "") != EIS_OK
      || eis_project_set_string (&s->fit_why, r ? why : "") != EIS_OK)
    {
      eis_fit_result_free (d);
      return EIS_ERR_NOMEM;
    }
  eis_fit_result_free (s->fit);
  s->fit = d;
  return EIS_OK;
}

int
eis_project_append_file (EisProject *dst, const EisProject *src, size_t fi)
{
  const EisProjectFile *sf = &src->files[fi];
  EisProjectFile *df = eis_project_add_file (dst);
  size_t to = dst->n_files - 1;

  if (!df)
    return EIS_ERR_NOMEM;
  if (eis_project_set_string (&df->path, sf->absolute_path[0] ? sf->absolute_path : sf->path)
      || eis_project_set_string (&df->absolute_path, sf->absolute_path)
      || eis_project_set_string (&df->thickness, sf->thickness)
      || eis_project_set_string (&df->diameter, sf->diameter)
      || eis_project_set_string (&df->area, sf->area) || eis_project_set_string (&df->cell, sf->cell)
      || eis_project_set_string (&df->leads, sf->leads ? sf->leads : "")
      || eis_project_set_string (&df->geometry_note, sf->geometry_note))
    return EIS_ERR_NOMEM;
  df->size = sf->size;
  memcpy (df->sha256, sf->sha256, sizeof df->sha256);
  for (size_t k = 0; k < src->n_spectra; k++)
    {
      const EisProjectSpectrum *ss = &src->spectra[k];
      EisProjectSpectrum *ds;

      if (ss->file != fi)
        continue;
      if (!(ds = eis_project_add_spectrum (dst)))
        return EIS_ERR_NOMEM;
      ds->file = to;
      ds->index = ss->index;
      ds->temperature_k = ss->temperature_k;
      ds->weighting = ss->weighting;
      ds->f_min_hz = ss->f_min_hz;
      ds->f_max_hz = ss->f_max_hz;
      if (eis_project_set_string (&ds->temperature_source, ss->temperature_source)
          || eis_project_set_string (&ds->label, ss->label)
          || eis_project_set_string (&ds->circuit, ss->circuit)
          || eis_project_spectrum_set_params (ds, ss->n_params)
          || eis_project_spectrum_set_fit (ds, ss->fit_circuit, ss->fit, ss->fit_why))
        return EIS_ERR_NOMEM;
      for (size_t i = 0; i < ss->n_params; i++)
        {
          if (eis_project_set_string (&ds->params[i].name, ss->params[i].name))
            return EIS_ERR_NOMEM;
          ds->params[i].start = ss->params[i].start;
          ds->params[i].fixed = ss->params[i].fixed;
          ds->params[i].lower = ss->params[i].lower;
          ds->params[i].upper = ss->params[i].upper;
        }
      ds->exclude = calloc (ss->n_exclude + 1, sizeof *ds->exclude);
      ds->exclude_points = calloc (ss->n_exclude_points + 1, sizeof (size_t));
      if (!ds->exclude || !ds->exclude_points)
        return EIS_ERR_NOMEM;
      if (ss->n_exclude)
        memcpy (ds->exclude, ss->exclude, ss->n_exclude * sizeof *ds->exclude);
      if (ss->n_exclude_points)
        memcpy (ds->exclude_points, ss->exclude_points, ss->n_exclude_points * sizeof (size_t));
      ds->n_exclude = ss->n_exclude;
      ds->n_exclude_points = ss->n_exclude_points;
    }
  return EIS_OK;
}

/* ---------------------------------------------------------------- writing */

typedef EisTextBuf Buf;

/* A value escaped as GKeyFile does: \n \t \r \\, and a leading space as \s. */
static void
buf_value (Buf *b, const char *v)
{
  for (const char *c = v; *c; c++)
    switch (*c)
      {
      case '\n': eis_text_buf_printf (b, "\\n"); break;
      case '\t': eis_text_buf_printf (b, "\\t"); break;
      case '\r': eis_text_buf_printf (b, "\\r"); break;
      case '\\': eis_text_buf_printf (b, "\\\\"); break;
      case ' ':
        eis_text_buf_printf (b, c == v ? "\\s" : " ");
        break;
      default: eis_text_buf_printf (b, "%c", *c);
      }
}

static void
buf_key_string (Buf *b, const char *key, const char *v)
{
  eis_text_buf_printf (b, "%s=", key);
  buf_value (b, v ? v : "");
  eis_text_buf_printf (b, "\n");
}

/* The shortest text that reads back as X exactly ("nan", "inf", "-inf" for those). */
static void
buf_number (Buf *b, double x)
{
  char t[40];

  if (isnan (x))
    {
      eis_text_buf_printf (b, "nan");
      return;
    }
  if (isinf (x))
    {
      eis_text_buf_printf (b, x > 0 ? "inf" : "-inf");
      return;
    }
  for (int prec = 6; prec <= 17; prec++)
    {
      snprintf (t, sizeof t, "%.*g", prec, x);
      if (eis_strtod (t, NULL) == x)
        break;
    }
  eis_text_buf_printf (b, "%s", t);
}

static void
buf_key_number (Buf *b, const char *key, double x)
{
  eis_text_buf_printf (b, "%s=", key);
  buf_number (b, x);
  eis_text_buf_printf (b, "\n");
}

/* PATH relative to DIR when it lies inside DIR, else PATH itself (borrowed). */
static const char *
relative_to (const char *path, const char *dir)
{
  size_t n = dir ? strlen (dir) : 0;

  while (n > 1 && dir[n - 1] == '/')
    n--;
  if (n && path[0] == '/' && strncmp (path, dir, n) == 0 && path[n] == '/')
    return path + n + 1;
  return path;
}

static void
write_spectrum (Buf *b, const EisProject *p, size_t k)
{
  const EisProjectSpectrum *s = &p->spectra[k];

  eis_text_buf_printf (b, "\n[spectrum %zu]\n", k + 1);
  eis_text_buf_printf (b, "file=%zu\n", s->file + 1);
  eis_text_buf_printf (b, "number=%d\n", s->index + 1);
  /* a temperature no Arrhenius fit takes (a file name's "6000K") is not kept: the project
   * could not be read back */
  buf_key_number (b, "temperature-K", eis_project_temperature_ok (s->temperature_k)
                  ? s->temperature_k : NAN);
  buf_key_string (b, "temperature-source", s->temperature_source);
  if (s->label[0])
    buf_key_string (b, "label", s->label);
  buf_key_string (b, "circuit", s->circuit);
  eis_text_buf_printf (b, "weighting=%s\n", eis_weighting_name (s->weighting));
  buf_key_number (b, "fmin-Hz", s->f_min_hz);
  buf_key_number (b, "fmax-Hz", s->f_max_hz);
  eis_text_buf_printf (b, "exclude-Hz=");
  for (size_t i = 0; i < s->n_exclude; i++)
    {
      if (i)
        eis_text_buf_printf (b, ";");
      buf_number (b, s->exclude[i].lo_hz);
      eis_text_buf_printf (b, ":");
      buf_number (b, s->exclude[i].hi_hz);
    }
  eis_text_buf_printf (b, "\nexclude-points=");
  for (size_t i = 0; i < s->n_exclude_points; i++)
    eis_text_buf_printf (b, "%s%zu", i ? ";" : "", s->exclude_points[i]);
  eis_text_buf_printf (b, "\n");
  for (size_t i = 0; i < s->n_params; i++)
    {
      const EisProjectParam *q = &s->params[i];

      eis_text_buf_printf (b, "start.%s=", q->name);
      if (isnan (q->start))
        eis_text_buf_printf (b, "auto");
      else
        buf_number (b, q->start);
      if (q->fixed)
        eis_text_buf_printf (b, " fixed");
      if (!isnan (q->lower))
        {
          eis_text_buf_printf (b, " min=");
          buf_number (b, q->lower);
        }
      if (!isnan (q->upper))
        {
          eis_text_buf_printf (b, " max=");
          buf_number (b, q->upper);
        }
      eis_text_buf_printf (b, "\n");
    }
  if (!s->fit)
    return;
  const EisFitResult *r = s->fit;
  EisCircuit *fc = NULL;
  EisError e = { 0 };
  if (eis_circuit_parse (s->fit_circuit, &fc, &e) != EIS_OK
      || eis_circuit_n_params (fc) != r->n_params)
    {
      eis_circuit_free (fc);
      fc = NULL;
    }
  buf_key_string (b, "fit.circuit", s->fit_circuit);
  buf_key_string (b, "fit.why", s->fit_why);
  eis_text_buf_printf (b, "fit.status=%s\n", eis_fit_status_name (r->status));
  buf_key_string (b, "fit.message", r->message);
  eis_text_buf_printf (b, "fit.weighting=%s\n", eis_weighting_name (r->weighting));
  eis_text_buf_printf (b, "fit.points=%zu\n", r->n_points);
  eis_text_buf_printf (b, "fit.iterations=%d\n", r->iterations);
  eis_text_buf_printf (b, "fit.starts=%d\n", r->n_starts);
  eis_text_buf_printf (b, "fit.dof=%ld\n", r->dof);
  buf_key_number (b, "fit.chi2", r->chi2);
  buf_key_number (b, "fit.reduced-chi2", r->reduced_chi2);
  buf_key_number (b, "fit.aic", r->aic);
  buf_key_number (b, "fit.bic", r->bic);
  buf_key_number (b, "fit.runs-z", r->runs_z);
  for (size_t i = 0; i < r->n_params; i++)
    {
      const char *name = fc ? eis_circuit_param_name (fc, i) : NULL;
      char own[32];

      if (!name)
        {
          snprintf (own, sizeof own, "p%zu", i + 1);
          name = own;
        }
      eis_text_buf_printf (b, "fit.%s=", name);
      buf_number (b, r->value[i]);
      eis_text_buf_printf (b, " ");
      buf_number (b, r->stderr_[i]);
      if (r->fixed[i])
        eis_text_buf_printf (b, " fixed");
      if (r->undetermined[i])
        eis_text_buf_printf (b, " undetermined");
      if (r->at_bound[i])
        eis_text_buf_printf (b, r->at_bound[i] < 0 ? " at-lower" : " at-upper");
      eis_text_buf_printf (b, "\n");
    }
  eis_text_buf_printf (b, "fit.correlation=");
  for (size_t i = 0; i < r->n_params * r->n_params; i++)
    {
      if (i)
        eis_text_buf_printf (b, ";");
      buf_number (b, r->corr[i]);
    }
  eis_text_buf_printf (b, "\n");
  eis_circuit_free (fc);
}

/* Numbers in the project file always use '.', whatever the program's locale. */
typedef struct {
  locale_t c, old;
} CLocale;

static void
c_locale_enter (CLocale *l)
{
  l->c = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  l->old = l->c ? uselocale (l->c) : (locale_t) 0;
}

static void
c_locale_leave (CLocale *l)
{
  if (l->c)
    {
      uselocale (l->old);
      freelocale (l->c);
    }
}

char *
eis_project_to_text (const EisProject *p, const char *project_dir, EisError *err)
{
  Buf b = { 0 };
  CLocale loc;

  c_locale_enter (&loc);
  eis_text_buf_printf (&b, "# An eisfit project: the files of a session and the fit of each spectrum\n"
                  "# (man eisfit, PROJECT FILES). eisfit-gtk opens it; eisfit --project refits it.\n"
                  "[project]\nformat=%s\n", EIS_PROJECT_FORMAT);
  buf_key_string (&b, "program", p->program);
  buf_key_string (&b, "circuit", p->circuit);
  eis_text_buf_printf (&b, "selected=");
  for (size_t i = 0; i < p->n_selected; i++)
    eis_text_buf_printf (&b, "%s%zu", i ? ";" : "", p->selected[i] + 1);
  eis_text_buf_printf (&b, "\n");
  for (size_t i = 0; i < p->n_files; i++)
    {
      const EisProjectFile *f = &p->files[i];

      eis_text_buf_printf (&b, "\n[file %zu]\n", i + 1);
      buf_key_string (&b, "path", relative_to (f->path, project_dir));
      buf_key_string (&b, "absolute-path", f->absolute_path[0] ? f->absolute_path : f->path);
      eis_text_buf_printf (&b, "size=%llu\n", f->size);
      buf_key_string (&b, "sha256", f->sha256);
      buf_key_string (&b, "thickness", f->thickness);
      buf_key_string (&b, "diameter", f->diameter);
      buf_key_string (&b, "area", f->area);
      buf_key_string (&b, "cell", f->cell);
      if (f->leads && f->leads[0])
        buf_key_string (&b, "leads", f->leads);
      if (f->geometry_note[0])
        buf_key_string (&b, "geometry-note", f->geometry_note);
    }
  for (size_t k = 0; k < p->n_spectra; k++)
    write_spectrum (&b, p, k);
  if (p->have_transference)
    {
      const EisProjectTransference *t = &p->transference;

      eis_text_buf_printf (&b, "\n[transference]\n");
      eis_text_buf_printf (&b, "series-file=%zu\n", t->series_file);
      eis_text_buf_printf (&b, "series-number=%d\n", t->series_index + 1);
      eis_text_buf_printf (&b, "before=%zu\nafter=%zu\n", t->before, t->after);
      buf_key_string (&b, "dV-mV", t->dv);
      buf_key_string (&b, "R_b", t->r_b);
      buf_key_string (&b, "R0", t->r0);
      buf_key_string (&b, "R_ss", t->r_ss);
      buf_key_string (&b, "method", t->method);
      buf_key_string (&b, "i0", t->i0);
      buf_key_string (&b, "spike-window", t->spike_window);
      buf_key_string (&b, "interface-arcs", t->interface_arcs);
      eis_text_buf_printf (&b, "during=");
      for (size_t i = 0; i < t->n_during; i++)
        eis_text_buf_printf (&b, "%s%zu", i ? ";" : "", t->during[i]);
      eis_text_buf_printf (&b, "\n");
    }
  if (p->have_series)
    {
      const EisProjectSeries *se = &p->series;

      eis_text_buf_printf (&b, "\n[series]\nspectra=");
      for (size_t i = 0; i < se->n_spectra; i++)
        eis_text_buf_printf (&b, "%s%zu", i ? ";" : "", se->spectra[i]);
      eis_text_buf_printf (&b, "\n");
      buf_key_string (&b, "order", se->order);
      buf_key_string (&b, "circuit", se->circuit);
      buf_key_string (&b, "shared", se->shared);
      buf_key_string (&b, "law", se->law);
      eis_text_buf_printf (&b, "adopted=%s\n", se->adopted ? "true" : "false");
    }
  c_locale_leave (&loc);
  if (b.failed)
    {
      free (b.data);
      eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      return NULL;
    }
  return b.data;
}

int
eis_project_write (const EisProject *p, const char *path, EisError *err)
{
  char *dir = strdup (path), *slash;
  char *text;
  EisOutputFile *o = NULL;
  int st;

  if (!dir)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  slash = strrchr (dir, '/');
  if (slash)
    *slash = '\0';
  else
    {
      free (dir);
      dir = NULL;
    }
  text = eis_project_to_text (p, dir, err);
  free (dir);
  if (!text)
    return err ? err->code : EIS_ERR_NOMEM;
  st = eis_output_file_open (path, 1, &o, err);
  if (st == EIS_OK)
    st = eis_output_file_write (o, text, strlen (text), err);
  if (st == EIS_OK)
    st = eis_output_file_commit (o, err);
  else
    eis_output_file_abort (o);
  free (text);
  return st;
}

/* ---------------------------------------------------------------- reading */

typedef struct {
  const char *name;   /* the project file, for messages */
  size_t line;
  EisError *err;
} Ctx;

static int ctx_error (Ctx *x, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static int
ctx_error (Ctx *x, const char *fmt, ...)
{
  char msg[900];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  return eis_error_set (x->err, EIS_ERR_FORMAT, "%s:%zu: %s", x->name, x->line, msg);
}

/* Undoes buf_value's escapes in place; -1 on an unknown escape. */
static int
unescape (char *v)
{
  char *d = v;

  for (char *c = v; *c; c++)
    {
      if (*c != '\\')
        {
          *d++ = *c;
          continue;
        }
      switch (*++c)
        {
        case 'n': *d++ = '\n'; break;
        case 't': *d++ = '\t'; break;
        case 'r': *d++ = '\r'; break;
        case 's': *d++ = ' '; break;
        case '\\': *d++ = '\\'; break;
        default: return -1;
        }
    }
  *d = '\0';
  return 0;
}

/* A number as the project writes one (buf_number): decimal, the whole of TEXT, or "nan"
 * (none) and, where INF_OK, "inf" or "-inf"; a C hexadecimal float ("0x1p3"), another
 * spelling ("NaN", "infinity") or trailing junk is no number (eis_number_parse_all). */
static int
project_number (const char *text, int inf_ok, double *out)
{
  if (strcmp (text, "nan") == 0)
    {
      *out = NAN;
      return 0;
    }
  if (inf_ok && (strcmp (text, "inf") == 0 || strcmp (text, "-inf") == 0))
    {
      *out = text[0] == '-' ? -INFINITY : INFINITY;
      return 0;
    }
  return eis_number_parse_all (text, out);
}

/* A number, the whole of TEXT ("nan": none); "" gives DEFAULT_. */
static int
parse_number (Ctx *x, const char *key, const char *text, double default_, double *out)
{
  if (!*text)
    {
      *out = default_;
      return EIS_OK;
    }
  if (project_number (text, 0, out) != 0)
    return ctx_error (x, "%s=%s: expected a number (decimal, as eisfit-gtk writes it; nan: "
                      "none)", key, text);
  return EIS_OK;
}

static int
parse_count (Ctx *x, const char *key, const char *text, long min, long max, long *out)
{
  char *end;

  errno = 0;
  *out = strtol (text, &end, 10);
  if (end == text || *end || errno || *out < min || *out > max)
    return ctx_error (x, "%s=%s: expected a whole number from %ld to %ld", key, text, min, max);
  return EIS_OK;
}

static int
parse_weighting (Ctx *x, const char *key, const char *text, EisWeighting *w)
{
  int v = eis_weighting_parse (text);

  if (v < 0)
    return ctx_error (x, "%s=%s: expected proportional, unit, modulus or component", key, text);
  *w = (EisWeighting) v;
  return EIS_OK;
}

/* "3;17;51": 1-based numbers. */
static int
parse_list (Ctx *x, const char *key, char *text, size_t **out, size_t *n)
{
  size_t cap = 1;

  for (const char *c = text; *c; c++)
    cap += *c == ';';
  *out = calloc (cap, sizeof **out);
  *n = 0;
  if (!*out)
    return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
  for (char *tok = strtok (text, ";"); tok; tok = strtok (NULL, ";"))
    {
      long v;
      int st = parse_count (x, key, tok, 1, 100000000L, &v);

      if (st)
        return st;
      (*out)[(*n)++] = (size_t) v;
    }
  return EIS_OK;
}

/* One word after another, separated by spaces. */
static char *
next_word (char **p)
{
  char *w;

  while (**p == ' ')
    (*p)++;
  if (!**p)
    return NULL;
  w = *p;
  while (**p && **p != ' ')
    (*p)++;
  if (**p)
    *(*p)++ = '\0';
  return w;
}

/* A number that is one word W of KEY's value (TEXT is the number part of W); "inf" only
 * where INF_OK (a standard error: none known). */
static int
parse_word_number (Ctx *x, const char *key, const char *w, const char *text, int inf_ok,
                   double *out)
{
  if (!*text || project_number (text, inf_ok, out) != 0)
    return ctx_error (x, "%s: \"%s\": expected a number", key, w);
  return EIS_OK;
}

/* "start.NAME=auto|V [fixed] [min=LO] [max=HI]". */
static int
parse_start (Ctx *x, const char *key, char *value, EisProjectParam *q)
{
  char *p = value, *w = next_word (&p);
  int st;

  if (!w)
    return ctx_error (x, "%s: expected a starting value or \"auto\"", key);
  if (strcmp (w, "auto") == 0)
    q->start = NAN;
  else if ((st = parse_word_number (x, key, w, w, 0, &q->start)) != EIS_OK)
    return st;
  else if (!isfinite (q->start))
    return ctx_error (x, "%s: \"%s\": expected a finite starting value or \"auto\"", key, w);
  while ((w = next_word (&p)))
    {
      if (strcmp (w, "fixed") == 0)
        q->fixed = 1;
      else if (strncmp (w, "min=", 4) == 0 || strncmp (w, "max=", 4) == 0)
        {
          double *b = w[1] == 'i' ? &q->lower : &q->upper;

          if ((st = parse_word_number (x, key, w, w + 4, 0, b)))
            return st;
          /* no bound is written as none: "min=nan" or "max=inf" is a damaged file */
          if (!isfinite (*b))
            return ctx_error (x, "%s: \"%s\": expected a finite bound", key, w);
        }
      else
        return ctx_error (x, "%s: \"%s\": expected fixed, min=VALUE or max=VALUE", key, w);
    }
  if (q->fixed && isnan (q->start))
    return ctx_error (x, "%s: a fixed parameter needs a value, not \"auto\"", key);
  if (!isnan (q->lower) && !isnan (q->upper) && !(q->lower < q->upper))
    return ctx_error (x, "%s: min=%g is not below max=%g", key, q->lower, q->upper);
  return EIS_OK;
}

/* A fitted parameter read before the result can be built. */
typedef struct {
  char *name;
  double value, se;
  int fixed, undetermined, at_bound;
  size_t line;
} FitParam;

/* What a [spectrum N] group holds beyond EisProjectSpectrum while it is read. */
typedef struct {
  int have_fit;
  size_t n_fp;
  FitParam *fp;
  double *corr;
  size_t n_corr;
  size_t corr_line;
  EisFitResult scalars;  /* chi2 ... (its arrays unused) */
  size_t chi2_line, reduced_line, aic_line, bic_line, dof_line, status_line, message_line;
  long points;
  int have_file, have_number;
  size_t circuit_line;
} SpectrumExtra;

static void
extra_clear (SpectrumExtra *e)
{
  for (size_t i = 0; i < e->n_fp; i++)
    free (e->fp[i].name);
  free (e->fp);
  free (e->corr);
  memset (e, 0, sizeof *e);
}

static int
parse_fit_param (Ctx *x, const char *key, char *value, SpectrumExtra *e)
{
  FitParam *n = realloc (e->fp, (e->n_fp + 1) * sizeof *n);
  char *p = value, *w;
  int st;

  if (!n)
    return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
  e->fp = n;
  FitParam *q = &n[e->n_fp];
  memset (q, 0, sizeof *q);
  q->name = strdup (key + 4);
  if (!q->name)
    return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
  e->n_fp++;
  q->line = x->line;
  for (size_t i = 0; i + 1 < e->n_fp; i++)
    if (strcmp (e->fp[i].name, q->name) == 0)
      return ctx_error (x, "%s given twice (also on line %zu)", key, e->fp[i].line);
  w = next_word (&p);
  if (!w || (st = parse_word_number (x, key, w, w, 0, &q->value)))
    return w ? st : ctx_error (x, "%s: expected the fitted value and its standard error", key);
  w = next_word (&p);
  if (!w || (st = parse_word_number (x, key, w, w, 1, &q->se)))
    return w ? st : ctx_error (x, "%s: expected the fitted value and its standard error", key);
  while ((w = next_word (&p)))
    if (strcmp (w, "fixed") == 0)
      q->fixed = 1;
    else if (strcmp (w, "undetermined") == 0)
      q->undetermined = 1;
    else if (strcmp (w, "at-lower") == 0)
      q->at_bound = -1;
    else if (strcmp (w, "at-upper") == 0)
      q->at_bound = 1;
    else
      return ctx_error (x, "%s: \"%s\": expected fixed, undetermined, at-lower or at-upper",
                        key, w);
  return EIS_OK;
}

static int
parse_status (Ctx *x, const char *key, const char *text, EisFitStatus *s)
{
  for (int i = EIS_FIT_CONVERGED; i <= EIS_FIT_FAILED; i++)
    if (strcmp (text, eis_fit_status_name ((EisFitStatus) i)) == 0)
      {
        *s = (EisFitStatus) i;
        return EIS_OK;
      }
  return ctx_error (x, "%s=%s: expected converged, iteration limit reached, stalled or failed",
                    key, text);
}

static int
spectrum_key (Ctx *x, EisProjectSpectrum *s, SpectrumExtra *e, const char *key, char *value)
{
  long v;
  int st = EIS_OK;

  if (strcmp (key, "file") == 0)
    {
      if ((st = parse_count (x, key, value, 1, 1000000L, &v)) == EIS_OK)
        s->file = (size_t) v - 1;
      e->have_file = 1;
    }
  else if (strcmp (key, "number") == 0)
    {
      if ((st = parse_count (x, key, value, 1, 1000000L, &v)) == EIS_OK)
        s->index = (int) v - 1;
      e->have_number = 1;
    }
  else if (strcmp (key, "temperature-K") == 0)
    {
      st = parse_number (x, key, value, NAN, &s->temperature_k);
      if (st == EIS_OK && !(isnan (s->temperature_k) || eis_project_temperature_ok (s->temperature_k)))
        st = ctx_error (x, "%s=%s: expected a temperature from %g to %g K (or nan: unknown), as "
                        "eisfit arrhenius --at takes", key, value, EIS_PROJECT_T_MIN_K,
                        EIS_PROJECT_T_MAX_K);
    }
  else if (strcmp (key, "temperature-source") == 0)
    st = eis_project_set_string (&s->temperature_source, value);
  else if (strcmp (key, "label") == 0)
    st = eis_project_set_string (&s->label, value);
  else if (strcmp (key, "circuit") == 0)
    {
      if (*value)
        {
          EisCircuit *c = NULL;
          EisCircuitSettings inl;
          EisError ce = { 0 };

          if (eis_circuit_parse_inline (value, &c, &inl, &ce) != EIS_OK)
            return ctx_error (x, "circuit=%s: %s", value, ce.message);
          eis_circuit_settings_clear (&inl);
          eis_circuit_free (c);
        }
      e->circuit_line = x->line;
      st = eis_project_set_string (&s->circuit, value);
    }
  else if (strcmp (key, "weighting") == 0)
    st = parse_weighting (x, key, value, &s->weighting);
  else if (strcmp (key, "fmin-Hz") == 0 || strcmp (key, "fmax-Hz") == 0)
    {
      double *f = key[1] == 'm' && key[2] == 'i' ? &s->f_min_hz : &s->f_max_hz;

      st = parse_number (x, key, value, 0, f);
      if (st == EIS_OK && !(*f >= 0 && isfinite (*f)))
        st = ctx_error (x, "%s=%s: expected a frequency in Hz, 0 or more (0: no limit)", key,
                        value);
      if (st == EIS_OK && s->f_min_hz > 0 && s->f_max_hz > 0 && s->f_min_hz >= s->f_max_hz)
        st = ctx_error (x, "%s=%s: fmin-Hz (%g) must be below fmax-Hz (%g)", key, value,
                        s->f_min_hz, s->f_max_hz);
    }
  else if (strcmp (key, "exclude-Hz") == 0)
    {
      size_t cap = 1;

      for (const char *c = value; *c; c++)
        cap += *c == ';';
      free (s->exclude);
      s->n_exclude = 0;
      s->exclude = calloc (cap, sizeof *s->exclude);
      if (!s->exclude)
        return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
      for (char *tok = strtok (value, ";"); tok && st == EIS_OK; tok = strtok (NULL, ";"))
        {
          char *colon = strchr (tok, ':');
          EisFreqRange *r = &s->exclude[s->n_exclude];

          if (!colon)
            return ctx_error (x, "%s: \"%s\": expected LOW:HIGH in Hz", key, tok);
          *colon = '\0';
          if ((st = parse_number (x, key, tok, NAN, &r->lo_hz)) == EIS_OK
              && (st = parse_number (x, key, colon + 1, NAN, &r->hi_hz)) == EIS_OK
              && !(r->lo_hz > 0 && r->hi_hz >= r->lo_hz && isfinite (r->hi_hz)))
            st = ctx_error (x, "%s: \"%s:%s\": expected 0 < LOW <= HIGH", key, tok, colon + 1);
          s->n_exclude++;
        }
    }
  else if (strcmp (key, "exclude-points") == 0)
    {
      s->exclude_points_line = x->line;
      free (s->exclude_points);
      st = parse_list (x, key, value, &s->exclude_points, &s->n_exclude_points);
    }
  else if (strncmp (key, "start.", 6) == 0 && key[6])
    {
      for (size_t i = 0; i < s->n_params; i++)
        if (strcmp (s->params[i].name, key + 6) == 0)
          return ctx_error (x, "%s given twice", key);
      EisProjectParam *n = realloc (s->params, (s->n_params + 1) * sizeof *n);
      if (!n)
        return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
      s->params = n;
      EisProjectParam *q = &n[s->n_params];
      memset (q, 0, sizeof *q);
      q->start = q->lower = q->upper = NAN;
      q->name = strdup (key + 6);
      if (!q->name)
        return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
      s->n_params++;
      q->line = x->line;
      st = parse_start (x, key, value, q);
    }
  else if (strncmp (key, "fit.", 4) == 0 && key[4])
    {
      const char *k = key + 4;

      e->have_fit = 1;
      if (strcmp (k, "circuit") == 0)
        st = eis_project_set_string (&s->fit_circuit, value);
      else if (strcmp (k, "why") == 0)
        st = eis_project_set_string (&s->fit_why, value);
      else if (strcmp (k, "status") == 0)
        {
          e->status_line = x->line;
          st = parse_status (x, key, value, &e->scalars.status);
        }
      else if (strcmp (k, "message") == 0)
        {
          e->message_line = x->line;
          snprintf (e->scalars.message, sizeof e->scalars.message, "%s", value);
        }
      else if (strcmp (k, "weighting") == 0)
        st = parse_weighting (x, key, value, &e->scalars.weighting);
      else if (strcmp (k, "points") == 0)
        st = parse_count (x, key, value, 1, 100000000L, &e->points);
      else if (strcmp (k, "iterations") == 0)
        {
          if ((st = parse_count (x, key, value, 0, 100000000L, &v)) == EIS_OK)
            e->scalars.iterations = (int) v;
        }
      else if (strcmp (k, "starts") == 0)
        {
          if ((st = parse_count (x, key, value, 0, 100000000L, &v)) == EIS_OK)
            e->scalars.n_starts = (int) v;
        }
      else if (strcmp (k, "dof") == 0)
        {
          e->dof_line = x->line;
          st = parse_count (x, key, value, -100000000L, 100000000L, &e->scalars.dof);
        }
      else if (strcmp (k, "chi2") == 0)
        {
          e->chi2_line = x->line;
          st = parse_number (x, key, value, NAN, &e->scalars.chi2);
        }
      else if (strcmp (k, "reduced-chi2") == 0)
        {
          e->reduced_line = x->line;
          st = parse_number (x, key, value, NAN, &e->scalars.reduced_chi2);
        }
      else if (strcmp (k, "aic") == 0)
        {
          e->aic_line = x->line;
          st = parse_number (x, key, value, NAN, &e->scalars.aic);
        }
      else if (strcmp (k, "bic") == 0)
        {
          e->bic_line = x->line;
          st = parse_number (x, key, value, NAN, &e->scalars.bic);
        }
      else if (strcmp (k, "runs-z") == 0)
        {
          /* -inf: every residual of one sign (pattern_z) */
          if (!*value)
            e->scalars.runs_z = NAN;
          else if (project_number (value, 1, &e->scalars.runs_z) != 0)
            st = ctx_error (x, "%s=%s: expected a number (nan: none; -inf: every residual of "
                            "one sign)", key, value);
        }
      else if (strcmp (k, "correlation") == 0)
        {
          size_t cap = 1;

          for (const char *c = value; *c; c++)
            cap += *c == ';';
          free (e->corr);
          e->n_corr = 0;
          e->corr_line = x->line;
          e->corr = calloc (cap, sizeof *e->corr);
          if (!e->corr)
            return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
          for (char *tok = strtok (value, ";"); tok && st == EIS_OK; tok = strtok (NULL, ";"))
            st = parse_number (x, key, tok, NAN, &e->corr[e->n_corr++]);
        }
      else
        st = parse_fit_param (x, key, value, e);
    }
  else
    st = ctx_error (x, "unknown key \"%s\" in a [spectrum] group", key);
  return st;
}

int
eis_project_temperature_ok (double T_K)
{
  return T_K >= EIS_PROJECT_T_MIN_K && T_K <= EIS_PROJECT_T_MAX_K;
}

/* The range of a saved positive parameter: far beyond any fit of impedances the importers
 * take (1e-30 to 1e30 Ohm), near enough that sigma, C_eff and the rest stay normal numbers. */
#define SAVED_MIN 1e-200
#define SAVED_MAX 1e200

/* Refuses a saved fit no fit can have given (hand-edited or damaged): a fitted value that is not
 * finite, a positive parameter (R, C, Q, L ...) at or below 0 or beyond SAVED_MIN to
 * SAVED_MAX, an exponent (CPE n, alpha) outside 0 to 1 (the fit's bounds), a negative
 * standard error (+inf and nan: none known), a correlation beyond -1 to 1, and, unless the
 * fit failed, a chi2 or reduced chi2 that is not a finite number >= 0, a negative dof, an AIC
 * or BIC that is not finite. A failed fit may hold nan (no start could be evaluated). Errors
 * name the key's line and what was expected. FC is the fitted circuit (E's parameters in its order). */
static int
saved_fit_check (Ctx *x, const EisProjectSpectrum *s, const SpectrumExtra *e, const EisCircuit *fc)
{
  size_t P = e->n_fp;
  int failed = e->scalars.status == EIS_FIT_FAILED;

  for (size_t i = 0; i < P; i++)
    {
      const FitParam *q = &e->fp[i];
      int exponent = eis_circuit_param_kind (fc, i) == EIS_PARAM_EXPONENT;

      x->line = q->line;
      if (isnan (q->value) && failed)
        ;
      else if (!isfinite (q->value))
        return ctx_error (x, "fit.%s=%g: expected a finite fitted value (nan only in a fit "
                          "whose status is failed)", q->name, q->value);
      else if (exponent && !(q->value >= 0 && q->value <= 1))
        return ctx_error (x, "fit.%s=%g: an exponent lies from 0 to 1", q->name, q->value);
      else if (!exponent && !(q->value > 0))
        return ctx_error (x, "fit.%s=%g: expected a value above 0 (a resistance, capacitance, "
                          "CPE coefficient or inductance is positive)", q->name, q->value);
      else if (!exponent && !(q->value >= SAVED_MIN && q->value <= SAVED_MAX))
        return ctx_error (x, "fit.%s=%g: expected a value from %g to %g (no fit of measured "
                          "impedances, 1e-30 to 1e30 Ohm, gives another; the quantities worked "
                          "out from it would overflow or underflow)", q->name, q->value,
                          SAVED_MIN, SAVED_MAX);
      if (!(isnan (q->se) || q->se >= 0))
        return ctx_error (x, "fit.%s: standard error %g: expected 0 or more (nan: not "
                          "determined)", q->name, q->se);
      /* an error of 0 is a fixed parameter's (reported "fixed", and a quantity worked out
       * from fixed values alone has no error): a free parameter has one unless the fit is
       * exact (chi2 0) */
      if (q->se == 0 && !q->fixed && !(e->scalars.chi2 == 0) && !(isnan (q->value) && failed))
        return ctx_error (x, "fit.%s: standard error 0 for a parameter not fixed: expected its "
                          "standard error (0 only with \"fixed\"; nan: not determined)",
                          q->name);
      /* beyond SAVED_MAX times the value no fit gives a finite error (the covariance would be
       * singular: nan); the quantities worked out from it would overflow */
      if (isfinite (q->se) && isfinite (q->value)
          && q->se > SAVED_MAX * fmax (1.0, fabs (q->value)))
        return ctx_error (x, "fit.%s: standard error %g: expected at most %g times the value "
                          "(nan: not determined)", q->name, q->se, SAVED_MAX);
    }
  x->line = e->corr_line ? e->corr_line : s->line;
  for (size_t i = 0; i < P * P; i++)
    {
      double c = e->corr[i];

      /* |c| may pass 1 by rounding, never by more */
      if (!(isnan (c) || fabs (c) <= 1 + 1e-9))
        return ctx_error (x, "fit.correlation: %g (row %zu, column %zu): a correlation lies "
                          "from -1 to 1 (nan: not determined)", c, i / P + 1, i % P + 1);
    }
  /* the status and the message are one fit's: "converged (...)" only with converged */
  const char *msg = e->scalars.message;
  int says_converged = strncmp (msg, "converged", 9) == 0;
  int says_not = strncmp (msg, "stopped at the iteration limit", 30) == 0
                 || strncmp (msg, "the solver could make no further progress", 41) == 0
                 || strncmp (msg, "the model could not be evaluated", 32) == 0;
  if ((says_converged && e->scalars.status != EIS_FIT_CONVERGED)
      || (says_not && e->scalars.status == EIS_FIT_CONVERGED))
    {
      x->line = e->status_line ? e->status_line : s->line;
      return ctx_error (x, "fit.status=%s, while fit.message= (line %zu) says \"%s\": the "
                        "two disagree (edited by hand?); expected fit.status=%s",
                        eis_fit_status_name (e->scalars.status), e->message_line, msg,
                        says_converged ? "converged" : "the message's");
    }
  if (failed)
    return EIS_OK;
  const EisFitResult *r = &e->scalars;
  const char *status = eis_fit_status_name (r->status);
  x->line = e->dof_line ? e->dof_line : s->line;
  if (r->dof < 0)
    return ctx_error (x, "fit.dof=%ld: expected 0 or more (2 x points - free parameters)",
                      r->dof);
  x->line = e->chi2_line ? e->chi2_line : s->line;
  if (!(isfinite (r->chi2) && r->chi2 >= 0))
    return ctx_error (x, "fit.chi2=%g: expected a finite number, 0 or more, in a fit whose "
                      "status is %s", r->chi2, status);
  x->line = e->reduced_line ? e->reduced_line : s->line;
  if (r->dof > 0 && !(isfinite (r->reduced_chi2) && r->reduced_chi2 >= 0))
    return ctx_error (x, "fit.reduced-chi2=%g: expected a finite number, 0 or more (chi2/dof), "
                      "in a fit whose status is %s", r->reduced_chi2, status);
  x->line = e->aic_line ? e->aic_line : s->line;
  if (!isfinite (r->aic))
    return ctx_error (x, "fit.aic=%g: expected a finite number in a fit whose status is %s",
                      r->aic, status);
  x->line = e->bic_line ? e->bic_line : s->line;
  if (!isfinite (r->bic))
    return ctx_error (x, "fit.bic=%g: expected a finite number in a fit whose status is %s",
                      r->bic, status);
  return EIS_OK;
}

/* Builds S's fit from what its group said (at the end of the group). */
static int
spectrum_finish (Ctx *x, EisProjectSpectrum *s, SpectrumExtra *e)
{
  x->line = s->line;
  if (!e->have_file || !e->have_number)
    return ctx_error (x, "[spectrum] without %s=", !e->have_file ? "file" : "number");
  if (s->circuit[0] && s->n_params)
    {
      EisCircuit *c = NULL;
      EisCircuitSettings inl;
      EisError ce = { 0 };

      if (eis_circuit_parse_inline (s->circuit, &c, &inl, &ce) != EIS_OK)
        return ctx_error (x, "circuit=%s: %s", s->circuit, ce.message); /* checked on its line */
      eis_circuit_settings_clear (&inl);
      for (size_t i = 0; i < s->n_params; i++)
        if (eis_circuit_param_index (c, s->params[i].name) < 0)
          {
            char names[512] = "";
            size_t used = 0;

            for (size_t j = 0; j < eis_circuit_n_params (c) && used < sizeof names - 40; j++)
              used += (size_t) snprintf (names + used, sizeof names - used, "%s%s", j ? ", " : "",
                                         eis_circuit_param_name (c, j));
            x->line = s->params[i].line;
            int st = ctx_error (x, "start.%s: the circuit %s (line %zu) has no parameter %s "
                                "(it has %s)", s->params[i].name, s->circuit, e->circuit_line,
                                s->params[i].name, names);
            eis_circuit_free (c);
            return st;
          }
      eis_circuit_free (c);
    }
  if (!e->have_fit)
    return EIS_OK;
  if (!s->fit_circuit[0] || e->n_fp == 0 || e->points == 0)
    return ctx_error (x, "the fit of this spectrum lacks %s", !s->fit_circuit[0] ? "fit.circuit="
                      : e->n_fp == 0 ? "its parameters (fit.NAME=VALUE STDERR)" : "fit.points=");
  size_t P = e->n_fp;
  EisCircuit *fc = NULL;
  EisError ce = { 0 };
  if (eis_circuit_parse (s->fit_circuit, &fc, &ce) != EIS_OK)
    return ctx_error (x, "fit.circuit=%s: %s", s->fit_circuit, ce.message);
  /* a parameter line removed or added (not only renamed) is named at its line */
  for (size_t i = 0; i < P; i++)
    if (eis_circuit_param_index (fc, e->fp[i].name) < 0)
      {
        x->line = e->fp[i].line;
        int st = ctx_error (x, "fit.%s: the fitted circuit %s has no parameter %s",
                            e->fp[i].name, s->fit_circuit, e->fp[i].name);
        eis_circuit_free (fc);
        return st;
      }
  for (size_t j = 0; j < eis_circuit_n_params (fc); j++)
    {
      size_t i;
      for (i = 0; i < P && strcmp (e->fp[i].name, eis_circuit_param_name (fc, j)) != 0; i++)
        ;
      if (i == P)
        {
          x->line = j < P ? e->fp[j].line : e->fp[P - 1].line;
          int st = ctx_error (x, "no fit.%s= line: the fit of %s needs fit.%s=VALUE STDERR "
                              "(the parameters of the circuit in order)",
                              eis_circuit_param_name (fc, j), s->fit_circuit,
                              eis_circuit_param_name (fc, j));
          eis_circuit_free (fc);
          return st;
        }
    }
  if (e->n_corr != P * P)
    {
      x->line = e->corr_line ? e->corr_line : s->line;
      eis_circuit_free (fc);
      return ctx_error (x, "fit.correlation: expected %zu numbers (%zu parameters squared), "
                        "found %zu", P * P, P, e->n_corr);
    }
  if (eis_circuit_n_params (fc) != P)
    {
      size_t nc = eis_circuit_n_params (fc);
      eis_circuit_free (fc);
      return ctx_error (x, "fit.circuit=%s has %zu parameters, the fit lists %zu", s->fit_circuit,
                        nc, P);
    }
  for (size_t i = 0; i < P; i++)
    if (strcmp (eis_circuit_param_name (fc, i), e->fp[i].name) != 0)
      {
        x->line = e->fp[i].line;
        int st = ctx_error (x, "fit.%s: expected fit.%s here (the parameters of %s in order)",
                            e->fp[i].name, eis_circuit_param_name (fc, i), s->fit_circuit);
        eis_circuit_free (fc);
        return st;
      }
  int vst = saved_fit_check (x, s, e, fc);
  eis_circuit_free (fc);
  if (vst != EIS_OK)
    return vst;
  EisFitResult *r = eis_fit_result_new (P, (size_t) e->points);
  if (!r)
    return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < P; i++)
    {
      r->value[i] = e->fp[i].value;
      r->stderr_[i] = e->fp[i].se;
      r->fixed[i] = e->fp[i].fixed;
      r->undetermined[i] = e->fp[i].undetermined;
      r->at_bound[i] = e->fp[i].at_bound;
    }
  memcpy (r->corr, e->corr, P * P * sizeof (double));
  r->chi2 = e->scalars.chi2;
  r->reduced_chi2 = e->scalars.reduced_chi2;
  r->dof = e->scalars.dof;
  r->aic = e->scalars.aic;
  r->bic = e->scalars.bic;
  r->runs_z = e->scalars.runs_z;
  r->iterations = e->scalars.iterations;
  r->n_starts = e->scalars.n_starts;
  r->status = e->scalars.status;
  memcpy (r->message, e->scalars.message, sizeof r->message);
  r->weighting = e->scalars.weighting;
  for (size_t i = 0; i < r->n_points; i++)
    r->freq_hz[i] = r->model_re[i] = r->model_im[i] = r->res_re[i] = r->res_im[i] = NAN;
  s->fit = r;
  return EIS_OK;
}

static int
file_key (Ctx *x, EisProjectFile *f, const char *key, const char *value)
{
  if (strcmp (key, "path") == 0)
    {
      if (!*value)
        return ctx_error (x, "path=: expected the data file's path");
      f->path_line = x->line;
      return eis_project_set_string (&f->path, value);
    }
  if (strcmp (key, "absolute-path") == 0)
    return eis_project_set_string (&f->absolute_path, value);
  if (strcmp (key, "size") == 0)
    {
      char *end;

      errno = 0;
      f->size = strtoull (value, &end, 10);
      if (end == value || *end || errno || *value == '-')
        return ctx_error (x, "size=%s: expected the file's size in bytes", value);
      return EIS_OK;
    }
  if (strcmp (key, "sha256") == 0)
    {
      size_t n = strlen (value);

      if (n != 0 && (n != 64 || strspn (value, "0123456789abcdef") != 64))
        return ctx_error (x, "sha256=%s: expected 64 lowercase hexadecimal digits", value);
      memcpy (f->sha256, value, n + 1);
      return EIS_OK;
    }
  if (strcmp (key, "thickness") == 0 || strcmp (key, "diameter") == 0)
    {
      double cm;
      int st = *value ? eis_parse_length_cm (value, &cm, NULL) : 0;

      if (st == -2)
        return ctx_error (x, "%s=%s: %s than 1 nm: no %s is (a unit slip?)", key, value,
                          key[0] == 't' ? "thinner" : "smaller",
                          key[0] == 't' ? "sample" : "electrode");
      if (st == EIS_PARSE_UNIT_ONE_SIDE)
        return ctx_error (x, "%s=%s: the value and its uncertainty are in different units, "
                          "one of them bare: write the unit on both, e.g. 0.6mm+-0.01mm", key,
                          value);
      if (st != 0)
        return ctx_error (x, "%s=%s: expected a length above 0 such as %s (or nothing)", key,
                          value, key[0] == 't' ? "0.6mm, 600um or 0.06cm" : "10mm or 1.0cm");
      return eis_project_set_string (key[0] == 't' ? &f->thickness : &f->diameter, value);
    }
  if (strcmp (key, "area") == 0)
    {
      double cm2;
      int st = *value ? eis_parse_area_cm2 (value, &cm2, NULL) : 0;

      if (st == -2)
        return ctx_error (x, "area=%s: smaller than 1 nm2: no electrode is (a unit slip?)",
                          value);
      if (st == EIS_PARSE_UNIT_ONE_SIDE)
        return ctx_error (x, "area=%s: the value and its uncertainty are in different units, "
                          "one of them bare: write the unit on both, e.g. 78.5mm2+-0.5mm2",
                          value);
      if (st != 0)
        return ctx_error (x, "area=%s: expected an area above 0 such as 0.785cm2 or 78.5mm2 "
                          "(or nothing)", value);
      return eis_project_set_string (&f->area, value);
    }
  if (strcmp (key, "cell") == 0)
    {
      if (*value && strcmp (value, "blocking") != 0 && strcmp (value, "li-symmetric") != 0
          && strcmp (value, "liquid") != 0)
        return ctx_error (x, "cell=%s: expected blocking, li-symmetric, liquid or nothing",
                          value);
      return eis_project_set_string (&f->cell, value);
    }
  if (strcmp (key, "leads") == 0)
    {
      /* as --leads: a resistance above 0, with an error of 0 or more if given */
      double ohm = NAN, se = NAN;
      if (*value && (eis_parse_resistance_ohm (value, &ohm, &se) != 0 || !(ohm > 0)
                     || !isfinite (ohm) || (!isnan (se) && !(se >= 0 && isfinite (se)))))
        return ctx_error (x, "leads=%s: expected a lead resistance above 0 such as 0.8ohm, "
                          "800mohm or 0.8ohm+-0.05ohm (or nothing)", value);
      f->leads_line = x->line;
      return eis_project_set_string (&f->leads, value);
    }
  if (strcmp (key, "geometry-note") == 0)
    return eis_project_set_string (&f->geometry_note, value);
  return ctx_error (x, "unknown key \"%s\" in a [file] group", key);
}

static int
project_key (Ctx *x, EisProject *p, const char *key, char *value, int *have_format)
{
  if (strcmp (key, "format") == 0)
    {
      if (strcmp (value, EIS_PROJECT_FORMAT) != 0)
        return ctx_error (x, "format=%s: this eisfit reads \"%s\" (a newer eisfit wrote it?)",
                          value, EIS_PROJECT_FORMAT);
      *have_format = 1;
      return EIS_OK;
    }
  if (strcmp (key, "program") == 0)
    return eis_project_set_string (&p->program, value);
  if (strcmp (key, "circuit") == 0)
    return eis_project_set_string (&p->circuit, value);
  if (strcmp (key, "selected") == 0)
    {
      free (p->selected);
      int st = parse_list (x, key, value, &p->selected, &p->n_selected);
      for (size_t i = 0; st == EIS_OK && i < p->n_selected; i++)
        p->selected[i]--;
      return st;
    }
  return ctx_error (x, "unknown key \"%s\" in [project]", key);
}

/* TEXT is a time >= 0 as the spike window is typed: "5", "5s", "2min", "0.5 h". */
static int
is_time (const char *text)
{
  const char *end;
  double v;

  if (eis_number_parse (text, &end, &v) != 0 || v < 0)
    return 0;
  while (*end == ' ')
    end++;
  return !*end || strcmp (end, "s") == 0 || strcmp (end, "min") == 0 || strcmp (end, "h") == 0;
}

static int
transference_key (Ctx *x, EisProjectTransference *t, const char *key, char *value)
{
  long v;
  int st;

  if (strcmp (key, "series-file") == 0)
    {
      t->series_file_line = x->line;
      if ((st = parse_count (x, key, value, 0, 1000000L, &v)) == EIS_OK)
        t->series_file = (size_t) v;
      return st;
    }
  if (strcmp (key, "series-number") == 0)
    {
      if ((st = parse_count (x, key, value, 1, 1000000L, &v)) == EIS_OK)
        t->series_index = (int) v - 1;
      return st;
    }
  if (strcmp (key, "before") == 0 || strcmp (key, "after") == 0)
    {
      *(key[0] == 'b' ? &t->before_line : &t->after_line) = x->line;
      if ((st = parse_count (x, key, value, 0, 100000000L, &v)) == EIS_OK)
        *(key[0] == 'b' ? &t->before : &t->after) = (size_t) v;
      return st;
    }
  /* (the typed numbers are kept as typed, as eisfit-gtk's entries hold them; eisfit checks
   * them with eis_project_transference_check) */
  if (strcmp (key, "dV-mV") == 0)
    {
      t->dv_line = x->line;
      return eis_project_set_string (&t->dv, value);
    }
  if (strcmp (key, "R_b") == 0)
    {
      t->r_b_line = x->line;
      return eis_project_set_string (&t->r_b, value);
    }
  if (strcmp (key, "R0") == 0)
    {
      t->r0_line = x->line;
      return eis_project_set_string (&t->r0, value);
    }
  if (strcmp (key, "R_ss") == 0)
    {
      t->r_ss_line = x->line;
      return eis_project_set_string (&t->r_ss, value);
    }
  if (strcmp (key, "method") == 0)
    {
      if (*value && eis_bv_method_parse (value) < 0)
        return ctx_error (x, "method=%s: expected bv, watanabe, ratio or nothing", value);
      return eis_project_set_string (&t->method, value);
    }
  if (strcmp (key, "i0") == 0)
    {
      if (*value && strcmp (value, "auto") != 0 && strcmp (value, "extrapolated") != 0
          && strcmp (value, "first") != 0 && strcmp (value, "calculated") != 0)
        return ctx_error (x, "i0=%s: expected auto, extrapolated, first, calculated or nothing",
                          value);
      return eis_project_set_string (&t->i0, value);
    }
  if (strcmp (key, "spike-window") == 0)
    {
      if (*value && !is_time (value))
        return ctx_error (x, "spike-window=%s: expected a time >= 0 such as 5s, 2min or 0 "
                             "(nothing: found from the data)", value);
      return eis_project_set_string (&t->spike_window, value);
    }
  if (strcmp (key, "interface-arcs") == 0)
    return eis_project_set_string (&t->interface_arcs, value);   /* checked against a fit */
  if (strcmp (key, "during") == 0)
    {
      t->during_line = x->line;
      free (t->during);
      t->during = NULL;
      return parse_list (x, key, value, &t->during, &t->n_during);
    }
  return ctx_error (x, "unknown key \"%s\" in [transference]", key);
}

static int
series_key (Ctx *x, EisProjectSeries *se, const char *key, char *value)
{
  if (strcmp (key, "spectra") == 0)
    {
      se->spectra_line = x->line;
      free (se->spectra);
      se->spectra = NULL;
      return parse_list (x, key, value, &se->spectra, &se->n_spectra);
    }
  if (strcmp (key, "order") == 0)
    {
      if (strcmp (value, "auto") != 0 && strcmp (value, "temperature") != 0
          && strcmp (value, "time") != 0 && strcmp (value, "index") != 0)
        return ctx_error (x, "order=%s: expected auto, temperature, time or index", value);
      se->order_line = x->line;
      return eis_project_set_string (&se->order, value);
    }
  if (strcmp (key, "circuit") == 0)
    {
      /* as eisfit series --circuit: a circuit that parses, or nothing (chosen by the BIC) */
      EisCircuit *c = NULL;
      EisError ce = { 0 };
      if (*value && eis_circuit_parse (value, &c, &ce) != EIS_OK)
        return ctx_error (x, "[series] circuit=%s: %s", value, ce.message);
      eis_circuit_free (c);
      se->circuit_line = x->line;
      return eis_project_set_string (&se->circuit, value);
    }
  if (strcmp (key, "shared") == 0)
    {
      se->shared_line = x->line;
      return eis_project_set_string (&se->shared, value);
    }
  if (strcmp (key, "law") == 0)
    {
      if (strcmp (value, "none") != 0 && strcmp (value, "arrhenius") != 0
          && strcmp (value, "vtf") != 0)
        return ctx_error (x, "law=%s: expected none, arrhenius or vtf", value);
      se->law_line = x->line;
      return eis_project_set_string (&se->law, value);
    }
  if (strcmp (key, "adopted") == 0)
    {
      if (strcmp (value, "true") != 0 && strcmp (value, "false") != 0)
        return ctx_error (x, "adopted=%s: expected true or false", value);
      se->adopted = value[0] == 't';
      return EIS_OK;
    }
  return ctx_error (x, "unknown key \"%s\" in [series]", key);
}

typedef enum { G_NONE, G_PROJECT, G_FILE, G_SPECTRUM, G_TRANSFERENCE, G_SERIES } GroupKind;

static int
parse_lines_into (Ctx *x, char *text, EisProject *p, SpectrumExtra *extra)
{
  GroupKind g = G_NONE;
  int have_format = 0, have_project = 0, st = EIS_OK;
  char *line = text, *next;

  for (x->line = 1; line && st == EIS_OK; line = next, x->line++)
    {
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      size_t n = strlen (line);
      if (n && line[n - 1] == '\r')
        line[--n] = '\0';
      char *c = line;
      while (*c == ' ' || *c == '\t')
        c++;
      if (!*c || *c == '#')
        continue;
      if (*c == '[')
        {
          char *end = strchr (c, ']'), *rest;
          unsigned long num;

          if (!end)
            return ctx_error (x, "\"%s\": a group name lacks its closing ']'", c);
          for (rest = end + 1; *rest == ' ' || *rest == '\t'; rest++)
            ;
          if (*rest)
            return ctx_error (x, "\"%s\": text after the group name", c);
          *end = '\0';
          c++;
          size_t here = x->line; /* spectrum_finish points its messages at the spectrum's lines */
          if (g == G_SPECTRUM && (st = spectrum_finish (x, &p->spectra[p->n_spectra - 1], extra)))
            return st;
          x->line = here;
          extra_clear (extra);
          if (strcmp (c, "project") == 0)
            {
              if (have_project)
                return ctx_error (x, "[project] given twice");
              have_project = 1;
              g = G_PROJECT;
            }
          else if (strcmp (c, "transference") == 0)
            {
              if (p->have_transference)
                return ctx_error (x, "[transference] given twice");
              p->have_transference = 1;
              p->transference.line = x->line;
              g = G_TRANSFERENCE;
            }
          else if (strcmp (c, "series") == 0)
            {
              if (p->have_series)
                return ctx_error (x, "[series] given twice");
              p->have_series = 1;
              p->series.line = x->line;
              g = G_SERIES;
            }
          else if (sscanf (c, "file %lu", &num) == 1 && strspn (c + 5, "0123456789") == strlen (c + 5))
            {
              if (num != p->n_files + 1)
                return ctx_error (x, "[%s]: expected [file %zu] (files are numbered in order)", c,
                                  p->n_files + 1);
              EisProjectFile *f = eis_project_add_file (p);
              if (!f)
                return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
              f->line = x->line;
              g = G_FILE;
            }
          else if (sscanf (c, "spectrum %lu", &num) == 1
                   && strspn (c + 9, "0123456789") == strlen (c + 9))
            {
              if (num != p->n_spectra + 1)
                return ctx_error (x, "[%s]: expected [spectrum %zu] (spectra are numbered in "
                                  "order)", c, p->n_spectra + 1);
              EisProjectSpectrum *s = eis_project_add_spectrum (p);
              if (!s)
                return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
              s->line = x->line;
              g = G_SPECTRUM;
            }
          else
            return ctx_error (x, "unknown group [%s] (expected [project], [file N], [spectrum N], "
                              "[transference] or [series])", c);
          continue;
        }
      char *eq = strchr (c, '=');
      if (!eq)
        return ctx_error (x, "\"%s\": expected KEY=VALUE or [GROUP]", c);
      char *kend = eq;
      while (kend > c && (kend[-1] == ' ' || kend[-1] == '\t'))
        kend--;
      *kend = '\0';
      char *value = eq + 1;
      while (*value == ' ' || *value == '\t')
        value++;
      if (!*c)
        return ctx_error (x, "\"=%s\": a value without a key", value);
      if (unescape (value) != 0)
        return ctx_error (x, "%s: an unknown escape (\\n, \\t, \\r, \\s and \\\\ are known)", c);
      switch (g)
        {
        case G_NONE:
          return ctx_error (x, "%s= before the first [group]", c);
        case G_PROJECT:
          st = project_key (x, p, c, value, &have_format);
          break;
        case G_FILE:
          st = file_key (x, &p->files[p->n_files - 1], c, value);
          break;
        case G_SPECTRUM:
          st = spectrum_key (x, &p->spectra[p->n_spectra - 1], extra, c, value);
          break;
        case G_TRANSFERENCE:
          st = transference_key (x, &p->transference, c, value);
          break;
        case G_SERIES:
          st = series_key (x, &p->series, c, value);
          break;
        }
    }
  if (st == EIS_OK && g == G_SPECTRUM)
    st = spectrum_finish (x, &p->spectra[p->n_spectra - 1], extra);
  extra_clear (extra);
  if (st)
    return st;
  x->line = 1;
  if (!have_project || !have_format)
    return ctx_error (x, "not an eisfit project: no [project] group with format=%s",
                      EIS_PROJECT_FORMAT);
  return EIS_OK;
}

/* A project refused inside a [spectrum] group (at one of its fit.* lines, or when the group
 * ends) leaves its half-read fit in EXTRA: freed here whatever way the reading stopped. */
static int
parse_lines (Ctx *x, char *text, EisProject *p)
{
  SpectrumExtra extra = { 0 };
  int st = parse_lines_into (x, text, p, &extra);

  extra_clear (&extra);
  return st;
}

/* Whether NAME is a parameter of the circuit TEXT (parsed here). */
static int
circuit_has_param (const char *text, const char *name)
{
  EisCircuit *c = NULL;
  EisError e = { 0 };
  if (eis_circuit_parse (text, &c, &e) != EIS_OK)
    return 0;
  int has = eis_circuit_param_index (c, name) >= 0;
  eis_circuit_free (c);
  return has;
}

/* [series] shared=: parameter names separated by commas, each one of the series' circuit or,
 * with the circuit chosen by the BIC, of one of the circuits it chooses among. */
static int
series_shared_check (Ctx *x, const EisProjectSeries *se)
{
  char *list = strdup (se->shared ? se->shared : "");
  int st = EIS_OK;
  if (!list)
    return eis_error_set (x->err, EIS_ERR_NOMEM, "out of memory");
  x->line = se->shared_line ? se->shared_line : se->line;
  for (char *save = NULL, *w = strtok_r (list, ", ", &save); w && st == EIS_OK;
       w = strtok_r (NULL, ", ", &save))
    {
      int has = 0;
      if (se->circuit && se->circuit[0])
        has = circuit_has_param (se->circuit, w);
      else
        {
          for (const char *const *c = eis_fit_default_circuits; *c && !has; c++)
            has = circuit_has_param (*c, w);
          for (const char *const *c = eis_fit_diffusion_circuits; *c && !has; c++)
            has = circuit_has_param (*c, w);
        }
      if (!has)
        st = se->circuit && se->circuit[0]
             ? ctx_error (x, "[series] shared=%s: the circuit %s (line %zu) has no parameter %s",
                          se->shared, se->circuit, se->circuit_line, w)
             : ctx_error (x, "[series] shared=%s: %s is a parameter of none of the circuits the "
                          "series chooses among (circuit= is empty: chosen by the BIC)",
                          se->shared, w);
    }
  free (list);
  return st;
}

/* References between groups: every spectrum's file, the selection, the transference. */
static int
check_references (Ctx *x, EisProject *p)
{
  for (size_t i = 0; i < p->n_files; i++)
    if (!p->files[i].path[0])
      {
        x->line = p->files[i].line;
        return ctx_error (x, "[file %zu] without path=", i + 1);
      }
  for (size_t k = 0; k < p->n_spectra; k++)
    {
      EisProjectSpectrum *s = &p->spectra[k];

      x->line = s->line;
      if (s->file >= p->n_files)
        return ctx_error (x, "[spectrum %zu]: file=%zu, but there %s %zu [file] group%s", k + 1,
                          s->file + 1, p->n_files == 1 ? "is" : "are", p->n_files,
                          p->n_files == 1 ? "" : "s");
      for (size_t j = 0; j < k; j++)
        if (p->spectra[j].file == s->file && p->spectra[j].index == s->index)
          return ctx_error (x, "[spectrum %zu] is spectrum #%d of file %zu again (as [spectrum "
                            "%zu])", k + 1, s->index + 1, s->file + 1, j + 1);
      if (s->fit && s->n_params && s->n_params != s->fit->n_params)
        return ctx_error (x, "[spectrum %zu]: %zu start. entries but %zu fitted parameters", k + 1,
                          s->n_params, s->fit->n_params);
    }
  x->line = 1;
  for (size_t i = 0; i < p->n_selected; i++)
    if (p->selected[i] >= p->n_spectra)
      return ctx_error (x, "selected: there is no [spectrum %zu]", p->selected[i] + 1);
  const EisProjectTransference *t = &p->transference;
  if (t->series_file > p->n_files)
    {
      x->line = t->series_file_line ? t->series_file_line : t->line ? t->line : 1;
      return ctx_error (x, "[transference] series-file=%zu: there %s %zu [file] group%s",
                        t->series_file, p->n_files == 1 ? "is" : "are", p->n_files,
                        p->n_files == 1 ? "" : "s");
    }
  for (int k = 0; k < 2; k++)
    {
      size_t v = k ? t->after : t->before;
      if (v > p->n_spectra)
        {
          size_t l = k ? t->after_line : t->before_line;
          x->line = l ? l : t->line ? t->line : 1;
          return ctx_error (x, "[transference] %s=%zu: there is no [spectrum %zu] (the project "
                            "has %zu)", k ? "after" : "before", v, v, p->n_spectra);
        }
    }
  for (size_t i = 0; i < t->n_during; i++)
    if (t->during[i] > p->n_spectra)
      {
        x->line = t->during_line ? t->during_line : t->line ? t->line : 1;
        return ctx_error (x, "[transference] during: there is no [spectrum %zu]", t->during[i]);
      }
  x->line = 1;
  if (p->have_series)
    {
      const EisProjectSeries *se = &p->series;
      x->line = se->spectra_line ? se->spectra_line : se->line ? se->line : 1;
      if (se->n_spectra < 2)
        {
          char one[32] = "";
          if (se->n_spectra == 1)
            snprintf (one, sizeof one, "%zu", se->spectra[0]);
          return ctx_error (x, "[series] spectra=%s: a series needs two or more spectra "
                            "(numbers of [spectrum] groups, separated by ';')", one);
        }
      for (size_t i = 0; i < se->n_spectra; i++)
        {
          if (se->spectra[i] > p->n_spectra)
            return ctx_error (x, "[series] spectra: there is no [spectrum %zu] (the project has "
                              "%zu)", se->spectra[i], p->n_spectra);
          for (size_t j = 0; j < i; j++)
            if (se->spectra[j] == se->spectra[i])
              return ctx_error (x, "[series] spectra: [spectrum %zu] given twice",
                                se->spectra[i]);
        }
      int st = series_shared_check (x, se);
      if (st != EIS_OK)
        return st;
    }
  return EIS_OK;
}

int
eis_project_parse (const char *name, const char *text, size_t len, EisProject **out,
                   EisError *err)
{
  Ctx x = { name, 0, err };
  EisProject *p;
  char *copy;
  CLocale loc;
  int st;

  *out = NULL;
  /* a UTF-8 byte order mark, which Windows editors (Notepad) write at the start */
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  if (memchr (text, '\0', len))
    return eis_error_set (err, EIS_ERR_FORMAT, "%s: not a text file (it holds NUL bytes)", name);
  p = eis_project_new ();
  copy = malloc (len + 1);
  if (!p || !copy)
    {
      free (copy);
      eis_project_free (p);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  memcpy (copy, text, len);
  copy[len] = '\0';
  c_locale_enter (&loc);
  st = parse_lines (&x, copy, p);
  c_locale_leave (&loc);
  if (st == EIS_OK)
    st = check_references (&x, p);
  free (copy);
  if (st != EIS_OK)
    {
      eis_project_free (p);
      return st;
    }
  *out = p;
  return EIS_OK;
}

#define PROJECT_MAX_BYTES (64u << 20)

static const char *not_a_file (const char *path);

int
eis_project_read (const char *path, EisProject **out, EisError *err)
{
  /* a folder or a FIFO (or device) is called what it is, and a FIFO never opened: a read of
   * one without a writer would wait for ever */
  const char *what = not_a_file (path);
  /* /dev/stdin, /dev/fd/0, /proc/self/fd/0: the paths in a project are relative to its
   * folder, which such a name does not give */
  if (strncmp (path, "/dev/", 5) == 0 || strncmp (path, "/proc/", 6) == 0)
    {
      *out = NULL;
      return eis_error_set (err, EIS_ERR_IO, "%s: a project is not read from standard input "
                            "or a device (the paths in it are relative to its folder, here "
                            "%s): give the project file", path,
                            strncmp (path, "/dev/", 5) == 0 ? "/dev" : "/proc");
    }
  if (what)
    {
      *out = NULL;
      return eis_error_set (err, EIS_ERR_IO, "%s %s (expected a project file, *.eisfit)", path,
                            strncmp (what, "is a directory", 14) == 0 ? "is a directory"
                            : what);
    }
  FILE *f = fopen (path, "rb");
  char *data = NULL;
  size_t len = 0, cap = 0, n;
  int st;

  *out = NULL;
  if (!f)
    return eis_error_set (err, EIS_ERR_IO, "%s: %s", path, strerror (errno));
  do
    {
      if (cap - len < 65536)
        {
          char *d = realloc (data, cap = cap * 2 + 65536);
          if (!d)
            {
              free (data);
              fclose (f);
              return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
            }
          data = d;
        }
      n = fread (data + len, 1, cap - len, f);
      len += n;
    }
  while (n > 0 && len <= PROJECT_MAX_BYTES);
  if (ferror (f) || len > PROJECT_MAX_BYTES)
    {
      int e = errno;
      fclose (f);
      free (data);
      if (len > PROJECT_MAX_BYTES)
        return eis_error_set (err, EIS_ERR_FORMAT, "%s: larger than %u MB: not a project file",
                              path, PROJECT_MAX_BYTES >> 20);
      return eis_error_set (err, EIS_ERR_IO, "%s: %s", path, strerror (e));
    }
  fclose (f);
  st = eis_project_parse (path, data, len, out, err);
  free (data);
  return st;
}

/* ---------------------------------------------------------------- files and fits */

static int
is_regular_file (const char *path)
{
  struct stat st;

  return stat (path, &st) == 0 && S_ISREG (st.st_mode);
}

/* What PATH is when it is not a regular file, for the user: NULL when nothing is there. */
static const char *
not_a_file (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return NULL;
  if (S_ISDIR (st.st_mode))
    return "is a directory, not a data file";
  if (S_ISFIFO (st.st_mode))
    return "is not a regular file (a FIFO): not read";
  if (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode))
    return "is not a regular file (a device): not read";
  if (S_ISSOCK (st.st_mode))
    return "is not a regular file (a socket): not read";
  return S_ISREG (st.st_mode) ? NULL : "is not a regular file: not read";
}

EisProjectFileState
eis_project_file_check (const EisProjectFile *f, const char *project_path, char **resolved,
                        char *why, size_t why_len)
{
  char *cand = NULL, hex[65];
  unsigned long long size = 0;
  EisError e = { 0 };

  *resolved = NULL;
  if (why && why_len)
    why[0] = '\0';
  if (f->path[0] == '/')
    cand = strdup (f->path);
  else
    {
      const char *slash = project_path ? strrchr (project_path, '/') : NULL;
      size_t dl = slash ? (size_t) (slash - project_path) : 0;

      cand = malloc (dl + strlen (f->path) + 2);
      if (cand)
        {
          if (slash)
            {
              memcpy (cand, project_path, dl);
              cand[dl] = '/';
              strcpy (cand + dl + 1, f->path);
            }
          else
            strcpy (cand, f->path);
        }
    }
  if (cand && !is_regular_file (cand) && f->absolute_path[0]
      && is_regular_file (f->absolute_path))
    {
      free (cand);
      cand = strdup (f->absolute_path);
    }
  if (!cand || !is_regular_file (cand) || eis_sha256_file (cand, hex, &size, &e) != EIS_OK)
    {
      const char *what = cand ? not_a_file (cand) : NULL;

      if (!why)
        ;
      else if (what)
        snprintf (why, why_len, "%s %s", f->path, what);
      else if (cand && is_regular_file (cand))
        snprintf (why, why_len, "%s cannot be read: %s", f->path, e.message);
      else
        snprintf (why, why_len, "%s is missing: not found there%s%s", f->path,
                  f->absolute_path[0] && strcmp (f->absolute_path, f->path) ? " nor at " : "",
                  f->absolute_path[0] && strcmp (f->absolute_path, f->path) ? f->absolute_path : "");
      free (cand);
      return EIS_PROJECT_FILE_MISSING;
    }
  /* the project itself named as a data file (a path= typed wrong): not data */
  {
    struct stat a, b;
    if (project_path && stat (cand, &a) == 0 && stat (project_path, &b) == 0
        && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
      {
        if (why)
          snprintf (why, why_len, "%s is this project file itself, not a data file", f->path);
        free (cand);
        return EIS_PROJECT_FILE_MISSING;
      }
  }
  *resolved = cand;
  /* A project that gives neither size= nor sha256= (written by hand) cannot tell: its saved
   * fits may be of other data. (size=0 alone is no size: a data file is never empty.) */
  if (f->size == 0 && !f->sha256[0])
    {
      if (why)
        snprintf (why, why_len, "%s: the project gives neither its size nor its SHA-256 "
                  "(size=, sha256=), so whether it changed since the project was saved cannot "
                  "be told", cand);
      return EIS_PROJECT_FILE_CHANGED;
    }
  if ((f->size != 0 && size != f->size) || (f->sha256[0] && strcmp (hex, f->sha256) != 0))
    {
      if (why)
        {
          if (f->size != 0 && size != f->size)
            snprintf (why, why_len, "%s changed since the project was saved (%llu bytes then, "
                      "%llu now)", cand, f->size, size);
          else if (f->size == 0)
            snprintf (why, why_len, "%s changed since the project was saved (another content: "
                      "SHA-256 %.12s... then, %.12s... now)", cand, f->sha256, hex);
          else
            snprintf (why, why_len, "%s changed since the project was saved (same size, %llu "
                      "bytes, but another content: SHA-256 %.12s... then, %.12s... now)", cand,
                      size, f->sha256, hex);
        }
      return EIS_PROJECT_FILE_CHANGED;
    }
  return EIS_PROJECT_FILE_SAME;
}

int
eis_project_typed_number (const char *text, double *v)
{
  *v = NAN;
  while (*text == ' ')
    text++;
  if (!*text)
    return 0;
  return eis_number_parse_all (text, v);
}

int
eis_project_transference_check (const EisProject *p, const char *name, EisError *err)
{
  const EisProjectTransference *t = &p->transference;
  const struct { const char *key, *value, *unit; size_t line; } typed[] = {
    { "dV-mV", t->dv, "mV", t->dv_line }, { "R_b", t->r_b, "Ohm", t->r_b_line },
    { "R0", t->r0, "Ohm", t->r0_line }, { "R_ss", t->r_ss, "Ohm", t->r_ss_line },
  };
  double v;
  if (!p->have_transference)
    return EIS_OK;
  for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
    if (typed[i].value && eis_project_typed_number (typed[i].value, &v) != 0)
      return eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: [transference] %s=%s: expected a "
                            "number in %s, or nothing (from the fits)", name,
                            typed[i].line ? typed[i].line : t->line, typed[i].key,
                            typed[i].value, typed[i].unit);
  return EIS_OK;
}

int
eis_project_chi2_matches (double saved, double recomputed, size_t n_points)
{
  if (isnan (saved))
    return 1;
  if (!isfinite (recomputed))
    return 0;
  double tiny = 1e-12 * (double) (n_points ? n_points : 1);
  if (fabs (saved) <= tiny && fabs (recomputed) <= tiny)
    return 1;
  /* the saved values have 9 or more digits, chi2 is flat at a minimum: 1e-4 is round-off */
  return fabs (saved - recomputed) <= 1e-4 * fmax (fabs (saved), fabs (recomputed));
}

/* 1 when standard error SAVED agrees with RECOMPUTED, both in natural units, to the round-off
 * of the saved digits and of chi2 at a minimum (relative 1e-3); a saved nan (not determined)
 * agrees with anything: it claims nothing. */
static int
stderr_matches (double saved, double recomputed)
{
  if (isnan (saved))
    return 1;
  if (saved == recomputed)
    return 1;
  if (!isfinite (saved) || !isfinite (recomputed))
    return 0;
  return fabs (saved - recomputed) <= 1e-3 * fmax (fabs (saved), fabs (recomputed));
}

int
eis_project_result_restore (const EisCircuit *c, const EisSpectrum *s, const EisFitOptions *opt,
                            EisFitResult *r, char *note, size_t note_len, EisError *err)
{
  EisSpectrum *u;

  if (note && note_len)
    note[0] = '\0';

  if (eis_circuit_n_params (c) != r->n_params)
    return eis_error_set (err, EIS_ERR_DATA, "%s: the saved fit has %zu parameters, its circuit "
                          "%s has %zu", s->source ? s->source : "spectrum", r->n_params,
                          eis_circuit_text (c), eis_circuit_n_params (c));
  u = eis_fit_used_points (s, opt);
  if (!u)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  if (u->n != r->n_points)
    {
      size_t n = u->n;
      eis_spectrum_free (u);
      return eis_error_set (err, EIS_ERR_DATA, "%s #%d: the saved fit used %zu points, the "
                            "spectrum has %zu now", s->source ? s->source : "spectrum",
                            s->index + 1, r->n_points, n);
    }
  /* the saved statistics are the data's only when the saved values still fit them: worked
   * out again from the data; where they agree with the saved ones to round-off, the saved
   * digits stay (a reopened project shows the numbers it showed when it was saved) */
  double chi2 = r->chi2, red = r->reduced_chi2, aic = r->aic, bic = r->bic, z = r->runs_z;
  long dof = r->dof;
  eis_fit_result_reassess (r, c, u);
  /* the standard errors and correlations are checked alike: those of the covariance at the
   * saved values on these points (eis_fit_run's); where a saved error differs beyond
   * round-off (edited by hand, or of other data) the recomputed ones are the fit's. A joint fit
   * of a series (eisfit-gtk's Use these fits) has the errors of the whole series: not
   * checked. */
  size_t P = r->n_params;
  double *se = malloc ((P ? P : 1) * sizeof *se), *corr = malloc ((P ? P * P : 1) * sizeof *corr);
  if (!se || !corr)
    {
      free (se), free (corr);
      eis_spectrum_free (u);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  if (r->status != EIS_FIT_FAILED && strncmp (r->message, "joint fit of the series", 23) != 0
      && eis_fit_result_covariance (r, c, u, se, corr) == 0)
    {
      size_t used = 0, bad = 0;
      char list[600] = "";

      for (size_t a = 0; a < P; a++)
        if (!stderr_matches (r->stderr_[a], se[a]))
          {
            if (bad++ < 3 && used < sizeof list)
              used += (size_t) snprintf (list + used, sizeof list - used, "%s%s %.6g saved, %.6g "
                                         "recomputed", used ? "; " : "",
                                         eis_circuit_param_name (c, a), r->stderr_[a], se[a]);
          }
      if (bad)
        {
          if (bad > 3 && used < sizeof list)
            snprintf (list + used, sizeof list - used, "; and %zu more", bad - 3);
          if (note && note_len)
            snprintf (note, note_len, "the saved standard errors are not those of the saved "
                      "fit (%s, from the covariance at its values on the file's points): "
                      "edited, or of other data; the recomputed errors are shown", list);
          memcpy (r->stderr_, se, P * sizeof *se);
          memcpy (r->corr, corr, P * P * sizeof *corr);
          /* not determined by the data, as eis_fit_run judges it, with these errors */
          for (size_t a = 0; a < P; a++)
            {
              int und = !r->fixed[a] && (!isfinite (r->stderr_[a])
                                         || r->stderr_[a] > fabs (r->value[a]));
              for (size_t b = 0; b < P && !und && !r->fixed[a]; b++)
                if (b != a && !r->fixed[b] && fabs (r->corr[a * P + b]) > 0.99)
                  und = 1;
              r->undetermined[a] = und;
            }
        }
    }
  free (se);
  free (corr);
  if (eis_project_chi2_matches (chi2, r->chi2, r->n_points) && dof == r->dof)
    {
      /* reduced chi2, AIC, BIC and the runs z follow from chi2: the saved ones stay where
       * they agree to the saved digits, else the recomputed ones are shown, and said */
      double rc[4] = { r->reduced_chi2, r->aic, r->bic, r->runs_z };
      double sv[4] = { red, aic, bic, z };
      static const char *const nm[4] = { "reduced chi2", "AIC", "BIC", "runs z" };
      char list[300] = "";
      size_t used = 0;
      for (int k = 0; k < 4; k++)
        {
          int same = sv[k] == rc[k]
                     || (k == 0 ? stderr_matches (sv[k], rc[k])
                         : isfinite (sv[k]) && isfinite (rc[k])
                           && fabs (sv[k] - rc[k]) <= 1e-3 * fmax (1.0, fabs (rc[k])))
                     || (k == 3 && isnan (sv[k]));
          if (same)
            rc[k] = sv[k];
          else if (used < sizeof list)
            used += (size_t) snprintf (list + used, sizeof list - used, "%s%s %.6g saved, "
                                       "%.6g recomputed", used ? "; " : "", nm[k], sv[k],
                                       rc[k]);
        }
      r->chi2 = chi2;
      r->reduced_chi2 = rc[0];
      r->aic = rc[1];
      r->bic = rc[2];
      r->runs_z = rc[3];
      if (list[0] && note && note_len)
        {
          size_t l = strlen (note);
          snprintf (note + l, note_len - l, "%sthe saved statistics (%s) do not follow "
                    "from the saved chi2 %.6g on %ld degrees of freedom: edited; the "
                    "recomputed ones are shown", l ? "; " : "", list, chi2, dof);
        }
    }
  eis_spectrum_free (u);
  return EIS_OK;
}

int
eis_project_spectrum_options (const EisProjectSpectrum *s, const EisCircuit *c,
                              EisFitOptions *opt, double *init, int *fixed, double *lower,
                              double *upper, EisError *err)
{
  size_t n = c ? eis_circuit_n_params (c) : 0;

  opt->weighting = s->weighting;
  opt->f_min_hz = s->f_min_hz;
  opt->f_max_hz = s->f_max_hz;
  opt->exclude = s->n_exclude ? s->exclude : NULL;
  opt->n_exclude = s->n_exclude;
  opt->exclude_points = s->n_exclude_points ? s->exclude_points : NULL;
  opt->n_exclude_points = s->n_exclude_points;
  if (!c || s->n_params == 0)
    return EIS_OK;
  for (size_t i = 0; i < n; i++)
    {
      init[i] = lower[i] = upper[i] = NAN;
      fixed[i] = 0;
    }
  for (size_t i = 0; i < s->n_params; i++)
    {
      long k = eis_circuit_param_index (c, s->params[i].name);

      if (k < 0)
        return eis_error_set (err, EIS_ERR_INVALID, "start.%s: the circuit %s has no parameter "
                              "%s", s->params[i].name, eis_circuit_text (c), s->params[i].name);
      init[k] = s->params[i].start;
      fixed[k] = s->params[i].fixed;
      lower[k] = s->params[i].lower;
      upper[k] = s->params[i].upper;
    }
  opt->init = init;
  opt->fixed = fixed;
  opt->lower = lower;
  opt->upper = upper;
  return EIS_OK;
}

int
eis_project_spectrum_check (const EisProject *p, const char *name, size_t k, EisError *err)
{
  const EisProjectSpectrum *s = &p->spectra[k];
  EisCircuit *c = NULL;
  EisCircuitSettings inl;
  int st = EIS_OK;

  if (!s->circuit[0] || !s->n_params)
    return EIS_OK;
  if (eis_circuit_parse_inline (s->circuit, &c, &inl, err) != EIS_OK)
    {
      eis_error_prefix (err, "%s:%zu: circuit=%s: ", name, s->line, s->circuit);
      return EIS_ERR_FORMAT;
    }
  eis_circuit_settings_clear (&inl);
  size_t n = eis_circuit_n_params (c);
  double *init = malloc ((n + 1) * sizeof *init), *lo = malloc ((n + 1) * sizeof *lo);
  double *hi = malloc ((n + 1) * sizeof *hi);
  int *fixed = calloc (n + 1, sizeof *fixed);

  if (!init || !lo || !hi || !fixed)
    st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  /* one parameter at a time, so that the message names its line */
  for (size_t i = 0; st == EIS_OK && i < s->n_params; i++)
    {
      const EisProjectParam *q = &s->params[i];
      long j = eis_circuit_param_index (c, q->name);
      EisFitOptions opt;

      if (j < 0)
        {
          st = eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: start.%s: the circuit %s has no "
                              "parameter %s", name, q->line, q->name, s->circuit, q->name);
          break;
        }
      for (size_t m = 0; m < n; m++)
        {
          init[m] = lo[m] = hi[m] = NAN;
          fixed[m] = 0;
        }
      init[j] = q->start;
      lo[j] = q->lower;
      hi[j] = q->upper;
      fixed[j] = q->fixed;
      eis_fit_options_init (&opt);
      opt.init = init;
      opt.lower = lo;
      opt.upper = hi;
      opt.fixed = fixed;
      if (eis_fit_check_settings (c, &opt, err) != EIS_OK)
        {
          eis_error_prefix (err, "%s:%zu: start.%s: ", name, q->line, q->name);
          st = EIS_ERR_FORMAT;
          err->code = st;
        }
    }
  free (init), free (lo), free (hi), free (fixed);
  eis_circuit_free (c);
  return st;
}
