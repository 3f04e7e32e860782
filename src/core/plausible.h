/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Whether the points of a spectrum can be analysed at all (fitted, turned into a DRT or a
 * conductivity): values a passive cell cannot give, or points that scatter like noise. */
#ifndef EIS_PLAUSIBLE_H
#define EIS_PLAUSIBLE_H

#include "spectrum.h"

/* A spectrum whose points scatter like noise: at least this many points, this many per decade
 * of frequency, and the median of |Z_i - (Z_i-1 + Z_i+1)/2| / |Z_i| (how far each point lies
 * from the mean of its neighbours, relative to its size) above EIS_NOISE_ROUGHNESS. Measured
 * spectra stay below 0.08 (every example and real file, 4 to 12 points a decade); independent
 * noise of the size of Z gives 0.4 and more. */
#define EIS_NOISE_MIN_POINTS 10
#define EIS_NOISE_MIN_PER_DECADE 3.0
#define EIS_NOISE_ROUGHNESS 0.25

/* How far the points lie from the mean of their neighbours (see above), or NAN when S has too
 * few points (or too few a decade) to say. */
double eis_spectrum_roughness (const EisSpectrum *s);

/* EIS_OK, or EIS_ERR_DATA with the reason (naming the spectrum) when S (the points to be
 * analysed) cannot describe a passive cell: Z' < 0 at every point (a negative resistance:
 * a flipped or swapped column), or points that scatter like noise (no cell connected, a
 * short, the wrong columns). */
int eis_spectrum_check_analysable (const EisSpectrum *s, EisError *err);

/* EIS_OK, or EIS_ERR_DATA when S holds the same Z, with a reactive part, at every point (an
 * instrument that repeated one reading, or a column read twice): no element gives that, and a
 * Kramers-Kronig check would pass it trivially. Part of eis_spectrum_check_analysable; eisfit
 * kk, which still checks what that refuses otherwise, refuses this. */
int eis_spectrum_check_varies (const EisSpectrum *s, EisError *err);

/* 1 with the hint in BUF (naming nothing: the caller names the spectrum) when the imaginary
 * part Z'' of S is positive (inductive) at nearly every point (90 % or more, 5 points or
 * more): a cell of an electrolyte between electrodes is capacitive over most of its sweep, so
 * the likely cause is an imaginary (or phase) column whose sign is flipped; else 0. */
int eis_spectrum_inductive_hint (const EisSpectrum *s, char *buf, size_t size);

#endif
