/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Zahner Thales/Analysis .ism (binary, big-endian): a 48-bit version (00 00 ff ff ff fe in the
 * files we know), the number of points minus one as a 48-bit integer, then arrays of N float64:
 * frequency [Hz], |Z| [Ohm], phase [rad] and time stamp [s since 1980-01-01], N int16
 * significances, then length-prefixed strings (the date as ddmmyy, notes, the time span) stored
 * with upper and lower case swapped. Z = |Z| e^{j phase}.
 *
 * Thales starts a sweep at a middle frequency, runs to one end of the range and then across the
 * whole range to the other end, so the first points are measured twice. As Zahner's own reader
 * does, only the points from the reversal to the end (the lowest to the highest frequency) are
 * kept, and the spectrum says how many were left out. */
#include "import-private.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Seconds from 1970-01-01 to 1980-01-01, the zero of Thales time stamps. */
#define THALES_EPOCH 315532800.0

static int
header_ok (const unsigned char *d, size_t n, size_t *npts)
{
  if (n < 12 || d[0] != 0 || d[1] != 0 || d[2] != 0xff || d[3] != 0xff || d[4] != 0xff)
    return 0;
  uint64_t k = 0;
  for (int i = 6; i < 12; i++)
    k = (k << 8) | d[i];
  if (k >= ((uint64_t) 1 << 31))   /* negative or absurd: not a point count */
    return 0;
  *npts = (size_t) k + 1;
  return 1;
}

int
eis_zahner_detect (const EisImportCtx *ctx)
{
  size_t k;
  if (!header_ok (ctx->raw, ctx->raw_len, &k))
    return 0;
  if (ctx->raw_len < 12 + 8)
    return 30;
  double f0 = eis_be_f64 (ctx->raw + 12);
  return isfinite (f0) && f0 > 0 ? 90 : 30;
}

/* Reads a length-prefixed (big-endian 16-bit) string at *P, un-swapping the letter case. */
static int
read_string (const unsigned char *d, size_t n, size_t *p, char *out, size_t cap)
{
  if (*p + 2 > n)
    return -1;
  size_t len = eis_be16 (d + *p);
  if (*p + 2 + len > n || len >= cap)
    return -1;
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = d[*p + 2 + i];
      if (c < 0x20 || c > 0x7e)
        c = '?';
      else if (isupper (c))
        c = (unsigned char) tolower (c);
      else if (islower (c))
        c = (unsigned char) toupper (c);
      out[i] = (char) c;
    }
  out[len] = '\0';
  *p += 2 + len;
  return 0;
}

