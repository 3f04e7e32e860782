# src/core/fit: sources of this part of the engine (see core.mk)
core_fit_sources =
