/*
 * store/store.c - the store's front door: opening a store by URL, its migrations, its
 * transactions, its commit hooks and its clock. The SQL helper kit is sql.c, the drivers
 * are store_sqlite.c and store_pg.c (driver.h).
 *
 * Transactions nest by counting: app code opens one per command; a helper that needs one
 * inside it (the running totals) joins the outer one. A domain file that must finish
 * something in the transaction before it commits registers a hook (store_on_commit), so
 * this file calls no domain file's internals: what it asks of them (a migration's fill, the
 * indexes of an unfinished bulk load) goes through store.h.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/driver.h"
#include "store/migrate.h"
#include "store/sql.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Asked in order; the last accepts any URL. */
static const struct store_driver *const store_drivers[] = {&store_driver_pg, &store_driver_sqlite};

static const char create_migration_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

/* Has migration `version` been applied? Each is checked on its own, not against the highest,
 * so a migration numbered below one already applied (two branches merged) still runs. */
static int applied(struct store *s, int version, bool *done, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT count(*) FROM schema_migration WHERE version = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, version);
    int64_t n = 0;
    rc = sql_run_int(s, st, &n, e);
    *done = n > 0;
    return rc;
}

time_t store_now(const struct store *s)
{
    return s->clock ? s->clock(s->clock_arg) : time(NULL);
}

