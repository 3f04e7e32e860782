/* Zahner Thales/Analysis .ism (binary, big-endian): a 12-byte header (bytes 2-5 ff ff ff fe,
 * bytes 10-11 the number of points minus one), then arrays of N float64: frequency [Hz], |Z|
 * [Ohm], phase [rad] and time [s], N int16 significances, then length-prefixed strings (date,
 * notes, time span) stored with upper and lower case swapped. Z = |Z| e^{j phase}. */
#include "import-private.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int
header_ok (const unsigned char *d, size_t n, size_t *npts)
{
  if (n < 12 || d[2] != 0xff || d[3] != 0xff || d[4] != 0xff || d[5] != 0xfe)
    return 0;
  size_t k = (size_t) eis_be16 (d + 10) + 1;
  *npts = k;
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
  for (size_t i = 0; i < k; i++)
    {
      double fhz = eis_be_f64 (fr + 8 * i), m = eis_be_f64 (mod + 8 * i), p = eis_be_f64 (ph + 8 * i);
      if (!isfinite (fhz) || !isfinite (m) || !isfinite (p))
        {
          rc = eis_error_set (err, EIS_ERR_DATA, "%s: byte %zu: point %zu is not a finite number",
                              ctx->name, (size_t) (fr + 8 * i - d), i + 1);
          goto out;
        }
      double v[4] = { fhz, m * cos (p), m * sin (p), eis_be_f64 (tm + 8 * i) };
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
  while (ns < 8 && read_string (d, n, &p, s[ns], sizeof s[ns]) == 0)
    ns++;
  if (ns >= 2)
    {
      char when[300], note[600] = "";
      int si = -1;
      for (int i = ns - 1; i > 0 && si < 0; i--)
        if (strchr (s[i], ':') && strstr (s[i], " - "))
          si = i;
      const char *span = si > 0 ? s[si] : "";
      snprintf (when, sizeof when, "%s%s%s", s[0], span[0] ? " " : "", span);
      for (int i = 1; i < ns; i++)
        if (s[i][0] && i != si)
          {
            size_t l = strlen (note);
            snprintf (note + l, sizeof note - l, "%s%s", l ? "; " : "", s[i]);
          }
      if (eis_meta_set (&f->meta, "start_time", when) != EIS_OK
          || (note[0] && eis_meta_set (&f->meta, "comments", note) != EIS_OK))
        {
          rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
          goto out;
        }
    }
  if (eis_meta_set (&f->meta, "software", "Zahner Thales/Analysis (.ism)") != EIS_OK)
    {
      rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      goto out;
    }
  rc = eis_table_emit_spectrum (ctx, f, &t, 0, t.n, 1, -1, NULL, err);
out:
  eis_table_free (&t);
  return rc;
}
