/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The points of one spectrum left out of its fit: point numbers (1-based, ascending frequency,
 * as eisfit --exclude-points) and frequency ranges (as eisfit --exclude). The fit, the
 * residuals and the Lin-KK check of eisfit-gtk all use the points that are not left out,
 * through EisFitOptions (eis_fit_point_used, eis_fit_used_points). */
#ifndef EISFIT_EXCLUSIONS_H
#define EISFIT_EXCLUSIONS_H

#include <glib.h>

#include "fit.h"
#include "spectrum.h"

G_BEGIN_DECLS

typedef struct _EisfitExclusions EisfitExclusions;

EisfitExclusions *eisfit_exclusions_new (void);
/* A copy (a fit in a thread works on its own copy); NULL gives an empty set. */
EisfitExclusions *eisfit_exclusions_dup (const EisfitExclusions *ex);
void eisfit_exclusions_free (EisfitExclusions *ex);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EisfitExclusions, eisfit_exclusions_free)

gboolean eisfit_exclusions_is_empty (const EisfitExclusions *ex);
void eisfit_exclusions_clear (EisfitExclusions *ex);

/* Point NUMBER (1-based) left out (LEFT_OUT) or put back. Returns TRUE when that changed. */
gboolean eisfit_exclusions_set_point (EisfitExclusions *ex, size_t number, gboolean left_out);
gboolean eisfit_exclusions_has_point (const EisfitExclusions *ex, size_t number);
/* The largest point number left out, 0 when none. */
size_t eisfit_exclusions_max_point (const EisfitExclusions *ex);
/* Leaves out the frequencies from LO_HZ to HI_HZ (either order; inclusive). */
void eisfit_exclusions_add_range (EisfitExclusions *ex, double lo_hz, double hi_hz);
/* Removes every range that contains FREQ_HZ; returns how many. */
guint eisfit_exclusions_remove_ranges_at (EisfitExclusions *ex, double freq_hz);
/* The range that contains FREQ_HZ, or NULL (borrowed). */
const EisFreqRange *eisfit_exclusions_range_at (const EisfitExclusions *ex, double freq_hz);

/* Points OPT's exclusions at EX (which must outlive OPT's use; f_min/f_max untouched). */
void eisfit_exclusions_apply (const EisfitExclusions *ex, EisFitOptions *opt);
/* 1 when point I (0-based) of S is used, else 0. */
int eisfit_exclusions_point_used (const EisfitExclusions *ex, const EisSpectrum *s, size_t i);
/* How many points of S are left out. */
size_t eisfit_exclusions_count (const EisfitExclusions *ex, const EisSpectrum *s);
/* "2 points (12, 51), 1e+06 to 1e+07 Hz" or NULL when nothing of S is left out; free it. */
char *eisfit_exclusions_describe (const EisfitExclusions *ex, const EisSpectrum *s);

/* Parses the text of --exclude-points ("3,17,51") into EX; FALSE on a bad list. */
gboolean eisfit_exclusions_parse_points (EisfitExclusions *ex, const char *text);
/* Parses the text of --exclude ("1e6:1e7", positive frequencies in Hz) into EX. */
gboolean eisfit_exclusions_parse_range (EisfitExclusions *ex, const char *text);
/* Adds everything in FROM to EX. */
void eisfit_exclusions_merge (EisfitExclusions *ex, const EisfitExclusions *from);

G_END_DECLS

#endif
