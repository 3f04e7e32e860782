/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The circuit language: impedance.py strings ("R0-p(R1,CPE1)-CPE2") and Boukamp's Circuit
 * Description Code ("R(RQ)Q"; Boukamp, Solid State Ionics 20 (1986) 31), auto-detected.
 *
 * impedance.py: '-' joins in series, p(a,b,...) in parallel, nesting to any depth.
 *   Elements R C L CPE (Q is a synonym) W Wo Ws G Zarc La, case-insensitive, each with an
 *   optional number; unnumbered elements take the smallest index >= 0 not used by that
 *   element type, in order of appearance. Duplicate labels are an error.
 * CDC: letters R C L Q W O T G; O is the finite-length Warburg with a transmissive (short)
 *   boundary, our Ws (tanh); T the finite-length Warburg with a reflective (open, blocking)
 *   boundary, our Wo (coth). Letters in a row are in series; parentheses alternate
 *   parallel/series with depth (top level series, first level parallel, next series ...).
 *   An element inside the k-th top-level item takes index k, or the next free index >= k
 *   when its type already used k: R(RQ)(RQ)Q is R0-p(R1,CPE1)-p(R2,CPE2)-CPE3.
 * Detection: '-', ',', "p(" or a digit after a letter means impedance.py; a text made of CDC
 * letters and parentheses only is CDC. Whitespace is ignored in both; error columns are
 * 1-based columns of the original text. Nesting depth and element count are bounded
 * (EIS_CIRCUIT_MAX_DEPTH, EIS_CIRCUIT_MAX_ELEMENTS), so the recursion's stack is bounded and
 * the labelling (O(n log n)) stays fast. */
#include "circuit.h"
#include "circuit-private.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
  EisNode *node;
  long number;     /* written number, or -1 */
  int col;         /* column of the element in the original text */
  size_t group;    /* CDC: top-level position */
  char text[24];   /* as written (compact), for messages */
} ElemRec;

typedef struct {
  char *s;         /* text without whitespace */
  int *col;        /* 1-based original column of s[i]; col[len] is one past the end */
  size_t len, pos;
  EisError *err;
  ElemRec *elems;
  size_t n_elems, cap_elems;
  const char *prev;       /* last element or group text, for "after ..." messages */
  size_t prev_len;
  size_t group;           /* CDC: current top-level position */
  int status;             /* set by fail() and nomem() */
} Parser;

static const struct {
  const char *name;
  EisElementKind kind;
} names[] = {
  { "R", EIS_ELEM_R }, { "C", EIS_ELEM_C }, { "L", EIS_ELEM_L },
  { "CPE", EIS_ELEM_CPE }, { "Q", EIS_ELEM_CPE }, { "W", EIS_ELEM_W },
  { "Wo", EIS_ELEM_WO }, { "Ws", EIS_ELEM_WS }, { "G", EIS_ELEM_G },
  { "Zarc", EIS_ELEM_ZARC }, { "La", EIS_ELEM_LA },
};

