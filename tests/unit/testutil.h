/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the cmocka unit tests: tolerance comparisons and a reproducible random
 * stream. */
#ifndef EIS_TESTUTIL_H
#define EIS_TESTUTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

/* Fails unless |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
#define assert_rel(actual, expected, rel) \
  assert_rel_at ((actual), (expected), (rel), #actual, __FILE__, __LINE__)

static inline void
assert_rel_at (double actual, double expected, double rel, const char *what,
               const char *file, int line)
{
  double scale = fabs (expected) > 0 ? fabs (expected) : 1.0;
  if (!(fabs (actual - expected) <= rel * scale))
    {
      print_error ("%s = %.10g, expected %.10g within relative %.3g (off by %.3g)\n", what,
                   actual, expected, rel, fabs (actual - expected) / scale);
      _fail (file, line);
    }
}

/* Fails unless |actual - expected| <= abs_tol. */
#define assert_abs(actual, expected, tol) \
  assert_abs_at ((actual), (expected), (tol), #actual, __FILE__, __LINE__)

static inline void
assert_abs_at (double actual, double expected, double tol, const char *what,
               const char *file, int line)
{
  if (!(fabs (actual - expected) <= tol))
    {
      print_error ("%s = %.10g, expected %.10g within %.3g\n", what, actual, expected, tol);
      _fail (file, line);
    }
}

/* xorshift64*: the next of a reproducible stream of 64-bit numbers kept in *STATE (seeded with
 * any nonzero value), the same on every machine. */
static inline uint64_t
test_rand64 (uint64_t *state)
{
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return *state * 2685821657736338717ULL;
}

/* The stream's next number as a double in [0, 1), 53 random bits. */
static inline double
test_rand01 (uint64_t *state)
{
  return (double) (test_rand64 (state) >> 11) / 9007199254740992.0;
}

#endif
