/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window shows, as JSON (eisfit-gtk --print-results): every spectrum with its fit and
 * conductivity, the Arrhenius fit and the transference number, for scripts and for the test
 * that compares them with eisfit's. */
#include <config.h>

#include "eisfit-window-private.h"
#include "eisfit-json.h"
#include "text-buf.h"

#include <math.h>

#include "eisfit-series-page.h"
#include "eisfit-transference-page.h"

void
eisfit_json_string (GString *s, const char *text)
{
  const unsigned char *p = (const unsigned char *) (text ? text : "");

  if (!text)
    {
      g_string_append (s, "null");
      return;
    }
  g_string_append_c (s, '"');
  char ch[8];
  while (*p)
    {
      p += eis_json_char ((const char *) p, ch);
      g_string_append (s, ch);
    }
  g_string_append_c (s, '"');
}

/* A number in full precision; null when not finite (JSON has no NaN). */
void
eisfit_json_number (GString *s, double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (x))
    g_string_append (s, g_ascii_dtostr (buf, sizeof buf, x));   /* shortest that reads back
                                                                   * the same: 273.15, not
                                                                   * 273.14999999999998 */
  else
    g_string_append (s, "null");
}

static void
json_key_number (GString *s, const char *key, double x, gboolean comma)
{
  g_string_append_printf (s, "%s\"%s\": ", comma ? ", " : "", key);
  eisfit_json_number (s, x);
}

static void
spectrum_json (EisfitWindow *self, GString *s, EisfitSpectrumItem *item)
{
  const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
  const EisFitResult *r = eisfit_spectrum_item_get_fit (item);
  const EisCircuit *c = eisfit_spectrum_item_get_circuit (item);
  EisGeometry geom = { 0 };
  EisConductivity cond;
  EisError err = { 0 };
  gboolean have_geom = eisfit_window_item_geometry (self, item, &geom);
  const char *refusal = eisfit_spectrum_item_get_refusal (item);
  size_t k;

  g_string_append (s, "    {\"file\": ");
  eisfit_json_string (s, sp->source);
  g_string_append_printf (s, ", \"spectrum\": %d, ", sp->index + 1);
  json_key_number (s, "temperature_K", sp->temperature_k, FALSE);
  g_string_append (s, ", \"circuit\": ");
  eisfit_json_string (s, r && !refusal ? eis_circuit_text (c) : NULL);
  if (refusal)
    {
      /* refused as eisfit refuses it (Z' < 0 everywhere, noise): why, and no fit */
      g_string_append (s, ", \"status\": \"refused\", \"parameters\": [], \"refused\": ");
      eisfit_json_string (s, refusal);
      g_string_append (s, "}");
      return;
    }
  if (!r)
    {
      g_string_append (s, ", \"status\": \"not fitted\", \"parameters\": [], \"refused\": null}");
      return;
    }
  g_string_append (s, ", \"status\": ");
  eisfit_json_string (s, eis_fit_status_name (r->status));
  json_key_number (s, "reduced_chi2", r->reduced_chi2, TRUE);
  /* what the fit says of itself, as eisfit --format json (a share of the Series page's joint
   * fit: the joint solver's iterations and no starts) */
  json_key_number (s, "dof", (double) r->dof, TRUE);
  json_key_number (s, "bic", r->bic, TRUE);
  json_key_number (s, "residual_runs_z", r->runs_z, TRUE);
  json_key_number (s, "iterations", r->iterations, TRUE);
  json_key_number (s, "starts", r->n_starts, TRUE);
  /* the points fitted and what was left out, as eisfit --format json says it */
  json_key_number (s, "n_points", (double) sp->n, TRUE);
  json_key_number (s, "n_fitted", (double) r->n_points, TRUE);
  {
    g_autofree char *left = eisfit_exclusions_describe (eisfit_spectrum_item_get_exclusions (item),
                                                        sp);
    g_string_append (s, ", \"left_out\": ");
    eisfit_json_string (s, left);
  }
  g_string_append (s, ",\n     \"parameters\": [");
  for (k = 0; k < r->n_params; k++)
    {
      g_string_append (s, k ? ", {\"name\": " : "{\"name\": ");
      eisfit_json_string (s, eis_circuit_param_name (c, k));
      json_key_number (s, "value", r->value[k], TRUE);
      json_key_number (s, "stderr", r->stderr_[k], TRUE);
      g_string_append (s, "}");
    }
  g_string_append (s, "]");
  if (eisfit_spectrum_item_conductivity (item, have_geom ? &geom : NULL, &cond, &err))
    {
      g_string_append (s, ",\n     \"conductivity\": {");
      json_key_number (s, "R_bulk_Ohm", cond.R_bulk, FALSE);
      json_key_number (s, "R_bulk_stderr_Ohm", cond.R_bulk_se, TRUE);
      json_key_number (s, "R_gb_Ohm", cond.R_gb, TRUE);
      json_key_number (s, "R_gb_stderr_Ohm", cond.R_gb_se, TRUE);
      if (cond.have_geometry)
        {
          json_key_number (s, "sigma_bulk_S_cm", cond.sigma_bulk, TRUE);
          json_key_number (s, "sigma_bulk_stderr_S_cm", cond.sigma_bulk_se, TRUE);
          json_key_number (s, "sigma_total_S_cm", cond.sigma_total, TRUE);
          json_key_number (s, "sigma_total_stderr_S_cm", cond.sigma_total_se, TRUE);
        }
      /* as eisfit --cell: the interfaces' total and, for a Li|Li cell, one interface's ASR */
      g_string_append (s, ", \"cell\": ");
      if (cond.cell == EIS_CELL_UNSPECIFIED)
        g_string_append (s, "null");
      else
        eisfit_json_string (s, eis_cell_name (cond.cell));
      json_key_number (s, "R_interface_total", cond.R_interface, TRUE);
      json_key_number (s, "R_interface_total_stderr", cond.R_interface_se, TRUE);
      json_key_number (s, "ASR_per_interface_ohm_cm2", cond.asr_per_interface, TRUE);
      json_key_number (s, "ASR_per_interface_stderr_ohm_cm2", cond.asr_per_interface_se, TRUE);
      /* each arc's role, as the series' JSON writes them */
      g_string_append (s, ", \"roles\": {");
      for (k = 0; k < cond.n_arcs; k++)
        {
          g_string_append (s, k ? ", " : "");
          eisfit_json_string (s, cond.arcs[k].label);
          g_string_append (s, ": ");
          eisfit_json_string (s, eis_arc_role_name (&cond.arcs[k]));
        }
      g_string_append (s, "}");
      /* an untrusted automatic choice gives no sigma and says so (as eisfit --format json) */
      g_string_append_printf (s, ", \"trusted\": %s}", cond.untrusted ? "false" : "true");
      /* as eisfit --format json: why a role or a sigma is in doubt or not given (less than a
       * decade of data, an untrusted choice ...) */
      g_string_append (s, ",\n     \"cautions\": [");
      for (k = 0; k < cond.n_cautions; k++)
        {
          if (k)
            g_string_append (s, ", ");
          eisfit_json_string (s, cond.cautions[k]);
        }
      g_string_append (s, "]");
    }
  g_string_append (s, ", \"refused\": null}");
}

