/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data model: spectra, DC series, data files and their metadata. */
#include "spectrum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *
dup_str (const char *s)
{
  if (s == NULL)
    return NULL;
  size_t n = strlen (s) + 1;
  char *d = malloc (n);
  if (d)
    memcpy (d, s, n);
  return d;
}

int
eis_meta_set (EisMeta *meta, const char *key, const char *value)
{
  for (size_t i = 0; i < meta->n; i++)
    if (strcmp (meta->items[i].key, key) == 0)
      {
        char *v = dup_str (value);
        if (v == NULL)
          return EIS_ERR_NOMEM;
        free (meta->items[i].value);
        meta->items[i].value = v;
        return EIS_OK;
      }
  if (meta->n == meta->cap)
    {
      size_t cap = meta->cap ? 2 * meta->cap : 8;
      EisMetaEntry *items = realloc (meta->items, cap * sizeof *items);
      if (items == NULL)
        return EIS_ERR_NOMEM;
      meta->items = items;
      meta->cap = cap;
    }
  char *k = dup_str (key), *v = dup_str (value);
  if (k == NULL || v == NULL)
    {
      free (k);
      free (v);
      return EIS_ERR_NOMEM;
    }
  meta->items[meta->n].key = k;
  meta->items[meta->n].value = v;
  meta->n++;
  return EIS_OK;
}

const char *
eis_meta_get (const EisMeta *meta, const char *key)
{
  for (size_t i = 0; i < meta->n; i++)
    if (strcmp (meta->items[i].key, key) == 0)
      return meta->items[i].value;
  return NULL;
}

void
eis_meta_clear (EisMeta *meta)
{
  if (meta == NULL)
    return;
  for (size_t i = 0; i < meta->n; i++)
    {
      free (meta->items[i].key);
      free (meta->items[i].value);
    }
  free (meta->items);
  meta->items = NULL;
  meta->n = meta->cap = 0;
}

int
eis_meta_copy (EisMeta *dst, const EisMeta *src)
{
  for (size_t i = 0; i < src->n; i++)
    if (eis_meta_set (dst, src->items[i].key, src->items[i].value) != EIS_OK)
      return EIS_ERR_NOMEM;
  return EIS_OK;
}

