/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Command-line options shared by every subcommand that fits spectra (fit, arrhenius,
 * transference): circuit, starting values, bounds, weighting, geometry, input columns. */
#ifndef EISFIT_FIT_ARGS_H
#define EISFIT_FIT_ARGS_H

#include <getopt.h>
#include "circuit.h"
#include "conductivity.h"
#include "fit.h"
#include "import.h"

#define CLI_MAX_SETTINGS 64

/* Input files larger than this are refused unless --max-size says otherwise. */
#define CLI_DEFAULT_MAX_BYTES EIS_IMPORT_DEFAULT_MAX_BYTES

/* Parses "512M", "2G", "100000" (bytes; K, M, G are powers of 1024). 0 or -1. */
int cli_parse_size (const char *text, size_t *bytes);

/* Input options every command shares: --columns, --input-format, --max-size. */
extern const char cli_input_options_help[];
void cli_input_args_init (EisImportOptions *imp);
/* 1 handled, 0 not ours, -1 bad value (printed). */
int cli_input_args_handle (EisImportOptions *imp, int opt, const char *optarg);

typedef enum { CLI_FORMAT_TEXT, CLI_FORMAT_CSV, CLI_FORMAT_JSON } CliFormat;

/* Output options every command shares: -f/--format, -o/--output, --force, --plot. */
typedef struct {
  CliFormat format;
  const char *output;   /* "-" = standard output */
  int output_given;     /* -o seen: a second, different one is refused (-o - -o x too) */
  int force;
  const char *plot;     /* NULL = no figure */
} CliOutputArgs;

void cli_output_args_init (CliOutputArgs *o);
/* Handles OPT (a getopt_long return value); 1 handled, 0 not ours, -1 bad value (printed). */
int cli_output_args_handle (CliOutputArgs *o, int opt, const char *optarg);

/* Option groups for cli_options_merge. CLI_OPTS_FIT includes CLI_OPTS_RANGE. */
enum { CLI_OPTS_OUTPUT = 1, CLI_OPTS_INPUT = 2, CLI_OPTS_FIT = 4, CLI_OPTS_RANGE = 8 };

#define CLI_MAX_EXCLUDE 64
#define CLI_MAX_EXCLUDE_POINTS 1024

/* Which points of a spectrum are used (fit and Lin-KK alike): --fmin, --fmax, --exclude
 * F1:F2 (repeatable), --exclude-points I,J,K (1-based, ascending frequency). */
typedef struct {
  double f_min_hz, f_max_hz;      /* 0 = no limit */
  size_t n_exclude;
  EisFreqRange exclude[CLI_MAX_EXCLUDE];
  size_t n_points;
  size_t points[CLI_MAX_EXCLUDE_POINTS];
} CliRange;

extern const char cli_range_options_help[];
/* Handles OPT; 1 handled, 0 not ours, -1 bad value (printed). */
int cli_range_args_handle (CliRange *r, int opt, const char *arg);
/* Points O's window and exclusions at R (which must outlive O's use). */
void cli_range_apply (const CliRange *r, EisFitOptions *o);
/* A one-line description of what R leaves out ("--fmin 70 Hz; 2 points: 12, 40"), "" when
 * nothing; for reports. */
void cli_range_describe (const CliRange *r, char *buf, size_t len);

/* A getopt_long table: OWN (N_OWN entries), then the option GROUPS asked for (output, input,
 * fit, in that order), then the terminating zero entry. Free it with free(). */
struct option *cli_options_merge (const struct option *own, size_t n_own, int groups);

/* Whether option C (a getopt_long return value), given with ARG, is one that takes one value
 * given before with another (said, "--format given twice (csv and json): give it once"): 1
 * to refuse it (exit EXIT_USAGE), else 0. Options that add up are not refused (-c, --init,
 * --fix, --bounds, --exclude, --exclude-points, transference's --during, --shared; -o and
 * --plot say it themselves), nor the same value twice. SEEN holds one pointer per entry of
 * OPTS, all NULL at first (calloc). cli_parse_command_line does this for every command that
 * uses it; commands with their own loop (info, convert) call it. */
int cli_option_repeated (const struct option *opts, int c, const char *arg, const char **seen);
/* The SEEN array for OPTS (one NULL pointer per entry), or NULL when OPTS is NULL or memory runs
 * out; free it with free(). */
const char **cli_option_seen_new (const struct option *opts);

