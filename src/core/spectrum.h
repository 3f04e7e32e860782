/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data model: an impedance spectrum, a DC time series, and the file that holds them.
 * SI units inside: Hz, Ohm (Z = Z' + jZ'', capacitive Z'' < 0), s, A, V, K. */
#ifndef EIS_SPECTRUM_H
#define EIS_SPECTRUM_H

#include <stddef.h>
#include "eis-error.h"

/* Free-form metadata: what the file says (instrument, software, start time ...). */
typedef struct {
  char *key;
  char *value;
} EisMetaEntry;

typedef struct {
  size_t n, cap;
  EisMetaEntry *items;
} EisMeta;

/* Sets KEY to VALUE (both copied); replaces an existing key. */
int eis_meta_set (EisMeta *meta, const char *key, const char *value);
/* Borrowed value for KEY, or NULL. */
const char *eis_meta_get (const EisMeta *meta, const char *key);
void eis_meta_clear (EisMeta *meta);
int eis_meta_copy (EisMeta *dst, const EisMeta *src);

typedef struct {
  size_t n;
  double *freq_hz;       /* ascending after eis_spectrum_finish (imports with keep_order: the
                            file's order) */
  double *z_re;          /* Ohm */
  double *z_im;          /* Ohm, capacitive < 0 */
  double *time_s;        /* NULL when the file has no time column */
  size_t *line;          /* source line of each point (0 = unknown); may be NULL */
  char *source;          /* path of the file it came from */
  char *format;          /* importer name: "csv", "biologic-mpt", ... */
  int index;             /* 0-based position of this spectrum in its file */
  int cycle;             /* instrument's cycle/loop number, -1 when none */
  double temperature_k;  /* NAN when unknown */
  double area_cm2;       /* electrode area the instrument recorded, NAN when unknown */
  EisMeta meta;
} EisSpectrum;

/* A new spectrum with room for N points (arrays allocated, zeroed; time_s and line NULL). */
EisSpectrum *eis_spectrum_new (size_t n);
void eis_spectrum_free (EisSpectrum *s);
/* Deep copy. */
EisSpectrum *eis_spectrum_dup (const EisSpectrum *s);
/* 1 when A and B are one measurement: the same object, or every frequency and impedance equal
 * (a copy of the file); 0 otherwise (NULL is no measurement). */
int eis_spectrum_same_data (const EisSpectrum *a, const EisSpectrum *b);
/* Grows or shrinks the point arrays to N (keeping the first min(n, old) points). */
int eis_spectrum_resize (EisSpectrum *s, size_t n);
int eis_spectrum_set_source (EisSpectrum *s, const char *source, const char *format);

/* The values an instrument can give; eis_spectrum_finish refuses others. */
#define EIS_FREQ_MIN_HZ 1e-9
#define EIS_FREQ_MAX_HZ 1e12
#define EIS_Z_MIN_OHM 1e-30    /* smallest non-zero |Z'| or |Z''| */
#define EIS_Z_MAX_OHM 1e30

/* Checks and normalises a freshly imported spectrum: every value finite and within what an
 * instrument measures (the limits above), frequencies
 * positive and distinct, at least MIN_POINTS points; sorts by ascending frequency.
 * Errors name the source file and line. */
int eis_spectrum_finish (EisSpectrum *s, size_t min_points, EisError *err);

/* A DC time series (chronoamperometry / chronopotentiometry). */
typedef struct {
  size_t n;
  double *time_s;        /* s, ascending */
  double *current_a;     /* A */
  double *voltage_v;     /* V; NULL when the file has none */
  size_t *line;          /* may be NULL */
  char *source;
  char *format;
  int index;
  double temperature_k;
  EisMeta meta;
} EisSeries;

EisSeries *eis_series_new (size_t n, int with_voltage);
void eis_series_free (EisSeries *s);
int eis_series_resize (EisSeries *s, size_t n);
int eis_series_set_source (EisSeries *s, const char *source, const char *format);

/* Everything one file holds. */
typedef struct {
  char *path;
  char *format;          /* detected format, as in EisSpectrum.format */
  size_t n_spectra;
  EisSpectrum **spectra;
  size_t n_series;
  EisSeries **series;
  EisMeta meta;          /* file-level metadata */
} EisDataFile;

EisDataFile *eis_data_file_new (const char *path, const char *format);
void eis_data_file_free (EisDataFile *f);
/* Appends; ownership of S moves to F (also on failure, S is freed). */
int eis_data_file_take_spectrum (EisDataFile *f, EisSpectrum *s);
int eis_data_file_take_series (EisDataFile *f, EisSeries *s);

#endif
