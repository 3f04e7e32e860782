/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fit-related command-line options and the fit of one spectrum as every subcommand does it. */
#include "c-number.h"
#include "fit-args.h"
#include "cli-util.h"
#include "plausible.h"
#include "units.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_COLUMNS = 950, OPT_INPUT_FORMAT, OPT_MAX_SIZE, OPT_UNCORRECTED, OPT_MAX_POINTS };

static const struct option input_long_options[] = {
  { "columns", required_argument, NULL, OPT_COLUMNS },
  { "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
  { "max-size", required_argument, NULL, OPT_MAX_SIZE },
  { "max-points", required_argument, NULL, OPT_MAX_POINTS },
  { "uncorrected", no_argument, NULL, OPT_UNCORRECTED },
};

const char cli_input_options_help[] =
  "Input:\n"
  "      --columns SPEC     which columns hold what: \"f=1,re=2,im=3\", \"f=Freq,re=Zr,-im=Zi\"\n"
  "      --input-format F   force an input format instead of detecting it\n"
  "      --max-size N       refuse input files larger than N bytes (K, M, G suffixes;\n"
  "                         default 256M)\n"
  "      --max-points N     refuse a spectrum of more than N points (commands that fit:\n"
  "                         default 100000; others: no limit)\n"
  "      --uncorrected      Gamry .DTA with drift correction: read the uncorrected\n"
  "                         impedance (Zreal, Zimag) instead of the corrected one\n";

void
cli_input_args_init (EisImportOptions *imp)
{
  memset (imp, 0, sizeof *imp);
  imp->max_bytes = CLI_DEFAULT_MAX_BYTES;
  imp->stdin_dash = 1;   /* "-": standard input (man eisfit, FILES) */
  imp->fifo_wait = 1;    /* a FIFO waits for its writer (man eisfit, FILES) */
  /* EISFIT_STREAM_BYTES: the size from which a file is read through a window and its spectra
   * handed on one at a time (man eisfit, ENVIRONMENT) */
  const char *sb = getenv ("EISFIT_STREAM_BYTES");
  size_t bytes;
  if (sb && *sb && cli_parse_size (sb, &bytes) == 0 && bytes > 0)
    imp->stream_bytes = bytes;
}

int
cli_input_args_handle (EisImportOptions *imp, int opt, const char *arg)
{
  switch (opt)
    {
    case OPT_COLUMNS:
      imp->columns = arg;
      return 1;
    case OPT_INPUT_FORMAT:
      imp->format = arg;
      return 1;
    case OPT_UNCORRECTED:
      imp->uncorrected = 1;
      return 1;
    case OPT_MAX_POINTS:
      {
        char *end;
        errno = 0;
        unsigned long long v = strtoull (arg, &end, 10);
        if (end == arg || *end != '\0' || errno || arg[0] == '-' || v < 2 || v > SIZE_MAX)
          {
            cli_error ("--max-points: \"%s\": expected a whole number of points, 2 or more", arg);
            return -1;
          }
        imp->max_points = (size_t) v;
        return 1;
      }
    case OPT_MAX_SIZE:
      if (cli_parse_size (arg, &imp->max_bytes) != 0)
        {
          cli_error ("--max-size: \"%s\": expected a size of 1 byte or more, such as 512M or 2G",
                     arg);
          return -1;
        }
      return 1;
    default:
      return 0;
    }
}

enum { OPT_FORCE = 900, OPT_PLOT };

static const struct option output_long_options[] = {
  { "format", required_argument, NULL, 'f' },
  { "output", required_argument, NULL, 'o' },
  { "force", no_argument, NULL, OPT_FORCE },
  { "plot", required_argument, NULL, OPT_PLOT },
};

void
cli_output_args_init (CliOutputArgs *o)
{
  o->format = CLI_FORMAT_TEXT;
  o->output = "-";
  o->output_given = 0;
  o->force = 0;
  o->plot = NULL;
}

int
cli_output_args_handle (CliOutputArgs *o, int opt, const char *arg)
{
  switch (opt)
    {
    case 'f':
      if (strcmp (arg, "text") == 0)
        o->format = CLI_FORMAT_TEXT;
      else if (strcmp (arg, "csv") == 0)
        o->format = CLI_FORMAT_CSV;
      else if (strcmp (arg, "json") == 0)
        o->format = CLI_FORMAT_JSON;
      else
        {
          cli_error ("--format: \"%s\": expected text, csv or json", arg);
          return -1;
        }
      return 1;
    case 'o':
      if (o->output_given && strcmp (o->output, arg) != 0)
        {
          cli_error ("-o given twice (%s and %s): one report file per run", o->output, arg);
          return -1;
        }
      o->output = arg;
      o->output_given = 1;
      return 1;
    case OPT_FORCE:
      o->force = 1;
      return 1;
    case OPT_PLOT:
      if (o->plot && strcmp (o->plot, arg) != 0)
        {
          cli_error ("--plot given twice (%s and %s): one figure per run (its extension, .png, "
                     ".svg or .pdf, picks the format)", o->plot, arg);
          return -1;
        }
      o->plot = arg;
      return 1;
    default:
      return 0;
    }
}

enum { OPT_FMIN = 970, OPT_FMAX, OPT_EXCLUDE, OPT_EXCLUDE_POINTS };

static const struct option range_long_options[] = {
  { "fmin", required_argument, NULL, OPT_FMIN },
  { "fmax", required_argument, NULL, OPT_FMAX },
  { "exclude", required_argument, NULL, OPT_EXCLUDE },
  { "exclude-points", required_argument, NULL, OPT_EXCLUDE_POINTS },
};

const char cli_range_options_help[] =
  "Points used (the fit and the Kramers-Kronig check alike):\n"
  "      --fmin F, --fmax F only frequencies in [F, F] (Hz)\n"
  "      --exclude F1:F2    leave out the frequencies from F1 to F2 Hz (repeatable)\n"
  "      --exclude-points I,J,...  leave out these points (numbered from 1 in order of\n"
  "                         ascending frequency; the report lists what was left out)\n";

/* Why the number at the start of TEXT[0..len) cannot be used, or "" when it can (or is no
 * number): beyond the range of double, below its smallest normal value (the fit would compute
 * with lost digits: 1e-320), or not finite. */
static const char *
number_trouble (const char *text, size_t len)
{
  char buf[64];
  if (len == 0 || len >= sizeof buf)
    return "";
  memcpy (buf, text, len);
  buf[len] = '\0';
  char *end;
  errno = 0;
  double v = eis_strtod (buf, &end);
  if (end == buf)
    return "";
  if (isnan (v))
    return " (not a number)";
  if (isinf (v) || (errno == ERANGE && fabs (v) > 1))
    return " (beyond 1.8e308, the largest number)";
  if (errno == ERANGE || (v != 0 && fabs (v) < DBL_MIN))
    return " (below 2.2e-308, too small to compute with: write 0 if zero is meant)";
  return "";
}

static int
parse_number (const char *s, size_t len, double *out)
{
  char buf[64];
  if (len == 0 || len >= sizeof buf)
    return -1;
  memcpy (buf, s, len);
  buf[len] = '\0';
  double v;
  /* decimal only (eis_number_parse_all: no "0x1p-10", "inf", "nan" or trailing junk) */
  errno = 0;
  if (eis_number_parse_all (buf, &v) != 0 || errno == ERANGE || (v != 0 && fabs (v) < DBL_MIN))
    return -1;
  *out = v;
  return 0;
}

/* A positive finite frequency [Hz] from TEXT[0..len). */
static int
parse_freq (const char *text, size_t len, double *out)
{
  double v;
  if (parse_number (text, len, &v) != 0 || !(v > 0))
    return -1;
  *out = v;
  return 0;
}

int
cli_range_args_handle (CliRange *r, int opt, const char *arg)
{
  switch (opt)
    {
    case OPT_FMIN:
    case OPT_FMAX:
      if (parse_freq (arg, strlen (arg), opt == OPT_FMIN ? &r->f_min_hz : &r->f_max_hz) != 0)
        {
          cli_error ("--%s: \"%s\": expected a positive frequency in Hz%s",
                     opt == OPT_FMIN ? "fmin" : "fmax", arg, number_trouble (arg, strlen (arg)));
          return -1;
        }
      return 1;
    case OPT_EXCLUDE:
      {
        const char *colon = strchr (arg, ':');
        EisFreqRange fr;
        if (colon == NULL || parse_freq (arg, (size_t) (colon - arg), &fr.lo_hz) != 0
            || parse_freq (colon + 1, strlen (colon + 1), &fr.hi_hz) != 0)
          {
            cli_error ("--exclude: \"%s\": expected F1:F2, two positive frequencies in Hz "
                       "(e.g. 1e6:1e7)%s", arg,
                       colon ? (*number_trouble (arg, (size_t) (colon - arg))
                                ? number_trouble (arg, (size_t) (colon - arg))
                                : number_trouble (colon + 1, strlen (colon + 1))) : "");
            return -1;
          }
        if (fr.lo_hz > fr.hi_hz)
          {
            double t = fr.lo_hz;
            fr.lo_hz = fr.hi_hz;
            fr.hi_hz = t;
          }
        if (r->n_exclude == CLI_MAX_EXCLUDE)
          {
            cli_error ("--exclude: more than %d ranges", CLI_MAX_EXCLUDE);
            return -1;
          }
        r->exclude[r->n_exclude++] = fr;
        return 1;
      }
    case OPT_EXCLUDE_POINTS:
      for (const char *p = arg; *p;)
        {
          char *end;
          errno = 0;
          long v = strtol (p, &end, 10);
          if (end == p || errno || v < 1 || (*end && *end != ','))
            {
              cli_error ("--exclude-points: \"%s\": expected point numbers from 1, separated "
                         "by commas (e.g. 3,17,40)", arg);
              return -1;
            }
          if (r->n_points == CLI_MAX_EXCLUDE_POINTS)
            {
              cli_error ("--exclude-points: more than %d points", CLI_MAX_EXCLUDE_POINTS);
              return -1;
            }
          r->points[r->n_points++] = (size_t) v;
          p = *end ? end + 1 : end;
        }
      return 1;
    default:
      return 0;
    }
}

void
cli_range_apply (const CliRange *r, EisFitOptions *o)
{
  o->f_min_hz = r->f_min_hz;
  o->f_max_hz = r->f_max_hz;
  o->exclude = r->n_exclude ? r->exclude : NULL;
  o->n_exclude = r->n_exclude;
  o->exclude_points = r->n_points ? r->points : NULL;
  o->n_exclude_points = r->n_points;
}

void
cli_range_describe (const CliRange *r, char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
#define ADD(...) do { if (used < len) { int w_ = snprintf (buf + used, len - used, __VA_ARGS__); \
                                        used += w_ > 0 ? (size_t) w_ : 0; } } while (0)
  if (r->f_min_hz > 0)
    ADD ("below %g Hz", r->f_min_hz);
  if (r->f_max_hz > 0)
    ADD ("%sabove %g Hz", used ? ", " : "", r->f_max_hz);
  for (size_t k = 0; k < r->n_exclude; k++)
    ADD ("%s%g to %g Hz", used ? ", " : "", r->exclude[k].lo_hz, r->exclude[k].hi_hz);
  if (r->n_points)
    {
      ADD ("%spoint%s", used ? ", " : "", r->n_points > 1 ? "s" : "");
      for (size_t k = 0; k < r->n_points; k++)
        ADD ("%s%zu", k ? "," : " ", r->points[k]);
    }
