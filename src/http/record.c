/*
 * http/record.c - the records' descriptions (record.h), the JSON text
 * writer that reads them, the same records as jansson values, and the
 * OpenAPI schemas made from them.
 *
 * The writer appends straight into a buf: a province's summary has 3,000
 * unit lines, a page 50 tasks, and building jansson objects, dumping and
 * freeing them cost more than computing the figures. Its bytes are those
 * jansson writes of rec_json()'s value (JSON_COMPACT, members in the order
 * listed) for every string without control characters; control characters
 * are escaped by buf_add_json_str (\u001f where jansson writes \u001F, \b
 * or a raw DEL): the same value, other bytes.
 */
#include "http/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/status.h"
#include "core/task.h"

/* ---- the tables ---- */

#define SPAN_DOC "[vị trí, độ dài] tính bằng byte của văn bản (UTF-8, NFC)"
#define KEY(k) .key = k, .qkey = ",\"" k "\":", .qlen = sizeof(",\"" k "\":") - 1
#define AT(T, m) .off = offsetof(T, m)
#define AT2(T, m) .off2 = offsetof(T, m)

static const char *source_name(int v)
{
    return task_source_name((enum task_source)v);
}
static const char *state_name(int v)
{
    return task_state_name((enum task_state)v);
}
static const char *bucket_name(int v)
{
    return task_bucket_name((enum task_bucket)v);
}
static const char *event_name(int v)
{
    return task_event_name((enum task_event_kind)v);
}
static const char *direction_name(int v)
{
    return v == DOC_IN ? "in" : "out";
}

#define T struct unit_rec
static const struct rec_field unit_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("code"), REC_TEXT, 0, AT(T, code), .doc = "Mã đơn vị, duy nhất (\"NA.CL.TCKH\")"},
    {KEY("name"), REC_TEXT, 0, AT(T, name), .doc = "Tên đầy đủ"},
    {KEY("short_name"), REC_TEXT, REC_NULLABLE, AT(T, short_name), .doc = "Tên ngắn"},
    {KEY("kind"), REC_TEXT, 0, AT(T, kind),
     .doc = "Loại: tinh, huyen, xa, so, phong, ban, trung_tam, khac"},
    {KEY("parent_id"), REC_ID, REC_NULLABLE, AT(T, parent_id),
     .doc = "Đơn vị cấp trên; null: cấp cao nhất"},
    {KEY("head_name"), REC_TEXT, REC_NULLABLE, AT(T, head_name), .doc = "Người đứng đầu"},
    {KEY("head_title"), REC_TEXT, REC_NULLABLE, AT(T, head_title), .doc = "Chức vụ người đứng đầu"},
    {KEY("valid_from"), REC_DATE, REC_NULLABLE, AT(T, valid_from), .doc = "Ngày bắt đầu hoạt động"},
    {KEY("valid_to"), REC_DATE, REC_NULLABLE, AT(T, valid_to),
     .doc = "Ngày giải thể hoặc sáp nhập; null: đang hoạt động"},
    {KEY("successor_id"), REC_ID, REC_NULLABLE, AT(T, successor_id),
     .doc = "Đơn vị kế thừa khi sáp nhập"},
    {KEY("aliases"), REC_TEXTS, REC_OPTIONAL, AT(T, aliases), .doc = "Tên gọi khác"},
    {0}};
#undef T
const struct rec_desc rec_unit = {"Unit", sizeof(struct unit_rec), unit_fields, false, "Đơn vị"};

#define T struct person_rec
static const struct rec_field person_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("name"), REC_TEXT, 0, AT(T, name), .doc = "Họ và tên"},
    {KEY("title"), REC_TEXT, REC_NULLABLE, AT(T, title), .doc = "Chức vụ"},
    {KEY("unit_id"), REC_ID, REC_NULLABLE, AT(T, unit_id), .doc = "Đơn vị công tác"},
    {0}};
#undef T
const struct rec_desc rec_person = {"Person", sizeof(struct person_rec), person_fields, false,
                                    "Cán bộ"};

#define T struct meeting_rec
static const struct rec_field meeting_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("kind"), REC_TEXT, 0, AT(T, kind), .doc = "Loại: giao_ban, lam_viec, kiem_tra, khac"},
    {KEY("title"), REC_TEXT, 0, AT(T, title), .doc = "Tên cuộc họp"},
    {KEY("date"), REC_DATE, REC_NULLABLE, AT(T, day), .doc = "Ngày họp"},
    {KEY("chair"), REC_TEXT, REC_NULLABLE, AT(T, chair_name), .doc = "Người chủ trì"},
    {KEY("host_unit_id"), REC_INT, 0, AT(T, host_unit_id), .doc = "Đơn vị chủ trì"},
    {KEY("period_from"), REC_DATE, REC_NULLABLE, AT(T, period_from), .doc = "Kỳ đánh giá: từ ngày"},
    {KEY("period_to"), REC_DATE, REC_NULLABLE, AT(T, period_to), .doc = "Kỳ đánh giá: đến ngày"},
    {KEY("notes"), REC_TEXT, REC_NULLABLE, AT(T, notes), .doc = "Ghi chú"},
    {KEY("attending"), REC_IDS, REC_OPTIONAL, AT(T, attending), AT2(T, n_attending),
     .doc = "Các đơn vị dự họp"},
    {0}};
#undef T
const struct rec_desc rec_meeting = {"Meeting", sizeof(struct meeting_rec), meeting_fields, false,
                                     "Cuộc họp"};

#define T struct doc_rec
static const struct rec_field document_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("direction"), REC_ENUM, 0, AT(T, direction), .enum_name = direction_name,
     .enum_lo = DOC_IN, .enum_hi = DOC_OUT, .doc = "Văn bản đến (in) hay đi (out)"},
    {KEY("unit_id"), REC_INT, 0, AT(T, unit_id), .doc = "Đơn vị có sổ văn bản"},
    {KEY("number"), REC_TEXT, REC_NULLABLE, AT(T, number), .doc = "Số, ký hiệu (\"5/TB-UBND\")"},
    {KEY("type"), REC_TEXT, REC_NULLABLE, AT(T, type),
     .doc = "Loại văn bản: TB, QĐ, CV, KH, BC..."},
    {KEY("issuer"), REC_TEXT, REC_NULLABLE, AT(T, issuer), .doc = "Cơ quan ban hành"},
    {KEY("date"), REC_DATE, REC_NULLABLE, AT(T, day), .doc = "Ngày ban hành (đi) hoặc ngày đến"},
    {KEY("subject"), REC_TEXT, REC_NULLABLE, AT(T, subject), .doc = "Trích yếu"},
    {KEY("handler_unit_id"), REC_ID, REC_NULLABLE, AT(T, handler_unit_id), .doc = "Đơn vị xử lý"},
    {KEY("deadline"), REC_DATE, REC_NULLABLE, AT(T, handle_deadline), .doc = "Hạn xử lý"},
    {KEY("processed"), REC_DATE, REC_NULLABLE, AT(T, processed_day), .doc = "Ngày xử lý xong"},
    {KEY("meeting_id"), REC_ID, REC_NULLABLE, AT(T, meeting_id),
     .doc = "Cuộc họp (thông báo kết luận)"},
    {0}};
