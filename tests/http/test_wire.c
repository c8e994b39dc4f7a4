/*
 * tests/http/test_wire.c - the JSON written as text (wire_summary_text, wire_task_list_text,
 * wire_task_view_text): it parses, and every integer and string reads back as it was,
 * extremes, nulls, control characters and Vietnamese included; every record of
 * http/record.c is what jansson would write, with the members its schema lists; the
 * on-time rate's text is rounded exactly.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "http/http_int.h"
#include "http/record.h"
#include "http/wire.h"

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

/* ---- every record of http/record.c: text jansson writes again byte for byte, members as the
 * schema lists them ---- */

static void check_record(const char *what, const struct rec_desc *d, const void *rec)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    rec_write(&b, d, rec);
    json_t *j = parse(&b, what);
    if (!j) {
        buf_release(&b);
        return;
    }
    char *again = json_dumps(j, JSON_COMPACT);
    if (!CHECK(what, again && strcmp(again, b.data) == 0))
        printf("  text:    %.300s\n  jansson: %.300s\n", b.data, again ? again : "(null)");
    free(again);
    json_t *back = rec_json(d, rec);
    CHECK("rec_json reads the text back", json_equal(back, j));
    json_decref(back);
    json_t *s = rec_schema_json(d), *props = json_object_get(s, "properties"), *v;
    const char *k;
    size_t i;
    json_object_foreach(j, k, v) if (!CHECK(what, json_object_get(props, k) != NULL))
        printf("  %s: member %s not in the schema\n", d->name, k);
    json_array_foreach(json_object_get(s, "required"), i, v)
        if (!CHECK(what, json_object_get(j, json_string_value(v)) != NULL))
            printf("  %s: required %s not written\n", d->name, json_string_value(v));
    json_decref(s);
    json_decref(j);
    buf_release(&b);
}

static const char *rate_text(int64_t on, int64_t late, int64_t overdue, char *value, size_t n)
{
    static char text[64];
    struct rec_summary s = {0};
    s.s.c[CNT_DONE_BEFORE] = on;
    s.s.c[CNT_DONE_LATE] = late;
    s.s.c[CNT_OPEN_OVERDUE] = overdue;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    rec_write(&b, &rec_summary, &s);
    json_t *j = json_loads(b.data, 0, NULL), *r = json_object_get(j, "on_time_rate");
    snprintf(text, sizeof text, "%s", json_string_value(json_object_get(r, "text")));
    const char *p = strstr(b.data, "\"value\":");
    snprintf(value, n, "%.*s", p ? (int)strcspn(p + 8, ",") : 0, p ? p + 8 : "");
    json_decref(j);
    buf_release(&b);
    return text;
}

