/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit convert: every spectrum and DC series of each input to a normalised file
 * (freq_Hz,Zreal_Ohm,Zimag_Ohm with Z'' < 0 capacitive; time_s,current_A,voltage_V), as CSV
 * with "# key: value" metadata lines (which eisfit reads back) or as JSON. Outputs are named
 * after the source (base.csv, base_cycleN.csv, base_N.csv, base_dc.csv), written atomically,
 * never over an existing file without --force and never over an input. */
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "import.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void
convert_usage (FILE *fp)
{
  fprintf (fp,
           "Usage: eisfit convert [OPTION]... FILE...\n"
           "       eisfit convert [OPTION]... --files-from LIST [FILE]...\n"
           "Write every spectrum and DC series of each FILE to a normalised file:\n"
           "freq_Hz,Zreal_Ohm,Zimag_Ohm (Zimag < 0 capacitive) or time_s,current_A,voltage_V.\n"
           "Output names: BASE.csv for a single spectrum, BASE_cycleN.csv per cycle, BASE_N.csv\n"
           "per spectrum otherwise, BASE_dc.csv (BASE_dcN.csv) for DC series.\n\n"
           "Every point of the file is written, in the file's order (the time order of the\n"
           "measurement), also a spectrum of one point.\n\n"
           "  -o, --output-dir DIR  write into DIR, created with its parents if missing\n"
           "                        (default: the current directory)\n"
           "      --format FMT      csv (default) or json\n"
           "      --force           replace existing output files (never an input)\n"
           "      --files-from LIST read the input names from LIST, one per line (- for\n"
           "                        standard input), after any FILE given\n"
           "  -0, --null            names in LIST end with a NUL byte (find -print0)\n"
           "  -q, --quiet           no warnings and no progress line on standard error\n"
           "  -h, --help            show this help\n"
           "%s", cli_input_options_help);
}

/* BASE: the file name without folder and last extension. */
static void
base_name (const char *path, char *out, size_t cap)
{
  const char *b = strrchr (path, '/');
  b = b ? b + 1 : path;
  snprintf (out, cap, "%s", b);
  char *dot = strrchr (out, '.');
  if (dot && dot != out)
    *dot = '\0';
}

/* "# KEY: VALUE" on one line: a control character in VALUE (a file name can hold one) is written
 * as cli_buf_name does (\n, \r, \xHH), so that it cannot end the line. */
static void
buf_comment_line (CliBuf *b, const char *key, const char *value)
{
  cli_buf_printf (b, "# %s: ", key);
  cli_buf_name (b, value);
  cli_buf_append (b, "\n", 1);
}

static void
buf_meta_csv (CliBuf *b, const EisMeta *m)
{
  for (size_t i = 0; i < m->n; i++)
    {
      if (strcmp (m->items[i].key, "area_cm2") == 0 || strcmp (m->items[i].key, "temperature_k") == 0)
        continue;   /* written from the spectrum's own fields */
      cli_buf_printf (b, "# %s: ", m->items[i].key);
      for (const char *p = m->items[i].value; *p; p++)
        if (*p != '\n' && *p != '\r')
          cli_buf_append (b, p, 1);
      cli_buf_append (b, "\n", 1);
    }
}

static void
buf_meta_json (CliBuf *b, const EisMeta *m)
{
  cli_buf_printf (b, "  \"meta\": {");
  for (size_t i = 0; i < m->n; i++)
    {
      cli_buf_printf (b, "%s\n    ", i ? "," : "");
      cli_buf_json_string (b, m->items[i].key);
      cli_buf_printf (b, ": ");
      cli_buf_json_string (b, m->items[i].value);
    }
  cli_buf_printf (b, "%s},\n", m->n ? "\n  " : "");
}

static void
json_array (CliBuf *b, const char *name, const double *v, size_t n, int last)
{
  cli_buf_printf (b, "  \"%s\": [", name);
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        cli_buf_append (b, ", ", 2);
      cli_buf_json_number (b, v[i]);
    }
  cli_buf_printf (b, "]%s\n", last ? "" : ",");
}

