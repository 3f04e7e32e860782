/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An LD_PRELOAD shim for tests/cli/test-output.sh: makes this machine look like a file system
 * without hard links (FAT, exFAT, SMB) or makes writing an eisfit temporary file fail or be
 * interrupted by a signal. Chosen by environment variables:
 *   FSSHIM_NO_LINK=1          link() and linkat() fail with EPERM (as on vfat/CIFS)
 *   FSSHIM_NO_RENAMEAT2=1     renameat2() fails with EINVAL (flags not supported there)
 *   FSSHIM_WRITE_ERRNO=N      write() to a ".eisfit-" temporary file fails with errno N
 *   FSSHIM_WRITE_SIGNAL=N     write() to such a file first raises signal N
 *   FSSHIM_WRITE_MATCH=TEXT   the two above only for a temporary file whose name holds TEXT
 *   FSSHIM_HWM=FILE           at exit, the peak resident memory (VmHWM, kB) is written to FILE
 *                             (for tests/cli/test-scale.sh) */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int
env_int (const char *name)
{
  const char *v = getenv (name);
  return v ? atoi (v) : 0;
}

int
link (const char *from, const char *to)
{
  static int (*real) (const char *, const char *);
  if (env_int ("FSSHIM_NO_LINK"))
    {
      errno = EPERM;
      return -1;
    }
  if (real == NULL)
    real = (int (*) (const char *, const char *)) dlsym (RTLD_NEXT, "link");
  return real (from, to);
}

int
linkat (int fd1, const char *from, int fd2, const char *to, int flags)
{
  static int (*real) (int, const char *, int, const char *, int);
  if (env_int ("FSSHIM_NO_LINK"))
    {
      errno = EPERM;
      return -1;
    }
  if (real == NULL)
    real = (int (*) (int, const char *, int, const char *, int)) dlsym (RTLD_NEXT, "linkat");
  return real (fd1, from, fd2, to, flags);
}

int
renameat2 (int fd1, const char *from, int fd2, const char *to, unsigned int flags)
{
  static int (*real) (int, const char *, int, const char *, unsigned int);
  if (flags != 0 && env_int ("FSSHIM_NO_RENAMEAT2"))
    {
      errno = EINVAL;
      return -1;
    }
  if (real == NULL)
    real = (int (*) (int, const char *, int, const char *, unsigned int)) dlsym (RTLD_NEXT,
                                                                                 "renameat2");
  return real (fd1, from, fd2, to, flags);
}

/* Whether FD is an open eisfit temporary file. */
static int
is_temporary (int fd)
{
  char proc[64], path[4096];
  snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
  ssize_t n = readlink (proc, path, sizeof path - 1);
  if (n <= 0)
    return 0;
  path[n] = '\0';
  const char *match = getenv ("FSSHIM_WRITE_MATCH");
  return strstr (path, "/.eisfit-") != NULL && (match == NULL || strstr (path, match) != NULL);
}

ssize_t
write (int fd, const void *buf, size_t len)
{
  static ssize_t (*real) (int, const void *, size_t);
  if (real == NULL)
    real = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");
  if (fd > 2 && (getenv ("FSSHIM_WRITE_ERRNO") || getenv ("FSSHIM_WRITE_SIGNAL"))
      && is_temporary (fd))
    {
      if (env_int ("FSSHIM_WRITE_SIGNAL"))
        raise (env_int ("FSSHIM_WRITE_SIGNAL"));
      if (env_int ("FSSHIM_WRITE_ERRNO"))
        {
          errno = env_int ("FSSHIM_WRITE_ERRNO");
          return -1;
        }
    }
  return real (fd, buf, len);
}

/* FSSHIM_HWM: the peak resident set of the program, written when it exits normally. */
__attribute__ ((destructor)) static void
report_hwm (void)
{
  const char *to = getenv ("FSSHIM_HWM");
  if (to == NULL || *to == '\0')
    return;
  FILE *in = fopen ("/proc/self/status", "r"), *out;
  char line[256];
  long kb = -1;
  while (in && fgets (line, sizeof line, in))
    if (strncmp (line, "VmHWM:", 6) == 0)
      kb = atol (line + 6);
  if (in)
    fclose (in);
  if (kb >= 0 && (out = fopen (to, "w")) != NULL)
    {
      fprintf (out, "%ld\n", kb);
      fclose (out);
    }
}
