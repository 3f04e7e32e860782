/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scribner ZPlot/ZView files. Z''(b) is Im(Z) in all of them.
 *
 * ZPLOT2 ASCII (.z of ZPlot 2 and 3): a "key: value" header, the column names on the line
 * before "End Comments", then tab-separated rows Freq, Ampl, Bias, Time, Z'(a), Z''(b) ...
 *
 * The older ZPlotW text (.z of ZPlot for Windows, "ZPlotW Data File: Version 2.6b"), the files
 * ZView writes ("ZView Calculated Data File: Version 1.1") and the Z60W text share one layout:
 * a header of about ten lines, most of them quoted strings, e.g. (ZPlotW 2.6b)
 *    "ZPlotW Data File: Version 2.6b"             version
 *    "Raw Data"                                   or "Modified Data" (edited in ZView)
 *    "Sweep Frequency: Control Voltage"           experiment type
 *    Date: 04-06-2018    Time: 14:31:21           (some writers quote it, one with a stray
 *                                                  inner quote before "Time")
 *    "Open Circuit Potential (V):  -1.002 "       free lines: conditions, comments,
 *    ""                                           the file's path (ZPlot 3.2c leaves the
 *    "C:\...\M130 120 min.z"                      path out)
 *    "Frequency"                                  swept variable
 *    0,3,0,1,50000,0.1                            plot settings, frequency range
 *    58                                           number of points
 *    "  Freq(Hz)    Ampl     Bias   Time(Sec)   Z'(a)    Z''(b)    GD   Err   Range"
 * then comma-separated rows in that column order (" 6.500000E+0004,  0.000000E+0000, ...").
 * Z60W files leave the free lines empty (""). Programs that write the format for ZView drop
 * the quotes, the count or the column line, or name the columns their own way ("Zprime(Ohm)");
 * ZView reads the columns by position, and so does eisfit: the table starts at the first row
 * of seven or more numbers. */
#include "import-private.h"

#include <math.h>
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

/* Warns on the first spectrum read (F's spectra from FIRST on) when the header's point count
 * COUNT (line LINE, the field HOW; -1: none) is not what the file holds: a file cut short
 * between rows reads what it holds, and says so in the words of the other importers (Gamry,
 * PalmSens). MODIFIED: the header says ZView edited the data, which may have deleted points. */
static int
count_warning (const EisImportCtx *ctx, EisDataFile *f, size_t first, size_t line, long count,
               const char *how, int modified, EisError *err)
{
  if (count < 0 || f->n_spectra == first)
    return EIS_OK;
  size_t got = 0;
  for (size_t i = first; i < f->n_spectra; i++)
    got += f->spectra[i]->n;
  EisSpectrum *s = f->spectra[first];
  if (got == (size_t) count)
    return EIS_OK;
  char buf[240];
  snprintf (buf, sizeof buf, "the header announces %ld points (%s, line %zu), the file holds %zu%s",
            count, how, line, got,
            got > (size_t) count ? ""
            : modified ? ": cut short, or points deleted in ZView?" : ": cut short?");
  if (eis_meta_set (&s->meta, "warning", buf) != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return EIS_OK;
}

int
eis_zplot_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "", *k, *v, *prev = NULL;
  size_t n = 0, kn, vn, prev_line = 0;
  int rc = EIS_OK;
  char date[64] = "";
  long points = -1;
  size_t points_line = 0;
  double x;
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
              if (eis_parse_number (v, vn, '.', &x) == 0)
                rc = eis_meta_set_double (&f->meta, "applied_voltage_v", x);
            }
          else if (kn == 11 && eis_starts_with_ci (k, kn, "Data Points")
                   && eis_parse_number (v, vn, '.', &x) == 0 && x >= 0 && x < 1e9)
            {
              points = (long) x;
              points_line = it.lineno;
            }
          else if (eis_starts_with_ci (k, kn, "Surface Area"))
            {
              if (eis_parse_number (v, vn, '.', &x) == 0 && x > 0)
                rc = eis_meta_set_double (&f->meta, "area_cm2", x);
            }
          else if (eis_starts_with_ci (k, kn, "Temperature"))
            {
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
  size_t first = f->n_spectra;
  rc = eis_read_delimited (ctx, f, prev, prev_line, &spec, err);
  return rc != EIS_OK ? rc : count_warning (ctx, f, first, points_line, points, "Data Points", 0, err);
}

