/*
 * core/vnum.c - Vietnamese number text; the contract is in vnum.h.
 *
 * Parsing is strict on purpose: "1.234" means one thousand two hundred and
 * thirty-four in Vietnamese and 1.234 in English. A dot followed by anything
 * but exactly three digits cannot be a Vietnamese thousands separator, so it
 * is refused with the form expected rather than guessed.
 */
#include "core/vnum.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void add_grouped(struct buf *b, uint64_t u)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf_addc(b, '.');
        buf_addc(b, digits[i]);
    }
}

void vnum_add(struct buf *b, int64_t milli, int max_decimals)
{
    if (max_decimals < 0)
        max_decimals = 0;
    if (max_decimals > 3)
        max_decimals = 3;
    bool neg = milli < 0;
    uint64_t u = neg ? 0ULL - (uint64_t)milli : (uint64_t)milli;
    uint64_t step = 1;
    for (int i = max_decimals; i < 3; i++)
        step *= 10;
    u = (u + step / 2) / step * step; /* half away from zero */
    uint64_t whole = u / 1000, frac = u % 1000;
    if (neg && u)
        buf_addc(b, '-');
    add_grouped(b, whole);
    if (frac) {
        char f[4];
        snprintf(f, sizeof f, "%03u", (unsigned)frac);
        int n = 3;
        while (n > 0 && f[n - 1] == '0')
            n--;
        buf_addc(b, ',');
        buf_add(b, f, (size_t)n);
    }
}

void vnum_add_percent(struct buf *b, int64_t tenths)
{
    vnum_add(b, tenths * 100, 1);
    buf_addc(b, '%');
}

static int refuse(const char *s, const char *field, struct error *e)
{
    return error_set(e, ERR_INVALID, field,
                     "Số không hợp lệ: '%.60s' (viết như 1.297.314 hoặc 1297314,5: dấu chấm "
                     "phân cách hàng nghìn, dấu phẩy trước phần thập phân)",
                     s);
}

int vnum_parse(const char *s, int64_t *milli, const char *field, struct error *e)
{
    const char *p = s ? s : "";
    while (*p == ' ' || *p == '\t')
        p++;
    bool neg = false;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    }
    if (!isdigit((unsigned char)*p))
        return refuse(s ? s : "", field, e);
    uint64_t whole = 0;
    int group = 0;      /* digits since the last dot (or the start) */
    bool dotted = false;
    for (; isdigit((unsigned char)*p) || *p == '.'; p++) {
        if (*p == '.') {
            /* A dot closes a group: the first of 1-3 digits, the others of exactly 3. */
            if (group == 0 || group > 3 || (dotted && group != 3))
                return refuse(s, field, e);
            dotted = true;
            group = 0;
            continue;
        }
        whole = whole * 10 + (uint64_t)(*p - '0');
        if (whole > (uint64_t)VNUM_MAX_UNITS)
            return error_set(e, ERR_INVALID, field, "Số quá lớn: '%.60s'", s);
        group++;
    }
    if (dotted && group != 3)
        return refuse(s, field, e);
    uint64_t frac = 0;
    if (*p == ',') {
        p++;
        int nd = 0;
        while (isdigit((unsigned char)*p)) {
            if (++nd > 3)
                return error_set(e, ERR_INVALID, field,
                                 "Số '%.60s' có quá 3 chữ số thập phân", s);
            frac = frac * 10 + (uint64_t)(*p++ - '0');
        }
        if (nd == 0)
            return refuse(s, field, e);
        for (; nd < 3; nd++)
            frac *= 10;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        return refuse(s, field, e);
    /* The bound holds for the whole value: 10^15 is the largest, "10^15,5" is beyond it. */
    if (whole * 1000 + frac > (uint64_t)VNUM_MAX_UNITS * 1000)
        return error_set(e, ERR_INVALID, field, "Số quá lớn: '%.60s'", s);
    int64_t v = (int64_t)(whole * 1000 + frac);
    *milli = neg ? -v : v;
    return ERR_OK;
}
