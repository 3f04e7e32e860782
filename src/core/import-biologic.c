/* SPDX-License-Identifier: GPL-3.0-or-later */
/* BioLogic EC-Lab text export (.mpt, also saved as .txt): the "EC-Lab ASCII FILE" header with
 * "Nb header lines : N" and the header-less export (column names on line 1). Tab-separated,
 * Windows-1252, trailing tabs, decimal point or comma. EIS (PEIS/GEIS) columns freq/Hz,
 * Re(Z)/Ohm, -Im(Z)/Ohm (EC-Lab writes -Im(Z): negated back here), one spectrum per value of
 * "cycle number" or per frequency sweep; CA/CP files give a DC series (time/s, I/mA, Ewe/V). */
#include "import-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The frequency sweep the header sets (PEIS/GEIS: "fi 200.000", "unit fi kHz", "ff 1.000",
 * "unit ff Hz", "Nd 6", "Points per decade", "spacing Logarithmic"); 0 where not given. */
typedef struct {
  double fi_hz, ff_hz, nd;
  int per_decade, log_spacing;
} Sweep;

/* A frequency unit of the header ("MHz", "kHz", "Hz", "mHz", "\xc2\xb5Hz"): its factor, or 0. */
static double
freq_unit (const char *v, size_t n)
{
  eis_trim (&v, &n);
  if (n == 3 && memcmp (v, "MHz", 3) == 0)
    return 1e6;
  if (n == 3 && memcmp (v, "kHz", 3) == 0)
    return 1e3;
  if (n == 2 && memcmp (v, "Hz", 2) == 0)
    return 1;
  if (n == 3 && memcmp (v, "mHz", 3) == 0)
    return 1e-3;
  if ((n == 3 && memcmp (v, "uHz", 3) == 0) || (n == 4 && memcmp (v, "\xc2\xb5Hz", 4) == 0))
    return 1e-6;
  return 0;
}

/* One line of the settings table ("fi                  200.000") into W. */
static void
sweep_line (const char *t, size_t tn, Sweep *w, double *fi, double *ff)
{
  static const struct { const char *key; int which; } keys[] = {
    { "unit fi ", 1 }, { "unit ff ", 2 }, { "fi ", 3 }, { "ff ", 4 }, { "Nd ", 5 },
    { "Points ", 6 }, { "spacing ", 7 },
  };
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    {
      size_t kl = strlen (keys[i].key);
      if (tn <= kl || memcmp (t, keys[i].key, kl) != 0)
        continue;
      const char *v = t + kl;
      size_t vn = tn - kl;
      eis_trim (&v, &vn);
      double x;
      char dec = memchr (v, ',', vn) && !memchr (v, '.', vn) ? ',' : '.';
      switch (keys[i].which)
        {
        case 1: w->fi_hz = freq_unit (v, vn) * *fi; break;
        case 2: w->ff_hz = freq_unit (v, vn) * *ff; break;
        case 3: if (eis_parse_number (v, vn, dec, &x) == 0) *fi = x; break;
        case 4: if (eis_parse_number (v, vn, dec, &x) == 0) *ff = x; break;
        case 5: if (eis_parse_number (v, vn, dec, &x) == 0) w->nd = x; break;
        case 6: w->per_decade = eis_starts_with_ci (v, vn, "per decade"); break;
        case 7: w->log_spacing = eis_starts_with_ci (v, vn, "Logarithmic"); break;
        }
      return;
    }
}

/* Warns on the last spectrum of F when it stops short of the end the header sets (a file cut
 * at a line boundary reads as a shorter sweep): a sweep down from fi to ff whose lowest
 * frequency lies above ff by more than half a step (10^(0.5/Nd)), or up whose highest lies
 * below; with the points the sweep has and the file holds. */
