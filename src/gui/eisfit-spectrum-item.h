/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One spectrum in the sidebar: the imported data, and the latest fit of it (circuit, result,
 * conductivity). A GObject so that it can live in a GListStore. Signal "changed": its points
 * left out, label, temperature, geometry or cell type changed (a fit: the document's
 * fit-changed). */
#ifndef EISFIT_SPECTRUM_ITEM_H
#define EISFIT_SPECTRUM_ITEM_H

#include <glib-object.h>

#include "conductivity.h"
#include "eisfit-exclusions.h"
#include "fit.h"
#include "import.h"
#include "spectrum.h"

G_BEGIN_DECLS

#define EISFIT_TYPE_SPECTRUM_ITEM (eisfit_spectrum_item_get_type ())
G_DECLARE_FINAL_TYPE (EisfitSpectrumItem, eisfit_spectrum_item, EISFIT, SPECTRUM_ITEM, GObject)

/* Takes ownership of SPECTRUM. */
EisfitSpectrumItem *eisfit_spectrum_item_new (EisSpectrum *spectrum);

/* Borrowed. */
const EisSpectrum *eisfit_spectrum_item_get_spectrum (EisfitSpectrumItem *self);
/* Borrowed; NULL until fitted. */
const EisCircuit *eisfit_spectrum_item_get_circuit (EisfitSpectrumItem *self);
const EisFitResult *eisfit_spectrum_item_get_fit (EisfitSpectrumItem *self);
/* "picked R0-p(R1,CPE1)-CPE2 by BIC ..." for an automatic fit, else "". */
const char *eisfit_spectrum_item_get_why (EisfitSpectrumItem *self);

/* Takes ownership of CIRCUIT and FIT (either may be NULL to clear); WHY is copied. */
void eisfit_spectrum_item_take_fit (EisfitSpectrumItem *self, EisCircuit *circuit,
                                    EisFitResult *fit, const char *why);

/* Conductivity of the latest fit with GEOM (NULL: none); returns FALSE when not fitted or
 * the analysis failed (ERR filled). */
gboolean eisfit_spectrum_item_conductivity (EisfitSpectrumItem *self, const EisGeometry *geom,
                                            EisConductivity *out, EisError *err);

/* Why the points this spectrum's fits would use (those not left out) cannot be analysed, as
 * eisfit refuses them (eis_spectrum_check_analysable: Z' < 0 at every point, or noise), or NULL
 * when they can. Such a spectrum is not fitted and gives no conductivity. Borrowed. */
const char *eisfit_spectrum_item_get_refusal (EisfitSpectrumItem *self);

/* The roles the Series page's fit gave the arcs of the fit taken (its analysis of this
 * spectrum, copied; NULL: none): the conductivity follows them (eis_series_conductivity), as
 * the series' table does. Taking a fit clears them; borrowed by get. */
void eisfit_spectrum_item_set_series_roles (EisfitSpectrumItem *self,
                                            const EisConductivity *roles);
const EisConductivity *eisfit_spectrum_item_get_series_roles (EisfitSpectrumItem *self);

/* The file the spectrum was read from (borrowed: the document keeps its files); NULL when
 * not said. Two items of one file opened twice have two files. */
void eisfit_spectrum_item_set_file (EisfitSpectrumItem *self, const EisDataFile *file);
const EisDataFile *eisfit_spectrum_item_get_file (EisfitSpectrumItem *self);

/* Sets the measurement temperature T_K [K] (NAN: unknown) and where it came from ("from the
 * file name", "entered"; copied). A new item takes a temperature in its spectrum as "from the
 * file". */
void eisfit_spectrum_item_set_temperature (EisfitSpectrumItem *self, double T_K,
                                           const char *source);
/* Where the temperature came from, or "" when there is none. */
const char *eisfit_spectrum_item_get_temperature_source (EisfitSpectrumItem *self);

/* The cell geometry of this spectrum's file as typed (thickness, diameter, area; "" = not
 * given; copied) and where it came from (NOTE: "typed", "command line", "saved settings" ...). */
void eisfit_spectrum_item_set_geometry (EisfitSpectrumItem *self, const char *thickness,
                                        const char *diameter, const char *area,
                                        const char *note);
/* Borrowed; "" when not set. NOTE may be NULL. */
void eisfit_spectrum_item_get_geometry (EisfitSpectrumItem *self, const char **thickness,
                                        const char **diameter, const char **area,
                                        const char **note);
