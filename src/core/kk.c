/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lin-KK: a Kramers-Kronig validity test by a linear fit of a chain of RC elements
 * (Schönleber, Klotz & Ivers-Tiffée, Electrochim. Acta 131 (2014) 20). */
#include "kk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_vector.h>

void
eis_kk_options_init (EisKKOptions *o)
{
  o->c = 0.85;
  o->add_capacitance = EIS_KK_AUTO;
  o->add_inductance = EIS_KK_AUTO;
  o->cap_phase_deg = -60.0;
  o->max_m = 0;
  o->fixed_m = 0;
  o->min_per_decade = 2.5;
  o->max_rms = 0.01;
  o->max_abs = 0.05;
  o->max_trend = 0.005;
  o->max_noise = 0.10;
}

void
eis_kk_result_free (EisKKResult *r)
{
  if (r == NULL)
    return;
  free (r->freq_hz);
  free (r->z_re_fit);
  free (r->z_im_fit);
  free (r->res_re);
  free (r->res_im);
  free (r->tau_s);
  free (r->r_ohm);
  free (r);
}

static EisKKResult *
kk_result_new (size_t n, size_t max_m)
{
  EisKKResult *r = calloc (1, sizeof *r);
  if (r == NULL)
    return NULL;
  r->n = n;
  r->freq_hz = calloc (n, sizeof (double));
  r->z_re_fit = calloc (n, sizeof (double));
  r->z_im_fit = calloc (n, sizeof (double));
  r->res_re = calloc (n, sizeof (double));
  r->res_im = calloc (n, sizeof (double));
  r->tau_s = calloc (max_m, sizeof (double));
  r->r_ohm = calloc (max_m, sizeof (double));
  if (!r->freq_hz || !r->z_re_fit || !r->z_im_fit || !r->res_re || !r->res_im || !r->tau_s
      || !r->r_ohm)
    {
      eis_kk_result_free (r);
      return NULL;
    }
  return r;
}

/* M time constants, log-spaced from 1/omega_max to 1/omega_min (Schönleber 2014, eq. 11);
 * a single element sits at 1/omega_min, as in impedance.py's linKK. */
static void
kk_taus (double tau_min, double tau_max, size_t m, double *tau)
{
  if (m == 1)
    {
      tau[0] = tau_max;
      return;
    }
  double lmin = log (tau_min), lmax = log (tau_max);
  for (size_t k = 0; k < m; k++)
    tau[k] = exp (lmin + (lmax - lmin) * (double) k / (double) (m - 1));
}

/* mu = 1 - sum_{R_k<0}|R_k| / sum_{R_k>=0}|R_k| (Schönleber 2014, eq. 21). With no positive
 * resistance at all the chain is pure over-fit: mu = 0. */
static double
kk_mu (const double *r, size_t m)
{
  double pos = 0, neg = 0;
  for (size_t k = 0; k < m; k++)
    {
      if (r[k] < 0)
        neg += -r[k];
      else
        pos += r[k];
    }
  if (pos <= 0)
    return neg > 0 ? 0.0 : 1.0;
  return 1.0 - neg / pos;
}

/* Trend test: residuals of data that obey Kramers-Kronig are noise, without trend
 * (Schönleber 2014, section 4). The mean of RES over the points within half a decade of
 * each point must stay below max(floor, 4 rms/sqrt(points)); the second term keeps pure noise
 * from counting as a trend. LF holds log10 of the frequencies F. Updates the worst window
 * found so far. */
static void
kk_trend (const double *lf, const double *f, const double *res, size_t n, double rms,
          double floor_, double *worst_excess, EisKKResult *r)
{
  for (size_t i = 0; i < n; i++)
    {
      double sum = 0;
      size_t cnt = 0;
      for (size_t j = 0; j < n; j++)
        if (fabs (lf[j] - lf[i]) <= 0.5)
          {
            sum += res[j];
            cnt++;
          }
      if (cnt < 3)
        continue;
      double mean = fabs (sum / (double) cnt);
      double lim = fmax (floor_, 4.0 * rms / sqrt ((double) cnt));
      if (mean - lim > *worst_excess)
        {
          *worst_excess = mean - lim;
          r->trend = mean;
          r->trend_freq_hz = f[i];
          r->trend_limit = lim;
        }
    }
}

/* Whether residuals are white noise, for a verdict on noisy data: the Wald-Wolfowitz runs
 * test on their signs in frequency order (Wald & Wolfowitz, Ann. Math. Stat. 11 (1940) 147)
 * and the noise from their point-to-point scatter (von Neumann, Ann. Math. Stat. 12 (1941)
 * 367): successive differences of white noise have twice its variance, while a systematic
 * residual (drift, a non-causal distortion) varies slowly from point to point, so its
 * scatter is far below its RMS and its signs come in long runs. Real and imaginary parts are
 * tested apart and pooled. Sets R->noise_pp and R->runs_z. */
