/*
 * app/app_account.c - accounts, logins, sessions, API tokens, and the audit
 * trail every write of the app appends to. See account.h and app_int.h.
 *
 * The slow part of a login (argon2id, tens of milliseconds and 19 MiB by
 * design) runs outside any transaction, so a login never holds the SQLite
 * write lock; only its outcome (session, failure count, audit entry) is
 * written, in one transaction. An unknown username costs the same hash as
 * a known one, so timing does not tell which usernames exist.
 */
#include "app/account.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/app_int.h"
#include "util/buf.h"

/* argon2id cost: OWASP's minimum (19 MiB, 2 passes); a login stays near 50 ms. */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u << 20)

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void sodium_setup(void)
{
    if (sodium_init() < 0)
        BUG("sodium_init failed");
    /* A hash to verify against when the username is unknown (same cost). */
    if (crypto_pwhash_str_alg(dummy_hash, "not a password", 14, PW_OPSLIMIT, PW_MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        BUG("crypto_pwhash_str failed (out of memory?)");
}

static void sodium_ready(void)
{
    pthread_once(&sodium_once, sodium_setup);
}

/* ---- audit ---- */

int app_audit(struct app *ctx, const char *action, const char *kind, int64_t id,
              const char *before, const char *after, struct error *e)
{
    struct audit_rec r = {.actor = ctx->actor ? ctx->actor : "?", .address = ctx->address,
                          .action = action, .object_kind = kind, .object_id = id,
                          .before = before, .after = after};
    return store_audit_insert(ctx->s, &r, e);
}

static void audit_key(struct buf *b, const char *key)
{
    if (b->len > 1)
        buf_addc(b, ',');
    buf_addc(b, '"');
    buf_add_json_str(b, key);
    buf_adds(b, "\":");
}

void audit_str(struct buf *b, const char *key, const char *value)
{
    audit_key(b, key);
    if (!value) {
        buf_adds(b, "null");
        return;
    }
    buf_addc(b, '"');
    buf_add_json_str(b, value);
    buf_addc(b, '"');
}

void audit_int(struct buf *b, const char *key, int64_t value)
{
    audit_key(b, key);
    buf_addf(b, "%lld", (long long)value);
}

void audit_day(struct buf *b, const char *key, day_num d)
{
    char iso[16];
    audit_str(b, key, d == DAY_NONE ? NULL : day_format_iso(d, iso));
}

const char *audit_end(struct app *ctx, struct buf *b)
{
    buf_addc(b, '}');
    const char *s = arena_strndup(ctx->a, b->data, b->len);
    buf_release(b);
    return s;
}

/* ---- roles ---- */

static const struct {
    enum role role;
    const char *name;
} roles[] = {{ROLE_ADMIN, "admin"},
             {ROLE_LEADER, "leader"},
             {ROLE_OFFICE, "office"},
             {ROLE_UNIT, "unit"},
             {ROLE_VIEWER, "viewer"}};

int account_role_parse(const char *s, enum role *out, struct error *e)
{
    for (size_t i = 0; s && i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(s, roles[i].name) == 0) {
            *out = roles[i].role;
            return ERR_OK;
        }
    return error_set(e, ERR_INVALID, "role",
                     "Vai trò không hợp lệ; chọn một trong: admin (quản trị), leader (lãnh "
                     "đạo), office (văn phòng), unit (đơn vị), viewer (chỉ xem)");
}

const char *account_role_name(enum role r)
{
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (roles[i].role == r)
            return roles[i].name;
    return "?";
}

static int account_from_rec(const struct account_rec *r, struct account *out, struct error *e)
{
    out->id = r->id;
    out->username = r->username;
    out->unit_id = r->unit_id;
    return account_role_parse(r->role, &out->role, e);
}

/* ---- secrets ---- */

bool account_secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0)
        return false;
    return sodium_memcmp(a, b, la) == 0;
}

/* 32 random bytes as URL-safe base64 (43 characters), from `a`. */
static char *random_secret(struct arena *a)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, n);
    sodium_bin2base64(out, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    return out;
}

char *account_new_password(struct arena *a)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
    if (sodium_init() < 0)
        BUG("sodium_init failed");
    char *out = arena_alloc(a, 13);
    for (int i = 0; i < 12; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[12] = 0;
    return out;
}

/* The hex BLAKE2b-256 of a secret: what the database keeps. */
static char *secret_hash(struct arena *a, const char *secret)
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
    char *hex = arena_alloc(a, 2 * sizeof h + 1);
    sodium_bin2hex(hex, 2 * sizeof h + 1, h, sizeof h);
    return hex;
}

