/*
 * cli/cmd_misc.c - `giaoban init`, `demo`, `setting get|set`, `reindex`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/num.h"

static int init_cmd(struct cli *c, struct error *e)
{
    (void)e;
    printf("Cơ sở dữ liệu sẵn sàng (%s).\n", app_backend(&c->app));
    return ERR_OK;
}

static int demo_cmd(struct cli *c, struct error *e)
{
    struct demo_account *acc = NULL;
    size_t n = 0;
    int rc = app_demo_with_accounts(&c->app, opt_flag(c, "replace"), &acc, &n, e);
    if (rc)
        return rc;
    printf("Đã nạp dữ liệu mẫu của 5 địa phương (Cửa Lò, Đông Hà, Bắc Kạn, Cao Lộc, Móng "
           "Cái).\n\nTài khoản dùng thử (mật khẩu chỉ in ra lần này, hãy ghi lại):\n");
    for (size_t i = 0; i < n; i++)
        printf("  %-15s %-14s vai trò %-7s đơn vị %s\n", acc[i].username, acc[i].password,
               acc[i].role, acc[i].unit);
    return ERR_OK;
}

/* soon_days, the one setting there is: named all the same, as the usage says. */
static int setting_key(const struct cli *c, struct error *e)
{
    const char *key;
    int rc = pos_arg(c, 0, "tên thiết lập (soon_days)", &key, e);
    if (!rc && strcmp(key, "soon_days") != 0)
        rc = error_set(e, ERR_INVALID, "key", "Chỉ có thiết lập soon_days (số ngày 'sắp đến "
                                              "hạn')");
    return rc;
}

static int setting_get(struct cli *c, struct error *e)
{
    int rc = setting_key(c, e);
    if (!rc)
        printf("%d\n", c->app.soon_days);
    return rc;
}

static int setting_set(struct cli *c, struct error *e)
{
    const char *value;
    int rc;
    if ((rc = setting_key(c, e)) || (rc = pos_arg(c, 1, "giá trị", &value, e)))
        return rc;
    int64_t v;
    if (!num_parse_u63z(value, &v) || v > 60)
        return error_set(e, ERR_INVALID, "value", "soon_days phải là số ngày từ 0 đến 60");
    if ((rc = app_soon_days_set(&c->app, (int)v, e)))
        return rc;
    printf("soon_days = %ld\n", v);
    return ERR_OK;
}

static int reindex_cmd(struct cli *c, struct error *e)
{
    int rc = app_reindex(&c->app, e);
    if (!rc)
        printf("Đã tính lại số liệu tổng hợp.\n");
    return rc;
}

const struct command misc_commands[] = {
    {"init", NULL, init_cmd, "", 0,
     "giaoban [--db URL] init\nTạo (hoặc nâng cấp) cơ sở dữ liệu.", true},
    {"demo", NULL, demo_cmd, "replace", 0,
     "giaoban demo [--replace]\nNạp dữ liệu mẫu theo 5 bài báo trong seeds/ (chỉ vào cơ sở dữ "
     "liệu trống, trừ khi có --replace).",
     true},
    {"setting", "get", setting_get, "", 1,
     "giaoban setting get soon_days\nSố ngày trước hạn được coi là 'sắp đến hạn' (mặc định 3).",
     true},
    {"setting", "set", setting_set, "", 2,
     "giaoban setting set soon_days N\nĐặt số ngày 'sắp đến hạn' (0 đến 60); số liệu tổng hợp "
     "được tính lại.",
     true},
    {"reindex", NULL, reindex_cmd, "", 0,
     "giaoban reindex\nTính lại số liệu tổng hợp từ các nhiệm vụ (sau khi nạp dữ liệu lớn).",
     true},
    {0},
};
