/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import: time and memory to import a 100 MB generic CSV (about 2.3 million points in
 * one table of strictly decreasing frequency), written to a temporary file first. The time is
 * the CPU time of the import (user and system: reading the file is part of it), one core; the
 * peak memory is the process's maximum resident set (the writing before needs little). Prints
 * lines "@<TAB>name<TAB>value<TAB>unit" for bench/run.sh. */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "import.h"

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

int
main (void)
{
  gsl_set_error_handler_off ();
  char path[] = "/tmp/eisfit-bench-XXXXXX";
  int fd = mkstemp (path);
  if (fd < 0)
    {
      perror ("mkstemp");
      return 1;
    }
  FILE *fp = fdopen (fd, "w");
  fprintf (fp, "freq_Hz,Zreal_Ohm,Zimag_Ohm\n");
  size_t n = 0, bytes = 0;
  const size_t target = 100u * 1000 * 1000;
  /* Distinct frequencies: a fine geometric sweep from 1e7 Hz down. */
  double f = 1e7;
  while (bytes < target)
    {
      double w = 2 * M_PI * f, x = w * 2.3e-4;
      double re = 120.5 + 2385.0 / (1 + x * x), im = -2385.0 * x / (1 + x * x);
      int k = fprintf (fp, "%.9e,%.6e,%.6e\n", f, re, im);
      bytes += (size_t) k;
      n++;
      f *= 0.999995;
    }
  fclose (fp);
  double t0 = now ();
  EisDataFile *df = NULL;
  EisError err;
  int st = eis_import (path, NULL, &df, &err);
  double dt = now () - t0;
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  unlink (path);
  if (st != EIS_OK)
    {
      fprintf (stderr, "%s\n", err.message);
      return 1;
    }
  printf ("import of a %.0f MB generic CSV (%zu points): %.2f s (%.0f MB/s, %.0f ns per point); "
          "peak memory %.0f MB (%.1f bytes per byte of file)\n",
          bytes / 1e6, df->spectra[0]->n, dt, bytes / 1e6 / dt, 1e9 * dt / (double) n,
          ru.ru_maxrss / 1024.0, ru.ru_maxrss * 1024.0 / (double) bytes);
  printf ("@\timport of a 100 MB generic CSV\t%.1f\tMB/s\n", bytes / 1e6 / dt);
  printf ("@\tpeak memory importing it\t%.0f\tMB\n", ru.ru_maxrss / 1024.0);
  eis_data_file_free (df);
  return 0;
}
