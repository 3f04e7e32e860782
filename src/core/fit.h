/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Complex non-linear least squares (CNLS) of an equivalent circuit to a spectrum:
 * Levenberg-Marquardt (gsl_multifit_nlinear) with an exact Jacobian, automatic starting values,
 * multi-start, and the choice of a default pellet circuit by information criterion. */
#ifndef EIS_FIT_H
#define EIS_FIT_H

#include <stddef.h>
#include "circuit.h"
#include "spectrum.h"

typedef enum {
  EIS_WEIGHT_PROPORTIONAL = 0, /* w_i = 1/|Z_i|^2 (residuals divided by |Z_i|): the default */
  EIS_WEIGHT_UNIT,             /* w_i = 1 */
  EIS_WEIGHT_MODULUS,          /* w_i = 1/|Z_i| */
  EIS_WEIGHT_COMPONENT         /* w'_i = 1/Z'_i^2, w''_i = 1/Z''_i^2 (Boukamp) */
} EisWeighting;

const char *eis_weighting_name (EisWeighting w);
/* Parses "proportional", "unit", "modulus", "component"; returns -1 when unknown. */
int eis_weighting_parse (const char *name);

/* A frequency range [lo_hz, hi_hz] left out of a fit. */
typedef struct {
  double lo_hz, hi_hz;
} EisFreqRange;

typedef enum {
  EIS_FIT_CONVERGED = 0,  /* a tolerance test was met */
  EIS_FIT_MAXITER,        /* stopped at the iteration limit */
  EIS_FIT_STALLED,        /* no further progress possible (singular or flat) */
  EIS_FIT_FAILED          /* the model could not be evaluated at the starting point */
} EisFitStatus;

const char *eis_fit_status_name (EisFitStatus s);

typedef struct {
  EisWeighting weighting;
  const double *init;    /* n_params starting values; NAN (or init == NULL) = automatic */
  const int *fixed;      /* n_params; nonzero = held at init (which must then be given) */
  const double *lower;   /* n_params lower bounds; NAN = none; may be NULL */
  const double *upper;   /* n_params upper bounds; NAN = none; may be NULL */
  int max_iter;          /* per start; 0 = default (200) */
  int n_starts;          /* number of starts tried; 0 = default */
  unsigned long seed;    /* for the perturbed starts; the same seed gives the same result */
  int geodesic;          /* Levenberg-Marquardt with geodesic acceleration (Transtrum & Sethna
                          * 2012; GSL's lmaccel), for long narrow valleys */
  double f_min_hz;       /* fit only points with f in [f_min, f_max]; 0 = no limit */
  double f_max_hz;
  const EisFreqRange *exclude;   /* frequency ranges left out (inclusive), may be NULL */
  size_t n_exclude;
  const size_t *exclude_points;  /* point numbers left out: 1-based, in order of ascending
                                  * frequency (the order of eisfit convert's rows) */
  size_t n_exclude_points;
  int li_symmetric;              /* the cell is Li|electrolyte|Li (--cell li-symmetric): the
                                  * automatic choice fits the circuits with an interface arc
                                  * at once (eis_fit_auto) */
} EisFitOptions;

void eis_fit_options_init (EisFitOptions *opt);
/* Checks OPT's starting values, fixed flags and bounds against C's parameters (what eis_fit_run
 * refuses first): a lower bound not below the upper, a resistance or capacitance not positive,
 * an exponent outside (0, 1], a free start outside its bounds, a fixed parameter without a
 * value. EIS_ERR_INVALID names the parameter. */
int eis_fit_check_settings (const EisCircuit *c, const EisFitOptions *opt, EisError *err);

/* 1 when point I (0-based, ascending frequency) of a spectrum at FREQ_HZ is used under OPT's
 * frequency window and exclusions, else 0. Fit, Lin-KK and the GUI share this rule. */
int eis_fit_point_used (const EisFitOptions *opt, size_t i, double freq_hz);
/* EIS_OK when every point OPT leaves out by number (exclude_points) is a point of S; else
 * EIS_ERR_INVALID naming the point and S's number of points. */
