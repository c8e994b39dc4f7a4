/*
 * store/sql.c - the helper kit the domain files (store_*.c) use over a driver's ops: prepare
 * a cached statement, bind, step, read columns, get one row, iterate rows, and assemble a
 * query from fixed fragments with every value a parameter. The domain files never call
 * the ops themselves.
 */
#include <string.h>

#include "store/sql.h"
#include "util/arena.h"
#include "util/buf.h"


int sql_prepare(struct store *s, const char *sql, struct stmt **st, struct error *e)
{
    return s->ops->prepare(s, sql, true, st, e);
}

int sql_exec(struct store *s, const char *sql, struct error *e)
{
    return s->ops->exec(s, sql, e);
}

bool sql_is_postgres(const struct store *s)
{
    return strcmp(s->ops->name, "postgres") == 0;
}

void sql_bind_int(struct store *s, struct stmt *st, int i, int64_t v)
{
    s->ops->bind_int(st, i, v);
}

void sql_bind_id(struct store *s, struct stmt *st, int i, int64_t id)
{
    if (id)
        s->ops->bind_int(st, i, id);
    else
        s->ops->bind_null(st, i);
}

void sql_bind_day(struct store *s, struct stmt *st, int i, day_num d)
{
    if (d != DAY_NONE)
        s->ops->bind_int(st, i, d);
    else
        s->ops->bind_null(st, i);
}

void sql_bind_text(struct store *s, struct stmt *st, int i, const char *v)
{
    s->ops->bind_text(st, i, v);
}

void sql_bind_set(struct store *s, struct stmt *st, int i, const struct unit_set *set)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '[');
    for (size_t k = 0; set && k < set->n; k++)
        buf_addf(&b, k ? ",%lld" : "%lld", (long long)set->ids[k]);
    buf_addc(&b, ']');
    s->ops->bind_text(st, i, b.data);
    buf_release(&b);
}

int sql_step(struct store *s, struct stmt *st, bool *row, struct error *e)
{
    return s->ops->step(st, row, e);
}

void sql_reset(struct store *s, struct stmt *st)
{
    s->ops->reset(st);
}

int sql_run(struct store *s, struct stmt *st, struct error *e)
{
    bool row = true;
    int rc = ERR_OK;
    while (row && !(rc = s->ops->step(st, &row, e)))
        ;
    s->ops->reset(st);
    return rc;
}

int sql_run_int(struct store *s, struct stmt *st, int64_t *out, struct error *e)
{
    bool row;
    int rc = s->ops->step(st, &row, e);
    if (!rc && !row)
        rc = error_set(e, ERR_NOT_FOUND, "", "Không tìm thấy dữ liệu");
    if (!rc)
        *out = s->ops->col_int(st, 0);
    s->ops->reset(st);
    return rc;
}

int sql_get_one(struct store *s, struct arena *a, struct stmt *st, sql_row_fn *read, void *out,
                bool *found, struct error *e)
{
    bool row = false;
    int rc = s->ops->step(st, &row, e);
    *found = !rc && row;
    if (*found)
        read(s, a, st, out);
    s->ops->reset(st);
    return rc;
}

int sql_get_int(struct store *s, struct stmt *st, int64_t *out, bool *found, struct error *e)
{
    bool row = false;
    int rc = s->ops->step(st, &row, e);
    *found = !rc && row;
    if (*found)
        *out = s->ops->col_int(st, 0);
    s->ops->reset(st);
    return rc;
}

int sql_each(struct store *s, struct stmt *st, sql_each_fn *fn, void *arg, struct error *e)
{
    bool row;
    int rc;
    while (!(rc = s->ops->step(st, &row, e)) && row)
        if ((rc = fn(s, st, arg, e)))
            break;
    s->ops->reset(st);
    return rc;
}

int sql_list(struct store *s, struct arena *a, struct stmt *st, size_t size, sql_row_fn *read,
             void **out, size_t *n, struct error *e)
{
    char *list = NULL;
    size_t cap = 0, cnt = 0;
    bool row;
    int rc;
    while (!(rc = s->ops->step(st, &row, e)) && row) {
        list = arena_grow(a, list, &cap, cnt + 1, size);
        read(s, a, st, list + cnt++ * size);
    }
    s->ops->reset(st);
    *out = list;
    *n = cnt;
    return rc;
}

static void read_first_int(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    (void)a;
    *(int64_t *)out = s->ops->col_int(st, 0);
}

int sql_list_ids(struct store *s, struct arena *a, struct stmt *st, int64_t **ids, size_t *n,
                 struct error *e)
{
    void *list;
    int rc = sql_list(s, a, st, sizeof **ids, read_first_int, &list, n, e);
    *ids = list;
    return rc;
}

int64_t sql_col_int(struct store *s, struct stmt *st, int i)
{
    return s->ops->col_int(st, i);
}

int64_t sql_col_id(struct store *s, struct stmt *st, int i)
{
    return s->ops->col_null(st, i) ? 0 : s->ops->col_int(st, i);
}

day_num sql_col_day(struct store *s, struct stmt *st, int i)
{
    return s->ops->col_null(st, i) ? DAY_NONE : (day_num)s->ops->col_int(st, i);
}

bool sql_col_null(struct store *s, struct stmt *st, int i)
{
    return s->ops->col_null(st, i);
}

const char *sql_col_text(struct store *s, struct arena *a, struct stmt *st, int i)
{
    return arena_strdup(a, s->ops->col_text(st, i));
}

const char *sql_col_text_raw(struct store *s, struct stmt *st, int i)
{
    return s->ops->col_text(st, i);
}

/* ---- assembled queries ---- */

void query_init(struct query *q)
{
    buf_init(&q->sql, BUF_NO_LIMIT);
    q->n = 0;
}

void query_release(struct query *q)
{
    buf_release(&q->sql);
}

void q_sql(struct query *q, const char *fragment)
{
    buf_adds(&q->sql, fragment);
}

static int q_param(struct query *q, struct query_param p)
{
    if (q->n >= QUERY_MAX_PARAMS)
        BUG("too many query parameters");
    q->p[q->n++] = p;
    return q->n;
}

void q_int(struct query *q, int64_t v)
{
    buf_addf(&q->sql, "$%d", q_param(q, (struct query_param){.kind = 1, .i = v}));
}

void q_text(struct query *q, const char *v)
{
    buf_addf(&q->sql, "$%d", q_param(q, (struct query_param){.kind = v ? 2 : 4, .t = v}));
}

void q_set(struct query *q, const struct unit_set *set)
{
    buf_addf(&q->sql, "IDSET($%d)", q_param(q, (struct query_param){.kind = 3, .set = set}));
}

int q_prepare(struct store *s, struct query *q, struct stmt **st, struct error *e)
{
    int rc = s->ops->prepare(s, q->sql.data, false, st, e);
    if (rc)
        return rc;
    for (int i = 0; i < q->n; i++) {
        const struct query_param *p = &q->p[i];
        switch (p->kind) {
        case 1: sql_bind_int(s, *st, i + 1, p->i); break;
        case 2: sql_bind_text(s, *st, i + 1, p->t); break;
        case 3: sql_bind_set(s, *st, i + 1, p->set); break;
        default: s->ops->bind_null(*st, i + 1); break;
        }
    }
    return ERR_OK;
}
