/*
 * http/wire.c - records to JSON, with the same keys as the CLI's
 * `--format json`, so a script written against one reads the other.
 *
 * The records are described once, in record.c, which writes them as JSON
 * text; the json_t functions here give that text read back, for handlers
 * that assemble jansson lists. Every json_t function returns a new
 * reference. Strings from the store are valid UTF-8 (text_clean saw them on
 * the way in). The extract proposals (below) are still jansson.
 */
#include <stdio.h>

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

/* Evidence as [start, length]: bytes of the UTF-8 (NFC) text as read; null when absent. */
static json_t *wire_span(struct extract_span s)
{
    if (!s.len)
        return json_null();
    json_t *j = json_array();
    json_array_append_new(j, json_integer((json_int_t)s.start));
    json_array_append_new(j, json_integer((json_int_t)s.len));
    return j;
}

json_t *wire_extract(const struct extract_result *r)
{
    json_t *tasks = json_array();
    for (size_t i = 0; i < r->n_tasks; i++) {
        const struct extract_task *t = &r->tasks[i];
        json_t *j = json_object(), *co = json_array(), *coev = json_array(), *ev = json_object();
        for (size_t k = 0; k < t->n_coordinating; k++) {
            json_array_append_new(co, json_string(t->coordinating[k]));
            json_array_append_new(coev, wire_span(t->coordinating_spans[k]));
        }
        json_object_set_new(j, "content", json_string(t->content));
        json_object_set_new(j, "lead", wire_str(t->lead));
        json_object_set_new(j, "lead_known", json_boolean(t->lead_known));
        json_object_set_new(j, "lead_id", wire_id(t->lead_id));
        json_object_set_new(j, "coordinating", co);
        json_object_set_new(j, "deadline", wire_day(t->deadline));
        if (t->deadline_minute >= 0) {
            char hm[16];
            snprintf(hm, sizeof hm, "%02d:%02d", t->deadline_minute / 60, t->deadline_minute % 60);
            json_object_set_new(j, "deadline_time", json_string(hm));
        }
        json_object_set_new(j, "deadline_text", wire_str(t->deadline_text));
        json_object_set_new(j, "recurring", json_boolean(t->recurring));
        json_object_set_new(ev, "content", wire_span(t->content_span));
        json_object_set_new(ev, "lead", wire_span(t->lead_span));
        json_object_set_new(ev, "coordinating", coev);
        json_object_set_new(ev, "deadline", wire_span(t->deadline_span));
        json_object_set_new(j, "evidence", ev);
        json_object_set_new(j, "confidence", json_real((double)(int)(t->confidence * 100) / 100));
        json_object_set_new(j, "reason", wire_str(t->reason));
        json_array_append_new(tasks, j);
    }
    json_t *root = json_object();
    json_object_set_new(root, "tasks", tasks);
    return root;
}
