/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The number reader of the importers (eis_parse_number, with its fast exact path) against
 * glibc's strtod in the C locale, on edge cases and a few hundred thousand random strings: the
 * same numbers accepted, and each one bit for bit the same double (NaN with its sign). A single
 * difference fails. Also the one-pass row reader (eis_fields_numbers) against the general way
 * (eis_fields_split, then eis_parse_number per field) on random rows. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"
#include "import-private.h"

/* A small deterministic generator (xorshift64*), so that a failure can be repeated. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rnd (void)
{
  return test_rand64 (&rng_state);
}

static unsigned
rnd_below (unsigned n)
{
  return (unsigned) (rnd () % n);
}

static size_t compared, accepted;

/* What strtod says of S (as eis_parse_number reads it, DEC the decimal separator): 1 and *V
 * when the whole of S, spaces around it trimmed, is a number of the grammar the importers
 * read; 0 when not. Outside that grammar on purpose (the importers refuse them, as before):
 * hexadecimal numbers, "nan(...)", leading whitespace strtod skips but the trimming does not
 * (vertical tab, form feed), and numbers of 128 characters or more. */
static int
reference (const char *s, char dec, double *v)
{
  const char *b = s, *e = s + strlen (s);
  while (b < e && (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n'))
    b++;
  while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
    e--;
  size_t n = (size_t) (e - b);
  if (n == 0 || n >= 128)
    return 0;
  char buf[160];
  memcpy (buf, b, n);
  buf[n] = '\0';
  if (buf[0] == '\v' || buf[0] == '\f')
    return 0;
  const char *q = buf + (buf[0] == '+' || buf[0] == '-');
  if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
    return 0;
  if (strchr (buf, '(') != NULL)
    return 0;
  if (dec != '.')
    {
      if (strchr (buf, '.') != NULL)
        return 0;               /* a point is no decimal separator here */
      for (char *c = buf; *c; c++)
        if (*c == dec)
          *c = '.';
    }
  char *end;
  *v = strtod (buf, &end);
  return end == buf + n;
}

static void
check_one (const char *s, char dec)
{
  double want = 0, got = 0;
  int ref = reference (s, dec, &want);
  int ours = eis_parse_number (s, strlen (s), dec, &got) == 0;
  compared++;
  if (ref != ours)
    fail_msg ("\"%s\" (decimal '%c'): strtod %s it, eis_parse_number %s it", s, dec,
              ref ? "reads" : "refuses", ours ? "reads" : "refuses");
  if (!ref)
    return;
  accepted++;
  uint64_t a, b;
  memcpy (&a, &want, 8);
  memcpy (&b, &got, 8);
  if (a != b)
    fail_msg ("\"%s\" (decimal '%c'): strtod %.17g (%016llx), eis_parse_number %.17g (%016llx)",
              s, dec, want, (unsigned long long) a, got, (unsigned long long) b);
}

static void
test_edge_cases (void **state)
{
  (void) state;
  static const char *const cases[] = {
    "0", "-0", "+0", "0.0", "-0.0", "0e0", "-0e-5", "00000", "1", "-1", "+1", "1.", ".5",
    "-.5", "+.5", "5.", "1.e3", ".5e-3", ".", "-", "+", "e5", "1e", "1e+", "1e-", "1e+05",
    "1E+05", "1e05", "1.5e-05", "0.1", "0.2", "0.3", "0.7", "1.1", "2.675", "123456789012345",
    "1234567890123456", "12345678901234567", "123456789012345678", "9007199254740992",
    "9007199254740993", "9007199254740991", "18446744073709551615", "18446744073709551616",
    "99999999999999999999", "0.1234567890123456789", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309", "-1e309", "2e308",
    "4.9406564584124654e-324", "5e-324", "2e-324", "3e-324", "1e-324", "2.4703282292062327e-324",
    "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072014e-308",
    "2.2250738585072009e-308", "1e-310", "1e-400", "1e22", "1e23", "1e-22", "1e-23",
    "9007199254740992e22", "9007199254740993e-22", "123456789e-22", "1.5e22", "4.35e22",
    "1e+999999", "1e-999999", "1e99999999999", "0e99999999999", "0.0000000000000000000000001",
    "0.00000000000000000000000000000000000000001e40", "100000000000000000000000",
    "1000000000000000000000000e-24", "nan", "NaN", "NAN", "-nan", "+nan", "inf", "-inf",
    "+inf", "INF", "Inf", "infinity", "-Infinity", "INFINITY", "infinit", "infinityx", "nanx",
    "nan(123)", "in", "na", "0x10", "0X1p3", "-0x1.8p1", "0x", " 1", "1 ", "  -2.5e3  ",
    "\t7\t", "\r\n8\r\n", "1 2", "1,5", "1.5.5", "1e5e5", "--1", "+-1", "-+1", "1-", "1+",
    "1e+-5", "abc", "", " ", "\t", "\v1", "\f1", "12345678", "123456789", "1234567.8",
    "12345678.12345678", "0.12345678", "00000000.00000000", "1.2345678e-7",
    "3.14159265358979323846264338327950288", "1.000000000e+07", "-1.650368e-01",
    "1.205000e+02", "7.000000000000001", "0.30000000000000004", "1e0000000000000000000001",
    "000000000000000000000000000000001", "1.00000000000000000000000000000000000001",
    "8.98846567431158e307", "4.940656458412465441765687928682213723651e-324",
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_one (cases[i], '.');
  static const char *const comma[] = {
    "1,5", "-0,1", ",5", "1,", "0,1", "1,5e3", "1,5E-05", "1.5", "1,5,5", "123456789,123456789",
    "nan", "-inf", " 2,5 ",
  };
  for (size_t i = 0; i < sizeof comma / sizeof comma[0]; i++)
    check_one (comma[i], ',');
  /* a long number: refused (as before), not cut */
  char longnum[200];
  memset (longnum, '1', sizeof longnum - 1);
  longnum[sizeof longnum - 1] = '\0';
  double v;
  assert_int_equal (eis_parse_number (longnum, strlen (longnum), '.', &v), -1);
}

/* A random decimal string: sign, integer and fraction digits (0 to 25 each, sometimes with
 * leading or trailing zeros), an exponent, spaces around; now and then a stray character. */
static void
random_decimal (char *buf, size_t cap, char dec)
{
  size_t k = 0;
  static const char *const sp[] = { "", "", "", " ", "\t", "  " };
  k += (size_t) snprintf (buf + k, cap - k, "%s", sp[rnd_below (6)]);
  unsigned r = rnd_below (10);
  if (r == 0)
    buf[k++] = '+';
  else if (r < 4)
    buf[k++] = '-';
  unsigned ni = rnd_below (4) == 0 ? rnd_below (26) : rnd_below (6);
  unsigned lead0 = rnd_below (5) == 0 ? rnd_below (20) : 0;
  for (unsigned i = 0; i < lead0 && k < cap - 80; i++)
    buf[k++] = '0';
  for (unsigned i = 0; i < ni; i++)
    buf[k++] = (char) ('0' + (i == 0 && rnd_below (2) ? 1 + rnd_below (9) : rnd_below (10)));
  if (rnd_below (5) != 0)
    {
      buf[k++] = dec;
      unsigned nf = rnd_below (4) == 0 ? rnd_below (26) : rnd_below (12);
      for (unsigned i = 0; i < nf; i++)
        buf[k++] = (char) ('0' + rnd_below (10));
      if (rnd_below (6) == 0)
        for (unsigned i = rnd_below (15); i > 0; i--)
          buf[k++] = '0';
    }
  if (rnd_below (2))
    {
      buf[k++] = rnd_below (2) ? 'e' : 'E';
      r = rnd_below (4);
      if (r == 0)
        buf[k++] = '+';
      else if (r == 1)
        buf[k++] = '-';
      int ev = rnd_below (3) == 0 ? (int) rnd_below (400) : (int) rnd_below (40);
      k += (size_t) snprintf (buf + k, cap - k, rnd_below (4) == 0 ? "%03d" : "%d", ev);
    }
  if (rnd_below (50) == 0)
    buf[k++] = "x.,e+- 1"[rnd_below (8)];
  k += (size_t) snprintf (buf + k, cap - k, "%s", sp[rnd_below (6)]);
  buf[k] = '\0';
}

static void
test_random_strings (void **state)
{
  (void) state;
  char buf[256];
  compared = accepted = 0;
  for (int i = 0; i < 200000; i++)
    {
      random_decimal (buf, sizeof buf, '.');
      check_one (buf, '.');
    }
  for (int i = 0; i < 20000; i++)
    {
      random_decimal (buf, sizeof buf, ',');
      check_one (buf, ',');
    }
  /* random doubles (every bit pattern: subnormals, huge, nan, inf) as printf writes them */
  for (int i = 0; i < 100000; i++)
    {
      uint64_t bits = rnd ();
      if (i % 4 == 0)
        bits = (bits & 0x800FFFFFFFFFFFFFULL) | ((uint64_t) (1023 - 60 + rnd_below (120)) << 52);
      double x;
      memcpy (&x, &bits, 8);
      switch (rnd_below (9))
        {
        case 0: snprintf (buf, sizeof buf, "%.17g", x); break;
        case 1: snprintf (buf, sizeof buf, "%.15g", x); break;
        case 2: snprintf (buf, sizeof buf, "%.16e", x); break;
        case 3: snprintf (buf, sizeof buf, "%.6e", x); break;
        case 4: snprintf (buf, sizeof buf, "%.9e", x); break;
        case 5: snprintf (buf, sizeof buf, "%g", x); break;
        case 6: snprintf (buf, sizeof buf, "%.3f", x); break;
        case 7: snprintf (buf, sizeof buf, "%.20g", x); break;
        default: snprintf (buf, sizeof buf, "%a", x); break;
        }
      check_one (buf, '.');
    }
  print_message ("compared %zu strings with strtod, %zu of them numbers\n", compared, accepted);
  assert_true (accepted > 200000);
}

/* Random rows of fields (numbers, empty, spaces around, text, quoted) and the columns wanted:
 * where the one-pass reader takes a row, the general way gives the same count of fields and
 * the same values; where the general way reads every wanted field, so does the one-pass
 * reader when the row holds no quote. */
static void
test_fields_numbers (void **state)
{
  (void) state;
  static const char delims[] = { ',', ';', '\t', EIS_DELIM_WS };
  EisFields fl = { 0 };
  char line[2048];
  size_t fast = 0;
  for (int i = 0; i < 100000; i++)
    {
      char delim = delims[rnd_below (4)];
      char dec = delim == ',' || rnd_below (2) ? '.' : ',';
      unsigned nfield = 1 + rnd_below (7);
      size_t k = 0;
      int quote = 0;
      for (unsigned j = 0; j < nfield; j++)
        {
          if (j > 0)
            line[k++] = delim == EIS_DELIM_WS ? " \t"[rnd_below (2)] : delim;
          unsigned r = rnd_below (60);
          char num[256];
          random_decimal (num, sizeof num, dec);
          const char *f = r < 54 ? num : r == 54 ? "" : r == 55 ? "  " : r == 56 ? "abc"
                          : r == 57 ? "\"1.5\"" : r == 58 ? "\"a,b\"" : "nan";
          if (strchr (f, '"'))
            quote = 1;
          k += (size_t) snprintf (line + k, sizeof line - k, "%s", f);
        }
      for (unsigned j = rnd_below (5) == 0 ? rnd_below (3) : 0; j > 0; j--)
        line[k++] = delim == EIS_DELIM_WS ? ' ' : delim;
      line[k] = '\0';
      signed char want[8];
      memset (want, -1, sizeof want);
      int need = 0;
      for (unsigned c = 0; c < 8 && need < 6; c++)
        if (rnd_below (2))
          want[c] = (signed char) need++;
      if (need == 0)
        want[0] = (signed char) need++;
      double v[6], w[6];
      size_t n = eis_fields_numbers (line, k, delim, dec, want, 8, need, v);
      assert_int_equal (eis_fields_split (&fl, line, k, delim), EIS_OK);
      int all = 1;
      for (unsigned c = 0; c < 8; c++)
        if (want[c] >= 0
            && (c >= fl.n || eis_parse_number (fl.p[c], fl.len[c], dec, &w[want[c]]) != 0))
          all = 0;
      if (n > 0)
        {
          fast++;
          if (!all || n != fl.n)
            fail_msg ("row \"%s\": one pass %zu fields, general way %zu fields%s", line, n, fl.n,
                      all ? "" : " and not every wanted one a number");
          for (int j = 0; j < need; j++)
            if (memcmp (&v[j], &w[j], 8) != 0)
              fail_msg ("row \"%s\": value %d %.17g against %.17g", line, j, v[j], w[j]);
        }
      else if (all && !quote && delim != EIS_DELIM_WS)
        fail_msg ("row \"%s\": every wanted field a number, but not read in one pass", line);
      else if (all && delim == EIS_DELIM_WS)
        fail_msg ("row \"%s\" (whitespace): every wanted field a number, but not read in one "
                  "pass", line);
    }
  eis_fields_free (&fl);
  print_message ("%zu of 100000 rows read in one pass\n", fast);
  assert_true (fast > 5000);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  setlocale (LC_ALL, "C");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_edge_cases),
    cmocka_unit_test (test_random_strings),
    cmocka_unit_test (test_fields_numbers),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
