# samples: small data sets written by us (with bench/gen.c, eisfit-gen) that ship with eisfit.
# pellet-*.csv: a 0.60 mm x 10 mm pellet between blocking electrodes from -20 to 80 degC
#   (bulk Ea 0.31 eV, sigma(25 degC) = 2.07e-4 S/cm; grain boundary Ea 0.45 eV), 0.3 % noise.
# li-*.csv: a Li|electrolyte|Li cell, impedance before and after a 10 mV hold and the current
#   (t+ = 0.87 by construction with R0 = 353 Ohm, Rss = 371 Ohm, R_b = 60.4 Ohm).
# li-spike-*.csv: a hold sampled every 0.2 s for 30 s then every 10 s, with the double-layer
#   charging spike (3 I0, 1 s) and an interface growing from 350 to 392 Ohm (t+ = 0.62 by
#   construction, R_b = 150 Ohm; tests/data/gen-transference.py).
samplesdir = $(pkgdatadir)/samples
dist_samples_DATA = samples/pellet-m20C.csv samples/pellet-0C.csv samples/pellet-25C.csv \
	samples/pellet-40C.csv samples/pellet-60C.csv samples/pellet-80C.csv \
	samples/li-before.csv samples/li-after.csv samples/li-polarization.csv \
	samples/li-spike-polarization.csv samples/li-spike-before.csv samples/li-spike-after.csv
