/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON of a fitted series (see series-output.h). */
#define _POSIX_C_SOURCE 200809L /* uselocale */

#include "series-output.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text-buf.h"

#include "series-table.h"

/* The text is built in a growing buffer (as project.c does): the engine does not print; the
 * FILE * writers hand the whole text to the caller's stream at once. */
typedef EisTextBuf Buf;

static void
buf_puts (Buf *b, const char *s)
{
  eis_text_buf_printf (b, "%s", s);
}

static void
buf_putc (Buf *b, char c)
{
  eis_text_buf_printf (b, "%c", c);
}

/* S as a JSON string literal. */
static void
json_string (Buf *out, const char *s)
{
  buf_putc (out, '"');
  char ch[8];
  for (const char *p = s ? s : ""; *p;)
    {
      p += eis_json_char (p, ch);
      buf_puts (out, ch);
    }
  buf_putc (out, '"');
}

/* X with ten significant digits, null when not finite. */
static void
json_number (Buf *out, double x)
{
  if (isfinite (x))
    eis_text_buf_printf (out, "%.10g", x);
  else
    buf_puts (out, "null");
}

/* ", \"KEY\": X" */
static void
json_key_number (Buf *out, const char *key, double x)
{
  eis_text_buf_printf (out, ", \"%s\": ", key);
  json_number (out, x);
}

/* The names given, and those the joint fit shared because the series fit held them. */
static void
write_shared (Buf *out, const EisSeriesFit *sf, const EisGlobalFit *gf,
              const char *const *shared, size_t n_shared)
{
  size_t P = eis_circuit_n_params (sf->circuit), ns = 0;

  buf_puts (out, ",\n \"shared\": [");
  for (size_t q = 0; q < n_shared; q++)
    {
      buf_puts (out, ns++ ? ", " : "");
      json_string (out, shared[q]);
    }
  for (size_t k = 0; gf && k < P; k++)
    {
      int given = 0;
      for (size_t q = 0; q < n_shared; q++)
        given |= strcmp (shared[q], eis_circuit_param_name (sf->circuit, k)) == 0;
      if (!gf->shared[k] || given)
        continue;
      char nm[96];
      snprintf (nm, sizeof nm, "%s%s", eis_circuit_param_name (sf->circuit, k),
                gf->shared[k] == 2 ? "_Ceff" : "");
      buf_puts (out, ns++ ? ", " : "");
      json_string (out, nm);
    }
  buf_puts (out, "]");
  if (gf)
    {
      eis_text_buf_printf (out, ",\n \"joint\": {\"converged\": %s", gf->converged ? "true" : "false");
      json_key_number (out, "chi2", gf->chi2);
      json_key_number (out, "reduced_chi2", gf->reduced_chi2);
      json_key_number (out, "bic", gf->bic);
      eis_text_buf_printf (out, ", \"unknowns\": %zu}", gf->n_free);
    }
  if (sf->n_share_tests == 0)
    return;
  buf_puts (out, ",\n \"sharing_tests\": {\"threshold_delta_bic\": ");
  json_number (out, EIS_SERIES_SHARE_DBIC);
  buf_puts (out, ", \"tests\": [");
  for (size_t i = 0; i < sf->n_share_tests; i++)
    {
      const EisSeriesShareTest *t = &sf->share_tests[i];
      buf_puts (out, i ? ",\n   {\"shared\": " : "\n   {\"shared\": ");
      json_string (out, t->names);
      buf_puts (out, ", \"alternative\": ");
      json_string (out, eis_share_how_text (t->alternative));
      json_key_number (out, "delta_bic", t->delta_bic);
      eis_text_buf_printf (out, ", \"extra_unknowns\": %ld", t->extra_params);
      json_key_number (out, "reduced_chi2_shared", t->chi2_shared);
      json_key_number (out, "reduced_chi2_free", t->chi2_free);
      json_key_number (out, "chi2_shared", t->S_shared);
      json_key_number (out, "chi2_free", t->S_free);
      eis_text_buf_printf (out, ", \"tested\": %s, \"accepted\": %s, \"given\": %s, "
                           "\"used\": %s", t->untested ? "false" : "true",
                           t->accepted ? "true" : "false", t->given ? "true" : "false",
                           t->accepted || t->given || t->untested ? "true" : "false");
      if (t->why[0])
        {
          buf_puts (out, ", \"why\": ");
          json_string (out, t->why);
        }
      buf_puts (out, "}");
    }
  buf_puts (out, "]}");
}

