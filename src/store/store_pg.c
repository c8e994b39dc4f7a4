/*
 * store/store_pg.c - the PostgreSQL backend, over libpq.
 *
 * The domain SQL is already PostgreSQL's, so the only rewriting (dialect.c)
 * is IDSET($N), expanded into a subquery over the JSON array the parameter
 * carries. Each statement is prepared on the server once per
 * connection (PQprepare, named gb1, gb2...) and kept in the statement cache
 * both drivers share (driver.c), by its SQL text: a command runs the same few
 * statements many times, and planning them once is most of the saving.
 *
 * Rows stream in single-row mode: a scan may return a million rows, and
 * libpq's default would hold them all in memory before the first one is
 * read. The price is that a connection carries one statement's stream at
 * a time; the driver remembers which statement is in flight and drains it
 * before anything else talks to the server. A statement whose remaining
 * rows were drained that way refuses to step again, so an interleaving
 * caller (which SQLite would allow) gets an error, never a short answer.
 *
 * Errors are mapped from SQLSTATE to the same codes and wording as the
 * SQLite driver's: uniqueness is a conflict, other constraints are invalid
 * input, serialization failures and deadlocks are conflicts to retry, the
 * rest is the database failing. The server's own words go to the log.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* More than any statement of ours binds (QUERY_MAX_PARAMS is 40). */
#define PG_MAX_PARAMS DIALECT_MAX_PARAMS

enum run_state {
    RUN_IDLE,      /* bound, not sent */
    RUN_STREAMING, /* sent; results still come from the server */
    RUN_DONE,      /* the server has sent everything */
    RUN_CUT,       /* another statement drained our remaining rows */
};

struct stmt {
    struct pg_store *owner;
    const char *sql; /* the cache key, for the log */
    char name[16];
    int nparams;
    int nbound; /* highest index bound since the last reset */
    const char *values[PG_MAX_PARAMS];
    char *owned[PG_MAX_PARAMS]; /* copies of bound text */
    char num[PG_MAX_PARAMS][24];
    enum run_state state;
    PGresult *res; /* the current row's result, cleared at the next step or reset */
    int row, nrows;
};

struct pg_store {
    struct store base;
    PGconn *conn;
    struct stmt *inflight; /* the statement whose results the connection carries */
    unsigned next_name;
    struct stmt_cache cache;
};

/* libpq's messages end in a newline and may span lines: one line for the log and the clerk. */
static void one_line(struct buf *out, const char *msg)
{
    bool space = false;
    for (const char *p = msg ? msg : ""; *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
            space = out->len > 0;
            continue;
        }
        if (space)
            buf_addc(out, ' ');
        space = false;
        buf_addc(out, *p);
    }
}

static int lost_connection(struct pg_store *q, const PGresult *res, const char *what,
                           struct error *e)
{
    struct buf m = BUF_INIT(BUF_NO_LIMIT);
    one_line(&m, res ? PQresultErrorMessage(res) : PQerrorMessage(q->conn));
    fprintf(stderr, "giaoban: postgres: %s: connection lost: %s\n", what, m.data);
    buf_release(&m);
    return error_set(e, ERR_STORE, "db", "Mất kết nối tới PostgreSQL");
}

