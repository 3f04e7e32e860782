/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared machinery of the importers: decoded text, lines, fields, numbers, growing point
 * tables and the per-format entry points. Private to src/core. */
#ifndef EIS_IMPORT_PRIVATE_H
#define EIS_IMPORT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "import.h"

typedef struct EisTextSource EisTextSource;
typedef struct EisImportStream EisImportStream;

/* What an importer gets: the raw bytes and, for text, the same content decoded to UTF-8
 * (BOM removed; UTF-16 and Windows-1252 converted). TEXT is NULL for binary content.
 * With SRC the file is read through a window (import-source.c): RAW and TEXT hold its first
 * part only (whole lines, at least 1 MiB), and only a reader that knows SRC (the generic
 * table reader) reads the rest. */
typedef struct {
  const char *name;              /* source name used in messages and as EisSpectrum.source */
  const unsigned char *raw;
  size_t raw_len;
  const char *text;              /* UTF-8 (not NUL-terminated), or NULL */
  size_t text_len;
  const char *encoding;          /* "utf-8", "utf-16le", "windows-1252", ... or "binary" */
  const EisImportOptions *opt;   /* never NULL */
  struct EisCsvSniff *csv_sniff; /* the generic CSV reader's look at TEXT, made once and kept
                                  * between its detect and read (import-csv.c); may be NULL */
  EisTextSource *src;            /* NULL: RAW and TEXT hold the whole file */
  EisImportStream *stream;       /* NULL: spectra go into the data file; else they are handed
                                  * out one at a time (eis_import_each, import-source.c) */
  int *error_final;              /* through a window (may be NULL): set to 1 by a reader whose
                                  * error stands as it is: reading the whole file the classic
                                  * way would only repeat it at the memory the limit spares */
} EisImportCtx;

/* What the generic CSV reader found in the first lines of a text (import-csv.c). */
typedef struct EisCsvSniff {
  int state;              /* 0 not looked yet, 1 a table found, -1 none */
  const char *text;       /* the text looked at, and its length */
  size_t text_len;
  char delim, dec;
  size_t ncols;           /* fields per data row */
  size_t rows;            /* numeric rows seen while sniffing */
  const char *data;       /* first data row */
  size_t data_line;
  const char *header;     /* header line or NULL */
  size_t header_line;
  size_t header_fields;
  int lines_enough;       /* the sniff saw all the lines it looks at (not cut by the text's end) */
} EisCsvSniff;

/* One importer: DETECT returns a confidence 0..100 that the content is its format;
 * READ fills F (already created with the format name) or fills ERR. */
typedef struct {
  const char *name;
  const char *description;
  int (*detect) (const EisImportCtx *ctx);
  int (*read) (const EisImportCtx *ctx, EisDataFile *f, EisError *err);
  int binary;                    /* reads ctx->raw; text importers get ctx->text, never NULL */
} EisImporter;

/* ---- lines: LF, CRLF, CR and CR CR LF all end one line ---- */
typedef struct {
  const char *p, *end;
  size_t lineno;                 /* number of the line last returned, 1-based */
  int open;                      /* the line last returned had no line end (the text's last) */
  EisTextSource *src;            /* refills END from the file when set (a moving window: lines
                                  * returned before are then gone) */
} EisLineIter;

void eis_lines_init (EisLineIter *it, const char *data, size_t len);
/* Next line without its terminator; returns 0 at the end. */
int eis_lines_next (EisLineIter *it, const char **line, size_t *len);
/* The error for the text's last line LINE when it has no line end and fewer fields (HAVE)
 * than a row of its table (WANT): a file cut short in the middle of a row. */
int eis_cut_row_error (const EisImportCtx *ctx, size_t line, size_t have, size_t want,
                       EisError *err);
/* The notice (metadata "notice", said as a note, not a warning) put in M when the text's last
 * line LINE, read as a whole row, has no line end: common and harmless, unless the file was
 * cut short inside its last number. */
