/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a series of spectra for eisfit series and eisfit arrhenius (see series-input.h). */
#include "c-number.h"
#include "series-input.h"
#include "cli-util.h"

#include <ctype.h>
#include <float.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"
#include "plausible.h"
#include "temperature.h"
#include "units.h"

/* the temperatures a manifest may give, K (project.h: EIS_PROJECT_T_MIN_K, _MAX_K) */
#define SERIES_T_MIN_K 1.0
#define SERIES_T_MAX_K 5000.0
/* the longest time after @ or in a manifest: ten years, in seconds */
#define CLI_TIME_MAX_S (10 * 365.25 * 86400.0)

#define KELVIN_0C 273.15

const char cli_series_input_help[] =
  "Temperature of each file, first found: FILE@25C (or @298K, @-20C) on the command line,\n"
  "the --series manifest, the file's metadata, the file name (T25C, 25C, 298K, m20C).\n"
  "Time of each file: FILE@2h (s, min, h; both: FILE@25C,2h) or the manifest's time column\n"
  "(time_s, time_min, time_h), else its time stamps; given times order the series.\n";

/* "25C", "25degC", "25°C", "-20C", "298.15K"; a bare number takes DEFAULT_UNIT ('C', 'K',
 * or 0: refused). Returns 0 with *T_K set. */
int
cli_parse_temperature (const char *text, int default_unit, double *T_K)
{
  const char *end;
  double x;
  /* decimal only: not "0x1p3" (8), "inf" or "nan" */
  while (*text == ' ')
    text++;
  if (eis_number_parse (text, &end, &x) != 0)
    return -1;
  while (*end == ' ')
    end++;
  int unit;
  if (*end == '\0')
    unit = default_unit;
  else if (strcmp (end, "C") == 0 || strcmp (end, "degC") == 0 || strcmp (end, "°C") == 0)
    unit = 'C';
  else if (strcmp (end, "K") == 0)
    unit = 'K';
  else
    return -1;
  if (unit == 'C')
    x += KELVIN_0C;
  else if (unit != 'K')
    return -1;
  if (!(x > 0))
    return -1;
  *T_K = x;
  return 0;
}

/* Whether TEXT is a number without a unit ("25", "-20.5 "). */
static int
bare_number (const char *text)
{
  double x;
  return eis_number_parse_all (text, &x) == 0;
}

int
cli_parse_temperature_warn (const char *text, const char *what, double *T_K)
{
  if (cli_parse_temperature (text, 0, T_K) == 0)
    return 0;
  if (!bare_number (text) || cli_parse_temperature (text, 'C', T_K) != 0)
    return -1;
  cli_warning ("%s%s has no unit: read as %s degC (%.2f K), as a manifest's temperature "
               "column is; write %sC or %.2fK to say which", what, text, text, *T_K, text, *T_K);
  return 0;
}

int
cli_parse_time (const char *text, int default_unit, double *t_s)
{
  const char *end;
  double x;
  while (*text == ' ')
    text++;
  if (eis_number_parse (text, &end, &x) != 0 || x < 0)
    return -1;
  /* "1e-400h" is no 0: a number too small for a double is refused, not read as 0 */
  if (x < DBL_MIN)
    for (const char *q = text; q < end && *q != 'e' && *q != 'E'; q++)
      if (*q >= '1' && *q <= '9')
        return -1;
  while (*end == ' ')
    end++;
  int unit = *end == '\0' ? default_unit
             : strcmp (end, "s") == 0 || strcmp (end, "sec") == 0 ? 's'
             : strcmp (end, "min") == 0 ? 'm'
             : strcmp (end, "h") == 0 || strcmp (end, "hr") == 0 ? 'h' : 0;
  if (unit == 0)
    return -1;
  *t_s = x * (unit == 'h' ? 3600.0 : unit == 'm' ? 60.0 : 1.0);
  /* 1e300h is no measurement's time: ten years at most (and the series table stays narrow) */
  if (!(*t_s <= CLI_TIME_MAX_S))
    return -1;
  return 0;
}

/* TEXT after @ in ARG: a temperature, a time, or both separated by a comma ("25C", "2h",
 * "25C,2h"); a bare number is degC with a warning, unless ARG is itself a file's name. *T_K
 * and *t_s are NAN when not given. Returns 0, or -1 naming nothing. */
static int
parse_at (const char *text, const char *arg, double *T_K, double *t_s)
{
  *T_K = *t_s = NAN;
  char buf[64];
  if (snprintf (buf, sizeof buf, "%s", text) >= (int) sizeof buf || buf[0] == '\0'
      || buf[0] == ',' || strstr (buf, ",,") || buf[strlen (buf) - 1] == ',')
    return -1;   /* "25C,,2h": an empty part is a slip */
  char *save = NULL;
  for (char *tok = strtok_r (buf, ",", &save); tok; tok = strtok_r (NULL, ",", &save))
    {
      double v;
      if (cli_parse_temperature (tok, 0, &v) == 0 && isnan (*T_K))
        *T_K = v;
      else if (cli_parse_time (tok, 0, &v) == 0 && isnan (*t_s))
        *t_s = v;
      else if (isnan (*T_K) && bare_number (tok) && access (arg, F_OK) != 0)
        {
          /* FILE@25 (not a file of that name): degC, warned, as --at 25 */
          char what[4096];
          snprintf (what, sizeof what, "%.*s@", (int) (text - 1 - arg), arg);
          char *name = cli_name_text (what);
          int bad = cli_parse_temperature_warn (tok, name, &v);
          free (name);
          if (bad)
            return -1;
          *T_K = v;
        }
      else
        return -1;
    }
  return 0;
}

