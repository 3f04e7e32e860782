/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A project: the files of a session (by path, with size and SHA-256 so that a changed or
 * missing file is noticed), and per spectrum everything needed to repeat and to show its fit:
 * circuit, starting values, fixed parameters, bounds, frequency window, points left out, the
 * fit's results; geometry and cell type per file, temperature per spectrum; the transference
 * choices. Stored as a GKeyFile-style text file (man eisfit, PROJECT FILES) that eisfit-gtk
 * writes and reads and `eisfit --project` refits. */
#ifndef EIS_PROJECT_H
#define EIS_PROJECT_H

#include <stddef.h>
#include "eis-error.h"
#include "fit.h"
#include "spectrum.h"

#define EIS_PROJECT_FORMAT "eisfit-project 1"

/* One input file. Strings are owned ("" when not given, never NULL after reading). */
typedef struct {
  char *path;               /* as written: relative to the project file's folder, or absolute */
  char *absolute_path;      /* where it was when saved (a second place to look) */
  unsigned long long size;  /* bytes */
  char sha256[65];          /* "" when unknown */
  char *thickness, *diameter, *area;   /* the cell geometry as typed ("0.6mm", "10mm", "") */
  char *cell;               /* cell type: "blocking" (a pellet between blocking electrodes),
                             * "li-symmetric" (Li|electrolyte|Li), "liquid" (a liquid or gel
                             * electrolyte between blocking electrodes), "" (not said) */
  char *leads;              /* a lead (short-circuit) resistance measured apart, as typed
                             * ("0.8ohm+-0.05ohm"), subtracted from an intercept taken as
                             * R_bulk as --leads does; "" (or NULL) = none */
  char *geometry_note;      /* whose geometry this is when the file took another's (eisfit-gtk's
                             * "as typed for pellet-25C.csv"), "" = the file's own */
  size_t line;              /* line of its [file N] in the project file (0: not read) */
  size_t path_line;         /* line of its path= (0: not read) */
  size_t leads_line;        /* line of its leads= (0: not read) */
} EisProjectFile;

/* How one parameter starts a fit. */
typedef struct {
  char *name;               /* "R0", "CPE1_n" */
  double start;             /* NAN: the engine's automatic starting value */
  int fixed;                /* held at START */
  double lower, upper;      /* NAN: no bound */
  size_t line;              /* line of its start.NAME= (0: not read) */
} EisProjectParam;

/* One spectrum: which one, and its fit settings and results. */
typedef struct {
  size_t file;              /* index into EisProject.files (0-based) */
  int index;                /* the spectrum's position in its file (0-based; "#1" is 0) */
  double temperature_k;     /* NAN: unknown */
  char *temperature_source; /* "from the file name", "entered", "" */
  char *label;              /* the legend label the user gave it ("−20 °C"), "" = none */
  char *circuit;            /* the circuit the fit is asked for; "" = automatic choice */
  EisWeighting weighting;
  double f_min_hz, f_max_hz;     /* 0 = no limit */
  size_t n_exclude;
  EisFreqRange *exclude;         /* frequency ranges left out */
  size_t n_exclude_points;
  size_t *exclude_points;        /* 1-based point numbers, ascending frequency */
  size_t exclude_points_line;    /* line of its exclude-points= (0: not read) */
  size_t n_params;
  EisProjectParam *params;       /* in the order of the circuit's parameters; none for an
                                  * automatic circuit or a circuit with only automatic starts */
  /* The latest fit; fit == NULL when not fitted. The result's per-point arrays (freq_hz,
   * model_re/im, res_re/im) are not stored: eis_project_result_restore refills them from the
   * spectrum. */
  char *fit_circuit;             /* the fitted circuit (the chosen one when automatic) */
  char *fit_why;                 /* how an automatic choice was made, "" */
  EisFitResult *fit;
  size_t line;                   /* line of its [spectrum N] */
} EisProjectSpectrum;

/* The Transference tab's choices; numbers are 1-based, 0 = none chosen. */
typedef struct {
  size_t series_file;       /* file (1-based) of the DC polarization */
  int series_index;         /* its position among that file's DC series (0-based) */
  size_t before, after;     /* spectra (1-based numbers of [spectrum N]) */
  char *dv;                 /* the step as typed ("10" mV), "" */
  char *r_b, *r0, *r_ss;    /* resistances as typed [Ohm]; "" = from the fits */
  char *method;             /* "bv", "watanabe", "ratio" (as eisfit transference --method); "" */
  char *i0;                 /* "auto", "extrapolated", "first", "calculated" (--i0); "" */
  char *spike_window;       /* as typed ("5s", "0", "2min"; --spike-window); "" = found */
  char *interface_arcs;     /* the arcs that form the interface ("R1,R2"; --interface-arcs);
                             * "" = decided by the arcs' capacitance */
  size_t n_during;
  size_t *during;           /* spectra checked during the hold (1-based [spectrum N] numbers) */
  /* lines in the project file (0: not there): of [transference] and of its keys */
  size_t line, series_file_line, before_line, after_line, during_line;
  size_t dv_line, r_b_line, r0_line, r_ss_line;
} EisProjectTransference;

