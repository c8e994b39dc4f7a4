/*
 * store/store_bulk.c - loading many tasks at once (bench/bench_gen.c, imports).
 *
 * The app writes a task in three steps per event (append the event, rewrite
 * the derived columns, move the running totals), each a few statements:
 * right for one clerk's click, ruinous for a million tasks. A bulk load
 * knows each task's whole history before writing it, so the caller derives
 * the columns once with the same core functions the app uses (core/task.h,
 * core/timeline.h) and writes the task row once, complete, and its events
 * as they are. The running totals are left alone: the loader calls
 * store_agg_rebuild() once at the end, which is both faster and the same
 * code that repairs totals anywhere else.
 *
 * One statement per row, written once for both backends like the other
 * store_*.c files; the caller groups rows into transactions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"
#include "text/normalize.h"
#include "util/xalloc.h"

int store_bulk_task(struct store *s, const struct task_bulk *b, int64_t *id, struct error *e)
{
    const struct task_rec *t = &b->t;
    struct stmt *st;
    int rc = sql_prepare(
        s,
        "INSERT INTO task (content, content_fold, source, notice_id, meeting_id,"
        " assigner_unit_id, assigner_person_id, lead_unit_id, assigned_day, deadline_day,"
        " deadline_minute, key_task, sector, parent_id, state, timeline, dl_min, open_until,"
        " open_span, version, created_at, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
        OPEN_SPAN_SQL("$18::integer", "$9::integer") ", $19, $20, $21) RETURNING id",
        &st, e);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    char now[32];
    const char *created = b->created_at ? b->created_at : store_now_text(s, now);
    sql_bind_text(s, st, 1, t->content);
    sql_bind_text(s, st, 2, b->content_fold ? b->content_fold : text_fold(&a, t->content));
    sql_bind_int(s, st, 3, t->source);
    sql_bind_id(s, st, 4, t->notice_id);
    sql_bind_id(s, st, 5, t->meeting_id);
    sql_bind_id(s, st, 6, t->assigner_unit_id);
    sql_bind_id(s, st, 7, t->assigner_person_id);
    sql_bind_int(s, st, 8, t->lead_unit_id);
    sql_bind_day(s, st, 9, t->assigned);
    sql_bind_day(s, st, 10, t->deadline);
    if (t->deadline_minute >= 0)
        sql_bind_int(s, st, 11, t->deadline_minute);
    else
        sql_bind_text(s, st, 11, NULL);
    sql_bind_int(s, st, 12, t->key_task ? 1 : 0);
    sql_bind_text(s, st, 13, t->sector);
    sql_bind_id(s, st, 14, t->parent_id);
    sql_bind_int(s, st, 15, t->state);
    sql_bind_text(s, st, 16, t->timeline ? t->timeline : "");
    sql_bind_day(s, st, 17, b->dl_min);
    sql_bind_int(s, st, 18, b->open_until == DAY_NONE ? OPEN_FOREVER : b->open_until);
    sql_bind_int(s, st, 19, t->version > 0 ? t->version : 1);
    sql_bind_text(s, st, 20, created);
    sql_bind_text(s, st, 21, b->updated_at ? b->updated_at : created);
    rc = sql_run_int(s, st, id, e);
    arena_release(&a);
    if (rc || (rc = store_task_touched(s, t->lead_unit_id, e)) || !t->n_coordinating)
        return rc;
    if ((rc = sql_prepare(s,
                          "INSERT INTO task_coord (task_id, unit_id) VALUES ($1, $2)"
                          " ON CONFLICT DO NOTHING",
                          &st, e)))
        return rc;
    for (size_t i = 0; i < t->n_coordinating && !rc; i++) {
        sql_bind_int(s, st, 1, *id);
        sql_bind_int(s, st, 2, t->coordinating[i]);
        rc = sql_run(s, st, e);
    }
    return rc;
}

int store_bulk_event(struct store *s, const struct event_rec *ev, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO task_event (task_id, kind, day, recorded_at, actor_unit_id,"
                         " actor, note, percent, new_deadline, late_request, evidence_doc_id)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_int(s, st, 1, ev->task_id);
    sql_bind_int(s, st, 2, ev->kind);
    sql_bind_day(s, st, 3, ev->day);
    sql_bind_text(s, st, 4, ev->recorded_at ? ev->recorded_at : store_now_text(s, now));
    sql_bind_id(s, st, 5, ev->actor_unit_id);
    sql_bind_text(s, st, 6, ev->actor);
    sql_bind_text(s, st, 7, ev->note);
    if (ev->percent >= 0)
        sql_bind_int(s, st, 8, ev->percent);
    else
        sql_bind_text(s, st, 8, NULL);
    sql_bind_day(s, st, 9, ev->new_deadline);
    sql_bind_int(s, st, 10, ev->late_request ? 1 : 0);
    sql_bind_id(s, st, 11, ev->evidence_doc_id);
    return sql_run(s, st, e);
}

int store_bulk_dossier(struct store *s, const struct dossier_rec *d, struct error *e)
{
    int64_t id;
    return dossier_insert_row(s, d, &id, e);
}

/*
 * The secondary indexes of the task tables, dropped for a bulk load and built again at its
 * end. Keeping a million rows' entries in order in nine indexes as they come is most of a
 * load's time; one sort per index at the end costs far less. Unique indexes stay: they
 * guard the data. (Even the events' index, whose keys only grow during a load, costs more
 * to keep than to sort again: 3M events, 3.8 s -> 5.8 s to write, 1.3 s to build.) Each
 * definition is saved in bulk_index (migration 0008) in the same transaction as its drop,
 * so a load that dies half-way leaves nothing lost.
 */