static void
render_spectrum (CliBuf *b, const EisSpectrum *s, int json)
{
  if (json)
    {
      cli_buf_printf (b, "{\n  \"source\": ");
      cli_buf_json_string (b, s->source);
      cli_buf_printf (b, ",\n  \"format\": ");
      cli_buf_json_string (b, s->format);
      cli_buf_printf (b, ",\n  \"spectrum\": %d,\n  \"cycle\": ", s->index + 1);
      if (s->cycle >= 0)
        cli_buf_printf (b, "%d", s->cycle);
      else
        cli_buf_printf (b, "null");
      cli_buf_printf (b, ",\n  \"temperature_K\": ");
      cli_buf_json_number (b, s->temperature_k);
      cli_buf_printf (b, ",\n  \"area_cm2\": ");
      cli_buf_json_number (b, s->area_cm2);
      cli_buf_printf (b, ",\n  \"n_points\": %zu,\n", s->n);
      buf_meta_json (b, &s->meta);
      json_array (b, "freq_Hz", s->freq_hz, s->n, 0);
      json_array (b, "Zreal_Ohm", s->z_re, s->n, 0);
      json_array (b, "Zimag_Ohm", s->z_im, s->n, 1);
      cli_buf_printf (b, "}\n");
      return;
    }
  buf_comment_line (b, "source", s->source);
  buf_comment_line (b, "format", s->format);
  cli_buf_printf (b, "# spectrum: %d\n", s->index + 1);
  if (s->cycle >= 0)
    cli_buf_printf (b, "# cycle: %d\n", s->cycle);
  if (!isnan (s->temperature_k))
    cli_buf_printf (b, "# temperature_K: %.10g\n", s->temperature_k);
  if (!isnan (s->area_cm2))
    cli_buf_printf (b, "# area_cm2: %.10g\n", s->area_cm2);
  buf_meta_csv (b, &s->meta);
  cli_buf_printf (b, "freq_Hz,Zreal_Ohm,Zimag_Ohm\n");
  for (size_t i = 0; i < s->n; i++)
    cli_buf_printf (b, "%.15g,%.15g,%.15g\n", s->freq_hz[i], s->z_re[i], s->z_im[i]);
}

static void
render_series (CliBuf *b, const EisSeries *s, int json)
{
  if (json)
    {
      cli_buf_printf (b, "{\n  \"source\": ");
      cli_buf_json_string (b, s->source);
      cli_buf_printf (b, ",\n  \"format\": ");
      cli_buf_json_string (b, s->format);
      cli_buf_printf (b, ",\n  \"series\": %d,\n  \"temperature_K\": ", s->index + 1);
      cli_buf_json_number (b, s->temperature_k);
      cli_buf_printf (b, ",\n  \"n_points\": %zu,\n", s->n);
      buf_meta_json (b, &s->meta);
      json_array (b, "time_s", s->time_s, s->n, 0);
      json_array (b, "current_A", s->current_a, s->n, s->voltage_v == NULL);
      if (s->voltage_v)
        json_array (b, "voltage_V", s->voltage_v, s->n, 1);
      cli_buf_printf (b, "}\n");
      return;
    }
  buf_comment_line (b, "source", s->source);
  buf_comment_line (b, "format", s->format);
  cli_buf_printf (b, "# series: %d\n", s->index + 1);
  buf_meta_csv (b, &s->meta);
  cli_buf_printf (b, s->voltage_v ? "time_s,current_A,voltage_V\n" : "time_s,current_A\n");
  for (size_t i = 0; i < s->n; i++)
    {
      cli_buf_printf (b, "%.15g,%.15g", s->time_s[i], s->current_a[i]);
      if (s->voltage_v)
        cli_buf_printf (b, ",%.15g", s->voltage_v[i]);
      cli_buf_append (b, "\n", 1);
    }
}

/* The output paths of this run, to keep twins apart: a hash set (open addressing), so that a
 * file of a million spectra costs a million look-ups, not a million squared. */
typedef struct {
  char **slot;
  size_t cap, n;
} NameSet;

static size_t
name_hash (const char *s)
{
  size_t h = 1469598103934665603u;   /* FNV-1a */
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    h = (h ^ *p) * 1099511628211u;
  return h;
}

