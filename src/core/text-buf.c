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

/* eis_text_typeset: whether the character before a word (C, '\0' at the text's start) lets it
 * stand as a symbol: the start, a space, an opening bracket or a quote (not '-', '_', '/', '.',
 * a letter or a digit: part of a name). */
static int
symbol_starts (const char *text, const char *p)
{
  char c = p > text ? p[-1] : ' ';

  return c == ' ' || c == '(' || c == '[' || c == '\n' || c == '\t' || c == '"' || c == '\'';
}

/* Whether the word ends at P: no letter, digit, '_', '-' or '/' follows, nor a '.' that goes on
 * with a name ("sigma.csv"; "1739 Ohm." ends a sentence). */
static int
symbol_ends (const char *p)
{
  char c = *p;

  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
      || c == '-' || c == '/')
    return 0;
  if (c == '.')
    return p[1] == '\0' || p[1] == ' ' || p[1] == '\n' || p[1] == ')';
  return 1;
}

/* A number's last digit, or a space after one: "25.00 degC", "3.2 Ohm", "3.2Ohm" (a unit
 * stands after a space or a number; "[kOhm]" and "(Ohm)" are a column's name). */
static int
after_number (const char *text, const char *p)
{
  if (p > text && p[-1] >= '0' && p[-1] <= '9')
    return 1;
  return p - text >= 2 && p[-1] == ' ' && p[-2] >= '0' && p[-2] <= '9';
}

char *
eis_text_typeset (const char *text)
{
  /* KIND: 'w' a whole word (symbol_starts and symbol_ends), 'u' a unit (after a space or a
   * number: "Ohm", "kOhm"), 'c' a caret power right after its base ("cm^-1", "R^2"), 's' as it
   * is, where the ASCII cannot be a name (" +- ") */
  static const struct { const char *ascii, *typeset; char kind; } table[] = {
    { "sigma_", "σ ", 'p' }, { "sigma", "σ", 'w' }, { "R_inf", "R∞", 'w' },
    { "tau", "τ", 'w' }, { "gamma", "γ", 'w' }, { "lambda", "λ", 'w' },
    { "degC", "°C", 'u' }, { "kOhm", "kΩ", 'u' }, { "MOhm", "MΩ", 'u' }, { "GOhm", "GΩ", 'u' },
    { "mOhm", "mΩ", 'u' }, { "Ohm", "Ω", 'u' }, { "cm2", "cm²", 'u' },
    { "^-1/2", "⁻½", 'c' }, { "^-1", "⁻¹", 'c' }, { "^-2", "⁻²", 'c' }, { "^2", "²", 'c' },
    { "^3", "³", 'c' }, { " +- ", " ± ", 's' }, { ">=", "≥", 's' }, { "<=", "≤", 's' } };
  size_t n = strlen (text ? text : ""), cap = 2 * n + 1, len = 0;
  char *out;
  const char *p;

  if (!text || !(out = malloc (cap)))
    return NULL;
  /* every replacement is at most twice as long as what it replaces ("^2": 2 -> 2 bytes,
   * "tau": 3 -> 2, " +- ": 4 -> 4, "cm2": 3 -> 4, ">=": 2 -> 3), so 2 n + 1 bytes hold the result */
  for (p = text; *p;)
    {
      size_t i, k = 0;

      for (i = 0; i < sizeof table / sizeof table[0]; i++)
        {
          k = strlen (table[i].ascii);
          if (strncmp (p, table[i].ascii, k) != 0)
            continue;
          if (table[i].kind == 'w' && symbol_starts (text, p) && symbol_ends (p + k))
            break;
          /* "sigma_total", "sigma_bulk": a quantity's name, "σ total" as the window names it */
          if (table[i].kind == 'p' && symbol_starts (text, p) && p[k] >= 'a' && p[k] <= 'z')
            break;
          if (table[i].kind == 'u'
              && (p == text || p[-1] == ' ' || p[-1] == '\n' || after_number (text, p))
              && symbol_ends (p + k))
            break;
          if (table[i].kind == 'c' && p > text && p[-1] != ' '
              && !(p[k] >= '0' && p[k] <= '9') && p[k] != '/' && p[k] != '.')
            break;
          if (table[i].kind == 's')
            break;
        }
      if (i < sizeof table / sizeof table[0])
        {
          size_t m = strlen (table[i].typeset);

          memcpy (out + len, table[i].typeset, m);
          len += m;
          p += k;
        }
      else
        out[len++] = *p++;
    }
  out[len] = '\0';
  return out;
}

void
eis_text_append (char *buf, size_t cap, const char *fmt, ...)
{
  size_t len = strlen (buf);
  if (len + 1 >= cap)
    return;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (buf + len, cap - len, fmt, ap);
  va_end (ap);
}