EisSpectrum *
eis_spectrum_new (size_t n)
{
  EisSpectrum *s = calloc (1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->cycle = -1;
  s->temperature_k = NAN;
  s->area_cm2 = NAN;
  if (eis_spectrum_resize (s, n) != EIS_OK)
    {
      eis_spectrum_free (s);
      return NULL;
    }
  return s;
}

void
eis_spectrum_free (EisSpectrum *s)
{
  if (s == NULL)
    return;
  free (s->freq_hz);
  free (s->z_re);
  free (s->z_im);
  free (s->time_s);
  free (s->line);
  free (s->source);
  free (s->format);
  eis_meta_clear (&s->meta);
  free (s);
}

static int
grow (void *pp, size_t n, size_t old, size_t size)
{
  void **p = pp;
  void *q = realloc (*p, (n ? n : 1) * size);
  if (q == NULL)
    return EIS_ERR_NOMEM;
  if (n > old)
    memset ((char *) q + old * size, 0, (n - old) * size);
  *p = q;
  return EIS_OK;
}

int
eis_spectrum_resize (EisSpectrum *s, size_t n)
{
  size_t old = s->freq_hz ? s->n : 0;
  if (grow (&s->freq_hz, n, old, sizeof (double))
      || grow (&s->z_re, n, old, sizeof (double))
      || grow (&s->z_im, n, old, sizeof (double))
      || (s->time_s && grow (&s->time_s, n, old, sizeof (double)))
      || (s->line && grow (&s->line, n, old, sizeof (size_t))))
    return EIS_ERR_NOMEM;
  s->n = n;
  return EIS_OK;
}

/* Replaces *SOURCE_P and *FORMAT_P by copies of SOURCE and FORMAT (either may be NULL);
 * leaves both untouched when out of memory. */
static int
replace_source (char **source_p, char **format_p, const char *source, const char *format)
{
  char *a = dup_str (source), *b = dup_str (format);
  if ((source && a == NULL) || (format && b == NULL))
    {
      free (a);
      free (b);
      return EIS_ERR_NOMEM;
    }
  free (*source_p);
  free (*format_p);
  *source_p = a;
  *format_p = b;
  return EIS_OK;
}

int
eis_spectrum_set_source (EisSpectrum *s, const char *source, const char *format)
{
  return replace_source (&s->source, &s->format, source, format);
}

int
eis_spectrum_same_data (const EisSpectrum *a, const EisSpectrum *b)
{
  if (a == NULL || b == NULL)
    return 0;
  if (a == b)
    return 1;
  if (a->n != b->n || a->n == 0)
    return 0;
  for (size_t k = 0; k < a->n; k++)
    if (a->freq_hz[k] != b->freq_hz[k] || a->z_re[k] != b->z_re[k] || a->z_im[k] != b->z_im[k])
      return 0;
  return 1;
}

EisSpectrum *
eis_spectrum_dup (const EisSpectrum *s)
{
  EisSpectrum *d = eis_spectrum_new (s->n);
  if (d == NULL)
    return NULL;
  size_t bytes = s->n * sizeof (double);
  memcpy (d->freq_hz, s->freq_hz, bytes);
  memcpy (d->z_re, s->z_re, bytes);
  memcpy (d->z_im, s->z_im, bytes);
  if (s->time_s)
    {
      d->time_s = malloc (bytes ? bytes : 1);
      if (d->time_s == NULL)
        goto fail;
      memcpy (d->time_s, s->time_s, bytes);
    }
  if (s->line)
    {
      d->line = malloc (s->n ? s->n * sizeof (size_t) : 1);
      if (d->line == NULL)
        goto fail;
      memcpy (d->line, s->line, s->n * sizeof (size_t));
    }
  if (eis_spectrum_set_source (d, s->source, s->format) != EIS_OK
      || eis_meta_copy (&d->meta, &s->meta) != EIS_OK)
    goto fail;
  d->index = s->index;
  d->cycle = s->cycle;
  d->temperature_k = s->temperature_k;
  d->area_cm2 = s->area_cm2;
  return d;
fail:
  eis_spectrum_free (d);
  return NULL;
}

/* Sort support: (frequency, original index) pairs by ascending frequency, then index, so the
 * permutation needs no global state (imports may run on several threads). */
typedef struct {
  double f;
  size_t i;
} KeyIndex;

static int
cmp_key (const void *a, const void *b)
{
  const KeyIndex *x = a, *y = b;
  if (x->f != y->f)
    return (x->f > y->f) - (x->f < y->f);
  return (x->i > y->i) - (x->i < y->i);
}

static int
permute (double *v, const size_t *perm, size_t n, double *tmp)
{
  if (v == NULL)
    return 0;
  for (size_t i = 0; i < n; i++)
    tmp[i] = v[perm[i]];
  memcpy (v, tmp, n * sizeof *v);
  return 0;
}

static size_t
line_of (const EisSpectrum *s, size_t i)
{
  return s->line ? s->line[i] : 0;
}

static const char *
src_name (const EisSpectrum *s)
{
  return s->source ? s->source : "(data)";
}

int
eis_spectrum_finish (EisSpectrum *s, size_t min_points, EisError *err)
{
  const char *src = src_name (s);
  /* One branch-free pass first (vectorised): every point finite, within what an instrument
   * measures and at a positive frequency, and some impedance not 0. Only a spectrum that
   * fails it is looked at point by point below, for the first point to name. */
  /* The same pass sees the order of the frequencies (sorted: never falling; descending and
   * ascending: strictly), which means something once all are finite. */
  int fine = 1, nonzero_any = 0, sorted = 1, descending = s->n > 1, ascending = 1;
  for (size_t i = 0; i < s->n; i++)
    {
      double f = s->freq_hz[i], zr = fabs (s->z_re[i]), zi = fabs (s->z_im[i]);
      fine &= (f >= EIS_FREQ_MIN_HZ) & (f <= EIS_FREQ_MAX_HZ) & (zr <= EIS_Z_MAX_OHM)
              & ((zr == 0) | (zr >= EIS_Z_MIN_OHM)) & (zi <= EIS_Z_MAX_OHM)
              & ((zi == 0) | (zi >= EIS_Z_MIN_OHM));
      nonzero_any |= (zr != 0) | (zi != 0);
      if (i > 0)
        {
          double prev = s->freq_hz[i - 1];
          sorted &= !(f < prev);
          descending &= f < prev;
          ascending &= f > prev;
        }
    }
  for (size_t i = 0; !fine && i < s->n; i++)
    {
      const char *what = NULL;
      if (!isfinite (s->freq_hz[i]))
        what = "frequency";
      else if (!isfinite (s->z_re[i]))
        what = "real part of Z";
      else if (!isfinite (s->z_im[i]))
        what = "imaginary part of Z";
      if (what)
        {
          if (line_of (s, i))
            return eis_error_set (err, EIS_ERR_DATA, "%s:%zu: %s is not a finite number",
                                  src, line_of (s, i), what);
          return eis_error_set (err, EIS_ERR_DATA, "%s: point %zu: %s is not a finite number",
                                src, i + 1, what);
        }
      /* Values no instrument produces (1e308, denormals) would overflow or underflow in
       * the squares of the fit and the Kramers-Kronig test, and hang the plot's axes. */
      double zr = fabs (s->z_re[i]), zi = fabs (s->z_im[i]), f = s->freq_hz[i];
      if (f > 0 && (f < EIS_FREQ_MIN_HZ || f > EIS_FREQ_MAX_HZ))
        what = "frequency";
      else if (zr > EIS_Z_MAX_OHM || (zr > 0 && zr < EIS_Z_MIN_OHM))
        what = "real part of Z";
      else if (zi > EIS_Z_MAX_OHM || (zi > 0 && zi < EIS_Z_MIN_OHM))
        what = "imaginary part of Z";
      if (what)
        {
          double v = what[0] == 'f' ? f : what[0] == 'r' ? s->z_re[i] : s->z_im[i];
          const char *range = what[0] == 'f' ? "frequencies from 1e-9 to 1e12 Hz"
                                             : "impedances from 1e-30 to 1e30 Ohm, or 0";
          if (line_of (s, i))
            return eis_error_set (err, EIS_ERR_DATA, "%s:%zu: %s %g is beyond what an "
                                  "instrument measures (%s)", src, line_of (s, i), what, v, range);
          return eis_error_set (err, EIS_ERR_DATA, "%s: point %zu: %s %g is beyond what an "
                                "instrument measures (%s)", src, i + 1, what, v, range);
        }
      if (!(s->freq_hz[i] > 0))
        {
          if (line_of (s, i))
            return eis_error_set (err, EIS_ERR_DATA,
                                  "%s:%zu: frequency %g Hz is not positive", src,
                                  line_of (s, i), s->freq_hz[i]);
          return eis_error_set (err, EIS_ERR_DATA, "%s: point %zu: frequency %g Hz is not positive",
                                src, i + 1, s->freq_hz[i]);
        }
    }
  if (s->n < min_points)
    return eis_error_set (err, EIS_ERR_DATA,
                          "%s: spectrum %d has %zu point%s; at least %zu are needed",
                          src, s->index + 1, s->n, s->n == 1 ? "" : "s", min_points);
  /* An impedance of 0 everywhere is no measurement (an export of an empty channel). */
  if (!nonzero_any)
    return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d: every impedance is 0 Ohm: no "
                          "measurement in it", src, s->index + 1);

  /* strictly ascending or descending: no frequency repeats (checked below otherwise) */
  int distinct = descending || (sorted && ascending);
  if (!sorted && descending)
    {
      /* Strictly descending, as analysers sweep: reversed in place, the order the sort
       * would give, without its memory. */
      for (size_t i = 0, j = s->n - 1; i < j; i++, j--)
        {
          double t = s->freq_hz[i];
          s->freq_hz[i] = s->freq_hz[j];
          s->freq_hz[j] = t;
          t = s->z_re[i];
          s->z_re[i] = s->z_re[j];
          s->z_re[j] = t;
          t = s->z_im[i];
          s->z_im[i] = s->z_im[j];
          s->z_im[j] = t;
          if (s->time_s)
            {
              t = s->time_s[i];
              s->time_s[i] = s->time_s[j];
              s->time_s[j] = t;
            }
          if (s->line)
            {
              size_t l = s->line[i];
              s->line[i] = s->line[j];
              s->line[j] = l;
            }
        }
    }
  else if (!sorted)
    {
      size_t *perm = malloc (s->n * sizeof *perm);
      double *tmp = malloc (s->n * sizeof *tmp);
      size_t *ltmp = s->line ? malloc (s->n * sizeof *ltmp) : NULL;
      if (perm == NULL || tmp == NULL || (s->line && ltmp == NULL))
        {
          free (perm);
          free (tmp);
          free (ltmp);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
        }
      KeyIndex *keys = malloc (s->n * sizeof *keys);
      if (keys == NULL)
        {
          free (perm);
          free (tmp);
          free (ltmp);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", src);
        }
      for (size_t i = 0; i < s->n; i++)
        keys[i] = (KeyIndex) { s->freq_hz[i], i };
      qsort (keys, s->n, sizeof *keys, cmp_key);
      for (size_t i = 0; i < s->n; i++)
        perm[i] = keys[i].i;
      free (keys);
      permute (s->z_re, perm, s->n, tmp);
      permute (s->z_im, perm, s->n, tmp);
      permute (s->time_s, perm, s->n, tmp);
      permute (s->freq_hz, perm, s->n, tmp);
      if (s->line)
        {
          for (size_t i = 0; i < s->n; i++)
            ltmp[i] = s->line[perm[i]];
          memcpy (s->line, ltmp, s->n * sizeof *ltmp);
        }
      free (perm);
      free (tmp);
      free (ltmp);
    }
  /* Of all repeated frequencies, report the one whose repeat comes first in the file. */
  size_t dup = 0, dup_line = 0;
  for (size_t i = 1; !distinct && i < s->n; i++)
    if (s->freq_hz[i] == s->freq_hz[i - 1])
      {
        size_t later = line_of (s, i) > line_of (s, i - 1) ? line_of (s, i) : line_of (s, i - 1);
        if (dup == 0 || (later && later < dup_line))
          {
            dup = i;
            dup_line = later;
          }
      }
  if (dup > 0)
    {
      size_t a = line_of (s, dup), b = line_of (s, dup - 1);
      if (a && b)
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s:%zu: frequency %g Hz repeats the one on line %zu; a spectrum "
                              "needs distinct frequencies (is this several sweeps in one table?)",
                              src, a > b ? a : b, s->freq_hz[dup], a > b ? b : a);
      return eis_error_set (err, EIS_ERR_DATA, "%s: frequency %g Hz appears twice", src,
                            s->freq_hz[dup]);
    }
  return EIS_OK;
}