static int
name_set_has (const NameSet *set, const char *name)
{
  if (set->cap == 0)
    return 0;
  for (size_t i = name_hash (name) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
    if (strcmp (set->slot[i], name) == 0)
      return 1;
  return 0;
}

static void
name_set_add (NameSet *set, const char *name)
{
  if (2 * (set->n + 1) > set->cap)
    {
      size_t cap = set->cap ? 2 * set->cap : 64;
      char **slot = cli_xmalloc (cap * sizeof *slot);
      for (size_t k = 0; k < set->cap; k++)
        if (set->slot[k])
          {
            size_t i = name_hash (set->slot[k]) & (cap - 1);
            while (slot[i])
              i = (i + 1) & (cap - 1);
            slot[i] = set->slot[k];
          }
      free (set->slot);
      set->slot = slot;
      set->cap = cap;
    }
  size_t i = name_hash (name) & (set->cap - 1);
  while (set->slot[i])
    i = (i + 1) & (set->cap - 1);
  set->slot[i] = cli_xstrdup (name);
  set->n++;
}

static void
name_set_free (NameSet *set)
{
  for (size_t k = 0; k < set->cap; k++)
    free (set->slot[k]);
  free (set->slot);
}

typedef struct {
  const char *dir;
  int json, force;
  int inputs_failed, outputs_failed, out_of_memory;
  size_t written;
  NameSet names;         /* every output path of this run */
  NameSet sources;       /* the file names (without folder) of the inputs read so far */
  /* the input being converted: its position (from 1), whether an earlier input has its file
   * name (in another folder), and the output name its outputs would have had (for the
   * "wrote" line of a renamed output; empty when not renamed) */
  int input_no, same_name;
  char renamed[4096];
  const CliInputs *inputs;
  int to_stdout;         /* -o -: JSON written as it comes, the CSV of one spectrum at the end */
  int stdout_failed;
  CliBuf out;
  size_t n_out;
} ConvertState;

static int
taken (const ConvertState *st, const char *path)
{
  return name_set_has (&st->names, path);
}

/* The name of the folder that holds SOURCE ("b" for b/x.csv; for x.csv the current
 * folder's name), into OUT; empty when it has none (the root). */
static void
parent_name (const char *source, char *out, size_t cap)
{
  out[0] = '\0';
  const char *slash = strrchr (source, '/');
  char *dir = cli_xstrdup (slash == NULL ? "." : slash == source ? "/" : source);
  if (slash != NULL && slash != source)
    dir[slash - source] = '\0';
  char *real = realpath (dir, NULL);
  const char *d = real ? real : dir;
  const char *b = strrchr (d, '/');
  snprintf (out, cap, "%s", b ? b + 1 : d);
  free (real);
  free (dir);
}

/* Two inputs of one run that would write the same output are kept apart. When they share a
 * name but not an extension (ca.mpt and ca.mpr) the second gets its source's extension in
 * the name (ca_mpr.csv); when they share the whole file name (a/x.csv and b/x.csv) it gets
 * its folder's name in front (b_x.csv); when that is taken too, the input's position on the
 * command line (x_input3.csv: never a spectrum's number, x_3.csv). PATH (of size CAP) is
 * changed in place, and ST->renamed keeps the name it would have had. */
static void
unique_path (ConvertState *st, char *path, size_t cap, const char *source)
{
  st->renamed[0] = '\0';
  if (taken (st, path))
    {
      snprintf (st->renamed, sizeof st->renamed, "%s", path);
      const char *dot = strrchr (path, '.');
      const char *sdot = strrchr (source, '.'), *sslash = strrchr (source, '/');
      char stem[4096], ext[64], parent[256];
      size_t dir_len = strlen (st->dir) + 1;     /* PATH is DIR/NAME */
      snprintf (stem, sizeof stem, "%.*s", (int) (dot - path), path);
      snprintf (ext, sizeof ext, "%s", dot);
      int w = 0;
      if (st->same_name)
        {
          parent_name (source, parent, sizeof parent);
          if (parent[0] && strcmp (parent, "/") != 0)
            w = snprintf (path, cap, "%.*s%s_%s%s", (int) dir_len, stem, parent,
                          stem + dir_len, ext);
        }
      else if (sdot && (!sslash || sdot > sslash) && sdot[1])
        w = snprintf (path, cap, "%s_%s%s", stem, sdot + 1, ext);
      if (taken (st, path) && w >= 0 && (size_t) w < cap)
        w = snprintf (path, cap, "%s_input%d%s", stem, st->input_no, ext);
      for (int k = 2; taken (st, path) && k < 1000 && w >= 0 && (size_t) w < cap; k++)
        w = snprintf (path, cap, "%s_input%d_%d%s", stem, st->input_no, k, ext);
      if (w < 0 || (size_t) w >= cap)
        path[cap - 1] = '\0';   /* a 4 kB path: truncated, then refused by the file system */
    }
  name_set_add (&st->names, path);
}

static int
write_one (ConvertState *st, const char *path, CliBuf *b, size_t points)
{
  EisError err = { 0 };
  if (st->to_stdout)
    {
      /* JSON: one array of every spectrum and series, written as it comes (a file of a
       * million spectra is not held in memory); CSV: one spectrum (checked at the end, the
       * first kept) */
      if (st->json)
        {
          if ((fwrite (st->n_out ? ",\n" : "[\n", 1, 2, stdout) != 2
               || fwrite (b->data ? b->data : "", 1, b->len, stdout) != b->len)
              && !st->stdout_failed)
            {
              cli_error ("standard output: write failed: %s", strerror (errno));
              st->stdout_failed = 1;
            }
        }
      else if (st->n_out == 0 && b->len)
        cli_buf_append (&st->out, b->data, b->len);
      st->n_out++;
      st->written++;
      return 0;
    }
  if (cli_inputs_find (st->inputs, path) >= 0)
    {
      cli_error ("%s: is an input file; not replacing it (use -o DIR)", path);
      st->outputs_failed++;
      return -1;
    }
  /* no fsync per file: the batch is synced once at its end (one fsync per file costs
   * milliseconds each, minutes for a facility's batch) */
  if (cli_write_file_atomic_sync (path, b->data ? b->data : "", b->len, st->force, 0, &err)
      != EIS_OK)
    {
      cli_error ("%s", err.message);
      st->outputs_failed++;
      return -1;
    }
  char *shown = cli_name_text (path);
  printf ("wrote %s (%zu point%s", shown, points, points == 1 ? "" : "s");
  free (shown);
  if (st->renamed[0])
    {
      char *was = cli_name_text (st->renamed);
      printf ("; %s is taken by an earlier input", was);
      free (was);
    }
  printf (")\n");
  st->written++;
  return 0;
}

/* A run of cycle numbers lo, lo + 1, ..., hi. */
typedef struct {
  int lo, hi;
} CycleRun;

static int
compare_run (const void *a, const void *b)
{
  int x = ((const CycleRun *) a)->lo, y = ((const CycleRun *) b)->lo;
  return (x > y) - (x < y);
}

/* One input file, read one spectrum at a time (eis_import_each). */
typedef struct {
  ConvertState *st;
  const char *name;
  int tty, out_tty;
  size_t *spectra, *series;
  /* what the first reading shows: the cycle numbers (as runs: a file of a million numbered
   * cycles is one run) and the warnings, said before anything is written */
  int cycles_ok;                 /* every spectrum has a cycle number */
  CycleRun *runs;
  size_t n_runs, cap_runs;
  CliBuf warn;
  FILE *warn_spill;              /* warnings beyond 1 MiB */
  /* then the outputs */
  int by_cycle;
  size_t n_spectra;
  char base[512];
} ConvertFile;

/* Keeps the importer's message W on item K of WHAT for later, severity SEV first ('W' a
 * warning, 'N' a note); beyond 1 MiB in a temporary file. */
static void
warn_line (ConvertFile *cf, char sev, const char *what, size_t k, const char *w)
{
  cli_buf_printf (&cf->warn, "%c%s: %s %zu: %s\n", sev, cf->name, what, k, w);
  if (cf->warn.len > (1u << 20))
    {
      if (cf->warn_spill == NULL && (cf->warn_spill = tmpfile ()) == NULL)
        {
          cli_error ("a temporary file for the warnings: %s", strerror (errno));
          exit (EXIT_INTERNAL);
        }
      fwrite (cf->warn.data, 1, cf->warn.len, cf->warn_spill);
      cf->warn.len = 0;
    }
}

static int
convert_look (void *data, const EisDataFile *f, const EisSpectrum *s)
{
  ConvertFile *cf = data;
  (void) f;
  if (s->index == 0)
    {
      cf->cycles_ok = 1;
      cf->n_runs = 0;
      cf->warn.len = 0;
      if (cf->warn_spill)
        fclose (cf->warn_spill);
      cf->warn_spill = NULL;
    }
  if (s->cycle < 0)
    cf->cycles_ok = 0;
  else if (cf->cycles_ok)
    {
      if (cf->n_runs > 0 && cf->runs[cf->n_runs - 1].hi != INT_MAX
          && s->cycle == cf->runs[cf->n_runs - 1].hi + 1)
        cf->runs[cf->n_runs - 1].hi = s->cycle;
      else
        {
          if (cf->n_runs == cf->cap_runs)
            {
              cf->cap_runs = cf->cap_runs ? 2 * cf->cap_runs : 16;
              CycleRun *r = realloc (cf->runs, cf->cap_runs * sizeof *r);
              if (r == NULL)
                {
                  cli_error ("out of memory");
                  exit (EXIT_INTERNAL);
                }
              cf->runs = r;
            }
          cf->runs[cf->n_runs++] = (CycleRun) { s->cycle, s->cycle };
        }
    }
  const char *w = eis_meta_get (&s->meta, "warning");
  if (w)
    warn_line (cf, 'W', "spectrum", (size_t) s->index + 1, w);
  w = eis_meta_get (&s->meta, "notice");
  if (w)
    warn_line (cf, 'N', "spectrum", (size_t) s->index + 1, w);
  return 0;
}

/* Says the warnings and notes in TEXT[0..LEN), one line each (see warn_line). */
static void
say_warnings (char *text, size_t len)
{
  char *end = text + len;
  for (char *line = text, *nl; line < end && (nl = memchr (line, '\n', (size_t) (end - line)));
       line = nl + 1)
    {
      *nl = '\0';
      if (line[0] == 'N')
        cli_note ("%s", line + 1);
      else
        cli_warning ("%s", line + 1);
    }
}

static int
convert_begin (void *data, EisDataFile *f, size_t n_spectra)
{
  ConvertFile *cf = data;
  ConvertState *st = cf->st;
  if (n_spectra == 0)
    cf->warn.len = 0;            /* (look was not called: nothing to show) */
  for (size_t k = 0; k < f->n_series; k++)
    {
      const char *w = eis_meta_get (&f->series[k]->meta, "warning");
      if (w)
        warn_line (cf, 'W', "DC series", k + 1, w);
      w = eis_meta_get (&f->series[k]->meta, "notice");
      if (w)
        warn_line (cf, 'N', "DC series", k + 1, w);
    }
  /* the progress line gives way to what is printed about this file */
  int any = cf->warn.len > 0 || cf->warn_spill != NULL;
  if (cf->tty && (any || cf->out_tty))
    fprintf (stderr, "\r\033[K");
  if (cf->warn_spill)
    {
      char chunk[65536];
      size_t got, carry = 0;
      fflush (cf->warn_spill);
      rewind (cf->warn_spill);
      while ((got = fread (chunk + carry, 1, sizeof chunk - carry, cf->warn_spill)) > 0)
        {
          size_t n = carry + got, cut = n;
          while (cut > 0 && chunk[cut - 1] != '\n')
            cut--;
          if (cut == 0)
            cut = n;
          say_warnings (chunk, cut);
          carry = n - cut;
          memmove (chunk, chunk + cut, carry);
        }
      fclose (cf->warn_spill);
      cf->warn_spill = NULL;
    }
  if (cf->warn.len > 0)
    say_warnings (cf->warn.data, cf->warn.len);
  cf->warn.len = 0;
  *cf->spectra += n_spectra;
  *cf->series += f->n_series;
  cf->n_spectra = n_spectra;
  base_name (f->path, cf->base, sizeof cf->base);
  /* cycle numbers name the files when they tell the spectra apart */
  cf->by_cycle = n_spectra > 0 && cf->cycles_ok;
  if (cf->by_cycle)
    {
      qsort (cf->runs, cf->n_runs, sizeof *cf->runs, compare_run);
      for (size_t i = 1; i < cf->n_runs && cf->by_cycle; i++)
        if (cf->runs[i].lo <= cf->runs[i - 1].hi)
          cf->by_cycle = 0;
    }
  (void) st;
  return 0;
}

static int
convert_spectrum (void *data, EisDataFile *f, EisSpectrum *s)
{
  ConvertFile *cf = data;
  ConvertState *st = cf->st;
  char path[4096];
  const char *ext = st->json ? "json" : "csv";
  if (cf->n_spectra == 1)
    snprintf (path, sizeof path, "%s/%s.%s", st->dir, cf->base, ext);
  else if (cf->by_cycle)
    snprintf (path, sizeof path, "%s/%s_cycle%d.%s", st->dir, cf->base, s->cycle, ext);
  else
    snprintf (path, sizeof path, "%s/%s_%d.%s", st->dir, cf->base, s->index + 1, ext);
  if (!st->to_stdout)           /* (names kept apart only for files: one set entry each) */
    unique_path (st, path, sizeof path, f->path);
  CliBuf b = { 0 };
  render_spectrum (&b, s, st->json);
  write_one (st, path, &b, s->n);
  cli_buf_free (&b);
  eis_spectrum_free (s);
  return 0;
}

/* The DC series of F, after its spectra. */
static void
convert_series (ConvertState *st, const EisDataFile *f)
{
  char base[512], path[4096];
  const char *ext = st->json ? "json" : "csv";
  base_name (f->path, base, sizeof base);
  for (size_t i = 0; i < f->n_series; i++)
    {
      const EisSeries *s = f->series[i];
      if (f->n_series == 1)
        snprintf (path, sizeof path, "%s/%s_dc.%s", st->dir, base, ext);
      else
        snprintf (path, sizeof path, "%s/%s_dc%zu.%s", st->dir, base, i + 1, ext);
      unique_path (st, path, sizeof path, f->path);
      CliBuf b = { 0 };
      render_series (&b, s, st->json);
      write_one (st, path, &b, s->n);
      cli_buf_free (&b);
    }
}

/* Creates folder DIR and its missing parents (mkdir -p). Returns 0, or -1 with errno set. */
static int
make_dirs (const char *dir)
{
  char *p = strdup (dir);
  if (p == NULL)
    return -1;
  int rc = 0;
  for (char *s = p + 1; rc == 0; s++)
    {
      if (*s != '/' && *s != '\0')
        continue;
      char c = *s;
      *s = '\0';
      struct stat sd;
      if (stat (p, &sd) != 0 && mkdir (p, 0777) != 0 && errno != EEXIST)
        rc = -1;
      *s = c;
      if (c == '\0')
        break;
    }
  free (p);
  return rc;
}

/* The input names: FILE arguments, then the names read from --files-from. */
typedef struct {
  char **v;
  size_t n, cap;
  char *list;            /* the --files-from text, which the names from it point into */
} InputList;

static int
input_add (InputList *in, char *name)
{
  if (in->n == in->cap)
    {
      size_t cap = in->cap ? in->cap * 2 : 64;
      char **v = realloc (in->v, cap * sizeof *v);
      if (v == NULL)
        return -1;
      in->v = v;
      in->cap = cap;
    }
  in->v[in->n++] = name;
  return 0;
}

/* Reads the names in LIST ("-": standard input), separated by newlines (a CR before the
 * newline is dropped) or, with NUL_SEP, by NUL bytes; empty names are skipped. */
static int
read_file_list (InputList *in, const char *list, int nul_sep)
{
  FILE *fp = strcmp (list, "-") == 0 ? stdin : fopen (list, "rb");
  if (fp == NULL)
    {
      cli_error ("--files-from %s: cannot open: %s", list, strerror (errno));
      return EXIT_INPUT;
    }
  size_t len = 0, cap = 65536;
  char *buf = malloc (cap + 1);
  for (;;)
    {
      if (buf == NULL)
        break;
      size_t got = fread (buf + len, 1, cap - len, fp);
      len += got;
      if (len < cap)
        break;
      char *nb = realloc (buf, cap * 2 + 1);
      if (nb == NULL)
        {
          free (buf);
          buf = NULL;
          break;
        }
      buf = nb;
      cap *= 2;
    }
  int bad = ferror (fp);
  if (fp != stdin)
    fclose (fp);
  if (buf == NULL)
    {
      cli_error ("--files-from %s: out of memory", list);
      return EXIT_INTERNAL;
    }
  if (bad)
    {
      free (buf);
      cli_error ("--files-from %s: read error", list);
      return EXIT_INPUT;
    }
  buf[len] = '\0';
  in->list = buf;
  char sep = nul_sep ? '\0' : '\n';
  for (size_t i = 0; i < len;)
    {
      char *name = buf + i;
      char *end = memchr (name, sep, len - i);
      size_t n = end ? (size_t) (end - name) : len - i;
      name[n] = '\0';
      i += n + 1;
      if (!nul_sep && n > 0 && name[n - 1] == '\r')
        name[--n] = '\0';
      if (n > 0 && input_add (in, name) != 0)
        {
          cli_error ("--files-from %s: out of memory", list);
          return EXIT_INTERNAL;
        }
    }
  return EXIT_OK;
}

/* Seconds on a monotonic clock. */
static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

int
eisfit_cmd_convert (int argc, char **argv)
{
  static const struct option own[] = {
    { "output-dir", required_argument, NULL, 'o' },
    { "format", required_argument, NULL, 'f' },
    { "force", no_argument, NULL, 'F' },
    { "files-from", required_argument, NULL, 'L' },
    { "null", no_argument, NULL, '0' },
    { "help", no_argument, NULL, 'h' },
    { "quiet", no_argument, NULL, 'q' },
  };
  struct option *longopts = cli_options_merge (own, sizeof own / sizeof own[0], CLI_OPTS_INPUT);
  ConvertState st = { .dir = "." };
  EisImportOptions opt;
  cli_input_args_init (&opt);
  /* Converting is not fitting: every point, in the file's order. */
  opt.keep_order = 1;
  opt.min_points = 1;
  const char *files_from = NULL;
  int nul_sep = 0;
  const char **seen = cli_option_seen_new (longopts);
  if (longopts == NULL || seen == NULL)
    {
      cli_error ("out of memory");
      exit (EXIT_INTERNAL);
    }
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "o:qh0", longopts, NULL)) != -1)
    {
      int h = c == '?' ? 0 : cli_option_repeated (longopts, c, optarg, seen) ? -1
              : cli_input_args_handle (&opt, c, optarg);
      if (h < 0)
        {
          free (seen);
          free (longopts);
          return EXIT_USAGE;
        }
      if (h > 0)
        continue;
      switch (c)
      {
      case 'o': st.dir = optarg; break;
      case 'f':
        if (strcmp (optarg, "csv") == 0)
          st.json = 0;
        else if (strcmp (optarg, "json") == 0)
          st.json = 1;
        else
          {
            cli_error ("--format %s: expected csv or json", optarg);
            free (seen);
            free (longopts);
            return EXIT_USAGE;
          }
        break;
      case 'F': st.force = 1; break;
      case 'L': files_from = optarg; break;
      case '0': nul_sep = 1; break;
      case 'q': cli_quiet = 1; break;
      case 'h': convert_usage (stdout); free (seen); free (longopts); return EXIT_OK;
      default: convert_usage (stderr); free (seen); free (longopts); return EXIT_USAGE;
      }
    }
  free (seen);
  free (longopts);
  if (nul_sep && files_from == NULL)
    {
      cli_error ("-0 reads the names of --files-from: give --files-from LIST");
      return EXIT_USAGE;
    }
  InputList in = { 0 };
  for (int i = optind; i < argc; i++)
    if (input_add (&in, argv[i]) != 0)
      {
        cli_error ("out of memory");
        return EXIT_INTERNAL;
      }
  if (files_from)
    {
      int rc = read_file_list (&in, files_from, nul_sep);
      if (rc != EXIT_OK)
        {
          free (in.v);
          free (in.list);
          return rc;
        }
    }
  if (in.n == 0)
    {
      if (files_from)
        cli_error ("--files-from %s: no file names in it", files_from);
      else
        cli_error ("no input file (see eisfit convert --help)");
      free (in.v);
      free (in.list);
      return files_from ? EXIT_INPUT : EXIT_USAGE;
    }
  /* -o -: standard output, where one output makes sense (a JSON array of everything, or the
   * CSV of a single spectrum or series). */
  st.to_stdout = strcmp (st.dir, "-") == 0;
  /* The output folder is created when missing, with its parents. */
  struct stat sd;
  if (st.to_stdout)
    ;
  else if (stat (st.dir, &sd) != 0 && make_dirs (st.dir) != 0)
    {
      cli_error ("%s: cannot create the output folder: %s", st.dir, strerror (errno));
      free (in.v);
      free (in.list);
      return EXIT_OUTPUT;
    }
  if (!st.to_stdout && (stat (st.dir, &sd) != 0 || !S_ISDIR (sd.st_mode)))
    {
      cli_error ("%s: not a folder", st.dir);
      free (in.v);
      free (in.list);
      return EXIT_OUTPUT;
    }
  /* "-" (standard input) has no name to name its outputs after: only to standard output */
  for (size_t i = 0; i < in.n; i++)
    if (strcmp (in.v[i], "-") == 0 && !st.to_stdout)
      {
        cli_error ("-: standard input has no file name to name the converted files after: "
                   "convert it to standard output (-o -), or give a file");
        free (in.v);
        free (in.list);
        return EXIT_USAGE;
      }
  int n_inputs = (int) in.n;
  CliInputs *inputs = cli_inputs_new ((const char *const *) in.v, in.n);
  st.inputs = inputs;
  /* Progress on a terminal only, at most ten times a second. */
  int tty = isatty (fileno (stderr)) && n_inputs > 1 && !cli_quiet;
  int out_tty = tty && isatty (fileno (stdout));
  double shown = 0;
  size_t spectra = 0, series = 0;
  int n_twice = 0;               /* inputs that are an earlier input again */
  for (int i = 0; i < n_inputs; i++)
    {
      const char *name = in.v[i];
      if (tty && (i == 0 || now_s () - shown >= 0.1))
        {
          char *shown_name = cli_name_text (name);
          fprintf (stderr, "\r\033[K[%d/%d] %s", i + 1, n_inputs, shown_name);
          free (shown_name);
          shown = now_s ();
        }
      /* The same file twice (also through a link or another spelling): converted once. */
      long first = cli_inputs_find (inputs, name);
      if (first >= 0 && first < i)
        {
          if (tty)
            fprintf (stderr, "\r\033[K");
          cli_warning ("%s: the same file as %s (input %ld): converted once", name,
                       in.v[first], first + 1);
          n_twice++;
          continue;
        }
      {
        const char *slash = strrchr (name, '/');
        const char *file = slash ? slash + 1 : name;
        st.input_no = i + 1;
        st.same_name = name_set_has (&st.sources, file);
        if (!st.same_name)
          name_set_add (&st.sources, file);
      }
      EisDataFile *f = NULL;
      EisError err = { 0 };
      /* a file of a million spectra is converted as it is read, not held */
      ConvertFile cf = { .st = &st, .name = name, .tty = tty, .out_tty = out_tty,
                         .spectra = &spectra, .series = &series, .cycles_ok = 1 };
      EisImportSink sink = { convert_look, convert_begin, convert_spectrum, &cf };
      int rc = eis_import_each (name, &opt, &sink, &f, &err);
      free (cf.runs);
      cli_buf_free (&cf.warn);
      if (cf.warn_spill)
        fclose (cf.warn_spill);
      if (rc != EIS_OK)
        {
          if (tty)
            fprintf (stderr, "\r\033[K");
          cli_import_error (NULL, &err);
          if (cli_exit_for_import (rc) == EXIT_USAGE)
            {
              cli_inputs_free (inputs);
              free (in.v);
              free (in.list);
              return EXIT_USAGE;
            }
          if (rc == EIS_ERR_NOMEM)
            st.out_of_memory = 1;
          st.inputs_failed++;
          continue;
        }
      convert_series (&st, f);
      eis_data_file_free (f);
    }
  if (tty)
    fprintf (stderr, "\r\033[K");
  if (st.written > 0 && !st.to_stdout)
    sync ();   /* the batch's files on disk, once for all (POSIX sync waits on Linux) */
  if (st.to_stdout)
    {
      EisError err = { 0 };
      if (st.json)
        {
          fputs (st.n_out ? "]\n" : "[]\n", stdout);
          if ((fflush (stdout) != 0 || ferror (stdout)) && !st.stdout_failed)
            {
              cli_error ("standard output: write failed: %s", strerror (errno));
              st.stdout_failed = 1;
            }
          if (st.stdout_failed)
            {
              st.outputs_failed++;
              st.written = 0;
            }
        }
      else if (st.n_out > 1)
        {
          cli_error ("-o -: %zu outputs, and standard output takes the CSV of one spectrum; use "
                     "--format json (one array of all) or -o DIR", st.n_out);
          st.outputs_failed++;
          st.written = 0;
        }
      else if (cli_write_file_atomic ("-", st.out.data ? st.out.data : "", st.out.len, 0, &err)
               != EIS_OK)
        {
          cli_error ("%s", err.message);
          st.outputs_failed++;
          st.written = 0;
        }
      cli_buf_free (&st.out);
    }
  /* With -o - standard output holds the data: the summary goes to standard error. */
  char twice[64] = "";
  if (n_twice)
    snprintf (twice, sizeof twice, " (%d given twice)", n_twice);
  fprintf (st.to_stdout ? stderr : stdout,
           "converted %d of %d file%s%s: %zu spectr%s, %zu DC series, %zu %s%s\n",
           n_inputs - st.inputs_failed - n_twice, n_inputs, n_inputs == 1 ? "" : "s", twice,
           spectra,
           spectra == 1 ? "um" : "a", series, st.written,
           st.to_stdout ? "written to standard output"
                        : st.written == 1 ? "file written" : "files written",
           st.outputs_failed ? " (some outputs not written, see above)" : "");
  fflush (stdout);
  name_set_free (&st.names);
  name_set_free (&st.sources);
  cli_inputs_free (inputs);
  free (in.v);
  free (in.list);
  if (st.out_of_memory)
    return EXIT_INTERNAL;
  if (st.outputs_failed)
    return EXIT_OUTPUT;
  return st.inputs_failed ? EXIT_INPUT : EXIT_OK;
}
