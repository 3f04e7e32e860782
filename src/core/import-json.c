/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small JSON reader for the importers (PalmSens .pssession): parses the whole text into a
 * flat table of nodes without recursion, with a bounded nesting depth, and reports the line
 * and column of the first thing that is not JSON. Strings stay in the text until asked for. */
#include "import-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deeper nesting than this is refused (PSTrace files nest about 8 levels). */
#define JSON_MAX_DEPTH 256

static int
json_add (EisJson *j, int type, size_t *out)
{
  if (j->n == j->cap)
    {
      size_t cap = j->cap ? 2 * j->cap : 1024;
      if (cap > (size_t) -1 / sizeof *j->nodes)
        return EIS_ERR_NOMEM;
      EisJsonNode *nn = realloc (j->nodes, cap * sizeof *nn);
      if (nn == NULL)
        return EIS_ERR_NOMEM;
      j->nodes = nn;
      j->cap = cap;
    }
  EisJsonNode *nd = &j->nodes[j->n];
  memset (nd, 0, sizeof *nd);
  nd->type = (unsigned char) type;
  *out = j->n++;
  return EIS_OK;
}

/* Line and column (1-based, in bytes) of offset AT of the text. */
static void
json_where (const char *text, size_t at, size_t *line, size_t *col)
{
  size_t l = 1, c = 1;
  for (size_t i = 0; i < at; i++)
    if (text[i] == '\n')
      l++, c = 1;
    else
      c++;
  *line = l;
  *col = c;
}

static int
json_fail (const EisJson *j, const char *name, size_t at, EisError *err, const char *what)
{
  size_t line, col;
  json_where (j->text, at, &line, &col);
  char found[24];
  if (at >= j->len)
    strcpy (found, "the end of the file");
  else
    {
      unsigned char c = (unsigned char) j->text[at];
      if (c >= 0x20 && c < 0x7f)
        snprintf (found, sizeof found, "'%c'", c);
      else
        snprintf (found, sizeof found, "byte 0x%02x", c);
    }
  return eis_error_set (err, EIS_ERR_FORMAT, "%s:%zu:%zu: JSON: expected %s, found %s", name,
                        line, col, what, found);
}

/* Skips white space and byte-order marks (PSTrace ends its files with U+FEFF). */
static size_t
json_skip (const char *s, size_t len, size_t p)
{
  while (p < len)
    {
      unsigned char c = (unsigned char) s[p];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        p++;
      else if (c == 0xEF && p + 2 < len && (unsigned char) s[p + 1] == 0xBB
               && (unsigned char) s[p + 2] == 0xBF)
        p += 3;
      else
        break;
    }
  return p;
}

/* End of the string whose opening quote is at P (index of the closing quote), or LEN. */
static size_t
json_string_end (const char *s, size_t len, size_t p)
{
  p++;
  while (p < len)
    {
      const char *q = memchr (s + p, '"', len - p);
      if (q == NULL)
        return len;
      size_t e = (size_t) (q - s);
      size_t bs = 0;
      while (e - bs > p && s[e - bs - 1] == '\\')
        bs++;
      if (bs % 2 == 0)
        return e;
      p = e + 1;
    }
  return len;
}

/* Length of a JSON number at P (RFC 8259 grammar), 0 when there is none. */
static size_t
json_number_len (const char *s, size_t len, size_t p)
{
  size_t q = p;
  if (q < len && s[q] == '-')
    q++;
  size_t d = q;
  while (q < len && s[q] >= '0' && s[q] <= '9')
    q++;
  if (q == d)
    return 0;
  if (q < len && s[q] == '.')
    {
      size_t f = ++q;
      while (q < len && s[q] >= '0' && s[q] <= '9')
        q++;
      if (q == f)
        return 0;
    }
  if (q < len && (s[q] == 'e' || s[q] == 'E'))
    {
      q++;
      if (q < len && (s[q] == '+' || s[q] == '-'))
        q++;
      size_t e = q;
      while (q < len && s[q] >= '0' && s[q] <= '9')
        q++;
      if (q == e)
        return 0;
    }
  return q - p;
}

