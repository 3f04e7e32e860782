/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Undo and redo in the main window (Ctrl+Z, Ctrl+Shift+Z): a fit (of one spectrum or a
 * selection), the edits of the parameter table since the last other step, a change of the
 * circuit, Remove Spectrum, and Apply to all files (every file's geometry and cell type). Each step keeps what it replaced: the fits of the spectra it
 * touched (copies), the circuit entry and the table's inputs, or the spectra removed with
 * their places in the list; undoing it puts them back and keeps what it took away for redo.
 * A fit that fails changes nothing and is no step. */
#include <config.h>

#include "eisfit-window-private.h"

#include <string.h>

#include "eisfit-param-table.h"
#include "eisfit-series-page.h"
#include "eisfit-transference-page.h"
#include "project.h"

typedef struct {
  EisfitSpectrumItem *item;
  EisCircuit *circuit;     /* NULL: not fitted */
  EisFitResult *fit;
  char *why;
  EisConductivity *series_roles; /* the Series page's roles of that fit, NULL: none */
  size_t *outliers;              /* that fit's outliers */
  size_t n_outliers;
} ItemState;

/* A spectrum taken out of the list (with its fit, points left out, label ...), and where it was. */
typedef struct {
  EisfitSpectrumItem *item;
  guint position;
} Removed;

/* A spectrum's file properties that "Apply to all files" replaces. */
typedef struct {
  EisfitSpectrumItem *item;
  char *geometry[3];       /* thickness, diameter, area as typed */
  char *note;              /* where that geometry came from */
  char *cell;
} GeometryState;

struct _EisfitUndoStep {
  char *what;              /* "fit", "table", "circuit"; "remove" (undo puts the spectra
                            * back), "put-back" (undo takes them out again) */
  char *entry;             /* the circuit entry's text */
  char *table_circuit;     /* the circuit the table showed, NULL: none */
  char *table_inputs;      /* eisfit_param_table_dup_inputs then */
  gboolean user_edited;
  GPtrArray *items;        /* ItemState * */
  GPtrArray *removed;      /* Removed *, in list order: "remove" and "put-back" only */
  GPtrArray *geometries;   /* GeometryState *: "geometry" only */
  char *default_geometry[4]; /* the panel's geometry for files opened later, and its note */
};

static void
geometry_state_free (GeometryState *g)
{
  g_clear_object (&g->item);
  for (int i = 0; i < 3; i++)
    g_free (g->geometry[i]);
  g_free (g->note);
  g_free (g->cell);
  g_free (g);
}

static void
item_state_free (ItemState *st)
{
  g_clear_object (&st->item);
  eis_circuit_free (st->circuit);
  eis_fit_result_free (st->fit);
  g_free (st->why);
  g_free (st->series_roles);
  g_free (st->outliers);
  g_free (st);
}

void
eisfit_undo_step_free (EisfitUndoStep *step)
{
  if (!step)
    return;
  g_free (step->what);
  g_free (step->entry);
  g_free (step->table_circuit);
  g_free (step->table_inputs);
  g_clear_pointer (&step->items, g_ptr_array_unref);
  g_clear_pointer (&step->removed, g_ptr_array_unref);
  g_clear_pointer (&step->geometries, g_ptr_array_unref);
  for (int i = 0; i < 4; i++)
    g_free (step->default_geometry[i]);
  g_free (step);
}

static void
removed_free (Removed *r)
{
  g_clear_object (&r->item);
  g_free (r);
}

/* The state now of ITEMS (may be NULL) and the table; TABLE_INPUTS: the table's inputs to keep
 * (NULL: as shown now). */
static EisfitUndoStep *
capture (EisfitWindow *self, const char *what, GPtrArray *items, const char *entry,
         const char *table_inputs)
{
  EisfitUndoStep *step = g_new0 (EisfitUndoStep, 1);

  step->what = g_strdup (what);
  step->entry = g_strdup (entry ? entry : gtk_editable_get_text (eisfit_fit_panel_get_circuit_entry (PANEL (self))));
  step->table_circuit = eisfit_fit_panel_get_model (PANEL (self))
                          ? g_strdup (eis_circuit_text (eisfit_fit_panel_get_model (PANEL (self))))
                          : NULL;
  step->table_inputs = table_inputs ? g_strdup (table_inputs)
                       : eisfit_param_table_dup_inputs (eisfit_fit_panel_get_param_table (PANEL (self)));
  step->user_edited = eisfit_fit_panel_get_user_edited (PANEL (self));
  step->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_state_free);
  for (guint i = 0; items && i < items->len; i++)
    {
      EisfitSpectrumItem *item = g_ptr_array_index (items, i);
      ItemState *st = g_new0 (ItemState, 1);
      const EisFitResult *fit = eisfit_spectrum_item_get_fit (item);

      st->item = g_object_ref (item);
      if (fit)
        {
          st->circuit = eis_circuit_dup (eisfit_spectrum_item_get_circuit (item));
          st->fit = eis_fit_result_dup (fit);
          if (eisfit_spectrum_item_get_series_roles (item))
            st->series_roles = g_memdup2 (eisfit_spectrum_item_get_series_roles (item),
                                          sizeof (EisConductivity));
        }
      st->why = g_strdup (eisfit_spectrum_item_get_why (item));
      {
        const size_t *o = eisfit_spectrum_item_get_outliers (item, &st->n_outliers);

        st->outliers = g_memdup2 (o, st->n_outliers * sizeof *o);
      }
      g_ptr_array_add (step->items, st);
    }
  return step;
}

