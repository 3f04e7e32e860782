/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the import layer and the generic delimited-text reader: dialects, header
 * spellings, units, signs, --columns, several sweeps, DC series and the error messages. */
#include <complex.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"
#include "import.h"

/* Imports TEXT from memory; fails the test when it does not import. */
static EisDataFile *
import_ok (const char *name, const char *text, const char *columns)
{
  EisImportOptions opt = { .format = NULL, .columns = columns };
  EisDataFile *f = NULL;
  EisError err = { 0 };
  int rc = eis_import_buffer (name, text, strlen (text), &opt, &f, &err);
  if (rc != EIS_OK)
    print_error ("import of %s failed: %s\n", name, err.message);
  assert_int_equal (rc, EIS_OK);
  assert_non_null (f);
  return f;
}

/* Imports TEXT expecting status CODE and a message containing each of the NULL-terminated
 * strings that follow. */
static void
import_fails (const char *name, const char *text, size_t len, const char *columns, int code, ...)
{
  EisImportOptions opt = { .format = NULL, .columns = columns };
  EisDataFile *f = NULL;
  EisError err = { 0 };
  int rc = eis_import_buffer (name, text, len, &opt, &f, &err);
  if (rc != code)
    print_error ("%s: status %d (%s), expected %d\n", name, rc, err.message, code);
  assert_int_equal (rc, code);
  assert_null (f);
  va_list ap;
  va_start (ap, code);
  for (const char *want = va_arg (ap, const char *); want; want = va_arg (ap, const char *))
    if (strstr (err.message, want) == NULL)
      {
        print_error ("message \"%s\" lacks \"%s\"\n", err.message, want);
        va_end (ap);
        fail ();
      }
  va_end (ap);
}

static void
test_format_names (void **state)
{
  (void) state;
  const char *const *names = eis_import_format_names ();
  int found = 0;
  for (size_t i = 0; names[i]; i++)
    if (strcmp (names[i], "csv") == 0)
      found = 1;
  assert_true (found);
}

static void
test_comma_header_minus_im (void **state)
{
  (void) state;
  EisDataFile *f = import_ok ("a.csv",
                              "Frequency (Hz),Z' (Ohm),-Z'' (Ohm)\n"
                              "1000,17.904820,67.291395\n"
                              "10,842.82916,103.37812\n"
                              "100,343.15512,411.67413\n", NULL);
  assert_string_equal (f->format, "csv");
  assert_int_equal (f->n_spectra, 1);
  EisSpectrum *s = f->spectra[0];
  assert_int_equal (s->n, 3);
  /* sorted ascending, the negated column turned back into Z'' */
  assert_rel (s->freq_hz[0], 10, 1e-15);
  assert_rel (s->freq_hz[2], 1000, 1e-15);
  assert_rel (s->z_re[0], 842.82916, 1e-15);
  assert_rel (s->z_im[0], -103.37812, 1e-15);
  assert_rel (s->z_im[1], -411.67413, 1e-15);
  assert_non_null (s->line);
  assert_int_equal (s->line[0], 3);   /* 10 Hz was on line 3 */
  assert_int_equal (s->line[2], 2);
  assert_string_equal (s->source, "a.csv");
  assert_string_equal (s->format, "csv");
  eis_data_file_free (f);
}

static void
test_semicolon_decimal_comma_units (void **state)
{
  (void) state;
  /* BOM, CRLF, a preamble, kHz and kOhm, decimal commas */
  EisDataFile *f = import_ok ("b.csv",
                              "\xef\xbb\xbfSample: x\r\nDate; today\r\n\r\n"
                              "freq/kHz;Zreal/kOhm;Zimag/kOhm\r\n"
                              "0,01;0,84282916;-0,10337812\r\n"
                              "1;0,01790482;-0,067291395\r\n", NULL);
  EisSpectrum *s = f->spectra[0];
  assert_int_equal (s->n, 2);
  assert_rel (s->freq_hz[0], 10, 1e-14);
  assert_rel (s->freq_hz[1], 1000, 1e-14);
  assert_rel (s->z_re[0], 842.82916, 1e-14);
  assert_rel (s->z_im[1], -67.291395, 1e-14);
  assert_int_equal (s->line[0], 5);
  assert_string_equal (eis_meta_get (&f->meta, "decimal"), "comma");
  eis_data_file_free (f);
}

static void
test_tab_cr_cr_lf_and_units (void **state)
{
  (void) state;
  EisDataFile *f = import_ok ("c.txt",
                              "Freq\t Z' [mOhm]\t Z'' [mOhm]\t\r\r\n"
                              "2.5e3\t 1250.5\t -3.75\t\r\r\n"
                              "7.5e2\t 1302.25\t -9.125\t\r\r\n", NULL);
  EisSpectrum *s = f->spectra[0];
  assert_int_equal (s->n, 2);
  assert_rel (s->freq_hz[0], 750, 1e-15);
  assert_rel (s->z_re[0], 1.30225, 1e-14);
  assert_rel (s->z_im[0], -9.125e-3, 1e-14);
  assert_int_equal (s->line[0], 3);
  eis_data_file_free (f);
}

static void
test_whitespace_headerless (void **state)
{
  (void) state;
  /* header-less: f, Z', Z'' exactly as written (here positive Z'' stays positive) */
  EisDataFile *f = import_ok ("d.dat",
                              "# written by hand\n"
                              "  100   343.155   411.674\n"
                              "  10    842.829   -103.378\n"
                              "\n"
                              "  1     855.569   -10.4964\n", NULL);
  EisSpectrum *s = f->spectra[0];
  assert_int_equal (s->n, 3);
  assert_rel (s->z_im[2], 411.674, 1e-15);
  assert_rel (s->z_im[0], -10.4964, 1e-15);
  assert_int_equal (s->line[0], 5);
  eis_data_file_free (f);
}

static void
test_modulus_phase (void **state)
{
  (void) state;
  EisDataFile *f = import_ok ("e.csv",
                              "f/Hz,|Z|/Ohm,Phase/deg\n"
                              "1000,69.63271037084806,-75.10002872752996\n"
                              "100,535.939382237549,-50.18676288056219\n", NULL);
  EisSpectrum *s = f->spectra[0];
  assert_rel (s->z_re[0], 343.1551156797577, 1e-12);
  assert_rel (s->z_im[0], -411.674128426815, 1e-12);
  assert_rel (s->z_re[1], 17.904819573359145, 1e-12);
  assert_rel (s->z_im[1], -67.29139461800347, 1e-12);
  eis_data_file_free (f);

  /* negated phase in radians, Unicode Ohm sign */
  f = import_ok ("e2.csv",
                 "Frequency (Hz);Z (\xce\xa9);-Phase (rad)\n"
                 "100;535,939382237549;0,8759;\n"
                 "10;849,1454676948515;0,12204;\n", NULL);
  s = f->spectra[0];
  assert_rel (s->z_re[1], 535.939382237549 * cos (0.8759), 1e-12);
  assert_rel (s->z_im[1], -535.939382237549 * sin (0.8759), 1e-12);
  eis_data_file_free (f);
}

static void
test_angular_frequency (void **state)
{
  (void) state;
  EisDataFile *f = import_ok ("w.csv", "omega (rad/s),Re(Z),Im(Z)\n6283.185307179586,1,-2\n62.83185307179586,3,-4\n", NULL);
  assert_rel (f->spectra[0]->freq_hz[0], 10, 1e-14);
  assert_rel (f->spectra[0]->freq_hz[1], 1000, 1e-14);
  eis_data_file_free (f);
}

static void
test_quoted_header (void **state)
{
  (void) state;
  EisDataFile *f = import_ok ("q.csv",
                              "\"Index\",\"Frequency (Hz)\",\"Z' (\xce\xa9)\",\"-Z'' (\xce\xa9)\",\"Z (\xce\xa9)\",\"-Phase (\xc2\xb0)\"\n"
                              "1,\"1000\",17.9,67.3,69.6,75.1\n"
                              "2,100,343.2,411.7,535.9,50.2\n", NULL);
  EisSpectrum *s = f->spectra[0];
  assert_int_equal (s->n, 2);
  assert_rel (s->z_re[1], 17.9, 1e-15);
  assert_rel (s->z_im[1], -67.3, 1e-15);
  eis_data_file_free (f);
}

static void
test_columns_option (void **state)
{
  (void) state;
  const char *text = "a,b,c,d\n0,1000,17.9,67.3\n0,100,343.2,411.7\n";
  import_fails ("g.csv", text, strlen (text), NULL, EIS_ERR_FORMAT, "g.csv:1:",
                "frequency", "--columns", "1 \"a\"", "4 \"d\"", NULL);
  EisDataFile *f = import_ok ("g.csv", text, "f=2,re=3,-im=4");
  assert_rel (f->spectra[0]->z_im[0], -411.7, 1e-15);
  eis_data_file_free (f);
  f = import_ok ("g.csv", text, "f=b, re=c, im=d");
  assert_rel (f->spectra[0]->z_im[0], 411.7, 1e-15);
  eis_data_file_free (f);
  /* header-less: indices only */
  const char *bare = "1 1000 17.9 -67.3\n2 100 343.2 -411.7\n";
  import_fails ("h.txt", bare, strlen (bare), NULL, EIS_ERR_FORMAT, "4 columns", "--columns", NULL);
  f = import_ok ("h.txt", bare, "f=2,re=3,im=4");
  assert_rel (f->spectra[0]->z_re[0], 343.2, 1e-15);
  eis_data_file_free (f);
  import_fails ("h.txt", bare, strlen (bare), "f=Freq,re=2,im=3", EIS_ERR_INVALID, "no header", NULL);
  import_fails ("h.txt", bare, strlen (bare), "x=1", EIS_ERR_INVALID, "unknown key", NULL);
  import_fails ("g.csv", text, strlen (text), "f=zz,re=3,im=4", EIS_ERR_INVALID,
                "no column named \"zz\"", NULL);
}

static void
test_several_sweeps (void **state)
{
  (void) state;
  /* split by the cycle column */
  EisDataFile *f = import_ok ("m.csv",
                              "freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm,cycle number\n"
                              "1000,10,1,1\n100,20,2,1\n10,30,3,1\n"
                              "1000,11,1.5,2\n100,21,2.5,2\n10,31,3.5,2\n", NULL);
  assert_int_equal (f->n_spectra, 2);
  assert_int_equal (f->spectra[0]->cycle, 1);
  assert_int_equal (f->spectra[1]->cycle, 2);
  assert_int_equal (f->spectra[1]->index, 1);
  assert_rel (f->spectra[1]->z_im[0], -3.5, 1e-15);
  assert_int_equal (f->spectra[1]->line[0], 7);
  eis_data_file_free (f);
  /* split where the sweep starts again, and at a repeated header */
  f = import_ok ("r.csv",
                 "f,zr,zi\n1000,10,-1\n100,20,-2\n10,30,-3\n"
                 "1000,11,-1\n100,21,-2\n"
                 "f,zr,zi\n5,1,-1\n50,2,-2\n", NULL);
  assert_int_equal (f->n_spectra, 3);
  assert_int_equal (f->spectra[0]->n, 3);
  assert_int_equal (f->spectra[1]->n, 2);
  assert_int_equal (f->spectra[2]->n, 2);
  assert_int_equal (f->spectra[2]->cycle, -1);
  eis_data_file_free (f);
  /* down and back up, the turning frequency measured once each way: two sweeps */
  f = import_ok ("du.csv", "f,zr,zi\n1000,10,-1\n100,20,-2\n10,30,-3\n10,31,-3\n100,21,-2\n"
                 "1000,11,-1\n", NULL);
  assert_int_equal (f->n_spectra, 2);
  assert_int_equal (f->spectra[0]->n, 3);
  assert_int_equal (f->spectra[1]->n, 3);
  assert_rel (f->spectra[1]->z_re[0], 31, 0);
  eis_data_file_free (f);
  /* rows in no sweep order (shuffled): refused at the first turn, not cut into "spectra" */
  const char *shuf = "f,zr,zi\n1000,10,-1\n10,30,-3\n100,20,-2\n1,40,-4\n316,15,-1.5\n3,35,-3.5\n";
  import_fails ("shuf.csv", shuf, strlen (shuf), NULL, EIS_ERR_DATA,
                "shuf.csv:4: the frequencies are not in sweep order", NULL);
}

