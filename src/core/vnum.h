/*
 * core/vnum.h - numbers the Vietnamese way: "1.297.314" (a dot groups
 * thousands), "1.297.314,5" and "126,1%" (a comma before the decimals).
 *
 * Amounts are int64_t thousandths ("milli"), so sums of indicator values are
 * exact and no figure depends on binary floating point. Percentages are
 * int64_t tenths of a percent (1261 is 126,1%). Pure: no I/O; output goes to
 * the caller's util/buf.
 */
#ifndef GB_CORE_VNUM_H
#define GB_CORE_VNUM_H

#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

#define VNUM_ONE 1000 /* one unit, in thousandths */

/* The largest magnitude vnum_parse accepts: 10^15 units (a quadrillion đồng). */
#define VNUM_MAX_UNITS 1000000000000000LL

/*
 * Append `milli` (thousandths) rounded half away from zero to `max_decimals`
 * (0-3) decimals, trailing zeros dropped: 1297314000 -> "1.297.314",
 * 1297314500 -> "1.297.314,5", -2500 -> "-2,5".
 */
void vnum_add(struct buf *b, int64_t milli, int max_decimals);

/* Append tenths of a percent: 1261 -> "126,1%", 230 -> "23%", -5 -> "-0,5%". */
void vnum_add_percent(struct buf *b, int64_t tenths);

/*
 * Parse a number as a Vietnamese clerk or a vi-VN spreadsheet writes it:
 * "1.297.314", "1297314", "1297314,5", "-12,75", " 7 ". Dots must group
 * digits by three; at most three decimals. "1,297,314" or "1297314.5"
 * (English style) are refused, so a misread never enters a report. Errors:
 * ERR_INVALID naming `field`, quoting the text, saying the expected form.
 */
int vnum_parse(const char *s, int64_t *milli, const char *field, struct error *e);

#endif