/* That geometry parsed into G; FALSE when it does not parse or lacks thickness or area. */
gboolean eisfit_spectrum_item_get_cell_geometry (EisfitSpectrumItem *self, EisGeometry *g);
/* The lead (short-circuit) resistance measured apart for this spectrum's file, as typed
 * ("5ohm+-0.1ohm", a project's leads=; "" = none; copied). */
void eisfit_spectrum_item_set_leads (EisfitSpectrumItem *self, const char *leads);
const char *eisfit_spectrum_item_get_leads (EisfitSpectrumItem *self);
/* Puts that resistance and its error [Ohm] into G (0: none), subtracted from a high-frequency
 * intercept taken as R_bulk as eisfit --leads does; FALSE (and 0) when it does not parse. */
gboolean eisfit_spectrum_item_apply_leads (EisfitSpectrumItem *self, EisGeometry *g);
/* Parses a geometry as typed (thickness T, diameter D or area A; "" = not given) into G.
 * FALSE when one does not parse (MESSAGE, new, says which; *BAD is 0, 1 or 2 for T, D, A);
 * *HAVE is FALSE when thickness or area is missing. */
gboolean eisfit_geometry_parse (const char *t, const char *d, const char *a, EisGeometry *g,
                                gboolean *have, char **message, int *bad);
/* The cell type of this spectrum's file, as a project's cell= says it: "blocking" (a pellet
 * between blocking electrodes), "li-symmetric" (Li|electrolyte|Li), "liquid" (a liquid or gel
 * electrolyte between blocking electrodes), "" (not said); copied. */
void eisfit_spectrum_item_set_cell (EisfitSpectrumItem *self, const char *cell);
const char *eisfit_spectrum_item_get_cell (EisfitSpectrumItem *self);
/* The list's short name of a cell type ("Li|Li"; "" when not said) and the long one. */
const char *eisfit_cell_type_short (const char *cell);
const char *eisfit_cell_type_label (const char *cell);

/* The points left out of this spectrum's fits (borrowed; change it in place, then call
 * eisfit_spectrum_item_exclusions_changed). Kept across refits. */
EisfitExclusions *eisfit_spectrum_item_get_exclusions (EisfitSpectrumItem *self);
void eisfit_spectrum_item_exclusions_changed (EisfitSpectrumItem *self);
/* The points its fits use (a new spectrum, NULL when out of memory). */
EisSpectrum *eisfit_spectrum_item_dup_used_points (EisfitSpectrumItem *self);
/* The outliers eis_fit_outliers named after the latest fit (0-based indices, ascending
 * frequency; copied); cleared by the next fit. */
void eisfit_spectrum_item_set_outliers (EisfitSpectrumItem *self, const size_t *idx, size_t n);
/* Borrowed: the outliers set, *N of them. */
const size_t *eisfit_spectrum_item_get_outliers (EisfitSpectrumItem *self, size_t *n);
gboolean eisfit_spectrum_item_is_outlier (EisfitSpectrumItem *self, size_t i);

/* What the latest fit was asked for (for a project): the circuit text ("" = automatic choice)
 * and, per parameter NAMES[i], the start (NAN: the engine's own), fixed flag and bounds (NAN:
 * none). Everything is copied; N may be 0. */
void eisfit_spectrum_item_set_fit_settings (EisfitSpectrumItem *self, const char *circuit,
                                            size_t n, const char *const *names,
                                            const double *start, const int *fixed,
                                            const double *lower, const double *upper);
/* Borrowed; *N = 0 and "" when never fitted. */
const char *eisfit_spectrum_item_get_fit_settings (EisfitSpectrumItem *self, size_t *n,
                                                   const char *const **names,
                                                   const double **start, const int **fixed,
                                                   const double **lower, const double **upper);

/* Sidebar texts: file name; "#index · cycle · T · format · fit". */
const char *eisfit_spectrum_item_get_title (EisfitSpectrumItem *self);
const char *eisfit_spectrum_item_get_subtitle (EisfitSpectrumItem *self);
/* "TITLE #N" (the file name and the spectrum's 1-based number in it: "pellet-25C.csv #1"),
 * as the pages name a spectrum in their texts; free with g_free. */
char *eisfit_spectrum_item_dup_name (EisfitSpectrumItem *self);

/* The label the user gave this spectrum for legends and exports ("−20 °C"; copied, trimmed;
 * NULL or blank: none, the file name is used). Shown in the subtitle. */
void eisfit_spectrum_item_set_label (EisfitSpectrumItem *self, const char *label);
/* Borrowed; NULL when none was given. */
const char *eisfit_spectrum_item_get_label (EisfitSpectrumItem *self);

G_END_DECLS

#endif
