/*
 * cli/cmd_task.c - `giaoban task ...`: add, list, show, and one subcommand per event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/num.h"

static int task_add(struct cli *c, struct error *e)
{
    struct task_input in = {
        .content = opt(c, "content"), .lead = opt(c, "unit"), .assigner = opt(c, "by"),
        .assigner_person = opt(c, "by-person"), .coordinating = opt_all(c, "coord"),
        .assigned = opt(c, "assigned"), .deadline = opt(c, "deadline"),
        .deadline_time = opt(c, "time"), .notice = opt(c, "notice"), .meeting = opt(c, "meeting"),
        .parent = opt(c, "parent"), .sector = opt(c, "sector"), .key_task = opt_flag(c, "key")};
    if (!in.content)
        return error_set(e, ERR_INVALID, "content", "Thiếu nội dung nhiệm vụ (--content)");
    if (!in.lead)
        return error_set(e, ERR_INVALID, "unit", "Thiếu đơn vị chủ trì (--unit)");
    /* A recurring task is said so; an empty --deadline is refused by the parser. */
    if (in.deadline && strcmp(in.deadline, "none") == 0) {
        if (in.deadline_time)
            return error_set(e, ERR_INVALID, "time", "Nhiệm vụ không thời hạn không có giờ (--time)");
        in.deadline = NULL;
    }
    int64_t id;
    int rc = app_task_add(&c->app, &in, &id, e);
    if (!rc)
        printf("%lld\n", (long long)id);
    return rc;
}

static const char *category_label(const struct task_standing *st)
{
    if (st->bucket == TASK_OPEN_IN_TIME && st->due_soon)
        return "Sắp đến hạn";
    return task_bucket_label(st->bucket);
}

static const char *category_name(const struct task_standing *st)
{
    return task_bucket_name(st->bucket);
}

static json_t *task_json(const struct task_rec *t, const struct task_dates *d,
                         const struct task_standing *st, bool awaiting)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(t->id));
    json_object_set_new(j, "content", json_str(t->content));
    json_object_set_new(j, "source", json_string(task_source_name(t->source)));
    json_object_set_new(j, "notice_id", json_id(t->notice_id));
    json_object_set_new(j, "meeting_id", json_id(t->meeting_id));
    json_t *lead = json_object();
    json_object_set_new(lead, "id", json_integer(t->lead_unit_id));
    json_object_set_new(lead, "name", json_str(t->lead_name));
    json_object_set_new(j, "lead_unit", lead);
    json_t *by = json_null();
    if (t->assigner_unit_id) {
        by = json_object();
        json_object_set_new(by, "id", json_integer(t->assigner_unit_id));
        json_object_set_new(by, "name", json_str(t->assigner_name));
    }
    json_object_set_new(j, "assigned_by", by);
    if (t->coordinating) {
        json_t *co = json_array();
        for (size_t i = 0; i < t->n_coordinating; i++)
            json_array_append_new(co, json_integer(t->coordinating[i]));
        json_object_set_new(j, "coordinating", co);
    }
    json_object_set_new(j, "assigned", json_day(t->assigned));
    json_object_set_new(j, "deadline", json_day(t->deadline));
    json_object_set_new(j, "deadline_in_force", json_day(d->deadline));
    if (t->deadline_minute >= 0) {
        char hm[8];
        snprintf(hm, sizeof hm, "%02d:%02d", t->deadline_minute / 60 % 24,
                 t->deadline_minute % 60);
        json_object_set_new(j, "deadline_time", json_string(hm));
    }
    json_object_set_new(j, "completed", json_day(d->completed));
    json_object_set_new(j, "key_task", json_boolean(t->key_task));
    json_object_set_new(j, "sector", json_str(t->sector));
    json_object_set_new(j, "parent_id", json_id(t->parent_id));
    json_object_set_new(j, "state", json_string(task_state_name(t->state)));
    json_object_set_new(j, "category", json_string(category_name(st)));
    json_object_set_new(j, "due_soon", json_boolean(st->due_soon));
    json_object_set_new(j, "days_overdue", json_integer(st->days_overdue));
    json_object_set_new(j, "awaiting_confirmation", json_boolean(awaiting));
    json_object_set_new(j, "version", json_integer(t->version));
    return j;
}

