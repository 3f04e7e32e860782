/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Equivalent circuits: the two notations (impedance.py strings and Boukamp's CDC),
 * the parameter list, and the impedance with its exact derivatives. */
#ifndef EIS_CIRCUIT_H
#define EIS_CIRCUIT_H

#include <complex.h>

/* C11's CMPLX; glibc defines it only for GCC, so clang (used by the fuzz builds) gets the
 * same builtin here. */
#ifndef CMPLX
#  define CMPLX(x, y) __builtin_complex ((double) (x), (double) (y))
#endif
#include <stddef.h>
#include "eis-error.h"

typedef enum {
  EIS_ELEM_R,     /* R [Ohm] */
  EIS_ELEM_C,     /* C [F] */
  EIS_ELEM_L,     /* L [H] */
  EIS_ELEM_CPE,   /* Q [F s^(n-1)], n */
  EIS_ELEM_W,     /* A_W [Ohm s^-1/2] semi-infinite Warburg */
  EIS_ELEM_WO,    /* Z0 [Ohm], tau [s]: finite, open/reflective (coth) */
  EIS_ELEM_WS,    /* Z0 [Ohm], tau [s]: finite, short/transmissive (tanh) */
  EIS_ELEM_G,     /* R [Ohm], t [s]: Gerischer */
  EIS_ELEM_ZARC,  /* R [Ohm], tau [s], alpha */
  EIS_ELEM_LA,    /* L [H s^(alpha-1)], alpha */
  EIS_ELEM_COUNT
} EisElementKind;

typedef enum {
  EIS_PARAM_POSITIVE,   /* > 0, fitted in log space */
  EIS_PARAM_EXPONENT    /* 0 < x <= 1 (CPE n, Zarc alpha, La alpha) */
} EisParamKind;

typedef enum { EIS_NODE_ELEMENT, EIS_NODE_SERIES, EIS_NODE_PARALLEL } EisNodeType;

typedef struct EisNode {
  EisNodeType type;
  EisElementKind kind;       /* element nodes only */
  char label[32];            /* element nodes only: "R0", "CPE1", "Wo2" */
  size_t param_offset;       /* element nodes only: index of its first parameter */
  size_t n_children;         /* series/parallel nodes */
  struct EisNode **children;
} EisNode;

typedef struct EisCircuit EisCircuit;

/* Limits of the circuit language (man eisfit, CIRCUITS): deeper nesting or more elements are
 * parse errors, so that a hostile text can exhaust neither the stack nor the time. */
#define EIS_CIRCUIT_MAX_DEPTH 256      /* nested parentheses */
#define EIS_CIRCUIT_MAX_ELEMENTS 1024

/* Parses either notation (auto-detected). Errors point at the character:
 * "column 7: expected ',' or ')' after CPE1"; in a long text they quote the text around it. */
int eis_circuit_parse (const char *text, EisCircuit **out, EisError *err);
void eis_circuit_free (EisCircuit *c);

/* Starting values, bounds and fixed parameters written in the circuit text (circuit-inline.c):
 * n_params entries each, NAN (0 for fixed) where the text gives none. */
typedef struct {
  double *init, *lower, *upper;
  int *fixed;
} EisCircuitSettings;

/* Parses TEXT like eis_circuit_parse, with {...} blocks after elements:
 * "R0{100}-p(R1{R=1e3/10/1e5},CPE1{Q=1e-9,n=0.9f})" or pyimpspec's "R{R=50}(R{R=250f}C)".
 * SET receives what they say (free with eis_circuit_settings_clear; all NULL without blocks). */
int eis_circuit_parse_inline (const char *text, EisCircuit **out, EisCircuitSettings *set,
                              EisError *err);
void eis_circuit_settings_clear (EisCircuitSettings *set);
/* A new, independent copy of C (for use from another thread), or NULL when out of memory. */
EisCircuit *eis_circuit_dup (const EisCircuit *c);

size_t eis_circuit_n_params (const EisCircuit *c);
/* Parameter names: single-parameter elements use the label ("R0", "C1", "W1"), others
 * label_suffix ("CPE1_Q", "CPE1_n", "Wo1_Z0", "Wo1_tau", "G1_R", "G1_t", "Zarc1_R",
 * "Zarc1_tau", "Zarc1_alpha", "La1_L", "La1_alpha"). */
const char *eis_circuit_param_name (const EisCircuit *c, size_t i);
const char *eis_circuit_param_unit (const EisCircuit *c, size_t i);
EisParamKind eis_circuit_param_kind (const EisCircuit *c, size_t i);
/* Index of a parameter by name (also impedance.py's "CPE1_0"/"CPE1_1" spellings), or -1. */
long eis_circuit_param_index (const EisCircuit *c, const char *name);
/* Canonical impedance.py-style text, e.g. "R0-p(R1,CPE1)-CPE2". */
const char *eis_circuit_text (const EisCircuit *c);
const EisNode *eis_circuit_root (const EisCircuit *c);
/* 1 when X and Y are the same structure of the same element kinds (labels and values aside). */
int eis_node_same_shape (const EisNode *x, const EisNode *y);
/* An arc among a circuit's nodes: R in parallel with C or CPE (either order), or a Zarc.
 * Fills the parameter indices of its resistance IR, of its capacitive element's first
 * parameter IQ (C, Q, or the Zarc's tau) and of the exponent IN (-1 for an ideal C); ZARC
 * says which kind. 0 when ND is no arc. */
int eis_node_arc_params (const EisNode *nd, long *ir, long *iq, long *in, int *zarc);

/* Impedance at angular frequency OMEGA [rad/s] for parameters P (n_params, natural units).
 * When DZ is not NULL it receives dZ/dp_k for every k. Allocation-free, but it writes
 * scratch space inside C: one EisCircuit must not be evaluated from two threads at once
 * (give each thread its own, eis_circuit_dup). */
void eis_circuit_eval (const EisCircuit *c, const double *p, double omega,
                       double complex *z, double complex *dz);
/* The same with LOG_OMEGA = ln(OMEGA) given, for callers that evaluate the same frequencies
 * many times (the fitter). */
void eis_circuit_eval_log (const EisCircuit *c, const double *p, double omega, double log_omega,
                           double complex *z, double complex *dz);
/* eis_circuit_eval_log at N frequencies at once: Z into Z[q], and with DZ not NULL
 * dZ/dp_k into DZ[q * n_params + k]; the same arithmetic (the same numbers to the last bit),
 * a node at a time over all frequencies instead of a frequency at a time over the nodes.
 * WORK holds eis_circuit_batch_work (C, N) complex numbers. */
size_t eis_circuit_batch_work (const EisCircuit *c, size_t n);
void eis_circuit_eval_batch (const EisCircuit *c, const double *p, size_t n, const double *omega,
                             const double *log_omega, double complex *z, double complex *dz,
                             double complex *work);

/* Element-level evaluation and description (element.c). */
typedef struct {
  const char *name;          /* "CPE" */
  size_t n_params;
  const char *suffix[3];     /* parameter suffixes: "Q", "n"; NULL for single-parameter */
  const char *unit[3];
  EisParamKind kind[3];
} EisElementInfo;

const EisElementInfo *eis_element_info (EisElementKind kind);
void eis_element_eval (EisElementKind kind, const double *p, double omega,
                       double complex *z, double complex *dz);

#endif
