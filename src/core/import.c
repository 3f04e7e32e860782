/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading instrument files: the file is read once into memory, its text decoded to UTF-8,
 * its format recognised from the content (never from the file name), then handed to the
 * importer of that format. */
#include "import-private.h"

#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Every format, most specific first; "csv" is the fallback for any delimited text. */
static const EisImporter importers[] = {
  { "biologic-mpr", "BioLogic EC-Lab binary (.mpr)", eis_biologic_mpr_detect, eis_biologic_mpr_read, 1 },
  { "zahner-ism", "Zahner Thales/Analysis binary (.ism)", eis_zahner_detect, eis_zahner_read, 1 },
  { "ivium-idf", "IviumSoft data file (.idf, .ids)", eis_ivium_idf_detect, eis_ivium_idf_read, 1 },
  { "xlsx", "Office Open XML workbook (.xlsx), one spectrum per sheet", eis_xlsx_detect, eis_xlsx_read, 1 },
  { "ods", "OpenDocument spreadsheet (.ods), one spectrum per sheet", eis_ods_detect, eis_ods_read, 1 },
  { "fods", "flat OpenDocument spreadsheet (.fods), one spectrum per sheet", eis_fods_detect, eis_fods_read, 0 },
  { "biologic-mpt", "BioLogic EC-Lab text export (.mpt)", eis_biologic_mpt_detect, eis_biologic_mpt_read, 0 },
  { "gamry-dta", "Gamry Framework .DTA", eis_gamry_detect, eis_gamry_read, 0 },
  { "zplot", "Scribner ZPlot ZPLOT2 ASCII (.z)", eis_zplot_detect, eis_zplot_read, 0 },
  { "zplotw", "Scribner ZPlotW text (.z) and ZView data files", eis_zplotw_detect, eis_zview_text_read, 0 },
  { "z60w", "Scribner/ZView Z60W text", eis_z60w_detect, eis_zview_text_read, 0 },
  { "chi", "CH Instruments impedance text export", eis_chi_detect, eis_chi_read, 0 },
  { "par-text", "Princeton Applied Research Parstat/PowerSuite text", eis_par_text_detect, eis_par_text_read, 0 },
  { "versastudio-par", "Princeton Applied Research VersaStudio .par", eis_versastudio_detect, eis_versastudio_read, 0 },
  { "palmsens-csv", "PalmSens PSTrace CSV export", eis_palmsens_detect, eis_palmsens_read, 0 },
  { "palmsens-pssession", "PalmSens PSTrace session (.pssession, UTF-16 JSON)", eis_pssession_detect, eis_pssession_read, 0 },
  { "autolab", "Metrohm Autolab NOVA ASCII/CSV export", eis_autolab_detect, eis_autolab_read, 0 },
  { "relaxis", "RelaxIS spectrum export", eis_relaxis_detect, eis_relaxis_read, 0 },
  { "ivium", "IviumSoft impedance text export", eis_ivium_detect, eis_ivium_read, 0 },
  { "p00", ".P00 impedance text export (Procedure header, point count, f/Hz Z'/Ohm -Z''/Ohm rows)",
    eis_p00_detect, eis_p00_read, 0 },
  { "autolab-dfr", "Eco Chemie / Autolab FRA data file (.dfr)", eis_dfr_detect, eis_dfr_read, 0 },
  { "csv", "generic delimited text (comma, semicolon, tab or space separated)",
    eis_csv_detect, eis_csv_read, 0 },
};

#define N_IMPORTERS (sizeof importers / sizeof importers[0])

const char *const *
eis_import_format_names (void)
{
  static const char *names[N_IMPORTERS + 1];
  if (names[0] == NULL)
    for (size_t i = 0; i < N_IMPORTERS; i++)
      names[i] = importers[i].name;
  return names;
}

/* ---- decoding ---- */