static const struct rec_field notice_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu văn bản"},
    {KEY("number"), REC_TEXT, REC_NULLABLE, AT(T, number), .doc = "Số, ký hiệu"},
    {KEY("date"), REC_DATE, REC_NULLABLE, AT(T, day), .doc = "Ngày ban hành"},
    {KEY("subject"), REC_TEXT, REC_NULLABLE, AT(T, subject), .doc = "Trích yếu"},
    {0}};
#undef T
const struct rec_desc rec_document = {"Document", sizeof(struct doc_rec), document_fields, false,
                                      "Văn bản đến hoặc đi"};
const struct rec_desc rec_notice = {"Notice", sizeof(struct doc_rec), notice_fields, false,
                                    "Thông báo kết luận của cuộc họp"};

#define T struct rec_meeting_detail
static const struct rec_field meeting_detail_fields[] = {
    {KEY(""), REC_INLINE, 0, AT(T, m), .sub = &rec_meeting},
    {KEY("notices"), REC_ARRAY, 0, AT(T, notices), AT2(T, n_notices), .sub = &rec_notice,
     .doc = "Thông báo kết luận của cuộc họp"},
    {KEY("task_ids"), REC_IDS, 0, AT(T, task_ids), AT2(T, n_task_ids),
     .doc = "Các nhiệm vụ kết luận tại cuộc họp"},
    {0}};
#undef T
const struct rec_desc rec_meeting_detail = {"MeetingDetail", sizeof(struct rec_meeting_detail),
                                            meeting_detail_fields, false,
                                            "Một cuộc họp với thông báo kết luận và nhiệm vụ"};

#define T struct task_item
static const struct rec_field task_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, t.id), .doc = "Số hiệu"},
    {KEY("content"), REC_TEXT, 0, AT(T, t.content), .doc = "Nội dung nhiệm vụ"},
    {KEY("source"), REC_ENUM, 0, AT(T, t.source), .enum_name = source_name,
     .enum_lo = SOURCE_DIRECT, .enum_hi = SOURCE_MEETING,
     .doc = "Nguồn: chỉ đạo trực tiếp, thông báo kết luận, cuộc họp"},
    {KEY("notice_id"), REC_ID, REC_NULLABLE, AT(T, t.notice_id), .doc = "Thông báo kết luận"},
    {KEY("meeting_id"), REC_ID, REC_NULLABLE, AT(T, t.meeting_id), .doc = "Cuộc họp"},
    {KEY("lead_unit"), REC_REF, 0, AT(T, t.lead_unit_id), AT2(T, t.lead_name),
     .doc = "Đơn vị chủ trì"},
    {KEY("assigned_by"), REC_REF, REC_NULLABLE, AT(T, t.assigner_unit_id), AT2(T, t.assigner_name),
     .doc = "Đơn vị giao"},
    {KEY("coordinating"), REC_IDS, REC_OPTIONAL, AT(T, t.coordinating), AT2(T, t.n_coordinating),
     .doc = "Các đơn vị phối hợp"},
    {KEY("assigned"), REC_DATE, REC_NULLABLE, AT(T, t.assigned), .doc = "Ngày giao"},
    {KEY("deadline"), REC_DATE, REC_NULLABLE, AT(T, t.deadline),
     .doc = "Thời hạn ban đầu; null: nhiệm vụ thường xuyên"},
    {KEY("deadline_in_force"), REC_DATE, REC_NULLABLE, AT(T, dates.deadline),
     .doc = "Thời hạn có hiệu lực vào ngày tính (sau gia hạn)"},
    {KEY("deadline_time"), REC_TIME, REC_OPTIONAL, AT(T, t.deadline_minute),
     .doc = "Giờ của thời hạn (\"14:00\"); chỉ có khi thời hạn có giờ"},
    {KEY("completed"), REC_DATE, REC_NULLABLE, AT(T, dates.completed),
     .doc = "Ngày hoàn thành (đã được xác nhận vào ngày tính)"},
    {KEY("key_task"), REC_BOOL, 0, AT(T, t.key_task), .doc = "Nhiệm vụ trọng tâm"},
    {KEY("sector"), REC_TEXT, REC_NULLABLE, AT(T, t.sector), .doc = "Lĩnh vực"},
    {KEY("parent_id"), REC_ID, REC_NULLABLE, AT(T, t.parent_id), .doc = "Nhiệm vụ cha"},
    {KEY("state"), REC_ENUM, 0, AT(T, t.state), .enum_name = state_name,
     .enum_lo = STATE_NOT_STARTED, .enum_hi = STATE_RETURNED, .doc = "Trạng thái xử lý"},
    {KEY("category"), REC_ENUM, 0, AT(T, standing.bucket), .enum_name = bucket_name,
     .enum_lo = TASK_UNCOUNTED, .enum_hi = TASK_NO_DEADLINE_OPEN, .doc = "Tình hình vào ngày tính"},
    {KEY("due_soon"), REC_BOOL, 0, AT(T, standing.due_soon), .doc = "Trong hạn, sắp đến hạn"},
    {KEY("days_overdue"), REC_INT32, 0, AT(T, standing.days_overdue),
     .doc = "Số ngày quá hạn (0 nếu không quá hạn)"},
    {KEY("awaiting_confirmation"), REC_BOOL, 0, AT(T, awaiting),
     .doc = "Đã báo cáo hoàn thành, chờ xác nhận"},
    {KEY("version"), REC_INT, 0, AT(T, t.version),
     .doc = "Phiên bản (ETag; gửi lại trong If-Match khi ghi)"},
    {0}};
#undef T
const struct rec_desc rec_task = {"Task", sizeof(struct task_item), task_fields, false,
                                  "Nhiệm vụ, tình hình tính đến ngày as_of"};

