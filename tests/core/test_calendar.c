/*
 * tests/core/test_calendar.c - working days: the shipped decisions of
 * 2020-2026 (Tết breaks, swapped Saturdays, the day next to 2/9), the rules
 * of the Labour Code 2019 for other years (holidays on a weekend and their
 * compensatory days), adding working days across Tết and a year's end, the
 * overrides an admin adds, the refusals, and dates typed without a year.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core/calendar.h"
#include "core/day.h"
#include "core/lunar.h"

static struct calendar cal;

static day_num ymd(int y, int m, int d)
{
    return day_from_ymd(y, m, d);
}

struct day_case {
    int y, m, d;
    bool working;
    const char *why;
};

static void check_days(const struct calendar *c, const struct day_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char name[160];
        snprintf(name, sizeof name, "%02d/%02d/%d %s: %s", cases[i].d, cases[i].m, cases[i].y,
                 cases[i].working ? "working" : "off", cases[i].why);
        CHECK_INT_EQ(name, calendar_is_working_day(c, ymd(cases[i].y, cases[i].m, cases[i].d)),
                     cases[i].working);
    }
}

static void check_decided(void)
{
    static const struct day_case cases[] = {
        /* Tết breaks as decided */
        {2020, 1, 22, true, "the day before Tết Canh Tý break"},
        {2020, 1, 23, false, "Tết 2020 begins (29 Tết)"},
        {2020, 1, 29, false, "Tết 2020 ends (mùng 5)"},
        {2020, 1, 30, true, "back to work 2020"},
        {2021, 2, 9, true, "before Tết Tân Sửu"},
        {2021, 2, 10, false, "Tết 2021 begins"},
        {2021, 2, 16, false, "Tết 2021 ends"},
        {2021, 2, 17, true, "back to work 2021"},
        {2022, 1, 28, true, "before Tết Nhâm Dần"},
        {2022, 1, 31, false, "Tết 2022 (29 Tết)"},
        {2022, 2, 4, false, "Tết 2022 (mùng 4)"},
        {2022, 2, 7, true, "back to work 2022"},
        {2023, 1, 19, true, "before Tết Quý Mão"},
        {2023, 1, 20, false, "Tết 2023 begins (29 Tết)"},
        {2023, 1, 26, false, "Tết 2023 ends"},
        {2023, 1, 27, true, "back to work 2023"},
        {2024, 2, 7, true, "before Tết Giáp Thìn"},
        {2024, 2, 8, false, "Tết 2024 begins"},
        {2024, 2, 14, false, "Tết 2024 ends"},
        {2024, 2, 15, true, "back to work 2024"},
        {2025, 1, 24, true, "before Tết Ất Tỵ"},
        {2025, 1, 27, false, "Tết 2025 begins (28 Tết)"},
        {2025, 1, 31, false, "Tết 2025 (mùng 3)"},
        {2025, 2, 3, true, "back to work 2025"},
        {2026, 2, 13, true, "before Tết Bính Ngọ"},
        {2026, 2, 16, false, "Tết 2026 (29 Tết)"},
        {2026, 2, 20, false, "Tết 2026 (mùng 4)"},
        {2026, 2, 23, true, "back to work 2026"},
        /* swapped working days */
        {2024, 4, 29, false, "Monday swapped for Saturday 4/5/2024"},
        {2024, 5, 4, true, "Saturday worked in 2024"},
        {2024, 5, 2, true, "after 1/5/2024"},
        {2025, 4, 26, true, "Saturday worked in 2025"},
        {2025, 5, 2, false, "Friday swapped in 2025"},
        {2026, 1, 2, false, "Friday swapped in 2026"},
        {2026, 1, 10, true, "Saturday worked in 2026"},
        {2026, 1, 17, false, "an ordinary Saturday"},
        /* the day next to 2/9 */
        {2021, 9, 3, false, "3/9/2021 decided"},
        {2022, 9, 1, false, "1/9/2022 decided"},
        {2022, 9, 5, true, "after Quốc khánh 2022"},
        {2023, 9, 1, false, "1/9/2023 decided"},
        {2023, 9, 4, false, "compensation for 2/9/2023, a Saturday"},
        {2023, 9, 5, true, "after Quốc khánh 2023"},
        {2024, 9, 3, false, "3/9/2024 decided"},
        {2024, 9, 4, true, "after Quốc khánh 2024"},
        {2025, 9, 1, false, "1/9/2025 decided"},
        {2025, 9, 3, true, "after Quốc khánh 2025"},
        {2020, 9, 2, false, "Quốc khánh 2020"},
        {2020, 9, 3, true, "2020: one day only (Labour Code 2012)"},
        {2020, 9, 1, true, "2020: one day only (Labour Code 2012)"},
    };
    check_days(&cal, cases, sizeof cases / sizeof cases[0]);
}

