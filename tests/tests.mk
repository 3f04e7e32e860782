# tests: cmocka unit tests (one program per module), CLI scripts, the GUI smoke test.
unit_cflags = $(AM_CFLAGS) $(GSL_CFLAGS) $(CMOCKA_CFLAGS) -I$(top_srcdir)/tests/unit
unit_libs = libeiscore.la $(CMOCKA_LIBS) $(GSL_LIBS) $(CSV_LIBS) -lm
EXTRA_DIST += tests/unit/testutil.h

include tests/unit/unit.mk
include tests/cli/cli.mk