int
eis_json_parse (EisJson *j, const char *name, const char *text, size_t len, EisError *err)
{
  memset (j, 0, sizeof *j);
  j->text = text;
  j->len = len;
  size_t stack[JSON_MAX_DEPTH], last[JSON_MAX_DEPTH];
  int depth = 0;
  size_t p = json_skip (text, len, 0), dummy;
  size_t key = 0, key_len = 0;
  /* Node 0 stands for "none"; the value itself is node EIS_JSON_ROOT. */
  if (json_add (j, EIS_JSON_NULL, &dummy) != EIS_OK)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", name);
  int have_key = 0;
  for (;;)
    {
      /* A value (or, inside an object, a member name first). */
      p = json_skip (text, len, p);
      if (depth > 0 && j->nodes[stack[depth - 1]].type == EIS_JSON_OBJECT)
        {
          if (p >= len || text[p] != '"')
            return json_fail (j, name, p, err, "a member name in double quotes");
          size_t e = json_string_end (text, len, p);
          if (e >= len)
            return json_fail (j, name, len, err, "the closing '\"' of a member name");
          key = p + 1;
          key_len = e - p - 1;
          have_key = 1;
          p = json_skip (text, len, e + 1);
          if (p >= len || text[p] != ':')
            return json_fail (j, name, p, err, "':' after the member name");
          p = json_skip (text, len, p + 1);
        }
      if (p >= len)
        return json_fail (j, name, p, err, "a value");
      size_t node;
      int type;
      char c = text[p];
      if (c == '{')
        type = EIS_JSON_OBJECT;
      else if (c == '[')
        type = EIS_JSON_ARRAY;
      else if (c == '"')
        type = EIS_JSON_STRING;
      else if (c == '-' || (c >= '0' && c <= '9'))
        type = EIS_JSON_NUMBER;
      else if (len - p >= 4 && memcmp (text + p, "true", 4) == 0)
        type = EIS_JSON_TRUE;
      else if (len - p >= 5 && memcmp (text + p, "false", 5) == 0)
        type = EIS_JSON_FALSE;
      else if (len - p >= 4 && memcmp (text + p, "null", 4) == 0)
        type = EIS_JSON_NULL;
      else
        return json_fail (j, name, p, err, "a value");
      if (json_add (j, type, &node) != EIS_OK)
        return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory (JSON of %zu bytes)", name, len);
      EisJsonNode *nd = &j->nodes[node];
      nd->key = have_key ? key : 0;
      nd->key_len = have_key ? key_len : 0;
      nd->has_key = (unsigned char) have_key;
      have_key = 0;
      if (depth > 0)
        {
          EisJsonNode *parent = &j->nodes[stack[depth - 1]];
          if (parent->n == 0)
            parent->first = node;
          else
            j->nodes[last[depth - 1]].next = node;
          parent->n++;
          last[depth - 1] = node;
        }
      switch (type)
        {
        case EIS_JSON_OBJECT:
        case EIS_JSON_ARRAY:
          if (depth == JSON_MAX_DEPTH)
            {
              size_t line, col;
              json_where (text, p, &line, &col);
              return eis_error_set (err, EIS_ERR_FORMAT,
                                    "%s:%zu:%zu: JSON nested deeper than %d levels", name, line,
                                    col, JSON_MAX_DEPTH);
            }
          stack[depth++] = node;
          p = json_skip (text, len, p + 1);
          if (p < len && text[p] == (type == EIS_JSON_OBJECT ? '}' : ']'))
            {
              depth--;
              p++;
              break;            /* empty: go on after it */
            }
          continue;             /* read the first member or element */
        case EIS_JSON_STRING:
          {
            size_t e = json_string_end (text, len, p);
            if (e >= len)
              return json_fail (j, name, len, err, "the closing '\"' of a string");
            nd->str = p + 1;
            nd->str_len = e - p - 1;
            p = e + 1;
          }
          break;
        case EIS_JSON_NUMBER:
          {
            size_t n = json_number_len (text, len, p);
            if (n == 0 || eis_parse_number (text + p, n, '.', &nd->num) != 0)
              return json_fail (j, name, p, err, "a number");
            p += n;
          }
          break;
        default:
          p += type == EIS_JSON_FALSE ? 5 : 4;
          break;
        }
      /* After a value: ',' and the next one, or the end of one or more containers. */
      for (;;)
        {
          p = json_skip (text, len, p);
          if (depth == 0)
            {
              if (p < len)
                return json_fail (j, name, p, err, "the end of the data after the JSON value");
              return EIS_OK;
            }
          int is_obj = j->nodes[stack[depth - 1]].type == EIS_JSON_OBJECT;
          if (p < len && text[p] == ',')
            {
              p++;
              break;
            }
          if (p < len && text[p] == (is_obj ? '}' : ']'))
            {
              depth--;
              p++;
              continue;
            }
          return json_fail (j, name, p, err, is_obj ? "',' or '}'" : "',' or ']'");
        }
    }
}

