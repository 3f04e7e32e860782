/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The importers on real instrument exports from ../shared/realdata (see its README.md for
 * vendor, encoding and sign convention of each). Skipped when that folder is absent. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"
#include "import.h"

typedef struct {
  const char *file, *format;
  size_t n_spectra, n_series, n_points;   /* points per spectrum (or series) */
  double f_min, f_max;                    /* Hz, first spectrum */
  double re_lo, im_lo;                    /* Z at the lowest frequency, Ohm, first spectrum */
  double re_hi, im_hi;                    /* Z at the highest frequency */
  size_t n_capacitive;                    /* points with Z'' < 0, first spectrum */
} RealCase;

/* Values read off the files by hand (sign already turned into Z'' where the file has -Im). */
static const RealCase cases[] = {
  { "autolab/exampleDataAutolab.txt", "z60w", 1, 0, 41, 0.1, 10000,
    0.0345698, -0.00390293, 0.013785863964281, 0.007191946305823, 35 },
  { "biologic/PEIS_LPSCl_IonBlocking_-25C.txt", "biologic-mpt", 1, 0, 79, 0.100022, 7.00002e6,
    1.79943e6, -8.09379e6, 359.241, -290.92, 79 },
  { "biologic/PEIS_LPSCl_IonBlocking_-25C.mpr", "biologic-mpr", 1, 0, 79, 0.100022, 7.00002e6,
    1.79943e6, -8.09379e6, 359.241, -290.92, 79 },
  { "biologic/ex1.mpt", "biologic-mpt", 2, 0, 59, 0.0100058, 200019,
    61969.1, -23548.1, 428.906, -372.312, 59 },
  { "biologic/exampleDataBioLogic.mpt", "biologic-mpt", 1, 0, 43, 0.0168955, 1000.32,
    110.97, -2.34586, 65.4709, -0.38999, 39 },
  { "biologic/peis.mpt", "biologic-mpt", 1, 0, 32, 1.00006, 199998,
    18.0243, -2.69625, 10.5123, -0.730477, 26 },
  { "biologic/peis.mpr", "biologic-mpr", 1, 0, 32, 1.00006, 199998,
    18.0243, -2.69625, 10.5123, -0.730477, 26 },
  { "chi/exampleDataCHInstruments.txt", "chi", 1, 0, 73, 0.1, 99610,
    5685, -15860, 98.91, -2.748, 70 },
  { "gamry/20240401_B_GM0016_HL03_E01_EIS.DTA", "gamry-dta", 1, 0, 61, 0.10016, 100078,
    2.36514e8, -7.85436e8, 5801.81, -7726.36, 61 },
  { "gamry/EISPOT_0V_1.DTA", "gamry-dta", 1, 0, 6, 998.264, 10078.13,
    0.0111135, -0.0017133, 0.0105521, 0.0003761, 5 },
  { "gamry/exampleDataGamry.DTA", "gamry-dta", 1, 0, 72, 0.0158898, 200016,
    17007.49, -6635.557, 825.858, -1367.24, 72 },
  { "other/PEIS_LPSCl_IonBlocking_-25C_RelaxIS.txt", "relaxis", 1, 0, 79, 0.100022, 7.00002e6,
    1.79943e6, -8.09379e6, 359.241, -290.92, 79 },
  { "palmsens/PS241105-14_1.csv", "palmsens-csv", 1, 0, 39, 20, 200000,
    10536.2, -410.692, 557.324391995833, -18.1820772013548, 39 },
  { "princeton/exampleDataParstat.txt", "par-text", 1, 1, 31, 10, 10000,
    0.0270946, -0.00399791, -0.00049816280376104, 0.0175143479976367, 21 },
  { "princeton/exampleDataPowersuite.txt", "par-text", 1, 0, 30, 0.1, 2e6,
    423929.46, -49014.063, -470.541, -1397.74, 30 },
  { "princeton/exampleDataVersaStudio.par", "versastudio-par", 1, 0, 61, 0.0215444, 100000,
    1516.31, -122.828, 55.31571, 4.575431, 59 },
  { "scribner/Circuit2_EIS_1.z", "zplot", 1, 0, 56, 1, 300000,
    654.19, 0.64271, 147.77, -11.335, 50 },
  { "zahner/000_mvdc.ism", "zahner-ism", 1, 0, 38, 100, 500000,
    8635.46, -160.246, 0.140102, -91.6766, 38 },
  { "biologic/ca.mpt", "biologic-mpt", 0, 1, 721, 0, 0, 0, 0, 0, 0, 0 },
  { "biologic/ca.mpr", "biologic-mpr", 0, 1, 721, 0, 0, 0, 0, 0, 0, 0 },
  { "gamry/Chronopot_0A.DTA", "gamry-dta", 0, 1, 121, 0, 0, 0, 0, 0, 0, 0 },
};

static char *realdata;

static int
setup (void **state)
{
  (void) state;
  const char *top = getenv ("top_srcdir");
  if (top == NULL)
    top = ".";
  size_t n = strlen (top) + 64;
  realdata = malloc (n);
  snprintf (realdata, n, "%s/../shared/realdata", top);
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  free (realdata);
  return 0;
}

static int
have_realdata (void)
{
  struct stat st;
  return stat (realdata, &st) == 0 && S_ISDIR (st.st_mode);
}

