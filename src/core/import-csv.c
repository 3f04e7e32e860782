/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The generic delimited-text reader: sniffs the delimiter and decimal separator, skips the
 * preamble, recognises columns by their header in the spellings instruments use, converts
 * units to SI and |Z|/phase to Z' and Z''. Vendor importers reuse its table reader.
 * A header-less table of exactly three numeric columns is read as f [Hz], Z' [Ohm] and
 * Z'' [Ohm] as written (no sign guessing). */
#include "c-number.h"
#include "import-private.h"
#include "temperature.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SNIFF_LINES 1000
#define MAX_SNIFF_FIELDS 10000   /* wide exports (a column per channel) are read too */

typedef struct {
  char delim, dec;
} Dialect;

/* In order of preference when two explain the data equally well. */
static const Dialect dialects[] = {
  { '\t', '.' }, { '\t', ',' }, { ';', '.' }, { ';', ',' }, { ',', '.' },
  { EIS_DELIM_WS, '.' }, { EIS_DELIM_WS, ',' },
};
#define N_DIALECTS (sizeof dialects / sizeof dialects[0])

static int
is_blank (const char *s, size_t n)
{
  eis_trim (&s, &n);
  return n == 0;
}

static int
is_comment (const char *s, size_t n)
{
  eis_trim (&s, &n);
  return n > 0 && (s[0] == '#' || s[0] == '%' || s[0] == '!' || (n > 1 && s[0] == '/' && s[1] == '/'));
}

/* Number of fields when every field of the line is a number in dialect D, else 0. */
static size_t
numeric_fields (EisFields *fl, const char *s, size_t n, const Dialect *d)
{
  if (eis_fields_split (fl, s, n, d->delim) != EIS_OK || fl->n < 2)
    return 0;
  double v;
  for (size_t i = 0; i < fl->n; i++)
    if (eis_parse_number (fl->p[i], fl->len[i], d->dec, &v) != 0)
      return 0;
  return fl->n;
}

typedef struct {
  Dialect d;
  size_t ncols;           /* fields per data row */
  size_t rows;            /* numeric rows seen while sniffing */
  const char *data;       /* first data row */
  size_t data_line;
  const char *header;     /* header line or NULL */
  size_t header_line;
  size_t header_fields;
  int lines_enough;       /* SNIFF_LINES lines seen (not cut by the text's end) */
} Sniff;

/* Finds the dialect that makes most of the first lines rows of numbers with the same
 * number of fields, and where the table starts. Returns 0 when found. */
static int
sniff (const char *text, size_t len, Sniff *out)
{
  /* counts[k * (cap + 1) + m]: lines of M numbers in dialect K, for M up to CAP; grown (up
   * to MAX_SNIFF_FIELDS) when a wider row comes, so a narrow table clears and scans only a
   * few counters. */
  enum { CAP0 = 32 };
  size_t counts0[N_DIALECTS * (CAP0 + 1)] = { 0 };
  size_t *counts = counts0, cap = CAP0;
  EisFields fl = { 0 };
  EisLineIter it;
  const char *s;
  size_t n, seen = 0;
  eis_lines_init (&it, text, len);
  while (seen < SNIFF_LINES && eis_lines_next (&it, &s, &n))
    {
      if (is_blank (s, n) || is_comment (s, n))
        continue;
      seen++;
      /* A dialect whose delimiter is not in the line splits it into one field, not a row
       * (whitespace: a run of spaces, tabs or CRs): it is not tried. */
      int has_tab = memchr (s, '\t', n) != NULL, has_semi = memchr (s, ';', n) != NULL;
      int has_comma = memchr (s, ',', n) != NULL;
      int has_ws = has_tab || memchr (s, ' ', n) != NULL || memchr (s, '\r', n) != NULL;
      for (size_t k = 0; k < N_DIALECTS; k++)
        {
          char dl = dialects[k].delim;
          if (!(dl == '\t' ? has_tab : dl == ';' ? has_semi : dl == ',' ? has_comma : has_ws))
            continue;
          size_t m = numeric_fields (&fl, s, n, &dialects[k]);
          if (m < 2 || m > MAX_SNIFF_FIELDS)
            continue;
          if (m > cap)
            {
              size_t ncap = m < MAX_SNIFF_FIELDS / 4 ? 4 * m : MAX_SNIFF_FIELDS;
              size_t *nc = calloc (N_DIALECTS * (ncap + 1), sizeof *nc);
              if (nc == NULL)
                continue;   /* (a row this wide is then not counted) */
              for (size_t j = 0; j < N_DIALECTS; j++)
                memcpy (nc + j * (ncap + 1), counts + j * (cap + 1), (cap + 1) * sizeof *nc);
              if (counts != counts0)
                free (counts);
              counts = nc;
              cap = ncap;
            }
          counts[k * (cap + 1) + m]++;
        }
    }
  size_t best = 0, bk = 0, bm = 0;
  for (size_t k = 0; k < N_DIALECTS; k++)
    for (size_t m = cap; m >= 2; m--)   /* ties: the wider table */
      if (counts[k * (cap + 1) + m] > best)
        {
          best = counts[k * (cap + 1) + m];
          bk = k;
          bm = m;
        }
  if (counts != counts0)
    free (counts);
  if (best == 0)
    {
      eis_fields_free (&fl);
      return -1;
    }
  memset (out, 0, sizeof *out);
  out->lines_enough = seen >= SNIFF_LINES;
  out->d = dialects[bk];
  out->ncols = bm;
  out->rows = best;
  /* The first row of the table, and the last non-blank line before it. */
  const char *prev = NULL;
  size_t prev_line = 0;
  eis_lines_init (&it, text, len);
  while (eis_lines_next (&it, &s, &n))
    {
      if (is_blank (s, n) || is_comment (s, n))
        continue;
      if (numeric_fields (&fl, s, n, &out->d) == bm)
        {
          out->data = s;
          out->data_line = it.lineno;
          break;
        }
      prev = s;
      prev_line = it.lineno;
    }
  if (out->data && prev)
    {
      const char *e = memchr (prev, '\n', (size_t) (text + len - prev));
      size_t pn = e ? (size_t) (e - prev) : (size_t) (text + len - prev);
      if (eis_fields_split (&fl, prev, pn, out->d.delim) == EIS_OK && fl.n >= 2)
        {
          out->header = prev;
          out->header_line = prev_line;
          out->header_fields = fl.n;
        }
    }
  eis_fields_free (&fl);
  return out->data ? 0 : -1;
}

/* sniff() of CTX's text, made once per import and kept in ctx->csv_sniff. */
static int
sniff_ctx (const EisImportCtx *ctx, Sniff *sn)
{
  EisCsvSniff *c = ctx->csv_sniff;
  if (c != NULL && c->state != 0 && c->text == ctx->text && c->text_len == ctx->text_len)
    {
      if (c->state < 0)
        return -1;
      memset (sn, 0, sizeof *sn);
      sn->d.delim = c->delim;
      sn->d.dec = c->dec;
      sn->ncols = c->ncols;
      sn->rows = c->rows;
      sn->data = c->data;
      sn->data_line = c->data_line;
      sn->header = c->header;
      sn->header_line = c->header_line;
      sn->header_fields = c->header_fields;
      sn->lines_enough = c->lines_enough;
      return 0;
    }
  int rc = sniff (ctx->text, ctx->text_len, sn);
  if (c != NULL)
    *c = rc == 0 ? (EisCsvSniff) { 1, ctx->text, ctx->text_len, sn->d.delim, sn->d.dec,
                                   sn->ncols, sn->rows, sn->data, sn->data_line, sn->header,
                                   sn->header_line, sn->header_fields, sn->lines_enough }
                 : (EisCsvSniff) { -1, ctx->text, ctx->text_len, 0, 0, 0, 0, NULL, 0, NULL, 0,
                                   0, 0 };
  return rc;
}

int
eis_csv_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  Sniff sn;
  if (sniff_ctx (ctx, &sn) != 0)
    return 0;
  return 10;
}

/* ---- column names ---- */

/* Lower-cased key of a column name: spaces, dots and underscores dropped, Unicode primes
 * and double quotes turned into apostrophes. */
