/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lengths and areas with units, as a user types them ("0.6mm", "78.5mm2 +- 0.5mm2"). */
#ifndef EIS_UNITS_H
#define EIS_UNITS_H

/* Parses a length with unit ("0.6mm", "600um", "0.06cm", "6e-4m"; bare = cm) into cm.
 * An optional "+-0.01mm" / "±0.01mm" suffix gives its uncertainty (SE_CM may be NULL). Refused
 * (-1): no number, a value not above 0 or above 1e6 cm, an uncertainty above the value. */
int eis_parse_length_cm (const char *text, double *cm, double *se_cm);
/* Parses an area ("0.785cm2", "78.5mm2"; bare = cm2) into cm2, with optional uncertainty. */
int eis_parse_area_cm2 (const char *text, double *cm2, double *se_cm2);

#endif
