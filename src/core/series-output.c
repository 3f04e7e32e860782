/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON of a fitted series (see series-output.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream, uselocale */

#include "series-output.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "series-table.h"

/* S as a JSON string literal. */
static void
json_string (FILE *out, const char *s)
{
  fputc ('"', out);
  for (const unsigned char *p = (const unsigned char *) (s ? s : ""); *p; p++)
    switch (*p)
      {
      case '"': fputs ("\\\"", out); break;
      case '\\': fputs ("\\\\", out); break;
      case '\n': fputs ("\\n", out); break;
      case '\r': fputs ("\\r", out); break;
      case '\t': fputs ("\\t", out); break;
      default:
        if (*p < 0x20)
          fprintf (out, "\\u%04x", *p);
        else
          fputc (*p, out);
      }
  fputc ('"', out);
}

/* X with ten significant digits, null when not finite. */
static void
json_number (FILE *out, double x)
{
  if (isfinite (x))
    fprintf (out, "%.10g", x);
  else
    fputs ("null", out);
}

/* ", \"KEY\": X" */
static void
json_key_number (FILE *out, const char *key, double x)
{
  fprintf (out, ", \"%s\": ", key);
  json_number (out, x);
}

/* The names given, and those the joint fit shared because the series fit held them. */
static void
write_shared (FILE *out, const EisSeriesFit *sf, const EisGlobalFit *gf,
              const char *const *shared, size_t n_shared)
{
  size_t P = eis_circuit_n_params (sf->circuit), ns = 0;

  fputs (",\n \"shared\": [", out);
  for (size_t q = 0; q < n_shared; q++)
    {
      fputs (ns++ ? ", " : "", out);
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
      fputs (ns++ ? ", " : "", out);
      json_string (out, nm);
    }
  fputs ("]", out);
  if (gf)
    {
      fprintf (out, ",\n \"joint\": {\"converged\": %s", gf->converged ? "true" : "false");
      json_key_number (out, "chi2", gf->chi2);
      json_key_number (out, "reduced_chi2", gf->reduced_chi2);
      json_key_number (out, "bic", gf->bic);
      fprintf (out, ", \"unknowns\": %zu}", gf->n_free);
    }
}

/* ARC's label: VALUE for each arc of C (ROLE: its role, else its C_eff). */
static void
write_arcs (FILE *out, const EisConductivity *c, int fitted, int role)
{
  for (size_t a = 0; fitted && a < c->n_arcs; a++)
    {
      fputs (a ? ", " : "", out);
      json_string (out, c->arcs[a].label);
      fputs (": ", out);
      if (role)
        json_string (out, eis_role_name (c->arcs[a].role));
      else
        json_number (out, c->arcs[a].C_eff);
    }
}

/* Spectrum J of the series. */
static void
write_spectrum (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf, size_t j)
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

  fprintf (out, "%s\n  {\"file\": ", j ? "," : "");
  json_string (out, it->file);
  fprintf (out, ", \"spectrum\": %d, \"T_K\": ", it->number);
  json_number (out, it->T_K);
  json_key_number (out, "time_s", it->time_s);
  fputs (",\n   \"parameters\": [", out);
  for (size_t k = 0; k < P; k++)
    {
      fputs (k ? ", {\"name\": " : "{\"name\": ", out);
      json_string (out, eis_circuit_param_name (sf->circuit, k));
      json_key_number (out, "value", r ? r->value[k] : NAN);
      json_key_number (out, "stderr", r ? r->stderr_[k] : NAN);
      fputs (sf->held[j * P + k] ? ", \"held\": true}" : "}", out);
    }
  fputs ("],\n   \"R_bulk\": ", out);
  json_number (out, r ? c->R_bulk : NAN);
  for (size_t q = 0; q < sizeof v / sizeof v[0]; q++)
    json_key_number (out, keys[q], r ? v[q] : NAN);
  json_key_number (out, "R_interface_total", R_int);
  json_key_number (out, "ASR_per_interface_ohm_cm2", asr);
  fputs (",\n   \"roles\": {", out);
  write_arcs (out, c, r != NULL, 1);
  fputs ("}, \"C_eff\": {", out);
  write_arcs (out, c, r != NULL, 0);
  fputs ("},\n   \"chi2\": ", out);
  json_number (out, r ? r->chi2 : NAN);
  fprintf (out, ", \"warm_start\": %s, \"changes\": [", sf->warm[j] ? "true" : "false");
  /* the changes, "; "-separated in the fit, one string each */
  for (const char *p = sf->changes[j] && sf->changes[j][0] ? sf->changes[j] : NULL; p;)
    {
      const char *e = strstr (p, "; ");
      size_t len = e ? (size_t) (e - p) : strlen (p);
      char *one = strndup (p, len);

      fputs (p == sf->changes[j] ? "" : ", ", out);
      json_string (out, one ? one : "");
      free (one);
      p = e ? e + 2 : NULL;
    }
  fputs ("]}", out);
}

