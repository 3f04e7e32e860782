/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Temperatures read from file names: the forms labs use, and the digits that are not
 * temperatures (dates, run numbers, polymer molecular weights). */
#include "testutil.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include "eis-error.h"
#include "temperature.h"
#include "units.h"

static void
expect (const char *name, double T_K)
{
  double T = -1;
  int rc = eis_temperature_from_name (name, &T);
  if (rc != EIS_OK)
    print_error ("%s: status %d\n", name, rc);
  assert_int_equal (rc, EIS_OK);
  assert_rel (T, T_K, 1e-12);
}

static void
expect_status (const char *name, int status)
{
  double T = 123.456;
  int rc = eis_temperature_from_name (name, &T);
  if (rc != status)
    print_error ("%s: status %d (T = %g)\n", name, rc, T);
  assert_int_equal (rc, status);
  assert_rel (T, 123.456, 0);   /* left alone */
}

static void
test_forms (void **state)
{
  (void) state;
  expect ("T25C.mpt", 298.15);
  expect ("25C.csv", 298.15);
  expect ("pellet_25degC.txt", 298.15);
  expect ("pellet_25\xc2\xb0" "C.txt", 298.15);     /* 25°C */
  expect ("pellet_25\xe2\x84\x83.txt", 298.15);     /* 25℃ */
  expect ("LLZO_298K.z", 298.0);
  expect ("run_-20C.csv", 253.15);
  expect ("run_m20C.csv", 253.15);
  expect ("T-20C.csv", 253.15);
  expect ("Tm20C.csv", 253.15);
  expect ("gel_25.5C_eis.csv", 298.65);
  expect ("s_25,5C.csv", 298.65);      /* a decimal comma: 25.5 degC, not 5 degC */
  expect ("s_40,0C.csv", 313.15);
  expect ("s_-12,5C.csv", 260.65);
  expect ("t60C", 333.15);
  expect ("60C", 333.15);
  expect ("x_80 \xc2\xb0" "C.csv", 353.15);         /* a blank before °C */
  expect ("x_-20 \xe2\x84\x83.csv", 253.15);       /* before ℃ */
  expect ("x_25 degC.csv", 298.15);
}

static void
test_real_names (void **state)
{
  (void) state;
  expect ("PEIS_LPSCl_IonBlocking_-25C", 248.15);
  expect ("/data/2024-03-05/cell3_60C_run2.csv", 333.15);
  expect ("20240305_MOF688_T80C_02.mpr", 353.15);
  expect ("C:\\lab\\uio66\\sample 12 (40C).dta", 313.15);
  expect ("PEO100K_LiTFSI_70C.csv", 343.15);   /* 100K is a molecular weight */
  expect ("sample-25C.csv", 298.15);           /* '-' after a letter separates */
  expect ("T25C_298.15K.csv", 298.15);         /* two that agree */
}