int eis_open_line_note (EisMeta *m, size_t line);

/* Reads N bytes of FD into BUF, retrying reads that a signal interrupted: the number read (less
 * than N only at the end of the file), or -1 with errno on a read error (import.c). */
ssize_t eis_read_full (int fd, void *buf, size_t n);

/* ---- a regular file read through a window (import-source.c) ---- */
/* Opens the window on FD (a regular file of SIZE bytes) and reads the first part. Returns
 * NULL when out of memory or when the first part already shows the file is not plain UTF-8
 * text (the caller then reads it whole). */
EisTextSource *eis_source_open (int fd, unsigned long long size);
void eis_source_free (EisTextSource *src);
/* The first part: raw bytes (RAW, RAW_LEN) and the text after a UTF-8 byte-order mark. */
void eis_source_head (const EisTextSource *src, const unsigned char **raw, size_t *raw_len,
                      const char **text, size_t *text_len);
/* Moves the bytes [*P, *END) to the window's start and reads more after them; 1 when bytes
 * were added, 0 at the end of the file (or after an error, see eis_source_bad). */
int eis_source_refill (EisTextSource *src, const char **p, const char **end);
/* The window back at the start of the file (pointers into the first part valid again). */
int eis_source_rewind (EisTextSource *src);
/* The end of the bytes in the window now. */
const char *eis_source_end (const EisTextSource *src);
/* Nonzero when what was read is not what the whole-file import would take as plain text
 * (a NUL or other control bytes, invalid UTF-8, a line over 1 MiB, a read error, a file that
 * changed size): the caller must read it the classic way, whole. */
int eis_source_bad (const EisTextSource *src);
/* The file's size. */
unsigned long long eis_source_size (const EisTextSource *src);
/* Bytes of the file read so far (the whole file once the end was reached). */
unsigned long long eis_source_total (const EisTextSource *src);

/* Length of the valid UTF-8 prefix of P[0..N) (import.c). */
size_t eis_utf8_valid_prefix (const unsigned char *p, size_t n);
/* The area and temperature a file's metadata gives its spectra (NAN when none; import.c). */
void eis_file_meta_shared (const EisDataFile *f, double *area_cm2, double *temperature_k);
/* Gives S the file's area and temperature where it has none, and every key of F's metadata it
 * does not set (import.c). */
int eis_spectrum_share_meta (EisSpectrum *s, const EisDataFile *f, double area_cm2,
                             double temperature_k);

/* ---- spectra handed out one at a time (import-source.c) ---- */
/* PASS 1: each spectrum to SINK's look, then freed; PASS 2: handed to its spectrum. */
EisImportStream *eis_stream_new (int pass, const EisImportSink *sink);
void eis_stream_free (EisImportStream *st);
/* After the importer's read: the last spectrum out. */
int eis_stream_flush (const EisImportCtx *ctx, EisDataFile *f, EisError *err);
/* Nonzero when the sink asked to stop. */
int eis_stream_stopped (const EisImportStream *st);
/* Where a streaming importer puts each finished spectrum instead of the data file (which
 * keeps its metadata and DC series): index and ownership are taken care of. Returns EIS_OK,
 * or the error (ERR set) that stops the import. */
int eis_stream_put (const EisImportCtx *ctx, EisDataFile *f, EisSpectrum *s, EisError *err);
/* The spectrum put last and not handed out yet (the generic reader warns on it), or NULL. */
EisSpectrum *eis_stream_last (const EisImportCtx *ctx);
/* Number of spectra put so far. */
size_t eis_stream_count (const EisImportCtx *ctx);
/* Called by the importer on each spectrum just before it is handed out (set once). */
void eis_stream_set_finish (const EisImportCtx *ctx,
                            int (*finish) (const EisImportCtx *ctx, EisDataFile *f,
                                           EisSpectrum *s, int last, void *data, EisError *err),
                            void *data);