#define T struct event_rec
static const struct rec_field event_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("kind"), REC_ENUM, 0, AT(T, kind), .enum_name = event_name, .enum_lo = EV_PROGRESS,
     .enum_hi = EV_KIND_MAX, .doc = "Loại sự kiện"},
    {KEY("date"), REC_DATE, REC_NULLABLE, AT(T, day), .doc = "Ngày của sự kiện"},
    {KEY("recorded_at"), REC_TEXT, REC_NULLABLE, AT(T, recorded_at),
     .doc = "Thời điểm ghi nhận (UTC, ISO 8601)"},
    {KEY("actor"), REC_TEXT, REC_NULLABLE, AT(T, actor), .doc = "Người hoặc đơn vị thực hiện"},
    {KEY("note"), REC_TEXT, REC_NULLABLE, AT(T, note), .doc = "Nội dung, lý do, kết quả"},
    {KEY("percent"), REC_INT32, REC_NULLABLE, AT(T, percent), .doc = "Phần trăm tiến độ"},
    {KEY("new_deadline"), REC_DATE, REC_NULLABLE, AT(T, new_deadline),
     .doc = "Thời hạn đề nghị hoặc được gia hạn"},
    {KEY("late_request"), REC_BOOL, 0, AT(T, late_request),
     .doc = "Đề nghị gia hạn sau khi đã quá hạn"},
    {KEY("evidence_doc_id"), REC_ID, REC_NULLABLE, AT(T, evidence_doc_id),
     .doc = "Văn bản báo cáo kết quả"},
    {0}};
#undef T
const struct rec_desc rec_event = {"Event", sizeof(struct event_rec), event_fields, true,
                                   "Sự kiện trong lịch sử nhiệm vụ"};

#define T struct rec_task_detail
static const struct rec_field task_detail_fields[] = {
    {KEY(""), REC_INLINE, 0, AT(T, item), .sub = &rec_task},
    {KEY("pending_extension"), REC_DATE, REC_NULLABLE, AT(T, pending_ext),
     .doc = "Ngày đề nghị gia hạn đang chờ trả lời"},
    {KEY("events"), REC_ARRAY, 0, AT(T, events), AT2(T, n_events), .sub = &rec_event,
     .doc = "Lịch sử, theo thứ tự xảy ra"},
    {0}};
#undef T
const struct rec_desc rec_task_detail = {"TaskDetail", sizeof(struct rec_task_detail),
                                         task_detail_fields, false,
                                         "Một nhiệm vụ với toàn bộ lịch sử"};

#define T struct rec_page
static const struct rec_field task_list_fields[] = {
    {KEY("total"), REC_SIZE, 0, AT(T, total), .doc = "Tổng số nhiệm vụ thỏa điều kiện"},
    {KEY("items"), REC_ARRAY, 0, AT(T, items), AT2(T, n), .sub = &rec_task, .doc = "Trang này"},
    {KEY("as_of"), REC_DATE, REC_NULLABLE, AT(T, as_of), .doc = "Ngày tính tình hình"},
    {0}};
#undef T
const struct rec_desc rec_task_list = {"TaskList", sizeof(struct rec_page), task_list_fields, false,
                                       "Một trang nhiệm vụ"};

#define T int64_t
/* clang-format off */
#define CNT(k, i, d) {KEY(k), REC_INT, 0, .off = (i) * sizeof(int64_t), .doc = d}
#define SUM(k, i, j, d) \
    {KEY(k), REC_SUM, 0, .off = (i) * sizeof(int64_t), .off2 = (j) * sizeof(int64_t), .doc = d}
#define COUNTS \
    CNT("assigned", CNT_ASSIGNED, "Số nhiệm vụ được giao (không kể đã hủy)"), \
    SUM("done_on_time", CNT_DONE_BEFORE, CNT_DONE_ON_DAY, "Hoàn thành đúng hạn"), \
    CNT("done_before", CNT_DONE_BEFORE, "Hoàn thành trước hạn"), \
    CNT("done_on_day", CNT_DONE_ON_DAY, "Hoàn thành đúng ngày hạn"), \
    CNT("done_late", CNT_DONE_LATE, "Hoàn thành quá hạn"), \
    CNT("open_in_time", CNT_OPEN_IN_TIME, "Chưa hoàn thành, trong hạn"), \
    CNT("due_soon", CNT_DUE_SOON, "Trong hạn, sắp đến hạn"), \
    CNT("open_overdue", CNT_OPEN_OVERDUE, "Chưa hoàn thành, quá hạn"), \
    SUM("no_deadline", CNT_NODL_DONE, CNT_NODL_OPEN, "Không thời hạn"), \
    CNT("no_deadline_done", CNT_NODL_DONE, "Không thời hạn, đã hoàn thành"), \
    CNT("no_deadline_open", CNT_NODL_OPEN, "Không thời hạn, chưa hoàn thành"), \
    CNT("cancelled", CNT_CANCELLED, "Đã hủy"), \
    CNT("awaiting_confirmation", CNT_AWAITING, "Đã báo cáo hoàn thành, chờ xác nhận")
/* clang-format on */
#define RATE_DOC                                                                                   \
    "Tỷ lệ đúng hạn = đúng hạn / (đúng hạn + hoàn thành quá hạn + chưa hoàn thành quá hạn)"
static const struct rec_field counts_fields[] = {
    COUNTS, {KEY("on_time_rate"), REC_RATE, 0, .off = 0, .doc = RATE_DOC}, {0}};
/* The summary's own counters: the same, with the rate's formula (once per answer, not once
 * for each unit line). */
static const struct rec_field counts_top_fields[] = {
    COUNTS, {KEY("on_time_rate"), REC_RATE, REC_FORMULA, .off = 0, .doc = RATE_DOC}, {0}};
#undef CNT
#undef SUM
#undef COUNTS
#undef T
const struct rec_desc rec_counts = {"Counts", sizeof(int64_t[CNT_N]), counts_fields, true,
                                    "Số nhiệm vụ theo tình hình"};
static const struct rec_desc rec_counts_top = {"Counts", sizeof(int64_t[CNT_N]), counts_top_fields,
                                               true, NULL};

#define T struct unit_line
static const struct rec_field unit_line_fields[] = {
    {KEY(""), REC_INLINE, 0, AT(T, c), .sub = &rec_counts},
    {KEY("unit"), REC_REF, 0, AT(T, unit_id), AT2(T, name), .doc = "Đơn vị chủ trì"},
    {0}};
#undef T
const struct rec_desc rec_unit_line = {"UnitLine", sizeof(struct unit_line), unit_line_fields,
                                       false, "Số liệu của một đơn vị"};

