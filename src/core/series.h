/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A series of spectra (a temperature series, a cell measured every hour, the cycles of one
 * file) fitted as one object: one circuit for the whole series, chosen by the BIC summed over
 * the series; each spectrum warm-started from its neighbour's optimum; arcs matched between
 * neighbours so that R1 is the same physical arc in every row; and, in series-global.c, one
 * joint fit with parameters shared by all spectra or resistances bound to the Arrhenius law. */
#ifndef EIS_SERIES_H
#define EIS_SERIES_H

#include <stddef.h>
#include "arrhenius.h"
#include "circuit.h"
#include "conductivity.h"
#include "fit.h"
#include "spectrum.h"

typedef enum {
  EIS_SERIES_BY_TEMPERATURE = 0,
  EIS_SERIES_BY_TIME,
  EIS_SERIES_BY_INDEX
} EisSeriesOrder;

const char *eis_series_order_name (EisSeriesOrder o);   /* "temperature", "time", "index" */
int eis_series_order_parse (const char *name);          /* -1 when unknown */

/* One spectrum of a series. */
typedef struct {
  const EisSpectrum *spectrum;   /* borrowed: the caller keeps the files alive */
  char *file;                    /* the name the user gave (owned) */
  int number;                    /* 1-based number of the spectrum in its file */
  double T_K;                    /* NAN when unknown */
  double time_s;                 /* start of the measurement [s], NAN when unknown: from the
                                  * first spectrum's start once eis_spectrum_series_place_in_time
                                  * has read the instruments' start times */
  double own_time_s;             /* the smallest of the spectrum's own time stamps [s], NAN */
  int time_given;                /* time_s was given by the user (FILE@3h): kept as it is */
  int time_no_start;             /* others have a start time, this one has none */
  size_t input_order;            /* position in which it was added */
  const char *T_source;          /* where T_K came from ("file name" ...): a static string */
  EisGeometry geom;              /* this spectrum's sample; used when have_geom */
  int have_geom;
  EisCellType cell;              /* what the cell is (R_interface, ASR per interface) */
} EisSeriesItem;

typedef struct {
  size_t n, cap;
  EisSeriesItem *items;
  EisSeriesOrder order_by;
  int time_from_start;           /* time_s from the instruments' start times */
  char time_zero[64];            /* then the first spectrum's start ("12/2/2026 20:00:00") */
} EisSpectrumSeries;

void eis_spectrum_series_init (EisSpectrumSeries *s);
void eis_spectrum_series_clear (EisSpectrumSeries *s);
/* Appends spectrum SP (borrowed) read from FILE as its NUMBER-th spectrum, at T_K (NAN when
 * unknown). The time is the smallest of the spectrum's time stamps (NAN without them). */
int eis_spectrum_series_add (EisSpectrumSeries *s, const EisSpectrum *sp, const char *file,
                             int number, double T_K, EisError *err);
/* Places the spectra in time from the instruments' start times (the "start_time" metadata,
 * see start-time.h) plus each spectrum's own time offset, counted from the earliest spectrum.
 * Spectra whose time_given is set keep their time_s, and when any has it the others keep
 * their own time stamps. When no spectrum has a start time, time_s stays the spectrum's own
 * time stamps. When some have one and others not, the latter get time_s = NAN and
 * time_no_start, and NOTE (may be NULL) says so. Each file's numeric date is read in its
 * format's order (eis_start_time_format_order: EC-Lab month first), dots day first, and a
 * date that reads both ways ("01/02/2026" of a Gamry file: the computer's date format) as the
 * files of the same format and separator say (one with "13/01/2026": day first), else month
 * first; NOTE says so when that changes the times, and when offsets are mixed with none,
 * start times span more than ten years, or two spectra start at the same time. Returns the number of spectra placed by their start time. */
size_t eis_spectrum_series_place_in_time (EisSpectrumSeries *s, char *note, size_t note_len);
/* Why item IT has no time from its start time, after "FILE: spectrum N ": "has no start time
 * (the instrument's date and time)", "has a start time that is a date without a time of day
 * (...)" or "has a start time that cannot be read (...: the reason)", into BUF. */
