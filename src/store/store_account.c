/*
 * store/store_account.c - accounts, sessions, API tokens, login throttling
 * and the audit trail (migration 0002_accounts). See the last section of
 * store.h.
 *
 * Secrets never reach this file in the clear: the app hands over argon2id
 * strings and hashes of session ids and tokens. Nothing is deleted: a
 * session or token is revoked, the audit table refuses UPDATE and DELETE.
 */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

int store_account_insert(struct store *s, const struct account_rec *a, int64_t *id,
                         struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO account (username, pw_hash, role, unit_id, disabled,"
                         " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_text(s, st, 1, a->username);
    sql_bind_text(s, st, 2, a->pw_hash);
    sql_bind_text(s, st, 3, a->role);
    sql_bind_int(s, st, 4, a->unit_id);
    sql_bind_int(s, st, 5, a->disabled ? 1 : 0);
    sql_bind_text(s, st, 6, store_now_text(s, now));
    return sql_run_int(s, st, id, e);
}

int store_account_set_password(struct store *s, int64_t id, const char *pw_hash,
                               struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "UPDATE account SET pw_hash = $1 WHERE id = $2 RETURNING id", &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, pw_hash);
    sql_bind_int(s, st, 2, id);
    int64_t got;
    bool found;
    rc = sql_get_int(s, st, &got, &found, e);
    if (!rc && !found)
        rc = error_set(e, ERR_NOT_FOUND, "account", "Không có tài khoản này");
    return rc;
}

int store_account_set_disabled(struct store *s, int64_t id, bool disabled, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "UPDATE account SET disabled = $1 WHERE id = $2 RETURNING id", &st,
                         e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, disabled ? 1 : 0);
    sql_bind_int(s, st, 2, id);
    int64_t got;
    bool found;
    rc = sql_get_int(s, st, &got, &found, e);
    if (!rc && !found)
        rc = error_set(e, ERR_NOT_FOUND, "account", "Không có tài khoản này");
    return rc;
}

#define ACCOUNT_COLS "a.id, a.username, a.pw_hash, a.role, a.unit_id, a.disabled, a.created_at"

static void read_account(struct store *s, struct arena *ar, struct stmt *st, void *out_)
{
    struct account_rec *out = out_;
    out->id = sql_col_int(s, st, 0);
    out->username = sql_col_text(s, ar, st, 1);
    out->pw_hash = sql_col_text(s, ar, st, 2);
    out->role = sql_col_text(s, ar, st, 3);
    out->unit_id = sql_col_int(s, st, 4);
    out->disabled = sql_col_int(s, st, 5) != 0;
    out->created_at = sql_col_text(s, ar, st, 6);
}

static int account_one(struct store *s, struct arena *ar, struct stmt *st,
                       struct account_rec *out, struct error *e)
{
    bool found;
    int rc = sql_get_one(s, ar, st, read_account, out, &found, e);
    if (!rc && !found)
        rc = error_set(e, ERR_NOT_FOUND, "account", "Không có tài khoản này");
    return rc;
}

int store_account_get(struct store *s, struct arena *ar, int64_t id, struct account_rec *out,
                      struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " ACCOUNT_COLS " FROM account a WHERE a.id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    return account_one(s, ar, st, out, e);
}

int store_account_find(struct store *s, struct arena *ar, const char *username,
                       struct account_rec *out, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " ACCOUNT_COLS " FROM account a WHERE a.username = $1", &st,
                         e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, username);
    return account_one(s, ar, st, out, e);
}

int store_account_list(struct store *s, struct arena *ar, struct account_rec **out, size_t *n,
                       struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " ACCOUNT_COLS " FROM account a ORDER BY a.id", &st, e);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, ar, st, sizeof **out, read_account, &list, n, e);
    *out = list;
    return rc;
}