/* ---- small string helpers ---- */
/* Case-insensitive: does S (length N) start with PREFIX? */
int eis_starts_with_ci (const char *s, size_t n, const char *prefix);
/* Case-insensitive search for NEEDLE within the first N bytes of S. */
const char *eis_find_ci (const char *s, size_t n, const char *needle);
/* Trims spaces, tabs and CRs on both ends. */
void eis_trim (const char **s, size_t *n);

/* ---- fields ---- */
typedef struct {
  size_t n, cap;
  const char **p;
  size_t *len;
  char *scratch;                 /* storage for fields unquoted by libcsv */
  size_t scratch_len, scratch_cap;
  size_t *off;                   /* offsets into scratch while parsing */
} EisFields;

#define EIS_DELIM_WS ' '         /* runs of spaces and tabs */

/* Splits LINE at DELIM (',', ';', '\t' or EIS_DELIM_WS); quoted fields (") are read with
 * libcsv. Fields are trimmed of spaces; trailing empty fields are dropped. 0 or NOMEM. */
int eis_fields_split (EisFields *fl, const char *line, size_t len, char delim);
void eis_fields_free (EisFields *fl);
/* The common row of numbers in one pass, without splitting it first: when every field
 * WANT[i] >= 0 (for i < NWANT; NEED of them) is a number, stores it in V[WANT[i]] and returns
 * the number of fields eis_fields_split would give; returns 0 for anything else (a quote,
 * text or an empty field where a number is wanted), and the row is then read the general
 * way, which also names what is wrong. */
size_t eis_fields_numbers (const char *line, size_t len, char delim, char dec,
                           const signed char *want, size_t nwant, int need, double *v);

/* ---- numbers ---- */
/* Parses the whole of S[0..N) (spaces around allowed) as a decimal number with decimal
 * separator DEC ('.' or ','), independently of the process locale. "nan"/"inf" are read as
 * such (the spectrum check then names them). Returns 0, or -1 when it is not a number. */
int eis_parse_number (const char *s, size_t n, char dec, double *out);
/* The number at S (before E) as eis_parse_number reads it, without spaces around it: returns
 * the end of what was read, or NULL when no number starts at S. */
const char *eis_scan_number (const char *s, const char *e, char dec, double *out);
/* Like eis_parse_number but tolerates trailing text (units): "25.0 C". Returns 0 or -1. */
int eis_parse_number_prefix (const char *s, size_t n, char dec, double *out);

/* ---- units ---- */
typedef enum {
  EIS_Q_NONE = 0, EIS_Q_FREQ, EIS_Q_ANGFREQ, EIS_Q_OHM, EIS_Q_ANGLE, EIS_Q_TIME,
  EIS_Q_CURRENT, EIS_Q_VOLTAGE
} EisQuantity;

/* Looks up a unit spelling ("Hz", "kOhm", "kΩ", "mA", "µA", "deg", "rad/s", "min" ...).
 * Returns its quantity and sets *SCALE to the factor to SI (degrees: to radians). */
EisQuantity eis_unit_lookup (const char *u, size_t n, double *scale);

/* malloc for large blocks (several MB): aligned to and advised for transparent huge pages;
 * free() or realloc() it as any other. */
void *eis_big_alloc (size_t bytes);
/* The advice of eis_big_alloc for a block of it (of BYTES). */
void eis_big_advise (void *p, size_t bytes);

/* ---- growing tables of points ---- */
#define EIS_TABLE_COLS 5
typedef struct {
  size_t n, cap;
  int ncol;
  double *c[EIS_TABLE_COLS];
  size_t *line;
  int *group;                    /* cycle / loop number per point (or -1); NULL while every
                                  * row's is GROUP0 (read them with eis_table_group) */
  int group0;
  int hand_over;                 /* set by the owner: a spectrum emitted from all the rows may
                                  * take the columns instead of a copy (the table is then left
                                  * without them: only eis_table_free may follow) */
  size_t scan_to;                /* while read through a window: how far the sweep that starts
                                  * at row 0 was followed, with its direction and last step */
  int scan_dir, scan_prev;
  int lazy_huge;                 /* set before the first reserve: room from eis_big_alloc is
                                  * advised for large pages only once 2^15 rows are used (a
                                  * table read through a window mostly holds a few thousand,
                                  * and 2 MB pages would hold 2 MB of each column) */
} EisTable;

