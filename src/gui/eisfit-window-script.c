/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eisfit-gtk --test-script FILE: drives the window as a user would, one step per line, and
 * prints what it shows, for the GUI tests (tests/gui). Each step waits until the fits started
 * by the one before have finished, and the DRT it started (computed in a thread) unless after
 * "drt-async". Steps:
 *   open FILE...            select all | select N...  (0-based list positions)
 *   fit | fit-all           page NAME              circuit [TEXT]      type-circuit TEXT
 *   undo-circuit (Ctrl+Z in the circuit entry)
 *   param NAME value|min|max|fix TEXT                 geometry THICKNESS DIAMETER AREA
 *   cell TYPE               (blocking, li-symmetric or liquid: every open file, as --cell)
 *   geometry-all            (the Geometry's Apply to all files)
 *   compute                 choose BEFORE AFTER    (Transference: 1-based, 0 = none)
 *   transference WHAT VALUE (Transference: method, i0, spike, dV, R_b, R_int,0 (or R0),
 *                            R_int,ss (or R_ss), arcs (the interface arcs, R1,R2), during
 *                            none|all|N,M... = the spectra checked during the hold)
 *   exclude F1:F2           (leaves a frequency range out of the spectrum shown)
 *   preset N                (the circuit drop-down's Nth choice)
 *   print WHAT              (table, inputs, layout, fit-info, banner, banner-style (none, error or
 *                            notice), transference, arrhenius, drt, bic,
 *                            conductivity, arcs, title, figure-titles, placeholders, geometry,
 *                            circuit, json, sigma-shown, parameters-heading, entry-hints)
 *   screenshot FILE         export-csv FILE        quit | close     wait MS     # comment
 *   drt-async               (the steps after it no longer wait for the DRT page's thread: a user
 *                           who goes on while it computes)      wait drt   (waits for it once)
 *   print time              ("time: N ms" since the script started: how long steps took)
 *   close-banner            (the banner's close button)
 *   quit-asking             (Ctrl+Q that may ask: prints the question, answers Cancel)
 *   save-project FILE       open-project FILE      (as File > Save Project As / Open Project)
 *   undo | redo             (Ctrl+Z, Ctrl+Shift+Z)
 *   series-fit [all|selected] [ORDER] [CIRCUIT]   (the Series page's Fit series; ORDER auto,
 *                           temperature, time or index; waits for the fit)
 *   series-trends X [QUANTITIES]   (the trends against T, invT, time or index)
 *   series-csv FILE [force] (Export CSV; an existing FILE only with force)
 *   series-shared [NAMES]   series-law none|arrhenius|vtf   (the joint fit's choices)
 *   series-adopt            (Use these fits for the spectra)
 *   export-figure FILE WIDTH_CM HEIGHT_CM DPI FONT_PT [TITLE]   (Export Figure of the page shown)
 *   label N [TEXT]          remove N               copy-figure         copy-table
 *   print-list              (each row's name as drawn, "(shortened)" when cut)
 *   type-temperature TEXT   (the side panel's Temperature of the spectrum shown, key by key)
 *   reset-zoom              (Ctrl+0: zoomed, all the data; not zoomed, all or the arcs)
 *   export-arrhenius FILE   export-ea FILE         (eisfit-window-list.c)
 *   print clipboard | legend
 *   print save-folder       (the folder the save dialogs open in: one is made, asked, dropped)
 *   menu X Y                (the list's menu as a right-click at X, Y opens it: prints where,
 *                           and how much of its items it shows; eisfit-window-list.c)
 *   panel toggle|drag PX    print-panel            resize WIDTH HEIGHT  (eisfit-window-layout.c)
 *   divider drt|series PX   (the handle under the DRT's figure, or between the Series page's
 *                           table and trends, dragged to PX from the top of the pane)
 *   cell N TYPE [THICKNESS DIAMETER AREA [TEMPERATURE]]   (spectrum N's file properties, TYPE
 *                           blocking, li-symmetric, liquid or none)   print-cells   file-properties N
 *   leads N VALUE           (spectrum N's file's lead resistance, as the dialog's Leads; none)
 *                           (eisfit-window-cell.c)
 *   figure-state NAME       document remove|unfit N   document label|exclude|temperature N VALUE
 *                           (eisfit-window-figures.c) */
#include <config.h>

#include "eisfit-window-private.h"

#include <stdio.h>
#include <math.h>
#include <string.h>

#include "eisfit-param-table.h"
#include "eisfit-plot-view.h"
#include "eisfit-series-page.h"
#include "eisfit-transference-page.h"
#include "eisfit-drt-page.h"
#include "eisfit-figure-page.h"
#include "eisfit-bic-table.h"
#include "eisfit-conductivity-panel.h"

typedef struct {
  EisfitWindow *window;
  char **lines;
  guint next;
  int status;
  EisfitWindowDoneFunc done;
  gpointer done_data;
  gboolean finished; /* a step closed the window */
  gint64 resume_us;  /* "wait": no step before this monotonic time */
  gint64 start_us;   /* when the script started */
  gboolean drt_async; /* "drt-async": steps do not wait for the DRT page's thread */
  gboolean wait_drt; /* "wait drt": the next step waits for it */
  guint draw_tries;  /* "screenshot" before the page shown is laid out: tries again */
  gboolean again;    /* the step runs again at the next tick */
} Script;

static void
print_what (EisfitWindow *self, const char *what)
{
  static const char *const pages[] = { "nyquist", "bode", "residuals", "kk", "arrhenius" };
  g_autofree char *text = NULL;
  int i;

  if ((text = eisfit_fit_panel_dup_text (PANEL (self), what)))
    ; /* the side panel's: table, inputs, fit-info, conductivity, arcs, bic, geometry, circuit */
  else if (strcmp (what, "banner") == 0)
    text = g_strdup_printf ("%s\n", gtk_revealer_get_reveal_child (GTK_REVEALER (self->banner))
                                      ? gtk_label_get_text (GTK_LABEL (self->banner_label)) : "");
  else if (strcmp (what, "banner-style") == 0)
    text = g_strdup_printf ("%s\n", !gtk_revealer_get_reveal_child (GTK_REVEALER (self->banner))
                                      ? "none"
                                      : gtk_widget_has_css_class (self->banner, "notice")
                                      ? "notice" : "error");
  else if (strcmp (what, "transference") == 0)
    text = eisfit_transference_page_dup_state (
      EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  else if (strcmp (what, "drt") == 0)
    text = eisfit_drt_page_dup_state (EISFIT_DRT_PAGE (self->drt_page));
  else if (strcmp (what, "arrhenius") == 0)
    {
      g_autofree char *summary = eisfit_figure_page_dup_summary (
        EISFIT_FIGURE_PAGE (self->figure_pages[PAGE_ARRHENIUS]));

      text = g_strdup_printf ("%s\n", summary);
    }
  else if (strcmp (what, "rows") == 0)
    {
      /* the list's rows: title and subtitle, one row a line */
      GString *s = g_string_new (NULL);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      for (i = 0; i < (int) n; i++)
        {
          g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store),
                                                                       (guint) i);

          g_string_append_printf (s, "%s: %s\n", eisfit_spectrum_item_get_title (item),
                                  eisfit_spectrum_item_get_subtitle (item));
        }
      text = g_string_free (s, FALSE);
    }
  else if (strcmp (what, "title") == 0)
    text = g_strdup_printf ("%s\n", gtk_window_get_title (GTK_WINDOW (self)));
  else if (strcmp (what, "figure-titles") == 0)
    {
      g_autofree char *r = eisfit_figure_page_dup_title (
        EISFIT_FIGURE_PAGE (self->figure_pages[PAGE_RESIDUALS]));
      g_autofree char *k = eisfit_figure_page_dup_title (
        EISFIT_FIGURE_PAGE (self->figure_pages[PAGE_KK]));

      text = g_strdup_printf ("residuals: %s\nkk: %s\n", r ? r : "", k ? k : "");
    }
  else if (strcmp (what, "save-folder") == 0)
    {
      GtkFileChooserNative *d = eisfit_window_new_save_dialog (self, "Export results", "_Export",
                                                               "eisfit-results.csv");
      g_autoptr (GFile) f = NULL;
      gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

      /* the chooser takes its folder once it has looked it up (asynchronously) */
      while (!(f = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (d)))
             && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);

      text = g_strdup_printf ("save-folder: %s\n", f ? g_file_peek_path (f) : "(none)");
      g_object_unref (d);
    }
  else if (strcmp (what, "placeholders") == 0)
    {
      GString *s = g_string_new (NULL);

      for (i = 0; i < N_PAGES; i++)
        {
          const char *ph = eisfit_plot_view_get_placeholder (EISFIT_PLOT_VIEW (self->plot_views[i]));

          g_string_append_printf (s, "%s: %s\n", pages[i], ph ? ph : "figure");
        }
      text = g_string_free (s, FALSE);
    }
  else if (strcmp (what, "layout") == 0)
    {
      /* widths of the figures and of the side panel, and the Nyquist axes' ranges */
      const EisPlotTransform *tr = eisfit_plot_view_get_transform (
        EISFIT_PLOT_VIEW (self->plot_views[PAGE_NYQUIST]));
      int sb, se;

      int n_tabs = gtk_notebook_get_n_pages (GTK_NOTEBOOK (self->stack)), shown = 0, k;

      /* tabs scrolled out of the header are not mapped */
      for (k = 0; k < n_tabs; k++)
        shown += gtk_widget_get_mapped (gtk_notebook_get_tab_label (
          GTK_NOTEBOOK (self->stack), gtk_notebook_get_nth_page (GTK_NOTEBOOK (self->stack), k)));
      g_autofree char *tabs = g_strdup_printf ("tabs: %d of %d shown\n", shown, n_tabs);

      text = g_strdup_printf ("%swindow: %d x %d\nplots: %d\npanel: %d\nnyquist-y-max: %.6g\n"
                              "nyquist-y-min: %.6g\n"
                              "nyquist-off-scale: %zu\nbanner-selected: %s\n", tabs,
                              gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)),
                              gtk_widget_get_width (self->stack),
                              gtk_widget_get_width (self->panel_scroller),
                              tr && tr->npanels ? tr->panel[0].wy1 : NAN,
                              tr && tr->npanels ? tr->panel[0].wy0 : NAN,
                              tr && tr->npanels ? tr->panel[0].n_off_scale : 0,
                              gtk_label_get_selection_bounds (GTK_LABEL (self->banner_label),
                                                              &sb, &se) ? "yes" : "no");
    }
  else if (strcmp (what, "sigma-shown") == 0)
    {
      /* the conductivity's headline, and whether all of it is inside the side panel's view
       * without scrolling */
      GtkWidget *l = eisfit_fit_panel_get_sigma_summary (PANEL (self));
      graphene_rect_t b;
      gboolean in_view = gtk_widget_get_mapped (l)
                         && gtk_widget_compute_bounds (l, self->panel_scroller, &b)
                         && b.origin.y >= 0
                         && b.origin.y + b.size.height
                              <= gtk_widget_get_height (self->panel_scroller);

      text = g_strdup_printf ("sigma-summary: %s\nsigma-in-view: %s\n",
                              gtk_widget_get_visible (l) ? gtk_label_get_text (GTK_LABEL (l)) : "",
                              in_view ? "yes" : "no");
    }
  else if (strcmp (what, "json") == 0)
    text = eisfit_window_dup_results_json (self);
  else if (strcmp (what, "series") == 0)
    text = eisfit_series_page_dup_state (EISFIT_SERIES_PAGE (self->series_page));
  else if (strcmp (what, "clipboard") == 0)
    text = eisfit_window_dup_clipboard (self);
  else if (strcmp (what, "legend") == 0)
    {
      /* the legend labels of the spectra in the list, one a line */
      GString *s = g_string_new (NULL);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      for (i = 0; i < (int) n; i++)
        {
          g_autoptr (EisfitSpectrumItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), (guint) i);
          g_autofree char *label = eisfit_document_dup_legend_label (self->document, item);

          g_string_append_printf (s, "%s\n", label);
        }
      text = g_string_free (s, FALSE);
    }
  else
    {
      g_printerr ("eisfit-gtk: --test-script: print %s: unknown\n", what);
      return;
    }
  fputs (text, stdout);
  fflush (stdout);
}

/* Runs one step; FALSE when it is malformed. */
static gboolean
run_step (Script *sc, char **argv, int argc)
{
  EisfitWindow *self = sc->window;
  const char *cmd = argv[0];
  int i;

  if (strcmp (cmd, "open") == 0)
    {
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (i = 1; i < argc; i++)
        g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));
      eisfit_window_open_files (self, (GFile **) files->pdata, files->len);
    }
  else if (strcmp (cmd, "select") == 0 && argc >= 2)
    {
      if (strcmp (argv[1], "all") == 0)
        gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
      else
        for (i = 1; i < argc; i++)
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                           (guint) atoi (argv[i]), i == 1);
    }
  else if (strcmp (cmd, "fit") == 0 || strcmp (cmd, "fit-all") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), strcmp (cmd, "fit") == 0 ? "win.fit"
                                                                              : "win.fit-all",
                                NULL);
  else if (strcmp (cmd, "page") == 0 && argc == 2)
    return eisfit_window_show_page (self, argv[1]);
  else if (strcmp (cmd, "circuit") == 0)
    gtk_editable_set_text (eisfit_fit_panel_get_circuit_entry (PANEL (self)), argc > 1 ? argv[1] : "");
  else if (strcmp (cmd, "preset") == 0 && argc == 2)
    eisfit_fit_panel_select_preset (PANEL (self), (guint) atoi (argv[1]));
  else if (strcmp (cmd, "type-circuit") == 0 && argc == 2)
    {
      /* typed at the end of the entry, as keystrokes (Ctrl+Z undoes it) */
      int pos = (int) strlen (gtk_editable_get_text (eisfit_fit_panel_get_circuit_entry (PANEL (self))));

      gtk_editable_insert_text (eisfit_fit_panel_get_circuit_entry (PANEL (self)), argv[1], -1, &pos);
    }
  else if (strcmp (cmd, "undo-circuit") == 0)
    gtk_widget_activate_action (GTK_WIDGET (gtk_editable_get_delegate (eisfit_fit_panel_get_circuit_entry (PANEL (self)))), "text.undo",
                                NULL);
  else if (strcmp (cmd, "param") == 0 && argc == 4)
    return eisfit_param_table_edit (eisfit_fit_panel_get_param_table (PANEL (self)), argv[1],
                                    argv[2], argv[3]);
  else if (strcmp (cmd, "geometry") == 0 && argc == 4)
    eisfit_fit_panel_type_geometry (PANEL (self), argv[1], argv[2], argv[3]);
  else if (strcmp (cmd, "cell") == 0 && argc == 2)
    {
      if (eis_cell_parse (argv[1]) <= 0)
        return FALSE;
      eisfit_window_set_cell_of_last (self, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                                      argv[1]);
    }
  else if (strcmp (cmd, "compute") == 0)
    eisfit_transference_page_compute (EISFIT_TRANSFERENCE_PAGE (self->transference_page));
  else if (strcmp (cmd, "choose") == 0 && argc == 3)
    return eisfit_transference_page_choose (EISFIT_TRANSFERENCE_PAGE (self->transference_page),
                                            (guint) atoi (argv[1]), (guint) atoi (argv[2]));
  else if (strcmp (cmd, "transference") == 0 && argc == 3)
    return eisfit_transference_page_set_choice (
      EISFIT_TRANSFERENCE_PAGE (self->transference_page), argv[1], argv[2]);
  else if (strcmp (cmd, "exclude") == 0 && argc == 2 && self->current)
    {
      /* leaves the range F1:F2 (Hz) out of the spectrum shown, as Shift+drag does */
      if (!eisfit_exclusions_parse_range (eisfit_spectrum_item_get_exclusions (self->current),
                                          argv[1]))
        return FALSE;
      eisfit_window_exclusions_changed (self, self->current);
    }
  else if (strcmp (cmd, "divider") == 0 && argc == 3 && strcmp (argv[1], "drt") == 0)
    eisfit_drt_page_set_divider (EISFIT_DRT_PAGE (self->drt_page), atoi (argv[2]));
  else if (strcmp (cmd, "divider") == 0 && argc == 3 && strcmp (argv[1], "series") == 0)
    eisfit_series_page_set_divider (EISFIT_SERIES_PAGE (self->series_page), atoi (argv[2]));
  else if (strcmp (cmd, "series-fit") == 0 && argc <= 4)
    {
      EisfitSeriesPage *sp = EISFIT_SERIES_PAGE (self->series_page);

      if (argc > 1)
        eisfit_series_page_set_all (sp, strcmp (argv[1], "all") == 0);
      if (argc > 2 && !eisfit_series_page_set_order (sp, argv[2]))
        return FALSE;
      if (argc > 3)
        eisfit_series_page_set_circuit (sp, argv[3]);
      eisfit_series_page_fit (sp, NULL, NULL);   /* a refusal is shown on the page */
    }
  else if (strcmp (cmd, "series-shared") == 0 && argc <= 2)
    eisfit_series_page_set_shared (EISFIT_SERIES_PAGE (self->series_page), argc > 1 ? argv[1] : NULL);
  else if (strcmp (cmd, "series-law") == 0 && argc == 2)
    return eisfit_series_page_set_law (EISFIT_SERIES_PAGE (self->series_page), argv[1]);
  else if (strcmp (cmd, "series-adopt") == 0 && argc == 1)
    {
      if (!eisfit_series_page_adopt (EISFIT_SERIES_PAGE (self->series_page)))
        printf ("series-adopt: nothing to use\n");
    }
  else if (strcmp (cmd, "series-trends") == 0 && (argc == 2 || argc == 3))
    return eisfit_series_page_set_trends (EISFIT_SERIES_PAGE (self->series_page), argv[1],
                                          argc == 3 ? argv[2] : NULL);
  else if (strcmp (cmd, "series-csv") == 0 && (argc == 2 || argc == 3))
    {
      g_autoptr (GError) error = NULL;

      if (!eisfit_series_page_write_csv (EISFIT_SERIES_PAGE (self->series_page), argv[1],
                                         argc == 3 && strcmp (argv[2], "force") == 0, &error))
        {
          printf ("series-csv: %s\n", error->message);
          fflush (stdout);
        }
    }
  else if (strcmp (cmd, "wait") == 0 && argc == 2 && strcmp (argv[1], "drt") == 0)
    sc->wait_drt = TRUE;
  else if (strcmp (cmd, "drt-async") == 0 && argc == 1)
    sc->drt_async = TRUE;
  else if (strcmp (cmd, "print") == 0 && argc == 2 && strcmp (argv[1], "time") == 0)
    {
      printf ("time: %.0f ms\n", (g_get_monotonic_time () - sc->start_us) / 1000.0);
      fflush (stdout);
    }
  else if (strcmp (cmd, "wait") == 0 && argc == 2)
    sc->resume_us = g_get_monotonic_time () + 1000 * (gint64) atoi (argv[1]);
  else if (strcmp (cmd, "print") == 0 && argc == 2)
    print_what (self, argv[1]);
  else if ((strcmp (cmd, "save-project") == 0 || strcmp (cmd, "open-project") == 0) && argc == 2)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = cmd[0] == 's' ? eisfit_window_save_project (self, argv[1], &error)
                                  : eisfit_window_open_project (self, argv[1], &error);

      if (!ok)
        printf ("%s: %s\n", cmd, error->message);
      fflush (stdout);
      return TRUE;
    }
  else if (strcmp (cmd, "undo") == 0 || strcmp (cmd, "redo") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), cmd[0] == 'u' ? "win.undo" : "win.redo", NULL);
  else if (strcmp (cmd, "export-csv") == 0 && argc == 2)
    {
      g_autoptr (GError) error = NULL;

      if (!eisfit_window_write_results_csv (self, argv[1], &error))
        {
          printf ("export-csv: %s\n", error->message);
          fflush (stdout);
        }
    }
  else if (strcmp (cmd, "screenshot") == 0 && argc == 2)
    {
      /* right after "page" (or a resize) nothing is drawn yet: wait for the frame, up to 6 s */
      int saved = eisfit_window_save_screenshot (self, argv[1]);

      if (saved == 0 && sc->draw_tries++ < 100)
        {
          gtk_widget_queue_draw (GTK_WIDGET (self));
          sc->again = TRUE;
          return TRUE;
        }
      sc->draw_tries = 0;
      return saved == 1;
    }
  else if (strcmp (cmd, "close-banner") == 0)
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);   /* its x button */
  else if (strcmp (cmd, "quit") == 0)
    g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (self))),
                                    "quit", NULL);
  else if (strcmp (cmd, "quit-asking") == 0)
    {
      /* Ctrl+Q as a user would press it: prints the question asked (or that none was), and
       * answers Cancel */
      self->testing_ask = TRUE;
      g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (self))),
                                      "quit", NULL);
      self->testing_ask = FALSE;
      if (self->quit_dialog)
        {
          g_autofree char *secondary = NULL;

          g_object_get (self->quit_dialog, "secondary-text", &secondary, NULL);
          printf ("asked: %s\n", secondary ? secondary : "");
          gtk_dialog_response (GTK_DIALOG (self->quit_dialog), GTK_RESPONSE_CANCEL);
        }
      else
        {
          printf ("asked: nothing\n");
          sc->finished = TRUE; /* the window closed */
        }
      fflush (stdout);
    }
  else if (strcmp (cmd, "close") == 0)
    gtk_window_close (GTK_WINDOW (self));
  else if (strcmp (cmd, "geometry-all") == 0 && argc == 1)
    g_signal_emit_by_name (PANEL (self), "apply-geometry-all");
  else if (strcmp (cmd, "export-figure") == 0 && (argc == 6 || argc == 7))
    {
      EisPlotPaper paper = { g_ascii_strtod (argv[2], NULL), g_ascii_strtod (argv[3], NULL),
                             g_ascii_strtod (argv[4], NULL), g_ascii_strtod (argv[5], NULL),
                             argc == 7 ? argv[6] : NULL };
      EisError err = { 0 };

      if (eisfit_window_export_figure (self, argv[1], &paper, &err) != EIS_OK)
        {
          g_printerr ("eisfit-gtk: export-figure: %s\n", err.message);
          return FALSE;
        }
    }
  else if ((i = eisfit_window_layout_script_step (self, argv, argc)) >= 0)
    return i;
  else if ((i = eisfit_window_cell_script_step (self, argv, argc)) >= 0)
    return i;
  else if ((i = eisfit_window_figures_script_step (self, argv, argc)) >= 0)
    return i;
  else
    return eisfit_window_list_script_step (self, argv, argc);
  return TRUE;
}

