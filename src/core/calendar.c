/*
 * core/calendar.c - working days (see calendar.h for the rules).
 *
 * The shipped table: the Government's decisions for 2020-2026, as published
 * by the Government Office (Văn phòng Chính phủ) and the Ministry of Labour
 * (Bộ LĐ-TB&XH; from 2025 the Ministry of Home Affairs, Bộ Nội vụ). For a
 * break ("nghỉ từ thứ Năm 23/01 đến hết thứ Tư 29/01/2020") the table lists
 * its Monday-Friday days: the weekend days in it are off anyway. Where a
 * decision's number could not be established, the source names the notice
 * by its content; a group the table does not list for a year (Giỗ Tổ every
 * year, Quốc khánh 2020 and 2026...) follows the rules.
 *
 * Checked against published reports (government sites, VNA, the national
 * press) in December 2026: Tết 2020, 2021, 2022, 2023, 2026; 30/4-1/5 of
 * 2024 and 2025 with their swapped Saturdays; Quốc khánh 2021, 2022, 2024;
 * Tết Dương lịch 2026. Entered as the notices were remembered, no published
 * source found to confirm them yet (check before relying on them): Tết 2024
 * (08-14/02) and 2025 (25/01-02/02, no swap), Quốc khánh 2023 (01/9, 02/9,
 * 04/9) and 2025 (01/9, 02/9). Quốc khánh 2026 (a Wednesday): no decision
 * found, so the rules give 02/9 and 03/9; an admin override corrects it if
 * the Government chose otherwise.
 */
#include "core/calendar.h"

#include <string.h>

#include "core/lunar.h"

enum group { G_NEW_YEAR, G_TET, G_GIO_TO, G_APRIL, G_NATIONAL, G_COUNT };

struct decided {
    short y;
    signed char m, d;
    bool off;
    enum group group;
    const char *name;
    const char *source;
};

#define S2020_TET "Thông báo của Bộ LĐ-TB&XH: Tết Canh Tý nghỉ từ 23/01 đến hết 29/01/2020"
#define S2021_TET "Thông báo của Bộ LĐ-TB&XH: Tết Tân Sửu nghỉ từ 10/02 đến hết 16/02/2021"
#define S2021_QK "Thông báo của Bộ LĐ-TB&XH: Quốc khánh 2021 nghỉ 02/9 và 03/9"
#define S2022 "Công văn 245/VPCP-KGVX ngày 11/01/2022 (Tết Nhâm Dần 29/01-06/02/2022)"
#define S2022_QK "Thông báo của Bộ LĐ-TB&XH: Quốc khánh 2022 nghỉ 01/9 và 02/9"
#define S2023_TET "Văn phòng Chính phủ (ý kiến Phó Thủ tướng): Tết Quý Mão nghỉ 20/01-26/01/2023"
#define S2023_QK "Thông báo của Bộ LĐ-TB&XH: Quốc khánh 2023 nghỉ 01/9, 02/9, nghỉ bù 04/9"
#define S2024_TET "Thông báo của Bộ LĐ-TB&XH: Tết Giáp Thìn nghỉ từ 08/02 đến hết 14/02/2024"
#define S2024_APR "Thủ tướng đồng ý hoán đổi: nghỉ 27/4-01/5/2024, làm bù thứ Bảy 04/5/2024"
#define S2024_QK "Thông báo của Bộ LĐ-TB&XH: Quốc khánh 2024 nghỉ 31/8-03/9/2024"
#define S2025 "Công văn 8726/VPCP-KGVX ngày 26/11/2024 (nghỉ Tết Âm lịch và các dịp lễ năm 2025)"
#define S2026_NY "Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 2026 nghỉ 01/01-04/01)"
#define S2026_TET                                                                                  \
    "Phương án của Bộ Nội vụ được Thủ tướng đồng ý: Tết Bính Ngọ nghỉ 14/02-22/02/2026"