static int task_list(struct cli *c, struct error *e)
{
    bool json;
    int rc = want_json(c, &json, e);
    if (rc)
        return rc;
    struct task_list_query q = {
        .unit = opt(c, "unit"), .subtree = opt_flag(c, "subtree"), .by = opt(c, "by"),
        .category = opt(c, "status"), .as_of = opt(c, "as-of"),
        .deadline_from = opt(c, "deadline-from"), .deadline_to = opt(c, "deadline-to"),
        .notice = opt(c, "notice"), .meeting = opt(c, "meeting"), .text = opt(c, "text"),
        .key_only = opt_flag(c, "key")};
    const char *lim = opt(c, "limit"), *off = opt(c, "offset");
    if (lim) {
        int64_t v;
        if (!num_parse_u63z(lim, &v) || v <= 0 || v > 1000000000)
            return error_set(e, ERR_INVALID, "limit", "--limit phải là số dương");
        q.limit = (size_t)v;
    }
    if (off) {
        int64_t v;
        if (!num_parse_u63z(off, &v) || v > 1000000000)
            return error_set(e, ERR_INVALID, "offset", "--offset phải là số không âm");
        q.offset = (size_t)v;
    }
    struct task_item *items;
    size_t n, total = 0;
    day_num as_of;
    if ((rc = app_task_list(&c->app, &q, &items, &n, &total, &as_of, e)))
        return rc;
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, task_json(&items[i].t, &items[i].dates,
                                                 &items[i].standing, items[i].awaiting));
        json_t *j = json_object();
        json_object_set_new(j, "total", json_integer((json_int_t)total));
        json_object_set_new(j, "as_of", json_day(as_of));
        json_object_set_new(j, "items", arr);
        print_json(j);
        return ERR_OK;
    }
    char d[16], d2[16];
    printf("Tình hình tính đến ngày %s:\n", day_format_vn(as_of, d));
    for (size_t i = 0; i < n; i++) {
        const struct task_item *it = &items[i];
        printf("#%-6lld %s\n        %s; hạn: %s; %s", (long long)it->t.id, it->t.content,
               it->t.lead_name,
               it->dates.deadline == DAY_NONE ? "thường xuyên"
                                              : day_format_vn(it->dates.deadline, d2),
               category_label(&it->standing));
        if (it->standing.bucket == TASK_OPEN_OVERDUE)
            printf(" %d ngày", it->standing.days_overdue);
        printf("\n");
    }
    printf("Hiển thị %zu / %zu nhiệm vụ.\n", n, total);
    return ERR_OK;
}

static int task_show(struct cli *c, struct error *e)
{
    bool json;
    int64_t id;
    day_num as_of;
    struct task_view v;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = pos_id(c, 0, "nhiệm vụ", &id, e)) ||
        (rc = app_parse_day(&c->app, opt(c, "as-of"), true, "as_of", &as_of, e)) ||
        (rc = app_task_view(&c->app, id, as_of, &v, e)))
        return rc;
    if (json) {
        json_t *j = task_json(&v.t, &v.dates, &v.standing, v.awaiting);
        json_object_set_new(j, "pending_extension", json_day(v.pending_ext));
        json_t *evs = json_array();
        for (size_t i = 0; i < v.n_events; i++) {
            const struct event_rec *ev = &v.events[i];
            json_t *x = json_object();
            json_object_set_new(x, "id", json_integer(ev->id));
            json_object_set_new(x, "kind", json_string(task_event_name(ev->kind)));
            json_object_set_new(x, "date", json_day(ev->day));
            json_object_set_new(x, "recorded_at", json_str(ev->recorded_at));
            json_object_set_new(x, "actor", json_str(ev->actor));
            json_object_set_new(x, "note", json_str(ev->note));
            json_object_set_new(x, "percent", ev->percent >= 0 ? json_integer(ev->percent)
                                                                : json_null());
            json_object_set_new(x, "new_deadline", json_day(ev->new_deadline));
            json_object_set_new(x, "late_request", json_boolean(ev->late_request));
            json_object_set_new(x, "evidence_doc_id", json_id(ev->evidence_doc_id));
            json_array_append_new(evs, x);
        }
        json_object_set_new(j, "events", evs);
        print_json(j);
        return ERR_OK;
    }
    char d[16], d2[16];
    const struct task_rec *t = &v.t;
    printf("Nhiệm vụ #%lld%s\n  %s\n", (long long)t->id, t->key_task ? " (trọng tâm)" : "",
           t->content);
    printf("  Chủ trì: %s\n", t->lead_name);
    if (t->assigner_name)
        printf("  Giao bởi: %s\n", t->assigner_name);
    printf("  Ngày giao: %s\n", day_format_vn(t->assigned, d));
    if (t->deadline == DAY_NONE)
        printf("  Thời hạn: không có (thường xuyên)\n");
    else if (v.dates.deadline != t->deadline)
        printf("  Thời hạn ban đầu: %s; thời hạn hiện hành (đã gia hạn): %s\n",
               day_format_vn(t->deadline, d), day_format_vn(v.dates.deadline, d2));
    else
        printf("  Thời hạn: %s\n", day_format_vn(t->deadline, d));
    printf("  Trạng thái: %s; %s", task_state_label(t->state), category_label(&v.standing));
    if (v.standing.bucket == TASK_OPEN_OVERDUE)
        printf(" (%d ngày)", v.standing.days_overdue);
    printf("\n");
    if (v.pending_ext != DAY_NONE)
        printf("  Đang chờ duyệt gia hạn đến %s\n", day_format_vn(v.pending_ext, d));
    printf("  Lịch sử:\n");
    if (!v.n_events)
        printf("    (chưa có)\n");
    for (size_t i = 0; i < v.n_events; i++) {
        const struct event_rec *ev = &v.events[i];
        printf("    %s  %s", day_format_vn(ev->day, d), task_event_label(ev->kind));
        if (ev->percent >= 0)
            printf(" %d%%", ev->percent);
        if (ev->new_deadline != DAY_NONE)
            printf(" → %s", day_format_vn(ev->new_deadline, d2));
        if (ev->late_request)
            printf(" [đề nghị sau khi đã quá hạn]");
        if (ev->note)
            printf(": %s", ev->note);
        printf("  (%s)\n", ev->actor ? ev->actor : "");
    }
    return ERR_OK;
}

