/* IviumSoft text export of an impedance scan: one tab-separated table with the header
 * "freq. /Hz <tab> Z1 /ohm <tab> Z2 /ohm" where Z1 is Z' and Z2 is Im(Z) as is (capacitive
 * negative). The generic reader reads the table; this file recognises the export and names it.
 * (IviumSoft's DC exports, "time /s <tab> I /mA <tab> E /V", are plain generic tables.) */
#include "import-private.h"

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
