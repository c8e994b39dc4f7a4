/*
 * report/report.c - picking a renderer, and the labels they share (report_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/vnum.h"
#include "report/report_int.h"

int report_format_from_name(const char *name)
{
    if (!name)
        return 0;
    if (strcmp(name, "html") == 0)
        return REPORT_HTML;
    if (strcmp(name, "json") == 0)
        return REPORT_JSON;
    if (strcmp(name, "xlsx") == 0)
        return REPORT_XLSX;
    if (strcmp(name, "pdf") == 0)
        return REPORT_PDF;
    return 0;
}

const char *report_format_mime(enum report_format f)
{
    switch (f) {
    case REPORT_HTML: return "text/html; charset=utf-8";
    case REPORT_JSON: return "application/json";
    case REPORT_XLSX: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case REPORT_PDF: return "application/pdf";
    }
    return "application/octet-stream";
}

/* libxlsxwriter writes files only: a private temporary file, read back and removed. */
static int xlsx_to_buf(const struct briefing *b, struct buf *out, struct error *e)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/giaoban-report-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return error_set(e, ERR_INTERNAL, "", "Không tạo được tệp tạm để xuất Excel");
    close(fd);
    int rc = briefing_xlsx(b, path, e);
    if (!rc) {
        FILE *f = fopen(path, "rb");
        if (!f) {
            rc = error_set(e, ERR_INTERNAL, "", "Không đọc lại được tệp Excel vừa xuất");
        } else {
            char chunk[65536];
            size_t n;
            while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
                buf_add(out, chunk, n);
            fclose(f);
        }
    }
    unlink(path);
    return rc;
}

int report_briefing(const struct briefing *b, enum report_format f, struct buf *out,
                    struct error *e)
{
    switch (f) {
    case REPORT_JSON: {
        json_t *j = briefing_json(b);
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(j);
        if (!s)
            return error_set(e, ERR_INTERNAL, "", "Không tạo được JSON của báo cáo");
        buf_adds(out, s);
        buf_addc(out, '\n');
        free(s);
        break;
    }
    case REPORT_HTML: briefing_html(b, out); break;
    case REPORT_XLSX: return xlsx_to_buf(b, out, e);
    case REPORT_PDF: return briefing_pdf(b, out, e);
    default: return error_set(e, ERR_INVALID, "format", "Định dạng báo cáo không hợp lệ");
    }
    if (out->failed)
        return error_set(e, ERR_TOO_BIG, "", "Báo cáo quá lớn");
    return ERR_OK;
}

const char *rep_count(char out[32], int64_t n)
{
    struct buf b = BUF_INIT(31);
    buf_add_vnum(&b, n);
    snprintf(out, 32, "%s", b.data);
    buf_release(&b);
    return out;
}

const char *rep_figure(char out[48], const struct indicator_figure *f)
{
    if (!f->has) {
        snprintf(out, 48, "—");
        return out;
    }
    struct buf b = BUF_INIT(47);
    vnum_add(&b, f->value, 1);
    snprintf(out, 48, "%s", b.data);
    buf_release(&b);
    return out;
}

const char *rep_percent(char out[32], bool has, int64_t tenths)
{
    if (!has) {
        snprintf(out, 32, "—");
        return out;
    }
    struct buf b = BUF_INIT(31);
    vnum_add_percent(&b, tenths);
    snprintf(out, 32, "%s", b.data);
    buf_release(&b);
    return out;
}

const char *rep_title(char out[160], const struct briefing *b)
{
    snprintf(out, 160, "Kết quả thực hiện nhiệm vụ tháng %d năm %d", b->month, b->year);
    return out;
}

size_t rep_task_rows(const struct briefing *b, struct rep_task_row rows[12])
{
    const int64_t *c = b->tasks.c;
    size_t n = 0;
    rows[n++] = (struct rep_task_row){"Tổng số nhiệm vụ được giao", c[CNT_ASSIGNED]};
    rows[n++] = (struct rep_task_row){"Đã hoàn thành trước hạn", c[CNT_DONE_BEFORE]};
    rows[n++] = (struct rep_task_row){"Đã hoàn thành đúng hạn", c[CNT_DONE_ON_DAY]};
    rows[n++] = (struct rep_task_row){"Đã hoàn thành quá hạn", c[CNT_DONE_LATE]};
    rows[n++] = (struct rep_task_row){"Chưa hoàn thành, trong hạn", c[CNT_OPEN_IN_TIME]};
    rows[n++] = (struct rep_task_row){"  trong đó sắp đến hạn", c[CNT_DUE_SOON]};
    rows[n++] = (struct rep_task_row){"Chưa hoàn thành, quá hạn", c[CNT_OPEN_OVERDUE]};
    rows[n++] = (struct rep_task_row){"Thường xuyên (không có thời hạn), đã hoàn thành",
                                      c[CNT_NODL_DONE]};
    rows[n++] = (struct rep_task_row){"Thường xuyên (không có thời hạn), đang thực hiện",
                                      c[CNT_NODL_OPEN]};
    rows[n++] = (struct rep_task_row){"Đang chờ xác nhận hoàn thành", c[CNT_AWAITING]};
    return n;
}

size_t rep_tally_rows(const struct dossier_tally *m, const struct dossier_tally *y,
                      struct rep_tally_row rows[10])
{
    size_t n = 0;
    rows[n++] = (struct rep_tally_row){"Kỳ trước chuyển sang", m->carried, y->carried};
    rows[n++] = (struct rep_tally_row){"Tiếp nhận trong kỳ", m->received, y->received};
    rows[n++] = (struct rep_tally_row){"Tổng số phải giải quyết", dossier_tally_in_hand(m),
                                       dossier_tally_in_hand(y)};
    rows[n++] = (struct rep_tally_row){"Đã giải quyết đúng hạn", m->done_on_time, y->done_on_time};
    rows[n++] = (struct rep_tally_row){"Đã giải quyết quá hạn", m->done_late, y->done_late};
    rows[n++] = (struct rep_tally_row){"Đang giải quyết, trong hạn", m->open_in_time,
                                       y->open_in_time};
    rows[n++] = (struct rep_tally_row){"Đang giải quyết, quá hạn", m->open_overdue,
                                       y->open_overdue};
    return n;
}