void
eis_series_share_tests_text (const EisSeriesFit *sf, char *buf, size_t len)
{
  size_t u = 0;
  if (len)
    buf[0] = 0;
  for (size_t i = 0; i < sf->n_share_tests && u < len; i++)
    {
      const EisSeriesShareTest *t = &sf->share_tests[i];
      char d[32];
      if (isfinite (t->delta_bic))
        snprintf (d, sizeof d, "Delta BIC %+.1f", t->delta_bic);
      else
        snprintf (d, sizeof d, "not tested");
      if (t->untested)
        u += (size_t) snprintf (buf + u, len - u, "%s%s: not tested, shared (%s)",
                                u ? "; " : "", t->names, t->why);
      else if (t->accepted || t->given)
        u += (size_t) snprintf (buf + u, len - u, "%s%s: %s (%s against %s)", u ? "; " : "",
                                t->names, t->accepted ? "accepted, shared"
                                : "rejected by the data, shared as asked", d,
                                eis_share_how_text (t->alternative));
      else
        {
          char what[320];
          eis_share_rejected_text (t, what, sizeof what);
          u += (size_t) snprintf (buf + u, len - u, "%s%s (%s)", u ? "; " : "", what, d);
        }
    }
}

/* ARC's label: VALUE for each arc of C (ROLE: its role, else its C_eff). */
static void
write_arcs (Buf *out, const EisConductivity *c, int fitted, int role)
{
  for (size_t a = 0; fitted && a < c->n_arcs; a++)
    {
      buf_puts (out, a ? ", " : "");
      json_string (out, c->arcs[a].label);
      buf_puts (out, ": ");
      if (role)
        json_string (out, eis_role_name (c->arcs[a].role));
      else
        json_number (out, c->arcs[a].C_eff);
    }
}

