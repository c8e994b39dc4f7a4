/*
 * http/wire.c - records to JSON, with the same keys as the CLI's
 * `--format json`, so a script written against one reads the other.
 *
 * The records are described once, in record.c, which writes them as JSON
 * text; the json_t functions here give the same records as jansson values,
 * built from the same descriptions, for handlers that assemble jansson
 * lists and for the CLI. Every json_t function returns a new reference. Strings from the store are valid UTF-8 (text_clean saw them on
 * the way in).
 */
#include "http/http_int.h"
#include "http/record.h"
#include "http/wire.h"

json_t *wire_day(day_num d)
{
    char buf[16];
    return d == DAY_NONE ? json_null() : json_string(day_format_iso(d, buf));
}

json_t *wire_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

json_t *wire_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *wire_list(json_t *items, size_t total)
{
    json_t *j = json_object();
    json_object_set_new(j, "total", json_integer((json_int_t)total));
    json_object_set_new(j, "items", items);
    return j;
}

/* Every record is written by record.c from its description; the jansson values the handlers
 * still assemble lists from are that text read back. */
json_t *wire_unit(const struct unit_rec *u)
{
    return rec_json(&rec_unit, u);
}

json_t *wire_person(const struct person_rec *p)
{
    return rec_json(&rec_person, p);
}

json_t *wire_meeting(const struct meeting_rec *m)
{
    return rec_json(&rec_meeting, m);
}

json_t *wire_doc(const struct doc_rec *d)
{
    return rec_json(&rec_document, d);
}

json_t *wire_doc_counts(const struct doc_counts *dc)
{
    return rec_json(&rec_doc_counts, dc);
}

json_t *wire_account(const struct account_rec *a)
{
    return rec_json(&rec_account, a);
}

json_t *wire_audit(const struct audit_rec *r)
{
    return rec_json(&rec_audit, r);
}

json_t *wire_token(const struct token_rec *t)
{
    return rec_json(&rec_token, t);
}

json_t *wire_search_hit(const struct search_hit *h)
{
    return rec_json(&rec_search_hit, h);
}

json_t *wire_notice(const struct doc_rec *d)
{
    return rec_json(&rec_notice, d);
}

void wire_meeting_detail_text(const struct meeting_rec *m, const struct doc_rec *notices,
                              size_t n_notices, const int64_t *task_ids, size_t n_task_ids,
                              struct buf *b)
{
    struct rec_meeting_detail d = {.m = *m, .notices = notices, .n_notices = n_notices,
                                   .task_ids = task_ids, .n_task_ids = n_task_ids};
    rec_write(b, &rec_meeting_detail, &d);
}

void wire_summary_text(const struct summary *s, bool subtree, struct buf *b)
{
    struct rec_summary r = {.s = *s, .subtree = subtree};
    rec_write(b, &rec_summary, &r);
}

void wire_task_list_text(const struct task_item *items, size_t n, size_t total, day_num as_of,
                         struct buf *b)
{
    struct rec_page p = {.items = items, .n = n, .total = total, .as_of = as_of};
    rec_write(b, &rec_task_list, &p);
}

void wire_task_view_text(const struct task_view *v, struct buf *b)
{
    struct rec_task_detail d = {
        .item = {.t = v->t, .dates = v->dates, .standing = v->standing, .awaiting = v->awaiting},
        .pending_ext = v->pending_ext, .events = v->events, .n_events = v->n_events};
    rec_write(b, &rec_task_detail, &d);
}

/* ---- proposals read from a conclusion notice (extract/) ---- */

json_t *wire_extract(const struct extract_result *r)
{
    return rec_json(&rec_extract_result, r);
}