static size_t
name_key (const char *s, size_t n, char *key, size_t cap)
{
  size_t k = 0;
  for (size_t i = 0; i < n && k + 3 < cap; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c == ' ' || c == '.' || c == '_' || c == '\t')
        continue;
      if (c == 0xE2 && i + 2 < n && (unsigned char) s[i + 1] == 0x80)
        {
          unsigned char c3 = (unsigned char) s[i + 2];
          if (c3 == 0xB2 || c3 == 0x99 || c3 == 0x98)      /* ′ ’ ‘ */
            {
              key[k++] = '\'';
              i += 2;
              continue;
            }
          if (c3 == 0xB3 || c3 == 0x9D || c3 == 0x9C)      /* ″ ” “ */
            {
              key[k++] = '\'';
              key[k++] = '\'';
              i += 2;
              continue;
            }
        }
      if (c == '"')
        {
          key[k++] = '\'';
          key[k++] = '\'';
          continue;
        }
      key[k++] = (char) tolower (c);
    }
  key[k] = '\0';
  return k;
}

static int
key_in (const char *key, const char *const *list)
{
  for (size_t i = 0; list[i]; i++)
    if (strcmp (key, list[i]) == 0)
      return 1;
  return 0;
}

static const char *const f_names[] = {
  "freq", "frequency", "f", "fre", "frequenz", "fr\xc3\xa9quence", "frequence", "freq(hz)",
  "frequencies", "fhz", NULL
};
static const char *const w_names[] = { "omega", "w", "\xcf\x89", "angularfrequency", NULL };
static const char *const re_names[] = {
  "z'", "re(z)", "rez", "zreal", "zre", "zr", "real", "real(z)", "z'(a)", "re", "z1",
  "realz", "zreal'", "z'real", "realimpedance", "impedancereal", "z'r", "realpart", "datareal",
  "zprime", NULL
};
static const char *const im_names[] = {
  "z''", "im(z)", "imz", "zimag", "zim", "zimg", "zi", "imag", "imag(z)", "z''(b)", "im",
  "imaginary", "zimaginary", "z2", "imagz", "imaginaryimpedance", "impedanceimaginary",
  "imagpart", "z'i", "z''im", "dataimag", "zbis", "zdoubleprime", NULL
};
static const char *const mod_names[] = {
  "|z|", "zmod", "mod(z)", "modz", "z", "abs(z)", "absz", "zabs", "magnitude", "modulus",
  "impedance", "zmag", "|z|(a)", "mag", "mod", "impedancemodulus", NULL
};
static const char *const phase_names[] = {
  "phase", "phase(z)", "phz", "zphz", "zphase", "theta", "phi", "angle", "phaseangle",
  "\xce\xb8", "\xcf\x86", "arg(z)", "phasez", "zphi", "phase(z)(deg)", NULL
};
static const char *const time_names[] = {
  "time", "t", "elapsedtime", "timeelapsed", "runtime", "zeit", "correctedtime", NULL
};
static const char *const current_names[] = {
  "i", "current", "<i>", "iwe", "i(a)", "strom", "im", "we(1)current", NULL
};
static const char *const voltage_names[] = {
  "e", "v", "ewe", "<ewe>", "potential", "voltage", "u", "vf", "ewe-ref", "spannung",
  "we(1)potential", NULL
};
static const char *const cycle_names[] = { "cycle", "cyclenumber", "loop", "cycleno", NULL };

/* Splits a header into name and unit: "Frequency (Hz)", "freq/Hz", "Z' [kOhm]",
 * "Zreal_Ohm", "Frequency Hz". Returns the unit's quantity (or NONE, unit empty). */
static EisQuantity
split_unit (const char *h, size_t n, size_t *name_len, double *scale)
{
  *scale = 1;
  *name_len = n;
  if (n >= 2 && (h[n - 1] == ')' || h[n - 1] == ']'))
    {
      char open = h[n - 1] == ')' ? '(' : '[';
      for (size_t i = n - 1; i-- > 0;)
        if (h[i] == open)
          {
            EisQuantity q = eis_unit_lookup (h + i + 1, n - i - 2, scale);
            if (q != EIS_Q_NONE)
              {
                *name_len = i;
                return q;
              }
            break;
          }
    }
  for (size_t i = 0; i < n; i++)
    if (h[i] == '/')
      {
        EisQuantity q = eis_unit_lookup (h + i + 1, n - i - 1, scale);
        if (q != EIS_Q_NONE)
          {
            *name_len = i;
            return q;
          }
      }
  for (size_t i = n; i-- > 1;)
    if (h[i] == '_' || h[i] == ' ')
      {
        EisQuantity q = eis_unit_lookup (h + i + 1, n - i - 1, scale);
        if (q != EIS_Q_NONE)
          {
            *name_len = i;
            return q;
          }
        break;
      }
  *scale = 1;
  return EIS_Q_NONE;
}

/* A header cell *H of *N bytes without its blanks and the quotes around it (quotes in quotes too). */
static void
unquote_header (const char **h, size_t *n)
{
  eis_trim (h, n);
  while (*n >= 2 && ((*h)[0] == '"' || (*h)[0] == '\'') && (*h)[*n - 1] == (*h)[0])
    {
      (*h)++;
      *n -= 2;
      eis_trim (h, n);
    }
}

int
eis_column_classify (const char *h, size_t n, double *scale, int *sign)
{
  unquote_header (&h, &n);
  size_t name_len;
  double uscale;
  EisQuantity q = split_unit (h, n, &name_len, &uscale);
  const char *name = h;
  eis_trim (&name, &name_len);
  *sign = 1;
  for (;;)
    {
      /* '-', '+', or the Unicode minus sign U+2212 that typeset headers use ("−Z''") */
      size_t skip = 0;
      if (name_len > 0 && (name[0] == '-' || name[0] == '+'))
        skip = 1;
      else if (name_len >= 3 && memcmp (name, "\xe2\x88\x92", 3) == 0)
        skip = 3;
      if (skip == 0)
        break;
      if (name[0] != '+')
        *sign = -*sign;
      name += skip;
      name_len -= skip;
      eis_trim (&name, &name_len);
    }
  char key[128];
  name_key (name, name_len, key, sizeof key);
  const char *k = key;
  if (strncmp (k, "neg", 3) == 0 && k[3] != '\0' && strcmp (k, "negative") != 0)
    {
      *sign = -*sign;
      k += 3;
    }
  int role;
  int angular = 0;
  if (key_in (k, f_names))
    role = EIS_COL_F;
  else if (key_in (k, w_names))
    role = EIS_COL_F, angular = 1;
  else if (key_in (k, re_names))
    role = EIS_COL_RE;
  else if (key_in (k, im_names))
    role = EIS_COL_IM;
  else if (key_in (k, mod_names))
    role = EIS_COL_MOD;
  else if (key_in (k, phase_names))
    role = EIS_COL_PHASE;
  else if (key_in (k, time_names))
    role = EIS_COL_TIME;
  else if (key_in (k, current_names))
    role = EIS_COL_CURRENT;
  else if (key_in (k, voltage_names))
    role = EIS_COL_VOLTAGE;
  else if (key_in (k, cycle_names))
    role = EIS_COL_CYCLE;
  else if (q == EIS_Q_NONE && name_len > 0
           && (q = eis_unit_lookup (name, name_len, &uscale)) != EIS_Q_NONE
           && (q == EIS_Q_TIME || q == EIS_Q_CURRENT || q == EIS_Q_VOLTAGE || q == EIS_Q_FREQ))
    {
      /* A bare unit names the column (PSTrace curves: "s", "Âµ" "A", "V"). */
      *sign = 1;
      *scale = uscale;
      return q == EIS_Q_TIME ? EIS_COL_TIME : q == EIS_Q_CURRENT ? EIS_COL_CURRENT
             : q == EIS_Q_VOLTAGE ? EIS_COL_VOLTAGE : EIS_COL_F;
    }
  else
    {
      *sign = 1;
      *scale = 1;
      /* A known name with a unit we do not know ("Z'/furlong", "Z' (Ohm cm2)"): say so. */
      if (q == EIS_Q_NONE)
        for (size_t i = 1; i < name_len; i++)
          if (name[i] == '/' || name[i] == '[' || (name[i] == '(' && name[i - 1] == ' '))
            {
              double sc;
              int sg;
              return eis_column_classify (name, i, &sc, &sg) > 0 ? -1 : EIS_COL_NONE;
            }
      return EIS_COL_NONE;
    }
  *scale = 1;
  switch (role)
    {
    case EIS_COL_F:
      if (q == EIS_Q_FREQ)
        *scale = uscale;
      else if (q == EIS_Q_ANGFREQ || (q == EIS_Q_NONE && angular))
        *scale = uscale / (2 * M_PI);
      else if (q != EIS_Q_NONE)
        return -1;
      break;
    case EIS_COL_RE: case EIS_COL_IM: case EIS_COL_MOD:
      if (q == EIS_Q_OHM)
        *scale = uscale;
      else if (q != EIS_Q_NONE)
        return -1;
      break;
    case EIS_COL_PHASE:
      if (q == EIS_Q_ANGLE)
        *scale = uscale;
      else if (q == EIS_Q_NONE)
        *scale = M_PI / 180;   /* a bare "phase" column is in degrees */
      else
        return -1;
      break;
    case EIS_COL_TIME:
      if (q == EIS_Q_TIME)
        *scale = uscale;
      else if (q != EIS_Q_NONE)
        return -1;
      break;
    case EIS_COL_CURRENT:
      if (q == EIS_Q_CURRENT)
        *scale = uscale;
      else if (q != EIS_Q_NONE)
        return -1;
      break;
    case EIS_COL_VOLTAGE:
      if (q == EIS_Q_VOLTAGE)
        *scale = uscale;
      else if (q != EIS_Q_NONE)
        return -1;
      break;
    default:
      break;
    }
  return role;
}