int eis_fit_points_check (const EisFitOptions *opt, const EisSpectrum *s, EisError *err);
/* A new spectrum holding the points of S that OPT uses (metadata copied), or NULL when out of
 * memory. */
EisSpectrum *eis_fit_used_points (const EisSpectrum *s, const EisFitOptions *opt);

/* Defined since EisFitResult has iterations_total (bench-given builds against older versions
 * of the engine too). */
#define EIS_FIT_HAS_ITERATIONS_TOTAL 1

typedef struct {
  size_t n_params;
  size_t n_points;       /* points used */
  double *value;         /* natural units */
  double *stderr_;       /* standard error; 0 for fixed; NAN when not determined */
  double *corr;          /* n_params x n_params, row-major; NAN where undefined */
  int *fixed;
  int *undetermined;     /* relative error > 100 % or |correlation| > 0.99 with another */
  int *at_bound;         /* on a bound: -1 lower, +1 upper (an exponent at 1 is +1), else 0 */
  double chi2;           /* weighted sum of squares S */
  double reduced_chi2;   /* S / dof */
  long dof;              /* 2N - free parameters */
  double aic, bic;       /* information criteria from S (Gaussian errors, weights as given) */
  double runs_z;         /* Wald-Wolfowitz runs test on the signs of the real and of the
                          * imaginary residuals, the lower z: near 0 for residuals that look
                          * like noise, well below -3 when the model misses a feature;
                          * -inf when every residual has one sign, NAN with fewer than 10;
                          * also the sign test: -|n+ - n-|/sqrt(n) when lower, so that
                          * residuals nearly all of one sign are caught */
  int iterations;        /* of the best start */
  int iterations_total;  /* of every start together (EIS_FIT_HAS_ITERATIONS_TOTAL) */
  int n_starts;          /* starts tried; 0 when the values are a share of a joint fit of a
                          * series (then ITERATIONS, STATUS and MESSAGE are the joint fit's) */
  EisFitStatus status;
  char message[256];     /* what the solver said, readable */
  int choice_doubtful;   /* eis_fit_auto took it although no candidate was converged,
                          * determined and admissible: its values are not to be trusted */
  EisWeighting weighting;
  double *freq_hz;       /* n_points: the points used */
  double *model_re;      /* n_points model impedance at the optimum, Ohm */
  double *model_im;
  double *res_re;        /* n_points relative residuals (Z' - model')/|Z| */
  double *res_im;
} EisFitResult;

EisFitResult *eis_fit_result_new (size_t n_params, size_t n_points);

/* Outliers of the fit R of C to S under OPT: a point is one when, fitted without it (warm
 * start from R), its relative residual exceeds EIS_OUTLIER_SIGMAS robust standard deviations
 * (1.4826 times the median absolute residual of the other points) and 1 %. Least squares lets
 * one bad point pull every parameter, so each suspect is judged by the fit that leaves it out;
 * up to MAX are found, worst first. IDX receives their indices in S (0-based, ascending
 * frequency). Returns how many; 0 below 10 points. */
#define EIS_OUTLIER_SIGMAS 6.0
size_t eis_fit_outliers (const EisCircuit *c, const EisSpectrum *s, const EisFitOptions *opt,
                         const EisFitResult *r, size_t *idx, size_t max);
void eis_fit_result_free (EisFitResult *r);

/* Automatic starting values from the spectrum itself (intercepts, arc widths, apex
 * frequencies). P receives n_params values. */
int eis_fit_guess (const EisCircuit *c, const EisSpectrum *s, double *p, EisError *err);

/* Before any fit: the extent [Ohm] of a Nyquist view that shows the electrolyte's part of S,
 * 1.3 times the high-frequency intercept plus the arcs found by the distribution of relaxation
 * times, when a low-frequency electrode spike rises far above them; NAN when the whole
 * spectrum is the natural view. */
