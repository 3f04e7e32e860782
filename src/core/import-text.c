/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Building blocks shared by the importers: line and field splitting, locale-independent
 * numbers, unit spellings, growing point tables and little/big-endian binary reads. */
#include "import-private.h"

#include <csv.h>
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* ---- lines ---- */

void
eis_lines_init (EisLineIter *it, const char *data, size_t len)
{
  it->p = data;
  it->end = data + len;
  it->lineno = 0;
  it->open = 0;
  it->src = NULL;
}

int
eis_lines_next (EisLineIter *it, const char **line, size_t *len)
{
  const char *lf;
  for (;;)
    {
      if (it->p >= it->end)
        {
          if (it->src == NULL || !eis_source_refill (it->src, &it->p, &it->end))
            return 0;
          continue;
        }
      lf = memchr (it->p, '\n', (size_t) (it->end - it->p));
      /* a line not ended in the window: more of the file after it (a CR at the window's end
       * may be followed by a LF, so it waits for a LF too) */
      if (lf != NULL || it->src == NULL || !eis_source_refill (it->src, &it->p, &it->end))
        break;
    }
  const char *s = it->p, *q = s;
  size_t left = (size_t) (it->end - s);
  const char *cr = memchr (s, '\r', lf ? (size_t) (lf - s) : left);
  it->open = 0;
  if (cr)
    {
      q = cr;
      const char *r = cr;
      while (r < it->end && *r == '\r')   /* CR, CR CR LF, CR LF */
        r++;
      if (r < it->end && *r == '\n')
        r++;
      it->p = r;
    }
  else if (lf)
    {
      q = lf;
      it->p = lf + 1;
    }
  else
    {
      q = it->end;
      it->p = it->end;
      it->open = 1;
    }
  *line = s;
  *len = (size_t) (q - s);
  it->lineno++;
  return 1;
}

/* ---- strings ---- */

int
eis_starts_with_ci (const char *s, size_t n, const char *prefix)
{
  size_t k = strlen (prefix);
  if (k > n)
    return 0;
  for (size_t i = 0; i < k; i++)
    if (tolower ((unsigned char) s[i]) != tolower ((unsigned char) prefix[i]))
      return 0;
  return 1;
}

const char *
eis_find_ci (const char *s, size_t n, const char *needle)
{
  size_t k = strlen (needle);
  if (k == 0)
    return s;
  if (k > n)
    return NULL;
  /* The first byte in either case (the earlier of the two, found with memchr, as every
   * importer's detection searches the head of every file), then the rest. */
  int lo = tolower ((unsigned char) needle[0]), up = toupper ((unsigned char) needle[0]);
  const char *p = s, *end = s + (n - k + 1);
  while (p < end)
    {
      const char *c = memchr (p, lo, (size_t) (end - p));
      if (up != lo)
        {
          const char *d = memchr (p, up, (size_t) ((c ? c : end) - p));
          if (d)
            c = d;
        }
      if (c == NULL)
        return NULL;
      size_t j = 1;
      while (j < k && tolower ((unsigned char) c[j]) == tolower ((unsigned char) needle[j]))
        j++;
      if (j == k)
        return c;
      p = c + 1;
    }
  return NULL;
}

void
eis_trim (const char **s, size_t *n)
{
  if (*n == 0)
    return;
  const char *p = *s, *e = *s + *n;
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
    e--;
  *s = p;
  *n = (size_t) (e - p);
}

/* ---- fields ---- */

static int
fields_push (EisFields *fl, const char *p, size_t len)
{
  if (fl->n == fl->cap)
    {
      size_t cap = fl->cap ? 2 * fl->cap : 32;
      const char **np = realloc (fl->p, cap * sizeof *np);
      if (np == NULL)
        return EIS_ERR_NOMEM;
      fl->p = np;
      size_t *nl = realloc (fl->len, cap * sizeof *nl);
      if (nl == NULL)
        return EIS_ERR_NOMEM;
      fl->len = nl;
      size_t *no = realloc (fl->off, cap * sizeof *no);
      if (no == NULL)
        return EIS_ERR_NOMEM;
      fl->off = no;
      fl->cap = cap;
    }
  eis_trim (&p, &len);
  fl->p[fl->n] = p;
  fl->len[fl->n] = len;
  fl->n++;
  return EIS_OK;
}

typedef struct {
  EisFields *fl;
  int failed;
} CsvState;

static void
csv_field_cb (void *s, size_t len, void *data)
{
  CsvState *st = data;
  EisFields *fl = st->fl;
  if (st->failed)
    return;
  if (fl->scratch_len + len + 1 > fl->scratch_cap)
    {
      size_t cap = 2 * (fl->scratch_len + len + 1) + 64;
      char *ns = realloc (fl->scratch, cap);
      if (ns == NULL)
        {
          st->failed = 1;
          return;
        }
      fl->scratch = ns;
      fl->scratch_cap = cap;
    }
  size_t off = fl->scratch_len;
  if (len)
    memcpy (fl->scratch + off, s, len);
  fl->scratch[off + len] = '\0';
  fl->scratch_len += len + 1;
  if (fields_push (fl, NULL, 0) != EIS_OK)
    {
      st->failed = 1;
      return;
    }
  fl->off[fl->n - 1] = off;
  fl->len[fl->n - 1] = len;
}

