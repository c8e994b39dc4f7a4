/*
 * core/lunar.h - the Vietnamese lunar calendar (âm lịch), computed for UTC+7.
 *
 * A lunar month begins on the civil day (in Vietnam's time zone) of a new
 * moon; the month holding the winter solstice is the 11th; a lunar year with
 * 13 months repeats, as a leap month (tháng nhuận), the first month after
 * the 11th that holds no principal solar term (trung khí). New moons and the
 * sun's longitude come from the short astronomical series described by
 * Jean Meeus ("Astronomical Algorithms") and used in Hồ Ngọc Đức's widely
 * published description of the Vietnamese calendar; the code here is our own.
 *
 * Vietnam's calendar differs from China's (UTC+8) when a new moon or a
 * solar term falls between 16:00 and 17:00 UTC: Tết 1985 was 21/01/1985 in
 * Vietnam, 20/02/1985 in China. The time zone is a parameter only so that
 * the tests can show that difference; everything else passes LUNAR_TZ_VN.
 *
 * Pure: no I/O, no clock, no allocation. Floating point is used inside the
 * astronomy only; dates in and out are day numbers (core/day.h). Valid for
 * the lunar years 1900-2199: Gregorian days from 31/01/1900 (Tết 1900) to
 * the last day of the lunar year 2199, early in 2200.
 */
#ifndef GB_CORE_LUNAR_H
#define GB_CORE_LUNAR_H

#include <stdbool.h>

#include "core/day.h"
#include "util/error.h"

#define LUNAR_TZ_VN 7.0
#define LUNAR_MIN_YEAR 1900
#define LUNAR_MAX_YEAR 2199

struct lunar_date {
    int year;  /* the lunar year, named by the Gregorian year in which it mostly lies */
    int month; /* 1..12 */
    int day;   /* 1..30 */
    bool leap; /* the repeated (leap) month */
};

/* The lunar date of Gregorian `day` at time zone `tz` (hours east of UTC).
 * ERR_INVALID naming `field` outside the lunar years 1900-2199. */
int lunar_from_day(day_num day, double tz, struct lunar_date *out, const char *field,
                   struct error *e);

/* The Gregorian day of lunar date `ld` at `tz`. ERR_INVALID naming `field`
 * for a year out of range, a month not 1..12, a day not 1..30 or past the
 * month's end (a 29-day month has no 30th), a leap month that year lacks. */
int lunar_to_day(const struct lunar_date *ld, double tz, day_num *out, const char *field,
                 struct error *e);

/* The leap month (1..12) of lunar year `year` at `tz`, or 0 when it has none.
 * `year` must be within LUNAR_MIN_YEAR..LUNAR_MAX_YEAR (else 0). */
int lunar_leap_month(int year, double tz);

/* The number of days (29 or 30) of lunar month `month` (`leap`: the leap one)
 * of `year` at `tz`; 0 when no such month exists. */
int lunar_month_length(int year, int month, bool leap, double tz);

#endif