static int
zview_text_kind (const EisImportCtx *ctx, const char *marker)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (eis_lines_next (&it, &s, &n) && eis_find_ci (s, n < 60 ? n : 60, marker))
    return 100;
  return 0;
}

int
eis_z60w_detect (const EisImportCtx *ctx)
{
  return zview_text_kind (ctx, "Z60W Data File");
}

int
eis_zplotw_detect (const EisImportCtx *ctx)
{
  int k = zview_text_kind (ctx, "ZPlotW Data File");
  return k ? k : zview_text_kind (ctx, "ZView Calculated Data File");
}

/* S without surrounding spaces and the quotes ZPlotW puts around each header string. */
static void
unquote (const char **s, size_t *n)
{
  eis_trim (s, n);
  if (*n > 0 && **s == '"')
    (*s)++, (*n)--;
  if (*n > 0 && (*s)[*n - 1] == '"')
    (*n)--;
  eis_trim (s, n);
}

/* "Date: 12-6-2023     "Time: 20:46:8" (after unquoting) as "12-6-2023 20:46:8". */
static int
set_date_time (EisMeta *m, const char *s, size_t n)
{
  const char *t = eis_find_ci (s, n, "Time:");
  const char *d = s + 5;                 /* past "Date:" */
  size_t dn = (size_t) ((t ? t : s + n) - d);
  while (dn > 0 && (d[dn - 1] == '"' || d[dn - 1] == ' ' || d[dn - 1] == '\t'))
    dn--;
  eis_trim (&d, &dn);
  char buf[128];
  if (t)
    {
      const char *v = t + 5;
      size_t vn = (size_t) (s + n - v);
      unquote (&v, &vn);
      snprintf (buf, sizeof buf, "%.*s %.*s", (int) (dn < 40 ? dn : 40), d,
                (int) (vn < 40 ? vn : 40), v);
    }
  else
    snprintf (buf, sizeof buf, "%.*s", (int) (dn < 40 ? dn : 40), d);
  return buf[0] && buf[0] != ' ' ? eis_meta_set (m, "start_time", buf) : EIS_OK;
}

/* Is S at least MIN comma-separated numbers (a table row: seven)? */
static int
is_numbers (EisFields *fl, const char *s, size_t n, size_t min)
{
  if (eis_fields_split (fl, s, n, ',') != EIS_OK || fl->n < min)
    return 0;
  double x;
  for (size_t i = 0; i < fl->n; i++)
    if (eis_parse_number (fl->p[i], fl->len[i], '.', &x) != 0)
      return 0;
  return 1;
}