/* Spectrum J of the series. */
static void
write_spectrum (Buf *out, const EisSpectrumSeries *s, const EisSeriesFit *sf, size_t j)
{
  size_t P = eis_circuit_n_params (sf->circuit);
  const EisSeriesItem *it = &s->items[j];
  const EisFitResult *r = sf->fits[j];
  const EisConductivity *c = &sf->cond[j];
  double R_int = NAN, asr = eis_series_asr (sf, s, j, &R_int);
  static const char *const keys[] = { "R_bulk_stderr", "R_gb", "R_gb_stderr", "sigma_bulk",
                                      "sigma_gb", "sigma_total" };
  double v[] = { c->R_bulk_se, c->R_gb, c->R_gb_se, c->sigma_bulk, c->sigma_gb,
                 c->sigma_total };

  eis_text_buf_printf (out, "%s\n  {\"file\": ", j ? "," : "");
  json_string (out, it->file);
  eis_text_buf_printf (out, ", \"spectrum\": %d, \"T_K\": ", it->number);
  json_number (out, it->T_K);
  /* a time that says nothing (every spectrum's own first time stamp, 0.5 s) is left out */
  json_key_number (out, "time_s", eis_spectrum_series_time_informative (s) ? it->time_s : NAN);
  buf_puts (out, ",\n   \"parameters\": [");
  for (size_t k = 0; k < P; k++)
    {
      buf_puts (out, k ? ", {\"name\": " : "{\"name\": ");
      json_string (out, eis_circuit_param_name (sf->circuit, k));
      json_key_number (out, "value", r ? r->value[k] : NAN);
      /* a resistance merged with another's arc: only their sum has an error ("merged") */
      int merged = r && eis_conductivity_is_merged (c, (long) k);
      json_key_number (out, "stderr", r && !merged ? r->stderr_[k] : NAN);
      if (merged)
        buf_puts (out, ", \"split_not_determined\": true");
      buf_puts (out, sf->held[j * P + k] ? ", \"held\": true}" : "}");
    }
  buf_puts (out, "],\n   \"R_bulk\": ");
  json_number (out, r ? c->R_bulk : NAN);
  for (size_t q = 0; q < sizeof v / sizeof v[0]; q++)
    json_key_number (out, keys[q], r ? v[q] : NAN);
  /* as a single fit's conductivity says it: bulk and grain boundary separated in this row (the
   * spectrum alone, or the series binding them), else sigma_bulk is at least sigma_total */
  int withheld = r && !isfinite (c->R_bulk) && (c->split_ambiguous || c->intercept_total);
  eis_text_buf_printf (out, ", \"bulk_gb_separated\": %s",
                       !r ? "null" : withheld ? "false" : "true");
  json_key_number (out, "bulk_at_least", withheld ? c->sigma_total : NAN);
  json_key_number (out, "sigma_bulk_stderr", r ? c->sigma_bulk_se : NAN);
  json_key_number (out, "sigma_total_stderr", r ? c->sigma_total_se : NAN);
  /* with their errors, as a single fit's report gives them */
  json_key_number (out, "R_interface_total", R_int);
  json_key_number (out, "R_interface_total_stderr", isfinite (R_int) ? c->R_interface_se : NAN);
  json_key_number (out, "ASR_per_interface_ohm_cm2", asr);
  json_key_number (out, "ASR_per_interface_stderr_ohm_cm2",
                   isfinite (asr) ? c->asr_per_interface_se : NAN);
  buf_puts (out, ",\n   \"merged\": ");
  if (r && c->n_merged)
    {
      buf_puts (out, "{\"parameters\": [");
      for (size_t m = 0; m < c->n_merged; m++)
        {
          buf_puts (out, m ? ", " : "");
          json_string (out, eis_circuit_param_name (sf->circuit, (size_t) c->merged_index[m]));
        }
      buf_puts (out, "], \"R_sum\": ");
      json_number (out, c->R_merged);
      json_key_number (out, "R_sum_stderr", c->R_merged_se);
      buf_puts (out, "}");
    }
  else
    buf_puts (out, "null");
  buf_puts (out, ",\n   \"roles\": {");
  write_arcs (out, c, r != NULL, 1);
  buf_puts (out, "}, \"C_eff\": {");
  write_arcs (out, c, r != NULL, 0);
  buf_puts (out, "},\n   \"chi2\": ");
  json_number (out, r ? r->chi2 : NAN);
  eis_text_buf_printf (out, ", \"warm_start\": %s, \"changes\": [", sf->warm[j] ? "true" : "false");
  /* the changes, "; "-separated in the fit, one string each */
  for (const char *p = sf->changes[j] && sf->changes[j][0] ? sf->changes[j] : NULL; p;)
    {
      const char *e = strstr (p, "; ");
      size_t len = e ? (size_t) (e - p) : strlen (p);
      char *one = strndup (p, len);

      buf_puts (out, p == sf->changes[j] ? "" : ", ");
      json_string (out, one ? one : "");
      free (one);
      p = e ? e + 2 : NULL;
    }
  buf_puts (out, "]}");
}

/* The members of the series' JSON object. */
static void
json_members (Buf *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
              const EisGlobalFit *gf, const char *const *shared, size_t n_shared)
{
  buf_puts (out, "\"circuit\": ");
  json_string (out, eis_circuit_text (sf->circuit));
  buf_puts (out, ",\n \"why\": ");
  json_string (out, sf->why);
  buf_puts (out, ",\n \"candidates\": [");
  for (size_t i = 0; i < sf->n_candidates; i++)
    {
      const EisSeriesCandidate *cd = &sf->candidates[i];
      eis_text_buf_printf (out, "%s\n   {\"circuit\": ", i ? "," : "");
      json_string (out, cd->circuit);
      json_key_number (out, "bic_sum", cd->bic_sum);
      eis_text_buf_printf (out, ", \"ok\": %zu, \"not_ok\": ", cd->n_ok);
      json_string (out, cd->why_not);
      buf_puts (out, "}");
    }
  buf_puts (out, "],\n \"order_by\": ");
  json_string (out, eis_series_order_name (s->order_by));
  write_shared (out, sf, gf, shared, n_shared);
  buf_puts (out, ",\n \"spectra\": [");
  for (size_t j = 0; j < s->n; j++)
    write_spectrum (out, s, sf, j);
  buf_puts (out, "],\n \"warnings\": [");
  for (size_t w = 0; w < sf->n_warnings; w++)
    {
      buf_puts (out, w ? ", " : "");
      json_string (out, sf->warnings[w]);
    }
  buf_puts (out, "],\n \"notes\": [");
  for (size_t w = 0; w < sf->n_notes; w++)
    {
      buf_puts (out, w ? ", " : "");
      json_string (out, sf->notes[w]);
    }
  buf_puts (out, "]");
}

