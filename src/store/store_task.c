/*
 * store/store_task.c - tasks, their coordinating units and their events.
 *
 * The task row carries what its events imply (state, timeline, dl_min,
 * open_until), written by store_task_set_derived() in the same transaction
 * as the event, so lists and scans read one row per task and never replay
 * the history. The history itself (task_event) is append-only.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"
#include "text/normalize.h"

int store_task_insert(struct store *s, const struct task_rec *t, int64_t *id, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(
        s,
        "INSERT INTO task (content, content_fold, source, notice_id, meeting_id,"
        " assigner_unit_id, assigner_person_id, lead_unit_id, assigned_day, deadline_day,"
        " deadline_minute, key_task, sector, parent_id, state, timeline, dl_min, open_until,"
        " version, created_at, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, '', $10, $16,"
        " 1, $17, $17) RETURNING id",
        &st, e);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    char now[32];
    sql_bind_text(s, st, 1, t->content);
    sql_bind_text(s, st, 2, text_fold(&a, t->content));
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
    sql_bind_int(s, st, 15, STATE_NOT_STARTED);
    sql_bind_int(s, st, 16, OPEN_FOREVER);
    sql_bind_text(s, st, 17, store_now_text(s, now));
    rc = sql_run_int(s, st, id, e);
    arena_release(&a);
    if (rc || (rc = store_task_touched(s, t->lead_unit_id, e)))
        return rc;
    if (t->n_coordinating) {
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
    }
    return rc;
}

#define TASK_COLS                                                                                  \
    "t.id, t.content, t.source, t.notice_id, t.meeting_id, t.assigner_unit_id,"                   \
    " t.assigner_person_id, t.lead_unit_id, t.assigned_day, t.deadline_day, t.deadline_minute,"   \
    " t.key_task, t.sector, t.parent_id, t.state, t.timeline, t.version, lu.name, au.name"
#define TASK_FROM                                                                                  \
    " FROM task t JOIN unit lu ON lu.id = t.lead_unit_id"                                          \
    " LEFT JOIN unit au ON au.id = t.assigner_unit_id"

static void read_task(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct task_rec *t = out_;
    memset(t, 0, sizeof *t);
    t->id = sql_col_int(s, st, 0);
    t->content = sql_col_text(s, a, st, 1);
    t->source = (enum task_source)sql_col_int(s, st, 2);
    t->notice_id = sql_col_id(s, st, 3);
    t->meeting_id = sql_col_id(s, st, 4);
    t->assigner_unit_id = sql_col_id(s, st, 5);
    t->assigner_person_id = sql_col_id(s, st, 6);
    t->lead_unit_id = sql_col_int(s, st, 7);
    t->assigned = sql_col_day(s, st, 8);
    t->deadline = sql_col_day(s, st, 9);
    t->deadline_minute = sql_col_null(s, st, 10) ? -1 : (int)sql_col_int(s, st, 10);
    t->key_task = sql_col_int(s, st, 11) != 0;
    t->sector = sql_col_text(s, a, st, 12);
    t->parent_id = sql_col_id(s, st, 13);
    t->state = (enum task_state)sql_col_int(s, st, 14);
    t->timeline = sql_col_text(s, a, st, 15);
    t->version = sql_col_int(s, st, 16);
    t->lead_name = sql_col_text(s, a, st, 17);
    t->assigner_name = sql_col_text(s, a, st, 18);
}

int store_task_lock(struct store *s, int64_t id, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT id FROM task WHERE id = $1 FOR UPDATE", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    int64_t got;
    bool found;
    if ((rc = sql_get_int(s, st, &got, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "task", "Không có nhiệm vụ số %lld", (long long)id);
    return ERR_OK;
}

int store_task_get(struct store *s, struct arena *a, int64_t id, struct task_rec *out,
                   struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " TASK_COLS TASK_FROM " WHERE t.id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    bool found;
    if ((rc = sql_get_one(s, a, st, read_task, out, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "task", "Không có nhiệm vụ số %lld", (long long)id);

    if ((rc = sql_prepare(s, "SELECT unit_id FROM task_coord WHERE task_id = $1 ORDER BY unit_id",
                          &st, e)))
        return rc;
    sql_bind_int(s, st, 1, id);
    int64_t *ids;
    size_t n;
    rc = sql_list_ids(s, a, st, &ids, &n, e);
    out->coordinating = ids;
    out->n_coordinating = n;
    return rc;
}

int store_event_insert(struct store *s, const struct event_rec *ev, int64_t *id,
                       struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO task_event (task_id, kind, day, recorded_at, actor_unit_id,"
                         " actor, note, percent, new_deadline, late_request, evidence_doc_id)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_int(s, st, 1, ev->task_id);
    sql_bind_int(s, st, 2, ev->kind);
    sql_bind_day(s, st, 3, ev->day);
    sql_bind_text(s, st, 4, store_now_text(s, now));
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
    return sql_run_int(s, st, id, e);
}

static void read_event(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct event_rec *ev = out_;
    ev->id = sql_col_int(s, st, 0);
    ev->task_id = sql_col_int(s, st, 1);
    ev->kind = (enum task_event_kind)sql_col_int(s, st, 2);
    ev->day = sql_col_day(s, st, 3);
    ev->recorded_at = sql_col_text(s, a, st, 4);
    ev->actor_unit_id = sql_col_id(s, st, 5);
    ev->actor = sql_col_text(s, a, st, 6);
    ev->note = sql_col_text(s, a, st, 7);
    ev->percent = sql_col_null(s, st, 8) ? -1 : (int)sql_col_int(s, st, 8);
    ev->new_deadline = sql_col_day(s, st, 9);
    ev->late_request = sql_col_int(s, st, 10) != 0;
    ev->evidence_doc_id = sql_col_id(s, st, 11);
}

int store_task_events(struct store *s, struct arena *a, int64_t task_id, struct event_rec **out,
                      size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT id, task_id, kind, day, recorded_at, actor_unit_id, actor, note,"
                         " percent, new_deadline, late_request, evidence_doc_id"
                         " FROM task_event WHERE task_id = $1 ORDER BY id",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, task_id);
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_event, &list, n, e);
    *out = list;
    return rc;
}

int store_task_set_derived(struct store *s, int64_t id, enum task_state state,
                           const char *timeline, day_num dl_min, day_num open_until,
                           int64_t expect_version, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "UPDATE task SET state = $2, timeline = $3, dl_min = $4, open_until = $5,"
                         " open_span = " OPEN_SPAN_SQL("$5::integer", "assigned_day") ","
                         " version = version + 1, updated_at = $6"
                         " WHERE id = $1 AND ($7::bigint = 0 OR version = $7)"
                         " RETURNING lead_unit_id",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_int(s, st, 1, id);
    sql_bind_int(s, st, 2, state);
    sql_bind_text(s, st, 3, timeline);
    sql_bind_day(s, st, 4, dl_min);
    sql_bind_int(s, st, 5, open_until == DAY_NONE ? OPEN_FOREVER : open_until);
    sql_bind_text(s, st, 6, store_now_text(s, now));
    sql_bind_int(s, st, 7, expect_version);
    int64_t lead;
    bool found;
    if ((rc = sql_get_int(s, st, &lead, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_CONFLICT, "version",
                         "Nhiệm vụ vừa được người khác cập nhật; hãy tải lại và thử lại");
    return store_task_touched(s, lead, e);
}

/* ---- change counters (migration 0013) ---- */

