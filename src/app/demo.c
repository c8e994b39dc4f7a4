/* app/demo.c - the seed demo (being written). */
#include "app/app.h"

int app_demo(struct app *ctx, bool replace, struct error *e)
{
    (void)ctx;
    (void)replace;
    return error_set(e, ERR_INTERNAL, "", "Chưa có dữ liệu mẫu");
}