#define T struct overdue_item
static const struct rec_field overdue_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu nhiệm vụ"},
    {KEY("content"), REC_TEXT, 0, AT(T, content), .doc = "Nội dung"},
    {KEY("lead_unit"), REC_REF, 0, AT(T, lead_unit_id), AT2(T, lead_name), .doc = "Đơn vị chủ trì"},
    {KEY("deadline"), REC_DATE, REC_NULLABLE, AT(T, deadline), .doc = "Thời hạn có hiệu lực"},
    {KEY("days_overdue"), REC_INT32, 0, AT(T, days_overdue), .doc = "Số ngày quá hạn"},
    {0}};
#undef T
const struct rec_desc rec_overdue = {"OverdueTask", sizeof(struct overdue_item), overdue_fields,
                                     false, "Nhiệm vụ quá hạn"};

#define T struct rec_summary
static const struct rec_field summary_fields[] = {
    {KEY(""), REC_INLINE, 0, AT(T, s.c), .sub = &rec_counts_top},
    {KEY("unit"), REC_REF, 0, AT(T, s.unit_id), AT2(T, s.unit_name), .doc = "Đơn vị"},
    {KEY("subtree"), REC_BOOL, 0, AT(T, subtree), .doc = "Gồm cả các đơn vị trực thuộc"},
    {KEY("as_of"), REC_DATE, REC_NULLABLE, AT(T, s.as_of), .doc = "Ngày tính"},
    {KEY("soon_days"), REC_INT32, 0, AT(T, s.soon_days),
     .doc = "Số ngày trước hạn được tính là sắp đến hạn"},
    {KEY("by_unit"), REC_ARRAY, 0, AT(T, s.by_unit), AT2(T, s.n_by_unit), .sub = &rec_unit_line,
     .doc = "Theo đơn vị chủ trì: quá hạn nhiều trước, rồi theo tên"},
    {KEY("overdue"), REC_ARRAY, 0, AT(T, s.overdue), AT2(T, s.n_overdue), .sub = &rec_overdue,
     .doc = "Nhiệm vụ quá hạn, quá hạn lâu nhất trước"},
    {0}};
#undef T
const struct rec_desc rec_summary = {"Summary", sizeof(struct rec_summary), summary_fields, false,
                                     "Tổng hợp tình hình thực hiện nhiệm vụ"};

#define T struct doc_counts
static const struct rec_field doc_counts_fields[] = {
    {KEY("incoming"), REC_INT, 0, AT(T, incoming), .doc = "Văn bản đến trong kỳ"},
    {KEY("incoming_processed"), REC_INT, 0, AT(T, incoming_processed),
     .doc = "Văn bản đến đã xử lý trong kỳ"},
    {KEY("outgoing"), REC_INT, 0, AT(T, outgoing), .doc = "Văn bản đi trong kỳ"},
    {KEY("outgoing_by_type"), REC_COUNT_MAP, 0, AT(T, outgoing_by_type), AT2(T, n_types),
     .doc = "Văn bản đi theo loại"},
    {0}};
#undef T
const struct rec_desc rec_doc_counts = {"DocCounts", sizeof(struct doc_counts), doc_counts_fields,
                                        false, "Số văn bản trong kỳ"};

#define T struct account_rec
static const struct rec_field account_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("username"), REC_TEXT, 0, AT(T, username), .doc = "Tên đăng nhập"},
    {KEY("role"), REC_TEXT, 0, AT(T, role), .doc = "Vai trò: admin, leader, office, unit, viewer"},
    {KEY("unit_id"), REC_INT, 0, AT(T, unit_id),
     .doc = "Đơn vị: thấy và thay đổi đơn vị này và các đơn vị trực thuộc"},
    {KEY("disabled"), REC_BOOL, 0, AT(T, disabled), .doc = "Đã khóa"},
    {KEY("created_at"), REC_TEXT, 0, AT(T, created_at), .doc = "Thời điểm tạo (UTC, ISO 8601)"},
    {0}};
#undef T
const struct rec_desc rec_account = {"Account", sizeof(struct account_rec), account_fields, false,
                                     "Tài khoản"};

#define T struct token_rec
static const struct rec_field token_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("account_id"), REC_INT, 0, AT(T, account_id), .doc = "Tài khoản"},
    {KEY("username"), REC_TEXT, 0, AT(T, username), .doc = "Tên đăng nhập của tài khoản"},
    {KEY("label"), REC_TEXT, REC_NULLABLE, AT(T, label), .doc = "Ghi chú"},
    {KEY("created_at"), REC_TEXT, 0, AT(T, created_at), .doc = "Thời điểm tạo (UTC, ISO 8601)"},
    {KEY("revoked"), REC_BOOL, 0, AT(T, revoked), .doc = "Đã thu hồi"},
    {0}};
#undef T
const struct rec_desc rec_token = {"TokenInfo", sizeof(struct token_rec), token_fields, false,
                                   "Mã truy cập API (không gồm mã)"};

#define T struct audit_rec
static const struct rec_field audit_fields[] = {
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("at"), REC_TEXT, 0, AT(T, at), .doc = "Thời điểm (UTC, ISO 8601)"},
    {KEY("actor"), REC_TEXT, 0, AT(T, actor), .doc = "Người thực hiện (\"cli:TÊN\" từ dòng lệnh)"},
    {KEY("address"), REC_TEXT, REC_NULLABLE, AT(T, address), .doc = "Địa chỉ máy khách"},
    {KEY("action"), REC_TEXT, 0, AT(T, action), .doc = "Thao tác (\"task.create\"...)"},
    {KEY("object_kind"), REC_TEXT, REC_NULLABLE, AT(T, object_kind), .doc = "Loại đối tượng"},
    {KEY("object_id"), REC_ID, REC_NULLABLE, AT(T, object_id), .doc = "Số hiệu đối tượng"},
    {KEY("before"), REC_JSON, REC_NULLABLE, AT(T, before), .doc = "Trước khi thay đổi"},
    {KEY("after"), REC_JSON, REC_NULLABLE, AT(T, after), .doc = "Sau khi thay đổi"},
    {0}};
#undef T
const struct rec_desc rec_audit = {"Audit", sizeof(struct audit_rec), audit_fields, false,
                                   "Một dòng nhật ký thao tác"};

#define T struct search_hit
static const struct rec_field search_hit_fields[] = {
    {KEY("kind"), REC_TEXT, 0, AT(T, kind), .doc = "task, meeting, document hoặc unit"},
    {KEY("id"), REC_INT, 0, AT(T, id), .doc = "Số hiệu"},
    {KEY("text"), REC_TEXT, REC_NULLABLE, AT(T, text), .doc = "Nội dung tìm thấy"},
    {KEY("date"), REC_DATE, REC_NULLABLE, AT(T, day), .doc = "Ngày"},
    {0}};
#undef T
const struct rec_desc rec_search_hit = {"SearchHit", sizeof(struct search_hit), search_hit_fields,
                                        false, "Kết quả tìm kiếm"};

