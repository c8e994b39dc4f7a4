/*
 * store/store_agg.c - running totals of the summary counters.
 *
 * A province summary "as of any day" over a million tasks cannot classify
 * every task in 50 ms. But each task's counters change on only a few days
 * (core/timeline.h, timeline_deltas), so the store keeps, per lead unit and
 * assigning unit (a "pair"):
 *   agg_delta  the change of the counters on each day something changed;
 *   agg_month  the counters at the end of each month, for every month from
 *              the pair's first change up to the horizon H (a setting: the
 *              latest month in which a task was assigned).
 * Counters as of D = agg_month at M = min(month(D) - 1, H) plus the agg_delta
 * rows after the end of M up to D: a few thousand rows per pair set, however
 * long the history. When D is nearer the end of its own month and that month
 * is within the horizon, agg_month at month(D) minus the rows after D up to
 * its end gives the same with at most half a month of rows. Changes beyond H (future deadlines) wait in agg_delta;
 * when a task is assigned in a month past H, H moves and the new months are
 * filled from the previous month plus that month's changes.
 *
 * Invariant: for every pair, agg_month has a row for each month from the
 * month of its first change (if <= H) to H, equal to the sum of its changes
 * up to that month's end. tests/store checks the totals against a direct
 * classification of every task with task_standing_at().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/arena.h"
#include "util/sort.h"
#include "util/xalloc.h"

#define COLS "c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10"
#define SUMS                                                                                       \
    "sum(c0), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6), sum(c7), sum(c8), sum(c9),"   \
    " sum(c10)"
#define PARAMS_4_14 "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14"

_Static_assert(CNT_N == 11, "agg tables hold 11 counters: c0..c10");


static int horizon_get(struct store *s, int *h, struct error *e)
{
    struct arena a = ARENA_INIT;
    const char *v;
    int rc = store_setting_get(s, &a, "agg_horizon", &v, e);
    *h = v ? atoi(v) : -1;
    arena_release(&a);
    return rc;
}

static int horizon_set(struct store *s, int h, struct error *e)
{
    char v[16];
    snprintf(v, sizeof v, "%d", h);
    return store_setting_set(s, "agg_horizon", v, e);
}

/* Move the horizon to `to`, filling the months in between for every pair. */
static int horizon_extend(struct store *s, int h, int to, struct error *e)
{
    struct stmt *st;
    int rc;
    if (h < 0) {
        if ((rc = sql_prepare(s,
                              "INSERT INTO agg_month (month, unit_id, assigner_id, " COLS ")"
                              " SELECT $1::integer, unit_id, assigner_id, " SUMS
                              " FROM agg_delta WHERE day <= $2 GROUP BY unit_id, assigner_id",
                              &st, e)))
            return rc;
        sql_bind_int(s, st, 1, to);
        sql_bind_int(s, st, 2, day_month_last(to));
        if ((rc = sql_run(s, st, e)))
            return rc;
        return horizon_set(s, to, e);
    }
    for (int m = h + 1; m <= to; m++) {
        if ((rc = sql_prepare(s,
                              "INSERT INTO agg_month (month, unit_id, assigner_id, " COLS ")"
                              " SELECT $1::integer, unit_id, assigner_id, " SUMS " FROM ("
                              " SELECT unit_id, assigner_id, " COLS " FROM agg_month"
                              " WHERE month = $2"
                              " UNION ALL SELECT unit_id, assigner_id, " COLS " FROM agg_delta"
                              " WHERE day >= $3 AND day <= $4) x GROUP BY unit_id, assigner_id",
                              &st, e)))
            return rc;
        sql_bind_int(s, st, 1, m);
        sql_bind_int(s, st, 2, m - 1);
        sql_bind_int(s, st, 3, day_month_first(m));
        sql_bind_int(s, st, 4, day_month_last(m));
        if ((rc = sql_run(s, st, e)))
            return rc;
    }
    return horizon_set(s, to, e);
}

static void bind_vec(struct store *s, struct stmt *st, int first, const int64_t *v)
{
    for (int k = 0; k < CNT_N; k++)
        sql_bind_int(s, st, first + k, v[k]);
}

static int insert_month_rows(struct store *s, int64_t unit, int64_t assigner, int from, int to,
                             const int64_t *v, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO agg_month (month, unit_id, assigner_id, " COLS ")"
                         " VALUES ($1, $2, $3, " PARAMS_4_14 ")",
                         &st, e);
    for (int m = from; m <= to && !rc; m++) {
        sql_bind_int(s, st, 1, m);
        sql_bind_int(s, st, 2, unit);
        sql_bind_int(s, st, 3, assigner);
        bind_vec(s, st, 4, v);
        rc = sql_run(s, st, e);
    }
    return rc;
}

