/*
 * tests/extract/test_extract.c - the extractor's rules, one named row each:
 * every deadline form of the issue, the dates that are no deadlines, the
 * splitting rules, unit recognition, evidence spans, and bad input (invalid
 * UTF-8, legacy encodings, NFD, empty, NUL, 10 MB).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/day.h"
#include "extract/extract.h"
#include "util/arena.h"

static const char *al_tckh[] = {"Phòng Tài chính Kế hoạch Cửa Lò", NULL};
static const struct extract_unit dir_units[] = {
    {1, "Ủy ban nhân dân thị xã Cửa Lò", "UBND thị xã Cửa Lò", NULL, "huyen"},
    {2, "Phòng Tài chính - Kế hoạch thị xã Cửa Lò", "Phòng TC-KH", al_tckh, "phong"},
    {3, "Phòng Tài nguyên và Môi trường thị xã Cửa Lò", "Phòng TN&MT", NULL, "phong"},
    {4, "Chi cục Thuế thị xã Cửa Lò", "Chi cục Thuế", NULL, "khac"},
    {5, "Ủy ban nhân dân phường Nghi Thu", "UBND phường Nghi Thu", NULL, "xa"},
    {6, "Phòng Lao động - Thương binh và Xã hội thị xã Cửa Lò", NULL, NULL, "phong"},
};

static day_num D(int y, int m, int d)
{
    return day_from_ymd(y, m, d);
}

static int run(struct arena *a, const char *text, day_num meeting, const struct extract_dir *dir,
               struct extract_result *r)
{
    struct error e = ERROR_INIT;
    return extract_tasks(a, text, strlen(text), meeting, dir, r, &e);
}

struct dl_case {
    const char *name, *text;
    day_num meeting;
    day_num want;
    int minute;
    bool recurring;
};

static void test_deadlines(void)
{
    day_num m = D(2020, 9, 7);
    const struct dl_case cases[] = {
        {"trước ngày d/m", "Phòng TC-KH hoàn thành báo cáo trước ngày 15/9.", m, D(2020, 9, 15), -1,
         0},
        {"trước d/m/y", "Phòng TC-KH hoàn thành báo cáo trước 30/6/2021.", m, D(2021, 6, 30), -1,
         0},
        {"chậm nhất ngày", "Phòng TC-KH gửi báo cáo chậm nhất ngày 20/10.", m, D(2020, 10, 20), -1,
         0},
        {"trong tháng", "Phòng TC-KH hoàn thành kế hoạch trong tháng 10.", m, D(2020, 10, 31), -1,
         0},
        {"trong tháng m/y", "Phòng TC-KH hoàn thành kế hoạch trong tháng 10/2021.", m,
         D(2021, 10, 31), -1, 0},
        {"trong quý III", "Phòng TC-KH hoàn thành kế hoạch trong quý III.", m, D(2020, 9, 30), -1,
         0},
        {"trong quý 3/y", "Phòng TC-KH hoàn thành kế hoạch trong quý 3/2021.", m, D(2021, 9, 30),
         -1, 0},
        {"trong năm", "Phòng TC-KH hoàn thành kế hoạch trong năm 2021.", m, D(2021, 12, 31), -1, 0},
        {"cuối năm", "Phòng TC-KH hoàn thành kế hoạch cuối năm 2021.", m, D(2021, 12, 31), -1, 0},
        {"ngày d tháng m năm y", "Phòng TC-KH nộp báo cáo trước ngày 15 tháng 9 năm 2020.", m,
         D(2020, 9, 15), -1, 0},
        {"trước Tết Nguyên đán", "Phòng TC-KH chi trả trợ cấp trước Tết Nguyên đán.", m,
         D(2021, 2, 11), -1, 0},
        {"Tết with a year", "Phòng TC-KH chi trả trợ cấp trước Tết Nguyên đán Nhâm Dần 2022.", m,
         D(2022, 1, 31), -1, 0},
        {"an hour", "Phòng TC-KH gửi số liệu trước 14 giờ, ngày 05/12/2017.", D(2017, 12, 4),
         D(2017, 12, 5), 14 * 60, 0},
        {"an hour as 10h30", "Phòng TC-KH gửi số liệu trước 10h30 ngày 08/9/2021.", m,
         D(2021, 9, 8), 10 * 60 + 30, 0},
        {"thường xuyên", "Phòng TC-KH thường xuyên kiểm tra việc thu ngân sách.", m, DAY_NONE, -1,
         1},
        {"định kỳ", "Phòng TC-KH định kỳ báo cáo kết quả thu ngân sách.", m, DAY_NONE, -1, 1},
        {"kịp thời", "Phòng TC-KH kịp thời báo cáo kết quả thu ngân sách.", m, DAY_NONE, -1, 0},
        {"none", "Phòng TC-KH rà soát kết quả thu ngân sách.", m, DAY_NONE, -1, 0},
        {"cited document",
         "Phòng TC-KH thực hiện Thông báo số 290/TB-UBND ngày 06/7/2020 của UBND tỉnh.", m,
         DAY_NONE, -1, 0},
        {"a span", "Phòng TC-KH tổ chức kiểm tra từ ngày 15/9 đến ngày 31/12.", m, DAY_NONE, -1, 0},
        {"an event", "Phòng TC-KH chuẩn bị hội nghị diễn ra ngày 20/9/2020.", m, DAY_NONE, -1, 0},
        {"year roll-over", "Phòng TC-KH nộp báo cáo trước ngày 10/01.", m, D(2021, 1, 10), -1, 0},
        {"month roll-over", "Phòng TC-KH nộp báo cáo trong tháng 3.", m, D(2021, 3, 31), -1, 0},
        {"no meeting date", "Phòng TC-KH nộp báo cáo trước ngày 15/9.", DAY_NONE, DAY_NONE, -1, 0},
        {"dịp cuối năm", "Phòng TC-KH lập kế hoạch chi dịp cuối năm, xong trước ngày 15/12.", m,
         D(2020, 12, 15), -1, 0},
        {"a named day", "Phòng TC-KH sửa chữa phòng học trước ngày khai giảng 05/9/2021.", m,
         D(2021, 9, 5), -1, 0},
        {"a school year is no date", "Phòng TC-KH chuẩn bị kinh phí trong năm học 2021.", m,
         DAY_NONE, -1, 0},
        {"31/02 refused", "Phòng TC-KH nộp báo cáo trước ngày 31/02/2021.", m, DAY_NONE, -1, 0},
        /* Forms of real notices (issue #19). */
        {"dự kiến vào tháng", "Phòng TC-KH tổ chức hội nghị dự kiến vào tháng 10.", m,
         D(2020, 10, 31), -1, 0},
        {"3 tháng cuối năm", "Phòng TC-KH tập trung thu ngân sách trong 03 tháng cuối năm.", m,
         D(2020, 12, 31), -1, 0},
        {"hai tháng còn lại", "Phòng TC-KH rà soát các chỉ tiêu trong hai tháng còn lại.", m,
         D(2020, 12, 31), -1, 0},
        {"the later of two", "Phòng TC-KH rà soát hồ sơ cuối tháng 9 và trong tháng 10/2020.", m,
         D(2020, 10, 31), -1, 0},
        /* Counted from the meeting (Monday 7/9/2020): working days, calendar days, across
         * Quốc khánh (2/9/2020, a Wednesday; one day off that year). */
        {"ngày làm việc", "Phòng TC-KH trả lời công dân trong 10 ngày làm việc.", m,
         D(2020, 9, 21), -1, 0},
        {"ngày", "Phòng TC-KH trả lời công dân trong 15 ngày.", m, D(2020, 9, 22), -1, 0},
        {"ngày làm việc across 2/9", "Phòng TC-KH trả lời công dân trong 05 ngày làm việc.",
         D(2020, 8, 28), D(2020, 9, 7), -1, 0},
        {"kể từ: no day", "Phòng TC-KH giải quyết đơn trong 15 ngày kể từ ngày nhận đơn.", m,
         DAY_NONE, -1, 0},
    };
    struct extract_dir *dir = extract_dir_new(dir_units, 6, 1);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct dl_case *c = &cases[i];
        struct arena a = ARENA_INIT;
        struct extract_result r;
        if (CHECK_INT_EQ(c->name, run(&a, c->text, c->meeting, dir, &r), 0) &&
            CHECK_INT_EQ(c->name, r.n_tasks, 1)) {
            CHECK_INT_EQ(c->name, r.tasks[0].deadline, c->want);
            CHECK_INT_EQ(c->name, r.tasks[0].deadline_minute, c->minute);
            CHECK_INT_EQ(c->name, r.tasks[0].recurring, c->recurring);
            CHECK_INT_EQ(c->name, r.tasks[0].lead_id, 2);
        }
        arena_release(&a);
    }
    /* Without a meeting date the deadline keeps its text. */
    struct arena a = ARENA_INIT;
    struct extract_result r;
    if (CHECK_INT_EQ("text kept", run(&a, cases[23].text, DAY_NONE, dir, &r), 0) &&
        CHECK_INT_EQ("text kept", r.n_tasks, 1))
        CHECK_STR_EQ("text kept", r.tasks[0].deadline_text, "trước ngày 15/9");
    arena_release(&a);
    extract_dir_free(dir);
}

