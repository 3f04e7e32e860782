# CLI tests: scripts that run eisfit on data and compare numbers

# the prologue and the checks they share (sourced)
EXTRA_DIST += tests/cli/lib.sh

include tests/cli/fit.mk
include tests/cli/analysis.mk
include tests/cli/import.mk
include tests/cli/output.mk
include tests/cli/series.mk
include tests/cli/project.mk
