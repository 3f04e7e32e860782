# CLI tests of eisfit series and eisfit arrhenius --global
TESTS += tests/cli/test-series.sh
EXTRA_DIST += tests/cli/test-series.sh