static EisDataFile *
load (const char *file)
{
  char path[4096];
  snprintf (path, sizeof path, "%s/%s", realdata, file);
  EisDataFile *f = NULL;
  EisError err = { 0 };
  int rc = eis_import (path, NULL, &f, &err);
  if (rc != EIS_OK)
    print_error ("%s\n", err.message);
  assert_int_equal (rc, EIS_OK);
  return f;
}

static void
test_real_files (void **state)
{
  (void) state;
  if (!have_realdata ())
    skip ();
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
    {
      const RealCase *c = &cases[k];
      EisDataFile *f = load (c->file);
      if (strcmp (f->format, c->format) != 0)
        print_error ("%s: format %s, expected %s\n", c->file, f->format, c->format);
      assert_string_equal (f->format, c->format);
      assert_int_equal (f->n_spectra, c->n_spectra);
      assert_int_equal (f->n_series, c->n_series);
      if (c->n_spectra)
        {
          for (size_t i = 0; i < f->n_spectra; i++)
            assert_int_equal (f->spectra[i]->n, c->n_points);
          EisSpectrum *s = f->spectra[0];
          size_t last = s->n - 1, neg = 0;
          assert_rel (s->freq_hz[0], c->f_min, 1e-5);
          assert_rel (s->freq_hz[last], c->f_max, 1e-5);
          assert_rel (s->z_re[0], c->re_lo, 1e-5);
          assert_rel (s->z_im[0], c->im_lo, 1e-5);
          assert_rel (s->z_re[last], c->re_hi, 1e-5);
          assert_rel (s->z_im[last], c->im_hi, 1e-5);
          for (size_t j = 0; j < s->n; j++)
            neg += s->z_im[j] < 0;
          assert_int_equal (neg, c->n_capacitive);
        }
      else
        assert_int_equal (f->series[0]->n, c->n_points);
      eis_data_file_free (f);
    }
}

static void
test_real_details (void **state)
{
  (void) state;
  if (!have_realdata ())
    skip ();
  /* the binary and text twins hold the same numbers */
  EisDataFile *a = load ("biologic/peis.mpt"), *b = load ("biologic/peis.mpr");
  for (size_t j = 0; j < a->spectra[0]->n; j++)
    {
      assert_rel (b->spectra[0]->freq_hz[j], a->spectra[0]->freq_hz[j], 1e-6);
      assert_rel (b->spectra[0]->z_im[j], a->spectra[0]->z_im[j], 1e-6);
    }
  eis_data_file_free (a);
  eis_data_file_free (b);

  a = load ("biologic/ca.mpt");
  b = load ("biologic/ca.mpr");
  EisSeries *sa = a->series[0], *sb = b->series[0];
  assert_rel (sa->time_s[0], 108874.2284907824, 1e-12);
  assert_rel (sa->current_a[0], 1.8604061e-5, 1e-7);   /* I/mA in the file */
  assert_rel (sa->voltage_v[0], 0.1464316, 1e-6);
  for (size_t j = 0; j < sa->n; j += 60)
    {
      assert_rel (sb->time_s[j], sa->time_s[j], 1e-12);
      assert_rel (sb->current_a[j], sa->current_a[j], 1e-6);
    }
  assert_rel (a->series[0]->time_s[720] - a->series[0]->time_s[0], 43200, 1e-3);
  eis_data_file_free (a);
  eis_data_file_free (b);

  a = load ("biologic/ex1.mpt");
  assert_int_equal (a->spectra[0]->cycle, 1);
  assert_int_equal (a->spectra[1]->cycle, 2);
  assert_rel (a->spectra[1]->z_re[0], 66802.3, 1e-5);   /* 10 mHz point of cycle 2 */
  assert_string_equal (eis_meta_get (&a->meta, "encoding"), "windows-1252");
  eis_data_file_free (a);

  a = load ("gamry/Chronopot_0A.DTA");
  assert_rel (a->series[0]->voltage_v[0], 1.57964, 1e-6);   /* decimal comma */
  assert_rel (a->series[0]->time_s[120], 120, 1e-9);
  assert_rel (eis_meta_get (&a->meta, "area_cm2") ? atof (eis_meta_get (&a->meta, "area_cm2")) : 0, 25, 1e-12);
  eis_data_file_free (a);

  a = load ("gamry/exampleDataGamry.DTA");
  assert_true (isnan (a->spectra[0]->temperature_k));   /* Temp -327.67: no probe */
  assert_string_equal (eis_meta_get (&a->meta, "instrument"), "REF3000-34128");
  eis_data_file_free (a);

  /* the DC hold of the Parstat file (781 rows with frequency 0) comes as a series */
  a = load ("princeton/exampleDataParstat.txt");
  sa = a->series[0];
  assert_int_equal (sa->n, 781);
  assert_rel (sa->time_s[0], 10, 1e-12);
  assert_rel (sa->current_a[0], -0.149962306022644, 1e-12);
  assert_rel (sa->voltage_v[0], 3.49322700500488, 1e-12);
  eis_data_file_free (a);

  a = load ("palmsens/PS241105-14_1.csv");
  assert_string_equal (eis_meta_get (&a->meta, "encoding"), "utf-16le");
  eis_data_file_free (a);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_real_files),
    cmocka_unit_test (test_real_details),
  };
  return cmocka_run_group_tests_name ("realdata", tests, setup, teardown);
}
