/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Bruce-Vincent transference view (see eisfit-transference-page.h). */
#include "eisfit-transference-page.h"
#include "eisfit-text.h"

#include <math.h>
#include <string.h>

#include "eisfit-plot-view.h"
#include "eisfit-spectrum-item.h"
#include "eisfit-transference-calc.h"
#include "eisfit-transference-during.h"
#include "plot.h"
#include "transference.h"

struct _EisfitTransferencePage {
  GtkWidget parent_instance;

  GtkWidget *series_dropdown;
  GtkWidget *before_dropdown;
  GtkWidget *after_dropdown;
  GtkWidget *dv_entry;
  GtkWidget *rb_entry;
  GtkWidget *r0_entry;
  GtkWidget *rss_entry;
  GtkWidget *method_dropdown;   /* EisBVMethod, in its order */
  GtkWidget *i0_dropdown;       /* auto, extrapolated, first point, calculated */
  GtkWidget *spike_entry;       /* s; blank: found */
  GtkWidget *arcs_entry;        /* the interface arcs ("R1,R2"); blank: by their capacitance */
  GtkWidget *result_label;
  GtkWidget *details_expander;
  GtkWidget *details_label;
  GtkWidget *source_label;
  GtkWidget *plot;
  GtkWidget *during;            /* EisfitTransferenceDuring: the spectra during the hold */

  /* the interface during the hold, the result and the figure drawn from them */
  EisfitTransferenceCalc *calc;

  /* Values filled in from the fits and their standard errors [Ohm]; an entry the user has
   * changed since carries no error. */
  double rb_fit, rb_se, r0_fit, r0_se, rss_fit, rss_se;
  /* the bulk resistance of the spectrum after (Watanabe's R_b,ss) [Ohm], NAN when not fitted */
  double rbss_fit, rbss_se;
  /* the other reading of arcs whose role the capacitance does not decide (eis_bv_resistances):
   * before's and after's resistances with them moved, NAN when none; what moved */
  EisBVResistances r0_res, rss_res;
  /* the interface arcs the resistances were filled with (as eisfit transference
   * --interface-arcs; NULL or "": by capacitance), and why they do not fit a spectrum's
   * circuit ("" when they do) */
  char *arcs;
  char arcs_error[700];
  gboolean filling;         /* the page itself is writing the entries */
  gboolean before_fitted, after_fitted;
  /* the fits of the chosen spectra the entries were filled from (identity only) */
  const EisFitResult *seen_before_fit, *seen_after_fit;
  gboolean stale;           /* an input changed since the result was computed */
  /* which arcs gave R0 and Rss ("R1||CPE1 (electrode)"), and the spectra they came from */
  char r0_how[640], rss_how[640];
  EisfitSpectrumItem *r0_item, *rss_item;
  /* why the spectra before and after were not chosen from the files (NULL: they were, or the
   * user chose; eisfit_transference_guess_spectra) */
  char *guess_note;

  /* fits of unfitted before/after spectra are asked of the window */
  EisfitTransferenceFitFunc fit_func;
  gpointer fit_data;
  gboolean fit_requested;   /* Compute asked for fits: compute when they are done */

  GListModel *spectra;  /* of EisfitSpectrumItem */
  GPtrArray *series;    /* EisSeries *, borrowed */
  char *result_before, *result_after; /* names of the spectra the result used */
};

G_DEFINE_FINAL_TYPE (EisfitTransferencePage, eisfit_transference_page, GTK_TYPE_WIDGET)

#define DURING(self) EISFIT_TRANSFERENCE_DURING ((self)->during)

/* An optional number typed by the user; blank gives NAN. FALSE when it does not parse. */
static gboolean
entry_number (GtkWidget *entry, double *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char *end;

  *out = NAN;
  while (g_ascii_isspace (*text))
    text++;
  if (!*text)
    return TRUE;
  *out = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0' && isfinite (*out);
}

static void
set_entry_number (GtkWidget *entry, double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_editable_set_text (GTK_EDITABLE (entry),
                         isfinite (x) ? g_ascii_formatd (buf, sizeof buf, "%.5g", x) : "");
}

static EisfitSpectrumItem *
selected_item (EisfitTransferencePage *self, GtkWidget *dropdown)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (!self->spectra || pos == GTK_INVALID_LIST_POSITION || pos == 0)
    return NULL;
  return g_list_model_get_item (self->spectra, pos - 1); /* 0 is "(none)" */
}

/* TRUE when ENTRY still shows FITTED (as set_entry_number wrote it, 5 digits). */
static gboolean
entry_is_fitted (GtkWidget *entry, double fitted)
{
  double v;

  return entry_number (entry, &v) && isfinite (v) && isfinite (fitted)
         && fabs (v - fitted) <= 1e-4 * fabs (fitted);
}

/* One line of the source label for the spectrum of one side (WHAT: "R_int,0", "R_int,ss"): which arc of
 * which spectrum's fit gave the value in ENTRY, or that it was typed. */
static void
describe_side (GString *text, EisfitTransferenceCalc *calc, EisfitSpectrumItem *item,
               gboolean fitted, double rint, const char *how, const char *what,
               const char *side, GtkWidget *entry, gboolean arcs_bad)
{
  g_autofree char *name = item ? eisfit_transference_item_name (item) : NULL;
  double typed;
  const EisCircuit *circ = NULL;

  /* the fit used: the item's own, or its copy refitted with the other side's circuit */
  eisfit_transference_calc_fit_of (calc, item, &circ);
  const char *ctext = circ ? eis_circuit_text (circ) : "";
  const char *refit = eisfit_transference_calc_is_refitted (calc, item)
                      ? ", refitted for one circuit before and after" : "";

  if (text->len)
    g_string_append_c (text, '\n');
  if (entry_number (entry, &typed) && isfinite (typed) && !entry_is_fitted (entry, rint))
    {
      g_string_append_printf (text, "%s = %.5g Ω as typed", what, typed);
      if (item && fitted && isfinite (rint))
        g_string_append_printf (text, " (the fit of %s gives %.5g Ω from %s)", name, rint, how);
      else if (item && !fitted)
        g_string_append_printf (text, " (%s is not fitted)", name);
    }
  else if (!item)
    g_string_append_printf (text, "%s: choose the spectrum measured %s the step, or type %s.",
                            what, side, what);
  else if (!fitted)
    g_string_append_printf (text, "%s: %s is not fitted yet; Compute t₊ fits it (automatic "
                            "circuit, as eisfit transference).", what, name);
  else if (!isfinite (rint) && arcs_bad)
    g_string_append_printf (text, "%s: the interface arcs typed are not all arcs of the fit of "
                            "%s (%s%s).", what, name, ctext, refit);
  else if (!isfinite (rint))
    g_string_append_printf (text, "%s: the fit of %s (%s%s) has no interface arc: fit it with "
                            "the Li|Li preset, or type %s.", what, name, ctext, refit, what);
  else
    g_string_append_printf (text, "%s = %.5g Ω from %s of %s (%s%s)", what, rint, how, name,
                            ctext, refit);
}

