/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Status codes and the error record every core function fills.
 * The core never prints or exits: it returns a status and explains it here. */
#ifndef EIS_ERROR_H
#define EIS_ERROR_H

#include <stddef.h>

typedef enum {
  EIS_OK = 0,
  EIS_ERR_NOMEM,    /* allocation failed */
  EIS_ERR_IO,       /* file could not be opened, read or written */
  EIS_ERR_FORMAT,   /* file is not in a format we read, or is malformed */
  EIS_ERR_DATA,     /* values are unusable: NaN, duplicates, too few points */
  EIS_ERR_PARSE,    /* circuit string or option value does not parse */
  EIS_ERR_INVALID,  /* invalid argument (names an unknown parameter, bad bounds ...) */
  EIS_ERR_FIT       /* numerical failure that left no usable result */
} EisStatus;

typedef struct {
  int code;
  char message[1024];
} EisError;

/* Fill ERR (which may be NULL) with CODE and a printf-style message; returns CODE. */
int eis_error_set (EisError *err, int code, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* Prefix the existing message with a printf-style context ("file.csv: "). */
void eis_error_prefix (EisError *err, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* A short name of a status code, "ok", "out of memory", ... */
const char *eis_status_name (int code);

#endif
