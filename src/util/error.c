/* util/error.c - see error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