static const char bulk_indexes_sqlite[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
    " AND tbl_name IN ('task', 'task_event', 'task_coord') AND sql IS NOT NULL"
    " AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name";
static const char bulk_indexes_pg[] =
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
    " AND tablename IN ('task', 'task_event', 'task_coord')"
    " AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname";

struct index_def {
    const char *name, *definition;
};

/* The (name, definition) rows of `sql`, all read before anything is written: a PostgreSQL
 * connection streams one statement at a time. *defs is the caller's to free. */
static int read_defs(struct store *s, const char *sql, struct arena *a, struct index_def **defs,
                     size_t *n, struct error *e)
{
    struct stmt *st;
    size_t cap = 0;
    *defs = NULL;
    *n = 0;
    int rc = sql_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        *defs = xgrow(*defs, &cap, *n + 1, sizeof **defs);
        (*defs)[*n].name = sql_col_text(s, a, st, 0);
        (*defs)[*n].definition = sql_col_text(s, a, st, 1);
        (*n)++;
    }
    sql_reset(s, st);
    return rc;
}

static int drop_indexes(struct store *s, struct error *e)
{
    bool pg = sql_is_postgres(s);
    struct arena a = ARENA_INIT;
    struct index_def *defs = NULL;
    size_t n = 0;
    struct stmt *st;
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    if ((rc = read_defs(s, pg ? bulk_indexes_pg : bulk_indexes_sqlite, &a, &defs, &n, e)))
        goto out;
    for (size_t i = 0; i < n && !rc; i++) {
        if ((rc = sql_prepare(s, "INSERT INTO bulk_index (name, definition) VALUES ($1, $2)",
                              &st, e)))
            break;
        sql_bind_text(s, st, 1, defs[i].name);
        sql_bind_text(s, st, 2, defs[i].definition);
        if ((rc = sql_run(s, st, e)))
            break;
        /* A name read from the catalogue, never user data; DDL takes no parameters. */
        char *drop = arena_printf(&a, "DROP INDEX \"%s\"", defs[i].name);
        rc = sql_exec(s, drop, e);
    }
out:
    free(defs);
    arena_release(&a);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, e);
}

int store_bulk_indexes_restore(struct store *s, struct error *e)
{
    struct arena a = ARENA_INIT;
    struct index_def *defs = NULL;
    size_t n = 0;
    struct stmt *st;
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    if ((rc = read_defs(s, "SELECT name, definition FROM bulk_index ORDER BY name", &a, &defs, &n,
                        e)))
        goto out;
    for (size_t i = 0; i < n && !rc; i++) {
        if ((rc = sql_exec(s, defs[i].definition, e)) ||
            (rc = sql_prepare(s, "DELETE FROM bulk_index WHERE name = $1", &st, e)))
            break;
        sql_bind_text(s, st, 1, defs[i].name);
        rc = sql_run(s, st, e);
    }
out:
    free(defs);
    arena_release(&a);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, e);
}

/*
 * SQLite also leaves write-ahead logging for the load: the log writes each new page twice
 * (once in the log, once when it is copied back), while a rollback journal keeps only the
 * old content of pages changed, and a load mostly adds pages. Changing the mode needs the
 * file to itself; with another connection open it stays as it is. Either way each commit
 * is as safe; the next open goes back to the log.
 */
static void sqlite_pragma(struct store *s, const char *sql)
{
    struct error ignored = ERROR_INIT;
    if (!sql_is_postgres(s))
        sql_exec(s, sql, &ignored); /* best effort: see above */
}

int store_bulk_begin(struct store *s, struct error *e)
{
    int rc = drop_indexes(s, e);
    if (!rc)
        sqlite_pragma(s, "PRAGMA journal_mode=DELETE");
    return rc;
}

int store_bulk_end(struct store *s, struct error *e)
{
    sqlite_pragma(s, "PRAGMA threads=2"); /* SQLite sorts each index with a helper thread */
    int rc = store_bulk_indexes_restore(s, e);
    sqlite_pragma(s, "PRAGMA journal_mode=WAL");
    /* PostgreSQL answers from an index alone only for pages its visibility map marks, which
     * a vacuum does; and a million new rows want fresh statistics for the planner. */
    if (!rc && sql_is_postgres(s) && s->tx_depth == 0)
        rc = sql_exec(s, "VACUUM (ANALYZE) task, task_event, task_coord", e);
    return rc;
}

int store_bulk_pending(struct store *s, int64_t *n, struct error *e)
{
    struct stmt *st;
    *n = 0;
    int rc = sql_prepare(s, "SELECT count(*) FROM bulk_index", &st, e);
    return rc ? rc : sql_run_int(s, st, n, e);
}
