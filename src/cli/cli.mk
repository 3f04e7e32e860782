# src/cli: eisfit, the headless program.
bin_PROGRAMS += eisfit
eisfit_SOURCES = src/cli/main.c src/cli/cli-util.c src/cli/cli-util.h $(cli_cmd_sources)
cli_cmd_sources =
eisfit_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) $(PLPLOT_CFLAGS)
eisfit_LDADD = libeiscore.la $(PLPLOT_LIBS) $(GSL_LIBS) $(CSV_LIBS) -lm
