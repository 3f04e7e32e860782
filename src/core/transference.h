/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Li+ transference number by DC polarization with impedance before and after
 * (Bruce & Vincent, J. Electroanal. Chem. 225 (1987) 1; Evans, Vincent & Bruce,
 * Polymer 28 (1987) 2324). */
#ifndef EIS_TRANSFERENCE_H
#define EIS_TRANSFERENCE_H

#include <stddef.h>
#include "eis-error.h"
#include "circuit.h"
#include "fit.h"
#include "spectrum.h"
#include "conductivity.h"
#include "text-buf.h"

/* The resistances one spectrum of a Li|electrolyte|Li cell gives the Bruce-Vincent method
 * (Bruce & Vincent 1987: R0 and Rss are interfacial, R_b the electrolyte's). */
typedef struct {
  double R_int, R_int_se;     /* the interface [Ohm]: arcs at the electrode or in a surface
                               * layer (a Randles branch with its charge-transfer R alone: its
                               * diffusion element is the concentration polarization the hold
                               * measures), or those the user named; NAN when none */
  double R_b, R_b_se;         /* the electrolyte [Ohm]: the series resistance and the bulk and
                               * grain-boundary arcs (R_total, also where the two are not told
                               * apart); NAN when the spectrum does not give it */
  char how[640];              /* which arcs made R_int */
  int user;                   /* 1 when the user named the interfacial arcs */
  /* Arcs whose capacitance lies where grain boundaries and interphases (surface layers, SEI)
   * both occur, Irvine, Sinclair & West's 1e-9 to 1e-8 F (F/cm with geometry) widened by a
   * factor 3 each way: their role, and R0 with it, cannot be decided from the capacitance.
   * The other reading moves them between R_int and R_b. */
  size_t n_ambiguous;
  char ambiguous[320];        /* "R1||CPE1 (C_eff 9.96e-10 F, taken as electrolyte)" */
  double R_int_alt, R_int_alt_se, R_b_alt, R_b_alt_se;   /* the other reading; NAN: none */
  int alt_adds_to_interface;  /* 1 when the other reading counts them in the interface */
} EisBVResistances;

/* The ambiguous band of capacitances (F, or F/cm with geometry): see EisBVResistances. */
#define EIS_BV_AMBIGUOUS_C_LO EIS_ROLE_AMBIGUOUS_C_LO
#define EIS_BV_AMBIGUOUS_C_HI EIS_ROLE_AMBIGUOUS_C_HI

/* The resistances of a fit analysed as CD. INTERFACE_ARCS (NULL or "": by capacitance) names
 * the arcs that form the interface, comma-separated, by the name of their resistance ("R1,R2")
 * or their label ("R1||CPE1"): exactly those make R_int, and every other arc and the series
 * resistance R_b. A name that is no arc of the circuit is an EIS_ERR_INVALID naming the arcs
 * there are. EIS_ERR_DATA when no arc is interfacial. */
int eis_bv_resistances (const EisConductivity *cd, const char *interface_arcs,
                        EisBVResistances *out, EisError *err);

/* The resistances of one fitted spectrum of the cell, as eisfit transference and eisfit-gtk's
 * Transference page both take them (one function, so that the two faces cannot differ): FIT (of
 * circuit C) analysed as a Li|electrolyte|Li cell (CELL; EIS_CELL_UNSPECIFIED is read as
 * EIS_CELL_LI_SYMMETRIC, the only cell a transference number is measured on) without the
 * geometry, so that an arc's role is read from its C_eff in F whether or not the user gave a
 * thickness and a diameter (a geometry must not move t+), with the roles a series gave the arcs
 * (SERIES_ROLES; NULL: none, eis_series_conductivity); then eis_bv_resistances with
 * INTERFACE_ARCS. An arc of open role is then the interface's in the first reading (as the fit
 * report reads it for --cell li-symmetric) and the electrolyte's in the other. The analysis goes
 * to *COND (the report names the electrolyte's arcs from it). A status of
 * eis_series_conductivity or eis_bv_resistances. */