static void
test_dc_series (void **state)
{
  (void) state;
  EisDataFile *f = import_ok ("ca.csv",
                              "time/min;I/\xc2\xb5" "A;Ewe/mV\n"
                              "0;12,5;10\n0,5;8,25;10\n1;7,75;10,5\n", NULL);
  assert_int_equal (f->n_spectra, 0);
  assert_int_equal (f->n_series, 1);
  EisSeries *s = f->series[0];
  assert_int_equal (s->n, 3);
  assert_rel (s->time_s[1], 30, 1e-15);
  assert_rel (s->current_a[1], 8.25e-6, 1e-14);
  assert_non_null (s->voltage_v);
  assert_rel (s->voltage_v[2], 0.0105, 1e-14);
  eis_data_file_free (f);

  /* Windows-1252 micro sign, hours, nA, no voltage */
  f = import_ok ("ca2.txt", "t (h)\tcurrent (nA)\n0.5\t3.25\n1.5\t2.125\n", NULL);
  assert_rel (f->series[0]->time_s[1], 5400, 1e-15);
  assert_rel (f->series[0]->current_a[1], 2.125e-9, 1e-14);
  assert_null (f->series[0]->voltage_v);
  eis_data_file_free (f);
  const char cp[] = "time/s\tI/\xb5" "A\n0\t1.5\n1\t2.5\n";
  f = import_ok ("ca3.txt", cp, NULL);
  assert_rel (f->series[0]->current_a[1], 2.5e-6, 1e-14);
  assert_string_equal (eis_meta_get (&f->meta, "encoding"), "windows-1252");
  eis_data_file_free (f);
}

static void
test_utf16 (void **state)
{
  (void) state;
  const char *ascii = "Frequency / Hz,Z' / Ohm,-Z'' / Ohm,\r\n200000,557.3,18.2,\r\n20,10536,410.7,\r\n";
  size_t n = strlen (ascii);
  char *buf = malloc (2 * n + 2);
  assert_non_null (buf);
  buf[0] = (char) 0xFF;
  buf[1] = (char) 0xFE;
  for (size_t i = 0; i < n; i++)
    {
      buf[2 + 2 * i] = ascii[i];
      buf[3 + 2 * i] = 0;
    }
  EisDataFile *f = NULL;
  EisError err = { 0 };
  int rc = eis_import_buffer ("u16.csv", buf, 2 * n + 2, NULL, &f, &err);
  free (buf);
  assert_int_equal (rc, EIS_OK);
  assert_int_equal (f->spectra[0]->n, 2);
  assert_rel (f->spectra[0]->z_im[0], -410.7, 1e-15);
  assert_string_equal (eis_meta_get (&f->meta, "encoding"), "utf-16le");
  eis_data_file_free (f);
}

static void
test_errors (void **state)
{
  (void) state;
  const char *zero = "f,re,im\n1000,0,0\n100,0,0\n10,0,0\n";
  import_fails ("zero.csv", zero, strlen (zero), NULL, EIS_ERR_DATA,
                "zero.csv: spectrum 1: every impedance is 0 Ohm", NULL);
  /* a NUL byte in the middle of text: named with its line and byte */
  const char nul[] = "f,re,im\n1000,17.9,-67.3\n100,343.1\0,-411.7\n10,842.8,-103.4\n";
  import_fails ("nul.csv", nul, sizeof nul - 1, NULL, EIS_ERR_FORMAT,
                "nul.csv:3: byte 33 is a control character (0x00)", NULL);
  /* --columns giving one column two roles */
  const char *two = "f,re,im\n1000,17.9,-67.3\n100,343.1,-411.7\n";
  import_fails ("two.csv", two, strlen (two), "f=1,re=1,im=3", EIS_ERR_INVALID,
                "column 1 is given two roles", NULL);
  /* a stray decimal comma in a comma-separated file shifts the row: refused, with its line */
  const char *stray = "f,re,im\n1000,17.9,-67.3\n100,343,155,-411.7\n10,842.8,-103.4\n";
  import_fails ("stray.csv", stray, strlen (stray), NULL, EIS_ERR_FORMAT,
                "stray.csv:3: 4 fields where the rows before have 3", NULL);
  /* a file without its last line end reads with a notice on that line (information, not a
   * warning: eis_import_notices_text says it, eis_import_warnings_text does not) */
  EisDataFile *cut = import_ok ("cut.csv", "f,re,im\n1000,17.9,-67.3\n100,343.1,-411.7\n10,842.8,-10", NULL);
  assert_non_null (strstr (eis_meta_get (&cut->spectra[0]->meta, "notice"),
                           "line 4, the last, has no line end"));
  assert_null (eis_meta_get (&cut->spectra[0]->meta, "warning"));
  assert_null (eis_import_warnings_text ("cut.csv", cut));
  char *notes = eis_import_notices_text ("cut.csv", cut);
  assert_non_null (notes);
  assert_non_null (strstr (notes, "cut.csv: spectrum 1: line 4, the last, has no line end"));
  free (notes);
  eis_data_file_free (cut);
  cut = import_ok ("whole.csv", "f,re,im\n1000,17.9,-67.3\n100,343.1,-411.7\n10,842.8,-103.4\n", NULL);
  assert_null (eis_meta_get (&cut->spectra[0]->meta, "warning"));
  assert_null (eis_meta_get (&cut->spectra[0]->meta, "notice"));
  eis_data_file_free (cut);
  import_fails ("empty.csv", "", 0, NULL, EIS_ERR_FORMAT, "empty.csv: file is empty", NULL);
  const char *ws = "\n\n   \n";
  import_fails ("blank.csv", ws, strlen (ws), NULL, EIS_ERR_FORMAT, "blank.csv", "no table", NULL);
  const char *hdr = "freq,re,im\n";
  import_fails ("hdr.csv", hdr, strlen (hdr), NULL, EIS_ERR_FORMAT, "hdr.csv", NULL);
  const char *one = "freq,Z',Z''\n100,1,-2\n";
  import_fails ("one.csv", one, strlen (one), NULL, EIS_ERR_DATA, "one.csv", "1 point", NULL);
  const char *txt = "freq,Z',Z''\n100,1,-2\n10,abc,-3\n1,2,-4\n";
  import_fails ("t.csv", txt, strlen (txt), NULL, EIS_ERR_FORMAT,
                "t.csv:3: column 2 (\"Z'\"): expected a number, found \"abc\"", NULL);
  const char *dup = "freq,Z',Z''\n100,1,-2\n10,2,-3\n10,3,-4\n";
  import_fails ("dup.csv", dup, strlen (dup), NULL, EIS_ERR_DATA, "dup.csv:4", "line 3", NULL);
  const char *nan = "freq,Z',Z''\n100,1,-2\n10,nan,-3\n";
  import_fails ("nan.csv", nan, strlen (nan), NULL, EIS_ERR_DATA, "nan.csv:3", "finite", NULL);
  const char *neg = "freq,Z',Z''\n100,1,-2\n-10,3,-3\n";
  import_fails ("neg.csv", neg, strlen (neg), NULL, EIS_ERR_DATA, "neg.csv:3", "not positive", NULL);
  const char *twof = "freq/Hz,f/kHz,Z',Z''\n100,0.1,1,-2\n10,0.01,3,-3\n";
  import_fails ("twof.csv", twof, strlen (twof), NULL, EIS_ERR_FORMAT, "twof.csv:1",
                "two columns could be the frequency", "--columns", NULL);
  const char *noim = "freq/Hz,Z'/Ohm,other\n100,1,-2\n10,3,-3\n";
  import_fails ("noim.csv", noim, strlen (noim), NULL, EIS_ERR_FORMAT, "noim.csv:1",
                "imaginary part", "3 \"other\"", "--columns", NULL);
  const char *badunit = "freq/Hz,Z'/furlong,Z''/Ohm\n100,1,-2\n10,3,-3\n";
  import_fails ("unit.csv", badunit, strlen (badunit), NULL, EIS_ERR_FORMAT, "unit.csv:1",
                "unit of column 2", NULL);
  const char bin[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0 };
  import_fails ("x.bin", bin, sizeof bin, NULL, EIS_ERR_FORMAT, "x.bin", "binary", "7f 45 4c 46", NULL);
  const char *prose = "This is a letter.\nIt has no numbers in it at all.\n";
  import_fails ("p.txt", prose, strlen (prose), NULL, EIS_ERR_FORMAT, "p.txt", "no table", NULL);
  const char *short_row = "freq,Z',Z''\n100,1,-2\n10,3\n";
  import_fails ("s.csv", short_row, strlen (short_row), NULL, EIS_ERR_FORMAT, "s.csv:3",
                "column 3 (\"Z''\") is missing", NULL);

  /* regression (found by tests/fuzz): quoted empty fields made eis_trim offset a NULL pointer */
  const char *qe = "\"\",\"\"\nf,re,im\n1,2,-3\n\"2\",\"\",-4\n5,6,-7\n";
  import_fails ("qe.csv", qe, strlen (qe), NULL, EIS_ERR_FORMAT, "qe.csv:4", "an empty field", NULL);

  EisImportOptions opt = { .format = "no-such-format", .columns = NULL };
  EisDataFile *f = NULL;
  EisError err = { 0 };
  assert_int_equal (eis_import_buffer ("z", "1,2,3\n4,5,6\n", 12, &opt, &f, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "no-such-format"));
  opt.format = NULL;
  opt.max_bytes = 5;
  assert_int_equal (eis_import_buffer ("big", "1,2,3\n4,5,6\n", 12, &opt, &f, &err), EIS_ERR_IO);
  assert_non_null (strstr (err.message, "limit"));
  assert_int_equal (eis_import ("/nonexistent/eisfit/x.csv", NULL, &f, &err), EIS_ERR_IO);
  assert_non_null (strstr (err.message, "/nonexistent/eisfit/x.csv"));
  assert_null (f);
}

/* Path of a file in tests/data. */
static char *
data_path (const char *name)
{
  const char *top = getenv ("top_srcdir");
  if (top == NULL)
    top = ".";
  size_t n = strlen (top) + strlen (name) + 32;
  char *p = malloc (n);
  snprintf (p, n, "%s/tests/data/%s", top, name);
  return p;
}

static void
test_files (void **state)
{
  (void) state;
  char *path = data_path ("generic-semicolon.csv");
  EisDataFile *f = NULL;
  EisError err = { 0 };
  int rc = eis_import (path, NULL, &f, &err);
  if (rc)
    print_error ("%s\n", err.message);
  assert_int_equal (rc, EIS_OK);
  assert_string_equal (f->path, path);
  EisSpectrum *s = f->spectra[0];
  assert_int_equal (s->n, 5);
  assert_rel (s->freq_hz[0], 10, 1e-14);
  assert_rel (s->freq_hz[4], 1e5, 1e-14);
  assert_rel (s->z_re[0], 842.82916, 1e-14);
  assert_rel (s->z_im[0], -103.37812, 1e-14);
  assert_rel (s->z_im[4], -0.6772546, 1e-14);
  assert_int_equal (s->line[0], 9);
  eis_data_file_free (f);
  free (path);

  path = data_path ("generic-tab-crcrlf.txt");
  rc = eis_import (path, NULL, &f, &err);
  assert_int_equal (rc, EIS_OK);
  s = f->spectra[0];
  assert_int_equal (s->n, 6);
  assert_rel (s->z_im[0], -10.49643, 1e-14);
  assert_int_equal (s->line[0], 7);
  eis_data_file_free (f);
  free (path);
}

static void
test_numbers (void **state)
{
  (void) state;
  /* exact parsing, long mantissas and large exponents take the slow path (values beyond what
   * an instrument measures are refused: test-extreme.sh) */
  EisDataFile *f = import_ok ("n.csv",
                              "f,re,im\n"
                              "4.481567263361649E+002,0.1,-0.2\n"
                              "12345678901234567890e-10,1e-29,-2.5e+29\n"
                              "+.5,7.,-.25\n", NULL);
  EisSpectrum *s = f->spectra[0];
  assert_rel (s->freq_hz[0], 0.5, 0);
  assert_rel (s->z_re[0], 7, 0);
  assert_rel (s->z_im[0], -0.25, 0);
  assert_true (s->freq_hz[1] == 448.1567263361649);
  assert_true (s->z_re[1] == 0.1);
  assert_rel (s->freq_hz[2], 1234567890.1234567890, 1e-16);
  assert_rel (s->z_re[2], 1e-29, 1e-15);
  assert_rel (s->z_im[2], -2.5e29, 1e-15);
  eis_data_file_free (f);
}


/* Every importer on a small file of ours (tests/data, written for these tests from
 * Z = 12.5 + 843.2 / (1 + j w 843.2 * 2.35e-6) rounded to 6 digits, in each vendor's
 * conventions: -Im(Z) columns, decimal commas, UTF-16, CR CR LF, binary layouts). */
typedef struct {
  const char *file, *format;
  size_t n_spectra, n_series, n_points;
  double f_min, f_max, re_min, im_min;   /* frequency range; Z at the lowest frequency */
} FormatCase;

