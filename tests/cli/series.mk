# CLI tests of eisfit series and eisfit arrhenius --global
TESTS += tests/cli/test-series.sh
EXTRA_DIST += tests/cli/test-series.sh
TESTS += tests/cli/test-series-sharing.sh tests/cli/test-series-nested.sh
EXTRA_DIST += tests/cli/test-series-nested.sh
TESTS += tests/cli/test-series-leads.sh tests/cli/test-series-time.sh tests/cli/test-series-close-arcs.sh
EXTRA_DIST += tests/cli/test-series-close-arcs.sh
EXTRA_DIST += tests/cli/test-series-time.sh
EXTRA_DIST += tests/cli/test-series-leads.sh tests/data/series-leads/gen.sh \
	tests/data/series-leads/leads-m20C.csv tests/data/series-leads/leads-0C.csv tests/data/series-leads/leads-20C.csv \
	tests/data/series-leads/leads-40C.csv tests/data/series-leads/leads-60C.csv tests/data/series-leads/leads-80C.csv \
	tests/data/series-leads/noleads-m20C.csv tests/data/series-leads/noleads-0C.csv tests/data/series-leads/noleads-20C.csv \
	tests/data/series-leads/noleads-40C.csv tests/data/series-leads/noleads-60C.csv tests/data/series-leads/noleads-80C.csv
EXTRA_DIST += tests/cli/test-series-sharing.sh tests/data/series-sharing/gen.py \
	tests/data/series-sharing/truth-qconst.txt tests/data/series-sharing/truth-ceff.txt \
	tests/data/series-sharing/qconst-m20C.csv tests/data/series-sharing/qconst-0C.csv \
	tests/data/series-sharing/qconst-20C.csv tests/data/series-sharing/qconst-40C.csv \
	tests/data/series-sharing/qconst-60C.csv tests/data/series-sharing/qconst-80C.csv \
	tests/data/series-sharing/ceff-m20C.csv tests/data/series-sharing/ceff-0C.csv \
	tests/data/series-sharing/ceff-20C.csv tests/data/series-sharing/ceff-40C.csv \
	tests/data/series-sharing/ceff-60C.csv tests/data/series-sharing/ceff-80C.csv
TESTS += tests/cli/test-series-separation.sh
EXTRA_DIST += tests/cli/test-series-separation.sh
# a file's metadata temperature against its name's
TESTS += tests/cli/test-temperature-metadata.sh
EXTRA_DIST += tests/cli/test-temperature-metadata.sh
TESTS += tests/cli/test-series-user6.sh tests/cli/test-series-start-time.sh
EXTRA_DIST += tests/cli/test-series-start-time.sh
EXTRA_DIST += tests/cli/test-series-user6.sh
TESTS += tests/cli/test-series-user7.sh
EXTRA_DIST += tests/cli/test-series-user7.sh
TESTS += tests/cli/test-series-gel.sh
EXTRA_DIST += tests/cli/test-series-gel.sh
TESTS += tests/cli/test-series-user7-7mhz.sh
EXTRA_DIST += tests/cli/test-series-user7-7mhz.sh
EXTRA_DIST += tests/data/user7-p7/pelletP7_m30C.csv tests/data/user7-p7/pelletP7_m10C.csv \
	tests/data/user7-p7/pelletP7_10C.csv tests/data/user7-p7/pelletP7_30C.csv \
	tests/data/user7-p7/pelletP7_50C.csv tests/data/user7-p7/pelletP7_70C.csv \
	tests/data/user7-p7/pelletP7_90C.csv
# hostile test 8: each file's start time by its own format's convention; projects and inputs
TESTS += tests/cli/test-start-time-conventions.sh tests/cli/test-hostile8-inputs.sh
EXTRA_DIST += tests/cli/test-start-time-conventions.sh tests/cli/test-hostile8-inputs.sh \
  tests/data/hostile8-pellets.eisfit
# a Li|garnet|Li cell cycled: three arcs, the bulk above the top (user test 8, F2-F4)
TESTS += tests/cli/test-li-garnet-cycling.sh
EXTRA_DIST += tests/cli/test-li-garnet-cycling.sh
