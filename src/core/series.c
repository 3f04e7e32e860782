/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A series of spectra fitted as one object: ordering, one circuit for the series by summed
 * BIC (Schwarz, Ann. Statist. 6 (1978) 461), warm starts from the neighbour's optimum, arcs
 * matched between neighbours by continuity of capacitance and time constant, arcs held at the
 * neighbour's capacitance when they leave the measured range, roles fixed for the series. */
#include "series.h"
#include "fit-private.h"
#include "series-private.h"
#include "start-time.h"
#include "text-buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the series object ---- */

const char *
eis_series_order_name (EisSeriesOrder o)
{
  switch (o)
    {
    case EIS_SERIES_BY_TEMPERATURE: return "temperature";
    case EIS_SERIES_BY_TIME: return "time";
    case EIS_SERIES_BY_INDEX: return "index";
    }
  return "unknown";
}

int
eis_series_order_parse (const char *name)
{
  for (int o = 0; o <= EIS_SERIES_BY_INDEX; o++)
    if (strcmp (name, eis_series_order_name ((EisSeriesOrder) o)) == 0)
      return o;
  return -1;
}

void
eis_spectrum_series_init (EisSpectrumSeries *s)
{
  memset (s, 0, sizeof *s);
  s->order_by = EIS_SERIES_BY_INDEX;
}

void
eis_spectrum_series_clear (EisSpectrumSeries *s)
{
  for (size_t i = 0; i < s->n; i++)
    free (s->items[i].file);
  free (s->items);
  eis_spectrum_series_init (s);
}

int
eis_spectrum_series_add (EisSpectrumSeries *s, const EisSpectrum *sp, const char *file,
                         int number, double T_K, EisError *err)
{
  if (s->n == s->cap)
    {
      size_t cap = s->cap ? 2 * s->cap : 16;
      EisSeriesItem *ni = realloc (s->items, cap * sizeof *ni);
      if (ni == NULL)
        return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      s->items = ni;
      s->cap = cap;
    }
  EisSeriesItem *it = &s->items[s->n];
  memset (it, 0, sizeof *it);
  it->file = strdup (file ? file : (sp->source ? sp->source : "(data)"));
  if (it->file == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  it->spectrum = sp;
  it->number = number;
  it->T_K = T_K;
  it->time_s = NAN;
  if (sp->time_s)
    for (size_t i = 0; i < sp->n; i++)
      if (isfinite (sp->time_s[i]) && !(sp->time_s[i] >= it->time_s))
        it->time_s = sp->time_s[i];
  it->own_time_s = it->time_s;
  it->T_source = "";
  it->input_order = s->n++;
  return EIS_OK;
}

/* Reads start time ST in ORDER, else in whichever order fits it; -1 when none does. */
static int
start_parse (const char *st, EisDateOrder order, double *t)
{
  return st && (eis_start_time_parse (st, order, t) == 0
                || eis_start_time_parse (st, EIS_DATE_ORDER_AUTO, t) == 0
                || eis_start_time_parse (st, EIS_DATE_ORDER_DAY_FIRST, t) == 0
                || eis_start_time_parse (st, EIS_DATE_ORDER_MONTH_FIRST, t) == 0) ? 0 : -1;
}

static const char *
item_start (const EisSeriesItem *it)
{
  return eis_meta_get (&it->spectrum->meta, "start_time");
}

static const char *
item_format (const EisSeriesItem *it)
{
  return it->spectrum->format ? it->spectrum->format : "";
}

void
eis_spectrum_series_start_problem (const EisSeriesItem *it, char *buf, size_t n)
{
  const char *st = item_start (it);
  EisStartTimeInfo info;
  double t;
  if (!st || !st[0])
    {
      snprintf (buf, n, "has no start time (the instrument's date and time)");
      return;
    }
  if (eis_start_time_parse_info (st, eis_start_time_format_order (item_format (it)), &t,
                                 &info) == 0)
    {
      snprintf (buf, n, "has a start time (\"%.40s\")", st);
      return;
    }
  /* the reason for the order the file's convention gives, else for any order that reads */
  EisStartTimeInfo other;
  if (!info.date_only
      && (eis_start_time_parse_info (st, EIS_DATE_ORDER_DAY_FIRST, &t, &other) != 0
          && other.date_only))
    info = other;
  if (info.date_only)
    snprintf (buf, n, "has a start time that is a date without a time of day (\"%.40s\"): it "
              "cannot place spectra measured on one day", st);
  else
    snprintf (buf, n, "has a start time that cannot be read (\"%.40s\": %s)", st, info.why);
}

/* The order of day and month item IT's numeric date is read in, when the file itself does not
 * decide it; see eis_spectrum_series_place_in_time. */
typedef struct {
  EisDateOrder order;        /* the order of the item's date */
  int guessed;               /* both orders read a date and the format has no convention */
} ItemOrder;

static int
date_class (const EisSeriesItem *it, long *a, long *b, char *sep)
{
  const char *st = item_start (it);
  return st && eis_start_time_numeric_date (st, a, b, sep);
}

/* 1 when items I and J's dates are written alike: the same format and the same separator
 * ('.' apart from '/' and '-') */
static int
same_kind (const EisSeriesItem *p, const EisSeriesItem *q)
{
  long a, b;
  char sp, sq;
  if (!date_class (p, &a, &b, &sp) || !date_class (q, &a, &b, &sq))
    return 0;
  return strcmp (item_format (p), item_format (q)) == 0 && (sp == '.') == (sq == '.');
}

size_t
eis_spectrum_series_place_in_time (EisSpectrumSeries *s, char *note, size_t note_len)
{
  char nb[1200] = "";
  if (note && note_len)
    note[0] = '\0';
  s->time_from_start = 0;
  s->time_zero[0] = '\0';
  size_t n_given = 0, n_with = 0, n_free = 0, n_unusable = 0;
  const EisSeriesItem *first_without = NULL, *first_unusable = NULL;
  for (size_t i = 0; i < s->n; i++)
    {
      EisSeriesItem *it = &s->items[i];
      it->time_no_start = 0;
      if (it->time_given)
        {
          n_given++;
          continue;
        }
      n_free++;
      const char *st = item_start (it);
      double t;
      if (start_parse (st, eis_start_time_format_order (item_format (it)), &t) == 0)
        n_with++;
      else
        {
          if (!first_without)
            first_without = it;
          if (st && st[0] && !n_unusable++)
            first_unusable = it;
        }
    }
  if (n_given > 0)
    return 0;
  if (n_with == 0)
    {
      if (n_unusable > 0 && note && note_len)
        {
          char why[200];
          eis_spectrum_series_start_problem (first_unusable, why, sizeof why);
          snprintf (note, note_len, "%s %s: %s; the spectra are placed by their own time "
                    "stamps only", first_unusable->file, why,
                    n_unusable > 1 ? "and so do others" : "the only one with a start time");
        }
      return 0;
    }
  if (n_with < n_free)
    {
      for (size_t i = 0; i < s->n; i++)
        {
          EisSeriesItem *it = &s->items[i];
          double t;
          it->time_s = NAN;
          it->time_no_start = start_parse (item_start (it), eis_start_time_format_order (
                                             item_format (it)), &t) != 0;
        }
      if (note && note_len)
        {
          char why[200];
          eis_spectrum_series_start_problem (first_without, why, sizeof why);
          snprintf (note, note_len, "%zu of %zu spectra have the instrument's start time and "
                    "%zu not (the first without: %s, which %s): their times cannot be "
                    "compared, so the series has no times; give them as FILE@3h", n_with,
                    n_free, n_free - n_with, first_without->file, why);
        }
      return 0;
    }
  /* each file's numeric date "A/B/YYYY" in its own format's order: EC-Lab's month first;
   * else dots day first and slashes as the file says (13/1 or 1/13); a date that reads both
   * ways as files of the same kind say, else its format's convention (month first) */
  ItemOrder *ord = calloc (s->n, sizeof *ord);
  if (ord == NULL)
    return 0;
  for (size_t i = 0; i < s->n; i++)
    {
      const EisSeriesItem *it = &s->items[i];
      long a, b;
      char sep;
      double tm, td;
      ord[i].order = eis_start_time_format_order (item_format (it));
      if (!date_class (it, &a, &b, &sep))
        continue;
      if (a > 12 || b > 12 || a == b)
        {
          ord[i].order = EIS_DATE_ORDER_AUTO;   /* start_parse takes the order that reads */
          continue;
        }
      if (ord[i].order != EIS_DATE_ORDER_AUTO)
        continue;
      if (eis_start_time_parse (item_start (it), EIS_DATE_ORDER_MONTH_FIRST, &tm) != 0
          || eis_start_time_parse (item_start (it), EIS_DATE_ORDER_DAY_FIRST, &td) != 0)
        continue;
      ord[i].order = sep == '.' ? EIS_DATE_ORDER_DAY_FIRST : EIS_DATE_ORDER_MONTH_FIRST;
      ord[i].guessed = sep != '.';
    }
  /* the guesses: by the files of the same kind whose date decides, one note per kind */
  for (size_t i = 0; i < s->n; i++)
    {
      if (!ord[i].guessed)
        continue;
      const EisSeriesItem *day_file = NULL, *month_file = NULL;
      for (size_t j = 0; j < s->n; j++)
        {
          long a, b;
          char sep;
          if (!same_kind (&s->items[i], &s->items[j]) || !date_class (&s->items[j], &a, &b, &sep))
            continue;
          if (a > 12 && b <= 12 && !day_file)
            day_file = &s->items[j];
          if (b > 12 && a <= 12 && !month_file)
            month_file = &s->items[j];
        }
      EisDateOrder o = day_file && !month_file ? EIS_DATE_ORDER_DAY_FIRST
                       : EIS_DATE_ORDER_MONTH_FIRST;
      /* does the reading change the times? (not when every date is the same day) */
      double d0 = NAN;
      int matters = 0, n_amb = 0;
      char names[300] = "";
      for (size_t j = 0; j < s->n; j++)
        {
          double t1, t2;
          const char *st = item_start (&s->items[j]);
          int amb = j == i || (ord[j].guessed && same_kind (&s->items[i], &s->items[j]));
          if (start_parse (st, amb ? EIS_DATE_ORDER_MONTH_FIRST : ord[j].order, &t1) != 0
              || start_parse (st, amb ? EIS_DATE_ORDER_DAY_FIRST : ord[j].order, &t2) != 0)
            continue;
          if (isnan (d0))
            d0 = t2 - t1;
          else if (t2 - t1 != d0)
            matters = 1;
          if (amb)
            {
              if (n_amb < 3)
                eis_text_append (names, sizeof names, "%s%s", n_amb ? ", " : "", s->items[j].file);
              n_amb++;
              if (j != i)
                ord[j].guessed = 0, ord[j].order = o;
            }
        }
      ord[i].guessed = 0;
      ord[i].order = o;
      if (!matters)
        continue;
      if (n_amb > 3)
        eis_text_append (names, sizeof names, " and %d more", n_amb - 3);
      eis_text_append (nb, sizeof nb, "%s", nb[0] ? "; " : "");
      if (day_file && month_file)
        eis_text_append (nb, sizeof nb, "the start times disagree on the order of day and month (%s "
                "has the day first, %s the month): %s read month first, times may be wrong",
                day_file->file, month_file->file, names);
      else if (day_file)
        eis_text_append (nb, sizeof nb, "the date of %s (\"%s\") could have the day or the month "
                "first: read day first, as %s's (\"%s\") has", names,
                item_start (&s->items[i]), day_file->file, item_start (day_file));
      else if (month_file)
        eis_text_append (nb, sizeof nb, "the date of %s (\"%s\") could have the day or the month "
                "first: read month first, as %s's (\"%s\") has", names,
                item_start (&s->items[i]), month_file->file, item_start (month_file));
      else
        eis_text_append (nb, sizeof nb, "the date of %s (\"%s\") could have the day or the month "
                "first (the computer's date format): read month first; if the day comes "
                "first, give the times as FILE@TIME", names, item_start (&s->items[i]));
    }
  double t0 = INFINITY;
  size_t i0 = 0;
  const EisSeriesItem *zoned = NULL, *unzoned = NULL;
  for (size_t i = 0; i < s->n; i++)
    {
      EisSeriesItem *it = &s->items[i];
      const char *st = item_start (it);
      double t;
      EisStartTimeInfo info = { 0 };
      for (int o = EIS_DATE_ORDER_AUTO; o <= EIS_DATE_ORDER_DAY_FIRST; o++)
        if (eis_start_time_parse_info (st, (EisDateOrder) o, &t, &info) == 0)
          break;
      if (start_parse (st, ord[i].order, &t) != 0)
        t = NAN;   /* not reached: every one was read above */
      if (info.zone && !zoned)
        zoned = it;
      if (!info.zone && !unzoned)
        unzoned = it;
      /* the start time is the experiment's; the spectrum's own time stamps count from it */
      it->time_s = t + (isfinite (it->own_time_s) ? it->own_time_s : 0);
      if (it->time_s < t0)
        t0 = it->time_s, i0 = i;
    }
  free (ord);
  double t1 = -INFINITY;
  for (size_t i = 0; i < s->n; i++)
    {
      s->items[i].time_s -= t0;
      t1 = fmax (t1, s->items[i].time_s);
    }
  if (zoned && unzoned)
    eis_text_append (nb, sizeof nb, "%sthe start time of %s has a time-zone offset and that of %s "
            "none: the latter is read as UTC, times may be off by hours", nb[0] ? "; " : "",
            zoned->file, unzoned->file);
  if (t1 > 10 * 365.25 * 86400)
    eis_text_append (nb, sizeof nb, "%sthe start times span %.0f years: check the dates (two-digit "
            "years are read as 2000 to 2099)", nb[0] ? "; " : "", t1 / (365.25 * 86400));
  for (size_t i = 0; i < s->n; i++)
    for (size_t j = i + 1; j < s->n; j++)
      if (s->items[i].time_s == s->items[j].time_s
          && strcmp (s->items[i].file, s->items[j].file) != 0)
        {
          eis_text_append (nb, sizeof nb, "%s%s and %s start at the same time: they keep the order "
                  "given", nb[0] ? "; " : "", s->items[i].file, s->items[j].file);
          i = j = s->n;
          break;
        }
  if (note && note_len)
    snprintf (note, note_len, "%s", nb);
  s->time_from_start = 1;
  snprintf (s->time_zero, sizeof s->time_zero, "%s",
            eis_meta_get (&s->items[i0].spectrum->meta, "start_time"));
  return n_with;
}

int
eis_spectrum_series_time_informative (const EisSpectrumSeries *s)
{
  if (s->order_by == EIS_SERIES_BY_TIME)
    return 1;
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < s->n; i++)
    if (isfinite (s->items[i].time_s))
      {
        lo = fmin (lo, s->items[i].time_s);
        hi = fmax (hi, s->items[i].time_s);
      }
  return hi > lo;
}

