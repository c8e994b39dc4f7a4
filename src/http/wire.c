/*
 * http/wire.c - records to JSON, with the same keys as the CLI's
 * `--format json`, so a script written against one reads the other.
 *
 * Every function returns a new reference (jansson); members are added with
 * json_object_set_new, which steals them. Strings from the store are valid
 * UTF-8 (text_clean saw them on the way in); json_string would return NULL
 * otherwise, and json_object_set_new would then drop the member.
 */
#include <stdio.h>

#include "http/http_int.h"
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

json_t *wire_unit(const struct unit_rec *u)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(u->id));
    json_object_set_new(j, "code", wire_str(u->code));
    json_object_set_new(j, "name", wire_str(u->name));
    json_object_set_new(j, "short_name", wire_str(u->short_name));
    json_object_set_new(j, "kind", wire_str(u->kind));
    json_object_set_new(j, "parent_id", wire_id(u->parent_id));
    json_object_set_new(j, "head_name", wire_str(u->head_name));
    json_object_set_new(j, "head_title", wire_str(u->head_title));
    json_object_set_new(j, "valid_from", wire_day(u->valid_from));
    json_object_set_new(j, "valid_to", wire_day(u->valid_to));
    json_object_set_new(j, "successor_id", wire_id(u->successor_id));
    if (u->aliases) {
        json_t *al = json_array();
        for (const char **a = u->aliases; *a; a++)
            json_array_append_new(al, json_string(*a));
        json_object_set_new(j, "aliases", al);
    }
    return j;
}

json_t *wire_person(const struct person_rec *p)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(p->id));
    json_object_set_new(j, "name", wire_str(p->name));
    json_object_set_new(j, "title", wire_str(p->title));
    json_object_set_new(j, "unit_id", wire_id(p->unit_id));
    return j;
}

json_t *wire_meeting(const struct meeting_rec *m)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(m->id));
    json_object_set_new(j, "kind", wire_str(m->kind));
    json_object_set_new(j, "title", wire_str(m->title));
    json_object_set_new(j, "date", wire_day(m->day));
    json_object_set_new(j, "chair", wire_str(m->chair_name));
    json_object_set_new(j, "host_unit_id", json_integer(m->host_unit_id));
    json_object_set_new(j, "period_from", wire_day(m->period_from));
    json_object_set_new(j, "period_to", wire_day(m->period_to));
    json_object_set_new(j, "notes", wire_str(m->notes));
    if (m->attending) {
        json_t *a = json_array();
        for (size_t i = 0; i < m->n_attending; i++)
            json_array_append_new(a, json_integer(m->attending[i]));
        json_object_set_new(j, "attending", a);
    }
    return j;
}

json_t *wire_doc(const struct doc_rec *d)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(d->id));
    json_object_set_new(j, "direction", json_string(d->direction == DOC_IN ? "in" : "out"));
    json_object_set_new(j, "unit_id", json_integer(d->unit_id));
    json_object_set_new(j, "number", wire_str(d->number));
    json_object_set_new(j, "type", wire_str(d->type));
    json_object_set_new(j, "issuer", wire_str(d->issuer));
    json_object_set_new(j, "date", wire_day(d->day));
    json_object_set_new(j, "subject", wire_str(d->subject));
    json_object_set_new(j, "handler_unit_id", wire_id(d->handler_unit_id));
    json_object_set_new(j, "deadline", wire_day(d->handle_deadline));
    json_object_set_new(j, "processed", wire_day(d->processed_day));
    json_object_set_new(j, "meeting_id", wire_id(d->meeting_id));
    return j;
}

/* "44,4%" as Vietnamese writes a rate; "—" when there is no base (as the CLI). */
static const char *vn_percent(char out[48], double rate)
{
    if (rate < 0) {
        snprintf(out, 48, "—");
        return out;
    }
    long tenths = (long)(rate * 1000.0 + 0.5);
    snprintf(out, 48, "%ld,%ld%%", tenths / 10, tenths % 10);
    return out;
}