void eis_spectrum_series_start_problem (const EisSeriesItem *it, char *buf, size_t n);
/* 1 when the spectra's times say something: the series is ordered by time, or at least two of
 * its times are known and differ. */
int eis_spectrum_series_time_informative (const EisSpectrumSeries *s);
/* 1 when the temperatures of the series are all known and within 0.01 K of each other. */
int eis_spectrum_series_same_temperature (const EisSpectrumSeries *s);
/* 1 when some spectrum's temperature differs from the first's by more than 0.01 K (both
 * known): the series spans temperatures, and a series resistance shared across it can only be
 * the leads. */
int eis_spectrum_series_spans_temperature (const EisSpectrumSeries *s);

/* The order a series is fitted in when none is asked (eisfit series, the Series page): time
 * when TIME_GIVEN (the user gave times) and every spectrum has one; temperature when every
 * spectrum has one, unless they are all one temperature and the times differ (a cell aging at
 * 25 C); else time when every spectrum has one; else the order given. */
EisSeriesOrder eis_spectrum_series_auto_order (const EisSpectrumSeries *s, int time_given);

/* Orders the series by BY (the order of addition between equal keys). Temperature and time
 * need every spectrum's key: the error names the first spectrum without one. */
int eis_spectrum_series_sort (EisSpectrumSeries *s, EisSeriesOrder by, EisError *err);

/* ---- fitting a series ---- */

typedef struct {
  EisFitOptions fit;             /* weighting, window, exclusions, starts, seed; its init,
                                  * fixed, lower, upper apply to CIRCUIT's parameters */
  const char *circuit;           /* NULL = automatic: the candidates of eis_fit_auto */
  const EisGeometry *geom;       /* may be NULL */
} EisSeriesFitOptions;

void eis_series_fit_options_init (EisSeriesFitOptions *o);

/* The fit of one candidate circuit along the series. */
typedef struct {
  char circuit[128];
  size_t n_ok;                   /* spectra where it is converged, determined and admissible */
  double bic_sum;                /* over the spectra it could be fitted to */
  size_t n_fitted;
  char not_ok[256];              /* the spectra where it is not ok ("3, 7, 8") */
  char why_not[768];             /* and why ("3: R1 not determined; 7: ...") */
} EisSeriesCandidate;

/* How a joint fit treats a parameter the series fit held in some spectrum. */
typedef enum {
  EIS_SHARE_DEFAULT = 0,         /* shared (an R||CPE arc's Q through its C_eff) */
  EIS_SHARE_NONE,                /* free in each spectrum that determines it, held at the
                                  * series fit's value (its neighbours') in the others */
  EIS_SHARE_AS_Q,                /* an R||CPE arc's Q itself shared (constant Q, C_eff
                                  * following R), with its exponent */
  EIS_SHARE_ABSENT               /* a series inductance left out: 0 in every spectrum */
} EisShareHow;

/* A sharing the joint fit tested (eis_series_fit_joint): one group of parameters common to
 * all spectra (an arc's C_eff with its exponent, a series inductance) against the same joint
 * fit with that group free in every spectrum that determines it (held on its neighbours'
 * course in the others). */
#define EIS_SERIES_MAX_SHARE_TESTS 8
/* The sharing is rejected when the free alternative's BIC is lower by more than this ("very
 * strong" evidence on Kass & Raftery's scale, J. Am. Stat. Assoc. 90 (1995) 773). */
