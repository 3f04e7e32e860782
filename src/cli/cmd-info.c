/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit info: what a data file holds (format, spectra and series, points, frequency range,
 * metadata), read by the same importers as every other command. */
#include "commands.h"
#include "cli-util.h"
#include "fit-args.h"
#include "import.h"
#include "temperature.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
info_usage (FILE *fp)
{
  fprintf (fp,
           "Usage: eisfit info [OPTION]... FILE...\n"
           "Show the format, spectra, DC series, points, frequency range and metadata of each FILE.\n\n"
           "  -q, --quiet            no warnings on standard error\n"
           "  -h, --help             show this help\n"
           "%s\n"
           "Formats read:", cli_input_options_help);
  for (const char *const *n = eis_import_format_names (); *n; n++)
    fprintf (fp, " %s", *n);
  fprintf (fp, "\n");
}

static void
print_meta (const EisMeta *m, const char *indent, const EisMeta *skip)
{
  for (size_t i = 0; i < m->n; i++)
    {
      const char *k = m->items[i].key, *v = m->items[i].value;
      const char *sv = skip ? eis_meta_get (skip, k) : NULL;
      if (sv && strcmp (sv, v) == 0)
        continue;
      printf ("%s%s: %s\n", indent, k, v);
    }
}

typedef struct {
  int first;                    /* the first FILE argument (no blank line before it) */
} InfoState;

/* The file's line and metadata, once it is read and checked. */
static int
print_head (void *data, EisDataFile *f, size_t n_spectra)
{
  InfoState *st = data;
  if (!st->first)
    printf ("\n");
  st->first = 0;
  char *name = cli_name_text (f->path);
  printf ("%s: %s, %zu spectr%s, %zu DC series\n", name, f->format, n_spectra,
          n_spectra == 1 ? "um" : "a", f->n_series);
  free (name);
  print_meta (&f->meta, "  ", NULL);
  return 0;
}

/* Each spectrum as it is read. */
static int
print_spectrum (void *data, EisDataFile *f, EisSpectrum *s)
{
  (void) data;
  printf ("  spectrum %d", s->index + 1);
  if (s->cycle >= 0)
    printf (" (cycle %d)", s->cycle);
  double re_lo = INFINITY, re_hi = -INFINITY, im_lo = INFINITY, im_hi = -INFINITY;
  for (size_t k = 0; k < s->n; k++)
    {
      re_lo = fmin (re_lo, s->z_re[k]);
      re_hi = fmax (re_hi, s->z_re[k]);
      im_lo = fmin (im_lo, s->z_im[k]);
      im_hi = fmax (im_hi, s->z_im[k]);
    }
  printf (": %zu points, %.6g Hz to %.6g Hz, Z' from %.6g to %.6g Ohm, Z'' from %.6g to "
          "%.6g Ohm\n", s->n, s->freq_hz[0], s->freq_hz[s->n - 1], re_lo, re_hi, im_lo, im_hi);
  /* the temperature every fitting command takes: the metadata's, else the file name's */
  const char *from;
  int tst;
  double T = eis_spectrum_temperature (s, f->path, &from, &tst);
  if (isfinite (T))
    printf ("    temperature: %.2f K (%.2f degC, from the %s)\n", T, T - 273.15, from);
  char tc[600];
  if (eis_spectrum_temperature_conflict (s, f->path, tc, sizeof tc))
    {
      fflush (stdout);
      cli_warning ("%s: spectrum %d: %s", f->path, s->index + 1, tc);
    }
  else if (tst == EIS_TEMPERATURE_AMBIGUOUS)
    printf ("    temperature: none (the file name holds two that disagree; give it with "
            "FILE@T or a --series manifest)\n");
  if (!isnan (s->area_cm2))
    printf ("    area: %.6g cm2\n", s->area_cm2);
  print_meta (&s->meta, "    ", &f->meta);
  eis_spectrum_free (s);
  return 0;
}

static void
print_series (const EisDataFile *f)
{
  for (size_t i = 0; i < f->n_series; i++)
    {
      const EisSeries *s = f->series[i];
      printf ("  DC series %zu: %zu points, %.6g s to %.6g s, current %.6g A to %.6g A%s\n",
              i + 1, s->n, s->time_s[0], s->time_s[s->n - 1], s->current_a[0],
              s->current_a[s->n - 1], s->voltage_v ? ", with voltage" : "");
      if (!isnan (s->temperature_k))
        printf ("    temperature: %.2f K\n", s->temperature_k);
      print_meta (&s->meta, "    ", &f->meta);
    }
}

int
eisfit_cmd_info (int argc, char **argv)
{
  static const struct option own[] = {
    { "help", no_argument, NULL, 'h' },
    { "quiet", no_argument, NULL, 'q' },
  };
  struct option *longopts = cli_options_merge (own, sizeof own / sizeof own[0], CLI_OPTS_INPUT);
  const char **seen = cli_option_seen_new (longopts);
  if (longopts == NULL || seen == NULL)
    {
      cli_error ("out of memory");
      exit (EXIT_INTERNAL);
    }
  EisImportOptions opt;
  cli_input_args_init (&opt);
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "qh", longopts, NULL)) != -1)
    {
      if (c != '?' && cli_option_repeated (longopts, c, optarg, seen))
        {
          free (seen);
          free (longopts);
          return EXIT_USAGE;
        }
      int h = cli_input_args_handle (&opt, c, optarg);
      if (h > 0)
        continue;
      if (c == 'q')
        {
          cli_quiet = 1;
          continue;
        }
      free (seen);
      free (longopts);
      if (h < 0)
        return EXIT_USAGE;
      if (c == 'h')
        {
          info_usage (stdout);
          return EXIT_OK;
        }
      info_usage (stderr);
      return EXIT_USAGE;
    }
  free (seen);
  free (longopts);
  if (optind >= argc)
    {
      cli_error ("no input file (see eisfit info --help)");
      return EXIT_USAGE;
    }
  int failed = 0, out_of_memory = 0;
  InfoState st = { 1 };
  EisImportSink sink = { NULL, print_head, print_spectrum, &st };
  for (int i = optind; i < argc; i++)
    {
      EisDataFile *f = NULL;
      EisError err = { 0 };
      st.first = i == optind;
      /* a file of a million spectra is printed as it is read, not held */
      int rc = eis_import_each (argv[i], &opt, &sink, &f, &err);
      if (rc != EIS_OK)
        {
          cli_import_error (NULL, &err);
          failed++;
          out_of_memory |= rc == EIS_ERR_NOMEM;
          if (cli_exit_for_import (rc) == EXIT_USAGE)
            return EXIT_USAGE;
          continue;
        }
      print_series (f);
      eis_data_file_free (f);
    }
  fflush (stdout);
  return out_of_memory ? EXIT_INTERNAL : failed ? EXIT_INPUT : EXIT_OK;
}
