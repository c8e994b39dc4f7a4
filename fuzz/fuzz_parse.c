/*
 * fuzz/fuzz_parse.c - libFuzzer harness: the parsers of what a clerk types, on
 * any bytes (tests/core/fuzz_parse.sh builds and runs it).
 *
 * Every input (taken as a NUL-terminated text: the first NUL ends it, as it
 * ends a C string every caller passes) goes through each of:
 *
 *   day_parse (core/day.h) with no default year and with 2020: on success the
 *     day is a valid date of [DAY_MIN_YEAR, DAY_MAX_YEAR]; its ISO form and its
 *     Vietnamese form ("07/9/2020") parse back to the same day; the long form
 *     is valid UTF-8. On a refusal: ERR_INVALID naming the field given, with a
 *     non-empty message, in valid UTF-8 when the input is (a message quoting
 *     the input with '%.40s' cuts it by bytes, maybe inside a character: that
 *     is printed once per parser as "fuzz_parse: NOTE ..." and not counted,
 *     since the HTTP layer replaces such a message; FUZZ_PARSE_STRICT=1
 *     makes it abort). Known faults noted the same way: vnum_parse takes
 *     "1000000000000000,5", beyond VNUM_MAX_UNITS by its decimals).
 *   vnum_parse (core/vnum.h): on success |value| <= VNUM_MAX_UNITS units, and
 *     the formatter's output (vnum_add, 3 decimals) parses back to the same
 *     value; the percent formatter does not crash. On a refusal: as above.
 *   app_parse_month (app/briefing.h): on success the month is 1-12 and the year
 *     in range; "YYYY-MM" and "M/YYYY" of it parse back to the same month.
 *   text/normalize.h: text_valid_utf8 agrees with a strict decoder written
 *     here; on valid UTF-8, text_fold and text_fold_compact give valid UTF-8
 *     and are idempotent; text_clean (one line and multiline) gives valid UTF-8
 *     without a control character, within its byte cap, and is idempotent;
 *     on invalid UTF-8 text_clean refuses. text_display_width does not crash.
 *
 * A broken property prints "fuzz_parse: ..." and aborts (libFuzzer keeps the
 * input). ASan and UBSan catch the rest; libFuzzer's leak check runs per input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/briefing.h"
#include "core/day.h"
#include "core/vnum.h"
#include "text/normalize.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *input, const char *detail)
{
    fprintf(stderr, "fuzz_parse: %s: input '%.200s' (%.300s)\n", what, input,
            detail ? detail : "");
    abort();
}

/* Strict UTF-8 (RFC 3629): no overlong form, no surrogate, nothing beyond U+10FFFF. */
static bool utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            cp = c & 0x1F;
            k = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            cp = c & 0x0F;
            k = 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            cp = c & 0x07;
            k = 4;
        } else {
            return false;
        }
        if (i + k > n)
            return false;
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += k;
    }
    return true;
}

/*
 * A known fault of a file this harness does not own (see the top of this file): printed once
 * per kind as "fuzz_parse: NOTE ...", not counted, so that the fuzzer goes on looking for
 * crashes; with FUZZ_PARSE_STRICT set, it aborts like any other broken property.
 */
static void note(const char *what, const char *input, const char *detail)
{
    if (getenv("FUZZ_PARSE_STRICT"))
        fail(what, input, detail);
    static char noted[16][64];
    for (size_t i = 0; i < 16; i++) {
        if (strcmp(noted[i], what) == 0)
            return;
        if (!noted[i][0]) {
            snprintf(noted[i], sizeof noted[i], "%s", what);
            fprintf(stderr, "fuzz_parse: NOTE %s: %s: input '", what, detail);
            const unsigned char *c = (const unsigned char *)input;
            for (size_t k = 0; c[k] && k < 200; k++) /* control bytes escaped: one line */
                fprintf(stderr, c[k] < 0x20 || c[k] == 0x7F ? "\\x%02x" : "%c", c[k]);
            fprintf(stderr, "'\n");
            return;
        }
    }
}

static void check_refusal(const char *what, const char *input, int rc, const struct error *e,
                          const char *field)
{
    if (rc != ERR_INVALID && !(rc == ERR_TOO_BIG && strncmp(what, "text_clean", 10) == 0))
        fail(what, input, "a refusal that is not ERR_INVALID (or ERR_TOO_BIG for a text)");
    if (strcmp(e->field, field) != 0)
        fail(what, input, e->field);
    if (!e->message[0])
        fail(what, input, "an empty message");
    /* A message may quote the input: invalid UTF-8 in, invalid out is tolerated here (the
     * HTTP layer replaces such a message); valid in must give a valid message, also when
     * the quote is cut (%.40s) in the middle of a character. */
    if (utf8_ok((const unsigned char *)input, strlen(input)) &&
        !utf8_ok((const unsigned char *)e->message, strlen(e->message))) {
        note(what, input, "a message in invalid UTF-8 for a valid input (the quote cut "
                          "inside a character)");
    }
}

static void check_day(const char *s, int default_year)
{
    struct error e = ERROR_INIT;
    day_num d = 12345;
    int rc = day_parse(s, default_year, &d, "ngay", &e);
    if (rc) {
        check_refusal("day_parse refusal", s, rc, &e, "ngay");
        return;
    }
    int y, m, dd;
    day_to_ymd(d, &y, &m, &dd);
    if (!day_valid_ymd(y, m, dd) || y < DAY_MIN_YEAR || y > DAY_MAX_YEAR ||
        day_from_ymd(y, m, dd) != d)
        fail("day_parse gave a day out of range", s, NULL);
    char iso[16], vn[16], lng[48];
    day_format_iso(d, iso);
    day_format_vn(d, vn);
    day_format_vn_long(d, lng);
    if (!utf8_ok((const unsigned char *)lng, strlen(lng)))
        fail("day_format_vn_long is not UTF-8", s, lng);
    const char *forms[] = {iso, vn};
    for (size_t i = 0; i < 2; i++) {
        day_num back = 0;
        struct error e2 = ERROR_INIT;
        if (day_parse(forms[i], 0, &back, "ngay", &e2) || back != d)
            fail("a parsed day does not parse back from its format", s, forms[i]);
    }
}

