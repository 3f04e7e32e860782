/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window of eisfit-gtk (see eisfit-window.h): it assembles the document
 * (eisfit-document.c), the list, the tabs and the side panel (eisfit-fit-panel.c: circuit,
 * parameters, geometry, temperature, conductivity), and answers the panel's signals. Its other
 * parts are in eisfit-window-*.c (figures, fit queue, points left out, opening files, export,
 * batch mode, project, undo, list, results, test script) and in the widgets of the pages and
 * panels. It holds no analysis: that comes from src/core, every figure from src/plot. */
#include <config.h>

#include "eisfit-window.h"
#include "eisfit-dialog.h"
#include "eisfit-window-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arrhenius.h"
#include "circuit.h"
#include "conductivity.h"
#include "eisfit-export-dialog.h"
#include "eisfit-figure-page.h"
#include "eisfit-plot-view.h"
#include "eisfit-settings.h"
#include "eisfit-spectrum-item.h"
#include "eisfit-transference-page.h"
#include "eisfit-drt-page.h"
#include "eisfit-fit-panel.h"
#include "eisfit-series-page.h"
#include "fit.h"
#include "import.h"
#include "kk.h"
#include "output-file.h"
#include "plot.h"
#include "project.h"

G_DEFINE_FINAL_TYPE (EisfitWindow, eisfit_window, GTK_TYPE_APPLICATION_WINDOW)

static void update_all (EisfitWindow *self);


/* ---------------------------------------------------------------- messages */

/* The banner with MESSAGE, in the style of an error or (NOTICE) of a note. */
static void
show_banner (EisfitWindow *self, const char *message, gboolean notice)
{
  if (notice)
    gtk_widget_add_css_class (self->banner, "notice");
  else
    gtk_widget_remove_css_class (self->banner, "notice");
  gtk_image_set_from_icon_name (GTK_IMAGE (self->banner_icon),
                                notice ? "dialog-information-symbolic"
                                       : "dialog-warning-symbolic");
  gtk_label_set_text (GTK_LABEL (self->banner_label), message);
  gtk_label_select_region (GTK_LABEL (self->banner_label), 0, 0); /* readable, not highlighted */
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), TRUE);
  if (self->echo_errors)
    g_printerr ("eisfit-gtk: %s%s\n", notice ? "note: " : "", message);
}

void
eisfit_window_show_message (EisfitWindow *self, const char *message)
{
  show_banner (self, message, FALSE);
}

void
eisfit_window_show_notice (EisfitWindow *self, const char *message)
{
  show_banner (self, message, TRUE);
}

static void
banner_close_cb (GtkButton *button, EisfitWindow *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);
}

/* ---------------------------------------------------------------- selection */

GPtrArray *
eisfit_window_selected_items (EisfitWindow *self)
{
  return eisfit_figure_selected_items (GTK_SELECTION_MODEL (self->selection));
}

/* ---------------------------------------------------------------- geometry */

gboolean
eisfit_window_item_geometry (EisfitWindow *self, EisfitSpectrumItem *item, EisGeometry *g)
{
  const char *t, *d, *a;
  g_autofree char *msg = NULL;
  gboolean have;
  int bad;

  /* thickness and area give σ; the area alone, the ASR per interface (as eisfit --area) */
  eisfit_spectrum_item_get_geometry (item, &t, &d, &a, NULL);
  /* and the file's lead resistance (a project's leads=), as eisfit --leads */
  return eisfit_geometry_parse (t, d, a, g, &have, &msg, &bad)
         && (have || isfinite (g->area_cm2)) && eisfit_spectrum_item_apply_leads (item, g);
}

char *
eisfit_window_dup_save_folder (EisfitWindow *self)
{
  const char *project = eisfit_document_get_path (self->document);
  g_autofree char *project_dir = project ? g_path_get_dirname (project) : NULL;
  const char *candidates[] = { self->settings->save_folder, project_dir,
                               self->settings->last_folder };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] && g_path_is_absolute (candidates[i])
        && g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);
  return NULL;
}

void
eisfit_window_saved_to (EisfitWindow *self, const char *path)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);

  eisfit_settings_set (&self->settings->save_folder, dir);
}

GtkFileChooserNative *
eisfit_window_new_save_dialog (EisfitWindow *self, const char *title, const char *accept,
                               const char *name)
{
  g_autofree char *dir = eisfit_window_dup_save_folder (self);

  return eisfit_dialog_new_save_chooser (GTK_WINDOW (self), title, accept, dir, name);
}

static char *
series_folder_cb (gpointer data)
{
  return eisfit_window_dup_save_folder (data);
}

