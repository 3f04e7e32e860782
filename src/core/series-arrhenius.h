/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Arrhenius analysis of a fitted temperature series, shared by eisfit arrhenius and the
 * GUI's Series page: which spectra give a point of the two-step regression, whether its
 * Arrhenius plot is a straight line, and whether the law inside the joint fit (--global)
 * agrees with it. */
#ifndef EIS_SERIES_ARRHENIUS_H
#define EIS_SERIES_ARRHENIUS_H

#include <stddef.h>
#include "arrhenius.h"
#include "series.h"

/* Why spectrum J of a series gives no point, or gives a total but no bulk point. */
typedef enum {
  EIS_SERIES_POINT_USED = 0,       /* a point of the bulk and the total regression */
  EIS_SERIES_POINT_NOT_FITTED,     /* the fit could not be run */
  EIS_SERIES_POINT_NOT_CONVERGED,
  EIS_SERIES_POINT_NOT_OK,         /* not converged, determined and admissible, or a jump */
  EIS_SERIES_POINT_NO_SIGMA,       /* no conductivity from the fit */
  EIS_SERIES_POINT_BULK_HELD,      /* total only: its bulk resistance was held on the course
                                    * of its neighbours (only their sum measured) */
  EIS_SERIES_POINT_NO_BULK         /* total only: no bulk conductivity */
} EisSeriesPointUse;

/* The points of the two-step regression of the series fit SF of S (sorted by temperature):
 * T, sigma and its error, for the bulk and for the total conductivity, ascending T. */
typedef struct {
  EisSeriesPointUse *use;          /* n: each spectrum's */
  size_t n_bulk, n_total;
  double *T_bulk, *sigma_bulk, *sigma_bulk_se;      /* K, S/cm */
  double *T_total, *sigma_total, *sigma_total_se;
} EisSeriesArrheniusPoints;

int eis_series_arrhenius_points (const EisSeriesFit *sf, const EisSpectrumSeries *s,
                                 EisSeriesArrheniusPoints *out, EisError *err);
void eis_series_arrhenius_points_clear (EisSeriesArrheniusPoints *p);

/* One pellet's geometry error is a common scale factor of every sigma of a series: it moves
 * ln A and sigma(T_ref), not the slope. The laws are fitted to the fits' errors alone
 * (eis_sigma_se_without_geometry), and the geometry's relative error is then added, fully
 * correlated, to ln A and sigma(T_ref) (eis_arrhenius_add_geometry_error), in eisfit arrhenius
 * and on eisfit-gtk's Series page alike. */

/* The relative error of sigma from the geometry, sqrt((dL/L)^2 + (dA/A)^2), when every spectrum
 * of S is of one sample (the same thickness and area with their errors); 0 when none is given
 * or the spectra have different geometries (then each point keeps its own, as independent
 * samples). */
double eis_series_common_geometry_error (const EisSpectrumSeries *s);
/* The same for the N geometries G of the points of any selection of spectra (eisfit-gtk's
 * Arrhenius tab): 0 unless all N are the same with their errors. */
double eis_common_geometry_error (const EisGeometry *const *g, size_t n);

/* The standard error of SIGMA without the common relative part G: (dsigma/sigma)^2 =
 * (dR/R)^2 + G^2 (eis_conductivity_sigma). SE as it is when G is 0 or SE not finite. */
double eis_sigma_se_without_geometry (double sigma, double se, double g);

/* Adds the common relative error G to the ln A and sigma(T_ref) errors of A. */
void eis_arrhenius_add_geometry_error (EisArrheniusFit *a, double g);

/* Which conductivity a series of Arrhenius points holds: the warnings explain a curve
 * differently (the total sums the bulk's and the grain boundaries' paths). */
typedef enum { EIS_ARRHENIUS_OF_BULK, EIS_ARRHENIUS_OF_TOTAL } EisArrheniusOf;

/* Is the Arrhenius plot of the N points (T ascending) fitted by A a straight line? R2 below
 * 0.99; residuals that curve (a quadratic term in 1/T more than three standard errors from 0,
 * with 5 points or more); sigma falling with rising temperature (beyond two combined standard
 * errors). Fills OUT with the warnings; returns how many (at most 4). */
size_t eis_arrhenius_linearity_checks (EisArrheniusOf of, const double *T, const double *sigma,
                                       const double *se, size_t n, const EisArrheniusFit *a,
                                       char out[4][400]);

/* 1 (and the warning in OUT) when the activation energy of the law inside the joint fit L and
 * the two-step A differ by more than twice their combined standard error, else 0. */
int eis_series_global_disagrees (const EisGlobalLawFit *L, const EisArrheniusFit *a, char *out,
                                 size_t len);

