# src/cli: eisfit, the headless program.
bin_PROGRAMS += eisfit
eisfit_SOURCES = src/cli/main.c src/cli/cli-util.c src/cli/cli-util.h src/cli/commands.h \
	src/cli/fit-args.c src/cli/fit-args.h src/cli/report.c src/cli/report.h src/cli/cmd-fit.c \
	$(cli_cmd_sources)
cli_cmd_sources = src/cli/series-input.c src/cli/series-input.h src/cli/project-input.c src/cli/project-input.h src/cli/cmd-series.c \
	src/cli/cmd-kk.c src/cli/cmd-drt.c src/cli/cmd-arrhenius.c src/cli/cmd-transference.c src/cli/cmd-info.c src/cli/cmd-convert.c
eisfit_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) $(PLPLOT_CFLAGS) $(CAIRO_CFLAGS)
eisfit_LDADD = libeisplot.la libeiscore.la $(CAIRO_LIBS) $(PLPLOT_LIBS) $(GSL_LIBS) $(CSV_LIBS) -lm
