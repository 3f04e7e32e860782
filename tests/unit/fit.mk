# Unit tests of the fitter, its starting values, the default circuit and the conductivity.
check_PROGRAMS += test-fit
TESTS += test-fit
test_fit_SOURCES = tests/unit/test-fit.c tests/unit/synth.c tests/unit/synth.h
test_fit_CFLAGS = $(unit_cflags)
test_fit_LDADD = $(unit_libs)
check_PROGRAMS += test-fit-seed
TESTS += test-fit-seed
test_fit_seed_SOURCES = tests/unit/test-fit-seed.c tests/unit/synth.c tests/unit/synth.h
test_fit_seed_CFLAGS = $(unit_cflags)
test_fit_seed_LDADD = $(unit_libs)
check_PROGRAMS += test-cholesky
TESTS += test-cholesky
test_cholesky_SOURCES = tests/unit/test-cholesky.c
test_cholesky_CFLAGS = $(unit_cflags)
test_cholesky_LDADD = $(unit_libs)