/* ---- CSV ---- */

/* TEXT as a CSV field (RFC 4180), quoted when it holds a comma, a quote or a line end. */
static void
csv_string (Buf *out, const char *text)
{
  int formula = eis_csv_text_is_formula (text); /* a ' in front: no spreadsheet formula */
  if (!strpbrk (text, ",\"\n"))
    {
      if (formula)
        buf_putc (out, '\'');
      buf_puts (out, text);
      return;
    }
  buf_putc (out, '"');
  if (formula)
    buf_putc (out, '\'');
  for (; *text; text++)
    {
      if (*text == '"')
        buf_putc (out, '"');
      buf_putc (out, *text);
    }
  buf_putc (out, '"');
}

/* ",X" with ten significant digits; "," when X is not finite. */
static void
csv_number (Buf *out, double x)
{
  if (isfinite (x))
    eis_text_buf_printf (out, ",%.10g", x);
  else
    buf_putc (out, ',');
}

static void
csv_row (Buf *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
         const EisConductivity *c0, size_t j)
{
  size_t P = eis_circuit_n_params (sf->circuit);
  const EisSeriesItem *it = &s->items[j];
  const EisFitResult *r = sf->fits[j];
  const EisConductivity *c = &sf->cond[j];
  double R_int = NAN, asr = eis_series_asr (sf, s, j, &R_int);
  double v[] = { c->R_bulk, c->R_bulk_se, c->R_gb, c->R_gb_se, c->sigma_bulk,
                 c->sigma_bulk_se, c->sigma_gb, c->sigma_gb_se, c->sigma_total,
                 c->sigma_total_se, R_int, isfinite (R_int) ? c->R_interface_se : NAN, asr,
                 isfinite (asr) ? c->asr_per_interface_se : NAN, r ? r->chi2 : NAN };

  csv_string (out, it->file);
  eis_text_buf_printf (out, ",%d", it->number);
  csv_number (out, it->T_K);
  csv_number (out, eis_spectrum_series_time_informative (s) ? it->time_s : NAN);
  for (size_t k = 0; k < P; k++)
    {
      csv_number (out, r ? r->value[k] : NAN);
      csv_number (out, r && !eis_conductivity_is_merged (c, (long) k) ? r->stderr_[k] : NAN);
    }
  for (size_t a = 0; c0 && a < c0->n_arcs; a++)
    {
      const EisArc *arc = NULL;
      for (size_t m = 0; r && m < c->n_arcs; m++)
        if (strcmp (c->arcs[m].label, c0->arcs[a].label) == 0)
          arc = &c->arcs[m];
      csv_number (out, arc ? arc->C_eff : NAN);
      eis_text_buf_printf (out, ",%s", arc ? eis_role_name (arc->role) : "");
    }
  for (size_t q = 0; q < sizeof v / sizeof v[0]; q++)
    csv_number (out, r ? v[q] : NAN);
  eis_text_buf_printf (out, ",%s,", r ? (sf->warm[j] ? "warm" : "multistart") : "");
  csv_string (out, eis_circuit_text (sf->circuit));
  buf_putc (out, ',');
  csv_string (out, sf->changes[j] ? sf->changes[j] : "");
  char tests[1024];
  eis_series_share_tests_text (sf, tests, sizeof tests);
  buf_putc (out, ',');
  csv_string (out, tests);
  /* resistances whose arcs merge here: only their sum is determined */
  char merged[256] = "";
  size_t used = 0;
  for (size_t m = 0; r && m < c->n_merged && used < sizeof merged; m++)
    used += (size_t) snprintf (merged + used, sizeof merged - used, "%s%s", m ? "+" : "",
                               eis_circuit_param_name (sf->circuit, (size_t) c->merged_index[m]));
  buf_putc (out, ',');
  csv_string (out, merged);
  csv_number (out, r && c->n_merged ? c->R_merged : NAN);
  csv_number (out, r && c->n_merged ? c->R_merged_se : NAN);
  buf_putc (out, '\n');
}