#define T struct extract_task
static const struct rec_field extract_evidence_fields[] = {
    {KEY("content"), REC_SPAN, REC_NULLABLE, AT(T, content_span), .doc = SPAN_DOC},
    {KEY("lead"), REC_SPAN, REC_NULLABLE, AT(T, lead_span), .doc = SPAN_DOC},
    {KEY("coordinating"), REC_SPANS, 0, AT(T, coordinating_spans), AT2(T, n_coordinating),
     .doc = "Nguồn của từng đơn vị phối hợp"},
    {KEY("deadline"), REC_SPAN, REC_NULLABLE, AT(T, deadline_span), .doc = SPAN_DOC},
    {0}};
static const struct rec_field extract_task_fields[] = {
    {KEY("content"), REC_TEXT, 0, AT(T, content), .doc = "Nội dung nhiệm vụ"},
    {KEY("lead"), REC_TEXT, REC_NULLABLE, AT(T, lead),
     .doc = "Đơn vị chủ trì: tên trong danh mục khi nhận ra, nếu không thì như văn bản viết"},
    {KEY("lead_known"), REC_BOOL, 0, AT(T, lead_known), .doc = "Đơn vị chủ trì có trong danh mục"},
    {KEY("lead_id"), REC_ID, REC_NULLABLE, AT(T, lead_id), .doc = "Số hiệu đơn vị chủ trì"},
    {KEY("coordinating"), REC_TEXTS_N, 0, AT(T, coordinating), AT2(T, n_coordinating),
     .doc = "Các đơn vị phối hợp"},
    {KEY("deadline"), REC_DATE, REC_NULLABLE, AT(T, deadline), .doc = "Thời hạn"},
    {KEY("deadline_time"), REC_TIME, REC_OPTIONAL, AT(T, deadline_minute),
     .doc = "HH:MM, chỉ khi thời hạn có giờ"},
    {KEY("deadline_text"), REC_TEXT, REC_NULLABLE, AT(T, deadline_text),
     .doc = "Thời hạn như văn bản viết"},
    {KEY("recurring"), REC_BOOL, 0, AT(T, recurring), .doc = "Nhiệm vụ thường xuyên"},
    {KEY("needs_date"), REC_BOOL, 0, AT(T, needs_date),
     .doc = "Có thời hạn nhưng không xác định được ngày (tính từ một sự kiện văn bản không ghi "
            "ngày): cần người nhập ghi ngày"},
    {KEY("evidence"), REC_OBJECT, 0, .off = 0, .sub = &rec_extract_evidence,
     .doc = "Nguồn trong văn bản của từng phần"},
    {KEY("confidence"), REC_HUNDREDTHS, 0, AT(T, confidence), .doc = "Độ tin cậy, từ 0 đến 1"},
    {KEY("reason"), REC_TEXT, REC_NULLABLE, AT(T, reason), .doc = "Vì sao độ tin cậy thấp"},
    {0}};
#undef T
const struct rec_desc rec_extract_evidence = {"ExtractEvidence", sizeof(struct extract_task),
                                              extract_evidence_fields, true, "Nguồn trong văn bản"};
const struct rec_desc rec_extract_task = {"ExtractTask", sizeof(struct extract_task),
                                          extract_task_fields, false,
                                          "Một nhiệm vụ đọc được từ thông báo kết luận"};

#define T struct extract_result
static const struct rec_field extract_result_fields[] = {
    {KEY("tasks"), REC_ARRAY, 0, AT(T, tasks), AT2(T, n_tasks), .sub = &rec_extract_task,
     .doc = "Các nhiệm vụ đề xuất, theo thứ tự trong văn bản"},
    {0}};
#undef T
const struct rec_desc rec_extract_result = {"ExtractResult", sizeof(struct extract_result),
                                            extract_result_fields, false,
                                            "Nhiệm vụ đề xuất từ văn bản"};

const struct rec_desc *const rec_schemas[] = {&rec_unit,
                                              &rec_person,
                                              &rec_meeting,
                                              &rec_meeting_detail,
                                              &rec_document,
                                              &rec_notice,
                                              &rec_task,
                                              &rec_event,
                                              &rec_task_detail,
                                              &rec_task_list,
                                              &rec_counts,
                                              &rec_unit_line,
                                              &rec_overdue,
                                              &rec_summary,
                                              &rec_doc_counts,
                                              &rec_account,
                                              &rec_token,
                                              &rec_audit,
                                              &rec_search_hit,
                                              &rec_extract_result,
                                              &rec_extract_task,
                                              &rec_extract_evidence,
                                              NULL};

const struct rec_list_schema rec_list_schemas[] = {
    {"UnitList", &rec_unit},         {"PersonList", &rec_person},     {"MeetingList", &rec_meeting},
    {"DocumentList", &rec_document}, {"AccountList", &rec_account},   {"AuditList", &rec_audit},
    {"TokenInfoList", &rec_token},   {"SearchList", &rec_search_hit}, {NULL, NULL}};

/* ---- the rate, in integers ---- */

void rec_rate(const int64_t c[CNT_N], int64_t *num, int64_t *den)
{
    if (!summary_on_time_fraction(c, num, den)) /* app's rule, the one */
        *den = 0;
}

int64_t rec_rate_tenths(int64_t num, int64_t den)
{
    __extension__ typedef __int128 wide;
    return (int64_t)(((wide)num * 2000 + den) / ((wide)den * 2));
}

/* ---- the writer ---- */

/* A decimal integer: a province's summary writes 40,000 of them, and printf's parsing of
 * its format was a tenth of the answer's time. */
static void put_num(struct buf *b, long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--i] = '-';
    buf_add(b, tmp + i, sizeof tmp - i);
}

static void put_str(struct buf *b, const char *s)
{
    if (!s) {
        buf_add(b, "null", 4);
        return;
    }
    buf_addc(b, '"');
    buf_add_json_str(b, s);
    buf_addc(b, '"');
}

static void put_ref(struct buf *b, int64_t id, const char *name)
{
    buf_add(b, "{\"id\":", 6);
    put_num(b, id);
    buf_add(b, ",\"name\":", 8);
    put_str(b, name);
    buf_addc(b, '}');
}

/* The rate as the JSON number of the double nearest num/den (printf's %.17g, the one
 * division: the figure itself is the fraction), and as Vietnamese writes it ("44,4%"; "—"
 * without a base), from tenths of a percent computed in integers. */
