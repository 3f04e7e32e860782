# CLI tests of the analysis subcommands: kk, arrhenius, transference
TESTS += tests/cli/test-kk.sh tests/cli/test-drt.sh tests/cli/test-drt-errors.sh tests/cli/test-arrhenius.sh tests/cli/test-transference.sh \
	tests/cli/test-transference-roles.sh tests/cli/test-transference-hostile.sh \
	tests/cli/test-arrhenius-intercept.sh tests/cli/test-cell.sh tests/cli/test-asr-area.sh tests/cli/test-transference-project.sh \
	tests/cli/test-transference-inputs.sh tests/cli/test-transference-overlap.sh
EXTRA_DIST += tests/cli/test-kk.sh tests/cli/test-drt.sh tests/cli/test-drt-errors.sh tests/data/drt-two-zarc.csv tests/cli/test-arrhenius.sh tests/cli/test-transference.sh \
	tests/cli/test-transference-roles.sh tests/cli/test-transference-hostile.sh \
	tests/cli/test-arrhenius-intercept.sh tests/cli/test-cell.sh tests/cli/test-asr-area.sh tests/cli/test-transference-project.sh \
	tests/cli/test-transference-inputs.sh tests/cli/test-transference-overlap.sh
# Synthetic Li|electrolyte|Li holds with t+ = 0.62 (tests/data/gen-transference.py)
EXTRA_DIST += tests/data/gen-transference.py tests/data/user-pellet-60C.csv tests/data/user-pellet-80C.csv \
	tests/data/user-li2-before.csv \
	tests/data/li-spike-during-1200.csv tests/data/li-spike-during-2400.csv tests/data/li-multi.csv
TESTS += tests/cli/test-leads.sh tests/cli/test-intercept-total.sh tests/cli/test-arrhenius-r0.sh
EXTRA_DIST += tests/cli/test-leads.sh tests/cli/test-intercept-total.sh tests/cli/test-arrhenius-r0.sh
TESTS += tests/cli/test-hostile-7.sh tests/cli/test-hostile-8.sh tests/cli/test-hostile-9.sh \
  tests/cli/test-hostile-10.sh \
  tests/cli/test-arrhenius-vtf-global.sh
EXTRA_DIST += tests/cli/test-hostile-7.sh tests/cli/test-hostile-8.sh tests/cli/test-hostile-9.sh \
  tests/cli/test-hostile-10.sh \
  tests/cli/test-arrhenius-vtf-global.sh
# heating and cooling with a hysteresis: the global law's misfit, the branches, the leads test
# (tester 8's F5, F6, F8, D)
TESTS += tests/cli/test-arrhenius-hysteresis.sh
EXTRA_DIST += tests/cli/test-arrhenius-hysteresis.sh tests/data/gen-hysteresis.py \
  tests/data/hysteresis/heat-m20C.csv tests/data/hysteresis/heat-0C.csv \
  tests/data/hysteresis/heat-20C.csv tests/data/hysteresis/heat-40C.csv \
  tests/data/hysteresis/cool-40C.csv tests/data/hysteresis/cool-20C.csv \
  tests/data/hysteresis/cool-0C.csv tests/data/hysteresis/cool-m20C.csv
