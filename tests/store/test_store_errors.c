/*
 * tests/store/test_store_errors.c - the store's clock and its two kinds of "no answer".
 *
 * Clock: store_set_clock() stamps what the store writes (an account's created_at) with the
 * caller's time; NULL gives the real clock back. Errors: a record that is not there is
 * ERR_NOT_FOUND naming what (the field), while a database that fails is ERR_STORE, never
 * "not found", so that the callers above answer 503/500 and not 404/400. On SQLite the
 * failure is a table gone under the connection (renamed by another connection); on
 * PostgreSQL (GIAOBAN_TEST_PG) the connection is cut by the server (pg_terminate_backend).
 */
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store/store.h"

static time_t fixed_clock(void *arg)
{
    return *(const time_t *)arg;
}

static int64_t add_unit(struct store *s, const char *code)
{
    struct error e = ERROR_INIT;
    struct unit_rec u = {.code = code, .name = code, .kind = "khac", .valid_from = DAY_NONE,
                         .valid_to = DAY_NONE};
    int64_t id = 0;
    int rc = store_begin(s, &e);
    if (!rc && !(rc = store_unit_insert(s, &u, &id, &e)))
        rc = store_commit(s, &e);
    if (rc) {
        printf("  add unit %s: %s\n", code, e.message);
        store_rollback(s);
    }
    return rc ? 0 : id;
}

static int64_t add_account(struct store *s, const char *name, int64_t unit)
{
    struct error e = ERROR_INIT;
    struct account_rec a = {.username = name, .pw_hash = "x", .role = "viewer", .unit_id = unit};
    int64_t id = 0;
    int rc = store_begin(s, &e);
    if (!rc && !(rc = store_account_insert(s, &a, &id, &e)))
        rc = store_commit(s, &e);
    if (rc) {
        printf("  add account %s: %s\n", name, e.message);
        store_rollback(s);
    }
    return rc ? 0 : id;
}

static void test_clock(struct store *s, int64_t unit)
{
    struct arena ar = ARENA_INIT;
    struct error e = ERROR_INIT;
    time_t t = 981173106; /* 2001-02-03T04:05:06Z */
    store_set_clock(s, fixed_clock, &t);
    int64_t id = add_account(s, "clock.fixed", unit);
    struct account_rec r;
    if (CHECK("account with a fixed clock", id > 0) &&
        CHECK_INT_EQ("get it", store_account_get(s, &ar, id, &r, &e), 0))
        CHECK_STR_EQ("created_at from the caller's clock", r.created_at, "2001-02-03T04:05:06Z");
    t += 86400;
    id = add_account(s, "clock.later", unit);
    if (id > 0 && CHECK_INT_EQ("get the second", store_account_get(s, &ar, id, &r, &e), 0))
        CHECK_STR_EQ("the clock is read at each stamp", r.created_at, "2001-02-04T04:05:06Z");
    store_set_clock(s, NULL, NULL);
    id = add_account(s, "clock.real", unit);
    if (id > 0 && CHECK_INT_EQ("get the third", store_account_get(s, &ar, id, &r, &e), 0))
        CHECK("the real clock again", r.created_at && strncmp(r.created_at, "20", 2) == 0 &&
                                          strcmp(r.created_at, "2001-02-04T04:05:06Z") > 0);
    arena_release(&ar);
}

static void test_not_found(struct store *s)
{
    struct arena ar = ARENA_INIT;
    struct error e = ERROR_INIT;
    struct account_rec a;
    CHECK_INT_EQ("no such account", store_account_get(s, &ar, 999999, &a, &e), ERR_NOT_FOUND);
    CHECK_STR_EQ("names the account", e.field, "account");
    error_clear(&e);
    CHECK_INT_EQ("no such account to disable", store_account_set_disabled(s, 999999, true, &e),
                 ERR_NOT_FOUND);
    CHECK_STR_EQ("worded as the account, not as a generic row", e.field, "account");
    error_clear(&e);
    int64_t got;
    CHECK_INT_EQ("no such token", store_token_find(s, "nope", &got, &e), ERR_NOT_FOUND);
    CHECK_STR_EQ("names the token", e.field, "token");
    error_clear(&e);
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    CHECK_INT_EQ("no such task to lock", store_task_lock(s, 999999, &e), ERR_NOT_FOUND);
    CHECK_STR_EQ("names the task", e.field, "task");
    store_rollback(s);
    error_clear(&e);
    struct unit_rec u;
    CHECK_INT_EQ("no such unit", store_unit_get(s, &ar, 999999, &u, &e), ERR_NOT_FOUND);
    error_clear(&e);
    struct unit_rec upd = {.id = 999999, .code = "NONE", .name = "NONE", .kind = "khac",
                           .valid_from = DAY_NONE, .valid_to = DAY_NONE};
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    CHECK_INT_EQ("no such unit to update", store_unit_update(s, &upd, &e), ERR_NOT_FOUND);
    CHECK_STR_EQ("names the unit", e.field, "unit");
    store_rollback(s);
    arena_release(&ar);
}