int eis_bv_fit_resistances (const EisCircuit *c, const EisFitResult *fit, EisCellType cell,
                            const EisConductivity *series_roles, const char *interface_arcs,
                            EisConductivity *cond, EisBVResistances *out, EisError *err);

/* Which initial current enters t+. */
typedef enum {
  EIS_BV_I0_EXTRAPOLATED = 0, /* the fitted slow decay Iss + A exp(-(t - t_step)/tau), after
                               * any charging spike, taken at the step */
  EIS_BV_I0_FIRST,            /* |I| of the first point of the hold */
  EIS_BV_I0_CALCULATED,       /* dV/(R_b + R0) from the impedance (needs R_b) */
  EIS_BV_I0_AUTO              /* the default rule: the measured (extrapolated) I0 when it agrees
                               * with dV/(R_b + R0) within twice their combined standard error,
                               * else dV/(R_b + R0); the measured one without R_b */
} EisBVI0Method;

/* "extrapolated", "first-point", "calculated", "auto". */
const char *eis_bv_i0_method_name (EisBVI0Method m);

/* Which formula gives the headline t+. */
typedef enum {
  EIS_BV_METHOD_BV = 0,       /* Bruce-Vincent-Evans with the interface correction:
                               * t+ = Iss (dV - I0 R0) / (I0 (dV - Iss Rss)) */
  EIS_BV_METHOD_WATANABE,     /* steady state only: t+ = Iss R_b,ss / (dV - Iss Rss)
                               * (Watanabe et al., Solid State Ionics 28-30 (1988) 911) */
  EIS_BV_METHOD_RATIO         /* uncorrected Iss/I0 */
} EisBVMethod;

/* "bv", "watanabe", "ratio". */
const char *eis_bv_method_name (EisBVMethod m);
/* The long label used in reports: "Bruce-Vincent-Evans (interface-corrected)", ... */
const char *eis_bv_method_label (EisBVMethod m);
/* Parses the short name; -1 when unknown. */
int eis_bv_method_parse (const char *name);

/* Where Iss came from. */
typedef enum {
  EIS_BV_ISS_PLATEAU = 0,     /* mean of the plateau window: dI/dt there is within the noise or
                               * the drift below the limit */
  EIS_BV_ISS_END,             /* the decay had settled but the current still drifts (an interface
                               * that grows, instrument drift): the straight line through the
                               * plateau window at the end of the hold, where Rss is measured */
  EIS_BV_ISS_EXTRAPOLATED     /* the hold ended before the decay settled: the asymptote of the
                               * fitted decay, with its error */
} EisBVIssSource;

/* "plateau", "end-of-hold", "extrapolated". */
const char *eis_bv_iss_source_name (EisBVIssSource s);

/* Warning flags (a bit set). */
enum {
  EIS_BV_WARN_DV_LARGE    = 1u << 0,  /* |dV| > max_dv_v: outside the linear regime */
  EIS_BV_WARN_R_CHANGED   = 1u << 1,  /* |Rss - R0|/R0 > max_r_change: interface evolved */
  EIS_BV_WARN_NO_PLATEAU  = 1u << 2,  /* no plateau: Iss extrapolated or taken at the end */
  EIS_BV_WARN_T_RANGE     = 1u << 3,  /* a t+ outside [0, 1] (reported, never clipped) */
  EIS_BV_WARN_SIGN_CHANGE = 1u << 4,  /* the current changes sign during the hold */
  EIS_BV_WARN_I0_MISMATCH = 1u << 5,  /* measured and calculated I0 differ by > max_i0_mismatch */
  EIS_BV_WARN_I0_FALLBACK = 1u << 6,  /* extrapolation impossible; the first point was used */
  EIS_BV_WARN_NO_DECAY    = 1u << 7,  /* I0 - Iss <= max(0.1 % I0, 2 se): no real decay */
  EIS_BV_WARN_SIGN_OPPOSITE = 1u << 8, /* the current flows against the voltage step */
  EIS_BV_WARN_ROLE_AMBIGUOUS = 1u << 9, /* an arc's role (electrolyte or interface) is not
                                         * decided by its capacitance: both readings given */
  EIS_BV_WARN_SHORT_HOLD  = 1u << 10, /* the hold lasted under a minute: a time unit read
                                        * wrongly, or no concentration gradient could settle */
  EIS_BV_WARN_R_DECREASED = 1u << 11, /* Rss below R0 beyond their errors: interfaces grow or
                                        * stay during a hold; the spectra before and after may
                                        * be swapped */
  EIS_BV_WARN_DV_COLUMN   = 1u << 12  /* the step given and the voltage column's disagree */
};
#define EIS_BV_N_WARN 13