/* Add `v` (a change on day `day`) to the totals of one pair. */
static int apply_one(struct store *s, int64_t unit, int64_t assigner, day_num day,
                     const int64_t *v, int h, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(
        s,
        "INSERT INTO agg_delta (day, unit_id, assigner_id, " COLS ") VALUES ($1, $2, $3, "
        PARAMS_4_14 ") ON CONFLICT (day, unit_id, assigner_id) DO UPDATE SET"
        " c0 = agg_delta.c0 + excluded.c0, c1 = agg_delta.c1 + excluded.c1,"
        " c2 = agg_delta.c2 + excluded.c2, c3 = agg_delta.c3 + excluded.c3,"
        " c4 = agg_delta.c4 + excluded.c4, c5 = agg_delta.c5 + excluded.c5,"
        " c6 = agg_delta.c6 + excluded.c6, c7 = agg_delta.c7 + excluded.c7,"
        " c8 = agg_delta.c8 + excluded.c8, c9 = agg_delta.c9 + excluded.c9,"
        " c10 = agg_delta.c10 + excluded.c10",
        &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, day);
    sql_bind_int(s, st, 2, unit);
    sql_bind_int(s, st, 3, assigner);
    bind_vec(s, st, 4, v);
    if ((rc = sql_run(s, st, e)))
        return rc;

    int md = day_month_index(day);
    if (md > h)
        return ERR_OK; /* beyond the horizon: agg_delta alone holds it */

    if ((rc = sql_prepare(s,
                          "UPDATE agg_month SET c0 = c0 + $4, c1 = c1 + $5, c2 = c2 + $6,"
                          " c3 = c3 + $7, c4 = c4 + $8, c5 = c5 + $9, c6 = c6 + $10,"
                          " c7 = c7 + $11, c8 = c8 + $12, c9 = c9 + $13, c10 = c10 + $14"
                          " WHERE unit_id = $2 AND assigner_id = $3 AND month >= $1",
                          &st, e)))
        return rc;
    sql_bind_int(s, st, 1, md);
    sql_bind_int(s, st, 2, unit);
    sql_bind_int(s, st, 3, assigner);
    bind_vec(s, st, 4, v);
    if ((rc = sql_run(s, st, e)))
        return rc;

    /* Months before the pair's first row (or all, for a new pair) hold just this change. */
    if ((rc = sql_prepare(s,
                          "SELECT COALESCE(min(month), -1) FROM agg_month"
                          " WHERE unit_id = $1 AND assigner_id = $2",
                          &st, e)))
        return rc;
    sql_bind_int(s, st, 1, unit);
    sql_bind_int(s, st, 2, assigner);
    int64_t first;
    if ((rc = sql_run_int(s, st, &first, e)))
        return rc;
    int last = first < 0 ? h : (int)first - 1;
    return md <= last ? insert_month_rows(s, unit, assigner, md, last, v, e) : ERR_OK;
}

int store_agg_apply(struct store *s, int64_t lead_unit_id, int64_t assigner_unit_id,
                    const struct count_delta *d, size_t n, int sign, struct error *e)
{
    if (n == 0)
        return ERR_OK;
    int h, rc;
    if ((rc = horizon_get(s, &h, e)))
        return rc;
    /* The first change of a task is its assignment: the horizon follows assignments. */
    int m_first = day_month_index(d[0].day);
    if (sign > 0 && m_first > h) {
        if ((rc = horizon_extend(s, h, m_first, e)))
            return rc;
        h = m_first;
    }
    for (size_t i = 0; i < n; i++) {
        int64_t v[CNT_N];
        for (int k = 0; k < CNT_N; k++)
            v[k] = (int64_t)sign * d[i].d.c[k];
        if ((rc = apply_one(s, lead_unit_id, assigner_unit_id, d[i].day, v, h, e)))
            return rc;
    }
    return ERR_OK;
}

/* ---- rebuild ---- */

struct rb_delta {
    int64_t assigner;
    day_num day;
    int32_t c[CNT_N];
};

/* A row of agg_delta (key: day) or agg_month (key: month), kept until all are known. */
struct rb_row {
    int32_t key;
    int32_t c[CNT_N]; /* one pair's counters: far below 2^31 (int32 keeps 2.3M rows in 150 MB) */
    int64_t unit, assigner;
};

