# src/core/analysis: sources of this part of the engine (see core.mk)
core_analysis_sources = \
	src/core/kk.c src/core/kk.h \
	src/core/drt.c src/core/drt.h \
	src/core/arrhenius.c src/core/arrhenius.h \
	src/core/transference.c src/core/transference.h src/core/transference-text.c \
	src/core/transference-circuit.c \
	src/core/temperature.c src/core/temperature.h \
	src/core/units.c src/core/units.h \
	src/core/c-number.c src/core/c-number.h \
	src/core/plausible.c src/core/plausible.h \
	src/core/sample-group.c src/core/sample-group.h