/* Short machine name of one flag: "dv_large", "r_changed", "no_plateau", "t_out_of_range",
 * "sign_change", "i0_mismatch", "i0_fallback", "no_decay", "sign_opposite", "role_ambiguous",
 * "short_hold", "r_decreased";
 * NULL for an
 * unknown flag. */
const char *eis_bv_warning_name (unsigned flag);

/* Inputs besides the DC series. Resistances in Ohm, voltages in V, standard errors
 * NAN or 0 when unknown (they then contribute nothing to the propagated error). */
typedef struct {
  double dV_V, dV_se_V;        /* applied step; NAN: from the series' voltage column (below) */
  int dV_signed;               /* 1: the sign of dV_V was given (+10mV, -10mV) and is compared
                                * with the current's, as the voltage column's is; 0: only its
                                * size counts */
  int dV_as_given;             /* 1: dV_V is used even when the voltage column's step disagrees
                                * (0: the column's is used then, with EIS_BV_WARN_DV_COLUMN) */
  double R0_ohm, R0_se_ohm;    /* interfacial resistance before the step (required) */
  double Rss_ohm, Rss_se_ohm;  /* interfacial resistance at steady state (required) */
  double Rb_ohm, Rb_se_ohm;    /* bulk resistance before the step; NAN: no calculated I0 */
  double Rb_ss_ohm, Rb_ss_se_ohm; /* bulk resistance at steady state (Watanabe); NAN: R_b */
  double t_step_s;             /* time of the step; NAN: the series starts at the step */
  EisBVMethod method;          /* headline formula, default EIS_BV_METHOD_BV */
  EisBVI0Method i0_method;     /* default EIS_BV_I0_AUTO */
  double plateau_fraction;     /* Iss from the last part of the hold (0.10 of its duration) */
  double early_fraction;       /* the first fit of the decay starts after this part of the hold
                                * (0.02) before the spike search widens it back to the step */
  double skip_s;               /* NAN (default): find the charging spike at the start of the
                                * hold; >= 0: leave out exactly this long after the step */
  double max_dv_V;             /* 0.020 V */
  double max_r_change;         /* 0.10 */
  double max_drift_per_h;      /* 0.01 (1 %/h) */
  double max_i0_mismatch;      /* 0.20 */
  double max_i0_factor;        /* 10: with the automatic I0 rule, a measured I0 and
                                * dV/(R_b + R0) further apart than this factor either way are
                                * refused: the hold and the spectra are not of one cell */
  /* The other reading of arcs whose role is ambiguous (EisBVResistances): the resistances
   * with them moved; NAN (default): none. ALT_WHAT says what moved ("R1||CPE1 (C_eff ...)"),
   * ALT_TO_INTERFACE where to. */
  double R0_alt_ohm, R0_alt_se_ohm, Rss_alt_ohm, Rss_alt_se_ohm;
  double Rb_alt_ohm, Rb_alt_se_ohm, Rb_ss_alt_ohm, Rb_ss_alt_se_ohm;
  const char *alt_what;
  int alt_to_interface;
  int R0_typed, Rss_typed;     /* 1: the value was typed (--r0, --rss), not fitted to a
                                * spectrum: an Rss below R0 then says the typed value is off,
                                * not that the spectra were swapped */
} EisBVInput;