static int fail (Parser *ps, size_t pos, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* A parse error at POS (compact index), reported with its original column. In a text longer
 * than a line the message quotes the 30 characters on either side (whitespace removed), since
 * a caller that quotes the whole text gets it cut. */
static int
fail (Parser *ps, size_t pos, const char *fmt, ...)
{
  char msg[512], near[128] = "";
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  ps->status = EIS_ERR_PARSE;
  if (ps->len > 72)
    {
      size_t from = pos > 30 ? pos - 30 : 0, to = pos + 30 < ps->len ? pos + 30 : ps->len;
      while (from > 0 && ((unsigned char) ps->s[from] & 0xC0) == 0x80)
        from--;
      while (to < ps->len && ((unsigned char) ps->s[to] & 0xC0) == 0x80)
        to++;
      snprintf (near, sizeof near, " (near \"%s%.*s%s\")", from > 0 ? "..." : "",
                (int) (to - from), ps->s + from, to < ps->len ? "..." : "");
    }
  return eis_error_set (ps->err, EIS_ERR_PARSE, "column %d: %s%s", ps->col[pos], msg, near);
}

static int
nomem (Parser *ps)
{
  ps->status = EIS_ERR_NOMEM;
  return eis_error_set (ps->err, EIS_ERR_NOMEM, "out of memory");
}

static const char *
describe_here (Parser *ps, char *buf, size_t size)
{
  if (ps->pos >= ps->len)
    snprintf (buf, size, "end of text");
  else
    {
      /* the whole character, when it is a UTF-8 sequence ("ñ", "Ω") */
      size_t k = 1;
      if ((unsigned char) ps->s[ps->pos] >= 0xC0)
        while (ps->pos + k < ps->len && k < 4 && ((unsigned char) ps->s[ps->pos + k] & 0xC0) == 0x80)
          k++;
      snprintf (buf, size, "\"%.*s\"", (int) k, ps->s + ps->pos);
    }
  return buf;
}

static int
add_elem (Parser *ps, EisNode *node, long number, size_t start, size_t end)
{
  if (ps->n_elems == EIS_CIRCUIT_MAX_ELEMENTS)
    return fail (ps, start, "more than %d elements", EIS_CIRCUIT_MAX_ELEMENTS);
  if (ps->n_elems == ps->cap_elems)
    {
      size_t cap = ps->cap_elems ? 2 * ps->cap_elems : 16;
      ElemRec *e = realloc (ps->elems, cap * sizeof *e);
      if (e == NULL)
        return EIS_ERR_NOMEM;
      ps->elems = e;
      ps->cap_elems = cap;
    }
  ElemRec *r = &ps->elems[ps->n_elems++];
  r->node = node;
  r->number = number;
  r->col = ps->col[start];
  r->group = ps->group;
  size_t n = end - start < sizeof r->text - 1 ? end - start : sizeof r->text - 1;
  memcpy (r->text, ps->s + start, n);
  r->text[n] = '\0';
  return EIS_OK;
}

static EisNode *
new_element (Parser *ps, EisElementKind kind, long number, size_t start, size_t end)
{
  EisNode *n = eis_node_new (EIS_NODE_ELEMENT);
  if (n == NULL)
    return NULL;
  n->kind = kind;
  if (add_elem (ps, n, number, start, end) != EIS_OK)
    {
      free (n);
      return NULL;
    }
  return n;
}

/* ---- impedance.py ---- */

static EisNode *py_series (Parser *ps);

static EisNode *
py_element (Parser *ps)
{
  size_t start = ps->pos;
  while (ps->pos < ps->len && isalpha ((unsigned char) ps->s[ps->pos]))
    ps->pos++;
  size_t nlet = ps->pos - start;
  while (ps->pos < ps->len && isdigit ((unsigned char) ps->s[ps->pos]))
    ps->pos++;
  size_t end = ps->pos;
  char tok[64];
  snprintf (tok, sizeof tok, "%.*s", (int) (end - start), ps->s + start);
  int kind = -1;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strlen (names[i].name) == nlet && strncasecmp (ps->s + start, names[i].name, nlet) == 0)
      kind = (int) names[i].kind;
  if (kind < 0)
    {
      fail (ps, start, "unknown element \"%s\" (known: R, C, L, CPE or Q, W, Wo, Ws, G, "
            "Zarc, La)", tok);
      return NULL;
    }
  long number = -1;
  if (end > start + nlet)
    {
      if (end - start - nlet > 6)
        {
          fail (ps, start, "label number of \"%s\" is too long", tok);
          return NULL;
        }
      number = strtol (ps->s + start + nlet, NULL, 10);
    }
  ps->prev = ps->s + start;
  ps->prev_len = end - start;
  EisNode *n = new_element (ps, (EisElementKind) kind, number, start, end);
  if (n == NULL && ps->status == EIS_OK)
    nomem (ps);
  return n;
}

