/*
 * app/app_read.c - what the shells show: single records and lists, read
 * through the app so that the bound of the acting account (ctx->scope_unit)
 * is applied in one place for the CLI and the API alike.
 *
 * A record outside the bound is ERR_FORBIDDEN naming "id"; a list is cut to
 * the bound. Units and people are the directory everyone needs to name
 * things: readable by every account. A database failure is never "not
 * found": the store's code passes through.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "app/app_int.h"
#include "app/account.h"

/* ---- the store's session ---- */

int app_read_begin(struct app *ctx, struct error *e)
{
    return store_read_begin(ctx->s, e);
}

void app_read_end(struct app *ctx)
{
    store_read_end(ctx->s);
}

int app_ready(struct app *ctx, struct error *e)
{
    bool empty;
    int rc = store_read_begin(ctx->s, e);
    if (rc)
        return rc;
    rc = store_is_empty(ctx->s, &empty, e);
    store_read_end(ctx->s);
    return rc;
}

void app_tune_connections(size_t memory_per_connection, bool group_commit)
{
    store_set_memory_per_connection(memory_per_connection, false);
    store_set_group_commit(group_commit);
}

void app_sync_defer(struct store *s, bool on)
{
    store_set_deferred_sync(s, on);
}

uint64_t app_sync_owed(struct store *s)
{
    return store_sync_owed(s);
}

void app_sync_notify(uint64_t ticket, store_synced_fn *fn, void *arg)
{
    store_sync_notify(ticket, fn, arg);
}

const char *app_backend(const struct app *ctx)
{
    return store_backend(ctx->s);
}

int app_stamp(struct app *ctx, int64_t unit, bool subtree, char out[STORE_STAMP_MAX],
              struct error *e)
{
    const struct unit_tree *tree;
    struct unit_set lead = UNIT_SET_INIT;
    int rc = store_unit_tree(ctx->s, &tree, e);
    if (!rc) {
        size_t all = tree->n;
        /* Every unit's counters at once when that is all of them, not thousands of ids. */
        if (!(rc = app_unit_cover(ctx, unit, subtree, &lead, e)))
            rc = store_task_stamp(ctx->s, lead.n == all ? NULL : &lead, out, e);
    }
    unit_set_release(&lead);
    return rc;
}

/* ---- the directory ---- */

int app_unit_list(struct app *ctx, struct unit_rec **out, size_t *n, struct error *e)
{
    return store_unit_list(ctx->s, ctx->a, out, n, e);
}

int app_unit_get(struct app *ctx, int64_t id, struct unit_rec *out, struct error *e)
{
    return store_unit_get(ctx->s, ctx->a, id, out, e);
}

int app_person_list(struct app *ctx, int64_t unit, struct person_rec **out, size_t *n,
                    struct error *e)
{
    return store_person_list(ctx->s, ctx->a, unit, out, n, e);
}

int app_person_get(struct app *ctx, int64_t id, struct person_rec *out, struct error *e)
{
    return store_person_get(ctx->s, ctx->a, id, out, e);
}

/* ---- meetings and documents ---- */

int app_meeting_get(struct app *ctx, int64_t id, struct meeting_rec *out, struct error *e)
{
    int rc = store_meeting_get(ctx->s, ctx->a, id, out, e);
    return rc ? rc : app_scope_require_record(ctx, out->host_unit_id, 0, "id", "Cuộc họp", e);
}

int app_meeting_list(struct app *ctx, const struct unit_set *hosts, day_num from, day_num to,
                     size_t limit, struct meeting_rec **out, size_t *n, struct error *e)
{
    return store_meeting_list(ctx->s, ctx->a, hosts, from, to, limit, out, n, e);
}

int app_doc_get(struct app *ctx, int64_t id, struct doc_rec *out, struct error *e)
{
    int rc = store_doc_get(ctx->s, ctx->a, id, out, e);
    return rc ? rc : app_scope_require_record(ctx, out->unit_id, 0, "id", "Văn bản", e);
}

int app_doc_list(struct app *ctx, const struct doc_filter *f, struct doc_rec **out, size_t *n,
                 size_t *total, struct error *e)
{
    return store_doc_list(ctx->s, ctx->a, f, out, n, total, e);
}

/* ---- tasks ---- */

