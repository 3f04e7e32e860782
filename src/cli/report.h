/* The fit report: one entry per spectrum, rendered as text, CSV or JSON. */
#ifndef EISFIT_REPORT_H
#define EISFIT_REPORT_H

#include "cli-util.h"
#include "fit-args.h"
#include "spectrum.h"

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
  size_t n, cap;
  CliReportEntry **entries;
  size_t n_files;
  EisDataFile **files;          /* every imported file; entries borrow their spectra */
  int n_plots;
  int plot_failed;
} CliReport;

void cli_report_init (CliReport *r, const CliReportOptions *opt, const CliFitArgs *args);
/* Imports PATH and queues each spectrum in it; returns an exit code (0, or 2 for input). */
int cli_report_fit_file (CliReport *r, const char *path);
/* Fits every queued spectrum (on opt.jobs threads), checks it against Kramers-Kronig, draws
 * the figures, reports failures in order; returns an exit code (0, 1, 2, 3, 5). */
int cli_report_run (CliReport *r);
/* Renders all entries into OUT. */
void cli_report_finish (CliReport *r, CliBuf *out);
void cli_report_clear (CliReport *r);

#endif