static void
series_saved_cb (const char *path, gpointer data)
{
  eisfit_window_saved_to (data, path);
}

static gboolean
series_geometry_cb (EisfitSpectrumItem *item, EisGeometry *g, gpointer data)
{
  return eisfit_window_item_geometry (data, item, g);
}

/* The Series page's Use these fits: one undo step, then the window shows the new fits. */
static void
series_adopt_cb (EisfitSeriesPage *page, GPtrArray *items, gboolean done, gpointer data)
{
  EisfitWindow *self = data;

  if (!done)
    {
      eisfit_window_undo_record_fit (self, items);
      return;
    }
  self->unsaved_fits += items->len;
  eisfit_window_mark_changed (self);
  eisfit_window_refresh (self);
  eisfit_transference_page_fits_changed (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
}

/* The Series page fitted a series: work the project keeps (its choices; Save asks before closing),
 * unless it is the refit of a project being opened. */
static void
series_fitted_cb (EisfitSeriesPage *page, gboolean ok, gpointer data)
{
  EisfitWindow *self = data;

  if (self->restoring_series)
    return;
  self->unsaved_series = TRUE;
  eisfit_window_mark_changed (self);
}

/* ---------------------------------------------------------------- the model (table) */

/* The panel's table changed (another circuit or values, a fit or a guess shown, an edit): its
 * model of the spectrum it shows goes to the document, for the figures (model-changed). */
static void
publish_model (EisfitWindow *self)
{
  EisfitFitPanel *panel = PANEL (self);
  EisfitSpectrumItem *item = eisfit_fit_panel_get_spectrum (panel);
  const EisCircuit *model = eisfit_fit_panel_get_model (panel);
  g_autofree double *values = NULL;

  if (model)
    {
      values = g_new (double, eis_circuit_n_params (model) + 1);
      eisfit_param_table_get (eisfit_fit_panel_get_param_table (panel), values, NULL, NULL, NULL);
    }
  eisfit_document_set_model (self->document, item, model, values,
                             eisfit_fit_panel_get_user_edited (panel)
                               && eisfit_fit_panel_get_table_item (panel) == item);
}

/* TRUE when the table was edited since the current spectrum's fit: the panels that come from
 * the fit (σ, arcs, χ², standard errors) are the last fit's, not the table's. */
gboolean
eisfit_window_panels_stale (EisfitWindow *self)
{
  return eisfit_fit_panel_is_stale (PANEL (self));
}

/* ---------------------------------------------------------------- the side panel's signals */

/* The entry's text changed: kept for the next session, a step of undo (the table before). */
static void
panel_circuit_changed_cb (EisfitFitPanel *panel, const char *before, EisfitWindow *self)
{
  eisfit_settings_set (&self->settings->circuit,
                       gtk_editable_get_text (eisfit_fit_panel_get_circuit_entry (panel)));
  eisfit_window_undo_circuit_changed (self, before);
  /* the circuit of the last session or of --circuit, set before any file is open, is
   * nothing to save */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    eisfit_window_mark_changed (self);
}

static void
panel_model_changed_cb (EisfitFitPanel *panel, EisfitWindow *self)
{
  publish_model (self);
}

static void
panel_table_edited_cb (EisfitFitPanel *panel, gboolean became_stale, EisfitWindow *self)
{
  eisfit_window_undo_table_changed (self);
  eisfit_window_mark_changed (self);
  /* the model curve and the residuals follow the table at once */
  publish_model (self);
}

static void
panel_table_shown_cb (EisfitFitPanel *panel, EisfitWindow *self)
{
  eisfit_window_undo_table_shown (self);
  publish_model (self);
}

/* The geometry typed (the panel gave it to the selected spectra's files): kept for the next
 * session; the figures and the series that use it follow. */
static void
panel_geometry_changed_cb (EisfitFitPanel *panel, EisfitWindow *self)
{
  const char *t, *d, *a, *file, *cell;
  gboolean restored;

  eisfit_fit_panel_get_default_geometry (panel, &t, &d, &a, NULL);
  eisfit_fit_panel_get_default_geometry_owner (panel, &file, &cell, &restored);
  eisfit_window_mark_changed (self);
  eisfit_settings_set (&self->settings->thickness, t);
  eisfit_settings_set (&self->settings->diameter, d);
  eisfit_settings_set (&self->settings->area, a);
  eisfit_settings_set (&self->settings->geometry_file, file);
  eisfit_settings_set (&self->settings->geometry_cell, cell);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
}

static void
panel_temperature_changed_cb (EisfitFitPanel *panel, EisfitWindow *self)
{
  eisfit_window_mark_changed (self);
  eisfit_series_page_inputs_changed (EISFIT_SERIES_PAGE (self->series_page));
}

static void
update_all (EisfitWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr (GPtrArray) items = eisfit_window_selected_items (self);
  EisfitSpectrumItem *first = items->len ? g_ptr_array_index (items, 0) : NULL;

  g_set_object (&self->current, first);
  eisfit_fit_panel_set_spectrum (PANEL (self), first);
  /* the title says what is shown: "pellet-25C.csv — eisfit", "pellet-25C.csv and 5 more" */
  eisfit_window_update_title (self);
  eisfit_window_update_exclusions_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit", first && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fit-all", first && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-plot", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project",
                                 n > 0 || self->files->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project-as",
                                 n > 0 || self->files->len > 0);
  eisfit_window_undo_update (self);
}

