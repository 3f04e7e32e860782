/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A fitted series as JSON and as a CSV table, as eisfit series --format json|csv prints them
 * and eisfit-gtk's Series page gives them (--print-results, Export CSV): one writer for both. */
#ifndef EIS_SERIES_OUTPUT_H
#define EIS_SERIES_OUTPUT_H

#include <stddef.h>
#include <stdio.h>
#include "eis-error.h"
#include "series.h"

/* Writes the members of the series' JSON object to OUT, without its braces (so that a caller
 * may add members of its own): "circuit", "why", "candidates", "order_by", "shared" (the
 * N_SHARED names given in SHARED, then the parameters the joint fit GF shared because the
 * series fit held them, an arc's Q as NAME_Ceff), "joint" (GF; may be NULL), "spectra" (per
 * spectrum: file, number, T_K, time_s, parameters with errors, R_bulk, R_gb, sigmas,
 * R_interface, ASR, roles, C_eff, chi2, warm_start, changes), "sharing_tests" (when the
 * joint fit tested its sharing: threshold_delta_bic and one object per group) and "warnings". Numbers have ten
 * significant digits, whatever the locale. Returns EIS_OK, or EIS_ERR_IO when OUT failed. */
int eis_series_json_write (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
                           const EisGlobalFit *gf, const char *const *shared, size_t n_shared,
                           EisError *err);

/* The same members in a new string (free it), or NULL with ERR when out of memory. */
char *eis_series_json_dup (const EisSpectrumSeries *s, const EisSeriesFit *sf,
                           const EisGlobalFit *gf, const char *const *shared, size_t n_shared,
                           EisError *err);

/* The series' table as CSV to OUT: a header, then one row per spectrum in series order with
 * file, spectrum, T_K, time_s, each parameter and its error, each arc's C_eff and role (the
 * arcs of the first spectrum fitted), R_bulk, R_gb, the sigmas with errors, R_interface, ASR,
 * chi2, the start (warm or multistart), the circuit, the changes and the sharing tests (the same
 * line in every row). Empty fields where there
 * is no number; ten significant digits. Returns EIS_OK, or EIS_ERR_IO when OUT failed. */
int eis_series_csv_write (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
                          EisError *err);
/* The same table in a new string (free it), or NULL with ERR when out of memory. */
char *eis_series_csv_dup (const EisSpectrumSeries *s, const EisSeriesFit *sf, EisError *err);

/* The joint fit's tests of its sharing (EisSeriesFit.share_tests) in one line into BUF:
 * "sharing CPE1's C_eff with CPE1_n rejected; CPE1_Q and CPE1_n shared instead as Q (C_eff
 * following R) (Delta BIC +321.7); L0: accepted, shared (Delta BIC -6.1 against left out
 * (0))"; "" when nothing was tested. */
void eis_series_share_tests_text (const EisSeriesFit *sf, char *buf, size_t len);

#endif
