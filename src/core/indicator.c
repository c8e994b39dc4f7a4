/*
 * core/indicator.c - year-to-date figures and their percentages; the contract
 * is in indicator.h.
 *
 * Percentages are computed in integers (128-bit intermediate) so that the
 * same figures give the same text on every machine, and "126,1%" in a test
 * is exactly what the report prints.
 */
#include "core/indicator.h"

#include <string.h>

#include "core/vnum.h"

struct indicator_figure indicator_ytd(const struct indicator_year *y, enum indicator_ytd kind,
                                      int month)
{
    struct indicator_figure f = {.has = false, .value = 0, .month = month};
    if (month < 1 || month > 12)
        return f;
    if (kind == INDICATOR_LATEST) {
        for (int m = month; m >= 1; m--)
            if (y->has[m]) {
                f.has = true;
                f.value = y->v[m];
                f.month = m;
                return f;
            }
        return f;
    }
    int64_t sum = 0;
    for (int m = 1; m <= month; m++) {
        if (!y->has[m])
            return f;
        sum += y->v[m];
    }
    f.has = true;
    f.value = sum;
    return f;
}

struct indicator_figure indicator_plan(const struct indicator_year *y)
{
    struct indicator_figure f = {.has = y->has[0], .value = y->has[0] ? y->v[0] : 0, .month = 12};
    return f;
}

bool indicator_percent(const struct indicator_figure *value, const struct indicator_figure *base,
                       int64_t *tenths)
{
    if (!value->has || !base->has || base->value <= 0)
        return false;
    __int128 num = (__int128)value->value * 1000;
    __int128 den = base->value;
    __int128 q = num >= 0 ? (num * 2 + den) / (den * 2) : -((-num * 2 + den) / (den * 2));
    *tenths = (int64_t)q;
    return true;
}

void indicator_compare_text(struct buf *b, enum indicator_compare style,
                            const struct indicator_figure *cur,
                            const struct indicator_figure *prev)
{
    int64_t t;
    if (!indicator_percent(cur, prev, &t)) {
        buf_adds(b, "—");
        return;
    }
    if (style == INDICATOR_RATIO) {
        buf_adds(b, "bằng ");
        vnum_add_percent(b, t);
        buf_adds(b, " so cùng kỳ");
        return;
    }
    int64_t d = t - 1000;
    if (d == 0) {
        buf_adds(b, "bằng cùng kỳ");
        return;
    }
    buf_adds(b, d > 0 ? "tăng " : "giảm ");
    vnum_add_percent(b, d > 0 ? d : -d);
    buf_adds(b, " so cùng kỳ");
}

void indicator_plan_text(struct buf *b, const struct indicator_figure *cur,
                         const struct indicator_figure *plan)
{
    int64_t t;
    if (!indicator_percent(cur, plan, &t)) {
        buf_adds(b, "—");
        return;
    }
    buf_adds(b, "đạt ");
    vnum_add_percent(b, t);
    buf_adds(b, " kế hoạch");
}

const char *indicator_ytd_name(enum indicator_ytd k)
{
    return k == INDICATOR_LATEST ? "latest" : "sum";
}

int indicator_ytd_from_name(const char *s)
{
    if (!s)
        return 0;
    if (strcmp(s, "sum") == 0 || strcmp(s, "cong_don") == 0)
        return INDICATOR_SUM;
    if (strcmp(s, "latest") == 0 || strcmp(s, "moi_nhat") == 0)
        return INDICATOR_LATEST;
    return 0;
}

const char *indicator_compare_name(enum indicator_compare k)
{
    return k == INDICATOR_CHANGE ? "change" : "ratio";
}

int indicator_compare_from_name(const char *s)
{
    if (!s)
        return 0;
    if (strcmp(s, "ratio") == 0 || strcmp(s, "bang") == 0)
        return INDICATOR_RATIO;
    if (strcmp(s, "change") == 0 || strcmp(s, "tang_giam") == 0)
        return INDICATOR_CHANGE;
    return 0;
}

bool indicator_measure_signed(const char *measure)
{
    return measure && strchr(measure, '%');
}
