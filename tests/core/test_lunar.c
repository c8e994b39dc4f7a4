/*
 * tests/core/test_lunar.c - the Vietnamese lunar calendar: Tết of the years
 * the brief names, the years where Vietnam (UTC+7) and China (UTC+8)
 * differ, leap months, Giỗ Tổ, month lengths, a round trip of every day of
 * 1900-2199, and the refusals.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core/day.h"
#include "core/lunar.h"

static day_num ymd(int y, int m, int d)
{
    return day_from_ymd(y, m, d);
}

/* The Gregorian day of lunar d/m/y (not leap) in Vietnam, or DAY_NONE. */
static day_num lunar(int y, int m, int d, double tz)
{
    struct lunar_date ld = {y, m, d, false};
    day_num out = DAY_NONE;
    struct error e = ERROR_INIT;
    if (lunar_to_day(&ld, tz, &out, "lunar", &e))
        return DAY_NONE;
    return out;
}

static void check_tet(void)
{
    static const struct {
        int year, m, d;
    } tet[] = {
        {1900, 1, 31}, {1985, 1, 21}, {2007, 2, 17}, {2019, 2, 5},  {2020, 1, 25},
        {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10}, {2025, 1, 29},
        {2026, 2, 17}, {2027, 2, 6},  {2030, 2, 2},
    };
    for (size_t i = 0; i < sizeof tet / sizeof tet[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "Tết %d", tet[i].year);
        day_num want = ymd(tet[i].year, tet[i].m, tet[i].d);
        CHECK_INT_EQ(name, lunar(tet[i].year, 1, 1, LUNAR_TZ_VN), want);
        struct lunar_date ld = {0, 0, 0, true};
        struct error e = ERROR_INIT;
        snprintf(name, sizeof name, "Tết %d back to 1/1", tet[i].year);
        CHECK(name, lunar_from_day(want, LUNAR_TZ_VN, &ld, "d", &e) == 0 &&
                        ld.year == tet[i].year && ld.month == 1 && ld.day == 1 && !ld.leap);
        if (tet[i].year == LUNAR_MIN_YEAR)
            continue; /* the day before is out of range */
        snprintf(name, sizeof name, "the day before Tết %d is in the 12th month", tet[i].year);
        CHECK(name, lunar_from_day(want - 1, LUNAR_TZ_VN, &ld, "d", &e) == 0 &&
                        ld.year == tet[i].year - 1 && ld.month == 12 && ld.day >= 29);
    }
    /* Where the time zone matters: China (UTC+8) had Tết on other days. */
    CHECK_INT_EQ("Tết 1985 in China", lunar(1985, 1, 1, 8.0), ymd(1985, 2, 20));
    CHECK_INT_EQ("Tết 2007 in China", lunar(2007, 1, 1, 8.0), ymd(2007, 2, 18));
    CHECK_INT_EQ("Tết 2030 in China", lunar(2030, 1, 1, 8.0), ymd(2030, 2, 3));
}

