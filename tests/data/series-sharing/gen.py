#!/usr/bin/env python3
"""Two synthetic pellet series (0.5 mm x 10 mm, -20 .. 80 degC, 7 MHz .. 0.11 Hz at 10 points
per decade, 0.5 % Gaussian noise of |Z|) with known truth, for test-series-sharing.sh.

qconst-*.csv: bulk R||CPE (n 0.95), sigma_bulk(25 C) = 1e-4 S/cm, Ea 0.30 eV (sigma form);
grain boundary R||CPE (n 0.85), R_gb(25 C) = 300 Ohm, Ea 0.45 eV; electrode CPE. The CPE Q and
n are constant with T, so each arc's C_eff = Q^(1/n) R^((1-n)/n) changes with T (bulk ~20 %):
a shared C_eff is wrong there. (The tester-user data, random.seed(7); truth-qconst.txt.)

ceff-*.csv: the same resistances, but each arc's C_eff constant (bulk 1.2e-11 F, grain
boundary 7.8e-10 F; Q = C^n R^(n-1)): the bulk arc's apex lies beyond 70 MHz (a decade above the range) at 60 and
80 degC, so the series fit holds its capacitance and the shared C_eff is right. Truth in
truth-ceff.txt."""
import math, os, random
kB = 8.617333262e-5
out = os.path.dirname(os.path.abspath(__file__))
def cpe(Q, n, w): return 1.0 / (Q * (1j*w)**n)
def par(a, b): return a*b/(a+b)
freqs = [7e6 * 10**(-i/10) for i in range(0, 79)]
L = 0.05; A = math.pi*0.5**2
def write(fn, Zs, noise=0.005):
    with open(os.path.join(out, fn), "w") as f:
        f.write("freq_Hz,Zreal_Ohm,Zimag_Ohm\n")
        for fr, z in zip(freqs, Zs):
            m = abs(z)
            zr = z.real + random.gauss(0, noise*m/math.sqrt(2))
            zi = z.imag + random.gauss(0, noise*m/math.sqrt(2))
            f.write("%.6e,%.6e,%.6e\n" % (fr, zr, zi))
random.seed(2611)
T0 = 298.15
with open(os.path.join(out, "truth-ceff.txt"), "w") as truth:
    truth.write("T_C,R_bulk,R_gb,sigma_bulk,sigma_total\n")
    for TC in (-20, 0, 20, 40, 60, 80):
        T = TC + 273.15
        sb = 1e-4*math.exp(-0.30/kB*(1/T - 1/T0))
        Rb = L/(sb*A)
        Rgb = 300*math.exp(0.45/kB*(1/T - 1/T0))
        nb, ngb = 0.95, 0.85
        Qb = 1.2e-11**nb * Rb**(nb - 1)   # Hsu-Mansfeld: C = Q^(1/n) R^((1-n)/n)
        Qgb = 7.8e-10**ngb * Rgb**(ngb - 1)
        Zs = [par(Rb, cpe(Qb, nb, 2*math.pi*fr)) + par(Rgb, cpe(Qgb, ngb, 2*math.pi*fr))
              + cpe(2e-6, 0.90, 2*math.pi*fr) for fr in freqs]
        write("ceff-%s.csv" % (("m%dC" % -TC) if TC < 0 else ("%dC" % TC)), Zs)
        truth.write("%d,%.4f,%.4f,%.6e,%.6e\n" % (TC, Rb, Rgb, sb, L/((Rb+Rgb)*A)))
    truth.write("Ea_bulk_sigma_form=0.30 eV ; Ea_gb(resistance)=0.45 eV ; L=0.5mm d=10mm\n")
