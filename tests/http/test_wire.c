/*
 * tests/http/test_wire.c - the JSON written as text (wire_summary_text, wire_task_list_text,
 * wire_task_view_text): it parses, and every integer and string reads back as it was,
 * extremes, nulls, control characters and Vietnamese included.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "http/http_int.h"

static json_t *parse(const struct buf *b, const char *what)
{
    json_error_t err;
    json_t *j = json_loads(b->data, 0, &err);
    if (!CHECK(what, j != NULL))
        printf("  %s at %d: %.300s\n", err.text, err.position, b->data);
    return j;
}

static const char *str_of(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static int64_t int_of(json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static void test_task_list(void)
{
    static const int64_t coord[3] = {5, INT64_MAX, 1};
    struct task_item items[2] = {0};
    items[0].t = (struct task_rec){
        .id = INT64_MAX, .content = "Nạo vét \"kênh\" mương\\ trước 15/9\n\t\x01\x1f\x7f hết",
        .source = SOURCE_NOTICE, .notice_id = 295, .meeting_id = 56, .assigner_unit_id = 1,
        .assigner_name = "UBND thị xã Cửa Lò", .lead_unit_id = 10, .lead_name = "Phòng TC-KH",
        .coordinating = coord, .n_coordinating = 3, .assigned = 18500, .deadline = 18520,
        .deadline_minute = 14 * 60 + 5, .key_task = true, .sector = "Đô thị", .parent_id = 7,
        .state = STATE_IN_PROGRESS, .version = 3};
    items[0].dates = (struct task_dates){.deadline = 18530, .completed = DAY_NONE};
    items[0].standing = (struct task_standing){.bucket = TASK_OPEN_OVERDUE, .days_overdue = 41};
    items[0].awaiting = true;
    items[1].t = (struct task_rec){.id = 1, .content = "x", .source = SOURCE_DIRECT,
                                   .lead_unit_id = 2, .assigned = 0, .deadline = DAY_NONE,
                                   .deadline_minute = -1, .state = STATE_DONE, .version = 1};
    items[1].dates = (struct task_dates){.deadline = DAY_NONE, .completed = 18600};
    items[1].standing = (struct task_standing){.bucket = TASK_DONE_LATE};

    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    wire_task_list_text(items, 2, 123456789012LL, 18700, &b);
    json_t *j = parse(&b, "task page parses");
    if (!j)
        return;
    CHECK_INT_EQ("total", int_of(j, "total"), 123456789012LL);
    CHECK_STR_EQ("as_of", str_of(j, "as_of"), "2021-03-14");
    json_t *arr = json_object_get(j, "items");
    CHECK_INT_EQ("two items", (int64_t)json_array_size(arr), 2);
    json_t *a = json_array_get(arr, 0), *z = json_array_get(arr, 1);
    CHECK_INT_EQ("id", int_of(a, "id"), INT64_MAX);
    CHECK_STR_EQ("content with quotes, controls", str_of(a, "content"), items[0].t.content);
    CHECK_STR_EQ("source", str_of(a, "source"), "notice");
    CHECK_INT_EQ("notice", int_of(a, "notice_id"), 295);
    CHECK_INT_EQ("lead id", int_of(json_object_get(a, "lead_unit"), "id"), 10);
    CHECK_STR_EQ("lead name", str_of(json_object_get(a, "lead_unit"), "name"), "Phòng TC-KH");
    CHECK_STR_EQ("assigner", str_of(json_object_get(a, "assigned_by"), "name"),
                 "UBND thị xã Cửa Lò");
    json_t *co = json_object_get(a, "coordinating");
    CHECK_INT_EQ("coordinating", (int64_t)json_array_size(co), 3);
    CHECK_INT_EQ("coordinating max", json_integer_value(json_array_get(co, 1)), INT64_MAX);
    CHECK_STR_EQ("assigned", str_of(a, "assigned"), "2020-08-26");
    CHECK_STR_EQ("deadline", str_of(a, "deadline"), "2020-09-15");
    CHECK_STR_EQ("deadline in force", str_of(a, "deadline_in_force"), "2020-09-25");
    CHECK_STR_EQ("deadline time", str_of(a, "deadline_time"), "14:05");
    CHECK("not completed", json_is_null(json_object_get(a, "completed")));
    CHECK("key", json_is_true(json_object_get(a, "key_task")));
    CHECK_STR_EQ("sector", str_of(a, "sector"), "Đô thị");
    CHECK_INT_EQ("parent", int_of(a, "parent_id"), 7);
    CHECK_STR_EQ("state", str_of(a, "state"), "in_progress");
    CHECK_STR_EQ("category", str_of(a, "category"), "open_overdue");
    CHECK("not due soon", json_is_false(json_object_get(a, "due_soon")));
    CHECK_INT_EQ("days overdue", int_of(a, "days_overdue"), 41);
    CHECK("awaiting", json_is_true(json_object_get(a, "awaiting_confirmation")));
    CHECK_INT_EQ("version", int_of(a, "version"), 3);
    CHECK_INT_EQ("22 members", (int64_t)json_object_size(a), 22);

    CHECK("no notice is null", json_is_null(json_object_get(z, "notice_id")));
    CHECK("no assigner is null", json_is_null(json_object_get(z, "assigned_by")));
    CHECK("no coordinating member", json_object_get(z, "coordinating") == NULL);
    CHECK("no time member", json_object_get(z, "deadline_time") == NULL);
    CHECK("no deadline is null", json_is_null(json_object_get(z, "deadline")));
    CHECK_STR_EQ("day 0", str_of(z, "assigned"), "1970-01-01");
    CHECK_STR_EQ("completed", str_of(z, "completed"), "2020-12-04");
    CHECK("no sector is null", json_is_null(json_object_get(z, "sector")));
    CHECK_STR_EQ("category late", str_of(z, "category"), "done_late");
    CHECK_INT_EQ("20 members", (int64_t)json_object_size(z), 20);
    json_decref(j);

    buf_reset(&b);
    wire_task_list_text(items, 0, 0, DAY_NONE, &b);
    j = parse(&b, "empty page parses");
    CHECK_INT_EQ("empty page", (int64_t)json_array_size(json_object_get(j, "items")), 0);
    CHECK("no as_of is null", json_is_null(json_object_get(j, "as_of")));
    json_decref(j);

    struct event_rec ev[2] = {
        {.id = 9, .kind = EV_PROGRESS, .day = 18510, .recorded_at = "2020-09-05T03:04:05Z",
         .actor = "Nguyễn Văn \"A\"", .note = "đạt 50%\r\n", .percent = 50,
         .new_deadline = DAY_NONE, .evidence_doc_id = 0},
        {.id = 10, .kind = EV_EXT_REQUEST, .day = 18525, .recorded_at = NULL, .actor = NULL,
         .note = NULL, .percent = -1, .new_deadline = 18540, .late_request = true,
         .evidence_doc_id = 77}};
    struct task_view v = {.t = items[0].t, .events = ev, .n_events = 2,
                          .dates = items[0].dates, .standing = items[0].standing,
                          .pending_ext = 18540};
    buf_reset(&b);
    wire_task_view_text(&v, &b);
    j = parse(&b, "task view parses");
    if (j) {
        CHECK_INT_EQ("view id", int_of(j, "id"), INT64_MAX);
        CHECK_STR_EQ("pending", str_of(j, "pending_extension"), "2020-10-05");
        json_t *evs = json_object_get(j, "events");
        CHECK_INT_EQ("two events", (int64_t)json_array_size(evs), 2);
        json_t *e0 = json_array_get(evs, 0), *e1 = json_array_get(evs, 1);
        CHECK_STR_EQ("kind", str_of(e0, "kind"), task_event_name(EV_PROGRESS));
        CHECK_STR_EQ("actor", str_of(e0, "actor"), "Nguyễn Văn \"A\"");
        CHECK_STR_EQ("note", str_of(e0, "note"), "đạt 50%\r\n");
        CHECK_INT_EQ("percent", int_of(e0, "percent"), 50);
        CHECK("no new deadline", json_is_null(json_object_get(e0, "new_deadline")));
        CHECK("no evidence", json_is_null(json_object_get(e0, "evidence_doc_id")));
        CHECK("no percent", json_is_null(json_object_get(e1, "percent")));
        CHECK("no actor", json_is_null(json_object_get(e1, "actor")));
        CHECK_STR_EQ("new deadline", str_of(e1, "new_deadline"), "2020-10-05");
        CHECK("late", json_is_true(json_object_get(e1, "late_request")));
        CHECK_INT_EQ("evidence", int_of(e1, "evidence_doc_id"), 77);
        CHECK_INT_EQ("10 event members", (int64_t)json_object_size(e1), 10);
    }
    json_decref(j);
    buf_release(&b);
}

int main(void)
{
    test_task_list();
    static const int64_t values[] = {0, 7, -1, 1234567890123LL, INT64_MAX, INT64_MIN + 1};
    struct summary s = {.unit_id = 42, .unit_name = "UBND tỉnh \"Hồng Lam\"", .as_of = 20088,
                        .soon_days = 7};
    for (int k = 0; k < CNT_N; k++)
        s.c[k] = values[k % 6];
    struct unit_line lines[2] = {{.unit_id = INT64_MAX, .name = "Sở Xây dựng"},
                                 {.unit_id = 3, .name = NULL}};
    lines[0].c[CNT_ASSIGNED] = 9;
    lines[1].c[CNT_ASSIGNED] = -5;
    struct overdue_item od[2] = {
        {.id = 1000000, .content = "Rà soát\nhồ sơ đất đai", .lead_unit_id = 10,
         .lead_name = "Phòng TC-KH", .deadline = 19000, .days_overdue = 2147483647},
        {.id = 1, .content = "x", .lead_unit_id = 0, .deadline = DAY_NONE, .days_overdue = 0}};
    s.by_unit = lines;
    s.n_by_unit = 2;
    s.overdue = od;
    s.n_overdue = 2;

    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    wire_summary_text(&s, true, &b);
    json_error_t err;
    json_t *j = json_loads(b.data, 0, &err);
    if (!CHECK("summary text parses", j != NULL)) {
        printf("  %s at %d: %.200s\n", err.text, err.position, b.data);
        return check_report();
    }
    CHECK_INT_EQ("assigned", json_integer_value(json_object_get(j, "assigned")), s.c[CNT_ASSIGNED]);
    CHECK_INT_EQ("done_late", json_integer_value(json_object_get(j, "done_late")),
                 s.c[CNT_DONE_LATE]);
    CHECK_INT_EQ("cancelled", json_integer_value(json_object_get(j, "cancelled")),
                 s.c[CNT_CANCELLED]);
    json_t *unit = json_object_get(j, "unit");
    CHECK_INT_EQ("unit id", json_integer_value(json_object_get(unit, "id")), 42);
    CHECK_STR_EQ("unit name", json_string_value(json_object_get(unit, "name")), s.unit_name);
    json_t *by = json_object_get(j, "by_unit");
    CHECK_INT_EQ("two unit lines", (int64_t)json_array_size(by), 2);
    CHECK_INT_EQ("line unit id",
                 json_integer_value(json_object_get(json_object_get(json_array_get(by, 0), "unit"),
                                                    "id")),
                 INT64_MAX);
    CHECK_INT_EQ("negative count",
                 json_integer_value(json_object_get(json_array_get(by, 1), "assigned")), -5);
    json_t *ov = json_object_get(j, "overdue");
    CHECK_INT_EQ("two overdue", (int64_t)json_array_size(ov), 2);
    json_t *o0 = json_array_get(ov, 0);
    CHECK_INT_EQ("overdue id", json_integer_value(json_object_get(o0, "id")), 1000000);
    CHECK_INT_EQ("days overdue", json_integer_value(json_object_get(o0, "days_overdue")),
                 2147483647);
    CHECK_STR_EQ("content with a newline", json_string_value(json_object_get(o0, "content")),
                 "Rà soát\nhồ sơ đất đai");
    CHECK("no deadline is null", json_is_null(json_object_get(json_array_get(ov, 1), "deadline")));
    CHECK_INT_EQ("zero days", json_integer_value(json_object_get(json_array_get(ov, 1),
                                                                   "days_overdue")),
                 0);
    json_decref(j);
    buf_release(&b);
    return check_report();
}