static void
update_actions (EisfitWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->undo_stack->len > 0 && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->redo_stack->len > 0 && !self->busy);
}

void
eisfit_window_undo_update (EisfitWindow *self)
{
  update_actions (self);
}

static gint
removed_cmp (gconstpointer a, gconstpointer b)
{
  const Removed *ra = *(Removed *const *) a, *rb = *(Removed *const *) b;

  return ra->position < rb->position ? -1 : ra->position > rb->position;
}

/* A new step: the redo list is dropped. */
static void
push (EisfitWindow *self, EisfitUndoStep *step)
{
  g_ptr_array_add (self->undo_stack, step);
  g_ptr_array_set_size (self->redo_stack, 0);
  /* a long session keeps its last 100 steps */
  if (self->undo_stack->len > 100)
    g_ptr_array_remove_index (self->undo_stack, 0);
  update_actions (self);
}

void
eisfit_window_undo_record_fit (EisfitWindow *self, GPtrArray *items)
{
  if (self->undoing || self->loading_project)
    return;
  self->undo_open = UNDO_OPEN_NONE;
  push (self, capture (self, "fit", items, NULL, NULL));
}

void
eisfit_window_undo_record_remove (EisfitWindow *self, GPtrArray *items)
{
  EisfitUndoStep *step;
  guint pos;

  if (self->undoing || self->loading_project)
    return;
  self->undo_open = UNDO_OPEN_NONE;
  step = g_new0 (EisfitUndoStep, 1);
  step->what = g_strdup ("remove");
  step->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) removed_free);
  for (guint i = 0; i < items->len; i++)
    if (g_list_store_find (self->store, g_ptr_array_index (items, i), &pos))
      {
        Removed *r = g_new0 (Removed, 1);

        r->item = g_object_ref (g_ptr_array_index (items, i));
        r->position = pos;
        g_ptr_array_add (step->removed, r);
      }
  if (step->removed->len == 0)
    {
      eisfit_undo_step_free (step);
      return;
    }
  /* put back in list order, each at its place, the list is as it was */
  g_ptr_array_sort (step->removed, removed_cmp);
  push (self, step);
}

/* The geometry, note and cell type of every open spectrum and the panel's geometry for files
 * opened later, as a "geometry" step. */