static void check_rules(void)
{
    static const struct day_case cases[] = {
        /* Tết Dương lịch on a weekend */
        {2022, 1, 3, false, "1/1/2022 was a Saturday: compensated Monday"},
        {2022, 1, 4, true, "the day after"},
        {2023, 1, 2, false, "1/1/2023 was a Sunday: compensated Monday"},
        {2027, 1, 1, false, "Tết Dương lịch 2027"},
        /* Giỗ Tổ */
        {2020, 4, 2, false, "Giỗ Tổ 2020"},
        {2021, 4, 21, false, "Giỗ Tổ 2021"},
        {2022, 4, 11, false, "Giỗ Tổ 2022 was a Sunday: Monday off"},
        {2022, 4, 12, true, "after Giỗ Tổ 2022"},
        {2024, 4, 18, false, "Giỗ Tổ 2024"},
        {2025, 4, 7, false, "Giỗ Tổ 2025"},
        {2026, 4, 27, false, "Giỗ Tổ 2026 was a Sunday: Monday off"},
        {2026, 4, 28, true, "after Giỗ Tổ 2026"},
        /* 30/4 and 1/5 on weekends */
        {2021, 5, 3, false, "1/5/2021 was a Saturday"},
        {2021, 5, 4, true, "after 3/5/2021"},
        {2022, 5, 2, false, "30/4/2022 a Saturday"},
        {2022, 5, 3, false, "1/5/2022 a Sunday"},
        {2022, 5, 4, true, "after 3/5/2022"},
        {2023, 5, 1, false, "1/5/2023"},
        {2023, 5, 2, false, "Giỗ Tổ 29/4/2023 a Saturday"},
        {2023, 5, 3, false, "30/4/2023 a Sunday"},
        {2023, 5, 4, true, "after 3/5/2023"},
        /* a year no decision covers: 2027, Tết on Saturday 6/2 */
        {2027, 2, 4, true, "before Tết 2027"},
        {2027, 2, 5, false, "Tết 2027: the last day of Bính Ngọ"},
        {2027, 2, 8, false, "Tết 2027 (mùng 3)"},
        {2027, 2, 9, false, "Tết 2027 (mùng 4)"},
        {2027, 2, 10, false, "compensation for mùng 1 (Saturday)"},
        {2027, 2, 11, false, "compensation for mùng 2 (Sunday)"},
        {2027, 2, 12, true, "back to work 2027"},
        {2027, 9, 2, false, "Quốc khánh 2027 (Thursday)"},
        {2027, 9, 3, false, "the day next to it (Friday)"},
        {2027, 9, 1, true, "1/9/2027"},
        {2026, 9, 2, false, "Quốc khánh 2026 (Wednesday), by the rules"},
        {2026, 9, 3, false, "its day next (Thursday), by the rules"},
        {2024, 9, 7, false, "a Saturday"},
        {2024, 9, 9, true, "a Monday"},
    };
    check_days(&cal, cases, sizeof cases / sizeof cases[0]);

    /* Each rule year from 2027 on has 11 holidays, all Monday to Friday once compensated;
     * 1900-2019 had 10 (no second day of Quốc khánh). */
    long bad = 0;
    for (int y = CALENDAR_MIN_YEAR; y <= CALENDAR_MAX_YEAR; y++) {
        if (y >= 2020 && y <= 2026)
            continue;
        int off = 0;
        for (day_num d = ymd(y, 1, 1); d <= ymd(y, 12, 31); d++) {
            int wd = (int)(((d + 3) % 7 + 7) % 7);
            off += wd < 5 && !calendar_is_working_day(&cal, d);
        }
        int want = y >= 2021 ? 11 : 10;
        /* Giỗ Tổ may fall on 30/4 or 1/5 (30/4/1947): two holidays, one day. */
        struct lunar_date ld = {y, 3, 10, false};
        day_num gio_to;
        if (lunar_to_day(&ld, LUNAR_TZ_VN, &gio_to, "y", NULL) == 0 &&
            (gio_to == ymd(y, 4, 30) || gio_to == ymd(y, 5, 1)))
            want--;
        if (off != want && bad++ < 5)
            printf("year %d: %d weekdays off, want %d\n", y, off, want);
    }
    CHECK_INT_EQ("weekdays off per rule year, 1900-2199", bad, 0);
    /* Weekends stay off outside the swaps; out of range: Monday-Friday. */
    CHECK("1/1/2200 (a Wednesday) working outside the range",
          calendar_is_working_day(&cal, ymd(2200, 1, 1)));
    CHECK("4/1/2200 (a Saturday) off outside the range",
          !calendar_is_working_day(&cal, ymd(2200, 1, 4)));
    CHECK("DAY_NONE is no working day", !calendar_is_working_day(&cal, DAY_NONE));
}

