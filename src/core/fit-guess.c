/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Automatic starting values for CNLS from the spectrum itself, so no user has to type one.
 *
 * A coarse distribution of relaxation times (ridge-regularised, after Wan, Saccoccio, Chen &
 * Ciucci, Electrochim. Acta 184 (2015) 483) with a series resistance, capacitance and
 * inductance gives the high-frequency intercept and, as the lobes of the distribution, each
 * arc's resistance and time constant. Arcs of the circuit (top-level parallel groups, Zarc,
 * Gerischer, transmissive Warburg) take the largest lobes in order of increasing time constant;
 * low-frequency elements (C, CPE, W, Wo in series) take the low-frequency slope.
 * For R||CPE: omega_peak = (R Q)^(-1/n), so Q = tau^n / R. */
#include "fit-private.h"

#include "cholesky.h"
#include "order-stat.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PER_DECADE 5
#define MAX_LOBES EIS_FIT_MAX_LOBES

typedef EisFitLobe Lobe;
typedef EisFitFeatures Features;

static int
cmp_lobe_R_desc (const void *a, const void *b)
{
  double x = ((const Lobe *) a)->R, y = ((const Lobe *) b)->R;
  return (x < y) - (x > y);
}

static int
cmp_lobe_tau (const void *a, const void *b)
{
  double x = ((const Lobe *) a)->tau, y = ((const Lobe *) b)->tau;
  return (x > y) - (x < y);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* G = A^T A + B^T B over the upper triangle of G (NCOL8 x NCOL8, NCOL8 a multiple of 8), with
 * A and B the N x NCOL8 real and imaginary rows of the system (row-major). Each element is
 * summed over the rows in order from 0 (a_ij a_ik + b_ij b_ik, then added), as a row-by-row
 * update would; a 4 x 8 tile of G is kept in registers over all rows instead of reading and
 * writing G at every row, which made the guess's Gram matrix memory-bound (tiles that reach
 * below the diagonal fill a few elements of the lower triangle too, never read). Where the
 * processor has AVX-512, a copy with 8 doubles a vector is chosen when the program starts;
 * elsewhere the tile is held as eight vectors of 4 (AVX2, or SSE2 in pairs: the 8-wide vector
 * type split by the compiler for AVX2 went through the stack at every row, 120 instructions
 * a row of a tile against 45). Never a fused multiply-add, so the same sums to the last bit
 * on every path. */
typedef double V4 __attribute__ ((vector_size (32)));
typedef double V8 __attribute__ ((vector_size (64)));

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
#define GRAM_DISPATCH 1
__attribute__ ((target ("avx512f")))
static void
gram_tiles_v8 (double *restrict G, size_t ncol8, size_t N, const double *restrict A,
               const double *restrict B)
{
  for (size_t j0 = 0; j0 < ncol8; j0 += 4)
    for (size_t k0 = j0 & ~(size_t) 7; k0 < ncol8; k0 += 8)
      {
        V8 acc0 = { 0, 0, 0, 0, 0, 0, 0, 0 }, acc1 = acc0, acc2 = acc0, acc3 = acc0;
        for (size_t i = 0; i < N; i++)
          {
            const double *a = A + i * ncol8, *b = B + i * ncol8;
            V8 va, vb;
            memcpy (&va, a + k0, sizeof va);
            memcpy (&vb, b + k0, sizeof vb);
            acc0 += (a[j0] * va + b[j0] * vb);
            acc1 += (a[j0 + 1] * va + b[j0 + 1] * vb);
            acc2 += (a[j0 + 2] * va + b[j0 + 2] * vb);
            acc3 += (a[j0 + 3] * va + b[j0 + 3] * vb);
          }
        memcpy (G + j0 * ncol8 + k0, &acc0, sizeof acc0);
        memcpy (G + (j0 + 1) * ncol8 + k0, &acc1, sizeof acc1);
        memcpy (G + (j0 + 2) * ncol8 + k0, &acc2, sizeof acc2);
        memcpy (G + (j0 + 3) * ncol8 + k0, &acc3, sizeof acc3);
      }
}