int app_task_get(struct app *ctx, int64_t id, struct task_rec *out, struct error *e)
{
    int rc = store_task_get(ctx->s, ctx->a, id, out, e);
    return rc ? rc
              : app_scope_require_record(ctx, out->lead_unit_id, out->assigner_unit_id, "id",
                                         "Nhiệm vụ", e);
}

/* ---- accounts, tokens, the audit trail ---- */

/* Keep the n records of `items` (each `size` bytes, its unit id at `unit_at`) whose unit is
 * within the bound, in order; the unbound CLI keeps them all. */
static int keep_within(struct app *ctx, void *items, size_t size, size_t unit_at, size_t *n,
                       struct error *e)
{
    if (!ctx->scope_unit)
        return ERR_OK;
    struct unit_set bound = UNIT_SET_INIT;
    int rc = app_unit_cover(ctx, ctx->scope_unit, true, &bound, e);
    size_t k = 0;
    char *base = items;
    for (size_t i = 0; !rc && i < *n; i++) {
        int64_t unit;
        memcpy(&unit, base + i * size + unit_at, sizeof unit);
        if (unit_set_has(&bound, unit)) {
            if (k != i)
                memcpy(base + k * size, base + i * size, size);
            k++;
        }
    }
    unit_set_release(&bound);
    *n = rc ? 0 : k;
    return rc;
}

/* The store's answer for an account, with a missing one said in the caller's words. */
static int account_found(int rc, struct error *mine, struct error *e, const char *field,
                         const char *fmt, const char *what)
{
    if (rc == ERR_NOT_FOUND)
        return error_set(e, ERR_NOT_FOUND, field, fmt, what);
    if (rc)
        *e = *mine;
    return rc;
}

int app_account_rec_get(struct app *ctx, int64_t id, struct account_rec *out, struct error *e)
{
    struct error mine = ERROR_INIT;
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)id);
    int rc = account_found(store_account_get(ctx->s, ctx->a, id, out, &mine), &mine, e, "id",
                           "Không có tài khoản số %s", num);
    return rc ? rc : app_scope_require_record(ctx, out->unit_id, 0, "id", "Tài khoản", e);
}

int app_account_rec_find(struct app *ctx, const char *username, const char *field,
                         struct account_rec *out, struct error *e)
{
    struct error mine = ERROR_INIT;
    int rc = account_found(store_account_find(ctx->s, ctx->a, username, out, &mine), &mine, e,
                           field, "Không có tài khoản '%.64s'", username);
    return rc ? rc : app_scope_require_record(ctx, out->unit_id, 0, field, "Tài khoản", e);
}

int app_account_list(struct app *ctx, struct account_rec **out, size_t *n, struct error *e)
{
    int rc = store_account_list(ctx->s, ctx->a, out, n, e);
    return rc ? rc
              : keep_within(ctx, *out, sizeof **out, offsetof(struct account_rec, unit_id), n, e);
}

int app_token_get(struct app *ctx, int64_t id, struct token_rec *out, struct error *e)
{
    int rc = store_token_get(ctx->s, ctx->a, id, out, e);
    return rc ? rc : app_scope_require_record(ctx, out->unit_id, 0, "id", "Mã truy cập", e);
}

int app_token_list(struct app *ctx, struct token_rec **out, size_t *n, struct error *e)
{
    int rc = store_token_list(ctx->s, ctx->a, out, n, e);
    return rc ? rc
              : keep_within(ctx, *out, sizeof **out, offsetof(struct token_rec, unit_id), n, e);
}

int app_audit_list(struct app *ctx, const char *object_kind, int64_t object_id, size_t limit,
                   size_t offset, struct audit_rec **out, size_t *n, struct error *e)
{
    /* An administrator reads the trail of what belongs to the units of its subtree, and of
     * nothing else: provinces on one server do not read each other's history. */
    struct unit_set bound = UNIT_SET_INIT;
    int rc = ctx->scope_unit ? app_unit_cover(ctx, ctx->scope_unit, true, &bound, e) : ERR_OK;
    if (!rc)
        rc = store_audit_list(ctx->s, ctx->a, object_kind, object_id,
                              ctx->scope_unit ? &bound : NULL, limit, offset, out, n, e);
    unit_set_release(&bound);
    return rc;
}
