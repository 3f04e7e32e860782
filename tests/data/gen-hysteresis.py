#!/usr/bin/env python3
"""Writes tests/data/hysteresis/ (run once; the files are committed): a garnet pellet measured
heating (-20, 0, 20, 40 degC) and then cooling (40, 20, 0, -20 degC), with a 4 % hysteresis.

Truth (after tester 8's gen.py): L = 1.00 mm, D = 10 mm (L/A = 0.127324 1/cm). Bulk
sigma = 1.500e-4 S/cm at 25 degC (heating) and 1.560e-4 (cooling, x1.04), Ea 0.420 eV; grain
boundary (apparent, L/A/R_gb) 2.000e-4 (x1.04 cooling), Ea 0.480 eV; bulk CPE Q 6.0e-11 n 0.95,
grain boundary CPE Q 3.0e-9 n 0.90; electrode: finite-length open Warburg Z0 = 3000 Ohm
exp(0.3 eV/k_B (1/T - 1/298.15)), tau 50 s; no lead resistance (R0 = 0). 7 MHz to 0.1 Hz,
10 points per decade, 0.5 % of |Z| Gaussian noise on Re and Im. CSV files named for the
temperature; give them in the order measured (heat-*, then cool-*).
"""
import cmath, math, os, random

KB = 8.617333262e-5
G = 0.1 / (math.pi * 0.5 ** 2)          # L/A, 1/cm
SB25, EAB, SG25, EAG = 1.5e-4, 0.42, 2.0e-4, 0.48
QB, NB, QG, NG, WZ0, WTAU = 6e-11, 0.95, 3e-9, 0.90, 3000.0, 50.0
rng = random.Random(20261207)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hysteresis")


def rq(r, q, n, w):
    zc = 1 / (q * (1j * w) ** n)
    return r * zc / (r + zc)


def wo(z0, tau, w):
    s = cmath.sqrt(1j * w * tau)
    return z0 / cmath.tanh(s) / s


def sig(s25, ea, tk, fac):
    return fac * s25 * math.exp(-ea / KB * (1 / tk - 1 / 298.15))


def main():
    os.makedirs(OUT, exist_ok=True)
    f = [10 ** (math.log10(7e6) - k / 10) for k in range(int(round(math.log10(7e6 / 0.1) * 10)) + 1)]
    for branch, fac, order in (("heat", 1.0, (-20, 0, 20, 40)), ("cool", 1.04, (40, 20, 0, -20))):
        for tc in order:
            tk = tc + 273.15
            rb, rg = G / sig(SB25, EAB, tk, fac), G / sig(SG25, EAG, tk, fac)
            z0 = WZ0 * math.exp(0.3 / KB * (1 / tk - 1 / 298.15))
            name = "%s-%s.csv" % (branch, ("m%dC" % -tc) if tc < 0 else ("%dC" % tc))
            with open(os.path.join(OUT, name), "w") as out:
                out.write("freq_Hz,Zreal_Ohm,Zimag_Ohm\n")
                for fi in f:
                    w = 2 * math.pi * fi
                    z = rq(rb, QB, NB, w) + rq(rg, QG, NG, w) + wo(z0, WTAU, w)
                    s = 0.005 * abs(z)
                    out.write("%.6e,%.6e,%.6e\n" % (fi, z.real + rng.gauss(0, s), z.imag + rng.gauss(0, s)))


if __name__ == "__main__":
    main()
