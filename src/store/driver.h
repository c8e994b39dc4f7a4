/*
 * store/driver.h - the store's bottom tier: what a database backend provides, and the parts
 * both backends share. Included by the drivers (store_sqlite.c, store_pg.c), by the helper
 * kit (sql.c) and by the front door (store.c); the domain files (store_*.c) see it only
 * through store_int.h and call the sql_* helpers, never the ops.
 *
 * A backend is a driver in the shape of SQLite's VFS or curl's vtls: a struct of function
 * pointers (struct store_ops), one file each, owning its connection, its transactions and
 * its error mapping. What is not backend-specific lives here once:
 *
 *  - the statement cache (driver.c): a statement is prepared once per connection and found
 *    again by its SQL text, or first by the address of the string constant it came from;
 *  - the dialect (dialect.c): the domain SQL is written once, PostgreSQL-flavoured (`$N`
 *    parameters, `::type` casts, IDSET($N) for a parameter bound to a JSON array of ids),
 *    and each driver asks for its own form of it. The translation reads the SQL as tokens:
 *    string literals, quoted identifiers, dollar-quoted strings and comments are copied as
 *    they are, never rewritten.
 */
#ifndef GB_STORE_DRIVER_H
#define GB_STORE_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

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
    /* Advance: *row true with a row to read, false when done. A failure is worded by the
     * driver's error mapping (ERR_STORE, or ERR_CONFLICT / ERR_INVALID for constraints). */
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

/* ---- The statement cache, one per connection (driver.c) ---- */

/*
 * A first look for a statement prepared from a string constant: by the constant's address,
 * in a small direct-mapped table, before hashing and comparing its text (a load of a million
 * tasks prepares some ten million statements). A miss falls back to the text.
 */
#define STMT_BY_ADDRESS 128
struct stmt_by_address {
    const char *sql;
    struct stmt *st;
};

struct stmt_cache_entry {
    char *sql; /* the untranslated text: the key */
    uint64_t hash;
    struct stmt *stmt;
};

struct stmt_cache {
    struct stmt_cache_entry *tab; /* open addressing, a power of two, at most half full */
    size_t cap, n;
    struct stmt_by_address by_address[STMT_BY_ADDRESS];
};

static inline struct stmt_by_address *stmt_by_address_slot(struct stmt_cache *c, const char *sql)
{
    return &c->by_address[((uintptr_t)sql * 0x9E3779B97F4A7C15ULL) >> 57]; /* 7 bits */
}
_Static_assert(STMT_BY_ADDRESS == 128, "the slot takes the top 7 bits of the hash");

/* The statement cached for `sql`, or NULL; by text (then remembered by address too). */
struct stmt *stmt_cache_lookup(struct stmt_cache *c, const char *sql, bool constant);

/* The statement cached for `sql`, or NULL (the driver then prepares it and adds it). */
static inline struct stmt *stmt_cache_get(struct stmt_cache *c, const char *sql, bool constant)
{
    if (constant) {
        struct stmt_by_address *slot = stmt_by_address_slot(c, sql);
        if (slot->sql == sql)
            return slot->st;
    }
    return stmt_cache_lookup(c, sql, constant);
}

/* Cache `st` under a copy of `sql`; return the copy (it lives as long as the cache). */
const char *stmt_cache_add(struct stmt_cache *c, const char *sql, bool constant, struct stmt *st);

/* Free every statement with `free_stmt`, then the cache itself. */
void stmt_cache_release(struct stmt_cache *c, void (*free_stmt)(struct stmt *st));

/* ---- The dialect (dialect.c) ---- */

enum dialect {
    DIALECT_SQLITE,   /* `?N`, casts dropped, FOR UPDATE dropped, IDSET over json_each() */
    DIALECT_POSTGRES, /* as written; IDSET over jsonb_array_elements_text() */
};
#define DIALECT_MAX_PARAMS 64 /* more than any statement of ours binds */

/* Append `sql` (len bytes) in the dialect `d` to `out`; return the highest $N it uses. */
int dialect_translate(enum dialect d, const char *sql, size_t len, struct buf *out);

/* Is `sql` a one-row "INSERT INTO table ... VALUES (...) RETURNING id" (no upsert, no
 * INSERT ... SELECT, outside quoted text)? Return its length without the clause, or 0. */
size_t dialect_insert_returning_id(const char *sql);

/* ---- The store's common part: first member of each backend's own struct ---- */

struct store_hook; /* store.c: a registered commit hook */

struct store {
    const struct store_ops *ops;
    int tx_depth; /* store_begin nesting: only the outermost begins and commits */
    bool tx_failed;
    bool reading; /* inside store_read_begin's snapshot */
    /* The clock (store_set_clock): NULL reads time(). */
    store_clock_fn *clock;
    void *clock_arg;
    /* Hooks run by the outermost store_commit just before it commits (store_on_commit). */
    struct store_hook *hooks;
    size_t n_hooks, hooks_cap;
    /* store_unit_tree's last answer read outside a transaction, and the unit_version
     * setting it was read at: every unit write sets a new random version, so a server asks
     * one row per request instead of reading and sorting every unit. */
    struct unit_tree tree_cache;
    struct unit_tree tree_tx; /* the last tree read inside a transaction */
    bool tree_cached;
    char tree_version[40];
    /* The lead units of the tasks written in the open transaction: a commit hook of
     * store_task.c adds one to each one's task_gen counter (store_task_stamp). */
    struct unit_set touched;
    /* Which of a unit's STORE_GEN_SHARDS counters this connection adds to: on PostgreSQL
     * the row stays locked until the commit, so writers to one unit through different
     * connections would wait for each other's commit on one row. SQLite: always 0. */
    int gen_shard;
};
#define STORE_GEN_SHARDS 8

/*
 * A driver's door: which URLs it takes, and how it connects. store_open() asks each driver
 * of store_drivers[] in turn (the last takes anything: a SQLite file path). Connecting
 * makes the backend's struct, its first member a struct store with `ops` set and the rest
 * zero; the front door then migrates.
 */
struct store_driver {
    const char *name;
    /* The part of `url` the driver connects with, or NULL if the URL is not for it. */
    const char *(*accepts)(const char *url);
    int (*connect)(const char *target, struct store **out, struct error *e);
};
extern const struct store_driver store_driver_pg, store_driver_sqlite;

/* Log a database failure to stderr and word it for the clerk: ERR_STORE. */
int store_fail(struct error *e, const char *backend, const char *what, const char *detail);

#endif
