/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growing text buffer (see text-buf.h). */
#include "c-number.h"
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
  (void) eis_strtod (text, &end);
  return end == text || *end != '\0';
}

/* The length of the valid UTF-8 sequence of two to four bytes at P (NUL-terminated), or 0. */
static size_t
utf8_sequence (const unsigned char *p)
{
  unsigned cp;
  size_t k;
  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    k = 1, cp = p[0] & 0x1F;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    k = 2, cp = p[0] & 0x0F;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    k = 3, cp = p[0] & 0x07;
  else
    return 0;
  for (size_t j = 1; j <= k; j++)
    {
      if ((p[j] & 0xC0) != 0x80)   /* the NUL ends it too */
        return 0;
      cp = (cp << 6) | (p[j] & 0x3F);
    }
  if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
      || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return k + 1;
}

size_t
eis_json_char (const char *p, char out[8])
{
  const unsigned char *u = (const unsigned char *) p;
  out[0] = '\0';
  if (*u == 0)
    return 0;
  switch (*u)
    {
    case '"': snprintf (out, 8, "\\\""); return 1;
    case '\\': snprintf (out, 8, "\\\\"); return 1;
    case '\n': snprintf (out, 8, "\\n"); return 1;
    case '\r': snprintf (out, 8, "\\r"); return 1;
    case '\t': snprintf (out, 8, "\\t"); return 1;
    default: break;
    }
  if (*u < 0x20 || *u == 0x7F)
    {
      snprintf (out, 8, "\\u%04x", *u);
      return 1;
    }
  if (*u < 0x80)
    {
      out[0] = (char) *u;
      out[1] = '\0';
      return 1;
    }
  size_t n = utf8_sequence (u);
  if (n == 0)
    {
      snprintf (out, 8, "\\u%04x", *u);   /* the byte read as Latin-1 */
      return 1;
    }
  memcpy (out, p, n);
  out[n] = '\0';
  return n;
}
