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
/* A temperature where a unit is expected (arrhenius --at, FILE@T): with its unit as above, or
 * a bare number read as degC (as under a manifest's temperature column) with a warning that
 * starts with WHAT ("--at ", "@"). Returns 0 with *T_K set, -1 when it is no temperature. */
int cli_parse_temperature_warn (const char *text, const char *what, double *T_K);
/* "2h", "90min", "3600s" (also sec, hr); a bare number takes DEFAULT_UNIT ('s', 'm' for
 * minutes, 'h', or 0: refused); not negative. Returns 0 with *T_S set [s]. */
int cli_parse_time (const char *text, int default_unit, double *t_s);

typedef struct {
  EisSpectrumSeries series;      /* borrows the spectra of FILES */
  size_t n_files;
  EisDataFile **files;
  char **paths;
  int time_given;                /* some spectrum's time came from FILE@2h or the manifest */
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

/* A series read, ordered and fitted with one circuit: what eisfit series and eisfit arrhenius
 * share. */
typedef struct {
  CliSeriesInput in;
  EisSeriesFitOptions so;
  int have_so;
  EisSeriesFit *sf;             /* NULL until fitted */
  EisGlobalFit *joint;          /* the joint fit without a law, NULL when nothing was shared */
  int by;                       /* the order used (EisSeriesOrder) */
  int reportable;               /* SF (and JOINT) hold results to report */
} CliSeriesRun;

/* What cli_series_run needs beyond the command line's fit options. */
typedef struct {
  const char *command;          /* "series", "arrhenius": for messages */
  const char *manifest;         /* --series FILE or NULL */
  int need_T, need_geom;        /* as cli_series_input_load */
  const char *output, *plot;    /* checked against the inputs (either may be NULL) */
  int by;                       /* EisSeriesOrder, or -1: temperature when every spectrum has
                                 * one, else time, else the order given */
  int need_key;                 /* 0, or 'T' / 't': every spectrum must have a temperature /
                                 * time stamps (--plot-x), refused before any fit */
  const char *const *shared;    /* --shared names (N_SHARED) */
  size_t n_shared;
  const char *joint_what;       /* how messages name the joint fit */
} CliSeriesSetup;

/* Reads the files named by ARGV[FIRST..ARGC-1] or the manifest (cli_series_input_load),
 * refuses outputs that are inputs, orders the series, fits it with one circuit
 * (eis_series_fit) and, where that held parameters or SUP->shared names some, fits it jointly
 * (eis_series_fit_joint; one that does not converge is not used: the rows are the spectra's own
 * fits and the series' warnings say so). Messages are printed. Returns an exit code: 0,
 * EXIT_FIT when a joint fit is returned unconverged (not from eis_series_fit_joint, which
 * does not take one), or the failure's; RUN->reportable
 * says whether there are results to report. RUN is cleared by cli_series_run_clear in every
 * case. */
int cli_series_run (CliSeriesRun *run, int argc, char **argv, int first, const CliFitArgs *args,
                    const CliSeriesSetup *sup);
void cli_series_run_clear (CliSeriesRun *run);

/* The help text of the input arguments. */
extern const char cli_series_input_help[];

#endif
