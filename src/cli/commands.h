/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The eisfit subcommands; argv[0] is the subcommand's name. Each returns an exit code. */
#ifndef EISFIT_COMMANDS_H
#define EISFIT_COMMANDS_H

int eisfit_cmd_fit (int argc, char **argv);
int eisfit_cmd_info (int argc, char **argv);
int eisfit_cmd_convert (int argc, char **argv);
int eisfit_cmd_kk (int, char **);
int eisfit_cmd_drt (int, char **);
int eisfit_cmd_arrhenius (int, char **);
int eisfit_cmd_transference (int, char **);
int eisfit_cmd_series (int, char **);

#endif