static const char gen_bump_sql[] =
    "INSERT INTO task_gen (unit_id, shard, gen) SELECT u.id, $2, 1 FROM unit u"
    " WHERE u.id IN IDSET($1) ON CONFLICT (unit_id, shard) DO UPDATE SET gen = task_gen.gen + 1";

/* Count the transaction's touched units: a commit hook (store_on_commit). */
static int gen_flush(struct store *s, struct error *e)
{
    if (s->touched.n == 0)
        return ERR_OK;
    struct stmt *st;
    int rc = sql_prepare(s, gen_bump_sql, &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, &s->touched);
    sql_bind_int(s, st, 2, s->gen_shard);
    return sql_run(s, st, e);
}

static void gen_forget(struct store *s)
{
    s->touched.n = 0;
}

int store_task_touched(struct store *s, int64_t lead_unit_id, struct error *e)
{
    unit_set_add(&s->touched, lead_unit_id);
    if (s->tx_depth > 0) {
        store_on_commit(s, gen_flush, gen_forget);
        return ERR_OK;
    }
    int rc = gen_flush(s, e); /* outside a transaction: counted at once */
    gen_forget(s);
    return rc;
}

static void read_stamp(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    (void)a;
    const char *v = sql_col_text_raw(s, st, 0);
    snprintf(out, STORE_STAMP_MAX, "%.40s/%lld", v ? v : "", (long long)sql_col_int(s, st, 1));
}

