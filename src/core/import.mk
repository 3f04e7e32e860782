# src/core/import: sources of this part of the engine (see core.mk)
core_import_sources = src/core/import.c src/core/import-text.c src/core/import-csv.c src/core/import-private.h