static void
kk_whiteness (const double *re, const double *im, size_t n, EisKKResult *r)
{
  double d2 = 0, runs = 0, mean = 0, var = 0;
  size_t nd = 0;
  for (int part = 0; part < 2; part++)
    {
      const double *x = part ? im : re;
      size_t npos = 0, nneg = 0, nrun = 0;
      int last = 0;
      for (size_t i = 0; i < n; i++)
        {
          if (i > 0)
            {
              d2 += (x[i] - x[i - 1]) * (x[i] - x[i - 1]);
              nd++;
            }
          int sg = x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0;
          if (sg == 0)
            continue;   /* an exact zero belongs to no run */
          if (sg > 0)
            npos++;
          else
            nneg++;
          if (sg != last)
            nrun++;
          last = sg;
        }
      double a = (double) npos, b = (double) nneg, t = a + b;
      if (t < 2 || a == 0 || b == 0)
        {
          /* all of one sign: one run, as far from noise as residuals get */
          runs += (double) nrun;
          mean += t / 2 + 1;
          var += t / 4;
          continue;
        }
      runs += (double) nrun;
      mean += 2 * a * b / t + 1;
      var += 2 * a * b * (2 * a * b - t) / (t * t * (t - 1));
    }
  r->noise_pp = nd > 0 ? sqrt (d2 / (2.0 * (double) nd)) : NAN;
  r->runs_z = var > 0 ? (runs - mean) / sqrt (var) : NAN;
}

typedef struct {
  size_t n;
  const double *omega, *w, *zr, *zi;
  int with_l, with_c;
  gsl_matrix *X;          /* 2n x pmax */
  gsl_vector *y;          /* 2n */
  gsl_vector *coef;       /* pmax */
  gsl_vector *qr_tau;     /* pmax: Householder coefficients */
  gsl_vector *res;        /* 2n */
  double *scale;          /* pmax: column norms */
  double *gram, *gb;      /* pmax x pmax and pmax: normal equations, for screening */
} KKWork;

/* The design matrix for M elements with time constants TAU, columns scaled to unit norm
 * (K->scale keeps the norms): rows are the real then the imaginary parts, each scaled by
 * 1/|Z_i| (Schönleber 2014, eq. 16-18); columns R0, R_1..R_M, [L], [1/C]. Returns the number
 * of columns. */
static size_t
kk_fill (KKWork *k, const double *tau, size_t m)
{
  size_t n = k->n, tda = k->X->tda;
  size_t p = 1 + m + (size_t) k->with_l + (size_t) k->with_c;
  double *X = k->X->data;
  for (size_t i = 0; i < n; i++)
    {
      double wi = k->w[i], om = k->omega[i];
      double *re = X + i * tda, *im = X + (n + i) * tda;
      re[0] = wi;
      im[0] = 0.0;
      for (size_t j = 0; j < m; j++)
        {
          double x = om * tau[j], d = 1.0 + x * x;
          re[1 + j] = wi / d;
          im[1 + j] = -wi * x / d;
        }
      size_t col = 1 + m;
      if (k->with_l)
        {
          re[col] = 0.0;
          im[col] = wi * om;   /* jωL */
          col++;
        }
      if (k->with_c)
        {
          re[col] = 0.0;
          im[col] = -wi / om;  /* 1/(jωC) = -j (1/C)/ω */
        }
    }
  /* The columns span many orders of magnitude (R0, the RC elements, L ~ omega, 1/C ~ 1/omega):
   * scaled to unit norm. */
  for (size_t j = 0; j < p; j++)
    k->scale[j] = 0;
  for (size_t i = 0; i < 2 * n; i++)
    {
      const double *row = X + i * tda;
      for (size_t j = 0; j < p; j++)
        k->scale[j] += row[j] * row[j];
    }
  for (size_t j = 0; j < p; j++)
    k->scale[j] = k->scale[j] > 0 ? sqrt (k->scale[j]) : 1;
  for (size_t i = 0; i < 2 * n; i++)
    {
      double *row = X + i * tda;
      for (size_t j = 0; j < p; j++)
        row[j] /= k->scale[j];
    }
  return p;
}

/* Weighted linear least squares on the matrix kk_fill made (P columns): Householder QR (as
 * accurate as an SVD for this full-rank problem, a tenth of its cost). Writes the coefficients
 * (R0, R_1..R_M, [L], [1/C]) to K->coef and the weighted residuals to K->res. */
static int
kk_solve_qr (KKWork *k, size_t p)
{
  size_t n = k->n;
  gsl_matrix_view Xv = gsl_matrix_submatrix (k->X, 0, 0, 2 * n, p);
  gsl_vector_view cv = gsl_vector_subvector (k->coef, 0, p);
  gsl_vector_view tv = gsl_vector_subvector (k->qr_tau, 0, p);
  int st = gsl_linalg_QR_decomp (&Xv.matrix, &tv.vector);
  if (st == GSL_SUCCESS)
    st = gsl_linalg_QR_lssolve (&Xv.matrix, &tv.vector, k->y, &cv.vector, k->res);
  for (size_t j = 0; st == GSL_SUCCESS && j < p; j++)
    gsl_vector_set (&cv.vector, j, gsl_vector_get (&cv.vector, j) / k->scale[j]);
  return st;
}