#undef ADD
  if (used >= len && len > 4)
    memcpy (buf + len - 4, "...", 4);
}

struct option *
cli_options_merge (const struct option *own, size_t n_own, int groups)
{
  size_t n_out = groups & CLI_OPTS_OUTPUT ? sizeof output_long_options / sizeof output_long_options[0] : 0;
  size_t n_in = groups & CLI_OPTS_INPUT ? sizeof input_long_options / sizeof input_long_options[0] : 0;
  size_t n_fit = groups & CLI_OPTS_FIT ? cli_fit_n_long_options : 0;
  size_t n_rng = groups & (CLI_OPTS_FIT | CLI_OPTS_RANGE)
                 ? sizeof range_long_options / sizeof range_long_options[0] : 0;
  struct option *opts = calloc (n_own + n_out + n_in + n_fit + n_rng + 1, sizeof *opts);
  if (opts == NULL)
    {
      cli_error ("out of memory");
      exit (EXIT_INTERNAL);
    }
  memcpy (opts, own, n_own * sizeof *opts);
  memcpy (opts + n_own, output_long_options, n_out * sizeof *opts);
  memcpy (opts + n_own + n_out, input_long_options, n_in * sizeof *opts);
  memcpy (opts + n_own + n_out + n_in, cli_fit_long_options, n_fit * sizeof *opts);
  memcpy (opts + n_own + n_out + n_in + n_fit, range_long_options, n_rng * sizeof *opts);
  return opts;
}

