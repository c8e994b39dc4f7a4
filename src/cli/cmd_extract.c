/*
 * cli/cmd_extract.c - `giaoban extract`: read a conclusion notice, propose its tasks.
 *
 * The proposals come from extract/ (pure); this file reads the text (a file
 * or standard input), has app_extract_dir() build the unit directory from the
 * store (the assigning unit and every open unit under it), prints the
 * proposals (as JSON by http/wire.h's wire_extract, as the API does), and
 * with --create --notice N creates them as tasks of notice N through
 * app_task_add, all in one transaction: either every task is created or none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "extract/extract.h"
#include "http/wire.h"
#include "text/legacy.h"
#include "util/buf.h"

static int read_input(struct cli *c, struct buf *text, struct error *e)
{
    const char *path = c->args.n_pos ? c->args.pos[0] : NULL;
    FILE *f = path ? fopen(path, "rb") : stdin;
    if (!f)
        return error_set(e, ERR_NOT_FOUND, "file", "Không mở được tệp '%s'", path);
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !text->failed)
        buf_add(text, chunk, n);
    bool err = ferror(f);
    if (path)
        fclose(f);
    if (err)
        return error_set(e, ERR_INVALID, "file", "Không đọc được %s", path ? path : "đầu vào");
    if (text->failed)
        return error_set(e, ERR_TOO_BIG, "text", "Văn bản quá dài (tối đa %u byte)",
                         EXTRACT_MAX_TEXT);
    return ERR_OK;
}

static void print_text_result(const struct extract_result *r)
{
    printf("Đề xuất %zu nhiệm vụ:\n", r->n_tasks);
    for (size_t i = 0; i < r->n_tasks; i++) {
        const struct extract_task *t = &r->tasks[i];
        printf("\n%zu. %s\n", i + 1, t->content);
        if (t->lead)
            printf("   Chủ trì: %s%s\n", t->lead, t->lead_known ? "" : " (chưa có trong danh mục)");
        else
            printf("   Chủ trì: (chưa xác định)\n");
        for (size_t k = 0; k < t->n_coordinating; k++)
            printf("%s%s", k ? "; " : "   Phối hợp: ", t->coordinating[k]);
        if (t->n_coordinating)
            printf("\n");
        char d[16];
        if (t->deadline != DAY_NONE && t->deadline_minute >= 0)
            printf("   Thời hạn: %02d giờ %02d, ngày %s (\"%s\")\n", t->deadline_minute / 60,
                   t->deadline_minute % 60, day_format_vn(t->deadline, d), t->deadline_text);
        else if (t->deadline != DAY_NONE)
            printf("   Thời hạn: %s (\"%s\")\n", day_format_vn(t->deadline, d), t->deadline_text);
        else if (t->deadline_text)
            printf("   Thời hạn: không có ngày (\"%s\")%s\n", t->deadline_text,
                   t->recurring ? ", việc làm thường xuyên, định kỳ" : "");
        else
            printf("   Thời hạn: không có\n");
        printf("   Độ tin cậy: %.2f%s%s\n", t->confidence, t->reason ? " — " : "",
               t->reason ? t->reason : "");
    }
}

static int extract_cmd(struct cli *c, struct error *e)
{
    struct app *ctx = &c->app;
    bool json;
    int rc = want_json(c, &json, e);
    if (rc)
        return rc;
    const char *notice = opt(c, "notice");
    bool create = opt_flag(c, "create");
    if (create && !notice)
        return error_set(e, ERR_INVALID, "notice", "--create cần --notice SỐ (thông báo kết luận)");

    day_num meeting = DAY_NONE;
    int64_t host = 0;
    if ((rc = app_parse_day(ctx, opt(c, "date"), true, "date", &meeting, e)))
        return rc;
    if (opt(c, "unit") && (rc = app_unit_resolve(ctx, opt(c, "unit"), "unit", &host, e)))
        return rc;
    if (notice) {
        /* The notice gives the date and the assigning unit when they are not given. */
        struct doc_rec d;
        if ((rc = app_notice_get(ctx, notice, "notice", &d, e)))
            return rc;
        if (meeting == DAY_NONE)
            meeting = d.day;
        if (!host)
            host = d.unit_id;
    }

    struct unit_rec *u = NULL;
    size_t n_units = 0;
    struct extract_dir *dir = NULL;
    if (host && (rc = app_extract_dir(ctx, host, meeting, &dir, &u, &n_units, e)))
        return rc;

    struct buf text = BUF_INIT(EXTRACT_MAX_TEXT);
    struct extract_result r;
    const char *body = NULL;
    size_t body_len = 0;
    enum legacy_charset cs = LEGACY_UTF8;
    if (!(rc = read_input(c, &text, e)) &&
        !(rc = legacy_to_utf8(ctx->a, text.data, text.len, "file", &body, &body_len, &cs, e)) &&
        !(rc = extract_tasks(ctx->a, body, body_len, meeting, dir, &r, e))) {
        if (cs != LEGACY_UTF8) /* stderr: --format json keeps standard output to the JSON */
            fprintf(stderr, "%s\n", legacy_charset_notice(cs));
        if (json)
            print_json(wire_extract(&r));
        else
            print_text_result(&r);
        size_t created, skipped;
        if (create && !(rc = app_extract_create(ctx, &r, notice, u, n_units,
                                                opt_flag(c, "skip-unknown"), &created,
                                                &skipped, e))) {
            printf("\nĐã tạo %zu nhiệm vụ cho thông báo số %s", created, notice);
            if (skipped)
                printf(" (bỏ qua %zu đề xuất chưa xác định đơn vị chủ trì)", skipped);
            printf(".\n");
        }
    }
    buf_release(&text);
    extract_dir_free(dir);
    return rc;
}

const struct command extract_commands[] = {
    {"extract", NULL, extract_cmd, "date=,unit=,format=,create,notice=,skip-unknown", 1,
     "giaoban extract [--date NGÀY] [--unit ĐƠN_VỊ] [--format json] [--create --notice SỐ "
     "[--skip-unknown]] [TỆP]\n"
     "Đọc thông báo kết luận (TỆP hoặc đầu vào chuẩn) và đề xuất các nhiệm vụ: nội dung, đơn vị "
     "chủ trì, phối hợp, thời hạn (--date: ngày họp; --unit: đơn vị giao việc; có --notice thì "
     "mặc định lấy ngày và đơn vị của thông báo).",
     true},
    {0},
};