#define EIS_SERIES_SHARE_DBIC 10.0
typedef struct {
  char names[96];                /* the group: "CPE1_Ceff, CPE1_n", "L0" */
  EisShareHow alternative;       /* the best alternative found (lowest BIC) */
  double delta_bic;              /* BIC(shared) - BIC(alternative); NAN: none could be fitted */
  double chi2_shared, chi2_free; /* reduced chi2 of the two joint fits */
  double S_shared, S_free;       /* their weighted sums of squares (chi2 before division by
                                  * the degrees of freedom): S_free <= S_shared for the
                                  * alternative "free in each spectrum", which contains the
                                  * sharing; NAN when not fitted */
  long extra_params;             /* unknowns the alternative adds (negative: fewer) */
  int accepted;                  /* delta_bic <= EIS_SERIES_SHARE_DBIC: the group is shared */
  int given;                     /* named by the user (--shared): tested, shared anyway */
  int untested;                  /* the test could not be made (no alternative rejects the
                                  * sharing, and "free in each spectrum" could not be fitted
                                  * or did not reach the shared fit's S, which it contains):
                                  * shared by default, neither accepted nor rejected; WHY says
                                  * why */
  char why[200];                 /* "" or what became of the alternative "free in each
                                  * spectrum" */
} EisSeriesShareTest;

/* "shared", "free in each spectrum", "shared as Q (C_eff following R)", "left out (0)". */
const char *eis_share_how_text (EisShareHow how);
/* What a rejected sharing T led to, for a user: "sharing CPE1's C_eff with CPE1_n rejected;
 * CPE1_Q and CPE1_n shared instead as Q (C_eff following R)", "sharing L0 rejected; L0 left
 * out (0) instead". */
void eis_share_rejected_text (const EisSeriesShareTest *t, char *buf, size_t len);

typedef struct {
  EisCircuit *circuit;           /* one for the whole series */
  size_t n;                      /* spectra, in series order */
  EisFitResult **fits;           /* n; NULL where the fit could not be run */
  EisConductivity *cond;         /* n; roles held to the series' (see changes) */
  int *warm;                     /* n; 1 when the warm start alone gave the fit */
  int *ok;                       /* n; converged, determined and admissible */
  int *held;                     /* n x n_params: 1 where a parameter was held at the value of
                                  * the neighbour because its arc left the measured range */
  int *jump;                     /* n; 1 when a resistance leaves the course of its neighbours */
  char **changes;                /* n; what changed in that spectrum against the series: role
                                  * changes, held arcs, jumps the data do not support; "" none */
  double bic_sum;
  size_t n_candidates;
  EisSeriesCandidate *candidates;
  char why[1024];                /* how the circuit was chosen */
  size_t n_warnings;
  char warnings[8][720];
  size_t n_notes;                /* information, not a problem: what the joint fit shares, */
  char notes[4][720];            /* the sharing the data rejected (eisfit: "note:") */
  size_t n_fits_run;             /* eis_fit_run calls, for the cost per spectrum */
  int *shared;                   /* n_params, after a joint fit (else NULL): 1 for a parameter
                                  * common to all spectra, 2 for the Q of an R||CPE arc whose
                                  * C_eff is common to all spectra */
  int *unshared;                 /* n_params, after a joint fit (else NULL): an EisShareHow
                                  * other than EIS_SHARE_DEFAULT where the data rejected the
                                  * default sharing; later joint fits keep it so */
  int *bind;                     /* n_params or NULL: the capacitances (and exponents) of the
                                  * arcs a spectrum alone does not separate into bulk and grain
                                  * boundary, which the joint fit shares as it shares a held
                                  * arc's (eis_series_fit_joint) so that the series may split
                                  * them there; tested like any sharing */
  size_t n_share_tests;          /* the joint fit's tests of its own sharing (below) */
  EisSeriesShareTest share_tests[EIS_SERIES_MAX_SHARE_TESTS];
} EisSeriesFit;

/* A series inductance above this is not the leads' (0.1-1 uH, SCIENCE.md): such a fit is not
 * admissible, in a series as in a single fit (eis_fit_admissible). */
#define EIS_SERIES_L_MAX_H EIS_LEAD_L_MAX_H

/* Fits every spectrum of S (sorted) with one circuit. Errors: bad options, memory, a circuit
 * that cannot be parsed, or a series in which no candidate can be fitted at all. Without a
 * circuit the candidates are chosen and started as eis_fit_auto does, from each spectrum's
 * distribution of relaxation times. */