static void check_vnum(const char *s)
{
    struct error e = ERROR_INIT;
    int64_t v = 0;
    int rc = vnum_parse(s, &v, "gia_tri", &e);
    if (rc) {
        check_refusal("vnum_parse refusal", s, rc, &e, "gia_tri");
        return;
    }
    if (v > VNUM_MAX_UNITS * VNUM_ONE + 999 || v < -VNUM_MAX_UNITS * VNUM_ONE - 999)
        fail("vnum_parse took a value beyond VNUM_MAX_UNITS", s, NULL);
    if (v > VNUM_MAX_UNITS * VNUM_ONE || v < -VNUM_MAX_UNITS * VNUM_ONE)
        note("vnum_parse beyond VNUM_MAX_UNITS", s,
             "the whole part is checked against the limit, not the value with its decimals");
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    vnum_add(&b, v, 3);
    buf_addc(&b, '\0');
    int64_t back = 0;
    struct error e2 = ERROR_INIT;
    if (vnum_parse(b.data, &back, "gia_tri", &e2) || back != v) {
        char detail[400];
        snprintf(detail, sizeof detail, "%lld formats as '%s', parses as %lld (%s)", (long long)v,
                 b.data, (long long)back, e2.message);
        buf_release(&b);
        fail("vnum_parse of the formatter's output differs", s, detail);
    }
    buf_reset(&b);
    vnum_add(&b, v, 0);
    vnum_add_percent(&b, v / VNUM_ONE); /* tenths of a percent: within what a rate can be */
    buf_release(&b);
}

static void check_month(const char *s)
{
    struct error e = ERROR_INIT;
    int y = 0, m = 0;
    int rc = app_parse_month(s, "thang", &y, &m, &e);
    if (rc) {
        check_refusal("app_parse_month refusal", s, rc, &e, "thang");
        return;
    }
    if (m < 1 || m > 12 || y < DAY_MIN_YEAR || y > DAY_MAX_YEAR) {
        char detail[64];
        snprintf(detail, sizeof detail, "year %d month %d", y, m);
        fail("app_parse_month gave a month out of range", s, detail);
    }
    char forms[2][32];
    snprintf(forms[0], sizeof forms[0], "%04d-%02d", y, m);
    snprintf(forms[1], sizeof forms[1], "%d/%d", m, y);
    for (size_t i = 0; i < 2; i++) {
        int y2 = 0, m2 = 0;
        struct error e2 = ERROR_INIT;
        if (app_parse_month(forms[i], "thang", &y2, &m2, &e2) || y2 != y || m2 != m)
            fail("a parsed month does not parse back from its format", s, forms[i]);
    }
}

static void check_text(const char *s, size_t n)
{
    struct arena a = ARENA_INIT;
    bool valid = utf8_ok((const unsigned char *)s, n);
    if (text_valid_utf8(s, n) != valid)
        fail("text_valid_utf8 disagrees with a strict decoder", s, valid ? "valid" : "invalid");
    const size_t caps[] = {16, 4096};
    for (int multiline = 0; multiline < 2; multiline++) {
        struct error e = ERROR_INIT;
        const char *out = NULL;
        size_t cap = caps[multiline];
        int rc = text_clean(&a, s, "truong", cap, multiline, true, &out, &e);
        if (rc) {
            check_refusal("text_clean refusal", s, rc, &e, "truong");
            continue;
        }
        if (!valid)
            fail("text_clean took invalid UTF-8", s, NULL);
        size_t on = strlen(out);
        if (on > cap)
            fail("text_clean's result is beyond its cap", s, out);
        if (!utf8_ok((const unsigned char *)out, on))
            fail("text_clean's result is not valid UTF-8", s, out);
        if (text_find_control(out, on, multiline) >= 0)
            fail("text_clean's result holds a control character", s, out);
        const char *again = NULL;
        struct error e2 = ERROR_INIT;
        if (text_clean(&a, out, "truong", cap, multiline, true, &again, &e2))
            fail("text_clean refuses its own result", s, e2.message);
        if (strcmp(again, out) != 0)
            fail("text_clean is not idempotent", s, again);
    }
    if (valid) {
        char *f = text_fold(&a, s);
        if (!utf8_ok((const unsigned char *)f, strlen(f)))
            fail("text_fold's result is not valid UTF-8", s, f);
        char *ff = text_fold(&a, f);
        if (strcmp(f, ff) != 0) {
            char detail[300];
            snprintf(detail, sizeof detail, "fold '%.120s', fold of fold '%.120s'", f, ff);
            fail("text_fold is not idempotent", s, detail);
        }
        char *c = text_fold_compact(&a, s);
        if (!utf8_ok((const unsigned char *)c, strlen(c)))
            fail("text_fold_compact's result is not valid UTF-8", s, c);
        char *cc = text_fold_compact(&a, c);
        if (strcmp(c, cc) != 0)
            fail("text_fold_compact is not idempotent", s, cc);
        (void)text_display_width(s);
    }
    arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    size_t n = strlen(s);
    check_day(s, 0);
    check_day(s, 2020);
    check_vnum(s);
    check_month(s);
    check_text(s, n);
    free(s);
    return 0;
}
