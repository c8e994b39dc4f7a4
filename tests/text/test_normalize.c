/*
 * tests/text/test_normalize.c - text at the door: UTF-8 validation, text_clean()
 * (NFC, trimming, control characters, empty, length caps) and the search keys
 * of text_fold() / text_fold_compact().
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/normalize.h"

static struct arena A = ARENA_INIT;

static void valid(const char *name, const char *s, size_t len, bool want)
{
    CHECK_INT_EQ(name, text_valid_utf8(s, len), want);
}

static void check_utf8(void)
{
    const char *vn = "Ủy ban nhân dân thị xã Điện Bàn: Kế hoạch đầu tư";
    valid("Vietnamese", vn, strlen(vn), true);
    valid("empty", "", 0, true);
    valid("ASCII", "UBND", 4, true);
    valid("4-byte emoji", "\xf0\x9f\x98\x80", 4, true);
    valid("U+FFFD", "\xef\xbf\xbd", 3, true);
    valid("U+10FFFF", "\xf4\x8f\xbf\xbf", 4, true);
    valid("0xff", "ab\xff", 3, false);
    valid("0xfe", "\xfe", 1, false);
    valid("lone continuation 0x80", "a\x80z", 3, false);
    valid("truncated 3-byte sequence", "K\xe1\xba", 3, false);
    valid("truncated by len", "K\xe1\xba\xbf", 3, false);
    valid("3-byte sequence broken by ASCII", "\xe1\xba" "a", 3, false);
    valid("overlong / as c0 af", "\xc0\xaf", 2, false);
    valid("overlong NUL as c0 80", "\xc0\x80", 2, false);
    valid("overlong 3-byte e0 80 af", "\xe0\x80\xaf", 3, false);
    valid("UTF-16 surrogate ed a0 80", "\xed\xa0\x80", 3, false);
    valid("UTF-16 surrogate ed bf bf", "\xed\xbf\xbf", 3, false);
    valid("above U+10FFFF", "\xf4\x90\x80\x80", 4, false);
    valid("5-byte form", "\xf8\x88\x80\x80\x80", 5, false);
    valid("Latin-1 ê (Windows-1258 paste)", "K\xea", 2, false);
}

/* text_clean must succeed with exactly `want`. */
static void clean_ok(const char *name, const char *s, size_t max, bool multiline, bool empty,
                     const char *want)
{
    struct error e = ERROR_INIT;
    const char *out = NULL;
    if (!CHECK_INT_EQ(name, text_clean(&A, s, "noi_dung", max, multiline, empty, &out, &e),
                      ERR_OK))
        printf("  message: %s\n", e.message);
    CHECK_STR_EQ(name, out, want);
}

/* text_clean must fail with `code`, naming the field, leaving *out alone. */
static void clean_bad(const char *name, const char *s, size_t max, bool multiline, bool empty,
                      int code)
{
    struct error e = ERROR_INIT;
    const char *out = "untouched";
    CHECK_INT_EQ(name, text_clean(&A, s, "noi_dung", max, multiline, empty, &out, &e), code);
    CHECK_INT_EQ(name, e.code, code);
    CHECK_STR_EQ(name, e.field, "noi_dung");
    CHECK(name, strstr(e.message, "noi_dung") != NULL);
    CHECK_STR_EQ(name, out, "untouched");
}