#define KK_SCREEN_MAX_P 400     /* columns; above, every M is solved by QR */
#define KK_SCREEN_MARGIN 0.01   /* mu from the normal equations this far above c: go on */

/* The same least-squares problem through the normal equations (Cholesky of the Gram matrix of
 * the unit-norm columns): a quarter of the QR's cost, but it squares the condition number.
 * Used only to screen the mu criterion's sweep over M: writes mu to *MU and returns 1 when
 * the Gram matrix is well enough conditioned (diagonal of its factor within 1e-4 of each
 * other, condition number below about 1e8, so the coefficients carry 8 correct digits);
 * returns 0 when the QR must decide. */
static int
kk_screen_mu (KKWork *k, size_t p, size_t m, double *mu)
{
  size_t n = k->n, tda = k->X->tda;
  const double *X = k->X->data;
  double *G = k->gram, *b = k->gb;
  memset (G, 0, p * p * sizeof *G);
  memset (b, 0, p * sizeof *b);
  for (size_t i = 0; i < 2 * n; i++)
    {
      const double *row = X + i * tda;
      double yi = k->y->data[i];
      for (size_t a = 0; a < p; a++)
        {
          double ra = row[a];
          if (ra == 0)
            continue;
          double *Ga = G + a * p;
          for (size_t c = a; c < p; c++)
            Ga[c] += ra * row[c];
          b[a] += ra * yi;
        }
    }
  /* Cholesky G = L L^T in place (lower triangle, row a holds L[a][0..a]). */
  double dmin = INFINITY, dmax = 0;
  for (size_t a = 0; a < p; a++)
    {
      for (size_t c = 0; c <= a; c++)
        {
          double sum = G[c * p + a];   /* the upper triangle holds G */
          for (size_t q = 0; q < c; q++)
            sum -= G[a * p + q] * G[c * p + q];
          if (c == a)
            {
              if (!(sum > 0))
                return 0;
              G[a * p + a] = sqrt (sum);
              dmin = fmin (dmin, G[a * p + a]);
              dmax = fmax (dmax, G[a * p + a]);
            }
          else
            G[a * p + c] = sum / G[c * p + c];
        }
    }
  if (!(dmin > 1e-4 * dmax))
    return 0;
  /* L z = b, then L^T x = z, in b. */
  for (size_t a = 0; a < p; a++)
    {
      double sum = b[a];
      for (size_t q = 0; q < a; q++)
        sum -= G[a * p + q] * b[q];
      b[a] = sum / G[a * p + a];
    }
  for (size_t a = p; a-- > 0;)
    {
      double sum = b[a];
      for (size_t q = a + 1; q < p; q++)
        sum -= G[q * p + a] * b[q];
      b[a] = sum / G[a * p + a];
    }
  for (size_t j = 0; j < m; j++)
    b[1 + j] /= k->scale[1 + j];
  *mu = kk_mu (b + 1, m);
  return isfinite (*mu);
}

/* Schönleber 2014, section 3.3: M from M_FIRST up until mu < c (at most MAX_M; OPT->fixed_m:
 * that M only), time constants from TAU_LO to TAU_HI in TAU. Leaves the last M's solution
 * in K; sets *M, its column count *P, *MU and *REACHED (mu fell below c). Returns the
 * solver's status. */
static int
kk_sweep (KKWork *k, const EisKKOptions *opt, double tau_lo, double tau_hi, size_t m_first,
          size_t max_m, double *tau, size_t *m_out, size_t *p_out, double *mu_out,
          int *reached)
{
  *reached = 0;
  for (size_t m = m_first;; m++)
    {
      kk_taus (tau_lo, tau_hi, m, tau);
      size_t p = kk_fill (k, tau, m);
      *m_out = m;
      *p_out = p;
      /* The normal equations tell cheaply whether mu is still well above c at this M; the
       * QR decides every M where it may fall below, and gives the final M's solution, so
       * the sweep chooses the same M as QR at every step would. */
      double mu_screen;
      if (opt->fixed_m == 0 && m < max_m && p <= KK_SCREEN_MAX_P
          && kk_screen_mu (k, p, m, &mu_screen) && mu_screen >= opt->c + KK_SCREEN_MARGIN)
        continue;
      int gs = kk_solve_qr (k, p);
      if (gs != GSL_SUCCESS)
        return gs;
      *mu_out = kk_mu (k->coef->data + 1, m);
      if (opt->fixed_m == 0 && *mu_out < opt->c)
        {
          *reached = 1;
          return GSL_SUCCESS;
        }
      if (m >= max_m)
        return GSL_SUCCESS;
    }
}

/* The model of the last solve in K (M elements of time constants TAU) into R: M, the time
 * constants, R0, the R_k, and L and C when the model has them. */
static void
kk_store_model (EisKKResult *r, const KKWork *k, const double *tau, size_t m)
{
  r->m = m;
  memcpy (r->tau_s, tau, m * sizeof (double));
  for (size_t j = 0; j < m; j++)
    r->r_ohm[j] = gsl_vector_get (k->coef, 1 + j);
  r->r0_ohm = gsl_vector_get (k->coef, 0);
  size_t col = 1 + m;
  r->l_h = k->with_l ? gsl_vector_get (k->coef, col++) : NAN;
  r->c_f = k->with_c ? 1.0 / gsl_vector_get (k->coef, col) : NAN;
}

