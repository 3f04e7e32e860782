/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The input of the commands that fit a series (eisfit series, eisfit arrhenius): FILE[@TEMP]
 * arguments or a --series manifest, read into an EisSpectrumSeries with each spectrum's
 * temperature (command line, manifest, metadata, file name) and sample geometry. */
#ifndef EISFIT_SERIES_INPUT_H
#define EISFIT_SERIES_INPUT_H

#include "fit-args.h"
#include "series.h"

/* "25C", "25degC", "25°C", "-20C", "298.15K"; a bare number takes DEFAULT_UNIT ('C', 'K',
 * or 0: refused). Returns 0 with *T_K set, -1 when TEXT is not a temperature. */
int cli_parse_temperature (const char *text, int default_unit, double *T_K);

typedef struct {
  EisSpectrumSeries series;      /* borrows the spectra of FILES */
  size_t n_files;
  EisDataFile **files;
  char **paths;
} CliSeriesInput;

/* Reads the files named by ARGV[FIRST..ARGC-1] (FILE or FILE@TEMP), or, without them, every
 * file of the manifest MANIFEST (may be NULL), and adds each of their spectra to IN->series
 * (unsorted). NEED_T: a spectrum without a temperature is an error; NEED_GEOM: so is a file
 * without thickness and area (from ARGS or the manifest). Messages are printed; returns an
 * exit code (0 ok). */
int cli_series_input_load (CliSeriesInput *in, int argc, char **argv, int first,
                           const char *manifest, const CliFitArgs *args, int need_T,
                           int need_geom, const char *command);
void cli_series_input_clear (CliSeriesInput *in);

/* The series fit's options from the command line's: the circuit, and --init/--fix/--bounds
 * resolved against it (arrays owned by O->fit, freed by cli_series_options_clear). Prints the
 * error and returns -1 for a parameter the circuit does not have. */
int cli_series_options (const CliFitArgs *a, EisSeriesFitOptions *o);
void cli_series_options_clear (EisSeriesFitOptions *o);

/* The help text of the input arguments. */
extern const char cli_series_input_help[];

#endif
