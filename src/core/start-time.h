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

/* Reads TEXT, a date with a time of day ("12/2/2026 20:00:00", "2026-12-02 20:00:00.5",
 * "02.12.2026 20:00:00", "Dec. 2, 2026   20:00:00", "12/2/2026 8:00:00 PM"), into *T_S: the
 * seconds since 1970-01-01 00:00 of that wall-clock time (no time zone: only differences mean
 * something). Returns 0, or -1 when TEXT is no date with a time of day (a date alone cannot
 * place spectra measured on one day) or when ORDER does not fit the date ("13/2/2026" month
 * first). */
int eis_start_time_parse (const char *text, EisDateOrder order, double *t_s);

/* What TEXT's numeric date says of its order: EIS_DATE_ORDER_DAY_FIRST when its first number
 * cannot be a month ("13/2/2026"), EIS_DATE_ORDER_MONTH_FIRST when its second cannot
 * ("2/13/2026"), EIS_DATE_ORDER_AUTO when both readings are possible or the date names its
 * month or year first. */
EisDateOrder eis_start_time_order_hint (const char *text);

#endif
