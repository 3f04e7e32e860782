# Unit tests of the electrolyte analysis: Lin-KK, Arrhenius/VTF, Bruce-Vincent, temperatures.
check_PROGRAMS += test-kk test-drt test-arrhenius test-transference test-temperature
TESTS += test-kk test-drt test-arrhenius test-transference test-temperature

test_kk_SOURCES = tests/unit/test-kk.c
test_kk_CFLAGS = $(unit_cflags)
test_kk_LDADD = $(unit_libs)

test_drt_SOURCES = tests/unit/test-drt.c
test_drt_CFLAGS = $(unit_cflags)
test_drt_LDADD = $(unit_libs)

test_arrhenius_SOURCES = tests/unit/test-arrhenius.c
test_arrhenius_CFLAGS = $(unit_cflags)
test_arrhenius_LDADD = $(unit_libs)

test_transference_SOURCES = tests/unit/test-transference.c tests/unit/synth.c tests/unit/synth.h
test_transference_CFLAGS = $(unit_cflags)
test_transference_LDADD = $(unit_libs)

test_temperature_SOURCES = tests/unit/test-temperature.c
test_temperature_CFLAGS = $(unit_cflags)
test_temperature_LDADD = $(unit_libs)

# What the cell type means: R_interface and the ASR per interface of a Li|Li cell.
check_PROGRAMS += test-cell
TESTS += test-cell
test_cell_SOURCES = tests/unit/test-cell.c tests/unit/synth.c tests/unit/synth.h
test_cell_CFLAGS = $(unit_cflags)
test_cell_LDADD = $(unit_libs)

# Which spectra belong together: file-name stems, and the mixed-circuits notice of one sample.
check_PROGRAMS += test-sample-group
TESTS += test-sample-group
test_sample_group_SOURCES = tests/unit/test-sample-group.c
test_sample_group_CFLAGS = $(unit_cflags)
test_sample_group_LDADD = $(unit_libs)
