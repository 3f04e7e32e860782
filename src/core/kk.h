/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kramers-Kronig validity of an impedance spectrum by the linear Lin-KK test
 * (Schönleber, Klotz & Ivers-Tiffée, Electrochim. Acta 131 (2014) 20). */
#ifndef EIS_KK_H
#define EIS_KK_H

#include <stddef.h>
#include "eis-error.h"
#include "spectrum.h"

/* Bounds of the test's memory (man eisfit, LIMITS): spectra of more points are refused, and
 * the automatic number of RC elements stops here. */
#define EIS_KK_MAX_POINTS 20000
#define EIS_KK_AUTO_MAX_M 1000

/* Whether to add an element to the Lin-KK model. */
typedef enum {
  EIS_KK_AUTO = -1,   /* decided from the data (see EisKKOptions) */
  EIS_KK_NO = 0,
  EIS_KK_YES = 1
} EisKKChoice;

typedef struct {
  double c;                /* mu threshold: M grows until mu < c (0.85, Schönleber 2014) */
  int add_capacitance;     /* EisKKChoice; auto: yes when -Z'' still rises at the lowest
                            * frequencies, or the lowest-frequency phase is
                            * below cap_phase_deg (blocking electrodes) */
  int add_inductance;      /* EisKKChoice; auto: yes when Z'' > 0 at the highest frequency */
  double cap_phase_deg;    /* -60 */
  size_t max_m;            /* cap on M; 0 = automatic (N, the number of points) */
  size_t fixed_m;          /* 0 = choose M by mu; otherwise use exactly this M */
  double min_per_decade;   /* M starts at this many RC elements per decade of frequency (2.5);
                            * 0 starts at M = 1 as in Schönleber 2014 */
  double max_rms;          /* verdict: RMS of the relative residuals at most this (0.01) */
  double max_abs;          /* verdict: largest |relative residual| at most this (0.05) */
  double max_trend;        /* verdict: no trend. The mean of the residuals (real and imaginary
                            * apart) over any window one decade wide may not exceed both this
                            * (0.005) and 4 RMS/sqrt(points in the window) */
  double max_noise;        /* residuals above max_rms that are white noise (sign runs and
                            * point-to-point scatter, no trend) still pass as "valid, noisy"
                            * up to this RMS (0.10); 0 turns the noise verdict off */
} EisKKOptions;

#define EIS_KK_MIN_VERDICT_POINTS 10
/* Points needed to tell white noise from a systematic residual (the "valid, noisy" verdict) */
#define EIS_KK_MIN_NOISE_POINTS 40

/* Fills O with the defaults above. */
void eis_kk_options_init (EisKKOptions *o);

/* Everything the test found. Arrays are owned by the result; indices follow the spectrum
 * (ascending frequency). */
typedef struct {
  size_t n;                /* points */
  double *freq_hz;         /* copy of the spectrum's frequencies [Hz] */
  double *z_re_fit;        /* Lin-KK model Z' [Ohm] */
  double *z_im_fit;        /* Lin-KK model Z'' [Ohm] */
  double *res_re;          /* (Z'_i - Zfit'_i)/|Z_i|, dimensionless */
  double *res_im;          /* (Z''_i - Zfit''_i)/|Z_i| */

  size_t m;                /* number of RC elements used */
  double *tau_s;           /* [m] time constants [s], ascending */
  double *r_ohm;           /* [m] their resistances [Ohm] (may be negative) */
  double r0_ohm;           /* series resistance [Ohm] */
  double l_h;              /* series inductance [H]; NAN when not in the model */
  double c_f;              /* series capacitance [F] (fitted as 1/C); NAN when not in the model */
  int with_capacitance;    /* 1 when the series C was in the model */
  int with_inductance;     /* 1 when the series L was in the model */
  int capacitance_was_auto;/* 1 when with_capacitance was decided from the data */
  int inductance_was_auto;

  double mu;               /* 1 - sum|R_k<0| / sum|R_k>=0| at the chosen M */
  double c;                /* the threshold used */
  int mu_reached;          /* 1 when mu < c was reached; 0 when M stopped at max_m (or fixed_m) */
  size_t max_m;            /* the cap used */

  double max_abs_res;      /* largest |res_re| or |res_im| */
  size_t i_max;            /* index of the point where it occurs */
  double rms_res;          /* sqrt(sum(res_re^2 + res_im^2) / (2n)) */
  double chi2_ps;          /* pseudo chi^2: sum(res_re^2 + res_im^2) */
  double trend;            /* largest |mean of residuals| over a one-decade window */
  double trend_freq_hz;    /* centre of that window */
  double trend_limit;      /* the limit there: max(max_trend, 4 rms_res/sqrt(points)) */
  int trend_found;         /* 1 when trend > trend_limit */
  double noise_pp;         /* noise estimated from the point-to-point scatter of the residuals:
                            * sqrt(sum of squared successive differences / (2 (n - 1))), real
                            * and imaginary apart then pooled (von Neumann 1941) */
  double runs_z;           /* Wald-Wolfowitz runs test on the residuals' signs in frequency
                            * order, real and imaginary pooled: (runs - expected)/sd; white
                            * noise about 0, a systematic residual far below 0 */
  int white;               /* 1 when the residuals look like white noise: runs_z >= -2.5 and
                            * RMS <= 1.3 noise_pp, with EIS_KK_MIN_NOISE_POINTS points at least */
  int noisy;               /* 1 when valid only because the residuals above max_rms are white
                            * noise without trend (verdict "valid, noisy") */
  double noise_lo, noise_hi; /* noise that changes across the spectrum (a resistive sample's
                            * noisy low-frequency end): the smallest and largest local noise
                            * (point-to-point scatter within half a decade), when the noisy
                            * verdict was reached by weighting each point by its local noise;
                            * NAN otherwise */
  double max_rms, max_abs; /* thresholds used for the verdict */
  int valid;               /* 1 when rms_res <= max_rms, max_abs_res <= max_abs and no trend,
                            * or (noisy) when the residuals are white noise without trend,
                            * rms_res <= max_noise and max_abs_res <= max(max_abs,
                            * 4.5 noise_pp); 0 when not; -1 (no verdict) with fewer than
                            * EIS_KK_MIN_VERDICT_POINTS points or more linear parameters
                            * than points (the model then fits almost anything) */
  char verdict[640];       /* one readable sentence */
} EisKKResult;

/* Runs Lin-KK on S with options OPT (NULL = defaults). On success *OUT is a new result
 * (free it with eis_kk_result_free). Needs at least 5 points with |Z| > 0. */
int eis_kk_run (const EisSpectrum *s, const EisKKOptions *opt, EisKKResult **out,
                EisError *err);
void eis_kk_result_free (EisKKResult *r);

#endif