/*
 * The summary and tasks are written as JSON text straight into a buffer: a province's answer
 * has 3,000 unit lines, a page 50 tasks, and building them as jansson objects, dumping and
 * freeing them cost more than computing the figures. The members are those of the CLI's
 * JSON (docs/API.md), in the order the OpenAPI document lists them.
 */
static void text_key(struct buf *b, const char *key)
{
    buf_addc(b, '"');
    buf_adds(b, key);
    buf_adds(b, "\":");
}

/* A decimal integer: a province's summary writes 40,000 of them, and printf's parsing of
 * its format was a tenth of the answer's time. */
static void text_num(struct buf *b, long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--i] = '-';
    buf_add(b, tmp + i, sizeof tmp - i);
}

static void text_int(struct buf *b, const char *key, long long v)
{
    text_key(b, key);
    text_num(b, v);
    buf_addc(b, ',');
}

static void text_str(struct buf *b, const char *key, const char *v)
{
    text_key(b, key);
    if (!v) {
        buf_adds(b, "null");
        return;
    }
    buf_addc(b, '"');
    buf_add_json_str(b, v);
    buf_addc(b, '"');
}

static void text_day(struct buf *b, const char *key, day_num d)
{
    char iso[16];
    text_str(b, key, d == DAY_NONE ? NULL : day_format_iso(d, iso));
}

static void text_unit(struct buf *b, const char *key, int64_t id, const char *name)
{
    text_key(b, key);
    buf_adds(b, "{\"id\":");
    text_num(b, id);
    buf_addc(b, ',');
    text_str(b, "name", name);
    buf_addc(b, '}');
}

/* The counters of one summary, without the closing brace; the rate's formula only where
 * asked (once per answer, not once for each unit line). */
static void text_counts(struct buf *b, const int64_t *c, bool formula)
{
    buf_addc(b, '{');
    text_int(b, "assigned", c[CNT_ASSIGNED]);
    text_int(b, "done_on_time", c[CNT_DONE_BEFORE] + c[CNT_DONE_ON_DAY]);
    text_int(b, "done_before", c[CNT_DONE_BEFORE]);
    text_int(b, "done_on_day", c[CNT_DONE_ON_DAY]);
    text_int(b, "done_late", c[CNT_DONE_LATE]);
    text_int(b, "open_in_time", c[CNT_OPEN_IN_TIME]);
    text_int(b, "due_soon", c[CNT_DUE_SOON]);
    text_int(b, "open_overdue", c[CNT_OPEN_OVERDUE]);
    text_int(b, "no_deadline", c[CNT_NODL_DONE] + c[CNT_NODL_OPEN]);
    text_int(b, "no_deadline_done", c[CNT_NODL_DONE]);
    text_int(b, "no_deadline_open", c[CNT_NODL_OPEN]);
    text_int(b, "cancelled", c[CNT_CANCELLED]);
    text_int(b, "awaiting_confirmation", c[CNT_AWAITING]);
    double rate = summary_on_time_rate(c);
    char p[48];
    text_key(b, "on_time_rate");
    if (rate < 0)
        buf_adds(b, "{\"value\":null,");
    else
        buf_addf(b, "{\"value\":%.17g,", rate);
    text_str(b, "text", vn_percent(p, rate));
    if (formula) {
        buf_addc(b, ',');
        text_str(b, "formula", summary_rate_formula);
    }
    buf_addc(b, '}');
}

