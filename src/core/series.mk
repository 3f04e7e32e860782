# src/core/series: a series of spectra fitted as one object (see core.mk)
core_series_sources = \
	src/core/series.c src/core/series.h \
	src/core/start-time.c src/core/start-time.h \
	src/core/series-global.c src/core/series-private.h \
	src/core/series-leads.c \
	src/core/series-table.c src/core/series-table.h \
	src/core/series-output.c src/core/series-output.h \
	src/core/series-arrhenius.c src/core/series-arrhenius.h
