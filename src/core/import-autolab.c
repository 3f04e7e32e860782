/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Metrohm Autolab NOVA ASCII/CSV exports and RelaxIS spectrum exports.
 * NOVA: one table with a header such as "Index;Frequency (Hz);Z' (Ω);-Z'' (Ω);Z (Ω);
 * -Phase (°);Time (s)" (semicolon, tab or comma between fields; decimal point or comma), or for
 * chronoamperometry "Time (s);WE(1).Potential (V);WE(1).Current (A);Corrected time (s);Index;
 * Current range". NOVA exports whatever signals a procedure recorded side by side, so the table
 * is read by the names NOVA gives its signals: the frequency is "Frequency (Hz)" (not
 * "ω (rad/s)"), the spectrum's time the "Time (s)" after it, a DC series' time "Corrected time
 * (s)" (zero at the step) when present; rows where those fields are empty (another part of the
 * procedure) are skipped, and text columns ("1 mA") are ignored.
 * RelaxIS 3 spectrum export: "RelaxIS 3.0 Spectrum export", a date line, a tab-separated header
 * "Data: Frequency, Data: Z', Data: Z'' ...", and per spectrum a parameter line
 * ("DC=..., TM=..., J=...") followed by its rows. Z'' is Im(Z) as is. */
#include "import-private.h"

#include <stdio.h>
#include <string.h>

int
eis_autolab_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 5 && eis_lines_next (&it, &s, &n))
    {
      if (eis_find_ci (s, n, "Frequency (Hz)")
          && (eis_find_ci (s, n, "Z' (\xce\xa9)") || eis_find_ci (s, n, "-Z'' (\xce\xa9)")))
        return 70;
      if (eis_find_ci (s, n, "WE(1).Current (A)"))
        return 70;
    }
  return 0;
}

/* Index of the field of FL named NAME (case-insensitive, exact), from FROM on; -1 if none. */
static int
field_named (const EisFields *fl, const char *name, size_t from)
{
  size_t len = strlen (name);
  for (size_t i = from; i < fl->n; i++)
    if (fl->len[i] == len && eis_starts_with_ci (fl->p[i], fl->len[i], name))
      return (int) i;
  return -1;
}

int
eis_autolab_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  if (eis_meta_set (&f->meta, "software", "Metrohm Autolab NOVA") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  /* The header: the first line naming a NOVA signal; its separator is the table's. */
  EisLineIter it;
  const char *s = "", *hdr = NULL;
  size_t n = 0, hn = 0, hline = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 5 && eis_lines_next (&it, &s, &n))
    if (eis_find_ci (s, n, "Frequency (Hz)") || eis_find_ci (s, n, "WE(1).Current (A)"))
      {
        hdr = s;
        hn = n;
        hline = it.lineno;
        break;
      }
  if (hdr == NULL)
    return eis_csv_read (ctx, f, err);
  size_t semi = 0, tab = 0, comma = 0;
  for (size_t i = 0; i < hn; i++)
    semi += hdr[i] == ';', tab += hdr[i] == '\t', comma += hdr[i] == ',';
  char delim = semi >= tab && semi >= comma ? ';' : tab >= comma ? '\t' : ',';
  char dec = '.';
  while (eis_lines_next (&it, &s, &n))
    if (n > 0 && s[0] != delim && !(n == 1 && s[0] == '\r'))
      {
        dec = eis_sniff_decimal (s, n, delim);
        break;
      }
  EisFields fl = { 0 };
  if (eis_fields_split (&fl, hdr, hn, delim) != EIS_OK)
    {
      eis_fields_free (&fl);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  char cols[160] = "";
  int fc = field_named (&fl, "Frequency (Hz)", 0);
  if (fc >= 0)
    {
      int re = field_named (&fl, "Z' (\xce\xa9)", 0), im = field_named (&fl, "-Z'' (\xce\xa9)", 0);
      int im_plain = field_named (&fl, "Z'' (\xce\xa9)", 0);
      int mod = field_named (&fl, "Z (\xce\xa9)", 0), ph = field_named (&fl, "-Phase (\xc2\xb0)", 0);
      int tc = field_named (&fl, "Time (s)", (size_t) fc + 1);
      if (re >= 0 && (im >= 0 || im_plain >= 0))
        snprintf (cols, sizeof cols, "f=%d,re=%d,%s=%d", fc + 1, re + 1, im >= 0 ? "-im" : "im",
                  (im >= 0 ? im : im_plain) + 1);
      else if (mod >= 0 && ph >= 0)
        snprintf (cols, sizeof cols, "f=%d,mod=%d,-phase=%d", fc + 1, mod + 1, ph + 1);
      if (cols[0] && tc >= 0)
        snprintf (cols + strlen (cols), sizeof cols - strlen (cols), ",t=%d", tc + 1);
      /* NOVA's fit and simulation results have the same columns next to the fit's own. */
      if (field_named (&fl, "Number of iterations", 0) >= 0 || field_named (&fl, "Convergence", 0) >= 0
          || eis_find_ci (hdr, hn, "Error Z'"))
        if (eis_meta_set (&f->meta, "warning", "this NOVA export holds fit or simulation "
                          "results (columns \"Error Z' (%)\", \"Convergence\"): its impedance is "
                          "a model's, not a measurement") != EIS_OK)
          cols[0] = '\0';
    }
  else
    {
      int tc = field_named (&fl, "Corrected time (s)", 0);
      if (tc < 0)
        tc = field_named (&fl, "Time (s)", 0);
      int ic = field_named (&fl, "WE(1).Current (A)", 0), vc = field_named (&fl, "WE(1).Potential (V)", 0);
      if (tc >= 0 && ic >= 0)
        snprintf (cols, sizeof cols, "t=%d,i=%d", tc + 1, ic + 1);
      if (cols[0] && vc >= 0)
        snprintf (cols + strlen (cols), sizeof cols - strlen (cols), ",v=%d", vc + 1);
    }
  eis_fields_free (&fl);
  if (cols[0] == '\0')
    return eis_csv_read (ctx, f, err);   /* signals we do not know by name: the generic reader */
  EisTableSpec spec = { 0 };
  spec.delim = delim;
  spec.dec = dec;
  spec.format = f->format;
  spec.split_sweeps = 1;
  spec.has_header = 1;
  spec.skip_empty = 1;
  spec.im_sign = 1;
  int rc = eis_read_delimited_cols (ctx, f, hdr, hline, &spec, cols, err);
  const char *w = eis_meta_get (&f->meta, "warning");
  for (size_t i = 0; rc == EIS_OK && w && i < f->n_spectra; i++)
    if (eis_meta_set (&f->spectra[i]->meta, "warning", w) != EIS_OK)
      rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return rc;
}