__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
gram_tiles_v4 (double *restrict G, size_t ncol8, size_t N, const double *restrict A,
               const double *restrict B)
{
  for (size_t j0 = 0; j0 < ncol8; j0 += 4)
    for (size_t k0 = j0 & ~(size_t) 7; k0 < ncol8; k0 += 8)
      {
        V4 z = { 0, 0, 0, 0 };
        V4 c0l = z, c0h = z, c1l = z, c1h = z, c2l = z, c2h = z, c3l = z, c3h = z;
        for (size_t i = 0; i < N; i++)
          {
            const double *a = A + i * ncol8, *b = B + i * ncol8;
            V4 al, ah, bl, bh;
            memcpy (&al, a + k0, sizeof al);
            memcpy (&ah, a + k0 + 4, sizeof ah);
            memcpy (&bl, b + k0, sizeof bl);
            memcpy (&bh, b + k0 + 4, sizeof bh);
            double x0 = a[j0], x1 = a[j0 + 1], x2 = a[j0 + 2], x3 = a[j0 + 3];
            double y0 = b[j0], y1 = b[j0 + 1], y2 = b[j0 + 2], y3 = b[j0 + 3];
            c0l += (x0 * al + y0 * bl);
            c0h += (x0 * ah + y0 * bh);
            c1l += (x1 * al + y1 * bl);
            c1h += (x1 * ah + y1 * bh);
            c2l += (x2 * al + y2 * bl);
            c2h += (x2 * ah + y2 * bh);
            c3l += (x3 * al + y3 * bl);
            c3h += (x3 * ah + y3 * bh);
          }
        double *g = G + j0 * ncol8 + k0;
        memcpy (g, &c0l, sizeof c0l);
        memcpy (g + 4, &c0h, sizeof c0h);
        memcpy (g + ncol8, &c1l, sizeof c1l);
        memcpy (g + ncol8 + 4, &c1h, sizeof c1h);
        memcpy (g + 2 * ncol8, &c2l, sizeof c2l);
        memcpy (g + 2 * ncol8 + 4, &c2h, sizeof c2h);
        memcpy (g + 3 * ncol8, &c3l, sizeof c3l);
        memcpy (g + 3 * ncol8 + 4, &c3h, sizeof c3h);
      }
}

static void
gram_tiles (double *restrict G, size_t ncol8, size_t N, const double *restrict A,
            const double *restrict B)
{
#ifdef GRAM_DISPATCH
  if (__builtin_cpu_supports ("avx512f"))
    {
      gram_tiles_v8 (G, ncol8, N, A, B);
      return;
    }
#endif
  gram_tiles_v4 (G, ncol8, N, A, B);
}