struct rebuild {
    struct store *s;
    int soon_days;
    int h;
    int64_t unit; /* the lead unit being gathered */
    struct rb_delta *d;
    size_t n, cap;
    struct timeline *t;       /* scratch, large: on the heap */
    struct count_delta *deltas; /* scratch: TIMELINE_MAX_DELTAS */
    /* The rows to write, written in key order at the end: inserted in the order of the
     * primary key (day or month first), a B-tree only appends, several times faster than
     * the order they are computed in (unit by unit) once the table outgrows the cache. */
    struct rb_row *delta_rows, *month_rows;
    size_t n_delta_rows, cap_delta_rows, n_month_rows, cap_month_rows;
};

static int cmp_rb(const void *a, const void *b)
{
    const struct rb_delta *x = a, *y = b;
    if (x->assigner != y->assigner)
        return x->assigner < y->assigner ? -1 : 1;
    return (x->day > y->day) - (x->day < y->day);
}

static int cmp_row(const void *a, const void *b)
{
    const struct rb_row *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return (x->assigner > y->assigner) - (x->assigner < y->assigner);
}

static void rb_month_row(struct rebuild *r, int month, int64_t assigner, const int64_t *cum)
{
    r->month_rows = xgrow(r->month_rows, &r->cap_month_rows, r->n_month_rows + 1,
                          sizeof *r->month_rows);
    struct rb_row *x = &r->month_rows[r->n_month_rows++];
    x->key = month;
    x->unit = r->unit;
    x->assigner = assigner;
    for (int k = 0; k < CNT_N; k++)
        x->c[k] = (int32_t)cum[k];
}

static void rb_flush(struct rebuild *r)
{
    qsort(r->d, r->n, sizeof *r->d, cmp_rb);
    size_t i = 0;
    while (i < r->n) {
        int64_t assigner = r->d[i].assigner;
        int64_t cum[CNT_N] = {0};
        int month = day_month_index(r->d[i].day);
        while (i < r->n && r->d[i].assigner == assigner) {
            /* Merge the changes of one day. */
            struct rb_delta m = r->d[i++];
            while (i < r->n && r->d[i].assigner == assigner && r->d[i].day == m.day) {
                for (int k = 0; k < CNT_N; k++)
                    m.c[k] += r->d[i].c[k];
                i++;
            }
            /* Month rows for every month ended before this change. */
            int md = day_month_index(m.day);
            for (; month < md && month <= r->h; month++)
                rb_month_row(r, month, assigner, cum);
            r->delta_rows = xgrow(r->delta_rows, &r->cap_delta_rows, r->n_delta_rows + 1,
                                  sizeof *r->delta_rows);
            struct rb_row *x = &r->delta_rows[r->n_delta_rows++];
            x->key = m.day;
            x->unit = r->unit;
            x->assigner = assigner;
            for (int k = 0; k < CNT_N; k++) {
                x->c[k] = m.c[k];
                cum[k] += m.c[k];
            }
        }
        for (; month <= r->h; month++)
            rb_month_row(r, month, assigner, cum);
    }
    r->n = 0;
}

static int64_t row_key(const void *rec)
{
    return ((const struct rb_row *)rec)->key;
}

/* Write the gathered rows with `sql` (parameters: key, unit, assigner, c0..c10), in the
 * primary key's order. They were made unit by unit, each unit's by assigner, so within a
 * key they are in order already: a stable sort on the key alone puts them in key order. */
static int rb_write(struct store *s, const char *sql, struct rb_row **rows, size_t n,
                    struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    void *sorted = *rows;
    if (n && !sort_by_small_key(&sorted, n, sizeof **rows, row_key))
        qsort(sorted, n, sizeof **rows, cmp_row);
    *rows = sorted;
    const struct rb_row *v = *rows;
    for (size_t i = 0; i < n && !rc; i++) {
        sql_bind_int(s, st, 1, v[i].key);
        sql_bind_int(s, st, 2, v[i].unit);
        sql_bind_int(s, st, 3, v[i].assigner);
        for (int k = 0; k < CNT_N; k++)
            sql_bind_int(s, st, 4 + k, v[i].c[k]);
        rc = sql_run(s, st, e);
    }
    return rc;
}

