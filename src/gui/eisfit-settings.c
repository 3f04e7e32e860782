/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The settings key file of eisfit-gtk (see eisfit-settings.h). */
#include "eisfit-settings.h"

#define GROUP "eisfit-gtk"

static char *
settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "eisfit", "settings.ini", NULL);
}

/* The integer KEY, or FALLBACK when it is missing or not an integer. */
static int
get_int (GKeyFile *kf, const char *key, int fallback)
{
  g_autoptr (GError) error = NULL;
  int v = g_key_file_get_integer (kf, GROUP, key, &error);

  return error ? fallback : v;
}

EisfitSettings *
eisfit_settings_load (void)
{
  EisfitSettings *s = g_new0 (EisfitSettings, 1);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = settings_path ();

  if (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    {
      s->last_folder = g_key_file_get_string (kf, GROUP, "last-folder", NULL);
      s->save_folder = g_key_file_get_string (kf, GROUP, "save-folder", NULL);
      s->circuit = g_key_file_get_string (kf, GROUP, "circuit", NULL);
      s->thickness = g_key_file_get_string (kf, GROUP, "thickness", NULL);
      s->diameter = g_key_file_get_string (kf, GROUP, "diameter", NULL);
      s->area = g_key_file_get_string (kf, GROUP, "area", NULL);
      s->geometry_file = g_key_file_get_string (kf, GROUP, "geometry-file", NULL);
      s->geometry_cell = g_key_file_get_string (kf, GROUP, "geometry-cell", NULL);
      s->panel_width = get_int (kf, "panel-width", 0);
      s->panel_shown[0] = get_int (kf, "panel-shown", -1);
      s->panel_shown[1] = get_int (kf, "panel-shown-series", -1);
    }
  else
    s->panel_shown[0] = s->panel_shown[1] = -1;
  /* what does not make sense is not saved */
  if (s->panel_width < 0 || s->panel_width > 100000)
    s->panel_width = 0;
  for (int i = 0; i < 2; i++)
    if (s->panel_shown[i] != 0 && s->panel_shown[i] != 1)
      s->panel_shown[i] = -1;
  if (!s->circuit)
    s->circuit = g_strdup ("");
  return s;
}

static void
set_key (GKeyFile *kf, const char *key, const char *value)
{
  if (value)
    g_key_file_set_string (kf, GROUP, key, value);
}

gboolean
eisfit_settings_save (const EisfitSettings *s, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", dir);
      return FALSE;
    }
  set_key (kf, "last-folder", s->last_folder);
  set_key (kf, "save-folder", s->save_folder);
  set_key (kf, "circuit", s->circuit);
  set_key (kf, "thickness", s->thickness);
  set_key (kf, "diameter", s->diameter);
  set_key (kf, "area", s->area);
  set_key (kf, "geometry-file", s->geometry_file);
  set_key (kf, "geometry-cell", s->geometry_cell);
  if (s->panel_width > 0)
    g_key_file_set_integer (kf, GROUP, "panel-width", s->panel_width);
  if (s->panel_shown[0] >= 0)
    g_key_file_set_integer (kf, GROUP, "panel-shown", s->panel_shown[0]);
  if (s->panel_shown[1] >= 0)
    g_key_file_set_integer (kf, GROUP, "panel-shown-series", s->panel_shown[1]);
  return g_key_file_save_to_file (kf, path, error);
}

void
eisfit_settings_free (EisfitSettings *s)
{
  if (!s)
    return;
  g_free (s->last_folder);
  g_free (s->save_folder);
  g_free (s->circuit);
  g_free (s->thickness);
  g_free (s->diameter);
  g_free (s->area);
  g_free (s->geometry_file);
  g_free (s->geometry_cell);
  g_free (s);
}

void
eisfit_settings_set (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}
