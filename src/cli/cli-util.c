/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the eisfit subcommands: messages, buffers, atomic output, units. */
#include "cli-util.h"
#include "series.h"
#include "output-file.h"
#include "temperature.h"
#include "text-buf.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_program_name = "eisfit";
int cli_quiet = 0;

void
cli_import_error (const char *prefix, const EisError *err)
{
  int too_big = err->code == EIS_ERR_IO && strstr (err->message, "more than the limit") != NULL;
  cli_error ("%s%s%s", prefix ? prefix : "", err->message,
             too_big ? "; raise the limit with --max-size" : "");
}

int
cli_exit_for_import (int status)
{
  return status == EIS_ERR_INVALID || status == EIS_ERR_PARSE ? EXIT_USAGE
         : status == EIS_ERR_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
}

int
cli_exit_for_status (int status)
{
  return status == EIS_OK ? EXIT_OK : status == EIS_ERR_FIT ? EXIT_FIT
         : cli_exit_for_import (status);
}

int
cli_parse_jobs (const char *arg, int *jobs)
{
  char *end;
  long j = strtol (arg, &end, 10);
  if (*end || end == arg || j < 1 || j > 64)
    {
      cli_error ("--jobs: \"%s\": expected a whole number from 1 to 64", arg);
      return -1;
    }
  *jobs = (int) j;
  return 0;
}

static void vmessage (const char *kind, const char *fmt, va_list ap)
  __attribute__ ((format (printf, 2, 0)));

/* Appends S (N bytes) to B with its control characters escaped (see cli_buf_name). */
static void
buf_escaped (CliBuf *b, const char *s, size_t n)
{
  size_t from = 0;
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c >= 0x20 && c != 0x7f)
        continue;
      cli_buf_append (b, s + from, i - from);
      if (c == '\n' || c == '\r' || c == '\t')
        cli_buf_append (b, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t", 2);
      else
        cli_buf_printf (b, "\\x%02x", c);
      from = i + 1;
    }
  cli_buf_append (b, s + from, n - from);
}

void
cli_buf_name (CliBuf *b, const char *name)
{
  buf_escaped (b, name ? name : "", name ? strlen (name) : 0);
}

char *
cli_name_text (const char *name)
{
  CliBuf b = { 0 };
  cli_buf_name (&b, name);
  return b.data ? b.data : cli_xstrdup ("");
}

/* The latest error said (cli_last_error), unescaped. */
static char last_error[2048];

const char *
cli_last_error (void)
{
  return last_error;
}

/* One message line: a file name in it (from the command line or an engine message) cannot
 * end the line or send escape sequences to the terminal. */
static void
vmessage (const char *kind, const char *fmt, va_list ap)
{
  char small[1024];
  va_list aq;
  va_copy (aq, ap);
  int len = vsnprintf (small, sizeof small, fmt, aq);
  va_end (aq);
  char *text = small;
  if (len >= (int) sizeof small)
    {
      text = malloc ((size_t) len + 1);
      if (text != NULL)
        vsnprintf (text, (size_t) len + 1, fmt, ap);
      else
        text = small;
    }
  if (len < 0)
    len = 0;
  else if (text == small && len >= (int) sizeof small)
    len = (int) sizeof small - 1;
  if (kind[0] == '\0')
    snprintf (last_error, sizeof last_error, "%.*s", len, text);
  CliBuf b = { 0 };
  buf_escaped (&b, text, (size_t) len);
  fprintf (stderr, "%s: %s%s\n", cli_program_name, kind, b.data ? b.data : "");
  cli_buf_free (&b);
  if (text != small)
    free (text);
}

void
cli_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vmessage ("", fmt, ap);
  va_end (ap);
}

void
cli_warning (const char *fmt, ...)
{
  if (cli_quiet)
    return;
  va_list ap;
  va_start (ap, fmt);
  vmessage ("warning: ", fmt, ap);
  va_end (ap);
}

void
cli_note (const char *fmt, ...)
{
  if (cli_quiet)
    return;
  va_list ap;
  va_start (ap, fmt);
  vmessage ("note: ", fmt, ap);
  va_end (ap);
}

/* Says each line of TEXT (a warning or a note, by NOTE), then frees it. */
static void
say_lines (char *text, int note)
{
  for (char *line = text, *nl; line && (nl = strchr (line, '\n')); line = nl + 1)
    {
      *nl = '\0';
      if (note)
        cli_note ("%s", line);
      else
        cli_warning ("%s", line);
    }
  free (text);
}

