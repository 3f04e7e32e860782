/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit --project FILE: the spectra of a project saved by eisfit-gtk in a fit report: the fits
 * the project saved, as saved (with each file's geometry and cell type); spectra without one
 * fitted with their own circuit, starts, fixes, bounds, window, points left out and weighting;
 * with --refit every spectrum fitted again and compared with the saved fit. */
#ifndef EISFIT_PROJECT_INPUT_H
#define EISFIT_PROJECT_INPUT_H

#include "cli-util.h"
#include "fit-args.h"
#include "project.h"
#include "report.h"

typedef struct CliProjectRun CliProjectRun;

/* Refuses (message printed, -1) the options beside --project that a project gives each of its
 * spectra: --circuit, --init, --fix, --bounds, --weighting, --fmin, --fmax, --exclude,
 * --exclude-points, the geometry and --cell (with --refit too: a refit uses the project's).
 * Called before cli_fit_args_finish, so that --thickness alone is refused for this reason. */
int cli_project_refuse_options (const CliFitArgs *a);

/* Reads PATH and checks its files (a changed file is fitted as it is now, with a warning; a
 * missing one, or a folder or FIFO in its place, is an error); *OUT (freed with
 * cli_project_run_free) lists the spectra, each with BASE's import and solver options and its
 * own settings, checked (eis_project_spectrum_check) where it will be fitted. REFIT: every
 * spectrum is fitted again (--refit), not only those without a saved fit. Returns an exit code
 * (2 for a bad project or file, with FILE:LINE); *OUT even on errors that left some spectra. */
int cli_project_prepare (const char *path, const CliFitArgs *base, int refit,
                         CliProjectRun **out);
/* The spectra as report items: a spectrum with a saved fit (of its file as it is now) is
 * reported with that fit, one without (or whose file changed) is fitted and says why. */
const CliReportItem *cli_project_items (const CliProjectRun *run, size_t *n);
/* For cli_report_run_items: warns (unless quiet) where a refit differs from the saved fit. */
void cli_project_fitted (size_t i, const CliFitOutcome *o, void *run);
void cli_project_run_free (CliProjectRun *run);

/* Adds the project file and every data file it names that was found to IN (each said as
 * named on its path= line), so that no output replaces one of them. */
void cli_project_add_inputs (const CliProjectRun *run, CliInputs *in);

/* The project read (borrowed). */
const EisProject *cli_project_get (const CliProjectRun *run);
/* Where file F (0-based) was found, NULL when missing; *CHANGED (may be NULL) says whether it
 * changed since the project was saved. */
const char *cli_project_file_where (const CliProjectRun *run, size_t f, int *changed);
/* The fit settings of spectrum K (0-based) with its file's geometry and cell type; NULL when
 * its file is missing or its settings did not parse (said already). */
const CliFitArgs *cli_project_spectrum_args (const CliProjectRun *run, size_t k);
/* Spectrum K's fit as eisfit-gtk shows it when it opens the project: the saved fit, its
 * per-point arrays refilled from SP (the spectrum read from the file now), analysed with its
 * file's geometry and cell type. EIS_ERR_DATA (ERR says why) when the project saved no fit for
 * it or its file changed; OUT is then cleared. */
int cli_project_saved_outcome (const CliProjectRun *run, size_t k, const EisSpectrum *sp,
                               CliFitOutcome *out, EisError *err);

#endif
