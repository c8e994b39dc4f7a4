/*
 * cli/cmd_misc.c - `giaoban init`, `demo`, `setting`, `reindex`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int init_cmd(struct cli *c, struct error *e)
{
    (void)e;
    printf("Cơ sở dữ liệu sẵn sàng (%s).\n", store_backend(c->app.s));
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

static int setting_cmd(struct cli *c, struct error *e)
{
    const char *action, *key;
    int rc;
    if ((rc = pos_arg(c, 0, "get hoặc set", &action, e)) || (rc = pos_arg(c, 1, "tên", &key, e)))
        return rc;
    if (strcmp(key, "soon_days") != 0)
        return error_set(e, ERR_INVALID, "key", "Chỉ có thiết lập soon_days (số ngày 'sắp đến "
                                                "hạn')");
    if (strcmp(action, "get") == 0) {
        printf("%d\n", c->app.soon_days);
        return ERR_OK;
    }
    if (strcmp(action, "set") != 0)
        return error_set(e, ERR_INVALID, "action", "Dùng 'setting get KEY' hoặc 'setting set KEY "
                                                   "VALUE'");
    const char *value;
    if ((rc = pos_arg(c, 2, "giá trị", &value, e)))
        return rc;
    char *end;
    long v = strtol(value, &end, 10);
    if (*end || end == value || v < 0 || v > 60)
        return error_set(e, ERR_INVALID, "value", "soon_days phải là số ngày từ 0 đến 60");
    char text[8];
    snprintf(text, sizeof text, "%ld", v);
    /* The running totals depend on it: set and rebuild in one transaction. */
    if ((rc = store_begin(c->app.s, e)))
        return rc;
    if ((rc = store_setting_set(c->app.s, "soon_days", text, e)) ||
        (rc = store_agg_rebuild(c->app.s, (int)v, e))) {
        store_rollback(c->app.s);
        return rc;
    }
    if ((rc = store_commit(c->app.s, e)))
        return rc;
    printf("soon_days = %ld\n", v);
    return ERR_OK;
}

static int reindex_cmd(struct cli *c, struct error *e)
{
    int rc = store_agg_rebuild(c->app.s, c->app.soon_days, e);
    if (!rc)
        printf("Đã tính lại số liệu tổng hợp.\n");
    return rc;
}

const struct command misc_commands[] = {
    {"init", NULL, init_cmd, "",
     "giaoban [--db URL] init\nTạo (hoặc nâng cấp) cơ sở dữ liệu.", true},
    {"demo", NULL, demo_cmd, "replace",
     "giaoban demo [--replace]\nNạp dữ liệu mẫu theo 5 bài báo trong seeds/ (chỉ vào cơ sở dữ "
     "liệu trống, trừ khi có --replace).",
     true},
    {"setting", NULL, setting_cmd, "",
     "giaoban setting get soon_days | giaoban setting set soon_days N\nSố ngày trước hạn được "
     "coi là 'sắp đến hạn' (mặc định 3).",
     true},
    {"reindex", NULL, reindex_cmd, "",
     "giaoban reindex\nTính lại số liệu tổng hợp từ các nhiệm vụ (sau khi nạp dữ liệu lớn).",
     true},
    {0},
};