/* The members of the series' JSON object. */
static void
json_members (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
              const EisGlobalFit *gf, const char *const *shared, size_t n_shared)
{
  fputs ("\"circuit\": ", out);
  json_string (out, eis_circuit_text (sf->circuit));
  fputs (",\n \"why\": ", out);
  json_string (out, sf->why);
  fputs (",\n \"candidates\": [", out);
  for (size_t i = 0; i < sf->n_candidates; i++)
    {
      const EisSeriesCandidate *cd = &sf->candidates[i];
      fprintf (out, "%s\n   {\"circuit\": ", i ? "," : "");
      json_string (out, cd->circuit);
      json_key_number (out, "bic_sum", cd->bic_sum);
      fprintf (out, ", \"ok\": %zu, \"not_ok\": ", cd->n_ok);
      json_string (out, cd->why_not);
      fputs ("}", out);
    }
  fputs ("],\n \"order_by\": ", out);
  json_string (out, eis_series_order_name (s->order_by));
  write_shared (out, sf, gf, shared, n_shared);
  fputs (",\n \"spectra\": [", out);
  for (size_t j = 0; j < s->n; j++)
    write_spectrum (out, s, sf, j);
  fputs ("],\n \"warnings\": [", out);
  for (size_t w = 0; w < sf->n_warnings; w++)
    {
      fputs (w ? ", " : "", out);
      json_string (out, sf->warnings[w]);
    }
  fputs ("]", out);
}

/* ---- CSV ---- */

/* TEXT as a CSV field (RFC 4180), quoted when it holds a comma, a quote or a line end. */
static void
csv_string (FILE *out, const char *text)
{
  if (!strpbrk (text, ",\"\n"))
    {
      fputs (text, out);
      return;
    }
  fputc ('"', out);
  for (; *text; text++)
    {
      if (*text == '"')
        fputc ('"', out);
      fputc (*text, out);
    }
  fputc ('"', out);
}

/* ",X" with ten significant digits; "," when X is not finite. */
static void
csv_number (FILE *out, double x)
{
  if (isfinite (x))
    fprintf (out, ",%.10g", x);
  else
    fputc (',', out);
}

