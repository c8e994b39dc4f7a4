/*
 * core/lunar.c - Gregorian <-> Vietnamese lunar calendar (see lunar.h).
 *
 * The method, in the order used:
 *   1. new_moon_jd(k): the instant (Julian date, UT) of the k-th new moon
 *      counted from the one of 1900-01-01, by the truncated series of Meeus
 *      (mean phase plus the largest periodic terms, minus delta T);
 *   2. new_moon_day(k, tz): the civil day (Julian day number) holding it;
 *   3. sun_sector(jdn, tz): which of the 12 thirty-degree sectors the sun's
 *      apparent longitude is in at the start of civil day jdn (sector 9 ends
 *      at the winter solstice, 270 degrees);
 *   4. month11(y, tz): the first day of the lunar month holding the winter
 *      solstice of Gregorian year y: the last new moon on or before
 *      31 December whose day starts before the sun reaches 270 degrees;
 *   5. a lunar year from one 11th month to the next has 12 or 13 months;
 *      with 13, the leap month is the first whose span holds no principal
 *      term, i.e. whose start and the next month's start lie in the same
 *      sector.
 * Every result is an integer day; the doubles never leave this file.
 */
#include "core/lunar.h"

#include <math.h>

#define JD_UNIX_EPOCH 2440588 /* the Julian day number of 1970-01-01 */
#define SYNODIC 29.530588853
#define NEW_MOON_EPOCH 2415021.076998695 /* the new moon of 1900-01-01, JD */

static const double PI = 3.14159265358979323846;

static double new_moon_jd(int k)
{
    const double dr = PI / 180.0;
    double t = k / 1236.85;
    double t2 = t * t, t3 = t2 * t;
    double jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
    double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;   /* sun's anomaly */
    double mp = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; /* moon's */
    double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;   /* latitude */
    double c = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * m * dr);
    c += -0.4068 * sin(mp * dr) + 0.0161 * sin(2 * mp * dr) - 0.0004 * sin(3 * mp * dr);
    c += 0.0104 * sin(2 * f * dr) - 0.0051 * sin((m + mp) * dr);
    c += -0.0074 * sin((m - mp) * dr) + 0.0004 * sin((2 * f + m) * dr);
    c += -0.0004 * sin((2 * f - m) * dr) - 0.0006 * sin((2 * f + mp) * dr);
    c += 0.0010 * sin((2 * f - mp) * dr) + 0.0005 * sin((2 * mp + m) * dr);
    double delta_t; /* TT - UT, in days */
    if (t < -11)
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
    else
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
    return jd + c - delta_t;
}

static int new_moon_day(int k, double tz)
{
    return (int)floor(new_moon_jd(k) + 0.5 + tz / 24.0);
}

/* The sun's apparent longitude at Julian date `jd`, in radians, 0..2pi. */
static double sun_longitude(double jd)
{
    const double dr = PI / 180.0;
    double t = (jd - 2451545.0) / 36525.0;
    double t2 = t * t;
    double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(m * dr);
    dl += (0.019993 - 0.000101 * t) * sin(2 * m * dr) + 0.000290 * sin(3 * m * dr);
    double l = (l0 + dl) * dr;
    l -= 2 * PI * floor(l / (2 * PI));
    return l;
}

static int sun_sector(int jdn, double tz)
{
    return (int)floor(sun_longitude(jdn - 0.5 - tz / 24.0) / PI * 6.0);
}

static int month11(int year, double tz)
{
    int off = (int)(day_from_ymd(year, 12, 31) + JD_UNIX_EPOCH) - 2415021;
    int k = (int)floor(off / SYNODIC);
    int nm = new_moon_day(k, tz);
    if (sun_sector(nm, tz) >= 9)
        nm = new_moon_day(k - 1, tz);
    return nm;
}

static int month_k(int jdn)
{
    return (int)floor((jdn - NEW_MOON_EPOCH) / SYNODIC + 0.5);
}

/* For a 13-month year starting at month11 `a11`: the position (1..13) of the
 * leap month counted from the month after a11. */
static int leap_offset(int a11, double tz)
{
    int k = month_k(a11);
    int i = 1;
    int arc = sun_sector(new_moon_day(k + i, tz), tz);
    int last;
    do {
        last = arc;
        i++;
        arc = sun_sector(new_moon_day(k + i, tz), tz);
    } while (arc != last && i < 14);
    return i - 1;
}

static bool day_in_range(day_num day)
{
    return day >= day_from_ymd(LUNAR_MIN_YEAR, 1, 1) &&
           day <= day_from_ymd(LUNAR_MAX_YEAR + 1, 12, 31);
}

