/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Project files: SHA-256 against the FIPS 180-4 examples, a project written and read back
 * unchanged (every number bit for bit), damaged files refused with their line, changed and
 * missing input files noticed, and a saved fit restored to what eis_fit_run left. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"
#include "project.h"
#include "fit-private.h"
#include "sha256.h"

static void
test_sha256_vectors (void **state)
{
  static const struct { const char *in; const char *hex; } v[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  };
  char hex[65];
  EisSha256 c;

  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    {
      eis_sha256_init (&c);
      eis_sha256_update (&c, v[i].in, strlen (v[i].in));
      eis_sha256_final (&c, hex);
      assert_string_equal (hex, v[i].hex);
    }
  /* a million 'a', fed in uneven pieces that cross the 64-byte blocks */
  char a[1000];
  memset (a, 'a', sizeof a);
  eis_sha256_init (&c);
  for (size_t done = 0, step = 1; done < 1000000; done += step, step = step % 997 + 1)
    eis_sha256_update (&c, a, done + step > 1000000 ? 1000000 - done : step);
  eis_sha256_final (&c, hex);
  assert_string_equal (hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* ---------------------------------------------------------------- a fitted synthetic spectrum */

typedef struct {
  char dir[64];
  EisSpectrum *s;
  EisCircuit *c;
  EisFitResult *fit;
  EisFitOptions opt;
  EisFreqRange range;
  size_t points[2];
} Fixture;

/* R0 + R1 || CPE1 with R0 = 23.85, R1 = 412.7, Q = 3.21e-9, n = 0.883, 41 points 1 Hz .. 1 MHz,
 * 0.3 % noise; points 5 and 17 and 1e5..2e5 Hz left out. */
static int
setup (void **state)
{
  Fixture *fx = calloc (1, sizeof *fx);
  const double p[4] = { 23.85, 412.7, 3.21e-9, 0.883 };
  EisError err = { 0 };

  strcpy (fx->dir, "/tmp/test-project-XXXXXX");
  if (!mkdtemp (fx->dir) || eis_circuit_parse ("R0-p(R1,CPE1)", &fx->c, &err) != EIS_OK)
    return -1;
  fx->s = eis_spectrum_new (41);
  unsigned long seed = 12345;
  for (size_t i = 0; i < 41; i++)
    {
      double complex z;
      double f = pow (10, 6.0 * (double) i / 40);

      eis_circuit_eval (fx->c, p, 2 * M_PI * f, &z, NULL);
      seed = seed * 6364136223846793005ul + 1442695040888963407ul;
      double u1 = (double) (seed >> 11) / 9007199254740992.0 - 0.5;
      seed = seed * 6364136223846793005ul + 1442695040888963407ul;
      double u2 = (double) (seed >> 11) / 9007199254740992.0 - 0.5;
      fx->s->freq_hz[i] = f;
      fx->s->z_re[i] = creal (z) * (1 + 0.006 * u1);
      fx->s->z_im[i] = cimag (z) * (1 + 0.006 * u2);
    }
  eis_spectrum_set_source (fx->s, "synthetic.csv", "csv");
  eis_fit_options_init (&fx->opt);
  fx->range = (EisFreqRange) { 1e5, 2e5 };
  fx->points[0] = 5;
  fx->points[1] = 17;
  fx->opt.exclude = &fx->range;
  fx->opt.n_exclude = 1;
  fx->opt.exclude_points = fx->points;
  fx->opt.n_exclude_points = 2;
  if (eis_fit_run (fx->c, fx->s, &fx->opt, &fx->fit, &err) != EIS_OK)
    return -1;
  *state = fx;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fx = *state;
  char cmd[128];

  snprintf (cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
  if (system (cmd) != 0)
    return -1;
  eis_fit_result_free (fx->fit);
  eis_circuit_free (fx->c);
  eis_spectrum_free (fx->s);
  free (fx);
  return 0;
}

static void
write_text (const char *path, const char *text)
{
  FILE *f = fopen (path, "wb");
  assert_non_null (f);
  fputs (text, f);
  fclose (f);
}

/* A project of one file with two spectra: the first fitted (starts, a fixed n, bounds, points
 * and a range left out), the second not; a transference choice. */
static EisProject *
make_project (Fixture *fx, const char *data_path)
{
  EisProject *p = eis_project_new ();
  EisProjectFile *f = eis_project_add_file (p);
  EisError err = { 0 };
  unsigned long long size;

  assert_non_null (f);
  eis_project_set_string (&f->path, data_path);
  eis_project_set_string (&f->absolute_path, data_path);
  assert_int_equal (eis_sha256_file (data_path, f->sha256, &size, &err), EIS_OK);
  f->size = size;
  eis_project_set_string (&f->thickness, "0.62mm");
  eis_project_set_string (&f->diameter, "10 mm");
  eis_project_set_string (&f->cell, "blocking");
  eis_project_set_string (&p->program, "test-project");
  eis_project_set_string (&p->circuit, "R0-p(R1,CPE1)");

  EisProjectSpectrum *s = eis_project_add_spectrum (p);
  s->file = 0;
  s->index = 0;
  s->temperature_k = 298.15;
  eis_project_set_string (&s->temperature_source, "from the file name");
  eis_project_set_string (&s->circuit, "R0-p(R1,CPE1)");
  s->f_min_hz = 1.5;
  s->f_max_hz = 0;
  s->n_exclude = 1;
  s->exclude = malloc (sizeof *s->exclude);
  s->exclude[0] = fx->range;
  s->n_exclude_points = 2;
  s->exclude_points = malloc (2 * sizeof (size_t));
  memcpy (s->exclude_points, fx->points, 2 * sizeof (size_t));
  assert_int_equal (eis_project_spectrum_set_params (s, 4), EIS_OK);
  const char *names[4] = { "R0", "R1", "CPE1_Q", "CPE1_n" };
  for (int i = 0; i < 4; i++)
    eis_project_set_string (&s->params[i].name, names[i]);
  s->params[1].start = 398.25;
  s->params[1].lower = 10;
  s->params[1].upper = 1e5;
  s->params[3].start = 0.883;
  s->params[3].fixed = 1;
  assert_int_equal (eis_project_spectrum_set_fit (s, "R0-p(R1,CPE1)", fx->fit, "typed, with\n"
                                                  " a line break and a \\ backslash"), EIS_OK);

  s = eis_project_add_spectrum (p);
  s->file = 0;
  s->index = 1;
  s->weighting = EIS_WEIGHT_MODULUS;
  eis_project_set_string (&s->circuit, "");

  p->n_selected = 2;
  p->selected = malloc (2 * sizeof (size_t));
  p->selected[0] = 0;
  p->selected[1] = 1;
  p->have_transference = 1;
  p->transference.series_file = 1;
  p->transference.series_index = 0;
  p->transference.before = 1;
  p->transference.after = 2;
  eis_project_set_string (&p->transference.dv, "10");
  eis_project_set_string (&p->transference.r0, "352.5");
  eis_project_set_string (&p->transference.r_b, "60.25");
  eis_project_set_string (&p->transference.method, "watanabe");
  eis_project_set_string (&p->transference.i0, "calculated");
  eis_project_set_string (&p->transference.spike_window, "2.5s");
  eis_project_set_string (&p->transference.interface_arcs, "R1, R2||CPE2");
  p->transference.during = calloc (2, sizeof (size_t));
  p->transference.during[0] = 2;
  p->transference.n_during = 1;
  eis_project_set_string (&p->spectra[0].label, " \u221220 \u00b0C\tcold");
  p->have_series = 1;
  p->series.spectra = calloc (2, sizeof (size_t));
  p->series.spectra[0] = 2;
  p->series.spectra[1] = 1;
  p->series.n_spectra = 2;
  eis_project_set_string (&p->series.order, "temperature");
  eis_project_set_string (&p->series.circuit, "R0-p(R1,CPE1)");
  eis_project_set_string (&p->series.shared, "CPE1_n");
  eis_project_set_string (&p->series.law, "arrhenius");
  p->series.adopted = 1;
  return p;
}

static void
test_round_trip (void **state)
{
  Fixture *fx = *state;
  char data[128], proj[128];
  EisError err = { 0 };
  EisProject *q = NULL;

  snprintf (data, sizeof data, "%s/pellet-25C.csv", fx->dir);
  snprintf (proj, sizeof proj, "%s/session.eisfit", fx->dir);
  write_text (data, "f,re,im\n1,2,-3\n10,2,-1\n");
  EisProject *p = make_project (fx, data);
  assert_int_equal (eis_project_write (p, proj, &err), EIS_OK);
  assert_int_equal (eis_project_read (proj, &q, &err), EIS_OK);

  /* the data file lies beside the project: written relative to it */
  assert_string_equal (q->files[0].path, "pellet-25C.csv");
  assert_string_equal (q->files[0].absolute_path, data);
  assert_string_equal (q->files[0].sha256, p->files[0].sha256);
  assert_true (q->files[0].size == 23);
  assert_string_equal (q->files[0].thickness, "0.62mm");
  assert_string_equal (q->files[0].diameter, "10 mm");
  assert_string_equal (q->files[0].area, "");
  assert_string_equal (q->files[0].cell, "blocking");
  assert_string_equal (q->circuit, "R0-p(R1,CPE1)");
  assert_int_equal (q->n_selected, 2);
  assert_int_equal (q->selected[1], 1);
  assert_int_equal (q->n_spectra, 2);

  const EisProjectSpectrum *a = &p->spectra[0], *b = &q->spectra[0];
  assert_int_equal (b->index, 0);
  assert_true (b->temperature_k == a->temperature_k);
  assert_string_equal (b->temperature_source, "from the file name");
  assert_true (b->f_min_hz == 1.5 && b->f_max_hz == 0);
  assert_int_equal (b->n_exclude, 1);
  assert_true (b->exclude[0].lo_hz == 1e5 && b->exclude[0].hi_hz == 2e5);
  assert_int_equal (b->n_exclude_points, 2);
  assert_int_equal (b->exclude_points[1], 17);
  assert_int_equal (b->n_params, 4);
  assert_string_equal (b->params[3].name, "CPE1_n");
  assert_true (isnan (b->params[0].start) && isnan (b->params[0].lower));
  assert_true (b->params[1].start == 398.25 && b->params[1].lower == 10
               && b->params[1].upper == 1e5 && !b->params[1].fixed);
  assert_true (b->params[3].fixed && b->params[3].start == 0.883);
  assert_string_equal (b->fit_circuit, "R0-p(R1,CPE1)");
  assert_string_equal (b->fit_why, a->fit_why);

  const EisFitResult *r = fx->fit, *t = b->fit;
  assert_non_null (t);
  assert_int_equal (t->n_params, 4);
  assert_int_equal (t->n_points, r->n_points);
  for (size_t i = 0; i < 4; i++)
    {
      assert_true (t->value[i] == r->value[i]);   /* bit for bit: shortest exact text */
      assert_true (t->stderr_[i] == r->stderr_[i] || (isnan (t->stderr_[i]) && isnan (r->stderr_[i])));
      assert_int_equal (t->fixed[i], r->fixed[i]);
      assert_int_equal (t->undetermined[i], r->undetermined[i]);
      assert_int_equal (t->at_bound[i], r->at_bound[i]);
      for (size_t j = 0; j < 4; j++)
        assert_true (t->corr[i * 4 + j] == r->corr[i * 4 + j]
                     || (isnan (t->corr[i * 4 + j]) && isnan (r->corr[i * 4 + j])));
    }
  assert_true (t->chi2 == r->chi2 && t->reduced_chi2 == r->reduced_chi2 && t->dof == r->dof);
  assert_true (t->aic == r->aic && t->bic == r->bic && t->runs_z == r->runs_z);
  assert_int_equal (t->status, r->status);
  assert_int_equal (t->iterations, r->iterations);
  assert_string_equal (t->message, r->message);

  assert_int_equal (q->spectra[1].weighting, EIS_WEIGHT_MODULUS);
  assert_null (q->spectra[1].fit);
  assert_int_equal (q->have_transference, 1);
  assert_int_equal (q->transference.after, 2);
  assert_string_equal (q->transference.r0, "352.5");
  assert_string_equal (q->transference.r_ss, "");
  assert_string_equal (q->transference.r_b, "60.25");
  assert_string_equal (q->transference.method, "watanabe");
  assert_string_equal (q->transference.i0, "calculated");
  assert_string_equal (q->transference.spike_window, "2.5s");
  assert_string_equal (q->transference.interface_arcs, "R1, R2||CPE2");
  assert_int_equal (q->transference.n_during, 1);
  assert_int_equal (q->transference.during[0], 2);
  /* a label with a leading space and a tab comes back as it was */
  assert_string_equal (q->spectra[0].label, " \u221220 \u00b0C\tcold");
  assert_string_equal (q->spectra[1].label, "");
  assert_int_equal (q->have_series, 1);
  assert_int_equal (q->series.n_spectra, 2);
  assert_int_equal (q->series.spectra[0], 2);
  assert_int_equal (q->series.spectra[1], 1);
  assert_string_equal (q->series.order, "temperature");
  assert_string_equal (q->series.circuit, "R0-p(R1,CPE1)");
  assert_string_equal (q->series.shared, "CPE1_n");
  assert_string_equal (q->series.law, "arrhenius");
  assert_int_equal (q->series.adopted, 1);

  /* a file's part copied into another project (a missing file kept on saving) */
  EisProject *m = eis_project_new ();
  eis_project_add_file (m);
  eis_project_set_string (&m->files[0].path, "/elsewhere/other.csv");
  assert_int_equal (eis_project_append_file (m, q, 0), EIS_OK);
  assert_int_equal (m->n_files, 2);
  assert_int_equal (m->n_spectra, 2);
  assert_int_equal (m->spectra[0].file, 1);
  assert_string_equal (m->files[1].path, data);
  assert_string_equal (m->files[1].sha256, q->files[0].sha256);
  assert_true (m->spectra[0].fit && m->spectra[0].fit->value[1] == r->value[1]);
  assert_true (m->spectra[0].params[1].upper == 1e5 && m->spectra[0].exclude_points[1] == 17);
  assert_string_equal (m->spectra[0].label, q->spectra[0].label);
  assert_int_equal (m->spectra[1].weighting, EIS_WEIGHT_MODULUS);
  eis_project_free (m);

  /* written again, the text is the same */
  char *t1 = eis_project_to_text (p, fx->dir, &err), *t2 = eis_project_to_text (q, fx->dir, &err);
  assert_non_null (t1);
  assert_string_equal (t1, t2);
  free (t1);
  free (t2);
  eis_project_free (p);
  eis_project_free (q);
}

/* The saved fit, restored on the spectrum, gives the model and residuals eis_fit_run gave. */
static void
test_restore (void **state)
{
  Fixture *fx = *state;
  char data[128];
  EisError err = { 0 };
  EisProject *q = NULL;

  snprintf (data, sizeof data, "%s/d.csv", fx->dir);
  write_text (data, "x");
  EisProject *p = make_project (fx, data);
  char *text = eis_project_to_text (p, NULL, &err);
  assert_int_equal (eis_project_parse ("mem.eisfit", text, strlen (text), &q, &err), EIS_OK);
  free (text);

  EisFitOptions opt;
  double init[4], lower[4], upper[4];
  int fixed[4];
  eis_fit_options_init (&opt);
  assert_int_equal (eis_project_spectrum_options (&q->spectra[0], fx->c, &opt, init, fixed, lower,
                                                  upper, &err), EIS_OK);
  assert_true (opt.n_exclude == 1 && opt.n_exclude_points == 2 && opt.f_min_hz == 1.5);
  assert_true (isnan (init[0]) && init[1] == 398.25 && fixed[3] && upper[1] == 1e5);
  opt.f_min_hz = 0; /* the fit in the fixture had no window */
  EisFitResult *t = q->spectra[0].fit;
  /* the covariance at the saved values on the same points is the fit's own */
  {
    size_t P = t->n_params;
    double se[8], corr[64];
    EisSpectrum *u = eis_fit_used_points (fx->s, &fx->opt);
    assert_non_null (u);
    assert_int_equal (eis_fit_result_covariance (fx->fit, fx->c, u, se, corr), 0);
    for (size_t a = 0; a < P; a++)
      if (fx->fit->fixed[a])
        assert_true (se[a] == 0);
      else
        assert_rel (se[a], fx->fit->stderr_[a], 1e-9);
    for (size_t a = 0; a < P * P; a++)
      if (isfinite (fx->fit->corr[a]))
        assert_abs (corr[a], fx->fit->corr[a], 1e-9);
    eis_spectrum_free (u);
  }
  char note[800] = "x";
  assert_int_equal (eis_project_result_restore (fx->c, fx->s, &opt, t, note, sizeof note, &err),
                    EIS_OK);
  assert_string_equal (note, "");
  for (size_t i = 0; i < t->n_points; i++)
    {
      assert_true (t->freq_hz[i] == fx->fit->freq_hz[i]);
      assert_rel (t->model_re[i], fx->fit->model_re[i], 1e-13);
      assert_rel (t->model_im[i], fx->fit->model_im[i], 1e-13);
      assert_abs (t->res_re[i], fx->fit->res_re[i], 1e-13);
      assert_abs (t->res_im[i], fx->fit->res_im[i], 1e-13);
    }
  /* an edited standard error is replaced by the covariance's, and the note says so */
  {
    size_t f = 1;   /* R1, free */
    double saved = fx->fit->stderr_[f];
    t->stderr_[f] = 10 * saved;
    assert_int_equal (eis_project_result_restore (fx->c, fx->s, &opt, t, note, sizeof note,
                                                  &err), EIS_OK);
    assert_non_null (strstr (note, "the saved standard errors are not those of the saved fit"));
    assert_rel (t->stderr_[f], saved, 1e-9);
  }
  /* with another window the saved point count does not fit: refused, naming both counts */
  opt.f_min_hz = 100;
  assert_int_equal (eis_project_result_restore (fx->c, fx->s, &opt, t, NULL, 0, &err), EIS_ERR_DATA);
  assert_non_null (strstr (err.message, "the saved fit used 37 points"));

  /* a start for a parameter the circuit does not have */
  EisCircuit *other = NULL;
  assert_int_equal (eis_circuit_parse ("R0-p(R1,C1)", &other, &err), EIS_OK);
  assert_int_equal (eis_project_spectrum_options (&q->spectra[0], other, &opt, init, fixed, lower,
                                                  upper, &err), EIS_ERR_INVALID);
  assert_non_null (strstr (err.message, "no parameter CPE1_Q"));
  eis_circuit_free (other);
  eis_project_free (p);
  eis_project_free (q);
}

/* Case I of a table of damaged projects: refused (status ST, no project P) with a message that
 * holds WHERE ("P.eisfit:LINE:") and WHAT. */
static void
assert_refused (size_t i, int st, const EisProject *p, const EisError *err, const char *where,
                const char *what)
{
  if (st == EIS_OK || !strstr (err->message, where) || !strstr (err->message, what))
    print_error ("case %zu: status %d, message \"%s\"\n", i, st, err->message);
  assert_int_equal (st, EIS_ERR_FORMAT);
  assert_null (p);
  assert_non_null (strstr (err->message, where));
  assert_non_null (strstr (err->message, what));
}

/* Damaged files: refused with the line and what was expected. */
static void
test_damaged (void **state)
{
  static const char head[] = "[project]\nformat=eisfit-project 1\n";   /* lines 1-2 */
  static const struct { const char *body; const char *where; const char *what; } cases[] = {
    { "[file 1]\npath=a.csv\nsize=12x\n", "P.eisfit:5:", "size=12x: expected the file's size" },
    { "[file 1]\npath=a.csv\nthis line has no equals sign\n", "P.eisfit:5:", "expected KEY=VALUE" },
    { "[file 2]\npath=a.csv\n", "P.eisfit:3:", "expected [file 1]" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=2\nnumber=1\n", "P.eisfit:5:",
      "file=2, but there is 1 [file] group" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\nstart.R0=abc\n", "P.eisfit:8:",
      "start.R0: \"abc\": expected a number" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\nstart.R0=auto fixed\n", "P.eisfit:8:",
      "a fixed parameter needs a value" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\nfit.circuit=R0-p(R1,C1)\n"
      "fit.points=20\nfit.R0=10 0.1\nfit.C1=1e-9 1e-11\nfit.R1=100 1\nfit.correlation=1;0;0;0;1;0;0;0;1\n",
      "P.eisfit:11:", "fit.C1: expected fit.R1 here" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\nfit.circuit=R0\nfit.points=20\n"
      "fit.R0=10 0.1\nfit.correlation=1;0\n", "P.eisfit:11:", "expected 1 numbers" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\nweighting=square\n", "P.eisfit:8:",
      "expected proportional, unit, modulus or component" },
    { "[file 1]\npath=a.csv\ncell=gel\n", "P.eisfit:5:", "expected blocking, li-symmetric, liquid" },
    { "[file 1]\npath=a.csv\nleads=0.8 apples\n", "P.eisfit:5:", "leads=0.8 apples: expected a lead "
      "resistance" },
    { "[file 1]\npath=a.csv\nleads=0ohm\n", "P.eisfit:5:", "leads=0ohm: expected" },
    { "[files 1]\n", "P.eisfit:3:", "unknown group [files 1]" },
    { "[transference]\nmethod=bruce\n", "P.eisfit:4:", "method=bruce: expected bv, watanabe" },
    /* the line of a key after a [spectrum] group (was the spectrum's own) */
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\n[transference]\nbefore=x\n",
      "P.eisfit:9:", "before" },
    { "[transference]\ni0=measured\n", "P.eisfit:4:", "i0=measured: expected auto" },
    { "[transference]\nspike-window=5 sec\n", "P.eisfit:4:", "spike-window=5 sec: expected a time" },
    { "[transference]\nspike-window=-1s\n", "P.eisfit:4:", "expected a time >= 0" },
    { "[file 1]\npath=a.csv\nsha256=12ab\n", "P.eisfit:5:", "64 lowercase hexadecimal" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\nexclude-Hz=5:2\n", "P.eisfit:8:",
      "expected 0 < LOW <= HIGH" },
    { "[file 1]\npath=a\\q.csv\n", "P.eisfit:4:", "an unknown escape" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\n", "P.eisfit:5:", "without number=" },
    { "[transference]\nduring=2;x\n", "P.eisfit:4:", "during=x: expected a whole number" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\n[transference]\nduring=1;2\n",
      "P.eisfit:9:", "during: there is no [spectrum 2]" },
    /* a reference beyond the groups: the line of its key, not of [project] */
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\n[transference]\nbefore=1\n"
      "after=9\n", "P.eisfit:10:", "[transference] after=9: there is no [spectrum 9]" },
    { "[file 1]\npath=a.csv\n[transference]\nseries-file=3\n", "P.eisfit:6:",
      "[transference] series-file=3: there is 1 [file] group" },
    { "[series]\norder=alphabet\n", "P.eisfit:4:", "order=alphabet: expected auto" },
    { "[series]\nlaw=vft\n", "P.eisfit:4:", "law=vft: expected none, arrhenius or vtf" },
    { "[series]\nadopted=yes\n", "P.eisfit:4:", "adopted=yes: expected true or false" },
    { "[series]\nspectra=1;2\n", "P.eisfit:4:", "[series] spectra: there is no [spectrum 1]" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\n[series]\nspectra=1\n",
      "P.eisfit:9:", "spectra=1: a series needs two or more spectra" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\n[spectrum 2]\nfile=1\nnumber=2\n"
      "[series]\nspectra=1;2;1\n", "P.eisfit:12:", "[spectrum 1] given twice" },
    /* an empty spectra=, a circuit that does not parse, a shared name no circuit has */
    { "[series]\nspectra=\n", "P.eisfit:4:", "spectra=: a series needs two or more spectra" },
    { "[series]\n", "P.eisfit:3:", "spectra=: a series needs two or more spectra" },
    { "[series]\ncircuit=((\n", "P.eisfit:4:", "[series] circuit=((: column 2: unbalanced" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\n[spectrum 2]\nfile=1\nnumber=2\n"
      "[series]\nspectra=1;2\nshared=R99\n", "P.eisfit:13:",
      "shared=R99: R99 is a parameter of none of the circuits the series chooses among" },
    { "[file 1]\npath=a.csv\n[spectrum 1]\nfile=1\nnumber=1\n[spectrum 2]\nfile=1\nnumber=2\n"
      "[series]\nspectra=1;2\ncircuit=R0-p(R1,C1)\nshared=C1,CPE1_n\n", "P.eisfit:14:",
      "the circuit R0-p(R1,C1) (line 13) has no parameter CPE1_n" },
    { "[series]\nmembers=1\n", "P.eisfit:4:", "unknown key \"members\" in [series]" },
  };
  EisError err;
  EisProject *p;

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char text[1024];

      snprintf (text, sizeof text, "%s%s", head, cases[i].body);
      memset (&err, 0, sizeof err);
      p = (EisProject *) 1;
      int st = eis_project_parse ("P.eisfit", text, strlen (text), &p, &err);
      assert_refused (i, st, p, &err, cases[i].where, cases[i].what);
    }
  /* a UTF-8 byte order mark is read past; typed numbers are checked apart, with their line */
  {
    static const char bom[] = "\xef\xbb\xbf[project]\nformat=eisfit-project 1\n[transference]\n"
                              "dV-mV=nan\nR_ss=380.5\n";
    assert_int_equal (eis_project_parse ("B.eisfit", bom, strlen (bom), &p, &err), EIS_OK);
    assert_int_equal (eis_project_transference_check (p, "B.eisfit", &err), EIS_ERR_FORMAT);
    assert_non_null (strstr (err.message, "B.eisfit:4: [transference] dV-mV=nan: expected a "
                                          "number in mV"));
    eis_project_set_string (&p->transference.dv, " 10.5 ");
    assert_int_equal (eis_project_transference_check (p, "B.eisfit", &err), EIS_OK);
    eis_project_set_string (&p->transference.r_ss, "inf");
    assert_int_equal (eis_project_transference_check (p, "B.eisfit", &err), EIS_ERR_FORMAT);
    assert_non_null (strstr (err.message, "B.eisfit:5: [transference] R_ss=inf: expected a "
                                          "number in Ohm"));
    eis_project_free (p);
  }
  /* not a project at all, and one from a newer eisfit */
  assert_int_equal (eis_project_parse ("x.csv", "f,re,im\n", 8, &p, &err), EIS_ERR_FORMAT);
  assert_non_null (strstr (err.message, "x.csv:1: \"f,re,im\": expected KEY=VALUE"));
  assert_int_equal (eis_project_parse ("y", "# nothing\n", 10, &p, &err), EIS_ERR_FORMAT);
  assert_non_null (strstr (err.message, "not an eisfit project"));
  assert_int_equal (eis_project_parse ("z", "[project]\nformat=eisfit-project 2\n", 34, &p, &err),
                    EIS_ERR_FORMAT);
  assert_non_null (strstr (err.message, "z:2: format=eisfit-project 2"));
  assert_int_equal (eis_project_read ("/nonexistent/p.eisfit", &p, &err), EIS_ERR_IO);
  /* comments, blank lines, CRLF and spaces around '=' are fine */
  const char ok[] = "# c\r\n\r\n[project]\r\nformat = eisfit-project 1\r\n  program=\\sx y\r\n";
  assert_int_equal (eis_project_parse ("ok", ok, strlen (ok), &p, &err), EIS_OK);
  assert_string_equal (p->program, " x y");
  eis_project_free (p);
  /* a project written before labels, interface arcs, spectra during the hold and the series
   * existed: none of them */
  const char old[] = "[project]\nformat=eisfit-project 1\n[file 1]\npath=a.csv\n[spectrum 1]\n"
                     "file=1\nnumber=1\n[transference]\nseries-file=1\nbefore=1\nafter=0\n";
  assert_int_equal (eis_project_parse ("old", old, strlen (old), &p, &err), EIS_OK);
  assert_string_equal (p->spectra[0].label, "");
  assert_string_equal (p->transference.interface_arcs, "");
  assert_int_equal (p->transference.n_during, 0);
  assert_int_equal (p->have_series, 0);
  assert_string_equal (p->files[0].leads, "");
  eis_project_free (p);
  /* leads= is read with its line and written back as typed */
  const char leads[] = "[project]\nformat=eisfit-project 1\n[file 1]\npath=a.csv\n"
                       "leads=0.8ohm+-0.05ohm\n";
  assert_int_equal (eis_project_parse ("L", leads, strlen (leads), &p, &err), EIS_OK);
  assert_string_equal (p->files[0].leads, "0.8ohm+-0.05ohm");
  assert_int_equal (p->files[0].leads_line, 5);
  char *text = eis_project_to_text (p, "/", &err);
  assert_non_null (text);
  assert_non_null (strstr (text, "\nleads=0.8ohm+-0.05ohm\n"));
  free (text);
  eis_project_free (p);
}

/* Saved fit values no fit can give are refused with their line; what a fit can give (nan in a
 * failed fit, undetermined errors, an exponent at its bound 0) is read. */
static void
test_saved_values (void **state)
{
  (void) state;
  /* lines 1-7, then the fit from line 8: R0 16, R1 17, CPE1_Q 18, CPE1_n 19, correlation 20 */
  static const char head[] = "[project]\nformat=eisfit-project 1\n[file 1]\npath=a.csv\n"
                             "[spectrum 1]\nfile=1\nnumber=1\nfit.circuit=R0-p(R1,CPE1)\n";
  static const char *const id = "1;0;0;0;0;1;0;0;0;0;1;0;0;0;0;1";
  static const struct {
    const char *status, *dof, *chi2, *red, *bic, *r0, *r1, *q, *n, *corr, *temp;
    const char *where, *what;   /* where NULL: read */
  } cases[] = {
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, NULL, NULL },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "nan 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:17:", "fit.R1=nan: expected a finite fitted value" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "-412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:17:", "fit.R1=-412.7: expected a value above 0" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "1e308 1e307", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:17:", "fit.R1=1e+308: expected a value from 1e-200 to 1e+200" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 -0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:16:", "fit.R0: standard error -0.1: expected 0 or more" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "-3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:18:", "fit.CPE1_Q=-3.21e-09: expected a value above 0" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "5 0.002", NULL, NULL, "P:19:", "fit.CPE1_n=5: an exponent lies from 0 to 1" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", "1;0;0;0;0;1;0;0;0;0;1;-1.5;0;0;0;1", NULL, "P:20:", "fit.correlation: -1.5 (row 3, column 4): a correlation lies from -1 to 1" },
    { "converged", "15", "nan", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:12:", "fit.chi2=nan: expected a finite number, 0 or more, in a fit whose status is converged" },
    { "converged", "-3", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:11:", "fit.dof=-3: expected 0 or more" },
    { "stalled", "15", "0.01", "nan", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:13:", "fit.reduced-chi2=nan: expected a finite number" },
    { "converged", "15", "0.01", "6.6667e-4", "inf", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, NULL, "P:15:", "fit.bic=inf: expected a number" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, "1e9", "P:21:", "temperature-K=1e9: expected a temperature from 1 to 5000 K" },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 1e-11", "0.883 0.002", NULL, "0.5", "P:21:", "temperature-K=0.5: expected a temperature from 1 to 5000 K" },
    /* what fits give: a failed fit's nan, errors not determined or infinite, n at its bound 0 */
    { "failed", "15", "nan", "nan", "nan", "23.85 nan", "nan nan", "3.21e-9 nan", "0.883 nan", "nan;nan;nan;nan;nan;nan;nan;nan;nan;nan;nan;nan;nan;nan;nan;nan", NULL, NULL, NULL },
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 nan", "412.7 inf", "3.21e-9 0 fixed", "0 0.002", NULL, "4999", NULL, NULL },
    /* an error of 0 is a fixed parameter's: not a free one's (unless the fit is exact) */
    { "converged", "15", "0.01", "6.6667e-4", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 0", "0.883 0.002", NULL, NULL, "P:18:", "fit.CPE1_Q: standard error 0 for a parameter not fixed" },
    { "converged", "15", "0", "0", "-95", "23.85 0.1", "412.7 2.1", "3.21e-9 0", "0.883 0.002", NULL, NULL, NULL, NULL },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char text[2048];
      EisError err = { 0 };
      EisProject *p = NULL;

      snprintf (text, sizeof text, "%sfit.status=%s\nfit.points=20\nfit.dof=%s\nfit.chi2=%s\n"
                "fit.reduced-chi2=%s\nfit.aic=-100\nfit.bic=%s\nfit.R0=%s\nfit.R1=%s\n"
                "fit.CPE1_Q=%s\nfit.CPE1_n=%s\nfit.correlation=%s\n%s%s%s", head,
                cases[i].status, cases[i].dof, cases[i].chi2, cases[i].red, cases[i].bic,
                cases[i].r0, cases[i].r1, cases[i].q, cases[i].n,
                cases[i].corr ? cases[i].corr : id, cases[i].temp ? "temperature-K=" : "",
                cases[i].temp ? cases[i].temp : "", cases[i].temp ? "\n" : "");
      int st = eis_project_parse ("P", text, strlen (text), &p, &err);
      if (cases[i].where == NULL)
        {
          if (st != EIS_OK)
            print_error ("case %zu: %s\n", i, err.message);
          assert_int_equal (st, EIS_OK);
          assert_non_null (p->spectra[0].fit);
          eis_project_free (p);
          continue;
        }
      assert_refused (i, st, p, &err, cases[i].where, cases[i].what);
    }
  /* a temperature no project keeps (a file name's 6000K) is written as unknown, so that the
   * project reads back */
  EisProject *p = eis_project_new ();
  assert_non_null (p);
  EisProjectFile *f = eis_project_add_file (p);
  assert_int_equal (eis_project_set_string (&f->path, "a_6000K.csv"), EIS_OK);
  EisProjectSpectrum *sp = eis_project_add_spectrum (p);
  sp->temperature_k = 6273.15;
  EisError err = { 0 };
  char *text = eis_project_to_text (p, NULL, &err);
  assert_non_null (text);
  assert_non_null (strstr (text, "temperature-K=nan\n"));
  EisProject *q = NULL;
  assert_int_equal (eis_project_parse ("Q", text, strlen (text), &q, &err), EIS_OK);
  assert_true (isnan (q->spectra[0].temperature_k));
  free (text);
  eis_project_free (q);
  eis_project_free (p);
}

/* An input file that changed or went missing is noticed; a moved project folder still finds its
 * files by their relative path. */
static void
test_changed_file (void **state)
{
  Fixture *fx = *state;
  char data[160], proj[200], why[512], moved[96], cmd[512];
  char *resolved = NULL;
  EisError err = { 0 };
  EisProject *q = NULL;

  snprintf (data, sizeof data, "%s/sub/li-before.csv", fx->dir);
  snprintf (cmd, sizeof cmd, "mkdir -p '%s/sub'", fx->dir);
  assert_int_equal (system (cmd), 0);
  snprintf (proj, sizeof proj, "%s/p.eisfit", fx->dir);
  write_text (data, "freq,re,im\n1,100,-5\n2,90,-4\n");
  EisProject *p = make_project (fx, data);
  assert_int_equal (eis_project_write (p, proj, &err), EIS_OK);
  assert_int_equal (eis_project_read (proj, &q, &err), EIS_OK);
  assert_string_equal (q->files[0].path, "sub/li-before.csv");

  assert_int_equal (eis_project_file_check (&q->files[0], proj, &resolved, why, sizeof why),
                    EIS_PROJECT_FILE_SAME);
  assert_string_equal (resolved, data);
  free (resolved);

  /* one digit changed: same size, other content */
  write_text (data, "freq,re,im\n1,100,-5\n2,91,-4\n");
  assert_int_equal (eis_project_file_check (&q->files[0], proj, &resolved, why, sizeof why),
                    EIS_PROJECT_FILE_CHANGED);
  assert_non_null (strstr (why, "changed since the project was saved (same size, 28 bytes, but "
                                "another content"));
  free (resolved);
  /* a line added */
  write_text (data, "freq,re,im\n1,100,-5\n2,90,-4\n3,80,-3\n");
  assert_int_equal (eis_project_file_check (&q->files[0], proj, &resolved, why, sizeof why),
                    EIS_PROJECT_FILE_CHANGED);
  assert_non_null (strstr (why, "(28 bytes then, 36 now)"));
  free (resolved);

  /* the folder moved: found by the relative path although the absolute one is gone */
  write_text (data, "freq,re,im\n1,100,-5\n2,90,-4\n");
  snprintf (moved, sizeof moved, "%s-moved", fx->dir);
  snprintf (cmd, sizeof cmd, "rm -rf '%s' && mv '%s' '%s'", moved, fx->dir, moved);
  assert_int_equal (system (cmd), 0);
  snprintf (proj, sizeof proj, "%s/p.eisfit", moved);
  assert_int_equal (eis_project_file_check (&q->files[0], proj, &resolved, why, sizeof why),
                    EIS_PROJECT_FILE_SAME);
  assert_non_null (strstr (resolved, "-moved/sub/li-before.csv"));
  free (resolved);
  /* and gone */
  snprintf (cmd, sizeof cmd, "rm -f '%s/sub/li-before.csv'", moved);
  assert_int_equal (system (cmd), 0);
  assert_int_equal (eis_project_file_check (&q->files[0], proj, &resolved, why, sizeof why),
                    EIS_PROJECT_FILE_MISSING);
  assert_null (resolved);
  assert_non_null (strstr (why, "sub/li-before.csv is missing"));
  snprintf (cmd, sizeof cmd, "mv '%s' '%s'", moved, fx->dir);
  assert_int_equal (system (cmd), 0);
  eis_project_free (p);
  eis_project_free (q);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sha256_vectors),
    cmocka_unit_test_setup_teardown (test_round_trip, setup, teardown),
    cmocka_unit_test_setup_teardown (test_restore, setup, teardown),
    cmocka_unit_test (test_damaged),
    cmocka_unit_test (test_saved_values),
    cmocka_unit_test_setup_teardown (test_changed_file, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
