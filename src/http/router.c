/*
 * http/router.c - the route table and the checks every request passes
 * before its handler: the route (404, 405), the caller (401: a bearer API
 * token, or the session cookie), the CSRF token for a write made with the
 * cookie (403), the role (403), the body's media type (415), syntax (400)
 * and shape (422). Handlers then check what depends on the data: the unit
 * subtree the caller may see (app_scope_require) and the rules of app/.
 *
 * The table is the one place that says which role may do what; the test
 * tests/http/test_http.sh drives every route with every role, and checks
 * that every route is in the OpenAPI document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/body.h"
#include "http/http_int.h"
#include "http/metrics.h" /* router_route_index */
#include "text/normalize.h"
#include "util/num.h"

#define ANY ROLE_ANY
#define ADM ROLE_ADMIN
#define LEAD ROLE_LEADER
#define OFF ROLE_OFFICE
#define UNIT ROLE_UNIT

const struct route http_routes[] = {
    {"GET", "/healthz", api_health, 0, ROUTE_PUBLIC, 0, "liveness, no database", NULL},
    {"GET", "/api/v1/openapi.json", api_openapi, 0, ROUTE_PUBLIC, 0, "this API's description", NULL},
    {"POST", "/api/v1/session", api_session_create, 0, ROUTE_PUBLIC | ROUTE_BODY, 0, "log in", &body_login},
    {"GET", "/api/v1/session", api_session_get, ANY, 0, 0, "who am I", NULL},
    {"DELETE", "/api/v1/session", api_session_delete, ANY, 0, 0, "log out", NULL},
    {"POST", "/api/v1/session/password", api_session_password, ANY, ROUTE_BODY, 0,
     "change one's own password", &body_password_change},
    {"GET", "/api/v1/accounts", api_accounts_list, ADM, 0, 0, "accounts", NULL},
    {"POST", "/api/v1/accounts", api_accounts_create, ADM, ROUTE_BODY, 0, "create an account", &body_account},
    {"POST", "/api/v1/accounts/{id}/password", api_account_password, ADM, ROUTE_BODY, 0,
     "reset an account's password", &body_password_reset},
    {"POST", "/api/v1/accounts/{id}/disable", api_account_disable, ADM, ROUTE_BODY, 0,
     "disable an account", &body_empty},
    {"POST", "/api/v1/accounts/{id}/enable", api_account_enable, ADM, ROUTE_BODY, 0,
     "enable an account again", &body_empty},
    {"GET", "/api/v1/tokens", api_tokens_list, ADM, 0, 0, "API tokens (never their secrets)", NULL},
    {"POST", "/api/v1/tokens", api_tokens_create, ADM, ROUTE_BODY, 0, "create an API token", &body_token},
    {"POST", "/api/v1/tokens/{id}/revoke", api_token_revoke, ADM, ROUTE_BODY, 0,
     "revoke an API token", &body_empty},
    {"GET", "/api/v1/audit", api_audit_list, ADM, 0, 0, "the audit trail", NULL},
    {"GET", "/api/v1/units", api_units_list, ANY, 0, 0, "units", NULL},
    {"POST", "/api/v1/units", api_units_create, ADM, ROUTE_BODY, 0, "create a unit", &body_unit_input},
    {"GET", "/api/v1/units/{id}", api_unit_get, ANY, 0, 0, "one unit", NULL},
    {"POST", "/api/v1/units/{id}/move", api_unit_move, ADM, ROUTE_BODY, 0, "move a unit", &body_unit_move},
    {"POST", "/api/v1/units/{id}/close", api_unit_close, ADM, ROUTE_BODY, 0, "close a unit", &body_unit_close},
    {"GET", "/api/v1/people", api_people_list, ANY, 0, 0, "people", NULL},
    {"POST", "/api/v1/people", api_people_create, ADM | OFF, ROUTE_BODY, 0, "add a person", &body_person},
    {"GET", "/api/v1/meetings", api_meetings_list, ANY, 0, 0, "meetings", NULL},
    {"POST", "/api/v1/meetings", api_meetings_create, ADM | LEAD | OFF, ROUTE_BODY, 0,
     "record a meeting", &body_meeting},
    {"GET", "/api/v1/meetings/{id}", api_meeting_get, ANY, 0, 0, "one meeting", NULL},
    {"GET", "/api/v1/documents", api_documents_list, ANY, 0, 0, "documents", NULL},
    {"POST", "/api/v1/documents", api_documents_create, ADM | LEAD | OFF, ROUTE_BODY, 0,
     "register a document", &body_document},
    {"GET", "/api/v1/documents/{id}", api_document_get, ANY, 0, 0, "one document", NULL},
    {"GET", "/api/v1/tasks", api_tasks_list, ANY, 0, 0, "tasks", NULL},
    {"POST", "/api/v1/tasks", api_tasks_create, ADM | LEAD | OFF, ROUTE_BODY, 0, "assign a task", &body_task},
    {"GET", "/api/v1/tasks/{id}", api_task_get, ANY, 0, 0, "one task with its history", NULL},
    {"POST", "/api/v1/tasks/{id}/progress", api_task_event, ADM | OFF | UNIT, ROUTE_BODY,
     EV_PROGRESS, "report progress", &body_event},
    {"POST", "/api/v1/tasks/{id}/extend", api_task_event, ADM | OFF | UNIT, ROUTE_BODY,
     EV_EXT_REQUEST, "request an extension", &body_event},
    {"POST", "/api/v1/tasks/{id}/approve", api_task_event, ADM | LEAD, ROUTE_BODY,
     EV_EXT_APPROVE, "approve an extension", &body_event},
    {"POST", "/api/v1/tasks/{id}/refuse", api_task_event, ADM | LEAD, ROUTE_BODY, EV_EXT_REFUSE,
     "refuse an extension", &body_event},
    {"POST", "/api/v1/tasks/{id}/done", api_task_event, ADM | OFF | UNIT, ROUTE_BODY,
     EV_DONE_REPORT, "report completion", &body_event},
    {"POST", "/api/v1/tasks/{id}/confirm", api_task_event, ADM | LEAD | OFF, ROUTE_BODY,
     EV_DONE_CONFIRM, "confirm completion", &body_event},
    {"POST", "/api/v1/tasks/{id}/reject", api_task_event, ADM | LEAD | OFF, ROUTE_BODY,
     EV_DONE_REJECT, "refuse a completion", &body_event},
    {"POST", "/api/v1/tasks/{id}/return", api_task_event, ADM | OFF | UNIT, ROUTE_BODY, EV_RETURN,
     "return a task as outside the unit's remit", &body_event},
    {"POST", "/api/v1/tasks/{id}/pause", api_task_event, ADM | LEAD | OFF, ROUTE_BODY, EV_PAUSE,
     "pause", &body_event},
    {"POST", "/api/v1/tasks/{id}/reopen", api_task_event, ADM | LEAD | OFF, ROUTE_BODY,
     EV_REOPEN, "reopen", &body_event},
    {"POST", "/api/v1/tasks/{id}/cancel", api_task_event, ADM | LEAD | OFF, ROUTE_BODY,
     EV_CANCEL, "cancel (never deleted)", &body_event},
    {"GET", "/api/v1/reports/summary", api_report_summary, ANY, 0, 0, "the figures as of a day", NULL},
    {"GET", "/api/v1/reports/documents", api_report_documents, ANY, 0, 0, "document counts", NULL},
    {"GET", "/api/v1/reports/briefing", api_report_briefing, ANY, 0, 0,
     "the monthly briefing report (html, json, xlsx, pdf)", NULL},
    {"POST", "/api/v1/extract", api_extract, ADM | LEAD | OFF, ROUTE_BODY, 0,
     "propose the tasks of a conclusion notice's text", &body_extract},
    {"GET", "/api/v1/search", api_search, ANY, 0, 0, "search without tone marks", NULL},
    {0},
};