/* Whether the header H of a phase column says its unit: a unit ("phase (rad)", "phase/deg"),
 * or "deg" within the name ("Phase(Z)(deg)"). A bare "phase" is read in degrees. */
static int
phase_header_has_unit (const char *h, size_t n)
{
  unquote_header (&h, &n);
  size_t name_len;
  double sc;
  if (split_unit (h, n, &name_len, &sc) != EIS_Q_NONE)
    return 1;
  for (size_t i = 0; i + 3 <= n; i++)
    if (strncasecmp (h + i, "deg", 3) == 0)
      return 1;
  return 0;
}

/* ---- the --columns option ---- */

typedef struct {
  int col;                /* 0-based column, -1 unset */
  double scale;
  int sign;
} ColUse;

typedef struct {
  const char *key;
  int role;
  int sign;
  double scale;           /* applied on top of the header's unit; 0 = take the header's */
} ColKey;

static const ColKey col_keys[] = {
  { "f", EIS_COL_F, 1, 0 }, { "freq", EIS_COL_F, 1, 0 },
  { "omega", EIS_COL_F, 1, 1 / (2 * M_PI) },
  { "re", EIS_COL_RE, 1, 0 }, { "-re", EIS_COL_RE, -1, 0 },
  { "im", EIS_COL_IM, 1, 0 }, { "-im", EIS_COL_IM, -1, 0 },
  { "mod", EIS_COL_MOD, 1, 0 }, { "phase", EIS_COL_PHASE, 1, M_PI / 180 },
  { "-phase", EIS_COL_PHASE, -1, M_PI / 180 },
  { "phase_rad", EIS_COL_PHASE, 1, 1 }, { "-phase_rad", EIS_COL_PHASE, -1, 1 },
  { "t", EIS_COL_TIME, 1, 0 }, { "time", EIS_COL_TIME, 1, 0 },
  { "i", EIS_COL_CURRENT, 1, 0 }, { "current", EIS_COL_CURRENT, 1, 0 },
  { "v", EIS_COL_VOLTAGE, 1, 0 }, { "voltage", EIS_COL_VOLTAGE, 1, 0 },
  { "cycle", EIS_COL_CYCLE, 1, 0 },
};

static const char *
role_name (int role)
{
  switch (role)
    {
    case EIS_COL_F: return "frequency";
    case EIS_COL_RE: return "real part of Z";
    case EIS_COL_IM: return "imaginary part of Z";
    case EIS_COL_MOD: return "|Z|";
    case EIS_COL_PHASE: return "phase";
    case EIS_COL_TIME: return "time";
    case EIS_COL_CURRENT: return "current";
    case EIS_COL_VOLTAGE: return "voltage";
    case EIS_COL_CYCLE: return "cycle";
    default: return "column";
    }
}

typedef struct {
  size_t n;
  const char **p;
  size_t *len;
} Header;

/* Lists the columns as `1 "freq/Hz", 2 "Re(Z)/Ohm"` into BUF. */
static void
list_columns (const Header *h, size_t ncols, char *buf, size_t cap)
{
  size_t k = 0;
  buf[0] = '\0';
  size_t n = h && h->n ? h->n : ncols;
  for (size_t i = 0; i < n && k + 16 < cap; i++)
    {
      if (h && h->n)
        k += (size_t) snprintf (buf + k, cap - k, "%s%zu \"%.*s\"", i ? ", " : "", i + 1,
                                (int) (h->len[i] > 40 ? 40 : h->len[i]), h->p[i]);
      else
        k += (size_t) snprintf (buf + k, cap - k, "%s%zu", i ? ", " : "", i + 1);
      if (k >= cap)
        {
          k = cap - 1;
          break;
        }
    }
  if (k + 5 < cap && n > 0 && k >= cap - 20)
    snprintf (buf + k, cap - k, " ...");
}

/* Parses the --columns text into USE[role]. */
static int
parse_columns_option (const EisImportCtx *ctx, const char *spec, const Header *h,
                      ColUse use[EIS_COL_N_ROLES], const double hscale[], EisError *err)
{
  const char *p = spec;
  while (*p)
    {
      while (*p == ' ' || *p == ',')
        p++;
      if (!*p)
        break;
      const char *eq = p;
      while (*eq && *eq != '=' && *eq != ',')
        eq++;
      if (*eq != '=')
        return eis_error_set (err, EIS_ERR_INVALID,
                              "--columns \"%s\": expected KEY=COLUMN (keys: f, re, im, -im, -re, mod, phase, phase_rad, t, i, v, cycle)",
                              spec);
      const char *val = eq + 1, *ve = val;
      while (*ve && *ve != ',')
        ve++;
      const char *kp = p;
      size_t kn = (size_t) (eq - p), vn = (size_t) (ve - val);
      eis_trim (&kp, &kn);
      eis_trim (&val, &vn);
      const ColKey *ck = NULL;
      for (size_t i = 0; i < sizeof col_keys / sizeof col_keys[0]; i++)
        if (strlen (col_keys[i].key) == kn && strncmp (col_keys[i].key, kp, kn) == 0)
          ck = &col_keys[i];
      if (ck == NULL)
        return eis_error_set (err, EIS_ERR_INVALID,
                              "--columns: unknown key \"%.*s\" (keys: f, omega, re, -re, im, -im, mod, phase, -phase, phase_rad, t, i, v, cycle)",
                              (int) kn, kp);
      int col = -1;
      char *end;
      char num[32];
      if (vn > 0 && vn < sizeof num)
        {
          memcpy (num, val, vn);
          num[vn] = '\0';
          long v = strtol (num, &end, 10);
          if (*end == '\0')
            {
              if (v < 1 || v > 100000)
                return eis_error_set (err, EIS_ERR_INVALID,
                                      "--columns: column number %ld for \"%.*s\" must be from "
                                      "1 to 100000", v, (int) kn, kp);
              col = (int) v - 1;
            }
        }
      if (col < 0)
        {
          if (h == NULL || h->n == 0)
            return eis_error_set (err, EIS_ERR_INVALID,
                                  "%s: --columns names column \"%.*s\" but the table has no header line; give column numbers (1, 2, ...)",
                                  ctx->name, (int) vn, val);
          for (size_t i = 0; i < h->n && col < 0; i++)
            if (h->len[i] == vn && strncasecmp (h->p[i], val, vn) == 0)
              col = (int) i;
          if (col < 0)
            {
              char list[600];
              list_columns (h, 0, list, sizeof list);
              return eis_error_set (err, EIS_ERR_INVALID,
                                    "%s: --columns: no column named \"%.*s\" (columns: %s)",
                                    ctx->name, (int) vn, val, list);
            }
        }
      for (int r = 0; r < EIS_COL_N_ROLES; r++)
        if (r != ck->role && use[r].col == col)
          return eis_error_set (err, EIS_ERR_INVALID,
                                "--columns \"%s\": column %d is given two roles (%s and %s)",
                                spec, col + 1, role_name (r), role_name (ck->role));
      ColUse *u = &use[ck->role];
      u->col = col;
      u->sign = ck->sign;
      if (ck->scale != 0)
        u->scale = ck->scale;
      else
        u->scale = hscale && h && (size_t) col < h->n && hscale[col] != 0 ? hscale[col] : 1;
      p = ve;
    }
  return EIS_OK;
}

/* ---- the table reader ---- */

enum { MODE_NONE, MODE_RI, MODE_POLAR, MODE_DC };

static int
is_numeric_row (const EisFields *fl, char dec)
{
  double v;
  for (size_t i = 0; i < fl->n; i++)
    if (fl->len[i] > 0 && eis_parse_number (fl->p[i], fl->len[i], dec, &v) == 0)
      return 1;
  return 0;
}