/* The source label from the fits found and what the entries show now. */
static void
update_source (EisfitTransferencePage *self)
{
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  GString *text = g_string_new (NULL);

  /* the spectra were not chosen from the files: why (until both are chosen) */
  if (self->guess_note && (!before || !after))
    g_string_append (text, self->guess_note);
  describe_side (text, self->calc, before, self->before_fitted, self->r0_fit, self->r0_how,
                 "R_int,0", "before", self->r0_entry, self->arcs_error[0] != '\0');
  if (!after && self->rss_item && entry_is_fitted (self->rss_entry, self->rss_fit))
    g_string_append_printf (text, "\nR_int,ss = %.5g Ω from %s", self->rss_fit, self->rss_how);
  else
    describe_side (text, self->calc, after, self->after_fitted, self->rss_fit, self->rss_how,
                   "R_int,ss", "after", self->rss_entry, self->arcs_error[0] != '\0');
  /* one circuit before and after (or why not), as eisfit transference says it */
  if (self->calc->common_text[0])
    g_string_append_printf (text, "\nCircuits: %s.", self->calc->common_text);
  if (self->arcs_error[0])
    g_string_append_printf (text, "\nInterface arcs: %s", self->arcs_error);
  gtk_label_set_text (GTK_LABEL (self->source_label), text->str);
  g_string_free (text, TRUE);
}

/* Fills R_b, R0 and Rss from the fits of the chosen spectra before and after, and only from
 * them: a side whose spectrum is not chosen or not fitted is left blank (never another
 * spectrum's values). */
static void
fill_resistances (EisfitTransferencePage *self)
{
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  double rb, rb_se, rint, rint_se, unused, unused_se;
  gboolean bf, af;

  self->filling = TRUE;
  g_free (self->arcs);
  self->arcs = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->arcs_entry))));
  self->arcs_error[0] = '\0';
  self->seen_before_fit = before ? eisfit_spectrum_item_get_fit (before) : NULL;
  self->seen_after_fit = after ? eisfit_spectrum_item_get_fit (after) : NULL;
  /* one circuit for both fits, as eisfit transference gives them (a refitted copy) */
  eisfit_transference_calc_common (self->calc, before, after);
  bf = eisfit_transference_item_resistances (self->calc, before, self->arcs, &rb, &rb_se, &rint, &rint_se,
                                             self->r0_how, sizeof self->r0_how, &self->r0_res,
                                             self->arcs_error, sizeof self->arcs_error);
  set_entry_number (self->rb_entry, rb);
  set_entry_number (self->r0_entry, rint);
  self->rb_fit = rb;
  self->rb_se = rb_se;
  self->r0_fit = rint;
  self->r0_se = rint_se;
  self->before_fitted = bf;
  g_clear_object (&self->r0_item);
  if (bf && isfinite (rint))
    self->r0_item = g_object_ref (before);
  af = eisfit_transference_item_resistances (self->calc, after, self->arcs, &unused, &unused_se, &rint,
                                             &rint_se, self->rss_how, sizeof self->rss_how,
                                             &self->rss_res, self->arcs_error,
                                             sizeof self->arcs_error);
  self->rbss_fit = unused > 0 ? unused : NAN;
  self->rbss_se = unused > 0 ? unused_se : NAN;
  set_entry_number (self->rss_entry, rint);
  self->rss_fit = rint;
  self->rss_se = rint_se;
  self->after_fitted = af;
  g_clear_object (&self->rss_item);
  if (af && isfinite (rint))
    self->rss_item = g_object_ref (after);
  self->filling = FALSE;
  update_source (self);
}

/* When *VALUE is still the fitted one (as the entry shows it, 5 digits), the fitted value in
 * full precision and its standard error, so the page computes what eisfit transference does;
 * a value the user typed is taken as exact (error 0). */
static double
use_fitted (double *value, double fitted, double se)
{
  if (isfinite (*value) && isfinite (fitted) && fabs (*value - fitted) <= 1e-4 * fabs (fitted))
    {
      *value = fitted;
      return isfinite (se) ? se : 0.0;
    }
  return 0.0;
}

static void show_series (EisfitTransferencePage *self);

/* A result no longer belongs to what is chosen: back to the series on its own. */
static void
drop_result (EisfitTransferencePage *self)
{
  if (!self->calc->have_result)
    return;
  self->calc->have_result = FALSE;
  gtk_label_set_text (GTK_LABEL (self->result_label), "");
  gtk_widget_set_visible (self->details_expander, FALSE);
  show_series (self);
}

static void compute_clicked_cb (GtkButton *button, EisfitTransferencePage *self);

/* A choice of eisfit transference's (method, I0 rule, spike window) changed: a result shown is
 * computed again with it (no fit is needed), so what is shown always follows the choices. */
static void
choice_changed_cb (GObject *widget, GParamSpec *pspec, EisfitTransferencePage *self)
{
  if (self->calc->have_result)
    compute_clicked_cb (NULL, self);
}

/* The interface arcs were typed (Enter): R0, R_ss and R_b are taken from the fits again with
 * them, and a result shown is computed again. */