/* ---- errors ---- */

static int status_of(enum err_code c)
{
    switch (c) {
    case ERR_OK:        return 200;
    case ERR_INVALID:   return 400;
    case ERR_NOT_FOUND: return 404;
    case ERR_FORBIDDEN: return 403;
    case ERR_CONFLICT:  return 409;
    case ERR_TOO_BIG:   return 413;
    case ERR_STORE:     return 503;
    case ERR_INTERNAL:  return 500;
    }
    return 500;
}

void reply_error(struct request *rq, struct reply *rp, const struct error *e)
{
    enum err_code code = e->code ? e->code : ERR_INTERNAL;
    const char *msg = e->message[0] ? e->message : "Lỗi không rõ nguyên nhân";
    /* A message may quote input cut mid-character: never send invalid UTF-8. */
    if (!text_valid_utf8(msg, strlen(msg)))
        msg = "Dữ liệu gửi lên không hợp lệ";
    const char *field = text_valid_utf8(e->field, strlen(e->field)) ? e->field : "";
    json_t *err = json_object();
    json_object_set_new(err, "code", json_string(rq->err_status && rq->err_code
                                                     ? rq->err_code
                                                     : error_code_name(code)));
    json_object_set_new(err, "message", json_string(msg));
    json_object_set_new(err, "field", field[0] ? json_string(field) : json_null());
    json_t *j = json_object();
    json_object_set_new(j, "error", err);
    if (rp->body)
        json_decref(rp->body);
    rp->body = j;
    rp->raw = NULL;
    free(rp->bytes);
    rp->bytes = NULL;
    rp->content_type = NULL;
    rp->disposition = NULL;
    rp->status = rq->err_status ? rq->err_status : status_of(code);
    rp->etag[0] = '\0';
}

