/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Arrhenius data of the selected spectra (see eisfit-arrhenius-data.h). */
#include <config.h>

#include "eisfit-arrhenius-data.h"

#include <math.h>
#include <string.h>

#include "circuit.h"
#include "conductivity.h"
#include "series-arrhenius.h"

void
eisfit_arrhenius_data_clear (EisfitArrheniusData *a)
{
  g_free (a->t);
  g_free (a->sb);
  g_free (a->sb_se);
  g_free (a->st);
  g_free (a->st_se);
  g_free (a->sb_se_fit);
  g_free (a->st_se_fit);
  g_free (a->items);
  g_free (a->why_not);
  g_free (a->used);
  g_free (a->left_out);
  g_free (a->total_only);
  g_free (a->edited);
}

void
eisfit_arrhenius_data_collect (EisfitDocument *document, GPtrArray *items,
                               EisfitArrheniusData *a)
{
  EisGeometry geom = { 0 };
  gboolean have_geom;
  EisError err = { 0 };
  guint i, n_fitted = 0, n_temp = 0, n_geom = 0;
  g_autoptr (GString) used = g_string_new (NULL);
  g_autoptr (GString) left = g_string_new (NULL);
  g_autoptr (GPtrArray) circuits = g_ptr_array_new_with_free_func (g_free);
  g_autofree EisGeometry *geoms = g_new (EisGeometry, items->len + 1);
  g_autofree const EisGeometry **geom_of = g_new (const EisGeometry *, items->len + 1);

  memset (a, 0, sizeof *a);
  a->t = g_new (double, items->len + 1);
  a->sb = g_new (double, items->len + 1);
  a->sb_se = g_new (double, items->len + 1);
  a->st = g_new (double, items->len + 1);
  a->st_se = g_new (double, items->len + 1);
  a->sb_se_fit = g_new (double, items->len + 1);
  a->st_se_fit = g_new (double, items->len + 1);
  a->items = g_new (EisfitSpectrumItem *, items->len + 1);
  have_geom = FALSE;
  for (i = 0; i < items->len && !have_geom; i++)
    have_geom = eisfit_spectrum_item_get_cell_geometry (g_ptr_array_index (items, i), &geom);
  if (!have_geom)
    {
      a->why_not = g_strdup ("Enter the thickness and the diameter or area (right) to get "
                             "conductivities.");
      return;
    }
  for (i = 0; i < items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);
      const EisSpectrum *s = eisfit_spectrum_item_get_spectrum (item);
      EisConductivity c;
      g_autofree char *name = eisfit_spectrum_item_dup_name (item);
      const char *why = NULL;
      g_autofree char *dup_why = NULL;

      if (!eisfit_spectrum_item_get_fit (item))
        why = "not fitted";
      else if (n_fitted++, !isfinite (s->temperature_k))
        why = "no temperature";
      else if (n_temp++, !eisfit_spectrum_item_get_cell_geometry (item, &geom))
        why = "no geometry";
      else if (n_geom++, !eisfit_spectrum_item_conductivity (item, &geom, &c, &err)
               || !isfinite (c.sigma_total) || c.sigma_total <= 0)
        why = "no conductivity from its fit";
      else
        /* the same data opened twice (or a copy) is one measurement, not two points: it would
         * halve Ea's error (a hostile review); eisfit arrhenius refuses it */
        for (size_t k = 0; k < a->n && !why; k++)
          if (eis_spectrum_same_data (eisfit_spectrum_item_get_spectrum (a->items[k]), s))
            {
              g_autofree char *other = eisfit_spectrum_item_dup_name (a->items[k]);

              g_free (dup_why);
              dup_why = g_strdup_printf ("the same data as %s: counted once", other);
              why = dup_why;
            }
      if (why)
        {
          g_string_append_printf (left, "%s%s (%s)", left->len ? ", " : "", name, why);
          continue;
        }
      g_string_append_printf (used, "%s%s (%.4g °C)", used->len ? ", " : "", name,
                              s->temperature_k - 273.15);
      {
        const char *ct = eis_circuit_text (eisfit_spectrum_item_get_circuit (item));
        guint k;

        for (k = 0; k < circuits->len && strcmp (g_ptr_array_index (circuits, k), ct) != 0; k++)
          ;
        if (k == circuits->len)
          g_ptr_array_add (circuits, g_strdup (ct));
      }
      if (!a->edited)
        {
          gboolean edited;

          /* the table's model is this spectrum's, typed over since its fit */
          eisfit_document_get_model (document, item, NULL, &edited);
          if (edited)
            a->edited = g_strdup (name);
        }
      /* a fit adopted from the Series page (Use these fits) keeps the series' roles until the
       * spectrum is fitted again; a joint fit says so in its message too
       * (eis_series_fit_take_global) */
      if (eisfit_spectrum_item_get_series_roles (item)
          || g_str_has_prefix (eisfit_spectrum_item_get_fit (item)->message,
                               "joint fit of the series"))
        a->n_joint++;
      a->t[a->n] = s->temperature_k;
      a->sb[a->n] = c.sigma_bulk;
      a->sb_se[a->n] = c.sigma_bulk_se;
      a->st[a->n] = c.sigma_total;
      a->st_se[a->n] = c.sigma_total_se;
      a->items[a->n] = item;
      geoms[a->n] = geom;
      geom_of[a->n] = &geoms[a->n];
      if (isfinite (c.sigma_gb))
        a->n_gb++;
      a->n++;
    }
  a->used = g_strdup (used->str);
  a->left_out = left->len ? g_strdup (left->str) : NULL;
  a->n_circuits = circuits->len;
  if (a->n < 2)
    {
      /* name the step at which the spectra fall short: fit, temperature, geometry, σ */
      g_autoptr (GString) w = g_string_new (NULL);

      g_string_append_printf (w, "Select two or more fitted spectra measured at different "
                              "temperatures (selected: %u, fitted: %u, with a temperature: %u, "
                              "with a geometry: %u", items->len, n_fitted, n_temp, n_geom);
      if (n_geom > a->n)
        g_string_append_printf (w, ", with a conductivity: %zu", a->n);
      g_string_append (w, "). ");
      if (n_fitted < 2)
        g_string_append (w, "Fit them with “Fit all”.");
      else if (n_temp < 2)
        g_string_append (w, "Type a missing temperature under Temperature (right).");
      else if (n_geom < 2)
        g_string_append (w, "Type the thickness and diameter (or area) of each spectrum’s file "
                            "under Geometry (right) or in File Properties.");
      else
        g_string_append (w, "Their fits give no conductivity: see the panel (right).");
      a->why_not = g_strdup (w->str);
      return;
    }
  /* one pellet's geometry error is common to every point: the laws are fitted to the fits'
   * errors alone, and it is added to ln A and sigma(25 degC) after (as eisfit arrhenius and
   * the Series page) */
  a->geometry_error = eis_common_geometry_error (geom_of, a->n);
  for (size_t k = 0; k < a->n; k++)
    {
      a->sb_se_fit[k] = eis_sigma_se_without_geometry (a->sb[k], a->sb_se[k], a->geometry_error);
      a->st_se_fit[k] = eis_sigma_se_without_geometry (a->st[k], a->st_se[k], a->geometry_error);
    }
  a->have_total = eis_arrhenius_fit (a->t, a->st, a->st_se_fit, a->n, EIS_ARRHENIUS_SIGMA, NAN,
                                     &a->fit_total, &err) == EIS_OK;
  a->distinct = a->n_gb > 0;
  if (a->distinct)
    {
      /* the bulk line through the spectra that give a bulk conductivity (the others, where
       * bulk and grain boundary are not separated, only in the total), as eisfit arrhenius */
      g_autofree double *tb = g_new (double, a->n);
      g_autofree double *sb = g_new (double, a->n);
      g_autofree double *se = g_new (double, a->n);
      g_autoptr (GString) only = g_string_new (NULL);
      size_t nb = 0;

      for (size_t k = 0; k < a->n; k++)
        if (isfinite (a->sb[k]) && a->sb[k] > 0)
          {
            tb[nb] = a->t[k];
            sb[nb] = a->sb[k];
            se[nb++] = a->sb_se_fit[k];
          }
        else
          {
            g_autofree char *name = eisfit_spectrum_item_dup_name (a->items[k]);

            g_string_append_printf (only, "%s%s", only->len ? ", " : "", name);
            a->n_total_only++;
          }
      if (only->len)
        a->total_only = g_strdup (only->str);
      a->have_bulk = nb >= 2 && eis_arrhenius_fit (tb, sb, se, nb, EIS_ARRHENIUS_SIGMA, NAN,
                                                   &a->fit_bulk, &err) == EIS_OK;
    }
  if (a->have_total)
    eis_arrhenius_add_geometry_error (&a->fit_total, a->geometry_error);
  else
    a->why_not = g_strdup (err.message);
  if (a->have_bulk)
    eis_arrhenius_add_geometry_error (&a->fit_bulk, a->geometry_error);
}

const char *
eisfit_arrhenius_data_source (const EisfitArrheniusData *a, const char **text)
{
  /* eisfit arrhenius fits the spectra as one series: its Ea is that of "series" */
  if (a->n_joint == 0 || a->n_joint < a->n)
    {
      if (text)
        *text = a->n_joint == 0
          ? "These are each spectrum's own fits, not a series fit: eisfit arrhenius fits a "
            "temperature series with one circuit and the slow parameters shared where the data "
            "accept it, and its Ea may differ. Fit the series on the Series page (with the "
            "Arrhenius law) and press Use these fits to plot its fits here."
          : "These are partly the Series page's fits and partly the spectra's own fits "
            "(fitted since): eisfit arrhenius fits the series as one, and its Ea may differ. "
            "Press Use these fits on the Series page again to plot only its fits here.";
      return a->n_joint == 0 ? "own" : "mixed";
    }
  if (text)
    *text = "These are the Series page's fits of the series (Use these fits), as eisfit arrhenius fits it.";
  return "series";
}
