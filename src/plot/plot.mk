# src/plot: figures drawn with PLplot on cairo targets (files now, the GUI's drawing area later).
# A convenience library linked by eisfit and eisfit-gtk; of the core it uses EisError only.
noinst_LTLIBRARIES += libeisplot.la
libeisplot_la_CFLAGS = $(AM_CFLAGS) $(PLPLOT_CFLAGS) $(CAIRO_CFLAGS)
libeisplot_la_LIBADD = $(PLPLOT_LIBS) $(CAIRO_LIBS) -lm
plot_sources = \
	src/plot/plot.h src/plot/plot-private.h \
	src/plot/plot-common.c \
	src/plot/plot-nyquist.c \
	src/plot/plot-bode.c \
	src/plot/plot-residuals.c \
	src/plot/plot-report.c \
	src/plot/plot-arrhenius.c \
	src/plot/plot-transference.c \
	src/plot/plot-kk.c \
	src/plot/plot-drt.c \
	src/plot/plot-series.c \
	src/plot/plot-file.c \
	src/plot/plot-data.c
libeisplot_la_SOURCES = $(plot_sources)
