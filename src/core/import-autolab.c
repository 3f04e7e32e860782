/* Metrohm Autolab NOVA ASCII/CSV exports and RelaxIS spectrum exports.
 * NOVA: one table with a header such as "Index, Frequency (Hz), Z' (Ω), -Z'' (Ω), Z (Ω),
 * -Phase (°), Time (s)" (tab/point or semicolon/comma variants; -Z'' negated back), or for
 * chronoamperometry "Time (s), WE(1).Current (A), WE(1).Potential (V)". The generic reader
 * reads the table; this file only recognises the export and names it.
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

int
eis_autolab_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  if (eis_meta_set (&f->meta, "software", "Metrohm Autolab NOVA") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return eis_csv_read (ctx, f, err);
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
