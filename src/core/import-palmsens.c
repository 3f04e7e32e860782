/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PalmSens PSTrace CSV export: UTF-16LE with BOM (decoded before we see it), a preamble of
 * "Key:,value" lines (File date, Measurement, Notes, Date and time), then one comma-separated
 * table: "freq / Hz, neg. Phase / °, Idc / uA, Z / Ohm, Z' / Ohm, -Z'' / Ohm, Cs / F," (PSTrace
 * writes -Z'': negated back by the column reader), or for chronoamperometry a count line
 * ("121 data points") and bare units as column names ("s,µA," : time and current, read by their
 * unit). The table itself is read by the generic reader.
 * Several curves exported together stand side by side, two columns each: a title line
 * ("Chronoamperometry: CA i vs t,,Chronoamperometry [1]: CA i vs t,"), a "Date and time
 * measurement:" line with each curve's start, then the units ("s,µA,s,µA"); each pair of time
 * and current columns is one DC series, a shorter curve's rows end in empty fields. */
#include "import-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Number of time/current column pairs when FL are the units of curves side by side
 * ("s,µA,s,µA"), else 0. */
static size_t
curve_pairs (const EisFields *fl)
{
  if (fl->n < 2 || fl->n % 2 != 0)
    return 0;
  double sc;
  for (size_t i = 0; i < fl->n; i += 2)
    if (eis_unit_lookup (fl->p[i], fl->len[i], &sc) != EIS_Q_TIME
        || eis_unit_lookup (fl->p[i + 1], fl->len[i + 1], &sc) != EIS_Q_CURRENT)
      return 0;
  return fl->n / 2;
}

/* Field I of the line S (N bytes), split at commas, into BUF; "" when absent. */
static void
field_of (EisFields *fl, const char *s, size_t n, size_t i, char *buf, size_t cap)
{
  buf[0] = '\0';
  if (s && eis_fields_split (fl, s, n, ',') == EIS_OK && i < fl->n)
    snprintf (buf, cap, "%.*s", (int) fl->len[i], fl->p[i]);
}

/* Curves side by side: one DC series per column pair, named by its title and start. */
static int
read_curves (const EisImportCtx *ctx, EisDataFile *f, const char *units, size_t units_line,
             size_t pairs, const char *title, size_t title_n, const char *date, size_t date_n,
             EisError *err)
{
  EisFields fl = { 0 };
  int rc = EIS_OK;
  for (size_t c = 0; c < pairs && rc == EIS_OK; c++)
    {
      char cols[64], name[200], when[64];
      snprintf (cols, sizeof cols, "t=%zu,i=%zu", 2 * c + 1, 2 * c + 2);
      EisTableSpec spec = { 0 };
      spec.delim = ',';
      spec.dec = '.';
      spec.format = f->format;
      spec.has_header = 1;
      spec.skip_empty = 1;
      spec.stop_at_text = 1;
      size_t before = f->n_series;
      rc = eis_read_delimited_cols (ctx, f, units, units_line, &spec, cols, err);
      if (rc != EIS_OK || f->n_series == before)
        break;
      EisSeries *se = f->series[before];
      field_of (&fl, title, title_n, 2 * c, name, sizeof name);
      field_of (&fl, date, date_n, 2 * c + 1, when, sizeof when);
      if ((name[0] && eis_meta_set (&se->meta, "technique", name) != EIS_OK)
          || (when[0] && eis_meta_set (&se->meta, "start_time", when) != EIS_OK))
        rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  eis_fields_free (&fl);
  return rc;
}

int
eis_palmsens_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  int pre = 0, cols = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 15 && eis_lines_next (&it, &s, &n))
    {
      if (eis_starts_with_ci (s, n, "Date and time:,") || eis_starts_with_ci (s, n, "Measurement:,")
          || eis_starts_with_ci (s, n, "File date:,") || eis_starts_with_ci (s, n, "Date and time measurement:,"))
        pre = 1;
      if (eis_find_ci (s, n, "freq / Hz") || eis_find_ci (s, n, "-Z'' / Ohm")
          || eis_find_ci (s, n, "I / \xc2\xb5" "A") || eis_find_ci (s, n, "I / uA")
          || eis_starts_with_ci (s, n, "s,") || eis_starts_with_ci (s, n, "t / s,")
          || eis_starts_with_ci (s, n, "time / s,"))
        cols = 1;
    }
  return pre && cols ? 90 : pre ? 40 : 0;
}