/* The other reading of IN from the resistances of the spectra before and after
 * (eis_bv_resistances), when either holds arcs whose role the capacitance leaves open: that side's
 * resistances with them moved, the other side's as IN has them. BEFORE's arcs are named when
 * both have them. BEFORE or AFTER NULL: that side is not from a fit (typed, or no spectrum).
 * WHAT (WHAT_LEN bytes) receives what moved and IN->alt_what points at it. Returns 1 when IN
 * got another reading (after IN's first reading is set), 0 when there is none. */
int eis_bv_input_set_other_reading (EisBVInput *in, const EisBVResistances *before,
                                    const EisBVResistances *after, char *what, size_t what_len);

/* The voltage steps accepted (|dV|, V): outside, a unit read wrongly, never a measurement. */
#define EIS_BV_MIN_STEP_V 1e-6
#define EIS_BV_MAX_STEP_V 1.0

/* Defaults above; every resistance and the voltage NAN. */
void eis_bv_input_init (EisBVInput *in);

typedef struct {
  double dV_V, dV_se_V;        /* |dV| used */
  int dV_from_series;          /* 1 when taken from the voltage column */
  double dV_given_V;           /* the step given (|dV_V|), NAN when none was */
  double dV_column_V, dV_column_se_V; /* the voltage column's step (NAN without one) */
  double dV_signed_V;          /* the step with its sign (voltage column, or dV_V given with
                                * dV_signed); NAN when only its size is known */
  double R0_ohm, R0_se_ohm, Rss_ohm, Rss_se_ohm, Rb_ohm, Rb_se_ohm;
  double Rb_ss_ohm, Rb_ss_se_ohm;      /* the bulk resistance the Watanabe form used */
  EisBVMethod method;                  /* the headline's formula */

  /* The charging spike at the start of the hold (double layer through R_b): points whose
   * current departs from the fitted slow decay by more than 4 standard deviations, from the
   * step on, are left out of the decay fit. */
  int spike_auto;                      /* 1 found by the search, 0 window given (skip_s) */
  int spike_found;                     /* the search found a spike (spike_auto and points left
                                        * out): the one truth behind "none found" */
  double spike_end_s;                  /* excluded: [t_step, t_step + spike_end_s); 0 = none */
  size_t spike_points;
  double spike_peak_A;                 /* largest |I| minus the decay there, 0 when none */

  /* The slow (concentration-polarization) decay |I| = Iinf + A exp(-(t - t_step)/tau),
   * least squares over [t_step + spike_end_s, end]; NAN when it could not be fitted. */
  double decay_tau_s, decay_tau_se_s;
  double decay_A_A, decay_inf_A, decay_inf_se_A;
  double decay_slope_A_per_s;          /* a straight line b (t - t_end) added to the decay when
                                        * the current drifts after it settled; NAN: none */
  double decay_from_s;                 /* first time fitted, relative to the step */
  size_t decay_points;
  double noise_A;                      /* point-to-point noise of |I| (from differences) */
  double hold_s;                       /* duration of the hold */

  double I0_first_A, I0_first_se_A;    /* |I| at the first point of the hold */
  double I0_extrap_A, I0_extrap_se_A;  /* the decay at the step; NAN when not fitted */
  double tau_early_s;                  /* = decay_tau_s (kept for callers of round 1) */
  double I0_meas_A, I0_meas_se_A;      /* the measured I0: extrapolated, else the first point */
  double I0_calc_A, I0_calc_se_A;      /* dV/(R_b + R0); NAN without R_b */
  EisBVI0Method i0_requested;          /* the rule asked for (may be EIS_BV_I0_AUTO) */
  EisBVI0Method i0_method;             /* the one used for t_plus (after the rule, fallback) */
  double I0_A, I0_se_A;                /* the initial current used */
  char i0_reason[512];                 /* which I0 and why, one sentence */

  EisBVIssSource iss_source;
  double Iss_A, Iss_se_A;              /* the steady-state current used */
  double Iss_plateau_A, Iss_plateau_se_A; /* mean |I| of the plateau window */
  double Iss_end_A, Iss_end_se_A;      /* the plateau window's straight line at the end */
  double Iss_extrap_A, Iss_extrap_se_A;   /* = decay_inf_A: asymptote of the fitted decay */
  int plateau_found;                   /* dI/dt within 2 se of 0, or |drift| <= the limit */
  double plateau_start_s;              /* the window: [plateau_start_s, end of series] */
  size_t plateau_points;
  double drift_per_h;                  /* relative slope of |I| over the window [1/h] */
  double drift_se_per_h;
  char iss_reason[480];                /* which Iss and why, one sentence */

  double t_plus, t_plus_se;            /* the headline: the formula of `method`; NAN when
                                        * there is no t+ (below) */
  /* A formula that comes out negative gives no transference number: every form that does is
   * NAN here (headline, bv, watanabe, calculated), its value in *_computed, and NO_T_PLUS
   * says what the data show (which factor of the formula is negative, and why); "" when the
   * headline is a number. t+ above 1 is reported and flagged (t_out_of_range), not withheld. */
  double t_plus_computed;              /* the headline's formula as computed (may be < 0) */
  char no_t_plus[520];
  double t_bv, t_bv_se;                /* Bruce-Vincent with the I0 used */
  double t_bv_meas, t_bv_meas_se;      /* Bruce-Vincent with the measured I0 */
  double ratio, ratio_se;              /* Iss/I0 (I0 used), uncorrected */
  double t_plus_calc, t_plus_calc_se;  /* Iss R_b/(dV - Iss Rss) = BV with dV/(R_b + R0) */
  double t_watanabe, t_watanabe_se;    /* Iss R_b,ss/(dV - Iss Rss); NAN without R_b */

  /* The other reading of ambiguous arcs (EisBVInput.R0_alt_ohm ...), with the same I0 rule;
   * has_alt 0 and NANs without one. */
  int has_alt;
  double alt_R0_ohm, alt_Rss_ohm, alt_Rb_ohm;
  double alt_t_plus, alt_t_plus_se;    /* the headline's formula */
  double alt_t_bv, alt_t_bv_se, alt_t_watanabe, alt_t_watanabe_se;

  unsigned warnings;                   /* EIS_BV_WARN_* */
  size_t n_messages;
  char messages[EIS_BV_N_WARN][560];   /* one readable sentence per warning, as found */
  char method_text[400];               /* how I0 and Iss were obtained, for the report */
} EisBVResult;

