/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by the eisfit subcommands: atomic output, messages, number parsing. */
#ifndef EISFIT_CLI_UTIL_H
#define EISFIT_CLI_UTIL_H

#include <stdio.h>
#include <stddef.h>
#include "eis-error.h"
#include "spectrum.h"
#include "fit.h"
#include "import.h"
#include "plot.h"

/* Documented exit codes (man/eisfit.1, EXIT STATUS). */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,        /* bad command line */
  EXIT_INPUT = 2,        /* an input file could not be read or holds unusable data */
  EXIT_FIT = 3,          /* some fit did not converge (results still written) */
  EXIT_OUTPUT = 4,       /* an output could not be written (or exists without --force) */
  EXIT_INTERNAL = 5      /* out of memory or internal error */
};

extern const char *cli_program_name;
/* -q: cli_warning and cli_note print nothing. */
extern int cli_quiet;

/* The exit code for a failed import: a bad --input-format or --columns is a usage error (1),
 * memory 5, anything about the file itself 2. */
int cli_exit_for_import (int status);
/* The exit code for an engine status of fitting or analysing (man eisfit, EXIT STATUS): a fit
 * that failed or found no admissible candidate (EIS_ERR_FIT) 3, the rest as an import's. One
 * mapping for every command. */
int cli_exit_for_status (int status);
/* -j/--jobs N: a whole number from 1 to 64 into *JOBS; -1 with the message printed. */
int cli_parse_jobs (const char *arg, int *jobs);
/* Prints an import error (PREFIX, may be NULL, then the message), with a hint where an option
 * helps (--max-size for a file over the size limit). */
void cli_import_error (const char *prefix, const EisError *err);