int store_session_insert(struct store *s, const char *id_hash, int64_t account_id,
                         const char *csrf, const char *address, int64_t expires_at,
                         struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO session (id_hash, account_id, csrf, address, created_at,"
                         " expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_text(s, st, 1, id_hash);
    sql_bind_int(s, st, 2, account_id);
    sql_bind_text(s, st, 3, csrf);
    sql_bind_text(s, st, 4, address);
    sql_bind_text(s, st, 5, store_now_text(s, now));
    sql_bind_int(s, st, 6, expires_at);
    return sql_run(s, st, e);
}

static void read_session(struct store *s, struct arena *ar, struct stmt *st, void *out_)
{
    struct session_rec *out = out_;
    out->account_id = sql_col_int(s, st, 0);
    out->csrf = sql_col_text(s, ar, st, 1);
    out->expires_at = sql_col_int(s, st, 2);
    out->revoked = sql_col_int(s, st, 3) != 0;
}

int store_session_get(struct store *s, struct arena *ar, const char *id_hash,
                      struct session_rec *out, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT account_id, csrf, expires_at, revoked FROM session"
                         " WHERE id_hash = $1",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, id_hash);
    bool found;
    rc = sql_get_one(s, ar, st, read_session, out, &found, e);
    if (!rc && !found)
        rc = error_set(e, ERR_NOT_FOUND, "session", "Phiên đăng nhập không tồn tại");
    return rc;
}

int store_session_revoke(struct store *s, const char *id_hash, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "UPDATE session SET revoked = 1 WHERE id_hash = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, id_hash);
    return sql_run(s, st, e);
}

int store_session_revoke_account(struct store *s, int64_t account_id, const char *keep_hash,
                                 struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "UPDATE session SET revoked = 1 WHERE account_id = $1 AND revoked = 0"
                         " AND id_hash <> COALESCE($2, '')",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, account_id);
    sql_bind_text(s, st, 2, keep_hash);
    return sql_run(s, st, e);
}

int store_token_insert(struct store *s, const char *token_hash, int64_t account_id,
                       const char *label, int64_t *id, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO api_token (token_hash, account_id, label, created_at)"
                         " VALUES ($1, $2, $3, $4) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_text(s, st, 1, token_hash);
    sql_bind_int(s, st, 2, account_id);
    sql_bind_text(s, st, 3, label);
    sql_bind_text(s, st, 4, store_now_text(s, now));
    return sql_run_int(s, st, id, e);
}

int store_token_find(struct store *s, const char *token_hash, int64_t *account_id,
                     struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT account_id FROM api_token WHERE token_hash = $1 AND revoked = 0",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, token_hash);
    bool found;
    if ((rc = sql_get_int(s, st, account_id, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "token", "Mã truy cập không hợp lệ");
    return ERR_OK;
}

#define TOKEN_COLS                                                                         \
    "t.id, t.account_id, a.username, a.unit_id, t.label, t.created_at, t.revoked"              \
    " FROM api_token t JOIN account a ON a.id = t.account_id"

static void read_token(struct store *s, struct arena *ar, struct stmt *st, void *out_)
{
    struct token_rec *out = out_;
    out->id = sql_col_int(s, st, 0);
    out->account_id = sql_col_int(s, st, 1);
    out->username = sql_col_text(s, ar, st, 2);
    out->unit_id = sql_col_int(s, st, 3);
    out->label = sql_col_text(s, ar, st, 4);
    out->created_at = sql_col_text(s, ar, st, 5);
    out->revoked = sql_col_int(s, st, 6) != 0;
}

int store_token_list(struct store *s, struct arena *ar, struct token_rec **out, size_t *n,
                     struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " TOKEN_COLS " ORDER BY t.id DESC", &st, e);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, ar, st, sizeof **out, read_token, &list, n, e);
    *out = list;
    return rc;
}

int store_token_get(struct store *s, struct arena *ar, int64_t id, struct token_rec *out,
                    struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " TOKEN_COLS " WHERE t.id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    bool found;
    rc = sql_get_one(s, ar, st, read_token, out, &found, e);
    if (!rc && !found)
        rc = error_set(e, ERR_NOT_FOUND, "id", "Không có mã truy cập số %lld", (long long)id);
    return rc;
}

int store_token_revoke(struct store *s, int64_t id, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "UPDATE api_token SET revoked = 1 WHERE id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    return sql_run(s, st, e);
}

int store_throttle_get(struct store *s, const char *key, int64_t *failures, int64_t *last_at,
                       struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT failures, last_at FROM login_throttle WHERE key = $1", &st,
                         e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, key);
    bool row;
    *failures = 0;
    *last_at = 0;
    rc = sql_step(s, st, &row, e);
    if (!rc && row) {
        *failures = sql_col_int(s, st, 0);
        *last_at = sql_col_int(s, st, 1);
    }
    sql_reset(s, st);
    return rc;
}

int store_throttle_fail(struct store *s, const char *key, int64_t now, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO login_throttle (key, failures, last_at) VALUES ($1, 1, $2)"
                         " ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1,"
                         " last_at = $2",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, key);
    sql_bind_int(s, st, 2, now);
    return sql_run(s, st, e);
}

