/* Li+ transference number by DC polarization with impedance before and after
 * (Bruce & Vincent, J. Electroanal. Chem. 225 (1987) 1; Evans, Vincent & Bruce,
 * Polymer 28 (1987) 2324). */
#ifndef EIS_TRANSFERENCE_H
#define EIS_TRANSFERENCE_H

#include <stddef.h>
#include "eis-error.h"
#include "spectrum.h"

/* Which measured initial current enters t+. */
typedef enum {
  EIS_BV_I0_EXTRAPOLATED = 0, /* ln(|I| - Iss) fitted over the early window, taken at the step */
  EIS_BV_I0_FIRST,            /* |I| of the first point of the hold */
  EIS_BV_I0_CALCULATED        /* dV/(R_b + R0) from the impedance (needs R_b) */
} EisBVI0Method;

/* "extrapolated", "first-point", "calculated". */
const char *eis_bv_i0_method_name (EisBVI0Method m);

/* Warning flags (a bit set). */
enum {
  EIS_BV_WARN_DV_LARGE    = 1u << 0,  /* |dV| > max_dv_v: outside the linear regime */
  EIS_BV_WARN_R_CHANGED   = 1u << 1,  /* |Rss - R0|/R0 > max_r_change: interface evolved */
  EIS_BV_WARN_NO_PLATEAU  = 1u << 2,  /* |drift| of the last part > max_drift_per_h */
  EIS_BV_WARN_T_RANGE     = 1u << 3,  /* a t+ outside [0, 1] (reported, never clipped) */
  EIS_BV_WARN_SIGN_CHANGE = 1u << 4,  /* the current changes sign during the hold */
  EIS_BV_WARN_I0_MISMATCH = 1u << 5,  /* measured and calculated I0 differ by > max_i0_mismatch */
  EIS_BV_WARN_I0_FALLBACK = 1u << 6,  /* extrapolation impossible; the first point was used */
  EIS_BV_WARN_NO_DECAY    = 1u << 7   /* I0 - Iss <= max(0.1 % I0, 2 se): no real decay */
};
#define EIS_BV_N_WARN 8

/* Short machine name of one flag: "dv_large", "r_changed", "no_plateau", "t_out_of_range",
 * "sign_change", "i0_mismatch", "i0_fallback", "no_decay"; NULL for an unknown flag. */
const char *eis_bv_warning_name (unsigned flag);

/* Inputs besides the DC series. Resistances in Ohm, voltages in V, standard errors
 * NAN or 0 when unknown (they then contribute nothing to the propagated error). */
typedef struct {
  double dV_V, dV_se_V;        /* applied step; NAN: from the series' voltage column (below) */
  double R0_ohm, R0_se_ohm;    /* interfacial resistance before the step (required) */
  double Rss_ohm, Rss_se_ohm;  /* interfacial resistance at steady state (required) */
  double Rb_ohm, Rb_se_ohm;    /* bulk resistance before the step; NAN: no calculated I0 */
  double t_step_s;             /* time of the step; NAN: the series starts at the step */
  EisBVI0Method i0_method;     /* default EIS_BV_I0_EXTRAPOLATED */
  double plateau_fraction;     /* Iss from the last part of the hold (0.10 of its duration) */
  double early_fraction;       /* extrapolation window: first part of the hold (0.10) */
  double skip_s;               /* ignore this long after the step in the extrapolation (0 s):
                                * double-layer charging spikes */
  double max_dv_V;             /* 0.020 V */
  double max_r_change;         /* 0.10 */
  double max_drift_per_h;      /* 0.01 (1 %/h) */
  double max_i0_mismatch;      /* 0.20 */
} EisBVInput;

/* Defaults above; every resistance and the voltage NAN. */
void eis_bv_input_init (EisBVInput *in);

typedef struct {
  double dV_V, dV_se_V;        /* |dV| used */
  int dV_from_series;          /* 1 when taken from the voltage column */
  double R0_ohm, R0_se_ohm, Rss_ohm, Rss_se_ohm, Rb_ohm, Rb_se_ohm;

  double I0_first_A, I0_first_se_A;    /* |I| at the first point of the hold */
  double I0_extrap_A, I0_extrap_se_A;  /* NAN when the extrapolation was impossible */
  double tau_early_s;                  /* time constant of the early decay, NAN if none */
  double I0_calc_A, I0_calc_se_A;      /* dV/(R_b + R0); NAN without R_b */
  EisBVI0Method i0_method;             /* the one used for t_plus (after any fallback) */
  double I0_A, I0_se_A;                /* the initial current used */

  double Iss_A, Iss_se_A;              /* mean |I| of the plateau window, standard error */
  double plateau_start_s;              /* the window: [plateau_start_s, end of series] */
  size_t plateau_points;
  double drift_per_h;                  /* relative slope of |I| over the window [1/h] */
  double drift_se_per_h;

  double t_plus, t_plus_se;            /* Bruce-Vincent with I0 (Evans, Vincent & Bruce 1987) */
  double ratio, ratio_se;              /* Iss/I0, uncorrected */
  double t_plus_calc, t_plus_calc_se;  /* Iss R_b/(dV - Iss Rss); NAN without R_b */

  unsigned warnings;                   /* EIS_BV_WARN_* */
  size_t n_messages;
  char messages[EIS_BV_N_WARN][200];   /* one readable sentence per warning, as found */
  char method[200];                    /* how I0 and Iss were obtained, for the report */
} EisBVResult;

/* The Bruce-Vincent formula itself: t+ = Iss (dV - I0 R0) / (I0 (dV - Iss Rss)). */
double eis_bv_t_plus (double dV_V, double I0_A, double Iss_A, double R0_ohm, double Rss_ohm);

/* Analyses the DC series S (current of either sign: |I| and |dV| are used, so cathodic
 * steps give the same numbers as anodic ones) with IN. Needs at least 8 points in the hold.
 * Fills *OUT. */
int eis_bv_run (const EisSeries *s, const EisBVInput *in, EisBVResult *out, EisError *err);

/* V with its standard error SE as text into BUF: DECIMALS fixed decimals for a t+ of the usual
 * size ("0.8616 +- 0.0083"), three significant digits when fixed decimals would show the value or
 * its error as zero ("0.000186 +- 3e-06"). SEP goes between ("+-", "±"). Returns BUF. */
const char *eis_bv_format (char *buf, size_t cap, double v, double se, int decimals,
                           const char *sep);

#endif
