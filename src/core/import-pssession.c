/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PalmSens PSTrace session files (.pssession): UTF-16LE JSON with a BOM (and a second U+FEFF
 * after the value), {"Type": "PalmSens.DataFiles.SessionFile", "CoreVersion", "MethodForMeasurement",
 * "Measurements": [...]}. Each measurement has a Title, TimeStamp (.NET ticks), DeviceSerial,
 * Method (the method file as text, "METHOD_ID=eis"), "EISDataList" (one entry per channel, each
 * with a DataSet of arrays Frequency, ZRe, ZIm, Z, Phase ...) and "Curves" (XAxisDataArray /
 * YAxisDataArray, e.g. time vs current for chronoamperometry). An array is {"Description",
 * "ArrayType", "Unit": {"Type": "PalmSens.Units.MicroAmpere", "S": "A", "Q": "Current"},
 * "DataValues": [{"V": 1.5, ...}, ...]}. The unit's quantity says the sign: "-Z''" and "-Phase"
 * arrays hold -Im(Z) and -phase (as PSTrace plots them). Older files spell the keys in lower
 * case. Impedance arrays become spectra; curves of current against time become DC series. */
#include "import-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int
eis_pssession_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  size_t p = 0;
  while (p < ctx->text_len && (ctx->text[p] == ' ' || ctx->text[p] == '\n' || ctx->text[p] == '\r'
                               || ctx->text[p] == '\t'))
    p++;
  if (p >= ctx->text_len || ctx->text[p] != '{')
    return 0;
  size_t head = ctx->text_len < 8192 ? ctx->text_len : 8192;
  if (eis_find_ci (ctx->text, head, "PalmSens.DataFiles.SessionFile"))
    return 100;
  if (eis_find_ci (ctx->text, head, "\"measurements\"")
      && (eis_find_ci (ctx->text, ctx->text_len, "\"eisdatalist\"")
          || eis_find_ci (ctx->text, head, "\"curves\"")))
    return 90;
  return 0;
}

/* One data array: its values and what they are. */
typedef struct {
  double *v;
  size_t n;
  int role;                      /* EisColRole, or EIS_COL_NONE */
  double scale;                  /* to SI (degrees to radians) */
  int sign;                      /* -1 when the array holds the negated quantity */
} PsArray;

/* Scale of a SI prefix at the start of the last part of a PalmSens unit type name
 * ("PalmSens.Units.MicroAmpere"), 1 when there is none. */
static double
type_prefix (const char *type)
{
  const char *t = strrchr (type, '.');
  t = t ? t + 1 : type;
  static const struct { const char *p; double s; } pre[] = {
    { "Pico", 1e-12 }, { "Nano", 1e-9 }, { "Micro", 1e-6 }, { "Milli", 1e-3 },
    { "Kilo", 1e3 }, { "Mega", 1e6 },
  };
  for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
    if (strncmp (t, pre[i].p, strlen (pre[i].p)) == 0)
      return pre[i].s;
  return 1;
}

/* What array node A holds: from the unit's quantity ("Frequency", "Z'", "-Z''", "Z", "-Phase",
 * "Time", "Current", "Potential"), else its Description, else its ArrayType number. */