static const char *
base_name (const char *p)
{
  const char *s = strrchr (p, '/');
  return s ? s + 1 : p;
}

/* ---- the --series manifest ---- */

typedef struct {
  char *file;       /* as written in the manifest */
  char *path;       /* resolved against the manifest's folder */
  double T_K;       /* NAN when the row gives none */
  double time_s;    /* NAN when the row gives none */
  char *thickness, *area;   /* NULL when not given */
  size_t line;      /* in the manifest */
} ManifestRow;

typedef struct {
  size_t n;
  ManifestRow *rows;
  double l_factor, a_factor;   /* the header's unit in cm or cm2 (thickness_mm: 0.1); 0: none */
} Manifest;

static void
manifest_free (Manifest *m)
{
  for (size_t i = 0; i < m->n; i++)
    {
      free (m->rows[i].file);
      free (m->rows[i].path);
      free (m->rows[i].thickness);
      free (m->rows[i].area);
    }
  free (m->rows);
  m->n = 0;
  m->rows = NULL;
}

/* Splits LINE at SEP (',', ';' or a tab) in place (double quotes group, "" is a quote); trims
 * blanks. *UNCLOSED (may be NULL) is set when a quoted field is not closed on the line. */
static size_t
split_csv (char *line, char sep, char **field, size_t max, int *unclosed)
{
  size_t n = 0;
  char *p = line;
  while (n < max)
    {
      while (*p == ' ' || (*p == '\t' && sep != '\t'))
        p++;
      char *w = p, *start = p;
      if (*p == '"')
        {
          p++;
          while (*p && !(*p == '"' && p[1] != '"'))
            {
              if (*p == '"')
                p++;
              *w++ = *p++;
            }
          if (*p == '"')
            p++;
          else if (unclosed)
            *unclosed = 1;   /* the line ends inside the quotes */
          while (*p && *p != sep)
            p++;
        }
      else
        {
          while (*p && *p != sep)
            *w++ = *p++;
          while (w > start && (w[-1] == ' ' || w[-1] == '\r' || (w[-1] == '\t' && sep != '\t')))
            w--;
        }
      int more = *p == sep;
      *w = '\0';
      field[n++] = start;
      if (!more)
        break;
      p++;
    }
  return n;
}

/* A number written with a decimal comma ("25,5", "0,6mm"), as a spreadsheet that separates
 * its fields with ';' or tabs writes it, with a point (in place). */
static void
decimal_point (char *v)
{
  char *c = strchr (v, ',');
  if (c && !strchr (c + 1, ',') && !strchr (v, '.'))
    *c = '.';
}

static int
column_is (const char *h, const char *const *names)
{
  for (; *names; names++)
    if (strcasecmp (h, *names) == 0)
      return 1;
  return 0;
}

