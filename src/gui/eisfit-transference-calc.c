/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Transference page's computation and figure (see eisfit-transference-calc.h). */
#include "eisfit-transference-calc.h"
#include "eisfit-text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eisfit-exclusions.h"
#include "eisfit-transference-during.h"
#include "sample-group.h"
#include "series.h"
#include "units.h"

EisfitTransferenceCalc *
eisfit_transference_calc_new (void)
{
  EisfitTransferenceCalc *c = g_new0 (EisfitTransferenceCalc, 1);

  c->track_rss = (size_t) -1;
  c->drawn_spike_s = NAN;
  eis_bv_common_circuit_clear (&c->common);
  eisfit_transference_calc_show_series (c, NULL);
  return c;
}

/* Forgets the refitted copy. */
static void
clear_common (EisfitTransferenceCalc *c)
{
  eis_bv_common_circuit_clear (&c->common);
  g_clear_object (&c->common_before);
  g_clear_object (&c->common_after);
  g_clear_pointer (&c->common_key, g_free);
  c->common_text[0] = '\0';
}

/* TRUE when ITEM's latest fit was asked for with a circuit (typed, a preset, the Series
 * page's), FALSE when the automatic choice picked it. */
static gboolean
user_circuit (EisfitSpectrumItem *item)
{
  size_t n;
  const char *const *names;
  const double *start, *lo, *hi;
  const int *fx;

  return *eisfit_spectrum_item_get_fit_settings (item, &n, &names, &start, &fx, &lo, &hi)
         != '\0';
}

void
eisfit_transference_calc_common (EisfitTransferenceCalc *c, EisfitSpectrumItem *before,
                                 EisfitSpectrumItem *after)
{
  const EisFitResult *fb = before ? eisfit_spectrum_item_get_fit (before) : NULL;
  const EisFitResult *fa = after ? eisfit_spectrum_item_get_fit (after) : NULL;

  if (!fb || !fa || before == after
      || eis_spectrum_same_data (eisfit_spectrum_item_get_spectrum (before),
                                 eisfit_spectrum_item_get_spectrum (after)))
    {
      clear_common (c);
      return;
    }
  g_autofree char *key
    = g_strdup_printf ("%p %p %p %p %d %d", (void *) before, (const void *) fb, (void *) after,
                       (const void *) fa, user_circuit (before), user_circuit (after));
  if (c->common_key && strcmp (c->common_key, key) == 0)
    return;
  clear_common (c);
  /* each spectrum's own points left out; the engine's starting values */
  EisFitOptions ob, oa;
  eis_fit_options_init (&ob);
  eis_fit_options_init (&oa);
  eisfit_exclusions_apply (eisfit_spectrum_item_get_exclusions (before), &ob);
  eisfit_exclusions_apply (eisfit_spectrum_item_get_exclusions (after), &oa);
  EisBVCircuitSide b = { eisfit_spectrum_item_get_spectrum (before),
                         eisfit_spectrum_item_get_circuit (before), fb, &ob,
                         user_circuit (before) };
  EisBVCircuitSide a = { eisfit_spectrum_item_get_spectrum (after),
                         eisfit_spectrum_item_get_circuit (after), fa, &oa,
                         user_circuit (after) };
  EisError err = { 0 };
  c->common_key = g_steal_pointer (&key);
  c->common_before = g_object_ref (before);
  c->common_after = g_object_ref (after);
  if (eis_bv_common_circuit (&b, &a, &c->common, &err) != EIS_OK)
    {
      g_snprintf (c->common_text, sizeof c->common_text, "%s", err.message);
      return;
    }
  if (c->common.choice == EIS_BV_CIRCUIT_SAME)
    return;
  g_autofree char *bn = eisfit_transference_item_name (before);
  g_autofree char *an = eisfit_transference_item_name (after);
  g_autofree char *bl = g_strdup_printf ("the spectrum before (%s)", bn);
  g_autofree char *al = g_strdup_printf ("the spectrum after (%s)", an);
  gboolean apart = c->common.choice == EIS_BV_CIRCUIT_APART
                   || c->common.choice == EIS_BV_CIRCUIT_USER;
  /* the words of eisfit transference's warning, and what the user does here */
  eis_bv_common_circuit_text (&c->common, bl, al,
                              apart ? "fit both with one circuit (select both, type it, Fit)"
                                    : "for t₊ only: the fits in the list stay as they were",
                              c->common_text, sizeof c->common_text);
  c->common_text[0] = g_ascii_toupper (c->common_text[0]);
}