double eis_fit_guess_nyquist_extent (const EisSpectrum *s);

/* Fits C to S. A fit that does not converge is a result with a status, not an error;
 * errors are bad arguments (unknown bounds, init outside bounds, too few points) or memory. */
int eis_fit_run (const EisCircuit *c, const EisSpectrum *s, const EisFitOptions *opt,
                 EisFitResult **out, EisError *err);

/* A fit whose residuals lie far beyond any noise: their RMS (of the relative residuals
 * (Z - Zmodel)/|Z|, real and imaginary parts) above EIS_MISFIT_RMS, ten times what the
 * Kramers-Kronig check allows valid data (1 %), with a pattern (runs test z below -3). Such a
 * model does not describe the data, whatever its parameters' errors say. Returns 1 then, with
 * the RMS in *RMS (may be NULL). */
#define EIS_MISFIT_RMS 0.10
int eis_fit_misfit (const EisFitResult *r, double *rms);

/* Physical admissibility of a fitted circuit (SCIENCE.md, "Admissible models"; man eisfit,
 * ADMISSIBLE MODELS): the exponent of a CPE inside an arc (in parallel with a resistive
 * branch) or of a Zarc at least EIS_ARC_N_MIN, of a CPE in series (a tail) at least
 * EIS_TAIL_N_MIN; the apex of every arc (R||C, R||CPE, Zarc, and the charge-transfer arc of a
 * Randles branch) and the characteristic frequency of every finite Warburg or Gerischer
 * element inside the fitted frequency range widened by EIS_APEX_DECADES decades on each side
 * (EIS_APEX_DECADES_IDEAL for an R||C arc, whose shape has no free parameter); an inductance
 * in series a lead inductance (eis_fit_lead_inductance_ok).
 * Returns the number of violations; WHY (may be NULL) receives them, "; "-separated, each
 * with its reason. */
#define EIS_ARC_N_MIN 0.5
#define EIS_TAIL_N_MIN 0.4
#define EIS_APEX_DECADES 1.0
#define EIS_APEX_DECADES_IDEAL 1.5   /* an arc with an ideal capacitor (R||C) */
/* An inductance in series above this is no lead inductance (leads: 0.1-1 uH, SCIENCE.md)
 * unless the data show it (eis_fit_lead_inductance_ok): not admissible, in a single fit and in
 * a series alike. */
#define EIS_LEAD_L_MAX_H 1e-5
/* 1 when a series inductance L_H [H] in fit R is a lead inductance: at most EIS_LEAD_L_MAX_H,
 * or larger where the spectrum is inductive (Z'' > 0) at its highest fitted frequency. */
int eis_fit_lead_inductance_ok (const EisFitResult *r, double L_h);
size_t eis_fit_admissible (const EisCircuit *c, const EisFitResult *r, char *why, size_t why_len);

/* The default models for a pellet between blocking electrodes, tried by eis_fit_auto, and
 * the Randles-type models with a diffusion element it adds when the low-frequency tail is
 * flatter than a blocking electrode's. */
extern const char *const eis_fit_default_circuits[];
extern const char *const eis_fit_diffusion_circuits[];

/* Fits every default circuit and keeps the one with the lowest BIC (Schwarz 1978) among
 * those whose parameters are all determined (falls back to lowest BIC). WHY receives a
 * one-line explanation ("picked R0-p(R1,CPE1)-CPE2: BIC -812.3 vs ..."). */
int eis_fit_auto (const EisSpectrum *s, const EisFitOptions *opt, EisCircuit **circuit,
                  EisFitResult **out, char *why, size_t why_len, EisError *err);
/* The same choice without the distribution's seeding: every candidate fitted from the guess
 * variants and perturbed starts (the automatic choice before seeding; slower, for comparison
 * and for the doubtful case). */
int eis_fit_auto_exhaustive (const EisSpectrum *s, const EisFitOptions *opt,
                             EisCircuit **circuit, EisFitResult **out, char *why, size_t why_len,
                             EisError *err);

#endif
