/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Householder QR factorisation of the fitter's tall Jacobians (2N x p, p small), the same to
 * the last bit as GSL 2.7's gsl_linalg_QR_decomp with the reference CBLAS. */
#ifndef EIS_QR_H
#define EIS_QR_H

#include <stddef.h>

/* Factorises the M x N matrix A (row-major, row stride TDA) in place as
 * gsl_linalg_QR_decomp does: R in the upper triangle, the Householder vectors below it and
 * their coefficients in TAU (min (M, N) of them). N is at most 64. */
void eis_qr_decomp (double *A, size_t tda, size_t m, size_t n, double *tau);

/* ||x|| of the N values X[0], X[S], X[2S] ... as the reference BLAS's dnrm2 computes it
 * (scaled, to the last bit). */
double eis_nrm2_ref (const double *x, size_t s, size_t n);

#endif
