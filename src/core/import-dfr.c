/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Eco Chemie / Metrohm Autolab FRA data file (.dfr): one number per line. A "VERSION8.0" line,
 * the number of points N, one more number, then a fixed number of lines per point: frequency
 * [Hz], Z' [Ohm], -Z'' [Ohm] (negated imaginary part: capacitive positive) and six more values
 * (DC potential, DC current, time and three not documented), as pyimpspec reads it. The number
 * of lines per point is taken from the file (lines after the count minus one, divided by N) and
 * must be at least 3. */
#include "import-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Next non-blank line, trimmed; 0 at the end. */
static int
next_line (EisLineIter *it, const char **s, size_t *n)
{
  while (eis_lines_next (it, s, n))
    {
      eis_trim (s, n);
      if (*n > 0)
        return 1;
    }
  return 0;
}

static int
number (const char *s, size_t n, double *x)
{
  return eis_parse_number (s, n, '.', x) == 0 || eis_parse_number (s, n, ',', x) == 0 ? 0 : -1;
}

int
eis_dfr_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  EisLineIter it;
  const char *s = "";
  size_t n = 0;
  double x;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (!next_line (&it, &s, &n) || !eis_starts_with_ci (s, n, "VERSION") || n < 8
      || number (s + 7, n - 7, &x) != 0)
    return 0;
  /* then the point count */
  if (!next_line (&it, &s, &n) || number (s, n, &x) != 0 || x != floor (x))
    return 0;
  return 95;
}

int
eis_dfr_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "";
  size_t n = 0;
  double x;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (!next_line (&it, &s, &n) || !eis_starts_with_ci (s, n, "VERSION"))
    return eis_error_set (err, EIS_ERR_FORMAT, "%s:1: expected a VERSION line", ctx->name);
  int rc = eis_meta_setn (&f->meta, "file_version", s + 7, n - 7);
  if (rc == EIS_OK)
    rc = eis_meta_set (&f->meta, "software", "Autolab FRA (.dfr)");
  if (rc != EIS_OK)
    return eis_error_set (err, rc, "%s: out of memory", ctx->name);
  double count;
  if (!next_line (&it, &s, &n) || number (s, n, &count) != 0 || !(count >= 1) || count > 1e8
      || count != floor (count))
    return eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: expected the number of points (1 or "
                          "more) after the VERSION line", ctx->name, it.lineno);
  size_t npts = (size_t) count, count_line = it.lineno, open_line = 0;
  /* at least 3 values per point, each a digit and a line end */
  if (npts > ctx->text_len / 6)
    return eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: %zu points announced, but the file holds "
                          "only %zu bytes, too few for them (3 values per point or more): file "
                          "truncated, or not a point count?", ctx->name, count_line, npts,
                          ctx->text_len);
  /* every value after the count, with its line */
  /* each value takes two bytes or more: the file, not the count, bounds the allocation */
  size_t cap = 9 * npts + 16, nv = 0;
  if (cap > ctx->text_len / 2 + 16)
    cap = ctx->text_len / 2 + 16;
  double *v = malloc (cap * sizeof *v);
  size_t *line = malloc (cap * sizeof *line);
  if (v == NULL || line == NULL)
    {
      free (v);
      free (line);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  while (rc == EIS_OK && next_line (&it, &s, &n))
    {
      if (number (s, n, &x) != 0)
        {
          rc = eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: expected one number on the line, "
                              "found \"%.*s\"", ctx->name, it.lineno, (int) (n > 40 ? 40 : n), s);
          break;
        }
      if (nv == cap)
        {
          size_t ncap = cap * 2;
          double *nvv = realloc (v, ncap * sizeof *v);
          if (nvv)
            v = nvv;
          size_t *nl = realloc (line, ncap * sizeof *line);
          if (nl)
            line = nl;
          if (nvv == NULL || nl == NULL)
            {
              rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
              break;
            }
          cap = ncap;
        }
      v[nv] = x;
      line[nv++] = it.lineno;
      open_line = it.open ? it.lineno : 0;
    }
  size_t stride = nv > 1 ? (nv - 1) / npts : 0;
  if (rc == EIS_OK && (nv < 1 + 3 * npts || (nv - 1) % npts != 0))
    rc = eis_error_set (err, EIS_ERR_FORMAT,
                        "%s:%zu: %zu points announced, but the %zu values after the count do not "
                        "make one value and then the same number (3 or more) per point (file "
                        "truncated?)", ctx->name, count_line, npts, nv);
  /* The stride comes from the number of values: a file cut short (or with values missing)
   * can still divide evenly and would be read with the wrong stride. The frequencies of a
   * sweep are positive and go one way: anything else is that. */
  for (size_t i = 1; rc == EIS_OK && i < npts; i++)
    {
      double f0 = v[1 + (i - 1) * stride], f1 = v[1 + i * stride];
      double f2 = i + 1 < npts ? v[1 + (i + 1) * stride] : NAN;
      if (!(f0 > 0) || !(f1 > 0) || f1 == f0 || (isfinite (f2) && (f1 - f0) * (f2 - f1) <= 0))
        rc = eis_error_set (err, EIS_ERR_FORMAT,
                            "%s:%zu: read as %zu values per point, the frequencies are not a "
                            "sweep (%g Hz, then %g Hz): values missing, or the file cut short?",
                            ctx->name, line[1 + i * stride], stride, f0, f1);
    }
  EisTable t;
  eis_table_init (&t, 3);
  for (size_t i = 0; rc == EIS_OK && i < npts; i++)
    {
      const double *p = v + 1 + i * stride;
      double row[3] = { p[0], p[1], -p[2] };
      if (eis_table_push (&t, row, line[1 + i * stride], 0) != EIS_OK)
        rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  EisSpectrum *sp = NULL;
  if (rc == EIS_OK)
    rc = eis_table_emit_spectrum (ctx, f, &t, 0, t.n, 0, -1, &sp, err);
  if (rc == EIS_OK && open_line && eis_open_line_note (&sp->meta, open_line) != EIS_OK)
    rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  eis_table_free (&t);
  free (v);
  free (line);
  return rc;
}