int eis_series_fit (const EisSpectrumSeries *s, const EisSeriesFitOptions *opt,
                    EisSeriesFit **out, EisError *err);
/* The same without the distribution's seeding: every candidate, each anchored from automatic
 * starts (the choice before seeding; slower, for comparison). */
#define EIS_HAVE_SERIES_FIT_EXHAUSTIVE 1
int eis_series_fit_exhaustive (const EisSpectrumSeries *s, const EisSeriesFitOptions *opt,
                               EisSeriesFit **out, EisError *err);
void eis_series_fit_free (EisSeriesFit *f);

/* Two resistive arcs whose apex frequencies lie within this factor of each other in a
 * spectrum of a series merge into one arc there: only their sum is measured, and the series
 * output says so for that spectrum (in its changes). */
#define EIS_SERIES_TAU_CLOSE EIS_MERGED_APEX_RATIO

/* The parameter index of the resistance NAME in series with the whole circuit C (NAME NULL:
 * the first such resistance), -1 when C has none. */
long eis_circuit_series_resistance (const EisCircuit *c, const char *name);
/* The parameter index of the inductance L in series with the whole circuit C (the leads'), -1
 * when C has none. */
long eis_circuit_series_inductance (const EisCircuit *c);
/* The series resistance F's joint fit shares across spectra at different temperatures of S:
 * independent of temperature, it is the leads and cell holder, not the electrolyte (left out
 * of R_bulk and sigma). -1 for none (nothing shared, or all spectra at one temperature: a
 * shared intercept is then the electrolyte's, unchanged). */
long eis_series_fit_leads (const EisSeriesFit *f, const EisSpectrumSeries *s);

/* The conductivity analysis of FIT (of circuit C; GEOM may be NULL) in a cell of type CELL
 * with the roles a series gave its arcs: each arc labelled as one of SERIES (the series'
 * analysis of this spectrum, EisSeriesFit.cond; NULL: none) takes that arc's role, with a
 * caution where the spectrum alone (for CELL) would give another, and R_bulk, R_gb, R_total,
 * the conductivities and the cell's interface (R_interface, ASR) follow, as in the series'
 * table. Without SERIES it is eis_conductivity_analyse_cell. */
int eis_series_conductivity (const EisCircuit *c, const EisFitResult *fit,
                             const EisGeometry *geom, EisCellType cell,
                             const EisConductivity *series, EisConductivity *out,
                             EisError *err);

/* Arc matching: the series groups of circuit C that have the same shape (p(R1,CPE1) and
 * p(R2,CPE2)) are exchanged in P so that each keeps the capacitance and time constant it had
 * in PREV (the neighbour's optimum): the permutation minimising the summed distance
 * |ln C_eff - ln C_eff,prev| + 0.25 |ln tau - ln tau_prev|. Capacitances (permittivity,
 * geometry) change slowly along a series, time constants exponentially. STDERR_ and the
 * correlation matrix CORR (P x P; either may be NULL) are permuted alike. Returns 1 when P
 * was changed. */
int eis_series_match_arcs (const EisCircuit *c, const double *prev, double *p, double *stderr_,
                           double *corr);

/* ---- the joint fit (series-global.c) ---- */

typedef enum {
  EIS_GLOBAL_FREE = 0,           /* no temperature law: only shared parameters */
  EIS_GLOBAL_ARRHENIUS,          /* R(T) = (L/A) / sigma(T), sigma of the chosen form */
  EIS_GLOBAL_VTF                 /* sigma = A T^-1/2 exp(-B/(T - T0)) */
} EisGlobalLaw;