void wire_summary_text(const struct summary *s, bool subtree, struct buf *b)
{
    text_counts(b, s->c, true);
    buf_addc(b, ',');
    text_unit(b, "unit", s->unit_id, s->unit_name);
    buf_addf(b, ",\"subtree\":%s,", subtree ? "true" : "false");
    text_day(b, "as_of", s->as_of);
    buf_addf(b, ",\"soon_days\":%d,\"by_unit\":[", s->soon_days);
    for (size_t i = 0; i < s->n_by_unit; i++) {
        if (i)
            buf_addc(b, ',');
        text_counts(b, s->by_unit[i].c, false);
        buf_addc(b, ',');
        text_unit(b, "unit", s->by_unit[i].unit_id, s->by_unit[i].name);
        buf_addc(b, '}');
    }
    buf_adds(b, "],\"overdue\":[");
    for (size_t i = 0; i < s->n_overdue; i++) {
        const struct overdue_item *o = &s->overdue[i];
        if (i)
            buf_addc(b, ',');
        buf_adds(b, "{\"id\":");
        text_num(b, o->id);
        buf_addc(b, ',');
        text_str(b, "content", o->content);
        buf_addc(b, ',');
        text_unit(b, "lead_unit", o->lead_unit_id, o->lead_name);
        buf_addc(b, ',');
        text_day(b, "deadline", o->deadline);
        buf_adds(b, ",\"days_overdue\":");
        text_num(b, o->days_overdue);
        buf_addc(b, '}');
    }
    buf_adds(b, "]}");
}

static void text_id(struct buf *b, const char *key, int64_t id)
{
    text_key(b, key);
    if (id)
        text_num(b, id);
    else
        buf_adds(b, "null");
}

static void text_bool(struct buf *b, const char *key, bool v)
{
    text_key(b, key);
    buf_adds(b, v ? "true" : "false");
}

/* The members of one task, without the braces. */
static void text_task_members(struct buf *b, const struct task_rec *t, const struct task_dates *d,
                              const struct task_standing *st, bool awaiting)
{
    text_int(b, "id", t->id);
    text_str(b, "content", t->content);
    buf_addc(b, ',');
    text_str(b, "source", task_source_name(t->source));
    buf_addc(b, ',');
    text_id(b, "notice_id", t->notice_id);
    buf_addc(b, ',');
    text_id(b, "meeting_id", t->meeting_id);
    buf_addc(b, ',');
    text_unit(b, "lead_unit", t->lead_unit_id, t->lead_name);
    buf_addc(b, ',');
    if (t->assigner_unit_id)
        text_unit(b, "assigned_by", t->assigner_unit_id, t->assigner_name);
    else
        buf_adds(b, "\"assigned_by\":null");
    if (t->coordinating) {
        buf_adds(b, ",\"coordinating\":[");
        for (size_t i = 0; i < t->n_coordinating; i++) {
            if (i)
                buf_addc(b, ',');
            text_num(b, t->coordinating[i]);
        }
        buf_addc(b, ']');
    }
    buf_addc(b, ',');
    text_day(b, "assigned", t->assigned);
    buf_addc(b, ',');
    text_day(b, "deadline", t->deadline);
    buf_addc(b, ',');
    text_day(b, "deadline_in_force", d->deadline);
    if (t->deadline_minute >= 0) {
        char hm[6] = {(char)('0' + t->deadline_minute / 60 % 24 / 10),
                      (char)('0' + t->deadline_minute / 60 % 24 % 10), ':',
                      (char)('0' + t->deadline_minute % 60 / 10),
                      (char)('0' + t->deadline_minute % 60 % 10), '\0'};
        buf_addc(b, ',');
        text_str(b, "deadline_time", hm);
    }
    buf_addc(b, ',');
    text_day(b, "completed", d->completed);
    buf_addc(b, ',');
    text_bool(b, "key_task", t->key_task);
    buf_addc(b, ',');
    text_str(b, "sector", t->sector);
    buf_addc(b, ',');
    text_id(b, "parent_id", t->parent_id);
    buf_addc(b, ',');
    text_str(b, "state", task_state_name(t->state));
    buf_addc(b, ',');
    text_str(b, "category", task_bucket_name(st->bucket));
    buf_addc(b, ',');
    text_bool(b, "due_soon", st->due_soon);
    buf_addc(b, ',');
    text_int(b, "days_overdue", st->days_overdue);
    text_bool(b, "awaiting_confirmation", awaiting);
    buf_addc(b, ',');
    text_key(b, "version");
    text_num(b, t->version);
}

