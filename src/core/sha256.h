/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 (FIPS 180-4) of a buffer or a file, for the content check of project files. */
#ifndef EIS_SHA256_H
#define EIS_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include "eis-error.h"

typedef struct {
  uint32_t h[8];
  uint64_t n_bytes;
  unsigned char block[64];
  size_t fill;
} EisSha256;

void eis_sha256_init (EisSha256 *c);
void eis_sha256_update (EisSha256 *c, const void *data, size_t len);
/* HEX receives 64 lowercase hexadecimal digits and a terminating NUL. */
void eis_sha256_final (EisSha256 *c, char hex[65]);

/* The SHA-256 of the file at PATH and its size in bytes. EIS_ERR_IO when it cannot be read. */
int eis_sha256_file (const char *path, char hex[65], unsigned long long *size, EisError *err);

#endif
