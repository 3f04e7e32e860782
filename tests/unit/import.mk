# Unit tests of the importers (tests/unit/test-import.c: the import layer, the generic reader
# and every vendor format on small files of ours; tests/unit/test-realdata.c: real instrument
# exports from ../shared/realdata, skipped when that folder is absent; tests/unit/test-number.c:
# the number reader against strtod).
check_PROGRAMS += test-import test-realdata test-number test-locale
TESTS += test-import test-realdata test-number test-locale
test_import_SOURCES = tests/unit/test-import.c
test_import_CFLAGS = $(unit_cflags)
test_import_LDADD = $(unit_libs)
test_number_SOURCES = tests/unit/test-number.c
test_number_CFLAGS = $(unit_cflags)
test_number_LDADD = $(unit_libs)
# the engine's numbers under a comma-decimal locale (de_DE, made with localedef when missing)
test_locale_SOURCES = tests/unit/test-locale.c
test_locale_CFLAGS = $(unit_cflags)
test_locale_LDADD = $(unit_libs)
test_realdata_SOURCES = tests/unit/test-realdata.c
test_realdata_CFLAGS = $(unit_cflags)
test_realdata_LDADD = $(unit_libs)
EXTRA_DIST += \
	tests/data/generic-semicolon.csv \
	tests/data/generic-tab-crcrlf.txt \
	tests/data/biologic-peis.mpt \
	tests/data/biologic-peis.mpr \
	tests/data/biologic-ca.mpt \
	tests/data/gamry-eis.DTA \
	tests/data/gamry-chronoa.DTA tests/data/gamry-sweep.DTA \
	tests/data/zplot.z \
	tests/data/z60w.txt \
	tests/data/zplotw.z \
	tests/data/ivium.idf \
	tests/data/ivium.ids \
	tests/data/p00.P00 \
	tests/data/autolab.dfr \
	tests/data/workbook.xlsx \
	tests/data/workbook.ods \
	tests/data/workbook.fods \
	tests/data/make-workbooks.py \
	tests/data/chi.txt \
	tests/data/par-parstat.txt \
	tests/data/par-powersuite.txt \
	tests/data/versastudio.par \
	tests/data/palmsens.csv \
	tests/data/palmsens.pssession \
	tests/data/palmsens-ca.csv \
	tests/data/ivium.txt \
	tests/data/ivium-ca.txt \
	tests/data/autolab-nova.txt \
	tests/data/autolab-ca.txt \
	tests/data/relaxis.txt \
	tests/data/zahner.ism
