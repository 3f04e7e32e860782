/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gamry Framework .DTA: a header of "KEY <tab> TYPE <tab> VALUE <tab> label" lines, then
 * tables ("ZCURVE <tab> TABLE"; column names, a units line, rows starting with a tab).
 * ZCURVE (EIS: Freq, Zreal, Zimag = Im(Z) as is) gives one spectrum per table, CURVE
 * (CHRONOA/CHRONOP: T, Im, Vf) a DC series. EXPERIMENTABORTED ends the data. Decimal commas
 * (European Windows) are recognised from the rows. Temp -327.67 °C means "no probe", and an
 * open probe input reads far outside any cell's range (1467 °C on an IFC1010): a temperature is
 * taken only between -200 and 1000 °C. Drift-corrected columns (ZrealDrCor, ZimagDrCor) are
 * preferred when present; the uncorrected Zreal, Zimag when the caller asks (uncorrected). */
#include "import-private.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PLAUSIBLE_C(x) ((x) > -200 && (x) < 1000)

/* Says why a Temp column gave no temperature. */
static int
temp_note (EisMeta *m, double t)
{
  char buf[160];
  int n = snprintf (buf, sizeof buf, "the Temp column reads %.6g degC, not a probe reading: "
                    "ignored", t);
  return eis_meta_appendn (m, "note", buf, (size_t) n);
}

int
eis_gamry_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  EisLineIter it;
  const char *s = "";
  size_t n = 0;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  if (!eis_lines_next (&it, &s, &n))
    return 0;
  eis_trim (&s, &n);
  if (n == 7 && memcmp (s, "EXPLAIN", 7) == 0)
    return 100;
  return 0;
}

static int
field_is (const EisFields *fl, size_t i, const char *what)
{
  return i < fl->n && fl->len[i] == strlen (what) && memcmp (fl->p[i], what, fl->len[i]) == 0;
}

/* A header value in either decimal convention. */
static int
header_number (const char *s, size_t n, double *v)
{
  return eis_parse_number (s, n, '.', v) == 0 || eis_parse_number (s, n, ',', v) == 0 ? 0 : -1;
}

typedef struct {
  char **names;
  size_t n;
} NameList;

static void
namelist_free (NameList *l)
{
  for (size_t i = 0; i < l->n; i++)
    free (l->names[i]);
  free (l->names);
  l->names = NULL;
  l->n = 0;
}

static int
namelist_take (NameList *l, const EisFields *fl)
{
  namelist_free (l);
  l->names = calloc (fl->n ? fl->n : 1, sizeof *l->names);
  if (l->names == NULL)
    return EIS_ERR_NOMEM;
  l->n = fl->n;
  for (size_t i = 0; i < fl->n; i++)
    {
      l->names[i] = malloc (fl->len[i] + 1);
      if (l->names[i] == NULL)
        return EIS_ERR_NOMEM;
      memcpy (l->names[i], fl->p[i], fl->len[i]);
      l->names[i][fl->len[i]] = '\0';
    }
  return EIS_OK;
}

static int
nl_find (const NameList *l, const char *what)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp (l->names[i], what) == 0)
      return (int) i;
  return -1;
}

/* Warns in M when the table holds fewer rows (GOT) than the header announces (WANT > 0, as
 * told by HOW): a file cut at a line boundary otherwise reads silently as shorter data. */
static int
count_warn (EisMeta *m, size_t want, const char *how, size_t got)
{
  if (want == 0 || got >= want)
    return EIS_OK;
  char buf[240];
  int n = snprintf (buf, sizeof buf, "the header announces %zu points (%s), the file holds %zu: "
                    "cut short?", want, how, got);
  if (n < 0)
    return EIS_ERR_NOMEM;
  return eis_meta_appendn (m, "warning", buf, (size_t) n < sizeof buf ? (size_t) n : sizeof buf - 1);
}

/* Reads one table whose name line was TABLE_LINE; IT is positioned after it. ANNOUNCED (0:
 * not known) is the number of rows the header announces, as HOW says. */