int store_throttle_clear(struct store *s, const char *key, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "UPDATE login_throttle SET failures = 0 WHERE key = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, key);
    return sql_run(s, st, e);
}

int store_audit_insert(struct store *s, const struct audit_rec *r, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO audit (at, actor, address, action, object_kind, object_id,"
                         " before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_text(s, st, 1, store_now_text(s, now));
    sql_bind_text(s, st, 2, r->actor ? r->actor : "?");
    sql_bind_text(s, st, 3, r->address);
    sql_bind_text(s, st, 4, r->action);
    sql_bind_text(s, st, 5, r->object_kind);
    sql_bind_id(s, st, 6, r->object_id);
    sql_bind_text(s, st, 7, r->before);
    sql_bind_text(s, st, 8, r->after);
    return sql_run(s, st, e);
}

static void read_audit(struct store *s, struct arena *ar, struct stmt *st, void *out_)
{
    struct audit_rec *r = out_;
    r->id = sql_col_int(s, st, 0);
    r->at = sql_col_text(s, ar, st, 1);
    r->actor = sql_col_text(s, ar, st, 2);
    r->address = sql_col_text(s, ar, st, 3);
    r->action = sql_col_text(s, ar, st, 4);
    r->object_kind = sql_col_text(s, ar, st, 5);
    r->object_id = sql_col_id(s, st, 6);
    r->before = sql_col_text(s, ar, st, 7);
    r->after = sql_col_text(s, ar, st, 8);
}

int store_audit_list(struct store *s, struct arena *ar, const char *object_kind,
                     int64_t object_id, const struct unit_set *within, size_t limit,
                     size_t offset, struct audit_rec **out, size_t *n, struct error *e)
{
    struct query q;
    query_init(&q);
    q_sql(&q, "SELECT id, at, actor, address, action, object_kind, object_id, before, after"
              " FROM audit WHERE 1 = 1");
    if (object_kind) {
        q_sql(&q, " AND object_kind = ");
        q_text(&q, object_kind);
    }
    if (object_id) {
        q_sql(&q, " AND object_id = ");
        q_int(&q, object_id);
    }
    if (within) {
        /* Each kind of object by the unit it belongs to, as store.h lists them. */
        static const char *const owners[][2] = {
            {"task", "SELECT id FROM task WHERE lead_unit_id IN "},
            {"task", "SELECT id FROM task WHERE assigner_unit_id IN "},
            {"unit", NULL},
            {"account", "SELECT id FROM account WHERE unit_id IN "},
            {"person", "SELECT id FROM person WHERE unit_id IN "},
            {"meeting", "SELECT id FROM meeting WHERE host_unit_id IN "},
            {"document", "SELECT id FROM document WHERE unit_id IN "},
            {"dossier", "SELECT id FROM dossier WHERE unit_id IN "},
            {"petition", "SELECT id FROM petition WHERE unit_id IN "},
        };
        q_sql(&q, " AND (");
        for (size_t i = 0; i < sizeof owners / sizeof owners[0]; i++) {
            q_sql(&q, i ? " OR (object_kind = " : "(object_kind = ");
            q_text(&q, owners[i][0]);
            q_sql(&q, " AND object_id IN ");
            if (owners[i][1]) {
                q_sql(&q, "(");
                q_sql(&q, owners[i][1]);
                q_set(&q, within);
                q_sql(&q, ")");
            } else {
                q_set(&q, within);
            }
            q_sql(&q, ")");
        }
        q_sql(&q, ")");
    }
    q_sql(&q, " ORDER BY id DESC LIMIT ");
    q_int(&q, (int64_t)(limit ? limit : 100));
    q_sql(&q, " OFFSET ");
    q_int(&q, (int64_t)offset);
    struct stmt *st;
    int rc = q_prepare(s, &q, &st, e);
    query_release(&q);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, ar, st, sizeof **out, read_audit, &list, n, e);
    *out = list;
    return rc;
}
