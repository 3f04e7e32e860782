# src/cli: eisfit, the headless program.
bin_PROGRAMS += eisfit
eisfit_SOURCES = src/cli/main.c src/cli/cli-util.c src/cli/cli-util.h src/cli/commands.h \
	src/cli/fit-args.c src/cli/fit-args.h src/cli/report.c src/cli/report.h src/cli/cmd-fit.c \
	$(cli_cmd_sources)
cli_cmd_sources = src/cli/series-input.c src/cli/series-input.h src/cli/project-input.c src/cli/project-input.h src/cli/cmd-series.c \
	src/cli/cmd-kk.c src/cli/cmd-drt.c src/cli/cmd-arrhenius.c src/cli/cmd-transference.c src/cli/cmd-info.c src/cli/cmd-convert.c
eisfit_SOURCES += src/cli/plot-loader.c src/plot/plot-data.c
eisfit_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) $(PLPLOT_CFLAGS) $(CAIRO_CFLAGS) \
	-DEISFIT_PKGLIBDIR='"$(pkglibdir)"'
# PLplot and cairo are not linked: figures come from eisfit-plot.so, opened when one is drawn
# (plot-loader.c); the core functions it calls are exported from eisfit by eisfit.dynlist.
eisfit_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) $(DL_LIBS) -lm
eisfit_LDFLAGS = $(AM_LDFLAGS) -Wl,--dynamic-list=$(srcdir)/src/cli/eisfit.dynlist
EXTRA_eisfit_DEPENDENCIES = src/cli/eisfit.dynlist
EXTRA_DIST += src/cli/eisfit.dynlist

# The figures: src/plot as a shared object of its own with PLplot and cairo: an automake
# program linked by the compiler with -shared, not through libtool, which builds no shared
# libraries here (LT_INIT disable-shared). Its own symbols bind to itself; EisError and
# output-file.h come from eisfit.
plotmoduledir = $(pkglibdir)
plotmodule_PROGRAMS = eisfit-plot.so
eisfit_plot_so_SOURCES = $(plot_sources)
eisfit_plot_so_CFLAGS = $(AM_CFLAGS) -fPIC $(GSL_CFLAGS) $(PLPLOT_CFLAGS) $(CAIRO_CFLAGS)
eisfit_plot_so_LDFLAGS = $(AM_LDFLAGS) -shared -Wl,-Bsymbolic
eisfit_plot_so_LDADD = $(PLPLOT_LIBS) $(CAIRO_LIBS) -lm
eisfit_plot_so_LINK = $(CCLD) $(eisfit_plot_so_CFLAGS) $(CFLAGS) $(eisfit_plot_so_LDFLAGS) $(LDFLAGS) -o $@