int
eis_palmsens_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  const char *s = "", *k, *v;
  size_t n = 0, kn, vn;
  EisLineIter it;
  int rc = EIS_OK;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 30 && eis_lines_next (&it, &s, &n))
    {
      if (eis_split_kv (s, n, ',', &k, &kn, &v, &vn) != 0 || kn == 0 || k[kn - 1] != ':')
        continue;
      while (vn > 0 && v[vn - 1] == ',')
        vn--;
      if (eis_starts_with_ci (k, kn, "Measurement:"))
        rc = eis_meta_setn (&f->meta, "technique", v, vn);
      else if (eis_starts_with_ci (k, kn, "Date and time"))
        {
          const char *comma = memchr (v, ',', vn);   /* one date per curve side by side */
          rc = eis_meta_setn (&f->meta, "start_time", v, comma ? (size_t) (comma - v) : vn);
        }
      else if (eis_starts_with_ci (k, kn, "Notes:"))
        rc = eis_meta_setn (&f->meta, "comments", v, vn);
      if (rc != EIS_OK)
        return eis_error_set (err, rc, "%s: out of memory", ctx->name);
    }
  /* "39 freqs": the number of frequencies of an impedance scan, before its column names */
  size_t freqs = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 30 && eis_lines_next (&it, &s, &n))
    {
      const char *t = s;
      size_t tn = n;
      eis_trim (&t, &tn);
      while (tn > 0 && t[tn - 1] == ',')
        tn--;
      size_t d = 0;
      while (d < tn && t[d] >= '0' && t[d] <= '9')
        d++;
      if (d > 0 && d < 10 && tn == d + 6 && memcmp (t + d, " freqs", 6) == 0)
        {
          freqs = (size_t) strtoul (t, NULL, 10);
          break;
        }
    }
  if (eis_meta_set (&f->meta, "software", "PalmSens PSTrace") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  /* Curves side by side: the units line, after a "Date and time measurement:" line. */
  const char *prev = NULL, *prev2 = NULL;
  size_t prev_n = 0, prev2_n = 0;
  EisFields fl = { 0 };
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 30 && eis_lines_next (&it, &s, &n))
    {
      if (prev && eis_starts_with_ci (prev, prev_n, "Date and time measurement:,")
          && eis_fields_split (&fl, s, n, ',') == EIS_OK)
        {
          size_t pairs = curve_pairs (&fl);
          if (pairs >= 2)
            {
              eis_fields_free (&fl);
              return read_curves (ctx, f, s, it.lineno, pairs, prev2, prev2_n, prev, prev_n, err);
            }
        }
      prev2 = prev, prev2_n = prev_n;
      prev = s, prev_n = n;
    }
  eis_fields_free (&fl);
  rc = eis_csv_read (ctx, f, err);
  /* a file cut at a line boundary reads as a shorter scan: said, as for Gamry's count */
  if (rc == EIS_OK && freqs > 0 && f->n_spectra == 1 && f->spectra[0]->n < freqs)
    {
      char buf[200];
      int m = snprintf (buf, sizeof buf, "the header announces %zu points (%zu freqs), the file "
                        "holds %zu: cut short?", freqs, freqs, f->spectra[0]->n);
      if (m < 0 || eis_meta_appendn (&f->spectra[0]->meta, "warning", buf,
                                     (size_t) m < sizeof buf ? (size_t) m : sizeof buf - 1)
          != EIS_OK)
        return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  return rc;
}
