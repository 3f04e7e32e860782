/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parameter table (see eisfit-param-table.h): a GtkGrid rebuilt per circuit. */
#include "eisfit-param-table.h"

#include <math.h>

typedef struct {
  char *name;
  char *unit;
  EisParamKind kind;
  double value, stderr_; /* natural units; NAN when unknown */
  gboolean undetermined; /* the engine's flag (EisFitResult.undetermined) */
  gboolean at_bound;     /* the fitted value rests on a bound */
  GtkWidget *value_entry, *stderr_label, *warning_icon, *fixed_check, *lower_entry,
    *upper_entry;
} Row;

/* What a rebuilt table keeps of the old one when the circuit is the same. */
typedef struct {
  char *name;
  gboolean fixed;
  char *lower, *upper;
} Kept;

struct _EisfitParamTable {
  GtkWidget parent_instance;

  GtkWidget *grid;
  GtkWidget *empty_label;

  GArray *rows; /* of Row */
  char *circuit_text; /* of the rows */
  gboolean updating;
  gboolean show_bounds; /* the Min and Max columns; hidden, they do not apply */
  GtkWidget *bounds_check;
};

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EisfitParamTable, eisfit_param_table, GTK_TYPE_WIDGET)

static void update_stderr_label (Row *row);

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->name);
  g_free (row->unit);
}

/* A number typed by the user: "1.5e-9", "2000"; blank gives NAN and TRUE (= not given). */
static gboolean
parse_number (const char *text, double *out)
{
  char *end;
  double x;

  while (g_ascii_isspace (*text))
    text++;
  if (!*text)
    {
      *out = NAN;
      return TRUE;
    }
  x = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  if (*end || !isfinite (x))
    return FALSE;
  *out = x;
  return TRUE;
}

static char *
format_number (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (x))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", x));
}

/* "Ohm" -> "Ω", "s^-1/2" stays. */
static char *
pretty_unit (const char *unit)
{
  GString *s = g_string_new (unit ? unit : "");

  g_string_replace (s, "Ohm", "Ω", 0);
  g_string_replace (s, " s^(n-1)", "·sⁿ⁻¹", 0);
  g_string_replace (s, " s^(alpha-1)", "·s^(α−1)", 0);
  g_string_replace (s, " s^-1/2", "·s⁻¹ᐟ²", 0);
  return g_string_free (s, FALSE);
}

static void
set_entry_error (GtkWidget *entry, gboolean error)
{
  if (error)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
}

static void
value_changed_cb (GtkEditable *editable, EisfitParamTable *self)
{
  guint i;

  if (self->updating)
    return;
  for (i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double x;

      if (row->value_entry != GTK_WIDGET (editable))
        continue;
      if (parse_number (gtk_editable_get_text (editable), &x) && isfinite (x))
        {
          set_entry_error (row->value_entry, FALSE);
          row->value = x;
          row->stderr_ = NAN;
          row->undetermined = row->at_bound = FALSE;
          update_stderr_label (row);
          g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
        }
      else
        set_entry_error (row->value_entry, TRUE);
    }
}

static void
bound_changed_cb (GtkEditable *editable, EisfitParamTable *self)
{
  double x;

  set_entry_error (GTK_WIDGET (editable),
                   !parse_number (gtk_editable_get_text (editable), &x));
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0); /* an input the next fit uses */
}

static void
bounds_toggled_cb (GtkCheckButton *button, EisfitParamTable *self)
{
  guint i;

  self->show_bounds = gtk_check_button_get_active (button);
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0); /* the next fit's bounds changed */
  for (i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      gtk_widget_set_visible (row->lower_entry, self->show_bounds);
      gtk_widget_set_visible (row->upper_entry, self->show_bounds);
    }
}

static void
fixed_toggled_cb (GtkCheckButton *button, EisfitParamTable *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkWidget *
make_entry (const char *text, int width_chars, const char *tooltip)
{
  GtkWidget *e = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (e), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (e), width_chars);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (e), width_chars);
  gtk_widget_set_tooltip_text (e, tooltip);
  gtk_widget_add_css_class (e, "numeric");
  return e;
}

static GtkWidget *
make_label (const char *text, float xalign, const char *css)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), xalign);
  if (css)
    gtk_widget_add_css_class (l, css);
  return l;
}

static void
clear_grid (EisfitParamTable *self)
{
  GtkWidget *child;

  self->bounds_check = NULL;
  while ((child = gtk_widget_get_first_child (self->grid)))
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_array_set_size (self->rows, 0);
}

#define UNDETERMINED_TIP "Not determined by the data: relative error > 100 % or |correlation| > 0.99"

/* The "± s.e." cell: absolute error over relative error, "at bound", or blank; a warning icon
 * when the engine marks the parameter undetermined. */
