/* SPDX-License-Identifier: GPL-3.0-or-later */
/* .P00 impedance text export: a "Procedure : <title>" line, a line of dates and DC currents,
 * a description, "t = <duration> s", then the column line
 *   f/Hz <tab> Z'/Ohm <tab> -Z''/Ohm <tab> time/s <tab> Edc/V <tab> Idc/A
 * a line with the number of points, and one tab-separated row per point (rows start with a
 * space and end with a tab). The columns are recognised by the generic reader's header rules:
 * -Z'' holds -Im(Z) and is turned back into Z''. The point count is checked against the rows. */
#include "import-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The column line: its first field is "f/Hz" (spaces around allowed). */
static int
is_column_line (const char *s, size_t n)
{
  eis_trim (&s, &n);
  return eis_starts_with_ci (s, n, "f/Hz") && eis_find_ci (s, n, "Z'") != NULL;
}

int
eis_p00_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  int proc = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 30 && eis_lines_next (&it, &s, &n))
    {
      const char *t = s;
      size_t tn = n;
      eis_trim (&t, &tn);
      if (it.lineno <= 3 && eis_starts_with_ci (t, tn, "Procedure") && memchr (t, ':', tn))
        proc = 1;
      if (is_column_line (s, n))
        return proc ? 95 : 60;
    }
  return 0;
}

int
eis_p00_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "", *k, *v;
  size_t n = 0, kn, vn;
  int rc = EIS_OK, found = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (eis_lines_next (&it, &s, &n))
    {
      if (is_column_line (s, n))
        {
          found = 1;
          break;
        }
      const char *t = s;
      size_t tn = n;
      eis_trim (&t, &tn);
      if (eis_split_kv (t, tn, ':', &k, &kn, &v, &vn) == 0 && kn == 9
          && eis_starts_with_ci (k, kn, "Procedure"))
        rc = eis_meta_setn (&f->meta, "title", v, vn);
      else if (it.lineno == 2 && tn > 0)
        {
          /* "DD.MM.YYYY HH:MM:SS - DD.MM.YYYY HH:MM:SS i(init)= ... - i(end)= ..." */
          const char *dash = eis_find_ci (t, tn, " - ");
          if (dash && dash > t)
            rc = eis_meta_setn (&f->meta, "start_time", t, (size_t) (dash - t));
        }
      if (rc != EIS_OK)
        return eis_error_set (err, rc, "%s: out of memory", ctx->name);
    }
  if (!found)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: no column line (\"f/Hz  Z'/Ohm  -Z''/Ohm ...\") found", ctx->name);
  const char *header = s;
  size_t header_line = it.lineno;
  /* the point count, alone on the next line */
  double count = -1;
  if (!eis_lines_next (&it, &s, &n) || eis_parse_number (s, n, '.', &count) != 0 || count < 0
      || count != floor (count) || count > 1e9)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:%zu: expected the number of points after the column line, found "
                          "\"%.*s\"", ctx->name, it.lineno, (int) (n > 40 ? 40 : n), s);
  EisTableSpec spec = { 0 };
  spec.delim = '\t';
  EisLineIter peek = it;
  const char *row = "";
  size_t rn = 0;
  spec.dec = eis_lines_next (&peek, &row, &rn) ? eis_sniff_decimal (row, rn, '\t') : '.';
  spec.format = "p00";
  spec.has_header = 1;
  spec.skip_rows = 1;
  spec.im_sign = 1;
  size_t before = f->n_spectra;
  rc = eis_read_delimited (ctx, f, header, header_line, &spec, err);
  if (rc != EIS_OK)
    return rc;
  size_t points = 0;
  for (size_t i = before; i < f->n_spectra; i++)
    points += f->spectra[i]->n;
  if (points != (size_t) count)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:%zu: the file says %zu points but holds %zu rows (file truncated?)",
                          ctx->name, header_line + 1, (size_t) count, points);
  return EIS_OK;
}
