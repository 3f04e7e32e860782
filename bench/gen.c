/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit-gen: writes synthetic data sets with known truth, for samples/, tests and benchmarks.
 *
 *   eisfit-gen spectrum CIRCUIT P1,P2,... F_LO F_HI PER_DECADE NOISE SEED > file.csv
 *       one spectrum (freq_Hz,Zreal_Ohm,Zimag_Ohm), Gaussian noise NOISE*|Z| per component
 *   eisfit-gen pellet T_C NOISE SEED > file.csv
 *       the sample pellet (0.60 mm, 10 mm diameter) at T_C: bulk R||C (eps_r 20) with
 *       Ea 0.31 eV and sigma(25 C) = 2.07e-4 S/cm, grain boundary R||CPE with Ea 0.45 eV,
 *       blocking electrode CPE
 *   eisfit-gen leads T_C NOISE SEED > file.csv
 *       a fast pellet (0.60 mm, 10 mm diameter) measured with 0.5 uH of lead inductance at
 *       5 points per decade from 0.1 Hz to 1 MHz: bulk R||C (eps_r 20) with Ea 0.35 eV and
 *       sigma(25 C) = 1.00e-4 S/cm, whose arc leaves the window above about -20 C; a
 *       grain-boundary arc (Ea 0.40 eV, 300 Ohm at 25 C, C_eff 1 nF, n 0.85) merging with it;
 *       blocking electrode CPE. For the series tests (tests/cli/test-series.sh).
 *   eisfit-gen polarization DV_V I0_A ISS_A TAU_S T_END_S DT_S NOISE SEED > file.csv
 *       a DC polarization current decay I(t) = Iss + (I0 - Iss) exp(-t/tau)
 */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit.h"

#define KB_EV 8.617333262e-5   /* Boltzmann constant, eV/K (CODATA 2018) */
#define EPS0_F_CM 8.8541878128e-14

static int
spectrum (const char *circuit, const double *p, double f_lo, double f_hi, double per_decade,
          double noise, unsigned long seed)
{
  EisCircuit *c = NULL;
  EisError err;
  if (eis_circuit_parse (circuit, &c, &err) != EIS_OK)
    {
      fprintf (stderr, "eisfit-gen: %s\n", err.message);
      return 1;
    }
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, seed);
  size_t n = (size_t) lround (per_decade * log10 (f_hi / f_lo)) + 1;
  printf ("freq_Hz,Zreal_Ohm,Zimag_Ohm\n");
  /* High to low frequency, as analysers sweep. */
  for (size_t i = 0; i < n; i++)
    {
      double f = f_hi * pow (f_lo / f_hi, (double) i / (double) (n - 1));
      double complex z;
      eis_circuit_eval (c, p, 2 * M_PI * f, &z, NULL);
      double m = cabs (z);
      printf ("%.6e,%.6e,%.6e\n", f, creal (z) + noise * m * gsl_ran_gaussian (rng, 1),
              cimag (z) + noise * m * gsl_ran_gaussian (rng, 1));
    }
  gsl_rng_free (rng);
  eis_circuit_free (c);
  return 0;
}

static int
pellet (double t_c, double noise, unsigned long seed)
{
  const double L = 0.060, A = M_PI * 0.5 * 0.5;   /* cm, cm^2 */
  double T = t_c + 273.15, T25 = 298.15;
  double sigma_b = 2.07e-4 * exp (-0.31 / KB_EV * (1 / T - 1 / T25));
  double Rb = L / (sigma_b * A);
  double Cb = EPS0_F_CM * 20 * A / L;
  double Rgb = 155.0 * exp (0.45 / KB_EV * (1 / T - 1 / T25));
  double ngb = 0.86, Cgb = 5.0e-9;
  /* R||CPE with effective capacitance Cgb: Q = C^n R^(n-1) (Hsu-Mansfeld inverted). */
  double Qgb = pow (Cgb, ngb) * pow (Rgb, ngb - 1);
  double p[] = { Rb, Cb, Rgb, Qgb, ngb, 4.2e-6, 0.88 };
  return spectrum ("p(R0,C0)-p(R1,CPE1)-CPE2", p, 0.1, 7e6, 10, noise, seed);
}

static int
leads (double t_c, double noise, unsigned long seed)
{
  const double L = 0.060, A = M_PI * 0.5 * 0.5;   /* cm, cm^2 */
  double T = t_c + 273.15, T25 = 298.15;
  double sigma_b = 1.00e-4 * exp (-0.35 / KB_EV * (1 / T - 1 / T25));
  double Rb = L / (sigma_b * A);
  double Cb = EPS0_F_CM * 20 * A / L;
  double Rgb = 300.0 * exp (0.40 / KB_EV * (1 / T - 1 / T25));
  double ngb = 0.85, Cgb = 1.0e-9;
  double Qgb = pow (Cgb, ngb) * pow (Rgb, ngb - 1);   /* Hsu-Mansfeld inverted */
  double p[] = { 0.5e-6, Rb, Cb, Rgb, Qgb, ngb, 4.2e-6, 0.88 };
  return spectrum ("L0-p(R1,C1)-p(R2,CPE2)-CPE3", p, 0.1, 1e6, 5, noise, seed);
}

static int
polarization (double dv, double i0, double iss, double tau, double t_end, double dt,
              double noise, unsigned long seed)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, seed);
  printf ("time_s,current_A,voltage_V\n");
  for (double t = 0; t <= t_end + 1e-9; t += dt)
    {
      double i = iss + (i0 - iss) * exp (-t / tau);
      printf ("%.3f,%.6e,%.6e\n", t, i * (1 + noise * gsl_ran_gaussian (rng, 1)),
              dv + 2e-6 * gsl_ran_gaussian (rng, 1));
    }
  gsl_rng_free (rng);
  return 0;
}

int
main (int argc, char **argv)
{
  gsl_set_error_handler_off ();
  if (argc == 9 && strcmp (argv[1], "spectrum") == 0)
    {
      double p[64];
      size_t n = 0;
      char *s = argv[3], *end;
      while (*s && n < 64)
        {
          p[n++] = strtod (s, &end);
          s = *end == ',' ? end + 1 : end;
          if (end == s && *s)
            break;
        }
      return spectrum (argv[2], p, atof (argv[4]), atof (argv[5]), atof (argv[6]),
                       atof (argv[7]), strtoul (argv[8], NULL, 10));
    }
  if (argc == 5 && strcmp (argv[1], "pellet") == 0)
    return pellet (atof (argv[2]), atof (argv[3]), strtoul (argv[4], NULL, 10));
  if (argc == 5 && strcmp (argv[1], "leads") == 0)
    return leads (atof (argv[2]), atof (argv[3]), strtoul (argv[4], NULL, 10));
  if (argc == 10 && strcmp (argv[1], "polarization") == 0)
    return polarization (atof (argv[2]), atof (argv[3]), atof (argv[4]), atof (argv[5]),
                         atof (argv[6]), atof (argv[7]), atof (argv[8]),
                         strtoul (argv[9], NULL, 10));
  fprintf (stderr, "usage: eisfit-gen spectrum CIRCUIT P1,P2,.. F_LO F_HI PER_DECADE NOISE SEED\n"
                   "       eisfit-gen pellet T_C NOISE SEED\n"
                   "       eisfit-gen leads T_C NOISE SEED\n"
                   "       eisfit-gen polarization DV I0 ISS TAU T_END DT NOISE SEED\n");
  return 1;
}
