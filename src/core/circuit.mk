# src/core/circuit: sources of this part of the engine (see core.mk)
core_circuit_sources =