static void check_leap_months(void)
{
    static const struct {
        int year, leap;
    } cases[] = {
        {2017, 6}, {2020, 4}, {2023, 2}, {2025, 6}, {2028, 5},  {2031, 3}, {2019, 0}, {2021, 0},
        {2022, 0}, {2024, 0}, {2026, 0}, {2027, 0}, {1985, 2},  {1984, 0}, {2001, 4}, {2004, 2},
        {2006, 7}, {2009, 5}, {2012, 4}, {2014, 9}, {2033, 11}, {2034, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "leap month of %d", cases[i].year);
        CHECK_INT_EQ(name, lunar_leap_month(cases[i].year, LUNAR_TZ_VN), cases[i].leap);
    }
    /* 1984-85, where the time zone moved the leap month: China (UTC+8) had a
     * leap 10th month in 1984 and none in 1985. */
    CHECK_INT_EQ("leap month of 1984 in China", lunar_leap_month(1984, 8.0), 10);
    CHECK_INT_EQ("leap month of 1985 in China", lunar_leap_month(1985, 8.0), 0);
    /* 2020: the leap 4th month began 23/5/2020; 1/5 âm lịch was 21/6/2020. */
    struct lunar_date ld = {2020, 4, 1, true};
    day_num d = DAY_NONE;
    struct error e = ERROR_INIT;
    CHECK("1/4 nhuận 2020 exists", lunar_to_day(&ld, LUNAR_TZ_VN, &d, "d", &e) == 0);
    CHECK_INT_EQ("1/4 nhuận 2020", d, ymd(2020, 5, 23));
    CHECK_INT_EQ("1/5 âm 2020", lunar(2020, 5, 1, LUNAR_TZ_VN), ymd(2020, 6, 21));
    CHECK("23/5/2020 is a leap month day",
          lunar_from_day(ymd(2020, 5, 23), LUNAR_TZ_VN, &ld, "d", &e) == 0 && ld.leap &&
              ld.month == 4 && ld.day == 1 && ld.year == 2020);
    /* 2023: the leap 2nd month began 22/3/2023. */
    ld = (struct lunar_date){2023, 2, 1, true};
    CHECK("1/2 nhuận 2023",
          lunar_to_day(&ld, LUNAR_TZ_VN, &d, "d", &e) == 0 && d == ymd(2023, 3, 22));
    /* No leap 5th month in 2020: refused, naming the field. */
    ld = (struct lunar_date){2020, 5, 1, true};
    error_clear(&e);
    CHECK_INT_EQ("no leap 5th month in 2020", lunar_to_day(&ld, LUNAR_TZ_VN, &d, "ngay_am", &e),
                 ERR_INVALID);
    CHECK_STR_EQ("its field", e.field, "ngay_am");
    CHECK("its message says the month", strstr(e.message, "tháng 5 nhuận") != NULL);
}

static void check_gio_to(void)
{
    static const struct {
        int year, m, d;
    } cases[] = {
        {2019, 4, 14}, {2020, 4, 2},  {2021, 4, 21}, {2022, 4, 10},
        {2023, 4, 29}, {2024, 4, 18}, {2025, 4, 7},  {2026, 4, 26},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "Giỗ Tổ %d", cases[i].year);
        CHECK_INT_EQ(name, lunar(cases[i].year, 3, 10, LUNAR_TZ_VN),
                     ymd(cases[i].year, cases[i].m, cases[i].d));
    }
    CHECK_INT_EQ("Trung thu 2024", lunar(2024, 8, 15, LUNAR_TZ_VN), ymd(2024, 9, 17));
}

static void check_lengths(void)
{
    CHECK_INT_EQ("12th month of 2019 (Kỷ Hợi)", lunar_month_length(2019, 12, false, LUNAR_TZ_VN),
                 30);
    CHECK_INT_EQ("12th month of 2024 (Giáp Thìn)", lunar_month_length(2024, 12, false, LUNAR_TZ_VN),
                 29);
    CHECK_INT_EQ("no leap 1st month in 2024", lunar_month_length(2024, 1, true, LUNAR_TZ_VN), 0);
    CHECK_INT_EQ("month 13", lunar_month_length(2024, 13, false, LUNAR_TZ_VN), 0);
    struct lunar_date ld = {2024, 12, 30, false};
    day_num d = DAY_NONE;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("30/12 Giáp Thìn refused", lunar_to_day(&ld, LUNAR_TZ_VN, &d, "ngay_am", &e),
                 ERR_INVALID);
    CHECK("its message gives the length", strstr(e.message, "29 ngày") != NULL);
}

