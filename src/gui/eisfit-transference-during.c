/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Transference page's spectra during the hold (see eisfit-transference-during.h). */
#include <config.h>

#include "eisfit-transference-during.h"

#include <math.h>
#include <string.h>

struct _EisfitTransferenceDuring {
  GtkWidget parent_instance;

  GtkWidget *button;
  GtkWidget *label;       /* the button's, ellipsized in a narrow window */
  GtkWidget *box;         /* the popover's check boxes */
  GPtrArray *checks;      /* GtkCheckButton, data "item" (EisfitSpectrumItem) */
};

G_DEFINE_FINAL_TYPE (EisfitTransferenceDuring, eisfit_transference_during, GTK_TYPE_WIDGET)

enum { SIGNAL_TOGGLED, N_SIGNALS };
static guint signals[N_SIGNALS];

double
eisfit_transference_spectrum_time (const EisSpectrum *sp, const EisSeries *s)
{
  if (!sp->time_s || sp->n == 0 || !s || s->n == 0)
    return NAN;
  double t = sp->time_s[0];
  for (size_t i = 1; i < sp->n; i++)
    t = fmin (t, sp->time_s[i]);
  return t - s->time_s[0];
}

char *
eisfit_transference_item_name (EisfitSpectrumItem *item)
{
  return g_strdup_printf ("%s #%d", eisfit_spectrum_item_get_title (item),
                          eisfit_spectrum_item_get_spectrum (item)->index + 1);
}

/* The button's label: how many spectra during the hold are checked. */
static void
update_label (EisfitTransferenceDuring *self)
{
  guint n = 0, with_time = 0;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *cb = g_ptr_array_index (self->checks, i);

      with_time += gtk_widget_get_sensitive (cb);
      n += gtk_check_button_get_active (GTK_CHECK_BUTTON (cb));
    }
  g_autofree char *label = n ? g_strdup_printf ("%u of %u with a time", n, with_time)
                             : g_strdup_printf ("none (%u with a time)", with_time);
  gtk_label_set_text (GTK_LABEL (self->label), label);
}

static void
toggled_cb (GtkCheckButton *button, EisfitTransferenceDuring *self)
{
  update_label (self);
  g_signal_emit (self, signals[SIGNAL_TOGGLED], 0);
}

GHashTable *
eisfit_transference_during_dup_checked (EisfitTransferenceDuring *self)
{
  GHashTable *checked;

  if (self->checks->len == 0)
    return NULL;
  checked = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *cb = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (cb))
        g_hash_table_add (checked, g_object_ref (g_object_get_data (G_OBJECT (cb), "item")));
    }
  return checked;
}

guint
eisfit_transference_during_get_n (EisfitTransferenceDuring *self)
{
  return self->checks->len;
}

void
eisfit_transference_during_rebuild (EisfitTransferenceDuring *self, GListModel *spectra,
                                    const EisSeries *series, GHashTable *checked, guint b,
                                    guint a)
{
  GtkWidget *child;
  guint n = spectra ? g_list_model_get_n_items (spectra) : 0;

  while ((child = gtk_widget_get_first_child (self->box)))
    gtk_box_remove (GTK_BOX (self->box), child);
  g_ptr_array_set_size (self->checks, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (spectra, i);
      const EisSpectrum *sp = eisfit_spectrum_item_get_spectrum (item);
      g_autofree char *name = eisfit_transference_item_name (item);
      double t = eisfit_transference_spectrum_time (sp, series);
      g_autofree char *label = isfinite (t) ? g_strdup_printf ("%s   t = %.5g s", name, t)
                               : g_strdup_printf ("%s   (no time column)", name);
      GtkWidget *cb = gtk_check_button_new_with_label (label);
      gboolean on;

      if (checked)
        on = g_hash_table_contains (checked, item);
      else
        on = isfinite (t) && t >= 0 && i + 1 != b && i + 1 != a && series && series->source
             && sp->source && strcmp (sp->source, series->source) == 0;
      gtk_widget_set_sensitive (cb, isfinite (t));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (cb), on && isfinite (t));
      if (!isfinite (t))
        gtk_widget_set_tooltip_text (cb, "No time column: its place in the hold is unknown");
      g_object_set_data_full (G_OBJECT (cb), "item", g_object_ref (item), g_object_unref);
      g_signal_connect (cb, "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (self->box), cb);
      g_ptr_array_add (self->checks, cb);
    }
  if (n == 0)
    gtk_box_append (GTK_BOX (self->box), gtk_label_new ("No spectrum open"));
  update_label (self);
}

