/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which spectra belong together (see sample-group.h): a file name's stem, and the notice of
 * one sample's spectra fitted with different automatically chosen circuits. */
#include "sample-group.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text-buf.h"

static int
is_separator (char c)
{
  return c == '-' || c == '_' || c == '.' || c == ' ' || c == '(' || c == ')' || c == '['
         || c == ']' || c == ',' || c == '+' || c == '@' || c == '\t';
}

/* Whether the token T (LEN bytes) only says where a file lies in a series: a number, with an
 * optional T and sign ("T25C", "m20C", "p25", "\u221220") and temperature unit ("C", "K", "degC",
 * "\u00b0C", "\u2103"),
 * an instrument's channel ("C01"), or a word of a polarization or of the technique ("PEIS",
 * "CA"). */
static int
is_series_word (const char *t, size_t len)
{
  static const char *const words[] = { "before", "after", "pre", "post", "initial", "final",
                                       "steady", "state", "polarization", "polarisation",
                                       "polarized", "polarised", "pol", "eis", "peis", "geis",
                                       "ca", "cp", "chrono", "impedance", NULL };
  static const char *const units[] = { "", "c", "k", "degc", "deg", "oc", "\xc2\xb0" "c",
                                       "\xc2\xb0", "\xe2\x84\x83", NULL };
  size_t i = 0, digits = 0;

  for (const char *const *w = words; *w; w++)
    if (strlen (*w) == len && strncasecmp (t, *w, len) == 0)
      return 1;
  if (len > 1 && (t[0] == 't' || t[0] == 'T'))   /* "T25C" */
    i = 1;
  else if (len > 1 && (t[0] == 'c' || t[0] == 'C') && t[1] >= '0' && t[1] <= '9')
    i = 1;   /* an instrument's channel, "C01" */
  if (len >= i + 3 && memcmp (t + i, "\xe2\x88\x92", 3) == 0)   /* U+2212 minus */
    i += 3;
  else if (len > i + 1 && (t[i] == 'm' || t[i] == 'M' || t[i] == 'p' || t[i] == 'P'))
    i++;
  for (; i < len && ((t[i] >= '0' && t[i] <= '9') || (digits && t[i] == '.')); i++)
    digits += t[i] != '.';
  if (!digits)
    return 0;
  for (const char *const *u = units; *u; u++)
    if (strlen (*u) == len - i && strncasecmp (t + i, *u, len - i) == 0)
      return 1;
  return 0;
}

void
eis_sample_stem (const char *path, char *out, size_t len)
{
  const char *base = strrchr (path ? path : "", '/');
  const char *end;
  size_t used = 0;

  if (!len)
    return;
  out[0] = '\0';
  base = base ? base + 1 : (path ? path : "");
  end = strrchr (base, '.');
  if (!end || end == base)
    end = base + strlen (base);
  for (const char *p = base; p < end;)
    {
      const char *q = p;

      while (q < end && !is_separator (*q))
        q++;
      if (q > p && !is_series_word (p, (size_t) (q - p)))
        {
          size_t n = (size_t) (q - p) + (used ? 1 : 0);

          if (used + n >= len)
            break;
          if (used)
            out[used++] = '-';
          memcpy (out + used, p, (size_t) (q - p));
          used += (size_t) (q - p);
          out[used] = '\0';
        }
      p = q < end ? q + 1 : q;
    }
}

/* The length of PATH's folder part ("" -> 0, "a/b.csv" -> 1). */
static size_t
dir_len (const char *path)
{
  const char *slash = strrchr (path ? path : "", '/');

  return slash ? (size_t) (slash - path) : 0;
}

int
eis_sample_same (const char *path_a, const char *path_b)
{
  char sa[256], sb[256];
  size_t da = dir_len (path_a), db = dir_len (path_b);

  if (da != db || (da && strncmp (path_a, path_b, da) != 0))
    return 0;
  eis_sample_stem (path_a, sa, sizeof sa);
  eis_sample_stem (path_b, sb, sizeof sb);
  return strcasecmp (sa, sb) == 0;
}

static const char *
str_or_empty (const char *s)
{
  return s ? s : "";
}

/* How many spectra entry A stands for. */
static size_t
weight (const EisAutoChoice *a)
{
  return a->n_spectra ? a->n_spectra : 1;
}

