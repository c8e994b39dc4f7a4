/*
 * app/app_extract.c - the unit directory a conclusion notice is read
 * against, from the store, for extract/ (used by `giaoban extract` and
 * POST /api/v1/extract alike).
 */
#include "app/app.h"
#include "extract/extract.h"

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