enum {
  OPT_CIRCUIT = 1000, OPT_INIT, OPT_FIX, OPT_BOUNDS, OPT_WEIGHTING, OPT_THICKNESS,
  OPT_DIAMETER, OPT_AREA, OPT_STARTS, OPT_MAXITER, OPT_SEED, OPT_GEODESIC, OPT_CELL,
  OPT_LEADS
};


const struct option cli_fit_long_options[] = {
  { "circuit", required_argument, NULL, OPT_CIRCUIT },
  { "init", required_argument, NULL, OPT_INIT },
  { "fix", required_argument, NULL, OPT_FIX },
  { "bounds", required_argument, NULL, OPT_BOUNDS },
  { "weighting", required_argument, NULL, OPT_WEIGHTING },
  { "thickness", required_argument, NULL, OPT_THICKNESS },
  { "diameter", required_argument, NULL, OPT_DIAMETER },
  { "area", required_argument, NULL, OPT_AREA },
  { "cell", required_argument, NULL, OPT_CELL },
  { "leads", required_argument, NULL, OPT_LEADS },
  { "starts", required_argument, NULL, OPT_STARTS },
  { "max-iter", required_argument, NULL, OPT_MAXITER },
  { "seed", required_argument, NULL, OPT_SEED },
  { "geodesic", no_argument, NULL, OPT_GEODESIC },
};
const size_t cli_fit_n_long_options = sizeof cli_fit_long_options / sizeof cli_fit_long_options[0];