static void
update_stderr_label (Row *row)
{
  g_autofree char *text = NULL, *tip = NULL;
  char e[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_widget_remove_css_class (row->stderr_label, "warning");
  if (!isfinite (row->value))
    text = g_strdup ("");
  else if (row->at_bound)
    {
      text = g_strdup ("at bound");
      gtk_widget_add_css_class (row->stderr_label, "warning");
      tip = g_strdup_printf ("The fit stopped on a bound of %s (%s): the data would move it "
                             "further. Its standard error (%s) does not apply. Widen or remove "
                             "the bound, or change the circuit.",
                             row->name,
                             row->kind == EIS_PARAM_EXPONENT ? "an exponent lies in (0, 1]"
                                                             : "Min or Max",
                             isfinite (row->stderr_)
                               ? g_ascii_formatd (e, sizeof e, "%.2g", row->stderr_) : "none");
    }
  else if (isnan (row->stderr_))
    text = g_strdup (row->undetermined ? "± ?" : "");
  else if (row->stderr_ == 0)
    text = g_strdup ("fixed");
  else
    {
      g_autofree char *rel = eisfit_rel_error_text (row->value, row->stderr_);

      text = g_strdup_printf ("±%s\n%s", g_ascii_formatd (e, sizeof e, "%.2g", row->stderr_),
                              rel ? rel : "");
      tip = g_strdup_printf ("Standard error %s %s (%s of the value)", e, row->unit,
                             rel ? rel : "? %");
    }
  gtk_label_set_text (GTK_LABEL (row->stderr_label), text);
  gtk_widget_set_tooltip_text (row->stderr_label, tip);
  gtk_widget_set_visible (row->warning_icon, row->undetermined);
  if (row->undetermined)
    gtk_widget_add_css_class (row->stderr_label, "warning");
}

/* TRUE when a fitted VALUE rests on one of the bounds the fit ran with: LOWER/UPPER as typed
 * (NAN: none) and, for exponents, the engine's own range (0, 1] (see EIS_PARAM_EXPONENT). The
 * bound transform of src/core/fit.c only approaches a bound, hence the tolerance. */
static void
kept_free (gpointer data)
{
  Kept *k = data;

  g_free (k->name);
  g_free (k->lower);
  g_free (k->upper);
  g_free (k);
}

static GtkWidget *
make_header (const char *text, float xalign, const char *tooltip)
{
  GtkWidget *l = make_label (text, xalign, "heading");

  gtk_widget_set_tooltip_text (l, tooltip);
  return l;
}

void
eisfit_param_table_set_circuit (EisfitParamTable *self, const EisCircuit *c,
                                const double *values)
{
  static const struct { const char *text; float xalign; const char *tip; } headers[] = {
    { "Name", 0.0, "Parameter of the circuit, with its unit below" },
    { "Value", 0.5, "Value in the unit shown (edit to redraw the model curve; it starts the "
                    "next fit)" },
    { "± s.e.", 0.0, "Standard error from the fit: absolute, then relative" },
    { "Fix", 0.5, "Hold the value during the fit" },
  };
  size_t i, n = c ? eis_circuit_n_params (c) : 0;
  g_autoptr (GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, kept_free);
  const char *text = c ? eis_circuit_text (c) : NULL;

  self->updating = TRUE;
  /* the same circuit again (another spectrum, a new fit): keep fixed flags and bounds */
  if (text && g_strcmp0 (text, self->circuit_text) == 0)
    for (i = 0; i < self->rows->len; i++)
      {
        Row *row = &g_array_index (self->rows, Row, i);
        Kept *k = g_new0 (Kept, 1);

        k->name = g_strdup (row->name);
        k->fixed = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->fixed_check));
        k->lower = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->lower_entry)));
        k->upper = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->upper_entry)));
        g_hash_table_insert (kept, k->name, k);
      }
  clear_grid (self);
  g_free (self->circuit_text);
  self->circuit_text = g_strdup (text);
  gtk_widget_set_visible (self->empty_label, n == 0);
  gtk_widget_set_visible (self->grid, n > 0);
  if (n == 0)
    {
      self->updating = FALSE;
      return;
    }
  for (i = 0; i < G_N_ELEMENTS (headers); i++)
    gtk_grid_attach (GTK_GRID (self->grid),
                     make_header (headers[i].text, headers[i].xalign, headers[i].tip),
                     (int) i, 0, 1, 1);
  /* bounds typed for this circuit are always shown */
  for (i = 0; i < n && !self->show_bounds; i++)
    {
      Kept *k = g_hash_table_lookup (kept, eis_circuit_param_name (c, i));

      self->show_bounds = k && ((k->lower && *k->lower) || (k->upper && *k->upper));
    }
  self->bounds_check = gtk_check_button_new_with_label ("Bounds");
  gtk_widget_set_tooltip_text (self->bounds_check, "Lower and upper bounds of each parameter "
                                                   "(Min, Max; blank: none). Unticked, the "
                                                   "columns are hidden and no bound applies.");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->bounds_check), self->show_bounds);
  g_signal_connect (self->bounds_check, "toggled", G_CALLBACK (bounds_toggled_cb), self);
  gtk_grid_attach (GTK_GRID (self->grid), self->bounds_check, 4, 0, 2, 1);
  for (i = 0; i < n; i++)
    {
      Row row = { 0 };
      g_autofree char *v = NULL;
      GtkWidget *se_box;
      Kept *k;
      int y = (int) i + 1;

      row.name = g_strdup (eis_circuit_param_name (c, i));
      row.unit = pretty_unit (eis_circuit_param_unit (c, i));
      row.kind = eis_circuit_param_kind (c, i);
      row.value = values ? values[i] : NAN;
      row.stderr_ = NAN;
      v = format_number (row.value);
      row.value_entry = make_entry (v, 10, "Value (edit to redraw the model curve; used as the "
                                    "starting value of the next fit)");
      row.stderr_label = make_label ("", 0.0, "numeric");
      gtk_widget_add_css_class (row.stderr_label, "stderr");
      row.warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (row.warning_icon, "warning");
      gtk_widget_set_tooltip_text (row.warning_icon, UNDETERMINED_TIP);
      gtk_widget_set_visible (row.warning_icon, FALSE);
      se_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
      gtk_box_append (GTK_BOX (se_box), row.warning_icon);
      gtk_box_append (GTK_BOX (se_box), row.stderr_label);
      row.fixed_check = gtk_check_button_new ();
      gtk_widget_set_halign (row.fixed_check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (row.fixed_check, "Hold at this value during the fit");
      row.lower_entry = make_entry ("", 5, "Lower bound (blank: none)");
      row.upper_entry = make_entry ("", 5, "Upper bound (blank: none)");
      gtk_entry_set_placeholder_text (GTK_ENTRY (row.lower_entry), "min");
      gtk_entry_set_placeholder_text (GTK_ENTRY (row.upper_entry), "max");
      gtk_widget_set_visible (row.lower_entry, self->show_bounds);
      gtk_widget_set_visible (row.upper_entry, self->show_bounds);
      if ((k = g_hash_table_lookup (kept, row.name)))
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (row.fixed_check), k->fixed);
          gtk_editable_set_text (GTK_EDITABLE (row.lower_entry), k->lower);
          gtk_editable_set_text (GTK_EDITABLE (row.upper_entry), k->upper);
        }
      g_signal_connect (row.value_entry, "changed", G_CALLBACK (value_changed_cb), self);
      g_signal_connect (row.lower_entry, "changed", G_CALLBACK (bound_changed_cb), self);
      g_signal_connect (row.upper_entry, "changed", G_CALLBACK (bound_changed_cb), self);
      g_signal_connect (row.fixed_check, "toggled", G_CALLBACK (fixed_toggled_cb), self);

      {
        /* the unit under the name keeps the table narrow */
        GtkWidget *name_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

        gtk_box_append (GTK_BOX (name_box), make_label (row.name, 0.0, "param-name"));
        if (*row.unit)
          gtk_box_append (GTK_BOX (name_box), make_label (row.unit, 0.0, "unit"));
        gtk_widget_set_valign (name_box, GTK_ALIGN_CENTER);
        gtk_grid_attach (GTK_GRID (self->grid), name_box, 0, y, 1, 1);
      }
      gtk_grid_attach (GTK_GRID (self->grid), row.value_entry, 1, y, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), se_box, 2, y, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), row.fixed_check, 3, y, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), row.lower_entry, 4, y, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), row.upper_entry, 5, y, 1, 1);
      g_array_append_val (self->rows, row);
    }
  self->updating = FALSE;
}

