/*
 * tests/util/test_buf.c - the utilities everything rests on: struct buf
 * (limits, formatting, JSON strings, Vietnamese numbers, taking the bytes),
 * the arena, and error_set()'s first-error-wins rule.
 */
#include <limits.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"

static void check_limit(void)
{
    struct buf b = BUF_INIT(10);
    CHECK_STR_EQ("BUF_INIT is empty", b.data, "");
    CHECK_INT_EQ("BUF_INIT len", b.len, 0);
    buf_adds(&b, "hello");
    CHECK_STR_EQ("append", b.data, "hello");
    buf_adds(&b, "world!");
    CHECK_STR_EQ("append past the limit appends nothing", b.data, "hello");
    CHECK_INT_EQ("len unchanged", b.len, 5);
    CHECK("failed is set", b.failed);
    buf_addc(&b, 'x');
    buf_adds(&b, "");
    CHECK_STR_EQ("after failing, even a fitting append adds nothing", b.data, "hello");
    CHECK("failed stays set", b.failed);
    buf_reset(&b);
    CHECK("reset clears failed", !b.failed);
    CHECK_INT_EQ("reset keeps the limit", b.limit, 10);
    CHECK_STR_EQ("reset empties", b.data, "");
    buf_adds(&b, "0123456789");
    CHECK_STR_EQ("exactly the limit fits", b.data, "0123456789");
    CHECK("exactly the limit: not failed", !b.failed);
    buf_addc(&b, 'x');
    CHECK("one byte past the limit fails", b.failed && b.len == 10);
    buf_release(&b);
    CHECK("release: back to the shared empty string", b.cap == 0 && b.len == 0 && *b.data == 0);

    struct buf z;
    buf_init(&z, 0);
    buf_adds(&z, "");
    CHECK("limit 0: empty append is fine", !z.failed);
    buf_addc(&z, 'a');
    CHECK("limit 0: any byte fails", z.failed && z.len == 0 && z.data[0] == '\0');
    buf_release(&z);

    /* Growth: many appends, contents intact, always NUL-terminated. */
    struct buf g = BUF_INIT(BUF_NO_LIMIT);
    for (int i = 0; i < 10000; i++)
        buf_addc(&g, (char)('a' + i % 26));
    bool ok = g.len == 10000 && g.data[10000] == '\0' && !g.failed;
    for (int i = 0; ok && i < 10000; i++)
        ok = g.data[i] == (char)('a' + i % 26);
    CHECK("10000 appends", ok);
    buf_add(&g, "\0z", 2);
    CHECK("buf_add copies NUL bytes", g.len == 10002 && g.data[10000] == '\0' &&
                                          g.data[10001] == 'z' && g.data[10002] == '\0');
    buf_release(&g);
}

static void check_addf(void)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addf(&b, "%s-%d-%05.1f", "Số", 5, 3.14159);
    CHECK_STR_EQ("addf", b.data, "Số-5-003.1");

    char want[1200];
    memset(want, 'x', 1000);
    want[1000] = '\0';
    buf_reset(&b);
    buf_adds(&b, "<");
    buf_addf(&b, "%s|%d", want, 42);
    char expect[1300];
    snprintf(expect, sizeof expect, "<%s|42", want);
    CHECK_STR_EQ("addf past 256 bytes", b.data, expect);
    CHECK_INT_EQ("addf past 256 bytes: len", b.len, 1004);

    /* Both sides of the 256-byte stack buffer. */
    for (int n = 254; n <= 258; n++) {
        char name[64];
        buf_reset(&b);
        buf_addf(&b, "%.*s", n, want);
        snprintf(name, sizeof name, "addf of %d bytes", n);
        CHECK(name, b.len == (size_t)n && strlen(b.data) == (size_t)n && !b.failed);
    }

    struct buf s = BUF_INIT(300);
    buf_adds(&s, "ab");
    buf_addf(&s, "%s", want); /* 1000 bytes into a 300-byte limit */
    CHECK("long addf past the limit adds nothing", s.failed && s.len == 2 &&
                                                       strcmp(s.data, "ab") == 0);
    buf_release(&s);
    struct buf s2 = BUF_INIT(10);
    buf_addf(&s2, "%d%d", 12345, 678901);
    CHECK("short addf past the limit adds nothing", s2.failed && s2.len == 0);
    buf_release(&s2);
    buf_release(&b);
}

static void check_json(void)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_add_json_str(&b, "a\"b\\c\nd\x01" "e\tf\rg\x1fh\x7f" "Kế");
    CHECK_STR_EQ("json escapes", b.data,
                 "a\\\"b\\\\c\\nd\\u0001e\\tf\\rg\\u001fh\\u007fKế");
    buf_reset(&b);
    buf_add_json_str(&b, "");
    CHECK_STR_EQ("json empty", b.data, "");
    buf_add_json_str(&b, "/ Sở </script>");
    CHECK_STR_EQ("json plain", b.data, "/ Sở </script>");
    buf_release(&b);
}