static void
classify (const EisJson *j, size_t a, PsArray *out)
{
  char q[64], desc[64], utype[96], sym[32];
  size_t unit = eis_json_get (j, a, "Unit");
  eis_json_string (j, eis_json_get (j, unit, "Q"), q, sizeof q);
  eis_json_string (j, eis_json_get (j, unit, "S"), sym, sizeof sym);
  eis_json_string (j, eis_json_get (j, unit, "Type"), utype, sizeof utype);
  eis_json_string (j, eis_json_get (j, a, "Description"), desc, sizeof desc);
  size_t at = eis_json_get (j, a, "ArrayType");
  int atype = at && j->nodes[at].type == EIS_JSON_NUMBER && fabs (j->nodes[at].num) < 1e6
              ? (int) j->nodes[at].num : -1;
  static const struct { const char *name; int role, sign; } by_q[] = {
    { "Frequency", EIS_COL_F, 1 }, { "Z'", EIS_COL_RE, 1 }, { "Z''", EIS_COL_IM, 1 },
    { "-Z''", EIS_COL_IM, -1 }, { "Z", EIS_COL_MOD, 1 }, { "Phase", EIS_COL_PHASE, 1 },
    { "-Phase", EIS_COL_PHASE, -1 }, { "Time", EIS_COL_TIME, 1 },
    { "Current", EIS_COL_CURRENT, 1 }, { "Potential", EIS_COL_VOLTAGE, 1 },
  };
  /* Without a quantity: PSTrace's ZIm and Phase arrays hold -Z'' and -phase. */
  static const struct { const char *name; int role, sign; } by_desc[] = {
    { "frequency", EIS_COL_F, 1 }, { "zre", EIS_COL_RE, 1 }, { "zim", EIS_COL_IM, -1 },
    { "z", EIS_COL_MOD, 1 }, { "phase", EIS_COL_PHASE, -1 }, { "time", EIS_COL_TIME, 1 },
    { "current", EIS_COL_CURRENT, 1 }, { "potential", EIS_COL_VOLTAGE, 1 },
  };
  static const struct { int type, role, sign; } by_type[] = {
    { 0, EIS_COL_TIME, 1 }, { 1, EIS_COL_VOLTAGE, 1 }, { 2, EIS_COL_CURRENT, 1 },
    { 5, EIS_COL_F, 1 }, { 6, EIS_COL_PHASE, -1 }, { 7, EIS_COL_RE, 1 }, { 8, EIS_COL_IM, -1 },
    { 10, EIS_COL_MOD, 1 },
  };
  out->role = EIS_COL_NONE;
  out->sign = 1;
  if (q[0])
    {
      for (size_t i = 0; i < sizeof by_q / sizeof by_q[0]; i++)
        if (strcmp (q, by_q[i].name) == 0)
          out->role = by_q[i].role, out->sign = by_q[i].sign;
    }
  else if (desc[0])
    {
      for (size_t i = 0; i < sizeof by_desc / sizeof by_desc[0]; i++)
        if (strlen (desc) == strlen (by_desc[i].name)
            && eis_starts_with_ci (desc, strlen (desc), by_desc[i].name))
          out->role = by_desc[i].role, out->sign = by_desc[i].sign;
    }
  if (out->role == EIS_COL_NONE && !q[0])
    for (size_t i = 0; i < sizeof by_type / sizeof by_type[0]; i++)
      if (atype == by_type[i].type)
        out->role = by_type[i].role, out->sign = by_type[i].sign;

  /* The symbol when it carries a prefix ("µA"), else the prefix of the unit type
   * ("MicroAmpere" with symbol "A"); phases without a symbol are in degrees. */
  double s = 1;
  EisQuantity uq = sym[0] ? eis_unit_lookup (sym, strlen (sym), &s) : EIS_Q_NONE;
  if (uq == EIS_Q_NONE || s == 1)
    s = type_prefix (utype);
  if (out->role == EIS_COL_PHASE && uq != EIS_Q_ANGLE)
    s = M_PI / 180;
  out->scale = s;
}