gboolean
eisfit_transference_calc_is_refitted (EisfitTransferenceCalc *c, EisfitSpectrumItem *item)
{
  if (!item || !c->common.fit)
    return FALSE;
  return (c->common.choice == EIS_BV_CIRCUIT_BEFORE && item == c->common_after)
         || (c->common.choice == EIS_BV_CIRCUIT_AFTER && item == c->common_before);
}

const EisFitResult *
eisfit_transference_calc_fit_of (EisfitTransferenceCalc *c, EisfitSpectrumItem *item,
                                 const EisCircuit **circuit)
{
  *circuit = NULL;
  if (!item)
    return NULL;
  if (eisfit_transference_calc_is_refitted (c, item))
    {
      *circuit = c->common.circuit;
      return c->common.fit;
    }
  *circuit = eisfit_spectrum_item_get_circuit (item);
  return eisfit_spectrum_item_get_fit (item);
}

void
eisfit_transference_calc_clear_track (EisfitTransferenceCalc *c)
{
  for (size_t i = 0; i < c->n_track; i++)
    {
      if (c->track_fits)
        eis_fit_result_free (c->track_fits[i]);
      if (c->track_items)
        g_clear_object (&c->track_items[i]);
    }
  g_clear_pointer (&c->track, g_free);
  g_clear_pointer (&c->track_fits, g_free);
  g_clear_pointer (&c->track_items, g_free);
  g_clear_pointer (&c->track_key, g_free);
  c->n_track = 0;
  c->track_rss = (size_t) -1;
}

void
eisfit_transference_calc_free (EisfitTransferenceCalc *c)
{
  if (!c)
    return;
  eisfit_transference_calc_clear_track (c);
  clear_common (c);
  g_free (c->rint_t);
  g_free (c->rint_v);
  g_free (c);
}

void
eisfit_transference_calc_show_series (EisfitTransferenceCalc *c, const EisSeries *s)
{
  EisBVResult *r = &c->result;

  c->have_result = FALSE;
  c->series = s;
  r->I0_A = r->I0_calc_A = r->Iss_A = r->plateau_start_s = r->dV_V = NAN;
  r->t_plus = r->t_plus_se = NAN;
}

gboolean
eisfit_transference_calc_track (EisfitTransferenceCalc *c, EisfitSpectrumItem *before,
                                GArray *picks, const char *arcs, EisError *err)
{
  /* the before spectrum's fit used (its copy refitted for one circuit, as eisfit transference
   * tracks from the before fit it keeps) */
  const EisCircuit *circ = NULL;
  const EisFitResult *bf = eisfit_transference_calc_fit_of (c, before, &circ);
  GString *key = g_string_new (NULL);
  guint n = picks->len, i;

  g_string_append_printf (key, "%p %p [%s]", (const void *) bf, (const void *) circ,
                          arcs ? arcs : "");
  for (i = 0; i < n; i++)
    g_string_append_printf (key, " %p@%.17g",
                            (void *) g_array_index (picks, EisfitDuringPick, i).item,
                            g_array_index (picks, EisfitDuringPick, i).t);
  if (c->track_key && strcmp (c->track_key, key->str) == 0)
    {
      g_string_free (key, TRUE);
      return TRUE;
    }
  eisfit_transference_calc_clear_track (c);
  c->track = g_new0 (EisBVInterfacePoint, n);
  c->track_fits = g_new0 (EisFitResult *, n);
  c->track_items = g_new0 (EisfitSpectrumItem *, n);
  c->n_track = n;
  g_autofree const EisSpectrum **sps = g_new0 (const EisSpectrum *, n);
  for (i = 0; i < n; i++)
    {
      EisfitDuringPick *p = &g_array_index (picks, EisfitDuringPick, i);

      c->track_items[i] = g_object_ref (p->item);
      c->track[i].time_s = p->t;
      sps[i] = eisfit_spectrum_item_get_spectrum (p->item);
    }
  EisFitOptions fo;
  eis_fit_options_init (&fo);
  if (eis_bv_track_interface (circ, &fo, bf->value, sps, n, arcs && *arcs ? arcs : NULL,
                              c->track, c->track_fits, err)
      != EIS_OK)
    {
      eisfit_transference_calc_clear_track (c);
      g_string_free (key, TRUE);
      return FALSE;
    }
  c->track_key = g_string_free (key, FALSE);
  return TRUE;
}

