/*
 * util/buf.h - the one growable byte string.
 *
 * From BUF_INIT or buf_init() on: `data` is never NULL and data[len] is '\0';
 * `len` never exceeds `limit`: an append that would pass it appends nothing
 * and sets `failed`, which stays set, so a producer appends freely and checks
 * once. Out of memory aborts. The struct is embedded by value; buf_release()
 * frees the bytes and leaves the struct as BUF_INIT did.
 */
#ifndef GB_UTIL_BUF_H
#define GB_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct buf {
    char *data;
    size_t len;
    size_t cap;   /* bytes allocated; 0 while `data` is the shared "" */
    size_t limit; /* most bytes this buffer may ever hold */
    bool failed;  /* an append would have passed `limit` */
};

extern char buf_empty_[1];
#define BUF_INIT(max) {.data = buf_empty_, .len = 0, .cap = 0, .limit = (max), .failed = false}
#define BUF_NO_LIMIT ((size_t)1 << 40)

void buf_init(struct buf *b, size_t limit);
void buf_release(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, keeps memory and `limit`, clears `failed` */
void buf_add_grow(struct buf *b, const void *p, size_t n); /* buf_add when it may not fit */

/* Appends are inline while they fit: JSON writers make tens of thousands of small ones. */
static inline void buf_add(struct buf *b, const void *p, size_t n)
{
    if (n < b->cap - b->len && n <= b->limit - b->len && !b->failed) {
        memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        buf_add_grow(b, p, n);
    }
}

static inline void buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static inline void buf_addc(struct buf *b, char c)
{
    buf_add(b, &c, 1);
}

void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append `s` as the inside of a JSON string (quotes not included). */
void buf_add_json_str(struct buf *b, const char *s);
/* Append `n` with dots grouping thousands, as Vietnamese writes 1.297.314. */
void buf_add_vnum(struct buf *b, long long n);
char *buf_take(struct buf *b, size_t *len); /* caller frees; b is as after BUF_INIT */

#endif
