/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fit report: one entry per spectrum (and circuit), rendered as text, CSV or JSON and
 * written out as soon as it and every entry before it are done. */
#ifndef EISFIT_REPORT_H
#define EISFIT_REPORT_H

#include "cli-util.h"
#include "fit-args.h"
#include "spectrum.h"

/* N_SPECTRA spectra of file PATH given CIRCUIT by the automatic choice (both owned). */
typedef struct {
  char *path, *circuit;
  size_t n_spectra;
} CliAutoNote;

typedef struct {
  CliFormat format;
  const char *plot;    /* --plot FILE or NULL */
  int kk;              /* run the Kramers-Kronig check */
  int quiet;
  int force;
  int jobs;            /* fits run on this many threads */
  const CliInputs *inputs; /* never written over, not even a numbered figure */
} CliReportOptions;

typedef struct CliReportEntry CliReportEntry;

typedef struct {
  CliReportOptions opt;
  const CliFitArgs *args;
  CliOut *out;
  int out_failed;               /* a write to OUT failed (said once) */
  size_t n_written;             /* entries written so far */
  int n_plots;
  int plot_failed;
  char **names;                 /* CSV: the parameter columns so far, in order of appearance */
  size_t n_names, cap_names;
  FILE *spool;                  /* CSV rows that wait for the header, or NULL */
  CliBuf buf;                   /* the entries being rendered */
  void (*item_fitted) (size_t i, const CliFitOutcome *o, void *data);  /* see run_items */
  void *item_data;
  int items;                    /* run_items: the report says where each fit came from */
  /* The spectra the automatic choice fitted, one entry per file and circuit (in order of its
   * first spectrum): one sample's spectra given different circuits are said at the end
   * (eis_mixed_circuits_text). Not one per spectrum: a file of a million spectra keeps a few. */
  CliAutoNote *autos;
  size_t n_auto, cap_auto;
} CliReport;

/* One spectrum fitted with settings of its own (a project's, see project-input.h). */
typedef struct {
  const char *path;             /* its file */
  size_t index;                 /* its position in the file (0-based) */
  const CliFitArgs *args;       /* its settings (borrowed) */
  double temperature_k;         /* NAN: as the file says */
  /* where TEMPERATURE_K came from, as the project says ("from the file name", "entered");
   * NULL or "": from the project */
  const char *temperature_source;
  const char *label;            /* where it is named, for messages ("P.eisfit:30: [spectrum 2]") */
  /* A fit saved with it (a project's): when SAVED is set it fills OUT with that fit for S (the
   * spectrum read now) and the report shows it instead of fitting; when it fails, or SAVED is
   * NULL, the spectrum is fitted. Called on worker threads. */
  int (*saved) (const void *data, size_t k, const EisSpectrum *s, CliFitOutcome *out,
                EisError *err);
  const void *saved_data;
  size_t saved_k;
  /* Why it is fitted although it belongs to a project ("the project saved no fit for it"); the
   * report says so (text, CSV fit_source, JSON fit_source/fit_source_why). NULL: not a project's
   * spectrum, or SAVED is set. */
  const char *refit_why;
  /* Where its points left out are named ("P.eisfit:15: [spectrum 2] exclude-points=3;999"), or
   * NULL: a point beyond the spectrum is then an error there (exit 2), found before its fit. */
  const char *points_where;
} CliReportItem;

void cli_report_init (CliReport *r, const CliReportOptions *opt, const CliFitArgs *args);
/* Imports the N files PATHS one after the other, fits every spectrum in them (on opt.jobs
 * threads) with its Kramers-Kronig check and figure, and writes each spectrum's report to OUT
 * in input order as soon as it and those before it are done; messages go to stderr in the same
 * order. Only a bounded window of spectra and results is held, and each file only until its
 * last spectrum is written, so memory does not grow with the number of spectra.
 * Returns an exit code (0, 1, 2, 3, 4 for OUT, 5); figures that failed set plot_failed. */
int cli_report_run (CliReport *r, const char *const *paths, size_t n, CliOut *out);
/* The same for ITEMS[0..N), each with its own settings; FITTED (may be NULL) is called with
 * each successful fit, in order, on this thread, before it is freed. */
int cli_report_run_items (CliReport *r, const CliReportItem *items, size_t n, CliOut *out,
                          void (*fitted) (size_t i, const CliFitOutcome *o, void *data),
                          void *data);
void cli_report_clear (CliReport *r);

#endif
