/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Equivalent circuits: the element tree, the parameter table and the impedance with its
 * exact derivatives (series: Z = sum Z_k; parallel: 1/Z = sum 1/Z_k, so that
 * dZ/dp = (Z/Z_k)^2 dZ_k/dp for a parameter p of branch k). */
#include "circuit.h"
#include "circuit-private.h"
#include "element-private.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The tree flattened in pre-order: every parent comes before its children. */
typedef struct {
  EisNodeType type;
  EisElementKind kind;
  long parent;              /* -1 for the root */
  size_t offset, n_params;  /* element nodes */
  bool in_parallel;         /* some ancestor is a parallel node: derivatives need scaling */
} EisFlatNode;

struct EisCircuit {
  EisNode *root;
  char *text;
  size_t n_params;
  char (*param_names)[48];
  const char **param_units;
  EisParamKind *param_kinds;
  size_t n_nodes;
  EisFlatNode *flat;
  /* Evaluation scratch, overwritten by every eis_circuit_eval (so one thread at a time). */
  double complex *z_node;   /* impedance of each node */
  double complex *acc;      /* sum of children's Z (series) or 1/Z (parallel) */
  double complex *y_node;   /* 1/Z of each child of a parallel node */
  double complex *factor;   /* dZ_root/dZ_node */
  EisElementCache *cache;
};

/* ---- nodes ---- */

EisNode *
eis_node_new (EisNodeType type)
{
  EisNode *n = calloc (1, sizeof *n);
  if (n != NULL)
    n->type = type;
  return n;
}

int
eis_node_append (EisNode *node, EisNode *child)
{
  EisNode **ch = realloc (node->children, (node->n_children + 1) * sizeof *ch);
  if (ch == NULL)
    return EIS_ERR_NOMEM;
  node->children = ch;
  ch[node->n_children++] = child;
  return EIS_OK;
}

void
eis_node_free (EisNode *node)
{
  if (node == NULL)
    return;
  for (size_t i = 0; i < node->n_children; i++)
    eis_node_free (node->children[i]);
  free (node->children);
  free (node);
}

/* ---- building ---- */

static size_t
count_nodes (const EisNode *n)
{
  size_t k = 1;
  for (size_t i = 0; i < n->n_children; i++)
    k += count_nodes (n->children[i]);
  return k;
}

/* Pre-order walk: assigns parameter offsets and fills the flat table. */
static void
flatten (EisCircuit *c, EisNode *n, long parent, bool in_parallel)
{
  size_t i = c->n_nodes++;
  EisFlatNode *f = &c->flat[i];
  f->type = n->type;
  f->kind = n->kind;
  f->parent = parent;
  f->in_parallel = in_parallel;
  if (n->type == EIS_NODE_ELEMENT)
    {
      const EisElementInfo *info = eis_element_info (n->kind);
      n->param_offset = c->n_params;
      f->offset = c->n_params;
      f->n_params = info->n_params;
      c->n_params += info->n_params;
      return;
    }
  bool par = in_parallel || n->type == EIS_NODE_PARALLEL;
  for (size_t k = 0; k < n->n_children; k++)
    flatten (c, n->children[k], (long) i, par);
}

typedef struct {
  char *buf;
  size_t len, cap;
  bool failed;
} Buf;

static void
buf_add (Buf *b, const char *s)
{
  size_t n = strlen (s);
  if (b->failed)
    return;
  if (b->len + n + 1 > b->cap)
    {
      size_t cap = b->cap ? b->cap : 64;
      while (cap < b->len + n + 1)
        cap *= 2;
      char *p = realloc (b->buf, cap);
      if (p == NULL)
        {
          b->failed = true;
          return;
        }
      b->buf = p;
      b->cap = cap;
    }
  memcpy (b->buf + b->len, s, n + 1);
  b->len += n;
}

/* impedance.py notation: series "a-b", parallel "p(a,b)". */
static void
write_text (Buf *b, const EisNode *n)
{
  switch (n->type)
    {
    case EIS_NODE_ELEMENT:
      buf_add (b, n->label);
      break;
    case EIS_NODE_SERIES:
      for (size_t i = 0; i < n->n_children; i++)
        {
          if (i > 0)
            buf_add (b, "-");
          write_text (b, n->children[i]);
        }
      break;
    case EIS_NODE_PARALLEL:
      buf_add (b, "p(");
      for (size_t i = 0; i < n->n_children; i++)
        {
          if (i > 0)
            buf_add (b, ",");
          write_text (b, n->children[i]);
        }
      buf_add (b, ")");
      break;
    }
}

