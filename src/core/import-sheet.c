/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spreadsheet workbooks: Office Open XML (.xlsx), OpenDocument (.ods) and flat OpenDocument
 * (.fods). Every sheet becomes a tab-separated table (one line per row, so line numbers in
 * messages are row numbers; numbers with the precision stored, text as written) read by the
 * generic reader: its header rules apply to each sheet. A sheet that gives spectra or DC
 * series contributes them, titled with the sheet's name; sheets without a table of numbers
 * (notes, a sheet of other data) are skipped, but a sheet with frequency and impedance
 * columns that does not read is an error. .xlsx and .ods are zip archives (libzip); their
 * XML parts, and .fods, are read with expat. */
#include <config.h>
#include "import-private.h"

#include <expat.h>
#include <zip.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libzip and expat are opened when the first workbook is read (configure found their
 * run-time names), not at every start of every program: with libcrypto, which libzip needs,
 * they cost each run of eisfit about 5 ms. The functions are called through a table filled
 * then; the code below calls them by their names. */
#if defined(EIS_ZIP_SONAME) && defined(EIS_EXPAT_SONAME)
#include <dlfcn.h>
#include <pthread.h>

#define SHEET_ZIP_FUNCS(X) \
  X (zip_discard) X (zip_error_fini) X (zip_error_init) X (zip_error_strerror) X (zip_fclose) \
  X (zip_file_strerror) X (zip_fopen_index) X (zip_fread) X (zip_name_locate) \
  X (zip_open_from_source) X (zip_source_buffer_create) X (zip_source_free) \
  X (zip_stat_index) X (zip_strerror)
#define SHEET_XML_FUNCS(X) \
  X (XML_ErrorString) X (XML_GetCurrentColumnNumber) X (XML_GetCurrentLineNumber) \
  X (XML_GetErrorCode) X (XML_Parse) X (XML_ParserCreateNS) X (XML_ParserFree) \
  X (XML_SetCharacterDataHandler) X (XML_SetElementHandler) X (XML_SetUserData) \
  X (XML_StopParser)

static struct {
#define SHEET_MEMBER(f) __typeof__ (f) *f;
  SHEET_ZIP_FUNCS (SHEET_MEMBER) SHEET_XML_FUNCS (SHEET_MEMBER)
#undef SHEET_MEMBER
} sheet_fn;
static char sheet_load_error[512];
static pthread_once_t sheet_once = PTHREAD_ONCE_INIT;

static void *
sheet_open (const char *soname)
{
  void *h = dlopen (soname, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL && sheet_load_error[0] == '\0')
    snprintf (sheet_load_error, sizeof sheet_load_error, "%s", dlerror ());
  return h;
}