/* One handler for every event: the table row says which. */
static int task_event_cmd(struct cli *c, enum task_event_kind kind, struct error *e)
{
    int64_t id, ev_id;
    int rc = pos_id(c, 0, "nhiệm vụ", &id, e);
    if (rc)
        return rc;
    const char *note = opt(c, "note");
    if (!note)
        note = opt(c, "reason");
    if (!note)
        note = opt(c, "result");
    int64_t version = 0;
    const char *v = opt(c, "if-version");
    if (v) {
        if (!num_parse_u63z(v, &version) || version <= 0)
            return error_set(e, ERR_INVALID, "if-version", "--if-version phải là số dương");
    }
    struct event_input in = {.kind = kind, .day = opt(c, "date"), .note = note,
                             .percent = opt(c, "percent"), .new_deadline = opt(c, "deadline"),
                             .evidence = opt(c, "evidence"), .actor_unit = opt(c, "as-unit"),
                             .expect_version = version};
    if ((rc = app_task_event(&c->app, id, &in, &ev_id, e)))
        return rc;
    printf("Đã ghi: %s (nhiệm vụ #%lld, sự kiện %lld)\n", task_event_label(kind), (long long)id,
           (long long)ev_id);
    return ERR_OK;
}

#define EVENT_FN(fn, kind)                                                                         \
    static int fn(struct cli *c, struct error *e)                                                  \
    {                                                                                              \
        return task_event_cmd(c, kind, e);                                                         \
    }
EVENT_FN(ev_progress, EV_PROGRESS)
EVENT_FN(ev_extend, EV_EXT_REQUEST)
EVENT_FN(ev_approve, EV_EXT_APPROVE)
EVENT_FN(ev_refuse, EV_EXT_REFUSE)
EVENT_FN(ev_done, EV_DONE_REPORT)
EVENT_FN(ev_confirm, EV_DONE_CONFIRM)
EVENT_FN(ev_reject, EV_DONE_REJECT)
EVENT_FN(ev_return, EV_RETURN)
EVENT_FN(ev_pause, EV_PAUSE)
EVENT_FN(ev_reopen, EV_REOPEN)
EVENT_FN(ev_cancel, EV_CANCEL)

#define EV_COMMON "date=,as-unit=,if-version="
#define EV_HELP_TAIL " [--date NGÀY] [--as-unit ĐƠN_VỊ] [--if-version N]"

