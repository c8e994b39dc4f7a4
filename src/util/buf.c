/* util/buf.c - see buf.h. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

char buf_empty_[1];

void buf_init(struct buf *b, size_t limit)
{
    b->data = buf_empty_;
    b->len = b->cap = 0;
    b->limit = limit;
    b->failed = false;
}

void buf_release(struct buf *b)
{
    if (b->cap)
        free(b->data);
    buf_init(b, b->limit);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->data[0] = '\0';
    b->failed = false;
}

/* Make room for `n` more bytes plus the NUL; false (and `failed`) past the limit. */
static bool buf_reserve(struct buf *b, size_t n)
{
    if (b->failed || n > b->limit - b->len) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + n + 1;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < need)
            cap *= 2;
        if (b->cap)
            b->data = xrealloc(b->data, cap);
        else {
            b->data = xmalloc(cap);
            b->data[0] = '\0';
        }
        b->cap = cap;
    }
    return true;
}

void buf_add_grow(struct buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        buf_add(b, small, (size_t)n);
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_add_json_str(struct buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (;; p++) {
        /* Plain bytes (UTF-8 sequences included) are copied a run at a time. */
        if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f)
            continue;
        buf_add(b, run, (size_t)(p - run));
        run = p + 1;
        switch (*p) {
        case '\0': return;
        case '"':  buf_add(b, "\\\"", 2); break;
        case '\\': buf_add(b, "\\\\", 2); break;
        case '\n': buf_add(b, "\\n", 2); break;
        case '\r': buf_add(b, "\\r", 2); break;
        case '\t': buf_add(b, "\\t", 2); break;
        default:    buf_addf(b, "\\u%04x", *p);
        }
    }
}

void buf_add_vnum(struct buf *b, long long n)
{
    char digits[32];
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    int len = snprintf(digits, sizeof digits, "%llu", u);
    if (n < 0)
        buf_addc(b, '-');
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf_addc(b, '.');
        buf_addc(b, digits[i]);
    }
}

char *buf_take(struct buf *b, size_t *len)
{
    char *p = b->cap ? b->data : xstrdup("");
    if (len)
        *len = b->len;
    b->data = buf_empty_;
    b->len = b->cap = 0;
    b->failed = false;
    return p;
}
