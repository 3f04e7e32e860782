/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starting values, bounds and fixed parameters written inside the circuit text, as pyimpspec
 * users write them: a block in braces after an element, in either notation.
 *
 *   R0{100}-p(R1{R=1e3/10/1e5},CPE1{Q=1e-9, n=0.9f})     impedance.py
 *   R{R=50:sol}(R{R=250f}C{C=1.5e-6/1e-6/2e-6})          CDC (pyimpspec's extended syntax)
 *
 * A block holds items separated by commas: NAME=VALUE, where VALUE is a number, optionally
 * followed by "f" (held fixed) and/or "/LOW/HIGH" (bounds; either may be empty or "inf"). The
 * NAME is the parameter's suffix (CPE: Q or Y, n; Wo/Ws: Z0, tau; G: R, t; Zarc: R, tau,
 * alpha; La: L, alpha) or, for a one-parameter element, its letter; a lone VALUE needs no
 * name there. A trailing ":label" (pyimpspec's labels) is accepted and not used. The block
 * is removed and the rest parsed by eis_circuit_parse; the i-th element written is the i-th
 * element of the circuit (parameters are numbered in the order of the text). */
#include "c-number.h"
#include "circuit.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
eis_circuit_settings_clear (EisCircuitSettings *set)
{
  free (set->init);
  free (set->lower);
  free (set->upper);
  free (set->fixed);
  memset (set, 0, sizeof *set);
}

typedef struct {
  size_t elem;        /* ordinal of the element it follows */
  size_t open, close; /* positions of '{' and '}' in the original text */
} Block;

/* CDC letters, each one element (circuit-parse.c). */
static int
cdc_letter (char c)
{
  return strchr ("RCLQWOTG", toupper ((unsigned char) c)) != NULL;
}

/* Which notation the text (without blocks) is in: impedance.py has '-', ',', "p(" or a digit
 * after a letter. */
static int
is_py (const char *s)
{
  for (size_t i = 0; s[i]; i++)
    {
      char c = s[i];
      if (c == '-' || c == ',' || ((c == 'p' || c == 'P') && s[i + 1] == '('))
        return 1;
      if (isdigit ((unsigned char) c) && i > 0 && isalpha ((unsigned char) s[i - 1]))
        return 1;
    }
  return 0;
}

/* Elements in S[0..end): impedance.py tokens (letter runs with their digits, not the "p" of
 * "p(") or CDC letters. */
static size_t
count_elements (const char *s, size_t end, int py)
{
  size_t n = 0;
  for (size_t i = 0; i < end; i++)
    {
      if (!isalpha ((unsigned char) s[i]))
        continue;
      if (!py)
        {
          n += cdc_letter (s[i]);
          continue;
        }
      size_t j = i;
      while (j < end && isalnum ((unsigned char) s[j]))
        j++;
      if (!((s[i] == 'p' || s[i] == 'P') && j == i + 1 && s[j] == '('))
        n++;
      i = j - 1;
    }
  return n;
}

static void
collect (const EisNode *nd, const EisNode **out, size_t *n)
{
  if (nd->type == EIS_NODE_ELEMENT)
    out[(*n)++] = nd;
  else
    for (size_t i = 0; i < nd->n_children; i++)
      collect (nd->children[i], out, n);
}

static size_t
count_nodes (const EisNode *nd)
{
  if (nd->type == EIS_NODE_ELEMENT)
    return 1;
  size_t n = 0;
  for (size_t i = 0; i < nd->n_children; i++)
    n += count_nodes (nd->children[i]);
  return n;
}

/* A number or an empty/"inf" bound (NAN then). Advances *P. */
static int
number (const char **p, const char *end, double *v, int bound)
{
  const char *q = *p;
  while (q < end && isspace ((unsigned char) *q))
    q++;
  if (bound && (q == end || *q == '/' || *q == ',' || *q == ':'))
    {
      *v = NAN;
      *p = q;
      return 0;
    }
  char buf[64];
  size_t len = 0;
  while (q + len < end && len < sizeof buf - 1 && strchr ("/,:", q[len]) == NULL)
    len++;
  memcpy (buf, q, len);
  buf[len] = '\0';
  while (len > 0 && isspace ((unsigned char) buf[len - 1]))
    buf[--len] = '\0';
  /* "0.9f": the f marks a fixed value, not part of the number */
  if (!bound && len > 1 && (buf[len - 1] == 'f' || buf[len - 1] == 'F'))
    buf[--len] = '\0';
  if (bound && (strcasecmp (buf, "inf") == 0 || strcasecmp (buf, "-inf") == 0
                || strcasecmp (buf, "none") == 0))
    {
      *v = NAN;
      *p = q + strlen (buf);
      while (*p < end && isspace ((unsigned char) **p))
        (*p)++;
      return 0;
    }
  char *e;
  errno = 0;
  *v = eis_strtod (buf, &e);
  if (e == buf || *e || errno || !isfinite (*v))
    return -1;
  *p = q + (size_t) (e - buf);
  return 0;
}

/* Parameter index (absolute) of NAME in element ND, or -1. */
static long
param_of (const EisNode *nd, const char *name, size_t len)
{
  const EisElementInfo *info = eis_element_info (nd->kind);
  if (info->n_params == 1)
    {
      if (len == 0 || (strlen (info->name) == len && strncasecmp (info->name, name, len) == 0)
          || (nd->kind == EIS_ELEM_W && len == 1 && (name[0] == 'A' || name[0] == 'Y')))
        return (long) nd->param_offset;
      return -1;
    }
  for (size_t k = 0; k < info->n_params; k++)
    if (strlen (info->suffix[k]) == len && strncasecmp (info->suffix[k], name, len) == 0)
      return (long) (nd->param_offset + k);
  if (nd->kind == EIS_ELEM_CPE && len == 1 && (name[0] == 'Y' || name[0] == 'y'))
    return (long) nd->param_offset;   /* pyimpspec calls Q "Y" */
  return -1;
}

static int
block_error (EisError *err, const char *text, size_t at, const char *what)
{
  return eis_error_set (err, EIS_ERR_PARSE, "column %zu: %s (in \"%.*s\")", at + 1, what,
                        (int) strcspn (text + at, "}") + 1, text + at);
}

/* Applies the items of one block (text[b->open+1 .. b->close)) to element ND. */
static int
apply_block (const char *text, const Block *b, const EisNode *nd, EisCircuitSettings *set,
             EisError *err)
{
  const char *p = text + b->open + 1, *end = text + b->close;
  while (p < end)
    {
      while (p < end && (isspace ((unsigned char) *p) || *p == ','))
        p++;
      if (p >= end)
        break;
      if (*p == ':')
        break;   /* a pyimpspec label: the rest of the block */
      const char *eq = p;
      while (eq < end && *eq != '=' && *eq != ',' && *eq != ':')
        eq++;
      const char *name = p;
      size_t nlen = 0;
      if (eq < end && *eq == '=')
        {
          nlen = (size_t) (eq - p);
          while (nlen > 0 && isspace ((unsigned char) name[nlen - 1]))
            nlen--;
          p = eq + 1;
        }
      long k = param_of (nd, name, nlen);
      if (k < 0)
        {
          char what[160];
          const EisElementInfo *info = eis_element_info (nd->kind);
          if (info->n_params == 1)
            snprintf (what, sizeof what, "%s has one parameter, %s: write %s{%s=VALUE} or "
                      "%s{VALUE}", nd->label, info->name, nd->label, info->name, nd->label);
          else
            snprintf (what, sizeof what, "\"%.*s\" is not a parameter of %s (it has %s, %s%s%s)",
                      (int) nlen, name, nd->label, info->suffix[0], info->suffix[1],
                      info->n_params > 2 ? ", " : "", info->n_params > 2 ? info->suffix[2] : "");
          return block_error (err, text, (size_t) (name - text), what);
        }
      double v;
      const char *vstart = p;
      if (number (&p, end, &v, 0) != 0)
        return block_error (err, text, (size_t) (vstart - text),
                            "expected a number (VALUE, VALUEf for a fixed one, or "
                            "VALUE/LOW/HIGH)");
      int fixed = 0;
      while (p < end && isspace ((unsigned char) *p))
        p++;
      if (p < end && (*p == 'f' || *p == 'F'))
        {
          fixed = 1;
          p++;
        }
      double lo = NAN, hi = NAN;
      if (p < end && *p == '/')
        {
          p++;
          if (number (&p, end, &lo, 1) != 0 || p >= end || *p != '/')
            return block_error (err, text, (size_t) (vstart - text),
                                "expected VALUE/LOW/HIGH (LOW or HIGH may be empty or inf)");
          p++;
          if (number (&p, end, &hi, 1) != 0)
            return block_error (err, text, (size_t) (vstart - text),
                                "expected VALUE/LOW/HIGH (LOW or HIGH may be empty or inf)");
        }
      while (p < end && isspace ((unsigned char) *p))
        p++;
      if (p < end && *p != ',' && *p != ':')
        return block_error (err, text, (size_t) (p - text),
                            "expected ',' between the settings of one element");
      set->init[k] = v;
      set->lower[k] = lo;
      set->upper[k] = hi;
      set->fixed[k] = fixed;
    }
  return EIS_OK;
}

int
eis_circuit_parse_inline (const char *text, EisCircuit **out, EisCircuitSettings *set,
                          EisError *err)
{
  *out = NULL;
  memset (set, 0, sizeof *set);
  if (text == NULL)
    text = "";
  size_t n = strlen (text), nb = 0;
  for (size_t i = 0; i < n; i++)
    nb += text[i] == '{';
  if (nb == 0)
    return eis_circuit_parse (text, out, err);
  char *bare = malloc (n + 1);
  Block *blocks = malloc (nb * sizeof *blocks);
  if (bare == NULL || blocks == NULL)
    {
      free (bare);
      free (blocks);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  /* Take the blocks out; the parser then sees an ordinary circuit. */
  size_t len = 0, k = 0;
  int status = EIS_OK;
  for (size_t i = 0; i < n && status == EIS_OK; i++)
    {
      if (text[i] == '}')
        status = eis_error_set (err, EIS_ERR_PARSE, "column %zu: '}' without '{'", i + 1);
      else if (text[i] != '{')
        bare[len++] = text[i];
      else
        {
          size_t j = i + 1;
          while (j < n && text[j] != '}' && text[j] != '{')
            j++;
          if (j == n || text[j] == '{')
            status = eis_error_set (err, EIS_ERR_PARSE, "column %zu: '{' is never closed", i + 1);
          else if (len == 0 || !isalnum ((unsigned char) bare[len - 1]))
            status = eis_error_set (err, EIS_ERR_PARSE, "column %zu: a {...} block belongs "
                                    "right after an element", i + 1);
          else
            {
              blocks[k].open = i;
              blocks[k].close = j;
              blocks[k].elem = len;   /* elements before this position, counted below */
              k++;
              i = j;
            }
        }
    }
  bare[len] = '\0';
  EisCircuit *c = NULL;
  if (status == EIS_OK)
    status = eis_circuit_parse (bare, &c, err);
  if (status == EIS_OK)
    {
      int py = is_py (bare);
      const EisNode *root = eis_circuit_root (c);
      size_t n_el = count_nodes (root), m = 0;
      const EisNode **el = malloc (n_el * sizeof *el);
      size_t P = eis_circuit_n_params (c), P1 = P ? P : 1;
      set->init = malloc (P1 * sizeof (double));
      set->lower = malloc (P1 * sizeof (double));
      set->upper = malloc (P1 * sizeof (double));
      set->fixed = calloc (P1, sizeof (int));
      if (el == NULL || !set->init || !set->lower || !set->upper || !set->fixed)
        status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      else
        {
          collect (root, el, &m);
          for (size_t q = 0; q < P; q++)
            set->init[q] = set->lower[q] = set->upper[q] = NAN;
          for (size_t b = 0; b < k && status == EIS_OK; b++)
            {
              size_t ord = count_elements (bare, blocks[b].elem, py);
              if (ord == 0 || ord > m)
                status = eis_error_set (err, EIS_ERR_PARSE, "column %zu: a {...} block belongs "
                                        "right after an element", blocks[b].open + 1);
              else
                status = apply_block (text, &blocks[b], el[ord - 1], set, err);
            }
        }
      free (el);
    }
  free (bare);
  free (blocks);
  if (status != EIS_OK)
    {
      eis_circuit_free (c);
      eis_circuit_settings_clear (set);
      return status;
    }
  *out = c;
  return EIS_OK;
}