/* The Series page's fit (eisfit-gtk): its spectra and choices, and whether the spectra use its
 * fits. eisfit-gtk fits the series again when it opens the project (same choices, same
 * numbers); eisfit --project does not read it beyond checking it. */
typedef struct {
  size_t n_spectra;
  size_t *spectra;          /* the series' spectra (1-based [spectrum N] numbers), >= 2 */
  char *order;              /* "auto", "temperature", "time", "index" */
  char *circuit;            /* "" = chosen automatically by the BIC summed over the series */
  char *shared;             /* parameters common to all spectra ("C1,CPE3_n"), "" = none */
  char *law;                /* "none", "arrhenius", "vtf" */
  int adopted;              /* the spectra took the series' fits (Use these fits) */
  /* lines in the project file (0: not there): of [series] and of its keys */
  size_t line, spectra_line, circuit_line, shared_line, order_line, law_line;
} EisProjectSeries;

typedef struct {
  char *program;            /* who wrote it: "eisfit-gtk 0.2" */
  char *circuit;            /* the circuit entry of the window ("" = automatic) */
  size_t n_selected;
  size_t *selected;         /* selected spectra, 0-based indices into spectra */
  size_t n_files;
  EisProjectFile *files;
  size_t n_spectra;
  EisProjectSpectrum *spectra;
  EisProjectTransference transference;
  int have_transference;
  EisProjectSeries series;
  int have_series;
} EisProject;

/* The temperatures a project keeps [K]: those eisfit arrhenius takes (--at, the Arrhenius
 * fit). eis_project_temperature_ok says whether T_K is one. */
#define EIS_PROJECT_T_MIN_K 1.0
#define EIS_PROJECT_T_MAX_K 5000.0
int eis_project_temperature_ok (double T_K);

EisProject *eis_project_new (void);
void eis_project_free (EisProject *p);

/* Appends a file / a spectrum (zeroed, strings "", numbers NAN or 0 as documented above) and
 * returns it (borrowed; valid until the next append), or NULL when out of memory. */
EisProjectFile *eis_project_add_file (EisProject *p);
EisProjectSpectrum *eis_project_add_spectrum (EisProject *p);
/* Sets a string field (copied; NULL gives ""). Returns EIS_OK or EIS_ERR_NOMEM. */
int eis_project_set_string (char **field, const char *value);
/* Gives spectrum S N parameters (zeroed names, NAN starts and bounds). */
int eis_project_spectrum_set_params (EisProjectSpectrum *s, size_t n);
/* Stores a copy of fit R of circuit CIRCUIT_TEXT (WHY may be NULL) in S; R NULL clears it. */
int eis_project_spectrum_set_fit (EisProjectSpectrum *s, const char *circuit_text,
                                  const EisFitResult *r, const char *why);

/* Appends file F of SRC to DST with every spectrum of SRC in that file (settings and fits
 * copied; their file numbers renumbered), e.g. to keep a missing file's part of a project when
 * it is saved again. Returns EIS_OK or EIS_ERR_NOMEM. */
int eis_project_append_file (EisProject *dst, const EisProject *src, size_t f);

/* A deep copy of R (NULL when out of memory); here because projects and undo keep fits. */
EisFitResult *eis_fit_result_dup (const EisFitResult *r);

/* Writes P to PATH (atomically, replacing it). File paths are written relative to PATH's folder
 * where the file lies inside it. */
int eis_project_write (const EisProject *p, const char *path, EisError *err);
/* The text eis_project_write writes (newly allocated, NUL-terminated); PROJECT_DIR is the
 * folder relative paths are written against (NULL: all absolute as given). */
char *eis_project_to_text (const EisProject *p, const char *project_dir, EisError *err);

/* Reads a project from PATH. Errors name the file and the line ("P.eisfit:12: ..."). */
int eis_project_read (const char *path, EisProject **out, EisError *err);
/* The same from TEXT of LEN bytes; NAME is used in messages. */
int eis_project_parse (const char *name, const char *text, size_t len, EisProject **out,
                       EisError *err);

/* Checks spectrum K's starts, fixed flags and bounds against its circuit as a fit would (an R
 * not positive, an exponent outside (0, 1], a start outside its bounds: eis_fit_check_settings);
 * the errors name the project NAME and the line of the start.NAME= entry. Reading a project
 * does not refuse these (eisfit-gtk keeps what the user typed, even a value a fit refuses);
 * eisfit --project calls this before it fits. EIS_OK for an automatic circuit. */
