/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The side panel's conductivity of the current spectrum's fit (R and sigma of bulk and grain
 * boundary, with errors, notes and cautions) and its arcs (R, C_eff, role), from the engine's
 * eis_conductivity (src/core/conductivity.c). Moved out of eisfit-window.c. */
#include <config.h>

#include "eisfit-conductivity-panel.h"
#include "eisfit-text.h"

#include <math.h>

#include "eisfit-param-table.h"

struct _EisfitConductivityPanel {
  GtkBox parent_instance;

  GtkWidget *sigma_grid;
  GtkWidget *arcs_grid;
  char *summary;          /* the headline of the last _show (see _get_summary); NULL: none */
};

G_DEFINE_FINAL_TYPE (EisfitConductivityPanel, eisfit_conductivity_panel, GTK_TYPE_BOX)

char *
eisfit_format_si (double x, const char *unit)
{
  static const struct { double f; const char *p; } pre[] = {
    { 1e9, "G" }, { 1e6, "M" }, { 1e3, "k" }, { 1, "" }, { 1e-3, "m" }, { 1e-6, "µ" }, { 1e-9, "n" },
  };
  size_t i;

  for (i = 0; i < G_N_ELEMENTS (pre); i++)
    if (fabs (x) >= pre[i].f * 0.9999)
      return g_strdup_printf ("%.4g %s%s", x / pre[i].f, pre[i].p, unit);
  return g_strdup_printf ("%.4g %s", x, unit);
}

static void
grid_clear (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)))
    gtk_grid_remove (GTK_GRID (grid), child);
}

static void
grid_cell (GtkWidget *grid, int col, int row, const char *text, gboolean heading)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_selectable (GTK_LABEL (l), !heading);
  gtk_widget_add_css_class (l, heading ? "heading" : "numeric");
  if (!heading)
    {
      /* a narrow panel wraps "2.426e-05 ± 2.3e-08 S/cm (0.1 %)" rather than clipping it */
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
    }
  gtk_grid_attach (GTK_GRID (grid), l, col, row, 1, 1);
}

static char *
value_pm (double x, double se, const char *unit)
{
  if (!isfinite (x))
    return g_strdup ("—");
  gboolean sci = fabs (x) < 1e-2; /* conductivities: 2.070e-04 S/cm */

  if (isfinite (se) && se > 0)
    {
      g_autofree char *rel = eisfit_rel_error_text (x, se);

      return sci ? g_strdup_printf ("%.3e ± %.1e %s (%s)", x, se, unit, rel)
                 : g_strdup_printf ("%.4g ± %.2g %s (%s)", x, se, unit, rel);
    }
  return sci ? g_strdup_printf ("%.3e %s", x, unit) : g_strdup_printf ("%.4g %s", x, unit);
}

/* A wrapped line of text across the conductivity grid at ROW (CSS_CLASS: NULL, "dim-label" for
 * a note, "warning" for a caution; notes and cautions in the smaller caption type). */
static void
sigma_note (EisfitConductivityPanel *self, const char *text, const char *css_class, int row)
{
  /* the engine's notes and cautions typeset as the rest of the window ("cm⁻¹", "Ω", "cm²",
   * "≥", "σ total"), so that one panel does not give both spellings (gui-audit finding 15) */
  g_autofree char *shown = eisfit_typeset (text);
  GtkWidget *l = gtk_label_new (shown);

  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 55);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  if (css_class)
    {
      gtk_widget_add_css_class (l, css_class);
      gtk_widget_add_css_class (l, "caption");
    }
  gtk_grid_attach (GTK_GRID (self->sigma_grid), l, 0, row, 2, 1);
}