static EisfitUndoStep *
capture_geometry (EisfitWindow *self)
{
  EisfitUndoStep *step = g_new0 (EisfitUndoStep, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  const char *d[4];

  step->what = g_strdup ("geometry");
  step->geometries = g_ptr_array_new_with_free_func ((GDestroyNotify) geometry_state_free);
  for (guint i = 0; i < n; i++)
    {
      GeometryState *g = g_new0 (GeometryState, 1);
      const char *t, *di, *a, *note;

      g->item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      eisfit_spectrum_item_get_geometry (g->item, &t, &di, &a, &note);
      g->geometry[0] = g_strdup (t);
      g->geometry[1] = g_strdup (di);
      g->geometry[2] = g_strdup (a);
      g->note = g_strdup (note);
      g->cell = g_strdup (eisfit_spectrum_item_get_cell (g->item));
      g_ptr_array_add (step->geometries, g);
    }
  eisfit_fit_panel_get_default_geometry (PANEL (self), &d[0], &d[1], &d[2], &d[3]);
  for (int i = 0; i < 4; i++)
    step->default_geometry[i] = g_strdup (d[i] ? d[i] : "");
  return step;
}

void
eisfit_window_undo_record_geometry (EisfitWindow *self)
{
  if (self->undoing || self->loading_project
      || g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    return;
  self->undo_open = UNDO_OPEN_NONE;
  push (self, capture_geometry (self));
}

/* Puts a "geometry" STEP's file properties back; returns the step that does the opposite. */
static EisfitUndoStep *
apply_geometry (EisfitWindow *self, EisfitUndoStep *step)
{
  EisfitUndoStep *inverse = capture_geometry (self);

  self->undoing = TRUE;
  for (guint i = 0; i < step->geometries->len; i++)
    {
      GeometryState *g = g_ptr_array_index (step->geometries, i);

      eisfit_spectrum_item_set_geometry (g->item, g->geometry[0], g->geometry[1], g->geometry[2],
                                         g->note);
      eisfit_spectrum_item_set_cell (g->item, g->cell);
    }
  eisfit_fit_panel_set_default_geometry (PANEL (self), step->default_geometry[0],
                                         step->default_geometry[1], step->default_geometry[2],
                                         step->default_geometry[3]);
  self->undoing = FALSE;
  self->undo_open = UNDO_OPEN_NONE;
  eisfit_window_refresh (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
  eisfit_transference_page_cells_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  eisfit_window_mark_changed (self);
  return inverse;
}

void
eisfit_window_undo_table_changed (EisfitWindow *self)
{
  g_autofree char *now = eisfit_param_table_dup_inputs (eisfit_fit_panel_get_param_table (PANEL (self)));

  if (!self->undoing && !self->loading_project && self->undo_open != UNDO_OPEN_TABLE)
    {
      /* the table before this run of edits */
      push (self, capture (self, "table", NULL, NULL, self->table_inputs_before));
      self->undo_open = UNDO_OPEN_TABLE;
    }
  g_free (self->table_inputs_before);
  self->table_inputs_before = g_steal_pointer (&now);
}

void
eisfit_window_undo_table_shown (EisfitWindow *self)
{
  g_free (self->table_inputs_before);
  self->table_inputs_before = eisfit_param_table_dup_inputs (eisfit_fit_panel_get_param_table (PANEL (self)));
}

void
eisfit_window_undo_circuit_changed (EisfitWindow *self, const char *before)
{
  if (self->undoing || self->loading_project || self->undo_open == UNDO_OPEN_CIRCUIT
      || g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    return;
  push (self, capture (self, "circuit", NULL, before, self->table_inputs_before));
  self->undo_open = UNDO_OPEN_CIRCUIT;
}

void
eisfit_window_undo_drop_last (EisfitWindow *self)
{
  if (self->undo_stack->len)
    g_ptr_array_set_size (self->undo_stack, self->undo_stack->len - 1);
  update_actions (self);
}

void
eisfit_window_undo_clear (EisfitWindow *self)
{
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->undo_open = UNDO_OPEN_NONE;
  eisfit_window_undo_table_shown (self);
  update_actions (self);
}

void
eisfit_window_undo_close (EisfitWindow *self)
{
  self->undo_open = UNDO_OPEN_NONE;
}

/* Types TEXT (the inputs of dup_inputs) back into the table. */
static void
restore_inputs (EisfitWindow *self, const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) w = g_strsplit (lines[i], " ", -1);
      static const char *const keys[] = { "value=", "min=", "max=", "fix=" };
      static const char *const what[] = { "value", "min", "max", "fix" };

      if (!w[0] || !*w[0])
        continue;
      for (guint k = 1; w[k]; k++)
        for (guint j = 0; j < G_N_ELEMENTS (keys); j++)
          if (g_str_has_prefix (w[k], keys[j]))
            eisfit_param_table_edit (eisfit_fit_panel_get_param_table (PANEL (self)), w[0], what[j],
                                     w[k] + strlen (keys[j]));
    }
}

/* Puts the spectra of a "remove" STEP back in their places, or takes those of a "put-back"
 * step out again; returns the step that does the opposite. */
static EisfitUndoStep *
apply_removal (EisfitWindow *self, EisfitUndoStep *step)
{
  gboolean put_back = strcmp (step->what, "remove") == 0;
  EisfitUndoStep *inverse = g_new0 (EisfitUndoStep, 1);
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  g_autofree guint *positions = g_new (guint, step->removed->len + 1);

  inverse->what = g_strdup (put_back ? "put-back" : "remove");
  inverse->removed = g_ptr_array_ref (step->removed);
  for (guint i = 0; i < step->removed->len; i++)
    {
      Removed *r = g_ptr_array_index (step->removed, i);

      g_ptr_array_add (items, r->item);
      positions[i] = r->position;
    }
  self->undoing = TRUE;
  if (put_back)
    eisfit_window_restore_items (self, items, positions);
  else
    eisfit_window_remove_items (self, items);
  self->undoing = FALSE;
  self->undo_open = UNDO_OPEN_NONE;
  eisfit_window_mark_changed (self);
  return inverse;
}

/* Puts STEP's state back; returns the state it replaced (for the other list). */
static EisfitUndoStep *
apply (EisfitWindow *self, EisfitUndoStep *step)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  EisfitUndoStep *inverse;
  const EisCircuit *model;

  if (step->removed)
    return apply_removal (self, step);
  if (step->geometries)
    return apply_geometry (self, step);

  for (guint i = 0; i < step->items->len; i++)
    g_ptr_array_add (items, ((ItemState *) g_ptr_array_index (step->items, i))->item);
  inverse = capture (self, step->what, items, NULL, NULL);
  self->undoing = TRUE;
  for (guint i = 0; i < step->items->len; i++)
    {
      ItemState *st = g_ptr_array_index (step->items, i);

      eisfit_document_set_fit (self->document, st->item,
                               st->circuit ? eis_circuit_dup (st->circuit) : NULL,
                               st->fit ? eis_fit_result_dup (st->fit) : NULL, st->why);
      eisfit_spectrum_item_set_series_roles (st->item, st->series_roles);
      eisfit_spectrum_item_set_outliers (st->item, st->outliers, st->n_outliers);
    }
  if (strcmp (step->entry, gtk_editable_get_text (eisfit_fit_panel_get_circuit_entry (PANEL (self)))) != 0)
    eisfit_window_set_circuit_text (self, step->entry);
  eisfit_window_refresh (self);
  model = eisfit_fit_panel_get_model (PANEL (self));
  if (step->user_edited && step->table_circuit && model
      && strcmp (step->table_circuit, eis_circuit_text (model)) == 0)
    restore_inputs (self, step->table_inputs);
  eisfit_fit_panel_set_user_edited (PANEL (self), step->user_edited);
  eisfit_window_undo_table_shown (self);
  self->undoing = FALSE;
  self->undo_open = UNDO_OPEN_NONE;
  eisfit_window_refresh (self);
  eisfit_transference_page_fits_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  eisfit_window_mark_changed (self);
  return inverse;
}

gboolean
eisfit_window_undo (EisfitWindow *self, gboolean redo)
{
  GPtrArray *from = redo ? self->redo_stack : self->undo_stack;
  GPtrArray *to = redo ? self->undo_stack : self->redo_stack;
  EisfitUndoStep *step;

  if (from->len == 0 || self->busy)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, apply (self, step));
  eisfit_undo_step_free (step);
  update_actions (self);
  return TRUE;
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  eisfit_window_undo (EISFIT_WINDOW (widget), strcmp (action_name, "win.redo") == 0);
}

void
eisfit_window_install_undo_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
}
