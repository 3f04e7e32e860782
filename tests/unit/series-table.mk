# Unit tests of the series table's quantities (R_interface, ASR, C_eff ... by name).
check_PROGRAMS += test-series-table
TESTS += test-series-table

test_series_table_SOURCES = tests/unit/test-series-table.c
test_series_table_CFLAGS = $(unit_cflags)
test_series_table_LDADD = $(unit_libs)