/* One point's Debye columns of the distribution: with wt = w tau_k and q = sw / (1 + wt^2),
 * RE[k] = q and IM[k] = -q wt; four columns an instruction (each element by the same
 * operations as one at a time). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
debye_row (double *restrict re, double *restrict im, const double *restrict tau, size_t M,
           double w, double sw)
{
  size_t k = 0;
  V4 vw = { w, w, w, w }, vs = { sw, sw, sw, sw }, one = { 1, 1, 1, 1 };
  for (; k + 4 <= M; k += 4)
    {
      V4 t, wt, q;
      memcpy (&t, tau + k, sizeof t);
      wt = vw * t;
      q = vs / (one + wt * wt);
      memcpy (re + k, &q, sizeof q);
      q = -q * wt;
      memcpy (im + k, &q, sizeof q);
    }
  for (; k < M; k++)
    {
      double wt = w * tau[k], q = sw / (1 + wt * wt);
      re[k] = q;
      im[k] = -q * wt;
    }
}

/* B[j] += RE[j] BRE + IM[j] BIM over the N columns, four an instruction. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
rhs_add (double *restrict b, const double *restrict re, const double *restrict im, size_t n,
         double bre, double bim)
{
  size_t j = 0;
  V4 vr = { bre, bre, bre, bre }, vi = { bim, bim, bim, bim };
  for (; j + 4 <= n; j += 4)
    {
      V4 x, r, i;
      memcpy (&x, b + j, sizeof x);
      memcpy (&r, re + j, sizeof r);
      memcpy (&i, im + j, sizeof i);
      x += r * vr + i * vi;
      memcpy (b + j, &x, sizeof x);
    }
  for (; j < n; j++)
    b[j] += re[j] * bre + im[j] * bim;
}

/* Ridge-regularised relaxation-time distribution; fills F. Returns 0 on success. */
static int
drt_features (const EisSpectrum *s, Features *F)
{
  size_t N = s->n;
  double wmin = 2 * M_PI * s->freq_hz[0], wmax = 2 * M_PI * s->freq_hz[N - 1];
  double lt0 = log10 (1.0 / wmax) - 1.0, lt1 = log10 (1.0 / wmin) + 1.0;
  size_t M = (size_t) ceil ((lt1 - lt0) * PER_DECADE) + 1;
  if (M < 3)
    M = 3;
  size_t ncol = M + 3, ncol2 = (ncol + 7) & ~(size_t) 7;
  int status = -1;
  /* Per point, its real and imaginary rows (zero-padded to a multiple of 8), whose Gram
   * matrix is that of the 2N x (M+3) system; the columns are scaled to unit norm afterwards
   * (their norms are the square roots of its diagonal). */
  double *rows_re = malloc (2 * N * ncol2 * sizeof *rows_re);
  double *rows_im = rows_re ? rows_re + N * ncol2 : NULL;
  /* (gram_tiles writes every element of AtA read below: the upper triangle) */
  double *AtA = malloc (ncol2 * ncol2 * sizeof *AtA), *Atb = calloc (ncol, sizeof *Atb);
  double *xs = malloc (ncol * sizeof *xs);
  double *tau = malloc (M * sizeof *tau), *norm = calloc (ncol, sizeof *norm);
  double *g = malloc (M * sizeof *g);
  if (!rows_re || !AtA || !Atb || !xs || !tau || !norm || !g)
    goto done;
  double nl = isfinite (F->n_low) ? fmin (1.0, fmax (0.5, F->n_low)) : 1.0;
  double cn = cos (nl * M_PI / 2), sn = sin (nl * M_PI / 2);
  for (size_t k = 0; k < M; k++)
    tau[k] = pow (10.0, lt0 + (lt1 - lt0) * (double) k / (double) (M - 1));
  for (size_t i = 0; i < N; i++)
    {
      double *re = rows_re + i * ncol2, *im = rows_im + i * ncol2;
      double w = 2 * M_PI * s->freq_hz[i];
      double mod = hypot (s->z_re[i], s->z_im[i]);
      double sw = mod > 0 ? 1.0 / mod : 1.0;
      re[0] = sw;
      im[0] = 0;
      debye_row (re + 1, im + 1, tau, M, w, sw);
      /* Low-frequency element as a CPE with the observed exponent: coefficient 1/Q
       * (1/C when n_low = 1). */
      double wn = pow (w, -nl);
      re[M + 1] = sw * wn * cn;
      im[M + 1] = -sw * wn * sn;
      re[M + 2] = 0;
      im[M + 2] = sw * w;    /* coefficient L */
      for (size_t j = ncol; j < ncol2; j++)
        re[j] = im[j] = 0;
      double bre = sw * s->z_re[i], bim = sw * s->z_im[i];
      rhs_add (Atb, re, im, ncol, bre, bim);
    }
  gram_tiles (AtA, ncol2, N, rows_re, rows_im);
  for (size_t j = 0; j < ncol; j++)
    {
      double n2 = AtA[j * ncol2 + j];
      norm[j] = n2 > 0 ? sqrt (n2) : 1;
      xs[j] = 1.0 / norm[j];
    }
  /* Scaled columns, the ridge on the distribution, and the lower triangle; packed to
   * NCOL x NCOL in place (row j moves up, never over a row still to be read). */
  for (size_t j = 0; j < ncol; j++)
    {
      Atb[j] *= xs[j];
      for (size_t k = j; k < ncol; k++)
        AtA[j * ncol + k] = AtA[j * ncol2 + k] * xs[j] * xs[k];
    }
  for (size_t j = 0; j < ncol; j++)
    {
      double lam = (j >= 1 && j <= M) ? 1e-3 : 1e-9;
      AtA[j * ncol + j] += lam;
      for (size_t k = j + 1; k < ncol; k++)
        AtA[k * ncol + j] = AtA[j * ncol + k];
    }
  if (eis_cholesky_decomp (AtA, ncol, ncol) != 0)
    goto done;
  eis_cholesky_solve (AtA, ncol, ncol, Atb, xs);
  F->R_inf = xs[0] / norm[0];
  double invQ = xs[M + 1] / norm[M + 1];
  F->C_series = invQ > 0 && nl == 1.0 ? 1.0 / invQ : NAN;
  F->Q_series = invQ > 0 ? 1.0 / invQ : NAN;
  F->n_series = nl;
  F->L_series = xs[M + 2] / norm[M + 2];
  for (size_t k = 0; k < M; k++)
    g[k] = xs[1 + k] / norm[1 + k];

  /* Lobes: local maxima of the smoothed positive distribution, each summed between the
   * surrounding minima. Lobes beyond the measured range are left out. */
  F->n_lobes = 0;
  for (size_t k = 0; k < M && F->n_lobes < MAX_LOBES; k++)
    {
      double gk = g[k], gl = k ? g[k - 1] : -INFINITY, gr = k + 1 < M ? g[k + 1] : -INFINITY;
      if (!(gk > 0 && gk >= gl && gk > gr))
        continue;
      size_t lo = k, hi = k;
      while (lo > 0 && g[lo - 1] > 0 && g[lo - 1] <= g[lo])
        lo--;
      while (hi + 1 < M && g[hi + 1] > 0 && g[hi + 1] <= g[hi])
        hi++;
      double R = 0, lt = 0;
      for (size_t j = lo; j <= hi; j++)
        {
          R += g[j];
          lt += g[j] * log (tau[j]);
        }
      double t = exp (lt / R);
      if (t < 0.3 / wmax || t > 3.0 / wmin)
        continue;
      /* Ripples of the ill-posed inversion where the low-frequency element dominates are
       * not arcs: an arc is at least a third of the low-frequency impedance at its apex. */
      double z_low = invQ > 0 ? invQ * pow (t, nl) : 0;
      if (z_low > 3 * R)
        continue;
      /* Nor is a lobe the data do not show: an arc of resistance R has -Z'' of 0.3 R to
       * 0.5 R at its apex (n 0.7 to 1), and the measured -Z'' within a factor 3 of its
       * frequency is at least that; a ripple past an arc that closes on the real axis (a
       * Li|Li cell's interface, no electrode tail) sits where -Z'' is noise (79 Ohm at
       * 0.04 Hz where -Z'' is 7 Ohm), and taking it for the third arc of
       * p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3) left the interface arc out of the start. */
      double zi_max = 0;
      for (size_t i = 0; i < N; i++)
        {
          double x = 2 * M_PI * s->freq_hz[i] * t;
          if (x >= 1.0 / 3 && x <= 3)
            zi_max = fmax (zi_max, -s->z_im[i]);
        }
      if (zi_max < 0.2 * R)
        continue;
      F->lobes[F->n_lobes].R = R;
      F->lobes[F->n_lobes].tau = t;
      F->n_lobes++;
    }
  status = 0;
done:
  free (rows_re);
  free (AtA);
  free (Atb);
  free (xs);
  free (tau);
  free (norm);
  free (g);
  return status;
}

