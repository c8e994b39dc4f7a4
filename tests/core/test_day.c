/*
 * tests/core/test_day.c - civil days: the calendar arithmetic over the whole
 * accepted range, the date forms clerks type (and the ones refused, with a
 * message that says why), the Vietnamese formats, and the Hanoi day of an
 * instant.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core/day.h"

static void check_calendar(void)
{
    /* Every day of 1900-01-01 .. 2200-12-31: consecutive numbers, exact round trip. */
    day_num expect = day_from_ymd(1900, 1, 1);
    long bad_seq = 0, bad_trip = 0, days = 0;
    for (int y = DAY_MIN_YEAR; y <= DAY_MAX_YEAR; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= day_days_in_month(y, m); d++) {
                day_num n = day_from_ymd(y, m, d);
                int yy, mm, dd;
                day_to_ymd(n, &yy, &mm, &dd);
                if (n != expect && bad_seq++ < 5)
                    printf("day_from_ymd(%d-%d-%d) = %d, want %d\n", y, m, d, (int)n, (int)expect);
                if ((yy != y || mm != m || dd != d || !day_valid_ymd(y, m, d)) && bad_trip++ < 5)
                    printf("day_to_ymd(%d) = %d-%d-%d, want %d-%d-%d\n", (int)n, yy, mm, dd, y, m,
                           d);
                expect = n + 1;
                days++;
            }
    CHECK_INT_EQ("days from 1900 to 2200", days, 84370 + 25567 + 1);
    CHECK_INT_EQ("consecutive day numbers", bad_seq, 0);
    CHECK_INT_EQ("round trips", bad_trip, 0);

    CHECK_INT_EQ("1970-01-01", day_from_ymd(1970, 1, 1), 0);
    CHECK_INT_EQ("1969-12-31", day_from_ymd(1969, 12, 31), -1);
    CHECK_INT_EQ("2020-09-15", day_from_ymd(2020, 9, 15), 18520);
    CHECK_INT_EQ("1900-01-01", day_from_ymd(1900, 1, 1), -25567);
    CHECK_INT_EQ("2000-02-29", day_from_ymd(2000, 2, 29), 11016);
    CHECK_INT_EQ("2000-03-01", day_from_ymd(2000, 3, 1), 11017);
    CHECK_INT_EQ("2200-12-31", day_from_ymd(2200, 12, 31), 84370);
    CHECK("2000-02-29 valid", day_valid_ymd(2000, 2, 29));
    CHECK("2024-02-29 valid", day_valid_ymd(2024, 2, 29));
    CHECK("1900-02-29 invalid", !day_valid_ymd(1900, 2, 29));
    CHECK("2100-02-29 invalid", !day_valid_ymd(2100, 2, 29));
    CHECK("2021-02-29 invalid", !day_valid_ymd(2021, 2, 29));
    CHECK("2021-04-31 invalid", !day_valid_ymd(2021, 4, 31));
    CHECK("2021-00-10 invalid", !day_valid_ymd(2021, 0, 10));
    CHECK("2021-13-10 invalid", !day_valid_ymd(2021, 13, 10));
    CHECK("2021-01-00 invalid", !day_valid_ymd(2021, 1, 0));
    CHECK("1899-12-31 out of range", !day_valid_ymd(1899, 12, 31));
    CHECK("2201-01-01 out of range", !day_valid_ymd(2201, 1, 1));
    CHECK_INT_EQ("days in 2020-02", day_days_in_month(2020, 2), 29);
    CHECK_INT_EQ("days in 2021-02", day_days_in_month(2021, 2), 28);
    CHECK_INT_EQ("days in 2021-11", day_days_in_month(2021, 11), 30);
    CHECK_INT_EQ("days in month 13", day_days_in_month(2021, 13), 0);
    CHECK_INT_EQ("last of 2020-02", day_last_of_month(2020, 2), day_from_ymd(2020, 2, 29));
    CHECK_INT_EQ("last of 2020-12", day_last_of_month(2020, 12), day_from_ymd(2020, 12, 31));
    /* Month indexes: consecutive across a year's end, each month's first and last day. */
    CHECK_INT_EQ("month of 2020-12-31", day_month_index(day_from_ymd(2020, 12, 31)),
                 2020 * 12 + 11);
    CHECK_INT_EQ("month after 2020-12", day_month_index(day_from_ymd(2021, 1, 1)), 2020 * 12 + 12);
    CHECK_INT_EQ("first of 2021-01", day_month_first(2021 * 12), day_from_ymd(2021, 1, 1));
    CHECK_INT_EQ("last of 2024-02", day_month_last(2024 * 12 + 1), day_from_ymd(2024, 2, 29));
    int month_errors = 0;
    for (day_num d = day_from_ymd(1999, 1, 1); d < day_from_ymd(2031, 1, 1); d++) {
        int m = day_month_index(d);
        if (d < day_month_first(m) || d > day_month_last(m) ||
            day_month_first(m + 1) != day_month_last(m) + 1)
            month_errors++;
    }
    CHECK_INT_EQ("every day inside its month", month_errors, 0);
}