static void
csv_row_cb (int c, void *data)
{
  (void) c;
  (void) data;
}

int
eis_cut_row_error (const EisImportCtx *ctx, size_t line, size_t have, size_t want,
                   EisError *err)
{
  return eis_error_set (err, EIS_ERR_FORMAT,
                        "%s:%zu: the last line has no line end and %zu of the %zu fields of a "
                        "row: the file was cut short in this row (get the whole file, or "
                        "delete the line)", ctx->name, line, have, want);
}

int
eis_open_line_note (EisMeta *m, size_t line)
{
  char buf[200];
  snprintf (buf, sizeof buf, "line %zu, the last, has no line end: read as a whole row (if "
            "the file was cut short, check that its last number is whole)", line);
  return eis_meta_set (m, "notice", buf);
}

int
eis_fields_split (EisFields *fl, const char *line, size_t len, char delim)
{
  fl->n = 0;
  fl->scratch_len = 0;
  if (delim == EIS_DELIM_WS)
    {
      const char *p = line, *e = line + len;
      while (p < e)
        {
          while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
          if (p >= e)
            break;
          const char *q = p;
          while (q < e && *q != ' ' && *q != '\t' && *q != '\r')
            q++;
          if (fields_push (fl, p, (size_t) (q - p)) != EIS_OK)
            return EIS_ERR_NOMEM;
          p = q;
        }
      return EIS_OK;
    }
  if (memchr (line, '"', len) == NULL)
    {
      const char *p = line, *e = line + len;
      for (;;)
        {
          const char *q = memchr (p, delim, (size_t) (e - p));
          if (q == NULL)
            {
              if (fields_push (fl, p, (size_t) (e - p)) != EIS_OK)
                return EIS_ERR_NOMEM;
              break;
            }
          if (fields_push (fl, p, (size_t) (q - p)) != EIS_OK)
            return EIS_ERR_NOMEM;
          p = q + 1;
        }
    }
  else
    {
      struct csv_parser parser;
      if (csv_init (&parser, 0) != 0)
        return EIS_ERR_NOMEM;
      csv_set_delim (&parser, (unsigned char) delim);
      CsvState st = { fl, 0 };
      csv_parse (&parser, line, len, csv_field_cb, csv_row_cb, &st);
      csv_fini (&parser, csv_field_cb, csv_row_cb, &st);
      csv_free (&parser);
      if (st.failed)
        return EIS_ERR_NOMEM;
      for (size_t i = 0; i < fl->n; i++)
        {
          fl->p[i] = fl->scratch + fl->off[i];
          eis_trim (&fl->p[i], &fl->len[i]);
        }
    }
  while (fl->n > 0 && fl->len[fl->n - 1] == 0)
    fl->n--;
  return EIS_OK;
}

void
eis_fields_free (EisFields *fl)
{
  free (fl->p);
  free (fl->len);
  free (fl->off);
  free (fl->scratch);
  memset (fl, 0, sizeof *fl);
}

size_t
eis_fields_numbers (const char *line, size_t len, char delim, char dec, const signed char *want,
                    size_t nwant, int need, double *v)
{
  const char *p = line, *e = line + len;
  size_t field = 0, n = 0;
  int got = 0;
  if (delim == EIS_DELIM_WS)
    {
      for (;;)
        {
          while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
          if (p >= e)
            break;
          int k = field < nwant ? want[field] : -1;
          if (k >= 0)
            {
              p = eis_scan_number (p, e, dec, &v[k]);
              if (p == NULL || (p < e && *p != ' ' && *p != '\t' && *p != '\r'))
                return 0;
              got++;
            }
          else
            while (p < e && *p != ' ' && *p != '\t' && *p != '\r')
              p++;
          field++;
        }
      return got == need ? field : 0;
    }
  /* a tab is a delimiter here, not a space to trim */
  const char sp2 = delim == '\t' ? ' ' : '\t';
  for (;;)
    {
      int k = field < nwant ? want[field] : -1;
      if (k >= 0)
        {
          while (p < e && (*p == ' ' || *p == sp2))
            p++;
          p = eis_scan_number (p, e, dec, &v[k]);
          if (p == NULL)
            return 0;
          while (p < e && (*p == ' ' || *p == sp2))
            p++;
          if (p < e && *p != delim)
            return 0;
          got++;
          n = field + 1;
        }
      else
        {
          /* a field not read: only its end, and whether it is empty (a quote anywhere sends
           * the row to libcsv, where a quoted field may hold the delimiter) */
          int empty = 1;
          for (; p < e && *p != delim; p++)
            {
              if (*p == '"')
                return 0;
              if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                empty = 0;
            }
          if (!empty)
            n = field + 1;
        }
      field++;
      if (p >= e)
        break;
      p++;
    }
  return got == need ? n : 0;
}

/* ---- numbers ---- */

