# src/core/analysis: sources of this part of the engine (see core.mk)
core_analysis_sources =