size_t
eisfit_transference_calc_pick_rss (EisfitTransferenceCalc *c, double hold_s)
{
  g_autofree double *times = g_new (double, c->n_track + 1);
  g_autofree size_t *idx = g_new (size_t, c->n_track + 1);
  size_t m = 0;

  c->track_rss = (size_t) -1;
  for (size_t i = 0; i < c->n_track; i++)
    if (c->track[i].status == EIS_FIT_CONVERGED && isfinite (c->track[i].R_int_ohm))
      idx[m] = i, times[m++] = c->track[i].time_s;
  if (m > 0)
    c->track_rss = idx[eis_bv_nearest (times, m, hold_s)];
  return c->track_rss;
}

gboolean
eisfit_transference_calc_rss_from_track (EisfitTransferenceCalc *c, const EisSeries *s,
                                         char *how, size_t how_len, char *note, size_t note_len)
{
  double hold = s->n > 0 ? s->time_s[s->n - 1] - s->time_s[0] : 0;

  how[0] = note[0] = '\0';
  if (eisfit_transference_calc_pick_rss (c, hold) == (size_t) -1)
    return FALSE;
  const EisBVInterfacePoint *p = &c->track[c->track_rss];
  g_autofree char *name = eisfit_transference_item_name (c->track_items[c->track_rss]);
  double gap = hold - p->time_s;

  /* as eisfit transference --during warns: more than a tenth of the hold from its end */
  if (fabs (gap) > 0.1 * hold)
    g_snprintf (note, note_len, "R_int,ss comes from %s at %g s, %g s %s the end of the hold: "
                "the current at the end and R_int,ss do not belong to one moment (choose the "
                "spectrum after)", name, p->time_s, fabs (gap), gap > 0 ? "before" : "after");
  g_snprintf (how, how_len, "%s of %s at %g s (the spectrum nearest the end of the hold)",
              p->how, name, p->time_s);
  return TRUE;
}

int
eisfit_transference_calc_run (EisfitTransferenceCalc *c, const EisSeries *s, EisBVInput *in,
                              const EisBVResistances *before_res,
                              const EisBVResistances *after_res, gboolean rss_after,
                              EisError *err)
{
  /* arcs whose role the capacitance leaves open: the other reading too (as eisfit
   * transference gives it) */
  c->alt_what[0] = '\0';
  eis_bv_input_set_other_reading (in, before_res, after_res, c->alt_what, sizeof c->alt_what);
  c->alt_to_interface = in->alt_to_interface;
  int st = eis_bv_run (s, in, &c->result, err);
  if (st != EIS_OK)
    {
      eisfit_transference_calc_show_series (c, s);
      return st;
    }
  c->have_result = TRUE;
  c->series = s;
  /* the strip under the current: R0 at the step, R_int(t), R_ss of the spectrum after */
  g_clear_pointer (&c->rint_t, g_free);
  g_clear_pointer (&c->rint_v, g_free);
  c->n_rint = 0;
  if (c->n_track > 0)
    {
      c->rint_t = g_new (double, c->n_track + 2);
      c->rint_v = g_new (double, c->n_track + 2);
      c->rint_t[c->n_rint] = 0, c->rint_v[c->n_rint++] = c->result.R0_ohm;
      for (size_t i = 0; i < c->n_track; i++)
        if (isfinite (c->track[i].R_int_ohm))
          c->rint_t[c->n_rint] = c->track[i].time_s,
          c->rint_v[c->n_rint++] = c->track[i].R_int_ohm;
      if (rss_after && isfinite (c->result.Rss_ohm))
        c->rint_t[c->n_rint] = c->result.hold_s, c->rint_v[c->n_rint++] = c->result.Rss_ohm;
    }
  return EIS_OK;
}

