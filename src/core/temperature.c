/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Temperatures from file names: the last resort after the command line, a series manifest
 * and the instrument's metadata (issue 4). */
#include "c-number.h"
#include "temperature.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eis-error.h"

static int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static int
is_alpha (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum (char c)
{
  return is_digit (c) || is_alpha (c);
}

/* Length of a temperature unit at P (0 when none); *KELVIN says which. */
static size_t
unit_at (const char *p, int *kelvin)
{
  *kelvin = 0;
  if (p[0] == 'C')
    return 1;
  if (p[0] == 'K')
    {
      *kelvin = 1;
      return 1;
    }
  if (strncmp (p, "degC", 4) == 0)
    return 4;
  if (strncmp (p, "\xc2\xb0" "C", 3) == 0)       /* °C in UTF-8 */
    return 3;
  if (strncmp (p, "\xe2\x84\x83", 3) == 0)       /* ℃ (U+2103) */
    return 3;
  if ((unsigned char) p[0] == 0xb0 && p[1] == 'C')  /* °C in Latin-1 */
    return 2;
  return 0;
}

int
eis_temperature_from_name (const char *path, double *T_K)
{
  if (path == NULL)
    return EIS_TEMPERATURE_NOT_FOUND;
  const char *b = path;
  for (const char *p = path; *p; p++)
    if (*p == '/' || *p == '\\')
      b = p + 1;
  size_t len = strlen (b);

  int found = 0;
  double first = NAN;
  for (size_t i = 0; i < len; i++)
    {
      if (!is_digit (b[i])
          || (i > 0 && (is_digit (b[i - 1]) || b[i - 1] == '.' || b[i - 1] == ',')))
        continue;
      /* the number: digits [. digits], or a decimal comma: s_25,5C is 25.5 degC, not 5 */
      size_t e = i;
      while (e < len && is_digit (b[e]))
        e++;
      if (e + 1 < len && (b[e] == '.' || b[e] == ',') && is_digit (b[e + 1]))
        {
          e++;
          while (e < len && is_digit (b[e]))
            e++;
        }
      int kelvin;
      size_t ul = unit_at (b + e, &kelvin);
      /* "x_80 °C.csv": one blank before a unit that cannot be a word's letter (°C, ℃,
       * degC); a blank before a bare C or K ("run 3 Cu") is not read */
      if (ul == 0 && e + 1 < len && b[e] == ' ' && b[e + 1] != 'C' && b[e + 1] != 'K'
          && (ul = unit_at (b + e + 1, &kelvin)) > 0)
        ul++;
      if (ul == 0 || (e + ul < len && is_alpha (b[e + ul])))
        continue;
      /* what stands before it: [T][-|m] */
      size_t k = i;
      double sign = 1;
      if (k > 0 && (b[k - 1] == '-' || b[k - 1] == 'm'))
        {
          char before = k >= 2 ? b[k - 2] : '\0';
          int t_prefix = (before == 'T' || before == 't')
                         && (k < 3 || !is_alnum (b[k - 3]));
          if (k == 1 || !is_alnum (before) || t_prefix)
            {
              sign = -1;
              k--;
            }
        }
      if (k > 0 && (b[k - 1] == 'T' || b[k - 1] == 't') && (k == 1 || !is_alnum (b[k - 2])))
        k--;
      if (k > 0 && is_alnum (b[k - 1]))
        continue;

      char num[64];
      if (e - i >= sizeof num)
        continue;
      memcpy (num, b + i, e - i);
      num[e - i] = '\0';
      char *comma = strchr (num, ',');
      if (comma)
        *comma = '.';
      double v = sign * eis_strtod (num, NULL);
      double T = kelvin ? v : v + 273.15;
      if (!(T > 0) || !isfinite (T))
        continue;
      if (!found)
        {
          first = T;
          found = 1;
        }
      else if (fabs (T - first) > 1e-9)
        return EIS_TEMPERATURE_AMBIGUOUS;
    }
  if (!found)
    return EIS_TEMPERATURE_NOT_FOUND;
  *T_K = first;
  return EIS_OK;
}

double
eis_spectrum_temperature (const EisSpectrum *s, const char *path, const char **from, int *status)
{
  double T;
  int st = EIS_OK;
  if (isfinite (s->temperature_k) && s->temperature_k > 0)
    {
      *from = "metadata";
      T = s->temperature_k;
    }
  else if ((st = eis_temperature_from_name (path, &T)) == EIS_OK)
    *from = "file name";
  else
    {
      *from = "";
      T = NAN;
    }
  if (status)
    *status = st;
  return T;
}

int
eis_spectrum_temperature_conflict (const EisSpectrum *s, const char *path, char *buf,
                                   size_t len)
{
  double T_name;
  if (len)
    buf[0] = '\0';
  if (!(isfinite (s->temperature_k) && s->temperature_k > 0) || path == NULL
      || eis_temperature_from_name (path, &T_name) != EIS_OK
      || !(fabs (s->temperature_k - T_name) > EIS_TEMPERATURE_DISAGREE_K))
    return 0;
  const char *base = strrchr (path, '/');
  base = base ? base + 1 : path;
  snprintf (buf, len, "the temperature of the file's metadata, %.2f K (%.2f degC), and the one "
            "the name %s gives, %.2f K (%.2f degC), disagree by %.3g K: the metadata's is used",
            s->temperature_k, s->temperature_k - 273.15, base, T_name, T_name - 273.15,
            fabs (s->temperature_k - T_name));
  return 1;
}

int
eis_temperature_parse (const char *text, double *T_K)
{
  *T_K = NAN;
  if (text == NULL)
    return EIS_OK;
  size_t n = strlen (text);
  char *t = malloc (n + 1), *dst = t, *end;
  if (t == NULL)
    return EIS_ERR_NOMEM;
  for (; *text; text++)
    if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r')
      *dst++ = *text;
  *dst = '\0';
  if (*t == '\0')
    {
      free (t);
      return EIS_OK;
    }
  /* the whole text is one temperature: [m|-]number[unit] ("m20C" as in file names) */
  const char *p = t;
  int minus = 0;
  if (*p == 'm' && is_digit (p[1]))
    {
      minus = 1;
      p++;
    }
  double x = eis_strtod (p, &end), T = NAN;
  if (end != p && isfinite (x) && !(minus && *p == '-'))
    {
      if (minus)
        x = -x;
      int kelvin = 0;
      size_t len = *end ? unit_at (end, &kelvin) : 0;
      if (*end == '\0')
        T = x + 273.15;   /* a bare number is in °C */
      else if (len > 0 && end[len] == '\0')
        T = kelvin ? x : x + 273.15;
    }
  free (t);
  if (!(isfinite (T) && T > 0))
    return EIS_ERR_PARSE;
  *T_K = T;
  return EIS_OK;
}
