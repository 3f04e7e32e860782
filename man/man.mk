# man pages; their EXAMPLES run as tests (tests/cli/test-man-examples.sh)
dist_man_MANS += man/eisfit.1