int eis_table_init (EisTable *t, int ncol);
int eis_table_push_slow (EisTable *t, const double *v, size_t line, int group);

/* Appends a row of T->ncol values from V, read on LINE, of GROUP. 0 or NOMEM. */
static inline int
eis_table_push (EisTable *t, const double *v, size_t line, int group)
{
  if (t->n == t->cap || t->lazy_huge || (t->group == NULL && group != t->group0 && t->n > 0))
    return eis_table_push_slow (t, v, line, group);
  for (int j = 0; j < t->ncol; j++)
    t->c[j][t->n] = v[j];
  t->line[t->n] = line;
  if (t->group)
    t->group[t->n] = group;
  else
    t->group0 = group;        /* (the first row, or the same group) */
  t->n++;
  return EIS_OK;
}

/* The group of row I of T. */
static inline int
eis_table_group (const EisTable *t, size_t i)
{
  return t->group ? t->group[i] : t->group0;
}
/* Room for ROWS rows at once (an estimate from the file's size saves the copies of growing). */
int eis_table_reserve (EisTable *t, size_t rows);
void eis_table_free (EisTable *t);

/* Column layout of an impedance table: f, re, im, time (NAN when absent). */
enum { EIS_T_F = 0, EIS_T_RE, EIS_T_IM, EIS_T_TIME };
/* Column layout of a DC table: time, current, voltage (NAN when absent). */
enum { EIS_T_T = 0, EIS_T_I, EIS_T_V };

/* Turns rows [FROM, TO) of an impedance table into one finished spectrum of F.
 * WITH_TIME: copy the time column. CYCLE: instrument cycle number (or -1). */
int eis_table_emit_spectrum (const EisImportCtx *ctx, EisDataFile *f, EisTable *t,
                             size_t from, size_t to, int with_time, int cycle,
                             EisSpectrum **made, EisError *err);
/* Splits an impedance table into spectra: where the group number changes and where the
 * frequency sweep starts again (a jump back towards the first frequency of the sweep),
 * emitting each. GROUP_IS_CYCLE: the group numbers are instrument cycles. */
int eis_table_emit_sweeps (const EisImportCtx *ctx, EisDataFile *f, EisTable *t,
                           int with_time, int group_is_cycle, EisError *err);
/* While reading through a window: emits the spectra of T known to be complete (a sweep or
 * group that ended before the last row; as eis_table_emit_sweeps with SPLIT_SWEEPS, else at
 * each change of group) and drops their rows from T. */
int eis_table_emit_ready (const EisImportCtx *ctx, EisDataFile *f, EisTable *t, int with_time,
                          int group_is_cycle, int split_sweeps, EisError *err);
/* Turns rows [FROM, TO) of a DC table into one series of F (time ascending check). */
int eis_table_emit_series (const EisImportCtx *ctx, EisDataFile *f, const EisTable *t,
                           size_t from, size_t to, int with_voltage, EisSeries **made,
                           EisError *err);

/* ---- binary helpers ---- */
uint16_t eis_le16 (const unsigned char *p);
uint32_t eis_le32 (const unsigned char *p);
double eis_le_f64 (const unsigned char *p);
float eis_le_f32 (const unsigned char *p);
uint16_t eis_be16 (const unsigned char *p);
uint32_t eis_be32 (const unsigned char *p);
double eis_be_f64 (const unsigned char *p);

/* ---- generic delimited text (import-csv.c) ---- */
int eis_csv_detect (const EisImportCtx *ctx);
int eis_csv_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err);
/* Why CTX's text is no table the generic reader takes, when a layout it refuses explains it:
 * a quoted number with a decimal comma ("1,5") in a comma-separated table. Returns an error
 * naming the file and line, or EIS_OK when no such reason is found. */
