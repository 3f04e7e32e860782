/* Scribner ZPlot/ZView files: ZPLOT2 ASCII (.z: "key: value" header, column names on the line
 * before "End Comments", then tab-separated rows Freq, Ampl, Bias, Time, Z'(a), Z''(b) ...)
 * and the Z60W text format (a quoted "Z60W Data File" line, a settings line, the point count,
 * a quoted column line, then comma-separated rows in the same column order). Z'' is Im(Z). */
#include "import-private.h"

#include <stdio.h>
#include <string.h>

int
eis_zplot_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (eis_lines_next (&it, &s, &n) && eis_starts_with_ci (s, n, "ZPLOT2 ASCII"))
    return 100;
  return 0;
}

int
eis_zplot_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "", *k, *v, *prev = NULL;
  size_t n = 0, kn, vn, prev_line = 0;
  int rc = EIS_OK;
  char date[64] = "";
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (eis_lines_next (&it, &s, &n))
    {
      const char *t = s;
      size_t tn = n;
      eis_trim (&t, &tn);
      if (eis_starts_with_ci (t, tn, "End Comments"))
        break;
      if (eis_split_kv (t, tn, ':', &k, &kn, &v, &vn) == 0)
        {
          if (eis_starts_with_ci (k, kn, "Measured Data, ZPlot"))
            {
              char buf[64];
              snprintf (buf, sizeof buf, "ZPlot %.*s", (int) (vn < 40 ? vn : 40), v);
              rc = eis_meta_set (&f->meta, "software", buf);
            }
          else if (kn == 15 && eis_starts_with_ci (k, kn, "Experiment Type"))
            rc = eis_meta_setn (&f->meta, "technique", v, vn);
          else if (kn == 4 && eis_starts_with_ci (k, kn, "Date"))
            snprintf (date, sizeof date, "%.*s", (int) (vn < 40 ? vn : 40), v);
          else if (kn == 4 && eis_starts_with_ci (k, kn, "Time") && date[0])
            {
              char buf[120];
              snprintf (buf, sizeof buf, "%s %.*s", date, (int) (vn < 40 ? vn : 40), v);
              rc = eis_meta_set (&f->meta, "start_time", buf);
            }
          else if (eis_starts_with_ci (k, kn, "Potential-DC") && kn == 12)
            {
              double x;
              if (eis_parse_number (v, vn, '.', &x) == 0)
                rc = eis_meta_set_double (&f->meta, "applied_voltage_v", x);
            }
          else if (eis_starts_with_ci (k, kn, "Surface Area"))
            {
              double x;
              if (eis_parse_number (v, vn, '.', &x) == 0 && x > 0)
                rc = eis_meta_set_double (&f->meta, "area_cm2", x);
            }
          else if (eis_starts_with_ci (k, kn, "Temperature"))
            {
              double x;
              if (eis_parse_number_prefix (v, vn, '.', &x) == 0 && x > -273.15 && x < 2000)
                rc = eis_meta_set_double (&f->meta, "temperature_k", x + 273.15);
            }
          if (rc != EIS_OK)
            return eis_error_set (err, rc, "%s: out of memory", ctx->name);
        }
      if (tn > 0)
        {
          prev = s;
          prev_line = it.lineno;
        }
    }
  if (!eis_starts_with_ci (s, n, "End Comments") && !eis_find_ci (s, n, "End Comments"))
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: no \"End Comments\" line: the ZPlot header never ends (file truncated?)",
                          ctx->name);
  if (prev == NULL || memchr (prev, '\t', (size_t) (s - prev)) == NULL)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:%zu: expected the tab-separated column names before \"End Comments\"",
                          ctx->name, it.lineno);
  EisTableSpec spec = { 0 };
  spec.delim = '\t';
  spec.dec = '.';
  spec.format = "zplot";
  spec.split_sweeps = 1;
  spec.has_header = 1;
  spec.skip_rows = 1;       /* "End Comments" */
  spec.im_sign = 1;
  return eis_read_delimited (ctx, f, prev, prev_line, &spec, err);
}

int
eis_z60w_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (eis_lines_next (&it, &s, &n) && eis_find_ci (s, n < 40 ? n : 40, "Z60W Data File"))
    return 100;
  return 0;
}

int
eis_z60w_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  /* The column line is the first line with "Freq" after the header; rows follow. */
  EisLineIter it;
  const char *s = "";
  size_t n = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  eis_lines_next (&it, &s, &n);
  eis_trim (&s, &n);
  while (n > 0 && (s[0] == '"' || s[n - 1] == '"'))
    {
      if (s[0] == '"')
        s++, n--;
      else
        n--;
    }
  if (eis_meta_setn (&f->meta, "software", s, n) != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  while (eis_lines_next (&it, &s, &n))
    if (eis_find_ci (s, n, "Freq") && eis_find_ci (s, n, "Z'"))
      break;
  if (it.p >= it.end && !(eis_find_ci (s, n, "Freq")))
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: no column line (\"Freq (Hz) ... Z'(a) Z''(b)\") found", ctx->name);
  EisTableSpec spec = { 0 };
  spec.delim = ',';
  spec.dec = '.';
  spec.format = "z60w";
  spec.split_sweeps = 1;
  spec.has_header = 0;
  spec.im_sign = 1;
  /* Freq, Ampl, Bias, Time, Z'(a), Z''(b), GD, Err, Range: the column line is space-padded,
   * so the columns are taken by position. */
  return eis_read_delimited_cols (ctx, f, it.p, it.lineno + 1, &spec, "f=1,t=4,re=5,im=6", err);
}