static int rb_task(void *ctx, const struct task_fact *f, struct error *e)
{
    struct rebuild *r = ctx;
    int rc;
    if (f->lead_unit_id != r->unit && r->n)
        rb_flush(r);
    r->unit = f->lead_unit_id;
    struct timeline *t = r->t;
    struct count_delta *d = r->deltas;
    t->assigned = f->assigned;
    t->deadline = f->deadline;
    if ((rc = timeline_decode(f->timeline, t, e)))
        return rc;
    size_t n = timeline_deltas(t, r->soon_days, d);
    r->d = xgrow(r->d, &r->cap, r->n + n, sizeof *r->d);
    for (size_t i = 0; i < n; i++) {
        struct rb_delta *x = &r->d[r->n++];
        x->assigner = f->assigner_unit_id;
        x->day = d[i].day;
        memcpy(x->c, d[i].d.c, sizeof x->c);
    }
    return ERR_OK;
}

struct rebuild_fact {
    int64_t lead, assigner;
    day_num assigned, deadline;
    const char *timeline;
    size_t seq; /* order read, to keep sorting stable */
};

static int64_t fact_lead(const void *rec)
{
    return ((const struct rebuild_fact *)rec)->lead;
}

static int cmp_rebuild_fact(const void *a, const void *b)
{
    const struct rebuild_fact *x = a, *y = b;
    if (x->lead != y->lead)
        return x->lead < y->lead ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

int store_agg_rebuild(struct store *s, int soon_days, struct error *e)
{
    struct rebuild r = {.s = s, .soon_days = soon_days};
    struct rebuild_fact *facts = NULL;
    struct arena timelines = ARENA_INIT;
    size_t n_facts = 0, cap = 0;
    struct stmt *st;
    int64_t max_assigned;
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    if ((rc = sql_exec(s, "DELETE FROM agg_delta", e)) ||
        (rc = sql_exec(s, "DELETE FROM agg_month", e)) ||
        (rc = sql_prepare(s, "SELECT COALESCE(max(assigned_day), -1) FROM task", &st, e)) ||
        (rc = sql_run_int(s, st, &max_assigned, e)))
        goto out;
    r.h = max_assigned < 0 ? -1 : day_month_index((day_num)max_assigned);
    r.t = xmalloc(sizeof *r.t);
    r.deltas = xmalloc(TIMELINE_MAX_DELTAS * sizeof *r.deltas);
    if ((rc = sql_prepare(s,
                          "SELECT t.lead_unit_id, COALESCE(t.assigner_unit_id, 0), t.assigned_day,"
                          " t.deadline_day, t.timeline FROM task t",
                          &st, e)))
        goto out;
    /* Gather the facts before writing: a connection streams one statement at a time
     * (PostgreSQL). They are read in the table's order and grouped by lead unit here, so
     * totals are written per unit: ordered by the database, a million tasks were read one
     * by one through the lead unit's index. */
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        facts = xgrow(facts, &cap, n_facts + 1, sizeof *facts);
        struct rebuild_fact *f = &facts[n_facts];
        f->seq = n_facts++;
        f->lead = sql_col_int(s, st, 0);
        f->assigner = sql_col_int(s, st, 1);
        f->assigned = sql_col_day(s, st, 2);
        f->deadline = sql_col_day(s, st, 3);
        const char *tl = sql_col_text_raw(s, st, 4);
        f->timeline = tl && *tl ? arena_strdup(&timelines, tl) : NULL;
    }
    sql_reset(s, st);
    void *sorted;
    sorted = facts;
    if (n_facts && !sort_by_small_key(&sorted, n_facts, sizeof *facts, fact_lead))
        qsort(sorted, n_facts, sizeof *facts, cmp_rebuild_fact);
    facts = sorted;
    for (size_t i = 0; i < n_facts && !rc; i++) {
        struct task_fact tf = {.lead_unit_id = facts[i].lead,
                               .assigner_unit_id = facts[i].assigner,
                               .assigned = facts[i].assigned,
                               .deadline = facts[i].deadline,
                               .timeline = facts[i].timeline ? facts[i].timeline : ""};
        rc = rb_task(&r, &tf, e);
    }
    if (!rc && r.n)
        rb_flush(&r);
    if (!rc)
        rc = rb_write(s,
                      "INSERT INTO agg_month (month, unit_id, assigner_id, " COLS ")"
                      " VALUES ($1, $2, $3, " PARAMS_4_14 ")",
                      &r.month_rows, r.n_month_rows, e);
    if (!rc)
        rc = rb_write(s,
                      "INSERT INTO agg_delta (day, unit_id, assigner_id, " COLS ")"
                      " VALUES ($1, $2, $3, " PARAMS_4_14 ")",
                      &r.delta_rows, r.n_delta_rows, e);
    if (!rc)
        rc = horizon_set(s, r.h, e);
    if (!rc) {
        char v[16];
        snprintf(v, sizeof v, "%d", soon_days);
        rc = store_setting_set(s, "agg_soon_days", v, e);
    }
out:
    arena_release(&timelines);
    free(facts);
    free(r.d);
    free(r.delta_rows);
    free(r.month_rows);
    free(r.t);
    free(r.deltas);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, e);
}

