# Unit tests of the importers (tests/unit/test-import.c: generic reader and import layer;
# tests/unit/test-realdata.c: real instrument exports, skipped when ../shared/realdata is absent).
check_PROGRAMS += test-import
TESTS += test-import
test_import_SOURCES = tests/unit/test-import.c
test_import_CFLAGS = $(unit_cflags)
test_import_LDADD = $(unit_libs)
EXTRA_DIST += \
	tests/data/generic-semicolon.csv \
	tests/data/generic-tab-crcrlf.txt
