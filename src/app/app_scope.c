/*
 * app/app_scope.c - the bound of the acting account: every unit and record a
 * use case is asked to touch lies in the subtree of the account's unit.
 *
 * The use cases check it themselves, inside the transaction of the write
 * they guard, so that a record named by id (a notice, a meeting, a parent
 * task, an evidence document, a person, a coordinating unit) cannot come
 * from another province whichever shell calls them. The CLI runs unbound
 * (scope_unit 0): it is the machine's administrator.
 */
#include "app/app.h"

int app_scope_require(struct app *ctx, int64_t unit, const char *field, struct error *e)
{
    if (!ctx->scope_unit)
        return ERR_OK;
    bool inside;
    int rc = app_unit_within(ctx, ctx->scope_unit, true, unit, &inside, e);
    if (rc)
        return rc;
    if (!inside)
        return error_set(e, ERR_FORBIDDEN, field,
                         "Đơn vị này nằm ngoài phạm vi của tài khoản (chỉ được làm việc với "
                         "đơn vị của mình và các đơn vị trực thuộc)");
    return ERR_OK;
}

int app_scope_require_record(struct app *ctx, int64_t unit_a, int64_t unit_b, const char *field,
                             const char *what, struct error *e)
{
    if (!ctx->scope_unit)
        return ERR_OK;
    bool inside = false;
    int rc = ERR_OK;
    if (unit_a)
        rc = app_unit_within(ctx, ctx->scope_unit, true, unit_a, &inside, e);
    if (!rc && !inside && unit_b)
        rc = app_unit_within(ctx, ctx->scope_unit, true, unit_b, &inside, e);
    if (rc)
        return rc;
    if (!inside)
        return error_set(e, ERR_FORBIDDEN, field,
                         "%s này thuộc đơn vị ngoài phạm vi của tài khoản", what);
    return ERR_OK;
}

int app_unit_or_own(struct app *ctx, const char *text, const char *field, int64_t *id,
                    struct error *e)
{
    int rc;
    *id = 0;
    if (text && *text)
        rc = app_unit_resolve(ctx, text, field, id, e);
    else if (ctx->scope_unit)
        *id = ctx->scope_unit, rc = ERR_OK;
    else
        rc = error_set(e, ERR_INVALID, field, "Thiếu đơn vị (%s)", field);
    return rc ? rc : app_scope_require(ctx, *id, field, e);
}