/* ---- reading ---- */

/* Add each row of `q` (unit_id, c0..c10), times `sign`, into list[0..*n), which is ordered
 * by unit with one entry per unit: a binary search per row, a new entry (kept in order) for a
 * unit not there yet, at the end when rows come in unit order. Half a month of a province's
 * changes is 20,000 rows over 3,000 units. */
static int add_part(struct store *s, struct query *q, int sign, struct unit_counts **list,
                    size_t *n, size_t *cap, struct error *e)
{
    struct stmt *st;
    int rc = q_prepare(s, q, &st, e);
    if (rc)
        return rc;
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        int64_t unit = sql_col_int(s, st, 0);
        size_t lo = 0, hi = *n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if ((*list)[mid].unit_id < unit)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == *n || (*list)[lo].unit_id != unit) {
            *list = xgrow(*list, cap, *n + 1, sizeof **list);
            memmove(*list + lo + 1, *list + lo, (*n - lo) * sizeof **list);
            memset(&(*list)[lo], 0, sizeof (*list)[lo]);
            (*list)[lo].unit_id = unit;
            (*n)++;
        }
        for (int k = 0; k < CNT_N; k++)
            (*list)[lo].c[k] += sign * sql_col_int(s, st, 1 + k);
    }
    sql_reset(s, st);
    return rc;
}

static void add_filters(struct query *q, const struct unit_set *lead,
                        const struct unit_set *assigner)
{
    if (lead) {
        q_sql(q, " AND unit_id IN ");
        q_set(q, lead);
    }
    if (assigner) {
        q_sql(q, " AND assigner_id IN ");
        q_set(q, assigner);
    }
}

int store_agg_counts(struct store *s, struct arena *a, const struct unit_set *lead,
                     const struct unit_set *assigner, day_num day, struct unit_counts **out,
                     size_t *n, struct error *e)
{
    int h, rc;
    if ((rc = horizon_get(s, &h, e)))
        return rc;
    /* From the nearer month end: the one before `day` plus the changes since, or (when
     * its month is within the horizon) the one after minus the changes after `day`, so at
     * most half a month of agg_delta rows is read. */
    int md = day_month_index(day);
    bool back = md <= h && day_month_last(md) - day < day - day_month_last(md - 1);
    int m = back ? md : md - 1;
    if (m > h)
        m = h;
    struct unit_counts *list = NULL;
    size_t cnt = 0, cap = 0;
    struct query q;
    /* The month rows, one per unit, in unit order (each lands at the end of the list); then
     * the days' changes added into them row by row: grouped by the database, half a month of
     * a province's changes went through a sorter (SQLite: 21 ms for 21,000 rows). */
    if (m >= 0) {
        query_init(&q);
        q_sql(&q, "SELECT unit_id, " SUMS " FROM agg_month WHERE month = ");
        q_int(&q, m);
        add_filters(&q, lead, assigner);
        q_sql(&q, " GROUP BY unit_id ORDER BY unit_id");
        rc = add_part(s, &q, +1, &list, &cnt, &cap, e);
        query_release(&q);
    }
    if (!rc) {
        query_init(&q);
        q_sql(&q, "SELECT unit_id, " COLS " FROM agg_delta WHERE ");
        if (back) {
            q_sql(&q, "day > ");
            q_int(&q, day);
            q_sql(&q, " AND day <= ");
            q_int(&q, day_month_last(m));
        } else {
            q_sql(&q, "day <= ");
            q_int(&q, day);
            if (m >= 0) {
                q_sql(&q, " AND day > ");
                q_int(&q, day_month_last(m));
            }
        }
        add_filters(&q, lead, assigner);
        rc = add_part(s, &q, back ? -1 : +1, &list, &cnt, &cap, e);
        query_release(&q);
    }
    if (rc) {
        free(list);
        return rc;
    }
    size_t w = cnt;
    *out = arena_alloc(a, (w ? w : 1) * sizeof **out);
    if (w)
        memcpy(*out, list, w * sizeof **out);
    *n = w;
    free(list);
    return ERR_OK;
}
