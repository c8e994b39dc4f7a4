/*
 * tests/core/test_indicator.c - year-to-date figures, same period last year,
 * percentages against it and against the plan; no division by zero.
 */
#include "check.h"
#include "core/indicator.h"

static struct indicator_year year_of(const long long *v, int n_months, long long plan)
{
    struct indicator_year y = {{0}, {0}};
    for (int m = 1; m <= n_months; m++) {
        if (v[m - 1] < 0)
            continue; /* missing */
        y.v[m] = v[m - 1] * 1000;
        y.has[m] = true;
    }
    if (plan >= 0) {
        y.v[0] = plan * 1000;
        y.has[0] = true;
    }
    return y;
}

static const char *cmp_text(struct buf *b, enum indicator_compare style, struct indicator_figure c,
                            struct indicator_figure p)
{
    buf_reset(b);
    indicator_compare_text(b, style, &c, &p);
    return b->data;
}

static struct indicator_figure fig(long long units)
{
    struct indicator_figure f = {true, units * 1000, 2};
    return f;
}

int main(void)
{
    struct buf b = BUF_INIT(256);
    /* Móng Cái, February 2021: industrial output, a sum of months. */
    long long out21[] = {650000, 647314};
    long long out20[] = {380000, 358745};
    struct indicator_year y21 = year_of(out21, 2, -1), y20 = year_of(out20, 2, -1);
    struct indicator_figure c = indicator_ytd(&y21, INDICATOR_SUM, 2);
    struct indicator_figure p = indicator_ytd(&y20, INDICATOR_SUM, 2);
    CHECK("sum present", c.has);
    CHECK_INT_EQ("sum of two months", c.value, 1297314000LL);
    CHECK_STR_EQ("tăng 75,6%", cmp_text(&b, INDICATOR_CHANGE, c, p), "tăng 75,6% so cùng kỳ");
    CHECK_STR_EQ("ratio 175,6%", cmp_text(&b, INDICATOR_RATIO, c, p), "bằng 175,6% so cùng kỳ");

    CHECK_STR_EQ("bằng 126,1%", cmp_text(&b, INDICATOR_RATIO, fig(1261), fig(1000)),
                 "bằng 126,1% so cùng kỳ");
    CHECK_STR_EQ("giảm 23%", cmp_text(&b, INDICATOR_CHANGE, fig(770), fig(1000)),
                 "giảm 23% so cùng kỳ");
    CHECK_STR_EQ("giảm 49,4%", cmp_text(&b, INDICATOR_CHANGE, fig(506), fig(1000)),
                 "giảm 49,4% so cùng kỳ");
    CHECK_STR_EQ("no change", cmp_text(&b, INDICATOR_CHANGE, fig(5), fig(5)), "bằng cùng kỳ");
    CHECK_STR_EQ("zero base", cmp_text(&b, INDICATOR_RATIO, fig(5), fig(0)), "—");
    CHECK_STR_EQ("negative base", cmp_text(&b, INDICATOR_CHANGE, fig(5), fig(-3)), "—");
    struct indicator_figure none = {false, 0, 2};
    CHECK_STR_EQ("missing base", cmp_text(&b, INDICATOR_RATIO, fig(5), none), "—");
    CHECK_STR_EQ("missing value", cmp_text(&b, INDICATOR_RATIO, none, fig(5)), "—");
    int64_t t = 0;
    CHECK("percent of zero", indicator_percent(&(struct indicator_figure){true, 0, 1}, &(struct indicator_figure){true, 7000, 1}, &t) && t == 0);
    CHECK_INT_EQ("rounding half up", (indicator_percent(&(struct indicator_figure){true, 2, 1}, &(struct indicator_figure){true, 3, 1}, &t), t), 667);
    CHECK_INT_EQ("huge values, no overflow",
                 (indicator_percent(&(struct indicator_figure){true, 900000000000000000LL, 1},
                                    &(struct indicator_figure){true, 600000000000000000LL, 1}, &t),
                  t),
                 1500);

    /* A missing month makes the sum missing rather than partial. */
    long long gap[] = {10, -1, 30};
    struct indicator_year yg = year_of(gap, 3, 100);
    CHECK("sum with a gap is missing", !indicator_ytd(&yg, INDICATOR_SUM, 3).has);
    CHECK("sum before the gap is present", indicator_ytd(&yg, INDICATOR_SUM, 1).has);
    /* Latest: the newest month at or before the one asked. */
    struct indicator_figure l = indicator_ytd(&yg, INDICATOR_LATEST, 2);
    CHECK("latest present", l.has);
    CHECK_INT_EQ("latest falls back to January", l.value, 10000);
    CHECK_INT_EQ("latest says its month", l.month, 1);
    CHECK_INT_EQ("latest in March", indicator_ytd(&yg, INDICATOR_LATEST, 3).value, 30000);
    long long empty[] = {-1, -1};
    struct indicator_year ye = year_of(empty, 2, -1);
    CHECK("latest with nothing", !indicator_ytd(&ye, INDICATOR_LATEST, 2).has);
    CHECK("month 0 is not a month", !indicator_ytd(&yg, INDICATOR_SUM, 0).has);
    CHECK("month 13 is not a month", !indicator_ytd(&yg, INDICATOR_SUM, 13).has);

    /* Plan: disbursement 71,2% of plan. */
    long long disb[] = {71200};
    struct indicator_year yd = year_of(disb, 1, 100000);
    struct indicator_figure dv = indicator_ytd(&yd, INDICATOR_LATEST, 2), plan = indicator_plan(&yd);
    buf_reset(&b);
    indicator_plan_text(&b, &dv, &plan);
    CHECK_STR_EQ("đạt 71,2% kế hoạch", b.data, "đạt 71,2% kế hoạch");
    struct indicator_figure noplan = indicator_plan(&y21);
    buf_reset(&b);
    indicator_plan_text(&b, &c, &noplan);
    CHECK_STR_EQ("no plan", b.data, "—");
    struct indicator_year yz = year_of(disb, 1, 0);
    plan = indicator_plan(&yz);
    buf_reset(&b);
    indicator_plan_text(&b, &dv, &plan);
    CHECK_STR_EQ("zero plan", b.data, "—");

    /* Across a year's end: January compares with last January only. */
    long long jan21[] = {120}, dec20[] = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
    struct indicator_year a = year_of(jan21, 1, -1), z = year_of(dec20, 12, -1);
    struct indicator_figure cj = indicator_ytd(&a, INDICATOR_SUM, 1),
                            pj = indicator_ytd(&z, INDICATOR_SUM, 1);
    CHECK_STR_EQ("January vs January", cmp_text(&b, INDICATOR_CHANGE, cj, pj), "tăng 20% so cùng kỳ");
    CHECK_INT_EQ("December sums the year", indicator_ytd(&z, INDICATOR_SUM, 12).value, 1200000);

    CHECK_INT_EQ("ytd names", indicator_ytd_from_name("latest"), INDICATOR_LATEST);
    CHECK_INT_EQ("ytd names", indicator_ytd_from_name("sum"), INDICATOR_SUM);
    CHECK_INT_EQ("ytd unknown", indicator_ytd_from_name("avg"), 0);
    CHECK_INT_EQ("compare names", indicator_compare_from_name("change"), INDICATOR_CHANGE);
    buf_release(&b);
    return check_report();
}
