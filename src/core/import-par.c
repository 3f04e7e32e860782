/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Princeton Applied Research exports:
 * - Parstat/VersaStudio text: a tab-separated table "Potential (V), Current (A), Elapsed Time (s),
 *   Frequency (Hz), Zre (ohms), Zim (ohms) ..." where the DC hold rows have Frequency 0 (read
 *   as a DC series of elapsed time, current and potential, apart from the spectrum);
 * - PowerSuite text: "Frequency, Zre, Zimg" with CR CR LF line ends;
 * - VersaStudio .par: INI/XML-like sections, data in <Segment1> ... with a "Definition=" line
 *   naming the comma-separated columns (Frequency(Hz), Z Real, Z Imag ...).
 * All write Im(Z) as is (capacitive negative). */
#include "import-private.h"

#include <stdio.h>
#include <string.h>

int
eis_par_text_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (!eis_lines_next (&it, &s, &n) || memchr (s, '\t', n) == NULL)
    return 0;
  if (eis_find_ci (s, n, "Frequency (Hz)") && eis_find_ci (s, n, "Zre (ohms)")
      && eis_find_ci (s, n, "Zim (ohms)"))
    return 80;
  if (eis_starts_with_ci (s, n, "Frequency\t") && eis_find_ci (s, n, "Zre") && eis_find_ci (s, n, "Zimg"))
    return 80;
  return 0;
}

int
eis_par_text_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  eis_lines_next (&it, &s, &n);
  int powersuite = eis_starts_with_ci (s, n, "Frequency\t");
  if (eis_meta_set (&f->meta, "software", powersuite ? "PAR PowerSuite" : "PAR Parstat/VersaStudio") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  size_t dn;
  const char *ds = eis_text_line (ctx, 2, &dn);
  EisTableSpec spec = { 0 };
  spec.delim = '\t';
  spec.dec = ds ? eis_sniff_decimal (ds, dn, '\t') : '.';
  spec.format = f->format;
  spec.split_sweeps = 1;
  spec.drop_zero_freq = 1;
  spec.has_header = 1;
  spec.im_sign = 1;
  /* Parstat: the DC hold before the sweep (rows with frequency 0) is a DC series of its own. */
  return powersuite ? eis_read_delimited (ctx, f, ctx->text, 1, &spec, err)
                    : eis_read_delimited_dc (ctx, f, ctx->text, 1, &spec, err);
}

int
eis_versastudio_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  size_t head = ctx->text_len < 4096 ? ctx->text_len : 4096;
  if (eis_starts_with_ci (ctx->text, ctx->text_len, "<Application>")
      && (eis_find_ci (ctx->text, head, "VersaStudio") || eis_find_ci (ctx->text, ctx->text_len, "<Segment1>")))
    return 100;
  return 0;
}

int
eis_versastudio_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "", *k, *v;
  size_t n = 0, kn, vn;
  int rc = EIS_OK, segments = 0;
  char section[64] = "", date[80] = "", time_[40] = "";
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (eis_lines_next (&it, &s, &n))
    {
      const char *t = s;
      size_t tn = n;
      eis_trim (&t, &tn);
      if (tn >= 2 && t[0] == '<' && t[tn - 1] == '>')
        {
          if (t[1] == '/')
            section[0] = '\0';
          else
            snprintf (section, sizeof section, "%.*s", (int) (tn - 2 < 60 ? tn - 2 : 60), t + 1);
          continue;
        }
      if (eis_split_kv (t, tn, '=', &k, &kn, &v, &vn) != 0)
        continue;
      if (strncmp (section, "Segment", 7) == 0 && kn == 10 && eis_starts_with_ci (k, kn, "Definition"))
        {
          /* The Definition line is the header: its first name carries "Definition=". */
          EisTableSpec spec = { 0 };
          spec.delim = ',';
          spec.dec = '.';
          spec.format = "versastudio-par";
          spec.split_sweeps = 1;
          spec.zero_freq_next = 1;   /* a segment of DC rows only is a DC series */
          spec.stop_at_text = 1;
          spec.has_header = 1;
          spec.im_sign = 1;
          size_t before = f->n_spectra, before_dc = f->n_series;
          /* the segment's DC rows (frequency 0: the hold before a sweep, or a DC technique)
           * as a DC series of their own */
          rc = eis_read_delimited_dc (ctx, f, v, it.lineno, &spec, err);
          if (rc == EIS_OK && f->n_spectra == before && f->n_series == before_dc)
            rc = eis_error_set (err, EIS_ERR_FORMAT, "line %zu: neither impedance rows nor a DC series "
                                "(time, current) in the segment", it.lineno);
          if (rc != EIS_OK)
            {
              eis_error_prefix (err, "%s: %s: ", ctx->name, section);
              return rc;
            }
          for (size_t i = before; i < f->n_spectra; i++)
            if (eis_meta_set (&f->spectra[i]->meta, "segment", section) != EIS_OK)
              return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
          for (size_t i = before_dc; i < f->n_series; i++)
            if (eis_meta_set (&f->series[i]->meta, "segment", section) != EIS_OK)
              return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
          segments++;
          continue;
        }
      if (strcmp (section, "Application") == 0 && kn == 7 && eis_starts_with_ci (k, kn, "Version"))
        {
          char buf[80];
          snprintf (buf, sizeof buf, "VersaStudio %.*s", (int) (vn < 40 ? vn : 40), v);
          rc = eis_meta_set (&f->meta, "software", buf);
        }
      else if (strcmp (section, "Instrument") == 0 && kn == 4 && eis_starts_with_ci (k, kn, "Type"))
        rc = eis_meta_setn (&f->meta, "instrument", v, vn);
      else if (strcmp (section, "Experiment") == 0 && eis_starts_with_ci (k, kn, "DateAcquired"))
        snprintf (date, sizeof date, "%.*s", (int) (vn < 70 ? vn : 70), v);
      else if (strcmp (section, "Experiment") == 0 && eis_starts_with_ci (k, kn, "TimeAcquired"))
        snprintf (time_, sizeof time_, "%.*s", (int) (vn < 30 ? vn : 30), v);
      else if (eis_starts_with_ci (k, kn, "Working Electrode Area (cm2)"))
        {
          double x;
          if (eis_parse_number (v, vn, '.', &x) == 0 && x > 0)
            rc = eis_meta_set_double (&f->meta, "area_cm2", x);
        }
      if (rc != EIS_OK)
        return eis_error_set (err, rc, "%s: out of memory", ctx->name);
    }
  if (date[0] || time_[0])
    {
      char buf[128];
      snprintf (buf, sizeof buf, "%s%s%s", date, date[0] && time_[0] ? " " : "", time_);
      if (eis_meta_set (&f->meta, "start_time", buf) != EIS_OK)
        return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  if (segments == 0)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: no data segment (<Segment1> with a Definition= line) found",
                          ctx->name);
  /* the file ends inside a data segment (no </SegmentN>): cut at a line boundary, it would read
   * as a shorter sweep without a word */
  if (strncmp (section, "Segment", 7) == 0)
    {
      char buf[200];
      int m = snprintf (buf, sizeof buf, "the file ends inside <%s> (no </%s> after its rows): "
                        "cut short?", section, section);
      EisMeta *meta = f->n_spectra ? &f->spectra[f->n_spectra - 1]->meta
                      : f->n_series ? &f->series[f->n_series - 1]->meta : &f->meta;
      if (m < 0 || eis_meta_appendn (meta, "warning", buf,
                                     (size_t) m < sizeof buf ? (size_t) m : sizeof buf - 1)
          != EIS_OK)
        return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  return EIS_OK;
}