static void check_clean(void)
{
    const char *nfc = "K\xe1\xba\xbf ho\xe1\xba\xa1" "ch"; /* Kế hoạch, composed */
    CHECK_STR_EQ("the NFC bytes are Kế hoạch", nfc, "Kế hoạch");
    clean_ok("NFD is composed", "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch", 100, false, false, nfc);
    clean_ok("NFC stays", nfc, 100, false, false, nfc);
    clean_ok("spaces trimmed", "   Kế hoạch  ", 100, false, false, nfc);
    clean_ok("inner spaces kept", "a  b", 100, false, false, "a  b");
    clean_ok("D + horn has no composed form", "D\xcc\x9b", 100, false, false, "D\xcc\x9b");
    clean_ok("NFD ư composed", "u\xcc\x9b", 100, false, false, "ư");
    clean_ok("NULL is empty, allowed", NULL, 100, false, true, "");
    clean_ok("empty allowed", "", 100, false, true, "");
    clean_ok("spaces only, empty allowed", "    ", 100, false, true, "");

    clean_bad("control \\x01", "Kế\x01hoạch", 100, false, false, ERR_INVALID);
    clean_bad("control \\x01 multiline", "Kế\x01hoạch", 100, true, false, ERR_INVALID);
    clean_bad("DEL", "a\x7f", 100, true, false, ERR_INVALID);
    clean_bad("escape", "\x1b[31mđỏ", 100, true, false, ERR_INVALID);
    clean_bad("tab in a single line", "a\tb", 100, false, false, ERR_INVALID);
    clean_bad("newline in a single line", "dòng 1\ndòng 2", 100, false, false, ERR_INVALID);
    clean_ok("newline in multiline text", "dòng 1\ndòng 2", 100, true, false, "dòng 1\ndòng 2");
    clean_ok("multiline trims blank lines", "\n dòng 1\n\n", 100, true, false, "dòng 1");
    /* DOMAIN: control characters are refused; U+0085 (NEL) and U+009B (CSI) are C1 controls. */
    clean_bad("C1 control U+0085", "a\xc2\x85" "b", 100, false, false, ERR_INVALID);
    clean_bad("C1 control U+009B", "a\xc2\x9b" "b", 100, true, false, ERR_INVALID);
    clean_bad("invalid UTF-8", "K\xea hoach", 100, false, false, ERR_INVALID);
    clean_bad("surrogate", "\xed\xa0\x80", 100, false, false, ERR_INVALID);
    clean_bad("empty refused", "", 100, false, false, ERR_INVALID);
    clean_bad("NULL refused", NULL, 100, false, false, ERR_INVALID);
    clean_bad("spaces only refused", "   ", 100, false, false, ERR_INVALID);

    /* The cap is on the cleaned bytes: Kế hoạch is 12 bytes in NFC, 15 in NFD. */
    clean_ok("exactly max bytes", nfc, 12, false, false, nfc);
    clean_ok("NFD longer than max, NFC fits", "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch", 12, false,
             false, nfc);
    clean_ok("trimmed spaces do not count", "  abc  ", 3, false, false, "abc");
    clean_bad("one byte over max", nfc, 11, false, false, ERR_TOO_BIG);
    clean_bad("over max", "abcd", 3, false, false, ERR_TOO_BIG);
    size_t n = 1 << 20;
    char *huge = malloc(n + 1);
    memset(huge, 'a', n);
    huge[n] = '\0';
    clean_bad("1 MiB against a 4000-byte cap", huge, 4000, true, false, ERR_TOO_BIG);
    huge[5000] = '\0';
    clean_bad("5000 bytes against a 4000-byte cap", huge, 4000, true, false, ERR_TOO_BIG);
    huge[4000] = '\0';
    struct error e = ERROR_INIT;
    const char *out = NULL;
    CHECK_INT_EQ("4000 bytes against a 4000-byte cap",
                 text_clean(&A, huge, "x", 4000, false, false, &out, &e), ERR_OK);
    CHECK_INT_EQ("4000 bytes kept", out ? strlen(out) : 0, 4000);
    free(huge);
}

static void fold(const char *s, const char *want)
{
    char name[160];
    snprintf(name, sizeof name, "fold '%s'", s);
    char *got = text_fold(&A, s);
    CHECK_STR_EQ(name, got, want);
    snprintf(name, sizeof name, "fold twice '%s'", s);
    CHECK_STR_EQ(name, text_fold(&A, got), want);
}

static void compact(const char *s, const char *want)
{
    char name[160];
    snprintf(name, sizeof name, "fold_compact '%s'", s);
    CHECK_STR_EQ(name, text_fold_compact(&A, s), want);
}

static void check_fold(void)
{
    fold("Kế hoạch", "ke hoach");
    fold("Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch", "ke hoach"); /* NFD folds the same */
    fold("Đầu tư", "dau tu");
    fold("ĐẦU TƯ", "dau tu");
    fold("đường", "duong");
    fold("Phòng Tài chính - Kế hoạch", "phong tai chinh ke hoach");
    fold("Kênh mương", "kenh muong");
    fold("  UBND   thị xã  ", "ubnd thi xa");
    fold("Nghị định 09/2019/NĐ-CP", "nghi dinh 09 2019 nd cp");
    fold("Ỷ Ỹ Ỵ ỳ", "y y y y");
    fold("", "");
    fold(" - / ", "");
    CHECK_STR_EQ("fold NULL", text_fold(&A, NULL), "");
    compact("Phòng TC-KH", "phongtckh");
    compact("Phòng TN&MT", "phongtnmt");
    compact("  Sở Giáo dục & Đào tạo ", "sogiaoducdaotao");
    compact("UBND 2019", "ubnd2019");
    CHECK_STR_EQ("fold_compact NULL", text_fold_compact(&A, NULL), "");
    CHECK("fold: 'ke hoach' finds 'Kế hoạch'",
          strstr(text_fold(&A, "Phòng Tài chính - Kế hoạch"), text_fold(&A, "ke hoach")) != NULL);
}

/* Terminal columns: a letter with two marks is still one column. */
static void check_width(void)
{
    CHECK_INT_EQ("ascii width", text_display_width("Phong"), 5);
    CHECK_INT_EQ("Vietnamese width", text_display_width("Phòng Tài chính - Kế hoạch"), 26);
    CHECK_INT_EQ("NFC ệ is one column", text_display_width("\xe1\xbb\x87"), 1);
    CHECK_INT_EQ("empty", text_display_width(""), 0);
    CHECK_INT_EQ("NULL", text_display_width(NULL), 0);
}

int main(void)
{
    check_width();
    check_utf8();
    check_clean();
    check_fold();
    arena_release(&A);
    return check_report();
}