void
eisfit_window_refresh (EisfitWindow *self)
{
  update_all (self);
}

static void
selection_changed_cb (GtkSelectionModel *model, guint position, guint n_items,
                      EisfitWindow *self)
{
  eisfit_window_undo_close (self); /* table edits of another spectrum are another step */
  update_all (self);
}

/* ---------------------------------------------------------------- spectra in and out */

/* A spectrum moved to its place in the list (its temperature changed): the Transference page's
 * lists name the spectra by position, so they are built again (its choices stay). */
static void
spectra_reordered_cb (EisfitDocument *document, EisfitWindow *self)
{
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
}

/* A fit was made, undone or read from a project: the project has changed. */
static void
fit_changed_cb (EisfitDocument *document, EisfitSpectrumItem *item, EisfitWindow *self)
{
  eisfit_window_mark_changed (self);
}

static void
document_notify_cb (EisfitDocument *document, GParamSpec *pspec, EisfitWindow *self)
{
  eisfit_window_update_title (self);
}

void
eisfit_window_remove_items (EisfitWindow *self, GPtrArray *items)
{
  guint i;

  eisfit_window_undo_record_remove (self, items);
  for (i = 0; i < items->len; i++)
    eisfit_document_remove_spectrum (self->document, g_ptr_array_index (items, i), NULL);
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  update_all (self);
}

void
eisfit_window_restore_items (EisfitWindow *self, GPtrArray *items, const guint *positions)
{
  guint i;

  for (i = 0; i < items->len; i++)
    eisfit_document_insert_spectrum (self->document, positions[i], g_ptr_array_index (items, i));
  /* a temperature changed since they were removed: each goes to its place in the list's order */
  for (i = 0; i < items->len; i++)
    eisfit_document_place_spectrum (self->document, g_ptr_array_index (items, i));
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  for (i = 0; i < items->len; i++)
    {
      guint pos;

      if (g_list_store_find (self->store, g_ptr_array_index (items, i), &pos))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos, i == 0);
    }
  update_all (self);
}

static void
about_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  static const char *const authors[] = { "The eisfit authors", NULL };

  gtk_show_about_dialog (GTK_WINDOW (widget),
                         "program-name", "eisfit",
                         "logo-icon-name", "io.github.eisfit.Eisfit",
                         "version", PACKAGE_VERSION,
                         "comments", "Impedance spectra of solid and quasi-solid electrolytes: "
                                     "equivalent-circuit fits, conductivity, Arrhenius, "
                                     "Lin-KK and Bruce–Vincent transference numbers.",
                         "website", PACKAGE_URL,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

/* ---------------------------------------------------------------- setup */

gboolean
eisfit_window_show_page (EisfitWindow *self, const char *name)
{
  int i = eisfit_window_page_index (name);
  GtkWidget *child;

  if (i < 0)
    return FALSE;
  /* the tab that holds the figure (the tabs' order is not the figures') */
  child = i == PAGE_TRANSFERENCE ? self->transference_page
          : i == PAGE_DRT ? self->drt_page
          : i == PAGE_SERIES ? self->series_page
          : self->plot_views[i];
  while (child && gtk_notebook_page_num (GTK_NOTEBOOK (self->stack), child) < 0)
    child = gtk_widget_get_parent (child);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (self->stack),
                                 gtk_notebook_page_num (GTK_NOTEBOOK (self->stack), child));
  return TRUE;
}