typedef struct {
  const char *const *shared;     /* parameter names common to all spectra */
  size_t n_shared;
  EisGlobalLaw law;
  EisArrheniusForm form;         /* sigma or sigmaT, for EIS_GLOBAL_ARRHENIUS */
  double T_ref_K;                /* for sigma_ref; <= 0 = 298.15 K */
  int max_iter;                  /* 0 = 500 */
  int share_held;                /* a capacitance, exponent or inductance the series fit held
                                  * in some spectrum (its arc left the range there) is shared
                                  * by all spectra; otherwise, with a law, held parameters but
                                  * resistances are free in each spectrum, starting from the
                                  * held value (the law and the shared parameters may determine
                                  * them); without a law they stay held. The capacitance of an
                                  * R||CPE arc is then shared as its C_eff (Hsu-Mansfeld), Q
                                  * following R and n in each spectrum, and held resistances
                                  * are free in each spectrum */
  int dense;                     /* solve with a dense Jacobian (GSL) instead of the
                                  * block-sparse one: for comparison only */
  const int *unshare;            /* n_params or NULL: an EisShareHow for each parameter that
                                  * share_held must treat otherwise than by default (a sharing
                                  * the data rejected, or one under test); an R||CPE arc's Q
                                  * and exponent go together. Overrides EisSeriesFit.unshared */
  const double *start;           /* n x n_params natural values, or NULL: where the joint fit
                                  * starts, and the value of a parameter held in a spectrum,
                                  * instead of the series fit's (another joint fit's optimum:
                                  * a model that contains that fit then starts on it) */
} EisGlobalOptions;

void eis_global_options_init (EisGlobalOptions *o);

/* One temperature law bound into the fit (bulk, and grain boundary when the series has one). */
typedef struct {
  char what[16];                 /* "bulk", "grain_boundary" */
  long param;                    /* the circuit's resistance it replaces */
  double Ea_eV, Ea_se_eV;
  double ln_A, ln_A_se;          /* ln of the prefactor: S/cm (sigma form), S K/cm (sigmaT) */
  double B_K, B_se_K, T0_K, T0_se_K;   /* VTF */
  double sigma_ref, sigma_ref_se;      /* S/cm at T_ref; NAN when not given, and then: */
  char sigma_ref_why[160];             /* why ("T_ref 150 K is at or below T0 = 183 K ...") */
  double sigma_25C;                    /* NAN when not given (as sigma_ref) */
  double corr_lnA_Ea;
} EisGlobalLawFit;

typedef struct {
  size_t n;                      /* spectra */
  size_t n_params;               /* of the circuit */
  size_t n_free;                 /* parameters of the joint problem */
  double *value;                 /* n x n_params, natural units (shared ones repeated) */
  double *stderr_;               /* n x n_params from the joint covariance */
  int *shared;                   /* n_params: 1 for a shared parameter, 2 for the Q of an
                                  * R||CPE arc whose C_eff is shared (ceff) */
  double *ceff, *ceff_se;        /* n_params: that C_eff [F] and its error; NAN otherwise */
  size_t n_laws;
  EisGlobalLawFit laws[2];
  EisArrheniusForm form;
  EisGlobalLaw law;
  double T_ref_K;
  double chi2, reduced_chi2, bic;
  long dof;
  int converged;
  int iterations;
  char message[256];
  char **names;                  /* n_free names of the joint parameters ("R1[3]", "CPE2_n",
                                  * "Ea_bulk") */
  double *corr;                  /* n_free x n_free correlation matrix */
  double *chi2_spectrum;         /* n: each spectrum's part of chi2 */
  long *col;                     /* n x n_params: the joint unknown of each parameter, -1 for
                                  * a fixed one or one bound to a law */
  double *x;                     /* n_free: the joint unknowns at the optimum, in the solver's
                                  * variables (ln p; exponents through their sine) */
} EisGlobalFit;

/* The joint Levenberg-Marquardt fit of the series S with the circuit and starting values of
 * SF (the series fit). A law needs every spectrum's temperature and the geometry in OPT; the
 * resistances it binds are the series' bulk (and grain-boundary) resistances. */
int eis_series_global_fit (const EisSpectrumSeries *s, const EisSeriesFitOptions *sopt,
                           const EisSeriesFit *sf, const EisGlobalOptions *opt,
                           EisGlobalFit **out, EisError *err);
