/*
 * http/api_read.c - the GET routes: health, the OpenAPI document, units,
 * people, meetings, documents, tasks, the reports and search.
 *
 * What a caller sees is bounded by its unit's subtree: a list without a
 * `unit` parameter covers that subtree, a list naming a unit outside it is
 * refused (403), and a single record outside it is refused too. Units and
 * people are the directory everyone needs to name things, so they are
 * readable by every account.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/gzip.h"
#include "http/http_int.h"
#include "report/report.h"

int api_health(struct request *rq, struct reply *rp, struct error *e)
{
    (void)rq;
    (void)e;
    rp->body = json_pack("{s:s}", "status", "ok");
    return ERR_OK;
}

int api_openapi(struct request *rq, struct reply *rp, struct error *e)
{
    (void)rq;
    (void)e;
    rp->raw = openapi_document(&rp->raw_len);
    return ERR_OK;
}

/* The units a list covers: `unit` (checked against the bound) or the caller's subtree. */
static int list_cover(struct request *rq, const char *unit_text, bool subtree,
                      struct unit_set *out, int64_t *unit, struct error *e)
{
    if (!unit_text || !*unit_text)
        subtree = true;
    int rc = app_unit_or_own(&rq->app, unit_text, "unit", unit, e);
    return rc ? rc : app_unit_cover(&rq->app, *unit, subtree, out, e);
}

/*
 * The answer cache's key for a read about the tasks led by `unit` (and with `subtree`, the
 * units below): the route, each query parameter as given, the unit once resolved (a list
 * without one is the caller's subtree), the day and soon_days it was classified with, and
 * the store's stamp of those units, read now, before the answer (app_stamp; every
 * unit's counters at once when that is all of them, instead of thousands of ids). *key NULL
 * without a cache. The caller checked the scope: the answer does not depend on who asks.
 */
static int answer_key(struct request *rq, int64_t unit, bool subtree, char **key,
                      struct error *e)
{
    *key = NULL;
    if (!rq->cache)
        return ERR_OK;
    char stamp[STORE_STAMP_MAX];
    int rc = app_stamp(&rq->app, unit, subtree, stamp, e);
    if (rc)
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addf(&b, "%s|#%lld%s|%ld|%d|%s|", rq->path, (long long)unit, subtree ? "+" : "",
             (long)rq->app.today, rq->app.soon_days, stamp);
    for (size_t i = 0; i < rq->n_query; i++)
        buf_addf(&b, "%zu:%s=%zu:%s&", strlen(rq->query[i].name), rq->query[i].name,
                 strlen(rq->query[i].value), rq->query[i].value);
    *key = arena_strdup(rq->app.a, b.data);
    buf_release(&b);
    return ERR_OK;
}

/* A kept gzip is inflated for a client without gzip up to this size (a province's every
 * overdue task is 5.6 MB). */
#define ANSWER_INFLATED_MAX ((size_t)256 << 20)

/*
 * The answer kept under `key`, if any, as the reply's bytes: its gzip when the client takes
 * it and the server kept one; else the answer; else, for a client without gzip, the kept
 * gzip inflated (an answer too big to keep whole, a province's every overdue task, 5.6 MB,
 * has its 740 KB gzip kept: answered in 81-135 ms inflated, against 211-458 ms made again,
 * on a busy machine). The reply notes the key either way: the answer made on a miss is kept
 * under it, and its gzip beside it.
 */
static bool answer_cached(struct request *rq, const char *key, struct reply *rp)
{
    if (!key)
        return false;
    rp->cache = rq->cache;
    rp->cache_key = key;
    if (!rq->gzip_ok && (rp->bytes = answer_cache_get(rq->cache, key, &rp->bytes_len)))
        return true;
    char *gz_key = answer_cache_gzip_key(key);
    size_t zn = 0;
    char *z = answer_cache_get(rq->cache, gz_key, &zn);
    free(gz_key);
    if (z && rq->gzip_ok) {
        rp->bytes = z;
        rp->bytes_len = zn;
        rp->gzipped = true;
        return true;
    }
    if (z) {
        rp->bytes = gzip_decompress(z, zn, ANSWER_INFLATED_MAX, &rp->bytes_len);
        free(z);
        return rp->bytes != NULL;
    }
    if (rq->gzip_ok)
        rp->bytes = answer_cache_get(rq->cache, key, &rp->bytes_len);
    return rp->bytes != NULL;
}

