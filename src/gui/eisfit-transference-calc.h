/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Transference page's computation, apart from its widgets: one circuit for the fits before
 * and after (eis_bv_common_circuit, on a refitted copy), the interface during the hold
 * (eis_bv_track_interface over the spectra checked) and R_int,ss from it, the Bruce-Vincent
 * result with the other reading of arcs whose role is open (eis_bv_run), the R_int(t) strip,
 * the result's texts, and the figure drawn from them (eis_plot_transference). The page reads
 * its entries into an EisBVInput, calls these, and writes what they found into its labels. */
#ifndef EISFIT_TRANSFERENCE_CALC_H
#define EISFIT_TRANSFERENCE_CALC_H

#include <gio/gio.h>
#include <cairo.h>

#include "eis-error.h"
#include "eisfit-spectrum-item.h"
#include "plot.h"
#include "spectrum.h"
#include "transference.h"

G_BEGIN_DECLS

/* Read-only for the page but for what the functions below set. */
typedef struct {
  /* The interface during the hold for the checked spectra in time order: kept while the fit of
   * the spectrum before and the checked spectra stay the same (track_key). */
  size_t n_track;
  EisBVInterfacePoint *track;
  EisFitResult **track_fits;
  EisfitSpectrumItem **track_items;   /* references */
  char *track_key;
  size_t track_rss;                   /* the point R_ss came from; (size_t) -1: none */
  double *rint_t, *rint_v;            /* the strip on the figure: R0, the track, R_ss after */
  size_t n_rint;

  /* The fits R_int,0 and R_int,ss are read from (eisfit_transference_calc_common): the chosen
   * spectra's own, or a copy of one refitted so that both have one circuit; kept while the two
   * fits stay the same (common_key). COMMON_TEXT says what was done ("" when nothing). */
  EisBVCommonCircuit common;
  EisfitSpectrumItem *common_before, *common_after;   /* references; NULL: none */
  char *common_key;
  char common_text[1600];

  gboolean have_result;
  EisBVResult result;                 /* without a result: NAN marks (the series alone) */
  const EisSeries *series;            /* the DC series drawn (borrowed), NULL: none */
  /* the arcs of open role behind the result's other reading ("" when none), and whether that
   * reading counts them in the interface */
  char alt_what[400];
  gboolean alt_to_interface;

  /* what the figure last drew: t+ as a range from LOW to HIGH, the spike window [s] (NAN:
   * none), where the current's legend went (EisPlotLegendPlace) and how many measured points
   * it hides */
  gboolean drawn_t_two;
  double drawn_t_low, drawn_t_high;
  char drawn_t_text[96];   /* the legend's t+ entry ("" when it has none) */
  double drawn_spike_s;
  int drawn_legend;
  size_t drawn_legend_covered;
} EisfitTransferenceCalc;

EisfitTransferenceCalc *eisfit_transference_calc_new (void);
void eisfit_transference_calc_free (EisfitTransferenceCalc *c);

/* Gives the fits of BEFORE and AFTER one circuit by the engine's rule, as eisfit transference
 * does (eis_bv_common_circuit): both from the automatic choice, the circuit whose two fits are
 * sound with the lower summed BIC; one of them typed by the user (fitted with a circuit, not
 * automatically), that circuit; both typed, each keeps its own and COMMON_TEXT says so. The
 * spectrum that takes the other's circuit is refitted as a copy: the fit in the list (the
 * user's) is never replaced. Each refit uses that spectrum's points left out and the engine's
 * starting values. Kept while the two fits stay the same; nothing when either is missing or
 * both are one spectrum. */
void eisfit_transference_calc_common (EisfitTransferenceCalc *c, EisfitSpectrumItem *before,
                                      EisfitSpectrumItem *after);
/* The fit of ITEM the transference uses: the copy refitted by eisfit_transference_calc_common
 * when ITEM is the spectrum it refitted, else ITEM's own (NULL when not fitted). *CIRCUIT gets
 * its circuit. */
const EisFitResult *eisfit_transference_calc_fit_of (EisfitTransferenceCalc *c,
                                                     EisfitSpectrumItem *item,
                                                     const EisCircuit **circuit);
/* TRUE when ITEM's fit used is the refitted copy, not its own. */
gboolean eisfit_transference_calc_is_refitted (EisfitTransferenceCalc *c, EisfitSpectrumItem *item);

/* No result: S (borrowed, NULL: none) drawn alone, nothing marked. */
void eisfit_transference_calc_show_series (EisfitTransferenceCalc *c, const EisSeries *s);

/* Forgets the interface during the hold. */
void eisfit_transference_calc_clear_track (EisfitTransferenceCalc *c);
/* R_int(t) of PICKS (EisfitDuringPick) with eis_bv_track_interface, from the fit of BEFORE (its
 * circuit and optimum start the first fit, each next one starts from the one before), as
 * eisfit transference --during; ARCS the interface arcs typed (NULL or "": by capacitance).
 * Kept when nothing it depends on changed. FALSE (and ERR) when it cannot be fitted. */
gboolean eisfit_transference_calc_track (EisfitTransferenceCalc *c, EisfitSpectrumItem *before,
                                         GArray *picks, const char *arcs, EisError *err);
/* The converged point of the track with an interface nearest HOLD_S (the end of the hold), as
 * eisfit transference --during without --after takes R_ss; it becomes track_rss. (size_t) -1
 * when there is none. */
size_t eisfit_transference_calc_pick_rss (EisfitTransferenceCalc *c, double hold_s);

