/*
 * cli/cmd_report.c - `giaoban report summary|documents` and `giaoban search`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/normalize.h"
#include "util/buf.h"
#include "util/num.h"

/* "44,4%" as Vietnamese writes a rate; "—" when there is no base. */
/* "75,0%" (the CLI's and the API's on-time rate text), "—" without a base. */
static const char *vn_percent(char out[48], const int64_t c[CNT_N])
{
    int64_t tenths;
    if (!summary_on_time_tenths(c, &tenths))
        snprintf(out, 48, "—");
    else
        snprintf(out, 48, "%lld,%lld%%", (long long)(tenths / 10), (long long)(tenths % 10));
    return out;
}

static json_t *counts_json(const int64_t *c)
{
    json_t *j = json_object();
    json_object_set_new(j, "assigned", json_integer(c[CNT_ASSIGNED]));
    json_object_set_new(j, "done_on_time", json_integer(c[CNT_DONE_BEFORE] + c[CNT_DONE_ON_DAY]));
    json_object_set_new(j, "done_before", json_integer(c[CNT_DONE_BEFORE]));
    json_object_set_new(j, "done_on_day", json_integer(c[CNT_DONE_ON_DAY]));
    json_object_set_new(j, "done_late", json_integer(c[CNT_DONE_LATE]));
    json_object_set_new(j, "open_in_time", json_integer(c[CNT_OPEN_IN_TIME]));
    json_object_set_new(j, "due_soon", json_integer(c[CNT_DUE_SOON]));
    json_object_set_new(j, "open_overdue", json_integer(c[CNT_OPEN_OVERDUE]));
    json_object_set_new(j, "no_deadline", json_integer(c[CNT_NODL_DONE] + c[CNT_NODL_OPEN]));
    json_object_set_new(j, "no_deadline_done", json_integer(c[CNT_NODL_DONE]));
    json_object_set_new(j, "no_deadline_open", json_integer(c[CNT_NODL_OPEN]));
    json_object_set_new(j, "cancelled", json_integer(c[CNT_CANCELLED]));
    json_object_set_new(j, "awaiting_confirmation", json_integer(c[CNT_AWAITING]));
    int64_t num, den;
    json_t *r = json_object();
    json_object_set_new(r, "value", summary_on_time_fraction(c, &num, &den)
                                        ? json_real((double)num / (double)den)
                                        : json_null());
    char p[48];
    json_object_set_new(r, "text", json_string(vn_percent(p, c)));
    json_object_set_new(r, "formula", json_string(summary_rate_formula));
    json_object_set_new(j, "on_time_rate", r);
    return j;
}

static void print_counts_text(const struct summary *s)
{
    const int64_t *c = s->c;
    char p[48];
    printf("  Tổng số nhiệm vụ được giao:        %6lld\n", (long long)c[CNT_ASSIGNED]);
    printf("  Đã hoàn thành đúng hạn:            %6lld  (trước hạn %lld, đúng hạn %lld)\n",
           (long long)(c[CNT_DONE_BEFORE] + c[CNT_DONE_ON_DAY]), (long long)c[CNT_DONE_BEFORE],
           (long long)c[CNT_DONE_ON_DAY]);
    printf("  Đã hoàn thành quá hạn:             %6lld\n", (long long)c[CNT_DONE_LATE]);
    printf("  Chưa hoàn thành, trong hạn:        %6lld  (sắp đến hạn trong %d ngày: %lld)\n",
           (long long)c[CNT_OPEN_IN_TIME], s->soon_days, (long long)c[CNT_DUE_SOON]);
    printf("  Chưa hoàn thành, quá hạn:          %6lld\n", (long long)c[CNT_OPEN_OVERDUE]);
    printf("  Không có thời hạn (thường xuyên):  %6lld  (đã hoàn thành %lld)\n",
           (long long)(c[CNT_NODL_DONE] + c[CNT_NODL_OPEN]), (long long)c[CNT_NODL_DONE]);
    printf("  Đang chờ xác nhận hoàn thành:      %6lld\n", (long long)c[CNT_AWAITING]);
    printf("  Đã hủy:                            %6lld\n", (long long)c[CNT_CANCELLED]);
    printf("  Tỷ lệ đúng hạn: %s  (= %s)\n", vn_percent(p, c),
           summary_rate_formula);
}