static void check_parse_ok(const char *s, int default_year, int y, int m, int d)
{
    struct error e = ERROR_INIT;
    day_num out = DAY_NONE;
    char name[96];
    snprintf(name, sizeof name, "parse '%s' (default year %d)", s, default_year);
    if (CHECK_INT_EQ(name, day_parse(s, default_year, &out, "deadline", &e), ERR_OK))
        CHECK_INT_EQ(name, out, day_from_ymd(y, m, d));
    else
        printf("  message: %s\n", e.message);
}

static void check_parse_bad(const char *s, int default_year, const char *in_message)
{
    struct error e = ERROR_INIT;
    day_num out = 12345;
    char name[128];
    snprintf(name, sizeof name, "parse refuses '%s'", s);
    CHECK_INT_EQ(name, day_parse(s, default_year, &out, "han_xu_ly", &e), ERR_INVALID);
    snprintf(name, sizeof name, "parse '%s': error code", s);
    CHECK_INT_EQ(name, e.code, ERR_INVALID);
    snprintf(name, sizeof name, "parse '%s': field", s);
    CHECK_STR_EQ(name, e.field, "han_xu_ly");
    snprintf(name, sizeof name, "parse '%s': output untouched", s);
    CHECK_INT_EQ(name, out, 12345);
    snprintf(name, sizeof name, "parse '%s': message says '%s'", s, in_message);
    if (!CHECK(name, strstr(e.message, in_message) != NULL))
        printf("  message: %s\n", e.message);
}

static void check_parse(void)
{
    check_parse_ok("2020-09-15", 0, 2020, 9, 15);
    check_parse_ok("15/9/2020", 0, 2020, 9, 15);
    check_parse_ok("15/09/2020", 0, 2020, 9, 15);
    check_parse_ok(" 15-9-2020 ", 0, 2020, 9, 15);
    check_parse_ok("15.9.2020", 0, 2020, 9, 15);
    check_parse_ok("15/9", 2020, 2020, 9, 15);
    check_parse_ok("1/1/2021", 0, 2021, 1, 1);
    check_parse_ok("29/2/2024", 0, 2024, 2, 29);
    check_parse_ok("29/2", 2024, 2024, 2, 29);
    check_parse_ok("31/12/2200", 0, 2200, 12, 31);
    check_parse_ok("1900-01-01", 0, 1900, 1, 1);
    check_parse_ok("2020-09-15", 1999, 2020, 9, 15); /* a full date ignores the default */

    check_parse_bad("31/02/2021", 0, "28 ngày");
    check_parse_bad("29/2", 2021, "28 ngày");
    check_parse_bad("31/4/2021", 0, "30 ngày");
    check_parse_bad("2021-13-01", 0, "tháng");
    check_parse_bad("32/1/2021", 0, "31 ngày");
    check_parse_bad("15/9/20", 0, "4 chữ số");
    check_parse_bad("15/9", 0, "thiếu năm");
    check_parse_bad("", 0, "Ngày không hợp lệ");
    check_parse_bad("   ", 0, "Ngày không hợp lệ");
    check_parse_bad("abc", 0, "'abc'");
    check_parse_bad("2020-09-15x", 0, "'2020-09-15x'");
    check_parse_bad("1800-01-01", 0, "1900-2200");
    check_parse_bad("2201-01-01", 0, "1900-2200");
    check_parse_bad("15/9-2020", 0, "Ngày không hợp lệ");
    check_parse_bad("15 9 2020", 0, "Ngày không hợp lệ");
    check_parse_bad("2020/09/15", 0, "Ngày không hợp lệ");
    check_parse_bad("15//2020", 0, "Ngày không hợp lệ");
}

