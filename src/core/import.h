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
  /* Files of at least this many bytes in the generic delimited format are read through a
   * window of 1 MiB instead of whole, and eis_import_each hands their spectra out one at a
   * time (0 = EIS_IMPORT_STREAM_BYTES). */
  size_t stream_bytes;
  /* Most points a spectrum may have (0 = no limit). A longer one is an error naming the file,
   * its count and the limit; the generic reader, when it reads a file through a window, stops
   * as soon as one sweep has more rows than this (before the rest of the file fills memory). */
  size_t max_points;
  /* The path "-" means standard input (read once, its format detected from the content, as a
   * file's; a terminal there is refused rather than waited on). 0: "-" is a file's name. */
  int stdin_dash;
  /* A named pipe (FIFO) given as a data file is opened waiting for its writer (mkfifo f;
   * eisfit f & producer > f). 0: refused at once, naming it (a program that must not block,
   * as eisfit-gtk's window). */
  int fifo_wait;
} EisImportOptions;

/* Default of EisImportOptions.stream_bytes. */
#define EIS_IMPORT_STREAM_BYTES ((size_t) 1024 * 1024)

/* The size limit eisfit and eisfit-gtk set on an input file unless told otherwise (--max-size):
 * impedance and DC files are kilobytes to megabytes; a larger one is most likely the wrong file. */
#define EIS_IMPORT_DEFAULT_MAX_BYTES ((size_t) 256 * 1024 * 1024)

/* The max_points eisfit sets for the commands that fit (--max-points): measured impedance
 * spectra have some tens to a few thousand points; fitting a million would take hours. */
#define EIS_IMPORT_FIT_MAX_POINTS ((size_t) 100000)

/* Reads PATH (never modifies it) and returns every spectrum and DC series in it.
 * OPT may be NULL. Each spectrum comes out finished (eis_spectrum_finish, >= 2 points unless
 * OPT->min_points says fewer; sorted by frequency unless OPT->keep_order).
 * Errors name the file and the line (or byte offset for binary formats). */
int eis_import (const char *path, const EisImportOptions *opt, EisDataFile **out, EisError *err);

/* What eis_import_each hands its caller. Each function returns 0 to go on, nonzero to stop
 * the import (which then fails with EIS_ERR_IO, "reading stopped"). DATA is passed to each. */
typedef struct {
  /* Optional: every spectrum in order, finished as eis_import finishes it, before any is
   * handed out (S is freed after the call). A call with S->index 0 starts over (a large file
   * found not to be plain text is read again the classic way). */
  int (*look) (void *data, const EisDataFile *f, const EisSpectrum *s);
  /* The whole file is read and checked: F holds its metadata and DC series (not its spectra);
   * N_SPECTRA spectra follow. Nothing is handed out when the file has an error. */
  int (*begin) (void *data, EisDataFile *f, size_t n_spectra);
  /* Each spectrum in order; ownership of S moves to the callee. */
  int (*spectrum) (void *data, EisDataFile *f, EisSpectrum *s);
  void *data;
} EisImportSink;

/* Reads PATH as eis_import does and hands its spectra to SINK one at a time: a large file in
 * the generic delimited format (see stream_bytes) is read twice through a window, first to
 * check the whole file (and count its spectra), then to hand the spectra out, so that memory
 * does not grow with the number of spectra; other files are imported whole and then handed
 * out. Errors are those of eis_import, and come before anything is handed out, except when
 * the file changes between the two readings (EIS_ERR_IO). On success *OUT is the file with
 * its metadata and DC series and no spectra (n_spectra 0); free it with eis_data_file_free. */
int eis_import_each (const char *path, const EisImportOptions *opt, const EisImportSink *sink,
                     EisDataFile **out, EisError *err);

/* Same, from a buffer already in memory (NAME is used in messages and as the source). */
int eis_import_buffer (const char *name, const char *data, size_t len,
                       const EisImportOptions *opt, EisDataFile **out, EisError *err);

/* What the importer warned of in F (a header's point count that does not match the rows, a
 * fit result taken for data ...), one line per spectrum or DC series, each named by PATH and
 * ending in a newline; NULL when there is nothing to say (or no memory). Free with free(). */
char *eis_import_warnings_text (const char *path, const EisDataFile *f);

/* The same for what the importer only notes (metadata "notice": information that changes
 * nothing in the data, such as a last line without its line end), said as a note, not as a
 * warning. */
char *eis_import_notices_text (const char *path, const EisDataFile *f);

/* The names of the formats we read, NULL-terminated, for --help and the man page. */
const char *const *eis_import_format_names (void);

#endif