static const struct decided TABLE[] = {
    /* 2020: Tết Canh Tý (25/01/2020) */
    {2020, 1, 23, true, G_TET, "Tết Âm lịch", S2020_TET},
    {2020, 1, 24, true, G_TET, "Tết Âm lịch", S2020_TET},
    {2020, 1, 27, true, G_TET, "Tết Âm lịch", S2020_TET},
    {2020, 1, 28, true, G_TET, "Tết Âm lịch", S2020_TET},
    {2020, 1, 29, true, G_TET, "Tết Âm lịch", S2020_TET},
    /* 2021: Tết Tân Sửu (12/02/2021) */
    {2021, 2, 10, true, G_TET, "Tết Âm lịch", S2021_TET},
    {2021, 2, 11, true, G_TET, "Tết Âm lịch", S2021_TET},
    {2021, 2, 12, true, G_TET, "Tết Âm lịch", S2021_TET},
    {2021, 2, 15, true, G_TET, "Tết Âm lịch", S2021_TET},
    {2021, 2, 16, true, G_TET, "Tết Âm lịch", S2021_TET},
    {2021, 9, 2, true, G_NATIONAL, "Quốc khánh", S2021_QK},
    {2021, 9, 3, true, G_NATIONAL, "Quốc khánh (ngày liền kề)", S2021_QK},
    /* 2022: Tết Nhâm Dần (01/02/2022) */
    {2022, 1, 31, true, G_TET, "Tết Âm lịch", S2022},
    {2022, 2, 1, true, G_TET, "Tết Âm lịch", S2022},
    {2022, 2, 2, true, G_TET, "Tết Âm lịch", S2022},
    {2022, 2, 3, true, G_TET, "Tết Âm lịch", S2022},
    {2022, 2, 4, true, G_TET, "Tết Âm lịch", S2022},
    {2022, 9, 1, true, G_NATIONAL, "Quốc khánh (ngày liền kề)", S2022_QK},
    {2022, 9, 2, true, G_NATIONAL, "Quốc khánh", S2022_QK},
    /* 2023: Tết Quý Mão (22/01/2023) */
    {2023, 1, 20, true, G_TET, "Tết Âm lịch", S2023_TET},
    {2023, 1, 23, true, G_TET, "Tết Âm lịch", S2023_TET},
    {2023, 1, 24, true, G_TET, "Tết Âm lịch", S2023_TET},
    {2023, 1, 25, true, G_TET, "Tết Âm lịch", S2023_TET},
    {2023, 1, 26, true, G_TET, "Tết Âm lịch", S2023_TET},
    {2023, 9, 1, true, G_NATIONAL, "Quốc khánh (ngày liền kề)", S2023_QK},
    {2023, 9, 2, true, G_NATIONAL, "Quốc khánh", S2023_QK},
    {2023, 9, 4, true, G_NATIONAL, "Nghỉ bù Quốc khánh", S2023_QK},
    /* 2024: Tết Giáp Thìn (10/02/2024) */
    {2024, 2, 8, true, G_TET, "Tết Âm lịch", S2024_TET},
    {2024, 2, 9, true, G_TET, "Tết Âm lịch", S2024_TET},
    {2024, 2, 12, true, G_TET, "Tết Âm lịch", S2024_TET},
    {2024, 2, 13, true, G_TET, "Tết Âm lịch", S2024_TET},
    {2024, 2, 14, true, G_TET, "Tết Âm lịch", S2024_TET},
    {2024, 4, 29, true, G_APRIL, "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)", S2024_APR},
    {2024, 4, 30, true, G_APRIL, "Ngày Chiến thắng 30/4", S2024_APR},
    {2024, 5, 1, true, G_APRIL, "Ngày Quốc tế Lao động 1/5", S2024_APR},
    {2024, 5, 4, false, G_APRIL, "Làm bù cho thứ Hai 29/4/2024", S2024_APR},
    {2024, 9, 2, true, G_NATIONAL, "Quốc khánh", S2024_QK},
    {2024, 9, 3, true, G_NATIONAL, "Quốc khánh (ngày liền kề)", S2024_QK},
    /* 2025: Tết Ất Tỵ (29/01/2025) */
    {2025, 1, 27, true, G_TET, "Tết Âm lịch", S2025},
    {2025, 1, 28, true, G_TET, "Tết Âm lịch", S2025},
    {2025, 1, 29, true, G_TET, "Tết Âm lịch", S2025},
    {2025, 1, 30, true, G_TET, "Tết Âm lịch", S2025},
    {2025, 1, 31, true, G_TET, "Tết Âm lịch", S2025},
    {2025, 4, 26, false, G_APRIL, "Làm bù cho thứ Sáu 02/5/2025", S2025},
    {2025, 4, 30, true, G_APRIL, "Ngày Chiến thắng 30/4", S2025},
    {2025, 5, 1, true, G_APRIL, "Ngày Quốc tế Lao động 1/5", S2025},
    {2025, 5, 2, true, G_APRIL, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", S2025},
    {2025, 9, 1, true, G_NATIONAL, "Quốc khánh (ngày liền kề)", S2025},
    {2025, 9, 2, true, G_NATIONAL, "Quốc khánh", S2025},
    /* 2026 */
    {2026, 1, 1, true, G_NEW_YEAR, "Tết Dương lịch", S2026_NY},
    {2026, 1, 2, true, G_NEW_YEAR, "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)", S2026_NY},
    {2026, 1, 10, false, G_NEW_YEAR, "Làm bù cho thứ Sáu 02/01/2026", S2026_NY},
    {2026, 2, 16, true, G_TET, "Tết Âm lịch", S2026_TET},
    {2026, 2, 17, true, G_TET, "Tết Âm lịch", S2026_TET},
    {2026, 2, 18, true, G_TET, "Tết Âm lịch", S2026_TET},
    {2026, 2, 19, true, G_TET, "Tết Âm lịch", S2026_TET},
    {2026, 2, 20, true, G_TET, "Tết Âm lịch", S2026_TET},
};
#define N_TABLE (sizeof TABLE / sizeof TABLE[0])

#define SRC_LAW "Bộ luật Lao động 2019, Điều 112"

void calendar_shipped_years(int *first, int *last)
{
    *first = TABLE[0].y;
    *last = TABLE[N_TABLE - 1].y;
}

/* 0 = Monday .. 6 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(day_num day)
{
    int r = (int)((day + 3) % 7);
    return r < 0 ? r + 7 : r;
}

static bool weekend(day_num day)
{
    return weekday(day) >= 5;
}

struct year_list {
    struct calendar_day d[CALENDAR_YEAR_MAX_DAYS];
    /* a rule holiday: the name of its compensatory day when on a weekend; else NULL */
    const char *comp[CALENDAR_YEAR_MAX_DAYS];
    size_t n;
};

