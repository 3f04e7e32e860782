# cmocka tests of the figures (src/plot): rendering to image surfaces and to files, no display.
check_PROGRAMS += test-plot
TESTS += test-plot
test_plot_SOURCES = tests/unit/test-plot.c
test_plot_CFLAGS = $(unit_cflags) $(PLPLOT_CFLAGS) $(CAIRO_CFLAGS)
test_plot_LDADD = libeisplot.la $(unit_libs) $(PLPLOT_LIBS) $(CAIRO_LIBS)