static void
arcs_activate_cb (GtkEntry *entry, EisfitTransferencePage *self)
{
  fill_resistances (self);
  if (self->calc->have_result)
    compute_clicked_cb (NULL, self);
}

static void
spike_activate_cb (GtkEntry *entry, EisfitTransferencePage *self)
{
  if (self->calc->have_result)
    compute_clicked_cb (NULL, self);
}

/* The user typed a number into an entry behind the shown result: the result says it is from
 * before the change until Compute t+ is pressed again. */
static void
input_edited_cb (GtkEditable *entry, EisfitTransferencePage *self)
{
  if (self->filling)
    return;
  update_source (self);
  if (!self->calc->have_result || self->stale)
    return;
  self->stale = TRUE;
  g_autofree char *old = g_strdup (gtk_label_get_label (GTK_LABEL (self->result_label)));
  g_autofree char *text = g_strdup_printf (
    "<span foreground='#b35900'>⚠ Computed before ΔV or a resistance was changed: press "
    "Compute t₊ for the values shown.</span>\n%s", old);
  gtk_label_set_markup (GTK_LABEL (self->result_label), text);
}

static void
spectrum_selected_cb (GObject *dropdown, GParamSpec *pspec, EisfitTransferencePage *self)
{
  self->fit_requested = FALSE;
  fill_resistances (self);
  drop_result (self);
}

static void
series_selected_cb (GObject *dropdown, GParamSpec *pspec, EisfitTransferencePage *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->series_dropdown));

  /* the times of the spectra during the hold are counted from this series' step */
  if (self->series && pos < self->series->len
      && eisfit_transference_during_get_n (DURING (self)) > 0)
    {
      g_autoptr (GHashTable) checked = eisfit_transference_during_dup_checked (DURING (self));

      eisfit_transference_during_rebuild (DURING (self), self->spectra,
                                          g_ptr_array_index (self->series, pos), checked, 0, 0);
    }
  self->calc->have_result = FALSE;
  gtk_label_set_text (GTK_LABEL (self->result_label), "");
  gtk_widget_set_visible (self->details_expander, FALSE);
  show_series (self);
}

/* The figure, from the page's computation, with the spectra chosen before and after. */
static int
draw_cb (cairo_t *cr, double w, double h, const EisPlotView *view, EisPlotTransform *tr,
         EisError *err, gpointer data)
{
  EisfitTransferencePage *self = data;
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  const EisCircuit *unused;

  /* the fits R_int,0 and R_int,ss came from (a copy refitted for one circuit) */
  return eisfit_transference_calc_draw (
    self->calc, cr, w, h, before ? eisfit_spectrum_item_get_spectrum (before) : NULL,
    eisfit_transference_calc_fit_of (self->calc, before, &unused),
    after ? eisfit_spectrum_item_get_spectrum (after) : NULL,
    eisfit_transference_calc_fit_of (self->calc, after, &unused), tr, err);
}

static char *
hover_cb (const EisPlotTransform *tr, double px, double py, double *mx, double *my,
          gpointer data)
{
  EisfitTransferencePage *self = data;

  return eisfit_transference_calc_hover (self->calc, tr, px, py, mx, my);
}

/* The selected DC series on its own, before Compute: the current against time, nothing marked
 * (the plot leaves out what is NAN). */
static void
show_series (EisfitTransferencePage *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->series_dropdown));
  if (self->calc->have_result)
    return;
  if (!self->series || pos == GTK_INVALID_LIST_POSITION || pos >= self->series->len)
    {
      eisfit_transference_calc_show_series (self->calc, NULL);
      eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot),
                                        "Open a DC polarization file (current against time at a "
                                        "constant voltage step) and the spectra measured before "
                                        "and after it, then press Compute t₊.");
      return;
    }
  eisfit_transference_calc_show_series (self->calc, g_ptr_array_index (self->series, pos));
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), NULL);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), draw_cb, hover_cb, self);
  eisfit_plot_view_invalidate (EISFIT_PLOT_VIEW (self->plot));
}


/* The result label shows TEXT (plain) and the series stays drawn. */
static void
compute_failed (EisfitTransferencePage *self, const char *text)
{
  g_autofree char *typeset = eisfit_typeset (text); /* an engine message: "Ohm" as "Ω" */

  self->calc->have_result = FALSE;
  gtk_label_set_text (GTK_LABEL (self->result_label), typeset);
  gtk_widget_set_visible (self->details_expander, FALSE);
  show_series (self);
}

/* "5", "5s", "2min", "0.5 h" -> s; FALSE when it is not a time >= 0. */
static gboolean
parse_seconds (const char *text, double *out)
{
  char *end;
  double x = g_ascii_strtod (text, &end);

  if (end == text || !isfinite (x) || x < 0)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end == '\0' || strcmp (end, "s") == 0)
    *out = x;
  else if (strcmp (end, "min") == 0)
    *out = 60 * x;
  else if (strcmp (end, "h") == 0)
    *out = 3600 * x;
  else
    return FALSE;
  return TRUE;
}

/* The I0 rules in the order of the drop-down. */
static const EisBVI0Method i0_rules[] = { EIS_BV_I0_AUTO, EIS_BV_I0_EXTRAPOLATED,
                                          EIS_BV_I0_FIRST, EIS_BV_I0_CALCULATED };

/* The choices of the drop-downs and the spike entry into IN; FALSE (and a message) when the
 * spike window is not a time. */
static gboolean
read_choices (EisfitTransferencePage *self, EisBVInput *in)
{
  guint m = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->method_dropdown));
  guint r = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->i0_dropdown));
  const char *spike = gtk_editable_get_text (GTK_EDITABLE (self->spike_entry));

  in->method = m <= EIS_BV_METHOD_RATIO ? (EisBVMethod) m : EIS_BV_METHOD_BV;
  in->i0_method = r < G_N_ELEMENTS (i0_rules) ? i0_rules[r] : EIS_BV_I0_AUTO;
  while (g_ascii_isspace (*spike))
    spike++;
  in->skip_s = NAN;
  return !*spike || parse_seconds (spike, &in->skip_s);
}