int
eisfit_transference_calc_draw (EisfitTransferenceCalc *c, cairo_t *cr, double w, double h,
                               const EisSpectrum *before, const EisFitResult *before_fit,
                               const EisSpectrum *after, const EisFitResult *after_fit,
                               EisPlotTransform *tr, EisError *err)
{
  const EisSeries *s = c->series;
  const EisBVResult *r = &c->result;
  EisPlotTransference d = { 0 };

  if (!s)
    return eis_error_set (err, EIS_ERR_INVALID, "no DC polarization chosen");
  d.n = s->n;
  d.time_s = s->time_s;
  d.current_a = s->current_a;
  d.i0_a = r->I0_A;
  d.i0_calc_a = r->I0_calc_A;
  d.iss_a = r->Iss_A;
  d.iss_from_s = r->plateau_start_s;
  d.dv_v = isfinite (r->dV_signed_V) ? r->dV_signed_V : r->dV_V; /* the legend: -10 mV */
  d.t_plus = r->t_plus;
  d.t_plus_err = r->t_plus_se;
  /* the legend's t+ as the headline writes it */
  char t_text[64];
  d.t_plus_text = eis_bv_format (t_text, sizeof t_text, r->t_plus, r->t_plus_se, 4, "±");
  d.t_plus_two = c->have_result && eis_bv_result_range (r, &d.t_plus_low, &d.t_plus_high);
  c->drawn_t_two = d.t_plus_two;
  c->drawn_t_low = d.t_plus_low, c->drawn_t_high = d.t_plus_high;
  c->drawn_t_text[0] = '\0';
  if (d.t_plus_two && isfinite (d.t_plus_low) && isfinite (d.t_plus_high))
    g_snprintf (c->drawn_t_text, sizeof c->drawn_t_text, "t₊ = %.4f to %.4f", d.t_plus_low,
                d.t_plus_high);
  else if (isfinite (d.t_plus))
    g_snprintf (c->drawn_t_text, sizeof c->drawn_t_text, "t₊ = %s", t_text);
  /* the charging spike left out and the fitted decay, as eisfit transference --plot draws them
   * (the step is the series' first point there too) */
  d.t_step_s = s->n > 0 ? s->time_s[0] : NAN;
  d.spike_end_s = c->have_result && r->spike_points > 0 ? r->spike_end_s : NAN;
  d.decay_tau_s = c->have_result ? r->decay_tau_s : NAN;
  d.decay_inf_a = r->decay_inf_A;
  d.decay_amp_a = r->decay_A_A;
  d.decay_slope_a_per_s = r->decay_slope_A_per_s;
  d.decay_from_s = r->decay_from_s;
  c->drawn_spike_s = d.spike_end_s;
  g_autofree char *title = g_path_get_basename (s->source ? s->source : "DC polarization");
  d.title = title;
  /* the spectra before and after, with their fits, beside the current (as eisfit draws it);
   * without a spectrum after, the one R_ss came from (as eisfit transference --plot) */
  const EisSpectrum *sp[2] = { before, after };
  const EisFitResult *fr[2] = { before_fit, after_fit };
  if (!after && c->have_result && c->track_rss != (size_t) -1)
    {
      sp[1] = eisfit_spectrum_item_get_spectrum (c->track_items[c->track_rss]);
      fr[1] = c->track_fits[c->track_rss];
    }
  EisPlotTrace tt[4];
  size_t nt = eis_plot_before_after_traces (sp, fr, tt);
  if (c->have_result && c->n_rint > 0)
    {
      d.n_rint = c->n_rint;
      d.rint_time_s = c->rint_t;
      d.rint_ohm = c->rint_v;
    }
  d.traces = nt ? tt : NULL;
  d.ntraces = nt;
  int st = eis_plot_transference (cr, w, h, &d, tr, err);
  if (st == EIS_OK && tr)
    {
      c->drawn_legend = tr->legend_place;
      c->drawn_legend_covered = tr->n_legend_covered;
    }
  return st;
}

char *
eisfit_transference_calc_hover (EisfitTransferenceCalc *c, const EisPlotTransform *tr,
                                double px, double py, double *mx, double *my)
{
  const EisSeries *s = c->series;
  double best = G_MAXDOUBLE, x, y;
  size_t i, ibest = 0;

  if (!s || eis_plot_device_to_world (tr, px, py, &x, &y) < 0)
    return NULL;
  for (i = 0; i < s->n; i++)
    {
      double qx, qy, d;

      if (eis_plot_world_to_device (tr, 0, s->time_s[i], s->current_a[i], &qx, &qy) != 0)
        continue;
      d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
      if (d < best)
        best = d, ibest = i, *mx = qx, *my = qy;
    }
  if (best > 30 * 30)
    return NULL;
  return g_strdup_printf ("t = %.5g s,  I = %.5g A", s->time_s[ibest], s->current_a[ibest]);
}

/* R_b and the interfacial resistance of ITEM's own fit with their standard errors, from the
 * engine (eis_bv_fit_resistances, the one function eisfit transference uses: a Li|Li cell, the
 * roles from C_eff without the geometry), and which arcs gave it (HOW). FALSE when ITEM is not
 * fitted; *RINT is NAN when its circuit has no interface arc. */