void
cli_import_warnings (const char *path, const EisDataFile *f)
{
  char *name = cli_name_text (path);
  say_lines (eis_import_warnings_text (name, f), 0);
  say_lines (eis_import_notices_text (name, f), 1);
  free (name);
}

static void
buf_reserve (CliBuf *b, size_t extra)
{
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *d = realloc (b->data, cap);
  if (d == NULL)
    {
      fprintf (stderr, "%s: out of memory\n", cli_program_name);
      exit (EXIT_INTERNAL);
    }
  b->data = d;
  b->cap = cap;
}

void
cli_buf_append (CliBuf *b, const char *s, size_t n)
{
  buf_reserve (b, n);
  memcpy (b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void
cli_buf_printf (CliBuf *b, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (NULL, 0, fmt, ap);
  va_end (ap);
  if (n < 0)
    return;
  buf_reserve (b, (size_t) n);
  va_start (ap, fmt);
  vsnprintf (b->data + b->len, (size_t) n + 1, fmt, ap);
  va_end (ap);
  b->len += (size_t) n;
}

void
cli_buf_free (CliBuf *b)
{
  free (b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void
cli_buf_json_string (CliBuf *b, const char *s)
{
  cli_buf_append (b, "\"", 1);
  char ch[8];
  for (const char *p = s ? s : ""; *p;)
    {
      p += eis_json_char (p, ch);
      cli_buf_append (b, ch, strlen (ch));
    }
  cli_buf_append (b, "\"", 1);
}

void
cli_buf_json_number (CliBuf *b, double x)
{
  if (isfinite (x))
    cli_buf_printf (b, "%.10g", x);
  else
    cli_buf_append (b, "null", 4);
}

void
cli_buf_json_key (CliBuf *b, const char *sep, const char *key)
{
  cli_buf_append (b, sep, strlen (sep));
  cli_buf_json_string (b, key);
  cli_buf_append (b, ": ", 2);
}

void
cli_buf_json_member_number (CliBuf *b, const char *sep, const char *key, double x)
{
  cli_buf_json_key (b, sep, key);
  cli_buf_json_number (b, x);
}

void
cli_buf_json_member_string (CliBuf *b, const char *sep, const char *key, const char *s)
{
  cli_buf_json_key (b, sep, key);
  cli_buf_json_string (b, s);
}

EisDataFile *
cli_import_spectra (const char *path, const EisImportOptions *imp, int *rc)
{
  EisDataFile *df = NULL;
  EisError err = { 0 };
  int st = eis_import (path, imp, &df, &err);
  if (st != EIS_OK)
    {
      cli_import_error (NULL, &err);
      if (cli_exit_for_import (st) > *rc)
        *rc = cli_exit_for_import (st);
      return NULL;
    }
  cli_import_warnings (path, df);
  if (df->n_spectra == 0)
    {
      cli_error ("%s: no impedance spectrum in this file", path);
      if (*rc < EXIT_INPUT)
        *rc = EXIT_INPUT;
    }
  return df;
}

void
cli_buf_csv_string (CliBuf *b, const char *s)
{
  /* control characters escaped as in messages, text and JSON (a file named with an ESC byte
   * would otherwise reach a terminal or spreadsheet raw), then quoted where CSV needs it */
  CliBuf e = { 0 };
  buf_escaped (&e, s, strlen (s));
  const char *t = e.data ? e.data : "";
  /* a cell a spreadsheet would evaluate (=1+2.csv, @SUM(1)) gets a ' in front */
  int formula = eis_csv_text_is_formula (t);
  if (strpbrk (t, ",\"") == NULL)
    {
      if (formula)
        cli_buf_append (b, "'", 1);
      cli_buf_append (b, t, strlen (t));
    }
  else
    {
      cli_buf_append (b, "\"", 1);
      if (formula)
        cli_buf_append (b, "'", 1);
      for (const char *p = t; *p; p++)
        {
          if (*p == '"')
            cli_buf_append (b, "\"", 1);
          cli_buf_append (b, p, 1);
        }
      cli_buf_append (b, "\"", 1);
    }
  cli_buf_free (&e);
}

int
cli_write_file_atomic (const char *path, const char *data, size_t len, int force, EisError *err)
{
  return cli_write_file_atomic_sync (path, data, len, force, 1, err);
}

int
cli_write_file_atomic_sync (const char *path, const char *data, size_t len, int force,
                            int durable, EisError *err)
{
  if (strcmp (path, "-") == 0)
    {
      if ((len && fwrite (data, 1, len, stdout) != len) || fflush (stdout) != 0
          || ferror (stdout))
        return eis_error_set (err, EIS_ERR_IO, "standard output: write failed: %s",
                              strerror (errno));
      return EIS_OK;
    }
  EisOutputFile *o;
  int st = eis_output_file_open (path, force, &o, err);
  if (st == EIS_OK && !durable)
    eis_output_file_defer_sync (o);
  if (st == EIS_OK && (st = eis_output_file_write (o, data, len, err)) != EIS_OK)
    eis_output_file_abort (o);
  else if (st == EIS_OK)
    st = eis_output_file_commit (o, err);
  return st;
}

struct CliOut {
  EisOutputFile *file;          /* NULL: standard output */
  CliBuf buf;
  int failed;                   /* a write failed: the file is never put in place */
};

enum { CLI_OUT_CHUNK = 1 << 16 };

int
cli_out_open (const char *path, int force, CliOut **out, EisError *err)
{
  *out = NULL;
  CliOut *o = calloc (1, sizeof *o);
  if (o == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", path);
  if (strcmp (path, "-") != 0)
    {
      int st = eis_output_file_open (path, force, &o->file, err);
      if (st != EIS_OK)
        {
          free (o);
          return st;
        }
    }
  *out = o;
  return EIS_OK;
}

static int
out_flush (CliOut *o, EisError *err)
{
  int st = EIS_OK;
  if (o->buf.len == 0)
    return EIS_OK;
  if (o->file)
    st = eis_output_file_write (o->file, o->buf.data, o->buf.len, err);
  else if (fwrite (o->buf.data, 1, o->buf.len, stdout) != o->buf.len || fflush (stdout) != 0)
    st = eis_error_set (err, EIS_ERR_IO, "standard output: write failed: %s", strerror (errno));
  o->buf.len = 0;
  if (st != EIS_OK)
    o->failed = 1;
  return st;
}

int
cli_out_write (CliOut *o, const char *data, size_t len, EisError *err)
{
  if (o->failed)
    return eis_error_set (err, EIS_ERR_IO, "the output: an earlier write failed");
  cli_buf_append (&o->buf, data, len);
  /* Standard output gets each piece at once (a reader sees results as they are done); a file
   * gets large writes. */
  if (o->file == NULL || o->buf.len >= CLI_OUT_CHUNK)
    return out_flush (o, err);
  return EIS_OK;
}

int
cli_out_commit (CliOut *o, EisError *err)
{
  int st = o->failed ? eis_error_set (err, EIS_ERR_IO, "the output: a write failed, not kept")
                      : out_flush (o, err);
  if (o->file)
    {
      if (st == EIS_OK)
        st = eis_output_file_commit (o->file, err);
      else
        eis_output_file_abort (o->file);
    }
  cli_buf_free (&o->buf);
  free (o);
  return st;
}

void
cli_out_abort (CliOut *o)
{
  if (o == NULL)
    return;
  eis_output_file_abort (o->file);
  cli_buf_free (&o->buf);
  free (o);
}

void *
cli_xmalloc (size_t n)
{
  void *p = calloc (1, n ? n : 1);
  if (p == NULL)
    {
      cli_error ("out of memory");
      exit (EXIT_INTERNAL);
    }
  return p;
}

char *
cli_xstrdup (const char *s)
{
  size_t n = strlen (s) + 1;
  return memcpy (cli_xmalloc (n), s, n);
}

struct CliInputs {
  size_t n;
  struct InputId {
    dev_t dev;
    ino_t ino;
    size_t index;
  } *ids;                       /* sorted by (dev, ino), then by index */
  size_t n_paths, cap;
  char **paths;                 /* copies */
  char **named;                 /* per path: where it is named ("p.eisfit:5"), or NULL */
};

static int
input_id_cmp (const void *a, const void *b)
{
  const struct InputId *x = a, *y = b;
  if (x->dev != y->dev)
    return x->dev < y->dev ? -1 : 1;
  return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* The same, then by position: the inputs of one file in the order they were given. */
static int
input_id_order_cmp (const void *a, const void *b)
{
  int c = input_id_cmp (a, b);
  if (c != 0)
    return c;
  const struct InputId *x = a, *y = b;
  return (x->index > y->index) - (x->index < y->index);
}

/* Appends PATH (and NAMED, may be NULL) without sorting. */
static void
inputs_append (CliInputs *in, const char *path, const char *named)
{
  if (in->n_paths == in->cap)
    {
      in->cap = in->cap ? 2 * in->cap : 8;
      char **p = realloc (in->paths, in->cap * sizeof *p);
      char **w = p ? realloc (in->named, in->cap * sizeof *w) : NULL;
      struct InputId *d = w ? realloc (in->ids, in->cap * sizeof *d) : NULL;
      if (p)
        in->paths = p;
      if (w)
        in->named = w;
      if (d)
        in->ids = d;
      if (!p || !w || !d)
        {
          fprintf (stderr, "%s: out of memory\n", cli_program_name);
          exit (EXIT_INTERNAL);
        }
    }
  size_t i = in->n_paths++;
  in->paths[i] = cli_xstrdup (path);
  in->named[i] = named ? cli_xstrdup (named) : NULL;
  struct stat st;
  if (strcmp (path, "-") != 0 && stat (path, &st) == 0)
    in->ids[in->n++] = (struct InputId) { st.st_dev, st.st_ino, i };
}

CliInputs *
cli_inputs_new (const char *const *paths, size_t n)
{
  CliInputs *in = cli_xmalloc (sizeof *in);
  for (size_t i = 0; i < n; i++)
    inputs_append (in, paths[i], NULL);
  if (in->n > 1)   /* qsort (NULL, 0 ...) is undefined */
    qsort (in->ids, in->n, sizeof *in->ids, input_id_order_cmp);
  return in;
}

void
cli_inputs_add (CliInputs *in, const char *path, const char *named)
{
  if (in == NULL || path == NULL)
    return;
  inputs_append (in, path, named);
  if (in->n > 1)   /* qsort (NULL, 0 ...) is undefined */
    qsort (in->ids, in->n, sizeof *in->ids, input_id_order_cmp);
}

void
cli_inputs_free (CliInputs *in)
{
  if (in)
    {
      for (size_t i = 0; i < in->n_paths; i++)
        {
          free (in->paths[i]);
          free (in->named[i]);
        }
      free (in->paths);
      free (in->named);
      free (in->ids);
    }
  free (in);
}

long
cli_inputs_find (const CliInputs *in, const char *path)
{
  struct stat st;
  if (in == NULL || in->n == 0 || path == NULL || strcmp (path, "-") == 0
      || stat (path, &st) != 0)
    return -1;
  struct InputId key = { st.st_dev, st.st_ino, 0 };
  const struct InputId *hit = bsearch (&key, in->ids, in->n, sizeof key, input_id_cmp);
  while (hit && hit > in->ids && input_id_cmp (hit - 1, &key) == 0)
    hit--;                      /* the first input of that file */
  return hit ? (long) hit->index : -1;
}

/* " (named in p.eisfit:5)" for input I, or "". */
static const char *
input_named (const CliInputs *in, long i, char *buf, size_t len)
{
  if (i < 0 || !in->named[i])
    return "";
  snprintf (buf, len, " (%s)", in->named[i]);
  return buf;
}

int
cli_refuse_input (const char *option, const char *base, const char *path, const CliInputs *in)
{
  long i = cli_inputs_find (in, path);
  if (i < 0)
    return 0;
  char named[1200];
  const char *nm = input_named (in, i, named, sizeof named);
  if (base && strcmp (base, path) != 0)
    cli_error ("%s %s: the figure %s would replace the input file %s%s; an input is never "
               "replaced (not even with --force)", option, base, path, in->paths[i], nm);
  else
    cli_error ("%s %s: is the input file %s%s; an input is never replaced (not even with "
               "--force)", option, path, in->paths[i], nm);
  return -1;
}

char *
cli_plot_name (const char *base, int k)
{
  if (k <= 1)
    return cli_xstrdup (base);
  const char *dot = strrchr (base, '.');
  const char *slash = strrchr (base, '/');
  if (dot == NULL || (slash && dot < slash))
    dot = base + strlen (base);
  size_t n = strlen (base) + 24;
  char *p = cli_xmalloc (n);
  snprintf (p, n, "%.*s-%d%s", (int) (dot - base), base, k, dot);
  return p;
}

/* PATH with its folder resolved ("./x.png", "x.png" and "d/../x.png" give one name), or a
 * copy of PATH when the folder does not exist. Freed by the caller. */
static char *
canonical_name (const char *path)
{
  const char *slash = strrchr (path, '/');
  char *dir = cli_xstrdup (slash == NULL ? "." : slash == path ? "/" : path);
  if (slash != NULL && slash != path)
    dir[slash - path] = '\0';
  char *real = realpath (dir, NULL);
  free (dir);
  if (real == NULL)
    return cli_xstrdup (path);
  const char *base = slash ? slash + 1 : path;
  size_t n = strlen (real) + strlen (base) + 2;
  char *c = cli_xmalloc (n);
  snprintf (c, n, "%s/%s", real, base);
  free (real);
  return c;
}

/* 0, or K >= 1 when OUTPUT names the K-th figure of --plot PLOT (PLOT itself, or its numbered
 * name STEM-K.EXT, see cli_plot_name), by name or as the same existing file. */
static long
plot_figure_index (const char *output, const char *plot)
{
  struct stat a, b;
  if (stat (output, &a) == 0 && stat (plot, &b) == 0 && a.st_dev == b.st_dev
      && a.st_ino == b.st_ino)
    return 1;
  char *o = canonical_name (output), *p = canonical_name (plot);
  long k = 0;
  const char *dot = strrchr (p, '.');
  size_t stem = (size_t) (dot - p);
  if (strcmp (o, p) == 0)
    k = 1;
  else if (strncmp (o, p, stem) == 0 && o[stem] == '-' && o[stem + 1] >= '1'
           && o[stem + 1] <= '9')
    {
      char *end;
      errno = 0;
      long v = strtol (o + stem + 1, &end, 10);
      if (errno == 0 && v >= 2 && strcmp (end, dot) == 0)
        k = v;
    }
  free (o);
  free (p);
  return k;
}

/* The folder of PATH: "." when it names none (a copy). */
static char *
folder_of (const char *path)
{
  const char *slash = strrchr (path, '/');
  char *dir = cli_xstrdup (slash == NULL ? "." : slash == path ? "/" : path);
  if (slash != NULL && slash != path)
    dir[slash - path] = '\0';
  return dir;
}

/* Refuses (message printed, -1) a numbered figure of --plot PLOT (PLOT-2.EXT, PLOT-3.EXT ...,
 * cli_plot_name) that is one of the inputs IN: every file of that form in PLOT's folder is
 * compared (a link there to an input counts: the file it points to would be replaced). */
static int
refuse_numbered_figures (const char *plot, const CliInputs *in)
{
  const char *slash = strrchr (plot, '/');
  const char *base = slash ? slash + 1 : plot, *dot = strrchr (base, '.');
  size_t stem = dot ? (size_t) (dot - base) : strlen (base);
  if (!dot)
    dot = base + stem;
  char *dir = folder_of (plot);
  DIR *d = opendir (dir);
  free (dir);
  int rc = 0;
  if (d == NULL)
    {
      /* a folder that can be written but not listed: the first names one by one */
      for (int k = 2; k <= 10000 && rc == 0; k++)
        {
          char *name = cli_plot_name (plot, k);
          rc = cli_refuse_input ("--plot", plot, name, in);
          free (name);
        }
      return rc;
    }
  struct dirent *de;
  while (rc == 0 && (de = readdir (d)) != NULL)
    {
      const char *nm = de->d_name;
      if (strncmp (nm, base, stem) != 0 || nm[stem] != '-' || nm[stem + 1] < '1'
          || nm[stem + 1] > '9')
        continue;
      char *end;
      errno = 0;
      long k = strtol (nm + stem + 1, &end, 10);
      if (errno || k < 2 || k > INT_MAX || strcmp (end, dot) != 0)
        continue;
      char *name = cli_plot_name (plot, (int) k);
      rc = cli_refuse_input ("--plot", plot, name, in);
      free (name);
    }
  closedir (d);
  return rc;
}

int
cli_outputs_check (const char *output, const char *plot, int numbered, const CliInputs *in)
{
  if (plot)
    {
      const char *dot = strrchr (plot, '.'), *slash = strrchr (plot, '/');
      if (dot == NULL || (slash && dot < slash)
          || (strcasecmp (dot, ".png") != 0 && strcasecmp (dot, ".svg") != 0
              && strcasecmp (dot, ".pdf") != 0))
        {
          cli_error ("--plot %s: expected a file name ending in .png, .svg or .pdf", plot);
          return -1;
        }
    }
  if (cli_refuse_input ("-o", NULL, output, in) != 0
      || cli_refuse_input ("--plot", NULL, plot, in) != 0)
    return -1;
  if (numbered && plot && refuse_numbered_figures (plot, in) != 0)
    return -1;
  /* The report and a figure on one file: each would replace the other (with --force). */
  if (output && plot && strcmp (output, "-") != 0 && strcmp (plot, "-") != 0)
    {
      long k = plot_figure_index (output, plot);
      if (k == 1)
        {
          cli_error ("-o %s: is also the figure of --plot %s; give the report and the figure "
                     "different names", output, plot);
          return -1;
        }
      if (k > 1)
        {
          char *first2 = cli_plot_name (plot, 2);
          cli_error ("-o %s: is the name of figure %ld of --plot %s (one figure per spectrum: "
                     "%s, %s, ...); give the report another name", output, k, plot, plot,
                     first2);
          free (first2);
          return -1;
        }
    }
  return 0;
}

int
cli_check_outputs (const char *output, const char *plot, const char *const *inputs, size_t n)
{
  CliInputs *in = cli_inputs_new (inputs, n);
  int rc = cli_outputs_check (output, plot, 0, in);
  cli_inputs_free (in);
  return rc;
}

int
cli_check_plot_folder (const char *plot)
{
  if (plot == NULL || strcmp (plot, "-") == 0)
    return 0;
  const char *slash = strrchr (plot, '/');
  char *dir = cli_xstrdup (slash == NULL ? "." : slash == plot ? "/" : plot);
  if (slash != NULL && slash != plot)
    dir[slash - plot] = '\0';
  int rc = 0;
  if (access (dir, W_OK | X_OK) != 0)
    {
      cli_error ("--plot %s: cannot write into the folder %s: %s", plot, dir, strerror (errno));
      rc = -1;
    }
  free (dir);
  return rc;
}

int
cli_shared_parse (const char *arg, char **shared, size_t *n, size_t cap)
{
  char *copy = cli_xstrdup (arg), *save = NULL;
  int rc = 0;
  for (char *t = strtok_r (copy, ",", &save); t && rc == 0; t = strtok_r (NULL, ",", &save))
    {
      while (*t == ' ')
        t++;
      size_t tl = strlen (t);
      while (tl > 0 && t[tl - 1] == ' ')
        t[--tl] = '\0';
      if (*t == '\0')
        continue;
      for (size_t q = 0; q < *n && rc == 0; q++)
        if (strcmp (shared[q], t) == 0)
          {
            cli_error ("--shared: %s named twice", t);
            rc = -1;
          }
      if (rc == 0 && *n == cap)
        {
          cli_error ("--shared: at most %zu parameters", cap);
          rc = -1;
        }
      if (rc == 0)
        shared[(*n)++] = cli_xstrdup (t);
    }
  free (copy);
  return rc;
}

int
cli_shared_refuse_resistance (char *const *shared, size_t n, const EisCircuit *c)
{
  for (size_t q = 0; q < n; q++)
    {
      /* R1, R12 or Zarc1_R, G1_R */
      const char *t = shared[q];
      size_t tl = strlen (t), d = 1;
      while (t[0] == 'R' && d < tl && t[d] >= '0' && t[d] <= '9')
        d++;
      int plain = t[0] == 'R' && d == tl && tl > 1;
      /* a resistor in series with the whole circuit may be shared: it is then the leads */
      if (plain && (c == NULL || eis_circuit_series_resistance (c, t) >= 0))
        continue;
      if (plain || (tl > 2 && strcmp (t + tl - 2, "_R") == 0))
        {
          cli_error ("--shared %s: a resistance shared by spectra at different temperatures "
                     "cannot follow the temperature; share capacitances, exponents or the "
                     "lead inductance (or a resistance in series with the whole circuit, "
                     "which is then taken as the leads)", t);
          return -1;
        }
    }
  return 0;
}

void
cli_source_reason (const char *src, char *buf, size_t size)
{
  if (size == 0)
    return;
  if (strncmp (src, "none: ", 6) == 0)
    src += 6;
  snprintf (buf, size, "%s", src);
  static const char *const tails[] = { " (see the caution)", "; see the caution)",
                                       ": see the caution" };
  for (size_t k = 0; k < sizeof tails / sizeof *tails; k++)
    {
      char *at = strstr (buf, tails[k]);
      if (at)
        {
          if (k == 1)
            strcpy (at, ")");
          else
            *at = 0;
        }
    }
}