/* An error with a status the code map does not give (401, 405, 415, 422, 428, 429). */
static int fail_with(struct request *rq, int status, const char *code, struct error *e,
                     const char *field, const char *msg)
{
    rq->err_status = status;
    rq->err_code = code;
    return error_set(e, status == 401 || status == 403 || status == 429 ? ERR_FORBIDDEN
                                                                        : ERR_INVALID,
                     field, "%s", msg);
}

/* ---- matching ---- */

/* Does the path fit the pattern? An {id} is digits not starting with 0; *id is -1 when
 * they are beyond 64 bits, so the caller can say so instead of "no such address". */
static bool path_matches(const char *pattern, const char *path, int64_t *id)
{
    while (*pattern && *path) {
        if (strncmp(pattern, "{id}", 4) == 0) {
            if (*path < '1' || *path > '9')
                return false;
            size_t n = strspn(path, "0123456789");
            if (!num_parse_u63(path, n, id))
                *id = -1;
            path += n;
            pattern += 4;
            continue;
        }
        if (*pattern++ != *path++)
            return false;
    }
    return *pattern == '\0' && *path == '\0';
}

int router_route_index(const char *method, const char *path)
{
    for (size_t i = 0; http_routes[i].method; i++) {
        int64_t id = 0;
        if (strcmp(http_routes[i].method, method) == 0 &&
            path_matches(http_routes[i].pattern, path, &id))
            return (int)i;
    }
    return -1;
}

/* ---- the caller ---- */

static int authenticate(struct request *rq, struct error *e)
{
    const char *auth = rq->authorization;
    if (auth && *auth) {
        if (strncasecmp(auth, "Bearer ", 7) != 0)
            return fail_with(rq, 401, "unauthenticated", e, "authorization",
                             "Tiêu đề Authorization phải có dạng 'Bearer MÃ_TRUY_CẬP'");
        int rc = app_token_check(&rq->app, auth + 7, &rq->who, e);
        if (rc == ERR_FORBIDDEN) {
            rq->err_status = 401;
            rq->err_code = "unauthenticated";
        }
        return rc;
    }
    if (rq->cookie_session) {
        const char *csrf = NULL;
        int rc = app_session_check(&rq->app, rq->cookie_session, rq->now, &rq->who, &csrf, e);
        if (rc == ERR_FORBIDDEN) {
            rq->err_status = 401;
            rq->err_code = "unauthenticated";
        }
        if (rc)
            return rc;
        rq->via_cookie = true;
        /* A write made with the cookie must prove it comes from our page. */
        if (strcmp(rq->method, "GET") != 0 &&
            (!rq->csrf_header || !account_secret_equal(rq->csrf_header, csrf)))
            return fail_with(rq, 403, "csrf", e, "X-CSRF-Token",
                             "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang "
                             "và thử lại");
        return ERR_OK;
    }
    return fail_with(rq, 401, "unauthenticated", e, NULL,
                     "Cần đăng nhập (cookie phiên) hoặc mã truy cập (Authorization: Bearer)");
}

/* ---- bodies ---- */