void
eisfit_conductivity_panel_show (EisfitConductivityPanel *self, EisfitSpectrumItem *item,
                                const EisGeometry *geom, gboolean stale)
{
  EisConductivity c;
  EisError err = { 0 };
  size_t i;

  grid_clear (self->sigma_grid);
  grid_clear (self->arcs_grid);
  g_clear_pointer (&self->summary, g_free);
  if (item && eisfit_spectrum_item_get_refusal (item))
    {
      /* Z' < 0 everywhere or noise: no fit, no sigma (the fit summary above says why, as
       * eisfit refuses it) */
      sigma_note (self, "⚠ No conductivity: eisfit refuses this spectrum (Z' < 0 everywhere, "
                        "or noise), see above.", "warning", 0);
      return;
    }
  if (!item || !eisfit_spectrum_item_get_fit (item))
    {
      grid_cell (self->sigma_grid, 0, 0, "Fit the spectrum to see conductivities.", FALSE);
      return;
    }
  if (!eisfit_spectrum_item_conductivity (item, geom, &c, &err))
    {
      grid_cell (self->sigma_grid, 0, 0, err.message, FALSE);
      return;
    }
  {
    g_autofree char *rb = value_pm (c.R_bulk, c.R_bulk_se, "Ω");
    g_autofree char *rgb = value_pm (c.R_gb, c.R_gb_se, "Ω");
    g_autofree char *sb = value_pm (c.sigma_bulk, c.sigma_bulk_se, "S/cm");
    g_autofree char *sg = value_pm (c.sigma_gb, c.sigma_gb_se, "S/cm");
    g_autofree char *st = value_pm (c.sigma_total, c.sigma_total_se, "S/cm");
    g_autofree char *ssp = value_pm (c.sigma_gb_specific, c.sigma_gb_specific_se, "S/cm");
    int row = 0;

    if (stale)
      sigma_note (self, "⚠ From the last fit, not from the values edited since: press Fit to "
                        "update.", "warning", row++);
    /* the headline the side panel shows above the parameter table */
    if (c.have_geometry && isfinite (c.sigma_total))
      self->summary = isfinite (c.sigma_bulk) && isfinite (c.R_gb)
        ? g_strdup_printf ("σ total %s\nσ bulk %s%s", st, sb, stale ? " (last fit)" : "")
        : g_strdup_printf ("σ total %s%s", st, stale ? " (last fit)" : "");
    else if (isfinite (c.R_total))
      {
        g_autofree char *rt = value_pm (c.R_total, c.R_total_se, "Ω");
        self->summary = c.have_geometry
          ? g_strdup_printf ("R total %s%s: no σ from it (see the cautions)", rt,
                             stale ? " (last fit)" : "")
          : g_strdup_printf ("R total %s%s: thickness and diameter give σ", rt,
                             stale ? " (last fit)" : "");
      }
    grid_cell (self->sigma_grid, 0, row, "R bulk", TRUE);
    grid_cell (self->sigma_grid, 1, row++, rb, FALSE);
    grid_cell (self->sigma_grid, 0, row, "R grain boundary", TRUE);
    grid_cell (self->sigma_grid, 1, row++, rgb, FALSE);
    if (c.have_geometry)
      {
        grid_cell (self->sigma_grid, 0, row, "σ bulk", TRUE);
        grid_cell (self->sigma_grid, 1, row++, sb, FALSE);
        grid_cell (self->sigma_grid, 0, row, "σ gb, apparent", TRUE);
        grid_cell (self->sigma_grid, 1, row++, sg, FALSE);
        if (isfinite (c.sigma_gb_specific))
          {
            grid_cell (self->sigma_grid, 0, row, "σ gb, brick layer", TRUE);
            grid_cell (self->sigma_grid, 1, row++, ssp, FALSE);
          }
        grid_cell (self->sigma_grid, 0, row, "σ total", TRUE);
        grid_cell (self->sigma_grid, 1, row++, st, FALSE);
      }
    /* the interface as the file's cell type reads it (File Properties) */
    if (c.cell == EIS_CELL_LI_SYMMETRIC || isfinite (c.R_interface))
      {
        g_autofree char *ri = value_pm (c.R_interface, c.R_interface_se, "Ω");
        g_autofree char *asr = value_pm (c.asr_per_interface, c.asr_per_interface_se, "Ω cm²");

        grid_cell (self->sigma_grid, 0, row, "R interface (total)", TRUE);
        grid_cell (self->sigma_grid, 1, row++, ri, FALSE);
        if (c.cell == EIS_CELL_LI_SYMMETRIC)
          {
            grid_cell (self->sigma_grid, 0, row, "ASR per interface", TRUE);
            grid_cell (self->sigma_grid, 1, row++, isfinite (c.asr_per_interface) ? asr
                       : "— (needs the electrode area)", FALSE);
          }
      }
    if (c.interface_source[0] && (c.cell != EIS_CELL_UNSPECIFIED || isfinite (c.R_interface)))
      {
        g_autofree char *src = c.cell == EIS_CELL_LI_SYMMETRIC
          ? g_str_has_prefix (c.interface_source, "none: ")
            ? g_strdup_printf ("Li|electrolyte|Li: R interface not given: %s",
                               c.interface_source + 6)
            : g_strdup_printf ("Li|electrolyte|Li: R interface from %s, both interfaces; "
                               "ASR = R A / 2 for one", c.interface_source)
          : c.cell == EIS_CELL_UNSPECIFIED
          ? g_strdup_printf ("R interface from %s; set the cell type to Li|electrolyte|Li in "
                             "File Properties for the ASR per interface", c.interface_source)
          : g_strdup_printf ("Blocking electrodes: no interfacial resistance (the "
                             "low-frequency spike is their double layer)");

        sigma_note (self, src, "dim-label", row++);
      }
    if (c.bulk_source[0])
      {
        /* "none: why" (the core's source when there is no R_bulk) reads "not given: why" */
        g_autofree char *src = g_str_has_prefix (c.bulk_source, "none: ")
          ? g_strdup_printf ("R bulk not given: %s", c.bulk_source + 6)
          : g_strdup_printf ("R bulk from the %s", c.bulk_source);

        sigma_note (self, src, NULL, row++);
      }
    if (c.note[0])
      sigma_note (self, c.note, "dim-label", row++);
    for (i = 0; i < c.n_cautions; i++)
      {
        g_autofree char *t = g_strdup_printf ("⚠ %s", c.cautions[i]);

        sigma_note (self, t, "warning", row++);
      }
  }
  gtk_widget_set_opacity (self->arcs_grid, stale ? 0.5 : 1.0);
  grid_cell (self->arcs_grid, 0, 0, "Element", TRUE);
  grid_cell (self->arcs_grid, 1, 0, "R", TRUE);
  grid_cell (self->arcs_grid, 2, 0, "C_eff", TRUE);
  grid_cell (self->arcs_grid, 3, 0, "Role", TRUE);
  for (i = 0; i < c.n_arcs; i++)
    {
      const EisArc *arc = &c.arcs[i];
      g_autofree char *r = isfinite (arc->R) ? eisfit_format_si (arc->R, "Ω") : g_strdup ("—");
      g_autofree char *ce = isfinite (arc->C_eff) ? g_strdup_printf ("%.3g F", arc->C_eff)
                                                  : g_strdup ("—");
      g_autofree char *role = g_strdup (eis_arc_role_name (arc));

      g_strdelimit (role, "_", ' ');
      grid_cell (self->arcs_grid, 0, (int) i + 1, arc->label, FALSE);
      grid_cell (self->arcs_grid, 1, (int) i + 1, r, FALSE);
      grid_cell (self->arcs_grid, 2, (int) i + 1, ce, FALSE);
      grid_cell (self->arcs_grid, 3, (int) i + 1, role, FALSE);
    }
}


const char *
eisfit_conductivity_panel_get_summary (EisfitConductivityPanel *self)
{
  return self->summary;
}

GtkWidget *
eisfit_conductivity_panel_get_grid (EisfitConductivityPanel *self, gboolean arcs)
{
  return arcs ? self->arcs_grid : self->sigma_grid;
}

static void
eisfit_conductivity_panel_finalize (GObject *object)
{
  g_free (EISFIT_CONDUCTIVITY_PANEL (object)->summary);
  G_OBJECT_CLASS (eisfit_conductivity_panel_parent_class)->finalize (object);
}

static void
eisfit_conductivity_panel_class_init (EisfitConductivityPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = eisfit_conductivity_panel_finalize;
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/eisfit/Eisfit/eisfit-conductivity-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitConductivityPanel, sigma_grid);
  gtk_widget_class_bind_template_child (widget_class, EisfitConductivityPanel, arcs_grid);
}

static void
eisfit_conductivity_panel_init (EisfitConductivityPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
