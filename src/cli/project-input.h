/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit --project FILE: the spectra of a project saved by eisfit-gtk, queued in a fit report
 * with each spectrum's own circuit, starts, fixes, bounds, window, points left out, weighting and
 * its file's geometry; afterwards the refits are compared with the fits the project saved. */
#ifndef EISFIT_PROJECT_INPUT_H
#define EISFIT_PROJECT_INPUT_H

#include "fit-args.h"
#include "report.h"

typedef struct CliProjectRun CliProjectRun;

/* Reads PATH and checks its files (a changed file is fitted as it is now, with a warning; a
 * missing one is an error); *OUT (freed with cli_project_run_free) lists the spectra to fit, each
 * with BASE's import and solver options and its own settings. Returns an exit code; *OUT even
 * on errors that left some spectra to fit. */
int cli_project_prepare (const char *path, const CliFitArgs *base, CliProjectRun **out);
const CliReportItem *cli_project_items (const CliProjectRun *run, size_t *n);
/* For cli_report_run_items: warns (unless quiet) where a refit differs from the saved fit. */
void cli_project_fitted (size_t i, const CliFitOutcome *o, void *run);
void cli_project_run_free (CliProjectRun *run);

#endif
