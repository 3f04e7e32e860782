/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output files written whole or not at all (see output-file.h), and the registry of the
 * temporary files being written, which a signal handler can remove. */
#define _GNU_SOURCE /* renameat2, RENAME_NOREPLACE */
#include <config.h>
#include "output-file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The registry: a fixed table, so that a signal handler can read it without locks or malloc.
 * A slot is free (0), being filled (1) or names a live temporary file (2). Enough for 64
 * threads that each write one file (its temporary file and a placeholder). The states are
 * kept apart from the paths: the check at every exit then reads one page of them, not a
 * page of each of the 160 paths (which cost every run of eisfit about 2 ms). */
enum { N_SLOTS = 160, SLOT_PATH = 4096 };
static atomic_int slot_state[N_SLOTS];
static char slot_path[N_SLOTS][SLOT_PATH];

static int
registry_add (const char *path)
{
  size_t n = strlen (path);
  if (n >= SLOT_PATH)
    return -1;
  for (int i = 0; i < N_SLOTS; i++)
    {
      int expected = 0;
      if (atomic_compare_exchange_strong (&slot_state[i], &expected, 1))
        {
          memcpy (slot_path[i], path, n + 1);
          atomic_store (&slot_state[i], 2);
          return i;
        }
    }
  return -1; /* full: the file is still written, only not removed on a signal */
}

static void
registry_remove (int *slot)
{
  if (*slot >= 0)
    atomic_store (&slot_state[*slot], 0);
  *slot = -1;
}

void
eis_output_file_remove_temporaries (void)
{
  for (int i = 0; i < N_SLOTS; i++)
    if (atomic_load (&slot_state[i]) == 2)
      unlink (slot_path[i]);
}

/* Interrupted (Ctrl+C, kill, a closed terminal, the file size limit): the temporary files of
 * unfinished outputs are removed, then the program ends as the signal says. */
static void
fatal_signal_cb (int sig)
{
  eis_output_file_remove_temporaries ();
  signal (sig, SIG_DFL);
  raise (sig);
}

