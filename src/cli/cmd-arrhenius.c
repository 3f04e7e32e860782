/* `eisfit arrhenius FILE[@T]...`: fit each spectrum of a temperature series, take the bulk
 * and total conductivities and fit their temperature dependence: Arrhenius in the sigma and
 * sigma*T forms and, on request, Vogel-Tammann-Fulcher (see src/core/arrhenius.h). */
#include <config.h>
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "report.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "arrhenius.h"
#include "import.h"
#include "plot.h"
#include "temperature.h"

#define KELVIN_0C 273.15

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: eisfit arrhenius [OPTIONS] FILE[@TEMP]...\n"
           "Fit every spectrum of a temperature series, take sigma_bulk and sigma_total (the\n"
           "pellet geometry is required) and fit ln sigma = ln A - Ea/kT and ln sigma T =\n"
           "ln A - Ea/kT to both: Ea in eV with its standard error, ln A, R2 and sigma at 25 degC.\n"
           "Temperature of each file, first found: FILE@25C (or @298K, @-20C) on the command\n"
           "line, the --series manifest, the file's metadata, the file name (T25C, 25C, 298K,\n"
           "m20C).\n\n"
           "Analysis:\n"
           "      --form F           sigma (default) or sigmaT: the form reported first\n"
           "      --at T             interpolate sigma at T (default 25C; also 298.15K)\n"
           "      --vtf              also fit Vogel-Tammann-Fulcher (needs >= 4 points)\n"
           "      --series FILE      CSV manifest: columns file, temperature (degC) or T_K,\n"
           "                         optional thickness and area (as --thickness, --area);\n"
           "                         without FILE arguments, every file it lists is used\n\n"
           "%s%s%s"
           "Output:\n"
           "  -f, --format FMT       text (default), csv (one row per point) or json\n"
           "  -o, --output FILE      write there (atomically) instead of standard output\n"
           "      --force            replace an existing output file\n"
           "      --plot FILE        draw the Arrhenius plot to FILE.png/.svg/.pdf\n"
           "  -q, --quiet            no warnings on standard error\n"
           "  -j, --jobs N           fit on N threads (default: one per processor)\n"
           "  -h, --help             this help\n\n"
           "Exit status: 0 ok, 1 usage, 2 unreadable input or a file without temperature,\n"
           "3 a fit did not converge, 4 output not written, 5 internal error.\n",
           cli_fit_options_help, cli_range_options_help, cli_input_options_help);
}

/* "25C", "25degC", "25°C", "-20C", "298.15K"; a bare number takes DEFAULT_UNIT ('C', 'K',
 * or 0: refused). Returns 0 with *T_K set. */
static int
parse_temperature (const char *text, int default_unit, double *T_K)
{
  char *end;
  double x = strtod (text, &end);
  if (end == text || !isfinite (x))
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
  char *thickness, *area;   /* NULL when not given */
} ManifestRow;