static bool is_json_type(const char *ct)
{
    if (!ct)
        return false;
    size_t n = strlen("application/json");
    return strncasecmp(ct, "application/json", n) == 0 && (ct[n] == '\0' || ct[n] == ';' ||
                                                           ct[n] == ' ');
}

/* Deepest nesting of arrays and objects, counted outside strings; stops past `max`. */
static int json_depth(const char *s, size_t n, int max)
{
    int depth = 0, deepest = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            if (++depth > deepest && (deepest = depth) > max)
                return deepest;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return deepest;
}

static int parse_body(struct request *rq, struct error *e)
{
    if (rq->body_len == 0) {
        rq->json = json_object();
        return ERR_OK;
    }
    if (!is_json_type(rq->content_type))
        return fail_with(rq, 415, "unsupported_media_type", e, "Content-Type",
                         "Nội dung gửi lên phải là JSON (Content-Type: application/json)");
    if (json_depth(rq->body, rq->body_len, HTTP_JSON_MAX_DEPTH) > HTTP_JSON_MAX_DEPTH)
        return fail_with(rq, 422, "invalid", e, NULL,
                         "Dữ liệu JSON lồng nhau quá sâu");
    json_error_t je;
    /* NUL is let through the parser so that body_check() names the member holding it. */
    rq->json = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!rq->json) {
        rq->err_status = 400;
        rq->err_code = "invalid_json";
        return error_set(e, ERR_INVALID, NULL,
                         "Dữ liệu JSON không hợp lệ (dòng %d, cột %d); kiểm tra dấu ngoặc, "
                         "dấu phẩy, dấu nháy và mã UTF-8",
                         je.line, je.column);
    }
    if (!json_is_object(rq->json))
        return fail_with(rq, 422, "invalid", e, NULL,
                         "Nội dung gửi lên phải là một đối tượng JSON ({...})");
    return ERR_OK;
}

/* ---- query parameters, before any handler sees them ---- */

/*
 * The one place query text is checked: a parameter's name and value are
 * valid UTF-8 without NUL or control characters (a search text with a tab
 * once crashed the server deep in a handler), and no parameter is given
 * twice (which of two limits would count?). Each refusal names it.
 */
static int query_check(struct request *rq, struct error *e)
{
    for (size_t i = 0; i < rq->n_query; i++) {
        const struct http_param *p = &rq->query[i];
        bool name_ok = p->name_len == strlen(p->name) && text_valid_utf8(p->name, p->name_len) &&
                       text_find_control(p->name, p->name_len, false) < 0;
        const char *name = name_ok ? p->name : "query";
        if (!name_ok)
            return error_set(e, ERR_INVALID, "query",
                             "Tên tham số truy vấn chứa ký tự không hợp lệ");
        if (p->value_len != strlen(p->value))
            return error_set(e, ERR_INVALID, name, "Tham số %.40s chứa ký tự NUL", name);
        if (!text_valid_utf8(p->value, p->value_len))
            return error_set(e, ERR_INVALID, name,
                             "Tham số %.40s chứa mã UTF-8 không hợp lệ", name);
        if (text_find_control(p->value, p->value_len, false) >= 0)
            return error_set(e, ERR_INVALID, name,
                             "Tham số %.40s chứa ký tự điều khiển (như tab, xuống dòng) không "
                             "được phép",
                             name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(rq->query[j].name, p->name) == 0)
                return error_set(e, ERR_INVALID, name,
                                 "Tham số %.40s chỉ được dùng một lần", name);
    }
    return ERR_OK;
}

/* ---- dispatch ---- */

static int dispatch_authenticated(struct request *rq, const struct route *route,
                                  struct reply *rp, struct error *e);