static int
manifest_read (const char *path, Manifest *m)
{
  struct stat mst;
  if (strcmp (path, "-") == 0)
    {
      cli_error ("--series: -: a manifest is not read from standard input (the files in it are "
                 "relative to its folder): give the manifest file");
      return EXIT_USAGE;
    }
  /* a folder, a FIFO or a device is no manifest: said, and a FIFO never opened (a read of one
   * without a writer would wait for ever) */
  if (stat (path, &mst) == 0 && !S_ISREG (mst.st_mode))
    {
      cli_error ("--series: %s: %s: expected a CSV text with a header such as file,temperature",
                 path, S_ISDIR (mst.st_mode) ? "is a directory"
                 : S_ISFIFO (mst.st_mode) ? "is not a regular file (a FIFO): not read"
                 : "is not a regular file: not read");
      return EXIT_INPUT;
    }
  FILE *fp = fopen (path, "r");
  if (fp == NULL)
    {
      cli_error ("--series: %s: cannot open: %s", path, strerror (errno));
      return EXIT_INPUT;
    }
  static const char *const n_file[] = { "file", "filename", "path", NULL };
  static const char *const n_tc[] = { "temperature", "temperature_C", "temperature_degC",
                                      "T_C", "T_degC", "temp", "temp_C", "T", NULL };
  static const char *const n_tk[] = { "T_K", "temperature_K", "temp_K", NULL };
  static const char *const n_l[] = { "thickness", "thickness_cm", "thickness_mm", "thickness_um",
                                     "L", "L_cm", "L_mm", "L_um", NULL };
  static const char *const n_a[] = { "area", "area_cm2", "area_mm2", "A", "A_cm2", "A_mm2",
                                     NULL };
  static const char *const n_t[] = { "time", "time_s", "time_min", "time_h", "t_s", "t_min",
                                     "t_h", NULL };
  int t_unit = 0;   /* the time column's unit in the header ('s', 'm', 'h'), 0: in the cell */
  char line[4096];
  char *f[64];
  /* a binary file (zero or control bytes) is no manifest: said before any line is read, since
   * a line that starts with a zero byte would read as empty */
  {
    unsigned char head[4096];
    size_t got = fread (head, 1, sizeof head, fp);
    for (size_t i = 0; i < got; i++)
      if (head[i] == 0 || (head[i] < 0x20 && head[i] != '\t' && head[i] != '\n'
                           && head[i] != '\r') || head[i] == 0x7f)
        {
          cli_error ("--series: %s: not a text file (byte %zu is the control character 0x%02x): "
                     "expected a CSV text with a header such as file,temperature", path, i + 1,
                     head[i]);
          fclose (fp);
          return EXIT_INPUT;
        }
    rewind (fp);
  }
  long c_file = -1, c_tc = -1, c_tk = -1, c_l = -1, c_a = -1, c_t = -1;
  char tc_bare[16] = "";   /* a degC column named without a unit (T, temp): warned once */
  size_t lineno = 0;
  int rc = EXIT_OK;
  char dir[4096] = "";
  const char *slash = strrchr (path, '/');
  if (slash)
    snprintf (dir, sizeof dir, "%.*s/", (int) (slash - path), path);
  char sep = ',';
  size_t n_cols = 0;
  while (fgets (line, sizeof line, fp))
    {
      lineno++;
      line[strcspn (line, "\r\n")] = '\0';
      /* a UTF-8 byte order mark, which Excel writes before "CSV UTF-8" */
      if (lineno == 1 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
        memmove (line, line + 3, strlen (line + 3) + 1);
      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (c_file < 0)
        {
          /* the separator is the one that makes a header of it: ',', or ';' or a tab as
           * spreadsheets in other locales write */
          static const char seps[] = { ',', ';', '\t' };
          for (size_t k = 0; k < sizeof seps; k++)
            {
              char copy[sizeof line];
              memcpy (copy, line, sizeof line);
              size_t n = split_csv (copy, seps[k], f, 64, NULL);
              int file = 0, temp = 0;
              for (size_t i = 0; i < n; i++)
                {
                  file |= column_is (f[i], n_file);
                  temp |= column_is (f[i], n_tc) || column_is (f[i], n_tk);
                }
              if (file && temp)
                {
                  sep = seps[k];
                  break;
                }
            }
        }
      int unclosed = 0;
      size_t nf = split_csv (line, sep, f, 64, &unclosed);
      if (unclosed)
        {
          /* a quoted name holding a line break: the manifest is read a line at a time */
          cli_error ("--series: %s:%zu: a double-quoted field is not closed on its line (a file "
                     "name with a line break in it cannot be listed: rename the file)", path,
                     lineno);
          rc = EXIT_INPUT;
          break;
        }
      if (c_file < 0)
        {
          n_cols = nf;
          for (size_t i = 0; i < nf; i++)
            {
              long *slot = column_is (f[i], n_file) ? &c_file : column_is (f[i], n_tc) ? &c_tc
                           : column_is (f[i], n_tk) ? &c_tk : column_is (f[i], n_l) ? &c_l
                           : column_is (f[i], n_a) ? &c_a : column_is (f[i], n_t) ? &c_t
                           : NULL;
              if (slot == &c_t && c_t < 0)
                {
                  const char *u = strchr (f[i], '_');
                  t_unit = u == NULL ? 0 : strcasecmp (u, "_s") == 0 ? 's'
                           : strcasecmp (u, "_min") == 0 ? 'm' : 'h';
                }
              if (slot == &c_tc && c_tc < 0
                  && (strcasecmp (f[i], "T") == 0 || strcasecmp (f[i], "temp") == 0))
                snprintf (tc_bare, sizeof tc_bare, "%s", f[i]);
              if (slot && *slot < 0)
                {
                  *slot = (long) i;
                  /* the unit in the header (thickness_mm) applies to the bare numbers below */
                  const char *u = strchr (f[i], '_');
                  double fac = u == NULL ? 0 : strcasecmp (u, "_cm") == 0 ? 1.0
                               : strcasecmp (u, "_mm") == 0 ? 0.1 : strcasecmp (u, "_um") == 0
                               ? 1e-4 : strcasecmp (u, "_cm2") == 0 ? 1.0
                               : strcasecmp (u, "_mm2") == 0 ? 0.01 : 0;
                  if (slot == &c_l)
                    m->l_factor = fac;
                  else if (slot == &c_a)
                    m->a_factor = fac;
                }
            }
          if (c_file < 0 || (c_tc < 0 && c_tk < 0 && c_t < 0))
            {
              cli_error ("--series: %s:%zu: expected a header with the columns file and "
                         "temperature (degC) or T_K, or a time (time_s, time_min, time_h)",
                         path, lineno);
              rc = EXIT_INPUT;
              break;
            }
          continue;
        }
      if ((size_t) c_file >= nf || f[c_file][0] == '\0')
        continue;
      /* a field beyond the header's columns: a separator inside a file name, or a shifted row */
      for (size_t i = n_cols; i < nf && rc == EXIT_OK; i++)
        if (f[i][0])
          {
            cli_error ("--series: %s:%zu: field %zu (\"%s\") is beyond the header's %zu "
                       "columns (a '%s' in a file name? put the name in double quotes)", path,
                       lineno, i + 1, f[i], n_cols, sep == '\t' ? "tab" : sep == ';' ? ";" : ",");
            rc = EXIT_INPUT;
          }
      if (rc != EXIT_OK)
        break;
      if (sep != ',')
        for (size_t i = 0; i < nf; i++)
          if ((long) i == c_tc || (long) i == c_tk || (long) i == c_l || (long) i == c_a)
            decimal_point (f[i]);
      ManifestRow row = { 0 };
      row.T_K = row.time_s = NAN;
      long ct = c_tk >= 0 ? c_tk : c_tc;
      if (c_t >= 0 && (size_t) c_t < nf && f[c_t][0] != '\0'
          && cli_parse_time (f[c_t], t_unit, &row.time_s) != 0)
        {
          cli_error ("--series: %s:%zu: \"%s\" is not a time (2h, 90min, 3600s; or a number "
                     "under a header time_s, time_min or time_h)", path, lineno, f[c_t]);
          rc = EXIT_INPUT;
          break;
        }
      if (ct >= 0 && (size_t) ct < nf && f[ct][0] != '\0'
          && cli_parse_temperature (f[ct], c_tk >= 0 ? 'K' : 'C', &row.T_K) != 0)
        {
          cli_error ("--series: %s:%zu: \"%s\" is not a temperature (expected a decimal "
                     "number with its unit, 25C or 298.15K, or bare under a column that says "
                     "which)", path, lineno, f[ct]);
          rc = EXIT_INPUT;
          break;
        }
      if (tc_bare[0] && c_tk < 0 && ct == c_tc && isfinite (row.T_K) && bare_number (f[ct]))
        {
          /* as --at 25 and FILE@25: a bare number is degC, said once */
          cli_warning ("--series: %s:%zu: column %s gives no unit: its %s is read as %s degC "
                       "(%.2f K); name the column T_C or T_K to say which", path, lineno,
                       tc_bare, f[ct], f[ct], row.T_K);
          tc_bare[0] = '\0';
        }
      /* as a project's and arrhenius --at's: 1 to 5000 K (1e300 is a slip, not a furnace) */
      if (ct >= 0 && isfinite (row.T_K)
          && !(row.T_K >= SERIES_T_MIN_K && row.T_K <= SERIES_T_MAX_K))
        {
          cli_error ("--series: %s:%zu: the temperature \"%s\" is outside 1 to 5000 K "
                     "(-272.15 to 4726.85 degC)", path, lineno, f[ct]);
          rc = EXIT_INPUT;
          break;
        }
      /* The temperature the file's own name gives (pellet-25C.csv), beside the manifest's:
       * kelvin values under a bare "T" or "temperature" column (read as degC) make them
       * disagree by 273.15 K, and Ea came out 1.21 eV for 0.31 without a word. */
      {
        double T_name;
        if (ct >= 0 && (size_t) ct < nf && isfinite (row.T_K) && (size_t) c_file < nf
            && eis_temperature_from_name (f[c_file], &T_name) == EIS_OK
            && fabs (T_name - row.T_K) > 5)
          {
            int bare = strcspn (f[ct], "CcKk\xc2") == strlen (f[ct]);
            if (c_tk < 0 && bare && fabs (eis_strtod (f[ct], NULL) - T_name) <= 5)
              {
                cli_error ("--series: %s:%zu: the temperature %s (a bare number: read as degC) is "
                           "%s's %.2f K in kelvin: name the column T_K (or write %sK)", path,
                           lineno, f[ct], f[c_file], T_name, f[ct]);
                rc = EXIT_INPUT;
                break;
              }
            cli_warning ("--series: %s:%zu: the manifest's temperature %s (%.2f K) and the one "
                         "%s's name gives (%.2f K) disagree by %.3g K: the manifest's is used",
                         path, lineno, f[ct], row.T_K, f[c_file], T_name, row.T_K - T_name);
          }
      }
      /* both a Celsius and a kelvin column: they must agree */
      double t_c;
      if (c_tk >= 0 && c_tc >= 0 && (size_t) c_tc < nf && f[c_tc][0] != '\0' && isfinite (row.T_K)
          && (cli_parse_temperature (f[c_tc], 'C', &t_c) != 0 || fabs (t_c - row.T_K) > 0.01))
        {
          cli_error ("--series: %s:%zu: the temperature \"%s\" degC and T_K %s disagree", path,
                     lineno, f[c_tc], f[c_tk]);
          rc = EXIT_INPUT;
          break;
        }
      row.line = lineno;
      row.file = cli_xstrdup (f[c_file]);
      if (row.file[0] == '/' || dir[0] == '\0')
        row.path = cli_xstrdup (row.file);
      else
        {
          row.path = cli_xmalloc (strlen (dir) + strlen (row.file) + 1);
          strcat (strcpy (row.path, dir), row.file);
        }
      if (c_l >= 0 && (size_t) c_l < nf && f[c_l][0])
        row.thickness = cli_xstrdup (f[c_l]);
      if (c_a >= 0 && (size_t) c_a < nf && f[c_a][0])
        row.area = cli_xstrdup (f[c_a]);
      /* the manifest naming itself is no data file: said here, not as a failed import */
      {
        struct stat rst;
        if (stat (row.path, &rst) == 0 && rst.st_dev == mst.st_dev && rst.st_ino == mst.st_ino)
          {
            cli_error ("--series: %s:%zu: %s is this manifest itself: expected a data file",
                       path, lineno, row.file);
            free (row.file), free (row.path), free (row.thickness), free (row.area);
            rc = EXIT_INPUT;
            break;
          }
      }
      /* one file, one temperature: a file listed twice would be counted twice, at the
       * first row's temperature */
      for (size_t q = 0; q < m->n; q++)
        if (strcmp (m->rows[q].path, row.path) == 0)
          {
            cli_error ("--series: %s:%zu: %s is listed again (first at line %zu): one row a file",
                       path, lineno, row.file, m->rows[q].line);
            rc = EXIT_INPUT;
            break;
          }
      if (rc != EXIT_OK)
        {
          free (row.file), free (row.path), free (row.thickness), free (row.area);
          break;
        }
      ManifestRow *nr = realloc (m->rows, (m->n + 1) * sizeof *nr);
      if (nr == NULL)
        exit (EXIT_INTERNAL);
      m->rows = nr;
      m->rows[m->n++] = row;
    }
  if (rc == EXIT_OK && c_file < 0)
    {
      cli_error ("--series: %s: empty (expected a header with file and temperature)", path);
      rc = EXIT_INPUT;
    }
  else if (rc == EXIT_OK && m->n == 0)
    {
      cli_error ("--series: %s: lists no files (a header and no rows; expected one row a file "
                 "with its temperature)", path);
      rc = EXIT_INPUT;
    }
  fclose (fp);
  return rc;
}

/* A thickness (AREA 0) or area of manifest row ROW: a unit in the cell, else the header's
 * (thickness_mm), else cm (cm2) with the warning --thickness 0.6 gets; a value that differs
 * from the command line's (CLI_V > 0) is said, since the manifest's wins.  Returns 0 or -1. */
static int
manifest_geom (const char *manifest, const ManifestRow *row, int area, const char *text,
               double hdr_factor, double cli_v, double *v, double *se)
{
  const char *what = area ? "area" : "thickness", *u = area ? "cm2" : "cm";
  int pr = area ? eis_parse_area_cm2 (text, v, se) : eis_parse_length_cm (text, v, se);
  if (pr != 0)
    {
      cli_error ("--series %s:%zu: %s \"%s\": %s", manifest, row->line, what, text,
                 pr == -2 ? (area ? "smaller than 1 nm2: no electrode is (a unit slip?)"
                             : "thinner than 1 nm: no sample is (a unit slip?)")
                 : pr == EIS_PARSE_UNIT_ONE_SIDE
                 ? "the value and its uncertainty are in different units, one of them bare: "
                   "write the unit on both, e.g. 0.6mm+-0.01mm"
                 : area ? "expected an area such as 0.785cm2 (or a header area_mm2)"
                 : "expected a length such as 0.6mm (or a header thickness_mm)");
      return -1;
    }
  int unit = 0;
  for (const char *p = text; *p && !unit; p++)
    unit = ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char) *p >= 0x80)
           && *p != 'e' && *p != 'E';
  if (!unit && hdr_factor > 0)
    *v *= hdr_factor, *se *= hdr_factor;
  else if (!unit)
    cli_warning ("--series %s:%zu: %s %s has no unit: read as %s %s; write e.g. %s%s (or name "
                 "the column %s) if %s are meant", manifest, row->line, what, text, text, u,
                 text, area ? "mm2" : "mm", area ? "area_mm2" : "thickness_mm",
                 area ? "square millimetres" : "millimetres");
  if (unit || hdr_factor > 0)
    {
      double lo = 1e-4, hi = area ? 80 : 2;   /* as for --thickness, --area */
      if (*v < lo || *v > hi)
        cli_warning ("--series %s:%zu: %s %s is %.4g %s: unusual for a pellet; check the unit",
                     manifest, row->line, what, text, *v, u);
    }
  /* equal to the digits a manifest holds (0.78540 cm2 for a 10 mm diameter's 0.785398):
   * nothing is replaced, nothing to say (tester 8's F8: four such warnings) */
  if (cli_v > 0 && fabs (*v - cli_v) > 1e-4 * cli_v)
    cli_warning ("--series %s:%zu: %s: the manifest's %s %.4g %s replaces the command line's "
                 "%.4g %s", manifest, row->line, row->file, what, *v, u, cli_v, u);
  return 0;
}

