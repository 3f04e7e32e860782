/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growing text buffer (see text-buf.h). */
#include "text-buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
eis_text_buf_printf (EisTextBuf *b, const char *fmt, ...)
{
  va_list ap;
  int n;

  if (b->failed)
    return;
  for (;;)
    {
      va_start (ap, fmt);
      n = vsnprintf (b->data ? b->data + b->len : NULL, b->data ? b->cap - b->len : 0, fmt, ap);
      va_end (ap);
      if (n < 0)
        {
          b->failed = 1;
          return;
        }
      if (b->data && b->len + (size_t) n < b->cap)
        {
          b->len += (size_t) n;
          return;
        }
      size_t cap = (b->cap ? b->cap * 2 : 4096) + (size_t) n;
      char *d = realloc (b->data, cap);
      if (!d)
        {
          b->failed = 1;
          return;
        }
      b->data = d;
      b->cap = cap;
    }
}

int
eis_csv_text_is_formula (const char *text)
{
  char *end;

  if (!text || !strchr ("=+-@\t\r", text[0]) || !text[0])
    return 0;
  (void) strtod (text, &end);
  return end == text || *end != '\0';
}
