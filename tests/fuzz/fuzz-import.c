/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the importers: every input is read with format detection and then
 * forced through each importer in turn; any crash, leak or undefined behaviour is a bug. */
#include <stddef.h>
#include <stdint.h>
#include "import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  EisImportOptions opt = { .format = NULL, .columns = NULL };
  EisDataFile *f = NULL;
  EisError err;
  if (eis_import_buffer ("fuzz", (const char *) data, size, &opt, &f, &err) == EIS_OK)
    eis_data_file_free (f);
  for (const char *const *name = eis_import_format_names (); *name; name++)
    {
      opt.format = *name;
      f = NULL;
      if (eis_import_buffer ("fuzz", (const char *) data, size, &opt, &f, &err) == EIS_OK)
        eis_data_file_free (f);
    }
  /* the --columns parser on the same data */
  opt.format = "csv";
  opt.columns = "f=1,re=2,-im=3";
  if (eis_import_buffer ("fuzz", (const char *) data, size, &opt, &f, &err) == EIS_OK)
    eis_data_file_free (f);
  return 0;
}
