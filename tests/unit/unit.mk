# cmocka unit tests; each part of the engine adds its own in its fragment

include tests/unit/circuit.mk
include tests/unit/analysis.mk
include tests/unit/import.mk
include tests/unit/fit.mk
include tests/unit/plot.mk
include tests/unit/series.mk
include tests/unit/project.mk
include tests/unit/series-table.mk
include tests/unit/series-arrhenius.mk