static void
compute_clicked_cb (GtkButton *button, EisfitTransferencePage *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->series_dropdown));
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  EisBVInput in;
  EisError err = { 0 };
  const EisSeries *s;
  size_t i;

  if (!self->series || pos == GTK_INVALID_LIST_POSITION || pos >= self->series->len)
    {
      compute_failed (self, "Open a file with a DC polarization (current against time at a "
                            "constant voltage step) first.");
      return;
    }
  s = g_ptr_array_index (self->series, pos);
  /* interface arcs typed without Enter: the resistances from the fits with them first */
  {
    g_autofree char *arcs = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->arcs_entry))));

    if (g_strcmp0 (arcs, self->arcs ? self->arcs : "") != 0)
      fill_resistances (self);
  }
  if (self->arcs_error[0])
    {
      g_autofree char *msg = g_strdup_printf ("Interface arcs: %s. Name the arcs of the fitted "
                                              "circuit (R1,R2 or R1||CPE1), or leave it blank "
                                              "for their capacitance to decide.",
                                              self->arcs_error);

      compute_failed (self, msg);
      return;
    }
  g_autoptr (GArray) picks = eisfit_transference_during_dup_picks (DURING (self), s);
  eis_bv_input_init (&in);
  if (!entry_number (self->dv_entry, &in.dV_V) || !entry_number (self->rb_entry, &in.Rb_ohm)
      || !entry_number (self->r0_entry, &in.R0_ohm)
      || !entry_number (self->rss_entry, &in.Rss_ohm))
    {
      compute_failed (self, "ΔV and the resistances must be numbers (mV and Ω), or blank.");
      return;
    }
  if (!read_choices (self, &in))
    {
      compute_failed (self, "The spike window must be a time ≥ 0 (5, 5s, 2min), or blank to "
                            "find the charging spike from the data.");
      return;
    }
  /* R_ss must be measured after the hold, not taken from the spectrum before again (as
   * eisfit transference refuses it) */
  if (before && after
      && eis_spectrum_same_data (eisfit_spectrum_item_get_spectrum (before),
                                 eisfit_spectrum_item_get_spectrum (after)))
    {
      compute_failed (self, "The spectra before and after the hold are the same measurement: "
                            "choose the spectrum measured after the hold.");
      return;
    }
  /* A blank resistance of a chosen spectrum that is not fitted: fit it first (once). */
  {
    g_autoptr (GPtrArray) to_fit = g_ptr_array_new ();

    /* the spectra during the hold start from the fit of the spectrum before */
    if ((!isfinite (in.R0_ohm) || picks->len > 0) && before
        && !eisfit_spectrum_item_get_fit (before))
      g_ptr_array_add (to_fit, before);
    if (!isfinite (in.Rss_ohm) && after && after != before && !eisfit_spectrum_item_get_fit (after))
      g_ptr_array_add (to_fit, after);
    if (to_fit->len > 0 && !self->fit_requested && self->fit_func)
      {
        GString *names = g_string_new (NULL);

        for (i = 0; i < to_fit->len; i++)
          {
            g_autofree char *n = eisfit_transference_item_name (g_ptr_array_index (to_fit, i));

            g_string_append_printf (names, "%s%s", i ? " and " : "", n);
          }
        self->fit_requested = TRUE;
        if (self->fit_func (to_fit, self->fit_data))
          {
            g_autofree char *msg = g_strdup_printf ("Fitting %s (automatic circuit)…",
                                                    names->str);
            gtk_label_set_text (GTK_LABEL (self->result_label), msg);
          }
        else
          {
            self->fit_requested = FALSE;
            compute_failed (self, "A fit is running: press Compute t₊ again when it is done.");
          }
        g_string_free (names, TRUE);
        return;
      }
  }
  self->fit_requested = FALSE;
  /* The interface during the hold; without a spectrum after, R_ss from the converged one
   * nearest the end of the hold (as eisfit transference --during without --after). */
  char gap_note[640] = "";
  self->calc->n_rint = 0;
  if (picks->len == 0)
    eisfit_transference_calc_clear_track (self->calc);
  else
    {
      if (!before || !eisfit_spectrum_item_get_fit (before))
        {
          compute_failed (self, "The spectra during the hold are fitted from the fit of the "
                                "spectrum before (its circuit, each fit starting from the one "
                                "before): choose and fit the spectrum before.");
          return;
        }
      if (!eisfit_transference_calc_track (self->calc, before, picks, self->arcs, &err))
        {
          g_autofree char *msg = g_strdup_printf ("Spectra during the hold: %s", err.message);

          compute_failed (self, msg);
          return;
        }
      self->calc->track_rss = (size_t) -1;
      if (!after)
        {
          char how[sizeof self->rss_how];

          if (!eisfit_transference_calc_rss_from_track (self->calc, s, how, sizeof how, gap_note,
                                                        sizeof gap_note))
            {
              compute_failed (self, "No spectrum during the hold could be fitted for R_int,ss: "
                                    "choose the spectrum after, or type R_int,ss.");
              return;
            }
          const EisBVInterfacePoint *p = &self->calc->track[self->calc->track_rss];

          /* the entry shows it (a value typed over it stays the user's) */
          if (!isfinite (in.Rss_ohm) || entry_is_fitted (self->rss_entry, self->rss_fit))
            {
              self->filling = TRUE;
              set_entry_number (self->rss_entry, p->R_int_ohm);
              self->filling = FALSE;
              self->rss_fit = p->R_int_ohm;
              self->rss_se = p->R_int_se_ohm;
              self->rbss_fit = p->R_b_ohm > 0 ? p->R_b_ohm : NAN;
              self->rbss_se = p->R_b_ohm > 0 ? p->R_b_se_ohm : NAN;
              g_strlcpy (self->rss_how, how, sizeof self->rss_how);
              g_set_object (&self->rss_item, self->calc->track_items[self->calc->track_rss]);
              in.Rss_ohm = p->R_int_ohm;
              update_source (self);
            }
        }
    }
  if (!isfinite (in.R0_ohm) || !isfinite (in.Rss_ohm))
    {
      /* the source label says for each side what is missing */
      g_autofree char *msg = g_strdup_printf (
        "t₊ needs R_int,0 and R_int,ss, the interfacial resistances before and after the step: %s",
        gtk_label_get_text (GTK_LABEL (self->source_label)));

      compute_failed (self, msg);
      return;
    }
  if (isfinite (in.dV_V))
    in.dV_V *= 1e-3; /* the entry is in mV */
  in.Rb_se_ohm = use_fitted (&in.Rb_ohm, self->rb_fit, self->rb_se);
  in.R0_se_ohm = use_fitted (&in.R0_ohm, self->r0_fit, self->r0_se);
  in.Rss_se_ohm = use_fitted (&in.Rss_ohm, self->rss_fit, self->rss_se);
  /* Watanabe's bulk resistance at steady state: the spectrum after's, as eisfit transference
   * takes it (NAN: the engine uses R_b) */
  in.Rb_ss_ohm = self->rbss_fit;
  in.Rb_ss_se_ohm = isfinite (self->rbss_se) ? self->rbss_se : NAN;
  /* arcs whose role the capacitance leaves open give the other reading while the entries
   * hold the fitted values (typing R0 and R_ss decides it) */
  gboolean bm = in.R0_ohm == self->r0_fit && in.Rb_ohm == self->rb_fit;
  gboolean am = in.Rss_ohm == self->rss_fit;
  if (eisfit_transference_calc_run (self->calc, s, &in, bm ? &self->r0_res : NULL,
                                    am ? &self->rss_res : NULL, after && self->after_fitted,
                                    &err) != EIS_OK)
    {
      compute_failed (self, err.message);
      return;
    }
  g_free (self->result_before);
  g_free (self->result_after);
  self->result_before = before ? eisfit_transference_item_name (before) : NULL;
  self->result_after = after ? eisfit_transference_item_name (after) : NULL;
  self->stale = FALSE;
  /* what the result says, written by the computation: the page only shows it */
  g_autofree char *markup
    = eisfit_transference_calc_dup_result_markup (self->calc, before && after, gap_note);
  g_autofree char *details = eisfit_transference_calc_dup_details (self->calc);

  gtk_label_set_text (GTK_LABEL (self->details_label), details);
  gtk_widget_set_visible (self->details_expander, TRUE);
  gtk_label_set_markup (GTK_LABEL (self->result_label), markup);
  eisfit_plot_view_set_placeholder (EISFIT_PLOT_VIEW (self->plot), NULL);
  eisfit_plot_view_set_funcs (EISFIT_PLOT_VIEW (self->plot), draw_cb, hover_cb, self);
}

