# CLI tests of eisfit --project
TESTS += tests/cli/test-project.sh
EXTRA_DIST += tests/cli/test-project.sh