static void check_add(void)
{
    static const struct {
        int y, m, d, n, wy, wm, wd;
        const char *why;
    } cases[] = {
        {2020, 9, 15, 0, 2020, 9, 15, "n = 0 gives the day itself"},
        {2020, 9, 15, 1, 2020, 9, 16, "Tuesday + 1"},
        {2020, 9, 15, 10, 2020, 9, 29, "10 working days, over two weekends"},
        {2020, 9, 19, 1, 2020, 9, 21, "from a Saturday: the Monday"},
        {2025, 1, 24, 1, 2025, 2, 3, "across Tết Ất Tỵ"},
        {2026, 2, 13, 1, 2026, 2, 23, "across Tết Bính Ngọ"},
        {2026, 2, 12, 2, 2026, 2, 23, "Thursday + 2 across Tết 2026"},
        {2023, 1, 19, 3, 2023, 1, 31, "across Tết Quý Mão"},
        {2025, 12, 31, 1, 2026, 1, 5, "across the year's end: 1-4/1/2026 off"},
        {2025, 12, 31, 5, 2026, 1, 9, "across the year's end + 5"},
        {2025, 12, 31, 6, 2026, 1, 10, "the swapped Saturday counts"},
        {2022, 12, 30, 1, 2023, 1, 3, "1/1/2023 a Sunday, 2/1 compensated"},
        {2024, 4, 26, 1, 2024, 5, 2, "across 27/4-1/5/2024"},
        {2024, 4, 26, 2, 2024, 5, 3, "then Friday"},
        {2024, 4, 26, 3, 2024, 5, 4, "then the Saturday worked"},
        {2026, 1, 1, 366, 2027, 6, 24, "the most (counted by hand: 2027 by the rules)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "%02d/%02d/%d + %d: %s", cases[i].d, cases[i].m, cases[i].y,
                 cases[i].n, cases[i].why);
        day_num out = DAY_NONE;
        struct error e = ERROR_INIT;
        int rc = calendar_add_working_days(&cal, ymd(cases[i].y, cases[i].m, cases[i].d),
                                           cases[i].n, &out, &e);
        CHECK_INT_EQ(name, rc == 0 ? out : -1, ymd(cases[i].wy, cases[i].wm, cases[i].wd));
    }

    day_num out = 12345;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("n = -1 refused", calendar_add_working_days(&cal, ymd(2025, 1, 1), -1, &out, &e),
                 ERR_INVALID);
    CHECK_STR_EQ("n = -1 names n", e.field, "n");
    CHECK("n = -1 says the range", strstr(e.message, "từ 0 đến 366") != NULL);
    CHECK_INT_EQ("out untouched", out, 12345);
    error_clear(&e);
    CHECK_INT_EQ("n = 1000 refused",
                 calendar_add_working_days(&cal, ymd(2025, 1, 1), 1000, &out, &e), ERR_INVALID);
    CHECK_STR_EQ("n = 1000 names n", e.field, "n");
    CHECK("its message quotes 1000", strstr(e.message, "1000") != NULL);
    error_clear(&e);
    CHECK_INT_EQ("n = 367 refused", calendar_add_working_days(&cal, ymd(2025, 1, 1), 367, &out, &e),
                 ERR_INVALID);
    error_clear(&e);
    CHECK_INT_EQ("from DAY_NONE refused", calendar_add_working_days(&cal, DAY_NONE, 1, &out, &e),
                 ERR_INVALID);
    CHECK_STR_EQ("it names from", e.field, "from");
    error_clear(&e);
    CHECK_INT_EQ("from 1850 refused", calendar_add_working_days(&cal, ymd(1850, 1, 1), 1, &out, &e),
                 ERR_INVALID);
    error_clear(&e);
    CHECK_INT_EQ("past 2199 refused",
                 calendar_add_working_days(&cal, ymd(2199, 12, 1), 30, &out, &e), ERR_INVALID);
    CHECK_STR_EQ("it names from", e.field, "from");
    CHECK_INT_EQ("out still untouched", out, 12345);
}

