/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A large text file read through a window of 1 MiB instead of whole (the generic table reader
 * follows it line by line), with the whole-file checks of the classic import made on the way,
 * and the spectra of a streamed import handed out one at a time, each finished as the
 * whole-file import finishes it. */
#include "import-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The window: a line longer than this makes the file "bad" here (the classic import, which
 * allows lines of up to 1 MiB, then reads it). */
#define WINDOW_BYTES ((size_t) 1 << 20)
/* What the detectors look at of a file's start (the .idf detector reads 256 KiB). */
#define HEAD_MIN_BYTES ((size_t) 256 << 10)

/* The last line end in B[0..N), or NULL. */
static const char *
last_newline (const char *b, size_t n)
{
  while (n > 0)
    if (b[--n] == '\n')
      return b + n;
  return NULL;
}

struct EisTextSource {
  int fd;
  char *buf;
  size_t cap, len;             /* window size, bytes in it */
  unsigned long long pos;      /* file offset of buf[0] */
  unsigned long long size;     /* file size at the start */
  unsigned long long checked;  /* file offset up to which the bytes are checked */
  size_t skip;                 /* UTF-8 byte-order mark */
  size_t head_len;             /* bytes of the first part (whole lines) */
  int eof, bad;
};

/* Reads into the window after its LEN bytes until it is full or the file ends. */
static void
fill (EisTextSource *src)
{
  if (src->len < src->cap && !src->eof)
    {
      size_t want = src->cap - src->len;
      ssize_t got = eis_read_full (src->fd, src->buf + src->len, want);
      if (got < 0)
        src->bad = src->eof = 1;
      else
        {
          src->len += (size_t) got;
          src->eof = (size_t) got < want;
        }
    }
  if (src->pos + src->len != src->size && src->eof)
    src->bad = 1;             /* the file changed size while being read */
  if (src->pos + src->len > src->size)
    src->bad = 1;
}

/* The whole-file checks of the classic import on the bytes not checked yet: no NUL byte and
 * valid UTF-8 (checked up to the last line end; a UTF-8 sequence never holds one). */
static void
check (EisTextSource *src)
{
  unsigned long long end = src->pos + src->len;
  if (src->bad || src->checked >= end)
    return;
  size_t from = (size_t) (src->checked - src->pos);
  const char *b = src->buf + from;
  size_t n = src->len - from;
  if (memchr (b, 0, n) != NULL)
    {
      src->bad = 1;
      return;
    }
  if (!src->eof)
    {
      const char *nl = last_newline (b, n);
      if (nl == NULL)
        return;                /* checked with the bytes that end the line */
      n = (size_t) (nl - b) + 1;
    }
  if (eis_utf8_valid_prefix ((const unsigned char *) b, n) != n)
    src->bad = 1;
  src->checked += n;
}

EisTextSource *
eis_source_open (int fd, unsigned long long size)
{
  EisTextSource *src = calloc (1, sizeof *src);
  if (src == NULL)
    return NULL;
  src->fd = fd;
  src->size = size;
  src->cap = WINDOW_BYTES;
  src->buf = malloc (src->cap);
  if (src->buf == NULL)
    {
      free (src);
      return NULL;
    }
  fill (src);
  const unsigned char *r = (const unsigned char *) src->buf;
  if (src->len >= 3 && r[0] == 0xEF && r[1] == 0xBB && r[2] == 0xBF)
    src->skip = 3;
  check (src);
  /* the first part: whole lines, enough for every detector */
  size_t head = src->len;
  if (!src->eof)
    {
      const char *nl = last_newline (src->buf, src->len);
      head = nl ? (size_t) (nl - src->buf) + 1 : 0;
    }
  src->head_len = head;
  if (head < src->skip || (!src->eof && head < HEAD_MIN_BYTES))
    src->bad = 1;
  /* as the classic decoding: more than 1 % control characters in the first 64 KiB is binary */
  size_t m = head - (head < src->skip ? head : src->skip), ctrl = 0;
  const unsigned char *p = r + src->skip;
  for (size_t i = 0; i < m && i < 65536; i++)
    if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n' && p[i] != '\f' && p[i] != 0x1A)
      ctrl++;
  unsigned long long text_len = size - src->skip;
  if (ctrl > 0 && ctrl * 100 > (text_len < 65536 ? text_len : 65536))
    src->bad = 1;
  /* JSON and XML: not tables of lines */
  for (size_t i = 0; i < m; i++)
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
      {
        if (p[i] == '{' || p[i] == '[' || p[i] == '<')
          src->bad = 1;
        break;
      }
  return src;
}

void
eis_source_free (EisTextSource *src)
{
  if (src == NULL)
    return;
  free (src->buf);
  free (src);
}

void
eis_source_head (const EisTextSource *src, const unsigned char **raw, size_t *raw_len,
                 const char **text, size_t *text_len)
{
  *raw = (const unsigned char *) src->buf;
  *raw_len = src->head_len;
  *text = src->buf + src->skip;
  *text_len = src->head_len - src->skip;
}

