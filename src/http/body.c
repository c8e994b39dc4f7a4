/*
 * http/body.c - the request bodies' descriptions, their check and their
 * OpenAPI schemas. See body.h.
 */
#include "http/body.h"

#include <string.h>

#include "http/http_int.h"
#include "util/buf.h"

#define UNIT_DOC "mã số, mã hoặc tên đơn vị"
#define DATE_DOC "YYYY-MM-DD (hoặc dd/mm/yyyy)"
#define NONE_DOC "; null: không có"

/* ---- the descriptions ---- */

static const struct body_member no_members[] = {{0}};
const struct body_schema body_empty = {"EmptyInput", no_members};

static const struct body_member login_members[] = {
    {"username", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"password", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {0}};
const struct body_schema body_login = {"LoginInput", login_members};

static const struct body_member password_change_members[] = {
    {"old_password", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"new_password", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {0}};
const struct body_schema body_password_change = {"PasswordChangeInput", password_change_members};

static const struct body_member password_reset_members[] = {
    {"new_password", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL}, {0}};
const struct body_schema body_password_reset = {"PasswordResetInput", password_reset_members};

static const struct body_member account_members[] = {
    {"username", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"password", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"role", BODY_TEXT, BODY_REQUIRED, 0, 0, "admin, leader, office, unit hoặc viewer"},
    {"unit_id", BODY_UNIT, BODY_REQUIRED, 0, 0, UNIT_DOC},
    {0}};
const struct body_schema body_account = {"AccountInput", account_members};

static const struct body_member token_members[] = {
    {"username", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL}, {"label", BODY_TEXT, 0, 0, 0, NULL}, {0}};
const struct body_schema body_token = {"TokenInput", token_members};

static const struct body_member unit_members[] = {
    {"code", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"name", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"short_name", BODY_TEXT, 0, 0, 0, NULL},
    {"kind", BODY_TEXT, 0, 0, 0, NULL},
    {"parent_id", BODY_UNIT, BODY_NULLABLE, 0, 0, UNIT_DOC NONE_DOC " (đơn vị gốc)"},
    {"head_name", BODY_TEXT, 0, 0, 0, NULL},
    {"head_title", BODY_TEXT, 0, 0, 0, NULL},
    {"valid_from", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC},
    {"aliases", BODY_TEXTS, 0, 0, 0, NULL},
    {0}};
const struct body_schema body_unit_input = {"UnitInput", unit_members};

static const struct body_member unit_move_members[] = {
    {"parent_id", BODY_UNIT, BODY_REQUIRED, 0, 0, UNIT_DOC}, {0}};
const struct body_schema body_unit_move = {"UnitMoveInput", unit_move_members};

static const struct body_member unit_close_members[] = {
    {"date", BODY_DATE, BODY_REQUIRED, 0, 0, DATE_DOC},
    {"successor_id", BODY_UNIT, BODY_NULLABLE, 0, 0, UNIT_DOC NONE_DOC " (giải thể)"},
    {0}};
const struct body_schema body_unit_close = {"UnitCloseInput", unit_close_members};

static const struct body_member person_members[] = {
    {"name", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"title", BODY_TEXT, 0, 0, 0, NULL},
    {"unit_id", BODY_UNIT, BODY_REQUIRED, 0, 0, UNIT_DOC},
    {0}};
const struct body_schema body_person = {"PersonInput", person_members};

static const struct body_member meeting_members[] = {
    {"kind", BODY_TEXT, 0, 0, 0, NULL},
    {"title", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"date", BODY_DATE, BODY_REQUIRED, 0, 0, DATE_DOC},
    {"host_unit_id", BODY_UNIT, BODY_REQUIRED, 0, 0, UNIT_DOC},
    {"chair", BODY_TEXT, 0, 0, 0, NULL},
    {"period_from", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC},
    {"period_to", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC},
    {"notes", BODY_TEXT, 0, 0, 0, NULL},
    {"attending", BODY_UNITS, 0, 0, 0, "các đơn vị dự họp: " UNIT_DOC},
    {0}};
const struct body_schema body_meeting = {"MeetingInput", meeting_members};

static const struct body_member document_members[] = {
    {"direction", BODY_TEXT, BODY_REQUIRED, 0, 0, "in (đến) hoặc out (đi)"},
    {"unit_id", BODY_UNIT, BODY_REQUIRED, 0, 0, UNIT_DOC},
    {"number", BODY_TEXT, 0, 0, 0, NULL},
    {"type", BODY_TEXT, 0, 0, 0, NULL},
    {"issuer", BODY_TEXT, 0, 0, 0, NULL},
    {"date", BODY_DATE, BODY_REQUIRED, 0, 0, DATE_DOC},
    {"subject", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"handler_unit_id", BODY_UNIT, BODY_NULLABLE, 0, 0, UNIT_DOC NONE_DOC},
    {"deadline", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC},
    {"processed", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC},
    {"meeting_id", BODY_ID, BODY_NULLABLE, 0, 0, "cuộc họp mà văn bản kết luận" NONE_DOC},
    {0}};
const struct body_schema body_document = {"DocumentInput", document_members};

static const struct body_member task_members[] = {
    {"content", BODY_TEXT, BODY_REQUIRED, 0, 0, NULL},
    {"lead_unit", BODY_UNIT, BODY_REQUIRED, 0, 0, UNIT_DOC},
    {"assigned_by", BODY_UNIT, BODY_NULLABLE, 0, 0, UNIT_DOC NONE_DOC},
    {"assigner_person_id", BODY_ID, BODY_NULLABLE, 0, 0, NULL},
    {"coordinating", BODY_UNITS, 0, 0, 0, "các đơn vị phối hợp: " UNIT_DOC},
    {"assigned", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC " (hôm nay)"},
    {"deadline", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC " (nhiệm vụ thường xuyên)"},
    {"deadline_time", BODY_TIME, BODY_NULLABLE, 0, 0, "giờ của thời hạn, HH:MM" NONE_DOC},
    {"notice_id", BODY_ID, BODY_NULLABLE, 0, 0, "mã số văn bản thông báo kết luận" NONE_DOC},
    {"meeting_id", BODY_ID, BODY_NULLABLE, 0, 0, NULL},
    {"parent_id", BODY_ID, BODY_NULLABLE, 0, 0, "nhiệm vụ gốc" NONE_DOC},
    {"sector", BODY_TEXT, 0, 0, 0, NULL},
    {"key_task", BODY_BOOL, 0, 0, 0, NULL},
    {0}};
const struct body_schema body_task = {"TaskInput", task_members};

static const struct body_member event_members[] = {
    {"date", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC " (hôm nay)"},
    {"note", BODY_TEXT, 0, 0, 0, NULL},
    {"percent", BODY_INT, 0, 0, 100, NULL},
    {"deadline", BODY_DATE, BODY_NULLABLE, 0, 0, DATE_DOC NONE_DOC},
    {"evidence_doc_id", BODY_ID, BODY_NULLABLE, 0, 0, "văn bản báo cáo kết quả" NONE_DOC},
    {"actor_unit", BODY_UNIT, BODY_NULLABLE, 0, 0, UNIT_DOC NONE_DOC},
    {0}};
const struct body_schema body_event = {"EventInput", event_members};

static const struct body_member extract_members[] = {
    {"text", BODY_TEXT, BODY_REQUIRED, 0, 0,
     "Văn bản kết luận (UTF-8; tối đa theo giới hạn nội dung của máy chủ)"},
    {"date", BODY_DATE, BODY_NULLABLE, 0, 0,
     "Ngày họp: thời hạn không ghi năm được tính theo ngày này"},
    {"unit", BODY_UNIT, BODY_NULLABLE, 0, 0,
     "Đơn vị giao việc: đơn vị chủ trì được nhận ra trong các đơn vị trực thuộc"},
    {0}};
const struct body_schema body_extract = {"ExtractInput", extract_members};

const struct body_schema *const body_schemas[] = {
    &body_empty,      &body_login,  &body_password_change, &body_password_reset,
    &body_account,    &body_token,  &body_unit_input,      &body_unit_move,
    &body_unit_close, &body_person, &body_meeting,         &body_document,
    &body_task,       &body_event,  &body_extract,         NULL};

/* ---- the check ---- */

static const struct body_member *member_of(const struct body_schema *schema, const char *name)
{
    for (const struct body_member *m = schema->members; m->name; m++)
        if (strcmp(m->name, name) == 0)
            return m;
    return NULL;
}

static int shape_error(struct request *rq, const char *field, struct error *e, const char *what)
{
    rq->err_status = 422;
    rq->err_code = "invalid";
    return error_set(e, ERR_INVALID, field, "Trường '%s' phải là %s", field, what);
}

static bool is_text(json_t *v)
{
    return json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v);
}

static bool is_id(json_t *v)
{
    return json_is_integer(v) && json_integer_value(v) > 0;
}

static bool is_unit(json_t *v)
{
    return is_id(v) || (is_text(v) && json_string_length(v) > 0);
}

/* What a value of `m` must be, in the words of the message; NULL when `v` is one. */
static const char *value_fault(const struct body_member *m, json_t *v)
{
    switch (m->type) {
    case BODY_TEXT:
        return is_text(v) ? NULL : "chuỗi ký tự (không chứa ký tự NUL)";
    case BODY_DATE:
        return is_text(v) && json_string_length(v) > 0 ? NULL
                                                       : "ngày dạng chuỗi \"YYYY-MM-DD\" "
                                                         "(bỏ trường hoặc gửi null nếu không có)";
    case BODY_TIME:
        return is_text(v) && json_string_length(v) > 0 ? NULL : "giờ dạng chuỗi \"HH:MM\"";
    case BODY_ID:
        return is_id(v) ? NULL : "mã số (số nguyên dương, không đặt trong dấu nháy)";
    case BODY_INT:
        return json_is_integer(v) && json_integer_value(v) >= m->min &&
                       json_integer_value(v) <= m->max
                   ? NULL
                   : "số nguyên trong khoảng cho phép";
    case BODY_BOOL:
        return json_is_boolean(v) ? NULL : "true hoặc false";
    case BODY_UNIT:
        return is_unit(v) ? NULL : "mã số đơn vị (số nguyên dương) hoặc mã, tên đơn vị";
    case BODY_UNITS:
    case BODY_TEXTS: {
        const char *what = m->type == BODY_UNITS ? "mảng các mã số, mã hoặc tên đơn vị (tối đa 200)"
                                                 : "mảng chuỗi ký tự (tối đa 200)";
        if (!json_is_array(v) || json_array_size(v) > BODY_ARRAY_MAX)
            return what;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (m->type == BODY_UNITS ? !is_unit(x) : !is_text(x))
                return what;
        }
        return NULL;
    }
    }
    return "giá trị hợp lệ";
}

