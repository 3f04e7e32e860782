/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From fitted parameters to electrolyte properties: effective capacitance of each arc,
 * its role (bulk, grain boundary, electrode) and the ionic conductivities with uncertainties. */
#ifndef EIS_CONDUCTIVITY_H
#define EIS_CONDUCTIVITY_H

#include <math.h>

#include "circuit.h"
#include "fit.h"

typedef enum {
  EIS_ROLE_BULK = 0,
  EIS_ROLE_GRAIN_BOUNDARY,
  EIS_ROLE_SURFACE,        /* surface layer / second phase (1e-9 .. 1e-7 F/cm) */
  EIS_ROLE_ELECTRODE,      /* sample-electrode interface */
  EIS_ROLE_INTERCEPT,      /* the series resistance taken as R_bulk (no bulk arc in range) */
  EIS_ROLE_ELECTROLYTE,    /* bulk or grain boundary: the data do not separate the two */
  EIS_ROLE_DIFFUSION,      /* a low-frequency tail of a Li|electrolyte|Li cell (CPE n < 0.8):
                            * the salt's concentration gradient, not a blocking electrode */
  EIS_ROLE_UNKNOWN
} EisRole;

const char *eis_role_name (EisRole r);   /* "bulk", "grain_boundary", ... (JSON, CSV) */
const char *eis_role_text (EisRole r);   /* "bulk", "grain boundary", ... (text for people) */

typedef struct {
  char label[80];          /* "R1||CPE1", "CPE3", "R0" */
  long r_index;            /* parameter index of the arc's resistance, -1 for none */
  long n_index;            /* parameter index of its CPE exponent, -1 for none */
  double R, R_se;          /* Ohm */
  double C_eff, C_eff_se;  /* F (Hsu-Mansfeld for R||CPE, Brug for an electrode CPE); NAN
                            * when the CPE exponent is below EIS_ARC_N_MIN (not a capacitance) */
  double f_peak_hz;        /* apex frequency of an arc, NAN otherwise */
  double C_specific;       /* C_eff * L/A [F/cm] with geometry, else NAN */
  EisRole role;
  char formula[32];        /* "Hsu-Mansfeld", "Brug", "ideal C" */
  char r_name[32];         /* the name of the resistance parameter ("R2"), "" for a tail */
  int randles;             /* 1 for a Randles branch C||(R-W...): R is the charge-transfer
                            * resistance alone */
  char diffusion[48];      /* its diffusion elements ("W2"), left out of R: "" for none */
  double diffusion_tau_s;  /* tau of its first finite diffusion element (Ws, Wo) [s]; NAN:
                            * none */
  double tail_valley_hz;   /* a Randles arc with a semi-infinite Warburg, or (li-symmetric) a
                            * diffusion tail CPE in series: the frequency of the fitted
                            * valley between the (slowest) arc and the tail, the arc's
                            * low-frequency end [Hz]; 0: none or no valley */
  int open_role;           /* li-symmetric: an electrolyte arc by its capacitance (grain
                            * boundary) whose capacitance lies in the band where grain
                            * boundaries and interphases both occur: a Li|Li cell takes it as
                            * interface first (ROLE is EIS_ROLE_SURFACE, in R_interface, out of
                            * R_total), as eisfit transference does; the other reading
                            * (role_ambiguous, the _alt fields) counts it in the electrolyte */
} EisArc;

/* An arc's role as eis_role_name and eis_role_text give it, but "interface" for an arc of open
 * role that a Li|Li cell reads as the interface first (EisArc.open_role). */
const char *eis_arc_role_name (const EisArc *a);
const char *eis_arc_role_text (const EisArc *a);

/* What the cell is decides what its low-frequency features mean:
 * - blocking, liquid: the electrodes block ions; the low-frequency spike is their double layer,
 *   and there is no interfacial resistance;
 * - li-symmetric (Li|electrolyte|Li): the arc(s) with an interfacial capacitance are the two Li
 *   interfaces, R_interface is their total and each interface carries half of it (SCIENCE.md);
 *   their C_eff is Brug's with the electrolyte's resistance as R_e;
 *   a capacitive spike is not expected there (Li does not block) and is flagged;
 * - unspecified: roles by capacitance alone; R_interface is the total of the arcs placed at
 *   the electrode or in a surface layer, with no ASR per interface (the /2 needs a symmetric
 *   cell). */
typedef enum {
  EIS_CELL_UNSPECIFIED = 0,
  EIS_CELL_BLOCKING,
  EIS_CELL_LI_SYMMETRIC,
  EIS_CELL_LIQUID
} EisCellType;