typedef struct {
  size_t n;
  ManifestRow *rows;
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

/* Splits LINE at commas in place (double quotes group, "" is a quote); trims blanks. */
static size_t
split_csv (char *line, char **field, size_t max)
{
  size_t n = 0;
  char *p = line;
  while (n < max)
    {
      while (*p == ' ' || *p == '\t')
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
          while (*p && *p != ',')
            p++;
        }
      else
        {
          while (*p && *p != ',')
            *w++ = *p++;
          while (w > start && (w[-1] == ' ' || w[-1] == '\t' || w[-1] == '\r'))
            w--;
        }
      int more = *p == ',';
      *w = '\0';
      field[n++] = start;
      if (!more)
        break;
      p++;
    }
  return n;
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
  FILE *fp = fopen (path, "r");
  if (fp == NULL)
    {
      cli_error ("--series: %s: cannot open", path);
      return EXIT_INPUT;
    }
  static const char *const n_file[] = { "file", "filename", "path", NULL };
  static const char *const n_tc[] = { "temperature", "temperature_C", "temperature_degC",
                                      "T_C", "T_degC", "temp", "temp_C", "T", NULL };
  static const char *const n_tk[] = { "T_K", "temperature_K", "temp_K", NULL };
  static const char *const n_l[] = { "thickness", "thickness_cm", "L", NULL };
  static const char *const n_a[] = { "area", "area_cm2", "A", NULL };
  char line[4096];
  char *f[64];
  long c_file = -1, c_tc = -1, c_tk = -1, c_l = -1, c_a = -1;
  size_t lineno = 0;
  int rc = EXIT_OK;
  char dir[4096] = "";
  const char *slash = strrchr (path, '/');
  if (slash)
    snprintf (dir, sizeof dir, "%.*s/", (int) (slash - path), path);
  while (fgets (line, sizeof line, fp))
    {
      lineno++;
      line[strcspn (line, "\r\n")] = '\0';
      if (line[0] == '\0' || line[0] == '#')
        continue;
      size_t nf = split_csv (line, f, 64);
      if (c_file < 0)
        {
          for (size_t i = 0; i < nf; i++)
            {
              long *slot = column_is (f[i], n_file) ? &c_file : column_is (f[i], n_tc) ? &c_tc
                           : column_is (f[i], n_tk) ? &c_tk : column_is (f[i], n_l) ? &c_l
                           : column_is (f[i], n_a) ? &c_a : NULL;
              if (slot && *slot < 0)
                *slot = (long) i;
            }
          if (c_file < 0 || (c_tc < 0 && c_tk < 0))
            {
              cli_error ("--series: %s:%zu: expected a header with the columns file and "
                         "temperature (degC) or T_K", path, lineno);
              rc = EXIT_INPUT;
              break;
            }
          continue;
        }
      if ((size_t) c_file >= nf || f[c_file][0] == '\0')
        continue;
      ManifestRow row = { 0 };
      row.T_K = NAN;
      long ct = c_tk >= 0 ? c_tk : c_tc;
      if ((size_t) ct < nf && f[ct][0] != '\0'
          && parse_temperature (f[ct], c_tk >= 0 ? 'K' : 'C', &row.T_K) != 0)
        {
          cli_error ("--series: %s:%zu: \"%s\" is not a temperature", path, lineno, f[ct]);
          rc = EXIT_INPUT;
          break;
        }
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
  fclose (fp);
  return rc;
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

/* ---- points ---- */

typedef struct {
  char *file;
  int spectrum;
  double T_K;
  const char *T_source;   /* "command line", "series manifest", "metadata", "file name" */
  CliFitOutcome fit;
  int fitted;
  int used;               /* converged, with a bulk conductivity: a point of the regression */
  size_t order;           /* position on the command line */
} Point;

/* By temperature; the command line's order between equal temperatures. */
static int
point_cmp (const void *a, const void *b)
{
  const Point *p = a, *q = b;
  if (p->T_K != q->T_K)
    return p->T_K < q->T_K ? -1 : 1;
  return p->order < q->order ? -1 : p->order > q->order;
}

typedef struct {
  EisArrheniusFit fit[2];     /* [EisArrheniusForm] */
  int ok[2];
  EisVTFFit vtf;
  int vtf_ok;
  char vtf_why[1024];
  char why[2][1024];
} SeriesFit;

static void
fit_series (const double *T, const double *s, const double *se, size_t n, double T_ref,
            int vtf, SeriesFit *out)
{
  memset (out, 0, sizeof *out);
  for (int f = 0; f < 2; f++)
    {
      EisError err = { 0 };
      out->ok[f] = eis_arrhenius_fit (T, s, se, n, (EisArrheniusForm) f, T_ref, &out->fit[f],
                                      &err) == EIS_OK;
      if (!out->ok[f])
        snprintf (out->why[f], sizeof out->why[f], "%s", err.message);
    }
  if (vtf)
    {
      EisError err = { 0 };
      out->vtf_ok = eis_vtf_fit (T, s, se, n, T_ref, &out->vtf, &err) == EIS_OK;
      if (!out->vtf_ok)
        snprintf (out->vtf_why, sizeof out->vtf_why, "%s", err.message);
    }
}

static void
text_series (CliBuf *b, const char *what, const SeriesFit *sf, int first_form, double T_ref,
             int vtf)
{
  cli_buf_printf (b, "\n%s conductivity\n", what);
  cli_buf_printf (b, "  %-8s %-20s %-16s %-8s sigma(%.2f degC) S/cm\n", "form", "Ea eV",
                  "ln A", "R2", T_ref - KELVIN_0C);
  for (int k = 0; k < 2; k++)
    {
      int f = k == 0 ? first_form : 1 - first_form;
      const EisArrheniusFit *a = &sf->fit[f];
      if (!sf->ok[f])
        {
          cli_buf_printf (b, "  %-8s not fitted: %s\n",
                          eis_arrhenius_form_name ((EisArrheniusForm) f), sf->why[f]);
          continue;
        }
      char ea[64], la[64];
      if (isfinite (a->Ea_se_eV))
        snprintf (ea, sizeof ea, "%.4f +- %.4f", a->Ea_eV, a->Ea_se_eV);
      else
        snprintf (ea, sizeof ea, "%.4f (no error)", a->Ea_eV);
      if (isfinite (a->ln_A_se))
        snprintf (la, sizeof la, "%.3f +- %.3f", a->ln_A, a->ln_A_se);
      else
        snprintf (la, sizeof la, "%.3f", a->ln_A);
      cli_buf_printf (b, "  %-8s %-20s %-16s %-8.5f %.4e +- %.2e\n",
                      eis_arrhenius_form_name ((EisArrheniusForm) f), ea, la, a->r2,
                      a->sigma_ref, a->sigma_ref_se);
    }
  if (vtf)
    {
      if (!sf->vtf_ok)
        cli_buf_printf (b, "  VTF      not fitted: %s\n", sf->vtf_why);
      else
        {
          const EisVTFFit *v = &sf->vtf;
          char t0[64];
          if (isfinite (v->T0_se_K))
            snprintf (t0, sizeof t0, "T0 %.4g +- %.2g K", v->T0_K, v->T0_se_K);
          else
            snprintf (t0, sizeof t0, "T0 %.4g K (not determined)", v->T0_K);
          cli_buf_printf (b, "  VTF      Ea %.4f +- %.4f eV (B %.4g +- %.2g K), %s, "
                          "ln A %.3f, R2 %.5f, sigma %.4e S/cm%s\n", v->Ea_eV, v->Ea_se_eV,
                          v->B_K, v->B_se_K, t0, v->ln_A, v->r2, v->sigma_ref,
                          v->converged ? "" : " (not converged)");
          if (v->note[0])
            cli_buf_printf (b, "           (%s)\n", v->note);
        }
    }
}

static void
json_fit (CliBuf *b, const SeriesFit *sf, int f)
{
  const EisArrheniusFit *a = &sf->fit[f];
  if (!sf->ok[f])
    {
      cli_buf_printf (b, "null");
      return;
    }
  cli_buf_printf (b, "{\"form\": ");
  cli_buf_json_string (b, eis_arrhenius_form_name ((EisArrheniusForm) f));
  cli_buf_printf (b, ", \"Ea_eV\": ");
  cli_buf_json_number (b, a->Ea_eV);
  cli_buf_printf (b, ", \"Ea_stderr_eV\": ");
  cli_buf_json_number (b, a->Ea_se_eV);
  cli_buf_printf (b, ", \"ln_prefactor\": ");
  cli_buf_json_number (b, a->ln_A);
  cli_buf_printf (b, ", \"ln_prefactor_stderr\": ");
  cli_buf_json_number (b, a->ln_A_se);
  cli_buf_printf (b, ", \"r2\": ");
  cli_buf_json_number (b, a->r2);
  cli_buf_printf (b, ", \"sigma_at_25C\": ");
  cli_buf_json_number (b, eis_arrhenius_sigma_at (a, EIS_T_REF_DEFAULT_K));
  cli_buf_printf (b, ", \"T_ref_K\": ");
  cli_buf_json_number (b, a->T_ref_K);
  cli_buf_printf (b, ", \"sigma_at_ref\": ");
  cli_buf_json_number (b, a->sigma_ref);
  cli_buf_printf (b, ", \"sigma_at_ref_stderr\": ");
  cli_buf_json_number (b, a->sigma_ref_se);
  cli_buf_printf (b, ", \"weighted\": %s, \"n\": %zu}", a->weighted ? "true" : "false", a->n);
}

static void
json_vtf (CliBuf *b, const SeriesFit *sf, int vtf)
{
  if (!vtf || !sf->vtf_ok)
    {
      cli_buf_printf (b, "null");
      return;
    }
  const EisVTFFit *v = &sf->vtf;
  const char *k[] = { "A", "A_stderr", "ln_prefactor", "B_K", "B_stderr_K", "T0_K",
                      "T0_stderr_K", "Ea_eV", "Ea_stderr_eV", "r2", "sigma_at_ref" };
  double x[] = { v->A, v->A_se, v->ln_A, v->B_K, v->B_se_K, v->T0_K, v->T0_se_K, v->Ea_eV,
                 v->Ea_se_eV, v->r2, v->sigma_ref };
  cli_buf_printf (b, "{\"converged\": %s", v->converged ? "true" : "false");
  for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
    {
      cli_buf_printf (b, ", ");
      cli_buf_json_string (b, k[i]);
      cli_buf_printf (b, ": ");
      cli_buf_json_number (b, x[i]);
    }
  cli_buf_printf (b, "}");
}

static void
set_plot_series (EisPlotArrheniusSeries *p, const char *label, int color, size_t n,
                 const double *T, const double *s, const double *se, const SeriesFit *sf,
                 int form, int vtf)
{
  memset (p, 0, sizeof *p);
  p->n = n;
  p->temp_k = T;
  p->sigma = s;
  p->sigma_err = se;
  p->label = label;
  p->color = color;
  if (sf->ok[form])
    {
      p->has_fit = 1;
      p->ea_ev = sf->fit[form].Ea_eV;
      p->ea_err_ev = sf->fit[form].Ea_se_eV;
      p->ln_prefactor = sf->fit[form].ln_A;
    }
  if (vtf && sf->vtf_ok)
    {
      p->has_vtf = 1;
      p->vtf_a = sf->vtf.A;
      p->vtf_b_k = sf->vtf.B_K;
      p->vtf_t0_k = sf->vtf.T0_K;
    }
}

enum { OPT_FORM = 2000, OPT_AT, OPT_VTF, OPT_SERIES };

typedef struct {
  int first_form, vtf;
  double T_ref;
  const char *series;
  int jobs;
} ArrheniusState;

/* The fits of all spectra, shared by the worker threads (as in eisfit fit: each fit is
 * independent and seeded, so the results do not depend on the number of threads). */
typedef struct {
  const CliFitArgs *args;
  const EisSpectrum *s;
  CliFitOutcome *out;
  int status;
  EisError err;
} FitJob;

typedef struct {
  FitJob *job;
  size_t n, next;
  pthread_mutex_t lock;
} FitWork;

static void *
fit_worker (void *data)
{
  FitWork *w = data;
  for (;;)
    {
      pthread_mutex_lock (&w->lock);
      size_t i = w->next++;
      pthread_mutex_unlock (&w->lock);
      if (i >= w->n)
        return NULL;
      FitJob *j = &w->job[i];
      j->status = cli_fit_spectrum (j->args, j->s, j->out, &j->err);
    }
}

static void
fit_all (FitJob *job, size_t n, int jobs)
{
  FitWork w = { job, n, 0, PTHREAD_MUTEX_INITIALIZER };
  size_t nt = jobs < 1 ? 1 : (size_t) jobs;
  if (nt > n)
    nt = n;
  pthread_t *tid = cli_xmalloc ((nt ? nt : 1) * sizeof *tid);
  size_t started = 0;
  for (size_t t = 1; t < nt; t++)
    if (pthread_create (&tid[started], NULL, fit_worker, &w) == 0)
      started++;
  fit_worker (&w);
  for (size_t t = 0; t < started; t++)
    pthread_join (tid[t], NULL);
  free (tid);
}

static int
arrhenius_option (int opt, const char *arg, void *data)
{
  ArrheniusState *st = data;
  switch (opt)
    {
    case OPT_FORM:
      if (strcmp (arg, "sigma") == 0)
        st->first_form = EIS_ARRHENIUS_SIGMA;
      else if (strcmp (arg, "sigmaT") == 0)
        st->first_form = EIS_ARRHENIUS_SIGMA_T;
      else
        {
          cli_error ("--form: \"%s\": expected sigma or sigmaT", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_AT:
      if (parse_temperature (arg, 0, &st->T_ref) != 0)
        {
          cli_error ("--at: \"%s\": expected a temperature such as 25C or 298.15K", arg);
          return CLI_OPT_BAD;
        }
      return CLI_OPT_OK;
    case OPT_VTF:
      st->vtf = 1;
      return CLI_OPT_OK;
    case OPT_SERIES:
      st->series = arg;
      return CLI_OPT_OK;
    case 'q':
      cli_quiet = 1;
      return CLI_OPT_OK;
    case 'j':
      {
        char *end;
        long j = strtol (arg, &end, 10);
        if (*end || end == arg || j < 1 || j > 64)
          {
            cli_error ("--jobs: \"%s\": expected a whole number from 1 to 64", arg);
            return CLI_OPT_BAD;
          }
        st->jobs = (int) j;
        return CLI_OPT_OK;
      }
    case 'h':
      usage (stdout);
      return CLI_OPT_DONE;
    default:
      return CLI_OPT_BAD;
    }
}

int
eisfit_cmd_arrhenius (int argc, char **argv)
{
  CliFitArgs args;
  cli_fit_args_init (&args);
  static const struct option own[] = {
    { "form", required_argument, NULL, OPT_FORM },
    { "at", required_argument, NULL, OPT_AT },
    { "vtf", no_argument, NULL, OPT_VTF },
    { "series", required_argument, NULL, OPT_SERIES },
    { "quiet", no_argument, NULL, 'q' },
    { "jobs", required_argument, NULL, 'j' },
    { "help", no_argument, NULL, 'h' },
  };
  CliOutputArgs oa;
  cli_output_args_init (&oa);
  long ncpu = sysconf (_SC_NPROCESSORS_ONLN);
  ArrheniusState opt = { EIS_ARRHENIUS_SIGMA, 0, EIS_T_REF_DEFAULT_K, NULL,
                         ncpu < 1 ? 1 : ncpu > 64 ? 64 : (int) ncpu };
  int pr = cli_parse_command_line (argc, argv, "c:f:o:j:qh", own, sizeof own / sizeof own[0],
                                   CLI_OPTS_OUTPUT | CLI_OPTS_INPUT | CLI_OPTS_FIT, &args, &oa,
                                   NULL, arrhenius_option, &opt, "arrhenius");
  if (pr != 0)
    return pr < 0 ? EXIT_OK : pr;
  CliFormat format = oa.format;
  const char *output = oa.output, *plot = oa.plot, *series = opt.series;
  int force = oa.force, vtf = opt.vtf, first_form = opt.first_form;
  double T_ref = opt.T_ref;
  if (args.n_circuits > 1)
    {
      cli_error ("--circuit given %zu times: eisfit %s uses one circuit (compare circuits with "
                 "eisfit FILE -c A -c B)", args.n_circuits, "arrhenius");
      return EXIT_USAGE;
    }
  if (cli_fit_args_finish (&args) != 0)
    return EXIT_USAGE;

  Manifest man = { 0 };
  if (series)
    {
      int r = manifest_read (series, &man);
      if (r != EXIT_OK)
        return r;
    }

  /* The inputs: FILE[@T] arguments, or else every file of the manifest. */
  size_t n_in = optind < argc ? (size_t) (argc - optind) : man.n;
  if (n_in == 0)
    {
      cli_error ("no input file (try 'eisfit arrhenius --help')");
      manifest_free (&man);
      return EXIT_USAGE;
    }
  char **in_path = cli_xmalloc (n_in * sizeof *in_path);
  double *in_T = cli_xmalloc (n_in * sizeof *in_T);
  for (size_t i = 0; i < n_in; i++)
    {
      in_T[i] = NAN;
      if (optind < argc)
        {
          const char *arg = argv[optind + (int) i];
          const char *at = strrchr (arg, '@');
          double T;
          if (at && at > arg && parse_temperature (at + 1, 0, &T) == 0)
            {
              in_path[i] = cli_xstrdup (arg);
              in_path[i][at - arg] = '\0';
              in_T[i] = T;
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
                                 "above absolute zero)", arg, at + 1);
                      for (size_t j = 0; j < i; j++)
                        free (in_path[j]);
                      free (in_path);
                      free (in_T);
                      manifest_free (&man);
                      return EXIT_USAGE;
                    }
                }
              in_path[i] = cli_xstrdup (arg);
            }
        }
      else
        in_path[i] = cli_xstrdup (man.rows[i].path);
    }

  int rc = EXIT_OK;
  size_t n = 0, cap = 0;
  Point *pt = NULL;
  EisDataFile **files = cli_xmalloc (n_in * sizeof *files);
  CliBuf out = { 0 };

  if (cli_check_outputs (output, plot, (const char *const *) in_path, n_in) != 0)
    rc = EXIT_USAGE;   /* nothing is read; everything is freed below */

  /* Read every file and settle its temperature and geometry before any fitting. */
  CliFitArgs *fargs = cli_xmalloc (n_in * sizeof *fargs);
  for (size_t i = 0; i < n_in && rc == EXIT_OK; i++)
    {
      EisError err = { 0 };
      int ist = eis_import (in_path[i], &args.import, &files[i], &err);
      if (ist != EIS_OK)
        {
          cli_import_error (NULL, &err);
          rc = cli_exit_for_import (ist);
          break;
        }
      cli_import_warnings (in_path[i], files[i]);
      if (files[i]->n_spectra == 0)
        {
          cli_error ("%s: no impedance spectrum in this file", in_path[i]);
          rc = EXIT_INPUT;
          break;
        }
      const ManifestRow *row = series ? manifest_find (&man, in_path[i]) : NULL;
      fargs[i] = args;
      if (row && row->thickness)
        {
          if (cli_parse_length_cm (row->thickness, &fargs[i].geom.thickness_cm,
                                   &fargs[i].geom.thickness_se_cm) != 0)
            {
              cli_error ("--series: %s: thickness \"%s\": expected a length such as 0.6mm",
                         row->file, row->thickness);
              rc = EXIT_INPUT;
              break;
            }
          fargs[i].have_thickness = 1;
        }
      if (row && row->area)
        {
          if (cli_parse_area_cm2 (row->area, &fargs[i].geom.area_cm2,
                                  &fargs[i].geom.area_se_cm2) != 0)
            {
              cli_error ("--series: %s: area \"%s\": expected an area such as 0.785cm2",
                         row->file, row->area);
              rc = EXIT_INPUT;
              break;
            }
          fargs[i].have_area = 1;
        }
      if (!fargs[i].have_thickness || !fargs[i].have_area)
        {
          cli_error ("%s: the conductivity needs the sample geometry: give --thickness and "
                     "--diameter (or --area), or thickness and area columns in --series",
                     in_path[i]);
          rc = EXIT_USAGE;
          break;
        }
      for (size_t k = 0; k < files[i]->n_spectra; k++)
        {
          const EisSpectrum *s = files[i]->spectra[k];
          double T = NAN;
          const char *src = NULL;
          if (isfinite (in_T[i]))
            T = in_T[i], src = "command line";
          else if (row && isfinite (row->T_K))
            T = row->T_K, src = "series manifest";
          else
            {
              int st;
              T = cli_spectrum_temperature (s, in_path[i], &src, &st);
              if (!src[0])
                {
                  cli_error ("%s: no temperature for this file%s: append it (%s@25C), list it "
                             "in --series, or put it in the name (..._25C.csv)", in_path[i],
                             st == EIS_TEMPERATURE_AMBIGUOUS
                             ? " (its name holds two different temperatures)" : "",
                             in_path[i]);
                  rc = EXIT_INPUT;
                  break;
                }
            }
          if (n == cap)
            {
              cap = cap ? 2 * cap : 16;
              Point *np = realloc (pt, cap * sizeof *pt);
              if (np == NULL)
                exit (EXIT_INTERNAL);
              pt = np;
            }
          Point *p = &pt[n];
          memset (p, 0, sizeof *p);
          p->order = n++;
          p->file = cli_xstrdup (in_path[i]);
          p->spectrum = (int) k + 1;
          p->T_K = T;
          p->T_source = src;
        }
    }

  /* Fit each spectrum (on opt.jobs threads), then report in order. */
  size_t np = 0;
  if (rc == EXIT_OK)
    {
      FitJob *job = cli_xmalloc ((n ? n : 1) * sizeof *job);
      size_t pi = 0;
      for (size_t i = 0; i < n_in; i++)
        for (size_t k = 0; k < files[i]->n_spectra; k++, pi++)
          job[pi] = (FitJob) { &fargs[i], files[i]->spectra[k], &pt[pi].fit, 0, { 0 } };
      fit_all (job, pi, opt.jobs);
      pi = 0;
      for (size_t i = 0; i < n_in; i++)
        for (size_t k = 0; k < files[i]->n_spectra; k++, pi++)
          {
            Point *p = &pt[pi];
            EisError err = job[pi].err;
            int st = job[pi].status;
            if (st != EIS_OK)
              {
                cli_error ("%s: %s", p->file, err.message);
                int r = st == EIS_ERR_NOMEM ? EXIT_INTERNAL
                        : st == EIS_ERR_INVALID || st == EIS_ERR_PARSE ? EXIT_USAGE : EXIT_INPUT;
                if (r > rc)
                  rc = r;
                continue;
              }
            p->fitted = 1;
            if (p->fit.fit->status != EIS_FIT_CONVERGED)
              {
                cli_warning ("%s: fit: %s", p->file, p->fit.fit->message);
                if (rc < EXIT_FIT)
                  rc = EXIT_FIT;
              }
            if (p->fit.fit->status != EIS_FIT_CONVERGED)
              cli_warning ("%s: the fit did not converge; point left out", p->file);
            else if (isfinite (p->fit.cond.sigma_bulk) && p->fit.cond.sigma_bulk > 0)
              {
                p->used = 1;
                np++;
              }
            else
              cli_warning ("%s: no bulk conductivity from the fit; point left out", p->file);
          }
      free (job);
    }
  if (rc != EXIT_OK && rc != EXIT_FIT)
    goto done;
  /* Reported (and plotted) from the coldest to the hottest, whatever the order of the files. */
  qsort (pt, n, sizeof *pt, point_cmp);
  if (np < 2)
    {
      cli_error ("the Arrhenius fit needs at least 2 points with a conductivity (have %zu)", np);
      rc = EXIT_INPUT;
      goto done;
    }

  /* The series: bulk and total. */
  double *T = cli_xmalloc (np * sizeof *T), *sb = cli_xmalloc (np * sizeof *sb);
  double *sbe = cli_xmalloc (np * sizeof *sbe), *Tt = cli_xmalloc (np * sizeof *Tt);
  double *st_ = cli_xmalloc (np * sizeof *st_), *ste = cli_xmalloc (np * sizeof *ste);
  size_t nb = 0, nt = 0;
  for (size_t i = 0; i < n; i++)
    {
      const Point *p = &pt[i];
      if (!p->used)
        continue;
      T[nb] = p->T_K;
      sb[nb] = p->fit.cond.sigma_bulk;
      sbe[nb++] = p->fit.cond.sigma_bulk_se;
      if (isfinite (p->fit.cond.sigma_total) && p->fit.cond.sigma_total > 0)
        {
          Tt[nt] = p->T_K;
          st_[nt] = p->fit.cond.sigma_total;
          ste[nt++] = p->fit.cond.sigma_total_se;
        }
    }
  SeriesFit fb, ft;
  fit_series (T, sb, sbe, nb, T_ref, vtf, &fb);
  fit_series (Tt, st_, ste, nt, T_ref, vtf, &ft);
  if (!fb.ok[0] && !fb.ok[1])
    {
      cli_error ("bulk Arrhenius fit: %s", fb.why[0]);
      rc = EXIT_INPUT;
    }

  if (format == CLI_FORMAT_TEXT)
    {
      const EisGeometry *g = &fargs[0].geom;
      cli_buf_printf (&out, "Arrhenius analysis: %zu spectra (L = %.4g cm, A = %.4g cm2)\n", n,
                      g->thickness_cm, g->area_cm2);
      /* The file column as wide as the longest name, so the rows line up. */
      int fw = 4;
      for (size_t i = 0; i < n; i++)
        if ((int) strlen (pt[i].file) > fw)
          fw = (int) strlen (pt[i].file);
      cli_buf_printf (&out, "  %-*s %8s %8s  %-16s %-24s %-24s %s\n", fw, "file", "T/K",
                      "T/degC", "T from", "sigma_bulk S/cm", "sigma_total S/cm", "circuit");
      for (size_t i = 0; i < n; i++)
        {
          const Point *p = &pt[i];
          char bs[64] = "-", ts[64] = "-";
          if (p->used && isfinite (p->fit.cond.sigma_bulk))
            snprintf (bs, sizeof bs, "%.4e +- %.1e", p->fit.cond.sigma_bulk,
                      p->fit.cond.sigma_bulk_se);
          if (p->used && isfinite (p->fit.cond.sigma_total))
            snprintf (ts, sizeof ts, "%.4e +- %.1e", p->fit.cond.sigma_total,
                      p->fit.cond.sigma_total_se);
          cli_buf_printf (&out, "  %-*s %8.2f %8.2f  %-16s %-24s %-24s %s\n", fw, p->file, p->T_K,
                          p->T_K - KELVIN_0C, p->T_source, bs, ts,
                          !p->fitted ? "(fit failed)" : p->used ? eis_circuit_text (p->fit.circuit)
                          : "(left out: see the warning)");
        }
      text_series (&out, "bulk", &fb, first_form, T_ref, vtf);
      text_series (&out, "total", &ft, first_form, T_ref, vtf);
    }
  else if (format == CLI_FORMAT_CSV)
    {
      cli_buf_printf (&out, "file,spectrum,T_K,T_source,sigma_bulk_S_cm,sigma_bulk_stderr_S_cm,"
                      "sigma_total_S_cm,sigma_total_stderr_S_cm,circuit\n");
      for (size_t i = 0; i < n; i++)
        {
          const Point *p = &pt[i];
          int q = strpbrk (p->file, ",\"") != NULL;
          cli_buf_printf (&out, q ? "\"%s\"" : "%s", p->file);
          cli_buf_printf (&out, ",%d,%.10g,%s", p->spectrum, p->T_K, p->T_source);
          double v[4] = { NAN, NAN, NAN, NAN };
          if (p->used)
            {
              v[0] = p->fit.cond.sigma_bulk, v[1] = p->fit.cond.sigma_bulk_se;
              v[2] = p->fit.cond.sigma_total, v[3] = p->fit.cond.sigma_total_se;
            }
          for (int j = 0; j < 4; j++)
            if (isfinite (v[j]))
              cli_buf_printf (&out, ",%.10g", v[j]);
            else
              cli_buf_printf (&out, ",");
          cli_buf_printf (&out, ",%s\n", p->fitted ? eis_circuit_text (p->fit.circuit) : "");
        }
      cli_buf_printf (&out, "\nseries,form,Ea_eV,Ea_stderr_eV,ln_prefactor,ln_prefactor_stderr,"
                      "r2,T_ref_K,sigma_at_ref,sigma_at_ref_stderr\n");
      for (int s = 0; s < 2; s++)
        for (int k = 0; k < 2; k++)
          {
            const SeriesFit *sf = s ? &ft : &fb;
            int f = k == 0 ? first_form : 1 - first_form;
            if (!sf->ok[f])
              continue;
            const EisArrheniusFit *a = &sf->fit[f];
            cli_buf_printf (&out, "%s,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n",
                            s ? "total" : "bulk", eis_arrhenius_form_name ((EisArrheniusForm) f),
                            a->Ea_eV, a->Ea_se_eV, a->ln_A, a->ln_A_se, a->r2, a->T_ref_K,
                            a->sigma_ref, a->sigma_ref_se);
          }
    }
  else
    {
      const SeriesFit *f0 = &fb;
      const EisArrheniusFit *a = &f0->fit[first_form];
      int ok = f0->ok[first_form];
      cli_buf_printf (&out, "{\"form\": ");
      cli_buf_json_string (&out, eis_arrhenius_form_name ((EisArrheniusForm) first_form));
      cli_buf_printf (&out, ",\n \"Ea_eV\": ");
      cli_buf_json_number (&out, ok ? a->Ea_eV : NAN);
      cli_buf_printf (&out, ", \"Ea_stderr_eV\": ");
      cli_buf_json_number (&out, ok ? a->Ea_se_eV : NAN);
      cli_buf_printf (&out, ", \"ln_prefactor\": ");
      cli_buf_json_number (&out, ok ? a->ln_A : NAN);
      cli_buf_printf (&out, ", \"r2\": ");
      cli_buf_json_number (&out, ok ? a->r2 : NAN);
      cli_buf_printf (&out, ", \"sigma_at_25C\": ");
      cli_buf_json_number (&out, ok ? eis_arrhenius_sigma_at (a, EIS_T_REF_DEFAULT_K) : NAN);
      cli_buf_printf (&out, ", \"T_ref_K\": ");
      cli_buf_json_number (&out, T_ref);
      cli_buf_printf (&out, ", \"sigma_at_ref\": ");
      cli_buf_json_number (&out, ok ? a->sigma_ref : NAN);
      for (int s = 0; s < 2; s++)
        {
          const SeriesFit *sf = s ? &ft : &fb;
          cli_buf_printf (&out, ",\n \"%s\": {\"sigma\": ", s ? "total" : "bulk");
          json_fit (&out, sf, EIS_ARRHENIUS_SIGMA);
          cli_buf_printf (&out, ",\n   \"sigmaT\": ");
          json_fit (&out, sf, EIS_ARRHENIUS_SIGMA_T);
          cli_buf_printf (&out, ",\n   \"vtf\": ");
          json_vtf (&out, sf, vtf);
          cli_buf_printf (&out, "}");
        }
      cli_buf_printf (&out, ",\n \"points\": [");
      for (size_t i = 0; i < n; i++)
        {
          const Point *p = &pt[i];
          cli_buf_printf (&out, "%s\n  {\"file\": ", i ? "," : "");
          cli_buf_json_string (&out, p->file);
          cli_buf_printf (&out, ", \"spectrum\": %d, \"T_K\": ", p->spectrum);
          cli_buf_json_number (&out, p->T_K);
          cli_buf_printf (&out, ", \"T_source\": ");
          cli_buf_json_string (&out, p->T_source);
          double v[4] = { NAN, NAN, NAN, NAN };
          if (p->used)
            {
              v[0] = p->fit.cond.sigma_bulk, v[1] = p->fit.cond.sigma_bulk_se;
              v[2] = p->fit.cond.sigma_total, v[3] = p->fit.cond.sigma_total_se;
            }
          const char *k[4] = { "sigma_bulk", "sigma_bulk_stderr", "sigma_total",
                               "sigma_total_stderr" };
          for (int j = 0; j < 4; j++)
            {
              cli_buf_printf (&out, ", \"%s\": ", k[j]);
              cli_buf_json_number (&out, v[j]);
            }
          cli_buf_printf (&out, ", \"circuit\": ");
          if (p->fitted)
            cli_buf_json_string (&out, eis_circuit_text (p->fit.circuit));
          else
            cli_buf_printf (&out, "null");
          cli_buf_printf (&out, "}");
        }
      cli_buf_printf (&out, "]}\n");
    }

  if (plot)
    {
      EisPlotArrheniusSeries ps[2];
      set_plot_series (&ps[0], "bulk", 0, nb, T, sb, sbe, &fb, first_form, vtf);
      set_plot_series (&ps[1], "total", 1, nt, Tt, st_, ste, &ft, first_form, vtf);
      EisPlotArrhenius pa = { ps, nt > 0 ? 2 : 1, first_form == EIS_ARRHENIUS_SIGMA_T,
                              "Arrhenius plot" };
      EisError err = { 0 };
      if (eis_plot_to_file (plot, 1000, 700, eis_plot_draw_arrhenius, &pa, force, &err)
          != EIS_OK)
        {
          cli_error ("--plot: %s", err.message);
          if (rc < EXIT_OUTPUT)
            rc = EXIT_OUTPUT;
        }
      else if (format == CLI_FORMAT_TEXT)
        cli_buf_printf (&out, "\nplot written to %s\n", plot);
    }
  free (T), free (sb), free (sbe), free (Tt), free (st_), free (ste);

  {
    EisError err = { 0 };
    if (cli_write_file_atomic (output, out.data ? out.data : "", out.len, force, &err)
        != EIS_OK)
      {
        cli_error ("%s", err.message);
        rc = EXIT_OUTPUT;
      }
  }

done:
  cli_buf_free (&out);
  for (size_t i = 0; i < n; i++)
    {
      if (pt[i].fitted)
        cli_fit_outcome_clear (&pt[i].fit);
      free (pt[i].file);
    }
  free (pt);
  for (size_t i = 0; i < n_in; i++)
    {
      eis_data_file_free (files[i]);
      free (in_path[i]);
    }
  free (files);
  free (fargs);
  free (in_path);
  free (in_T);
  manifest_free (&man);
  return rc;
}