static const FormatCase format_cases[] = {
  { "biologic-peis.mpt", "biologic-mpt", 2, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "biologic-peis.mpr", "biologic-mpr", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "gamry-eis.DTA", "gamry-dta", 1, 0, 4, 100, 1e5, 343.155, -411.674 },
  { "zplot.z", "zplot", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "z60w.txt", "z60w", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "zplotw.z", "zplotw", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "ivium.idf", "ivium-idf", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "chi.txt", "chi", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "par-parstat.txt", "par-text", 1, 1, 5, 10, 1e5, 842.829, -103.378 },
  { "par-powersuite.txt", "par-text", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "versastudio.par", "versastudio-par", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "palmsens.csv", "palmsens-csv", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "palmsens.pssession", "palmsens-pssession", 1, 1, 5, 10, 1e5, 842.829, -103.378 },
  { "autolab-nova.txt", "autolab", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "relaxis.txt", "relaxis", 2, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "ivium.txt", "ivium", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "zahner.ism", "zahner-ism", 1, 0, 5, 10, 1e5, 842.829, -103.378 },
  { "biologic-ca.mpt", "biologic-mpt", 0, 1, 6, 0, 0, 0, 0 },
  { "gamry-chronoa.DTA", "gamry-dta", 0, 1, 5, 0, 0, 0, 0 },
  { "autolab-ca.txt", "autolab", 0, 1, 4, 0, 0, 0, 0 },
  { "palmsens-ca.csv", "palmsens-csv", 0, 1, 5, 0, 0, 0, 0 },
  { "ivium-ca.txt", "csv", 0, 1, 5, 0, 0, 0, 0 },
};

static EisDataFile *
import_data_file (const char *name, const char *format)
{
  char *path = data_path (name);
  EisImportOptions opt = { .format = format, .columns = NULL };
  EisDataFile *f = NULL;
  EisError err = { 0 };
  int rc = eis_import (path, &opt, &f, &err);
  if (rc != EIS_OK)
    print_error ("%s: %s\n", path, err.message);
  free (path);
  assert_int_equal (rc, EIS_OK);
  return f;
}

static void
test_vendor_formats (void **state)
{
  (void) state;
  for (size_t k = 0; k < sizeof format_cases / sizeof format_cases[0]; k++)
    {
      const FormatCase *c = &format_cases[k];
      /* detected from content, and also when forced by name */
      for (int forced = 0; forced < 2; forced++)
        {
          EisDataFile *f = import_data_file (c->file, forced ? c->format : NULL);
          if (strcmp (f->format, c->format) != 0)
            print_error ("%s: format %s, expected %s\n", c->file, f->format, c->format);
          assert_string_equal (f->format, c->format);
          assert_int_equal (f->n_spectra, c->n_spectra);
          assert_int_equal (f->n_series, c->n_series);
          for (size_t i = 0; i < f->n_spectra; i++)
            {
              EisSpectrum *s = f->spectra[i];
              assert_int_equal (s->n, c->n_points);
              assert_rel (s->freq_hz[0], c->f_min, 1e-6);
              assert_rel (s->freq_hz[s->n - 1], c->f_max, 1e-6);
              double scale = strcmp (c->format, "relaxis") == 0 ? (double) (i + 1)
                             : strcmp (c->format, "biologic-mpt") == 0 && i == 1 ? 1.01 : 1;
              assert_rel (s->z_re[0], c->re_min * scale, 2e-6);
              if (scale == 1 || strcmp (c->format, "relaxis") == 0)
                assert_rel (s->z_im[0], c->im_min * scale, 2e-6);
              for (size_t j = 0; j < s->n; j++)
                assert_true (s->z_im[j] < 0);   /* every point of the test spectrum is capacitive */
              assert_string_equal (s->format, c->format);
            }
          for (size_t i = 0; i < f->n_series; i++)
            assert_int_equal (f->series[i]->n, c->n_points);
          eis_data_file_free (f);
        }
    }
}

static void
test_vendor_details (void **state)
{
  (void) state;
  EisDataFile *f = import_data_file ("biologic-peis.mpt", NULL);
  assert_int_equal (f->spectra[0]->cycle, 1);
  assert_int_equal (f->spectra[1]->cycle, 2);
  assert_rel (f->spectra[0]->area_cm2, 0.785, 1e-12);
  assert_non_null (f->spectra[0]->time_s);
  assert_rel (f->spectra[1]->time_s[0], 240, 1e-12);   /* the 10 Hz point of cycle 2 */
  assert_string_equal (eis_meta_get (&f->meta, "instrument"), "SP-200 (SN 0000)");
  assert_string_equal (eis_meta_get (&f->meta, "software"), "EC-Lab v11.50");
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "01/02/2024 10:11:12.000");
  assert_string_equal (eis_meta_get (&f->meta, "applied_voltage_v"), "0.01");
  assert_string_equal (eis_meta_get (&f->spectra[1]->meta, "technique"),
                       "Potentio Electrochemical Impedance Spectroscopy");
  eis_data_file_free (f);

  /* VersaStudio: a segment of DC rows only (frequency 0) is a DC series; so are the DC rows
   * of a generic table that has time and current columns beside the impedance */
  f = import_ok ("dc.par", "<Application>\nName=VersaStudio\n</Application>\n<Segment1>\n"
                 "Definition=Segment #, Point #, E(V), I(A), Elapsed Time(s), ADC Sync Input(V), "
                 "Current Range, Status, E Applied(V), Frequency(Hz), E Real, E Imag, I Real, "
                 "I Imag, Z Real, Z Imag\n"
                 "0,0,0.01,2.5E-06,600,0,5,0,0.01,0,0,0,0,0,0,0\n"
                 "0,1,0.01,2.25E-06,610,0,5,0,0.01,0,0,0,0,0,0,0\n</Segment1>\n", NULL);
  assert_string_equal (f->format, "versastudio-par");
  assert_int_equal (f->n_spectra, 0);
  assert_int_equal (f->n_series, 1);
  assert_rel (f->series[0]->current_a[1], 2.25e-6, 1e-12);
  assert_rel (f->series[0]->time_s[1], 610, 0);
  eis_data_file_free (f);
  f = import_ok ("vs.csv", "Frequency (Hz),Zre (ohms),Zim (ohms),Current (A),Elapsed Time (s)\n"
                 "0,0,0,2.5E-06,600\n0,0,0,2.25E-06,610\n1000,17.9048,-67.2914,0,620\n"
                 "100,343.155,-411.674,0,630\n", NULL);
  assert_int_equal (f->n_spectra, 1);
  assert_int_equal (f->spectra[0]->n, 2);
  assert_int_equal (f->n_series, 1);
  assert_rel (f->series[0]->current_a[0], 2.5e-6, 1e-12);
  eis_data_file_free (f);
  /* column names of public files: "Data Real"/"Data Imag", "Zprime"/"Zbis" */
  f = import_ok ("lin.csv", "Frequency,Data Real,Data Imag\n1000,17.9048,-67.2914\n100,343.155,-411.674\n", NULL);
  assert_rel (f->spectra[0]->z_im[0], -411.674, 1e-12);
  eis_data_file_free (f);

  /* IviumSoft .idf: chronoamperometry (time, current, potential), chronopotentiometry
   * (time, potential, current), decimal commas, and what is refused */
  f = import_ok ("ca.idf", "Title=hold\nTechnique=ChronoAmperometry\nprimary_data\n3\n3\n"
                 "0 2.5E-06 0.01\n1 2,25E-06 0,01\n2 2.125E-06 0.01\n", NULL);
  assert_string_equal (f->format, "ivium-idf");
  assert_int_equal (f->n_series, 1);
  assert_rel (f->series[0]->current_a[1], 2.25e-6, 1e-12);
  assert_rel (f->series[0]->voltage_v[2], 0.01, 1e-12);
  assert_string_equal (eis_meta_get (&f->series[0]->meta, "technique"), "ChronoAmperometry");
  eis_data_file_free (f);
  f = import_ok ("cp.idf", "Title=gal\nTechnique=ChronoPotentiometry\nprimary_data\n3\n2\n"
                 "0 0.01 2.5E-06\n1 0.011 2.5E-06\n", NULL);
  assert_rel (f->series[0]->current_a[1], 2.5e-6, 1e-12);
  assert_rel (f->series[0]->voltage_v[1], 0.011, 1e-12);
  eis_data_file_free (f);
  const char *idf_short = "Title=x\nTechnique=Impedance\nprimary_data\n3\n5\n1 -1 1000\n2 -2 100\n";
  import_fails ("short.idf", idf_short, strlen (idf_short), NULL, EIS_ERR_FORMAT,
                "short.idf:3: the block promises 5 points, the file ends after 2", NULL);
  const char *idf_cv = "Title=x\nTechnique=CyclicVoltammetry\nprimary_data\n3\n2\n0 1 2\n1 2 3\n";
  import_fails ("cv.idf", idf_cv, strlen (idf_cv), NULL, EIS_ERR_FORMAT,
                "cv.idf:3: a CyclicVoltammetry measurement", NULL);
  const char *idf_bad = "Title=x\nTechnique=Impedance\nprimary_data\n3\n2\n1 -1 1000\n2 x 100\n";
  import_fails ("bad.idf", idf_bad, strlen (idf_bad), NULL, EIS_ERR_FORMAT,
                "bad.idf:7: expected 3 numbers, found \"2 x 100\"", NULL);

  /* GEIS: the "vs." line of a current (<None>) is no reference of a potential */
  f = import_ok ("geis.mpt", "EC-Lab ASCII FILE\nNb header lines : 7\n\nGalvano Electrochemical Impedance Spectroscopy\n"
                 "Is                  0.380               \nvs.                 <None>              \n"
                 "freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\n1000\t17.9048\t67.2914\n100\t343.155\t411.674\n", NULL);
  assert_string_equal (f->format, "biologic-mpt");
  assert_null (eis_meta_get (&f->meta, "applied_voltage_vs"));
  assert_rel (f->spectra[0]->z_im[0], -411.674, 1e-12);
  eis_data_file_free (f);

  f = import_data_file ("biologic-ca.mpt", NULL);
  EisSeries *se = f->series[0];
  assert_rel (se->time_s[5], 300, 1e-12);
  assert_rel (se->current_a[0], 0.025e-3, 1e-12);   /* I/mA */
  assert_rel (se->voltage_v[0], 0.0101, 1e-12);
  eis_data_file_free (f);

  f = import_data_file ("gamry-eis.DTA", NULL);
  assert_rel (f->spectra[0]->temperature_k, 298.15, 1e-12);   /* mean of 25.5 and 24.5 °C */
  assert_rel (f->spectra[0]->area_cm2, 0.785, 1e-12);
  assert_string_equal (eis_meta_get (&f->meta, "aborted"), "yes");
  assert_string_equal (eis_meta_get (&f->meta, "software"), "Gamry Framework 7.8.4");
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "1/2/2024 10:11:12");
  eis_data_file_free (f);

  /* Gamry: drift-corrected columns preferred; an open Temp input (1467 degC) is no
   * temperature; a NOTES count larger than the notes does not swallow the header */
  f = import_ok ("drift.DTA",
                 "EXPLAIN\nTAG\tEISPOT\nNOTES\tNOTES\t3\t&Notes...\n\t\n"
                 "PSTAT\tPSTAT\tREF600-12345\tPotentiostat\n"
                 "ZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZrealDrCor\tZimagDrCor\tTemp\n"
                 "\t#\ts\tHz\tohm\tohm\tohm\tohm\tdeg C\n"
                 "\t0\t1\t1000\t17.9\t-67.3\t17.95\t-67.25\t1467.25\n"
                 "\t1\t2\t100\t343.1\t-411.6\t343.2\t-411.7\t1467.31\n", NULL);
  assert_string_equal (f->format, "gamry-dta");
  assert_rel (f->spectra[0]->z_re[0], 343.2, 1e-12);
  assert_rel (f->spectra[0]->z_im[1], -67.25, 1e-12);
  assert_true (isnan (f->spectra[0]->temperature_k));
  assert_non_null (strstr (eis_meta_get (&f->spectra[0]->meta, "note"), "drift-corrected"));
  assert_string_equal (eis_meta_get (&f->meta, "instrument"), "REF600-12345");
  eis_data_file_free (f);

  f = import_data_file ("gamry-chronoa.DTA", NULL);
  se = f->series[0];
  assert_rel (se->time_s[1], 0.5, 1e-12);
  assert_rel (se->current_a[0], 2.1e-6, 1e-5);
  assert_rel (se->voltage_v[3], 0.01, 1e-12);
  assert_true (isnan (se->temperature_k));   /* -327.61 °C: no probe */
  assert_string_equal (eis_meta_get (&f->meta, "applied_voltage_v"), "0.01");
  eis_data_file_free (f);

  f = import_data_file ("relaxis.txt", NULL);
  assert_string_equal (eis_meta_get (&f->spectra[1]->meta, "relaxis_TM"), "35");
  eis_data_file_free (f);

  f = import_data_file ("zahner.ism", NULL);
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "2024-01-02 10:11:12");
  assert_string_equal (eis_meta_get (&f->meta, "comments"), "0.01V, Ampl: 10mV");
  eis_data_file_free (f);

  f = import_data_file ("autolab-ca.txt", NULL);
  assert_rel (f->series[0]->current_a[0], 1e-6, 1e-12);
  assert_rel (f->series[0]->voltage_v[0], 0.01, 1e-12);
  eis_data_file_free (f);

  f = import_data_file ("par-parstat.txt", NULL);   /* the DC hold (frequency 0) as a series */
  se = f->series[0];
  assert_rel (se->time_s[4], 40, 1e-15);
  assert_rel (se->current_a[0], 2.125e-6, 1e-15);
  assert_rel (se->voltage_v[2], 0.01, 1e-15);
  eis_data_file_free (f);

  /* PSTrace CA export: bare units as column names; IviumSoft DC export in mA */
  f = import_data_file ("palmsens-ca.csv", NULL);
  assert_rel (f->series[0]->current_a[1], 1.75065e-6, 1e-12);
  assert_rel (f->series[0]->time_s[4], 2, 1e-15);
  assert_string_equal (eis_meta_get (&f->meta, "technique"), "Chronoamperometry");
  eis_data_file_free (f);
  /* PSTrace curves exported together: side by side, a shorter one ending in empty fields */
  f = import_ok ("ps-curves.csv",
                 "Date and time:,2024-11-05 10:00:00\r\nNotes:\r\n,,,\r\n"
                 "Chronoamperometry: CA i vs t,,Chronoamperometry [1]: CA i vs t,\r\n"
                 "Date and time measurement:,2024-11-05 09:50:00,Date and time measurement:,2024-11-05 09:55:00\r\n"
                 "s,\xc2\xb5" "A,s,\xc2\xb5" "A\r\n0,2.9125,0,3.5\r\n0.5,1.75065,0.5,2.1\r\n"
                 "1,1.12876,1,1.4\r\n1.5,0.795887,,\r\n\r\n", NULL);
  assert_string_equal (f->format, "palmsens-csv");
  assert_int_equal (f->n_series, 2);
  assert_int_equal (f->series[0]->n, 4);
  assert_int_equal (f->series[1]->n, 3);
  assert_rel (f->series[1]->current_a[2], 1.4e-6, 1e-12);
  assert_string_equal (eis_meta_get (&f->series[1]->meta, "start_time"), "2024-11-05 09:55:00");
  assert_string_equal (eis_meta_get (&f->series[1]->meta, "technique"), "Chronoamperometry [1]: CA i vs t");
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "2024-11-05 09:50:00");
  eis_data_file_free (f);
  f = import_data_file ("ivium-ca.txt", NULL);
  assert_rel (f->series[0]->current_a[1], 1.75065e-6, 1e-12);   /* I /mA */
  assert_rel (f->series[0]->voltage_v[1], 0.01, 1e-12);
  eis_data_file_free (f);
  f = import_data_file ("ivium.txt", NULL);
  assert_string_equal (eis_meta_get (&f->meta, "software"), "IviumSoft");
  eis_data_file_free (f);

  /* NOVA chronoamperometry with semicolons and decimal commas */
  f = import_ok ("nova-ca.txt", "Time (s);WE(1).Current (A);WE(1).Potential (V)\n"
                 "0,1;1,5E-06;0,01\n0,2;1,25E-06;0,01\n", NULL);
  assert_string_equal (f->format, "autolab");
  assert_rel (f->series[0]->current_a[1], 1.25e-6, 1e-12);
  assert_rel (f->series[0]->time_s[1], 0.2, 1e-12);
  eis_data_file_free (f);

  /* NOVA exports every signal a procedure recorded side by side (layouts of public exports,
   * our numbers): a sweep after a voltammetry, with "ω (rad/s)" next to "Frequency (Hz)", two
   * "Time (s)" columns, a blank first line, and rows of the other part with the impedance
   * fields empty; the spectrum's time is the one after the frequency. */
  f = import_ok ("nova-mixed.txt",
                 "\nIndex;Time (s);WE(1).Current (A);WE(1).Potential (V);Scan;\xcf\x89 (rad/s);"
                 "Frequency (Hz);Z' (\xce\xa9);-Z'' (\xce\xa9);Z (\xce\xa9);-Phase (\xc2\xb0);Time (s)\n"
                 "1;500.5;1.9E-07;-0.0145;3;628318.530717959;100000;12.5005;0.677255;12.5188;3.10115;900\n"
                 "2;;;;;62831.8530717959;10000;12.5544;6.77211;14.2644;28.3434;902\n"
                 "3;;;;;6283.18530717959;1000;17.9048;67.2914;69.6328;75.1;904\n"
                 "4;501.5;1.7E-07;-0.0169;3;;;;;;;\n"
                 "5;;;;;;;;;;;\n", NULL);
  assert_string_equal (f->format, "autolab");
  assert_int_equal (f->n_spectra, 1);
  assert_int_equal (f->spectra[0]->n, 3);
  assert_rel (f->spectra[0]->freq_hz[0], 1000, 0);
  assert_rel (f->spectra[0]->z_im[0], -67.2914, 1e-12);
  assert_rel (f->spectra[0]->time_s[0], 904, 0);
  assert_null (eis_meta_get (&f->spectra[0]->meta, "warning"));
  eis_data_file_free (f);
  /* NOVA 2 chronoamperometry: "Corrected time (s)" (zero at the step) preferred to "Time (s)",
   * a text column "Current range" */
  f = import_ok ("nova-ca2.txt",
                 "Time (s);WE(1).Potential (V);WE(1).Current (A);Corrected time (s);Index;Current range\n"
                 "1.74;0.01;2.5E-06;0;1;10 \xc2\xb5A\n1.75;0.01;2.25E-06;0.01;2;10 \xc2\xb5A\n"
                 "1.76;0.01;2.125E-06;0.02;3;1 \xc2\xb5A\n", NULL);
  assert_string_equal (f->format, "autolab");
  assert_int_equal (f->series[0]->n, 3);
  assert_rel (f->series[0]->time_s[0], 0, 0);
  assert_rel (f->series[0]->time_s[2], 0.02, 1e-12);
  assert_rel (f->series[0]->current_a[2], 2.125e-6, 1e-12);
  assert_rel (f->series[0]->voltage_v[1], 0.01, 1e-12);
  eis_data_file_free (f);
  /* tab-separated, the first columns of later rows empty */
  f = import_ok ("nova-tab.txt",
                 "Column 1 (V)\tScan\tTime (s)\tWE(1).Current (A)\tWE(1).Potential (V)\tIndex\n"
                 "0.7\t1\t0.5\t2.5E-06\t0.01\t1\n\t1\t1\t2.25E-06\t0.01\t2\n"
                 "\t1\t1.5\t2.125E-06\t0.01\t3\n", NULL);
  assert_int_equal (f->series[0]->n, 3);
  assert_rel (f->series[0]->current_a[2], 2.125e-6, 1e-12);
  assert_rel (f->series[0]->time_s[1], 1, 0);
  eis_data_file_free (f);
  /* a fit or simulation result reads, but says what it is */
  f = import_ok ("nova-fit.txt",
                 "Z' (\xce\xa9);-Z'' (\xce\xa9);Error Z' (%);Error Z'' (%);Frequency (Hz);Convergence\n"
                 "12.5005;0.677255;0.1;0.2;100000;1\n17.9048;67.2914;0.1;0.2;1000;1\n", NULL);
  assert_non_null (strstr (eis_meta_get (&f->spectra[0]->meta, "warning"), "fit or simulation"));
  eis_data_file_free (f);

  /* ZPlotW 2.6b: the header read by meaning (the layout of public ZPlotW files) */
  f = import_data_file ("zplotw.z", NULL);
  assert_string_equal (eis_meta_get (&f->meta, "software"), "ZPlotW Data File: Version 2.6b");
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "01-02-2024 10:11:12");
  assert_string_equal (eis_meta_get (&f->meta, "open_circuit_potential_v"), "0.012");
  assert_string_equal (eis_meta_get (&f->meta, "technique"), "Sweep Frequency, Control Voltage");
  assert_string_equal (eis_meta_get (&f->meta, "title"), "C:\\SAI\\ZData\\pellet.z");
  assert_non_null (strstr (eis_meta_get (&f->meta, "comments"), "modified in ZView"));
  assert_non_null (strstr (eis_meta_get (&f->meta, "comments"), "Low frequencies have been deleted"));
  assert_rel (f->spectra[0]->time_s[4], 1, 0);      /* rows highest frequency first */
  assert_rel (f->spectra[0]->z_im[0], -103.378, 1e-12);
  assert_null (eis_meta_get (&f->spectra[0]->meta, "warning"));
  eis_data_file_free (f);

  f = import_data_file ("palmsens.csv", NULL);
  assert_string_equal (eis_meta_get (&f->meta, "encoding"), "utf-16le");
  assert_string_equal (eis_meta_get (&f->meta, "technique"), "Impedance Spectroscopy");
  eis_data_file_free (f);
}