static int report_summary(struct cli *c, struct error *e)
{
    bool json;
    int rc = want_json(c, &json, e);
    if (rc)
        return rc;
    struct summary_query q = {.unit = opt(c, "unit"), .subtree = opt_flag(c, "subtree"),
                              .by = opt(c, "by"), .from = opt(c, "from"), .to = opt(c, "to"),
                              .as_of = opt(c, "as-of"), .key_only = opt_flag(c, "key")};
    if (!q.unit)
        return error_set(e, ERR_INVALID, "unit", "Thiếu đơn vị (--unit)");
    /* A terminal shows the 100 most overdue; JSON lists them all unless told otherwise. */
    q.overdue_limit = json ? 0 : 100;
    const char *lim = opt(c, "overdue-limit");
    if (lim) {
        int64_t v;
        if (!num_parse_u63z(lim, &v) || v > 1000000)
            return error_set(e, ERR_INVALID, "overdue-limit",
                             "Số nhiệm vụ quá hạn cần liệt kê (--overdue-limit) phải là số từ 0 "
                             "(tất cả) đến 1.000.000");
        q.overdue_limit = (size_t)v;
    }
    struct summary s;
    if ((rc = app_summary(&c->app, &q, &s, e)))
        return rc;
    if (json) {
        json_t *j = counts_json(s.c);
        json_t *u = json_object();
        json_object_set_new(u, "id", json_integer(s.unit_id));
        json_object_set_new(u, "name", json_str(s.unit_name));
        json_object_set_new(j, "unit", u);
        json_object_set_new(j, "subtree", json_boolean(q.subtree));
        json_object_set_new(j, "as_of", json_day(s.as_of));
        json_object_set_new(j, "soon_days", json_integer(s.soon_days));
        json_t *bu = json_array();
        for (size_t i = 0; i < s.n_by_unit; i++) {
            json_t *x = counts_json(s.by_unit[i].c);
            json_t *xu = json_object();
            json_object_set_new(xu, "id", json_integer(s.by_unit[i].unit_id));
            json_object_set_new(xu, "name", json_str(s.by_unit[i].name));
            json_object_set_new(x, "unit", xu);
            json_array_append_new(bu, x);
        }
        json_object_set_new(j, "by_unit", bu);
        json_t *ov = json_array();
        for (size_t i = 0; i < s.n_overdue; i++) {
            const struct overdue_item *o = &s.overdue[i];
            json_t *x = json_object();
            json_object_set_new(x, "id", json_integer(o->id));
            json_object_set_new(x, "content", json_str(o->content));
            json_t *xu = json_object();
            json_object_set_new(xu, "id", json_integer(o->lead_unit_id));
            json_object_set_new(xu, "name", json_str(o->lead_name));
            json_object_set_new(x, "lead_unit", xu);
            json_object_set_new(x, "deadline", json_day(o->deadline));
            json_object_set_new(x, "days_overdue", json_integer(o->days_overdue));
            json_array_append_new(ov, x);
        }
        json_object_set_new(j, "overdue", ov);
        print_json(j);
        return ERR_OK;
    }
    char d[16], d2[16];
    printf("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ: %s%s\n", s.unit_name,
           q.subtree ? " và các đơn vị trực thuộc" : "");
    printf("Tính đến ngày %s", day_format_vn(s.as_of, d));
    if (q.by)
        printf("; nhiệm vụ do %s giao", q.by);
    if (q.from || q.to) {
        day_num f = DAY_NONE, t = DAY_NONE;
        app_parse_day(&c->app, q.from, true, "from", &f, NULL);
        app_parse_day(&c->app, q.to, true, "to", &t, NULL);
        printf("; giao từ %s đến %s", f == DAY_NONE ? "..." : day_format_vn(f, d),
               t == DAY_NONE ? "..." : day_format_vn(t, d2));
    }
    if (q.key_only)
        printf("; chỉ nhiệm vụ trọng tâm");
    printf("\n");
    print_counts_text(&s);
    if (s.n_by_unit > 1) {
        printf("\nTheo đơn vị chủ trì (giao / đúng hạn / quá hạn đã xong / trong hạn / quá "
               "hạn):\n");
        for (size_t i = 0; i < s.n_by_unit; i++) {
            const int64_t *x = s.by_unit[i].c;
            size_t w = text_display_width(s.by_unit[i].name);
            printf("  %s%*s %5lld %5lld %5lld %5lld %5lld\n", s.by_unit[i].name,
                   w < 50 ? (int)(50 - w) : 0, "",
                   (long long)x[CNT_ASSIGNED], (long long)(x[CNT_DONE_BEFORE] + x[CNT_DONE_ON_DAY]),
                   (long long)x[CNT_DONE_LATE], (long long)x[CNT_OPEN_IN_TIME],
                   (long long)x[CNT_OPEN_OVERDUE]);
        }
    }
    if (s.n_overdue) {
        size_t all = (size_t)s.c[CNT_OPEN_OVERDUE], shown = s.n_overdue;
        printf("\nNhiệm vụ quá hạn (%zu):\n", all);
        for (size_t i = 0; i < shown; i++) {
            const struct overdue_item *o = &s.overdue[i];
            printf("  #%-6lld %4d ngày  hạn %s  %s: %s\n", (long long)o->id, o->days_overdue,
                   day_format_vn(o->deadline, d), o->lead_name ? o->lead_name : "",
                   o->content ? o->content : "");
        }
        if (shown < all)
            printf("  ... và %zu nhiệm vụ khác (xem task list --category open_overdue)\n",
                   all - shown);
    }
    return ERR_OK;
}