/* "", "blocking", "li-symmetric", "liquid" (the words of --cell and of project files). */
const char *eis_cell_name (EisCellType c);
/* The cell type TEXT names ("" or NULL: unspecified); -1 when it names none. */
int eis_cell_parse (const char *text);

/* A CPE in series at the low-frequency end of a Li|electrolyte|Li cell with an exponent at
 * least this (or an ideal C) is a capacitive spike (a blocking contact); below it, a
 * diffusion tail. */
#define EIS_CELL_SPIKE_N_MIN 0.8

/* In a Li|electrolyte|Li cell a finite diffusion element (Ws, Wo) inside a Randles branch
 * with tau below this [s] is no diffusion of the salt across the electrolyte (L^2/D: 1e2 to
 * 1e3 s for 0.02-1 mm and D 1e-10 to 1e-11 m2/s): an interfacial arc the range cut; no
 * R_interface from such a fit. */
#define EIS_LI_SALT_TAU_MIN_S 1.0

/* In a Li|electrolyte|Li cell a semi-infinite Warburg inside a Randles branch, or a diffusion
 * tail CPE after the slowest arc, is not taken for the salt's diffusion when the data end
 * within this factor of the fitted valley between the arc and the tail (EisArc.tail_valley_hz):
 * the data then show the arc's low-frequency side and the start of something rising, which may
 * as well be an interfacial arc the range cuts: no R_interface from such a fit. */
#define EIS_LI_TAIL_VALLEY_FACTOR 3.0
/* ... unless the arc before the tail closes within the data: its own -Z'' at the lowest
 * frequency (from its fitted R, apex and exponent) has fallen below this fraction of its
 * apex's. Then the arc's low-frequency side is measured, its R with it, and what rises after
 * the valley cannot hide a part of that arc: a charge-transfer arc with apex 27 Hz cut at 1 Hz
 * (13 % of its apex height left) gives R_interface 450 Ohm, right; the SEI arc with apex
 * ~1 kHz cut at 200 Hz (about half its height left) gave 145 Ohm for 450. */
#define EIS_LI_ARC_CLOSED_FRACTION 0.25

typedef struct {
  double thickness_cm, thickness_se_cm;  /* NAN when not given */
  double area_cm2, area_se_cm2;
  double leads_ohm, leads_se_ohm;        /* a lead (short-circuit) resistance measured
                                          * apart, subtracted from a high-frequency
                                          * intercept taken as R_bulk; 0: none */
} EisGeometry;

#define EIS_MAX_ARCS 16

/* Capacitances (F, or F/cm with geometry) where grain boundaries and interphases (surface
 * layers, SEI) both occur: Irvine, Sinclair & West's 1e-9 to 1e-8 F widened by a factor 3 each
 * way. In a Li|electrolyte|Li cell an arc there is read both ways (fit report, series and
 * eisfit transference alike). */
#define EIS_ROLE_AMBIGUOUS_C_LO (1e-9 / 3)
#define EIS_ROLE_AMBIGUOUS_C_HI (3e-8)

/* In any other cell, an arc whose C_eff L/A lies within a factor 3 of 1e-8 F/cm, Irvine,
 * Sinclair & West's line between grain boundary and surface layer, is read both ways as well
 * (the line between bulk and grain boundary has such a zone, split_check): R_total and
 * sigma_total are given in both readings (R_total_alt, sigma_total_alt) with a
 * role_ambiguous caution. Without geometry the cell constant is not known: an arc with C_eff
 * from EIS_ROLE_UNDECIDED_NOGEOM_LO to 1e-7 F (above it, the electrode's, per area) would be a
 * grain boundary for some cell constant from EIS_CELL_CONST_MIN to EIS_CELL_CONST_MAX 1/cm
 * (pellets 0.1-5 mm thick, 0.2-2 cm2) and a surface layer for others: read both ways too. */
#define EIS_ROLE_GB_SURFACE_LO (1e-8 / 3)
#define EIS_ROLE_GB_SURFACE_HI (3e-8)
#define EIS_CELL_CONST_MIN 0.01
#define EIS_CELL_CONST_MAX 2.5
#define EIS_ROLE_UNDECIDED_NOGEOM_LO (1e-8 / 3 / EIS_CELL_CONST_MAX)