const char *store_now_text(const struct store *s, char out[32])
{
    time_t t = store_now(s);
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        BUG("the clock gave a time gmtime_r cannot read: %lld", (long long)t);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

void store_set_clock(struct store *s, store_clock_fn *fn, void *arg)
{
    s->clock = fn;
    s->clock_arg = fn ? arg : NULL;
}

/* ---- commit hooks ---- */

struct store_hook {
    store_commit_fn *before_commit;
    store_forget_fn *forget;
};

void store_on_commit(struct store *s, store_commit_fn *before_commit, store_forget_fn *forget)
{
    for (size_t i = 0; i < s->n_hooks; i++)
        if (s->hooks[i].before_commit == before_commit && s->hooks[i].forget == forget)
            return;
    if (s->n_hooks == s->hooks_cap) {
        s->hooks_cap = s->hooks_cap ? s->hooks_cap * 2 : 4;
        s->hooks = xrealloc(s->hooks, s->hooks_cap * sizeof *s->hooks);
    }
    s->hooks[s->n_hooks++] = (struct store_hook){before_commit, forget};
}

static int hooks_before_commit(struct store *s, struct error *e)
{
    int rc = ERR_OK;
    for (size_t i = 0; i < s->n_hooks && !rc; i++)
        if (s->hooks[i].before_commit)
            rc = s->hooks[i].before_commit(s, e);
    return rc;
}

static void hooks_forget(struct store *s)
{
    for (size_t i = 0; i < s->n_hooks; i++)
        if (s->hooks[i].forget)
            s->hooks[i].forget(s);
}

/*
 * 0012 on SQLite: task.source's CHECK written with BETWEEN instead of an IN list. Only the
 * table's definition changes, not its rows, so it is edited in place as SQLite's
 * documentation describes (lang_altertable.html, "making other kinds of table schema
 * changes"): writable_schema, the new text, the schema version raised by one so that every
 * connection reads the definition again. A definition that does not hold the old text (edited
 * by hand) is left as it is.
 */
static int task_source_check(struct store *s, struct error *e)
{
    if (strcmp(s->ops->name, "sqlite") != 0)
        return ERR_OK;
    struct stmt *st;
    int64_t version;
    int rc;
    if ((rc = sql_prepare(s, "PRAGMA schema_version", &st, e)) ||
        (rc = sql_run_int(s, st, &version, e)) ||
        (rc = s->ops->exec(s, "PRAGMA writable_schema = ON", e)))
        return rc;
    rc = s->ops->exec(s,
                      "UPDATE sqlite_master SET sql = replace(sql, 'CHECK (source IN (1, 2, 3))',"
                      " 'CHECK (source BETWEEN 1 AND 3)') WHERE type = 'table' AND name = 'task'",
                      e);
    if (!rc) {
        /* A pragma takes no parameter; the number is the one just read, plus one. */
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA schema_version = %lld", (long long)version + 1);
        rc = s->ops->exec(s, bump, e);
    }
    struct error ignored = ERROR_INIT;
    int off = s->ops->exec(s, "PRAGMA writable_schema = OFF", rc ? &ignored : e);
    return rc ? rc : off;
}

/* What a migration's SQL cannot compute, filled in by the program in the same transaction. */
static int migration_fill(struct store *s, int version, struct error *e)
{
    if (version == 7) /* 0007_dossier_totals: the running totals of the dossiers already there */
        return store_dossier_totals_rebuild(s, e);
    if (version == 12)
        return task_source_check(s, e);
    return ERR_OK;
}

/* Apply the migrations of this backend newer than the database, each in a transaction. */
static int migrate(struct store *s, struct error *e)
{
    int rc = s->ops->exec(s, create_migration_table, e);
    if (rc)
        return rc;
    for (const struct migration *m = migrations; m->backend; m++) {
        if (strcmp(m->backend, s->ops->name) != 0)
            continue;
        if ((rc = store_begin(s, e)))
            return rc;
        /* Two servers starting at once on PostgreSQL: the second waits, then skips. */
        if (strcmp(s->ops->name, "postgres") == 0 &&
            (rc = s->ops->exec(s, "SELECT pg_advisory_xact_lock(7261)", e)))
            goto fail;
        bool done;
        if ((rc = applied(s, m->version, &done, e)))
            goto fail;
        if (done) {
            store_rollback(s);
            continue;
        }
        if ((rc = s->ops->exec(s, m->sql, e)) || (rc = migration_fill(s, m->version, e)))
            goto fail;
        struct stmt *st;
        if ((rc = sql_prepare(s,
                              "INSERT INTO schema_migration (version, name, applied_at) "
                              "VALUES ($1, $2, $3)",
                              &st, e)))
            goto fail;
        char now[32];
        sql_bind_int(s, st, 1, m->version);
        sql_bind_text(s, st, 2, m->name);
        sql_bind_text(s, st, 3, store_now_text(s, now));
        if ((rc = sql_run(s, st, e)) || (rc = store_commit(s, e)))
            goto fail;
    }
    return ERR_OK;
fail:
    store_rollback(s);
    return rc;
}

/* Indexes a bulk load dropped and did not build again (it stopped half-way): build them now.
 * A load still running holds the database: then the indexes wait for the next open, and
 * this one goes on without them (right answers, only slower). */
static int restore_bulk_indexes(struct store *s, struct error *e)
{
    int64_t n;
    int rc = store_bulk_pending(s, &n, e);
    if (rc || n == 0)
        return rc;
    fprintf(stderr, "giaoban: building %lld indexes left by an unfinished bulk load...\n",
            (long long)n);
    struct error e2 = ERROR_INIT;
    if (store_bulk_indexes_restore(s, &e2))
        fprintf(stderr, "giaoban: not now (%s); the indexes are built at a later start\n",
                e2.message);
    return ERR_OK;
}

int store_open(const char *url, struct store **out, struct error *e)
{
    struct store *s = NULL;
    const struct store_driver *driver = NULL;
    const char *target = NULL;
    for (size_t i = 0; !driver && i < sizeof store_drivers / sizeof store_drivers[0]; i++)
        if ((target = store_drivers[i]->accepts(url)))
            driver = store_drivers[i];
    if (!driver)
        BUG("no store driver takes '%s'", url);
    int rc = driver->connect(target, &s, e);
    if (rc)
        return rc;
    if ((rc = migrate(s, e))) {
        s->ops->close(s);
        return rc;
    }
    if ((rc = restore_bulk_indexes(s, e))) {
        s->ops->close(s);
        return rc;
    }
    *out = s;
    return ERR_OK;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    unit_tree_release(&s->tree_cache);
    unit_tree_release(&s->tree_tx);
    unit_set_release(&s->touched);
    free(s->hooks);
    s->ops->close(s);
}

const char *store_backend(const struct store *s)
{
    return s->ops->name;
}

int store_begin(struct store *s, struct error *e)
{
    if (s->tx_depth++ > 0)
        return ERR_OK;
    store_read_end(s); /* a write starts from the latest data, not from the snapshot */
    s->tx_failed = false;
    int rc = s->ops->begin(s, e);
    if (rc)
        s->tx_depth = 0;
    return rc;
}

int store_commit(struct store *s, struct error *e)
{
    if (s->tx_depth == 0)
        BUG("store_commit without store_begin");
    if (--s->tx_depth > 0)
        return ERR_OK;
    if (s->tx_failed) {
        hooks_forget(s);
        s->ops->rollback(s);
        return error_set(e, ERR_INTERNAL, "", "Giao dịch đã bị hủy do lỗi trước đó");
    }
    int rc = hooks_before_commit(s, e);
    hooks_forget(s);
    if (!rc)
        rc = s->ops->commit(s, e);
    if (rc)
        s->ops->rollback(s);
    return rc;
}

void store_set_deferred_sync(struct store *s, bool on)
{
    if (s->ops->defer_sync)
        s->ops->defer_sync(s, on);
}

uint64_t store_sync_owed(struct store *s)
{
    return s->ops->sync_owed ? s->ops->sync_owed(s) : 0;
}

int store_read_begin(struct store *s, struct error *e)
{
    if (s->tx_depth || s->reading || !s->ops->read_begin)
        return ERR_OK;
    int rc = s->ops->read_begin(s, e);
    s->reading = rc == ERR_OK;
    return rc;
}

void store_read_end(struct store *s)
{
    if (!s->reading)
        return;
    s->reading = false;
    s->ops->read_end(s);
}

void store_rollback(struct store *s)
{
    if (s->tx_depth == 0)
        return;
    if (--s->tx_depth > 0) {
        s->tx_failed = true; /* the outermost commit will refuse */
        return;
    }
    hooks_forget(s);
    s->ops->rollback(s);
}

/* ---- settings, emptiness, wipe ---- */

int store_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
                      struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT value FROM setting WHERE key = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, key);
    bool row;
    *value = NULL;
    if (!(rc = sql_step(s, st, &row, e)) && row)
        *value = sql_col_text(s, a, st, 0);
    sql_reset(s, st);
    return rc;
}