static int cmp_double (const void *a, const void *b);

/* X made non-increasing by least squares (pool-adjacent-violators), in place; W (N) scratch
 * for the pooled blocks' sizes. */
static void
kk_pav_nonincreasing (double *x, double *w, size_t n)
{
  size_t nb = 0;
  for (size_t i = 0; i < n; i++)
    {
      /* blocks: values in x[0..nb), sizes in w[0..nb) */
      x[nb] = x[i];
      w[nb] = 1;
      nb++;
      while (nb > 1 && x[nb - 1] > x[nb - 2])
        {
          double ws = w[nb - 2] + w[nb - 1];
          x[nb - 2] = (x[nb - 2] * w[nb - 2] + x[nb - 1] * w[nb - 1]) / ws;
          w[nb - 2] = ws;
          nb--;
        }
    }
  /* expand the blocks back, from the end */
  size_t i = n;
  for (size_t b = nb; b-- > 0;)
    {
      size_t len = (size_t) w[b];
      double v = x[b];
      for (size_t q = 0; q < len; q++)
        x[--i] = v;
    }
}

/* The local noise of residuals RE, IM: at each point the scatter of the successive
 * differences within half a decade (LF: log10 f), real and imaginary pooled, from their
 * median absolute value (a difference of two noise values has sqrt(2) times their standard
 * deviation, and its median absolute value is 0.6745 of that): a few bad points, which make
 * two large differences each, do not raise it. Written to SIG; D (2N) is scratch. Returns 0
 * when a window holds fewer than 8 differences (too few to tell a noise level). */