/* Word a failed result (or, with res NULL, the connection's last error) for the clerk. */
static int pg_fail(struct pg_store *q, const PGresult *res, const char *what, const char *sql,
                   struct error *e)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    /* The server says it is going away (a restart, pg_terminate_backend) before the socket
     * closes: the same loss for the clerk. */
    if (PQstatus(q->conn) != CONNECTION_OK ||
        (state && (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
                   strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0)))
        return lost_connection(q, res, what, e);
    struct buf d = BUF_INIT(BUF_NO_LIMIT);
    buf_addf(&d, "SQLSTATE %s: ", state ? state : "?");
    if (res && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) {
        one_line(&d, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
        const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
        const char *hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
        if (detail) {
            buf_adds(&d, " DETAIL: ");
            one_line(&d, detail);
        }
        if (hint) {
            buf_adds(&d, " HINT: ");
            one_line(&d, hint);
        }
    } else {
        one_line(&d, res ? PQresultErrorMessage(res) : PQerrorMessage(q->conn));
    }
    int rc;
    if (state && strncmp(state, "23", 2) == 0) {
        fprintf(stderr, "giaoban: postgres: %s: %s\n", what, d.data);
        if (strcmp(state, "23505") == 0)
            rc = error_set(e, ERR_CONFLICT, "", "Dữ liệu trùng với một bản ghi đã có");
        else if (strcmp(state, "23503") == 0)
            rc = error_set(e, ERR_INVALID, "", "Dữ liệu tham chiếu tới bản ghi không tồn tại");
        else
            rc = error_set(e, ERR_INVALID, "", "Dữ liệu không thỏa mãn ràng buộc của hệ thống");
    } else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)) {
        fprintf(stderr, "giaoban: postgres: %s: %s\n", what, d.data);
        rc = error_set(e, ERR_CONFLICT, "", "Dữ liệu vừa bị người khác thay đổi, hãy thử lại");
    } else {
        rc = store_fail(e, "postgres", what, d.data);
        if (sql)
            fprintf(stderr, "giaoban: postgres: in: %.400s\n", sql);
    }
    buf_release(&d);
    return rc;
}

/* Read the connection's remaining results and drop them; return how many rows they held. */
static long discard_results(struct pg_store *q)
{
    long rows = 0;
    PGresult *r;
    while ((r = PQgetResult(q->conn))) {
        switch (PQresultStatus(r)) {
        case PGRES_SINGLE_TUPLE:
        case PGRES_TUPLES_OK:
            rows += PQntuples(r);
            break;
        case PGRES_FATAL_ERROR: {
            /* The caller stopped reading; in a transaction the server remembers and refuses
             * the rest, so the failure still surfaces. */
            struct buf m = BUF_INIT(BUF_NO_LIMIT);
            one_line(&m, PQresultErrorMessage(r));
            fprintf(stderr, "giaoban: postgres: discarded: %s\n", m.data);
            buf_release(&m);
            break;
        }
        case PGRES_COPY_IN:
            PQputCopyEnd(q->conn, "giaoban does not use COPY");
            break;
        case PGRES_COPY_OUT: {
            char *data;
            while (PQgetCopyData(q->conn, &data, 0) > 0)
                PQfreemem(data);
            break;
        }
        default:
            break;
        }
        PQclear(r);
        if (PQstatus(q->conn) != CONNECTION_OK)
            break;
    }
    return rows;
}

/* Before anything else uses the connection: finish the statement in flight, if any. */
static void settle(struct pg_store *q)
{
    struct stmt *st = q->inflight;
    if (!st)
        return;
    q->inflight = NULL;
    /* Its current row stays readable; only what the server still had is lost. */
    st->state = discard_results(q) > 0 ? RUN_CUT : RUN_DONE;
}

static void clear_bindings(struct stmt *st)
{
    for (int i = 0; i < st->nbound; i++) {
        free(st->owned[i]);
        st->owned[i] = NULL;
        st->values[i] = NULL;
    }
    st->nbound = 0;
}

static void pg_reset(struct stmt *st)
{
    struct pg_store *q = st->owner;
    if (q->inflight == st) {
        /* Draining, not cancelling: a cancel would abort the caller's transaction. */
        discard_results(q);
        q->inflight = NULL;
    }
    PQclear(st->res);
    st->res = NULL;
    st->row = st->nrows = 0;
    st->state = RUN_IDLE;
    clear_bindings(st);
}

static void free_stmt(struct stmt *st)
{
    PQclear(st->res);
    clear_bindings(st);
    free(st);
}

static void pg_close(struct store *s)
{
    struct pg_store *q = (struct pg_store *)s;
    stmt_cache_release(&q->cache, free_stmt);
    PQfinish(q->conn);
    free(q);
}

