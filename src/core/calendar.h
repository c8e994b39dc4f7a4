/*
 * core/calendar.h - working days: Monday to Friday, minus public holidays.
 *
 * The holidays are those of the Labour Code 2019 (Bộ luật Lao động 2019,
 * Điều 112): Tết Dương lịch (1/1), Tết Âm lịch (5 days), Giỗ Tổ Hùng Vương
 * (10/3 âm lịch), 30/4, 1/5, Quốc khánh 2/9 and one day next to it. A
 * holiday on a Saturday or Sunday is compensated on the next working day
 * (khoản 3). Which 5 days make Tết, which day joins 2/9, and the working
 * days swapped to join a break to a weekend are set by the Government each
 * year: those decisions are data, the table in calendar.c (one row per day:
 * the day, off or work, its name, the decision that set it).
 *
 * A day of year Y is classified, per group of holidays (Tết Dương lịch,
 * Tết Âm lịch, Giỗ Tổ, 30/4-1/5, Quốc khánh):
 *   - where the table has rows for that group in Y, the rows alone;
 *   - otherwise the rules: Tết Âm lịch is the last day of the old lunar
 *     year and the first four of the new; Quốc khánh from 2021 adds 1/9
 *     when 2/9 is a Tuesday, Friday or Saturday, 3/9 otherwise (before
 *     2021 the Labour Code 2012 gave 2/9 alone); each rule holiday on a
 *     weekend moves, in date order, to the next Monday-Friday day that is
 *     no holiday and no compensatory day already;
 *   - then the caller's overrides (days an admin set off or working), last.
 * Covered: the years 1900-2199 (the lunar calendar's range). Outside them a
 * day is working when it is Monday to Friday.
 *
 * Pure: no I/O, no clock, no allocation. A struct calendar is about 21 KB,
 * one bit per day and a running count per 64 days, computed once by
 * calendar_init (about 1.5 ms); is_working_day is then a bit test and
 * add_working_days a rank and a select over those words (no day-by-day walk).
 */
#ifndef GB_CORE_CALENDAR_H
#define GB_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/day.h"
#include "util/error.h"

#define CALENDAR_MIN_YEAR 1900
#define CALENDAR_MAX_YEAR 2199
#define CALENDAR_MAX_ADD 366 /* calendar_add_working_days takes n in 0..366 */
#define CALENDAR_MAX_OVERRIDES 4096
#define CALENDAR_NAME_MAX 120     /* bytes of an override's name */
#define CALENDAR_YEAR_MAX_DAYS 64 /* entries a year can list: holidays, swaps, overrides */

/* One day set off or working: a shipped decision, or an admin's override. */
struct calendar_day {
    day_num day;
    bool off;           /* true: a day off; false: a working day (a swapped Saturday) */
    const char *name;   /* "Tết Âm lịch", "Làm bù cho thứ Sáu 02/01/2026" */
    const char *source; /* the decision ("Công văn 12729/VPCP-KGVX ngày 25/12/2025"), or NULL */
};

#define CALENDAR_DAYS 109573 /* 1/1/1900 .. 31/12/2199 */
#define CALENDAR_WORDS ((CALENDAR_DAYS + 63) / 64)

struct calendar {
    /* bit i of word w set: day first + 64 w + i is a working day */
    uint64_t working[CALENDAR_WORDS];
    uint32_t before[CALENDAR_WORDS]; /* working days in the words before w */
    day_num first, last;
    const struct calendar_day *overrides; /* the caller's, not copied */
    size_t n_overrides;
};

/*
 * Compute the calendar from the shipped table, the rules, and `overrides`
 * (may be NULL when n is 0), which must outlive `cal`: their names are
 * listed by calendar_holidays. An override with a day out of 1900-2199, an
 * empty or too long name, or two overrides of one day: ERR_INVALID naming
 * "overrides".
 */
int calendar_init(struct calendar *cal, const struct calendar_day *overrides, size_t n,
                  struct error *e);

bool calendar_is_working_day(const struct calendar *cal, day_num day);

/*
 * The day `n` working days after `from`: day 1 is the first working day
 * after `from` (whatever `from` is); n = 0 gives `from` itself. ERR_INVALID
 * naming "n" when n is not in 0..366, naming "from" when `from` or the
 * result lies outside the years 1900-2199.
 */
int calendar_add_working_days(const struct calendar *cal, day_num from, int n, day_num *out,
                              struct error *e);

/*
 * The named days of `year` in date order: days off (holidays and their
 * compensatory days, as decided or by the rules) and swapped working days
 * (off false), with the overrides applied. At most `cap` are written; *n
 * gets the number there are (at most CALENDAR_YEAR_MAX_DAYS). A year out of
 * 1900-2199: ERR_INVALID naming "year".
 */
int calendar_holidays(const struct calendar *cal, int year, struct calendar_day *out, size_t cap,
                      size_t *n, struct error *e);

/* The first and last year of the shipped decisions (2020, 2026). */
void calendar_shipped_years(int *first, int *last);

#endif