int
eisfit_window_page_index (const char *name)
{
  /* in the order of Page, then PAGE_TRANSFERENCE, PAGE_DRT and PAGE_SERIES */
  static const char *const names[] = { "nyquist", "bode", "residuals", "kk", "arrhenius",
                                       "transference", "drt", "series" };
  int i;

  for (i = 0; i < (int) G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return i;
  return -1;
}

void
eisfit_window_set_fit_series (EisfitWindow *self, gboolean series)
{
  self->batch_series = series;
}

gboolean
eisfit_window_set_series_joint (EisfitWindow *self, const char *shared, const char *law)
{
  eisfit_series_page_set_shared (EISFIT_SERIES_PAGE (self->series_page), shared);
  return !law || eisfit_series_page_set_law (EISFIT_SERIES_PAGE (self->series_page), law);
}

void
eisfit_window_set_print_results (EisfitWindow *self, gboolean print)
{
  self->batch_print_results = print;
}

void
eisfit_window_set_echo_errors (EisfitWindow *self, gboolean echo)
{
  self->echo_errors = echo;
}

void
eisfit_window_set_circuit_text (EisfitWindow *self, const char *text)
{
  eisfit_fit_panel_set_circuit_text (PANEL (self), text);
  eisfit_series_page_set_circuit (EISFIT_SERIES_PAGE (self->series_page), text);
}

/* The command line's geometry (NULL leaves one as it is): every file's, open or opened later,
 * without a note (the user gave it for all). */
void
eisfit_window_set_geometry (EisfitWindow *self, const char *thickness, const char *diameter,
                            const char *area)
{
  guint i, n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  const char *t, *d, *a, *note;

  eisfit_fit_panel_get_default_geometry (PANEL (self), &t, &d, &a, NULL);
  eisfit_fit_panel_set_default_geometry (PANEL (self), thickness ? thickness : t,
                                        diameter ? diameter : d, area ? area : a, "");
  eisfit_fit_panel_set_default_geometry_owner (PANEL (self), NULL, "", FALSE); /* for all */
  eisfit_fit_panel_get_default_geometry (PANEL (self), &t, &d, &a, &note);
  for (i = 0; i < n; i++)
    {
      g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      eisfit_spectrum_item_set_geometry (item, t, d, a, note);
    }
  eisfit_fit_panel_update_results (PANEL (self));
}

/* Closing (the close button, Ctrl+W, Ctrl+Q): saves the settings, and asks first when fits have
 * been made since the project was last saved (not in batch or test runs). */
static gboolean
close_request_cb (GtkWindow *window, EisfitWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (!self->batch_done && !eisfit_settings_save (self->settings, &error))
    g_warning ("could not save the settings: %s", error->message);
  if (self->batch_done || (self->testing && !self->testing_ask && !self->quit_dialog))
    return FALSE;
  return eisfit_window_ask_before_closing (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkBuilder *b = gtk_builder_new_from_resource ("/io/github/eisfit/Eisfit/eisfit-spectrum-row.ui");

  gtk_list_item_set_child (li, GTK_WIDGET (gtk_builder_get_object (b, "row")));
  g_object_unref (b);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  EisfitSpectrumItem *item = gtk_list_item_get_item (li);
  GtkWidget *row = gtk_list_item_get_child (li);
  GtkWidget *title = gtk_widget_get_first_child (row);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  gtk_label_set_text (GTK_LABEL (title), eisfit_spectrum_item_get_title (item));
  g_object_set_data (G_OBJECT (row), "eisfit-item", item); /* for the context menu */
  g_object_set_data (G_OBJECT (subtitle), "binding",
                     g_object_bind_property (item, "subtitle", subtitle, "label",
                                             G_BINDING_SYNC_CREATE));
  gtk_widget_set_tooltip_text (row, eisfit_spectrum_item_get_spectrum (item)->source);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkWidget *row = gtk_list_item_get_child (li);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  GBinding *binding = g_object_get_data (G_OBJECT (subtitle), "binding");

  if (binding)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (subtitle), "binding", NULL);
  g_object_set_data (G_OBJECT (row), "eisfit-item", NULL);
}

static void
eisfit_window_dispose (GObject *object)
{
  EisfitWindow *self = EISFIT_WINDOW (object);

  g_clear_object (&self->current);
  g_clear_pointer (&self->opened, g_ptr_array_unref);
  g_clear_pointer (&self->series_where, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EISFIT_TYPE_WINDOW);
  g_clear_object (&self->selection);
  self->store = NULL;
  self->series = self->files = NULL;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (eisfit_window_parent_class)->dispose (object);
}

static void
eisfit_window_finalize (GObject *object)
{
  EisfitWindow *self = EISFIT_WINDOW (object);

  eisfit_settings_free (self->settings);
  g_free (self->batch_screenshot);
  g_free (self->batch_export);
  eis_project_free (self->project_missing);
  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);
  g_free (self->table_inputs_before);
  G_OBJECT_CLASS (eisfit_window_parent_class)->finalize (object);
}

