/*
 * tests/store/test_wipe.c - store_wipe (demo --replace) drops every table the migrations
 * made and runs them again: the store is empty after it, takes new rows, and a second wipe
 * works too. A table a new migration adds and the wipe's list forgets makes the migrations'
 * second run fail ("already exists"), which this catches. SQLite and, with GIAOBAN_TEST_PG,
 * PostgreSQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store/store.h"

static int add_unit(struct store *s, const char *code)
{
    struct error e = ERROR_INIT;
    struct unit_rec u = {.code = code, .name = code, .kind = "khac", .valid_from = DAY_NONE,
                         .valid_to = DAY_NONE};
    int64_t id;
    int rc = store_begin(s, &e);
    if (!rc && !(rc = store_unit_insert(s, &u, &id, &e)))
        rc = store_commit(s, &e);
    if (rc) {
        printf("  add %s: %s\n", code, e.message);
        store_rollback(s);
    }
    return rc;
}

static void run(const char *url, const char *label)
{
    struct error e = ERROR_INIT;
    struct store *s;
    char name[96];
    if (!CHECK(label, store_open(url, &s, &e) == 0)) {
        printf("  %s\n", e.message);
        return;
    }
    for (int round = 1; round <= 2; round++) {
        snprintf(name, sizeof name, "%s: add before wipe %d", label, round);
        CHECK_INT_EQ(name, add_unit(s, "WIPE.1"), 0);
        snprintf(name, sizeof name, "%s: wipe %d", label, round);
        if (!CHECK_INT_EQ(name, store_wipe(s, &e), 0)) {
            printf("  %s\n", e.message);
            error_clear(&e);
        }
        bool empty = false;
        snprintf(name, sizeof name, "%s: empty after wipe %d", label, round);
        CHECK(name, store_is_empty(s, &empty, &e) == 0 && empty);
        snprintf(name, sizeof name, "%s: the same code again after wipe %d", label, round);
        CHECK_INT_EQ(name, add_unit(s, "WIPE.1"), 0);
        store_wipe(s, &e);
    }
    store_close(s);
}

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/gb_test_wipe_%d.db", (int)getpid());
    check_unlink_sqlite(path);
    run(path, "sqlite");
    check_unlink_sqlite(path);
    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run(pg, "postgres");
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    return check_report();
}
