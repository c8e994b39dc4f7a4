/*
 * app/account.h - accounts, roles, sessions, API tokens and the audit trail.
 *
 * An account has one role and one unit: it may see and change what lies in
 * that unit's subtree (the server enforces both; see http/router.c for the
 * table of which role may call which route). Passwords are argon2id
 * (libsodium crypto_pwhash_str); session ids, CSRF tokens and API tokens are
 * 32 random bytes, URL-safe base64, and only their BLAKE2b hashes are
 * stored. Failed logins are slowed per account and per address: after
 * LOGIN_FREE_FAILURES in a row, the next try must wait LOGIN_FIRST_WAIT
 * seconds, twice as long after each further failure (at most
 * LOGIN_MAX_WAIT); a success clears the account's count, and a quiet hour
 * clears either. The app reads no clock: `now` (unix
 * seconds) is passed in.
 */
#ifndef GB_APP_ACCOUNT_H
#define GB_APP_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"

enum role {
    ROLE_ADMIN = 1 << 0,  /* units and accounts; everything within its subtree */
    ROLE_LEADER = 1 << 1, /* assigns, approves extensions, confirms */
    ROLE_OFFICE = 1 << 2, /* records meetings, notices, tasks; follows up */
    ROLE_UNIT = 1 << 3,   /* reports on its own unit's tasks */
    ROLE_VIEWER = 1 << 4, /* reads */
};
#define ROLE_ANY (ROLE_ADMIN | ROLE_LEADER | ROLE_OFFICE | ROLE_UNIT | ROLE_VIEWER)

#define LOGIN_FREE_FAILURES 5
#define LOGIN_FIRST_WAIT 30       /* seconds, after LOGIN_FREE_FAILURES; doubles each failure */
#define LOGIN_MAX_WAIT 900        /* seconds */
#define LOGIN_FORGET_AFTER 3600   /* failures older than this are forgotten */
#define SESSION_TTL (12 * 3600)   /* seconds */
#define PASSWORD_MIN 8
#define PASSWORD_MAX 1024

struct account {
    int64_t id;
    const char *username;
    enum role role;
    int64_t unit_id;
};

/* A fresh password a person can read and type (12 of 32 unambiguous characters, 60 bits),
 * allocated from `a`; for accounts whose password is printed once, as the demo's. */
char *account_new_password(struct arena *a);

/* "admin" -> ROLE_ADMIN...; ERR_INVALID naming "role" otherwise. */
int account_role_parse(const char *s, enum role *out, struct error *e);
const char *account_role_name(enum role r); /* static storage */

/* Create an account (audited "account.create"). Username: 2-64 of a-z 0-9 . _ - */
int app_account_add(struct app *ctx, const char *username, const char *password,
                    const char *role, const char *unit, int64_t *id, struct error *e);
int app_account_get(struct app *ctx, int64_t id, struct account *out, struct error *e);
/*
 * Set the password of `username`. With `old_password` (a person changing their own), it
 * must be the current one (ERR_FORBIDDEN naming "old_password" otherwise), and wrong
 * guesses are slowed as failed logins of the account are (`now`, unix seconds; *retry_after
 * > 0 when refused for that, may be NULL); NULL is an administrator's reset. Every session of the account ends but `keep_session` (the
 * cookie of the person changing it, or NULL): whoever knew the old password is signed
 * out. API tokens stay, being separate credentials. Audited "account.password"; no
 * password appears in the trail.
 */
int app_account_set_password(struct app *ctx, const char *username, const char *old_password,
                             const char *new_password, const char *keep_session, int64_t now,
                             int *retry_after, struct error *e);
/*
 * Disable or enable account `id` (audited "account.disable" / "account.enable"; a no-op
 * when it already is). A disabled account cannot log in, its sessions end, and its API
 * tokens are refused until it is enabled again. Nothing is deleted.
 */
int app_account_set_disabled(struct app *ctx, int64_t id, bool disabled, struct error *e);

struct login {
    const char *session; /* the cookie value, allocated from ctx->a */
    const char *csrf;
    int64_t expires_at;
    struct account who;
    int retry_after; /* > 0: refused because of earlier failures; wait this many seconds */
};
/*
 * Check a username and password and open a session. A wrong pair, an
 * unknown or disabled account: ERR_FORBIDDEN (the same message for all);
 * too many failures: ERR_FORBIDDEN with out->retry_after > 0.
 */
int app_login(struct app *ctx, const char *username, const char *password, int64_t now,
              struct login *out, struct error *e);
/* The account behind a session cookie; ERR_FORBIDDEN when unknown, expired or revoked. */
int app_session_check(struct app *ctx, const char *session, int64_t now, struct account *who,
                      const char **csrf, struct error *e);
int app_logout(struct app *ctx, const char *session, struct error *e);

/* A new API token for `username`, printed once (allocated from ctx->a); audited. */
int app_token_create(struct app *ctx, const char *username, const char *label,
                     const char **token, struct error *e);
/* Revoke API token `id` for good (audited "token.revoke"; a no-op when it already is). */
int app_token_revoke(struct app *ctx, int64_t id, struct error *e);
/* The account behind a bearer token; ERR_FORBIDDEN when unknown or revoked. */
int app_token_check(struct app *ctx, const char *token, struct account *who, struct error *e);

/* Compare two NUL-terminated secrets in time independent of where they differ. */
bool account_secret_equal(const char *a, const char *b);

#endif