static EisNode *
py_term (Parser *ps)
{
  char here[32];
  if (ps->pos >= ps->len)
    {
      if (ps->len == 0)
        fail (ps, ps->pos, "empty circuit");
      else
        fail (ps, ps->pos, "expected an element after \"%c\", found end of text",
              ps->s[ps->pos - 1]);
      return NULL;
    }
  char ch = ps->s[ps->pos];
  if ((ch == 'p' || ch == 'P') && ps->pos + 1 < ps->len && ps->s[ps->pos + 1] == '(')
    {
      size_t start = ps->pos;
      ps->pos += 2;
      EisNode *par = eis_node_new (EIS_NODE_PARALLEL);
      if (par == NULL)
        {
          nomem (ps);
          return NULL;
        }
      for (;;)
        {
          EisNode *child = py_series (ps);
          if (child == NULL)
            {
              eis_node_free (par);
              return NULL;
            }
          if (eis_node_append (par, child) != EIS_OK)
            {
              eis_node_free (child);
              eis_node_free (par);
              nomem (ps);
              return NULL;
            }
          if (ps->pos < ps->len && ps->s[ps->pos] == ',')
            {
              ps->pos++;
              continue;
            }
          if (ps->pos < ps->len && ps->s[ps->pos] == ')')
            {
              ps->pos++;
              break;
            }
          char after[64];
          snprintf (after, sizeof after, "%.*s", (int) ps->prev_len, ps->prev);
          fail (ps, ps->pos, "expected ',' or ')' after \"%s\", found %s", after,
                describe_here (ps, here, sizeof here));
          eis_node_free (par);
          return NULL;
        }
      ps->prev = ps->s + start;
      ps->prev_len = ps->pos - start;
      if (par->n_children < 2)
        {
          char txt[96];
          snprintf (txt, sizeof txt, "%.*s", (int) (ps->pos - start), ps->s + start);
          fail (ps, start, "parallel group \"%s\" needs at least 2 branches", txt);
          eis_node_free (par);
          return NULL;
        }
      return par;
    }
  if (isalpha ((unsigned char) ch))
    return py_element (ps);
  if (ps->pos == 0)
    fail (ps, ps->pos, "expected an element or p(, found %s",
          describe_here (ps, here, sizeof here));
  else
    fail (ps, ps->pos, "expected an element or p( after \"%c\", found %s",
          ps->s[ps->pos - 1], describe_here (ps, here, sizeof here));
  return NULL;
}

/* term ('-' term)*; a single term is returned as is. */
static EisNode *
py_series (Parser *ps)
{
  EisNode *first = py_term (ps);
  if (first == NULL)
    return NULL;
  if (ps->pos >= ps->len || ps->s[ps->pos] != '-')
    return first;
  EisNode *ser = eis_node_new (EIS_NODE_SERIES);
  if (ser == NULL || eis_node_append (ser, first) != EIS_OK)
    {
      eis_node_free (first);
      eis_node_free (ser);
      nomem (ps);
      return NULL;
    }
  while (ps->pos < ps->len && ps->s[ps->pos] == '-')
    {
      ps->pos++;
      EisNode *t = py_term (ps);
      if (t == NULL)
        {
          eis_node_free (ser);
          return NULL;
        }
      if (eis_node_append (ser, t) != EIS_OK)
        {
          eis_node_free (t);
          eis_node_free (ser);
          nomem (ps);
          return NULL;
        }
    }
  return ser;
}

/* ---- CDC ---- */

static int
cdc_kind (char c)
{
  switch (c)
    {
    case 'R': return EIS_ELEM_R;
    case 'C': return EIS_ELEM_C;
    case 'L': return EIS_ELEM_L;
    case 'Q': return EIS_ELEM_CPE;
    case 'W': return EIS_ELEM_W;
    case 'O': return EIS_ELEM_WS;   /* transmissive (short): tanh */
    case 'T': return EIS_ELEM_WO;   /* reflective (open): coth */
    case 'G': return EIS_ELEM_G;
    default: return -1;
    }
}

/* Items up to ')' or the end, joined by series (even DEPTH) or parallel (odd DEPTH).
 * A single item at depth 0 is returned as is. */