static int
pick_cmp (gconstpointer a, gconstpointer b)
{
  double x = ((const EisfitDuringPick *) a)->t, y = ((const EisfitDuringPick *) b)->t;
  return (x > y) - (x < y);
}

GArray *
eisfit_transference_during_dup_picks (EisfitTransferenceDuring *self, const EisSeries *s)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (EisfitDuringPick));

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *cb = g_ptr_array_index (self->checks, i);
      EisfitSpectrumItem *item = g_object_get_data (G_OBJECT (cb), "item");
      EisfitDuringPick p = {
        item, eisfit_transference_spectrum_time (eisfit_spectrum_item_get_spectrum (item), s) };

      if (gtk_check_button_get_active (cb) && isfinite (p.t))
        g_array_append_val (a, p);
    }
  g_array_sort (a, pick_cmp);
  return a;
}

char *
eisfit_transference_during_dup_text (EisfitTransferenceDuring *self)
{
  GString *during = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *cb = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (cb))
        g_string_append_printf (during, "%s%s", during->len ? "; " : "",
                                gtk_check_button_get_label (cb));
    }
  return g_string_free (during, FALSE);
}

void
eisfit_transference_during_get_positions (EisfitTransferenceDuring *self, guint **positions,
                                          guint *n)
{
  *n = 0;
  *positions = g_new0 (guint, self->checks->len + 1);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (g_ptr_array_index (self->checks, i))))
      (*positions)[(*n)++] = i;
}

void
eisfit_transference_during_set_positions (EisfitTransferenceDuring *self,
                                          const guint *positions, guint n)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *cb = g_ptr_array_index (self->checks, i);
      gboolean on = FALSE;

      for (guint k = 0; k < n; k++)
        on |= positions[k] == i;
      /* a spectrum without a time cannot be placed in the hold: it stays unchecked */
      if (gtk_widget_get_sensitive (cb))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (cb), on);
    }
}

gboolean
eisfit_transference_during_set_text (EisfitTransferenceDuring *self, const char *value)
{
  g_auto (GStrv) pos = g_strsplit (value, ",", -1);
  guint n = self->checks->len;
  g_autofree gboolean *on = g_new0 (gboolean, n + 1);

  if (strcmp (value, "all") == 0)
    for (guint i = 0; i < n; i++)
      on[i] = TRUE;
  else if (strcmp (value, "none") != 0)
    for (char **p = pos; *p; p++)
      {
        char *end;
        guint64 k = g_ascii_strtoull (*p, &end, 10);

        if (end == *p || *end || k < 1 || k > n)
          return FALSE;
        on[k - 1] = TRUE;
      }
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *cb = g_ptr_array_index (self->checks, i);

      if (gtk_widget_get_sensitive (cb))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (cb), on[i]);
      else if (on[i] && strcmp (value, "all") != 0)
        return FALSE;
    }
  return TRUE;
}

static void
eisfit_transference_during_dispose (GObject *object)
{
  EisfitTransferenceDuring *self = EISFIT_TRANSFERENCE_DURING (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_TRANSFERENCE_DURING);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (eisfit_transference_during_parent_class)->dispose (object);
}

static void
eisfit_transference_during_finalize (GObject *object)
{
  EisfitTransferenceDuring *self = EISFIT_TRANSFERENCE_DURING (object);

  g_ptr_array_unref (self->checks);
  G_OBJECT_CLASS (eisfit_transference_during_parent_class)->finalize (object);
}

static void
eisfit_transference_during_class_init (EisfitTransferenceDuringClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_transference_during_dispose;
  object_class->finalize = eisfit_transference_during_finalize;
  signals[SIGNAL_TOGGLED] = g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          0);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/eisfit/Eisfit/eisfit-transference-during.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferenceDuring, button);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferenceDuring, label);
  gtk_widget_class_bind_template_child (widget_class, EisfitTransferenceDuring, box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eisfit_transference_during_init (EisfitTransferenceDuring *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
eisfit_transference_during_new (void)
{
  return g_object_new (EISFIT_TYPE_TRANSFERENCE_DURING, NULL);
}
