/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IviumSoft text export of an impedance scan: one tab-separated table with the header
 * "freq. /Hz <tab> Z1 /ohm <tab> Z2 /ohm" where Z1 is Z' and Z2 is Im(Z) as is (capacitive
 * negative). The generic reader reads the table; this file recognises the export and names it.
 * (IviumSoft's DC exports, "time /s <tab> I /mA <tab> E /V", are plain generic tables.) */
#include "import-private.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
eis_ivium_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 5 && eis_lines_next (&it, &s, &n))
    if (eis_find_ci (s, n, "freq. /Hz") && eis_find_ci (s, n, "Z1 /") && eis_find_ci (s, n, "Z2 /"))
      return 70;
  return 0;
}

int
eis_ivium_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  if (eis_meta_set (&f->meta, "software", "IviumSoft") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return eis_csv_read (ctx, f, err);
}

/* ---- IviumSoft data files (.idf, and .ids data sets) ----
 * Text in Windows-1252 with stray control bytes (NUL, 0x1C, 0x1E, dropped here), "key=value"
 * lines of the method ("Title=", "Method=", "Technique=" ...), then the measured block:
 *   primary_data
 *   3                  number of columns
 *   39                 number of points
 *   <3 numbers per line, spaces between, decimal point or comma>
 * For impedance the columns are Z', Z'' (Im(Z) as is) and the frequency (as pyimpspec reads
 * them); for ChronoAmperometry (and Mixed Mode) time, current and potential, for
 * ChronoPotentiometry time, potential and current. A data set file (.ids) holds several such
 * blocks, each after its own [Method] section and Title=: one spectrum (or series) each. */

/* NEEDLE (exact bytes) within the first N bytes of S, found by its first byte: every file is
 * offered to this detector, so it must cost next to nothing on the others. */
static const char *
find_bytes (const char *s, size_t n, const char *needle)
{
  size_t k = strlen (needle);
  const char *p = s, *end = s + n;
  while (p + k <= end && (p = memchr (p, needle[0], (size_t) (end - p - (ptrdiff_t) k + 1))))
    {
      if (memcmp (p, needle, k) == 0)
        return p;
      p++;
    }
  return NULL;
}

int
eis_ivium_idf_detect (const EisImportCtx *ctx)
{
  size_t n = ctx->raw_len < (1u << 18) ? ctx->raw_len : (1u << 18);
  const char *r = (const char *) ctx->raw;
  if (n < 16 || find_bytes (r, n, "primary_data") == NULL)
    return 0;
  return find_bytes (r, n, "Technique=") || find_bytes (r, n, "Title=") ? 85 : 0;
}

/* Next non-blank line (trimmed); 0 at the end. */
static int
idf_line (EisLineIter *it, const char **s, size_t *n)
{
  while (eis_lines_next (it, s, n))
    {
      eis_trim (s, n);
      if (*n > 0)
        return 1;
    }
  return 0;
}

