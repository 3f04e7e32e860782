/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which spectra belong together: a file name's sample stem, and the notice of one sample's
 * spectra given different circuits by the automatic choice (spectra of other samples, a pellet
 * and a Li|Li cell, are not compared). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "sample-group.h"

static void
expect_stem (const char *path, const char *want)
{
  char got[64];
  eis_sample_stem (path, got, sizeof got);
  if (strcmp (got, want) != 0)
    fail_msg ("%s: stem \"%s\", want \"%s\"", path, got, want);
}

static void
test_stem (void **state)
{
  (void) state;
  expect_stem ("samples/pellet-m20C.csv", "pellet");
  expect_stem ("samples/pellet-25C.csv", "pellet");
  expect_stem ("li-before.csv", "li");
  expect_stem ("li-polarization.csv", "li");
  expect_stem ("li-spike-after.csv", "li-spike");
  expect_stem ("LLZO_T25C_run.mpt", "LLZO-run");
  expect_stem ("/data/2024-03-05/cell3_60C.csv", "cell3");
  expect_stem ("cell3_pre-polarisation.mpr", "cell3");
  expect_stem ("x_-20\xe2\x84\x83.csv", "x");     /* -20 ℃ */
  expect_stem ("gel_25.5C_eis.csv", "gel");
  expect_stem ("Li6PS5Cl_pellet.csv", "Li6PS5Cl-pellet");   /* not a temperature */
  expect_stem ("PEO100K_LiTFSI_70C.csv", "PEO100K-LiTFSI");
  expect_stem ("25C.csv", "");
  expect_stem ("cell3_02_CA_C01.mpr", "cell3");
  expect_stem ("cell3_01_PEIS_C01.mpr", "cell3");
  expect_stem ("Cu_foil.csv", "Cu-foil");
  expect_stem ("", "");
  /* cut to the room given, never past it */
  char small[6];
  eis_sample_stem ("abcd-efgh-25C.csv", small, sizeof small);
  assert_string_equal (small, "abcd");
  assert_true (eis_sample_same ("d/pellet-0C.csv", "d/PELLET-80C.csv"));
  assert_false (eis_sample_same ("d/pellet-0C.csv", "e/pellet-80C.csv"));
  assert_false (eis_sample_same ("d/pellet-0C.csv", "d/li-before.csv"));
  assert_true (eis_sample_same ("li-before.csv", "li-after.csv"));
  assert_false (eis_sample_same ("li-before.csv", "li-spike-after.csv"));
}

#define P1 "p(R1,C1)-p(R2,CPE2)-CPE3"
#define P2 "R0-p(R1,CPE1)-CPE2"

static void
test_pellets_and_li_cells (void **state)
{
  (void) state;
  /* the samples: six pellets of one circuit, four Li|Li spectra of another: nothing to say */
  const EisAutoChoice v[] = {
    { "samples/pellet-0C.csv", NULL, NULL, P1 },   { "samples/pellet-25C.csv", NULL, NULL, P1 },
    { "samples/li-after.csv", NULL, NULL, P2 },    { "samples/li-before.csv", NULL, NULL, P2 },
    { "samples/li-spike-after.csv", "", "", P2 }, { "samples/li-spike-before.csv", "", "", P2 },
    { "samples/pellet-m20C.csv", NULL, NULL, P1 },
  };
  assert_null (eis_mixed_circuits_text (v, 7, "x"));
  assert_null (eis_mixed_circuits_text (v, 1, "x"));
  assert_null (eis_mixed_circuits_text (v, 0, "x"));
}

static void
test_one_sample_mixed (void **state)
{
  (void) state;
  const EisAutoChoice v[] = {
    { "d/cellA-25C.csv", NULL, NULL, P1 }, { "d/pellet-0C.csv", NULL, NULL, P1 },
    { "d/cellA-40C.csv", NULL, NULL, P2 }, { "d/li-before.csv", NULL, NULL, P2 },
    { "d/cellA-60C.csv", NULL, NULL, P2 },
  };
  char *t = eis_mixed_circuits_text (v, 5, "x");
  assert_non_null (t);
  assert_string_equal (t, "the automatic choice gave the 3 spectra of cellA 2 different circuits ("
                          P1 " x1, " P2 " x2): a parameter of one name, such as R1, may be a "
                          "different arc from one spectrum to the next");
  free (t);
}