/* The result's two readings when an arc's role is open (has_alt and a finite alt_t_plus):
 * *LOW and *HIGH the smaller and larger t+, and 1; else both t_plus and 0. */
int eis_bv_result_range (const EisBVResult *r, double *low, double *high);

/* The Bruce-Vincent formula itself: t+ = Iss (dV - I0 R0) / (I0 (dV - Iss Rss)). */
double eis_bv_t_plus (double dV_V, double I0_A, double Iss_A, double R0_ohm, double Rss_ohm);

/* Analyses the DC series S (current of either sign: |I| and |dV| are used, so cathodic
 * steps give the same numbers as anodic ones) with IN. Needs at least 8 points in the hold.
 * Fills *OUT. */
int eis_bv_run (const EisSeries *s, const EisBVInput *in, EisBVResult *out, EisError *err);

/* The interface during the hold: spectra measured between or after parts of the hold, fitted one
 * after another with one circuit, each fit starting from the previous optimum. */
typedef struct {
  double time_s;               /* since the step [s]; the caller's */
  double R_int_ohm, R_int_se_ohm;   /* interface arcs of the fit (eis_bv_resistances) */
  double R_b_ohm, R_b_se_ohm;  /* electrolyte resistance of the fit, NAN when undetermined */
  EisFitStatus status;
  double reduced_chi2;
  char how[640];               /* which arcs were taken as the interface */
} EisBVInterfacePoint;

