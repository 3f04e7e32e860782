/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The automatic circuit choice as a table (see eisfit-bic-table.h). */
#include "eisfit-bic-table.h"

#include <math.h>
#include <string.h>

struct _EisfitBicTable {
  GtkWidget parent_instance;

  GtkWidget *expander;
  GtkWidget *grid;
  GString *text;   /* what the table shows, for tests */
};

G_DEFINE_FINAL_TYPE (EisfitBicTable, eisfit_bic_table, GTK_TYPE_WIDGET)

/* One candidate of eis_fit_auto's list. */
typedef struct {
  char *circuit;
  double bic;
  char *verdict;   /* why it was passed over; NULL: a fit that could have won */
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  g_free (c->circuit);
  g_free (c->verdict);
}

/* The candidates of WHY's "(BIC: C1 -812.3, C2 -800.1 (not determined), ...)" list, split at
 * ", " (circuit texts hold commas but no ", ", as eisfit's report splits them), and the circuit
 * picked ("picked C by ..."). */
static GArray *
parse_why (const char *why, char **picked)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Candidate));
  const char *list = strstr (why, " (BIC: "), *p, *end;

  g_array_set_clear_func (out, candidate_clear);
  *picked = NULL;
  if (g_str_has_prefix (why, "picked "))
    {
      const char *by = strstr (why + 7, " by ");

      if (by)
        *picked = g_strndup (why + 7, (gsize) (by - why - 7));
    }
  if (!list)
    return out;
  p = list + 7;
  end = why + strlen (why);
  if (end > p && end[-1] == ')')
    end--;
  while (p < end)
    {
      static const struct { const char *tag, *text; } marks[] = {
        { " (not determined)", "a parameter not determined (relative error above 100 %)" },
        { " (degenerate)", "a parameter ran to its lower bound: a smaller model in disguise" },
        { " (not converged)", "did not converge" },
      };
      const char *q = strstr (p, ", ");
      const char *in, *sp = NULL;
      Candidate c = { 0 };
      size_t len;

      if (!q || q > end)
        q = end;
      len = (size_t) (q - p);
      for (size_t m = 0; m < G_N_ELEMENTS (marks); m++)
        {
          size_t ml = strlen (marks[m].tag);

          if (len > ml && strncmp (q - ml, marks[m].tag, ml) == 0)
            {
              len -= ml;
              c.verdict = g_strdup (marks[m].text);
              break;
            }
        }
      in = g_strstr_len (p, (gssize) len, " (inadmissible: ");
      if (in)
        {
          /* "C -1140.4 (inadmissible: CPE1_n = 0.374 is below 0.5)" */
          g_free (c.verdict);
          c.verdict = g_strdup_printf ("outside its physical range: %.*s",
                                       (int) (p + len - in - 17), in + 16);
          len = (size_t) (in - p);
        }
      for (const char *t = p; t < p + len; t++)
        if (*t == ' ')
          sp = t;
      if (sp)
        {
          g_autofree char *num = g_strndup (sp + 1, (gsize) (p + len - sp - 1));

          c.circuit = g_strndup (p, (gsize) (sp - p));
          c.bic = g_ascii_strtod (num, NULL);
          g_array_append_val (out, c);
        }
      else
        candidate_clear (&c);
      p = q < end ? q + 2 : end;
    }
  return out;
}

static GtkWidget *
cell (const char *text, gboolean bold, gboolean wrap, float xalign)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), xalign);
  gtk_label_set_yalign (GTK_LABEL (l), 0);
  gtk_label_set_selectable (GTK_LABEL (l), TRUE);
  gtk_widget_add_css_class (l, "caption");
  if (bold)
    gtk_widget_add_css_class (l, "heading");
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (l), 28);
      gtk_widget_set_hexpand (l, TRUE);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_NONE);
  return l;
}

void
eisfit_bic_table_set_why (EisfitBicTable *self, const char *why)
{
  GtkWidget *child;
  g_autofree char *picked = NULL;
  g_autoptr (GArray) cands = NULL;
  double best = NAN;
  guint i;

  while ((child = gtk_widget_get_first_child (self->grid)))
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_string_truncate (self->text, 0);
  cands = why && *why ? parse_why (why, &picked) : NULL;
  if (!cands || cands->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  for (i = 0; i < cands->len; i++)
    {
      Candidate *c = &g_array_index (cands, Candidate, i);

      if (picked && strcmp (c->circuit, picked) == 0)
        best = c->bic;
    }
  {
    g_autofree char *title = g_strdup_printf ("Automatic choice: %u circuits compared by BIC",
                                              cands->len);

    gtk_expander_set_label (GTK_EXPANDER (self->expander), title);
    g_string_append_printf (self->text, "%s\n", title);
  }
  gtk_grid_attach (GTK_GRID (self->grid), cell ("Circuit", TRUE, FALSE, 0), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell ("BIC", TRUE, FALSE, 1), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell ("ΔBIC", TRUE, FALSE, 1), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell ("Verdict", TRUE, FALSE, 0), 3, 0, 1, 1);
  for (i = 0; i < cands->len; i++)
    {
      Candidate *c = &g_array_index (cands, Candidate, i);
      gboolean chosen = picked && strcmp (c->circuit, picked) == 0;
      char bic[32], dbic[32];
      const char *verdict = chosen ? "chosen"
                            : c->verdict ? c->verdict
                            : isfinite (best) && c->bic > best ? "higher BIC"
                            : "not preferred";
      GtkWidget *name = cell (c->circuit, chosen, TRUE, 0);

      g_snprintf (bic, sizeof bic, "%.1f", c->bic);
      if (isfinite (best))
        g_snprintf (dbic, sizeof dbic, "%+.1f", c->bic - best);
      else
        g_strlcpy (dbic, "—", sizeof dbic);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 22);
      gtk_grid_attach (GTK_GRID (self->grid), name, 0, (int) i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), cell (bic, chosen, FALSE, 1), 1, (int) i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), cell (dbic, chosen, FALSE, 1), 2, (int) i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), cell (verdict, chosen, TRUE, 0), 3, (int) i + 1, 1,
                       1);
      g_string_append_printf (self->text, "%s | %s | %s | %s\n", c->circuit, bic, dbic, verdict);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

char *
eisfit_bic_table_dup_text (EisfitBicTable *self)
{
  return g_strdup (gtk_widget_get_visible (GTK_WIDGET (self)) ? self->text->str : "");
}

static void
eisfit_bic_table_dispose (GObject *object)
{
  EisfitBicTable *self = EISFIT_BIC_TABLE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_BIC_TABLE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_bic_table_parent_class)->dispose (object);
}

static void
eisfit_bic_table_finalize (GObject *object)
{
  EisfitBicTable *self = EISFIT_BIC_TABLE (object);

  g_string_free (self->text, TRUE);
  G_OBJECT_CLASS (eisfit_bic_table_parent_class)->finalize (object);
}

static void
eisfit_bic_table_class_init (EisfitBicTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_bic_table_dispose;
  object_class->finalize = eisfit_bic_table_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-bic-table.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitBicTable, expander);
  gtk_widget_class_bind_template_child (widget_class, EisfitBicTable, grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_bic_table_init (EisfitBicTable *self)
{
  self->text = g_string_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
eisfit_bic_table_new (void)
{
  return g_object_new (EISFIT_TYPE_BIC_TABLE, NULL);
}