int store_task_stamp(struct store *s, const struct unit_set *lead, char out[STORE_STAMP_MAX],
                     struct error *e)
{
    struct stmt *st;
    int rc;
    if (lead)
        rc = sql_prepare(s,
                         "SELECT (SELECT value FROM setting WHERE key = 'unit_version'),"
                         " (SELECT coalesce(sum(gen), 0)::bigint FROM task_gen"
                         " WHERE unit_id IN IDSET($1))",
                         &st, e);
    else
        rc = sql_prepare(s,
                         "SELECT (SELECT value FROM setting WHERE key = 'unit_version'),"
                         " (SELECT coalesce(sum(gen), 0)::bigint FROM task_gen)",
                         &st, e);
    if (rc)
        return rc;
    if (lead)
        sql_bind_set(s, st, 1, lead);
    out[0] = '\0';
    bool found; /* scalar subqueries: always one row */
    return sql_get_one(s, NULL, st, read_stamp, out, &found, e);
}

/*
 * "May be open on day D" (assigned_day <= D < open_until) asked of a few
 * units reads their tasks assigned by D (index task_lead); asked of many (a
 * province), it reads by the length class of the open interval instead
 * (index task_open_span, migration 0004): a task of class k is open at most
 * span_max days, so it ends in (D, D + span_max], one index range per class.
 * The unary plus keeps the planner off task_lead in that case.
 */
#define OPEN_BY_LEAD_MAX 64 /* lead units up to which the open tasks are read unit by unit */

static const struct {
    int span;     /* open_span */
    int span_max; /* longest open interval of the class, in days; 0: unbounded */
} open_spans[] = {{0, 31}, {1, 92}, {2, 365}, {3, 1461}, {4, 0}};

/* One class's range: "open_span = k AND D < open_until <= D + span_max". */
static void where_open_class(struct query *q, size_t k, day_num d)
{
    q_sql(q, "(t.open_span = ");
    q_int(q, open_spans[k].span);
    q_sql(q, " AND t.open_until > ");
    q_int(q, d);
    if (open_spans[k].span_max) {
        q_sql(q, " AND t.open_until <= ");
        q_int(q, (int64_t)d + open_spans[k].span_max);
    }
    q_sql(q, " AND t.assigned_day <= ");
    q_int(q, d);
    q_sql(q, ")");
}

#define OPEN_CLASSES (sizeof open_spans / sizeof open_spans[0] + 1) /* and the still open */

