/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growing text buffer: the engine builds text (a project file, a series' JSON or CSV) in
 * memory and the caller writes it; the engine never prints. */
#ifndef EIS_TEXT_BUF_H
#define EIS_TEXT_BUF_H

#include <stddef.h>

typedef struct {
  char *data;       /* NUL-terminated once anything was appended; NULL before */
  size_t len, cap;
  int failed;       /* an allocation or format failed: later appends do nothing */
} EisTextBuf;

/* Appends printf-style text to B (grows it; on failure sets B->failed). */
void eis_text_buf_printf (EisTextBuf *b, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Appends printf-style text to the NUL-terminated string in BUF (CAP bytes), cut at its end;
 * nothing once BUF is full. For fixed-size texts of the engine's results (a reason, a list of
 * names). */
void eis_text_append (char *buf, size_t cap, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* Whether TEXT, as a CSV text cell, would be taken by a spreadsheet for a formula: it starts
 * with = + - or @ (or a tab or carriage return) and is not a number such as -1.5e-3. The CSV
 * writers put a single quote ' in front of such a cell (eisfit(1), FILES). */
int eis_csv_text_is_formula (const char *text);

/* The JSON text of the next character of a string at P: a valid UTF-8 sequence as it is, an
 * escape for a quote, a backslash or a control character, and \u00XX for a byte that starts no
 * valid sequence (a Latin-1 file name, caf\xe9.csv: \u00e9), so that the output is valid JSON
 * and UTF-8 whatever the bytes. Writes it, NUL-terminated, to OUT (7 bytes at most); returns
 * how many bytes of P it stands for (0 at the string's end). */
size_t eis_json_char (const char *p, char out[8]);

/* TEXT, an engine message as the terminal shows it (ASCII: "sigma(25.00 degC) = 1.40e-04 +-
 * 2.5e-07 S/cm", "3.2 kOhm", "Ohm cm2", "cm^-1", "R^2", "R_inf", "tau", "sigma_total", ">="), with a
 * window's typography: "σ(25.00 °C) = 1.40e-04 ± 2.5e-07 S/cm", "3.2 kΩ", "Ω cm²", "cm⁻¹",
 * "R²", "R∞", "τ", "σ total", "≥". The one table of these, so that the engine keeps one text of
 * each message and eisfit-gtk shows it typeset. Only whole words change, and only where they
 * stand as units or symbols: a file name ("sigma-run.csv", "x_25degC.csv"), a column name
 * ("Re(Z)/Ohm", "Z' [kOhm]") or an option ("--lambda") keeps its letters. Returns a new string
 * (free it), NULL for a NULL TEXT or when out of memory. */
char *eis_text_typeset (const char *text);

#endif