const char cli_fit_options_help[] =
  "Fitting:\n"
  "  -c, --circuit TEXT     equivalent circuit, impedance.py style (R0-p(R1,CPE1)-CPE2)\n"
  "                         or Boukamp CDC (R(RQ)Q); default: pick a pellet model by BIC\n"
  "      --init NAME=V[,NAME=V...]   starting values by parameter name\n"
  "      --fix NAME[=V][,...]        hold parameters fixed (at V, or at the --init value)\n"
  "      --bounds NAME=LO:HI[,...]   bounds (either side may be empty)\n"
  "      --weighting W      proportional (default, 1/|Z|^2), modulus (1/|Z|), unit,\n"
  "                         component (1/Z'^2, 1/Z''^2)\n"
  "      --starts N         number of starting points tried (default 6)\n"
  "      --max-iter N       iterations per start (default 200)\n"
  "      --seed N           seed of the perturbed starts\n"
  "      --geodesic         Levenberg-Marquardt with geodesic acceleration\n"
  "Geometry (for the conductivity):\n"
  "      --thickness L      pellet thickness: 0.6mm, 600um, 0.06cm (+-0.01mm for its error)\n"
  "      --diameter D       electrode diameter: 10mm\n"
  "      --area A           electrode area: 0.785cm2, 78.5mm2\n"
  "      --leads R          lead resistance measured apart (short circuit): 0.8ohm,\n"
  "                         0.8ohm+-0.05ohm; subtracted from a high-frequency intercept\n"
  "                         taken as R_bulk\n"
  "      --cell TYPE        blocking (pellet), liquid (between blocking electrodes) or\n"
  "                         li-symmetric (Li|electrolyte|Li: R_interface and the ASR per\n"
  "                         interface, R_int A / 2)\n";

void
cli_fit_args_init (CliFitArgs *a)
{
  memset (a, 0, sizeof *a);
  eis_fit_options_init (&a->fit);
  a->geom.thickness_cm = a->geom.area_cm2 = NAN;
  a->geom.thickness_se_cm = a->geom.area_se_cm2 = 0;
  cli_input_args_init (&a->import);
  a->import.max_points = EIS_IMPORT_FIT_MAX_POINTS;
}

int
cli_parse_size (const char *text, size_t *bytes)
{
  char *end;
  errno = 0;
  double v = eis_strtod (text, &end);
  if (end == text || errno || !(v > 0))
    return -1;
  double mult = 1;
  switch (*end)
    {
    case 'k': case 'K': mult = 1024.0; end++; break;
    case 'm': case 'M': mult = 1024.0 * 1024; end++; break;
    case 'g': case 'G': mult = 1024.0 * 1024 * 1024; end++; break;
    default: break;
    }
  if (*end == 'B' || *end == 'b')
    end++;
  if (*end || v * mult > 1e18 || v * mult < 1)   /* below 1 byte would mean "no limit" */
    return -1;
  *bytes = (size_t) (v * mult);
  return 0;
}

static CliParamSetting *
setting (CliFitArgs *a, const char *name, size_t len)
{
  if (len == 0 || len >= sizeof a->settings[0].name)
    return NULL;
  for (size_t i = 0; i < a->n_settings; i++)
    if (strlen (a->settings[i].name) == len && strncmp (a->settings[i].name, name, len) == 0)
      return &a->settings[i];
  if (a->n_settings == CLI_MAX_SETTINGS)
    return NULL;
  CliParamSetting *s = &a->settings[a->n_settings++];
  memcpy (s->name, name, len);
  s->name[len] = '\0';
  s->value = s->lo = s->hi = NAN;
  return s;
}

/* "NAME=V,NAME=V" / "NAME[=V]" / "NAME=LO:HI" lists. */
static int
parse_settings (CliFitArgs *a, int opt, const char *text, const char *optname)
{
  const char *p = text;
  while (*p)
    {
      const char *end = strchr (p, ',');
      size_t len = end ? (size_t) (end - p) : strlen (p);
      const char *eq = memchr (p, '=', len);
      size_t nlen = eq ? (size_t) (eq - p) : len;
      CliParamSetting *s = setting (a, p, nlen);
      if (s == NULL)
        {
          cli_error ("--%s: \"%.*s\": expected a parameter name", optname, (int) len, p);
          return -1;
        }
      const char *val = eq ? eq + 1 : NULL;
      size_t vlen = eq ? len - nlen - 1 : 0;
      if (opt == OPT_INIT || (opt == OPT_FIX && val))
        {
          double prev = s->value;
          if (val == NULL || parse_number (val, vlen, &s->value) != 0)
            {
              cli_error ("--%s: \"%.*s\": expected NAME=NUMBER%s", optname, (int) len, p,
                         val ? number_trouble (val, vlen) : "");
              return -1;
            }
          /* --fix R0=1 --fix R0=2 (or --init R0=1 --fix R0=2) took the last without a word */
          if (!isnan (prev) && prev != s->value)
            {
              cli_error ("--%s: %s = %g, but %s = %g was given before: give one value",
                         optname, s->name, s->value, s->name, prev);
              return -1;
            }
        }
      if (opt == OPT_FIX)
        s->fixed = 1;
      if (opt == OPT_BOUNDS)
        {
          const char *colon = val ? memchr (val, ':', vlen) : NULL;
          if (colon == NULL)
            {
              cli_error ("--bounds: \"%.*s\": expected NAME=LOW:HIGH (either may be empty)",
                         (int) len, p);
              return -1;
            }
          size_t l1 = (size_t) (colon - val), l2 = vlen - l1 - 1;
          double plo = s->lo, phi = s->hi;
          if ((l1 && parse_number (val, l1, &s->lo) != 0)
              || (l2 && parse_number (colon + 1, l2, &s->hi) != 0))
            {
              const char *why = l1 ? number_trouble (val, l1) : "";
              cli_error ("--bounds: \"%.*s\": expected numbers in NAME=LOW:HIGH%s", (int) len,
                         p, *why ? why : l2 ? number_trouble (colon + 1, l2) : "");
              return -1;
            }
          if ((!isnan (plo) && plo != s->lo) || (!isnan (phi) && phi != s->hi))
            {
              cli_error ("--bounds: \"%.*s\": bounds for %s were given before (%g:%g): give "
                         "them once", (int) len, p, s->name, plo, phi);
              return -1;
            }
        }
      p = end ? end + 1 : p + len;
    }
  return 0;
}

