# Unit tests of the Arrhenius analysis of a series: linearity warnings, global vs two-step.
check_PROGRAMS += test-series-arrhenius
TESTS += test-series-arrhenius
test_series_arrhenius_SOURCES = tests/unit/test-series-arrhenius.c
test_series_arrhenius_CFLAGS = $(unit_cflags)
test_series_arrhenius_LDADD = $(unit_libs)