int eis_csv_explain (const EisImportCtx *ctx, EisError *err);

/* Column roles understood by the generic reader and by vendor tables. */
typedef enum {
  EIS_COL_NONE = 0, EIS_COL_F, EIS_COL_RE, EIS_COL_IM, EIS_COL_MOD, EIS_COL_PHASE,
  EIS_COL_TIME, EIS_COL_CURRENT, EIS_COL_VOLTAGE, EIS_COL_CYCLE, EIS_COL_N_ROLES
} EisColRole;

/* Classifies a column header ("Frequency (Hz)", "-Im(Z)/Ohm", "Z' (Ω)", "neg. Phase / °").
 * Sets *SCALE (to SI; angular frequency folded in as 1/2π; degrees to radians) and *SIGN
 * (-1 when the header says the column holds the negated quantity). Returns the role, or
 * EIS_COL_NONE; returns -1 when the name is recognised but its unit is not understood. */
int eis_column_classify (const char *h, size_t n, double *scale, int *sign);

/* Reads one table of delimited numbers starting after the header at line HEADER_LINE (whose
 * fields are HEADER, or NULL when header-less) with columns chosen by header name or by the
 * --columns option, until END (or end of text). Vendor importers with a plain table use it. */
typedef struct {
  char delim;                    /* ',', ';', '\t' or EIS_DELIM_WS */
  char dec;                      /* '.' or ',' */
  const char *format;            /* format name for the spectra */
  int split_sweeps;              /* split where the sweep restarts / the cycle changes */
  int drop_zero_freq;            /* skip rows with frequency 0 (PAR DC rows) */
  int zero_freq_next;            /* with drop_zero_freq: a table of only such rows is no error
                                    (the caller reads them next with zero_freq_dc) */
  int zero_freq_dc;              /* read only the rows with frequency 0, as one DC series of
                                    their time, current (and voltage) columns; none (and no
                                    error) when there are fewer than 2 such rows */
  int stop_at_text;              /* a non-numeric row ends the table instead of failing */
  int skip_empty;                /* a row whose needed fields are empty or absent is skipped
                                    (a table of several procedures' signals side by side) */
  int has_header;                /* START is a header line (else the first data row) */
  int skip_rows;                 /* rows after the header to skip (unit lines ...) */
  double im_sign;                /* extra sign for the imaginary part when the header is
                                    not explicit (1 or -1; 0 = 1) */
} EisTableSpec;

int eis_read_delimited (const EisImportCtx *ctx, EisDataFile *f, const char *start,
                        size_t first_line, const EisTableSpec *spec, EisError *err);
/* An impedance table whose rows at frequency 0 are the run's DC part (a hold before the sweep,
 * a DC technique): the spectra from the other rows (SPEC, with drop_zero_freq set), then those
 * rows as one DC series of their time, current and voltage (none when fewer than 2). */
int eis_read_delimited_dc (const EisImportCtx *ctx, EisDataFile *f, const char *start,
                           size_t first_line, const EisTableSpec *spec, EisError *err);


/* ---- metadata helpers ---- */
/* Splits "key SEP value" at the first SEP; both parts trimmed. Returns 0 when found. */
int eis_split_kv (const char *s, size_t n, char sep, const char **k, size_t *kn, const char **v,
                  size_t *vn);
/* Sets KEY to the N bytes at V (trimmed); empty values are skipped. */
int eis_meta_setn (EisMeta *m, const char *key, const char *v, size_t n);
/* Appends the N bytes at V (trimmed; nothing when empty) to KEY, after "; " when KEY is set. */
int eis_meta_appendn (EisMeta *m, const char *key, const char *v, size_t n);
/* Sets KEY to X printed with full precision. */
int eis_meta_set_double (EisMeta *m, const char *key, double x);
/* Reads the table with a fixed column assignment (the --columns syntax) unless the user gave
 * one; otherwise as eis_read_delimited. */
