# bench: `make bench` builds and runs the benchmarks (never part of make check).
# eisfit-gen writes synthetic data with known truth (samples/ were made with it).
noinst_PROGRAMS += eisfit-gen bench-fit bench-import bench-drt bench-series bench-given bench-kk \
	bench-auto
eisfit_gen_SOURCES = bench/gen.c
eisfit_gen_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS)
eisfit_gen_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm
bench_fit_SOURCES = bench/bench-fit.c
bench_fit_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_fit_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

bench_given_SOURCES = bench/bench-given.c
bench_given_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_given_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

bench_kk_SOURCES = bench/bench-kk.c
bench_kk_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -O2
bench_kk_LDADD = libeiscore.la $(GSL_LIBS) $(CSV_LIBS) -lm

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

EXTRA_DIST += bench/README.md bench/bench-convert.sh bench/bench-scale.sh bench/run.sh bench/baseline.sh

# The version `make bench` compares with (bench/run.sh; "none" for this build only): the
# commit before the speed work of issue 11. `make bench BASELINE=<rev>` picks another.
BASELINE = 8f052be

bench: bench-fit$(EXEEXT) bench-import$(EXEEXT) bench-drt$(EXEEXT) bench-series$(EXEEXT) \
       bench-given$(EXEEXT) bench-kk$(EXEEXT) bench-auto$(EXEEXT) eisfit$(EXEEXT)
	top_srcdir=$(top_srcdir) BASELINE=$(BASELINE) CC="$(CC)" GSL_CFLAGS="$(GSL_CFLAGS)" \
	  GSL_LIBS="$(GSL_LIBS)" CSV_LIBS="$(CSV_LIBS)" EXEEXT=$(EXEEXT) \
	  $(SHELL) $(top_srcdir)/bench/run.sh
	EISFIT=./eisfit$(EXEEXT) $(SHELL) $(top_srcdir)/bench/bench-scale.sh

# Only the million-spectrum conversion and fit (BENCH_SPECTRA=N for another size), beside the
# eisfit of SCALE_BASELINE (the version before the streaming import; "none": this build only).
SCALE_BASELINE = b39a806
bench-scale: eisfit$(EXEEXT)
	@if [ "$(SCALE_BASELINE)" != none ] && top_srcdir=$(top_srcdir) \
	    $(SHELL) $(top_srcdir)/bench/baseline.sh $(SCALE_BASELINE) bench-baseline-scale; then \
	  base=bench-baseline-scale/src/build/eisfit$(EXEEXT); else base=; fi; \
	EISFIT=./eisfit$(EXEEXT) BASE_EISFIT=$$base $(SHELL) $(top_srcdir)/bench/bench-scale.sh
.PHONY: bench bench-scale
