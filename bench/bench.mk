# bench: `make bench` builds and runs the benchmarks (never part of make check).
# eisfit-gen writes synthetic data with known truth (samples/ were made with it).
noinst_PROGRAMS += eisfit-gen bench-fit bench-import bench-drt bench-series bench-auto
eisfit_gen_SOURCES = bench/gen.c
eisfit_gen_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS)
eisfit_gen_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm
bench_fit_SOURCES = bench/bench-fit.c
bench_fit_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_fit_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

bench_import_SOURCES = bench/bench-import.c
bench_import_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_import_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

bench_drt_SOURCES = bench/bench-drt.c
bench_drt_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_drt_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

bench_auto_SOURCES = bench/bench-auto.c
bench_auto_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_auto_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

bench_series_SOURCES = bench/bench-series.c
bench_series_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_series_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

EXTRA_DIST += bench/bench-convert.sh

bench: bench-fit$(EXEEXT) bench-import$(EXEEXT) bench-drt$(EXEEXT) bench-series$(EXEEXT) bench-auto$(EXEEXT) eisfit$(EXEEXT)
	./bench-fit$(EXEEXT)
	./bench-import$(EXEEXT)
	./bench-drt$(EXEEXT)
	./bench-series$(EXEEXT)
	./bench-auto$(EXEEXT)
	EISFIT=./eisfit$(EXEEXT) top_srcdir=$(top_srcdir) $(SHELL) $(top_srcdir)/bench/bench-convert.sh
.PHONY: bench