static int dispatch(struct request *rq, struct reply *rp, struct error *e)
{
    const struct route *route = NULL;
    bool path_known = false;
    for (const struct route *r = http_routes; r->method; r++) {
        int64_t id = 0;
        if (!path_matches(r->pattern, rq->path, &id))
            continue;
        path_known = true;
        if (strcmp(r->method, rq->method) == 0) {
            route = r;
            rq->id = id;
            break;
        }
    }
    if (!route) {
        if (path_known)
            return fail_with(rq, 405, "method_not_allowed", e, NULL,
                             "Phương thức này không dùng được cho địa chỉ này");
        rq->err_status = 404;
        rq->err_code = "not_found";
        return error_set(e, ERR_NOT_FOUND, NULL, "Không có địa chỉ này trong API");
    }
    rq->arg = route->arg;
    int rc;
    if ((rc = query_check(rq, e)))
        return rc;
    if (rq->id < 0) {
        /* No record has such a number: the same answer as for a missing one. */
        rq->err_status = 404;
        rq->err_code = "not_found";
        return error_set(e, ERR_NOT_FOUND, "id", "Không có bản ghi mang số này (số quá lớn)");
    }
    /* A read sees one snapshot (a page's total and its rows agree), and on SQLite takes the
     * database's read lock once instead of once per statement. */
    bool reading = strcmp(rq->method, "GET") == 0 && !(route->flags & ROUTE_PUBLIC);
    if (reading && (rc = app_read_begin(&rq->app, e)))
        return rc;
    rc = dispatch_authenticated(rq, route, rp, e);
    if (reading)
        app_read_end(&rq->app);
    return rc;
}

static int dispatch_authenticated(struct request *rq, const struct route *route,
                                  struct reply *rp, struct error *e)
{
    int rc;
    if (!(route->flags & ROUTE_PUBLIC)) {
        if ((rc = authenticate(rq, e)))
            return rc;
        if (!(route->roles & rq->who.role))
            return error_set(e, ERR_FORBIDDEN, "role",
                             "Tài khoản có vai trò '%s' không được làm việc này",
                             account_role_name(rq->who.role));
        rq->app.actor = rq->who.username;
        rq->app.scope_unit = rq->who.unit_id;
        rq->app.scope_lead_only = rq->who.role == ROLE_UNIT;
    }
    if ((route->flags & ROUTE_BODY) &&
        ((rc = parse_body(rq, e)) || (rc = body_check(rq, route->body, e))))
        return rc;
    return route->fn(rq, rp, e);
}

void router_dispatch(struct request *rq, struct reply *rp)
{
    struct error e = ERROR_INIT;
    if (dispatch(rq, rp, &e))
        reply_error(rq, rp, &e);
    if (rq->json) {
        json_decref(rq->json);
        rq->json = NULL;
    }
}

/* ---- query parameters ---- */

const char *query_get(const struct request *rq, const char *name)
{
    for (size_t i = rq->n_query; i-- > 0;)
        if (strcmp(rq->query[i].name, name) == 0)
            return rq->query[i].value;
    return NULL;
}

static bool in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0)
            return true;
        p += len + (end ? 1 : 0);
    }
    return false;
}

int query_allow(struct request *rq, const char *allowed, struct error *e)
{
    for (size_t i = 0; i < rq->n_query; i++)
        if (!in_list(allowed, rq->query[i].name))
            return error_set(e, ERR_INVALID, rq->query[i].name,
                             *allowed ? "Tham số '%.40s' không dùng được ở đây; dùng: %s"
                                      : "Tham số '%.40s' không dùng được ở đây; địa chỉ này "
                                        "không nhận tham số nào%s",
                             rq->query[i].name, allowed);
    return ERR_OK;
}

int query_bool(struct request *rq, const char *name, bool *out, struct error *e)
{
    const char *v = query_get(rq, name);
    *out = false;
    if (!v || !*v || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
        return ERR_OK;
    if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0) {
        *out = true;
        return ERR_OK;
    }
    return error_set(e, ERR_INVALID, name, "Tham số %s phải là true hoặc false", name);
}

int query_size(struct request *rq, const char *name, size_t def, size_t max, size_t *out,
               struct error *e)
{
    const char *v = query_get(rq, name);
    *out = def;
    if (!v)
        return ERR_OK;
    int64_t x;
    if (!num_parse_u63z(v, &x) || (uint64_t)x > max)
        return error_set(e, ERR_INVALID, name, "Tham số %s phải là số từ 0 đến %zu", name, max);
    *out = (size_t)x;
    return ERR_OK;
}

int query_id(struct request *rq, const char *name, int64_t *out, struct error *e)
{
    const char *v = query_get(rq, name);
    *out = 0;
    if (!v)
        return ERR_OK;
    int64_t x;
    if (!num_parse_u63z(v, &x) || x <= 0)
        return error_set(e, ERR_INVALID, name, "Tham số %s phải là mã số dương", name);
    *out = x;
    return ERR_OK;
}