static void test_records(void)
{
    const char *aliases[] = {"Cửa Lò", "TX CL", NULL};
    struct unit_rec u = {.id = 5, .code = "NA.CL", .name = "UBND thị xã Cửa Lò", .kind = "huyen",
                         .parent_id = 1, .valid_from = 16436, .valid_to = DAY_NONE,
                         .aliases = aliases};
    check_record("unit", &rec_unit, &u);
    u.aliases = NULL;
    u.parent_id = 0;
    check_record("unit without aliases", &rec_unit, &u);
    struct person_rec p = {.id = 1, .name = "Nguyễn Văn A", .unit_id = 5};
    check_record("person", &rec_person, &p);
    static const int64_t att[2] = {5, 6};
    struct meeting_rec m = {.id = 2, .kind = "giao_ban", .title = "Giao ban tháng 9", .day = 18520,
                            .chair_name = "Chủ tịch", .host_unit_id = 5, .period_from = DAY_NONE,
                            .period_to = DAY_NONE, .attending = att, .n_attending = 2};
    check_record("meeting", &rec_meeting, &m);
    struct doc_rec d = {.id = 3, .direction = DOC_OUT, .unit_id = 5, .number = "5/TB-UBND",
                        .type = "TB", .day = 18521, .subject = "Kết luận", .handle_deadline = DAY_NONE,
                        .processed_day = DAY_NONE, .meeting_id = 2};
    check_record("document", &rec_document, &d);
    d.direction = DOC_IN;
    check_record("incoming document", &rec_document, &d);
    struct rec_meeting_detail md = {.m = m, .notices = &d, .n_notices = 1};
    check_record("meeting detail without tasks", &rec_meeting_detail, &md);
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    wire_meeting_detail_text(&m, &d, 1, att, 2, &b);
    CHECK("meeting detail's task ids",
          strstr(b.data, "\"notices\":[{\"id\":3,\"number\":\"5/TB-UBND\",\"date\":\"2020-09-16\","
                         "\"subject\":\"Kết luận\"}],\"task_ids\":[5,6]}") != NULL);
    buf_release(&b);
    struct doc_type_count types[2] = {{.type = "CV", .count = 3}, {.type = "TB", .count = 1}};
    struct doc_counts dc = {.incoming = 4, .incoming_processed = 2, .outgoing = 4,
                            .outgoing_by_type = types, .n_types = 2};
    check_record("doc counts", &rec_doc_counts, &dc);
    struct account_rec a = {.id = 7, .username = "admin", .role = "admin", .unit_id = 1,
                            .disabled = true, .created_at = "2020-01-01T00:00:00Z"};
    check_record("account", &rec_account, &a);
    struct token_rec t = {.id = 2, .account_id = 7, .username = "admin", .unit_id = 1,
                          .created_at = "2020-01-01T00:00:00Z"};
    check_record("token", &rec_token, &t);
    struct audit_rec r = {.id = 9, .at = "2020-01-01T00:00:00Z", .actor = "cli:admin",
                          .action = "task.create", .object_kind = "task", .object_id = 4,
                          .before = "not json", .after = "{ \"a\" : [1, 2], \"b\": null }"};
    check_record("audit", &rec_audit, &r);
    json_t *ja = wire_audit(&r);
    CHECK("audit: not JSON is null", json_is_null(json_object_get(ja, "before")));
    CHECK_INT_EQ("audit: JSON embedded",
                 (int64_t)json_array_size(json_object_get(json_object_get(ja, "after"), "a")), 2);
    json_decref(ja);
    struct search_hit h = {.kind = "task", .id = 4, .text = "Nạo vét", .day = DAY_NONE};
    check_record("search hit", &rec_search_hit, &h);

    const char *co[2] = {"Phòng Kinh tế", "UBND xã"};
    struct extract_span co_spans[2] = {{10, 4}, {0, 0}};
    struct extract_task et[2] = {
        {.content = "Nạo vét kênh", .content_span = {0, 16}, .lead = "Phòng TC-KH", .lead_id = 5,
         .lead_known = true, .coordinating = co, .coordinating_spans = co_spans,
         .n_coordinating = 2, .deadline = 18520, .deadline_minute = 14 * 60,
         .deadline_text = "trước 14 giờ ngày 15/9", .confidence = 0.8},
        {.content = "x", .deadline = DAY_NONE, .deadline_minute = -1, .recurring = true,
         .confidence = 1.0, .reason = "không rõ đơn vị"}};
    struct extract_result er = {.tasks = et, .n_tasks = 2};
    check_record("extract", &rec_extract_result, &er);
    b = (struct buf)BUF_INIT(BUF_NO_LIMIT);
    rec_write(&b, &rec_extract_result, &er);
    CHECK("extract: confidence as jansson writes it", strstr(b.data, "\"confidence\":1.0,") &&
                                                         strstr(b.data, "0.80000000000000004"));
    CHECK("extract: spans", strstr(b.data, "\"coordinating\":[[10,4],null]") != NULL);
    CHECK("extract: time", strstr(b.data, "\"deadline_time\":\"14:00\"") != NULL);
    buf_release(&b);

    /* The rate: the fraction's double as before, the text from integers. */
    char value[64];
    CHECK_STR_EQ("rate 4/9", rate_text(4, 5, 0, value, sizeof value), "44,4%");
    CHECK_STR_EQ("rate 4/9 value", value, "0.44444444444444442");
    CHECK_STR_EQ("rate 1/1", rate_text(1, 0, 0, value, sizeof value), "100,0%");
    CHECK_STR_EQ("rate 1/1 value", value, "1");
    CHECK_STR_EQ("rate 0/3", rate_text(0, 1, 2, value, sizeof value), "0,0%");
    CHECK_STR_EQ("no base", rate_text(0, 0, 0, value, sizeof value), "—");
    CHECK_STR_EQ("no base value", value, "null");
    /* 201/400 is 50,25%: half up is 50,3% (the double 0.50249999... gave 50,2%). */
    CHECK_STR_EQ("rate 201/400 exact", rate_text(201, 199, 0, value, sizeof value), "50,3%");
    CHECK_STR_EQ("rate huge", rate_text(INT64_MAX / 4, INT64_MAX / 4, 0, value, sizeof value),
                 "50,0%");
    for (int64_t den = 1; den <= 300; den++)
        for (int64_t num = 0; num <= den; num++) {
            int64_t t10 = rec_rate_tenths(num, den);
            /* Exactly: t10 / 1000 - 1/2000 <= num / den < t10 / 1000 + 1/2000. */
            if (!CHECK("tenths rounded half up",
                       (2 * t10 - 1) * den <= 2000 * num && 2000 * num < (2 * t10 + 1) * den)) {
                printf("  %lld/%lld -> %lld\n", (long long)num, (long long)den, (long long)t10);
                return;
            }
        }
}

/* Every $ref of the OpenAPI document names a schema it has; every record has its schema. */
static void check_refs(json_t *doc, json_t *v, int *bad)
{
    const char *k;
    json_t *x;
    size_t i;
    if (json_is_array(v))
        json_array_foreach(v, i, x) check_refs(doc, x, bad);
    if (!json_is_object(v))
        return;
    json_object_foreach(v, k, x)
    {
        const char *ref = json_string_value(x);
        if (strcmp(k, "$ref") == 0 && ref && strncmp(ref, "#/components/", 13) == 0) {
            char kind[32], name[64];
            if (sscanf(ref + 13, "%31[^/]/%63s", kind, name) != 2 ||
                !json_object_get(json_object_get(json_object_get(doc, "components"), kind), name)) {
                printf("  dangling %s\n", ref);
                (*bad)++;
            }
        }
        check_refs(doc, x, bad);
    }
}

static void test_openapi(void)
{
    size_t len;
    const char *text = openapi_document(&len);
    json_t *doc = json_loadb(text, len, 0, NULL);
    if (!CHECK("openapi document parses", doc != NULL))
        return;
    int bad = 0;
    check_refs(doc, doc, &bad);
    CHECK_INT_EQ("no dangling $ref", bad, 0);
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    for (const struct rec_desc *const *d = rec_schemas; *d; d++) {
        json_t *want = rec_schema_json(*d);
        if (!CHECK((*d)->name, json_equal(json_object_get(schemas, (*d)->name), want)))
            printf("  %s: the document's schema is not the description's\n", (*d)->name);
        json_decref(want);
    }
    for (const struct rec_list_schema *l = rec_list_schemas; l->name; l++)
        CHECK(l->name, json_object_get(schemas, l->name) != NULL);
    json_decref(doc);
}

int main(void)
{
    test_task_list();
    test_records();
    test_openapi();
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
