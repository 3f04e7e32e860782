/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columns of a fitted series' table by name (see series-table.h). */
#include "series-table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const derived[] = { "R_bulk", "R_gb", "R_total", "sigma_bulk", "sigma_gb",
                                       "sigma_total", "R_interface_total",
                                       "ASR_per_interface", "chi2" };
static const char *const derived_unit[] = { "Ohm", "Ohm", "Ohm", "S/cm", "S/cm", "S/cm", "Ohm",
                                            "Ohm cm2", "-" };
#define N_DERIVED (sizeof derived / sizeof derived[0])
#define C_EFF_SUFFIX "_C_eff"

double
eis_series_asr (const EisSeriesFit *f, const EisSpectrumSeries *s, size_t j, double *R_int)
{
  (void) s;
  if (R_int)
    *R_int = NAN;
  if (j >= f->n || f->fits[j] == NULL)
    return NAN;
  /* The engine's reading for this spectrum's cell (eis_conductivity_set_cell): a blocking cell
   * has no interfacial resistance, and only a li-symmetric one an ASR per interface. */
  const EisConductivity *c = &f->cond[j];
  if (R_int)
    *R_int = c->R_interface;
  return c->asr_per_interface;
}

/* The arc of spectrum J whose C_eff NAME names ("R1||C1_C_eff"), or NULL. */
static const EisArc *
c_eff_arc (const EisSeriesFit *f, size_t j, const char *name)
{
  size_t len = strlen (name), sl = strlen (C_EFF_SUFFIX);
  if (len <= sl || strcmp (name + len - sl, C_EFF_SUFFIX) != 0 || f->fits[j] == NULL)
    return NULL;
  const EisConductivity *c = &f->cond[j];
  for (size_t a = 0; a < c->n_arcs; a++)
    if (strlen (c->arcs[a].label) == len - sl && strncmp (c->arcs[a].label, name, len - sl) == 0)
      return &c->arcs[a];
  return NULL;
}

/* 1 when NAME is an arc's C_eff in some spectrum of F. */
static int
is_c_eff (const EisSeriesFit *f, const char *name)
{
  for (size_t j = 0; j < f->n; j++)
    if (c_eff_arc (f, j, name))
      return 1;
  return 0;
}

int
eis_series_quantity_in_sum (const EisSeriesFit *f, size_t j, const char *name)
{
  long k = eis_circuit_param_index (f->circuit, name);
  return k >= 0 && j < f->n && f->fits[j] && f->cond
         && eis_conductivity_is_merged (&f->cond[j], k);
}

int
eis_series_quantity (const EisSeriesFit *f, const EisSpectrumSeries *s, size_t j,
                     const char *name, double *v, double *se)
{
  double dummy;
  if (se == NULL)
    se = &dummy;
  *v = *se = NAN;
  long k = eis_circuit_param_index (f->circuit, name);
  const EisFitResult *r = j < f->n ? f->fits[j] : NULL;
  if (k >= 0)
    {
      /* a resistance merged with another's arc has no error of its own (its sum has) */
      if (r)
        *v = r->value[k], *se = f->cond && eis_conductivity_is_merged (&f->cond[j], k)
                                ? NAN : r->stderr_[k];
      return 1;
    }
  size_t q;
  for (q = 0; q < N_DERIVED; q++)
    if (strcmp (name, derived[q]) == 0)
      break;
  if (q == N_DERIVED)
    {
      if (!is_c_eff (f, name))
        return 0;
      const EisArc *a = r ? c_eff_arc (f, j, name) : NULL;
      if (a)
        *v = a->C_eff, *se = a->C_eff_se;
      return 1;
    }
  if (r == NULL)
    return 1;
  const EisConductivity *c = &f->cond[j];
  switch (q)
    {
    case 0: *v = c->R_bulk, *se = c->R_bulk_se; break;
    case 1: *v = c->R_gb, *se = c->R_gb_se; break;
    case 2: *v = c->R_total, *se = c->R_total_se; break;
    case 3: *v = c->sigma_bulk, *se = c->sigma_bulk_se; break;
    case 4: *v = c->sigma_gb, *se = c->sigma_gb_se; break;
    case 5: *v = c->sigma_total, *se = c->sigma_total_se; break;
    case 6: *v = c->R_interface, *se = c->R_interface_se; break;
    case 7: *v = c->asr_per_interface, *se = c->asr_per_interface_se; break;
    default: *v = r->chi2; break;
    }
  return 1;
}

