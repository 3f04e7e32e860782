/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine's messages as the window shows them: one text of each in the engine, in the ASCII
 * the terminal shows ("sigma(25.00 degC)", "+-", "Ohm"), typeset here by the engine's one
 * table (eis_text_typeset: "σ(25.00 °C)", "±", "Ω", "cm²"). */
#ifndef EISFIT_TEXT_H
#define EISFIT_TEXT_H

#include <glib.h>

#include "text-buf.h"

/* TEXT typeset for the window; a new string (g_free; GLib's allocator is malloc's), "" for a
 * NULL TEXT. */
static inline char *
eisfit_typeset (const char *text)
{
  char *t = eis_text_typeset (text);

  return t ? t : g_strdup (text ? text : "");
}

/* TEXT typeset and escaped for Pango markup; a new string (g_free). */
static inline char *
eisfit_markup_typeset (const char *text)
{
  g_autofree char *t = eisfit_typeset (text);

  return g_markup_escape_text (t, -1);
}

#endif
