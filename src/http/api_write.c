/*
 * http/api_write.c - the write routes: creating units, people, meetings,
 * documents and tasks, moving and closing units, and every event of a
 * task. Each is one app_* call, so one transaction with its audit entry.
 *
 * The body names its members as the read side does (host_unit_id,
 * lead_unit, deadline...); a unit may be given by id (a JSON number) or by
 * code or name, as the CLI takes it. Unknown members are refused (422), so
 * a misspelt field never silently does nothing. Every unit a write names
 * must lie inside the caller's subtree.
 *
 * A task event needs the version the caller read: `If-Match: "7"` (the ETag
 * of GET /api/v1/tasks/{id}); a stale one is 409, a missing one 428.
 * `If-Match: *` says "whatever the version" explicitly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "http/body.h"
#include "http/http_int.h"
#include "http/wire.h"

/* Resolve a unit member given as text and require it inside the scope (absent: OK, id 0). */
static int unit_in_scope(struct request *rq, const char *text, const char *field, int64_t *id,
                         struct error *e)
{
    *id = 0;
    if (!text || !*text)
        return ERR_OK;
    int rc = app_unit_resolve(&rq->app, text, field, id, e);
    return rc ? rc : app_scope_require(&rq->app, *id, field, e);
}

/*
 * The app names a refused value as the CLI calls it ("notice", "unit"); the API's body calls
 * it otherwise ("notice_id", "lead_unit"). A refusal is said in the caller's words: `map`
 * pairs the app's name with the body member's, ending with {NULL, NULL}.
 */
static int as_member(int rc, struct error *e, const char *const map[][2])
{
    for (size_t i = 0; rc && e && map[i][0]; i++)
        if (strcmp(e->field, map[i][0]) == 0) {
            snprintf(e->field, sizeof e->field, "%s", map[i][1]);
            break;
        }
    return rc;
}

static const char *const unit_members[][2] = {
    {"parent", "parent_id"}, {"successor", "successor_id"}, {NULL, NULL}};
static const char *const person_members[][2] = {{"unit", "unit_id"}, {NULL, NULL}};
static const char *const meeting_members[][2] = {{"host", "host_unit_id"}, {NULL, NULL}};
static const char *const doc_members[][2] = {
    {"unit", "unit_id"}, {"handler", "handler_unit_id"}, {"meeting", "meeting_id"}, {NULL, NULL}};
static const char *const task_members[][2] = {
    {"unit", "lead_unit"},       {"by", "assigned_by"},
    {"notice", "notice_id"},     {"meeting", "meeting_id"},
    {"parent", "parent_id"},     {"assigner_person", "assigner_person_id"},
    {NULL, NULL}};
static const char *const event_members[][2] = {{"evidence", "evidence_doc_id"}, {NULL, NULL}};

static int created(struct reply *rp, json_t *body)
{
    rp->status = 201;
    rp->body = body;
    return ERR_OK;
}

/* ---- units and people ---- */

int api_units_create(struct request *rq, struct reply *rp, struct error *e)
{
    struct unit_input in = {0};
    int rc;
    if ((rc = body_str(rq, "code", &in.code, e)) || (rc = body_str(rq, "name", &in.name, e)) ||
        (rc = body_str(rq, "short_name", &in.short_name, e)) ||
        (rc = body_str(rq, "kind", &in.kind, e)) ||
        (rc = body_unit(rq, "parent_id", &in.parent, e)) ||
        (rc = body_str(rq, "head_name", &in.head_name, e)) ||
        (rc = body_str(rq, "head_title", &in.head_title, e)) ||
        (rc = body_str(rq, "valid_from", &in.valid_from, e)) ||
        (rc = body_strs(rq, "aliases", &in.aliases, e)))
        return rc;
    if (!in.code)
        return error_set(e, ERR_INVALID, "code", "Thiếu mã đơn vị (code)");
    if (!in.name)
        return error_set(e, ERR_INVALID, "name", "Thiếu tên đơn vị (name)");
    int64_t parent;
    if ((rc = unit_in_scope(rq, in.parent, "parent_id", &parent, e)))
        return rc;
    if (!parent) {
        /* A new root only from an account whose own unit is a root. */
        struct unit_rec own;
        if ((rc = app_unit_get(&rq->app, rq->who.unit_id, &own, e)))
            return rc;
        if (own.parent_id)
            return error_set(e, ERR_FORBIDDEN, "parent_id",
                             "Cần chọn đơn vị cấp trên (parent_id) trong phạm vi của tài khoản");
    }
    int64_t id;
    struct unit_rec u;
    if ((rc = as_member(app_unit_add(&rq->app, &in, &id, e), e, unit_members)) ||
        (rc = app_unit_get(&rq->app, id, &u, e)))
        return rc;
    return created(rp, wire_unit(&u));
}