static int
sweep_warn (EisDataFile *f, const Sweep *w)
{
  if (f->n_spectra == 0 || !(w->fi_hz > 0) || !(w->ff_hz > 0) || !(w->nd >= 1)
      || !w->per_decade || !w->log_spacing || w->fi_hz == w->ff_hz)
    return EIS_OK;
  EisSpectrum *sp = f->spectra[f->n_spectra - 1];
  if (sp->n == 0)
    return EIS_OK;
  double lo = sp->freq_hz[0], hi = sp->freq_hz[0];
  for (size_t i = 1; i < sp->n; i++)
    {
      lo = fmin (lo, sp->freq_hz[i]);
      hi = fmax (hi, sp->freq_hz[i]);
    }
  double half = pow (10, 0.5 / w->nd);
  int down = w->fi_hz > w->ff_hz;
  double reached = down ? lo : hi;
  if (down ? reached <= w->ff_hz * half : reached >= w->ff_hz / half)
    return EIS_OK;
  size_t want = (size_t) floor (fabs (log10 (w->fi_hz / w->ff_hz)) * w->nd + 1e-6) + 1;
  char buf[320];
  int n = snprintf (buf, sizeof buf, "the header's sweep runs from fi %g Hz to ff %g Hz at %g "
                    "per decade (%zu points), the %s ends at %g Hz (%zu points): cut short?",
                    w->fi_hz, w->ff_hz, w->nd, want,
                    f->n_spectra > 1 ? "file's last spectrum" : "file", reached, sp->n);
  if (n < 0)
    return EIS_ERR_NOMEM;
  return eis_meta_appendn (&sp->meta, "warning", buf,
                           (size_t) n < sizeof buf ? (size_t) n : sizeof buf - 1);
}

/* Does the tab-separated line look like an EC-Lab column header? */
static int
is_eclab_columns (const char *s, size_t n)
{
  if (memchr (s, '\t', n) == NULL)
    return 0;
  int score = 0;
  static const char *const marks[] = {
    "freq/Hz", "Re(Z)/Ohm", "-Im(Z)/Ohm", "time/s", "Ewe/V", "<I>/mA", "I/mA", "cycle number",
    "control/V", "ox/red", "(Q-Qo)/", "<Ewe>/V", "Ns changes"
  };
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (eis_find_ci (s, n, marks[i]))
      score++;
  return score;
}

int
eis_biologic_mpt_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  EisLineIter it;
  const char *s = "";
  size_t n = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (!eis_lines_next (&it, &s, &n))
    return 0;
  if (eis_starts_with_ci (s, n, "EC-Lab ASCII FILE"))
    return 100;
  if (is_eclab_columns (s, n) >= 3)
    return 60;
  return 0;
}

/* Keeps what downstream analysis needs from the EC-Lab header. */
static int
read_header_meta (const EisImportCtx *ctx, EisDataFile *f, size_t nheader, Sweep *sweep)
{
  double fi = NAN, ff = NAN;
  EisLineIter it;
  const char *s = "", *k, *v;
  size_t n = 0, kn, vn;
  int technique_done = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (eis_lines_next (&it, &s, &n) && it.lineno < nheader)
    {
      if (it.lineno <= 2)
        continue;
      const char *t = s;
      size_t tn = n;
      eis_trim (&t, &tn);
      if (tn == 0)
        continue;
      int rc = EIS_OK;
      sweep_line (t, tn, sweep, &fi, &ff);
      if (!technique_done)
        {
          technique_done = 1;
          rc = eis_meta_setn (&f->meta, "technique", t, tn);
        }
      else if (eis_starts_with_ci (t, tn, "EC-Lab for windows") || eis_starts_with_ci (t, tn, "EC-LAB for windows"))
        {
          const char *e = eis_find_ci (t, tn, "(software)");
          const char *ver = t + 18;
          size_t vl = (e ? (size_t) (e - t) : tn) - 18;
          eis_trim (&ver, &vl);
          char buf[128];
          snprintf (buf, sizeof buf, "EC-Lab %.*s", (int) (vl < 60 ? vl : 60), ver);
          rc = eis_meta_set (&f->meta, "software", buf);
        }
      else if (eis_split_kv (t, tn, ':', &k, &kn, &v, &vn) == 0)
        {
          if (kn == 6 && eis_starts_with_ci (k, kn, "Device"))
            rc = eis_meta_setn (&f->meta, "instrument", v, vn);
          else if (eis_starts_with_ci (k, kn, "Acquisition started on"))
            rc = eis_meta_setn (&f->meta, "start_time", v, vn);
          else if (eis_starts_with_ci (k, kn, "Run on channel"))
            rc = eis_meta_setn (&f->meta, "channel", v, vn);
          else if (eis_starts_with_ci (k, kn, "Electrode surface area"))
            {
              double a;
              char dec = memchr (v, ',', vn) && !memchr (v, '.', vn) ? ',' : '.';
              if (eis_parse_number_prefix (v, vn, dec, &a) == 0 && a > 0)
                {
                  /* EC-Lab writes cm² (as "cm\xb2", decoded to UTF-8) or mm² */
                  if (eis_find_ci (v, vn, "mm"))
                    a /= 100;
                  rc = eis_meta_set_double (&f->meta, "area_cm2", a);
                }
            }
          else if (eis_starts_with_ci (k, kn, "Comments"))
            rc = eis_meta_setn (&f->meta, "comments", v, vn);
        }
      else if (tn > 20 && (eis_starts_with_ci (t, tn, "E (V) ") || eis_starts_with_ci (t, tn, "Ei (V) ")))
        {
          /* settings table: "E (V)               0.0000" */
          const char *val = t + (t[1] == 'i' ? 6 : 5);
          size_t vl = tn - (size_t) (val - t);
          double e;
          char dec = memchr (val, ',', vl) && !memchr (val, '.', vl) ? ',' : '.';
          if (eis_parse_number_prefix (val, vl, dec, &e) == 0)
            rc = eis_meta_set_double (&f->meta, "applied_voltage_v", e);
        }
      else if (tn > 4 && eis_starts_with_ci (t, tn, "vs. ") && eis_meta_get (&f->meta, "applied_voltage_v")
               && eis_meta_get (&f->meta, "applied_voltage_vs") == NULL)
        {
          /* the reference of the potential above ("Ref", "Eoc"), first column of the table; a
           * current's line (GEIS, CP: "<None>") says nothing about a voltage */
          const char *ref = t + 4;
          size_t refn = tn - 4;
          eis_trim (&ref, &refn);
          size_t w = 0;
          while (w < refn && ref[w] != ' ' && ref[w] != '\t')
            w++;
          if (w > 0 && !eis_starts_with_ci (ref, w, "<None>"))
            rc = eis_meta_setn (&f->meta, "applied_voltage_vs", ref, w);
        }
      if (rc != EIS_OK)
        return rc;
    }
  return EIS_OK;
}