static void check_round_trip(void)
{
    /* Every day of the lunar years 1900-2199: consecutive lunar days,
     * months of 29 or 30 days, and lunar_to_day inverts lunar_from_day. */
    day_num first = ymd(1900, 1, 31);
    day_num last =
        lunar(2199, 12, 1, LUNAR_TZ_VN) + lunar_month_length(2199, 12, false, LUNAR_TZ_VN) - 1;
    struct lunar_date past;
    struct error e_past = ERROR_INIT;
    CHECK_INT_EQ("the day after lunar 2199 refused",
                 lunar_from_day(last + 1, LUNAR_TZ_VN, &past, "d", &e_past), ERR_INVALID);
    long bad_trip = 0, bad_len = 0, bad_seq = 0, months = 0, leaps = 0;
    struct lunar_date prev = {0, 0, 0, false};
    for (day_num d = first; d <= last; d++) {
        struct lunar_date ld;
        struct error e = ERROR_INIT;
        if (lunar_from_day(d, LUNAR_TZ_VN, &ld, "d", &e)) {
            if (bad_trip++ < 5)
                printf("lunar_from_day(%d): %s\n", (int)d, e.message);
            continue;
        }
        day_num back = DAY_NONE;
        if ((lunar_to_day(&ld, LUNAR_TZ_VN, &back, "d", &e) || back != d) && bad_trip++ < 5)
            printf("round trip of %d: %d/%d%s/%d -> %d\n", (int)d, ld.day, ld.month,
                   ld.leap ? "L" : "", ld.year, (int)back);
        if (ld.day == 1) {
            months++;
            leaps += ld.leap;
            if (prev.year && (prev.day < 29 || prev.day > 30) && bad_len++ < 5)
                printf("month before %d has %d days\n", (int)d, prev.day);
        } else if (ld.day != prev.day + 1 && bad_seq++ < 5) {
            printf("day %d: lunar day %d after %d\n", (int)d, ld.day, prev.day);
        }
        prev = ld;
    }
    CHECK_INT_EQ("round trips 1900-2199", bad_trip, 0);
    CHECK_INT_EQ("months of 29 or 30 days", bad_len, 0);
    CHECK_INT_EQ("consecutive lunar days", bad_seq, 0);
    /* 300 lunar years hold 300 * 12 + about 110 leap months (7 in 19 years). */
    CHECK("leap months over 300 years", leaps >= 105 && leaps <= 115);
    CHECK_INT_EQ("months over 300 years", months, 300 * 12 + leaps);
}

static void check_refused(void)
{
    struct lunar_date ld;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("1850 refused", lunar_from_day(ymd(1850, 6, 1), LUNAR_TZ_VN, &ld, "ngay", &e),
                 ERR_INVALID);
    CHECK_STR_EQ("its field", e.field, "ngay");
    error_clear(&e);
    CHECK_INT_EQ("DAY_NONE refused", lunar_from_day(DAY_NONE, LUNAR_TZ_VN, &ld, "ngay", &e),
                 ERR_INVALID);
    error_clear(&e);
    CHECK_INT_EQ("before Tết 1900 refused",
                 lunar_from_day(ymd(1900, 1, 30), LUNAR_TZ_VN, &ld, "ngay", &e), ERR_INVALID);
    day_num d;
    ld = (struct lunar_date){2300, 1, 1, false};
    error_clear(&e);
    CHECK_INT_EQ("lunar year 2300 refused", lunar_to_day(&ld, LUNAR_TZ_VN, &d, "nam_am", &e),
                 ERR_INVALID);
    CHECK_STR_EQ("its field", e.field, "nam_am");
    ld = (struct lunar_date){2020, 0, 1, false};
    error_clear(&e);
    CHECK_INT_EQ("month 0 refused", lunar_to_day(&ld, LUNAR_TZ_VN, &d, "thang_am", &e),
                 ERR_INVALID);
    ld = (struct lunar_date){2020, 1, 31, false};
    error_clear(&e);
    CHECK_INT_EQ("day 31 refused", lunar_to_day(&ld, LUNAR_TZ_VN, &d, "ngay_am", &e), ERR_INVALID);
    CHECK_INT_EQ("leap month of 1800", lunar_leap_month(1800, LUNAR_TZ_VN), 0);
}

int main(void)
{
    check_tet();
    check_leap_months();
    check_gio_to();
    check_lengths();
    check_round_trip();
    check_refused();
    return check_report();
}
