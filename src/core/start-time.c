/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the instruments' start times ("12/2/2026 20:00:00") as seconds. */
#include "start-time.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Days since 1970-01-01 of the proleptic Gregorian date Y-M-D (H. Hinnant, "chrono-compatible
 * low-level date algorithms", days_from_civil). */
static long
days_from_civil (long y, int m, int d)
{
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int
days_in_month (long y, int m)
{
  static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads an unsigned integer at *P; *NDIG receives its number of digits. */
static int
read_uint (const char **p, long *v, int *ndig)
{
  const char *s = *p;
  long x = 0;
  int n = 0;
  while (isdigit ((unsigned char) *s) && n < 9)
    x = 10 * x + (*s++ - '0'), n++;
  if (n == 0)
    return -1;
  *p = s;
  *v = x;
  if (ndig)
    *ndig = n;
  return 0;
}

static void
skip_blanks (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == ',')
    (*p)++;
}

/* The month named at *P ("Dec", "Dec.", "December"), 0 when none. */
static int
month_name (const char **p)
{
  static const char *const names[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec" };
  for (int m = 0; m < 12; m++)
    if (strncasecmp (*p, names[m], 3) == 0)
      {
        *p += 3;
        while (isalpha ((unsigned char) **p) || **p == '.')
          (*p)++;
        return m + 1;
      }
  return 0;
}

/* A numeric date's parts: A SEP B SEP C; YEAR_FIRST when A has four digits. */
typedef struct {
  long a, b, c;
  char sep;
  int year_first;
  int named;          /* the month was written as a name: a = month, b = day, c = year */
} DateParts;

static int
read_date (const char **p, DateParts *d)
{
  int na, nb, nc;
  memset (d, 0, sizeof *d);
  skip_blanks (p);
  if (isalpha ((unsigned char) **p))
    {
      static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
      for (int i = 0; i < 7; i++)
        if (strncasecmp (*p, days[i], 3) == 0)
          {
            while (isalpha ((unsigned char) **p) || **p == '.')
              (*p)++;
            skip_blanks (p);
            break;
          }
      int m = month_name (p);
      if (m == 0)
        return -1;
      skip_blanks (p);
      if (read_uint (p, &d->b, NULL) != 0)
        return -1;
      skip_blanks (p);
      if (read_uint (p, &d->c, &nc) != 0 || nc != 4)
        return -1;
      d->a = m;
      d->named = 1;
      return 0;
    }
  if (read_uint (p, &d->a, &na) != 0)
    return -1;
  d->sep = **p;
  if (d->sep != '/' && d->sep != '-' && d->sep != '.')
    return -1;
  (*p)++;
  if (read_uint (p, &d->b, &nb) != 0 || **p != d->sep)
    return -1;
  (*p)++;
  if (read_uint (p, &d->c, &nc) != 0)
    return -1;
  if (na == 4)
    d->year_first = 1;
  else if (nc == 2)
    d->c += d->c < 70 ? 2000 : 1900;
  else if (nc != 4 || na > 2 || nb > 2)
    return -1;
  return 0;
}

EisDateOrder
eis_start_time_order_hint (const char *text)
{
  DateParts d;
  const char *p = text ? text : "";
  if (read_date (&p, &d) != 0 || d.named || d.year_first)
    return EIS_DATE_ORDER_AUTO;
  if (d.a > 12 && d.b <= 12)
    return EIS_DATE_ORDER_DAY_FIRST;
  if (d.b > 12 && d.a <= 12)
    return EIS_DATE_ORDER_MONTH_FIRST;
  return EIS_DATE_ORDER_AUTO;
}

int
eis_start_time_parse (const char *text, EisDateOrder order, double *t_s)
{
  DateParts d;
  const char *p = text ? text : "";
  long y, mo, dd;
  if (read_date (&p, &d) != 0)
    return -1;
  if (d.named)
    y = d.c, mo = d.a, dd = d.b;
  else if (d.year_first)
    y = d.a, mo = d.b, dd = d.c;
  else
    {
      int day_first = order == EIS_DATE_ORDER_DAY_FIRST
                      || (order == EIS_DATE_ORDER_AUTO && d.sep == '.');
      y = d.c;
      mo = day_first ? d.b : d.a;
      dd = day_first ? d.a : d.b;
    }
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || dd < 1 || dd > days_in_month (y, (int) mo))
    return -1;
  /* the time of day: "20:00:00", "T20:00:00.123", "8:00:00 PM" */
  while (*p == ' ' || *p == '\t' || *p == ',' || *p == 'T')
    p++;
  long h, mi, s = 0;
  double frac = 0;
  if (read_uint (&p, &h, NULL) != 0 || *p++ != ':' || read_uint (&p, &mi, NULL) != 0)
    return -1;
  if (*p == ':')
    {
      p++;
      if (read_uint (&p, &s, NULL) != 0)
        return -1;
      if (*p == '.' || *p == ',')
        {
          char *end;
          frac = strtod (p[0] == ',' ? "0" : p, &end);   /* ".123" */
          if (p[0] == '.')
            p = end;
        }
    }
  while (*p == ' ' || *p == '\t')
    p++;
  if ((p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p') && (p[1] == 'M' || p[1] == 'm'))
    {
      if (h < 1 || h > 12)
        return -1;
      h = h % 12 + (p[0] == 'P' || p[0] == 'p' ? 12 : 0);
    }
  if (h > 23 || mi > 59 || s > 60)
    return -1;
  *t_s = (double) days_from_civil (y, (int) mo, (int) dd) * 86400.0 + h * 3600.0 + mi * 60.0
         + (double) s + frac;
  return 0;
}