void
eis_fit_features (const EisSpectrum *s, EisFitFeatures *F)
{
  size_t N = s->n;
  memset (F, 0, sizeof *F);
  F->C_series = F->Q_series = F->n_series = NAN;
  F->omega_low = 2 * M_PI * s->freq_hz[0];
  F->zre_low = s->z_re[0];
  F->zim_low = s->z_im[0];
  F->omega_high = 2 * M_PI * s->freq_hz[N - 1];
  F->zre_high = s->z_re[N - 1];
  F->zim_high = s->z_im[N - 1];
  double *mods = malloc (N * sizeof *mods);
  if (mods)
    {
      for (size_t i = 0; i < N; i++)
        mods[i] = hypot (s->z_re[i], s->z_im[i]);
      /* mods[N / 2] of the sorted values (N / 2 smallest below it) */
      int nan = 0;
      for (size_t i = 0; i < N; i++)
        nan |= isnan (mods[i]);
      if (nan)
        qsort (mods, N, sizeof *mods, cmp_double);
      F->zmod_median = nan ? mods[N / 2] : eis_select_kth (mods, N, N / 2);
      free (mods);
    }
  else
    F->zmod_median = hypot (F->zre_low, F->zim_low);
  if (!(F->zmod_median > 0))
    F->zmod_median = 1.0;
  /* Low-frequency slope of ln|Z''| against ln omega over the lowest points. */
  size_t m = N >= 4 ? 3 : N - 1;
  double a = fabs (s->z_im[0]), bb = fabs (s->z_im[m]);
  F->n_low = NAN;
  if (m > 0 && a > 0 && bb > 0)
    F->n_low = -(log (bb) - log (a)) / (log (s->freq_hz[m]) - log (s->freq_hz[0]));
  if (drt_features (s, F) != 0)
    {
      double zmin = INFINITY;
      for (size_t i = 0; i < N; i++)
        zmin = fmin (zmin, s->z_re[i]);
      F->R_inf = zmin;
      F->n_lobes = 0;
    }
}

/* An arc of the distribution, not a ripple of the ill-posed inversion: a lobe holding at least
 * SIGNIFICANT_ARC of the lobes' resistance, or a smaller one well apart from the others (a
 * small bulk arc decades above a large grain-boundary or electrode arc) that stands clear of
 * the ripple around it: at least MINOR_ARC of the resistance and MINOR_ARC_CLEAR times its
 * neighbouring lobes. Over 10 to 15 decades the ripple holds enough of the resistance that a
 * tenth of it was more than such an arc. */
#define SIGNIFICANT_ARC 0.1
#define MINOR_ARC 0.02
#define MINOR_ARC_CLEAR 5.0

int
eis_fit_lobe_is_arc (const EisFitFeatures *F, size_t i)
{
  double total = 0;
  for (size_t j = 0; j < F->n_lobes; j++)
    total += F->lobes[j].R;
  double R = F->lobes[i].R;
  double left = i > 0 ? F->lobes[i - 1].R : 0;
  double right = i + 1 < F->n_lobes ? F->lobes[i + 1].R : 0;
  return R >= SIGNIFICANT_ARC * total
         || (R >= MINOR_ARC * total && R >= MINOR_ARC_CLEAR * fmax (left, right));
}

/* Top-level items: arc-like (consume a lobe), tail (low frequency), intercept, inductive. */
enum { ITEM_ARC, ITEM_TAIL, ITEM_R, ITEM_L, ITEM_OTHER };

static int
item_class (const EisNode *nd)
{
  if (nd->type == EIS_NODE_PARALLEL)
    return ITEM_ARC;
  if (nd->type == EIS_NODE_SERIES)
    return ITEM_OTHER;
  switch (nd->kind)
    {
    case EIS_ELEM_ZARC: case EIS_ELEM_WS: case EIS_ELEM_G: return ITEM_ARC;
    case EIS_ELEM_C: case EIS_ELEM_CPE: case EIS_ELEM_W: case EIS_ELEM_WO: return ITEM_TAIL;
    case EIS_ELEM_R: return ITEM_R;
    case EIS_ELEM_L: case EIS_ELEM_LA: return ITEM_L;
    default: return ITEM_OTHER;
    }
}

