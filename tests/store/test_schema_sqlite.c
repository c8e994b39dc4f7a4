/*
 * tests/store/test_schema_sqlite.c - migration 0012 on SQLite edits task.source's CHECK in
 * place (BETWEEN instead of an IN list): the definition reads the new text, the database
 * passes SQLite's integrity check, the rule still refuses 0 and 4 and takes 1 to 3, tasks
 * written before are intact, and a second open changes nothing.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/store.h"
#include "check.h"

static char *text_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            out = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    return out ? out : strdup("");
}

static int set_source(sqlite3 *db, int64_t id, int source)
{
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE task SET source = %d WHERE id = %lld", source,
             (long long)id);
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int main(void)
{
    const char *tmp = getenv("GIAOBAN_TEST_TMP");
    char path[512];
    snprintf(path, sizeof path, "%s/schema-%d.db", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    check_unlink_sqlite(path);

    struct error e = ERROR_INIT;
    struct store *s;
    struct arena a = ARENA_INIT;
    struct app ctx = {0};
    int64_t task = 0;
    if (!CHECK("open", store_open(path, &s, &e) == 0))
        return check_report();
    CHECK_INT_EQ("app", app_init(&ctx, s, &a, day_from_ymd(2020, 9, 7), "test", &e), 0);
    struct unit_input u = {.code = "CL", .name = "UBND thị xã Cửa Lò", .kind = "xa"};
    int64_t unit;
    CHECK_INT_EQ("unit", app_unit_add(&ctx, &u, &unit, &e), 0);
    struct task_input t = {.content = "Nạo vét kênh mương", .lead = "CL", .assigned = "1/9/2020",
                           .deadline = "15/9/2020"};
    CHECK_INT_EQ("task", app_task_add(&ctx, &t, &task, &e), 0);
    if (e.code)
        printf("  %s\n", e.message);
    store_close(s);

    sqlite3 *db;
    CHECK_INT_EQ("raw open", sqlite3_open(path, &db), SQLITE_OK);
    char *def = text_of(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'task'");
    CHECK("new CHECK text", strstr(def, "CHECK (source BETWEEN 1 AND 3)") != NULL);
    CHECK("old CHECK text gone", strstr(def, "source IN (") == NULL);
    free(def);
    char *ok = text_of(db, "PRAGMA integrity_check");
    CHECK_STR_EQ("integrity", ok, "ok");
    free(ok);
    char *content = text_of(db, "SELECT content FROM task");
    CHECK_STR_EQ("task kept", content, "Nạo vét kênh mương");
    free(content);
    CHECK_INT_EQ("source 4 refused", set_source(db, task, 4), SQLITE_CONSTRAINT);
    CHECK_INT_EQ("source 0 refused", set_source(db, task, 0), SQLITE_CONSTRAINT);
    CHECK_INT_EQ("source 3 taken", set_source(db, task, 3), SQLITE_OK);
    CHECK_INT_EQ("source 1 taken", set_source(db, task, 1), SQLITE_OK);
    char *ver1 = text_of(db, "PRAGMA schema_version");
    sqlite3_close(db);

    /* A second open applies nothing again. */
    CHECK("reopen", store_open(path, &s, &e) == 0);
    store_close(s);
    CHECK_INT_EQ("raw reopen", sqlite3_open(path, &db), SQLITE_OK);
    char *ver2 = text_of(db, "PRAGMA schema_version");
    CHECK_STR_EQ("schema version unchanged", ver2, ver1);
    free(ver1);
    free(ver2);
    sqlite3_close(db);
    arena_release(&a);
    check_unlink_sqlite(path);
    return check_report();
}