void
eis_output_file_clean_up_on_signals (void)
{
  static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGXFSZ, SIGQUIT };
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    {
      struct sigaction old, sa;
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = fatal_signal_cb;
      sigemptyset (&sa.sa_mask);
      /* A signal ignored by the caller (nohup) stays ignored. */
      if (sigaction (sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
        sigaction (sigs[i], &sa, NULL);
    }
  atexit (eis_output_file_remove_temporaries);
}

struct EisOutputFile {
  int fd;
  int direct;         /* a device or pipe written in place: no temporary file */
  int force;
  mode_t mode;        /* of the finished file */
  char *shown;        /* the name as given, for messages */
  char *target;       /* where the file goes (a link followed) */
  char *tmp;          /* the temporary file, NULL when direct */
  int slot;           /* registry slot of tmp, or -1 */
  int no_sync;        /* commit without fsync (a batch syncs at its end) */
};

static void
output_free (EisOutputFile *o)
{
  if (o == NULL)
    return;
  free (o->shown);
  free (o->target);
  free (o->tmp);
  free (o);
}

static char *
dup_string (const char *s)
{
  size_t n = strlen (s) + 1;
  char *d = malloc (n);
  return d ? memcpy (d, s, n) : NULL;
}

/* "dir/name.csv" -> "dir/.eisfit-name.csv.XXXXXX". A long NAME is cut (at a UTF-8 character
 * boundary) so that the temporary name fits the 255 bytes a file system allows. */
static char *
temp_name (const char *target)
{
  static const char prefix[] = ".eisfit-", suffix[] = ".XXXXXX";
  const char *slash = strrchr (target, '/');
  size_t dirlen = slash ? (size_t) (slash - target) + 1 : 0;
  const char *base = target + dirlen;
  size_t baselen = strlen (base), room = 255 - (sizeof prefix - 1) - (sizeof suffix - 1);
  if (baselen > room)
    {
      baselen = room;
      while (baselen > 0 && ((unsigned char) base[baselen] & 0xC0) == 0x80)
        baselen--;
    }
  size_t n = dirlen + sizeof prefix + baselen + sizeof suffix;
  char *tmp = malloc (n);
  if (tmp)
    snprintf (tmp, n, "%.*s%s%.*s%s", (int) dirlen, target, prefix, (int) baselen, base, suffix);
  return tmp;
}

static int
exists_error (EisError *err, const char *shown)
{
  return eis_error_set (err, EIS_ERR_IO, "%s: already exists (use --force to replace it)", shown);
}

/* The files never to be replaced (eis_output_file_protect), by device and inode. */
static struct { dev_t dev; ino_t ino; char *path; } *protected_files;
static size_t n_protected, cap_protected;
static pthread_mutex_t protected_lock = PTHREAD_MUTEX_INITIALIZER;

int
eis_output_file_protect (const char *path)
{
  struct stat st;
  int rc = EIS_OK;
  if (path == NULL || stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return EIS_OK;
  pthread_mutex_lock (&protected_lock);
  size_t i = 0;
  while (i < n_protected && !(protected_files[i].dev == st.st_dev
                              && protected_files[i].ino == st.st_ino))
    i++;
  if (i == n_protected)
    {
      if (n_protected == cap_protected)
        {
          size_t ncap = cap_protected ? 2 * cap_protected : 16;
          void *p = realloc (protected_files, ncap * sizeof *protected_files);
          if (p == NULL)
            rc = EIS_ERR_NOMEM;
          else
            {
              protected_files = p;
              cap_protected = ncap;
            }
        }
      char *copy = rc == EIS_OK ? dup_string (path) : NULL;
      if (copy == NULL)
        rc = EIS_ERR_NOMEM;
      else
        {
          protected_files[n_protected].dev = st.st_dev;
          protected_files[n_protected].ino = st.st_ino;
          protected_files[n_protected++].path = copy;
        }
    }
  pthread_mutex_unlock (&protected_lock);
  return rc;
}

/* Non-zero, with the error set, when ST is a protected file. */
static int
refuse_protected (const char *path, const struct stat *st, EisError *err)
{
  int found = 0;
  pthread_mutex_lock (&protected_lock);
  for (size_t i = 0; i < n_protected && !found; i++)
    if (protected_files[i].dev == st->st_dev && protected_files[i].ino == st->st_ino)
      {
        found = 1;
        if (strcmp (protected_files[i].path, path) == 0)
          eis_error_set (err, EIS_ERR_IO, "%s: is a data file that was read; an input is never "
                         "replaced: choose another name", path);
        else
          eis_error_set (err, EIS_ERR_IO, "%s: is the data file %s that was read; an input is "
                         "never replaced: choose another name", path, protected_files[i].path);
      }
  pthread_mutex_unlock (&protected_lock);
  return found;
}

int
eis_output_file_open (const char *path, int force, EisOutputFile **out, EisError *err)
{
  *out = NULL;
  if (path == NULL || path[0] == '\0')
    return eis_error_set (err, EIS_ERR_INVALID, "no output file name");
  struct stat st, lst;
  int exists = stat (path, &st) == 0, linked = lstat (path, &lst) == 0;
  if (exists && S_ISDIR (st.st_mode))
    return eis_error_set (err, EIS_ERR_IO, "%s: is a folder", path);
  if (exists && S_ISREG (st.st_mode) && refuse_protected (path, &st, err))
    return EIS_ERR_IO;
  EisOutputFile *o = calloc (1, sizeof *o);
  if (o == NULL || (o->shown = dup_string (path)) == NULL)
    {
      output_free (o);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", path);
    }
  o->fd = -1;
  o->slot = -1;
  o->force = force;
  if (exists && !S_ISREG (st.st_mode))
    {
      /* A device or a pipe (/dev/null, a FIFO): written to, never replaced by a file. */
      o->fd = open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (o->fd < 0)
        {
          int e = errno;
          output_free (o);
          return eis_error_set (err, EIS_ERR_IO, "%s: cannot write: %s", path,
                                e == ENXIO ? "a pipe with no reader" : strerror (e));
        }
      fcntl (o->fd, F_SETFL, fcntl (o->fd, F_GETFL) & ~O_NONBLOCK);
      o->direct = 1;
      *out = o;
      return EIS_OK;
    }
  if (!force && linked)
    {
      output_free (o);
      return exists_error (err, path);
    }
  /* A link to a file: the file it points to is replaced, and the link stays. A link to
   * nothing (dangling) alike: the file it names is made, and the link then points to it. */
  if (exists && S_ISLNK (lst.st_mode))
    o->target = realpath (path, NULL);
  else if (linked && S_ISLNK (lst.st_mode))
    {
      char to[4096];
      ssize_t n = readlink (path, to, sizeof to - 1);
      struct stat tst;
      if (n <= 0 || (size_t) n >= sizeof to - 1)
        {
          output_free (o);
          return eis_error_set (err, EIS_ERR_IO, "%s: cannot read the link", path);
        }
      to[n] = '\0';
      const char *slash = strrchr (path, '/');
      size_t dl = to[0] != '/' && slash ? (size_t) (slash - path) + 1 : 0;
      o->target = malloc (dl + (size_t) n + 1);
      if (o->target)
        {
          memcpy (o->target, path, dl);
          memcpy (o->target + dl, to, (size_t) n + 1);
        }
      if (o->target && lstat (o->target, &tst) == 0)
        {
          /* a link to a link to nothing: not followed further */
          output_free (o);
          return eis_error_set (err, EIS_ERR_IO, "%s: a link to the link %s, which points to "
                                "nothing: name the file to write", path, to);
        }
    }
  else
    o->target = dup_string (path);
  if (o->target == NULL)
    {
      int e = errno;
      output_free (o);
      return eis_error_set (err, e == ENOMEM ? EIS_ERR_NOMEM : EIS_ERR_IO,
                            "%s: cannot follow the link: %s", path, strerror (e));
    }
  /* The permissions of the file replaced, or those of a new file under the umask. */
  mode_t mask = umask (0);
  umask (mask);
  o->mode = exists ? (st.st_mode & 07777) : (0666 & ~mask);
  /* Same folder as the target, so that rename() is atomic. */
  if ((o->tmp = temp_name (o->target)) == NULL)
    {
      output_free (o);
      return eis_error_set (err, EIS_ERR_NOMEM, "%s: out of memory", path);
    }
  o->fd = mkostemp (o->tmp, O_CLOEXEC);
  if (o->fd < 0)
    {
      int e = errno;
      output_free (o);
      return eis_error_set (err, EIS_ERR_IO, "%s: cannot create a temporary file beside it: %s",
                            path, strerror (e));
    }
  o->slot = registry_add (o->tmp);
  (void) fchmod (o->fd, o->mode);
  *out = o;
  return EIS_OK;
}

int
eis_output_file_fd (const EisOutputFile *o)
{
  return o->fd;
}

int
eis_output_file_write (EisOutputFile *o, const void *data, size_t len, EisError *err)
{
  const char *p = data;
  while (len > 0)
    {
      ssize_t w = write (o->fd, p, len);
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0)
        return eis_error_set (err, EIS_ERR_IO, "%s: write failed: %s", o->shown, strerror (errno));
      p += w;
      len -= (size_t) w;
    }
  return EIS_OK;
}

void
eis_output_file_abort (EisOutputFile *o)
{
  if (o == NULL)
    return;
  if (o->fd >= 0)
    close (o->fd);
  if (o->tmp)
    unlink (o->tmp);
  registry_remove (&o->slot);
  output_free (o);
}

static int
is_unsupported (int e)
{
  return e == EINVAL || e == ENOSYS || e == EOPNOTSUPP || e == EPERM || e == ENOTSUP;
}

/* Puts the complete temporary file at the target, refusing to replace a file that is there. */
static int
place_new (EisOutputFile *o, EisError *err)
{
#ifdef HAVE_RENAMEAT2
  if (renameat2 (AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_NOREPLACE) == 0)
    return EIS_OK;
  if (errno == EEXIST)
    return exists_error (err, o->shown);
  if (!is_unsupported (errno))
    return eis_error_set (err, EIS_ERR_IO, "%s: cannot create: %s", o->shown, strerror (errno));
#endif
  /* link() refuses to replace too (the temporary name is removed afterwards). */
  if (link (o->tmp, o->target) == 0)
    return EIS_OK;
  if (errno == EEXIST)
    return exists_error (err, o->shown);
  if (!is_unsupported (errno) && errno != EMLINK)
    return eis_error_set (err, EIS_ERR_IO, "%s: cannot create: %s", o->shown, strerror (errno));
  /* No hard links (FAT, exFAT, SMB): claim the name with an empty file created exclusively,
   * then replace it. Between the two steps the name holds an empty file; only a writer that
   * replaces files (--force) could get in between, and then the last one wins. */
  int pfd = open (o->target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, o->mode);
  if (pfd < 0)
    return errno == EEXIST ? exists_error (err, o->shown)
                           : eis_error_set (err, EIS_ERR_IO, "%s: cannot create: %s", o->shown,
                                            strerror (errno));
  close (pfd);
  int pslot = registry_add (o->target);
  int rc = EIS_OK;
  if (rename (o->tmp, o->target) != 0)
    {
      rc = eis_error_set (err, EIS_ERR_IO, "%s: cannot rename into place: %s", o->shown,
                          strerror (errno));
      unlink (o->target);
    }
  registry_remove (&pslot);
  return rc;
}

void
eis_output_file_defer_sync (EisOutputFile *o)
{
  o->no_sync = 1;
}

int
eis_output_file_commit (EisOutputFile *o, EisError *err)
{
  int rc = EIS_OK;
  if (o->direct)
    {
      if (close (o->fd) != 0 && errno != EINTR)
        rc = eis_error_set (err, EIS_ERR_IO, "%s: write failed: %s", o->shown, strerror (errno));
      output_free (o);
      return rc;
    }
  int fd = o->fd;
  o->fd = -1;
  int e = !o->no_sync && fsync (fd) != 0 && errno != EINVAL ? errno : 0;
  if (close (fd) != 0 && e == 0)
    e = errno;
  if (e)
    rc = eis_error_set (err, EIS_ERR_IO, "%s: write failed: %s", o->shown, strerror (e));
  else if (o->force)
    {
      if (rename (o->tmp, o->target) != 0)
        rc = eis_error_set (err, EIS_ERR_IO, "%s: cannot rename into place: %s", o->shown,
                            strerror (errno));
    }
  else
    rc = place_new (o, err);
  /* After rename() the temporary name is gone; after link() or a failure it is removed. */
  unlink (o->tmp);
  registry_remove (&o->slot);
  output_free (o);
  return rc;
}

int
eis_output_file_write_whole (const char *path, const void *data, size_t len, int force,
                             EisError *err)
{
  EisOutputFile *o;
  int st = eis_output_file_open (path, force, &o, err);
  if (st != EIS_OK)
    return st;
  if ((st = eis_output_file_write (o, data, len, err)) != EIS_OK)
    {
      eis_output_file_abort (o);
      return st;
    }
  return eis_output_file_commit (o, err);
}
