/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV fields for eisfit-gtk's tables (the results, the Arrhenius data, the Ea table) and their
 * tab-separated form for the clipboard. The series' table is the engine's (series-output.h). */
#ifndef EISFIT_CSV_H
#define EISFIT_CSV_H

#include <glib.h>

/* TEXT as one CSV field (RFC 4180: quoted, quotes doubled, when it holds a comma, a quote or a
 * line end), then END (',' or '\n'). */
void eisfit_csv_field (GString *s, const char *text, char end);
/* X with ten significant digits (C locale), empty when not finite; then END. */
void eisfit_csv_number (GString *s, double x, char end);
/* CSV text as tab-separated values for pasting into a spreadsheet: the quotes taken away, a
 * tab or line end inside a field made a space so that it cannot split the row. */
char *eisfit_csv_to_tsv (const char *csv);

#endif