/* The bit tricks of add_working_days against a walk of is_working_day: from
 * every 37th day of the range, and from every day of 2023-2026, word
 * boundaries included. */
static void check_add_against_walk(void)
{
    static const int ns[] = {0, 1, 2, 3, 5, 10, 22, 30, 63, 64, 65, 100, 200, 365, 366};
    long bad = 0, tried = 0;
    day_num first = ymd(CALENDAR_MIN_YEAR, 1, 1), last = ymd(CALENDAR_MAX_YEAR, 12, 31);
    for (day_num from = first; from <= last; from++) {
        if ((from - first) % 37 != 0 && (from < ymd(2023, 1, 1) || from > ymd(2026, 12, 31)))
            continue;
        for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
            day_num want = from;
            for (int left = ns[k]; left > 0;)
                left -= calendar_is_working_day(&cal, ++want);
            day_num got = DAY_NONE;
            struct error e = ERROR_INIT;
            int rc = calendar_add_working_days(&cal, from, ns[k], &got, &e);
            bool past = want > ymd(CALENDAR_MAX_YEAR, 12, 31); /* refused, not walked on */
            if ((past ? rc != ERR_INVALID : rc != 0 || got != want) && bad++ < 5)
                printf("add_working_days(%d, %d) = %d, walk %d\n", (int)from, ns[k], (int)got,
                       (int)want);
            tried++;
        }
    }
    CHECK_INT_EQ("add_working_days agrees with a walk", bad, 0);
    CHECK("and was tried often", tried > 30000);
}

static int find_day(const struct calendar_day *d, size_t n, day_num day)
{
    for (size_t i = 0; i < n; i++)
        if (d[i].day == day)
            return (int)i;
    return -1;
}

