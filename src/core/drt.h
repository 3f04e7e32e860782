/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Distribution of relaxation times (DRT) of an impedance spectrum: Tikhonov-regularised,
 * non-negative, on Gaussian radial basis functions (Wan, Saccoccio, Chen & Ciucci,
 * Electrochim. Acta 184 (2015) 483); the regularisation parameter chosen by generalised
 * cross-validation, re-im cross-validation or the L-curve (Maradesa et al., J. Electrochem.
 * Soc. 170 (2023) 030502). */
#ifndef EIS_DRT_H
#define EIS_DRT_H

#include <stddef.h>
#include "eis-error.h"
#include "spectrum.h"

/* Which part of the impedance the DRT is fitted to. */
typedef enum {
  EIS_DRT_COMBINED = 0,  /* Z' and Z'' together (default) */
  EIS_DRT_REAL,          /* Z' only: the inductance is then estimated from Z'' afterwards */
  EIS_DRT_IMAG           /* Z'' only: R_inf is then estimated from Z' afterwards */
} EisDrtPart;

/* How lambda is chosen. */
typedef enum {
  EIS_DRT_LAMBDA_GCV = 0, /* generalised cross-validation */
  EIS_DRT_LAMBDA_REIM,    /* re-im cross-validation: fit Z', predict Z'', and the reverse */
  EIS_DRT_LAMBDA_LCURVE,  /* corner (largest curvature) of the L-curve */
  EIS_DRT_LAMBDA_FIXED,   /* the value given in EisDrtOptions.lambda */
  EIS_DRT_LAMBDA_MGCV     /* modified GCV (Kim & Gu 2004): rho tr K in the denominator; the
                           * default (on analytic spectra with 0.5 % noise it meets the peak
                           * and R_inf tolerances more often than plain GCV, which drifts to
                           * too small a lambda and splits broad peaks) */
} EisDrtLambdaMethod;

/* The most points a DRT takes (after --fmin/--fmax): its time grows faster than the
 * points (2,000 took 12 s with eisfit drt's 30 bootstrap replicates, 5,000 36 s, 20,000 more
 * than 300 s), and its basis has at most 12 functions a decade, so a longer sweep adds time,
 * not resolution. */
#define EIS_DRT_MAX_POINTS 2000

/* Whether the series inductance is in the model. */
enum { EIS_DRT_AUTO = -1, EIS_DRT_NO = 0, EIS_DRT_YES = 1 };

typedef struct {
  int part;                /* EisDrtPart */
  int lambda_method;       /* EisDrtLambdaMethod (default EIS_DRT_LAMBDA_MGCV) */
  double lambda;           /* used with EIS_DRT_LAMBDA_FIXED; > 0 */
  int derivative;          /* order of the derivative penalised: 1 (default) or 2 */
  double f_min_hz, f_max_hz; /* use only points in [f_min, f_max]; NAN = no limit */
  int keep_tail;           /* 1: fit a blocking-electrode capacitive tail too (see below) */
  int inductance;          /* EIS_DRT_AUTO (default: when Z'' > 0 at the highest frequency,
                            * or omega_max L of a DRT with L exceeds 3 x its noise at |Z|),
                            * EIS_DRT_YES or EIS_DRT_NO */
  double peak_min_fraction;/* a peak counts when its area is at least this fraction of the
                            * total polarisation resistance (0.01) ... */
  double peak_min_prominence; /* ... and it rises above the higher of its two neighbouring
                            * minima by this fraction of the highest gamma (0.10) */
  size_t min_points;       /* fewer points left is an error (10) */
  size_t n_boot;           /* bootstrap replicates for the peaks' standard errors (0, the
                            * default: none; eisfit drt takes 30): each costs one DRT */
} EisDrtOptions;

void eis_drt_options_init (EisDrtOptions *o);

/* One peak of gamma(tau). */
typedef struct {
  double tau_s;            /* time constant at the maximum [s] */
  double f_hz;             /* 1/(2 pi tau) [Hz] */
  double gamma_ohm;        /* gamma at the maximum [Ohm] (per unit ln tau) */
  double r_ohm;            /* area between the neighbouring minima [Ohm] */
  double r_se_ohm;         /* its standard error from the noise [Ohm], by a parametric
                            * bootstrap (EisDrtOptions.n_boot); NAN where none (no bootstrap,
                            * or a capacitive tail's remnant) */
  double tau_lo_s, tau_hi_s; /* the minima bounding it [s] */
  int beyond_data;         /* 1 when tau lies outside [1/omega_max, 1/omega_min] of the points
                            * fitted: the peak is an extrapolation, not a resolved process */
} EisDrtPeak;

