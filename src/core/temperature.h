/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The measurement temperature written in a data file's name ("cell3_60C_run2.csv"). */
#ifndef EIS_TEMPERATURE_H
#define EIS_TEMPERATURE_H

#include "spectrum.h"

/* Statuses of eis_temperature_from_name besides EIS_OK (negative: they are not errors). */
enum {
  EIS_TEMPERATURE_NOT_FOUND = -1,  /* the name holds no temperature */
  EIS_TEMPERATURE_AMBIGUOUS = -2   /* it holds two that disagree ("25C_60C") */
};

/* Reads a temperature from the basename of PATH and returns EIS_OK with *T_K [K] set, or one
 * of the statuses above leaving *T_K alone. Recognised: a number (integer or decimal, with
 * '.') followed by C, degC, °C, ℃ (Celsius) or K (kelvin) - one blank may stand before
 * degC, °C or ℃ ("x_80 °C") - optionally preceded by T
 * ("T25C") and a minus written '-' or 'm' ("-20C", "m20C", "T-20C"). The token must stand
 * alone: not preceded by a letter or digit (so "PEO100K" and dates are not read), not
 * followed by a letter ("25Cl" is not Celsius). '-' counts as a minus only after the start or
 * a non-alphanumeric character ("_-25C" is -25 °C, "sample-25C" is 25 °C). */
int eis_temperature_from_name (const char *path, double *T_K);

/* Reads a temperature typed by a user: "25" (a bare number is in °C), "25C", "25 °C",
 * "25°C", "-20C", "m20C", "298.15K", "298.15 K"; blanks anywhere are ignored. Returns EIS_OK
 * with *T_K [K] set (above 0 K), or *T_K = NAN for a blank or NULL TEXT (unknown); else
 * EIS_ERR_PARSE (or EIS_ERR_NOMEM) with *T_K = NAN. */
int eis_temperature_parse (const char *text, double *T_K);

/* The temperature [K] of spectrum S read from PATH: the instrument's metadata, else the file's
 * name ("pellet-25C.csv"). *FROM says which ("metadata", "file name"). When neither gives one:
 * NAN, *FROM "", and *STATUS (may be NULL) the name's status (EIS_TEMPERATURE_...). */
double eis_spectrum_temperature (const EisSpectrum *s, const char *path,
                                 const char **from, int *status);

/* Beyond this [K] two sources of one temperature disagree: a file's metadata and its name, as
 * a series manifest and the name (eisfit series --series). */
#define EIS_TEMPERATURE_DISAGREE_K 5.0

/* 1 when S's metadata gives a temperature (the one eis_spectrum_temperature uses) and PATH's
 * name another, more than EIS_TEMPERATURE_DISAGREE_K away, with the warning in BUF ("the
 * temperature of the file's metadata, 298.15 K (25.00 degC), and the one the name
 * pellet_60C.DTA gives, 333.15 K (60.00 degC), disagree by 35 K: the metadata's is used");
 * else 0 (BUF ""). */
int eis_spectrum_temperature_conflict (const EisSpectrum *s, const char *path, char *buf,
                                       size_t len);

#endif