/* PalmSens .pssession: what the sample holds, the sign and unit conventions, older lower-case
 * keys, |Z|/phase only, and JSON that is damaged in every way we could think of. */
static void
test_pssession (void **state)
{
  (void) state;
  EisDataFile *f = import_data_file ("palmsens.pssession", NULL);
  assert_string_equal (eis_meta_get (&f->meta, "encoding"), "utf-16le");
  assert_string_equal (eis_meta_get (&f->meta, "software"), "PalmSens PSTrace 5.9.4515.30318");
  EisSpectrum *s = f->spectra[0];
  assert_rel (s->z_im[4], -0.677255, 1e-12);        /* the ZIm array holds -Z'' */
  assert_rel (s->z_re[4], 12.5005, 1e-12);
  assert_string_equal (eis_meta_get (&s->meta, "technique"), "Impedance Spectroscopy");
  assert_string_equal (eis_meta_get (&s->meta, "start_time"), "2024-01-02 10:11:12");
  assert_string_equal (eis_meta_get (&s->meta, "channel"), "CH 1: 5 freqs");
  EisSeries *se = f->series[0];
  assert_rel (se->time_s[1], 0.5, 1e-15);
  assert_rel (se->current_a[0], 2.9125e-6, 1e-12);  /* MicroAmpere unit with symbol "A" */
  assert_rel (se->current_a[4], 0.617712e-6, 1e-12);
  assert_string_equal (eis_meta_get (&se->meta, "technique"), "Chronoamperometry");
  eis_data_file_free (f);

  /* older PSTrace: lower-case keys, no quantity (Description only), no trailing BOM */
  const char *old =
    "{\"type\":\"PalmSens.DataFiles.SessionFile\",\"measurements\":[{\"title\":\"EIS\","
    "\"eisdatalist\":[{\"dataset\":{\"values\":["
    "{\"description\":\"Frequency\",\"unit\":{\"s\":\"Hz\"},\"datavalues\":[{\"v\":1000},{\"v\":10}]},"
    "{\"description\":\"ZRe\",\"unit\":{\"s\":\"kOhm\"},\"datavalues\":[{\"v\":0.0179048},{\"v\":0.842829}]},"
    "{\"description\":\"ZIm\",\"datavalues\":[{\"v\":67.2914},{\"v\":103.378}]}]}}]}]}";
  f = import_ok ("old.pssession", old, NULL);
  assert_string_equal (f->format, "palmsens-pssession");
  assert_rel (f->spectra[0]->z_re[0], 842.829, 1e-12);
  assert_rel (f->spectra[0]->z_im[0], -103.378, 1e-12);
  eis_data_file_free (f);

  /* one EISDataList entry per channel (multiplexer): each spectrum named by its own channel */
  const char *mux =
    "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[{\"Title\":\"EIS\","
    "\"EISDataList\":["
    "{\"Title\":\"CH 1: 2 freqs\",\"DataSet\":{\"Values\":["
    "{\"ArrayType\":5,\"DataValues\":[{\"V\":1000},{\"V\":10}]},"
    "{\"ArrayType\":7,\"DataValues\":[{\"V\":17.9048},{\"V\":842.829}]},"
    "{\"ArrayType\":8,\"DataValues\":[{\"V\":67.2914},{\"V\":103.378}]}]}},"
    "{\"Title\":\"CH 2: 2 freqs\",\"DataSet\":{\"Values\":["
    "{\"ArrayType\":5,\"DataValues\":[{\"V\":1000},{\"V\":10}]},"
    "{\"ArrayType\":7,\"DataValues\":[{\"V\":18.9048},{\"V\":843.829}]},"
    "{\"ArrayType\":8,\"DataValues\":[{\"V\":68.2914},{\"V\":104.378}]}]}}]}]}";
  f = import_ok ("mux.pssession", mux, NULL);
  assert_int_equal (f->n_spectra, 2);
  assert_string_equal (eis_meta_get (&f->spectra[0]->meta, "channel"), "CH 1: 2 freqs");
  assert_string_equal (eis_meta_get (&f->spectra[1]->meta, "channel"), "CH 2: 2 freqs");
  assert_rel (f->spectra[1]->z_im[0], -104.378, 1e-12);
  eis_data_file_free (f);

  /* |Z| and -phase only, from the measurement's own data set; escapes in strings */
  const char *polar =
    "\xef\xbb\xbf{ \"Type\": \"PalmSens.DataFiles.SessionFile\", \"Measurements\": [ {"
    "\"Title\": \"EIS \\\"fast\\\" \\u00b5\", \"DataSet\": {\"Values\": ["
    "{\"ArrayType\": 5, \"DataValues\": [100, 10]},"
    "{\"Unit\": {\"Type\": \"PalmSens.Units.Z\", \"S\": \"\\u03a9\", \"Q\": \"Z\"}, \"DataValues\": [{\"V\": 535.939}, {\"V\": 849.145}]},"
    "{\"Unit\": {\"Type\": \"PalmSens.Units.Phase\", \"S\": \"\\u00b0\", \"Q\": \"-Phase\"}, \"DataValues\": [{\"V\": 50.1868}, {\"V\": 6.99274}]}"
    "]}} ] }\n\xef\xbb\xbf";
  f = import_ok ("polar.pssession", polar, NULL);
  s = f->spectra[0];
  assert_rel (s->z_re[0], 849.145 * cos (6.99274 * M_PI / 180), 1e-12);
  assert_rel (s->z_im[0], -849.145 * sin (6.99274 * M_PI / 180), 1e-12);
  assert_string_equal (eis_meta_get (&s->meta, "technique"), "EIS \"fast\" \xc2\xb5");
  eis_data_file_free (f);

  /* damaged JSON: line and column of the fault */
  const char *trunc = "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[{\"Title\":\"x\",";
  import_fails ("t.pssession", trunc, strlen (trunc), NULL, EIS_ERR_FORMAT,
                "t.pssession:1:", "JSON: expected a member name", "the end of the file", NULL);
  const char *garbage = "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\n\"Measurements\":[1,2 3]}";
  import_fails ("g.pssession", garbage, strlen (garbage), NULL, EIS_ERR_FORMAT,
                "g.pssession:2:21: JSON: expected ',' or ']', found '3'", NULL);
  const char *unterminated = "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[\"abc]}";
  import_fails ("u.pssession", unterminated, strlen (unterminated), NULL, EIS_ERR_FORMAT,
                "u.pssession", "closing '\"' of a string", NULL);
  const char *badnum = "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[-.5]}";
  import_fails ("n.pssession", badnum, strlen (badnum), NULL, EIS_ERR_FORMAT,
                "n.pssession:1:58: JSON: expected a number", NULL);
  const char *tail = "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[]} x";
  import_fails ("x.pssession", tail, strlen (tail), NULL, EIS_ERR_FORMAT,
                "x.pssession:1:61", "end of the data", NULL);
  const char *nomeas = "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Curves\":[]}";
  import_fails ("m.pssession", nomeas, strlen (nomeas), NULL, EIS_ERR_FORMAT,
                "m.pssession", "\"Measurements\"", NULL);
  const char *cv =
    "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[{\"Title\":\"Cyclic Voltammetry\","
    "\"Curves\":[{\"XAxisDataArray\":{\"Unit\":{\"Q\":\"Potential\"},\"DataValues\":[{\"V\":0.1},{\"V\":0.2}]},"
    "\"YAxisDataArray\":{\"Unit\":{\"Q\":\"Current\"},\"DataValues\":[{\"V\":1},{\"V\":2}]}}],\"EISDataList\":[]}]}";
  import_fails ("cv.pssession", cv, strlen (cv), NULL, EIS_ERR_FORMAT, "cv.pssession",
                "no impedance data", "Cyclic Voltammetry", NULL);
  const char *notnum =
    "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[{\"Title\":\"EIS\",\"DataSet\":{\"Values\":["
    "{\"Unit\":{\"Q\":\"Frequency\"},\"DataValues\":[{\"V\":100},{\"V\":\"ten\"}]}]}}]}";
  import_fails ("v.pssession", notnum, strlen (notnum), NULL, EIS_ERR_FORMAT,
                "v.pssession: measurement 1 (EIS)", "value 2 is not a number", NULL);
  const char *mismatch =
    "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[{\"Title\":\"EIS\",\"DataSet\":{\"Values\":["
    "{\"Unit\":{\"Q\":\"Frequency\"},\"DataValues\":[100,10,1]},{\"Unit\":{\"Q\":\"Z'\"},\"DataValues\":[1,2]},"
    "{\"Unit\":{\"Q\":\"-Z''\"},\"DataValues\":[1,2]}]}}]}";
  import_fails ("l.pssession", mismatch, strlen (mismatch), NULL, EIS_ERR_FORMAT,
                "l.pssession: measurement 1 (EIS)", "3 values", NULL);
  const char *onept =
    "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[{\"Title\":\"EIS\",\"DataSet\":{\"Values\":["
    "{\"Unit\":{\"Q\":\"Frequency\"},\"DataValues\":[100]},{\"Unit\":{\"Q\":\"Z'\"},\"DataValues\":[1]},"
    "{\"Unit\":{\"Q\":\"-Z''\"},\"DataValues\":[1]}]}}]}";
  import_fails ("p.pssession", onept, strlen (onept), NULL, EIS_ERR_DATA,
                "p.pssession: measurement 1 (EIS): spectrum 1 has 1 point", NULL);

  /* nesting a million levels deep: refused at the limit, no stack overflow */
  size_t depth = 1000000, len = 60 + 2 * depth;
  char *deep = malloc (len + 1);
  assert_non_null (deep);
  size_t k = (size_t) snprintf (deep, len, "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":");
  for (size_t i = 0; i < depth && k < len; i++)
    deep[k++] = '[';
  deep[k] = '\0';
  import_fails ("d.pssession", deep, k, NULL, EIS_ERR_FORMAT, "d.pssession:1:", "deeper than", NULL);
  free (deep);
}

/* Appends big-endian float64 X at *P. */
static void
put_be_f64 (unsigned char **p, double x)
{
  uint64_t u;
  memcpy (&u, &x, 8);
  for (int i = 7; i >= 0; i--)
    *(*p)++ = (unsigned char) (u >> (8 * i));
}

/* A Zahner .ism as Thales writes a sweep that starts at 1 kHz: up to 100 kHz, then down across
 * the whole range to 10 Hz, so 1 kHz and 10 kHz are measured twice. The points before the
 * reversal are left out (as Zahner Analysis does), the rest read as Z = |Z| e^{j phase}, and the
 * time stamps (s since 1980) become seconds from the first point kept. */
static void
test_zahner_reversal (void **state)
{
  (void) state;
  static const double fr[] = { 1000, 10000, 100000, 50000, 10000, 1000, 100, 10 };
  const size_t k = sizeof fr / sizeof fr[0];
  unsigned char buf[1024], *p = buf;
  static const unsigned char head[12] = { 0, 0, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0, 0, 7 };
  memcpy (p, head, 12);
  p += 12;
  double complex z[8];
  for (size_t i = 0; i < k; i++)
    z[i] = 12.5 + 843.2 / (1 + I * 2 * M_PI * fr[i] * 843.2 * 2.35e-6) + 0.001 * (double) i;
  for (size_t i = 0; i < k; i++)
    put_be_f64 (&p, fr[i]);
  for (size_t i = 0; i < k; i++)
    put_be_f64 (&p, cabs (z[i]));
  for (size_t i = 0; i < k; i++)
    put_be_f64 (&p, carg (z[i]));
  for (size_t i = 0; i < k; i++)
    put_be_f64 (&p, 1388657472.0 + 3.0 * (double) i);   /* 2024-01-02 10:11:12 and on */
  memset (p, 0, 2 * k);                                  /* significances */
  p += 2 * k;
  EisDataFile *f = NULL;
  EisError err = { 0 };
  EisImportOptions opt = { .format = NULL, .columns = NULL };
  int rc = eis_import_buffer ("rev.ism", (const char *) buf, (size_t) (p - buf), &opt, &f, &err);
  if (rc != EIS_OK)
    print_error ("%s\n", err.message);
  assert_int_equal (rc, EIS_OK);
  assert_string_equal (f->format, "zahner-ism");
  EisSpectrum *s = f->spectra[0];
  assert_int_equal (s->n, 6);
  assert_rel (s->freq_hz[0], 10, 0);                    /* ascending after the import */
  assert_rel (s->z_re[0], creal (z[7]), 1e-12);
  assert_rel (s->z_im[0], cimag (z[7]), 1e-12);
  assert_rel (s->z_re[2], creal (z[5]), 1e-12);         /* 1 kHz from the downward sweep */
  assert_rel (s->time_s[0], 15, 1e-9);                  /* 5 points after the reversal */
  assert_rel (s->time_s[5], 0, 0);
  assert_non_null (strstr (eis_meta_get (&s->meta, "note"), "2 of the file's 8 points"));
  /* no strings after the table: the start time comes from the first time stamp */
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "2024-01-02 10:11:18");
  assert_string_equal (eis_meta_get (&f->meta, "software"), "Zahner Thales/Analysis (.ism)");
  eis_data_file_free (f);
  /* fuzzer find: time stamps that are not numbers give no times and no start, not a crash */
  memset (buf + 12 + 3 * 8 * k, 0xff, 8 * k);
  rc = eis_import_buffer ("nan.ism", (const char *) buf, (size_t) (p - buf), &opt, &f, &err);
  assert_int_equal (rc, EIS_OK);
  assert_null (eis_meta_get (&f->meta, "start_time"));
  assert_true (isnan (f->spectra[0]->time_s[0]));
  eis_data_file_free (f);
}

