/*
 * core/indicator.h - socio-economic indicators (chỉ tiêu kinh tế - xã hội):
 * the year-to-date figure, the same period last year, the percentage against
 * it and against the annual plan, worded as the briefing reads them:
 * "bằng 126,1% so cùng kỳ", "tăng 75,6% so cùng kỳ", "giảm 23% so cùng kỳ",
 * "đạt 71,2% kế hoạch".
 *
 * Values are thousandths of the indicator's measure (core/vnum.h). A zero,
 * negative or missing base gives no percentage (printed "—"), never a
 * division by zero. Pure: no I/O, no clock.
 */
#ifndef GB_CORE_INDICATOR_H
#define GB_CORE_INDICATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

/* How the year-to-date figure comes from the months. */
enum indicator_ytd {
    INDICATOR_SUM = 1, /* a flow: revenue, output, visitors; the months add up */
    INDICATOR_LATEST,  /* a stock or running figure: the latest month's value */
};

/* How the comparison with the same period last year is worded. */
enum indicator_compare {
    INDICATOR_RATIO = 1, /* "bằng 126,1% so cùng kỳ" */
    INDICATOR_CHANGE,    /* "tăng 75,6% so cùng kỳ", "giảm 23% so cùng kỳ" */
};

struct indicator_rec {
    int64_t id;
    const char *code;    /* unique: "NSNN", "SXCN" */
    const char *name;    /* "Tổng thu NSNN trên địa bàn" */
    const char *measure; /* "triệu đồng", "%", "lượt khách" */
    enum indicator_ytd ytd;
    enum indicator_compare compare;
    int sort;            /* order in the report's table */
};

/* Can values of an indicator measured in `measure` be negative? Only a rate ("%": growth may
 * fall below zero); a count or an amount (lượt khách, triệu đồng, hồ sơ) cannot. */
bool indicator_measure_signed(const char *measure);

/* One indicator, one unit, one year: [0] the annual plan, [1..12] the months. */
struct indicator_year {
    int64_t v[13];
    bool has[13];
};

/* A figure that may be missing. */
struct indicator_figure {
    bool has;
    int64_t value; /* thousandths */
    int month;     /* the month it stands for: `month` itself, or for LATEST the month found */
};

/*
 * The year-to-date figure through `month` (1-12). SUM: the months 1..month
 * added, missing (has false) unless every one of them is present, since a
 * partial sum compared with last year's full one would mislead. LATEST: the
 * value of the latest month <= `month` that has one.
 */
struct indicator_figure indicator_ytd(const struct indicator_year *y, enum indicator_ytd kind,
                                      int month);

/* The annual plan of `y`, if set. */
struct indicator_figure indicator_plan(const struct indicator_year *y);

/*
 * `value` as a percentage of `base`, in tenths of a percent rounded half
 * away from zero (1261 for 126,1%). False when the base is missing, zero or
 * negative: there is no meaningful percentage then.
 */
bool indicator_percent(const struct indicator_figure *value, const struct indicator_figure *base,
                       int64_t *tenths);

/*
 * Append the comparison with the same period last year: "bằng 126,1% so cùng
 * kỳ" (RATIO), "tăng 75,6% so cùng kỳ" / "giảm 23% so cùng kỳ" / "bằng cùng
 * kỳ" (CHANGE); "—" when there is no percentage.
 */
void indicator_compare_text(struct buf *b, enum indicator_compare style,
                            const struct indicator_figure *cur,
                            const struct indicator_figure *prev);

/* Append "đạt 71,2% kế hoạch", or "—". */
void indicator_plan_text(struct buf *b, const struct indicator_figure *cur,
                         const struct indicator_figure *plan);

/* "sum"/"latest", "ratio"/"change" and back; 0 when unknown. */
const char *indicator_ytd_name(enum indicator_ytd k);
int indicator_ytd_from_name(const char *s);
const char *indicator_compare_name(enum indicator_compare k);
int indicator_compare_from_name(const char *s);

#endif
