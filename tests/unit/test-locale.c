/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine reads numbers with a dot whatever LC_NUMERIC is (hostile test 7, L1): eisfit-gtk
 * checked --thickness 0.6mm in the user's locale, so under de_DE (a comma) it refused 0.6mm
 * and 0,6mm passed the check and was dropped later. Here the process is put in de_DE.UTF-8
 * (made with localedef into a temporary folder when the system lacks it; skipped, 77, when it
 * cannot be made) and the engine's readers must give the C locale's numbers: a length, an area,
 * a temperature and a plain number, exact; "0,6mm" refused. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "c-number.h"
#include "eis-error.h"
#include "units.h"

static void
test_numbers_in_de_DE (void **state)
{
  (void) state;
  char buf[32];
  double v, se;
  EisError err = { 0 };

  /* the locale really is a comma one, else the test proves nothing */
  snprintf (buf, sizeof buf, "%.1f", 0.5);
  assert_string_equal (buf, "0,5");

  char *end;
  v = eis_strtod ("0.785cm2", &end);
  assert_true (v == 0.785);
  assert_string_equal (end, "cm2");
  v = eis_strtod ("0,6", &end);
  assert_true (v == 0.0);
  assert_string_equal (end, ",6");

  assert_int_equal (eis_parse_geometry_value ("thickness", "0.6mm", &v, &se, &err), 0);
  assert_rel (v, 0.06, 1e-15);
  assert_int_equal (eis_parse_geometry_value ("area", "0.785cm2", &v, &se, &err), 0);
  assert_rel (v, 0.785, 1e-15);
  assert_int_equal (eis_parse_geometry_value ("thickness", "0.6mm+-0.01mm", &v, &se, &err), 0);
  assert_rel (se, 0.001, 1e-15);
  /* the comma is not a decimal point for the engine, in any locale */
  assert_int_not_equal (eis_parse_geometry_value ("thickness", "0,6mm", &v, &se, &err), 0);
  assert_int_equal (eis_parse_resistance_ohm ("0.8ohm", &v, NULL), 0);
  assert_rel (v, 0.8, 1e-15);
}

int
main (void)
{
  if (!setlocale (LC_ALL, "de_DE.UTF-8"))
    {
      /* make it: localedef into a temporary folder, found through LOCPATH */
      char dir[] = "/tmp/eisfit-locale.XXXXXX", cmd[512];
      if (!mkdtemp (dir))
        return 77;
      snprintf (cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1",
                dir);
      int made = system (cmd) == 0;
      if (made)
        {
          setenv ("LOCPATH", dir, 1);
          made = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
        }
      snprintf (cmd, sizeof cmd, "rm -rf %s", dir);   /* the locale is loaded: not needed */
      if (system (cmd) != 0)
        fprintf (stderr, "note: %s not removed\n", dir);
      if (!made)
        {
          printf ("SKIP: no de_DE.UTF-8 locale and localedef could not make one\n");
          return 77;
        }
    }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_numbers_in_de_DE),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