EisSeries *
eis_series_new (size_t n, int with_voltage)
{
  EisSeries *s = calloc (1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->temperature_k = NAN;
  if (with_voltage)
    {
      s->voltage_v = calloc (1, sizeof (double));
      if (s->voltage_v == NULL)
        {
          free (s);
          return NULL;
        }
    }
  if (eis_series_resize (s, n) != EIS_OK)
    {
      eis_series_free (s);
      return NULL;
    }
  return s;
}

void
eis_series_free (EisSeries *s)
{
  if (s == NULL)
    return;
  free (s->time_s);
  free (s->current_a);
  free (s->voltage_v);
  free (s->line);
  free (s->source);
  free (s->format);
  eis_meta_clear (&s->meta);
  free (s);
}

int
eis_series_resize (EisSeries *s, size_t n)
{
  size_t old = s->time_s ? s->n : 0;
  if (grow (&s->time_s, n, old, sizeof (double))
      || grow (&s->current_a, n, old, sizeof (double))
      || (s->voltage_v && grow (&s->voltage_v, n, old, sizeof (double)))
      || (s->line && grow (&s->line, n, old, sizeof (size_t))))
    return EIS_ERR_NOMEM;
  s->n = n;
  return EIS_OK;
}

int
eis_series_set_source (EisSeries *s, const char *source, const char *format)
{
  return replace_source (&s->source, &s->format, source, format);
}

EisDataFile *
eis_data_file_new (const char *path, const char *format)
{
  EisDataFile *f = calloc (1, sizeof *f);
  if (f == NULL)
    return NULL;
  f->path = dup_str (path);
  f->format = dup_str (format);
  if ((path && f->path == NULL) || (format && f->format == NULL))
    {
      eis_data_file_free (f);
      return NULL;
    }
  return f;
}

void
eis_data_file_free (EisDataFile *f)
{
  if (f == NULL)
    return;
  for (size_t i = 0; i < f->n_spectra; i++)
    eis_spectrum_free (f->spectra[i]);
  for (size_t i = 0; i < f->n_series; i++)
    eis_series_free (f->series[i]);
  free (f->spectra);
  free (f->series);
  free (f->path);
  free (f->format);
  eis_meta_clear (&f->meta);
  free (f);
}

/* Room for element N in the array *V of N elements of SIZE bytes: its capacity is the next
 * power of two, doubled when N reaches one (growing by one element copied the whole array
 * each time where realloc cannot grow in place: a million spectra took minutes). */
static int
grow_for_one (void **v, size_t n, size_t size)
{
  if (n != 0 && (n & (n - 1)) != 0)
    return 0;
  size_t cap = n ? 2 * n : 1;
  if (cap > (size_t) -1 / size)
    return -1;
  void *p = realloc (*v, cap * size);
  if (p == NULL)
    return -1;
  *v = p;
  return 0;
}

int
eis_data_file_take_spectrum (EisDataFile *f, EisSpectrum *s)
{
  if (grow_for_one ((void **) &f->spectra, f->n_spectra, sizeof *f->spectra) != 0)
    {
      eis_spectrum_free (s);
      return EIS_ERR_NOMEM;
    }
  EisSpectrum **v = f->spectra;
  s->index = (int) f->n_spectra;
  v[f->n_spectra++] = s;
  return EIS_OK;
}

int
eis_data_file_take_series (EisDataFile *f, EisSeries *s)
{
  if (grow_for_one ((void **) &f->series, f->n_series, sizeof *f->series) != 0)
    {
      eis_series_free (s);
      return EIS_ERR_NOMEM;
    }
  EisSeries **v = f->series;
  s->index = (int) f->n_series;
  v[f->n_series++] = s;
  return EIS_OK;
}
