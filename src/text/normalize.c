/*
 * text/normalize.c - see normalize.h.
 *
 * utf8proc does the Unicode work (validation while decoding, NFC, stripping
 * combining marks, case folding). The one thing Unicode does not do for
 * Vietnamese is đ: it has no decomposition, so it is folded to d by hand,
 * after case folding has turned Đ into đ.
 */
#include "text/normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/buf.h"

bool text_valid_utf8(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n < 0 || cp < 0)
            return false;
        p += n;
        left -= n;
    }
    return true;
}

long text_find_control(const char *s, size_t len, bool multiline)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0)
            return (long)i; /* not UTF-8: callers validate first; refuse rather than skip */
        bool allowed_space = multiline && (cp == '\n' || cp == '\t' || cp == '\r');
        if ((cp < 0x20 && !allowed_space) || (cp >= 0x7f && cp <= 0x9f) ||
            (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
            return (long)i;
        i += (size_t)k;
    }
    return -1;
}

int text_clean(struct arena *a, const char *s, const char *field, size_t max_bytes,
               bool multiline, bool allow_empty, const char **out, struct error *e)
{
    if (!s)
        s = "";
    size_t len = strlen(s);
    /* Cap before the work: a huge input must not cost its size in time. */
    if (len > max_bytes * 4 + 64)
        return error_set(e, ERR_TOO_BIG, field, "Trường %s quá dài (tối đa %zu byte)", field,
                         max_bytes);
    if (!text_valid_utf8(s, len))
        return error_set(e, ERR_INVALID, field,
                         "Trường %s chứa ký tự không hợp lệ (không phải UTF-8); hãy kiểm tra "
                         "bảng mã của văn bản",
                         field);
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n < 0)
        return error_set(e, ERR_INVALID, field, "Trường %s chứa ký tự không hợp lệ", field);
    if (text_find_control((const char *)nfc, (size_t)n, multiline) >= 0) {
        free(nfc);
        return error_set(e, ERR_INVALID, field,
                         "Trường %s chứa ký tự điều khiển không được phép", field);
    }
    size_t start = 0, end = (size_t)n;
    while (start < end && (nfc[start] == ' ' || nfc[start] == '\t' || nfc[start] == '\n' ||
                           nfc[start] == '\r'))
        start++;
    while (end > start && (nfc[end - 1] == ' ' || nfc[end - 1] == '\t' || nfc[end - 1] == '\n' ||
                           nfc[end - 1] == '\r'))
        end--;
    if (end - start > max_bytes) {
        free(nfc);
        return error_set(e, ERR_TOO_BIG, field, "Trường %s quá dài (tối đa %zu byte)", field,
                         max_bytes);
    }
    if (end == start && !allow_empty) {
        free(nfc);
        return error_set(e, ERR_INVALID, field, "Trường %s không được để trống", field);
    }
    *out = arena_strndup(a, (const char *)nfc + start, end - start);
    free(nfc);
    return ERR_OK;
}

/* Fold to base letters, lower case, đ -> d; other characters as `sep` (0 drops them). */
static char *fold(struct arena *a, const char *s, char sep)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, -1, &m,
                                      UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                          UTF8PROC_CASEFOLD | UTF8PROC_COMPAT);
    if (n < 0)
        return arena_strdup(a, "");
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    bool pending_sep = false;
    utf8proc_ssize_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(m + i, n - i, &cp);
        if (k <= 0)
            break;
        i += k;
        if (cp == 0x0111)
            cp = 'd';
        utf8proc_category_t cat = utf8proc_category(cp);
        bool word = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
                    cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO ||
                    cat == UTF8PROC_CATEGORY_ND;
        if (!word) {
            pending_sep = sep && b.len > 0;
            continue;
        }
        if (pending_sep) {
            buf_addc(&b, sep);
            pending_sep = false;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t el = utf8proc_encode_char(cp, enc);
        buf_add(&b, enc, (size_t)el);
    }
    free(m);
    char *out = arena_strndup(a, b.data, b.len);
    buf_release(&b);
    return out;
}

char *text_fold(struct arena *a, const char *s)
{
    return fold(a, s ? s : "", ' ');
}

char *text_fold_compact(struct arena *a, const char *s)
{
    return fold(a, s ? s : "", 0);
}

size_t text_display_width(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
    size_t width = 0;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;
    while (*p && (k = utf8proc_iterate(p, -1, &cp)) > 0) {
        int w = utf8proc_charwidth(cp);
        width += w > 0 ? (size_t)w : 0;
        p += k;
    }
    return width;
}