void eis_global_fit_free (EisGlobalFit *g);

/* Puts the joint fit G into the series fit F: values, errors and correlations from the joint
 * covariance, each spectrum's chi2; conductivities and roles again. A parameter the series
 * fit held that the joint fit determined (shared, or free again) is no longer held. */
int eis_series_fit_take_global (EisSeriesFit *f, const EisSpectrumSeries *s,
                                const EisSeriesFitOptions *opt, const EisGlobalFit *g,
                                EisError *err);

/* Where the series fit F held parameters (an arc beyond the measured range, leads a spectrum
 * does not show), one joint fit without a temperature law, so that the whole series
 * determines them: the capacitance of such an arc shared as its C_eff (capacitances change
 * slowly along a series, Q = C_eff^n R^(n-1) does not), its exponent and a series inductance
 * shared, resistances free in every spectrum with their errors from the joint covariance;
 * plus the parameters named in SHARED. Taken into F. *OUT is NULL (and F unchanged) when
 * nothing was held and nothing named. A joint fit that stops short of convergence goes on once
 * from where it stopped; one that still has not converged is not used: *OUT is NULL, F keeps
 * each spectrum's own fit (its sharing tests dropped) and a warning of F says why. */
int eis_series_fit_joint (EisSeriesFit *f, const EisSpectrumSeries *s,
                          const EisSeriesFitOptions *opt, const char *const *shared,
                          size_t n_shared, EisGlobalFit **out, EisError *err);

/* The alternative "a lead resistance": the circuit's own resistance in series with the whole
 * circuit (not tested without one), shared by every spectrum of a temperature series,
 * independent of temperature (leads, cell holder), tested inside the temperature law's joint
 * fit. A lead resistance the law's fit does not know biases the bulk resistance at high
 * temperature (where it is a larger part of the intercept), hence Ea and sigma. */
typedef struct {
  int tested;                    /* 0: not tested (WHY says why) */
  int accepted;                  /* the data ask for the leads: BIC lower by more than
                                  * EIS_SERIES_SHARE_DBIC than both alternatives (the series
                                  * resistance free in each spectrum, and none at all) */
  double delta_bic;              /* BIC(without) - BIC(with the leads): without = the series
                                  * resistance free in each spectrum */
  double delta_bic_zero;         /* BIC(no lead resistance, R = 0) - BIC(with the leads), from
                                  * the Wald statistic (R/R_se)^2 of the chi2 R = 0 would add */
  double R, R_se;                /* Ohm: the lead resistance in the fit with it */
  double Ea_without_eV, Ea_without_se_eV;  /* the bulk's Ea of the fit without */
  char name[16];                 /* "R0" */
  char circuit[160];             /* the circuit with the leads */
  char why[240];                 /* why not tested, or not accepted; "" when accepted */
} EisSeriesLeadsTest;

void eis_series_leads_test_init (EisSeriesLeadsTest *t);

/* Tests the lead resistance against the series fit *SF (options SOPT, parameters SHARED as
 * named by the user), its joint fit *JOINT and the temperature law's joint fit *GF (options
 * GO): the series fitted again with the leads' circuit and the lead resistance shared, both
 * joint fits made again, the BICs of the law's fits compared (the same points). Accepted: *SF,
 * *JOINT and *GF are replaced (the old ones freed), SOPT->circuit points to T->circuit (T
 * must outlive SOPT's use), the sharing tests and warnings of the new *SF say so. Not
 * accepted: nothing changes but the sharing tests of *SF. Not tested when the law is free,
 * the user gave starts, bounds or fixed values, or a series resistance is shared already.
 * Returns EIS_OK unless memory runs out. */
int eis_series_leads_test (const EisSpectrumSeries *s, EisSeriesFitOptions *sopt,
                           const char *const *shared, size_t n_shared,
                           const EisGlobalOptions *go, EisSeriesFit **sf, EisGlobalFit **joint,
                           EisGlobalFit **gf, EisSeriesLeadsTest *t, EisError *err);

#endif
