/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Points left out of a fit (see eisfit-exclusions.h). */
#include "eisfit-exclusions.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

struct _EisfitExclusions {
  GArray *points; /* size_t, 1-based, ascending, distinct */
  GArray *ranges; /* EisFreqRange, lo_hz <= hi_hz, in the order added */
};

EisfitExclusions *
eisfit_exclusions_new (void)
{
  EisfitExclusions *ex = g_new0 (EisfitExclusions, 1);

  ex->points = g_array_new (FALSE, FALSE, sizeof (size_t));
  ex->ranges = g_array_new (FALSE, FALSE, sizeof (EisFreqRange));
  return ex;
}

void
eisfit_exclusions_merge (EisfitExclusions *ex, const EisfitExclusions *from)
{
  guint i;

  if (!from)
    return;
  for (i = 0; i < from->points->len; i++)
    eisfit_exclusions_set_point (ex, g_array_index (from->points, size_t, i), TRUE);
  for (i = 0; i < from->ranges->len; i++)
    {
      const EisFreqRange *r = &g_array_index (from->ranges, EisFreqRange, i);

      eisfit_exclusions_add_range (ex, r->lo_hz, r->hi_hz);
    }
}

EisfitExclusions *
eisfit_exclusions_dup (const EisfitExclusions *ex)
{
  EisfitExclusions *copy = eisfit_exclusions_new ();

  eisfit_exclusions_merge (copy, ex);
  return copy;
}

void
eisfit_exclusions_free (EisfitExclusions *ex)
{
  if (!ex)
    return;
  if (ex->points)
    g_array_unref (ex->points);
  if (ex->ranges)
    g_array_unref (ex->ranges);
  g_free (ex);
}

gboolean
eisfit_exclusions_is_empty (const EisfitExclusions *ex)
{
  return !ex || (ex->points->len == 0 && ex->ranges->len == 0);
}

void
eisfit_exclusions_clear (EisfitExclusions *ex)
{
  g_array_set_size (ex->points, 0);
  g_array_set_size (ex->ranges, 0);
}

gboolean
eisfit_exclusions_has_point (const EisfitExclusions *ex, size_t number)
{
  guint i;

  for (i = 0; ex && i < ex->points->len; i++)
    if (g_array_index (ex->points, size_t, i) == number)
      return TRUE;
  return FALSE;
}

size_t
eisfit_exclusions_max_point (const EisfitExclusions *ex)
{
  return ex && ex->points->len ? g_array_index (ex->points, size_t, ex->points->len - 1) : 0;
}

gboolean
eisfit_exclusions_set_point (EisfitExclusions *ex, size_t number, gboolean left_out)
{
  guint i;

  if (number == 0)
    return FALSE;
  for (i = 0; i < ex->points->len; i++)
    {
      size_t p = g_array_index (ex->points, size_t, i);

      if (p == number)
        {
          if (left_out)
            return FALSE;
          g_array_remove_index (ex->points, i);
          return TRUE;
        }
      if (p > number)
        break;
    }
  if (!left_out)
    return FALSE;
  g_array_insert_val (ex->points, i, number);
  return TRUE;
}

void
eisfit_exclusions_add_range (EisfitExclusions *ex, double lo_hz, double hi_hz)
{
  EisFreqRange r = { MIN (lo_hz, hi_hz), MAX (lo_hz, hi_hz) };

  g_array_append_val (ex->ranges, r);
}

const EisFreqRange *
eisfit_exclusions_range_at (const EisfitExclusions *ex, double freq_hz)
{
  guint i;

  for (i = 0; ex && i < ex->ranges->len; i++)
    {
      const EisFreqRange *r = &g_array_index (ex->ranges, EisFreqRange, i);

      if (freq_hz >= r->lo_hz && freq_hz <= r->hi_hz)
        return r;
    }
  return NULL;
}

