/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output files written whole or not at all: the data go to a temporary file beside the target
 * (".eisfit-NAME.XXXXXX"), which is put in place only when complete. Shared by the reports of
 * eisfit and the figures of eisfit and eisfit-gtk. */
#ifndef EIS_OUTPUT_FILE_H
#define EIS_OUTPUT_FILE_H

#include <stddef.h>
#include "eis-error.h"

typedef struct EisOutputFile EisOutputFile;

/* Prepares writing PATH. Without FORCE an existing PATH (a file, or a link) is refused
 * ("already exists"), also when it appears while the data are written. An existing device or
 * pipe (/dev/null, a FIFO) is written to directly, with or without FORCE; a folder is refused.
 * A link to a file is followed: the file it points to is replaced and the link stays; the
 * permissions of a replaced file are kept. On success *OUT must be ended by
 * eis_output_file_commit or eis_output_file_abort. */
int eis_output_file_open (const char *path, int force, EisOutputFile **out, EisError *err);

/* Marks PATH (a file that was read: a data file, the input of a conversion) as one that
 * eis_output_file_open refuses to replace, with or without FORCE, under any name that leads to
 * it (a link, a hard link, another spelling). A file that cannot be looked at is not marked.
 * Returns EIS_OK, or EIS_ERR_NOMEM. Safe to call from several threads. */
int eis_output_file_protect (const char *path);

/* The descriptor to write to (for writers that stream: cairo). */
int eis_output_file_fd (const EisOutputFile *o);

/* Writes LEN bytes of DATA (all of them, or an error naming the file). */
int eis_output_file_write (EisOutputFile *o, const void *data, size_t len, EisError *err);

/* Leaves out the flush to disk (fsync) at commit: for a batch of many files, which syncs once
 * at its end instead (a crash before that may leave files of the batch empty). */
void eis_output_file_defer_sync (EisOutputFile *o);

/* Flushes the data to disk and puts the file in place; frees O. Without FORCE the place is
 * taken only if still free: renameat2(RENAME_NOREPLACE) where the kernel and file system
 * support it, else a hard link, else (FAT, exFAT, SMB shares) an empty file created exclusively
 * under the target name and then replaced by rename(). On any failure the temporary file is
 * removed and an existing target is left as it was. */
int eis_output_file_commit (EisOutputFile *o, EisError *err);

/* Gives up: closes and removes the temporary file; frees O (NULL is allowed). */
void eis_output_file_abort (EisOutputFile *o);

/* Open, write LEN bytes of DATA, commit: PATH gets all of DATA or is left as it was. */
int eis_output_file_write_whole (const char *path, const void *data, size_t len, int force,
                                 EisError *err);

/* Removes every temporary file being written at this moment. Async-signal-safe: for a signal
 * handler (SIGINT, SIGTERM, SIGHUP, SIGXFSZ) before the program ends. */
void eis_output_file_remove_temporaries (void);

/* For main() of eisfit and eisfit-gtk: on SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGXFSZ every
 * temporary file being written is removed, then the program ends by the signal as it would
 * have (a signal ignored when the program started stays ignored); at exit() too. */
void eis_output_file_clean_up_on_signals (void);

#endif