int
eis_source_refill (EisTextSource *src, const char **p, const char **end)
{
  if (src->eof || src->bad)
    return 0;
  size_t keep = (size_t) (*end - *p), drop = (size_t) (*p - src->buf);
  if (keep >= src->cap)
    {
      src->bad = 1;            /* a line longer than the window */
      return 0;
    }
  memmove (src->buf, *p, keep);
  src->pos += drop;
  src->len = keep;
  fill (src);
  check (src);
  *p = src->buf;
  *end = src->buf + src->len;
  return src->len > keep;
}

int
eis_source_rewind (EisTextSource *src)
{
  if (src->pos == 0)
    return EIS_OK;
  if (lseek (src->fd, 0, SEEK_SET) != 0)
    {
      src->bad = 1;
      return EIS_ERR_IO;
    }
  src->pos = 0;
  src->len = 0;
  src->eof = 0;
  fill (src);
  /* the first part as it was (the file must not have changed) */
  if (src->len < src->head_len)
    src->bad = 1;
  return src->bad ? EIS_ERR_IO : EIS_OK;
}

const char *
eis_source_end (const EisTextSource *src)
{
  return src->buf + src->len;
}

int
eis_source_bad (const EisTextSource *src)
{
  return src->bad;
}

unsigned long long
eis_source_size (const EisTextSource *src)
{
  return src->size;
}

unsigned long long
eis_source_total (const EisTextSource *src)
{
  return src->eof ? src->pos + src->len : src->pos;
}

/* ---- spectra handed out one at a time ---- */

struct EisImportStream {
  int pass;                    /* 1: each spectrum to look, then freed; 2: handed out */
  const EisImportSink *sink;
  EisSpectrum *held;           /* the last spectrum put (the reader may still warn on it) */
  size_t n;                    /* spectra put */
  int (*finish) (const EisImportCtx *ctx, EisDataFile *f, EisSpectrum *s, int last,
                 void *data, EisError *err);
  void *finish_data;
  int meta_done;               /* the file's metadata is complete (encoding added) */
  double area_cm2, temperature_k;
  int stopped;                 /* the sink said stop */
};

EisImportStream *
eis_stream_new (int pass, const EisImportSink *sink)
{
  EisImportStream *st = calloc (1, sizeof *st);
  if (st)
    {
      st->pass = pass;
      st->sink = sink;
    }
  return st;
}

void
eis_stream_free (EisImportStream *st)
{
  if (st == NULL)
    return;
  eis_spectrum_free (st->held);
  free (st);
}

int
eis_stream_stopped (const EisImportStream *st)
{
  return st->stopped;
}

size_t
eis_stream_count (const EisImportCtx *ctx)
{
  return ctx->stream->n;
}

EisSpectrum *
eis_stream_last (const EisImportCtx *ctx)
{
  return ctx->stream->held;
}

void
eis_stream_set_finish (const EisImportCtx *ctx,
                       int (*finish) (const EisImportCtx *ctx, EisDataFile *f, EisSpectrum *s,
                                      int last, void *data, EisError *err),
                       void *data)
{
  ctx->stream->finish = finish;
  ctx->stream->finish_data = data;
}

/* The file's metadata, complete before the first spectrum goes out (as eis_import_buffer
 * completes it after reading): the encoding, and the area and temperature shared. */
static int
file_meta_done (const EisImportCtx *ctx, EisImportStream *st, EisDataFile *f)
{
  if (st->meta_done)
    return EIS_OK;
  st->meta_done = 1;
  if (eis_meta_get (&f->meta, "encoding") == NULL && ctx->encoding
      && eis_meta_set (&f->meta, "encoding", ctx->encoding) != EIS_OK)
    return EIS_ERR_NOMEM;
  eis_file_meta_shared (f, &st->area_cm2, &st->temperature_k);
  return EIS_OK;
}

/* S finished (LAST: the file's last spectrum) and given to the sink. */
static int
release (const EisImportCtx *ctx, EisDataFile *f, EisSpectrum *s, int last, EisError *err)
{
  EisImportStream *st = ctx->stream;
  int rc = st->finish ? st->finish (ctx, f, s, last, st->finish_data, err) : EIS_OK;
  if (rc == EIS_OK && (file_meta_done (ctx, st, f) != EIS_OK
                       || eis_spectrum_share_meta (s, f, st->area_cm2, st->temperature_k) != EIS_OK))
    rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
  if (rc != EIS_OK)
    {
      eis_spectrum_free (s);
      return rc;
    }
  if (st->pass == 1)
    {
      if (st->sink->look && st->sink->look (st->sink->data, f, s) != 0)
        st->stopped = 1;
      eis_spectrum_free (s);
    }
  else if (st->sink->spectrum (st->sink->data, f, s) != 0)
    st->stopped = 1;
  if (st->stopped)
    return eis_error_set (err, EIS_ERR_IO, "%s: reading stopped", ctx->name);
  return EIS_OK;
}

int
eis_stream_put (const EisImportCtx *ctx, EisDataFile *f, EisSpectrum *s, EisError *err)
{
  EisImportStream *st = ctx->stream;
  st->n++;
  EisSpectrum *prev = st->held;
  st->held = s;
  return prev ? release (ctx, f, prev, 0, err) : EIS_OK;
}

int
eis_stream_flush (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  EisImportStream *st = ctx->stream;
  EisSpectrum *s = st->held;
  st->held = NULL;
  return s ? release (ctx, f, s, 1, err) : EIS_OK;
}