/* Class k of OPEN_CLASSES, or all of them (k < 0) as one OR. */
static void where_open_at(struct query *q, day_num d, int k)
{
    q_sql(q, " AND t.assigned_day <= ");
    q_int(q, d);
    q_sql(q, " AND (");
    if (k < 0 || k == 0) {
        q_sql(q, "(t.open_span = 9 AND t.open_until = 99999999 AND t.assigned_day <= ");
        q_int(q, d);
        q_sql(q, ")");
    }
    for (size_t i = 0; i < sizeof open_spans / sizeof open_spans[0]; i++) {
        if (k >= 0 && (size_t)k != i + 1)
            continue;
        if (k < 0)
            q_sql(q, " OR ");
        where_open_class(q, i, d);
    }
    q_sql(q, ")");
}

static bool open_by_span(const struct task_filter *f)
{
    return f->open_at != DAY_NONE && (!f->lead || f->lead->n > OPEN_BY_LEAD_MAX);
}

/* The WHERE clause of a task filter, on `task t`; with open_at read by class (open_by_span),
 * only class `open_class` of OPEN_CLASSES, or all of them when it is negative. */
static void filter_where_class(struct query *q, const struct task_filter *f, int open_class)
{
    bool by_span = open_by_span(f);
    q_sql(q, " WHERE 1 = 1");
    if (f->lead) {
        q_sql(q, by_span ? " AND +t.lead_unit_id IN " : " AND t.lead_unit_id IN ");
        q_set(q, f->lead);
    }
    if (f->assigner) {
        q_sql(q, " AND t.assigner_unit_id IN ");
        q_set(q, f->assigner);
    }
    if (f->assigned_from != DAY_NONE) {
        q_sql(q, " AND t.assigned_day >= ");
        q_int(q, f->assigned_from);
    }
    if (f->assigned_to != DAY_NONE) {
        q_sql(q, " AND t.assigned_day <= ");
        q_int(q, f->assigned_to);
    }
    if (f->deadline_from != DAY_NONE) {
        q_sql(q, " AND t.deadline_day >= ");
        q_int(q, f->deadline_from);
    }
    if (f->deadline_to != DAY_NONE) {
        q_sql(q, " AND t.deadline_day <= ");
        q_int(q, f->deadline_to);
    }
    if (by_span) {
        where_open_at(q, f->open_at, open_class);
    } else if (f->open_at != DAY_NONE) {
        /* open_until is the day a task left the open ones for good. With a few units: index
         * task_lead_open, a range per unit; the unary plus keeps the planner off task_lead,
         * whose assigned-day range holds every task the units ever had. */
        q_sql(q, " AND t.open_until > ");
        q_int(q, f->open_at);
        q_sql(q, f->lead ? " AND +t.assigned_day <= " : " AND t.assigned_day <= ");
        q_int(q, f->open_at);
    }
    if (f->key_only)
        q_sql(q, " AND t.key_task = 1");
    if (f->task_ids) {
        q_sql(q, " AND t.id IN ");
        q_set(q, f->task_ids);
    }
    if (f->notice_id) {
        q_sql(q, " AND t.notice_id = ");
        q_int(q, f->notice_id);
    }
    if (f->meeting_id) {
        q_sql(q, " AND t.meeting_id = ");
        q_int(q, f->meeting_id);
    }
    for (const char *const *w = f->words; w && *w && q->n < QUERY_MAX_PARAMS - 4; w++) {
        q_sql(q, " AND t.content_fold LIKE ");
        q_text(q, *w); /* already "%word%" from the caller's arena */
        q_sql(q, " ESCAPE '\\'");
    }
}

static void filter_where(struct query *q, const struct task_filter *f)
{
    filter_where_class(q, f, -1);
}