int
eis_relaxis_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (eis_lines_next (&it, &s, &n) && eis_starts_with_ci (s, n, "RelaxIS")
      && eis_find_ci (s, n, "export"))
    return 100;
  return 0;
}

/* Stores "DC=-0.08, TM=33.7, J=-5E-6" as meta relaxis_DC, relaxis_TM ... of S. */
static int
param_meta (EisSpectrum *s, const char *p, size_t n)
{
  const char *e = memchr (p, '\t', n);
  size_t m = e ? (size_t) (e - p) : n;
  while (m > 0)
    {
      const char *c = memchr (p, ',', m);
      size_t l = c ? (size_t) (c - p) : m;
      const char *k, *v;
      size_t kn, vn;
      if (eis_split_kv (p, l, '=', &k, &kn, &v, &vn) == 0 && kn > 0 && kn < 40)
        {
          char key[64];
          snprintf (key, sizeof key, "relaxis_%.*s", (int) kn, k);
          if (eis_meta_setn (&s->meta, key, v, vn) != EIS_OK)
            return EIS_ERR_NOMEM;
        }
      if (c == NULL)
        break;
      m -= l + 1;
      p = c + 1;
    }
  return EIS_OK;
}

int
eis_relaxis_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  eis_lines_next (&it, &s, &n);
  if (eis_meta_setn (&f->meta, "software", s, n) != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  const char *hdr = NULL;
  size_t hline = 0;
  while (eis_lines_next (&it, &s, &n))
    if (eis_find_ci (s, n, "Frequency") && memchr (s, '\t', n))
      {
        hdr = s;
        hline = it.lineno;
        break;
      }
  if (hdr == NULL)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: no column line (\"Data: Frequency <tab> Data: Z' ...\") found", ctx->name);
  EisTableSpec spec = { 0 };
  spec.delim = '\t';
  spec.dec = '.';
  spec.format = "relaxis";
  spec.split_sweeps = 1;
  spec.has_header = 1;
  spec.im_sign = 1;
  int rc = eis_read_delimited_cols (ctx, f, hdr, hline, &spec, "f=1,re=2,im=3", err);
  if (rc != EIS_OK)
    return rc;
  /* Parameter lines, in order, belong to the spectra that follow them. */
  size_t k = 0, params = 0;
  it.p = hdr;
  it.lineno = hline - 1;
  eis_lines_next (&it, &s, &n);
  while (eis_lines_next (&it, &s, &n))
    if (n > 3 && memchr (s, '=', n) && (s[0] < '0' || s[0] > '9') && s[0] != '-')
      params++;
  if (params == f->n_spectra)
    {
      it.p = hdr;
      it.lineno = hline - 1;
      eis_lines_next (&it, &s, &n);
      while (eis_lines_next (&it, &s, &n) && k < f->n_spectra)
        if (n > 3 && memchr (s, '=', n) && (s[0] < '0' || s[0] > '9') && s[0] != '-')
          if (param_meta (f->spectra[k++], s, n) != EIS_OK)
            return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  return EIS_OK;
}
