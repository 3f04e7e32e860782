/* SPDX-License-Identifier: GPL-3.0-or-later */
/* BioLogic EC-Lab binary .mpr: "BIO-LOGIC MODULAR FILE" then modules ("MODULE", short and long
 * name, lengths, version, date, payload). The "VMP data" module holds the point count, the
 * column ids and a little-endian row array. Two module header layouts exist: before EC-Lab
 * 11.50 (length, version, date: 57 bytes) and after (max length, length, two words, date:
 * 65 bytes). Column ids and their types follow the published readers (galvani, yadg) and were
 * checked against the .mpt twins of real files. The flag columns (mode, ox/red, error, control
 * changes, Ns changes, counter inc.) share one byte. -Im(Z) is negated back to Z''. */
#include "import-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char magic[] = "BIO-LOGIC MODULAR FILE";

int
eis_biologic_mpr_detect (const EisImportCtx *ctx)
{
  if (ctx->raw_len >= sizeof magic - 1 && memcmp (ctx->raw, magic, sizeof magic - 1) == 0)
    return 100;
  return 0;
}

typedef enum { T_FLAG, T_U1, T_U2, T_U4, T_F4, T_F8 } ColType;

typedef struct {
  unsigned short id;
  ColType type;
  const char *name;
} ColDef;

