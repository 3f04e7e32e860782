/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Circuit elements: the impedance of each element type and its exact derivatives with
 * respect to the element's parameters. Formulas: SCIENCE.md, "Elements". */
#include "circuit.h"
#include "element-private.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#define HALF_PI 1.57079632679489661923

static const EisElementInfo element_info[EIS_ELEM_COUNT] = {
  [EIS_ELEM_R] = { "R", 1, { NULL }, { "Ohm" }, { EIS_PARAM_POSITIVE } },
  [EIS_ELEM_C] = { "C", 1, { NULL }, { "F" }, { EIS_PARAM_POSITIVE } },
  [EIS_ELEM_L] = { "L", 1, { NULL }, { "H" }, { EIS_PARAM_POSITIVE } },
  [EIS_ELEM_CPE] = { "CPE", 2, { "Q", "n" }, { "F s^(n-1)", "" },
                     { EIS_PARAM_POSITIVE, EIS_PARAM_EXPONENT } },
  [EIS_ELEM_W] = { "W", 1, { NULL }, { "Ohm s^-1/2" }, { EIS_PARAM_POSITIVE } },
  [EIS_ELEM_WO] = { "Wo", 2, { "Z0", "tau" }, { "Ohm", "s" },
                    { EIS_PARAM_POSITIVE, EIS_PARAM_POSITIVE } },
  [EIS_ELEM_WS] = { "Ws", 2, { "Z0", "tau" }, { "Ohm", "s" },
                    { EIS_PARAM_POSITIVE, EIS_PARAM_POSITIVE } },
  [EIS_ELEM_G] = { "G", 2, { "R", "t" }, { "Ohm", "s" },
                   { EIS_PARAM_POSITIVE, EIS_PARAM_POSITIVE } },
  [EIS_ELEM_ZARC] = { "Zarc", 3, { "R", "tau", "alpha" }, { "Ohm", "s", "" },
                      { EIS_PARAM_POSITIVE, EIS_PARAM_POSITIVE, EIS_PARAM_EXPONENT } },
  [EIS_ELEM_LA] = { "La", 2, { "L", "alpha" }, { "H s^(alpha-1)", "" },
                    { EIS_PARAM_POSITIVE, EIS_PARAM_EXPONENT } },
};

const EisElementInfo *
eis_element_info (EisElementKind kind)
{
  if ((int) kind < 0 || kind >= EIS_ELEM_COUNT)
    return NULL;
  return &element_info[kind];
}

void
eis_element_cache_init (EisElementCache *cache)
{
  cache->x = NAN;
  cache->cos_x = cache->sin_x = 0;
  cache->tau = NAN;
  cache->log_tau = 0;
}

/* Complex product and reciprocal without the C library's NaN/overflow recovery
 * (__muldc3/__divdc3), which costs more than the whole element. */
static inline double complex
cmul (double complex a, double complex b)
{
  double ar = creal (a), ai = cimag (a), br = creal (b), bi = cimag (b);
  return CMPLX (ar * br - ai * bi, ar * bi + ai * br);
}

static inline double complex
cinv (double complex a)
{
  double ar = creal (a), ai = cimag (a);
  double d = ar * ar + ai * ai;
  if (!(d > DBL_MIN && d < DBL_MAX))
    return 1.0 / a;   /* tiny or huge: let the library scale */
  double r = 1.0 / d;
  return CMPLX (ar * r, -ai * r);
}

static inline double complex
cscale (double s, double complex a)
{
  return CMPLX (s * creal (a), s * cimag (a));
}

/* cos(x pi/2) and sin(x pi/2), the phase of j^x. Written as sin/cos((1 - x) pi/2) so that
 * x = 1 gives exactly 0 and 1, and x close to 1 keeps the small real part accurate. */
static inline void
phase (double x, EisElementCache *cache, double *c, double *s)
{
  eis_element_phase (x, cache, c, s);
}

static inline double
log_tau (double tau, EisElementCache *cache)
{
  if (cache == NULL)
    return log (tau);
  if (cache->tau != tau)
    {
      cache->tau = tau;
      cache->log_tau = log (tau);
    }
  return cache->log_tau;
}