/* Windows-1252 0x80..0x9F; 0 marks an undefined byte (decoded as U+FFFD). */
static const unsigned short cp1252_hi[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
  0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
  0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

static size_t
put_utf8 (char *o, unsigned cp)
{
  if (cp < 0x80)
    {
      o[0] = (char) cp;
      return 1;
    }
  if (cp < 0x800)
    {
      o[0] = (char) (0xC0 | (cp >> 6));
      o[1] = (char) (0x80 | (cp & 0x3F));
      return 2;
    }
  if (cp < 0x10000)
    {
      o[0] = (char) (0xE0 | (cp >> 12));
      o[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
      o[2] = (char) (0x80 | (cp & 0x3F));
      return 3;
    }
  o[0] = (char) (0xF0 | (cp >> 18));
  o[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char) (0x80 | (cp & 0x3F));
  return 4;
}

size_t
eis_utf8_valid_prefix (const unsigned char *p, size_t n)
{
  size_t i = 0;
  while (i < n)
    {
      /* Eight ASCII bytes at a time (most files are all ASCII). */
      while (i + 8 <= n)
        {
          uint64_t w;
          memcpy (&w, p + i, 8);
          if (w & UINT64_C (0x8080808080808080))
            break;
          i += 8;
        }
      if (i >= n)
        break;
      unsigned char c = p[i];
      if (c < 0x80)
        {
          i++;
          continue;
        }
      size_t k;
      unsigned cp;
      if (c >= 0xC2 && c <= 0xDF)
        k = 1, cp = c & 0x1F;
      else if (c >= 0xE0 && c <= 0xEF)
        k = 2, cp = c & 0x0F;
      else if (c >= 0xF0 && c <= 0xF4)
        k = 3, cp = c & 0x07;
      else
        return i;
      if (i + k >= n)
        return i;
      for (size_t j = 1; j <= k; j++)
        {
          if ((p[i + j] & 0xC0) != 0x80)
            return i;
          cp = (cp << 6) | (p[i + j] & 0x3F);
        }
      if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
        return i;
      i += k + 1;
    }
  return i;
}

/* Decodes RAW into UTF-8 text: either *VIEW points into RAW (valid UTF-8, BOM skipped) or
 * *OUT is a malloc'ed conversion (also in *VIEW); *ENC names the encoding.
 * Returns 0, or -1 when the content is binary (*VIEW NULL), or NOMEM. */
static int
decode_text (const unsigned char *raw, size_t n, char **out, const char **view, size_t *out_len,
             const char **enc)
{
  *out = NULL;
  *view = NULL;
  *out_len = 0;
  int utf16 = 0;                /* 1 LE, 2 BE */
  size_t skip = 0;
  if (n >= 2 && raw[0] == 0xFF && raw[1] == 0xFE)
    utf16 = 1, skip = 2;
  else if (n >= 2 && raw[0] == 0xFE && raw[1] == 0xFF)
    utf16 = 2, skip = 2;
  else if (n >= 4)
    {
      /* UTF-16 without a BOM: ASCII text shows zero bytes at every other position. */
      size_t m = n < 512 ? n & ~(size_t) 1 : 512, z_odd = 0, z_even = 0;
      for (size_t i = 0; i < m; i++)
        if (raw[i] == 0)
          {
            if (i & 1)
              z_odd++;
            else
              z_even++;
          }
      if (z_odd * 10 >= m / 2 * 9 && z_even == 0)
        utf16 = 1;
      else if (z_even * 10 >= m / 2 * 9 && z_odd == 0)
        utf16 = 2;
    }
  if (utf16)
    {
      size_t units = (n - skip) / 2;
      char *o = malloc (units * 3 + 1);
      if (o == NULL)
        return EIS_ERR_NOMEM;
      size_t k = 0;
      const unsigned char *p = raw + skip;
      for (size_t i = 0; i < units; i++)
        {
          unsigned u = utf16 == 1 ? eis_le16 (p + 2 * i) : eis_be16 (p + 2 * i);
          if (u == 0)
            {
              free (o);
              *enc = "binary";
              return -1;
            }
          if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units)
            {
              unsigned v = utf16 == 1 ? eis_le16 (p + 2 * i + 2) : eis_be16 (p + 2 * i + 2);
              if (v >= 0xDC00 && v <= 0xDFFF)
                {
                  /* 4 UTF-8 bytes for 2 units: fits the 3-per-unit budget */
                  k += put_utf8 (o + k, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                  i++;
                  continue;
                }
            }
          if (u >= 0xD800 && u <= 0xDFFF)
            u = 0xFFFD;
          k += put_utf8 (o + k, u);
        }
      o[k] = '\0';
      *out = o;
      *view = o;
      *out_len = k;
      *enc = utf16 == 1 ? "utf-16le" : "utf-16be";
      return 0;
    }
  if (n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
    skip = 3;
  const unsigned char *p = raw + skip;
  size_t m = n - skip;
  if (memchr (p, 0, m) != NULL)
    {
      *enc = "binary";
      return -1;
    }
  /* Other control characters than tab, CR, LF, FF and a trailing ^Z: binary. */
  size_t ctrl = 0;
  for (size_t i = 0; i < m && i < 65536; i++)
    if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n' && p[i] != '\f' && p[i] != 0x1A)
      ctrl++;
  if (ctrl > 0 && ctrl * 100 > (m < 65536 ? m : 65536))
    {
      *enc = "binary";
      return -1;
    }
  if (eis_utf8_valid_prefix (p, m) == m)
    {
      /* Already UTF-8: the importers read the caller's buffer itself (no copy). */
      *view = (const char *) p;
      *out_len = m;
      *enc = "utf-8";
      return 0;
    }
  /* Not UTF-8: Windows-1252, what EC-Lab and Gamry write on Western Windows PCs. */
  char *o = malloc (m * 3 + 1);
  if (o == NULL)
    return EIS_ERR_NOMEM;
  size_t k = 0;
  for (size_t i = 0; i < m; i++)
    {
      unsigned c = p[i];
      if (c >= 0x80 && c < 0xA0)
        c = cp1252_hi[c - 0x80] ? cp1252_hi[c - 0x80] : 0xFFFD;
      k += put_utf8 (o + k, c);
    }
  o[k] = '\0';
  *out = o;
  *view = o;
  *out_len = k;
  *enc = "windows-1252";
  return 0;
}

/* A short printable preview of the first bytes, for "not a format we read" messages. */
static void
preview (const unsigned char *raw, size_t n, char *buf, size_t cap)
{
  size_t k = 0;
  for (size_t i = 0; i < n && i < 16 && k + 5 < cap; i++)
    k += (size_t) snprintf (buf + k, cap - k, "%s%02x", i ? " " : "", raw[i]);
  buf[k] = '\0';
}

void
eis_file_meta_shared (const EisDataFile *f, double *area_cm2, double *temperature_k)
{
  double v;
  const char *a = eis_meta_get (&f->meta, "area_cm2");
  const char *t = eis_meta_get (&f->meta, "temperature_k");
  *area_cm2 = *temperature_k = NAN;
  if (a && eis_parse_number (a, strlen (a), '.', &v) == 0 && v > 0)
    *area_cm2 = v;
  if (t && eis_parse_number (t, strlen (t), '.', &v) == 0 && v > 0)
    *temperature_k = v;
}

/* Every key of FROM that TO does not set, into TO. */
static int
meta_add_missing (EisMeta *to, const EisMeta *from)
{
  for (size_t k = 0; k < from->n; k++)
    if (eis_meta_get (to, from->items[k].key) == NULL
        && eis_meta_set (to, from->items[k].key, from->items[k].value) != EIS_OK)
      return EIS_ERR_NOMEM;
  return EIS_OK;
}

int
eis_spectrum_share_meta (EisSpectrum *s, const EisDataFile *f, double area, double temp)
{
  if (isnan (s->area_cm2))
    s->area_cm2 = area;
  if (isnan (s->temperature_k))
    s->temperature_k = temp;
  return meta_add_missing (&s->meta, &f->meta);
}

/* Hands the file-level metadata down to every spectrum and series: area and temperature
 * (when the spectrum has none of its own) and every key the spectrum does not set. */
static int
share_meta (EisDataFile *f)
{
  double area, temp;
  eis_file_meta_shared (f, &area, &temp);
  for (size_t i = 0; i < f->n_spectra; i++)
    if (eis_spectrum_share_meta (f->spectra[i], f, area, temp) != EIS_OK)
      return EIS_ERR_NOMEM;
  for (size_t i = 0; i < f->n_series; i++)
    {
      EisSeries *s = f->series[i];
      if (isnan (s->temperature_k))
        s->temperature_k = temp;
      if (meta_add_missing (&s->meta, &f->meta) != EIS_OK)
        return EIS_ERR_NOMEM;
    }
  return EIS_OK;
}

/* The last step of every import of F (named NAME): the text encoding it was read in, unless
 * its reader said one, and the metadata its spectra share; then *OUT = F. Frees F on
 * failure. */
static int
finish_file (EisDataFile *f, const char *encoding, const char *name, EisDataFile **out,
             EisError *err)
{
  if ((eis_meta_get (&f->meta, "encoding") == NULL && encoding
       && eis_meta_set (&f->meta, "encoding", encoding) != EIS_OK)
      || share_meta (f) != EIS_OK)
    {
      eis_data_file_free (f);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", name);
    }
  *out = f;
  return EIS_OK;
}

/* A line of delimited text longer than this is refused before any importer looks at it: no
 * instrument writes one (a spectrum of 10,000 points as one row is 200 KB), and reading a
 * 255 MB line as a table of millions of fields cost a minute and gigabytes. JSON and XML
 * (.pssession, .fods) may be one line long and are not limited. */
#define EIS_MAX_LINE_BYTES ((size_t) 1 << 20)

static int
refuse_long_line (const EisImportCtx *ctx, EisError *err)
{
  const char *t = ctx->text, *end = ctx->text + ctx->text_len;
  while (t < end && (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n'))
    t++;
  if (t < end && (*t == '{' || *t == '[' || *t == '<'))
    return EIS_OK;
  size_t line = 1;
  for (const char *p = ctx->text; p < end;)
    {
      const char *q = p;
      while (q < end && *q != '\n' && *q != '\r')
        q++;
      if ((size_t) (q - p) > EIS_MAX_LINE_BYTES)
        return eis_error_set (err, EIS_ERR_FORMAT,
                              "%s:%zu: a line of %zu bytes, longer than the 1 MiB a line of "
                              "delimited text may have: not a table of measurements (no "
                              "instrument writes lines that long)", ctx->name, line,
                              (size_t) (q - p));
      if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
        q++;
      line++;
      p = q + 1;
    }
  return EIS_OK;
}

/* The error for the binary content RAW (N bytes) of NAME that no importer reads: where text
 * stops (a stray control byte after some text: a damaged file), or its first bytes. */
static int
refuse_binary (const char *name, const unsigned char *raw, size_t len, EisError *err)
{
  char pv[96];
  preview (raw, len, pv, sizeof pv);
  /* Text up to a stray control byte (a NUL from a disk error or a cut copy): say where. */
  size_t bad = 0, line = 1;
  while (bad < len && (raw[bad] >= 0x20 || raw[bad] == '\t' || raw[bad] == '\n'
                       || raw[bad] == '\r' || raw[bad] >= 0x80))
    line += raw[bad++] == '\n';
  if (bad >= 16 && bad < len)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:%zu: byte %zu is a control character (0x%02x) in what is "
                          "text before it: the file is damaged there, or binary",
                          name, line, bad, raw[bad]);
  return eis_error_set (err, EIS_ERR_FORMAT,
                        "%s: binary file in no format eisfit reads (first bytes: %s); "
                        "binary formats read: BioLogic .mpr, Zahner .ism, Ivium .idf, .xlsx and .ods "
                        "workbooks",
                        name, pv);
}

/* The first bytes of a file looked at before it is read whole: the text decoding decides
 * "binary" within its first 64 KiB (and UTF-16 within 512 bytes), and every binary importer
 * but the zip workbooks recognises its file within 256 KiB (Ivium .idf). */
#define HEAD_BYTES ((size_t) (1u << 18) + 4)

/* Refuses at once the file NAME whose first HEAD_BYTES bytes HEAD (of a longer file) are binary
 * content that no importer reads, with the error the whole file would give (eis_import_buffer);
 * EIS_OK when it may be read. A sparse 1 GB file of zero bytes is refused in a moment instead of
 * after reading it. */
static int
check_head (const char *name, const unsigned char *head, size_t n, const EisImportOptions *opt,
            EisError *err)
{
  if ((opt->format && *opt->format) || n < 4 || memcmp (head, "PK\x03\x04", 4) == 0)
    return EIS_OK;              /* a forced format, or a zip: decided by the whole file */
  char *text = NULL;
  const char *view = NULL;
  size_t text_len = 0;
  const char *enc = NULL;
  int rc = decode_text (head, n, &text, &view, &text_len, &enc);
  free (text);
  if (rc == EIS_ERR_NOMEM)
    return eis_error_set (err, rc, "%s: out of memory", name);
  if (view != NULL)
    return EIS_OK;              /* text: read whole */
  EisImportCtx ctx = { 0 };
  ctx.name = name;
  ctx.raw = head;
  ctx.raw_len = n;
  ctx.opt = opt;
  for (size_t i = 0; i < N_IMPORTERS; i++)
    if (importers[i].binary && importers[i].detect (&ctx) > 0)
      return EIS_OK;
  return refuse_binary (name, head, n, err);
}

int
eis_import_buffer (const char *name, const char *data, size_t len, const EisImportOptions *opt,
                   EisDataFile **out, EisError *err)
{
  static const EisImportOptions defaults = { 0 };
  if (opt == NULL)
    opt = &defaults;
  if (name == NULL)
    name = "(data)";
  *out = NULL;
  if (opt->max_bytes && len > opt->max_bytes)
    return eis_error_set (err, EIS_ERR_IO, "%s: file is %zu bytes, more than the limit of %zu",
                          name, len, opt->max_bytes);
  if (len == 0 && opt->stdin_dash && strcmp (name, "-") == 0)
    return eis_error_set (err, EIS_ERR_FORMAT, "-: standard input is empty (it can be read "
                          "once: \"-\" given twice reads nothing the second time)");
  if (len == 0)
    return eis_error_set (err, EIS_ERR_FORMAT, "%s: file is empty", name);

  const EisImporter *forced = NULL;
  if (opt->format && *opt->format)
    {
      for (size_t i = 0; i < N_IMPORTERS; i++)
        if (strcmp (importers[i].name, opt->format) == 0)
          forced = &importers[i];
      if (forced == NULL)
        {
          char list[512];
          size_t k = 0;
          for (size_t i = 0; i < N_IMPORTERS && k < sizeof list; i++)
            k += (size_t) snprintf (list + k, sizeof list - k, "%s%s", i ? ", " : "", importers[i].name);
          return eis_error_set (err, EIS_ERR_INVALID, "unknown format \"%s\" (known: %s)",
                                opt->format, list);
        }
    }

  EisImportCtx ctx = { 0 };
  EisCsvSniff csv_sniff = { 0 };
  ctx.csv_sniff = &csv_sniff;
  ctx.name = name;
  ctx.raw = (const unsigned char *) data;
  ctx.raw_len = len;
  ctx.opt = opt;
  char *text = NULL;
  size_t text_len = 0;
  const char *view = NULL;
  int rc = decode_text (ctx.raw, len, &text, &view, &text_len, &ctx.encoding);
  if (rc == EIS_ERR_NOMEM)
    return eis_error_set (err, rc, "%s: out of memory", name);
  ctx.text = view;
  ctx.text_len = text_len;

  if (ctx.text != NULL && (rc = refuse_long_line (&ctx, err)) != EIS_OK)
    {
      free (text);
      return rc;
    }

  const EisImporter *imp = forced;
  if (imp == NULL)
    {
      int best = 0;
      for (size_t i = 0; i < N_IMPORTERS; i++)
        {
          int score = importers[i].detect (&ctx);
          if (score > best)
            {
              best = score;
              imp = &importers[i];
            }
        }
    }
  if (imp == NULL)
    {
      if (ctx.text == NULL)
        {
          free (text);
          return refuse_binary (name, ctx.raw, len, err);
        }
      /* an eisfit project given where a data file is expected */
      {
        const char *t = ctx.text;
        size_t tl = ctx.text_len;
        if (tl >= 3 && memcmp (t, "\xef\xbb\xbf", 3) == 0)
          t += 3, tl -= 3;
        while (tl > 0 && (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n'))
          t++, tl--;
        if (tl >= 9 && memcmp (t, "[project]", 9) == 0)
          {
            free (text);
            return eis_error_set (err, EIS_ERR_FORMAT, "%s: an eisfit project, not a data file: "
                                  "open it with eisfit --project %s, or in eisfit-gtk", name,
                                  name);
          }
      }
      /* the explanation reads the decoded text (a view into TEXT): freed after it */
      rc = eis_csv_explain (&ctx, err);
      free (text);
      if (rc != EIS_OK)
        return rc;
      return eis_error_set (err, EIS_ERR_FORMAT,
                            "%s: no table of numbers found: expected an instrument export or "
                            "delimited text with frequency and impedance columns",
                            name);
    }

  if (!imp->binary && (ctx.text == NULL || ctx.text_len == 0))
    {
      free (text);
      if (ctx.text == NULL)
        {
          char pv[96];
          preview (ctx.raw, len, pv, sizeof pv);
          return eis_error_set (err, EIS_ERR_FORMAT,
                                "%s: binary content (first bytes: %s), but %s is a text format",
                                name, pv, imp->name);
        }
      return eis_error_set (err, EIS_ERR_FORMAT, "%s: no text in the file (only a byte-order mark)",
                            name);
    }
  EisDataFile *f = eis_data_file_new (name, imp->name);
  if (f == NULL)
    {
      free (text);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", name);
    }
  if (err)
    err->message[0] = '\0';
  rc = imp->read (&ctx, f, err);
  free (text);
  if (rc == EIS_OK && f->n_spectra == 0 && f->n_series == 0)
    rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: no spectra or time series found", name);
  if (rc != EIS_OK)
    {
      eis_data_file_free (f);
      return rc;
    }
  return finish_file (f, ctx.encoding, name, out, err);
}

/* Opens PATH for reading (regular file, pipe or device): *FD and its status *ST, checked
 * against the size limit of OPT. */
static int
open_input (const char *path, const EisImportOptions *opt, int *fd, struct stat *st,
            EisError *err)
{
  /* A named pipe given as a data file is opened waiting for its writer (mkfifo f; eisfit f &
   * producer > f); anything else without waiting (a device's open may block). */
  if (path[0] == '\0')   /* "eisfit ''", a manifest's empty cell: not ": cannot open" */
    return eis_error_set (err, EIS_ERR_IO, "an empty file name (expected a data file's path)");
  if (opt->stdin_dash && strcmp (path, "-") == 0)
    {
      if (isatty (STDIN_FILENO))
        return eis_error_set (err, EIS_ERR_IO, "-: standard input is a terminal: give the data "
                              "through a pipe or redirection (- < data.csv), or a file name");
      *fd = dup (STDIN_FILENO);
      if (*fd < 0)
        return eis_error_set (err, EIS_ERR_IO, "-: cannot read standard input: %s",
                              strerror (errno));
    }
  else
    {
      struct stat pst;
      int fifo = stat (path, &pst) == 0 && S_ISFIFO (pst.st_mode);
      if (fifo && !opt->fifo_wait)
        return eis_error_set (err, EIS_ERR_IO, "%s: a named pipe (FIFO): not read here, "
                              "where waiting for its writer would block (eisfit reads one)",
                              path);
      *fd = open (path, fifo ? O_RDONLY : O_RDONLY | O_NONBLOCK);
    }
  if (*fd < 0)
    return eis_error_set (err, EIS_ERR_IO, "%s: cannot open: %s", path, strerror (errno));
  /* back to blocking reads (opened O_RDONLY | O_NONBLOCK, the only status flag set) */
  (void) fcntl (*fd, F_SETFL, 0);
  int rc = EIS_OK;
  if (fstat (*fd, st) != 0)
    rc = eis_error_set (err, EIS_ERR_IO, "%s: cannot read: %s", path, strerror (errno));
  else if (S_ISDIR (st->st_mode))
    rc = eis_error_set (err, EIS_ERR_IO, "%s: is a directory, not a data file", path);
  else if (S_ISREG (st->st_mode) && opt->max_bytes
           && (unsigned long long) st->st_size > opt->max_bytes)
    rc = eis_error_set (err, EIS_ERR_IO,
                        "%s: file is %lld bytes, more than the limit of %zu bytes", path,
                        (long long) st->st_size, opt->max_bytes);
  if (rc != EIS_OK)
    close (*fd);
  return rc;
}

/* A file to read through a window: a regular file of at least stream_bytes, in the generic
 * format unless another one is forced. */
static int
window_wanted (const struct stat *st, const EisImportOptions *opt)
{
  size_t min = opt->stream_bytes ? opt->stream_bytes : EIS_IMPORT_STREAM_BYTES;
  return S_ISREG (st->st_mode) && (unsigned long long) st->st_size >= min
         && (opt->format == NULL || *opt->format == '\0' || strcmp (opt->format, "csv") == 0);
}

/* Reads the regular file FD of SIZE bytes through a window, when its first part is plain
 * UTF-8 text that the generic reader takes (and no other importer claims): into *OUT, or with
 * STREAM its spectra handed out. Sets *CLASSIC (and returns an error or not) when the file
 * must be read the classic way instead: any whole-file check that fails on the way, and any
 * error (the classic import gives its message, in the same order of checks). */
static int
import_window (const char *path, int fd, unsigned long long size, const EisImportOptions *opt,
               EisImportStream *stream, EisDataFile **out, EisError *err, int *classic)
{
  *out = NULL;
  *classic = 1;
  EisTextSource *src = eis_source_open (fd, size);
  if (src == NULL)
    return EIS_ERR_NOMEM;
  if (eis_source_bad (src))
    {
      eis_source_free (src);
      return EIS_ERR_FORMAT;
    }
  EisImportCtx ctx = { 0 };
  EisCsvSniff csv_sniff = { 0 };
  int error_final = 0;
  ctx.csv_sniff = &csv_sniff;
  ctx.error_final = &error_final;
  ctx.name = path;
  ctx.opt = opt;
  ctx.src = src;
  ctx.stream = stream;
  ctx.encoding = "utf-8";
  eis_source_head (src, &ctx.raw, &ctx.raw_len, &ctx.text, &ctx.text_len);
  const EisImporter *imp = NULL;
  if (opt->format && *opt->format)
    imp = &importers[N_IMPORTERS - 1];
  else
    {
      int best = 0;
      for (size_t i = 0; i < N_IMPORTERS; i++)
        {
          int score = importers[i].detect (&ctx);
          if (score > best)
            {
              best = score;
              imp = &importers[i];
            }
        }
    }
  /* the generic reader, which looks at the first 1000 lines: all of them in the first part */
  int whole = ctx.raw_len == size;
  if (imp == NULL || strcmp (imp->name, "csv") != 0 || ctx.text_len == 0
      || (eis_csv_detect (&ctx) && !csv_sniff.lines_enough && !whole))
    {
      eis_source_free (src);
      return EIS_ERR_FORMAT;
    }
  EisDataFile *f = eis_data_file_new (path, imp->name);
  if (f == NULL)
    {
      eis_source_free (src);
      return EIS_ERR_NOMEM;
    }
  if (err)
    err->message[0] = '\0';
  int rc = imp->read (&ctx, f, err);
  size_t n_spectra = stream ? eis_stream_count (&ctx) : f->n_spectra;
  int stopped = stream && eis_stream_stopped (stream);
  int all_read = !eis_source_bad (src) && eis_source_total (src) == size;
  eis_source_free (src);
  if (stopped || (rc != EIS_OK && error_final))
    {
      *classic = 0;
      eis_data_file_free (f);
      return rc;
    }
  if (rc != EIS_OK || !all_read || (n_spectra == 0 && f->n_series == 0))
    {
      eis_data_file_free (f);
      return rc != EIS_OK ? rc : EIS_ERR_FORMAT;
    }
  *classic = 0;
  return finish_file (f, ctx.encoding, path, out, err);
}

ssize_t
eis_read_full (int fd, void *buf, size_t n)
{
  size_t len = 0;
  while (len < n)
    {
      ssize_t got = read (fd, (char *) buf + len, n - len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return -1;
      if (got == 0)
        break;
      len += (size_t) got;
    }
  return (ssize_t) len;
}

/* The classic import of the open file FD of PATH (its status ST): read whole with read(2) (a
 * small file in one call, without stdio's buffer and its fcntl and fstat), then
 * eis_import_buffer. Closes FD. */
static int
import_fd (const char *path, int fd, const struct stat *st, const EisImportOptions *opt,
           EisDataFile **out, EisError *err)
{
  size_t limit = opt->max_bytes;
  /* A large regular file: its first bytes first, binary content refused before the rest is
   * read (check_head). */
  unsigned char *head = NULL;
  size_t hlen = 0;
  if (S_ISREG (st->st_mode) && (unsigned long long) st->st_size > HEAD_BYTES)
    {
      head = malloc (HEAD_BYTES);
      if (head == NULL)
        {
          close (fd);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", path);
        }
      ssize_t got = eis_read_full (fd, head, HEAD_BYTES);
      if (got < 0)
        {
          int e = errno;
          free (head);
          close (fd);
          return eis_error_set (err, EIS_ERR_IO, "%s: read error: %s", path, strerror (e));
        }
      hlen = (size_t) got;
      int hrc = hlen == HEAD_BYTES ? check_head (path, head, hlen, opt, err) : EIS_OK;
      if (hrc != EIS_OK)
        {
          free (head);
          close (fd);
          return hrc;
        }
    }
  /* Regular files are read in one go; pipes and devices grow a buffer. */
  size_t cap = S_ISREG (st->st_mode) && st->st_size > 0 ? (size_t) st->st_size + 1 : 65536;
  if (cap < hlen + 1)
    cap = hlen + 1;
  char *buf = eis_big_alloc (cap);
  if (buf == NULL)
    {
      free (head);
      close (fd);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory (file of %zu bytes)", path, cap);
    }
  size_t len = hlen;
  if (hlen)
    memcpy (buf, head, hlen);
  free (head);
  for (;;)
    {
      if (len == cap)
        {
          if (limit && len > limit)
            break;
          /* a pipe or device is read to one byte past the limit, no further */
          size_t ncap = limit && cap * 2 > limit + 1 ? limit + 1 : cap * 2;
          char *nb = realloc (buf, ncap);
          if (nb == NULL)
            {
              free (buf);
              close (fd);
              return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", path);
            }
          buf = nb;
          cap = ncap;
        }
      ssize_t got = eis_read_full (fd, buf + len, cap - len);
      if (got < 0)
        {
          int e = errno;
          free (buf);
          close (fd);
          return eis_error_set (err, EIS_ERR_IO, "%s: read error: %s", path, strerror (e));
        }
      len += (size_t) got;
      if (len < cap)
        break;    /* the end of the file */
    }
  close (fd);
  if (limit && len > limit)
    {
      free (buf);
      return eis_error_set (err, EIS_ERR_IO, "%s: more than the limit of %zu bytes (%s)", path,
                            limit, S_ISREG (st->st_mode) ? "the file grew while being read"
                                                         : "not a regular file: read to the limit");
    }
  int rc = eis_import_buffer (path, buf, len, opt, out, err);
  free (buf);
  return rc;
}

int
eis_import (const char *path, const EisImportOptions *opt, EisDataFile **out, EisError *err)
{
  static const EisImportOptions defaults = { 0 };
  if (opt == NULL)
    opt = &defaults;
  *out = NULL;
  int fd;
  struct stat st;
  int rc = open_input (path, opt, &fd, &st, err);
  if (rc != EIS_OK)
    return rc;
  if (window_wanted (&st, opt))
    {
      /* a large file through a window: the whole file is not held as well as its points */
      int classic;
      rc = import_window (path, fd, (unsigned long long) st.st_size, opt, NULL, out, err,
                          &classic);
      if (!classic)
        {
          close (fd);
          return rc;
        }
      if (lseek (fd, 0, SEEK_SET) != 0)
        {
          int e = errno;
          close (fd);
          return eis_error_set (err, EIS_ERR_IO, "%s: cannot read: %s", path, strerror (e));
        }
    }
  return import_fd (path, fd, &st, opt, out, err);
}

/* The classic import of PATH, handed out as eis_import_each does: from FD (its status ST,
 * closed here) when FD >= 0, else opened again. */
static int
each_classic (const char *path, int fd, const struct stat *st, const EisImportOptions *opt,
              const EisImportSink *sink, EisDataFile **out, EisError *err)
{
  EisDataFile *f = NULL;
  int rc = fd >= 0 ? import_fd (path, fd, st, opt, &f, err) : eis_import (path, opt, &f, err);
  if (rc != EIS_OK)
    return rc;
  int stop = 0;
  for (size_t i = 0; i < f->n_spectra && sink->look && !stop; i++)
    stop = sink->look (sink->data, f, f->spectra[i]) != 0;
  size_t n = f->n_spectra;
  if (!stop && sink->begin)
    stop = sink->begin (sink->data, f, n) != 0;
  for (size_t i = 0; i < n; i++)
    {
      EisSpectrum *s = f->spectra[i];
      f->spectra[i] = NULL;
      if (stop)
        eis_spectrum_free (s);
      else
        stop = sink->spectrum (sink->data, f, s) != 0;
    }
  free (f->spectra);
  f->spectra = NULL;
  f->n_spectra = 0;
  if (stop)
    {
      eis_data_file_free (f);
      return eis_error_set (err, EIS_ERR_IO, "%s: reading stopped", path);
    }
  *out = f;
  return EIS_OK;
}

int
eis_import_each (const char *path, const EisImportOptions *opt, const EisImportSink *sink,
                 EisDataFile **out, EisError *err)
{
  static const EisImportOptions defaults = { 0 };
  if (opt == NULL)
    opt = &defaults;
  *out = NULL;
  int fd;
  struct stat st;
  int rc = open_input (path, opt, &fd, &st, err);
  if (rc != EIS_OK)
    return rc;
  if (!window_wanted (&st, opt))
    return each_classic (path, fd, &st, opt, sink, out, err);
  /* First reading: the whole file checked, its spectra counted (and shown to look). */
  unsigned long long size = (unsigned long long) st.st_size;
  EisImportStream *st1 = eis_stream_new (1, sink);
  if (st1 == NULL)
    {
      close (fd);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", path);
    }
  EisDataFile *f = NULL;
  int classic;
  rc = import_window (path, fd, size, opt, st1, &f, err, &classic);
  int stopped = eis_stream_stopped (st1);
  EisImportCtx count = { .stream = st1 };
  size_t n = eis_stream_count (&count);
  eis_stream_free (st1);
  if (classic && !stopped)
    {
      close (fd);
      return each_classic (path, -1, NULL, opt, sink, out, err);
    }
  if (rc != EIS_OK)
    {
      close (fd);
      return rc;
    }
  if (sink->begin && sink->begin (sink->data, f, n) != 0)
    {
      close (fd);
      eis_data_file_free (f);
      return eis_error_set (err, EIS_ERR_IO, "%s: reading stopped", path);
    }
  /* Second reading: the spectra handed out as they are read. */
  EisImportStream *st2 = eis_stream_new (2, sink);
  EisDataFile *f2 = NULL;
  if (st2 == NULL)
    rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", path);
  else if (lseek (fd, 0, SEEK_SET) != 0)
    rc = eis_error_set (err, EIS_ERR_IO, "%s: cannot read: %s", path, strerror (errno));
  else
    {
      rc = import_window (path, fd, size, opt, st2, &f2, err, &classic);
      count.stream = st2;
      if (eis_stream_stopped (st2))
        ;                      /* the sink's own reason, said by it */
      else if (rc != EIS_OK || classic || eis_stream_count (&count) != n)
        rc = eis_error_set (err, EIS_ERR_IO, "%s: the file changed while being read", path);
    }
  eis_stream_free (st2);
  eis_data_file_free (f2);
  close (fd);
  if (rc != EIS_OK)
    {
      eis_data_file_free (f);
      return rc;
    }
  *out = f;
  return EIS_OK;
}

static int
warnings_append (char **buf, size_t *len, const char *path, const char *what, size_t k,
                 const char *w)
{
  int n = snprintf (NULL, 0, "%s: %s %zu: %s\n", path, what, k, w);
  if (n < 0)
    return -1;
  char *nb = realloc (*buf, *len + (size_t) n + 1);
  if (nb == NULL)
    return -1;
  snprintf (nb + *len, (size_t) n + 1, "%s: %s %zu: %s\n", path, what, k, w);
  *buf = nb;
  *len += (size_t) n;
  return 0;
}

/* The metadata KEY of F's spectra and DC series, one line each, named by PATH. */
static char *
meta_lines_text (const char *path, const EisDataFile *f, const char *key)
{
  char *buf = NULL;
  size_t len = 0;
  for (size_t k = 0; k < f->n_spectra; k++)
    {
      const char *w = eis_meta_get (&f->spectra[k]->meta, key);
      if (w && warnings_append (&buf, &len, path, "spectrum", k + 1, w) != 0)
        goto fail;
    }
  for (size_t k = 0; k < f->n_series; k++)
    {
      const char *w = eis_meta_get (&f->series[k]->meta, key);
      if (w && warnings_append (&buf, &len, path, "DC series", k + 1, w) != 0)
        goto fail;
    }
  return buf;
fail:
  free (buf);
  return NULL;
}

char *
eis_import_warnings_text (const char *path, const EisDataFile *f)
{
  return meta_lines_text (path, f, "warning");
}

char *
eis_import_notices_text (const char *path, const EisDataFile *f)
{
  return meta_lines_text (path, f, "notice");
}