int store_task_list(struct store *s, struct arena *a, const struct task_filter *f,
                    struct task_rec **out, size_t *n, size_t *total, struct error *e)
{
    struct query q;
    struct stmt *st;
    int rc;
    if (total) {
        query_init(&q);
        q_sql(&q, "SELECT count(*) FROM task t");
        filter_where(&q, f);
        int64_t cnt = 0;
        rc = q_prepare(s, &q, &st, e);
        if (!rc)
            rc = sql_run_int(s, st, &cnt, e);
        query_release(&q);
        if (rc)
            return rc;
        *total = (size_t)cnt;
    }
    query_init(&q);
    q_sql(&q, "SELECT " TASK_COLS TASK_FROM);
    if (f->limit) {
        /* The page's ids first, from the index alone where the filter allows (task_lead
         * holds lead, day and id), then only those rows: sorting a unit's thousands of
         * tasks by id would otherwise carry each whole row. */
        q_sql(&q, " WHERE t.id IN (SELECT t.id FROM task t");
        filter_where(&q, f);
        q_sql(&q, " ORDER BY t.id LIMIT ");
        q_int(&q, (int64_t)f->limit);
        q_sql(&q, " OFFSET ");
        q_int(&q, (int64_t)f->offset);
        q_sql(&q, ")");
    } else {
        filter_where(&q, f);
    }
    q_sql(&q, " ORDER BY t.id");
    rc = q_prepare(s, &q, &st, e);
    query_release(&q);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_task, &list, n, e);
    *out = list;
    return rc;
}

int store_task_labels(struct store *s, struct arena *a, const struct unit_set *ids,
                      struct task_label **out, size_t *n, struct error *e)
{
    *out = NULL;
    *n = 0;
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT t.id, t.lead_unit_id, t.content FROM task t"
                         " WHERE t.id IN IDSET($1) ORDER BY t.id",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, ids);
    struct task_label *v = arena_alloc(a, (ids->n + 1) * sizeof *v);
    size_t cnt = 0;
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row && cnt < ids->n)
        v[cnt++] = (struct task_label){.id = sql_col_int(s, st, 0),
                                       .lead_unit_id = sql_col_int(s, st, 1),
                                       .content = sql_col_text(s, a, st, 2)};
    sql_reset(s, st);
    if (rc)
        return rc;
    *out = v;
    *n = cnt;
    return ERR_OK;
}

/* One statement of store_task_scan: all of it, or one class of the open tasks. */
static int scan_part(struct store *s, const struct task_filter *f, int open_class,
                     task_fact_fn *fn, void *ctx, struct error *e)
{
    struct query q;
    query_init(&q);
    q_sql(&q, "SELECT t.id, t.lead_unit_id, t.assigner_unit_id, t.assigned_day, t.deadline_day,"
              " t.timeline FROM task t");
    struct task_filter g = *f;
    g.limit = g.offset = 0;
    filter_where_class(&q, &g, open_class);
    struct stmt *st;
    int rc = q_prepare(s, &q, &st, e);
    query_release(&q);
    if (rc)
        return rc;
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        struct task_fact tf = {
            .id = sql_col_int(s, st, 0),
            .lead_unit_id = sql_col_int(s, st, 1),
            .assigner_unit_id = sql_col_id(s, st, 2),
            .assigned = sql_col_day(s, st, 3),
            .deadline = sql_col_day(s, st, 4),
            .timeline = sql_col_text_raw(s, st, 5),
        };
        if ((rc = fn(ctx, &tf, e)))
            break;
    }
    sql_reset(s, st);
    return rc;
}

/*
 * The open tasks of many units are read one class at a time: as one OR, both databases
 * gather the row ids of every class's index range and then read each task's row, while
 * task_open_span alone holds all the scan needs (on 1M tasks: 52,000 row reads of a
 * province's report saved).
 */
int store_task_scan(struct store *s, const struct task_filter *f, task_fact_fn *fn, void *ctx,
                    struct error *e)
{
    if (!open_by_span(f))
        return scan_part(s, f, -1, fn, ctx, e);
    int rc = ERR_OK;
    for (int k = 0; k < (int)OPEN_CLASSES && !rc; k++)
        rc = scan_part(s, f, k, fn, ctx, e);
    return rc;
}