/* Run SQL without parameters; what is the word for the log. */
static int run_simple(struct pg_store *q, const char *sql, const char *what, struct error *e)
{
    settle(q);
    PGresult *res = PQexec(q->conn, sql);
    ExecStatusType status = PQresultStatus(res);
    int rc = ERR_OK;
    if (!res)
        rc = pg_fail(q, NULL, what, sql, e);
    else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        rc = pg_fail(q, res, what, sql, e);
    else if (strcmp(what, "commit") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
        /* COMMIT of a transaction an earlier error aborted answers ROLLBACK, not an error. */
        fprintf(stderr, "giaoban: postgres: commit: the transaction had failed; rolled back\n");
        rc = error_set(e, ERR_STORE, "db",
                       "Giao dịch đã bị hủy do lỗi trước đó; dữ liệu chưa được lưu");
    }
    PQclear(res);
    return rc;
}

static int pg_exec(struct store *s, const char *sql, struct error *e)
{
    return run_simple((struct pg_store *)s, sql, "exec", e);
}

static int pg_begin(struct store *s, struct error *e)
{
    return run_simple((struct pg_store *)s, "BEGIN", "begin", e);
}

static int pg_commit(struct store *s, struct error *e)
{
    return run_simple((struct pg_store *)s, "COMMIT", "commit", e);
}

static void pg_rollback(struct store *s)
{
    struct pg_store *q = (struct pg_store *)s;
    settle(q);
    PGTransactionStatusType ts = PQtransactionStatus(q->conn);
    if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR)
        PQclear(PQexec(q->conn, "ROLLBACK"));
}

static int pg_prepare(struct store *s, const char *sql, bool constant, struct stmt **out,
                        struct error *e)
{
    struct pg_store *q = (struct pg_store *)s;
    settle(q);
    struct stmt *hit = stmt_cache_get(&q->cache, sql, constant);
    if (hit) {
        pg_reset(hit);
        *out = hit;
        return ERR_OK;
    }
    struct buf t = BUF_INIT(BUF_NO_LIMIT);
    int nparams = dialect_translate(DIALECT_POSTGRES, sql, strlen(sql), &t);
    char name[16];
    snprintf(name, sizeof name, "gb%u", ++q->next_name);
    /* No parameter types: the server infers them from the SQL, hence its `$1::bigint`s. */
    PGresult *res = PQprepare(q->conn, name, t.data, nparams, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        int rc = pg_fail(q, res, "prepare", NULL, e);
        fprintf(stderr, "giaoban: postgres: cannot prepare: %s\n", t.data);
        PQclear(res);
        buf_release(&t);
        return rc;
    }
    PQclear(res);
    buf_release(&t);
    struct stmt *w = xcalloc(1, sizeof *w);
    w->owner = q;
    memcpy(w->name, name, sizeof name);
    w->nparams = nparams;
    w->sql = stmt_cache_add(&q->cache, sql, constant, w);
    *out = w;
    return ERR_OK;
}

static void check_index(int i)
{
    if (i < 1 || i > PG_MAX_PARAMS)
        BUG("SQL parameter %d out of 1..%d", i, PG_MAX_PARAMS);
}

/* Forget parameter i's old value (the caller sets the new one). */
static void unbind(struct stmt *st, int i)
{
    check_index(i);
    free(st->owned[i - 1]);
    st->owned[i - 1] = NULL;
    st->values[i - 1] = NULL;
    if (i > st->nbound)
        st->nbound = i;
}

static void pg_bind_int(struct stmt *st, int i, int64_t v)
{
    unbind(st, i);
    snprintf(st->num[i - 1], sizeof st->num[i - 1], "%lld", (long long)v);
    st->values[i - 1] = st->num[i - 1];
}

static void pg_bind_text(struct stmt *st, int i, const char *v)
{
    unbind(st, i);
    if (v) {
        st->owned[i - 1] = xstrdup(v);
        st->values[i - 1] = st->owned[i - 1];
    }
}

static void pg_bind_null(struct stmt *st, int i)
{
    unbind(st, i);
}