/* Values for an element inside an arc of resistance R and time constant TAU. */
static void
guess_element (EisElementKind kind, double R, double tau, double n, double *p)
{
  switch (kind)
    {
    case EIS_ELEM_R: p[0] = R; break;
    case EIS_ELEM_C: p[0] = tau / R; break;
    case EIS_ELEM_L: p[0] = R * tau; break;
    case EIS_ELEM_CPE: p[0] = pow (tau, n) / R; p[1] = n; break;
    case EIS_ELEM_W: p[0] = 0.3 * R / sqrt (tau); break;
    case EIS_ELEM_WO: p[0] = R; p[1] = tau; break;
    case EIS_ELEM_WS: p[0] = R; p[1] = 2.5 * tau; break;
    case EIS_ELEM_G: p[0] = R; p[1] = tau; break;
    case EIS_ELEM_ZARC: p[0] = R; p[1] = tau; p[2] = n; break;
    case EIS_ELEM_LA: p[0] = R * pow (tau, 0.9); p[1] = 0.9; break;
    default: break;
    }
}

static void
guess_subtree (const EisNode *nd, double R, double tau, double n, double *p)
{
  if (nd->type == EIS_NODE_ELEMENT)
    {
      guess_element (nd->kind, R, tau, n, p + nd->param_offset);
      return;
    }
  for (size_t i = 0; i < nd->n_children; i++)
    guess_subtree (nd->children[i], R, tau, n, p);
}

/* 1 when ND (an arc) holds a diffusion element inside it: the Randles branch C||(R-W) of a
 * Li|electrolyte|Li cell or a redox couple. */
static int
has_nested_diffusion (const EisNode *nd)
{
  if (nd->type == EIS_NODE_ELEMENT)
    return nd->kind == EIS_ELEM_W || nd->kind == EIS_ELEM_WS || nd->kind == EIS_ELEM_WO;
  for (size_t i = 0; i < nd->n_children; i++)
    if (has_nested_diffusion (nd->children[i]))
      return 1;
  return 0;
}

/* The diffusion elements inside ND from the distribution's diffusion lobe (R, TAU): a finite
 * Warburg's distribution peaks near tau/2.5 with area Z0; a semi-infinite one, seen down to
 * about 1/TAU, has |Z| ~ A_W sqrt(2 TAU) there. */
static void
guess_nested_diffusion (const EisNode *nd, double R, double tau, double *p)
{
  if (nd->type == EIS_NODE_ELEMENT)
    {
      double *q = p + nd->param_offset;
      if (nd->kind == EIS_ELEM_W)
        q[0] = R / sqrt (2 * tau);
      else if (nd->kind == EIS_ELEM_WS || nd->kind == EIS_ELEM_WO)
        guess_element (nd->kind, R, tau, 0.85, q);
      return;
    }
  for (size_t i = 0; i < nd->n_children; i++)
    guess_nested_diffusion (nd->children[i], R, tau, p);
}

/* Values for a top-level low-frequency element from the low-frequency slope. */
static void
guess_tail (const EisNode *nd, const Features *F, double n_tail, double *p)
{
  double w = F->omega_low, zi = fabs (F->zim_low) > 0 ? fabs (F->zim_low) : F->zmod_median;
  double *q = p + nd->param_offset;
  switch (nd->kind)
    {
    case EIS_ELEM_C:
      q[0] = isfinite (F->C_series) ? F->C_series : 1.0 / (w * zi);
      break;
    case EIS_ELEM_CPE:
      if (isfinite (F->Q_series) && fabs (n_tail - F->n_series) < 1e-12)
        q[0] = F->Q_series;
      else
        q[0] = sin (n_tail * M_PI / 2) / (pow (w, n_tail) * zi);
      q[1] = n_tail;
      break;
    case EIS_ELEM_W:
      q[0] = zi * sqrt (w);
      break;
    case EIS_ELEM_WO:
      q[0] = fmax (F->zre_low - F->zre_high, 0.1 * F->zmod_median);
      q[1] = 3.0 / w;
      break;
    default:
      guess_subtree (nd, F->zmod_median, 1.0 / w, 0.85, p);
    }
}

static long diffusion_arc_index (const EisCircuit *c);

int
eis_fit_guess_n_variants (const EisCircuit *c)
{
  const EisNode *root = eis_circuit_root (c);
  size_t n_arcs = 0;
  if (root->type == EIS_NODE_SERIES)
    {
      for (size_t i = 0; i < root->n_children; i++)
        n_arcs += item_class (root->children[i]) == ITEM_ARC;
    }
  else
    n_arcs = item_class (root) == ITEM_ARC;
  return (n_arcs == 0 ? 2 : n_arcs == 1 ? 3 : 4) + (diffusion_arc_index (c) >= 0);
}

int
eis_fit_guess_variant (const EisCircuit *c, const EisSpectrum *s, int variant, double *p,
                       EisError *err)
{
  if (s->n < 2)
    return eis_error_set (err, EIS_ERR_DATA, "%s: too few points for a starting guess",
                          s->source ? s->source : "(data)");
  EisFitFeatures F;
  eis_fit_features (s, &F);
  eis_fit_guess_features (c, &F, variant, p);
  return EIS_OK;
}

/* The index among the top-level arcs of C's arc that holds a diffusion element, when it is
 * the slowest (last) arc; -1 when there is none. */
