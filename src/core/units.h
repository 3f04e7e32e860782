/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lengths and areas with units, as a user types them ("0.6mm", "78.5mm2 +- 0.5mm2"). */
#ifndef EIS_UNITS_H
#define EIS_UNITS_H

#include <stddef.h>
#include "eis-error.h"

/* The smallest thickness or electrode diameter, and area, of a cell: below, the number is a
 * unit slip (1e-300mm gave sigma 2.4e-304 S/cm), not a sample. One rule for eisfit's options,
 * project files (and so eisfit-gtk) and series manifests. */
#define EIS_LENGTH_MIN_CM 1e-7    /* 1 nm */
#define EIS_AREA_MIN_CM2 1e-14    /* 1 nm2 */

/* Returned by the parsers below when the value and its uncertainty are in different units
 * ("10+-0.1mm": a unit on one side only, the bare side being cm): refused, since the bare
 * number was evidently meant in the other side's unit. Write the unit on both sides. */
#define EIS_PARSE_UNIT_ONE_SIDE (-3)

/* The number a user or a file writes, in decimal ("25", "-0.6", "1.5e-3", ".5"), at the start
 * of TEXT: *END (may be NULL) is set past it. Refused (-1): no digits, a C hexadecimal float
 * ("0x1p3", which strtod reads as 8), "inf", "nan" and their spellings, and a number beyond
 * the range of double (1e999). One rule for lengths, --fix/--bounds, manifests and projects. */
int eis_number_parse (const char *text, const char **end, double *out);
/* The same for the whole of TEXT (blanks around it allowed): trailing junk ("5abc") refused. */
int eis_number_parse_all (const char *text, double *out);

/* Parses a length with unit ("0.6mm", "600um", "0.06cm", "6e-4m"; bare = cm) into cm.
 * An optional "+-0.01mm" / "±0.01mm" suffix gives its uncertainty (SE_CM may be NULL). Refused
 * (-1): no number, a value not above 0 or above 1e6 cm, an uncertainty above the value;
 * (-2, *CM set): below EIS_LENGTH_MIN_CM; EIS_PARSE_UNIT_ONE_SIDE: value and uncertainty
 * in different units, one of them bare ("10+-0.1mm", "0.6mm+-0.01"). */
int eis_parse_length_cm (const char *text, double *cm, double *se_cm);
/* Parses an area ("0.785cm2", "78.5mm2"; bare = cm2) into cm2, with optional uncertainty;
 * -2 below EIS_AREA_MIN_CM2. */
int eis_parse_area_cm2 (const char *text, double *cm2, double *se_cm2);

/* Parses a resistance ("0.8ohm", "800mOhm", "0.8 Ohm +- 0.05 Ohm", "0.8Î©"; bare = Ohm)
 * into Ohm, with optional uncertainty; -1 for no number, a value not above 0 or above 1e6,
 * or an uncertainty above the value. */
int eis_parse_resistance_ohm (const char *text, double *ohm, double *se_ohm);

/* What a user typed for a cell's geometry, checked with the message eisfit and eisfit-gtk give:
 * WHAT is "thickness" or "diameter" (a length, into cm) or "area" (into cm2); TEXT as typed.
 * EIS_ERR_PARSE when it does not parse ("thickness \"0.6 mmm\": expected a length such as
 * 0.6mm, 600um or 0.06cm") or lies below 1 nm / 1 nm2 ("thickness \"1e-9mm\" is thinner than
 * 1 nm: no sample is (a unit slip?)"). SE may be NULL. */
int eis_parse_geometry_value (const char *what, const char *text, double *value, double *se,
                              EisError *err);

/* The caution for a geometry value typed without a unit (read as cm, or cm2 when AREA): "NAME
 * TEXT has no unit: read as TEXT cm; write e.g. TEXTmm if millimetres are meant" (a tenfold
 * slip in sigma when mm were meant) into BUF; 1 when TEXT has no unit (and BUF is written), else
 * 0. The words eisfit (NAME "--thickness") and eisfit-gtk (NAME "Thickness") print. */
int eis_geometry_no_unit_warning (const char *name, const char *text, int area, char *buf,
                                  size_t cap);

/* V with its standard error SE into BUF, the error to 2 significant digits and the value to
 * the same decimal place, so that both carry the same precision: 10.0000 +- 0.0025,
 * 352.6 +- 1.2, 12350 +- 230; exponent form (1.00000e-05 +- 2.5e-09) where fixed decimals
 * would need more than 9 or the value is 1e7 or more; "%.4g" of V alone when SE is not a
 * positive finite number; "-" when V is not finite. SEP goes between ("+-", "±"). Returns BUF. */
const char *eis_format_value_se (char *buf, size_t cap, double v, double se, const char *sep);

#endif