static const ColDef coldefs[] = {
  { 1, T_FLAG, "mode" }, { 2, T_FLAG, "ox/red" }, { 3, T_FLAG, "error" },
  { 21, T_FLAG, "control changes" }, { 31, T_FLAG, "Ns changes" }, { 65, T_FLAG, "counter inc." },
  { 4, T_F8, "time/s" }, { 5, T_F4, "control/V/mA" }, { 6, T_F4, "Ewe/V" },
  { 7, T_F8, "dQ/mA.h" }, { 8, T_F4, "I/mA" }, { 9, T_F4, "Ece/V" }, { 11, T_F8, "<I>/mA" },
  { 13, T_F8, "(Q-Qo)/mA.h" }, { 16, T_F4, "Analog IN 1/V" }, { 17, T_F4, "Analog IN 2/V" },
  { 19, T_F4, "control/V" }, { 20, T_F4, "control/mA" }, { 23, T_F8, "dQ/mA.h" },
  { 24, T_F8, "cycle number" }, { 26, T_F4, "Rapp/Ohm" }, { 27, T_F4, "Ewe-Ece/V" },
  { 32, T_F4, "freq/Hz" }, { 33, T_F4, "|Ewe|/V" }, { 34, T_F4, "|I|/A" },
  { 35, T_F4, "Phase(Z)/deg" }, { 36, T_F4, "|Z|/Ohm" }, { 37, T_F4, "Re(Z)/Ohm" },
  { 38, T_F4, "-Im(Z)/Ohm" }, { 39, T_U2, "I Range" }, { 69, T_F4, "R/Ohm" },
  { 70, T_F4, "P/W" }, { 74, T_F8, "|Energy|/W.h" }, { 75, T_F4, "Analog OUT/V" },
  { 76, T_F4, "<I>/mA" }, { 77, T_F4, "<Ewe>/V" }, { 78, T_F4, "Cs-2/uF-2" },
  { 96, T_F4, "|Ece|/V" }, { 98, T_F4, "Phase(Zce)/deg" }, { 99, T_F4, "|Zce|/Ohm" },
  { 100, T_F4, "Re(Zce)/Ohm" }, { 101, T_F4, "-Im(Zce)/Ohm" },
  { 123, T_F8, "Energy charge/W.h" }, { 124, T_F8, "Energy discharge/W.h" },
  { 125, T_F8, "Capacitance charge/uA.h" }, { 126, T_F8, "Capacitance discharge/uA.h" },
  { 131, T_U2, "Ns" }, { 163, T_F4, "|Estack|/V" }, { 168, T_F4, "Rcmp/Ohm" },
  { 169, T_F4, "Cs/uF" }, { 172, T_F4, "Cp/uF" }, { 173, T_F4, "Cp-2/uF-2" },
  { 174, T_F4, "<Ewe>/V" }, { 178, T_F4, "(Q-Qo)/C" }, { 179, T_F4, "dQ/C" },
  { 211, T_F8, "Q charge/discharge/mA.h" }, { 212, T_U4, "half cycle" },
  { 213, T_U4, "z cycle" }, { 217, T_F4, "THD Ewe/%" }, { 218, T_F4, "THD I/%" },
  { 220, T_F4, "NSD Ewe/%" }, { 221, T_F4, "NSD I/%" }, { 223, T_F4, "NSR Ewe/%" },
  { 224, T_F4, "NSR I/%" }, { 241, T_F4, "|E1|/V" }, { 242, T_F4, "|E2|/V" },
  { 271, T_F4, "Phase(Z1)/deg" }, { 272, T_F4, "Phase(Z2)/deg" }, { 301, T_F4, "|Z1|/Ohm" },
  { 302, T_F4, "|Z2|/Ohm" }, { 331, T_F4, "Re(Z1)/Ohm" }, { 332, T_F4, "Re(Z2)/Ohm" },
  { 361, T_F4, "-Im(Z1)/Ohm" }, { 362, T_F4, "-Im(Z2)/Ohm" }, { 391, T_F4, "<E1>/V" },
  { 392, T_F4, "<E2>/V" }, { 422, T_F4, "Phase(Zstack)/deg" }, { 423, T_F4, "|Zstack|/Ohm" },
  { 424, T_F4, "Re(Zstack)/Ohm" }, { 425, T_F4, "-Im(Zstack)/Ohm" },
  { 426, T_F4, "<Estack>/V" }, { 430, T_F4, "Phase(Zwe-ce)/deg" },
  { 431, T_F4, "|Zwe-ce|/Ohm" }, { 432, T_F4, "Re(Zwe-ce)/Ohm" },
  { 433, T_F4, "-Im(Zwe-ce)/Ohm" }, { 434, T_F4, "(Q-Qo)/C" }, { 435, T_F4, "dQ/C" },
  { 438, T_F8, "step time/s" }, { 441, T_F4, "<Ecv>/V" }, { 462, T_F4, "Temperature/degC" },
  { 467, T_F8, "Q charge/discharge/mA.h" }, { 468, T_U4, "half cycle" },
  { 469, T_U4, "z cycle" }, { 471, T_F4, "<Ece>/V" }, { 473, T_F4, "THD Ewe/%" },
  { 474, T_F4, "THD I/%" }, { 476, T_F4, "NSD Ewe/%" }, { 477, T_F4, "NSD I/%" },
  { 479, T_F4, "NSR Ewe/%" }, { 480, T_F4, "NSR I/%" }, { 475, T_F4, "THD Ece/%" },
  { 478, T_F4, "NSD Ece/%" }, { 481, T_F4, "NSR Ece/%" },
  { 486, T_F4, "|Ewe h2|/V" }, { 487, T_F4, "|Ewe h3|/V" }, { 488, T_F4, "|Ewe h4|/V" },
  { 489, T_F4, "|Ewe h5|/V" }, { 490, T_F4, "|Ewe h6|/V" }, { 491, T_F4, "|Ewe h7|/V" },
  { 492, T_F4, "|I h2|/A" }, { 493, T_F4, "|I h3|/A" }, { 494, T_F4, "|I h4|/A" },
  { 495, T_F4, "|I h5|/A" }, { 496, T_F4, "|I h6|/A" }, { 497, T_F4, "|I h7|/A" },
  /* 498-502: 8-byte charge and step columns in some readers, 4-byte |Ece h2..h6| in others;
   * the row size the file itself implies decides (see AMBIGUOUS). */
  { 498, T_F8, "Q charge/mA.h" }, { 499, T_F8, "Q discharge/mA.h" },
  { 500, T_F8, "step time/s" }, { 501, T_F8, "Efficiency/%" }, { 502, T_F8, "Capacity/mA.h" },
  { 503, T_F4, "|Ece h7|/V" }, { 50, T_F4, "E0/V" }, { 73, T_F4, "rotation rate/rpm" },
  { 504, T_F4, "Rac/Ohm" }, { 505, T_F4, "Rdc/Ohm" }, { 509, T_U1, "Acir/Dcir Control" },
};

/* Ids whose size the published readers disagree on: 8 bytes, or 4. */
#define AMBIGUOUS(id) ((id) >= 498 && (id) <= 502)

static const ColDef *
coldef (unsigned id)
{
  for (size_t i = 0; i < sizeof coldefs / sizeof coldefs[0]; i++)
    if (coldefs[i].id == id)
      return &coldefs[i];
  return NULL;
}