void
eisfit_param_table_set_result (EisfitParamTable *self, const EisFitResult *r)
{
  guint i;

  self->updating = TRUE;
  for (i = 0; i < self->rows->len && i < r->n_params; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      g_autofree char *v = format_number (r->value[i]);
      gboolean fixed = r->fixed ? r->fixed[i] != 0 : FALSE;

      row->value = r->value[i];
      row->stderr_ = r->stderr_[i];
      row->undetermined = r->undetermined ? r->undetermined[i] != 0 : FALSE;
      row->at_bound = !fixed && r->at_bound && r->at_bound[i] != 0;
      gtk_editable_set_text (GTK_EDITABLE (row->value_entry), v);
      set_entry_error (row->value_entry, FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->fixed_check), fixed);
      update_stderr_label (row);
    }
  self->updating = FALSE;
}

size_t
eisfit_param_table_get_n (EisfitParamTable *self)
{
  return self->rows->len;
}

gboolean
eisfit_param_table_get (EisfitParamTable *self, double *values, int *fixed, double *lower,
                        double *upper)
{
  gboolean complete = TRUE;
  guint i;

  for (i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double x;

      if (values)
        values[i] = row->value;
      if (!isfinite (row->value))
        complete = FALSE;
      if (fixed)
        fixed[i] = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->fixed_check));
      if (lower)
        lower[i] = self->show_bounds
                       && parse_number (gtk_editable_get_text (GTK_EDITABLE (row->lower_entry)), &x)
                     ? x : NAN;
      if (upper)
        upper[i] = self->show_bounds
                       && parse_number (gtk_editable_get_text (GTK_EDITABLE (row->upper_entry)), &x)
                     ? x : NAN;
    }
  return complete;
}