static int
read_table (const EisImportCtx *ctx, EisDataFile *f, EisLineIter *it, const char *table,
            size_t table_line, int eis, size_t announced, const char *how, int *aborted,
            EisError *err)
{
  EisFields fl = { 0 };
  NameList names = { 0 };
  EisTable t;
  eis_table_init (&t, 4);
  const char *s = "";
  size_t n = 0;
  int rc = EIS_OK;
  if (!eis_lines_next (it, &s, &n))
    {
      rc = eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: table %s has no column names (file truncated?)",
                          ctx->name, table_line, table);
      goto out;
    }
  if (eis_fields_split (&fl, s, n, '\t') != EIS_OK || namelist_take (&names, &fl) != EIS_OK)
    goto nomem;
  size_t names_line = it->lineno;
  int c[4];
  const char *want[4];
  if (eis)
    {
      want[0] = "Freq", want[1] = "Zreal", want[2] = "Zimag", want[3] = "Time";
    }
  else
    {
      want[0] = "T", want[1] = "Im", want[2] = "Vf", want[3] = NULL;
    }
  for (int k = 0; k < 4; k++)
    c[k] = want[k] ? nl_find (&names, want[k]) : -1;
  /* Drift-corrected impedance (DRIFTCOR): Gamry's own correction for a cell that changed
   * during the sweep, preferred as Gamry Echem Analyst and pyimpspec do. */
  int drift = 0;
  if (eis && nl_find (&names, "ZrealDrCor") >= 0 && nl_find (&names, "ZimagDrCor") >= 0
      && ctx->opt->uncorrected)
    drift = -1;                  /* asked for the uncorrected Zreal, Zimag */
  else if (eis && nl_find (&names, "ZrealDrCor") >= 0 && nl_find (&names, "ZimagDrCor") >= 0)
    {
      c[1] = nl_find (&names, "ZrealDrCor");
      c[2] = nl_find (&names, "ZimagDrCor");
      drift = 1;
    }
  int ctemp = nl_find (&names, "Temp");
  for (int k = 0; k < 3; k++)
    if (c[k] < 0 && (eis || k < 2))
      {
        rc = eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: table %s has no column \"%s\"",
                            ctx->name, names_line, table, want[k]);
        goto out;
      }
  /* units line */
  if (!eis_lines_next (it, &s, &n))
    {
      rc = eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: table %s ends before its units line",
                          ctx->name, names_line, table);
      goto out;
    }
  char dec = 0;
  double tsum = 0, bad_temp = NAN;
  size_t tcount = 0;
  size_t prev_fields = 0, open_line = 0;
  const char *row_start = it->p;
  size_t row_lineno = it->lineno;
  while (eis_lines_next (it, &s, &n))
    {
      if (n == 0 || (s[0] != '\t' && s[0] != ' '))
        {
          if (eis_starts_with_ci (s, n, "EXPERIMENTABORTED"))
            *aborted = 1;
          /* Step back: the line belongs to the header that follows. */
          it->p = s;
          it->lineno--;
          break;
        }
      row_start = it->p;
      row_lineno = it->lineno;
      if (eis_fields_split (&fl, s, n, '\t') != EIS_OK)
        goto nomem;
      /* A last row cut short: fewer fields than the row before (or the names line). */
      if (it->open && fl.n < (prev_fields ? prev_fields : names.n))
        {
          rc = eis_cut_row_error (ctx, it->lineno, fl.n, prev_fields ? prev_fields : names.n,
                                  err);
          goto out;
        }
      prev_fields = fl.n;
      open_line = it->open ? it->lineno : 0;
      if (dec == 0)
        dec = eis_sniff_decimal (s, n, '\t');
      double v[4] = { NAN, NAN, NAN, NAN };
      for (int k = 0; k < 4; k++)
        {
          if (c[k] < 0)
            continue;
          if ((size_t) c[k] >= fl.n)
            {
              rc = eis_error_set (err, EIS_ERR_FORMAT,
                                  "%s:%zu: the row has %zu fields, column \"%s\" is missing (file truncated?)",
                                  ctx->name, it->lineno, fl.n, names.names[c[k]]);
              goto out;
            }
          if (eis_parse_number (fl.p[c[k]], fl.len[c[k]], dec, &v[k]) != 0)
            {
              rc = eis_error_set (err, EIS_ERR_FORMAT,
                                  "%s:%zu: column %d (\"%s\"): expected a number, found \"%.*s\"",
                                  ctx->name, it->lineno, c[k] + (names.names[0][0] ? 1 : 0),
                                  names.names[c[k]],
                                  (int) (fl.len[c[k]] > 40 ? 40 : fl.len[c[k]]), fl.p[c[k]]);
              goto out;
            }
        }
      double temp;
      if (ctemp >= 0 && (size_t) ctemp < fl.n
          && eis_parse_number (fl.p[ctemp], fl.len[ctemp], dec, &temp) == 0)
        {
          if (PLAUSIBLE_C (temp))
            {
              tsum += temp;
              tcount++;
            }
          else if (isfinite (temp) && temp != -327.67)
            bad_temp = temp;
        }
      if (eis_table_push (&t, v, it->lineno, 0) != EIS_OK)
        goto nomem;
    }
  (void) row_start;
  (void) row_lineno;
  if (t.n == 0)
    {
      rc = eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: table %s has no rows", ctx->name,
                          names_line, table);
      goto out;
    }
  if (eis)
    {
      EisSpectrum *sp = NULL;
      rc = eis_table_emit_spectrum (ctx, f, &t, 0, t.n, c[3] >= 0, -1, &sp, err);
      if (rc == EIS_OK && tcount)
        sp->temperature_k = tsum / (double) tcount + 273.15;   /* Temp column is in °C */
      static const char drift_note[] = "drift-corrected impedance (ZrealDrCor, ZimagDrCor); "
        "the uncorrected Zreal, Zimag are read with --uncorrected";
      static const char raw_note[] = "uncorrected impedance (Zreal, Zimag) of a drift-corrected "
        "measurement (--uncorrected)";
      const char *note = drift > 0 ? drift_note : raw_note;
      if (rc == EIS_OK && drift
          && eis_meta_appendn (&sp->meta, "note", note, strlen (note)) != EIS_OK)
        goto nomem;
      if (rc == EIS_OK && tcount == 0 && isfinite (bad_temp) && temp_note (&sp->meta, bad_temp) != EIS_OK)
        goto nomem;
      if (rc == EIS_OK && open_line && eis_open_line_note (&sp->meta, open_line) != EIS_OK)
        goto nomem;
      if (rc == EIS_OK && !*aborted && count_warn (&sp->meta, announced, how, t.n) != EIS_OK)
        goto nomem;
    }
  else
    {
      EisSeries *se = NULL;
      rc = eis_table_emit_series (ctx, f, &t, 0, t.n, c[2] >= 0, &se, err);
      if (rc == EIS_OK && tcount)
        se->temperature_k = tsum / (double) tcount + 273.15;
      if (rc == EIS_OK && tcount == 0 && isfinite (bad_temp) && temp_note (&se->meta, bad_temp) != EIS_OK)
        goto nomem;
      if (rc == EIS_OK && open_line && eis_open_line_note (&se->meta, open_line) != EIS_OK)
        goto nomem;
      if (rc == EIS_OK && !*aborted && count_warn (&se->meta, announced, how, t.n) != EIS_OK)
        goto nomem;
    }
  goto out;