gboolean
eisfit_transference_item_resistances (EisfitTransferenceCalc *calc, EisfitSpectrumItem *item,
                                      const char *arcs, double *rb, double *rb_se, double *rint,
                                      double *rint_se, char *how, size_t how_len,
                                      EisBVResistances *res, char *arcs_error,
                                      size_t arcs_error_len)
{
  EisConductivity c;
  EisError err = { 0 };
  const EisCircuit *circ;
  const EisFitResult *fit;
  const EisConductivity *roles = NULL;
  int cell, st;

  *rb = *rb_se = *rint = *rint_se = NAN;
  how[0] = '\0';
  memset (res, 0, sizeof *res);
  res->R_int_alt = res->R_b_alt = NAN;
  if (!item || !eisfit_spectrum_item_get_fit (item) || eisfit_spectrum_item_get_refusal (item))
    return FALSE;
  cell = eis_cell_parse (eisfit_spectrum_item_get_cell (item));
  if (eisfit_transference_calc_is_refitted (calc, item))
    /* the copy refitted with the other circuit: no series roles (they name the arcs of the
     * item's own circuit) */
    fit = eisfit_transference_calc_fit_of (calc, item, &circ);
  else
    {
      circ = eisfit_spectrum_item_get_circuit (item);
      fit = eisfit_spectrum_item_get_fit (item);
      roles = eisfit_spectrum_item_get_series_roles (item);
    }
  if (!circ || !fit)
    return FALSE;
  /* R_b is the whole electrolyte (R_total), as eisfit transference takes it; the interface
   * arcs typed decide which arcs are the interface (--interface-arcs) */
  st = eis_bv_fit_resistances (circ, fit, cell < 0 ? EIS_CELL_UNSPECIFIED : (EisCellType) cell,
                               roles, arcs && *arcs ? arcs : NULL, &c, res, &err);
  if (st == EIS_ERR_INVALID)
    {
      g_autofree char *name = eisfit_transference_item_name (item);

      if (!arcs_error[0])
        g_snprintf (arcs_error, arcs_error_len, "%s: %s", name,
                    g_str_has_prefix (err.message, "interface arcs: ") ? err.message + 16
                                                                      : err.message);
      return TRUE;
    }
  if (st != EIS_OK && st != EIS_ERR_DATA)
    return FALSE;
  *rb = res->R_b;
  *rb_se = res->R_b_se;
  *rint = res->R_int;
  *rint_se = res->R_int_se;
  g_strlcpy (how, res->how, how_len);
  return TRUE;
}

/* A current in µA and its error to the same decimal place (eis_format_value_se). */
void
eisfit_transference_append_current (GString *t, double a, double se)
{
  char buf[96];

  g_string_append_printf (t, "%s µA", eis_format_value_se (buf, sizeof buf, a * 1e6, se * 1e6,
                                                            "±"));
}

/* Every number of eisfit transference's report that the headline does not show: all forms of
 * t+, both initial currents, both steady-state currents, the spike and the decay fit. Plain
 * text (the label escapes nothing). */
char *
eisfit_transference_details_text (const EisBVResult *r, const char *alt_what,
                                  gboolean alt_to_interface)
{
  GString *t = g_string_new (NULL);
  EisTextBuf forms = { 0 };

  /* every form of t+ and the other reading, in eisfit transference's words (one function) */
  eis_bv_forms_text (&forms, r, alt_what, alt_to_interface, EIS_BV_TEXT_UNICODE);
  if (forms.data && !forms.failed)
    {
      size_t len = strlen (forms.data);

      g_string_append_len (t, forms.data, len && forms.data[len - 1] == '\n' ? len - 1 : len);
    }
  free (forms.data);
  g_string_append (t, "\nI₀: measured ");
  eisfit_transference_append_current (t, r->I0_meas_A, r->I0_meas_se_A);
  g_string_append (t, " (first point ");
  eisfit_transference_append_current (t, r->I0_first_A, NAN);
  g_string_append (t, ")");
  if (isfinite (r->I0_calc_A))
    {
      g_string_append (t, ", calculated ΔV/(R_b + R_int,0) ");
      eisfit_transference_append_current (t, r->I0_calc_A, r->I0_calc_se_A);
    }
  g_string_append_printf (t, "\nI_ss: plateau mean ");
  eisfit_transference_append_current (t, r->Iss_plateau_A, r->Iss_plateau_se_A);
  g_string_append_printf (t, " (from %.4g s, %zu points, drift %+.3g %%/h)", r->plateau_start_s,
                          r->plateau_points, 100 * r->drift_per_h);
  if (isfinite (r->Iss_extrap_A))
    {
      g_string_append (t, ", decay asymptote ");
      eisfit_transference_append_current (t, r->Iss_extrap_A, r->Iss_extrap_se_A);
    }
  if (r->spike_points > 0)
    g_string_append_printf (t, "\nSpike: 0–%.4g s after the step left out (%zu points, %s, peak "
                            "%.3g µA above the decay)", r->spike_end_s, r->spike_points,
                            r->spike_auto ? "found" : "given", r->spike_peak_A * 1e6);
  else
    g_string_append_printf (t, "\nSpike: none %s", r->spike_auto ? "found" : "left out (given)");
  g_string_append_printf (t, "\n%s", r->method_text);
  return g_string_free (t, FALSE);
}