static void
test_not_found (void **state)
{
  (void) state;
  expect_status ("cell3_run2.csv", EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("2024-03-05_14-22.mpt", EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("Li6PS5Cl_pellet.csv", EIS_TEMPERATURE_NOT_FOUND);  /* 5Cl is chlorine */
  expect_status ("PEO100K_LiTFSI.csv", EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("25Cycles.csv", EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("v1.25C.csv", EIS_TEMPERATURE_NOT_FOUND);            /* part of a number */
  expect_status ("v1,25,5C.csv", EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("run_-20K.csv", EIS_TEMPERATURE_NOT_FOUND);          /* below 0 K */
  expect_status ("run_-300C.csv", EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("60C/cell.csv", EIS_TEMPERATURE_NOT_FOUND);          /* directories ignored */
  expect_status ("", EIS_TEMPERATURE_NOT_FOUND);
  expect_status (NULL, EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("cell_25C_60C.csv", EIS_TEMPERATURE_AMBIGUOUS);
  expect_status ("run 3 Cu.csv", EIS_TEMPERATURE_NOT_FOUND);          /* not a bare C or K */
  expect_status ("cell 2 K.csv", EIS_TEMPERATURE_NOT_FOUND);
  expect_status ("x_80  \xc2\xb0" "C.csv", EIS_TEMPERATURE_NOT_FOUND); /* one blank only */
}

/* Lengths and areas as a user types them (eisfit --thickness, eisfit-gtk's geometry). */
static void
test_units (void **state)
{
  (void) state;
  double v = 0, se = -1;
  assert_int_equal (eis_parse_length_cm ("0.6mm", &v, &se), 0);
  assert_abs (v, 0.06, 1e-15);
  assert_abs (se, 0.0, 0.0);
  assert_int_equal (eis_parse_length_cm ("600 um +- 10um", &v, &se), 0);
  assert_abs (v, 0.06, 1e-15);
  assert_abs (se, 0.001, 1e-15);
  assert_int_equal (eis_parse_length_cm ("6e-4m", &v, NULL), 0);
  assert_abs (v, 0.06, 1e-15);
  assert_int_equal (eis_parse_length_cm ("0.06", &v, NULL), 0);   /* bare: cm */
  assert_abs (v, 0.06, 1e-15);
  assert_int_equal (eis_parse_area_cm2 ("78.5mm2\xc2\xb1" "0.5mm2", &v, &se), 0);
  assert_abs (v, 0.785, 1e-14);
  assert_abs (se, 0.005, 1e-15);
  assert_int_equal (eis_parse_area_cm2 ("1m^2", &v, NULL), 0);
  assert_abs (v, 1e4, 1e-9);
  /* refused: no number, not above 0, inf, beyond 10 km, an uncertainty above the value, junk */
  assert_int_equal (eis_parse_length_cm ("mm", &v, NULL), -1);
  assert_int_equal (eis_parse_length_cm ("0mm", &v, NULL), -1);
  assert_int_equal (eis_parse_length_cm ("-1mm", &v, NULL), -1);
  assert_int_equal (eis_parse_length_cm ("1e308m", &v, NULL), -1);
  assert_int_equal (eis_parse_length_cm ("2e6", &v, NULL), -1);
  assert_int_equal (eis_parse_length_cm ("1mm+-2mm", &v, NULL), -1);
  assert_int_equal (eis_parse_length_cm ("1mm+-1e308m", &v, NULL), -1);
  assert_int_equal (eis_parse_length_cm ("1mm x", &v, NULL), -1);
  /* below 1 nm (1 nm2): a unit slip, -2, for the options, projects and manifests alike */
  assert_int_equal (eis_parse_length_cm ("1e-12m", &v, NULL), -2);
  assert_abs (v, 1e-10, 1e-24);
  assert_int_equal (eis_parse_length_cm ("0.999nm", &v, NULL), -2);
  assert_int_equal (eis_parse_length_cm ("1nm", &v, NULL), 0);
  assert_int_equal (eis_parse_area_cm2 ("1e-19m2", &v, NULL), -2);
  assert_int_equal (eis_parse_area_cm2 ("2e-14", &v, NULL), 0);
  /* the unit on one side of the uncertainty only: "10+-0.1mm" was read as a 10 cm diameter
   * (area 78.54 cm2, 100x); refused both ways round, for lengths, areas and resistances */
  assert_int_equal (eis_parse_length_cm ("10+-0.1mm", &v, &se), EIS_PARSE_UNIT_ONE_SIDE);
  assert_int_equal (eis_parse_length_cm ("0.6+-0.01mm", &v, &se), EIS_PARSE_UNIT_ONE_SIDE);
  assert_int_equal (eis_parse_length_cm ("0.6mm+-0.01", &v, &se), EIS_PARSE_UNIT_ONE_SIDE);
  assert_int_equal (eis_parse_area_cm2 ("78.5+-0.5mm2", &v, &se), EIS_PARSE_UNIT_ONE_SIDE);
  assert_int_equal (eis_parse_resistance_ohm ("800+-50mohm", &v, &se), EIS_PARSE_UNIT_ONE_SIDE);
  /* a bare side whose unit is the other side's anyway, and two different units, are fine */
  assert_int_equal (eis_parse_length_cm ("0.06+-0.001cm", &v, &se), 0);
  assert_abs (se, 0.001, 1e-15);
  assert_int_equal (eis_parse_length_cm ("1cm+-0.1mm", &v, &se), 0);
  assert_abs (v, 1.0, 1e-15);
  assert_abs (se, 0.01, 1e-15);
  assert_int_equal (eis_parse_resistance_ohm ("0.8+-0.05ohm", &v, &se), 0);
  assert_abs (v, 0.8, 1e-15);
  EisError err = { 0 };
  assert_int_equal (eis_parse_geometry_value ("diameter", "10+-0.1mm", &v, &se, &err),
                    EIS_ERR_PARSE);
  assert_non_null (strstr (err.message, "write the unit on both, e.g. 10mm+-0.1mm"));
}

/* The geometry as typed, with the message eisfit and eisfit-gtk give (a unit slip below 1 nm
 * named as such, not "expected a length"). */
static void
test_geometry_messages (void **state)
{
  (void) state;
  double v = 0, se = -1;
  EisError err = { 0 };
  assert_int_equal (eis_parse_geometry_value ("thickness", "0.523mm+-0.002mm", &v, &se, &err), 0);
  assert_abs (v, 0.0523, 1e-15);
  assert_abs (se, 0.0002, 1e-15);
  assert_int_equal (eis_parse_geometry_value ("thickness", "1e-9mm", &v, NULL, &err), EIS_ERR_PARSE);
  assert_string_equal (err.message, "thickness \"1e-9mm\" is thinner than 1 nm: no sample is "
                                    "(a unit slip?)");
  assert_int_equal (eis_parse_geometry_value ("diameter", "0.5nm", &v, NULL, &err), EIS_ERR_PARSE);
  assert_string_equal (err.message, "diameter \"0.5nm\" is smaller than 1 nm: no electrode is "
                                    "(a unit slip?)");
  assert_int_equal (eis_parse_geometry_value ("area", "1e-16cm2", &v, NULL, &err), EIS_ERR_PARSE);
  assert_string_equal (err.message, "area \"1e-16cm2\" is smaller than 1 nm2: no electrode is "
                                    "(a unit slip?)");
  assert_int_equal (eis_parse_geometry_value ("thickness", "0.6 mmm", &v, NULL, &err), EIS_ERR_PARSE);
  assert_string_equal (err.message, "thickness \"0.6 mmm\": expected a length such as 0.6mm, "
                                    "600um or 0.06cm");
  assert_int_equal (eis_parse_geometry_value ("area", "-1cm2", &v, NULL, &err), EIS_ERR_PARSE);
  assert_string_equal (err.message, "area \"-1cm2\": expected an area such as 0.785cm2 or "
                                    "78.5mm2");
}

/* The metadata's temperature wins over the file name's; neither: NAN and the name's status. */
static void
test_spectrum_temperature (void **state)
{
  (void) state;
  EisSpectrum *s = eis_spectrum_new (2);
  const char *from = NULL;
  int st = 99;
  s->temperature_k = NAN;
  assert_abs (eis_spectrum_temperature (s, "pellet_60C.csv", &from, &st), 333.15,
                       1e-9);
  assert_string_equal (from, "file name");
  assert_int_equal (st, EIS_OK);
  assert_true (isnan (eis_spectrum_temperature (s, "pellet.csv", &from, &st)));
  assert_string_equal (from, "");
  assert_int_equal (st, EIS_TEMPERATURE_NOT_FOUND);
  s->temperature_k = 300.0;
  assert_abs (eis_spectrum_temperature (s, "pellet_60C.csv", &from, NULL), 300.0, 0);
  assert_string_equal (from, "metadata");
  eis_spectrum_free (s);
}

/* What a user types in eisfit-gtk's temperature fields, including the text the fields show
 * themselves ("25 °C"): each reads to the stated kelvin, or is refused. */
static void
test_typed (void **state)
{
  (void) state;
  static const struct { const char *text; double T_K; } ok[] = {
    { "25", 298.15 }, { "25 °C", 298.15 }, { "25°C", 298.15 }, { " 25C ", 298.15 },
    { "-20", 253.15 }, { "-20 °C", 253.15 }, { "m20C", 253.15 }, { "298.15K", 298.15 },
    { "298.15 K", 298.15 }, { "60.5 degC", 333.65 }, { "1e2", 373.15 },
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    {
      double T = -1;
      int rc = eis_temperature_parse (ok[i].text, &T);
      if (rc != EIS_OK)
        print_error ("\"%s\": status %d\n", ok[i].text, rc);
      assert_int_equal (rc, EIS_OK);
      assert_rel (T, ok[i].T_K, 1e-12);
    }
  static const char *const blank[] = { "", "   ", NULL };
  for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
    {
      double T = 1;
      assert_int_equal (eis_temperature_parse (blank[i], &T), EIS_OK);
      assert_true (isnan (T));
    }
  static const char *const bad[] = { "warm", "25 F", "-300", "-300C", "0K", "nan", "inf",
                                     "1e400", "25C60C", "25,5", "2 5x" };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      double T = 1;
      int rc = eis_temperature_parse (bad[i], &T);
      if (rc != EIS_ERR_PARSE)
        print_error ("\"%s\": status %d, T %g\n", bad[i], rc, T);
      assert_int_equal (rc, EIS_ERR_PARSE);
      assert_true (isnan (T));
    }
}

/* A value and its error to the same decimal place, the error to 2 significant digits (the
 * Transference page showed I0 as "10 +- 0.0025 uA"). */
static void
test_format_value_se (void **state)
{
  (void) state;
  char b[64];
  static const struct { double v, se; const char *want; } c[] = {
    { 10.0, 0.0025, "10.0000 +- 0.0025" },
    { 352.637, 1.234, "352.6 +- 1.2" },
    { 12345.0, 234.0, "12350 +- 230" },
    { 0.86163, 0.00827, "0.8616 +- 0.0083" },
    { 2.387, 0.0996, "2.39 +- 0.10" },      /* 0.0996 rounds to 0.10: one decimal less */
    { 1.0e-5, 2.5e-9, "1.00000e-05 +- 2.5e-09" },
    { 1.0e-5, 2.5e-12, "1.00000000e-05 +- 2.5e-12" },
    { 2.5e7, 3.1e4, "2.5000e+07 +- 3.1e+04" },
    { 4.2, 0, "4.2" },
    { 4.2, NAN, "4.2" },
    { NAN, 0.1, "-" },
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
    {
      eis_format_value_se (b, sizeof b, c[i].v, c[i].se, "+-");
      if (strcmp (b, c[i].want) != 0)
        fail_msg ("%g +- %g: \"%s\", want \"%s\"", c[i].v, c[i].se, b, c[i].want);
    }
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_forms),
    cmocka_unit_test (test_real_names),
    cmocka_unit_test (test_not_found),
    cmocka_unit_test (test_units),
    cmocka_unit_test (test_geometry_messages),
    cmocka_unit_test (test_spectrum_temperature),
    cmocka_unit_test (test_typed),
    cmocka_unit_test (test_format_value_se),
  };
  return cmocka_run_group_tests_name ("temperature", tests, NULL, NULL);
}
