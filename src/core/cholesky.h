/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cholesky factorisation and solve of the small dense symmetric systems of the fitter (the
 * guess's ridge system, the LM step's J^T J + mu D^T D), the same to the last bit as GSL 2.7's
 * gsl_linalg_cholesky_decomp1 and gsl_linalg_cholesky_solve with the reference CBLAS. */
#ifndef EIS_CHOLESKY_H
#define EIS_CHOLESKY_H

#include <stddef.h>

/* Factorises the symmetric positive definite N x N matrix A (row-major, row stride TDA; its
 * lower triangle is read) into L L^T: L in the lower triangle, and A's lower triangle copied
 * into the upper, as gsl_linalg_cholesky_decomp1 leaves it (for gsl_linalg_cholesky_rcond). Returns 0, or GSL_EDOM when a pivot is <= 0 (A is
 * then partly overwritten, as GSL leaves it). */
int eis_cholesky_decomp (double *A, size_t tda, size_t n);

/* Solves L L^T x = b with the factor of eis_cholesky_decomp (its lower triangle); B and X may
 * be the same array. */
void eis_cholesky_solve (const double *LLT, size_t tda, size_t n, const double *b, double *x);

#endif