char *
eisfit_transference_calc_dup_headline (EisfitTransferenceCalc *c)
{
  EisTextBuf b = { 0 };
  GString *m = g_string_new (NULL);

  if (!c->have_result)
    return g_string_free (m, FALSE);
  /* the words of eisfit transference's headline (eis_bv_headline_text), its first line bold */
  eis_bv_headline_text (&b, &c->result, c->alt_what, c->alt_to_interface, EIS_BV_TEXT_UNICODE);
  if (b.data && !b.failed)
    {
      const char *nl = strchr (b.data, '\n');
      g_autofree char *first = g_markup_escape_text (b.data, nl ? nl - b.data : -1);

      g_string_append_printf (m, "<b>%s</b>", first);
      if (nl)
        {
          g_autofree char *rest = g_markup_escape_text (nl, -1);

          g_string_append (m, rest);
        }
    }
  free (b.data);
  return g_string_free (m, FALSE);
}

/* A warning line of the result: "⚠ TEXT" in the warning colour, TEXT escaped. */
static void
append_warning (GString *m, const char *text)
{
  g_autofree char *esc = eisfit_markup_typeset (text);

  g_string_append_printf (m, "\n<span foreground='#b35900'>⚠ %s</span>", esc);
}

char *
eisfit_transference_calc_dup_result_markup (EisfitTransferenceCalc *c, gboolean both_sides,
                                            const char *note)
{
  const EisBVResult *r = &c->result;
  size_t i;

  if (!c->have_result)
    return g_strdup ("");
  g_autofree char *i0_why = eisfit_markup_typeset (r->i0_reason);
  g_autofree char *iss_why = eisfit_markup_typeset (r->iss_reason);
  /* the headline (one value, both readings, or none and why), in eisfit transference's words */
  g_autofree char *headline = eisfit_transference_calc_dup_headline (c);
  GString *text = g_string_new (headline);

  g_string_append_printf (text, "\nΔV = %.4g mV%s,  I₀ = ", r->dV_V * 1e3,
                          r->dV_from_series ? " (from the voltage column)" : "");
  eisfit_transference_append_current (text, r->I0_A, r->I0_se_A);
  g_string_append_printf (text, " (%s: %s)\nI_ss = ", eis_bv_i0_method_name (r->i0_method),
                          i0_why);
  eisfit_transference_append_current (text, r->Iss_A, r->Iss_se_A);
  g_string_append_printf (text, " (%s: %s)", eis_bv_iss_source_name (r->iss_source), iss_why);
  if (r->spike_points > 0)
    g_string_append_printf (text, "\nCharging spike: 0–%.3g s after the step left out of the "
                            "decay fit (%zu points, %s; shaded on the plot)", r->spike_end_s,
                            r->spike_points, r->spike_auto ? "found" : "as given");
  else
    g_string_append_printf (text, "\nCharging spike: %s", r->spike_auto ? "none found"
                                                                   : "none left out (given 0)");
  if (c->n_track > 0)
    {
      g_string_append_printf (text, "\nInterface during the hold (%zu spectr%s): R_int,0 %.4g Ω",
                              c->n_track, c->n_track == 1 ? "um" : "a", r->R0_ohm);
      for (i = 0; i < c->n_track; i++)
        if (isfinite (c->track[i].R_int_ohm))
          g_string_append_printf (text, " → %.4g Ω at %.4g s%s", c->track[i].R_int_ohm,
                                  c->track[i].time_s, i == c->track_rss ? " (R_int,ss)" : "");
        else
          g_string_append_printf (text, " → no interface arc at %.4g s", c->track[i].time_s);
      if (c->n_rint > 1)
        g_string_append (text, " (strip under the current)");
    }
  /* R_int,0 and R_int,ss from two different circuits: their change, and t+ with it, partly
   * comes from the models (a new-user tester got 0.3993 here and 0.3982 from the command line,
   * with no word). Both fits take one circuit by eisfit transference's rule
   * (eisfit_transference_calc_common); what was done, or why not, is said. */
  if (both_sides && c->common_text[0])
    {
      g_autofree char *line = g_strdup_printf ("%s.", c->common_text);

      append_warning (text, line);
    }
  if (note && note[0])
    append_warning (text, note);
  for (i = 0; i < r->n_messages; i++)
    append_warning (text, r->messages[i]);
  return g_string_free (text, FALSE);
}