static long
diffusion_arc_index (const EisCircuit *c)
{
  const EisNode *root = eis_circuit_root (c);
  const EisNode *const *items = (const EisNode *const *) root->children;
  size_t n_items = root->n_children, n_arcs = 0;
  long found = -1;
  if (root->type != EIS_NODE_SERIES)
    {
      items = &root;
      n_items = 1;
    }
  for (size_t i = 0; i < n_items; i++)
    if (item_class (items[i]) == ITEM_ARC)
      {
        if (items[i]->type == EIS_NODE_PARALLEL && has_nested_diffusion (items[i]))
          found = (long) n_arcs;
        n_arcs++;
      }
  return found >= 0 && (size_t) found == n_arcs - 1 ? found : -1;
}

int
eis_fit_guess_diffusion_arc (const EisCircuit *c)
{
  return diffusion_arc_index (c) >= 0;
}

static void guess_features (const EisCircuit *c, const EisFitFeatures *Fp, int variant,
                            int diffusion_tail, double *p);

/* G := F with the intercept R_inf as a lobe above the top frequency (tau 0.3/omega_high), for
 * a circuit C without a top-level series resistance that has more arcs than F has arc lobes,
 * when R_inf is at least SIGNIFICANT_ARC of R_inf and the lobes together; 1 when G was made. */
static int
guess_intercept_arc (const EisCircuit *c, const EisFitFeatures *F, EisFitFeatures *G)
{
  const EisNode *root = eis_circuit_root (c);
  if (root->type != EIS_NODE_SERIES || !(F->R_inf > 0) || !(F->omega_high > 0))
    return 0;
  size_t n_arcs = 0, arc_lobes = 0;
  for (size_t i = 0; i < root->n_children; i++)
    {
      int cls = item_class (root->children[i]);
      if (cls == ITEM_R)
        return 0;
      n_arcs += cls == ITEM_ARC;
    }
  double total = F->R_inf;
  for (size_t i = 0; i < F->n_lobes; i++)
    {
      arc_lobes += eis_fit_lobe_is_arc (F, i);
      total += F->lobes[i].R;
    }
  if (n_arcs <= arc_lobes || F->R_inf < SIGNIFICANT_ARC * total)
    return 0;
  *G = *F;
  size_t n = G->n_lobes < MAX_LOBES ? G->n_lobes : MAX_LOBES - 1;
  memmove (G->lobes + 1, G->lobes, n * sizeof *G->lobes);
  G->lobes[0].R = F->R_inf;
  G->lobes[0].tau = 0.3 / F->omega_high;
  G->n_lobes = n + 1;
  G->R_inf = 0;
  return 1;
}

/* Variant 0 of a circuit whose slowest arc holds a diffusion element gives that element the
 * distribution's slowest large lobe (guess_features); variant 1 is the same start without it
 * (the lobe to the arcs, as for every other circuit: where the diffusion shows no lobe of its
 * own), and the variants after it are the usual ones from 1 on, with it. */
void
eis_fit_guess_features (const EisCircuit *c, const EisFitFeatures *Fp, int variant, double *p)
{
  /* A circuit without a series resistance whose arcs outnumber the distribution's: the
   * intercept R_inf, when it is a sizeable part of the spectrum, is the foot of an arc above
   * the top frequency (a garnet's bulk), and becomes the first arc's lobe (as
   * eis_fit_candidate_seed does for the automatic choice). Split from the largest lobe
   * instead, the arcs started in the wrong places: p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3) on a
   * Li|LLZO|Li cell (bulk 849 Ohm at 7.5 MHz, above the 1 MHz top; grain boundary 637 Ohm;
   * interface 60 to 185 Ohm) ended in local minima on 4 of 6 loops, the bulk merged with the
   * grain boundary or the interface lost. */
  EisFitFeatures G;
  if (guess_intercept_arc (c, Fp, &G))
    Fp = &G;
  if (diffusion_arc_index (c) < 0)
    guess_features (c, Fp, variant, 0, p);
  else if (variant == 1)
    guess_features (c, Fp, 0, 0, p);
  else
    guess_features (c, Fp, variant > 1 ? variant - 1 : 0, 1, p);
}