char *
eisfit_rel_error_text (double value, double se)
{
  double pct = 100 * se / fabs (value);
  int decimals;

  if (!isfinite (pct) || pct < 0)
    return NULL;
  if (pct == 0)
    return g_strdup ("0 %");
  /* 0.040 %, not 0.0 % (nor 0.04 %) */
  decimals = 1 - (int) floor (log10 (pct));
  if (decimals > 6)
    return g_strdup_printf ("%.1e %%", pct);
  if (decimals > 0 && pct >= 10 * pow (10, -decimals + 1) - 0.5 * pow (10, -decimals))
    decimals--; /* 0.0996 rounds to 0.10, not 0.100 */
  return g_strdup_printf ("%.*f %%", decimals < 0 ? 0 : decimals, pct);
}

char *
eisfit_param_table_dup_text (EisfitParamTable *self)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      char v[G_ASCII_DTOSTR_BUF_SIZE], e[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (s, "%s %s %s%s%s\n", row->name,
                              g_ascii_formatd (v, sizeof v, "%.17g", row->value),
                              isnan (row->stderr_) ? "nan"
                                : g_ascii_formatd (e, sizeof e, "%.17g", row->stderr_),
                              row->at_bound ? " at-bound" : "",
                              row->undetermined ? " undetermined" : "");
    }
  return g_string_free (s, FALSE);
}

char *
eisfit_param_table_dup_inputs (EisfitParamTable *self)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      g_string_append_printf (s, "%s value=%s fix=%s min=%s max=%s\n", row->name,
                              gtk_editable_get_text (GTK_EDITABLE (row->value_entry)),
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (row->fixed_check))
                                ? "on" : "off",
                              gtk_editable_get_text (GTK_EDITABLE (row->lower_entry)),
                              gtk_editable_get_text (GTK_EDITABLE (row->upper_entry)));
    }
  return g_string_free (s, FALSE);
}

gboolean
eisfit_param_table_edit (EisfitParamTable *self, const char *name, const char *what,
                         const char *text)
{
  guint i;

  for (i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      if (g_strcmp0 (row->name, name) != 0)
        continue;
      if (g_strcmp0 (what, "fix") == 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (row->fixed_check),
                                     g_strcmp0 (text, "on") == 0);
      else if (g_strcmp0 (what, "min") == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->bounds_check), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (row->lower_entry), text);
        }

      else if (g_strcmp0 (what, "max") == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->bounds_check), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (row->upper_entry), text);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (row->value_entry), text);
      return TRUE;
    }
  return FALSE;
}

static void
eisfit_param_table_dispose (GObject *object)
{
  EisfitParamTable *self = EISFIT_PARAM_TABLE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_PARAM_TABLE);
  G_OBJECT_CLASS (eisfit_param_table_parent_class)->dispose (object);
}

static void
eisfit_param_table_finalize (GObject *object)
{
  EisfitParamTable *self = EISFIT_PARAM_TABLE (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->circuit_text, g_free);
  G_OBJECT_CLASS (eisfit_param_table_parent_class)->finalize (object);
}

static void
eisfit_param_table_class_init (EisfitParamTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_param_table_dispose;
  object_class->finalize = eisfit_param_table_finalize;
  /* A value, bound or Fix tick was edited (the model curve should be drawn again). */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-param-table.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitParamTable, grid);
  gtk_widget_class_bind_template_child (widget_class, EisfitParamTable, empty_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "paramtable");
}

static void
eisfit_param_table_init (EisfitParamTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
}

GtkWidget *
eisfit_param_table_new (void)
{
  return g_object_new (EISFIT_TYPE_PARAM_TABLE, NULL);
}