const struct command task_commands[] = {
    {"task", "add", task_add,
     "content=,unit=,by=,by-person=,coord*,assigned=,deadline=,time=,notice=,meeting=,parent=,"
     "sector=,key", 0,
     "giaoban task add --content NỘI_DUNG --unit ĐƠN_VỊ_CHỦ_TRÌ [--by ĐƠN_VỊ_GIAO] "
     "[--by-person SỐ_CÁN_BỘ] [--coord ĐƠN_VỊ]... [--assigned NGÀY] [--deadline NGÀY|none "
     "[--time 14:00]] [--notice SỐ_VB] [--meeting SỐ] [--parent SỐ_NV] [--sector LĨNH_VỰC] "
     "[--key]\nGiao một nhiệm vụ; in ra số hiệu. Không có --deadline, hoặc --deadline none: "
     "nhiệm vụ thường xuyên. Không có --assigned: giao hôm nay; không có --by: đơn vị ban hành "
     "thông báo (--notice) hoặc chủ trì cuộc họp (--meeting). --notice: số và ký hiệu của "
     "thông báo như trên văn bản (250/TB-UBND) hoặc mã số văn bản.",
     true},
    {"task", "list", task_list,
     "unit=,subtree,by=,status=,as-of=,deadline-from=,deadline-to=,notice=,meeting=,text=,key,"
     "limit=,offset=,format=", 0,
     "giaoban task list [--unit ĐƠN_VỊ [--subtree]] [--by ĐƠN_VỊ_GIAO] [--status done_on_time|"
     "done_before|done_on_day|done_late|open_in_time|due_soon|open_overdue|no_deadline|open|done|"
     "awaiting_confirmation "
     "[--as-of NGÀY]] [--deadline-from NGÀY] [--deadline-to NGÀY] [--notice SỐ] [--meeting SỐ] "
     "[--text TỪ_KHÓA] [--key] [--limit N] [--offset N] [--format text|json]\nDanh sách nhiệm "
     "vụ; --as-of: tình hình tính đến ngày nào (mặc định hôm nay).",
     true},
    {"task", "show", task_show, "as-of=,format=", 1,
     "giaoban task show SỐ [--as-of NGÀY] [--format text|json]\nMột nhiệm vụ với toàn bộ lịch sử "
     "(tình hình tính đến --as-of, mặc định hôm nay).",
     true},
    {"task", "progress", ev_progress, EV_COMMON ",percent=,note=", 1,
     "giaoban task progress SỐ [--percent 0-100] [--note NỘI_DUNG]" EV_HELP_TAIL
     "\nBáo cáo tiến độ. --date: ngày của sự kiện, mặc định hôm nay (như mọi lệnh task ở "
     "dưới).",
     true},
    {"task", "extend", ev_extend, EV_COMMON ",deadline=,reason=", 1,
     "giaoban task extend SỐ --deadline NGÀY_MỚI --reason LÝ_DO" EV_HELP_TAIL
     "\nĐề nghị gia hạn.",
     true},
    {"task", "approve", ev_approve, EV_COMMON ",deadline=,note=", 1,
     "giaoban task approve SỐ [--deadline NGÀY] [--note GHI_CHÚ]" EV_HELP_TAIL
     "\nĐồng ý gia hạn (mặc định đến ngày đề nghị); thời hạn mới tính từ ngày đồng ý.",
     true},
    {"task", "refuse", ev_refuse, EV_COMMON ",reason=", 1,
     "giaoban task refuse SỐ --reason LÝ_DO" EV_HELP_TAIL "\nKhông đồng ý gia hạn.", true},
    {"task", "done", ev_done, EV_COMMON ",result=,evidence=", 1,
     "giaoban task done SỐ [--result KẾT_QUẢ] [--evidence SỐ_VĂN_BẢN]" EV_HELP_TAIL
     "\nBáo cáo hoàn thành (chờ xác nhận); ngày hoàn thành là ngày báo cáo.",
     true},
    {"task", "confirm", ev_confirm, EV_COMMON ",note=", 1,
     "giaoban task confirm SỐ [--note GHI_CHÚ]" EV_HELP_TAIL "\nXác nhận hoàn thành.", true},
    {"task", "reject", ev_reject, EV_COMMON ",reason=", 1,
     "giaoban task reject SỐ --reason LÝ_DO" EV_HELP_TAIL
     "\nTừ chối xác nhận hoàn thành: đơn vị thực hiện lại.",
     true},
    {"task", "return", ev_return, EV_COMMON ",reason=", 1,
     "giaoban task return SỐ --reason LÝ_DO" EV_HELP_TAIL
     "\nĐơn vị trả lại nhiệm vụ không thuộc thẩm quyền.",
     true},
    {"task", "pause", ev_pause, EV_COMMON ",reason=", 1,
     "giaoban task pause SỐ [--reason LÝ_DO]" EV_HELP_TAIL "\nTạm dừng nhiệm vụ.", true},
    {"task", "reopen", ev_reopen, EV_COMMON ",reason=", 1,
     "giaoban task reopen SỐ [--reason LÝ_DO]" EV_HELP_TAIL
     "\nMở lại nhiệm vụ đã hoàn thành, tạm dừng hoặc bị trả lại.",
     true},
    {"task", "cancel", ev_cancel, EV_COMMON ",reason=", 1,
     "giaoban task cancel SỐ --reason LÝ_DO" EV_HELP_TAIL
     "\nHủy nhiệm vụ (không xóa: lịch sử được giữ).",
     true},
    {0},
};