/* "10+-0.1mm": the unit on one side only (eis_parse_length_cm refuses it). */
static int
one_side_unit (const char *opt, const char *arg, int st)
{
  if (st != EIS_PARSE_UNIT_ONE_SIDE)
    return 0;
  cli_error ("%s: \"%s\": the value and its uncertainty are in different units, one of them "
             "bare (read as %s): write the unit on both, e.g. %s", opt, arg,
             strcmp (opt, "--area") == 0 ? "cm2" : strcmp (opt, "--leads") == 0 ? "Ohm" : "cm",
             strcmp (opt, "--area") == 0 ? "78.5mm2+-0.5mm2"
             : strcmp (opt, "--leads") == 0 ? "800mohm+-50mohm"
             : strcmp (opt, "--thickness") == 0 ? "0.6mm+-0.01mm" : "10mm+-0.1mm");
  return 1;
}

/* A geometry value without a unit is read as cm (or cm2): say so, since "0.6" meant as mm is a
 * tenfold error in sigma; and question a value outside [LO, HI] (cm or cm2) for a pellet. */
static void
check_length (const char *opt, const char *arg, double v, double lo, double hi)
{
  int area = strcmp (opt, "--area") == 0;
  char warning[600];
  if (eis_geometry_no_unit_warning (opt, arg, area, warning, sizeof warning))
    cli_warning ("%s", warning);
  else if (v < lo || v > hi)
    cli_warning ("%s %s is %.4g %s: unusual for a pellet; check the unit", opt, arg, v,
                 area ? "cm2" : "cm");
}

static int
parse_count (const char *text, const char *opt, long max, int *out)
{
  char *end;
  errno = 0;
  long v = strtol (text, &end, 10);
  if (*end || end == text || errno || v < 1 || v > max)
    {
      cli_error ("--%s: \"%s\": expected a whole number from 1 to %ld", opt, text, max);
      return -1;
    }
  *out = (int) v;
  return 0;
}

