/*
 * store/store_int.h - what the two backends provide; included by store*.c only.
 *
 * The domain SQL is written once (store_*.c) in the SQL both databases speak,
 * with PostgreSQL's `$1` parameters and `::type` casts. A backend is a
 * driver in the shape of SQLite's VFS or curl's vtls: a struct of function
 * pointers, one file each, owning its connection, its statement cache, its
 * transactions and its dialect. The SQLite driver rewrites `$N` to `?N` and
 * drops `::type`; both expand `IDSET($N)` (a parameter bound to a JSON array
 * of ids, "[1,2,3]") into a subquery yielding those ids.
 *
 * A statement is prepared once per connection and cached by its SQL text,
 * so callers keep each statement as a `static const char` beside its one
 * user and call store_sql() every time.
 */
#ifndef GB_STORE_STORE_INT_H
#define GB_STORE_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"

struct stmt; /* a driver's prepared statement */

struct store_ops {
    const char *name; /* "sqlite", "postgres": matches migration.backend */
    void (*close)(struct store *s);
    /* Run SQL without parameters or rows (several statements allowed): migrations. */
    int (*exec)(struct store *s, const char *sql, struct error *e);
    int (*begin)(struct store *s, struct error *e);
    int (*commit)(struct store *s, struct error *e);
    void (*rollback)(struct store *s);
    /* store_read_begin / store_read_end; NULL where a snapshot costs more than it gives. */
    int (*read_begin)(struct store *s, struct error *e);
    void (*read_end)(struct store *s);
    /* Prepared (or from the cache) and reset, with no parameter bound. `constant`: `sql` is
     * a string constant, so its address alone can find it again (no hashing of its text). */
    int (*prepare)(struct store *s, const char *sql, bool constant, struct stmt **out,
                   struct error *e);
    /* Parameters count from 1. Text is copied by the driver. */
    void (*bind_int)(struct stmt *st, int i, int64_t v);
    void (*bind_text)(struct stmt *st, int i, const char *v); /* NULL binds NULL */
    void (*bind_null)(struct stmt *st, int i);
    /* Advance: *row true with a row to read, false when done. */
    int (*step)(struct stmt *st, bool *row, struct error *e);
    /* Columns count from 0; valid until the next step or reset. */
    bool (*col_null)(struct stmt *st, int i);
    int64_t (*col_int)(struct stmt *st, int i);  /* NULL reads as 0 */
    const char *(*col_text)(struct stmt *st, int i); /* NULL reads as NULL */
    /* Finish the statement's current execution (it stays cached). */
    void (*reset)(struct stmt *st);
    /* store_set_deferred_sync, store_sync_owed; NULL where a commit is its own sync. */
    void (*defer_sync)(struct store *s, bool on);
    uint64_t (*sync_owed)(struct store *s);
};

/*
 * A driver's first look for a statement prepared from a string constant: by the constant's
 * address, in a small direct-mapped table, before hashing and comparing its text (a load of
 * a million tasks prepares some ten million statements). A miss falls back to the text.
 */
#define STMT_BY_ADDRESS 128
struct stmt_by_address {
    const char *sql;
    struct stmt *st;
};
static inline struct stmt_by_address *stmt_by_address_slot(struct stmt_by_address *t,
                                                           const char *sql)
{
    return &t[((uintptr_t)sql * 0x9E3779B97F4A7C15ULL) >> 57]; /* 7 bits: 128 slots */
}
_Static_assert(STMT_BY_ADDRESS == 128, "the slot takes the top 7 bits of the hash");

/* First member of each backend's own struct. */
struct store {
    const struct store_ops *ops;
    int tx_depth; /* store_begin nesting: only the outermost begins and commits */
    bool tx_failed;
    bool reading; /* inside store_read_begin's snapshot */
    /* store_unit_tree's last answer read outside a transaction, and the unit_version
     * setting it was read at: every unit write sets a new random version, so a server asks
     * one row per request instead of reading and sorting every unit. */
    struct unit_tree tree_cache;
    struct unit_tree tree_tx; /* the last tree read inside a transaction */
    bool tree_cached;
    char tree_version[40];
    /* The lead units of the tasks written in the open transaction: store_commit adds one to
     * each one's task_gen counter (store_task_stamp) just before it commits. */
    struct unit_set touched;
    /* Which of a unit's STORE_GEN_SHARDS counters this connection adds to: on PostgreSQL
     * the row stays locked until the commit, so writers to one unit through different
     * connections would wait for each other's commit on one row. SQLite: always 0. */
    int gen_shard;
};
#define STORE_GEN_SHARDS 8

int store_sqlite_open(const char *path, struct store **out, struct error *e);
int store_pg_open(const char *url, struct store **out, struct error *e);

/* Note that a task of `lead_unit_id` was inserted or changed (store_task.c): in a
 * transaction, for store_commit; outside one, counted at once. */
