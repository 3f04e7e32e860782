/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lengths, areas and resistances with units, as a user types them. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "c-number.h"
#include "units.h"

/* Parses "<number><unit>[(+-|±)<number><unit>]"; UNITS maps suffixes to factors. */
typedef struct {
  const char *suffix;
  double factor;
} Unit;

int
eis_number_parse (const char *text, const char **end, double *out)
{
  const char *s = text;
  char *e;

  if (*s == '+' || *s == '-')
    s++;
  /* a decimal digit, or a point and one: not "inf", "nan", nor a bare sign */
  if (!((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9')))
    return -1;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    return -1;
  errno = 0;
  double v = eis_strtod (text, &e);
  if (e == text || !isfinite (v) || (errno == ERANGE && fabs (v) > 1))
    return -1;
  *out = v;
  if (end)
    *end = e;
  return 0;
}

int
eis_number_parse_all (const char *text, double *out)
{
  const char *e;

  while (*text == ' ' || *text == '\t')
    text++;
  if (eis_number_parse (text, &e, out) != 0)
    return -1;
  while (*e == ' ' || *e == '\t')
    e++;
  return *e ? -1 : 0;
}

static int
parse_one (const char *s, const char **end, const Unit *units, double *out, double *unit_factor,
           int *bare)
{
  const char *e;
  double v;
  while (*s == ' ' || *s == '\t')
    s++;
  if (eis_number_parse (s, &e, &v) != 0 || errno == ERANGE)
    return -1;
  while (*e == ' ')
    e++;
  size_t best = 0;
  double factor = units[0].factor;
  for (const Unit *u = units; u->suffix; u++)
    {
      size_t n = strlen (u->suffix);
      if (n > best && strncmp (e, u->suffix, n) == 0)
        {
          best = n;
          factor = u->factor;
        }
    }
  e += best;
  *out = v * factor;
  *end = e;
  *unit_factor = factor;
  *bare = best == 0;
  return isfinite (*out) ? 0 : -1;   /* 1e308m is not a length */
}

static int
parse_with_error (const char *text, const Unit *units, double *value, double *se)
{
  const char *e;
  double fv, fs;
  int bv, bs;
  if (parse_one (text, &e, units, value, &fv, &bv) != 0 || !(*value > 0))
    return -1;
  while (*e == ' ')
    e++;
  double s = 0;
  if (*e)
    {
      if (strncmp (e, "+-", 2) == 0)
        e += 2;
      else if (strncmp (e, "\xc2\xb1", 2) == 0)
        e += 2;
      else
        return -1;
      const char *e2;
      if (parse_one (e, &e2, units, &s, &fs, &bs) != 0 || s < 0)
        return -1;
      while (*e2 == ' ')
        e2++;
      if (*e2)
        return -1;
      /* "10+-0.1mm": the unit written on one side only, while the other side's bare number
       * would be read in another unit (cm), gave a 10 cm diameter; which unit was meant is
       * not ours to guess. */
      if (bv != bs && fv != fs)
        return EIS_PARSE_UNIT_ONE_SIDE;
    }
  /* Beyond 10 km (or 100 m2) is no cell; an uncertainty above the value leaves no value. */
  if (*value > 1e6 || s > *value)
    return -1;
  if (se)
    *se = s;
  return 0;
}

int
eis_parse_length_cm (const char *text, double *cm, double *se_cm)
{
  static const Unit units[] = {
    { "", 1.0 }, { "cm", 1.0 }, { "mm", 0.1 }, { "um", 1e-4 }, { "\xc2\xb5m", 1e-4 },
    { "\xce\xbcm", 1e-4 }, { "nm", 1e-7 }, { "m", 100.0 }, { NULL, 0 }
  };
  int st = parse_with_error (text, units, cm, se_cm);
  return st == 0 && *cm < EIS_LENGTH_MIN_CM ? -2 : st;
}

int
eis_parse_area_cm2 (const char *text, double *cm2, double *se_cm2)
{
  static const Unit units[] = {
    { "", 1.0 }, { "cm2", 1.0 }, { "cm^2", 1.0 }, { "cm\xc2\xb2", 1.0 }, { "mm2", 0.01 },
    { "mm^2", 0.01 }, { "mm\xc2\xb2", 0.01 }, { "m2", 1e4 }, { "m^2", 1e4 }, { NULL, 0 }
  };
  int st = parse_with_error (text, units, cm2, se_cm2);
  return st == 0 && *cm2 < EIS_AREA_MIN_CM2 ? -2 : st;
}

int
eis_parse_resistance_ohm (const char *text, double *ohm, double *se_ohm)
{
  static const Unit units[] = {
    { "", 1.0 }, { "ohm", 1.0 }, { "Ohm", 1.0 }, { "\xce\xa9", 1.0 }, { "mohm", 1e-3 },
    { "mOhm", 1e-3 }, { "m\xce\xa9", 1e-3 }, { "kohm", 1e3 }, { "kOhm", 1e3 },
    { "k\xce\xa9", 1e3 }, { NULL, 0 }
  };
  return parse_with_error (text, units, ohm, se_ohm);
}

int
eis_parse_geometry_value (const char *what, const char *text, double *value, double *se,
                          EisError *err)
{
  int area = strcmp (what, "area") == 0, thickness = strcmp (what, "thickness") == 0;
  int st = area ? eis_parse_area_cm2 (text, value, se) : eis_parse_length_cm (text, value, se);

  if (st == -2)
    return eis_error_set (err, EIS_ERR_PARSE, "%s \"%s\" is %s than 1 nm%s: no %s is (a unit slip?)",
                          what, text, thickness ? "thinner" : "smaller", area ? "2" : "",
                          thickness ? "sample" : "electrode");
  if (st == EIS_PARSE_UNIT_ONE_SIDE)
    return eis_error_set (err, EIS_ERR_PARSE, "%s \"%s\": the value and its uncertainty are in "
                          "different units, one of them bare (read as %s): write the unit on "
                          "both, e.g. %s", what, text, area ? "cm2" : "cm",
                          area ? "78.5mm2+-0.5mm2" : thickness ? "0.6mm+-0.01mm" : "10mm+-0.1mm");
  if (st != 0)
    return eis_error_set (err, EIS_ERR_PARSE, "%s \"%s\": expected %s", what, text,
                          area ? "an area such as 0.785cm2 or 78.5mm2"
                          : thickness ? "a length such as 0.6mm, 600um or 0.06cm"
                          : "a length such as 10mm or 1.0cm");
  return 0;
}

const char *
eis_format_value_se (char *buf, size_t cap, double v, double se, const char *sep)
{
  if (!isfinite (v))
    {
      snprintf (buf, cap, "-");
      return buf;
    }
  if (!(isfinite (se) && se > 0))
    {
      snprintf (buf, cap, "%.4g", v);
      return buf;
    }
  /* the place of the error's second significant digit; rounding may carry it a decade up */
  int e = (int) floor (log10 (se));
  if (se / pow (10, e) >= 9.95)
    e++;
  int decimals = 1 - e;
  if (decimals > 9 || fabs (v) >= 1e7)
    {
      int mag = fabs (v) > 0 ? (int) floor (log10 (fabs (v))) : e;
      int digits = mag - e + 2;   /* significant digits of V down to that place */
      if (digits < 1)
        digits = 1;
      snprintf (buf, cap, "%.*e %s %.1e", digits - 1, v, sep, se);
    }
  else if (decimals >= 0)
    snprintf (buf, cap, "%.*f %s %.*f", decimals, v, sep, decimals, se);
  else
    {
      double q = pow (10, -decimals);
      snprintf (buf, cap, "%.0f %s %.0f", round (v / q) * q, sep, round (se / q) * q);
    }
  return buf;
}

int
eis_geometry_no_unit_warning (const char *name, const char *text, int area, char *buf,
                              size_t cap)
{
  int unit = 0;
  for (const char *p = text; *p && !unit; p++)
    unit = ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char) *p >= 0x80)
           && *p != 'e' && *p != 'E';
  if (unit)
    return 0;
  /* the example writes the unit on both sides of an uncertainty ("0.06mm+-0.01mm") */
  int n = (int) strcspn (text, "+\xc2");
  const char *rest = text + n, *mm = area ? "mm2" : "mm";
  snprintf (buf, cap, "%s %s has no unit: read as %s %s; write e.g. %.*s%s%s%s if %s are meant",
            name, text, text, area ? "cm2" : "cm", n, text, mm, rest, *rest ? mm : "",
            area ? "square millimetres" : "millimetres");
  return 1;
}