/* An EC-Lab .mpr (module layout before 11.50, data module version 3: rows at 0x196) of 3
 * points with the column IDS; every column is SIZE[i] bytes (4: float32, 8: float64), the first
 * three are freq/Hz, Re(Z)/Ohm and -Im(Z)/Ohm. Returns the length written to BUF. */
static size_t
make_mpr (unsigned char *buf, const unsigned *ids, const int *size, size_t ncol,
          const double (*vals)[7])
{
  static const double fr[3] = { 1000, 100, 10 }, re[3] = { 17.9048, 343.155, 842.829 },
    mim[3] = { 67.2914, 411.674, 103.378 };
  memset (buf, 0, 4096);
  memcpy (buf, "BIO-LOGIC MODULAR FILE\x1a", 23);
  size_t p = 0x34;
  memcpy (buf + p, "MODULEVMP data  VMP data", 24);
  size_t row = 0;
  for (size_t i = 0; i < ncol; i++)
    row += (size_t) size[i];
  size_t len = 0x196 + 3 * row;
  unsigned char *h = buf + p + 6;
  for (int b = 0; b < 4; b++)
    h[35 + b] = (unsigned char) (len >> (8 * b));
  h[39] = 3;
  memcpy (h + 43, "01/02/24", 8);
  unsigned char *d = buf + p + 57;
  d[0] = 3;
  d[4] = (unsigned char) ncol;
  for (size_t i = 0; i < ncol; i++)
    d[5 + 2 * i] = (unsigned char) (ids[i] & 0xff), d[6 + 2 * i] = (unsigned char) (ids[i] >> 8);
  unsigned char *r = d + 0x196;
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < ncol; i++)
      {
        double v = vals ? vals[k][i] : i == 0 ? fr[k] : i == 1 ? re[k] : i == 2 ? mim[k] : 0.5;
        if (size[i] == 4)
          {
            float x = (float) v;
            memcpy (r, &x, 4);
          }
        else
          memcpy (r, &v, 8);
        r += size[i];
      }
  return (size_t) (r - buf);
}

/* .mpr columns beyond the basic ones: the EIS quality indicators and harmonics, the ids the
 * published readers size differently (498-502: 8 bytes or 4), and ids we do not know. */