/* A spectrum during the hold checked or unchecked: a result shown is computed again. */
static void
during_toggled_cb (EisfitTransferenceDuring *during, EisfitTransferencePage *self)
{
  if (self->calc->have_result)
    compute_clicked_cb (NULL, self);
}

static void
eisfit_transference_page_dispose (GObject *object)
{
  EisfitTransferencePage *self = EISFIT_TRANSFERENCE_PAGE (object);

  g_clear_object (&self->spectra);
  g_clear_object (&self->r0_item);
  g_clear_object (&self->rss_item);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->result_before, g_free);
  g_clear_pointer (&self->result_after, g_free);
  eisfit_transference_calc_clear_track (self->calc);
  g_clear_pointer (&self->arcs, g_free);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_TRANSFERENCE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_transference_page_parent_class)->dispose (object);
}

static void
eisfit_transference_page_finalize (GObject *object)
{
  EisfitTransferencePage *self = EISFIT_TRANSFERENCE_PAGE (object);

  eisfit_transference_calc_free (self->calc);
  g_free (self->guess_note);
  G_OBJECT_CLASS (eisfit_transference_page_parent_class)->finalize (object);
}

static void
eisfit_transference_page_class_init (EisfitTransferencePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_transference_page_dispose;
  object_class->finalize = eisfit_transference_page_finalize;
  g_type_ensure (EISFIT_TYPE_PLOT_VIEW);
  g_type_ensure (EISFIT_TYPE_TRANSFERENCE_DURING);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/eisfit/Eisfit/eisfit-transference-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, before_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, after_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, dv_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, rb_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, r0_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, rss_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, i0_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, spike_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, arcs_entry);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, result_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, details_expander);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, details_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, source_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, plot);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferencePage, during);
  gtk_widget_class_bind_template_callback (widget_class, compute_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, spectrum_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, series_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spike_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, arcs_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_transference_page_init (EisfitTransferencePage *self)
{
  self->rb_fit = self->r0_fit = self->rss_fit = NAN;
  self->rb_se = self->r0_se = self->rss_se = NAN;
  self->rbss_fit = self->rbss_se = NAN;
  self->calc = eisfit_transference_calc_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->during, "toggled", G_CALLBACK (during_toggled_cb), self);
  g_signal_connect (self->dv_entry, "changed", G_CALLBACK (input_edited_cb), self);
  g_signal_connect (self->rb_entry, "changed", G_CALLBACK (input_edited_cb), self);
  g_signal_connect (self->r0_entry, "changed", G_CALLBACK (input_edited_cb), self);
  g_signal_connect (self->rss_entry, "changed", G_CALLBACK (input_edited_cb), self);
  eisfit_plot_view_set_zoomable (EISFIT_PLOT_VIEW (self->plot), FALSE);
  show_series (self);
}

GtkWidget *
eisfit_transference_page_new (void)
{
  return g_object_new (EISFIT_TYPE_TRANSFERENCE_PAGE, NULL);
}

static GtkStringList *
spectrum_names (GListModel *spectra)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint i, n = spectra ? g_list_model_get_n_items (spectra) : 0;

  gtk_string_list_append (list, "(none)");
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (spectra, i);
      g_autofree char *name = g_strdup_printf ("%s #%d", eisfit_spectrum_item_get_title (item),
                                               eisfit_spectrum_item_get_spectrum (item)->index + 1);

      gtk_string_list_append (list, name);
    }
  return list;
}

/* Position (1-based, 0 = none) of ITEM in SPECTRA. */
static guint
position_of (GListModel *spectra, EisfitSpectrumItem *item)
{
  guint n = spectra && item ? g_list_model_get_n_items (spectra) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) it = g_list_model_get_item (spectra, i);

      if (it == item)
        return i + 1;
    }
  return 0;
}