static void put_rate(struct buf *b, const int64_t *c, bool formula)
{
    int64_t num, den;
    rec_rate(c, &num, &den);
    if (!den || num < 0) { /* no base (or counters gone wrong): no rate */
        buf_adds(b, "{\"value\":null,\"text\":\"—\"");
    } else {
        buf_addf(b, "{\"value\":%.17g,\"text\":\"", (double)num / (double)den);
        int64_t t = rec_rate_tenths(num, den);
        put_num(b, t / 10);
        buf_addc(b, ',');
        put_num(b, t % 10);
        buf_add(b, "%\"", 2);
    }
    if (formula) {
        buf_adds(b, ",\"formula\":");
        put_str(b, summary_rate_formula);
    }
    buf_addc(b, '}');
}

/* [start, length] in bytes of the text read; null when the part has no source. */
static void put_span(struct buf *b, struct extract_span sp)
{
    if (!sp.len) {
        buf_add(b, "null", 4);
        return;
    }
    buf_addc(b, '[');
    put_num(b, (long long)sp.start);
    buf_addc(b, ',');
    put_num(b, (long long)sp.len);
    buf_addc(b, ']');
}

/* A score (not a figure: extract/'s confidence), cut to hundredths as the API always did. */
static double hundredths(double x)
{
    return (double)(int)(x * 100) / 100;
}

/* A real as jansson writes one: %.17g, and ".0" when that looks like an integer. */
static void put_real(struct buf *b, double x)
{
    char tmp[40];
    int n = snprintf(tmp, sizeof tmp, "%.17g", x);
    buf_add(b, tmp, (size_t)n);
    if (strspn(tmp, "0123456789-") == (size_t)n)
        buf_add(b, ".0", 2);
}

static void put_members(struct buf *b, const struct rec_field *f, const char *base, bool *first);

static void put_object(struct buf *b, const struct rec_desc *d, const char *base)
{
    bool first = true;
    buf_addc(b, '{');
    put_members(b, d->fields, base, &first);
    buf_addc(b, '}');
}

#define VAL(type, off) (*(const type *)(const void *)(base + (off)))

static void put_members(struct buf *b, const struct rec_field *f, const char *base, bool *first)
{
    for (; f->qkey; f++) {
        /* Members left out when absent, before any comma. */
        switch (f->type) {
        case REC_TIME:
            if (VAL(int, f->off) < 0)
                continue;
            break;
        case REC_IDS:
        case REC_TEXTS:
            if ((f->flags & REC_OPTIONAL) && !VAL(const void *, f->off))
                continue;
            break;
        case REC_INLINE:
            put_members(b, f->sub->fields, base + f->off, first);
            continue;
        default:
            break;
        }
        buf_add(b, f->qkey + *first, f->qlen - *first);
        *first = false;
        switch (f->type) {
        case REC_INT:
            put_num(b, VAL(int64_t, f->off));
            break;
        case REC_INT32: {
            int v = VAL(int, f->off);
            if (v < 0 && (f->flags & REC_NULLABLE))
                buf_add(b, "null", 4);
            else
                put_num(b, v);
            break;
        }
        case REC_SIZE:
            put_num(b, (long long)VAL(size_t, f->off));
            break;
        case REC_ID: {
            int64_t v = VAL(int64_t, f->off);
            if (v)
                put_num(b, v);
            else
                buf_add(b, "null", 4);
            break;
        }
        case REC_SUM:
            put_num(b, VAL(int64_t, f->off) + VAL(int64_t, f->off2));
            break;
        case REC_BOOL:
            if (VAL(bool, f->off))
                buf_add(b, "true", 4);
            else
                buf_add(b, "false", 5);
            break;
        case REC_TEXT:
            put_str(b, VAL(const char *, f->off));
            break;
        case REC_DATE: {
            day_num d = VAL(day_num, f->off);
            char iso[16];
            put_str(b, d == DAY_NONE ? NULL : day_format_iso(d, iso));
            break;
        }
        case REC_TIME: {
            int m = VAL(int, f->off);
            char hm[8] = {'"',
                          (char)('0' + m / 60 % 24 / 10),
                          (char)('0' + m / 60 % 24 % 10),
                          ':',
                          (char)('0' + m % 60 / 10),
                          (char)('0' + m % 60 % 10),
                          '"',
                          '\0'};
            buf_add(b, hm, 7);
            break;
        }
        case REC_ENUM:
            put_str(b, f->enum_name(VAL(int, f->off)));
            break;
        case REC_REF: {
            int64_t id = VAL(int64_t, f->off);
            if (!id && (f->flags & REC_NULLABLE))
                buf_add(b, "null", 4);
            else
                put_ref(b, id, VAL(const char *, f->off2));
            break;
        }
        case REC_IDS: {
            const int64_t *v = VAL(const int64_t *, f->off);
            size_t n = VAL(size_t, f->off2);
            buf_addc(b, '[');
            for (size_t i = 0; i < n; i++) {
                if (i)
                    buf_addc(b, ',');
                put_num(b, v[i]);
            }
            buf_addc(b, ']');
            break;
        }
        case REC_TEXTS: {
            const char *const *v = VAL(const char *const *, f->off);
            buf_addc(b, '[');
            for (size_t i = 0; v && v[i]; i++) {
                if (i)
                    buf_addc(b, ',');
                put_str(b, v[i]);
            }
            buf_addc(b, ']');
            break;
        }
        case REC_OBJECT:
            put_object(b, f->sub, base + f->off);
            break;
        case REC_ARRAY: {
            const char *v = VAL(const char *, f->off);
            size_t n = VAL(size_t, f->off2);
            buf_addc(b, '[');
            for (size_t i = 0; i < n; i++) {
                if (i)
                    buf_addc(b, ',');
                put_object(b, f->sub, v + i * f->sub->size);
            }
            buf_addc(b, ']');
            break;
        }
        case REC_JSON: {
            /* Written by app_audit: read and written again, so that what is embedded is
             * one JSON value whatever the text holds (not JSON: null). */
            const char *text = VAL(const char *, f->off);
            json_t *j = text ? json_loads(text, 0, NULL) : NULL;
            char *out = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
            buf_adds(b, out ? out : "null");
            free(out);
            json_decref(j);
            break;
        }
        case REC_RATE:
            put_rate(b, (const int64_t *)(const void *)(base + f->off),
                     (f->flags & REC_FORMULA) != 0);
            break;
        case REC_COUNT_MAP: {
            const struct doc_type_count *v = VAL(const struct doc_type_count *, f->off);
            size_t n = VAL(size_t, f->off2);
            buf_addc(b, '{');
            for (size_t i = 0; i < n; i++) {
                if (i)
                    buf_addc(b, ',');
                put_str(b, v[i].type);
                buf_addc(b, ':');
                put_num(b, v[i].count);
            }
            buf_addc(b, '}');
            break;
        }
        case REC_TEXTS_N: {
            const char *const *v = VAL(const char *const *, f->off);
            size_t n = VAL(size_t, f->off2);
            buf_addc(b, '[');
            for (size_t i = 0; i < n; i++) {
                if (i)
                    buf_addc(b, ',');
                put_str(b, v[i]);
            }
            buf_addc(b, ']');
            break;
        }
        case REC_SPAN:
            put_span(b, VAL(struct extract_span, f->off));
            break;
        case REC_SPANS: {
            const struct extract_span *v = VAL(const struct extract_span *, f->off);
            size_t n = VAL(size_t, f->off2);
            buf_addc(b, '[');
            for (size_t i = 0; i < n; i++) {
                if (i)
                    buf_addc(b, ',');
                put_span(b, v[i]);
            }
            buf_addc(b, ']');
            break;
        }
        case REC_HUNDREDTHS:
            put_real(b, hundredths(VAL(double, f->off)));
            break;
        case REC_INLINE:
            break; /* written above */
        }
    }
}

