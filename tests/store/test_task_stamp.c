/*
 * tests/store/test_task_stamp.c - store_task_stamp, which the server's answer cache keys
 * answers by: it changes when a task of one of its units is inserted (one by one or in
 * bulk) or changed by an event, when any unit is written, and only when the transaction
 * commits; a task of another unit leaves it as it was; a second store (another server
 * process) sees the same stamps. Backends: SQLite (a temporary file) and PostgreSQL when
 * GIAOBAN_TEST_PG is set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/store.h"
#include "check.h"

static struct app ctx;
static struct arena ar = ARENA_INIT;

/* The stamp of the tasks of unit `code` (with its subtree when `subtree`), or of every unit
 * when code is NULL; copied into the arena. */
static const char *stamp_of(struct store *s, const char *code, bool subtree)
{
    struct error e = ERROR_INIT;
    char out[STORE_STAMP_MAX] = "";
    struct unit_set set = UNIT_SET_INIT;
    int64_t id = 0;
    struct app here = ctx;
    here.s = s;
    int rc = code ? app_unit_resolve(&here, code, "unit", &id, &e) : 0;
    if (!rc && code)
        rc = app_unit_cover(&here, id, subtree, &set, &e);
    if (!rc)
        rc = store_task_stamp(s, code ? &set : NULL, out, &e);
    unit_set_release(&set);
    if (!CHECK("stamp read", rc == 0)) {
        printf("  %s\n", e.message);
        error_clear(&e);
    }
    return arena_strdup(&ar, out);
}

static int64_t add_task(const char *lead)
{
    struct error e = ERROR_INIT;
    struct task_input in = {.content = "Rà soát hồ sơ đất đai", .lead = lead, .assigner = "B",
                            .assigned = "2022-06-01", .deadline = "2022-07-01"};
    int64_t id = 0;
    if (!CHECK("task added", app_task_add(&ctx, &in, &id, &e) == 0)) {
        printf("  %s\n", e.message);
        error_clear(&e);
    }
    return id;
}