static void
guess_features (const EisCircuit *c, const EisFitFeatures *Fp, int variant, int diffusion_tail,
                double *p)
{
  const EisFitFeatures F = *Fp;
  size_t P = eis_circuit_n_params (c);

  const EisNode *root = eis_circuit_root (c);
  const EisNode *const *items = (const EisNode *const *) root->children;
  size_t n_items = root->n_children;
  const EisNode *single = root;
  if (root->type != EIS_NODE_SERIES)
    {
      items = &single;
      n_items = 1;
    }
  size_t n_arcs = 0;
  for (size_t i = 0; i < n_items; i++)
    n_arcs += item_class (items[i]) == ITEM_ARC;
  long d_arc = diffusion_tail ? diffusion_arc_index (c) : -1;
  size_t diffusion_arc = d_arc >= 0 ? (size_t) d_arc : SIZE_MAX;

  /* Dispersion assumed by each variant. */
  double n_arc = variant == 1 ? 0.7 : variant == 2 ? 0.97 : 0.85;
  double n_tail = isfinite (F.n_low) ? fmin (1.0, fmax (0.5, F.n_low)) : 0.85;
  if (variant == 1 && n_arcs == 0)
    n_tail = n_tail > 0.8 ? 0.7 : 0.95;

  /* Choose one lobe per arc. */
  Lobe chosen[MAX_LOBES];
  size_t n_chosen = 0;
  /* The lobes that are arcs first (eis_fit_lobe_is_arc: a small arc decades away from the
   * others before the larger ripple of a large one), each part by decreasing R. */
  Lobe pool[MAX_LOBES];
  size_t n_pool = 0;
  for (int arcs = 1; arcs >= 0; arcs--)
    {
      size_t start = n_pool;
      for (size_t i = 0; i < F.n_lobes; i++)
        if (eis_fit_lobe_is_arc (&F, i) == arcs)
          pool[n_pool++] = F.lobes[i];
      qsort (pool + start, n_pool - start, sizeof *pool, cmp_lobe_R_desc);
    }
  /* An arc with a diffusion element inside (R0-p(R1,CPE1)-p(CPE2,R2-W2)), the slowest arc:
   * when the distribution shows a lobe more than there are arcs, the slowest of the largest
   * lobes is the diffusion tail, and the arcs take the others. Given to the arcs instead, the
   * tail would become the second arc and the charge-transfer arc the first, merging it with
   * the fast one (a Li|Li cell: SEI 150 Ohm at 1 kHz, charge transfer 300 Ohm at 27 Hz, the
   * salt's diffusion below 0.1 Hz). */
  Lobe tail_lobe = { 0, 0 };
  if (n_arcs > 0 && diffusion_arc == n_arcs - 1 && variant != 3 && n_pool > n_arcs)
    {
      Lobe top[MAX_LOBES];
      memcpy (top, pool, (n_arcs + 1) * sizeof *top);
      qsort (top, n_arcs + 1, sizeof *top, cmp_lobe_tau);
      tail_lobe = top[n_arcs];
      size_t m = 0;
      for (size_t i = 0; i < n_pool; i++)
        if (!(pool[i].tau == tail_lobe.tau && pool[i].R == tail_lobe.R))
          pool[m++] = pool[i];
      n_pool = m;
    }
  if (n_arcs > 0)
    {
      if (variant == 3 && n_pool > 0)
        n_pool = 1;    /* one broad feature holding all arcs */
      n_chosen = n_pool < n_arcs ? n_pool : n_arcs;
      memcpy (chosen, pool, n_chosen * sizeof *chosen);
      if (n_chosen == 0)
        {
          /* No distribution: spread arcs over the range, sharing the low-frequency width. */
          double width = fmax (F.zre_low - F.zre_high, 0.5 * F.zmod_median);
          double lt0 = -log (F.omega_high), lt1 = -log (F.omega_low);
          chosen[0].R = width;
          chosen[0].tau = exp (0.5 * (lt0 + lt1));
          n_chosen = 1;
        }
      /* Too few lobes: split the largest into two half a decade either side. */
      while (n_chosen < n_arcs && n_chosen < MAX_LOBES)
        {
          qsort (chosen, n_chosen, sizeof *chosen, cmp_lobe_R_desc);
          Lobe big = chosen[0];
          double spread = variant == 3 ? 10.0 : 3.16;
          chosen[0].R = big.R / 2;
          chosen[0].tau = big.tau / spread;
          chosen[n_chosen].R = big.R / 2;
          chosen[n_chosen].tau = big.tau * spread;
          n_chosen++;
        }
      qsort (chosen, n_chosen, sizeof *chosen, cmp_lobe_tau);
    }

  for (size_t k = 0; k < P; k++)
    p[k] = NAN;
  size_t arc = 0, n_r = 0;
  double R_inf = F.R_inf;
  if (!(R_inf > 0))
    R_inf = fmax (F.zre_high, 1e-3 * F.zmod_median);
  if (!(R_inf > 0))
    R_inf = 1e-3 * F.zmod_median;
  for (size_t i = 0; i < n_items; i++)
    {
      const EisNode *nd = items[i];
      switch (item_class (nd))
        {
        case ITEM_ARC:
          {
            Lobe L = chosen[arc < n_chosen ? arc : n_chosen - 1];
            guess_subtree (nd, L.R > 0 ? L.R : F.zmod_median, L.tau, n_arc, p);
            if (arc == diffusion_arc && tail_lobe.R > 0)
              guess_nested_diffusion (nd, tail_lobe.R, tail_lobe.tau, p);
            arc++;
            break;
          }
        case ITEM_TAIL:
          guess_tail (nd, &F, n_tail, p);
          break;
        case ITEM_R:
          p[nd->param_offset] = n_r++ == 0 ? R_inf : 0.1 * R_inf;
          break;
        case ITEM_L:
          {
            double L = F.zim_high > 0 ? F.zim_high / F.omega_high
                       : (F.L_series > 0 ? F.L_series : 1e-3 * R_inf / F.omega_high);
            if (nd->kind == EIS_ELEM_LA)
              {
                p[nd->param_offset] = L * pow (F.omega_high, 0.1);
                p[nd->param_offset + 1] = 0.9;
              }
            else
              p[nd->param_offset] = L;
            break;
          }
        default:
          guess_subtree (nd, F.zmod_median, 1.0 / sqrt (F.omega_low * F.omega_high), n_arc, p);
        }
    }
  for (size_t k = 0; k < P; k++)
    {
      if (!isfinite (p[k]) || p[k] <= 0)
        p[k] = eis_circuit_param_kind (c, k) == EIS_PARAM_EXPONENT ? 0.85 : F.zmod_median * 1e-3;
      if (eis_circuit_param_kind (c, k) == EIS_PARAM_EXPONENT && p[k] > 1)
        p[k] = 1;
    }
}