static int
needed_col_missing (const EisImportCtx *ctx, size_t line, int col, size_t have, const Header *h,
                    EisError *err)
{
  if (h && h->n && (size_t) col < h->n)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s:%zu: column %d (\"%.*s\") is missing: the row has %zu field%s",
                          ctx->name, line, col + 1, (int) h->len[col], h->p[col], have,
                          have == 1 ? "" : "s");
  return eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: expected at least %d columns, found %zu",
                        ctx->name, line, col + 1, have);
}

static const char columns_hint[] =
  "say which column is which with --columns, e.g. --columns \"f=1,re=2,im=3\" "
  "(-im= when the column holds -Z'', mod= and phase= for |Z| and phase in degrees)";

/* Refuses a phase column without a unit (read in degrees) that holds radians: every |value|
 * within pi/2 (PH_MAX, the largest, on line PH_LINE) while |Z| changes by a factor of 2 or
 * more (MOD_MIN to MOD_MAX, Ohm). Read in degrees such a column gives phases below 1.6 degrees
 * throughout, and by Bode's gain-phase relation (phase ~ (pi/2) d ln|Z|/d ln omega for a
 * minimum-phase impedance) |Z| would then change by far less than a factor of 2 over any
 * measured span: the column is in radians, and read as degrees every Z'' would be wrong. */
static int
phase_radians_check (const EisImportCtx *ctx, const Header *h, int col, size_t header_line,
                     double ph_max, size_t ph_line, double mod_min, double mod_max,
                     EisError *err)
{
  if (ph_line == 0 || !(ph_max <= M_PI / 2 + 0.01) || !(mod_min > 0)
      || !(mod_max >= 2 * mod_min))
    return EIS_OK;
  return eis_error_set (err, EIS_ERR_FORMAT,
                        "%s:%zu: column %d \"%.*s\" gives no unit, so its phase is read in "
                        "degrees, but every value lies within +-pi/2 (the largest, %.4g, on "
                        "line %zu) while |Z| changes by a factor of %.3g (%.4g to %.4g Ohm): "
                        "this phase looks like radians; write the unit in the header "
                        "(\"phase (rad)\" or \"phase (deg)\") or give it with --columns "
                        "(phase_rad=%d for radians, phase=%d for degrees)",
                        ctx->name, header_line, col + 1, (int) (h->len[col] > 40 ? 40
                                                                 : h->len[col]),
                        h->p[col], ph_max, ph_line, mod_max / mod_min, mod_min, mod_max,
                        col + 1, col + 1);
}

