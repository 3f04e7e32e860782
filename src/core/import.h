/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading instrument files: detection by content, then the matching importer. */
#ifndef EIS_IMPORT_H
#define EIS_IMPORT_H

#include "spectrum.h"

typedef struct {
  /* Force a format by name ("csv", "biologic-mpt", ...); NULL = detect from content. */
  const char *format;
  /* Column assignment for the generic reader, e.g. "f=1,re=2,im=3" or "f=Freq,re=Zr,-im=Zi"
   * (1-based indices or header names; a leading '-' on im/re means the column holds the negated
   * value; also "mod=", "phase=" / "phase_rad=" for |Z| and phase). NULL = recognise by header. */
  const char *columns;
  /* Refuse files larger than this many bytes (0 = no limit). */
  size_t max_bytes;
  /* Keep the points of each spectrum in the file's order (the time order of the measurement)
   * instead of sorting them by ascending frequency (for conversion, not for fitting). */
  int keep_order;
  /* Fewest points a spectrum may have (0 = 2); 1 lets convert copy a one-point file. */
  size_t min_points;
  /* Gamry .DTA with drift correction: read the uncorrected Zreal/Zimag instead of the
   * drift-corrected ZrealDrCor/ZimagDrCor. */
  int uncorrected;
} EisImportOptions;

/* The size limit eisfit and eisfit-gtk set on an input file unless told otherwise (--max-size):
 * impedance and DC files are kilobytes to megabytes; a larger one is most likely the wrong file. */
#define EIS_IMPORT_DEFAULT_MAX_BYTES ((size_t) 256 * 1024 * 1024)

/* Reads PATH (never modifies it) and returns every spectrum and DC series in it.
 * OPT may be NULL. Each spectrum comes out finished (eis_spectrum_finish, >= 2 points unless
 * OPT->min_points says fewer; sorted by frequency unless OPT->keep_order).
 * Errors name the file and the line (or byte offset for binary formats). */
int eis_import (const char *path, const EisImportOptions *opt, EisDataFile **out, EisError *err);

/* Same, from a buffer already in memory (NAME is used in messages and as the source). */
int eis_import_buffer (const char *name, const char *data, size_t len,
                       const EisImportOptions *opt, EisDataFile **out, EisError *err);

/* What the importer warned of in F (a header's point count that does not match the rows, a
 * fit result taken for data ...), one line per spectrum or DC series, each named by PATH and
 * ending in a newline; NULL when there is nothing to say (or no memory). Free with free(). */
char *eis_import_warnings_text (const char *path, const EisDataFile *f);

/* The names of the formats we read, NULL-terminated, for --help and the man page. */
const char *const *eis_import_format_names (void);

#endif
