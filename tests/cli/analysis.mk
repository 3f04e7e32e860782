# CLI tests of the analysis subcommands: kk, arrhenius, transference
TESTS += tests/cli/test-kk.sh tests/cli/test-drt.sh tests/cli/test-arrhenius.sh tests/cli/test-transference.sh \
	tests/cli/test-arrhenius-intercept.sh
EXTRA_DIST += tests/cli/test-kk.sh tests/cli/test-drt.sh tests/data/drt-two-zarc.csv tests/cli/test-arrhenius.sh tests/cli/test-transference.sh \
	tests/cli/test-arrhenius-intercept.sh