/* After the database failed under `s`: every read is ERR_STORE, none "not found". */
static void check_failing(struct store *s, int64_t unit, int64_t account, const char *what)
{
    struct arena ar = ARENA_INIT;
    struct error e = ERROR_INIT;
    char name[96];
    struct account_rec a;
    struct unit_rec u;
    struct person_rec p;
    struct doc_rec d;
    int64_t got;
    snprintf(name, sizeof name, "%s: account get", what);
    CHECK_INT_EQ(name, store_account_get(s, &ar, account, &a, &e), ERR_STORE);
    error_clear(&e);
    snprintf(name, sizeof name, "%s: account get (absent)", what);
    CHECK_INT_EQ(name, store_account_get(s, &ar, 999999, &a, &e), ERR_STORE);
    error_clear(&e);
    snprintf(name, sizeof name, "%s: account find", what);
    CHECK_INT_EQ(name, store_account_find(s, &ar, "clock.fixed", &a, &e), ERR_STORE);
    error_clear(&e);
    snprintf(name, sizeof name, "%s: token find", what);
    CHECK_INT_EQ(name, store_token_find(s, "nope", &got, &e), ERR_STORE);
    error_clear(&e);
    snprintf(name, sizeof name, "%s: person get", what);
    CHECK_INT_EQ(name, store_person_get(s, &ar, 1, &p, &e), ERR_STORE);
    error_clear(&e);
    snprintf(name, sizeof name, "%s: document get", what);
    CHECK_INT_EQ(name, store_doc_get(s, &ar, 1, &d, &e), ERR_STORE);
    error_clear(&e);
    (void)unit;
    (void)u;
    arena_release(&ar);
}

static void run_sqlite(const char *path)
{
    struct error e = ERROR_INIT;
    struct store *s;
    check_unlink_sqlite(path);
    if (!CHECK("open", store_open(path, &s, &e) == 0)) {
        printf("  %s\n", e.message);
        return;
    }
    int64_t unit = add_unit(s, "ERR.1");
    test_clock(s, unit);
    test_not_found(s);
    int64_t account = add_account(s, "err.account", unit);
    /* Another connection takes the tables away under the store. */
    sqlite3 *db;
    if (CHECK("raw open", sqlite3_open(path, &db) == SQLITE_OK)) {
        sqlite3_busy_timeout(db, 5000);
        CHECK_INT_EQ("rename the tables",
                     sqlite3_exec(db,
                                  "PRAGMA foreign_keys=OFF; PRAGMA legacy_alter_table=ON;"
                                  "ALTER TABLE account RENAME TO account_gone;"
                                  "ALTER TABLE api_token RENAME TO api_token_gone;"
                                  "ALTER TABLE person RENAME TO person_gone;"
                                  "ALTER TABLE document RENAME TO document_gone;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
        sqlite3_close(db);
    }
    check_failing(s, unit, account, "sqlite, tables gone");
    store_close(s);
    check_unlink_sqlite(path);
}

static void run_pg(const char *url)
{
    struct error e = ERROR_INIT;
    struct store *s;
    char app[64], tagged[1024];
    snprintf(app, sizeof app, "gb_errors_%d", (int)getpid());
    snprintf(tagged, sizeof tagged, "%s%sapplication_name=%s", url, strchr(url, '?') ? "&" : "?",
             app);
    if (!CHECK("pg open", store_open(tagged, &s, &e) == 0)) {
        printf("  %s\n", e.message);
        return;
    }
    char code[32];
    snprintf(code, sizeof code, "ERR.%d", (int)getpid());
    int64_t unit = add_unit(s, code);
    char name[64];
    snprintf(name, sizeof name, "err.%d", (int)getpid());
    int64_t account = add_account(s, name, unit);
    test_not_found(s);
    /* The server cuts the store's connection (an administrator, a restart). */
    PGconn *c = PQconnectdb(url);
    if (CHECK("raw connect", PQstatus(c) == CONNECTION_OK)) {
        const char *v[] = {app};
        PGresult *r = PQexecParams(c,
                                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                   " WHERE application_name = $1",
                                   1, NULL, v, NULL, NULL, 0);
        CHECK("terminated", PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1);
        PQclear(r);
    }
    PQfinish(c);
    usleep(200 * 1000);
    check_failing(s, unit, account, "postgres, connection cut");
    store_close(s);
}

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/gb_test_errors_%d.db", (int)getpid());
    run_sqlite(path);
    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run_pg(pg);
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    return check_report();
}
