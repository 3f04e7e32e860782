# CLI tests of the fit command and the man page examples.
TESTS += tests/cli/test-fit.sh tests/cli/test-man-examples.sh tests/cli/test-layering.sh \
	tests/cli/test-admissible.sh tests/cli/test-exit-status.sh tests/cli/test-quiet-jobs.sh \
	tests/cli/test-hostile-input.sh tests/cli/test-untrusted.sh tests/cli/test-hostile-2.sh tests/cli/test-roles-trust.sh tests/cli/test-hf-pair.sh
EXTRA_DIST += tests/cli/test-fit.sh tests/cli/test-man-examples.sh tests/cli/test-layering.sh \
	tests/cli/test-admissible.sh tests/cli/test-exit-status.sh tests/cli/test-quiet-jobs.sh \
	tests/cli/test-hostile-input.sh tests/cli/test-untrusted.sh tests/cli/test-hostile-2.sh tests/cli/test-roles-trust.sh tests/cli/test-hf-pair.sh
# hostile input, fourth round
TESTS += tests/cli/test-hostile-4.sh
EXTRA_DIST += tests/cli/test-hostile-4.sh
TESTS += tests/cli/test-hostile-3.sh
EXTRA_DIST += tests/cli/test-hostile-3.sh
# the automatic choice over 10 to 15 decades
TESTS += tests/cli/test-auto-wide.sh
EXTRA_DIST += tests/cli/test-auto-wide.sh
# hostile input, fifth round
TESTS += tests/cli/test-hostile-5.sh
EXTRA_DIST += tests/cli/test-hostile-5.sh
# Li|electrolyte|Li cells against known truth
TESTS += tests/cli/test-li-cells.sh
TESTS += tests/cli/test-li-open-role.sh
EXTRA_DIST += tests/cli/test-li-open-role.sh
EXTRA_DIST += tests/cli/test-li-cells.sh
# an electrolyte arc cut on its low-frequency side (--fmin above the spike)
TESTS += tests/cli/test-open-arc.sh
EXTRA_DIST += tests/cli/test-open-arc.sh
# a resistance with the leads' inductance and no arc (short circuit, cable)
TESTS += tests/cli/test-short-circuit.sh
EXTRA_DIST += tests/cli/test-short-circuit.sh
# a new lab user's pellet: the split at the top frequency, the leads' inductance, both readings
TESTS += tests/cli/test-roles-user3.sh
EXTRA_DIST += tests/cli/test-roles-user3.sh
# the automatic choice refits a CPE whose exponent ran to 1 as the ideal capacitor it is
TESTS += tests/cli/test-auto-ideal-c.sh
EXTRA_DIST += tests/cli/test-auto-ideal-c.sh
# a new lab user's quasi-solid pellets: the bulk arc just above the top; the brick layer
TESTS += tests/cli/test-roles-user6.sh
EXTRA_DIST += tests/cli/test-roles-user6.sh
# a relative error beyond 1000 % printed as "> 1000 %"
TESTS += tests/cli/test-relerr-huge.sh
EXTRA_DIST += tests/cli/test-relerr-huge.sh tests/data/undetermined-r0.csv
# files cut at a line boundary: the announced point count
TESTS += tests/cli/test-import-trunc.sh tests/cli/test-texts-whole.sh tests/cli/test-leads-exceed.sh
EXTRA_DIST += tests/cli/test-import-trunc.sh tests/cli/test-texts-whole.sh tests/cli/test-leads-exceed.sh