static void
test_mpr_columns (void **state)
{
  (void) state;
  static unsigned char buf[4096];
  EisImportOptions opt = { .format = NULL, .columns = NULL };
  EisDataFile *f = NULL;
  EisError err = { 0 };
  struct { unsigned ids[7]; int size[7]; size_t n; int ok; const char *msg; } cases[] = {
    { { 32, 37, 38, 475, 486, 497, 505 }, { 4, 4, 4, 4, 4, 4, 4 }, 7, 1, NULL },
    { { 32, 37, 38, 4, 498, 499 }, { 4, 4, 4, 8, 8, 8 }, 6, 1, NULL },      /* Q charge, 8 bytes */
    { { 32, 37, 38, 4, 498, 499 }, { 4, 4, 4, 8, 4, 4 }, 6, 1, NULL },      /* |Ece h2|, 4 bytes */
    { { 32, 37, 38, 4, 600, 601 }, { 4, 4, 4, 8, 4, 4 }, 6, 1, NULL },      /* unknown, 4 bytes */
    { { 32, 37, 38, 4, 600 }, { 4, 4, 4, 8, 8 }, 5, 1, NULL },              /* one unknown */
    { { 32, 37, 38, 4, 600, 601 }, { 4, 4, 4, 8, 8, 4 }, 6, 0, "2 column ids are not known" },
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
    {
      size_t len = make_mpr (buf, cases[c].ids, cases[c].size, cases[c].n, NULL);
      int rc = eis_import_buffer ("cols.mpr", (const char *) buf, len, &opt, &f, &err);
      if ((rc == EIS_OK) != cases[c].ok)
        print_error ("case %zu: %s\n", c, rc == EIS_OK ? "imported" : err.message);
      if (!cases[c].ok)
        {
          assert_int_not_equal (rc, EIS_OK);
          assert_non_null (strstr (err.message, cases[c].msg));
          continue;
        }
      assert_int_equal (rc, EIS_OK);
      assert_int_equal (f->spectra[0]->n, 3);
      assert_rel (f->spectra[0]->z_re[0], 842.829, 1e-6);
      assert_rel (f->spectra[0]->z_im[2], -67.2914, 1e-6);
      if (cases[c].size[3] == 8 && cases[c].ids[3] == 4)
        assert_rel (f->spectra[0]->time_s[1], 0.5, 0);
      eis_data_file_free (f);
    }
  /* a DC file listing 174 (Phase(Zwe-ce) when Ewe is there too) before Ewe: Ewe is the voltage */
  static const unsigned dc_ids[] = { 4, 8, 174, 6 };
  static const int dc_size[] = { 8, 4, 4, 4 };
  static const double dc_vals[3][7] = { { 0, 0.0025, 45, 0.01 }, { 1, 0.00225, 45, 0.01 },
                                        { 2, 0.002125, 45, 0.01 } };
  size_t len = make_mpr (buf, dc_ids, dc_size, 4, dc_vals);
  assert_int_equal (eis_import_buffer ("dc.mpr", (const char *) buf, len, &opt, &f, &err), EIS_OK);
  assert_int_equal (f->n_series, 1);
  assert_rel (f->series[0]->voltage_v[2], 0.01, 1e-6);
  assert_rel (f->series[0]->current_a[2], 2.125e-6, 1e-6);
  eis_data_file_free (f);
}

/* Reads a test file into memory. */
static char *
slurp (const char *name, size_t *len)
{
  char *path = data_path (name);
  FILE *fp = fopen (path, "rb");
  free (path);
  assert_non_null (fp);
  char *buf = malloc (1 << 20);
  assert_non_null (buf);
  *len = fread (buf, 1, 1 << 20, fp);
  fclose (fp);
  return buf;
}

/* Every importer on truncated, damaged and foreign input: an error, never a crash. */
static void
test_malformed (void **state)
{
  (void) state;
  for (size_t k = 0; k < sizeof format_cases / sizeof format_cases[0]; k++)
    {
      const FormatCase *c = &format_cases[k];
      size_t len;
      char *buf = slurp (c->file, &len);
      EisImportOptions opt = { .format = c->format, .columns = NULL };
      EisDataFile *f = NULL;
      EisError err = { 0 };
      /* every truncation: either imports (fewer points) or fails with a message naming the file */
      for (size_t cut = 0; cut < len; cut += 1 + cut / 16)
        {
          int rc = eis_import_buffer ("cut", buf, cut, &opt, &f, &err);
          if (rc == EIS_OK)
            eis_data_file_free (f);
          else
            {
              assert_null (f);
              assert_non_null (strstr (err.message, "cut"));
            }
        }
      /* flipped bytes */
      for (size_t i = 0; i < len; i += 7)
        {
          char save = buf[i];
          buf[i] = (char) (buf[i] ^ 0x5a);
          int rc = eis_import_buffer ("flip", buf, len, &opt, &f, &err);
          if (rc == EIS_OK)
            eis_data_file_free (f);
          buf[i] = save;
        }
      /* another format's content forced through this importer */
      const char *other = "Frequency (Hz),Z' (Ohm),-Z'' (Ohm)\n10,1,2\n100,3,4\n";
      int rc = eis_import_buffer ("other", other, strlen (other), &opt, &f, &err);
      if (rc == EIS_OK)
        eis_data_file_free (f);
      else
        assert_non_null (strstr (err.message, "other"));
      free (buf);
    }
  /* a .mpr with zero points */
  size_t len;
  char *buf = slurp ("biologic-peis.mpr", &len);
  size_t at = 0;
  for (size_t i = 0; i + 8 < len && at == 0; i++)
    if (memcmp (buf + i, "VMP data", 8) == 0)
      at = i;
  assert_true (at > 0);
  size_t payload = at - 6 + 57;
  memset (buf + payload, 0, 4);
  import_fails ("zero.mpr", buf, len, NULL, EIS_ERR_DATA, "zero.mpr: byte", "no points", NULL);
  import_fails ("short.mpr", buf, payload - 20, NULL, EIS_ERR_FORMAT, "short.mpr: byte", NULL);
  free (buf);
  buf = slurp ("zahner.ism", &len);
  import_fails ("short.ism", buf, 150, NULL, EIS_ERR_FORMAT, "short.ism: byte", "truncated", NULL);
  free (buf);
  const char *gam = "EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n\tPt\tFreq\tZreal\tZimag\n\t#\tHz\tohm\tohm\n\t0\t10\tabc\t-1\n";
  import_fails ("g.DTA", gam, strlen (gam), NULL, EIS_ERR_FORMAT,
                "g.DTA:6: column 3 (\"Zreal\"): expected a number, found \"abc\"", NULL);
  /* ZPlotW / ZView layout: a header that promises more points than the file holds, a DC sweep
   * at a fixed frequency, a header cut before its column line, and more rows than promised */
#define ZVIEW_HEAD(version, sweep, count) \
  "\"" version "\"\r\n\"Raw Data\"\r\n\"" sweep ": Control Voltage\"\r\n" \
  "\"Date: 1-2-2024     \"Time: 10:11:12\"\r\n\"\"\r\n\"\"\r\n\"c.z\"\r\n\"Frequency\"\r\n" \
  "0,2,0,1,10,1000\r\n" count "\r\n" \
  "\"  Freq(Hz)    Ampl     Bias   Time(Sec)   Z'(a)    Z''(b)    GD   Err   Range\"\r\n"
#define ZVIEW_ROWS \
  " 1.000000E+0003,  0.0E+0000,  0.0E+0000,  1.0E+0000,  1.790480E+0001,  -6.729140E+0001,  0.0E+0000, 0, 0\r\n" \
  " 1.000000E+0002,  0.0E+0000,  0.0E+0000,  2.0E+0000,  3.431550E+0002,  -4.116740E+0002,  0.0E+0000, 0, 0\r\n" \
  " 1.000000E+0001,  0.0E+0000,  0.0E+0000,  3.0E+0000,  8.428290E+0002,  -1.033780E+0002,  0.0E+0000, 0, 0\r\n"
  const char *zw = ZVIEW_HEAD ("ZPlotW Data File: Version 2.6b", "Sweep Frequency", "36") ZVIEW_ROWS;
  EisDataFile *f = import_ok ("short.z", zw, NULL);        /* reads what it holds, and says so */
  assert_int_equal (f->spectra[0]->n, 3);
  assert_string_equal (eis_meta_get (&f->spectra[0]->meta, "warning"),
                       "the header announces 36 points (its point count, line 10), the file holds 3: "
                       "cut short?");
  eis_data_file_free (f);
  const char *dc = ZVIEW_HEAD ("ZPlotW Data File: Version 2.6b", "Sweep DC Potential", "3") ZVIEW_ROWS;
  import_fails ("dc.z", dc, strlen (dc), NULL, EIS_ERR_FORMAT,
                "dc.z:3:", "\"Sweep DC Potential\" experiment", "expected a frequency sweep", NULL);
  const char *cut = ZVIEW_HEAD ("ZPlotW Data File: Version 2.6b", "Sweep Frequency", "3");
  import_fails ("cut.z", cut, strlen (cut) - 90, NULL, EIS_ERR_FORMAT, "cut.z:9:", "no rows of numbers", NULL);
  /* written for ZView by other programs: no quotes, no count, own column names; no column line */
  const char *conv = "ZView Calculated Data File: Version 1.1\nRaw Data\nSweep Frequency: Control Voltage\n"
                     "\"\"\n\"\"\nFreq(Hz),DCcurr(A),DCpot(V),Time(S),Zprime(Ohm),Zbis(Ohm),GD,X,Y\n"
                     "1000,0,0,1,17.9048,-67.2914,0,0,0\n100,0,0,2,343.155,-411.674,0,0,0\n";
  f = import_ok ("conv.z60", conv, NULL);
  assert_string_equal (f->format, "zplotw");
  assert_rel (f->spectra[0]->z_im[0], -411.674, 1e-12);
  eis_data_file_free (f);
  /* ZPlotW 3.2c: no path line, an unquoted comment with commas (not the plot settings) */
  const char *z32 = "\"ZPlotW Data File: Version 3.2c\"\n\"Raw Data\"\n\"Sweep Frequency: Control Voltage\"\n"
                    "Date: 12-17-2019    Time: 16:24:35\n1.7 sccm CO, 1.50 sccm CO2, 800 C\n"
                    "\"Open Circuit Potential (V):  0 \"\n\"Frequency\"\n0,3,0,1,300000,0.005\n2\n"
                    "\"  Freq(Hz)    Ampl     Bias   Time(Sec)   Z'(a)    Z''(b)    GD   Err   Range\"\n"
                    "1.000000E+03, 1.0000E-02, 0.0000E+00, 2.580000E+00, 1.7905E+01, -6.7291E+01, 0.0000E+00, 0, 5\n"
                    "1.000000E+02, 1.0000E-02, 0.0000E+00, 3.280000E+00, 3.4316E+02, -4.1167E+02, 0.0000E+00, 0, 5\n";
  f = import_ok ("z32.z", z32, NULL);
  assert_string_equal (f->format, "zplotw");
  assert_string_equal (eis_meta_get (&f->meta, "comments"), "1.7 sccm CO, 1.50 sccm CO2, 800 C");
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "12-17-2019 16:24:35");
  assert_string_equal (eis_meta_get (&f->meta, "open_circuit_potential_v"), "0");
  assert_null (eis_meta_get (&f->meta, "title"));
  assert_rel (f->spectra[0]->z_re[0], 343.16, 1e-12);
  assert_null (eis_meta_get (&f->spectra[0]->meta, "warning"));
  eis_data_file_free (f);
  const char *z2 = "ZPLOT2 ASCII\n  Data Points:                3\n"
                   "  Freq(Hz)\tAmpl\tBias\tTime(Sec)\tZ'(a)\tZ''(b)\tGD\tErr\tRange\nEnd Comments\n"
                   "1000\t0\t0\t1\t17.9048\t-67.2914\t0\t0\t3\n100\t0\t0\t2\t343.155\t-411.674\t0\t0\t3\n";
  f = import_ok ("z2.z", z2, NULL);
  assert_string_equal (f->format, "zplot");
  assert_string_equal (eis_meta_get (&f->spectra[0]->meta, "warning"),
                       "the header announces 3 points (Data Points, line 2), the file holds 2: cut short?");
  eis_data_file_free (f);
  const char *bare = "Z60W Data File: Version 1.1\r\n\r\n\r\n0,2,0,1,0.1,100000\r\n2\r\n"
                     "1000,0,0,0,17.9048,-67.2914,0,0,0\r\n100,0,0,0,343.155,-411.674,0,0,0\r\n";
  f = import_ok ("bare.z60", bare, NULL);
  assert_string_equal (f->format, "z60w");
  assert_int_equal (f->spectra[0]->n, 2);
  assert_null (eis_meta_get (&f->spectra[0]->meta, "warning"));
  eis_data_file_free (f);
  const char *calc = ZVIEW_HEAD ("ZView Calculated Data File: Version 1.1", "Sweep Frequency", "2") ZVIEW_ROWS;
  f = import_ok ("calc.z", calc, NULL);
  assert_string_equal (f->format, "zplotw");
  assert_int_equal (f->spectra[0]->n, 3);
  assert_rel (f->spectra[0]->z_re[1], 343.155, 1e-12);
  assert_non_null (strstr (eis_meta_get (&f->spectra[0]->meta, "warning"), "announces 2 points (its point count, line 10), the file holds 3"));
  eis_data_file_free (f);
  /* fuzzer find: a point count too large for a long is not a count */
  const char *huge = ZVIEW_HEAD ("ZPlotW Data File: Version 2.6b", "Sweep Frequency", "1e300") ZVIEW_ROWS;
  f = import_ok ("huge.z", huge, NULL);
  assert_int_equal (f->spectra[0]->n, 3);
  eis_data_file_free (f);
  const char *mpt = "EC-Lab ASCII FILE\nNb header lines : 40\n\nPEIS\n";
  import_fails ("h.mpt", mpt, strlen (mpt), NULL, EIS_ERR_FORMAT, "h.mpt:2", "40 lines", NULL);
  const char *mpt2 = "EC-Lab ASCII FILE\nNb header lines : x\n";
  import_fails ("h2.mpt", mpt2, strlen (mpt2), NULL, EIS_ERR_FORMAT, "h2.mpt:2", "Nb header lines", NULL);
}