typedef struct {
  char name[64];
  double value, lo, hi;   /* NAN = not given */
  int fixed;
} CliParamSetting;

#define CLI_MAX_CIRCUITS 8

typedef struct {
  const char *circuit;            /* NULL = automatic; the first of CIRCUITS */
  size_t n_circuits;              /* -c given more than once: fit each and compare */
  const char *circuits[CLI_MAX_CIRCUITS];
  EisFitOptions fit;
  int have_weighting;             /* --weighting given */
  EisGeometry geom;
  int have_thickness, have_area;
  int have_leads;                 /* --leads: geom.leads_ohm (and its error) given */
  EisCellType cell;               /* --cell: what the cell is (blocking, li-symmetric, liquid) */
  EisImportOptions import;
  CliRange range;
  size_t n_settings;
  CliParamSetting settings[CLI_MAX_SETTINGS];
} CliFitArgs;

/* Long options understood by cli_fit_args_handle (values start at 1000). */
extern const struct option cli_fit_long_options[];
extern const size_t cli_fit_n_long_options;
/* The --help text for these options. */
extern const char cli_fit_options_help[];

void cli_fit_args_init (CliFitArgs *a);
/* Handles option OPT (a getopt_long return value) with OPTARG; returns 1 if handled,
 * 0 if not ours, -1 on a bad value (message printed). */
int cli_fit_args_handle (CliFitArgs *a, int opt, const char *optarg);
/* Checks consistency after parsing (geometry pairs); -1 on error (message printed). */
int cli_fit_args_finish (CliFitArgs *a);

/* The geometry as --thickness, --diameter and --area would set it (each "" or NULL: not given;
 * an area wins over a diameter); -1 after a message when one does not parse. */
int cli_fit_args_set_geometry (CliFitArgs *a, const char *thickness, const char *diameter,
                               const char *area);

/* One fitted spectrum with everything derived from it. */
typedef struct {
  EisCircuit *circuit;
  EisFitResult *fit;
  EisConductivity cond;
  char why[6144];                 /* how the circuit was chosen (automatic) */
  int saved_mismatch;             /* a project's saved fit: its values do not give its saved
                                   * chi2 on the file's points (eis_project_chi2_matches) */
  double saved_chi2;              /* the chi2 saved with it, when saved_mismatch */
  char saved_stderr_note[800];    /* a project's saved fit: why its saved standard errors were
                                   * replaced by those recomputed (eis_project_result_restore),
                                   * "" when they agreed */
} CliFitOutcome;

/* Parses the circuit (or picks one), applies the settings by name, fits, and analyses the
 * conductivity. Errors are in ERR (naming the spectrum). */
int cli_fit_spectrum (const CliFitArgs *a, const EisSpectrum *s, CliFitOutcome *out,
                      EisError *err);
/* The same with circuit TEXT (NULL = automatic) in place of A's. */
int cli_fit_spectrum_circuit (const CliFitArgs *a, const char *text, const EisSpectrum *s,
                              CliFitOutcome *out, EisError *err);
/* OUT holding a fit of S made with A's options (its circuit and result): the conductivity
 * analysis and the cautions cli_fit_spectrum adds. On an error OUT is cleared. */
int cli_fit_outcome_finish (const CliFitArgs *a, const EisSpectrum *s, CliFitOutcome *out,
                            EisError *err);
void cli_fit_outcome_clear (CliFitOutcome *o);

/* What a command's own option handler says: handled, a bad value (message printed), or the
 * command is done (help or version printed). */
enum { CLI_OPT_OK = 0, CLI_OPT_BAD = -1, CLI_OPT_DONE = 1 };
typedef int (*CliOptionFn) (int opt, const char *optarg, void *data);

/* Parses ARGV: the command's own options OWN (N_OWN entries, short options in SHORTOPTS) go
 * to OWN_FN, the shared GROUPS to FIT (when CLI_OPTS_FIT), OUT and, without FIT, IMP.
 * COMMAND names the command in "Try 'eisfit COMMAND --help'". Returns 0 to go on (optind is
 * at the first operand), EXIT_USAGE after a bad option, or -1 when the command is done and
 * should exit 0. */
int cli_parse_command_line (int argc, char **argv, const char *shortopts,
                            const struct option *own, size_t n_own, int groups, CliFitArgs *fit,
                            CliOutputArgs *out, EisImportOptions *imp, CliOptionFn own_fn,
                            void *data, const char *command);

#endif