nomem:
  rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
out:
  eis_fields_free (&fl);
  namelist_free (&names);
  eis_table_free (&t);
  return rc;
}

int
eis_gamry_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisLineIter it;
  EisFields fl = { 0 };
  const char *s = "";
  size_t n = 0;
  int rc = EIS_OK, aborted = 0, tables = 0;
  char date[64] = "", time_[64] = "";
  double finit = NAN, ffinal = NAN, ppd = NAN;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (!aborted && eis_lines_next (&it, &s, &n))
    {
      if (n == 0 || s[0] == '\t' || s[0] == ' ')
        continue;
      if (eis_fields_split (&fl, s, n, '\t') != EIS_OK)
        goto nomem;
      if (fl.n < 2)
        continue;
      char key[64];
      snprintf (key, sizeof key, "%.*s", (int) (fl.len[0] < 63 ? fl.len[0] : 63), fl.p[0]);
      const char *val = fl.n > 2 ? fl.p[2] : "";
      size_t vlen = fl.n > 2 ? fl.len[2] : 0;
      int r = EIS_OK;
      double x;
      if (field_is (&fl, 1, "NOTES"))
        {
          /* NOTES <tab> NOTES <tab> k: k lines of free text follow */
          /* ... unless the count is larger than the notes: a "KEY<tab>..." line ends them. */
          if (header_number (val, vlen, &x) == 0 && x > 0 && x < 1e6)
            for (size_t k = 0; k < (size_t) x; k++)
              {
                EisLineIter save = it;
                if (!eis_lines_next (&it, &s, &n))
                  break;
                if (n > 0 && s[0] != '\t' && s[0] != ' ' && memchr (s, '\t', n))
                  {
                    it = save;
                    break;
                  }
              }
          continue;
        }
      if (field_is (&fl, 1, "TABLE"))
        {
          int eis = strncmp (key, "ZCURVE", 6) == 0;
          int dc = strcmp (key, "CURVE") == 0 || (strncmp (key, "CURVE", 5) == 0 && key[5] >= '0' && key[5] <= '9');
          if (eis || dc)
            {
              /* The rows announced: "CURVE TABLE n", or for an impedance sweep
               * FREQINIT..FREQFINAL at PTSPERDEC per decade (Gamry may add a point, never
               * fewer). */
              size_t want = 0;
              char how[160] = "";
              if (header_number (val, vlen, &x) == 0 && x >= 1 && x < 1e9 && x == floor (x))
                {
                  want = (size_t) x;
                  snprintf (how, sizeof how, "%s TABLE %zu", key, want);
                }
              else if (eis && finit > 0 && ffinal > 0 && ppd >= 1 && ppd <= 1000
                       && isfinite (finit) && isfinite (ffinal))
                {
                  double dec = fabs (log10 (finit / ffinal));
                  if (dec * ppd < 1e6)
                    {
                      want = (size_t) floor (dec * ppd + 0.5) + 1;
                      snprintf (how, sizeof how, "FREQINIT %g Hz to FREQFINAL %g Hz at %g per "
                                "decade", finit, ffinal, ppd);
                    }
                }
              rc = read_table (ctx, f, &it, key, it.lineno, eis, want, how, &aborted, err);
              if (rc != EIS_OK)
                goto out;
              tables++;
            }
          continue;
        }
      if (strcmp (key, "EXPERIMENTABORTED") == 0)
        {
          aborted = 1;
          break;
        }
      if (strcmp (key, "TAG") == 0)
        r = eis_meta_setn (&f->meta, "technique", fl.p[1], fl.len[1]);
      else if (strcmp (key, "TITLE") == 0)
        r = eis_meta_setn (&f->meta, "title", val, vlen);
      else if (strcmp (key, "DATE") == 0)
        snprintf (date, sizeof date, "%.*s", (int) (vlen < 60 ? vlen : 60), val);
      else if (strcmp (key, "TIME") == 0)
        snprintf (time_, sizeof time_, "%.*s", (int) (vlen < 60 ? vlen : 60), val);
      else if (strcmp (key, "PSTAT") == 0)
        r = eis_meta_setn (&f->meta, "instrument", val, vlen);
      else if (strcmp (key, "FRAMEWORKVERSION") == 0)
        {
          char buf[96];
          snprintf (buf, sizeof buf, "Gamry Framework %.*s", (int) (vlen < 40 ? vlen : 40), val);
          r = eis_meta_set (&f->meta, "software", buf);
        }
      else if (strcmp (key, "FREQINIT") == 0 && header_number (val, vlen, &x) == 0)
        finit = x;
      else if (strcmp (key, "FREQFINAL") == 0 && header_number (val, vlen, &x) == 0)
        ffinal = x;
      else if (strcmp (key, "PTSPERDEC") == 0 && header_number (val, vlen, &x) == 0)
        ppd = x;
      else if (strcmp (key, "AREA") == 0 && header_number (val, vlen, &x) == 0 && x > 0)
        r = eis_meta_set_double (&f->meta, "area_cm2", x);
      else if ((strcmp (key, "VDC") == 0 || strcmp (key, "EINIT") == 0 || strcmp (key, "VSTEP1") == 0)
               && header_number (val, vlen, &x) == 0 && eis_meta_get (&f->meta, "applied_voltage_v") == NULL)
        {
          r = eis_meta_set_double (&f->meta, "applied_voltage_v", x);
          if (r == EIS_OK && fl.n > 3 && fl.len[3] == 1)
            r = eis_meta_set (&f->meta, "applied_voltage_vs", fl.p[3][0] == 'T' ? "Eoc" : "Eref");
        }
      else if ((strcmp (key, "TEMP") == 0 || strcmp (key, "TEMPERATURE") == 0)
               && header_number (val, vlen, &x) == 0 && PLAUSIBLE_C (x))
        r = eis_meta_set_double (&f->meta, "temperature_k", x + 273.15);
      if (r != EIS_OK)
        goto nomem;
    }
  if (date[0] || time_[0])
    {
      char buf[140];
      snprintf (buf, sizeof buf, "%s%s%s", date, date[0] && time_[0] ? " " : "", time_);
      if (eis_meta_set (&f->meta, "start_time", buf) != EIS_OK)
        goto nomem;
    }
  if (aborted && eis_meta_set (&f->meta, "aborted", "yes") != EIS_OK)
    goto nomem;
  if (tables == 0)
    rc = eis_error_set (err, EIS_ERR_FORMAT,
                        "%s: no ZCURVE (impedance) or CURVE (chronoamperometry/-potentiometry) table found%s",
                        ctx->name, aborted ? " before EXPERIMENTABORTED" : "");
  goto out;
nomem:
  rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
out:
  eis_fields_free (&fl);
  return rc;
}
