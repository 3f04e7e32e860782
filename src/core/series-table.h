/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columns of a fitted series' table, by name: the circuit's parameters, the conductivity
 * analysis of each spectrum (R_bulk, sigma_total ...), the interfacial resistance and the ASR
 * per interface,
 * each arc's effective capacitance, chi2. eisfit series (--plot-params) and eisfit-gtk's
 * Series page read the same numbers through these. */
#ifndef EIS_SERIES_TABLE_H
#define EIS_SERIES_TABLE_H

#include <stddef.h>
#include "series.h"

/* The interfacial resistance of spectrum J, both interfaces together [Ohm] (R_INT; may be
 * NULL), and the returned area-specific resistance of one interface, R_int A / 2 [Ohm cm2]:
 * as the engine reads the spectrum's cell (EisSeriesItem.cell, eis_conductivity_set_cell):
 * R_int is NAN for a blocking or liquid cell, when no arc is interfacial or J was not fitted;
 * the ASR is NAN unless the cell is li-symmetric and its area known. S is not used. */
double eis_series_asr (const EisSeriesFit *f, const EisSpectrumSeries *s, size_t j,
                       double *R_int);

/* The value of quantity NAME in spectrum J and its standard error (NAN where there is none):
 * a parameter of the circuit, or R_bulk, R_gb, sigma_bulk, sigma_gb, sigma_total,
 * R_interface_total, ASR_per_interface (see eis_series_asr), chi2, or LABEL_C_eff for the arc LABEL ("R1||C1_C_eff"). Returns 0 when
 * NAME is none of these (then *V = *SE = NAN). SE may be NULL. */
int eis_series_quantity (const EisSeriesFit *f, const EisSpectrumSeries *s, size_t j,
                         const char *name, double *v, double *se);

/* 1 when quantity NAME of spectrum J is a resistance merged into another's sum (eisfit series
 * writes it "(in sum)": no error of its own); 0 otherwise. */
int eis_series_quantity_in_sum (const EisSeriesFit *f, size_t j, const char *name);

/* The unit of quantity NAME as eis_circuit_param_unit writes units ("Ohm", "S/cm",
 * "Ohm cm2", "F", "-" for none), or NULL when NAME is no quantity of F. */
const char *eis_series_quantity_unit (const EisSeriesFit *f, const char *name);
/* The quantity NAME as a figure's axis title writes it, without the unit ("R interface, total",
 * "σ gb (apparent)", "C_eff, bulk"); a parameter's name as it is. Written into BUF (SIZE bytes),
 * which is returned. */
const char *eis_series_quantity_label (const char *name, char *buf, size_t size);

/* A quantity's name: an arc label (79 characters at most) and "_C_eff". */
typedef char EisSeriesQuantityName[96];

/* The quantities of F in table order: the parameters, R_bulk, R_gb, sigma_bulk, sigma_gb,
 * sigma_total, R_interface_total, ASR_per_interface, chi2, then each arc's C_eff (the labels of the first fitted
 * spectrum; one circuit gives the same arcs in every row). NAMES receives up to MAX names;
 * returns how many there are. */
size_t eis_series_quantities (const EisSeriesFit *f, EisSeriesQuantityName *names, size_t max);

/* The quantities a trend figure shows when none are chosen: R_bulk, R_interface_total (and
 * ASR_per_interface when some spectrum has one) when some spectrum has an interfacial
 * resistance (a Li|electrolyte|Li cell), else the circuit's
 * resistances; at most MAX. Returns how many. */
size_t eis_series_default_trends (const EisSeriesFit *f, const EisSpectrumSeries *s,
                                  EisSeriesQuantityName *names, size_t max);

#endif
