/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What eisfit-gtk remembers between runs: the last folders opened from and saved into, circuit
 * and geometry,
 * whether the side panel is shown and its width, kept in a
 * key file, $XDG_CONFIG_HOME/eisfit/settings.ini (no GSettings schema to install). */
#ifndef EISFIT_SETTINGS_H
#define EISFIT_SETTINGS_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *last_folder; /* where data were last opened from: absolute path, or NULL */
  char *save_folder; /* where a file (export, project) was last saved: absolute, or NULL */
  char *circuit;     /* circuit text, "" = automatic */
  char *thickness;   /* as typed, e.g. "0.6mm" */
  char *diameter;    /* e.g. "10mm" */
  char *area;        /* e.g. "0.785cm2" */
  char *geometry_file;  /* the file that geometry was typed for (absolute), NULL: not known */
  char *geometry_cell;  /* that file's cell type ("blocking", "li-symmetric", ...; "" none) */
  int panel_width;   /* px the user dragged the side panel to, 0: never dragged */
  int panel_shown[2];/* the side panel shown (1) or hidden (0) on the figure pages [0] and on
                      * Series and Transference [1]; -1: not saved (the default) */
} EisfitSettings;

/* Reads the key file; missing keys come back as NULL ("" for circuit). Never fails. */
EisfitSettings *eisfit_settings_load (void);
/* Writes the key file (creating the folder); returns FALSE with ERROR set on failure. */
gboolean eisfit_settings_save (const EisfitSettings *s, GError **error);
void eisfit_settings_free (EisfitSettings *s);
/* Replaces the string at *FIELD with a copy of VALUE. */
void eisfit_settings_set (char **field, const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EisfitSettings, eisfit_settings_free)

G_END_DECLS

#endif
