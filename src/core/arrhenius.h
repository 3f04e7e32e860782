/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Temperature dependence of the ionic conductivity: Arrhenius (sigma and sigma*T forms)
 * and Vogel-Tammann-Fulcher fits with standard errors. */
#ifndef EIS_ARRHENIUS_H
#define EIS_ARRHENIUS_H

#include <math.h>
#include <stddef.h>
#include "eis-error.h"

#define EIS_BOLTZMANN_EV_K 8.617333262e-5   /* k_B [eV/K] (CODATA 2018, exact) */
#define EIS_T_REF_DEFAULT_K 298.15           /* 25 °C */
/* The temperatures an Arrhenius fit takes (man eisfit, LIMITS): from liquid helium to above any
 * solid electrolyte's use, and spanning at least a kelvin. */
#define EIS_ARRHENIUS_T_MIN_K 1.0
#define EIS_ARRHENIUS_T_MAX_K 5000.0
#define EIS_ARRHENIUS_MIN_SPAN_K 1.0

typedef enum {
  EIS_ARRHENIUS_SIGMA = 0,   /* sigma   = A exp(-Ea/(k_B T)),  A in the units of sigma */
  EIS_ARRHENIUS_SIGMA_T      /* sigma T = A exp(-Ea/(k_B T)),  A in (units of sigma) K */
} EisArrheniusForm;

/* "sigma" or "sigmaT". */
const char *eis_arrhenius_form_name (EisArrheniusForm form);

/* Conductivities may be in any unit (S/cm in eisfit); A and sigma_ref carry the same unit.
 * Standard errors are NAN when they are not determined (2 points). */
typedef struct {
  EisArrheniusForm form;
  size_t n;                  /* points */
  int weighted;              /* 1 when fitted with weights from the relative sigma errors */
  double Ea_eV, Ea_se_eV;    /* activation energy [eV] */
  double ln_A, ln_A_se;      /* natural log of the prefactor */
  double cov_lnA_Ea;         /* covariance of ln_A and Ea_eV [eV] */
  double r2;                 /* coefficient of determination (weighted when weighted) */
  double chi2;               /* sum of (weighted) squared residuals of ln(sigma) */
  size_t dof;                /* n - 2 */
  double T_ref_K;
  double sigma_ref, sigma_ref_se;  /* sigma at T_ref from the fit, with propagated error;
                                    * NAN when it under- or overflows a double */
} EisArrheniusFit;

/* Fits ln(sigma) (or ln(sigma T)) = ln A - Ea/(k_B T) to N points by weighted linear least
 * squares. SIGMA_SE may be NULL: the fit is weighted (w = (sigma/sigma_se)^2) only when every
 * sigma_se is finite and > 0, otherwise unweighted. Standard errors come from the covariance
 * scaled by chi2/dof (errors taken as relative weights); with 2 points, from the sigma errors
 * alone (NAN unweighted). T_REF_K <= 0 or NAN means 298.15 K.
 * Needs N >= 2 distinct temperatures; T and sigma must be finite and positive. */
int eis_arrhenius_fit (const double *T_K, const double *sigma, const double *sigma_se, size_t n,
                       EisArrheniusForm form, double T_ref_K, EisArrheniusFit *out,
                       EisError *err);

/* Decimals eisfit shows an activation energy [eV] and its standard error EA_SE_EV with, in
 * every face (eisfit arrhenius, its --plot legend, eisfit-gtk): 4 (0.1 meV), more (up to 6)
 * where the error would round to zero, so that it keeps two significant digits there. */
static inline int
eis_arrhenius_ea_decimals (double Ea_se_eV)
{
  int dec = 4;

  /* inline: the plotting module, loaded at run time by eisfit, uses it too. 0.5e-4 and below
   * print as 0.0000: two significant digits of the error instead */
  if (Ea_se_eV > 0 && Ea_se_eV < 0.5e-4)
    dec = (int) ceil (-log10 (Ea_se_eV)) + 1;
  return dec > 6 ? 6 : dec;
}

/* sigma(T) from a fit (for plotting the line). */
double eis_arrhenius_sigma_at (const EisArrheniusFit *fit, double T_K);

/* Vogel-Tammann-Fulcher: sigma = A T^(-1/2) exp(-B/(T - T0)), fitted to ln(sigma) with
 * 0 < T0 < min T. */
typedef struct {
  size_t n;
  int weighted;
  int converged;             /* 0 when the solver stopped without meeting its tolerances */
  size_t iterations;
  double A, A_se;            /* (units of sigma) K^(1/2) */
  double ln_A, ln_A_se;
  double B_K, B_se_K;        /* pseudo activation temperature [K] */
  double T0_K, T0_se_K;      /* ideal glass-transition temperature [K] */
  double Ea_eV, Ea_se_eV;    /* pseudo activation energy k_B B [eV] */
  double r2;
  double chi2;
  size_t dof;                /* n - 3 */
  double T_ref_K;
  double sigma_ref, sigma_ref_se;
  char note[160];            /* why not converged, or how well determined */
} EisVTFFit;

/* Fits VTF to N >= 4 points (a refusal with a clear error below that). Weights as in
 * eis_arrhenius_fit. The start is found automatically: a grid over T0 with a linear fit for
 * ln A and B at each, then gsl_multifit_nlinear (Levenberg-Marquardt, analytic Jacobian). */
int eis_vtf_fit (const double *T_K, const double *sigma, const double *sigma_se, size_t n,
                 double T_ref_K, EisVTFFit *out, EisError *err);

double eis_vtf_sigma_at (const EisVTFFit *fit, double T_K);

#endif