/* Leads and cell holders add a fraction of an Ohm to a few Ohm in series. A series resistance
 * ahead of a bulk arc that exceeds both EIS_LEADS_MAX_OHM and EIS_LEADS_MAX_FRACTION of the
 * arcs' electrolyte resistance is electrolyte, not leads: it counts in R_total and the split
 * into bulk and grain boundary is not given. */
#define EIS_LEADS_MAX_OHM 2.0
#define EIS_LEADS_MAX_FRACTION 0.05

/* A spectrum narrower than this (decades of frequency) cannot tell the electrolyte's intercept
 * and arcs from the electrode's: its fit gives no conductivity. */
#define EIS_MIN_DECADES 1.0

/* The slowest electrolyte arc closes within the data when, below its apex, the measured -Z''
 * falls under this fraction of the apex's or rises by this fraction again after a valley (the
 * electrode's spike, the next arc); otherwise a caution ("open_arc:") says that R_total and
 * sigma_total rest on the arc's extrapolated shape. */
#define EIS_ARC_CLOSED_FRACTION 0.1

typedef struct {
  size_t n_arcs;
  EisArc arcs[EIS_MAX_ARCS];
  int have_geometry;
  int split_ambiguous;              /* the data do not separate bulk from grain boundary (an
                                     * extrapolated intercept, a capacitance near the line
                                     * between the two, or resistances the fit cannot split):
                                     * R_bulk, R_gb and their sigmas are NAN, R_total stands */
  int split_by_errors;              /* split_ambiguous because the fit's errors do not split
                                     * them (a relative error above 50 %, a correlation beyond
                                     * 0.999, an error not determined): whatever binds them
                                     * (a series' shared capacitance) has not */
  int merged_above_range;           /* split_ambiguous only because the one electrolyte arc,
                                     * bulk by its capacitance, peaks above the measured range
                                     * (a grain-boundary arc there would merge with it): a
                                     * series' temperature law may still bind it as the bulk */
  int intercept_total;              /* the high-frequency intercept is the whole electrolyte's:
                                     * no electrolyte arc (bulk or grain boundary by its
                                     * capacitance) is seen beyond it, so it holds the bulk and
                                     * any grain boundary whose arc lies above the measured
                                     * range. R_bulk and sigma_bulk are NAN (sigma_bulk >=
                                     * sigma_total, a caution says so); R_total and sigma_total
                                     * stand; the intercept keeps EIS_ROLE_INTERCEPT */
  int brick_layer;                  /* with geometry, the two fastest electrolyte arcs are
                                     * resolved and their capacitances differ by
                                     * EIS_BRICK_C_RATIO or more, the faster one near the
                                     * bulk line: it is the bulk, the slower the grain
                                     * boundary, whatever side of 1e-11 F/cm each is on */
  double brick_ratio;               /* C_gb/C_bulk of those two arcs (BRICK_LAYER) */
  int too_many_arcs;                /* more arcs than roles are worked out for: no role, no
                                     * resistance, no sigma (the caution says so) */
  int untrusted;                    /* the fit is the automatic choice's doubtful best
                                     * (EisFitResult.choice_doubtful): no sigma (a caution
                                     * says why), the resistances are shown as fitted */
  int misfit;                       /* the model does not describe the data (eis_fit_misfit):
                                     * UNTRUSTED is set too, and a caution says why */
  int too_narrow;                   /* the fitted range spans less than EIS_MIN_DECADES: no
                                     * R_bulk, R_gb, R_total or sigma (the caution says why) */
  double R_bulk, R_bulk_se;         /* Ohm; NAN when undetermined */
  double R_gb, R_gb_se;             /* Ohm; NAN when no grain-boundary arc */
  double R_total, R_total_se;       /* R_bulk + R_gb */
  double sigma_bulk, sigma_bulk_se; /* S/cm; NAN without geometry */
  double sigma_gb, sigma_gb_se;     /* apparent: L/(A R_gb) */
  double sigma_gb_specific, sigma_gb_specific_se; /* brick layer; NAN unless both C known
                                                   * and C_gb/C_bulk >= 10 */
  double sigma_total, sigma_total_se;
  double f_min_hz, f_max_hz;        /* the fitted frequency range */
  EisCellType cell;                 /* what the interface quantities below were worked out for */
  double R_interface, R_interface_se; /* Ohm: both interfaces together (the sum of the arcs at
                                     * the electrode or in a surface layer; covariances
                                     * included); NAN for a blocking or liquid cell, or when
                                     * no arc is interfacial */
  double asr_per_interface, asr_per_interface_se; /* Ohm cm2: R_interface A / 2, one interface
                                     * of a li-symmetric cell; NAN for other cells or without
                                     * the electrode area. (dASR/ASR)^2 = (dR/R)^2 + (dA/A)^2 */
  char interface_source[256];       /* which arcs gave R_interface, or why there is none */
  int fast_diffusion;               /* li-symmetric: a Randles branch's finite diffusion
                                     * element has tau < EIS_LI_SALT_TAU_MIN_S, or its
                                     * semi-infinite Warburg's tail is not measured
                                     * (EIS_LI_TAIL_VALLEY_FACTOR): no R_interface
                                     * (eis_conductivity_interface refuses too) */
  /* li-symmetric: arcs whose capacitance lies in the band where grain boundaries and
   * interphases both occur (EIS_ROLE_AMBIGUOUS_C_LO..HI) are read both ways, as eisfit
   * transference does: the other reading moves them between the electrolyte and the interface.
   * NAN when no arc is ambiguous. */
  int role_ambiguous;
  double R_interface_alt, R_interface_alt_se;  /* Ohm */
  double asr_per_interface_alt, asr_per_interface_alt_se; /* Ohm cm2 */
  double R_total_alt;                          /* Ohm, the electrolyte in the other reading */
  double sigma_total_alt, sigma_total_alt_se;  /* S/cm, sigma_total in the other reading (any
                                                * cell, with geometry); NAN otherwise */
  long leads_index;                 /* the parameter of a series resistance taken as the
                                     * leads (shared by a series, independent of temperature):
                                     * left out of R_bulk, R_total and sigma; -1 for none */
  double R_leads, R_leads_se;       /* Ohm: that resistance; NAN for none */
  /* Resistances whose arcs merge into one in this spectrum (apexes within a factor
   * EIS_MERGED_APEX_RATIO, eis_conductivity_merged): only their sum is determined, not how it
   * splits between them. n_merged 0: none. */
  size_t n_merged;
  long merged_index[EIS_MAX_ARCS];
  double R_merged, R_merged_se;     /* Ohm: their sum, its error with their covariances */
  /* The series resistance and the fastest arc's R when that arc peaks above the top measured
   * frequency and the fit cannot split them (EIS_HF_PAIR_CORR, or an error as large as the
   * series resistance): only R_hf = R0 + R1, the high-frequency resistance (the intercept of
   * the arc after them), is determined. Neither is the leads nor the bulk alone: R_total holds
   * R_hf (minus --leads), R_bulk and sigma_bulk are not given. They are merged (n_merged). */
  int hf_pair;
  char hf_names[64];                /* "R0 + R1" */
  double R_hf, R_hf_se;             /* Ohm, as fitted (the leads in it); error from the
                                     * covariance: var(R0) + var(R1) + 2 cov(R0, R1) */
  char bulk_source[192];            /* "high-frequency intercept R0" or "arc R1||CPE1" */
  char note[256];                   /* "no geometry: capacitances compared directly" ... */
  int leads_exceed;                 /* the leads given (--leads) are not below the resistance
                                     * they are taken from: no electrolyte resistance left */
  size_t n_cautions;                /* reasons to doubt a role or a sigma, for the user */
  char cautions[8][768];
} EisConductivity;