static size_t
type_size (ColType t)
{
  switch (t)
    {
    case T_FLAG: case T_U1: return 1;
    case T_U2: return 2;
    case T_U4: case T_F4: return 4;
    default: return 8;
    }
}

static double
read_value (const unsigned char *p, ColType t)
{
  switch (t)
    {
    case T_FLAG: case T_U1: return p[0];
    case T_U2: return eis_le16 (p);
    case T_U4: return eis_le32 (p);
    case T_F4: return eis_le_f32 (p);
    default: return eis_le_f64 (p);
    }
}

#define MAX_COLS 256

/* Lays out a row of NCOL columns: each known column its type's size (the ambiguous ids 4 bytes
 * when ALT), the flag columns one shared byte, an unknown column (DEFS[i] NULL) USIZE bytes.
 * Fills OFFS (may be NULL) and returns the row's size. */
static size_t
row_layout (const ColDef *const *defs, const unsigned *ids, size_t ncol, int alt, size_t usize,
            size_t *offs)
{
  size_t o = 0, flag_off = 0;
  int flags_seen = 0;
  for (size_t i = 0; i < ncol; i++)
    {
      size_t at = o;
      if (defs[i] == NULL)
        o += usize;
      else if (defs[i]->type == T_FLAG)
        {
          if (!flags_seen)
            {
              flag_off = o;
              o += 1;
              flags_seen = 1;
            }
          at = flag_off;
        }
      else
        o += alt && AMBIGUOUS (ids[i]) ? 4 : type_size (defs[i]->type);
      if (offs)
        offs[i] = at;
    }
  return o;
}