/* Fits SPECTRA[0..N) in that order (the caller sorts them by time) with circuit C and the
 * options OPT (bounds and fixed parameters are kept; OPT->init is replaced), the first from
 * START (n_params values, e.g. the optimum of the spectrum before the hold), each next one from
 * the optimum before it (a warm start: the interface changes slowly, so the previous optimum is
 * near). Fills OUT[0..N) (times are left as the caller set them) and, when FITS is not NULL,
 * FITS[0..N) with the results (the caller frees them). A fit that does not converge is a point
 * with its status (the next starts from the last converged optimum); an error is
 * a spectrum the circuit cannot be fitted to at all, or one refused as every fit refuses it
 * (eis_spectrum_check_analysable: Z' < 0 at every point used, or noise; EIS_ERR_DATA). */
int eis_bv_track_interface (const EisCircuit *c, const EisFitOptions *opt, const double *start,
                            const EisSpectrum *const *spectra, size_t n,
                            const char *interface_arcs,
                            EisBVInterfacePoint *out, EisFitResult **fits, EisError *err);

/* Index of the point of TIMES[0..N) closest to T (the earlier one on a tie); N must be > 0. */
size_t eis_bv_nearest (const double *times, size_t n, double t);

/* V with its standard error SE as text into BUF: DECIMALS fixed decimals for a t+ of the usual
 * size ("0.8616 +- 0.0083"), three significant digits when fixed decimals would show the value or
 * its error as zero ("0.000186 +- 3e-06"). SEP goes between ("+-", "±"). Returns BUF. */
const char *eis_bv_format (char *buf, size_t cap, double v, double se, int decimals,
                           const char *sep);

/* The texts of a result that eisfit transference and eisfit-gtk both show, in one of two
 * styles: ASCII ("t+", "+-", "R0", "Ohm", "--interface-arcs") for the terminal, Unicode ("t₊",
 * "±", "R₀", "Ω", "the Interface arcs field") for the window. ALT_WHAT names the arcs of open
 * role behind the other reading (eis_bv_input_set_other_reading; NULL or "": none) and
 * ALT_TO_INTERFACE says whether that reading counts them in the interface. */
typedef enum { EIS_BV_TEXT_ASCII, EIS_BV_TEXT_UNICODE } EisBVTextStyle;
/* The headline, appended to B without a final newline: "t+ = 0.8616 +- 0.0083  (bv)"; both
 * readings of an arc of open role as "t+ = LOW to HIGH  (...; two readings: ...)" and a
 * second line with each reading, its error and R0; no t+ as "t+ none  (bv): REASON" (Unicode:
 * "t₊: none"). */
void eis_bv_headline_text (EisTextBuf *b, const EisBVResult *r, const char *alt_what,
                           int alt_to_interface, EisBVTextStyle style);
/* Every form of t+ ("  all forms:" and one line each: Bruce-Vincent with the I0 used and the
 * other, Watanabe, the uncorrected ratio) and the other reading with its forms, each line
 * ended by a newline. */
void eis_bv_forms_text (EisTextBuf *b, const EisBVResult *r, const char *alt_what,
                        int alt_to_interface, EisBVTextStyle style);

