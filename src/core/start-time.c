/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the instruments' start times ("12/2/2026 20:00:00") as seconds. */
#include "start-time.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
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
    d->c += 2000;   /* instrument files are this century's: "21" is 2021, "69" 2069 */
  else if (nc != 4 || na > 2 || nb > 2)
    return -1;
  return 0;
}

EisDateOrder
eis_start_time_format_order (const char *format)
{
  /* EC-Lab writes MM/DD/YYYY (.mpt "Acquisition started on") and MM/DD/YY or MM.DD.YY (.mpr) */
  if (format && strncmp (format, "biologic-", 9) == 0)
    return EIS_DATE_ORDER_MONTH_FIRST;
  return EIS_DATE_ORDER_AUTO;
}

int
eis_start_time_numeric_date (const char *text, long *a, long *b, char *sep)
{
  DateParts d;
  const char *p = text ? text : "";
  if (read_date (&p, &d) != 0 || d.named || d.year_first)
    return 0;
  *a = d.a;
  *b = d.b;
  *sep = d.sep;
  return 1;
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

#define WHY(...) (info ? snprintf (info->why, sizeof info->why, __VA_ARGS__) : 0)

int
eis_start_time_parse_info (const char *text, EisDateOrder order, double *t_s,
                           EisStartTimeInfo *info)
{
  DateParts d;
  const char *p = text ? text : "";
  long y, mo, dd;
  if (info)
    memset (info, 0, sizeof *info);
  if (read_date (&p, &d) != 0)
    {
      WHY ("no date it can read (expected MM/DD/YYYY, DD.MM.YYYY or YYYY-MM-DD)");
      return -1;
    }
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
  if (y < 1900 || y > 2200)
    {
      WHY ("the year %ld is outside 1900 to 2200", y);
      return -1;
    }
  if (mo < 1 || mo > 12 || dd < 1 || dd > days_in_month (y, (int) mo))
    {
      WHY ("no such date (month %ld, day %ld)", mo, dd);
      return -1;
    }
  double day_s = (double) days_from_civil (y, (int) mo, (int) dd) * 86400.0;
  /* the time of day: "20:00:00", "T20:00:00.123", "8:00:00 PM", "10:00:00+01:00" */
  while (*p == ' ' || *p == '\t' || *p == ',' || *p == 'T')
    p++;
  long h, mi, s = 0;
  double frac = 0;
  if (*p == '\0')
    {
      if (info)
        info->date_only = 1;
      *t_s = day_s;
      WHY ("a date without a time of day");
      return -1;
    }
  if (read_uint (&p, &h, NULL) != 0 || *p++ != ':' || read_uint (&p, &mi, NULL) != 0)
    {
      WHY ("no time of day it can read after the date (expected HH:MM:SS)");
      return -1;
    }
  if (*p == ':')
    {
      p++;
      if (read_uint (&p, &s, NULL) != 0)
        {
          WHY ("no seconds after the minutes' colon");
          return -1;
        }
      if (*p == '.' || *p == ',')
        {
          /* digits only: ".5e3" is no fraction of a second */
          const char *q = ++p;
          double scale = 0.1;
          while (isdigit ((unsigned char) *p))
            {
              if (p - q < 15)
                frac += (*p - '0') * scale, scale *= 0.1;
              p++;
            }
          if (p == q)
            {
              WHY ("no digits after the seconds' decimal point");
              return -1;
            }
        }
    }
  if (*p != '\0' && *p != ' ' && *p != '\t' && *p != 'Z' && *p != '+' && *p != '-'
      && *p != 'A' && *p != 'a' && *p != 'P' && *p != 'p')
    {
      WHY ("\"%.12s\" after the time of day is no part of a time", p);
      return -1;
    }
  while (*p == ' ' || *p == '\t')
    p++;
  if ((p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p') && (p[1] == 'M' || p[1] == 'm'))
    {
      if (h < 1 || h > 12)
        {
          WHY ("hour %ld with AM or PM", h);
          return -1;
        }
      h = h % 12 + (p[0] == 'P' || p[0] == 'p' ? 12 : 0);
      p += 2;
      while (*p == ' ' || *p == '\t')
        p++;
    }
  if (h > 23 || mi > 59 || s > 60)
    {
      WHY ("no such time of day (%ld:%02ld:%02ld)", h, mi, s);
      return -1;
    }
  /* a time-zone offset: "Z", "UTC", "GMT", "+01:00", "-0500", "UTC+2" */
  double zone_s = 0;
  if (p[0] == 'Z' && (p[1] == '\0' || p[1] == ' '))
    {
      if (info)
        info->zone = 1;
    }
  else
    {
      if (strncmp (p, "UTC", 3) == 0 || strncmp (p, "GMT", 3) == 0)
        {
          p += 3;
          if (info)
            info->zone = 1;
        }
      if ((p[0] == '+' || p[0] == '-') && isdigit ((unsigned char) p[1]))
        {
          int sign = p[0] == '-' ? -1 : 1;
          const char *q = p + 1;
          long zh = 0, zm = 0;
          int nd;
          if (read_uint (&q, &zh, &nd) != 0 || (nd != 2 && nd != 4 && nd != 1))
            {
              WHY ("time-zone offset \"%.8s\" is not +HH:MM", p);
              return -1;
            }
          if (nd == 4)
            zm = zh % 100, zh /= 100;
          else if (*q == ':')
            {
              q++;
              if (read_uint (&q, &zm, &nd) != 0 || nd != 2)
                {
                  WHY ("time-zone offset \"%.8s\" is not +HH:MM", p);
                  return -1;
                }
            }
          if (zh > 14 || zm > 59)
            {
              WHY ("time-zone offset \"%.8s\" is more than 14 hours", p);
              return -1;
            }
          zone_s = sign * (zh * 3600.0 + zm * 60.0);
          if (info)
            info->zone = 1;
        }
    }
  /* the wall-clock time, and with an offset the time in UTC */
  *t_s = day_s + h * 3600.0 + mi * 60.0 + (double) s + frac - zone_s;
  return 0;
}

int
eis_start_time_parse (const char *text, EisDateOrder order, double *t_s)
{
  return eis_start_time_parse_info (text, order, t_s, NULL);
}