static void add(struct year_list *l, day_num day, bool off, const char *name, const char *source,
                const char *comp)
{
    if (l->n == CALENDAR_YEAR_MAX_DAYS)
        BUG("calendar: more than %d days in a year", CALENDAR_YEAR_MAX_DAYS);
    l->d[l->n] = (struct calendar_day){day, off, name, source};
    l->comp[l->n] = comp;
    l->n++;
}

static int find(const struct year_list *l, day_num day)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->d[i].day == day)
            return (int)i;
    return -1;
}

static void rule_group(struct year_list *l, int year, enum group g)
{
    switch (g) {
    case G_NEW_YEAR:
        add(l, day_from_ymd(year, 1, 1), true, "Tết Dương lịch", SRC_LAW, "Nghỉ bù Tết Dương lịch");
        break;
    case G_TET: {
        struct lunar_date ld = {year, 1, 1, false};
        day_num tet;
        if (lunar_to_day(&ld, LUNAR_TZ_VN, &tet, "year", NULL))
            BUG("calendar: no Tết in %d", year);
        add(l, tet - 1, true, "Tết Âm lịch (ngày cuối năm)", SRC_LAW, "Nghỉ bù Tết Âm lịch");
        add(l, tet, true, "Tết Âm lịch (mùng 1)", SRC_LAW, "Nghỉ bù Tết Âm lịch");
        add(l, tet + 1, true, "Tết Âm lịch (mùng 2)", SRC_LAW, "Nghỉ bù Tết Âm lịch");
        add(l, tet + 2, true, "Tết Âm lịch (mùng 3)", SRC_LAW, "Nghỉ bù Tết Âm lịch");
        add(l, tet + 3, true, "Tết Âm lịch (mùng 4)", SRC_LAW, "Nghỉ bù Tết Âm lịch");
        break;
    }
    case G_GIO_TO: {
        struct lunar_date ld = {year, 3, 10, false};
        day_num d;
        if (lunar_to_day(&ld, LUNAR_TZ_VN, &d, "year", NULL))
            BUG("calendar: no 10/3 âm lịch in %d", year);
        add(l, d, true, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", SRC_LAW, "Nghỉ bù Giỗ Tổ Hùng Vương");
        break;
    }
    case G_APRIL:
        add(l, day_from_ymd(year, 4, 30), true, "Ngày Chiến thắng 30/4", SRC_LAW,
            "Nghỉ bù ngày 30/4");
        add(l, day_from_ymd(year, 5, 1), true, "Ngày Quốc tế Lao động 1/5", SRC_LAW,
            "Nghỉ bù ngày 1/5");
        break;
    case G_NATIONAL: {
        day_num d = day_from_ymd(year, 9, 2);
        add(l, d, true, "Quốc khánh", SRC_LAW, "Nghỉ bù Quốc khánh");
        if (year >= 2021) {
            int wd = weekday(d);
            bool before = wd == 1 || wd == 4 || wd == 5; /* Tuesday, Friday, Saturday */
            add(l, before ? d - 1 : d + 1, true, "Quốc khánh (ngày liền kề)", SRC_LAW,
                "Nghỉ bù Quốc khánh");
        }
        break;
    }
    case G_COUNT:
        break;
    }
}

static void sort_days(struct year_list *l)
{
    for (size_t i = 1; i < l->n; i++)
        for (size_t j = i; j > 0 && l->d[j].day < l->d[j - 1].day; j--) {
            struct calendar_day t = l->d[j];
            l->d[j] = l->d[j - 1];
            l->d[j - 1] = t;
            const char *c = l->comp[j];
            l->comp[j] = l->comp[j - 1];
            l->comp[j - 1] = c;
        }
}

/* The named days of `year`: decisions or rules per group, compensation, overrides. */
static void year_days(const struct calendar *cal, int year, struct year_list *l)
{
    l->n = 0;
    bool decided[G_COUNT] = {false};
    for (size_t i = 0; i < N_TABLE; i++)
        if (TABLE[i].y == year) {
            decided[TABLE[i].group] = true;
            add(l, day_from_ymd(TABLE[i].y, TABLE[i].m, TABLE[i].d), TABLE[i].off, TABLE[i].name,
                TABLE[i].source, NULL);
        }
    for (int g = 0; g < G_COUNT; g++)
        if (!decided[g])
            rule_group(l, year, (enum group)g);
    sort_days(l);
    /* Khoản 3: a rule holiday on a weekend moves to the next free working day. */
    size_t n_named = l->n;
    day_num taken = DAY_NONE;
    for (size_t i = 0; i < n_named; i++) {
        if (!l->comp[i] || !weekend(l->d[i].day))
            continue;
        day_num d = l->d[i].day > taken ? l->d[i].day : taken;
        do
            d++;
        while (weekend(d) || find(l, d) >= 0);
        add(l, d, true, l->comp[i], l->d[i].source, NULL);
        taken = d;
    }
    for (size_t i = 0; i < cal->n_overrides; i++) {
        const struct calendar_day *o = &cal->overrides[i];
        int y, m, dd;
        day_to_ymd(o->day, &y, &m, &dd);
        if (y != year)
            continue;
        int at = find(l, o->day);
        if (at >= 0) {
            l->d[at] = *o;
            l->comp[at] = NULL;
        } else if (l->n < CALENDAR_YEAR_MAX_DAYS) {
            add(l, o->day, o->off, o->name, o->source, NULL);
        }
    }
    sort_days(l);
}

static void set_working(struct calendar *cal, day_num day, bool working)
{
    int32_t i = day - cal->first;
    uint64_t bit = (uint64_t)1 << (i & 63);
    if (working)
        cal->working[i >> 6] |= bit;
    else
        cal->working[i >> 6] &= ~bit;
}

/* Set bits of `x`, by the classic SWAR sum (no libgcc call without -mpopcnt). */
static int popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}