static int pg_step(struct stmt *st, bool *row, struct error *e)
{
    struct pg_store *q = st->owner;
    *row = false;
    if (st->state == RUN_IDLE) {
        settle(q);
        if (!PQsendQueryPrepared(q->conn, st->name, st->nparams, st->values, NULL, NULL, 0)) {
            st->state = RUN_DONE;
            return pg_fail(q, NULL, "step", st->sql, e);
        }
        /* Fails only if called at the wrong moment; then whole results come, read below. */
        PQsetSingleRowMode(q->conn);
        st->state = RUN_STREAMING;
        q->inflight = st;
    } else if (st->res && ++st->row < st->nrows) {
        *row = true;
        return ERR_OK;
    }
    PQclear(st->res);
    st->res = NULL;
    st->row = st->nrows = 0;
    if (st->state == RUN_DONE)
        return ERR_OK;
    if (st->state == RUN_CUT) {
        fprintf(stderr,
                "giaoban: postgres: rows of a statement were drained when another statement ran "
                "on the same connection: %.400s\n",
                st->sql);
        return error_set(e, ERR_INTERNAL, "", "Lỗi nội bộ khi đọc dữ liệu; xem nhật ký máy chủ");
    }
    PGresult *res = PQgetResult(q->conn);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_COMMAND_OK;
    if ((status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) && PQntuples(res) > 0) {
        st->res = res;
        st->nrows = PQntuples(res);
        *row = true;
        return ERR_OK;
    }
    /* The end, or an error: read up to libpq's NULL so the connection is free again (and,
     * if the server went away, so that PQstatus knows before the error is worded). */
    discard_results(q);
    q->inflight = NULL;
    int rc = ERR_OK;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        rc = pg_fail(q, res, "step", st->sql, e);
    PQclear(res);
    /* A success stays one even if the connection drops after it: the next call will say so. */
    st->state = RUN_DONE;
    return rc;
}

static bool pg_col_null(struct stmt *st, int i)
{
    return !st->res || PQgetisnull(st->res, st->row, i);
}

static const char *pg_col_text(struct stmt *st, int i)
{
    if (pg_col_null(st, i))
        return NULL;
    return PQgetvalue(st->res, st->row, i);
}

static int64_t pg_col_int(struct stmt *st, int i)
{
    const char *v = pg_col_text(st, i);
    if (!v)
        return 0;
    if (v[0] == 't' && !v[1])
        return 1;
    if (v[0] == 'f' && !v[1])
        return 0;
    return strtoll(v, NULL, 10);
}

static const struct store_ops pg_ops = {
    .name = "postgres",
    .close = pg_close,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_null = pg_col_null,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .reset = pg_reset,
};

/* The server's NOTICEs ("table does not exist, skipping") are not the clerk's business. */
static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int pg_connect(const char *url, struct store **out, struct error *e)
{
    /* The URL is expanded in place of dbname; keywords before it are defaults it may override,
     * so a server that never answers fails in 10 s instead of the kernel's minutes. */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *const vals[] = {"10", "giaoban", url, NULL};
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (!conn)
        return error_set(e, ERR_STORE, "db", "Không kết nối được PostgreSQL: hết bộ nhớ");
    if (PQstatus(conn) != CONNECTION_OK) {
        struct buf m = BUF_INIT(BUF_NO_LIMIT);
        one_line(&m, PQerrorMessage(conn));
        fprintf(stderr, "giaoban: postgres: connect: %s\n", m.data);
        int rc = error_set(e, ERR_STORE, "db", "Không kết nối được PostgreSQL: %s", m.data);
        buf_release(&m);
        PQfinish(conn);
        return rc;
    }
    PQsetNoticeProcessor(conn, quiet_notice, NULL);
    struct pg_store *q = xcalloc(1, sizeof *q);
    q->base.ops = &pg_ops;
    q->base.gen_shard = PQbackendPID(conn) % STORE_GEN_SHARDS;
    q->conn = conn;
    /* Text in and out is UTF-8 whatever the server's default; timestamps we format are UTC. */
    int rc = run_simple(q, "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'", "connect", e);
    if (rc) {
        pg_close(&q->base);
        return rc;
    }
    *out = &q->base;
    return ERR_OK;
}

/* "postgres://..." or "postgresql://...", given to libpq whole. */
static const char *pg_accepts(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0 ? url
                                                                                          : NULL;
}

const struct store_driver store_driver_pg = {"postgres", pg_accepts, pg_connect};
