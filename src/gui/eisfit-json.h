/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON pieces for eisfit-gtk --print-results (eisfit-window-results.c). */
#ifndef EISFIT_JSON_H
#define EISFIT_JSON_H

#include <glib.h>

/* TEXT as a JSON string literal (quotes and escapes); null for NULL. */
void eisfit_json_string (GString *s, const char *text);
/* A number in full precision; null when not finite (JSON has no NaN). */
void eisfit_json_number (GString *s, double x);

#endif