/* One circuit for the spectra before and after the hold (the "common circuit" rule of eisfit
 * transference and eisfit-gtk's Transference page). R0 and Rss fitted with two different
 * circuits come from two models, and their difference (the interface's change, and t+ with it)
 * partly from the models; a new-user tester got t+ 0.3993 from such a pair and 0.3982 with one
 * circuit. The spectra are then given one circuit:
 *  - neither side's circuit is the user's (both from the automatic choice): each spectrum is
 *    fitted with the other's circuit too, and both take the circuit whose two fits are sound
 *    (eis_bv_fit_sound) with the lower summed BIC; when neither circuit fits both soundly,
 *    each keeps its own (EIS_BV_CIRCUIT_APART, to be said);
 *  - one side's circuit is the user's (typed, not the automatic choice): the other spectrum is
 *    fitted with it, as eisfit transference --circuit fits both with the circuit given; when
 *    that fit fails outright, each keeps its own (APART);
 *  - both are the user's: each keeps its own (EIS_BV_CIRCUIT_USER, to be said): the user chose
 *    two circuits.
 * A refit uses the side's own fit options (its window and points left out) and the engine's
 * starting values. */
typedef struct {
  const EisSpectrum *spectrum;
  const EisCircuit *circuit;      /* its fit's circuit and result */
  const EisFitResult *fit;
  const EisFitOptions *opt;       /* the options it was fitted with (starts, fixes and bounds
                                   * are not carried over to another circuit) */
  int user_circuit;               /* 1: the user chose the circuit; 0: the automatic choice */
} EisBVCircuitSide;

typedef enum {
  EIS_BV_CIRCUIT_SAME = 0,        /* one circuit already: nothing refitted */
  EIS_BV_CIRCUIT_BEFORE,          /* both take the circuit before: the spectrum after refitted */
  EIS_BV_CIRCUIT_AFTER,           /* both take the circuit after: the spectrum before refitted */
  EIS_BV_CIRCUIT_APART,           /* no circuit fits both (soundly): each keeps its own */
  EIS_BV_CIRCUIT_USER             /* two circuits, both the user's: each keeps its own */
} EisBVCircuitChoice;

typedef struct {
  EisBVCircuitChoice choice;
  int user_before, user_after;    /* the side's circuit is the user's (then no BIC compared) */
  int sound_before, sound_after;  /* the circuit before (after) fits both spectra soundly */
  double bic_before, bic_after;   /* the summed BIC of the two fits with the circuit before
                                   * (after); INFINITY when not sound or not compared */
  char circuit_before[256], circuit_after[256];   /* the circuits of the fits given */
  EisCircuit *circuit;            /* the refitted spectrum's circuit and fit (owned); NULL */
  EisFitResult *fit;              /* unless choice is BEFORE or AFTER */
} EisBVCommonCircuit;

/* A fit the pair of spectra may share: converged, not a doubtful automatic choice, admissible
 * (eis_fit_admissible), every free parameter with a relative error below 100 % and off its
 * lower bound (the automatic choice's test). 1 or 0. */
int eis_bv_fit_sound (const EisCircuit *c, const EisFitResult *r);

/* Applies the rule above to the fits BEFORE and AFTER into OUT (cleared first; free it with
 * eis_bv_common_circuit_clear). The refitted spectrum's fit is OUT->circuit and OUT->fit: the
 * caller's fits are not touched. EIS_OK (whatever the choice; a refit that fails counts as not
 * sound), or EIS_ERR_NOMEM. */
int eis_bv_common_circuit (const EisBVCircuitSide *before, const EisBVCircuitSide *after,
                           EisBVCommonCircuit *out, EisError *err);
void eis_bv_common_circuit_clear (EisBVCommonCircuit *cc);

/* What CC did, as a warning without a final period, into BUF (LEN bytes; "" with SAME):
 * BEFORE and AFTER name the two spectra ("--before", "the spectrum before (cell.csv #1)"),
 * ADVICE says how the user sets the circuit ("--circuit sets it"); with APART and USER the
 * advice ends the sentence ("give one circuit with --circuit"). */
void eis_bv_common_circuit_text (const EisBVCommonCircuit *cc, const char *before,
                                 const char *after, const char *advice, char *buf, size_t len);

#endif
