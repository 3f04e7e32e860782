# Unit tests of project files: SHA-256, round trip, damaged files, changed input files.
check_PROGRAMS += test-project
TESTS += test-project
test_project_SOURCES = tests/unit/test-project.c
test_project_CFLAGS = $(unit_cflags)
test_project_LDADD = $(unit_libs)