static void
csv_table (Buf *out, const EisSpectrumSeries *s, const EisSeriesFit *sf)
{
  size_t n = s->n, P = eis_circuit_n_params (sf->circuit);
  /* arc columns: the labels of the first analysed spectrum (one circuit: the same in all) */
  const EisConductivity *c0 = NULL;

  for (size_t j = 0; j < n && !c0; j++)
    if (sf->fits[j])
      c0 = &sf->cond[j];
  buf_puts (out, "file,spectrum,T_K,time_s");
  for (size_t k = 0; k < P; k++)
    eis_text_buf_printf (out, ",%s,%s_stderr", eis_circuit_param_name (sf->circuit, k),
             eis_circuit_param_name (sf->circuit, k));
  for (size_t a = 0; c0 && a < c0->n_arcs; a++)
    eis_text_buf_printf (out, ",%s_C_eff_F,%s_role", c0->arcs[a].label, c0->arcs[a].label);
  buf_puts (out, ",R_bulk_Ohm,R_bulk_stderr_Ohm,R_gb_Ohm,R_gb_stderr_Ohm,sigma_bulk_S_cm,"
         "sigma_bulk_stderr_S_cm,sigma_gb_S_cm,sigma_gb_stderr_S_cm,sigma_total_S_cm,"
         "sigma_total_stderr_S_cm,R_interface_total_Ohm,R_interface_total_stderr_Ohm,"
         "ASR_per_interface_Ohm_cm2,ASR_per_interface_stderr_Ohm_cm2,chi2,start,"
         "circuit,changes,sharing_tests,merged,R_merged_Ohm,R_merged_stderr_Ohm\n");
  for (size_t j = 0; j < n; j++)
    csv_row (out, s, sf, c0, j);
}

/* ---- both ---- */

typedef struct {
  const EisSpectrumSeries *s;
  const EisSeriesFit *sf;
  const EisGlobalFit *gf;
  const char *const *shared;
  size_t n_shared;
  int csv;
} Output;

/* O in a new string, with C's numbers whatever the locale, or NULL (ERR) when out of memory. */
static char *
dup_output (const Output *o, size_t *len, EisError *err)
{
  Buf b = { 0 };
  locale_t c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  locale_t old = c_numeric ? uselocale (c_numeric) : (locale_t) 0;

  if (o->csv)
    csv_table (&b, o->s, o->sf);
  else
    json_members (&b, o->s, o->sf, o->gf, o->shared, o->n_shared);
  if (c_numeric)
    {
      uselocale (old);
      freelocale (c_numeric);
    }
  if (!b.failed && !b.data)
    {
      b.data = calloc (1, 1);
      b.failed = !b.data;
    }
  if (b.failed)
    {
      free (b.data);
      eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      return NULL;
    }
  if (len)
    *len = b.len;
  return b.data;
}

/* O to OUT: the text built, then written in one piece. */
static int
write_output (FILE *out, const Output *o, EisError *err)
{
  size_t len = 0;
  char *text = dup_output (o, &len, err);
  int st = EIS_OK;

  if (!text)
    return err ? err->code : EIS_ERR_NOMEM;
  if (fwrite (text, 1, len, out) != len || ferror (out))
    st = eis_error_set (err, EIS_ERR_IO, "writing the series' %s failed",
                        o->csv ? "CSV" : "JSON");
  free (text);
  return st;
}

int
eis_series_json_write (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
                       const EisGlobalFit *gf, const char *const *shared, size_t n_shared,
                       EisError *err)
{
  Output o = { s, sf, gf, shared, n_shared, 0 };
  return write_output (out, &o, err);
}

char *
eis_series_json_dup (const EisSpectrumSeries *s, const EisSeriesFit *sf, const EisGlobalFit *gf,
                     const char *const *shared, size_t n_shared, EisError *err)
{
  Output o = { s, sf, gf, shared, n_shared, 0 };
  return dup_output (&o, NULL, err);
}

int
eis_series_csv_write (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
                      EisError *err)
{
  Output o = { s, sf, NULL, NULL, 0, 1 };
  return write_output (out, &o, err);
}

char *
eis_series_csv_dup (const EisSpectrumSeries *s, const EisSeriesFit *sf, EisError *err)
{
  Output o = { s, sf, NULL, NULL, 0, 1 };
  return dup_output (&o, NULL, err);
}
