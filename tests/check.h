/*
 * tests/check.h - the whole test harness of Giao Ban: this header, no .c, no framework.
 *
 *   CHECK(name, cond)              cond is true
 *   CHECK_INT_EQ(name, got, want)  equal as long long
 *   CHECK_STR_EQ(name, got, want)  equal strings; NULL equals only NULL
 *
 * Each check counts once, passed or failed; a failure prints one line,
 * "FAIL file:line name: got X want Y", and the test goes on. Each macro
 * evaluates its arguments once and yields 1 (passed) or 0 (failed), so a
 * test can write `if (!CHECK(...)) return;`. main() ends with
 * `return check_report();`, which prints the one line tests/run.sh reads,
 * "N passed, M failed", and returns 0 only if nothing failed.
 * check_unlink_sqlite(path) removes a test's SQLite file with its -wal and -shm.
 */
#ifndef GB_TESTS_CHECK_H
#define GB_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static long long check_passed_, check_failed_;

static inline int check_done_(int ok)
{
    if (ok)
        check_passed_++;
    else
        check_failed_++;
    fflush(stdout); /* keep FAIL lines if a sanitizer aborts later */
    return ok;
}

static inline int check_true_(const char *file, int line, const char *name, int ok)
{
    if (!ok)
        printf("FAIL %s:%d %s: got false want true\n", file, line, name);
    return check_done_(ok);
}

static inline int check_int_(const char *file, int line, const char *name, long long got,
                             long long want)
{
    if (got != want)
        printf("FAIL %s:%d %s: got %lld want %lld\n", file, line, name, got, want);
    return check_done_(got == want);
}

static inline int check_str_(const char *file, int line, const char *name, const char *got,
                             const char *want)
{
    int ok = got && want ? strcmp(got, want) == 0 : got == want;
    if (!ok)
        printf("FAIL %s:%d %s: got %s%s%s want %s%s%s\n", file, line, name, got ? "\"" : "",
               got ? got : "NULL", got ? "\"" : "", want ? "\"" : "", want ? want : "NULL",
               want ? "\"" : "");
    return check_done_(ok);
}

#define CHECK(name, cond) check_true_(__FILE__, __LINE__, (name), (cond) ? 1 : 0)
#define CHECK_INT_EQ(name, got, want) \
    check_int_(__FILE__, __LINE__, (name), (long long)(got), (long long)(want))
#define CHECK_STR_EQ(name, got, want) check_str_(__FILE__, __LINE__, (name), (got), (want))

static inline void check_unlink_sqlite(const char *path)
{
    char side[1024];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

static int check_report(void)
{
    printf("%lld passed, %lld failed\n", check_passed_, check_failed_);
    fflush(stdout);
    return check_failed_ == 0 ? 0 : 1;
}

#endif