/* Reads the "VMP data" module payload D of LEN bytes at file offset BASE. */
static int
read_data_module (const EisImportCtx *ctx, EisDataFile *f, const unsigned char *d, size_t len,
                  size_t base, int new_layout, unsigned version, EisError *err)
{
  if (len < 6)
    return eis_error_set (err, EIS_ERR_FORMAT, "%s: byte %zu: data module of %zu bytes is too short",
                          ctx->name, base, len);
  size_t npts = eis_le32 (d);
  size_t ncol = d[4];
  size_t ids_at = 5, id_size = 2;
  if (new_layout)
    {
      ncol = eis_le16 (d + 4);
      ids_at = 6;
    }
  else if (version == 0)
    id_size = 1;
  if (npts == 0)
    return eis_error_set (err, EIS_ERR_DATA, "%s: byte %zu: the data module holds no points",
                          ctx->name, base);
  if (ncol == 0 || ncol > MAX_COLS || ids_at + ncol * id_size > len)
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: byte %zu: data module lists %zu columns, which does not fit its %zu bytes",
                          ctx->name, base + 4, ncol, len);
  unsigned ids[MAX_COLS];
  const ColDef *defs[MAX_COLS];
  size_t offs[MAX_COLS];
  size_t unknown = 0, unknown_at = 0;
  int ambiguous = 0;
  for (size_t i = 0; i < ncol; i++)
    {
      ids[i] = id_size == 1 ? d[ids_at + i] : eis_le16 (d + ids_at + 2 * i);
      defs[i] = coldef (ids[i]);
      if (defs[i] == NULL)
        {
          if (unknown++ == 0)
            unknown_at = i;
        }
      else if (AMBIGUOUS (ids[i]))
        ambiguous = 1;
    }
  /* The row size: from the column sizes, checked against where each layout starts its rows
   * (EC-Lab writes them at a fixed offset of the module); the 4-byte reading of the ambiguous
   * ids when only that fits; unknown ids as 4 bytes each (most columns are float32) when that
   * fits, or a single unknown id as whatever is left. */
  size_t fixed = new_layout ? 0x3ef : version == 0 ? 100 : version == 2 ? 0x195 : 0x196;
  size_t row_fixed = fixed < len && (len - fixed) % npts == 0 ? (len - fixed) / npts : 0;
  /* the known columns' bytes, with the ambiguous ids as 8 bytes [0] or 4 [1] */
  size_t known[2] = { row_layout (defs, ids, ncol, 0, 0, NULL),
                      row_layout (defs, ids, ncol, 1, 0, NULL) };
  int alt = 0;
  size_t start = 0, row = 0, usize = 0;
  if (unknown == 0)
    {
      alt = ambiguous && row_fixed && known[0] != row_fixed && known[1] == row_fixed;
      row = known[alt];
      if (row == 0 || npts > len / row)
        return eis_error_set (err, EIS_ERR_FORMAT,
                              "%s: byte %zu: %zu points of %zu bytes do not fit in the data module (%zu bytes; file truncated?)",
                              ctx->name, base, npts, row, len);
      start = len - npts * row;
      if (start < ids_at + ncol * id_size)
        return eis_error_set (err, EIS_ERR_FORMAT, "%s: byte %zu: data module is inconsistent",
                              ctx->name, base);
    }
  else
    {
      for (alt = 0; alt < (ambiguous ? 2 : 1) && usize == 0; alt++)
        if (row_fixed > known[alt])
          {
            size_t extra = row_fixed - known[alt];
            usize = unknown == 1 ? extra : extra == 4 * unknown ? 4 : 0;
          }
      alt--;
      if (usize == 0 && unknown == 1)
        return eis_error_set (err, EIS_ERR_FORMAT,
                              "%s: byte %zu: column id %u is not known to eisfit and its size cannot be inferred",
                              ctx->name, base + ids_at + unknown_at * id_size, ids[unknown_at]);
      if (usize == 0)
        return eis_error_set (err, EIS_ERR_FORMAT,
                              "%s: byte %zu: %zu column ids are not known to eisfit (first: %u) and their sizes cannot be inferred",
                              ctx->name, base + ids_at + unknown_at * id_size, unknown, ids[unknown_at]);
      start = fixed;
      row = row_fixed;
    }
  row_layout (defs, ids, ncol, alt, usize, offs);
  int cf = -1, cre = -1, cim = -1, cmod = -1, cph = -1, ct = -1, ccyc = -1, ci = -1, cv = -1;
  for (size_t i = 0; i < ncol; i++)
    switch (ids[i])
      {
      case 32: cf = (int) i; break;
      case 37: cre = (int) i; break;
      case 38: cim = (int) i; break;
      case 36: cmod = (int) i; break;
      case 35: cph = (int) i; break;
      case 4: ct = (int) i; break;
      case 24: ccyc = (int) i; break;
      case 8: case 11: if (ci < 0) ci = (int) i; break;
      case 76: ci = ci < 0 ? (int) i : ci; break;
      case 6: cv = (int) i; break;
      case 77: if (cv < 0 || ids[cv] == 174) cv = (int) i; break;
      case 174: if (cv < 0) cv = (int) i; break;   /* Phase(Zwe-ce) when 6 or 77 is there */
      default: break;
      }
  const unsigned char *rows = d + start;
  EisTable t;
  eis_table_init (&t, 4);
  int rc = EIS_OK;
  int eis = cf >= 0 && ((cre >= 0 && cim >= 0) || (cmod >= 0 && cph >= 0));
  if (!eis && !(ct >= 0 && ci >= 0))
    return eis_error_set (err, EIS_ERR_FORMAT,
                          "%s: byte %zu: the data module has neither impedance columns (freq/Hz, Re(Z), -Im(Z)) nor time and current",
                          ctx->name, base);
#define COL(c) read_value (r + offs[c], defs[c]->type)
  for (size_t k = 0; k < npts; k++)
    {
      const unsigned char *r = rows + k * row;
      size_t at = base + start + k * row;
      double v[4];
      int group = 0;
      if (eis)
        {
          v[EIS_T_F] = COL (cf);
          if (cre >= 0 && cim >= 0)
            {
              v[EIS_T_RE] = COL (cre);
              v[EIS_T_IM] = -COL (cim);       /* the column holds -Im(Z) */
            }
          else
            {
              double m = COL (cmod), ph = COL (cph) * M_PI / 180;
              v[EIS_T_RE] = m * cos (ph);
              v[EIS_T_IM] = m * sin (ph);
            }
          v[EIS_T_TIME] = ct >= 0 ? COL (ct) : NAN;
          if (v[EIS_T_F] == 0)
            continue;     /* rows of other techniques in a modular file */
          if (!isfinite (v[EIS_T_F]) || !isfinite (v[EIS_T_RE]) || !isfinite (v[EIS_T_IM]))
            {
              rc = eis_error_set (err, EIS_ERR_DATA, "%s: byte %zu: point %zu is not a finite number",
                                  ctx->name, at, k + 1);
              goto out;
            }
        }
      else
        {
          v[EIS_T_T] = COL (ct);
          v[EIS_T_I] = COL (ci) * 1e-3;       /* mA */
          v[EIS_T_V] = cv >= 0 ? COL (cv) : NAN;
          v[3] = NAN;
        }
      if (ccyc >= 0)
        {
          double c = COL (ccyc);
          group = isfinite (c) && fabs (c) < 1e9 ? (int) lround (c) : -1;
        }
      if (eis_table_push (&t, v, 0, group) != EIS_OK)
        {
          rc = eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
          goto out;
        }
    }