/* The same for a VTF law inside the joint fit (eisfit arrhenius --global --vtf, the Series
 * page's VTF law) and the two-step VTF fit V of the same conductivity: 1 (and the warning in
 * OUT: 800 characters hold it) when their pseudo-activation energies Ea = k_B B or their sigma
 * at T_ref differ by more than twice the combined standard error, else 0. A two-step error
 * that is not determined counts as 0; a quantity the global fit gives no error for (or not at
 * all) is not compared; an unconverged two-step fit is not compared. When the global T0 ran to
 * an edge of its range, 0 K to the lowest temperature (T0_se_K NAN), its errors hold T0 there
 * and are too small: the warning says so. */
int eis_series_global_vtf_disagrees (const EisGlobalLawFit *L, const EisVTFFit *v, char *out,
                                     size_t len);

/* The lack of fit of the law inside the joint fit LAW against the joint fit of the same
 * spectra without a law FREE (each bound resistance free in each spectrum, the same sharing):
 * the law replaces df1 = dof(LAW) - dof(FREE) unknowns, and
 *   F = ((S_law - S_free) / df1) / (S_free / dof(FREE))
 * is the law's misfit per replaced resistance in units of the spectra's own noise (the extra
 * sum of squares F-test, Draper & Smith, Applied Regression Analysis, sec. 2.1; it is the
 * reduced chi2 of the two-step regressions, pooled). */
typedef struct {
  int tested;                    /* 0: no comparison (no free fit, or not nested) */
  double F, p;                   /* the statistic and its upper tail probability */
  long df1, df2;
  double chi2_ratio;             /* reduced chi2 with the law / without */
  double F_law[2];               /* each law's own misfit: the reduced chi2 of the resistances
                                  * of the fit without the law about the law (their errors) */
  double scale[2];               /* the factor each law's errors were multiplied by (>= 1) */
  int misfit;                    /* the law does not fit: p < EIS_GLOBAL_MISFIT_P and F > 2 */
} EisGlobalLackOfFit;

#define EIS_GLOBAL_MISFIT_P 1e-3

/* Compares LAW with FREE (or, when FREE is NULL, with the series fit SF's own fits, each
 * spectrum alone; SF holds the fit without the law, FREE's values when there is one) and
 * widens the errors of each law of LAW (Ea, ln A, sigma(T_ref), B, T0) as the two-step fit
 * does for a scatter larger than the errors (the Particle Data Group's scale factor): to their
 * size at the spectra's own noise, times sqrt(F_law) when that law's misfit F_law > 1 (the
 * bulk's and the grain boundary's apart: their resistances' errors differ); never narrowed.
 * Fills LOF; when the law misfits, OUT (600 characters hold it) says so; "" otherwise.
 * Returns LOF->misfit. */
int eis_global_lack_of_fit (EisGlobalFit *law, const EisGlobalFit *free_fit,
                            const EisSeriesFit *sf, EisGlobalLackOfFit *lof, char *out,
                            size_t len);

/* The branch of a temperature series each spectrum of S belongs to, in the order it was
 * measured (the instruments' start times when every spectrum has one and they differ, else
 * the order the files were given): where the temperature rises and then falls (or falls and
 * then rises), each spectrum is EIS_BRANCH_HEATING or EIS_BRANCH_COOLING (by the step into it;
 * the first by the step out of it); steps below 0.5 K do not count. Only when every monotonic
 * run spans at least two steps (a heating and cooling run, not files in an alphabetical order
 * that jumps): otherwise every spectrum is EIS_BRANCH_NONE. BRANCH has S->n entries. Returns
 * 1 when the series has both branches; *BY_TIME (may be NULL) says whether the start times
 * gave the order. */
typedef enum { EIS_BRANCH_NONE = 0, EIS_BRANCH_HEATING, EIS_BRANCH_COOLING } EisTemperatureBranch;

int eis_series_temperature_branches (const EisSpectrumSeries *s, int *branch, int *by_time);
const char *eis_temperature_branch_name (int branch);   /* "heating", "cooling", "" */

/* Repeated temperatures that disagree: pairs of the N points (T [K], sigma, SE without the
 * geometry's common part; BRANCH as above, or NULL) within 0.5 K of each other whose sigma
 * differ by more than 3 combined standard errors. OUT says at which temperatures and by how
 * much ("heating and cooling differ at ...: hysteresis?"; without branches "spectra at the
 * same temperature differ at ...: hysteresis or drift?"). WHAT names the conductivity
 * ("sigma_bulk"). Returns how many temperatures. */
size_t eis_arrhenius_repeated_T (const char *what, const double *T, const double *sigma,
                                 const double *se, const int *branch, size_t n, char *out,
                                 size_t len);

#endif