char *
eisfit_transference_calc_dup_details (EisfitTransferenceCalc *c)
{
  if (!c->have_result)
    return g_strdup ("");
  g_autofree char *forms = eisfit_transference_details_text (&c->result, c->alt_what,
                                                             c->alt_to_interface);
  GString *t = g_string_new (forms);

  for (size_t i = 0; i < c->n_track; i++)
    {
      const EisBVInterfacePoint *p = &c->track[i];
      g_autofree char *name = eisfit_transference_item_name (c->track_items[i]);

      if (i == 0)
        g_string_append (t, "\nInterface during the hold (the spectrum before's circuit, each "
                            "fit starting from the one before):\n"
                            "        t/s   R_int/Ω        R_b/Ω   fit        spectrum");
      g_string_append_printf (t, "\n  %9.4g   %.4g ± %-7.2g %8.4g   %-9s  %s%s", p->time_s,
                              p->R_int_ohm, p->R_int_se_ohm, p->R_b_ohm,
                              eis_fit_status_name (p->status), name,
                              i == c->track_rss ? "  (R_int,ss)" : "");
    }
  return g_string_free (t, FALSE);
}

/* ---------------------------------------------------------------- which spectra */

gboolean
eisfit_transference_cell_is_blocking (const char *cell)
{
  /* a pellet, a liquid or gel electrolyte between blocking electrodes: no Li+ passes */
  return strcmp (cell, "blocking") == 0 || strcmp (cell, "liquid") == 0;
}

/* The start time a file gives (metadata "start_time" in ISO form, 2024-03-05 14:22:10 or
 * 2024-03-05T14:22), as seconds on a calendar where only the order matters; NAN when unknown
 * or in another form (a vendor's month/day order is not guessed). */