static EisNode *
cdc_seq (Parser *ps, int depth)
{
  size_t start = ps->pos;
  EisNode *grp = eis_node_new (depth % 2 ? EIS_NODE_PARALLEL : EIS_NODE_SERIES);
  if (grp == NULL)
    {
      nomem (ps);
      return NULL;
    }
  while (ps->pos < ps->len && ps->s[ps->pos] != ')')
    {
      if (depth == 0)
        ps->group = grp->n_children;
      EisNode *item;
      char ch = ps->s[ps->pos];
      if (ch == '(')
        {
          ps->pos++;
          item = cdc_seq (ps, depth + 1);
          if (item != NULL)
            ps->pos++;   /* the ')' (balance was checked) */
        }
      else
        {
          int kind = cdc_kind (ch);
          if (kind < 0)
            {
              fail (ps, ps->pos, "unknown element \"%c\"", ch);
              eis_node_free (grp);
              return NULL;
            }
          item = new_element (ps, (EisElementKind) kind, -1, ps->pos, ps->pos + 1);
          ps->pos++;
          if (item == NULL && ps->status == EIS_OK)
            nomem (ps);
        }
      if (item == NULL)
        {
          eis_node_free (grp);
          return NULL;
        }
      if (eis_node_append (grp, item) != EIS_OK)
        {
          eis_node_free (item);
          eis_node_free (grp);
          nomem (ps);
          return NULL;
        }
    }
  if (depth == 0)
    {
      if (grp->n_children == 0)
        {
          fail (ps, 0, "empty circuit");
          eis_node_free (grp);
          return NULL;
        }
      if (grp->n_children == 1)
        {
          EisNode *only = grp->children[0];
          grp->n_children = 0;
          eis_node_free (grp);
          return only;
        }
      return grp;
    }
  if (grp->n_children < 2)
    {
      char txt[96];
      snprintf (txt, sizeof txt, "(%.*s)", (int) (ps->pos - start), ps->s + start);
      fail (ps, start - 1, "group \"%s\" needs at least 2 elements", txt);
      eis_node_free (grp);
      return NULL;
    }
  return grp;
}

/* ---- labels ---- */

typedef struct {
  int kind;
  long number;
  size_t index;
} Written;

static int
written_cmp (const void *a, const void *b)
{
  const Written *x = a, *y = b;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->number != y->number)
    return x->number < y->number ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Written numbers first (duplicates are an error), then the unnumbered ones in order, each
 * taking the smallest number >= its start (0, or its CDC group) not used by its type. The
 * starts never decrease along the text and the used numbers only grow, so one cursor per
 * type suffices: O(n log n) for the sort, O(n) for the rest. */
static int
assign_labels (Parser *ps, bool cdc)
{
  size_t n = ps->n_elems, n_written = 0;
  Written *w = malloc ((n ? n : 1) * sizeof *w);
  if (w == NULL)
    return nomem (ps);
  for (size_t i = 0; i < n; i++)
    if (ps->elems[i].number >= 0)
      w[n_written++] = (Written) { (int) ps->elems[i].node->kind, ps->elems[i].number, i };
  qsort (w, n_written, sizeof *w, written_cmp);
  /* the duplicate that comes first in the text, named with the first of its label */
  size_t dup = n, first = n;
  for (size_t k = 1; k < n_written; k++)
    if (w[k].kind == w[k - 1].kind && w[k].number == w[k - 1].number
        && (k < 2 || w[k - 2].kind != w[k].kind || w[k - 2].number != w[k].number)
        && w[k].index < dup)
      {
        dup = w[k].index;
        first = w[k - 1].index;
      }
  if (dup < n)
    {
      free (w);
      ElemRec *r = &ps->elems[dup];
      const char *name = eis_element_info (r->node->kind)->name;
      char canon[40] = "";
      if (strncmp (r->text, name, strlen (name)) != 0)
        snprintf (canon, sizeof canon, " (%s%ld)", name, r->number);
      return eis_error_set (ps->err, EIS_ERR_PARSE,
                            "column %d: duplicate label \"%s\"%s (first at column %d)",
                            r->col, r->text, canon, ps->elems[first].col);
    }
  /* Numbers handed out are below 2n + 1 (a start is below n, and at most n numbers are
   * taken), so a table of that size per type says which are used. */
  size_t span = 2 * n + 2, n_kinds = (size_t) EIS_ELEM_COUNT;
  unsigned char *used = calloc (n_kinds * span, 1);
  size_t *cursor = calloc (n_kinds, sizeof *cursor);
  if (used == NULL || cursor == NULL)
    {
      free (w), free (used), free (cursor);
      return nomem (ps);
    }
  for (size_t k = 0; k < n_written; k++)
    if ((size_t) w[k].number < span)
      used[(size_t) w[k].kind * span + (size_t) w[k].number] = 1;
  for (size_t i = 0; i < n; i++)
    {
      ElemRec *r = &ps->elems[i];
      if (r->number >= 0)
        continue;
      size_t kind = (size_t) r->node->kind, start = cdc ? r->group : 0;
      size_t k = cursor[kind] > start ? cursor[kind] : start;
      while (used[kind * span + k])
        k++;
      used[kind * span + k] = 1;
      cursor[kind] = k + 1;
      r->number = (long) k;
    }
  free (w), free (used), free (cursor);
  for (size_t i = 0; i < n; i++)
    {
      ElemRec *r = &ps->elems[i];
      snprintf (r->node->label, sizeof r->node->label, "%s%ld",
                eis_element_info (r->node->kind)->name, r->number);
    }
  return EIS_OK;
}

