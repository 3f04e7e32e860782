# CLI tests of hostile numbers and circuits, and of how outputs are written, with an LD_PRELOAD
# shim that imitates file systems without hard links, a full disk and signals (built here with
# $(CC), not installed).
TESTS += tests/cli/test-output.sh tests/cli/test-extreme.sh tests/cli/test-scale.sh tests/cli/test-stream.sh \
	tests/cli/test-plot-module.sh tests/cli/test-max-points.sh
EXTRA_DIST += tests/cli/test-output.sh tests/cli/test-extreme.sh tests/cli/test-scale.sh tests/cli/test-stream.sh \
	tests/cli/test-plot-module.sh tests/cli/test-max-points.sh \
	tests/cli/fsshim.c
check_DATA = tests/cli/fsshim.so
CLEANFILES += tests/cli/fsshim.so
tests/cli/fsshim.so: tests/cli/fsshim.c
	@$(MKDIR_P) tests/cli
	$(AM_V_CC)$(CC) -std=c11 -shared -fPIC -O1 -o $@ $(srcdir)/tests/cli/fsshim.c -ldl
TESTS += tests/cli/test-hostile-h3.sh
EXTRA_DIST += tests/cli/test-hostile-h3.sh
# eisfit --help names every command
TESTS += tests/cli/test-help.sh
EXTRA_DIST += tests/cli/test-help.sh