/* The foot of an arc above the top merged with the next arc's high-frequency side: -Z'' rises
 * from the top downwards, but more slowly than past the apex of any arc. Past the apex of an
 * arc R/(1 + (j w tau)^n), -Z'' falls as w^-n (n at least 0.5 for a bulk arc); where the foot
 * of a faster arc adds its rise, the fall is shallower. The slope of ln(-Z'') against ln f over
 * the top 4 points (least squares), when -Z'' at the top is at least a tenth of Z' (below
 * that, 0.5 % noise on |Z| blurs the slope), above -0.5. (On bench-given's sets: the 14 of
 * the 200 bulk-above-the-top spectra where -Z'' falls at the top, slopes -0.46 to 0.0; none of
 * the 400 well-posed and hard spectra, whose arcs peak inside the range.) */
static int
top_slope_shallow (const EisSpectrum *s, double zr, double zi)
{
  enum { K = 4 };
  size_t n = s->n;
  if (n < K || !(zi >= 0.1 * zr))
    return 0;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = n - K; i < n; i++)
    {
      double y = -s->z_im[i];
      if (!(y > 0) || (i > n - K && !(s->freq_hz[i] > s->freq_hz[i - 1])))
        return 0;
      double x = log (s->freq_hz[i]);
      y = log (y);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
  double d = K * sxx - sx * sx;
  return d > 0 && (K * sxy - sx * sy) / d > -0.5;
}

int
eis_fit_guess_above_top (const EisCircuit *c, const EisSpectrum *s, const double *base,
                         double *p, size_t *r_index)
{
  size_t n = s->n, P = eis_circuit_n_params (c);
  if (n < 6)
    return 0;
  const double *f = s->freq_hz;
  if (!(f[n - 3] < f[n - 2] && f[n - 2] < f[n - 1]))
    return 0;   /* the top is not the end of an ascending sweep */
  double zr = s->z_re[n - 1], zi = -s->z_im[n - 1], zi_below = -s->z_im[n - 3];
  /* -Z'' still falls from the top frequency downwards: the top lies below the apex of the
   * fastest arc (or at it). */
  if (!(zr > 0 && zi > 0 && (zi >= zi_below || top_slope_shallow (s, zr, zi))))
    return 0;
  const EisNode *root = eis_circuit_root (c);
  if (root->type != EIS_NODE_SERIES)
    return 0;
  const EisNode *r_item = NULL, *arc = NULL;
  for (size_t i = 0; i < root->n_children; i++)
    {
      int cls = item_class (root->children[i]);
      if (cls == ITEM_R && r_item == NULL)
        r_item = root->children[i];
      else if (cls == ITEM_ARC && arc == NULL && root->children[i]->type == EIS_NODE_PARALLEL)
        arc = root->children[i];
    }
  if (r_item == NULL || arc == NULL)
    return 0;
  memcpy (p, base, P * sizeof *p);
  /* Below its apex an arc R/(1 + (j w tau)^n) has Z' ~ R/(1 + x^2) and -Z'' ~ R x/(1 + x^2)
   * with x = w tau (n near 1): the series resistance taken small, x = -Z''/Z' at the top. */
  double R0 = 0.01 * zr, zb = zr - R0, x = zi / zb;
  double w_top = 2 * M_PI * f[n - 1];
  p[r_item->param_offset] = R0;
  *r_index = r_item->param_offset;
  guess_subtree (arc, zb * (1 + x * x), x / w_top, 0.9, p);
  for (size_t k = 0; k < P; k++)
    if (!isfinite (p[k]) || p[k] <= 0)
      return 0;
  return 1;
}

int
eis_fit_guess (const EisCircuit *c, const EisSpectrum *s, double *p, EisError *err)
{
  return eis_fit_guess_variant (c, s, 0, p, err);
}

double
eis_fit_guess_nyquist_extent (const EisSpectrum *s)
{
  if (s->n < 5)
    return NAN;
  Features F;
  eis_fit_features (s, &F);
  if (!isfinite (F.Q_series))
    return NAN;
  double R_sum = F.R_inf > 0 ? F.R_inf : 0;
  for (size_t k = 0; k < F.n_lobes; k++)
    R_sum += F.lobes[k].R;
  double top = 0;
  for (size_t i = 0; i < s->n; i++)
    top = fmax (top, -s->z_im[i]);
  return R_sum > 0 && top > 3 * R_sum ? 1.3 * R_sum : NAN;
}