int
cli_fit_args_handle (CliFitArgs *a, int opt, const char *arg)
{
  switch (opt)
    {
    case 'c':
    case OPT_CIRCUIT:
      for (size_t i = 0; i < a->n_circuits; i++)
        if (strcmp (a->circuits[i], arg) == 0)
          return 1;
      if (a->n_circuits == CLI_MAX_CIRCUITS)
        {
          cli_error ("--circuit: more than %d circuits to compare", CLI_MAX_CIRCUITS);
          return -1;
        }
      a->circuits[a->n_circuits++] = arg;
      a->circuit = a->circuits[0];
      return 1;
    case OPT_INIT:
      return parse_settings (a, opt, arg, "init") ? -1 : 1;
    case OPT_FIX:
      return parse_settings (a, opt, arg, "fix") ? -1 : 1;
    case OPT_BOUNDS:
      return parse_settings (a, opt, arg, "bounds") ? -1 : 1;
    case OPT_WEIGHTING:
      {
        int w = eis_weighting_parse (arg);
        if (w < 0)
          {
            cli_error ("--weighting: \"%s\": expected proportional, modulus, unit or component", arg);
            return -1;
          }
        a->fit.weighting = (EisWeighting) w;
        a->have_weighting = 1;
        return 1;
      }
    case OPT_LEADS:
      {
      int st = eis_parse_resistance_ohm (arg, &a->geom.leads_ohm, &a->geom.leads_se_ohm);
      if (one_side_unit ("--leads", arg, st))
        return -1;
      if (st != 0)
        {
          cli_error ("--leads: \"%s\": expected a resistance such as 0.8ohm, 800mohm or "
                     "0.8ohm+-0.05ohm", arg);
          return -1;
        }
      a->have_leads = 1;
      return 1;
      }
    case OPT_THICKNESS:
      {
      int st = eis_parse_length_cm (arg, &a->geom.thickness_cm, &a->geom.thickness_se_cm);
      if (one_side_unit ("--thickness", arg, st))
        return -1;
      if (st == -1)
        {
          cli_error ("--thickness: \"%s\": expected a length such as 0.6mm, 600um or 0.06cm", arg);
          return -1;
        }
      if (a->geom.thickness_cm < EIS_LENGTH_MIN_CM)
        {
          cli_error ("--thickness: \"%s\" is thinner than 1 nm: no sample is (a unit slip?)",
                     arg);
          return -1;
        }
      check_length ("--thickness", arg, a->geom.thickness_cm, 1e-4, 2);
      a->have_thickness = 1;
      return 1;
      }
    case OPT_DIAMETER:
      {
        double d, se;
        int st = eis_parse_length_cm (arg, &d, &se);
        if (one_side_unit ("--diameter", arg, st))
          return -1;
        if (st == -1)
          {
            cli_error ("--diameter: \"%s\": expected a length such as 10mm or 1.0cm", arg);
            return -1;
          }
        if (d < EIS_LENGTH_MIN_CM)
          {
            cli_error ("--diameter: \"%s\" is smaller than 1 nm: no electrode is (a unit "
                       "slip?)", arg);
            return -1;
          }
        check_length ("--diameter", arg, d, 0.01, 10);
        if (a->have_area)
          {
            cli_error ("--diameter and --area both given: use one");
            return -1;
          }
        a->geom.area_cm2 = M_PI * d * d / 4;
        if (!isfinite (a->geom.area_cm2) || !(a->geom.area_cm2 > 0))
          {
            cli_error ("--diameter: \"%s\": gives no finite electrode area", arg);
            return -1;
          }
        a->geom.area_se_cm2 = M_PI * d * se / 2;   /* dA = (pi d / 2) dd */
        a->have_area = 1;
        return 1;
      }
    case OPT_AREA:
      if (a->have_area)
        {
          cli_error ("--diameter and --area both given: use one");
          return -1;
        }
      {
      int st = eis_parse_area_cm2 (arg, &a->geom.area_cm2, &a->geom.area_se_cm2);
      if (one_side_unit ("--area", arg, st))
        return -1;
      if (st == -1)
        {
          cli_error ("--area: \"%s\": expected an area such as 0.785cm2 or 78.5mm2", arg);
          return -1;
        }
      if (a->geom.area_cm2 < EIS_AREA_MIN_CM2)
        {
          cli_error ("--area: \"%s\" is smaller than 1 nm2: no electrode is (a unit slip?)",
                     arg);
          return -1;
        }
      check_length ("--area", arg, a->geom.area_cm2, 1e-4, 80);
      a->have_area = 1;
      return 1;
      }
    case OPT_CELL:
      {
        int c = eis_cell_parse (arg);
        if (c < 0 || !*arg)
          {
            cli_error ("--cell: \"%s\": expected blocking, li-symmetric or liquid", arg);
            return -1;
          }
        a->cell = (EisCellType) c;
        return 1;
      }
    case OPT_STARTS:
      return parse_count (arg, "starts", 1000, &a->fit.n_starts) ? -1 : 1;
    case OPT_MAXITER:
      return parse_count (arg, "max-iter", 100000, &a->fit.max_iter) ? -1 : 1;
    case OPT_SEED:
      {
        char *end;
        errno = 0;
        unsigned long v = strtoul (arg, &end, 10);
        if (*end || end == arg || errno)
          {
            cli_error ("--seed: \"%s\": expected a whole number", arg);
            return -1;
          }
        a->fit.seed = v;
        return 1;
      }
    case OPT_GEODESIC:
      a->fit.geodesic = 1;
      return 1;
    default:
      {
        int h = cli_range_args_handle (&a->range, opt, arg);
        return h ? h : cli_input_args_handle (&a->import, opt, arg);
      }
    }
}

int
cli_fit_args_finish (CliFitArgs *a)
{
  /* the area alone gives the ASR per interface of a Li|Li cell; sigma needs both */
  if (a->have_thickness && !a->have_area)
    {
      cli_error ("--thickness needs the electrode size too: --diameter or --area");
      return -1;
    }
  if (a->have_leads && !a->have_area)
    {
      cli_error ("--leads corrects R_bulk and sigma: give the geometry too (--thickness and "
                 "--diameter or --area)");
      return -1;
    }
  if (a->range.f_min_hz > 0 && a->range.f_max_hz > 0 && a->range.f_min_hz >= a->range.f_max_hz)
    {
      cli_error ("--fmin must be below --fmax");
      return -1;
    }
  return 0;
}

void
cli_fit_outcome_clear (CliFitOutcome *o)
{
  eis_circuit_free (o->circuit);
  eis_fit_result_free (o->fit);
  memset (o, 0, sizeof *o);
}