/* The manifest row for PATH: the same path, the same resolved path, or the same base name. */
static const ManifestRow *
manifest_find (const Manifest *m, const char *path)
{
  for (size_t i = 0; i < m->n; i++)
    if (strcmp (m->rows[i].file, path) == 0 || strcmp (m->rows[i].path, path) == 0)
      return &m->rows[i];
  for (size_t i = 0; i < m->n; i++)
    if (strcmp (base_name (m->rows[i].file), base_name (path)) == 0)
      return &m->rows[i];
  return NULL;
}


void
cli_series_input_clear (CliSeriesInput *in)
{
  eis_spectrum_series_clear (&in->series);
  for (size_t i = 0; i < in->n_files; i++)
    {
      eis_data_file_free (in->files[i]);
      free (in->paths[i]);
    }
  free (in->files);
  free (in->paths);
  in->files = NULL;
  in->paths = NULL;
  in->n_files = 0;
}

int
cli_series_input_load (CliSeriesInput *in, int argc, char **argv, int first,
                       const char *manifest, const CliFitArgs *args, int need_T, int need_geom,
                       const char *command)
{
  memset (in, 0, sizeof *in);
  eis_spectrum_series_init (&in->series);
  Manifest man = { 0 };
  if (manifest)
    {
      int r = manifest_read (manifest, &man);
      if (r != EXIT_OK)
        {
          manifest_free (&man);     /* the rows read before the error */
          return r;
        }
    }
  /* The inputs: FILE[@T] arguments, or else every file of the manifest. */
  size_t n_in = first < argc ? (size_t) (argc - first) : man.n;
  if (n_in == 0)
    {
      cli_error ("no input file (try 'eisfit %s --help')", command);
      manifest_free (&man);
      return EXIT_USAGE;
    }
  in->paths = cli_xmalloc (n_in * sizeof *in->paths);
  in->files = cli_xmalloc (n_in * sizeof *in->files);
  double *in_T = cli_xmalloc (n_in * sizeof *in_T);
  double *in_t = cli_xmalloc (n_in * sizeof *in_t);
  int rc = EXIT_OK;
  size_t n_paths = 0;
  for (size_t i = 0; i < n_in && rc == EXIT_OK; i++)
    {
      in_T[i] = in_t[i] = NAN;
      if (first < argc)
        {
          const char *arg = argv[first + (int) i];
          const char *at = strrchr (arg, '@');
          double T, t;
          if (at && at > arg && parse_at (at + 1, arg, &T, &t) == 0)
            {
              /* as a manifest's column: 1 to 5000 K, said with the argument */
              if (isfinite (T) && !(T >= SERIES_T_MIN_K && T <= SERIES_T_MAX_K))
                {
                  cli_error ("%s: the temperature after @ (%g K) is outside 1 to 5000 K "
                             "(-272.15 to 4726.85 degC)", arg, T);
                  rc = EXIT_USAGE;
                  break;
                }
              in->paths[i] = cli_xstrdup (arg);
              in->paths[i][at - arg] = '\0';
              in_T[i] = T;
              in_t[i] = t;
            }
          else
            {
              /* "FILE@abc" where FILE exists and FILE@abc does not: the temperature is the
               * trouble, not the file. */
              struct stat sb;
              if (at && at > arg && stat (arg, &sb) != 0)
                {
                  char *file = cli_xstrdup (arg);
                  file[at - arg] = '\0';
                  int exists = stat (file, &sb) == 0;
                  free (file);
                  if (exists)
                    {
                      cli_error ("%s: \"%s\" after @ is not a temperature (25C, -20C, 298K, "
                                 "above absolute zero) or a time (2h, 90min, 3600s; ten years at most), nor "
                                 "both (25C,2h)", arg, at + 1);
                      rc = EXIT_USAGE;
                      break;
                    }
                }
              in->paths[i] = cli_xstrdup (arg);
            }
        }
      else
        in->paths[i] = cli_xstrdup (man.rows[i].path);
      n_paths++;
    }
  if (rc == EXIT_OK && cli_check_outputs (NULL, NULL, (const char *const *) in->paths, n_paths)
      != 0)
    rc = EXIT_USAGE;
  for (size_t i = 0; i < n_paths && rc == EXIT_OK; i++)
    {
      EisError err = { 0 };
      int ist = eis_import (in->paths[i], &args->import, &in->files[i], &err);
      /* a file of the manifest: its errors name the manifest's line */
      int listed = first >= argc && i < man.n;
      if (ist != EIS_OK)
        {
          if (listed)
            eis_error_prefix (&err, "--series: %s:%zu: ", manifest, man.rows[i].line);
          cli_import_error (NULL, &err);
          rc = cli_exit_for_import (ist);
          break;
        }
      in->n_files = i + 1;
      cli_import_warnings (in->paths[i], in->files[i]);
      if (in->files[i]->n_spectra == 0)
        {
          if (listed)
            cli_error ("--series: %s:%zu: %s: no impedance spectrum in this file", manifest,
                       man.rows[i].line, in->paths[i]);
          else
            cli_error ("%s: no impedance spectrum in this file", in->paths[i]);
          rc = EXIT_INPUT;
          break;
        }
      const ManifestRow *row = manifest ? manifest_find (&man, in->paths[i]) : NULL;
      EisGeometry geom = args->geom;
      int have_l = args->have_thickness, have_a = args->have_area;
      if (row && row->thickness)
        {
          if (manifest_geom (manifest, row, 0, row->thickness, man.l_factor,
                             args->have_thickness ? args->geom.thickness_cm : 0,
                             &geom.thickness_cm, &geom.thickness_se_cm) != 0)
            {
              rc = EXIT_INPUT;
              break;
            }
          have_l = 1;
        }
      if (row && row->area)
        {
          if (manifest_geom (manifest, row, 1, row->area, man.a_factor,
                             args->have_area ? args->geom.area_cm2 : 0,
                             &geom.area_cm2, &geom.area_se_cm2) != 0)
            {
              rc = EXIT_INPUT;
              break;
            }
          have_a = 1;
        }
      if (need_geom && (!have_l || !have_a))
        {
          cli_error ("%s: the conductivity needs the sample geometry: give --thickness and "
                     "--diameter (or --area), or thickness and area columns in --series",
                     in->paths[i]);
          rc = EXIT_USAGE;
          break;
        }
      double file_t0 = NAN;   /* the first spectrum's own start [s] */
      for (size_t k = 0; k < in->files[i]->n_spectra && rc == EXIT_OK; k++)
        {
          const EisSpectrum *s = in->files[i]->spectra[k];
          double T = NAN;
          const char *src = "";
          if (isfinite (in_T[i]))
            T = in_T[i], src = "command line";
          else if (row && isfinite (row->T_K))
            T = row->T_K, src = "series manifest";
          else
            {
              int st;
              T = eis_spectrum_temperature (s, in->paths[i], &src, &st);
              /* the metadata's beside the name's, as the manifest's above */
              char tc[600];
              if (eis_spectrum_temperature_conflict (s, in->paths[i], tc, sizeof tc))
                cli_warning ("%s: spectrum %zu: %s", in->paths[i], k + 1, tc);
              if (!src[0] && need_T)
                {
                  cli_error ("%s: no temperature for this file%s: append it (%s@25C), list it "
                             "in --series, or put it in the name (..._25C.csv)", in->paths[i],
                             st == EIS_TEMPERATURE_AMBIGUOUS
                             ? " (its name holds two different temperatures)" : "",
                             in->paths[i]);
                  rc = EXIT_INPUT;
                  break;
                }
            }
          EisError e = { 0 };
          if (eis_spectrum_series_add (&in->series, s, in->paths[i], (int) k + 1, T, &e)
              != EIS_OK)
            exit (EXIT_INTERNAL);
          EisSeriesItem *it = &in->series.items[in->series.n - 1];
          /* a time given (FILE@2h, the manifest) is the file's start: its spectra keep their
           * own time stamps' distance from the first one, or all start there */
          double t_given = isfinite (in_t[i]) ? in_t[i] : row ? row->time_s : NAN;
          if (k == 0)
            file_t0 = it->time_s;
          if (isfinite (t_given))
            {
              it->time_s = t_given + (isfinite (file_t0) && isfinite (it->time_s)
                                      ? it->time_s - file_t0 : 0);
              it->time_given = 1;
              in->time_given = 1;
            }
          it->T_source = src;
          it->geom = geom;
          it->have_geom = have_a;   /* the area alone gives the ASR; sigma needs have_l */
          it->cell = args->cell;
        }
    }
  if (rc == EXIT_OK)
    {
      /* the instruments' start times place files measured hours apart */
      char note[1200];
      eis_spectrum_series_place_in_time (&in->series, note, sizeof note);
      if (note[0])
        cli_warning ("%s", note);
    }
  for (size_t i = n_paths; i < n_in; i++)
    in->paths[i] = NULL;
  if (in->n_files < n_paths)
    {
      for (size_t i = in->n_files; i < n_paths; i++)
        free (in->paths[i]);
    }
  free (in_T);
  free (in_t);
  manifest_free (&man);
  return rc;
}