int
eis_biologic_mpt_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  const char *s = "";
  size_t n = 0;
  size_t header_line = 1;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (!eis_lines_next (&it, &s, &n))
    return eis_error_set (err, EIS_ERR_FORMAT, "%s: file is empty", ctx->name);
  if (eis_starts_with_ci (s, n, "EC-Lab ASCII FILE"))
    {
      const char *k, *v;
      size_t kn, vn;
      double nh;
      if (!eis_lines_next (&it, &s, &n) || eis_split_kv (s, n, ':', &k, &kn, &v, &vn) != 0
          || !eis_starts_with_ci (k, kn, "Nb header lines") || eis_parse_number (v, vn, '.', &nh) != 0
          || nh < 3 || nh > 1e6 || nh != (double) (size_t) nh)
        return eis_error_set (err, EIS_ERR_FORMAT,
                              "%s:2: expected \"Nb header lines : N\" (an EC-Lab text export)",
                              ctx->name);
      header_line = (size_t) nh;
    }
  size_t hn;
  const char *hs = eis_text_line (ctx, header_line, &hn);
  if (hs == NULL)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:2: the header is said to have %zu lines but the file ends before that",
                          ctx->name, header_line);
  if (memchr (hs, '\t', hn) == NULL)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:%zu: expected the tab-separated column names (freq/Hz, Re(Z)/Ohm ... or time/s, I/mA ...)",
                          ctx->name, header_line);
  Sweep sweep = { 0 };
  int rc = read_header_meta (ctx, f, header_line, &sweep);
  if (rc != EIS_OK)
    return eis_error_set (err, rc, "%s: out of memory", ctx->name);

  /* Decimal separator from the first data row. */
  char dec = '.';
  size_t dn;
  const char *ds = eis_text_line (ctx, header_line + 1, &dn);
  if (ds)
    dec = eis_sniff_decimal (ds, dn, '\t');

  EisTableSpec spec = { 0 };
  spec.delim = '\t';
  spec.dec = dec;
  spec.format = "biologic-mpt";
  spec.split_sweeps = 1;
  spec.drop_zero_freq = 1;
  spec.has_header = 1;
  spec.im_sign = 1;
  rc = eis_read_delimited (ctx, f, hs, header_line, &spec, err);
  if (rc != EIS_OK)
    return rc;
  if (dec == ',' && eis_meta_set (&f->meta, "decimal", "comma") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  if (sweep_warn (f, &sweep) != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return EIS_OK;
}