int
cli_fit_args_set_geometry (CliFitArgs *a, const char *thickness, const char *diameter,
                           const char *area)
{
  a->have_thickness = a->have_area = 0;
  a->geom.thickness_cm = a->geom.area_cm2 = NAN;
  a->geom.thickness_se_cm = a->geom.area_se_cm2 = 0;
  if (thickness && *thickness && cli_fit_args_handle (a, OPT_THICKNESS, thickness) < 0)
    return -1;
  /* an area typed wins over a diameter, as in eisfit-gtk */
  if (area && *area)
    return cli_fit_args_handle (a, OPT_AREA, area) < 0 ? -1 : 0;
  if (diameter && *diameter)
    return cli_fit_args_handle (a, OPT_DIAMETER, diameter) < 0 ? -1 : 0;
  return 0;
}

int
cli_fit_spectrum (const CliFitArgs *a, const EisSpectrum *s, CliFitOutcome *out, EisError *err)
{
  return cli_fit_spectrum_circuit (a, a->circuit, s, out, err);
}

int
cli_fit_spectrum_circuit (const CliFitArgs *a, const char *text, const EisSpectrum *s,
                          CliFitOutcome *out, EisError *err)
{
  memset (out, 0, sizeof *out);
  int status;
  EisFitOptions fo = a->fit;
  cli_range_apply (&a->range, &fo);
  fo.li_symmetric = a->cell == EIS_CELL_LI_SYMMETRIC;
  if ((status = eis_fit_points_check (&fo, s, err)) != EIS_OK)
    return status;
  /* A negative resistance everywhere or noise: refused, not fitted (man eisfit, LIMITS). */
  {
    EisSpectrum *used = eis_fit_used_points (s, &fo);
    if (used == NULL)
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    status = eis_spectrum_check_analysable (used, err);
    eis_spectrum_free (used);
    if (status != EIS_OK)
      return status;
  }
  if (text == NULL)
    {
      if (a->n_settings > 0)
        return eis_error_set (err, EIS_ERR_INVALID,
                              "--init/--fix/--bounds name parameters: give the circuit with --circuit");
      status = eis_fit_auto (s, &fo, &out->circuit, &out->fit, out->why, sizeof out->why, err);
      if (status)
        return status;
    }
  else
    {
      EisCircuitSettings inl;
      if ((status = eis_circuit_parse_inline (text, &out->circuit, &inl, err)) != EIS_OK)
        {
          /* a long circuit is named by its start: the message quotes the place itself */
          size_t cut = strlen (text) > 60 ? 40 : strlen (text);
          while (cut > 0 && ((unsigned char) text[cut] & 0xC0) == 0x80)
            cut--;
          eis_error_prefix (err, "--circuit \"%.*s%s\": ", (int) cut, text,
                            text[cut] ? "..." : "");
          return status;
        }
      size_t P = eis_circuit_n_params (out->circuit);
      double *init = malloc (P * sizeof *init), *lo = malloc (P * sizeof *lo);
      double *hi = malloc (P * sizeof *hi);
      int *fixed = calloc (P, sizeof *fixed);
      if (!init || !lo || !hi || !fixed)
        {
          free (init), free (lo), free (hi), free (fixed);
          eis_circuit_settings_clear (&inl);
          cli_fit_outcome_clear (out);
          return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
        }
      /* What the circuit text says, then --init/--fix/--bounds over it. */
      for (size_t k = 0; k < P; k++)
        {
          init[k] = inl.init ? inl.init[k] : NAN;
          lo[k] = inl.lower ? inl.lower[k] : NAN;
          hi[k] = inl.upper ? inl.upper[k] : NAN;
          fixed[k] = inl.fixed ? inl.fixed[k] : 0;
        }
      eis_circuit_settings_clear (&inl);
      status = EIS_OK;
      for (size_t i = 0; i < a->n_settings && status == EIS_OK; i++)
        {
          const CliParamSetting *st = &a->settings[i];
          long k = eis_circuit_param_index (out->circuit, st->name);
          if (k < 0)
            {
              char names[512] = "";
              size_t used = 0;
              for (size_t j = 0; j < P && used < sizeof names; j++)
                used += (size_t) snprintf (names + used, sizeof names - used, "%s%s", j ? ", " : "",
                                           eis_circuit_param_name (out->circuit, j));
              status = eis_error_set (err, EIS_ERR_INVALID,
                                      "no parameter \"%s\" in %s (parameters: %s)", st->name,
                                      eis_circuit_text (out->circuit), names);
              break;
            }
          if (!isnan (st->value) && fixed[k] && init[k] != st->value)
            {
              status = eis_error_set (err, EIS_ERR_INVALID, "%s = %g, but the circuit text "
                                      "fixes it at %g: give one value", st->name, st->value,
                                      init[k]);
              break;
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
      for (size_t k = 0; k < P && status == EIS_OK; k++)
        if (fixed[k] && isfinite (init[k])
            && ((isfinite (lo[k]) && init[k] < lo[k]) || (isfinite (hi[k]) && init[k] > hi[k])))
          status = eis_error_set (err, EIS_ERR_INVALID, "%s is fixed at %g, outside its bounds "
                                  "%g:%g", eis_circuit_param_name (out->circuit, k), init[k],
                                  lo[k], hi[k]);
      if (status == EIS_OK)
        {
          EisFitOptions o = fo;
          o.init = init;
          o.fixed = fixed;
          o.lower = lo;
          o.upper = hi;
          status = eis_fit_run (out->circuit, s, &o, &out->fit, err);
        }
      free (init), free (lo), free (hi), free (fixed);
      if (status)
        {
          cli_fit_outcome_clear (out);
          return status;
        }
    }
  return cli_fit_outcome_finish (a, s, out, err);
}

int
cli_fit_outcome_finish (const CliFitArgs *a, const EisSpectrum *s, CliFitOutcome *out,
                        EisError *err)
{
  /* the area alone (thickness NAN) gives the ASR per interface; sigma needs both */
  const EisGeometry *geom = a->have_area ? &a->geom : NULL;
  EisFitOptions fo = a->fit;
  cli_range_apply (&a->range, &fo);
  int status = eis_conductivity_analyse_cell (out->circuit, out->fit, geom, a->cell, &out->cond,
                                              err);
  if (status)
    {
      cli_fit_outcome_clear (out);
      return status;
    }
  /* Z'' > 0 nearly everywhere: most likely a flipped imaginary column (tester 4's F12: a
   * -phase column was fitted as L0-p(R1,CPE1), "untrusted", with no word of the sign) */
  {
    EisSpectrum *used = eis_fit_used_points (s, &fo);
    char hint[sizeof out->cond.cautions[0]];
    if (used && eis_spectrum_inductive_hint (used, hint, sizeof hint))
      {
        size_t max = sizeof out->cond.cautions / sizeof out->cond.cautions[0];
        size_t k = out->cond.n_cautions < max ? out->cond.n_cautions++ : max - 1;
        snprintf (out->cond.cautions[k], sizeof out->cond.cautions[k], "%s", hint);
      }
    eis_spectrum_free (used);
  }
  return status;
}

/* (fit-args.h) --thickness 0.5mm --thickness 0.6mm took the last without a word. */
int
cli_option_repeated (const struct option *opts, int c, const char *arg, const char **seen)
{
  static const char *const adds[] = { "circuit", "init", "fix", "bounds", "exclude",
                                      "exclude-points", "output", "plot", "during", "shared" };
  const struct option *o = NULL;
  for (const struct option *p = opts; p->name; p++)
    if (p->val == c && p->has_arg == required_argument)
      {
        o = p;
        break;
      }
  if (!o || !arg)
    return 0;
  for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++)
    if (strcmp (adds[i], o->name) == 0)
      return 0;
  size_t k = (size_t) (o - opts);
  if (seen[k] && strcmp (seen[k], arg) != 0)
    {
      cli_error ("--%s given twice (%s and %s): give it once", o->name, seen[k], arg);
      return 1;
    }
  seen[k] = arg;
  return 0;
}

const char **
cli_option_seen_new (const struct option *opts)
{
  size_t n = 0;
  if (opts == NULL)
    return NULL;
  while (opts[n].name)
    n++;
  return calloc (n + 1, sizeof (const char *));
}

int
cli_parse_command_line (int argc, char **argv, const char *shortopts, const struct option *own,
                        size_t n_own, int groups, CliFitArgs *fit, CliOutputArgs *out,
                        EisImportOptions *imp, CliOptionFn own_fn, void *data,
                        const char *command)
{
  struct option *opts = cli_options_merge (own, n_own, groups);
  const char **seen = cli_option_seen_new (opts);
  int c, result = 0;
  optind = 1;
  if (!seen)
    {
      cli_error ("out of memory");
      result = EXIT_USAGE;
    }
  while (result == 0 && (c = getopt_long (argc, argv, shortopts, opts, NULL)) != -1)
    {
      int h = 0;
      if (c != '?' && cli_option_repeated (opts, c, optarg, seen))
        {
          result = EXIT_USAGE;
          break;
        }
      if (groups & CLI_OPTS_FIT)
        h = cli_fit_args_handle (fit, c, optarg);
      else
        {
          if ((groups & CLI_OPTS_RANGE) && fit)
            h = cli_range_args_handle (&fit->range, c, optarg);
          if (h == 0 && (groups & CLI_OPTS_INPUT))
            h = cli_input_args_handle (imp, c, optarg);
        }
      if (h == 0 && (groups & CLI_OPTS_OUTPUT))
        h = cli_output_args_handle (out, c, optarg);
      if (h < 0)
        result = EXIT_USAGE;
      else if (h == 0)
        {
          int r = c == '?' ? CLI_OPT_BAD : own_fn (c, optarg, data);
          if (r == CLI_OPT_BAD)
            {
              if (c == '?')
                fprintf (stderr, "Try 'eisfit %s%s--help'.\n", command ? command : "",
                         command ? " " : "");
              result = EXIT_USAGE;
            }
          else if (r == CLI_OPT_DONE)
            result = -1;
        }
    }
  free (seen);
  free (opts);
  return result;
}
