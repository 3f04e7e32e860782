/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order statistics by Hoare's selection: expected linear time, where qsort of the same values
 * (a merge sort in glibc, with a call per comparison) took about 2 % of a given-circuit fit. */
#include "order-stat.h"

#include <math.h>
#include <stdlib.h>

double
eis_select_kth (double *a, size_t n, size_t k)
{
  size_t lo = 0, hi = n - 1;
  while (lo < hi)
    {
      double pivot = a[lo + (hi - lo) / 2];
      size_t i = lo, j = hi;
      while (i <= j)
        {
          while (a[i] < pivot)
            i++;
          while (a[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = a[i];
              a[i] = a[j];
              a[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return a[k];
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
eis_median (double *a, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (isnan (a[i]))
      {
        qsort (a, n, sizeof *a, cmp_double);
        return n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
      }
  double upper = eis_select_kth (a, n, n / 2);
  if (n % 2)
    return upper;
  double lower = a[0];
  for (size_t i = 1; i < n / 2; i++)
    lower = fmax (lower, a[i]);
  return (lower + upper) / 2;
}
