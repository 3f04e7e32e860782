/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The eisfit-gtk application object (see eisfit-application.h). */
#include <config.h>

#include "eisfit-application.h"
#include "conductivity.h"
#include "units.h"

#include "eisfit-window.h"

#include <locale.h>
#include <stdio.h>

struct _EisfitApplication {
  GtkApplication parent_instance;

  char *screenshot;  /* --screenshot FILE */
  char *export_plot; /* --export-plot FILE */
  gboolean print_params;
  gboolean print_results; /* --print-results: JSON of what the window shows */
  gboolean series;        /* --series: also the open spectra as one series */
  char *shared;           /* --shared NAMES: the series' parameters common to all spectra */
  char *law;              /* --law LAW: the temperature law inside the series' joint fit */
  char *test_script;      /* --test-script FILE */
  gboolean script_started;
  char *circuit;     /* --circuit TEXT ("auto" = automatic) */
  char *thickness, *diameter, *area;
  char *cell;        /* --cell: blocking, li-symmetric or liquid, for the files opened */
  char *page;        /* --page NAME */
  char *size;        /* --size WIDTHxHEIGHT */
  gboolean fit_all;
  int exit_status;
  EisfitExclusions *exclusions; /* --exclude, --exclude-points; NULL when none */
};

G_DEFINE_FINAL_TYPE (EisfitApplication, eisfit_application, GTK_TYPE_APPLICATION)

static gboolean
batch_mode (EisfitApplication *self)
{
  return self->screenshot || self->export_plot || self->print_params || self->print_results;
}

static void
script_done_cb (EisfitWindow *window, int status, gpointer data)
{
  EisfitApplication *self = data;

  self->exit_status = status;
}

static void
batch_done_cb (EisfitWindow *window, int status, gpointer data)
{
  EisfitApplication *self = data;

  self->exit_status = status;
  gtk_window_destroy (GTK_WINDOW (window));
}

static EisfitWindow *
new_window (EisfitApplication *self)
{
  EisfitWindow *window = eisfit_window_new (GTK_APPLICATION (self));

  eisfit_window_set_echo_errors (window, batch_mode (self) || self->test_script);
  eisfit_window_set_print_results (window, self->print_results);
  eisfit_window_set_fit_series (window, self->series);
  eisfit_window_set_series_joint (window, self->shared, self->law);   /* --law checked before */
  /* --size and --page were checked with the other options (handle_local_options) */
  if (self->size)
    {
      int w = 0, h = 0;

      if (sscanf (self->size, "%dx%d", &w, &h) == 2)
        gtk_window_set_default_size (GTK_WINDOW (window), w, h);
    }
  if (self->page)
    eisfit_window_show_page (window, self->page);

  if (self->circuit)
    eisfit_window_set_circuit_text (window, g_ascii_strcasecmp (self->circuit, "auto") == 0
                                              ? "" : self->circuit);
  else if (batch_mode (self))
    eisfit_window_set_circuit_text (window, ""); /* automatic, whatever was saved */
  if (self->thickness || self->diameter || self->area || batch_mode (self))
    eisfit_window_set_geometry (window, self->thickness ? self->thickness : "",
                                self->diameter ? self->diameter : "",
                                self->area ? self->area : "");
  return window;
}

/* --test-script: its steps run in WINDOW (once: a second activation does not start them
 * again), after the files of the command line were opened. */
static void
start_script (EisfitApplication *self, GtkWindow *window)
{
  g_autoptr (GError) error = NULL;

  if (!self->test_script || self->script_started)
    return;
  self->script_started = TRUE;
  if (!eisfit_window_run_script (EISFIT_WINDOW (window), self->test_script, script_done_cb,
                                 self, &error))
    {
      g_printerr ("eisfit-gtk: --test-script: %s\n", error->message);
      self->exit_status = 1;
      gtk_window_destroy (window);
    }
}