int api_unit_move(struct request *rq, struct reply *rp, struct error *e)
{
    const char *parent;
    int64_t pid;
    int rc;
    if ((rc = body_unit(rq, "parent_id", &parent, e)) ||
        (rc = app_scope_require(&rq->app, rq->id, "id", e)))
        return rc;
    if (!parent)
        return error_set(e, ERR_INVALID, "parent_id", "Thiếu đơn vị cấp trên mới (parent_id)");
    if ((rc = unit_in_scope(rq, parent, "parent_id", &pid, e)))
        return rc;
    const char *self = arena_printf(rq->app.a, "#%lld", (long long)rq->id);
    struct unit_rec u;
    if ((rc = as_member(app_unit_move(&rq->app, self, parent, e), e, unit_members)) ||
        (rc = app_unit_get(&rq->app, rq->id, &u, e)))
        return rc;
    rp->body = wire_unit(&u);
    return ERR_OK;
}

int api_unit_close(struct request *rq, struct reply *rp, struct error *e)
{
    const char *date, *successor;
    int64_t sid;
    int rc;
    if ((rc = body_str(rq, "date", &date, e)) ||
        (rc = body_unit(rq, "successor_id", &successor, e)) ||
        (rc = app_scope_require(&rq->app, rq->id, "id", e)) ||
        (rc = unit_in_scope(rq, successor, "successor_id", &sid, e)))
        return rc;
    if (rq->id == rq->who.unit_id)
        return error_set(e, ERR_FORBIDDEN, "id", "Không thể đóng đơn vị của chính tài khoản");
    const char *self = arena_printf(rq->app.a, "#%lld", (long long)rq->id);
    struct unit_rec u;
    if ((rc = as_member(app_unit_close(&rq->app, self, date, successor, e), e,
                            unit_members)) ||
        (rc = app_unit_get(&rq->app, rq->id, &u, e)))
        return rc;
    rp->body = wire_unit(&u);
    return ERR_OK;
}

int api_people_create(struct request *rq, struct reply *rp, struct error *e)
{
    struct person_input in = {0};
    int64_t unit;
    int rc;
    if ((rc = body_str(rq, "name", &in.name, e)) ||
        (rc = body_str(rq, "title", &in.title, e)) || (rc = body_unit(rq, "unit_id", &in.unit, e)))
        return rc;
    if (!in.name)
        return error_set(e, ERR_INVALID, "name", "Thiếu họ tên (name)");
    if (!in.unit)
        return error_set(e, ERR_INVALID, "unit_id", "Thiếu đơn vị của cán bộ (unit_id)");
    if ((rc = unit_in_scope(rq, in.unit, "unit_id", &unit, e)))
        return rc;
    int64_t id;
    struct person_rec p;
    if ((rc = as_member(app_person_add(&rq->app, &in, &id, e), e, person_members)) ||
        (rc = app_person_get(&rq->app, id, &p, e)))
        return rc;
    return created(rp, wire_person(&p));
}

/* ---- meetings and documents ---- */

int api_meetings_create(struct request *rq, struct reply *rp, struct error *e)
{
    struct meeting_input in = {0};
    int64_t host;
    int rc;
    if ((rc = body_str(rq, "kind", &in.kind, e)) || (rc = body_str(rq, "title", &in.title, e)) ||
        (rc = body_str(rq, "date", &in.day, e)) ||
        (rc = body_unit(rq, "host_unit_id", &in.host, e)) ||
        (rc = body_str(rq, "chair", &in.chair, e)) ||
        (rc = body_str(rq, "period_from", &in.period_from, e)) ||
        (rc = body_str(rq, "period_to", &in.period_to, e)) ||
        (rc = body_str(rq, "notes", &in.notes, e)) ||
        (rc = body_strs(rq, "attending", &in.attending, e)))
        return rc;
    if (!in.title)
        return error_set(e, ERR_INVALID, "title", "Thiếu tên cuộc họp (title)");
    if (!in.host)
        return error_set(e, ERR_INVALID, "host_unit_id", "Thiếu đơn vị chủ trì họp (host_unit_id)");
    if ((rc = unit_in_scope(rq, in.host, "host_unit_id", &host, e)))
        return rc;
    int64_t id;
    struct meeting_rec m;
    if ((rc = as_member(app_meeting_add(&rq->app, &in, &id, e), e, meeting_members)) ||
        (rc = app_meeting_get(&rq->app, id, &m, e)))
        return rc;
    return created(rp, wire_meeting(&m));
}