int
eis_read_delimited (const EisImportCtx *ctx, EisDataFile *f, const char *start,
                    size_t first_line, const EisTableSpec *spec, EisError *err)
{
  const char *text_end = ctx->text + ctx->text_len;
  EisLineIter it;
  if (ctx->src != NULL)
    {
      /* through a window: START is in the file's first part, read again if the window moved */
      if (eis_source_rewind (ctx->src) != EIS_OK)
        return eis_error_set (err, EIS_ERR_IO, "%s: read error", ctx->name);
      text_end = eis_source_end (ctx->src);
    }
  eis_lines_init (&it, start, (size_t) (text_end - start));
  it.src = ctx->src;
  it.lineno = first_line - 1;
  size_t ns0 = ctx->stream ? eis_stream_count (ctx) : f->n_spectra, nd0 = f->n_series;
  size_t pushed = 0;
  EisFields fl = { 0 };
  Header h = { 0, NULL, NULL };
  char *hblock = NULL;
  double *hscale = NULL;
  int *hrole = NULL, *hsign = NULL;
  EisTable t;
  eis_table_init (&t, 4);
  t.lazy_huge = ctx->src != NULL;
  const char *s;
  size_t n;
  int rc = EIS_OK;
  size_t header_line = 0;
  char list[640];
  ColUse use[EIS_COL_N_ROLES];
  int dup[EIS_COL_N_ROLES];
  int bad_unit = -1;
  int phase_given = 0;        /* --columns says the phase column and its unit */
  /* A phase column without a unit is read in degrees; its largest |value| (and the line) and
   * the range of |Z| tell radians written under a bare "phase" (see phase_looks_radians). */
  double ph_max = 0, mod_min = INFINITY, mod_max = 0;
  size_t ph_max_line = 0;
  for (int r = 0; r < EIS_COL_N_ROLES; r++)
    {
      use[r].col = -1;
      use[r].scale = 1;
      use[r].sign = 1;
      dup[r] = -1;
    }

  if (spec->has_header)
    {
      if (!eis_lines_next (&it, &s, &n))
        return eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu: expected a header line", ctx->name,
                              first_line);
      header_line = it.lineno;
      if (eis_fields_split (&fl, s, n, spec->delim) != EIS_OK)
        goto nomem;
      size_t total = 0;
      for (size_t i = 0; i < fl.n; i++)
        total += fl.len[i] + 1;
      h.n = fl.n;
      h.p = malloc ((fl.n ? fl.n : 1) * sizeof *h.p);
      h.len = malloc ((fl.n ? fl.n : 1) * sizeof *h.len);
      hscale = calloc (fl.n ? fl.n : 1, sizeof *hscale);
      hrole = calloc (fl.n ? fl.n : 1, sizeof *hrole);
      hsign = calloc (fl.n ? fl.n : 1, sizeof *hsign);
      hblock = malloc (total ? total : 1);
      if (h.p == NULL || h.len == NULL || hscale == NULL || hrole == NULL || hsign == NULL
          || hblock == NULL)
        goto nomem;
      size_t o = 0;
      for (size_t i = 0; i < fl.n; i++)
        {
          memcpy (hblock + o, fl.p[i], fl.len[i]);
          hblock[o + fl.len[i]] = '\0';
          h.p[i] = hblock + o;
          h.len[i] = fl.len[i];
          o += fl.len[i] + 1;
          hrole[i] = eis_column_classify (h.p[i], h.len[i], &hscale[i], &hsign[i]);
          if (hrole[i] < 0 && bad_unit < 0)
            bad_unit = (int) i;
        }
    }
  for (int k = 0; k < spec->skip_rows; k++)
    if (!eis_lines_next (&it, &s, &n))
      break;

  /* Which column is which: by header, then the --columns option on top. */
  if (spec->has_header)
    for (size_t i = 0; i < h.n; i++)
      {
        int r = hrole[i];
        if (r <= 0)
          continue;
        if (use[r].col < 0)
          {
            use[r].col = (int) i;
            use[r].scale = hscale[i];
            use[r].sign = hsign[i];
          }
        else if (dup[r] < 0)
          dup[r] = (int) i;
      }
  if (ctx->opt->columns && *ctx->opt->columns)
    {
      ColUse given[EIS_COL_N_ROLES];
      for (int r = 0; r < EIS_COL_N_ROLES; r++)
        given[r].col = -1;
      rc = parse_columns_option (ctx, ctx->opt->columns, spec->has_header ? &h : NULL, given,
                                 hscale, err);
      if (rc != EIS_OK)
        goto out;
      phase_given = given[EIS_COL_PHASE].col >= 0;
      for (int r = 0; r < EIS_COL_N_ROLES; r++)
        if (given[r].col >= 0)
          {
            for (int q = 0; q < EIS_COL_N_ROLES; q++)
              if (use[q].col == given[r].col)
                use[q].col = -1;
            use[r] = given[r];
            dup[r] = -1;
          }
      /* A role the option left out keeps its header column only when unambiguous. */
    }
  else if (!spec->has_header)
    {
      /* Header-less: three numeric columns are f, Z', Z'' as written. */
      EisLineIter peek = it;
      peek.src = NULL;          /* a look ahead within the first part, which stays */
      size_t ncols = 0;
      while (eis_lines_next (&peek, &s, &n))
        {
          if (is_blank (s, n) || is_comment (s, n))
            continue;
          if (eis_fields_split (&fl, s, n, spec->delim) != EIS_OK)
            goto nomem;
          ncols = fl.n;
          break;
        }
      if (ncols != 3)
        {
          rc = eis_error_set (err, EIS_ERR_FORMAT,
                              "%s:%zu: a table of %zu columns without a header line; without a "
                              "header only three columns (f, Z', Z'') are understood: %s",
                              ctx->name, peek.lineno, ncols, columns_hint);
          goto out;
        }
      use[EIS_COL_F].col = 0;
      use[EIS_COL_RE].col = 1;
      use[EIS_COL_IM].col = 2;
    }

  int mode = MODE_NONE;
  int missing = EIS_COL_NONE;
  if (use[EIS_COL_F].col >= 0)
    {
      if (use[EIS_COL_RE].col >= 0 && use[EIS_COL_IM].col >= 0)
        mode = MODE_RI;
      else if (use[EIS_COL_MOD].col >= 0 && use[EIS_COL_PHASE].col >= 0)
        mode = MODE_POLAR;
      else if (use[EIS_COL_IM].col < 0 && use[EIS_COL_PHASE].col < 0)
        missing = EIS_COL_IM;
      else if (use[EIS_COL_RE].col < 0 && use[EIS_COL_MOD].col < 0)
        missing = EIS_COL_RE;
      else
        missing = use[EIS_COL_MOD].col < 0 ? EIS_COL_MOD : EIS_COL_PHASE;
    }
  else if (use[EIS_COL_TIME].col >= 0 && use[EIS_COL_CURRENT].col >= 0)
    mode = MODE_DC;
  else
    missing = EIS_COL_F;
  if (spec->zero_freq_dc)
    {
      /* The DC rows of a mixed table: nothing to read without time and current columns. */
      if (use[EIS_COL_F].col < 0 || use[EIS_COL_TIME].col < 0 || use[EIS_COL_CURRENT].col < 0)
        goto out;
      mode = MODE_DC;
      missing = EIS_COL_NONE;
    }
  int amb = EIS_COL_NONE;
  if (mode == MODE_RI || mode == MODE_POLAR)
    {
      int roles_ri[] = { EIS_COL_F, EIS_COL_RE, EIS_COL_IM };
      int roles_po[] = { EIS_COL_F, EIS_COL_MOD, EIS_COL_PHASE };
      for (int k = 0; k < 3; k++)
        {
          int r = mode == MODE_RI ? roles_ri[k] : roles_po[k];
          if (dup[r] >= 0)
            amb = r;
        }
    }
  if (missing != EIS_COL_NONE || amb != EIS_COL_NONE)
    {
      list_columns (&h, 0, list, sizeof list);
      char unit_note[200] = "";
      if (bad_unit >= 0)
        snprintf (unit_note, sizeof unit_note, " (the unit of column %d \"%.*s\" is not one eisfit knows)",
                  bad_unit + 1, (int) (h.len[bad_unit] > 40 ? 40 : h.len[bad_unit]), h.p[bad_unit]);
      if (amb != EIS_COL_NONE)
        rc = eis_error_set (err, EIS_ERR_FORMAT,
                            "%s:%zu: two columns could be the %s: %d \"%.*s\" and %d \"%.*s\" "
                            "(columns: %s); %s",
                            ctx->name, header_line, role_name (amb), use[amb].col + 1,
                            (int) h.len[use[amb].col], h.p[use[amb].col], dup[amb] + 1,
                            (int) h.len[dup[amb]], h.p[dup[amb]], list, columns_hint);
      else if (missing == EIS_COL_F && use[EIS_COL_TIME].col >= 0)
        rc = eis_error_set (err, EIS_ERR_FORMAT,
                            "%s:%zu: no frequency column and no current column for a time series"
                            "%s (columns: %s); %s",
                            ctx->name, header_line, unit_note, list, columns_hint);
      else
        rc = eis_error_set (err, EIS_ERR_FORMAT,
                            "%s:%zu: no column for the %s found%s (columns: %s); %s",
                            ctx->name, header_line, role_name (missing), unit_note, list,
                            columns_hint);
      goto out;
    }

  int cols[6];
  int ncols = 0;
  if (mode == MODE_RI)
    {
      cols[ncols++] = EIS_COL_F;
      cols[ncols++] = EIS_COL_RE;
      cols[ncols++] = EIS_COL_IM;
    }
  else if (mode == MODE_POLAR)
    {
      cols[ncols++] = EIS_COL_F;
      cols[ncols++] = EIS_COL_MOD;
      cols[ncols++] = EIS_COL_PHASE;
    }
  else
    {
      cols[ncols++] = EIS_COL_TIME;
      cols[ncols++] = EIS_COL_CURRENT;
      if (use[EIS_COL_VOLTAGE].col >= 0)
        cols[ncols++] = EIS_COL_VOLTAGE;
      if (spec->zero_freq_dc)
        cols[ncols++] = EIS_COL_F;
    }
  int with_time = mode != MODE_DC && use[EIS_COL_TIME].col >= 0;
  if (with_time)
    cols[ncols++] = EIS_COL_TIME;
  int with_cycle = use[EIS_COL_CYCLE].col >= 0;
  int phase_check = mode == MODE_POLAR && spec->has_header && !phase_given
                    && (size_t) use[EIS_COL_PHASE].col < h.n
                    && !phase_header_has_unit (h.p[use[EIS_COL_PHASE].col],
                                               h.len[use[EIS_COL_PHASE].col]);
  if (with_cycle)
    cols[ncols++] = EIS_COL_CYCLE;
  double im_sign = spec->im_sign != 0 ? spec->im_sign : 1;

  int block = 0;
  size_t zero_rows = 0, ref_fields = 0, last_open = 0, next_emit = 4096;
  /* Without a time column an impedance table keeps f, Z', Z'' only. */
  if (mode != MODE_DC && !with_time)
    t.ncol = 3;
  /* Rows to expect: the rest of the text over the length of its first line, and 1 % more
   * (numbers written with a fixed format have nearly equal lengths). */
  {
    /* (through a window: the file's size; untouched room costs no memory) */
    const char *rest = it.p;
    size_t left = ctx->src ? (size_t) eis_source_size (ctx->src) : (size_t) (text_end - rest);
    const char *nl = left ? memchr (rest, '\n', left < 4096 ? left : 4096) : NULL;
    if (nl != NULL && left > 65536)
      {
        size_t est = left / (size_t) (nl - rest + 1);
        if (eis_table_reserve (&t, est + est / 100 + 16) != EIS_OK)
          goto nomem;
      }
  }
  /* The fields read, by column: WANT[column] is the index into V of its value (or -1). */
  signed char want[64];
  size_t nwant = 0;
  for (int k = 0; k < ncols; k++)
    if ((size_t) use[cols[k]].col >= nwant)
      nwant = (size_t) use[cols[k]].col + 1;
  if (nwant > sizeof want)
    nwant = 0;                  /* a column far to the right: the general way only */
  memset (want, -1, sizeof want);
  for (int k = 0; k < ncols && nwant; k++)
    want[use[cols[k]].col] = (signed char) k;
  while (eis_lines_next (&it, &s, &n))
    {
      /* blank lines and comments (as is_blank and is_comment) */
      const char *q = s, *qe = s + n;
      while (q < qe && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
        q++;
      if (q == qe || *q == '#' || *q == '%' || *q == '!'
          || (*q == '/' && q + 1 < qe && q[1] == '/'))
        continue;
      double v[6];
      int bad = -1;
      /* the common row in one pass; anything else the general way, as before */
      size_t nf = nwant ? eis_fields_numbers (s, n, spec->delim, spec->dec, want, nwant, ncols, v)
                        : 0;
      if (nf > 0)
        fl.n = nf;
      else
        {
          if (eis_fields_split (&fl, s, n, spec->delim) != EIS_OK)
            goto nomem;
          if (fl.n == 0)
            continue;
          for (int k = 0; k < ncols; k++)
            {
              int c = use[cols[k]].col;
              if ((size_t) c >= fl.n
                  || eis_parse_number (fl.p[c], fl.len[c], spec->dec, &v[k]) != 0)
                {
                  bad = k;
                  break;
                }
            }
        }
      if (bad >= 0)
        {
          int c = use[cols[bad]].col;
          int numeric = is_numeric_row (&fl, spec->dec);
          if (it.open && ((size_t) c >= fl.n || fl.n < ref_fields)
              && (numeric || (fl.n > 0 && fl.len[0] > 0 && strchr ("0123456789+-.", fl.p[0][0]))))
            {
              rc = eis_cut_row_error (ctx, it.lineno, fl.n, ref_fields ? ref_fields
                                      : h.n > (size_t) c ? h.n : (size_t) c + 1, err);
              goto out;
            }
          if (spec->skip_empty && ((size_t) c >= fl.n || fl.len[c] == 0))
            continue;
          if (spec->stop_at_text)
            break;
          if (!numeric)
            {
              /* a row of numbers separated by another delimiter than the table's rows */
              static const Dialect other[] = { { ',', '.' }, { ';', '.' }, { ';', ',' },
                                               { '\t', '.' }, { '\t', ',' } };
              EisFields fo = { 0 };
              for (size_t k = 0; k < sizeof other / sizeof other[0]; k++)
                {
                  size_t m = other[k].delim == spec->delim ? 0
                             : numeric_fields (&fo, s, n, &other[k]);
                  if (m > 0 && m >= (size_t) c + 1 && m >= (ref_fields ? ref_fields : 2))
                    {
                      const char *dn = other[k].delim == ',' ? "commas"
                                       : other[k].delim == ';' ? "semicolons" : "tabs";
                      const char *rn = spec->delim == ',' ? "commas" : spec->delim == ';'
                                       ? "semicolons" : spec->delim == '\t' ? "tabs" : "spaces";
                      eis_fields_free (&fo);
                      rc = eis_error_set (err, EIS_ERR_FORMAT,
                                          "%s:%zu: a row of numbers separated by %s, where the "
                                          "rows before are separated by %s: expected one "
                                          "delimiter throughout the file", ctx->name,
                                          it.lineno, dn, rn);
                      goto out;
                    }
                }
              eis_fields_free (&fo);
              block++;          /* a repeated header or a section line: a new table */
              continue;
            }
          if ((size_t) c >= fl.n)
            {
              rc = needed_col_missing (ctx, it.lineno, c, fl.n, &h, err);
              goto out;
            }
          if (h.n > (size_t) c)
            rc = eis_error_set (err, EIS_ERR_FORMAT,
                                "%s:%zu: column %d (\"%.*s\"): expected a number, found %s%.*s%s",
                                ctx->name, it.lineno, c + 1, (int) h.len[c], h.p[c],
                                fl.len[c] ? "\"" : "an empty field", (int) (fl.len[c] > 40 ? 40 : fl.len[c]),
                                fl.p[c], fl.len[c] ? "\"" : "");
          else
            rc = eis_error_set (err, EIS_ERR_FORMAT,
                                "%s:%zu: column %d (%s): expected a number, found %s%.*s%s",
                                ctx->name, it.lineno, c + 1, role_name (cols[bad]),
                                fl.len[c] ? "\"" : "an empty field", (int) (fl.len[c] > 40 ? 40 : fl.len[c]),
                                fl.p[c], fl.len[c] ? "\"" : "");
          goto out;
        }
      double row[4];
      int k = 0;
      if (mode == MODE_DC)
        {
          row[EIS_T_T] = v[0] * use[EIS_COL_TIME].scale;
          row[EIS_T_I] = v[1] * use[EIS_COL_CURRENT].scale * use[EIS_COL_CURRENT].sign;
          k = 2;
          if (use[EIS_COL_VOLTAGE].col >= 0)
            row[EIS_T_V] = v[k++] * use[EIS_COL_VOLTAGE].scale * use[EIS_COL_VOLTAGE].sign;
          else
            row[EIS_T_V] = NAN;
          row[3] = NAN;
          if (spec->zero_freq_dc && v[k++] != 0)
            continue;
        }
      else
        {
          double fr = v[0] * use[EIS_COL_F].scale;
          if (spec->drop_zero_freq && fr == 0)
            {
              zero_rows++;
              continue;
            }
          row[EIS_T_F] = fr;
          if (mode == MODE_RI)
            {
              row[EIS_T_RE] = v[1] * use[EIS_COL_RE].scale * use[EIS_COL_RE].sign;
              row[EIS_T_IM] = v[2] * use[EIS_COL_IM].scale * use[EIS_COL_IM].sign * im_sign;
            }
          else
            {
              double mod = v[1] * use[EIS_COL_MOD].scale;
              double ph = v[2] * use[EIS_COL_PHASE].scale * use[EIS_COL_PHASE].sign;
              row[EIS_T_RE] = mod * cos (ph);
              row[EIS_T_IM] = mod * sin (ph) * im_sign;
              if (phase_check)
                {
                  if (fabs (v[2]) > ph_max || ph_max_line == 0)
                    {
                      ph_max = fabs (v[2]);
                      ph_max_line = it.lineno;
                    }
                  if (mod > 0 && mod < mod_min)
                    mod_min = mod;
                  if (isfinite (mod) && mod > mod_max)
                    mod_max = mod;
                }
            }
          k = 3;
          row[EIS_T_TIME] = with_time ? v[k++] * use[EIS_COL_TIME].scale : NAN;
        }
      int group = block;
      if (with_cycle)
        {
          double cv = v[k];
          group = isfinite (cv) && fabs (cv) < 1e9 ? (int) lround (cv) : -1;
        }
      /* A row with more fields than the rows before: a stray separator (a decimal comma in a
       * comma-separated file) or two lines run together would shift the values unseen. */
      /* More fields under a comma-separated header than it names, where two neighbours read
       * as one number with a decimal comma ("1,5" split into "1" and "5"): every value would
       * be misread (info and convert wrote them; a fit blamed the sweep order). */
      if (ref_fields == 0 && h.n >= 2 && fl.n > h.n && spec->delim == ',' && !spec->skip_empty)
        {
          /* (the fast path counted the fields without keeping them) */
          if (eis_fields_split (&fl, s, n, spec->delim) != EIS_OK)
            goto nomem;
          size_t j = 0;
          for (; j + 1 < fl.n; j++)
            {
              const char *a = fl.p[j], *b = fl.p[j + 1];
              size_t la = fl.len[j], lb = fl.len[j + 1];
              size_t da = la && (a[0] == '+' || a[0] == '-');
              int int_a = la > da && la <= da + 15 && strspn (a + da, "0123456789") == la - da;
              size_t db = strspn (b, "0123456789");
              int frac_b = lb > 0 && db > 0 && (db == lb || b[db] == 'e' || b[db] == 'E');
              if (int_a && frac_b)
                break;
            }
          if (j + 1 < fl.n)
            {
              rc = eis_error_set (err, EIS_ERR_FORMAT,
                                  "%s:%zu: %zu fields under a header of %zu, and \"%.*s,%.*s\" "
                                  "reads as one number with a decimal comma: decimal commas in "
                                  "a comma-separated file cannot be told from the separator; "
                                  "export with a decimal point, or with ; as the separator (or "
                                  "quote the numbers: \"1,5\")", ctx->name, it.lineno, fl.n, h.n,
                                  (int) fl.len[j], fl.p[j], (int) fl.len[j + 1], fl.p[j + 1]);
              goto out;
            }
        }
      if (ref_fields == 0)
        ref_fields = fl.n;
      else if (fl.n > ref_fields && !spec->skip_empty)
        {
          rc = eis_error_set (err, EIS_ERR_FORMAT,
                              "%s:%zu: %zu fields where the rows before have %zu (a stray "
                              "separator, or two lines run together?)",
                              ctx->name, it.lineno, fl.n, ref_fields);
          goto out;
        }
      /* The last line without a line end: a file cut short may have cut its last number,
       * and a row with fewer fields than the rows before was cut in the middle. */
      if (it.open && fl.n < (ref_fields ? ref_fields : h.n))
        {
          rc = eis_cut_row_error (ctx, it.lineno, fl.n, ref_fields ? ref_fields : h.n, err);
          goto out;
        }
      last_open = it.open ? it.lineno : 0;
      if (eis_table_push (&t, row, it.lineno, group) != EIS_OK)
        goto nomem;
      pushed++;
      /* Through a window the spectra go out as they are complete: the table holds the rows
       * of one sweep (and of the last few thousand lines), not of the whole file. */
      if (ctx->src != NULL && mode != MODE_DC && t.n >= next_emit)
        {
          if (phase_check && (rc = phase_radians_check (ctx, &h, use[EIS_COL_PHASE].col,
                                                        header_line, ph_max, ph_max_line,
                                                        mod_min, mod_max, err)) != EIS_OK)
            goto out;
          rc = eis_table_emit_ready (ctx, f, &t, with_time, with_cycle, spec->split_sweeps, err);
          if (rc != EIS_OK)
            goto out;
          next_emit = t.n + (t.n > 4096 ? t.n : 4096);
          /* the rows left are one sweep not yet ended: too long already, refuse it now */
          if (ctx->opt->max_points && t.n > ctx->opt->max_points)
            {
              rc = eis_error_set (err, EIS_ERR_DATA, "%s:%zu: the spectrum from line %zu has "
                                  "more than %zu points already, the limit for fitting "
                                  "(measured spectra have fewer than 10000; --max-points N "
                                  "raises it)", ctx->name, it.lineno, t.line[0],
                                  ctx->opt->max_points);
              if (ctx->error_final)
                *ctx->error_final = 1;
              goto out;
            }
        }
    }

  if (spec->zero_freq_dc && pushed < 2)
    goto out;
  if (pushed == 0 && zero_rows > 0 && spec->zero_freq_next)
    goto out;                 /* only DC rows: the caller reads them as a DC series */
  if (pushed == 0)
    {
      if (spec->has_header)
        rc = eis_error_set (err, EIS_ERR_FORMAT,
                            "%s:%zu: a header line but no rows of numbers after it", ctx->name,
                            header_line);
      else
        rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: no rows of numbers found", ctx->name);
      goto out;
    }
  if (phase_check && (rc = phase_radians_check (ctx, &h, use[EIS_COL_PHASE].col, header_line,
                                                ph_max, ph_max_line, mod_min, mod_max,
                                                err)) != EIS_OK)
    goto out;
  t.hand_over = 1;   /* only eis_table_free follows */
  if (mode == MODE_DC)
    rc = eis_table_emit_series (ctx, f, &t, 0, t.n, use[EIS_COL_VOLTAGE].col >= 0, NULL, err);
  else if (spec->split_sweeps)
    rc = eis_table_emit_sweeps (ctx, f, &t, with_time, with_cycle, err);
  else
    {
      size_t from = 0;
      while (rc == EIS_OK && from < t.n)
        {
          size_t to = from + 1;
          while (to < t.n && eis_table_group (&t, to) == eis_table_group (&t, from))
            to++;
          rc = eis_table_emit_spectrum (ctx, f, &t, from, to, with_time,
                                        with_cycle ? eis_table_group (&t, from) : -1, NULL, err);
          from = to;
        }
    }
  size_t ns1 = ctx->stream ? eis_stream_count (ctx) : f->n_spectra;
  if (rc == EIS_OK && last_open && (ns1 > ns0 || f->n_series > nd0))
    {
      EisMeta *m = f->n_series > nd0 ? &f->series[f->n_series - 1]->meta
                   : ctx->stream ? &eis_stream_last (ctx)->meta
                                 : &f->spectra[f->n_spectra - 1]->meta;
      if (eis_open_line_note (m, last_open) != EIS_OK)
        goto nomem;
    }
  goto out;

nomem:
  rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
out:
  eis_fields_free (&fl);
  eis_table_free (&t);
  free (h.p);
  free (h.len);
  free (hblock);
  free (hscale);
  free (hrole);
  free (hsign);
  return rc;
}

