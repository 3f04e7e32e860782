/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Physical admissibility of a fitted circuit: each element of a model has a range in which it
 * means what its name says (SCIENCE.md, "Admissible models"). A CPE whose exponent has run
 * towards 0 is a resistor, and an arc whose apex lies far outside the measured frequencies is
 * an extrapolation: such a fit describes the data with a model in disguise, and the roles and
 * conductivities built on it would be wrong. */
#include "fit.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const EisCircuit *c;
  const EisFitResult *r;
  double f_lo, f_hi;        /* the admissible window of characteristic frequencies, Hz */
  char *why;
  size_t why_len, used, count;
} Check;

static void
violation (Check *k, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static void
violation (Check *k, const char *fmt, ...)
{
  k->count++;
  if (k->why == NULL || k->used + 3 >= k->why_len)
    return;
  if (k->used)
    {
      memcpy (k->why + k->used, "; ", 3);
      k->used += 2;
    }
  va_list ap;
  va_start (ap, fmt);
  int w = vsnprintf (k->why + k->used, k->why_len - k->used, fmt, ap);
  va_end (ap);
  if (w > 0)
    k->used += (size_t) w;
  if (k->used >= k->why_len)
    k->used = k->why_len - 1;
}

/* DECADES beyond the fitted range [f_lo, f_hi] that a characteristic frequency may lie. */
static void
check_window (Check *k, const char *what, const char *label, double f_hz, double decades)
{
  double span = pow (10, decades);
  if (!(f_hz > 0) || !isfinite (f_hz))
    violation (k, "%s %s has no finite characteristic frequency", what, label);
  else if (f_hz < k->f_lo / span || f_hz > k->f_hi * span)
    violation (k, "%s %s peaks at %.3g Hz, more than %.3g decade%s %s the fitted range "
               "(%.3g to %.3g Hz): its values are an extrapolation, not a measurement",
               what, label, f_hz, decades, decades == 1 ? "" : "s",
               f_hz < k->f_lo ? "below" : "above", k->f_lo, k->f_hi);
}

/* The resistance of a branch in parallel with a capacitive element: an R, or the first R of a
 * series branch (the charge-transfer R of a Randles circuit R-W). Parameter index or -1. */
static long
branch_r (const EisNode *nd)
{
  if (nd->type == EIS_NODE_ELEMENT)
    return nd->kind == EIS_ELEM_R ? (long) nd->param_offset : -1;
  if (nd->type == EIS_NODE_SERIES)
    for (size_t i = 0; i < nd->n_children; i++)
      if (nd->children[i]->type == EIS_NODE_ELEMENT && nd->children[i]->kind == EIS_ELEM_R)
        return (long) nd->children[i]->param_offset;
  return -1;
}

/* An arc: a parallel node of two branches, one a C or CPE, the other resistive. */
static void
check_arc (Check *k, const EisNode *nd)
{
  if (nd->n_children != 2)
    return;
  for (int side = 0; side < 2; side++)
    {
      const EisNode *cap = nd->children[side], *other = nd->children[1 - side];
      if (cap->type != EIS_NODE_ELEMENT || (cap->kind != EIS_ELEM_C && cap->kind != EIS_ELEM_CPE))
        continue;
      long ir = branch_r (other);
      if (ir < 0)
        continue;
      const double *p = k->r->value;
      double R = p[ir], Q = p[cap->param_offset];
      double n = cap->kind == EIS_ELEM_CPE ? p[cap->param_offset + 1] : 1;
      /* Apex of R||CPE: omega = (R Q)^(-1/n) (Hsu & Mansfeld 2001). */
      double f = pow (R * Q, -1 / n) / (2 * M_PI);
      char label[80];
      snprintf (label, sizeof label, "%s||%s", eis_circuit_param_name (k->c, (size_t) ir),
                cap->label);
      /* An ideal capacitor leaves the arc no free shape: a semicircle whose R is the
       * resistance the spectrum still lacks at its top frequency, so it may lie a little
       * further out (the geometric bulk arc of a fast conductor) than a CPE arc, whose
       * exponent trades with its R once the apex leaves the data. */
      check_window (k, "the arc", label, f,
                    cap->kind == EIS_ELEM_C ? EIS_APEX_DECADES_IDEAL : EIS_APEX_DECADES);
      return;
    }
}

static void
walk (Check *k, const EisNode *nd, int in_parallel)
{
  if (nd->type != EIS_NODE_ELEMENT)
    {
      if (nd->type == EIS_NODE_PARALLEL)
        check_arc (k, nd);
      for (size_t i = 0; i < nd->n_children; i++)
        walk (k, nd->children[i], in_parallel || nd->type == EIS_NODE_PARALLEL);
      return;
    }
  const double *p = k->r->value + nd->param_offset;
  switch (nd->kind)
    {
    case EIS_ELEM_CPE:
      {
        double nmin = in_parallel ? EIS_ARC_N_MIN : EIS_TAIL_N_MIN;
        if (p[1] < nmin)
          violation (k, "%s_n = %.3g is below %.2g: %s", nd->label, p[1], nmin,
                     in_parallel ? "an arc's CPE with so low an exponent acts as a resistor, "
                     "not a capacitance" : "a tail this flat is a resistor, not an electrode "
                     "or diffusion element");
        break;
      }
    case EIS_ELEM_ZARC:
      if (p[2] < EIS_ARC_N_MIN)
        violation (k, "%s_alpha = %.3g is below %.2g: the arc is flatter than any "
                   "relaxation it could describe", nd->label, p[2], EIS_ARC_N_MIN);
      check_window (k, "the arc", nd->label, 1 / (2 * M_PI * p[1]), EIS_APEX_DECADES);
      break;
    case EIS_ELEM_WO:
    case EIS_ELEM_WS:
      check_window (k, "the finite Warburg", nd->label, 1 / (2 * M_PI * p[1]),
                    EIS_APEX_DECADES);
      break;
    case EIS_ELEM_G:
      check_window (k, "the Gerischer element", nd->label, 1 / (2 * M_PI * p[1]),
                    EIS_APEX_DECADES);
      break;
    case EIS_ELEM_L:
      if (!in_parallel && !eis_fit_lead_inductance_ok (k->r, p[0]))
        violation (k, "%s = %.3g H is no lead inductance (above %g H while the spectrum is "
                   "capacitive at its highest frequency; leads and cell holders have 0.1 to "
                   "1 uH)", nd->label, p[0], EIS_LEAD_L_MAX_H);
      break;
    default:
      break;
    }
}

/* Leads and cell holders add 0.1-1 uH (SCIENCE.md): up to ten times that is a lead
 * inductance. More is one only where the data show it: the spectrum inductive (Z'' > 0) at
 * its highest fitted frequency (an instrument's own high-frequency artefact can exceed the
 * leads'). Without that, a larger L is the model bending an arc or a tail into shape. The data
 * there are the model plus its residual (res = (Z - model)/|Z|, |Z| taken as |model|). */
int
eis_fit_lead_inductance_ok (const EisFitResult *r, double L_h)
{
  if (!(L_h > EIS_LEAD_L_MAX_H))
    return 1;
  if (r->n_points == 0)
    return 0;
  size_t top = 0;
  for (size_t i = 1; i < r->n_points; i++)
    if (r->freq_hz[i] > r->freq_hz[top])
      top = i;
  double mr = r->model_re[top], mi = r->model_im[top];
  double z_im = mi + (r->res_im ? r->res_im[top] : 0) * hypot (mr, mi);
  return z_im > 0;
}

size_t
eis_fit_admissible (const EisCircuit *c, const EisFitResult *r, char *why, size_t why_len)
{
  Check k = { c, r, 0, 0, why, why_len, 0, 0 };
  if (why && why_len)
    why[0] = '\0';
  if (r->n_points == 0)
    return 0;
  k.f_lo = r->freq_hz[0];
  k.f_hi = r->freq_hz[r->n_points - 1];
  walk (&k, eis_circuit_root (c), 0);
  return k.count;
}
