/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order statistics of a few dozen doubles without sorting them (the fitter's and the
 * plausibility checks' medians, once or more per spectrum). */
#ifndef EIS_ORDER_STAT_H
#define EIS_ORDER_STAT_H

#include <stddef.h>

/* The K-th smallest (0-based) of the N values A, which it reorders so that A[0..K-1] are the
 * K smallest (Hoare's selection). No value may be NaN. */
double eis_select_kth (double *a, size_t n, size_t k);

/* The median of the N > 0 values A (the mean of the two middle ones when N is even, (a + b) /
 * 2), the same double as sorting A would give; A is reordered. NaN values: sorted with qsort
 * as before (their order is then qsort's). */
double eis_median (double *a, size_t n);

#endif
