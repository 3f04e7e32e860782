/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CH Instruments impedance text export ("A.C. Impedance"): a date line, the technique, header
 * lines "Key: value" and "Init E (V) = 0", then "Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg"
 * and comma-separated rows. Z" is Im(Z) (capacitive negative), kept as is. */
#include "import-private.h"

#include <stdio.h>
#include <string.h>

int
eis_chi_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  const char *s = "";
  size_t n = 0;
  EisLineIter it;
  int imp = 0, chi = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < 12 && eis_lines_next (&it, &s, &n))
    {
      if (eis_starts_with_ci (s, n, "A.C. Impedance"))
        imp = 1;
      if (eis_starts_with_ci (s, n, "Instrument Model:") && eis_find_ci (s, n, "CHI"))
        chi = 1;
    }
  return imp && chi ? 100 : imp ? 70 : 0;
}

int
eis_chi_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "", *k, *v;
  size_t n = 0, kn, vn;
  int rc = EIS_OK;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (eis_lines_next (&it, &s, &n))
    {
      if (it.lineno == 1)
        rc = eis_meta_setn (&f->meta, "start_time", s, n);
      else if (it.lineno == 2)
        rc = eis_meta_setn (&f->meta, "technique", s, n);
      else if (eis_starts_with_ci (s, n, "Freq"))
        break;
      else if (eis_split_kv (s, n, '=', &k, &kn, &v, &vn) == 0)
        {
          double x;
          if (eis_starts_with_ci (k, kn, "Init E (V)") && eis_parse_number (v, vn, '.', &x) == 0)
            rc = eis_meta_set_double (&f->meta, "applied_voltage_v", x);
        }
      else if (eis_split_kv (s, n, ':', &k, &kn, &v, &vn) == 0)
        {
          if (eis_starts_with_ci (k, kn, "Instrument Model"))
            rc = eis_meta_setn (&f->meta, "instrument", v, vn);
        }
      if (rc != EIS_OK)
        return eis_error_set (err, rc, "%s: out of memory", ctx->name);
    }
  if (!eis_starts_with_ci (s, n, "Freq"))
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: no column line (\"Freq/Hz, Z'/ohm, Z\"/ohm ...\") found", ctx->name);
  EisTableSpec spec = { 0 };
  spec.delim = ',';
  spec.dec = '.';
  spec.format = "chi";
  spec.split_sweeps = 1;
  spec.has_header = 1;
  spec.im_sign = 1;
  return eis_read_delimited (ctx, f, s, it.lineno, &spec, err);
}
