/*
 * core/day.h - civil days, the unit of every date in Giao Ban.
 *
 * A day_num is the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar. Dates are calendar dates in Asia/Ho_Chi_Minh (UTC+7,
 * no daylight saving): work finished at 23:30 local time on the deadline day
 * is on time. Pure: no clock; the caller passes the instant it means.
 */
#ifndef GB_CORE_DAY_H
#define GB_CORE_DAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/error.h"

typedef int32_t day_num;
#define DAY_NONE INT32_MIN /* no date; sorts before every real day */

/* Years outside [1900, 2200] are refused as input: almost surely a typo. */
#define DAY_MIN_YEAR 1900
#define DAY_MAX_YEAR 2200

bool day_valid_ymd(int y, int m, int d);
day_num day_from_ymd(int y, int m, int d); /* no validation: call day_valid_ymd first */
void day_to_ymd(day_num day, int *y, int *m, int *d);
int day_days_in_month(int y, int m);
day_num day_last_of_month(int y, int m);
/* Months counted as year * 12 + month - 1: the running totals' key. */
int day_month_index(day_num day);
day_num day_month_first(int month_index);
day_num day_month_last(int month_index);

/* The civil day in Asia/Ho_Chi_Minh at instant `t` (UTC seconds). */
day_num day_of_instant_hcm(time_t t);

/*
 * Parse a date as a clerk types it: "2020-09-15", "15/9/2020", "15-9-2020",
 * "15.9.2020". With `default_year` > 0, "15/9" takes that year. Surrounding
 * spaces are allowed. On a bad date: ERR_INVALID naming `field`, with the
 * text quoted in a Vietnamese message (31/02/2021 is refused, not rolled).
 */
int day_parse(const char *s, int default_year, day_num *out, const char *field, struct error *e);

/*
 * A date typed without a year ("15/1"), resolved as people mean it: the
 * first occurrence of day/month on or after `today` - DAY_RESOLVE_PAST_DAYS.
 * So in December "15/1" is next January, while "3/12" typed on 5/12 is this
 * year's (2 days ago: a deadline just missed, not one a year away), and
 * "20/12" typed on 15/3 is next December (85 days back is too far). "29/2"
 * is the next 29 February in that window, up to 4 years on. A day/month
 * that never exists (31/4, 0/13): ERR_INVALID naming `field`.
 */
#define DAY_RESOLVE_PAST_DAYS 60
int day_resolve_without_year(day_num today, int day, int month, day_num *out, const char *field,
                             struct error *e);

/* "2020-09-15" into out[16]; "" for DAY_NONE. Returns out. */
char *day_format_iso(day_num day, char out[16]);
/* "07/9/2020": day two digits, month two digits only for 1 and 2 (DOMAIN.md). */
char *day_format_vn(day_num day, char out[16]);
/* "ngày 07 tháng 9 năm 2020", as documents write it, into out[40]. */
char *day_format_vn_long(day_num day, char out[48]);

#endif
