/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CH Instruments impedance text export ("A.C. Impedance"): a date line, the technique, header
 * lines "Key: value" and "Init E (V) = 0", "High Frequency (Hz) = 2e+6", "Low Frequency (Hz) =
 * 0.1", then "Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg" and comma-separated rows from the high
 * frequency down. Z" is Im(Z) (capacitive negative), kept as is. */
#include "import-private.h"

#include <math.h>
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

/* Warns on the last spectrum of F when its lowest frequency lies above the header's Low
 * Frequency LOW_HZ (line LINE) by more than half its last step: the sweep runs down to it, and a
 * file cut at a line boundary reads as a shorter sweep. The high end is not checked: CHI660E
 * files start below their High Frequency (2 MHz set, 99.6 kHz the first row). */
static int
low_end_warn (EisDataFile *f, double low_hz, size_t line)
{
  if (f->n_spectra == 0 || !(low_hz > 0))
    return EIS_OK;
  EisSpectrum *sp = f->spectra[f->n_spectra - 1];
  if (sp->n < 2)
    return EIS_OK;
  double lo = INFINITY, next = INFINITY;   /* the lowest frequency and the one above it */
  for (size_t i = 0; i < sp->n; i++)
    if (sp->freq_hz[i] < lo)
      {
        next = lo;
        lo = sp->freq_hz[i];
      }
    else if (sp->freq_hz[i] < next && sp->freq_hz[i] > lo)
      next = sp->freq_hz[i];
  if (!isfinite (next) || lo <= low_hz * sqrt (next / lo))
    return EIS_OK;
  char buf[320];
  int n = snprintf (buf, sizeof buf, "the header's sweep runs down to Low Frequency %g Hz (line "
                    "%zu), the %s ends at %g Hz (%zu points): cut short?", low_hz, line,
                    f->n_spectra > 1 ? "file's last spectrum" : "file", lo, sp->n);
  if (n < 0)
    return EIS_ERR_NOMEM;
  return eis_meta_appendn (&sp->meta, "warning", buf,
                           (size_t) n < sizeof buf ? (size_t) n : sizeof buf - 1);
}

int
eis_chi_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "", *k, *v;
  size_t n = 0, kn, vn;
  int rc = EIS_OK;
  double low_hz = 0;
  size_t low_line = 0;
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
          else if (eis_starts_with_ci (k, kn, "Low Frequency (Hz)")
                   && eis_parse_number (v, vn, '.', &x) == 0 && x > 0)
            {
              low_hz = x;
              low_line = it.lineno;
            }
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
  rc = eis_read_delimited (ctx, f, s, it.lineno, &spec, err);
  if (rc == EIS_OK && low_end_warn (f, low_hz, low_line) != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return rc;
}
