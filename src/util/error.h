/*
 * util/error.h - the one error convention of Giao Ban.
 *
 * Fallible functions return int (an enum err_code, 0 = OK) and take
 * `struct error *e` last. The function that finds a problem words it once
 * with error_set(), which keeps the first error only and returns its code,
 * so `return error_set(...)` reads like git's `return error(...)`. Callers
 * pass the code up and add nothing. The message is for a clerk: plain
 * Vietnamese. `field` names the input at fault (an API field or CLI option).
 */
#ifndef GB_UTIL_ERROR_H
#define GB_UTIL_ERROR_H

#include <stdbool.h>

enum err_code {
    ERR_OK = 0,
    ERR_INVALID,   /* bad input; `field` says which     -> 400, exit 2 */
    ERR_NOT_FOUND, /* no such unit, task, meeting       -> 404, exit 3 */
    ERR_FORBIDDEN, /* this role may not do this         -> 403, exit 4 */
    ERR_CONFLICT,  /* stale version, duplicate number   -> 409, exit 5 */
    ERR_TOO_BIG,   /* over a documented limit           -> 413, exit 2 */
    ERR_STORE,     /* the database failed; see the log  -> 503, exit 1 */
    ERR_INTERNAL,  /* a bug; see the log                -> 500, exit 1 */
};

struct error {
    enum err_code code;
    char field[48];    /* "deadline", "--unit", or "" */
    char message[512]; /* for the clerk, in Vietnamese */
};

#define ERROR_INIT {ERR_OK, "", ""}

/* Keep the first error only and return `code`. `e` may be NULL. */
int error_set(struct error *e, enum err_code code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Forget any error, so `e` can be used again. */
void error_clear(struct error *e);

/* The exit status the CLI gives for `code` (0, 1, 2, 3, 4, 5). */
int error_exit_status(enum err_code code);

/* A stable machine name for `code` ("invalid", "not_found"...). Static storage. */
const char *error_code_name(enum err_code code);

/* Abort with file:line: a broken invariant, never something a user can cause. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void bug_at(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