int
eis_read_delimited_dc (const EisImportCtx *ctx, EisDataFile *f, const char *start,
                       size_t first_line, const EisTableSpec *spec, EisError *err)
{
  EisTableSpec s = *spec;
  s.drop_zero_freq = 1;
  int rc = eis_read_delimited (ctx, f, start, first_line, &s, err);
  if (rc != EIS_OK)
    return rc;
  s.drop_zero_freq = 0;
  s.zero_freq_next = 0;
  s.split_sweeps = 0;
  s.zero_freq_dc = 1;
  return eis_read_delimited (ctx, f, start, first_line, &s, err);
}

/* What leading "# key: value" lines give a file holding one spectrum or one series. */
typedef struct {
  int cycle;              /* -1: none */
  double temperature_k, area_cm2, series_temperature_k;   /* NAN: none */
} KeyComments;

/* Leading "# key: value" lines, as eisfit convert writes them: kept as metadata of the file,
 * and (see apply_key_comments) for a file holding one spectrum or one series its cycle,
 * temperature_K and area_cm2 (the source's own, "source" and "format" are the file's
 * provenance). */
static int
read_key_comments (const EisImportCtx *ctx, EisDataFile *f, KeyComments *kc, EisError *err)
{
  EisLineIter it;
  const char *s = "";
  size_t n = 0;
  kc->cycle = -1;
  kc->temperature_k = kc->area_cm2 = kc->series_temperature_k = NAN;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (eis_lines_next (&it, &s, &n))
    {
      const char *t = s, *k, *v;
      size_t tn = n, kn, vn;
      eis_trim (&t, &tn);
      if (tn == 0)
        continue;
      if (t[0] != '#')
        break;
      t++, tn--;
      eis_trim (&t, &tn);
      if (eis_split_kv (t, tn, ':', &k, &kn, &v, &vn) != 0 || kn == 0 || kn > 64)
        continue;
      char key[80], val[512];
      snprintf (key, sizeof key, "%.*s", (int) kn, k);
      snprintf (val, sizeof val, "%.*s", (int) (vn < 500 ? vn : 500), v);
      /* What described the source file, not this one, keeps a "source_" prefix. */
      char skey[96];
      snprintf (skey, sizeof skey, "source_%s", key);
      const char *mkey = strcmp (key, "source") == 0 ? "converted_from"
                         : strcmp (key, "format") == 0 || strcmp (key, "encoding") == 0
                           || strcmp (key, "delimiter") == 0 || strcmp (key, "decimal") == 0
                         ? skey : key;
      if (eis_meta_set (&f->meta, mkey, val) != EIS_OK)
        return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      /* a header's "Temperature: 25 C" (or 298.15 K) with its unit: the spectrum's
       * temperature, as eisfit info shows it (a bare number says no unit: not used) */
      size_t vl = strlen (val);
      while (vl > 0 && (val[vl - 1] == ' ' || val[vl - 1] == '\t' || val[vl - 1] == '\r'))
        vl--;
      double tk;
      if (strcasecmp (key, "temperature") == 0 && isnan (kc->temperature_k) && vl > 0
          && strchr ("CcKk", val[vl - 1]) != NULL && eis_temperature_parse (val, &tk) == EIS_OK
          && tk > 0)
        {
          kc->temperature_k = kc->series_temperature_k = tk;
          continue;
        }
      char *end;
      double x = eis_strtod (val, &end);
      int number = end != val && *end == '\0' && isfinite (x);
      if (!number)
        continue;
      /* the first usable value of each counts */
      if (strcmp (key, "cycle") == 0 && kc->cycle < 0 && x == floor (x) && x >= 0 && x < 1e9)
        kc->cycle = (int) x;
      else if (strcmp (key, "temperature_K") == 0 && x > 0 && isnan (kc->temperature_k))
        kc->temperature_k = kc->series_temperature_k = x;
      else if (strcmp (key, "area_cm2") == 0 && x > 0 && isnan (kc->area_cm2))
        kc->area_cm2 = x;
    }
  return EIS_OK;
}

