/*
 * store/sql.h - the store's middle tier: the helper kit the domain files (store_*.c) speak
 * SQL through (sql.c), and what the front door (store.c) does for them: commit hooks and
 * the clock.
 *
 * The domain SQL is written once, PostgreSQL-flavoured, with `$1` parameters, `::type`
 * casts and IDSET($N) for a parameter bound to a JSON array of ids; the driver's dialect
 * (dialect.c) rewrites it for its database. A statement is prepared once per connection and
 * cached by its SQL text, so callers keep each statement as a string constant beside its
 * one user and call sql_prepare() every time. One row is read with sql_get_one() (a row
 * reader fills a record), many with sql_list() or sql_each(); "no row" is never an error
 * code, so a failing database is never mistaken for a missing record.
 */
#ifndef GB_STORE_SQL_H
#define GB_STORE_SQL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "store/driver.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"

/* ---- The front door's services to the domain files (store.c) ---- */

/*
 * Commit hooks, registered by a domain file when it has something to finish in the
 * transaction (store_task.c: the task_gen counters of the lead units it touched). The
 * outermost store_commit runs every `before_commit` just before it commits, in the
 * transaction (a failure rolls the transaction back); then, committed or not, and at the
 * outermost store_rollback, every `forget` (may be NULL), so that what a hook noted never
 * outlives its transaction. Once registered a hook stays for the connection's life and
 * should return at once when it has nothing to do; registering it again keeps one.
 */
typedef int store_commit_fn(struct store *s, struct error *e);
typedef void store_forget_fn(struct store *s);
void store_on_commit(struct store *s, store_commit_fn *before_commit, store_forget_fn *forget);

/* The store's clock (store_set_clock): now, and now as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
time_t store_now(const struct store *s);
const char *store_now_text(const struct store *s, char out[32]);

/* ---- The helper kit over the driver's ops (sql.c) ---- */

/* Prepare `sql`, a string constant (its address identifies it); bind parameters with the
 * sql_bind_* helpers below. SQL built at run time goes through q_prepare(). */
int sql_prepare(struct store *s, const char *sql, struct stmt **st, struct error *e);
/* Run SQL without parameters (several statements allowed), as written: DDL, bulk deletes. */
int sql_exec(struct store *s, const char *sql, struct error *e);
bool sql_is_postgres(const struct store *s);
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
 * No row: ERR_NOT_FOUND, worded "Không tìm thấy dữ liệu" (callers that can say what was not
 * found use sql_get_int()). */
int sql_run_int(struct store *s, struct stmt *st, int64_t *out, struct error *e);
void sql_reset(struct store *s, struct stmt *st);

/* A row reader: one record from the current row of `st`, its text copied into `a`. */
typedef void sql_row_fn(struct store *s, struct arena *a, struct stmt *st, void *out);
/*
 * Get one row: step `st` once; with a row, `read` fills `out` and *found is true; without,
 * `out` is untouched and *found false. `st` is reset either way. The return is only a
 * database failure (ERR_STORE...): "no row" is *found, for the caller to word as not found.
 */
int sql_get_one(struct store *s, struct arena *a, struct stmt *st, sql_row_fn *read, void *out,
                bool *found, struct error *e);
/* The same for one integer in the first column (NULL reads 0). */
int sql_get_int(struct store *s, struct stmt *st, int64_t *out, bool *found, struct error *e);
/* Every row of `st`, in order, to fn(s, st, arg, e); a non-zero return stops the rows and
 * is returned. `st` is reset at the end. */
typedef int sql_each_fn(struct store *s, struct stmt *st, void *arg, struct error *e);
int sql_each(struct store *s, struct stmt *st, sql_each_fn *fn, void *arg, struct error *e);
/* Every row read by `read` into an array of `size`-byte records from `a`: *out, *n (NULL
 * and 0 without rows). `st` is reset at the end. */
int sql_list(struct store *s, struct arena *a, struct stmt *st, size_t size, sql_row_fn *read,
             void **out, size_t *n, struct error *e);

/* The first column of every row, as integers (ids), into `a`. */
int sql_list_ids(struct store *s, struct arena *a, struct stmt *st, int64_t **ids, size_t *n,
                 struct error *e);

int64_t sql_col_int(struct store *s, struct stmt *st, int i);
int64_t sql_col_id(struct store *s, struct stmt *st, int i);    /* NULL -> 0 */
day_num sql_col_day(struct store *s, struct stmt *st, int i);   /* NULL -> DAY_NONE */
bool sql_col_null(struct store *s, struct stmt *st, int i);
/* Text copied into `a`; NULL stays NULL. */
const char *sql_col_text(struct store *s, struct arena *a, struct stmt *st, int i);
/* Text valid until the next step (no copy). */
const char *sql_col_text_raw(struct store *s, struct stmt *st, int i);

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

#endif