int body_check(struct request *rq, const struct body_schema *schema, struct error *e)
{
    const char *key;
    json_t *v;
    json_object_foreach(rq->json, key, v)
    {
        const struct body_member *m = member_of(schema, key);
        if (!m) {
            struct buf names = BUF_INIT(512);
            for (const struct body_member *k = schema->members; k->name; k++)
                buf_addf(&names, "%s%s", k == schema->members ? "" : ", ", k->name);
            rq->err_status = 422;
            rq->err_code = "unknown_field";
            /* `key` is valid UTF-8 (the parser checked it) but may hold anything: quote it
             * only when it is plain. */
            bool plain = *key && strlen(key) < 40 &&
                         key[strspn(key, "abcdefghijklmnopqrstuvwxyz_0123456789")] == '\0';
            error_set(e, ERR_INVALID, plain ? key : "body",
                      names.len ? "Trường '%s' không có trong API; dùng: %s"
                                : "Trường '%s' không có trong API; thao tác này không nhận "
                                  "trường nào (gửi {})%s",
                      plain ? key : "?", names.len ? names.data : "");
            buf_release(&names);
            return ERR_INVALID;
        }
        if (json_is_null(v)) {
            if (m->flags & BODY_NULLABLE)
                continue;
            rq->err_status = 422;
            rq->err_code = "invalid";
            return error_set(e, ERR_INVALID, m->name,
                             "Trường '%s' không nhận null; bỏ trường này nếu không có giá trị",
                             m->name);
        }
        const char *what = value_fault(m, v);
        if (what) {
            if (m->type == BODY_INT && json_is_integer(v))
                return shape_error(rq, m->name, e,
                                   m->max == 100 && m->min == 0 ? "số nguyên từ 0 đến 100" : what);
            return shape_error(rq, m->name, e, what);
        }
    }
    return ERR_OK;
}

