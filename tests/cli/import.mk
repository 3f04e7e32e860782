# CLI tests of eisfit info and eisfit convert (they run $EISFIT on tests/data).
TESTS += tests/cli/test-convert.sh tests/cli/test-info.sh
EXTRA_DIST += tests/cli/test-convert.sh tests/cli/test-info.sh
# "-": standard input, where a command can read it
TESTS += tests/cli/test-stdin.sh
EXTRA_DIST += tests/cli/test-stdin.sh