/* The standard error from a variance: NAN when the variance is unknown (fmax (0, NAN) would
 * give 0, a confident "+- 0"), 0 for a rounding error below 0. */
static inline double
eis_se_of_var (double var)
{
  return isnan (var) ? NAN : sqrt (fmax (0, var));
}

/* Two resistive arcs whose apex frequencies lie within this factor of each other merge into
 * one arc: a spectrum measures their sum, not the split (their correlation runs towards -1
 * unless something else, such as capacitances a series shares, splits them). */
#define EIS_MERGED_APEX_RATIO 3.0

/* Marks the resistances of OUT's arcs whose apexes lie within EIS_MERGED_APEX_RATIO of each
 * other as merged (eis_conductivity_merged), the rule eis_conductivity_analyse applies to
 * every fit and a series applies again after setting each spectrum's cell. WHY (may be NULL)
 * receives the first such pair; "" when none. */
void eis_conductivity_merge_close (EisConductivity *out, const EisFitResult *fit, char *why,
                                   size_t why_len);

/* A high-frequency intercept is told apart from the grain-boundary arc beyond it only when the
 * arc peaks at least this factor below the top frequency (its high-frequency side is then
 * measured); otherwise bulk and grain boundary are not separated (split_ambiguous). */
#define EIS_SPLIT_APEX_FACTOR 3.0
/* ... and only when the intercept lies at most this fraction below the smallest measured Z'
 * (the arc's high-frequency side measured nearly to the intercept). */