static int
kk_local_noise (const double *lf, const double *re, const double *im, size_t n, double *sig,
                double *d)
{
  for (size_t i = 0; i < n; i++)
    {
      size_t cnt = 0;
      for (size_t j = 1; j + 1 < n; j++)
        if (fabs (lf[j + 1] - lf[i]) <= 0.55 && fabs (lf[j - 1] - lf[i]) <= 0.55)
          {
            d[cnt++] = fabs (re[j + 1] - 2 * re[j] + re[j - 1]);
            d[cnt++] = fabs (im[j + 1] - 2 * im[j] + im[j - 1]);
          }
      if (cnt < 8)
        return 0;
      qsort (d, cnt, sizeof *d, cmp_double);
      double med = cnt % 2 ? d[cnt / 2] : 0.5 * (d[cnt / 2 - 1] + d[cnt / 2]);
      sig[i] = med / (0.6745 * sqrt (6.0));
    }
  return 1;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
eis_kk_run (const EisSpectrum *s, const EisKKOptions *opt, EisKKResult **out, EisError *err)
{
  EisKKOptions defaults;
  if (opt == NULL)
    {
      eis_kk_options_init (&defaults);
      opt = &defaults;
    }
  *out = NULL;
  const char *src = s->source ? s->source : "spectrum";
  size_t n = s->n;
  if (n < 5)
    return eis_error_set (err, EIS_ERR_DATA,
                          "%s: Kramers-Kronig test needs at least 5 points (have %zu)", src, n);
  if (!(opt->c > 0 && opt->c <= 1))
    return eis_error_set (err, EIS_ERR_INVALID, "Kramers-Kronig threshold c = %g is not in (0, 1]",
                          opt->c);

  size_t imin = 0, imax = 0;
  for (size_t i = 0; i < n; i++)
    {
      double f = s->freq_hz[i], zr = s->z_re[i], zi = s->z_im[i];
      if (!isfinite (f) || f <= 0 || !isfinite (zr) || !isfinite (zi) || hypot (zr, zi) <= 0)
        return eis_error_set (err, EIS_ERR_DATA,
                              "%s: point %zu (f = %g Hz, Z = %g%+gj Ohm) cannot enter the "
                              "Kramers-Kronig test (need finite f > 0 and |Z| > 0)",
                              src, i + 1, f, zr, zi);
      if (f < s->freq_hz[imin])
        imin = i;
      if (f > s->freq_hz[imax])
        imax = i;
    }
  double omin = 2 * M_PI * s->freq_hz[imin], omax = 2 * M_PI * s->freq_hz[imax];
  if (!(omax > omin))
    return eis_error_set (err, EIS_ERR_DATA, "%s: all frequencies are equal", src);

  int with_c, with_l, c_auto = 0, l_auto = 0;
  if (opt->add_capacitance == EIS_KK_AUTO)
    {
      /* Blocking electrodes: the low-frequency spike is nearly capacitive. */
      double phase = atan2 (s->z_im[imin], s->z_re[imin]) * 180.0 / M_PI;
      with_c = phase < opt->cap_phase_deg;
      /* Also when -Z'' still rises towards the lowest frequency (a spike or diffusion tail
       * that does not close onto the real axis inside the range). Spectra are ascending. */
      if (!with_c && imin == 0 && n >= 3 && s->freq_hz[2] > s->freq_hz[0])
        with_c = -s->z_im[0] > 0 && -s->z_im[0] > 1.05 * -s->z_im[2];
      c_auto = 1;
    }
  else
    with_c = opt->add_capacitance != EIS_KK_NO;
  if (opt->add_inductance == EIS_KK_AUTO)
    {
      with_l = s->z_im[imax] > 0;
      l_auto = 1;
    }
  else
    with_l = opt->add_inductance != EIS_KK_NO;

  /* Memory grows as 2N x (M+3) doubles, twice (matrix and solver workspace): the automatic
   * M stops at EIS_KK_AUTO_MAX_M elements, and N is bounded, so that a long spectrum gets a
   * clear error instead of running out of memory (about 0.7 GB at the limits). */
  if (n > EIS_KK_MAX_POINTS)
    return eis_error_set (err, EIS_ERR_DATA, "%s: %zu points are more than the Kramers-Kronig "
                          "test takes (%d)", src, n, EIS_KK_MAX_POINTS);
  size_t max_m = opt->max_m > 0 ? opt->max_m : n < EIS_KK_AUTO_MAX_M ? n : EIS_KK_AUTO_MAX_M;
  if (max_m > n)
    max_m = n;
  /* The mu criterion guards against fitting noise, but below about two elements per decade a
   * single relaxation between two grid time constants already needs negative R_k, so mu
   * falls under c while the model cannot yet follow the data and clean spectra would fail.
   * M therefore starts at min_per_decade elements per decade (never above max_m). */
  /* A spectrum still capacitive at its highest frequency has an arc that continues beyond the
   * range (the bulk of most quasi-solid electrolytes at room temperature); time constants one
   * decade shorter than 1/omega_max let the model follow it instead of leaving a systematic
   * residual at the top of the range. An inductive top end keeps Schönleber's grid: there,
   * negative short-time-constant elements would imitate the inductance. */
  double tau_lo = s->z_im[imax] < 0 ? 0.1 / omax : 1.0 / omax;
  size_t m_first = 1;
  if (opt->min_per_decade > 0)
    {
      double m0 = ceil (opt->min_per_decade * log10 (1.0 / (tau_lo * omin)));
      m_first = m0 < 1 ? 1 : m0 > (double) max_m ? max_m : (size_t) m0;
    }
  if (opt->fixed_m > 0)
    {
      if (opt->fixed_m > n)
        return eis_error_set (err, EIS_ERR_INVALID,
                              "%s: %zu RC elements requested for %zu points", src,
                              opt->fixed_m, n);
      m_first = max_m = opt->fixed_m;
    }
  size_t pmax = 1 + max_m + 2;

  int status = EIS_OK;
  EisKKResult *r = kk_result_new (n, max_m);
  double *omega = malloc (n * sizeof (double));
  double *w = malloc (n * sizeof (double));
  double *tau = malloc (max_m * sizeof (double));
  KKWork k = { .n = n, .omega = omega, .w = w, .zr = s->z_re, .zi = s->z_im,
               .with_l = with_l, .with_c = with_c };
  k.X = gsl_matrix_alloc (2 * n, pmax);
  k.y = gsl_vector_alloc (2 * n);
  k.coef = gsl_vector_alloc (pmax);
  k.qr_tau = gsl_vector_alloc (pmax);
  k.res = gsl_vector_alloc (2 * n);
  k.scale = malloc (pmax * sizeof (double));
  size_t pg = pmax < KK_SCREEN_MAX_P ? pmax : KK_SCREEN_MAX_P;
  k.gram = malloc (pg * pg * sizeof (double));
  k.gb = malloc (pmax * sizeof (double));
  if (!r || !omega || !w || !tau || !k.X || !k.y || !k.coef || !k.qr_tau || !k.res || !k.scale
      || !k.gram || !k.gb)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory in the Kramers-Kronig test",
                              src);
      goto out;
    }
  for (size_t i = 0; i < n; i++)
    {
      omega[i] = 2 * M_PI * s->freq_hz[i];
      w[i] = 1.0 / hypot (s->z_re[i], s->z_im[i]);
      gsl_vector_set (k.y, i, w[i] * s->z_re[i]);
      gsl_vector_set (k.y, n + i, w[i] * s->z_im[i]);
    }

  /* Schönleber 2014, section 3.3: increase M from 1 until mu < c. */
  size_t m = m_first, p = 0;
  double mu = 1.0;
  int reached = 0;
  int gs = kk_sweep (&k, opt, tau_lo, 1.0 / omin, m_first, max_m, tau, &m, &p, &mu, &reached);
  if (gs != GSL_SUCCESS)
    {
      status = eis_error_set (err, EIS_ERR_FIT, "%s: Lin-KK solve failed with M = %zu: %s",
                              src, m, gsl_strerror (gs));
      goto out;
    }

  kk_store_model (r, &k, tau, m);
  r->with_capacitance = with_c;
  r->with_inductance = with_l;
  r->capacitance_was_auto = c_auto;
  r->inductance_was_auto = l_auto;
  r->mu = mu;
  r->c = opt->c;
  r->mu_reached = reached;
  r->max_m = max_m;
  r->max_rms = opt->max_rms;
  r->max_abs = opt->max_abs;

  /* Model and relative residuals (Schönleber 2014, eq. 15). */
  double sum2 = 0, maxr = 0;
  size_t imx = 0;
  for (size_t i = 0; i < n; i++)
    {
      /* The solver's residual b - X c is already weighted: (Z - model)/|Z|. */
      r->freq_hz[i] = s->freq_hz[i];
      r->res_re[i] = gsl_vector_get (k.res, i);
      r->res_im[i] = gsl_vector_get (k.res, n + i);
      r->z_re_fit[i] = s->z_re[i] - r->res_re[i] / w[i];
      r->z_im_fit[i] = s->z_im[i] - r->res_im[i] / w[i];
      sum2 += r->res_re[i] * r->res_re[i] + r->res_im[i] * r->res_im[i];
      double a = fmax (fabs (r->res_re[i]), fabs (r->res_im[i]));
      if (a > maxr)
        {
          maxr = a;
          imx = i;
        }
    }
  r->chi2_ps = sum2;
  r->rms_res = sqrt (sum2 / (2.0 * (double) n));
  r->max_abs_res = maxr;
  r->i_max = imx;
  double excess = -INFINITY;
  r->trend = r->trend_freq_hz = r->trend_limit = NAN;
  for (size_t i = 0; i < n; i++)
    omega[i] = log10 (s->freq_hz[i]);   /* omega is no longer needed: log10 f */
  kk_trend (omega, s->freq_hz, r->res_re, n, r->rms_res, opt->max_trend, &excess, r);
  kk_trend (omega, s->freq_hz, r->res_im, n, r->rms_res, opt->max_trend, &excess, r);
  r->trend_found = excess > 0;
  r->valid = r->rms_res <= opt->max_rms && r->max_abs_res <= opt->max_abs && !r->trend_found;
  /* Residuals above max_rms may be the noise of a cell that obeys Kramers-Kronig: white,
   * without trend, their RMS explained by the point-to-point scatter, no point beyond 4.5
   * times that noise (Gaussian noise on 2N <= 200 values reaches it with probability about
   * 1e-3). A violation smaller than the noise cannot show, and the verdict says so. */
  kk_whiteness (r->res_re, r->res_im, n, r);
  r->white = n >= EIS_KK_MIN_NOISE_POINTS && isfinite (r->runs_z) && r->runs_z >= -2.5
             && isfinite (r->noise_pp)
             && r->rms_res <= 1.3 * r->noise_pp;
  double noisy_abs = fmax (opt->max_abs, 4.5 * r->noise_pp);
  r->noisy = !r->valid && r->white && !r->trend_found && r->rms_res <= opt->max_noise
             && r->max_abs_res <= noisy_abs;
  if (r->noisy)
    r->valid = 1;
  r->noise_lo = r->noise_hi = NAN;
  /* Noise that changes across the spectrum (a resistive sample's low-frequency end, noisier
   * by a factor 5 than its top): the Lin-KK fit weighted by 1/|Z| alone lets the noisy points
   * pull the RC elements, which ring where the data are quiet, and the pooled noise sets
   * the 4.5-times limit too low for the noisy points and too high for the quiet ones, so
   * valid data failed as "not like noise". Where the local noise (the residuals'
   * point-to-point scatter within half a decade) spans more than a factor 3, the fit is
   * redone at the same M with each point weighted also by its local noise, and the noise
   * tests judge each residual against its own noise (residuals scaled to the median noise).
   * Kept only when that makes the residuals white noise without trend: the verdict then says
   * so, with the noise's range. */
  if (!r->valid && opt->max_noise > 0 && n >= EIS_KK_MIN_NOISE_POINTS
      && isfinite (r->noise_pp))
    {
      double *sig = malloc ((6 * n + max_m) * sizeof *sig);
      double *tau2 = sig ? sig + 6 * n : NULL;
      if (sig && kk_local_noise (omega, r->res_re, r->res_im, n, sig, sig + 4 * n))
        {
          double *sorted = sig + n, *e = sig + 2 * n, *lf = sig + 3 * n;
          memcpy (lf, omega, n * sizeof *lf);   /* omega holds log10 f: the fit needs omega */
          for (size_t i = 0; i < n; i++)
            omega[i] = 2 * M_PI * s->freq_hz[i];
          memcpy (sorted, sig, n * sizeof *sig);
          qsort (sorted, n, sizeof *sorted, cmp_double);
          double smed = sorted[n / 2];
          /* Only noise that rises towards low frequencies, as a resistive sample's does (its
           * current falls with the frequency), is taken: the lowest decade's median noise
           * at least 3 times the highest decade's, and the profile made non-increasing in
           * frequency (pool-adjacent-violators), so that a systematic residual growing at
           * the top (an inductance left out) or a few bad points cannot pass for noise. */
          double fl = s->freq_hz[0], fh = s->freq_hz[n - 1];
          size_t nl = 0, nh = 0;
          for (size_t i = 0; i < n; i++)
            {
              if (s->freq_hz[i] <= 10 * fl)
                e[nl++] = sig[i];
            }
          qsort (e, nl, sizeof *e, cmp_double);
          double lo_dec = nl ? e[nl / 2] : NAN;
          for (size_t i = 0; i < n; i++)
            if (s->freq_hz[i] >= 0.1 * fh)
              e[nh++] = sig[i];
          qsort (e, nh, sizeof *e, cmp_double);
          double hi_dec = nh ? e[nh / 2] : NAN;
          int ascending = 1;
          for (size_t i = 1; i < n; i++)
            ascending &= s->freq_hz[i] > s->freq_hz[i - 1];
          double slo = NAN, shi = NAN;
          if (ascending && smed > 0 && nl >= 3 && nh >= 3 && lo_dec > 3 * hi_dec)
            {
              kk_pav_nonincreasing (sig, e, n);
              slo = sig[n - 1];
              shi = sig[0];
            }
          if (isfinite (slo))
            {
              for (size_t i = 0; i < n; i++)
                {
                  sig[i] = fmax (sig[i], 0.2 * smed);
                  double wi = 1.0 / (hypot (s->z_re[i], s->z_im[i]) * sig[i] / smed);
                  w[i] = wi;
                  gsl_vector_set (k.y, i, wi * s->z_re[i]);
                  gsl_vector_set (k.y, n + i, wi * s->z_im[i]);
                }
              size_t m2 = m, p2 = 0;
              double mu2 = mu;
              int reached2 = 0;
              if (kk_sweep (&k, opt, tau_lo, 1.0 / omin, m_first, max_m, tau2, &m2, &p2, &mu2,
                            &reached2) == GSL_SUCCESS)
                {
                  /* weighted residuals are equalised: (Z - model)/|Z| x median/local noise */
                  double *ere = e, *eim = sorted;   /* sorted no longer needed */
                  double esum2 = 0, emax = 0;
                  for (size_t i = 0; i < n; i++)
                    {
                      ere[i] = gsl_vector_get (k.res, i);
                      eim[i] = gsl_vector_get (k.res, n + i);
                      esum2 += ere[i] * ere[i] + eim[i] * eim[i];
                      emax = fmax (emax, fmax (fabs (ere[i]), fabs (eim[i])));
                    }
                  EisKKResult t = *r;
                  double erms = sqrt (esum2 / (2.0 * (double) n)), ex = -INFINITY;
                  /* a trend is judged by the noise alone (4 sigma of a window's mean): the
                   * floor for clean data, in units of |Z|, would be several times the
                   * equalised noise */
                  kk_trend (lf, s->freq_hz, ere, n, erms, 0, &ex, &t);
                  kk_trend (lf, s->freq_hz, eim, n, erms, 0, &ex, &t);
                  kk_whiteness (ere, eim, n, &t);
                  int white = isfinite (t.runs_z) && t.runs_z >= -2.5 && isfinite (t.noise_pp)
                              && erms <= 1.3 * t.noise_pp;
                  if (white && !(ex > 0) && erms <= opt->max_noise
                      && emax <= fmax (opt->max_abs, 4.5 * t.noise_pp))
                    {
                      /* the reweighted fit stands: residuals relative to |Z| again */
                      sum2 = 0;
                      maxr = 0;
                      imx = 0;
                      double worst = 0;
                      for (size_t i = 0; i < n; i++)
                        {
                          double g = sig[i] / smed;
                          r->res_re[i] = ere[i] * g;
                          r->res_im[i] = eim[i] * g;
                          r->z_re_fit[i] = s->z_re[i] - ere[i] / w[i];
                          r->z_im_fit[i] = s->z_im[i] - eim[i] / w[i];
                          sum2 += r->res_re[i] * r->res_re[i] + r->res_im[i] * r->res_im[i];
                          double a = fmax (fabs (r->res_re[i]), fabs (r->res_im[i]));
                          if (a > maxr)
                            maxr = a;
                          /* the point farthest out against its own noise */
                          double z = fmax (fabs (ere[i]), fabs (eim[i]));
                          if (z > worst)
                            {
                              worst = z;
                              imx = i;
                            }
                        }
                      m = m2;
                      mu = mu2;
                      reached = reached2;
                      r->mu = mu;
                      r->mu_reached = reached;
                      kk_store_model (r, &k, tau2, m);
                      r->chi2_ps = sum2;
                      r->rms_res = sqrt (sum2 / (2.0 * (double) n));
                      r->max_abs_res = maxr;
                      r->i_max = imx;
                      r->trend = t.trend;
                      r->trend_freq_hz = t.trend_freq_hz;
                      r->trend_limit = t.trend_limit;
                      r->trend_found = 0;
                      r->noise_pp = t.noise_pp;
                      r->runs_z = t.runs_z;
                      r->white = 1;
                      r->noisy = 1;
                      r->valid = 1;
                      r->noise_lo = slo;
                      r->noise_hi = shi;
                      maxr = fmax (fabs (r->res_re[imx]), fabs (r->res_im[imx]));
                      noisy_abs = fmax (opt->max_abs, 4.5 * t.noise_pp * sig[imx] / smed);
                    }
                }
            }
        }
      free (sig);
    }
  /* A verdict needs data to spare: with the R0, the M elements and the optional C and L the
   * linear model has as many parameters as the spectrum has points (half its real numbers)
   * at most, and ten points at least. */
  size_t n_lin = 1 + m + (size_t) r->with_capacitance + (size_t) r->with_inductance;
  if (n < EIS_KK_MIN_VERDICT_POINTS || n_lin > n)
    {
      r->valid = -1;
      r->noisy = 0;
      snprintf (r->verdict, sizeof r->verdict,
                "too few points for a verdict: %zu points for %zu linear parameters (M = %zu "
                "elements); the Lin-KK model needs at least %d points and no more parameters "
                "than points, or it fits anything (residuals RMS %.3g %%)", n, n_lin, m,
                EIS_KK_MIN_VERDICT_POINTS, 100 * r->rms_res);
      goto out;
    }
  char trend[128] = "";
  if (r->trend_found)
    {
      /* Enough digits to show the trend above its limit (19.5 % against 19.5 % read as a
       * pass). */
      int digits = 3;
      char a[32], b[32];
      do
        {
          snprintf (a, sizeof a, "%.*g", digits, 100 * r->trend);
          snprintf (b, sizeof b, "%.*g", digits, 100 * r->trend_limit);
        }
      while (strcmp (a, b) == 0 && ++digits <= 8);
      snprintf (trend, sizeof trend, ", trend of %s %% around %.4g Hz (limit %s %%)", a,
                r->trend_freq_hz, b);
    }
  const char *mtext = opt->fixed_m ? " (M fixed)" : reached ? "" : " (mu never fell below c)";
  if (r->noisy && isfinite (r->noise_lo))
    snprintf (r->verdict, sizeof r->verdict,
              "valid, noisy: residuals RMS %.3g %% (above the %.3g %% limit for clean data) "
              "are like noise whose level changes across the spectrum (point-to-point noise "
              "%.3g %% to %.3g %%: each point weighted and judged by its own), sign runs z = "
              "%.1f, no trend; farthest out against its noise %.3g %% at %.4g Hz (limit %.3g "
              "%%, 4.5 x the noise there); a violation smaller than the noise would not show; "
              "M = %zu, mu = %.3f%s",
              100 * r->rms_res, 100 * opt->max_rms, 100 * r->noise_lo, 100 * r->noise_hi,
              r->runs_z, 100 * maxr, s->freq_hz[imx], 100 * noisy_abs, m, mu, mtext);
  else if (r->noisy)
    snprintf (r->verdict, sizeof r->verdict,
              "valid, noisy: residuals RMS %.3g %% (above the %.3g %% limit for clean data) "
              "are like noise: point-to-point noise %.3g %%, sign runs z = %.1f, no trend; "
              "largest %.3g %% at %.4g Hz (limit %.3g %%, 4.5 x noise); a violation smaller "
              "than the noise would not show; M = %zu, mu = %.3f%s",
              100 * r->rms_res, 100 * opt->max_rms, 100 * r->noise_pp, r->runs_z, 100 * maxr,
              s->freq_hz[imx], 100 * noisy_abs, m, mu, mtext);
  else
    {
      /* why residuals above the limit are not taken for noise */
      char why_not[160] = "";
      if (!r->valid && r->rms_res > opt->max_rms && opt->max_noise > 0)
        {
          if (n < EIS_KK_MIN_NOISE_POINTS)
            snprintf (why_not, sizeof why_not, ", too few points (%zu, need %d) to tell "
                      "noise from a violation", n, EIS_KK_MIN_NOISE_POINTS);
          else if (!r->white)
            snprintf (why_not, sizeof why_not, ", not like noise (point-to-point noise "
                      "%.3g %%, sign runs z = %.1f)", 100 * r->noise_pp, r->runs_z);
          else if (r->rms_res > opt->max_noise)
            snprintf (why_not, sizeof why_not, ", like noise but above %.3g %%: too noisy "
                      "for the check", 100 * opt->max_noise);
        }
      snprintf (r->verdict, sizeof r->verdict,
                "%s: residuals RMS %.3g %% (limit %.3g %%)%s, largest %.3g %% at %.4g Hz "
                "(limit %.3g %%)%s; M = %zu, mu = %.3f%s",
                r->valid ? "valid" : "not Kramers-Kronig consistent", 100 * r->rms_res,
                100 * opt->max_rms, why_not, 100 * maxr, s->freq_hz[imx], 100 * opt->max_abs,
                trend, m, mu, mtext);
    }
  if (status == EIS_OK
      && !(isfinite (r->rms_res) && isfinite (r->max_abs_res) && isfinite (r->r0_ohm)))
    status = eis_error_set (err, EIS_ERR_DATA, "%s: the Kramers-Kronig fit gave no finite "
                            "result (the impedances span too many decades)", src);

out:
  gsl_vector_free (k.qr_tau);
  gsl_vector_free (k.res);
  free (k.scale);
  free (k.gram);
  free (k.gb);
  gsl_vector_free (k.coef);
  gsl_vector_free (k.y);
  gsl_matrix_free (k.X);
  free (tau);
  free (w);
  free (omega);
  if (status != EIS_OK)
    eis_kk_result_free (r);
  else
    *out = r;
  return status;
}