/* "eisfit: message\n" on stderr. */
void cli_error (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
void cli_warning (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
/* The latest message cli_error said (without the program's name), "" before any: a command
 * that refuses writes it into its JSON output (eisfit transference). */
const char *cli_last_error (void);
/* "eisfit: note: message\n": information that changes nothing (eis_import_notices_text). */
void cli_note (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
/* Says what the importer warned of in F (a header's point count that does not match the rows,
 * a fit result taken for data ...), one line per spectrum or series, named by PATH; then what
 * it noted, as notes. */
void cli_import_warnings (const char *path, const EisDataFile *f);
/* Imports PATH for a command that works on its impedance spectra: prints the error or the
 * warnings, and raises *RC to the exit code of a failure or of a file without a spectrum.
 * Returns the file (which may hold no spectrum), or NULL when it could not be read. */
EisDataFile *cli_import_spectra (const char *path, const EisImportOptions *imp, int *rc);
/* A growing in-memory text buffer: output is built here, then written in one go. */
typedef struct {
  char *data;
  size_t len, cap;
} CliBuf;

void cli_buf_printf (CliBuf *b, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
void cli_buf_append (CliBuf *b, const char *s, size_t n);
void cli_buf_free (CliBuf *b);
/* Appends S as a JSON string literal (with quotes and escapes). */
void cli_buf_json_string (CliBuf *b, const char *s);
/* S as one CSV field (RFC 4180), its control characters escaped as in messages (\n, \t,
 * \x1b: cli_buf_name): quoted, with quotes doubled, only when it holds a comma or a quote. */
void cli_buf_csv_string (CliBuf *b, const char *s);
/* A file NAME as a message or a text report prints it: control characters (a newline, a
 * carriage return, a tab, ESC ...) written as \n, \r, \t or \xHH, so that a name cannot
 * end a line or drive the terminal. cli_error and cli_warning do this to the whole message. */
void cli_buf_name (CliBuf *b, const char *name);
/* The reason in a conductivity source such as EisConductivity's bulk_source ("none: the
 * spectrum spans less than a decade (see the caution)") into BUF, without the "none: " and the
 * pointer to a caution, for a report that does not print the fit's cautions. */
void cli_source_reason (const char *src, char *buf, size_t size);
/* The same as a new string (the caller frees it). */
char *cli_name_text (const char *name);
/* Appends a JSON number, or null when X is not finite. */
void cli_buf_json_number (CliBuf *b, double x);
/* A member of a JSON object: SEP (", " between members, "" after the brace, ",\n  " for one
 * member a line, "{" to open the object), KEY as a JSON string and ": "; then the value, a
 * number (cli_buf_json_number) or a string (cli_buf_json_string: "" when S is NULL). */
void cli_buf_json_key (CliBuf *b, const char *sep, const char *key);
void cli_buf_json_member_number (CliBuf *b, const char *sep, const char *key, double x);
void cli_buf_json_member_string (CliBuf *b, const char *sep, const char *key, const char *s);


/* Writes DATA to PATH whole or not at all (output-file.h: a temporary file in the same folder,
 * then put in place; also on file systems without hard links).
 * Refuses to replace an existing PATH unless FORCE. "-" writes to stdout. */
int cli_write_file_atomic (const char *path, const char *data, size_t len, int force,
                           EisError *err);
/* The same; DURABLE 0 leaves out the fsync before the rename (a batch that writes many files
 * syncs once at its end instead: a crash during it may leave files of the batch empty). */
int cli_write_file_atomic_sync (const char *path, const char *data, size_t len, int force,
                                int durable, EisError *err);

/* A report written piece by piece, whole or not at all: to PATH through a temporary file put in
 * place at cli_out_commit (as cli_write_file_atomic), or to standard output ("-") as it comes.
 * An existing PATH is refused at cli_out_open unless FORCE. */
typedef struct CliOut CliOut;
int cli_out_open (const char *path, int force, CliOut **out, EisError *err);
/* Appends LEN bytes (buffered; an error names the file). */
int cli_out_write (CliOut *o, const char *data, size_t len, EisError *err);
/* Writes what is buffered and puts the file in place (refused after a failed write: the
 * temporary file is removed); frees O. */
int cli_out_commit (CliOut *o, EisError *err);
/* Gives up: no file appears (what went to standard output stays); frees O (NULL allowed). */
void cli_out_abort (CliOut *o);

/* calloc and strdup that end the program (exit 5) when memory runs out. */
void *cli_xmalloc (size_t n);
char *cli_xstrdup (const char *s);

/* The inputs of a command, by file identity (device and inode), for checking many output
 * names against many inputs (a sorted table: log n per name): the files given, and the files a
 * project or a --series manifest names, with the manifest or project itself. Paths are copied. */
typedef struct CliInputs CliInputs;
CliInputs *cli_inputs_new (const char *const *paths, size_t n);
/* Adds PATH, named in NAMED ("p.eisfit:5", "the --series manifest"; may be NULL), said when an
 * output is refused as that input. A PATH that does not exist is kept but matches nothing. */
void cli_inputs_add (CliInputs *in, const char *path, const char *named);
void cli_inputs_free (CliInputs *in);
/* Index of the first input that is the same file as PATH, or -1 (also for NULL, "-", or a
 * PATH that does not exist). Indices count the inputs in the order given, then added. */
long cli_inputs_find (const CliInputs *in, const char *path);
/* Refuses (message printed, -1) writing PATH, the output of OPTION (made from BASE, which may be
 * NULL: the numbered figures of --plot), when it is one of the inputs IN; else 0. */
int cli_refuse_input (const char *option, const char *base, const char *path,
                      const CliInputs *in);
/* The file name of the K-th (from 1) figure of --plot BASE: BASE, then "fig-2.png", ... */
char *cli_plot_name (const char *base, int k);

/* Refuses (message printed, -1) a PLOT name without a .png, .svg or .pdf ending, and, before
 * any work, every output that is one of the inputs IN: OUTPUT (-o), PLOT (--plot) and, when
 * NUMBERED (one figure per spectrum), every numbered figure name PLOT-K.EXT that exists in
 * PLOT's folder. An input is never replaced, not even with --force. Files are compared by
 * identity (device and inode, a link followed), so "./a.csv" and "a.csv" match. */
int cli_outputs_check (const char *output, const char *plot, int numbered, const CliInputs *in);
/* The same for the N INPUTS as given, with a single figure (NUMBERED 0). */
int cli_check_outputs (const char *output, const char *plot, const char *const *inputs, size_t n);

/* Refuses (message printed, -1) a --plot PLOT (may be NULL) whose folder does not exist or
 * cannot be written to, before any work: the figure is made after the fits. */
int cli_check_plot_folder (const char *plot);

/* Adds the comma-separated parameter names of --shared ARG to SHARED (N of CAP used; copies
 * that the caller frees). A name given twice, or more than CAP names, is refused: message
 * printed, -1. */
int cli_shared_parse (const char *arg, char **shared, size_t *n, size_t cap);
/* Refuses (message printed, -1) a resistance among the N SHARED names (R1, R12, Zarc1_R,
 * G1_R): a resistance common to spectra at different temperatures cannot follow the
 * temperature. A resistor in series with the whole circuit C is allowed (the leads); with C
 * NULL (the circuit not known yet) every plain R name is, to be checked again with C. Used by
 * eisfit arrhenius and by eisfit series of a temperature series. */
int cli_shared_refuse_resistance (char *const *shared, size_t n, const EisCircuit *c);

#endif