/* ---- the OpenAPI schema ---- */

static json_t *unit_json(void)
{
    return json_pack("{s:[{s:s,s:i},{s:s,s:i}]}", "anyOf", "type", "integer", "minimum", 1, "type",
                     "string", "minLength", 1);
}

static json_t *member_json(const struct body_member *m)
{
    json_t *j;
    switch (m->type) {
    case BODY_TEXT:
        j = json_pack("{s:s}", "type", "string");
        break;
    case BODY_DATE:
        j = json_pack("{s:s,s:s,s:i}", "type", "string", "format", "date", "minLength", 1);
        break;
    case BODY_TIME:
        j = json_pack("{s:s,s:s,s:i}", "type", "string", "example", "14:00", "minLength", 1);
        break;
    case BODY_ID:
        j = json_pack("{s:s,s:i}", "type", "integer", "minimum", 1);
        break;
    case BODY_INT:
        j = json_pack("{s:s,s:I,s:I}", "type", "integer", "minimum", (json_int_t)m->min, "maximum",
                      (json_int_t)m->max);
        break;
    case BODY_BOOL:
        j = json_pack("{s:s}", "type", "boolean");
        break;
    case BODY_UNIT:
        j = unit_json();
        break;
    case BODY_UNITS:
        j = json_pack("{s:s,s:o,s:i}", "type", "array", "items", unit_json(), "maxItems",
                      BODY_ARRAY_MAX);
        break;
    case BODY_TEXTS:
    default:
        j = json_pack("{s:s,s:{s:s},s:i}", "type", "array", "items", "type", "string", "maxItems",
                      BODY_ARRAY_MAX);
        break;
    }
    if (m->flags & BODY_NULLABLE)
        json_object_set_new(j, "nullable", json_true());
    if (m->description)
        json_object_set_new(j, "description", json_string(m->description));
    return j;
}