static void
eisfit_application_activate (GApplication *app)
{
  EisfitApplication *self = EISFIT_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (batch_mode (self))
    {
      g_printerr ("eisfit-gtk: --screenshot, --export-plot, --print-params and --print-results "
                  "need a file to open\n");
      self->exit_status = 1;
      return;
    }
  if (!window)
    window = GTK_WINDOW (new_window (self));
  gtk_window_present (window);
  start_script (self, window);
}

static void
eisfit_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  EisfitApplication *self = EISFIT_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  EisfitWindow *window = active ? EISFIT_WINDOW (active) : new_window (self);
  g_autoptr (GPtrArray) data = g_ptr_array_new ();

  /* FILE.eisfit is a project (eisfit-window-project.c); the others are data */
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path && g_str_has_suffix (path, ".eisfit"))
        {
          g_autoptr (GError) error = NULL;

          if (!eisfit_window_open_project (window, path, &error))
            {
              g_printerr ("eisfit-gtk: %s\n", error->message);
              if (batch_mode (self))
                {
                  self->exit_status = 2;
                  gtk_window_destroy (GTK_WINDOW (window));
                  return;
                }
            }
        }
      else
        g_ptr_array_add (data, files[i]);
    }
  if (data->len)
    {
      guint added = eisfit_window_open_files (window, (GFile **) data->pdata, data->len);

      if (self->cell && added)
        eisfit_window_set_cell_of_last (window, added, self->cell);
    }
  if (self->exclusions && !eisfit_window_exclude (window, self->exclusions) && batch_mode (self))
    {
      /* as eisfit: a point that is not there is an error, not a silent full fit */
      self->exit_status = 1;
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
  if (batch_mode (self))
    eisfit_window_run_batch (window, self->screenshot, self->export_plot, self->print_params,
                             self->fit_all, batch_done_cb, self);
  else
    start_script (self, GTK_WINDOW (window)); /* files given on the command line: open calls
                                               * no activate */
}