static int report_documents(struct cli *c, struct error *e)
{
    bool json;
    int rc = want_json(c, &json, e);
    if (rc)
        return rc;
    if (!opt(c, "unit"))
        return error_set(e, ERR_INVALID, "unit", "Thiếu đơn vị (--unit)");
    struct doc_counts dc;
    if ((rc = app_doc_counts(&c->app, opt(c, "unit"), opt_flag(c, "subtree"), opt(c, "from"),
                             opt(c, "to"), &dc, e)))
        return rc;
    if (json) {
        json_t *j = json_object();
        json_object_set_new(j, "incoming", json_integer(dc.incoming));
        json_object_set_new(j, "incoming_processed", json_integer(dc.incoming_processed));
        json_object_set_new(j, "outgoing", json_integer(dc.outgoing));
        json_t *bt = json_object();
        for (size_t i = 0; i < dc.n_types; i++)
            json_object_set_new(bt, dc.outgoing_by_type[i].type,
                                json_integer(dc.outgoing_by_type[i].count));
        json_object_set_new(j, "outgoing_by_type", bt);
        print_json(j);
        return ERR_OK;
    }
    struct buf b = BUF_INIT(64);
    printf("Văn bản đến:            %s\n", (buf_add_vnum(&b, dc.incoming), b.data));
    buf_reset(&b);
    printf("Văn bản đến đã xử lý:   %s\n", (buf_add_vnum(&b, dc.incoming_processed), b.data));
    buf_reset(&b);
    printf("Văn bản đi (ban hành):  %s\n", (buf_add_vnum(&b, dc.outgoing), b.data));
    for (size_t i = 0; i < dc.n_types; i++) {
        buf_reset(&b);
        buf_add_vnum(&b, dc.outgoing_by_type[i].count);
        printf("  loại %s%*s %s\n", dc.outgoing_by_type[i].type,
               (int)(6 - (text_display_width(dc.outgoing_by_type[i].type) < 6
                              ? text_display_width(dc.outgoing_by_type[i].type)
                              : 6)),
               "", b.data);
    }
    buf_release(&b);
    return ERR_OK;
}

static int search_cmd(struct cli *c, struct error *e)
{
    bool json;
    const char *q;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = pos_arg(c, 0, "từ khóa", &q, e)))
        return rc;
    /* Several words may come unquoted: `search kenh muong` is `search "kenh muong"`. */
    for (size_t i = 1; i < c->args.n_pos; i++)
        q = arena_printf(c->app.a, "%s %s", q, c->args.pos[i]);
    struct search_hit *h;
    size_t n;
    if ((rc = app_search(&c->app, q, "query", 50, &h, &n, e)))
        return rc;
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *x = json_object();
            json_object_set_new(x, "kind", json_string(h[i].kind));
            json_object_set_new(x, "id", json_integer(h[i].id));
            json_object_set_new(x, "text", json_str(h[i].text));
            json_object_set_new(x, "date", json_day(h[i].day));
            json_array_append_new(arr, x);
        }
        json_t *j = json_object();
        json_object_set_new(j, "total", json_integer((json_int_t)n));
        json_object_set_new(j, "items", arr);
        print_json(j);
        return ERR_OK;
    }
    static const struct {
        const char *kind, *label;
    } labels[] = {{"task", "nhiệm vụ"}, {"meeting", "cuộc họp"}, {"document", "văn bản"},
                  {"unit", "đơn vị"}};
    for (size_t i = 0; i < n; i++) {
        const char *label = h[i].kind;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
            if (strcmp(labels[k].kind, h[i].kind) == 0)
                label = labels[k].label;
        char d[16];
        printf("%-9s #%-6lld %-10s %s\n", label, (long long)h[i].id, day_format_vn(h[i].day, d),
               h[i].text ? h[i].text : "");
    }
    if (!n)
        printf("Không tìm thấy kết quả nào.\n");
    return ERR_OK;
}

const struct command report_commands[] = {
    {"report", "summary", report_summary, "unit=,subtree,by=,from=,to=,as-of=,key,format=,overdue-limit=", 0,
     "giaoban report summary --unit ĐƠN_VỊ [--subtree] [--by ĐƠN_VỊ_GIAO] [--from NGÀY --to NGÀY] "
     "[--as-of NGÀY] [--key] [--overdue-limit N] [--format text|json]\nSố liệu thực hiện nhiệm "
     "vụ tính đến một ngày (mặc định hôm nay); --from/--to lọc theo ngày giao (không có: không "
     "giới hạn); --overdue-limit: "
     "chỉ liệt kê N nhiệm vụ quá hạn nhiều ngày nhất (mặc định 100 khi in ra màn hình, tất cả "
     "với --format json).",
     true},
    {"report", "documents", report_documents, "unit=,subtree,from=,to=,format=", 0,
     "giaoban report documents --unit ĐƠN_VỊ [--subtree] --from NGÀY --to NGÀY [--format "
     "text|json]\nSố văn bản đến, đi và theo loại trong kỳ.",
     true},
    {"search", NULL, search_cmd, "format=", CLI_WORDS_ANY,
     "giaoban search TỪ_KHÓA... [--format text|json]\nTìm nhiệm vụ, cuộc họp, văn bản, đơn vị; "
     "không cần gõ dấu (\"kenh muong\" tìm được \"kênh mương\"); nhiều từ không cần đặt trong "
     "dấu nháy.",
     true},
    {0},
};
