/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strtod in the C locale. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include "c-number.h"

static locale_t c_numeric;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void
make_c_numeric (void)
{
  c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
}

double
eis_strtod (const char *s, char **end)
{
  pthread_once (&c_numeric_once, make_c_numeric);
#ifdef __GLIBC__
  if (c_numeric != (locale_t) 0)
    return strtod_l (s, end, c_numeric);
#endif
  if (c_numeric == (locale_t) 0)
    return strtod (s, end);
  locale_t old = uselocale (c_numeric);
  double v = strtod (s, end);
  int saved = errno;
  uselocale (old);
  errno = saved;
  return v;
}