int
eis_spectrum_series_same_temperature (const EisSpectrumSeries *s)
{
  for (size_t i = 0; i < s->n; i++)
    if (!isfinite (s->items[i].T_K) || fabs (s->items[i].T_K - s->items[0].T_K) > 0.01)
      return 0;
  return s->n > 0;
}

int
eis_spectrum_series_spans_temperature (const EisSpectrumSeries *s)
{
  for (size_t j = 1; j < s->n; j++)
    if (isfinite (s->items[j].T_K) && isfinite (s->items[0].T_K)
        && fabs (s->items[j].T_K - s->items[0].T_K) > 0.01)
      return 1;
  return 0;
}

EisSeriesOrder
eis_spectrum_series_auto_order (const EisSpectrumSeries *s, int time_given)
{
  int all_T = s->n > 0, all_t = s->n > 0;
  for (size_t j = 0; j < s->n; j++)
    {
      all_T &= isfinite (s->items[j].T_K);
      all_t &= isfinite (s->items[j].time_s);
    }
  if (time_given && all_t)
    return EIS_SERIES_BY_TIME;
  if (all_T && !(all_t && eis_spectrum_series_same_temperature (s)
                 && eis_spectrum_series_time_informative (s)))
    return EIS_SERIES_BY_TEMPERATURE;
  return all_t ? EIS_SERIES_BY_TIME : EIS_SERIES_BY_INDEX;
}

static EisSeriesOrder sort_by;

static int
item_cmp (const void *a, const void *b)
{
  const EisSeriesItem *p = a, *q = b;
  double x = NAN, y = NAN;
  if (sort_by == EIS_SERIES_BY_TEMPERATURE)
    x = p->T_K, y = q->T_K;
  else if (sort_by == EIS_SERIES_BY_TIME)
    x = p->time_s, y = q->time_s;
  if (x < y)
    return -1;
  if (x > y)
    return 1;
  return p->input_order < q->input_order ? -1 : p->input_order > q->input_order;
}

int
eis_spectrum_series_sort (EisSpectrumSeries *s, EisSeriesOrder by, EisError *err)
{
  /* first the spectra that lack a start time among others that have one: they are why */
  for (size_t i = 0; i < s->n && by == EIS_SERIES_BY_TIME; i++)
    if (s->items[i].time_no_start)
      {
        char why[200];
        eis_spectrum_series_start_problem (&s->items[i], why, sizeof why);
        return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d %s while other files have "
                              "one: give the times as %s@3h", s->items[i].file,
                              s->items[i].number, why, s->items[i].file);
      }
  for (size_t i = 0; i < s->n; i++)
    {
      const EisSeriesItem *it = &s->items[i];
      if (by == EIS_SERIES_BY_TEMPERATURE && !isfinite (it->T_K))
        return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d has no temperature (give it "
                              "as %s@25C, in --series, or in the file name)", it->file,
                              it->number, it->file);
      if (by == EIS_SERIES_BY_TIME && !isfinite (it->time_s))
        return eis_error_set (err, EIS_ERR_DATA, "%s: spectrum %d has no time stamps: order "
                              "by temperature or index", it->file, it->number);
    }
  sort_by = by;
  qsort (s->items, s->n, sizeof *s->items, item_cmp);
  s->order_by = by;
  return EIS_OK;
}

/* ---- circuit structure: the arcs of a series circuit ---- */

/* A group at the top level of the circuit that is an arc: R in parallel with C or CPE.
 * *IR receives the resistance's parameter, *IC the capacitor's first (Q or C), *NC the
 * number of capacitive parameters (1 for C, 2 for CPE: Q, n). */
static int
arc_of (const EisNode *nd, long *ir, long *ic, int *nc)
{
  long in;
  int zarc;
  if (!eis_node_arc_params (nd, ir, ic, &in, &zarc) || zarc)
    return 0;
  *nc = in < 0 ? 1 : 2;
  return 1;
}

/* The top-level items of C (the root's children, or the root alone). */
static size_t
top_items (const EisCircuit *c, const EisNode *const **items, const EisNode **single)
{
  const EisNode *root = eis_circuit_root (c);
  if (root->type == EIS_NODE_SERIES)
    {
      *items = (const EisNode *const *) root->children;
      return root->n_children;
    }
  *single = root;
  *items = single;
  return 1;
}

long
eis_circuit_series_resistance (const EisCircuit *c, const char *name)
{
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (c, &items, &single);
  for (size_t i = 0; i < n_items; i++)
    if (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_R
        && (name == NULL
            || strcmp (eis_circuit_param_name (c, items[i]->param_offset), name) == 0))
      return (long) items[i]->param_offset;
  return -1;
}

long
eis_circuit_series_inductance (const EisCircuit *c)
{
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (c, &items, &single);
  for (size_t i = 0; i < n_items; i++)
    if (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_L)
      return (long) items[i]->param_offset;
  return -1;
}

long
eis_series_fit_leads (const EisSeriesFit *f, const EisSpectrumSeries *s)
{
  if (f == NULL || f->shared == NULL || s == NULL)
    return -1;
  /* at one temperature a shared series resistance is the electrolyte's, unchanged */
  if (!eis_spectrum_series_spans_temperature (s))
    return -1;
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (f->circuit, &items, &single);
  for (size_t i = 0; i < n_items; i++)
    if (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_R
        && f->shared[items[i]->param_offset] == 1)
      return (long) items[i]->param_offset;
  return -1;
}

/* C_eff (Hsu-Mansfeld for R||CPE) and tau = R C_eff of an arc at P. */
static void
arc_c_tau (long ir, long ic, int nc, const double *p, double *C, double *tau)
{
  double R = p[ir];
  if (nc == 1)
    *C = p[ic];
  else
    *C = pow (p[ic], 1 / p[ic + 1]) * pow (R, (1 - p[ic + 1]) / p[ic + 1]);
  *tau = R * *C;
}

/* Appends to MAP the parameter indices of element nodes under ND, in tree order. */
static size_t
node_params (const EisNode *nd, size_t *map, size_t n)
{
  if (nd->type == EIS_NODE_ELEMENT)
    {
      size_t np = eis_element_info (nd->kind)->n_params;
      for (size_t q = 0; q < np; q++)
        map[n++] = nd->param_offset + q;
      return n;
    }
  for (size_t i = 0; i < nd->n_children; i++)
    n = node_params (nd->children[i], map, n);
  return n;
}

#define MAX_GROUPS 6

