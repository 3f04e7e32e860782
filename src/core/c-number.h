/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Numbers read with a dot whatever the process locale: eisfit-gtk runs in the user's locale
 * (GTK sets it), and a comma-decimal LC_NUMERIC (de_DE) must change neither what an option,
 * a data file, a manifest nor a project means. */
#ifndef EIS_C_NUMBER_H
#define EIS_C_NUMBER_H

/* strtod in the C locale ("0.6" is 0.6 and "0,6" stops at the comma under any LC_NUMERIC);
 * thread-safe (uselocale acts on the calling thread only). Sets errno as strtod does. */
double eis_strtod (const char *s, char **end);

#endif
