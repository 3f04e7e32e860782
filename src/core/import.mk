# src/core/import: sources of this part of the engine (see core.mk)
core_import_sources =