void rec_write(struct buf *b, const struct rec_desc *d, const void *rec)
{
    put_object(b, d, rec);
}

void rec_write_page(struct buf *b, const struct rec_desc *d, const void *items, size_t n,
                    size_t total)
{
    buf_add(b, "{\"total\":", 9);
    put_num(b, (long long)total);
    buf_add(b, ",\"items\":[", 10);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_addc(b, ',');
        put_object(b, d, (const char *)items + i * d->size);
    }
    buf_add(b, "]}", 2);
}

/*
 * The same records as jansson values, for the handlers that still assemble jansson lists:
 * built from the same descriptions, member for member (reading the text back cost twice as
 * much as building). test_wire checks that jansson writes them as rec_write does.
 */
static json_t *json_day(day_num d)
{
    char iso[16];
    return d == DAY_NONE ? json_null() : json_string(day_format_iso(d, iso));
}

static json_t *json_text(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *json_span(struct extract_span sp)
{
    return sp.len ? json_pack("[I,I]", (json_int_t)sp.start, (json_int_t)sp.len) : json_null();
}

static json_t *json_record(const struct rec_desc *d, const char *base);

static void json_members(json_t *j, const struct rec_field *f, const char *base)
{
    for (; f->qkey; f++) {
        json_t *v = NULL;
        switch (f->type) {
        case REC_INT:
            v = json_integer(VAL(int64_t, f->off));
            break;
        case REC_INT32: {
            int x = VAL(int, f->off);
            v = x < 0 && (f->flags & REC_NULLABLE) ? json_null() : json_integer(x);
            break;
        }
        case REC_SIZE:
            v = json_integer((json_int_t)VAL(size_t, f->off));
            break;
        case REC_ID: {
            int64_t x = VAL(int64_t, f->off);
            v = x ? json_integer(x) : json_null();
            break;
        }
        case REC_SUM:
            v = json_integer(VAL(int64_t, f->off) + VAL(int64_t, f->off2));
            break;
        case REC_BOOL:
            v = json_boolean(VAL(bool, f->off));
            break;
        case REC_TEXT:
            v = json_text(VAL(const char *, f->off));
            break;
        case REC_DATE:
            v = json_day(VAL(day_num, f->off));
            break;
        case REC_TIME: {
            int m = VAL(int, f->off);
            if (m < 0)
                continue;
            char hm[6] = {(char)('0' + m / 60 % 24 / 10), (char)('0' + m / 60 % 24 % 10), ':',
                          (char)('0' + m % 60 / 10),      (char)('0' + m % 60 % 10),      '\0'};
            v = json_string(hm);
            break;
        }
        case REC_ENUM:
            v = json_string(f->enum_name(VAL(int, f->off)));
            break;
        case REC_REF: {
            int64_t id = VAL(int64_t, f->off);
            if (!id && (f->flags & REC_NULLABLE))
                v = json_null();
            else
                v = json_pack("{s:I,s:o}", "id", (json_int_t)id, "name",
                              json_text(VAL(const char *, f->off2)));
            break;
        }
        case REC_IDS: {
            const int64_t *x = VAL(const int64_t *, f->off);
            if (!x && (f->flags & REC_OPTIONAL))
                continue;
            size_t n = VAL(size_t, f->off2);
            v = json_array();
            for (size_t i = 0; i < n; i++)
                json_array_append_new(v, json_integer(x[i]));
            break;
        }
        case REC_TEXTS: {
            const char *const *x = VAL(const char *const *, f->off);
            if (!x && (f->flags & REC_OPTIONAL))
                continue;
            v = json_array();
            for (size_t i = 0; x && x[i]; i++)
                json_array_append_new(v, json_string(x[i]));
            break;
        }
        case REC_INLINE:
            json_members(j, f->sub->fields, base + f->off);
            continue;
        case REC_OBJECT:
            v = json_record(f->sub, base + f->off);
            break;
        case REC_ARRAY: {
            const char *x = VAL(const char *, f->off);
            size_t n = VAL(size_t, f->off2);
            v = json_array();
            for (size_t i = 0; i < n; i++)
                json_array_append_new(v, json_record(f->sub, x + i * f->sub->size));
            break;
        }
        case REC_JSON: {
            const char *text = VAL(const char *, f->off);
            v = text ? json_loads(text, 0, NULL) : NULL;
            if (!v)
                v = json_null();
            break;
        }
        case REC_COUNT_MAP: {
            const struct doc_type_count *x = VAL(const struct doc_type_count *, f->off);
            size_t n = VAL(size_t, f->off2);
            v = json_object();
            for (size_t i = 0; i < n; i++)
                json_object_set_new(v, x[i].type, json_integer(x[i].count));
            break;
        }
        case REC_TEXTS_N: {
            const char *const *x = VAL(const char *const *, f->off);
            size_t n = VAL(size_t, f->off2);
            v = json_array();
            for (size_t i = 0; i < n; i++)
                json_array_append_new(v, json_text(x[i]));
            break;
        }
        case REC_SPAN:
            v = json_span(VAL(struct extract_span, f->off));
            break;
        case REC_SPANS: {
            const struct extract_span *x = VAL(const struct extract_span *, f->off);
            size_t n = VAL(size_t, f->off2);
            v = json_array();
            for (size_t i = 0; i < n; i++)
                json_array_append_new(v, json_span(x[i]));
            break;
        }
        case REC_HUNDREDTHS:
            v = json_real(hundredths(VAL(double, f->off)));
            break;
        case REC_RATE: {
            /* Its value is the text's number (1, not jansson's 1.0): read back. */
            struct buf b = BUF_INIT(BUF_NO_LIMIT);
            put_rate(&b, (const int64_t *)(const void *)(base + f->off),
                     (f->flags & REC_FORMULA) != 0);
            v = json_loadb(b.data, b.len, 0, NULL);
            buf_release(&b);
            break;
        }
        }
        json_object_set_new_nocheck(j, f->key, v); /* keys: ASCII constants */
    }
}

static json_t *json_record(const struct rec_desc *d, const char *base)
{
    json_t *j = json_object();
    json_members(j, d->fields, base);
    return j;
}

json_t *rec_json(const struct rec_desc *d, const void *rec)
{
    return json_record(d, rec);
}

/* ---- the OpenAPI schemas ---- */

static json_t *ref_to(const char *name)
{
    char ref[96];
    snprintf(ref, sizeof ref, "#/components/schemas/%s", name);
    return json_pack("{s:s}", "$ref", ref);
}

static json_t *type_of(const char *type)
{
    return json_pack("{s:s}", "type", type);
}

static json_t *span_schema(void)
{
    return json_pack("{s:s,s:b,s:{s:s},s:i,s:i,s:s}", "type", "array", "nullable", 1, "items",
                     "type", "integer", "minItems", 2, "maxItems", 2, "description", SPAN_DOC);
}

/* The schema of one member's value. */
static json_t *field_schema(const struct rec_field *f)
{
    json_t *s = NULL;
    switch (f->type) {
    case REC_INT:
    case REC_INT32:
    case REC_SIZE:
    case REC_ID:
    case REC_SUM:
        s = type_of("integer");
        break;
    case REC_BOOL:
        s = type_of("boolean");
        break;
    case REC_TEXT:
        s = type_of("string");
        break;
    case REC_DATE:
        s = json_pack("{s:s,s:s}", "type", "string", "format", "date");
        break;
    case REC_TIME:
        s = json_pack("{s:s,s:s}", "type", "string", "pattern", "^[0-2][0-9]:[0-5][0-9]$");
        break;
    case REC_ENUM: {
        json_t *v = json_array();
        for (int i = f->enum_lo; i <= f->enum_hi; i++)
            json_array_append_new(v, json_string(f->enum_name(i)));
        s = json_pack("{s:s,s:o}", "type", "string", "enum", v);
        break;
    }
    case REC_REF:
        s = ref_to("UnitRef");
        break;
    case REC_IDS:
        s = json_pack("{s:s,s:o}", "type", "array", "items", type_of("integer"));
        break;
    case REC_TEXTS:
        s = json_pack("{s:s,s:o}", "type", "array", "items", type_of("string"));
        break;
    case REC_OBJECT:
        s = ref_to(f->sub->name);
        break;
    case REC_ARRAY:
        s = json_pack("{s:s,s:o}", "type", "array", "items", ref_to(f->sub->name));
        break;
    case REC_JSON:
        s = json_object(); /* any JSON value */
        break;
    case REC_RATE:
        s = ref_to("Rate");
        break;
    case REC_COUNT_MAP:
        s = json_pack("{s:s,s:o}", "type", "object", "additionalProperties", type_of("integer"));
        break;
    case REC_TEXTS_N:
        s = json_pack("{s:s,s:o}", "type", "array", "items", type_of("string"));
        break;
    case REC_SPAN:
        s = span_schema();
        break;
    case REC_SPANS:
        s = json_pack("{s:s,s:o}", "type", "array", "items", span_schema());
        break;
    case REC_HUNDREDTHS:
        s = type_of("number");
        break;
    case REC_INLINE:
        break;
    }
    if (json_object_get(s, "$ref")) {
        /* OpenAPI 3.0 ignores siblings of $ref: null and a description go beside an allOf. */
        json_t *w = json_pack("{s:[o]}", "allOf", s);
        if (f->flags & REC_NULLABLE)
            json_object_set_new(w, "nullable", json_true());
        if (f->doc)
            json_object_set_new(w, "description", json_string(f->doc));
        return w;
    }
    if (f->flags & REC_NULLABLE)
        json_object_set_new(s, "nullable", json_true());
    if (f->doc)
        json_object_set_new(s, "description", json_string(f->doc));
    return s;
}

static void add_members(const struct rec_field *f, json_t *props, json_t *req)
{
    for (; f->qkey; f++) {
        if (f->type == REC_INLINE) {
            add_members(f->sub->fields, props, req);
            continue;
        }
        json_object_set_new(props, f->key, field_schema(f));
        if (!(f->flags & REC_OPTIONAL))
            json_array_append_new(req, json_string(f->key));
    }
}

json_t *rec_schema_json(const struct rec_desc *d)
{
    json_t *props = json_object(), *req = json_array();
    add_members(d->fields, props, req);
    json_t *s = json_pack("{s:s,s:o,s:o}", "type", "object", "properties", props, "required", req);
    if (!d->open)
        json_object_set_new(s, "additionalProperties", json_false());
    if (d->doc)
        json_object_set_new(s, "description", json_string(d->doc));
    return s;
}

json_t *rec_schema_list_json(const struct rec_list_schema *l)
{
    return json_pack("{s:s,s:{s:{s:s},s:{s:s,s:o}},s:[s,s]}", "type", "object", "properties",
                     "total", "type", "integer", "items", "type", "array", "items",
                     ref_to(l->item->name), "required", "total", "items");
}

json_t *rec_schema_shared(const char *name)
{
    if (strcmp(name, "UnitRef") == 0)
        return json_pack("{s:s,s:{s:{s:s},s:{s:s,s:b}},s:[s,s],s:s}", "type", "object",
                         "properties", "id", "type", "integer", "name", "type", "string",
                         "nullable", 1, "required", "id", "name", "description",
                         "Đơn vị: số hiệu và tên ngắn");
    if (strcmp(name, "Rate") == 0)
        return json_pack("{s:s,s:{s:{s:s,s:b,s:s},s:{s:s,s:s},s:{s:s,s:s}},s:[s,s]}", "type",
                         "object", "properties", "value", "type", "number", "nullable", 1,
                         "description", "Tỷ lệ từ 0 đến 1; null khi không có cơ sở để tính", "text",
                         "type", "string", "description",
                         "Viết theo kiểu Việt Nam (\"44,4%\"; \"—\" khi không có cơ sở)", "formula",
                         "type", "string", "description",
                         "Công thức; chỉ có ở cấp trên cùng của câu trả lời, không lặp lại trong "
                         "by_unit",
                         "required", "value", "text");
    return NULL;
}

const char *const rec_shared_schemas[] = {"UnitRef", "Rate", NULL};
