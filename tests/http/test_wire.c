/*
 * tests/http/test_wire.c - the summary's JSON written as text (wire_summary_text): it parses,
 * and every integer and string reads back as it was, extremes and Vietnamese included.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "http/http_int.h"

int main(void)
{
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
