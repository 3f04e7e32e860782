# CLI tests of eisfit --project
TESTS += tests/cli/test-project.sh tests/cli/test-project-saved.sh tests/cli/test-project-bad.sh \
	tests/cli/test-project-leads.sh
EXTRA_DIST += tests/cli/test-project.sh tests/cli/test-project-saved.sh tests/cli/test-project-bad.sh \
	tests/cli/test-project-leads.sh
# hostile input, sixth round (a): inputs named by a project or manifest, saved values, options
TESTS += tests/cli/test-hostile-6a.sh
EXTRA_DIST += tests/cli/test-hostile-6a.sh
TESTS += tests/cli/test-project-stderr.sh
EXTRA_DIST += tests/cli/test-project-stderr.sh tests/data/project-pellet-saved.eisfit
# decimal numbers only in manifests and projects; a manifest or project naming itself, a folder
# or a FIFO
TESTS += tests/cli/test-strict-numbers.sh
EXTRA_DIST += tests/cli/test-strict-numbers.sh
