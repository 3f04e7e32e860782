/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-kk: Lin-KK (eis_kk_run, default options: M chosen by the mu criterion) on 200 seeded
 * 79-point two-arc pellet spectra (R0-p(R1,CPE1)-p(R2,CPE2)-CPE3, 7 MHz..0.1 Hz, 0.5 %
 * noise; a third of them with the bulk arc above the top frequency). Prints the CPU time per
 * spectrum and the mean M and RMS residual (which must not change between versions), and a
 * line "@<TAB>name<TAB>value<TAB>unit" for bench/run.sh. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "circuit.h"
#include "kk.h"
#include "spectrum.h"

#define N_SPECTRA 200
#define N_POINTS 79

static double
cpu_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

int
main (void)
{
  gsl_set_error_handler_off ();
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse ("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", &c, &err) != EIS_OK)
    {
      fprintf (stderr, "%s\n", err.message);
      return 1;
    }
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 2027);
  EisSpectrum *sp[N_SPECTRA];
  for (int s = 0; s < N_SPECTRA; s++)
    {
      double R1 = pow (10, gsl_ran_flat (rng, 2, 5));
      double R2 = R1 * pow (10, gsl_ran_flat (rng, -0.3, 1));
      double f1 = pow (10, s % 3 == 2 ? gsl_ran_flat (rng, 6.85, 7.85) : gsl_ran_flat (rng, 4, 6));
      double f2 = fmax (10.0, fmin (f1, 7e6) / pow (10, gsl_ran_flat (rng, 1.3, 3.5)));
      double n1 = gsl_ran_flat (rng, 0.8, 1.0), n2 = gsl_ran_flat (rng, 0.7, 0.95);
      double n3 = gsl_ran_flat (rng, 0.8, 0.95);
      double Q3 = 1.0 / (R2 * pow (10, gsl_ran_flat (rng, -2, -1)) * pow (2 * M_PI * f2, n3));
      double p[9] = { R1 * gsl_ran_flat (rng, 0.02, 0.2), R1, pow (2 * M_PI * f1, -n1) / R1, n1,
                      R2, pow (2 * M_PI * f2, -n2) / R2, n2, Q3, n3 };
      sp[s] = eis_spectrum_new (N_POINTS);
      if (sp[s] == NULL)
        return 1;
      for (int i = 0; i < N_POINTS; i++)
        {
          double f = 0.1 * pow (7e6 / 0.1, (double) i / (N_POINTS - 1));   /* ascending */
          double complex z;
          eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
          double m = cabs (z);
          sp[s]->freq_hz[i] = f;
          sp[s]->z_re[i] = creal (z) + 0.005 * m * gsl_ran_gaussian (rng, 1);
          sp[s]->z_im[i] = cimag (z) + 0.005 * m * gsl_ran_gaussian (rng, 1);
        }
    }
  double sum_m = 0, sum_rms = 0;
  int valid = 0, reps = 5;
  double t0 = cpu_now ();
  for (int rep = 0; rep < reps; rep++)
    for (int s = 0; s < N_SPECTRA; s++)
      {
        EisKKResult *k = NULL;
        if (eis_kk_run (sp[s], NULL, &k, &err) != EIS_OK)
          {
            fprintf (stderr, "%s\n", err.message);
            return 1;
          }
        if (rep == 0)
          {
            sum_m += (double) k->m;
            sum_rms += k->rms_res;
            valid += k->valid == 1;
          }
        eis_kk_result_free (k);
      }
  double dt = (cpu_now () - t0) / (reps * N_SPECTRA);
  printf ("Lin-KK of %d-point spectra: %.3f ms each (%.0f spectra/s per core); mean M %.2f, "
          "mean RMS residual %.4f %%, valid %d of %d\n",
          N_POINTS, 1e3 * dt, 1 / dt, sum_m / N_SPECTRA, 100 * sum_rms / N_SPECTRA, valid,
          N_SPECTRA);
  printf ("@\tLin-KK, %d points\t%.1f\tspectra/s\n", N_POINTS, 1 / dt);
  for (int s = 0; s < N_SPECTRA; s++)
    eis_spectrum_free (sp[s]);
  gsl_rng_free (rng);
  eis_circuit_free (c);
  return 0;
}