/* Without a spectrum after: R_ss from the track (eisfit_transference_calc_pick_rss at the end
 * of the hold of S), which arcs of which spectrum at what time gave it (HOW), and NOTE, a
 * warning when that spectrum lies more than a tenth of the hold from its end ("" otherwise).
 * FALSE when no point of the track has a converged fit with an interface. */
gboolean eisfit_transference_calc_rss_from_track (EisfitTransferenceCalc *c, const EisSeries *s,
                                                  char *how, size_t how_len, char *note,
                                                  size_t note_len);

/* t+ of the DC series S with IN (eis_bv_run); BEFORE_RES and AFTER_RES: the resistances of the
 * fits before and after whose arcs of open role give the other reading (NULL: that side's
 * value was typed, or there is no fit). RSS_AFTER: R_ss is the spectrum after's (the strip
 * ends with it). Fills the result and the strip; on an error the result is dropped. */
int eisfit_transference_calc_run (EisfitTransferenceCalc *c, const EisSeries *s, EisBVInput *in,
                                  const EisBVResistances *before_res,
                                  const EisBVResistances *after_res, gboolean rss_after,
                                  EisError *err);

/* The figure over W x H: the current with I0, I_ss, the spike and the decay (once computed),
 * and beside it the spectra BEFORE and AFTER with their fits (NULL: left out; without AFTER, the
 * spectrum R_ss came from during the hold). */
int eisfit_transference_calc_draw (EisfitTransferenceCalc *c, cairo_t *cr, double w, double h,
                                   const EisSpectrum *before, const EisFitResult *before_fit,
                                   const EisSpectrum *after, const EisFitResult *after_fit,
                                   EisPlotTransform *tr, EisError *err);
/* The measured point nearest (PX, PY) on the figure, "t = ..., I = ...", with its place in
 * *MX, *MY; NULL when none is within 30 px. */
char *eisfit_transference_calc_hover (EisfitTransferenceCalc *c, const EisPlotTransform *tr,
                                      double px, double py, double *mx, double *my);

/* R_b and the interfacial resistance of ITEM's fit used (eisfit_transference_calc_fit_of) with
 * their standard errors, from the engine (eis_bv_resistances, as eisfit transference takes
 * them; ARCS the interface arcs typed, NULL or "": by capacitance), which arcs gave it (HOW) and
 * the other reading of arcs of open role (RES). FALSE when ITEM is not fitted; *RINT is NAN
 * when its circuit has no interface arc, and ARCS_ERROR (when still empty) says why ARCS do not
 * fit its circuit. */
gboolean eisfit_transference_item_resistances (EisfitTransferenceCalc *calc,
                                               EisfitSpectrumItem *item, const char *arcs,
                                               double *rb, double *rb_se, double *rint,
                                               double *rint_se, char *how, size_t how_len,
                                               EisBVResistances *res, char *arcs_error,
                                               size_t arcs_error_len);

/* A current A [A] in µA with 4 significant digits and its error SE with 2, onto T. */
void eisfit_transference_append_current (GString *t, double a, double se);
/* Every number of eisfit transference's report that the headline does not show: all forms of
 * t+ and the other reading of the arcs ALT_WHAT of open role (eis_bv_forms_text, the command's
 * words), both initial currents, both steady-state currents, the spike and the decay fit.
 * Plain text. */
char *eisfit_transference_details_text (const EisBVResult *r, const char *alt_what,
                                        gboolean alt_to_interface);
/* The result's headline as Pango markup (eis_bv_headline_text, eisfit transference's words):
 * "t₊ = 0.8603 ± 0.0079  (method)", both readings of an arc of open role with each one's
 * error and R_int,0, or "t₊: none" with the reason; "" without a result. */
char *eisfit_transference_calc_dup_headline (EisfitTransferenceCalc *c);

/* The result as the page shows it, in Pango markup: the headline, ΔV, I₀ and I_ss with how
 * they were found, the charging spike, R_int(t) during the hold, then the warnings: the
 * circuits before and after (COMMON_TEXT, when BOTH_SIDES: both spectra were chosen), NOTE
 * (NULL or "": none) and the result's own. "" without a result. */
char *eisfit_transference_calc_dup_result_markup (EisfitTransferenceCalc *c, gboolean both_sides,
                                                  const char *note);
/* The details, plain text: every form of t+ (eisfit_transference_details_text) and the table
 * of R_int(t) during the hold. "" without a result. */
char *eisfit_transference_calc_dup_details (EisfitTransferenceCalc *c);

/* A cell type with blocking electrodes ("blocking", "liquid"): never a transference's spectrum. */
gboolean eisfit_transference_cell_is_blocking (const char *cell);
/* The spectra before and after SERIES (1-based positions in SPECTRA, 0 = none), when the files
 * say: the first and last spectrum of the series' own file, or spectra of the series' cell (a
 * file of its folder named for the same sample, eis_sample_same, or, when either name gives no
 * sample, any file of its folder; never of a blocking cell)
 * named for their role ("..._before", "post-polarization"; Li|Li cells first) or the only two
 * of that cell; with the start times the files give, the one before measured before the
 * polarization and the one after after it. Otherwise none: the user chooses (never a spectrum
 * of another cell), and *NOTE (NULL to ignore; g_free) says why; NULL when both were chosen or
 * there is no polarization. */
void eisfit_transference_guess_spectra (GListModel *spectra, const EisSeries *series, guint *b,
                                        guint *a, char **note);

G_END_DECLS

#endif
