# src/core/circuit: sources of this part of the engine (see core.mk)
core_circuit_sources = \
	src/core/element.c src/core/element-private.h \
	src/core/circuit.c src/core/circuit-private.h \
	src/core/circuit-parse.c src/core/circuit-inline.c