int eis_read_delimited_cols (const EisImportCtx *ctx, EisDataFile *f, const char *start,
                             size_t first_line, const EisTableSpec *spec, const char *columns,
                             EisError *err);
/* Decimal separator of a data row: ',' when a field has a comma and no point, else '.'. */
char eis_sniff_decimal (const char *row, size_t n, char delim);
/* Start of line LINENO (1-based) of the text, or NULL. */
const char *eis_text_line (const EisImportCtx *ctx, size_t lineno, size_t *len);

/* ---- JSON (import-json.c) ---- */
typedef enum {
  EIS_JSON_NULL = 0, EIS_JSON_FALSE, EIS_JSON_TRUE, EIS_JSON_NUMBER, EIS_JSON_STRING,
  EIS_JSON_ARRAY, EIS_JSON_OBJECT
} EisJsonType;

/* One value. Children of arrays and objects are linked through FIRST and NEXT. Index 0 means
 * "none" everywhere (node 0 is a placeholder); the parsed value is node EIS_JSON_ROOT. Member
 * names and strings point into the text, undecoded. */
typedef struct {
  unsigned char type, has_key;
  size_t key, key_len;           /* member name (offset into the text) */
  size_t str, str_len;           /* string contents (offset into the text) */
  double num;
  size_t first, next, n;         /* first child, next sibling, number of children */
} EisJsonNode;

typedef struct {
  const char *text;
  size_t len;
  EisJsonNode *nodes;
  size_t n, cap;
} EisJson;

#define EIS_JSON_ROOT 1

/* Parses TEXT (UTF-8; byte-order marks around the value are skipped) without recursion and
 * with a bounded depth. Errors give NAME:line:column. J must be freed even on failure. */
int eis_json_parse (EisJson *j, const char *name, const char *text, size_t len, EisError *err);
void eis_json_free (EisJson *j);
/* The member NAME (ASCII, compared without case) of object node OBJ, or 0 (also when OBJ is 0
 * or not an object, so lookups chain: get (get (a, "Unit"), "Q")). */
size_t eis_json_get (const EisJson *j, size_t obj, const char *name);
/* String NODE decoded (escapes resolved, UTF-8) into BUF of CAP bytes, NUL-terminated and cut
 * to fit; returns its length ("" and 0 when NODE is not a string). */
size_t eis_json_string (const EisJson *j, size_t node, char *buf, size_t cap);

/* ---- vendor importers (one file each) ---- */
#define EIS_DECLARE_IMPORTER(x) \
  int eis_##x##_detect (const EisImportCtx *ctx); \
  int eis_##x##_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err);

EIS_DECLARE_IMPORTER (biologic_mpt)
EIS_DECLARE_IMPORTER (biologic_mpr)
EIS_DECLARE_IMPORTER (gamry)
EIS_DECLARE_IMPORTER (zplot)
int eis_z60w_detect (const EisImportCtx *ctx);
int eis_zplotw_detect (const EisImportCtx *ctx);
/* Reads the ZPlotW, ZView and Z60W text layout (import-zplot.c). */
int eis_zview_text_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err);
EIS_DECLARE_IMPORTER (chi)
EIS_DECLARE_IMPORTER (par_text)
EIS_DECLARE_IMPORTER (versastudio)
EIS_DECLARE_IMPORTER (zahner)
EIS_DECLARE_IMPORTER (palmsens)
EIS_DECLARE_IMPORTER (autolab)
EIS_DECLARE_IMPORTER (relaxis)
EIS_DECLARE_IMPORTER (pssession)
EIS_DECLARE_IMPORTER (ivium)
EIS_DECLARE_IMPORTER (ivium_idf)
EIS_DECLARE_IMPORTER (p00)
EIS_DECLARE_IMPORTER (dfr)
EIS_DECLARE_IMPORTER (xlsx)
EIS_DECLARE_IMPORTER (ods)
EIS_DECLARE_IMPORTER (fods)

#endif