static void
arrhenius_fit_json (GString *s, const char *key, const EisArrheniusFit *f)
{
  g_string_append_printf (s, ",\n    \"%s\": {", key);
  json_key_number (s, "Ea_eV", f->Ea_eV, FALSE);
  json_key_number (s, "Ea_stderr_eV", f->Ea_se_eV, TRUE);
  json_key_number (s, "ln_prefactor", f->ln_A, TRUE);
  json_key_number (s, "ln_prefactor_stderr", f->ln_A_se, TRUE);
  json_key_number (s, "sigma_at_25C", f->sigma_ref, TRUE);
  json_key_number (s, "sigma_at_25C_stderr", f->sigma_ref_se, TRUE);
  json_key_number (s, "r2", f->r2, TRUE);
  g_string_append (s, "}");
}

char *
eisfit_window_dup_results_json (EisfitWindow *self)
{
  GString *s = g_string_new ("{\n  \"spectra\": [\n");
  GListModel *store = G_LIST_MODEL (self->store);
  guint i, n = g_list_model_get_n_items (store);
  EisfitArrheniusData a;
  EisfitTransferencePage *tp = EISFIT_TRANSFERENCE_PAGE (self->transference_page);
  const EisBVResult *bv = eisfit_transference_page_get_result (tp);

  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (store, i);

      spectrum_json (self, s, item);
      g_string_append (s, i + 1 < n ? ",\n" : "\n");
    }
  g_string_append (s, "  ],\n  \"arrhenius\": ");
  /* the Arrhenius view's fit: log sigma against 1000/T of the selected fitted spectra */
  eisfit_window_collect_arrhenius (self, &a);
  if (a.why_not || !a.have_total)
    {
      g_string_append (s, "null");
      if (a.why_not)
        {
          g_string_append (s, ",\n  \"arrhenius_missing\": ");
          eisfit_json_string (s, a.why_not);
        }
    }
  else
    {
      const char *text, *source = eisfit_arrhenius_data_source (&a, &text);

      g_string_append_printf (s, "{\"form\": \"sigma\", \"points\": %zu, ", a.n);
      /* which fits, as the Arrhenius tab says: each spectrum's own ("own"), or the Series
       * page's joint fit after Use these fits ("series", the fits eisfit arrhenius makes) */
      g_string_append (s, "\"fits_source\": ");
      eisfit_json_string (s, source);
      g_string_append (s, ", \"fits_source_text\": ");
      eisfit_json_string (s, text);
      g_string_append (s, ",\n    \"from_fits\": ");
      eisfit_json_string (s, a.used);
      g_string_append (s, ",\n    ");
      json_key_number (s, "Ea_eV", a.fit_total.Ea_eV, FALSE);
      json_key_number (s, "Ea_stderr_eV", a.fit_total.Ea_se_eV, TRUE);
      arrhenius_fit_json (s, "total", &a.fit_total);
      if (a.have_bulk)
        arrhenius_fit_json (s, "bulk", &a.fit_bulk);
      g_string_append (s, "}");
    }
  eisfit_arrhenius_data_clear (&a);
  g_string_append (s, ",\n  \"transference\": ");
  if (!bv)
    g_string_append (s, "null");
  else
    {
      const char *after = NULL, *r0_from = NULL, *rss_from = NULL;
      const char *before = eisfit_transference_page_get_used (tp, &after, &r0_from, &rss_from);

      g_string_append (s, "{");
      json_key_number (s, "t_plus", bv->t_plus, FALSE);
      json_key_number (s, "t_plus_stderr", bv->t_plus_se, TRUE);
      /* an arc of open role: both readings are the result, as eisfit transference -f json
       * gives them (t_plus is the first reading's) */
      {
        double low, high;
        gboolean to_int = FALSE;
        int two = eis_bv_result_range (bv, &low, &high);
        const char *what = eisfit_transference_page_get_other_reading (tp, &to_int);

        g_string_append_printf (s, ", \"t_plus_ambiguous\": %s", two ? "true" : "false");
        json_key_number (s, "t_plus_low", low, TRUE);
        json_key_number (s, "t_plus_high", high, TRUE);
        g_string_append (s, ",\n    \"other_reading\": ");
        if (!what)
          g_string_append (s, "null");
        else
          {
            g_string_append (s, "{\"arcs\": ");
            eisfit_json_string (s, what);
            g_string_append_printf (s, ", \"counted_as\": \"%s\"",
                                    to_int ? "interface" : "electrolyte");
            json_key_number (s, "R0_Ohm", bv->alt_R0_ohm, TRUE);
            json_key_number (s, "Rss_Ohm", bv->alt_Rss_ohm, TRUE);
            json_key_number (s, "Rb_Ohm", bv->alt_Rb_ohm, TRUE);
            json_key_number (s, "t_plus", bv->alt_t_plus, TRUE);
            json_key_number (s, "t_plus_stderr", bv->alt_t_plus_se, TRUE);
            json_key_number (s, "t_bv", bv->alt_t_bv, TRUE);
            json_key_number (s, "t_watanabe", bv->alt_t_watanabe, TRUE);
            g_string_append (s, "}");
          }
        g_string_append (s, ",\n    ");
      }
      json_key_number (s, "R0_Ohm", bv->R0_ohm, FALSE);
      json_key_number (s, "R0_stderr_Ohm", bv->R0_se_ohm, TRUE);
      json_key_number (s, "Rss_Ohm", bv->Rss_ohm, TRUE);
      json_key_number (s, "Rss_stderr_Ohm", bv->Rss_se_ohm, TRUE);
      json_key_number (s, "Rb_Ohm", bv->Rb_ohm, TRUE);
      json_key_number (s, "I0_A", bv->I0_A, TRUE);
      json_key_number (s, "Iss_A", bv->Iss_A, TRUE);
      json_key_number (s, "dV_V", bv->dV_V, TRUE);
      /* the choices and how I0 and Iss were found, under eisfit transference -f json's names */
      g_string_append (s, ",\n    \"method\": ");
      eisfit_json_string (s, eis_bv_method_name (bv->method));
      json_key_number (s, "t_bv", bv->t_bv, TRUE);
      json_key_number (s, "t_bv_stderr", bv->t_bv_se, TRUE);
      json_key_number (s, "t_watanabe", bv->t_watanabe, TRUE);
      json_key_number (s, "t_watanabe_stderr", bv->t_watanabe_se, TRUE);
      json_key_number (s, "ratio", bv->ratio, TRUE);
      json_key_number (s, "ratio_stderr", bv->ratio_se, TRUE);
      json_key_number (s, "t_plus_calculated", bv->t_plus_calc, TRUE);
      g_string_append (s, ",\n    \"i0_rule\": ");
      eisfit_json_string (s, eis_bv_i0_method_name (bv->i0_requested));
      g_string_append (s, ", \"i0_method\": ");
      eisfit_json_string (s, eis_bv_i0_method_name (bv->i0_method));
      g_string_append (s, ", \"i0_reason\": ");
      eisfit_json_string (s, bv->i0_reason);
      json_key_number (s, "I0_stderr_A", bv->I0_se_A, TRUE);
      json_key_number (s, "I0_measured_A", bv->I0_meas_A, TRUE);
      json_key_number (s, "I0_calculated_A", bv->I0_calc_A, TRUE);
      g_string_append (s, ",\n    \"iss_source\": ");
      eisfit_json_string (s, eis_bv_iss_source_name (bv->iss_source));
      g_string_append (s, ", \"iss_reason\": ");
      eisfit_json_string (s, bv->iss_reason);
      json_key_number (s, "Iss_stderr_A", bv->Iss_se_A, TRUE);
      g_string_append_printf (s, ",\n    \"spike_found\": %s", bv->spike_auto ? "true" : "false");
      json_key_number (s, "spike_end_s", bv->spike_end_s, TRUE);
      json_key_number (s, "spike_points", (double) bv->spike_points, TRUE);
      json_key_number (s, "decay_tau_s", bv->decay_tau_s, TRUE);
      g_string_append (s, ",\n    \"before\": ");
      eisfit_json_string (s, before);
      g_string_append (s, ", \"R0_from\": ");
      eisfit_json_string (s, r0_from);
      /* the Interface arcs field typed (as eisfit transference --interface-arcs or a
       * project's interface-arcs=), not decided by the arcs' capacitance */
      {
        g_autofree char *method = NULL, *i0 = NULL, *spike = NULL, *arcs = NULL, *r_b = NULL,
                        *r0 = NULL, *r_ss = NULL;

        eisfit_transference_page_get_choices (tp, &method, &i0, &spike, &arcs, &r_b, &r0, &r_ss);
        g_string_append_printf (s, ", \"interface_arcs_given\": %s",
                                arcs && *g_strstrip (arcs) ? "true" : "false");
      }
      g_string_append (s, ",\n    \"after\": ");
      eisfit_json_string (s, after);
      g_string_append (s, ", \"Rss_from\": ");
      eisfit_json_string (s, rss_from);
      /* the circuits R0 and Rss came from, as eisfit transference -f json names them (one
       * may be a copy refitted for one circuit), and what was done to give them one */
      {
        const char *bc = NULL, *ac = NULL;
        const char *note = eisfit_transference_page_get_circuits (tp, &bc, &ac);

        g_string_append (s, ",\n    \"before_circuit\": ");
        eisfit_json_string (s, bc);
        g_string_append (s, ", \"after_circuit\": ");
        eisfit_json_string (s, ac);
        g_string_append (s, ", \"circuit_note\": ");
        eisfit_json_string (s, note && *note ? note : NULL);
      }
      g_string_append (s, ",\n    \"polarization\": ");
      eisfit_json_string (s, eisfit_transference_page_get_series_source (tp));
      /* R_int(t) during the hold, as eisfit transference -f json's "interface" */
      g_string_append (s, ",\n    \"interface\": [");
      for (size_t k = 0; k < eisfit_transference_page_get_n_interface (tp); k++)
        {
          const EisSpectrum *sp = NULL;
          gboolean rss_here = FALSE;
          const EisBVInterfacePoint *p = eisfit_transference_page_get_interface (tp, k, &sp,
                                                                                 &rss_here);

          g_string_append_printf (s, "%s\n      {", k ? "," : "");
          json_key_number (s, "time_s", p->time_s, FALSE);
          json_key_number (s, "R_int_Ohm", p->R_int_ohm, TRUE);
          json_key_number (s, "R_int_stderr_Ohm", p->R_int_se_ohm, TRUE);
          json_key_number (s, "Rb_Ohm", p->R_b_ohm, TRUE);
          g_string_append (s, ", \"fit_status\": ");
          eisfit_json_string (s, eis_fit_status_name (p->status));
          g_string_append (s, ", \"file\": ");
          eisfit_json_string (s, sp->source);
          g_string_append_printf (s, ", \"spectrum\": %d, \"R0_from_here\": false, "
                                  "\"Rss_from_here\": %s}", sp->index + 1,
                                  rss_here ? "true" : "false");
        }
      g_string_append (s, "]}");
    }
  /* the Series page's fit, as eisfit series --format json has it */
  {
    g_autofree char *series = eisfit_series_page_dup_json (EISFIT_SERIES_PAGE (self->series_page));

    g_string_append (s, ",\n  \"series\": ");
    g_string_append (s, series ? series : "null");
  }
  g_string_append (s, "\n}\n");
  return g_string_free (s, FALSE);
}
