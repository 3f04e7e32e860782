/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The joint problem of series-global.c, open to the unit tests (the Jacobian is checked there
 * against finite differences). */
#ifndef EIS_SERIES_PRIVATE_H
#define EIS_SERIES_PRIVATE_H

#include "series.h"

typedef struct EisGlobalProblem EisGlobalProblem;

/* Sets up the joint problem (its unknowns and the starting point) as eis_series_global_fit
 * does. */
int eis_global_problem_new (const EisSpectrumSeries *s, const EisSeriesFitOptions *sopt,
                            const EisSeriesFit *sf, const EisGlobalOptions *opt,
                            EisGlobalProblem **out, EisError *err);
void eis_global_problem_free (EisGlobalProblem *g);
size_t eis_global_problem_n_unknowns (const EisGlobalProblem *g);
size_t eis_global_problem_n_residuals (const EisGlobalProblem *g);
/* Unknowns 0 .. n_local-1 are the spectra's own, spectrum after spectrum; the rest (shared
 * parameters, the laws) are global: the block structure of the Jacobian. */
size_t eis_global_problem_n_local (const EisGlobalProblem *g);
/* X in the solver's variables to XN in the natural ones (exponents as such instead of through
 * their sine), and eis_global_problem_eval in the natural ones from now on. */
void eis_global_problem_natural (EisGlobalProblem *g, const double *x, double *xn);
/* The starting point in the solver's variables. */
void eis_global_problem_start (const EisGlobalProblem *g, double *x);
/* Weighted residuals F (n_residuals) and, when J is not NULL, the Jacobian J (n_residuals x
 * n_unknowns, row-major) at X. Returns 0, or -1 where the model cannot be evaluated. */
int eis_global_problem_eval (EisGlobalProblem *g, const double *x, double *f, double *J);

/* The conductivity of every spectrum of F from its fit, roles held to the series' (majority),
 * and the per-spectrum notes (fit not ok alone, held arcs, role changes), rebuilt. */
int eis_series_fit_analyse (EisSeriesFit *f, const EisSpectrumSeries *s,
                            const EisSeriesFitOptions *opt, EisError *err);

/* Marks in F->bind (allocated here) the capacitance parameters (C, or a CPE's Q and n) of the
 * bulk's arc (the bulk in most spectra) where a spectrum of F does not separate it from the
 * grain boundary and the series does not bind them already: the joint fit shares them (and
 * tests it). Returns how many were marked, -1 when memory runs out. */
long eis_series_fit_bind_unseparated (EisSeriesFit *f);
/* Finds again the jumps of F (F->jump, and their lines in F->changes) from its fits as they
 * are now: after a joint fit takes over, a resistance that jumped in a spectrum's own fit (a
 * series resistance free in each, 174 Ohm at one temperature between 16 and 28) may no longer.
 * Returns 0, -1 out of memory. */
int eis_series_fit_jumps (EisSeriesFit *f, const EisSpectrumSeries *s);

#endif