int api_documents_create(struct request *rq, struct reply *rp, struct error *e)
{
    struct doc_input in = {0};
    int64_t unit;
    int rc;
    if ((rc = body_str(rq, "direction", &in.direction, e)) ||
        (rc = body_unit(rq, "unit_id", &in.unit, e)) ||
        (rc = body_str(rq, "number", &in.number, e)) || (rc = body_str(rq, "type", &in.type, e)) ||
        (rc = body_str(rq, "issuer", &in.issuer, e)) || (rc = body_str(rq, "date", &in.day, e)) ||
        (rc = body_str(rq, "subject", &in.subject, e)) ||
        (rc = body_unit(rq, "handler_unit_id", &in.handler, e)) ||
        (rc = body_str(rq, "deadline", &in.handle_deadline, e)) ||
        (rc = body_str(rq, "processed", &in.processed, e)) ||
        (rc = body_str(rq, "meeting_id", &in.meeting, e)))
        return rc;
    if (!in.unit)
        return error_set(e, ERR_INVALID, "unit_id", "Thiếu đơn vị có sổ văn bản (unit_id)");
    if (!in.subject)
        return error_set(e, ERR_INVALID, "subject", "Thiếu trích yếu (subject)");
    if ((rc = unit_in_scope(rq, in.unit, "unit_id", &unit, e)))
        return rc;
    int64_t id;
    struct doc_rec d;
    if ((rc = as_member(app_doc_add(&rq->app, &in, &id, e), e, doc_members)) ||
        (rc = app_doc_get(&rq->app, id, &d, e)))
        return rc;
    return created(rp, wire_doc(&d));
}

/* ---- tasks ---- */

static int task_reply(struct request *rq, struct reply *rp, int64_t id, struct error *e)
{
    struct task_view v;
    int rc = app_task_view(&rq->app, id, DAY_NONE, &v, e);
    if (rc)
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    wire_task_view_text(&v, &b);
    rp->bytes = buf_take(&b, &rp->bytes_len);
    snprintf(rp->etag, sizeof rp->etag, "\"%lld\"", (long long)v.t.version);
    return ERR_OK;
}

int api_tasks_create(struct request *rq, struct reply *rp, struct error *e)
{
    struct task_input in = {0};
    int64_t lead, by;
    int rc;
    if ((rc = body_str(rq, "content", &in.content, e)) ||
        (rc = body_unit(rq, "lead_unit", &in.lead, e)) ||
        (rc = body_unit(rq, "assigned_by", &in.assigner, e)) ||
        (rc = body_str(rq, "assigner_person_id", &in.assigner_person, e)) ||
        (rc = body_strs(rq, "coordinating", &in.coordinating, e)) ||
        (rc = body_str(rq, "assigned", &in.assigned, e)) ||
        (rc = body_str(rq, "deadline", &in.deadline, e)) ||
        (rc = body_str(rq, "deadline_time", &in.deadline_time, e)) ||
        (rc = body_str(rq, "notice_id", &in.notice, e)) ||
        (rc = body_str(rq, "meeting_id", &in.meeting, e)) ||
        (rc = body_str(rq, "parent_id", &in.parent, e)) ||
        (rc = body_str(rq, "sector", &in.sector, e)) ||
        (rc = body_bool(rq, "key_task", &in.key_task, e)))
        return rc;
    if (!in.content)
        return error_set(e, ERR_INVALID, "content", "Thiếu nội dung nhiệm vụ (content)");
    if (!in.lead)
        return error_set(e, ERR_INVALID, "lead_unit", "Thiếu đơn vị chủ trì (lead_unit)");
    if ((rc = unit_in_scope(rq, in.lead, "lead_unit", &lead, e)) ||
        (rc = unit_in_scope(rq, in.assigner, "assigned_by", &by, e)))
        return rc;
    int64_t id;
    if ((rc = as_member(app_task_add(&rq->app, &in, &id, e), e, task_members)) ||
        (rc = task_reply(rq, rp, id, e)))
        return rc;
    rp->status = 201;
    return ERR_OK;
}