static void
csv_row (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf,
         const EisConductivity *c0, size_t j)
{
  size_t P = eis_circuit_n_params (sf->circuit);
  const EisSeriesItem *it = &s->items[j];
  const EisFitResult *r = sf->fits[j];
  const EisConductivity *c = &sf->cond[j];
  double R_int = NAN, asr = eis_series_asr (sf, s, j, &R_int);
  double v[] = { c->R_bulk, c->R_bulk_se, c->R_gb, c->R_gb_se, c->sigma_bulk,
                 c->sigma_bulk_se, c->sigma_gb, c->sigma_gb_se, c->sigma_total,
                 c->sigma_total_se, R_int, asr, r ? r->chi2 : NAN };

  csv_string (out, it->file);
  fprintf (out, ",%d", it->number);
  csv_number (out, it->T_K);
  csv_number (out, it->time_s);
  for (size_t k = 0; k < P; k++)
    {
      csv_number (out, r ? r->value[k] : NAN);
      csv_number (out, r ? r->stderr_[k] : NAN);
    }
  for (size_t a = 0; c0 && a < c0->n_arcs; a++)
    {
      const EisArc *arc = NULL;
      for (size_t m = 0; r && m < c->n_arcs; m++)
        if (strcmp (c->arcs[m].label, c0->arcs[a].label) == 0)
          arc = &c->arcs[m];
      csv_number (out, arc ? arc->C_eff : NAN);
      fprintf (out, ",%s", arc ? eis_role_name (arc->role) : "");
    }
  for (size_t q = 0; q < sizeof v / sizeof v[0]; q++)
    csv_number (out, r ? v[q] : NAN);
  fprintf (out, ",%s,", r ? (sf->warm[j] ? "warm" : "multistart") : "");
  csv_string (out, eis_circuit_text (sf->circuit));
  fputc (',', out);
  csv_string (out, sf->changes[j] ? sf->changes[j] : "");
  fputc ('\n', out);
}

static void
csv_table (FILE *out, const EisSpectrumSeries *s, const EisSeriesFit *sf)
{
  size_t n = s->n, P = eis_circuit_n_params (sf->circuit);
  /* arc columns: the labels of the first analysed spectrum (one circuit: the same in all) */
  const EisConductivity *c0 = NULL;

  for (size_t j = 0; j < n && !c0; j++)
    if (sf->fits[j])
      c0 = &sf->cond[j];
  fputs ("file,spectrum,T_K,time_s", out);
  for (size_t k = 0; k < P; k++)
    fprintf (out, ",%s,%s_stderr", eis_circuit_param_name (sf->circuit, k),
             eis_circuit_param_name (sf->circuit, k));
  for (size_t a = 0; c0 && a < c0->n_arcs; a++)
    fprintf (out, ",%s_C_eff_F,%s_role", c0->arcs[a].label, c0->arcs[a].label);
  fputs (",R_bulk_Ohm,R_bulk_stderr_Ohm,R_gb_Ohm,R_gb_stderr_Ohm,sigma_bulk_S_cm,"
         "sigma_bulk_stderr_S_cm,sigma_gb_S_cm,sigma_gb_stderr_S_cm,sigma_total_S_cm,"
         "sigma_total_stderr_S_cm,R_interface_total_Ohm,ASR_per_interface_Ohm_cm2,chi2,start,"
         "circuit,changes\n",
         out);
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

/* O to OUT with C's numbers, whatever the locale. */
static int
write_output (FILE *out, const Output *o, EisError *err)
{
  locale_t c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  locale_t old = c_numeric ? uselocale (c_numeric) : (locale_t) 0;

  if (o->csv)
    csv_table (out, o->s, o->sf);
  else
    json_members (out, o->s, o->sf, o->gf, o->shared, o->n_shared);
  if (c_numeric)
    {
      uselocale (old);
      freelocale (c_numeric);
    }
  if (ferror (out))
    return eis_error_set (err, EIS_ERR_IO, "writing the series' %s failed",
                          o->csv ? "CSV" : "JSON");
  return EIS_OK;
}

/* O in a new string, or NULL (ERR) when out of memory. */
static char *
dup_output (const Output *o, EisError *err)
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&text, &len);
  int st;

  if (!out)
    {
      eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      return NULL;
    }
  st = write_output (out, o, err);
  if (fclose (out) != 0 || st != EIS_OK)
    {
      free (text);
      if (st == EIS_OK)
        eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      return NULL;
    }
  return text;
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
  return dup_output (&o, err);
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
  return dup_output (&o, err);
}