static double
start_time_of (const EisMeta *meta)
{
  const char *t = eis_meta_get (meta, "start_time");
  int y, mo, d, h = 0, mi = 0, n;
  double sec = 0;

  if (!t || sscanf (t, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
    return NAN;
  if (t[n] == ' ' || t[n] == 'T')
    sscanf (t + n + 1, "%2d:%2d:%lf", &h, &mi, &sec);
  return ((((y * 12.0 + mo) * 31 + d) * 24 + h) * 60 + mi) * 60 + sec;
}

/* Whether the spectrum at POSITION (1-based) of SPECTRA may be the spectrum BEFORE (or after)
 * the polarization SERIES by the times the files give: measured before its start (after it);
 * TRUE when either time is unknown. */
static gboolean
time_fits (GListModel *spectra, guint position, const EisSeries *series, gboolean before)
{
  g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (spectra, position - 1);
  double ts = start_time_of (&eisfit_spectrum_item_get_spectrum (item)->meta);
  double tp = start_time_of (&series->meta);

  if (!isfinite (ts) || !isfinite (tp) || ts == tp)
    return TRUE;
  return before ? ts < tp : ts > tp;
}

/* Whether the spectrum ITEM is of the polarization SERIES's cell: a cell type not said to be
 * blocking, and a file in the same folder named for the same sample (eis_sample_same:
 * li-before.csv and li-after.csv for li-polarization.csv, not li-spike-before.csv), or for no
 * sample at all on either side (pol.csv and a-before.csv, li-polarization.csv and before.csv:
 * the folder is the cell's). */
static gboolean
of_the_cell (EisfitSpectrumItem *item, const EisSeries *series)
{
  const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
  char stem_s[256], stem_p[256];
  g_autofree char *dir_s = NULL, *dir_p = NULL;

  if (eisfit_transference_cell_is_blocking (eisfit_spectrum_item_get_cell (item)) || !s->source
      || !series->source)
    return FALSE;
  if (eis_sample_same (s->source, series->source))
    return TRUE;
  eis_sample_stem (s->source, stem_s, sizeof stem_s);
  eis_sample_stem (series->source, stem_p, sizeof stem_p);
  dir_s = g_path_get_dirname (s->source);
  dir_p = g_path_get_dirname (series->source);
  return (!stem_s[0] || !stem_p[0]) && strcmp (dir_s, dir_p) == 0;
}

/* Position (1-based, 0 = none) of the first spectrum of the polarization SERIES's cell whose
 * file name holds one of WORDS and whose time fits the side (BEFORE), SKIP left out. */
static guint
position_by_name (GListModel *spectra, const EisSeries *series, const char *const *words,
                  gboolean before, guint skip)
{
  guint n = spectra ? g_list_model_get_n_items (spectra) : 0;

  /* spectra of files said to be Li|electrolyte|Li first, then those of cells not said */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (spectra, i);
        const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
        const char *cell = eisfit_spectrum_item_get_cell (item);
        g_autofree char *base = g_path_get_basename (s->source ? s->source : "");
        g_autofree char *lower = g_ascii_strdown (base, -1);

        if (strcmp (cell, pass == 0 ? "li-symmetric" : "") != 0 || i + 1 == skip
            || !of_the_cell (item, series) || !time_fits (spectra, i + 1, series, before))
          continue;
        for (const char *const *w = words; *w; w++)
          if (strstr (lower, *w))
            return i + 1;
      }
  return 0;
}

void
eisfit_transference_guess_spectra (GListModel *spectra, const EisSeries *series, guint *b,
                                   guint *a, char **note)
{
  static const char *const before_words[] = { "before", "pre-", "pre_", "initial", NULL };
  static const char *const after_words[] = { "after", "post", "final", "steady", NULL };
  guint n = spectra ? g_list_model_get_n_items (spectra) : 0, first = 0, last = 0;
  guint cell[2] = { 0, 0 }, n_cell = 0;
  g_autofree char *pol = NULL;

  *b = *a = 0;
  if (note)
    *note = NULL;
  if (!series)
    return; /* no polarization: nothing is before or after anything */
  for (guint i = 0; series->source && i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (spectra, i);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);

      if (s->source && strcmp (s->source, series->source) == 0)
        {
          if (!first)
            first = i + 1;
          last = i + 1;
        }
      if (of_the_cell (item, series))
        {
          if (n_cell < 2)
            cell[n_cell] = i + 1;
          n_cell++;
        }
    }
  if (first && last != first)
    {
      *b = first;
      *a = last;
      return;
    }
  /* spectra of the polarization's cell only (gui-audit finding 9: an LPSCl pellet and a redox
   * cell's spectra were taken for the before and after of a polarization they had nothing to
   * do with): named for their role, or the only two, in the order of their times */
  *b = position_by_name (spectra, series, before_words, TRUE, 0);
  *a = position_by_name (spectra, series, after_words, FALSE, *b);
  if (n_cell == 2 && !*b && !*a)
    {
      gboolean swap = !time_fits (spectra, cell[0], series, TRUE)
                      || !time_fits (spectra, cell[1], series, FALSE);

      *b = cell[swap], *a = cell[!swap];
      if (!time_fits (spectra, *b, series, TRUE) || !time_fits (spectra, *a, series, FALSE))
        *b = *a = 0;
    }
  else if (n_cell == 2 && (!*b || !*a))
    {
      guint other = (*b ? *b : *a) == cell[0] ? cell[1] : cell[0];

      if (!*b && time_fits (spectra, other, series, TRUE))
        *b = other;
      else if (!*a && time_fits (spectra, other, series, FALSE))
        *a = other;
    }
  if ((*b && *a) || !note)
    return;
  pol = g_path_get_basename (series->source ? series->source : "?");
  if (n_cell == 0)
    *note = g_strdup_printf ("No spectrum open is of the cell of %s (a file of its folder named "
                             "for the same sample, not said to be blocking): choose the spectra "
                             "before and after above.", pol);
  else
    *note = g_strdup_printf ("The files do not say which spectrum of the cell of %s was "
                             "measured %s the polarization: choose %s above.", pol,
                             !*b && !*a ? "before and which after" : !*b ? "before" : "after",
                             !*b && !*a ? "them" : "it");
}
