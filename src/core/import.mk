# src/core/import: sources of this part of the engine (see core.mk)
core_import_sources = src/core/import.c src/core/import-text.c src/core/import-source.c src/core/import-csv.c \
	src/core/import-private.h src/core/import-biologic.c src/core/import-biologic-mpr.c src/core/import-gamry.c \
	src/core/import-zplot.c src/core/import-chi.c src/core/import-par.c \
	src/core/import-palmsens.c src/core/import-autolab.c src/core/import-zahner.c \
	src/core/import-json.c src/core/import-pssession.c src/core/import-ivium.c \
	src/core/import-p00.c src/core/import-dfr.c src/core/import-sheet.c
