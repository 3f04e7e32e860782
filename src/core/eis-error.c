/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Error records for the core: formatted messages, no printing. */
#include "eis-error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
eis_error_set (EisError *err, int code, const char *fmt, ...)
{
  if (err == NULL)
    return code;
  err->code = code;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err->message, sizeof err->message, fmt, ap);
  va_end (ap);
  return code;
}

void
eis_error_prefix (EisError *err, const char *fmt, ...)
{
  if (err == NULL)
    return;
  char prefix[512];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (prefix, sizeof prefix, fmt, ap);
  va_end (ap);
  size_t np = strlen (prefix), cap = sizeof err->message;
  if (np >= cap)
    np = cap - 1;
  size_t nm = strlen (err->message);
  if (np + nm >= cap)
    nm = cap - 1 - np;
  memmove (err->message + np, err->message, nm);
  memcpy (err->message, prefix, np);
  err->message[np + nm] = '\0';
}

const char *
eis_status_name (int code)
{
  switch (code)
    {
    case EIS_OK: return "ok";
    case EIS_ERR_NOMEM: return "out of memory";
    case EIS_ERR_IO: return "input/output error";
    case EIS_ERR_FORMAT: return "unrecognised or malformed file";
    case EIS_ERR_DATA: return "unusable data";
    case EIS_ERR_PARSE: return "parse error";
    case EIS_ERR_INVALID: return "invalid argument";
    case EIS_ERR_FIT: return "fit failed";
    default: return "unknown error";
    }
}