/* The standard 5-point spectrum of the test files (Hz, Ohm; Z'' as Im(Z)), descending in f. */
static const double std_f[5] = { 1e5, 1e4, 1e3, 100, 10 };
static const double std_re[5] = { 12.5005, 12.5544, 17.9048, 343.155, 842.829 };
static const double std_im[5] = { -0.677255, -6.77211, -67.2914, -411.674, -103.378 };

/* S holds the standard spectrum times SCALE, sorted by ascending frequency. */
static void
assert_std_spectrum (const EisSpectrum *s, double scale)
{
  assert_int_equal (s->n, 5);
  for (size_t i = 0; i < 5; i++)
    {
      assert_rel (s->freq_hz[i], std_f[4 - i], 1e-12);
      assert_rel (s->z_re[i], scale * std_re[4 - i], 1e-6);
      assert_rel (s->z_im[i], scale * std_im[4 - i], 1e-6);
    }
}

static void
test_ivium_method_impedance (void **state)
{
  (void) state;
  /* Method=Impedance with Technique=Constant E: what IviumSoft writes for a PEIS */
  EisDataFile *f = import_data_file ("ivium.idf", NULL);
  assert_string_equal (f->format, "ivium-idf");
  assert_int_equal (f->n_spectra, 1);
  assert_std_spectrum (f->spectra[0], 1);
  assert_string_equal (eis_meta_get (&f->spectra[0]->meta, "technique"), "Impedance, Constant E");
  eis_data_file_free (f);

  /* a data set of two measurements: two spectra, each with its own title */
  f = import_data_file ("ivium.ids", NULL);
  assert_int_equal (f->n_spectra, 2);
  assert_int_equal (f->n_series, 0);
  assert_std_spectrum (f->spectra[0], 1);
  assert_std_spectrum (f->spectra[1], 1.5);
  assert_string_equal (eis_meta_get (&f->spectra[0]->meta, "title"), "pellet 25C");
  assert_string_equal (eis_meta_get (&f->spectra[1]->meta, "title"), "pellet 25C 1h");
  eis_data_file_free (f);

  /* galvanostatic EIS reads alike; an impedance measurement that is no frequency scan, and a
   * technique we do not read, are refused by name */
  f = import_ok ("g.idf", "Title=g\nMethod=Impedance\nTechnique=Constant I\nprimary_data\n3\n2\n"
                 "2.385 -1.25 1000\n3.5 -2.75 10\n", NULL);
  assert_rel (f->spectra[0]->z_im[0], -2.75, 1e-15);
  eis_data_file_free (f);
  const char *ms = "Title=m\nMethod=Impedance\nTechnique=Potential scan\nprimary_data\n3\n2\n"
                   "1 -1 0.1\n2 -2 0.2\n";
  import_fails ("ms.idf", ms, strlen (ms), NULL, EIS_ERR_FORMAT, "ms.idf:4:",
                "technique \"Potential scan\"", NULL);
  const char *cv = "Title=c\nMethod=CyclicVoltammetry\nTechnique=Standard\nprimary_data\n3\n2\n"
                   "1 -1 0.1\n2 -2 0.2\n";
  import_fails ("cv.idf", cv, strlen (cv), NULL, EIS_ERR_FORMAT, "cv.idf:4:",
                "CyclicVoltammetry, Standard", NULL);
}

static void
test_p00 (void **state)
{
  (void) state;
  EisDataFile *f = import_data_file ("p00.P00", NULL);
  assert_string_equal (f->format, "p00");
  assert_int_equal (f->n_spectra, 1);
  EisSpectrum *s = f->spectra[0];
  assert_std_spectrum (s, 1);               /* the -Z'' column turned back into Z'' */
  assert_non_null (s->time_s);
  assert_rel (s->time_s[0], 148.0, 1e-12);  /* 10 Hz, measured last */
  assert_rel (s->time_s[4], 12.5, 1e-12);
  assert_int_equal (s->line[4], 7);         /* 100 kHz: the first row */
  assert_string_equal (eis_meta_get (&f->meta, "title"), "LLZO pellet 25C");
  assert_string_equal (eis_meta_get (&f->meta, "start_time"), "02.01.2024 10:11:12");
  eis_data_file_free (f);

  /* the point count is checked against the rows */
  const char *cut = "Procedure : x\nd\nDescription\nt = 1 s\n"
                    " f/Hz \t Z'/Ohm \t -Z''/Ohm \t time/s \t Edc/V \t Idc/A \t\n 3 \n"
                    " 1000\t 2.385\t 1.25\t 1\t 0\t 0\t\n 10\t 3.5\t 2.75\t 2\t 0\t 0\t\n";
  import_fails ("cut.P00", cut, strlen (cut), NULL, EIS_ERR_FORMAT, "cut.P00:6:",
                "says 3 points but holds 2 rows", NULL);
  const char *nocount = "Procedure : x\n f/Hz \t Z'/Ohm \t -Z''/Ohm\n"
                        " 1000\t 2.385\t 1.25\n 10\t 3.5\t 2.75\n";
  import_fails ("nc.P00", nocount, strlen (nocount), NULL, EIS_ERR_FORMAT, "nc.P00:3:",
                "number of points", NULL);
}

static void
test_dfr (void **state)
{
  (void) state;
  EisDataFile *f = import_data_file ("autolab.dfr", NULL);
  assert_string_equal (f->format, "autolab-dfr");
  assert_int_equal (f->n_spectra, 1);
  assert_std_spectrum (f->spectra[0], 1);   /* the file holds -Z'' */
  assert_int_equal (f->spectra[0]->line[4], 4);   /* 100 kHz: the first value after 2 lines */
  assert_string_equal (eis_meta_get (&f->meta, "file_version"), "8.0");
  eis_data_file_free (f);

  /* 3 values per point (the stride comes from the file), decimal commas */
  f = import_ok ("s.dfr", "VERSION8.0\n2\n0\n1000\n2,385\n1,25\n10\n3,5\n2,75\n", NULL);
  assert_string_equal (f->format, "autolab-dfr");
  assert_rel (f->spectra[0]->freq_hz[0], 10, 1e-15);
  assert_rel (f->spectra[0]->z_re[0], 3.5, 1e-15);
  assert_rel (f->spectra[0]->z_im[0], -2.75, 1e-15);
  assert_rel (f->spectra[0]->z_im[1], -1.25, 1e-15);
  eis_data_file_free (f);
  const char *cut = "VERSION8.0\n2\n0\n1000\n2.385\n1.25\n10\n3.5\n";
  import_fails ("cut.dfr", cut, strlen (cut), NULL, EIS_ERR_FORMAT, "cut.dfr:2:",
                "2 points announced", "truncated", NULL);
  const char *text = "VERSION8.0\n2\n0\n1000\n2.385\n1.25\n10\n3.5\nx\n";
  import_fails ("t.dfr", text, strlen (text), NULL, EIS_ERR_FORMAT,
                "t.dfr:9: expected one number on the line, found \"x\"", NULL);
  /* a count the file cannot hold is refused before anything is allocated for it (the fuzzer
   * found a 4 GB allocation from a few bytes) */
  const char *huge = "VERSION8.0\n99999999\n0\n1000\n2.385\n1.25\n";
  import_fails ("huge.dfr", huge, strlen (huge), NULL, EIS_ERR_FORMAT, "huge.dfr:2:",
                "99999999 points announced", "holds only", NULL);
}

static void
test_header_names_round2 (void **state)
{
  (void) state;
  /* mod / phz (degrees) */
  double mod = 2.385, ph = -31.25;
  char buf[256];
  snprintf (buf, sizeof buf, "freq,mod,phz\n1000,%.17g,%.17g\n10,3.5,-12.5\n", mod, ph);
  EisDataFile *f = import_ok ("mp.csv", buf, NULL);
  assert_rel (f->spectra[0]->z_re[1], mod * cos (ph * M_PI / 180), 1e-14);
  assert_rel (f->spectra[0]->z_im[1], mod * sin (ph * M_PI / 180), 1e-14);
  eis_data_file_free (f);
  /* the Unicode minus sign U+2212 negates like '-' */
  f = import_ok ("um.csv", "f,Z',\xe2\x88\x92Z''\n1000,2.385,1.25\n10,3.5,2.75\n", NULL);
  assert_rel (f->spectra[0]->z_im[0], -2.75, 1e-15);
  eis_data_file_free (f);
  f = import_ok ("up.csv", "f,|Z|,\xe2\x88\x92phase\n1000,2.385,31.25\n10,3.5,12.5\n", NULL);
  assert_rel (f->spectra[0]->z_im[1], 2.385 * sin (-31.25 * M_PI / 180), 1e-14);
  eis_data_file_free (f);
  /* the other spellings pyimpspec accepts */
  static const char *const heads[] = {
    "frequency,real,imaginary", "freq,zre,zim", "f,z re,z im", "f,z_re,z_im", "Freq,Re,Im",
    "f,z',z\"", "frequency,real,imag", "f (Hz),Re(Z) (ohm),Im(Z) (ohm)",
  };
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
    {
      snprintf (buf, sizeof buf, "%s\n1000,2.385,-1.25\n10,3.5,-2.75\n", heads[i]);
      f = import_ok ("h.csv", buf, NULL);
      assert_rel (f->spectra[0]->z_re[0], 3.5, 1e-15);
      assert_rel (f->spectra[0]->z_im[0], -2.75, 1e-15);
      eis_data_file_free (f);
    }
  static const char *const polar[] = {
    "f,magnitude,phase", "f,modulus,phi", "frequency,|z|,phase", "freq,mag,phz",
  };
  for (size_t i = 0; i < sizeof polar / sizeof polar[0]; i++)
    {
      snprintf (buf, sizeof buf, "%s\n1000,2.385,-31.25\n10,3.5,-12.5\n", polar[i]);
      f = import_ok ("p.csv", buf, NULL);
      assert_rel (f->spectra[0]->z_im[1], 2.385 * sin (-31.25 * M_PI / 180), 1e-14);
      eis_data_file_free (f);
    }
}

/* A session with a measurement DataSet and one EISDataList entry whose ZRe is RE2. */
static char *
session_both (double re2)
{
  char *buf = malloc (2048);
  snprintf (buf, 2048,
            "{\"Type\":\"PalmSens.DataFiles.SessionFile\",\"Measurements\":[{\"Title\":\"EIS\","
            "\"DataSet\":{\"Values\":["
            "{\"ArrayType\":5,\"DataValues\":[{\"V\":1000},{\"V\":10}]},"
            "{\"ArrayType\":7,\"DataValues\":[{\"V\":2.385},{\"V\":3.5}]},"
            "{\"ArrayType\":8,\"DataValues\":[{\"V\":1.25},{\"V\":2.75}]}]},"
            "\"EISDataList\":[{\"Title\":\"CH 1\",\"DataSet\":{\"Values\":["
            "{\"ArrayType\":5,\"DataValues\":[{\"V\":1000},{\"V\":10}]},"
            "{\"ArrayType\":7,\"DataValues\":[{\"V\":%.17g},{\"V\":3.5}]},"
            "{\"ArrayType\":8,\"DataValues\":[{\"V\":1.25},{\"V\":2.75}]}]}}]}]}", re2);
  return buf;
}

static void
test_pssession_both_datasets (void **state)
{
  (void) state;
  char *same = session_both (2.385);
  EisDataFile *f = import_ok ("same.pssession", same, NULL);
  assert_int_equal (f->n_spectra, 1);
  assert_rel (f->spectra[0]->z_re[1], 2.385, 1e-15);
  assert_rel (f->spectra[0]->z_im[1], -1.25, 1e-15);
  assert_null (eis_meta_get (&f->spectra[0]->meta, "warning"));
  assert_string_equal (eis_meta_get (&f->spectra[0]->meta, "channel"), "CH 1");
  eis_data_file_free (f);
  free (same);
  char *differ = session_both (4.125);
  f = import_ok ("differ.pssession", differ, NULL);
  assert_int_equal (f->n_spectra, 1);
  assert_rel (f->spectra[0]->z_re[1], 2.385, 1e-15);   /* the DataSet, what PSTrace shows */
  const char *w = eis_meta_get (&f->spectra[0]->meta, "warning");
  assert_non_null (w);
  assert_non_null (strstr (w, "EISDataList entry holds different values"));
  eis_data_file_free (f);
  free (differ);
}

