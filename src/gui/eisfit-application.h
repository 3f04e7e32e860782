/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EisfitApplication: opens the files given on the command line in a window, handles
 * --screenshot/--print-params (batch mode for tests), and installs the shortcuts. */
#ifndef EISFIT_APPLICATION_H
#define EISFIT_APPLICATION_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EISFIT_TYPE_APPLICATION (eisfit_application_get_type ())
G_DECLARE_FINAL_TYPE (EisfitApplication, eisfit_application, EISFIT, APPLICATION,
                      GtkApplication)

EisfitApplication *eisfit_application_new (void);
/* The status main() returns: 0, or non-zero when batch mode failed. */
int eisfit_application_get_exit_status (EisfitApplication *self);

G_END_DECLS

#endif