int
cli_series_options (const CliFitArgs *a, EisSeriesFitOptions *o)
{
  eis_series_fit_options_init (o);
  o->fit = a->fit;
  cli_range_apply (&a->range, &o->fit);   /* --fmin, --fmax, --exclude, --exclude-points */
  o->fit.init = NULL;
  o->fit.fixed = NULL;
  o->fit.lower = o->fit.upper = NULL;
  o->circuit = a->circuit;
  o->geom = a->have_area ? &a->geom : NULL;   /* the area alone gives the ASR */
  if (a->n_settings == 0)
    return 0;
  if (a->circuit == NULL)
    {
      cli_error ("--init/--fix/--bounds name parameters: give the circuit with --circuit");
      return -1;
    }
  EisCircuit *c = NULL;
  EisError err = { 0 };
  if (eis_circuit_parse (a->circuit, &c, &err) != EIS_OK)
    {
      cli_error ("--circuit \"%s\": %s", a->circuit, err.message);
      return -1;
    }
  size_t P = eis_circuit_n_params (c);
  double *init = cli_xmalloc ((P + 1) * sizeof *init), *lo = cli_xmalloc ((P + 1) * sizeof *lo);
  double *hi = cli_xmalloc ((P + 1) * sizeof *hi);
  int *fixed = cli_xmalloc ((P + 1) * sizeof *fixed);
  for (size_t k = 0; k < P; k++)
    init[k] = lo[k] = hi[k] = NAN;
  o->fit.init = init;
  o->fit.fixed = fixed;
  o->fit.lower = lo;
  o->fit.upper = hi;
  for (size_t i = 0; i < a->n_settings; i++)
    {
      const CliParamSetting *st = &a->settings[i];
      long k = eis_circuit_param_index (c, st->name);
      if (k < 0)
        {
          cli_error ("no parameter \"%s\" in %s", st->name, eis_circuit_text (c));
          eis_circuit_free (c);
          cli_series_options_clear (o);
          return -1;
        }
      if (!isnan (st->value))
        init[k] = st->value;
      if (!isnan (st->lo))
        lo[k] = st->lo;
      if (!isnan (st->hi))
        hi[k] = st->hi;
      if (st->fixed)
        fixed[k] = 1;
    }
  eis_circuit_free (c);
  return 0;
}