static int
eisfit_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  EisfitApplication *self = EISFIT_APPLICATION (app);

  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot);
  g_variant_dict_lookup (options, "export-plot", "^ay", &self->export_plot);
  g_variant_dict_lookup (options, "print-params", "b", &self->print_params);
  g_variant_dict_lookup (options, "print-results", "b", &self->print_results);
  g_variant_dict_lookup (options, "test-script", "^ay", &self->test_script);
  g_variant_dict_lookup (options, "circuit", "s", &self->circuit);
  g_variant_dict_lookup (options, "thickness", "s", &self->thickness);
  g_variant_dict_lookup (options, "cell", "s", &self->cell);
  g_variant_dict_lookup (options, "diameter", "s", &self->diameter);
  g_variant_dict_lookup (options, "area", "s", &self->area);
  g_variant_dict_lookup (options, "page", "s", &self->page);
  g_variant_dict_lookup (options, "size", "s", &self->size);
  g_variant_dict_lookup (options, "fit-all", "b", &self->fit_all);
  g_variant_dict_lookup (options, "series", "b", &self->series);
  g_variant_dict_lookup (options, "shared", "s", &self->shared);
  g_variant_dict_lookup (options, "law", "s", &self->law);
  {
    g_autofree char **ranges = NULL, **points = NULL;
    const char *const *r;

    g_variant_dict_lookup (options, "exclude", "^a&s", &ranges);
    g_variant_dict_lookup (options, "exclude-points", "^a&s", &points);
    if ((ranges && *ranges) || (points && *points))
      self->exclusions = eisfit_exclusions_new ();
    for (r = (const char *const *) ranges; r && *r; r++)
      if (!eisfit_exclusions_parse_range (self->exclusions, *r))
        {
          g_printerr ("eisfit-gtk: --exclude: \"%s\": expected F1:F2, two positive frequencies "
                      "in Hz (e.g. 1e6:1e7)\n", *r);
          return 1;
        }
    for (r = (const char *const *) points; r && *r; r++)
      if (!eisfit_exclusions_parse_points (self->exclusions, *r))
        {
          g_printerr ("eisfit-gtk: --exclude-points: \"%s\": expected point numbers from 1, "
                      "separated by commas (e.g. 3,17,40)\n", *r);
          return 1;
        }
  }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("eisfit-gtk %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* Options checked before any window opens: a batch run with a bad one exits 1, as eisfit. */
  {
    double v, se;
    int w = 0, h = 0;
    if (self->page && eisfit_window_page_index (self->page) < 0)
      {
        g_printerr ("eisfit-gtk: --page %s: expected nyquist, bode, residuals, kk, drt, "
                    "arrhenius, transference or series\n", self->page);
        return 1;
      }
    if (self->law && g_ascii_strcasecmp (self->law, "none") != 0
        && g_ascii_strcasecmp (self->law, "arrhenius") != 0
        && g_ascii_strcasecmp (self->law, "vtf") != 0)
      {
        g_printerr ("eisfit-gtk: --law %s: expected none, arrhenius or vtf\n", self->law);
        return 1;
      }
    if (self->size && !(sscanf (self->size, "%dx%d", &w, &h) == 2 && w > 0 && h > 0))
      {
        g_printerr ("eisfit-gtk: --size %s: expected WIDTHxHEIGHT, e.g. 1280x800\n", self->size);
        return 1;
      }
    if (self->cell && eis_cell_parse (self->cell) <= 0)
      {
        g_printerr ("eisfit-gtk: --cell %s: expected blocking, li-symmetric or liquid\n",
                    self->cell);
        return 1;
      }
    {
      /* each checked with the engine's message, as eisfit's --thickness (a length below 1 nm
       * is a unit slip) */
      const char *what[] = { "thickness", "diameter", "area" };
      const char *text[] = { self->thickness, self->diameter, self->area };

      for (int i = 0; i < 3; i++)
        {
          EisError err = { 0 };

          if (text[i] && eis_parse_geometry_value (what[i], text[i], &v, &se, &err) != 0)
            {
              g_printerr ("eisfit-gtk: --%s\n", err.message);
              return 1;
            }
        }
    }
  }
  /* options act on this process: never hand the files to an instance already running */
  if (batch_mode (self) || self->test_script || self->circuit || self->thickness || self->diameter || self->area
      || self->cell
      || self->page || self->size || self->exclusions)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

/* Quit (Ctrl+Q) closes every window as its close button does: each saves the settings and asks
 * before fitted work is lost; the application ends with its last window. */
static void
quit_activate_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (data)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
eisfit_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "win.open", { "<Control>o", NULL } },
    { "win.open-project", { "<Control><Shift>o", NULL } },
    { "win.save-project", { "<Control>s", NULL } },
    { "win.save-project-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.fit", { "<Control>f", NULL } },
    { "win.fit-all", { "<Control><Shift>f", NULL } },
    { "win.export-plot", { "<Control>e", NULL } },
    { "win.export-csv", { "<Control><Shift>e", NULL } },
    { "win.reset-zoom", { "<Control>0", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "app.quit", { "<Control>q", NULL } },
  };
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  GSimpleAction *quit;
  size_t i;

  G_APPLICATION_CLASS (eisfit_application_parent_class)->startup (app);
  /* the engine reads and writes numbers with a dot, whatever the user's locale */
  setlocale (LC_NUMERIC, "C");
  gtk_css_provider_load_from_resource (css, "/io/github/eisfit/Eisfit/eisfit-style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name ("io.github.eisfit.Eisfit");
  quit = g_simple_action_new ("quit", NULL);
  g_signal_connect (quit, "activate", G_CALLBACK (quit_activate_cb), app);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (quit));
  g_object_unref (quit);
  for (i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
eisfit_application_finalize (GObject *object)
{
  EisfitApplication *self = EISFIT_APPLICATION (object);

  g_free (self->screenshot);
  g_free (self->export_plot);
  g_free (self->test_script);
  g_free (self->circuit);
  g_free (self->thickness);
  g_free (self->cell);
  g_free (self->diameter);
  g_free (self->area);
  g_free (self->page);
  g_free (self->size);
  g_free (self->shared);
  g_free (self->law);
  eisfit_exclusions_free (self->exclusions);
  G_OBJECT_CLASS (eisfit_application_parent_class)->finalize (object);
}

static void
eisfit_application_class_init (EisfitApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = eisfit_application_finalize;
  app_class->activate = eisfit_application_activate;
  app_class->open = eisfit_application_open;
  app_class->startup = eisfit_application_startup;
  app_class->handle_local_options = eisfit_application_handle_local_options;
}

static void
eisfit_application_init (EisfitApplication *self)
{
  static const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Fit the first spectrum, save the window as a PNG image to FILE and exit", "FILE" },
    { "export-plot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Fit like --screenshot, export the figure shown (see --page) to FILE (.png, .svg or .pdf) "
      "and exit", "FILE" },
    { "print-params", 0, 0, G_OPTION_ARG_NONE, NULL,
      "Fit the first spectrum, print its parameters (name value stderr) and exit", NULL },
    { "print-results", 0, 0, G_OPTION_ARG_NONE, NULL,
      "Fit (every spectrum with --fit-all), print what the window shows as JSON (spectra, "
      "Arrhenius, transference) and exit", NULL },
    { "test-script", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL,
      "Run the steps of FILE in the window (for the tests)", "FILE" },
    { "circuit", 'c', 0, G_OPTION_ARG_STRING, NULL,
      "Circuit to fit (either notation; \"auto\": pick by BIC)", "CIRCUIT" },
    { "thickness", 0, 0, G_OPTION_ARG_STRING, NULL, "Pellet thickness, e.g. 0.6mm", "LENGTH" },
    { "diameter", 0, 0, G_OPTION_ARG_STRING, NULL, "Electrode diameter, e.g. 10mm", "LENGTH" },
    { "cell", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Cell type of the files opened: blocking, li-symmetric or liquid (as eisfit --cell)",
      "TYPE" },
    { "area", 0, 0, G_OPTION_ARG_STRING, NULL, "Electrode area, e.g. 0.785cm2", "AREA" },
    { "fit-all", 0, 0, G_OPTION_ARG_NONE, NULL,
      "In batch mode: select and fit every spectrum, not only the first",
      NULL },
    { "series", 0, 0, G_OPTION_ARG_NONE, NULL,
      "In batch mode: then fit every open spectrum as one series (the Series page, as eisfit "
      "series); --print-results prints it as \"series\"", NULL },
    { "shared", 0, 0, G_OPTION_ARG_STRING, NULL,
      "The Series page's parameters common to all spectra, as eisfit series --shared",
      "NAME,..." },
    { "law", 0, 0, G_OPTION_ARG_STRING, NULL,
      "The Series page's temperature law inside the joint fit: none, arrhenius or vtf (as "
      "eisfit arrhenius --global [--vtf])", "LAW" },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      "Leave the frequencies from F1 to F2 Hz out of every spectrum opened (repeatable)",
      "F1:F2" },
    { "exclude-points", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      "Leave these points out of every spectrum opened (numbered from 1 in order of ascending "
      "frequency, as eisfit --exclude-points)", "I,J,..." },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Figure to show: nyquist, bode, residuals, kk, drt, arrhenius, transference, series",
      "NAME" },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, "Window size, e.g. 1280x800", "WxH" },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, "Print the version and exit", NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), "[FILE…]");
  g_application_set_option_context_summary (
    G_APPLICATION (self), "Fit equivalent circuits to impedance spectra of electrolytes.");
}

EisfitApplication *
eisfit_application_new (void)
{
  return g_object_new (EISFIT_TYPE_APPLICATION, "application-id", "io.github.eisfit.Eisfit",
                       "flags", G_APPLICATION_HANDLES_OPEN, NULL);
}

int
eisfit_application_get_exit_status (EisfitApplication *self)
{
  return self->exit_status;
}