const char *
eis_series_quantity_unit (const EisSeriesFit *f, const char *name)
{
  long k = eis_circuit_param_index (f->circuit, name);
  if (k >= 0)
    return eis_circuit_param_unit (f->circuit, (size_t) k);
  for (size_t q = 0; q < N_DERIVED; q++)
    if (strcmp (name, derived[q]) == 0)
      return derived_unit[q];
  return is_c_eff (f, name) ? "F" : NULL;
}

const char *
eis_series_quantity_label (const char *name, char *buf, size_t size)
{
  static const char *const label[N_DERIVED] = { "R_bulk", "R_gb", "R_total", "σ_bulk",
                                                "σ_gb (apparent)", "σ_total",
                                                "R interface, total", "ASR per interface",
                                                "χ²" };
  size_t len = strlen (name), sl = strlen (C_EFF_SUFFIX);
  for (size_t q = 0; q < N_DERIVED; q++)
    if (strcmp (name, derived[q]) == 0)
      {
        snprintf (buf, size, "%s", label[q]);
        return buf;
      }
  if (len > sl && strcmp (name + len - sl, C_EFF_SUFFIX) == 0)
    snprintf (buf, size, "C_eff, %.*s", (int) (len - sl), name);
  else
    snprintf (buf, size, "%s", name);
  return buf;
}

size_t
eis_series_quantities (const EisSeriesFit *f, EisSeriesQuantityName *names, size_t max)
{
  size_t n = 0, P = eis_circuit_n_params (f->circuit);
#define ADD(...)                                                    \
  do                                                                \
    {                                                               \
      if (n < max)                                                  \
        snprintf (names[n], sizeof names[n], __VA_ARGS__);          \
      n++;                                                          \
    }                                                               \
  while (0)
  for (size_t k = 0; k < P; k++)
    ADD ("%s", eis_circuit_param_name (f->circuit, k));
  for (size_t q = 0; q < N_DERIVED; q++)
    ADD ("%s", derived[q]);
  for (size_t j = 0; j < f->n; j++)
    if (f->fits[j])
      {
        for (size_t a = 0; a < f->cond[j].n_arcs; a++)
          ADD ("%s" C_EFF_SUFFIX, f->cond[j].arcs[a].label);
        break;
      }
#undef ADD
  return n;
}

size_t
eis_series_default_trends (const EisSeriesFit *f, const EisSpectrumSeries *s,
                           EisSeriesQuantityName *names, size_t max)
{
  int interfacial = 0;
  size_t n = 0, P = eis_circuit_n_params (f->circuit);
  int per_interface = 0;
  for (size_t j = 0; j < f->n; j++)
    {
      double R_int;
      per_interface |= isfinite (eis_series_asr (f, s, j, &R_int));
      interfacial |= isfinite (R_int);
    }
  if (interfacial)
    {
      /* A Li|electrolyte|Li cell: the electrolyte's resistance (R_total: the intercept, with
       * no electrolyte arc beyond it, holds bulk and grain boundary), the interfaces' and,
       * with the area of a li-symmetric cell, the ASR of one interface. */
      static const char *const li[] = { "R_total", "R_interface_total", "ASR_per_interface" };
      for (size_t q = 0; q < (per_interface ? 3u : 2u) && n < max; q++)
        snprintf (names[n++], sizeof names[0], "%s", li[q]);
      return n;
    }
  for (size_t k = 0; k < P && n < max; k++)
    if (strcmp (eis_circuit_param_unit (f->circuit, k), "Ohm") == 0)
      snprintf (names[n++], sizeof names[0], "%s", eis_circuit_param_name (f->circuit, k));
  return n;
}