/* tanh(x) for x = s (1 + j), s >= 0, the argument sqrt(j omega tau) of the finite Warburgs
 * (s = sqrt(omega tau / 2)). With t = 2s and e = exp(-t):
 *   tanh(x) = (sinh t + j sin t) / (cosh t + cos t) = (1 - e^2 + 2j e sin t) / (1 + e^2 + 2e cos t),
 * which cannot overflow and tends to 1 for large s (asymptotic value used past t = 40). */
static inline double complex
tanh_diag (double s)
{
  double t = 2.0 * s;
  if (t > 40.0)
    return 1.0;
  double e = exp (-t);
  double one_m_e2 = t < 0.5 ? -expm1 (-2.0 * t) : 1.0 - e * e;
  double st = sin (t), ct = cos (t);
  double den = 1.0 + e * e + 2.0 * e * ct;
  return CMPLX (one_m_e2 / den, 2.0 * e * st / den);
}

void
eis_element_eval_freq (EisElementKind kind, const double *p, const EisFreq *f,
                       EisElementCache *cache, double complex *z, double complex *dz)
{
  double w = f->omega;
  switch (kind)
    {
    case EIS_ELEM_R:
    case EIS_ELEM_C:
    case EIS_ELEM_CPE:
      eis_element_eval_common (kind, p, f, cache, z, dz);
      return;

    case EIS_ELEM_L:
      /* Z = j w L; dZ/dL = j w */
      *z = CMPLX (0.0, w * p[0]);
      if (dz)
        dz[0] = CMPLX (0.0, w);
      return;

    case EIS_ELEM_W:
      {
        /* Z = A_W (1 - j) / sqrt(w) */
        double r = 1.0 / sqrt (w);
        *z = CMPLX (p[0] * r, -p[0] * r);
        if (dz)
          dz[0] = CMPLX (r, -r);
        return;
      }

    case EIS_ELEM_WO:
    case EIS_ELEM_WS:
      {
        /* x = sqrt(j w tau) = s (1 + j), s = sqrt(w tau / 2); 1/x = (1 - j)/(2s).
         * Wo: Z = Z0 coth(x)/x, dZ/dtau = -Z0/(2 tau) (csch^2 x + coth(x)/x)
         * Ws: Z = Z0 tanh(x)/x, dZ/dtau =  Z0/(2 tau) (sech^2 x - tanh(x)/x)
         * (dx/dtau = x/(2 tau)). */
        double z0 = p[0], tau = p[1];
        double u = w * tau;   /* x^2 = j u */
        if (kind == EIS_ELEM_WS && u < 1e-3)
          {
            /* Taylor series in v = x^2 = j u: tanh(x)/x = 1 - v/3 + 2v^2/15 - 17v^3/315
             * + 62v^4/2835; sech^2 x - tanh(x)/x = -2v/3 + 8v^2/15 - 34v^3/105
             * + 496v^4/2835 (avoids the cancellation; truncation < 1e-12 relative). */
            double u2 = u * u, u3 = u2 * u, u4 = u2 * u2;
            /* v = ju, v^2 = -u^2, v^3 = -ju^3, v^4 = u^4 */
            double complex g = CMPLX (1.0 - 2.0 * u2 / 15.0 + 62.0 * u4 / 2835.0,
                                      -u / 3.0 + 17.0 * u3 / 315.0);
            *z = cscale (z0, g);
            if (dz)
              {
                double complex d = CMPLX (-8.0 * u2 / 15.0 + 496.0 * u4 / 2835.0,
                                          -2.0 * u / 3.0 + 34.0 * u3 / 105.0);
                dz[0] = g;
                dz[1] = cscale (z0 / (2.0 * tau), d);
              }
            return;
          }
        if (kind == EIS_ELEM_WO && u < 1e-3 && u > 0)
          {
            /* Laurent series in v = j u (the closed form loses the real part Z0/3 to
             * cancellation against 1/v): x coth(x) = 1 + v/3 - v^2/45 + 2v^3/945 - v^4/4725
             * + 2v^5/93555, so coth(x)/x = 1/v + 1/3 - v/45 + 2v^2/945 - v^3/4725
             * + 2v^4/93555 and tau dg/dtau = v g'(v) = -1/v - v/45 + 4v^2/945 - 3v^3/4725
             * + 8v^4/93555. */
            double u2 = u * u, u3 = u2 * u, u4 = u2 * u2;
            double complex g = CMPLX (1.0 / 3.0 - 2.0 * u2 / 945.0 + 2.0 * u4 / 93555.0,
                                      -1.0 / u - u / 45.0 + u3 / 4725.0);
            *z = cscale (z0, g);
            if (dz)
              {
                double complex d = CMPLX (-4.0 * u2 / 945.0 + 8.0 * u4 / 93555.0,
                                          1.0 / u - u / 45.0 + 3.0 * u3 / 4725.0);
                dz[0] = g;
                dz[1] = cscale (z0 / tau, d);
              }
            return;
          }
        double s = sqrt (0.5 * u);
        double complex th = tanh_diag (s);
        double complex inv_x = CMPLX (0.5 / s, -0.5 / s);
        if (kind == EIS_ELEM_WS)
          {
            double complex g = cmul (th, inv_x);
            *z = cscale (z0, g);
            if (dz)
              {
                double complex sech2 = 1.0 - cmul (th, th);
                dz[0] = g;
                dz[1] = cscale (z0 / (2.0 * tau), sech2 - g);
              }
          }
        else
          {
            double complex cth = cinv (th);
            double complex g = cmul (cth, inv_x);
            *z = cscale (z0, g);
            if (dz)
              {
                double complex csch2 = cmul (cth, cth) - 1.0;
                dz[0] = g;
                dz[1] = cscale (-z0 / (2.0 * tau), csch2 + g);
              }
          }
        return;
      }

    case EIS_ELEM_G:
      {
        /* Gerischer: Z = R / sqrt(1 + j w t); dZ/dR = Z/R; dZ/dt = -Z j w / (2 (1 + j w t)).
         * sqrt(1 + jy) = a + jb with r = |1 + jy|, a = sqrt((1 + r)/2), b = y/(2a);
         * 1/sqrt(1 + jy) = (a - jb)/r, 1/(1 + jy) = (1 - jy)/r^2. */
        double rg = p[0], y = w * p[1];
        double r = y < 1e150 ? sqrt (1.0 + y * y) : hypot (1.0, y);
        double a = sqrt (0.5 * (1.0 + r)), b = 0.5 * y / a;
        double complex g = CMPLX (a / r, -b / r);
        double complex zz = cscale (rg, g);
        *z = zz;
        if (dz)
          {
            dz[0] = g;
            /* j w (1 - jy) = w (y + j) */
            dz[1] = cscale (-0.5 * w / (r * r), cmul (zz, CMPLX (y, 1.0)));
          }
        return;
      }

    case EIS_ELEM_ZARC:
      {
        /* Z = R/(1 + P), P = (j w tau)^alpha = (w tau)^alpha (cos + j sin)(alpha pi/2)
         * dZ/dR = 1/(1+P); dZ/dtau = -R P alpha / (tau (1+P)^2);
         * dZ/dalpha = -R P (ln(w tau) + j pi/2) / (1+P)^2 */
        double rz = p[0], tau = p[1], al = p[2], c, s;
        phase (al, cache, &c, &s);
        double lwt = f->log_omega + log_tau (tau, cache);
        double m = exp (al * lwt);
        double complex pp = CMPLX (m * c, m * s);
        double complex inv = cinv (1.0 + pp);
        *z = cscale (rz, inv);
        if (dz)
          {
            double complex k = cscale (-rz, cmul (pp, cmul (inv, inv)));
            dz[0] = inv;
            dz[1] = cscale (al / tau, k);
            dz[2] = cmul (k, CMPLX (lwt, HALF_PI));
          }
        return;
      }

    case EIS_ELEM_LA:
      {
        /* Z = L (j w)^alpha; dZ/dL = (j w)^alpha; dZ/dalpha = Z (ln w + j pi/2) */
        double l = p[0], al = p[1], c, s;
        phase (al, cache, &c, &s);
        double m = exp (al * f->log_omega);
        double complex ja = CMPLX (m * c, m * s);
        double complex zz = cscale (l, ja);
        *z = zz;
        if (dz)
          {
            dz[0] = ja;
            dz[1] = cmul (zz, CMPLX (f->log_omega, HALF_PI));
          }
        return;
      }

    case EIS_ELEM_COUNT:
    default:
      *z = NAN;
      return;
    }
}

void
eis_element_eval (EisElementKind kind, const double *p, double omega, double complex *z,
                  double complex *dz)
{
  EisFreq f = { omega, log (omega) };
  eis_element_eval_freq (kind, p, &f, NULL, z, dz);
}