int
eis_zview_text_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  EisFields fl = { 0 };
  const char *s = "", *data = NULL;
  size_t n = 0, data_line = 0;
  long count = -1;
  int modified = 0;
  size_t count_line = 0;
  int rc = EIS_OK;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  eis_lines_next (&it, &s, &n);
  unquote (&s, &n);
  rc = eis_meta_setn (&f->meta, "software", s, n);
  /* The header, up to the first row of numbers. */
  while (rc == EIS_OK && it.lineno < 60)
    {
      const char *line = it.p;
      if (!eis_lines_next (&it, &s, &n))
        break;
      if (is_numbers (&fl, s, n, 7))
        {
          data = line;
          data_line = it.lineno;
          break;
        }
      const char *t = s;
      size_t tn = n;
      unquote (&t, &tn);
      double x;
      if (tn == 0 || (tn == 9 && eis_starts_with_ci (t, tn, "Frequency")))
        continue;
      if (eis_find_ci (t, tn, "Freq") && (eis_find_ci (t, tn, "Z'") || memchr (t, ',', tn)))
        continue;                                    /* the column line */
      if (eis_parse_number (t, tn, '.', &x) == 0)
        {
          if (x >= 0 && x < 1e9 && x == floor (x))
            {
              count = (long) x;
              count_line = it.lineno;
            }
        }
      else if (is_numbers (&fl, t, tn, 2))
        continue;                                    /* plot settings "0,3,0,1,50000,0.1" */
      else if (eis_starts_with_ci (t, tn, "Raw Data"))
        continue;
      else if (eis_starts_with_ci (t, tn, "Modified Data"))
        {
          modified = 1;
          rc = eis_meta_appendn (&f->meta, "comments", "data modified in ZView (points edited or deleted)", 50);
        }
      else if (eis_starts_with_ci (t, tn, "Sweep "))
        {
          const char *colon = memchr (t, ':', tn);
          size_t an = colon ? (size_t) (colon - t) : tn;
          if (!eis_find_ci (t, an, "Frequency"))
            {
              eis_fields_free (&fl);
              return eis_error_set (err, EIS_ERR_FORMAT,
                                    "%s:%zu: this ZPlot file is a \"%.*s\" experiment at a fixed "
                                    "frequency; expected a frequency sweep (\"Sweep Frequency\")",
                                    ctx->name, it.lineno, (int) (an < 60 ? an : 60), t);
            }
          char buf[128];
          snprintf (buf, sizeof buf, "%.*s%s%.*s", (int) (an < 60 ? an : 60), t,
                    colon ? "," : "", colon ? (int) (tn - an - 1 < 60 ? tn - an - 1 : 60) : 0,
                    colon ? colon + 1 : "");
          rc = eis_meta_set (&f->meta, "technique", buf);
        }
      else if (eis_starts_with_ci (t, tn, "Date:"))
        rc = set_date_time (&f->meta, t, tn);
      else if (eis_starts_with_ci (t, tn, "Open Circuit Potential (V):")
               && eis_parse_number_prefix (t + 27, tn - 27, '.', &x) == 0)
        rc = eis_meta_set_double (&f->meta, "open_circuit_potential_v", x);
      else if ((tn > 3 && t[1] == ':' && (t[2] == '\\' || t[2] == '/'))
               || (tn > 2 && eis_starts_with_ci (t + tn - 2, 2, ".z"))
               || (tn > 4 && eis_starts_with_ci (t + tn - 4, 4, ".z60")))
        rc = eis_meta_setn (&f->meta, "title", t, tn);   /* the file's own name or path */
      else
        rc = eis_meta_appendn (&f->meta, "comments", t, tn);
    }
  eis_fields_free (&fl);
  if (rc != EIS_OK)
    return eis_error_set (err, rc, "%s: out of memory", ctx->name);
  if (data == NULL)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:%zu: no rows of numbers (Freq, Ampl, Bias, Time, Z'(a), Z''(b), ...) "
                          "after the header (file truncated?)", ctx->name, it.lineno);
  EisTableSpec spec = { 0 };
  spec.delim = ',';
  spec.dec = '.';
  spec.format = f->format;
  spec.split_sweeps = 1;
  spec.has_header = 0;
  spec.im_sign = 1;
  size_t first = f->n_spectra;
  /* Freq, Ampl, Bias, Time, Z'(a), Z''(b), GD, Err, Range, by position. */
  rc = eis_read_delimited_cols (ctx, f, data, data_line, &spec, "f=1,t=4,re=5,im=6", err);
  return rc != EIS_OK ? rc : count_warning (ctx, f, first, count_line, count, "its point count", modified,
                                                err);
}