static void
eisfit_window_class_init (EisfitWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eisfit_window_dispose;
  object_class->finalize = eisfit_window_finalize;

  g_type_ensure (EISFIT_TYPE_PLOT_VIEW);
  g_type_ensure (EISFIT_TYPE_TRANSFERENCE_PAGE);
  g_type_ensure (EISFIT_TYPE_DRT_PAGE);
  g_type_ensure (EISFIT_TYPE_FIT_PANEL);
  g_type_ensure (EISFIT_TYPE_SERIES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eisfit/Eisfit/eisfit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, spectrum_list);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, panel_scroller);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, transference_page);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, drt_page);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, series_page);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, fit_panel);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, hover_label);
  gtk_widget_class_bind_template_child (widget_class, EisfitWindow, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  eisfit_window_figures_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, eisfit_window_open_action);
  eisfit_window_fit_class_init (widget_class);
  eisfit_window_list_class_init (widget_class);
  eisfit_window_export_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  eisfit_window_install_project_actions (widget_class);
  eisfit_window_install_undo_actions (widget_class);
}

static void
eisfit_window_init (EisfitWindow *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  eisfit_window_list_init (self);
  eisfit_window_layout_init (self);
  self->settings = eisfit_settings_load ();
  eisfit_window_layout_restore (self);
  self->document = eisfit_document_new ();
  self->files = eisfit_document_get_files (self->document);
  self->opened = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) eisfit_undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) eisfit_undo_step_free);
  self->series = eisfit_document_get_series (self->document);
  self->store = eisfit_document_get_store (self->document);
  g_signal_connect (self->fit_panel, "circuit-changed", G_CALLBACK (panel_circuit_changed_cb), self);
  g_signal_connect (self->fit_panel, "model-changed", G_CALLBACK (panel_model_changed_cb), self);
  g_signal_connect (self->fit_panel, "table-edited", G_CALLBACK (panel_table_edited_cb), self);
  g_signal_connect (self->fit_panel, "table-shown", G_CALLBACK (panel_table_shown_cb), self);
  g_signal_connect (self->fit_panel, "geometry-changed", G_CALLBACK (panel_geometry_changed_cb),
                    self);
  g_signal_connect (self->fit_panel, "temperature-changed",
                    G_CALLBACK (panel_temperature_changed_cb), self);
  g_signal_connect_swapped (self->fit_panel, "apply-geometry-all",
                            G_CALLBACK (eisfit_window_apply_geometry_all), self);
  g_signal_connect (self->document, "fit-changed", G_CALLBACK (fit_changed_cb), self);
  g_signal_connect (self->document, "spectra-reordered", G_CALLBACK (spectra_reordered_cb), self);
  g_signal_connect (self->document, "notify::dirty", G_CALLBACK (document_notify_cb), self);
  g_signal_connect (self->document, "notify::path", G_CALLBACK (document_notify_cb), self);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  eisfit_fit_panel_set_data (PANEL (self), self->document, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                    self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->spectrum_list), factory);
  g_object_unref (factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->spectrum_list),
                           GTK_SELECTION_MODEL (self->selection));

  eisfit_window_figures_init (self);

  eisfit_window_exclusions_init (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (eisfit_window_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* last circuit and geometry */
  eisfit_fit_panel_set_circuit_text (PANEL (self), self->settings->circuit);
  eisfit_fit_panel_set_default_geometry (PANEL (self), self->settings->thickness, self->settings->diameter,
                        self->settings->area, "from the last session");
  /* given to files of the sample it was typed for only (a pellet's is no Li|Li cell's) */
  eisfit_fit_panel_set_default_geometry_owner (PANEL (self), self->settings->geometry_file,
                                               self->settings->geometry_cell, TRUE);
  eisfit_window_fit_init (self);
  eisfit_transference_page_set_data (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                     G_LIST_MODEL (self->store), self->series);
  eisfit_series_page_set_data (EISFIT_SERIES_PAGE (self->series_page), G_LIST_MODEL (self->store),
                               GTK_SELECTION_MODEL (self->selection), series_geometry_cb, self);
  eisfit_series_page_set_adopt_func (EISFIT_SERIES_PAGE (self->series_page), series_adopt_cb, self);
  eisfit_series_page_set_fitted_func (EISFIT_SERIES_PAGE (self->series_page), series_fitted_cb,
                                      self);
  eisfit_series_page_set_folder_funcs (EISFIT_SERIES_PAGE (self->series_page), series_folder_cb,
                                       series_saved_cb, self);
  update_all (self);
}

EisfitWindow *
eisfit_window_new (GtkApplication *app)
{
  return g_object_new (EISFIT_TYPE_WINDOW, "application", app, NULL);
}