static void check_holidays(void)
{
    struct calendar_day d[CALENDAR_YEAR_MAX_DAYS];
    size_t n = 0;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("holidays 2025", calendar_holidays(&cal, 2025, d, CALENDAR_YEAR_MAX_DAYS, &n, &e),
                 0);
    /* 1/1, Tết 27-31/1, Giỗ Tổ 7/4, 26/4 (work), 30/4, 1/5, 2/5, 1/9, 2/9 */
    CHECK_INT_EQ("2025 has 13 named days", n, 13);
    int i = find_day(d, n, ymd(2025, 4, 26));
    CHECK("26/4/2025 is listed as worked", i >= 0 && !d[i].off);
    CHECK("its source is the decision", i >= 0 && strstr(d[i].source, "8726/VPCP-KGVX"));
    i = find_day(d, n, ymd(2025, 4, 7));
    CHECK("Giỗ Tổ 2025 by name", i >= 0 && d[i].off && strstr(d[i].name, "Giỗ Tổ Hùng Vương"));
    int sorted = 1;
    for (size_t k = 1; k < n && k < CALENDAR_YEAR_MAX_DAYS; k++)
        sorted &= d[k - 1].day < d[k].day;
    CHECK("in date order", sorted);

    CHECK_INT_EQ("holidays 2022", calendar_holidays(&cal, 2022, d, CALENDAR_YEAR_MAX_DAYS, &n, &e),
                 0);
    i = find_day(d, n, ymd(2022, 1, 3));
    CHECK("3/1/2022 named", i >= 0 && strcmp(d[i].name, "Nghỉ bù Tết Dương lịch") == 0);
    i = find_day(d, n, ymd(2022, 1, 1));
    CHECK("1/1/2022 (Saturday) listed", i >= 0 && strcmp(d[i].name, "Tết Dương lịch") == 0);

    /* a small buffer: n says how many there are */
    CHECK_INT_EQ("cap 2", calendar_holidays(&cal, 2025, d, 2, &n, &e), 0);
    CHECK_INT_EQ("still 13", n, 13);

    CHECK_INT_EQ("year 1899 refused", calendar_holidays(&cal, 1899, d, 4, &n, &e), ERR_INVALID);
    CHECK_STR_EQ("it names year", e.field, "year");
    error_clear(&e);
    CHECK_INT_EQ("year 2200 refused", calendar_holidays(&cal, 2200, d, 4, &n, &e), ERR_INVALID);
    int first, last;
    calendar_shipped_years(&first, &last);
    CHECK_INT_EQ("shipped from 2020", first, 2020);
    CHECK_INT_EQ("shipped to 2026", last, 2026);
}

static struct calendar cal2;

static void check_overrides(void)
{
    const struct calendar_day ov[] = {
        {ymd(2026, 6, 15), true, "Nghỉ đột xuất do bão", "Quyết định của UBND xã"},
        {ymd(2026, 9, 3), false, "Làm việc (điều chỉnh)", NULL},
        {ymd(2026, 2, 21), false, "Làm bù (điều chỉnh)", NULL},
    };
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("init with overrides", calendar_init(&cal2, ov, 3, &e), 0);
    CHECK("15/6/2026 now off", !calendar_is_working_day(&cal2, ymd(2026, 6, 15)));
    CHECK("15/6/2026 working without it", calendar_is_working_day(&cal, ymd(2026, 6, 15)));
    CHECK("3/9/2026 now working", calendar_is_working_day(&cal2, ymd(2026, 9, 3)));
    CHECK("Saturday 21/2/2026 now working", calendar_is_working_day(&cal2, ymd(2026, 2, 21)));
    day_num out;
    CHECK("13/2/2026 + 1 is the worked Saturday",
          calendar_add_working_days(&cal2, ymd(2026, 2, 13), 1, &out, &e) == 0 &&
              out == ymd(2026, 2, 21));
    struct calendar_day d[CALENDAR_YEAR_MAX_DAYS];
    size_t n;
    calendar_holidays(&cal2, 2026, d, CALENDAR_YEAR_MAX_DAYS, &n, &e);
    int i = find_day(d, n, ymd(2026, 9, 3));
    CHECK("the override replaces the rule day",
          i >= 0 && !d[i].off && strcmp(d[i].name, "Làm việc (điều chỉnh)") == 0);
    i = find_day(d, n, ymd(2026, 6, 15));
    CHECK("the added day is listed", i >= 0 && d[i].off);

    const struct calendar_day dup[] = {
        {ymd(2026, 6, 15), true, "A", NULL},
        {ymd(2026, 6, 15), false, "B", NULL},
    };
    error_clear(&e);
    CHECK_INT_EQ("a day twice refused", calendar_init(&cal2, dup, 2, &e), ERR_INVALID);
    CHECK_STR_EQ("it names overrides", e.field, "overrides");
    CHECK("it quotes the day", strstr(e.message, "15/6/2026") != NULL);
    const struct calendar_day noname[] = {{ymd(2026, 6, 15), true, "", NULL}};
    error_clear(&e);
    CHECK_INT_EQ("an empty name refused", calendar_init(&cal2, noname, 1, &e), ERR_INVALID);
    const struct calendar_day far[] = {{ymd(2300, 6, 15), true, "x", NULL}};
    error_clear(&e);
    CHECK_INT_EQ("a day in 2300 refused", calendar_init(&cal2, far, 1, &e), ERR_INVALID);
    CHECK_STR_EQ("it names overrides", e.field, "overrides");
}