/* Keep the answer just made under `key`; one too big to keep whole is kept in gzip (see
 * answer_cached), which the server then finds for a client taking gzip. */
static void answer_keep(struct request *rq, const char *key, const struct reply *rp)
{
    if (!key || answer_cache_put(rq->cache, key, rp->bytes, rp->bytes_len))
        return;
    size_t zn;
    char *z = gzip_compress(rp->bytes, rp->bytes_len, 1, &zn);
    if (z) {
        char *gz_key = answer_cache_gzip_key(key);
        answer_cache_put(rq->cache, gz_key, z, zn);
        free(gz_key);
        free(z);
    }
}

/* ---- units and people ---- */

int api_units_list(struct request *rq, struct reply *rp, struct error *e)
{
    struct unit_rec *u;
    size_t n;
    int rc;
    if ((rc = query_allow(rq, "", e)) || (rc = app_unit_list(&rq->app, &u, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, wire_unit(&u[i]));
    rp->body = wire_list(arr, n);
    return ERR_OK;
}

int api_unit_get(struct request *rq, struct reply *rp, struct error *e)
{
    struct unit_rec u;
    int rc;
    if ((rc = query_allow(rq, "", e)) || (rc = app_unit_get(&rq->app, rq->id, &u, e)))
        return rc;
    rp->body = wire_unit(&u);
    return ERR_OK;
}

int api_people_list(struct request *rq, struct reply *rp, struct error *e)
{
    int64_t unit = 0;
    int rc;
    const char *ut = query_get(rq, "unit");
    if ((rc = query_allow(rq, "unit", e)) ||
        (ut && *ut && (rc = app_unit_resolve(&rq->app, ut, "unit", &unit, e))))
        return rc;
    struct person_rec *p;
    size_t n;
    if ((rc = app_person_list(&rq->app, unit, &p, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, wire_person(&p[i]));
    rp->body = wire_list(arr, n);
    return ERR_OK;
}

/* ---- meetings ---- */

int api_meetings_list(struct request *rq, struct reply *rp, struct error *e)
{
    bool subtree;
    day_num from, to;
    size_t limit;
    int64_t unit;
    struct unit_set set = UNIT_SET_INIT;
    int rc;
    if ((rc = query_allow(rq, "unit,subtree,from,to,limit", e)) ||
        (rc = query_bool(rq, "subtree", &subtree, e)) ||
        (rc = query_size(rq, "limit", 100, 1000, &limit, e)) ||
        (rc = app_parse_day(&rq->app, query_get(rq, "from"), true, "from", &from, e)) ||
        (rc = app_parse_day(&rq->app, query_get(rq, "to"), true, "to", &to, e)) ||
        (rc = list_cover(rq, query_get(rq, "unit"), subtree, &set, &unit, e)))
        goto out;
    struct meeting_rec *m;
    size_t n;
    if ((rc = app_meeting_list(&rq->app, &set, from, to, limit ? limit : 100, &m, &n, e)))
        goto out;
    json_t *arr;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, wire_meeting(&m[i]));
    rp->body = wire_list(arr, n);
out:
    unit_set_release(&set);
    return rc;
}

int api_meeting_get(struct request *rq, struct reply *rp, struct error *e)
{
    struct meeting_rec m;
    int rc;
    if ((rc = query_allow(rq, "", e)) ||
        (rc = app_meeting_get(&rq->app, rq->id, &m, e)))
        return rc;
    struct doc_filter df = {.from = DAY_NONE, .to = DAY_NONE, .meeting_id = rq->id};
    struct doc_rec *docs;
    size_t n_docs;
    struct task_list_query tq = {.meeting = arena_printf(rq->app.a, "%lld", (long long)rq->id),
                                 .limit = 1000};
    struct task_item *items;
    size_t n_items, total;
    day_num as_of;
    if ((rc = app_doc_list(&rq->app, &df, &docs, &n_docs, NULL, e)) ||
        (rc = app_task_list(&rq->app, &tq, &items, &n_items, &total, &as_of, e)))
        return rc;
    json_t *j = wire_meeting(&m);
    json_t *nd = json_array();
    for (size_t i = 0; i < n_docs; i++)
        json_array_append_new(nd, json_pack("{s:I,s:o,s:o,s:o}", "id", (json_int_t)docs[i].id,
                                            "number", wire_str(docs[i].number), "date",
                                            wire_day(docs[i].day), "subject",
                                            wire_str(docs[i].subject)));
    json_object_set_new(j, "notices", nd);
    json_t *ta = json_array();
    for (size_t i = 0; i < n_items; i++)
        json_array_append_new(ta, json_integer(items[i].t.id));
    json_object_set_new(j, "task_ids", ta);
    rp->body = j;
    return ERR_OK;
}

/* ---- documents ---- */

int api_documents_list(struct request *rq, struct reply *rp, struct error *e)
{
    bool subtree;
    int64_t unit, meeting = 0;
    struct doc_filter f = {.type = query_get(rq, "type")};
    struct unit_set set = UNIT_SET_INIT;
    const char *dir = query_get(rq, "direction");
    int rc;
    if ((rc = query_allow(rq, "unit,subtree,direction,type,from,to,meeting,limit,offset", e)) ||
        (rc = query_bool(rq, "subtree", &subtree, e)) ||
        (rc = query_size(rq, "limit", 100, 1000, &f.limit, e)) ||
        (rc = query_size(rq, "offset", 0, 100000000, &f.offset, e)) ||
        (rc = app_parse_day(&rq->app, query_get(rq, "from"), true, "from", &f.from, e)) ||
        (rc = app_parse_day(&rq->app, query_get(rq, "to"), true, "to", &f.to, e)) ||
        (rc = query_id(rq, "meeting", &meeting, e)))
        return rc;
    if (dir && (strcmp(dir, "in") == 0 || strcmp(dir, "den") == 0))
        f.direction = DOC_IN;
    else if (dir && (strcmp(dir, "out") == 0 || strcmp(dir, "di") == 0))
        f.direction = DOC_OUT;
    else if (dir)
        return error_set(e, ERR_INVALID, "direction", "direction phải là 'in' hoặc 'out'");
    if (f.limit == 0)
        f.limit = 100;
    f.meeting_id = meeting;
    if ((rc = list_cover(rq, query_get(rq, "unit"), subtree, &set, &unit, e)))
        goto out;
    f.units = &set;
    struct doc_rec *d;
    size_t n, total;
    if ((rc = app_doc_list(&rq->app, &f, &d, &n, &total, e)))
        goto out;
    json_t *arr;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, wire_doc(&d[i]));
    rp->body = wire_list(arr, total);
out:
    unit_set_release(&set);
    return rc;
}

int api_document_get(struct request *rq, struct reply *rp, struct error *e)
{
    struct doc_rec d;
    int rc;
    if ((rc = query_allow(rq, "", e)) || (rc = app_doc_get(&rq->app, rq->id, &d, e)))
        return rc;
    rp->body = wire_doc(&d);
    return ERR_OK;
}

/* ---- tasks ---- */

int api_tasks_list(struct request *rq, struct reply *rp, struct error *e)
{
    struct task_list_query q = {
        .by = query_get(rq, "by"), .category = query_get(rq, "category"),
        .as_of = query_get(rq, "as_of"), .deadline_from = query_get(rq, "deadline_from"),
        .deadline_to = query_get(rq, "deadline_to"), .notice = query_get(rq, "notice"),
        .meeting = query_get(rq, "meeting"), .text = query_get(rq, "q"), .text_field = "q"};
    const char *unit = query_get(rq, "unit");
    int rc;
    if ((rc = query_allow(rq,
                          "unit,subtree,by,category,as_of,deadline_from,deadline_to,notice,"
                          "meeting,key,q,limit,offset",
                          e)) ||
        (rc = query_bool(rq, "subtree", &q.subtree, e)) ||
        (rc = query_bool(rq, "key", &q.key_only, e)) ||
        (rc = query_size(rq, "limit", 50, 1000, &q.limit, e)) ||
        (rc = query_size(rq, "offset", 0, 100000000, &q.offset, e)))
        return rc;
    /* Without a unit: the caller's own and the units below. app_task_list checks the bound. */
    int64_t id = rq->who.unit_id;
    if (unit && *unit) {
        if ((rc = app_unit_resolve(&rq->app, unit, "unit", &id, e)) ||
            (rc = app_scope_require(&rq->app, id, "unit", e)))
            return rc;
    } else {
        q.subtree = true;
    }
    q.unit_id = id;
    /* A unit's page is asked again and again between changes to its tasks: kept by the
     * lead units' stamp. */
    char *key;
    if ((rc = answer_key(rq, id, q.subtree, &key, e)))
        return rc;
    if (answer_cached(rq, key, rp))
        return ERR_OK;
    struct task_item *items;
    size_t n, total = 0;
    day_num as_of;
    if ((rc = app_task_list(&rq->app, &q, &items, &n, &total, &as_of, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    wire_task_list_text(items, n, total, as_of, &b);
    rp->bytes = buf_take(&b, &rp->bytes_len);
    answer_keep(rq, key, rp);
    return ERR_OK;
}

int api_task_get(struct request *rq, struct reply *rp, struct error *e)
{
    day_num as_of;
    struct task_view v;
    int rc;
    if ((rc = query_allow(rq, "as_of", e)) ||
        (rc = app_parse_day(&rq->app, query_get(rq, "as_of"), true, "as_of", &as_of, e)) ||
        (rc = app_task_view(&rq->app, rq->id, as_of, &v, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    wire_task_view_text(&v, &b);
    rp->bytes = buf_take(&b, &rp->bytes_len);
    snprintf(rp->etag, sizeof rp->etag, "\"%lld\"", (long long)v.t.version);
    return ERR_OK;
}

/* ---- reports ---- */

int api_report_summary(struct request *rq, struct reply *rp, struct error *e)
{
    struct summary_query q = {.unit = query_get(rq, "unit"), .by = query_get(rq, "by"),
                              .from = query_get(rq, "from"), .to = query_get(rq, "to"),
                              .as_of = query_get(rq, "as_of")};
    struct summary_cmd c;
    int rc;
    if ((rc = query_allow(rq, "unit,subtree,by,from,to,as_of,key,overdue_limit", e)) ||
        (rc = query_size(rq, "overdue_limit", 0, 1000000, &q.overdue_limit, e)) ||
        (rc = query_bool(rq, "subtree", &q.subtree, e)) ||
        (rc = query_bool(rq, "key", &q.key_only, e)) ||
        (rc = app_summary_decode(&rq->app, &q, &c, e)))
        return rc;
    /* A summary reads the running totals and tasks led by its unit (and the units below);
     * `by` only filters those by assigner: kept by the lead units' stamp. */
    char *key;
    if ((rc = answer_key(rq, c.unit, c.subtree, &key, e)))
        return rc;
    if (answer_cached(rq, key, rp))
        return ERR_OK;
    struct summary s;
    if ((rc = app_summary_run(&rq->app, &c, &s, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    wire_summary_text(&s, c.subtree, &b);
    rp->bytes = buf_take(&b, &rp->bytes_len);
    answer_keep(rq, key, rp);
    return ERR_OK;
}

/*
 * The monthly briefing report in one of four formats. JSON and HTML are
 * shown as they are; XLSX and PDF are sent as a file to save
 * (Content-Disposition: attachment) named after the unit's code and month.
 */
int api_report_briefing(struct request *rq, struct reply *rp, struct error *e)
{
    const char *fmt = query_get(rq, "format");
    int rc;
    if ((rc = query_allow(rq, "unit,month,as_of,format", e)))
        return rc;
    int f = report_format_from_name(fmt && *fmt ? fmt : "html");
    if (!f)
        return error_set(e, ERR_INVALID, "format",
                         "Định dạng '%.20s' không hợp lệ (html, json, xlsx, pdf)", fmt);
    const char *month = query_get(rq, "month");
    if (!month || !*month)
        return error_set(e, ERR_INVALID, "month", "Thiếu tháng báo cáo (month=2020-08)");
    /* Without a unit: the caller's own (app_briefing; it checks the bound). */
    struct briefing_query q = {.unit = query_get(rq, "unit"), .month = month,
                               .as_of = query_get(rq, "as_of")};
    struct briefing b;
    if ((rc = app_briefing(&rq->app, &q, &b, e)))
        return rc;
    struct buf out = BUF_INIT(BUF_NO_LIMIT);
    if ((rc = report_briefing(&b, (enum report_format)f, &out, e))) {
        buf_release(&out);
        return rc;
    }
    rp->bytes = buf_take(&out, &rp->bytes_len);
    rp->content_type = f == REPORT_JSON ? "application/json; charset=utf-8"
                                        : report_format_mime((enum report_format)f);
    if (f == REPORT_XLSX || f == REPORT_PDF) {
        struct unit_rec u;
        const char *code = "bao-cao";
        if (!app_unit_get(&rq->app, b.unit_id, &u, e) && u.code)
            code = u.code;
        /* A header value: keep the code's plain characters only. */
        char *safe = arena_strdup(rq->app.a, code);
        for (char *p = safe; *p; p++)
            if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                  (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
                *p = '_';
        rp->disposition = arena_printf(rq->app.a,
                                       "attachment; filename=\"bao-cao-giao-ban-%s-%04d-%02d.%s\"",
                                       safe, b.year, b.month, f == REPORT_XLSX ? "xlsx" : "pdf");
    }
    return ERR_OK;
}

int api_report_documents(struct request *rq, struct reply *rp, struct error *e)
{
    const char *unit = query_get(rq, "unit"); /* none: the caller's own */
    bool subtree;
    int rc;
    if ((rc = query_allow(rq, "unit,subtree,from,to", e)) ||
        (rc = query_bool(rq, "subtree", &subtree, e)))
        return rc;
    struct doc_counts dc;
    if ((rc = app_doc_counts(&rq->app, unit, subtree, query_get(rq, "from"), query_get(rq, "to"),
                             &dc, e)))
        return rc;
    rp->body = wire_doc_counts(&dc);
    return ERR_OK;
}

/* ---- search ---- */

int api_search(struct request *rq, struct reply *rp, struct error *e)
{
    size_t limit;
    int rc;
    if ((rc = query_allow(rq, "q,limit", e)) ||
        (rc = query_size(rq, "limit", 50, 200, &limit, e)))
        return rc;
    const char *q = query_get(rq, "q");
    if (!q || !*q)
        return error_set(e, ERR_INVALID, "q", "Thiếu từ khóa tìm kiếm (tham số q)");
    struct search_hit *h;
    size_t n;
    if ((rc = app_search(&rq->app, q, "q", limit ? limit : 50, &h, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s,s:I,s:o,s:o}", "kind", h[i].kind, "id",
                                             (json_int_t)h[i].id, "text", wire_str(h[i].text),
                                             "date", wire_day(h[i].day)));
    rp->body = wire_list(arr, n);
    return ERR_OK;
}