void
eis_json_free (EisJson *j)
{
  free (j->nodes);
  memset (j, 0, sizeof *j);
}

size_t
eis_json_get (const EisJson *j, size_t obj, const char *name)
{
  if (obj == 0 || obj >= j->n || j->nodes[obj].type != EIS_JSON_OBJECT)
    return 0;
  size_t k = strlen (name);
  for (size_t c = j->nodes[obj].first; c != 0; c = j->nodes[c].next)
    {
      const EisJsonNode *nd = &j->nodes[c];
      if (nd->key_len == k && eis_starts_with_ci (j->text + nd->key, nd->key_len, name))
        return c;
    }
  return 0;
}

static int
hex4 (const char *s, unsigned *v)
{
  unsigned x = 0;
  for (int i = 0; i < 4; i++)
    {
      char c = s[i];
      x <<= 4;
      if (c >= '0' && c <= '9')
        x |= (unsigned) (c - '0');
      else if (c >= 'a' && c <= 'f')
        x |= (unsigned) (c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        x |= (unsigned) (c - 'A' + 10);
      else
        return -1;
    }
  *v = x;
  return 0;
}

/* Appends code point CP as UTF-8 when it fits in CAP; returns the bytes it takes. */
static size_t
put_cp (char *o, size_t k, size_t cap, unsigned cp)
{
  char b[4];
  size_t n;
  if (cp < 0x80)
    b[0] = (char) cp, n = 1;
  else if (cp < 0x800)
    b[0] = (char) (0xC0 | (cp >> 6)), b[1] = (char) (0x80 | (cp & 0x3F)), n = 2;
  else if (cp < 0x10000)
    b[0] = (char) (0xE0 | (cp >> 12)), b[1] = (char) (0x80 | ((cp >> 6) & 0x3F)),
    b[2] = (char) (0x80 | (cp & 0x3F)), n = 3;
  else
    b[0] = (char) (0xF0 | (cp >> 18)), b[1] = (char) (0x80 | ((cp >> 12) & 0x3F)),
    b[2] = (char) (0x80 | ((cp >> 6) & 0x3F)), b[3] = (char) (0x80 | (cp & 0x3F)), n = 4;
  if (k + n < cap)
    memcpy (o + k, b, n);
  return n;
}

size_t
eis_json_string (const EisJson *j, size_t node, char *buf, size_t cap)
{
  if (cap == 0)
    return 0;
  buf[0] = '\0';
  if (node == 0 || node >= j->n || j->nodes[node].type != EIS_JSON_STRING)
    return 0;
  const char *s = j->text + j->nodes[node].str;
  size_t n = j->nodes[node].str_len, k = 0;
  for (size_t i = 0; i < n && k + 1 < cap; i++)
    {
      char c = s[i];
      if (c != '\\' || i + 1 >= n)
        {
          buf[k++] = c;
          continue;
        }
      c = s[++i];
      unsigned cp;
      switch (c)
        {
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'u':
          if (i + 4 >= n || hex4 (s + i + 1, &cp) != 0)
            cp = 0xFFFD;
          else
            {
              i += 4;
              unsigned lo;
              if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < n && s[i + 1] == '\\'
                  && s[i + 2] == 'u' && hex4 (s + i + 3, &lo) == 0 && lo >= 0xDC00
                  && lo <= 0xDFFF)
                {
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                  i += 6;
                }
              else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0)
                cp = 0xFFFD;
            }
          break;
        default: cp = (unsigned char) c; break;
        }
      size_t w = put_cp (buf, k, cap, cp);
      if (k + w >= cap)
        break;
      k += w;
    }
  buf[k] = '\0';
  return k;
}