json_t *body_schema_json(const struct body_schema *schema)
{
    json_t *props = json_object(), *required = json_array();
    for (const struct body_member *m = schema->members; m->name; m++) {
        json_object_set_new(props, m->name, member_json(m));
        if (m->flags & BODY_REQUIRED)
            json_array_append_new(required, json_string(m->name));
    }
    json_t *j = json_pack("{s:s,s:o,s:b}", "type", "object", "properties", props,
                          "additionalProperties", 0);
    if (json_array_size(required))
        json_object_set_new(j, "required", required);
    else
        json_decref(required);
    return j;
}

/* ---- readers ---- */

static json_t *member_value(struct request *rq, const char *name)
{
    json_t *v = json_object_get(rq->json, name);
    return v && !json_is_null(v) ? v : NULL;
}

static const char *scalar_text(struct request *rq, json_t *v)
{
    if (json_is_string(v))
        return arena_strndup(rq->app.a, json_string_value(v), json_string_length(v));
    if (json_is_integer(v))
        return arena_printf(rq->app.a, "%lld", (long long)json_integer_value(v));
    return NULL;
}

static const char *unit_text(struct request *rq, json_t *v)
{
    if (json_is_integer(v))
        return arena_printf(rq->app.a, "#%lld", (long long)json_integer_value(v));
    return scalar_text(rq, v);
}

/* A reader asked for a member of a type body_check() did not let through: a handler's bug. */
static int reader_error(struct request *rq, const char *name, struct error *e)
{
    return shape_error(rq, name, e, "giá trị đúng kiểu");
}

int body_str(struct request *rq, const char *name, const char **out, struct error *e)
{
    json_t *v = member_value(rq, name);
    *out = NULL;
    if (v && !(*out = scalar_text(rq, v)))
        return reader_error(rq, name, e);
    return ERR_OK;
}

int body_unit(struct request *rq, const char *name, const char **out, struct error *e)
{
    json_t *v = member_value(rq, name);
    *out = NULL;
    if (v && !(*out = unit_text(rq, v)))
        return reader_error(rq, name, e);
    return ERR_OK;
}

int body_bool(struct request *rq, const char *name, bool *out, struct error *e)
{
    json_t *v = member_value(rq, name);
    *out = false;
    if (v && !json_is_boolean(v))
        return reader_error(rq, name, e);
    *out = v && json_is_true(v);
    return ERR_OK;
}

int body_strs(struct request *rq, const char *name, const char ***out, struct error *e)
{
    json_t *v = member_value(rq, name);
    *out = NULL;
    if (!v)
        return ERR_OK;
    if (!json_is_array(v))
        return reader_error(rq, name, e);
    size_t n = json_array_size(v);
    const char **list = arena_alloc(rq->app.a, (n + 1) * sizeof *list);
    for (size_t i = 0; i < n; i++)
        if (!(list[i] = unit_text(rq, json_array_get(v, i))))
            return reader_error(rq, name, e);
    list[n] = NULL;
    *out = list;
    return ERR_OK;
}