static void vnum(long long n, const char *want)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    char name[64];
    snprintf(name, sizeof name, "vnum %lld", n);
    buf_add_vnum(&b, n);
    CHECK_STR_EQ(name, b.data, want);
    buf_release(&b);
}

static void check_vnum(void)
{
    vnum(1297314, "1.297.314");
    vnum(0, "0");
    vnum(7, "7");
    vnum(999, "999");
    vnum(1000, "1.000");
    vnum(100000, "100.000");
    vnum(-5, "-5");
    vnum(-999, "-999");
    vnum(-1000, "-1.000");
    vnum(-1234567, "-1.234.567");
    vnum(LLONG_MAX, "9.223.372.036.854.775.807");
    vnum(LLONG_MIN, "-9.223.372.036.854.775.808");
}

static void check_take(void)
{
    struct buf b = BUF_INIT(100);
    buf_adds(&b, "Giao ban");
    size_t len = 0;
    char *p = buf_take(&b, &len);
    CHECK_STR_EQ("take: the bytes", p, "Giao ban");
    CHECK_INT_EQ("take: the length", len, 8);
    CHECK("take: buffer is empty again", b.len == 0 && b.cap == 0 && b.data[0] == '\0');
    CHECK("take: buffer no longer owns the bytes", b.data != p);
    buf_adds(&b, "again");
    CHECK_STR_EQ("take: buffer usable again", b.data, "again");
    CHECK_STR_EQ("take: taken bytes untouched", p, "Giao ban");
    free(p);
    buf_release(&b);

    struct buf e = BUF_INIT(100);
    char *q = buf_take(&e, NULL);
    CHECK_STR_EQ("take of an empty buffer: a fresh empty string", q, "");
    free(q); /* must be free()-able, not the shared "" */

    struct buf f = BUF_INIT(3);
    buf_adds(&f, "abcd");
    char *r = buf_take(&f, &len);
    CHECK("take of a failed buffer clears failed", !f.failed && len == 0 && r[0] == '\0');
    free(r);
}

static void check_arena(void)
{
    struct arena a = ARENA_INIT;
    size_t align = alignof(max_align_t);
    bool aligned = true, zeroed = true;
    static const size_t sizes[] = {1, 3, 7, 8, 13, 16, 17, 100, 0, 1, 5000, 20000, 1, 70000, 2};
    unsigned char *prev[sizeof sizes / sizeof sizes[0]];
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = arena_alloc(&a, sizes[i]);
        prev[i] = p;
        aligned &= (uintptr_t)p % align == 0;
        for (size_t k = 0; k < sizes[i]; k++)
            zeroed &= p[k] == 0;
        memset(p, 0xee, sizes[i]);
    }
    CHECK("arena_alloc: aligned for any type", aligned);
    CHECK("arena_alloc: zeroed", zeroed);
    bool disjoint = true;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        for (size_t j = 0; j < i; j++) {
            unsigned char *lo = prev[i] < prev[j] ? prev[i] : prev[j];
            unsigned char *hi = prev[i] < prev[j] ? prev[j] : prev[i];
            size_t lo_size = lo == prev[i] ? sizes[i] : sizes[j];
            disjoint &= lo + lo_size <= hi && prev[i] != prev[j];
        }
    CHECK("arena_alloc: allocations do not overlap", disjoint);
    size_t asked = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        asked += sizes[i];
    CHECK("arena total counts the bytes handed out",
          a.total >= asked && a.total <= asked + align * (sizeof sizes / sizeof sizes[0]));

    char *s = arena_printf(&a, "%s %d/%s", "Thông báo số", 5, "TB-UBND");
    CHECK_STR_EQ("arena_printf", s, "Thông báo số 5/TB-UBND");
    CHECK("arena_printf: aligned", (uintptr_t)s % align == 0);
    char big[100001];
    memset(big, 'k', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char *l = arena_printf(&a, "[%s]", big);
    CHECK("arena_printf of 100 KB", l && strlen(l) == 100002 && l[0] == '[' && l[1] == 'k' &&
                                        l[100000] == 'k' && l[100001] == ']');
    CHECK_STR_EQ("arena_printf of nothing", arena_printf(&a, "%s", ""), "");
    CHECK_STR_EQ("arena_strdup", arena_strdup(&a, "Đà Nẵng"), "Đà Nẵng");
    CHECK("arena_strdup(NULL) is NULL", arena_strdup(&a, NULL) == NULL);
    CHECK_STR_EQ("arena_strndup", arena_strndup(&a, "abcdef", 3), "abc");

    size_t cap = 0;
    int *v = NULL;
    for (int i = 0; i < 1000; i++) {
        v = arena_grow(&a, v, &cap, (size_t)i + 1, sizeof *v);
        v[i] = i * 3;
    }
    bool kept = cap >= 1000;
    for (int i = 0; kept && i < 1000; i++)
        kept = v[i] == i * 3;
    CHECK("arena_grow keeps the elements", kept);

    arena_release(&a);
    CHECK("arena_release: as after ARENA_INIT", a.head == NULL && a.total == 0);
    CHECK_STR_EQ("arena usable after release", arena_strdup(&a, "x"), "x");
    arena_release(&a);
}