static void check_format(void)
{
    char s[16], l[48];
    day_num d1 = day_from_ymd(2020, 9, 7), d2 = day_from_ymd(2021, 2, 3);
    CHECK_STR_EQ("vn 2020-09-07", day_format_vn(d1, s), "07/9/2020");
    CHECK_STR_EQ("vn 2021-02-03", day_format_vn(d2, s), "03/02/2021");
    CHECK_STR_EQ("vn 2021-01-31", day_format_vn(day_from_ymd(2021, 1, 31), s), "31/01/2021");
    CHECK_STR_EQ("vn 2020-12-25", day_format_vn(day_from_ymd(2020, 12, 25), s), "25/12/2020");
    CHECK_STR_EQ("vn none", day_format_vn(DAY_NONE, s), "");
    CHECK_STR_EQ("vn long 2020-09-07", day_format_vn_long(d1, l), "ngày 07 tháng 9 năm 2020");
    CHECK_STR_EQ("vn long 2021-02-03", day_format_vn_long(d2, l), "ngày 03 tháng 02 năm 2021");
    CHECK_STR_EQ("vn long 2020-11-30", day_format_vn_long(day_from_ymd(2020, 11, 30), l),
                 "ngày 30 tháng 11 năm 2020");
    CHECK_STR_EQ("vn long none", day_format_vn_long(DAY_NONE, l), "");
    CHECK_STR_EQ("iso 2020-09-07", day_format_iso(d1, s), "2020-09-07");
    CHECK_STR_EQ("iso 1970-01-01", day_format_iso(0, s), "1970-01-01");
    CHECK_STR_EQ("iso 1900-01-01", day_format_iso(-25567, s), "1900-01-01");
    CHECK_STR_EQ("iso none", day_format_iso(DAY_NONE, s), "");

    /* What is printed parses back to the same day. */
    long bad = 0;
    for (day_num d = day_from_ymd(2019, 12, 1); d <= day_from_ymd(2021, 3, 31); d++) {
        struct error e = ERROR_INIT;
        day_num a = DAY_NONE, b = DAY_NONE;
        int rc = day_parse(day_format_vn(d, s), 0, &a, "d", &e);
        rc |= day_parse(day_format_iso(d, s), 0, &b, "d", &e);
        if ((rc || a != d || b != d) && bad++ < 5)
            printf("format/parse round trip fails on day %d\n", (int)d);
    }
    CHECK_INT_EQ("formats parse back", bad, 0);
}

static void check_instant(void)
{
    /* 2020-09-14T17:00:00Z is midnight in Hanoi. */
    time_t t = (time_t)18519 * 86400 + 17 * 3600;
    CHECK_INT_EQ("17:00:00Z is the next day in Hanoi", day_of_instant_hcm(t), 18520);
    CHECK_INT_EQ("16:59:59Z is still the same day", day_of_instant_hcm(t - 1), 18519);
    CHECK_INT_EQ("00:00:00Z is 07:00 in Hanoi", day_of_instant_hcm(t - 17 * 3600), 18519);
    CHECK_INT_EQ("23:59:59 Hanoi", day_of_instant_hcm(t + 86399), 18520);
    CHECK_INT_EQ("epoch", day_of_instant_hcm(0), 0);
    CHECK_INT_EQ("1969-12-31T17:00:00Z", day_of_instant_hcm(-25200), 0);
    CHECK_INT_EQ("1969-12-31T16:59:59Z", day_of_instant_hcm(-25201), -1);
    CHECK_INT_EQ("1969-12-30T17:00:00Z", day_of_instant_hcm(-25200 - 86400), -1);
    CHECK_INT_EQ("1969-12-30T16:59:59Z", day_of_instant_hcm(-25201 - 86400), -2);
}

int main(void)
{
    check_calendar();
    check_parse();
    check_format();
    check_instant();
    return check_report();
}