#define EIS_SPLIT_TAIL_FRACTION 0.05
/* Two resolved electrolyte arcs whose capacitances, and apex frequencies, differ by this
 * factor or more, the faster one below 3e-11 F/cm: bulk and grain boundary by the brick
 * layer (EisConductivity.brick_layer). */
#define EIS_BRICK_C_RATIO 10.0
/* A series resistance and the fastest arc's R, that arc peaking above the top frequency, with
 * a correlation beyond this in magnitude (or the series resistance's error as large as
 * itself), the data determine their sum alone (EisConductivity.hf_pair) ... */
#define EIS_HF_PAIR_CORR 0.95
/* ... and only when the split is uncertain by more than this fraction of their sum (the
 * series resistance's error): 1.0 +- 0.5 Ohm beside 300 Ohm leaves R1 the bulk within its
 * error. */
#define EIS_HF_PAIR_SPLIT 0.02

/* Marks the resistances IDX[0..N) of FIT (parameters of resistive arcs of OUT) as merged:
 * only their sum is determined (R_merged with the error from their covariances). Where they
 * are all electrolyte (bulk, grain boundary), R_bulk, R_gb and their sigmas are withheld and
 * R_total (their sum and the rest) stands; all interfacial: R_interface is their sum already
 * and stands; some of each: R_total, sigma_total, R_interface and the ASR are withheld, as the
 * part of the sum that is electrolyte is not measured. A caution says which (WHY: what merges
 * them). Fixed parameters are left out. */
void eis_conductivity_merged (EisConductivity *out, const EisFitResult *fit, const long *idx,
                              size_t n, const char *why);

/* Whether parameter K is one of OUT's merged resistances (its own error is not determined). */
int eis_conductivity_is_merged (const EisConductivity *out, long k);

/* Analyses a fit of circuit C. GEOM may be NULL. The cell is unspecified. */
int eis_conductivity_analyse (const EisCircuit *c, const EisFitResult *fit,
                              const EisGeometry *geom, EisConductivity *out, EisError *err);
/* The same for a cell of type CELL (see EisCellType). */
int eis_conductivity_analyse_cell (const EisCircuit *c, const EisFitResult *fit,
                                   const EisGeometry *geom, EisCellType cell,
                                   EisConductivity *out, EisError *err);
/* The same with the series resistance whose parameter is LEADS_PARAM (a resistance in series
 * with the whole circuit; -1 for none) taken as the leads and cell holder, not the
 * electrolyte: left out of R_bulk, R_total and sigma, with a caution that says so. A series
 * fit passes the series resistance its spectra share (eis_series_fit_leads). */
int eis_conductivity_analyse_leads (const EisCircuit *c, const EisFitResult *fit,
                                    const EisGeometry *geom, EisCellType cell, long leads_param,
                                    EisConductivity *out, EisError *err);
/* Works out the interface quantities of an analysed OUT (of fit FIT; GEOM may be NULL) again
 * for cell type CELL: roles of the low-frequency elements, R_interface, the ASR per interface
 * and the cautions that go with them. eis_series_fit_analyse calls it after holding roles to
 * the series'. */
void eis_conductivity_set_cell (EisConductivity *out, const EisFitResult *fit,
                                const EisGeometry *geom, EisCellType cell);

/* The extent of the electrolyte's part of a Nyquist plot, 1.3 times the sum of the series and
 * arc resistances, when the circuit has an electrode element whose spike would otherwise fill
 * the plot (a bare CPE or C, or an electrode arc peaking below the fitted range); NAN when
 * there is none (then the whole spectrum is the natural view). Ohm. */
double eis_conductivity_nyquist_extent (const EisConductivity *c);

/* The interfacial (electrode/electrolyte) resistance of a Li|electrolyte|Li cell for the
 * Bruce-Vincent method: the sum of R over the arcs placed at the electrode or in a surface
 * layer; when none is (judged without geometry), the resistive arc with the largest C_eff.
 * R and R_SE [Ohm] are NAN when there is no such arc. HOW (may be NULL) says which arcs. */
int eis_conductivity_interface (const EisConductivity *c, double *R, double *R_se, char *how,
                                size_t how_len);

/* sigma = L / (R A) [S/cm] with (dsigma/sigma)^2 = (dR/R)^2 + (dL/L)^2 + (dA/A)^2. */
double eis_conductivity_sigma (double R_ohm, double R_se, const EisGeometry *g, double *sigma_se);

#endif