/* The cycle, temperature and area of the leading comments on SP, the one spectrum of a file
 * (or the temperature on SE, its one series). */
static void
apply_key_comments (const KeyComments *kc, EisSpectrum *sp, EisSeries *se)
{
  if (sp)
    {
      if (kc->cycle >= 0 && sp->cycle < 0)
        sp->cycle = kc->cycle;
      if (!isnan (kc->temperature_k) && isnan (sp->temperature_k))
        sp->temperature_k = kc->temperature_k;
      if (!isnan (kc->area_cm2) && isnan (sp->area_cm2))
        sp->area_cm2 = kc->area_cm2;
    }
  else if (se && !isnan (kc->series_temperature_k) && isnan (se->temperature_k))
    se->temperature_k = kc->series_temperature_k;
}

/* A header-less table is read as f, Z', Z'' as written; a third column that is positive
 * throughout most likely holds -Z'' (BioLogic, PalmSens): say how to read it so. */
static int
warn_positive_im (EisSpectrum *sp)
{
  size_t pos = 0;
  for (size_t i = 0; i < sp->n; i++)
    pos += sp->z_im[i] > 0;
  if (sp->n >= 3 && pos == sp->n
      && eis_meta_set (&sp->meta, "warning",
                       "every imaginary part is positive (inductive); if the third column "
                       "holds -Z'', read the file with --columns f=1,re=2,-im=3") != EIS_OK)
    return EIS_ERR_NOMEM;
  return EIS_OK;
}

typedef struct {
  KeyComments kc;
  int header_less;        /* warn on positive imaginary parts */
} CsvFinish;