int
eis_ivium_idf_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  /* A clean copy: control bytes dropped (line numbers kept), Windows-1252 letters as they are
   * (only ASCII is interpreted). */
  char *buf = malloc (ctx->raw_len + 1);
  if (buf == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  size_t len = 0;
  for (size_t i = 0; i < ctx->raw_len; i++)
    {
      char c = (char) ctx->raw[i];
      if (c != '\0' && c != '\x1c' && c != '\x1e')
        buf[len++] = c;
    }
  int rc = EIS_OK;
  if (eis_meta_set (&f->meta, "software", "IviumSoft (.idf)") != EIS_OK)
    {
      free (buf);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  EisLineIter it;
  eis_lines_init (&it, buf, len);
  size_t blocks = 0;
  const char *s;
  size_t n;
  char title[128] = "", technique[128] = "", method[128] = "";
  EisTable t;
  eis_table_init (&t, 4);
  while (rc == EIS_OK && idf_line (&it, &s, &n))
    {
      if (n > 6 && strncmp (s, "Title=", 6) == 0)
        snprintf (title, sizeof title, "%.*s", (int) (n - 6 < 100 ? n - 6 : 100), s + 6);
      else if (n > 10 && strncmp (s, "Technique=", 10) == 0)
        snprintf (technique, sizeof technique, "%.*s", (int) (n - 10 < 100 ? n - 10 : 100), s + 10);
      else if (n > 7 && strncmp (s, "Method=", 7) == 0)
        snprintf (method, sizeof method, "%.*s", (int) (n - 7 < 100 ? n - 7 : 100), s + 7);
      if (!(n >= 12 && memcmp (s, "primary_data", 12) == 0))
        continue;
      /* the block: column count, point count, rows */
      double ncol = 0, npts = 0;
      size_t head_line = it.lineno;
      if (!idf_line (&it, &s, &n) || eis_parse_number (s, n, '.', &ncol) != 0
          || ncol != 3 || !idf_line (&it, &s, &n)
          || eis_parse_number (s, n, '.', &npts) != 0 || npts < 1 || npts > 1e8
          || npts != floor (npts))
        {
          rc = eis_error_set (err, EIS_ERR_FORMAT,
                              "%s:%zu: expected the column count (3) and the point count after "
                              "\"primary_data\"", ctx->name, head_line);
          break;
        }
      /* What the block holds: IviumSoft names the method group in Method= ("Impedance",
       * "Transients") and the control mode in Technique= ("Constant E", "Constant I",
       * "ChronoAmperometry" ...). A potentiostatic EIS is Method=Impedance with
       * Technique=Constant E; older files say Technique=Impedance. */
      int dc = strstr (technique, "Chrono") != NULL || strstr (technique, "Mixed") != NULL;
      int cp = strstr (technique, "ChronoPotentiometry") != NULL;
      int eis_method = strstr (method, "mpedance") != NULL;
      int eis_tech = strstr (technique, "mpedance") != NULL;
      int sweep = technique[0] == '\0' || eis_tech || strcmp (technique, "Constant E") == 0
                  || strcmp (technique, "Constant I") == 0;
      if (eis_method && !eis_tech && !sweep)
        {
          rc = eis_error_set (err, EIS_ERR_FORMAT,
                              "%s:%zu: an impedance measurement of technique \"%s\" (not a "
                              "frequency scan at constant E or I); eisfit reads frequency scans",
                              ctx->name, head_line, technique);
          break;
        }
      if (!dc && !eis_method && !eis_tech && (technique[0] || method[0]))
        {
          rc = eis_error_set (err, EIS_ERR_FORMAT,
                              "%s:%zu: a %s%s%s measurement; eisfit reads impedance and "
                              "chronoamperometry/-potentiometry data", ctx->name, head_line,
                              method, method[0] && technique[0] ? ", " : "", technique);
          break;
        }
      t.n = 0;
      size_t open_line = 0;
      EisFields fl = { 0 };
      for (size_t k = 0; k < (size_t) npts && rc == EIS_OK; k++)
        {
          double v[3];
          if (!idf_line (&it, &s, &n))
            {
              rc = eis_error_set (err, EIS_ERR_FORMAT,
                                  "%s:%zu: the block promises %zu points, the file ends after %zu "
                                  "(file truncated?)", ctx->name, head_line, (size_t) npts, k);
              break;
            }
          if (eis_fields_split (&fl, s, n, EIS_DELIM_WS) != EIS_OK)
            {
              rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
              break;
            }
          /* The last line without a line end: a row with fewer fields was cut in the
           * middle (refused, as every text format does); a whole row is read, with the
           * warning, since its last number may be cut too. */
          if (it.open && fl.n < 3)
            {
              rc = eis_cut_row_error (ctx, it.lineno, fl.n, 3, err);
              break;
            }
          if (it.open)
            open_line = it.lineno;
          int ok = fl.n == 3;
          for (size_t i = 0; ok && i < 3; i++)
            ok = eis_parse_number (fl.p[i], fl.len[i], '.', &v[i]) == 0
                 || eis_parse_number (fl.p[i], fl.len[i], ',', &v[i]) == 0;
          if (!ok)
            {
              rc = eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: expected 3 numbers, found \"%.*s\"",
                                  ctx->name, it.lineno, (int) (n > 60 ? 60 : n), s);
              break;
            }
          double row[4];
          if (dc)
            row[EIS_T_T] = v[0], row[EIS_T_I] = cp ? v[2] : v[1], row[EIS_T_V] = cp ? v[1] : v[2],
            row[3] = NAN;
          else
            row[EIS_T_F] = v[2], row[EIS_T_RE] = v[0], row[EIS_T_IM] = v[1], row[EIS_T_TIME] = NAN;
          if (eis_table_push (&t, row, it.lineno, 0) != EIS_OK)
            rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
      eis_fields_free (&fl);
      if (rc != EIS_OK)
        break;
      size_t before_s = f->n_spectra, before_d = f->n_series;
      rc = dc ? eis_table_emit_series (ctx, f, &t, 0, t.n, 1, NULL, err)
              : eis_table_emit_sweeps (ctx, f, &t, 0, 0, err);
      EisMeta *m = NULL;
      if (rc == EIS_OK)
        m = dc ? &f->series[before_d]->meta : &f->spectra[before_s]->meta;
      char tech[260];
      snprintf (tech, sizeof tech, "%s%s%s", eis_method && !eis_tech ? method : "",
                eis_method && !eis_tech && technique[0] ? ", " : "", technique);
      if (rc == EIS_OK && ((title[0] && eis_meta_set (m, "title", title) != EIS_OK)
                           || (tech[0] && eis_meta_set (m, "technique", tech) != EIS_OK)
                           || (open_line && eis_open_line_note (m, open_line) != EIS_OK)))
        rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      blocks++;
    }
  if (rc == EIS_OK && blocks == 0)
    rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: no \"primary_data\" block", ctx->name);
  eis_table_free (&t);
  free (buf);
  return rc;
}
