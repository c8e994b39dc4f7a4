/*
 * http/api_account.c - logging in and out, changing one's password,
 * accounts (create, reset a password, disable, enable), API tokens (create,
 * list, revoke), and reading the audit trail.
 *
 * The session cookie is HttpOnly, SameSite=Strict, Path=/, and Secure when
 * the server is told it sits behind TLS (--secure-cookie). Its CSRF token
 * is given once, in the login answer and in GET /api/v1/session, and must
 * come back as X-CSRF-Token on every write made with the cookie. Wrong
 * credentials are 401 with one message whatever was wrong; too many of
 * them 429 with Retry-After.
 */
#include <stdio.h>
#include <string.h>

#include "http/body.h"
#include "http/http_int.h"

#define COOKIE_NAME "gb_session"

static json_t *account_json(const struct account *a)
{
    return json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)a->id, "username", a->username,
                     "role", account_role_name(a->role), "unit_id", (json_int_t)a->unit_id);
}

/* The server's day (Asia/Ho_Chi_Minh) and instant: the page takes today from here, never
 * from the PC's clock, and `soon_days` for its "sắp đến hạn". */
static void clock_json(const struct request *rq, json_t *j)
{
    char iso[16];
    json_object_set_new(j, "today", json_string(day_format_iso(rq->app.today, iso)));
    json_object_set_new(j, "server_time", json_integer(rq->now));
    json_object_set_new(j, "soon_days", json_integer(rq->app.soon_days));
}

int api_session_create(struct request *rq, struct reply *rp, struct error *e)
{
    const char *user, *pass;
    int rc;
    if ((rc = body_str(rq, "username", &user, e)) || (rc = body_str(rq, "password", &pass, e)))
        return rc;
    struct login lg;
    rq->app.actor = user && strlen(user) <= 64 ? user : "?";
    if ((rc = app_login(&rq->app, user, pass, rq->now, &lg, e))) {
        if (rc == ERR_FORBIDDEN) {
            rq->err_status = lg.retry_after > 0 ? 429 : 401;
            rq->err_code = lg.retry_after > 0 ? "too_many_requests" : "unauthenticated";
            rp->retry_after = lg.retry_after;
        }
        return rc;
    }
    rp->set_cookie = arena_printf(rq->app.a,
                                  COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict; "
                                              "Max-Age=%d%s",
                                  lg.session, SESSION_TTL, rq->secure ? "; Secure" : "");
    json_t *j = json_object();
    json_object_set_new(j, "csrf_token", json_string(lg.csrf));
    json_object_set_new(j, "expires_in", json_integer(SESSION_TTL));
    json_object_set_new(j, "account", account_json(&lg.who));
    clock_json(rq, j);
    rp->status = 201;
    rp->body = j;
    return ERR_OK;
}

int api_session_get(struct request *rq, struct reply *rp, struct error *e)
{
    int rc = query_allow(rq, "", e);
    if (rc)
        return rc;
    json_t *j = json_object();
    json_object_set_new(j, "account", account_json(&rq->who));
    json_object_set_new(j, "via", json_string(rq->via_cookie ? "cookie" : "token"));
    clock_json(rq, j);
    if (rq->via_cookie) {
        const char *csrf = NULL;
        struct account who;
        if ((rc = app_session_check(&rq->app, rq->cookie_session, rq->now, &who, &csrf, e))) {
            json_decref(j);
            return rc;
        }
        json_object_set_new(j, "csrf_token", json_string(csrf));
    }
    rp->body = j;
    return ERR_OK;
}

