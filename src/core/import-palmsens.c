/* PalmSens PSTrace CSV export: UTF-16LE with BOM (decoded before we see it), a preamble of
 * "Key:,value" lines (File date, Measurement, Notes, Date and time), then one comma-separated
 * table: "freq / Hz, neg. Phase / °, Idc / uA, Z / Ohm, Z' / Ohm, -Z'' / Ohm, Cs / F," (PSTrace
 * writes -Z'': negated back by the column reader), or for chronoamperometry a count line
 * ("121 data points") and bare units as column names ("s,µA," : time and current, read by their
 * unit). The table itself is read by the generic reader. */
#include "import-private.h"

#include <stdio.h>
#include <string.h>

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
        rc = eis_meta_setn (&f->meta, "start_time", v, vn);
      else if (eis_starts_with_ci (k, kn, "Notes:"))
        rc = eis_meta_setn (&f->meta, "comments", v, vn);
      if (rc != EIS_OK)
        return eis_error_set (err, rc, "%s: out of memory", ctx->name);
    }
  if (eis_meta_set (&f->meta, "software", "PalmSens PSTrace") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return eis_csv_read (ctx, f, err);
}
