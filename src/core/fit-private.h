/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal interfaces between the fitter files (fit.c, fit-guess.c, fit-auto.c). */
#ifndef EIS_FIT_PRIVATE_H
#define EIS_FIT_PRIVATE_H

#include "fit.h"

/* Which variant of the automatic guess to produce (0 = the base guess). Variants change
 * the assumed dispersion (CPE exponents) and how overlapping arcs are split. */
int eis_fit_guess_variant (const EisCircuit *c, const EisSpectrum *s, int variant, double *p,
                           EisError *err);

/* The start for a spectrum whose fastest arc peaks above the highest measured frequency (the
 * bulk of a pellet at low temperature, or a fast one at any): when -Z'' still falls from the
 * top frequency downwards and C is a series of a resistance and arcs (R||C, R||CPE), P
 * receives BASE with the series resistance set small and the first parallel arc placed
 * from the top point (its apex at or above the top), and R_INDEX the index of that series
 * resistance among C's parameters; returns 1, else 0 (P undefined).
 * A fit from the usual guess slides towards such a minimum along a long valley (R0 towards 0
 * in log space) and may stop short of it. */
int eis_fit_guess_above_top (const EisCircuit *c, const EisSpectrum *s, const double *base,
                             double *p, size_t *r_index);

/* What the automatic guess reads from a spectrum (fit-guess.c): a coarse ridge-regularised
 * distribution of relaxation times with a series resistance, low-frequency CPE and
 * inductance, and its lobes (arcs) in the measured range. */
#define EIS_FIT_MAX_LOBES 32
typedef struct {
  double R;     /* Ohm */
  double tau;   /* s */
} EisFitLobe;

typedef struct {
  double R_inf;          /* Ohm, high-frequency intercept */
  double C_series;       /* F, NAN when none */
  double L_series;       /* H */
  double Q_series, n_series;  /* the low-frequency CPE of the distribution fit */
  size_t n_lobes;
  EisFitLobe lobes[EIS_FIT_MAX_LOBES];   /* ascending tau */
  /* Low-frequency behaviour. */
  double n_low;          /* -d ln|Z''| / d ln omega at the lowest frequencies */
  double omega_low, zim_low, zre_low;
  double omega_high, zim_high, zre_high;
  double zmod_median;
} EisFitFeatures;

/* The features of S (at least 2 points, ascending frequency). */
void eis_fit_features (const EisSpectrum *s, EisFitFeatures *F);
/* Guess variant VARIANT for C from features F (eis_fit_guess_variant without the features'
 * cost, for callers that start several circuits on one spectrum). */
void eis_fit_guess_features (const EisCircuit *c, const EisFitFeatures *F, int variant,
                             double *p);

/* 1 when lobe I of F is an arc rather than a ripple of the inversion: at least a tenth of the
 * lobes' resistance, or a fiftieth standing five times above its neighbouring lobes. */
int eis_fit_lobe_is_arc (const EisFitFeatures *F, size_t i);

/* The automatic choice's reading of a distribution (fit-auto.c), shared with the series'
 * choice (series.c): how many of its lobes are arcs (eis_fit_lobe_is_arc), and
 * whether the low-frequency end is a blocking electrode's tail or back at the real axis. */
typedef struct {
  size_t arcs;
  int tail, no_tail;
  int li_symmetric;   /* a Li|electrolyte|Li cell (set by the caller, not by the features) */
} EisFitShape;
EisFitShape eis_fit_features_shape (const EisFitFeatures *F);
/* When candidate C is worth fitting to a spectrum of shape SH: 0 = at once (as many arcs as
 * the distribution shows, or one more without a series resistance, whose first arc may be the
 * intercept), 1 = when those do not describe the data (one arc more or fewer), 2 = last (the
 * rest, and a tail the spectrum does not show or lacks). */
int eis_fit_candidate_group (const EisCircuit *c, const EisFitShape *sh);
/* 1 when C's slowest arc holds a diffusion element (R0-p(R1,CPE1)-p(CPE2,R2-W2)): its guess
 * variant 0 gives that element the distribution's slowest lobe, variant 1 gives the lobe to
 * the arcs (eis_fit_guess_features). */
int eis_fit_guess_diffusion_arc (const EisCircuit *c);
/* C's start from the distribution F (P: n_params values; C has at most 64). */
void eis_fit_candidate_seed (const EisCircuit *c, const EisFitFeatures *F, double *p);
/* Residuals that look like noise (runs and sign tests) on a converged fit: the start found the
 * minimum that the data call for, and more starts would stop at once too (eis_fit_run's early
 * exit). */
int eis_fit_clean (const EisFitResult *r);

/* The smallest series inductance of leads and cell holders (SCIENCE.md: 0.1 to 1 uH). */
#define EIS_FIT_CABLE_L_MIN_H 1e-7
/* 1 when an inductance L_H would show in R's data: omega L at the top frequency above twice
 * the noise there (the fit's RMS relative residual times |Z|). */
int eis_fit_inductance_shows (const EisFitResult *r, double l_h);

/* Number of deterministic guess variants worth trying for this circuit. */
int eis_fit_guess_n_variants (const EisCircuit *c);

/* The spectrum's shape as eis_fit_auto reads it (fit-auto.c): a low-frequency tail flatter
 * than a blocking electrode's (Randles-type diffusion candidates are worth trying), and an
 * inductive high-frequency end (Z'' > 0: a series inductance belongs in every candidate). */
int eis_fit_looks_diffusive (const EisSpectrum *s);
int eis_fit_looks_inductive (const EisSpectrum *s);

/* Square roots of the weights of N points for weighting W (fit.c; the man page's WEIGHTING). */
void eis_fit_weights (EisWeighting w, size_t N, const double *zre, const double *zim,
                      double *sw_re, double *sw_im);

/* The statistics of R again after another solver set its values, errors, correlations, fixed
 * flags and chi2 (the joint fit of a series, series-global.c), so that everything said about
 * R belongs to those values: the model impedance and relative residuals at R's values over the
 * points of S it was fitted to (R->freq_hz), the runs and sign tests, dof = 2N minus the
 * parameters not fixed, reduced chi2, AIC and BIC from R->chi2, the parameters on a bound of
 * OPT (may be NULL; an exponent at 0 or 1) and those not determined (relative error > 100 % or
 * |correlation| > 0.99), by eis_fit_run's rules. */
void eis_fit_result_restate (EisFitResult *r, const EisCircuit *c, const EisSpectrum *s,
                             const EisFitOptions *opt);

/* The statistics of a fit R of circuit C read back from a saved file (a project), from R's
 * values alone on U, the N points it was fitted to (eis_fit_used_points, ascending frequency):
 * the model and relative residuals there, chi2 (the weighted sum of squares of R->weighting,
 * as eis_fit_run's), dof, reduced chi2, AIC, BIC and the runs and sign tests, so that the
 * misfit check (eis_fit_misfit) judges the saved values on the data as they are, not the
 * statistics saved with them. */
void eis_fit_result_reassess (EisFitResult *r, const EisCircuit *c, const EisSpectrum *u);

/* The standard errors and correlations eis_fit_run gives at R's values (R->fixed held,
 * R->weighting, the scale R->reduced_chi2) on U, the points R was fitted to, into STDERR_OUT
 * (n_params) and CORR_OUT (n_params squared): the covariance a fit ending at these values has,
 * to check those saved with it (a project). 0, or -1 when memory runs out. */
int eis_fit_result_covariance (const EisFitResult *r, const EisCircuit *c, const EisSpectrum *u,
                               double *stderr_out, double *corr_out);

#endif
