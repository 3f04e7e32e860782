#!/usr/bin/env python3
"""Writes the synthetic transference files (run once; the files are committed): li-spike-
polarization.csv, li-spike-before.csv and li-spike-after.csv go to samples/, the rest to tests/data.

A Li|electrolyte|Li cell with known t+ = 0.62: R_b = 150 Ohm, R0 = 350 Ohm, dV = 10 mV, so
I0 = dV/(R_b + R0) = 2.0e-5 A. The current is dV/(R_b + R_int(t) + R_c (1 - exp(-t/tau))) with
R_c = R_b (1/t+ - 1) and tau = 600 s (Iss = dV/(R_b/t+ + R_int)), plus a double-layer charging
spike 3 I0 exp(-t/1 s) and 0.2 % noise. The interface grows linearly from 350 to 392 Ohm over
the 3600 s hold. Spectra: R0-p(R1,CPE1)-CPE2 with R0 = R_b, R1 = R_int(t), 0.3 % noise.
"""
import cmath, math, random

DV, RB, R0, REND, TP, TAU = 0.010, 150.0, 350.0, 392.0, 0.62, 600.0
HOLD = 3600.0
rng = random.Random(20261205)


def r_int(t):
    return R0 + (REND - R0) * min(max(t, 0.0), HOLD) / HOLD


def current(t):
    rc = RB * (1 / TP - 1)
    i = DV / (RB + r_int(t) + rc * (1 - math.exp(-t / TAU)))
    iss = DV / (RB / TP + REND)
    return i + 3 * DV / (RB + R0) * math.exp(-t / 1.0) + rng.gauss(0, 0.002 * iss)


def times():
    t = [round(0.2 * k, 3) for k in range(150)]       # 0.2 s for the first 30 s
    t += [30.0 + 10 * k for k in range(358)]           # then every 10 s to 3600 s
    return t


def spectrum(rint):
    out = []
    for k in range(43):
        f = 10 ** (6 - k * 7 / 42)                     # 1 MHz .. 0.1 Hz, 6 per decade
        w = 2 * math.pi * f
        zq = 1 / (3.1e-6 * (1j * w) ** 0.87)
        z = RB + 1 / (1 / rint + 1 / zq) + 1 / (2.0e-3 * (1j * w) ** 0.70)
        n = abs(z) * 0.003
        out.append((f, z.real + rng.gauss(0, n), z.imag + rng.gauss(0, n)))
    return out


def write_spectrum(path, rint, t=None):
    with open(path, "w") as fh:
        fh.write("freq_Hz,Zreal_Ohm,Zimag_Ohm\n")
        for f, re, im in spectrum(rint):
            fh.write("%.6e,%.6e,%.6e\n" % (f, re, im))


with open("li-spike-polarization.csv", "w") as fh:
    fh.write("time_s,current_A,voltage_V\n")
    for t in times():
        fh.write("%.3f,%.6e,%.6e\n" % (t, current(t), DV + rng.gauss(0, 2e-6)))
write_spectrum("li-spike-before.csv", R0)
for t in (1200, 2400):
    write_spectrum("li-spike-during-%d.csv" % t, r_int(t))
write_spectrum("li-spike-after.csv", REND)

# One multi-technique file: EIS before, the hold as DC rows (frequency 0), EIS at 20, 40 and
# 60 min interrupting it, on one clock: the hold starts at 100 s.
with open("li-multi.csv", "w") as fh:
    fh.write("time_s,freq_Hz,Zreal_Ohm,Zimag_Ohm,current_A,voltage_V\n")
    def eis(t0, rint):
        for k, (f, re, im) in enumerate(spectrum(rint)):
            fh.write("%.3f,%.6e,%.6e,%.6e,0,0\n" % (t0 + 0.5 * k, f, re, im))
    eis(0.0, R0)
    pending = [1200.0, 2400.0]
    busy_until = -1.0
    for t in [x for x in times() if x % 20 == 0 or x < 30]:
        if pending and t >= pending[0]:
            eis(100 + t, r_int(t))              # the hold is interrupted for 21 s
            busy_until = t + 22
            pending.pop(0)
        if t < busy_until:
            continue
        fh.write("%.3f,0,0,0,%.6e,%.6e\n" % (100 + t, current(t), DV + rng.gauss(0, 2e-6)))
    eis(100 + HOLD + 5, REND)