int
eis_zahner_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  const unsigned char *d = ctx->raw;
  size_t n = ctx->raw_len, k;
  if (!header_ok (d, n, &k))
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: byte 0: not a Zahner .ism file (expected ff ff ff fe at byte 2)",
                          ctx->name);
  size_t need = 12 + k * (4 * 8 + 2);
  if (need > n)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: byte %zu: the header announces %zu points (%zu bytes) but the file has %zu bytes (truncated?)",
                          ctx->name, (size_t) 10, k, need, n);
  EisTable t;
  eis_table_init (&t, 4);
  const unsigned char *fr = d + 12, *mod = fr + 8 * k, *ph = mod + 8 * k, *tm = ph + 8 * k;
  int rc = EIS_OK;
  /* The sweep proper: from the reversal (the first extreme) to the other extreme. */
  size_t imin = 0, imax = 0;
  for (size_t i = 1; i < k; i++)
    {
      double fi = eis_be_f64 (fr + 8 * i);
      if (fi < eis_be_f64 (fr + 8 * imin))
        imin = i;
      if (fi > eis_be_f64 (fr + 8 * imax))
        imax = i;
    }
  size_t from = imin < imax ? imin : imax, to = imin < imax ? imax : imin;
  while (from < to && eis_be_f64 (fr + 8 * (from + 1)) == eis_be_f64 (fr + 8 * from))
    from++;                        /* the reversal point measured twice */
  if (k < 2 || to == from)
    from = 0, to = k - 1;          /* one point, or no numbers: let the checks below speak */
  /* Time stamps: seconds since the first point kept, when they look like time stamps. */
  double t0 = INFINITY;
  int stamps = 1;
  for (size_t i = from; i <= to; i++)
    {
      double ts = eis_be_f64 (tm + 8 * i);
      if (!isfinite (ts) || ts < 0 || ts > 4e9)
        stamps = 0;
      else if (ts < t0)
        t0 = ts;
    }
  for (size_t i = from; i <= to; i++)
    {
      double fhz = eis_be_f64 (fr + 8 * i), m = eis_be_f64 (mod + 8 * i), p = eis_be_f64 (ph + 8 * i);
      if (!isfinite (fhz) || !isfinite (m) || !isfinite (p))
        {
          rc = eis_error_set (err, EIS_ERR_DATA, "%s: byte %zu: point %zu is not a finite number",
                              ctx->name, (size_t) (fr + 8 * i - d), i + 1);
          goto out;
        }
      double v[4] = { fhz, m * cos (p), m * sin (p), stamps ? eis_be_f64 (tm + 8 * i) - t0 : NAN };
      if (eis_table_push (&t, v, 0, 0) != EIS_OK)
        {
          rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
          goto out;
        }
    }
  /* Optional strings: the date (ddmmyy), notes, and the time span "hh:mm:ss - hh:mm:ss". */
  size_t p = need;
  char s[8][128];
  int ns = 0;
  int span_read = 0;
  while (ns < 8 && read_string (d, n, &p, s[ns], sizeof s[ns]) == 0)
    {
      span_read |= strchr (s[ns], ':') && strstr (s[ns], " - ");
      ns++;
    }
  /* A file cut short in its strings (before the time span, the last one Thales writes): the
   * announced length runs past the end, as a text file's last row without its fields. */
  if (ns < 8 && !span_read && p < n && (p + 2 > n || p + 2 + (size_t) eis_be16 (d + p) > n))
    {
      if (p + 2 > n)
        rc = eis_error_set (err, EIS_ERR_FORMAT,
                            "%s: byte %zu: the file ends in the length of string %d after the "
                            "points: the file was cut short here (get the whole file)",
                            ctx->name, p, ns + 1);
      else
        rc = eis_error_set (err, EIS_ERR_FORMAT,
                            "%s: byte %zu: string %d after the points announces %u bytes, but "
                            "the file ends %zu bytes later: the file was cut short here (get the "
                            "whole file)", ctx->name, p, ns + 1, eis_be16 (d + p), n - p - 2);
      goto out;
    }
  /* The start: "151021" and "07:14:31 - 07:15:31" give 2021-10-15 07:14:31 (years before 70
   * are 20xx, as Zahner reads them); else the first point's time stamp; else the raw strings. */
  char when[300] = "", note[600] = "";
  int si = -1;
  for (int i = ns - 1; i > 0 && si < 0; i--)
    if (strchr (s[i], ':') && strstr (s[i], " - "))
      si = i;
  const char *span = si > 0 ? s[si] : "";
  int dd, mo, yy, hh, mi, ss;
  time_t tt = stamps && isfinite (t0) ? (time_t) (t0 + THALES_EPOCH) : 0;
  struct tm b;
  if (ns >= 1 && strlen (s[0]) == 6 && strspn (s[0], "0123456789") == 6
      && sscanf (s[0], "%2d%2d%2d", &dd, &mo, &yy) == 3
      && sscanf (span, "%d:%d:%d", &hh, &mi, &ss) == 3 && dd >= 1 && dd <= 31
      && mo >= 1 && mo <= 12 && hh >= 0 && hh < 24 && mi >= 0 && mi < 60 && ss >= 0 && ss < 61)
    snprintf (when, sizeof when, "%04d-%02d-%02d %02d:%02d:%02d",
              yy < 70 ? 2000 + yy : 1900 + yy, mo, dd, hh, mi, ss);
  else if (stamps && isfinite (t0) && gmtime_r (&tt, &b) != NULL)
    strftime (when, sizeof when, "%Y-%m-%d %H:%M:%S", &b);
  else if (ns >= 2)
    snprintf (when, sizeof when, "%s%s%s", s[0], span[0] ? " " : "", span);
  for (int i = 1; i < ns; i++)
    if (s[i][0] && i != si)
      {
        size_t l = strlen (note);
        snprintf (note + l, sizeof note - l, "%s%s", l ? "; " : "", s[i]);
      }
  if ((when[0] && eis_meta_set (&f->meta, "start_time", when) != EIS_OK)
      || (note[0] && eis_meta_set (&f->meta, "comments", note) != EIS_OK))
    {
      rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      goto out;
    }
  if (eis_meta_set (&f->meta, "software", "Zahner Thales/Analysis (.ism)") != EIS_OK)
    {
      rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      goto out;
    }
  EisSpectrum *made = NULL;
  rc = eis_table_emit_spectrum (ctx, f, &t, 0, t.n, 1, -1, &made, err);
  if (rc == EIS_OK && made != NULL && (from > 0 || to + 1 < k))
    {
      char buf[200];
      snprintf (buf, sizeof buf, "%zu of the file's %zu points were left out: Thales measured "
                "them before the sweep reversed (as in Zahner Analysis)", k - (to - from + 1), k);
      if (eis_meta_set (&made->meta, "note", buf) != EIS_OK)
        rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
out:
  eis_table_free (&t);
  return rc;
}