void
eisfit_transference_page_cells_changed (EisfitTransferencePage *self)
{
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  guint b, a;

  gboolean b_blocking
    = before && eisfit_transference_cell_is_blocking (eisfit_spectrum_item_get_cell (before));
  gboolean a_blocking
    = after && eisfit_transference_cell_is_blocking (eisfit_spectrum_item_get_cell (after));

  /* a choice stays unless its cell is now said to be blocking */
  if ((before || after) && !b_blocking && !a_blocking)
    return;
  g_clear_pointer (&self->guess_note, g_free);
  eisfit_transference_guess_spectra (self->spectra, self->series && self->series->len
                                       ? g_ptr_array_index (self->series, 0) : NULL, &b, &a,
                                     &self->guess_note);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->before_dropdown), b);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->after_dropdown), a);
}

void
eisfit_transference_page_set_data (EisfitTransferencePage *self, GListModel *spectra,
                                   GPtrArray *series)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) before = NULL, after = NULL;
  g_autoptr (EisfitSpectrumItem) old_before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) old_after = selected_item (self, self->after_dropdown);
  guint i, b, a;

  /* the spectra checked during the hold stay checked while they are open */
  g_autoptr (GHashTable) checked = eisfit_transference_during_dup_checked (DURING (self));
  g_set_object (&self->spectra, spectra);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series ? g_ptr_array_ref (series) : NULL;
  self->calc->have_result = FALSE;
  self->fit_requested = FALSE;
  gtk_label_set_text (GTK_LABEL (self->result_label), "");
  for (i = 0; series && i < series->len; i++)
    {
      const EisSeries *s = g_ptr_array_index (series, i);
      g_autofree char *base = g_path_get_basename (s->source ? s->source : "?");
      g_autofree char *name = g_strdup_printf ("%s #%d (%zu points)", base, s->index + 1, s->n);

      gtk_string_list_append (names, name);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->series_dropdown), G_LIST_MODEL (names));
  before = spectrum_names (spectra);
  after = spectrum_names (spectra);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->before_dropdown), G_LIST_MODEL (before));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->after_dropdown), G_LIST_MODEL (after));
  /* the user's choice stays when it is still open; otherwise what the files say */
  b = position_of (spectra, old_before);
  a = position_of (spectra, old_after);
  g_clear_pointer (&self->guess_note, g_free);
  if (!b && !a)
    eisfit_transference_guess_spectra (spectra, series && series->len
                                                  ? g_ptr_array_index (series, 0) : NULL, &b, &a,
                                       &self->guess_note);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->before_dropdown), b);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->after_dropdown), a);
  eisfit_transference_during_rebuild (DURING (self), spectra,
                                      series && series->len ? g_ptr_array_index (series, 0)
                                                            : NULL,
                                      checked, b, a);
  fill_resistances (self);
  show_series (self);
}

void
eisfit_transference_page_fits_changed (EisfitTransferencePage *self)
{
  double r0, rss;
  gboolean requested = self->fit_requested;
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);

  /* fits of other spectra change nothing here (and leave what the user typed alone) */
  if (!requested && (before ? eisfit_spectrum_item_get_fit (before) : NULL) == self->seen_before_fit
      && (after ? eisfit_spectrum_item_get_fit (after) : NULL) == self->seen_after_fit)
    return;
  fill_resistances (self);
  /* after the fits Compute asked for, or with a series and both interfacial resistances,
   * there is nothing left to ask; a result shown is computed again from the new fits, or gives
   * way to what is missing now (never a t+ from fits that were replaced) */
  if (requested || self->calc->have_result
      || (self->series && self->series->len > 0 && entry_number (self->r0_entry, &r0)
          && isfinite (r0) && entry_number (self->rss_entry, &rss) && isfinite (rss)))
    compute_clicked_cb (NULL, self);
}

void
eisfit_transference_page_set_fit_func (EisfitTransferencePage *self,
                                       EisfitTransferenceFitFunc func, gpointer data)
{
  self->fit_func = func;
  self->fit_data = data;
}

gboolean
eisfit_transference_page_compute (EisfitTransferencePage *self)
{
  compute_clicked_cb (NULL, self);
  return self->calc->have_result || self->fit_requested;
}

const char *
eisfit_transference_page_get_used (EisfitTransferencePage *self, const char **after,
                                   const char **r0_from, const char **rss_from)
{
  if (!self->calc->have_result)
    return NULL;
  *after = self->result_after;
  *r0_from = self->r0_item && entry_is_fitted (self->r0_entry, self->r0_fit) ? self->r0_how
                                                                              : NULL;
  *rss_from = self->rss_item && entry_is_fitted (self->rss_entry, self->rss_fit) ? self->rss_how
                                                                                 : NULL;
  return self->result_before;
}

const char *
eisfit_transference_page_get_circuits (EisfitTransferencePage *self, const char **before,
                                       const char **after)
{
  g_autoptr (EisfitSpectrumItem) b = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) a = selected_item (self, self->after_dropdown);
  const EisCircuit *cb = NULL, *ca = NULL;

  *before = *after = NULL;
  if (!self->calc->have_result)
    return NULL;
  eisfit_transference_calc_fit_of (self->calc, b, &cb);
  eisfit_transference_calc_fit_of (self->calc, a, &ca);
  *before = cb ? eis_circuit_text (cb) : NULL;
  *after = ca ? eis_circuit_text (ca) : NULL;
  return self->calc->common_text;
}

gboolean
eisfit_transference_page_has_figure (EisfitTransferencePage *self)
{
  return self->calc->have_result;
}

GtkWidget *
eisfit_transference_page_get_plot (EisfitTransferencePage *self)
{
  return self->plot;
}

int
eisfit_transference_page_draw (EisfitTransferencePage *self, cairo_t *cr, double w, double h,
                               EisError *err)
{
  EisPlotTransform tr;

  if (!self->calc->have_result)
    return eis_error_set (err, EIS_ERR_INVALID, "no transference number yet: open a DC "
                          "polarization with the spectra before and after it, then Compute");
  return draw_cb (cr, w, h, NULL, &tr, err, self);
}