int store_setting_set(struct store *s, const char *key, const char *value, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO setting (key, value) VALUES ($1, $2) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, key);
    sql_bind_text(s, st, 2, value);
    return sql_run(s, st, e);
}

int store_is_empty(struct store *s, bool *empty, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT (SELECT count(*) FROM (SELECT 1 FROM unit LIMIT 1) a)"
                         " + (SELECT count(*) FROM (SELECT 1 FROM task LIMIT 1) b)"
                         " + (SELECT count(*) FROM (SELECT 1 FROM document LIMIT 1) c)"
                         " + (SELECT count(*) FROM (SELECT 1 FROM meeting LIMIT 1) d)",
                         &st, e);
    if (rc)
        return rc;
    int64_t n = 0;
    rc = sql_run_int(s, st, &n, e);
    *empty = n == 0;
    return rc;
}

int store_wipe(struct store *s, struct error *e)
{
    /* The history is append-only (triggers), so a wipe drops and recreates the schema. */
    static const char *const tables[] = {
        "bulk_index", /* 0008_bulk_index */
        "dossier_total", "dossier_total_span", /* 0007_dossier_totals */
        "indicator_value", "indicator", "petition", "dossier", /* issue 5 (0003_briefing) */
        "login_throttle", "api_token", "session", "account", /* 0002_accounts; audit stays */
        "unit_successor", /* 0014_unit_successor */
        "task_gen", /* 0013_task_gen */
        "agg_month", "agg_delta", "task_event", "task_coord", "task", "document",
        "meeting_unit", "meeting", "person", "unit_name", "unit", "setting", "schema_migration",
    };
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    bool pg = strcmp(s->ops->name, "postgres") == 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0] && !rc; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s%s", tables[i], pg ? " CASCADE" : "");
        rc = s->ops->exec(s, sql, e);
    }
    if (!rc && pg)
        rc = s->ops->exec(s, "DROP FUNCTION IF EXISTS task_event_append_only() CASCADE", e);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    if ((rc = store_commit(s, e)))
        return rc;
    return migrate(s, e);
}