guint
eisfit_exclusions_remove_ranges_at (EisfitExclusions *ex, double freq_hz)
{
  guint i, n = 0;

  for (i = ex->ranges->len; i-- > 0;)
    {
      const EisFreqRange *r = &g_array_index (ex->ranges, EisFreqRange, i);

      if (freq_hz >= r->lo_hz && freq_hz <= r->hi_hz)
        {
          g_array_remove_index (ex->ranges, i);
          n++;
        }
    }
  return n;
}

void
eisfit_exclusions_apply (const EisfitExclusions *ex, EisFitOptions *opt)
{
  if (eisfit_exclusions_is_empty (ex))
    {
      opt->exclude = NULL;
      opt->n_exclude = 0;
      opt->exclude_points = NULL;
      opt->n_exclude_points = 0;
      return;
    }
  opt->exclude = ex->ranges->len ? (const EisFreqRange *) ex->ranges->data : NULL;
  opt->n_exclude = ex->ranges->len;
  opt->exclude_points = ex->points->len ? (const size_t *) ex->points->data : NULL;
  opt->n_exclude_points = ex->points->len;
}

int
eisfit_exclusions_point_used (const EisfitExclusions *ex, const EisSpectrum *s, size_t i)
{
  EisFitOptions opt;

  eis_fit_options_init (&opt);
  eisfit_exclusions_apply (ex, &opt);
  return eis_fit_point_used (&opt, i, s->freq_hz[i]);
}

size_t
eisfit_exclusions_count (const EisfitExclusions *ex, const EisSpectrum *s)
{
  size_t i, n = 0;

  for (i = 0; i < s->n; i++)
    n += !eisfit_exclusions_point_used (ex, s, i);
  return n;
}

char *
eisfit_exclusions_describe (const EisfitExclusions *ex, const EisSpectrum *s)
{
  GString *d;
  guint i, np = 0;

  if (eisfit_exclusions_count (ex, s) == 0)
    return NULL;
  d = g_string_new (NULL);
  for (i = 0; i < ex->points->len; i++)
    np += g_array_index (ex->points, size_t, i) <= s->n;
  if (np)
    {
      g_string_append_printf (d, "%u point%s (", np, np == 1 ? "" : "s");
      for (i = 0, np = 0; i < ex->points->len; i++)
        {
          size_t p = g_array_index (ex->points, size_t, i);

          if (p <= s->n)
            g_string_append_printf (d, "%s%zu", np++ ? ", " : "", p);
        }
      g_string_append (d, ")");
    }
  for (i = 0; i < ex->ranges->len; i++)
    {
      const EisFreqRange *r = &g_array_index (ex->ranges, EisFreqRange, i);

      g_string_append_printf (d, "%s%.3g to %.3g Hz", d->len ? ", " : "", r->lo_hz, r->hi_hz);
    }
  g_string_append_printf (d, ": %zu of %zu points fitted", s->n - eisfit_exclusions_count (ex, s),
                          s->n);
  return g_string_free (d, FALSE);
}

gboolean
eisfit_exclusions_parse_points (EisfitExclusions *ex, const char *text)
{
  const char *p = text;

  if (!*p)
    return FALSE;
  while (*p)
    {
      char *end;
      long v;

      errno = 0;
      v = strtol (p, &end, 10);
      if (end == p || errno || v < 1 || (*end && *end != ','))
        return FALSE;
      eisfit_exclusions_set_point (ex, (size_t) v, TRUE);
      p = *end ? end + 1 : end;
    }
  return TRUE;
}

gboolean
eisfit_exclusions_parse_range (EisfitExclusions *ex, const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);
  double v[2];
  int k;

  if (g_strv_length (parts) != 2)
    return FALSE;
  for (k = 0; k < 2; k++)
    {
      char *end;

      errno = 0;
      v[k] = g_ascii_strtod (parts[k], &end);
      if (end == parts[k] || *end || errno || !isfinite (v[k]) || !(v[k] > 0))
        return FALSE;
    }
  eisfit_exclusions_add_range (ex, v[0], v[1]);
  return TRUE;
}