int lunar_from_day(day_num day, double tz, struct lunar_date *out, const char *field,
                   struct error *e)
{
    if (day == DAY_NONE || !day_in_range(day))
        return error_set(e, ERR_INVALID, field, "Ngày ngoài phạm vi lịch âm (năm âm lịch %d-%d)",
                         LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
    int jdn = (int)day + JD_UNIX_EPOCH;
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    int k = (int)floor((jdn - NEW_MOON_EPOCH) / SYNODIC);
    /* The mean lunation k may be one off the true one: step until the month
     * starting at new moon k+1 holds jdn. */
    int start = new_moon_day(k + 1, tz);
    while (start > jdn)
        start = new_moon_day(k--, tz);
    while (new_moon_day(k + 2, tz) <= jdn)
        start = new_moon_day(++k + 1, tz);
    int a11 = month11(y, tz), b11;
    int lyear;
    if (a11 >= start) {
        lyear = y;
        b11 = a11;
        a11 = month11(y - 1, tz);
    } else {
        lyear = y + 1;
        b11 = month11(y + 1, tz);
    }
    int diff = (int)floor((start - a11) / 29.0);
    int lmonth = diff + 11;
    bool leap = false;
    if (b11 - a11 > 365) {
        int lo = leap_offset(a11, tz);
        if (diff >= lo) {
            lmonth = diff + 10;
            leap = diff == lo;
        }
    }
    if (lmonth > 12)
        lmonth -= 12;
    if (lmonth >= 11 && diff < 4)
        lyear--;
    if (lyear < LUNAR_MIN_YEAR || lyear > LUNAR_MAX_YEAR)
        return error_set(e, ERR_INVALID, field, "Ngày ngoài phạm vi lịch âm (năm âm lịch %d-%d)",
                         LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
    out->year = lyear;
    out->month = lmonth;
    out->day = jdn - start + 1;
    out->leap = leap;
    return ERR_OK;
}

/* The Julian day number on which lunar month (`month`, `leap`) of `year`
 * begins, or -1 when that year has no such leap month. */
static int month_start(int year, int month, bool leap, double tz)
{
    int a11, b11;
    if (month < 11) {
        a11 = month11(year - 1, tz);
        b11 = month11(year, tz);
    } else {
        a11 = month11(year, tz);
        b11 = month11(year + 1, tz);
    }
    int k = month_k(a11);
    int off = month - 11;
    if (off < 0)
        off += 12;
    if (b11 - a11 > 365) {
        int lo = leap_offset(a11, tz);
        int leap_month = lo - 2;
        if (leap_month < 0)
            leap_month += 12;
        if (leap && month != leap_month)
            return -1;
        if (leap || off >= lo)
            off++;
    } else if (leap) {
        return -1;
    }
    return new_moon_day(k + off, tz);
}

int lunar_leap_month(int year, double tz)
{
    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR)
        return 0;
    for (int m = 1; m <= 12; m++)
        if (month_start(year, m, true, tz) >= 0)
            return m;
    return 0;
}

int lunar_month_length(int year, int month, bool leap, double tz)
{
    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR || month < 1 || month > 12)
        return 0;
    int s = month_start(year, month, leap, tz);
    if (s < 0)
        return 0;
    int k = month_k(s);
    return new_moon_day(k + 1, tz) - s;
}

int lunar_to_day(const struct lunar_date *ld, double tz, day_num *out, const char *field,
                 struct error *e)
{
    if (ld->year < LUNAR_MIN_YEAR || ld->year > LUNAR_MAX_YEAR)
        return error_set(e, ERR_INVALID, field, "Năm âm lịch %d ngoài phạm vi %d-%d", ld->year,
                         LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
    if (ld->month < 1 || ld->month > 12)
        return error_set(e, ERR_INVALID, field, "Tháng âm lịch %d không hợp lệ (cần 1-12)",
                         ld->month);
    if (ld->day < 1 || ld->day > 30)
        return error_set(e, ERR_INVALID, field, "Ngày âm lịch %d không hợp lệ (cần 1-30)", ld->day);
    int s = month_start(ld->year, ld->month, ld->leap, tz);
    if (s < 0)
        return error_set(e, ERR_INVALID, field, "Năm âm lịch %d không có tháng %d nhuận", ld->year,
                         ld->month);
    int len = new_moon_day(month_k(s) + 1, tz) - s;
    if (ld->day > len)
        return error_set(e, ERR_INVALID, field, "Tháng %d%s âm lịch năm %d chỉ có %d ngày",
                         ld->month, ld->leap ? " nhuận" : "", ld->year, len);
    *out = (day_num)(s + ld->day - 1 - JD_UNIX_EPOCH);
    return ERR_OK;
}