static gboolean
step_cb (gpointer data)
{
  Script *sc = data;

  /* wait for the fits of the step before (and its DRT), and for a frame to lay out what
   * changed */
  if (sc->window->busy || g_get_monotonic_time () < sc->resume_us
      || eisfit_series_page_is_busy (EISFIT_SERIES_PAGE (sc->window->series_page))
      || ((!sc->drt_async || sc->wait_drt)
          && eisfit_drt_page_is_busy (EISFIT_DRT_PAGE (sc->window->drt_page))))
    return G_SOURCE_CONTINUE;
  sc->wait_drt = FALSE;
  while (sc->lines[sc->next])
    {
      g_autofree char *line = g_strstrip (g_strdup (sc->lines[sc->next++]));
      g_auto (GStrv) argv = NULL;
      int argc = 0;
      g_autoptr (GError) error = NULL;
      gboolean ends = FALSE;

      if (!*line || *line == '#')
        continue;
      if (!g_shell_parse_argv (line, &argc, &argv, &error))
        {
          g_printerr ("eisfit-gtk: --test-script line %u: %s\n", sc->next, error->message);
          sc->status = 1;
          continue;
        }
      ends = strcmp (argv[0], "quit") == 0 || strcmp (argv[0], "close") == 0;
      if (ends)
        {
          /* the script is over: the window closes as the user would close it */
          sc->done (sc->window, sc->status, sc->done_data);
          g_object_ref (sc->window);
          run_step (sc, argv, argc);
          g_object_unref (sc->window);
          return G_SOURCE_REMOVE;
        }
      g_object_ref (sc->window);
      if (!run_step (sc, argv, argc))
        {
          g_printerr ("eisfit-gtk: --test-script line %u: cannot do \"%s\"\n", sc->next, line);
          sc->status = 1;
        }
      g_object_unref (sc->window);
      if (sc->again)
        {
          sc->again = FALSE;
          sc->next--;   /* the same line at the next tick */
        }
      if (sc->finished)
        {
          sc->done (sc->window, sc->status, sc->done_data);
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE; /* the next step after this one has settled */
    }
  sc->done (sc->window, sc->status, sc->done_data);
  gtk_window_destroy (GTK_WINDOW (sc->window));
  return G_SOURCE_REMOVE;
}

static void
script_free (gpointer data)
{
  Script *sc = data;

  g_strfreev (sc->lines);
  g_free (sc);
}

gboolean
eisfit_window_run_script (EisfitWindow *self, const char *path, EisfitWindowDoneFunc done,
                          gpointer user_data, GError **error)
{
  g_autofree char *text = NULL;
  Script *sc;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  sc = g_new0 (Script, 1);
  sc->window = self;
  sc->lines = g_strsplit (text, "\n", -1);
  sc->done = done;
  sc->done_data = user_data;
  sc->start_us = g_get_monotonic_time ();
  self->testing = TRUE;
  g_timeout_add_full (G_PRIORITY_LOW, 60, step_cb, sc, script_free);
  return TRUE;
}