int store_task_touched(struct store *s, int64_t lead_unit_id, struct error *e);
/* Count the transaction's touched units (store_commit calls it before committing). */
int store_task_gen_flush(struct store *s, struct error *e);

/* ---- Helpers over the ops, used by the domain files (store_*.c) ---- */

/* Prepare `sql`, a string constant (its address identifies it); bind parameters with the
 * sql_bind_* helpers below. SQL built at run time goes through q_prepare(). */
int sql_prepare(struct store *s, const char *sql, struct stmt **st, struct error *e);
void sql_bind_int(struct store *s, struct stmt *st, int i, int64_t v);
void sql_bind_id(struct store *s, struct stmt *st, int i, int64_t id);   /* 0 binds NULL */
void sql_bind_day(struct store *s, struct stmt *st, int i, day_num d);   /* DAY_NONE binds NULL */
void sql_bind_text(struct store *s, struct stmt *st, int i, const char *v);
/* Bind a unit set as the JSON array IDSET() expects; NULL set binds "[]". */
void sql_bind_set(struct store *s, struct stmt *st, int i, const struct unit_set *set);
int sql_step(struct store *s, struct stmt *st, bool *row, struct error *e);
/* Run a statement that returns no row; reset it. */
int sql_run(struct store *s, struct stmt *st, struct error *e);
/* Run a statement returning one integer in its first column (e.g. RETURNING id); reset it.
 * ERR_NOT_FOUND if no row. */
int sql_run_int(struct store *s, struct stmt *st, int64_t *out, struct error *e);
void sql_reset(struct store *s, struct stmt *st);

int64_t sql_col_int(struct store *s, struct stmt *st, int i);
int64_t sql_col_id(struct store *s, struct stmt *st, int i);    /* NULL -> 0 */
day_num sql_col_day(struct store *s, struct stmt *st, int i);   /* NULL -> DAY_NONE */
bool sql_col_null(struct store *s, struct stmt *st, int i);
/* Text copied into `a`; NULL stays NULL. */
const char *sql_col_text(struct store *s, struct arena *a, struct stmt *st, int i);
/* Text valid until the next step (no copy). */
const char *sql_col_text_raw(struct store *s, struct stmt *st, int i);

/* Log a database failure to stderr and word it for the clerk. */
int store_fail(struct error *e, const char *backend, const char *what, const char *detail);
/* Turn a uniqueness violation into ERR_CONFLICT with `message` (others: ERR_STORE). */

/* ---- A query assembled from fixed fragments, every value a parameter ---- */
#define QUERY_MAX_PARAMS 40
struct query_param {
    int kind; /* 1 int, 2 text, 3 set, 4 null */
    int64_t i;
    const char *t;
    const struct unit_set *set;
};
struct query {
    struct buf sql;
    int n;
    struct query_param p[QUERY_MAX_PARAMS];
};
void query_init(struct query *q);
void query_release(struct query *q);
void q_sql(struct query *q, const char *fragment); /* SQL text of ours, never user data */
void q_int(struct query *q, int64_t v);            /* appends "$N" */
void q_text(struct query *q, const char *v);       /* appends "$N" */
void q_set(struct query *q, const struct unit_set *set); /* appends "IDSET($N)" */
int q_prepare(struct store *s, struct query *q, struct stmt **st, struct error *e);

/* ---- Open intervals (migration 0004_task_open_span) ---- */
#define OPEN_FOREVER 99999999 /* open_until of a task that may still be open */
/* The length class of the open interval [assigned, until) of a task, as SQL over two integer
 * expressions: see the migration. filter_where() in store_task.c holds the class bounds. */
#define OPEN_SPAN_SQL(until, assigned)                                                             \
    "CASE WHEN " until " >= 99999999 THEN 9 WHEN " until " - " assigned " <= 31 THEN 0"          \
    " WHEN " until " - " assigned " <= 92 THEN 1 WHEN " until " - " assigned " <= 365 THEN 2"    \
    " WHEN " until " - " assigned " <= 1461 THEN 3 ELSE 4 END"

/* ---- Dossier running totals (store_dossier_total.c, migration 0007) ---- */
/* The dossier's row alone (store_briefing.c); its totals are the caller's to move. */
int dossier_insert_row(struct store *s, const struct dossier_rec *d, int64_t *id,
                       struct error *e);
/* Count a dossier into its unit's totals (sign +1), or take it out (-1); inside a transaction. */
int dossier_totals_add(struct store *s, const struct dossier_rec *d, int sign, struct error *e);
/* store_dossier_counts() from the totals, seen at `end`; needs year_from <= from <= end. */
int dossier_totals_tally(struct store *s, const struct unit_set *units, day_num year_from,
                         day_num from, day_num end, struct dossier_tally *month,
                         struct dossier_tally *ytd, struct error *e);

#endif