#undef COL
  if (t.n == 0)
    {
      rc = eis_error_set (err, EIS_ERR_DATA, "%s: byte %zu: no impedance points (every frequency is 0)",
                          ctx->name, base);
      goto out;
    }
  if (eis)
    rc = eis_table_emit_sweeps (ctx, f, &t, ct >= 0, ccyc >= 0, err);
  else
    rc = eis_table_emit_series (ctx, f, &t, 0, t.n, cv >= 0, NULL, err);
out:
  eis_table_free (&t);
  return rc;
}

int
eis_biologic_mpr_read (const EisImportCtx *ctx, EisDataFile *f, EisError *err)
{
  const unsigned char *d = ctx->raw;
  size_t n = ctx->raw_len, p = 0x34;
  int found = 0;
  if (n < p)
    return eis_error_set (err, EIS_ERR_FORMAT, "%s: byte %zu: file ends inside the file header",
                          ctx->name, n);
  while (p < n)
    {
      if (n - p < 6 || memcmp (d + p, "MODULE", 6) != 0)
        return eis_error_set (err, EIS_ERR_FORMAT,
                              "%s: byte %zu: expected a module (\"MODULE\"), found other bytes (file truncated or damaged?)",
                              ctx->name, p);
      if (n - p < 6 + 10 + 25 + 16)
        return eis_error_set (err, EIS_ERR_FORMAT, "%s: byte %zu: file ends inside a module header",
                              ctx->name, p);
      const unsigned char *h = d + p + 6;
      char shortname[11];
      memcpy (shortname, h, 10);
      shortname[10] = '\0';
      /* The layout: old headers have the date (ASCII "mm/dd/yy") right after length and
       * version; new ones start with a max length of 0xFFFFFFFF. */
      int new_layout = eis_le32 (h + 35) == 0xFFFFFFFFu;
      size_t hdr = new_layout ? 65 : 57;
      size_t len;
      unsigned version;
      const unsigned char *date;
      if (n - p < hdr)
        return eis_error_set (err, EIS_ERR_FORMAT, "%s: byte %zu: file ends inside a module header",
                              ctx->name, p);
      if (new_layout)
        {
          len = eis_le32 (h + 39);
          version = eis_le32 (h + 47);
          date = h + 51;
        }
      else
        {
          len = eis_le32 (h + 35);
          version = eis_le32 (h + 39);
          date = h + 43;
        }
      size_t body = p + hdr;
      if (len > n - body)
        return eis_error_set (err, EIS_ERR_FORMAT,
                              "%s: byte %zu: module \"%.10s\" says %zu bytes but only %zu remain (file truncated?)",
                              ctx->name, p, shortname, len, n - body);
      if (memcmp (shortname, "VMP data", 8) == 0)
        {
          char ds[9];
          for (int i = 0; i < 8; i++)
            ds[i] = date[i] >= 0x20 && date[i] < 0x7f ? (char) date[i] : '?';
          ds[8] = '\0';
          if (eis_meta_set (&f->meta, "start_time", ds) != EIS_OK
              || eis_meta_set (&f->meta, "software", new_layout ? "EC-Lab (11.50 or later)" : "EC-Lab (before 11.50)") != EIS_OK)
            return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", ctx->name);
          int rc = read_data_module (ctx, f, d + body, len, body, new_layout, version, err);
          if (rc != EIS_OK)
            return rc;
          found = 1;
        }
      p = body + len;
    }
  if (!found)
    return eis_error_set (err, EIS_ERR_FORMAT, "%s: no \"VMP data\" module in the file", ctx->name);
  return EIS_OK;
}
