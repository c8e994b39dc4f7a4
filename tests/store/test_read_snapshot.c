/*
 * tests/store/test_read_snapshot.c - store_read_begin / store_read_end, as a server's GET
 * uses them. On SQLite the reads between them see one snapshot: a unit another connection
 * adds meanwhile is not seen until the snapshot ends. A store_begin inside ends the
 * snapshot, so the write sees (and keeps) the other connection's row, and store_read_end
 * afterwards has nothing left to end. On PostgreSQL (GIAOBAN_TEST_PG) the calls change
 * nothing: each statement sees what was committed before it, and writes inside work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store/store.h"

static size_t unit_count(struct store *s, struct arena *a)
{
    struct error e = ERROR_INIT;
    struct unit_rec *u;
    size_t n = 0;
    if (store_unit_list(s, a, &u, &n, &e)) {
        CHECK("unit list", false);
        error_clear(&e);
    }
    return n;
}

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
        error_clear(&e);
    }
    return rc;
}

static void run(const char *url, bool snapshot)
{
    struct error e = ERROR_INIT;
    struct store *a, *b;
    struct arena ar = ARENA_INIT;
    if (!CHECK("open reader", store_open(url, &a, &e) == 0) ||
        !CHECK("open writer", store_open(url, &b, &e) == 0)) {
        printf("  %s\n", e.message);
        return;
    }
    size_t base = unit_count(a, &ar);

    CHECK_INT_EQ("read begin", store_read_begin(a, &e), 0);
    CHECK_INT_EQ("first read", (long long)unit_count(a, &ar), (long long)base);
    CHECK_INT_EQ("the other connection writes", add_unit(b, "SNAP.1"), 0);
    CHECK_INT_EQ(snapshot ? "the snapshot does not see it" : "each statement sees it",
                 (long long)unit_count(a, &ar), (long long)base + (snapshot ? 0 : 1));
    store_read_end(a);
    CHECK_INT_EQ("after the snapshot it is seen", (long long)unit_count(a, &ar),
                 (long long)base + 1);

    /* A write inside a snapshot: starts from the latest data and commits. */
    CHECK_INT_EQ("read begin again", store_read_begin(a, &e), 0);
    CHECK_INT_EQ("read", (long long)unit_count(a, &ar), (long long)base + 1);
    CHECK_INT_EQ("the other connection writes again", add_unit(b, "SNAP.2"), 0);
    CHECK_INT_EQ("a write inside the snapshot", add_unit(a, "SNAP.3"), 0);
    CHECK_INT_EQ("it sees every row", (long long)unit_count(a, &ar), (long long)base + 3);
    store_read_end(a); /* nothing left to end */
    CHECK_INT_EQ("the writer sees the reader's write", (long long)unit_count(b, &ar),
                 (long long)base + 3);

    /* Nested and repeated calls are harmless. */
    CHECK_INT_EQ("begin", store_read_begin(a, &e), 0);
    CHECK_INT_EQ("begin twice", store_read_begin(a, &e), 0);
    store_read_end(a);
    store_read_end(a);
    CHECK_INT_EQ("a write after", add_unit(a, "SNAP.4"), 0);
    CHECK_INT_EQ("four rows added", (long long)unit_count(b, &ar), (long long)base + 4);
    store_close(a);
    store_close(b);
    arena_release(&ar);
}

int main(void)
{
    const char *tmp = getenv("GIAOBAN_TEST_TMP");
    char path[512];
    snprintf(path, sizeof path, "%s/read-snapshot-%d.db", tmp && *tmp ? tmp : "/tmp",
             (int)getpid());
    run(path, true);
    check_unlink_sqlite(path);

    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run(pg, false);
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    return check_report();
}