/* Entries that stand for several spectra of one file and circuit (eisfit's: one per file and
 * circuit, not per spectrum) give the text of the spectra one by one. */
static void
test_counted_entries (void **state)
{
  (void) state;
  const EisAutoChoice one_by_one[] = {
    { "d/cellA.csv", NULL, NULL, P1, 0 }, { "d/cellA.csv", NULL, NULL, P1, 0 },
    { "d/cellA.csv", NULL, NULL, P2, 0 }, { "d/cellA.csv", NULL, NULL, P1, 0 },
    { "d/cellA-2.csv", NULL, NULL, P2, 0 }, { "d/cellA-2.csv", NULL, NULL, P2, 0 },
  };
  const EisAutoChoice counted[] = {
    { "d/cellA.csv", NULL, NULL, P1, 3 }, { "d/cellA.csv", NULL, NULL, P2, 1 },
    { "d/cellA-2.csv", NULL, NULL, P2, 2 },
  };
  char *a = eis_mixed_circuits_text (one_by_one, 6, "x");
  char *b = eis_mixed_circuits_text (counted, 3, "x");
  assert_non_null (a);
  assert_non_null (b);
  assert_string_equal (a, "the automatic choice gave the 6 spectra of cellA 2 different circuits ("
                          P1 " x3, " P2 " x3): a parameter of one name, such as R1, may be a "
                          "different arc from one spectrum to the next");
  assert_string_equal (b, a);
  free (a);
  free (b);
  /* one entry of many spectra and one circuit: nothing to say */
  const EisAutoChoice many[] = { { "d/cellA.csv", NULL, NULL, P1, 1000000 } };
  assert_null (eis_mixed_circuits_text (many, 1, "x"));
}

static void
test_cell_and_geometry_split (void **state)
{
  (void) state;
  /* one name, but two cell types (or two geometries): two samples, nothing to say */
  const EisAutoChoice cells[] = {
    { "d/run-1.csv", "blocking", "", P1 }, { "d/run-2.csv", "li-symmetric", "", P2 },
  };
  assert_null (eis_mixed_circuits_text (cells, 2, "x"));
  const EisAutoChoice geo[] = {
    { "d/run-1.csv", "", "0.6mm 10mm ", P1 }, { "d/run-2.csv", "", "1mm 10mm ", P2 },
  };
  assert_null (eis_mixed_circuits_text (geo, 2, "x"));
  /* two samples mixed, each named with its cell type; the window's times sign */
  const EisAutoChoice two[] = {
    { "a/x-1.csv", "li-symmetric", "", P1 }, { "b/y-1.csv", "", "", P1 },
    { "a/x-2.csv", "li-symmetric", "", P2 }, { "b/y-2.csv", "", "", P2 },
    { "b/y-3.csv", "", "", P2 },
  };
  char *t = eis_mixed_circuits_text (two, 5, "\xc3\x97");
  assert_non_null (t);
  assert_string_equal (t, "the automatic choice gave the 2 spectra of a/x (li-symmetric) 2 "
                          "different circuits (" P1 " \xc3\x97" "1, " P2 " \xc3\x97" "1); the 3 "
                          "spectra of b/y 2 different circuits (" P1 " \xc3\x97" "1, " P2
                          " \xc3\x97" "2): a parameter of one name, such as R1, may be a "
                          "different arc from one spectrum to the next");
  free (t);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_stem),
    cmocka_unit_test (test_pellets_and_li_cells),
    cmocka_unit_test (test_one_sample_mixed),
    cmocka_unit_test (test_counted_entries),
    cmocka_unit_test (test_cell_and_geometry_split),
  };
  return cmocka_run_group_tests_name ("sample-group", tests, NULL, NULL);
}