void wire_task_list_text(const struct task_item *items, size_t n, size_t total, day_num as_of,
                         struct buf *b)
{
    buf_adds(b, "{\"total\":");
    text_num(b, (long long)total);
    buf_adds(b, ",\"items\":[");
    for (size_t i = 0; i < n; i++) {
        buf_adds(b, i ? ",{" : "{");
        text_task_members(b, &items[i].t, &items[i].dates, &items[i].standing, items[i].awaiting);
        buf_addc(b, '}');
    }
    buf_adds(b, "],");
    text_day(b, "as_of", as_of);
    buf_addc(b, '}');
}

void wire_task_view_text(const struct task_view *v, struct buf *b)
{
    buf_addc(b, '{');
    text_task_members(b, &v->t, &v->dates, &v->standing, v->awaiting);
    buf_addc(b, ',');
    text_day(b, "pending_extension", v->pending_ext);
    buf_adds(b, ",\"events\":[");
    for (size_t i = 0; i < v->n_events; i++) {
        const struct event_rec *ev = &v->events[i];
        buf_adds(b, i ? ",{" : "{");
        text_int(b, "id", ev->id);
        text_str(b, "kind", task_event_name(ev->kind));
        buf_addc(b, ',');
        text_day(b, "date", ev->day);
        buf_addc(b, ',');
        text_str(b, "recorded_at", ev->recorded_at);
        buf_addc(b, ',');
        text_str(b, "actor", ev->actor);
        buf_addc(b, ',');
        text_str(b, "note", ev->note);
        buf_addc(b, ',');
        if (ev->percent >= 0)
            text_int(b, "percent", ev->percent);
        else
            buf_adds(b, "\"percent\":null,");
        text_day(b, "new_deadline", ev->new_deadline);
        buf_addc(b, ',');
        text_bool(b, "late_request", ev->late_request);
        buf_addc(b, ',');
        text_id(b, "evidence_doc_id", ev->evidence_doc_id);
        buf_addc(b, '}');
    }
    buf_adds(b, "]}");
}

json_t *wire_doc_counts(const struct doc_counts *dc)
{
    json_t *j = json_object();
    json_object_set_new(j, "incoming", json_integer(dc->incoming));
    json_object_set_new(j, "incoming_processed", json_integer(dc->incoming_processed));
    json_object_set_new(j, "outgoing", json_integer(dc->outgoing));
    json_t *bt = json_object();
    for (size_t i = 0; i < dc->n_types; i++)
        json_object_set_new(bt, dc->outgoing_by_type[i].type,
                            json_integer(dc->outgoing_by_type[i].count));
    json_object_set_new(j, "outgoing_by_type", bt);
    return j;
}

json_t *wire_account(const struct account_rec *a)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(a->id));
    json_object_set_new(j, "username", wire_str(a->username));
    json_object_set_new(j, "role", wire_str(a->role));
    json_object_set_new(j, "unit_id", json_integer(a->unit_id));
    json_object_set_new(j, "disabled", json_boolean(a->disabled));
    json_object_set_new(j, "created_at", wire_str(a->created_at));
    return j;
}

json_t *wire_audit(const struct audit_rec *r)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(r->id));
    json_object_set_new(j, "at", wire_str(r->at));
    json_object_set_new(j, "actor", wire_str(r->actor));
    json_object_set_new(j, "address", wire_str(r->address));
    json_object_set_new(j, "action", wire_str(r->action));
    json_object_set_new(j, "object_kind", wire_str(r->object_kind));
    json_object_set_new(j, "object_id", wire_id(r->object_id));
    /* before/after are JSON text written by app_audit: embed them as values. */
    json_t *b = r->before ? json_loads(r->before, 0, NULL) : NULL;
    json_t *a = r->after ? json_loads(r->after, 0, NULL) : NULL;
    json_object_set_new(j, "before", b ? b : json_null());
    json_object_set_new(j, "after", a ? a : json_null());
    return j;
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
