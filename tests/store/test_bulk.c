/*
 * tests/store/test_bulk.c - a bulk load's indexes on both backends: store_bulk_begin notes
 * and drops the task tables' secondary indexes, tasks written meanwhile are found by the
 * usual queries, store_bulk_end builds the indexes again; a load that stops before its end
 * leaves the notes, and the next store_open builds the indexes.
 * Backends: SQLite (a temporary file) and PostgreSQL when GIAOBAN_TEST_PG is set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/store.h"
#include "check.h"

/* Tasks the unit `code` leads, by the task list (its index is among those dropped). */
static size_t tasks_of(struct store *s, const char *code)
{
    struct error e = ERROR_INIT;
    struct arena a = ARENA_INIT;
    struct app ctx = {0};
    app_init(&ctx, s, &a, day_from_ymd(2022, 12, 31), "test", &e);
    struct task_list_query q = {.unit = code};
    struct task_item *items;
    size_t n = 0, total = 0;
    day_num as_of;
    if (app_task_list(&ctx, &q, &items, &n, &total, &as_of, &e)) {
        printf("  list: %s\n", e.message);
        total = (size_t)-1;
    }
    arena_release(&a);
    return total;
}

static int add_tasks(struct store *s, const char *lead, int n)
{
    struct error e = ERROR_INIT;
    struct arena a = ARENA_INIT;
    struct app ctx = {0};
    app_init(&ctx, s, &a, day_from_ymd(2022, 12, 31), "test", &e);
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        struct task_input in = {.content = arena_printf(&a, "Rà soát hồ sơ đất đai đợt %d", i),
                                .lead = lead, .assigner = "B", .assigned = "2022-06-01",
                                .deadline = "2022-07-01"};
        int64_t id;
        rc = app_task_add(&ctx, &in, &id, &e);
    }
    if (rc)
        printf("  add: %s\n", e.message);
    arena_release(&a);
    return rc;
}

static void run_backend(const char *url)
{
    struct error e = ERROR_INIT;
    struct store *s;
    printf("backend: %s\n", url);
    if (store_open(url, &s, &e)) {
        CHECK(e.message, 0);
        return;
    }
    bool empty;
    if (store_is_empty(s, &empty, &e) == ERR_OK && !empty)
        CHECK_INT_EQ("wipe", store_wipe(s, &e), 0);
    struct arena a = ARENA_INIT;
    struct app ctx = {0};
    app_init(&ctx, s, &a, day_from_ymd(2022, 12, 31), "test", &e);
    static const char *const codes[] = {"B", "B.X", "B.Y"};
    for (int i = 0; i < 3; i++) {
        struct unit_input in = {.code = codes[i], .name = arena_printf(&a, "Đơn vị %s", codes[i]),
                                .kind = i ? "phong" : "huyen", .parent = i ? "B" : NULL};
        int64_t id;
        CHECK_INT_EQ("unit", app_unit_add(&ctx, &in, &id, &e), 0);
    }
    CHECK_INT_EQ("tasks before", add_tasks(s, "B.X", 5), 0);
    int64_t pending = -1;
    CHECK_INT_EQ("pending", store_bulk_pending(s, &pending, &e), 0);
    CHECK_INT_EQ("nothing pending outside a load", pending, 0);

    /* A load that ends. */
    CHECK_INT_EQ("bulk begin", store_bulk_begin(s, &e), 0);
    CHECK_INT_EQ("pending", store_bulk_pending(s, &pending, &e), 0);
    CHECK("the task tables' indexes are noted", pending >= 9);
    CHECK_INT_EQ("tasks during", add_tasks(s, "B.X", 7), 0);
    CHECK_INT_EQ("found without indexes", tasks_of(s, "B.X"), 12);
    CHECK_INT_EQ("bulk end", store_bulk_end(s, &e), 0);
    CHECK_INT_EQ("pending", store_bulk_pending(s, &pending, &e), 0);
    CHECK_INT_EQ("all built again", pending, 0);
    CHECK_INT_EQ("found with indexes", tasks_of(s, "B.X"), 12);

    /* A load that stops half-way: the next open builds what it dropped. */
    CHECK_INT_EQ("bulk begin again", store_bulk_begin(s, &e), 0);
    CHECK_INT_EQ("tasks of the stopped load", add_tasks(s, "B.Y", 4), 0);
    store_close(s);
    CHECK_INT_EQ("reopen", store_open(url, &s, &e), 0);
    CHECK_INT_EQ("pending", store_bulk_pending(s, &pending, &e), 0);
    CHECK_INT_EQ("built at open", pending, 0);
    CHECK_INT_EQ("stopped load's tasks kept", tasks_of(s, "B.Y"), 4);
    CHECK_INT_EQ("earlier tasks kept", tasks_of(s, "B.X"), 12);
    /* And a second begin after that finds the same indexes to drop. */
    CHECK_INT_EQ("bulk begin a third time", store_bulk_begin(s, &e), 0);
    CHECK_INT_EQ("pending", store_bulk_pending(s, &pending, &e), 0);
    CHECK("the same indexes noted", pending >= 9);
    CHECK_INT_EQ("bulk end", store_bulk_end(s, &e), 0);
    arena_release(&a);
    store_close(s);
}

int main(void)
{
    const char *tmp = getenv("GIAOBAN_TEST_TMP");
    char path[512];
    snprintf(path, sizeof path, "%s/bulk-%d.db", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    run_backend(path);
    unlink(path);
    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run_backend(pg);
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    return check_report();
}
