/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The instrument's start time of a measurement (the "start_time" metadata the importers store:
 * Gamry DATE/TIME, BioLogic "Acquisition started on", Zahner, CHI, ZPlot, PAR, PalmSens, ...)
 * read as seconds, so that the spectra of a series measured hours apart are placed in time. */
#ifndef EIS_START_TIME_H
#define EIS_START_TIME_H

/* How a numeric date "A/B/YYYY" is read. */
typedef enum {
  EIS_DATE_ORDER_AUTO = 0,      /* slashes and dashes month first (Gamry, EC-Lab, ZPlot), dots
                                 * day first (Zahner, "02.12.2026") */
  EIS_DATE_ORDER_MONTH_FIRST,
  EIS_DATE_ORDER_DAY_FIRST
} EisDateOrder;

/* What eis_start_time_parse_info found besides the time. */
typedef struct {
  int date_only;        /* a date without a time of day: -1, and *t_s its midnight */
  int zone;             /* a time-zone offset ("Z", "+01:00") was applied */
  char why[96];         /* on -1: what is wrong ("the year 1899 is outside 1900 to 2200") */
} EisStartTimeInfo;

/* Reads TEXT, a date with a time of day ("12/2/2026 20:00:00", "2026-12-02 20:00:00.5",
 * "02.12.2026 20:00:00", "Dec. 2, 2026   20:00:00", "12/2/2026 8:00:00 PM"), into *T_S: the
 * seconds since 1970-01-01 00:00 of that wall-clock time (no time zone: only differences mean
 * something) or, when TEXT ends in a time-zone offset ("Z", "+01:00", "-0500", "UTC+2"), of that
 * time in UTC. Two-digit years are 2000 to 2099 ("21" is 2021). The seconds' fraction is
 * digits only (".5", ",900"; not ".5e3"). Returns 0, or -1 when TEXT is no date with a time of
 * day (a date alone cannot place spectra measured on one day) or when ORDER does not fit the
 * date ("13/2/2026" month first). */
int eis_start_time_parse (const char *text, EisDateOrder order, double *t_s);
/* The same, and INFO (may be NULL) says why -1 and whether an offset was applied. */
int eis_start_time_parse_info (const char *text, EisDateOrder order, double *t_s,
                               EisStartTimeInfo *info);

/* The order FORMAT's (an importer's name, EisSpectrum.format) numeric dates are written in:
 * EIS_DATE_ORDER_MONTH_FIRST for EC-Lab's (biologic-mpt, biologic-mpr: "01/02/2026" and
 * "05.15.25" are month first), EIS_DATE_ORDER_AUTO for the others (Windows' short date: the
 * computer's locale decides). */
EisDateOrder eis_start_time_format_order (const char *format);

/* 1 when TEXT starts with a numeric date A SEP B SEP YEAR (not year first, no month name):
 * *A, *B and *SEP ('/', '-' or '.') receive its parts. */
int eis_start_time_numeric_date (const char *text, long *a, long *b, char *sep);

/* What TEXT's numeric date says of its order: EIS_DATE_ORDER_DAY_FIRST when its first number
 * cannot be a month ("13/2/2026"), EIS_DATE_ORDER_MONTH_FIRST when its second cannot
 * ("2/13/2026"), EIS_DATE_ORDER_AUTO when both readings are possible or the date names its
 * month or year first. */
EisDateOrder eis_start_time_order_hint (const char *text);

#endif