static void run_backend(const char *url)
{
    struct error e = ERROR_INIT;
    struct store *s, *other;
    printf("backend: %s\n", url);
    if (!CHECK("open", store_open(url, &s, &e) == 0)) {
        printf("  %s\n", e.message);
        return;
    }
    bool empty;
    if (store_is_empty(s, &empty, &e) == ERR_OK && !empty)
        CHECK_INT_EQ("wipe", store_wipe(s, &e), 0);
    app_init(&ctx, s, &ar, day_from_ymd(2022, 12, 31), "test", &e);
    static const char *const codes[] = {"B", "B.X", "B.Y"};
    for (int i = 0; i < 3; i++) {
        struct unit_input in = {.code = codes[i], .name = arena_printf(&ar, "Đơn vị %s", codes[i]),
                                .kind = i ? "phong" : "huyen", .parent = i ? "B" : NULL};
        int64_t id;
        CHECK_INT_EQ("unit", app_unit_add(&ctx, &in, &id, &e), 0);
    }
    if (!CHECK("second store", store_open(url, &other, &e) == 0))
        return;

    const char *x0 = stamp_of(s, "B.X", false), *y0 = stamp_of(s, "B.Y", false);
    const char *b0 = stamp_of(s, "B", true), *all0 = stamp_of(s, NULL, false);
    const char *b_alone0 = stamp_of(s, "B", false);
    CHECK("a stamp is written", x0[0] != '\0' && strchr(x0, '/') != NULL);
    CHECK_STR_EQ("the same read twice", stamp_of(s, "B.X", false), x0);
    CHECK_STR_EQ("another store reads the same", stamp_of(other, "B.X", false), x0);

    /* A task of B.X: B.X's, B's subtree's and everyone's stamp change, B.Y's does not. */
    int64_t t1 = add_task("B.X");
    const char *x1 = stamp_of(s, "B.X", false);
    CHECK("insert changes the lead unit's stamp", strcmp(x1, x0) != 0);
    CHECK_STR_EQ("another unit's stamp stays", stamp_of(s, "B.Y", false), y0);
    CHECK("the parent's subtree stamp changes", strcmp(stamp_of(s, "B", true), b0) != 0);
    CHECK_STR_EQ("the parent alone (it leads no task) stays", stamp_of(s, "B", false), b_alone0);
    CHECK("every unit's stamp changes", strcmp(stamp_of(s, NULL, false), all0) != 0);
    CHECK_STR_EQ("the other store sees the change", stamp_of(other, "B.X", false), x1);

    /* An event. */
    struct event_input ev = {.kind = EV_PROGRESS, .day = "2022-06-10", .percent = "40",
                             .note = "đang làm"};
    int64_t evid;
    CHECK_INT_EQ("progress", app_task_event(&ctx, t1, &ev, &evid, &e), 0);
    const char *x2 = stamp_of(s, "B.X", false);
    CHECK("an event changes it", strcmp(x2, x1) != 0);
    CHECK_STR_EQ("not another unit's", stamp_of(s, "B.Y", false), y0);

    /* A transaction that rolls back changes nothing; one that commits, once. */
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    add_task("B.X");
    store_rollback(s);
    CHECK_STR_EQ("rolled back: the same stamp", stamp_of(s, "B.X", false), x2);
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    add_task("B.X");
    CHECK_STR_EQ("not yet committed: the other store sees the old stamp",
                 stamp_of(other, "B.X", false), x2);
    add_task("B.X");
    CHECK_INT_EQ("commit", store_commit(s, &e), 0);
    const char *x3 = stamp_of(s, "B.X", false);
    CHECK("committed: a new stamp", strcmp(x3, x2) != 0);
    CHECK_STR_EQ("seen by the other store", stamp_of(other, "B.X", false), x3);

    /* A write through the other store (on PostgreSQL, likely another counter of the unit). */
    struct app mine = ctx;
    ctx.s = other;
    add_task("B.X");
    ctx = mine;
    const char *x4 = stamp_of(s, "B.X", false);
    CHECK("a write through another store changes it", strcmp(x4, x3) != 0);
    CHECK_STR_EQ("both stores read the same", stamp_of(other, "B.X", false), x4);
    x3 = x4;

    /* A bulk insert. */
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    int64_t y_id = 0;
    CHECK_INT_EQ("B.Y", app_unit_resolve(&ctx, "B.Y", "unit", &y_id, &e), 0);
    struct task_bulk b = {.t = {.content = "Nhiệm vụ nạp hàng loạt", .source = 1,
                                .lead_unit_id = y_id, .assigned = day_from_ymd(2022, 6, 1),
                                .deadline = day_from_ymd(2022, 7, 1), .deadline_minute = -1,
                                .state = STATE_NOT_STARTED, .timeline = ""},
                          .dl_min = day_from_ymd(2022, 7, 1), .open_until = DAY_NONE};
    int64_t bid;
    CHECK_INT_EQ("bulk task", store_bulk_task(s, &b, &bid, &e), 0);
    CHECK_INT_EQ("commit", store_commit(s, &e), 0);
    const char *y1 = stamp_of(s, "B.Y", false);
    CHECK("a bulk insert changes its unit's stamp", strcmp(y1, y0) != 0);
    CHECK_STR_EQ("and not B.X's", stamp_of(s, "B.X", false), x3);

    /* A unit written (a rename shows in every list): every stamp changes. */
    struct unit_input in = {.code = "B.Z", .name = "Đơn vị mới", .kind = "phong", .parent = "B"};
    int64_t zid;
    CHECK_INT_EQ("unit added", app_unit_add(&ctx, &in, &zid, &e), 0);
    CHECK("a unit write changes B.X's stamp", strcmp(stamp_of(s, "B.X", false), x3) != 0);
    CHECK("and B.Y's", strcmp(stamp_of(s, "B.Y", false), y1) != 0);

    store_close(other);
    store_close(s);
    error_clear(&e);
}

int main(void)
{
    const char *tmp = getenv("GIAOBAN_TEST_TMP");
    char path[512];
    snprintf(path, sizeof path, "%s/stamp-%d.db", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    run_backend(path);
    check_unlink_sqlite(path);
    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run_backend(pg);
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    arena_release(&ar);
    return check_report();
}