#define L8 0x0101010101010101ull
#define H8 0x8080808080808080ull

/* The position (0..63) of the k-th set bit (k from 1) of `x`, which has at least k, without
 * branches (after Vigna's broadword select): the running per-byte counts of the SWAR sum find
 * the byte, the running counts of its bits the bit. */
static int select64(uint64_t x, int k)
{
    uint64_t r = (uint64_t)(k - 1); /* the bits to skip */
    uint64_t c = x - ((x >> 1) & 0x5555555555555555ull);
    c = (c & 0x3333333333333333ull) + ((c >> 2) & 0x3333333333333333ull);
    c = (c + (c >> 4)) & 0x0f0f0f0f0f0f0f0full;
    c *= L8; /* byte j: the set bits of bytes 0..j, at most 64 */
    /* bytes whose running count is <= r: high bit of (128 + r - count) */
    uint64_t le = (((r * L8) | H8) - c) & H8;
    int byte = (int)(((le >> 7) * L8) >> 56);
    r -= ((c << 8) >> (8 * byte)) & 0xff; /* the bits of the bytes before */
    /* the same within the byte: spread its 8 bits into 8 bytes, running counts */
    uint64_t v = (x >> (8 * byte)) & 0xff;
    uint64_t t = (v * L8) & 0x8040201008040201ull;         /* byte j: bit j of v, in place */
    uint64_t spread = ((((t & ~H8) + ~H8) | t) & H8) >> 7; /* byte j: 1 if it is set */
    uint64_t run = spread * L8;
    uint64_t le2 = (((r * L8) | H8) - run) & H8;
    return 8 * byte + (int)(((le2 >> 7) * L8) >> 56);
}

