# cmocka tests of the circuit elements and the circuit language (src/core/element.c,
# circuit.c, circuit-parse.c)
check_PROGRAMS += test-element test-circuit
TESTS += test-element test-circuit
test_element_SOURCES = tests/unit/test-element.c
test_element_CFLAGS = $(unit_cflags)
test_element_LDADD = $(unit_libs)
test_circuit_SOURCES = tests/unit/test-circuit.c
test_circuit_CFLAGS = $(unit_cflags)
test_circuit_LDADD = $(unit_libs)