int
eis_circuit_new_from_tree (EisNode *root, EisCircuit **out, EisError *err)
{
  *out = NULL;
  EisCircuit *c = calloc (1, sizeof *c);
  if (c == NULL)
    {
      eis_node_free (root);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  c->root = root;
  size_t n = count_nodes (root);
  c->flat = calloc (n, sizeof *c->flat);
  c->z_node = calloc (n, sizeof *c->z_node);
  c->acc = calloc (n, sizeof *c->acc);
  c->y_node = calloc (n, sizeof *c->y_node);
  c->factor = calloc (n, sizeof *c->factor);
  c->cache = calloc (n, sizeof *c->cache);
  if (!c->flat || !c->z_node || !c->acc || !c->y_node || !c->factor || !c->cache)
    goto nomem;
  flatten (c, root, -1, false);
  for (size_t i = 0; i < n; i++)
    eis_element_cache_init (&c->cache[i]);

  size_t np = c->n_params;
  c->param_names = calloc (np ? np : 1, sizeof *c->param_names);
  c->param_units = calloc (np ? np : 1, sizeof *c->param_units);
  c->param_kinds = calloc (np ? np : 1, sizeof *c->param_kinds);
  if (!c->param_names || !c->param_units || !c->param_kinds)
    goto nomem;
  /* Names: the label for one-parameter elements, label_suffix otherwise. */
  EisNode **stack = malloc (n * sizeof *stack);
  if (stack == NULL)
    goto nomem;
  size_t top = 0;
  stack[top++] = root;
  while (top > 0)
    {
      EisNode *e = stack[--top];
      if (e->type != EIS_NODE_ELEMENT)
        {
          for (size_t k = e->n_children; k-- > 0;)
            stack[top++] = e->children[k];
          continue;
        }
      const EisElementInfo *info = eis_element_info (e->kind);
      for (size_t k = 0; k < info->n_params; k++)
        {
          size_t i = e->param_offset + k;
          if (info->suffix[k] == NULL)
            snprintf (c->param_names[i], sizeof c->param_names[i], "%s", e->label);
          else
            snprintf (c->param_names[i], sizeof c->param_names[i], "%s_%s", e->label,
                      info->suffix[k]);
          c->param_units[i] = info->unit[k];
          c->param_kinds[i] = info->kind[k];
        }
    }
  free (stack);

  Buf b = { 0 };
  write_text (&b, root);
  if (b.failed)
    {
      free (b.buf);
      goto nomem;
    }
  c->text = b.buf;
  *out = c;
  return EIS_OK;

nomem:
  eis_circuit_free (c);
  return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
}

void
eis_circuit_free (EisCircuit *c)
{
  if (c == NULL)
    return;
  eis_node_free (c->root);
  free (c->text);
  free (c->param_names);
  free (c->param_units);
  free (c->param_kinds);
  free (c->flat);
  free (c->z_node);
  free (c->acc);
  free (c->y_node);
  free (c->factor);
  free (c->cache);
  free (c);
}

EisCircuit *
eis_circuit_dup (const EisCircuit *c)
{
  EisCircuit *d = NULL;
  if (c == NULL || eis_circuit_parse (c->text, &d, NULL) != EIS_OK)
    return NULL;
  return d;
}

/* ---- queries ---- */

size_t
eis_circuit_n_params (const EisCircuit *c)
{
  return c->n_params;
}

const char *
eis_circuit_param_name (const EisCircuit *c, size_t i)
{
  return i < c->n_params ? c->param_names[i] : NULL;
}

const char *
eis_circuit_param_unit (const EisCircuit *c, size_t i)
{
  return i < c->n_params ? c->param_units[i] : NULL;
}

EisParamKind
eis_circuit_param_kind (const EisCircuit *c, size_t i)
{
  return i < c->n_params ? c->param_kinds[i] : EIS_PARAM_POSITIVE;
}

const char *
eis_circuit_text (const EisCircuit *c)
{
  return c->text;
}

const EisNode *
eis_circuit_root (const EisCircuit *c)
{
  return c->root;
}

/* Matches NAME against "<label>_<k>" (impedance.py's positional spelling) for element E,
 * and "Q<k>..." for "CPE<k>...". */
static long
match_element (const EisNode *e, const char *name)
{
  const EisElementInfo *info = eis_element_info (e->kind);
  const char *label = e->label;
  size_t ll = strlen (label);
  char alt[40];
  /* Q1 ... is CPE1 ... */
  if (e->kind == EIS_ELEM_CPE && (name[0] == 'Q' || name[0] == 'q'))
    {
      snprintf (alt, sizeof alt, "CPE%s", name + 1);
      name = alt;
    }
  if (strncasecmp (name, label, ll) != 0)
    return -1;
  const char *rest = name + ll;
  if (*rest == '\0')
    return info->n_params == 1 ? (long) e->param_offset : -1;
  if (*rest != '_')
    return -1;
  rest++;
  for (size_t k = 0; k < info->n_params; k++)
    if (info->suffix[k] != NULL && strcasecmp (rest, info->suffix[k]) == 0)
      return (long) (e->param_offset + k);
  if (isdigit ((unsigned char) rest[0]) && rest[1] == '\0')
    {
      size_t k = (size_t) (rest[0] - '0');
      if (k < info->n_params)
        return (long) (e->param_offset + k);
    }
  return -1;
}

static long
find_param (const EisNode *n, const char *name)
{
  if (n->type == EIS_NODE_ELEMENT)
    return match_element (n, name);
  for (size_t i = 0; i < n->n_children; i++)
    {
      long k = find_param (n->children[i], name);
      if (k >= 0)
        return k;
    }
  return -1;
}

long
eis_circuit_param_index (const EisCircuit *c, const char *name)
{
  if (c == NULL || name == NULL)
    return -1;
  for (size_t i = 0; i < c->n_params; i++)
    if (strcmp (c->param_names[i], name) == 0)
      return (long) i;
  for (size_t i = 0; i < c->n_params; i++)
    if (strcasecmp (c->param_names[i], name) == 0)
      return (long) i;
  return find_param (c->root, name);
}

/* ---- evaluation ---- */

static inline double complex
cinv (double complex a)
{
  double ar = creal (a), ai = cimag (a);
  double d = ar * ar + ai * ai;
  if (!(d > DBL_MIN && d < DBL_MAX))
    return 1.0 / a;
  double r = 1.0 / d;
  return CMPLX (ar * r, -ai * r);
}

static inline double complex
cmul (double complex a, double complex b)
{
  double ar = creal (a), ai = cimag (a), br = creal (b), bi = cimag (b);
  return CMPLX (ar * br - ai * bi, ar * bi + ai * br);
}

/* Bottom-up: children have larger pre-order indices than their parent, so walking the
 * flat table backwards finishes every child before its parent. Top-down then carries
 * dZ_root/dZ_node, which is 1 through series nodes and (Z_par/Z_k)^2 into parallel
 * branch k. Allocation-free; writes the scratch arrays in C. */
void
eis_circuit_eval (const EisCircuit *c, const double *p, double omega, double complex *z,
                  double complex *dz)
{
  eis_circuit_eval_log (c, p, omega, log (omega), z, dz);
}

void
eis_circuit_eval_log (const EisCircuit *c, const double *p, double omega, double log_omega,
                      double complex *z, double complex *dz)
{
  const EisFlatNode *fl = c->flat;
  double complex *zn = c->z_node, *acc = c->acc, *yn = c->y_node;
  size_t n = c->n_nodes;
  EisFreq f = { omega, log_omega };

  for (size_t i = 0; i < n; i++)
    acc[i] = 0;
  for (size_t i = n; i-- > 0;)
    {
      double complex zi;
      if (fl[i].type == EIS_NODE_ELEMENT)
        {
          double complex *dzi = dz ? dz + fl[i].offset : NULL;
          if (!eis_element_eval_common (fl[i].kind, p + fl[i].offset, &f, &c->cache[i], &zi,
                                        dzi))
            eis_element_eval_freq (fl[i].kind, p + fl[i].offset, &f, &c->cache[i], &zi, dzi);
        }
      else if (fl[i].type == EIS_NODE_SERIES)
        zi = acc[i];
      else
        zi = cinv (acc[i]);
      zn[i] = zi;
      long par = fl[i].parent;
      if (par < 0)
        continue;
      if (fl[par].type == EIS_NODE_PARALLEL)
        {
          yn[i] = cinv (zi);
          acc[par] += yn[i];
        }
      else
        acc[par] += zi;
    }
  *z = zn[0];
  if (dz == NULL)
    return;

  double complex *fac = c->factor;
  fac[0] = 1.0;
  for (size_t i = 1; i < n; i++)
    {
      if (!fl[i].in_parallel)
        {
          fac[i] = 1.0;
          continue;
        }
      long par = fl[i].parent;
      if (fl[par].type == EIS_NODE_PARALLEL)
        {
          double complex r = cmul (zn[par], yn[i]);
          fac[i] = cmul (fac[par], cmul (r, r));
        }
      else
        fac[i] = fac[par];
      if (fl[i].type == EIS_NODE_ELEMENT)
        for (size_t k = 0; k < fl[i].n_params; k++)
          dz[fl[i].offset + k] = cmul (fac[i], dz[fl[i].offset + k]);
    }
}

size_t
eis_circuit_batch_work (const EisCircuit *c, size_t n)
{
  return 4 * c->n_nodes * (n ? n : 1);
}

/* One element at N points: Z into Z, and with DZ its derivatives, point q's at DZ + q P. R, C
 * and CPE a kind at a time over the points, each value by the operations of
 * eis_element_eval_common (the same numbers to the last bit), with the CPE's phase taken
 * once; the other kinds a point at a time. */
static void
element_batch (EisElementKind kind, const double *p, size_t N, const double *omega,
               const double *log_omega, EisElementCache *cache, double complex *z,
               double complex *dz, size_t P)
{
  switch (kind)
    {
    case EIS_ELEM_R:
      for (size_t q = 0; q < N; q++)
        z[q] = p[0];
      if (dz)
        for (size_t q = 0; q < N; q++)
          dz[q * P] = 1.0;
      return;

    case EIS_ELEM_C:
      for (size_t q = 0; q < N; q++)
        {
          double im = -1.0 / (omega[q] * p[0]);
          z[q] = CMPLX (0.0, im);
          if (dz)
            dz[q * P] = CMPLX (0.0, -im / p[0]);
        }
      return;

    case EIS_ELEM_CPE:
      {
        double q0 = p[0], n = p[1], c, s;
        eis_element_phase (n, cache, &c, &s);
        double inv_q = 1.0 / q0, bi = 1.57079632679489661923;
        for (size_t q = 0; q < N; q++)
          {
            double m = exp (-n * log_omega[q]) * inv_q;
            double zr = m * c, zi = -m * s;
            z[q] = CMPLX (zr, zi);
            if (dz)
              {
                double br = log_omega[q];
                dz[q * P] = CMPLX (-inv_q * zr, -inv_q * zi);
                dz[q * P + 1] = CMPLX (-(zr * br - zi * bi), -(zr * bi + zi * br));
              }
          }
        return;
      }

    default:
      for (size_t q = 0; q < N; q++)
        {
          EisFreq f = { omega[q], log_omega[q] };
          eis_element_eval_freq (kind, p, &f, cache, &z[q], dz ? dz + q * P : NULL);
        }
      return;
    }
}

void
eis_circuit_eval_batch (const EisCircuit *c, const double *p, size_t N, const double *omega,
                        const double *log_omega, double complex *z, double complex *dz,
                        double complex *work)
{
  const EisFlatNode *fl = c->flat;
  size_t n = c->n_nodes, P = c->n_params;
  /* per node, N values each: Z, the sum of its children, 1/Z (child of a parallel node) and
   * dZ_root/dZ_node */
  double complex *zn = work, *acc = zn + n * N, *yn = acc + n * N, *fac = yn + n * N;
  for (size_t i = 0; i < n; i++)
    if (fl[i].type != EIS_NODE_ELEMENT)
      for (size_t q = 0; q < N; q++)
        acc[i * N + q] = 0;
  for (size_t i = n; i-- > 0;)
    {
      double complex *zi = zn + i * N, *ai = acc + i * N;
      if (fl[i].type == EIS_NODE_ELEMENT)
        element_batch (fl[i].kind, p + fl[i].offset, N, omega, log_omega, &c->cache[i], zi,
                       dz ? dz + fl[i].offset : NULL, P);
      else if (fl[i].type == EIS_NODE_SERIES)
        for (size_t q = 0; q < N; q++)
          zi[q] = ai[q];
      else
        for (size_t q = 0; q < N; q++)
          zi[q] = cinv (ai[q]);
      long par = fl[i].parent;
      if (par < 0)
        continue;
      double complex *ap = acc + (size_t) par * N;
      if (fl[par].type == EIS_NODE_PARALLEL)
        {
          double complex *yi = yn + i * N;
          for (size_t q = 0; q < N; q++)
            {
              yi[q] = cinv (zi[q]);
              ap[q] += yi[q];
            }
        }
      else
        for (size_t q = 0; q < N; q++)
          ap[q] += zi[q];
    }
  for (size_t q = 0; q < N; q++)
    z[q] = zn[q];
  if (dz == NULL)
    return;
  /* dZ_root/dZ_node is 1 outside parallel nodes: only the nodes inside one get a factor,
   * read from their parent's (a parallel node, set to 1 when it is not inside another, or a
   * series node inside one), and only their elements' derivatives are multiplied by it. */
  for (size_t q = 0; q < N; q++)
    fac[q] = 1.0;
  for (size_t i = 1; i < n; i++)
    {
      double complex *fi = fac + i * N;
      if (!fl[i].in_parallel)
        {
          if (fl[i].type == EIS_NODE_PARALLEL)
            for (size_t q = 0; q < N; q++)
              fi[q] = 1.0;
          continue;
        }
      size_t par = (size_t) fl[i].parent;
      const double complex *fp = fac + par * N;
      if (fl[par].type == EIS_NODE_PARALLEL)
        {
          const double complex *zp = zn + par * N, *yi = yn + i * N;
          for (size_t q = 0; q < N; q++)
            {
              double complex r = cmul (zp[q], yi[q]);
              fi[q] = cmul (fp[q], cmul (r, r));
            }
        }
      else
        for (size_t q = 0; q < N; q++)
          fi[q] = fp[q];
      if (fl[i].type == EIS_NODE_ELEMENT)
        for (size_t q = 0; q < N; q++)
          for (size_t k = 0; k < fl[i].n_params; k++)
            dz[q * P + fl[i].offset + k] = cmul (fi[q], dz[q * P + fl[i].offset + k]);
    }
}

int
eis_node_same_shape (const EisNode *x, const EisNode *y)
{
  if (x->type != y->type || x->n_children != y->n_children)
    return 0;
  if (x->type == EIS_NODE_ELEMENT)
    return x->kind == y->kind;
  for (size_t i = 0; i < x->n_children; i++)
    if (!eis_node_same_shape (x->children[i], y->children[i]))
      return 0;
  return 1;
}

int
eis_node_arc_params (const EisNode *nd, long *ir, long *iq, long *in, int *zarc)
{
  *zarc = 0;
  if (nd->type == EIS_NODE_ELEMENT && nd->kind == EIS_ELEM_ZARC)
    {
      *ir = (long) nd->param_offset;
      *iq = (long) nd->param_offset + 1;   /* tau */
      *in = (long) nd->param_offset + 2;
      *zarc = 1;
      return 1;
    }
  if (nd->type != EIS_NODE_PARALLEL || nd->n_children != 2)
    return 0;
  const EisNode *a = nd->children[0], *b = nd->children[1];
  if (a->type != EIS_NODE_ELEMENT || b->type != EIS_NODE_ELEMENT)
    return 0;
  if (b->kind == EIS_ELEM_R)
    {
      const EisNode *t = a;
      a = b;
      b = t;
    }
  if (a->kind != EIS_ELEM_R || (b->kind != EIS_ELEM_C && b->kind != EIS_ELEM_CPE))
    return 0;
  *ir = (long) a->param_offset;
  *iq = (long) b->param_offset;
  *in = b->kind == EIS_ELEM_CPE ? (long) b->param_offset + 1 : -1;
  return 1;
}
