/*
 * store/store_int.h - what the domain files (store_*.c) build on; included by store*.c only.
 *
 * The store has three tiers. At the bottom the drivers (store_sqlite.c, store_pg.c, over
 * driver.h: one vtable each, one shared statement cache, one dialect layer). In the middle
 * the helper kit (sql.c, declared here): prepare a statement, bind, step, read columns, get
 * one row, iterate rows, assemble a query. On top the domain files, which speak SQL only
 * through these helpers, and the front door (store.c: open by URL, migrations, nested
 * transactions, commit hooks, the clock).
 *
 * The domain SQL is written once, PostgreSQL-flavoured, with `$1` parameters and `::type`
 * casts and IDSET($N) for a parameter bound to a JSON array of ids (dialect.c). A statement
 * is prepared once per connection and cached by its SQL text, so callers keep each
 * statement as a string constant beside its one user and call sql_prepare() every time.
 */
#ifndef GB_STORE_STORE_INT_H
#define GB_STORE_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/driver.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"

/* Note that a task of `lead_unit_id` was inserted or changed (store_task.c): in a
 * transaction, for store_commit; outside one, counted at once. */
int store_task_touched(struct store *s, int64_t lead_unit_id, struct error *e);

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