void
cli_series_options_clear (EisSeriesFitOptions *o)
{
  free ((void *) o->fit.init);
  free ((void *) o->fit.fixed);
  free ((void *) o->fit.lower);
  free ((void *) o->fit.upper);
  o->fit.init = NULL;
  o->fit.fixed = NULL;
  o->fit.lower = o->fit.upper = NULL;
}

/* ---- reading and fitting a series (eisfit series, eisfit arrhenius) ---- */

int
cli_series_run (CliSeriesRun *run, int argc, char **argv, int first, const CliFitArgs *args,
                const CliSeriesSetup *sup)
{
  memset (run, 0, sizeof *run);
  int rc = cli_series_input_load (&run->in, argc, argv, first, sup->manifest, args, sup->need_T,
                                  sup->need_geom, sup->command);
  if (rc != EXIT_OK)
    return rc;
  /* the manifest is an input as much as the files it lists */
  CliInputs *inputs = cli_inputs_new ((const char *const *) run->in.paths, run->in.n_files);
  cli_inputs_add (inputs, sup->manifest, "the --series manifest");
  int orc = cli_outputs_check (sup->output, sup->plot, 0, inputs);
  cli_inputs_free (inputs);
  if (orc != 0)
    return EXIT_USAGE;
  if (cli_check_plot_folder (sup->plot) != 0)
    return EXIT_OUTPUT;
  EisSpectrumSeries *s = &run->in.series;
  /* The same data twice (the same spectrum of the same file, or a copy of it) at two
   * temperatures makes a flat line out of nothing: Ea 0 with R2 1 (a hostile review).
   * arrhenius refuses it; series warns. */
  for (size_t j = 1; j < s->n; j++)
    for (size_t i = 0; i < j; i++)
      {
        const EisSpectrum *a = s->items[i].spectrum, *b = s->items[j].spectrum;
        if (!eis_spectrum_same_data (a, b))
          continue;
        int refuse = strcmp (sup->command, "arrhenius") == 0;
        (refuse ? cli_error : cli_warning)
          ("%s: spectrum %d and %s: spectrum %d hold the same data (%s): %s",
           s->items[i].file, s->items[i].number, s->items[j].file, s->items[j].number,
           a == b || (strcmp (s->items[i].file, s->items[j].file) == 0
                      && s->items[i].number == s->items[j].number)
             ? "the same spectrum given twice" : "every point identical",
           refuse ? "one measurement cannot give two temperatures' conductivities"
                  : "the series counts one measurement twice");
        if (refuse)
          return EXIT_INPUT;
      }
  int by = sup->by;
  /* times the user gave (FILE@2h, the manifest) say what the series is along; so do times
   * that differ when every spectrum is at one temperature (a cell aging at 25 C) */
  if (by < 0)
    by = eis_spectrum_series_auto_order (s, run->in.time_given);
  run->by = by;
  /* the same refusal as eisfit arrhenius's when the temperatures differ (a series
   * resistance once the circuit is known, below) */
  int spans_T = by == EIS_SERIES_BY_TEMPERATURE && eis_spectrum_series_spans_temperature (s);
  if (spans_T && cli_shared_refuse_resistance ((char *const *) sup->shared, sup->n_shared, NULL)
                 != 0)
    return EXIT_USAGE;
  EisError err = { 0 };
  if (eis_spectrum_series_sort (s, (EisSeriesOrder) by, &err) != EIS_OK)
    {
      if (strcmp (sup->command, "series") == 0)
        cli_error ("--by %s: %s", eis_series_order_name ((EisSeriesOrder) by), err.message);
      else
        cli_error ("%s", err.message);
      return EXIT_INPUT;
    }
  for (size_t j = 0; sup->need_key && j < s->n; j++)
    if (!isfinite (sup->need_key == 't' ? s->items[j].time_s : s->items[j].T_K))
      {
        cli_error ("--plot-x: %s: spectrum %d has no %s", s->items[j].file, s->items[j].number,
                   sup->need_key == 't' ? "time stamps" : "temperature");
        return EXIT_USAGE;
      }
  /* A spectrum with a negative resistance everywhere or that scatters like noise: refused, as
   * by eisfit itself (the points the fit will use). */
  {
    EisFitOptions fo = args->fit;
    cli_range_apply (&args->range, &fo);
    for (size_t j = 0; j < s->n; j++)
      {
        EisSpectrum *used = eis_fit_used_points (s->items[j].spectrum, &fo);
        if (used == NULL)
          {
            cli_error ("out of memory");
            return EXIT_INTERNAL;
          }
        int cst = eis_spectrum_check_analysable (used, &err);
        eis_spectrum_free (used);
        if (cst != EIS_OK)
          {
            cli_error ("%s", err.message);
            return cli_exit_for_status (cst);
          }
      }
  }
  if (cli_series_options (args, &run->so) != 0)
    return EXIT_USAGE;
  run->have_so = 1;
  int st = eis_series_fit (s, &run->so, &run->sf, &err);
  if (st != EIS_OK)
    {
      cli_error ("%s", err.message);
      return cli_exit_for_status (st);
    }
  if (spans_T && cli_shared_refuse_resistance ((char *const *) sup->shared, sup->n_shared,
                                               run->sf->circuit) != 0)
    return EXIT_USAGE;
  /* What the series fit held in some spectra (the capacitance of an arc that left the window,
   * the leads at low temperature), or what --shared names, the whole series determines in one
   * joint fit; each spectrum keeps its own resistances. */
  st = eis_series_fit_joint (run->sf, s, &run->so, sup->shared, sup->n_shared, &run->joint,
                             &err);
  if (st != EIS_OK)
    {
      /* a name --shared gives that is no parameter: the message says --shared itself */
      if (strncmp (err.message, "--shared:", 9) == 0)
        cli_error ("%s", err.message);
      else
        cli_error ("%s: %s", sup->joint_what, err.message);
      return st == EIS_ERR_NOMEM ? EXIT_INTERNAL : st == EIS_ERR_INVALID ? EXIT_USAGE
             : EXIT_FIT;
    }
  run->reportable = 1;
  if (run->joint && !run->joint->converged)
    {
      cli_warning ("%s: %s", sup->joint_what, run->joint->message);
      return EXIT_FIT;
    }
  return EXIT_OK;
}

void
cli_series_run_clear (CliSeriesRun *run)
{
  eis_global_fit_free (run->joint);
  eis_series_fit_free (run->sf);
  if (run->have_so)
    cli_series_options_clear (&run->so);
  cli_series_input_clear (&run->in);
  memset (run, 0, sizeof *run);
}
