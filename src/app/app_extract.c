/*
 * app/app_extract.c - the unit directory a conclusion notice is read
 * against, from the store, for extract/ (used by `giaoban extract` and
 * POST /api/v1/extract alike).
 */
#include <stdio.h>

#include "app/app_int.h"
#include "extract/extract.h"
#include "util/buf.h"
#include "util/num.h"

int app_extract_dir(struct app *ctx, int64_t host, day_num meeting, struct extract_dir **out,
                    struct unit_rec **units, size_t *n_units, struct error *e)
{
    struct unit_rec *u = NULL;
    size_t nu = 0;
    *out = NULL;
    int rc = store_unit_list(ctx->s, ctx->a, &u, &nu, e);
    if (rc)
        return rc;
    /* The assigning unit and everything under it, as its figures count them. */
    struct unit_set cover = UNIT_SET_INIT;
    if ((rc = app_unit_cover(ctx, host, true, &cover, e)))
        return rc;
    struct extract_unit *xu = arena_alloc(ctx->a, (nu + 1) * sizeof *xu);
    size_t n = 0;
    for (size_t i = 0; i < nu; i++) {
        bool open = u[i].valid_to == DAY_NONE || meeting == DAY_NONE || u[i].valid_to > meeting;
        if (open && unit_set_has(&cover, u[i].id))
            xu[n++] = (struct extract_unit){u[i].id, u[i].name, u[i].short_name, u[i].aliases,
                                            u[i].kind};
    }
    unit_set_release(&cover);
    *out = extract_dir_new(xu, n, host);
    if (units)
        *units = u;
    if (n_units)
        *n_units = nu;
    return ERR_OK;
}

int app_notice_ref(struct app *ctx, const char *text, const char *field, int64_t *id,
                   struct error *e)
{
    *id = 0;
    if (!text || !*text)
        return ERR_OK;
    if (num_parse_u63z(text, id))
        return *id > 0 ? ERR_OK
                       : error_set(e, ERR_INVALID, field, "Mã số văn bản không hợp lệ: '%s'", text);
    const char *number;
    int rc = app_clean(ctx, text, field, 100, false, false, &number, e);
    if (rc)
        return rc;
    /* A number is written anew each year and by each register: the outgoing documents of the
     * bound that carry it, newest first. One is the notice; several must be told apart. */
    struct unit_set bound = UNIT_SET_INIT;
    if (ctx->scope_unit && (rc = app_unit_cover(ctx, ctx->scope_unit, true, &bound, e)))
        return rc;
    struct doc_filter f = {.units = ctx->scope_unit ? &bound : NULL, .direction = DOC_OUT,
                           .from = DAY_NONE, .to = DAY_NONE, .number = number, .limit = 6};
    struct doc_rec *d;
    size_t n;
    rc = store_doc_list(ctx->s, ctx->a, &f, &d, &n, NULL, e);
    unit_set_release(&bound);
    if (rc)
        return rc;
    if (n == 0)
        return error_set(e, ERR_NOT_FOUND, field,
                         "Không có văn bản đi số '%.60s' (ghi số và ký hiệu như trên văn bản, vd. "
                         "250/TB-UBND, hoặc mã số văn bản)",
                         number);
    if (n > 1) {
        struct buf b = BUF_INIT(400);
        for (size_t i = 0; i < n && i < 5; i++) {
            char day[16];
            buf_addf(&b, "%s#%lld ngày %s", i ? "; " : "", (long long)d[i].id,
                     day_format_vn(d[i].day, day));
        }
        rc = error_set(e, ERR_INVALID, field,
                       "Có nhiều văn bản số '%.60s' (%s%s): hãy ghi mã số của văn bản", number,
                       b.data, n > 5 ? "..." : "");
        buf_release(&b);
        return rc;
    }
    *id = d[0].id;
    return ERR_OK;
}

int app_notice_get(struct app *ctx, const char *text, const char *field, struct doc_rec *out,
                   struct error *e)
{
    int64_t id;
    struct error mine = ERROR_INIT;
    int rc = app_notice_ref(ctx, text, field, &id, e);
    if (rc)
        return rc;
    rc = id ? app_doc_get(ctx, id, out, &mine) : ERR_NOT_FOUND;
    if (rc == ERR_NOT_FOUND)
        return error_set(e, ERR_NOT_FOUND, field, "Không có thông báo số %.40s", text ? text : "");
    if (rc)
        *e = mine;
    return rc;
}

int app_extract_create(struct app *ctx, const struct extract_result *r, const char *notice,
                       const struct unit_rec *u, size_t n_units, bool skip_unknown,
                       size_t *created, size_t *skipped, struct error *e)
{
    *created = *skipped = 0;
    int rc = store_begin(ctx->s, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < r->n_tasks; i++) {
        const struct extract_task *t = &r->tasks[i];
        const char *lead_code = NULL;
        for (size_t k = 0; k < n_units && t->lead_id; k++)
            if (u[k].id == t->lead_id)
                lead_code = u[k].code;
        if (!lead_code) {
            if (skip_unknown) {
                (*skipped)++;
                continue;
            }
            store_rollback(ctx->s);
            *created = 0;
            return error_set(e, ERR_INVALID, "lead",
                             "Nhiệm vụ %zu: đơn vị chủ trì '%s' chưa có trong danh mục; chưa tạo "
                             "nhiệm vụ nào (sửa văn bản, thêm đơn vị, hoặc dùng --skip-unknown)",
                             i + 1, t->lead ? t->lead : "(chưa xác định)");
        }
        const char **coord = arena_alloc(ctx->a, (t->n_coordinating + 1) * sizeof *coord);
        size_t nc = 0;
        for (size_t k = 0; k < t->n_coordinating; k++)
            for (size_t j = 0; j < n_units && t->coordinating_ids[k]; j++)
                if (u[j].id == t->coordinating_ids[k] && u[j].id != t->lead_id)
                    coord[nc++] = u[j].code;
        coord[nc] = NULL;
        char dl[16], hm[16] = "";
        if (t->deadline_minute >= 0)
            snprintf(hm, sizeof hm, "%02d:%02d", t->deadline_minute / 60, t->deadline_minute % 60);
        struct task_input in = {
            .content = t->content,
            .lead = lead_code,
            .coordinating = coord,
            .deadline = t->deadline != DAY_NONE ? day_format_iso(t->deadline, dl) : NULL,
            .deadline_time = t->deadline_minute >= 0 ? hm : NULL,
            .notice = notice,
        };
        int64_t id;
        if ((rc = app_task_add(ctx, &in, &id, e))) {
            store_rollback(ctx->s);
            *created = 0;
            return rc;
        }
        (*created)++;
    }
    if ((rc = store_commit(ctx->s, e)))
        *created = 0;
    return rc;
}
