/*
 * report/briefing_html.c - the briefing report as one printable HTML page.
 *
 * Self-contained (inline CSS, no script, no external resource), so it can
 * be mailed, archived or printed as is; A4 margins come from @page. Every
 * text from the data is escaped where it is written (add_text), numbers are
 * formatted the Vietnamese way by report.c's helpers.
 */
#include <stdio.h>
#include <string.h>

#include "report/report_int.h"

static void add_text(struct buf *o, const char *s)
{
    if (!s)
        return;
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_adds(o, "&amp;"); break;
        case '<': buf_adds(o, "&lt;"); break;
        case '>': buf_adds(o, "&gt;"); break;
        case '"': buf_adds(o, "&quot;"); break;
        case '\'': buf_adds(o, "&#39;"); break;
        default: buf_addc(o, *s);
        }
    }
}

static void cell(struct buf *o, const char *tag, const char *cls, const char *text)
{
    buf_addf(o, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    add_text(o, text);
    buf_addf(o, "</%s>", tag);
}

static void num_cell(struct buf *o, int64_t n)
{
    char c[32];
    cell(o, "td", "n", rep_count(c, n));
}

static const char css[] =
    "@page{size:A4;margin:20mm 15mm 20mm 30mm}"
    "body{font-family:'Liberation Serif','Times New Roman',serif;font-size:13pt;"
    "line-height:1.35;max-width:170mm;margin:auto;color:#000}"
    ".head{display:flex;justify-content:space-between;text-align:center}"
    ".head div{width:48%}.b{font-weight:bold}.i{font-style:italic}"
    ".rule{border-top:1px solid #000;width:40%;margin:2px auto 6px}"
    "h1{font-size:14pt;text-align:center;margin:18px 0 0}"
    "h2{font-size:13pt;margin:14px 0 4px}"
    ".sub{text-align:center;font-weight:bold;margin:0 0 12px}"
    "p{text-align:justify;text-indent:1cm;margin:4px 0}"
    "table{border-collapse:collapse;width:100%;font-size:12pt;margin:4px 0 8px}"
    "th,td{border:1px solid #000;padding:2px 4px;vertical-align:top}"
    "th{font-weight:bold;text-align:center}td.n{text-align:right;white-space:nowrap}"
    ".sign{display:flex;justify-content:space-between;margin-top:16px}"
    ".sign div{width:48%}.sign .r{text-align:center}"
    ".none{font-style:italic}.up{text-transform:uppercase}"
    "@media print{h2{page-break-after:avoid}tr{page-break-inside:avoid}}";

static void header(struct buf *o, const struct briefing *b)
{
    char d[48], t[160];
    buf_adds(o, "<div class=\"head\"><div>");
    if (b->parent_name && strncmp(b->unit_name, "Ủy ban nhân dân", strlen("Ủy ban nhân dân")) != 0) {
        buf_adds(o, "<div>");
        add_text(o, b->parent_name);
        buf_adds(o, "</div>");
    }
    buf_adds(o, "<div class=\"b\">");
    add_text(o, b->unit_name);
    buf_adds(o, "</div><div class=\"rule\"></div><div>Số: &nbsp;&nbsp;&nbsp;&nbsp;/BC-UBND</div>"
                "</div><div><div class=\"b\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>"
                "<div class=\"b\">Độc lập - Tự do - Hạnh phúc</div><div class=\"rule\"></div>"
                "<div class=\"i\">");
    add_text(o, b->place);
    buf_adds(o, ", ");
    add_text(o, day_format_vn_long(b->as_of, d));
    buf_adds(o, "</div></div></div>\n<h1>BÁO CÁO</h1><div class=\"sub\">");
    add_text(o, rep_title(t, b));
    buf_adds(o, "</div>\n");
}

static void tally_table(struct buf *o, const struct dossier_tally *m,
                        const struct dossier_tally *y, int month)
{
    struct rep_tally_row rows[10];
    size_t n = rep_tally_rows(m, y, rows);
    buf_addf(o, "<table><tr><th>Chỉ tiêu</th><th>Tháng %d</th><th>Từ đầu năm</th></tr>", month);
    for (size_t i = 0; i < n; i++) {
        buf_adds(o, "<tr>");
        cell(o, "td", NULL, rows[i].label);
        num_cell(o, rows[i].month);
        num_cell(o, rows[i].ytd);
        buf_adds(o, "</tr>");
    }
    char p1[32], p2[32];
    int64_t t1 = 0, t2 = 0;
    bool h1 = dossier_tally_on_time(m, &t1), h2 = dossier_tally_on_time(y, &t2);
    buf_adds(o, "<tr><td>Tỷ lệ đúng hạn (");
    add_text(o, dossier_rate_formula);
    buf_adds(o, ")</td>");
    cell(o, "td", "n", rep_percent(p1, h1, t1));
    cell(o, "td", "n", rep_percent(p2, h2, t2));
    buf_adds(o, "</tr></table>\n");
}

void briefing_html(const struct briefing *b, struct buf *o)
{
    char c[32], c2[32], d[16], t[160];
    buf_adds(o, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>");
    add_text(o, b->unit_short);
    buf_adds(o, " - ");
    add_text(o, rep_title(t, b));
    buf_addf(o, "</title><style>%s</style></head><body>\n", css);
    header(o, b);

    buf_adds(o, "<p>");
    add_text(o, b->opening);
    buf_adds(o, "</p>\n");

    buf_adds(o, "<h2>I. Công tác chỉ đạo, điều hành và văn bản</h2><table>"
                "<tr><th>Nội dung</th><th>Số lượng</th></tr>");
    static const char *const dl[] = {"Thông báo kết luận đã ban hành", "Văn bản đến đã tiếp nhận",
                                     "Văn bản đến đã xử lý trong tháng", "Văn bản đi đã ban hành"};
    int64_t dv[] = {b->docs_notices, b->docs_incoming, b->docs_processed, b->docs_outgoing};
    for (int i = 0; i < 4; i++) {
        buf_adds(o, "<tr>");
        cell(o, "td", NULL, dl[i]);
        num_cell(o, dv[i]);
        buf_adds(o, "</tr>");
    }
    buf_adds(o, "</table>\n");

    buf_adds(o, "<h2>II. Thực hiện nhiệm vụ tại các thông báo kết luận</h2>");
    buf_adds(o, "<p>Tính đến ngày ");
    add_text(o, day_format_vn(b->as_of, d));
    buf_adds(o, ", các nhiệm vụ do ");
    add_text(o, b->unit_short);
    buf_adds(o, " giao:</p><table><tr><th>Tình hình</th><th>Số nhiệm vụ</th></tr>");
    struct rep_task_row tr[12];
    size_t nt = rep_task_rows(b, tr);
    for (size_t i = 0; i < nt; i++) {
        buf_adds(o, "<tr>");
        cell(o, "td", NULL, tr[i].label);
        num_cell(o, tr[i].value);
        buf_adds(o, "</tr>");
    }
    int64_t tenths;
    bool has = summary_on_time_tenths(b->tasks.c, &tenths);
    buf_adds(o, "<tr><td>Tỷ lệ đúng hạn (");
    add_text(o, summary_rate_formula);
    buf_adds(o, ")</td>");
    cell(o, "td", "n", rep_percent(c, has, tenths));
    buf_adds(o, "</tr></table>\n");
    if (b->tasks.n_by_unit) {
        buf_adds(o, "<table><tr><th>Đơn vị chủ trì</th><th>Được giao</th><th>Hoàn thành đúng "
                    "hạn</th><th>Hoàn thành quá hạn</th><th>Chưa hoàn thành, trong hạn</th>"
                    "<th>Chưa hoàn thành, quá hạn</th><th>Thường xuyên</th></tr>");
        for (size_t i = 0; i < b->tasks.n_by_unit; i++) {
            const int64_t *x = b->tasks.by_unit[i].c;
            buf_adds(o, "<tr>");
            cell(o, "td", NULL, b->tasks.by_unit[i].name);
            num_cell(o, x[CNT_ASSIGNED]);
            num_cell(o, x[CNT_DONE_BEFORE] + x[CNT_DONE_ON_DAY]);
            num_cell(o, x[CNT_DONE_LATE]);
            num_cell(o, x[CNT_OPEN_IN_TIME]);
            num_cell(o, x[CNT_OPEN_OVERDUE]);
            num_cell(o, x[CNT_NODL_DONE] + x[CNT_NODL_OPEN]);
            buf_adds(o, "</tr>");
        }
        buf_adds(o, "</table>\n");
    }
    buf_addf(o, "<p class=\"b\">Các nội dung chưa hoàn thành đúng thời gian yêu cầu (%zu):</p>",
             b->tasks.n_overdue);
    if (b->tasks.n_overdue) {
        buf_adds(o, "<table><tr><th>TT</th><th>Nội dung công việc</th><th>Đơn vị chủ trì</th>"
                    "<th>Hạn</th><th>Số ngày quá hạn</th></tr>");
        for (size_t i = 0; i < b->tasks.n_overdue; i++) {
            const struct overdue_item *x = &b->tasks.overdue[i];
            buf_adds(o, "<tr>");
            num_cell(o, (int64_t)i + 1);
            cell(o, "td", NULL, x->content);
            cell(o, "td", NULL, x->lead_name);
            cell(o, "td", "n", day_format_vn(x->deadline, d));
            num_cell(o, x->days_overdue);
            buf_adds(o, "</tr>");
        }
        buf_adds(o, "</table>\n");
    }

    buf_adds(o, "<h2>III. Giải quyết thủ tục hành chính</h2>");
    tally_table(o, &b->dossiers, &b->dossiers_ytd, b->month);

    buf_adds(o, "<h2>IV. Tiếp nhận, giải quyết đơn thư, kiến nghị</h2><table><tr><th>Loại</th>"
                "<th>Phải giải quyết trong tháng</th><th>Đã giải quyết</th><th>Quá hạn</th>"
                "<th>Từ đầu năm: đã giải quyết / phải giải quyết</th></tr>");
    for (int k = 1; k < PETITION_KIND_N; k++) {
        const struct dossier_tally *m = &b->petitions[k], *y = &b->petitions_ytd[k];
        buf_adds(o, "<tr>");
        cell(o, "td", NULL, petition_kind_label((enum petition_kind)k));
        num_cell(o, dossier_tally_in_hand(m));
        num_cell(o, m->done_on_time + m->done_late);
        num_cell(o, m->done_late + m->open_overdue);
        char both[80];
        snprintf(both, sizeof both, "%s/%s", rep_count(c, y->done_on_time + y->done_late),
                 rep_count(c2, dossier_tally_in_hand(y)));
        cell(o, "td", "n", both);
        buf_adds(o, "</tr>");
    }
    buf_adds(o, "</table>\n");

    buf_adds(o, "<h2>V. Một số chỉ tiêu kinh tế - xã hội</h2>");
    if (!b->n_indicators) {
        buf_adds(o, "<p class=\"none\">Chưa có số liệu chỉ tiêu của tháng.</p>\n");
    } else {
        buf_addf(o, "<table><tr><th>Chỉ tiêu</th><th>Đơn vị tính</th><th>Tháng %d</th>"
                    "<th>Lũy kế</th><th>Cùng kỳ</th><th>So cùng kỳ</th><th>Kế hoạch năm</th>"
                    "<th>So kế hoạch</th></tr>",
                 b->month);
        for (size_t i = 0; i < b->n_indicators; i++) {
            const struct briefing_indicator *bi = &b->indicators[i];
            char f[48];
            buf_adds(o, "<tr>");
            char name[400];
            snprintf(name, sizeof name, "%s (%s)", bi->ind.name, bi->period_text);
            cell(o, "td", NULL, name);
            cell(o, "td", NULL, bi->ind.measure);
            cell(o, "td", "n", rep_figure(f, &bi->month_value));
            cell(o, "td", "n", rep_figure(f, &bi->ytd));
            cell(o, "td", "n", rep_figure(f, &bi->ytd_prev));
            cell(o, "td", NULL, bi->compare_text);
            cell(o, "td", "n", rep_figure(f, &bi->plan));
            cell(o, "td", NULL, bi->plan_text);
            buf_adds(o, "</tr>");
        }
        buf_adds(o, "</table>\n");
    }

    buf_adds(o, "<h2>VI. Tồn tại, hạn chế</h2>");
    if (b->shortcomings_text && *b->shortcomings_text) {
        buf_adds(o, "<p>");
        add_text(o, b->shortcomings_text);
        buf_adds(o, "</p>\n");
    } else {
        buf_adds(o, "<p class=\"none\">Không có nội dung quá hạn.</p>\n");
    }

    buf_adds(o, "<h2>VII. Nhiệm vụ đến hạn trong tháng tới</h2>");
    if (!b->n_due_next) {
        buf_adds(o, "<p class=\"none\">Không có nhiệm vụ đến hạn trong tháng tới.</p>\n");
    } else {
        buf_adds(o, "<table><tr><th>TT</th><th>Nội dung công việc</th><th>Đơn vị chủ trì</th>"
                    "<th>Hạn</th></tr>");
        for (size_t i = 0; i < b->n_due_next; i++) {
            buf_adds(o, "<tr>");
            num_cell(o, (int64_t)i + 1);
            cell(o, "td", NULL, b->due_next[i].content);
            cell(o, "td", NULL, b->due_next[i].lead_name);
            cell(o, "td", "n", day_format_vn(b->due_next[i].deadline, d));
            buf_adds(o, "</tr>");
        }
        buf_adds(o, "</table>\n");
    }

    buf_adds(o, "<div class=\"sign\"><div><div class=\"b i\">Nơi nhận:</div>"
                "<div>- Thường trực HĐND, UBND;</div><div>- Các phòng, ban, đơn vị;</div>"
                "<div>- Lưu: VT.</div></div><div class=\"r\"><div class=\"b\">TM. ỦY BAN NHÂN DÂN</div>"
                "<div class=\"b up\">");
    add_text(o, b->head_title ? b->head_title : "Chủ tịch");
    buf_adds(o, "</div><div style=\"height:70px\"></div><div class=\"b\">");
    add_text(o, b->head_name);
    buf_adds(o, "</div></div></div>\n</body></html>\n");
}