static void
test_gamry_uncorrected (void **state)
{
  (void) state;
  const char *dta = "EXPLAIN\nTAG\tEISPOT\n"
                    "ZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZrealDrCor\tZimagDrCor\n"
                    "\t#\ts\tHz\tohm\tohm\tohm\tohm\n"
                    "\t0\t1\t1000\t17.9\t-67.3\t17.95\t-67.25\n"
                    "\t1\t2\t100\t343.1\t-411.6\t343.2\t-411.7\n";
  EisImportOptions opt = { .uncorrected = 1 };
  EisDataFile *f = NULL;
  EisError err = { 0 };
  assert_int_equal (eis_import_buffer ("d.DTA", dta, strlen (dta), &opt, &f, &err), EIS_OK);
  assert_int_equal (f->n_spectra, 1);
  assert_rel (f->spectra[0]->z_re[0], 343.1, 1e-15);
  assert_rel (f->spectra[0]->z_im[1], -67.3, 1e-15);
  assert_non_null (strstr (eis_meta_get (&f->spectra[0]->meta, "note"), "uncorrected"));
  eis_data_file_free (f);
  f = import_ok ("d.DTA", dta, NULL);
  assert_rel (f->spectra[0]->z_re[0], 343.2, 1e-15);
  assert_non_null (strstr (eis_meta_get (&f->spectra[0]->meta, "note"), "--uncorrected"));
  eis_data_file_free (f);
}

static void
test_keep_order_min_points (void **state)
{
  (void) state;
  const char *csv = "f,Z',Z''\n1000,2.385,-1.25\n10,3.5,-2.75\n100,3.125,-2.5\n";
  EisImportOptions opt = { .keep_order = 1 };
  EisDataFile *f = NULL;
  EisError err = { 0 };
  assert_int_equal (eis_import_buffer ("o.csv", csv, strlen (csv), &opt, &f, &err), EIS_OK);
  EisSpectrum *s = f->spectra[0];
  assert_rel (s->freq_hz[0], 1000, 1e-15);   /* the file's order */
  assert_rel (s->freq_hz[1], 10, 1e-15);
  assert_rel (s->freq_hz[2], 100, 1e-15);
  assert_rel (s->z_im[2], -2.5, 1e-15);
  assert_int_equal (s->line[2], 4);
  eis_data_file_free (f);
  /* the checks still apply in the file's order */
  const char *dup = "f,Z',Z''\n1000,2.385,-1.25\n100,3.5,-2.75\n100,3.125,-2.5\n10,4,-3\n";
  assert_int_equal (eis_import_buffer ("dup.csv", dup, strlen (dup), &opt, &f, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "dup.csv:4: frequency 100 Hz repeats the one on line 3"));
  /* one point: refused by default, read when asked */
  const char *one = "freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\n1000\t2.385\t1.25\n";
  import_fails ("one.csv", one, strlen (one), NULL, EIS_ERR_DATA, "has 1 point", NULL);
  EisImportOptions opt1 = { .min_points = 1 };
  assert_int_equal (eis_import_buffer ("one.csv", one, strlen (one), &opt1, &f, &err), EIS_OK);
  assert_int_equal (f->spectra[0]->n, 1);
  assert_rel (f->spectra[0]->z_im[0], -1.25, 1e-15);
  eis_data_file_free (f);
}

/* A flat OpenDocument workbook of the sheets given as XML (table:table elements). */
static char *
fods_doc (const char *tables)
{
  const char *head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document "
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">\n"
    "<office:body><office:spreadsheet>";
  const char *tail = "</office:spreadsheet></office:body></office:document>\n";
  char *d = malloc (strlen (head) + strlen (tables) + strlen (tail) + 1);
  sprintf (d, "%s%s%s", head, tables, tail);
  return d;
}

static void
test_spreadsheets (void **state)
{
  (void) state;
  /* the same three sheets in each format: "25C" (title row, blank row, header, -Z''),
   * "60C" (freq, Zre, Zim as Im(Z): the 25C values times 0.25) and "notes" (text) */
  static const char *const files[3][2] = {
    { "workbook.xlsx", "xlsx" }, { "workbook.ods", "ods" }, { "workbook.fods", "fods" },
  };
  for (size_t k = 0; k < 3; k++)
    {
      EisDataFile *f = import_data_file (files[k][0], NULL);
      assert_string_equal (f->format, files[k][1]);
      assert_int_equal (f->n_spectra, 2);
      assert_int_equal (f->n_series, 0);
      assert_std_spectrum (f->spectra[0], 1);
      assert_std_spectrum (f->spectra[1], 0.25);
      assert_string_equal (eis_meta_get (&f->spectra[0]->meta, "title"), "25C");
      assert_string_equal (eis_meta_get (&f->spectra[1]->meta, "sheet"), "60C");
      assert_string_equal (f->spectra[1]->format, files[k][1]);
      assert_int_equal (f->spectra[1]->index, 1);
      assert_string_equal (eis_meta_get (&f->meta, "sheets_skipped"), "\"notes\"");
      assert_int_equal (f->spectra[0]->line[4], 4);   /* 100 kHz: row 4 of its sheet */
      assert_int_equal (f->spectra[1]->line[0], 6);   /* 10 Hz: row 6 */
      assert_non_null (strstr (f->spectra[0]->source, files[k][0]));
      eis_data_file_free (f);
    }

  /* a sheet with impedance columns that does not read is an error naming sheet and row */
#define ODS_ROW "<table:table-row>" \
  "<table:table-cell><text:p>%s</text:p></table:table-cell>" \
  "<table:table-cell office:value-type=\"float\" office:value=\"%s\"><text:p>x</text:p></table:table-cell>" \
  "<table:table-cell><text:p>%s</text:p></table:table-cell></table:table-row>"
  char tables[2048], r1[400], r2[400], r3[400];
  snprintf (r1, sizeof r1, "<table:table-row><table:table-cell><text:p>f</text:p></table:table-cell>"
            "<table:table-cell><text:p>Z'</text:p></table:table-cell><table:table-cell><text:p>"
            "\xe2\x88\x92Z''</text:p></table:table-cell></table:table-row>");
  snprintf (r2, sizeof r2, ODS_ROW, "1000", "2.385", "1.25");
  snprintf (r3, sizeof r3, ODS_ROW, "10", "3.5", "abc");
  snprintf (tables, sizeof tables, "<table:table table:name=\"s 1\">%s%s%s</table:table>", r1, r2, r3);
  char *doc = fods_doc (tables);
  import_fails ("bad.fods", doc, strlen (doc), NULL, EIS_ERR_FORMAT,
                "bad.fods (sheet s 1):3: column 3", "\"abc\"", NULL);
  free (doc);
  /* the same with a number: read, the value attribute and not the displayed "x" */
  snprintf (r3, sizeof r3, ODS_ROW, "10", "3.5", "2.75");
  snprintf (tables, sizeof tables, "<table:table table:name=\"s 1\">%s%s%s</table:table>"
            "<table:table table:name=\"empty\"/>", r1, r2, r3);
  doc = fods_doc (tables);
  EisDataFile *f = import_ok ("ok.fods", doc, NULL);
  assert_int_equal (f->n_spectra, 1);
  assert_rel (f->spectra[0]->z_re[0], 3.5, 1e-15);
  assert_rel (f->spectra[0]->z_im[0], -2.75, 1e-15);   /* U+2212 minus in the header */
  eis_data_file_free (f);
  free (doc);
  /* no sheet with data; damaged XML; a damaged archive */
  doc = fods_doc ("<table:table table:name=\"a\"><table:table-row><table:table-cell><text:p>hello"
                  "</text:p></table:table-cell></table:table-row></table:table>");
  import_fails ("none.fods", doc, strlen (doc), NULL, EIS_ERR_FORMAT, "none.fods: no sheet holds",
                "sheets \"a\"", NULL);
  free (doc);
  /* repeats that would make billions of cells are refused, not allocated */
  doc = fods_doc ("<table:table table:name=\"big\"><table:table-row table:number-rows-repeated=\"1000000\">"
                  "<table:table-cell table:number-columns-repeated=\"1000\"><text:p>1</text:p>"
                  "</table:table-cell><table:table-cell table:number-columns-repeated=\"999\">"
                  "<text:p>2</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"5000\">"
                  "<text:p>3</text:p></table:table-cell></table:table-row></table:table>");
  import_fails ("big.fods", doc, strlen (doc), NULL, EIS_ERR_FORMAT, "big.fods: XML:",
                "more than 2 million cells", NULL);
  free (doc);
  /* The fuzzer's finding: a kilobyte whose few cells sit 4 million columns to the right on
   * repeated rows asked for 12 GB of tabs; cells stop at column 16384, and a sheet's text
   * (cells and the tabs between them) is bounded by the size of the XML it comes from. */
#define FAR_ROW(cols) "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell " \
  "table:number-columns-repeated=\"" cols "\"/><table:table-cell office:value-type=\"float\" " \
  "office:value=\"2.385\"/></table:table-row>"
  doc = fods_doc ("<table:table table:name=\"far\">" FAR_ROW ("3999999") "</table:table>");
  import_fails ("far.fods", doc, strlen (doc), NULL, EIS_ERR_FORMAT, "far.fods: XML:",
                "a row longer than 16384 columns", NULL);
  free (doc);
  doc = fods_doc ("<table:table table:name=\"tabs\">" FAR_ROW ("16383") FAR_ROW ("16383")
                  "</table:table>");
  import_fails ("tabs.fods", doc, strlen (doc), NULL, EIS_ERR_FORMAT,
                "tabs.fods: sheet \"tabs\" spreads its cells over more than 16 MB", NULL);
  free (doc);
  doc = fods_doc ("<table:table table:name=\"rep\"><table:table-row table:number-rows-repeated="
                  "\"1000\"><table:table-cell table:number-columns-repeated=\"1000\"><text:p>"
                  "a long note repeated in every cell, 1000 x 1000 times</text:p>"
                  "</table:table-cell></table:table-row></table:table>");
  import_fails ("rep.fods", doc, strlen (doc), NULL, EIS_ERR_FORMAT, "rep.fods: XML:",
                "repeat more text than the file could hold", NULL);
  free (doc);
  doc = fods_doc ("<table:table table:name=\"a\"><table:table-row>");
  import_fails ("cut.fods", doc, strlen (doc), NULL, EIS_ERR_FORMAT, "cut.fods:3:", "XML: mismatched tag", NULL);
  free (doc);
  char *path = data_path ("workbook.xlsx");
  FILE *fp = fopen (path, "rb");
  free (path);
  assert_non_null (fp);
  char buf[4096];
  size_t n = fread (buf, 1, sizeof buf, fp);
  fclose (fp);
  for (size_t cut = 40; cut < n; cut += n / 7)
    {
      EisImportOptions opt = { .format = "xlsx" };
      EisError err = { 0 };
      f = NULL;
      int rc = eis_import_buffer ("cut.xlsx", buf, cut, &opt, &f, &err);
      assert_int_equal (rc, EIS_ERR_FORMAT);
      assert_null (f);
      assert_non_null (strstr (err.message, "cut.xlsx"));
    }
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_format_names),
    cmocka_unit_test (test_ivium_method_impedance),
    cmocka_unit_test (test_p00),
    cmocka_unit_test (test_dfr),
    cmocka_unit_test (test_header_names_round2),
    cmocka_unit_test (test_pssession_both_datasets),
    cmocka_unit_test (test_gamry_uncorrected),
    cmocka_unit_test (test_keep_order_min_points),
    cmocka_unit_test (test_spreadsheets),
    cmocka_unit_test (test_comma_header_minus_im),
    cmocka_unit_test (test_semicolon_decimal_comma_units),
    cmocka_unit_test (test_tab_cr_cr_lf_and_units),
    cmocka_unit_test (test_whitespace_headerless),
    cmocka_unit_test (test_modulus_phase),
    cmocka_unit_test (test_angular_frequency),
    cmocka_unit_test (test_quoted_header),
    cmocka_unit_test (test_columns_option),
    cmocka_unit_test (test_several_sweeps),
    cmocka_unit_test (test_dc_series),
    cmocka_unit_test (test_utf16),
    cmocka_unit_test (test_errors),
    cmocka_unit_test (test_files),
    cmocka_unit_test (test_numbers),
    cmocka_unit_test (test_vendor_formats),
    cmocka_unit_test (test_vendor_details),
    cmocka_unit_test (test_pssession),
    cmocka_unit_test (test_zahner_reversal),
    cmocka_unit_test (test_mpr_columns),
    cmocka_unit_test (test_malformed),
  };
  return cmocka_run_group_tests_name ("import", tests, NULL, NULL);
}