static int check_username(const char *u, struct error *e)
{
    size_t n = u ? strlen(u) : 0;
    if (n < 2 || n > 64)
        return error_set(e, ERR_INVALID, "username", "Tên đăng nhập phải dài từ 2 đến 64 ký tự");
    for (const char *p = u; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '.' ||
              *p == '_' || *p == '-'))
            return error_set(e, ERR_INVALID, "username",
                             "Tên đăng nhập chỉ gồm chữ thường không dấu, số và . _ -");
    return ERR_OK;
}

int app_account_add(struct app *ctx, const char *username, const char *password,
                    const char *role, const char *unit, int64_t *id, struct error *e)
{
    sodium_ready();
    enum role r;
    struct account_rec a = {.username = username, .role = role};
    int rc;
    if ((rc = check_username(username, e)) || (rc = account_role_parse(role, &r, e)) ||
        (rc = app_unit_resolve(ctx, unit, "unit", &a.unit_id, e)))
        return rc;
    size_t n = password ? strlen(password) : 0;
    if (n < PASSWORD_MIN || n > PASSWORD_MAX)
        return error_set(e, ERR_INVALID, "password", "Mật khẩu phải dài từ %d đến %d ký tự",
                         PASSWORD_MIN, PASSWORD_MAX);
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password, n, PW_OPSLIMIT, PW_MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return error_set(e, ERR_INTERNAL, "password", "Không tạo được mã băm mật khẩu");
    a.pw_hash = hash;
    struct account_rec old;
    rc = store_account_find(ctx->s, ctx->a, username, &old, e);
    if (rc == ERR_OK)
        return error_set(e, ERR_CONFLICT, "username", "Tên đăng nhập '%s' đã có", username);
    if (!app_none(rc, e))
        return rc;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "username", username);
    audit_str(&b, "role", role);
    audit_int(&b, "unit_id", a.unit_id);
    const char *after = audit_end(ctx, &b);
    if ((rc = store_account_insert(ctx->s, &a, id, e)) ||
        (rc = app_audit(ctx, "account.create", "account", *id, NULL, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

/* Seconds `key` must still wait, and recording a failure: defined with the logins below. */
static int throttle_wait(struct app *ctx, const char *key, int64_t now, struct error *e,
                         int *wait);
static int throttle_fail(struct app *ctx, const char *key, int64_t now, struct error *e);

int app_account_set_password(struct app *ctx, const char *username, const char *old_password,
                             const char *new_password, const char *keep_session, int64_t now,
                             int *retry_after, struct error *e)
{
    if (retry_after)
        *retry_after = 0;
    sodium_ready();
    size_t n = new_password ? strlen(new_password) : 0;
    if (n < PASSWORD_MIN || n > PASSWORD_MAX)
        return error_set(e, ERR_INVALID, "new_password", "Mật khẩu mới phải dài từ %d đến %d ký tự",
                         PASSWORD_MIN, PASSWORD_MAX);
    struct account_rec r;
    struct error nf = ERROR_INIT;
    int rc = store_account_find(ctx->s, ctx->a, username ? username : "", &r, &nf);
    if (rc == ERR_NOT_FOUND)
        return error_set(e, ERR_NOT_FOUND, "username", "Không có tài khoản '%s'",
                         username ? username : "");
    if (rc)
        return error_set(e, rc, nf.field, "%s", nf.message);
    if (old_password) {
        /* A wrong current password counts as a failed login of the account: whoever holds a
         * stolen session cannot try passwords here faster than at the login form. */
        const char *ukey = arena_printf(ctx->a, "u:%s", r.username);
        int wait;
        if ((rc = throttle_wait(ctx, ukey, now, e, &wait)))
            return rc;
        if (wait) {
            if (retry_after)
                *retry_after = wait;
            return error_set(e, ERR_FORBIDDEN, "old_password",
                             "Nhập sai mật khẩu quá nhiều lần; hãy thử lại sau %d giây", wait);
        }
        if (strlen(old_password) > PASSWORD_MAX ||
            crypto_pwhash_str_verify(r.pw_hash, old_password, strlen(old_password)) != 0) {
            if ((rc = store_begin(ctx->s, e)))
                return rc;
            if ((rc = throttle_fail(ctx, ukey, now, e)) || (rc = store_commit(ctx->s, e))) {
                store_rollback(ctx->s);
                return rc;
            }
            return error_set(e, ERR_FORBIDDEN, "old_password", "Mật khẩu hiện tại không đúng");
        }
    }
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, new_password, n, PW_OPSLIMIT, PW_MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return error_set(e, ERR_INTERNAL, "new_password", "Không tạo được mã băm mật khẩu");
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "username", r.username);
    audit_str(&b, "by", old_password ? "self" : "admin");
    const char *after = audit_end(ctx, &b);
    const char *keep = keep_session ? secret_hash(ctx->a, keep_session) : NULL;
    if ((rc = store_account_set_password(ctx->s, r.id, hash, e)) ||
        (rc = store_session_revoke_account(ctx->s, r.id, keep, e)) ||
        (rc = app_audit(ctx, "account.password", "account", r.id, NULL, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    sodium_memzero(hash, sizeof hash);
    return store_commit(ctx->s, e);
}

int app_account_set_disabled(struct app *ctx, int64_t id, bool disabled, struct error *e)
{
    struct account_rec r;
    int rc = store_account_get(ctx->s, ctx->a, id, &r, e);
    if (rc == ERR_NOT_FOUND)
        return error_set(e, ERR_NOT_FOUND, "id", "Không có tài khoản số %lld", (long long)id);
    if (rc || r.disabled == disabled)
        return rc;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    const char *before = disabled ? "{\"disabled\":false}" : "{\"disabled\":true}";
    const char *after = disabled ? "{\"disabled\":true}" : "{\"disabled\":false}";
    if ((rc = store_account_set_disabled(ctx->s, id, disabled, e)) ||
        (disabled && (rc = store_session_revoke_account(ctx->s, id, NULL, e))) ||
        (rc = app_audit(ctx, disabled ? "account.disable" : "account.enable", "account", id,
                        before, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_account_get(struct app *ctx, int64_t id, struct account *out, struct error *e)
{
    struct account_rec r;
    int rc = store_account_get(ctx->s, ctx->a, id, &r, e);
    return rc ? rc : account_from_rec(&r, out, e);
}

/* ---- login ---- */

/* Seconds still to wait before `key` may try again (0: may try now). */
static int throttle_wait(struct app *ctx, const char *key, int64_t now, struct error *e,
                         int *wait)
{
    int64_t failures, last;
    int rc = store_throttle_get(ctx->s, key, &failures, &last, e);
    *wait = 0;
    if (rc || failures < LOGIN_FREE_FAILURES || now - last > LOGIN_FORGET_AFTER)
        return rc;
    int64_t span = LOGIN_MAX_WAIT;
    if (failures - LOGIN_FREE_FAILURES < 10)
        span = (int64_t)LOGIN_FIRST_WAIT << (failures - LOGIN_FREE_FAILURES);
    if (span > LOGIN_MAX_WAIT)
        span = LOGIN_MAX_WAIT;
    if (last + span > now)
        *wait = (int)(last + span - now);
    return ERR_OK;
}

/* Record a failure for `key`, forgetting a run of failures older than LOGIN_FORGET_AFTER. */
static int throttle_fail(struct app *ctx, const char *key, int64_t now, struct error *e)
{
    int64_t failures, last;
    int rc = store_throttle_get(ctx->s, key, &failures, &last, e);
    if (!rc && failures && now - last > LOGIN_FORGET_AFTER)
        rc = store_throttle_clear(ctx->s, key, e);
    return rc ? rc : store_throttle_fail(ctx->s, key, now, e);
}

int app_login(struct app *ctx, const char *username, const char *password, int64_t now,
              struct login *out, struct error *e)
{
    sodium_ready();
    memset(out, 0, sizeof *out);
    if (!username || !password || !*username || strlen(username) > 64 ||
        strlen(password) > PASSWORD_MAX)
        return error_set(e, ERR_FORBIDDEN, "username", "Sai tên đăng nhập hoặc mật khẩu");
    const char *ukey = arena_printf(ctx->a, "u:%s", username);
    const char *akey = arena_printf(ctx->a, "a:%s", ctx->address ? ctx->address : "-");
    int wu, wa, rc;
    if ((rc = throttle_wait(ctx, ukey, now, e, &wu)) ||
        (rc = throttle_wait(ctx, akey, now, e, &wa)))
        return rc;
    if (wu || wa) {
        out->retry_after = wu > wa ? wu : wa;
        return error_set(e, ERR_FORBIDDEN, "username",
                         "Đăng nhập sai quá nhiều lần; hãy thử lại sau %d giây",
                         out->retry_after);
    }
    struct account_rec r;
    struct error nf = ERROR_INIT;
    rc = store_account_find(ctx->s, ctx->a, username, &r, &nf);
    if (rc && rc != ERR_NOT_FOUND)
        return error_set(e, rc, nf.field, "%s", nf.message);
    bool found = rc == ERR_OK;
    bool ok = crypto_pwhash_str_verify(found ? r.pw_hash : dummy_hash, password,
                                       strlen(password)) == 0 &&
              found && !r.disabled;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if (!ok) {
        struct buf b = BUF_INIT(BUF_NO_LIMIT);
        buf_addc(&b, '{');
        audit_str(&b, "username", username);
        const char *after = audit_end(ctx, &b);
        if ((rc = throttle_fail(ctx, ukey, now, e)) || (rc = throttle_fail(ctx, akey, now, e)) ||
            (rc = app_audit(ctx, "session.refused", "account", found ? r.id : 0, NULL, after,
                            e)) ||
            (rc = store_commit(ctx->s, e))) {
            store_rollback(ctx->s);
            return rc;
        }
        return error_set(e, ERR_FORBIDDEN, "username", "Sai tên đăng nhập hoặc mật khẩu");
    }
    out->session = random_secret(ctx->a);
    out->csrf = random_secret(ctx->a);
    out->expires_at = now + SESSION_TTL;
    if ((rc = account_from_rec(&r, &out->who, e)) ||
        (rc = store_throttle_clear(ctx->s, ukey, e)) ||
        (rc = store_session_insert(ctx->s, secret_hash(ctx->a, out->session), r.id, out->csrf,
                                   ctx->address, out->expires_at, e)) ||
        (rc = app_audit(ctx, "session.create", "account", r.id, NULL, NULL, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

static int not_signed_in(struct error *e)
{
    return error_set(e, ERR_FORBIDDEN, "session",
                     "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại");
}

static int account_active(struct app *ctx, int64_t id, struct account *who, struct error *e)
{
    struct account_rec r;
    int rc = store_account_get(ctx->s, ctx->a, id, &r, e);
    if (app_none(rc, e) || (!rc && r.disabled))
        return not_signed_in(e);
    if (rc)
        return rc;
    return account_from_rec(&r, who, e);
}

int app_session_check(struct app *ctx, const char *session, int64_t now, struct account *who,
                      const char **csrf, struct error *e)
{
    if (!session || strlen(session) != 43)
        return not_signed_in(e);
    struct session_rec sr;
    struct error e2 = ERROR_INIT;
    int rc = store_session_get(ctx->s, ctx->a, secret_hash(ctx->a, session), &sr, &e2);
    if (rc == ERR_NOT_FOUND || (!rc && (sr.revoked || sr.expires_at <= now)))
        return not_signed_in(e);
    if (rc)
        return error_set(e, rc, e2.field, "%s", e2.message);
    *csrf = sr.csrf;
    return account_active(ctx, sr.account_id, who, e);
}

int app_logout(struct app *ctx, const char *session, struct error *e)
{
    if (!session || strlen(session) != 43)
        return ERR_OK;
    int rc = store_begin(ctx->s, e);
    if (rc)
        return rc;
    if ((rc = store_session_revoke(ctx->s, secret_hash(ctx->a, session), e)) ||
        (rc = app_audit(ctx, "session.revoke", "account", 0, NULL, NULL, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_token_create(struct app *ctx, const char *username, const char *label,
                     const char **token, struct error *e)
{
    sodium_ready();
    struct account_rec r;
    const char *clean_label = NULL;
    int rc = store_account_find(ctx->s, ctx->a, username ? username : "", &r, e);
    if (app_none(rc, e))
        return error_set(e, ERR_NOT_FOUND, "username", "Không có tài khoản '%.64s'",
                         username ? username : "");
    if (rc)
        return rc;
    if (label && *label &&
        (rc = app_clean(ctx, label, "label", 200, false, true, &clean_label, e)))
        return rc;
    const char *secret = random_secret(ctx->a);
    *token = arena_printf(ctx->a, "gb_%s", secret);
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    int64_t id;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "username", r.username);
    audit_str(&b, "label", clean_label);
    const char *after = audit_end(ctx, &b);
    if ((rc = store_token_insert(ctx->s, secret_hash(ctx->a, *token), r.id, clean_label, &id,
                                 e)) ||
        (rc = app_audit(ctx, "token.create", "account", r.id, NULL, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_token_revoke(struct app *ctx, int64_t id, struct error *e)
{
    struct token_rec t;
    int rc = store_token_get(ctx->s, ctx->a, id, &t, e);
    if (rc || t.revoked)
        return rc;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_int(&b, "token_id", id);
    audit_str(&b, "username", t.username);
    audit_str(&b, "label", t.label);
    const char *before = audit_end(ctx, &b);
    if ((rc = store_token_revoke(ctx->s, id, e)) ||
        (rc = app_audit(ctx, "token.revoke", "account", t.account_id, before, NULL, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_token_check(struct app *ctx, const char *token, struct account *who, struct error *e)
{
    if (!token || strlen(token) != 46 || strncmp(token, "gb_", 3) != 0)
        return error_set(e, ERR_FORBIDDEN, "token", "Mã truy cập (API token) không hợp lệ");
    int64_t id;
    struct error e2 = ERROR_INIT;
    int rc = store_token_find(ctx->s, secret_hash(ctx->a, token), &id, &e2);
    if (rc == ERR_NOT_FOUND)
        return error_set(e, ERR_FORBIDDEN, "token", "Mã truy cập (API token) không hợp lệ");
    if (rc)
        return error_set(e, rc, e2.field, "%s", e2.message);
    return account_active(ctx, id, who, e);
}