const char *
eisfit_transference_page_get_series_source (EisfitTransferencePage *self)
{
  return self->calc->have_result && self->calc->series ? self->calc->series->source : NULL;
}

const char *
eisfit_transference_page_get_other_reading (EisfitTransferencePage *self,
                                            gboolean *to_interface)
{
  if (!self->calc->have_result || !self->calc->result.has_alt || !self->calc->alt_what[0])
    return NULL;
  *to_interface = self->calc->alt_to_interface;
  return self->calc->alt_what;
}

const EisBVResult *
eisfit_transference_page_get_result (EisfitTransferencePage *self)
{
  return self->calc->have_result ? &self->calc->result : NULL;
}

/* The caption above ENTRY (the label before it in its box), for --test-script. */
static const char *
entry_label (GtkWidget *entry)
{
  GtkWidget *l = gtk_widget_get_prev_sibling (entry);

  return GTK_IS_LABEL (l) ? gtk_label_get_text (GTK_LABEL (l)) : "(none)";
}

char *
eisfit_transference_page_dup_state (EisfitTransferencePage *self)
{
  const char *ph = eisfit_plot_view_get_placeholder (EISFIT_PLOT_VIEW (self->plot));
  g_autoptr (EisfitSpectrumItem) before = selected_item (self, self->before_dropdown);
  g_autoptr (EisfitSpectrumItem) after = selected_item (self, self->after_dropdown);
  g_autofree char *bn = before ? eisfit_transference_item_name (before) : g_strdup ("(none)");
  g_autofree char *an = after ? eisfit_transference_item_name (after) : g_strdup ("(none)");
  guint n_series = self->series ? self->series->len : 0;

  EisBVInput in;
  char spike_drawn[64] = "none";

  eis_bv_input_init (&in);
  read_choices (self, &in);
  g_autofree char *during_text = eisfit_transference_during_dup_text (DURING (self));
  /* the legend's t+ entry as drawn (the headline's formatting) */
  const char *t_drawn = self->calc->drawn_t_text[0] ? self->calc->drawn_t_text : "none";
  g_autofree char *panels = eisfit_plot_view_dup_panels (EISFIT_PLOT_VIEW (self->plot));
  if (isfinite (self->calc->drawn_spike_s))
    g_snprintf (spike_drawn, sizeof spike_drawn, "0–%.4g s after the step", self->calc->drawn_spike_s);
  return g_strdup_printf ("series: %u\nbefore: %s\nafter: %s\nduring: %s\nR_b: %s\nR_int,0: %s\n"
                          "R_int,ss: %s\n"
                          "choices: method %s, I0 %s, spike window %s\ninterface arcs: %s\n"
                          "source: %s\nresult: %s\ndetails: %s\nspike marked: %s\nplot: %s\n"
                          "legend: %s, hides %zu measured points\nfigure t+: %s\npanels: %s\n"
                          "entry labels: %s | %s | %s\n",
                          n_series, bn, an, *during_text ? during_text : "none",
                          gtk_editable_get_text (GTK_EDITABLE (self->rb_entry)),
                          gtk_editable_get_text (GTK_EDITABLE (self->r0_entry)),
                          gtk_editable_get_text (GTK_EDITABLE (self->rss_entry)),
                          eis_bv_method_name (in.method), eis_bv_i0_method_name (in.i0_method),
                          isfinite (in.skip_s) ? gtk_editable_get_text (GTK_EDITABLE (self->spike_entry))
                                               : "found",
                          *gtk_editable_get_text (GTK_EDITABLE (self->arcs_entry))
                            ? gtk_editable_get_text (GTK_EDITABLE (self->arcs_entry))
                            : "by capacitance",
                          gtk_label_get_text (GTK_LABEL (self->source_label)),
                          gtk_label_get_text (GTK_LABEL (self->result_label)),
                          gtk_widget_get_visible (self->details_expander)
                            ? gtk_label_get_text (GTK_LABEL (self->details_label)) : "",
                          spike_drawn,
                          ph ? ph : (self->calc->series ? "figure" : "empty"),
                          (const char *[]) { "none", "inside", "beside", "above" }
                            [CLAMP (self->calc->drawn_legend, 0, 3)],
                          self->calc->drawn_legend_covered, t_drawn, panels,
                          entry_label (self->rb_entry), entry_label (self->r0_entry),
                          entry_label (self->rss_entry));
}

gboolean
eisfit_transference_page_choose (EisfitTransferencePage *self, guint before, guint after)
{
  guint n = self->spectra ? g_list_model_get_n_items (self->spectra) : 0;

  if (before > n || after > n)
    return FALSE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->before_dropdown), before);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->after_dropdown), after);
  return TRUE;
}

gboolean
eisfit_transference_page_set_choice (EisfitTransferencePage *self, const char *what,
                                     const char *value)
{
  if (strcmp (what, "method") == 0)
    {
      int m = eis_bv_method_parse (value);

      if (m < 0)
        return FALSE;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->method_dropdown), (guint) m);
    }
  else if (strcmp (what, "i0") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (i0_rules); i++)
        if (strcmp (value, eis_bv_i0_method_name (i0_rules[i])) == 0
            || (i0_rules[i] == EIS_BV_I0_FIRST && strcmp (value, "first") == 0))
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->i0_dropdown), i);
            return TRUE;
          }
      return FALSE;
    }
  else if (strcmp (what, "during") == 0)
    {
      /* "none", "all" (every spectrum with a time) or positions in the list: "3,4" */
      if (!eisfit_transference_during_set_text (DURING (self), value))
        return FALSE;
    }
  else if (strcmp (what, "arcs") == 0)
    {
      /* typed, then Enter */
      gtk_editable_set_text (GTK_EDITABLE (self->arcs_entry), value);
      g_signal_emit_by_name (self->arcs_entry, "activate");
    }
  else if (strcmp (what, "spike") == 0)
    {
      double x;

      if (*value && !parse_seconds (value, &x))
        return FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->spike_entry), value);
      g_signal_emit_by_name (self->spike_entry, "activate");
    }
  else if (strcmp (what, "R_int,0") == 0 || strcmp (what, "R_int,ss") == 0
           || strcmp (what, "R0") == 0 || strcmp (what, "R_ss") == 0 || strcmp (what, "R_b") == 0
           || strcmp (what, "dV") == 0)
    {
      /* the entries' names (R_int,0, R_int,ss), or the project keys' (R0, R_ss) */
      gboolean r0 = strcmp (what, "R_int,0") == 0 || strcmp (what, "R0") == 0;
      gboolean rss = strcmp (what, "R_int,ss") == 0 || strcmp (what, "R_ss") == 0;
      GtkWidget *e = what[0] == 'd' ? self->dv_entry : r0 ? self->r0_entry
                     : rss ? self->rss_entry : self->rb_entry;

      gtk_editable_set_text (GTK_EDITABLE (e), value);
    }
  else
    return FALSE;
  return TRUE;
}