int eis_project_spectrum_check (const EisProject *p, const char *name, size_t k, EisError *err);

/* Checks the numbers typed on the Transference tab (dV-mV, R_b, R0, R_ss: empty or a finite
 * number) of a project read from NAME; the parser keeps them as typed, as eisfit-gtk's entries
 * do. EIS_ERR_FORMAT naming the line: "NAME:29: [transference] dV-mV=nan: expected a number in
 * mV, or nothing (from the fits)". */
int eis_project_transference_check (const EisProject *p, const char *name, EisError *err);

/* What became of an input file since the project was saved. */
typedef enum {
  EIS_PROJECT_FILE_SAME = 0,  /* same size and SHA-256 */
  EIS_PROJECT_FILE_CHANGED,   /* there, but its size or content differs */
  EIS_PROJECT_FILE_MISSING    /* neither at its path nor where it was, or not a file that can
                               * be read there (a folder, a FIFO, no permission: WHY says) */
} EisProjectFileState;

/* Finds file F of a project read from PROJECT_PATH (its path relative to the project's folder,
 * then its absolute path) and compares size and SHA-256. *RESOLVED (malloc'd, the caller frees)
 * receives where it was found (NULL when missing); WHY (may be NULL) a sentence for the user:
 * "pellet-25C.csv changed since the project was saved (4821 bytes then, 4830 now; the content
 * differs)", "data is a directory, not a data file". A FIFO or device is never opened (so
 * never waited on). Returns the state. */
EisProjectFileState eis_project_file_check (const EisProjectFile *f, const char *project_path,
                                            char **resolved, char *why, size_t why_len);

/* Fills the per-point arrays of R (a fit of circuit C read from a project) from spectrum S and
 * the options OPT of that fit (its window and exclusions): the points used, the model there and
 * the relative residuals, as eis_fit_run leaves them, and computes chi2, reduced chi2, AIC, BIC
 * and the runs test again from them (the saved ones describe the data only if the file's
 * points are those the fit was made on: compare R->chi2 with the saved one before, by
 * eis_project_chi2_matches). EIS_ERR_DATA when S does not have the number of used points the
 * fit had (the file changed). */
/* 1 when chi2 SAVED with a fit and chi2 RECOMPUTED from its saved values on the file's points
 * agree within the round-off of the saved digits (relative 1e-4, or both below 1e-12 of the
 * number of points), or when nothing was saved (NAN); 0 when the saved values do not give
 * the saved chi2 on these points: the fit was edited, or made on other data. */
int eis_project_chi2_matches (double saved, double recomputed, size_t n_points);
/* 1 when the saved fit FIT (restored by eis_project_result_restore, so FIT->chi2 is the data's)
 * does not give SAVED_CHI2, the chi2 saved with it (eis_project_chi2_matches): writes the
 * warning both faces show to MSG (N bytes), "LABEL: the saved fit does not match the data:
 * its values give chi2 ... on the file's points, the project saved ..."; 0 when they agree. */
int eis_project_saved_fit_mismatch (const char *label, double saved_chi2,
                                    const EisFitResult *fit, char *msg, size_t n);

/* The standard errors and correlations are checked too, against the covariance at the saved
 * values on the fit's points (as eis_fit_run computes it): where a saved error differs beyond
 * round-off (0.1 %), R gets the recomputed errors, correlations and undetermined flags, and
 * NOTE (NOTE_LEN bytes; may be NULL) says which errors differed ("the saved standard errors
 * are not those of the saved fit (R1 1e+05 saved, 0.552 recomputed ...)"); else NOTE is "".
 * The fit of a series' joint fit (its message "joint fit of the series ...") carries the
 * errors of the whole series and is not checked. */
int eis_project_result_restore (const EisCircuit *c, const EisSpectrum *s,
                                const EisFitOptions *opt, EisFitResult *r, char *note,
                                size_t note_len, EisError *err);

/* Points OPT (initialised by the caller) at S's settings: weighting, window, exclusions, and
 * the starts, fixed flags and bounds of S->params mapped onto C's parameters by name into the
 * caller's arrays INIT, FIXED, LOWER, UPPER (n_params of C each). EIS_ERR_INVALID when a
 * parameter of S is not in C. */
int eis_project_spectrum_options (const EisProjectSpectrum *s, const EisCircuit *c,
                                  EisFitOptions *opt, double *init, int *fixed, double *lower,
                                  double *upper, EisError *err);

/* A number as eisfit-gtk's entries read it (the [transference] values): blank is none (*V =
 * NAN, returns 0); -1 when it does not parse or is not finite. */
int eis_project_typed_number (const char *text, double *v);

#endif
