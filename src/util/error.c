/* util/error.c - see error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the well-formed UTF-8 character at s[0..n), or 0 (truncated, overlong, a
 * surrogate, beyond U+10FFFF, a stray continuation byte). */
static size_t utf8_char_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (k == 0 || k > n)
        return 0;
    unsigned v = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    static const unsigned least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[k] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    return k;
}

/* Drop what is not well-formed UTF-8, in place: a message quoting the first 40 bytes of what
 * a user typed ("%.40s") or cut at its buffer's end may have split a character, and a
 * message must stay text (JSON, a terminal). */
static void keep_utf8(char *m)
{
    size_t n = strlen(m), w = 0;
    for (size_t r = 0; r < n;) {
        size_t k = utf8_char_len((const unsigned char *)m + r, n - r);
        if (!k) {
            r++;
            continue;
        }
        memmove(m + w, m + r, k);
        w += k;
        r += k;
    }
    m[w] = '\0';
}

int error_set(struct error *e, enum err_code code, const char *field, const char *fmt, ...)
{
    if (!e || e->code != ERR_OK)
        return code;
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    keep_utf8(e->field);
    keep_utf8(e->message);
    return code;
}

void error_clear(struct error *e)
{
    if (!e)
        return;
    e->code = ERR_OK;
    e->field[0] = '\0';
    e->message[0] = '\0';
}

int error_exit_status(enum err_code code)
{
    switch (code) {
    case ERR_OK:        return 0;
    case ERR_INVALID:   return 2;
    case ERR_TOO_BIG:   return 2;
    case ERR_NOT_FOUND: return 3;
    case ERR_FORBIDDEN: return 4;
    case ERR_CONFLICT:  return 5;
    case ERR_STORE:     return 1;
    case ERR_INTERNAL:  return 1;
    }
    return 1;
}

const char *error_code_name(enum err_code code)
{
    switch (code) {
    case ERR_OK:        return "ok";
    case ERR_INVALID:   return "invalid";
    case ERR_NOT_FOUND: return "not_found";
    case ERR_FORBIDDEN: return "forbidden";
    case ERR_CONFLICT:  return "conflict";
    case ERR_TOO_BIG:   return "too_big";
    case ERR_STORE:     return "store";
    case ERR_INTERNAL:  return "internal";
    }
    return "internal";
}

_Noreturn void bug_at(const char *file, int line, const char *fmt, ...)
{
    fprintf(stderr, "BUG %s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}
