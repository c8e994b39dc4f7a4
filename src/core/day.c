/*
 * core/day.c - civil-day arithmetic (Howard Hinnant's days_from_civil) and
 * the date forms clerks type. See day.h.
 */
#include "core/day.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int day_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool day_valid_ymd(int y, int m, int d)
{
    return y >= DAY_MIN_YEAR && y <= DAY_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
           d <= day_days_in_month(y, m);
}

day_num day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (day_num)(era * 146097 + doe - 719468);
}

void day_to_ymd(day_num day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (mm <= 2);
    *m = mm;
    *d = dd;
}

day_num day_last_of_month(int y, int m)
{
    return day_from_ymd(y, m, day_days_in_month(y, m));
}

int day_month_index(day_num day)
{
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    return y * 12 + (m - 1);
}

day_num day_month_first(int month_index)
{
    return day_from_ymd(month_index / 12, month_index % 12 + 1, 1);
}

day_num day_month_last(int month_index)
{
    return day_last_of_month(month_index / 12, month_index % 12 + 1);
}

day_num day_of_instant_hcm(time_t t)
{
    long long s = (long long)t + 7 * 3600;
    long long d = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
    return (day_num)d;
}

/* Read 1..max digits; returns count read, 0 if none. */
static int read_num(const char **p, int max, int *out)
{
    int n = 0, v = 0;
    while (n < max && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *out = v;
    return n;
}

static int bad_date(const char *s, const char *field, struct error *e, const char *why)
{
    return error_set(e, ERR_INVALID, field,
                     "Ngày không hợp lệ: '%.40s'%s (nhập dạng 15/9/2020 hoặc 2020-09-15)", s, why);
}

int day_parse(const char *s, int default_year, day_num *out, const char *field, struct error *e)
{
    const char *p = s;
    while (*p == ' ')
        p++;
    int a, b, c = 0, y, m, d;
    int na = read_num(&p, 4, &a);
    if (na == 0)
        return bad_date(s, field, e, "");
    if (na == 4 && *p == '-') { /* ISO 8601: YYYY-MM-DD */
        p++;
        if (read_num(&p, 2, &b) == 0 || *p++ != '-' || read_num(&p, 2, &c) == 0)
            return bad_date(s, field, e, "");
        y = a, m = b, d = c;
    } else {
        if (na > 2)
            return bad_date(s, field, e, "");
        char sep = *p;
        if (sep != '/' && sep != '-' && sep != '.')
            return bad_date(s, field, e, "");
        p++;
        if (read_num(&p, 2, &b) == 0)
            return bad_date(s, field, e, "");
        if (*p == sep) {
            p++;
            int ny = read_num(&p, 4, &c);
            if (ny != 4)
                return bad_date(s, field, e, ": năm phải có 4 chữ số");
            y = c;
        } else if (default_year > 0) {
            y = default_year;
        } else {
            return bad_date(s, field, e, ": thiếu năm");
        }
        d = a, m = b;
    }
    while (*p == ' ')
        p++;
    if (*p != '\0')
        return bad_date(s, field, e, "");
    if (m < 1 || m > 12)
        return bad_date(s, field, e, ": tháng phải từ 1 đến 12");
    if (y < DAY_MIN_YEAR || y > DAY_MAX_YEAR)
        return bad_date(s, field, e, ": năm nằm ngoài khoảng 1900-2200");
    if (!day_valid_ymd(y, m, d))
        return error_set(e, ERR_INVALID, field,
                         "Ngày không hợp lệ: '%.40s': tháng %d năm %d chỉ có %d ngày", s, m, y,
                         day_days_in_month(y, m));
    *out = day_from_ymd(y, m, d);
    return ERR_OK;
}

char *day_format_iso(day_num day, char out[16])
{
    if (day == DAY_NONE) {
        out[0] = '\0';
        return out;
    }
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    /* Written digit by digit: a page of tasks formats hundreds of dates. */
    y %= 10000;
    if (y < 0)
        y += 10000;
    const char s[11] = {(char)('0' + y / 1000), (char)('0' + y / 100 % 10),
                        (char)('0' + y / 10 % 10), (char)('0' + y % 10), '-',
                        (char)('0' + m / 10), (char)('0' + m % 10), '-',
                        (char)('0' + d / 10), (char)('0' + d % 10), '\0'};
    memcpy(out, s, sizeof s);
    return out;
}

char *day_format_vn(day_num day, char out[16])
{
    if (day == DAY_NONE) {
        out[0] = '\0';
        return out;
    }
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    snprintf(out, 16, m <= 2 ? "%02d/%02d/%04d" : "%02d/%d/%04d", d, m, y % 10000);
    return out;
}

char *day_format_vn_long(day_num day, char out[48])
{
    if (day == DAY_NONE) {
        out[0] = '\0';
        return out;
    }
    int y, m, d;
    day_to_ymd(day, &y, &m, &d);
    snprintf(out, 48, m <= 2 ? "ngày %02d tháng %02d năm %04d" : "ngày %02d tháng %d năm %04d", d,
             m, y % 10000);
    return out;
}

int day_resolve_without_year(day_num today, int day, int month, day_num *out, const char *field,
                             struct error *e)
{
    int max_day = month == 2 ? 29 : month >= 1 && month <= 12 ? day_days_in_month(2001, month) : 0;
    if (day < 1 || day > max_day)
        return error_set(e, ERR_INVALID, field, "Ngày không hợp lệ: %d/%d", day, month);
    if (today < day_from_ymd(DAY_MIN_YEAR, 1, 1) || today > day_from_ymd(DAY_MAX_YEAR, 12, 31))
        return error_set(e, ERR_INVALID, field, "Ngày hôm nay ngoài phạm vi năm %d-%d",
                         DAY_MIN_YEAR, DAY_MAX_YEAR);
    day_num from = today - DAY_RESOLVE_PAST_DAYS;
    int y, m, d;
    day_to_ymd(from, &y, &m, &d);
    for (int year = y; year <= y + 8; year++) {
        if (!day_valid_ymd(year, month, day))
            continue;
        day_num cand = day_from_ymd(year, month, day);
        if (cand >= from) {
            if (year < DAY_MIN_YEAR || year > DAY_MAX_YEAR)
                break;
            *out = cand;
            return ERR_OK;
        }
    }
    return error_set(e, ERR_INVALID, field, "Ngày %d/%d ngoài phạm vi năm %d-%d", day, month,
                     DAY_MIN_YEAR, DAY_MAX_YEAR);
}