/* The version named by If-Match: "7", W/"7" or 7; "*" gives 0 (no check). */
static int parse_if_match(struct request *rq, int64_t *version, struct error *e)
{
    const char *h = rq->if_match;
    *version = 0;
    if (!h || !*h) {
        rq->err_status = 428;
        rq->err_code = "precondition_required";
        return error_set(e, ERR_INVALID, "If-Match",
                         "Cần gửi phiên bản nhiệm vụ đang xem (tiêu đề If-Match, lấy từ ETag khi "
                         "tải nhiệm vụ) để không ghi đè thay đổi của người khác");
    }
    if (strcmp(h, "*") == 0)
        return ERR_OK;
    if (strncmp(h, "W/", 2) == 0)
        h += 2;
    char *end;
    long long v = strtoll(h + (*h == '"'), &end, 10);
    if (*h == '"' && *end == '"')
        end++;
    if (v <= 0 || *end)
        return error_set(e, ERR_INVALID, "If-Match",
                         "Tiêu đề If-Match không hợp lệ (cần dạng \"7\" như ETag)");
    *version = v;
    return ERR_OK;
}

int api_task_event(struct request *rq, struct reply *rp, struct error *e)
{
    struct event_input in = {.kind = (enum task_event_kind)rq->arg};
    int rc;
    if ((rc = body_str(rq, "date", &in.day, e)) || (rc = body_str(rq, "note", &in.note, e)) ||
        (rc = body_str(rq, "percent", &in.percent, e)) ||
        (rc = body_str(rq, "deadline", &in.new_deadline, e)) ||
        (rc = body_str(rq, "evidence_doc_id", &in.evidence, e)) ||
        (rc = body_unit(rq, "actor_unit", &in.actor_unit, e)))
        return rc;
    if ((rc = parse_if_match(rq, &in.expect_version, e)))
        return rc;
    if (!in.actor_unit && rq->who.role == ROLE_UNIT)
        in.actor_unit = arena_printf(rq->app.a, "#%lld", (long long)rq->who.unit_id);
    int64_t ev;
    if ((rc = as_member(app_task_event(&rq->app, rq->id, &in, &ev, e), e, event_members)) ||
        (rc = task_reply(rq, rp, rq->id, e)))
        return rc;
    json_object_set_new(rp->body, "event_id", json_integer(ev));
    return ERR_OK;
}

/* ---- reading a conclusion notice: proposals only, nothing written ---- */

/*
 * The tasks a conclusion's text proposes, as `giaoban extract --format json`
 * prints them. `date` is the meeting's day; `unit` the assigning unit, whose
 * subtree is the directory the units are recognised in (it must lie inside
 * the caller's subtree); without it, units are recognised from the text.
 */
int api_extract(struct request *rq, struct reply *rp, struct error *e)
{
    const char *text, *date, *unit;
    int rc;
    if ((rc = body_str(rq, "text", &text, e)) ||
        (rc = body_str(rq, "date", &date, e)) || (rc = body_unit(rq, "unit", &unit, e)))
        return rc;
    if (!text)
        return error_set(e, ERR_INVALID, "text", "Thiếu nội dung văn bản kết luận (text)");
    day_num meeting = DAY_NONE;
    int64_t host = 0;
    if ((rc = app_parse_day(&rq->app, date, true, "date", &meeting, e)) ||
        (rc = unit_in_scope(rq, unit, "unit", &host, e)))
        return rc;
    struct extract_dir *dir = NULL;
    if (host && (rc = app_extract_dir(&rq->app, host, meeting, &dir, NULL, NULL, e)))
        return rc;
    struct extract_result r;
    if (!(rc = extract_tasks(rq->app.a, text, strlen(text), meeting, dir, &r, e)))
        rp->body = wire_extract(&r);
    extract_dir_free(dir);
    return rc;
}