/* Whether spectra A and B are of one group (see eis_mixed_circuits_text). */
static int
same_group (const EisAutoChoice *a, const EisAutoChoice *b)
{
  return strcmp (str_or_empty (a->cell), str_or_empty (b->cell)) == 0
         && strcmp (str_or_empty (a->geometry), str_or_empty (b->geometry)) == 0
         && eis_sample_same (str_or_empty (a->path), str_or_empty (b->path));
}

/* How the notice names the group of V[FIRST]: its stem ("pellet"), or its folder's files when
 * the stem is empty; with the folder when the spectra come from more than one; with the cell
 * type when said. */
static void
group_name (EisTextBuf *b, const EisAutoChoice *v, size_t n, size_t first)
{
  char stem[256];
  const char *path = str_or_empty (v[first].path);
  size_t d = dir_len (path);
  int many_dirs = 0;

  for (size_t i = 0; i < n && !many_dirs; i++)
    {
      const char *p = str_or_empty (v[i].path);
      many_dirs = dir_len (p) != d || strncmp (p, path, d) != 0;
    }
  eis_sample_stem (path, stem, sizeof stem);
  if (stem[0] && many_dirs && d)
    eis_text_buf_printf (b, "%.*s/%s", (int) d, path, stem);
  else if (stem[0])
    eis_text_buf_printf (b, "%s", stem);
  else if (d)
    eis_text_buf_printf (b, "the files of %.*s", (int) d, path);
  else
    eis_text_buf_printf (b, "the files named for a temperature");
  if (v[first].cell && v[first].cell[0])
    eis_text_buf_printf (b, " (%s)", v[first].cell);
}

char *
eis_mixed_circuits_text (const EisAutoChoice *v, size_t n, const char *times)
{
  EisTextBuf b = { 0 };
  size_t *group = calloc (n ? n : 1, sizeof *group);  /* index of each spectrum's group's first */
  size_t n_said = 0, n_mixed = 0;

  if (!group)
    return NULL;
  for (size_t i = 0; i < n; i++)
    {
      group[i] = i;
      for (size_t j = 0; j < i; j++)
        if (group[j] == j && same_group (&v[i], &v[j]))
          {
            group[i] = j;
            break;
          }
    }
  for (size_t g = 0; g < n; g++)
    {
      size_t n_spectra = 0, n_circuits = 0, shown = 0;

      if (group[g] != g)
        continue;
      for (size_t i = g; i < n; i++)
        if (group[i] == g)
          {
            size_t j;

            n_spectra += weight (&v[i]);
            for (j = g; j < i; j++)
              if (group[j] == g && strcmp (str_or_empty (v[j].circuit),
                                           str_or_empty (v[i].circuit)) == 0)
                break;
            n_circuits += j == i;   /* first of its circuit */
          }
      if (n_circuits < 2)
        continue;
      n_mixed++;
      if (n_said == 3)
        continue;   /* counted for "and N more" */
      eis_text_buf_printf (&b, "%s", n_said ? "; " : "the automatic choice gave ");
      eis_text_buf_printf (&b, "the %zu spectra of ", n_spectra);
      group_name (&b, v, n, g);
      eis_text_buf_printf (&b, " %zu different circuits (", n_circuits);
      for (size_t i = g; i < n; i++)
        {
          size_t j, count = 0;

          if (group[i] != g)
            continue;
          for (j = g; j < i; j++)
            if (group[j] == g && strcmp (str_or_empty (v[j].circuit),
                                         str_or_empty (v[i].circuit)) == 0)
              break;
          if (j < i)
            continue;   /* counted at its first */
          for (j = i; j < n; j++)
            if (group[j] == g && strcmp (str_or_empty (v[j].circuit),
                                         str_or_empty (v[i].circuit)) == 0)
              count += weight (&v[j]);
          if (shown < 4)
            eis_text_buf_printf (&b, "%s%s %s%zu", shown ? ", " : "", str_or_empty (v[i].circuit),
                                 times, count);
          shown++;
        }
      if (shown > 4)
        eis_text_buf_printf (&b, " and %zu more", shown - 4);
      eis_text_buf_printf (&b, ")");
      n_said++;
    }
  free (group);
  if (!n_mixed)
    {
      free (b.data);
      return NULL;
    }
  if (n_mixed > n_said)
    eis_text_buf_printf (&b, "; and %zu more samples", n_mixed - n_said);
  eis_text_buf_printf (&b, ": a parameter of one name, such as R1, may be a different arc from "
                           "one spectrum to the next");
  if (b.failed)
    {
      free (b.data);
      return NULL;
    }
  return b.data;
}
