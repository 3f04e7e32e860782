# CLI tests of eisfit info and eisfit convert (they run $EISFIT on tests/data).
TESTS += tests/cli/test-convert.sh tests/cli/test-info.sh
EXTRA_DIST += tests/cli/test-convert.sh tests/cli/test-info.sh