/* A relative deadline keeps its phrase and is never recurring. Counted from the meeting, it
 * gets its day with a reason and a lower confidence; from an event the text gives no day of
 * ("kể từ ngày nhận"), or without a meeting date, it has none and needs one. */
static void test_relative_deadline(void)
{
    struct extract_unit u[] = {{1, "Phòng Tài chính - Kế hoạch", "Phòng TC-KH", NULL, "phong"}};
    struct extract_dir *dir = extract_dir_new(u, 1, 0);
    const struct {
        const char *text;
        day_num meeting, want;
    } cases[] = {
        {"Phòng TC-KH trả lời công dân trong 10 ngày làm việc.", D(2020, 9, 7), D(2020, 9, 21)},
        {"Phòng TC-KH giải quyết đơn trong 15 ngày kể từ ngày nhận đơn.", D(2020, 9, 7), DAY_NONE},
        {"Phòng TC-KH trả lời công dân trong 10 ngày làm việc.", DAY_NONE, DAY_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a = ARENA_INIT;
        struct extract_result r;
        struct error e = ERROR_INIT;
        const char *text = cases[i].text;
        int rc = extract_tasks(&a, text, strlen(text), cases[i].meeting, dir, &r, &e);
        if (CHECK_INT_EQ("relative: rc", rc, 0) && CHECK_INT_EQ("relative: one task", r.n_tasks, 1)) {
            const struct extract_task *t = &r.tasks[0];
            CHECK_INT_EQ("relative: its day, or none", t->deadline, cases[i].want);
            CHECK("relative: needs a date when it has none",
                  t->needs_date == (cases[i].want == DAY_NONE));
            CHECK("relative: not recurring", !t->recurring);
            CHECK("relative: the phrase kept",
                  t->deadline_text && strstr(t->deadline_text, "ngày") != NULL);
            CHECK("relative: a reason and a lower confidence",
                  t->reason != NULL && t->confidence < 1.0);
        }
        arena_release(&a);
    }
    /* A dated deadline needs nothing. */
    struct arena a = ARENA_INIT;
    struct extract_result r;
    struct error e = ERROR_INIT;
    const char *t = "Phòng TC-KH nộp báo cáo trước ngày 15/9.";
    if (CHECK_INT_EQ("dated: rc", extract_tasks(&a, t, strlen(t), D(2020, 9, 7), dir, &r, &e), 0) &&
        CHECK_INT_EQ("dated: one task", r.n_tasks, 1))
        CHECK("dated: needs no date", !r.tasks[0].needs_date);
    arena_release(&a);
    extract_dir_free(dir);
}

static void test_units_and_splitting(void)
{
    struct extract_dir *dir = extract_dir_new(dir_units, 6, 1);
    struct arena a = ARENA_INIT;
    struct extract_result r;
    const char *text =
        "Chủ tịch UBND thị xã kết luận như sau:\n"
        "1. Chi cục Thuế chủ trì, phối hợp với Phòng Tài chính - Kế hoạch rà soát nợ đọng thuế, "
        "báo cáo UBND thị xã trước ngày 20/9.\n"
        "2. Phòng TN&MT kiểm tra việc sử dụng đất, Phòng LĐ-TB&XH rà soát hộ nghèo.\n"
        "3. Giao Phòng TC-KH:\n"
        "- Cân đối nguồn vốn;\n"
        "- Tham mưu phân bổ kinh phí.\n"
        "4. Các phòng, ban, đơn vị tiếp tục phát huy kết quả đạt được.\n"
        "5. Đề nghị Sở Xây dựng hướng dẫn lập quy hoạch.\n";
    if (CHECK_INT_EQ("notice", run(&a, text, D(2020, 9, 7), dir, &r), 0) &&
        CHECK_INT_EQ("five tasks, the exhortation left out", r.n_tasks, 6)) {
        const struct extract_task *t = r.tasks;
        CHECK_INT_EQ("lead before chủ trì", t[0].lead_id, 4);
        CHECK_INT_EQ("one coordinator", t[0].n_coordinating, 1);
        CHECK_INT_EQ("coordinator by full name without the town", t[0].coordinating_ids[0], 2);
        CHECK_INT_EQ("host is the addressee, not a unit of the task", t[0].n_coordinating, 1);
        CHECK_INT_EQ("deadline", t[0].deadline, D(2020, 9, 15) + 5);
        CHECK_STR_EQ("content trimmed of the units", t[0].content,
                     "rà soát nợ đọng thuế, báo cáo UBND thị xã trước ngày 20/9");
        CHECK_INT_EQ("two units two jobs: first", t[1].lead_id, 3);
        CHECK_INT_EQ("two units two jobs: second (abbreviation)", t[2].lead_id, 6);
        CHECK_STR_EQ("second job", t[2].content, "rà soát hộ nghèo");
        CHECK_INT_EQ("head's unit governs item 1", t[3].lead_id, 2);
        CHECK_INT_EQ("head's unit governs item 2", t[4].lead_id, 2);
        CHECK_STR_EQ("unknown unit as written", t[5].lead, "Sở Xây dựng");
        CHECK("unknown unit flagged", !t[5].lead_known && t[5].reason != NULL);
        /* Every span points at the text it names. */
        CHECK("lead span",
              strncmp(r.text + t[0].lead_span.start, "Chi cục Thuế", t[0].lead_span.len) == 0);
        CHECK("deadline span", strncmp(r.text + t[0].deadline_span.start, "trước ngày 20/9",
                                       t[0].deadline_span.len) == 0);
        CHECK("content span",
              strncmp(r.text + t[0].content_span.start, t[0].content, t[0].content_span.len) == 0);
    }
    arena_release(&a);

    /* A unit named as lead and again among the coordinators is listed once. */
    if (CHECK_INT_EQ("dedupe",
                     run(&a,
                         "Phòng TC-KH chủ trì, phối hợp với Phòng Tài chính - Kế "
                         "hoạch, Phòng TN&MT rà soát nguồn vốn.",
                         D(2020, 9, 7), dir, &r),
                     0) &&
        CHECK_INT_EQ("dedupe", r.n_tasks, 1)) {
        CHECK_INT_EQ("dedupe: one coordinator", r.tasks[0].n_coordinating, 1);
        CHECK_INT_EQ("dedupe: the other unit",
                     r.tasks[0].n_coordinating ? r.tasks[0].coordinating_ids[0] : 0, 3);
    }
    arena_release(&a);

    /* No directory: units from the text alone. */
    if (CHECK_INT_EQ("no directory",
                     run(&a,
                         "Phòng Tài nguyên và Môi trường kiểm tra việc "
                         "sử dụng đất trên địa bàn.",
                         DAY_NONE, NULL, &r),
                     0) &&
        CHECK_INT_EQ("no directory", r.n_tasks, 1))
        CHECK_STR_EQ("no directory", r.tasks[0].lead, "Phòng Tài nguyên và Môi trường");
    arena_release(&a);
    extract_dir_free(dir);
}

static void test_bad_input(void)
{
    struct arena a = ARENA_INIT;
    struct extract_result r;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("empty", extract_tasks(&a, "", 0, DAY_NONE, NULL, &r, &e), 0);
    CHECK_INT_EQ("empty gives none", r.n_tasks, 0);
    const char bad[] = "Ph\xf2ng T\xe0i ch\xednh"; /* Latin-1 / 8-bit bytes */
    CHECK_INT_EQ("invalid UTF-8", extract_tasks(&a, bad, sizeof bad - 1, DAY_NONE, NULL, &r, &e),
                 ERR_INVALID);
    CHECK_STR_EQ("names the field", e.field, "text");
    error_clear(&e);
    /* TCVN3 (ABC) bytes for "Phòng Tài chính": 8-bit, not UTF-8. */
    const char tcvn3[] = "Ph\xdfng T\xb5i ch\xddnh ho\xb5n th\xb5nh tr\xad\xed"
                         "c ng\xb5y 15/9";
    CHECK_INT_EQ("TCVN3", extract_tasks(&a, tcvn3, sizeof tcvn3 - 1, DAY_NONE, NULL, &r, &e),
                 ERR_INVALID);
    error_clear(&e);
    CHECK_INT_EQ("NUL", extract_tasks(&a, "a\0b", 3, DAY_NONE, NULL, &r, &e), ERR_INVALID);
    error_clear(&e);
    /* NFD (macOS): o + combining grave, a + combining grave... read like NFC. */
    const char nfd[] = "Pho\xcc\x80ng TC-KH hoa\xcc\x80n tha\xcc\x80nh ba\xcc\x81o ca\xcc\x81o "
                       "tr\xc6\xb0o\xcc\x9b\xcc\x81\x63 nga\xcc\x80y 15/9/2020.";
    if (CHECK_INT_EQ("NFD", extract_tasks(&a, nfd, sizeof nfd - 1, DAY_NONE, NULL, &r, &e), 0) &&
        CHECK_INT_EQ("NFD", r.n_tasks, 1))
        CHECK_INT_EQ("NFD deadline", r.tasks[0].deadline, D(2020, 9, 15));
    arena_release(&a);
    size_t big = 10u << 20;
    char *huge = malloc(big);
    memset(huge, 'a', big);
    CHECK_INT_EQ("10 MB", extract_tasks(&a, huge, big, DAY_NONE, NULL, &r, &e), ERR_TOO_BIG);
    error_clear(&e);
    /* 1 MB of repeated items: an answer, not a crash or a long wait. */
    size_t n = EXTRACT_MAX_TEXT - 100;
    const char *item = "- Phòng TC-KH hoàn thành trước ngày 15/9; ";
    size_t il = strlen(item);
    for (size_t i = 0; i + il < n; i += il)
        memcpy(huge + i, item, il);
    memset(huge + (n / il) * il, ' ', n - (n / il) * il);
    CHECK_INT_EQ("1 MB of items", extract_tasks(&a, huge, n, D(2020, 9, 7), NULL, &r, &e), 0);
    CHECK("1 MB of items gives tasks", r.n_tasks > 1000);
    free(huge);
    arena_release(&a);
}

int main(void)
{
    test_deadlines();
    test_relative_deadline();
    test_units_and_splitting();
    test_bad_input();
    return check_report();
}