int calendar_init(struct calendar *cal, const struct calendar_day *overrides, size_t n,
                  struct error *e)
{
    cal->first = day_from_ymd(CALENDAR_MIN_YEAR, 1, 1);
    cal->last = day_from_ymd(CALENDAR_MAX_YEAR, 12, 31);
    cal->overrides = NULL;
    cal->n_overrides = 0;
    if (n > CALENDAR_MAX_OVERRIDES)
        return error_set(e, ERR_TOO_BIG, "overrides", "Quá nhiều ngày điều chỉnh: %zu (tối đa %d)",
                         n, CALENDAR_MAX_OVERRIDES);
    /* At most a year's spare entries may be overridden per year. */
    size_t per_year[CALENDAR_MAX_YEAR - CALENDAR_MIN_YEAR + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        const struct calendar_day *o = &overrides[i];
        char buf[16];
        if (o->day == DAY_NONE || o->day < cal->first || o->day > cal->last)
            return error_set(e, ERR_INVALID, "overrides",
                             "Ngày điều chỉnh thứ %zu ngoài phạm vi năm %d-%d", i + 1,
                             CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR);
        if (!o->name || !o->name[0] || strlen(o->name) > CALENDAR_NAME_MAX)
            return error_set(e, ERR_INVALID, "overrides", "Ngày điều chỉnh %s cần tên (1-%d byte)",
                             day_format_vn(o->day, buf), CALENDAR_NAME_MAX);
        for (size_t j = 0; j < i; j++)
            if (overrides[j].day == o->day)
                return error_set(e, ERR_INVALID, "overrides", "Ngày %s được điều chỉnh hai lần",
                                 day_format_vn(o->day, buf));
        int y, m, d;
        day_to_ymd(o->day, &y, &m, &d);
        if (++per_year[y - CALENDAR_MIN_YEAR] > CALENDAR_YEAR_MAX_DAYS / 2)
            return error_set(e, ERR_TOO_BIG, "overrides",
                             "Quá nhiều ngày điều chỉnh trong năm %d (tối đa %d)", y,
                             CALENDAR_YEAR_MAX_DAYS / 2);
    }
    cal->overrides = overrides;
    cal->n_overrides = n;
    memset(cal->working, 0, sizeof cal->working);
    for (day_num d = cal->first; d <= cal->last; d++)
        set_working(cal, d, !weekend(d));
    struct year_list l;
    for (int y = CALENDAR_MIN_YEAR; y <= CALENDAR_MAX_YEAR; y++) {
        year_days(cal, y, &l);
        for (size_t i = 0; i < l.n; i++)
            set_working(cal, l.d[i].day, !l.d[i].off);
    }
    uint32_t count = 0;
    for (size_t w = 0; w < CALENDAR_WORDS; w++) {
        cal->before[w] = count;
        count += (uint32_t)popcount64(cal->working[w]);
    }
    return ERR_OK;
}