int
eis_series_match_arcs (const EisCircuit *c, const double *prev, double *p, double *stderr_,
                       double *corr)
{
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (c, &items, &single);
  size_t P = eis_circuit_n_params (c);
  /* The arcs, grouped by shape: only arcs of one shape can be exchanged. */
  long arc_item[MAX_GROUPS];
  size_t n_arcs = 0;
  for (size_t i = 0; i < n_items && n_arcs < MAX_GROUPS; i++)
    {
      long ir, ic;
      int nc;
      if (arc_of (items[i], &ir, &ic, &nc))
        arc_item[n_arcs++] = (long) i;
    }
  if (n_arcs < 2)
    return 0;
  /* Cost of giving arc b's current values to slot a. */
  double cost[MAX_GROUPS][MAX_GROUPS];
  for (size_t a = 0; a < n_arcs; a++)
    for (size_t b = 0; b < n_arcs; b++)
      {
        const EisNode *na = items[arc_item[a]], *nb = items[arc_item[b]];
        if (!eis_node_same_shape (na, nb))
          {
            cost[a][b] = a == b ? 0 : INFINITY;
            continue;
          }
        long ira = 0, ica = 0, irb = 0, icb = 0;
        int nca = 1, ncb = 1;
        arc_of (na, &ira, &ica, &nca);   /* both arcs: listed in arc_item above */
        arc_of (nb, &irb, &icb, &ncb);
        double Cp, tp, Cb, tb;
        arc_c_tau (ira, ica, nca, prev, &Cp, &tp);
        arc_c_tau (irb, icb, ncb, p, &Cb, &tb);
        double d = fabs (log (Cb / Cp)) + 0.25 * fabs (log (tb / tp));
        cost[a][b] = isfinite (d) ? d : (a == b ? 0 : INFINITY);
      }
  /* Every permutation of up to MAX_GROUPS arcs (Heap's algorithm would do; n is tiny). */
  size_t perm[MAX_GROUPS], best[MAX_GROUPS];
  for (size_t a = 0; a < n_arcs; a++)
    perm[a] = best[a] = a;
  double best_cost = 0;
  for (size_t a = 0; a < n_arcs; a++)
    best_cost += cost[a][a];
  /* Iterate permutations in lexicographic order. */
  for (;;)
    {
      long k = (long) n_arcs - 2;
      while (k >= 0 && perm[k] > perm[k + 1])
        k--;
      if (k < 0)
        break;
      long l = (long) n_arcs - 1;
      while (perm[l] < perm[k])
        l--;
      size_t t = perm[k];
      perm[k] = perm[l];
      perm[l] = t;
      for (size_t i = (size_t) k + 1, j = n_arcs - 1; i < j; i++, j--)
        {
          t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
      double s = 0;
      for (size_t a = 0; a < n_arcs; a++)
        s += cost[a][perm[a]];
      if (s < best_cost - 1e-9)
        {
          best_cost = s;
          memcpy (best, perm, sizeof best);
        }
    }
  int identity = 1;
  for (size_t a = 0; a < n_arcs; a++)
    identity &= best[a] == a;
  if (identity)
    return 0;
  /* src[k]: the parameter whose value goes to parameter k. */
  size_t *src = malloc (P * sizeof *src);
  double *tmp = malloc ((P * P + P) * sizeof *tmp);
  if (src == NULL || tmp == NULL)
    {
      free (src);
      free (tmp);
      return 0;
    }
  for (size_t k = 0; k < P; k++)
    src[k] = k;
  for (size_t a = 0; a < n_arcs; a++)
    {
      size_t ma[16], mb[16];
      size_t na = node_params (items[arc_item[a]], ma, 0);
      node_params (items[arc_item[best[a]]], mb, 0);
      for (size_t q = 0; q < na; q++)
        src[ma[q]] = mb[q];
    }
  memcpy (tmp, p, P * sizeof *tmp);
  for (size_t k = 0; k < P; k++)
    p[k] = tmp[src[k]];
  if (stderr_)
    {
      memcpy (tmp, stderr_, P * sizeof *tmp);
      for (size_t k = 0; k < P; k++)
        stderr_[k] = tmp[src[k]];
    }
  if (corr)
    {
      memcpy (tmp, corr, P * P * sizeof *tmp);
      for (size_t i = 0; i < P; i++)
        for (size_t j = 0; j < P; j++)
          corr[i * P + j] = tmp[src[i] * P + src[j]];
    }
  free (src);
  free (tmp);
  return 1;
}

/* Permutes a whole fit result (values, errors, correlations, flags) to match PREV. */
static void
match_result (const EisCircuit *c, const double *prev, EisFitResult *r)
{
  size_t P = r->n_params;
  double *before = malloc (P * sizeof *before);
  if (before == NULL)
    return;
  memcpy (before, r->value, P * sizeof *before);
  if (eis_series_match_arcs (c, prev, r->value, r->stderr_, r->corr))
    {
      /* Carry the per-parameter flags along: find where each value went. */
      int *und = malloc (P * sizeof *und), *bnd = malloc (P * sizeof *bnd);
      if (und && bnd)
        {
          memcpy (und, r->undetermined, P * sizeof *und);
          memcpy (bnd, r->at_bound, P * sizeof *bnd);
          for (size_t k = 0; k < P; k++)
            for (size_t j = 0; j < P; j++)
              if (before[j] == r->value[k])
                {
                  r->undetermined[k] = und[j];
                  r->at_bound[k] = bnd[j];
                  break;
                }
        }
      free (und);
      free (bnd);
    }
  free (before);
}

/* ---- judging one fit of the series circuit ---- */

/* Like eis_fit_auto's verdict: converged, every free parameter determined (relative error
 * below 100 %, not on its lower bound) and admissible (eis_fit_admissible). Exempt: held
 * parameters and the arcs they belong to (their apex lies outside the range by design), a
 * series inductance (the leads: invisible at low temperature where the resistances are large),
 * a series R below 2 % of the smallest Z' (a model without it). WHY receives the reasons. */
static int
series_ok (const EisCircuit *c, const EisSpectrum *s, const EisFitResult *r, const int *held,
           char *why, size_t why_len)
{
  if (why_len)
    why[0] = '\0';
  if (r->status != EIS_FIT_CONVERGED)
    {
      snprintf (why, why_len, "not converged");
      return 0;
    }
  double zmin = INFINITY;
  for (size_t i = 0; i < s->n; i++)
    if (s->z_re[i] > 0)
      zmin = fmin (zmin, s->z_re[i]);
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (c, &items, &single);
  for (size_t k = 0; k < r->n_params; k++)
    {
      if (r->fixed[k] || (held && held[k]))
        continue;
      if (r->stderr_[k] < fabs (r->value[k]) && r->at_bound[k] >= 0)
        continue;
      int exempt = 0;
      for (size_t i = 0; i < n_items; i++)
        {
          const EisNode *nd = items[i];
          if (nd->type == EIS_NODE_ELEMENT && nd->param_offset == k
              && (nd->kind == EIS_ELEM_L || (nd->kind == EIS_ELEM_R && isfinite (zmin)
                                             && r->value[k] < 0.02 * zmin)))
            exempt = 1;
        }
      if (!exempt)
        {
          snprintf (why, why_len, "%s not determined", eis_circuit_param_name (c, k));
          return 0;
        }
    }
  /* A series inductance is the leads' (SCIENCE.md: 0.1-1 uH); one of millihenries is the model
   * bending an arc into shape: the rule of a single fit (eis_fit_lead_inductance_ok). */
  for (size_t i = 0; i < n_items; i++)
    if (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_L
        && !eis_fit_lead_inductance_ok (r, r->value[items[i]->param_offset]))
      {
        snprintf (why, why_len, "inadmissible: %s = %.3g H is no lead inductance (above %g H)",
                  items[i]->label, r->value[items[i]->param_offset], EIS_SERIES_L_MAX_H);
        return 0;
      }
  char list[1024];
  if (eis_fit_admissible (c, r, list, sizeof list) == 0)
    return 1;
  /* Violations of held arcs are expected: drop those. */
  char held_labels[MAX_GROUPS][80];
  size_t nh = 0;
  for (size_t i = 0; i < n_items && held; i++)
    {
      long ir, ic;
      int nc;
      if (arc_of (items[i], &ir, &ic, &nc) && held[ic] && nh < MAX_GROUPS)
        snprintf (held_labels[nh++], sizeof held_labels[0], "%s||%s",
                  eis_circuit_param_name (c, (size_t) ir),
                  items[i]->children[0]->param_offset == (size_t) ir
                  ? items[i]->children[1]->label : items[i]->children[0]->label);
    }
  int left = 0;
  char *save = NULL;
  for (char *tok = strtok_r (list, ";", &save); tok; tok = strtok_r (NULL, ";", &save))
    {
      while (*tok == ' ')
        tok++;
      int ex = 0;
      for (size_t h = 0; h < nh && !ex; h++)
        if (strstr (tok, held_labels[h]) && strstr (tok, "_n") == NULL)
          ex = 1;
      if (!ex)
        {
          if (!left)
            snprintf (why, why_len, "inadmissible: %s", tok);
          left++;
        }
    }
  return left == 0;
}

/* ---- fitting one circuit along the series ---- */

typedef struct {
  const EisSpectrumSeries *s;
  const EisSeriesFitOptions *opt;
  size_t n, P;
  double *key;          /* n: 1/T, time or position, for extrapolating starts */
  size_t n_runs;
  int kind[64];         /* P: the element kind of each parameter */
  int slow[64];         /* P: 1 for a capacitance, CPE exponent or series inductance */
  int have_eligible;    /* an earlier candidate is ok on all spectra but a tenth */
  int cheap;            /* this candidate can no longer be eligible: no multistart, no
                         * second pass */
  int could_cheap;      /* it would have been cheap had an earlier candidate been eligible */
  EisFitResult *const *nest_fits;   /* n or NULL: the fits of the candidate this one puts the
                                     * leads' inductance L0 in front of (parameter 0), and */
  const int *nest_held;             /* n x (P - 1): what that candidate held */
} Ctx;

/* Fills X->kind and X->slow for circuit C. */
static void
param_kinds (Ctx *x, const EisNode *nd)
{
  if (nd->type != EIS_NODE_ELEMENT)
    {
      for (size_t i = 0; i < nd->n_children; i++)
        param_kinds (x, nd->children[i]);
      return;
    }
  size_t np = eis_element_info (nd->kind)->n_params;
  for (size_t q = 0; q < np && nd->param_offset + q < 64; q++)
    {
      x->kind[nd->param_offset + q] = nd->kind;
      x->slow[nd->param_offset + q] = nd->kind == EIS_ELEM_C || nd->kind == EIS_ELEM_CPE
                                      || nd->kind == EIS_ELEM_L;
    }
}

typedef struct {
  EisFitResult **fits;
  int *warm, *ok, *held;
  char (*why)[160];
  double bic_sum;
  size_t n_ok, n_fitted;
} Along;

static void
along_free (Along *a, size_t n)
{
  if (a->fits)
    for (size_t j = 0; j < n; j++)
      eis_fit_result_free (a->fits[j]);
  free (a->fits);
  free (a->warm);
  free (a->ok);
  free (a->held);
  free (a->why);
  memset (a, 0, sizeof *a);
}

static int
along_alloc (Along *a, size_t n, size_t P)
{
  memset (a, 0, sizeof *a);
  a->fits = calloc (n, sizeof *a->fits);
  a->warm = calloc (n, sizeof *a->warm);
  a->ok = calloc (n, sizeof *a->ok);
  a->held = calloc (n * (P ? P : 1), sizeof *a->held);
  a->why = calloc (n, sizeof *a->why);
  return a->fits && a->warm && a->ok && a->held && a->why ? 0 : -1;
}

/* Is A a better fit than B (NULL)? An ok fit beats one that is not, then lower chi2. */
static int
better (const EisFitResult *a, int a_ok, const EisFitResult *b, int b_ok)
{
  if (a == NULL || !isfinite (a->chi2))
    return 0;
  if (b == NULL || !isfinite (b->chi2))
    return 1;
  if (a_ok != b_ok)
    return a_ok > b_ok;
  return a->chi2 < b->chi2 * (1 - 1e-9);
}

/* One fit run with the user's constraints plus HELD (may be NULL) at INIT. */
static int
run (Ctx *x, const EisCircuit *c, size_t j, const double *init, const int *held, int n_starts,
     EisFitResult **r, EisError *err)
{
  const EisFitOptions *uo = &x->opt->fit;
  EisFitOptions o = *uo;
  size_t P = x->P;
  double *start = malloc ((P ? P : 1) * sizeof *start);
  int *fixed = calloc (P ? P : 1, sizeof *fixed);
  if (!start || !fixed)
    {
      free (start);
      free (fixed);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  for (size_t k = 0; k < P; k++)
    {
      fixed[k] = (uo->fixed && uo->fixed[k]) || (held && held[k]);
      start[k] = init ? init[k] : (uo->init ? uo->init[k] : NAN);
      if (uo->fixed && uo->fixed[k])
        start[k] = uo->init[k];
    }
  o.init = start;
  o.fixed = fixed;
  o.n_starts = n_starts;
  x->n_runs++;
  int st = eis_fit_run (c, x->s->items[j].spectrum, &o, r, err);
  free (start);
  free (fixed);
  return st;
}

/* Is V, parameter K's value in a neighbour's fit, a usable start or held value? Not when it
 * ran to (nearly) zero or infinity in log space, where the solver has no gradient: a series
 * inductance below 0.1 nH is no lead inductance (SCIENCE.md: 0.1-1 uH) but leads the cold
 * spectra do not show, and held or started there it would stay there in the hot spectra that
 * do show them. */
static int
usable (const Ctx *x, const EisCircuit *c, size_t k, double v)
{
  if (x->kind[k] == EIS_ELEM_L && !(v > 1e-10))
    return 0;
  return eis_circuit_param_kind (c, k) != EIS_PARAM_POSITIVE || (v > 1e-30 && v < 1e30);
}

/* The warm start for spectrum J from its neighbour J1 (and J2 beyond it, NULL when none):
 * resistances and other positive parameters extrapolated linearly in ln p against the
 * series key (1/T, time, position), by at most a factor 10; exponents from J1. */
static void
warm_start (Ctx *x, const EisCircuit *c, size_t j, const EisFitResult *r1, size_t j1,
            const EisFitResult *r2, size_t j2, double *p)
{
  for (size_t k = 0; k < x->P; k++)
    {
      double v = r1->value[k];
      if (r2 && eis_circuit_param_kind (c, k) == EIS_PARAM_POSITIVE && x->key[j1] != x->key[j2]
          && r2->value[k] > 0 && v > 0)
        {
          double slope = (log (v) - log (r2->value[k])) / (x->key[j1] - x->key[j2]);
          double d = slope * (x->key[j] - x->key[j1]);
          if (isfinite (d))
            v *= exp (fmax (-log (10.0), fmin (log (10.0), d)));
        }
      /* A parameter that ran to (nearly) zero or infinity in log space (an inductance the
       * cold spectra do not need) starts from the automatic guess instead. */
      if (!usable (x, c, k, v) || !usable (x, c, k, r1->value[k]))
        v = NAN;
      p[k] = v;
    }
}

/* The course of resistance K at spectrum J in a temperature series: the Arrhenius line, ln R
 * against 1/T weighted by each point's relative error, through the other spectra fitted so far
 * that determine it (not held, relative error below 50 %), into *V; 0, or -1 where fewer than
 * two temperatures give it (the caller keeps the two-neighbour extrapolation). A resistance
 * that the neighbour held (only its sum with the next arc measured there) is held on this line
 * in the next spectrum, and one held from its two neighbours' values is tried on it when that
 * fit is not ok: extrapolated from the two nearest neighbours, one of them held a few per cent
 * off, the error grew from spectrum to spectrum; a pellet measured to 7 MHz then held its bulk
 * resistance at 90 degC above the measured total (43.6 Ohm of 40.1), the fit failed there and
 * the series took an ideal C for the bulk at every temperature. (The two neighbours' value
 * stays first: on the line first, a pellet series whose Q stays constant took the circuit
 * without L0 and its 80 degC resistances moved 4 standard errors.) */
static int
course (const Ctx *x, const Along *a, size_t j, size_t k, double *v)
{
  if (x->s->order_by != EIS_SERIES_BY_TEMPERATURE)
    return -1;
  double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, kmin = INFINITY, kmax = -INFINITY;
  for (size_t i = 0; i < x->n; i++)
    {
      const EisFitResult *r = a->fits[i];
      if (i == j || r == NULL || a->held[i * x->P + k] || !isfinite (x->key[i])
          || !(r->value[k] > 0) || r->undetermined[k] || !(r->stderr_[k] < 0.5 * r->value[k]))
        continue;
      double rel = r->stderr_[k] / r->value[k], w = 1 / (rel * rel + 1e-6), y = log (r->value[k]);
      sw += w;
      sx += w * x->key[i];
      sy += w * y;
      sxx += w * x->key[i] * x->key[i];
      sxy += w * x->key[i] * y;
      kmin = fmin (kmin, x->key[i]);
      kmax = fmax (kmax, x->key[i]);
    }
  double det = sw * sxx - sx * sx;
  if (!(kmax > kmin) || !(det > 0))
    return -1;
  double slope = (sw * sxy - sx * sy) / det, icpt = (sy - slope * sx) / sw;
  double lv = icpt + slope * x->key[j];
  if (!isfinite (lv) || !(slope > 0))
    return -1;   /* (a resistance that falls on cooling is no thermally activated one) */
  *v = exp (lv);
  return 0;
}

/* "could not be fitted" and why, from the error E of the last try (without the file name the
 * message starts with, nor the circuit it ends with; "; " becomes ", " so that reasons can be
 * listed with "; "). */
static void
fit_failure (char *why, size_t len, const EisError *e)
{
  const char *m = e->code ? e->message : "";
  const char *sp = strstr (m, ": spectrum ");
  if (sp)
    m = sp + 2;
  snprintf (why, len, "could not be fitted%s", m[0] ? ": " : "");
  size_t at = strlen (why), ml = strlen (m);
  const char *c = strstr (m, " (circuit ");
  if (c)
    ml = (size_t) (c - m);
  if (at + ml >= len)
    ml = len - at - 1;
  memcpy (why + at, m, ml);
  why[at + ml] = '\0';
  for (char *p = why; (p = strstr (p, "; ")) != NULL; p++)
    *p = ',';
}

/* Fits spectrum J warm-started from the fit at J1 (and J2, (size_t)-1 for none). */
static int
step (Ctx *x, const EisCircuit *c, Along *a, size_t j, size_t j1, size_t j2, EisError *err)
{
  size_t P = x->P;
  const EisSpectrum *sp = x->s->items[j].spectrum;
  const EisFitResult *r1 = a->fits[j1];
  const EisFitResult *r2 = j2 != (size_t) -1 ? a->fits[j2] : NULL;
  int *held1 = &a->held[j1 * P], *held = &a->held[j * P];
  double *p = malloc ((P ? P : 1) * sizeof *p), *ext = NULL;
  int *try_held = calloc (P ? P : 1, sizeof *try_held);
  if (!p || !try_held)
    {
      free (p);
      free (try_held);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  EisFitResult *best = NULL, *r = NULL;
  int best_ok = 0, best_warm = 0, st = EIS_OK;
  char best_why[160] = "", why[160];
  int *best_held = calloc (P ? P : 1, sizeof *best_held);
  if (!best_held)
    {
      free (p);
      free (try_held);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  /* 1: the warm start, everything free, one start; then, when that is not ok and the
   * neighbour held parameters, the same start with those held. */
  warm_start (x, c, j, r1, j1, r2, j2, p);
  EisError e2 = { 0 };
  for (int with_held = 0; with_held < 2 && !best_ok; with_held++)
    {
      int any_held = 0;
      /* the neighbour's holds, but at values the solver can move from */
      for (size_t k = 0; k < P; k++)
        any_held |= try_held[k] = held1[k] && usable (x, c, k, r1->value[k]);
      if (with_held && !any_held)
        break;
      for (size_t k = 0; k < P && with_held; k++)
        {
          if (try_held[k] && x->kind[k] != EIS_ELEM_R)
            p[k] = r1->value[k];   /* the neighbour's own held values: usable (a held
                                    * resistance stays on its course) */
          else if (try_held[k])
            course (x, a, j, k, &p[k]);
        }
      if (run (x, c, j, p, with_held ? try_held : NULL, 1, &r, &e2) == EIS_OK)
        {
          match_result (c, r1->value, r);
          int ok = series_ok (c, sp, r, with_held ? try_held : NULL, why, sizeof why);
          if (better (r, ok, best, best_ok))
            {
              eis_fit_result_free (best);
              best = r;
              best_ok = ok;
              best_warm = 1;
              if (with_held)
                memcpy (best_held, try_held, P * sizeof *try_held);
              snprintf (best_why, sizeof best_why, "%s", why);
              r = NULL;
            }
          eis_fit_result_free (r);
          r = NULL;
        }
      else if (e2.code == EIS_ERR_NOMEM)
        {
          st = eis_error_set (err, e2.code, "%s", e2.message);
          goto out;
        }
    }
  /* 2: the neighbour's own optimum without holds, several starts. */
  if (!best_ok && !x->cheap)
    {
      int ns = x->opt->fit.n_starts > 0 ? x->opt->fit.n_starts : 6;
      for (size_t k = 0; k < P; k++)
        p[k] = usable (x, c, k, r1->value[k]) ? r1->value[k] : NAN;
      if (run (x, c, j, p, NULL, ns, &r, &e2) == EIS_OK)
        {
          match_result (c, r1->value, r);
          int ok = series_ok (c, sp, r, NULL, why, sizeof why);
          if (better (r, ok, best, best_ok))
            {
              eis_fit_result_free (best);
              best = r;
              best_ok = ok;
              best_warm = 0;
              memset (best_held, 0, P * sizeof *best_held);
              snprintf (best_why, sizeof best_why, "%s", why);
              r = NULL;
            }
        }
      eis_fit_result_free (r);
      r = NULL;
    }
  /* 3: what this spectrum does not determine is held at the neighbour's value, slow
   * parameters only (capacitances, CPE exponents, a series inductance: they change slowly
   * along a series, resistances exponentially). First the undetermined ones and the
   * capacitance of an arc whose apex has left the measured range (so that its R stays the same
   * physical element, an intercept, instead of the arcs being renamed); then the whole
   * capacitance of every arc with anything undetermined; last, with two neighbours on one
   * side, a resistance that is still not determined (two arcs both beyond the range, where
   * only their sum is measured) is held on its course, extrapolated in ln R against the series
   * key from the neighbours like the warm start, so that the other keeps its identity. */
  ext = malloc ((P ? P : 1) * sizeof *ext);
  if (ext == NULL)
    {
      st = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      eis_fit_result_free (best);
      goto out;
    }
  warm_start (x, c, j, r1, j1, r2, j2, ext);
  int last_undet[64] = { 0 };
  for (int level = 0; level < 4 && !best_ok && best; level++)
    {
      if (level >= 2 && r2 == NULL)
        break;
      const EisNode *single;
      const EisNode *const *items;
      size_t n_items = top_items (c, &items, &single);
      double fmin_hz = best->n_points ? best->freq_hz[0] : NAN;
      double fmax_hz = best->n_points ? best->freq_hz[best->n_points - 1] : NAN;
      int any = 0;
      memcpy (try_held, best_held, P * sizeof *try_held);
      for (size_t k = 0; k < P; k++)
        {
          int slow = x->slow[k];
          int undet = !(best->stderr_[k] < fabs (best->value[k])) || best->undetermined[k]
                      || best->at_bound[k] < 0
                      || (x->kind[k] == EIS_ELEM_L
                          && !eis_fit_lead_inductance_ok (best, best->value[k]));
          if (slow && undet && !try_held[k] && !(x->opt->fit.fixed && x->opt->fit.fixed[k]))
            {
              try_held[k] = 1;
              any = 1;
            }
        }
      if (level >= 2)
        {
          /* One resistance only: that of the fastest arc whose apex lies above the range
           * (the farthest beyond it), else the fastest undetermined one; the sum of the two
           * stays measured. */
          long pick = -1;
          double pick_f = -1;
          int any_undet = 0;
          for (size_t k = 0; k < P; k++)
            any_undet |= x->kind[k] == EIS_ELEM_R && (last_undet[k] || best->undetermined[k]
                                                      || !(best->stderr_[k]
                                                           < fabs (best->value[k])));
          for (int above = 1; above >= 0 && pick < 0 && any_undet; above--)
            for (size_t k = 0; k < P; k++)
              {
                if (x->kind[k] != EIS_ELEM_R || try_held[k] || !isfinite (ext[k])
                    || (x->opt->fit.fixed && x->opt->fit.fixed[k]))
                  continue;
                int undet = last_undet[k] || best->undetermined[k]
                            || !(best->stderr_[k] < fabs (best->value[k]));
                double fk = -1;
                for (size_t i = 0; i < n_items; i++)
                  {
                    long ir, ic;
                    int nc;
                    double C, tau;
                    if (arc_of (items[i], &ir, &ic, &nc) && ir == (long) k)
                      {
                        arc_c_tau (ir, ic, nc, best->value, &C, &tau);
                        fk = 1 / (2 * M_PI * tau);
                      }
                  }
                if (above ? !(fk > fmax_hz) : !undet)
                  continue;
                if (pick < 0 || fk > pick_f)
                  {
                    pick = (long) k;
                    pick_f = fk;
                  }
              }
          if (pick >= 0)
            {
              try_held[pick] = 1;
              any = 1;
            }
        }
      for (size_t i = 0; i < n_items; i++)
        {
          long ir, ic;
          int nc;
          if (!arc_of (items[i], &ir, &ic, &nc))
            continue;
          double C, tau;
          arc_c_tau (ir, ic, nc, best->value, &C, &tau);
          double fpk = 1 / (2 * M_PI * tau);
          int undet = 0;
          for (int q = -1; q < nc; q++)
            {
              long k = q < 0 ? ir : ic + q;
              undet |= !(best->stderr_[k] < fabs (best->value[k])) || best->undetermined[k];
            }
          if ((level >= 1 && undet) || !(fpk < fmax_hz * 10) || !(fpk > fmin_hz / 10))
            for (int q = 0; q < nc; q++)
              if (!(x->opt->fit.fixed && x->opt->fit.fixed[ic + q]) && !try_held[ic + q])
                {
                  try_held[ic + q] = 1;
                  any = 1;
                }
        }
      if (!any)
        continue;
      memcpy (p, best->value, P * sizeof *p);
      int on_line = 0;
      for (size_t k = 0; k < P; k++)
        if (try_held[k] && x->kind[k] == EIS_ELEM_R)
          {
            p[k] = ext[k];   /* on the course of the neighbours */
            /* last, on the Arrhenius line of the spectra that determine it (course) */
            if (level == 3 && !(x->opt->fit.fixed && x->opt->fit.fixed[k])
                && course (x, a, j, k, &p[k]) == 0 && p[k] != ext[k])
              on_line = 1;
          }
        else if (try_held[k])
          {
            if (usable (x, c, k, r1->value[k]))
              p[k] = r1->value[k];
            else
              try_held[k] = 0;   /* the neighbour has no usable value either */
          }
      if (level == 3 && !on_line)
        continue;
      if (run (x, c, j, p, try_held, 3, &r, &e2) == EIS_OK)
        {
          match_result (c, r1->value, r);
          for (size_t k = 0; k < P && k < 64; k++)
            last_undet[k] = !try_held[k] && (r->undetermined[k]
                                             || !(r->stderr_[k] < fabs (r->value[k])));
          int ok = series_ok (c, sp, r, try_held, why, sizeof why);
          if (ok || better (r, ok, best, best_ok))
            {
              eis_fit_result_free (best);
              best = r;
              best_ok = ok;
              memcpy (best_held, try_held, P * sizeof *best_held);
              snprintf (best_why, sizeof best_why, "%s", why);
              r = NULL;
            }
        }
      eis_fit_result_free (r);
      r = NULL;
    }
  /* Keep what an earlier pass found when it is better. */
  if (best && (a->fits[j] == NULL || better (best, best_ok, a->fits[j], a->ok[j])))
    {
      eis_fit_result_free (a->fits[j]);
      a->fits[j] = best;
      a->ok[j] = best_ok;
      a->warm[j] = best_warm;
      memcpy (held, best_held, P * sizeof *held);
      snprintf (a->why[j], sizeof a->why[j], "%s", best_why);
    }
  else
    {
      eis_fit_result_free (best);
      if (a->fits[j] == NULL)
        fit_failure (a->why[j], sizeof a->why[j], &e2);
    }
out:
  free (p);
  free (ext);
  free (try_held);
  free (best_held);
  return st;
}

/* Fits C to every spectrum: an anchor fitted from the automatic starts (the first spectrum
 * in series order where the fit is ok, of at most three tried), then outwards from it, each
 * spectrum from its neighbour. */
static int
fit_along (Ctx *x, const EisCircuit *c, Along *a, int quick, EisError *err)
{
  size_t n = x->n, P = x->P;
  if (along_alloc (a, n, P) != 0)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  size_t anchor = (size_t) -1;
  EisError last = { 0 };
  for (size_t j = 0; j < n && j < 3; j++)
    {
      EisFitResult *r = NULL;
      int ns = quick ? 4 : (x->opt->fit.n_starts > 0 ? x->opt->fit.n_starts : 0);
      if (run (x, c, j, NULL, NULL, ns, &r, &last) != EIS_OK)
        {
          if (last.code == EIS_ERR_NOMEM || last.code == EIS_ERR_INVALID)
            {
              along_free (a, n);
              return eis_error_set (err, last.code, "%s", last.message);
            }
          continue;
        }
      char why[160];
      int ok = series_ok (c, x->s->items[j].spectrum, r, NULL, why, sizeof why);
      if (anchor == (size_t) -1 || (ok && !a->ok[anchor]))
        {
          if (anchor != (size_t) -1)
            {
              eis_fit_result_free (a->fits[anchor]);
              a->fits[anchor] = NULL;
            }
          anchor = j;
          a->fits[j] = r;
          a->ok[j] = ok;
          snprintf (a->why[j], sizeof a->why[j], "%s", why);
        }
      else
        eis_fit_result_free (r);
      if (ok)
        break;
    }
  if (anchor == (size_t) -1)
    {
      along_free (a, n);
      return eis_error_set (err, last.code ? last.code : EIS_ERR_FIT, "%s",
                            last.code ? last.message : "no spectrum could be fitted");
    }
  int st = EIS_OK;
  /* Outwards from the anchor: each spectrum from the nearest fitted one on the anchor's side
   * (and the one beyond it, for the extrapolated start). */
  for (int dir = 1; dir >= -1 && st == EIS_OK; dir -= 2)
    {
      long last1 = (long) anchor, last2 = -1;
      for (long j = (long) anchor + dir; j >= 0 && j < (long) n && st == EIS_OK; j += dir)
        {
          if (a->fits[j])   /* an anchor candidate that lost: refit from the neighbour */
            {
              eis_fit_result_free (a->fits[j]);
              a->fits[j] = NULL;
            }
          st = step (x, c, a, (size_t) j, (size_t) last1, last2 >= 0 ? (size_t) last2
                     : (size_t) -1, err);
          /* A candidate already not ok on more than a tenth of the spectra cannot be chosen
           * when another is eligible: the rest of it from warm starts only. */
          size_t bad = 0;
          for (size_t i = 0; i < n; i++)
            bad += a->fits[i] != NULL && !a->ok[i];
          if (bad > n / 10)
            {
              x->cheap |= x->have_eligible;
              x->could_cheap = 1;
            }
          if (a->fits[j])
            {
              last2 = last1;
              last1 = j;
            }
        }
    }
  /* Once more along the whole series, forwards and backwards, where a spectrum is not ok
   * yet: what one end determines (the bulk arc's capacitance at low temperature, the lead
   * inductance at high temperature) then reaches the other. */
  for (int dir = 1; dir >= -1 && st == EIS_OK && !x->cheap; dir -= 2)
    {
      long last1 = -1, last2 = -1;
      for (long j = dir > 0 ? 0 : (long) n - 1; j >= 0 && j < (long) n && st == EIS_OK;
           j += dir)
        {
          if (!a->ok[j] && last1 >= 0)
            st = step (x, c, a, (size_t) j, (size_t) last1,
                       last2 >= 0 ? (size_t) last2 : (size_t) -1, err);
          if (a->fits[j])
            {
              last2 = last1;
              last1 = j;
            }
        }
    }
  /* A candidate that puts the leads' inductance L0 in front of another contains it (L0 = 0):
   * each spectrum also from the other's optimum (and its holds) with L0 at a typical 0.1 uH,
   * kept where better, so that it fits at least as well. From its own warm starts alone, a
   * pellet series measured to 1 MHz with 0.2 uH of cable gave L0-p(R1,C1)-p(R2,CPE2)-CPE3 a
   * summed BIC of -9710 against -10121 without L0, and the series went without it: sigma_bulk
   * at 60 and 80 degC 4 to 9 stated errors off. */
  for (size_t j = 0; x->nest_fits && st == EIS_OK && j < n && P >= 2 && P <= 64
                     && x->kind[0] == EIS_ELEM_L; j++)
    {
      const EisFitResult *q = x->nest_fits[j];
      if (q == NULL || q->n_params + 1 != P)
        continue;
      double p[64];
      int h[64] = { 0 }, any = 0;
      p[0] = 1e-7;
      for (size_t k = 0; k + 1 < P; k++)
        {
          p[k + 1] = q->value[k];
          any |= h[k + 1] = x->nest_held[j * (P - 1) + k] != 0;
        }
      EisFitResult *r = NULL;
      EisError e2 = { 0 };
      if (run (x, c, j, p, any ? h : NULL, 1, &r, &e2) != EIS_OK)
        {
          if (e2.code == EIS_ERR_NOMEM)
            st = eis_error_set (err, e2.code, "%s", e2.message);
          continue;
        }
      char why[160];
      int ok = series_ok (c, x->s->items[j].spectrum, r, any ? h : NULL, why, sizeof why);
      if (better (r, ok, a->fits[j], a->ok[j]))
        {
          eis_fit_result_free (a->fits[j]);
          a->fits[j] = r;
          a->ok[j] = ok;
          a->warm[j] = 1;
          memcpy (&a->held[j * P], h, P * sizeof h[0]);
          snprintf (a->why[j], sizeof a->why[j], "%s", why);
        }
      else
        eis_fit_result_free (r);
    }
  if (st != EIS_OK)
    {
      along_free (a, n);
      return st;
    }
  /* Held parameters count as free in the BIC: they were estimated, from the neighbours, and a
   * candidate must not gain by holding. */
  a->bic_sum = 0;
  /* A series inductance in front of the circuit is the leads' (cables, cell holder): one value
   * for the series, which the joint fit shares (eis_series_fit_joint), so it counts as one
   * parameter of the series, not one per spectrum (a penalty of 6 ln(2N), about 31, kept a
   * six-spectrum pellet series that needs its 0.2 uH from L0 at a BIC 17 lower) */
  long lead_l = eis_circuit_series_inductance (c);
  double m_all = 0;
  for (size_t j = 0; j < n; j++)
    if (a->fits[j] && isfinite (a->fits[j]->bic))
      {
        size_t nh = 0;
        for (size_t k = 0; k < P; k++)
          nh += a->held[j * P + k] != 0;
        double m = 2.0 * (double) a->fits[j]->n_points;
        a->bic_sum += a->fits[j]->bic + (double) nh * log (m);
        if (lead_l >= 0 && !(x->opt->fit.fixed && x->opt->fit.fixed[lead_l]))
          {
            a->bic_sum -= log (m);
            m_all += m;
          }
        a->n_fitted++;
        a->n_ok += a->ok[j] != 0;
      }
  if (m_all > 0)
    a->bic_sum += log (m_all);
  return EIS_OK;
}

/* ---- roles fixed for the series, jumps ---- */

static void
add_change (char **s, const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (buf, sizeof buf, fmt, ap);
  va_end (ap);
  size_t old = *s ? strlen (*s) : 0;
  char *n = realloc (*s, old + strlen (buf) + 3);
  if (n == NULL)
    return;
  if (old)
    strcpy (n + old, "; "), old += 2;
  strcpy (n + old, buf);
  *s = n;
}

static double
covar (const EisFitResult *f, long a, long b)
{
  size_t P = f->n_params;
  if (a == b)
    return f->stderr_[a] * f->stderr_[a];
  double c = f->corr[a * P + b];
  return isfinite (c) ? c * f->stderr_[a] * f->stderr_[b] : 0;
}

/* R_bulk, R_gb, R_total and the conductivities again after roles were set for the series:
 * the bulk is the arcs the series calls bulk, else the series resistances (the intercept). */
static void
recompute (const EisCircuit *c, const EisFitResult *f, const EisGeometry *g, EisConductivity *d)
{
  if (d->too_narrow)
    return;     /* no resistance of the electrolyte from so narrow a spectrum */
  long bi[EIS_MAX_ARCS], gi[EIS_MAX_ARCS], ei[EIS_MAX_ARCS];
  size_t nb = 0, ng = 0, ne = 0;
  for (size_t k = 0; k < d->n_arcs; k++)
    {
      EisRole r = d->arcs[k].role;
      if (d->arcs[k].r_index < 0)
        continue;
      if (r == EIS_ROLE_BULK || r == EIS_ROLE_INTERCEPT || r == EIS_ROLE_GRAIN_BOUNDARY
          || r == EIS_ROLE_ELECTROLYTE)
        ei[ne++] = d->arcs[k].r_index;
      if (r == EIS_ROLE_BULK || r == EIS_ROLE_INTERCEPT)
        bi[nb++] = d->arcs[k].r_index;
      else if (r == EIS_ROLE_GRAIN_BOUNDARY)
        gi[ng++] = d->arcs[k].r_index;
    }
  /* An arc the data do not place (bulk or grain boundary): only the whole electrolyte's
   * resistance is reported, as eis_conductivity_analyse does. */
  int whole = nb + ng < ne, intercept = 0;
  if (nb == 0 && !whole)
    {
      intercept = 1;
      const EisNode *single;
      const EisNode *const *items;
      size_t n_items = top_items (c, &items, &single);
      for (size_t i = 0; i < n_items && nb < EIS_MAX_ARCS; i++)
        if (items[i]->type == EIS_NODE_ELEMENT && items[i]->kind == EIS_ELEM_R
            && (long) items[i]->param_offset != d->leads_index)
          bi[nb++] = (long) items[i]->param_offset;
    }
  double Rb = 0, vb = 0, Rg = 0, vg = 0, vbg = 0, Re = 0, ve = 0;
  for (size_t a = 0; a < nb; a++)
    {
      Rb += f->value[bi[a]];
      for (size_t b = 0; b < nb; b++)
        vb += covar (f, bi[a], bi[b]);
      for (size_t b = 0; b < ng; b++)
        vbg += covar (f, bi[a], gi[b]);
    }
  for (size_t a = 0; a < ng; a++)
    {
      Rg += f->value[gi[a]];
      for (size_t b = 0; b < ng; b++)
        vg += covar (f, gi[a], gi[b]);
    }
  for (size_t a = 0; a < ne; a++)
    {
      Re += f->value[ei[a]];
      for (size_t b = 0; b < ne; b++)
        ve += covar (f, ei[a], ei[b]);
    }
  /* a lead resistance given (--leads) is in the intercept, as eis_conductivity_analyse
   * says: out of the bulk taken from it, and out of a whole electrolyte that holds it */
  if (g && g->leads_ohm > 0)
    {
      double sl = isfinite (g->leads_se_ohm) ? g->leads_se_ohm : 0;
      int in_e = 0;
      for (size_t k = 0; k < d->n_arcs; k++)
        in_e |= d->arcs[k].role == EIS_ROLE_INTERCEPT && d->arcs[k].r_index >= 0;
      /* R0 + R1 not split (hf_pair): the leads are in their sum, which R_total holds */
      in_e |= d->hf_pair && whole;
      if (intercept || in_e)
        {
          Rb = Rb - g->leads_ohm > 0 ? Rb - g->leads_ohm : NAN;
          vb += sl * sl;
        }
      if (in_e)
        {
          Re = Re - g->leads_ohm > 0 ? Re - g->leads_ohm : NAN;
          ve += sl * sl;
        }
    }
  /* An intercept with no grain-boundary arc beyond it is R_bulk + R_gb (as
   * eis_conductivity_analyse says); the series' roles may put one there, and then it is the
   * bulk's: the spectrum's caution goes. */
  int total_only = intercept && ng == 0 && d->intercept_total;
  if (intercept && ng > 0 && d->intercept_total)
    {
      d->intercept_total = 0;
      for (size_t k = 0; k < d->n_cautions; k++)
        if (strncmp (d->cautions[k], "the intercept holds bulk and grain boundary", 43) == 0)
          {
            memmove (&d->cautions[k], &d->cautions[k + 1],
                     (d->n_cautions - k - 1) * sizeof d->cautions[0]);
            d->n_cautions--;
            break;
          }
    }
  d->R_bulk = nb && !whole && !total_only ? Rb : NAN;
  d->R_bulk_se = nb && !whole && !total_only ? sqrt (vb) : NAN;
  d->R_gb = ng && !whole ? Rg : NAN;
  d->R_gb_se = ng && !whole ? sqrt (vg) : NAN;
  d->R_total = whole ? Re : nb ? Rb + Rg : NAN;
  d->R_total_se = whole ? eis_se_of_var (ve) : nb ? eis_se_of_var (vb + vg + 2 * vbg) : NAN;
  d->sigma_bulk = d->sigma_bulk_se = d->sigma_gb = d->sigma_gb_se = NAN;
  d->sigma_total = d->sigma_total_se = NAN;
  d->sigma_gb_specific = d->sigma_gb_specific_se = NAN;
  if (d->have_geometry && g)
    {
      if (isfinite (d->R_bulk) && d->R_bulk > 0)
        d->sigma_bulk = eis_conductivity_sigma (d->R_bulk, d->R_bulk_se, g, &d->sigma_bulk_se);
      if (isfinite (d->R_gb) && d->R_gb > 0)
        d->sigma_gb = eis_conductivity_sigma (d->R_gb, d->R_gb_se, g, &d->sigma_gb_se);
      if (isfinite (d->R_total) && d->R_total > 0)
        d->sigma_total = eis_conductivity_sigma (d->R_total, d->R_total_se, g,
                                                 &d->sigma_total_se);
    }
}

int
eis_series_conductivity (const EisCircuit *c, const EisFitResult *fit, const EisGeometry *geom,
                         EisCellType cell, const EisConductivity *series, EisConductivity *out,
                         EisError *err)
{
  /* The spectrum alone, for its cell: what the cautions compare with. */
  int st = eis_conductivity_analyse_cell (c, fit, geom, cell, out, err);
  if (st != EIS_OK || !series)
    return st;
  EisRole alone[EIS_MAX_ARCS];
  int changed = 0;
  for (size_t k = 0; k < out->n_arcs; k++)
    {
      alone[k] = out->arcs[k].role;
      for (size_t m = 0; m < series->n_arcs; m++)
        if (strcmp (out->arcs[k].label, series->arcs[m].label) == 0
            && out->arcs[k].role != series->arcs[m].role)
          changed = 1;
    }
  if (!changed)
    return st;
  /* As eis_series_fit_analyse does: the roles held to the series' on the analysis before the
   * cell's, then R_bulk, R_gb, R_total and the interface of the cell follow them. */
  if ((st = eis_conductivity_analyse (c, fit, geom, out, err)) != EIS_OK)
    return st;
  for (size_t k = 0; k < out->n_arcs; k++)
    for (size_t m = 0; m < series->n_arcs; m++)
      {
        EisArc *a = &out->arcs[k];
        EisRole r = series->arcs[m].role;

        if (strcmp (a->label, series->arcs[m].label) != 0)
          continue;
        if (alone[k] != r && out->n_cautions < sizeof out->cautions / sizeof out->cautions[0])
          snprintf (out->cautions[out->n_cautions++], sizeof out->cautions[0],
                    "%s taken as %s, as in the series fit (this spectrum alone: %s)", a->label,
                    eis_role_name (r), eis_role_name (alone[k]));
        a->role = r;
      }
  recompute (c, fit, geom, out);
  eis_conductivity_set_cell (out, fit, geom, cell);
  return st;
}

/* Whether the series binds, in spectrum J, the capacitance of one of the arcs its own
 * analysis could not place as bulk or grain boundary (EIS_ROLE_ELECTROLYTE): held at the
 * neighbour's value, or shared by the joint fit (eis_series_fit_joint shares it for that
 * reason, and keeps it only where the data accept it). Only then does the series, not the
 * spectrum, split them. */
static int
electrolyte_capacitance_bound (const EisSeriesFit *f, size_t j)
{
  size_t P = eis_circuit_n_params (f->circuit);
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (f->circuit, &items, &single);
  for (size_t k = 0; k < f->cond[j].n_arcs; k++)
    {
      const EisArc *a = &f->cond[j].arcs[k];
      if (a->role != EIS_ROLE_ELECTROLYTE || a->r_index < 0)
        continue;
      for (size_t i = 0; i < n_items; i++)
        {
          long ir, ic;
          int nc;
          if (arc_of (items[i], &ir, &ic, &nc) && ir == a->r_index)
            for (int q = 0; q < nc; q++)
              if ((size_t) (ic + q) < P && (f->held[j * P + (size_t) (ic + q)]
                                            || (f->shared && f->shared[ic + q])))
                return 1;
        }
    }
  return 0;
}

/* Whether spectrum J keeps its own "not separated": its analysis (of the series' fit of it,
 * with the series' errors) does not separate bulk from grain boundary (split_ambiguous), and
 * - the series' errors themselves do not split them (split_by_errors: after a joint fit they
 *   hold what the series shares, and a shared capacitance that leaves R1 and R2 correlated
 *   beyond 0.999 has not split them: the majority gave such a row R_bulk 9.5e-5 +- inf Ohm), or
 * - the reason is what the spectrum does not show (an arc at the top frequency, a capacitance
 *   at the line between the two) and the series binds no capacitance of those arcs,
 * and the one electrolyte arc does not merely lie above the range (merged_above_range, which a
 * series' temperature law binds). */
static int
keeps_not_separated (const EisSeriesFit *f, size_t j)
{
  const EisConductivity *c = &f->cond[j];
  if (!c->split_ambiguous || c->merged_above_range
      || (!c->split_by_errors && electrolyte_capacitance_bound (f, j)))
    return 0;
  for (size_t k = 0; k < c->n_arcs; k++)
    if (c->arcs[k].role == EIS_ROLE_ELECTROLYTE)
      return 1;
  return 0;
}

long
eis_series_fit_bind_unseparated (EisSeriesFit *f)
{
  size_t P = eis_circuit_n_params (f->circuit);
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (f->circuit, &items, &single);
  long marked = 0;
  for (size_t j = 0; f->cond && j < f->n; j++)
    {
      if (!f->fits[j] || !keeps_not_separated (f, j))
        continue;
      for (size_t k = 0; k < f->cond[j].n_arcs; k++)
        {
          const EisArc *a = &f->cond[j].arcs[k];
          if (a->role != EIS_ROLE_ELECTROLYTE || a->r_index < 0)
            continue;
          /* the bulk's arc only (the bulk in most spectra of the series): its capacitance,
           * eps_r eps_0 A/L, changes little with temperature; a grain-boundary arc's C_eff
           * follows the microstructure and its CPE's shape, and shared it made the joint fit
           * of a pellet whose grain-boundary Q is constant run out of iterations */
          size_t n_bulk = 0, n_with = 0;
          for (size_t i = 0; i < f->n; i++)
            for (size_t m = 0; f->fits[i] && m < f->cond[i].n_arcs; m++)
              if (strcmp (f->cond[i].arcs[m].label, a->label) == 0)
                {
                  n_with++;
                  n_bulk += f->cond[i].arcs[m].role == EIS_ROLE_BULK;
                }
          if (!(2 * n_bulk > n_with))
            continue;
          for (size_t i = 0; i < n_items; i++)
            {
              long ir, ic;
              int nc;
              if (!arc_of (items[i], &ir, &ic, &nc) || ir != a->r_index)
                continue;
              if (f->bind == NULL && (f->bind = calloc (P ? P : 1, sizeof *f->bind)) == NULL)
                return -1;
              for (int q = 0; q < nc; q++)
                if ((size_t) (ic + q) < P && !f->bind[ic + q])
                  {
                    f->bind[ic + q] = 1;
                    marked++;
                  }
            }
        }
    }
  return marked;
}

/* The reason a spectrum's analysis gave for not separating bulk and grain boundary, from its
 * caution ("" when none), into BUF. */
static void
not_separated_reason (const EisConductivity *c, char *buf, size_t len)
{
  static const char head[] = "bulk and grain boundary are not separated: ";
  buf[0] = '\0';
  for (size_t k = 0; k < c->n_cautions; k++)
    if (strncmp (c->cautions[k], head, sizeof head - 1) == 0)
      {
        const char *r = c->cautions[k] + sizeof head - 1;
        const char *end = strstr (r, "; only the total electrolyte");
        size_t n = end ? (size_t) (end - r) : strlen (r);
        if (n >= len)
          n = len - 1;
        memcpy (buf, r, n);
        buf[n] = '\0';
        return;
      }
}

/* Majority role of each arc label; spectra that disagree take it, and say so. A spectrum whose
 * own data do not separate bulk from grain boundary keeps that judgement, as its single fit
 * does (keeps_not_separated): sigma_bulk means the same in every row, and is withheld where
 * the spectrum does not determine it. The majority gave a pellet at 80 degC measured to 1 MHz
 * (its grain-boundary arc at the top frequency, the series without the leads' inductance)
 * sigma_bulk 1.026e-3 +- 1.4e-5 S/cm for 1.080e-3 (3.8 errors), which its single fit
 * withholds; the same file gave three incompatible sigma_bulk in series of six and three. */
static void
series_roles (EisSeriesFit *f, const EisSpectrumSeries *s, const EisGeometry *geom)
{
  size_t n = f->n;
  for (size_t j = 0; j < n; j++)
    {
      if (!f->fits[j])
        continue;
      int keep = keeps_not_separated (f, j);
      if (keep)
        {
          char why[400];
          not_separated_reason (&f->cond[j], why, sizeof why);
          add_change (&f->changes[j], "bulk and grain boundary not separated in this spectrum, "
                      "as its fit alone says (%.300s), and the series binds no capacitance that "
                      "would split them: sigma_bulk withheld (at least sigma_total), "
                      "sigma_total given", why[0] ? why : "see its caution");
        }
      for (size_t k = 0; k < f->cond[j].n_arcs; k++)
        {
          EisArc *a = &f->cond[j].arcs[k];
          if (keep && a->role == EIS_ROLE_ELECTROLYTE)
            continue;
          size_t count[EIS_ROLE_UNKNOWN + 1] = { 0 };
          for (size_t i = 0; i < n; i++)
            for (size_t m = 0; f->fits[i] && m < f->cond[i].n_arcs; m++)
              if (strcmp (f->cond[i].arcs[m].label, a->label) == 0
                  && f->cond[i].arcs[m].role <= EIS_ROLE_UNKNOWN)
                count[f->cond[i].arcs[m].role]++;
          /* The intercept and a bulk arc are the same bulk. */
          size_t best = a->role;
          for (size_t r = 0; r <= EIS_ROLE_UNKNOWN; r++)
            if (count[r] > count[best])
              best = r;
          int same = best == a->role
                     || (best == EIS_ROLE_BULK && a->role == EIS_ROLE_INTERCEPT)
                     || (best == EIS_ROLE_INTERCEPT && a->role == EIS_ROLE_BULK);
          /* "Electrolyte" is what a spectrum that does not separate bulk from grain boundary
           * says: the absence of a split, not a role the other spectra can be held to. In a
           * temperature series the bulk arc leaves the window on heating (SCIENCE.md), so
           * the hot spectra do not separate what the cold ones resolve (capacitance in the
           * bulk's range, apex in range, as their own analysis found): those keep their
           * bulk and grain boundary, the hot ones give sigma_total. The majority erased the
           * resolved bulk of a pellet at -30..10 degC (4 of 7 hot rows): no bulk Ea at all,
           * where the cold rows alone give 0.380 eV, the truth. */
          if (!same && best == EIS_ROLE_ELECTROLYTE
              && (a->role == EIS_ROLE_BULK || a->role == EIS_ROLE_GRAIN_BOUNDARY
                  || a->role == EIS_ROLE_INTERCEPT))
            same = 1;
          if (!same)
            {
              add_change (&f->changes[j], "%s taken as %s as in %zu of %zu spectra (alone it "
                          "would be %s)", a->label, eis_role_name ((EisRole) best), count[best],
                          n, eis_role_name (a->role));
              a->role = (EisRole) best;
              recompute (f->circuit, f->fits[j],
                         s->items[j].have_geom ? &s->items[j].geom : geom, &f->cond[j]);
            }
        }
    }
}

/* Jumps: a resistance that leaves the smooth course of its two neighbours (ln R against the
 * series key) by more than a factor 1.5 and by more than three standard errors. */
static void
find_jumps (EisSeriesFit *f, const double *key)
{
  size_t P = eis_circuit_n_params (f->circuit);
  for (size_t j = 1; j + 1 < f->n; j++)
    {
      const EisFitResult *a = f->fits[j - 1], *b = f->fits[j], *c = f->fits[j + 1];
      if (!a || !b || !c || key[j + 1] == key[j - 1])
        continue;
      for (size_t k = 0; k < P; k++)
        {
          const char *unit = eis_circuit_param_unit (f->circuit, k);
          if (strcmp (unit, "Ohm") != 0 || b->fixed[k] || f->held[j * P + k])
            continue;
          /* a resistance run to 0 (on its bound, error unknown) has no ln R to jump from */
          if (!(a->value[k] > 0) || !(b->value[k] > 0) || !(c->value[k] > 0))
            continue;
          double t = (key[j] - key[j - 1]) / (key[j + 1] - key[j - 1]);
          double mid = log (a->value[k]) + t * (log (c->value[k]) - log (a->value[k]));
          double d = log (b->value[k]) - mid;
          /* significant against the errors of all three: ln R's error is the relative error,
           * and the neighbours' line carries theirs (a resistance zero within its error, as a
           * series R0 of 1e-11 Ohm beside 7e-10 Ohm, does not jump) */
          double rel = b->stderr_[k] / b->value[k];
          double ra = a->stderr_[k] / a->value[k], rc = c->stderr_[k] / c->value[k];
          double sd = sqrt ((isfinite (rel) ? rel * rel : 0) + (1 - t) * (1 - t) * ra * ra
                            + t * t * rc * rc);
          if (a->fixed[k])
            sd = sqrt ((isfinite (rel) ? rel * rel : 0) + t * t * rc * rc);
          if (c->fixed[k])
            sd = sqrt ((isfinite (rel) ? rel * rel : 0) + (1 - t) * (1 - t) * ra * ra);
          if (a->fixed[k] && c->fixed[k])
            sd = isfinite (rel) ? fabs (rel) : 0;
          if (fabs (d) > log (1.5) && !(fabs (d) <= 3 * sd) && isfinite (sd) && ++f->jump[j])
            add_change (&f->changes[j], "%s jumps to %.4g Ohm between %.4g and %.4g Ohm of its "
                        "neighbours", eis_circuit_param_name (f->circuit, k), b->value[k],
                        a->value[k], c->value[k]);
        }
    }
}

int
eis_series_fit_jumps (EisSeriesFit *f, const EisSpectrumSeries *s)
{
  if (f->jump == NULL)
    return 0;
  double *key = malloc ((f->n ? f->n : 1) * sizeof *key);
  if (key == NULL)
    return -1;
  for (size_t j = 0; j < f->n; j++)
    {
      f->jump[j] = 0;
      key[j] = s->order_by == EIS_SERIES_BY_TEMPERATURE && isfinite (s->items[j].T_K)
               ? 1 / s->items[j].T_K
               : s->order_by == EIS_SERIES_BY_TIME && isfinite (s->items[j].time_s)
               ? s->items[j].time_s : (double) j;
    }
  find_jumps (f, key);
  free (key);
  return 0;
}

/* ---- the series fit ---- */

void
eis_series_fit_options_init (EisSeriesFitOptions *o)
{
  memset (o, 0, sizeof *o);
  eis_fit_options_init (&o->fit);
}

void
eis_series_fit_free (EisSeriesFit *f)
{
  if (f == NULL)
    return;
  if (f->fits)
    for (size_t j = 0; j < f->n; j++)
      eis_fit_result_free (f->fits[j]);
  if (f->changes)
    for (size_t j = 0; j < f->n; j++)
      free (f->changes[j]);
  eis_circuit_free (f->circuit);
  free (f->fits);
  free (f->cond);
  free (f->warm);
  free (f->ok);
  free (f->held);
  free (f->jump);
  free (f->changes);
  free (f->candidates);
  free (f->shared);
  free (f->unshared);
  free (f->bind);
  free (f);
}

static void
warn (EisSeriesFit *f, const char *fmt, ...)
{
  if (f->n_warnings >= sizeof f->warnings / sizeof f->warnings[0])
    return;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (f->warnings[f->n_warnings++], sizeof f->warnings[0], fmt, ap);
  va_end (ap);
}

int
eis_series_fit_analyse (EisSeriesFit *f, const EisSpectrumSeries *s,
                        const EisSeriesFitOptions *opt, EisError *err)
{
  size_t n = f->n;
  int status = EIS_OK;
  if (f->cond == NULL)
    f->cond = calloc (n, sizeof *f->cond);
  if (f->changes == NULL)
    f->changes = calloc (n, sizeof *f->changes);
  if (!f->cond || !f->changes)
    return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
  for (size_t j = 0; j < n; j++)
    {
      free (f->changes[j]);
      f->changes[j] = NULL;
    }
  size_t P = eis_circuit_n_params (f->circuit);
  for (size_t j = 0; j < n; j++)
    {
      if (f->fits[j] == NULL)
        {
          add_change (&f->changes[j], "could not be fitted");
          continue;
        }
      EisError e = { 0 };
      const EisGeometry *g = s->items[j].have_geom ? &s->items[j].geom : opt->geom;
      if (eis_conductivity_analyse_leads (f->circuit, f->fits[j], g, EIS_CELL_UNSPECIFIED,
                                          eis_series_fit_leads (f, s), &f->cond[j], &e) != EIS_OK)
        {
          return eis_error_set (err, e.code, "%s", e.message);
        }
      /* After a joint fit took over (F->shared set), a spectrum its own fit left not ok is
       * judged again on the joint fit's values, what the series shares counting as held (the
       * series determines it): an arc whose Q and n the series shares is no longer "an
       * extrapolation" beyond the range, and its spectrum's sigma_total counts (a pellet
       * series to 7 MHz with its true circuit left 30 to 90 degC out of the Arrhenius fit). */
      int hs[64];
      for (size_t k = 0; k < P && k < 64; k++)
        hs[k] = f->held[j * P + k] || (f->shared && f->shared[k]);
      if (!f->ok[j] && f->shared && P <= 64
          && f->fits[j]->status == EIS_FIT_CONVERGED)
        f->ok[j] = series_ok (f->circuit, s->items[j].spectrum, f->fits[j], hs, NULL, 0);
      if (!f->ok[j])
        {
          char why[160];
          series_ok (f->circuit, s->items[j].spectrum, f->fits[j], P <= 64 ? hs : &f->held[j * P],
                     why, sizeof why);
          /* what it holds was the reason (said below) */
          if (!why[0])
            series_ok (f->circuit, s->items[j].spectrum, f->fits[j], NULL, why, sizeof why);
          add_change (&f->changes[j], "the series circuit does not fit here alone: %s", why);
        }
      char held[256] = "";
      size_t used = 0;
      for (size_t k = 0; k < P && used < sizeof held; k++)
        if (f->held[j * P + k])
          used += (size_t) snprintf (held + used, sizeof held - used, "%s%s", used ? ", " : "",
                                     eis_circuit_param_name (f->circuit, k));
      if (used)
        add_change (&f->changes[j], "%s held at the neighbour's value (this spectrum does "
                    "not determine it: an arc beyond the measured range, or leads it does not "
                    "show), so that the elements keep their identity", held);
    }
  series_roles (f, s, opt->geom);
  /* The interface follows the roles as held, and each spectrum's cell type. */
  for (size_t j = 0; j < n; j++)
    if (f->fits[j])
      eis_conductivity_set_cell (&f->cond[j], f->fits[j],
                                 s->items[j].have_geom ? &s->items[j].geom : opt->geom,
                                 s->items[j].cell);
  /* Two resistive arcs whose time constants lie within EIS_SERIES_TAU_CLOSE of each other in
   * a spectrum merge into one arc there: the spectrum alone measures their sum, not the split
   * (correlation near -1), and what splits them in a series is the capacitances shared with
   * the other spectra, which a change of the interfaces (an SEI growing at the charge
   * transfer's time constant) makes wrong with no worse chi2. Said, so that the sum is read. */
  for (size_t j = 0; j < n; j++)
    {
      EisConductivity *c = &f->cond[j];
      if (f->fits[j] == NULL)
        continue;
      char why[400];
      eis_conductivity_merge_close (c, f->fits[j], why, sizeof why);
      if (!why[0])
        continue;
      if (c->n_merged)
        add_change (&f->changes[j], "%s: this spectrum measures their sum %.5g +- %.2g Ohm, "
                    "not the split, which rests on the capacitances the series shares and can "
                    "be wrong with no worse chi2; read the sum (%s)", why, c->R_merged,
                    c->R_merged_se, isfinite (c->R_total) && !isfinite (c->R_bulk)
                    ? "R_total; R_bulk and R_gb are not given" : isfinite (c->R_interface)
                    ? "R_interface_total" : "R_merged; R_total and R_interface are not given");
    }
  return status;
}

/* The reason for spectrum J (1-based) in WHY_NOT ("3: R1 not determined; 7: ..."), into BUF. */
static void
reason_of (const char *why_not, size_t j, char *buf, size_t len)
{
  char key[32];
  snprintf (key, sizeof key, "%zu: ", j);
  const char *p = why_not;
  size_t kl = strlen (key);
  while (p && strncmp (p, key, kl) != 0)
    {
      p = strstr (p, "; ");
      if (p)
        p += 2;
    }
  if (p == NULL)
    {
      snprintf (buf, len, "not ok");
      return;
    }
  p += kl;
  const char *end = strstr (p, "; ");
  snprintf (buf, len, "%.*s", (int) (end ? (size_t) (end - p) : strlen (p)), p);
}

/* Warns that the spectra where candidate CD is not ok keep it from the series, which takes
 * the chosen BC for every spectrum instead (names the spectra, their files and why). */
static void
forced_warning (EisSeriesFit *f, const EisSpectrumSeries *s, const EisSeriesCandidate *cd,
                const EisSeriesCandidate *bc)
{
  char list[480] = "";
  size_t used = 0, n_bad = 0;
  char *save = NULL, nums[256];
  snprintf (nums, sizeof nums, "%s", cd->not_ok);
  for (char *t = strtok_r (nums, ", ", &save); t && used < sizeof list;
       t = strtok_r (NULL, ", ", &save))
    {
      size_t j = (size_t) strtoul (t, NULL, 10);
      if (j < 1 || j > s->n)
        continue;
      const EisSeriesItem *it = &s->items[j - 1];
      const char *b = strrchr (it->file, '/');
      char why[200];
      reason_of (cd->why_not, j, why, sizeof why);
      used += (size_t) snprintf (list + used, sizeof list - used, "%s%zu (%s, %zu points: %s)",
                                 n_bad++ ? "; " : "", j, b ? b + 1 : it->file,
                                 it->spectrum->n, why);
    }
  warn (f, "%s, with a lower BIC summed over the other spectra (%.1f against %.1f), is not ok "
        "on spectrum %s; so the series takes %s for every spectrum: leave %s out or fit %s "
        "alone", cd->circuit, cd->bic_sum, bc->bic_sum, list, bc->circuit,
        n_bad > 1 ? "them" : "it", n_bad > 1 ? "them" : "it");
}

/* Ranks candidate A against B: allowed (ok on all but a tenth of the spectra, rounded
 * down) before not allowed; then lower summed BIC; among the not allowed, more ok first. */
static int
cand_better (const EisSeriesCandidate *a, const EisSeriesCandidate *b, size_t n)
{
  size_t allow = n / 10;
  int aa = a->n_fitted == n && a->n_ok + allow >= n, ba = b->n_fitted == n && b->n_ok + allow >= n;
  if (aa != ba)
    return aa > ba;
  if (!aa && a->n_ok != b->n_ok)
    return a->n_ok > b->n_ok;
  if (a->n_fitted != b->n_fitted)
    return a->n_fitted > b->n_fitted;
  return a->bic_sum < b->bic_sum;
}

/* A candidate of the automatic choice and its fit along the series. */
typedef struct {
  int tried, he;        /* fitted, and whether a candidate before it was allowed then */
  int he_matters;       /* the fit would differ with the other HE (Ctx.could_cheap) */
  EisCircuit *c;        /* NULL when it could not be fitted */
  Along a;
  EisSeriesCandidate cd;
  EisError e;           /* why it could not be fitted */
  size_t n_clean;       /* spectra where its residuals look like noise */
  size_t n_ok_fitted;   /* spectra where it was ok before nowhere_arcs: what the later
                         * candidates' effort follows (HE), as before that rule */
} Slot;

static void
slot_clear (Slot *k, size_t n)
{
  along_free (&k->a, n);
  eis_circuit_free (k->c);
  memset (k, 0, sizeof *k);
}

/* Ok on all spectra but a tenth (rounded down): a candidate that may be chosen. */
static int
slot_allowed (const Slot *k, size_t n)
{
  return k->c && k->cd.n_fitted == n && k->cd.n_ok + n / 10 >= n;
}

/* The best of the M slots (cand_better, the first in list order among equals), -1 none. */
static long
slot_best (const Slot *slot, size_t m, size_t n)
{
  long b = -1;
  for (size_t i = 0; i < m; i++)
    if (slot[i].tried && slot[i].c && (b < 0 || cand_better (&slot[i].cd, &slot[b].cd, n)))
      b = (long) i;
  return b;
}

/* An arc held in every spectrum it was fitted to (at the value of a neighbour that holds it
 * too) is determined by no spectrum of the series: the data show no such arc, and the
 * candidate is not ok anywhere. A gel (one R and the electrodes' CPE) was fitted with
 * L0-R0-p(R1,CPE1)-CPE2, R1||CPE1 held in all 11 spectra (R1 1e-3 .. 4e-12 Ohm, Q 9.6e5),
 * "ok on 11/11"; the joint fit then freed it to R1 = 3.8e22 Ohm, CPE1_n = 2411. */
static void
nowhere_arcs (const EisCircuit *c, Along *a, size_t n)
{
  size_t P = eis_circuit_n_params (c);
  const EisNode *single;
  const EisNode *const *items;
  size_t n_items = top_items (c, &items, &single);
  for (size_t i = 0; i < n_items; i++)
    {
      long ir, ic;
      int nc;
      if (!arc_of (items[i], &ir, &ic, &nc))
        continue;
      size_t n_fit = 0, n_held = 0;
      for (size_t j = 0; j < n; j++)
        if (a->fits[j])
          {
            n_fit++;
            n_held += a->held[j * P + (size_t) ir] || a->held[j * P + (size_t) ic];
          }
      if (n_fit == 0 || n_held < n_fit)
        continue;
      for (size_t j = 0; j < n; j++)
        if (a->fits[j])
          {
            if (a->ok[j])
              a->n_ok--;
            a->ok[j] = 0;
            snprintf (a->why[j], sizeof a->why[0], "%s||%s determined by no spectrum of the "
                      "series (held in every one): the data show no such arc",
                      eis_circuit_param_name (c, (size_t) ir),
                      items[i]->children[0]->param_offset == (size_t) ir
                      ? items[i]->children[1]->label : items[i]->children[0]->label);
          }
      return;
    }
}

/* Fits the circuit TEXT along the series into K (HE: a candidate before it is allowed). A
 * candidate that cannot be fitted at all is a result (K->c NULL, K->e why), unless the circuit
 * was given; errors are memory, a circuit that cannot be parsed or one with more than 64
 * parameters. */
static int
slot_fit (Ctx *x, Slot *k, const char *text, int he, EisError *err)
{
  size_t n = x->n;
  slot_clear (k, n);
  k->tried = 1;
  k->he = he;
  EisCircuit *c = NULL;
  int status = eis_circuit_parse (text, &c, err);
  if (status != EIS_OK)
    return status;
  x->P = eis_circuit_n_params (c);
  if (x->P > 64)
    {
      status = eis_error_set (err, EIS_ERR_INVALID, "%s: more than 64 parameters",
                              eis_circuit_text (c));
      eis_circuit_free (c);
      return status;
    }
  x->cheap = 0;
  x->could_cheap = 0;
  x->have_eligible = he;
  memset (x->kind, 0, sizeof x->kind);
  memset (x->slow, 0, sizeof x->slow);
  param_kinds (x, eis_circuit_root (c));
  EisError e = { 0 };
  int st = fit_along (x, c, &k->a, x->opt->circuit == NULL, &e);
  EisSeriesCandidate *cd = &k->cd;
  snprintf (cd->circuit, sizeof cd->circuit, "%s", eis_circuit_text (c));
  if (st != EIS_OK)
    {
      eis_circuit_free (c);
      if (e.code == EIS_ERR_NOMEM || x->opt->circuit)
        return eis_error_set (err, e.code, "%s", e.message);
      k->e = e;
      cd->bic_sum = INFINITY;
      snprintf (cd->not_ok, sizeof cd->not_ok, "%.200s", e.message);
      return EIS_OK;
    }
  k->c = c;
  k->he_matters = x->could_cheap;
  /* (the effort spent on later candidates follows the ok count before this rule: with it,
   * a pellet's L0-R0-p(R1,CPE1), its arc held everywhere, let the later candidates multistart
   * and the series took another circuit whose bulk law was 0.363 eV for 0.380) */
  k->n_ok_fitted = k->a.n_ok;
  nowhere_arcs (c, &k->a, n);
  size_t used = 0;
  for (size_t j = 0; j < n && used < sizeof cd->why_not; j++)
    if (!k->a.ok[j])
      used += (size_t) snprintf (cd->why_not + used, sizeof cd->why_not - used, "%s%zu: %s",
                                 used ? "; " : "", j + 1, k->a.why[j]);
  cd->n_ok = k->a.n_ok;
  cd->n_fitted = k->a.n_fitted;
  cd->bic_sum = k->a.bic_sum;
  used = 0;
  for (size_t j = 0; j < n && used < sizeof cd->not_ok; j++)
    if (!k->a.ok[j])
      used += (size_t) snprintf (cd->not_ok + used, sizeof cd->not_ok - used, "%s%zu",
                                 used ? ", " : "", j + 1);
  for (size_t j = 0; j < n; j++)
    k->n_clean += k->a.ok[j] && eis_fit_clean (k->a.fits[j]);
  return EIS_OK;
}

/* The automatic choice reads each spectrum's coarse distribution of relaxation times as
 * eis_fit_auto does (fit-guess.c, fit-auto.c) and tries the candidates in its groups
 * (eis_fit_candidate_group): first those that the distribution of some spectrum of the series
 * calls for, then, while the best is not allowed or its residuals do not look like noise on
 * three quarters of the spectra, those with one arc more or fewer, then the rest. (Each
 * candidate's anchor starts from the automatic guess, which the same distribution gives.)
 * SEEDED = 0: every candidate (the choice before seeding). */
static int
series_fit (const EisSpectrumSeries *s, const EisSeriesFitOptions *opt, int seeded,
            EisSeriesFit **out, EisError *err)
{
  *out = NULL;
  if (s->n == 0)
    return eis_error_set (err, EIS_ERR_INVALID, "the series has no spectrum");
  EisSeriesFitOptions defaults;
  eis_series_fit_options_init (&defaults);
  if (opt == NULL)
    opt = &defaults;
  if (opt->circuit == NULL && (opt->fit.init || opt->fit.fixed || opt->fit.lower
                               || opt->fit.upper))
    return eis_error_set (err, EIS_ERR_INVALID, "starting values, fixed values and bounds "
                          "name parameters: give the circuit");
  size_t n = s->n;
  seeded = seeded && opt->circuit == NULL;
  EisSeriesFit *f = calloc (1, sizeof *f);
  EisFitShape *shape = seeded ? malloc (n * sizeof *shape) : NULL;
  Ctx x;
  memset (&x, 0, sizeof x);
  x.s = s;
  x.opt = opt;
  x.n = n;
  x.key = malloc (n * sizeof *x.key);
  if (f == NULL || x.key == NULL || (seeded && shape == NULL))
    {
      free (f);
      free (x.key);
      free (shape);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  f->n = n;
  for (size_t j = 0; j < n; j++)
    x.key[j] = s->order_by == EIS_SERIES_BY_TEMPERATURE && isfinite (s->items[j].T_K)
               ? 1 / s->items[j].T_K
               : s->order_by == EIS_SERIES_BY_TIME && isfinite (s->items[j].time_s)
               ? s->items[j].time_s : (double) j;

  /* The candidates. */
  const char *names[40];
  char bufs[40][128];
  size_t nc = 0;
  int inductive = 0, diffusive = 0;
  for (size_t j = 0; j < n; j++)
    {
      /* The shape tests and the distribution look at the points the fit will use, as
       * eis_fit_auto's. */
      EisSpectrum *u = eis_fit_used_points (s->items[j].spectrum, &opt->fit);
      if (u == NULL)
        {
          free (x.key);
          free (shape);
          eis_series_fit_free (f);
          return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
        }
      inductive |= eis_fit_looks_inductive (u);
      diffusive |= eis_fit_looks_diffusive (u);
      if (seeded && u->n < 2)
        seeded = 0;   /* (such a spectrum fails every candidate anyway) */
      if (seeded)
        {
          EisFitFeatures F;
          eis_fit_features (u, &F);
          shape[j] = eis_fit_features_shape (&F);
          shape[j].li_symmetric = s->items[j].cell == EIS_CELL_LI_SYMMETRIC;
        }
      eis_spectrum_free (u);
    }
  if (opt->circuit)
    names[nc++] = opt->circuit;
  else
    {
      for (size_t i = 0; eis_fit_default_circuits[i] && nc < 20; i++)
        {
          snprintf (bufs[nc], sizeof bufs[nc], "%s%s", inductive ? "L0-" : "",
                    eis_fit_default_circuits[i]);
          names[nc] = bufs[nc];
          nc++;
        }
      for (size_t i = 0; diffusive && eis_fit_diffusion_circuits[i] && nc < 36; i++)
        {
          snprintf (bufs[nc], sizeof bufs[nc], "%s%s", inductive ? "L0-" : "",
                    eis_fit_diffusion_circuits[i]);
          names[nc] = bufs[nc];
          nc++;
        }
    }
  f->candidates = calloc (nc + 1, sizeof *f->candidates);
  Slot *slot = calloc (nc + 1, sizeof *slot);
  int *group = calloc (nc + 1, sizeof *group);
  if (f->candidates == NULL || slot == NULL || group == NULL)
    {
      free (x.key);
      free (shape);
      free (slot);
      free (group);
      eis_series_fit_free (f);
      return eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
    }
  Along best = { 0 };
  EisCircuit *best_c = NULL;
  long best_i = -1;
  int status = EIS_OK;
  EisError last = { 0 };
  /* The group of each candidate: the earliest any spectrum of the series calls for. */
  for (size_t i = 0; seeded && i < nc; i++)
    {
      EisCircuit *c = NULL;
      if ((status = eis_circuit_parse (names[i], &c, err)) != EIS_OK)
        goto fail;
      group[i] = 2;
      for (size_t j = 0; j < n; j++)
        {
          int g = eis_fit_candidate_group (c, &shape[j]);
          group[i] = g < group[i] ? g : group[i];
        }
      eis_circuit_free (c);
    }
  /* Each candidate is fitted knowing whether one before it in the list is allowed (a candidate
   * that cannot be allowed then saves its multistarts, fit_along), and refitted when that
   * changes as earlier candidates of a later group come in and it made a difference: the
   * answer is the same as when every candidate is fitted in list order. */
  long bi = -1;
  for (int pass = seeded ? 0 : 2; pass <= 2; pass++)
    {
      for (size_t i = 0; i < nc; i++)
        {
          if (pass < 2 && group[i] > pass)
            continue;
          int he = 0;
          for (size_t k = 0; k < i; k++)
            he |= slot[k].tried && slot[k].c && slot[k].cd.n_fitted == n
                  && slot[k].n_ok_fitted + n / 10 >= n;
          if (slot[i].tried && (slot[i].he == he || !slot[i].he_matters))
            continue;
          if ((status = slot_fit (&x, &slot[i], names[i], he, err)) != EIS_OK)
            goto fail;
        }
      bi = slot_best (slot, nc, n);
      /* The best is allowed and describes the data (residuals that look like noise on three
       * quarters of the spectra at least: the true circuit's runs test falls below -2 on about
       * one spectrum in eight, a circuit short of an arc on most): the other groups cannot do
       * better by much (eis_fit_auto's rule, over the series). */
      if (pass < 2 && bi >= 0 && slot_allowed (&slot[bi], n) && 4 * slot[bi].n_clean >= 3 * n)
        break;
    }
  if (opt->circuit == NULL && !inductive && bi >= 0)
    {
      /* Once more the best with a series inductance, as eis_fit_auto does; fitted in full
       * (every pass along the series, as if no candidate were allowed yet): the leads'
       * inductance shows in the hot spectra, and only the second pass carries it to the
       * others. Cut short as a candidate that could not be allowed, the pellet measured to
       * 1 MHz with 0.2 uH of cable found its bulk capacitance not determined at 60 degC, and
       * the series took the circuit without L0 (BIC 377 higher): sigma_bulk there 2.3 % low,
       * 9.7 stated errors. */
      char text[160];
      snprintf (text, sizeof text, "L0-%s", slot[bi].cd.circuit);
      x.nest_fits = slot[bi].a.fits;
      x.nest_held = slot[bi].a.held;
      status = slot_fit (&x, &slot[nc], text, 0, err);
      x.nest_fits = NULL;
      x.nest_held = NULL;
      if (status != EIS_OK)
        goto fail;
      bi = slot_best (slot, nc + 1, n);
    }
  /* The candidates fitted, in list order, and the best. */
  for (size_t i = 0; i <= nc; i++)
    {
      if (!slot[i].tried)
        continue;
      if (slot[i].c == NULL)
        last = slot[i].e;
      if ((long) i == bi)
        {
          best = slot[i].a;
          best_c = slot[i].c;
          best_i = (long) f->n_candidates;
          slot[i].c = NULL;
          memset (&slot[i].a, 0, sizeof slot[i].a);
        }
      f->candidates[f->n_candidates++] = slot[i].cd;
    }
  if (best_c == NULL)
    {
      status = eis_error_set (err, last.code ? last.code : EIS_ERR_FIT, "%s",
                              last.code ? last.message : "no circuit could be fitted");
      goto fail;
    }
  /* As eis_fit_auto: an inadmissible fit is never the answer. When the automatic choice's best
   * candidate lies outside the physical range of its elements on every spectrum (none is
   * converged and admissible anywhere), the series fit fails and says why (man eisfit: exit 3). */
  if (opt->circuit == NULL)
    {
      size_t n_adm = 0;
      long first = -1;
      for (size_t j = 0; j < n; j++)
        {
          int adm = best.fits[j] && best.fits[j]->status == EIS_FIT_CONVERGED
                    && (best.ok[j] || strncmp (best.why[j], "inadmissible", 12) != 0);
          n_adm += adm != 0;
          if (!adm && first < 0 && best.why[j][0])
            first = (long) j;
        }
      if (n_adm == 0)
        {
          status = eis_error_set (err, EIS_ERR_FIT, "no candidate circuit fits any spectrum of "
                                  "the series within the physical range of its elements (the "
                                  "best by BIC, %s, on spectrum %ld: %s); give a circuit with "
                                  "--circuit", f->candidates[best_i].circuit, first >= 0 ? first + 1 : 1,
                                  first >= 0 ? best.why[first] : "not converged");
          goto fail;
        }
    }
  /* A few spectra that keep a circuit with a lower summed BIC from the series (a short
   * spectrum where it has more parameters than values, one that does not determine an arc):
   * the series takes a poorer circuit for all because of them, and says which and why. */
  long pass = -1;
  if (opt->circuit == NULL)
    {
      const EisSeriesCandidate *bc0 = &f->candidates[best_i];
      size_t max_bad = n / 5 > 1 ? n / 5 : 1;
      for (size_t i = 0; i < f->n_candidates; i++)
        {
          const EisSeriesCandidate *cd = &f->candidates[i];
          if ((long) i == best_i || cd->n_ok == 0 || cd->n_ok >= n || n - cd->n_ok > max_bad
              || !(cd->bic_sum < bc0->bic_sum))
            continue;
          if (pass < 0 || cd->bic_sum < f->candidates[pass].bic_sum)
            pass = (long) i;
        }
    }
  /* The chosen circuit, refined with the full number of starts where it is not ok. */
  f->circuit = best_c;
  f->fits = best.fits;
  f->warm = best.warm;
  f->ok = best.ok;
  f->held = best.held;
  f->bic_sum = best.bic_sum;
  free (best.why);   /* reasons are rebuilt into changes below */
  const EisSeriesCandidate *bc = &f->candidates[best_i];
  {
    size_t used = 0;
    used += (size_t) snprintf (f->why + used, sizeof f->why - used,
                               opt->circuit ? "circuit %s as given" :
                               "picked %s by the lowest BIC summed over the series", bc->circuit);
    if (!opt->circuit)
      snprintf (f->why + used, sizeof f->why - used, " among %zu candidates, of those "
                "converged, determined and admissible on all spectra but a tenth at most",
                f->n_candidates);
  }
  if (bc->n_ok < n)
    warn (f, "%s is not converged, determined and admissible on spectra %s (numbered in "
          "series order)%s", bc->circuit, bc->not_ok,
          opt->circuit ? "" : bc->n_ok + n / 10 >= n ? ""
          : ": no candidate is, on nearly all spectra; its values are not to be trusted there");

  if (pass >= 0)
    forced_warning (f, s, &f->candidates[pass], bc);
  if ((status = eis_series_fit_analyse (f, s, opt, err)) != EIS_OK)
    goto fail;
  f->jump = calloc (n, sizeof *f->jump);
  if (f->jump == NULL)
    {
      status = eis_error_set (err, EIS_ERR_NOMEM, "out of memory");
      goto fail;
    }
  find_jumps (f, x.key);
  f->n_fits_run = x.n_runs;
  free (x.key);
  free (shape);
  for (size_t i = 0; i <= nc; i++)
    slot_clear (&slot[i], n);
  free (slot);
  free (group);
  *out = f;
  return EIS_OK;

fail:
  free (x.key);
  free (shape);
  for (size_t i = 0; slot && i <= nc; i++)
    slot_clear (&slot[i], n);
  free (slot);
  free (group);
  if (best_c != f->circuit)
    {
      along_free (&best, n);
      eis_circuit_free (best_c);
    }
  eis_series_fit_free (f);
  return status;
}

int
eis_series_fit (const EisSpectrumSeries *s, const EisSeriesFitOptions *opt, EisSeriesFit **out,
                EisError *err)
{
  return series_fit (s, opt, 1, out, err);
}

int
eis_series_fit_exhaustive (const EisSpectrumSeries *s, const EisSeriesFitOptions *opt,
                           EisSeriesFit **out, EisError *err)
{
  return series_fit (s, opt, 0, out, err);
}
