# Unit tests of the series engine: ordering, arc matching, warm starts, the joint fit.
check_PROGRAMS += test-series
TESTS += test-series

test_series_SOURCES = tests/unit/test-series.c tests/unit/synth.c tests/unit/synth.h
test_series_CFLAGS = $(unit_cflags)
test_series_LDADD = $(unit_libs)