/* Reads the values of array node A ({"V": x} objects or plain numbers) into OUT->v. */
static int
read_values (const EisImportCtx *ctx, const EisJson *j, size_t a, const char *where,
             PsArray *out, EisError *err)
{
  size_t dv = eis_json_get (j, a, "DataValues");
  out->v = NULL;
  out->n = 0;
  if (dv == 0 || j->nodes[dv].type != EIS_JSON_ARRAY)
    return EIS_OK;
  size_t n = j->nodes[dv].n;
  out->v = malloc ((n ? n : 1) * sizeof (double));
  if (out->v == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  size_t i = 0;
  for (size_t c = j->nodes[dv].first; c != 0 && i < n; c = j->nodes[c].next, i++)
    {
      size_t x = j->nodes[c].type == EIS_JSON_OBJECT ? eis_json_get (j, c, "V") : c;
      if (x == 0 || j->nodes[x].type != EIS_JSON_NUMBER)
        {
          char desc[64];
          eis_json_string (j, eis_json_get (j, a, "Description"), desc, sizeof desc);
          return eis_error_set (err, EIS_ERR_FORMAT,
                                "%s: %s, array \"%s\": value %zu is not a number", ctx->name,
                                where, desc, i + 1);
        }
      out->v[i] = j->nodes[x].num;
    }
  out->n = i;
  return EIS_OK;
}

static void
free_arrays (PsArray *a, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free (a[i].v);
}

/* Sets technique, start time and instrument metadata of a spectrum or series. */
static int
item_meta (EisMeta *m, const char *title, const char *when, const char *device)
{
  if ((title[0] && eis_meta_set (m, "technique", title) != EIS_OK)
      || (when[0] && eis_meta_set (m, "start_time", when) != EIS_OK)
      || (device[0] && eis_meta_set (m, "instrument", device) != EIS_OK))
    return EIS_ERR_NOMEM;
  return EIS_OK;
}

/* Puts "WHERE: " after the "file: " that starts the message in ERR. */
static void
add_where (EisError *err, const char *name, const char *where)
{
  if (err == NULL)
    return;
  size_t n = strlen (name);
  char rest[sizeof err->message];
  if (strncmp (err->message, name, n) == 0 && err->message[n] == ':')
    {
      snprintf (rest, sizeof rest, "%s", err->message + n + 1);
      while (rest[0] == ' ')
        memmove (rest, rest + 1, strlen (rest));
    }
  else
    snprintf (rest, sizeof rest, "%s", err->message);
  eis_error_set (err, err->code, "%s: %s: %s", name, where, rest);
}

/* The first array of each role among the Values of DataSet node DS. */
static int
read_dataset (const EisImportCtx *ctx, const EisJson *j, size_t ds, const char *where,
              PsArray use[EIS_COL_N_ROLES], EisError *err)
{
  for (int r = 0; r < EIS_COL_N_ROLES; r++)
    memset (&use[r], 0, sizeof use[r]);
  size_t vals = eis_json_get (j, ds, "Values");
  if (vals == 0 || j->nodes[vals].type != EIS_JSON_ARRAY)
    return EIS_OK;
  for (size_t a = j->nodes[vals].first; a != 0; a = j->nodes[a].next)
    {
      PsArray pa;
      classify (j, a, &pa);
      if (pa.role == EIS_COL_NONE || use[pa.role].v != NULL)
        continue;
      int rc = read_values (ctx, j, a, where, &pa, err);
      if (rc != EIS_OK)
        {
          free (pa.v);
          return rc;
        }
      use[pa.role] = pa;
    }
  return EIS_OK;
}

/* The spectra of a data set with frequency and Z' / Z'' (or |Z| and phase) arrays, split where
 * the frequency sweep starts again (several scans in one set). Returns 1 in *MADE when it
 * held impedance data. */
static int
emit_eis (const EisImportCtx *ctx, EisDataFile *f, PsArray use[EIS_COL_N_ROLES],
          const char *where, int *made, EisError *err)
{
  *made = 0;
  PsArray *fr = &use[EIS_COL_F], *a = &use[EIS_COL_RE], *b = &use[EIS_COL_IM];
  int polar = 0;
  if (fr->v == NULL)
    return EIS_OK;
  if (a->v == NULL || b->v == NULL)
    {
      a = &use[EIS_COL_MOD];
      b = &use[EIS_COL_PHASE];
      polar = 1;
      if (a->v == NULL || b->v == NULL)
        return EIS_OK;
    }
  if (a->n != fr->n || b->n != fr->n)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: %s: the frequency array has %zu values but the impedance arrays %zu and %zu",
                          ctx->name, where, fr->n, a->n, b->n);
  EisTable t;
  eis_table_init (&t, 3);
  for (size_t i = 0; i < fr->n; i++)
    {
      double row[3];
      row[EIS_T_F] = fr->v[i] * fr->scale;
      if (polar)
        {
          double mod = a->v[i] * a->scale, ph = b->v[i] * b->scale * b->sign;
          row[EIS_T_RE] = mod * cos (ph);
          row[EIS_T_IM] = mod * sin (ph);
        }
      else
        {
          row[EIS_T_RE] = a->v[i] * a->scale * a->sign;
          row[EIS_T_IM] = b->v[i] * b->scale * b->sign;
        }
      if (eis_table_push (&t, row, 0, 0) != EIS_OK)
        {
          eis_table_free (&t);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
    }
  int rc = EIS_OK;
  if (t.n == 0)
    rc = eis_error_set (err, EIS_ERR_DATA, "%s: %s: the impedance arrays are empty", ctx->name,
                        where);
  else
    rc = eis_table_emit_sweeps (ctx, f, &t, 0, 0, err);
  if (rc != EIS_OK)
    add_where (err, ctx->name, where);
  eis_table_free (&t);
  *made = rc == EIS_OK;
  return rc;
}

/* A DC series from a time and a current array (and a potential array of the same length). */
static int
emit_dc (const EisImportCtx *ctx, EisDataFile *f, const PsArray *tm, const PsArray *cur,
         const PsArray *pot, const char *where, EisError *err)
{
  if (tm->n != cur->n)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: %s: %zu times but %zu currents", ctx->name, where, tm->n, cur->n);
  int with_v = pot && pot->v && pot->n == tm->n;
  EisTable t;
  eis_table_init (&t, 3);
  for (size_t i = 0; i < tm->n; i++)
    {
      double row[3] = { tm->v[i] * tm->scale, cur->v[i] * cur->scale * cur->sign,
                        with_v ? pot->v[i] * pot->scale * pot->sign : NAN };
      if (eis_table_push (&t, row, 0, 0) != EIS_OK)
        {
          eis_table_free (&t);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
    }
  int rc = eis_table_emit_series (ctx, f, &t, 0, t.n, with_v, NULL, err);
  if (rc != EIS_OK)
    add_where (err, ctx->name, where);
  eis_table_free (&t);
  return rc;
}

/* Reads the EISDataList entry E into a scratch file and compares its spectra with those F
 * holds from index FROM on (read from the measurement's DataSet); when they differ, says so in
 * a warning on those spectra. An entry that does not read is named in the warning too. */
static int
compare_list (const EisImportCtx *ctx, const EisJson *j, size_t e, EisDataFile *f, size_t from,
              const char *where, EisError *err)
{
  EisDataFile *g = eis_data_file_new (ctx->name, f->format);
  if (g == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  PsArray use[EIS_COL_N_ROLES];
  EisError scratch = { 0 };
  int made = 0, rc = read_dataset (ctx, j, eis_json_get (j, e, "DataSet"), where, use, &scratch);
  if (rc == EIS_OK)
    rc = emit_eis (ctx, g, use, where, &made, &scratch);
  free_arrays (use, EIS_COL_N_ROLES);
  if (rc == EIS_ERR_NOMEM)
    {
      eis_data_file_free (g);
      return eis_error_set (err, rc, "%s: out of memory", ctx->name);
    }
  int same = rc == EIS_OK && g->n_spectra == f->n_spectra - from;
  size_t points = 0;
  for (size_t i = 0; i < g->n_spectra; i++)
    points += g->spectra[i]->n;
  for (size_t i = 0; same && i < g->n_spectra; i++)
    {
      const EisSpectrum *a = f->spectra[from + i], *b = g->spectra[i];
      same = a->n == b->n;
      for (size_t k = 0; same && k < a->n; k++)
        same = fabs (a->freq_hz[k] - b->freq_hz[k]) <= 1e-12 * fabs (a->freq_hz[k])
               && fabs (a->z_re[k] - b->z_re[k]) <= 1e-12 * hypot (a->z_re[k], a->z_im[k])
               && fabs (a->z_im[k] - b->z_im[k]) <= 1e-12 * hypot (a->z_re[k], a->z_im[k]);
    }
  eis_data_file_free (g);
  if (same || (rc == EIS_OK && !made))
    return EIS_OK;
  char w[512];
  if (rc != EIS_OK)
    snprintf (w, sizeof w, "%s: read from the measurement's DataSet (what PSTrace shows); its "
              "EISDataList entry does not read", where);
  else
    snprintf (w, sizeof w, "%s: read from the measurement's DataSet (what PSTrace shows); its "
              "EISDataList entry holds different values (%zu points)", where, points);
  for (size_t i = from; i < f->n_spectra; i++)
    if (eis_meta_appendn (&f->spectra[i]->meta, "warning", w, strlen (w)) != EIS_OK)
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return EIS_OK;
}

/* "METHOD_ID=eis" style value of KEY in the method text M, into OUT. */
static void
method_value (const char *m, const char *key, char *out, size_t cap)
{
  out[0] = '\0';
  size_t k = strlen (key);
  for (const char *p = m; *p; p++)
    if ((p == m || p[-1] == '\n') && strncmp (p, key, k) == 0 && p[k] == '=')
      {
        const char *v = p + k + 1;
        size_t n = strcspn (v, "\r\n");
        snprintf (out, cap, "%.*s", (int) (n < cap ? n : cap - 1), v);
        return;
      }
}

/* .NET DateTime ticks (100 ns since 0001-01-01, local time of the PC) as "YYYY-MM-DD HH:MM:SS". */
static void
ticks_text (double ticks, char *out, size_t cap)
{
  out[0] = '\0';
  double unix_s = ticks / 1e7 - 62135596800.0;
  if (!(unix_s > 0 && unix_s < 1e10))
    return;
  time_t t = (time_t) unix_s;
  struct tm tm;
  if (gmtime_r (&t, &tm) == NULL)
    return;
  strftime (out, cap, "%Y-%m-%d %H:%M:%S", &tm);
}

int
eis_pssession_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisJson j;
  int rc = eis_json_parse (&j, ctx->name, ctx->text, ctx->text_len, err);
  if (rc != EIS_OK)
    {
      eis_json_free (&j);
      return rc;
    }
  size_t meas = eis_json_get (&j, EIS_JSON_ROOT, "Measurements");
  if (meas == 0 || j.nodes[meas].type != EIS_JSON_ARRAY)
    {
      eis_json_free (&j);
      return eis_error_set (err, EIS_ERR_FORMAT,
                            "%s: JSON without a \"Measurements\" list: not a PalmSens session", ctx->name);
    }
  /* "#PSTrace, Version=5.9.4515.30318" opens the method text; else the core version. */
  char *method = malloc (65536);
  if (method == NULL)
    {
      eis_json_free (&j);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  char buf[160], techs[256] = "";
  eis_json_string (&j, eis_json_get (&j, EIS_JSON_ROOT, "MethodForMeasurement"), method, 65536);
  const char *ver = strstr (method, "PSTrace, Version=");
  if (ver)
    snprintf (buf, sizeof buf, "PalmSens PSTrace %.*s", (int) strcspn (ver + 17, "\r\n"), ver + 17);
  else
    {
      char core[64];
      eis_json_string (&j, eis_json_get (&j, EIS_JSON_ROOT, "CoreVersion"), core, sizeof core);
      snprintf (buf, sizeof buf, core[0] ? "PalmSens PSTrace (core %s)" : "PalmSens PSTrace", core);
    }
  rc = eis_meta_set (&f->meta, "software", buf);

  size_t k = 0, skipped = 0;
  for (size_t m = j.nodes[meas].first; m != 0 && rc == EIS_OK; m = j.nodes[m].next, k++)
    {
      char title[128], when[64] = "", device[128] = "", serial[64], where[160];
      eis_json_string (&j, eis_json_get (&j, m, "Title"), title, sizeof title);
      eis_json_string (&j, eis_json_get (&j, m, "Method"), method, 65536);
      char id[32];
      method_value (method, "METHOD_ID", id, sizeof id);
      if (!title[0])
        snprintf (title, sizeof title, "%s", id);
      size_t ts = eis_json_get (&j, m, "TimeStamp");
      if (ts && j.nodes[ts].type == EIS_JSON_NUMBER)
        ticks_text (j.nodes[ts].num, when, sizeof when);
      eis_json_string (&j, eis_json_get (&j, m, "DeviceSerial"), serial, sizeof serial);
      if (serial[0])
        snprintf (device, sizeof device, "PalmSens (%s)", serial);
      snprintf (where, sizeof where, "measurement %zu (%s)", k + 1, title[0] ? title : "untitled");
      size_t before_s = f->n_spectra, before_d = f->n_series;
      int found = 0;

      /* impedance: one entry per channel in EISDataList, and the measurement's own DataSet
       * (what PSTrace plots). With one channel the DataSet is read, and a list entry that
       * differs from it is named in a warning; with several channels, the list. */
      size_t list = eis_json_get (&j, m, "EISDataList");
      size_t n_list = list && j.nodes[list].type == EIS_JSON_ARRAY ? j.nodes[list].n : 0;
      if (n_list <= 1)
        {
          PsArray use[EIS_COL_N_ROLES];
          rc = read_dataset (ctx, &j, eis_json_get (&j, m, "DataSet"), where, use, err);
          if (rc == EIS_OK)
            rc = emit_eis (ctx, f, use, where, &found, err);
          free_arrays (use, EIS_COL_N_ROLES);
          if (rc == EIS_OK && found && n_list == 1)
            {
              char ch[96];
              eis_json_string (&j, eis_json_get (&j, j.nodes[list].first, "Title"), ch, sizeof ch);
              for (size_t i = before_s; i < f->n_spectra && rc == EIS_OK && ch[0]; i++)
                if (eis_meta_set (&f->spectra[i]->meta, "channel", ch) != EIS_OK)
                  rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
              if (rc == EIS_OK)
                rc = compare_list (ctx, &j, j.nodes[list].first, f, before_s, where, err);
            }
          if (found)
            list = 0;
        }
      if (rc == EIS_OK && list && j.nodes[list].type == EIS_JSON_ARRAY)
        for (size_t e = j.nodes[list].first; e != 0 && rc == EIS_OK; e = j.nodes[e].next)
          {
            PsArray use[EIS_COL_N_ROLES];
            int made = 0;
            size_t entry_s = f->n_spectra;
            rc = read_dataset (ctx, &j, eis_json_get (&j, e, "DataSet"), where, use, err);
            if (rc == EIS_OK)
              rc = emit_eis (ctx, f, use, where, &made, err);
            free_arrays (use, EIS_COL_N_ROLES);
            found |= made;
            char ch[96];
            eis_json_string (&j, eis_json_get (&j, e, "Title"), ch, sizeof ch);
            if (rc == EIS_OK && made && ch[0])
              for (size_t i = entry_s; i < f->n_spectra; i++)
                if (eis_meta_set (&f->spectra[i]->meta, "channel", ch) != EIS_OK)
                  rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
          }
      /* curves of current against time: chronoamperometry */
      size_t curves = eis_json_get (&j, m, "Curves");
      if (rc == EIS_OK && curves && j.nodes[curves].type == EIS_JSON_ARRAY)
        for (size_t c = j.nodes[curves].first; c != 0 && rc == EIS_OK; c = j.nodes[c].next)
          {
            size_t xa = eis_json_get (&j, c, "XAxisDataArray");
            size_t ya = eis_json_get (&j, c, "YAxisDataArray");
            PsArray x = { 0 }, y = { 0 };
            classify (&j, xa, &x);
            classify (&j, ya, &y);
            if (x.role != EIS_COL_TIME || y.role != EIS_COL_CURRENT)
              continue;
            rc = read_values (ctx, &j, xa, where, &x, err);
            if (rc == EIS_OK)
              rc = read_values (ctx, &j, ya, where, &y, err);
            if (rc == EIS_OK)
              rc = emit_dc (ctx, f, &x, &y, NULL, where, err);
            free (x.v);
            free (y.v);
            found |= rc == EIS_OK;
          }
      /* neither: the measurement's own data set (a multi-channel one, or DC) */
      if (rc == EIS_OK && !found)
        {
          PsArray use[EIS_COL_N_ROLES];
          rc = read_dataset (ctx, &j, eis_json_get (&j, m, "DataSet"), where, use, err);
          if (rc == EIS_OK && n_list > 1)
            rc = emit_eis (ctx, f, use, where, &found, err);
          if (rc == EIS_OK && !found && use[EIS_COL_TIME].v && use[EIS_COL_CURRENT].v)
            {
              rc = emit_dc (ctx, f, &use[EIS_COL_TIME], &use[EIS_COL_CURRENT],
                            &use[EIS_COL_VOLTAGE], where, err);
              found = rc == EIS_OK;
            }
          free_arrays (use, EIS_COL_N_ROLES);
        }
      if (rc == EIS_OK && !found)
        {
          skipped++;
          size_t tl = strlen (techs);
          if (tl + strlen (title) + 3 < sizeof techs)
            snprintf (techs + tl, sizeof techs - tl, "%s%s", tl ? ", " : "", title[0] ? title : "?");
        }
      for (size_t i = before_s; i < f->n_spectra && rc == EIS_OK; i++)
        if (item_meta (&f->spectra[i]->meta, title, when, device) != EIS_OK)
          rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      for (size_t i = before_d; i < f->n_series && rc == EIS_OK; i++)
        if (item_meta (&f->series[i]->meta, title, when, device) != EIS_OK)
          rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
    }
  if (rc == EIS_OK && f->n_spectra == 0 && f->n_series == 0)
    rc = eis_error_set (err, EIS_ERR_FORMAT,
                        "%s: %zu measurement%s but no impedance data and no current-time curve "
                        "(techniques: %s)", ctx->name, k, k == 1 ? "" : "s",
                        techs[0] ? techs : "none");
  free (method);
  eis_json_free (&j);
  return rc;
}
