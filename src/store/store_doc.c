/*
 * store/store_doc.c - meetings, the document register, and search. See store.h.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"
#include "text/normalize.h"

/* ---- Meetings ---- */

int store_meeting_insert(struct store *s, const struct meeting_rec *m, int64_t *id,
                         struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO meeting (kind, title, title_fold, day, chair_id, chair_name,"
                         " host_unit_id, period_from, period_to, notes, created_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    char now[32];
    sql_bind_text(s, st, 1, m->kind);
    sql_bind_text(s, st, 2, m->title);
    sql_bind_text(s, st, 3, text_fold(&a, m->title));
    sql_bind_day(s, st, 4, m->day);
    sql_bind_id(s, st, 5, m->chair_id);
    sql_bind_text(s, st, 6, m->chair_name);
    sql_bind_int(s, st, 7, m->host_unit_id);
    sql_bind_day(s, st, 8, m->period_from);
    sql_bind_day(s, st, 9, m->period_to);
    sql_bind_text(s, st, 10, m->notes);
    sql_bind_text(s, st, 11, store_now_text(s, now));
    rc = sql_run_int(s, st, id, e);
    arena_release(&a);
    if (rc || !m->n_attending)
        return rc;
    if ((rc = sql_prepare(s,
                          "INSERT INTO meeting_unit (meeting_id, unit_id) VALUES ($1, $2)"
                          " ON CONFLICT DO NOTHING",
                          &st, e)))
        return rc;
    for (size_t i = 0; i < m->n_attending && !rc; i++) {
        sql_bind_int(s, st, 1, *id);
        sql_bind_int(s, st, 2, m->attending[i]);
        rc = sql_run(s, st, e);
    }
    return rc;
}

#define MEETING_COLS                                                                               \
    "m.id, m.kind, m.title, m.day, m.chair_id, m.chair_name, m.host_unit_id, m.period_from,"      \
    " m.period_to, m.notes"

static void read_meeting(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct meeting_rec *m = out_;
    memset(m, 0, sizeof *m);
    m->id = sql_col_int(s, st, 0);
    m->kind = sql_col_text(s, a, st, 1);
    m->title = sql_col_text(s, a, st, 2);
    m->day = sql_col_day(s, st, 3);
    m->chair_id = sql_col_id(s, st, 4);
    m->chair_name = sql_col_text(s, a, st, 5);
    m->host_unit_id = sql_col_int(s, st, 6);
    m->period_from = sql_col_day(s, st, 7);
    m->period_to = sql_col_day(s, st, 8);
    m->notes = sql_col_text(s, a, st, 9);
}

int store_meeting_get(struct store *s, struct arena *a, int64_t id, struct meeting_rec *out,
                      struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " MEETING_COLS " FROM meeting m WHERE m.id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    bool found;
    if ((rc = sql_get_one(s, a, st, read_meeting, out, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "meeting", "Không có cuộc họp số %lld", (long long)id);
    if ((rc = sql_prepare(s,
                          "SELECT unit_id FROM meeting_unit WHERE meeting_id = $1 ORDER BY unit_id",
                          &st, e)))
        return rc;
    sql_bind_int(s, st, 1, id);
    int64_t *ids;
    size_t n;
    rc = sql_list_ids(s, a, st, &ids, &n, e);
    out->attending = ids;
    out->n_attending = n;
    return rc;
}

int store_meeting_list(struct store *s, struct arena *a, const struct unit_set *units,
                       day_num from, day_num to, size_t limit, struct meeting_rec **out,
                       size_t *n, struct error *e)
{
    struct query q;
    query_init(&q);
    q_sql(&q, "SELECT " MEETING_COLS " FROM meeting m WHERE 1 = 1");
    if (units) {
        q_sql(&q, " AND m.host_unit_id IN ");
        q_set(&q, units);
    }
    if (from != DAY_NONE) {
        q_sql(&q, " AND m.day >= ");
        q_int(&q, from);
    }
    if (to != DAY_NONE) {
        q_sql(&q, " AND m.day <= ");
        q_int(&q, to);
    }
    q_sql(&q, " ORDER BY m.day DESC, m.id DESC LIMIT ");
    q_int(&q, limit ? (int64_t)limit : 1000000);
    struct stmt *st;
    int rc = q_prepare(s, &q, &st, e);
    query_release(&q);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_meeting, &list, n, e);
    *out = list;
    return rc;
}

/* ---- Documents ---- */

int store_doc_insert(struct store *s, const struct doc_rec *d, int64_t *id, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(
        s,
        "INSERT INTO document (direction, unit_id, number, num, symbol, type, issuer, day, year,"
        " subject, subject_fold, handler_unit_id, handle_deadline, processed_day, meeting_id,"
        " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
        " $16) RETURNING id",
        &st, e);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    char now[32];
    int y, m, dd;
    day_to_ymd(d->day, &y, &m, &dd);
    sql_bind_int(s, st, 1, d->direction);
    sql_bind_int(s, st, 2, d->unit_id);
    sql_bind_text(s, st, 3, d->number);
    if (d->num > 0)
        sql_bind_int(s, st, 4, d->num);
    else
        sql_bind_text(s, st, 4, NULL);
    sql_bind_text(s, st, 5, d->symbol);
    sql_bind_text(s, st, 6, d->type);
    sql_bind_text(s, st, 7, d->issuer);
    sql_bind_day(s, st, 8, d->day);
    sql_bind_int(s, st, 9, y);
    sql_bind_text(s, st, 10, d->subject);
    sql_bind_text(s, st, 11, text_fold(&a, d->subject));
    sql_bind_id(s, st, 12, d->handler_unit_id);
    sql_bind_day(s, st, 13, d->handle_deadline);
    sql_bind_day(s, st, 14, d->processed_day);
    sql_bind_id(s, st, 15, d->meeting_id);
    sql_bind_text(s, st, 16, store_now_text(s, now));
    rc = sql_run_int(s, st, id, e);
    arena_release(&a);
    if (rc == ERR_CONFLICT) {
        error_clear(e);
        return error_set(e, ERR_CONFLICT, "number",
                         "Số văn bản '%s' đã có trong sổ văn bản đi năm %d của đơn vị",
                         d->number ? d->number : "", y);
    }
    return rc;
}

#define DOC_COLS                                                                                   \
    "d.id, d.direction, d.unit_id, d.number, d.num, d.symbol, d.type, d.issuer, d.day,"           \
    " d.subject, d.handler_unit_id, d.handle_deadline, d.processed_day, d.meeting_id"

static void read_doc(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct doc_rec *d = out_;
    memset(d, 0, sizeof *d);
    d->id = sql_col_int(s, st, 0);
    d->direction = (enum doc_direction)sql_col_int(s, st, 1);
    d->unit_id = sql_col_int(s, st, 2);
    d->number = sql_col_text(s, a, st, 3);
    d->num = (int)sql_col_id(s, st, 4);
    d->symbol = sql_col_text(s, a, st, 5);
    d->type = sql_col_text(s, a, st, 6);
    d->issuer = sql_col_text(s, a, st, 7);
    d->day = sql_col_day(s, st, 8);
    d->subject = sql_col_text(s, a, st, 9);
    d->handler_unit_id = sql_col_id(s, st, 10);
    d->handle_deadline = sql_col_day(s, st, 11);
    d->processed_day = sql_col_day(s, st, 12);
    d->meeting_id = sql_col_id(s, st, 13);
}

int store_doc_get(struct store *s, struct arena *a, int64_t id, struct doc_rec *out,
                  struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " DOC_COLS " FROM document d WHERE d.id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    bool found;
    if ((rc = sql_get_one(s, a, st, read_doc, out, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "document", "Không có văn bản số %lld", (long long)id);
    return ERR_OK;
}

static void doc_where(struct query *q, const struct doc_filter *f)
{
    q_sql(q, " WHERE 1 = 1");
    if (f->units) {
        q_sql(q, " AND d.unit_id IN ");
        q_set(q, f->units);
    }
    if (f->direction) {
        q_sql(q, " AND d.direction = ");
        q_int(q, f->direction);
    }
    if (f->type) {
        q_sql(q, " AND d.type = ");
        q_text(q, f->type);
    }
    if (f->from != DAY_NONE) {
        q_sql(q, " AND d.day >= ");
        q_int(q, f->from);
    }
    if (f->to != DAY_NONE) {
        q_sql(q, " AND d.day <= ");
        q_int(q, f->to);
    }
    if (f->meeting_id) {
        q_sql(q, " AND d.meeting_id = ");
        q_int(q, f->meeting_id);
    }
    if (f->number) {
        q_sql(q, " AND d.number = ");
        q_text(q, f->number);
    }
}

int store_doc_list(struct store *s, struct arena *a, const struct doc_filter *f,
                   struct doc_rec **out, size_t *n, size_t *total, struct error *e)
{
    struct query q;
    struct stmt *st;
    int rc;
    if (total) {
        query_init(&q);
        q_sql(&q, "SELECT count(*) FROM document d");
        doc_where(&q, f);
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
    q_sql(&q, "SELECT " DOC_COLS " FROM document d");
    doc_where(&q, f);
    q_sql(&q, " ORDER BY d.day DESC, d.id DESC LIMIT ");
    q_int(&q, f->limit ? (int64_t)f->limit : 1000000);
    q_sql(&q, " OFFSET ");
    q_int(&q, (int64_t)f->offset);
    rc = q_prepare(s, &q, &st, e);
    query_release(&q);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_doc, &list, n, e);
    *out = list;
    return rc;
}

static void read_type_count(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    struct doc_type_count *c = out;
    c->type = sql_col_text(s, a, st, 0);
    c->count = sql_col_int(s, st, 1);
}

static void read_doc_counts(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    (void)a;
    struct doc_counts *out = out_;
    out->incoming = sql_col_int(s, st, 0);
    out->incoming_processed = sql_col_int(s, st, 1);
    out->outgoing = sql_col_int(s, st, 2);
}

int store_doc_counts(struct store *s, struct arena *a, const struct unit_set *units, day_num from,
                     day_num to, struct doc_counts *out, struct error *e)
{
    memset(out, 0, sizeof *out);
    struct stmt *st;
    int rc = sql_prepare(
        s,
        "SELECT"
        " (SELECT count(*) FROM document WHERE direction = 1 AND unit_id IN IDSET($1)"
        "   AND day >= $2 AND day <= $3),"
        " (SELECT count(*) FROM document WHERE direction = 1 AND unit_id IN IDSET($1)"
        "   AND processed_day >= $2 AND processed_day <= $3),"
        " (SELECT count(*) FROM document WHERE direction = 2 AND unit_id IN IDSET($1)"
        "   AND day >= $2 AND day <= $3)",
        &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, units);
    sql_bind_int(s, st, 2, from);
    sql_bind_int(s, st, 3, to);
    bool found; /* scalar subqueries: always one row */
    if ((rc = sql_get_one(s, a, st, read_doc_counts, out, &found, e)))
        return rc;
    if ((rc = sql_prepare(s,
                          "SELECT type, count(*) FROM document WHERE direction = 2"
                          " AND unit_id IN IDSET($1) AND day >= $2 AND day <= $3"
                          " GROUP BY type ORDER BY type",
                          &st, e)))
        return rc;
    sql_bind_set(s, st, 1, units);
    sql_bind_int(s, st, 2, from);
    sql_bind_int(s, st, 3, to);
    void *list;
    rc = sql_list(s, a, st, sizeof *out->outgoing_by_type, read_type_count, &list, &out->n_types,
                  e);
    out->outgoing_by_type = list;
    return rc;
}

/* ---- Search ---- */

/* `cond_open` + "$N" + `cond_close` must hold for each word. */
static int search_table(struct store *s, struct arena *a, const char *kind, const char *select,
                        const char *cond_open, const char *cond_close,
                        const char *const *words, size_t limit,
                        struct search_hit **list, size_t *n, size_t *cap, struct error *e)
{
    struct query q;
    query_init(&q);
    q_sql(&q, select);
    q_sql(&q, " WHERE 1 = 1");
    for (const char *const *w = words; *w && q.n < 16; w++) {
        q_sql(&q, " AND ");
        q_sql(&q, cond_open);
        q_text(&q, arena_printf(a, "%%%s%%", *w));
        q_sql(&q, cond_close);
    }
    q_sql(&q, " ORDER BY 3 DESC, 1 DESC LIMIT ");
    q_int(&q, (int64_t)limit);
    struct stmt *st;
    int rc = q_prepare(s, &q, &st, e);
    query_release(&q);
    if (rc)
        return rc;
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        *list = arena_grow(a, *list, cap, *n + 1, sizeof **list);
        struct search_hit *h = &(*list)[(*n)++];
        h->kind = kind;
        h->id = sql_col_int(s, st, 0);
        h->text = sql_col_text(s, a, st, 1);
        h->day = sql_col_day(s, st, 2);
    }
    sql_reset(s, st);
    return rc;
}

int store_search(struct store *s, struct arena *a, const char *const *words, size_t limit,
                 struct search_hit **out, size_t *n, struct error *e)
{
    struct search_hit *list = NULL;
    size_t cnt = 0, cap = 0;
    static const char like_close[] = " ESCAPE '\\'";
    int rc = search_table(s, a, "unit", "SELECT u.id, u.name, u.valid_from FROM unit u",
                          "u.id IN (SELECT unit_id FROM unit_name WHERE fold LIKE ",
                          " ESCAPE '\\')", words, limit, &list, &cnt, &cap, e);
    if (!rc)
        rc = search_table(s, a, "meeting", "SELECT id, title, day FROM meeting",
                          "title_fold LIKE ", like_close, words, limit, &list, &cnt, &cap, e);
    if (!rc)
        rc = search_table(s, a, "document",
                          "SELECT id, COALESCE(number || ': ', '') || subject, day FROM document",
                          "subject_fold LIKE ", like_close, words, limit, &list, &cnt, &cap, e);
    if (!rc)
        rc = search_table(s, a, "task", "SELECT id, content, assigned_day FROM task",
                          "content_fold LIKE ", like_close, words, limit, &list, &cnt, &cap, e);
    *out = list;
    *n = cnt;
    return rc;
}