static const double pow10_tab[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static locale_t
c_locale (void)
{
  static locale_t c;
  if (c == (locale_t) 0)
    c = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  return c;
}

/* strtod in the C locale, whatever the process locale is (the GUI sets one). */
static double
strtod_c (const char *s, char **end)
{
  if (c_locale () == (locale_t) 0)
    return strtod (s, end);
  locale_t old = uselocale (c_locale ());
  double v = strtod (s, end);
  uselocale (old);
  return v;
}

/* Eight ASCII digits at P as one number (Lemire 2018, "Fast float parsing in practice";
 * fast_float's parse_eight_digits_unrolled): 1 when all eight are digits. Little-endian only;
 * elsewhere the digits are read one by one. */
static inline int
eight_digits (const char *p, uint32_t *out)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t v;
  memcpy (&v, p, 8);
  if (((v + 0x4646464646464646ULL) | (v - 0x3030303030303030ULL)) & 0x8080808080808080ULL)
    return 0;
  v -= 0x3030303030303030ULL;
  v = v * 10 + (v >> 8);
  v = (((v & 0x000000FF000000FFULL) * 0x000F424000000064ULL)
       + (((v >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL)) >> 32;
  *out = (uint32_t) v;
  return 1;
#else
  (void) p;
  (void) out;
  return 0;
#endif
}

/* Digits from P (before E) appended to *MANT; returns where they end. *MANT is exact while the
 * count of digits appended to it stays at 19 or fewer. */
static inline const char *
scan_digits (const char *p, const char *e, uint64_t *mant)
{
  uint64_t m = *mant;
  uint32_t d8;
  while (e - p >= 8 && eight_digits (p, &d8))
    {
      m = m * 100000000u + d8;
      p += 8;
    }
  while (p < e && (unsigned) (*p - '0') < 10)
    {
      m = m * 10 + (uint64_t) (*p - '0');
      p++;
    }
  *mant = m;
  return p;
}

/* Parses a number at S..E; returns the end of what was read, or NULL. The fast path is
 * exact (Clinger 1990: an integer mantissa up to 2^53 times or over a power of ten up to
 * 10^22, both exact doubles, rounded once); anything else goes to strtod. */
const char *
eis_scan_number (const char *s, const char *e, char dec, double *out)
{
  const char *p = s;
  int neg = 0;
  if (p < e && (*p == '+' || *p == '-'))
    {
      neg = *p == '-';
      p++;
    }
  uint64_t mant = 0;
  const char *digits = p;
  p = scan_digits (p, e, &mant);
  size_t ndig = (size_t) (p - digits);
  int exp10 = 0;
  if (p < e && *p == dec)
    {
      const char *f0 = ++p;
      p = scan_digits (p, e, &mant);
      ndig += (size_t) (p - f0);
      exp10 = -(int) (p - f0 < 100000 ? p - f0 : 100000);
    }
  /* more than 19 digits may have wrapped the mantissa: strtod reads them */
  int exact = ndig <= 19;
  if (ndig == 0)
    {
      p = digits;
      size_t left = (size_t) (e - p);
      if (eis_starts_with_ci (p, left, "nan"))
        {
          *out = neg ? -NAN : NAN;   /* the sign strtod gives it */
          return p + 3;
        }
      if (eis_starts_with_ci (p, left, "infinity"))
        {
          *out = neg ? -INFINITY : INFINITY;
          return p + 8;
        }
      if (eis_starts_with_ci (p, left, "inf"))
        {
          *out = neg ? -INFINITY : INFINITY;
          return p + 3;
        }
      return NULL;
    }
  if (p < e && (*p == 'e' || *p == 'E'))
    {
      const char *q = p + 1;
      int eneg = 0, ev = 0, any = 0;
      if (q < e && (*q == '+' || *q == '-'))
        {
          eneg = *q == '-';
          q++;
        }
      while (q < e && *q >= '0' && *q <= '9')
        {
          if (ev < 100000)
            ev = ev * 10 + (*q - '0');
          any = 1;
          q++;
        }
      if (any)
        {
          exp10 += eneg ? -ev : ev;
          p = q;
        }
    }
  double v;
  if (exact && mant <= (1ULL << 53) && exp10 >= -22 && exp10 <= 22)
    {
      v = (double) mant;
      if (exp10 < 0)
        v /= pow10_tab[-exp10];
      else
        v *= pow10_tab[exp10];
    }
  else
    {
      char buf[128];
      size_t n = (size_t) (p - s);
      if (n >= sizeof buf)
        return NULL;
      memcpy (buf, s, n);
      buf[n] = '\0';
      for (size_t i = 0; i < n; i++)
        if (buf[i] == dec)
          buf[i] = '.';
      char *end;
      v = strtod_c (buf, &end);
      if (*end != '\0')
        return NULL;
      *out = v;
      return p;
    }
  *out = neg ? -v : v;
  return p;
}

int
eis_parse_number (const char *s, size_t n, char dec, double *out)
{
  eis_trim (&s, &n);
  if (n == 0)
    return -1;
  const char *end = eis_scan_number (s, s + n, dec, out);
  return end == s + n ? 0 : -1;
}

int
eis_parse_number_prefix (const char *s, size_t n, char dec, double *out)
{
  eis_trim (&s, &n);
  if (n == 0)
    return -1;
  return eis_scan_number (s, s + n, dec, out) ? 0 : -1;
}

/* ---- units ---- */

typedef struct {
  const char *spelling;
  EisQuantity q;
  double scale;
} UnitDef;

/* Case matters: mHz is millihertz, MHz megahertz, mOhm milliohm, MOhm megaohm. */
static const UnitDef units[] = {
  { "Hz", EIS_Q_FREQ, 1 }, { "hz", EIS_Q_FREQ, 1 }, { "HZ", EIS_Q_FREQ, 1 },
  { "kHz", EIS_Q_FREQ, 1e3 }, { "KHz", EIS_Q_FREQ, 1e3 }, { "khz", EIS_Q_FREQ, 1e3 },
  { "MHz", EIS_Q_FREQ, 1e6 }, { "mHz", EIS_Q_FREQ, 1e-3 }, { "GHz", EIS_Q_FREQ, 1e9 },
  { "rad/s", EIS_Q_ANGFREQ, 1 }, { "rad s-1", EIS_Q_ANGFREQ, 1 }, { "rad*s-1", EIS_Q_ANGFREQ, 1 },
  { "1/s", EIS_Q_ANGFREQ, 1 }, { "s-1", EIS_Q_ANGFREQ, 1 },
  { "Ohm", EIS_Q_OHM, 1 }, { "ohm", EIS_Q_OHM, 1 }, { "OHM", EIS_Q_OHM, 1 },
  { "Ohms", EIS_Q_OHM, 1 }, { "ohms", EIS_Q_OHM, 1 }, { "\xce\xa9", EIS_Q_OHM, 1 },
  { "\xe2\x84\xa6", EIS_Q_OHM, 1 },
  { "mOhm", EIS_Q_OHM, 1e-3 }, { "mohm", EIS_Q_OHM, 1e-3 }, { "m\xce\xa9", EIS_Q_OHM, 1e-3 },
  { "kOhm", EIS_Q_OHM, 1e3 }, { "kohm", EIS_Q_OHM, 1e3 }, { "KOhm", EIS_Q_OHM, 1e3 },
  { "k\xce\xa9", EIS_Q_OHM, 1e3 }, { "K\xce\xa9", EIS_Q_OHM, 1e3 },
  { "MOhm", EIS_Q_OHM, 1e6 }, { "Mohm", EIS_Q_OHM, 1e6 }, { "M\xce\xa9", EIS_Q_OHM, 1e6 },
  { "GOhm", EIS_Q_OHM, 1e9 }, { "G\xce\xa9", EIS_Q_OHM, 1e9 },
  { "deg", EIS_Q_ANGLE, M_PI / 180 }, { "degree", EIS_Q_ANGLE, M_PI / 180 },
  { "degrees", EIS_Q_ANGLE, M_PI / 180 }, { "Deg", EIS_Q_ANGLE, M_PI / 180 },
  { "\xc2\xb0", EIS_Q_ANGLE, M_PI / 180 }, { "rad", EIS_Q_ANGLE, 1 }, { "Rad", EIS_Q_ANGLE, 1 },
  { "RAD", EIS_Q_ANGLE, 1 }, { "radian", EIS_Q_ANGLE, 1 }, { "radians", EIS_Q_ANGLE, 1 },
  { "DEG", EIS_Q_ANGLE, M_PI / 180 },
  { "s", EIS_Q_TIME, 1 }, { "sec", EIS_Q_TIME, 1 }, { "Sec", EIS_Q_TIME, 1 },
  { "S", EIS_Q_TIME, 1 }, { "ms", EIS_Q_TIME, 1e-3 }, { "min", EIS_Q_TIME, 60 },
  { "h", EIS_Q_TIME, 3600 }, { "hr", EIS_Q_TIME, 3600 }, { "hours", EIS_Q_TIME, 3600 },
  { "A", EIS_Q_CURRENT, 1 }, { "mA", EIS_Q_CURRENT, 1e-3 }, { "uA", EIS_Q_CURRENT, 1e-6 },
  { "\xc2\xb5" "A", EIS_Q_CURRENT, 1e-6 }, { "\xce\xbc" "A", EIS_Q_CURRENT, 1e-6 },
  { "nA", EIS_Q_CURRENT, 1e-9 }, { "pA", EIS_Q_CURRENT, 1e-12 },
  { "V", EIS_Q_VOLTAGE, 1 }, { "mV", EIS_Q_VOLTAGE, 1e-3 }, { "uV", EIS_Q_VOLTAGE, 1e-6 },
  { "\xc2\xb5V", EIS_Q_VOLTAGE, 1e-6 },
};

EisQuantity
eis_unit_lookup (const char *u, size_t n, double *scale)
{
  eis_trim (&u, &n);
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (strlen (units[i].spelling) == n && memcmp (units[i].spelling, u, n) == 0)
      {
        *scale = units[i].scale;
        return units[i].q;
      }
  return EIS_Q_NONE;
}

/* ---- tables ---- */

int
eis_table_init (EisTable *t, int ncol)
{
  memset (t, 0, sizeof *t);
  t->ncol = ncol;
  return EIS_OK;
}

/* As eis_big_alloc; ADVISE: ask for large pages now (else eis_big_advise later). */
static void *
big_alloc (size_t bytes, int advise)
{
  const size_t huge = 2u << 20;
  if (bytes < 4 * huge)
    return malloc (bytes ? bytes : 1);
  void *p = NULL;
  if (posix_memalign (&p, huge, bytes) != 0)
    return NULL;
  if (advise)
    eis_big_advise (p, bytes);
  return p;
}

void *
eis_big_alloc (size_t bytes)
{
  return big_alloc (bytes, 1);
}

void
eis_big_advise (void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
  /* Large pages where the system offers them on request: a 100 MB file then costs some
   * fifty page faults instead of some twenty-five thousand. A hint only (and only for a
   * block of eis_big_alloc's size, which is aligned to them). */
  const size_t huge = 2u << 20;
  if (bytes >= 4 * huge)
    (void) madvise (p, (bytes + huge - 1) / huge * huge, MADV_HUGEPAGE);
#else
  (void) p;
  (void) bytes;
#endif
}

/* Room for CAP rows (at least the rows already there). */
static int
table_grow (EisTable *t, size_t cap)
{
  for (int j = 0; j < t->ncol; j++)
    {
      double *c = t->c[j] ? realloc (t->c[j], cap * sizeof *c)
                  : big_alloc (cap * sizeof *c, !t->lazy_huge);
      if (c == NULL)
        return EIS_ERR_NOMEM;
      t->c[j] = c;
    }
  size_t *l = t->line ? realloc (t->line, cap * sizeof *l)
              : big_alloc (cap * sizeof *l, !t->lazy_huge);
  if (l == NULL)
    return EIS_ERR_NOMEM;
  t->line = l;
  if (t->group)
    {
      int *g = realloc (t->group, cap * sizeof *g);
      if (g == NULL)
        return EIS_ERR_NOMEM;
      t->group = g;
    }
  t->cap = cap;
  return EIS_OK;
}

int
eis_table_reserve (EisTable *t, size_t rows)
{
  return rows > t->cap ? table_grow (t, rows) : EIS_OK;
}

/* *P (CAP bytes, USED of them used) moved to a block of eis_big_alloc. */
static int
rehome (void **p, size_t cap, size_t used)
{
  void *q = eis_big_alloc (cap);
  if (q == NULL)
    return EIS_ERR_NOMEM;
  memcpy (q, *p, used);
  free (*p);
  *p = q;
  return EIS_OK;
}

/* eis_table_push when the table must grow, the rows' groups start to differ, or large pages
 * may be due. */
int
eis_table_push_slow (EisTable *t, const double *v, size_t line, int group)
{
  if (t->n == t->cap)
    {
      /* Past a reserve that was an estimate: a quarter more at a time, then doubling. */
      size_t cap = t->cap ? (t->cap >= 65536 ? t->cap + t->cap / 4 : 2 * t->cap) : 256;
      if (table_grow (t, cap) != EIS_OK)
        return EIS_ERR_NOMEM;
    }
  if (t->group == NULL && t->n > 0 && group != t->group0)
    {
      /* the first row of another group: a group per row from now on (a table of one group,
       * the most common, holds none) */
      int *g = big_alloc (t->cap * sizeof *g, !t->lazy_huge);
      if (g == NULL)
        return EIS_ERR_NOMEM;
      for (size_t i = 0; i < t->n; i++)
        g[i] = t->group0;
      t->group = g;
    }
  for (int j = 0; j < t->ncol; j++)
    t->c[j][t->n] = v[j];
  t->line[t->n] = line;
  if (t->group)
    t->group[t->n] = group;
  else
    t->group0 = group;
  t->n++;
  if (t->lazy_huge && t->n == ((size_t) 1 << 15))
    {
      /* A long sweep after all: large pages for it. The rows so far move to room advised
       * from the start (256 KB a column): advice given later would leave the first 2 MB of
       * each column in small pages, each a page fault, and a page fault costs some
       * microseconds on a virtual machine. */
      t->lazy_huge = 0;
      for (int j = 0; j < t->ncol; j++)
        if (rehome ((void **) &t->c[j], t->cap * sizeof (double), t->n * sizeof (double)) != EIS_OK)
          return EIS_ERR_NOMEM;
      if (rehome ((void **) &t->line, t->cap * sizeof *t->line, t->n * sizeof *t->line) != EIS_OK
          || (t->group
              && rehome ((void **) &t->group, t->cap * sizeof *t->group,
                         t->n * sizeof *t->group) != EIS_OK))
        return EIS_ERR_NOMEM;
    }
  return EIS_OK;
}

void
eis_table_free (EisTable *t)
{
  for (int j = 0; j < EIS_TABLE_COLS; j++)
    free (t->c[j]);
  free (t->line);
  free (t->group);
  memset (t, 0, sizeof *t);
}

int
eis_table_emit_spectrum (const EisImportCtx *ctx, EisDataFile *f, EisTable *t,
                         size_t from, size_t to, int with_time, int cycle,
                         EisSpectrum **made, EisError *err)
{
  size_t n = to - from;
  if (ctx->opt->max_points && n > ctx->opt->max_points)
    return eis_error_set (err, EIS_ERR_DATA, "%s:%zu: spectrum %zu has %zu points, more than "
                          "the limit of %zu points for fitting (measured spectra have fewer than "
                          "10000; --max-points N raises it)", ctx->name,
                          t->line[from], (ctx->stream ? eis_stream_count (ctx) : f->n_spectra) + 1,
                          n, ctx->opt->max_points);
  int take = t->hand_over && from == 0 && to == t->n && n > 0;
  EisSpectrum *s = eis_spectrum_new (take ? 0 : n);
  if (s == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  if (take)
    {
      /* The spectrum takes the table's columns (cut to size): a large file's points are
       * not held twice. */
      double **col[4] = { &s->freq_hz, &s->z_re, &s->z_im, &s->time_s };
      for (int j = 0; j < 4; j++)
        {
          if (j == EIS_T_TIME && !with_time)
            break;
          double *c = realloc (t->c[j], n * sizeof (double));
          free (*col[j]);
          *col[j] = c ? c : t->c[j];
          t->c[j] = NULL;
        }
      size_t *l = realloc (t->line, n * sizeof (size_t));
      s->line = l ? l : t->line;
      t->line = NULL;
      s->n = n;
      if (eis_spectrum_set_source (s, ctx->name, f->format) != EIS_OK)
        {
          eis_spectrum_free (s);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
    }
  else
    {
      s->line = malloc ((n ? n : 1) * sizeof *s->line);
      if (s->line == NULL
          || (with_time && (s->time_s = malloc ((n ? n : 1) * sizeof (double))) == NULL)
          || eis_spectrum_set_source (s, ctx->name, f->format) != EIS_OK)
        {
          eis_spectrum_free (s);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
      memcpy (s->freq_hz, t->c[EIS_T_F] + from, n * sizeof (double));
      memcpy (s->z_re, t->c[EIS_T_RE] + from, n * sizeof (double));
      memcpy (s->z_im, t->c[EIS_T_IM] + from, n * sizeof (double));
      if (with_time)
        memcpy (s->time_s, t->c[EIS_T_TIME] + from, n * sizeof (double));
      memcpy (s->line, t->line + from, n * sizeof (size_t));
    }
  s->cycle = cycle;
  s->index = (int) (ctx->stream ? eis_stream_count (ctx) : f->n_spectra);
  size_t min_points = ctx->opt->min_points ? ctx->opt->min_points : 2;
  int rc;
  if (ctx->opt->keep_order)
    {
      /* The checks (finite, positive, distinct frequencies) on a sorted copy; S keeps the
       * file's order. */
      EisSpectrum *sorted = eis_spectrum_dup (s);
      rc = sorted ? eis_spectrum_finish (sorted, min_points, err)
                  : eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      eis_spectrum_free (sorted);
    }
  else
    rc = eis_spectrum_finish (s, min_points, err);
  if (rc != EIS_OK)
    {
      eis_spectrum_free (s);
      return rc;
    }
  if (ctx->stream)
    {
      /* handed out when the next one comes (or at the end): S stays valid until then */
      rc = eis_stream_put (ctx, f, s, err);
      if (rc != EIS_OK)
        return rc;
    }
  else if ((rc = eis_data_file_take_spectrum (f, s)) != EIS_OK)
    return eis_error_set (err, rc, "%s: out of memory", ctx->name);
  if (made)
    *made = s;
  return EIS_OK;
}

/* The sweeps of T from its first row; unless FINAL only those known to be complete (ended
 * before the table's last row), the first row not emitted in *DONE. */
static int
emit_sweeps (const EisImportCtx *ctx, EisDataFile *f, EisTable *t, int with_time,
             int group_is_cycle, int final, size_t *done, EisError *err)
{
  size_t from = 0;
  *done = 0;
  while (from < t->n)
    {
      size_t to = from + 1;
      double f0 = t->c[EIS_T_F][from];
      int dir = 0, prev = 0;
      if (from == 0 && t->scan_to > 1 && t->scan_to <= t->n)
        {
          /* where the last look at this sweep stopped (the rows read since come after) */
          to = t->scan_to;
          dir = t->scan_dir;
          prev = t->scan_prev;
        }
      t->scan_to = 0;
      for (;;)
        {
          if (to == t->n)
            {
              if (!final)
                {
                  /* the sweep may go on in rows not read yet: its rows move to the table's
                   * start (eis_table_emit_ready), where the next look goes on */
                  t->scan_to = to - from;
                  t->scan_dir = dir;
                  t->scan_prev = prev;
                  return EIS_OK;
                }
              break;
            }
          if (eis_table_group (t, to) != eis_table_group (t, from))
            break;
          double a = t->c[EIS_T_F][to - 1], b = t->c[EIS_T_F][to];
          int d = (b > a) - (b < a);
          if (dir == 0)
            dir = d;
          else if (d != 0 && d != dir && prev == dir && f0 > 0 && b > 0)
            {
              /* A jump against the sweep direction that lands back near the start of the
               * sweep (within a factor 2) starts a new sweep; smaller wiggles do not, nor the
               * way back of a sweep that turned (down and up again). */
              double r = b / f0;
              if (r < 2.0 && r > 0.5)
                break;
            }
          if (d != 0)
            prev = d;
          to++;
        }
      /* A sweep runs one way: more than one step against its direction means the rows are not
       * in sweep order (sorted by another column, shuffled, a sweep down and back up), and
       * cutting them into "spectra" would fit nonsense. */
      size_t against = 0, first_against = 0, steps_after = 0;
      int d0 = 0;
      for (size_t i = from + 1; i < to; i++)
        {
          double a = t->c[EIS_T_F][i - 1], b = t->c[EIS_T_F][i];
          int d = (b > a) - (b < a);
          if (d0 == 0)
            d0 = d;
          else if (d != 0 && d != d0 && against++ == 0)
            first_against = i;
          if (against > 0 && d != 0)
            steps_after++;
        }
      /* Down and then back up (or up and down), each way in order: two sweeps, split at the
       * turn (the turning point belongs to the first). */
      if (against > 1 && against == steps_after)
        {
          to = first_against;
          if (to - from > 2 && t->c[EIS_T_F][to - 1] == t->c[EIS_T_F][to - 2])
            to--;                /* the turning frequency measured twice: once each way */
          against = 0;
        }
      if (against > 1)
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s:%zu: the frequencies are not in sweep order: they turn back here "
                              "and %zu more time%s before line %zu; sort the rows by frequency or "
                              "split the sweeps into files", ctx->name, t->line[first_against],
                              against - 1, against == 2 ? "" : "s", t->line[to - 1]);
      int cycle = group_is_cycle ? eis_table_group (t, from) : -1;
      int rc = eis_table_emit_spectrum (ctx, f, t, from, to, with_time, cycle, NULL, err);
      if (rc != EIS_OK)
        return rc;
      from = to;
      *done = from;
    }
  return EIS_OK;
}

int
eis_table_emit_sweeps (const EisImportCtx *ctx, EisDataFile *f, EisTable *t,
                       int with_time, int group_is_cycle, EisError *err)
{
  size_t done;
  return emit_sweeps (ctx, f, t, with_time, group_is_cycle, 1, &done, err);
}

/* The table without its first N rows. */
static void
table_drop (EisTable *t, size_t n)
{
  if (n == 0)
    return;
  size_t rest = t->n - n;
  for (int j = 0; j < t->ncol; j++)
    memmove (t->c[j], t->c[j] + n, rest * sizeof (double));
  memmove (t->line, t->line + n, rest * sizeof *t->line);
  if (t->group)
    memmove (t->group, t->group + n, rest * sizeof *t->group);
  t->n = rest;
}

int
eis_table_emit_ready (const EisImportCtx *ctx, EisDataFile *f, EisTable *t, int with_time,
                      int group_is_cycle, int split_sweeps, EisError *err)
{
  size_t done = 0;
  int rc = EIS_OK;
  if (split_sweeps)
    rc = emit_sweeps (ctx, f, t, with_time, group_is_cycle, 0, &done, err);
  else
    {
      size_t from = 0;
      while (rc == EIS_OK && from < t->n)
        {
          size_t to = from + 1;
          while (to < t->n && eis_table_group (t, to) == eis_table_group (t, from))
            to++;
          if (to == t->n)
            break;
          rc = eis_table_emit_spectrum (ctx, f, t, from, to, with_time,
                                        group_is_cycle ? eis_table_group (t, from) : -1, NULL, err);
          from = to;
        }
      done = from;
    }
  if (rc == EIS_OK)
    table_drop (t, done);
  return rc;
}

int
eis_table_emit_series (const EisImportCtx *ctx, EisDataFile *f, const EisTable *t,
                       size_t from, size_t to, int with_voltage, EisSeries **made,
                       EisError *err)
{
  size_t n = to - from;
  if (n < 2)
    return eis_error_set (err, EIS_ERR_DATA, "%s: the time series has %zu point%s; at least 2 are needed",
                          ctx->name, n, n == 1 ? "" : "s");
  for (size_t i = from; i < to; i++)
    {
      const char *what = NULL;
      if (!isfinite (t->c[EIS_T_T][i]))
        what = "time";
      else if (!isfinite (t->c[EIS_T_I][i]))
        what = "current";
      else if (with_voltage && !isfinite (t->c[EIS_T_V][i]))
        what = "voltage";
      /* A binary file's rows have no line (0): they are named by their point number. */
      if (what && t->line[i] == 0)
        return eis_error_set (err, EIS_ERR_DATA, "%s: point %zu: %s is not a finite number",
                              ctx->name, i - from + 1, what);
      if (what)
        return eis_error_set (err, EIS_ERR_DATA, "%s:%zu: %s is not a finite number", ctx->name,
                              t->line[i], what);
      if (i > from && t->c[EIS_T_T][i] < t->c[EIS_T_T][i - 1] && t->line[i] == 0)
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s: point %zu: time %g s is earlier than at point %zu (%g s); a "
                              "time series must be in time order", ctx->name, i - from + 1,
                              t->c[EIS_T_T][i], i - from, t->c[EIS_T_T][i - 1]);
      if (i > from && t->c[EIS_T_T][i] < t->c[EIS_T_T][i - 1])
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s:%zu: time %g s is earlier than on line %zu (%g s); a time series must be in time order",
                              ctx->name, t->line[i], t->c[EIS_T_T][i], t->line[i - 1],
                              t->c[EIS_T_T][i - 1]);
    }
  EisSeries *s = eis_series_new (n, with_voltage);
  if (s == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  s->line = malloc (n * sizeof *s->line);
  if (s->line == NULL || eis_series_set_source (s, ctx->name, f->format) != EIS_OK)
    {
      eis_series_free (s);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  memcpy (s->time_s, t->c[EIS_T_T] + from, n * sizeof (double));
  memcpy (s->current_a, t->c[EIS_T_I] + from, n * sizeof (double));
  if (with_voltage)
    memcpy (s->voltage_v, t->c[EIS_T_V] + from, n * sizeof (double));
  memcpy (s->line, t->line + from, n * sizeof (size_t));
  int rc = eis_data_file_take_series (f, s);
  if (rc != EIS_OK)
    return eis_error_set (err, rc, "%s: out of memory", ctx->name);
  if (made)
    *made = s;
  return EIS_OK;
}

/* ---- binary ---- */

uint16_t
eis_le16 (const unsigned char *p)
{
  return (uint16_t) (p[0] | (p[1] << 8));
}

uint32_t
eis_le32 (const unsigned char *p)
{
  return (uint32_t) p[0] | ((uint32_t) p[1] << 8) | ((uint32_t) p[2] << 16)
         | ((uint32_t) p[3] << 24);
}

double
eis_le_f64 (const unsigned char *p)
{
  uint64_t u = (uint64_t) eis_le32 (p) | ((uint64_t) eis_le32 (p + 4) << 32);
  double d;
  memcpy (&d, &u, sizeof d);
  return d;
}

float
eis_le_f32 (const unsigned char *p)
{
  uint32_t u = eis_le32 (p);
  float f;
  memcpy (&f, &u, sizeof f);
  return f;
}

uint16_t
eis_be16 (const unsigned char *p)
{
  return (uint16_t) ((p[0] << 8) | p[1]);
}

uint32_t
eis_be32 (const unsigned char *p)
{
  return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8)
         | (uint32_t) p[3];
}

double
eis_be_f64 (const unsigned char *p)
{
  uint64_t u = ((uint64_t) eis_be32 (p) << 32) | (uint64_t) eis_be32 (p + 4);
  double d;
  memcpy (&d, &u, sizeof d);
  return d;
}

/* ---- metadata helpers ---- */

int
eis_split_kv (const char *s, size_t n, char sep, const char **k, size_t *kn, const char **v,
              size_t *vn)
{
  const char *c = memchr (s, sep, n);
  if (c == NULL)
    return -1;
  *k = s;
  *kn = (size_t) (c - s);
  *v = c + 1;
  *vn = n - *kn - 1;
  eis_trim (k, kn);
  eis_trim (v, vn);
  return 0;
}

int
eis_meta_appendn (EisMeta *m, const char *key, const char *v, size_t n)
{
  eis_trim (&v, &n);
  const char *old = eis_meta_get (m, key);
  if (n == 0 || old == NULL)
    return eis_meta_setn (m, key, v, n);
  size_t ol = strlen (old);
  char *tmp = malloc (ol + 2 + n + 1);
  if (tmp == NULL)
    return EIS_ERR_NOMEM;
  memcpy (tmp, old, ol);
  memcpy (tmp + ol, "; ", 2);
  memcpy (tmp + ol + 2, v, n);
  tmp[ol + 2 + n] = '\0';
  int rc = eis_meta_set (m, key, tmp);
  free (tmp);
  return rc;
}

int
eis_meta_setn (EisMeta *m, const char *key, const char *v, size_t n)
{
  eis_trim (&v, &n);
  if (n == 0)
    return EIS_OK;
  char *tmp = malloc (n + 1);
  if (tmp == NULL)
    return EIS_ERR_NOMEM;
  memcpy (tmp, v, n);
  tmp[n] = '\0';
  int rc = eis_meta_set (m, key, tmp);
  free (tmp);
  return rc;
}

int
eis_meta_set_double (EisMeta *m, const char *key, double x)
{
  char buf[64];
  locale_t old = c_locale () ? uselocale (c_locale ()) : (locale_t) 0;
  snprintf (buf, sizeof buf, "%.15g", x);
  if (old)
    uselocale (old);
  return eis_meta_set (m, key, buf);
}

int
eis_read_delimited_cols (const EisImportCtx *ctx, EisDataFile *f, const char *start,
                         size_t first_line, const EisTableSpec *spec, const char *columns,
                         EisError *err)
{
  if (ctx->opt->columns && *ctx->opt->columns)
    return eis_read_delimited (ctx, f, start, first_line, spec, err);
  EisImportOptions opt = *ctx->opt;
  opt.columns = columns;
  EisImportCtx c2 = *ctx;
  c2.csv_sniff = NULL;   /* the file's sniff is of the whole text */
  c2.opt = &opt;
  return eis_read_delimited (&c2, f, start, first_line, spec, err);
}

char
eis_sniff_decimal (const char *row, size_t n, char delim)
{
  if (delim == ',')
    return '.';
  /* Count the fields that read only with a comma, and those that read only with a point. */
  EisFields fl = { 0 };
  int comma = 0, point = 0;
  if (eis_fields_split (&fl, row, n, delim) == EIS_OK)
    for (size_t i = 0; i < fl.n; i++)
      {
        double v;
        int c = eis_parse_number (fl.p[i], fl.len[i], ',', &v) == 0;
        int p = eis_parse_number (fl.p[i], fl.len[i], '.', &v) == 0;
        comma += c && !p;
        point += p && !c;
      }
  eis_fields_free (&fl);
  return comma > point ? ',' : '.';
}

const char *
eis_text_line (const EisImportCtx *ctx, size_t lineno, size_t *len)
{
  EisLineIter it;
  const char *s;
  size_t n;
  eis_lines_init (&it, ctx->text, ctx->text_len);
  while (eis_lines_next (&it, &s, &n))
    if (it.lineno == lineno)
      {
        *len = n;
        return s;
      }
  return NULL;
}
