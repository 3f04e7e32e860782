/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV fields and their tab-separated form (see eisfit-csv.h). */
#include "eisfit-csv.h"
#include "text-buf.h"

#include <math.h>
#include <string.h>

void
eisfit_csv_field (GString *s, const char *text, char end)
{
  /* a text a spreadsheet would run as a formula (=, +, -, @ first, not a number) gets a ' in
   * front, as eisfit's CSV (eis_csv_text_is_formula) */
  const char *lead = eis_csv_text_is_formula (text) ? "'" : "";

  if (strpbrk (text, ",\"\r\n"))
    {
      g_string_append_c (s, '"');
      g_string_append (s, lead);
      for (; *text; text++)
        {
          if (*text == '"')
            g_string_append_c (s, '"');
          g_string_append_c (s, *text);
        }
      g_string_append_c (s, '"');
    }
  else
    {
      g_string_append (s, lead);
      g_string_append (s, text);
    }
  g_string_append_c (s, end);
}

void
eisfit_csv_number (GString *s, double x, char end)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  eisfit_csv_field (s, isfinite (x) ? g_ascii_formatd (buf, sizeof buf, "%.10g", x) : "", end);
}

char *
eisfit_csv_to_tsv (const char *csv)
{
  GString *s = g_string_new (NULL);
  gboolean quoted = FALSE;
  const char *p;

  for (p = csv; *p; p++)
    {
      if (*p == '"')
        {
          if (quoted && p[1] == '"')
            g_string_append_c (s, *++p);
          else
            quoted = !quoted;
        }
      else if (*p == ',' && !quoted)
        g_string_append_c (s, '\t');
      else if ((*p == '\n' || *p == '\r' || *p == '\t') && quoted)
        g_string_append_c (s, ' ');
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}