static void
sheet_load (void)
{
  void *zip = sheet_open (EIS_ZIP_SONAME), *xml = sheet_open (EIS_EXPAT_SONAME);
  if (zip == NULL || xml == NULL)
    return;
  /* POSIX's way to turn dlsym's pointer into a function pointer. */
#define SHEET_SYM(h, f) \
  if ((*(void **) &sheet_fn.f = dlsym (h, #f)) == NULL && sheet_load_error[0] == '\0') \
    snprintf (sheet_load_error, sizeof sheet_load_error, "%s: no %s", #h, #f);
#define SHEET_ZIP_SYM(f) SHEET_SYM (zip, f)
#define SHEET_XML_SYM(f) SHEET_SYM (xml, f)
  SHEET_ZIP_FUNCS (SHEET_ZIP_SYM) SHEET_XML_FUNCS (SHEET_XML_SYM)
#undef SHEET_SYM
#undef SHEET_ZIP_SYM
#undef SHEET_XML_SYM
}

/* EIS_OK when libzip and expat are there (opened on the first call). */
static int
sheet_libs (const EisImportCtx *ctx, EisError *err)
{
  pthread_once (&sheet_once, sheet_load);
  if (sheet_load_error[0] == '\0')
    return EIS_OK;
  return eis_error_set (err, EIS_ERR_FORMAT, "%s: reading a workbook needs libzip and expat "
                        "(%s, %s): %s", ctx->name, EIS_ZIP_SONAME, EIS_EXPAT_SONAME,
                        sheet_load_error);
}

#define SHEET_CALL(f) (*sheet_fn.f)
#define zip_discard SHEET_CALL (zip_discard)
#define zip_error_fini SHEET_CALL (zip_error_fini)
#define zip_error_init SHEET_CALL (zip_error_init)
#define zip_error_strerror SHEET_CALL (zip_error_strerror)
#define zip_fclose SHEET_CALL (zip_fclose)
#define zip_file_strerror SHEET_CALL (zip_file_strerror)
#define zip_fopen_index SHEET_CALL (zip_fopen_index)
#define zip_fread SHEET_CALL (zip_fread)
#define zip_name_locate SHEET_CALL (zip_name_locate)
#define zip_open_from_source SHEET_CALL (zip_open_from_source)
#define zip_source_buffer_create SHEET_CALL (zip_source_buffer_create)
#define zip_source_free SHEET_CALL (zip_source_free)
#define zip_stat_index SHEET_CALL (zip_stat_index)
#define zip_strerror SHEET_CALL (zip_strerror)
#define XML_ErrorString SHEET_CALL (XML_ErrorString)
#define XML_GetCurrentColumnNumber SHEET_CALL (XML_GetCurrentColumnNumber)
#define XML_GetCurrentLineNumber SHEET_CALL (XML_GetCurrentLineNumber)
#define XML_GetErrorCode SHEET_CALL (XML_GetErrorCode)
#define XML_Parse SHEET_CALL (XML_Parse)
#define XML_ParserCreateNS SHEET_CALL (XML_ParserCreateNS)
#define XML_ParserFree SHEET_CALL (XML_ParserFree)
#define XML_SetCharacterDataHandler SHEET_CALL (XML_SetCharacterDataHandler)
#define XML_SetElementHandler SHEET_CALL (XML_SetElementHandler)
#define XML_SetUserData SHEET_CALL (XML_SetUserData)
#define XML_StopParser SHEET_CALL (XML_StopParser)
#else
static int
sheet_libs (const EisImportCtx *ctx, EisError *err)
{
  (void) ctx;
  (void) err;
  return EIS_OK;
}
#endif

#define MAX_ROWS 4000000         /* rows and columns beyond these are refused */
#define MAX_COLS 16384
#define MAX_REPEAT 1000          /* ODF repeats of a cell or row that has content */
#define MAX_CELLS 2000000        /* cells with content in one sheet */
#define MAX_PART ((zip_uint64_t) 512 << 20)   /* largest XML part unpacked */
/* A sheet's cells, and the sheet as tab-separated text, may hold at most TEXT_BASE + TEXT_FACTOR
 * times the bytes of the XML they come from: repeated cells, shared strings and cells far to the
 * right could otherwise turn a few kilobytes into gigabytes (XML spends far more bytes on a cell
 * than its text does, so real sheets stay well below it). */
#define TEXT_BASE ((size_t) 16 << 20)
#define TEXT_FACTOR 4
#define SHEET_TOO_BIG (-1)       /* sheet_put: the sheet's text would exceed its limit */

/* ---- the workbook in memory ---- */

typedef struct {
  size_t row, col;
  char *text;
} SheetCell;

typedef struct {
  char *name;
  SheetCell *cells;
  size_t n, cap;
  size_t bytes, limit;           /* bytes of text in the cells, and their limit */
} Sheet;

typedef struct {
  Sheet *v;
  size_t n, cap;
} Book;

static void
book_free (Book *b)
{
  for (size_t i = 0; i < b->n; i++)
    {
      for (size_t k = 0; k < b->v[i].n; k++)
        free (b->v[i].cells[k].text);
      free (b->v[i].cells);
      free (b->v[i].name);
    }
  free (b->v);
  memset (b, 0, sizeof *b);
}

static Sheet *
book_add (Book *b, const char *name)
{
  if (b->n == b->cap)
    {
      size_t cap = b->cap ? 2 * b->cap : 8;
      Sheet *v = realloc (b->v, cap * sizeof *v);
      if (v == NULL)
        return NULL;
      b->v = v;
      b->cap = cap;
    }
  Sheet *s = &b->v[b->n];
  memset (s, 0, sizeof *s);
  s->name = strdup (name ? name : "");
  if (s->name == NULL)
    return NULL;
  b->n++;
  return s;
}

/* Stores TEXT (N bytes; tabs and line ends become spaces) at ROW, COL; empty text is no cell.
 * Returns EIS_OK, NOMEM, FORMAT when the sheet already holds MAX_CELLS cells, or SHEET_TOO_BIG
 * when its cells' text would exceed S->limit. */
static int
sheet_put (Sheet *s, size_t row, size_t col, const char *text, size_t n)
{
  while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
    n--;
  if (n == 0)
    return EIS_OK;
  if (s->n >= MAX_CELLS)
    return EIS_ERR_FORMAT;
  if (n > s->limit - s->bytes)
    return SHEET_TOO_BIG;
  if (s->n == s->cap)
    {
      size_t cap = s->cap ? 2 * s->cap : 64;
      SheetCell *c = realloc (s->cells, cap * sizeof *c);
      if (c == NULL)
        return EIS_ERR_NOMEM;
      s->cells = c;
      s->cap = cap;
    }
  char *t = malloc (n + 1);
  if (t == NULL)
    return EIS_ERR_NOMEM;
  for (size_t i = 0; i < n; i++)
    t[i] = text[i] == '\t' || text[i] == '\r' || text[i] == '\n' ? ' ' : text[i];
  t[n] = '\0';
  s->cells[s->n++] = (SheetCell) { row, col, t };
  s->bytes += n;
  return EIS_OK;
}

static int
cell_cmp (const void *a, const void *b)
{
  const SheetCell *x = a, *y = b;
  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return (x->col > y->col) - (x->col < y->col);
}

/* The sheet as tab-separated text, row N on line N + 1 (malloc'ed, *LEN bytes), or NULL with
 * *TOO_BIG set when that text would exceed S->limit (a few cells far to the right on many rows
 * would be gigabytes of tabs), else NULL for no memory. */
static char *
sheet_render (Sheet *s, size_t *len, int *too_big)
{
  *too_big = 0;
  if (s->n > 0)
    qsort (s->cells, s->n, sizeof *s->cells, cell_cmp);
  /* the exact size, counted as the loop below writes it */
  size_t bytes = 1, row = 0, col = 0;
  for (size_t i = 0; i < s->n; i++)
    {
      const SheetCell *c = &s->cells[i];
      if (i > 0 && c->row == s->cells[i - 1].row && c->col == s->cells[i - 1].col)
        continue;
      if (row < c->row)
        bytes += c->row - row, row = c->row, col = 0;
      bytes += c->col - col + strlen (c->text);
      col = c->col;
      if (bytes > s->limit)
        {
          *too_big = 1;
          return NULL;
        }
    }
  bytes += s->n > 0;
  char *out = malloc (bytes);
  if (out == NULL)
    return NULL;
  size_t rows = s->n ? s->cells[s->n - 1].row + 1 : 0;
  size_t k = 0;
  row = 0, col = 0;
  for (size_t i = 0; i < s->n; i++)
    {
      const SheetCell *c = &s->cells[i];
      if (i > 0 && c->row == s->cells[i - 1].row && c->col == s->cells[i - 1].col)
        continue;                /* the same cell twice: the first wins */
      while (row < c->row)
        {
          out[k++] = '\n';
          row++;
          col = 0;
        }
      while (col < c->col)
        {
          out[k++] = '\t';
          col++;
        }
      size_t n = strlen (c->text);
      memcpy (out + k, c->text, n);
      k += n;
    }
  if (rows > 0)
    out[k++] = '\n';
  out[k] = '\0';
  *len = k;
  return out;
}

/* ---- XML with expat: names as "namespace|local" ---- */

static const char *
local_name (const char *name)
{
  const char *bar = strrchr (name, '|');
  return bar ? bar + 1 : name;
}

static const char *
attr (const char **atts, const char *local)
{
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp (local_name (atts[i]), local) == 0)
      return atts[i + 1];
  return NULL;
}

/* A growing text buffer. */
typedef struct {
  char *p;
  size_t n, cap;
} Text;

static int
text_add (Text *t, const char *s, size_t n)
{
  if (t->n + n + 1 > t->cap)
    {
      size_t cap = t->cap ? t->cap : 256;
      while (cap < t->n + n + 1)
        cap *= 2;
      char *p = realloc (t->p, cap);
      if (p == NULL)
        return EIS_ERR_NOMEM;
      t->p = p;
      t->cap = cap;
    }
  memcpy (t->p + t->n, s, n);
  t->n += n;
  t->p[t->n] = '\0';
  return EIS_OK;
}

/* What the parser of one XML part collects. */
typedef enum { PART_WORKBOOK, PART_RELS, PART_STRINGS, PART_SHEET, PART_ODF } PartKind;

typedef struct {
  PartKind kind;
  XML_Parser xp;
  int rc;                        /* first failure (NOMEM, or FORMAT with msg) */
  char msg[160];
  Text text;                     /* character data being collected */
  int collect;                   /* collect character data now */
  /* workbook: sheet names and relationship ids; rels: id -> target */
  char **names, **ids;
  size_t n_names;
  char **rel_id, **rel_target;
  size_t n_rels;
  /* shared strings */
  char **strings;
  size_t n_strings, cap_strings;
  int in_si, in_rph;
  /* xlsx sheet */
  Sheet *sheet;
  const char *const *shared;     /* the workbook's shared strings */
  size_t n_shared;
  size_t row, col;
  char ctype[16];
  int in_v, in_is;
  Text v;
  /* ODF */
  Book *book;
  size_t text_limit;             /* each new sheet's Sheet.limit */
  int table_depth;
  size_t row_repeat, cell_repeat;
  size_t row_first_cell;         /* index of the row's first cell in the sheet */
  char value[64];
  int has_value, paragraphs;
} Part;

static void
part_fail (Part *p, int rc, const char *msg)
{
  if (p->rc == EIS_OK)
    {
      p->rc = rc;
      snprintf (p->msg, sizeof p->msg, "%s", msg);
    }
  XML_StopParser (p->xp, XML_FALSE);
}

static void
put_cell (Part *p, size_t row, size_t col, const char *s, size_t n)
{
  int rc = sheet_put (p->sheet, row, col, s, n);
  if (rc == SHEET_TOO_BIG)
    part_fail (p, EIS_ERR_FORMAT, "its cells repeat more text than the file could hold: "
               "not an impedance workbook");
  else if (rc != EIS_OK)
    part_fail (p, rc, rc == EIS_ERR_NOMEM ? "out of memory"
                      : "more than 2 million cells in one sheet: not an impedance workbook");
}

static int
push_str (char ***v, size_t *n, const char *s)
{
  char **nv = realloc (*v, (*n + 1) * sizeof *nv);
  if (nv == NULL)
    return EIS_ERR_NOMEM;
  *v = nv;
  if ((nv[*n] = strdup (s ? s : "")) == NULL)
    return EIS_ERR_NOMEM;
  (*n)++;
  return EIS_OK;
}

/* "AB12" -> column 27 (0-based) and row 11; returns 0, or -1 when it is no cell reference. */
static int
cell_ref (const char *r, size_t *row, size_t *col)
{
  size_t c = 0, k = 0, rr = 0;
  while (r[k] >= 'A' && r[k] <= 'Z' && k < 4)
    c = c * 26 + (size_t) (r[k++] - 'A' + 1);
  if (k == 0 || c > MAX_COLS)
    return -1;
  size_t d = 0;
  while (r[k + d] >= '0' && r[k + d] <= '9' && d < 8)
    rr = rr * 10 + (size_t) (r[k + d++] - '0');
  if (d == 0 || rr == 0 || rr > MAX_ROWS || r[k + d] != '\0')
    return -1;
  *col = c - 1;
  *row = rr - 1;
  return 0;
}

static size_t
repeat_attr (const char **atts, const char *name)
{
  const char *r = attr (atts, name);
  if (r == NULL)
    return 1;
  char *end;
  errno = 0;
  unsigned long v = strtoul (r, &end, 10);
  if (errno || end == r || v == 0)
    return 1;
  return v > MAX_ROWS ? MAX_ROWS : (size_t) v;
}

static void XMLCALL
on_start (void *data, const char *name, const char **atts)
{
  Part *p = data;
  const char *l = local_name (name);
  switch (p->kind)
    {
    case PART_WORKBOOK:
      if (strcmp (l, "sheet") == 0)
        {
          size_t n = p->n_names;
          if (push_str (&p->ids, &n, attr (atts, "id")) != EIS_OK
              || push_str (&p->names, &p->n_names, attr (atts, "name")) != EIS_OK)
            part_fail (p, EIS_ERR_NOMEM, "out of memory");
        }
      break;
    case PART_RELS:
      if (strcmp (l, "Relationship") == 0)
        {
          size_t n = p->n_rels;
          if (push_str (&p->rel_id, &n, attr (atts, "Id")) != EIS_OK
              || push_str (&p->rel_target, &p->n_rels, attr (atts, "Target")) != EIS_OK)
            part_fail (p, EIS_ERR_NOMEM, "out of memory");
        }
      break;
    case PART_STRINGS:
      if (strcmp (l, "si") == 0)
        {
          p->in_si = 1;
          p->text.n = 0;
          if (p->text.p)
            p->text.p[0] = '\0';
        }
      else if (strcmp (l, "rPh") == 0)
        p->in_rph = 1;      /* phonetic reading: not part of the text */
      else if (strcmp (l, "t") == 0 && p->in_si && !p->in_rph)
        p->collect = 1;
      break;
    case PART_SHEET:
      if (strcmp (l, "row") == 0)
        {
          const char *r = attr (atts, "r");
          char *end;
          unsigned long v = r ? strtoul (r, &end, 10) : 0;
          p->row = r && v >= 1 && v <= MAX_ROWS ? (size_t) v - 1 : p->row + 1;
          p->col = 0;
        }
      else if (strcmp (l, "c") == 0)
        {
          const char *r = attr (atts, "r"), *t = attr (atts, "t");
          size_t row, col;
          if (r && cell_ref (r, &row, &col) == 0)
            p->row = row, p->col = col;
          snprintf (p->ctype, sizeof p->ctype, "%s", t ? t : "n");
          p->v.n = 0;
          if (p->v.p)
            p->v.p[0] = '\0';
        }
      else if (strcmp (l, "v") == 0)
        p->in_v = 1, p->collect = 1;
      else if (strcmp (l, "is") == 0)
        p->in_is = 1;
      else if (strcmp (l, "rPh") == 0)
        p->in_rph = 1;
      else if (strcmp (l, "t") == 0 && p->in_is && !p->in_rph)
        p->collect = 1;
      break;
    case PART_ODF:
      if (strcmp (l, "table") == 0)
        {
          if (p->table_depth++ == 0)
            {
              p->sheet = book_add (p->book, attr (atts, "name"));
              if (p->sheet == NULL)
                part_fail (p, EIS_ERR_NOMEM, "out of memory");
              else
                p->sheet->limit = p->text_limit;
              p->row = 0;
            }
        }
      else if (p->table_depth != 1 || p->sheet == NULL)
        break;
      else if (strcmp (l, "table-row") == 0)
        {
          p->row_repeat = repeat_attr (atts, "number-rows-repeated");
          p->row_first_cell = p->sheet->n;
          p->col = 0;
        }
      else if (strcmp (l, "table-cell") == 0 || strcmp (l, "covered-table-cell") == 0)
        {
          p->cell_repeat = repeat_attr (atts, "number-columns-repeated");
          const char *type = attr (atts, "value-type"), *value = attr (atts, "value");
          p->has_value = type && value && (strcmp (type, "float") == 0
                                           || strcmp (type, "percentage") == 0
                                           || strcmp (type, "currency") == 0);
          if (p->has_value)
            snprintf (p->value, sizeof p->value, "%s", value);
          p->text.n = 0;
          if (p->text.p)
            p->text.p[0] = '\0';
          p->paragraphs = 0;
        }
      else if (strcmp (l, "p") == 0)
        {
          if (p->paragraphs++ > 0 && text_add (&p->text, " ", 1) != EIS_OK)
            part_fail (p, EIS_ERR_NOMEM, "out of memory");
          p->collect = 1;
        }
      else if ((strcmp (l, "s") == 0 || strcmp (l, "tab") == 0 || strcmp (l, "line-break") == 0)
               && p->collect)
        {
          size_t k = strcmp (l, "s") == 0 ? repeat_attr (atts, "c") : 1;
          for (size_t i = 0; i < k && i < 64; i++)
            if (text_add (&p->text, " ", 1) != EIS_OK)
              part_fail (p, EIS_ERR_NOMEM, "out of memory");
        }
      break;
    }
}

static void XMLCALL
on_end (void *data, const char *name)
{
  Part *p = data;
  const char *l = local_name (name);
  switch (p->kind)
    {
    case PART_STRINGS:
      if (strcmp (l, "t") == 0)
        p->collect = 0;
      else if (strcmp (l, "rPh") == 0)
        p->in_rph = 0;
      else if (strcmp (l, "si") == 0)
        {
          p->in_si = 0;
          if (push_str (&p->strings, &p->n_strings, p->text.p) != EIS_OK)
            part_fail (p, EIS_ERR_NOMEM, "out of memory");
        }
      break;
    case PART_SHEET:
      if (strcmp (l, "v") == 0)
        p->in_v = 0, p->collect = 0;
      else if (strcmp (l, "t") == 0)
        p->collect = 0;
      else if (strcmp (l, "rPh") == 0)
        p->in_rph = 0;
      else if (strcmp (l, "is") == 0)
        p->in_is = 0;
      else if (strcmp (l, "c") == 0)
        {
          const char *s = p->v.p ? p->v.p : "";
          if (strcmp (p->ctype, "s") == 0 && s[0] != '\0')
            {
              char *end;
              unsigned long k = strtoul (s, &end, 10);
              if (end == s || k >= p->n_shared)
                {
                  part_fail (p, EIS_ERR_FORMAT, "a cell names a shared string that does not exist");
                  return;
                }
              s = p->shared[k];
            }
          put_cell (p, p->row, p->col, s, strlen (s));
          if (++p->col > MAX_COLS)
            part_fail (p, EIS_ERR_FORMAT, "a row longer than 16384 columns");
        }
      break;
    case PART_ODF:
      if (strcmp (l, "table") == 0)
        {
          if (--p->table_depth == 0)
            p->sheet = NULL;
        }
      else if (p->table_depth != 1 || p->sheet == NULL)
        break;
      else if (strcmp (l, "p") == 0)
        p->collect = 0;
      else if (strcmp (l, "table-cell") == 0 || strcmp (l, "covered-table-cell") == 0)
        {
          const char *s = p->has_value ? p->value : p->text.p ? p->text.p : "";
          size_t n = strlen (s);
          size_t rep = n > 0 && p->cell_repeat > MAX_REPEAT ? MAX_REPEAT : p->cell_repeat;
          if (n > 0 && p->col + rep > MAX_COLS)
            {
              part_fail (p, EIS_ERR_FORMAT, "a row longer than 16384 columns");
              return;
            }
          for (size_t i = 0; i < rep && n > 0 && p->rc == EIS_OK; i++)
            put_cell (p, p->row, p->col + i, s, n);
          p->col += p->cell_repeat;
          p->collect = 0;
          p->has_value = 0;
        }
      else if (strcmp (l, "table-row") == 0)
        {
          /* a repeated row with content: the same cells on the next rows */
          size_t first = p->row_first_cell, last = p->sheet->n;
          size_t rep = last > first && p->row_repeat > MAX_REPEAT ? MAX_REPEAT : p->row_repeat;
          for (size_t r = 1; r < rep && p->rc == EIS_OK; r++)
            for (size_t i = first; i < last; i++)
              {
                SheetCell c = p->sheet->cells[i];
                put_cell (p, p->row + r, c.col, c.text, strlen (c.text));
              }
          p->row += p->row_repeat;
          if (p->row > MAX_ROWS && last > first)
            part_fail (p, EIS_ERR_FORMAT, "more than 4 million rows");
        }
      break;
    default:
      break;
    }
}

static void XMLCALL
on_chars (void *data, const char *s, int len)
{
  Part *p = data;
  if (!p->collect || len <= 0)
    return;
  /* a sheet's cell: its <v> or its inline string's <t>; else the string or paragraph */
  Text *t = p->kind == PART_SHEET ? &p->v : &p->text;
  if (text_add (t, s, (size_t) len) != EIS_OK)
    part_fail (p, EIS_ERR_NOMEM, "out of memory");
}

static void
part_free (Part *p)
{
  for (size_t i = 0; i < p->n_names; i++)
    {
      free (p->names[i]);
      free (p->ids[i]);
    }
  free (p->names);
  free (p->ids);
  for (size_t i = 0; i < p->n_rels; i++)
    {
      free (p->rel_id[i]);
      free (p->rel_target[i]);
    }
  free (p->rel_id);
  free (p->rel_target);
  for (size_t i = 0; i < p->n_strings; i++)
    free (p->strings[i]);
  free (p->strings);
  free (p->text.p);
  free (p->v.p);
}

/* Parses DATA (LEN bytes) as the XML part PART_NAME (NULL: the file itself) of file NAME
 * into P. */
static int
parse_part (Part *p, const char *data, size_t len, const char *name, const char *part_name,
            EisError *err)
{
  p->xp = XML_ParserCreateNS (NULL, '|');
  if (p->xp == NULL)
    return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", name);
  XML_SetUserData (p->xp, p);
  XML_SetElementHandler (p->xp, on_start, on_end);
  XML_SetCharacterDataHandler (p->xp, on_chars);
  int rc = EIS_OK;
  /* in pieces: XML_Parse takes an int length */
  size_t off = 0;
  enum XML_Status st = XML_STATUS_OK;
  do
    {
      size_t n = len - off > (1u << 30) ? (1u << 30) : len - off;
      st = XML_Parse (p->xp, data + off, (int) n, off + n == len);
      off += n;
    }
  while (st == XML_STATUS_OK && off < len);
  if (p->rc != EIS_OK)
    rc = eis_error_set (err, p->rc, "%s: %s: %s", name, part_name ? part_name : "XML", p->msg);
  else if (st != XML_STATUS_OK && part_name == NULL)
    rc = eis_error_set (err, EIS_ERR_FORMAT, "%s:%lu:%lu: XML: %s", name,
                        (unsigned long) XML_GetCurrentLineNumber (p->xp),
                        (unsigned long) XML_GetCurrentColumnNumber (p->xp) + 1,
                        XML_ErrorString (XML_GetErrorCode (p->xp)));
  else if (st != XML_STATUS_OK)
    rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: %s:%lu:%lu: XML: %s", name, part_name,
                        (unsigned long) XML_GetCurrentLineNumber (p->xp),
                        (unsigned long) XML_GetCurrentColumnNumber (p->xp) + 1,
                        XML_ErrorString (XML_GetErrorCode (p->xp)));
  XML_ParserFree (p->xp);
  p->xp = NULL;
  return rc;
}

/* ---- zip ---- */

/* The entry PATH of archive Z, unpacked (malloc'ed, *LEN bytes), or NULL with *RC: NOTFOUND
 * (1) when absent, else an error in ERR. */
static char *
zip_part (zip_t *z, const char *name, const char *path, size_t limit, size_t *len, int *rc,
          EisError *err)
{
  zip_stat_t st;
  *rc = EIS_OK;
  zip_int64_t idx = zip_name_locate (z, path, ZIP_FL_NOCASE);
  if (idx < 0)
    {
      *rc = 1;
      return NULL;
    }
  if (zip_stat_index (z, (zip_uint64_t) idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    {
      *rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: %s: cannot read its size in the archive",
                           name, path);
      return NULL;
    }
  if (st.size > MAX_PART || (limit && st.size > limit))
    {
      *rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: %s unpacks to %llu bytes, more than the "
                           "limit of %llu", name, path, (unsigned long long) st.size,
                           (unsigned long long) (limit && limit < MAX_PART ? limit : MAX_PART));
      return NULL;
    }
  char *buf = malloc ((size_t) st.size + 1);
  zip_file_t *zf = buf ? zip_fopen_index (z, (zip_uint64_t) idx, 0) : NULL;
  if (buf == NULL || zf == NULL)
    {
      *rc = buf ? eis_error_set (err, EIS_ERR_FORMAT, "%s: %s: %s", name, path,
                                 zip_strerror (z))
                : eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", name);
      free (buf);
      return NULL;
    }
  zip_int64_t got = 0, r;
  while ((zip_uint64_t) got < st.size
         && (r = zip_fread (zf, buf + got, st.size - (zip_uint64_t) got)) > 0)
    got += r;
  int bad = (zip_uint64_t) got != st.size;
  if (bad)
    *rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: %s: damaged archive entry (%s)", name, path,
                         zip_file_strerror (zf));
  zip_fclose (zf);
  if (bad)
    {
      free (buf);
      return NULL;
    }
  buf[got] = '\0';
  *len = (size_t) got;
  return buf;
}

static zip_t *
zip_from_ctx (const EisImportCtx *ctx, EisError *err, int *rc)
{
  if ((*rc = sheet_libs (ctx, err)) != EIS_OK)
    return NULL;
  zip_error_t ze;
  zip_error_init (&ze);
  zip_source_t *src = zip_source_buffer_create (ctx->raw, ctx->raw_len, 0, &ze);
  zip_t *z = src ? zip_open_from_source (src, ZIP_RDONLY, &ze) : NULL;
  if (z == NULL)
    {
      *rc = eis_error_set (err, EIS_ERR_FORMAT, "%s: not a readable zip archive (%s)",
                           ctx->name, zip_error_strerror (&ze));
      if (src)
        zip_source_free (src);
    }
  zip_error_fini (&ze);
  return z;
}

/* ---- sheets to spectra ---- */

/* Does the TSV text have a header line naming frequency and impedance columns? */
static int
has_eis_header (const char *text, size_t len)
{
  EisLineIter it;
  EisFields fl = { 0 };
  const char *s;
  size_t n;
  int found = 0;
  eis_lines_init (&it, text, len);
  while (!found && it.lineno < 100 && eis_lines_next (&it, &s, &n))
    {
      if (eis_fields_split (&fl, s, n, '\t') != EIS_OK)
        break;
      int role[EIS_COL_N_ROLES] = { 0 };
      for (size_t i = 0; i < fl.n; i++)
        {
          double sc;
          int sg, r = eis_column_classify (fl.p[i], fl.len[i], &sc, &sg);
          if (r > 0)
            role[r] = 1;
        }
      found = role[EIS_COL_F] && ((role[EIS_COL_RE] && role[EIS_COL_IM])
                                  || (role[EIS_COL_MOD] && role[EIS_COL_PHASE]));
    }
  eis_fields_free (&fl);
  return found;
}

/* Reads every sheet of B into F as the generic reader would read it as text. */
static int
read_book (const EisImportCtx *ctx, EisDataFile *f, Book *b, EisError *err)
{
  char skipped[512] = "";
  size_t sk = 0;
  int rc = EIS_OK;
  for (size_t i = 0; i < b->n && rc == EIS_OK; i++)
    {
      Sheet *sh = &b->v[i];
      size_t len = 0;
      int too_big;
      char *text = sheet_render (sh, &len, &too_big);
      if (too_big)
        return eis_error_set (err, EIS_ERR_FORMAT, "%s: sheet \"%s\" spreads its cells over "
                              "more than %zu MB of table (rows of mostly empty cells far to the "
                              "right): not an impedance table", ctx->name, sh->name,
                              sh->limit >> 20);
      char *name = malloc (strlen (ctx->name) + strlen (sh->name) + 16);
      EisDataFile *g = eis_data_file_new (ctx->name, f->format);
      if (text == NULL || name == NULL || g == NULL)
        {
          free (text);
          free (name);
          eis_data_file_free (g);
          return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
      sprintf (name, "%s (sheet %s)", ctx->name, sh->name);
      EisImportCtx sub = *ctx;
      sub.name = name;
      sub.raw = (const unsigned char *) text;
      sub.raw_len = len;
      sub.text = text;
      sub.text_len = len;
      sub.encoding = "utf-8";
      sub.csv_sniff = NULL;   /* another text than the file's */
      int got = 0;
      if (len > 0 && eis_csv_detect (&sub) > 0)
        {
          EisError e = { 0 };
          int r = eis_csv_read (&sub, g, &e);
          if (r == EIS_OK)
            got = g->n_spectra + g->n_series > 0;
          else if (r == EIS_ERR_NOMEM || has_eis_header (text, len))
            {
              rc = r;
              if (err)
                *err = e;
            }
        }
      if (rc == EIS_OK && !got)
        sk += (size_t) snprintf (skipped + sk, sk < sizeof skipped ? sizeof skipped - sk : 0,
                                 "%s\"%s\"", sk ? ", " : "", sh->name);
      if (sk >= sizeof skipped)
        sk = sizeof skipped - 1;
      /* the sheet's spectra and series move into F, titled with the sheet's name */
      for (size_t k = 0; rc == EIS_OK && got && k < g->n_spectra; k++)
        {
          EisSpectrum *s = g->spectra[k];
          g->spectra[k] = NULL;
          s->index = (int) f->n_spectra;
          if (eis_spectrum_set_source (s, ctx->name, f->format) != EIS_OK
              || eis_meta_set (&s->meta, "sheet", sh->name) != EIS_OK
              || (eis_meta_get (&s->meta, "title") == NULL
                  && eis_meta_set (&s->meta, "title", sh->name) != EIS_OK))
            {
              eis_spectrum_free (s);
              rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
            }
          else if (eis_data_file_take_spectrum (f, s) != EIS_OK)
            rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
      for (size_t k = 0; rc == EIS_OK && got && k < g->n_series; k++)
        {
          EisSeries *s = g->series[k];
          g->series[k] = NULL;
          s->index = (int) f->n_series;
          if (eis_series_set_source (s, ctx->name, f->format) != EIS_OK
              || eis_meta_set (&s->meta, "sheet", sh->name) != EIS_OK
              || (eis_meta_get (&s->meta, "title") == NULL
                  && eis_meta_set (&s->meta, "title", sh->name) != EIS_OK))
            {
              eis_series_free (s);
              rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
            }
          else if (eis_data_file_take_series (f, s) != EIS_OK)
            rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
        }
      /* what was moved is no longer G's */
      for (size_t k = 0; k < g->n_spectra; k++)
        if (g->spectra[k] == NULL)
          {
            memmove (g->spectra + k, g->spectra + k + 1, (g->n_spectra - k - 1) * sizeof *g->spectra);
            g->n_spectra--;
            k--;
          }
      for (size_t k = 0; k < g->n_series; k++)
        if (g->series[k] == NULL)
          {
            memmove (g->series + k, g->series + k + 1, (g->n_series - k - 1) * sizeof *g->series);
            g->n_series--;
            k--;
          }
      eis_data_file_free (g);
      free (text);
      free (name);
    }
  if (rc == EIS_OK && f->n_spectra + f->n_series == 0)
    rc = eis_error_set (err, EIS_ERR_FORMAT,
                        "%s: no sheet holds a table of frequency and impedance (or of time and "
                        "current): sheets %s", ctx->name, b->n ? skipped : "none");
  if (rc == EIS_OK && sk > 0 && eis_meta_set (&f->meta, "sheets_skipped", skipped) != EIS_OK)
    rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  return rc;
}

/* ---- .xlsx ---- */

/* NEEDLE within the N bytes at S. */
static int
contains (const unsigned char *s, size_t n, const char *needle)
{
  size_t k = strlen (needle);
  for (const unsigned char *p = s; p + k <= s + n; p++)
    if ((p = memchr (p, needle[0], (size_t) (s + n - p))) == NULL || p + k > s + n)
      return 0;
    else if (memcmp (p, needle, k) == 0)
      return 1;
  return 0;
}

int
eis_xlsx_detect (const EisImportCtx *ctx)
{
  if (ctx->raw_len < 30 || memcmp (ctx->raw, "PK\x03\x04", 4) != 0)
    return 0;
  return contains (ctx->raw, ctx->raw_len, "xl/workbook.xml") ? 95 : 0;
}

int
eis_xlsx_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  int rc = EIS_OK, r;
  zip_t *z = zip_from_ctx (ctx, err, &rc);
  if (z == NULL)
    return rc;
  size_t limit = ctx->opt->max_bytes, len = 0;
  Part wb = { .kind = PART_WORKBOOK }, rels = { .kind = PART_RELS },
       ss = { .kind = PART_STRINGS };
  Book book = { 0 };
  char *x = zip_part (z, ctx->name, "xl/workbook.xml", limit, &len, &r, err);
  if (x == NULL)
    {
      rc = r == 1 ? eis_error_set (err, EIS_ERR_FORMAT, "%s: no xl/workbook.xml: not an .xlsx "
                                   "workbook", ctx->name) : r;
      goto out;
    }
  rc = parse_part (&wb, x, len, ctx->name, "xl/workbook.xml", err);
  free (x);
  if (rc != EIS_OK)
    goto out;
  x = zip_part (z, ctx->name, "xl/_rels/workbook.xml.rels", limit, &len, &r, err);
  if (x == NULL && r != 1)
    {
      rc = r;
      goto out;
    }
  if (x)
    rc = parse_part (&rels, x, len, ctx->name, "xl/_rels/workbook.xml.rels", err);
  free (x);
  if (rc != EIS_OK)
    goto out;
  x = zip_part (z, ctx->name, "xl/sharedStrings.xml", limit, &len, &r, err);
  if (x == NULL && r != 1)
    {
      rc = r;
      goto out;
    }
  size_t ss_len = x ? len : 0;
  if (x)
    rc = parse_part (&ss, x, len, ctx->name, "xl/sharedStrings.xml", err);
  free (x);
  if (rc != EIS_OK)
    goto out;
  for (size_t i = 0; i < wb.n_names && rc == EIS_OK; i++)
    {
      /* the sheet's part: its relationship's target, relative to xl/ unless absolute */
      char path[512];
      snprintf (path, sizeof path, "xl/worksheets/sheet%zu.xml", i + 1);
      for (size_t k = 0; k < rels.n_rels; k++)
        if (strcmp (rels.rel_id[k], wb.ids[i]) == 0)
          {
            const char *t = rels.rel_target[k];
            if (t[0] == '/')
              snprintf (path, sizeof path, "%s", t + 1);
            else
              snprintf (path, sizeof path, "xl/%s", t);
          }
      x = zip_part (z, ctx->name, path, limit, &len, &r, err);
      if (x == NULL)
        {
          rc = r == 1 ? eis_error_set (err, EIS_ERR_FORMAT, "%s: sheet \"%s\": its part %s is "
                                       "missing", ctx->name, wb.names[i], path) : r;
          break;
        }
      Part sp = { .kind = PART_SHEET, .shared = (const char *const *) ss.strings,
                  .n_shared = ss.n_strings };
      sp.sheet = book_add (&book, wb.names[i]);
      if (sp.sheet == NULL)
        rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
      else
        {
          sp.sheet->limit = TEXT_BASE + TEXT_FACTOR * (len + ss_len);
          sp.row = (size_t) -1;  /* a <row> without r is the next one: the first is 0 */
          rc = parse_part (&sp, x, len, ctx->name, path, err);
        }
      part_free (&sp);
      free (x);
    }
  if (rc == EIS_OK)
    rc = read_book (ctx, f, &book, err);
out:
  part_free (&wb);
  part_free (&rels);
  part_free (&ss);
  book_free (&book);
  zip_discard (z);
  return rc;
}

/* ---- .ods and .fods ---- */

int
eis_ods_detect (const EisImportCtx *ctx)
{
  if (ctx->raw_len < 30 || memcmp (ctx->raw, "PK\x03\x04", 4) != 0)
    return 0;
  size_t head = ctx->raw_len < 200 ? ctx->raw_len : 200;
  return contains (ctx->raw, head, "application/vnd.oasis.opendocument.spreadsheet") ? 95 : 0;
}

static int
read_odf (const EisImportCtx *ctx, EisDataFile *f, const char *xml, size_t len,
          const char *part, EisError *err)
{
  Book book = { 0 };
  Part p = { .kind = PART_ODF, .book = &book, .text_limit = TEXT_BASE + TEXT_FACTOR * len };
  int rc = parse_part (&p, xml, len, ctx->name, part, err);
  part_free (&p);
  if (rc == EIS_OK)
    rc = read_book (ctx, f, &book, err);
  book_free (&book);
  return rc;
}

int
eis_ods_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  int rc = EIS_OK, r;
  zip_t *z = zip_from_ctx (ctx, err, &rc);
  if (z == NULL)
    return rc;
  size_t len = 0;
  char *x = zip_part (z, ctx->name, "content.xml", ctx->opt->max_bytes, &len, &r, err);
  if (x == NULL)
    rc = r == 1 ? eis_error_set (err, EIS_ERR_FORMAT, "%s: no content.xml: not an .ods "
                                 "workbook", ctx->name) : r;
  else
    rc = read_odf (ctx, f, x, len, "content.xml", err);
  free (x);
  zip_discard (z);
  return rc;
}

int
eis_fods_detect (const EisImportCtx *ctx)
{
  if (ctx->text == NULL)
    return 0;
  size_t head = ctx->text_len < 4096 ? ctx->text_len : 4096;
  return eis_find_ci (ctx->text, head, "office:document")
         && eis_find_ci (ctx->text, head, "opendocument.spreadsheet") ? 95 : 0;
}

int
eis_fods_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  int rc = sheet_libs (ctx, err);
  if (rc != EIS_OK)
    return rc;
  /* the bytes as they are: expat reads the XML declaration's encoding itself */
  return read_odf (ctx, f, (const char *) ctx->raw, ctx->raw_len, NULL, err);
}