typedef struct {
  /* The points fitted (ascending frequency), and the DRT's own fit there. */
  size_t n;
  double *freq_hz, *z_re, *z_im;          /* data [Hz, Ohm] */
  double *z_re_fit, *z_im_fit;            /* R_inf + j omega L + integral of gamma [Ohm] */
  double rms_res;          /* RMS of (Z - Zfit)/|Z| over the parts fitted */
  size_t n_input;          /* points in the spectrum */
  size_t n_range;          /* of them inside [f_min, f_max] */
  size_t n_tail;           /* low-frequency points left out as a capacitive tail */
  double tail_below_hz;    /* they lie below this frequency (NAN when none) */
  double tail_phase_deg;   /* phase at the lowest frequency when a tail was found */
  double tail_low_hz;      /* that lowest frequency */

  /* gamma(tau) on a fine log grid spanning the basis grid (a decade beyond the data). */
  size_t n_tau;
  double *tau_s;           /* ascending [s] */
  double *gamma_ohm;       /* >= 0 [Ohm] */

  size_t m_basis;          /* number of Gaussian basis functions */
  double epsilon;          /* their shape factor: phi(x) = exp(-(epsilon x)^2), x = ln tau */
  double r_inf_ohm;        /* series resistance [Ohm] (>= 0) */
  double l_h;              /* series inductance [H] (>= 0; 0 when not in the model) */
  int with_inductance;     /* 1 when L was in the model */
  double r_pol_ohm;        /* integral of gamma d ln tau [Ohm] */
  double r_tail_ohm;       /* of it, the peaks beyond the lowest frequency that are what is
                            * left of a capacitive tail left out (not a process) [Ohm]; the
                            * processes measured add up to r_inf + r_pol - r_tail */
  double noise_rel;        /* the residuals' noise, relative to |Z|, with the effective
                            * number of parameters taken off their count (NAN: unknown) */
  size_t n_boot;           /* bootstrap replicates behind the peaks' errors (0: none) */
  double lambda;           /* the regularisation parameter used */
  int lambda_method;       /* how it was chosen (EisDrtLambdaMethod) */
  int gcv_failed;          /* 1 when GCV was asked for but had no minimum (still falling at
                            * the smallest lambda tried, 1e-10): the L-curve was used */
  int lambda_at_largest;   /* 1 when the criterion ran to the largest lambda tried (1) */
  int part;                /* EisDrtPart */
  int derivative;          /* 1 or 2 */

  size_t n_peaks;
  EisDrtPeak *peaks;       /* ascending tau */
  char warning[1280];       /* what the reader must know (tail left out, peaks beyond the
                            * data, a poor fit); empty when nothing */
} EisDrtResult;

/* Computes the DRT of S with options OPT (NULL = defaults). On success *OUT is a new result
 * (free it with eis_drt_result_free). EIS_ERR_DATA (message says why) when the spectrum
 * cannot support a DRT: too few points, or nothing but a capacitive tail.
 *
 * Model: Z(omega) = R_inf + j omega L + integral gamma(ln tau) / (1 + j omega tau) d ln tau,
 * gamma = sum x_k exp(-(epsilon (ln tau - ln tau_k))^2), tau_k log-spaced from a decade below
 * 1/omega_max to a decade above 1/omega_min, epsilon such that each Gaussian's full width at
 * half maximum is two grid steps (pyDRTtools' default). Residuals weighted by 1/|Z_i|;
 * penalty lambda * integral (d^k gamma / d ln tau^k)^2 on gamma / max|Z|; x, R_inf, L >= 0
 * (non-negative least squares, Lawson & Hanson 1974, in the normal-equation form of Bro & de
 * Jong 1997). lambda is chosen on the unconstrained problem, as pyDRTtools does.
 *
 * A blocking electrode's capacitive tail (phase below -60 degrees at the lowest frequency and
 * -Z'' still rising there) is the DRT of a series capacitance or CPE: gamma growing without
 * bound at long tau, no peak. Unless KEEP_TAIL, its points (below the minimum of -Z'' between
 * the last arc and the tail) are left out and the result says so. */
int eis_drt_run (const EisSpectrum *s, const EisDrtOptions *opt, EisDrtResult **out,
                 EisError *err);
void eis_drt_result_free (EisDrtResult *r);

/* The impedance of one Gaussian basis function phi(x) = exp(-(epsilon x)^2) centred at
 * ln tau_k, at omega with omega tau_k = WT: RE = integral phi / (1 + (WT e^x)^2) dx and
 * IM = -integral phi WT e^x / (1 + (WT e^x)^2) dx [Ohm per unit weight]. Gauss-Hermite
 * quadrature (16 nodes). Exposed for the tests. */
void eis_drt_basis_impedance (double wt, double epsilon, double *re, double *im);

/* Short name of a lambda method ("GCV", "re-im CV", "L-curve", "given"). */
const char *eis_drt_lambda_method_name (int method);

#endif