void
eisfit_transference_page_get_selection (EisfitTransferencePage *self, guint *series,
                                        guint *before, guint *after, const char **dv_mv)
{
  guint b = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->before_dropdown));
  guint a = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->after_dropdown));
  guint s = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->series_dropdown));

  *series = s == GTK_INVALID_LIST_POSITION ? 0 : s;
  *before = b == GTK_INVALID_LIST_POSITION ? 0 : b;
  *after = a == GTK_INVALID_LIST_POSITION ? 0 : a;
  *dv_mv = gtk_editable_get_text (GTK_EDITABLE (self->dv_entry));
}

void
eisfit_transference_page_select (EisfitTransferencePage *self, guint series, guint before,
                                 guint after, const char *dv_mv)
{
  GListModel *sm = gtk_drop_down_get_model (GTK_DROP_DOWN (self->series_dropdown));

  if (sm && series < g_list_model_get_n_items (sm))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->series_dropdown), series);
  eisfit_transference_page_choose (self, before, after);
  if (dv_mv && *dv_mv)
    gtk_editable_set_text (GTK_EDITABLE (self->dv_entry), dv_mv);
}

size_t
eisfit_transference_page_get_n_interface (EisfitTransferencePage *self)
{
  return self->calc->have_result ? self->calc->n_track : 0;
}

const EisBVInterfacePoint *
eisfit_transference_page_get_interface (EisfitTransferencePage *self, size_t i,
                                        const EisSpectrum **spectrum, gboolean *rss_here)
{
  if (!self->calc->have_result || i >= self->calc->n_track)
    return NULL;
  *spectrum = eisfit_spectrum_item_get_spectrum (self->calc->track_items[i]);
  *rss_here = i == self->calc->track_rss;
  return &self->calc->track[i];
}

/* What a typed resistance entry holds for a project: its text when it is not the fitted value
 * FITTED shows, else "" (taken from the fits again when the project is opened). */
static char *
typed_text (GtkWidget *entry, double fitted)
{
  double v;

  if (!entry_number (entry, &v) || !isfinite (v) || entry_is_fitted (entry, fitted))
    return g_strdup ("");
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

void
eisfit_transference_page_get_choices (EisfitTransferencePage *self, char **method, char **i0,
                                      char **spike, char **arcs, char **r_b, char **r0,
                                      char **r_ss)
{
  guint m = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->method_dropdown));
  guint r = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->i0_dropdown));

  *method = g_strdup (eis_bv_method_name (m <= EIS_BV_METHOD_RATIO ? (EisBVMethod) m
                                                                   : EIS_BV_METHOD_BV));
  r = r < G_N_ELEMENTS (i0_rules) ? r : 0;
  *i0 = g_strdup (i0_rules[r] == EIS_BV_I0_FIRST ? "first" : eis_bv_i0_method_name (i0_rules[r]));
  *spike = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->spike_entry))));
  *arcs = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->arcs_entry))));
  *r_b = typed_text (self->rb_entry, self->rb_fit);
  *r0 = typed_text (self->r0_entry, self->r0_fit);
  *r_ss = typed_text (self->rss_entry, self->rss_fit);
}

void
eisfit_transference_page_set_choices (EisfitTransferencePage *self, const char *method,
                                      const char *i0, const char *spike, const char *arcs,
                                      const char *r_b, const char *r0, const char *r_ss)
{
  gboolean had = self->calc->have_result;
  double r0v, rssv;

  if (method && *method)
    eisfit_transference_page_set_choice (self, "method", method);
  if (i0 && *i0)
    eisfit_transference_page_set_choice (self, "i0", i0);
  if (spike && *spike)
    gtk_editable_set_text (GTK_EDITABLE (self->spike_entry), spike);
  if (arcs && *arcs)
    {
      /* the fits' resistances with these arcs; typed values below stay the user's */
      gtk_editable_set_text (GTK_EDITABLE (self->arcs_entry), arcs);
      fill_resistances (self);
    }
  if (r_b && *r_b)
    gtk_editable_set_text (GTK_EDITABLE (self->rb_entry), r_b);
  if (r0 && *r0)
    gtk_editable_set_text (GTK_EDITABLE (self->r0_entry), r0);
  if (r_ss && *r_ss)
    gtk_editable_set_text (GTK_EDITABLE (self->rss_entry), r_ss);
  /* a result shown is computed again with these choices and values; with a series and both
   * interfacial resistances, as when the fits come in (eisfit_transference_page_fits_changed) */
  if (had || self->calc->have_result
      || (self->series && self->series->len > 0 && entry_number (self->r0_entry, &r0v)
          && isfinite (r0v) && entry_number (self->rss_entry, &rssv) && isfinite (rssv)))
    compute_clicked_cb (NULL, self);
}

void
eisfit_transference_page_get_during (EisfitTransferencePage *self, guint **positions, guint *n)
{
  eisfit_transference_during_get_positions (DURING (self), positions, n);
}

void
eisfit_transference_page_set_during (EisfitTransferencePage *self, const guint *positions,
                                     guint n)
{
  eisfit_transference_during_set_positions (DURING (self), positions, n);
}