/* ---- entry ---- */

static bool
is_cdc (const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      char c = s[i];
      if (c == '-' || c == ',' || ((c == 'p' || c == 'P') && i + 1 < len && s[i + 1] == '('))
        return false;
      if (isdigit ((unsigned char) c) && i > 0 && isalpha ((unsigned char) s[i - 1]))
        return false;
    }
  for (size_t i = 0; i < len; i++)
    if (s[i] != '(' && s[i] != ')' && cdc_kind (s[i]) < 0)
      return false;
  return true;
}

/* Unbalanced parentheses, reported at the offending one. */
static int
check_balance (Parser *ps)
{
  size_t depth = 0, *open = malloc ((ps->len + 1) * sizeof *open);
  if (open == NULL)
    return nomem (ps);
  int status = EIS_OK;
  for (size_t i = 0; i < ps->len && status == EIS_OK; i++)
    if (ps->s[i] == '(' && depth == EIS_CIRCUIT_MAX_DEPTH)
      status = fail (ps, i, "parentheses nested deeper than %d levels", EIS_CIRCUIT_MAX_DEPTH);
    else if (ps->s[i] == '(')
      open[depth++] = i;
    else if (ps->s[i] == ')')
      {
        if (depth == 0)
          status = fail (ps, i, "unbalanced parentheses: \")\" without \"(\"");
        else
          depth--;
      }
  if (status == EIS_OK && depth > 0)
    status = fail (ps, open[depth - 1], "unbalanced parentheses: \"(\" is never closed");
  free (open);
  return status;
}

int
eis_circuit_parse (const char *text, EisCircuit **out, EisError *err)
{
  *out = NULL;
  if (text == NULL)
    text = "";
  Parser ps = { 0 };
  ps.err = err;
  size_t n = strlen (text);
  ps.s = malloc (n + 1);
  ps.col = malloc ((n + 1) * sizeof *ps.col);
  if (ps.s == NULL || ps.col == NULL)
    {
      free (ps.s);
      free (ps.col);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  for (size_t i = 0; i < n; i++)
    if (!isspace ((unsigned char) text[i]))
      {
        ps.s[ps.len] = text[i];
        ps.col[ps.len++] = (int) i + 1;
      }
  ps.s[ps.len] = '\0';
  ps.col[ps.len] = (int) n + 1;

  int status;
  EisNode *root = NULL;
  bool cdc = false;
  if (ps.len == 0)
    status = eis_error_set (err, EIS_ERR_PARSE, "column 1: empty circuit");
  else
    status = check_balance (&ps);
  if (status == EIS_OK)
    {
      cdc = is_cdc (ps.s, ps.len);
      root = cdc ? cdc_seq (&ps, 0) : py_series (&ps);
      if (root == NULL)
        status = ps.status ? ps.status : EIS_ERR_PARSE;
      else if (ps.pos < ps.len)
        {
          char after[64], here[32];
          snprintf (after, sizeof after, "%.*s", (int) ps.prev_len, ps.prev);
          char ch = ps.s[ps.pos];
          if (ch == ',' || ch == ')')
            status = fail (&ps, ps.pos, "unexpected %s outside p(...) after \"%s\"",
                           describe_here (&ps, here, sizeof here), after);
          else
            status = fail (&ps, ps.pos, "expected '-' after \"%s\", found %s", after,
                           describe_here (&ps, here, sizeof here));
        }
    }
  if (status == EIS_OK)
    status = assign_labels (&ps, cdc);
  free (ps.elems);
  free (ps.s);
  free (ps.col);
  if (status != EIS_OK)
    {
      eis_node_free (root);
      return status;
    }
  return eis_circuit_new_from_tree (root, out, err);
}
