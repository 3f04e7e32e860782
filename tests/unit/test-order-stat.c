/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eis_select_kth and eis_median against sorting: on 20,000 random arrays of 1 to 200 values
 * (continuous, with many ties, sorted, reversed, constant), every k-th smallest and every
 * median the same double as qsort gives, and the K values before the K-th the K smallest.
 * Known medians of small arrays, and arrays holding NaN answered as sorting answers them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "order-stat.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static double
rnd (void)
{
  return test_rand01 (&rng_state);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
test_same_as_sorting (void **state)
{
  (void) state;
  double a[200], s[200], w[200];
  for (int trial = 0; trial < 20000; trial++)
    {
      size_t n = 1 + (size_t) (rnd () * 200);
      int kind = trial % 5;
      for (size_t i = 0; i < n; i++)
        a[i] = kind == 0 ? rnd () - 0.5 : kind == 1 ? (double) (int) (rnd () * 5)
             : kind == 2 ? (double) i : kind == 3 ? -(double) i : 2.5;
      memcpy (s, a, n * sizeof *a);
      qsort (s, n, sizeof *s, cmp_double);
      size_t k = (size_t) (rnd () * (double) n);
      memcpy (w, a, n * sizeof *a);
      double v = eis_select_kth (w, n, k);
      assert_memory_equal (&v, &s[k], sizeof v);
      for (size_t i = 0; i < k; i++)
        assert_true (w[i] <= v);
      for (size_t i = k + 1; i < n; i++)
        assert_true (w[i] >= v);
      memcpy (w, a, n * sizeof *a);
      double m = eis_median (w, n), ms = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
      assert_memory_equal (&m, &ms, sizeof m);
    }
}

static void
test_known (void **state)
{
  (void) state;
  double a[] = { 5, 1, 4, 2, 3 }, b[] = { 10, -2, 7, 1 }, c[] = { 3 };
  assert_rel (eis_median (a, 5), 3, 0);
  assert_rel (eis_median (b, 4), 4, 0);
  assert_rel (eis_median (c, 1), 3, 0);
  double d[] = { 4, NAN, 1, 3, 2 }, e[] = { 4, NAN, 1, 3, 2 };
  qsort (e, 5, sizeof *e, cmp_double);
  double md = eis_median (d, 5), me = e[2];
  assert_memory_equal (&md, &me, sizeof md);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_same_as_sorting),
    cmocka_unit_test (test_known),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