/* Streaming: what eis_csv_read does to the spectra after reading, on each as it goes out. */
static int
csv_finish (const EisImportCtx *ctx, EisDataFile *f, EisSpectrum *s, int last, void *data,
            EisError *err)
{
  const CsvFinish *cf = data;
  if (last && eis_stream_count (ctx) == 1 && f->n_series == 0)
    apply_key_comments (&cf->kc, s, NULL);
  if (cf->header_less && warn_positive_im (s) != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return EIS_OK;
}

/* 1 when S[0..n) is a number with a decimal comma: [+-]digits,digits[e[+-]digits]. */
static int
decimal_comma_number (const char *s, size_t n)
{
  size_t i = 0, d1 = 0, d2 = 0;
  if (i < n && (s[i] == '+' || s[i] == '-'))
    i++;
  while (i < n && isdigit ((unsigned char) s[i]))
    i++, d1++;
  if (i >= n || s[i] != ',')
    return 0;
  i++;
  while (i < n && isdigit ((unsigned char) s[i]))
    i++, d2++;
  if (i < n && (s[i] == 'e' || s[i] == 'E'))
    {
      i++;
      if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
      if (i >= n || !isdigit ((unsigned char) s[i]))
        return 0;
      while (i < n && isdigit ((unsigned char) s[i]))
        i++;
    }
  return d1 > 0 && d2 > 0 && i == n;
}

int
eis_csv_explain (const EisImportCtx *ctx, EisError *err)
{
  if (ctx->text == NULL)
    return EIS_OK;
  EisLineIter it;
  const char *s;
  size_t n;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (it.lineno < SNIFF_LINES && eis_lines_next (&it, &s, &n))
    {
      /* a quoted field "1,5" between commas (or at either end of the line) */
      for (size_t i = 0; i < n; i++)
        {
          if (s[i] != '"' || (i > 0 && s[i - 1] != ',' && s[i - 1] != ' '))
            continue;
          const char *q = memchr (s + i + 1, '"', n - i - 1);
          if (q == NULL)
            break;
          size_t len = (size_t) (q - (s + i + 1));
          int comma_around = (i > 0 && s[i - 1] == ',') || (q + 1 < s + n && q[1] == ',');
          if (comma_around && decimal_comma_number (s + i + 1, len))
            return eis_error_set (err, EIS_ERR_FORMAT,
                                  "%s:%zu: \"%.*s\" is a number with a decimal comma in a "
                                  "table whose fields are separated by commas: expected decimal "
                                  "points (1.5), or semicolons or tabs between the fields (save "
                                  "the file so)", ctx->name, it.lineno, (int) (len > 40 ? 40 : len),
                                  s + i + 1);
          i = (size_t) (q - s);
        }
    }
  return EIS_OK;
}

/* The line before the table's first row (DATA), skipping blank lines and comments; NULL when
 * there is none. *LEN its length, *LINE its number. */
static const char *
line_before (const EisImportCtx *ctx, const char *data, size_t *len, size_t *line)
{
  EisLineIter it;
  const char *s, *prev = NULL;
  size_t n, pn = 0, pl = 0;
  eis_lines_init (&it, ctx->text, (size_t) (data - ctx->text));
  while (eis_lines_next (&it, &s, &n))
    if (!is_blank (s, n) && !is_comment (s, n))
      prev = s, pn = n, pl = it.lineno;
  *len = pn;
  *line = pl;
  return prev;
}

int
eis_csv_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  Sniff sn;
  if (sniff_ctx (ctx, &sn) != 0)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: no table of numbers found (expected rows of at least two numbers "
                          "separated by commas, semicolons, tabs or spaces)",
                          ctx->name);
  EisTableSpec spec = { 0 };
  spec.delim = sn.d.delim;
  spec.dec = sn.d.dec;
  spec.format = "csv";
  spec.split_sweeps = 1;
  spec.im_sign = 1;
  int use_header = 0;
  if (sn.header)
    {
      if (sn.header_fields == sn.ncols)
        use_header = 1;
      else
        {
          /* A line of another width before the table: a header only if it names a column. */
          EisFields fl = { 0 };
          const char *e = memchr (sn.header, '\n', (size_t) (ctx->text + ctx->text_len - sn.header));
          size_t hn = e ? (size_t) (e - sn.header) : (size_t) (ctx->text + ctx->text_len - sn.header);
          if (eis_fields_split (&fl, sn.header, hn, sn.d.delim) != EIS_OK)
            {
              eis_fields_free (&fl);
              return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
            }
          for (size_t i = 0; i < fl.n && !use_header; i++)
            {
              double sc;
              int sg;
              if (eis_column_classify (fl.p[i], fl.len[i], &sc, &sg) > 0)
                use_header = 1;
            }
          eis_fields_free (&fl);
        }
    }
  spec.has_header = use_header;
  /* A layout read the wrong way unseen: refused, naming the line. Quoted decimal commas in a
   * comma-separated table (the rows that hold one do not read as numbers); a header whose
   * fields are separated otherwise than the rows (its names would be lost, and the columns
   * taken by position). */
  if (sn.d.delim == ',')
    {
      int rc = eis_csv_explain (ctx, err);
      if (rc != EIS_OK)
        return rc;
    }
  if (!use_header && (ctx->opt->columns == NULL || *ctx->opt->columns == '\0'))
    {
      size_t hn, hl;
      const char *h = line_before (ctx, sn.data, &hn, &hl);
      static const char delims[] = { ',', ';', '\t' };
      EisFields fl = { 0 };
      for (size_t k = 0; h && k < sizeof delims; k++)
        {
          if (delims[k] == sn.d.delim || eis_fields_split (&fl, h, hn, delims[k]) != EIS_OK
              || fl.n < 2)
            continue;
          int named = 0;
          for (size_t i = 0; i < fl.n && !named; i++)
            {
              double sc;
              int sg;
              named = eis_column_classify (fl.p[i], fl.len[i], &sc, &sg) > 0;
            }
          if (named)
            {
              static const char *const names[] = { "commas", "semicolons", "tabs" };
              const char *rows = sn.d.delim == ',' ? "commas" : sn.d.delim == ';'
                                 ? "semicolons" : sn.d.delim == '\t' ? "tabs" : "spaces";
              eis_fields_free (&fl);
              return eis_error_set (err, EIS_ERR_FORMAT,
                                    "%s:%zu: the header's fields are separated by %s, the rows' "
                                    "(from line %zu) by %s: expected one delimiter throughout "
                                    "the file", ctx->name, hl, names[k], sn.data_line, rows);
            }
        }
      eis_fields_free (&fl);
    }
  if (eis_meta_set (&f->meta, "delimiter",
                    sn.d.delim == '\t' ? "tab" : sn.d.delim == ';' ? "semicolon"
                    : sn.d.delim == ',' ? "comma" : "whitespace") != EIS_OK
      || eis_meta_set (&f->meta, "decimal", sn.d.dec == ',' ? "comma" : "point") != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  /* An impedance table with time and current columns may hold the DC rows of the same run
   * (frequency 0, as VersaStudio exports): they become a DC series of their own. */
  int dc_rows = 0;
  if (use_header && (ctx->opt->columns == NULL || *ctx->opt->columns == '\0'))
    {
      EisFields fl = { 0 };
      const char *e = memchr (sn.header, '\n', (size_t) (ctx->text + ctx->text_len - sn.header));
      size_t hn = e ? (size_t) (e - sn.header) : (size_t) (ctx->text + ctx->text_len - sn.header);
      int roles = 0;
      if (eis_fields_split (&fl, sn.header, hn, sn.d.delim) == EIS_OK)
        for (size_t i = 0; i < fl.n; i++)
          {
            double sc;
            int sg, r = eis_column_classify (fl.p[i], fl.len[i], &sc, &sg);
            if (r > 0)
              roles |= 1 << r;
          }
      eis_fields_free (&fl);
      dc_rows = (roles & (1 << EIS_COL_F)) && (roles & (1 << EIS_COL_TIME))
                && (roles & (1 << EIS_COL_CURRENT));
    }
  spec.zero_freq_next = dc_rows;
  /* The leading comments first: the file's metadata is complete before the table, whose
   * spectra may go out as they are read (and the first part of the text read through a window
   * is only there until the table is read). */
  CsvFinish cf = { .header_less = !use_header && ctx->opt->columns == NULL };
  int rc = read_key_comments (ctx, f, &cf.kc, err);
  if (rc != EIS_OK)
    return rc;
  if (ctx->stream)
    eis_stream_set_finish (ctx, csv_finish, &cf);
  rc = dc_rows ? eis_read_delimited_dc (ctx, f, sn.header, sn.header_line, &spec, err)
       : use_header ? eis_read_delimited (ctx, f, sn.header, sn.header_line, &spec, err)
                    : eis_read_delimited (ctx, f, sn.data, sn.data_line, &spec, err);
  if (ctx->stream)
    {
      /* the last spectrum goes out here, while CF is alive */
      if (rc == EIS_OK)
        {
          if (eis_stream_count (ctx) == 0 && f->n_series == 1)
            apply_key_comments (&cf.kc, NULL, f->series[0]);
          rc = eis_stream_flush (ctx, f, err);
        }
      eis_stream_set_finish (ctx, NULL, NULL);
      return rc;
    }
  if (rc == EIS_OK && f->n_spectra + f->n_series == 1)
    apply_key_comments (&cf.kc, f->n_spectra ? f->spectra[0] : NULL,
                        f->n_series ? f->series[0] : NULL);
  for (size_t k = 0; rc == EIS_OK && cf.header_less && k < f->n_spectra; k++)
    if (warn_positive_im (f->spectra[k]) != EIS_OK)
      rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return rc;
}
