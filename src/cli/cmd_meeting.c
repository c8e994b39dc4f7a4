/*
 * cli/cmd_meeting.c - `giaoban meeting ...` and `giaoban doc ...` (the register).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int meeting_add(struct cli *c, struct error *e)
{
    struct meeting_input in = {
        .kind = opt(c, "kind"), .title = opt(c, "title"), .day = opt(c, "date"),
        .host = opt(c, "host"), .chair = opt(c, "chair"), .period_from = opt(c, "period-from"),
        .period_to = opt(c, "period-to"), .notes = opt(c, "notes"),
        .attending = opt_all(c, "attend")};
    if (!in.title)
        return error_set(e, ERR_INVALID, "title", "Thiếu tên cuộc họp (--title)");
    if (!in.host)
        return error_set(e, ERR_INVALID, "host", "Thiếu đơn vị chủ trì cuộc họp (--host)");
    int64_t id;
    int rc = app_meeting_add(&c->app, &in, &id, e);
    if (!rc)
        printf("%lld\n", (long long)id);
    return rc;
}

static json_t *meeting_json(const struct meeting_rec *m)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(m->id));
    json_object_set_new(j, "kind", json_str(m->kind));
    json_object_set_new(j, "title", json_str(m->title));
    json_object_set_new(j, "date", json_day(m->day));
    json_object_set_new(j, "chair", json_str(m->chair_name));
    json_object_set_new(j, "host_unit_id", json_integer(m->host_unit_id));
    json_object_set_new(j, "period_from", json_day(m->period_from));
    json_object_set_new(j, "period_to", json_day(m->period_to));
    json_object_set_new(j, "notes", json_str(m->notes));
    if (m->attending) {
        json_t *a = json_array();
        for (size_t i = 0; i < m->n_attending; i++)
            json_array_append_new(a, json_integer(m->attending[i]));
        json_object_set_new(j, "attending", a);
    }
    return j;
}

static int meeting_list(struct cli *c, struct error *e)
{
    bool json;
    int rc = want_json(c, &json, e);
    struct unit_set set = UNIT_SET_INIT;
    day_num from, to;
    int64_t unit = 0;
    if (rc || (rc = app_parse_day(&c->app, opt(c, "from"), true, "from", &from, e)) ||
        (rc = app_parse_day(&c->app, opt(c, "to"), true, "to", &to, e)))
        return rc;
    if (opt(c, "unit") && ((rc = app_unit_resolve(&c->app, opt(c, "unit"), "unit", &unit, e)) ||
                           (rc = app_unit_cover(&c->app, unit, opt_flag(c, "subtree"), &set, e))))
        goto out;
    struct meeting_rec *m;
    size_t n;
    if ((rc = app_meeting_list(&c->app, unit ? &set : NULL, from, to, 500, &m, &n, e)))
        goto out;
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, meeting_json(&m[i]));
        json_t *j = json_object();
        json_object_set_new(j, "total", json_integer((json_int_t)n));
        json_object_set_new(j, "items", arr);
        print_json(j);
    } else {
        for (size_t i = 0; i < n; i++) {
            char d[16];
            printf("%lld\t%s\t%s\n", (long long)m[i].id, day_format_vn(m[i].day, d), m[i].title);
        }
    }
out:
    unit_set_release(&set);
    return rc;
}

static int meeting_show(struct cli *c, struct error *e)
{
    bool json;
    int64_t id;
    struct meeting_rec m;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = pos_id(c, 0, "cuộc họp", &id, e)) ||
        (rc = app_meeting_get(&c->app, id, &m, e)))
        return rc;
    struct doc_filter df = {.from = DAY_NONE, .to = DAY_NONE, .meeting_id = id};
    struct doc_rec *docs;
    size_t n_docs;
    struct task_list_query tq = {.meeting = arena_printf(c->app.a, "%lld", (long long)id),
                                 .limit = 1000};
    struct task_item *items;
    size_t n_items, total;
    day_num as_of;
    if ((rc = app_doc_list(&c->app, &df, &docs, &n_docs, NULL, e)) ||
        (rc = app_task_list(&c->app, &tq, &items, &n_items, &total, &as_of, e)))
        return rc;
    if (json) {
        json_t *j = meeting_json(&m);
        json_t *nd = json_array();
        for (size_t i = 0; i < n_docs; i++) {
            json_t *d = json_object();
            json_object_set_new(d, "id", json_integer(docs[i].id));
            json_object_set_new(d, "number", json_str(docs[i].number));
            json_object_set_new(d, "date", json_day(docs[i].day));
            json_object_set_new(d, "subject", json_str(docs[i].subject));
            json_array_append_new(nd, d);
        }
        json_object_set_new(j, "notices", nd);
        json_t *ta = json_array();
        for (size_t i = 0; i < n_items; i++)
            json_array_append_new(ta, json_integer(items[i].t.id));
        json_object_set_new(j, "task_ids", ta);
        print_json(j);
        return ERR_OK;
    }
    char d[48];
    struct unit_rec host;
    printf("Cuộc họp số %lld: %s\n", (long long)m.id, m.title);
    printf("  Ngày: %s\n", day_format_vn(m.day, d));
    if (!app_unit_get(&c->app, m.host_unit_id, &host, e))
        printf("  Đơn vị: %s\n", host.name);
    if (m.chair_name)
        printf("  Chủ trì: %s\n", m.chair_name);
    if (m.period_from != DAY_NONE) {
        char d2[16];
        printf("  Kỳ đánh giá: %s - %s\n", day_format_vn(m.period_from, d),
               day_format_vn(m.period_to, d2));
    }
    for (size_t i = 0; i < n_docs; i++)
        printf("  Thông báo kết luận: %s (%s): %s\n", docs[i].number ? docs[i].number : "",
               day_format_vn(docs[i].day, d), docs[i].subject);
    printf("  Nhiệm vụ: %zu\n", n_items);
    for (size_t i = 0; i < n_items; i++)
        printf("    #%lld  %s  [%s; hạn %s]\n", (long long)items[i].t.id, items[i].t.content,
               items[i].t.lead_name, items[i].t.deadline == DAY_NONE
                                         ? "thường xuyên"
                                         : day_format_vn(items[i].t.deadline, d));
    return ERR_OK;
}

static int doc_add(struct cli *c, struct error *e)
{
    struct doc_input in = {
        .direction = opt(c, "dir"), .unit = opt(c, "unit"), .number = opt(c, "number"),
        .type = opt(c, "type"), .issuer = opt(c, "issuer"), .day = opt(c, "date"),
        .subject = opt(c, "subject"), .handler = opt(c, "handler"),
        .handle_deadline = opt(c, "deadline"), .processed = opt(c, "processed"),
        .meeting = opt(c, "meeting")};
    if (!in.unit)
        return error_set(e, ERR_INVALID, "unit", "Thiếu đơn vị có sổ văn bản (--unit)");
    if (!in.subject)
        return error_set(e, ERR_INVALID, "subject", "Thiếu trích yếu (--subject)");
    int64_t id;
    int rc = app_doc_add(&c->app, &in, &id, e);
    if (!rc)
        printf("%lld\n", (long long)id);
    return rc;
}

static int doc_list(struct cli *c, struct error *e)
{
    bool json;
    int rc = want_json(c, &json, e);
    struct doc_filter f = {.type = opt(c, "type"), .limit = 200};
    struct unit_set set = UNIT_SET_INIT;
    int64_t unit = 0;
    const char *dir = opt(c, "dir");
    if (!rc && dir) {
        if (strcmp(dir, "den") == 0 || strcmp(dir, "in") == 0)
            f.direction = DOC_IN;
        else if (strcmp(dir, "di") == 0 || strcmp(dir, "out") == 0)
            f.direction = DOC_OUT;
        else
            rc = error_set(e, ERR_INVALID, "dir", "--dir phải là 'den' hoặc 'di'");
    }
    if (rc || (rc = app_parse_day(&c->app, opt(c, "from"), true, "from", &f.from, e)) ||
        (rc = app_parse_day(&c->app, opt(c, "to"), true, "to", &f.to, e)))
        return rc;
    if (opt(c, "unit") && ((rc = app_unit_resolve(&c->app, opt(c, "unit"), "unit", &unit, e)) ||
                           (rc = app_unit_cover(&c->app, unit, opt_flag(c, "subtree"), &set, e))))
        goto out;
    f.units = unit ? &set : NULL;
    struct doc_rec *d;
    size_t n, total;
    if ((rc = app_doc_list(&c->app, &f, &d, &n, &total, e)))
        goto out;
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *j = json_object();
            json_object_set_new(j, "id", json_integer(d[i].id));
            json_object_set_new(j, "direction", json_string(d[i].direction == DOC_IN ? "in" : "out"));
            json_object_set_new(j, "unit_id", json_integer(d[i].unit_id));
            json_object_set_new(j, "number", json_str(d[i].number));
            json_object_set_new(j, "type", json_str(d[i].type));
            json_object_set_new(j, "issuer", json_str(d[i].issuer));
            json_object_set_new(j, "date", json_day(d[i].day));
            json_object_set_new(j, "subject", json_str(d[i].subject));
            json_object_set_new(j, "handler_unit_id", json_id(d[i].handler_unit_id));
            json_object_set_new(j, "deadline", json_day(d[i].handle_deadline));
            json_object_set_new(j, "processed", json_day(d[i].processed_day));
            json_object_set_new(j, "meeting_id", json_id(d[i].meeting_id));
            json_array_append_new(arr, j);
        }
        json_t *j = json_object();
        json_object_set_new(j, "total", json_integer((json_int_t)total));
        json_object_set_new(j, "items", arr);
        print_json(j);
    } else {
        for (size_t i = 0; i < n; i++) {
            char dd[16];
            printf("%lld\t%s\t%s\t%s\t%s\n", (long long)d[i].id,
                   d[i].direction == DOC_IN ? "đến" : "đi", day_format_vn(d[i].day, dd),
                   d[i].number ? d[i].number : "", d[i].subject);
        }
        printf("Tổng số: %zu văn bản%s\n", total, total > n ? " (hiện 200 văn bản mới nhất)" : "");
    }
out:
    unit_set_release(&set);
    return rc;
}

const struct command meeting_commands[] = {
    {"meeting", "add", meeting_add,
     "kind=,title=,date=,host=,chair=,attend*,period-from=,period-to=,notes=", 0,
     "giaoban meeting add --title TÊN --date NGÀY --host ĐƠN_VỊ [--kind giao_ban|lam_viec|"
     "kiem_tra|khac] [--chair HỌ_TÊN] [--attend ĐƠN_VỊ]... [--period-from NGÀY --period-to NGÀY] "
     "[--notes GHI_CHÚ]\nGhi nhận một cuộc họp; in ra số hiệu.",
     true},
    {"meeting", "list", meeting_list, "unit=,subtree,from=,to=,format=", 0,
     "giaoban meeting list [--unit ĐƠN_VỊ [--subtree]] [--from NGÀY] [--to NGÀY] [--format "
     "text|json]\nDanh sách cuộc họp, mới nhất trước (--from/--to không có: không giới hạn).",
     true},
    {"meeting", "show", meeting_show, "format=", 1,
     "giaoban meeting show SỐ [--format text|json]\nMột cuộc họp với thông báo kết luận và nhiệm "
     "vụ.",
     true},
    {"doc", "add", doc_add,
     "dir=,unit=,number=,type=,issuer=,date=,subject=,handler=,deadline=,processed=,meeting=", 0,
     "giaoban doc add --dir den|di --unit ĐƠN_VỊ --date NGÀY --subject TRÍCH_YẾU [--number "
     "5/TB-UBND] [--type TB|QĐ|CV|KH|BC|TTr|GM|CT|NQ] [--issuer CƠ_QUAN] [--handler ĐƠN_VỊ] "
     "[--deadline HẠN_XỬ_LÝ] [--processed NGÀY_XỬ_LÝ] [--meeting SỐ_CUỘC_HỌP]\nVào sổ một văn "
     "bản đến hoặc đi; thông báo kết luận là văn bản đi loại TB gắn với cuộc họp.",
     true},
    {"doc", "list", doc_list, "unit=,subtree,dir=,type=,from=,to=,format=", 0,
     "giaoban doc list [--unit ĐƠN_VỊ [--subtree]] [--dir den|di] [--type TB] [--from NGÀY] "
     "[--to NGÀY] [--format text|json]\nSổ văn bản.",
     true},
    {0},
};