static void check_error(void)
{
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("error_set returns its code",
                 error_set(&e, ERR_INVALID, "deadline", "Ngày %d không hợp lệ", 31), ERR_INVALID);
    CHECK_INT_EQ("second error_set returns its own code",
                 error_set(&e, ERR_NOT_FOUND, "unit", "Không tìm thấy"), ERR_NOT_FOUND);
    CHECK_INT_EQ("first error kept: code", e.code, ERR_INVALID);
    CHECK_STR_EQ("first error kept: field", e.field, "deadline");
    CHECK_STR_EQ("first error kept: message", e.message, "Ngày 31 không hợp lệ");
    CHECK_INT_EQ("error_set(NULL) returns the code", error_set(NULL, ERR_STORE, "x", "y"),
                 ERR_STORE);
    error_clear(&e);
    CHECK("error_clear", e.code == ERR_OK && e.field[0] == 0 && e.message[0] == 0);
    error_set(&e, ERR_CONFLICT, NULL, "xung đột");
    CHECK("after clear, a new error is kept; NULL field is \"\"",
          e.code == ERR_CONFLICT && strcmp(e.field, "") == 0 && strcmp(e.message, "xung đột") == 0);
    error_clear(&e);
    char longf[200], longm[2000];
    memset(longf, 'f', sizeof longf - 1);
    longf[sizeof longf - 1] = 0;
    memset(longm, 'm', sizeof longm - 1);
    longm[sizeof longm - 1] = 0;
    error_set(&e, ERR_TOO_BIG, longf, "%s", longm);
    CHECK("long field and message are cut, NUL-terminated",
          strlen(e.field) == sizeof e.field - 1 && strlen(e.message) == sizeof e.message - 1);
    /* A quote cut by its precision, or a message cut at its buffer's end, keeps whole
     * characters only: a message is text. */
    error_clear(&e);
    error_set(&e, ERR_INVALID, "date", "Ngày '%.4s' không hợp lệ", "ngày 31"); /* n g à */
    CHECK_STR_EQ("a quote cut on a character's end keeps it", e.message,
                 "Ngày 'ngà' không hợp lệ");
    error_clear(&e);
    error_set(&e, ERR_INVALID, "date", "'%.3s'", "ngày"); /* "ng" and the first byte of "à" */
    CHECK_STR_EQ("a quote cut after one byte of a character", e.message, "'ng'");
    error_clear(&e);
    error_set(&e, ERR_INVALID, "x", "a\xC3(b\xED\xA0\x80" "c\xF4\x90\x80\x80" "d\xC0\xAF" "e");
    CHECK_STR_EQ("stray, surrogate, beyond U+10FFFF and overlong bytes dropped", e.message,
                 "a(bcde");
    char vn[1200] = "";
    for (int i = 0; i < 300; i++)
        strcat(vn, "ệ"); /* 3 bytes each: 511 is not a multiple of 3 */
    error_clear(&e);
    error_set(&e, ERR_INVALID, "x", "%s", vn);
    CHECK_INT_EQ("a message cut at its end keeps whole characters", strlen(e.message) % 3, 0);
    CHECK_INT_EQ("and as many as fit", strlen(e.message), 510);
    CHECK_INT_EQ("exit status invalid", error_exit_status(ERR_INVALID), 2);
    CHECK_INT_EQ("exit status not found", error_exit_status(ERR_NOT_FOUND), 3);
    CHECK_INT_EQ("exit status conflict", error_exit_status(ERR_CONFLICT), 5);
    CHECK_INT_EQ("exit status ok", error_exit_status(ERR_OK), 0);
    CHECK_STR_EQ("code name", error_code_name(ERR_NOT_FOUND), "not_found");
    CHECK_STR_EQ("code name too big", error_code_name(ERR_TOO_BIG), "too_big");
}

int main(void)
{
    check_limit();
    check_addf();
    check_json();
    check_vnum();
    check_take();
    check_arena();
    check_error();
    return check_report();
}