int api_session_delete(struct request *rq, struct reply *rp, struct error *e)
{
    int rc;
    if (rq->via_cookie && (rc = app_logout(&rq->app, rq->cookie_session, e)))
        return rc;
    rp->set_cookie = arena_printf(rq->app.a,
                                  COOKIE_NAME "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                                  rq->secure ? "; Secure" : "");
    rp->status = 204;
    return ERR_OK;
}

int api_session_password(struct request *rq, struct reply *rp, struct error *e)
{
    const char *old_pw, *new_pw;
    int rc;
    if ((rc = body_str(rq, "old_password", &old_pw, e)) ||
        (rc = body_str(rq, "new_password", &new_pw, e)))
        return rc;
    if (!old_pw || !*old_pw)
        return error_set(e, ERR_INVALID, "old_password", "Cần nhập mật khẩu hiện tại");
    int wait;
    if ((rc = app_account_set_password(&rq->app, rq->who.username, old_pw, new_pw,
                                       rq->via_cookie ? rq->cookie_session : NULL, rq->now,
                                       &wait, e))) {
        if (rc == ERR_FORBIDDEN && wait > 0) {
            rq->err_status = 429;
            rq->err_code = "too_many_requests";
            rp->retry_after = wait;
        }
        return rc;
    }
    rp->status = 204;
    return ERR_OK;
}

/* The account of the path's {id}, which must lie within the caller's subtree. */
static int account_in_scope(struct request *rq, struct account_rec *a, struct error *e)
{
    return app_account_rec_get(&rq->app, rq->id, a, e);
}

int api_account_password(struct request *rq, struct reply *rp, struct error *e)
{
    const char *new_pw;
    struct account_rec a;
    int rc;
    if ((rc = body_str(rq, "new_password", &new_pw, e)) || (rc = account_in_scope(rq, &a, e)))
        return rc;
    if (a.id == rq->who.id)
        return error_set(e, ERR_FORBIDDEN, "id",
                         "Để đổi mật khẩu của chính mình, hãy dùng trang Đổi mật khẩu (cần "
                         "mật khẩu hiện tại)");
    if ((rc = app_account_set_password(&rq->app, a.username, NULL, new_pw, NULL, rq->now, NULL,
                                       e)))
        return rc;
    rp->status = 204;
    return ERR_OK;
}

static int account_set_disabled(struct request *rq, struct reply *rp, bool disabled,
                                struct error *e)
{
    struct account_rec a;
    int rc;
    if ((rc = account_in_scope(rq, &a, e)))
        return rc;
    if (a.id == rq->who.id)
        return error_set(e, ERR_FORBIDDEN, "id", "Không thể tự khóa tài khoản của chính mình");
    if ((rc = app_account_set_disabled(&rq->app, a.id, disabled, e)) ||
        (rc = app_account_rec_get(&rq->app, a.id, &a, e)))
        return rc;
    rp->body = wire_account(&a);
    return ERR_OK;
}

int api_account_disable(struct request *rq, struct reply *rp, struct error *e)
{
    return account_set_disabled(rq, rp, true, e);
}

int api_account_enable(struct request *rq, struct reply *rp, struct error *e)
{
    return account_set_disabled(rq, rp, false, e);
}

int api_accounts_list(struct request *rq, struct reply *rp, struct error *e)
{
    struct account_rec *a;
    size_t n;
    int rc;
    if ((rc = query_allow(rq, "", e)) || (rc = app_account_list(&rq->app, &a, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, wire_account(&a[i]));
    rp->body = wire_list(arr, n);
    return ERR_OK;
}

int api_accounts_create(struct request *rq, struct reply *rp, struct error *e)
{
    const char *user, *pass, *role, *unit;
    int64_t uid;
    int rc;
    if ((rc = body_str(rq, "username", &user, e)) || (rc = body_str(rq, "password", &pass, e)) ||
        (rc = body_str(rq, "role", &role, e)) || (rc = body_unit(rq, "unit_id", &unit, e)))
        return rc;
    if (!unit)
        return error_set(e, ERR_INVALID, "unit_id", "Thiếu đơn vị của tài khoản (unit_id)");
    if ((rc = app_unit_resolve(&rq->app, unit, "unit_id", &uid, e)) ||
        (rc = app_scope_require(&rq->app, uid, "unit_id", e)))
        return rc;
    int64_t id;
    struct account_rec a;
    if ((rc = app_account_add(&rq->app, user, pass, role, unit, &id, e)) ||
        (rc = app_account_rec_get(&rq->app, id, &a, e)))
        return rc;
    rp->status = 201;
    rp->body = wire_account(&a);
    return ERR_OK;
}

int api_tokens_create(struct request *rq, struct reply *rp, struct error *e)
{
    const char *user, *label, *token;
    struct account_rec a;
    int rc;
    if ((rc = body_str(rq, "username", &user, e)) ||
        (rc = body_str(rq, "label", &label, e)))
        return rc;
    if (!user)
        return error_set(e, ERR_INVALID, "username", "Thiếu tên đăng nhập (username)");
    if ((rc = app_account_rec_find(&rq->app, user, "username", &a, e)) ||
        (rc = app_token_create(&rq->app, user, label, &token, e)))
        return rc;
    rp->status = 201;
    rp->body = json_pack("{s:s,s:s}", "token", token, "username", a.username);
    return ERR_OK;
}

static json_t *token_json(const struct token_rec *t)
{
    return json_pack("{s:I,s:I,s:s,s:s?,s:s,s:b}", "id", (json_int_t)t->id, "account_id",
                     (json_int_t)t->account_id, "username", t->username, "label", t->label,
                     "created_at", t->created_at, "revoked", t->revoked);
}

int api_tokens_list(struct request *rq, struct reply *rp, struct error *e)
{
    struct token_rec *t;
    size_t n;
    int rc;
    if ((rc = query_allow(rq, "", e)) || (rc = app_token_list(&rq->app, &t, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, token_json(&t[i]));
    rp->body = wire_list(arr, n);
    return ERR_OK;
}

int api_token_revoke(struct request *rq, struct reply *rp, struct error *e)
{
    struct token_rec t;
    int rc;
    if ((rc = app_token_get(&rq->app, rq->id, &t, e)) ||
        (rc = app_token_revoke(&rq->app, rq->id, e)) ||
        (rc = app_token_get(&rq->app, rq->id, &t, e)))
        return rc;
    rp->body = token_json(&t);
    return ERR_OK;
}

int api_audit_list(struct request *rq, struct reply *rp, struct error *e)
{
    size_t limit, offset;
    int64_t oid = 0;
    int rc;
    if ((rc = query_allow(rq, "object_kind,object_id,limit,offset", e)) ||
        (rc = query_size(rq, "limit", 100, 1000, &limit, e)) ||
        (rc = query_size(rq, "offset", 0, 100000000, &offset, e)) ||
        (rc = query_id(rq, "object_id", &oid, e)))
        return rc;
    struct audit_rec *r;
    size_t n;
    if ((rc = app_audit_list(&rq->app, query_get(rq, "object_kind"), oid, limit ? limit : 100,
                             offset, &r, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, wire_audit(&r[i]));
    rp->body = wire_list(arr, n);
    return ERR_OK;
}