static void check_without_year(void)
{
    static const struct {
        int ty, tm, td, d, m, wy, wm, wd;
        const char *why;
    } cases[] = {
        {2026, 12, 5, 15, 1, 2027, 1, 15, "in December 15/1 is next January"},
        {2026, 12, 5, 3, 12, 2026, 12, 3, "2 days ago: this year's"},
        {2026, 12, 5, 5, 12, 2026, 12, 5, "today"},
        {2026, 12, 5, 20, 12, 2026, 12, 20, "later this month"},
        {2026, 12, 5, 6, 10, 2026, 10, 6, "60 days ago: still this year's"},
        {2026, 12, 5, 5, 10, 2027, 10, 5, "61 days ago: next year's"},
        {2026, 3, 15, 20, 12, 2026, 12, 20, "in March 20/12 is this December"},
        {2026, 3, 15, 1, 2, 2026, 2, 1, "42 days back, this year"},
        {2026, 3, 15, 10, 1, 2027, 1, 10, "64 days back: next January"},
        {2026, 1, 10, 20, 12, 2025, 12, 20, "in January 20/12 is last December"},
        {2026, 12, 5, 29, 2, 2028, 2, 29, "29/2: the next leap year"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "%d/%d typed on %02d/%02d/%d: %s", cases[i].d, cases[i].m,
                 cases[i].td, cases[i].tm, cases[i].ty, cases[i].why);
        day_num out = DAY_NONE;
        struct error e = ERROR_INIT;
        int rc = day_resolve_without_year(ymd(cases[i].ty, cases[i].tm, cases[i].td), cases[i].d,
                                          cases[i].m, &out, "deadline", &e);
        CHECK_INT_EQ(name, rc == 0 ? out : -1, ymd(cases[i].wy, cases[i].wm, cases[i].wd));
    }
    day_num out;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("31/4 refused",
                 day_resolve_without_year(ymd(2026, 1, 1), 31, 4, &out, "deadline", &e),
                 ERR_INVALID);
    CHECK_STR_EQ("it names the field", e.field, "deadline");
    CHECK("it quotes the date", strstr(e.message, "31/4") != NULL);
    error_clear(&e);
    CHECK_INT_EQ("1/13 refused", day_resolve_without_year(ymd(2026, 1, 1), 1, 13, &out, "d", &e),
                 ERR_INVALID);
    error_clear(&e);
    CHECK_INT_EQ("0/1 refused", day_resolve_without_year(ymd(2026, 1, 1), 0, 1, &out, "d", &e),
                 ERR_INVALID);
    error_clear(&e);
    CHECK_INT_EQ("30/2 refused", day_resolve_without_year(ymd(2026, 1, 1), 30, 2, &out, "d", &e),
                 ERR_INVALID);
    error_clear(&e);
    CHECK_INT_EQ("past 2200 refused",
                 day_resolve_without_year(ymd(2200, 12, 20), 1, 1, &out, "d", &e), ERR_INVALID);
}

int main(void)
{
    struct error e = ERROR_INIT;
    if (!CHECK_INT_EQ("calendar_init", calendar_init(&cal, NULL, 0, &e), 0)) {
        printf("%s\n", e.message);
        return check_report();
    }
    check_decided();
    check_rules();
    check_add();
    check_add_against_walk();
    check_holidays();
    check_overrides();
    check_without_year();
    return check_report();
}
