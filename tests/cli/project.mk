# CLI tests of eisfit --project
TESTS += tests/cli/test-project.sh tests/cli/test-project-saved.sh tests/cli/test-project-bad.sh
EXTRA_DIST += tests/cli/test-project.sh tests/cli/test-project-saved.sh tests/cli/test-project-bad.sh
