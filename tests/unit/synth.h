/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Synthetic spectra with known truth for the unit tests (synth.c). */
#ifndef EIS_TEST_SYNTH_H
#define EIS_TEST_SYNTH_H

#include <stddef.h>

#include "spectrum.h"

/* A spectrum of CIRCUIT at the parameters P: N points spaced evenly in log f from F_LO to
 * F_HI (ascending), each component with proportional Gaussian noise NOISE * |Z| drawn from an
 * MT19937 generator seeded with SEED (the real part's draw before the imaginary part's, point
 * by point). NULL when CIRCUIT cannot be parsed or memory runs out; the caller's assertion
 * then fails. */
EisSpectrum *synth_spectrum (const char *circuit, const double *p, double f_lo, double f_hi,
                             size_t n, double noise, unsigned long seed);

#endif
