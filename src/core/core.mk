# src/core: the engine, a libtool convenience library shared by eisfit, eisfit-gtk and the tests.
noinst_LTLIBRARIES += libeiscore.la
libeiscore_la_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) $(ZIP_CFLAGS) $(EXPAT_CFLAGS)
libeiscore_la_LIBADD = $(GSL_LIBS) $(CSV_LIBS) $(SHEET_LIBS) $(DL_LIBS) -lm
libeiscore_la_SOURCES = \
	src/core/eis-error.c src/core/eis-error.h \
	src/core/spectrum.c src/core/spectrum.h \
	src/core/output-file.c src/core/output-file.h \
	src/core/import.h src/core/circuit.h \
	$(core_circuit_sources) \
	$(core_import_sources) \
	$(core_fit_sources) \
	$(core_analysis_sources) \
	$(core_series_sources) \
	$(core_project_sources)

include src/core/circuit.mk
include src/core/import.mk
include src/core/fit.mk
include src/core/analysis.mk
include src/core/series.mk
include src/core/project.mk