bool calendar_is_working_day(const struct calendar *cal, day_num day)
{
    if (day < cal->first || day > cal->last)
        return day != DAY_NONE && !weekend(day);
    int32_t i = day - cal->first;
    return (cal->working[i >> 6] >> (i & 63)) & 1;
}

int calendar_add_working_days(const struct calendar *cal, day_num from, int n, day_num *out,
                              struct error *e)
{
    if (n < 0 || n > CALENDAR_MAX_ADD)
        return error_set(e, ERR_INVALID, "n", "Số ngày làm việc phải từ 0 đến %d (nhận được %d)",
                         CALENDAR_MAX_ADD, n);
    if (from == DAY_NONE || from < cal->first || from > cal->last)
        return error_set(e, ERR_INVALID, "from", "Ngày bắt đầu ngoài phạm vi năm %d-%d",
                         CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR);
    if (n == 0) {
        *out = from;
        return ERR_OK;
    }
    /* The wanted day is the (rank of from + n)-th working day since 1/1/1900,
     * where rank counts the working days up to and including `from`. */
    int32_t i = from - cal->first;
    size_t w = (size_t)(i >> 6);
    int b = i & 63;
    uint64_t upto = b == 63 ? ~(uint64_t)0 : ((uint64_t)2 << b) - 1;
    uint32_t target = cal->before[w] + (uint32_t)popcount64(cal->working[w] & upto) + (uint32_t)n;
    while (w < CALENDAR_WORDS && cal->before[w] + (uint32_t)popcount64(cal->working[w]) < target)
        w++;
    if (w == CALENDAR_WORDS)
        return error_set(e, ERR_INVALID, "from",
                         "Kết quả vượt quá năm %d: hãy chọn ngày bắt đầu sớm hơn",
                         CALENDAR_MAX_YEAR);
    *out =
        cal->first + (day_num)(w * 64) + select64(cal->working[w], (int)(target - cal->before[w]));
    return ERR_OK;
}

int calendar_holidays(const struct calendar *cal, int year, struct calendar_day *out, size_t cap,
                      size_t *n, struct error *e)
{
    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
        return error_set(e, ERR_INVALID, "year", "Năm %d ngoài phạm vi %d-%d", year,
                         CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR);
    struct year_list l;
    year_days(cal, year, &l);
    for (size_t i = 0; i < l.n && i < cap; i++)
        out[i] = l.d[i];
    *n = l.n;
    return ERR_OK;
}
